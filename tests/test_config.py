"""Configuration: [tool.audit] in ./pyproject.toml, audit.toml beside the batch, --config FILE."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEEDS, run_cli, seed_id

REASON = "stadium name: typo reported to the wire desk"


def _finding(report: dict[str, Any], topic_part: str) -> dict[str, Any]:
    (f,) = [f for f in report["findings"] if topic_part in f["topic"]]
    return f


def _weekday_conflict(report: dict[str, Any]) -> dict[str, Any]:
    (f,) = [f for f in report["findings"] if f["kind"] == "date/weekday" and f["verdict"] == "conflict"]
    return f


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("baseline")
    r = run_cli("run", str(SEEDS), "--out", str(out), "--name", "seeds", "--format", "json", "--quiet")
    assert r.code == 0, r.err
    return json.loads((out / "seeds.json").read_text(encoding="utf-8"))


def _batch(tmp_path: Path, config: str | None) -> Path:
    batch = tmp_path / "batch"
    shutil.copytree(SEEDS, batch)
    if config is not None:
        (batch / "audit.toml").write_text(config, encoding="utf-8")
    return batch


def _run(batch: Path, out: Path, *extra: str) -> tuple[dict[str, Any], str, str]:
    r = run_cli("run", str(batch), "--out", str(out), "--name", "b", "--format", "json,md", *extra)
    assert r.code == 0, r.err
    return json.loads((out / "b.json").read_text(encoding="utf-8")), (out / "b.md").read_text(encoding="utf-8"), r.err


def test_audit_toml_beside_the_batch(tmp_path: Path, baseline: dict[str, Any]) -> None:
    stadium = _finding(baseline, "Khalifa")
    gundogan = _finding(baseline, "spelling of Ilkay Gundogan")
    assert stadium["verdict"] == gundogan["verdict"] == "variant"
    assert "Sydney" not in (_weekday_conflict(baseline)["note"] or "")
    s2 = seed_id("002")
    batch = _batch(tmp_path, f"""
accepted_variants = [["Iiikay Gundogan", "Ilkay Gundogan"]]

[suppressed]
{stadium["id"]} = "{REASON}"

