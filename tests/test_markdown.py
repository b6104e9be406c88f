"""The Markdown report diffs well: short lines, a short section per inconsistency, bounded lists."""

from __future__ import annotations

import difflib
import html.parser
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT, SEEDS, run_cli

REPORT = ROOT / "reports" / "seeds.md"


def _md(batch: Path, out: Path) -> str:
    r = run_cli("run", batch.name, "--out", str(out), "--name", "seeds", "--format", "md", "--quiet")
    assert r.code == 0, r.err
    return (out / "seeds.md").read_text(encoding="utf-8")


def test_no_line_of_the_committed_seed_report_is_longer_than_600_characters() -> None:
    lines = REPORT.read_text(encoding="utf-8").split("\n")
    longest = max(lines, key=len)
    assert len(longest) <= 600, longest


def test_each_inconsistency_is_a_short_section() -> None:
    md = REPORT.read_text(encoding="utf-8")
    sections = re.findall(r"^### (conflict|variant): (.+) · `(F[0-9a-f]{8}(?:-\d+)?)`$", md, re.MULTILINE)
    assert [(v, t) for v, t, _ in sections] == [("conflict", "date of the victory"),
                                                ("variant", "spelling of Ilkay Gundogan"),
                                                ("variant", "spelling of Khalifa International Stadium")]
    body = md.split("### variant: spelling of Ilkay Gundogan", 1)[1].split("\n### ", 1)[0]
    assert "- **Iiikay Gundogan** (odd one out): 000" in body
    assert "- **Ilkay Gundogan**: 001, 002" in body
    assert re.search(r"^  - 000:3 “\*\*Iiikay Gundogan\*\*'s penalty", body, re.MULTILINE)
    assert "**Likely a typo.**" in body


def test_articles_table_uses_short_labels_and_a_short_date_basis() -> None:
    md = REPORT.read_text(encoding="utf-8")
    rows = [line for line in md.split("\n") if line.startswith("| 00")]
    assert [r.split(" | ")[0] for r in rows] == ["| 000", "| 001", "| 002", "| 003", "| 004"]
    assert "| inferred: embedded posts |" in rows[1]
    explained = md.split("How the dates were obtained:", 1)[1].split("###", 1)[0]
    assert "- 001: inferred from the latest embedded post" in explained


def test_single_source_claims_are_information_ranked_and_bounded() -> None:
    md = REPORT.read_text(encoding="utf-8")
    section = md.split("## Single-source claims", 1)[1]
    assert section.split("\n")[2].startswith("A claim that only one article makes conflicts with nothing")
    per_article = re.split(r"^\*\*(\d{3})\*\* \((\d+)\)$", section, flags=re.MULTILINE)
    counts = dict(zip(per_article[1::3], (int(n) for n in per_article[2::3]), strict=True))
    assert counts["002"] > 5
    block = per_article[per_article.index("002") + 2]
    shown = [line for line in block.split("\n") if line.startswith("- ") and "· `F" in line]
    assert len(shown) == 5
    assert f"- … and {counts['002'] - 5} more (all are in the JSON report)" in block
    # figures and dates before quotes
    assert "quote" not in shown[0] and "number of" in shown[0]


def test_names_used_consistently_are_counted_not_reported_as_agreements() -> None:
    md = REPORT.read_text(encoding="utf-8")
    agreements = md.split("## Agreements", 1)[1].split("## Compatible", 1)[0]
    assert re.search(r"<summary>Names used consistently: \d+ ", agreements)
    facts = agreements.split("</details>", 1)[1]
    assert "spelling of" not in facts


