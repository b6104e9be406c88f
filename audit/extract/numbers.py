"""Counts and quantities with what they count: people, yards, dollars, km, magnitudes, ages.

Values are normalized: number words become digits, "2.6 million" becomes 2600000, miles
become metres, and a qualifier ("at least", "more than", "about") becomes an interval
in `low`/`high`, so that "at least 40" and "43" can be judged compatible.
"""

from __future__ import annotations

import math
import re
from typing import cast

from audit import rules
from audit.extract.base import (
    NUMBER_WORD_RE,
    VAGUE,
    Doc,
    Mention,
    Taken,
    extra,
    fmt_number,
    frame,
    parse_number,
    stem,
)
from audit.model import Claim
from audit.nlp import Parse, lemma

_T = rules.NUMBERS
QUALIFIERS: dict[str, tuple[float, float]] = {
    str(k): (float(v[0]), float(v[1])) for k, v in _T["qualifiers"]["bounds"].items()}
_QUAL_RE = "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True))
SCALES: dict[str, float] = {**{str(k): float(v) for k, v in _T["scales"]["values"].items()},
                            **{str(k): float(v) for k, v in _T["scales"]["abbreviations"].items()}}
CURRENCY: dict[str, str] = {str(k): str(v) for k, v in _T["currency_symbols"]["codes"].items()}
CURRENCY_WORDS: dict[str, str] = {str(k): str(v) for k, v in _T["currency_words"]["codes"].items()}
"""Currencies written as words after the figure ("85 million euros")."""
SUBUNITS = frozenset(str(w) for w in _T["currency_words"]["subunits"])
"""Currency words worth a hundredth of the unit ("rose 4 cents", "five pence")."""
_NATIONAL: dict[str, str] = {str(k): str(v) for k, v in _T["currency_words"]["national"].items()}
UNITS: dict[str, tuple[str, float]] = {
    str(k): (str(v[0]), float(v[1])) for k, v in _T["units"]["factors"].items()}
"""Unit -> (dimension, factor to the base unit)."""
TIME_UNITS: dict[str, int] = {str(k): int(v) for k, v in _T["time_units"]["seconds"].items()}
_OF_THE = re.compile(r"\s+of\s+(?:(?:the|its|their|his|her)\s+(?:\d[\d,]*\s+)?|\d[\d,]*\s+(?=[a-z]))")
"""What a bare figure counts: "112 OF THE 349 seats", "eight OF 11 charges"."""
_TALLIES = rules.NUMBERS["tallies"]


