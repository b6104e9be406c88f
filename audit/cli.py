"""The command line: the only module that prints or exits.

Exit codes (see README):
  0   success: reports written, nothing at or over the --fail-on threshold
  1   findings at or over the --fail-on threshold
  2   usage error (bad option or value)
  3   input error (a path that does not exist, every file skipped, a malformed configuration)
  4   output error (a format could not be rendered or written; the other formats were written)
  130 interrupted (Ctrl-C); the folder holds the previous report set or the whole new one
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import replace
from enum import IntEnum
from pathlib import Path
from typing import Any, TextIO

from audit import __version__
from audit.config import Config
from audit.errors import AuditError, ConfigError, InputError, UsageError
from audit.model import Report
from audit.output import InterruptedAfterWriting, mixed_set, write_atomic, write_set
from audit.pipeline import Options, paused_gc


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1
    USAGE = 2
    INPUT = 3
    OUTPUT = 4
    INTERRUPTED = 130


EPILOG_MAIN = """\
examples:
  audit run                                  audit seeds/ into reports/ (Markdown, JSON, PDF)
  audit run batch/ --out out/ --format md,json
  audit run a.txt b.txt --name mybatch --fail-on conflict
  audit run batch/ --format sarif --fail-on any   for CI annotations
  audit diff old.json new.json               what changed between two reports (Markdown for a PR)
  audit explain F6d2be93c                    everything behind one finding