[sources."{s2}"]
outlet = "Fox Sports Australia"
timezone = "Australia/Sydney"
url = "https://www.foxsports.com.au/"
""")
    report, md, err = _run(batch, tmp_path / "out")
    # per-source time zone, used in the weekday explanation (S2)
    note = _weekday_conflict(report)["note"]
    assert f"{s2} (Australia/Sydney, UTC+11) gives the later day" in note
    art = next(a for a in report["articles"] if a["id"] == s2)
    assert (art["outlet"], art["timezone"], art["url"]) == ("Fox Sports Australia", "Australia/Sydney",
                                                            "https://www.foxsports.com.au/")
    assert "Australia/Sydney" in md
    # suppressed: shown, not hidden
    sup = next(f for f in report["findings"] if f["id"] == stadium["id"])
    assert sup["suppressed"] == REASON and sup["verdict"] == "variant"
    assert report["summary"]["suppressed"] == 1
    assert f"SUPPRESSED: {REASON}" in md.replace("\\", "")
    # accepted variant: the spelling difference becomes an agreement
    acc = next(f for f in report["findings"] if f["id"] == gundogan["id"])
    assert acc["verdict"] == "agree" and acc["severity"] == "info"
    assert "accepted by configuration" in acc["note"]
    assert report["summary"]["findings_by_verdict"]["variant"] == baseline["summary"]["findings_by_verdict"]["variant"] - 1
    assert "configuration" in err and "audit.toml" in err
    # nothing left to fail on except the conflict
    r = run_cli("run", str(batch), "--out", str(tmp_path / "o2"), "--format", "json", "--fail-on", "variant", "-q")
    assert r.code == 1
    (batch / "audit.toml").write_text(f'[suppressed]\n{_weekday_conflict(baseline)["id"]} = "time zones"\n'
                                      f'{stadium["id"]} = "typo"\n{gundogan["id"]} = "typo"\n', encoding="utf-8")
    r = run_cli("run", str(batch), "--out", str(tmp_path / "o2"), "--format", "json", "--fail-on", "any", "-q")
    assert r.code == 0


def test_severity_per_verdict_and_the_gate(tmp_path: Path) -> None:
    batch = _batch(tmp_path, '[severity]\nconflict = "warning"\nvariant = "error"\n')
    report, _, _ = _run(batch, tmp_path / "out", "-q")
    assert {f["severity"] for f in report["findings"] if f["verdict"] == "conflict"} == {"warning"}
    assert {f["severity"] for f in report["findings"] if f["verdict"] == "variant"} == {"error"}
    out = str(tmp_path / "o")
    assert run_cli("run", str(batch), "--out", out, "--format", "json", "--fail-on", "conflict",
                   "--severity", "error", "-q").code == 0
    assert run_cli("run", str(batch), "--out", out, "--format", "json", "--fail-on", "variant",
                   "--severity", "error", "-q").code == 1


def test_pyproject_in_the_current_folder_and_explicit_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    s2 = seed_id("002")
    work = tmp_path / "repo"
    work.mkdir()
    (work / "pyproject.toml").write_text(f'[project]\nname = "x"\n\n[tool.audit.sources."{s2}"]\n'
                                         'timezone = "+10:00"\npublished = 2022-11-24\n', encoding="utf-8")
    monkeypatch.chdir(work)
    report, _, err = _run(SEEDS, tmp_path / "out")
    art = next(a for a in report["articles"] if a["id"] == s2)
    assert art["timezone"] == "+10:00"
    assert (art["published"], art["published_basis"]) == ("2022-11-24", "metadata")
    assert "pyproject.toml [tool.audit]" in err
    # --config FILE is read alone: the pyproject.toml here is ignored
    desk = tmp_path / "desk.toml"
    desk.write_text(f'[sources."{s2}"]\noutlet = "Desk"\n', encoding="utf-8")
    report, _, err = _run(SEEDS, tmp_path / "out2", "--config", str(desk))
    art = next(a for a in report["articles"] if a["id"] == s2)
    assert art["outlet"] == "Desk" and art["timezone"] is None
    assert "desk.toml" in err and "[tool.audit]" not in err


@pytest.mark.parametrize(("text", "message"), [
    ("colour = 1\n", "unknown key colour"),
    ('[sources."002"]\ntimezone = "Mars/Olympus"\n', "not a time-zone name"),
    ('[sources."002"]\ntimezone = "+15:00"\n', "out of range"),
    ('[sources."002"]\nowner = "x"\n', "unknown key owner"),
    ('[sources."002"]\npublished = "yesterday"\n', "must be a date"),
    ('[sources."002"]\nurl = "ftp://x"\n', "http:// or https://"),
    ('[severity]\nvariant = "fatal"\n', "must be one of info, warning, error"),
    ('[severity]\nsometimes = "error"\n', "unknown verdict"),
    ('[suppressed]\nF6140c928 = ""\n', "non-empty string"),
    ('[suppressed]\nstadium = "typo"\n', "not a finding id"),
    ('accepted_variants = ["Gundogan"]\n', "pair of spellings"),
    ("accepted_variants = [[\n", "not valid TOML"),
])
def test_bad_configuration_exits_3_with_a_clear_message(tmp_path: Path, text: str, message: str) -> None:
    batch = _batch(tmp_path, text)
    r = run_cli("run", str(batch), "--out", str(tmp_path / "out"), "--format", "json")
    assert r.code == 3, r.err
    assert r.err.startswith("Error: configuration: ") and "audit.toml" in r.err
    assert message in r.err
    assert "Traceback" not in r.err
    assert not (tmp_path / "out").exists()


def test_missing_config_file_and_pyproject_without_table(tmp_path: Path) -> None:
    r = run_cli("run", str(SEEDS), "--out", str(tmp_path), "--config", str(tmp_path / "nope.toml"))
    assert r.code == 3 and "no such configuration file" in r.err
    py = tmp_path / "pyproject.toml"
    py.write_text('[project]\nname = "x"\n', encoding="utf-8")
    r = run_cli("run", str(SEEDS), "--out", str(tmp_path), "--config", str(py))
    assert r.code == 3 and "has no [tool.audit] table" in r.err


def test_entries_that_match_nothing_are_warned_about(tmp_path: Path) -> None:
    s2 = seed_id("002")
    batch = _batch(tmp_path, 'accepted_variants = [["Iiikay Gundogan", "Ilkay Gundogan"], ["Hansi Flik", "Hansi Flick"]]\n'
                   f'[sources."{s2[:-1]}"]\noutlet = "X"\n[suppressed]\nF00000000 = "old"\n')
    _, _, err = _run(batch, tmp_path / "out")
    assert "Iiikay" not in err  # that pair matches a finding (now an agreement)
    assert ("warning: configuration accepts the spellings 'Hansi Flik' and 'Hansi Flick', but no finding of this "
            "batch has both (did you mean 'Hansi Flick'?)") in err
    assert f"warning: configuration names article '{s2[:-1]}', which is not in this batch (did you mean {s2}?)" in err
    assert "warning: configuration suppresses F00000000, which is not a finding of this batch" in err