def _alternation(words: object) -> str:
    return "|".join(sorted((re.escape(str(w)).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True))  # type: ignore[attr-defined]


_TALLY = re.compile(
    rf"\b(?:(?P<noun>{_alternation(_TALLIES['nouns'])})|(?:{_alternation(_TALLIES['totals'])})\s+of\s+(?:the\s+)?"
    rf"(?P<of>[a-z]+))\b(?P<gap>(?:\s+[A-Za-z][\w'’-]*){{0,12}}?)\s+(?:{_alternation(_TALLIES['links'])})\s+"
    rf"(?:about\s+|around\s+|nearly\s+|almost\s+)?$", re.IGNORECASE)


def _tally_before(text: str, lo: int, s: int) -> str:
    """The tally noun a bare figure at `s` counts ('the death TOLL has risen to 26', 'the number of DEAD reached 40')."""
    m = _TALLY.search(text, max(lo, s - 160), s)
    if m is None:
        return ""
    return (m.group("noun") or m.group("of") or "").lower()


def _fronted_of(doc: Doc, s: int) -> str:
    """The noun of a fronted 'of' phrase a bare figure counts: 'OF the private WELLS tested ..., 37 exceeded'."""
    tok = doc.parse.token_at(s) if doc.parse else None
    if tok is None or not tok.like_num or tok.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return ""
    for c in tok.head.children:
        if c.dep_ == "prep" and c.lower_ == "of" and c.i < tok.i:
            for g in c.children:
                if g.dep_ == "pobj" and g.tag_.startswith("NN"):
                    return g.text
    return ""


_PEOPLE_ACTS = frozenset({"killed", "injured", "missing", "rescued", "evacuated", "arrested"})
TOTAL_NOUNS = frozenset(_TALLIES["totals"])
"""Nouns that stand for the figure of their 'of' phrase: 'a total of 40', 'the number of 40'."""


def _counts_people(doc: Doc, s: int) -> bool:
    """A bare figure that is the object or passive subject of an act done to people ('killed 23', '23 were hurt')."""
    tok = doc.parse.token_at(s) if doc.parse else None
    if tok is not None and tok.like_num and tok.dep_ == "pobj" and tok.head.lower_ == "of" \
            and tok.head.head.lower_ in TOTAL_NOUNS:
        tok = tok.head.head  # "a TOTAL of 40 were arrested": the total stands where the figure would
    if tok is None or not (tok.like_num or tok.lower_ in TOTAL_NOUNS) or tok.dep_ not in ("dobj", "nsubjpass", "nsubj"):
        return False
    head = tok.head
    if not head.tag_.startswith("VB"):
        return False
    if tok.dep_ == "nsubj" and not any(c.dep_ in ("acomp", "oprd") for c in head.children) and lemma(head) != "die" \
            and head.tag_ != "VBN":  # "23 KILLED in bus crash" (a headline's passive) counts the dead too
        return False  # "23 died" counts the dead; "23 said" counts nobody
    words = {lemma(head), head.lower_}
    return any(e.name in _PEOPLE_ACTS for w in words for e in rules.predicate_classes(w, "count"))


def _described_person(doc: Doc, noun: str, offset: int) -> str | None:
    """The person 'the 36-year-old FINN' or 'the 34-year-old CAPTAIN' describes: for a role, the one person the
    article gives that role; else, for a nationality (a capitalized word that is no name of its own) or a word
    for a person ('the 58-year-old FOUNDER', 'the 56-year-old former chief EXECUTIVE'), the article's most
    named person, when no other person is named half as often. None when that is not clear."""
    people = [m for m in doc.mentions if m.type == "person"]
    if not people:
        return None
    holders = {m.surface for m in people if m.role and m.role.lower() == noun.lower()}
    if len(holders) == 1:
        return holders.pop()
    if holders:
        return None
    nationality = noun[:1].isupper() and not any(m.surface != noun and noun in m.surface.split() for m in doc.mentions)
    personal = noun[:1].islower() and (noun.lower() in rules.ROLE_WORDS or _is_person_word(noun.lower()))
    if not (nationality or personal):
        return None
    return _most_named(doc, people)


def _is_person_word(word: str) -> bool:
    """A word for a person ("founder", "pilot"): the people class of the thing table."""
    entry = rules.thing_class(word) or rules.thing_class(stem(word))
    return entry is not None and entry.name == "people"


def _most_named(doc: Doc, people: list[Mention]) -> str | None:
    """The person an article names most (full name and surname alone, the surname going to the first person named
    with it), when no other is named half as often."""
    full = [m for m in people if len(m.surface.split()) >= 2]
    owner: dict[str, str] = {}
    for m in sorted(full, key=lambda m: m.start):
        owner.setdefault(m.surface.split()[-1], m.surface)
    counts: dict[str, int] = {}
    for m in doc.mentions:
        if m.type not in ("person", "name"):
            continue
        name = m.surface if m.surface in owner.values() else owner.get(m.surface) if len(m.surface.split()) == 1 else None
        if name:
            counts[name] = counts.get(name, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
        return ranked[0][0]
    return None


FRACTIONS: dict[str, float] = {str(k): float(v) for k, v in rules.NUMBERS["fractions"]["values"].items()}
FRACTION_COUNTS: dict[str, int] = {str(k): int(v) for k, v in rules.NUMBERS["fractions"]["counts"].items()}
_FRACTION = re.compile(
    rf"\b(?:(?P<qual>about|nearly|almost|roughly|more than|less than|over|under)\s+)?"
    rf"(?:(?P<n>{'|'.join(sorted(FRACTION_COUNTS, key=len, reverse=True))})[\s-])?"
    rf"(?P<f>{'|'.join(sorted(FRACTIONS, key=len, reverse=True))})\s+of\b(?!\s+(?:a|an)\s+(?:mile|kilomet|hour|century|season))",
    re.IGNORECASE)
_RACE_TIME = re.compile(r"(?<![\d:.])(?:(?P<h>\d{1,2}):(?P<m>[0-5]\d):(?P<s>[0-5]\d)(?![\d:])|(?P<h2>\d{1,2})\s?h(?:rs?|ours?)?"
                        r"\s*(?P<m2>\d{1,2})\s?min(?:utes?|s)?(?:\s*(?P<s2>\d{1,2})\s?s(?:ec(?:onds?|s)?)?)?\b)")
"""A time taken written as a clock: a race's "2:07:31", "2h 07min 31sec" (hours, minutes, seconds)."""
_RACE_TIME_KEY = re.compile(r"\d:[0-5]\d:[0-5]\d|\d\s?h(?:rs?|ours?)?\s*\d")
"""What every such time holds: a cheap test before the full pattern."""
_TEMPERATURE = re.compile(r"(?<![\w.-])(?:(?P<qual>above|over|more than|below|under|less than|about|around|nearly|almost|"
                          r"roughly|at least|at most|up to)\s+)?(?P<n>[-−]?\d{1,3}(?:\.\d)?)(?:\s*°\s*(?P<scale>[CF])\b|\s*(?:°|degrees?)"
                          r"(?:\s+(?P<scale2>Celsius|Fahrenheit|centigrade|C|F)\b)?|(?P<cscale>[CF])\b)(?!-)")
_TEMP_BOUNDS = {"above": (0.0, math.inf), "over": (0.0, math.inf), "more than": (0.0, math.inf), "at least": (0.0, math.inf),
                "below": (-math.inf, 0.0), "under": (-math.inf, 0.0), "less than": (-math.inf, 0.0),
                "at most": (-math.inf, 0.0), "up to": (-math.inf, 0.0), "about": (-2.0, 2.0), "around": (-2.0, 2.0),
                "roughly": (-2.0, 2.0), "nearly": (-2.0, 0.0), "almost": (-2.0, 0.0)}
"""Bounds of a qualified temperature, in degrees of the scale written ("above 80 degrees")."""
_COMPACT_TEMP = re.compile(r"\d[CF]\b")
_TEMPERATURE_CUE = re.compile(r"\b(?:temperatures?|thermometers?|heat|hot|cold|warm|degrees|highs?|lows?|°)\b", re.IGNORECASE)


def _article_scale(doc: Doc) -> str | None:
    """The one temperature scale an article names ("Fahrenheit" or "Celsius"), for its bare "79 degrees"
    (read once per article)."""
    if "scale" in doc.memo:
        return cast("str | None", doc.memo["scale"])
    text = doc.text
    low = text.lower()
    f = "fahrenheit" in low or bool(re.search(r"\d\s*°?F\b", text))
    c = "celsius" in low or "centigrade" in low or bool(re.search(r"\d\s*°?C\b", text))
    found = "f" if f and not c else "c" if c and not f else None
    doc.memo["scale"] = found
    return found


_PER_UNIT = re.compile(r"\s*(?:each|apiece|a head|a piece|per (?:person|passenger|head|share|customer|member|"
                       r"household|family|victim|worker|employee)|a share|a person)\b", re.IGNORECASE)
"""A sum paid per person or per share ("2,500 pounds each", "$27 a share")."""
_EACH_BEFORE = re.compile(r"\beach\s+(?!(?:of|year|month|week|day|time|season|quarter)\b)[a-z]+\s+(?:(?:a|an|the)\s+)?$",
                          re.IGNORECASE)
"""... or with "each" before it ("pay each passenger 2,500 pounds")."""
_POSITION_BEFORE = re.compile(r"\b(?:by|from|after|past|beyond|until)\s+$", re.IGNORECASE)
"""A length after one of these is a point along a route ("by 35 kilometers", "from 35km"), not a length."""
_APPOSITION = re.compile(r"\s*,\s*(?:the|a|an)\s+", re.IGNORECASE)
_PERIODS = frozenset(str(w) for w in rules.NUMBERS["periods"]["nouns"])
_WINDOW = re.compile(r"\b(?:the|its|his|her|their|this|these|those|our|my)\s+(?:past|last|previous|next|coming|first|"
                     r"final|opening|closing|following|preceding)\s+$", re.IGNORECASE)
_OF_ANY = re.compile(r"\s+of\s+(?:the\s+|its\s+|their\s+)?")
_LINKING_WORDS = frozenset({"on", "for", "to", "by", "of", "in", "and", "or", "against"})
_WORD_AT = re.compile(r"[A-Za-z][A-Za-z'’]*")
PEOPLE = frozenset("people persons person dead killed injured wounded victims residents children adults "
                   "soldiers civilians passengers workers employees staff fans spectators students".split())
_NOUN_STOP = frozenset("and or of the a an to in on at for with by from as is was were are be been has have had "
                       "that which who than then per each after before since during until while because if when "
                       "although into onto over under about around through across between among against without "
                       "within near".split())

_CODES = "|".join(sorted(k.upper() for k in CURRENCY if len(k) == 3 and k.isalpha()))
"""ISO codes written before a figure ("GBP 1,500", "EUR 2.5 million"), from the currency table."""
_NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+|{NUMBER_WORD_RE})"
_QUANTITY = re.compile(
    rf"(?<![\w.,$£€¥/:-])(?:(?P<qual>{_QUAL_RE})\s+)?(?P<cur>US\$|A\$|C\$|\$|€|£|¥|Rs\.?\s?|(?:{_CODES})\s?(?=\d)|e(?=\d[\d.,]*\s?(?:million|billion|bn|m)\b))?(?P<num>{_NUM})"
    rf"(?:(?:\s?|-(?=(?:thousand|million|billion|trillion)\b))(?P<scale>thousand|million|billion|trillion|mn|bn|tn|[mbk])\b)?"
    rf"(?P<hy>-(?=[a-z]))?(?P<unitsym>%|\s?per cent\b|\s?percent\b)?",
    re.IGNORECASE,
)
_HALF_MILE = re.compile(r"\b(?:(?P<qual>about|around|nearly|almost|roughly|some)\s+)?(?:(?P<lead>half a|a quarter of a)\s+(?P<u1>mile|kilometre|kilometer|km)|(?P<a>a|one)\s+(?P<u2>mile|kilometre|kilometer)\s+and\s+a\s+half)\b", re.IGNORECASE)
_AGE = [
    re.compile(r"\b(?P<n>\d{1,3})-year-old\b"),
    re.compile(r"\baged\s+(?P<n>\d{1,3})\b"),
    re.compile(r"\bage\s+(?P<n>\d{1,3})\b"),
    re.compile(r"(?P<name>[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,3}),\s+(?P<n>\d{1,3}),"),
    re.compile(r"(?P<name>[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,3}),\s+who\s+(?:is|was|turns|turned)\s+(?P<n>\d{1,3})\b"
               r"(?!\s*(?:%|percent|per cent|years? (?:ago|later|earlier)))"),
]
_MAGNITUDE = re.compile(
    r"\b(?:magnitude(?:-|\s+|\s+(?:of|was|is|at|was put at)\s+)(?P<a>\d(?:\.\d)?)|(?P<b>\d(?:\.\d)?)[- ]magnitude|(?P<c>\d(?:\.\d)?)\s+on the Richter scale"
    r"|(?:quake|earthquake|tremor|temblor|aftershock)s?\s+(?:measured|registered|was measured at|measuring|registering|"
    r"of)\s+(?:magnitude\s+)?(?P<d>\d(?:\.\d)?)(?![\d.,]*\s*(?:km|kilomet|mile|metre|meter|%|percent)))", re.IGNORECASE)


_IDIOM_NUMBERS = {"six": "pick|deep", "five": "high|low", "two": "number", "one": "number|no"}
"""Number words that are part of an idiom after these words, not a count."""
_ID_BEFORE = re.compile(r"(?<![.!?]\s)\b([A-Z][A-Za-z]+)[\s-]+$")


def _identifier(text: str, s: int, e: int) -> bool:
    """A number right after a capitalized noun and ending its phrase: "Channel 16 from", "Flight 370,"."""
    before = _ID_BEFORE.search(text[max(0, s - 24):s])
    if not before or before.group(1).lower() in _NOT_NAMES:
        return False
    line_start = text.rfind("\n", 0, s) + 1
    if not text[line_start:s - len(before.group(0))].strip():
        return False  # the capital is the line's first word ("Nine dead" headline, "Police 12")
    if before.group(1).isupper():
        return True  # "AK 47 guns", "F-16 jets": an acronym's number is its model
    after = re.match(r"\s*([A-Za-z]+)?", text[e:e + 20])
    nxt = after.group(1) if after else None
    return nxt is None or nxt.lower() in _NOUN_STOP or nxt[0].isupper()


_NOT_NAMES = frozenset("""the a an and or of in on at to by for with from as than about some at least more nearly almost
    over under up only just around roughly approximately killed injured dead wounded people""".split()) | frozenset(
    m.lower() for m in ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                        "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
                        "Sept", "Oct", "Nov", "Dec", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                        "Saturday", "Sunday"))


