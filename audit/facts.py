"""What kind of fact a finding states, in the order an editor checks them.

An agreement is a fact stated alike by several articles (a figure, a date, a result, a person in
a role, a quote with its speaker); the reports list them in this order, and the single-source
claims of each article too. A finding's group comes from its kind alone, so a new claim kind
only needs a line in `GROUP_OF_KIND` (an unknown kind is "other").
"""

from __future__ import annotations

import re

from audit.model import Finding

GROUPS = (
    ("casualties", "Casualties"),
    ("figures", "Key figures"),
    ("dates", "Dates and times"),
    ("results", "Results"),
    ("people", "People in roles"),
    ("other", "Other facts"),
)
"""(group, heading), in the order an editor checks them."""

GROUP_OF_KIND = {
    "count": "figures", "quantity": "figures", "money": "figures", "magnitude": "figures", "duration": "figures",
    "number": "figures", "amount": "figures",
    "date": "dates", "date/weekday": "dates", "weekday": "dates", "time": "dates", "minute": "dates",
    "period": "dates", "clock": "dates",
    "score": "results", "record": "results", "rank": "results", "charge": "results",
    "role": "people", "age": "people", "residence": "people", "attribution": "people",
}
"""Claim kind -> group. Names (person, place, org) and quotes are 'other'."""

CASUALTY_WORDS = frozenset(
    "killed dead died dies death deaths dying fatalities fatality fatal fatally casualties casualty toll "
    "victims bodies injured injuries injury wounded hurt hospitalised hospitalized missing survivors "
    "perished drowned".split())
"""Words that make a figure a casualty figure when they stand in its topic or right beside it."""

RANK = {g: k for k, (g, _title) in enumerate(GROUPS)}
_WORD = re.compile(r"[a-z]+")
NEAR = 4
"""How many words either side of a figure are read for a casualty word."""


def _near_words(sentence: str, surface: str) -> set[str]:
    pos = sentence.find(surface)
    if pos < 0:
        return set()
    before = _WORD.findall(sentence[:pos].lower())[-NEAR:]
    after = _WORD.findall(sentence[pos + len(surface):].lower())[:NEAR]
    return {*before, *after, *_WORD.findall(surface.lower())}


def group(f: Finding) -> str:
    """The finding's group: casualties, figures, dates, results, people or other."""
    g = GROUP_OF_KIND.get(f.kind, "other")
    if g != "figures":
        return g
    words = set(_WORD.findall(f.topic.lower()))
    for v in f.values:
        for e in v.evidence:
            words |= _near_words(e.sentence, e.text)
    return "casualties" if words & CASUALTY_WORDS else "figures"


def rank(f: Finding) -> int:
    return RANK[group(f)]
