"""From a rule's match to a TIMEX3 value: fill the template, then resolve what it leaves open.

`fill` turns the template of a rule into a string with the group functions applied;
`Resolver.resolve` completes underspecified values (see audit.temporal.rules for the
notation) against the publication date, the tense of the sentence and the expressions
already met in the text (the reference time).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from audit.temporal.calendar import Period, finer

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}
_ORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "thirtieth": 30, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "final": 4, "last": 4, "latter": 2,
}
_UNIT = {"day": "D", "week": "W", "weekend": "WE", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE",
         "century": "CE", "centurie": "CE", "hour": "H", "minute": "MIN", "second": "S"}
_SEASON = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_PARTDAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_PART_MOD = {
    "early": "START", "the early": "START", "late": "END", "the late": "END", "mid": "MID", "the mid": "MID",
    "mid-": "MID", "middle": "MID", "the end of": "END", "the beginning of": "START", "the start of": "START",
    "the middle of": "MID", "the close of": "END", "the turn of": "START", "earlier": "", "later": "",
    "the rest of": "", "the remainder of": "", "the balance of": "", "early in": "START", "late in": "END",
    "earlier in": "", "later in": "",
}


class Unresolvable(Exception):
    """The value needs a publication date (or a reference) that is not known."""


@dataclass
class Context:
    dct: dt.date | None
    tense: str | None = None
    verb_distance: int = 99
    """How far (in words) the verb that gave the tense stands from the expression."""
    left: str = ""
    """The text just before the expression, in its sentence."""
    refs: list[Period] = field(default_factory=list)
    """Calendar periods met so far in the text, in order."""
    last_by_gran: dict[str, Period] = field(default_factory=dict)
    """The last period met of each granularity."""
    quarters: list[Period] = field(default_factory=list)
    """The last quarters met (at most 20), in order."""
    sentence_refs: list[Period] = field(default_factory=list)
    """Those met in the current sentence and the one before."""
    sentence: str = ""
    """The text of the sentence the expression stands in."""
    finance: bool = False
    """Whether the text reports business results (quarters are fiscal periods, "a year ago" a period compared)."""
    sentence_has_duration: bool = False
    """Whether a duration ("the first nine months") was met in this sentence or the one before."""
    last_comparison: Period | None = None
    """The period a comparison in this sentence or the one before resolved to ("the year-ago quarter")."""
    groups: dict[str, str | None] = field(default_factory=dict)
    match_text: str = ""


# ---------------------------------------------------------------------- group functions

def _num(s: str) -> int:
    s = s.lower().strip()
    if s.isdigit():
        return int(s)
    if s in ("a hundred", "a thousand"):
        return 100 if s == "a hundred" else 1000
    if s in _NUMS:
        return _NUMS[s]
    parts = re.split(r"[- ]", s)
    if len(parts) == 2 and parts[0] in _NUMS and parts[1] in _NUMS:
        return _NUMS[parts[0]] + _NUMS[parts[1]]
    raise ValueError(s)


def _ord(s: str) -> int:
    s = s.lower().replace("fiscal", "").strip(" -")
    if s in _ORDS:
        return _ORDS[s]
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", s)
    if m:
        return int(m.group(1))
    parts = re.split(r"[- ]", s)
    if len(parts) == 2 and parts[0] in _NUMS and parts[1] in _ORDS:
        return _NUMS[parts[0]] + _ORDS[parts[1]]
    raise ValueError(s)


def f_month(s: str, ctx: Context) -> str:
    return f"{int(s) if s.isdigit() else MONTHS[s.lower().rstrip('.')]:02d}"


def f_day(s: str, ctx: Context) -> str:
    s = s.lower()
    m = re.match(r"\d+", s)
    return f"{int(m.group(0)) if m else _ord(s):02d}"


def f_year(s: str, ctx: Context) -> str:
    s = s.strip("'’")
    if len(s) == 4:
        return s
    return str(_century(int(s), ctx))


def _century(yy: int, ctx: Context) -> int:
    base = ctx.dct.year if ctx.dct else 1990
    best = min((c * 100 + yy for c in (base // 100 - 1, base // 100, base // 100 + 1)), key=lambda y: abs(y - base))
    return best if best <= base + 10 else best - 100


def f_twodigit(s: str, ctx: Context) -> str:
    return str(_century(int(s.strip("'’")), ctx))


def f_num(s: str, ctx: Context) -> str:
    return str(_num(s))


def f_ord(s: str, ctx: Context) -> str:
    return str(_ord(s))


def f_season(s: str, ctx: Context) -> str:
    return _SEASON[s.lower()]


def f_unit(s: str, ctx: Context) -> str:
    return _UNIT[s.lower().rstrip("s")]


def f_weekday(s: str, ctx: Context) -> str:
    return str(WEEKDAYS.index(s.lower()) + 1)


def f_partday(s: str, ctx: Context) -> str:
    return _PARTDAY[s.lower()]


def f_part(s: str, ctx: Context) -> str:
    return _PART_MOD.get(" ".join(s.lower().split()).rstrip("-"), "") if s else ""


def f_rel(s: str, ctx: Context) -> str:
    s = " ".join(s.lower().split())
    if s in ("this", "the current", "current", "the latest"):
        return "this"
    if s in ("last", "past", "the past", "the last", "the previous", "previous", "this past"):
        return "last"
    if s in ("next", "coming", "the coming", "the next", "this coming"):
        return "next"
    if s == "the following":
        return "following"
    return "this"


def f_relfy(s: str, ctx: Context) -> str:
    """ "the latest fiscal year" is the last one completed; "the current fiscal year" the one under way."""
    return "last" if " ".join(s.lower().split()) == "the latest" else f_rel(s, ctx)


def f_relwe(s: str, ctx: Context) -> str:
    s = " ".join(s.lower().split())
    if s in ("over the", "the", "that", "this past"):
        return "recentwe"
    return f_rel(s, ctx)


def f_partrel(s: str, ctx: Context) -> str:
    s = s.lower()
    return {"this": "dct+0D", "last": "dct-1D", "tomorrow": "dct+1D"}[s]


def f_dayword(s: str, ctx: Context) -> str:
    s = " ".join((s or "today").lower().split())
    return {"today": "dct+0D", "yesterday": "dct-1D", "tomorrow": "dct+1D", "the day before yesterday": "dct-2D",
            "the day after tomorrow": "dct+2D"}[s]


def f_refday(s: str, ctx: Context) -> str:
    s = " ".join(s.lower().split())
    if s in ("that day", "the same day", "that same day"):
        return "ref+0D"
    if s in ("the next day", "the following day", "a day later", "the day after"):
        return "ref+1D"
    return "ref-1D"


def f_qh(s: str, ctx: Context) -> str:
    m = re.search(r"(\w+)[- ](quarter|half)", s, re.IGNORECASE)
    if not m:
        raise ValueError(s)
    return ("Q" if m.group(2).lower() == "quarter" else "H") + str(_ord(m.group(1)))


def f_refqago(s: str | None, ctx: Context) -> str:
    if s:
        return f"cmpyear-1Y|-Q{min(4, _ord(s))}"
    return "ref:Q-1Y"


def f_wdmd(s: str, ctx: Context) -> str:
    """A weekday with a month and day: the year is placed from the anchor like any month and day, so that
    the weekday can be checked against the date (not chosen to fit it)."""
    g = ctx.groups
    mo, day = int(f_month(g["m"] or "", ctx)), int(f_day(g["d"] or "", ctx))
    if g.get("y"):
        return f"{g['y']}-{mo:02d}-{day:02d}"
    return f"year?-{mo:02d}-{day:02d}"


def _end_date(ctx: Context) -> dt.date | None:
    """The date a quarter is said to have ended on ("the quarter ended Sept. 30"): the latest such day by the anchor."""
    g = ctx.groups
    if not g.get("em") or ctx.dct is None:
        return None
    mo, day = int(f_month(g["em"] or "", ctx)), int(f_day(g["ed"] or "", ctx))
    if g.get("ey"):
        return dt.date(int(g["ey"] or 0), mo, day)
    for y in (ctx.dct.year, ctx.dct.year - 1):
        try:
            d = dt.date(y, mo, day)
        except ValueError:
            continue
        if d <= ctx.dct + dt.timedelta(days=7):
            return d
    return None


def f_quarter(s: str, ctx: Context) -> str:
    q = _ord(ctx.groups["q"] or "")
    q = 4 if q > 4 else q
    end = _end_date(ctx)
    if end is not None:  # a fiscal quarter is named by the year it ends in
        return f"{end.year}-Q{q}"
    return f"year?-Q{q}"


def f_theq(s: str, ctx: Context) -> str:
    w = " ".join((ctx.groups.get("w") or "").lower().split())
    end = _end_date(ctx)
    if end is not None:  # the calendar quarter whose last day is nearest the day it ended
        best = min((Period.of_date(end, "Q").shift(k, "Q") for k in (-1, 0)), key=lambda p: abs((p.last() - end).days))
        return best.value
    if w == "current":
        return "this:Q"
    if w in ("previous", "prior", "preceding"):
        return "ref:Q-1Q"
    if w in ("latest", "most recent", "just-ended", "just-completed", "latest fiscal", "recent") or "latest period" in s.lower():
        return "ref:Qdone"
    return "ref:Q"


_COMPARED = re.compile(r"(?:compared with|compared to|from|versus|against|than|over|corresponding period|same period)\b[^.;]*$",
                       re.IGNORECASE)


def f_relyear(s: str, ctx: Context) -> str:
    """ "last year" in a comparison of results ("compared with a loss of $3 million last year") is the quarter a year back."""
    g = ctx.groups
    rel = f_rel(g.get("rel") or "this", ctx)
    unit = f_unit(g.get("u") or "year", ctx)
    if (rel == "last" and unit == "Y" and ctx.finance and not g.get("p") and _COMPARED.search(ctx.left)
            and re.search(r"[$%]|\bcents\b", ctx.left)):
        return "cmpq-1Y"
    return f"{rel}:{unit}"


def f_relwd(s: str, ctx: Context) -> str:
    s = " ".join(s.lower().split())
    if s == "the previous":
        return "prev"
    return f_rel(s, ctx)


def f_lastyearq(s: str, ctx: Context) -> str:
    g = ctx.groups
    q = g.get("q")
    if (g.get("rel") or "").lower() == "last":
        return f"cmpyear-1Y|-Q{_ord(q)}" if q else "ref:Q-1Y"
    return f"this:Y|-Q{_ord(q)}" if q else "ref:Q"


def f_halfnum(s: str, ctx: Context) -> str:
    return "1" if s.lower() in ("first", "1st") else "2"


def f_halfyear(s: str, ctx: Context) -> str:
    g = ctx.groups
    h = f_halfnum(g["h"] or "first", ctx)
    if g.get("y"):
        return f"{g['y']}-H{h}"
    rel = (g.get("rel") or "this").lower()
    return f"{'this' if rel == 'the' else rel}:Y|-H{h}"


def f_spelledyear(s: str, ctx: Context) -> str:
    w = " ".join(s.lower().replace("-", " ").split())
    w = re.sub(r"^the year ", "", w)
    if w.startswith("two thousand"):
        rest = w[len("two thousand"):].replace("and", "").strip()
        return str(2000 + (_num(rest) if rest else 0))
    parts = w.split()
    if parts[0] != "nineteen":
        raise ValueError(s)
    words = [p for p in parts[1:] if p not in ("hundred", "and")]
    return str(1900 + sum(_NUMS[p] for p in words))


def f_decade(s: str, ctx: Context) -> str:
    return s[:3]


def f_decade2(s: str, ctx: Context) -> str:
    return s[0]


def f_decadeword(s: str, ctx: Context) -> str:
    g = ctx.groups
    tens = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8,
            "nineties": 9}[(g["w"] or "").lower()]
    century = {"nineteen": 19, "eighteen": 18, "seventeen": 17, "sixteen": 16}.get((g.get("t") or "").lower(), 19)
    return f"{century}{tens}"


def f_halfmod(s: str, ctx: Context) -> str:
    return "START" if s.lower() == "first" else "END"


def f_century(s: str, ctx: Context) -> str:
    return f"{_ord(s) - 1:02d}"


def f_approx(s: str | None, ctx: Context) -> str:
    if not s:
        return ""
    s = s.lower()
    return {"more than": "MORE_THAN", "less than": "LESS_THAN", "just over": "MORE_THAN"}.get(s, "APPROX")


def f_durmod(s: str | None, ctx: Context) -> str:
    if not s:
        return ""
    s = " ".join(s.lower().split())
    return {"more than": "MORE_THAN", "over": "MORE_THAN", "just over": "MORE_THAN", "less than": "LESS_THAN",
            "under": "LESS_THAN", "just under": "LESS_THAN", "at least": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS",
            "no more than": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS"}.get(s, "APPROX")


def _unit_of(s: str) -> str:
    return _UNIT[s.lower().rstrip("s").replace("centurie", "century")]


_HALF = re.compile(r"\s+and\s+a\s+half$|\s+1/2$", re.IGNORECASE)
_FINER = {"Y": ("M", 12), "DE": ("Y", 10), "CE": ("Y", 100), "Q": ("M", 3), "M": ("D", 30), "W": ("D", 7)}


def _count(raw: str, unit: str) -> tuple[int, str]:
    """A count of units, "four and a half years" counted in the next finer unit (54 months)."""
    if _HALF.search(raw) and unit in _FINER:
        finer_unit, per = _FINER[unit]
        return int(_num(_HALF.sub("", raw)) * per + per // 2), finer_unit
    return _num(_HALF.sub("", raw)), unit


def f_ago(s: str, ctx: Context) -> str:
    g = ctx.groups
    u = _unit_of(g["u"] or "")
    if u == "WE":
        u = "W"
    n, u = _count(g["n"] or "1", u)
    if u == "Y" and n == 1:
        return "cmpdct-1Y"
    return f"dct-{n}{u}"


def f_earlier(s: str, ctx: Context) -> str:
    g = ctx.groups
    u = _unit_of(g["u"] or "")
    if u == "WE":
        u = "W"
    n, u = _count(g["n"] or "1", u)
    sign = "+" if (g.get("d") or "").lower() in ("later", "after") else "-"
    if u == "Y" and n == 1:
        return f"cmpref{sign}1Y"
    return f"ref{sign}{n}{u}"


def f_clock(s: str, ctx: Context) -> str:
    """A clock time, "clock|T22:00": its day is settled once the expressions around it are known."""
    g = ctx.groups
    if g.get("w"):
        w = (g["w"] or "").lower()
        return "clock|T24:00" if w == "midnight" else "clock|T12:00"
    hh, mm = int(g["h"] or 0), int(g.get("mi") or 0)
    ap = (g.get("ap") or "").lower()
    pd = (g.get("pd") or "").lower()  # "4:10 in the morning", "9.15 at night"
    if pd and not ap:
        ap = "pm" if pd.endswith(("afternoon", "evening")) or (pd.endswith("night") and 6 <= hh < 12) else "am"
    if ap.startswith("p") and hh < 12:
        hh += 12
    elif ap.startswith("a") and hh == 12:
        hh = 0
    return f"clock|T{hh:02d}:{mm:02d}"


def f_duration(s: str, ctx: Context) -> str:
    g = ctx.groups
    raw_n = (g.get("n") or g.get("a") or "1").lower()
    half = bool(_HALF.search(raw_n)) or bool(re.search(r"\band a half\b", s, re.IGNORECASE))
    raw_n = _HALF.sub("", raw_n)
    u = (g.get("u") or "").lower().rstrip("s")
    u = "century" if u.startswith("centur") else u
    try:
        n = str(_num(raw_n))
    except ValueError:
        n = raw_n.rstrip("0").rstrip(".") if re.fullmatch(r"\d+\.\d+", raw_n) else "X"
    if u == "minute" and half and n != "X":
        return f"PT{n}M30S"
    if half and n != "X" and u == "year":
        return f"P{n}Y6M"
    if half and n != "X":
        n = f"{n}.5"  # ISO 8601 allows a fraction on the last figure: P4.5D
    code = {"day": "D", "week": "W", "weekend": "WE", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE",
            "century": "CE", "hour": "H", "minute": "M", "second": "S"}[u]
    if u in ("hour", "minute", "second"):
        return f"PT{n}{code}"
    if code in ("DE", "CE"):
        if n == "X":
            return f"PX{code}"
        years = float(n) * (10 if code == "DE" else 100)
        return f"P{years:g}Y"
    return f"P{n}{code}"


def f_vagueplural(s: str, ctx: Context) -> str:
    u = (ctx.groups.get("u") or "").lower().rstrip("s")
    code = {"year": "Y", "month": "M", "week": "W", "day": "D", "decade": "DE", "centurie": "CE"}[u]
    return f"PX{code}"


def f_set(s: str, ctx: Context) -> str:
    w = s.lower()
    if w in WEEKDAYS:
        return f"XXXX-WXX-{WEEKDAYS.index(w) + 1}"
    if w in MONTHS:
        return f"XXXX-{MONTHS[w]:02d}"
    if w in _SEASON:
        return f"XXXX-{_SEASON[w]}"
    return {"day": "P1D", "week": "P1W", "month": "P1M", "quarter": "P1Q", "year": "P1Y", "hour": "PT1H"}[w]


def f_setly(s: str, ctx: Context) -> str:
    return {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
            "hourly": "PT1H", "nightly": "P1D"}[s.lower()]


def f_setunit(s: str, ctx: Context) -> str:
    return {"day": "P1D", "week": "P1W", "month": "P1M", "quarter": "P1Q", "year": "P1Y"}[s.lower()]


def f_setweekday(s: str, ctx: Context) -> str:
    g = ctx.groups
    d = WEEKDAYS.index((g["w"] or "").lower()) + 1
    pd = g.get("pd")
    return f"XXXX-WXX-{d}" + (f"T{_PARTDAY[pd.lower()]}" if pd else "")


def f_holiday(s: str, ctx: Context) -> str:
    name = _holiday_key(ctx.groups.get("h") or s)
    y = ctx.groups.get("y")
    if y:
        d = holiday_date(name, int(y))
        if d is None:
            raise ValueError(s)
        return d.isoformat()
    return f"hol?{name}"


FUNCTIONS: dict[str, Callable[..., str]] = {
    name[2:]: fn for name, fn in globals().items() if name.startswith("f_") and callable(fn)
}

_FIELD = re.compile(r"\{(\w+)(?::(\w+))?\}")


def fill(template: str, groups: dict[str, str | None], whole: str, ctx: Context) -> str:
    """The template with each {group} or {group:function} replaced."""
    ctx.groups = groups
    ctx.match_text = whole

    def one(m: re.Match[str]) -> str:
        name, fn = m.group(1), m.group(2)
        raw = whole if name == "0" else groups.get(name)
        if fn is None:
            return raw or ""
        f = FUNCTIONS[fn]
        if raw is None and fn not in ("refqago", "theq", "approx", "durmod", "part", "dayword"):
            return ""
        return f(raw, ctx)

    return _FIELD.sub(one, template)


# ---------------------------------------------------------------------- resolution

_OFFSET = re.compile(r"(dct|ref|cmpdct|cmpref|cmpyear|cmpq)([+-])(\d+)(D|W|WE|M|Q|H|Y|DE|CE|MIN|S)$")


def resolve(value: str, ctx: Context) -> str:
    """A finished TIMEX3 value for what `fill` gave. Raises Unresolvable without the anchor it needs."""
    if "|" in value:
        head, tail = value.split("|", 1)
        if tail == "week":
            p = Period.parse(resolve(head, ctx))
            if p is None:
                raise Unresolvable(value)
            return p.coarsen("W").value
        base = resolve(head, ctx)
        if tail.startswith("T") and Period.parse(base) is not None and Period.parse(base).gran != "D":  # type: ignore[union-attr]
            raise Unresolvable(value)
        return base + tail
    if value.startswith("year?-"):
        return _place_in_year(value[len("year?-"):], ctx)
    if value.startswith("day?"):
        return _weekday(int(value[4:]), ctx)
    if value.startswith("hol?"):
        return _holiday(value[4:], ctx)
    m = re.fullmatch(r"(this|last|next|following|recentwe):(.+)", value)
    if m:
        return _relative(m.group(1), m.group(2), ctx)
    m = _OFFSET.fullmatch(value)
    if m:
        return _offset(m.group(1), -int(m.group(3)) if m.group(2) == "-" else int(m.group(3)), m.group(4), ctx)
    m = re.fullmatch(r"ref:Q(done)?(?:([+-])1(Y|Q))?", value)
    if m:
        q = _reference_quarter(ctx, done=bool(m.group(1)))
        if m.group(2):
            q = q.shift(-1 if m.group(2) == "-" else 1, m.group(3))
        return q.value
    m = re.fullmatch(r"refQ@(\d{4})", value)
    if m:
        q = _reference_quarter(ctx)
        return f"{m.group(1)}-Q{q.n}"
    m = re.fullmatch(r"prev:D(\d)", value)
    if m:  # "the previous Friday": the one before the day last spoken of
        ref = ctx.last_by_gran.get("D")
        day0 = ref.first() if ref else _anchor(ctx)
        wd = int(m.group(1)) - 1
        return (day0 - dt.timedelta(days=(day0.weekday() - wd) % 7 or 7)).isoformat()
    return value


def _anchor(ctx: Context) -> dt.date:
    if ctx.dct is None:
        raise Unresolvable("no publication date")
    return ctx.dct


def _place_in_year(rest: str, ctx: Context) -> str:
    a = _anchor(ctx)
    cands = []
    for y in (a.year - 1, a.year, a.year + 1):
        p = Period.parse(f"{y}-{rest}")
        if p is not None:
            cands.append(p)
    if not cands:
        raise Unresolvable(rest)
    return _choose(cands, ctx)


HOLIDAYS: dict[str, tuple[str, int, int, int]] = {
    # name: ("fixed", month, day, 0) | ("nth", month, weekday 0=Mon, n; -1 = last) | ("easter", offset, 0, 0)
    "christmas": ("fixed", 12, 25, 0), "christmas day": ("fixed", 12, 25, 0), "christmas eve": ("fixed", 12, 24, 0),
    "boxing day": ("fixed", 12, 26, 0), "new year's day": ("fixed", 1, 1, 0), "new year's eve": ("fixed", 12, 31, 0),
    "new year's": ("fixed", 1, 1, 0), "independence day": ("fixed", 7, 4, 0), "the fourth of july": ("fixed", 7, 4, 0),
    "fourth of july": ("fixed", 7, 4, 0), "halloween": ("fixed", 10, 31, 0), "valentine's day": ("fixed", 2, 14, 0),
    "veterans day": ("fixed", 11, 11, 0), "armistice day": ("fixed", 11, 11, 0), "remembrance day": ("fixed", 11, 11, 0),
    "st. patrick's day": ("fixed", 3, 17, 0), "bastille day": ("fixed", 7, 14, 0), "may day": ("fixed", 5, 1, 0),
    "thanksgiving": ("nth", 11, 3, 4), "thanksgiving day": ("nth", 11, 3, 4), "labor day": ("nth", 9, 0, 1),
    "memorial day": ("nth", 5, 0, -1), "martin luther king day": ("nth", 1, 0, 3), "presidents' day": ("nth", 2, 0, 3),
    "columbus day": ("nth", 10, 0, 2), "mother's day": ("nth", 5, 6, 2), "father's day": ("nth", 6, 6, 3),
    "election day": ("election", 11, 0, 0),
    "easter": ("easter", 0, 0, 0), "easter sunday": ("easter", 0, 0, 0), "easter monday": ("easter", 1, 0, 0),
    "good friday": ("easter", -2, 0, 0), "palm sunday": ("easter", -7, 0, 0), "ash wednesday": ("easter", -46, 0, 0),
    "pentecost": ("easter", 49, 0, 0),
}


def _holiday_key(s: str) -> str:
    s = s.lower().replace("’", "'").replace("labour", "labor").replace("veterans'", "veterans")
    s = s.replace("presidents day", "presidents' day").replace(" jr.", "")
    return " ".join(s.split())


def _easter(y: int) -> dt.date:
    """Easter Sunday (Gregorian computus)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ll = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ll) // 451
    month = (h + ll - 7 * m + 114) // 31
    day = ((h + ll - 7 * m + 114) % 31) + 1
    return dt.date(y, month, day)


