"""The reviewer's workflow: SARIF and GitHub annotations, `audit explain`, and the terminal (progress,
colour, errors, --traceback, Ctrl-C)."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

import pytest

from audit.cli import Progress, main
from audit.render.github import command
from tests.conftest import ROOT, SEEDS, run_cli, seed_id


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """seeds/ audited once into json, sarif and github formats; returns (folder, stdout)."""
    out = tmp_path_factory.mktemp("wf")
    r = run_cli("run", str(SEEDS), "--out", str(out), "--name", "seeds", "--format", "json,sarif,github", "-q")
    assert r.code == 0, r.err
    return out, r.out


def _report(outputs: tuple[Path, str]) -> dict[str, Any]:
    return json.loads((outputs[0] / "seeds.json").read_text(encoding="utf-8"))


def _file_of(uri: str) -> Path:
    parsed = urlparse(uri)
    if parsed.scheme == "file":
        return Path(url2pathname(parsed.path))
    assert not parsed.scheme and not uri.startswith("/"), uri
    return Path.cwd() / unquote(uri)


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").split("\n")


# ------------------------------------------------------------------ SARIF


def test_sarif_keeps_suppressed_findings_with_the_reason(tmp_path: Path, outputs: tuple[Path, str]) -> None:
    stadium = next(f for f in _report(outputs)["findings"] if "Khalifa" in f["topic"])
    batch = tmp_path / "batch"
    shutil.copytree(SEEDS, batch)
    (batch / "audit.toml").write_text(f'[suppressed]\n{stadium["id"]} = "reported to the wire desk"\n', encoding="utf-8")
    r = run_cli("run", str(batch), "--out", str(tmp_path / "out"), "--format", "sarif,github", "-q")
    assert r.code == 0, r.err
    sarif = json.loads((tmp_path / "out" / "batch.sarif").read_text(encoding="utf-8"))
    results = [x for x in sarif["runs"][0]["results"] if x["properties"]["finding"] == stadium["id"]]
    assert results and all(x["suppressions"] == [{"kind": "external", "justification": "reported to the wire desk"}]
                           for x in results)
    assert stadium["id"] not in r.out  # no annotation to act on
    assert "audit conflict" in r.out


# ------------------------------------------------------------------ GitHub workflow commands

_CMD = re.compile(r"::(error|warning|notice) ([^:]*)::(.*)")


def _props(raw: str) -> dict[str, str]:
    out = {}
    for part in raw.split(","):
        k, _, v = part.partition("=")
        out[k] = unquote(v)  # %3A, %2C, %25... are percent-encodings
    return out


def test_github_command_escaping() -> None:
    assert command("warning", "100% sure\r\nnext line: a, b", file="dir/a,b:c.txt", line=3,
                   title="50%: x, y") == (
        "::warning file=dir/a%2Cb%3Ac.txt,line=3,title=50%25%3A x%2C y::100%25 sure%0D%0Anext line: a, b")
    assert command("error", "m") == "::error::m"
    assert command("notice", "m", col=None, line=1) == "::notice line=1::m"


# ------------------------------------------------------------------ audit explain


def test_explain_re_audits_the_batch_and_shows_everything(outputs: tuple[Path, str]) -> None:
    report = _report(outputs)
    f = next(x for x in report["findings"] if x["verdict"] == "conflict")
    r = run_cli("explain", f["id"], str(SEEDS))
    assert r.code == 0, r.err
    text = r.out
    assert text.startswith(f"Finding {f['id']}: conflict (error)")
    for g in f["values"]:
        for ev in g["evidence"]:
            path = next(a["path"] for a in report["articles"] if a["id"] == ev["article"])
            assert f"{path}:{ev['line']}" in text
            assert f"[{ev['text']}]" in text  # the claim marked inside its sentence
    assert text.count("normalized:  date = ") == sum(len(g["evidence"]) for g in f["values"])
    assert "Why these mentions were aligned, and why this verdict" in text
    for reason in f["reasons"]:
        assert reason in text
    assert "verdict conflict: values that cannot both be true" in text
    assert "odd one out" in text and "Note" in text and "one day apart" in text
    assert "Articles" in text and "published" in text


def _claim_blocks(text: str) -> list[str]:
    """The block of each mention in `audit explain` text: from its '     - ARTICLE at PATH:LINE' line
    to the blank line after it."""
    values = text.split("\nWhy these mentions were aligned", 1)[0]
    return [b.split("\n\n", 1)[0] for b in values.split("\n     - ")[1:]]


def test_explain_shows_each_claims_rule_and_frame() -> None:
    """One block per claim: how it was normalized, the extractor rule, the frame and the frame rules
    that fired, as the audit found them (the JSON says the same); then what the frames share and where
    they differ. Every agreement and the conflict of the seeds, from one audit of the batch."""
    from audit import explain
    from audit.pipeline import run

    report = run([str(SEEDS)], name="seeds")
    checked, fired = 0, []
    for f in report.findings:
        if f.verdict not in ("conflict", "agree"):
            continue
        text = explain.render(report, f, report.claims)
        doc = json.loads(explain.render(report, f, report.claims, "json"))
        blocks = _claim_blocks(text)
        claims = doc["claims"]
        assert len(blocks) == len(claims) == sum(len(g.evidence) for g in f.values) >= 2
        for block, c in zip(blocks, claims, strict=True):
            assert block.startswith(f"{c['article']} at "), block
            flat = " ".join(block.split())
            assert re.fullmatch(r"[a-z]+:[\w.()-]+", c["rule"]), c["rule"]
            assert f"rule: {c['rule']}" in flat
            if c["frame"] is None:
                assert "frame: none (a name has no frame" in flat
                continue
            assert f"frame: {' '.join(c['frame']['description'].split())}" in flat
            assert f"frame rules: {', '.join(c['frame']['rules']) or '(none recorded)'}" in flat
            fired += [r for r in c["frame"]["rules"] if r.startswith("frame:")]
        why = " ".join(text.split("Why these mentions were aligned, and why this verdict", 1)[1].split())
        framed = [c for c in claims if c["frame"]]
        if len(framed) >= 2:
            assert f"- the {len(framed)} frames agree on " in why
            differ = [line for line in doc["frames"] if line.startswith("they differ on ")]
            assert why.count("they differ on ") == len(differ)
        checked += 1
    assert checked >= 5 and len(fired) >= 5
    # the conflict of the seeds: three date claims, each extracted by a date rule and framed by the parse
    conflict = next(f for f in report.findings if f.verdict == "conflict")
    doc = json.loads(explain.render(report, conflict, report.claims, "json"))
    assert len(doc["claims"]) == 3
    assert all(c["rule"].startswith("dates:") and c["frame"]["predicate_class"] for c in doc["claims"])
    assert doc["frames"][0].startswith("the 3 frames agree on predicate_class=")


def test_explain_from_a_report_prefix_json_and_time_zones(outputs: tuple[Path, str], tmp_path: Path) -> None:
    report_path = outputs[0] / "seeds.json"
    f = next(x for x in _report(outputs)["findings"] if x["verdict"] == "conflict")
    r = run_cli("explain", f["id"].lower(), "--report", str(report_path))
    assert r.code == 0, r.err
    assert r.out.startswith(f"Finding {f['id']}: conflict") and "normalized:" not in r.out
    ids = [x["id"] for x in _report(outputs)["findings"]]
    unique = next((i[:n], i) for i in ids for n in range(3, len(i))
                  if sum(1 for j in ids if j.startswith(i[:n])) == 1)
    r = run_cli("explain", unique[0], "--report", str(report_path))
    assert r.code == 0 and r.out.startswith(f"Finding {unique[1]}:")
    r = run_cli("explain", f["id"], str(SEEDS), "--format", "json")
    doc = json.loads(r.out)
    assert doc["finding"]["id"] == f["id"] and {c["kind"] for c in doc["claims"]} == {"date"}
    batch = tmp_path / "batch"
    shutil.copytree(SEEDS, batch)
    (batch / "audit.toml").write_text(
        f'[sources."{seed_id("002")}"]\ntimezone = "Australia/Sydney"\n[sources."{seed_id("000")}"]\n'
        'timezone = "Asia/Qatar"\noutlet = "Doha desk"\n', encoding="utf-8")
    r = run_cli("explain", f["id"], str(batch))
    assert r.code == 0, r.err
    assert f"{seed_id('002')}: Australia/Sydney, UTC+11:00" in r.out
    assert f"{seed_id('000')}: Asia/Qatar, UTC+03:00" in r.out
    assert "is 8 hour(s) ahead of" in r.out and "outlet Doha desk" in r.out


def test_explain_unknown_id_suggests_the_closest(outputs: tuple[Path, str]) -> None:
    report_path = outputs[0] / "seeds.json"
    ids = [x["id"] for x in _report(outputs)["findings"]]
    f = next(x for x in _report(outputs)["findings"] if x["verdict"] == "conflict")
    wrong = f["id"][:-1] + ("0" if f["id"][-1] != "0" else "1")
    r = run_cli("explain", wrong, "--report", str(report_path))
    assert r.code == 3
    assert f"no finding '{wrong}'" in r.err and f"closest: {f['id']}" in r.err
    assert "Traceback" not in r.err
    r = run_cli("explain", f["id"], str(SEEDS), "--report", str(report_path))
    assert r.code == 2 and "not both" in r.err
    shared = next(i[:2] for i in ids if sum(1 for j in ids if j.startswith(i[:2])) > 1)
    r = run_cli("explain", shared, "--report", str(report_path))
    assert r.code == 3 and f"'{shared}' matches" in r.err and "give more of the id" in r.err


def test_explain_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        run_cli("explain", "--help")
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "examples:" in out and "audit explain F6d2be93c" in out and "--report" in out


# ------------------------------------------------------------------ terminal


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def _run_tty(*argv: str) -> tuple[int, str]:
    err = FakeTTY()
    code = main(list(argv), stdout=io.StringIO(), stderr=err)
    return int(code), err.getvalue()


def _final(err: str) -> list[str]:
    """The last state of each progress line (tqdm redraws a line after a carriage return)."""
    return [parts[-1] for line in err.split("\n") if (parts := [p for p in line.split("\r") if p.strip()])]


def test_progress_only_on_a_terminal_only_when_slow_and_not_with_quiet(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    args = ("run", str(SEEDS), "--out", str(tmp_path), "--format", "json,md")
    monkeypatch.setattr(Progress, "delay", 3600.0)  # a fast run shows no progress, even on a terminal
    code, err = _run_tty(*args)
    assert code == 0 and "extracting" not in err and "audited 5 article(s)" in err
    monkeypatch.setattr(Progress, "delay", 0.0)  # as if the batch took long
    code, err = _run_tty(*args)
    assert code == 0
    lines = _final(err)
    stages = [line.split(":")[0].strip() for line in lines if ":" in line and not line.startswith(" ")]
    assert stages[:7] == ["reading", "extracting", "events", "aligning", "judging", "rendering json",
                          "rendering md"], lines
    assert re.search(r"^reading\s*: 5 files in \d\d:\d\d$", lines[0]), lines[0]
    assert re.search(r"^extracting\s*: 100%\|.*\| 5/5 \[\d\d:\d\d<\d\d:\d\d", lines[1]), lines[1]  # elapsed<ETA
    assert re.search(r"^events\s*: 2 events in \d\d:\d\d$", lines[2]), lines[2]
    assert re.search(r"^aligning\s*: \d+ claims in ", lines[3]) and re.search(r"^judging\s*: 100%.* slots/s", lines[4])
    assert re.search(r"^rendering md\s*: done in \d\d:\d\d$", lines[6]), lines[6]
    code, err = _run_tty(*args, "--quiet")
    assert code == 0 and err == ""
    r = run_cli(*args)  # not a terminal
    assert r.code == 0 and "extracting" not in r.err and "%|" not in r.err


def test_coloured_summary_respects_no_color(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    args = ("run", str(SEEDS), "--out", str(tmp_path), "--format", "json")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    _, err = _run_tty(*args)
    assert "\033[1;31m1 conflict\033[0m" in err and "\033[1;33m" in err
    monkeypatch.setenv("NO_COLOR", "1")
    _, err = _run_tty(*args)
    assert "\033[" not in err and "1 conflict" in err
    r = run_cli(*args)
    assert "\033[" not in r.err


def test_unexpected_error_is_one_line_unless_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_a: object, **_k: object) -> None:
        raise RuntimeError("boom in the pipeline")

    monkeypatch.setattr("audit.pipeline.run", boom)
    r = run_cli("run", str(SEEDS), "--out", str(tmp_path))
    assert r.code == 4
    assert r.err == ("Error: unexpected RuntimeError: boom in the pipeline\n"
                     "(run again with --traceback for details)\n")
    r = run_cli("run", str(SEEDS), "--out", str(tmp_path), "--traceback")
    assert r.code == 4
    assert r.err.startswith("Traceback (most recent call last):")
    assert "in boom" in r.err and "Error: unexpected RuntimeError: boom in the pipeline" in r.err
    r = run_cli("explain", "F1", str(SEEDS))
    assert r.code == 4 and "Traceback" not in r.err


def test_interrupt_exits_130(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(*_a: object, **_k: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("audit.pipeline.run", interrupt)
    r = run_cli("run", str(SEEDS), "--out", str(tmp_path))
    assert r.code == 130 and "Interrupted" in r.err


def test_main_help_lists_the_commands_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run_cli("--help")
    out = capsys.readouterr().out
    for word in ("run", "diff", "explain", "exit codes: 0 ok, 1 findings", "130 interrupted"):
        assert word in out
    with pytest.raises(SystemExit):
        run_cli("run", "--help")
    out = capsys.readouterr().out
    assert "github" in out and "--config FILE" in out


def test_readme_workflow_runs_the_audit_uploads_sarif_and_fails_on_conflicts() -> None:
    import shlex

    import yaml

    from audit.cli import build_parser

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Workflow for reviewers and editors", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert block
    workflow = yaml.safe_load(block.group(1))
    steps = workflow["jobs"]["audit"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    audit = next(s for s in steps if ".venv/bin/audit run" in s.get("run", "") and "--fail-on" in s.get("run", ""))
    argv = shlex.split(audit["run"])[1:]
    args = build_parser().parse_args(argv)  # the documented command line is one the CLI accepts
    assert args.fail_on == "conflict" and {"sarif", "github"} <= set(args.format.split(","))
    assert upload["with"]["sarif_file"] == f"{args.out}/{args.name}.sarif"
    assert workflow["permissions"]["security-events"] == "write"


def test_annotations_show_hidden_characters() -> None:
    """A bidirectional override or zero-width space in an article cannot disguise an annotation."""
    from audit.model import Article, Evidence, Finding, Report, ValueGroup
    from audit.render import github, sarif

    assert sarif.visible("Gundo\u202egan\u200b\tok") == "Gundo<U+202E>gan<U+200B>\tok"
    text = "Ilkay Gund\u202eogan scored.\nIlkay Gundogan scored."
    arts = (Article(id="a", path="a.txt", status="audited", text=text),)
    evs = [Evidence(article="a", start=0, end=15, text=text[0:15], sentence=text[:23], line=1),
           Evidence(article="a", start=24, end=38, text=text[24:38], sentence=text[24:], line=2)]
    groups = tuple(ValueGroup(value=ev.text, articles=("a",), evidence=(ev,), display=ev.text) for ev in evs)
    f = Finding(id="F12345678", event="E1", topic="spelling of Ilkay Gund\u202eogan", kind="person",
                verdict="variant", severity="warning", values=groups, note="typo")
    report = Report(batch="b", articles=arts, events=(), findings=(f,))
    out = github.render(report).decode("utf-8")
    assert out.count("::warning ") == 2
    assert "\u202e" not in out and out.count("<U+202E>") >= 4  # title and message of both lines
    assert "col=1,endColumn=15" in out and "line=2,endLine=2,col=1,endColumn=14" in out
    results = sarif.sarif_dict(report)["runs"][0]["results"]
    assert all("\u202e" not in r["message"]["text"] for r in results)
    assert results[0]["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] == text[0:15]  # raw, to match
