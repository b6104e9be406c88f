"""The command line: the only module that prints or exits.

Exit codes (see README):
  0   success: reports written, nothing at or over the --fail-on threshold
  1   findings at or over the --fail-on threshold
  2   usage error (bad option or value)
  3   input error (a path that does not exist, a malformed configuration)
  4   output error (a report could not be rendered or written; the other formats were written)
  130 interrupted (Ctrl-C); reports already in place are left intact
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import traceback
from collections.abc import Sequence
from enum import IntEnum
from pathlib import Path
from typing import TextIO

from audit import __version__
from audit.errors import AuditError, ConfigError, InputError, RenderError, UsageError
from audit.pipeline import Options


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

exit codes: 0 ok, 1 findings over --fail-on, 2 usage error, 3 input error,
4 output error, 130 interrupted
"""

EPILOG_RUN = """\
examples:
  audit run                                   seeds/ -> reports/seeds.{md,json,pdf}
  audit run ../batch --out /tmp/r --format json
  audit run day1/*.txt --name day1 --fail-on conflict --quiet
  audit run batch/ --format md,json,html,pdf,sarif --jobs 2

A PATH is an article file (.txt or .md) or a folder of them (read recursively).
An article may open with a date line such as " date 2022-11-24 The text...".
Files that cannot be read are listed in the report as skipped, with the reason.
"""

