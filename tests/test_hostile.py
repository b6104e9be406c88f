"""Hostile input and failure safety (issue 6): articles and file names come from the open web.

1. Rendering is sealed: HTML and PDF never fetch anything, never attach anything.
2. Markdown cannot be forged by article text or file names.
3. Unicode traps (homoglyphs, zero-width and bidirectional characters) are flagged, never merged silently.
4. Bad files are audited or listed as skipped with a precise reason; the run goes on.
5. Output is atomic: a failed renderer or Ctrl-C leaves the previous reports intact.

Every test runs the real code; most run the real CLI.
"""

from __future__ import annotations

import errno
import html.parser
import http.server
import json
import os
import re
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import audit.loader as loader_mod
from audit.errors import RenderError
from audit.loader import discover, load, read_article
from tests.conftest import run_cli

# ---------------------------------------------------------------- helpers


class _Recorder(http.server.BaseHTTPRequestHandler):
    """Answers every request with a tiny body and records its path."""

    seen: list[str]

    def do_GET(self) -> None:
        self.server.seen.append(self.path)  # type: ignore[attr-defined]
        body = b"body{}"
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_HEAD = do_GET

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[http.server.ThreadingHTTPServer]:
    """A local HTTP server on an ephemeral port that records every request it gets."""
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    srv.seen = []  # type: ignore[attr-defined]
    srv.timeout = 1
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join(timeout=5)


def _seen(srv: http.server.ThreadingHTTPServer) -> list[str]:
    return list(srv.seen)  # type: ignore[attr-defined]


def _within(seconds: float, fn: Callable[[], Any]) -> Any:
    """Run fn in a thread; fail (instead of hanging the suite) if it does not return in time."""
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # re-raised in the test thread
            box["error"] = exc

    t = threading.Thread(target=target, daemon=True)
    t.start()
    t.join(seconds)
    assert not t.is_alive(), f"did not finish within {seconds} s (blocked?)"
    if "error" in box:
        raise box["error"]
    return box.get("value")


