"""HTML report (also the source of the PDF): what needs attention first, then a section per
event with each inconsistency's sentences side by side, a per-article figure and tally.

Everything taken from articles is escaped; the page loads nothing from outside itself.
"""

from __future__ import annotations

import difflib
from html import escape
from importlib import resources

from audit.model import Finding, Report
from audit.render.common import (
    SECTIONS,
    article_tally,
    attention,
    clip,
    excerpt,
    explained,
    invisible_name,
    relabel,
    short_basis,
    short_labels,
    show_invisible,
    single_by_article,
)

# The page may load nothing: no script, no frame, no remote image, font or style sheet, no form
# target; only its own inline style and data: images. A browser enforces this even if some
# article text ever escaped the escaping below.
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
       "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


def _css() -> str:
    return resources.files("audit.render").joinpath("static/report.css").read_text(encoding="utf-8")


def _mark(c: str) -> str:
    return f"<span class=invisible title='{escape(invisible_name(c), quote=True)}'>U+{ord(c):04X}</span>"


def e(s: object) -> str:
    """Escaped text; invisible, bidirectional and control characters are shown as marks."""
    return show_invisible(escape(str(s) if s is not None else "", quote=True), _mark)


def plain(s: object) -> str:
    """Escaped text for places that take no markup (the page title, SVG text): marks as plain text."""
    return escape(show_invisible(str(s) if s is not None else ""), quote=True)


_EXTRA_CSS = ".invisible { font: 7pt monospace; color: #b71c1c; border: 1px solid #b71c1c; padding: 0 1px; }"


def _sentence_html(ev_sentence: tuple[str, str, str]) -> str:
    before, surface, after = ev_sentence
    return f"{e(before)}<mark>{e(surface)}</mark>{e(after)}"


def spelling_diff(spelling: str, reference: str) -> str:
    """`spelling` escaped, with the characters that differ from `reference` highlighted ("I<ii>kay")."""
    out = []
    for op, a0, a1, _b0, _b1 in difflib.SequenceMatcher(None, spelling, reference, autojunk=False).get_opcodes():
        piece = e(spelling[a0:a1])
        if op == "equal":
            out.append(piece)
        elif op == "insert":  # letters the usual spelling has and this one lacks
            out.append("<mark class=diff title='letters missing here'>‸</mark>")
        else:
            out.append(f"<mark class=diff>{piece}</mark>")
    return "".join(out)


def _card(f: Finding, labels: dict[str, str], shown_evidence: int = 4, width: int = 220) -> str:
    """One inconsistency: its values side by side (the odd value marked), each with its sentences; the note
    leads with the likely explanation."""
    from audit.render.annotate import odd_values

    cols = []
    reference = f.values[0].shown if f.values else ""
    odd = set(odd_values(f)) if len(odd_values(f)) < len(f.values) else set()

    def who(arts: tuple[str, ...]) -> str:
        return ", ".join(labels.get(a, a) for a in arts)

    for k, g in enumerate(f.values):
        head = spelling_diff(g.shown, reference) if f.verdict == "variant" and k > 0 else e(g.shown)
        outl = " outlier" if k in odd else ""
        items = "".join(
            f"<li><span class=src>{e(labels.get(ev.article, ev.article))}:{ev.line}"
            f"{' · ' + e(ev.context) if ev.context != 'body' else ''}</span> {_sentence_html(excerpt(ev, width))}</li>"
            for ev in g.evidence[:shown_evidence]
        )
        more = (f"<li class=more>… {len(g.evidence) - shown_evidence} more</li>"
                if len(g.evidence) > shown_evidence else "")
        tag = " <span class=odd>odd one out</span>" if outl else ""
        cols.append(f"<td class='col{outl}'><div class=val>{head}</div>"
                    f"<div class=arts>{e(who(g.articles))}{tag}</div><ul>{items}{more}</ul></td>")
    likely, parts = explained(f)
    lead = f"<b>{e(likely)}.</b> " if likely else ""
    text = relabel("; ".join(parts), labels)
    note = f"<p class=note>{lead}{e(text)}</p>" if likely or parts else ""
    sup = f"<p class=suppressed>Suppressed: {e(f.suppressed)}</p>" if f.suppressed else ""
    return (f"<section class='card {e(f.verdict)}'><h4><span class='badge {e(f.verdict)}'>{e(f.verdict)}</span> "
            f"{e(f.topic)} <code>{e(f.id)}</code></h4>{sup}<table class=cols><tr>{''.join(cols)}</tr></table>{note}</section>")