def holiday_date(name: str, y: int) -> dt.date | None:
    """The date of a named holiday in year y, or None for a name not known."""
    spec = HOLIDAYS.get(_holiday_key(name))
    if spec is None:
        return None
    kind, a, b, n = spec
    if kind == "fixed":
        return dt.date(y, a, b)
    if kind == "easter":
        return _easter(y) + dt.timedelta(days=a)
    if kind == "election":  # the Tuesday after the first Monday of November
        first = dt.date(y, 11, 1)
        monday = first + dt.timedelta(days=(0 - first.weekday()) % 7)
        return monday + dt.timedelta(days=1)
    if n > 0:
        first = dt.date(y, a, 1)
        return first + dt.timedelta(days=(b - first.weekday()) % 7 + 7 * (n - 1))
    last = dt.date(y, a, calendar.monthrange(y, a)[1])
    return last - dt.timedelta(days=(last.weekday() - b) % 7)


def _holiday(name: str, ctx: Context) -> str:
    a = _anchor(ctx)
    cands = []
    for y in (a.year - 1, a.year, a.year + 1):
        d = holiday_date(name, y)
        if d is not None:
            cands.append(Period.of_date(d))
    if not cands:
        raise Unresolvable(name)
    return _choose(cands, ctx)


def _choose(cands: list[Period], ctx: Context) -> str:
    """Which of the same period in consecutive years the text means, by the tense of its sentence."""
    a = _anchor(ctx)
    tense = ctx.tense
    if cands[0].gran in ("D", "M") and tense == "future":
        return next((p for p in cands if p.last() >= a), cands[-1]).value
    if cands[0].gran in ("D", "M") and (tense != "past" or _DEADLINE.search(ctx.left)):
        # a day or a month without a tense, or a deadline in past narrative ("extended the offer to Nov.
        # 20", "payable Jan. 2"): the nearest one, a season's worth nearer on the side the tense points to
        # (twice that when the verb stands right beside it: "ended Jan. 31")
        bias = 90 if ctx.verb_distance > 2 else 180

        def cost(p: Period) -> int:
            delta = (p.first() - a).days if p.first() > a else (p.last() - a).days if p.last() < a else 0
            wrong = delta > 0 and tense == "past"
            return abs(delta) + (bias if wrong else 0)
        return min(cands, key=cost).value
    if tense == "past":
        # a quarter, a half or a season spoken of in the past tense has begun (a fourth quarter reported on
        # in November is the fiscal quarter just ended)
        ok = [p for p in cands if p.first() <= a]
        return (ok[-1] if ok else cands[0]).value
    if tense == "future":
        # results for a quarter or half are reported in the weeks after it ends ("expects to report a
        # third-quarter loss" in October is about the quarter just ended)
        grace = dt.timedelta(days=75 if cands[0].gran in ("Q", "H") else 0)
        ok = [p for p in cands if p.last() + grace >= a]
        return (ok[0] if ok else cands[-1]).value
    return min(cands, key=lambda p: _distance(p, a)).value


