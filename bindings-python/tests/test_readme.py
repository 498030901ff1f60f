"""The README's Python examples run as written (from the repository's root) and type-check."""

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import List

import pytest

from conftest import EXAMPLE, REPO

README = REPO / "bindings-python" / "README.md"


def examples() -> List[str]:
    """The README's ```python blocks."""
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def test_the_readme_has_examples() -> None:
    assert len(examples()) == 3


@pytest.mark.parametrize("index", [0, 1, 2])
def test_a_readme_example_runs_and_type_checks(tmp_path: Path, index: int) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "examples" / "control-center")
    script = tmp_path / "example.py"
    script.write_text(examples()[index], encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert run.returncode == 0, run.stderr
    typed = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", "/dev/null", str(script)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert typed.returncode == 0, typed.stdout