def _row(f: Finding, labels: dict[str, str]) -> str:
    vals = "<br>".join(f"<b>{e(g.shown)}</b> <span class=arts>{e(', '.join(labels.get(a, a) for a in g.articles))}"
                       "</span>" for g in f.values)
    ev = f.values[0].evidence[0] if f.values and f.values[0].evidence else None
    quote = (f"<span class=src>{e(labels.get(ev.article, ev.article))}:{ev.line}</span> "
             f"{_sentence_html(excerpt(ev, 140))}") if ev else ""
    return (f"<tr><td><code>{e(f.id)}</code></td><td>{e(f.topic)}</td><td>{vals}</td>"
            f"<td class=q>{quote}</td><td class=note>{e(relabel(f.note or '', labels))}</td></tr>")


FIGURE_ROLES = (
    ("majority", "#2e7d32", "✓", "states the majority value"),
    ("odd", "#c62828", "✗", "odd one out: a value fewer articles state"),
    ("several", "#ef6c00", "±", "states more than one of the values"),
    ("split", "#5c6bc0", "?", "no majority: the values are split evenly"),
)
"""(role, colour, mark, meaning) of a cell of the figure; the mark keeps it readable in black and white."""


def _role(f: Finding, article: str, odd: set[int]) -> str | None:
    groups = {k for k, g in enumerate(f.values) if article in g.articles}
    if not groups:
        return None
    if len(groups) > 1:
        return "several"
    if len(odd) == len(f.values):
        return "split"
    return "odd" if groups <= odd else "majority"


def figure(report: Report, *, compact: bool = False) -> str:
    """SVG: one row per article (its short label), one column per numbered inconsistency of the list above,
    a coloured and marked cell where the article takes part; the legend is part of the figure."""
    from audit.render.annotate import odd_values

    needs = attention(report)[:40]
    involved = {a for f in needs for a in f.articles}
    arts = [a.id for a in report.audited if a.id in involved][:60]
    if not needs or not arts:
        return ""
    labels = short_labels(report)
    cw, rh, top, font = 30, 24, 30, 13
    shown = {a: labels[a] if len(labels[a]) <= 28 else labels[a][:27] + "…" for a in arts}
    left = 18 + int(0.62 * font * max(len("article"), *(len(t) for t in shown.values())))
    grid_w = cw * len(needs)
    odd = [set(odd_values(f)) for f in needs]
    cells = {(a, j): r for a in arts for j, f in enumerate(needs) if (r := _role(f, a, odd[j])) is not None}
    roles = [r for r in FIGURE_ROLES if r[0] in set(cells.values())]
    legend_y = top + rh * len(arts) + 18
    legend_h = 20 * len(roles)
    width = max(left + grid_w + 12, 420)
    height = legend_y + legend_h + 4
    out = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' viewBox='0 0 {width} {height}' "
           "role='img' aria-label='Which article takes part in each numbered inconsistency, and how'>",
           f"<style>text{{font:{font}px 'DejaVu Sans',sans-serif;fill:#1b1b1b}} .n{{font-weight:bold}} "
           f".m{{fill:#fff;font-weight:bold;font-size:{font + 1}px}}</style>",
           f"<text x='4' y='{top - 10}' class=n>article</text>"]
    for j, _f in enumerate(needs):
        x = left + j * cw + (cw - 3) / 2
        out.append(f"<text x='{x}' y='{top - 10}' text-anchor='middle' class=n>{j + 1}</text>")
    colour = {r: (c, m, t) for r, c, m, t in FIGURE_ROLES}
    for i, a in enumerate(arts):
        y = top + i * rh
        out.append(f"<text x='4' y='{y + rh / 2 + font / 2 - 2}'>{plain(shown[a])}</text>")
        out.append(f"<rect x='{left}' y='{y}' width='{grid_w - 3}' height='{rh - 3}' fill='#f0f0f0'/>")
        for j, f in enumerate(needs):
            role = cells.get((a, j))
            if role is None:
                continue
            c, mark, meaning = colour[role]
            x = left + j * cw
            tip = "" if compact else f"<title>{plain(labels[a])} · {j + 1} {plain(f.id)}: {plain(meaning)}</title>"
            out.append(f"<rect x='{x}' y='{y}' width='{cw - 3}' height='{rh - 3}' fill='{c}'>{tip}</rect>"
                       f"<text x='{x + (cw - 3) / 2}' y='{y + rh / 2 + font / 2 - 3}' text-anchor='middle' "
                       f"class=m>{mark}</text>")
    for k, (_role_name, c, mark, meaning) in enumerate(roles):
        y = legend_y + 20 * k
        out.append(f"<rect x='4' y='{y}' width='18' height='16' fill='{c}'/>"
                   f"<text x='13' y='{y + 13}' text-anchor='middle' class=m>{mark}</text>"
                   f"<text x='30' y='{y + 13}'>{plain(meaning)}</text>")
    out.append("</svg>")
    return "".join(out)


