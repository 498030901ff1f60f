"""service-catalog: a git repository of TOML files as the single source of truth for services.

Load a control-center tree, check it, and query it::

    import service_catalog

    catalog = service_catalog.Catalog.load("control-center")
    report = catalog.check()
    print(report.to_text())
    if report.has_errors:
        raise SystemExit(1)

The catalog stays in Rust behind the :class:`Catalog` handle; everything it returns is plain
data (dicts and lists shaped like the JSON Schemas in ``schemas/``, dates as
:class:`datetime.date`). Errors are :class:`CatalogError` subclasses with a string ``code``.
"""

from . import _native
from ._catalog import (
    Catalog,
    DateLike,
    Editor,
    ImpactReport,
    Report,
    diff,
    impact,
    render,
    unified_diff,
)
from ._errors import (
    CatalogError,
    CatalogIOError,
    InternalError,
    InvalidArgumentError,
    NotFoundError,
    UnknownProjectError,
    UnknownServiceError,
)
from ._types import (
    Affected,
    Alerts,
    BreakHandling,
    BrokenConsumer,
    ChangeKind,
    ChangeSet,
    DeclaredConsumers,
    Dependency,
    DependencyKind,
    Deployment,
    DeploymentEnvironment,
    Diagnostic,
    Environment,
    EnvVar,
    Escalation,
    FieldChange,
    FileEdit,
    Governance,
    HealthCheck,
    ImpactReportDict,
    Lifecycle,
    Metrics,
    Migration,
    MigrationDifficulty,
    Monitoring,
    Notification,
    Port,
    Project,
    Protocol,
    Reach,
    Related,
    RenderKind,
    ReportDict,
    Service,
    ServiceChange,
    ServiceMonitoring,
    ServiceType,
    Severity,
    Sla,
    Status,
    StatusChange,
    Summary,
    Tier,
    Transition,
    Verdict,
)

__version__: str = _native.__version__
"""The library's version (the same as the Rust crates' and the CLI's)."""

__all__ = [
    "Affected",
    "Alerts",
    "BreakHandling",
    "BrokenConsumer",
    "Catalog",
    "CatalogError",
    "CatalogIOError",
    "ChangeKind",
    "ChangeSet",
    "DateLike",
    "DeclaredConsumers",
    "Dependency",
    "DependencyKind",
    "Deployment",
    "DeploymentEnvironment",
    "Diagnostic",
    "Editor",
    "EnvVar",
    "Environment",
    "Escalation",
    "FieldChange",
    "FileEdit",
    "Governance",
    "HealthCheck",
    "ImpactReport",
    "ImpactReportDict",
    "InternalError",
    "InvalidArgumentError",
    "Lifecycle",
    "Metrics",
    "Migration",
    "MigrationDifficulty",
    "Monitoring",
    "NotFoundError",
    "Notification",
    "Port",
    "Project",
    "Protocol",
    "Reach",
    "Related",
    "RenderKind",
    "Report",
    "ReportDict",
    "Service",
    "ServiceChange",
    "ServiceMonitoring",
    "ServiceType",
    "Severity",
    "Sla",
    "Status",
    "StatusChange",
    "Summary",
    "Tier",
    "Transition",
    "UnknownProjectError",
    "UnknownServiceError",
    "Verdict",
    "__version__",
    "diff",
    "impact",
    "render",
    "unified_diff",
]
