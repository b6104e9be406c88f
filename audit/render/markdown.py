"""GitHub-flavoured Markdown via tabulate: summary first, then inconsistencies, agreements,
compatible values and single-source claims. Article text is escaped so that it can
never add structure (tables, headings, links, HTML) to the report."""

from __future__ import annotations

import re
import string
import unicodedata

from tabulate import tabulate

from audit.model import Finding, Report
from audit.render.common import SECTIONS, article_tally, attention, excerpt, show_invisible

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
# GitHub turns a bare "http://..." or "www...." into a link: an escaped ':' or '.' stops it
_AUTOLINK = re.compile(r"(?<=[A-Za-z0-9]):(?=//)|(?i:(?<![\w.])(www))\.")


def cell(text: str | None) -> str:
    """Text safe for one GitHub table cell: one line, every Markdown and HTML character escaped,
    bare URLs defused, and invisible or bidirectional characters shown as marks ('‹U+202E›')."""
    if not text:
        return ""
    text = " ".join(str(text).split())
    text = text.replace("&", "&amp;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _AUTOLINK.sub(lambda m: "\\:" if m.group(0) == ":" else f"{m.group(1)}\\.", text)
    return show_invisible(text)


def _punct(c: str) -> bool:
    return c in string.punctuation or unicodedata.category(c)[0] in "PS"


def _flanks(prev: str, first: str, last: str, nxt: str) -> bool:
    """Whether '**' around a run from `first` to `last` opens and closes emphasis (CommonMark's
    flanking rules), with `prev`/`nxt` the characters around it ('' at the edge of the cell)."""
    if not first or first.isspace() or last.isspace():
        return False
    opens = not _punct(first) or not prev or prev.isspace() or _punct(prev)
    closes = not _punct(last) or not nxt or nxt.isspace() or _punct(nxt)
    return opens and closes


def strong(text: str, prev: str = "", nxt: str = "") -> str:
    """Escaped `text` in bold: '**…**' where Markdown reads it as bold there, else '<b>…</b>'."""
    body = cell(text)
    if not body:
        return ""
    return f"**{body}**" if _flanks(prev, body[0], body[-1], nxt) else f"<b>{body}</b>"


def _quoted(before: str, surface: str, after: str) -> str:
    """A sentence with its claim in bold; the spaces around the claim are kept."""
    b, a = cell(before), cell(after)
    if b and before[-1:].isspace():
        b += " "
    if a and after[:1].isspace():
        a = " " + a
    return f"{b}{strong(surface, b[-1:], a[:1])}{a}"


def _values(f: Finding) -> str:
    parts = []
    for g in f.values:
        mark = " (outlier)" if set(g.articles) and set(g.articles) <= set(f.outlier) else ""
        parts.append(f"{strong(g.display or g.value, '>', mark[:1] or ':')}{mark}: {cell(', '.join(g.articles))}")
    return "<br>".join(parts)


def _evidence(f: Finding, limit: int = 6) -> str:
    lines = []
    shown = 0
    for g in f.values:
        for ev in g.evidence:
            if shown >= limit:
                break
            before, surface, after = excerpt(ev, 140)
            where = f"{cell(ev.article)}:{ev.line}" + (f" ({cell(ev.context)})" if ev.context != "body" else "")
            lines.append(f"{where} “{_quoted(before, surface, after)}”")
            shown += 1
    total = sum(len(g.evidence) for g in f.values)
    if total > shown:
        lines.append(f"… {total - shown} more")
    return "<br>".join(lines)


def _table(findings: list[Finding], *, with_note: bool = True) -> str:
    rows = []
    for f in findings:
        note = cell(f.note)
        if f.suppressed:
            note = f"SUPPRESSED: {cell(f.suppressed)}" + (f"<br>{note}" if note else "")
        row = [f"`{f.id}`", cell(f.event or "—"), cell(f.topic), cell(f.kind), _values(f), _evidence(f)]
        if with_note:
            row.append(note)
        rows.append(row)
    headers = ["id", "event", "about", "kind", "values (articles)", "evidence"] + (["note"] if with_note else [])
    return tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True, stralign=None)


def _names(report: Report) -> list[str]:
    """Names several articles write alike: not findings, one short line each, folded."""
    lines = [f"<details><summary>Names used consistently: {len(report.names)}</summary>", ""]
    lines += [f"- {cell(n.name)} ({cell(', '.join(n.articles))})" for n in report.names]
    return [*lines, "", "</details>"]


def render(report: Report) -> bytes:
    out: list[str] = [f"# Audit report: {cell(report.batch)}", ""]
    counts = report.by_verdict()
    out += [
        "## Summary",
        "",
        f"{len(report.audited)} article(s) audited, {len(report.skipped)} skipped; {len(report.events)} event(s); "
        f"{len(report.findings)} finding(s); {len(attention(report))} need attention.",
        "",
        tabulate([[k, str(v)] for k, v in counts.items()], headers=["verdict", "findings"], tablefmt="github",
                 disable_numparse=True, stralign=None),
        "",
        "### Articles",
        "",
    ]
    tally = article_tally(report)
    rows = []
    for a in report.articles:
        pub = a.published.isoformat() if a.published else "unknown"
        basis = a.published_basis + (f" — {cell(a.published_note)}" if a.published_note else "")
        t = tally.get(a.id)
        stats = (f"{t['agree']} agree, {t['conflict']} conflict, {t['variant']} variant, outlier in {t['outlier']}"
                 if t else "")
        status = a.status if a.audited else f"skipped: {cell(a.reason)}"
        rows.append([cell(a.id), cell(a.path), pub, basis, status, stats])
    out += [tabulate(rows, headers=["article", "path", "published", "date basis", "status", "findings"],
                     tablefmt="github", disable_numparse=True, stralign=None), ""]
    out += ["### Events", ""]
    erows = [[e.id, cell(e.label), e.date.isoformat() if e.date else "unknown", cell(", ".join(e.articles)),
              cell(", ".join(e.partial))] for e in report.events]
    out += [tabulate(erows, headers=["event", "label", "date", "articles", "also mentioned in"], tablefmt="github",
                     disable_numparse=True, stralign=None) if erows else "No event: no article could be audited.", ""]
    needs = attention(report)
    out += ["## Needs attention", ""]
    if needs:
        for f in needs:
            vals = " vs ".join(f"{cell(g.display or g.value)} ({cell(', '.join(g.articles))})" for g in f.values)
            out.append(f"- **{f.verdict}** `{f.id}` {cell(f.topic)}: {vals}")
    else:
        out.append("Nothing: no conflict or spelling variant was found.")
    out.append("")
    for verdict, title in SECTIONS:
        fs = [f for f in report.findings if f.verdict == verdict]
        out += [f"## {title} ({len(fs)})", ""]
        if not fs:
            out += ["None.", ""]
            continue
        if verdict == "agree" and report.names:
            out += [*_names(report), ""]
        if verdict == "single":
            out += ["<details><summary>Claims stated by one article only</summary>", "",
                    _table(fs, with_note=False), "", "</details>", ""]
        else:
            out += [_table(fs), ""]
    return ("\n".join(out).rstrip() + "\n").encode("utf-8")
