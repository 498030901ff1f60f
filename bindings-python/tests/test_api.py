"""The public API: loading from paths and memory, checking, reports, queries and their types."""

import datetime
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import service_catalog
from service_catalog import Catalog, Report

from conftest import RICH_TREE, write_tree

TODAY = datetime.date(2026, 1, 15)

# One unknown field (a warning with a suggestion) and one missing version (an error).
FLAWED_TREE = {
    "services/catalog.toml": (
        '[service.shared-auth]\nversion = "1.2.3"\nstatus = "ga"\nownr = "platform"\n'
        '[service.shared-auth.sla]\navailability = "99.9%"\n'
        '[service.broken]\nowner = "platform"\n'
    ),
}


def test_load_accepts_str_and_pathlib_paths(rich_dir: Path) -> None:
    from_str = Catalog.load(str(rich_dir))
    from_path = Catalog.load(rich_dir)
    assert from_str.root == str(rich_dir)
    assert from_path.root == str(rich_dir)
    assert from_str.services() == from_path.services()
    assert from_str.check(TODAY).to_dict() == from_path.check(TODAY).to_dict()


def test_from_files_reads_the_same_tree_as_load(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "tree", FLAWED_TREE)
    loaded = Catalog.load(root)
    in_memory = Catalog.from_files(FLAWED_TREE)
    assert in_memory.root == ""
    assert in_memory.diagnostics() == loaded.diagnostics()
    assert in_memory.services() == loaded.services()


def test_from_files_accepts_path_keys_and_ignores_unknown_files() -> None:
    files = {Path("services") / "catalog.toml": FLAWED_TREE["services/catalog.toml"]}
    catalog = Catalog.from_files(files)  # type: ignore[arg-type]
    assert [s["id"] for s in catalog.services()] == ["shared-auth", "broken"]
    assert Catalog.from_files({"README.md": "# not a catalog file"}).services() == []


def test_from_files_rejects_texts_that_are_not_str() -> None:
    with pytest.raises(TypeError):
        Catalog.from_files({"services/catalog.toml": b"[service.a]"})  # type: ignore[dict-item]


def test_diagnostics_are_located_plain_dicts() -> None:
    catalog = Catalog.from_files(FLAWED_TREE)
    unknown = next(d for d in catalog.diagnostics() if d["code"] == "schema/unknown-field")
    assert unknown == {
        "code": "schema/unknown-field",
        "severity": "warning",
        "message": "unknown field `ownr`; it is not read",
        "file": "services/catalog.toml",
        "line": 4,
        "column": 1,
        "end_line": 4,
        "end_column": 5,
        "service": "shared-auth",
        "help": "did you mean `owner`?",
    }
    assert any(d["code"] == "schema/missing-field" for d in catalog.diagnostics())


def test_check_accepts_date_datetime_str_and_defaults_to_today() -> None:
    catalog = Catalog.from_files(RICH_TREE)
    expected = catalog.check(TODAY).to_dict()
    assert catalog.check("2026-01-15").to_dict() == expected
    assert catalog.check(datetime.datetime(2026, 1, 15, 23, 59)).to_dict() == expected
    assert catalog.check().to_dict() == catalog.check(datetime.date.today()).to_dict()
    assert catalog.check(None).to_dict() == catalog.check(datetime.date.today()).to_dict()


@pytest.mark.parametrize("bad", ["2026-13-01", "2026-02-30", "15/01/2026", "", "2026-1-15"])
def test_check_rejects_malformed_dates(bad: str) -> None:
    catalog = Catalog.from_files(RICH_TREE)
    with pytest.raises(service_catalog.InvalidArgumentError) as caught:
        catalog.check(bad)
    assert caught.value.code == "invalid-argument"
    assert caught.value.argument == "today"
    assert isinstance(caught.value, ValueError)
    assert "YYYY-MM-DD" in str(caught.value)


def test_check_rejects_dates_of_the_wrong_type() -> None:
    with pytest.raises(TypeError):
        Catalog.from_files(RICH_TREE).check(20260115)  # type: ignore[arg-type]


def test_report_summary_verdict_and_diagnostics_agree() -> None:
    report = Catalog.from_files(FLAWED_TREE).check(TODAY)
    assert isinstance(report, Report)
    summary = report.summary
    severities = [d["severity"] for d in report.diagnostics]
    assert summary == {
        "errors": severities.count("error"),
        "warnings": severities.count("warning"),
        "infos": severities.count("info"),
        "verdict": "fail",
    }
    assert report.verdict == "fail"
    assert report.has_errors
    assert repr(report).startswith("<Report fail: ")
    clean = Catalog.from_files(RICH_TREE).check(TODAY)
    assert clean.verdict == "pass" and not clean.has_errors


