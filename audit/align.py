"""Alignment: which claims in different articles are about the same slot.

A slot is one attribute of one subject within one event: the minute of one player's goal,
the date of the match, the number of people killed, the colour of the car. Claims are
first blocked by (event, family, unit, subject) so that nothing is compared with
everything; inside a block, claims are linked only when their clauses are compatible
(same event word, overlapping names, close values). Claims that link nowhere stay single.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from audit.entities import EntityIndex, fold
from audit.lexicon import event_class
from audit.model import Claim
from audit.unionfind import UnionFind

NAME_KINDS = frozenset({"person", "place", "org", "name"})
SUBJECT_FAMILIES = ("minute", "period", "record", "age", "rank", "attr", "residence")


def _extra(c: Claim, key: str) -> str | None:
    for k, v in c.extra:
        if k == key:
            return v
    return None


def _list(c: Claim, key: str) -> list[str]:
    v = _extra(c, key)
    return v.split("|") if v else []


def family(c: Claim) -> str | None:
    """The comparison family of a claim, or None when it is not compared (names, post dates)."""
    if c.kind in NAME_KINDS and c.attribute == "name":
        return None
    if c.kind == "date":
        return "date"
    if c.kind == "time":
        return "time"
    if c.kind in ("minute",) or (c.kind == "period" and _extra(c, "period") == "half"):
        return "minute"
    if c.kind == "period":
        return f"period:{_extra(c, 'period')}"
    if c.kind == "clock":
        return "clock"
    if c.kind == "score":
        return f"score:{c.attribute}"
    if c.kind == "record":
        return f"record:{c.attribute}"
    if c.kind in ("count", "quantity", "money", "duration"):
        return "amount"
    if c.kind in ("age", "magnitude", "quote", "charge"):
        return c.kind
    if c.kind == "rank":
        return f"rank:{c.attribute}"
    if c.kind == "attribute":
        return f"attr:{c.attribute}"
    if c.attribute == "residence":
        return "residence"
    return None


@dataclass
class Slot:
    event: str | None
    family: str
    subject: str | None
    claims: list[Claim] = field(default_factory=list)

    @property
    def articles(self) -> set[str]:
        return {c.article for c in self.claims}


@dataclass(frozen=True)
class Aligned:
    """A claim as alignment sees it: canonical subject and the canonical names in its clause."""

    claim: Claim
    subject: str | None
    names: frozenset[str]
    words: frozenset[str]


def _canon(index: EntityIndex, c: Claim, surface: str | None) -> str | None:
    if surface is None:
        return None
    return index.canonical(c.article, surface)


def _prep(c: Claim, index: EntityIndex, subject: str | None = None) -> Aligned:
    subj = subject if subject is not None else _canon(index, c, c.subject)
    if c.kind == "attribute" and c.subject:
        subj = fold(c.subject)
    names = frozenset(n for n in (_canon(index, c, s) for s in _list(c, "names")) if n)
    words = frozenset(_list(c, "words"))
    return Aligned(c, subj, names, words)


def _names_ok(a: Aligned, b: Aligned) -> bool:
    return not a.names or not b.names or bool(a.names & b.names)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _close_values(a: Claim, b: Claim, factor: float = 2.5) -> bool:
    if a.low is None or b.low is None:
        return True
    x, y = abs(a.low), abs(b.low)
    if x == 0 or y == 0:
        return x == y
    return max(x, y) / min(x, y) <= factor or typo_like(_extra(a, "raw") or "", _extra(b, "raw") or "")


def typo_like(a: str, b: str) -> bool:
    """Two figures written with the same digits in another order (1,814 / 8,114) or one digit apart
    (4,183 / 4,193): a slip of the keyboard more likely than two different quantities."""
    da, db = re.sub(r"\D", "", a), re.sub(r"\D", "", b)
    if len(da) != len(db) or len(da) < 3 or da == db:
        return False
    return sorted(da) == sorted(db) or sum(x != y for x, y in zip(da, db, strict=True)) == 1


@lru_cache(maxsize=65536)
def _shingles(text: str) -> frozenset[tuple[str, ...]]:
    words = text.split()
    return frozenset(tuple(words[i:i + 3]) for i in range(max(1, len(words) - 2)))


HUMAN_NOUNS = frozenset({"people", "person", "employee", "worker", "staff", "staffer", "member", "resident",
                         "student", "passenger", "soldier", "civilian", "victim", "adult", "child", "men", "women"})
GENERIC_NOUNS = frozenset({"people", "person", "unspecified", "time", "other", "thing", "one"})
DAY_PRECISION = frozenset({"day", "weekday", "monthday"})


def linked(fam: str, a: Aligned, b: Aligned) -> bool:
    """Whether two claims of one block speak of the same slot."""
    ca, cb = a.claim, b.claim
    if ca.article == cb.article and ca.sentence == cb.sentence and fam != "quote":
        return False  # one sentence listing two values speaks of two things ("3 passes on the drive and 2 before")
    if fam in ("date", "time"):
        if ca.trigger is None or ca.trigger != cb.trigger:
            return False
        if ca.article == cb.article and ca.value != cb.value:
            return False  # one article giving two dates for one kind of event: two occasions
        if fam == "date":
            pa, pb = _extra(ca, "precision"), _extra(cb, "precision")
            if (pa in DAY_PRECISION) != (pb in DAY_PRECISION):
                return False
            if _extra(ca, "tense") != _extra(cb, "tense"):
                return False
            if pa not in DAY_PRECISION:
                # coarse dates (a year, a month, "last week") link only when their spans overlap:
                # they agree or are compatible, and are too vague to call a conflict
                if ca.low is None or cb.low is None or ca.high is None or cb.high is None:
                    return False
                if not (ca.low <= cb.high and cb.low <= ca.high):
                    return False
        if a.names & b.names or not a.names or not b.names:
            return True
        return _jaccard(a.words, b.words) >= 0.12
    if fam == "amount":
        if (ca.low == cb.low and ca.high == cb.high and ca.low is not None and ca.article != cb.article
                and not (a.subject and b.subject and a.subject != b.subject)):
            # the same figure of the same thing in two articles: an agreement unless their clauses are about different
            # events ("43 killed" vs "43 injured")
            na, nb = _extra(ca, "noun"), _extra(cb, "noun")
            same_noun = na == nb or (na in HUMAN_NOUNS and nb in HUMAN_NOUNS)
            generic = _extra(ca, "noun") in GENERIC_NOUNS
            if same_noun and (not generic or ca.trigger == cb.trigger):
                return True
        if _extra(ca, "noun") != _extra(cb, "noun"):
            return False
        if ca.article == cb.article and not (a.subject and a.subject == b.subject
                                             and _jaccard(a.words, b.words) >= 0.3):
            return False
        if a.subject and b.subject and a.subject != b.subject:
            return False
        mods_a, mods_b = set(_list(ca, "mods")), set(_list(cb, "mods"))
        if mods_a and mods_b and not (mods_a & mods_b):
            return False
        asp_a, asp_b = _extra(ca, "aspect"), _extra(cb, "aspect")
        factor = (3.0 if asp_a and asp_a == asp_b else 1.5) if ca.kind in ("quantity", "money") else 2.5
        if not _close_values(ca, cb, factor):
            return False
        if asp_a and asp_b and asp_a != asp_b:
            return False  # a depth and a distance
        if _extra(ca, "compound") and _extra(cb, "compound"):
            return bool(mods_a & mods_b)  # "six-storey hotel" / "five-storey Hotel Lumina"
        if asp_a and asp_a == asp_b and not (a.subject and b.subject) and _names_ok(a, b):
            return True  # two distances (depths, heights) of one event with nothing telling them apart
        sim = _jaccard(a.words, b.words)
        if a.subject and a.subject == b.subject:
            return sim >= 0.1 or bool(mods_a & mods_b)
        return _names_ok(a, b) and (sim >= 0.25 or (bool(a.names & b.names) and sim >= 0.12))
    if fam.startswith("score:"):
        kind = fam.split(":", 1)[1]
        if kind == "score":
            return False  # a score with no word saying which (final, lead, half-time) is not compared
        if kind in ("lead", "tied score"):
            return ca.value == cb.value and _names_ok(a, b)  # leads and ties change during a game
        return _names_ok(a, b)
    if fam == "quote":
        # the same words, whoever they are attributed to: a different speaker is an attribution conflict
        if min(len(ca.value), len(cb.value)) < 20 or not (_shingles(ca.value) & _shingles(cb.value)):
            return False  # no three words in a row in common: cannot be one quotation (cheap test first)
        return fuzz.partial_ratio(ca.value, cb.value) >= 88
    if fam == "magnitude":
        return ("aftershock" in a.words) == ("aftershock" in b.words) and _names_ok(a, b)
    if fam == "charge":
        return True
    # subject families: the block already fixed the subject
    if fam.startswith(("rank:",)):
        return _jaccard(a.words, b.words) >= 0.1 or ca.value == cb.value
    if fam.startswith("period:"):
        # "second quarter" vs "fourth quarter" for one team's field goals are two kicks; a misreport is one step off
        if ca.low is None or cb.low is None or abs(ca.low - cb.low) > 1:
            return False
        return ca.trigger is not None and ca.trigger == cb.trigger
    if fam == "clock":
        # one moment of the game: the same period (when both say), and the same clock or the same scoring word
        pa, pb = _extra(ca, "period"), _extra(cb, "period")
        if pa and pb and pa != pb:
            return False
        if ca.value == cb.value:
            return ":" in ca.value or _jaccard(a.words, b.words) >= 0.1  # "4:08 left" is precise enough
        scoring_a = {w for w in a.words if event_class(w) == "score"}
        return bool(pa and pb and scoring_a & b.words)
    return True


def _block_key(fam: str, a: Aligned) -> tuple[str, ...] | None:
    c = a.claim
    bg = "bg" if c.context == "background" else ""
    base = (c.event or "", fam, bg)
    if fam.split(":")[0] in SUBJECT_FAMILIES:
        if not a.subject:
            return None
        return (*base, a.subject)
    if fam == "amount":
        return (*base, c.unit or "")
    return base


def _expand(c: Claim, index: EntityIndex) -> Iterable[Aligned]:
    """A period claim about several people ("goals from A and B in the second half") joins each one's slot."""
    people = _list(c, "people")
    if c.kind == "period" and len(people) >= 2:
        for p in people:
            yield _prep(c, index, subject=_canon(index, c, p))
    else:
        yield _prep(c, index)


