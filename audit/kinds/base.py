"""What every claim kind declares, and the small types and helpers their rules share.

A claim kind is declared once, as a `Kind`: the extractor that finds it, its overlap priority,
and its `Family` — how claims of the family are blocked, linked into one slot, how two values
relate (same, compatible, conflict) and how the slot's topic reads. Kinds that are compared with
each other (a count and a sum of money are both amounts; a minute and a half) share one family.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from functools import lru_cache

from audit import rules
from audit.extract.base import Extractor
from audit.model import Claim, Frame


def extra_of(c: Claim, key: str) -> str | None:
    """One of a claim's `extra` values."""
    for k, v in c.extra:
        if k == key:
            return v
    return None


def list_of(c: Claim, key: str) -> list[str]:
    """A '|'-joined `extra` value as a list."""
    v = extra_of(c, key)
    return v.split("|") if v else []


@dataclass(frozen=True)
class Aligned:
    """A claim as alignment sees it: canonical subject, the canonical names in its clause, its frame's
    holder and source in canonical spelling."""

    claim: Claim
    subject: str | None
    names: frozenset[str]
    words: frozenset[str]
    holder: str | None = None
    source: str | None = None
    holder_type: str | None = None
    """The entity type of the holder (person, org, place, name), or 'np' for a noun phrase."""
    named: frozenset[str] = frozenset()
    """The canonical names of its clause that are not places (an event, an organisation, a person), and those
    ending in an event word ("the Orrin Harbour MARATHON") whatever their type."""

    @property
    def frame(self) -> Frame | None:
        return self.claim.frame


@dataclass
class Slot:
    """Claims of several articles about one attribute of one subject in one event."""

    event: str | None
    family: str
    subject: str | None
    claims: list[Claim] = field(default_factory=list)

    @property
    def articles(self) -> set[str]:
        return {c.article for c in self.claims}


@dataclass(frozen=True)
class Relation:
    kind: str  # same | compatible | conflict
    why: str = ""


SAME = Relation("same")

Block = Callable[[str, Aligned], "tuple[str, ...] | None"]
WEAK = "weak"
"""What a family's link returns for two claims that may only agree: they join one slot only while it holds
one value (the same figure in two articles that nothing else ties together)."""
Link = Callable[[str, Aligned, Aligned], "bool | str"]
Relate = Callable[[str, Claim, Claim], Relation]
Topic = Callable[[Slot], str]


