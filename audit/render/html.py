"""HTML report (also the source of the PDF): what needs attention first, then a section per
event with each inconsistency's sentences side by side, a per-article figure and tally.

Everything taken from articles is escaped; the page loads nothing from outside itself.
"""

from __future__ import annotations

from html import escape
from importlib import resources

from audit.model import Finding, Report
from audit.render.common import SECTIONS, article_tally, attention, excerpt, invisible_name, show_invisible

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


def _card(f: Finding) -> str:
    cols = []
    for g in f.values:
        outl = " outlier" if set(g.articles) <= set(f.outlier) and f.outlier else ""
        items = "".join(
            f"<li><span class=src>{e(ev.article)}:{ev.line}{' · ' + e(ev.context) if ev.context != 'body' else ''}</span> "
            f"{_sentence_html(excerpt(ev, 220))}</li>"
            for ev in g.evidence[:4]
        )
        more = f"<li class=more>… {len(g.evidence) - 4} more</li>" if len(g.evidence) > 4 else ""
        cols.append(f"<div class='col{outl}'><div class=val>{e(g.display or g.value)}</div>"
                    f"<div class=arts>{e(', '.join(g.articles))}</div><ul>{items}{more}</ul></div>")
    note = f"<p class=note>{e(f.note)}</p>" if f.note else ""
    sup = f"<p class=suppressed>Suppressed: {e(f.suppressed)}</p>" if f.suppressed else ""
    return (f"<section class='card {e(f.verdict)}'><h4><span class='badge {e(f.verdict)}'>{e(f.verdict)}</span> "
            f"{e(f.topic)} <code>{e(f.id)}</code></h4>{sup}<div class=cols>{''.join(cols)}</div>{note}</section>")


def _row(f: Finding) -> str:
    vals = "<br>".join(f"<b>{e(g.display or g.value)}</b> <span class=arts>{e(', '.join(g.articles))}</span>"
                       for g in f.values)
    ev = f.values[0].evidence[0] if f.values and f.values[0].evidence else None
    quote = _sentence_html(excerpt(ev, 140)) if ev else ""
    return (f"<tr><td><code>{e(f.id)}</code></td><td>{e(f.topic)}</td><td>{vals}</td>"
            f"<td class=q>{quote}</td><td class=note>{e(f.note or '')}</td></tr>")


def _event_note(report: Report, event_id: str | None) -> str:
    ev = report.event(event_id)
    return f" <span class=ev>· {e(ev.label)}</span>" if ev else ""


def figure(report: Report) -> str:
    """SVG: one row per article, one column per inconsistency; red where the article is the odd one out."""
    needs = attention(report)[:40]
    arts = [a.id for a in report.audited]
    if not needs or not arts:
        return ""
    cw, rh, left, top = 16, 18, 170, 70
    width = left + cw * len(needs) + 120
    height = top + rh * len(arts) + 10
    tally = article_tally(report)
    out = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' viewBox='0 0 {width} {height}' "
           "role='img' aria-label='Which inconsistencies each article takes part in'>",
           "<style>text{font:10px sans-serif}</style>"]
    for j, f in enumerate(needs):
        x = left + j * cw + cw / 2
        out.append(f"<text transform='translate({x + 3},{top - 6}) rotate(-60)'>{plain(f.id[:9])}</text>")
    for i, a in enumerate(arts):
        y = top + i * rh
        label = a if len(a) <= 26 else a[:25] + "…"
        out.append(f"<text x='4' y='{y + 12}'>{plain(label)}</text>")
        for j, f in enumerate(needs):
            x = left + j * cw
            if a in f.outlier:
                color, title = "#c62828", "odd one out"
            elif a in f.within_article:
                color, title = "#ef6c00", "states more than one value"
            elif a in f.articles:
                color, title = "#2e7d32", "states the majority value"
            else:
                color, title = "#eeeeee", "not involved"
            out.append(f"<rect x='{x}' y='{y}' width='{cw - 2}' height='{rh - 2}' fill='{color}'><title>{plain(a)} · "
                       f"{plain(f.id)}: {title}</title></rect>")
        t = tally.get(a, {})
        out.append(f"<text x='{left + cw * len(needs) + 8}' y='{y + 12}'>{t.get('agree', 0)} agree · "
                   f"{t.get('outlier', 0)} odd</text>")
    out.append("</svg>")
    return "".join(out)


