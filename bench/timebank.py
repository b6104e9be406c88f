"""Read TimeML documents (TimeBank, TempEval-3): the plain text, its creation time and the gold TIMEX3s.

Used by `bench/timex_eval.py`; nothing of the corpus is copied into the package.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from pathlib import Path

_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str
    mod: str | None


@dataclass(frozen=True, slots=True)
class TimeMLDoc:
    name: str
    text: str
    dct: dt.date
    timexes: tuple[GoldTimex, ...]


def read(path: Path) -> TimeMLDoc:
    raw = path.read_text(encoding="utf-8")
    dct_m = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', raw)
    if dct_m is None:
        raise ValueError(f"{path.name}: no creation time")
    attrs = dict(_ATTR.findall(dct_m.group(0)))
    dct = dt.date.fromisoformat(attrs["value"][:10])
    body_m = re.search(r"<TEXT>(.*)</TEXT>", raw, re.DOTALL)
    if body_m is None:
        raise ValueError(f"{path.name}: no <TEXT>")
    body = body_m.group(1)
    out: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    timexes: list[GoldTimex] = []
    pos = 0
    for m in _TAG.finditer(body):
        piece = html.unescape(body[pos:m.start()])
        out.append(piece)
        length += len(piece)
        pos = m.end()
        closing, name = m.group(1) == "/", m.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(m.group(3))))
        elif open_timex is not None:
            start, a = open_timex
            timexes.append(GoldTimex(start, length, a.get("type", ""), a.get("value", ""), a.get("mod")))
            open_timex = None
    out.append(html.unescape(body[pos:]))
    return TimeMLDoc(path.stem, "".join(out), dct, tuple(timexes))


def read_all(folder: Path) -> list[TimeMLDoc]:
    return [read(p) for p in sorted(folder.glob("*.tml"))]
