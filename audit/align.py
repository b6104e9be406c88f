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

from audit import rules
from audit.entities import EntityIndex, fold
from audit.kinds import family_of
from audit.kinds.base import (
    GENERIC_THINGS,
    WEAK,
    Aligned,
    Slot,
    extra_of,
    holders_clash,
    list_of,
    names_the_work,
)
from audit.lexicon import EVENT_NAME_WORDS
from audit.model import Claim
from audit.unionfind import UnionFind

DAY_PRECISION = frozenset({"day", "weekday", "monthday"})

# kept for the modules that read claims' extra values through align (judge, explain)
_extra = extra_of
_list = list_of


def family(c: Claim) -> str | None:
    """The slot family of a claim ('amount', 'score:final score'), or None when it is not compared."""
    found = family_of(c)
    return found[1] if found else None


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
    f = c.frame
    holder = _canon(index, c, f.holder) if f and f.holder else None
    source = _canon(index, c, f.source) if f and f.source else None
    entity = index.get(c.article, f.holder) if f and f.holder else None
    holder_type = entity.type if entity else ("np" if holder else None)
    named = frozenset(e.name for e in (index.get(c.article, s) for s in _list(c, "names"))
                      if e is not None and (e.type != "place" or e.name.lower().split()[-1] in EVENT_NAME_WORDS))
    return Aligned(c, subj, names, words, holder=holder, source=source, holder_type=holder_type, named=named)


def linked(fam: str, a: Aligned, b: Aligned) -> bool | str:
    """Whether two claims of one block speak of the same slot: never two values of one sentence, then the
    family's own rule."""
    ca, cb = a.claim, b.claim
    if ca.article == cb.article and ca.sentence == cb.sentence and fam != "quote":
        return False  # one sentence listing two values speaks of two things ("3 passes on the drive and 2 before")
    found = family_of(ca)
    if found is None:
        return False
    return found[0].link(fam, a, b)


def _block_key(fam: str, a: Aligned) -> tuple[str, ...] | None:
    c = a.claim
    found = family_of(c)
    if found is None:
        return None
    own = found[0].block(fam, a)
    if own is None:
        return None
    return (c.event or "", fam, "bg" if c.context == "background" else "", *own)


def _expand(c: Claim, index: EntityIndex) -> Iterable[Aligned]:
    """A period claim about several people ("goals from A and B in the second half") joins each one's slot."""
    people = _list(c, "people")
    if c.kind == "period" and len(people) >= 2:
        for p in people:
            yield _prep(c, index, subject=_canon(index, c, p))
    else:
        yield _prep(c, index)


OWNED_FAMILIES = frozenset({"amount", "change"})
"""Families whose holder owns the figure (a party's seats, a company's revenue), so that a slot never takes in
two owners; the day of one event, by contrast, may be told of each of its actors (the winner, the runner-up)."""