def render_html(report: Report) -> str:
    counts = report.by_verdict()
    needs = attention(report)
    parts = [
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8>",
        f"<meta http-equiv=Content-Security-Policy content=\"{CSP}\"><meta name=referrer content=no-referrer>",
        f"<title>Audit report: {plain(report.batch)}</title><style>{_css()}\n{_EXTRA_CSS}</style></head><body>",
        "<section class=first>",
        f"<h1>Audit report: {e(report.batch)}</h1>",
        f"<p class=lede>{len(report.audited)} article(s) audited, {len(report.skipped)} skipped · "
        f"{len(report.events)} event(s) · {len(report.findings)} finding(s)</p>",
        "<div class=counts>" + "".join(
            f"<span class='badge {k}'>{e(k)} {v}</span>" for k, v in counts.items()) + "</div>",
        f"<h2>Needs attention ({len(needs)})</h2>",
    ]
    if needs:
        parts.append("<ol class=attention>")
        for f in needs:
            vals = " <i>vs</i> ".join(f"<b>{e(g.display or g.value)}</b> ({e(', '.join(g.articles))})" for g in f.values)
            parts.append(f"<li><span class='badge {e(f.verdict)}'>{e(f.verdict)}</span> {e(f.topic)}: {vals}"
                         f"{_event_note(report, f.event)}</li>")
        parts.append("</ol>")
    else:
        parts.append("<p>Nothing: no conflict or spelling variant was found.</p>")
    parts.append("<h3>Articles</h3><table class=arts><tr><th>article</th><th>published</th><th>basis</th>"
                 "<th>status</th></tr>")
    for a in report.articles:
        status = a.status if a.audited else f"skipped: {a.reason}"
        parts.append(f"<tr><td>{e(a.id)}</td><td>{e(a.published or 'unknown')}</td><td>{e(a.published_basis)}"
                     f"{' — ' + e(a.published_note) if a.published_note else ''}</td><td>{e(status)}</td></tr>")
    parts.append("</table></section>")
    fig = figure(report)
    if fig:
        parts.append("<section class=figure><h2>Which article disagrees</h2>"
                     "<p class=legend><span class=sw style='background:#2e7d32'></span> majority value "
                     "<span class=sw style='background:#c62828'></span> odd one out "
                     "<span class=sw style='background:#ef6c00'></span> states several values</p>"
                     f"{fig}</section>")
    tally = article_tally(report)
    parts.append("<section><h2>Per-article tally</h2><table class=tally><tr><th>article</th><th>agree</th>"
                 "<th>conflict</th><th>variant</th><th>compatible</th><th>single</th><th>odd one out</th></tr>")
    for art_id, t in tally.items():
        parts.append(f"<tr><td>{e(art_id)}</td>" + "".join(f"<td>{t[k]}</td>" for k in
                     ("agree", "conflict", "variant", "compatible", "single", "outlier")) + "</tr>")
    parts.append("</table></section>")
    for ev in [*list(report.events), None]:
        eid = ev.id if ev else None
        fs = [f for f in report.findings if f.event == eid]
        if not fs:
            continue
        title = f"{ev.id}: {ev.label}" if ev else "Not tied to one event"
        arts = f"<p class=lede>Articles: {e(', '.join(ev.articles))}</p>" if ev else ""
        parts.append(f"<section class=event><h2>{e(title)}</h2>{arts}")
        for verdict, sect in SECTIONS:
            group = [f for f in fs if f.verdict == verdict]
            if not group:
                continue
            parts.append(f"<h3>{e(sect)} ({len(group)})</h3>")
            if verdict in ("conflict", "variant"):
                parts.extend(_card(f) for f in group)
            else:
                parts.append("<table class=findings><tr><th>id</th><th>about</th><th>values</th><th>evidence</th>"
                             "<th>note</th></tr>" + "".join(_row(f) for f in group) + "</table>")
        parts.append("</section>")
    parts.append("</body></html>")
    return "\n".join(parts)


def render(report: Report) -> bytes:
    return render_html(report).encode("utf-8")
