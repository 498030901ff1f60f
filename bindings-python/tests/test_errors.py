"""Exceptions: one class per kind under CatalogError, each also its built-in, with a code."""

from pathlib import Path

import pytest

import service_catalog
from service_catalog import (
    Catalog,
    CatalogError,
    CatalogIOError,
    InternalError,
    InvalidArgumentError,
    NotFoundError,
    UnknownProjectError,
    UnknownServiceError,
)
from service_catalog._errors import from_native

from conftest import RICH_TREE

KINDS = [
    (NotFoundError, "not-found", FileNotFoundError),
    (CatalogIOError, "io", OSError),
    (UnknownServiceError, "unknown-service", KeyError),
    (UnknownProjectError, "unknown-project", KeyError),
    (InvalidArgumentError, "invalid-argument", ValueError),
    (InternalError, "internal", Exception),
]


@pytest.mark.parametrize(("cls", "code", "builtin"), KINDS)
def test_each_kind_is_a_catalog_error_and_its_builtin(cls: type, code: str, builtin: type) -> None:
    assert issubclass(cls, CatalogError) and issubclass(cls, builtin)
    assert cls.code == code  # type: ignore[attr-defined]
    error = from_native(code, "what went wrong", {})
    assert type(error) is cls
    assert error.code == code and str(error) == "what went wrong"


def test_codes_are_unique_and_exported() -> None:
    codes = [code for _, code, _ in KINDS]
    assert len(set(codes)) == len(codes)
    for cls, _, _ in KINDS:
        assert getattr(service_catalog, cls.__name__) is cls


def test_an_unknown_code_still_reaches_python_as_a_catalog_error() -> None:
    error = from_native("some-future-kind", "new", {"detail": "x"})
    assert type(error) is CatalogError
    assert error.code == "some-future-kind"
    assert error.detail == "x"


def test_unknown_service() -> None:
    catalog = Catalog.from_files(RICH_TREE)
    with pytest.raises(UnknownServiceError) as caught:
        catalog.service("no-such-service")
    assert caught.value.code == "unknown-service"
    assert caught.value.id == "no-such-service"
    assert str(caught.value) == "unknown service `no-such-service`"
    with pytest.raises(KeyError):
        catalog.service("no-such-service")


def test_unknown_project() -> None:
    catalog = Catalog.from_files(RICH_TREE)
    with pytest.raises(UnknownProjectError) as caught:
        catalog.project("no-such-project")
    assert caught.value.code == "unknown-project"
    assert caught.value.id == "no-such-project"
    assert isinstance(caught.value, KeyError)


def test_missing_tree_is_not_found(tmp_path: Path) -> None:
    missing = tmp_path / "missing"
    with pytest.raises(NotFoundError) as caught:
        Catalog.load(missing)
    assert caught.value.code == "not-found"
    assert caught.value.filename == str(missing)
    assert str(missing) in str(caught.value)
    with pytest.raises(FileNotFoundError):
        Catalog.load(str(missing))


def test_a_file_is_not_a_tree(tmp_path: Path) -> None:
    file = tmp_path / "catalog.toml"
    file.write_text("", encoding="utf-8")
    with pytest.raises(NotFoundError, match="not a directory"):
        Catalog.load(file)


def test_errors_are_catchable_by_the_base_class(tmp_path: Path) -> None:
    with pytest.raises(CatalogError):
        Catalog.load(tmp_path / "missing")
    with pytest.raises(CatalogError):
        Catalog.from_files(RICH_TREE).check("yesterday")
