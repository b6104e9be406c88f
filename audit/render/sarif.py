"""SARIF 2.1.0: one result per odd value of each conflict or spelling variant (`render.annotate`),
placed on the statements of that value, with the other values' statements as `relatedLocations`.

Artifact URIs are RFC 3986 references, percent-encoded from the real file name (`audit.paths`).
Suppressed findings are kept, with a SARIF `suppressions` entry carrying the desk's reason (shown,
never hidden). Columns count Unicode code points, 1-based (`columnKind`). Valid against the
official SARIF 2.1.0 schema (tests/data/sarif-schema-2.1.0.json, checked by the tests).
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from audit import __version__
from audit.model import Article, Evidence, Report
from audit.render.annotate import Annotation, collect, visible
from audit.render.common import short_labels

LEVEL = {"error": "error", "warning": "warning", "info": "note"}
RULES = (
    ("audit/conflict", "Conflict", "Articles state values that cannot both be true",
     "Two or more articles about the same event give values for the same slot (a date, a minute, a score, a "
     "count...) that cannot both be true. The result sits on the value fewer articles state; the other "
     "statements are its related locations."),
    ("audit/variant", "SpellingVariant", "One entity spelled differently",
     "The same person, place or organization is written in more than one way across the batch; the result "
     "sits on the rarer spelling, most often a typo or an unaccepted transliteration, and the usual spelling's "
     "statements are its related locations."),
)

__all__ = ["artifact_uri", "columns", "render", "sarif_dict", "visible"]


def repo_path(path: str) -> str:
    """A displayed article path as a repository-relative POSIX path when it lies under the working folder."""
    p = Path(path)
    if p.is_absolute():
        try:
            return PurePosixPath(p.resolve().relative_to(Path.cwd().resolve())).as_posix()
        except (ValueError, OSError):
            return p.as_posix()
    return PurePosixPath(*p.parts).as_posix() if p.parts else path


def artifact_uri(article: Article | None, fallback: str) -> str:
    """The article's file as a SARIF artifact URI: its percent-encoded reference (relative to the repository
    root when possible, else a file: URI); for a report without one, built from the displayed path."""
    if article is not None and article.uri:
        return article.uri
    shown = repo_path(article.path if article else fallback)
    return Path(shown).as_uri() if Path(shown).is_absolute() else quote(shown, safe="/")


def columns(article: Article | None, ev: Evidence) -> tuple[int, int] | None:
    """1-based start column and exclusive end column of the evidence on its line, in code points."""
    if article is None or not article.text or ev.end > len(article.text) or article.text[ev.start:ev.end] != ev.text:
        return None
    if "\n" in ev.text:
        return None
    nl = article.text.rfind("\n", 0, ev.start)
    col = ev.start - (nl + 1) + (article.body_column if nl < 0 else 0) + 1
    return col, col + len(ev.text)


def _location(arts: dict[str, Article], ev: Evidence, message: str | None = None, index: int | None = None
              ) -> dict[str, Any]:
    art = arts.get(ev.article)
    region: dict[str, Any] = {"startLine": max(1, ev.line), "snippet": {"text": ev.text}}
    cols = columns(art, ev)
    if cols:
        region["startColumn"], region["endColumn"] = cols
    loc: dict[str, Any] = {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(art, ev.article)},
                                                "region": region}}
    if index is not None:
        loc["id"] = index
    if message:
        loc["message"] = {"text": visible(message)}
    return loc


def _result(a: Annotation, arts: dict[str, Article], labels: dict[str, str], index: dict[str, int]) -> dict[str, Any]:
    f = a.finding
    rule = f"audit/{f.verdict}"
    related = []
    for n, (j, ev) in enumerate(a.related):
        g = f.values[j]
        related.append(_location(arts, ev, f"'{g.shown}' ({labels.get(ev.article, ev.article)}, "
                                           f"{len(g.articles)} article(s))", n))
    result: dict[str, Any] = {
        "ruleId": rule,
        "ruleIndex": index[rule],
        "level": LEVEL.get(f.severity, "warning"),
        "message": {"text": a.message},
        "locations": [_location(arts, ev) for ev in a.locations],
        "relatedLocations": related,
        "partialFingerprints": {"auditFinding/v1": a.fingerprint},
        "properties": {"finding": f.id, "event": f.event, "topic": f.topic, "verdict": f.verdict,
                       "value": f.values[a.value].value, "articles": list(f.values[a.value].articles),
                       "severity": f.severity},
    }
    if f.suppressed:
        result["suppressions"] = [{"kind": "external", "justification": f.suppressed}]
    return result


def sarif_dict(report: Report) -> dict[str, Any]:
    rules = [{"id": rid, "name": name, "shortDescription": {"text": short}, "fullDescription": {"text": full},
              "defaultConfiguration": {"level": "error" if rid.endswith("conflict") else "warning"}}
             for rid, name, short, full in RULES]
    index = {rid: k for k, (rid, *_rest) in enumerate(RULES)}
    arts = {a.id: a for a in report.articles}
    labels = short_labels(report)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "audit", "version": __version__, "rules": rules}},
                  "columnKind": "unicodeCodePoints",
                  "properties": {"fingerprint": report.fingerprint},
                  "results": [_result(a, arts, labels, index) for a in collect(report)]}],
    }


def render(report: Report) -> bytes:
    return (json.dumps(sarif_dict(report), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
