"""The public classes: :class:`Catalog` (an opaque handle on a tree) and :class:`Report`.

Each method converts its arguments, makes one call into the native module and returns plain
data; the catalog itself stays in Rust.
"""

import datetime
import os
from typing import Any, Dict, List, Mapping, Optional, Union, cast

from . import _native
from ._types import (
    Affected,
    BrokenConsumer,
    ChangeSet,
    Diagnostic,
    FileEdit,
    ImpactReportDict,
    Notification,
    Project,
    Reach,
    RenderKind,
    ReportDict,
    Service,
    Status,
    Summary,
    Transition,
    Verdict,
)

DateLike = Union[datetime.date, str]
"""A date: a :class:`datetime.date` or a ``"YYYY-MM-DD"`` string."""

_SERVICE_DATES = {
    "lifecycle": ("since", "deprecation_date", "sunset_date"),
    "migration": ("support_until",),
}
"""The date fields of a service, by the table that holds them."""


def _date_text(value: DateLike) -> str:
    """``YYYY-MM-DD`` for a date argument (the native side validates strings)."""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return value
    raise TypeError(
        f"expected a datetime.date or a 'YYYY-MM-DD' string, found {type(value).__name__}"
    )


def _date_or_today(value: Union[DateLike, None]) -> str:
    """``YYYY-MM-DD`` for an optional date argument: the one given, or today's local date."""
    return _date_text(datetime.date.today() if value is None else value)


def _service(data: Dict[str, Any]) -> Service:
    """A service dict with its dates as :class:`datetime.date`."""
    for table, fields in _SERVICE_DATES.items():
        values = data.get(table)
        if values is not None:
            for field in fields:
                if field in values:
                    values[field] = datetime.date.fromisoformat(values[field])
    return cast(Service, data)


class Report:
    """Every finding of a check, with its summary; renders as JSON, Markdown, SARIF or text."""

    __slots__ = ("_native",)

    def __init__(self, native: _native.Report) -> None:
        self._native = native

    @property
    def summary(self) -> Summary:
        """Counts of errors, warnings and infos, and the verdict."""
        return cast(Summary, self._native.summary)

    @property
    def verdict(self) -> Verdict:
        """``fail`` with any error, ``warn`` with any warning, else ``pass``."""
        return self.summary["verdict"]

    @property
    def has_errors(self) -> bool:
        """True when the report holds at least one error (the CLI then exits with 1)."""
        return self.summary["errors"] > 0

    @property
    def diagnostics(self) -> List[Diagnostic]:
        """The findings, sorted by file, line, column and code (a new list on each access)."""
        return cast(List[Diagnostic], self._native.diagnostics)

    def to_dict(self) -> ReportDict:
        """The whole report as plain data: the shape of :meth:`to_json`."""
        return cast(ReportDict, self._native.to_dict())

    def to_json(self) -> str:
        """The report as pretty JSON (``schemas/report.schema.json``), ending in a newline."""
        return self._native.to_json()

    def to_markdown(self) -> str:
        """The report as Markdown, for a pull-request comment."""
        return self._native.to_markdown()

    def to_sarif(self) -> str:
        """The report as SARIF 2.1.0, as GitHub code scanning accepts it."""
        return self._native.to_sarif()

    def to_text(self, color: bool = False) -> str:
        """The report as rustc-like text with source excerpts; ``color`` adds ANSI colours."""
        return self._native.to_text(color)

    def __repr__(self) -> str:
        s = self.summary
        return (
            f"<Report {s['verdict']}: {s['errors']} errors, "
            f"{s['warnings']} warnings, {s['infos']} infos>"
        )


