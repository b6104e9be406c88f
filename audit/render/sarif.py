"""SARIF 2.1.0: one result per conflicting or variant statement, pointing at the article's file and line."""

from __future__ import annotations

import json
from typing import Any

from audit import __version__
from audit.model import Report

LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def sarif_dict(report: Report) -> dict[str, Any]:
    rules = [
        {"id": "audit/conflict", "name": "Conflict", "shortDescription": {"text": "Articles state values that cannot both be true"}},
        {"id": "audit/variant", "name": "SpellingVariant", "shortDescription": {"text": "One entity spelled differently"}},
    ]
    results = []
    paths = {a.id: a.path for a in report.articles}
    for f in report.findings:
        if f.verdict not in ("conflict", "variant") or f.suppressed:
            continue
        others = "; ".join(f"{g.display or g.value} ({', '.join(g.articles)})" for g in f.values)
        for g in f.values:
            for ev in g.evidence:
                results.append({
                    "ruleId": f"audit/{f.verdict}",
                    "level": LEVEL.get(f.severity, "warning"),
                    "message": {"text": f"{f.topic}: this article says '{ev.text}'; the batch says {others}."
                                        + (f" {f.note}" if f.note else "")},
                    "locations": [{"physicalLocation": {
                        "artifactLocation": {"uri": paths.get(ev.article, ev.article)},
                        "region": {"startLine": ev.line, "snippet": {"text": ev.text}},
                    }}],
                    "partialFingerprints": {"auditFinding": f.id},
                    "properties": {"finding": f.id, "event": f.event, "value": g.value},
                })
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "audit", "version": __version__,
                                      "rules": rules}},
                  "results": results}],
    }


def render(report: Report) -> bytes:
    return (json.dumps(sarif_dict(report), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