def align(claims: Iterable[Claim], index: EntityIndex) -> list[Slot]:
    """Group comparable claims into slots. Every compared claim ends up in exactly one slot per subject."""
    blocks: dict[tuple[str, ...], list[Aligned]] = defaultdict(list)
    for c in claims:
        fam = family(c)
        if fam is None or (c.context in ("post", "dateline") and fam in ("date", "time")):
            continue
        for a in _expand(c, index):
            key = _block_key(fam, a)
            if key is None:
                blocks[("", fam, "single", c.article, str(c.start))].append(a)
                continue
            blocks[key].append(a)
    slots: list[Slot] = []
    for key in sorted(blocks):
        members = blocks[key]
        fam = key[1]
        uf: UnionFind[int] = UnionFind(range(len(members)))
        # what each group holds, so that two values from one sentence never end up in one slot
        held: dict[int, set[tuple[str, int, str]]] = {
            i: {(m.claim.article, m.claim.sentence, m.claim.value)} for i, m in enumerate(members)}
        spans: dict[int, list[Claim]] = {i: [m.claim] for i, m in enumerate(members)}
        if key[2] != "single":
            for i, j in _pairs(members):
                ri, rj = uf.find(i), uf.find(j)
                if ri == rj or not linked(fam, members[i], members[j]) or _clash(held[ri], held[rj]):
                    continue
                if fam == "date" and _disjoint_coarse(spans[ri], spans[rj]):
                    continue
                uf.union(ri, rj)
                root = uf.find(ri)
                held_both, spans_both = held.pop(ri) | held.pop(rj), spans.pop(ri) + spans.pop(rj)
                held[root], spans[root] = held_both, spans_both
        comps: dict[int, list[Aligned]] = defaultdict(list)
        for i, m in enumerate(members):
            comps[uf.find(i)].append(m)
        together = _cooccurring(m.claim for m in members)
        for comp in comps.values():
            for part in split_cooccurring([m.claim for m in comp], together):
                first = part[0]
                slots.append(Slot(event=first.event, family=fam, subject=comp[0].subject, claims=part))
    return slots


