"""The types: stubs match the native module, the package type-checks, and the TypedDicts match
both the data the binding returns and the JSON Schemas in `schemas/`."""

import datetime
import json
import subprocess
import sys
from pathlib import Path
from typing import Dict, List

import jsonschema
import pytest

from service_catalog import Catalog, Diagnostic, Project, ReportDict, Service

from conftest import EXAMPLE, RICH_TREE, SCHEMAS
from shapes import conforms, declared_keys, keys_seen, schema_drift

TODAY = datetime.date(2026, 1, 15)


def mypy(*args: str, cwd: Path) -> "subprocess.CompletedProcess[str]":
    """Runs mypy's `args` module in a clean folder, without a cache."""
    return subprocess.run(
        [sys.executable, "-m", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


def test_stubtest_finds_the_stubs_match_the_runtime(tmp_path: Path) -> None:
    result = mypy(
        "mypy.stubtest",
        "service_catalog",
        "--mypy-config-file",
        str(empty_config(tmp_path)),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_package_passes_mypy_strict(tmp_path: Path) -> None:
    result = mypy(
        "mypy", "--strict", "--cache-dir", "/dev/null", "-p", "service_catalog", cwd=tmp_path
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_user_code_type_checks_against_the_package(tmp_path: Path) -> None:
    user = tmp_path / "user.py"
    user.write_text(
        "import datetime\n"
        "from typing import List, Optional\n"
        "from service_catalog import Catalog, Service, Verdict, UnknownServiceError\n"
        "catalog = Catalog.load('tree')\n"
        "verdict: Verdict = catalog.check(datetime.date(2026, 1, 1)).verdict\n"
        "since: Optional[datetime.date] = catalog.service('a').get('lifecycle', {}).get('since')\n"
        "services: List[Service] = catalog.services()\n"
        "line: int = catalog.diagnostics()[0]['line']\n"
        "try:\n"
        "    catalog.project('p')\n"
        "except UnknownServiceError as err:\n"
        "    code: str = err.code\n",
        encoding="utf-8",
    )
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from service_catalog import Catalog\n"
        "line: str = Catalog.load('tree').diagnostics()[0]['line']\n"
        "Catalog.load('tree').check(20260101)\n",
        encoding="utf-8",
    )
    assert (
        mypy("mypy", "--strict", "--cache-dir", "/dev/null", str(user), cwd=tmp_path).returncode
        == 0
    )
    failed = mypy("mypy", "--strict", "--cache-dir", "/dev/null", str(bad), cwd=tmp_path)
    assert failed.stdout.count("error:") == 2, failed.stdout


def empty_config(folder: Path) -> Path:
    """A mypy config file with no settings, so no project configuration leaks in."""
    config = folder / "mypy.ini"
    config.write_text("[mypy]\n", encoding="utf-8")
    return config


@pytest.mark.parametrize("name", ["rich", "example"])
def test_returned_data_fits_the_typeddicts(name: str) -> None:
    catalog = Catalog.from_files(RICH_TREE) if name == "rich" else Catalog.load(EXAMPLE)
    problems: List[str] = []
    for service in catalog.services():
        problems += conforms(service, Service, f"service {service['id']}")
    for project in catalog.projects():
        problems += conforms(project, Project, f"project {project['id']}")
    report = catalog.check(TODAY)
    problems += conforms(report.to_dict(), ReportDict, "report")
    problems += conforms(catalog.diagnostics(), List[Diagnostic], "diagnostics")
    assert problems == []


def test_the_rich_tree_sets_every_field_the_types_declare() -> None:
    catalog = Catalog.from_files(RICH_TREE)
    for tp, values in ((Service, catalog.services()), (Project, catalog.projects())):
        seen: Dict[str, set] = {}
        keys_seen(values, tp, seen, tp.__name__)
        assert seen == declared_keys(tp, tp.__name__, {})


SCHEMA_OF = {
    "report.schema.json": ReportDict,
    "service.schema.json": Service,
    "project-data.schema.json": Project,
}
"""The data schemas of `schemas/` and the TypedDict of the same shape."""


@pytest.mark.parametrize("name", sorted(SCHEMA_OF))
def test_the_typeddicts_match_the_schemas(name: str) -> None:
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    assert schema_drift(SCHEMA_OF[name], schema) == []


def test_the_drift_check_sees_a_difference() -> None:
    schema = json.loads((SCHEMAS / "report.schema.json").read_text(encoding="utf-8"))
    del schema["definitions"]["Summary"]["properties"]["infos"]
    schema["definitions"]["Diagnostic"]["properties"]["line"]["type"] = "string"
    schema["definitions"]["Severity"]["oneOf"].pop()
    assert schema_drift(ReportDict, schema) == [
        "ReportDict.diagnostics.line: int in the types but str in the schema",
        "ReportDict.diagnostics.severity: one of 'error', 'info', 'warning' in the types "
        "but one of 'error', 'warning' in the schema",
        "ReportDict.summary: keys ['errors', 'infos', 'verdict', 'warnings'] "
        "but the schema has ['errors', 'verdict', 'warnings']",
    ]


@pytest.mark.parametrize("name", ["rich", "example"])
def test_returned_data_validates_against_the_schemas(name: str) -> None:
    catalog = Catalog.from_files(RICH_TREE) if name == "rich" else Catalog.load(EXAMPLE)
    validators = {
        n: jsonschema.Draft7Validator(json.loads((SCHEMAS / n).read_text(encoding="utf-8")))
        for n in SCHEMA_OF
    }
    as_json = lambda value: json.loads(json.dumps(value, default=str))  # noqa: E731
    problems = [
        f"{n}: {e.message}"
        for n, values in (
            ("report.schema.json", [catalog.check(TODAY).to_dict()]),
            ("service.schema.json", catalog.services()),
            ("project-data.schema.json", catalog.projects()),
        )
        for value in values
        for e in validators[n].iter_errors(as_json(value))
    ]
    assert problems == []
