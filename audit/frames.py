"""Claim frames: what each claim is about, read off the dependency parse of its sentence.

For a claim's value (its tokens in the parse) the rules below find

- the **counted or measured thing**: the noun the number modifies ("31 MINERS"), the object of
  "of" ("12 of the PIRATES"), or the noun a unit measures ("an 86-yard RUN");
- the **predicate**: the word that governs the value, climbing from the value through its heads
  to the first verb, predicative adjective or event noun the predicate table knows ("34 people
  DIED", "KILLED 31 miners", "31 DEAD", "a death TOLL of 31"); a light verb ("the toll ROSE to
  112", "the toll IS 31") hands over to its subject;
- the **holder**: the name or noun phrase the value belongs to: a possessor ("Okafor's 312
  yards"), the subject of the predicate when the value is its object or complement ("the team
  improved to 11-4"), an "of" phrase on the predicate noun ("the toll of the quake");
- the **source**: the subject of a speech verb above or beside the predicate ("..., the
  observatory SAID"), or the object of "according to";
- **modality and tense** from the predicate's auxiliaries and tag, and its governors ("is expected
  to rise");
- **scope**: prepositional modifiers that narrow what is counted ("in critical condition", "in
  the province").

Every rule that fired is named in `Frame.rules` (for `audit explain`); every word list is a table
of audit.rules.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from audit import rules
from audit.extract.base import Mention
from audit.extract.numbers import TIME_UNITS, TOTAL_NOUNS
from audit.extract.numbers import UNITS as _UNITS
from audit.model import Claim, Frame
from audit.nlp import UPOS, Parse, lemma, verb_lemma

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from audit.extract.base import Doc

UNITS = frozenset(_UNITS) | frozenset(TIME_UNITS) | {"kilometre", "kilometer", "kilometres", "kilometers",
                                                    "nautical", "metre", "meter", "yard", "mile", "percent", "%"}
NOT_THINGS = frozenset({"worth", "dollar", "dollars", "cent", "cents", "penny", "pence", "point", "points", "euro",
                        "euros", "pound", "pounds", "yen", "yuan", "rupee", "rupees", "franc", "francs", "mark",
                        "marks", "%", "percent", "apiece", "each", "total", "sum", "amount", "figure",
                        "m", "m.", "mn", "bn", "b", "tn", "k",  # "$125m", "£2bn": the scale, not a thing
                        "degree", "degrees", "celsius", "fahrenheit", "centigrade", "°", "c", "f", "°c", "°f",
                        # a temperature's scale; a currency code ("GBP 1,500"), from the currency table
                        *(k for k in rules.NUMBERS["currency_symbols"]["codes"] if len(k) == 3 and k.isalpha())})
"""Words after a figure that are its unit or its manner, not what it counts ("$15 million WORTH of shares")."""
DIRECTIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                        "north-east", "north-west", "south-east", "south-west", "away", "offshore", "inland"})
FRAMED_KINDS = frozenset({"count", "quantity", "money", "duration", "age", "magnitude", "date", "time", "minute",
                          "period", "clock", "score", "record", "rank", "change", "percent", "status", "location"})
"""Claim kinds that get a frame (names and quotes do not: what they are about is themselves)."""
DATED_KINDS = frozenset({"date", "time"})
"""Claim kinds that say when an act happened: their holder is the actor named as the subject."""

LIGHT_VERBS = frozenset({"happen", "occur", "be", "have", "reach", "stand", "rise", "climb", "increase", "jump", "grow", "total",
                         "number", "top", "exceed", "surpass", "near", "hit", "put", "bring", "raise", "remain",
                         "become", "include", "swell", "mount", "soar", "double", "revise", "lift", "push",
                         "take", "leave", "make", "count", "list", "give", "update", "set", "fall", "drop",
                         "begin", "start", "commence", "come", "amount"})
"""Verbs that carry a figure without saying what happened: 'the toll ROSE to 112' is about the toll; an aspect
verb's act is its subject's when that names one ('CONSTRUCTION would begin in 2026')."""
OBJECT_VERBS = frozenset({"produce", "register", "record", "suffer", "make", "stage", "carry out", "pull off", "post",
                          "secure", "earn", "achieve", "complete", "mount", "launch", "conduct", "hold", "seal",
                          "clinch", "notch", "chalk up", "rack up", "deliver", "inflict", "score", "pick up",
                          "sign", "reach", "announce", "unveil", "report"})
"""Verbs whose object names the act a date belongs to: 'produced an UPSET on Wednesday', 'made an ARREST'."""
_SCOPE_PREPS = frozenset({"in", "at", "on", "near", "inside", "outside", "across", "throughout", "within", "off"})
_CONDITION = frozenset({"condition", "hospital", "care", "icu", "state"})
_PRONOUNS = frozenset({"he", "she", "it", "they", "his", "her", "its", "their", "him", "them", "we", "our", "i",
                       "my", "you", "your", "who", "which", "that", "this", "these", "those"})
AMOUNT_KINDS = frozenset({"money", "quantity", "count", "percent", "change"})
LEVEL_PREPS = frozenset({"to", "from", "at"})
"""After a change verb, these give the levels ("rose 4 cents TO $12.51"), not the change."""
_SELF_MODAL_EXEMPT = frozenset({"set", "plan", "schedule", "project", "estimate", "due"})
"""Verbs that signal a plan only when another verb depends on them ("set TO open"), not as the act itself."""
_SAY = frozenset({"say", "tell", "add", "state", "report"})
_CLAUSE_SPEECH = frozenset({"claim", "add", "reveal"})
"""Speech verbs that report only with a clause ('claimed THAT...'); with the figure as their object they are the act."""
_TRANSPARENT = frozenset({"including", "included", "includes", "include", "excluding", "like", "such", "compared",
                          "comparing"})
"""Words that list members of what stands above them ("226 yards, INCLUDING an 84-yard run"): the holder is
above them."""
_HE_SHE = re.compile(r"\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Hh]im)\b")
_IMPERSONAL = frozenset({"it", "its", "they", "their"})
_PERSONAL = frozenset({"he", "she", "his", "her", "him"})
_MAX_CLIMB = 6
RECALLED_DAYS = 180
"""A figure dated more than this many days before publication is about an earlier occasion."""
PRONOUN_REACH = 1500
"""How far back (characters) a he/she looks for the person it stands for."""


class _Mentions:
    """Name mentions of one article, found by offset."""

    def __init__(self, mentions: list[Mention], sentence_of: Callable[[int], int] | None = None,
                 pronoun_before: Callable[[int, int], bool] | None = None) -> None:
        self._sentence_of = sentence_of
        self.pronoun_before = pronoun_before
        self.items = sorted(mentions, key=lambda m: m.start)
        # a surname alone ("Okafor") is typed as a plain name; the article's own full names say it is a person
        words = {w for m in self.items if m.type == "person" for w in m.surface.split()}
        self.people = frozenset(m.surface for m in self.items if m.type == "person" or (
            m.type == "name" and " " not in m.surface and m.surface in words))
        self.starts = [m.start for m in self.items]

    def person_before(self, offset: int) -> str | None:
        """The person a he/she/his/her at `offset` stands for: the last person named before it in its own
        sentence; else, going back sentence by sentence, the first person of the nearest sentence that names
        one before any he/she of its own (a sentence that opens with "he" continues the same chain), within
        PRONOUN_REACH characters."""
        i = bisect.bisect_left(self.starts, offset) - 1
        by_sentence: dict[int, list[Mention]] = {}
        while i >= 0 and self.items[i].start >= offset - PRONOUN_REACH:
            m = self.items[i]
            if m.surface in self.people and m.end <= offset:
                by_sentence.setdefault(m.sentence, []).append(m)
            i -= 1
        here = self.sentence_of(offset)
        for si in sorted(by_sentence, reverse=True):
            people = sorted(by_sentence[si], key=lambda m: m.start)
            if si == here:
                return people[-1].surface
            if self.pronoun_before is not None and self.pronoun_before(si, people[0].start):
                continue  # "But after that he got hot ... a pass to Dale Oduya": still the earlier "he"
            return people[0].surface
        return None

    def body_before(self, offset: int, ok: Callable[[Mention], bool] | None = None) -> str | None:
        """The organisation an "it"/"its"/"they" at `offset` stands for: the last organisation named before it
        in its own sentence ("Intelogic said IT bought 2.7 million shares"); `ok` rejects a mention that is no
        name at all ("PREVIOUSLY, it offered $13.65 a share")."""
        here = self.sentence_of(offset)
        i = bisect.bisect_left(self.starts, offset) - 1
        while i >= 0 and self.items[i].start >= offset - PRONOUN_REACH:
            m = self.items[i]
            if here is not None and m.sentence != here:
                return None
            if m.type != "person" and m.surface not in self.people and m.end <= offset and (ok is None or ok(m)):
                return m.surface
            i -= 1
        return None

    def sentence_of(self, offset: int) -> int | None:
        return self._sentence_of(offset) if self._sentence_of else None

    def covering(self, start: int, end: int) -> Mention | None:
        i = bisect.bisect_right(self.starts, end) - 1
        while i >= 0 and self.items[i].end > start - 200:
            m = self.items[i]
            if m.start < end and m.end > start:
                return m
            i -= 1
        return None


def _is_verb(t: Token) -> bool:
    return str(t.tag_).startswith("VB") or t.tag_ == "MD"


def _is_noun(t: Token) -> bool:
    return str(t.tag_).startswith("NN")


def _span_head(toks: list[Token]) -> Token:
    """The token of a claim's span whose head lies outside the span (its syntactic head)."""
    ids = {t.i for t in toks}
    for t in toks:
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return toks[0]


