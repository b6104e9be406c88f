"""Dates and weekdays, absolute and relative, resolved against the publication date.

The expressions come from the TIMEX3 tagger (`audit.temporal`): every date claim carries
its TIMEX3 type, value, modifier and the anchor it was resolved against (see
`audit.timex_of`), next to the value and interval the auditor compares:

- value forms: "2022-11-23" (a day), "2012-03" (a month), "2007" (a year),
  "2012-07-01..2012-12-31" (a span: a week, quarter, half, season, decade, or a modified
  period such as "the end of the year"), "PRESENT_REF"/"PAST_REF"/"FUTURE_REF" (now,
  recently, soon: not compared), or, when no publication date is known, a bare weekday
  "Thursday", a month and day "--11-23" or the words themselves;
- `low`/`high` hold the span as proleptic ordinals so that claims at different precision
  can be compared; the note says how each value was resolved.

Inside an embedded post, relative expressions resolve against the post's own date. A
bare weekday that names a day the article also gives as a date ("on Wednesday" and,
elsewhere, "Wednesday, Nov. 30") takes that date; a weekday and a date that disagree with
each other, or with another mention of the same day in the article, say so in the note.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import cast

from audit.extract.base import Doc, extra, frame
from audit.lexicon import WEEKDAY_NAMES
from audit.model import Claim
from audit.temporal import Anchor, Timex, tag
from audit.temporal.calendar import Period
from audit.temporal.parsed import tense_from_parse
from audit.temporal.timex import extra_of

UNRESOLVED = "unresolved: no publication date"
_FUTURE = re.compile(
    r"\b(?:will|won't|shall|is expected|are expected|expected to|expects?|is scheduled|are scheduled|scheduled to|"
    r"is due|are due|plans? to|intends? to|aims? to|set to|going to|upcoming|next)\b",
    re.IGNORECASE,
)
_WEEKDAY_IN = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_WEEKDAY_RULES = frozenset({"date_weekday", "date_rel_weekday", "date_part_weekday", "time_weekday_part"})
_PAIRED_RULES = frozenset({"date_wd_md", "date_md_wd", "date_wd_paren_md", "date_wd_md_y"})
_MONTHDAY_RULES = frozenset({"date_md", "date_d_m", "date_wd_md", "date_md_wd", "date_wd_paren_md"})
_RELATIVE_RULES = frozenset({"date_today", "date_today_poss", "date_part_today", "time_today_part", "time_this_part",
                             "time_tonight", "date_rel_week", "date_rel_month", "date_rel_year"})
_NIGHT_RULES = frozenset({"time_tonight"})
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")


def doc_timexes(doc: Doc) -> list[Timex]:
    """The temporal expressions of the article (tagged once; the time extractor reads them too)."""
    got = doc.memo.get("timexes")
    if got is None:
        anchors = [Anchor(r.start, r.end, r.posted, "embedded post") for r in doc.layout.regions
                   if r.context == "post" and r.posted is not None]
        tense_of = tense_from_parse(doc.parse) if doc.parse else None
        got = tag(doc.text, doc.published, sentences=doc.layout.sentences, anchors=anchors, merge_clock_days=False,
                  tense_of=tense_of)
        doc.memo["timexes"] = got
    return cast(list[Timex], got)


def day_span(d: dt.date) -> tuple[float, float]:
    return float(d.toordinal()), float(d.toordinal())


def _span(lo: dt.date, hi: dt.date) -> tuple[float, float]:
    return float(lo.toordinal()), float(hi.toordinal())


def _modified(p: Period, mod: str | None) -> tuple[dt.date, dt.date]:
    """The part of a period a modifier keeps: START the first half, END the second half, MID the middle half."""
    lo, hi = p.first(), p.last()
    if mod not in ("START", "END", "MID") or p.gran == "D":
        return lo, hi
    days = (hi - lo).days + 1
    if mod == "START":
        return lo, lo + dt.timedelta(days=days // 2 - 1)
    if mod == "END":
        return hi - dt.timedelta(days=days - days // 2 - 1), hi
    return lo + dt.timedelta(days=days // 4), hi - dt.timedelta(days=days // 4)


def _is_future(text: str) -> bool:
    return bool(_FUTURE.search(text))


def _side(span: tuple[float, float] | None, anchor: dt.date | None) -> str | None:
    """Which side of its anchor a resolved date lies on: "past" wholly before it, "future" wholly after it,
    "present" when it holds the anchor (a Wednesday named in an article of that Wednesday), None when nothing
    is known. The resolved date says it better than the sentence's words: in "X will be acquired, the
    companies said on Saturday" the Saturday is behind."""
    if span is None or anchor is None:
        return None
    day = float(anchor.toordinal())
    if span[1] < day:
        return "past"
    if span[0] > day:
        return "future"
    return "present"


