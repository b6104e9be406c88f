"""Dates and weekdays ("on Wednesday (November 23)", "in 1994", "last month") and clock times ("at 8.49pm")."""

from __future__ import annotations

import datetime as dt
import re

from audit import rules
from audit.extract import dates, times
from audit.extract.base import Extractor
from audit.kinds.base import (
    SAME,
    WEAK,
    Aligned,
    Family,
    Kind,
    Relation,
    Slot,
    bounded,
    extra_of,
    frames_fit,
    jaccard,
    names_the_work,
    numeric_relation,
    template,
    typo_like,
)
from audit.kinds.topics import act_topic
from audit.lexicon import EVENT_NAME_WORDS, WEEKDAY_NAMES
from audit.model import Claim

DATES = Extractor("dates", ("date",), dates.extract)
TIMES = Extractor("times", ("time",), times.extract)
DAY_PRECISION = frozenset({"day", "weekday", "monthday"})
BROAD_DATE_CLASSES = frozenset({"announced", "stated"})
"""Classes of acts a story holds many of (announcements, publications): their dates meet only on one verb."""


def _key(c: Claim) -> str | None:
    if c.context in ("post", "dateline"):
        return None  # the dates of embedded posts and of the page, not of the story
    if c.frame is not None and c.frame.predicate_class == "stated":
        return None  # "officials said on Monday": the day of a statement, not of what happened
    if extra_of(c, "precision") == "ref":
        return None  # "now", "recently", "soon": no date to compare
    return c.kind


def _act_years(a: Aligned, b: Aligned) -> bool:
    """Two coarse dates (years, months) of one described act: the same predicate class, holders that fit
    ("the album came out in 1994" / "her 1995 album"; "he retired in 1981" / "retired in 1982")."""
    fa, fb = a.frame, b.frame
    if fa is None or fb is None or not fa.predicate_class or not fb.predicate_class:
        return False
    if extra_of(a.claim, "precision") != "year" or extra_of(b.claim, "precision") != "year":
        return False
    if a.holder and b.holder and a.holder != b.holder:
        return False
    once = any(e.once for e in (*_entries(fa.classes), *_entries(fb.classes)))
    # an act that happens once to its holder (a birth, a founding, a retirement) has one year however far apart
    # two articles put it; an act that recurs (a flood, a ruling, a win) has a year told wrongly by a slip of a
    # digit or two ("1968" / "1986", "2019" / "2017"), while years far apart in every digit are two occasions
    # ("the great flood of 1986" / "the 2007 flood")
    return once or _slip(a.claim.value[:4], b.claim.value[:4])


def _entries(classes: tuple[str, ...]) -> list[rules.Entry]:
    table = rules.TABLE["predicates"]
    return [table[c] for c in classes if c in table]


def _slip(ya: str, yb: str) -> bool:
    """Two years one misprint apart: within three years, or a slip of the keyboard (`typo_like`: one digit
    different, or the same digits in another order)."""
    if not (ya.isdigit() and yb.isdigit() and len(ya) == len(yb) == 4):
        return True
    return abs(int(ya) - int(yb)) <= 3 or typo_like(ya, yb)


def _lede_days(a: Aligned, b: Aligned) -> bool:
    """The day each article's first body sentence gives for one named event ("the Harbour Marathon went off on
    Saturday" / "Okoro won the Harbour Marathon on Sunday"): a news story says in its lede what happened and
    when, so two ledes naming the same event (not a person, not a place), each as what the sentence is about
    (its holder, or a name of the clause when the holder is a person), tell its day, whatever their verbs."""
    ca, cb = a.claim, b.claim
    if ca.article == cb.article or extra_of(ca, "lede") != "yes" or extra_of(cb, "lede") != "yes":
        return False
    if extra_of(ca, "precision") != "day" or extra_of(cb, "precision") != "day":
        return False
    if extra_of(ca, "tense") not in ("past", "present") or extra_of(cb, "tense") not in ("past", "present"):
        return False  # what happened (on the day of writing, or before), not what is to come
    fa, fb = ca.frame, cb.frame
    if fa is None or fb is None or fa.modality or fb.modality:
        return False
    if fa.predicate_class == "stated" or fb.predicate_class == "stated":
        return False
    shared = {n for n in a.named & b.named if n.lower().split()[-1] in EVENT_NAME_WORDS}
    if not shared:
        return False
    # what each lede is about is the event itself, or someone in it (who won it, who ran it), or nobody named
    return any(x.holder in shared for x in (a, b)) and all(
        x.holder is None or x.holder in shared or x.holder_type == "person" for x in (a, b))


