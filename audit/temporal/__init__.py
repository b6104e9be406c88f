"""Temporal expressions as TIMEX3: a rule-based tagger in the manner of HeidelTime.

    >>> import datetime as dt
    >>> from audit.temporal import tag
    >>> text = "Net income rose 5% in the third quarter, and the shares fell on Friday."
    >>> [(t.value, text[t.start:t.end]) for t in tag(text, dt.date(1989, 10, 30))]
    [('1989-Q3', 'the third quarter'), ('1989-10-27', 'Friday')]

`tag(text, published)` finds DATE, TIME, DURATION and SET expressions and normalizes each
to its TIMEX3 value, resolving relative ones against the publication date (the tense of
the sentence says which way) and against the expressions met before. The rules are data
in `audit.temporal.rules`, each with examples that the tests run. A quarter or a half is a
fiscal period only in a text that reports business results (words such as "profit",
"shares", "%", "$"): in a match report "the third quarter" is part of the game.
"""

from audit.temporal.tagger import Anchor, tag
from audit.temporal.timex import Timex, timex_of

__all__ = ["Anchor", "Timex", "tag", "timex_of"]