class Catalog:
    """A control-center tree read into the typed model: an opaque handle on the Rust value.

    Make one with :meth:`load` or :meth:`from_files`. Loading never fails for content (every
    problem is in :meth:`diagnostics`), only for I/O.
    """

    __slots__ = ("_native",)

    def __init__(self, native: _native.Catalog) -> None:
        self._native = native

    @classmethod
    def load(cls, path: Union[str, "os.PathLike[str]"]) -> "Catalog":
        """Reads the tree at ``path``.

        Raises :class:`NotFoundError` when it is not a directory and :class:`CatalogIOError`
        when a file cannot be read.
        """
        return cls(_native.Catalog.load(os.fspath(path)))

    @classmethod
    def from_files(cls, files: Mapping[str, str]) -> "Catalog":
        """Reads a tree from ``{path relative to the root: text}``; unknown paths are ignored."""
        return cls(_native.Catalog.from_files([(os.fspath(p), t) for p, t in files.items()]))

    @classmethod
    def from_git(cls, rev: str, path: Union[str, "os.PathLike[str]"] = ".") -> "Catalog":
        """Reads the tree at ``path`` (in a git work tree) as it was at the git revision ``rev``,
        without a second checkout. Its root is ``"PATH@REV"``.

        Raises :class:`InvalidArgumentError` for an unknown revision and :class:`CatalogIOError`
        when git cannot run.
        """
        return cls(_native.Catalog.load_revision(os.fspath(path), rev))

    @property
    def root(self) -> str:
        """The tree's root as given to :meth:`load` (empty for :meth:`from_files`)."""
        return self._native.root

    def diagnostics(self) -> List[Diagnostic]:
        """Parse and schema findings made while loading, sorted."""
        return cast(List[Diagnostic], self._native.diagnostics())

    def check(self, today: Union[DateLike, None] = None) -> Report:
        """Every finding of the tree as of ``today`` (default: :meth:`datetime.date.today`).

        Raises :class:`InvalidArgumentError` for a string that is not ``YYYY-MM-DD``.
        """
        return Report(self._native.check(_date_or_today(today)))

    def services(self) -> List[Service]:
        """Every service: shared ones first, then each project's in path order."""
        return [_service(s) for s in self._native.services()]

    def service(self, id: str) -> Service:
        """The service ``id``; raises :class:`UnknownServiceError` (a ``KeyError``) if none."""
        return _service(self._native.service(id))

    def projects(self) -> List[Project]:
        """Every project, in path order."""
        return cast(List[Project], self._native.projects())

    def project(self, id: str) -> Project:
        """The project ``id``; raises :class:`UnknownProjectError` (a ``KeyError``) if none."""
        return cast(Project, self._native.project(id))

    def dependencies(self, id: str, transitive: bool = False) -> List[Reach]:
        """What the service ``id`` depends on: directly, or with ``transitive`` everything it
        reaches, nearest first, each with its shortest path. Raises :class:`UnknownServiceError`."""
        return cast(List[Reach], self._native.dependencies(id, transitive))

    def consumers(self, id: str, transitive: bool = False) -> List[Reach]:
        """What depends on the service ``id``: directly, or with ``transitive`` everything that
        reaches it, nearest first, each with its shortest path from ``id`` outwards and its
        project. Raises :class:`UnknownServiceError`."""
        return cast(List[Reach], self._native.consumers(id, transitive))

    def would_create_cycle(self, from_: str, to: str) -> Optional[List[str]]:
        """The cycle a new dependency of ``from_`` on ``to`` would close, as ids from ``from_``
        back to ``from_``, or ``None`` when the edge is safe. The catalog is not changed."""
        return self._native.would_create_cycle(from_, to)

    def transition(self, id: str, to: Status, date: Union[DateLike, None] = None) -> Transition:
        """Whether the service ``id`` may move to status ``to`` on ``date`` (default: today),
        and why not. Raises :class:`InvalidArgumentError` for an unknown status."""
        verdict = self._native.transition(id, to, _date_or_today(date))
        verdict["date"] = datetime.date.fromisoformat(verdict["date"])
        return cast(Transition, verdict)

    def edit(self) -> "Editor":
        """Format-preserving edits of this catalog's files: an :class:`Editor`."""
        return Editor(_native.Editor(self._native))

    def __repr__(self) -> str:
        return f"<Catalog {self.root!r}>" if self.root else "<Catalog (in memory)>"


class Editor:
    """Edits of a catalog's files that keep every comment, blank line and unrelated byte.

    Nothing is written: each method returns the complete new text of every file it changes
    (an empty list when nothing would change); write them yourself, and show them with
    :func:`unified_diff`. Each edit starts from the catalog as loaded. Raises
    :class:`UnknownServiceError` for an id the catalog does not define and
    :class:`InvalidArgumentError` for a malformed argument.
    """

    __slots__ = ("_native",)

    def __init__(self, native: _native.Editor) -> None:
        self._native = native

    def set_status(
        self, id: str, status: Status, date: Union[DateLike, None] = None
    ) -> List[FileEdit]:
        """Moves the service ``id`` to ``status`` entered on ``date`` (default: today): sets
        ``status`` and ``lifecycle.since``."""
        return cast(List[FileEdit], self._native.set_status(id, status, _date_or_today(date)))

    def deprecate(
        self,
        id: str,
        replacement: str,
        sunset: Union[DateLike, None] = None,
        date: Union[DateLike, None] = None,
    ) -> List[FileEdit]:
        """Deprecates the service ``id`` on ``date`` (default: today) in favour of
        ``replacement``, with a ``sunset`` date (default: six months after ``date``)."""
        end = None if sunset is None else _date_text(sunset)
        return cast(
            List[FileEdit], self._native.deprecate(id, replacement, end, _date_or_today(date))
        )

    def set_version(self, id: str, version: str) -> List[FileEdit]:
        """Sets the ``version`` of the service ``id`` (a semver version such as ``"2.0.0"``)."""
        return cast(List[FileEdit], self._native.set_version(id, version))

    def add_dependency(self, id: str, dependency: str, optional: bool = False) -> List[FileEdit]:
        """Adds a dependency of the service ``id`` on ``dependency`` (``"id"`` or
        ``"id@REQ"``) to ``dependencies.requires``, or to ``dependencies.optional``."""
        return cast(List[FileEdit], self._native.add_dependency(id, dependency, optional))

    def remove_dependency(self, id: str, dependency: str) -> List[FileEdit]:
        """Removes every dependency of the service ``id`` on the service ``dependency``."""
        return cast(List[FileEdit], self._native.remove_dependency(id, dependency))

    def __repr__(self) -> str:
        return "<Editor>"


