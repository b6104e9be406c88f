"""Issue 11: input that is not plain English text gets a visible outcome (HTML converted, other languages
skipped with the reason, a cp1252 fallback shown in the Markdown's article table)."""

from __future__ import annotations

import json
from pathlib import Path

from audit.hygiene import detect_language, looks_like_html
from tests.conftest import run_cli

ENGLISH = (" date 2022-11-24\nMayor Lena Varkonen said 12 people were hurt when the roof of the Brastow market "
           "hall fell in on Thursday. \"We heard a roar like a truck,\" said Omar Teslin, who sells fish there.\n")
PAGE = """<!DOCTYPE html><html><head><title>Roof falls in | The Daily Example</title>
<script>var tracking = "Home | World | Sports";</script><style>p { margin: 0 }</style></head>
<body><header><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sports</a></nav></header>
<div class="cookie">We use cookies. <button>Accept all cookies</button></div>
<main><article><h1>Market hall roof falls in</h1>
<p>Mayor Lena Varkonen said 14 people were hurt when the roof of the Brastow market hall fell in on Thursday.</p>
<p>"We heard a roar like a truck," said Omar Teslin, who sells fish in the hall. Rescuers searched the rubble
for three hours before the fire brigade declared the building safe.</p>
<p>The hall, built in 1962, had been inspected in March, a council spokesman said.</p>
</article></main><footer><p>Subscribe to our newsletter</p><p>All rights reserved.</p></footer></body></html>
"""
JAPANESE = "市長は木曜日、市場の屋根が崩落し、12人がけがをしたと発表した。救助隊は3時間にわたりがれきの中を捜索した。\n"
SPANISH = ("La alcaldesa Lena Varkonen dijo que 12 trabajadores resultaron heridos el martes cuando se derrumbó el "
           "techo del mercado de Brastow. Los bomberos buscaron entre los escombros durante tres horas.\n")


def _run(tmp_path: Path, files: dict[str, bytes]) -> tuple[dict, str, str]:
    b = tmp_path / "b"
    b.mkdir()
    for name, data in files.items():
        (b / name).write_bytes(data)
    out = tmp_path / "out"
    r = run_cli("run", str(b), "--out", str(out), "--format", "md,json")
    assert r.code in (0, 1), r.err
    return (json.loads((out / "b.json").read_text(encoding="utf-8")), (out / "b.md").read_text(encoding="utf-8"),
            r.err)


def _article(report: dict, aid: str) -> dict:
    return next(a for a in report["articles"] if a["id"] == aid)


def test_an_html_page_is_converted_to_its_main_text_and_says_so(tmp_path: Path) -> None:
    report, md, _ = _run(tmp_path, {"english.txt": ENGLISH.encode(), "page.txt": PAGE.encode()})
    page = _article(report, "page")
    assert page["status"] == "audited"
    assert any(n.startswith("converted from HTML: main text extracted by trafilatura") for n in page["notes"])
    assert "converted from HTML" in next(line for line in md.splitlines() if "page.txt" in line)
    page_evidence = [e for f in report["findings"] for g in f["values"] for e in g["evidence"] if e["article"] == "page"]
    assert page_evidence, "the page's claims are audited"
    for e in page_evidence:  # no markup or page furniture in any quoted sentence
        assert "<" not in e["sentence"] and "Sports" not in e["sentence"] and "cookies" not in e["sentence"]
    hurt = [f for f in report["findings"] if f["verdict"] == "conflict"
            and {g["value"].split()[0] for g in f["values"]} >= {"12", "14"}]
    assert hurt, [(f["topic"], f["verdict"], [g["value"] for g in f["values"]]) for f in report["findings"]]


def test_japanese_and_spanish_articles_are_skipped_with_the_language_named(tmp_path: Path) -> None:
    report, md, err = _run(tmp_path, {"english.txt": ENGLISH.encode(), "ja.txt": JAPANESE.encode(),
                                      "es.txt": SPANISH.encode()})
    ja, es = _article(report, "ja"), _article(report, "es")
    assert ja["status"] == es["status"] == "skipped"
    assert ja["reason"].startswith("not in English: CLD2 reads it as Japanese")
    assert es["reason"].startswith("not in English: CLD2 reads it as Spanish")
    assert "skipped: not in English" in md and "es.txt: not in English" in err
    assert not any(e["article"] in ("ja", "es") for f in report["findings"] for g in f["values"]
                   for e in g["evidence"])
    assert _article(report, "english")["language"] == "en"


def test_a_cp1252_fallback_is_shown_in_the_markdown_article_table(tmp_path: Path) -> None:
    latin = ENGLISH.replace("Teslin", "Teslín").encode("cp1252")  # é/í as single bytes: not UTF-8
    report, md, _ = _run(tmp_path, {"latin.txt": latin, "english.txt": ENGLISH.encode()})
    assert _article(report, "latin")["encoding"] == "cp1252"
    row = next(line for line in md.splitlines() if "latin.txt" in line)
    assert "decoded as cp1252" in row and "not valid UTF-8" in row


def test_short_english_full_of_foreign_names_is_english() -> None:
    for text in ("Shares of Toyota rose 3% in Tokyo after the results were published.",
                 "Jürgen Müller of Borussia Mönchengladbach scored twice as São Paulo's coach watched.",
                 "Prime Minister Pedro Sánchez met François Bayrou and Giorgia Meloni in Brussels on Tuesday."):
        assert detect_language(text).skip is None, text


def test_prose_that_names_a_tag_is_not_html() -> None:
    assert not looks_like_html("The council's site used a <table> for the results and one <p> per ward.")
    assert looks_like_html("<div class=nav>Home | World | Sports</div><p>Twelve people were hurt.</p><p>More</p>"
                           "<ul><li>one</li></ul>")


def test_keep_markup_reads_the_page_as_it_is(tmp_path: Path) -> None:
    b = tmp_path / "b"
    b.mkdir()
    (b / "page.txt").write_text(PAGE, encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("run", str(b), "--out", str(out), "--format", "json", "--quiet", "--keep-markup").code == 0
    page = json.loads((out / "b.json").read_text(encoding="utf-8"))["articles"][0]
    assert page["status"] == "audited" and page["notes"] == []