def _value_token(toks: list[Token]) -> Token:
    """The number of a claim's span: a plain figure or number word before a model number ("seven AK-47s")."""
    plain = [t for t in toks if (t.like_num and not any(ch.isalpha() for ch in t.text.replace(",", "")))
             or (t.like_num and t.text.isalpha())]
    if plain:
        return plain[0]
    nums = [t for t in toks if t.tag_ == "CD" or t.like_num]
    return nums[-1] if nums else toks[0]


def _joined(t: Token) -> Token:
    """A conjunct or apposition of a noun stands where the noun it is joined to stands ("seized seven rifles,
    TWO other rifles and a launcher")."""
    while t.dep_ in ("conj", "appos") and t.head.i != t.i and _is_noun(t.head) and (
            _is_noun(t) or (t.dep_ == "appos" and t.like_num)):  # "85 million euros ($108 MILLION)": a conversion
        t = t.head
    return t


def _phrase(t: Token, parse: Parse, names: _Mentions) -> str | None:
    """A noun phrase as a holder or source: the name it is (canonical spelling left to alignment), else
    its head lemma with compound modifiers ('national observatory' -> 'observatory')."""
    m = names.covering(parse.start(t), parse.end(t))
    if m is not None:
        return m.surface
    if t.lower_ in _PERSONAL:
        return names.person_before(parse.start(t))
    if t.lower_ in _PRONOUNS:
        return None
    if not (_is_noun(t) or t.tag_ == "CD"):
        return None
    mods = [c for c in t.children if c.dep_ == "compound" and _is_noun(c)]
    for c in mods:
        mc = names.covering(parse.start(c), parse.end(c))
        if mc is not None:
            return mc.surface
    return " ".join([lemma(c) for c in mods] + [lemma(t)])


def _predicate_entry(word: str, kind: str) -> tuple[rules.Entry, ...]:
    return rules.predicate_classes(word, kind)


def _particle_phrase(t: Token) -> str | None:
    prt = [c for c in t.children if c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ in ("up", "down"))]
    if prt:
        return f"{lemma(t)} {prt[0].lower_}"
    return None


_HOSPITALS = frozenset({"hospital", "clinic", "infirmary"})


def _to_hospital(t: Token) -> bool:
    """A verb of moving someone "to hospital" ("were TAKEN to hospital", "TRANSPORTED to hospitals"): the
    "to hospital" entry of the injured class."""
    return _is_verb(t) and any(c.dep_ == "prep" and c.lower_ in ("to", "into") and any(
        g.dep_ == "pobj" and lemma(g) in _HOSPITALS for g in c.children) for c in t.children)


def _classify(t: Token, kind: str) -> tuple[str, tuple[rules.Entry, ...]]:
    """The predicate word of token t (a phrasal verb as one) and its classes; a lemma a class takes only as a
    noun ('12 COUNTS of fraud') does not stand in it as a verb ('police COUNTED 320 protesters')."""
    if kind == "count" and _to_hospital(t):
        found = _predicate_entry("to hospital", kind)
        if found:
            return f"{lemma(t)} to hospital", found
    word, found = _classify_word(t, kind)
    if found and _is_verb(t):
        found = tuple(e for e in found if word not in e.nouns)
        if any(c.dep_ in ("dobj", "nsubjpass", "auxpass") for c in t.children):
            found = tuple(e for e in found if word not in e.intransitive)  # "the court overturned THE BAN"
        else:
            found = tuple(e for e in found if word not in e.transitive)  # "a bus OVERTURNED" is no ruling
    return word, found


def _classify_word(t: Token, kind: str) -> tuple[str, tuple[rules.Entry, ...]]:
    if _is_verb(t) and lemma(t) == "make" and any(
            c.dep_ in ("oprd", "attr", "dobj") and c.lower_ in rules.ROLE_WORDS for c in t.children):
        return "make", _predicate_entry("appoint", kind)  # "he was MADE a brigadier general", "made her captain"
    phrase = _particle_phrase(t) if _is_verb(t) else None
    if phrase:
        # a phrasal verb is its own word: "pull off" a victory is not "pull" survivors from the rubble
        return phrase, _predicate_entry(phrase, kind)
    word = lemma(t)
    if _is_noun(t) and t.lower_.endswith("ing") and not _predicate_entry(word, kind):
        verb = verb_lemma(t.text)  # "the November 18 sinking", "the shooting": the verb's classes
        if _predicate_entry(verb, kind):
            return verb, _predicate_entry(verb, kind)
    compounds = [c for c in t.children if c.dep_ == "compound" and _is_noun(c)]
    if compounds:  # "death toll", "prison term"
        whole = " ".join([lemma(c) for c in compounds] + [word])
        found = _predicate_entry(whole, kind)
        if found:
            return whole, found
        people = rules.thing_class(word)
        if not ((people is not None and people.name == "people") or word in rules.ROLE_WORDS
                or word in ("crew", "brigade", "service", "department", "team", "unit", "squad")):
            # "murder charge" is about a murder; a "fire crew" or a "robbery squad" is people, not the act
            for c in compounds:
                found = _predicate_entry(lemma(c), kind)
                if found:
                    return f"{lemma(c)} {word}", found
    found = _predicate_entry(word, kind)
    if not found and t.lower_ != word:
        found = _predicate_entry(t.lower_, kind)  # a participle the tagger calls a verb: "still UNACCOUNTED for"
    return word, found


def _object(t: Token) -> Token | None:
    """The direct object of a verb, or the noun after "one of the" ("produced one of the biggest upsets")."""
    for c in t.children:
        if c.dep_ in ("dobj", "attr", "oprd"):
            if c.lower_ == "one":
                for g in c.children:
                    if g.dep_ == "prep" and g.lower_ == "of":
                        for h in g.children:
                            if h.dep_ == "pobj":
                                return h
            return c
    return None


def _subject(t: Token) -> Token | None:
    for c in t.children:
        if c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl"):
            return c
    return None


def _classified(candidates: Iterable[Token | None], kind: str
                ) -> tuple[Token, str | None, tuple[rules.Entry, ...]] | None:
    """The first candidate whose word names an act (a class other than 'stated'), with its word and classes."""
    for what in candidates:
        if what is not None:
            word, found = _classify(what, kind)
            if found and found[0].name != "stated":
                return what, word, found
    return None