class ImpactReport:
    """What a change does to everyone else: the change set, who it reaches, what it breaks, the
    findings it introduces (not those already on base), notifications, and a verdict."""

    __slots__ = ("_native",)

    def __init__(self, native: _native.ImpactReport) -> None:
        self._native = native

    @property
    def summary(self) -> Summary:
        """Counts of the introduced findings and the verdict."""
        return cast(Summary, self._native.summary)

    @property
    def verdict(self) -> Verdict:
        """``fail`` when the change introduces an error, ``warn`` a warning, else ``pass``."""
        return self.summary["verdict"]

    @property
    def changes(self) -> ChangeSet:
        """Every changed service, classified."""
        return cast(ChangeSet, self._native.changes)

    @property
    def affected_services(self) -> List[Affected]:
        """Services that reach a changed service, with the shortest path."""
        return cast(List[Affected], self._native.affected_services)

    @property
    def affected_projects(self) -> List[Affected]:
        """Projects with an affected or changed service, with the shortest path."""
        return cast(List[Affected], self._native.affected_projects)

    @property
    def broken_consumers(self) -> List[BrokenConsumer]:
        """Consumers whose version requirement the new version no longer satisfies."""
        return cast(List[BrokenConsumer], self._native.broken_consumers)

    @property
    def findings(self) -> List[Diagnostic]:
        """Findings on head that base did not have, and the ``change/*`` findings."""
        return cast(List[Diagnostic], self._native.findings)

    @property
    def notifications(self) -> List[Notification]:
        """One ready-to-post message per affected project."""
        return cast(List[Notification], self._native.notifications)

    def to_dict(self) -> ImpactReportDict:
        """The whole report as plain data: the shape of :meth:`to_json`."""
        return cast(ImpactReportDict, self._native.to_dict())

    def to_json(self) -> str:
        """The report as pretty JSON, ending in a newline."""
        return self._native.to_json()

    def to_markdown(self) -> str:
        """Markdown for a pull-request comment: summary, affected projects, what to do."""
        return self._native.to_markdown()

    def to_sarif(self) -> str:
        """The introduced findings as SARIF 2.1.0, located in the head tree."""
        return self._native.to_sarif()

    def to_text(self, color: bool = False) -> str:
        """The changes, who they reach, then each finding with its source excerpt."""
        return self._native.to_text(color)

    def __repr__(self) -> str:
        s = self.summary
        return f"<ImpactReport {s['verdict']}: {s['errors']} errors, {s['warnings']} warnings>"


def diff(base: Catalog, head: Catalog) -> ChangeSet:
    """Every service change from ``base`` to ``head``, classified (format section 8)."""
    return cast(ChangeSet, _native.diff(base._native, head._native))


def impact(base: Catalog, head: Catalog, today: Union[DateLike, None] = None) -> ImpactReport:
    """What going from ``base`` to ``head`` does to everyone else, with the time-based checks as
    of ``today`` (default: :meth:`datetime.date.today`)."""
    return ImpactReport(_native.impact(base._native, head._native, _date_or_today(today)))


def render(
    catalog: Catalog,
    kind: RenderKind,
    project: Optional[str] = None,
    environment: Optional[str] = None,
    service: Optional[str] = None,
    depth: Optional[int] = None,
) -> str:
    """Renders ``catalog`` as ``kind``: ``services-md``, ``topology-md``, ``mermaid``, ``dot``
    (``service`` and ``depth`` draw one neighbourhood), ``compose``, ``k8s`` (``project``
    required, ``environment`` optional) or ``backstage``. An option the kind does not take
    raises :class:`InvalidArgumentError`."""
    return _native.render(catalog._native, kind, project, environment, service, depth)


def unified_diff(path: str, old: str, new: str) -> str:
    """A unified diff from ``old`` to ``new`` for the file at ``path`` (``a/PATH`` and
    ``b/PATH`` headers, so ``git apply`` takes it from the tree's root); empty when equal."""
    return _native.unified_diff(path, old, new)
