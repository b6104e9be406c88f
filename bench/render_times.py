"""Time each renderer on a real report, in process (run with the project's .venv python).

  python bench/render_times.py ARTICLES_DIR [--formats md,json,html,sarif] [--jobs N] [--pdf-findings N]

Runs `audit.pipeline.run` on the folder, then times every requested renderer of
`audit.render.RENDERERS` on the report. With --pdf-findings N the report is cut to its first N
findings (report order: conflicts, variants, compatible, agreements, single) and only the PDF is
timed; when the folder's report has fewer findings, it says so. If the pipeline fails on the whole
folder, the folder is audited in chunks of --chunk articles and the chunks' reports are joined into
one report (so that the renderer can still be measured); the output says that too.
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from dataclasses import replace
from pathlib import Path


def _report(folder: Path, jobs: int, chunk: int) -> tuple[object, str | None]:
    from audit.model import Report
    from audit.pipeline import Options, run

    try:
        return run([folder], name=folder.name, options=Options(jobs=jobs)), None
    except Exception as exc:
        error = f"pipeline failed on the whole folder ({type(exc).__name__}: {exc}); audited in chunks of {chunk}"
        traceback.print_exc(file=sys.stderr)
    files = sorted(p for p in folder.rglob("*") if p.suffix in (".txt", ".md"))
    parts: list[Report] = []
    for k in range(0, len(files), chunk):
        try:
            parts.append(run(files[k:k + chunk], name=folder.name, options=Options(jobs=jobs)))
        except Exception as exc:  # a chunk that fails too is left out and counted
            error += f"; chunk {k // chunk} failed ({type(exc).__name__})"
    articles, events, findings, claims = [], [], [], []
    for n, r in enumerate(parts):
        ren = {e.id: f"C{n}{e.id}" for e in r.events}
        articles.extend(r.articles)
        events.extend(replace(e, id=ren[e.id]) for e in r.events)
        findings.extend(replace(f, id=f"{f.id}-c{n}", event=ren.get(f.event or "", f.event)) for f in r.findings)
        claims.extend(r.claims)
    return Report(batch=folder.name, articles=tuple(articles), events=tuple(events), findings=tuple(findings),
                  claims=tuple(claims)), error


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("articles")
    ap.add_argument("--formats", default="md,json,html,sarif")
    ap.add_argument("--jobs", type=int, default=0)
    ap.add_argument("--pdf-findings", type=int, default=0)
    ap.add_argument("--chunk", type=int, default=60)
    ap.add_argument("--pdf-out", help="write the PDF here (to count its pages)")
    args = ap.parse_args(argv)
    from audit.model import VERDICTS, Report
    from audit.render import RENDERERS

    t0 = time.perf_counter()
    report, error = _report(Path(args.articles), args.jobs, args.chunk)
    assert isinstance(report, Report)
    out: dict[str, object] = {"pipeline_s": round(time.perf_counter() - t0, 3), "findings": len(report.findings),
                              "note": error}
    if args.pdf_findings:
        kept = report.findings[: args.pdf_findings]
        used = {f.event for f in kept}
        report = replace(report, findings=kept, events=tuple(e for e in report.events if e.id in used) or report.events)
        formats = ["pdf"]
        counts = {v: sum(1 for f in kept if f.verdict == v) for v in VERDICTS}
        out.update(pdf_findings=len(kept), pdf_findings_by_verdict=counts)
    else:
        formats = [f for f in args.formats.split(",") if f]
    times: dict[str, float] = {}
    sizes: dict[str, int] = {}
    for fmt in formats:
        _suffix, render = RENDERERS[fmt]
        t0 = time.perf_counter()
        data = render(report)
        times[fmt] = round(time.perf_counter() - t0, 3)
        sizes[fmt] = len(data)
        if fmt == "pdf" and args.pdf_out:
            Path(args.pdf_out).write_bytes(data)
    out.update(render_s=times, bytes=sizes)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
