"""Calendar periods at TIMEX3 granularities: a day, an ISO week, a weekend, a month, a quarter,
a half, a season, a year, a decade, a century. Each knows its TIMEX3 value, its first and
last day, and how to move by whole units.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

GRANS = ("D", "WE", "W", "M", "SE", "Q", "H", "Y", "DE", "CE")
"""Granularities from the finest to the coarsest."""
SEASONS = ("SP", "SU", "FA", "WI")
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


@dataclass(frozen=True, slots=True)
class Period:
    """gran D: year/month/day; W, WE: ISO year and week (n); M: month (n); Q, H: n; SE: season index (n);
    Y: year; DE: decade (year // 10); CE: century (year // 100)."""

    gran: str
    year: int
    n: int = 0
    day: int = 0

    # ---------------------------------------------------------------- construction
    @classmethod
    def of_date(cls, d: dt.date, gran: str = "D") -> Period:
        if gran == "D":
            return cls("D", d.year, d.month, d.day)
        if gran in ("W", "WE"):
            iso = d.isocalendar()
            return cls(gran, iso[0], iso[1])
        if gran == "M":
            return cls("M", d.year, d.month)
        if gran == "Q":
            return cls("Q", d.year, (d.month - 1) // 3 + 1)
        if gran == "H":
            return cls("H", d.year, 1 if d.month <= 6 else 2)
        if gran == "SE":
            m = d.month
            if m in (1, 2):
                return cls("SE", d.year - 1, 3)
            return cls("SE", d.year, {3: 0, 4: 0, 5: 0, 6: 1, 7: 1, 8: 1, 9: 2, 10: 2, 11: 2, 12: 3}[m])
        if gran == "Y":
            return cls("Y", d.year)
        if gran == "DE":
            return cls("DE", d.year - d.year % 10)
        if gran == "CE":
            return cls("CE", d.year - d.year % 100)
        raise ValueError(f"unknown granularity {gran!r}")

    @classmethod
    def parse(cls, value: str) -> Period | None:
        """The period a TIMEX3 date value names ("1989-10-26", "1989-W43", "1989-Q3", "198"...), or None."""
        v = value.split("T", 1)[0] if re.match(r"\d{4}-\d\d-\d\dT", value) else value
        m = re.fullmatch(r"(\d{4})(?:-(?:(\d\d)(?:-(\d\d))?|Q([1-4])|H([12])|(SP|SU|FA|WI)|W(\d\d)(-WE)?))?", v)
        if m:
            y = int(m.group(1))
            try:
                if m.group(3):
                    dt.date(y, int(m.group(2)), int(m.group(3)))
                    return cls("D", y, int(m.group(2)), int(m.group(3)))
                if m.group(2):
                    return cls("M", y, int(m.group(2))) if 1 <= int(m.group(2)) <= 12 else None
            except ValueError:
                return None
            if m.group(4):
                return cls("Q", y, int(m.group(4)))
            if m.group(5):
                return cls("H", y, int(m.group(5)))
            if m.group(6):
                return cls("SE", y, SEASONS.index(m.group(6)))
            if m.group(7):
                return cls("WE" if m.group(8) else "W", y, int(m.group(7)))
            return cls("Y", y)
        if re.fullmatch(r"\d{3}", v):
            return cls("DE", int(v) * 10)
        if re.fullmatch(r"\d{2}", v):
            return cls("CE", int(v) * 100)
        return None

    # ---------------------------------------------------------------- reading
    @property
    def value(self) -> str:
        g = self.gran
        if g == "D":
            return f"{self.year:04d}-{self.n:02d}-{self.day:02d}"
        if g == "W":
            return f"{self.year:04d}-W{self.n:02d}"
        if g == "WE":
            return f"{self.year:04d}-W{self.n:02d}-WE"
        if g == "M":
            return f"{self.year:04d}-{self.n:02d}"
        if g == "Q":
            return f"{self.year:04d}-Q{self.n}"
        if g == "H":
            return f"{self.year:04d}-H{self.n}"
        if g == "SE":
            return f"{self.year:04d}-{SEASONS[self.n]}"
        if g == "Y":
            return f"{self.year:04d}"
        if g == "DE":
            return f"{self.year // 10:03d}"
        return f"{self.year // 100:02d}"

    def first(self) -> dt.date:
        g = self.gran
        if g == "D":
            return dt.date(self.year, self.n, self.day)
        if g == "W":
            return dt.date.fromisocalendar(self.year, self.n, 1)
        if g == "WE":
            return dt.date.fromisocalendar(self.year, self.n, 6)
        if g == "M":
            return dt.date(self.year, self.n, 1)
        if g == "Q":
            return dt.date(self.year, 3 * self.n - 2, 1)
        if g == "H":
            return dt.date(self.year, 1 if self.n == 1 else 7, 1)
        if g == "SE":
            return dt.date(self.year, _SEASON_MONTHS[SEASONS[self.n]][0], 1)
        return dt.date(self.year, 1, 1)

    def last(self) -> dt.date:
        g = self.gran
        if g == "D":
            return self.first()
        if g == "W":
            return dt.date.fromisocalendar(self.year, self.n, 7)
        if g == "WE":
            return dt.date.fromisocalendar(self.year, self.n, 7)
        if g == "M":
            return dt.date(self.year, self.n, calendar.monthrange(self.year, self.n)[1])
        if g == "Q":
            m = 3 * self.n
            return dt.date(self.year, m, calendar.monthrange(self.year, m)[1])
        if g == "H":
            return dt.date(self.year, 6, 30) if self.n == 1 else dt.date(self.year, 12, 31)
        if g == "SE":
            end_m = _SEASON_MONTHS[SEASONS[self.n]][1]
            y = self.year + (1 if SEASONS[self.n] == "WI" else 0)
            return dt.date(y, end_m, calendar.monthrange(y, end_m)[1])
        if g == "Y":
            return dt.date(self.year, 12, 31)
        if g == "DE":
            return dt.date(self.year + 9, 12, 31)
        return dt.date(self.year + 99, 12, 31)

    # ---------------------------------------------------------------- arithmetic
    def shift(self, k: int, unit: str) -> Period:
        """Move by k units (D, W, M, Q, H, Y, DE, CE), keeping this period's granularity."""
        if k == 0:
            return self
        g = self.gran
        if unit in ("D", "W") and g in ("D", "W", "WE"):
            days = k * (7 if unit == "W" else 1)
            return Period.of_date(self.first() + dt.timedelta(days=days), g)
        months = {"M": 1, "Q": 3, "H": 6, "Y": 12, "DE": 120, "CE": 1200, "SE": 12}.get(unit)
        if months is None:  # days or weeks on a coarse period: move its first day
            days = k * (7 if unit == "W" else 1)
            return Period.of_date(self.first() + dt.timedelta(days=days), g)
        total = months * k
        if g == "D":
            y, m = divmod(self.year * 12 + (self.n - 1) + total, 12)
            day = min(self.day, calendar.monthrange(y, m + 1)[1])
            return Period("D", y, m + 1, day)
        if g in ("W", "WE"):
            if unit == "Y" or unit in ("DE", "CE"):
                return Period(g, self.year + total // 12, min(self.n, 52))
            return Period.of_date(_add_months(self.first(), total), g)
        if g == "M":
            y, m = divmod(self.year * 12 + (self.n - 1) + total, 12)
            return Period("M", y, m + 1)
        if g == "Q":
            if total % 3:
                return Period.of_date(_add_months(self.first(), total), "Q")
            y, q = divmod(self.year * 4 + (self.n - 1) + total // 3, 4)
            return Period("Q", y, q + 1)
        if g == "H":
            if total % 6:
                return Period.of_date(_add_months(self.first(), total), "H")
            y, h = divmod(self.year * 2 + (self.n - 1) + total // 6, 2)
            return Period("H", y, h + 1)
        if g == "SE":
            if unit == "SE":
                y, s = divmod(self.year * 4 + self.n + k, 4)
                return Period("SE", y, s)
            return Period("SE", self.year + total // 12, self.n)
        if g == "Y":
            return Period("Y", self.year + total // 12)
        if g == "DE":
            return Period("DE", self.year + (total // 12 // 10) * 10 if unit != "DE" else self.year + 10 * k)
        return Period("CE", self.year + 100 * k if unit == "CE" else self.year + total // 12)

    def coarsen(self, gran: str) -> Period:
        return Period.of_date(self.first(), gran)


def _add_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.year * 12 + (d.month - 1) + months, 12)
    return dt.date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def finer(a: str, b: str) -> bool:
    """Whether granularity a is finer than b."""
    return GRANS.index(a) < GRANS.index(b)
