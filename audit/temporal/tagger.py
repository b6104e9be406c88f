"""The TIMEX3 tagger: run the rules, keep the longest expressions, resolve them in text order."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from audit.temporal.calendar import Period
from audit.temporal.resolve import Context, Unresolvable, fill, remember, resolve
from audit.temporal.rules import KEY_WORDS, RULES, Rule, expand
from audit.temporal.tense import tense_near
from audit.temporal.timex import Timex


@dataclass(frozen=True, slots=True)
class Compiled:
    rule: Rule
    rx: re.Pattern[str]
    index: int


@dataclass(frozen=True, slots=True)
class KeyIndex:
    """Which rules hang on which words (see Rule.key)."""

    by_word: dict[str, tuple[int, ...]]
    by_year: tuple[int, ...]
    by_regex: tuple[tuple[re.Pattern[str], tuple[int, ...]], ...]
    scan: re.Pattern[str]
    """Every key word (and four-digit year) in one pattern, run on the lower-cased text."""


@lru_cache(maxsize=1)
def compiled() -> tuple[Compiled, ...]:
    return tuple(Compiled(r, re.compile(expand(r.pattern)), i) for i, r in enumerate(RULES))


@lru_cache(maxsize=1)
def key_index() -> KeyIndex:
    words: dict[str, list[int]] = {}
    years: list[int] = []
    regexes: dict[str, list[int]] = {}
    for c in compiled():
        for k in c.rule.key.split():
            if k == "#year":
                years.append(c.index)
            elif k.startswith("re:"):
                regexes.setdefault(k[3:], []).append(c.index)
            else:
                for w in KEY_WORDS.get(k, frozenset((k,))):
                    words.setdefault(w, []).append(c.index)
    alternation = "|".join(sorted((re.escape(w) for w in words), key=lambda w: (-len(w), w)))
    return KeyIndex({w: tuple(v) for w, v in words.items()}, tuple(years),
                    tuple((re.compile(k), tuple(v)) for k, v in regexes.items()),
                    re.compile(rf"\b(?:{alternation}|1[5-9]\d\d|20\d\d)\b"))


WINDOW = 72
"""How far before and after its key word a match may reach."""


def windows(text: str) -> dict[int, list[tuple[int, int]]]:
    """For each rule (by index), the stretches of text around its key words, merged where they meet."""
    idx = key_index()
    hits: dict[int, list[int]] = {}
    by_word, by_year = idx.by_word, idx.by_year
    for m in idx.scan.finditer(text.lower()):
        w = m.group()
        rules = by_word.get(w)
        if rules is None:
            rules = by_year
        if rules:
            for i in rules:
                hits.setdefault(i, []).append(m.start())
    for rx, rules in idx.by_regex:
        starts = [m.start() for m in rx.finditer(text)]
        if starts:
            for i in rules:
                hits.setdefault(i, []).extend(starts)
    n = len(text)
    out: dict[int, list[tuple[int, int]]] = {}
    for i, starts in hits.items():
        starts.sort()
        spans: list[tuple[int, int]] = []
        for p in starts:
            lo, hi = max(0, p - WINDOW), min(n, p + WINDOW + 16)
            if spans and lo <= spans[-1][1]:
                spans[-1] = (spans[-1][0], hi)
            else:
                spans.append((lo, hi))
        out[i] = spans
    return out


# ---------------------------------------------------------------------- document signals

_FINANCE = re.compile(
    r"\b(?:profits?|earnings|revenues?|sales|net income|net loss|losses|dividends?|fiscal|quarterly|analysts?|"
    r"shares?|stocks?|investors?|economy|gdp|percent|cents|per share|results|a share|forecasts?|billion|million)\b|[$%]",
)
_SPORT = re.compile(
    r"\b(?:touchdowns?|quarterbacks?|yards?|scored|scoring|innings?|half-?time|goals?|points|penalty|overtime|"
    r"kick-?off|coach|playoffs?|league|teams?|matches|game|games|fans|referee|striker|goalkeeper|field goal|"
    r"rebounds?|assists?|periods?)\b",
)


@dataclass(frozen=True, slots=True)
class Signals:
    finance: bool


def signals(text: str) -> Signals:
    low = text.lower()
    fin = len(_FINANCE.findall(low))
    sport = len(_SPORT.findall(low))
    return Signals(finance=fin >= 2 and sport * 2 < fin)


# ---------------------------------------------------------------------- filters

_PREP_MONTH = re.compile(
    r"(?:\b(?:in|since|until|till|by|during|through|from|to|of|early|late|mid|last|this|next|before|after|"
    r"between|and|or|for|on|the|throughout|last|each|every|past|coming)|[,(-])\s*$",
    re.IGNORECASE,
)
_NEXT_WORD = re.compile(r"\s*([A-Za-z][\w'’.-]*)")
_STOP_CAP = frozenset("The A An And But Or In On At For Of To As By It He She They We I".split())


def _left(text: str, m: re.Match[str], n: int = 30) -> str:
    return text[max(0, m.start() - n):m.start()]


def _check_month(text: str, m: re.Match[str], sig: Signals) -> bool:
    name = m.group("m")
    left = _left(text, m)
    cued = bool(_PREP_MONTH.search(left))
    if name in ("May", "March"):
        if not cued or re.search(r"\b(?:to|the)\s*$", left):
            return False
        nxt = _NEXT_WORD.match(text, m.end())
        return not (nxt and nxt.group(1).lower() in ("be", "have", "not", "also", "well", "i", "we", "you"))
    nxt = _NEXT_WORD.match(text, m.end())
    if nxt and nxt.group(1)[0].isupper() and nxt.group(1) not in _STOP_CAP and not cued:
        return False  # "April Glaspie": a name
    return not re.search(r"\b(?:Ms|Mrs|Mr|Miss)\.?\s*$", left)


def _check_md(text: str, m: re.Match[str], sig: Signals) -> bool:
    if m.group("m") in ("May", "March") and not m.group("d")[0].isdigit():
        return False
    return not re.search(r"\d[-/]\s*$", _left(text, m, 3))


def _check_finance(text: str, m: re.Match[str], sig: Signals) -> bool:
    return sig.finance or "fiscal" in m.group(0).lower()


def _check_the_quarter(text: str, m: re.Match[str], sig: Signals) -> bool:
    """ "the quarter", "the latest period" in a report of results; "the three months" only with the day it ended
    (otherwise it is a duration)."""
    if not _check_finance(text, m, sig):
        return False
    return not re.search(r"month", m.group(0), re.IGNORECASE) or m.group("em") is not None


def _check_season(text: str, m: re.Match[str], sig: Signals) -> bool:
    s = m.group("s").lower()
    lead = " ".join(x.strip().lower() for x in (m.group("lead") or "", m.group("the") or "") if x.strip())
    if not lead:
        return False
    nxt = _NEXT_WORD.match(text, m.end())
    nw = nxt.group(1).lower() if nxt else ""
    if s == "fall":
        if lead not in ("in the", "by the", "this", "until the", "since the", "during the"):
            return False
        if nw in ("in", "of", "from", "to", "below", "above", "was", "is", "has", "had", "would", "will", "on", "at"):
            return False
    return nw not in ("of",)


def _check_year(text: str, m: re.Match[str], sig: Signals) -> bool:
    y = int(m.group("y"))
    left = _left(text, m, 16).lower()
    if re.search(r"(?:\b(?:no\.|no|model|flight|route|page|room|number|#)|gray|grey|silver|black|white|red|blue)\s*$",
                 left):
        return False
    if re.search(r"\b(?:a|an)\s*$", left) and not (1900 <= y <= 2030 and re.match(r"\s+[a-z]", text[m.end():])):
        return False  # "a 2021 ruling", "a 1995 album" are dates; "a 1500 ..." is not
    if re.search(r"[\d,]\s*$", left) and not re.search(r"(?:to|and|or|-|–)\s*$", left):
        return False
    cue = re.search(r"\b(?:in|since|by|during|until|of|from|to|before|after|through|early|late|mid|the year|and|or|"
                    r"fiscal|year|between)\s*$", left)
    return not (not 1900 <= y <= 2030 and not cue)


def _check_year2(text: str, m: re.Match[str], sig: Signals) -> bool:
    left = _left(text, m, 12).lower()
    return bool(re.search(r"\b(?:in|since|of|the|by|until|from|class|early|late|mid|summer|fall|spring|winter)\s*$", left))


_SPELLED_NOT_YEAR = re.compile(r"\s*(?:people|dollars|percent|times|of|years|months|days|miles|feet|tons|men|women)\b",
                               re.IGNORECASE)
_OF_OLD = re.compile(r"\s+old\b")


def _check_spelled(text: str, m: re.Match[str], sig: Signals) -> bool:
    return not _SPELLED_NOT_YEAR.match(text, m.end())


def _check_now(text: str, m: re.Match[str], sig: Signals) -> bool:
    return True


def _check_past(text: str, m: re.Match[str], sig: Signals) -> bool:
    w = m.group(0).lower()
    if w == "the past":
        nxt = _NEXT_WORD.match(text, m.end())
        return not (nxt and re.fullmatch(r"\d+|few|several|two|three|four|five|six|seven|eight|nine|ten|year|"
                                         r"decade|week|month|day|quarter|century|weekend", nxt.group(1).lower()))
    return True


def _check_duration(text: str, m: re.Match[str], sig: Signals) -> bool:
    n = (m.group("n") or "").lower()
    u = (m.group("u") or "").lower()
    left = _left(text, m, 12)
    if n in ("a", "an", "one") and not m.group("rel") and not m.group("q") and "-" not in m.group(0):
        return False  # "a year" alone is left to the rule for it
    if re.search(r"[$£€]\s*$|\d[.,]?\s*$", left):
        return False
    if n in ("some", "many") and not m.group("rel") and u.rstrip("s") not in ("year", "month", "week", "day"):
        return False
    return not _OF_OLD.match(text, m.end())


def _check_a_unit(text: str, m: re.Match[str], sig: Signals) -> bool:
    left = _left(text, m, 20).lower()
    if re.search(r"(?:\d|cents?|dollars?|times|once|twice|percent|%|\bper)\s*$", left):
        return False  # "$5 a year", "twice a week": a rate
    return bool(re.search(r"\b(?:for|in|within|than|about|nearly|almost|over|last|lasted|took|takes|spent|after|"
                          r"least|only|just|half)\s*$", left)) or bool(m.group("q"))


def _check_vague(text: str, m: re.Match[str], sig: Signals) -> bool:
    if m.group("rel"):
        return True
    return bool(re.search(r"\b(?:for|over)\s*$", _left(text, m, 8).lower()))


def _check_today(text: str, m: re.Match[str], sig: Signals) -> bool:
    left = _left(text, m, 20)
    if re.search(r"\bof\s+$", left) and m.group(0).lower() == "tomorrow":
        return False  # "the people of tomorrow"
    # "USA Today", "VOA Today": a title, not a day
    return not (m.group(0)[0].isupper() and re.search(r"[A-Z][\w.]*\s+$", left) and not re.search(r"[.!?\"”]\s+$", left))


CHECKS: dict[str, Callable[[str, re.Match[str], Signals], bool]] = {
    "month": _check_month, "md": _check_md, "dm": lambda t, m, s: True, "finance": _check_finance,
    "the_quarter": _check_the_quarter, "season": _check_season, "year": _check_year, "year2": _check_year2,
    "spelledyear": _check_spelled, "now": _check_now, "current": lambda t, m, s: True, "past": _check_past,
    "recent": lambda t, m, s: True, "future": lambda t, m, s: True, "duration": _check_duration,
    "a_unit": _check_a_unit, "vagueplural": _check_vague, "today": _check_today,
}


# ---------------------------------------------------------------------- the tagger

@dataclass(frozen=True, slots=True)
class Anchor:
    """A part of the text with a date of its own (an embedded post): expressions inside resolve against it."""

    start: int
    end: int
    date: dt.date
    label: str


def candidates(text: str, sig: Signals | None = None) -> list[tuple[int, int, Compiled, re.Match[str]]]:
    """Every match of every rule that passes its check (rules run only around their key words)."""
    sig = sig or signals(text)
    out = []
    rules = compiled()
    for i, spans in windows(text).items():
        c = rules[i]
        check = CHECKS.get(c.rule.check) if c.rule.check else None
        for lo, hi in spans:
            out.extend(_matches(c, check, text, lo, hi, sig))
    return out


def _matches(c: Compiled, check: Callable[[str, re.Match[str], Signals], bool] | None, text: str, lo: int, hi: int,
             sig: Signals) -> list[tuple[int, int, Compiled, re.Match[str]]]:
    out = []
    span = "span" in c.rx.groupindex
    for m in c.rx.finditer(text, lo, hi):
        if m.end() == m.start() or (check is not None and not check(text, m, sig)):
            continue
        if span and m.start("span") >= 0:
            out.append((m.start("span"), m.end("span"), c, m))
        else:
            out.append((m.start(), m.end(), c, m))
    return out


def select(cands: list[tuple[int, int, Compiled, re.Match[str]]], length: int) -> list[tuple[int, int, Compiled, re.Match[str]]]:
    """The longest expressions first, then the earlier rule; none may overlap another."""
    mask = bytearray(length + 1)
    kept = []
    for s, e, c, m in sorted(cands, key=lambda x: (-(x[1] - x[0]), x[2].index, x[0])):
        if mask.find(1, s, e) >= 0:
            continue
        mask[s:e] = b"\x01" * (e - s)
        kept.append((s, e, c, m))
    kept.sort(key=lambda x: x[0])
    return kept


_SAID_ON = re.compile(r"\b(?:said|told|announced|reported|confirmed|stated|added|wrote|tweeted)\s+(?:late\s+|early\s+)?on\s+$",
                      re.IGNORECASE)
"""A past speech verb right before the date's 'on': the day of the statement is behind ("said on Sunday")."""
_LOOKING_BACK = re.compile(
    r"(?:(?<!\bbe )(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )(?<!\bcome )(?<!\bcomes )(?<!\bgo )(?<!\bget )"
    r"(?<!\bgets )(?<!\bwill )(?<!\bhead )(?<!\bmove )(?<!\bpush )(?<!\bpushed )(?<!\bset )(?<!\bput )"
    r"(?<!\bcall )(?<!\bcalled )(?<!\bcoming )(?<!\bgoing )(?<!\breturn )(?<!\bbring )\bback\s+in"
    r"|\bas far back as|\bas long ago as)\s+(?:the\s+)?$", re.IGNORECASE)
