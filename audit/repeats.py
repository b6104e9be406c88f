"""Statements an article writes more than once, grouped before alignment pairs claims.

Alignment tests pairs of claims inside a block, so its time grows with the square of a block's
size. An article that repeats one sentence (a paragraph pasted many times, a page scraped with
its boilerplate, or a hostile input of one sentence to 256 KB) fills a block with copies of the
same claim, and the pairs grow into millions. A copy says nothing new: the same words at the
same place of the same sentence text give the same claim in every field but its position. So
only the first of each is aligned, and the others join whatever slot it joined (every slot,
when a claim stands in several). Each copy still stands in the report as evidence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from audit.align import Slot
from audit.model import Claim

Repeats = dict[Claim, list[Claim]]
"""The first claim of a repeated statement -> its later copies, in text order."""


def group_repeated(claims: Iterable[Claim], sentence: Callable[[Claim], tuple[int, str]]) -> tuple[list[Claim], Repeats]:
    """The claims to align (the first of each repeated statement, and every other claim), and the copies.

    `sentence(c)` gives the start offset and the text of claim c's sentence. Two claims of one article
    are copies when their sentences read alike (white space aside), they stand at the same place in
    them, and every other field (value, subject, frame, event, context...) is the same."""
    # a cheap key first (place, value, sentence text); the whole claim is compared only when that key is met
    # again, since hashing a claim with its frame costs more than all the rest of alignment
    first: dict[tuple[object, ...], list[tuple[Claim, int]]] = {}
    norm: dict[tuple[str, int], str] = {}
    keep: list[Claim] = []
    repeats: Repeats = {}
    for c in claims:
        lo, text = sentence(c)
        said = norm.get((c.article, lo))
        if said is None:
            said = norm[(c.article, lo)] = " ".join(text.split())
        cheap = (c.article, c.kind, c.value, c.start - lo, c.end - lo, said)
        bucket = first.get(cheap)
        if bucket is None:
            first[cheap] = [(c, lo)]
            keep.append(c)
            continue
        mine = replace(c, start=c.start - lo, end=c.end - lo, sentence=0)
        for original, olo in bucket:
            if replace(original, start=original.start - olo, end=original.end - olo, sentence=0) == mine:
                repeats.setdefault(original, []).append(c)
                break
        else:
            bucket.append((c, lo))
            keep.append(c)
    return keep, repeats


def with_repeats(slots: Sequence[Slot], repeats: Repeats) -> list[Slot]:
    """The slots with each aligned claim's copies added after it."""
    if not repeats:
        return list(slots)
    out = []
    for s in slots:
        if any(c in repeats for c in s.claims):
            s = Slot(event=s.event, family=s.family, subject=s.subject,
                     claims=[x for c in s.claims for x in (c, *repeats.get(c, ()))])
        out.append(s)
    return out
