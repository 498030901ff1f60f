"""The shared conformance corpus (`tests/cases/<case>/`), run through the binding.

Each case is a `tree/` and an `expected.json` holding `today` and the expected diagnostics
(`code`, `severity`, `file`, `line`, `column`, and `service` / `project` when set): the binding
must report exactly those, in that order, as the Rust test of the same corpus does.
"""

import json
from pathlib import Path
from typing import Any, Dict, List

import pytest

from service_catalog import Catalog, Diagnostic

from conftest import CASES

KEYS = ("code", "severity", "file", "line", "column", "service", "project")
"""The fields of a diagnostic that the corpus pins down."""


def case_dirs() -> List[Path]:
    """Every case folder, in name order."""
    return sorted(p for p in CASES.iterdir() if p.is_dir())


def pinned(diagnostic: Diagnostic) -> Dict[str, Any]:
    """The part of a diagnostic that `expected.json` records."""
    return {key: diagnostic[key] for key in KEYS if key in diagnostic}  # type: ignore[literal-required]


def test_the_corpus_has_cases() -> None:
    assert case_dirs(), f"no cases under {CASES}"


@pytest.mark.parametrize("case", case_dirs(), ids=lambda p: p.name)
def test_case(case: Path) -> None:
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    report = Catalog.load(case / "tree").check(expected["today"])
    assert [pinned(d) for d in report.diagnostics] == expected["diagnostics"]
