"""GitHub-flavoured Markdown, written to diff well in a pull request.

Summary first (counts, the articles with short labels, the events, what needs attention), then
each inconsistency as a short section (a heading with the verdict, the topic and the id; a bullet
per value with its articles; a quoted line per statement; the note, likely explanation first),
the agreements by kind of fact, compatible values, the single-source claims per article (the
most useful first, bounded) and the names used consistently. A change in one article changes a
few short lines; compact tables (tabulate) only where rows are short. Article text is escaped so
that it can never add structure (tables, headings, links, HTML) to the report."""

from __future__ import annotations

import re
import string
import unicodedata

from tabulate import tabulate

from audit import facts
from audit.model import Evidence, Finding, Report
from audit.render.common import (
    SECTIONS,
    article_tally,
    clip,
    excerpt,
    explained,
    relabel,
    short_basis,
    short_labels,
    show_invisible,
    single_by_article,
    who,
)

STATEMENTS = 3
"""Quoted statements shown per value of an inconsistency (then '… and N more')."""
AGREEMENT_STATEMENTS = 2
"""Quoted statements shown per agreement or compatible finding."""
SINGLE_PER_ARTICLE = 5
"""Single-source claims shown per article (then '… and N more'; the JSON keeps all)."""
NAMES_SHOWN = 200
"""Names used consistently listed in the Markdown (the JSON keeps all)."""
SURFACE = 160
"""Longest claim text quoted in full; a longer one (a long quote) is cut."""
NOTE_PART = 400
"""Longest statement of a note shown; the JSON keeps the whole note."""

_MD_SPECIAL = re.compile(r"‹U\+[0-9A-F]{4,6}›|([\\`*_{}\[\]<>()#+!|~])")
"""A character Markdown could read as syntax (escaped with a backslash), or one of show_invisible's
marks (kept as it is: its '+' is mid-line, where it means nothing)."""
_LIST_MARKER = re.compile(r"^(?:-(?=[ -]|$)|\d{1,9}\.(?= |$))")
"""A '- ' or '12. ' at the start of a cell would open a (nested) list where the cell opens a list item,
and '- --' would be a rule."""
_WORD = re.compile(r"[^ |]+")
"""A word of a cell's text (its whitespace is single spaces by then); '|' ends one so that a table cell
never holds a code span with a '|' in it."""
_LINKABLE = re.compile(r"(?i)://|www\.|(?:[-.\w+]|mailto:|xmpp:)@[-.\w]*\.")
"""A word that GitHub could turn into a link ('http://…', 'www.…', an e-mail address, 'mailto:' and
'xmpp:' addresses): a superset of both of its autolink rules, the GFM one while parsing and the one it
runs afterwards on the text of the page, which sees through backslash escapes (see the README)."""


def _escaped(text: str) -> str:
    text = text.replace("&", "&amp;")
    return _MD_SPECIAL.sub(lambda m: f"\\{m.group(1)}" if m.group(1) else m.group(0), text)


def _code(word: str) -> str:
    """`word` as a code span: shown literally (no escapes, no entities, no link, no emphasis inside)."""
    ticks = max((len(run) for run in re.findall(r"`+", word)), default=0)
    fence = "`" * (ticks + 1)
    pad = " " if word[:1] == "`" or word[-1:] == "`" else ""
    return f"{fence}{pad}{word}{pad}{fence}"


def cell(text: str | None) -> str:
    """Article text made inert for GitHub, on one line (fit for a table cell too): every Markdown and
    HTML character backslash-escaped, a word GitHub could link ('http://…', 'www.…', 'a@b.example')
    put whole in a code span, and invisible or bidirectional characters shown as marks ('‹U+202E›')
    before either, so that the rendered text reads exactly as the article wrote it."""
    if not text:
        return ""
    text = show_invisible(" ".join(str(text).split()))
    out, pos = [], 0
    for m in _WORD.finditer(text):
        if _LINKABLE.search(m.group()):
            out += [_escaped(text[pos:m.start()]), _code(m.group())]
            pos = m.end()
    out.append(_escaped(text[pos:]))
    return _LIST_MARKER.sub(lambda m: f"\\{m.group()}" if m.group() == "-" else f"{m.group()[:-1]}\\.", "".join(out))


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
    if not cell(surface):  # nothing to set in bold: one text, so that no word is judged in halves
        return cell(before + surface + after)
    b, a = cell(before), cell(after)
    if b and before[-1:].isspace():
        b += " "
    if a and after[:1].isspace():
        a = " " + a
    return f"{b}{strong(surface, b[-1:], a[:1])}{a}"


