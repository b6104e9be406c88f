"""SARIF 2.1.0: one result per conflicting or variant statement, pointing at the article's file and line.

Suppressed findings are kept, with a SARIF `suppressions` entry carrying the desk's reason
(shown, never hidden). Columns count Unicode code points, 1-based (`columnKind`).
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from audit import __version__
from audit.model import Article, Evidence, Finding, Report

LEVEL = {"error": "error", "warning": "warning", "info": "note"}
RULES = (
    ("audit/conflict", "Conflict", "Articles state values that cannot both be true",
     "Two or more articles about the same event give values for the same slot (a date, a minute, a score, a "
     "count...) that cannot both be true. Check the statement against the other sources; the message lists them."),
    ("audit/variant", "SpellingVariant", "One entity spelled differently",
     "The same person, place or organization is written in more than one way across the batch; the odd "
     "spelling is most often a typo or an unaccepted transliteration."),
)


def visible(text: str) -> str:
    """Text for a message a reviewer reads: control, format (bidirectional overrides, zero-width) and
    private-use characters shown as <U+XXXX>, so article text cannot hide or reorder what is displayed."""
    return "".join(f"<U+{ord(c):04X}>" if unicodedata.category(c) in ("Cc", "Cf", "Co", "Cs") and c != "\t" else c
                   for c in text)


def repo_path(path: str) -> str:
    """The article's path as a repository-relative POSIX path when it lies under the working folder."""
    p = Path(path)
    if p.is_absolute():
        try:
            return PurePosixPath(p.resolve().relative_to(Path.cwd().resolve())).as_posix()
        except (ValueError, OSError):
            return p.as_posix()
    return PurePosixPath(*p.parts).as_posix() if p.parts else path


def artifact_uri(path: str) -> str:
    """A SARIF artifact URI: relative (to the repository root) when possible, else a file: URI."""
    shown = repo_path(path)
    if Path(shown).is_absolute():
        return Path(shown).as_uri()
    return quote(shown, safe="/")


def columns(article: Article | None, ev: Evidence) -> tuple[int, int] | None:
    """1-based start column and exclusive end column of the evidence on its line, in code points."""
    if article is None or not article.text or ev.end > len(article.text) or article.text[ev.start:ev.end] != ev.text:
        return None
    if "\n" in ev.text:
        return None
    nl = article.text.rfind("\n", 0, ev.start)
    col = ev.start - (nl + 1) + (article.body_column if nl < 0 else 0) + 1
    return col, col + len(ev.text)


def statements(report: Report) -> list[tuple[Finding, int, Evidence]]:
    """Every (finding, value group index, evidence) of the conflicts and variants, in report order."""
    out = []
    for f in report.findings:
        if f.verdict not in ("conflict", "variant"):
            continue
        for k, g in enumerate(f.values):
            for ev in g.evidence:
                out.append((f, k, ev))
    return out


def fingerprint(f: Finding, k: int, ev: Evidence) -> str:
    """Stable across runs and line moves: the finding, the article and the value it states."""
    digest = hashlib.sha1(f"{f.id}\x1f{ev.article}\x1f{f.values[k].value}".encode()).hexdigest()[:16]
    return f"{f.id}:{digest}"


def message(f: Finding, k: int, ev: Evidence) -> str:
    others = "; ".join(f"{g.display or g.value} ({', '.join(g.articles)})" for g in f.values)
    odd = " This article is the odd one out." if ev.article in f.outlier and set(f.values[k].articles) <= set(f.outlier) else ""
    return visible(f"{f.topic}: this article says '{ev.text}'; the batch says {others}.{odd}"
                   + (f" {f.note}" if f.note else "") + f" (finding {f.id}; run 'audit explain {f.id}' for details)")


def sarif_dict(report: Report) -> dict[str, Any]:
    rules = [{"id": rid, "name": name, "shortDescription": {"text": short}, "fullDescription": {"text": full},
              "defaultConfiguration": {"level": "error" if rid.endswith("conflict") else "warning"}}
             for rid, name, short, full in RULES]
    index = {rid: k for k, (rid, *_rest) in enumerate(RULES)}
    results = []
    arts = {a.id: a for a in report.articles}
    for f, k, ev in statements(report):
        art = arts.get(ev.article)
        region: dict[str, Any] = {"startLine": max(1, ev.line), "snippet": {"text": ev.text}}
        cols = columns(art, ev)
        if cols:
            region["startColumn"], region["endColumn"] = cols
        rule = f"audit/{f.verdict}"
        result: dict[str, Any] = {
            "ruleId": rule,
            "ruleIndex": index[rule],
            "level": LEVEL.get(f.severity, "warning"),
            "message": {"text": message(f, k, ev)},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": artifact_uri(art.path if art else ev.article)},
                "region": region,
            }}],
            "partialFingerprints": {"auditFinding/v1": fingerprint(f, k, ev)},
            "properties": {"finding": f.id, "event": f.event, "value": f.values[k].value, "article": ev.article,
                           "severity": f.severity},
        }
        if f.suppressed:
            result["suppressions"] = [{"kind": "external", "justification": f.suppressed}]
        results.append(result)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "audit", "version": __version__,
                                      "rules": rules}},
                  "columnKind": "unicodeCodePoints",
                  "properties": {"fingerprint": report.fingerprint},
                  "results": results}],
    }


def render(report: Report) -> bytes:
    return (json.dumps(sarif_dict(report), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
