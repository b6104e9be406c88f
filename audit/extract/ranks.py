"""Ranks and ordinals: "world No 3", "four-time champions", "the first time ever", "third-most"."""

from __future__ import annotations

import re

from audit.extract.base import NUMBER_WORD_RE, ORDINAL_WORDS, Doc, extra, frame, word_number
from audit.model import Claim

_NO = re.compile(r"\b(?:world\s+)?(?:No\.?|Number|number|#)\s?(?P<n>\d{1,3})\b(?!\s*(?:Street|St|Avenue|Ave|Road|Rd))")
_TIMES = re.compile(rf"\b(?P<n>\d{{1,2}}|{NUMBER_WORD_RE})-time\s+(?P<what>[a-z]+(?:\s[a-z]+)?)", re.IGNORECASE)
_ORDMOST = re.compile(r"\b(?P<o>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|2nd|3rd|4th|5th|6th|7th|8th|9th|10th)[- ](?P<sup>most|largest|biggest|highest|lowest|best|worst|longest|deadliest|strongest|fastest)\b", re.IGNORECASE)
_FIRST_TIME = re.compile(r"\b(?:for\s+)?the\s+(?P<o>first|second|third|fourth|fifth)\s+time(?P<ever>\s+ever|\s+in\s+[\w\s]{1,30}?history)?\b", re.IGNORECASE)
_RANKED = re.compile(r"\branked\s+(?:No\.?\s?)?(?P<n>\d{1,3})(?:st|nd|rd|th)?\b", re.IGNORECASE)


def _ord(word: str) -> int:
    w = word.lower()
    if w in ORDINAL_WORDS:
        return ORDINAL_WORDS[w]
    return int(re.match(r"\d+", w).group(0))  # type: ignore[union-attr]


def extract(doc: Doc) -> list[Claim]:
    text = doc.text
    claims: list[Claim] = []

    def add(value: str, s: int, e: int, attribute: str, subject_pos: str = "after") -> None:
        fr = frame(doc, s, e)
        ms = [m for m in fr.mentions if (m.start >= e if subject_pos == "after" else m.end <= s)]
        subject = (ms[0] if subject_pos == "after" else ms[-1]).surface if ms else None
        if subject is None and fr.mentions:
            subject = fr.mentions[0].surface
        claims.append(doc.claim("rank", value, s, e, attribute, subject=subject, trigger=fr.trigger,
                                topic=f"{attribute} of {subject}" if subject else attribute,
                                extra=extra(names=fr.names(), words=fr.words)))

    for m in _NO.finditer(text):
        add(f"No {m.group('n')}", m.start(), m.end(), "rank")
    for m in _RANKED.finditer(text):
        add(f"No {m.group('n')}", m.start(), m.end(), "rank", "before")
    for m in (_TIMES.finditer(text) if doc.has("-time") else ()):
        raw = m.group("n")
        n = int(raw) if raw.isdigit() else word_number(raw)
        if n:
            what = m.group("what").split()[0].lower()
            add(f"{n}-time {what}", m.start(), m.end(), f"times {what}")
    for m in _ORDMOST.finditer(text):
        add(f"{_ord(m.group('o'))}-{m.group('sup').lower()}", m.start(), m.end(), f"rank ({m.group('sup').lower()})", "before")
    for m in _FIRST_TIME.finditer(text):
        add(f"{m.group('o').lower()} time" + (" ever" if m.group("ever") else ""), m.start(), m.end(), "occasion", "before")
    claims.sort(key=lambda c: c.start)
    return claims
