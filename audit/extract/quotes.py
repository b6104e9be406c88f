"""Direct quotations with their speaker: “…,” said Japan manager Hajime Moriyasu."""

from __future__ import annotations

import re

from audit.extract.base import Doc, Mention, extra
from audit.model import Claim

_QUOTE = re.compile(r"“(?P<a>[^“”\n]{12,}?)”|\"(?P<b>[^\"\n]{12,}?)\"|‘(?P<c>[^‘’\n]{25,}?)’(?!\w)")
SPEECH = r"(?:said|says|told|added|asked|explained|wrote|tweeted|insisted|noted|stated|declared|continued|warned|recalled|admitted|quoted)"
_PRONOUN = re.compile(r"\b(he|she|they)\s+" + SPEECH + r"\b|\b" + SPEECH + r"\s+(he|she)\b", re.IGNORECASE)


def normalize_quote(s: str) -> str:
    s = s.lower().replace("’", "'").replace("‘", "'")
    s = re.sub(r"[^\w' ]+", " ", s)
    return " ".join(s.split())


def _speaker(doc: Doc, qs: int, qe: int, last_speaker: str | None) -> tuple[str | None, str]:
    text = doc.text
    lo, hi = doc.sentence_bounds(qs)
    # look after the quote first (", said X" / "X said"), then before it ("X said: “…”")
    after = text[qe: min(len(text), qe + 120)]
    before = text[max(0, qs - 120): qs]
    people = [m for m in doc.mentions if m.type in ("person", "name", "org")]
    window_after = [m for m in people if qe <= m.start < qe + 120 and "\n" not in text[qe:m.start]]
    if window_after and re.search(SPEECH, text[qe: window_after[0].end + 25]):
        return window_after[0].surface, "named after the quote"
    window_before = [m for m in people if qs - 120 <= m.end <= qs and "\n" not in text[m.end:qs]]
    if window_before and re.search(SPEECH, text[window_before[-1].start: qs]):
        return window_before[-1].surface, "named before the quote"
    if _PRONOUN.search(after[:40]) or _PRONOUN.search(before[-40:]):
        return last_speaker, "pronoun, resolved to the previous speaker"
    # a quote standing alone in its sentence continues the previous speaker's quote
    if lo >= qs - 2 and last_speaker:
        return last_speaker, "continues the previous speaker's quote"
    del hi
    return None, "speaker not named"


def extract(doc: Doc) -> list[Claim]:
    claims: list[Claim] = []
    last: str | None = None
    last_person: Mention | None = None
    del last_person
    for m in _QUOTE.finditer(doc.text):
        g = "a" if m.group("a") else ("b" if m.group("b") else "c")
        s, e = m.start(g), m.end(g)
        body = m.group(g)
        if len(body.split()) < 3:
            continue
        speaker, how = _speaker(doc, m.start(), m.end(), last)
        if speaker:
            last = speaker
        claims.append(doc.claim("quote", normalize_quote(body), s, e, "quote", subject=speaker,
                                topic=f"quote of {speaker}" if speaker else "unattributed quote",
                                note=f"speaker {how}" if speaker else None,
                                extra=extra(speaker=speaker)))
    return claims