"""Words before a date that place it behind the speaker ("back in January", "as far back as 2009"); not a
return ("will be back in January", "pushed back in March" stay with the verb)."""


def tag(text: str, published: dt.date | None = None, *, sentences: Sequence[tuple[int, int]] | None = None,
        anchors: Sequence[Anchor] = (), merge_clock_days: bool = True,
        tense_of: Callable[[int, int], tuple[str | None, int] | None] | None = None) -> list[Timex]:
    """Every temporal expression in `text` with its TIMEX3 type and value, in text order.

    Relative expressions are resolved against `published` (or, inside one of `anchors`,
    against that part's own date); `sentences` are (start, end) offsets, computed when not
    given. A clock time takes the day written beside it or elsewhere in its sentence; with
    `merge_clock_days` (TimeML's convention) "10 p.m. Wednesday" is one TIME expression,
    without it a TIME "10 p.m." and a DATE "Wednesday". `tense_of(start, end)` gives the tense
    of the verb governing an expression from a parse (`audit.temporal.parsed`); where it has
    none, the words around the expression are read (`audit.temporal.tense`).
    """
    if sentences is None:
        from audit.text import split_sentences

        sentences = split_sentences(text)[0]
    starts = [s for s, _ in sentences]
    sig = signals(text)
    chosen = select(candidates(text, sig), len(text))
    ctx = Context(dct=published, finance=sig.finance)
    out: list[Timex] = []
    recent: deque[tuple[int, Period]] = deque()  # (sentence index, period) of this sentence and the one before
    comparison: tuple[int, Period] | None = None
    last_duration = -9  # sentence index of the last duration met
    clocks: list[tuple[int, int, dt.date | None]] = []  # (index in out, sentence, anchor date) of clock times
    for s, e, c, m in chosen:
        si = max(0, bisect.bisect_right(starts, s) - 1)
        lo, hi = sentences[si] if sentences else (0, len(text))
        anchor = next((a for a in anchors if a.start <= s < a.end), None)
        ctx.dct = anchor.date if anchor else published
        parsed = tense_of(s, e) if tense_of is not None else None
        ctx.tense, ctx.verb_distance = parsed if parsed is not None and parsed[0] else tense_near(text, s, e, lo, hi)
        ctx.left = text[max(lo, s - 80):s]
        if _SAID_ON.search(ctx.left):
            ctx.tense = "past"  # "said on Sunday it would buy": the day of the saying, not of the buying
        elif _LOOKING_BACK.search(ctx.left):
            ctx.tense = "past"  # "back in January", "as far back as 2009": whatever the verb, the day is behind
        ctx.sentence = text[max(lo, s - 300):min(hi, e + 300)]
        while recent and recent[0][0] < si - 1:
            recent.popleft()
        ctx.sentence_refs = [p for _k, p in recent]
        ctx.last_comparison = comparison[1] if comparison and comparison[0] >= si - 1 else None
        ctx.sentence_has_duration = last_duration >= si - 1
        rule = c.rule
        groups = m.groupdict()
        try:
            raw = fill(rule.value, groups, m.group(0), ctx)
            mod = fill(rule.mod, groups, m.group(0), ctx) if rule.mod else ""
        except (KeyError, ValueError, IndexError):
            continue
        anchor_note = None
        if raw.startswith("clock|"):
            out.append(Timex(s, e, rule.type, raw, mod or None, None, rule.name))
            clocks.append((len(out) - 1, si, ctx.dct))
            continue
        try:
            value = resolve(raw, ctx)
            if value != raw or raw.startswith(("dct", "ref", "cmp", "day?", "year?", "this:", "last:", "next:")):
                anchor_note = _anchor_note(raw, ctx, anchor)
        except (Unresolvable, ValueError):
            value = _underspecified(raw)
        out.append(Timex(s, e, rule.type, value, mod or None, anchor_note, rule.name))
        if rule.type == "DURATION":
            last_duration = si
        if rule.type in ("DATE", "TIME"):
            p = Period.parse(value)
            if p is None:
                continue
            if raw.startswith(("cmp", "ref:Q-1Y")) or (rule.name == "date_year_period" and published
                                                        and p.year < published.year):
                comparison = (si, p)  # a period compared with is no reference for what follows
            else:
                remember(ctx, p)
                recent.append((si, p))
    return _clock_days(text, out, clocks, starts, merge_clock_days)


