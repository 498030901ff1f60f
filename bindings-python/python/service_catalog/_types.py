"""The shapes of the plain data the library returns: the JSON shapes of ``schemas/``.

Every dict a :class:`~service_catalog.Catalog` or :class:`~service_catalog.Report` returns is one
of these ``TypedDict``s. Keys that the JSON omits when empty are optional here (``total=False``);
dates are :class:`datetime.date`, everything else is ``str``, ``int``, ``bool``, a list or a dict.
"""

import datetime
from typing import Any, List, Literal, Optional, Tuple, TypedDict, Union

# The string enums are written `Union[Literal[a], Literal[b]]` rather than `Literal[a, b]`: the
# same type to a type checker, and a real `Union` at run time, which `mypy.stubtest` can check.

Severity = Union[Literal["error"], Literal["warning"], Literal["info"]]
"""How serious a finding is."""

Verdict = Union[Literal["pass"], Literal["warn"], Literal["fail"]]
"""The overall outcome of a report: ``fail`` with any error, ``warn`` with any warning."""

ServiceType = Union[
    Literal["microservice"],
    Literal["web"],
    Literal["api"],
    Literal["worker"],
    Literal["job"],
    Literal["gateway"],
    Literal["database"],
    Literal["cache"],
    Literal["queue"],
    Literal["library"],
    Literal["other"],
]
"""What kind of software a service is."""

Status = Union[
    Literal["development"],
    Literal["beta"],
    Literal["ga"],
    Literal["maintenance"],
    Literal["deprecated"],
    Literal["retired"],
]
"""Where a service is in its lifecycle."""

DependencyKind = Union[Literal["sync"], Literal["async"]]
"""Whether a dependency is on the request path."""

BreakHandling = Union[Literal["graceful"], Literal["fail-fast"]]
"""How a service behaves when a dependency breaks."""

MigrationDifficulty = Union[Literal["easy"], Literal["moderate"], Literal["hard"]]
"""How hard a migration away from a service is."""

Protocol = Union[Literal["tcp"], Literal["udp"], Literal["sctp"]]
"""A port's transport protocol."""

Environment = Union[Literal["development"], Literal["staging"], Literal["production"]]
"""The environment a project runs in."""

Tier = Union[Literal["critical"], Literal["high"], Literal["medium"], Literal["low"]]
"""How critical a project is."""

ChangeKind = Union[
    Literal["added"],
    Literal["removed"],
    Literal["deprecation"],
    Literal["retirement"],
    Literal["downgrade"],
    Literal["major"],
    Literal["minor"],
    Literal["patch"],
    Literal["prerelease"],
    Literal["metadata"],
]
"""How a service changed between two revisions."""


class Related(TypedDict):
    """A secondary location that explains a finding."""

    file: str
    line: int
    column: int
    message: str


class _DiagnosticRequired(TypedDict):
    code: str
    severity: Severity
    message: str
    file: str
    line: int
    column: int
    end_line: int
    end_column: int


class Diagnostic(_DiagnosticRequired, total=False):
    """One finding: a stable code, a severity, a message and a location (1-based)."""

    service: str
    project: str
    help: str
    related: List[Related]


class Summary(TypedDict):
    """Counts of findings by severity, and the verdict they give."""

    errors: int
    warnings: int
    infos: int
    verdict: Verdict


class ReportDict(TypedDict):
    """A whole report: the shape of ``Report.to_json()`` (``schemas/report.schema.json``)."""

    schema_version: int
    root: str
    summary: Summary
    diagnostics: List[Diagnostic]


class _PortRequired(TypedDict):
    port: int


class Port(_PortRequired, total=False):
    """One entry of a service's ``ports``."""

    name: str
    protocol: Protocol


class HealthCheck(TypedDict, total=False):
    """A service's ``health_check``; durations as written (``"10s"``)."""

    path: str
    port: int
    interval: str
    timeout: str


class EnvVar(TypedDict):
    """One entry of a service's ``env``."""

    name: str
    value: str


class _DependencyRequired(TypedDict):
    service: str
    kind: DependencyKind
    optional: bool
    allow_beta: bool


class Dependency(_DependencyRequired, total=False):
    """One dependency, from ``requires`` or (``optional: True``) ``optional``."""

    version: str


class DeclaredConsumers(TypedDict, total=False):
    """Who a service declares as its consumers (each list only when written)."""

    projects: List[str]
    required_by: List[str]


class _GovernanceRequired(TypedDict):
    approvers: List[str]


class Governance(_GovernanceRequired, total=False):
    """A service's ``governance``."""

    change_log: str
    break_changes_notice: int


class Sla(TypedDict, total=False):
    """A service's ``sla``; percentages and durations normalised (``"99.9%"``, ``"20ms"``)."""

    availability: str
    response_time_p50: str
    response_time_p95: str
    response_time_p99: str
    error_rate: str
    break_handling: BreakHandling


class Lifecycle(TypedDict, total=False):
    """A service's ``lifecycle``."""

    since: datetime.date
    deprecation_date: datetime.date
    sunset_date: datetime.date
    replacement_service: str


class Migration(TypedDict, total=False):
    """A service's ``migration``."""

    guide_url: str
    support_until: datetime.date
    migration_difficulty: MigrationDifficulty
    estimated_effort_hours: int


class _ServiceRequired(TypedDict):
    id: str
    project: Optional[str]
    version: Optional[str]
    status: Status
    ports: List[Port]
    env: List[EnvVar]
    tags: List[str]
    dependencies: List[Dependency]
    consumers: DeclaredConsumers