def _find_predicate(start: Token, thing: Token | None, kind: str, fired: list[str]
                    ) -> tuple[Token | None, str | None, tuple[rules.Entry, ...]]:
    """Climb from the value (or its thing) to the word that says what happened."""
    # what the thing itself says: "31 people KILLED in the blast", "INJURED passengers", "12 fatalities"
    if thing is not None and kind == "count":
        aboard = _aboard(thing)
        if aboard is not None:
            fired.append("frame:on-board")  # "with 321 passengers and 24 crew ABOARD", "200 people ON BOARD"
            return aboard, "aboard", (rules.TABLE["predicates"]["carried"],)
    if thing is not None:
        for c in thing.children:
            if c.dep_ in ("acl", "amod", "relcl", "acomp", "oprd") and (_is_verb(c) or c.tag_.startswith("JJ")):
                target = c
                if c.dep_ == "relcl":  # "people who died"
                    target = c
                word, found = _classify(target, kind)
                entry = rules.thing_class(lemma(thing))
                if entry is not None:  # "cables RUNNING across the sea": no sports run of cables, look further up
                    found = tuple(e for e in found if not e.things or entry.name in e.things)
                if found and found[0].name != "stated":
                    if kind == "money" and word in VALUATION_WORDS:
                        act = _act_above(thing, kind)  # "jewellery WORTH $160 million has been STOLEN"
                        if act is not None:
                            fired.append("frame:valuation-of-act")
                            return act
                    fired.append(f"frame:predicate-modifier({c.dep_})")
                    return target, word, found
        implied = rules.implying_class(lemma(thing))
        if implied is not None and implied.implies and not implied.fallback:
            verb = thing.head
            if kind in AMOUNT_KINDS and _total_of_part(thing) and not any(
                    e.name == implied.implies for e in _predicate_entry(lemma(thing), kind)):  # (but "of the 14 KILLINGS")
                fired.append("frame:partitive-total")  # "won 212 of the 400 SEATS": the total, not the act
                return None, None, ()
            if kind in AMOUNT_KINDS and any(c.lower_ == "short" for c in (*verb.children, *thing.children)):
                fired.append("frame:shortfall")  # "falling 9 seats SHORT of a majority": a gap, not the act
                return None, None, ()
            if kind in AMOUNT_KINDS and (change := _change_adverb(thing)) is not None:
                fired.append("frame:change-adverb")  # "pushing the index UP 72.24 points": a change, not a score
                return change
            if thing.dep_ in ("dobj", "npadvmod") and _is_verb(verb) and verb.i != thing.i:
                word, found = _classify(verb, "change")
                if found and found[0].name == "changed":
                    fired.append("frame:change-measured-in-thing")  # "the index FELL 39 points"
                    return verb, word, found
            fired.append("frame:predicate-implied-by-thing")
            entry = rules.TABLE["predicates"][implied.implies]
            return thing, lemma(thing), (entry,)
    if kind in ("date", "time"):
        for c in start.children:  # "the following YEAR he was appointed", "the day she died": the clause's act
            if c.dep_ == "relcl" and _is_verb(c) and not any(g.tag_ in ("WRB", "WDT", "WP") for g in c.children):
                # (not "arrived on Wednesday, WHEN the commission declared": a clause of its own)
                cword, cfound = _classify(c, kind)
                if cfound and cfound[0].name != "stated":
                    fired.append("frame:predicate-relative-clause-of-time")
                    return c, cword, cfound
    t = thing if thing is not None else start
    seen = 0
    while seen < _MAX_CLIMB:
        seen += 1
        t = _joined(t)
        head = t.head
        if head.i == t.i:
            break
        prev = t
        while head.dep_ == "prep" and head.head.i != head.i and prev.dep_ == "pobj":
            if kind in AMOUNT_KINDS and head.lower_ in _SCOPE_PREPS | {"across"} and seen == 1 and not (
                    head.lower_ == "at" and (lemma(head.head) in LIGHT_VERBS or head.head.lower_ in VALUATION_WORDS)
            ) and not (head.lower_ == "on" and (_charges(thing) or _charges(_of_object(start)))):  # "guilty ON eight counts"
                # "the toll stood AT 12", "diamonds valued AT 85 million euros": no place
                fired.append("frame:place-not-count")  # "killed 63 people ACROSS three provinces"
                return None, None, ()
            if kind in AMOUNT_KINDS and seen == 1 and _total_of_part(prev):  # "10.4% OF the 9.6 million"
                fired.append("frame:partitive-total")  # "won 212 OF the 400 seats": the total, not the act
                return None, None, ()
            prev, head = head, head.head  # climb through a preposition to what it modifies
        t = head
        if kind in AMOUNT_KINDS and (change := _change_adverb(prev)) is not None:
            fired.append("frame:change-adverb")  # "earned $422.5 million, UP 8.9% from $387.8 million"
            return change
        if _is_verb(t) and kind in AMOUNT_KINDS and (prev.dep_ == "npadvmod" or (
                prev.dep_ == "prep" and prev.lower_ == "by")):
            word, found = _classify(t, kind if kind != "count" else "quantity")
            changed = tuple(e for e in found if e.name == "changed")
            if changed:
                fired.append("frame:change-amount")  # "the index FELL 151.20 points", "rose BY 12 percent"
                return t, word, changed
        if _is_verb(t) and kind in AMOUNT_KINDS and kind not in ("percent", "change") and prev.dep_ == "dobj":
            word, found = _classify(t, kind)  # (but "the currency LOST 26 percent of its value" is a change)
            if found and found[0].name == "changed" and len(found) > 1:
                fired.append("frame:object-is-no-change")  # "RAISED $92 million": funds raised, no change
                return t, word, tuple(e for e in found if e.name != "changed")
        if _is_verb(t) and prev.dep_ == "prep" and prev.lower_ in LEVEL_PREPS and kind in (
                "money", "percent", "quantity", "count"):
            word, found = _classify(t, "quantity" if kind == "count" else kind)
            if any(e.name == "changed" for e in found):
                # "revenue declined TO $3 billion FROM $3.2 billion": levels of what changed, not the change;
                # what changed is the object of a transitive change ("cut its DIVIDEND to five cents"), and only
                # the object ("the acquisition raises Ratners's PRESENCE to 450 stores")
                fired.append("frame:level-of-what-changed")
                what = _object(t) or _subject(t)
                if what is not None:
                    for w in (what, _of_object(what, adjectives=True)):  # "the number OF DEAD rose to 40"
                        if w is None:
                            continue
                        sword, sfound = _classify(w, kind)
                        sfound = tuple(e for e in sfound if e.name not in ("changed", "stated"))
                        if sfound:
                            return w, sword, sfound
                return None, None, ()
        if _is_verb(t) and kind == "money" and prev.dep_ == "prep" and prev.lower_ == "for":
            obj = _object(t)  # "shareholders approved its ACQUISITION by X for $27 a share": the price of the deal
            if obj is not None:
                oword, ofound = _classify(obj, kind)
                if ofound and ofound[0].name == "paid":
                    fired.append("frame:price-of-the-object")
                    return obj, oword, ofound
        if _is_verb(t):
            for c in t.children:  # "left 52 people DEAD", "found three men INJURED"
                if c.dep_ == "ccomp" and lemma(t) in rules.SPEECH_VERBS:
                    continue  # "said on Monday that 12 people had DIED": what was said, not a state it left
                if c.dep_ in ("oprd", "acomp", "xcomp", "ccomp") and (c.tag_.startswith("JJ") or c.tag_ == "VBN") and not (
                        c.dep_ == "ccomp" and c.tag_ == "VBN" and _subject(c) is not None and any(
                            g.dep_ in ("aux", "auxpass") for g in c.children)):
                    # (not "concluded HE HAD BEEN killed": a clause of its own; but "found Pryor GUILTY" is a state)
                    cword, cfound = _classify(c, kind)
                    if cfound and cfound[0].name != "stated":
                        fired.append(f"frame:predicate-complement({c.dep_})")
                        return c, cword, cfound
        if _is_verb(t) or t.tag_.startswith("JJ") or _is_noun(t):
            word, found = _classify(t, kind)
            if found and found[0].name == "stated":
                if kind in ("date", "time"):  # "officials said on Monday": the day of the statement
                    announced = _announced_act(t, kind)
                    if announced is not None:
                        fired.append("frame:date-of-announcement")  # "said on Sunday it WOULD BUY"
                        return announced
                    fired.append("frame:date-of-speech")
                    return t, word, found[:1]
                fired.append("frame:stop-at-speech-verb")
                return None, None, ()
            if found and (not (word in LIGHT_VERBS and _is_verb(t)) or (
                    kind in ("percent", "change") and found[0].name == "changed")):
                # "the index has fallen BY twelve percent": for a change, the change verb says what happened
                if kind == "money" and word in VALUATION_WORDS:
                    act = _act_above(t, kind)
                    if act is not None:  # "stole gems WORTH 85 million euros": the value of what was stolen
                        fired.append("frame:valuation-of-act")
                        return act
                fired.append(f"frame:predicate-head({t.dep_ or 'root'})")
                return t, word, found
            if kind in ("date", "time") and _is_noun(t) and not found and (
                    t.lower_ in TIME_NOUNS or (t.dep_ == "compound" and prev.dep_ == "nummod")):
                # "on the NIGHT of Saturday, June 8": the time names no act; "a 2020 appeals COURT ruling": the
                # year dates the whole compound, the ruling
                continue
            if _is_noun(t) and not found and t.lower_ in TOTAL_NOUNS and prev.lower_ == "of":
                fired.append("frame:through-total")  # "a TOTAL of 40 were arrested": the total is the figure
                continue
            if kind == "money" and _is_noun(t) and not found and prev.dep_ == "prep" and prev.lower_ == "for" and (
                    t.dep_ == "pobj" and t.head.dep_ == "prep" and _is_verb(t.head.head)):
                fired.append("frame:price-of-the-act")  # "bought shares from a SHAREHOLDER for $3.625 a share"
                continue  # the parser hung the price on the last noun: it is what the verb's act cost
            if _is_noun(t) and not found and not (prev.dep_ == "pobj" and prev.head.lower_ == "of") \
                    and t.lower_ not in NOT_THINGS:  # "a payment of GBP 1,500 each": the code and "each" say nothing
                # "the hijacking of a ship, WITH 18 sailors on board": a noun the table does not know governs the
                # value; what happened to the noun is not what happened to the value
                fired.append("frame:stop-at-noun")
                return None, None, ()
            if _is_verb(t) and (word in LIGHT_VERBS or word in OBJECT_VERBS or not found) and kind in ("date", "time"):
                obj = _object(t)  # "produced one of the biggest UPSETS on November 23", "made an ARREST on Friday"
                if obj is not None:
                    oword, ofound = _classify(obj, kind)
                    if ofound and ofound[0].name != "stated":
                        fired.append("frame:predicate-from-object")
                        return obj, oword, ofound
            if _is_verb(t) and (word in LIGHT_VERBS or not found):
                for c in t.children:  # "forcing 6,000 residents TO EVACUATE"
                    if c.dep_ == "xcomp" and _is_verb(c) and not (kind in ("date", "time") and word in _DESIRE):
                        # (not "SOUGHT clearance last week to purchase": the purchase had not happened then)
                        xword, xfound = _classify(c, kind)
                        if xfound and xfound[0].name != "stated":
                            fired.append("frame:predicate-from-xcomp")
                            return c, xword, xfound
                obj = _object(t)  # "put the number OF DEAD at 88"
                if obj is not None and (thing is None or obj.i != thing.i):
                    hit = _classified((obj, _of_object(obj)), kind)
                    if hit is not None:
                        fired.append("frame:predicate-from-object-of-light-verb")
                        return hit
                subj = _subject(t)  # (under a verb of its own, "the group of evacuees was ASSEMBLING today", not)
                if subj is not None and word in LIGHT_VERBS and subj.i != (thing.i if thing is not None else -1):
                    hit = _classified((subj, _of_object(subj, adjectives=True)), kind)  # "the number OF DEAD reached 40"
                    if hit is not None:
                        fired.append("frame:predicate-from-subject-of-light-verb")
                        return hit
                if found and word in LIGHT_VERBS and not any(c.dep_ == "acomp" for c in t.children):
                    # (not "organs BECOME available": a copula with an adjective names no act)
                    fired.append("frame:predicate-light-verb")
                    return t, word, found
                if _is_verb(t) and word not in LIGHT_VERBS:
                    gov = _governing_act(t, kind)
                    if gov is not None:  # "retired from RACING in 1981": the act is the retirement
                        fired.append("frame:predicate-governing-verb")
                        return gov
                    fired.append("frame:predicate-unknown-verb")
                    return t, word, ()
    return None, None, ()


