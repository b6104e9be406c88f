"""Helpers the renderers share: evidence excerpts, value lists, sections in report order."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from audit import facts
from audit.model import Article, Evidence, Finding, Report
from audit.text import trie_alternation

SECTIONS = (
    ("conflict", "Inconsistencies: conflicts"),
    ("variant", "Inconsistencies: spelling variants"),
    ("agree", "Agreements"),
    ("compatible", "Compatible values"),
    ("single", "Single-source claims"),
)


# Characters that are invisible or reorder the text around them: an article could use them to make
# the report show something else than what it says ("Trojan source"), or to hide a difference
# between two spellings. Renderers show each as a visible mark (the JSON keeps the text as is).
_ALWAYS_SHOWN = ("\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # control characters (not tab or line breaks)
                 "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200e\u200f\u202a-\u202e"
                 "\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb")
_JOINERS = "\u200c\u200d"  # legitimate in emoji and in Arabic or Indic scripts; not between Latin letters
_INVISIBLE = re.compile(f"[{_ALWAYS_SHOWN}]|(?<=[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff])[{_JOINERS}]+"
                        f"(?=[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff])")


def invisible_name(c: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE'."""
    name = unicodedata.name(c, "") or {"\x00": "NULL", "\x1b": "ESCAPE", "\x7f": "DELETE"}.get(c, "CONTROL")
    return f"U+{ord(c):04X} {name}"


def show_invisible(text: str, mark: Callable[[str], str] | None = None) -> str:
    """`text` with every invisible, bidirectional or control character replaced by `mark(char)`
    (by default '‹U+202E›'), so that no article text can hide or reorder what a report shows."""
    if not _INVISIBLE.search(text):
        return text
    fn = mark or (lambda c: f"‹U+{ord(c):04X}›")
    return _INVISIBLE.sub(lambda m: "".join(fn(c) for c in m.group(0)), text)


