"""Clock times and time zones: "at 1353 (1023 GMT)", "6:41pm PST", "18:41 local time", "about 7 p.m.".

The value is the wall-clock time "HH:MM" with the zone when one is written; where the zone
has a known offset the note gives the UTC time, so that two outlets writing the same
instant in different zones can be compared.

Each time carries its TIMEX3 reading (`audit.timex_of`: "2022-11-24T16:00") and, in
`day`, the calendar day written beside it or elsewhere in its sentence ("at 4pm on
Thursday"), so that two times on different days are never taken for one moment.
"""

from __future__ import annotations

import bisect
import re

from audit.extract.base import Doc, Taken, extra, frame
from audit.extract.dates import doc_timexes
from audit.model import Claim
from audit.temporal.timex import Timex, extra_of

_CLOCK = re.compile(r"T\d")
_DAY = re.compile(r"\d{4}-\d\d-\d\d")
ZONES = {
    "gmt": 0, "utc": 0, "z": 0, "bst": 1, "cet": 1, "cest": 2, "eet": 2, "eest": 3, "msk": 3, "ist": 5.5,
    "jst": 9, "kst": 9, "aest": 10, "aedt": 11, "awst": 8, "nzst": 12, "nzdt": 13, "est": -5, "edt": -4,
    "cst": -6, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8, "pdt": -7, "akst": -9, "hst": -10, "ast": 3,
    "et": None, "ct": None, "mt": None, "pt": None,
}
_ZONE_RE = r"(?:GMT|UTC|BST|CET|CEST|EET|EEST|MSK|IST|JST|KST|AEST|AEDT|AWST|NZST|NZDT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|AKST|HST|ET|CT|MT|PT)"
_QUAL = r"(?:(?P<qual>about|around|approximately|roughly|shortly after|shortly before|just after|just before|after|before|at|by|until)\s+)?"
_AMPM = re.compile(
    _QUAL + r"\b(?P<h>\d{1,2})(?:[:.](?P<m>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b)(?:\s*\(?(?P<z>" + _ZONE_RE + r")\)?\b|\s+(?P<local>local time|local|\w+ time)\b)?",
    re.IGNORECASE,
)
_H24 = re.compile(_QUAL + r"\b(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)\b(?!\s*(?:left|remaining|to go|to play|of|into))(?:\s*(?P<z>" + _ZONE_RE + r")\b|\s+(?P<local>local time|local|hrs|hours))?")
_MIL = re.compile(r"\b(?:at\s+)?(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)\s*(?:(?P<z>" + _ZONE_RE + r")\b|(?P<local>local time|hrs|hours|h)\b)")
_MIL_AT = re.compile(r"\bat\s+(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)\b(?=\s*\()")
_PARTDAY = re.compile(_QUAL + r"\b(?P<h>1[0-2]|0?[1-9])[:.](?P<m>[0-5]\d)\s+(?P<pd>in the (?:morning|afternoon|evening)|at night)\b",
                      re.IGNORECASE)
"""A clock time whose half of the day is said in words: "at 4:10 in the morning", "9.15 at night"."""
_DAY_AFTER = re.compile(r"\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|"
                        r"this morning|last night)\b")
_AMPM_KEY = re.compile(r"\d\s*[ap]\.?m", re.IGNORECASE)
"""What every clock time with am/pm holds: a cheap test before the full pattern."""
_WORDS = re.compile(_QUAL + r"\b(?P<w>noon|midday|midnight)\b", re.IGNORECASE)


def _value(h: int, mi: int, zone: str | None, local: bool) -> tuple[str, str | None]:
    base = f"{h:02d}:{mi:02d}"
    if zone:
        z = zone.upper()
        off = ZONES.get(zone.lower())
        if off is None:
            return f"{base} {z}", None
        total = (h * 60 + mi - int(off * 60)) % (24 * 60)
        utc = f"{total // 60:02d}:{total % 60:02d} UTC"
        return f"{base} {z}", f"{base} {z} = {utc}"
    return (f"{base} local" if local else base), None