_DEADLINE = re.compile(
    r"\b(?:until|till|through|by|before|to|effective|payable|due|expires?|expiring|deadline|starting|"
    r"beginning)\s+(?:the\s+)?(?:(?:end|middle|beginning|start) of\s+|early\s+|late\s+|mid-?)?$", re.IGNORECASE)


def _distance(p: Period, a: dt.date) -> int:
    if p.first() <= a <= p.last():
        return 0
    return min(abs((p.first() - a).days), abs((p.last() - a).days))


def _weekday(n: int, ctx: Context) -> str:
    a = _anchor(ctx)
    wd = n - 1
    if ctx.tense in ("future", "plan"):
        d = a + dt.timedelta(days=(wd - a.weekday()) % 7)
    else:
        d = a - dt.timedelta(days=(a.weekday() - wd) % 7)
    return d.isoformat()


def _relative(rel: str, what: str, ctx: Context) -> str:
    a = _anchor(ctx)
    if what in ("D", "W", "WE", "M", "Q", "H", "Y", "DE", "CE"):
        if rel == "recentwe":  # "the weekend": the one just past (future narrative: the next one)
            p = Period.of_date(a, "WE")
            if ctx.tense == "future":
                return (p if a.weekday() < 5 else p.shift(1, "W")).value
            return (p if a.weekday() >= 5 else p.shift(-1, "W")).value
        p = Period.of_date(a, what)
        if rel == "following":
            ref = _last_ref(ctx)
            p = (ref.coarsen(what) if ref and not finer(what, ref.gran) else p).shift(1, _step(what))
        elif rel in ("last", "next"):
            p = p.shift(-1 if rel == "last" else 1, _step(what))
        return p.value
    if what.startswith("D") and what[1:].isdigit():  # last/next/this + weekday
        wd = int(what[1:]) - 1
        if rel == "last":
            delta = (a.weekday() - wd) % 7 or 7
            return (a - dt.timedelta(days=delta)).isoformat()
        if rel in ("next", "following"):
            delta = (wd - a.weekday()) % 7 or 7
            return (a + dt.timedelta(days=delta)).isoformat()
        if ctx.tense == "past":
            return (a - dt.timedelta(days=(a.weekday() - wd) % 7)).isoformat()
        return (a + dt.timedelta(days=(wd - a.weekday()) % 7)).isoformat()
    # a month, a season, a quarter... within a year: last = the most recent one that has ended (a month a
    # few weeks ago is "last month", not "last February"), next = the next one to begin, this = the anchor's year
    cands = [p for p in (Period.parse(f"{y}-{what}") for y in (a.year - 1, a.year, a.year + 1)) if p is not None]
    if not cands:
        raise Unresolvable(what)
    if rel == "last":
        margin = dt.timedelta(days=20 if cands[0].gran == "M" else 0)
        ok = [p for p in cands if p.last() + margin < a]
        return (ok[-1] if ok else cands[0]).value
    if rel in ("next", "following"):
        ok = [p for p in cands if p.first() > a]
        return (ok[0] if ok else cands[-1]).value
    same = [p for p in cands if p.year == a.year]
    return (same[0] if same else cands[1]).value