class _Writer:
    """Lines of one report, with the batch's short article labels."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.labels = short_labels(report)

    def who(self, articles: tuple[str, ...] | list[str], limit: int = 12) -> str:
        return cell(who(articles, self.labels, limit))

    def note(self, text: str) -> str:
        return cell(clip(relabel(text, self.labels), NOTE_PART))

    def quote(self, ev: Evidence) -> str:
        """'000:12 (post) “…the sentence with the **claim** in bold…”' on one line."""
        before, surface, after = excerpt(ev, 140)
        if len(surface) > SURFACE:
            surface = clip(surface, SURFACE)
            after = after and " …"
        ctx = f" ({cell(ev.context)})" if ev.context != "body" else ""
        return f"{cell(self.labels.get(ev.article, ev.article))}:{ev.line}{ctx} “{_quoted(before, surface, after)}”"

    def value(self, text: str) -> str:
        return clip(text, SURFACE)

    def statements(self, evidence: tuple[Evidence, ...], limit: int, indent: str = "  ") -> list[str]:
        lines = [f"{indent}- {self.quote(ev)}" for ev in evidence[:limit]]
        if len(evidence) > limit:
            lines.append(f"{indent}- … and {len(evidence) - limit} more")
        return lines

    def notes(self, f: Finding) -> list[str]:
        """The note, its likely explanation first: one line, or a lead line and a bullet per statement."""
        likely, parts = explained(f)
        lead = f"{likely}." if likely else "Note:"
        if not parts:
            return [f"**{lead}**"] if likely else []
        if len(parts) == 1:
            return [f"**{lead}** {self.note(parts[0])}"]
        return [f"**{lead}**", "", *(f"- {self.note(p)}" for p in parts)]

    def inconsistency(self, f: Finding) -> list[str]:
        out = [f"### {f.verdict}: {cell(clip(f.topic, 120))} · `{f.id}`", ""]
        facts_line = [f"Event {cell(f.event)}." if f.event else "Across events."]
        if f.outlier:
            facts_line.append(f"Odd one out: {self.who(f.outlier)}.")
        if f.within_article:
            facts_line.append(f"States more than one value itself: {self.who(f.within_article)}.")
        if f.copied:
            facts_line.append("Some agreeing text is copied between articles.")
        out += [" ".join(facts_line), ""]
        if f.suppressed:
            out += [f"SUPPRESSED: {cell(f.suppressed)}", ""]
        odd = set(f.outlier)
        for g in f.values:
            mark = " (odd one out)" if odd and set(g.articles) <= odd else ""
            out.append(f"- {strong(self.value(g.shown), '', mark[:1] or ':')}{mark}: {self.who(g.articles)}")
            out += self.statements(g.evidence, STATEMENTS)
        notes = self.notes(f)
        return [*out, "", *notes, ""] if notes else [*out, ""]

    def fact(self, f: Finding) -> list[str]:
        """An agreement or a compatible finding: one bullet, its statements and its note beneath it."""
        vals = "; ".join(f"{strong(self.value(g.shown), '', ' ')} ({self.who(g.articles)})" for g in f.values)
        sup = f" SUPPRESSED: {cell(f.suppressed)}" if f.suppressed else ""
        copied = " (partly copied text)" if f.copied else ""
        lines = [f"- {cell(clip(f.topic, 120))}: {vals}{copied} · `{f.id}`{sup}"]
        evidence = tuple(ev for g in f.values for ev in g.evidence)
        lines += self.statements(_one_per_article(evidence), AGREEMENT_STATEMENTS)
        if f.note:
            lines.append(f"  - Note: {self.note(f.note)}")
        return lines

    def single(self, f: Finding) -> str:
        """One line: what the claim is about, its id and the statement (the claim in bold)."""
        g = f.values[0]
        if not g.evidence:
            return f"- {cell(clip(f.topic, 100))}: {strong(self.value(g.shown), '', ' ')} · `{f.id}`"
        return f"- {cell(clip(f.topic, 100))} · `{f.id}` — {self.quote(g.evidence[0])}"


def _one_per_article(evidence: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
    seen: set[str] = set()
    out = []
    for ev in evidence:
        if ev.article not in seen:
            seen.add(ev.article)
            out.append(ev)
    return tuple(out)


def _table(rows: list[list[str]], headers: list[str]) -> str:
    return tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True, stralign=None)


def _summary(w: _Writer) -> list[str]:
    report = w.report
    counts = report.by_verdict()
    needs = report.attention()
    out = [
        "## Summary",
        "",
        f"{len(report.audited)} article(s) audited, {len(report.skipped)} skipped; {len(report.events)} event(s); "
        f"{len(report.findings)} finding(s); {len(needs)} need attention; "
        f"{len(report.names)} name(s) used consistently.",
        "",
        _table([[k, str(v)] for k, v in counts.items()], ["verdict", "findings"]),
        "",
        "### Articles",
        "",
    ]
    tally = article_tally(report)
    rows = []
    explained_dates = []
    for a in report.articles:
        t = tally.get(a.id)
        stats = (f"{t['conflict']} conflict, {t['variant']} variant, {t['agree']} agree, {t['single']} single; "
                 f"odd one out in {t['outlier']}" if t else "")
        status = a.status if a.audited else f"skipped: {cell(clip(a.reason or '', 200))}"
        if a.audited and a.input_notes:  # a fallback encoding, HTML converted, another language: in the table
            status += "; " + "; ".join(cell(n) for n in a.input_notes)
        rows.append([cell(w.labels[a.id]), cell(a.path), a.published.isoformat() if a.published else "unknown",
                     cell(short_basis(a)), status, stats])
        if a.published_note:
            explained_dates.append(f"- {cell(w.labels[a.id])}: {w.note(a.published_note)}")
    out += [_table(rows, ["article", "path", "published", "date basis", "status", "findings"]), ""]
    if explained_dates:
        out += ["How the dates were obtained:", "", *explained_dates, ""]
    out += ["### Events", ""]
    erows = [[e.id, cell(clip(e.label, 120)), e.date.isoformat() if e.date else "unknown", w.who(e.articles),
              w.who(e.partial)] for e in report.events]
    out += [_table(erows, ["event", "label", "date", "articles", "also mentioned in"]) if erows
            else "No event: no article could be audited.", ""]
    return out


def _attention(w: _Writer) -> list[str]:
    needs = w.report.attention()
    out = [f"## Needs attention ({len(needs)})", ""]
    if not needs:
        return [*out, "Nothing: no conflict or spelling variant was found.", ""]
    for f in needs:
        vals = " vs ".join(f"{strong(w.value(g.shown), '', ' ')} ({w.who(g.articles)})" for g in f.values)
        likely, _parts = explained(f)
        why = f" — {cell(likely[0].lower() + likely[1:])}" if likely else ""  # cell() trims: the dash stays outside
        out.append(f"- **{f.verdict}** {cell(clip(f.topic, 120))}: {vals}{why} · `{f.id}`")
    return [*out, ""]


def _agreements(w: _Writer, fs: list[Finding]) -> list[str]:
    out: list[str] = []
    for key, title in facts.GROUPS:
        group = [f for f in fs if facts.group(f) == key]
        if not group:
            continue
        out += [f"**{title} ({len(group)})**", ""]
        for f in group:
            out += w.fact(f)
        out.append("")
    return out


def _names(w: _Writer) -> list[str]:
    """Names several articles write alike: not findings; one short line each, folded."""
    names = w.report.names
    lines = [f"<details><summary>Names used consistently: {len(names)} (not findings: a name spelled the same "
             "way by several articles confirms nothing)</summary>", ""]
    lines += [f"- {cell(n.name)} ({w.who(n.articles, 6)})" for n in names[:NAMES_SHOWN]]
    if len(names) > NAMES_SHOWN:
        lines.append(f"- … and {len(names) - NAMES_SHOWN} more (all are in the JSON report)")
    return [*lines, "", "</details>", ""]


def _singles(w: _Writer) -> list[str]:
    out = ["A claim that only one article makes conflicts with nothing: it is information to check against "
           "the source, not an error. The most useful claims of each article come first: figures and dates, "
           "then results, people and quotes.", ""]
    for art, fs in single_by_article(w.report):
        out += [f"**{cell(w.labels.get(art, art))}** ({len(fs)})", ""]
        out += [w.single(f) for f in fs[:SINGLE_PER_ARTICLE]]
        if len(fs) > SINGLE_PER_ARTICLE:
            out.append(f"- … and {len(fs) - SINGLE_PER_ARTICLE} more (all are in the JSON report)")
        out.append("")
    return out


def render(report: Report) -> bytes:
    w = _Writer(report)
    out: list[str] = [f"# Audit report: {cell(report.batch)}", ""]
    if report.fingerprint:  # the JSON, HTML and SARIF of the same run carry the same one
        out += [f"Run fingerprint: `{report.fingerprint}` (inputs and options of this run)", ""]
    out += _summary(w)
    out += _attention(w)
    for verdict, title in SECTIONS:
        fs = [f for f in report.findings if f.verdict == verdict]
        out += [f"## {title} ({len(fs)})", ""]
        if verdict == "agree" and report.names:
            out += _names(w)
        if not fs:
            out += ["None.", ""]
        elif verdict in ("conflict", "variant"):
            for f in fs:
                out += w.inconsistency(f)
        elif verdict == "agree":
            out += _agreements(w, fs)
        elif verdict == "compatible":
            out += [line for f in fs for line in w.fact(f)] + [""]
        else:
            out += _singles(w)
    return ("\n".join(out).rstrip() + "\n").encode("utf-8")
