"""What every claim kind declares, and the small types and helpers their rules share.

A claim kind is declared once, as a `Kind`: the extractor that finds it, its overlap priority,
and its `Family` — how claims of the family are blocked, linked into one slot, how two values
relate (same, compatible, conflict) and how the slot's topic reads. Kinds that are compared with
each other (a count and a sum of money are both amounts; a minute and a half) share one family.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

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
Link = Callable[[str, Aligned, Aligned], bool]
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
    """Two figures written with the same digits in another order (1,814 / 8,114) or one digit apart
    (4,183 / 4,193): a slip of the keyboard more likely than two different quantities."""
    da, db = re.sub(r"\D", "", a), re.sub(r"\D", "", b)
    if len(da) != len(db) or len(da) < 3 or da == db:
        return False
    return sorted(da) == sorted(db) or sum(x != y for x, y in zip(da, db, strict=True)) == 1


def close_values(a: Claim, b: Claim, factor: float = 2.5) -> bool:
    if a.low is None or b.low is None:
        return True
    x, y = abs(a.low), abs(b.low)
    if x == 0 or y == 0:
        return x == y
    return max(x, y) / min(x, y) <= factor or typo_like(extra_of(a, "raw") or "", extra_of(b, "raw") or "")


def bounded(a: Claim, b: Claim) -> bool:
    return a.low is not None and b.low is not None and a.high is not None and b.high is not None


def numeric_relation(fam: str, a: Claim, b: Claim) -> Relation:
    """Two figures: compatible when their bounds overlap (or equal after a unit conversion), else a conflict."""
    if not bounded(a, b):
        return Relation("conflict", "different values")
    if a.unit and b.unit and a.unit != b.unit:
        return Relation("compatible", "different units")
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
    return Relation("conflict", "different values")


@lru_cache(maxsize=65536)
def shingles(text: str) -> frozenset[tuple[str, ...]]:
    words = text.split()
    return frozenset(tuple(words[i:i + 3]) for i in range(max(1, len(words) - 2)))


def constant(name: str) -> Callable[[Claim], str | None]:
    """A family key that is the same for every claim of the kind."""
    def key(_c: Claim) -> str:
        return name
    return key


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
