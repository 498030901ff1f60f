"""The graph and lifecycle queries: dependencies, consumers, would_create_cycle, transition."""

import datetime

import pytest

from service_catalog import Catalog, InvalidArgumentError, UnknownServiceError

from conftest import RICH_TREE

# a -> b -> c, d -> b; e stands alone. Project p owns a and d.
CHAIN = {
    "services/catalog.toml": (
        '[service.b]\nversion = "1.0.0"\nstatus = "ga"\n'
        '[service.b.sla]\navailability = "99%"\n'
        '[service.b.dependencies]\nrequires = ["c"]\n'
        '[service.c]\nversion = "1.0.0"\nstatus = "ga"\n'
        '[service.c.sla]\navailability = "99.9%"\n'
        '[service.e]\nversion = "0.1.0"\n'
    ),
    "projects/p/services.toml": (
        '[project]\nowners = ["@p"]\n'
        '[service.a]\nversion = "0.1.0"\n[service.a.dependencies]\nrequires = ["b"]\n'
        '[service.d]\nversion = "0.1.0"\n[service.d.dependencies]\nrequires = ["b"]\n'
    ),
}


@pytest.fixture
def chain() -> Catalog:
    return Catalog.from_files(CHAIN)


def test_direct_and_transitive_dependencies(chain: Catalog) -> None:
    assert chain.dependencies("a") == [{"id": "b", "depth": 1, "path": ["a", "b"]}]
    assert chain.dependencies("a", transitive=True) == [
        {"id": "b", "depth": 1, "path": ["a", "b"]},
        {"id": "c", "depth": 2, "path": ["a", "b", "c"]},
    ]
    assert chain.dependencies("e", True) == []


def test_direct_and_transitive_consumers_name_their_project(chain: Catalog) -> None:
    assert [r["id"] for r in chain.consumers("b")] == ["a", "d"]
    transitive = chain.consumers("c", transitive=True)
    assert transitive[0] == {"id": "b", "depth": 1, "path": ["c", "b"]}
    assert sorted((r["id"], r.get("project"), r["depth"]) for r in transitive[1:]) == [
        ("a", "p", 2),
        ("d", "p", 2),
    ]
    assert chain.consumers("a", True) == []


def test_would_create_cycle(chain: Catalog) -> None:
    assert chain.would_create_cycle("c", "a") == ["c", "a", "b", "c"]
    assert chain.would_create_cycle("c", "c") == ["c", "c"]
    assert chain.would_create_cycle("a", "c") is None
    assert chain.would_create_cycle("e", "a") is None


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.dependencies("nope"),
        lambda c: c.consumers("nope", True),
        lambda c: c.would_create_cycle("a", "nope"),
        lambda c: c.would_create_cycle("nope", "a"),
        lambda c: c.transition("nope", "ga", "2026-01-15"),
    ],
)
def test_queries_raise_unknown_service(chain: Catalog, call) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnknownServiceError) as caught:
        call(chain)
    assert caught.value.id == "nope" and caught.value.code == "unknown-service"


def test_an_allowed_transition() -> None:
    verdict = Catalog.from_files(RICH_TREE).transition("shared-auth", "deprecated", "2026-01-15")
    assert verdict == {
        "service": "shared-auth",
        "from": "ga",
        "to": "deprecated",
        "date": datetime.date(2026, 1, 15),
        "allowed": True,
        "reasons": [],
    }


def test_a_refused_transition_says_why() -> None:
    catalog = Catalog.from_files(RICH_TREE)
    verdict = catalog.transition("shared-auth", "development", datetime.date(2026, 1, 15))
    assert verdict["allowed"] is False and verdict["from"] == "ga"
    assert verdict["reasons"] and all(isinstance(r, str) for r in verdict["reasons"])


def test_transition_defaults_to_today() -> None:
    catalog = Catalog.from_files(RICH_TREE)
    assert catalog.transition("shared-auth", "maintenance")["date"] == datetime.date.today()


def test_transition_rejects_an_unknown_status_and_a_bad_date() -> None:
    catalog = Catalog.from_files(RICH_TREE)
    with pytest.raises(InvalidArgumentError) as caught:
        catalog.transition("shared-auth", "gone")  # type: ignore[arg-type]
    assert caught.value.argument == "to"
    assert "development, beta, ga, maintenance, deprecated, retired" in str(caught.value)
    with pytest.raises(InvalidArgumentError) as caught:
        catalog.transition("shared-auth", "ga", "soon")
    assert caught.value.argument == "date"


def test_large_graph_queries() -> None:
    # A chain of 2,000 shared services and 3,000 project services on its tail.
    length, leaves = 2000, 3000
    shared = "".join(
        f'[service.s{i}]\nversion = "0.1.0"\n'
        + (f'[service.s{i}.dependencies]\nrequires = ["s{i - 1}"]\n' if i else "")
        for i in range(length)
    )
    project = '[project]\nowners = ["@p"]\n' + "".join(
        f'[service.leaf{i}]\nversion = "0.1.0"\n'
        f'[service.leaf{i}.dependencies]\nrequires = ["s{length - 1}"]\n'
        for i in range(leaves)
    )
    catalog = Catalog.from_files(
        {"services/catalog.toml": shared, "projects/p/services.toml": project}
    )
    consumers = catalog.consumers("s0", transitive=True)
    assert len(consumers) == length - 1 + leaves
    assert consumers[-1]["depth"] == length and len(consumers[-1]["path"]) == length + 1
    assert {r["project"] for r in consumers if "project" in r} == {"p"}
    assert len(catalog.dependencies("leaf7", transitive=True)) == length
    assert catalog.would_create_cycle("s0", "leaf0") == [
        "s0",
        "leaf0",
        *[f"s{i}" for i in range(length - 1, -1, -1)],
    ]
