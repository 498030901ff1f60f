"""Comparing revisions: `diff`, `impact`, `Catalog.from_git` and the `impact` command."""

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Dict, List

import pytest

import service_catalog
from service_catalog import (
    Catalog,
    CatalogIOError,
    ChangeSet,
    ImpactReport,
    ImpactReportDict,
    InvalidArgumentError,
    diff,
    impact,
)

from conftest import RICH_TREE, write_tree
from shapes import conforms

TODAY = "2026-01-15"


def major_bump() -> Dict[str, str]:
    """`RICH_TREE` with shared-auth moved to 3.0.0 (shop-web's `^2.0` breaks) and described anew."""
    files = dict(RICH_TREE)
    files["services/catalog.toml"] = (
        RICH_TREE["services/catalog.toml"]
        .replace('"2.1.0"', '"3.0.0"')
        .replace('"single sign-on"', '"single sign-on, version 3"')
    )
    return files


def test_diff_classifies_each_change() -> None:
    changes = diff(Catalog.from_files(RICH_TREE), Catalog.from_files(major_bump()))
    assert conforms(changes, ChangeSet) == []
    (change,) = changes["services"]
    assert change["id"] == "shared-auth" and change["kind"] == "major"
    assert (change["from_version"], change["to_version"]) == ("2.1.0", "3.0.0")
    assert change["fields"] == [
        {
            "field": "description",
            "from": "single sign-on",
            "to": "single sign-on, version 3",
            "metadata": True,
        }
    ]
    same = Catalog.from_files(RICH_TREE)
    assert diff(same, same) == {"services": []}


def test_impact_of_a_breaking_change() -> None:
    report = impact(Catalog.from_files(RICH_TREE), Catalog.from_files(major_bump()), TODAY)
    assert isinstance(report, ImpactReport)
    assert report.verdict == "fail" and report.summary["errors"] >= 1
    assert report.broken_consumers == [
        {
            "consumer": "shop-web",
            "project": "shop",
            "service": "shared-auth",
            "requirement": "^2.0",
            "old_version": "2.1.0",
            "new_version": "3.0.0",
        }
    ]
    assert [p["id"] for p in report.affected_projects] == ["shop"]
    assert report.affected_projects[0]["path"] == ["shop-web", "shared-auth"]
    assert "change/breaking-without-guide" in {f["code"] for f in report.findings}
    assert [n["project"] for n in report.notifications] == ["shop"]
    assert report.changes["services"][0]["kind"] == "major"
    assert repr(report).startswith("<ImpactReport fail: ")


def test_impact_renderings_and_types() -> None:
    report = impact(Catalog.from_files(RICH_TREE), Catalog.from_files(major_bump()), TODAY)
    as_dict = report.to_dict()
    assert conforms(as_dict, ImpactReportDict) == []
    assert json.loads(report.to_json()) == as_dict
    assert as_dict["findings"] == report.findings
    assert json.loads(report.to_sarif())["version"] == "2.1.0"
    assert "shared-auth" in report.to_markdown()
    assert "broken consumers" in report.to_text() and "\x1b[" in report.to_text(color=True)


def test_no_change_passes() -> None:
    same = Catalog.from_files(RICH_TREE)
    report = impact(same, same, TODAY)
    assert report.verdict == "pass"
    assert report.changes == {"services": []} and report.findings == []
    assert impact(same, same).to_dict() == impact(same, same, datetime.date.today()).to_dict()


def git(repo: Path, *args: str) -> None:
    """Runs git in `repo` with a throwaway identity."""
    subprocess.run(
        ["git", "-c", "user.name=test", "-c", "user.email=test@example.com", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository with two commits of a tree in `catalog/`: base, then the major bump."""
    repo = tmp_path / "repo"
    write_tree(repo / "catalog", RICH_TREE)
    (repo / "README.md").write_text("not part of the tree\n", encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    write_tree(repo / "catalog", major_bump())
    git(repo, "commit", "-q", "-am", "bump shared-auth")
    return repo


def test_from_git_reads_a_revision_without_a_checkout(repo: Path) -> None:
    tree = repo / "catalog"
    base = Catalog.from_git("HEAD~1", tree)
    assert base.root == f"{tree}@HEAD~1"
    assert base.service("shared-auth")["version"] == "2.1.0"
    assert Catalog.from_git("HEAD", tree).services() == Catalog.load(tree).services()
    assert impact(base, Catalog.load(tree), TODAY).verdict == "fail"


def test_from_git_errors(repo: Path, tmp_path: Path) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        Catalog.from_git("no-such-rev", repo / "catalog")
    assert caught.value.argument == "rev"
    outside = tmp_path / "not-a-repo"
    outside.mkdir()
    with pytest.raises(CatalogIOError):
        Catalog.from_git("HEAD", outside)


def run(*args: str, cwd: Path) -> "subprocess.CompletedProcess[str]":
    """Runs `python -m service_catalog ARGS` in `cwd`."""
    return subprocess.run(
        [sys.executable, "-m", "service_catalog", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )


def test_impact_command_against_a_base_folder(tmp_path: Path) -> None:
    base = write_tree(tmp_path / "base", RICH_TREE)
    head = write_tree(tmp_path / "head", major_bump())
    result = run(
        "impact",
        "--base",
        str(base),
        "--head",
        str(head),
        "--today",
        TODAY,
        "--format",
        "json",
        cwd=tmp_path,
    )
    assert result.returncode == 1, result.stderr
    expected = impact(Catalog.load(base), Catalog.load(head), TODAY).to_json()
    assert result.stdout == expected
    same = run("impact", "--base", str(base), "--head", str(base), "--today", TODAY, cwd=tmp_path)
    assert same.returncode == 0, same.stderr


def test_impact_command_against_a_git_revision(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree = repo / "catalog"
    monkeypatch.chdir(tree)
    result = run("impact", "--base-rev", "HEAD~1", "--today", TODAY, "--format", "json", cwd=tree)
    assert result.returncode == 1, result.stderr
    expected = impact(Catalog.from_git("HEAD~1"), Catalog.load("."), TODAY)
    assert result.stdout == expected.to_json()
    assert (
        run(
            "impact", "--base-rev", "HEAD~1", "--today", TODAY, "--format", "markdown", cwd=tree
        ).stdout
        == expected.to_markdown()
    )
    sarif = repo / "impact.sarif"
    written = run(
        "impact", "--base-rev", "HEAD", "--format", "sarif", "--output", str(sarif), cwd=tree
    )
    assert written.returncode == 0 and json.loads(sarif.read_text())["version"] == "2.1.0"


@pytest.mark.parametrize(
    "args",
    [
        ["impact"],
        ["impact", "--base", "a", "--base-rev", "HEAD"],
        ["impact", "--base", "does-not-exist"],
        ["impact", "--base-rev", "no-such-rev"],
    ],
)
def test_impact_command_could_not_run(repo: Path, args: List[str]) -> None:
    result = run(*args, cwd=repo / "catalog")
    assert result.returncode == 2 and result.stdout == ""
    assert "error" in result.stderr


def test_the_package_exports_the_change_api() -> None:
    assert service_catalog.diff is diff and service_catalog.impact is impact
