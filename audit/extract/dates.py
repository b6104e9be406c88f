"""Dates and weekdays, absolute and relative, resolved against the publication date.

Value forms: "2022-11-23" (a day), "2012-03" (a month), "2007" (a year),
"2012-07-01..2012-12-31" (a span), or a bare weekday "Thursday" when no publication date
is known. `low`/`high` hold the span as proleptic ordinals so that claims at different
precision can be compared. The note says how each value was resolved.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from audit.extract.base import NUMBER_WORD_RE, Doc, Taken, extra, frame, word_number
from audit.lexicon import WEEKDAY_NAMES
from audit.model import Claim
from audit.text import MONTH_RE, MONTHS, parse_month_day_year

WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_FUTURE = re.compile(
    r"\b(?:will|won't|shall|is expected|are expected|expected to|expects?|is scheduled|are scheduled|scheduled to|"
    r"is due|are due|plans? to|intends? to|aims? to|set to|going to|upcoming|next)\b",
    re.IGNORECASE,
)

_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MDY = re.compile(rf"\b({MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?(?![:\d])")
_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH_RE})(?:,?\s+(\d{{4}})\b)?")
_MY = re.compile(rf"\b({MONTH_RE})\s+(?:of\s+)?(\d{{4}})\b")
_M_ONLY = re.compile(rf"\b(?i:in|since|until|by|during|through|early|late|mid-|last|this|next|to)\s+({MONTH_RE})\b(?!\s+\d)")
_BARE_YEAR = re.compile(r"(?<![\w/’'$.,-])((?:19|20)\d{2})(?![\w/%-]|,\d)")
_NUMERIC = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b")
UNRESOLVED = "unresolved: no publication date"
_YEAR = re.compile(r"\b(?:in|since|by|during|until|of|from)\s+((?:1[89]|20)\d{2})\b(?![-–]\d)")
_HALF = re.compile(r"\b(first|second|1st|2nd)\s+half\s+of\s+((?:19|20)\d{2}|this year|next year|the year)\b", re.IGNORECASE)
_END_OF_YEAR = re.compile(r"\b(?:by|towards?|before|at)\s+the\s+end\s+of\s+(this|the|next)\s+year\b", re.IGNORECASE)
_WEEKDAY = re.compile(
    rf"\b(?:(last|next|this|past|coming)\s+)?({WD})(?:\s+(morning|afternoon|evening|night))?"
    rf"(?:\s*[(,]\s*({MONTH_RE}\s+\d{{1,2}}(?:,?\s+\d{{4}})?)\s*\)?)?"
)
_RELATIVE = re.compile(
    r"\b(yesterday|today|tonight|tomorrow|last night|this morning|this afternoon|this evening|"
    r"last week|this week|next week|last month|this month|next month|last year|this year|next year|"
    r"earlier this (?:week|month|year))\b",
    re.IGNORECASE,
)
_AGO = re.compile(rf"\b(\d+|{NUMBER_WORD_RE}|a|an)\s+(day|week|month|year)s?\s+ago\b", re.IGNORECASE)


_DIGIT_NEXT = re.compile(r"\s*\d")

def _month(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


def day_span(d: dt.date) -> tuple[float, float]:
    return float(d.toordinal()), float(d.toordinal())


def month_span(y: int, m: int) -> tuple[float, float]:
    last = calendar.monthrange(y, m)[1]
    return float(dt.date(y, m, 1).toordinal()), float(dt.date(y, m, last).toordinal())


def year_span(y: int) -> tuple[float, float]:
    return float(dt.date(y, 1, 1).toordinal()), float(dt.date(y, 12, 31).toordinal())


def infer_year(month: int, day: int, pub: dt.date | None, future: bool) -> tuple[int | None, str | None]:
    if pub is None:
        return None, None
    best = None
    for y in (pub.year - 1, pub.year, pub.year + 1):
        try:
            d = dt.date(y, month, day)
        except ValueError:
            continue
        delta = (d - pub).days
        penalty = abs(delta) + (0 if (delta >= 0) == future or delta == 0 else 60)
        if best is None or penalty < best[0]:
            best = (penalty, y)
    return (best[1], f"year {best[1]} inferred from the publication date {pub.isoformat()}") if best else (None, None)


def resolve_weekday(name: str, pub: dt.date, future: bool, modifier: str | None) -> dt.date:
    target = WEEKDAY_NAMES.index(name.capitalize())
    if modifier in ("next", "coming") or (future and modifier != "last"):
        delta = (target - pub.weekday()) % 7 or (7 if modifier in ("next", "coming") else 0)
        return pub + dt.timedelta(days=delta)
    delta = (pub.weekday() - target) % 7
    if modifier in ("last", "past") and delta == 0:
        delta = 7
    return pub - dt.timedelta(days=delta)


def _is_future(text: str) -> bool:
    return bool(_FUTURE.search(text))


def extract(doc: Doc) -> list[Claim]:
    text = doc.text
    pub = doc.published
    claims: list[Claim] = []
    taken = Taken(len(text))

    def free(s: int, e: int) -> bool:
        return taken.free(s, e)

    def add(value: str, s: int, e: int, span: tuple[float, float] | None, note: str | None,
            precision: str, weekday: str | None = None, qualifier: str | None = None) -> None:
        if not free(s, e):
            return
        taken.take(s, e)
        fr = frame(doc, s, e)
        whole = frame(doc, s, e, whole_sentence=True)
        tense = "future" if sentence_future(s) else "past"
        claims.append(doc.claim(
            "date", value, s, e, "date", low=span[0] if span else None, high=span[1] if span else None,
            note=note, trigger=fr.trigger or whole.trigger, qualifier=qualifier,
            extra=extra(precision=precision, weekday=weekday, names=whole.names(), words=whole.words, tense=tense),
        ))

    future_of: dict[int, bool] = {}

    def sentence_future(pos: int) -> bool:
        """Whether the sentence around `pos` speaks of the future (computed once per sentence, near `pos`)."""
        si = doc.sentence_of(pos)
        if si not in future_of:
            lo, hi = doc.layout.sentence_span(si)
            future_of[si] = _is_future(text[max(lo, pos - 400): min(hi, pos + 400)])
        return future_of[si]

    # weekday with a date beside it: "Wednesday (November 23)"
    for m in _WEEKDAY.finditer(text):
        modifier, name, part, paired = m.group(1), m.group(2), m.group(3), m.group(4)
        s = m.start(2) if modifier is None else m.start()
        if paired:
            d = parse_month_day_year(paired) if re.search(r"\d{4}", paired) else None
            note = None
            if d is None:
                mm = re.match(rf"({MONTH_RE})\s+(\d{{1,2}})", paired)
                month = _month(mm.group(1)) if mm else None
                if mm and month:
                    y, note = infer_year(month, int(mm.group(2)), pub, sentence_future(m.start()))
                    if y is None:
                        # no publication date: the weekday itself fixes the year within a few years
                        y = None
                    else:
                        try:
                            d = dt.date(y, month, int(mm.group(2)))
                        except ValueError:
                            d = None
            if d is not None:
                ok = WEEKDAY_NAMES[d.weekday()] == name.capitalize()
                check = (f"{name} matches {d.isoformat()}" if ok else
                         f"{name} does not match {d.isoformat()}, which is a {WEEKDAY_NAMES[d.weekday()]}")
                add(d.isoformat(), s, m.end(), day_span(d), "; ".join(x for x in (note, check) if x), "day",
                    weekday=name.capitalize())
                continue
        if pub is not None:
            d = resolve_weekday(name, pub, sentence_future(m.start()), modifier.lower() if modifier else None)
            rel = "next" if d > pub else ("the same day as" if d == pub else "the most recent")
            note = (f"{name} resolved to {d.isoformat()}: {rel} {name} "
                    f"{'after' if d > pub else 'on or before'} publication ({pub.isoformat()}, {doc.published_basis})")
            e = m.end(3) if part else m.end(2)
            add(d.isoformat(), s, e, day_span(d), note, "day", weekday=name.capitalize())
        else:
            e = m.end(3) if part else m.end(2)
            add(name.capitalize(), s, e, None, "no publication date known: weekday kept unresolved", "weekday",
                weekday=name.capitalize())

    for m in _ISO.finditer(text):
        try:
            d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            continue
        add(d.isoformat(), m.start(), m.end(), day_span(d), None, "day")

    for rx, order in ((_MDY, "md"), (_DMY, "dm")):
        for m in rx.finditer(text):
            if order == "md":
                month, day, year = _month(m.group(1)), int(m.group(2)), m.group(3)
                if m.group(1) == "May" and not year and not _DIGIT_NEXT.match(text, m.end(1)):
                    continue
            else:
                month, day, year = _month(m.group(2)), int(m.group(1)), m.group(3)
            if not month or not 1 <= day <= 31:
                continue
            note = None
            y = int(year) if year else None
            if y is None:
                y, note = infer_year(month, day, pub, sentence_future(m.start()))
            if y is None:
                value = f"--{month:02d}-{day:02d}"
                add(value, m.start(), m.end(), None, "no year and no publication date: month and day only",
                    "monthday")
                continue
            try:
                d = dt.date(y, month, day)
            except ValueError:
                continue
            add(d.isoformat(), m.start(), m.end(), day_span(d), note, "day")

    for m in _MY.finditer(text):
        month, y = _month(m.group(1)), int(m.group(2))
        if month:
            add(f"{y}-{month:02d}", m.start(), m.end(), month_span(y, month), None, "month")

    for m in _HALF.finditer(text):
        which = m.group(1).lower() in ("second", "2nd")
        yr = m.group(2).lower()
        y = int(yr) if yr[0].isdigit() else (pub.year + (1 if yr == "next year" else 0) if pub else None)
        if y is None:
            continue
        lo = dt.date(y, 7 if which else 1, 1)
        hi = dt.date(y, 12, 31) if which else dt.date(y, 6, 30)
        add(f"{lo.isoformat()}..{hi.isoformat()}", m.start(), m.end(), day_span(lo)[:1] + day_span(hi)[1:], None, "span")

    for m in _END_OF_YEAR.finditer(text):
        if pub is None:
            continue
        y = pub.year + (1 if m.group(1).lower() == "next" else 0)
        lo, hi = dt.date(y, 7, 1), dt.date(y, 12, 31)
        add(f"{lo.isoformat()}..{hi.isoformat()}", m.start(), m.end(), (float(lo.toordinal()), float(hi.toordinal())),
            f"'end of the year' read as the second half of {y}", "span", qualifier="by")

    for m in _M_ONLY.finditer(text):
        name = m.group(1)
        if name == "May" and text[m.start(): m.start(1)].strip().lower() not in ("in", "since", "until", "by", "during", "last", "this", "next", "early", "late"):
            continue
        month = _month(name)
        if not month:
            continue
        if pub is None:
            add(f"{name} (year unknown)", m.start(1), m.end(1), None, UNRESOLVED, "relative")
            continue
        lead = text[m.start(): m.start(1)].strip().lower()
        future = sentence_future(m.start()) or lead == "next"
        y = pub.year
        if lead == "last" or (not future and month > pub.month):
            y -= 1 if month >= pub.month or lead == "last" else 0
        if future and month < pub.month:
            y += 1
        add(f"{y}-{month:02d}", m.start(1), m.end(1), month_span(y, month),
            f"month {name} placed in {y} from the publication date {pub.isoformat()}", "month")

    for m in _NUMERIC.finditer(text):
        mo, dd, yy = int(m.group(1)), int(m.group(2)), int(m.group(3))
        year = yy if yy > 99 else (1900 + yy if pub is None or 2000 + yy > pub.year else 2000 + yy)
        try:
            d = dt.date(year, mo, dd)
        except ValueError:
            continue
        add(d.isoformat(), m.start(), m.end(), day_span(d), "read as month/day/year" + (
            f"; two-digit year read as {year}" if yy <= 99 else ""), "day")

    for m in _YEAR.finditer(text):
        y = int(m.group(1))
        add(str(y), m.start(1), m.end(1), year_span(y), None, "year")

    for m in _BARE_YEAR.finditer(text):
        before = text[max(0, m.start() - 12): m.start()].lower()
        if re.search(r"(?:\b(?:a|an)|" + "|".join(("gray", "grey", "silver", "black", "white", "red", "blue")) + r")\s+$", before):
            continue  # "a 2013 Toyota Camry": a model year, not a date
        y = int(m.group(1))
        add(str(y), m.start(1), m.end(1), year_span(y), None, "year")

    for m in _RELATIVE.finditer(text):
        if pub is None:
            add(m.group(1), m.start(), m.end(), None, UNRESOLVED, "relative")
            continue
        word = m.group(1).lower()
        span, value, note = _relative(word, pub)
        add(value, m.start(), m.end(), span, f"'{m.group(1)}' resolved against publication {pub.isoformat()}: {note}",
            "day" if span[0] == span[1] else "span")

    for m in _AGO.finditer(text):
        if pub is None:
            continue
        n_raw = m.group(1).lower()
        n = 1 if n_raw in ("a", "an") else (int(n_raw) if n_raw.isdigit() else word_number(n_raw))
        if not n:
            continue
        unit = m.group(2).lower()
        days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * n
        d = pub - dt.timedelta(days=days)
        slack = {"day": 0, "week": 3, "month": 15, "year": 182}[unit]
        lo, hi = d - dt.timedelta(days=slack), d + dt.timedelta(days=slack)
        value = d.isoformat() if slack == 0 else f"{lo.isoformat()}..{hi.isoformat()}"
        add(value, m.start(), m.end(), (float(lo.toordinal()), float(hi.toordinal())),
            f"{m.group(0)} counted back from publication {pub.isoformat()}", "day" if slack == 0 else "span")
    claims.sort(key=lambda c: c.start)
    return claims


def _relative(word: str, pub: dt.date) -> tuple[tuple[float, float], str, str]:
    one = dt.timedelta(days=1)
    if word in ("yesterday", "last night"):
        d = pub - one
        return day_span(d), d.isoformat(), f"the day before, {d.isoformat()}"
    if word in ("today", "tonight", "this morning", "this afternoon", "this evening"):
        return day_span(pub), pub.isoformat(), "the day of publication"
    if word == "tomorrow":
        d = pub + one
        return day_span(d), d.isoformat(), f"the day after, {d.isoformat()}"
    if word in ("last week", "this week", "next week", "earlier this week"):
        monday = pub - dt.timedelta(days=pub.weekday())
        shift = {"last week": -7, "this week": 0, "next week": 7, "earlier this week": 0}[word]
        lo = monday + dt.timedelta(days=shift)
        hi = lo + dt.timedelta(days=6)
        if word == "last week":  # loose: the seven to thirteen days before, or the previous calendar week
            lo = min(lo, pub - dt.timedelta(days=13))
            hi = max(hi, pub - dt.timedelta(days=1))
        return (float(lo.toordinal()), float(hi.toordinal())), f"{lo.isoformat()}..{hi.isoformat()}", "a week span"
    if word in ("last month", "this month", "next month", "earlier this month"):
        y, mth = pub.year, pub.month
        if word == "last month":
            y, mth = (y - 1, 12) if mth == 1 else (y, mth - 1)
        elif word == "next month":
            y, mth = (y + 1, 1) if mth == 12 else (y, mth + 1)
        return month_span(y, mth), f"{y}-{mth:02d}", f"the month {y}-{mth:02d}"
    y = pub.year + {"last year": -1, "this year": 0, "next year": 1, "earlier this year": 0}[word]
    return year_span(y), str(y), f"the year {y}"