def _pairs(members: list[Aligned]) -> Iterable[tuple[int, int]]:
    """Index pairs of a block worth testing: never two claims of one sentence (they are two things)."""
    by_sentence: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i, m in enumerate(members):
        by_sentence[(m.claim.article, m.claim.sentence)].append(i)
    groups = list(by_sentence.values())
    for gi, g in enumerate(groups):
        for h in groups[gi + 1:]:
            for i in g:
                for j in h:
                    yield (i, j) if i < j else (j, i)


def _disjoint_coarse(a: list[Claim], b: list[Claim]) -> bool:
    """Two vague dates ("2012-03", "second half of 2012") that do not overlap must not meet through a third."""
    for x in a:
        for y in b:
            if x.low is None or y.low is None or x.high is None or y.high is None:
                continue
            if _extra(x, "precision") in DAY_PRECISION or _extra(y, "precision") in DAY_PRECISION:
                continue
            if not (x.low <= y.high and y.low <= x.high):
                return True
    return False


def _clash(a: set[tuple[str, int, str]], b: set[tuple[str, int, str]]) -> bool:
    """Joining would put two different values stated in one sentence into one slot."""
    where = {(art, s): v for art, s, v in a}
    return any((art, s) in where and where[(art, s)] != v for art, s, v in b)


