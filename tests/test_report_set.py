"""Issue 11: a report set is all of one run (never half old), its run fingerprint, and exit codes that mean it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, run_cli

FORMATS = "md,json,html,sarif"
SUFFIXES = (".md", ".json", ".html", ".sarif")


def _batch(folder: Path, hurt: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(3):
        (folder / f"a{k}.txt").write_text(
            f" date 2022-11-24 Mayor John Smith said {hurt + (k == 2)} people were hurt in Paris on Thursday.",
            encoding="utf-8")
    return folder


def _set(out: Path, name: str = "b") -> dict[str, bytes]:
    return {s: (out / f"{name}{s}").read_bytes() for s in SUFFIXES if (out / f"{name}{s}").exists()}


def _names(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir())


# ---------------------------------------------------------------- renderer failures and exit codes


@pytest.mark.parametrize("exc", [ValueError("bad cell"), KeyError("topic"), RecursionError("too deep"),
                                 UnicodeEncodeError("utf-8", "x", 0, 1, "surrogates not allowed")])
def test_a_markdown_renderer_failing_with_any_exception_leaves_the_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                        exc: Exception) -> None:
    import audit.render as render

    def broken(report: Any) -> bytes:
        raise exc

    monkeypatch.setitem(render.RENDERERS, "md", (".md", broken))
    out = tmp_path / "out"
    r = run_cli("run", str(_batch(tmp_path / "b", 12)), "--out", str(out), "--format", "md,json")
    assert r.code == 4
    errors = [line for line in r.err.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and errors[0].startswith(f"Error: md: cannot be rendered: {type(exc).__name__}")
    assert "Traceback" not in r.err
    assert _names(out) == ["b.json"]
    assert json.loads((out / "b.json").read_text(encoding="utf-8"))["summary"]["audited"] == 3


def test_a_batch_where_every_file_is_skipped_exits_3_and_still_writes_the_report(tmp_path: Path) -> None:
    b = tmp_path / "b"
    b.mkdir()
    (b / "empty.txt").write_text("", encoding="utf-8")
    (b / "blob.txt").write_bytes(b"\x00\x01\x02" * 10)
    out = tmp_path / "out"
    r = run_cli("run", str(b), "--out", str(out), "--format", "md,json")
    assert r.code == 3
    assert "Error: nothing to audit: all 2 file(s) given were skipped" in r.err
    report = json.loads((out / "b.json").read_text(encoding="utf-8"))
    assert [a["status"] for a in report["articles"]] == ["skipped", "skipped"]
    md = (out / "b.md").read_text(encoding="utf-8")
    assert "skipped: empty file" in md and "binary" in md


# ---------------------------------------------------------------- Ctrl-C: the old set or the new set, never a mix

_DRIVER = """
import os, signal, sys, time
import audit.output as output
import audit.render as render
from audit.cli import main

mode, marker = sys.argv[1], sys.argv[2]
# a Ctrl-C at a terminal: a shell that started the test run in the background (`make test &`) passes SIGINT on
# ignored, and Python then never installs its KeyboardInterrupt handler
signal.signal(signal.SIGINT, signal.default_int_handler)
if mode == "render":  # the JSON renderer (second of four) waits for a signal; the Markdown is already rendered
    real = render.RENDERERS["json"]

    def waiting(report):
        # the signal is held from before the marker exists until it is taken, then raised again: a signal sent
        # between the marker and a pause() would otherwise be handled first and the pause wait for ever
        held = {signal.SIGINT, signal.SIGTERM}
        signal.pthread_sigmask(signal.SIG_BLOCK, held)
        open(marker, "w").close()
        got = signal.sigwait(held)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, held)
        signal.raise_signal(got)
        return real[1](report)

    render.RENDERERS["json"] = (".json", waiting)
else:  # the first rename is slow: the signal comes while the set is being put in place
    real_replace = os.replace

    def slow(src, dst):
        real_replace(src, dst)
        if not os.path.exists(marker):
            open(marker, "w").close()
            time.sleep(1.5)

    output.os.replace = slow
