"""Match minutes, periods, rounds, game clocks, scores, leads and win-loss records.

"eight minutes later" is derived from the previous minute in the narrative, and the
claim's note records the derivation ("83 = 75 + 8").
"""

from __future__ import annotations

import re

from audit.extract.base import NUMBER_WORD_RE, ORDINAL_WORDS, Doc, Mention, Taken, extra, frame, word_number
from audit.model import Claim

_ORD = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|1st|2nd|3rd|4th|5th|6th|7th|8th|9th|10th|11th|12th)"
_MINUTE = re.compile(r"\b(?P<n>\d{1,3})(?:st|nd|rd|th)?(?:\+(?P<plus>\d{1,2}))?(?:-|\s)(?:minute|min)\b(?!s)|\bminute\s+(?P<n2>\d{1,3})\b", re.IGNORECASE)
_LATER = re.compile(rf"\b(?P<n>\d{{1,2}}|{NUMBER_WORD_RE})\s+minutes?\s+(?P<dir>later|after(?:wards)?|on|before|earlier)\b", re.IGNORECASE)
_HALF = re.compile(r"\b(?P<w>first|second|1st|2nd)[- ]half\b|\b(?P<st>stoppage[- ]time|injury[- ]time|extra[- ]time|half[- ]?time|added time)\b", re.IGNORECASE)
_QUARTER = re.compile(rf"\b(?P<w>{_ORD})[- ](?P<p>quarter|period|inning|round|set|frame)\b|\b(?P<p2>round|quarter|period)\s+(?P<n>\d{{1,2}})\b", re.IGNORECASE)
_CLOCK = re.compile(r"\b(?:with\s+)?(?P<t>\d{1,2}:\d{2})\s+(?:minutes?\s+)?(?P<rel>left|remaining|to go|to play|into|of|in)\b(?:\s+(?:in|of))?(?:\s+the)?(?:\s+(?P<w>" + _ORD + r")\s+(?P<p>quarter|period|round|half)|\s+(?P<ot>OT|extra (?:period|time|session|frame)|(?:first |second |double |triple )?overtime(?: period)?))?", re.IGNORECASE)
_SERIES_BEFORE = re.compile(r"\b(?:the|a|its|their|his|her)\s+(?:best-of-\w+\s+)?series\s*$", re.IGNORECASE)
_SERIES_AFTER = re.compile(r"[\s-]*(?:series\b|(?:lead\s+|advantage\s+|edge\s+)?in\s+(?:the|a|their|its)\s+(?:best-of-\w+\s+)?series\b|games?\s+to\b)", re.IGNORECASE)
_OT_NUMBER = {"second": 2, "double": 2, "triple": 3}
_SCORE = re.compile(r"(?<![\d.,/:-])(?P<a>\d{1,3})\s?[-–—]\s?(?P<b>\d{1,3})(?![\d/:]|-(?:yard|minute|year|point|game|man|day|hour))")
_LEAD_WORDS = re.compile(r"\b(?P<n>\d{1,2}|" + NUMBER_WORD_RE + r")[- ](?P<u>goal|point|run|shot|stroke|game|touchdown)\s+(?:[a-z-]+\s+)?(?P<what>lead|advantage|cushion|deficit|margin)\b", re.IGNORECASE)
_LEFT = re.compile(r"\b(?:(?P<qual>less than|more than|about|nearly|just over|under|over)\s+)?(?P<n>\d{1,2}|" + NUMBER_WORD_RE + r")\s+minutes?\s+(?P<rel>left|remaining|to go|to play)\b", re.IGNORECASE)

PERIOD_RANGES = {"first half": (1.0, 45.0), "second half": (46.0, 90.0), "extra time": (91.0, 120.0),
                 "stoppage time": (45.0, 130.0), "halftime": (45.0, 46.0)}


_SCOPES = (
    ("close games", r"one-score|one-possession|decided by (?:one|a single|seven|a touchdown)|one score|close games|"
                    r"seven points or (?:less|fewer)|by one goal|one-run|one-goal"),
    ("road", r"\b(?:road|away)\b"), ("home", r"\bhome\b"), ("division", r"\bdivision"), ("conference", r"\bconference"),
)


def _record_scope(phrase: str) -> str:
    """The kind of games a qualified record counts: 'in one-possession games' and 'in games decided by one score'
    are both close games."""
    low = phrase.lower()
    for name, rx in _SCOPES:
        if re.search(rx, low):
            return name
    return " ".join(low.split())


