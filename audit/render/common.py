"""Helpers the renderers share: evidence excerpts, value lists, sections in report order."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from audit.model import Evidence, Finding, Report

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
    """A short name per article for tight places: the configured outlet, else the id's first part
    ("000" for "000_0584…") when that is unique in the batch, else the whole id."""
    ids = [a.id for a in report.articles]
    firsts = [i.split("_")[0] for i in ids]
    out = {}
    for a, first in zip(report.articles, firsts, strict=True):
        if a.outlet:
            out[a.id] = a.outlet
        elif first != a.id and firsts.count(first) == 1 and len(first) >= 2:
            out[a.id] = first
        else:
            out[a.id] = a.id
    return out