def excerpt(ev: Evidence, width: int = 150) -> tuple[str, str, str]:
    """The sentence around the evidence as (before, surface, after), cut to about `width` characters."""
    sentence = ev.sentence
    pos = sentence.find(ev.text)
    if pos < 0:
        return "", ev.text, ""
    before, after = sentence[:pos], sentence[pos + len(ev.text):]
    room = max(20, (width - len(ev.text)) // 2)
    if len(before) > room:
        cut = before[-room:]
        before = "…" + cut[cut.find(" ") + 1:] if " " in cut else "…" + cut
    if len(after) > room:
        cut = after[:room]
        after = (cut[: cut.rfind(" ")] if " " in cut else cut) + "…"
    return before, ev.text, after


def attention(report: Report) -> list[Finding]:
    """Findings an editor must act on: conflicts and variants that are not suppressed."""
    return report.attention()


def article_tally(report: Report) -> dict[str, dict[str, int]]:
    """Per article: how many findings of each verdict it takes part in, and how often it is the outlier."""
    tally: dict[str, dict[str, int]] = {a.id: {"agree": 0, "conflict": 0, "variant": 0, "compatible": 0, "single": 0,
                                               "outlier": 0} for a in report.audited}
    for f in report.findings:
        for a in f.articles:
            if a in tally:
                tally[a][f.verdict] += 1
        for a in f.outlier:
            if a in tally:
                tally[a]["outlier"] += 1
    return tally


def short_labels(report: Report) -> dict[str, str]:
    """A short name per article for tight places: the configured outlet (with the id's first part when two
    articles share an outlet), else the id's first part ("000" for "000_0584…") when that is unique in the
    batch, else the whole id."""
    ids = [a.id for a in report.articles]
    firsts = [i.split("_")[0] for i in ids]
    uses = Counter(firsts)
    short = {a.id: first if first != a.id and uses[first] == 1 and len(first) >= 2 else a.id
             for a, first in zip(report.articles, firsts, strict=True)}
    outlets = Counter(a.outlet for a in report.articles if a.outlet)
    out = {}
    for a in report.articles:
        if a.outlet:
            out[a.id] = a.outlet if outlets[a.outlet] == 1 else f"{a.outlet} ({short[a.id]})"
        else:
            out[a.id] = short[a.id]
    return out


_RELABEL: list[tuple[dict[str, str], re.Pattern[str] | None]] = []
"""The pattern of the last labels relabelled (a report's renderer relabels thousands of notes with one table)."""


def relabel(text: str, labels: dict[str, str]) -> str:
    """`text` with every full article id replaced by its short label (notes name articles by id)."""
    if not (_RELABEL and _RELABEL[0][0] is labels):
        ids = [a for a, label in labels.items() if a != label]
        # the ids as a prefix tree: the longest id wins where one is the start of another, and a note is read
        # once, not once per article of the batch
        _RELABEL[:] = [(labels, re.compile(trie_alternation(ids)) if ids else None)]
    pattern = _RELABEL[0][1]
    return pattern.sub(lambda m: labels[m.group(0)], text) if pattern is not None else text


def who(articles: Iterable[str], labels: dict[str, str], limit: int = 12) -> str:
    """'000, 001, 002' for a few articles; the first `limit` and '(+N more)' for many."""
    arts = list(articles)
    shown = ", ".join(labels.get(a, a) for a in arts[:limit])
    return shown + (f" (+{len(arts) - limit} more)" if len(arts) > limit else "")


def clip(text: str, limit: int) -> str:
    """`text` cut to about `limit` characters at a word boundary, with '…' where it was cut."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut) + "…"


SHORT_BASIS = (
    ("inferred from the dateline", "dateline"),
    ("inferred from the latest embedded post", "embedded posts"),
    ("given in the configuration", "configuration"),
    ("is not a valid date", "invalid date line"),
)
"""(phrase of the loader's or extractor's note, short form) for the articles table."""


def short_basis(article: Article) -> str:
    """How the publication date was obtained, in a few words: 'header', 'inferred: embedded posts'."""
    note = article.published_note or ""
    for phrase, short in SHORT_BASIS:
        if phrase in note:
            return f"{article.published_basis}: {short}"
    return article.published_basis


LIKELY = (
    ("time zone", re.compile(r"time-zone difference|time zone ahead|different or unknown time zones")),
    ("timing of reports", re.compile(r"comes from earlier reports|changed over time")),
    ("attribution", re.compile(r"attributed to different people")),
    ("typo", re.compile(r"is likely a typo")),
    ("transliteration", re.compile(r"only in accents or transliteration")),
    ("spacing", re.compile(r"only in spacing")),
    ("hidden characters", re.compile(r"not trusted as the same spelling")),
    ("copying", re.compile(r"copied|one source, not")),
    ("derived value", re.compile(r"\bderived\b")),
)
"""(likely explanation, the phrase of a finding's note that gives it), most telling first."""

LIKELY_TEXT = {
    "time zone": "Likely a time-zone difference",
    "timing of reports": "Likely the timing of reports: the figure changed over time",
    "attribution": "Likely an attribution difference: the same words, different speakers",
    "typo": "Likely a typo",
    "transliteration": "Likely a transliteration: the spellings differ only in accents",
    "spacing": "Likely a spacing difference",
    "hidden characters": "A spelling with hidden or look-alike characters",
    "copying": "Copied text: one source, not independent confirmations",
    "derived value": "A derived value",
}


def note_parts(note: str | None) -> list[str]:
    """A finding's note split into its statements (at '; ' outside brackets)."""
    if not note:
        return []
    parts, depth, start = [], 0, 0
    for k, c in enumerate(note):
        if c in "([":
            depth += 1
        elif c in ")]":
            depth = max(0, depth - 1)
        elif c == ";" and depth == 0 and note[k + 1:k + 2] == " ":
            parts.append(note[start:k].strip())
            start = k + 2
    parts.append(note[start:].strip())
    return [p for p in parts if p]


CONTEXT_ONLY = {"copying", "derived value"}
"""Explanations that describe where agreeing values come from, not why values disagree."""


def explained(f: Finding) -> tuple[str | None, list[str]]:
    """(the likely explanation in a few words, the note's statements with the one that gives it first)."""
    parts = note_parts(f.note)
    for key, pattern in LIKELY:
        if key in CONTEXT_ONLY and f.verdict in ("conflict", "variant"):
            continue
        for k, part in enumerate(parts):
            if pattern.search(part):
                return LIKELY_TEXT[key], [part, *parts[:k], *parts[k + 1:]]
    return None, parts


def single_by_article(report: Report) -> list[tuple[str, list[Finding]]]:
    """The single-source claims grouped by article (in report order), each article's most useful first:
    figures and dates before results, people and quotes; body text before embedded posts and background."""
    by_article: dict[str, list[Finding]] = defaultdict(list)
    for f in report.findings:
        if f.verdict == "single" and f.values:
            by_article[f.values[0].articles[0] if f.values[0].articles else ""].append(f)

    def usefulness(f: Finding) -> tuple[int, bool, int, str]:
        ev = f.values[0].evidence[0] if f.values[0].evidence else None
        return (facts.rank(f), bool(ev and ev.context != "body"), ev.start if ev else 0, f.id)

    order = {a.id: k for k, a in enumerate(report.articles)}
    return [(a, sorted(fs, key=usefulness)) for a, fs in sorted(by_article.items(), key=lambda kv: order.get(kv[0], 1 << 30))]