exit codes: 0 ok, 1 findings over --fail-on, 2 usage error, 3 input error,
4 output error, 130 interrupted
"""

EPILOG_RUN = """\
examples:
  audit run                                   seeds/ -> reports/seeds.{md,json,pdf}
  audit run ../batch --out /tmp/r --format json
  audit run day1/*.txt --name day1 --fail-on conflict --quiet
  audit run batch/ --format md,json,html,pdf,sarif --jobs 2
  audit run batch/ --format json,sarif,github --fail-on conflict   in GitHub Actions
  audit run batch/ --config desk.toml --severity warning --fail-on any
  audit run batch/ --format json --out - | jq .summary   one report to standard output
  audit run archive/ --scheduler tcp://10.0.0.5:8786     on a Dask cluster (pip install 'audit[dask]')
  audit run archive/ --scheduler local:2                 a local Dask cluster of 2 worker processes

A PATH is an article file (.txt or .md) or a folder of them (read recursively).
An article may open with a date line such as " date 2022-11-24 The text...".
Files that cannot be read are listed in the report as skipped, with the reason.

Configuration (accepted variants, suppressed findings, severities, per-source outlet,
time zone, URL and publication date) is read from [tool.audit] of ./pyproject.toml and
from audit.toml in the batch folder, or only from --config FILE.
The github format prints GitHub Actions workflow commands (::error file=...,line=...::)
on stdout, one on each statement of the odd value of a conflict or spelling variant, and
writes them to NAME.github.txt. --out - writes the one report asked for to standard output
instead of a folder (a PDF only to a pipe or a file).

exit codes: 0 ok, 1 findings at or over --fail-on/--severity, 2 usage error,
3 input or configuration error, 4 output error, 130 interrupted
"""

EPILOG_DIFF = """\
examples:
  audit diff base/seeds.json reports/seeds.json               Markdown on stdout, for a PR comment
  audit diff old.json new.json --format json --output diff.json
  audit diff old.json new.json --fail-on conflict             exit 1 on a new conflict
  audit diff old.json new.json --fail-on any --severity error

A finding is matched by its id. It is "new" or "resolved" when only one report has it, and
"changed" when its verdict, severity or suppression changed, an article's value changed, or
an article joined or left it. --fail-on counts only findings that are new over the threshold:
new findings, and changed findings that were under it before.

exit codes: 0 nothing new over the threshold, 1 new findings over it, 2 usage error,
3 a report cannot be read, 4 the output cannot be written
"""

EPILOG_EXPLAIN = """\
examples:
  audit explain F6d2be93c                       re-audit seeds/ and explain one finding
  audit explain F6d2be93c batch/                re-audit batch/ (with its configuration)
  audit explain f6140c9 --report reports/seeds.json   read a JSON report instead (a unique prefix is enough)
  audit explain F6d2be93c --format json

Shows every mention (article, file:line, the sentence), how each value was normalized (when
the batch is re-audited), why the mentions were aligned, why the verdict, the note, and the
articles' publication dates, outlets and time zones. An unknown id exits 3 and lists the
closest ids.
"""

FAIL_ON = ("conflict", "variant", "any", "none")
SEVERITY_CHOICES = ("info", "warning", "error")


def renderers() -> dict[str, tuple[str, Callable[[Report], bytes]]]:
    """Every output format of 'run': the library's renderers plus GitHub workflow commands."""
    from audit.render import RENDERERS, github

    table = dict(RENDERERS)
    table.setdefault("github", (".github.txt", github.render))
    return table


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message}\n(see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    from audit.render import DEFAULT_FORMATS

    p = _Parser(prog="audit", description="Audit a batch of news articles about one story: where do the sources "
                "agree, where are they inconsistent, and what does only one source say?",
                epilog=EPILOG_MAIN, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"audit {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    r = sub.add_parser("run", help="audit a batch and write reports", description="Audit a batch of articles and "
                       "write reports.", epilog=EPILOG_RUN, formatter_class=argparse.RawDescriptionHelpFormatter)
    r.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders (default: seeds/)")
    r.add_argument("--out", default="reports", metavar="DIR", help="folder for the reports (default: reports/); "
                   "'-' writes the one --format given to standard output, for a pipe")
    r.add_argument("--name", metavar="NAME", help="report file name without extension (default: the folder name)")
    r.add_argument("--format", default=",".join(DEFAULT_FORMATS), metavar="LIST",
                   help=f"comma-separated formats among {', '.join(renderers())} (default: {','.join(DEFAULT_FORMATS)})")
    r.add_argument("--fail-on", choices=FAIL_ON, default="none",
                   help="exit 1 when a finding of this verdict exists: conflict, variant (or conflict), any "
                        "(conflict or variant), none (default)")
    r.add_argument("--severity", choices=SEVERITY_CHOICES, default=None,
                   help="with --fail-on (a usage error without it): count only findings of at least this severity")
    r.add_argument("--jobs", type=int, default=0, metavar="N",
                   help="worker processes for extraction (default: all cores; with --scheduler the cluster's workers)")
    r.add_argument("--max-bytes", type=int, default=None, metavar="N", help="skip files larger than N bytes (default 10 MB)")
    r.add_argument("--keep-markup", action="store_true", help="read an article whose text is HTML as it is "
                   "(default: convert it to its main text, and say so in the report)")
    r.add_argument("--scheduler", metavar="ADDRESS", default=None,
                   help="run on a Dask cluster: tcp://host:8786 (a running 'dask scheduler'), or local:N for a local "
                        "cluster of N worker processes; the same report as without it (default: $AUDIT_SCHEDULER, "
                        "else 'scheduler' in the configuration, else no cluster). Needs pip install 'audit[dask]'")
    r.add_argument("--shared-fs", action="store_true",
                   help="with --scheduler: the workers see the input files at the same paths and read them "
                        "(default: this process reads them and sends their contents)")
    r.add_argument("--timings", action="store_true", help="add stage timings to the JSON report (not deterministic)")
    r.add_argument("--config", metavar="FILE", help="read the configuration from FILE only (an audit.toml, or a "
                   "pyproject.toml with [tool.audit]); default: ./pyproject.toml and audit.toml in the batch folder")
    r.add_argument("--quiet", "-q", action="store_true", help="no progress bar and no summary on stderr")
    r.add_argument("--traceback", action="store_true", help="show the Python traceback of an unexpected error")

    d = sub.add_parser("diff", help="compare two JSON reports: new, resolved and changed findings",
                       description="Compare two JSON reports (written by 'audit run --format json') and list new,\n"
                       "resolved and changed findings, as Markdown for a pull-request comment or as JSON.",
                       epilog=EPILOG_DIFF, formatter_class=argparse.RawDescriptionHelpFormatter)
    d.add_argument("old", metavar="OLD.json", help="the report before the change")
    d.add_argument("new", metavar="NEW.json", help="the report after the change")
    d.add_argument("--format", choices=("md", "json"), default="md", help="md (default) or json")
    d.add_argument("--output", "-o", metavar="FILE", help="write the diff to FILE instead of stdout")
    d.add_argument("--fail-on", choices=FAIL_ON, default="none",
                   help="exit 1 when a NEW finding of this verdict exists: conflict, variant (or conflict), any "
                        "(conflict or variant), none (default)")
    d.add_argument("--severity", choices=SEVERITY_CHOICES, default=None,
                   help="with --fail-on (a usage error without it): count only findings of at least this severity")
    d.add_argument("--quiet", "-q", action="store_true", help="no message on stderr")
    d.add_argument("--traceback", action="store_true", help="show the Python traceback of an unexpected error")

    x = sub.add_parser("explain", help="everything behind one finding",
                       description="Explain one finding: all its mentions, their normalization, the rule that\n"
                       "extracted each claim and its frame (with the frame rules that fired), why they\n"
                       "were aligned and why the verdict.", epilog=EPILOG_EXPLAIN,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    x.add_argument("finding", metavar="FINDING_ID", help="a finding id such as F6d2be93c (a unique prefix is enough)")
    x.add_argument("paths", nargs="*", metavar="PATH", help="the batch to re-audit (default: seeds/)")
    x.add_argument("--report", metavar="JSON", help="read this JSON report instead of re-auditing")
    x.add_argument("--config", metavar="FILE", help="configuration file for the re-audit (as for 'audit run')")
    x.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json")
    x.add_argument("--jobs", type=int, default=0, metavar="N", help="worker processes for extraction")
    x.add_argument("--traceback", action="store_true", help="show the Python traceback of an unexpected error")
    return p


def _color(stream: TextIO) -> bool:
    return stream.isatty() and os.environ.get("NO_COLOR") is None and os.environ.get("TERM") != "dumb"


PROGRESS_UNITS = {"reading": "files", "extracting": "articles", "events": "events", "aligning": "claims",
                  "judging": "slots"}


class Progress:
    """Progress on stderr, one line per stage (reading, extracting, events, aligning, judging, rendering each
    format) with counts, elapsed time and, where the work is countable, the rate and the time left (tqdm).

    Only on a terminal, never with --quiet, and only once a run has taken `delay` seconds: a small batch
    never shows (nor imports) the progress library. A stage line stays when the stage ends, with its time."""

    delay = 1.5

    def __init__(self, stream: TextIO, enabled: bool) -> None:
        self.stream, self.enabled, self.start = stream, enabled, time.monotonic()
        self.shown = False
        self.stage: str | None = None
        self.counted = False
        self.bar: Any = None

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if not self.enabled or (not self.shown and time.monotonic() - self.start < self.delay):
            return
        self.shown = True
        if stage != self.stage:
            self.close()
            self.stage = stage
            self.counted = bool(total) and done < (total or 0)
            self.bar = self._bar(stage, total if self.counted else None)
        bar = self.bar
        bar.n = done
        if total is not None and done >= total:
            if not self.counted:  # a stage of uncounted work ends with what it found and how long it took
                unit = PROGRESS_UNITS.get(stage.split()[0])
                bar.bar_format = "{desc}: {n_fmt} " + unit + " in {elapsed}" if unit else "{desc}: done in {elapsed}"
            self.close()
        else:
            bar.refresh()

    def _bar(self, stage: str, total: int | None) -> Any:
        from tqdm import tqdm  # imported only when a long run shows its progress

        unit = PROGRESS_UNITS.get(stage.split()[0], "")
        fmt = None if total else "{desc}: {elapsed}"
        # one bar at a time, at the top position: a terminal that reports no size (0 rows) must not hide it
        width = shutil.get_terminal_size((90, 24)).columns or 90
        return tqdm(total=total, desc=f"{stage:14}", unit=f" {unit}" if unit else "it", file=self.stream,
                    ncols=min(100, width), nrows=24, mininterval=0.2, leave=True, bar_format=fmt,
                    dynamic_ncols=False)

    def close(self) -> None:
        """End the current stage's line (also after an error or an interruption)."""
        if self.bar is not None:
            self.bar.close()
            self.bar = None
            self.stage = None


def _batch_paths(paths: Sequence[str]) -> list[str]:
    if paths:
        return list(paths)
    if not Path("seeds").exists():
        raise InputError("no PATH given and no seeds/ folder here; give the articles to audit, e.g. 'audit run batch/'")
    return ["seeds"]


def cmd_run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    table = renderers()
    formats = list(dict.fromkeys(f.strip().lower() for f in args.format.split(",") if f.strip()))
    unknown = [f for f in formats if f not in table]
    if unknown or not formats:
        raise UsageError(f"unknown format {', '.join(unknown) or '(none given)'}; choose among {', '.join(table)}")
    if args.jobs < 0:
        raise UsageError("--jobs must be 0 (all cores) or more")
    paths = _batch_paths(args.paths)
    name = args.name or _default_name(paths)
    if not name or "/" in name or name.startswith("."):
        raise UsageError(f"--name must be a plain file name, not {name!r}")
    if args.max_bytes is not None and args.max_bytes < 1:
        raise UsageError(f"--max-bytes must be a positive number of bytes, not {args.max_bytes}")
    _check_severity(args)
    to_stdout = args.out == "-"
    if to_stdout:
        _check_stdout(formats, out)
    options = Options(jobs=args.jobs, keep_markup=args.keep_markup,
                      **({"max_bytes": args.max_bytes} if args.max_bytes else {}))
    config = _load_config(paths, args.config)
    options = _with_config(options, paths, config)
    options = _with_scheduler(options, args, config)
    progress = Progress(err, enabled=not args.quiet and err.isatty())
    try:
        # the audit and the rendering of its report, without pauses of the cycle collector (audit.pipeline.paused_gc);
        # a Dask client makes cycles of its own and keeps its collector
        with paused_gc() if not options.scheduler else contextlib.nullcontext():
            return _run_and_write(args, paths, name, options, config, formats, table, progress, out, err)
    finally:
        progress.close()


def _run_and_write(args: argparse.Namespace, paths: list[str], name: str, options: Options, config: Config,
                   formats: list[str], table: dict[str, Any], progress: Progress, out: TextIO, err: TextIO) -> int:
    from audit.pipeline import run

    to_stdout = args.out == "-"
    interrupted = False
    try:
        report = run(paths, name=name, options=options, progress=progress)
        if not args.timings:  # stage times make the JSON differ from run to run: only on request
            report = replace(report, timings=())
        if to_stdout:
            return _run_to_stdout(report, formats[0], table, progress, out, err, args, config)
        outdir = Path(args.out)
        items = [(fmt, outdir / f"{name}{table[fmt][0]}", _render_step(report, fmt, table, progress))
                 for fmt in formats]
        try:
            outcome = write_set(outdir, items)
        except InterruptedAfterWriting as exc:
            outcome, interrupted = exc.outcome, True
    finally:
        progress.close()
    written = [str(path) for _, path, _ in outcome.written]
    for fmt, _, data in outcome.written:
        if fmt == "github":
            out.write(data.decode("utf-8"))
            out.flush()
    if not args.quiet:
        from audit import config as cfg

        for warning in cfg.unused(config, report):
            err.write(f"warning: {warning}\n")
        _summary(report, written, err, config.files)
        for path in outcome.removed:
            err.write(f"  removed {path} (of an earlier run; this run could not write it)\n")
    if interrupted:
        err.write("\nInterrupted; this run's reports had all been put in place.\n")
        return ExitCode.INTERRUPTED
    for msg in outcome.failed:
        err.write(f"Error: {msg}\n")
    if not report.audited:
        err.write(f"Error: nothing to audit: all {len(report.articles)} file(s) given were skipped "
                  "(the report lists them with the reasons)\n")
        return ExitCode.INPUT
    if outcome.failed:
        return ExitCode.OUTPUT
    return _threshold(report, args, err)


def _with_scheduler(options: Options, args: argparse.Namespace, config: Config) -> Options:
    """`options` with the Dask scheduler to run on: --scheduler, else $AUDIT_SCHEDULER, else the configuration."""
    scheduler = args.scheduler or os.environ.get("AUDIT_SCHEDULER") or config.scheduler
    if args.shared_fs and not scheduler:
        raise UsageError("--shared-fs says where a cluster's workers read the files; give --scheduler too")
    if not scheduler:
        return options
    from audit.distributed import check_address  # only on this path: no Dask module is imported without it

    return replace(options, scheduler=check_address(scheduler), shared_fs=args.shared_fs)


def _threshold(report: Report, args: argparse.Namespace, err: TextIO) -> int:
    hits = report.over(args.fail_on, args.severity)
    if hits:
        if not args.quiet:
            over = f" (severity {args.severity} or more)" if args.severity else ""
            err.write(f"{len(hits)} finding(s) at or over --fail-on {args.fail_on}{over}\n")
        return ExitCode.FINDINGS
    return ExitCode.OK


def _check_severity(args: argparse.Namespace) -> None:
    if args.severity and args.fail_on == "none":
        raise UsageError(f"--severity {args.severity} counts only with --fail-on; for example "
                         f"'--fail-on any --severity {args.severity}'")


def _check_stdout(formats: list[str], out: TextIO) -> None:
    """`--out -` writes one report to standard output: one format, and a PDF only to a file or a pipe."""
    if len(formats) != 1:
        raise UsageError(f"--out - writes one report to standard output; give one --format, not {','.join(formats)}")
    if formats[0] == "pdf":
        if getattr(out, "buffer", None) is None:
            raise UsageError("--out - with --format pdf needs a binary standard output")
        if out.isatty():
            raise UsageError("--out - would write a PDF to the terminal; redirect it, e.g. 'audit run batch/ "
                             "--format pdf --out - > report.pdf'")


def _run_to_stdout(report: Report, fmt: str, table: dict[str, tuple[str, Callable[[Report], bytes]]],
                   progress: Progress, out: TextIO, err: TextIO, args: argparse.Namespace, config: Config) -> int:
    """`--out -`: the one report on standard output (for a pipe), nothing written to disk."""
    try:
        data = _render_step(report, fmt, table, progress)()
    except Exception as exc:  # any renderer failure: one line, exit 4
        progress.close()
        err.write(f"Error: {fmt}: {exc}\n")
        return ExitCode.OUTPUT
    progress.close()
    buffer = getattr(out, "buffer", None)
    if fmt == "pdf" and buffer is not None:
        out.flush()
        buffer.write(data)
        buffer.flush()
    else:
        out.write(data.decode("utf-8"))
        out.flush()
    if not args.quiet:
        from audit import config as cfg

        for warning in cfg.unused(config, report):
            err.write(f"warning: {warning}\n")
        _summary(report, [f"{fmt} to standard output"], err, config.files)
    if not report.audited:
        err.write(f"Error: nothing to audit: all {len(report.articles)} file(s) given were skipped\n")
        return ExitCode.INPUT
    return _threshold(report, args, err)


def _render_step(report: Report, fmt: str, table: dict[str, tuple[str, Callable[[Report], bytes]]],
                 progress: Progress) -> Callable[[], bytes]:
    """The renderer of one format, bound to the report; the progress bar moves once it has run."""

    def render() -> bytes:
        progress(f"rendering {fmt}", 0, None)
        try:
            return table[fmt][1](report)
        finally:
            progress(f"rendering {fmt}", 1, 1)

    return render


def _load_config(paths: Sequence[str], explicit: str | None = None) -> Config:
    """The configuration for a batch: --config FILE, else ./pyproject.toml [tool.audit] and audit.toml beside it."""
    from audit import config

    return config.load(paths, explicit)


def _with_config(options: Options, paths: Sequence[str], config: Config | None = None) -> Options:
    """`options` with the batch's configuration applied (accepted variants, suppressions, severities, sources)."""
    config = config if config is not None else _load_config(paths)
    return config.options(options)


def _default_name(paths: Sequence[str]) -> str:
    if len(paths) == 1:
        p = Path(paths[0])
        return (p.resolve().name if p.is_dir() else p.stem) or "batch"
    return "batch"


def _paint(err: TextIO) -> Callable[[str, str], str]:
    color = _color(err)

    def paint(text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if color else text

    return paint


def _summary(report: Report, written: list[str], err: TextIO, config_files: Sequence[str] = ()) -> None:
    counts = report.by_verdict()
    paint = _paint(err)
    skipped = f", {len(report.skipped)} skipped" if report.skipped else ""
    suppressed = sum(1 for f in report.findings if f.suppressed)
    err.write(f"audited {len(report.audited)} article(s){skipped}; {len(report.events)} event(s); "
              + ", ".join([
                  paint(f"{counts['conflict']} conflict", "1;31") if counts["conflict"] else "0 conflict",
                  paint(f"{counts['variant']} variant", "1;33") if counts["variant"] else "0 variant",
                  paint(f"{counts['agree']} agree", "32"),
                  f"{counts['compatible']} compatible", f"{counts['single']} single"])
              + (f" ({suppressed} suppressed)" if suppressed else "") + "\n")
    for a in report.skipped:
        err.write(f"  skipped {a.path}: {a.reason}\n")
    for c in config_files:
        err.write(f"  configuration {c}\n")
    for w in written:
        err.write(f"  wrote {w}\n")


def cmd_diff(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from audit import diff as d

    _check_severity(args)
    old, new = d.load_report(args.old), d.load_report(args.new)
    result = d.compare(old, new)
    hits = d.gate(result, args.fail_on, args.severity)
    text = d.render_json(result, hits) if args.format == "json" else d.render_markdown(result, hits)
    mixed = [w for path, rep in ((args.old, old), (args.new, new)) for w in mixed_set(Path(path), rep.fingerprint)]
    for warning in mixed:
        err.write(f"warning: {warning}\n")
    if mixed and args.format == "md":
        from audit.render.markdown import cell

        text = "".join(f"> **Warning**: {cell(w)}\n>\n" for w in mixed) + "\n" + text
    if args.output:
        try:
            write_atomic(Path(args.output), text.encode("utf-8"))
        except OSError as exc:
            err.write(f"Error: cannot write {args.output}: {exc.strerror or exc}\n")
            return ExitCode.OUTPUT
    else:
        out.write(text)
        out.flush()
    paint = _paint(err)
    if not args.quiet:
        err.write(d.summary_line(result, args.output, paint) + "\n")
        if hits:
            err.write(paint(d.threshold_line(hits, args.fail_on, args.severity), "1;31") + "\n")
    return ExitCode.FINDINGS if hits else ExitCode.OK


def cmd_explain(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from audit import explain as x

    if args.report:
        if args.paths or args.config:
            raise UsageError("give either --report JSON or the batch to re-audit (PATH, --config), not both")
        from audit.diff import load_report

        report = load_report(args.report)
    else:
        from audit.pipeline import run

        if args.jobs < 0:
            raise UsageError("--jobs must be 0 (all cores) or more")
        paths = _batch_paths(args.paths)
        options = _with_config(Options(jobs=args.jobs), paths, _load_config(paths, args.config))
        progress = Progress(err, enabled=err.isatty())
        try:
            report = run(paths, name=_default_name(paths), options=options, progress=progress)
        finally:
            progress.close()
    out.write(x.render(report, x.find(report.findings, args.finding), report.claims, args.format))
    return ExitCode.OK


COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO, TextIO], int]] = {
    "run": cmd_run, "diff": cmd_diff, "explain": cmd_explain,
}


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    parser = build_parser()
    show_tb = "--traceback" in (argv if argv is not None else sys.argv[1:])
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help(out)
            return ExitCode.USAGE
        command = COMMANDS.get(args.command)
        if command is None:
            raise UsageError(f"unknown command {args.command}")
        return command(args, out, err)
    except KeyboardInterrupt:
        err.write("\nInterrupted; reports already in place were left as they were.\n")
        return ExitCode.INTERRUPTED
    except UsageError as exc:
        err.write(f"Error: {exc}\n")
        return ExitCode.USAGE
    except ConfigError as exc:
        err.write(f"Error: configuration: {exc}\n")
        return ExitCode.INPUT
    except InputError as exc:
        err.write(f"Error: {exc}\n")
        return ExitCode.INPUT
    except AuditError as exc:
        if show_tb:
            traceback.print_exc(file=err)
        err.write(f"Error: {exc}\n")
        return ExitCode.OUTPUT
    except BrokenPipeError:  # e.g. 'audit diff ... | head': the reader went away; nothing to say
        if out is sys.stdout:
            with contextlib.suppress(OSError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return ExitCode.OUTPUT
    except Exception as exc:  # the last line of defence: a clear message, traceback on request
        if show_tb:
            traceback.print_exc(file=err)
        err.write(f"Error: unexpected {type(exc).__name__}: {exc}\n(run again with --traceback for details)\n")
        return ExitCode.OUTPUT


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
