#!/usr/bin/env python3
"""The reference a platform team would script in Python: tomllib + networkx.

Loads every file of a control-center tree, builds the dependency graph (an edge from each
service to each service it requires or optionally uses), finds the cycles as the strongly
connected components with more than one service (or a self-loop: `simple_cycles` is
exponential), and collects the transitive consumers of a hub (`networkx.ancestors`). Prints
the counts and the time of each step as JSON, in seconds.

    python3 benches/python/reference.py TREE [--hub ID]
"""

import argparse
import json
import sys
import time
import tomllib
from pathlib import Path

import networkx as nx

# The files the format reads (format section 1); anything else is ignored.
PATTERNS = (
    "services/catalog.toml",
    "services/patterns.toml",
    "services/versions.toml",
    "policies/security.toml",
    "policies/compliance.toml",
    "policies/sla.toml",
    "projects/*/services.toml",
    "projects/*/deployment.toml",
    "projects/*/monitoring.toml",
)


def load(root):
    """Parses every file of the tree: ({relative path: document}, bytes read)."""
    documents, size = {}, 0
    for pattern in PATTERNS:
        for path in sorted(root.glob(pattern)):
            data = path.read_bytes()
            size += len(data)
            documents[path.relative_to(root).as_posix()] = tomllib.loads(data.decode("utf-8"))
    return documents, size


def dependency_id(entry):
    """The service an entry names: "id", "id@REQ" or { service = "id", ... }."""
    if isinstance(entry, str):
        return entry.split("@", 1)[0]
    if isinstance(entry, dict):
        return entry.get("service")
    return None


def build_graph(documents):
    """A DiGraph with an edge from each service to each known service it depends on."""
    services = {}
    for path, document in documents.items():
        if path == "services/catalog.toml" or path.endswith("/services.toml"):
            for service_id, table in document.get("service", {}).items():
                services.setdefault(service_id, table)
    graph = nx.DiGraph()
    graph.add_nodes_from(services)
    unknown = 0
    for service_id, table in services.items():
        dependencies = table.get("dependencies", {})
        for key in ("requires", "optional"):
            for entry in dependencies.get(key, []):
                target = dependency_id(entry)
                if target in services:
                    graph.add_edge(service_id, target)
                else:
                    unknown += 1
    return graph, unknown


def cycles(graph):
    """Every strongly connected component that is a cycle, as a sorted list of ids."""
    return [
        sorted(component)
        for component in nx.strongly_connected_components(graph)
        if len(component) > 1 or graph.has_edge(next(iter(component)), next(iter(component)))
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tree", type=Path, help="root of a control-center tree")
    parser.add_argument("--hub", default="platform-auth", help="service whose consumers to collect")
    args = parser.parse_args()
    if not args.tree.is_dir():
        print(f"error: {args.tree} is not a directory", file=sys.stderr)
        return 2

    started = time.perf_counter()
    documents, size = load(args.tree)
    loaded = time.perf_counter()
    graph, unknown = build_graph(documents)
    built = time.perf_counter()
    found = cycles(graph)
    cycled = time.perf_counter()
    consumers = nx.ancestors(graph, args.hub) if args.hub in graph else set()
    finished = time.perf_counter()

    print(
        json.dumps(
            {
                "files": len(documents),
                "bytes": size,
                "services": graph.number_of_nodes(),
                "edges": graph.number_of_edges(),
                "unknown_dependencies": unknown,
                "cycles": len(found),
                "largest_cycle": max((len(c) for c in found), default=0),
                "hub": args.hub,
                "hub_consumers": len(consumers),
                "seconds": {
                    "load": round(loaded - started, 4),
                    "graph": round(built - loaded, 4),
                    "cycles": round(cycled - built, 4),
                    "ancestors": round(finished - cycled, 4),
                    "total": round(finished - started, 4),
                },
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