FAIL_ON = ("conflict", "variant", "any", "none")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message}\n(see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    from audit.render import DEFAULT_FORMATS, RENDERERS

    p = _Parser(prog="audit", description="Audit a batch of news articles about one story: where do the sources "
                "agree, where are they inconsistent, and what does only one source say?",
                epilog=EPILOG_MAIN, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"audit {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    r = sub.add_parser("run", help="audit a batch and write reports", description="Audit a batch of articles and "
                       "write reports.", epilog=EPILOG_RUN, formatter_class=argparse.RawDescriptionHelpFormatter)
    r.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders (default: seeds/)")
    r.add_argument("--out", default="reports", metavar="DIR", help="folder for the reports (default: reports/)")
    r.add_argument("--name", metavar="NAME", help="report file name without extension (default: the folder name)")
    r.add_argument("--format", default=",".join(DEFAULT_FORMATS), metavar="LIST",
                   help=f"comma-separated formats among {', '.join(RENDERERS)} (default: {','.join(DEFAULT_FORMATS)})")
    r.add_argument("--fail-on", choices=FAIL_ON, default="none",
                   help="exit 1 when a finding of this verdict exists: conflict, variant (or conflict), any "
                        "(conflict or variant), none (default)")
    r.add_argument("--severity", choices=("info", "warning", "error"), default=None,
                   help="with --fail-on: count only findings of at least this severity")
    r.add_argument("--jobs", type=int, default=0, metavar="N", help="worker processes for extraction (default: all cores)")
    r.add_argument("--max-bytes", type=int, default=None, metavar="N", help="skip files larger than N bytes (default 10 MB)")
    r.add_argument("--timings", action="store_true", help="add stage timings to the JSON report (not deterministic)")
    r.add_argument("--quiet", "-q", action="store_true", help="no progress bar and no summary on stderr")
    r.add_argument("--traceback", action="store_true", help="show the Python traceback of an unexpected error")
    return p


def _color(stream: TextIO) -> bool:
    return stream.isatty() and os.environ.get("NO_COLOR") is None and os.environ.get("TERM") != "dumb"


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: a crash never leaves half a report."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


class Progress:
    """A progress bar on stderr, shown only on a terminal and only once a run takes a while."""

    def __init__(self, stream: TextIO, enabled: bool) -> None:
        import time

        self.stream, self.enabled, self.start, self.time = stream, enabled, time.monotonic(), time.monotonic
        self.shown = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled or (not self.shown and self.time() - self.start < 1.5 and done < total):
            return
        self.shown = True
        width = 30
        filled = int(width * done / max(1, total))
        self.stream.write(f"\r{stage:8} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


def _threshold_hit(findings: Sequence[object], fail_on: str, severity: str | None) -> int:
    if fail_on == "none":
        return 0
    verdicts = {"conflict": {"conflict"}, "variant": {"conflict", "variant"}, "any": {"conflict", "variant"}}[fail_on]
    order = {"info": 0, "warning": 1, "error": 2}
    n = 0
    for f in findings:
        if getattr(f, "suppressed", None):
            continue
        if getattr(f, "verdict", None) in verdicts and (severity is None or order[getattr(f, "severity", "info")] >= order[severity]):
            n += 1
    return n


def cmd_run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from audit.pipeline import run
    from audit.render import RENDERERS

    formats = [f.strip().lower() for f in args.format.split(",") if f.strip()]
    unknown = [f for f in formats if f not in RENDERERS]
    if unknown or not formats:
        raise UsageError(f"unknown format {', '.join(unknown) or '(none given)'}; choose among {', '.join(RENDERERS)}")
    if args.jobs < 0:
        raise UsageError("--jobs must be 0 (all cores) or more")
    paths = args.paths or ["seeds"]
    if not args.paths and not Path("seeds").exists():
        raise InputError("no PATH given and no seeds/ folder here; give the articles to audit, e.g. 'audit run batch/'")
    name = args.name or _default_name(paths)
    if not name or "/" in name or name.startswith("."):
        raise UsageError(f"--name must be a plain file name, not {name!r}")
    options = Options(jobs=args.jobs, **({"max_bytes": args.max_bytes} if args.max_bytes else {}))
    options = _with_config(options, paths)
    progress = Progress(err, enabled=not args.quiet and err.isatty())
    report = run(paths, name=name, options=options, progress=progress)
    outdir = Path(args.out)
    failed: list[str] = []
    written: list[str] = []
    for fmt in formats:
        suffix, renderer = RENDERERS[fmt]
        try:
            if fmt == "json" and args.timings:
                import json

                from audit.render.jsonout import report_dict
                data = (json.dumps(report_dict(report, timings=True), ensure_ascii=False, indent=2) + "\n").encode()
            else:
                data = renderer(report)
            target = outdir / f"{name}{suffix}"
            write_atomic(target, data)
            written.append(str(target))
        except RenderError as exc:
            failed.append(str(exc))
        except OSError as exc:
            failed.append(f"{fmt}: cannot write to {outdir}: {exc.strerror or exc}")
    if not args.quiet:
        _summary(report, written, err)
    for msg in failed:
        err.write(f"Error: {msg}\n")
    if failed:
        return ExitCode.OUTPUT
    hits = _threshold_hit(report.findings, args.fail_on, args.severity)
    if hits:
        if not args.quiet:
            err.write(f"{hits} finding(s) at or over --fail-on {args.fail_on}\n")
        return ExitCode.FINDINGS
    return ExitCode.OK


def _with_config(options: Options, paths: Sequence[str]) -> Options:
    return options


def _default_name(paths: Sequence[str]) -> str:
    if len(paths) == 1:
        p = Path(paths[0])
        return (p.resolve().name if p.is_dir() else p.stem) or "batch"
    return "batch"


def _summary(report: object, written: list[str], err: TextIO) -> None:
    from audit.model import Report

    assert isinstance(report, Report)
    counts = report.by_verdict()
    color = _color(err)

    def paint(text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if color else text

    skipped = f", {len(report.skipped)} skipped" if report.skipped else ""
    err.write(f"audited {len(report.audited)} article(s){skipped}; {len(report.events)} event(s); "
              + ", ".join([
                  paint(f"{counts['conflict']} conflict", "1;31") if counts["conflict"] else "0 conflict",
                  paint(f"{counts['variant']} variant", "1;33") if counts["variant"] else "0 variant",
                  paint(f"{counts['agree']} agree", "32"),
                  f"{counts['compatible']} compatible", f"{counts['single']} single"]) + "\n")
    for a in report.skipped:
        err.write(f"  skipped {a.path}: {a.reason}\n")
    for w in written:
        err.write(f"  wrote {w}\n")


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
        if args.command == "run":
            return cmd_run(args, out, err)
        raise UsageError(f"unknown command {args.command}")
    except KeyboardInterrupt:
        err.write("\nInterrupted; reports already in place were left as they were.\n")
        return ExitCode.INTERRUPTED
    except UsageError as exc:
        err.write(f"Error: {exc}\n")
        return ExitCode.USAGE
    except (InputError, ConfigError) as exc:
        err.write(f"Error: {exc}\n")
        return ExitCode.INPUT
    except AuditError as exc:
        if show_tb:
            traceback.print_exc(file=err)
        err.write(f"Error: {exc}\n")
        return ExitCode.OUTPUT
    except Exception as exc:  # the last line of defence: a clear message, traceback on request
        if show_tb:
            traceback.print_exc(file=err)
        err.write(f"Error: unexpected {type(exc).__name__}: {exc}\n(run again with --traceback for details)\n")
        return ExitCode.OUTPUT


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
