"""Input hygiene: markup turned into text, and the language an article is written in.

The extractors read English prose. An article that is really a web page (its text is HTML) is
converted to its main text with trafilatura, the field's usual main-content extractor (navigation,
banners, share buttons and footers left out); when trafilatura finds no main text, every text node
outside scripts, styles and page furniture is kept (the standard library's parser). The language is
detected offline by CLD2 (pycld2: its tables are compiled into the package, nothing is downloaded),
cross-checked against English function words so that a short English text full of foreign names is
never taken for another language. bench/input_hygiene.py measured the candidates (README).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

_DOCUMENT = re.compile(r"<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]", re.IGNORECASE)
_TAG = re.compile(r"</?(?:p|div|span|a|br|hr|li|ul|ol|dl|dt|dd|table|thead|tbody|tr|td|th|h[1-6]|script|style|"
                  r"meta|link|img|picture|source|article|section|nav|header|footer|aside|main|figure|figcaption|"
                  r"strong|em|b|i|u|small|blockquote|iframe|form|input|button|label|select|option|noscript|svg|"
                  r"time|video|audio)\b[^<>]{0,2000}>", re.IGNORECASE)
MIN_TAGS = 5
MIN_MARKUP_SHARE = 0.05


def looks_like_html(text: str) -> bool:
    """Whether a text is markup rather than prose: a document (doctype, <html>, <body>) or a fragment with
    at least five HTML tags making up at least 5% of it (a sentence that names a tag or two is still prose)."""
    head = text[:4096]
    if _DOCUMENT.search(head):
        return True
    tags = 0
    chars = 0
    for m in _TAG.finditer(text):
        tags += 1
        chars += m.end() - m.start()
    return tags >= MIN_TAGS and chars >= MIN_MARKUP_SHARE * len(text)


class _TextNodes(HTMLParser):
    """Every text node outside scripts, styles and page furniture, a line per block element."""

    SKIP = frozenset({"script", "style", "head", "nav", "header", "footer", "aside", "noscript", "form", "button",
                      "svg", "template", "iframe", "select"})
    VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed",
                      "param", "track"})
    BLOCK = frozenset({"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "blockquote", "article",
                       "section", "figcaption", "dd", "dt", "table", "ul", "ol", "main", "hr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping.append(tag)
        elif tag in self.BLOCK:
            self.out.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and tag == self.skipping[-1]:
            self.skipping.pop()
        elif tag in self.BLOCK:
            self.out.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCK and not self.skipping:
            self.out.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(data)


def _tidy(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line) + "\n"


def text_nodes(markup: str) -> str:
    """The text of every node outside scripts, styles and page furniture (standard library parser)."""
    parser = _TextNodes()
    parser.feed(markup)
    parser.close()
    return _tidy("".join(parser.out))


def html_to_text(markup: str) -> tuple[str, str]:
    """The article text of a page or fragment, and how it was obtained (shown in the report)."""
    try:
        import trafilatura

        main = trafilatura.extract(markup, include_comments=False, include_tables=True, favor_recall=True,
                                   deduplicate=False, with_metadata=False)
    except Exception:  # a page trafilatura cannot read: the plain text nodes are still there
        main = None
    if main and main.strip():
        return _tidy(main), "converted from HTML: main text extracted by trafilatura"
    return text_nodes(markup), "converted from HTML: text of every node (trafilatura found no main text)"


# ---------------------------------------------------------------- language


@dataclass(frozen=True, slots=True)
class Language:
    code: str | None
    """ISO 639-1 code of the main language, or None when it cannot be told."""
    skip: str | None = None
    """Why the article is not audited (it is not in English), or None."""
    note: str | None = None
    """A warning for an article audited although part of it is in another language."""


_ENGLISH = frozenset("the of and to that for with from was were they she his her their has have had are been will "
                     "would not but this which who after than said says its into about when also there".split())
"""Frequent English words that are not also frequent words of the other Latin-script languages ('a', 'in',
'de', 'an', 'on', 'is' are left out: Spanish, Dutch, German, Italian, French and Portuguese use them too)."""
_LATIN_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]+(?:['’][A-Za-z]+)?")


def english_share(text: str) -> float:
    """Share of the words that are such English words (news English: about 0.2; other Latin-script
    languages: under 0.03; a text in another script has none)."""
    words = _LATIN_WORD.findall(text[:20000])
    if not words:
        return 0.0
    return sum(1 for w in words if w.lower() in _ENGLISH) / len(words)


def detect_language(text: str) -> Language:
    """The article's language, and whether the extractors (English only) can read it."""
    try:
        import pycld2

        reliable, _bytes, details = pycld2.detect(text[:200_000], isPlainText=True)
    except Exception:  # text CLD2 refuses (e.g. invalid code points): nothing is known
        return Language(None)
    top_name, top, top_pct = details[0][0], details[0][1], details[0][2]
    english_pct = sum(d[2] for d in details if d[1] == "en")
    name = top_name.capitalize()
    if top == "en" and reliable:
        others = [d for d in details if d[1] not in ("en", "un") and d[2] >= 30]
        if others:
            return Language("en", note=f"partly in {others[0][0].capitalize()} ({others[0][2]}% of the text): "
                                       "claims in that part may be missed or misread")
        return Language("en")
    share = english_share(text)  # only when CLD2 is unsure or reads another language
    if top in ("un", "xxx") or not reliable:
        words = len(_LATIN_WORD.findall(text[:20000]))
        if top not in ("un", "xxx", "en") and share < 0.03 and words >= 8:
            return Language(top, skip=f"not in English: CLD2's best guess is {name} (not reliable on so short a "
                                      "text) and it has almost none of the common English words; the extractors "
                                      "read English only")
        return Language("en" if share >= 0.1 or top == "en" else None)
    if share >= 0.1 and english_pct < 20:
        return Language("en")  # English by its function words: CLD2 misread a short text full of names
    if english_pct >= 20 or share >= 0.08:
        return Language(top, note=f"partly in {name} ({top_pct}% of the text, English {english_pct}%): claims "
                                  "in that part may be missed or misread")
    return Language(top, skip=f"not in English: CLD2 reads it as {name} ({top_pct}% of the text); the extractors "
                              "read English only")