def _head_noun(text: str, pos: int, limit: int, parse: Parse | None = None) -> tuple[str, int, int, list[str]]:
    """The noun phrase after a number: returns (head noun, start, end, modifier words). With the sentence's
    parse, a word the tagger calls a finite verb ends the phrase ("four robbers MADE off")."""
    words: list[tuple[str, int, int]] = []
    for m in re.finditer(r"[A-Za-z][A-Za-z'’-]*", text[pos:min(limit, pos + 60)]):
        if text[pos + (words[-1][2] if words else 0): pos + m.start()].strip(" "):
            break  # punctuation between words ends the phrase
        w = m.group(0)
        head, dash, rest = w.partition("-")
        if dash and rest.lower().endswith(("ing", "ed")) and (head.lower() in UNITS or head.lower() in TIME_UNITS):
            words.append((head, m.start(), m.start() + len(head)))  # "4,051 yards-breaking a record": yards
            break
        if w.lower() in _NOUN_STOP:
            break
        if parse is not None:
            tok = parse.token_at(pos + m.start())
            if tok is not None and tok.tag_.startswith(("VB", "MD")) and tok.dep_ not in ("amod", "compound") and not (
                    w.lower() in PEOPLE and tok.dep_.startswith("nsubj")):  # "40 injured were taken": the injured
                break
        words.append((w, m.start(), m.end()))
        if len(words) >= 3:
            break
    if not words:
        return "", pos, pos, []
    # the head is the last word unless a later word is a verb-like word
    head_i = len(words) - 1
    for i, (w, _, _) in enumerate(words):
        if w.lower().endswith(("ed", "ing")) and i > 0:
            head_i = i - 1
            break
        if w.lower() in PEOPLE or w.lower() in UNITS or w.lower() in TIME_UNITS:
            head_i = i
            break
    head = words[head_i][0]
    mods = [w.lower() for w, _, _ in words[:head_i]] + [w.lower() for w, _, _ in words[head_i + 1:]]
    return head, pos + words[0][1], pos + words[head_i][2], mods


