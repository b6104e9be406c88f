"""Match minutes, halves and other periods, game clocks, scores and leads, win-loss records.

The sports kinds: their vocabulary is the sports pack (audit/rules/packs/sports.toml)."""

from __future__ import annotations

from audit.extract import sport
from audit.extract.base import Extractor
from audit.kinds.base import (
    SAME,
    Aligned,
    Family,
    Kind,
    Relation,
    Slot,
    bounded,
    extra_of,
    jaccard,
    names_ok,
    numeric_relation,
    subject_block,
    template,
)
from audit.model import Claim

EXTRACTOR = Extractor("sport", ("minute", "period", "clock", "score", "record"), sport.extract)


def _minute_key(c: Claim) -> str | None:
    if c.kind == "minute" or (c.kind == "period" and extra_of(c, "period") == "half"):
        return "minute"
    return None


def _minute_relation(_fam: str, a: Claim, b: Claim) -> Relation:
    if a.value == b.value:
        return SAME
    if bounded(a, b) and (a.kind == "period" or b.kind == "period"):
        if a.low <= b.high and b.low <= a.high:  # type: ignore[operator]
            return Relation("compatible", "a period and a minute inside it (different precision)")
        return Relation("conflict", "the minute is outside the period")
    return Relation("conflict", "different minutes")


MINUTE = Family(name="minute", key=_minute_key, block=subject_block, link=lambda _f, _a, _b: True,
                relate=_minute_relation, topic=lambda slot: template("minute of {subject}'s {what}", slot),
                example="the 33rd minute / a first-half penalty: compatible")


def _period_key(c: Claim) -> str | None:
    if c.kind == "period" and extra_of(c, "period") != "half":
        return f"period:{extra_of(c, 'period')}"
    return None


def _period_link(_fam: str, a: Aligned, b: Aligned) -> bool:
    # "second quarter" vs "fourth quarter" for one team's field goals are two kicks; a misreport is one step off
    ca, cb = a.claim, b.claim
    if ca.low is None or cb.low is None or abs(ca.low - cb.low) > 1:
        return False
    return ca.trigger is not None and ca.trigger == cb.trigger


def _period_topic(slot: Slot) -> str:
    return template(f"{slot.family.split(':', 1)[1]} of {{subject}}'s {{what}}", slot)


PERIOD = Family(name="period", key=_period_key, block=subject_block, link=_period_link,
                relate=lambda _f, a, b: SAME if a.value == b.value else Relation("conflict", "different values"),
                topic=_period_topic, example="in the second quarter / in the third quarter")


def _clock_link(_fam: str, a: Aligned, b: Aligned) -> bool:
    # one moment of the game: the same period (when both say), and the same clock or the same scoring word
    ca, cb = a.claim, b.claim
    pa, pb = extra_of(ca, "period"), extra_of(cb, "period")
    if pa and pb and pa != pb:
        return False
    if ca.value == cb.value:
        return ":" in ca.value or jaccard(a.words, b.words) >= 0.1  # "4:08 left" is precise enough
    # two clocks of a scoring act in the same period ("scored at 7:46 of overtime" / "the winner came at 6:47 of
    # the extra period"); the clause's event word is the claim's trigger (its words are stems: "scor")
    return bool(pa and pb and ca.trigger == "score" and cb.trigger == "score")


CLOCK = Family(name="clock", key=lambda c: "clock", block=lambda _f, _a: (), link=_clock_link,
               relate=numeric_relation, topic=lambda slot: template("game clock at {subject}'s {what}", slot),
               example="with 4:08 left in the fourth quarter")


def _score_link(fam: str, a: Aligned, b: Aligned) -> bool:
    kind = fam.split(":", 1)[1]
    if kind == "score":
        return False  # a score with no word saying which (final, lead, half-time) is not compared
    if kind in ("lead", "tied score", "series lead"):
        return a.claim.value == b.claim.value and names_ok(a, b)  # leads and ties change during a game (a series)
    return names_ok(a, b)


SCORE = Family(name="score", key=lambda c: f"score:{c.attribute}", block=lambda _f, _a: (), link=_score_link,
               relate=lambda _f, a, b: SAME if a.value == b.value else Relation("conflict", "different values"),
               topic=lambda slot: slot.family.split(":", 1)[1], example="won 2-1 / a 2-1 victory")


def _record_topic(slot: Slot) -> str:
    what = slot.family.split(":", 1)[1]
    return f"{what} of {slot.subject}" if slot.subject else what


RECORD = Family(name="record", key=lambda c: f"record:{c.attribute}", block=subject_block,
                link=lambda _f, _a, _b: True,
                relate=lambda _f, a, b: SAME if a.value == b.value else Relation("conflict", "different values"),
                topic=_record_topic, example="the team improved to 11-4 / the 12-4 team")

KINDS = (
    Kind(name="clock", extractor=EXTRACTOR, priority=20, families=(CLOCK,), example="with 4:08 left"),
    Kind(name="minute", extractor=EXTRACTOR, priority=30, families=(MINUTE,), example="in the 33rd minute"),
    Kind(name="period", extractor=EXTRACTOR, priority=40, families=(MINUTE, PERIOD), example="in the second half / third quarter"),
    Kind(name="record", extractor=EXTRACTOR, priority=50, families=(RECORD,), example="improved to 11-4"),
    Kind(name="score", extractor=EXTRACTOR, priority=60, families=(SCORE,), example="won 2-1"),
)
