"""Rendering (`render`, `unified_diff`) and the format-preserving edits of `Catalog.edit()`."""

import datetime
from typing import Dict, List, Optional

import pytest

from service_catalog import (
    Catalog,
    FileEdit,
    InvalidArgumentError,
    RenderKind,
    UnknownProjectError,
    UnknownServiceError,
    render,
    unified_diff,
)

from conftest import EXAMPLE, REPO

TODAY = datetime.date(2026, 1, 15)

SNAPSHOTS = REPO / "core" / "tests" / "snapshots" / "render"

TREE: Dict[str, str] = {
    "services/catalog.toml": """# shared services
[service.shared-auth]
owner = "platform-team"
version = "1.2.3"
status = "ga"  # keep this comment
""",
    "projects/shop/services.toml": """[project]
name = "Shop"
environment = "production"
owners = ["@shop-team"]

[service.shop-web]
type = "web"
version = "2.1.0"
status = "ga"
[service.shop-web.dependencies]
requires = ["shop-api"]

[service.shop-api]
version = "1.0.0"
status = "ga"
[service.shop-api.dependencies]
requires = ["shared-auth@^1.0"]
""",
}


def applied(edits: List[FileEdit], files: Optional[Dict[str, str]] = None) -> Catalog:
    """The tree with `edits` applied."""
    changed = dict(TREE if files is None else files)
    for edit in edits:
        changed[edit["path"]] = edit["text"]
    return Catalog.from_files(changed)


@pytest.mark.parametrize(
    ("file", "kind", "options"),
    [
        ("graph.mmd", "mermaid", {}),
        ("graph-identity-service.dot", "dot", {"service": "identity-service", "depth": 1}),
        ("compose-payments.yaml", "compose", {"project": "payments"}),
        ("k8s-storefront.yaml", "k8s", {"project": "storefront"}),
        ("backstage.yaml", "backstage", {}),
    ],
)
def test_render_reproduces_the_rust_snapshots(
    file: str, kind: RenderKind, options: Dict[str, object]
) -> None:
    catalog = Catalog.load(EXAMPLE)
    text = render(
        catalog,
        kind,
        project=options.get("project"),  # type: ignore[arg-type]
        service=options.get("service"),  # type: ignore[arg-type]
        depth=options.get("depth"),  # type: ignore[arg-type]
    )
    assert text == (SNAPSHOTS / file).read_text(encoding="utf-8")


def test_every_kind_renders_the_small_tree() -> None:
    catalog = Catalog.from_files(TREE)
    kinds: List[RenderKind] = ["services-md", "topology-md", "mermaid", "dot", "backstage"]
    for kind in kinds:
        assert "shop-api" in render(catalog, kind), kind
    for kind in ("compose", "k8s"):
        assert "shop-api" in render(catalog, kind, project="shop", environment="production")
    backstage = render(catalog, "backstage")
    assert "kind: Component\nmetadata:\n  name: shop-web\n" in backstage
    assert "  dependsOn:\n    - component:shop-api\n" in backstage
    assert "  owner: group:shop-team\n" in backstage


def test_render_errors_name_the_argument_or_id() -> None:
    catalog = Catalog.from_files(TREE)
    with pytest.raises(InvalidArgumentError) as caught:
        render(catalog, "helm")  # type: ignore[arg-type]
    assert caught.value.argument == "kind"
    with pytest.raises(InvalidArgumentError) as caught:
        render(catalog, "compose")
    assert caught.value.argument == "project"
    with pytest.raises(InvalidArgumentError) as caught:
        render(catalog, "services-md", depth=2)
    assert caught.value.argument == "depth"
    with pytest.raises(UnknownProjectError):
        render(catalog, "k8s", project="nope")
    with pytest.raises(UnknownServiceError):
        render(catalog, "dot", service="nope")


def test_set_status_keeps_comments_and_unrelated_bytes() -> None:
    edits = Catalog.from_files(TREE).edit().set_status("shared-auth", "maintenance", TODAY)
    assert [e["path"] for e in edits] == ["services/catalog.toml"]
    text = edits[0]["text"]
    assert text.startswith("# shared services\n")
    assert 'status = "maintenance"  # keep this comment' in text
    service = applied(edits).service("shared-auth")
    assert service["status"] == "maintenance"
    assert service.get("lifecycle", {}).get("since") == TODAY
    diff = unified_diff("services/catalog.toml", TREE["services/catalog.toml"], text)
    assert diff.startswith("--- a/services/catalog.toml\n+++ b/services/catalog.toml\n")
    assert '-status = "ga"  # keep this comment' in diff
    assert Catalog.from_files(TREE).edit().set_status("shared-auth", "ga", TODAY) == []


def test_deprecate_sets_dates_and_replacement() -> None:
    editor = Catalog.from_files(TREE).edit()
    edits = editor.deprecate("shop-api", "shared-auth", sunset="2026-07-01", date=TODAY)
    lifecycle = applied(edits).service("shop-api")["lifecycle"]
    assert lifecycle.get("deprecation_date") == TODAY
    assert lifecycle.get("sunset_date") == datetime.date(2026, 7, 1)
    assert lifecycle.get("replacement_service") == "shared-auth"
    default = applied(editor.deprecate("shop-api", "shared-auth", date=TODAY))
    assert default.service("shop-api")["lifecycle"].get("sunset_date") == datetime.date(2026, 7, 15)
    with pytest.raises(InvalidArgumentError) as caught:
        editor.deprecate("shop-api", "shared-auth", sunset="2025-01-01", date=TODAY)
    assert caught.value.argument == "sunset"
    with pytest.raises(UnknownServiceError) as unknown:
        editor.deprecate("shop-api", "nope", date=TODAY)
    assert unknown.value.id == "nope"


def test_set_version_and_dependencies() -> None:
    editor = Catalog.from_files(TREE).edit()
    assert applied(editor.set_version("shared-auth", "2.0.0")).service("shared-auth")[
        "version"
    ] == "2.0.0"
    with pytest.raises(InvalidArgumentError) as caught:
        editor.set_version("shared-auth", "two")
    assert caught.value.argument == "version"

    removed = editor.remove_dependency("shop-web", "shop-api")
    without = applied(removed)
    assert without.dependencies("shop-web") == []
    files = {**TREE, **{e["path"]: e["text"] for e in removed}}
    added = without.edit().add_dependency("shop-web", "shop-api@^1.0")
    dependency = applied(added, files).service("shop-web")["dependencies"][0]
    assert (dependency["service"], dependency.get("version"), dependency["optional"]) == (
        "shop-api",
        "^1.0",
        False,
    )
    optional = editor.add_dependency("shared-auth", "shop-api", optional=True)
    assert applied(optional).service("shared-auth")["dependencies"][0]["optional"] is True
    with pytest.raises(InvalidArgumentError) as caught:
        editor.add_dependency("shop-web", "shop-api")
    assert caught.value.argument == "dependency"


def test_unified_diff_of_equal_texts_is_empty() -> None:
    assert unified_diff("a.toml", "x\n", "x\n") == ""
    assert unified_diff("a.toml", "a\nb\n", "a\nc\n") == (
        "--- a/a.toml\n+++ b/a.toml\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n"
    )
