"""`audit diff`: new, resolved and changed findings between two JSON reports, ids stable under a small edit."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEEDS, run_cli

EDIT_OLD = "opener in the 33rd minute"
EDIT_NEW = "opener in the 35th minute"


def _report(batch: Path, out: Path) -> Path:
    r = run_cli("run", str(batch), "--out", str(out), "--name", "seeds", "--format", "json", "--quiet")
    assert r.code == 0, r.err
    return out / "seeds.json"


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(report of a copy of seeds/, report of the same copy with one sentence of 001 edited)."""
    base = tmp_path_factory.mktemp("diff")
    before, after = base / "before", base / "after"
    shutil.copytree(SEEDS, before)
    shutil.copytree(SEEDS, after)
    (article,) = after.glob("001_*.txt")
    text = article.read_text(encoding="utf-8")
    assert text.count(EDIT_OLD) == 1, "the seed sentence this test edits has changed"
    article.write_text(text.replace(EDIT_OLD, EDIT_NEW), encoding="utf-8")
    return _report(before, base / "r-before"), _report(after, base / "r-after")


def test_fixing_the_weekday_shows_one_changed_finding(edited: tuple[Path, Path], tmp_path: Path) -> None:
    """S2 fixed in 002 (Thursday -> Wednesday): the conflict becomes an agreement, nothing else moves,
    even when another finding shares the base id (they are paired by content, not by '-2' order)."""
    old, _ = edited
    batch = tmp_path / "fixed"
    shutil.copytree(SEEDS, batch)
    (article,) = batch.glob("002_*.txt")
    text = article.read_text(encoding="utf-8")
    assert text.count("victory on Thursday morning") == 1
    article.write_text(text.replace("victory on Thursday morning", "victory on Wednesday morning"), encoding="utf-8")
    new = _report(batch, tmp_path / "r")
    r = run_cli("diff", str(old), str(new), "--format", "json", "--fail-on", "any")
    assert r.code == 0, r.err
    d = json.loads(r.out)
    assert (d["summary"]["new"], d["summary"]["resolved"], d["summary"]["changed"]) == (0, 0, 1), d
    (changed,) = d["changed_findings"]
    assert changed["topic"] == "date of the victory"
    assert (changed["old_verdict"], changed["verdict"]) == ("conflict", "agree")
    value = next(c for c in changed["changes"] if c["kind"] == "value")
    assert value["article"].startswith("002_")
    assert (value["old"], value["new"]) == ("Thursday morning", "Wednesday morning")


def _load(p: Path) -> dict[str, Any]:
    return json.loads(p.read_text(encoding="utf-8"))


def _write(p: Path, data: dict[str, Any]) -> Path:
    p.write_text(json.dumps(data), encoding="utf-8")
    return p


def test_ids_are_stable_and_the_diff_shows_exactly_the_edited_finding(edited: tuple[Path, Path]) -> None:
    old, new = edited
    ids_old = {f["id"] for f in _load(old)["findings"]}
    ids_new = {f["id"] for f in _load(new)["findings"]}
    assert len(ids_old & ids_new) >= 0.9 * len(ids_old)
    r = run_cli("diff", str(old), str(new), "--format", "json")
    assert r.code == 0, r.err
    d = json.loads(r.out)
    assert d["summary"]["new"] == 0 and d["summary"]["resolved"] == 0
    assert d["summary"]["changed"] == 1, d["changed_findings"]
    (changed,) = d["changed_findings"]
    assert "minute" in changed["topic"] and "Gundogan" in changed["topic"]
    assert (changed["old_verdict"], changed["verdict"]) == ("agree", "conflict")
    assert changed["old_id"] == changed["id"]
    kinds = {c["kind"]: c for c in changed["changes"]}
    assert kinds["verdict"]["old"] == "agree" and kinds["verdict"]["new"] == "conflict"
    value = kinds["value"]
    assert value["article"].startswith("001_")
    assert "33" in value["old"] and "35" in value["new"]
    assert d["summary"]["unchanged"] == len(ids_old) - 1


def test_markdown_diff_is_a_pr_comment(edited: tuple[Path, Path]) -> None:
    old, new = edited
    r = run_cli("diff", str(old), str(new))
    assert r.code == 0, r.err
    md = r.out
    assert md.startswith("## Audit diff: seeds\n")
    assert "**0 new · 0 resolved · 1 changed**" in md
    assert "### Changed (1)" in md and "(was agree)" in md
    assert "35th minute" in md and "- verdict: agree → conflict" in md
    assert "### New" not in md and "### Resolved" not in md
    assert "1 changed" in r.err


def test_same_report_twice_is_no_change(edited: tuple[Path, Path]) -> None:
    old, _ = edited
    r = run_cli("diff", str(old), str(old), "--fail-on", "any")
    assert r.code == 0
    assert "No change" in r.out


