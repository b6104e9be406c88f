"""GitHub Actions workflow commands: one `::error` / `::warning` line per conflicting or variant statement.

Printed to the log of a GitHub Actions step, each line becomes an inline annotation on the
article file and line in the pull request. Escaping follows the runner's rules: in the
message `%`, CR and LF are percent-encoded; in property values also `:` and `,`.
Suppressed findings are left out (they are not to act on; the reports still show them).
"""

from __future__ import annotations

from audit.model import Report
from audit.render.sarif import columns, message, repo_path, statements, visible

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, msg: str, **props: object) -> str:
    """`::kind key=value,...::message` with every part escaped."""
    shown = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{kind}{' ' + shown if shown else ''}::{escape_data(msg)}"


def lines(report: Report) -> list[str]:
    arts = {a.id: a for a in report.articles}
    out = []
    for f, k, ev in statements(report):
        if f.suppressed:
            continue
        art = arts.get(ev.article)
        cols = columns(art, ev)
        line = max(1, ev.line)
        out.append(command(
            COMMAND.get(f.severity, "warning"), message(f, k, ev),
            file=repo_path(art.path if art else ev.article),
            line=line, endLine=line,
            col=cols[0] if cols else None, endColumn=cols[1] - 1 if cols else None,
            title=visible(f"audit {f.verdict} {f.id}: {f.topic}"),
        ))
    return out


def render(report: Report) -> bytes:
    out = lines(report)
    return ("\n".join(out) + "\n").encode("utf-8") if out else b""
