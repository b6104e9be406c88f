"""Writing a report set: every format of one run, or none of them.

Each requested format is rendered and written to a temporary file beside its target first.
Only then are the temporary files renamed into place, all in one short step during which
Ctrl-C (SIGINT) and SIGTERM are held back, so that the folder holds the previous set or the
new set, never a mix. A format that cannot be rendered (whatever the exception) or written
is reported with the reason; the other formats are still put in place, and the previous
file of the failed format is removed, since it belongs to another run. If a rename fails
half-way, the files already renamed are put back as they were.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

_HELD_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@dataclass
class Outcome:
    """What a report set's writing did."""

    written: list[tuple[str, Path, bytes]] = field(default_factory=list)
    """(format, path, bytes) of each file put in place."""
    failed: list[str] = field(default_factory=list)
    """One line per format that failed, naming the format and the reason."""
    removed: list[Path] = field(default_factory=list)
    """Files of a failed format left by an earlier run, removed so that no stale report stays beside the new ones."""


class InterruptedAfterWriting(KeyboardInterrupt):
    """Ctrl-C (or SIGTERM) arrived while the set was being put in place: it was held back until the whole
    new set was in place, then raised."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__("interrupted after the reports were written")
        self.outcome = outcome


def _mkstemp(target: Path, kind: str = "tmp") -> tuple[int, str]:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=f".{kind}", dir=target.parent)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    return fd, tmp


def write_temp(target: Path, data: bytes) -> str:
    """Write `data` to a new temporary file beside `target`, flushed to disk; return its path."""
    fd, tmp = _mkstemp(target)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def write_atomic(path: Path, data: bytes) -> None:
    """Write one file through a temporary file and a rename: a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = write_temp(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def held_signals() -> Iterator[list[int]]:
    """Hold back SIGINT and SIGTERM for the duration of the block, then deliver the ones that came.

    Only the main thread can set signal handlers; elsewhere the block runs unprotected."""
    received: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield received
        return

    def hold(signum: int, _frame: object) -> None:
        received.append(signum)

    previous = {}
    for sig in _HELD_SIGNALS:
        old = signal.getsignal(sig)
        if old is None:  # a handler installed outside Python: leave that signal alone
            continue
        previous[sig] = old
        signal.signal(sig, hold)
    try:
        yield received
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _cleanup(paths: Sequence[str]) -> None:
    for p in paths:
        with contextlib.suppress(OSError):
            os.unlink(p)


def write_set(outdir: Path, items: Sequence[tuple[str, Path, Callable[[], bytes]]]) -> Outcome:
    """Render and write every (format, target, render) of one run as one set (see the module docstring).

    Raises KeyboardInterrupt when interrupted before the set was put in place (the previous set is
    untouched and no temporary file is left), InterruptedAfterWriting when interrupted while it was.
    """
    outcome = Outcome()
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        outcome.failed = [f"{fmt}: cannot create the folder {outdir}: {exc.strerror or exc}" for fmt, _, _ in items]
        return outcome
    ready: list[tuple[str, Path, str, bytes]] = []
    failed_targets: list[Path] = []
    try:
        for fmt, target, render in items:
            try:
                data = render()
            except Exception as exc:  # any renderer bug: the other formats are still written
                from audit.errors import RenderError

                reason = str(exc) if isinstance(exc, RenderError) else f"{fmt}: cannot be rendered: " \
                    f"{type(exc).__name__}: {exc}"
                outcome.failed.append(reason)
                failed_targets.append(target)
                continue
            try:
                ready.append((fmt, target, write_temp(target, data), data))
            except OSError as exc:
                outcome.failed.append(f"{fmt}: cannot write to {outdir}: {exc.strerror or exc}")
                failed_targets.append(target)
    except BaseException:
        _cleanup([tmp for _, _, tmp, _ in ready])
        raise
    with held_signals() as received:
        _commit(ready, failed_targets, outcome)
    if received:
        for sig in dict.fromkeys(received):
            if sig != signal.SIGINT:
                signal.raise_signal(sig)
        raise InterruptedAfterWriting(outcome)
    return outcome


def _commit(ready: list[tuple[str, Path, str, bytes]], failed_targets: list[Path], outcome: Outcome) -> None:
    """Rename the temporary files into place; on a failure put back what was replaced."""
    backups: dict[Path, str | None] = {}
    """target -> a hard link to its previous content (None: there was none, or it could not be kept)."""
    done: list[Path] = []
    try:
        for _fmt, target, _tmp, _data in ready:
            backups[target] = _keep(target)
        for _fmt, target, tmp, _data in ready:
            os.replace(tmp, target)
            done.append(target)
    except OSError as exc:
        for target in done:  # put the previous set back
            old = backups.get(target)
            with contextlib.suppress(OSError):
                if old:
                    os.replace(old, target)
                else:
                    os.unlink(target)
        _cleanup([tmp for _, _, tmp, _ in ready])
        _cleanup([b for b in backups.values() if b])
        fmt, where = ready[len(done)][0], ready[len(done)][1]
        outcome.failed.append(f"{fmt}: cannot write {where}: {exc.strerror or exc}; no report of this run was "
                              "put in place, the previous ones are as they were")
        outcome.failed.extend(f"{other}: not put in place (see the {fmt} error)" for other, _, _, _ in ready
                              if other != fmt)
        return
    _cleanup([b for b in backups.values() if b])
    for target in failed_targets:
        if target.exists() or target.is_symlink():
            with contextlib.suppress(OSError):
                os.unlink(target)
                outcome.removed.append(target)
    outcome.written = [(fmt, target, data) for fmt, target, _tmp, data in ready]
    if ready:
        _fsync_dir(ready[0][1].parent)


def _keep(target: Path) -> str | None:
    """A hard link to `target`'s current content, to put it back if the set cannot be completed."""
    if not target.exists():
        return None
    fd, tmp = _mkstemp(target, "old")
    os.close(fd)
    try:
        os.unlink(tmp)
        os.link(target, tmp)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return None
    return tmp


# ---------------------------------------------------------------- one run or several?

_SIBLINGS = (".md", ".html", ".sarif")
_MD_FINGERPRINT = re.compile(rb"^Run fingerprint: `([0-9a-f]{8,64})`", re.MULTILINE)
_HTML_FINGERPRINT = re.compile(rb"<meta name=audit-fingerprint content=([0-9a-f]{8,64})>")


def fingerprint_of(path: Path) -> str | None:
    """The run fingerprint a report file carries (JSON, Markdown, HTML or SARIF), or None."""
    try:
        data = path.read_bytes()[: 8 << 20]
    except OSError:
        return None
    if path.suffix in (".json", ".sarif"):
        try:
            doc = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            return None
        if not isinstance(doc, dict):
            return None
        found = (doc.get("batch") or {}).get("fingerprint") if path.suffix == ".json" else \
            ((doc.get("runs") or [{}])[0].get("properties") or {}).get("fingerprint")
        return found if isinstance(found, str) and found else None
    m = (_MD_FINGERPRINT if path.suffix == ".md" else _HTML_FINGERPRINT).search(data[:65536])
    return m.group(1).decode() if m else None


def mixed_set(json_path: Path, fingerprint: str | None) -> list[str]:
    """Warnings for the reports beside a JSON report (same name: .md, .html, .sarif) that come from another
    run than it: a folder that mixes two runs' reports would make a reviewer read one run and diff another."""
    if not fingerprint:
        return []
    out = []
    for suffix in _SIBLINGS:
        other = json_path.with_suffix(suffix)
        theirs = fingerprint_of(other) if other.is_file() else None
        if theirs and theirs != fingerprint:
            out.append(f"{other} is from another run than {json_path} (run fingerprint {theirs[:12]}, not "
                       f"{fingerprint[:12]}): the folder mixes the reports of two runs")
    return out
