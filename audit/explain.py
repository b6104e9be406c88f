"""`audit explain`: everything behind one finding, as plain text or JSON.

Works from a `Report` (a fresh pipeline run, or one read back with `Report.from_dict`). The
claims of a fresh run add how each value was normalized (kind, value, bounds, unit, subject,
event word and the extractor's note), the rule that extracted each claim and its frame (what the
parse says the value is about, and the frame rules that fired), so that a reviewer can see why two
claims were aligned; a report read from JSON has no claims.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from audit.errors import InputError
from audit.model import DEFAULT_SEVERITY, Article, Claim, Finding, Frame, Report
from audit.render.jsonout import dumps

VERDICT_MEANING = {
    "conflict": "values that cannot both be true",
    "variant": "one entity spelled differently",
    "agree": "the same value from two or more articles",
    "compatible": "values at different precision or with overlapping bounds",
    "single": "stated by one article only",
}

VERDICT_RULE = {
    "conflict": "at least two value groups of this slot were judged in conflict (the pairs are listed above)",
    "variant": "the mentions were clustered as one entity, and it is written in more than one way "
               "(accents, spacing or a small edit distance)",
    "agree": "two or more articles state the same normalized value; any other values are compatible with it",
    "compatible": "the articles' values differ but none contradicts another (different precision, overlapping "
                  "bounds, a weekday that matches a date)",
    "single": "no other article makes a claim about this slot",
}


def find(findings: Sequence[Finding], wanted: str) -> Finding:
    """The finding with id `wanted` (case-insensitive; a unique prefix is enough); InputError with suggestions."""
    ids = [f.id for f in findings]
    by_id = {i.lower(): f for i, f in zip(ids, findings, strict=True)}
    key = wanted.strip().lower()
    if key in by_id:
        return by_id[key]
    prefixed = [i for i in ids if i.lower().startswith(key)] if len(key) >= 2 else []
    if len(prefixed) == 1:
        return by_id[prefixed[0].lower()]
    if len(prefixed) > 1:
        raise InputError(f"{wanted!r} matches {len(prefixed)} findings: {', '.join(prefixed[:8])}; give more of the id")
    close = difflib.get_close_matches(wanted.strip(), ids, n=5, cutoff=0.5)
    if not close:
        close = difflib.get_close_matches(key, [i.lower() for i in ids], n=5, cutoff=0.3)
        close = [next(i for i in ids if i.lower() == c) for c in close]
    hint = f"; closest: {', '.join(close)}" if close else ""
    raise InputError(f"no finding {wanted!r} in this report ({len(ids)} findings){hint}")


def _claim_text(c: Claim) -> str:
    parts = [f"{c.kind} = {c.value!r}", f"attribute {c.attribute}"]
    if c.subject:
        parts.append(f"subject {c.subject}")
    if c.trigger:
        parts.append(f"event word {c.trigger}")
    if c.qualifier:
        parts.append(f"qualifier {c.qualifier}")
    if c.low is not None or c.high is not None:
        lo, hi = _bound(c, c.low), _bound(c, c.high)
        bounds = lo if lo == hi else f"{lo} to {hi}"
        parts.append(f"bounds {bounds}" + (f" {c.unit}" if c.unit else ""))
    elif c.unit:
        parts.append(f"unit {c.unit}")
    if c.event:
        parts.append(f"event {c.event}")
    return ", ".join(parts)


FRAME_FIELDS = ("predicate", "predicate_class", "thing", "thing_class", "model", "holder", "source", "modality",
                "tense", "scope", "when")
"""The frame fields `Frame.describe` shows, in its order: the ones compared across a finding's claims."""


LABEL = 13
"""Width of the labels of a claim's block ('frame rules: '); wrapped lines continue under the text."""


def labelled(label: str, text: str, indent: str) -> list[str]:
    """'normalized:  …' with its continuation lines under the text, not under the label."""
    return textwrap.wrap(f"{label + ':':<{LABEL}}{text}", width=100, initial_indent=indent,
                         subsequent_indent=indent + " " * LABEL, break_on_hyphens=False) or [indent]


def _claim_lines(c: Claim, indent: str) -> list[str]:
    """The block for one claim: how it was normalized, the rule that extracted it, its frame."""
    out = labelled("normalized", _claim_text(c), indent)
    out += labelled("rule", c.rule or "(not recorded)", indent)
    if c.frame is None:
        out += labelled("frame", "none (a name has no frame, or the sentence was not parsed)", indent)
    else:
        out += labelled("frame", c.frame.describe(), indent)
        out += labelled("frame rules", ", ".join(c.frame.rules) or "(none recorded)", indent)
    return out


def _field(frame: Frame, name: str) -> str:
    value = getattr(frame, name)
    if name == "scope":
        return "|".join(value)
    return str(value) if value else ""