def _ordinal(word: str) -> int | None:
    w = word.lower()
    if w in ORDINAL_WORDS:
        return ORDINAL_WORDS[w]
    m = re.match(r"(\d+)", w)
    return int(m.group(1)) if m else None


def _subject(doc: Doc, s: int, e: int, fr_mentions: tuple[Mention, ...]) -> str | None:
    """The person a minute or period is about: the nearest name in the clause, people first."""
    if not fr_mentions:
        return None
    people = [m for m in fr_mentions if m.type == "person"] or list(fr_mentions)

    def dist(m: Mention) -> int:
        return s - m.end if m.end <= s else m.start - e

    return min(people, key=dist).surface


def _subjects_all(fr_mentions: tuple[Mention, ...], text: str = "", subject: str | None = None) -> tuple[str, ...]:
    """The people a claim is about: the subject and the names coordinated with it ("A and B")."""
    people = [m for m in fr_mentions if m.type == "person"]
    if not text or subject is None:
        return tuple(m.surface for m in people)
    idx = [i for i, m in enumerate(people) if m.surface == subject]
    if not idx:
        return (subject,)
    lo = hi = idx[0]
    while lo > 0 and re.fullmatch(r"\s*(?:,|and|&|,\s*and)\s*", text[people[lo - 1].end:people[lo].start]):
        lo -= 1
    while hi + 1 < len(people) and re.fullmatch(r"\s*(?:,|and|&|,\s*and)\s*", text[people[hi].end:people[hi + 1].start]):
        hi += 1
    return tuple(m.surface for m in people[lo:hi + 1])


