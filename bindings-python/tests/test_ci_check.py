"""The real client: `examples/ci_check.py` run inside a throwaway git repository with two
commits, the way a CI job runs it."""

import json
import subprocess
import sys
from pathlib import Path

from conftest import RICH_TREE, write_tree
from test_impact import git, major_bump

SCRIPT = Path(__file__).resolve().parents[1] / "examples" / "ci_check.py"


def run(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--tree", "catalog", "--today", "2026-01-15", *args],
        cwd=repo,
        capture_output=True,
        text=True,
    )


def test_ci_check_reports_a_breaking_change_and_fails(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    write_tree(repo / "catalog", RICH_TREE)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "checkout", "-q", "-b", "feature")
    write_tree(repo / "catalog", major_bump())
    git(repo, "commit", "-q", "-am", "bump shared-auth to 3.0.0")

    done = run(repo, "--base-rev", "main")
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith("impact: fail")
    markdown = (repo / "impact.md").read_text(encoding="utf-8")
    assert "shared-auth" in markdown and "change/breaking-without-guide" in markdown
    sarif = json.loads((repo / "impact.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    rules = {r["ruleId"] for r in sarif["runs"][0]["results"]}
    assert "change/breaking-without-guide" in rules

    # The branch against itself changes nothing and passes.
    done = run(repo, "--base-rev", "HEAD")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("impact: pass")


def test_ci_check_cannot_run_on_an_unknown_revision(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    write_tree(repo / "catalog", RICH_TREE)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    done = run(repo, "--base-rev", "no-such-rev")
    assert done.returncode == 2
    assert "invalid-argument" in done.stderr