def extract(doc: Doc) -> list[Claim]:
    text = doc.text
    claims: list[Claim] = []
    future_of: dict[int, bool] = {}

    def sentence_future(pos: int) -> bool:
        """Whether the sentence around `pos` speaks of the future (computed once per sentence, near `pos`)."""
        si = doc.sentence_of(pos)
        if si not in future_of:
            lo, hi = doc.layout.sentence_span(si)
            future_of[si] = _is_future(text[max(lo, pos - 400): min(hi, pos + 400)])
        return future_of[si]

    # dates, and times of day that name a day ("Thursday morning", "last night"); clock times are the time extractor's
    timexes = [t for t in doc_timexes(doc) if t.type == "DATE" or (t.type == "TIME" and not re.search(r"T\d", t.value))]
    explicit_days = _explicit_days(doc, timexes)
    lede = _lede_sentence(doc)
    day_sentences = {doc.sentence_of(t.start) for t in timexes if t.rule not in _NIGHT_RULES
                     and re.fullmatch(r"\d{4}-\d\d-\d\d(?:T\w+)?", t.value)}
    for t in timexes:
        if t.rule in _NIGHT_RULES and re.match(r"(?i)overnight", text[t.start:t.end]) \
                and doc.sentence_of(t.start) in day_sentences:
            continue  # "spotted on Wednesday, December 2, when servers began locking up overnight": that day's night
        read = _reading(doc, t, explicit_days)
        if read is None:
            continue
        value, span, note, precision = read
        weekday = _weekday_named(text[t.start:t.end])
        info = extra_of(t)
        if precision == "ref":  # now, recently, soon: kept with their reading, never compared
            claims.append(doc.claim("date", value, t.start, t.end, "date", note=note,
                                    extra=extra(precision=precision, **info)))
            continue
        fr = frame(doc, t.start, t.end)
        whole = frame(doc, t.start, t.end, whole_sentence=True)
        tense = _side(span, _anchor_date(doc, t) or doc.published)
        if tense is None or (tense == "present" and not (weekday or re.search(r"\d", text[t.start:t.end]))):
            # "today", "this week": the day of writing by definition, its side is the sentence's
            tense = "future" if sentence_future(t.start) else "past"
        claims.append(doc.claim(
            "date", value, t.start, t.end, "date", low=span[0] if span else None, high=span[1] if span else None,
            note=note, trigger=fr.trigger or whole.trigger,
            extra=extra(precision=precision, weekday=weekday, names=whole.names(), words=whole.words, tense=tense,
                        lede="yes" if lede is not None and doc.sentence_of(t.start) == lede else None, **info),
        ))
    return claims


def _lede_sentence(doc: Doc) -> int | None:
    """The article's first body sentence (after the headline and any dateline): where a news story says what
    happened and when."""
    for i, (s0, e0) in enumerate(doc.layout.sentences):
        if doc.layout.context_at(s0) == "body" and len(re.findall(r"[a-z]{3,}", doc.text[s0:e0])) >= 5:
            return i
    return None


def _weekday_named(surface: str) -> str | None:
    m = _WEEKDAY_IN.search(surface)
    return m.group(1) if m else None


def _explicit_days(doc: Doc, timexes: list[Timex]) -> dict[dt.date, str]:
    """Days the article writes as dates ("Nov. 30", "November 30, 2012"), with the first wording of each."""
    out: dict[dt.date, str] = {}
    for t in timexes:
        if t.rule in _WEEKDAY_RULES or t.type != "DATE" or not re.fullmatch(r"\d{4}-\d\d-\d\d", t.value):
            continue
        if not re.search(r"\d", doc.text[t.start:t.end]) and t.rule not in ("date_md", "date_d_m"):
            continue
        out.setdefault(dt.date.fromisoformat(t.value), doc.text[t.start:t.end])
    return out