NAMES_SHOWN = 200
"""Names used consistently listed in the HTML and PDF (the JSON keeps all)."""
CARDS = 60
"""The editor's PDF shows the sentences side by side for this many inconsistencies, then one line each."""
MANY_ARTICLES = 40
"""Above this many articles the editor's PDF lists only the articles that need attention."""


def _line(f: Finding, labels: dict[str, str]) -> str:
    """One compact line for an agreement or a compatible finding (the editor's PDF)."""
    vals = "; ".join(f"{e(g.display or g.value)} [{e(', '.join(labels.get(a, a) for a in g.articles))}]"
                     for g in f.values)
    copied = " (copied text)" if f.copied else ""
    return f"<code>{e(f.id)}</code> {e(f.topic)}: {vals}{copied}"


SINGLE_LINE = ("A claim only one article makes conflicts with nothing: it is information to check against the "
               "source, not an error.")
SINGLES_SHOWN = 3
"""Single-source claims the editor's PDF shows per article and event (then '… and N more')."""


def _singles(report: Report, group: list[Finding], labels: dict[str, str]) -> str:
    """The editor's PDF: per article, its most useful single-source claims (figures and dates first) on one line."""
    ids = {f.id for f in group}
    lines = []
    for art, fs in single_by_article(report):
        fs = [f for f in fs if f.id in ids]
        if not fs:
            continue
        items = [f"{e(f.topic)}: <b>{e(clip(f.values[0].shown, 80))}</b>" for f in fs[:SINGLES_SHOWN]]
        more = f" · … and {len(fs) - SINGLES_SHOWN} more" if len(fs) > SINGLES_SHOWN else ""
        lines.append(f"<b>{e(labels.get(art, art))}</b> ({len(fs)}): " + " · ".join(items) + more)
    return "<p class=lines>" + "<br>".join(lines) + "</p>"