@dataclass(frozen=True, slots=True, kw_only=True)
class Family:
    """How claims of one comparison family are aligned and judged."""

    name: str
    key: Callable[[Claim], str | None]
    """The slot family of a claim ('score:final score'), or None when the claim is not compared."""
    block: Block
    """What must be equal for two claims to be compared at all (beyond event and family); None: compare with
    nothing (the claim stays single)."""
    link: Link
    """Whether two claims of one block speak of the same slot."""
    relate: Relate
    """How two claims of one slot with different values relate."""
    topic: Topic
    """The slot's topic as an editor reads it."""
    example: str
    report_kind: str | None = None
    """The `kind` its findings carry in the report, when it is not the family's name."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Kind:
    """One claim kind, declared once."""

    name: str
    extractor: Extractor
    priority: int | None
    """Where two claims overlap in the text, the lower priority wins; None: never competes (names, quotes)."""
    families: tuple[Family, ...]
    """The families its claims are compared in: the first whose key accepts a claim (a half is compared as a
    minute, a quarter as a period); empty: not aligned in slots (names are judged as entities)."""
    example: str

    def family_of(self, c: Claim) -> tuple[Family, str] | None:
        """The family and slot-family key of one claim of this kind, or None when it is not compared."""
        for fam in self.families:
            key = fam.key(c)
            if key is not None:
                return fam, key
        return None


# ---------------------------------------------------------------- helpers the families share

def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def names_ok(a: Aligned, b: Aligned) -> bool:
    """The names in the two clauses do not speak of different things (one side names nothing, or they share one)."""
    return not a.names or not b.names or bool(a.names & b.names)


def typo_like(a: str, b: str) -> bool:
    """Two figures written with the same digits in another order (1,814 / 8,114; 14 / 41) or one digit apart
    (4,183 / 4,193): a slip of the keyboard more likely than two different quantities."""
    da, db = re.sub(r"\D", "", a), re.sub(r"\D", "", b)
    if len(da) == len(db) == 2 and da != db:
        return da == db[::-1] and "0" not in da  # 14 / 41; not 10 / 01
    if len(da) != len(db) or len(da) < 3 or da == db:
        return False
    return sorted(da) == sorted(db) or sum(x != y for x, y in zip(da, db, strict=True)) == 1


def close_values(a: Claim, b: Claim, factor: float = 2.5) -> bool:
    if a.low is None or b.low is None:
        return True
    x, y = abs(_level(a)), abs(_level(b))
    if x == 0 or y == 0:
        return x == y
    return max(x, y) / min(x, y) <= factor or typo_like(extra_of(a, "raw") or "", extra_of(b, "raw") or "")


def _level(c: Claim) -> float:
    """The figure a claim is compared by: its low end, or for an upper bound ('fewer than 150', 0 to 150) its high."""
    assert c.low is not None
    if c.low == 0 and c.high is not None and 0 < c.high < float("inf"):
        return c.high
    return c.low


def bounded(a: Claim, b: Claim) -> bool:
    return a.low is not None and b.low is not None and a.high is not None and b.high is not None


def numeric_relation(fam: str, a: Claim, b: Claim) -> Relation:
    """Two figures: compatible when their bounds overlap (or equal after a unit conversion), else a conflict."""
    if a.qualifier == "vague" or b.qualifier == "vague":
        return Relation("compatible", "a vague quantity ('hundreds', 'dozens') is no figure to contradict")
    if not bounded(a, b):
        return Relation("conflict", "different values")
    if a.unit and b.unit and a.unit != b.unit and not (a.kind == b.kind == "count"):
        return Relation("compatible", "different units")  # a count's "unit" is its noun: aligned counts compare
    tol = 0.0
    if fam == "amount" and (extra_of(a, "raw") != extra_of(b, "raw")) and a.note and b.note:
        tol = 0.03  # both converted: rounding in the conversion
    elif fam == "amount" and (a.note or b.note) and a.unit in ("m", "kg", "km/h"):
        tol = 0.03
    lo_a, hi_a = a.low * (1 - tol), a.high * (1 + tol)  # type: ignore[operator]
    if lo_a <= b.high and b.low <= hi_a:  # type: ignore[operator]
        if a.qualifier or b.qualifier or a.low != a.high or b.low != b.high:
            return Relation("compatible", "the bounds overlap")
        return Relation("compatible", "equal after unit conversion")
    rounded = _rounded(a, b) or _rounded(b, a)
    if rounded:
        return Relation("compatible", rounded)
    return Relation("conflict", "different values")


def _decimals(raw: str) -> int | None:
    digits = raw.replace(",", "")
    if not re.fullmatch(r"\d+(?:\.\d+)?", digits):
        return None
    return len(digits.split(".")[1]) if "." in digits else 0


def _rounded(a: Claim, b: Claim) -> str | None:
    """a is b rounded to a's precision ("$48 million" / "$48.3 million"): different precision, not a conflict."""
    ra, rb = extra_of(a, "raw"), extra_of(b, "raw")
    if not ra or not rb or a.low is None or b.low is None or a.low == 0:
        return None
    da, db = _decimals(ra), _decimals(rb)
    if da is None or db is None or da >= db:
        return None
    scale = a.low / float(ra.replace(",", ""))
    if scale <= 0:
        return None
    if round(b.low / scale, da) == round(a.low / scale, da):
        return f"{ra} is {rb} rounded (different precision)"
    return None


@lru_cache(maxsize=65536)
def shingles(text: str) -> frozenset[tuple[str, ...]]:
    words = text.split()
    return frozenset(tuple(words[i:i + 3]) for i in range(max(1, len(words) - 2)))


def constant(name: str) -> Callable[[Claim], str | None]:
    """A family key that is the same for every claim of the kind."""
    def key(_c: Claim) -> str:
        return name
    return key


SAYS_NOTHING = None
MODAL = frozenset({"future", "expected", "possible", "negated", "earlier"})
"""Modalities that make a figure something other than a statement of what happened."""


def holders_clash(a: Aligned, b: Aligned) -> bool:
    """Two holders that are different entities of one type (two people, two teams): the values belong to two
    things. A name against a noun phrase, or a demonym against a country, is not a clash."""
    if not a.holder or not b.holder or a.holder == b.holder:
        return False
    if a.holder_type != b.holder_type or a.holder_type in (None, "name"):
        return False
    ta, tb = set(a.holder.lower().split()), set(b.holder.lower().split())
    return not (ta <= tb or tb <= ta)


def _place_scopes(f: Frame) -> set[str]:
    return {s for s in f.scope if s.split(" ", 1)[-1][:1].isupper()}


def _condition_scopes(f: Frame) -> set[str]:
    return {s for s in f.scope if not s.split(" ", 1)[-1][:1].isupper()}


