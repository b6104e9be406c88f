"""Annotations where the error is: SARIF and GitHub workflow commands put one result per odd value on its
statement, the other statements as related locations, a short message leading with what is wrong; the
SARIF validates against the official 2.1.0 schema; file references are the real, percent-encoded paths."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import unquote_to_bytes, urlparse

import jsonschema
import pytest

from audit.model import Article, Evidence, Finding, Report, ValueGroup
from audit.paths import real_path, uri_reference
from audit.render import github, sarif
from audit.render.annotate import MESSAGE, collect, odd_values
from tests.conftest import ROOT, SEEDS, run_cli, seed_id

SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
_CMD = re.compile(r"::(error|warning|notice) ([^:]*)::(.*)")


def _validate(doc: dict[str, Any]) -> list[str]:
    """Errors against the official SARIF 2.1.0 schema (draft-04), formats (uri, uri-reference) checked."""
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]


def test_format_checking_is_real() -> None:
    """The uri-reference format is checked (rfc3986-validator installed), so the URIs below are tested."""
    assert {"uri", "uri-reference"} <= set(jsonschema.FormatChecker().checkers)
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [
        {"message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a b\n.txt"}}}]}]}]}
    assert _validate(bad)


@pytest.fixture(scope="module")
def seeds_out(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("ann")
    r = run_cli("run", str(SEEDS), "--out", str(out), "--name", "seeds", "--format", "json,sarif,github", "-q")
    assert r.code == 0, r.err
    return out, r.out


def _props(raw: str) -> dict[str, str]:
    """Workflow-command properties as the runner decodes them (only %25, %0D, %0A, %3A, %2C)."""
    out = {}
    for part in raw.split(","):
        k, _, v = part.partition("=")
        out[k] = (v.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",")
                  .replace("%25", "%"))
    return out


def test_seed_sarif_validates_with_one_result_per_odd_statement(seeds_out: tuple[Path, str]) -> None:
    doc = json.loads((seeds_out[0] / "seeds.sarif").read_text(encoding="utf-8"))
    assert _validate(doc) == []
    report = json.loads((seeds_out[0] / "seeds.json").read_text(encoding="utf-8"))
    results = doc["runs"][0]["results"]
    inconsistencies = [f for f in report["findings"] if f["verdict"] in ("conflict", "variant")]
    assert len(results) == len(inconsistencies) == 3  # was one result per statement: 10
    paths = {a["id"]: a["path"] for a in report["articles"]}
    a0, a2 = seed_id("000"), seed_id("002")
    where = {}
    for res in results:
        msg = res["message"]["text"]
        assert len(msg) <= MESSAGE and msg.endswith(res["properties"]["finding"]), msg
        assert re.search(r"'[^']+' here; ", msg), msg
        assert res["relatedLocations"], "the other statements are related locations"
        assert all(loc["message"]["text"] for loc in res["relatedLocations"])
        (loc,) = res["locations"]
        phys = loc["physicalLocation"]
        uri = phys["artifactLocation"]["uri"]
        file = ROOT / unquote_to_bytes(uri).decode()
        assert file.resolve() == (ROOT / paths[next(a for a in paths if a in uri)]).resolve()
        region = phys["region"]
        line = file.read_text(encoding="utf-8").split("\n")[region["startLine"] - 1]
        assert line[region["startColumn"] - 1:region["endColumn"] - 1] == region["snippet"]["text"]
        where[res["properties"]["finding"]] = (uri, region["snippet"]["text"], msg)
    by_text = {snippet: (uri, msg) for uri, snippet, msg in where.values()}
    assert a2 in by_text["Thursday morning"][0] and "time-zone" in by_text["Thursday morning"][1]
    assert by_text["Iiikay Gundogan"][1].startswith("'Iiikay Gundogan' here; 2 other articles (001, 002) spell it "
                                                    "'Ilkay Gundogan'")
    assert a0 in by_text["Khalifa Internation Stadium"][0]


def test_seed_github_annotations_stand_on_the_odd_statements(seeds_out: tuple[Path, str]) -> None:
    folder, stdout = seeds_out
    assert (folder / "seeds.github.txt").read_text(encoding="utf-8") == stdout
    lines = stdout.splitlines()
    assert len(lines) == 3  # at most one per outlier statement (was 10)
    for line in lines:
        m = _CMD.fullmatch(line)
        assert m, line
        kind, props, msg = m.group(1), _props(m.group(2)), m.group(3)
        assert len(msg) <= MESSAGE
        assert (kind == "error") == props["title"].startswith("audit conflict")
        odd = re.match(r"(?:[^:]+: )?'([^']+)' here; ", msg)
        assert odd, msg
        row = (ROOT / props["file"]).read_text(encoding="utf-8").split("\n")[int(props["line"]) - 1]
        assert row[int(props["col"]) - 1:int(props["endColumn"])] == odd.group(1)


def _finding(groups: list[tuple[str, tuple[str, ...]]], verdict: str = "conflict") -> Finding:
    values = tuple(ValueGroup(value=v, display=v, articles=arts, evidence=tuple(
        Evidence(article=a, start=0, end=len(v), text=v, sentence=v, line=1) for a in arts)) for v, arts in groups)
    return Finding(id="F0000abcd", event="E1", topic="number of people hurt", kind="count", verdict=verdict,
                   severity="error" if verdict == "conflict" else "warning", values=values)


def test_no_majority_annotates_every_value_and_a_majority_only_the_minority() -> None:
    assert odd_values(_finding([("12", ("a", "b", "c")), ("15", ("d",)), ("14", ("e",))])) == [1, 2]
    assert odd_values(_finding([("12", ("a", "b")), ("15", ("c", "d"))])) == [0, 1]
    tie = _finding([("12", ("a",)), ("15", ("b",))])
    report = Report(batch="b", articles=tuple(Article(id=a, path=f"{a}.txt", status="audited") for a in "ab"),
                    events=(), findings=(tie,))
    anns = collect(report)
    assert [a.value for a in anns] == [0, 1]
    assert anns[0].message.startswith("number of people hurt: '12' here; 1 other article (b) says '15'")
    assert [ev.article for _, ev in anns[0].related] == ["b"]
    assert _validate(sarif.sarif_dict(report)) == []


def test_a_long_message_is_cut_to_200_characters_and_keeps_the_id() -> None:
    long = "x" * 300
    f = _finding([(long + " one", ("a", "b")), (long + " two", ("c",))], verdict="variant")
    report = Report(batch="b", articles=(), events=(), findings=(f,))
    (ann,) = collect(report)
    assert len(ann.message) <= MESSAGE and ann.message.endswith("F0000abcd") and ann.message.startswith("'x")


NAMES = ["with space.txt", "new\nline.txt", "hash#tag.txt", "100%.txt", "Zürich é.txt", "ünï çødé.txt"]


def test_paths_with_odd_characters_are_percent_encoded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file of a batch named with spaces, a line break, '#', '%' and non-ASCII letters: the SARIF URI is an
    RFC 3986 reference that decodes to the real file, and the GitHub file= property, as the runner decodes it,
    is the real path."""
    monkeypatch.chdir(tmp_path)
    batch = tmp_path / "odd batch"
    batch.mkdir()
    for k, name in enumerate(NAMES):
        town, hurt = ("Springfeld", 15) if k == 0 else ("Springfield", 12)
        (batch / name).write_text(f"Officials said {hurt} people were hurt in the fire in {town} on Thursday. "
                                  f"The fire in {town} was put out.", encoding="utf-8")
    r = run_cli("run", "odd batch", "--out", "out", "--name", "b", "--format", "json,sarif,github", "-q")
    assert r.code == 0, r.err
    doc = json.loads((tmp_path / "out" / "b.sarif").read_text(encoding="utf-8"))
    assert _validate(doc) == []
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"]
            for res in doc["runs"][0]["results"] for loc in [*res["locations"], *res["relatedLocations"]]}
    assert len(uris) == len(NAMES), uris
    for uri in uris:
        assert not urlparse(uri).scheme and not re.search(r"[^A-Za-z0-9._~/%-]", uri), uri
        assert (tmp_path / real_path(uri)).is_file(), uri
    assert "odd%20batch/new%0Aline.txt" in uris and "odd%20batch/hash%23tag.txt" in uris
    assert "odd%20batch/100%25.txt" in uris and "odd%20batch/Z%C3%BCrich%20%C3%A9.txt" in uris
    files = [_props(m.group(2))["file"] for line in r.out.splitlines() if (m := _CMD.fullmatch(line))]
    assert files and all((tmp_path / f).is_file() for f in files), files
    assert "odd batch/with space.txt" in files
    for name in NAMES:  # every name, as the runner reads the file property back
        art = Article(id="x", path="shown", status="audited", uri=uri_reference(Path("odd batch") / name))
        line = github.command("warning", "m", file=github.file_property(art, "x"), line=1)
        assert _props(_CMD.fullmatch(line).group(2))["file"] == f"odd batch/{name}"  # type: ignore[union-attr]