def extract(doc: Doc) -> list[Claim]:
    text = doc.text
    claims: list[Claim] = []
    taken = Taken(len(text))
    clocks = [t for t in doc_timexes(doc) if t.type == "TIME" and _CLOCK.search(t.value)]
    clock_starts = [t.start for t in clocks]
    days = [t for t in doc_timexes(doc) if t.type == "DATE" and _DAY.fullmatch(t.value)]
    day_starts = [t.start for t in days]

    def reading(s: int, e: int, h: int, mi: int) -> dict[str, str | None]:
        """The TIMEX3 reading of the time at [s, e): the tagger's, or one built from the day in its sentence."""
        i = bisect.bisect_right(clock_starts, e) - 1
        while i >= 0 and clocks[i].end > s:  # clock expressions overlapping [s, e) (they never overlap each other)
            if clocks[i].start < e:
                return extra_of(clocks[i]) | {"day": clocks[i].day}
            i -= 1
        lo, hi = doc.sentence_bounds(s)
        near = days[bisect.bisect_left(day_starts, lo):bisect.bisect_left(day_starts, hi)][:50]
        clock = f"T{h:02d}:{mi:02d}"
        if near:
            d = min(near, key=lambda d: abs(d.start - s))
            return extra_of(Timex(s, e, "TIME", d.value + clock, None, f"{d.value} (the day written in its sentence)",
                                  "time_extractor", d.value)) | {"day": d.value}
        pub = doc.published
        t = Timex(s, e, "TIME", (pub.isoformat() if pub else "") + clock,
                  None, f"{pub.isoformat()} (publication: no day written)" if pub else "none", "time_extractor")
        return extra_of(t)

    def add(s: int, e: int, h: int, mi: int, zone: str | None, local: bool, qual: str | None) -> None:
        if not taken.free(s, e):
            return
        taken.take(s, e)
        value, note = _value(h, mi, zone, local)
        fr = frame(doc, s, e)
        q = qual.lower() if qual else None
        q = None if q == "at" else q
        minutes = h * 60 + mi
        # a hedge is as wide as the figure is round: "about 9pm" half an hour, "about 8.45" a quarter,
        # "about 8.40" five minutes, "about 8.43" two
        hedge = 30 if mi == 0 else 15 if mi % 15 == 0 else 5 if mi % 5 == 0 else 2
        lo_slack, hi_slack = {"about": (hedge, hedge), "around": (hedge, hedge), "approximately": (hedge, hedge),
                              "roughly": (hedge, hedge), "shortly after": (0, 60), "just after": (0, 30), "shortly before": (60, 0),
                              "just before": (30, 0), "after": (0, 180), "before": (180, 0)}.get(q or "", (0, 0))
        claims.append(doc.claim("time", value, s, e, "time", qualifier=q, low=float(minutes - lo_slack),
                                high=float(minutes + hi_slack), unit=zone.upper() if zone else ("local" if local else None),
                                trigger=fr.trigger, note=note, topic=f"time of {fr.trigger_word}" if fr.trigger_word else "time",
                                extra=extra(names=fr.names(), words=fr.words, utc=note.split("= ")[-1] if note else None,
                                            **reading(s, e, h, mi))))

    for m in (_AMPM.finditer(text) if _AMPM_KEY.search(text) else ()):
        h = int(m.group("h"))
        if not 1 <= h <= 12:
            continue
        mi = int(m.group("m") or 0)
        pm = m.group("ap").lower().startswith("p")
        h24 = (h % 12) + (12 if pm else 0)
        local = m.group("local")
        if local and local.lower() not in ("local time", "local") and not re.fullmatch(r"[A-Z][a-z]+ time", local):
            local = None  # "7 p.m. Friday" is no zone; "7am Sydney time" is
        add(m.start("h"), m.end() if local else m.end("ap") if not m.group("z") else m.end(), h24, mi, m.group("z"),
            bool(local), m.group("qual"))
    for m in (_PARTDAY.finditer(text) if doc.has(" in the morning", " in the afternoon", " in the evening", " at night") else ()):
        h, pd = int(m.group("h")), m.group("pd").lower()
        pm = pd.endswith(("afternoon", "evening")) or (pd.endswith("night") and 6 <= h < 12)  # 12:30 at night: 00:30
        add(m.start("h"), m.end(), (h % 12) + (12 if pm else 0), int(m.group("m")), None, False, m.group("qual"))
    for m in (_WORDS.finditer(text) if doc.has("noon", "midday", "midnight") else ()):
        h = 0 if m.group("w").lower() == "midnight" else 12
        add(m.start("w"), m.end(), h, 0, None, False, m.group("qual"))
    for m in (_H24.finditer(text) if ":" in text else ()):
        h, mi = int(m.group("h")), int(m.group("m"))
        if not (m.group("z") or m.group("local")) and h <= 12 and not (
                m.group("h").startswith("0") and _DAY_AFTER.match(text, m.end())):
            continue  # "4:59" alone is as likely a game clock or a duration; "04:25 on Tuesday" is a clock time
        add(m.start("h"), m.end(), h, mi, m.group("z"), bool(m.group("local")), m.group("qual"))
    for rx in (_MIL, _MIL_AT):
        for m in rx.finditer(text):
            add(m.start("h"), m.end(), int(m.group("h")), int(m.group("m")), m.groupdict().get("z"),
                bool(m.groupdict().get("local")) or rx is _MIL_AT, None)
    claims.sort(key=lambda c: c.start)
    return claims
