"""GitHub Actions workflow commands: one `::error` / `::warning` line per statement of each odd value of a
conflict or spelling variant (`render.annotate`), so the annotation stands on the line to fix.

Printed to the log of a GitHub Actions step, each line becomes an inline annotation on the article
file and line in the pull request. The message (at most 200 characters) says what is wrong there and
where the other articles stand. Escaping follows the runner's rules: in the message `%`, CR and LF
are percent-encoded; in property values also `:` and `,`. The `file` property is the real path of the
file (the runner decodes exactly those escapes), so names with spaces, line breaks, '#', '%' or
non-ASCII letters point at the right file. Suppressed findings are left out (they are not to act on;
the reports still show them).
"""

from __future__ import annotations

from audit.model import Article, Report
from audit.paths import real_path
from audit.render.annotate import collect, visible
from audit.render.sarif import columns, repo_path

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}
TITLE = 100


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, msg: str, **props: object) -> str:
    """`::kind key=value,...::message` with every part escaped."""
    shown = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{kind}{' ' + shown if shown else ''}::{escape_data(msg)}"


def file_property(article: Article | None, fallback: str) -> str:
    """The real path of the article's file (from its percent-encoded URI), relative to the repository root.
    Bytes that are not UTF-8 are kept as the file system has them (the runner reads the log as UTF-8, so
    such a name cannot be annotated exactly; it is written with replacement characters)."""
    if article is not None and article.uri and not article.uri.startswith("file://"):
        return real_path(article.uri).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return repo_path(article.path if article else fallback)


def lines(report: Report) -> list[str]:
    arts = {a.id: a for a in report.articles}
    out = []
    for a in collect(report):
        f = a.finding
        if f.suppressed:
            continue
        title = visible(f"audit {f.verdict} {f.id}: {f.topic}")
        for ev in a.locations:
            art = arts.get(ev.article)
            cols = columns(art, ev)
            line = max(1, ev.line)
            out.append(command(
                COMMAND.get(f.severity, "warning"), a.message,
                file=file_property(art, ev.article), line=line, endLine=line,
                col=cols[0] if cols else None, endColumn=cols[1] - 1 if cols else None,
                title=title if len(title) <= TITLE else title[:TITLE - 1] + "…",
            ))
    return out


def render(report: Report) -> bytes:
    out = lines(report)
    return ("\n".join(out) + "\n").encode("utf-8") if out else b""
