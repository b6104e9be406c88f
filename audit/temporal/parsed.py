"""The tense of the verb that governs a temporal expression, read off the dependency parse.

From the expression's head token, climb through its heads ("Friday" <- "vote"; "March" <- "in"
<- "close") to the first verb, then read that verb group: "will"/"would"/a modal make it
future, a past form (or "has" with a participle) past, a present form present, and the present
of an act that the expression modifies directly a plan ("the council meets Monday"); an
infinitive ("agreed to acquire the bank in January") looks ahead. Where the sentence was
not parsed, `audit.temporal.tense` reads the words around the expression instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Token

    from audit.nlp import Parse

_FUTURE_AUX = frozenset("will shall 'll ’ll wo would 'd ’d may might could should must can ca".split())
_MAX_CLIMB = 6
_STATE_VERBS = frozenset("be have say remain seem appear own hold control know believe think want need include "
                         "contain mean expect hope plan represent lead trail".split())


_EVIDENTIAL = frozenset("show reveal indicate suggest confirm record document".split())
"""Present-tense verbs of evidence: what they show happened ("records show the pump failed on Monday")."""
_FORECAST_NOUNS = frozenset("forecast forecaster prediction projection model outlook schedule timetable plan".split())


def _forecast(v: Token) -> bool:
    """Whether a verb's subject looks ahead ("forecasts SHOW rain on Friday")."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and lemma_of(c) in _FORECAST_NOUNS for c in v.children)


def lemma_of(v: Token) -> str:
    from audit.nlp import lemma

    return lemma(v)

TenseOf = Callable[[int, int], "tuple[str | None, int] | None"]


def _is_verb(t: Token) -> bool:
    return str(t.tag_).startswith(("VB", "MD"))


def verb_tense(v: Token) -> str | None:
    """The tense of the verb group whose main verb is `v`."""
    aux = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    words = {str(a.lower_) for a in aux}
    if words & _FUTURE_AUX:
        return "future"
    if "to" in words and str(v.tag_) == "VB":
        return "future"  # an infinitive: "agreed to acquire it in January", "is expected to close"
    tag = str(v.tag_)
    if tag == "VBD" or any(str(a.tag_) == "VBD" for a in aux):
        return "past"
    if tag == "VBN" and words & {"has", "have", "had", "'s", "'ve"}:
        return "past"
    if tag in ("VBZ", "VBP"):
        # "the council meets Monday", "talks resume Tuesday": a present tense of an act is a plan
        return "present" if lemma_of(v) in _STATE_VERBS else "plan"
    if tag == "VBG" and any(str(a.tag_) in ("VBZ", "VBP") for a in aux):
        return "present"
    if tag == "VBN" and any(str(a.tag_) in ("VBZ", "VBP") for a in aux):
        return "present"
    if tag == "VBN":
        return "past"
    return None


def _infinitive(v: Token) -> bool:
    return str(v.tag_) == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children) and not any(
        c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in v.children)


def _finite_above(v: Token) -> Token | None:
    """The nearest verb above `v` that carries a tense of its own."""
    t = v
    for _ in range(_MAX_CLIMB):
        if t.head.i == t.i:
            return None
        t = t.head
        if _is_verb(t) and not _infinitive(t) and str(t.tag_) != "VBG":
            return t
    return None


_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())


def tense_from_parse(parse: Parse) -> TenseOf:
    """A function giving (tense, distance in words) for the expression at [start, end), or None if not parsed."""

    def tense_of(start: int, end: int) -> tuple[str | None, int] | None:
        toks = parse.tokens(start, end)
        if not toks:
            return None
        inside = {t.i for t in toks}
        head = next((t for t in toks if t.head.i not in inside or t.head.i == t.i), toks[0])
        if head.lower_ in _WEEKDAYS and head.dep_ == "pobj" and head.head.lower_ == "for":
            return "plan", 0  # "called a strike FOR Wednesday", "a vote set for Monday": the day it is planned for
        t = head
        through_noun = False
        for _ in range(_MAX_CLIMB):
            if t.head.i == t.i:
                break
            t = t.head
            if _is_verb(t):
                tense = verb_tense(t)
                if tense is None and t.dep_ in ("xcomp", "ccomp", "advcl") and _is_verb(t.head):
                    tense = verb_tense(t.head)
                    if tense == "plan" and lemma_of(t.head) in _EVIDENTIAL and not _forecast(t.head):
                        tense = "past"  # "telemetry SHOWS water spilling over at 04:25 on Tuesday": what it recorded
                if tense == "future" and t.dep_ in ("acl", "advcl", "relcl") and _infinitive(t):
                    above = _finite_above(t)
                    if above is not None and verb_tense(above) == "past":
                        tense = "past"  # "was killed on her way TO ATTEND a service on Friday": a purpose in the past
                if tense == "plan" and through_noun:
                    tense = "present"  # "follows Tuesday's declaration": the day of the noun, not of the verb
                return tense, abs(t.i - head.i)
            if str(t.tag_).startswith("NN"):
                through_noun = True
        return None

    return tense_of