def render_html(report: Report, *, compact: bool = False) -> str:
    """The HTML report. `compact` (the PDF for editors) gives agreements and compatible values one line
    each and counts the single-source claims instead of listing them (Markdown and JSON list them all)."""
    counts = report.by_verdict()
    needs = attention(report)
    parts = [
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8>",
        f"<meta http-equiv=Content-Security-Policy content=\"{CSP}\"><meta name=referrer content=no-referrer>",
        f"<meta name=audit-fingerprint content={e(report.fingerprint)}>" if report.fingerprint else "",
        f"<title>Audit report: {plain(report.batch)}</title><style>{_css()}\n{_EXTRA_CSS}</style></head><body>",
        "<section class=first>",
        f"<h1>Audit report: {e(report.batch)}</h1>",
        f"<p class=lede>{len(report.audited)} article(s) audited, {len(report.skipped)} skipped · "
        f"{len(report.events)} event(s) · {len(report.findings)} finding(s)"
        + (f" · run {e(report.fingerprint[:12])}" if report.fingerprint else "") + "</p>",
        "<div class=counts>" + "".join(
            f"<span class='badge {k}'>{e(k)} {v}</span>" for k, v in counts.items()) + "</div>",
        f"<h2>Needs attention ({len(needs)})</h2>",
    ]
    labels = short_labels(report)

    def who(arts: tuple[str, ...]) -> str:
        return ", ".join(labels[a] for a in arts)

    if needs:
        shown_event: object = object()
        for number, f in enumerate(needs, start=1):
            if f.event != shown_event:
                ev = report.event(f.event)
                if number > 1:
                    parts.append("</ol>")
                parts.append(f"<p class=evhead>{e(ev.label) if ev else 'Across events'}</p>"
                             f"<ol class=attention start={number}>")
                shown_event = f.event
            vals = " <i>vs</i> ".join(f"<b>{e(g.display or g.value)}</b> [{e(who(g.articles))}]" for g in f.values)
            odd = f" · <span class=odd>odd one out: {e(who(f.outlier))}</span>" if f.outlier else ""
            likely, _parts = explained(f)
            why = f" · {e(likely[0].lower() + likely[1:])}" if likely else ""
            parts.append(f"<li value={number}><span class='badge {e(f.verdict)}'>{e(f.verdict)}</span> {e(f.topic)}: "
                         f"{vals}{odd}{why} <code>{e(f.id)}</code></li>")
        parts.append("</ol>")
    else:
        parts.append("<p>Nothing: no conflict or spelling variant was found.</p>")
    suppressed = [f for f in report.findings if f.suppressed]
    if suppressed:
        parts.append(f"<h3>Suppressed by the desk ({len(suppressed)})</h3><ul class=suppressed-list>" + "".join(
            f"<li><code>{e(f.id)}</code> {e(f.topic)}: {e(f.suppressed)}</li>" for f in suppressed) + "</ul>")
    fig = figure(report, compact=compact)
    if fig:
        parts.append("<h3>Which article disagrees</h3>"
                     "<p class=legend>One row per article, one column per numbered item of the list above.</p>"
                     f"<div class=figure>{fig}</div>")
    with_source = any(a.outlet or a.timezone or a.url for a in report.articles)
    parts.append("<h3>Articles</h3><table class=arts><tr><th>article</th>" + ("<th>source</th>" if with_source else "")
                 + "<th>published</th><th>date basis</th><th>status</th></tr>")
    listed = list(report.articles)
    if compact and len(listed) > MANY_ARTICLES:
        # a large batch: the skipped articles and the odd ones out; the rest are counted
        odd_ones = {a for f in needs for a in f.outlier}
        listed = [a for a in report.articles if not a.audited or a.id in odd_ones][:MANY_ARTICLES * 3]
    for a in listed:
        status = a.status if a.audited else f"skipped: {a.reason}"
        source = " · ".join(x for x in (a.outlet, a.timezone, a.url) if x)
        parts.append(f"<tr><td>{e(labels[a.id])}</td>" + (f"<td>{e(source)}</td>" if with_source else "")
                     + f"<td class=nowrap>{e(a.published or 'unknown')}</td><td>{e(short_basis(a))}</td>"
                     f"<td>{e(status)}</td></tr>")
    parts.append("</table>")
    notes = [a for a in listed if a.published_note]
    if notes:
        parts.append("<p class=note>How the dates were obtained: " + "; ".join(
            f"<b>{e(labels[a.id])}</b> {e(a.published_note)}" for a in notes) + ".</p>")
    if len(listed) < len(report.articles):
        parts.append(f"<p class=note>{len(report.articles) - len(listed)} other articles are not listed here (only "
                     "skipped articles and odd ones out are); the Markdown and JSON reports list every article.</p>")
    parts.append("</section>")
    tally = article_tally(report)
    parts.append("<section class=tally-section><h2>Per-article tally</h2><table class=tally><tr><th>article</th><th>agree</th>"
                 "<th>conflict</th><th>variant</th><th>compatible</th><th>single</th><th>odd one out</th></tr>")
    rows = list(tally.items())
    if compact and len(rows) > MANY_ARTICLES:  # the articles most often the odd one out
        rows = sorted(rows, key=lambda kv: (-kv[1]["outlier"], -(kv[1]["conflict"] + kv[1]["variant"]), kv[0]))
        rows = rows[:MANY_ARTICLES]
        parts.append(f"<p class=note>The {MANY_ARTICLES} articles most often the odd one out, of {len(tally)}.</p>")
    for art_id, t in rows:
        parts.append(f"<tr><td>{e(labels[art_id])}</td>" + "".join(f"<td>{t[k]}</td>" for k in
                     ("agree", "conflict", "variant", "compatible", "single", "outlier")) + "</tr>")
    parts.append("</table>")
    if report.names:
        more = (f" … and {len(report.names) - NAMES_SHOWN} more (all are in the JSON report)"
                if len(report.names) > NAMES_SHOWN else "")
        parts.append(f"<p class=note><b>Names used consistently ({len(report.names)}):</b> " + ", ".join(
            f"{e(n.name)} ({len(n.articles)})" for n in report.names[:NAMES_SHOWN]) + f"{more}. A name spelled "
            "alike by several articles is not a finding; a name spelled differently is a variant.</p>")
    parts.append("</section>")

    def urgency(ev: object) -> tuple[int, str]:
        eid = getattr(ev, "id", None)
        n = sum(1 for f in needs if f.event == eid)
        return (-n, eid or "~")

    first_event = True
    cards_left = CARDS
    for ev in sorted([*list(report.events), None], key=urgency):
        eid = ev.id if ev else None
        fs = [f for f in report.findings if f.event == eid]
        if not fs:
            continue
        title = f"{ev.id}: {ev.label}" if ev else "Not tied to one event"
        arts = f"<p class=lede>Articles: {e(who(ev.articles))}</p>" if ev else ""
        cls = "event quiet" if compact and not first_event else "event"
        first_event = False
        parts.append(f"<section class='{cls}'><h2>{e(title)}</h2>{arts}")
        for verdict, sect in SECTIONS:
            group = [f for f in fs if f.verdict == verdict]
            if not group:
                continue
            parts.append(f"<h3>{e(sect)} ({len(group)})</h3>")
            if verdict in ("conflict", "variant"):
                for f in group:
                    if not compact:
                        parts.append(_card(f, labels))
                    elif cards_left > 0:
                        parts.append(_card(f, labels, 1 if len(needs) > MANY_ARTICLES else 2, 160))
                        cards_left -= 1
                    else:  # past the first CARDS cards an editor reads the list; the sentences are in the Markdown
                        parts.append(f"<p class=lines><span class='badge {e(f.verdict)}'>{e(f.verdict)}</span> "
                                     f"{_line(f, labels)}</p>")
            elif verdict == "single":
                parts.append(f"<p class=note>{e(SINGLE_LINE)}</p>")
                if compact:
                    parts.append(_singles(report, group, labels))
                else:
                    parts.append("<table class=findings><tr><th>id</th><th>about</th><th>values</th><th>evidence</th>"
                                 "<th>note</th></tr>" + "".join(_row(f, labels) for f in group) + "</table>")
            elif compact:  # one paragraph, an item per finding: far fewer boxes to lay out than a list
                parts.append("<p class=lines>" + " · ".join(_line(f, labels) for f in group) + "</p>")
            else:
                parts.append("<table class=findings><tr><th>id</th><th>about</th><th>values</th><th>evidence</th>"
                             "<th>note</th></tr>" + "".join(_row(f, labels) for f in group) + "</table>")
        parts.append("</section>")
    parts.append("</body></html>")
    return "\n".join(parts)


def render(report: Report) -> bytes:
    return render_html(report).encode("utf-8")
