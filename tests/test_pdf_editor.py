"""The PDF an editor is handed: page 1 says what needs attention, one item per inconsistency; then the
figure of which article disagrees, the per-article tally, and a section per event."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEEDS, run_cli

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
                                reason="pdftotext/pdftoppm (poppler-utils) not installed")


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("pdf")
    r = run_cli("run", str(SEEDS), "--out", str(out), "--name", "seeds", "--format", "json,pdf", "-q")
    assert r.code == 0, r.err
    return out / "seeds.pdf", json.loads((out / "seeds.json").read_text(encoding="utf-8"))


def _text(path: Path, first: int, last: int | None = None) -> str:
    argv = ["pdftotext", "-f", str(first), "-l", str(last or first), "-layout", str(path), "-"]
    return subprocess.run(argv, capture_output=True, text=True, check=True, timeout=60).stdout


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_first_page_lists_each_inconsistency(pdf: tuple[Path, dict[str, Any]]) -> None:
    path, report = pdf
    page1 = _flat(_text(path, 1))
    assert "Needs attention (3)" in page1
    # S1: the misspelled first name; S2: the weekday one day apart; S3: the stadium name
    # articles are named by their short label (the id's first part) and the odd one out is named
    s1 = re.search(r"VARIANT spelling of Ilkay Gundogan: Ilkay Gundogan \[001, 002\] vs Iiikay Gundogan \[000\] "
                   r"· odd one out: 000", page1)
    s2 = re.search(r"CONFLICT date of the victory: Wednesday \(November 23\) \[000, 001\] vs Thursday morning \[002\] "
                   r"· odd one out: 002", page1)
    s3 = re.search(r"VARIANT spelling of Khalifa International Stadium: Khalifa International Stadium \[000, 001\] vs "
                   r"Khalifa Internation Stadium \[000\]", page1)
    assert s1 and s2 and s3, page1
    assert "Germany, Japan, FIFA World Cup (2022-11-23)" in page1  # grouped under their event
    # one item each, numbered, in report order (conflicts first)
    items = re.findall(r"\b(\d)\. (CONFLICT|VARIANT) ", page1)
    assert [v for _, v in items] == ["CONFLICT", "VARIANT", "VARIANT"]
    assert [n for n, _ in items] == ["1", "2", "3"]
    assert page1.index("CONFLICT date of the victory") < page1.index("VARIANT spelling of Ilkay")
    for a in report["articles"]:
        assert re.search(re.escape(a["id"].split("_")[0]) + r" +" + (a["published"] or "unknown"), page1)


def test_figure_tally_and_event_sections(pdf: tuple[Path, dict[str, Any]]) -> None:
    path, report = pdf
    text = _text(path, 1, 99)
    flat = _flat(text)
    assert "Which article disagrees" in flat and "odd one out" in flat
    for f in report["findings"]:
        if f["verdict"] in ("conflict", "variant"):
            assert f["id"][:9] in flat  # a column of the figure, and a card
    assert "Per-article tally" in flat
    for a in report["articles"]:
        t = {"agree": 0, "conflict": 0, "variant": 0, "compatible": 0, "single": 0, "outlier": 0}
        for f in report["findings"]:
            arts = {x for g in f["values"] for x in g["articles"]}
            if a["id"] in arts:
                t[f["verdict"]] += 1
            if a["id"] in f["outlier"]:
                t["outlier"] += 1
        row = " ".join(str(t[k]) for k in ("agree", "conflict", "variant", "compatible", "single", "outlier"))
        label = a["id"].split("_")[0]  # the report's short label for the article
        assert re.search(r"^\s*" + re.escape(label) + r"\s+" + row.replace(" ", r"\s+") + r"\s*$", text, re.M), (label, row)
    for e in report["events"]:
        assert f"{e['id']}: {e['label']}" in flat
    assert "Inconsistencies: conflicts (1)" in flat


def test_pages_render_to_png(pdf: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    from PIL import Image

    path, _ = pdf
    subprocess.run(["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "2", str(path), str(tmp_path / "page")],
                   check=True, timeout=60)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 2
    for png in pages:
        with Image.open(png) as img:
            assert img.size[0] > 500 and img.size[1] > 700  # A4 at 70 dpi: 579 x 819
            dark = sum(img.convert("L").histogram()[:200])
            assert dark > 0.01 * img.size[0] * img.size[1], png.name


def test_figure_is_legible_with_labels_numbers_and_legend(pdf: tuple[Path, dict[str, Any]]) -> None:
    from audit.model import Report
    from audit.render.html import FIGURE_ROLES, figure

    path, report = pdf
    page1 = _text(path, 1)
    fig = page1.split("Which article disagrees", 1)[1].split("Articles", 1)[0]
    assert re.search(r"article\s+1\s+2\s+3", fig), fig  # the column numbers of the list above
    for label in ("000", "001", "002"):
        assert re.search(rf"^\s*{label}\b", fig, re.M), label
    assert "states the majority value" in fig and "odd one out: a value fewer articles state" in fig
    svg = figure(Report.from_dict(report), compact=True)
    assert "font:13px" in svg and "height='21'" in svg  # cells 27 x 21 px, 13 px text: readable on paper
    marks = {m for _r, _c, m, _t in FIGURE_ROLES}
    assert "✗" in svg and "✓" in svg and marks >= {"✗", "✓"}  # marked, not only coloured (black-and-white print)


def test_no_empty_source_column_and_notes_lead_with_the_likely_explanation(pdf: tuple[Path, dict[str, Any]]) -> None:
    path, _ = pdf
    page1 = _text(path, 1)
    header = next(line for line in page1.split("\n") if re.search(r"article\s+published", line))
    assert "source" not in header
    cards = _flat(_text(path, 2, 99))
    assert re.search(r"Likely a time-zone difference\. one day apart: 002 gives the later day", cards), cards[:2000]
    assert "Likely a typo. 'Iiikay Gundogan' (000) is likely a typo of 'Ilkay Gundogan'" in cards
    assert "A claim only one article makes conflicts with nothing" in cards
    assert re.search(r"002 \(\d+\): .*… and \d+ more", cards)
