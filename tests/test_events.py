"""Event scoping on a mixed batch: four stories from different years and domains in one run."""

from __future__ import annotations

from audit.pipeline import run
from tests.conftest import BATCHES, SEEDS


def test_mixed_batch_splits_into_its_events_and_never_compares_across_them() -> None:
    report = run([SEEDS, BATCHES / "quake-kalisay", BATCHES / "tidewell-sentencing"], name="mixed")
    groups = sorted(sorted(a.split("/")[0][:3] if "/" not in a else a.split("/")[0] for a in e.articles)
                    for e in report.events)
    assert groups == [["000", "001", "002"], ["003", "004"], ["quake-kalisay"] * 5, ["tidewell-sentencing"] * 5]
    home = {a: e.id for e in report.events for a in e.articles}
    for f in report.findings:
        if f.verdict in ("conflict", "variant"):
            assert len({home[a] for a in f.articles}) == 1, f.topic
    # the 2018 paragraph of 002 is moved to the 2018 event, and nothing of the court story is
    e2018 = next(e for e in report.events if any(a.startswith("003") for a in e.articles))
    assert [a[:3] for a in e2018.partial] == ["002"]
    assert all(not e.partial for e in report.events if e is not e2018)


def test_each_event_has_a_readable_label_with_its_date() -> None:
    report = run([SEEDS], name="seeds")
    labels = {e.label for e in report.events}
    assert any("2022-11-23" in lab and "Germany" in lab for lab in labels)
    assert any("2018-07-02" in lab for lab in labels)