def _total_of_part(t: Token) -> bool:
    """The total a part is counted out of: "212 OF the 400 seats", "10.4% OF the 9.6 million"."""
    return t.dep_ == "pobj" and t.head.lower_ == "of" and (
        t.head.head.like_num or t.head.head.lower_ in ("%", "percent"))


def _change_adverb(t: Token) -> tuple[Token, str, tuple[rules.Entry, ...]] | None:
    """A figure under "up" or "down" is a change ("UP 8.9% from $387.8 million", "pushed the index UP 72 points")."""
    adv = t.head
    if t.dep_ == "npadvmod" and adv.lower_ in ("up", "down") and adv.tag_.startswith("RB"):
        return adv, "rise" if adv.lower_ == "up" else "fall", (rules.TABLE["predicates"]["changed"],)
    return None


def _charges(thing: Token | None) -> bool:
    entry = rules.thing_class(lemma(thing)) if thing is not None else None
    return entry is not None and entry.name == "charge"


def _headline_verb(value: Token, kind: str) -> tuple[Token, str, tuple[rules.Entry, ...]] | None:
    """A headline's verb the tagger read as a noun ("Robbers in drag STEAL e80 million from..."): in a headline
    with no verb in its parse, the nearest word before the figure tagged as a noun whose written form is a lemma
    of the predicate table (not one the table takes as a noun only): a headline's verb is in the present, so its
    written form is its lemma."""
    sent = value.sent
    if any(_is_verb(t) for t in sent):
        return None
    for t in reversed([t for t in sent if t.i < value.i]):
        if t.tag_ in ("NN", "NNS") and t.lower_.isalpha():
            found = tuple(e for e in _predicate_entry(t.lower_, kind) if t.lower_ not in e.nouns)
            if found:
                return t, t.lower_, found
    return None


def _compounds(t: Token) -> tuple[str, ...]:
    """The compound nouns before a noun, nested ones included ('appeals court' of 'appeals court ruling')."""
    out: list[str] = []
    stack = [c for c in t.children if c.dep_ == "compound" and _is_noun(c)]
    while stack:
        c = stack.pop()
        out.append(lemma(c))
        stack.extend(g for g in c.children if g.dep_ == "compound" and _is_noun(g))
    return tuple(sorted(out))


_DESIRE = frozenset({"seek", "want", "hope", "plan", "try", "attempt", "aim", "intend", "propose", "wish", "offer",
                     "threaten", "vow", "pledge", "promise", "ask", "apply"})
"""Verbs of wanting or trying: the day of the wish is not the day of the act wished for."""

_WHEN_PREPS = frozenset({"after", "before", "since", "until", "while", "during", "upon", "on"})


def _governing_act(t: Token, kind: str) -> tuple[Token, str, tuple[rules.Entry, ...]] | None:
    """The verb a gerund the tables do not know is the object of ("retired from RACING", "quit SMOKING"),
    when that verb names a known act."""
    if t.tag_ != "VBG" and not t.lower_.endswith("ing"):
        return None
    up = t.head
    if t.dep_ in ("pobj", "pcomp") and up.dep_ == "prep" and up.lower_ in _WHEN_PREPS:
        return None  # "will step down AFTER presenting 7,800 broadcasts": a time, not what the act is of
    if t.dep_ in ("pobj", "pcomp") and up.dep_ == "prep" and up.head.i != up.i:
        up = up.head
    elif t.dep_ not in ("dobj", "xcomp", "pcomp"):
        return None
    if up.i == t.i or not _is_verb(up):
        return None
    word, found = _classify(up, kind)
    found = tuple(e for e in found if e.name != "stated")
    return (up, word, found) if found else None


def _thing(value: Token, head: Token, toks: list[Token], kind: str) -> Token | None:
    """The counted or measured noun of a value (for a measure, the thing measured, never the unit)."""
    found = _counted(value, head, toks)
    if found is not None and found.lower_ in DIRECTIONS:
        return None
    for _ in range(2):
        if found is None or found.lower_ not in UNITS:
            break
        # "86 yards": the unit; "an 86-yard run": the run; "a depth of 10 km": nothing counted
        found = found.head if _is_noun(found.head) and found.head.i != found.i and found.dep_ in (
            "compound", "amod", "nmod", "npadvmod") and found.head.lower_ not in DIRECTIONS else None
    return found


def _counted(value: Token, head: Token, toks: list[Token]) -> Token | None:
    ids = {t.i for t in toks}
    if _is_noun(head) and head is not value and head.i in ids and head.tag_ != "CD":
        # the span holds the noun: "31 miners", "86-yard run" (the noun after the unit)
        return head
    if value.dep_ in ("nummod", "quantmod", "compound", "amod") and _is_noun(value.head) and value.head.i not in ids:
        return value.head
    if _is_noun(head.head) and head.dep_ in ("nummod", "compound", "amod") and head.head.i not in ids:
        return head.head
    for c in value.children:  # "12 of the pirates"
        if c.dep_ == "prep" and c.lower_ == "of":
            for g in c.children:
                if g.dep_ == "pobj" and _is_noun(g):
                    return g
    return None


HOLDINGS = frozenset(rules.NUMBERS["holdings"]["nouns"])
"""Nouns whose figures belong to the subject of the verb they are the object of (audit/rules/numbers.toml)."""
TIME_NOUNS = frozenset({"night", "morning", "evening", "afternoon", "day", "dawn", "dusk", "weekend", "hour", "hours",
                        "night-time", "nighttime", "daytime", "overnight", "midnight", "noon", "midday"})
"""Nouns that only place a date or time in the day ('late on the NIGHT of Saturday')."""

VALUATION_WORDS = frozenset({"worth", "value", "valued", "valuation", "estimate", "estimated"})
"""Words that put a price on a thing without saying what happened to it ('gems WORTH 85 million euros')."""
_NOT_ACTS = frozenset({"paid", "stated", "announced", "changed"})


def _act_above(t: Token, kind: str) -> tuple[Token, str, tuple[rules.Entry, ...]] | None:
    """The verb that acts on the valued thing ('STOLE gems worth...', 'jewellery worth $160 million has been STOLEN')."""
    for _ in range(4):
        if t.head.i == t.i:
            return None
        t = t.head
        if _is_verb(t):
            word, found = _classify(t, kind)
            found = tuple(e for e in found if e.name not in _NOT_ACTS)
            return (t, word, found) if found else None
    return None


def _of_object(t: Token, *, adjectives: bool = False) -> Token | None:
    """The noun of an "of" or "in" phrase on t: "20 percent OF the reserves", "$5.4 billion IN assets"
    (with `adjectives`, a nominal adjective too: "the number of DEAD")."""
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "in"):
            for g in c.children:
                if g.dep_ == "pobj" and (_is_noun(g) or (adjectives and g.tag_.startswith(("JJ", "VBN")))) \
                        and g.lower_ not in NOT_THINGS:
                    return g
    return None


def _model_key(words: Iterable[str]) -> str | None:
    key = re.sub(r"[^0-9a-z]+", "", "".join(words).lower())
    return key or None


def _model(thing: Token | None, value: Token) -> str | None:
    """A model name or number that narrows the thing: the run of words holding a digit between the value and
    the thing ("seven AK-47 assault rifles", "12 AK 47 guns" -> 'ak47'), or the thing itself ("AK-47s")."""
    if thing is None:
        return None
    if any(ch.isdigit() for ch in thing.text):
        text = thing.text[:-1] if thing.text.endswith("s") else thing.text
        return _model_key([text])
    d = thing.doc
    lo, hi = (value.i + 1, thing.i) if value.i < thing.i else (thing.i + 1, value.i)
    between = [d[i] for i in range(lo, hi)]
    for k, t in enumerate(between):
        if not any(ch.isdigit() for ch in t.text):
            continue
        run = [t]
        j = k - 1
        while j >= 0 and (between[j].text in "-–/" or between[j].text[:1].isupper()) and between[j].tag_ != "CD":
            run.insert(0, between[j])
            j -= 1
        j = k + 1
        while j < len(between) and (between[j].text in "-–/" or any(ch.isdigit() for ch in between[j].text)):
            run.append(between[j])
            j += 1
        if any(x.text[:1].isalpha() for x in run) or len(run) > 1:
            return _model_key(x.text for x in run)
    return None