def test_uri_of_a_file_outside_the_working_folder_and_undecodable_bytes(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    outside = tmp_path / "a b#.txt"
    uri = uri_reference(outside)
    assert uri.startswith("file:///") and uri.endswith("/a%20b%23.txt")
    assert real_path(uri) == str(outside)
    raw = Path(tmp_path.name + "/x\udcff.txt")  # a byte that is not UTF-8, as os.fsdecode gives it
    assert uri_reference(Path("batch") / raw.name) == "batch/x%FF.txt"
    assert real_path("batch/x%FF.txt") == "batch/x\udcff.txt"


def test_github_and_sarif_of_a_report_read_back_from_json(seeds_out: tuple[Path, str]) -> None:
    """The URIs are in the JSON, so annotations from a report read back with Report.from_dict point at the
    same files and lines."""
    report = Report.from_dict(json.loads((seeds_out[0] / "seeds.json").read_text(encoding="utf-8")))
    doc = sarif.sarif_dict(report)
    fresh = json.loads((seeds_out[0] / "seeds.sarif").read_text(encoding="utf-8"))
    strip = [(r["message"], r["locations"][0]["physicalLocation"]["artifactLocation"], r["properties"])
             for r in fresh["runs"][0]["results"]]
    assert [(r["message"], r["locations"][0]["physicalLocation"]["artifactLocation"], r["properties"])
            for r in doc["runs"][0]["results"]] == strip
    assert len(github.lines(report)) == 3


def test_no_annotation_for_a_batch_without_inconsistencies(tmp_path: Path) -> None:
    batch = tmp_path / "calm"
    shutil.copytree(SEEDS, batch)
    for p in batch.glob("00[0-2]_*.txt"):
        p.unlink()
    r = run_cli("run", str(batch), "--out", str(tmp_path / "o"), "--format", "sarif,github", "-q")
    assert r.code == 0 and r.out == ""
    doc = json.loads((tmp_path / "o" / "calm.sarif").read_text(encoding="utf-8"))
    assert doc["runs"][0]["results"] == [] and _validate(doc) == []