def _reading(doc: Doc, t: Timex, explicit_days: dict[dt.date, str]
             ) -> tuple[str, tuple[float, float] | None, str | None, str] | None:
    """(value, span, note, precision) of a date expression."""
    text = doc.text
    surface = text[t.start:t.end]
    pub = doc.published
    v = t.value
    base = re.sub(r"T(?:MO|AF|EV|NI|DT)$", "", v)
    weekday = _weekday_named(surface)
    if v in ("PRESENT_REF", "PAST_REF", "FUTURE_REF"):
        what = {"PRESENT_REF": "the present", "PAST_REF": "the past", "FUTURE_REF": "the future"}[v]
        return v, None, f"'{surface}' refers to {what} (TIMEX3 {v}), not to a date", "ref"
    if base.startswith("XXXX"):
        m = re.fullmatch(r"XXXX-WXX-(\d)", base)
        if m and weekday:
            return weekday, None, "no publication date known: weekday kept unresolved", "weekday"
        m = re.fullmatch(r"XXXX-(\d\d)-(\d\d)", base)
        if m:
            return f"--{m.group(1)}-{m.group(2)}", None, "no year and no publication date: month and day only", "monthday"
        m = re.fullmatch(r"XXXX-(\d\d)", base)
        if m:
            return f"{_MONTH_NAMES[int(m.group(1)) - 1]} (year unknown)", None, UNRESOLVED, "relative"
        return _unresolved_value(surface), None, UNRESOLVED, "relative"
    p = Period.parse(base)
    if p is None:
        return None
    anchor = _anchor_date(doc, t) or pub
    basis = "embedded post" if anchor != pub else doc.published_basis
    if p.gran == "D":
        d = p.first()
        note = None
        if weekday and t.rule in _WEEKDAY_RULES and anchor is not None:
            # the same weekday the article writes as a date a week before or after: that day, not another
            same = [(x, explicit_days[x]) for x in (d - dt.timedelta(days=7), d, d + dt.timedelta(days=7))
                    if x in explicit_days]
            if len(same) == 1 and same[0][0] != d:
                d2, written = same[0]
                note = (f"{weekday} taken as {d2.isoformat()}, the {weekday} the article gives as '{written}' "
                        f"(counted from publication it would be {d.isoformat()})")
                d = d2
            else:
                rel = "next" if d > anchor else ("the same day as" if d == anchor else "the most recent")
                note = (f"{weekday} resolved to {d.isoformat()}: {rel} {weekday} "
                        f"{'after' if d > anchor else 'on or before'} {'the post' if basis == 'embedded post' else 'publication'} "
                        f"({anchor.isoformat()}, {basis})")
        elif t.rule in _MONTHDAY_RULES and anchor is not None:
            note = f"year {d.year} inferred from the {'post date' if basis == 'embedded post' else 'publication date'} {anchor.isoformat()}"
        elif t.rule in _RELATIVE_RULES and anchor is not None:
            rel = {0: "the day of publication", -1: f"the day before, {d.isoformat()}",
                   1: f"the day after, {d.isoformat()}"}.get((d - anchor).days, d.isoformat())
            note = f"'{surface}' resolved against {'the post' if basis == 'embedded post' else 'publication'} {anchor.isoformat()}: {rel}"
        if weekday and t.rule in _PAIRED_RULES:
            ok = WEEKDAY_NAMES[d.weekday()] == weekday
            check = (f"{weekday} matches {d.isoformat()}" if ok else
                     f"{weekday} does not match {d.isoformat()}, which is a {WEEKDAY_NAMES[d.weekday()]}")
            note = "; ".join(x for x in (note, check) if x)
        elif weekday and t.rule in _WEEKDAY_RULES:
            clash = [(x, explicit_days[x]) for x in (d - dt.timedelta(days=1), d + dt.timedelta(days=1))
                     if x in explicit_days]
            if d not in explicit_days and clash:
                note = (f"{note}; the article also gives '{clash[0][1]}' ({clash[0][0].isoformat()}, a "
                        f"{WEEKDAY_NAMES[clash[0][0].weekday()]}) a day from this {weekday}")
        return d.isoformat(), day_span(d), note, "day"
    lo, hi = _modified(p, t.mod)
    if t.rule == "date_rel_week" and anchor is not None and re.search(r"\b(?:last|past)\s+week\b", surface, re.I):
        # loose: the seven to thirteen days before, or the previous calendar week
        lo, hi = min(lo, anchor - dt.timedelta(days=13)), max(hi, anchor - dt.timedelta(days=1))
    how = _how(t, surface, anchor)
    if p.gran == "M" and not t.mod:
        if t.rule in ("date_month", "date_part_month") and anchor is not None:
            how = f"month {surface.split()[-1].lstrip('-')} placed in {p.year} from the publication date {anchor.isoformat()}"
        return p.value, _span(lo, hi), how, "month"
    if p.gran == "Y" and not t.mod:
        return p.value, _span(lo, hi), how, "year"
    return f"{lo.isoformat()}..{hi.isoformat()}", _span(lo, hi), how, "span"


_MODIFIER = re.compile(r"^(?:the (?:start|beginning|end|middle|close|rest) of |(?:early|late|earlier|later|mid-?) )",
                       re.IGNORECASE)


def _unresolved_value(surface: str) -> str:
    """A relative expression with no date to resolve it against, as one wording: lower case, without the
    modifier ("the start of this year" and "This year" are both "this year"; the modifier stays in the TIMEX3 mod)."""
    return _MODIFIER.sub("", " ".join(surface.lower().split()))


def _anchor_date(doc: Doc, t: Timex) -> dt.date | None:
    r = doc.layout.region_at(t.start)
    if r is not None and r.context == "post" and r.posted is not None:
        return r.posted
    return None


def _how(t: Timex, surface: str, anchor: dt.date | None) -> str | None:
    """How a relative period was resolved, in plain words (None for an absolute one)."""
    if not t.anchor or t.anchor == "none":
        return None
    if re.search(r"\d{4}", surface) and t.rule not in ("date_year_earlier_adj",):
        return None
    mod = {"START": "the start of ", "END": "the end of ", "MID": "the middle of "}.get(t.mod or "", "")
    return f"'{surface}' read as {mod}{t.value} (TIMEX3), resolved against {t.anchor}"
