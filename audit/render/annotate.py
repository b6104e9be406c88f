"""Annotations where the error is: one per odd value of each conflict or spelling variant.

The odd value is each value stated by fewer articles than the majority value (the outlier: a typo,
a wrong figure), or, when no value has a majority, every value. An annotation points at the
statements of that value (its `locations`: each needs the fix), carries the statements of the
other values as related locations, and a message of at most 200 characters that leads with what is
wrong ("'Jonh Marlow' here; 2 other articles spell it 'John Marlow'"), then the finding id.
SARIF (`render.sarif`) and GitHub workflow commands (`render.github`) both come from these.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass

from audit.model import Evidence, Finding, Report
from audit.render.common import clip, explained, short_labels

MESSAGE = 200
"""Longest message of an annotation, in characters."""

SHORT_LIKELY = {
    "Likely a time-zone difference": "possibly a time-zone difference",
    "Likely the timing of reports: the figure changed over time": "possibly an earlier report",
    "Likely an attribution difference: the same words, different speakers": "attributed differently",
    "Likely a typo": "likely a typo",
    "Likely a transliteration: the spellings differ only in accents": "accents differ",
    "Likely a spacing difference": "spacing differs",
    "A spelling with hidden or look-alike characters": "hidden or look-alike characters",
}


@dataclass(frozen=True, slots=True)
class Annotation:
    finding: Finding
    value: int
    """Index of the odd value group in `finding.values`."""
    locations: tuple[Evidence, ...]
    related: tuple[tuple[int, Evidence], ...]
    """(value group index, statement) of the other values."""
    message: str

    @property
    def fingerprint(self) -> str:
        """Stable across runs and line moves: the finding and the odd value."""
        key = "\x1f".join((self.finding.id, self.finding.values[self.value].value))
        return f"{self.finding.id}:{hashlib.sha1(key.encode()).hexdigest()[:16]}"


def visible(text: str) -> str:
    """Text for a message a reviewer reads: control, format (bidirectional overrides, zero-width) and
    private-use characters shown as <U+XXXX>, so article text cannot hide or reorder what is displayed."""
    return "".join(f"<U+{ord(c):04X}>" if unicodedata.category(c) in ("Cc", "Cf", "Co", "Cs") and c != "\t" else c
                   for c in text)


def odd_values(f: Finding) -> list[int]:
    """The value groups to annotate: those stated by fewer articles than the one majority value, or all
    of them when no value has a majority."""
    sizes = [len(set(g.articles)) for g in f.values]
    if not sizes:
        return []
    top = max(sizes)
    if sizes.count(top) > 1:
        return list(range(len(sizes)))
    return [k for k, n in enumerate(sizes) if n < top]


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def message(f: Finding, k: int, labels: dict[str, str], width: int = 60) -> str:
    """What is wrong at this value, then the finding id; at most MESSAGE characters."""
    odd = f.values[k]
    here = set(odd.articles)
    others = [g for j, g in enumerate(f.values) if j != k]
    spell = f.verdict == "variant"

    def says(g_arts: set[str], value: str, name_them: bool) -> str:
        elsewhere = sorted(g_arts - here)
        which = f" ({', '.join(labels.get(a, a) for a in elsewhere)})" if name_them and len(elsewhere) <= 3 else ""
        if not elsewhere:
            subject, many = "this article elsewhere", False
        elif g_arts & here:
            subject, many = f"{_count(len(elsewhere), 'other article', 'other articles')}{which} and this one", True
        else:
            subject, many = f"{_count(len(elsewhere), 'other article', 'other articles')}{which}", len(elsewhere) > 1
        verb = ("spell it" if many else "spells it") if spell else ("say" if many else "says")
        return f"{subject} {verb} '{value}'"

    def text(w: int, with_topic: bool, with_likely: bool, name_them: bool = True) -> str:
        parts = "; ".join(says(set(g.articles), clip(g.shown, w), name_them) for g in others[:3])
        more = f"; {len(others) - 3} more value(s)" if len(others) > 3 else ""
        head = f"{clip(f.topic, 60)}: " if with_topic and not spell else ""
        likely, _ = explained(f)
        why = f" ({SHORT_LIKELY[likely]})" if with_likely and likely in SHORT_LIKELY else ""
        return visible(f"{head}'{clip(odd.shown, w)}' here; {parts}{more}{why} — {f.id}")

    for w, topic, likely, name_them in ((width, True, True, True), (width, False, True, True),
                                        (width, False, True, False), (40, False, False, False),
                                        (20, False, False, False)):
        msg = text(w, topic, likely, name_them)
        if len(msg) <= MESSAGE:
            return msg
    return visible(f"'{clip(odd.shown, MESSAGE - len(f.id) - 12)}' here — {f.id}")[-MESSAGE:]


def collect(report: Report) -> list[Annotation]:
    """One annotation per odd value of every conflict and spelling variant, in report order."""
    labels = short_labels(report)
    out = []
    for f in report.findings:
        if f.verdict not in ("conflict", "variant"):
            continue
        for k in odd_values(f):
            related = tuple((j, ev) for j, g in enumerate(f.values) if j != k for ev in g.evidence)
            out.append(Annotation(finding=f, value=k, locations=f.values[k].evidence, related=related,
                                  message=message(f, k, labels)))
    return out
