"""`python -m service_catalog` and `service-catalog-py`: the Rust CLI's options and exit codes."""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import List

import pytest

from service_catalog import Catalog

from conftest import write_tree
from test_api import FLAWED_TREE

TODAY = "2026-01-15"


def run(*args: str) -> "subprocess.CompletedProcess[str]":
    """Runs `python -m service_catalog ARGS` and captures its output."""
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "service_catalog", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_clean_tree_exits_0_and_prints_the_report(rich_dir: Path) -> None:
    result = run("check", str(rich_dir), "--today", TODAY, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert result.stdout == Catalog.load(str(rich_dir)).check(TODAY).to_json()


def test_errors_exit_1(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "tree", FLAWED_TREE)
    result = run("check", str(root), "--today", TODAY)
    assert result.returncode == 1
    assert result.stdout == Catalog.load(root).check(TODAY).to_text()
    assert "\x1b[" not in result.stdout


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "sarif"])
def test_every_format_matches_the_report(tmp_path: Path, fmt: str) -> None:
    root = write_tree(tmp_path / "tree", FLAWED_TREE)
    report = Catalog.load(root).check(TODAY)
    expected = {
        "text": report.to_text(),
        "json": report.to_json(),
        "markdown": report.to_markdown(),
        "sarif": report.to_sarif(),
    }[fmt]
    assert run("check", str(root), "--format", fmt, "--today", TODAY).stdout == expected


def test_output_writes_a_file(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "tree", FLAWED_TREE)
    out = tmp_path / "report.sarif"
    result = run("check", str(root), "--format", "sarif", "--today", TODAY, "--output", str(out))
    assert result.returncode == 1 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_dir_defaults_to_the_current_directory(rich_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "service_catalog", "check", "--today", TODAY, "--format", "json"],
        capture_output=True,
        text=True,
        cwd=rich_dir,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["root"] == "."


@pytest.mark.parametrize(
    "args",
    [
        ["check", "does-not-exist"],
        ["check", ".", "--today", "2026-02-30"],
        ["check", ".", "--today", "20260115"],
        ["check", ".", "--format", "yaml"],
        ["frobnicate"],
        [],
    ],
)
def test_could_not_run_exits_2(args: List[str]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "error" in result.stderr


def test_a_missing_tree_says_why_as_the_rust_command_does(rich_dir: Path) -> None:
    missing = run("check", "does-not-exist")
    assert missing.stderr == (
        "error: cannot read does-not-exist: No such file or directory (os error 2)\n"
    )
    file = rich_dir / "services" / "catalog.toml"
    assert run("check", str(file)).stderr == f"error: {file} is not a directory\n"


def test_unwritable_output_exits_2(rich_dir: Path) -> None:
    result = run(
        "check", str(rich_dir), "--output", str(rich_dir / "no" / "such" / "dir" / "r.txt")
    )
    assert result.returncode == 2
    assert result.stderr.startswith("error: cannot write ")


def test_help_and_version_exit_0() -> None:
    assert run("--help").returncode == 0
    version = run("--version")
    assert version.returncode == 0 and version.stdout.startswith("service-catalog-py ")


def test_the_console_script_is_installed(rich_dir: Path) -> None:
    script = Path(sys.executable).with_name("service-catalog-py")
    assert script.exists()
    result = subprocess.run(
        [str(script), "check", str(rich_dir), "--today", TODAY, "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == Catalog.load(str(rich_dir)).check(TODAY).to_json()