def _source(pred: Token | None, start: Token, parse: Parse, names: _Mentions, fired: list[str]) -> str | None:
    """Who gives the figure: 'according to X', or the subject of a speech verb above or beside the predicate."""
    anchors = [x for x in (pred, start) if x is not None]
    seen: set[int] = set()
    candidates: list[Token] = []
    for a in anchors:
        t = a
        for _ in range(_MAX_CLIMB + 2):
            if t.i in seen:
                break
            seen.add(t.i)
            candidates.append(t)
            if t.head.i == t.i:
                break
            t = t.head
    # children of the chain: "..., police said" (parataxis), "according to ..." (prep)
    for t in list(candidates):
        for c in t.children:
            if c.dep_ in ("parataxis", "advcl", "prep", "ccomp", "conj") and c.i not in seen:
                candidates.append(c)
    for t in candidates:  # "according to X" first: it names the source even beside a speech verb
        if t.lower_ == "according" or (t.dep_ == "prep" and t.lower_ in ("per",)):
            for c in t.subtree:
                if c.dep_ == "pobj" and c.head.lower_ in ("to", "per", "according"):
                    found = _phrase(c, parse, names)
                    if found:
                        fired.append("frame:source-according-to")
                        return found
    for t in candidates:
        if pred is not None and t.i == pred.i and lemma(t) not in _SAY:
            continue  # the act itself ("the earthquake MEASURED 7.4") is no speech
        if _is_verb(t) and lemma(t) in rules.SPEECH_VERBS:
            if lemma(t) in _CLAUSE_SPEECH and any(c.dep_ == "dobj" for c in t.children):
                continue  # "the fire CLAIMED 23 lives", "the economy ADDED 358,000 jobs": an act, not speech
            subj = _subject(t)
            if subj is None:
                subj = _speaker_before(t, parse, names)  # "..., a spokeswoman for the government said" misparsed
            if subj is not None and subj.dep_ != "expl":
                found = _phrase(subj, parse, names)
                if found:
                    fired.append(f"frame:source-speech-verb({lemma(t)})")
                    return found
    return None


def _speaker_before(verb: Token, parse: Parse, names: _Mentions) -> Token | None:
    """For a speech verb the parser left without a subject, the source noun phrase that ends right before it
    ('23 people, a SPOKESWOMAN for the regional government said')."""
    end = verb.i - 1
    doc = verb.doc
    while end >= 0 and doc[end].is_punct:
        end -= 1
    for j in range(max(0, end - 12), end + 1):
        tok = doc[j]
        if tok.right_edge.i == end and _is_noun(tok) and (
                lemma(tok) in _SPEAKERS or lemma(tok) in rules.ROLE_WORDS
                or names.covering(parse.start(tok), parse.end(tok)) is not None):
            return tok
    return None


_SPEAKERS = frozenset({"spokesman", "spokeswoman", "spokesperson", "official", "police", "ministry", "government",
                       "agency", "authority", "office", "department", "company", "witness", "source", "statement"})


def _holder(value: Token, thing: Token | None, pred: Token | None, parse: Parse, names: _Mentions,
            fired: list[str], span: frozenset[int] = frozenset(), head_only: bool = False,
            price: bool = False) -> str | None:
    """The name the value belongs to, climbing from the value (or its thing) to the first verb: a possessor on
    the way ("Brandt's record of 3,902 yards"), a name in an "of" phrase ("the toll of the quake"), the
    verb's subject when it is a name and the value is the verb's own argument ("Okafor set a record with 312
    yards"; not "Ruiz led a tour of three sites", where the sites belong to the tour). A name that merely
    describes the counted thing ("38,000 U.S. troops") does not hold it. The date of an act (`head_only`) is
    held by a subject that is a name, not by one that a name describes ("a Brooklyn woman was killed
    Thursday")."""
    start = thing if thing is not None else value
    own = names.covering(parse.start(start), parse.end(start))
    t = start
    through_noun = False
    came_through = start
    for _ in range(_MAX_CLIMB + 1):
        t = _joined(t)
        for c in t.children:
            if c.dep_ == "poss" and c.i != value.i and c.i not in span:  # "MONDAY's explosion": the date itself holds nothing
                found = _phrase(c, parse, names)
                if found and (own is None or found != own.surface):
                    fired.append("frame:holder-possessor")
                    return found
        if _is_noun(t) and t.i != start.i and t.i not in span:
            held = lemma(t) in HOLDINGS and t.dep_ == "dobj" and any(
                x.dep_ == "pobj" and x.head.lower_ == "of" and x.head.head.i == t.i for x in (start, start.head))
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ in ("of", "for"):
                    for g in c.children:
                        if g.dep_ == "pobj" and g.i != start.i and g.i != value.i and (
                                thing is None or g.i != thing.i) and g.lower_ not in NOT_THINGS:  # "of GBP 1,500"
                            m = names.covering(parse.start(g), parse.end(g))
                            if m is not None:
                                fired.append("frame:holder-of-phrase")
                                return m.surface
            # "led a tour OF three sites": the sites are the tour's; but "set a RECORD of 10.86 seconds" is the
            # subject's, and so is a figure that modifies the object itself ("announced an 18 PERCENT drop")
            path = _path(start, t)
            cut = max((k for k, x in enumerate(path) if x.lower_ in _TRANSPARENT), default=-1)
            path = path[cut + 1:]  # what lies below "including" / "compared with" is listed, not gone through
            through_noun = not held and any(
                x.dep_ in ("pobj", "appos") or (x.dep_ == "conj" and not _restated(x)) for x in path) and not (
                price and t.dep_ == "pobj" and any(x.dep_ == "prep" and x.lower_ == "for" for x in path))
            # (a price the parser hung on a noun, "bought shares from a SHAREHOLDER for $3.625", is the buyer's)
            came_through = t
            if t.dep_ != "compound" and any(x.head.i == t.i and x.dep_ == "prep" and x.lower_ == "with"
                                            for x in path):
                m = names.covering(parse.start(t), parse.end(t))
                if m is not None and not _common_noun(t, m) and (own is None or m.surface != own.surface):
                    fired.append("frame:holder-with-phrase")  # "First Security, WITH $5.4 billion in assets"
                    return m.surface
        if t.i == start.i and _is_noun(t):
            gap = _gap_subject(t)
            if gap is not None:
                named = _named_in(gap, parse, names)
                if named is not None and (own is None or named != own.surface):
                    fired.append("frame:holder-relative-clause")  # "the 28,000 systems SUN shipped"
                    return named
        if _is_verb(t) and t.lower_ in _TRANSPARENT and t.dep_ in ("prep", "acl", "advcl"):
            through_noun = False  # "a loss of $4.2 million, COMPARED with a profit of $1.1 million": the figure
        elif _is_verb(t):  # is listed beside the one above, and held as it is
            level = next((x for x in _path(start, t) if x.dep_ == "prep" and x.head.i == t.i), None)
            if level is not None and level.lower_ in LEVEL_PREPS and t.i != start.i:
                obj = next((c for c in t.children if c.dep_ == "dobj"), None)
                owner = next((c for c in obj.children if c.dep_ == "poss"), None) if obj is not None else None
                found = _phrase(owner, parse, names) if owner is not None else None
                if found and (own is None or found != own.surface):
                    fired.append("frame:holder-of-the-level")  # "raises RATNERS's presence to 450 stores"
                    return found
            if not through_noun and (came_through.dep_ == "dobj" or (start.dep_ == "dobj" and start.head.i == t.i)):
                to = next((c for c in t.children if c.dep_ == "dative"), None)
                named = _named_in(to, parse, names, head_only) if to is not None and _is_noun(to) else None
                if named is not None and (own is None or named != own.surface):
                    fired.append("frame:holder-recipient")  # "figures GAVE the Civic Union 33 seats"
                    return named
            subj = _antecedent(_subject(t), t) or _controller(t)
            if subj is not None and subj.i not in (start.i, value.i) and (
                    not through_noun or subj.i == came_through.i):  # "the Council ON AUG. 6 ordered"
                named = _named_in(subj, parse, names, head_only)
                if named is not None and (own is None or named != own.surface):
                    fired.append("frame:holder-subject")
                    return named
            break
        if t.head.i == t.i:
            break
        t = t.head
    if pred is not None and _is_noun(pred) and pred.i != start.i:
        owner = next((c for c in pred.children if c.dep_ == "poss"), None)
        found = (_named_in(owner, parse, names) if owner.lower_ in _IMPERSONAL else _phrase(owner, parse, names)
                 ) if owner is not None else None
        if found:
            fired.append("frame:holder-of-the-act")  # "approved ITS acquisition for $27 a share"
            return found
    return None


_RELATIVE = frozenset({"who", "which", "that", "whom"})


def _restated(x: Token) -> bool:
    """A figure given again in other terms ("about 300 people, OR 25% of the staff"): the same amount."""
    return x.dep_ == "conj" and any(c.dep_ == "nummod" for c in x.children) and any(
        c.dep_ == "nummod" for c in x.head.children) and any(c.dep_ == "cc" and c.lower_ == "or" for c in x.head.children)


def _antecedent(subj: Token | None, verb: Token) -> Token | None:
    """A relative pronoun subject stands for the noun its clause describes ("Ritter, WHO arrived Thursday")."""
    if subj is not None and subj.lower_ in _RELATIVE and verb.dep_ == "relcl" and _is_noun(verb.head):
        return verb.head
    if subj is not None and verb.dep_ == "relcl" and _is_noun(verb.head) and any(
            c.dep_ == "poss" and c.lower_ == "whose" for c in subj.children):
        return verb.head  # "the dolls, WHOSE sales hit $600 million": the sales are the dolls'
    return subj


