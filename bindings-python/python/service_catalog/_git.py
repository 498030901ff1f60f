"""Reading a tree as it was at a git revision without a second checkout: ``git ls-tree`` lists
the files and one ``git cat-file --batch`` reads them all (as the Rust command does)."""

import os
import subprocess
from typing import Dict, List, Tuple, Union

from . import _native
from ._errors import CatalogIOError, InvalidArgumentError


def _git(cwd: str, *args: str, stdin: bytes = b"") -> bytes:
    """The output of ``git ARGS`` run in ``cwd``."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True)
    except OSError as err:
        raise CatalogIOError(f"cannot run git: {err.strerror or err}") from err
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip()
        raise CatalogIOError(f"git {' '.join(args)} failed: {reason}")
    return done.stdout


def _text(cwd: str, *args: str) -> str:
    return _git(cwd, *args).decode("utf-8", "replace").rstrip("\n")


def tree_at(path: Union[str, "os.PathLike[str]"], rev: str) -> Dict[str, str]:
    """The catalog files of the tree at ``path`` as they were at ``rev``: {relative path: text}.

    Raises :class:`InvalidArgumentError` for an unknown revision and :class:`CatalogIOError`
    when git cannot run or ``path`` is not in a git work tree.
    """
    cwd = os.fspath(path)
    top = _text(cwd, "rev-parse", "--show-toplevel")
    prefix = _text(cwd, "rev-parse", "--show-prefix")
    try:
        _git(cwd, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except CatalogIOError:
        error = InvalidArgumentError(f"unknown git revision `{rev}`")
        error.argument = "rev"
        raise error from None
    listing = _git(
        top, "ls-tree", "-r", "-z", "--name-only", rev, *(["--", prefix] if prefix else [])
    )
    paths: List[Tuple[str, str]] = []
    for entry in listing.split(b"\0"):
        full = entry.decode("utf-8", "replace")
        relative = full[len(prefix) :]
        if entry and full.startswith(prefix) and _native.is_catalog_path(relative):
            paths.append((full, relative))
    requests = "".join(f"{rev}:{full}\n" for full, _ in paths).encode("utf-8")
    output = _git(top, "cat-file", "--batch", stdin=requests)
    files: Dict[str, str] = {}
    at = 0
    for _, relative in paths:
        header_end = output.index(b"\n", at)
        size = int(output[at:header_end].rsplit(b" ", 1)[-1])
        start = header_end + 1
        files[relative] = output[start : start + size].decode("utf-8", "replace")
        at = start + size + 1
    return files
