#!/usr/bin/env python3
"""A CI check in a few lines: the impact of the current branch against a base revision.

Writes the Markdown comment for the pull request and a SARIF file for code scanning, prints
the verdict, and exits 1 when the change fails (0 on pass or warn, 2 when it cannot run)::

    python ci_check.py --base-rev origin/main --tree catalog \\
        --markdown impact.md --sarif impact.sarif
"""

import argparse
import datetime
import sys
from pathlib import Path

from service_catalog import Catalog, CatalogError, impact


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-rev", default="origin/main", help="git revision to compare with")
    parser.add_argument("--tree", type=Path, default=Path("."), help="the control-center tree")
    parser.add_argument("--markdown", type=Path, default=Path("impact.md"))
    parser.add_argument("--sarif", type=Path, default=Path("impact.sarif"))
    parser.add_argument("--today", type=datetime.date.fromisoformat, default=None)
    args = parser.parse_args()

    try:
        base = Catalog.from_git(args.base_rev, args.tree)
        head = Catalog.load(args.tree)
    except CatalogError as err:
        print(f"error: {err} ({err.code})", file=sys.stderr)
        return 2

    report = impact(base, head, today=args.today)
    args.markdown.write_text(report.to_markdown(), encoding="utf-8")
    args.sarif.write_text(report.to_sarif(), encoding="utf-8")

    summary = report.summary
    print(
        f"impact: {report.verdict} ({summary['errors']} errors, {summary['warnings']} warnings, "
        f"{len(report.affected_projects)} affected projects)"
    )
    for project in report.affected_projects:
        how = "direct" if project["direct"] else "transitive"
        print(f"  {project['id']} ({how}): {' -> '.join(project['path'])}")
    return 1 if report.verdict == "fail" else 0


if __name__ == "__main__":
    sys.exit(main())
