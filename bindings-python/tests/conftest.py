"""Shared fixtures: the repository's paths and a small tree that uses every field of the model."""

from pathlib import Path
from typing import Dict

import pytest

REPO = Path(__file__).resolve().parents[2]
"""The repository's root."""

CASES = REPO / "tests" / "cases"
"""The shared conformance corpus: `<case>/tree/` and `<case>/expected.json`."""

SCHEMAS = REPO / "schemas"
"""The JSON Schemas generated from the core's types."""

EXAMPLE = REPO / "examples" / "control-center"
"""The full example tree."""

# A tree that sets every field the model knows, so that the plain data of every type shows up.
RICH_TREE: Dict[str, str] = {
    "services/catalog.toml": """
[service.shared-auth]
name = "shared-auth"
type = "microservice"
owner = "platform-team"
description = "single sign-on"
version = "2.1.0"
status = "ga"
compat_version_min = "2.0.0"
image = "registry.example.com/platform/shared-auth:2.1.0"
ports = [{ name = "http", port = 8080, protocol = "tcp" }]
health_check = { path = "/healthz", port = 8080, interval = "10s", timeout = "2s" }
env = { DB_PASSWORD = "vault://platform/shared-auth/db", LOG_LEVEL = "info" }
tags = ["auth", "tier-0"]

[service.shared-auth.dependencies]
requires = ["user-store@^1.0", { service = "audit-log", version = ">=1.0, <2", kind = "async" }]

[service.shared-auth.consumers]
projects = ["shop"]
required_by = ["shop-web"]

[service.shared-auth.governance]
approvers = ["@platform-team", "@security-team"]
change_log = "https://git.example.com/platform/shared-auth/CHANGELOG.md"
break_changes_notice = 30

[service.shared-auth.sla]
availability = "99.9%"
response_time_p50 = "20ms"
response_time_p95 = "60ms"
response_time_p99 = "100ms"
error_rate = "0.1%"
break_handling = "graceful"

[service.shared-auth.lifecycle]
since = 2025-03-01

[service.user-store]
type = "database"
owner = "platform-team"
version = "1.4.0"
status = "ga"
[service.user-store.sla]
availability = "99.99%"
response_time_p99 = "30ms"

[service.audit-log]
type = "queue"
owner = "platform-team"
version = "1.2.0"
status = "maintenance"
[service.audit-log.sla]
availability = "99.9%"
[service.audit-log.lifecycle]
since = 2025-06-01
[service.audit-log.migration]
guide_url = "https://wiki.example.com/audit-log"
support_until = 2026-03-01
migration_difficulty = "easy"
estimated_effort_hours = 4

[service.old-auth]
type = "api"
owner = "platform-team"
version = "1.9.0"
status = "deprecated"
[service.old-auth.sla]
availability = "99.5%"
[service.old-auth.lifecycle]
since = 2025-01-10
deprecation_date = 2025-01-10
sunset_date = 2025-12-31
replacement_service = "shared-auth"
""",
    "projects/shop/services.toml": """
[project]
name = "Shop"
description = "the storefront"
environment = "production"
tier = "critical"
owners = ["@shop-team"]

[service.shop-web]
type = "web"
owner = "shop-team"
version = "1.0.0"
status = "ga"
exposed = true
[service.shop-web.dependencies]
requires = ["shared-auth@^2.0"]
optional = [{ service = "user-store", allow_beta = true }]
[service.shop-web.sla]
availability = "99.5%"
""",
    "projects/shop/deployment.toml": """
[environment.production]
auto_deploy = false
approvals = ["product-owner"]
pattern = "canary"
window = "off-hours"
checks = { health = "5m", integration = "10m" }
""",
    "projects/shop/monitoring.toml": """
[monitoring]
level = "critical"

[service.shop-web.metrics]
availability_threshold = 99.5
availability_check_interval = "60s"
response_time_p50 = "50ms"
response_time_p95 = "100ms"
response_time_p99 = "200ms"
error_rate_threshold = 0.1
error_type_alerts = ["5xx", "timeout"]
cpu_threshold = "80%"
memory_threshold = "85%"
disk_threshold = "90%"

[service.shop-web.alerts]
critical = ["slack#critical-alerts"]
warning = ["slack#warnings"]
info = ["email:ops@example.com"]
[service.shop-web.alerts.escalation]
time_to_escalate = "5m"
escalate_to = ["@on-call"]
page_if = "critical"
""",
}


def write_tree(root: Path, files: Dict[str, str]) -> Path:
    """Writes `files` (paths relative to `root`) under `root` and returns `root`."""
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def rich_dir(tmp_path: Path) -> Path:
    """`RICH_TREE` written to a temporary folder."""
    return write_tree(tmp_path / "control-center", RICH_TREE)
