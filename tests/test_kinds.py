"""The kind registry: the worked example of a new kind (percentage changes) end to end, and the
checks that make a kind with a missing piece fail loudly instead of dropping claims."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

import audit
from audit import kinds
from audit.extract import driver
from audit.extract.base import Extractor
from audit.kinds import change
from audit.kinds.base import Kind
from audit.model import Claim
from tests.conftest import audit_texts

PUBLISHED = dt.date(2024, 3, 6)


def changes_of(text: str) -> list[Claim]:
    return audit.extract_claims(text, published=PUBLISHED, kinds=["change"])



# --- the percentage-change kind, added as one module and one registry line --------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("Shares of Orlen Freight rose 5% on Tuesday after the results.", "+5%"),
    ("Orlen Freight's profit fell 12 percent in the quarter.", "-12%"),
    ("The company said sales were up 3% from a year earlier.", "+3%"),
    ("Its stock dropped by 4.5% in early trading.", "-4.5%"),
])
def test_a_change_is_signed_by_its_verb(text: str, value: str) -> None:
    assert [c.value for c in changes_of(text)] == [value]


def test_a_share_of_something_is_not_a_change() -> None:
    assert changes_of("About 40% of the workers at the plant are contractors.") == []


def test_two_changes_of_one_companys_shares_conflict(tmp_path: Path) -> None:
    report = audit_texts(tmp_path, {
        "one": " date 2024-03-06 Shares of Orlen Freight rose 5% on Tuesday after it reported a profit.",
        "two": " date 2024-03-06 Orlen Freight's shares gained 4% on Tuesday after the company reported a "
               "profit.",
    })
    found = [f for f in report.findings if f.kind == "change"]
    assert len(found) == 1, [(f.kind, f.verdict, [g.value for g in f.values]) for f in report.findings]
    assert found[0].verdict == "conflict"
    assert {g.value: g.articles for g in found[0].values} == {"+5%": ("one",), "+4%": ("two",)}


def test_shares_and_profit_are_two_slots(tmp_path: Path) -> None:
    report = audit_texts(tmp_path, {
        "one": " date 2024-03-06 Shares of Orlen Freight rose 5% on Tuesday.",
        "two": " date 2024-03-06 Orlen Freight's profit rose 9% last year, it said on Tuesday.",
    })
    assert not [f for f in report.findings if f.kind == "change" and f.verdict == "conflict"]


def test_the_kind_is_registered_once_with_its_extractor() -> None:
    assert kinds.KINDS["change"] is change.KINDS[0]
    assert change.EXTRACTOR in kinds.EXTRACTORS
    assert "change" in kinds.PRIORITY


# --- the registry fails loudly ------------------------------------------------------------------------------

def _with(**changes: Any) -> Kind:
    return dataclasses.replace(change.KINDS[0], **changes)


def test_the_shipped_registry_is_consistent() -> None:
    kinds._check(kinds.REGISTRY)  # raises on any inconsistency


def test_a_kind_registered_twice_is_an_error() -> None:
    with pytest.raises(kinds.RegistryError, match="registered twice"):
        kinds._check((*kinds.REGISTRY, change.KINDS[0]))


def test_a_kind_without_an_example_is_an_error() -> None:
    registry = tuple(_with(example="") if k.name == "change" else k for k in kinds.REGISTRY)
    with pytest.raises(kinds.RegistryError, match="no name or no example"):
        kinds._check(registry)


def test_a_family_without_a_piece_is_an_error() -> None:
    family = dataclasses.replace(change.CHANGE, relate=None)  # type: ignore[arg-type]
    registry = tuple(_with(families=(family,)) if k.name == "change" else k for k in kinds.REGISTRY)
    with pytest.raises(kinds.RegistryError, match="has no relate"):
        kinds._check(registry)


def test_two_kinds_with_one_priority_are_an_error() -> None:
    taken = next(k.priority for k in kinds.REGISTRY if k.priority is not None and k.name != "change")
    registry = tuple(_with(priority=taken) if k.name == "change" else k for k in kinds.REGISTRY)
    with pytest.raises(kinds.RegistryError, match="share priority"):
        kinds._check(registry)


def test_an_extractor_declaring_an_unregistered_kind_is_an_error() -> None:
    extractor = Extractor("change", ("change", "ratio"), change.extract)
    registry = tuple(_with(extractor=extractor) if k.name == "change" else k for k in kinds.REGISTRY)
    with pytest.raises(kinds.RegistryError, match="no module registers"):
        kinds._check(registry)


def test_a_kind_naming_an_extractor_that_does_not_declare_it_is_an_error() -> None:
    extractor = Extractor("change", ("ratio",), change.extract)
    registry = tuple(_with(extractor=extractor) if k.name == "change" else k for k in kinds.REGISTRY)
    with pytest.raises(kinds.RegistryError, match="does not declare it"):
        kinds._check(registry)


def test_an_unknown_kind_is_named() -> None:
    with pytest.raises(kinds.UnknownKind, match="'ratio' is not registered"):
        kinds.kind("ratio")


def test_an_extractor_producing_an_undeclared_kind_fails_with_its_name(monkeypatch: pytest.MonkeyPatch) -> None:
    def rogue(doc: object) -> list[Claim]:
        return [dataclasses.replace(c, kind="ratio") for c in change.extract(doc)]  # type: ignore[arg-type]

    registry = tuple(Extractor("change", ("change",), rogue) if e is change.EXTRACTOR else e for e in driver.REGISTRY)
    monkeypatch.setattr(driver, "REGISTRY", registry)
    with pytest.raises(kinds.UnknownKind, match="extractor 'change' produced a claim of kind 'ratio'"):
        changes_of("Shares of Orlen Freight rose 5% on Tuesday.")