def _cooccurring(claims: Iterable[Claim]) -> set[frozenset[str]]:
    """Pairs of values that two or more articles of a block each state (in any sentence)."""
    by_value: dict[str, set[str]] = defaultdict(set)
    for c in claims:
        by_value[c.value].add(c.article)
    values = sorted(by_value)
    out = set()
    for i, v in enumerate(values):
        for w in values[i + 1:]:
            if len(by_value[v] & by_value[w]) >= 2:
                out.add(frozenset((v, w)))
    return out


def split_cooccurring(claims: list[Claim], together: set[frozenset[str]] | None = None) -> list[list[Claim]]:
    """Split a slot whose values are stated side by side in two or more articles.

    A slot has one true value; when several articles each state both "$334 million" and
    "$281 million", those are two different quantities (total and cash part), not a
    conflict. One article stating both (an internal contradiction) stays one slot.
    """
    by_value: dict[str, set[str]] = defaultdict(set)
    first: dict[str, Claim] = {}
    for c in claims:
        by_value[c.value].add(c.article)
        first.setdefault(c.value, c)
    values = sorted(by_value, key=lambda v: (-len(by_value[v]), v))
    if len(values) < 2:
        return [claims]

    def apart(v: str, w: str) -> bool:
        if len(by_value[v] & by_value[w]) >= 2 or frozenset((v, w)) in (together or set()):
            return True
        # every article that gives the rarer value also gives the common one, and the two are not a
        # near miss (84 vs 86 yards): the rarer one is about another moment or thing
        rare, common = (w, v) if len(by_value[w]) <= len(by_value[v]) else (v, w)
        return by_value[rare] <= by_value[common] and not _near_miss(first[rare], first[common])

    groups: list[list[str]] = []
    for v in values:  # greedy: each value joins the first group none of whose values it must stay apart from
        for g in groups:
            if not any(apart(v, w) for w in g):
                g.append(v)
                break
        else:
            groups.append([v])
    if len(groups) == 1:
        return [claims]
    # what was split away from the main group is about other things, each on its own
    groups = [groups[0]] + [[v] for g in groups[1:] for v in g]
    where = {v: k for k, g in enumerate(groups) for v in g}
    parts: dict[int, list[Claim]] = defaultdict(list)
    for c in claims:
        parts[where[c.value]].append(c)
    return [parts[k] for k in sorted(parts)]


def _near_miss(a: Claim, b: Claim) -> bool:
    """Two figures within 5% of each other: more likely one misreported figure than two things."""
    if a.low is None or b.low is None or not a.low or not b.low or a.low == float("inf") or b.low == float("inf"):
        return False
    return abs(a.low - b.low) / max(abs(a.low), abs(b.low)) <= 0.05


def copied_sentences(texts: dict[str, list[tuple[int, int, str]]], n: int = 6) -> dict[tuple[str, int], set[str]]:
    """Sentences that stand, word for word, in another article: (article, sentence) -> the other articles.

    `texts` maps article id to its sentences as (index, start, text). A sentence counts as
    copied when at least half of its n-word shingles (and at least three) occur in one other article.
    """
    shingles: dict[tuple[str, ...], set[str]] = defaultdict(set)
    per_sentence: dict[tuple[str, int], list[tuple[str, ...]]] = {}
    for art, sents in texts.items():
        for si, _start, s in sents:
            words = re.findall(r"\w+", s.lower())
            sh = [tuple(words[i:i + n]) for i in range(max(0, len(words) - n + 1))]
            per_sentence[(art, si)] = sh
            for x in sh:
                shingles[x].add(art)
    out: dict[tuple[str, int], set[str]] = {}
    for (art, si), sh in per_sentence.items():
        if len(sh) < 3:
            continue
        counts: dict[str, int] = defaultdict(int)
        for x in sh:
            if len(shingles[x]) > 50:
                continue  # boilerplate repeated across a large batch says nothing about two articles
            for other in shingles[x]:
                if other != art:
                    counts[other] += 1
        partners = {o for o, k in counts.items() if k >= max(3, len(sh) // 2)}
        if partners:
            out[(art, si)] = partners
    return out
