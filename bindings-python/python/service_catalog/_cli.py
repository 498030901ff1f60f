"""The ``service-catalog-py`` command (also ``python -m service_catalog``).

``check`` and ``impact`` with the same options, output and exit statuses as the Rust
``service-catalog`` command, for CI jobs that have only Python: 0 no errors, 1 errors found
(for ``impact``: the change fails), 2 could not run.
"""

import argparse
import datetime
import os
import re
import stat
import sys
from typing import List, Optional, Union

from . import __version__
from ._catalog import Catalog, ImpactReport, Report, impact
from ._errors import CatalogError

EXIT_CLEAN = 0
EXIT_ERRORS_FOUND = 1
EXIT_COULD_NOT_RUN = 2

_FORMATS = ("text", "json", "markdown", "sarif")


def _date(text: str) -> datetime.date:
    """Parses ``--today``: exactly ``YYYY-MM-DD``, as the Rust command accepts it."""
    try:
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            return datetime.date.fromisoformat(text)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(
        f'expected a date like "2026-05-20" (YYYY-MM-DD), found "{text}"'
    )


def _output_options(command: argparse.ArgumentParser) -> None:
    """``--today``, ``--format`` and ``--output``, shared by the subcommands."""
    command.add_argument(
        "--format", choices=_FORMATS, default="text", help="how to print the report"
    )
    command.add_argument(
        "--today",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the date the time-based checks count from (default: today, UTC)",
    )
    command.add_argument(
        "--output", metavar="FILE", help="write the report to FILE instead of standard output"
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="service-catalog-py",
        description="Check and compare control-center trees of TOML files.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    check = commands.add_parser("check", help="check a tree and report every finding")
    check.add_argument(
        "dir",
        nargs="?",
        default=".",
        help="root of the tree (the folder holding services/ and projects/)",
    )
    _output_options(check)
    change = commands.add_parser(
        "impact",
        help="what a change does to everyone else: compare a base tree (folder or git "
        "revision) with the head tree; exit 1 when the change fails",
    )
    base = change.add_mutually_exclusive_group(required=True)
    base.add_argument("--base", metavar="DIR", help="the base tree, as a folder")
    base.add_argument(
        "--base-rev",
        metavar="GITREV",
        help="the base tree, as the head folder was at this git revision (no second checkout)",
    )
    change.add_argument(
        "--head", metavar="DIR", default=".", help="the head tree (default: the current directory)"
    )
    _output_options(change)
    return parser


def _color_wanted() -> bool:
    """Colour only on a terminal, and never when ``NO_COLOR`` is set and not empty."""
    return not os.environ.get("NO_COLOR") and sys.stdout.isatty()


def _render(report: Union[Report, ImpactReport], fmt: str, to_stdout: bool) -> str:
    if fmt == "json":
        return report.to_json()
    if fmt == "markdown":
        return report.to_markdown()
    if fmt == "sarif":
        return report.to_sarif()
    return report.to_text(color=to_stdout and _color_wanted())


def _today(args: argparse.Namespace) -> datetime.date:
    """``--today``, or today's date in UTC as the Rust command takes it."""
    return args.today or datetime.datetime.now(datetime.timezone.utc).date()


def _write(rendered: str, output: Optional[str]) -> None:
    """Writes the report to ``output``, or to standard output: UTF-8 bytes, whatever the locale,
    the same bytes the Rust command writes."""
    data = rendered.encode("utf-8")
    if output is None:
        try:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        except BrokenPipeError:
            # A reader that stops early (`| head`) is not a failure of the check; point stdout
            # at devnull so the interpreter's final flush does not fail again.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return
    try:
        with open(output, "wb") as out:
            out.write(data)
    except OSError as err:
        raise CatalogError(f"cannot write {output}: {err.strerror or err}") from err


def _load(path: str) -> Catalog:
    """The tree at ``path``, or an error that says why not in the Rust command's words."""
    try:
        mode = os.stat(path).st_mode
    except OSError as err:
        raise CatalogError(f"cannot read {path}: {err.strerror} (os error {err.errno})") from err
    if not stat.S_ISDIR(mode):
        raise CatalogError(f"{path} is not a directory")
    return Catalog.load(path)


def _check(args: argparse.Namespace) -> int:
    report = _load(args.dir).check(_today(args))
    _write(_render(report, args.format, args.output is None), args.output)
    return EXIT_ERRORS_FOUND if report.has_errors else EXIT_CLEAN


def _impact(args: argparse.Namespace) -> int:
    head = _load(args.head)
    if args.base is not None:
        base = _load(args.base)
    else:
        base = Catalog.from_git(args.base_rev, args.head)
    report = impact(base, head, _today(args))
    _write(_render(report, args.format, args.output is None), args.output)
    return EXIT_ERRORS_FOUND if report.verdict == "fail" else EXIT_CLEAN


def main(argv: Optional[List[str]] = None) -> int:
    """Runs the command line with ``argv`` (default: ``sys.argv[1:]``); returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        return _impact(args) if args.command == "impact" else _check(args)
    except CatalogError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
