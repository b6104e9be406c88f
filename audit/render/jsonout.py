"""The JSON report: the core contract of ../shared/report.schema.json, plus added fields."""

from __future__ import annotations

import json
from typing import Any

from audit.model import Evidence, Finding, Report


def _evidence(ev: Evidence) -> dict[str, Any]:
    d: dict[str, Any] = {"article": ev.article, "start": ev.start, "end": ev.end, "text": ev.text,
                         "sentence": ev.sentence, "line": ev.line, "context": ev.context}
    if ev.note:
        d["note"] = ev.note
    return d


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "id": f.id,
        "event": f.event,
        "topic": f.topic,
        "kind": f.kind,
        "verdict": f.verdict,
        "severity": f.severity,
        "note": f.note,
        "values": [
            {"value": g.value, "display": g.display, "articles": list(g.articles),
             "evidence": [_evidence(e) for e in g.evidence]}
            for g in f.values
        ],
        "outlier": list(f.outlier),
        "within_article": list(f.within_article),
        "copied": f.copied,
        "suppressed": f.suppressed,
        "reasons": list(f.reasons),
    }


def report_dict(report: Report, *, timings: bool = False) -> dict[str, Any]:
    d: dict[str, Any] = {
        "schema_version": report.schema_version,
        "batch": {"name": report.batch},
        "articles": [
            {
                "id": a.id, "path": a.path, "status": a.status, "reason": a.reason,
                "published": a.published.isoformat() if a.published else None,
                "published_basis": a.published_basis, "published_note": a.published_note,
                "encoding": a.encoding, "outlet": a.outlet, "timezone": a.timezone, "url": a.url,
            }
            for a in report.articles
        ],
        "events": [
            {"id": e.id, "label": e.label, "articles": list(e.articles), "date": e.date.isoformat() if e.date else None,
             "partial": list(e.partial)}
            for e in report.events
        ],
        "findings": [finding_dict(f) for f in report.findings],
        "copied_text": [
            {"articles": list(c.articles), "sentences": c.sentences, "contexts": list(c.contexts), "sample": c.sample}
            for c in report.copies
        ],
        "summary": {
            "articles": len(report.articles),
            "audited": len(report.audited),
            "skipped": len(report.skipped),
            "events": len(report.events),
            "claims": len(report.claims),
            "findings": len(report.findings),
            "findings_by_verdict": report.by_verdict(),
            "suppressed": sum(1 for f in report.findings if f.suppressed),
        },
    }
    if timings:
        d["timings"] = {k: round(v, 4) for k, v in report.timings}
    return d


def render(report: Report) -> bytes:
    return (json.dumps(report_dict(report), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
