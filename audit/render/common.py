"""Helpers the renderers share: evidence excerpts, value lists, sections in report order."""

from __future__ import annotations

from audit.model import Evidence, Finding, Report

SECTIONS = (
    ("conflict", "Inconsistencies: conflicts"),
    ("variant", "Inconsistencies: spelling variants"),
    ("agree", "Agreements"),
    ("compatible", "Compatible values"),
    ("single", "Single-source claims"),
)


def excerpt(ev: Evidence, width: int = 150) -> tuple[str, str, str]:
    """The sentence around the evidence as (before, surface, after), cut to about `width` characters."""
    sentence = ev.sentence
    pos = sentence.find(ev.text)
    if pos < 0:
        return "", ev.text, ""
    before, after = sentence[:pos], sentence[pos + len(ev.text):]
    room = max(20, (width - len(ev.text)) // 2)
    if len(before) > room:
        cut = before[-room:]
        before = "…" + cut[cut.find(" ") + 1:] if " " in cut else "…" + cut
    if len(after) > room:
        cut = after[:room]
        after = (cut[: cut.rfind(" ")] if " " in cut else cut) + "…"
    return before, ev.text, after


def short_id(article_id: str) -> str:
    return article_id


def findings_of(report: Report, verdict: str, *, suppressed: bool | None = None) -> list[Finding]:
    out = [f for f in report.findings if f.verdict == verdict]
    if suppressed is not None:
        out = [f for f in out if bool(f.suppressed) == suppressed]
    return out


def attention(report: Report) -> list[Finding]:
    """Findings an editor must act on: conflicts and variants that are not suppressed."""
    return [f for f in report.findings if f.verdict in ("conflict", "variant") and not f.suppressed]


def event_label(report: Report, event_id: str | None) -> str:
    ev = report.event(event_id)
    return f"{ev.id}" if ev else "—"


def article_tally(report: Report) -> dict[str, dict[str, int]]:
    """Per article: how many findings of each verdict it takes part in, and how often it is the outlier."""
    tally: dict[str, dict[str, int]] = {a.id: {"agree": 0, "conflict": 0, "variant": 0, "compatible": 0, "single": 0,
                                               "outlier": 0} for a in report.audited}
    for f in report.findings:
        for a in f.articles:
            if a in tally:
                tally[a][f.verdict] += 1
        for a in f.outlier:
            if a in tally:
                tally[a]["outlier"] += 1
    return tally
