"""Telephone numbers readers are asked to call: "call police on 0845 125 2222", "(555) 014-2870".

A number that one article prints with a digit dropped or two digits swapped is a typo that sends readers
to the wrong line: a conflict with the number the other articles print for the same line. Numbers of two
different lines (the police and a charity) are two slots: they meet only when the organisation to call is
the same, or when the digits are one slip apart.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

from audit.extract.base import Doc, Extractor, Mention, extra
from audit.kinds.base import SAME, Aligned, Family, Kind, Relation, Slot, extra_of
from audit.model import Claim

_PHONE = re.compile(
    r"(?<![\w+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,5}){1,3}(?![\w-])")
_CUE = re.compile(r"\b(?:call|calls|calling|phone|phoned|telephone|tel|ring|dial|hotline|helpline|contact|text|"
                  r"number|line|on|at)\b[^.\n]{0,40}$", re.IGNORECASE)
"""What stands before a number that readers are asked to call."""
MIN_DIGITS, MAX_DIGITS = 7, 15


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


def _line_holder(doc: Doc, start: int) -> str | None:
    """The organisation to call: the name nearest before the number in its sentence ("contact Surrey Police on")."""
    lo, _hi = doc.sentence_bounds(start)
    before: list[Mention] = [m for m in doc.mentions if lo <= m.start and m.end <= start and (
        m.type == "org" or (m.type in ("name", "place") and " " in m.surface))]
    return before[-1].surface if before else None


def extract(doc: Doc) -> list[Claim]:
    text = doc.text
    claims: list[Claim] = []
    for m in _PHONE.finditer(text):
        digits = _digits(m.group(0))
        if not MIN_DIGITS <= len(digits) <= MAX_DIGITS:
            continue
        cue = _CUE.search(text, max(0, m.start() - 60), m.start())
        if cue is None or re.search(r"[$€£%]", m.group(0)) or re.match(r"\s*(?:%|percent|per cent)", text[m.end():]):
            continue
        if re.fullmatch(r"(?:19|20)\d{2}(?:[\s-](?:19|20)\d{2})+", m.group(0)):
            continue  # a span of years
        holder = _line_holder(doc, m.start())
        claims.append(doc.claim(
            "phone", digits, m.start(), m.end(), "phone", subject=holder,
            topic=f"telephone number of {holder}" if holder else "telephone number",
            extra=extra(holder=holder, written=m.group(0)), rule="phone:number"))
    return claims


EXTRACTOR = Extractor("phone", ("phone",), extract)


def _slip(a: str, b: str) -> bool:
    """One digit dropped, added or changed, or two neighbours swapped."""
    if Levenshtein.distance(a, b) <= 1:
        return True
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 2 and sorted(a) == sorted(b)


def _link(_fam: str, a: Aligned, b: Aligned) -> bool:
    ha, hb = extra_of(a.claim, "holder"), extra_of(b.claim, "holder")
    if a.claim.value == b.claim.value:
        return True
    return _slip(a.claim.value, b.claim.value) and not (a.subject and b.subject and a.subject != b.subject
                                                         and ha and hb)


def _relate(_fam: str, a: Claim, b: Claim) -> Relation:
    if a.value == b.value:
        return SAME
    if _slip(a.value, b.value):
        return Relation("conflict", "one digit apart: likely a typo in one of them")
    return Relation("conflict", "different numbers for one line")


def _topic(slot: Slot) -> str:
    holders = [h for c in slot.claims if (h := extra_of(c, "holder"))]
    return f"telephone number of {holders[0]}" if holders else "telephone number"


PHONE = Family(name="phone", key=lambda c: "phone", block=lambda _f, _a: (), link=_link, relate=_relate,
               topic=_topic, example="call police on 0845 125 2222 / on 0845 125 222: a digit dropped")

KINDS = (Kind(name="phone", extractor=EXTRACTOR, priority=5, families=(PHONE,),
              example="call police on 0845 125 2222"),)