def frame_comparison(claims: Sequence[Claim]) -> list[str]:
    """What the frames of a finding's claims share and where they differ, one line each, e.g.
    'the 3 frames agree on predicate_class=won, tense=past' and 'differ on thing: goal (000), — (002)'."""
    framed = [c for c in claims if c.frame is not None]
    if len(claims) < 2:
        return []
    if len(framed) < 2:
        return [f"{len(framed)} of the {len(claims)} claims have a frame: nothing to compare"]
    same, differ = [], []
    for name in FRAME_FIELDS:
        values = [_field(c.frame, name) for c in framed if c.frame is not None]
        if not any(values):
            continue
        if len(set(values)) == 1:
            same.append(f"{name}={values[0]}")
        else:
            by_value: dict[str, list[str]] = {}
            for c, v in zip(framed, values, strict=True):
                by_value.setdefault(v or "—", []).append(c.article)
            shown = "; ".join(f"{v} ({', '.join(dict.fromkeys(arts))})" for v, arts in by_value.items())
            differ.append(f"{name}: {shown}")
    out = [f"the {len(framed)} frames agree on " + (", ".join(same) if same else "no field")]
    out += [f"they differ on {d}" for d in differ]
    if len(framed) < len(claims):
        out.append(f"{len(claims) - len(framed)} claim(s) have no frame")
    return out


def _bound(c: Claim, x: float | None) -> str:
    """A claim's bound as a reader wants it: days as dates, other numbers without a useless .0."""
    if x is None:
        return "?"
    if c.kind == "date" and 1 <= x <= dt.date.max.toordinal():
        return dt.date.fromordinal(int(x)).isoformat()
    return f"{x:g}"


def utc_offset(zone: str, day: dt.date) -> dt.timedelta | None:
    """The UTC offset of a configured time zone (IANA name or offset such as +10:00) at noon on `day`."""
    m = re.fullmatch(r"(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?", zone)
    if m:
        delta = dt.timedelta(hours=int(m.group(2)), minutes=int(m.group(3) or 0))
        return -delta if m.group(1) == "-" else delta
    try:
        from zoneinfo import ZoneInfo

        return dt.datetime.combine(day, dt.time(12), tzinfo=ZoneInfo(zone)).utcoffset()
    except (ValueError, KeyError, OSError):
        return None


def _hours(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    h, m = divmod(abs(minutes), 60)
    return f"UTC{sign}{h:02d}:{m:02d}"


def zone_lines(articles: Mapping[str, Article], involved: list[str], day: dt.date | None,
               *, dated: bool = True) -> list[str]:
    """Each involved article's configured time zone and its offset on `day`; for a date or time finding
    (`dated`), how far apart they are."""
    if day is None:
        pubs = sorted(a.published for aid in involved if (a := articles.get(aid)) and a.published)
        day = pubs[0] if pubs else dt.date.today()
    offsets: dict[str, tuple[str, dt.timedelta]] = {}
    for aid in involved:
        zone = art.timezone if (art := articles.get(aid)) else None
        if zone:
            off = utc_offset(zone, day)
            if off is not None:
                offsets[aid] = (zone, off)
    if not offsets:
        return []
    out = [f"- {aid}: {zone}, {_hours(off)} on {day.isoformat()}" for aid, (zone, off) in offsets.items()]
    distinct = sorted({off for _, off in offsets.values()})
    if dated and len(distinct) >= 2:
        ahead = [aid for aid, (_, off) in offsets.items() if off == distinct[-1]]
        behind = [aid for aid, (_, off) in offsets.items() if off == distinct[0]]
        hours = (distinct[-1] - distinct[0]).total_seconds() / 3600
        out.append(f"- {', '.join(ahead)} ({_hours(distinct[-1])}) is {hours:g} hour(s) ahead of {', '.join(behind)} "
                   f"({_hours(distinct[0])}): the last {hours:g} hour(s) of a day in the second zone are already "
                   "the next day in the first, so a date or weekday one day later may be local time, not an error")
    missing = [a for a in involved if a not in offsets]
    if missing:
        out.append(f"- no time zone configured for {', '.join(missing)} (set [sources.ID] timezone to compare)")
    return out


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, width=100, initial_indent=indent, subsequent_indent=indent + "  ") or [indent]