def _step(gran: str) -> str:
    return "W" if gran == "WE" else gran


def _last_ref(ctx: Context) -> Period | None:
    return ctx.refs[-1] if ctx.refs else None


def remember(ctx: Context, p: Period) -> None:
    """Note a period met in the text as the reference for what follows."""
    ctx.refs.append(p)
    ctx.last_by_gran[p.gran] = p
    if p.gran == "Q":
        ctx.quarters.append(p)
        del ctx.quarters[:-20]


def _offset(base: str, k: int, unit: str, ctx: Context) -> str:
    if unit in ("MIN", "S", "H"):
        raise Unresolvable("a clock offset")
    if base.startswith("cmp"):
        return _comparison(base, k, unit, ctx)
    start = Period.of_date(_anchor(ctx), "D") if base == "dct" or not ctx.refs else ctx.refs[-1]
    if finer(start.gran, unit) or (finer(unit, start.gran) and base == "dct"):
        start = start.coarsen(unit)
    return start.shift(k, unit).value


def _comparison(base: str, k: int, unit: str, ctx: Context) -> str:
    """ "A year ago/earlier", "year-earlier", "the year-earlier third quarter": the period compared with, moved.

    The figure compared is for the period the sentence (or the one before) speaks of: a quarter, a
    half, a month, a year; in a report of results, the quarter reported on (unless the sentence
    counts months: "in the first nine months, compared with 40% a year earlier" is a year). A
    comparison met just before ("in the year-ago quarter ... the year-ago results") is the same
    period again.
    """
    if ctx.last_comparison is not None and base != "cmpyear":
        return ctx.last_comparison.value
    if base == "cmpq":
        return _reference_quarter(ctx).shift(k, unit).value if ctx.quarters \
            else Period.of_date(_anchor(ctx), "Y").shift(k, unit).value
    near = [p for p in ctx.sentence_refs if p.gran in ("Q", "H", "M", "Y")]
    if near:
        start = near[-1]
    elif ctx.finance and not ctx.sentence_has_duration and ctx.quarters:
        start = _reference_quarter(ctx)
    else:
        start = Period.of_date(_anchor(ctx), "Y")
    if base == "cmpyear":
        start = start.coarsen("Y")
    return start.shift(k, unit).value


def _reference_quarter(ctx: Context, done: bool = False) -> Period:
    """The quarter spoken of: the last one mentioned (that has ended, for "the latest quarter"), else the last one
    completed before the anchor."""
    a = _anchor(ctx)
    for p in reversed(ctx.quarters):
        if not done or p.last() < a:
            return p
    return Period.of_date(a, "Q").shift(-1, "Q")