def test_fail_on_counts_only_findings_newly_over_the_threshold(edited: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = edited
    # the edit turns an agreement into a conflict (severity error)
    assert run_cli("diff", str(old), str(new), "--fail-on", "conflict", "-q").code == 1
    assert run_cli("diff", str(old), str(new), "--fail-on", "any", "--severity", "error", "-q").code == 1
    assert run_cli("diff", str(old), str(new), "--fail-on", "none").code == 0
    # the other way round, the conflict is resolved: nothing new to fail on
    back = run_cli("diff", str(new), str(old), "--fail-on", "conflict")
    assert back.code == 0 and "(was conflict)" in back.out
    # a spelling variant that only the new report has: new, over 'variant' but not over 'conflict'
    data = _load(old)
    variant = next(f for f in data["findings"] if f["verdict"] == "variant")
    without = copy.deepcopy(data)
    without["findings"] = [f for f in data["findings"] if f["id"] != variant["id"]]
    before = _write(tmp_path / "before.json", without)
    r = run_cli("diff", str(before), str(old), "--fail-on", "variant")
    assert r.code == 1
    assert f"`{variant['id']}`" in r.out and "### New (1)" in r.out
    assert variant["id"] in r.err and "newly at or over --fail-on variant" in r.err
    assert run_cli("diff", str(before), str(old), "--fail-on", "conflict", "-q").code == 0
    assert run_cli("diff", str(before), str(old), "--fail-on", "variant", "--severity", "error", "-q").code == 0
    # and when it disappears, it is listed as resolved
    r = run_cli("diff", str(old), str(before), "--format", "json", "--fail-on", "any")
    assert r.code == 0
    d = json.loads(r.out)
    assert [f["id"] for f in d["resolved_findings"]] == [variant["id"]]


def test_article_joining_and_leaving_a_group_and_a_moved_id(edited: tuple[Path, Path], tmp_path: Path) -> None:
    old, _ = edited
    data = _load(old)
    agree = next(f for f in data["findings"] if f["verdict"] == "agree" and len(f["values"][0]["articles"]) >= 2)
    leaver = agree["values"][0]["articles"][-1]
    smaller = copy.deepcopy(data)
    f = next(x for x in smaller["findings"] if x["id"] == agree["id"])
    f["values"][0]["articles"] = f["values"][0]["articles"][:-1]
    f["id"] = "F00000000"  # as if the id had been built from another first claim
    r = run_cli("diff", str(_write(tmp_path / "smaller.json", smaller)), str(old), "--format", "json")
    assert r.code == 0, r.err
    d = json.loads(r.out)
    assert d["summary"]["new"] == 0 and d["summary"]["resolved"] == 0
    (changed,) = d["changed_findings"]
    assert changed["id"] == agree["id"] and changed["old_id"] == "F00000000"
    texts = [c["text"] for c in changed["changes"]]
    assert any(t.startswith(f"{leaver} joined: says ") for t in texts), texts
    assert any(c["kind"] == "id" for c in changed["changes"])
    r = run_cli("diff", str(old), str(tmp_path / "smaller.json"))
    assert f"{leaver} left: said".replace("_", "\\_") in r.out


def test_output_file_and_errors(edited: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = edited
    target = tmp_path / "diff.md"
    r = run_cli("diff", str(old), str(new), "--output", str(target))
    assert r.code == 0 and r.out == ""
    assert target.read_text(encoding="utf-8").startswith("## Audit diff")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    r = run_cli("diff", str(old), str(new), "--output", str(blocker / "diff.md"))
    assert r.code == 4 and "cannot write" in r.err
    r = run_cli("diff", str(tmp_path / "missing.json"), str(new))
    assert r.code == 3 and "no such report" in r.err
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    r = run_cli("diff", str(tmp_path / "bad.json"), str(new))
    assert r.code == 3 and "not a JSON report" in r.err
    (tmp_path / "other.json").write_text('{"runs": []}', encoding="utf-8")
    r = run_cli("diff", str(old), str(tmp_path / "other.json"))
    assert r.code == 3 and "not an audit JSON report" in r.err
    for res in (run_cli("diff", str(old)), run_cli("diff", str(old), str(new), "--format", "html")):
        assert res.code == 2
    assert "Traceback" not in r.err


def test_diff_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        run_cli("diff", "--help")
    assert exc.value.code == 0
    text = capsys.readouterr().out
    assert "examples:" in text and "audit diff old.json new.json --fail-on conflict" in text
    assert "exit codes" in text


def test_a_name_agreement_of_an_older_report_is_not_resolved_when_it_is_listed_as_a_name(
        edited: tuple[Path, Path], tmp_path: Path) -> None:
    """Reports before #12 had an agreement finding per name spelled alike; the same name is now listed under
    `names`: a diff against such an old report does not call it resolved."""
    _, new = edited
    data = _load(new)
    use = data["names"][0]
    old = copy.deepcopy(data)
    old["findings"].append({"id": use["id"], "event": use["event"], "topic": f"spelling of {use['name']}",
                            "kind": use["kind"], "verdict": "agree", "severity": "info",
                            "values": [{"value": use["name"], "articles": use["articles"],
                                        "evidence": use["evidence"]}]})
    old.pop("names")
    r = run_cli("diff", str(_write(tmp_path / "old.json", old)), str(new), "--format", "json")
    assert r.code == 0, r.err
    d = json.loads(r.out)
    assert d["summary"]["resolved"] == 0 and d["names_now_listed"] == [use["id"]]
    md = run_cli("diff", str(tmp_path / "old.json"), str(new)).out
    assert "1 name agreement(s) of the old report are now listed as names used consistently" in md