raise SystemExit(main(sys.argv[3:]))
"""


def _interrupted_run(tmp_path: Path, mode: str, batch: Path, out: Path, sig: int) -> subprocess.CompletedProcess[str]:
    driver = tmp_path / "driver.py"
    driver.write_text(_DRIVER, encoding="utf-8")
    marker = tmp_path / f"marker-{mode}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, str(driver), mode, str(marker), "run", str(batch), "--out", str(out),
                             "--name", "b", "--format", FORMATS, "--quiet"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the run never reached the point to interrupt"
        time.sleep(0.02)
    proc.send_signal(sig)
    stdout, stderr = proc.communicate(timeout=120)
    return subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)


def _reference(tmp_path: Path, batch: Path, tag: str) -> dict[str, bytes]:
    out = tmp_path / f"ref-{tag}"
    r = run_cli("run", str(batch), "--out", str(out), "--name", "b", "--format", FORMATS, "--quiet")
    assert r.code == 0, r.err
    return _set(out)


def test_ctrl_c_while_a_renderer_waits_leaves_the_complete_old_set(tmp_path: Path) -> None:
    old_batch, new_batch = _batch(tmp_path / "old", 12), _batch(tmp_path / "new", 20)
    old = _reference(tmp_path, old_batch, "old")
    out = tmp_path / "out"
    assert run_cli("run", str(old_batch), "--out", str(out), "--name", "b", "--format", FORMATS, "--quiet").code == 0
    proc = _interrupted_run(tmp_path, "render", new_batch, out, signal.SIGINT)
    assert proc.returncode == 130, proc.stderr
    assert "Interrupted" in proc.stderr and "Traceback" not in proc.stderr
    assert _set(out) == old
    assert _names(out) == ["b.html", "b.json", "b.md", "b.sarif"]  # no temporary file left


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_while_the_set_is_put_in_place_is_held_until_the_new_set_is_complete(tmp_path: Path,
                                                                                      sig: int) -> None:
    old_batch, new_batch = _batch(tmp_path / "old", 12), _batch(tmp_path / "new", 20)
    new = _reference(tmp_path, new_batch, "new")
    out = tmp_path / "out"
    assert run_cli("run", str(old_batch), "--out", str(out), "--name", "b", "--format", FORMATS, "--quiet").code == 0
    proc = _interrupted_run(tmp_path, "commit", new_batch, out, sig)
    if sig == signal.SIGINT:
        assert proc.returncode == 130, proc.stderr
        assert "this run's reports had all been put in place" in proc.stderr
    else:
        assert proc.returncode == -signal.SIGTERM  # delivered, with its default action, once the set was in place
    assert _set(out) == new
    assert _names(out) == ["b.html", "b.json", "b.md", "b.sarif"]


# ---------------------------------------------------------------- the run fingerprint


def _fingerprints(out: Path, name: str = "b") -> dict[str, str | None]:
    from audit.output import fingerprint_of

    return {s: fingerprint_of(out / f"{name}{s}") for s in SUFFIXES}


def test_every_format_of_a_run_carries_one_fingerprint_that_depends_on_inputs_and_options(tmp_path: Path) -> None:
    b = _batch(tmp_path / "b", 12)
    runs = {}
    for tag, extra in (("first", []), ("again", []), ("jobs", ["--jobs", "2"]), ("maxbytes", ["--max-bytes", "5000"])):
        out = tmp_path / tag
        assert run_cli("run", str(b), "--out", str(out), "--format", FORMATS, "--quiet", *extra).code == 0
        prints = _fingerprints(out)
        assert len(set(prints.values())) == 1 and prints[".json"], prints
        runs[tag] = prints[".json"]
    assert runs["first"] == runs["again"] == runs["jobs"]  # no timestamp; --jobs changes nothing in a report
    assert runs["maxbytes"] != runs["first"]
    (b / "a1.txt").write_text((b / "a1.txt").read_text(encoding="utf-8") + " ", encoding="utf-8")
    out = tmp_path / "edited"
    assert run_cli("run", str(b), "--out", str(out), "--format", "json", "--quiet").code == 0
    assert _fingerprints(out)[".json"] != runs["first"]  # one byte more in one input
    report = json.loads((out / "b.json").read_text(encoding="utf-8"))
    assert all(len(a["sha256"]) == 64 for a in report["articles"])


def test_diff_warns_when_a_report_folder_mixes_two_runs(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    assert run_cli("run", str(_batch(tmp_path / "b1", 12)), "--out", str(old), "--name", "b", "--format", "md,json",
                   "--quiet").code == 0
    assert run_cli("run", str(_batch(tmp_path / "b2", 20)), "--out", str(new), "--name", "b", "--format", "md,json",
                   "--quiet").code == 0
    r = run_cli("diff", str(old / "b.json"), str(new / "b.json"))
    assert r.code == 0 and "warning" not in r.err.lower()
    (old / "b.md").write_bytes((new / "b.md").read_bytes())  # a Markdown of the new run beside the old JSON
    r = run_cli("diff", str(old / "b.json"), str(new / "b.json"))
    assert r.code == 0
    assert f"warning: {old / 'b.md'} is from another run than {old / 'b.json'}" in r.err
    assert r.out.startswith("> **Warning**:")