def _json(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _write(folder: Path, name: str | bytes, text: str) -> None:
    if isinstance(name, bytes):
        fd = os.open(os.fsencode(folder) + b"/" + name, os.O_WRONLY | os.O_CREAT, 0o644)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        (folder / name).write_text(text, encoding="utf-8")


def _has_pdftools() -> bool:
    return shutil.which("pdfdetach") is not None and shutil.which("pdftotext") is not None


needs_poppler = pytest.mark.skipif(not _has_pdftools(), reason="poppler-utils (pdfdetach, pdftotext) not installed")

# ---------------------------------------------------------------- 1. rendering is sealed


def _hostile_markup(port: int) -> list[str]:
    u = f"http://127.0.0.1:{port}"
    return [
        f"<img src={u}/img.png>",
        f'<img src="{u}/img2.png" srcset="{u}/img3.png 2x">',
        "<link rel=attachment href=file:///etc/passwd>",
        f'<link rel="attachment" href="{u}/att.txt" title="x">',
        "<a rel=attachment href=file:///etc/hostname>hostname</a>",
        f"<link rel=stylesheet href={u}/sheet.css>",
        f"<style>@import url({u}/import.css); body {{ background: url({u}/bg.png) }}</style>",
        f"<p style=\"background-image:url('{u}/inline.png')\">styled</p>",
        f'<svg xmlns="http://www.w3.org/2000/svg"><image href="{u}/svg.png" width="9" height="9"/></svg>',
        f"<script src={u}/script.js></script><script>fetch('{u}/fetch')</script>",
        f"<iframe src={u}/frame.html></iframe>",
        f"<object data={u}/object.pdf></object><embed src={u}/embed.swf>",
        f"<base href={u}/>",
        f'<meta http-equiv="refresh" content="0;url={u}/refresh">',
        f"<video poster={u}/poster.png></video>",
        "<img src=file:///etc/passwd>",
    ]


def _sealed_batch(folder: Path, port: int) -> list[str]:
    """Three articles that disagree on a count, each sentence carrying hostile markup."""
    folder.mkdir()
    markup = _hostile_markup(port)
    n = [12, 12, 15]
    for k in range(3):
        sentences = [f"Officials said {n[k]} people were hurt in Paris on Thursday {markup[(k * 6) % len(markup)]}."]
        sentences += [f"Mayor Anne Hidalgo said {n[k] + i} houses burned {m} on Friday." for i, m in enumerate(markup)]
        (folder / f"a{k}.txt").write_text(" date 2022-11-24 " + " ".join(sentences), encoding="utf-8")
    # a hostile file name and a hostile skip reason reach the report too
    (folder / f"<img src=http:⁄⁄127.0.0.1:{port}⁄name.png>.txt").write_text(
        f"Officials said 12 people were hurt in Paris on Thursday <img src={markup[0]}>.", encoding="utf-8")
    (folder / "<script>x<‹script>.txt").write_bytes(b"")
    return markup


class _Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


# the tags the HTML report itself writes; anything else came from an article
REPORT_TAGS = {"html", "head", "meta", "title", "style", "body", "section", "h1", "h2", "h3", "h4", "p", "div",
               "span", "b", "i", "br", "ol", "ul", "li", "table", "tr", "th", "td", "code", "mark", "svg", "text",
               "rect"}


@needs_poppler
def test_html_and_pdf_rendering_fetch_nothing_and_attach_nothing(tmp_path: Path, server: Any) -> None:
    port = server.server_address[1]
    markup = _sealed_batch(tmp_path / "batch", port)
    out = tmp_path / "out"
    # --keep-markup: the hostile markup must reach the renderers as text (by default it would be converted away)
    r = run_cli("run", str(tmp_path / "batch"), "--out", str(out), "--format", "html,pdf,md,json", "--quiet",
                "--keep-markup")
    assert r.code == 0, r.err
    time.sleep(0.2)  # let any request that was fired reach the server
    assert _seen(server) == [], f"rendering made requests: {_seen(server)}"
    # the PDF carries no attachment and no link to anything outside it
    pdf = out / "batch.pdf"
    listing = subprocess.run(["pdfdetach", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert listing.strip() == "0 embedded files", listing
    if shutil.which("pdfinfo"):
        urls = subprocess.run(["pdfinfo", "-url", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert "127.0.0.1" not in urls and "file:" not in urls, urls
    pdf_text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "<iframe" in pdf_text or "<img" in pdf_text, "the markup should be shown as text in the PDF"
    # the HTML has only the report's own tags, no URL attribute, and the markup escaped as text
    page = (out / "batch.html").read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(page)
    foreign = {t for t, _ in parser.tags} - REPORT_TAGS
    assert not foreign, f"live tags from article text: {foreign}"
    for tag, attrs in parser.tags:
        for name, value in attrs:
            assert name not in ("src", "href", "srcset", "poster", "data", "action"), (tag, name, value)
            assert "127.0.0.1" not in (value or "") and "file:" not in (value or ""), (tag, name, value)
    assert re.search(r"<meta http-equiv=Content-Security-Policy content=\"default-src 'none'", page)
    shown = "".join(parser.text)
    present = [m for m in markup if m in shown]
    print("markup shown as text:", len(present), "of", len(markup))
    assert len(present) >= len(markup) // 2, "the markup should reach the report, shown as text"
    for m in ("<link rel=attachment href=file:///etc/passwd>", "<img src=file:///etc/passwd>"):
        assert m in shown, m
    assert "&lt;iframe src=http://127.0.0.1:" in page


@needs_poppler
def test_pdf_stays_sealed_even_if_markup_escaped_the_html_renderer(
        tmp_path: Path, server: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Defence in depth: feed raw hostile HTML straight to the PDF renderer."""
    import audit.render.pdf as pdf_mod

    port = server.server_address[1]
    data_attachment = '<link rel=attachment href="data:text/plain,leaked"><a rel=attachment href="data:,x">x</a>'
    raw = "<!DOCTYPE html><html><head>" + "".join(_hostile_markup(port)) + data_attachment + \
        "</head><body><p>report</p>" + "".join(_hostile_markup(port)) + data_attachment + "</body></html>"
    monkeypatch.setattr(pdf_mod, "render_html", lambda report, **_kw: raw)
    batch = tmp_path / "b"
    batch.mkdir()
    (batch / "a.txt").write_text("Officials said 12 people were hurt on Thursday.", encoding="utf-8")
    out = tmp_path / "out"
    r = run_cli("run", str(batch), "--out", str(out), "--format", "pdf", "--quiet")
    assert r.code == 0, r.err
    time.sleep(0.2)
    assert _seen(server) == []
    listing = subprocess.run(["pdfdetach", "-list", str(out / "b.pdf")], capture_output=True, text=True,
                             check=True).stdout
    assert listing.strip() == "0 embedded files", listing


@needs_poppler
def test_the_server_and_pdfdetach_would_see_a_leak(tmp_path: Path, server: Any) -> None:
    """The control: weasyprint's default fetcher does fetch and attach; so the tests above can fail."""
    from weasyprint import HTML

    port = server.server_address[1]
    secret = tmp_path / "secret.txt"
    secret.write_text("secret", encoding="utf-8")
    raw = (f"<html><head><link rel=attachment href={secret.as_uri()}></head>"
           f"<body><img src=http://127.0.0.1:{port}/leak.png></body></html>")
    pdf = tmp_path / "leak.pdf"
    HTML(string=raw).write_pdf(pdf)
    time.sleep(0.2)
    assert "/leak.png" in _seen(server)
    listing = subprocess.run(["pdfdetach", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert listing.startswith("1 embedded files"), listing


def test_sealed_fetcher_refuses_everything_but_data_urls(tmp_path: Path, server: Any) -> None:
    from audit.render.pdf import sealed_fetcher

    fetcher = sealed_fetcher()
    port = server.server_address[1]
    target = tmp_path / "local.txt"
    target.write_text("local", encoding="utf-8")
    refused = [f"http://127.0.0.1:{port}/x", f"HTTP://127.0.0.1:{port}/y", f"https://127.0.0.1:{port}/z",
               target.as_uri(), "file:///etc/passwd", f"ftp://127.0.0.1:{port}/f", "//127.0.0.1/x", "relative.png",
               " data:text/plain,x", "javascript:alert(1)"]
    for url in refused:
        with pytest.raises(ValueError, match="blocked URL"):
            fetcher.fetch(url)
    with pytest.raises(ValueError, match="blocked URL"):
        fetcher(f"http://127.0.0.1:{port}/called")
    time.sleep(0.1)
    assert _seen(server) == []
    assert fetcher.blocked == [*refused, f"http://127.0.0.1:{port}/called"]
    response = fetcher.fetch("data:text/plain;base64,aGVsbG8=")
    assert response.read() == b"hello"
    assert fetcher.fetch("DATA:text/plain,hi").read() == b"hi"


# ---------------------------------------------------------------- 2. Markdown cannot be forged

HOSTILE_TEXT = [
    "a | b || c \\| d \\\\| e",
    "`code` ``double`` ```fence```",
    "# Heading\n## Sub\n###### six",
    "[link](http://evil.example/x) [ref][1] [1]: http://evil.example",
    "![img](http://evil.example/i.png)",
    "<b>bold</b> <details><summary>open</summary> </details> <br> <br/> <!-- c --> <script>alert(1)</script>",
    "</details></table></td>",
    "line one\nline two\r\nline three\u2028four\u2029five\x0bsix\x0cseven\x85eight",
    "<https://evil.example/auto> http://evil.example/bare www.evil.example WWW.EVIL.EXAMPLE",
    "&lt;script&gt; &#60;b&#62; &amp; &copy;",
    "**bold** __bold__ *em* _em_ ~~strike~~ ~sub~",
    "| --- | --- |\n|---|---|",
    "> quote\n- item\n1. item\n* item\n+ item\n---\n===",
    "\\ backslash at end \\",
    "\u202eevil\u202c \u200bhidden\u200b \x1b[31mred\x1b[0m \x07bell",
    "$$x$$ $x$ ^[foot] [^1]",
]

ALLOWED_HTML = re.compile(r"<(?:br|/?details|/?summary|/?b)>")
HEADING = re.compile(r"^(?:# Audit report: .+|## (?:Summary|Needs attention \(\d+\)|Inconsistencies: conflicts \(\d+\)|"
                     r"Inconsistencies: spelling variants \(\d+\)|Agreements \(\d+\)|Compatible values \(\d+\)|"
                     r"Single-source claims \(\d+\))|### (?:Articles|Events)|"
                     r"### (?:conflict|variant): .+ · `F[0-9a-f]{8}(?:-\d+)?`)$")
ID_SPAN = re.compile(r"`[A-Za-z0-9~-]+`")
# a code span holding one word GitHub could link: how the Markdown shows an address from an article
CODE_SPAN = re.compile(r"(?<![\\`])(`+)(?!`)(.+?)(?<!`)\1(?!`)")


def _without_address_spans(line: str) -> str:
    from audit.render.markdown import _LINKABLE

    return CODE_SPAN.sub(lambda m: "" if " " not in m.group(2).strip() and _LINKABLE.search(m.group(2)) else m.group(0),
                         line)
HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def _unescaped(line: str, chars: str) -> list[int]:
    """Positions of characters of `chars` in `line` that no backslash escapes."""
    out, i = [], 0
    while i < len(line):
        if line[i] == "\\":
            i += 2
            continue
        if line[i] in chars:
            out.append(i)
        i += 1
    return out


def check_markdown_structure(md: str) -> None:
    """Fail if article text added structure: tables keep their columns, only the report's own
    headings and HTML tags, no link, image, code span, autolink or hidden character from text."""
    lines = md.split("\n")
    table: list[str] = []
    for line in [*lines, ""]:
        if line.startswith("|"):
            table.append(line)
            continue
        if table:
            widths = {len(_unescaped(row, "|")) for row in table}
            assert len(widths) == 1, "table rows with different numbers of cells:\n" + "\n".join(table[:3])
            assert re.fullmatch(r"\|(?:-+\|)+", table[1].replace(" ", "")), table[1]
            table = []
    for line in lines:
        if line.startswith("#"):
            assert HEADING.match(line), f"a heading that is not the report's own: {line!r}"
        assert not line.startswith(("    ", "\t", ">", "```", "~~~", "===", "---")), line
        assert not re.match(r"(?:[*+]|\d+[.)])\s", line), f"a list item that is not the report's own: {line!r}"
        no_ids = ID_SPAN.sub("", line)
        assert not _unescaped(_without_address_spans(no_ids), "`"), f"a code span from article text: {line!r}"
        line = _without_address_spans(line)  # what follows is about the text outside them
        for pos in _unescaped(line, "<"):
            assert ALLOWED_HTML.match(line, pos), f"raw HTML from article text: {line[pos:pos + 30]!r}"
        for pos in _unescaped(line, "["):
            raise AssertionError(f"an unescaped '[' (link syntax): {line[pos:pos + 30]!r}")
        for pos in _unescaped(line, "!"):
            raise AssertionError(f"an unescaped '!' (image syntax): {line[pos:pos + 30]!r}")
        assert not re.search(r"(?<!\\)://", line), f"a bare URL GitHub would link: {line!r}"
        assert not re.search(r"(?i)www\.", line), f"a bare www. address GitHub would link: {line!r}"
        assert not _unescaped(line, "&") or all(line.startswith("&amp;", p) for p in _unescaped(line, "&")), line
        assert not HIDDEN.search(line), f"an invisible or control character: {line!r}"
        assert "\r" not in line


def test_cell_escapes_everything(tmp_path: Path) -> None:
    from audit.render.markdown import cell

    for text in HOSTILE_TEXT:
        c = cell(text)
        assert "\n" not in c and "\r" not in c
        check_markdown_structure(f"| h |\n|---|\n| {c} |")
    assert cell("a | b") == "a \\| b"
    assert cell("http://x.example/a") == "`http://x.example/a`"
    assert cell("\u202eabc") == "‹U+202E›abc"


@pytest.fixture(scope="module")
def forged_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, Any]]:
    """The Markdown and JSON of a batch whose text and file names try to forge the report."""
    root = tmp_path_factory.mktemp("forge")
    batch = root / "batch"
    batch.mkdir()
    hostile = " ".join(t.replace("\n", " ") for t in HOSTILE_TEXT)
    for k, n in enumerate((12, 12, 15)):
        body = (f" date 2022-11-24 Officials said {n} people were hurt in Paris on Thursday {HOSTILE_TEXT[0]} "
                f"{HOSTILE_TEXT[5]}.\n"
                f"Mayor John Smith said \"it was | <details> terrible {HOSTILE_TEXT[3]}\" on Friday.\n"
                + "\n".join(f"Police said {n + i} cars | burned {t} on Monday." for i, t in enumerate(HOSTILE_TEXT))
                + f"\n{hostile}\n")
        names: list[str | bytes] = ["a|b.txt", "#x.txt", "`tick`.txt"]
        _write(batch, names[k], body)
    _write(batch, "<script>alert(1)<\u2044script>.txt", "Officials said 12 people were hurt on Thursday.")
    _write(batch, "[l](http:\u2044\u2044evil).txt", "Police said 13 cars burned on Monday.")
    _write(batch, "new\nline.txt", "Police said 14 cars burned on Monday.")
    _write(batch, "\u202eevil.txt", "Police said 14 cars burned on Monday.")
    _write(batch, b"bad\xff\xfename.txt", "Police said 14 cars burned on Monday.")
    _write(batch, "**star** _u_ ~s~.txt", "")  # skipped: empty file
    _write(batch, "| --- |.txt", "")
    outside = root / "out|side <b>#h [x](http:evil).txt"
    outside.write_text("secret", encoding="utf-8")
    (batch / "link | <i>.txt").symlink_to(outside)  # skipped: the reason names the target
    out = root / "out"
    r = run_cli("run", str(batch), "--out", str(out), "--name", "forged", "--format", "md,json", "--quiet",
                "--keep-markup")  # the markup reaches the renderer as text, not converted away
    assert r.code == 0, r.err
    return (out / "forged.md").read_text(encoding="utf-8"), _json(out / "forged.json")


def test_markdown_article_text_cannot_add_structure(forged_report: tuple[str, dict[str, Any]]) -> None:
    md, data = forged_report
    check_markdown_structure(md)
    # the hostile text did reach the report (escaped), so the check above was not vacuous
    assert "\\<details\\>" in md and "a \\| b \\|\\| c" in md and "`[link](http://evil.example/x)`" in md
    assert "‹U+202E›" in md
    verdicts = {f["verdict"] for f in data["findings"]}
    assert "conflict" in verdicts


def test_markdown_file_names_and_skip_reasons_cannot_add_structure(
        forged_report: tuple[str, dict[str, Any]]) -> None:
    md, data = forged_report
    arts = {a["path"].rsplit("/", 1)[-1]: a for a in data["articles"]}
    assert len(arts) == 11, sorted(arts)
    # names are shown with control and bidirectional characters and undecodable bytes escaped
    assert "new\\x0aline.txt" in arts and "\\u202eevil.txt" in arts and "bad\\xff\\xfename.txt" in arts
    link = arts["link | <i>.txt"]
    assert link["status"] == "skipped" and "outside the folder given" in link["reason"]
    assert "out|side <b>#h [x](http:evil).txt" in link["reason"]
    rows = [line for line in md.split("\n") if line.startswith("|") and ".txt" in line]
    assert len([r for r in rows if "skipped" in r]) == 3
    assert "link \\| \\<i\\>.txt" in md and "out\\|side \\<b\\>\\#h \\[x\\]\\(http:evil\\)" in md
    assert "\\*\\*star\\*\\* \\_u\\_ \\~s\\~.txt" in md and "\\| --- \\|.txt" in md
    assert "new\\\\x0aline" in md
    check_markdown_structure(md)


def test_markdown_renders_as_github_would_without_foreign_elements(
        forged_report: tuple[str, dict[str, Any]]) -> None:
    """With GitHub's own parser (cmark-gfm), when installed: only the report's elements."""
    cmarkgfm = pytest.importorskip("cmarkgfm")
    from cmarkgfm.cmark import Options

    md, data = forged_report
    page = cmarkgfm.github_flavored_markdown_to_html(md, options=Options.CMARK_OPT_UNSAFE)
    parser = _Tags()
    parser.feed(page)
    tags = [t for t, _ in parser.tags]
    assert set(tags) <= {"h1", "h2", "h3", "p", "table", "thead", "tbody", "tr", "th", "td", "br", "strong", "b",
                         "code", "ul", "li", "details", "summary"}, set(tags)
    inconsistencies = sum(1 for f in data["findings"] if f["verdict"] in ("conflict", "variant"))
    assert tags.count("h1") == 1 and tags.count("h3") == 2 + inconsistencies
    assert tags.count("table") == md.count("\n|---") + md.count("\n|:--")
    assert "<a " not in page and "<img" not in page


def test_bold_claim_keeps_its_spaces_and_renders_bold() -> None:
    from audit.render.markdown import _quoted, strong

    assert _quoted("was hurt on ", "Thursday", " morning.") == "was hurt on **Thursday** morning."
    assert _quoted("said", "(12)", "x") == "said<b>\\(12\\)</b>x"  # '**' would not be bold here
    assert strong("a|b") == "**a\\|b**"


# ---------------------------------------------------------------- 3. Unicode traps

TRAPS = {
    "cyrillic_a": ("J\u043ehn Smith", "mixes letters of different scripts"),
    "greek_omicron": ("J\u03bfhn Smith", "mixes letters of different scripts"),
    "zero_width_space": ("John Sm\u200bith", "invisible characters"),
    "right_to_left_override": ("John Sm\u202eith", "invisible characters"),
    "left_to_right_mark": ("John\u200e Smith", "invisible characters"),
    "soft_hyphen": ("John Smi\u00adth", "invisible characters"),
    "fullwidth": ("\uff2a\uff4f\uff48\uff4e Smith", "compatibility characters"),
}


@pytest.mark.parametrize("trap", list(TRAPS))
def test_unicode_trap_is_flagged_not_merged(tmp_path: Path, trap: str) -> None:
    spelling, why = TRAPS[trap]
    batch = tmp_path / "b"
    batch.mkdir()
    for k, name in enumerate(("John Smith", "John Smith", spelling)):
        (batch / f"a{k}.txt").write_text(
            f" date 2022-11-24 Mayor {name} said 12 people were hurt in Paris on Thursday. {name} visited the "
            f"hospital on Friday.", encoding="utf-8")
    out = tmp_path / "out"
    r = run_cli("run", str(batch), "--out", str(out), "--format", "md,json", "--quiet")
    assert r.code == 0, r.err
    data = _json(out / "b.json")
    about = [f for f in data["findings"] if "Smith" in f["topic"] or "Sm" in f["topic"]]
    flagged = [f for f in about if f["verdict"] == "variant" and spelling in (f.get("note") or "")
               and why in f["note"] and "not trusted as the same spelling" in f["note"]]
    assert flagged, f"no variant finding flags {spelling!r}: {[(f['verdict'], f.get('note')) for f in about]}"
    assert "a2" in flagged[0]["values"][-1]["articles"] or any("a2" in g["articles"] for g in flagged[0]["values"])
    silent = [n for n in data["names"] if "Sm" in n["name"] and "a2" in n["articles"]]
    assert not silent, "the trap spelling was merged into a name used consistently"


def test_invisible_and_bidi_characters_are_shown_in_md_and_html(tmp_path: Path) -> None:
    batch = tmp_path / "b"
    batch.mkdir()
    texts = ["Officials said 12 people were hurt on Thursday.",
             "Officials said 12 people were hurt on Thursday.",
             "Officials said 15 peo\u200bple were hurt \u202eon Thursday\u202c \x1b[2J."]
    for k, t in enumerate(texts):
        (batch / f"a{k}.txt").write_text(t, encoding="utf-8")
    out = tmp_path / "out"
    r = run_cli("run", str(batch), "--out", str(out), "--format", "md,json,html", "--quiet")
    assert r.code == 0, r.err
    md = (out / "b.md").read_text(encoding="utf-8")
    page = (out / "b.html").read_text(encoding="utf-8")
    assert "‹U+200B›" in md and "‹U+202E›" in md and "‹U+001B›" in md
    assert "<span class=invisible title='U+202E RIGHT-TO-LEFT OVERRIDE'>U+202E</span>" in page
    for text in (md, page):
        assert not HIDDEN.search(text), "a raw invisible, bidirectional or control character in the report"
    # the JSON keeps the text exactly as written (offsets stay exact)
    assert "\u202e" in (out / "b.json").read_text(encoding="utf-8")


# ---------------------------------------------------------------- 4. bad files


def _make_bad_batch(root: Path) -> dict[str, str]:
    """A folder of every kind of bad file; returns file name -> expected status or reason fragment."""
    b = root / "batch"
    b.mkdir()
    expect: dict[str, str] = {}

    def put(name: str, data: bytes, expected: str) -> None:
        (b / name).write_bytes(data)
        expect[name] = expected

    put("good.txt", b" date 2022-11-24 Officials said 12 people were hurt in Paris on Thursday.", "audited")
    put("cp1252.txt", "Café owners said 12 people were hurt — “terrible”.".encode("cp1252"), "audited")
    put("undecodable.txt", b"abc \x81\x8d\x90 def \xff", "not decodable as UTF-8 (byte 4")
    put("nul.txt", b"Officials said\x00 12 people were hurt.", "binary file (contains NUL bytes)")
    put("utf16-no-bom.txt", "Officials said 12 people were hurt.".encode("utf-16-le"),
        "looks like UTF-16 without a byte-order mark")
    put("utf16-nul.txt", "Officials said\x00 12 people were hurt.".encode("utf-16"),
        "contains NUL characters once decoded as utf-16")
    put("bad-bom.txt", b"\xef\xbb\xbfabc \xff\xfe", "starts with a UTF-8 byte-order mark but is not UTF-8")
    put("bad-utf16.txt", b"\xff\xfea\x00\x00\xd8", "starts with a UTF-16 byte-order mark but is not UTF-16")
    put("control.txt", bytes(range(1, 9)) * 300, "binary file (control characters)")
    put("empty.txt", b"", "empty file")
    put("blank.txt", b"  \n\t \r\n", "empty file")
    put("bom-only.txt", b"\xef\xbb\xbf", "empty file (only white space, utf-8-sig)")
    put("unicode-space.txt", "\u00a0\u2003\u3000\n".encode(), "empty file (only white space, utf-8)")
    put("date-only.txt", b" date 2022-01-01\n", "no article text after the date line")
    put("image.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "not an article file")
    # a 50 MB file: sparse, so the test writes nothing to disk
    with (b / "huge.txt").open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    expect["huge.txt"] = "too large: 52428800 bytes, the limit is 10485760 bytes (--max-bytes)"
    # a 1 MB single line (no claims: this one is about reading it, not extracting from it)
    words = "the quick brown fox jumps over the lazy dog and runs from the farm to the river "  # English: audited
    put("one-line.txt", (words * (1024 * 1024 // len(words) + 1)).encode()[: 1024 * 1024], "audited")
    os.mkfifo(b / "fifo.txt")
    expect["fifo.txt"] = "not a regular file: a named pipe (FIFO)"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(b / "socket.txt"))
    sock.close()
    expect["socket.txt"] = "not a regular file: a socket"
    (b / "loop.txt").symlink_to("loop.txt")
    expect["loop.txt"] = "symbolic link loop"
    (b / "ping.txt").symlink_to("pong.txt")
    (b / "pong.txt").symlink_to("ping.txt")
    expect["ping.txt"] = expect["pong.txt"] = "symbolic link loop"
    (b / "broken.txt").symlink_to("missing.txt")
    expect["broken.txt"] = "broken symbolic link (its target missing.txt does not exist)"
    (root / "secret.txt").write_text("SECRET-7f3a Officials said 99 people were hurt.", encoding="utf-8")
    (b / "outside.txt").symlink_to(root / "secret.txt")
    expect["outside.txt"] = "outside the folder given: not followed"
    (b / "alias.txt").symlink_to("good.txt")
    expect["alias.txt"] = "audited"
    (b / "sub").mkdir()
    (b / "sub" / "deep.md").write_text("Police said 3 cars burned on Monday.", encoding="utf-8")
    expect["deep.md"] = "audited"
    (b / "sub" / "up").symlink_to("..")
    expect["up"] = "symbolic link to a folder that is read already"
    (b / "etc").symlink_to("/etc")
    expect["etc"] = "outside the folder given: not followed"
    return expect


def test_bad_files_are_audited_or_skipped_with_a_precise_reason(tmp_path: Path) -> None:
    expect = _make_bad_batch(tmp_path)
    out = tmp_path / "out"
    t0 = time.monotonic()
    r = _within(120, lambda: run_cli("run", str(tmp_path / "batch"), "--out", str(out), "--format", "md,json"))
    elapsed = time.monotonic() - t0
    assert r.code == 0, r.err
    data = _json(out / "batch.json")
    got = {a["path"].rsplit("/", 1)[-1]: a for a in data["articles"]}
    assert set(got) == set(expect), set(got) ^ set(expect)
    for name, expected in expect.items():
        a = got[name]
        if expected == "audited":
            assert a["status"] == "audited", (name, a["reason"])
        else:
            assert a["status"] == "skipped" and expected in a["reason"], (name, a["reason"])
    assert "SECRET-7f3a" not in (out / "batch.json").read_text() + (out / "batch.md").read_text()
    assert got["cp1252.txt"]["encoding"] == "cp1252"
    for name, expected in expect.items():
        if expected != "audited":
            assert f"skipped {got[name]['path']}: " in r.err, name
    assert elapsed < 60, f"a batch of bad files took {elapsed:.0f} s"
    check_markdown_structure((out / "batch.md").read_text(encoding="utf-8"))


def test_max_bytes_is_configurable(tmp_path: Path) -> None:
    b = tmp_path / "b"
    b.mkdir()
    (b / "small.txt").write_text("Police said 3 cars burned.", encoding="utf-8")
    (b / "big.txt").write_text("Police said 3 cars burned on Monday. " * 10, encoding="utf-8")
    out = tmp_path / "out"
    r = run_cli("run", str(b), "--out", str(out), "--format", "json", "--max-bytes", "100", "--quiet")
    assert r.code == 0, r.err
    arts = {a["id"]: a for a in _json(out / "b.json")["articles"]}
    assert arts["small"]["status"] == "audited"
    assert arts["big"]["reason"] == "too large: 370 bytes, the limit is 100 bytes (--max-bytes)"


def test_a_file_that_grows_past_the_limit_while_read_is_skipped(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "grows.txt"
    p.write_text("Police said 3 cars burned.", encoding="utf-8")
    (source,) = discover([p])
    real_stat = os.stat

    def stat(path: Any, *args: Any, **kw: Any) -> os.stat_result:  # the size seen before the file grew
        st = real_stat(path, *args, **kw)
        return os.stat_result((st.st_mode, *tuple(st)[1:6], 10, *tuple(st)[7:]))

    monkeypatch.setattr(loader_mod.os, "stat", stat)
    art = read_article(source, "grows", max_bytes=12)
    assert art.status == "skipped" and art.reason and art.reason.startswith("too large: more than 12 bytes")


def test_unreadable_file_is_skipped(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("running as root, which reads a mode-000 file anyway; "
                    "test_unreadable_file_simulated covers the reason")
    p = tmp_path / "secret.txt"
    p.write_text("Police said 3 cars burned.", encoding="utf-8")
    p.chmod(0)
    try:
        (art,) = load([p])
    finally:
        p.chmod(0o644)
    assert art.status == "skipped" and art.reason == "cannot be read: permission denied"


def test_unreadable_file_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """EACCES from the OS (root cannot be denied by mode bits, so the error is injected)."""
    b = tmp_path / "b"
    (b / "sub").mkdir(parents=True)
    (b / "ok.txt").write_text("Police said 3 cars burned on Monday.", encoding="utf-8")
    (b / "locked.txt").write_text("Police said 4 cars burned on Monday.", encoding="utf-8")
    (b / "sub" / "hidden.txt").write_text("Police said 5 cars burned on Monday.", encoding="utf-8")
    real_open, real_scandir = os.open, os.scandir

    def deny_open(path: Any, flags: int, *args: Any, **kw: Any) -> int:
        if str(path).endswith("locked.txt"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kw)

    def deny_scandir(path: Any = ".") -> Any:
        if str(path).endswith("sub"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(loader_mod.os, "open", deny_open)
    monkeypatch.setattr(loader_mod.os, "scandir", deny_scandir)
    out = tmp_path / "out"
    r = run_cli("run", str(b), "--out", str(out), "--format", "json", "--quiet")
    assert r.code == 0, r.err
    arts = {a["path"].rsplit("/", 1)[-1]: a for a in _json(out / "b.json")["articles"]}
    assert arts["ok.txt"]["status"] == "audited"
    assert arts["locked.txt"]["reason"] == "cannot be read: permission denied"
    assert arts["sub"]["reason"] == "folder cannot be read: Permission denied"


def test_a_file_that_vanishes_or_turns_into_a_pipe_before_it_is_read(tmp_path: Path) -> None:
    a, b = tmp_path / "gone.txt", tmp_path / "pipe.txt"
    for p in (a, b):
        p.write_text("Police said 3 cars burned.", encoding="utf-8")
    sources = discover([a, b])
    a.unlink()
    b.unlink()
    os.mkfifo(b)
    arts = _within(10, lambda: [read_article(s, s.path.stem) for s in sources])
    assert [x.reason for x in arts] == ["the file disappeared before it could be read",
                                        "not a regular file: a named pipe (FIFO)"]


def test_special_files_given_by_name_are_listed_not_fatal(tmp_path: Path) -> None:
    fifo, zero = tmp_path / "fifo.txt", tmp_path / "zero.txt"
    os.mkfifo(fifo)
    zero.symlink_to("/dev/zero")
    good = tmp_path / "good.txt"
    good.write_text("Police said 3 cars burned on Monday.", encoding="utf-8")
    out = tmp_path / "out"
    r = _within(30, lambda: run_cli("run", str(fifo), str(zero), str(good), "--out", str(out), "--name", "x",
                                    "--format", "json", "--quiet"))
    assert r.code == 0, r.err
    arts = {a["id"]: a["reason"] for a in _json(out / "x.json")["articles"]}
    assert arts == {"fifo": "not a regular file: a named pipe (FIFO)",
                    "zero": "not a regular file: a character device", "good": None}


def test_a_folder_of_thousands_of_files(tmp_path: Path) -> None:
    b = tmp_path / "many"
    b.mkdir()
    for i in range(3000):
        if i % 10 == 0:  # 300 articles
            text = f"Officials in Town{i} said {i % 40 + 2} people were hurt on Thursday."
            (b / f"f{i:04d}.txt").write_text(text, encoding="utf-8")
        elif i % 3 == 0:
            (b / f"f{i:04d}.txt").write_bytes(b"")
        elif i % 3 == 1:
            (b / f"f{i:04d}.dat").write_bytes(b"data")
        else:
            (b / f"f{i:04d}.md").write_bytes(b"\x00\x01binary")
    out = tmp_path / "out"
    t0 = time.monotonic()
    r = run_cli("run", str(b), "--out", str(out), "--format", "md,json", "--quiet")
    elapsed = time.monotonic() - t0
    assert r.code == 0, r.err
    arts = _json(out / "many.json")["articles"]
    assert len(arts) == 3000 and len({a["id"] for a in arts}) == 3000
    assert sum(a["status"] == "audited" for a in arts) == 300
    assert all(a["reason"] for a in arts if a["status"] == "skipped")
    assert elapsed < 45, f"3,000 files took {elapsed:.0f} s"


def test_file_names_with_hostile_bytes_are_escaped_and_ids_unique(tmp_path: Path) -> None:
    b = tmp_path / "b"
    b.mkdir()
    for name in (b"x\xff.txt", b"x\xfe.txt", b"a.txt", b"a.md", b"a~2.txt", b"line\nbreak.txt", b"\x1b[31mred.txt"):
        _write(b, name, "Police said 3 cars burned on Monday.")
    arts = load([b])
    ids = [a.id for a in arts]
    assert len(set(ids)) == len(ids), ids
    assert {"x\\xff", "x\\xfe", "line\\x0abreak", "\\x1b[31mred", "a~2"} <= set(ids)
    for a in arts:
        assert a.audited, (a.path, a.reason)
        a.path.encode("utf-8")  # no lone surrogates: every renderer can write it
        assert not HIDDEN.search(a.path + a.id)


# ---------------------------------------------------------------- 5. atomic output


def _batch(tmp_path: Path, n: int) -> Path:
    b = tmp_path / "b"
    b.mkdir(exist_ok=True)
    for k in range(3):
        (b / f"a{k}.txt").write_text(f" date 2022-11-24 Officials said {n + (k == 2)} people were hurt in Paris on "
                                     f"Thursday.", encoding="utf-8")
    return b


def _leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.endswith(".tmp"))


def test_a_failing_pdf_writes_the_rest_and_removes_the_stale_pdf(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import audit.render as render

    out = tmp_path / "out"
    b = _batch(tmp_path, 12)
    assert run_cli("run", str(b), "--out", str(out), "--format", "md,json,pdf", "--quiet").code == 0
    old = {s: (out / f"b{s}").read_bytes() for s in (".md", ".json", ".pdf")}
    b = _batch(tmp_path, 20)  # the new run says something else

    def broken(report: Any) -> bytes:
        raise RenderError("pdf", "weasyprint blew up half-way")

    monkeypatch.setitem(render.RENDERERS, "pdf", (".pdf", broken))
    r = run_cli("run", str(b), "--out", str(out), "--format", "md,json,pdf")
    assert r.code == 4
    assert "Error: pdf: weasyprint blew up half-way" in r.err
    # the PDF of the earlier run would sit beside reports that say something else: it is removed, and said so
    assert not (out / "b.pdf").exists() and "removed" in r.err and "b.pdf" in r.err
    assert (out / "b.md").read_bytes() != old[".md"] and b"20 people" in (out / "b.md").read_bytes()
    assert (out / "b.json").read_bytes() != old[".json"]
    assert _leftovers(out) == []


def test_a_rename_failing_half_way_puts_the_previous_set_back(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import audit.output as output

    out = tmp_path / "out"
    b = _batch(tmp_path, 12)
    assert run_cli("run", str(b), "--out", str(out), "--format", "md,json", "--quiet").code == 0
    old = {s: (out / f"b{s}").read_bytes() for s in (".md", ".json")}
    b = _batch(tmp_path, 20)
    real_replace = os.replace

    def replace(src: Any, dst: Any) -> None:
        if str(dst).endswith("b.json") and str(src).endswith(".tmp"):  # md is renamed first, then json fails
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(output.os, "replace", replace)
    r = run_cli("run", str(b), "--out", str(out), "--format", "md,json", "--quiet")
    assert r.code == 4 and "No space left on device" in r.err and "previous ones are as they were" in r.err
    for s in (".md", ".json"):
        assert (out / f"b{s}").read_bytes() == old[s], s
    assert sorted(p.name for p in out.iterdir()) == ["b.json", "b.md"]


@pytest.mark.parametrize("where", ["judging", "rendering", "writing"])
def test_ctrl_c_leaves_the_previous_reports_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   where: str) -> None:
    import audit.output as output
    import audit.pipeline as pipeline
    import audit.render as render

    out = tmp_path / "out"
    b = _batch(tmp_path, 12)
    assert run_cli("run", str(b), "--out", str(out), "--format", "md,json", "--quiet").code == 0
    old = {s: (out / f"b{s}").read_bytes() for s in (".md", ".json")}
    b = _batch(tmp_path, 20)

    def interrupt(*args: Any, **kw: Any) -> Any:
        raise KeyboardInterrupt

    if where == "judging":
        monkeypatch.setattr(pipeline, "judge_slot", interrupt)
    elif where == "rendering":
        monkeypatch.setitem(render.RENDERERS, "md", (".md", interrupt))
    else:
        monkeypatch.setattr(output.os, "fsync", interrupt)
    r = run_cli("run", str(b), "--out", str(out), "--format", "md,json", "--quiet")
    assert r.code == 130
    assert "Interrupted" in r.err
    for s in (".md", ".json"):
        assert (out / f"b{s}").read_bytes() == old[s], s
    assert _leftovers(out) == []