def explain(report: Report, finding: Finding, claims: Iterable[Claim] | None = None) -> str:
    """A plain-text account of one finding: values, mentions, normalization, alignment, verdict."""
    by_pos = {(c.article, c.start, c.end): c for c in (claims or ())}
    articles = {a.id: a for a in report.articles}
    f = finding
    verdict = f.verdict
    out = [f"Finding {f.id}: {verdict} ({f.severity})", ""]
    out.append(f"  about:    {f.topic}")
    out.append(f"  kind:     {f.kind}")
    ev = report.event(f.event)
    if ev:
        out.append(f"  event:    {ev.id}: {ev.label} (articles {', '.join(ev.articles)})")
    else:
        out.append("  event:    — (not tied to one event)")
    if f.suppressed:
        out.append(f"  SUPPRESSED by configuration: {f.suppressed}")
    out.append("")
    out.append(f"Values ({len(f.values)})")
    outlier = set(f.outlier)
    found: list[Claim] = []
    for k, g in enumerate(f.values, start=1):
        odd = "  <- the odd one out" if outlier and set(g.articles) <= outlier else ""
        out.append(f"  {k}. {g.shown!r} (normalized {g.value!r}) stated by {', '.join(g.articles)}{odd}")
        for e in g.evidence:
            art = articles.get(e.article)
            where = f"{art.path if art else e.article}:{e.line or '?'}"
            ctx = f" [{e.context}]" if e.context != "body" else ""
            out.append(f"     - {e.article} at {where}{ctx}, characters {e.start}-{e.end}: {e.text!r}")
            sentence = e.sentence
            pos = sentence.find(e.text) if e.text else -1
            if pos >= 0:
                sentence = f"{sentence[:pos]}[{e.text}]{sentence[pos + len(e.text):]}"
            out.extend(_wrap(f"“{sentence}”", "         "))
            claim = by_pos.get((e.article, e.start, e.end))
            if claim is not None:
                out.extend(_claim_lines(claim, "         "))
            note = e.note or (claim.note if claim is not None else None)
            if note:
                out.extend(labelled("how", note, "         ") if claim is not None
                           else _wrap(f"how: {note}", "         "))
            if claim is not None:
                found.append(claim)
            out.append("")
    if out[-1] == "":
        out.pop()
    out.append("")
    out.append("Why these mentions were aligned, and why this verdict")
    for r in f.reasons or ("(no reasons recorded in this report)",):
        out.extend(_wrap(f"- {r}", "  "))
    for line in frame_comparison(found):
        out.extend(_wrap(f"- {line}", "  "))
    out.extend(_wrap(f"- verdict {verdict}: {VERDICT_MEANING.get(verdict, '')}; {VERDICT_RULE.get(verdict, '')}",
                     "  "))
    default = DEFAULT_SEVERITY.get(verdict)
    if default and f.severity != default:
        out.append(f"  - severity {f.severity} (set by configuration; the default is {default})")
    if f.outlier:
        out.extend(_wrap(f"- odd one out: {', '.join(f.outlier)} (its value is stated by fewer articles "
                         "than the majority value)", "  "))
    if f.within_article:
        out.extend(_wrap(f"- states more than one of the values itself: {', '.join(f.within_article)}", "  "))
    if f.copied:
        out.append("  - some agreeing evidence is text copied between articles: not independent confirmation")
    if f.note:
        out.append("")
        out.append("Note")
        for part in f.note.split("; "):
            out.extend(_wrap(f"- {part}", "  "))
    involved = sorted(set(f.articles))
    zones = zone_lines(articles, involved, ev.date if ev else None, dated=f.kind.startswith(("date", "time")))
    if zones:
        out.append("")
        out.append("Time zones")
        for line in zones:
            out.extend(_wrap(line, "  "))
    if involved:
        out.append("")
        out.append("Articles")
        for aid in involved:
            a = articles.get(aid)
            if a is None:
                out.extend(_wrap(f"- {aid} (not in the report's article list)", "  "))
                continue
            extra = [f"published {a.published or 'unknown'} ({a.published_basis}"
                     + (f": {a.published_note}" if a.published_note else "") + ")"]
            for key, value in (("outlet", a.outlet), ("timezone", a.timezone), ("url", a.url)):
                if value:
                    extra.append(f"{key} {value}")
            out.extend(_wrap(f"- {aid} ({a.path}): " + "; ".join(extra), "  "))
    return "\n".join(out) + "\n"


def _claim_dict(c: Claim) -> dict[str, Any]:
    return {"article": c.article, "start": c.start, "end": c.end, "kind": c.kind, "value": c.value,
            "attribute": c.attribute, "subject": c.subject, "trigger": c.trigger, "qualifier": c.qualifier,
            "low": c.low, "high": c.high, "unit": c.unit, "event": c.event, "note": c.note, "rule": c.rule,
            "frame": _frame_dict(c.frame)}


def _frame_dict(frame: Frame | None) -> dict[str, Any] | None:
    """The frame's fields that are set, its one-line description and the rules that fired."""
    if frame is None:
        return None
    fields = {k: v for k, v in dataclasses.asdict(frame).items() if v is not None and v is not False and v != ()}
    return {"description": frame.describe(), **fields, "rules": list(frame.rules)}


def explain_dict(report: Report, finding: Finding, claims: Iterable[Claim] | None = None) -> dict[str, Any]:
    """The finding, the claims behind its evidence (when the batch was re-audited) and its articles."""
    by_pos = {(c.article, c.start, c.end): c for c in (claims or ())}
    mentions = [_claim_dict(c) for g in finding.values for e in g.evidence
                if (c := by_pos.get((e.article, e.start, e.end))) is not None]
    involved = set(finding.articles)
    framed = [c for g in finding.values for e in g.evidence if (c := by_pos.get((e.article, e.start, e.end))) is not None]
    return {"finding": finding.to_dict(), "claims": mentions, "frames": frame_comparison(framed),
            "articles": [a.to_dict() for a in report.articles if a.id in involved]}


def render(report: Report, finding: Finding, claims: Iterable[Claim] | None = None, fmt: str = "text") -> str:
    """`audit explain` output: 'text' (for a person) or 'json'."""
    if fmt == "json":
        return dumps(explain_dict(report, finding, claims))
    return explain(report, finding, claims)
