#!/usr/bin/env python3
"""The Python binding against the pure-Python reference, on the same generated trees, in one run.

For each size, the binding does `Catalog.load` + a full `check` (every finding of format
sections 3-7); the reference (`reference.py`: tomllib + networkx) does less: it parses every
file, builds the dependency graph, finds the cycles (strongly connected components) and the
ancestors of the hub. When rtoml and rustworkx are installed, the same lesser work with them
(the fastest Python stack) is timed too. Then the cost of one `consumers(id, transitive=True)`
call through the binding: for a service nothing depends on (the fixed cost of crossing into
Rust and back) and for the hub that every service reaches (each answer with its path as a
dict). Prints a table of medians and the ratios.

    pip install ./bindings-python -r benches/python/requirements.txt [rtoml rustworkx]
    python benches/python/bench_binding.py [--services 10000 100000] [--runs 3]

Trees come from the Rust generator and are kept in the temporary folder between runs.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

import networkx as nx

import service_catalog

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))
import reference  # noqa: E402  (beside this file)

TODAY = "2026-01-15"
"""The date the generated lifecycle dates are consistent with (the generator's `TODAY`)."""

HUB = "platform-auth"
"""The service every generated service reaches (the generator's `HUBS[0]`)."""


def generated_tree(services: int) -> Path:
    """The folder of a generated tree of `services` services, generated on first use."""
    folder = Path(tempfile.gettempdir()) / f"service-catalog-python-bench-{services}"
    done = folder / ".complete"
    if not done.exists():
        print(f"generating a tree of {services} services in {folder}", file=sys.stderr)
        subprocess.run(
            [
                "cargo",
                "run",
                "--release",
                "--quiet",
                "-p",
                "service-catalog-bench",
                "--bin",
                "generate",
                "--",
                "--services",
                str(services),
                "--out",
                str(folder),
                "--force",
            ],
            cwd=REPO,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        done.touch()
    return folder


def median_seconds(runs: int, work: Callable[..., Any], *args: Any) -> Tuple[float, Any]:
    """The median wall time of `runs` calls of `work(*args)`, and the last call's result."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = work(*args)
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def binding(tree: Path) -> service_catalog.Report:
    """Load + full check through the binding."""
    return service_catalog.Catalog.load(tree).check(TODAY)


def networkx_reference(tree: Path) -> Dict[str, Any]:
    """The reference's lesser work: parse, graph, cycles, ancestors of the hub."""
    documents, _ = reference.load(tree)
    graph, _ = reference.build_graph(documents)
    cycles = reference.cycles(graph)
    consumers = nx.ancestors(graph, HUB) if HUB in graph else set()
    return {"services": graph.number_of_nodes(), "cycles": len(cycles), "hub": len(consumers)}


def fastest_stack() -> Optional[Callable[[Path], Dict[str, Any]]]:
    """The same lesser work with rtoml and rustworkx, when both are installed."""
    try:
        import rtoml
        import rustworkx
    except ImportError:
        return None

    def run(tree: Path) -> Dict[str, Any]:
        services: Dict[str, Any] = {}
        for pattern in reference.PATTERNS:
            for path in sorted(tree.glob(pattern)):
                document = rtoml.loads(path.read_text(encoding="utf-8"))
                if pattern.endswith("services.toml") or pattern == "services/catalog.toml":
                    for service_id, table in document.get("service", {}).items():
                        services.setdefault(service_id, table)
        graph = rustworkx.PyDiGraph()
        index = {service_id: graph.add_node(service_id) for service_id in services}
        edges = []
        for service_id, table in services.items():
            dependencies = table.get("dependencies", {})
            for key in ("requires", "optional"):
                for entry in dependencies.get(key, []):
                    target = reference.dependency_id(entry)
                    if target in index:
                        edges.append((index[service_id], index[target], None))
        graph.add_edges_from(edges)
        cycles = [c for c in rustworkx.strongly_connected_components(graph) if len(c) > 1]
        consumers = rustworkx.ancestors(graph, index[HUB]) if HUB in index else set()
        return {"services": len(index), "cycles": len(cycles), "hub": len(consumers)}

    return run


def call_cost(catalog: service_catalog.Catalog, service: str, calls: int) -> Tuple[float, int]:
    """Median seconds of one `consumers(service, transitive=True)` call, and its answer count."""
    answers = len(catalog.consumers(service, transitive=True))
    seconds, _ = median_seconds(calls, catalog.consumers, service, True)
    return seconds, answers


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--services", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3, help="runs of each side (median)")
    args = parser.parse_args(argv)
    fast = fastest_stack()
    print(
        f"python {sys.version.split()[0]}, service-catalog {service_catalog.__version__}, "
        f"networkx {nx.__version__}, cpus {os.cpu_count()}"
    )
    if fast is None:
        print("rtoml + rustworkx not installed: that column is left out")
    for services in args.services:
        tree = generated_tree(services)
        ours, report = median_seconds(args.runs, binding, tree)
        theirs, ref = median_seconds(args.runs, networkx_reference, tree)
        print(
            f"\n{services} services ({ref['services']} in the graph, {ref['cycles']} cycles; "
            f"binding: {report!r})"
        )
        print(f"  binding load + full check      {ours:8.3f} s")
        print(f"  tomllib + networkx (less work) {theirs:8.3f} s   {theirs / ours:6.1f}x slower")
        if fast is not None:
            quick, _ = median_seconds(args.runs, fast, tree)
            print(f"  rtoml + rustworkx (less work)  {quick:8.3f} s   {quick / ours:6.1f}x slower")
        catalog = service_catalog.Catalog.load(tree)
        owned = (s for p in catalog.projects() for s in p["services"])
        leaf = next(s for s in owned if not catalog.consumers(s))
        fixed, _ = call_cost(catalog, leaf, 2001)
        hub, answers = call_cost(catalog, HUB, max(args.runs, 5))
        print(f"  consumers({leaf!r}, transitive=True): {fixed * 1e6:8.1f} us (no answers)")
        print(
            f"  consumers({HUB!r}, transitive=True): {hub * 1e3:8.1f} ms "
            f"({answers} answers with paths, reference ancestors: {ref['hub']})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