def align(claims: Iterable[Claim], index: EntityIndex) -> list[Slot]:
    """Group comparable claims into slots. Every compared claim ends up in exactly one slot per subject."""
    blocks: dict[tuple[str, ...], list[Aligned]] = defaultdict(list)
    for c in claims:
        fam = family(c)
        if fam is None:
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
        # the holders each group has taken in: a figure without one may join either, never both ("33 seats" of
        # one party and "21 seats" of another do not meet through a "61 seats" that names no party)
        # (one representative per distinct holder, so that a slot of many figures compares few owners)
        owners: dict[int, dict[tuple[str, str | None], Aligned]] = {
            i: {(m.holder, m.holder_type): m} if m.holder else {} for i, m in enumerate(members)}
        if key[2] != "single":
            for i, j in _pairs(members):
                ri, rj = uf.find(i), uf.find(j)
                # an article that gives two dates for one act speaks of two occasions (a release dated "today"
                # that the article copied, an earlier step): dates never join a slot against their own article
                if ri == rj:
                    continue
                link = linked(fam, members[i], members[j])
                if not link or _clash(held[ri], held[rj], article_level=fam == "date"):
                    continue
                if link == WEAK and len({v for _a, _s, v in held[ri] | held[rj]}) > 1:
                    continue  # a link that may only agree never brings a second value into a slot
                if fam == "date" and _disjoint_coarse(spans[ri], spans[rj]):
                    continue
                if fam in OWNED_FAMILIES and any(
                        holders_clash(x, y) for x in owners[ri].values() for y in owners[rj].values()):
                    continue
                uf.union(ri, rj)
                root = uf.find(ri)
                held_both, spans_both = held.pop(ri) | held.pop(rj), spans.pop(ri) + spans.pop(rj)
                held[root], spans[root] = held_both, spans_both
                owners[root] = owners.pop(ri) | owners.pop(rj)
        comps: dict[int, list[Aligned]] = defaultdict(list)
        for i, m in enumerate(members):
            comps[uf.find(i)].append(m)
        # values that several articles state side by side (the total and the cash part of one price; the day of
        # the fire and the day the roads reopened): for dates across the block, for figures within the slot's
        # own claims (a block of counts holds unrelated figures: "12 fishermen" and "seven rifles")
        # sums too: a block holds one currency, and two sums that articles give side by side ("$334 million, of
        # which $281 million in cash") are two facts however each is worded
        whole_block = fam == "date" or all(m.claim.kind == "money" for m in members)
        block_together = _cooccurring(m.claim for m in members) if whole_block else None
        sums = _side_by_side_sums(m.claim for m in members)
        for comp in comps.values():
            together = block_together if block_together is not None else _cooccurring(m.claim for m in comp)
            for piece in _split_totals([m.claim for m in comp], sums):
                for part in split_cooccurring(piece, together):
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
    """Two vague dates ("2012-03", "second half of 2012") that do not overlap must not meet through a third,
    unless two of them are years of one act ("retired in 1981" / "quit in 1982"; "a 2021 appeals court ruling" /
    "a 2020 appeals court ruling"): then they are one fact told two ways."""
    disjoint = False
    for x in a:
        for y in b:
            if x.low is None or y.low is None or x.high is None or y.high is None:
                continue
            if _extra(x, "precision") in DAY_PRECISION or _extra(y, "precision") in DAY_PRECISION:
                continue
            if _one_act_years(x, y):
                return False
            if not (x.low <= y.high and y.low <= x.high):
                disjoint = True
    return disjoint


def _one_act_years(x: Claim, y: Claim) -> bool:
    """Years of an act that happens once to its holder, or of one thing named alike, in two articles."""
    fx, fy = x.frame, y.frame
    if fx is None or fy is None or x.article == y.article:
        return False
    if not _extra(x, "precision") == _extra(y, "precision") == "year":
        return False
    if any(rules.TABLE["predicates"][c].once for c in set(fx.classes) & set(fy.classes)):
        return True
    if not (fx.classes and set(fx.classes) & set(fy.classes)):
        return False
    if fx.predicate == fy.predicate and bool(set(fx.predicate_mods) & set(fy.predicate_mods)):
        return True
    # "Dunmore's 1995 ALBUM" / "the ALBUM came out in 1994": a work named as the act on one side, in the other's clause
    return names_the_work(fx, fy, (_extra(x, "words") or "").split("|"), (_extra(y, "words") or "").split("|"))


def _clash(a: set[tuple[str, int, str]], b: set[tuple[str, int, str]], *, article_level: bool = False) -> bool:
    """Joining would put two different values stated in one sentence (with `article_level`, in one article)
    into one slot."""
    if article_level:
        by_article: dict[str, set[str]] = defaultdict(set)
        for art, _s, v in a:
            by_article[art].add(v)
        return any(art in by_article and by_article[art] != {v} for art, _s, v in b)
    where = {(art, s): v for art, s, v in a}
    return any((art, s) in where and where[(art, s)] != v for art, s, v in b)


