"""A TIMEX3 reading of a temporal expression, and how a claim carries it."""

from __future__ import annotations

from dataclasses import dataclass

from audit.model import Claim


@dataclass(frozen=True, slots=True)
class Timex:
    """One temporal expression with its TIMEX3 type and normalized value.

    `type` is DATE, TIME, DURATION or SET; `value` the TIMEX3 value ("1989-10-26",
    "1989-Q3", "1989-W43", "1989-SU", "198", "PRESENT_REF", "1989-10-26TEV", "T14:30",
    "P3Y", "XXXX-WXX-4"); `mod` the TIMEX3 modifier (START, MID, END, APPROX, BEFORE,
    AFTER, ...); `anchor` what a relative expression was resolved against ("1989-10-26
    publication", "1989-Q3 reference"); `rule` the name of the rule that found it; `day`,
    for a clock time, the calendar day written beside or near it in its sentence (None when
    the text gives none and the value falls back on the publication date).
    """

    start: int
    end: int
    type: str
    value: str
    mod: str | None = None
    anchor: str | None = None
    rule: str = ""
    day: str | None = None


_KEYS = ("timex_type", "timex_value", "timex_mod", "timex_anchor", "timex_rule", "day")


def timex_of(claim: Claim) -> Timex | None:
    """The TIMEX3 reading a date or time claim carries, or None."""
    got = {k: v for k, v in claim.extra if k in _KEYS}
    if "timex_type" not in got or "timex_value" not in got:
        return None
    return Timex(claim.start, claim.end, got["timex_type"], got["timex_value"], got.get("timex_mod"),
                 got.get("timex_anchor"), got.get("timex_rule", ""), got.get("day") if claim.kind == "time" else None)


def extra_of(t: Timex) -> dict[str, str | None]:
    """The Claim.extra entries that carry `t` (for `audit.extract.base.extra`)."""
    return {"timex_type": t.type, "timex_value": t.value, "timex_mod": t.mod, "timex_anchor": t.anchor,
            "timex_rule": t.rule}
