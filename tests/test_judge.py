"""Verdicts on small made-up batches of other kinds of story: compatible values, conflicts, notes."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import audit_texts


def verdicts(report, contains: str) -> list[tuple[str, list[str]]]:  # type: ignore[no-untyped-def]
    return [(f.verdict, [g.value for g in f.values]) for f in report.findings
            if any(contains in g.value for g in f.values)]


def test_bounds_and_precision_are_compatible(tmp_path: Path) -> None:
    r = audit_texts(tmp_path, {
        "a": " date 2023-02-06 The earthquake killed at least 40 people in Marash, officials said on Monday.",
        "b": " date 2023-02-06 The earthquake killed 43 people in Marash, officials said on Monday.",
        "c": " date 2023-02-06 The earthquake killed 43 people in Marash, the governor said on Monday.",
    })
    (f,) = [f for f in r.findings if f.kind == "count"]
    assert f.verdict == "agree"
    assert "bounds overlap" in (f.note or "")


def test_distances_in_miles_and_km_are_compatible(tmp_path: Path) -> None:
    r = audit_texts(tmp_path, {
        "a": " date 2023-02-06 The tremor was felt 1,500 km away from the epicentre near Gaziantep.",
        "b": " date 2023-02-06 The tremor was felt 940 miles away from the epicentre near Gaziantep.",
    })
    (f,) = [f for f in r.findings if f.kind == "quantity"]
    assert f.verdict == "compatible"
    assert "unit conversion" in (f.note or "")


def test_different_death_tolls_conflict_and_earlier_report_is_noted(tmp_path: Path) -> None:
    r = audit_texts(tmp_path, {
        "a": " date 2023-02-06 The earthquake killed 120 people in Marash, officials said.",
        "b": " date 2023-02-07 The earthquake killed 190 people in Marash, officials said.",
        "c": " date 2023-02-07 The earthquake killed 190 people in Marash, rescuers said.",
    })
    (f,) = [f for f in r.findings if f.kind == "count"]
    assert f.verdict == "conflict"
    assert f.outlier == ("a",)
    assert "changed over time" in (f.note or "")


def test_same_instant_in_two_zones_agrees_and_different_local_times_conflict(tmp_path: Path) -> None:
    r = audit_texts(tmp_path, {
        "a": " date 2025-02-13 The quake struck at 8:41 a.m. PST, the survey said.",
        "b": " date 2025-02-13 The quake struck at 1641 GMT, the survey said.",
        "c": " date 2025-02-13 The quake struck at 12:41 a.m. local time, the survey said.",
        "d": " date 2025-02-13 The quake struck at 12:14 a.m. local time, the survey said.",
    })
    bad = [f for f in r.findings if f.kind == "time" and f.verdict == "conflict"]
    assert len(bad) == 1
    values = {g.value for g in bad[0].values}
    assert {"00:41 local", "00:14 local"} <= values


def test_charges_murder_vs_manslaughter_conflict_but_shorter_list_does_not(tmp_path: Path) -> None:
    r = audit_texts(tmp_path, {
        "a": " date 2013-09-14 John Doe, 23, was charged in her murder, police said.",
        "b": " date 2013-09-14 John Doe, 23, was charged with vehicular manslaughter and leaving the scene.",
        "c": " date 2013-09-14 John Doe, 23, was charged with vehicular manslaughter.",
    })
    (f,) = [f for f in r.findings if f.kind == "charge"]
    assert f.verdict == "conflict"
    assert {g.value for g in f.values} == {"murder", "leaving the scene + manslaughter", "manslaughter"}


def test_one_sentence_with_two_values_is_two_things(tmp_path: Path) -> None:
    r = audit_texts(tmp_path, {
        "a": " date 2012-12-23 Wayne caught 3 passes on the last drive and 2 passes before it.",
        "b": " date 2012-12-23 Wayne caught 3 passes on the last drive.",
    })
    assert not [f for f in r.findings if f.verdict == "conflict"]


def test_aside_about_an_older_year_is_background(tmp_path: Path) -> None:
    r = audit_texts(tmp_path, {
        "a": " date 2025-02-13 The quake killed 52 people. In 2009 a quake killed 9 people in the town.",
        "b": " date 2025-02-13 The quake killed 52 people in the town, officials said.",
    })
    assert not [f for f in r.findings if f.verdict == "conflict"]
    nine = next(c for c in r.claims if c.value == "9" and c.unit == "people")
    assert nine.context == "background"