def frames_fit(a: Aligned, b: Aligned, *, things: bool = True, occasions: bool = True,
               predicates: bool = True) -> bool | None:
    """What the two claims' frames say about them being one slot: True (same predicate class and, with
    `things`, compatible counted things; nothing clashes), False (something clashes: different predicate
    classes, things, holders, scopes or modality, or with `occasions` the dates of the act), or None
    (the frames say nothing). Without `predicates`, the predicate classes are not compared and a fit
    means only that nothing clashes (for measures, whose governing word varies: "centred 32 km from",
    "struck 23 km from"). (the frames say nothing: a side is unparsed or
    has no predicate class)."""
    fa, fb = a.frame, b.frame
    if fa is None or fb is None:
        return SAYS_NOTHING
    if holders_clash(a, b):
        return False
    if (fa.modality in MODAL or fb.modality in MODAL) and fa.modality != fb.modality:
        return False
    if occasions and fa.recalled != fb.recalled:
        return False  # "in 2009 a quake killed nine people" is not this quake's toll
    if occasions and fa.when and fb.when and fa.when != fb.when:
        if not (fa.when_span and fb.when_span):
            return False
        if not (fa.when_span[0] <= fb.when_span[1] + 1 and fb.when_span[0] <= fa.when_span[1] + 1):
            return False  # the same act on two occasions ("in January" / "on Friday")
    if _condition_scopes(fa) != _condition_scopes(fb):
        return False  # "3 in critical condition" is not "12 injured"; "two of whom" is not "the four robbers"
    sa, sb = _place_scopes(fa), _place_scopes(fb)
    if sa and sb and not sa & sb:
        return False
    pa, pb = set(fa.classes), set(fb.classes)
    if predicates:
        if not pa or not pb:
            return SAYS_NOTHING
        if not pa & pb:
            return False
    return not things or things_fit(fa, fb)


def names_the_work(fa: Frame, fb: Frame, words_a: Collection[str], words_b: Collection[str]) -> bool:
    """One side's act is a noun ("her 1995 ALBUM") that the other side's clause names beside a verb of the act
    ("the ALBUM came out in 1994"); two years each written before the noun ("her 1987 album" / "the 1991
    album") are two works."""
    return (fa.predicate_pos == "NOUN" and fb.predicate_pos == "VERB" and fa.predicate in words_b) or (
        fb.predicate_pos == "NOUN" and fa.predicate_pos == "VERB" and fb.predicate in words_a)


def things_fit(fa: Frame, fb: Frame) -> bool:
    """Counted things that can be one: the same class ('people' for miners and people), or the same model
    ('AK-47s' and 'AK 47 guns'); a side that names no thing fits."""
    if fa.model or fb.model:
        return fa.model == fb.model  # seven AK-47s are not nine rifles
    if not fa.thing_class or not fb.thing_class:
        return True
    if fa.thing == fb.thing:
        return True
    if fa.thing and fb.thing and rules.synonyms(fa.thing, fb.thing):
        return True  # "an 86-yard run" / "an 84-yard scamper"; "four robbers" / "four thieves"
    if fa.thing_class != fb.thing_class:
        return False
    # two specific groups of one class are two groups (pirates, fishermen); a generic one fits either
    return fa.thing in GENERIC_THINGS or fb.thing in GENERIC_THINGS


GENERIC_THINGS = frozenset({"people", "person", "individual", "other", "victim", "human", "soul", "one", "life",
                            "building", "structure", "property", "vehicle", "vessel", "boat", "weapon", "arm",
                            "unit", "item", "thing"})
"""Counted things general enough to stand for any member of their class ('34 people' and '31 miners')."""


def occasion(slot: Slot) -> str:
    """The event word a slot's claims hang on, as its topic names it ('win', 'goal'), else its class."""
    words = Counter(w for c in slot.claims if (w := _trigger_word(c)))
    return words.most_common(1)[0][0] if words else (slot.claims[0].trigger or "event")


def _trigger_word(c: Claim) -> str | None:
    return c.topic.split("'s ")[-1] if "'s " in c.topic else None


def template(t: str, slot: Slot) -> str:
    """Fill a topic template with the slot's subject and occasion, dropping the subject when there is none."""
    if "{subject}" in t and not slot.subject:
        t = t.replace(" of {subject}'s", " of the").replace(" of {subject}", "").replace(" at {subject}'s", " at the")
    return t.format(subject=slot.subject or "", what=occasion(slot))


def plain_block(_fam: str, _a: Aligned) -> tuple[str, ...]:
    return ()


def subject_block(_fam: str, a: Aligned) -> tuple[str, ...] | None:
    """Claims about a subject (a person's age, a team's record) are compared only with claims about the same one."""
    return (a.subject,) if a.subject else None
