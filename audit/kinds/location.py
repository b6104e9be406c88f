"""Where something happened: "robbers stole jewels IN PARIS", "the cables were cut OFF SICILY", "the fire broke
out AT THE STORE on Station Road".

A location claim is a place name governed, through a preposition, by a word that says what happened (a
predicate class of audit/rules/predicates.toml: stolen, damaged, killed...). Its value is the place. Two
articles naming the same place for one act agree; different places are compatible (one may lie inside the
other: a city and its avenue), never a conflict on their own.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from audit import rules
from audit.extract.base import Doc, Extractor, Mention, extra
from audit.kinds.base import SAME, Aligned, Family, Kind, Relation, Slot, frames_fit
from audit.kinds.topics import act_topic
from audit.model import Claim
from audit.nlp import lemma

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

PREPOSITIONS = {"in": "in", "at": "at", "from": "from", "near": "near", "off": "off", "outside": "outside", "inside": "inside",
                "on": "on", "along": "along", "across": "across", "throughout": "across", "around": "near",
                "close": "near", "beside": "near", "behind": "near"}
"""Prepositions that place an act, and what each says of the place (near / off / in)."""


def _mention_covering(doc: Doc, start: int, end: int) -> Mention | None:
    """The first mention (in text order) that holds `start` or starts inside [start, end)."""
    # mentions are sorted and do not overlap: the one before `start` may cover it, else the next may start inside
    k = bisect.bisect_right(doc.mention_starts, start) - 1
    for m in doc.mentions[max(0, k):k + 2]:
        if m.start <= start < m.end or start <= m.start < end:
            return m
    return None


def _governor(prep: Token) -> tuple[Token, tuple[rules.Entry, ...]] | None:
    """The verb or event noun a place phrase modifies, with its predicate classes."""
    head = prep.head
    for _ in range(2):
        if head.i == prep.i:
            return None
        word = lemma(head)
        classes = rules.predicate_classes(word, "location")
        if not classes and head.lower_.endswith("ing") and str(head.tag_).startswith("NN"):
            from audit.nlp import verb_lemma

            classes = rules.predicate_classes(verb_lemma(head.text), "location")
        if classes and classes[0].name not in ("stated", "announced"):
            return head, classes
        if head.dep_ in ("conj", "xcomp", "advcl") and head.head.i != head.i:
            head = head.head
            continue
        return None
    return None


def extract(doc: Doc) -> list[Claim]:
    parse = doc.parse
    if parse is None:
        return []
    claims: list[Claim] = []
    seen: set[tuple[int, int]] = set()
    for _base, d in parse.chunks:
        for t in d:
            if t.dep_ != "prep" or t.lower_ not in PREPOSITIONS:
                continue
            objs = [c for c in t.children if c.dep_ == "pobj"]
            if not objs:
                continue
            obj = objs[0]
            m = _mention_covering(doc, parse.start(obj), parse.end(obj))
            if m is None:  # "from the PARIS branch", "at a Texas ranch": a place compounded with the noun
                for c in obj.children:
                    if c.dep_ in ("compound", "nmod", "poss"):
                        cm = _mention_covering(doc, parse.start(c), parse.end(c))
                        if cm is not None and cm.type == "place":
                            m = cm
                            break
            if m is None or m.type not in ("place", "org", "name") or (m.start, m.end) in seen:
                continue
            gov = _governor(t)
            if gov is None:
                continue
            seen.add((m.start, m.end))
            head, classes = gov
            relation = PREPOSITIONS[t.lower_]
            claims.append(doc.claim(
                "location", m.surface, m.start, m.end, relation, subject=classes[0].name,
                topic=f"place of the {classes[0].act or classes[0].name}",
                note=f"'{t.text} {m.surface}' placing '{head.text}'",
                extra=extra(relation=relation, place=m.surface), rule=f"location:{classes[0].ref}"))
    return claims


EXTRACTOR = Extractor("location", ("location",), extract)


def _link(_fam: str, a: Aligned, b: Aligned) -> bool:
    return frames_fit(a, b, things=False, occasions=False) is not False


def _relate(_fam: str, a: Claim, b: Claim) -> Relation:
    if a.value == b.value:
        return SAME
    return Relation("compatible", "different places named: one may lie within or near the other")


def _topic(slot: Slot) -> str:
    topic = act_topic(slot, what="place")
    return topic or f"place of the {slot.subject or 'event'}"


LOCATION = Family(name="location", key=lambda c: "location", block=lambda _f, a: (a.claim.subject or "",),
                  link=_link, relate=_relate, topic=_topic,
                  example="robbers stole jewels in Paris / the Paris heist: the place of the theft")

KINDS = (Kind(name="location", extractor=EXTRACTOR, priority=None, families=(LOCATION,),
              example="robbers stole jewels in Paris"),)