def _gap_subject(noun: Token) -> Token | None:
    """The subject of a relative clause on `noun` whose object the noun itself is ("the systems SUN shipped",
    "the 300 jobs THE COMPANY cut"): the clause has a subject and no object of its own."""
    for c in noun.children:
        if c.dep_ == "relcl" and _is_verb(c) and not any(x.dep_ in ("dobj", "attr") for x in c.children):
            subj = _subject(c)
            if subj is not None and subj.lower_ not in _RELATIVE and subj.dep_ == "nsubj":
                return subj
    return None


def _path(start: Token, top: Token) -> list[Token]:
    """The tokens from `start` up to (not including) its ancestor `top`."""
    out: list[Token] = []
    t = start
    while t.i != top.i and t.head.i != t.i and len(out) < 2 * _MAX_CLIMB:
        out.append(t)
        t = t.head
    return out


_PLAN_AUX = frozenset({"will", "would", "'ll", "shall", "wo"})


def _announced_act(verb: Token, kind: str) -> tuple[Token, str, tuple[rules.Entry, ...]] | None:
    """The act a speech verb announces: its clause's verb in the future ("said on Sunday it WOULD BUY the
    firm", "the firm WILL BE ACQUIRED, the companies said on Saturday"), when the tables know the act. The
    day of such a statement is the day the act was made public; a statement of what already happened ("said
    on Monday that 12 people had died") keeps its own day."""
    for c in verb.children:
        if c.dep_ in ("ccomp", "parataxis") and _is_verb(c) and any(
                a.dep_ in ("aux", "auxpass") and a.lower_ in _PLAN_AUX for a in c.children):
            word, found = _classify(c, kind)
            if found and found[0].name != "stated":
                return c, word, found
    return None


def _restated_price(value: Token) -> Token | None:
    """The price a money figure restates when the parser made it a conjunct of the noun the price hangs on
    ("from a shareholder for $3.625 a share, OR $9.9 MILLION"): that price's figure."""
    while value.dep_ in ("compound", "quantmod", "nummod") and value.head.i != value.i and value.head.like_num:
        value = value.head  # "9.9" of "$9.9 million"
    if value.dep_ != "conj" or not _is_noun(value.head):
        return None
    for c in value.head.children:
        if c.dep_ == "prep" and c.lower_ == "for" and c.i < value.i:
            for g in c.children:
                if g.dep_ == "pobj" and (g.like_num or g.tag_ == "CD"):
                    return g
    return None


def _aboard(thing: Token) -> Token | None:
    """The word that puts a counted thing on a vehicle: "aboard"/"onboard" or "on board" on the thing or on the
    list it belongs to ("321 passengers and 24 crew ABOARD")."""
    group = [thing, *(c for c in thing.children if c.dep_ == "conj")]
    if thing.dep_ == "conj" and thing.head.i != thing.i:
        group += [thing.head, *(c for c in thing.head.children if c.dep_ == "conj")]
    for t in group:
        for c in t.children:
            if c.lower_ in ("aboard", "onboard") or (
                    c.dep_ == "prep" and c.lower_ == "on" and any(g.lower_ == "board" for g in c.children)):
                return c
    return None


def _verb_above(t: Token) -> Token | None:
    """The first verb above token t (the one a date hangs on)."""
    x = t
    for _ in range(_MAX_CLIMB):
        if x.head.i == x.i:
            return None
        x = x.head
        if _is_verb(x):
            s = x.head
            subj = _subject(x)
            if x.dep_ == "ccomp" and _is_verb(s) and subj is not None and s.i < t.i < subj.i:
                return s  # "said ON SUNDAY it would buy", attached by the parser to "buy": it precedes buy's subject
            return x
    return None


