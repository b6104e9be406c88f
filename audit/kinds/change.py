"""Percentage changes: "shares of Acme rose 5%", "profit fell 12 percent", "sales were up 3%".

This kind is the worked example of adding a claim kind: its extractor (on the parse), its family
(block, link, relate, topic) and its Kind live in this one module, and one line of
audit.kinds.REGISTRY registers it. A change is signed ("+5%", "-12%"); it belongs to what changed
(the subject of the verb: "shares", "profit") and to its holder ("Acme"), so two articles giving
different changes of one company's shares are a conflict, while its shares and its profit are
two slots.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from audit.extract.base import Doc, Extractor, extra, fmt_number, parse_number
from audit.kinds.base import SAME, Aligned, Family, Kind, Relation, Slot, bounded, extra_of
from audit.model import Claim
from audit.nlp import lemma

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

DIRECTIONS: dict[str, tuple[int, tuple[str, ...], str]] = {
    # name: (sign, lemmas of the verb or adverb, example)
    "up": (1, ("rise", "increase", "gain", "grow", "climb", "jump", "soar", "surge", "rally", "advance", "rebound",
               "boost", "raise", "up", "higher", "add", "expand", "swell", "spike"), "shares rose 5% / sales were up 3%"),
    "down": (-1, ("fall", "drop", "decline", "decrease", "slip", "plunge", "tumble", "slide", "shrink", "sink", "dip",
                  "lose", "slump", "cut", "lower", "reduce", "down", "shed", "ease", "contract", "crash", "plummet"),
             "profit fell 12 percent / the stock was down 4%"),
}
"""Rules as data: which words say a figure went up or down."""
_SIGN = {w: (name, sign) for name, (sign, words, _example) in DIRECTIONS.items() for w in words}
_PERCENT = frozenset({"%", "percent", "pct", "per"})


def _percent_tokens(doc: Doc) -> Iterator[tuple[Token, Token]]:
    """(number, percent sign) token pairs of the parse."""
    if doc.parse is None or not doc.has("%", "percent", "pct", "per cent"):
        return
    for _base, d in doc.parse.chunks:
        for t in d:
            if t.lower_ in _PERCENT and t.i > 0 and (d[t.i - 1].like_num or d[t.i - 1].tag_ == "CD"):
                if t.lower_ == "per" and not (t.i + 1 < len(d) and d[t.i + 1].lower_ == "cent"):
                    continue
                yield d[t.i - 1], t


def _governor(pct: Token) -> tuple[Token, str, int] | None:
    """The verb or adverb that says the figure went up or down ("rose 5%", "up 5%", "fell by 5%")."""
    t = pct
    if t.dep_ == "pobj" and t.head.lower_ in ("to", "from"):
        return None  # "rose 0.4 percent, TO 4.4 percent": a level before or after the change, not the change
    for _ in range(3):
        if t.dep_ == "pobj" and t.head.lower_ == "by":
            t = t.head
        head = t.head
        for cand in (head, *[c for c in head.children if c.dep_ == "advmod"]):
            found = _SIGN.get(lemma(cand)) or _SIGN.get(cand.lower_)
            if found:
                return cand, found[0], found[1]
        if head.i == t.i:
            break
        t = head
    return None


def _what(verb: Token) -> Token | None:
    """What changed: the subject of the verb ("SHARES rose"), or of the verb 'be' in "sales were up"."""
    for t in (verb, verb.head):
        for c in t.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                return c
    return None


def extract(doc: Doc) -> list[Claim]:
    parse = doc.parse
    if parse is None:
        return []
    claims = []
    for num, pct in _percent_tokens(doc):
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in pct.children):
            continue  # "65% of traffic is down": a share, not a change
        gov = _governor(pct)
        if gov is None:
            continue
        verb, direction, sign = gov
        value = parse_number(num.text)
        if value is None:
            continue
        what = _what(verb)
        if what is None:
            continue
        start, end = parse.start(num), parse.end(pct)
        if pct.lower_ == "per":
            end = parse.end(pct.doc[pct.i + 1])
        signed = sign * value
        shown = f"{'+' if signed > 0 else ''}{fmt_number(signed)}%"
        claims.append(doc.claim(
            "change", shown, start, end, "change", low=signed, high=signed, unit="percent change",
            subject=lemma(what), topic=f"change in {lemma(what)}",
            note=f"'{verb.text}' ({direction}): {shown}",
            extra=extra(direction=direction, what=lemma(what)), rule=f"change:{direction}",
        ))
    return claims


EXTRACTOR = Extractor("change", ("change",), extract)


def _block(_fam: str, a: Aligned) -> tuple[str, ...]:
    return (extra_of(a.claim, "what") or "",)


def _link(_fam: str, a: Aligned, b: Aligned) -> bool:
    # one company's shares, one quarter's profit: holders that differ are two changes
    return not (a.holder and b.holder and a.holder != b.holder)


def _relate(_fam: str, a: Claim, b: Claim) -> Relation:
    if a.value == b.value:
        return SAME
    if bounded(a, b) and (a.low or 0) * (b.low or 0) < 0:
        return Relation("conflict", "one says up, the other down")
    return Relation("conflict", "different changes")


def _topic(slot: Slot) -> str:
    c = slot.claims[0]
    holder = c.frame.holder if c.frame and c.frame.holder else None
    what = extra_of(c, "what") or "value"
    return f"change in {what}" + (f" of {holder}" if holder else "")


CHANGE = Family(name="change", key=lambda c: "change", block=_block, link=_link, relate=_relate, topic=_topic,
                example="shares of Acme rose 5% / Acme's shares gained 4%: a conflict")

KINDS = (Kind(name="change", extractor=EXTRACTOR, priority=105, families=(CHANGE,),
              example="shares of Acme rose 5%"),)
