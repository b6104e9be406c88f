"""One model for every reader: `Report.from_dict` rebuilds the report from its JSON, and the JSON
renderer writes the same bytes again, for the committed reports and for the devset's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit.model import Finding, Report, ReportFormatError
from audit.pipeline import run
from audit.render.jsonout import render
from tests.conftest import BATCHES, DEVSET, ROOT, needs_shared

COMMITTED = sorted((ROOT / "reports").glob("*.json"))
CLUSTERS = sorted([p for folder in (DEVSET, BATCHES) if folder.is_dir() for p in folder.iterdir() if p.is_dir()],
                  key=lambda p: p.name)


def _round_trip(text: str) -> str:
    return render(Report.from_dict(json.loads(text))).decode("utf-8")


@pytest.mark.parametrize("path", COMMITTED, ids=[p.name for p in COMMITTED])
def test_committed_reports_round_trip_byte_identically(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert _round_trip(text) == text


def test_there_is_a_committed_report() -> None:
    assert COMMITTED, "reports/ holds no JSON report"


@needs_shared
@pytest.mark.parametrize("batch", CLUSTERS, ids=lambda p: p.name)
def test_devset_and_own_batches_round_trip(batch: Path) -> None:
    report = run([batch], name=batch.name)
    text = render(report).decode("utf-8")
    assert _round_trip(text) == text
    back = Report.from_dict(json.loads(text))
    assert back.findings == report.findings and back.events == report.events
    assert back.names == report.names


def test_timings_survive_the_round_trip(tmp_path: Path) -> None:
    report = run([ROOT / "seeds"], name="seeds")
    assert report.timings
    text = render(report).decode("utf-8")
    assert '"timings"' in text
    assert _round_trip(text) == text


def test_a_finding_round_trips_and_old_reports_without_added_fields_still_read() -> None:
    data = json.loads(COMMITTED[0].read_text(encoding="utf-8"))
    f = data["findings"][0]
    assert Finding.from_dict(f).to_dict() == f
    core = {k: f[k] for k in ("id", "event", "topic", "kind", "verdict", "values")}
    old = Finding.from_dict(core)
    assert old.severity == {"conflict": "error", "variant": "warning"}.get(old.verdict, "info")
    assert old.outlier == () and old.reasons == () and not old.copied


@pytest.mark.parametrize(("mutate", "where"), [
    (lambda d: d["findings"][0].pop("values"), "report.findings[0]: 'values' is missing"),
    (lambda d: d["findings"][0].update(verdict="maybe"), "report.findings[0].verdict: 'maybe'"),
    (lambda d: d["findings"][0]["values"][0]["evidence"][0].update(start="7"),
     "report.findings[0].values[0].evidence[0].start: expected int"),
    (lambda d: d["articles"][0].update(published="24 Nov"), "report.articles[0].published: '24 Nov'"),
    (lambda d: d.update(batch="seeds"), "report.batch: expected dict"),
])
def test_malformed_reports_name_the_field(mutate: object, where: str) -> None:
    data = json.loads(COMMITTED[0].read_text(encoding="utf-8"))
    mutate(data)  # type: ignore[operator]
    with pytest.raises(ReportFormatError) as exc:
        Report.from_dict(data)
    assert str(exc.value).startswith(where), exc.value