ASPECTS = {
    "depth": ("depth", "deep", "beneath", "underground"), "height": ("high", "height", "tall", "storey", "story"),
    "length": ("long", "length"), "width": ("wide", "width"),
    "distance": ("away", "distance", "from", "south", "north", "east", "west", "south-east", "south-west",
                 "north-east", "north-west", "southeast", "southwest", "northeast", "northwest", "off"),
}


def _aspect(clause: str) -> str | None:
    """What a measurement measures, when its clause says: depth, height, length, width or distance."""
    words = set(re.findall(r"[a-z-]+", clause.lower()))
    found = sorted(k for k, ws in ASPECTS.items() if words & set(ws))
    return found[0] if len(found) == 1 else None


def _interval(value: float, qual: str | None) -> tuple[float, float]:
    if not qual:
        return value, value
    lo, hi = QUALIFIERS[qual.lower()]
    return value * lo, (value * hi if hi != math.inf else math.inf)


def extract(doc: Doc) -> list[Claim]:
    text = doc.text
    claims: list[Claim] = []
    taken = Taken(len(text))

    def free(s: int, e: int) -> bool:
        return taken.free(s, e)

    def add(claim: Claim) -> None:
        taken.take(claim.start, claim.end)
        claims.append(claim)

    for m in _FRACTION.finditer(text):
        s, e = m.start("n") if m.group("n") else m.start("f"), m.end("f")
        if not free(m.start(), m.end()) or (m.group("n") is None and m.group("f").lower() != "half"):
            continue
        count = FRACTION_COUNTS.get((m.group("n") or "a").lower(), 1)
        pct = round(100 * count * FRACTIONS[m.group("f").lower()], 1)
        if pct > 100:
            continue
        qual = (m.group("qual") or "").lower() or None
        lo, hi = _interval(pct, qual) if qual in QUALIFIERS else (pct, pct)
        lo, hi = max(0.0, lo - 1.0), min(100.0, hi + 1.0) if hi != math.inf else hi  # "a third" is 33%, give or take
        fnoun, _, _, fmods = _head_noun(text, m.end(), len(text), doc.parse)
        fr = frame(doc, s, e)
        add(doc.claim("quantity", f"{fmt_number(pct)} percent", m.start(), e, "quantity", qualifier=qual, low=lo,
                      high=hi, unit="percent", trigger=fr.trigger, topic="percent" + (f" ({fnoun.lower()})" if fnoun else ""),
                      extra=extra(names=fr.names(), words=fr.words, noun=stem(fnoun) if fnoun else None,
                                  mods=tuple(fmods), raw=text[s:e], fraction="yes")))

    for m in _MAGNITUDE.finditer(text):
        v = m.group("a") or m.group("b") or m.group("c") or m.group("d")
        fr = frame(doc, m.start(), m.end())
        add(doc.claim("magnitude", v, m.start(), m.end(), "magnitude", low=float(v), high=float(v), unit="magnitude",
                      trigger=fr.trigger, topic="magnitude", extra=extra(names=fr.names(), words=fr.words)))

    for rx in _AGE:
        for m in rx.finditer(text):
            s, e = m.start("n"), m.end("n")
            if not free(m.start(), m.end()):
                continue
            age = int(m.group("n"))
            if not 0 < age < 125:
                continue
            fr = frame(doc, s, e)
            subject = None
            if "name" in m.groupdict() and m.group("name"):
                ms = [x for x in doc.mentions if x.start >= m.start("name") and x.end <= m.end("name")]
                if not ms:
                    continue
                subject = ms[-1].surface
            else:
                noun, _, noun_end, _ = _head_noun(text, m.end(), len(text), doc.parse)
                prev = [x for x in fr.mentions if x.end <= m.start()]
                # "Okoro, 29-year-old" or, in apposition, "Ruud Okoro, the 27-year-old Dutchman"
                subject = prev[-1].surface if prev and (m.start() - prev[-1].end < 4 or _APPOSITION.fullmatch(
                    text, prev[-1].end, m.start())) else None
                if subject is None and noun and noun[:1].islower():
                    # "the 48-year-old pilot, Tomas Greer,": the name in apposition after the noun
                    after = re.match(r"\s*,\s*", text[noun_end:noun_end + 4])
                    if after:
                        at = noun_end + after.end()
                        subject = next((x.surface for x in fr.mentions if x.start == at and x.type == "person"), None)
                if subject is None and noun:
                    subject = _described_person(doc, noun, m.start()) or noun.lower()
            add(doc.claim("age", str(age), m.start(), m.end(), "age", low=float(age), high=float(age), unit="years",
                          subject=subject, trigger=fr.trigger, topic=f"age of {subject}" if subject else "age",
                          extra=extra(names=fr.names(), words=fr.words)))

    for m in (_RACE_TIME.finditer(text) if _RACE_TIME_KEY.search(text) else ()):
        if not free(m.start(), m.end()):
            continue
        if m.group("h") is not None:
            h, mi, sec = int(m.group("h")), int(m.group("m")), int(m.group("s"))
        else:
            h, mi, sec = int(m.group("h2")), int(m.group("m2")), int(m.group("s2") or 0)
        if mi > 59 or sec > 59:
            continue
        total = h * 3600 + mi * 60 + sec
        fr = frame(doc, m.start(), m.end())
        hms = f"{h}:{mi:02d}:{sec:02d}"
        add(doc.claim("duration", hms, m.start(), m.end(), "duration", low=float(total), high=float(total),
                      unit="second", trigger=fr.trigger, topic="time taken",
                      note=None if m.group(0) == hms else f"{m.group(0)} = {hms}",
                      extra=extra(names=fr.names(), words=fr.words, noun="second", raw=m.group(0), clock="yes")))

    for m in (_TEMPERATURE.finditer(text) if doc.has("degree", "°", "celsius", "fahrenheit") or _COMPACT_TEMP.search(text)
              else ()):
        if not free(m.start(), m.end()):
            continue
        raw_scale = (m.group("scale") or m.group("scale2") or m.group("cscale") or "").lower()
        if m.group("cscale") and not _TEMPERATURE_CUE.search(text, *doc.sentence_bounds(m.start())):
            continue  # "26C" is a temperature only where the sentence speaks of one ("Room 26C" is not)
        scale = raw_scale[:1] if raw_scale else _article_scale(doc)
        if scale not in ("c", "f"):
            continue  # "79 degrees" in an article that names no scale: an angle or a temperature, unknown which
        degrees = float(m.group("n").replace("−", "-"))

        def to_c(x: float, scale: str = scale) -> float:
            return x if scale == "c" else (x - 32) * 5 / 9

        celsius = to_c(degrees)
        qual = (m.group("qual") or "").lower() or None
        lo_n, hi_n = _TEMP_BOUNDS.get(qual or "", (-0.5, 0.5))  # the rounding of the figure as written, or its bound
        fr = frame(doc, m.start(), m.end())
        shown = fmt_number(round(celsius))
        add(doc.claim("quantity", f"{shown} °C", m.start(), m.end(), "temperature", low=to_c(degrees + lo_n),
                      high=to_c(degrees + hi_n), unit="°C", trigger=fr.trigger, topic="temperature", qualifier=qual,
                      note=None if scale == "c" and raw_scale else f"{m.group(0)} = {fmt_number(round(celsius, 1))} °C",
                      extra=extra(names=fr.names(), words=fr.words, noun="°C", raw=m.group(0), aspect="temperature")))

    for m in _HALF_MILE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        unit = (m.group("u1") or m.group("u2")).lower()
        base = 1609.344 if unit == "mile" else 1000.0
        n: float = (0.5 if m.group("lead").lower() == "half a" else 0.25) if m.group("lead") else 1.5
        qual = m.group("qual")
        lo, hi = _interval(n * base, qual)
        fr = frame(doc, m.start(), m.end())
        add(doc.claim("quantity", f"{fmt_number(round(n * base))} m", m.start(), m.end(), "length",
                      qualifier=qual, low=lo, high=hi, unit="m", trigger=fr.trigger, topic="distance",
                      note=f"{m.group(0).strip()} = {fmt_number(round(n * base))} m",
                      extra=extra(names=fr.names(), words=fr.words, noun="m", aspect=_aspect(text[fr.lo:fr.hi]))))

    for m in _QUANTITY.finditer(text):
        s, e = m.start(), m.end()
        if not free(s, e):
            continue
        raw = m.group("num")
        if raw.lower() in ("one",) and not m.group("qual"):
            continue  # "one" is mostly a pronoun
        value = parse_number(raw)
        if value is None or (raw[-1].isalpha() and text[m.end("num"):m.end("num") + 1].isalpha()):
            continue
        vague = VAGUE.get(" ".join(raw.lower().split()))
        follow = text[e: e + 3]
        lead_in = text[max(0, s - 2): s]
        if lead_in.endswith(("’", "'")) or (raw[-1].isdigit() and not m.group("hy") and re.match(r"[A-Za-z]", follow) and not (
                m.group("scale") or m.group("unitsym") or re.match(r"(?:km|kg|mm|cm|ft|lb|mph)", follow))):
            continue  # "’66 squad" (a year), "3D" (a name)
        if re.match(r"[-–]\d|:\d|/\d|\.\d|(?:st|nd|rd|th)\b", follow) or re.search(r"[-–/]$", lead_in.strip()[-1:] or "x"):
            continue
        if re.match(r"\s*(?:a\.m\.|p\.m\.|am\b|pm\b)", text[e:e + 6], re.IGNORECASE):
            continue
        if raw.isdigit() and len(raw) == 4 and 1800 <= int(raw) <= 2100 and not m.group("cur"):
            continue  # a year
        if raw[0].isdigit() and not m.group("cur") and not m.group("qual") and _identifier(text, s, e):
            continue  # "Channel 16", "Flight 370", "Route 66": a name's number, not a count
        if raw.lower() in _IDIOM_NUMBERS and re.search(rf"\b(?:{_IDIOM_NUMBERS[raw.lower()]})\s+$", text[max(0, s - 12):s],
                                                        re.IGNORECASE):
            continue  # "a pick six", "a high five", "at sixes and sevens"
        scale = m.group("scale")
        if scale and scale.lower() == "m" and not m.group("cur"):
            scale = None  # "10m" is metres; "$10m" is money
            e = m.end("num")
        if scale:
            value *= SCALES[scale.lower()]
        cur = m.group("cur")
        qual = m.group("qual")
        unitsym = m.group("unitsym")
        fr = frame(doc, s, e)
        kind, unit, noun = "count", None, ""
        compound = False
        mods: list[str] = []
        note = None
        if cur:
            kind, unit = "money", CURRENCY.get(cur.strip().lower(), cur.strip())
            noun, _, ne, mods = _head_noun(text, e, fr.hi, doc.parse)
        elif unitsym:
            kind, unit = "quantity", "percent"
            noun, _, ne, mods = _head_noun(text, e, fr.hi, doc.parse)
        else:
            noun, ns, ne, mods = _head_noun(text, e, fr.hi, doc.parse)
            if vague:
                noun, mods = "", []  # "millions around the world", "thousands more": only "hundreds OF x" says what
            low_noun = noun.lower()
            money_word = CURRENCY_WORDS.get(low_noun)
            if money_word and (scale or low_noun != "pounds" or text[ne:ne + 9].lower().strip().startswith("sterling")
                               or re.search(r"\b(?:worth|valued|cost|paid|pay|price|fine|bail)\b", text[max(0, s - 40):s])):
                # "85 million euros", "74 million pounds": money ("12 pounds" alone is a weight)
                kind, unit = "money", money_word
                national = re.search(r"\b(canadian|australian|hong kong|new zealand|singapore|u\.s\.|us|american)\s+$",
                                     text[max(0, ne - len(noun) - 16):ne - len(noun)], re.IGNORECASE)
                if national and money_word in ("USD",) and low_noun in ("dollar", "dollars", "cent", "cents"):
                    unit = _NATIONAL[national.group(1).lower()]
                if low_noun in SUBUNITS:
                    value /= 100
                e = max(e, ne)
            if kind == "money":
                pass
            elif low_noun in UNITS:
                dim, factor = UNITS[low_noun]
                kind = "quantity"
                if dim in ("length", "mass", "speed") and factor != 1.0:
                    note = f"{raw} {noun} = {fmt_number(round(value * factor, 1))} {'m' if dim == 'length' else ('kg' if dim == 'mass' else 'km/h')}"
                    value *= factor
                    unit = {"length": "m", "mass": "kg", "speed": "km/h"}[dim]
                else:
                    unit = {"length": "m", "mass": "kg", "speed": "km/h"}.get(dim, low_noun.rstrip("s") if dim != "yards" else "yard")
                # the thing measured follows the unit: "86-yard touchdown run"
                raw_noun_len = len(noun)
                noun = unit or noun  # compare measured quantities by dimension: "km" and "miles" are both metres
                noun2, _, ne2, mods2 = _head_noun(text, ne, fr.hi, doc.parse)
                if noun2.lower() in ("line", "marker", "mark") and not mods2:
                    continue  # "the 27-yard line" is a position on the field, not a distance
                if dim == "length" and not m.group("hy") and not qual and _POSITION_BEFORE.search(
                        text, max(0, s - 8), s) and not re.match(r"\s*(?:to|and)\s+\d", text[ne:ne + 8]):
                    continue  # "by 35 kilometers only two men remained", "a duel from 35km": a point on the route
                if noun2:
                    mods = [*mods, noun2.lower(), *mods2]
                    ne = ne2
                e = max(e, ne) if m.group("hy") or not noun2 else max(e, ns + raw_noun_len)
            elif low_noun in TIME_UNITS:
                kind, unit = "duration", low_noun.rstrip("s")
                e = max(e, ne)
            elif not noun:
                of = (_OF_ANY if vague else _OF_THE).match(text, e)  # matched in place (a slice per number was
                # quadratic); "hundreds OF protesters": what a vague quantity counts
                if of:  # "112 of the 349 seats": what the first number counts follows "of the"
                    noun, _, _, mods = _head_noun(text, of.end(), fr.hi, doc.parse)
                    unit = stem(noun) if noun else None
                if not noun:
                    tally = _tally_before(text, max(fr.lo, doc.sentence_bounds(s)[0]), s)
                    if tally:  # "the death toll has risen to 26": the bare figure counts the tally
                        noun, mods = tally, []
                        unit = stem(noun)
                if not noun:
                    fronted = _fronted_of(doc, s)
                    if fronted:  # "Of the private wells tested, 37 exceeded the limit": 37 wells
                        noun, mods = fronted, []
                        unit = stem(noun)
                if not noun and not qual and _counts_people(doc, s):
                    unit = "people"  # "the blast killed 23, police said", "23 were killed": a toll without its noun
                if not noun and not qual and unit != "people":
                    continue  # a bare number with nothing counted: too vague to align
                unit = unit or "unspecified"
            elif m.group("hy"):
                # "six-storey hotel", "80-employee startup": the word after the hyphen is what is counted
                first = _WORD_AT.match(text, e)
                if first is None:
                    continue
                if first.group(0).lower() in _LINKING_WORDS and text.startswith("-", first.end()):
                    continue  # "a two-on-one rush", "one-for-three", "two-to-one odds": a ratio, not a count
                noun = first.group(0)
                unit = stem(noun)
                noun2, _, _, mods2 = _head_noun(text, first.end(), fr.hi, doc.parse)
                mods = [w.lower() for w in (noun2, *mods2) if w]
                e = first.end()
                compound = True
            else:
                unit = stem(noun)
                e = max(e, ne)
        if kind == "count" and not qual and stem(noun).lower() in _PERIODS and _WINDOW.search(text, max(0, s - 24), s):
            continue  # "in the past two seasons", "the last three games": a window of time or a selection, not a count
        lo, hi = vague if vague else _interval(value, qual)
        if vague:
            qual = "vague"  # "hundreds of protesters": a range, never in conflict with an exact figure
        shown_unit = unit or stem(noun)
        subj_mentions = [x for x in fr.mentions if x.end <= s]
        subject = subj_mentions[-1].surface if subj_mentions else (fr.mentions[0].surface if fr.mentions else None)
        if compound:
            subject = None  # "a six-storey hotel": the count describes the noun that follows, not a name before it
        # a count's value is its number: "seven AK-47s" and "7 AK-47 rifles" in one slot are one value
        norm = fmt_number(value) + (f" {shown_unit}" if shown_unit and kind != "count" else "")
        topic = f"{shown_unit}" + (f" ({' '.join(mods)})" if mods else "")
        aspect = _aspect(text[fr.lo:fr.hi]) if kind == "quantity" else None
        add(doc.claim(kind, norm, s, e, "count" if kind == "count" else kind, qualifier=qual.lower() if qual else None,
                      low=lo, high=hi, unit=shown_unit, subject=subject, trigger=fr.trigger, topic=topic, note=note,
                      extra=extra(names=fr.names(), words=fr.words, noun=stem(noun) if noun else None,
                                  mods=tuple(mods), raw=raw, compound="yes" if compound else None, aspect=aspect,
                                  per_unit="yes" if kind == "money" and (_PER_UNIT.match(text, e) or _EACH_BEFORE.search(
                                      text, max(0, s - 30), s)) else None)))
    claims.sort(key=lambda c: c.start)
    return claims
