"""Direct quotations with their speaker: the same words attributed to different people are an
attribution conflict."""

from __future__ import annotations

from rapidfuzz import fuzz

from audit.extract import quotes
from audit.extract.base import Extractor
from audit.kinds.base import SAME, Aligned, Family, Kind, Relation, shingles

EXTRACTOR = Extractor("quotes", ("quote",), quotes.extract)


def _link(_fam: str, a: Aligned, b: Aligned) -> bool:
    # the same words, whoever they are attributed to: a different speaker is an attribution conflict
    ca, cb = a.claim, b.claim
    if min(len(ca.value), len(cb.value)) < 20 or not (shingles(ca.value) & shingles(cb.value)):
        return False  # no three words in a row in common: cannot be one quotation (cheap test first)
    return fuzz.partial_ratio(ca.value, cb.value) >= 88


QUOTE = Family(name="quote", key=lambda c: "quote", block=lambda _f, _a: (), link=_link,
               relate=lambda _f, a, b: SAME if a.value == b.value else Relation(
                   "compatible", "different wording or excerpt of the quote"),
               topic=lambda slot: f"quote of {slot.subject}" if slot.subject else "quote",
               example="“We were lucky,” said Ana Ruiz / Ruiz said: “We were lucky”")

KINDS = (Kind(name="quote", extractor=EXTRACTOR, priority=None, families=(QUOTE,), example="“…,” said Ana Ruiz"),)