def test_one_edit_in_one_article_changes_a_few_short_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An agreement that becomes a conflict: its lines move from one section to the other, the counts and
    the three articles' tallies change; nothing else."""
    before, after = tmp_path / "before" / "seeds", tmp_path / "after" / "seeds"
    shutil.copytree(SEEDS, before)
    shutil.copytree(SEEDS, after)
    (article,) = after.glob("001_*.txt")
    text = article.read_text(encoding="utf-8")
    old = "opener in the 33rd minute"
    assert text.count(old) == 1
    article.write_text(text.replace(old, "opener in the 35th minute"), encoding="utf-8")
    monkeypatch.chdir(before.parent)
    a = _md(before, tmp_path / "ra")
    monkeypatch.chdir(after.parent)
    b = _md(after, tmp_path / "rb")
    changed = [line for line in difflib.unified_diff(a.split("\n"), b.split("\n"), lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    # the run fingerprint changes with any input, by design (issue 11): one line, not counted
    assert sum(1 for line in changed if line[1:].startswith("Run fingerprint: ")) == 2
    changed = [line for line in changed if not line[1:].startswith("Run fingerprint: ")]
    assert 0 < len(changed) <= 45, "\n".join(changed)
    assert max(len(line) for line in changed) <= 600


# ------------------------------------------------------------------ article text is inert on GitHub
#
# GitHub links text in two passes: the GFM autolink extension while parsing (a backslash escape stops
# it) and a second pass over the text of the rendered page, after escapes are gone. The checks below
# render with cmark-gfm (GitHub's own parser, pinned in requirements.lock) and then look for anything
# the second pass would link in the text outside code spans.

INERT = [
    # (article text, the cell exactly)
    ("eight http://evil.example/x", "eight `http://evil.example/x`"),
    ("HTTPS://EVIL.EXAMPLE/A", "`HTTPS://EVIL.EXAMPLE/A`"),
    ("see www.evil.example.", "see `www.evil.example.`"),
    ("write to bob.smith+x@evil.example today", "write to `bob.smith+x@evil.example` today"),
    ("mailto:a@b.example xmpp:a@b.example/r", "`mailto:a@b.example` `xmpp:a@b.example/r`"),
    ("(https://evil.example/a_b*c*)", "`(https://evil.example/a_b*c*)`"),
    ("<https://evil.example/auto>", "`<https://evil.example/auto>`"),
    ("[x](y) ![i](j) [ref][1]", "\\[x\\]\\(y\\) \\!\\[i\\]\\(j\\) \\[ref\\]\\[1\\]"),
    ("[1]: http://evil.example", "\\[1\\]: `http://evil.example`"),
    ("[x](http://evil.example/x)", "`[x](http://evil.example/x)`"),
    ("<script>alert(1)</script> <b>x</b>", "\\<script\\>alert\\(1\\)\\</script\\> \\<b\\>x\\</b\\>"),
    ("<!-- c --> &copy; &#60;", "\\<\\!-- c --\\> &amp;copy; &amp;\\#60;"),
    ("***bold*** __u__ _a_b_ ~~s~~", "\\*\\*\\*bold\\*\\*\\* \\_\\_u\\_\\_ \\_a\\_b\\_ \\~\\~s\\~\\~"),
    ("a | b || c", "a \\| b \\|\\| c"),
    ("a|www.evil.example/x|b", "a\\|`www.evil.example/x`\\|b"),
    ("# Heading", "\\# Heading"),
    ("> quote", "\\> quote"),
    ("- item", "\\- item"),
    ("-- -", "\\-- -"),
    ("+ item", "\\+ item"),
    ("1. item", "1\\. item"),
    ("2022. The year", "2022\\. The year"),
    ("-1 on the day", "-1 on the day"),
    ("`x` ``y``", "\\`x\\` \\`\\`y\\`\\`"),
    ("http://a.example/`x`", "`` http://a.example/`x` ``"),
    ("x\u200bwww.evil.example", "`x‹U+200B›www.evil.example`"),
    ("\u202eevil\u202c \\ end \\", "‹U+202E›evil‹U+202C› \\\\ end \\\\"),
    ("line one\nline two\r\n  three", "line one line two three"),
    ("Smith said: 8:30 p.m. at www", "Smith said: 8:30 p.m. at www"),
]


@pytest.mark.parametrize(("text", "expected"), INERT)
def test_cell_makes_article_text_inert(text: str, expected: str) -> None:
    from audit.render.markdown import cell

    assert cell(text) == expected


def test_the_bold_claim_around_a_url_stays_bold_and_unlinked() -> None:
    """The case seen on GitHub: `**eight http\\://evil…**` became a link after the bold was parsed."""
    from audit.render.markdown import _quoted

    assert (_quoted("They counted ", "eight http://evil.example/x", " cars.")
            == "They counted **eight `http://evil.example/x`** cars.")
    # a claim cut out of a URL or an address: each side is judged on its own, none links
    assert _quoted("see http://evil.example/", "8", " now") == "see `http://evil.example/`**8** now"
    assert _quoted("mail ", "bob", "@evil.example now") == "mail **bob**@evil.example now"
    assert _quoted("at www", ".", "evil.example") == "at www<b>.</b>evil.example"
    # nothing in bold: the sentence is one text, so the address in it is found whole
    assert _quoted("at www.", " ", "evil.example") == "at `www.` evil.example"


class _Page(html.parser.HTMLParser):
    """The tags of a rendered page, and its text runs with the elements each stands in."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.open: list[str] = []
        self.runs: list[tuple[str, tuple[str, ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in ("br", "hr", "img", "input"):
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag):]

    def handle_data(self, data: str) -> None:
        self.runs.append((data, tuple(self.open)))

    def text(self, inside: str, depth: int = 1) -> str:
        """The text of the runs that stand `depth` deep in `inside` elements."""
        return "".join(t for t, where in self.runs if where.count(inside) >= depth).strip()


# what GitHub's second pass links in a text run (a superset: its URL rule and its e-mail rule)
SECOND_PASS = re.compile(r"(?i)(?:https?|ftp)://|www\.|[-.\w+]+@[-.\w]*\.\w")


def _gfm(md: str) -> _Page:
    import cmarkgfm
    from cmarkgfm.cmark import Options

    page = _Page()
    page.feed(cmarkgfm.github_flavored_markdown_to_html(md, options=Options.CMARK_OPT_UNSAFE))
    page.close()
    return page


def _shown(text: str) -> str:
    """What a reader must see of `text`: its words on one line, hidden characters as marks."""
    from audit.render.common import show_invisible

    return show_invisible(" ".join(text.split()))


def _inert(text: str) -> list[str]:
    """Every way the rendered `text` differs from the article's, in each place the report puts text:
    [] when GitHub shows the words exactly and adds no element (no link, emphasis, list, HTML...)."""
    from audit.render.markdown import cell, strong

    c, problems = cell(text), []
    if not c:
        return [] if not _shown(text) else [f"{text!r} vanished"]
    contexts = {  # where -> (Markdown, the tags the report itself adds there, whose text is the article's)
        "paragraph": (f"Event {c}", {"p"}, "p", 1),
        "list item": (f"- {c}", {"ul", "li"}, "li", 1),
        "nested item": (f"- x\n  - {c}", {"ul", "li"}, "li", 2),
        "heading": (f"### {c}", {"h3"}, "h3", 1),
        "table cell": (f"| a | b |\n|---|---|\n| {c} | x |", {"table", "thead", "tbody", "tr", "th", "td"}, "td", 1),
        "bold": (f"- {strong(text)}: 000", {"ul", "li", "strong", "b"}, "strong", 1),
    }
    for where, (md, own, inside, depth) in contexts.items():
        page = _gfm(md)
        extra = set(page.tags) - own - {"code"}
        if extra:
            problems.append(f"{where}: elements {sorted(extra)} in {md!r}")
        linked = [t for t, stack in page.runs if "code" not in stack and SECOND_PASS.search(t)]
        if linked:
            problems.append(f"{where}: GitHub's second pass would link {linked!r} in {md!r}")
        if where == "bold" and "strong" not in page.tags:
            inside = "b"
        shown = page.text(inside, depth)
        if where == "table cell":
            shown = shown.removesuffix("x").strip()
        elif where == "paragraph":
            shown = shown.removeprefix("Event ")
        if shown != _shown(text):
            problems.append(f"{where}: shown as {shown!r}, not {_shown(text)!r} ({md!r})")
    return problems


@pytest.mark.parametrize(("text", "_expected"), INERT)
def test_cmark_gfm_shows_the_text_exactly_and_nothing_else(text: str, _expected: str) -> None:
    assert _inert(text) == []


def test_the_unescaped_text_would_have_been_linked() -> None:
    """The checks above can fail: raw article text does produce links and elements."""
    page = _gfm("They counted **eight http://evil.example/x** cars, bob@evil.example said; www.evil.example")
    assert page.tags.count("a") == 3
    escaped_only = _gfm("**eight http\\://evil.example/x**")  # escaped: the parse does not link it ...
    assert "a" not in escaped_only.tags
    assert [t for t, _ in escaped_only.runs if SECOND_PASS.search(t)]  # ... but the second pass would


HOSTILE_ALPHABET = "ab Z09.:/@-_*`~|<>[]()!#&;\\+=\"' \u200b\u202e\u00a0\u00e9w"
HOSTILE_PIECES = ["http://", "https://", "www.", "@x.example", "mailto:", "&amp;", "<b>", "](", "**", "__", "- ",
                  "1. ", "# ", "> ", "\n", "evil.example", "`` ", "|"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.text(alphabet=HOSTILE_ALPHABET, max_size=6), st.sampled_from(HOSTILE_PIECES)),
                max_size=12).map("".join))
def test_any_text_is_shown_exactly_and_inert_on_cmark_gfm(text: str) -> None:
    assert _inert(text) == []


def test_relabel_prefers_the_longest_id_and_follows_a_new_table() -> None:
    from audit.render.common import relabel

    labels = {"000_abc": "000", "000_abc_2": "000b", "kept": "kept"}
    assert relabel("000_abc_2 and 000_abc, not kept", labels) == "000b and 000, not kept"
    other = {"000_abc": "Daily Planet"}
    assert relabel("000_abc said", other) == "Daily Planet said"
    assert relabel("nothing to change", {"a": "a"}) == "nothing to change"