class Service(_ServiceRequired, total=False):
    """One service. ``project`` is ``None`` for a shared service; ``version`` is ``None`` when
    missing or invalid (which is a finding); ``status`` is ``development`` when not written."""

    name: str
    type: ServiceType
    owner: str
    description: str
    compat_version_min: str
    image: str
    health_check: HealthCheck
    exposed: bool
    governance: Governance
    sla: Sla
    lifecycle: Lifecycle
    migration: Migration


class _DeploymentEnvironmentRequired(TypedDict):
    name: str
    checks: List[Tuple[str, str]]
    approvals: List[str]


class DeploymentEnvironment(_DeploymentEnvironmentRequired, total=False):
    """One ``[environment.<name>]`` of ``deployment.toml``; ``checks`` as (gate, duration)."""

    auto_deploy: bool
    pattern: str
    window: str


class Deployment(TypedDict):
    """A project's ``deployment.toml``."""

    environments: List[DeploymentEnvironment]


class _MetricsRequired(TypedDict):
    error_type_alerts: List[str]


class Metrics(_MetricsRequired, total=False):
    """``[service.<id>.metrics]`` of ``monitoring.toml``."""

    availability_threshold: str
    availability_check_interval: str
    response_time_p50: str
    response_time_p95: str
    response_time_p99: str
    error_rate_threshold: str
    cpu_threshold: str
    memory_threshold: str
    disk_threshold: str


class _EscalationRequired(TypedDict):
    escalate_to: List[str]


class Escalation(_EscalationRequired, total=False):
    """``[service.<id>.alerts.escalation]`` of ``monitoring.toml``."""

    time_to_escalate: str
    page_if: str


class _AlertsRequired(TypedDict):
    critical: List[str]
    warning: List[str]
    info: List[str]


class Alerts(_AlertsRequired, total=False):
    """``[service.<id>.alerts]`` of ``monitoring.toml``."""

    escalation: Escalation


class _ServiceMonitoringRequired(TypedDict):
    service: str


class ServiceMonitoring(_ServiceMonitoringRequired, total=False):
    """``[service.<id>]`` of ``monitoring.toml``."""

    metrics: Metrics
    alerts: Alerts


class _MonitoringRequired(TypedDict):
    services: List[ServiceMonitoring]


class Monitoring(_MonitoringRequired, total=False):
    """A project's ``monitoring.toml``."""

    level: Tier


class _ProjectRequired(TypedDict):
    id: str
    owners: List[str]
    services: List[str]


class Project(_ProjectRequired, total=False):
    """One project: its ``[project]`` table, the ids of its services and its optional files."""

    name: str
    description: str
    environment: Environment
    tier: Tier
    deployment: Deployment
    monitoring: Monitoring


class _ReachRequired(TypedDict):
    id: str
    depth: int
    path: List[str]


class Reach(_ReachRequired, total=False):
    """One service a dependencies or consumers query reached: ``depth`` 1 for a direct answer,
    ``path`` the ids from the queried service to this one (both included); ``project`` is absent
    for a shared service."""

    project: str


Transition = TypedDict(
    "Transition",
    {
        "service": str,
        "from": Status,
        "to": Status,
        "date": datetime.date,
        "allowed": bool,
        "reasons": List[str],
    },
)
"""The verdict on moving a service to a new status on a date: ``reasons`` is empty when allowed.
(Functional syntax, because ``from`` is a Python keyword.)"""


_FieldChangeValues = TypedDict("_FieldChangeValues", {"from": Any, "to": Any}, total=False)


class FieldChange(_FieldChangeValues):
    """One field that differs between base and head: a dotted path, the value on base (``from``,
    absent when added) and on head (``to``, absent when removed); ``metadata`` for descriptive
    fields."""

    field: str
    metadata: bool


StatusChange = TypedDict("StatusChange", {"from": Status, "to": Status, "allowed": bool})
"""A status move and whether the lifecycle table allows it."""


class _ServiceChangeRequired(TypedDict):
    id: str
    kind: ChangeKind
    fields: List[FieldChange]


class ServiceChange(_ServiceChangeRequired, total=False):
    """Everything that changed about one service."""

    project: str
    from_version: str
    to_version: str
    status: StatusChange


class ChangeSet(TypedDict):
    """Every changed service between two revisions, sorted by id."""

    services: List[ServiceChange]


class _AffectedRequired(TypedDict):
    id: str
    changed: str
    direct: bool
    path: List[str]


class Affected(_AffectedRequired, total=False):
    """A service (or project) a change reaches: the changed service it reaches, whether directly,
    and the shortest path from it to the changed one."""

    project: str


class _BrokenConsumerRequired(TypedDict):
    consumer: str
    service: str
    requirement: str
    old_version: str
    new_version: str


class BrokenConsumer(_BrokenConsumerRequired, total=False):
    """A consumer whose version requirement the new version no longer satisfies."""

    project: str


class Notification(TypedDict):
    """A message prepared for a project's owners (the library never sends it)."""

    project: str
    to: List[str]
    subject: str
    body: str


class ImpactReportDict(TypedDict):
    """A whole impact report: the shape of ``ImpactReport.to_json()``."""

    schema_version: int
    summary: Summary
    changes: ChangeSet
    affected_services: List[Affected]
    affected_projects: List[Affected]
    broken_consumers: List[BrokenConsumer]
    findings: List[Diagnostic]
    notifications: List[Notification]


RenderKind = Union[
    Literal["services-md"],
    Literal["topology-md"],
    Literal["mermaid"],
    Literal["dot"],
    Literal["compose"],
    Literal["k8s"],
    Literal["backstage"],
]
"""What :func:`~service_catalog.render` produces: docs, a graph, manifests or Backstage entities."""


class FileEdit(TypedDict):
    """The complete new text of one file an edit changes."""

    path: str
    text: str