_DAY = re.compile(r"\d{4}-\d\d-\d\d")
_ADJACENT = re.compile(r"[\s,]*(?:(?:on|at)\s+)?$")


def _clock_days(text: str, out: list[Timex], clocks: list[tuple[int, int, dt.date | None]], starts: list[int],
                merge: bool) -> list[Timex]:
    """Give each clock time its day: the day-precision date beside it, else the nearest in its sentence."""
    if not clocks:
        return out
    days_of: dict[int, list[tuple[int, Timex]]] = {}
    for k, t in enumerate(out):
        if t.type == "DATE" and _DAY.fullmatch(t.value):
            days_of.setdefault(max(0, bisect.bisect_right(starts, t.start) - 1), []).append((k, t))
    drop: set[int] = set()
    for k, si, dct in clocks:
        t = out[k]
        clock = t.value.split("|", 1)[1]
        same = days_of.get(si, [])[:50]
        beside = None
        for j, d in same:
            gap = text[t.end:d.start] if d.start >= t.end else text[d.end:t.start]
            if len(gap) <= 12 and _ADJACENT.fullmatch(gap):
                beside = (j, d)
        near = beside or (min(same, key=lambda jd: abs(jd[1].start - t.start)) if same else None)
        if near is not None:
            j, d = near
            value, day, anchor = d.value + clock, d.value, f"{d.value} (the day written {'beside it' if beside else 'in its sentence'})"
            if merge and beside is not None:
                drop.add(j)
                t = Timex(min(t.start, d.start), max(t.end, d.end), t.type, t.value, t.mod, t.anchor, t.rule)
        elif dct is not None:
            value, day, anchor = dct.isoformat() + clock, None, f"{dct.isoformat()} (publication: no day written)"
        else:
            value, day, anchor = clock, None, "none"
        out[k] = Timex(t.start, t.end, t.type, value, t.mod, anchor, t.rule, day)
    return [t for k, t in enumerate(out) if k not in drop]


def _anchor_note(raw: str, ctx: Context, anchor: Anchor | None) -> str:
    if raw.startswith(("ref", "cmpref")) and ctx.refs:
        return f"{ctx.refs[-1].value} (the time last mentioned)"
    if raw.startswith("ref:Q"):
        return "the quarter spoken of"
    if ctx.dct is None:
        return "none"
    where = anchor.label if anchor else "publication"
    return f"{ctx.dct.isoformat()} ({where}{', ' + ctx.tense if ctx.tense else ''})"


def _underspecified(raw: str) -> str:
    """A TIMEX3 value with X for what is unknown: "XXXX-10-26", "XXXX-WXX-5"."""
    head, _, tail = raw.partition("|")
    if head.startswith("year?-"):
        return "XXXX-" + head[6:] + tail
    if head.startswith("day?"):
        return f"XXXX-WXX-{head[4:]}" + tail
    if re.search(r"(?:\d+)?D$", head) or head.endswith(":D"):
        return "XXXX-XX-XX" + tail
    return "XXXX" + tail
