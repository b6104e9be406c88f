"""Descriptive facts that are words, not numbers: colours of things, criminal charges,
where a person lives ("Raj Doe, 59, of Springfield"), titles and roles."""

from __future__ import annotations

import re

from audit.extract.base import Doc, extra, frame
from audit.lexicon import CHARGES, COLOURS
from audit.model import Claim

_COLOUR = re.compile(r"\b(?P<c>" + "|".join(sorted(COLOURS, key=len, reverse=True)) + r")\s+(?P<thing>(?:(?:\d{4}|[A-Z][\w-]*)\s+){0,3}(?:[A-Z][\w-]+|car|truck|van|suv|SUV|sedan|vehicle|jeep|motorcycle|bike|bus|jacket|shirt|hoodie|coat))\b")
_CHARGED = re.compile(r"\b(?:charged\s+(?:with|in)|charges\s+of|faces?\s+(?:charges\s+of)?|facing\s+(?:charges\s+of)?|indicted\s+(?:on|for)|arrested\s+(?:on|for)|accused\s+of)\b", re.IGNORECASE)
_CHARGE_WORDS = re.compile(r"\b(" + "|".join(sorted((re.escape(c) for c in CHARGES), key=len, reverse=True)) + r")\b", re.IGNORECASE)
_RESIDENCE = re.compile(r"(?P<name>[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,3}),\s+(?:\d{1,3},\s+)?(?:of|from)\s+(?P<place>(?:[A-Z][\w’'.-]+\s?){1,4})")
_LIVED = re.compile(r"(?P<name>[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,3}),?\s+who\s+(?:lived|lives|resided|resides)\s+(?:[\w ]{0,30}?\s)?in\s+(?P<place>(?:[A-Z][\w’'.-]+\s?){1,4})")
_RESIDENT = re.compile(r"\ba\s+(?P<place>(?:[A-Z][\w’'.-]+\s){1,3})resident\b")


def extract(doc: Doc) -> list[Claim]:
    text = doc.text
    claims: list[Claim] = []
    for m in _COLOUR.finditer(text):
        thing = m.group("thing").split()[-1]
        fr = frame(doc, m.start(), m.end())
        claims.append(doc.claim("attribute", COLOURS[m.group("c").lower()], m.start("c"), m.end("c"), "colour",
                                subject=thing, topic=f"colour of the {thing}", trigger=fr.trigger,
                                extra=extra(names=fr.names(), words=fr.words)))
    for m in _CHARGED.finditer(text):
        fr = frame(doc, m.start(), m.end(), whole_sentence=True)
        tail = text[m.end(): fr.hi]
        found = [(x.start(), x.end(), CHARGES[x.group(1).lower()]) for x in _CHARGE_WORDS.finditer(tail)]
        if not found:
            continue
        values = sorted({v for _, _, v in found})
        s, e = m.end() + found[0][0], m.end() + found[-1][1]
        prev = [x for x in fr.mentions if x.end <= m.start() and x.type in ("person", "name")]
        subject = prev[-1].surface if prev else None
        claims.append(doc.claim("charge", " + ".join(values), s, e, "charges", subject=subject,
                                topic="charges" + (f" against {subject}" if subject else ""), trigger="charge",
                                extra=extra(names=fr.names(), words=fr.words, charges=tuple(values))))
    for rx in (_RESIDENCE, _LIVED, _RESIDENT):
        for m in rx.finditer(text):
            ps = m.start("place")
            pm = [x for x in doc.mentions if x.start == ps]
            if not pm:
                continue
            place_m = pm[0]
            subject = None
            if "name" in m.groupdict():
                nm = [x for x in doc.mentions if x.start >= m.start("name") and x.end <= m.end("name")]
                if not nm or nm[-1].type not in ("person", "name"):
                    continue
                subject = nm[-1].surface
            fr = frame(doc, place_m.start, place_m.end)
            claims.append(doc.claim("residence", place_m.surface, place_m.start, place_m.end, "residence",
                                    subject=subject, topic=f"where {subject} lives" if subject else "residence",
                                    trigger=fr.trigger, extra=extra(names=fr.names(), words=fr.words)))
    claims.sort(key=lambda c: c.start)
    return claims