def extract(doc: Doc) -> list[Claim]:
    text = doc.text
    claims: list[Claim] = []
    taken = Taken(len(text))

    def free(s: int, e: int) -> bool:
        return taken.free(s, e)

    def add(c: Claim) -> None:
        taken.take(c.start, c.end)
        claims.append(c)

    minutes: list[tuple[int, int]] = []  # (offset, minute) in text order
    for m in _MINUTE.finditer(text):
        n = int(m.group("n") or m.group("n2"))
        if n > 130:
            continue
        plus = m.group("plus")
        fr = frame(doc, m.start(), m.end())
        subj = _subject(doc, m.start(), m.end(), fr.mentions)
        value = f"{n}+{plus}" if plus else str(n)
        add(doc.claim("minute", value, m.start(), m.end(), "minute", low=float(n), high=float(n) + (int(plus) if plus else 0),
                      subject=subj, trigger=fr.trigger, topic=f"minute of {subj}'s {fr.trigger_word or 'action'}" if subj else "minute",
                      extra=extra(names=fr.names(), words=fr.words, people=_subjects_all(fr.mentions, text, subj))))
        minutes.append((m.start(), n))
    for m in (_LATER.finditer(text) if doc.has("minute") else ()):
        raw = m.group("n")
        k = int(raw) if raw.isdigit() else word_number(raw)
        if not k or not free(m.start(), m.end()):
            continue
        prev = [mn for off, mn in minutes if off < m.start()]
        if not prev:
            continue
        base = prev[-1]
        sign = -1 if m.group("dir").lower() in ("before", "earlier") else 1
        n = base + sign * k
        fr = frame(doc, m.start(), m.end())
        subj = _subject(doc, m.start(), m.end(), fr.mentions)
        add(doc.claim("minute", str(n), m.start(), m.end(), "minute", low=float(n), high=float(n), subject=subj,
                      trigger=fr.trigger, note=f"derived: {n} = {base} {'+' if sign > 0 else '-'} {k} ({m.group(0)})",
                      topic=f"minute of {subj}'s {fr.trigger_word or 'action'}" if subj else "minute",
                      extra=extra(names=fr.names(), words=fr.words, derived=f"{base}{'+' if sign > 0 else '-'}{k}",
                                  people=_subjects_all(fr.mentions, text, subj))))
        minutes.append((m.start(), n))
    for m in _HALF.finditer(text):
        if not free(m.start(), m.end()):
            continue
        if m.group("w"):
            value = "first half" if m.group("w").lower() in ("first", "1st") else "second half"
        else:
            st = m.group("st").lower().replace("-", " ")
            value = {"injury time": "stoppage time", "added time": "stoppage time", "half time": "halftime",
                     "halftime": "halftime"}.get(st, st)
        lo, hi = PERIOD_RANGES.get(value, (None, None))
        fr = frame(doc, m.start(), m.end())
        subj = _subject(doc, m.start(), m.end(), fr.mentions)
        add(doc.claim("period", value, m.start(), m.end(), "minute", low=lo, high=hi, subject=subj, trigger=fr.trigger,
                      topic=f"period of {subj}'s {fr.trigger_word or 'action'}" if subj else "period",
                      extra=extra(names=fr.names(), words=fr.words, people=_subjects_all(fr.mentions, text, subj), period="half")))
    for m in _CLOCK.finditer(text):
        if not free(m.start(), m.end()):
            continue
        if not m.group("p") and not m.group("ot") and m.group("rel").lower() in ("in", "into", "of"):
            continue
        fr = frame(doc, m.start(), m.end())
        subj = _subject(doc, m.start(), m.end(), fr.mentions)
        # an added period ("7:46 of overtime", "of the extra period") is one period of its own
        per = (f"{m.group('p').lower()} {_ordinal(m.group('w'))}" if m.group("p") else
               f"overtime {_OT_NUMBER.get(m.group('ot').split()[0].lower(), 1)}" if m.group("ot") else "")
        rel = m.group("rel").lower()
        rel = "left" if rel in ("left", "remaining", "to go", "to play") else "elapsed"
        value = f"{m.group('t')} {rel}"
        mins, secs = (int(x) for x in m.group("t").split(":"))
        add(doc.claim("clock", value, m.start(), m.end(), "clock", subject=subj, trigger=fr.trigger,
                      low=float(mins * 60 + secs), high=float(mins * 60 + secs),
                      note=(f"in overtime ({m.group('ot')})" if m.group("ot") else
                            f"in the {per.split()[0]} {per.split()[1]}" if per else None),
                      topic=f"game clock of {subj}'s {fr.trigger_word or 'action'}" if subj else "game clock",
                      extra=extra(names=fr.names(), words=fr.words, period=per or None,
                                  people=_subjects_all(fr.mentions, text, subj))))
    for m in (_LEFT.finditer(text) if doc.has("minute") else ()):
        raw = m.group("n")
        k = int(raw) if raw.isdigit() else word_number(raw)
        if not k or not free(m.start(), m.end()):
            continue
        fr = frame(doc, m.start(), m.end())
        qual = (m.group("qual") or "").lower() or None
        lo, hi = {"less than": (0, k * 60), "under": (0, k * 60), "more than": (k * 60, k * 60 + 59),
                  "just over": (k * 60, k * 60 + 59), "over": (k * 60, k * 60 + 59)}.get(qual or "", (k * 60 - 59, k * 60 + 59))
        add(doc.claim("clock", f"{k} min left", m.start(), m.end(), "clock", qualifier=qual, trigger=fr.trigger,
                      low=float(lo), high=float(hi), topic="time left",
                      extra=extra(names=fr.names(), words=fr.words)))
    for m in (_QUARTER.finditer(text) if doc.has("quarter", "period", "inning", "round", "set", "frame") else ()):
        if not free(m.start(), m.end()):
            continue
        num: int | None
        if m.group("w"):
            num, p = _ordinal(m.group("w")), m.group("p").lower()
        else:
            num, p = int(m.group("n")), m.group("p2").lower()
        if not num or num < 1:
            continue
        fr = frame(doc, m.start(), m.end())
        subj = _subject(doc, m.start(), m.end(), fr.mentions)
        add(doc.claim("period", f"{p} {num}", m.start(), m.end(), "period", low=float(num), high=float(num), subject=subj,
                      trigger=fr.trigger, topic=f"{p} of {subj}'s {fr.trigger_word or 'action'}" if subj else p,
                      extra=extra(names=fr.names(), words=fr.words, people=_subjects_all(fr.mentions, text, subj), period=p)))
    for m in (_LEAD_WORDS.finditer(text) if doc.has("lead", "advantage", "cushion", "deficit", "margin") else ()):
        raw = m.group("n")
        k = int(raw) if raw.isdigit() else word_number(raw)
        if not k:
            continue
        fr = frame(doc, m.start(), m.end())
        what = "lead" if m.group("what").lower() != "deficit" else "deficit"
        add(doc.claim("score", f"{what} by {k}", m.start(), m.end(), "lead", low=float(k), high=float(k),
                      trigger=fr.trigger, topic=f"{what} ({m.group('u').lower()}s)",
                      extra=extra(names=fr.names(), words=fr.words, unit=m.group("u").lower())))
    for m in _SCORE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        a, b = int(m.group("a")), int(m.group("b"))
        s, e = m.start(), m.end()
        before = text[max(0, s - 40): s]
        after = text[e: e + 40]
        if re.search(r"\b(?:ages?|aged|between|from|pages?|chapters?|verses?|rooms?|numbers?|No\.?|Nos\.?|routes?|highways?|I)\s*$", before, re.IGNORECASE):
            continue
        if re.match(r"\s*(?:years?|hours?|days?|weeks?|months?|inches|feet|percent|%|a\.m\.|p\.m\.|am\b|pm\b)", after, re.IGNORECASE):
            continue
        fr = frame(doc, s, e)
        clause = text[fr.lo: fr.hi].lower()
        attribute, value, subject = "score", f"{max(a, b)}-{min(a, b)}", None
        record_cue = (
            (re.match(r"\s*\)", after) and before.rstrip().endswith("("))
            or re.match(r"\s+(?:record|mark|season|campaign|overall|on the season|this season)\b", after, re.IGNORECASE)
            or re.search(r"\b(?:improved to|fell to|dropped to|moved to|rose to|record (?:to|of|at|is|was)|are|is|were|was|now)"
                         r"\s*$", before))
        if record_cue and a != b:
            attribute, value = "record", f"{a}-{b}"
            team = [x for x in fr.mentions if x.end <= s]
            subject = team[-1].surface if team else None
            qualified = re.match(r"\s+(?:in|on|at|against|when|with|since|over|under|versus|vs\.?)\s+([\w-]+(?:\s+[\w-]+){0,5})", after)
            if qualified:
                attribute = f"record ({_record_scope(qualified.group(0))})"
            elif re.search(r"\b(?:one-score|close|road|home|division|conference|against)\b[\w\s-]{0,20}$", before, re.IGNORECASE):
                attribute = "record (" + (re.search(r"(one-score|close|road|home|division|conference)", before + after, re.IGNORECASE) or re.search("x", "x")).group(0).lower() + ")"  # type: ignore[union-attr]
        elif _SERIES_BEFORE.search(before) or _SERIES_AFTER.match(after):
            # "won the series 4-1", "a 3-1 series lead", "4-1 in the series": the standing in a series of games,
            # its own slot beside any one game's score
            lead = re.match(r"[\s-]*(?:series\s+)?(?:lead|advantage|edge)\b", after, re.IGNORECASE)
            attribute = "series lead" if lead else "series score"
            value = f"{max(a, b)}-{min(a, b)}"
        elif re.match(r"[\s-]*(?:lead|advantage|cushion|deficit|ahead|up|down|behind)\b", after, re.IGNORECASE) or (re.search(r"\b(?:led|leading|lead|ahead|up)\b", clause) and not re.search(r"\b(?:beat|won|win|defeat|victory|final)", clause)):
            attribute, value = "lead", f"lead by {abs(a - b)}" if a != b else f"level {a}-{b}"
        elif re.search(r"\b(?:half-?time|at the break|at the half|intermission)\b", clause):
            attribute = "halftime score"
        elif a == b or re.search(r"\b(?:tie|tied|tying|level|levelled|leveled|draw|drew|all square)\b", clause):
            attribute = "tied score" if a == b else "score"
        elif re.search(r"\b(?:beat|beats|won|win|wins|victory|defeat|defeated|toppled|topped|downed|edged|lost|loss|final score|upset|triumph|rout|routed)\b", clause):
            attribute = "final score"
        fr_names = fr.names()
        add(doc.claim("score" if not attribute.startswith("record") else "record", value, s, e, attribute,
                      subject=subject, trigger=fr.trigger,
                      topic=attribute + (f" of {subject}" if subject else ""),
                      note=(f"{m.group(0)} = lead by {abs(a - b)}" if attribute == "lead" else None),
                      extra=extra(names=fr_names, words=fr.words, exact=f"{a}-{b}")))
    claims.sort(key=lambda c: c.start)
    return claims