def test_report_renderings() -> None:
    report = Catalog.from_files(FLAWED_TREE).check(TODAY)
    as_dict = report.to_dict()
    assert json.loads(report.to_json()) == as_dict
    assert report.to_json().endswith("\n")
    assert as_dict["schema_version"] == 1
    assert as_dict["summary"] == report.summary
    assert as_dict["diagnostics"] == report.diagnostics
    sarif = json.loads(report.to_sarif())
    assert sarif["version"] == "2.1.0"
    rule_ids = {r["ruleId"] for r in sarif["runs"][0]["results"]}
    assert rule_ids == {d["code"] for d in report.diagnostics}
    assert "schema/unknown-field" in report.to_markdown()
    text = report.to_text()
    assert "warning[schema/unknown-field]" in text and "\x1b[" not in text
    assert "\x1b[" in report.to_text(color=True)


def test_report_properties_return_fresh_data() -> None:
    report = Catalog.from_files(FLAWED_TREE).check(TODAY)
    report.diagnostics.clear()
    assert report.diagnostics


def test_services_and_projects_are_plain_data_with_dates() -> None:
    catalog = Catalog.from_files(RICH_TREE)
    services = catalog.services()
    assert [s["id"] for s in services] == [
        "shared-auth",
        "user-store",
        "audit-log",
        "old-auth",
        "shop-web",
    ]
    auth = catalog.service("shared-auth")
    assert auth == services[0]
    assert auth["project"] is None and auth["status"] == "ga" and auth["version"] == "2.1.0"
    assert auth["lifecycle"]["since"] == datetime.date(2025, 3, 1)
    assert auth["dependencies"][1] == {
        "service": "audit-log",
        "version": ">=1.0, <2",
        "kind": "async",
        "optional": False,
        "allow_beta": False,
    }
    old = catalog.service("old-auth")["lifecycle"]
    assert (old["deprecation_date"], old["sunset_date"]) == (
        datetime.date(2025, 1, 10),
        datetime.date(2025, 12, 31),
    )
    assert catalog.service("audit-log")["migration"]["support_until"] == datetime.date(2026, 3, 1)
    web = catalog.service("shop-web")
    assert web["project"] == "shop" and web["exposed"] is True
    assert catalog.projects() == [catalog.project("shop")]
    shop = catalog.project("shop")
    assert shop["services"] == ["shop-web"] and shop["tier"] == "critical"
    assert shop["deployment"]["environments"][0]["checks"] == [
        ("health", "5m"),
        ("integration", "10m"),
    ]


def test_a_service_without_status_is_in_development() -> None:
    catalog = Catalog.from_files({"services/catalog.toml": '[service.a]\nversion = "0.1.0"\n'})
    assert catalog.service("a")["status"] == "development"


def test_queries_return_new_objects_each_time() -> None:
    catalog = Catalog.from_files(RICH_TREE)
    catalog.service("shared-auth")["tags"].append("mutated")
    assert catalog.service("shared-auth")["tags"] == ["auth", "tier-0"]


def test_repr_names_the_root(rich_dir: Path) -> None:
    assert repr(Catalog.load(rich_dir)) == f"<Catalog {str(rich_dir)!r}>"
    assert repr(Catalog.from_files({})) == "<Catalog (in memory)>"


def test_version_is_the_crates_version() -> None:
    cargo = (Path(__file__).resolve().parents[2] / "Cargo.toml").read_text(encoding="utf-8")
    workspace_version = next(
        line.split('"')[1] for line in cargo.splitlines() if line.startswith("version = ")
    )
    assert service_catalog.__version__ == workspace_version


def test_a_large_generated_catalog() -> None:
    projects, per_project, shared = 40, 100, 200
    catalog_toml = "".join(
        f'[service.shared-{i}]\nowner = "platform"\nversion = "1.{i}.0"\nstatus = "ga"\n'
        f'[service.shared-{i}.sla]\navailability = "99.9%"\n'
        + (
            f"[service.shared-{i}.dependencies]\n"
            f'requires = [{{ service = "shared-{i - 1}", version = "^1", kind = "async" }}]\n'
            if i
            else ""
        )
        for i in range(shared)
    )
    files = {"services/catalog.toml": catalog_toml}
    for p in range(projects):
        files[f"projects/team-{p}/services.toml"] = '[project]\nowners = ["@team"]\n' + "".join(
            f'[service.team-{p}-svc-{s}]\nowner = "team-{p}"\nversion = "0.{s}.0"\n'
            f'[service.team-{p}-svc-{s}.dependencies]\nrequires = ["shared-{(p * s) % shared}"]\n'
            for s in range(per_project)
        )
    catalog = Catalog.from_files(files)
    assert catalog.diagnostics() == []
    services = catalog.services()
    assert len(services) == shared + projects * per_project
    assert len(catalog.projects()) == projects
    assert catalog.service("team-39-svc-99")["dependencies"][0]["service"] == "shared-61"
    report = catalog.check(TODAY)
    assert report.summary["errors"] == 0
    assert json.loads(report.to_json())["summary"] == report.summary


def test_one_catalog_serves_many_threads() -> None:
    catalog = Catalog.from_files(FLAWED_TREE)
    expected = catalog.check(TODAY).to_json()
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: catalog.check(TODAY).to_json(), range(16)))
    assert results == [expected] * 16