def _controller(t: Token) -> Token | None:
    """The subject a verb without one takes from the verb it depends on ("the Bush administration plans to
    deploy 45,000 Marines": deploy's subject is the administration). A participle set off by a comma right
    after a noun describes that noun, whatever the parser hung it on ("According to the DECISION, published
    Tuesday, Cordane had...": the decision was published, not Cordane)."""
    x = t
    if t.tag_ == "VBN" and t.dep_ == "advcl" and t.i >= 2:
        doc = t.doc
        before, noun = doc[t.i - 1], doc[t.i - 2]
        if before.text == "," and _is_noun(noun) and noun.i < t.head.i and noun.dep_ in ("pobj", "dobj", "appos"):
            return noun
    for _ in range(3):
        if x.dep_ == "pcomp" and x.head.dep_ == "prep" and x.head.head.i != x.head.i and _is_verb(x.head.head):
            # "will step down AFTER PRESENTING 7,800 broadcasts": the gerund's subject is the verb's, and "listed
            # X AS HAVING DONATED" takes the verb's object
            verb = x.head.head
            obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
            if x.head.lower_ == "as" and obj is not None:
                return obj
            return _subject(verb) or _controller(verb)
        if x.dep_ not in ("xcomp", "ccomp", "advcl", "conj") or x.head.i == x.i:
            return None
        if x.dep_ == "xcomp" and lemma(x.head) in _OBJECT_CONTROL:
            obj = next((c for c in x.head.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj  # "the judge ordered DELGADO to pay $2.4 million"
        x = x.head
        subj = _subject(x)
        if subj is not None:
            return subj
    return None


_OBJECT_CONTROL = frozenset({"order", "tell", "ask", "force", "require", "allow", "permit", "urge", "direct",
                             "instruct", "compel", "persuade", "invite", "authorize", "authorise", "oblige"})
"""Verbs whose object does what their infinitive says ("ordered HIM to pay", "allowed 880 Soviets to leave")."""


def _named_in(t: Token, parse: Parse, names: _Mentions, head_only: bool = False) -> str | None:
    """The name a noun phrase is (or holds), a he/she resolved to the person named last before it; with
    `head_only`, only a phrase that is a name itself (or in apposition to one), not one a name modifies."""
    if t.lower_ in _PERSONAL:
        return names.person_before(parse.start(t))
    if t.lower_ in _IMPERSONAL:
        # "Intelogic said IT bought 2.7 million shares": the named subject of the verb the clause depends on
        x = t.head
        for _ in range(3):
            if x.dep_ not in ("ccomp", "xcomp", "conj", "advcl") or x.head.i == x.i:
                break
            x = x.head
            subj = _subject(x)
            if subj is not None and subj.lower_ not in _IMPERSONAL | _PERSONAL:
                named = _named_in(subj, parse, names)
                if named is not None:
                    return named
        return names.body_before(parse.start(t), lambda m: _names_something(m, parse))
    # the phrase's own name: the head, its compounds and possessor ("the Indian navy" is not "Indian")
    for c in (t, *sorted((x for x in t.children if x.dep_ in ("compound", "poss", "appos") or (
            x.dep_ == "nmod" and _acts_for(t) and not (x.i + 1 < len(x.doc) and x.doc[x.i + 1].text == ","))),
            key=lambda x: x.i)):  # "U.S. officials" (not an address: "the Wilmington, Mass., company")
        m = names.covering(parse.start(c), parse.end(c))
        if m is not None and not _common_noun(c, m):
            if head_only and c.i != t.i and c.dep_ != "appos" and not _acts_for(t):
                continue  # the day "a BROOKLYN woman was killed", "MAGNA shares closed": no named actor
            return m.surface
    return None


_BODIES = frozenset({"force", "team", "group", "committee", "panel", "board", "council", "commission", "army",
                     "navy", "police", "government", "ministry", "unit", "squad", "delegation", "court", "jury"})


def _acts_for(t: Token) -> bool:
    """A name before a role, a body or a group of people names whom they act for ("a PENTAGON spokesman",
    "HEZBOLLAH fighters", "an Essex County task force"); before one person or a thing it says where the person
    is from or whose the thing is ("a Brooklyn woman", "Magna shares")."""
    word = lemma(t)
    if word in rules.ROLE_WORDS or word in _SPEAKERS or word in _BODIES:
        return True
    entry = rules.thing_class(word)
    return t.tag_ == "NNS" and entry is not None and entry.name == "people"


def _names_something(m: Mention, parse: Parse) -> bool:
    """False for a one-word mention the tagger does not take for a proper noun (a capitalized adverb or
    common noun at the start of a sentence)."""
    toks = parse.tokens(m.start, m.end)
    top = _span_head(toks) if toks else None
    while top is not None and top.dep_ == "nmod" and top.head.tag_ == "NNP" and top.head.i != top.i:
        top = top.head  # "Wilmington" of "Wilmington, Mass."
    if top is not None and top.dep_ == "nmod" and top.head.tag_ in ("NN", "NNS"):
        return False  # "the KEARNY, N.J.-based maker", "the Wilmington, MASS., company": where it is, not who
    return not (len(toks) == 1 and toks[0].tag_ not in ("NNP", "NNPS"))


def _common_noun(t: Token, m: Mention) -> bool:
    """A capitalized word the name finder took for a name ("Floods have claimed...", "Previously, it...") : one
    word, which the tagger does not tag as a proper noun."""
    if " " not in m.surface and t.text == m.surface and t.tag_ == "NN" and t.dep_ in ("nsubj", "nsubjpass") and not any(
            c.dep_ != "punct" for c in t.children) and not t.lower_.endswith("ing"):  # ("SELLING pushed the index")
        return False  # a bare singular subject is a name the tagger did not know ("NORTHWIND released its album")
    return " " not in m.surface and t.text == m.surface and t.tag_ not in ("NNP", "NNPS")


def _modality(pred: Token | None, value: Token, fired: list[str]) -> tuple[str | None, str | None]:
    """(modality, tense) from the predicate's auxiliaries, tag and governors."""
    t = pred if pred is not None and _is_verb(pred) else None
    if t is None:
        # a noun or adjective predicate: the verb above it ("the toll is expected to rise")
        x = pred if pred is not None else value
        for _ in range(_MAX_CLIMB):
            if x.head.i == x.i:
                break
            x = x.head
            if _is_verb(x):
                t = x
                break
    if t is None:
        return None, None
    words: list[str] = []
    tense = None
    chain = [t]
    x = t
    for _ in range(3):  # "is expected to rise": rise <- xcomp <- expected
        if x.dep_ in ("xcomp", "ccomp", "oprd") and x.head.i != x.i:  # "were FEARED trapped": trapped <- oprd
            x = x.head
            chain.append(x)
        else:
            break
    for k, v in enumerate(chain):
        if k or lemma(v) not in _SELF_MODAL_EXEMPT:
            words.append(lemma(v))  # "is SET to open", "EXPECTED to rise" (but "Okafor set a record" is no plan)
        subj = _subject(v)
        if subj is not None:  # "the FIRST COUNT had the party ahead by 190 votes", "PRELIMINARY figures show"
            for c in subj.children:
                if c.dep_ in ("amod", "compound"):
                    words += [c.lower_, f"{c.lower_} {lemma(subj)}"]
        for c in v.children:
            if c.dep_ in ("aux", "auxpass", "neg", "advmod", "npadvmod", "acomp"):  # "is LIKELY to climb"
                words.append(c.lower_)
                if c.dep_ == "advmod" and c.lower_ == "far" and any(g.lower_ == "so" for g in c.children):
                    words.append("so far")
    tag = str(t.tag_)
    aux = [c for c in t.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in ("will", "shall", "'ll", "wo") for a in aux):
        tense = "future"
    elif tag == "VBD" or any(a.tag_ == "VBD" for a in aux) or (tag == "VBN" and any(a.lower_ in ("has", "have", "had") for a in aux)):
        tense = "past"
    elif tag in ("VBZ", "VBP", "VBG") or (tag == "VBN" and any(a.lower_ in ("is", "are", "am", "'s", "'re")
                                                                  for a in aux)):
        tense = "present"  # "the toll IS expected to rise": a present passive
    elif tag == "VBN":
        tense = "past"
    entry = rules.modality_of(words)
    if entry is not None:
        fired.append(entry.ref)
    return (entry.name if entry else None), tense


_PARTITIVE = frozenset({"whom", "them", "which", "those", "these", "us", "you"})


SIZE_NOUNS = frozenset(str(w) for w in rules.NUMBERS["sizes"]["nouns"])
"""Nouns a sum is the size of (the `sizes` table: fund, prize, cheque...)."""


def _sum_of(head: Token) -> Token | None:
    """The noun a sum is the size of, where the sum is not its modifier: "the CHEQUE for €421,000", "the winner's
    CHEQUE was €412,000" (the subject of a copula whose attribute is the sum)."""
    up = head.head
    if head.dep_ == "pobj" and up.dep_ == "prep" and up.lower_ == "for" and _is_noun(up.head) and up.head.i != up.i \
            and lemma(up.head) in SIZE_NOUNS:  # not "bought shares from a holder FOR $3.625": a price
        return up.head
    if head.dep_ == "attr" and lemma(up) == "be":
        subj = _subject(up)
        if subj is not None and _is_noun(subj) and subj.lower_ not in NOT_THINGS:
            return subj
    return None


def _part_of_total(value: Token) -> Token | None:
    """The total a figure is a part of when the parser joined them ("EIGHT of 11 charges": eight is a quantmod
    of 11), else None."""
    total = value.head
    if value.dep_ == "quantmod" and total.i != value.i and total.like_num and any(
            c.dep_ == "quantmod" and c.lower_ == "of" for c in total.children):
        return total
    return None


def _partitive(value: Token) -> bool:
    """"two of whom", "12 of them", "two of the four dead": a part of a group counted elsewhere, not the
    group."""
    if _part_of_total(value) is not None:
        return True  # "eight of 11 charges"
    for c in value.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            # "two OF WHOM", "two OF THE FOUR DEAD": a part of a group that is counted on its own
            return any(g.dep_ == "pobj" and (g.lower_ in _PARTITIVE or g.like_num or any(
                x.dep_ == "nummod" and x.like_num for x in g.children)) for g in c.children)
    return False


def _scope(pred: Token | None, thing: Token | None, parse: Parse, names: _Mentions) -> tuple[str, ...]:
    out: list[str] = []
    for t in (thing, pred):
        if t is None:
            continue
        for c in t.children:
            if c.dep_ != "prep" or c.lower_ not in _SCOPE_PREPS:
                continue
            for g in c.children:
                if g.dep_ != "pobj":
                    continue
                m = names.covering(parse.start(g), parse.end(g))
                if m is not None:
                    out.append(f"{c.lower_} {m.surface}")
                    continue
                head = lemma(g)
                if head in _CONDITION:
                    mods = [x.lower_ for x in g.children if x.dep_ in ("amod", "compound")]
                    out.append(" ".join([c.lower_, *mods, head]))
    return tuple(dict.fromkeys(out))


def build(parse: Parse, mentions: _Mentions, claim: Claim) -> Frame | None:
    """The frame of one claim, or None when its text was not parsed."""
    found = _build(parse, mentions, claim)
    return found[0] if found else None


def _build(parse: Parse, mentions: _Mentions, claim: Claim
           ) -> tuple[Frame, int | None, tuple[int, int, frozenset[int]] | None] | None:
    """The frame, the offset of its predicate token, and the span of its thing's noun phrase."""
    if claim.kind not in FRAMED_KINDS or not parse:
        return None
    toks = parse.tokens(claim.start, claim.end)
    if not toks:
        return None
    fired: list[str] = []
    head = _span_head(toks)
    value = _value_token(toks)
    if claim.kind == "money":
        first = _restated_price(value)
        if first is not None:
            head = value = first
            fired.append("frame:price-restated")
    kind = "percent" if claim.unit == "percent" else claim.kind
    part_of = _part_of_total(value) if claim.kind == "count" else None
    if part_of is not None:
        # "eight of 11 charges", which the parser reads as one number: the part counts the total's noun and
        # stands where the total stands
        fired.append("frame:part-of-a-total")
        head = part_of
    thing = _thing(value, head, toks, kind) if claim.kind in ("count", "quantity", "money", "age", "rank",
                                                             "change") else None
    if part_of is not None and part_of.head.i != part_of.i and _is_noun(part_of.head):
        thing = part_of.head
    if thing is not None and (thing.lower_ in ("%", "percent") or thing.i == value.i):
        thing = _of_object(thing) if thing.i != value.i else None  # "20 percent of the world's oil RESERVES"
    if thing is None and claim.kind in ("quantity", "count", "money", "change"):
        # "72% OF Erbamont's shares", "$5.4 billion IN assets", "1,300 pounds OF explosives"
        thing = next((o for t in toks if (o := _of_object(t)) is not None), None)
    if thing is None and claim.kind == "money":
        thing = _sum_of(head)
    if thing is not None and (thing.lower_ in NOT_THINGS or thing.lower_ in UNITS) and not (
            claim.kind == "count" and thing.lower_ in ("point", "points")):  # "390 POINTS in 11 seasons" counts points
        thing = _of_object(thing)
    below = thing is not None and thing.i > head.i and any(t.i == thing.head.head.i for t in toks)
    # a thing found in an "of" phrase below the figure ("240 kilograms OF cannabis") does not govern it, but
    # it may say what happened ("eight of the 14 KILLINGS", "$2.4 million in RESTITUTION")
    implied = rules.implying_class(lemma(thing)) if below and thing is not None else None
    pred: Token | None
    word: str | None
    classes: tuple[rules.Entry, ...]
    if claim.kind == "magnitude":
        pred, word, classes = None, "magnitude", (rules.TABLE["predicates"]["measured"],)
        fired.append("frame:magnitude")
    elif thing is not None and implied is not None and implied.implies and not implied.fallback:
        pred, word, classes = thing, lemma(thing), (rules.TABLE["predicates"][implied.implies],)
        fired.append("frame:predicate-implied-by-thing")
    else:
        pred, word, classes = _find_predicate(head, None if below else thing, kind, fired)
        fallback = rules.implying_class(lemma(thing)) if thing is not None else None
        if not classes and thing is not None and fallback is not None and fallback.implies and fallback.fallback:
            pred, word, classes = thing, lemma(thing), (rules.TABLE["predicates"][fallback.implies],)
            fired.append("frame:predicate-implied-by-thing(fallback)")
        if not classes and claim.context == "headline":
            found = _headline_verb(value, kind)
            if found is not None:
                pred, word, classes = found
                fired.append("frame:predicate-headline-verb")
    if thing is not None and lemma(thing) == "point" and classes and classes[0].name == "changed":
        thing = None  # "the index fell 39.55 points": the points are the change's unit, not a thing counted
        fired.append("frame:points-of-a-change")
    thing_lemma = lemma(thing) if thing is not None else None
    thing_entry = rules.thing_class(thing_lemma) if thing_lemma else None
    if thing_entry is not None:
        fired.append(thing_entry.ref)
    if thing_entry is not None:
        fitting = tuple(e for e in classes if not e.things or thing_entry.name in e.things)
        if fitting != classes:
            fired.append("frame:predicate-not-for-thing")  # "three cables were CUT" is no job cut
            classes = fitting
    if classes:
        fired.append(classes[0].ref)
    source = _source(pred, head, parse, mentions, fired)
    # a share or a sum: the owner is the subject ("Montedison owns 72% of Erbamont's shares"), so the climb
    # starts at the figure, not at what it is a share of
    percent_like = claim.unit == "percent" or claim.kind == "money"
    # a part of a total ("took 33 OF the assembly's 61 seats") is its taker's, not the total's owner's
    part = below and claim.kind == "count" and _partitive(value)
    holder = _holder(value, None if percent_like or part else thing, pred, parse, mentions, fired,
                     frozenset(t.i for t in toks) | ({thing.i} if thing is not None and percent_like else set()),
                     head_only=claim.kind in DATED_KINDS, price=claim.kind == "money")
    mark = len(fired)
    modality, tense = _modality(pred, head, fired)
    if claim.kind in DATED_KINDS and modality is not None:
        anchor = _verb_above(value)
        if anchor is not None and pred is not None and anchor.i != pred.i and lemma(anchor) in rules.SPEECH_VERBS:
            # "said ON SUNDAY it would buy": the day is the saying's, which happened, whatever it says will
            del fired[mark:]
            modality, tense = _modality(anchor, head, fired)
            fired.append("frame:date-of-the-saying")
    scope = _scope(pred, thing, parse, mentions)
    if _partitive(value):
        scope = (*scope, "part of a group")
        fired.append("frame:partitive")
    return Frame(
        predicate=word, predicate_class=classes[0].name if classes else None,
        predicate_pos=(UPOS.get(pred.tag_) if pred is not None else None),
        classes=tuple(e.name for e in classes),
        predicate_mods=_compounds(pred) if pred is not None and _is_noun(pred) else (),
        thing=thing_lemma, thing_class=(thing_entry.name if thing_entry else thing_lemma),
        model=_model(thing, value),
        holder=holder, source=source, modality=modality, tense=tense, scope=scope,
        rules=tuple(dict.fromkeys(fired)),
    ), (parse.start(pred) if pred is not None else None), _np_span(thing, parse)


_CLAUSAL = frozenset({"relcl", "acl", "advcl", "ccomp", "appos", "parataxis"})


def _np_span(thing: Token | None, parse: Parse) -> tuple[int, int, frozenset[int]] | None:
    """The characters of a thing's noun phrase and the offsets of its tokens, without the clauses that
    modify it: "his 80-yard run on the opening play two weeks ago", not "... the firm he founded in 2019"."""
    if thing is None:
        return None
    keep: list[Token] = []
    stack = [thing]
    while stack:
        t = stack.pop()
        keep.append(t)
        stack.extend(c for c in t.children if c.dep_ not in _CLAUSAL)
    starts = frozenset(parse.start(t) for t in keep)
    return min(starts), max(parse.end(t) for t in keep), starts


def _opening_date(doc: Doc, dates: list[Claim], c: Claim) -> Claim | None:
    """A date that opens the claim's sentence as an adverbial set off by a comma ("Earlier this year, ...",
    "In January, ..."): it dates every clause of the sentence."""
    lo, _hi = doc.sentence_bounds(c.start)
    for d in dates:
        if d.start < lo or d.start >= c.start:
            continue
        lead = doc.text[lo:d.start].strip(" \t\n\"'“‘(").lower()
        if lead in ("", "in", "on", "earlier", "later", "since", "by", "last", "during", "earlier in", "early",
                    "late") and doc.text[d.end:d.end + 1] == ",":
            return d
        if lead == "in" and re.fullmatch(r"\d{4}", d.value):
            return d  # "In 2011 its sister ship struck the quay": a year opens the sentence without a comma
    return None


Built = tuple[Frame, int | None, tuple[int, int, frozenset[int]] | None] | None


def _build_all(doc: Doc, parse: Parse, names: _Mentions, claims: list[Claim]) -> list[Built]:
    """The frames of the claims. A sentence the article repeats word for word (a pasted paragraph, a page of
    one line) would be read again for every copy: a copy whose sentence, whose text back to the reach of a
    pronoun, whose names and sentence starts there, whose parsed chunk and whose claim (its offsets taken
    from its sentence) are all those of a copy read before gets that copy's frame, its offsets moved."""
    text, layout = doc.text, doc.layout
    repeated = {k for k, n in Counter(text[a:b] for a, b in layout.sentences).items() if n > 1}
    seen: dict[tuple[object, ...], tuple[Built, int]] = {}
    out: list[Built] = []
    for c in claims:
        lo, hi = doc.sentence_bounds(c.start)
        if c.kind not in FRAMED_KINDS or text[lo:hi] not in repeated:
            out.append(_build(parse, names, c))
            continue
        wlo = doc.sentence_bounds(max(0, lo - PRONOUN_REACH))[0]
        first, last = bisect.bisect_left(names.starts, wlo), bisect.bisect_right(names.starts, hi)
        chunk = parse.chunk_span(c.start)
        key = (text[wlo:hi], lo - wlo, replace(c, start=c.start - lo, end=c.end - lo, sentence=0),
               None if chunk is None else (chunk[0] - lo, chunk[1] - lo),
               tuple((m.start - lo, m.end - lo, m.type, m.surface) for m in names.items[first:last]),
               tuple(x - lo for x in layout.starts[bisect.bisect_left(layout.starts, wlo):
                                                   bisect.bisect_right(layout.starts, hi)]))
        hit = seen.get(key)
        if hit is None:
            b = _build(parse, names, c)
            seen[key] = (b, c.start)
            out.append(b)
            continue
        b, at = hit
        d = c.start - at
        out.append(None if b is None else (
            b[0], None if b[1] is None else b[1] + d,
            None if b[2] is None else (b[2][0] + d, b[2][1] + d, frozenset(x + d for x in b[2][2]))))
    return out


def attach(doc: Doc, claims: Iterable[Claim]) -> list[Claim]:
    """Every claim of an article with its frame (claims of kinds without frames unchanged). A figure whose
    predicate also governs a date ("five cables were cut IN JANUARY") carries that date as its `when`."""
    parse = doc.parse
    claims = list(claims)
    if parse is None or not parse:
        return claims
    def pronoun_before(si: int, pos: int) -> bool:
        lo, _hi = doc.layout.sentence_span(si)
        return bool(_HE_SHE.search(doc.text, lo, pos))

    names = _Mentions(doc.mentions, doc.sentence_of, pronoun_before)
    built = _build_all(doc, parse, names, claims)
    dated: dict[int, Claim] = {}
    dates = [c for c in claims if c.kind == "date" and c.context not in ("post", "dateline")]
    is_date = {id(c) for c in dates}  # by identity: comparing claims field by field per claim was quadratic
    by_sentence: dict[int, list[Claim]] = {}
    for d in dates:
        by_sentence.setdefault(d.sentence, []).append(d)
    for c, b in zip(claims, built, strict=True):
        if b is not None and b[1] is not None and id(c) in is_date:
            dated.setdefault(b[1], c)
    out = []
    for c, b in zip(claims, built, strict=True):
        if b is None:
            out.append(c)
            continue
        f, pred_at, np = b
        when = dated.get(pred_at) if pred_at is not None and c.kind != "date" else None
        if when is None and np is not None and c.kind != "date":
            # a date inside the figure's own noun phrase: "the 80-yard run in the game two weeks ago"
            near = by_sentence.get(c.sentence, ())
            when = next((d for d in near if np[0] <= d.start and d.end <= np[1] and d.start in np[2]), None)
        opener = None
        if when is None and c.kind != "date":
            opener = _opening_date(doc, by_sentence.get(c.sentence, []), c)  # "Earlier this year, ... only two lines were snapped then"
            when = opener
        if when is not None:
            span = (when.low, when.high) if when.low is not None and when.high is not None else None
            before = int(doc.published.toordinal() - span[1]) if span and doc.published else None
            recalled = before is not None and before > RECALLED_DAYS
            f = replace(f, when=when.value, when_span=span, recalled=recalled, days_before=before,
                        rules=(*f.rules, "frame:when-sentence-opener" if opener else "frame:when-date-of-predicate"))
            first = when.surface.split()[0].lower() if when.surface.split() else ""
            if f.modality is None and first in rules.TABLE["modality"]["earlier"].words:
                # "EARLIER this year, ... two lines were snapped": an earlier occasion than the story's own
                f = replace(f, modality="earlier", rules=(*f.rules, "modality.earlier"))
        out.append(replace(c, frame=f))
    return out