def _side_by_side_sums(claims: Iterable[Claim]) -> dict[float, set[float]]:
    """Each total of two exact counts that one sentence gives side by side ("312 passengers and 24 crew"),
    with its two parts."""
    by_sentence: dict[tuple[str, int], list[float]] = defaultdict(list)
    for c in claims:
        if c.kind == "count" and c.low is not None and c.low == c.high:
            by_sentence[(c.article, c.sentence)].append(c.low)
    out: dict[float, set[float]] = defaultdict(set)
    for values in by_sentence.values():
        if len(values) > 6:
            continue  # a table of figures: its sums say nothing
        for i, a in enumerate(values):
            for b in values[i + 1:]:
                if min(a, b) >= 10:  # small figures add up to one another by chance (4 dead and 1 missing: 5)
                    out[a + b] |= {a, b}
    return out


def _split_totals(claims: list[Claim], sums: dict[float, set[float]]) -> list[list[Claim]]:
    """A count that is the sum of two counts another sentence gives side by side, one of which is in the slot
    under another noun, counts more than that part ("the 336 people on board" = 312 passengers and 24 crew):
    its own slot."""
    if not sums or not claims or claims[0].kind != "count":
        return [claims]
    values = {c.low for c in claims if c.low is not None and c.low == c.high}
    things: dict[float, set[str | None]] = defaultdict(set)
    for c in claims:
        if c.low is not None:
            things[c.low].add(c.frame.thing if c.frame else None)
    # the total counts in a general noun what the part counts in a specific one ("336 PEOPLE" / "312
    # PASSENGERS"); "23 Somali pirates" against "12 Somalis" (and 11 Yemenis) is a count that disagrees
    totals = {v for v in values if v in sums and things[v] <= GENERIC_THINGS and any(
        not (things[p] & GENERIC_THINGS) for p in (sums[v] - {v}) & values)}
    if not totals:
        return [claims]
    rest = [c for c in claims if c.low not in totals or c.low != c.high]
    whole = [c for c in claims if c.low in totals and c.low == c.high]
    return [part for part in (rest, whole) if part]


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


COPY_SPREAD = 50
"""A shingle that stands in more articles than this is boilerplate: it says nothing about two articles."""


def sentence_shingles(s: str, n: int = 6) -> list[tuple[str, ...]]:
    """The n-word shingles of a sentence, in order (repeats kept), as `copied_sentences` counts them."""
    words = re.findall(r"\w+", s.lower())
    return [tuple(words[i:i + n]) for i in range(max(0, len(words) - n + 1))]


def copied_sentences(texts: dict[str, list[tuple[int, int, str]]], n: int = 6) -> dict[tuple[str, int], set[str]]:
    """Sentences that stand, word for word, in another article: (article, sentence) -> the other articles.

    `texts` maps article id to its sentences as (index, start, text). A sentence counts as
    copied when at least half of its n-word shingles (and at least three) occur in one other article.
    """
    shingles: dict[tuple[str, ...], set[str]] = defaultdict(set)
    per_sentence: dict[tuple[str, int], list[tuple[str, ...]]] = {}
    for art, sents in texts.items():
        for si, _start, s in sents:
            sh = sentence_shingles(s, n)
            per_sentence[(art, si)] = sh
            for x in sh:
                shingles[x].add(art)
    out: dict[tuple[str, int], set[str]] = {}
    for (art, si), sh in per_sentence.items():
        if len(sh) < 3:
            continue
        counts: dict[str, int] = defaultdict(int)
        for x in sh:
            if len(shingles[x]) > COPY_SPREAD:
                continue  # boilerplate repeated across a large batch says nothing about two articles
            for other in shingles[x]:
                if other != art:
                    counts[other] += 1
        partners = {o for o, k in counts.items() if k >= copy_threshold(len(sh))}
        if partners:
            out[(art, si)] = partners
    return out


def copy_threshold(shingles: int) -> int:
    """How many of a sentence's shingles must stand in one other article for the sentence to count as copied."""
    return max(3, shingles // 2)
