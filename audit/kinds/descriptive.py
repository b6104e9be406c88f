"""Facts that are words or ordinals rather than figures: ranks ("world No 3", "four-time champions"),
colours of things, criminal charges, where a person lives."""

from __future__ import annotations

from audit.extract import attributes, ranks
from audit.extract.base import Extractor
from audit.kinds.base import (
    SAME,
    Aligned,
    Family,
    Kind,
    Relation,
    Slot,
    extra_of,
    jaccard,
    list_of,
    subject_block,
)
from audit.lexicon import EXCLUSIVE_CHARGES
from audit.model import Claim

RANKS = Extractor("ranks", ("rank",), ranks.extract)
ATTRIBUTES = Extractor("attributes", ("attribute", "charge", "residence"), attributes.extract)


def _rank_link(fam: str, a: Aligned, b: Aligned) -> bool:
    if fam.endswith(("count", "count (in a row)")):
        return True  # one holder's titles (the block is the holder): "fourth championship" / "fifth title"
    return jaccard(a.words, b.words) >= 0.1 or a.claim.value == b.claim.value


def _differ(_fam: str, a: Claim, b: Claim) -> Relation:
    return SAME if a.value == b.value else Relation("conflict", "different values")


def _of_subject(slot: Slot, what: str, article: str = "") -> str:
    return f"{what} of {article}{slot.subject}" if slot.subject else what


def _rank_block(fam: str, a: Aligned) -> tuple[str, ...] | None:
    # "lifted their fifth championship": the ordinal of a holder's achievements is the parse's holder when it is
    # a named entity (the window's last name before the ordinal may be the opponent)
    if fam.endswith(("count", "count (in a row)")) and a.holder and a.holder_type not in (None, "np") \
            and extra_of(a.claim, "possessive") == "pronoun":
        return (a.holder,)
    return subject_block(fam, a)


RANK = Family(name="rank", key=lambda c: f"rank:{c.attribute}", block=_rank_block, link=_rank_link, relate=_differ,
              topic=lambda slot: _of_subject(slot, slot.family.split(":", 1)[1]),
              example="world No 3 / ranked third in the world")
ATTRIBUTE = Family(name="attribute", key=lambda c: f"attr:{c.attribute}", block=subject_block,
                   link=lambda _f, _a, _b: True, relate=_differ,
                   topic=lambda slot: _of_subject(slot, slot.family.split(":", 1)[1], "the "),
                   example="a black sedan / a dark blue sedan")


def _charge_relation(_fam: str, a: Claim, b: Claim) -> Relation:
    if a.value == b.value:
        return SAME
    sa, sb = set(list_of(a, "charges")), set(list_of(b, "charges"))
    for excl in EXCLUSIVE_CHARGES:
        if (sa & excl) and (sb & excl) and (sa & excl) != (sb & excl) and not (sa >= excl or sb >= excl):
            return Relation("conflict", f"{' / '.join(sorted(sa & excl))} vs {' / '.join(sorted(sb & excl))}")
    return Relation("compatible", "one list of charges is shorter (an omission, not a contradiction)")


CHARGE = Family(name="charge", key=lambda c: "charge", block=lambda _f, _a: (), link=lambda _f, _a, _b: True,
                relate=_charge_relation, topic=lambda slot: "charges",
                example="charged with murder / charged with manslaughter")


def _residence_relation(_fam: str, a: Claim, b: Claim) -> Relation:
    if a.value == b.value:
        return SAME
    # a place most of the batch names (the city, the borough) contains the rarer ones (a neighbourhood)
    na, nb = int(extra_of(a, "place_articles") or 0), int(extra_of(b, "place_articles") or 0)
    if max(na, nb) >= 3 and max(na, nb) >= 2 * max(1, min(na, nb)):
        wide = a if na > nb else b
        return Relation("compatible", f"{wide.value} is named by {max(na, nb)} articles: a wider area, less specific")
    return Relation("conflict", "different places")


RESIDENCE = Family(name="residence", key=lambda c: "residence", block=subject_block, link=lambda _f, _a, _b: True,
                   relate=_residence_relation,
                   topic=lambda slot: f"where {slot.subject} lives" if slot.subject else "residence",
                   example="Raj Doe, 59, of Springfield / a Shelbyville resident")

KINDS = (
    Kind(name="rank", extractor=RANKS, priority=90, families=(RANK,), example="world No 3"),
    Kind(name="attribute", extractor=ATTRIBUTES, priority=None, families=(ATTRIBUTE,), example="a black sedan"),
    Kind(name="charge", extractor=ATTRIBUTES, priority=None, families=(CHARGE,), example="charged with murder"),
    Kind(name="residence", extractor=ATTRIBUTES, priority=None, families=(RESIDENCE,), example="Raj Doe, 59, of Springfield"),
)