def _link(fam: str, a: Aligned, b: Aligned) -> bool | str:
    ca, cb = a.claim, b.claim
    if fam == "date" and _lede_days(a, b):
        return True  # before the frames: the ledes' verbs differ by design ("went off" / "won")
    fit = frames_fit(a, b, things=False, occasions=False)
    if fit is False:
        return False  # two acts (a sinking and a rescue; an arrest and an arraignment)
    if ca.article == cb.article and ca.value != cb.value:
        return False  # one article giving two dates for one kind of event: two occasions
    fa, fb = ca.frame, cb.frame
    if fam == "date" and fa is not None and fb is not None and fa.predicate and fb.predicate \
            and fa.predicate != fb.predicate and bool(fa.classes) != bool(fb.classes):
        # an act the tables know and another the parse found ("put up on Tuesday" is not the blast): a story's
        # days are of many acts; its clock times are mostly of the one moment, and still link on the words.
        # The same day in two articles is still at most an agreement.
        same = ca.value == cb.value and ca.article != cb.article and extra_of(ca, "precision") in DAY_PRECISION
        return WEAK if same else False
    if fam == "date" and fa is not None and fb is not None and fa.predicate and fb.predicate \
            and fa.predicate != fb.predicate and set(fa.classes) & set(fb.classes) \
            and set(fa.classes) & set(fb.classes) <= BROAD_DATE_CLASSES:
        # "disclosed the breach on Jan. 8" / "the decision, published Tuesday": a story announces many things;
        # two different verbs of announcing are two announcements (the same day is at most an agreement)
        same = ca.value == cb.value and ca.article != cb.article and extra_of(ca, "precision") in DAY_PRECISION
        return WEAK if same else False
    if fit is None and (ca.trigger is None or ca.trigger != cb.trigger):
        # nothing tells the occasions apart or together: the same day in two articles is at most an agreement
        same = ca.value == cb.value and ca.article != cb.article and extra_of(ca, "precision") in DAY_PRECISION \
            and ca.trigger is None and cb.trigger is None
        return WEAK if same else False
    day_a, day_b = extra_of(ca, "day"), extra_of(cb, "day")
    if fam == "time" and day_a and day_b and day_a != day_b:
        return False  # two clock times on different days are two moments
    if fam == "date":
        pa, pb = extra_of(ca, "precision"), extra_of(cb, "precision")
        if (pa in DAY_PRECISION) != (pb in DAY_PRECISION):
            return False
        ta, tb = extra_of(ca, "tense"), extra_of(cb, "tense")
        if ta != tb and "present" not in (ta, tb):
            return False  # a day behind and a day ahead are two occasions; the day of writing may be either
        if pa not in DAY_PRECISION:
            # coarse dates (a year, a month, "last week") link only when their spans overlap:
            # they agree or are compatible, and are too vague to call a conflict
            if not bounded(ca, cb):
                return False
            if not (ca.low <= cb.high and cb.low <= ca.high) and not (fit and _act_years(a, b)):  # type: ignore[operator]
                return False
    if a.names & b.names or not a.names or not b.names:
        return True
    if fam == "date" and fit and _act_years(a, b) and a.frame and b.frame and names_the_work(
            a.frame, b.frame, a.words, b.words):
        return True  # "Dunmore's 1995 ALBUM" / "the ALBUM came out in 1994": one work, told in other words
    return jaccard(a.words, b.words) >= 0.12


def is_day(v: str) -> bool:
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", v))


def weekday_of(c: Claim) -> str | None:
    if is_day(c.value):
        return WEEKDAY_NAMES[dt.date.fromisoformat(c.value).weekday()]
    if c.value in WEEKDAY_NAMES:
        return c.value
    return None


def _date_relation(_fam: str, a: Claim, b: Claim) -> Relation:
    if a.value == b.value:
        return SAME
    if is_day(a.value) and is_day(b.value):
        da, db = dt.date.fromisoformat(a.value), dt.date.fromisoformat(b.value)
        return Relation("conflict", f"{abs((da - db).days)} day(s) apart")
    wa, wb = weekday_of(a), weekday_of(b)
    if wa and wb and (a.value in WEEKDAY_NAMES or b.value in WEEKDAY_NAMES):
        if wa == wb:
            return Relation("compatible", f"{wa} matches the date")
        ia, ib = WEEKDAY_NAMES.index(wa), WEEKDAY_NAMES.index(wb)
        return Relation("conflict", f"{wa} vs {wb}: {min((ia - ib) % 7, (ib - ia) % 7)} day(s) apart")
    if a.value.startswith("--") or b.value.startswith("--"):
        return SAME if a.value[-5:] == b.value[-5:] else Relation("conflict", "different day of the month")
    if bounded(a, b):
        if a.low <= b.high and b.low <= a.high:  # type: ignore[operator]
            return Relation("compatible", "one date lies within the other's span")
        return Relation("conflict", "the dates do not overlap")
    return Relation("compatible", "different precision")


def _time_relation(fam: str, a: Claim, b: Claim) -> Relation:
    if a.value == b.value:
        return SAME
    ua, ub = extra_of(a, "utc"), extra_of(b, "utc")
    za, zb = a.unit if a.unit != "local" else None, b.unit if b.unit != "local" else None
    if ua and ub:
        return SAME if ua == ub else Relation("conflict", f"{ua} vs {ub}")
    if (za or zb) and za != zb:
        return Relation("compatible", "given in different or unknown time zones")
    return numeric_relation(fam, a, b)


def _date_topic(slot: Slot) -> str:
    years = all(extra_of(c, "precision") == "year" for c in slot.claims)
    return act_topic(slot, what="year" if years else "date") or template(
        ("year" if years else "date") + " of the {what}", slot)


def _time_topic(slot: Slot) -> str:
    return act_topic(slot, what="time") or template("time of the {what}", slot)


DATE = Family(name="date", key=_key, block=lambda _f, _a: (), link=_link, relate=_date_relation,
              topic=_date_topic,
              example="on Wednesday (November 23) / Thursday morning: the same occasion, a day apart")
TIME = Family(name="time", key=_key, block=lambda _f, _a: (), link=_link, relate=_time_relation,
              topic=_time_topic,
              example="broke out at 8.40pm / at 8.49pm")

KINDS = (
    Kind(name="date", extractor=DATES, priority=0, families=(DATE,), example="on Wednesday (November 23)"),
    Kind(name="time", extractor=TIMES, priority=10, families=(TIME,), example="at 8.49pm"),
)
