"""Inputs that used to take super-linear time: one sentence repeated, and a whole article batch on one line.

Each case is written into bench/out/stress/CASE/ as one article beside two ordinary ones (so that
there is something to align with), audited by the real CLI (`--format md,json`), and timed.

    .venv/bin/python bench/stress.py                    # every case, printed with its target
    .venv/bin/python bench/stress.py --cases repeat-256k --audit /other/checkout/.venv/bin/audit

Targets (issue 11): a 256 KB file of one repeated sentence in under 5 s, a 1 MB single line in
under 30 s (wall time of the whole command, start-up included). The load average and the CPU
seconds of the command are printed beside each figure: the machine is small and shared, and on a
busy machine the wall time can be twice the CPU time.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SENTENCE = ("Mayor Lena Varkonen said 12 people were hurt when the roof of the Brastow market hall fell in at "
            "10:30 a.m. on Thursday, and 3 of them were taken to St Aurel Hospital. ")
OTHERS = (
    " date 2022-11-24\nMayor Lena Varkonen said 14 people were hurt when the roof of the Brastow market hall "
    "fell in at 10:30 a.m. on Thursday.\n",
    " date 2022-11-24\nThe roof of the Brastow market hall fell in on Thursday; Mayor Lena Varkonnen said 12 "
    "people were hurt and 3 taken to St Aurel Hospital.\n",
)


def _varied_text(size: int) -> str:
    """Real-looking, varied article text (the benchmark generator's), joined into one line of `size` bytes."""
    sys.path.insert(0, str(HERE))
    import generate

    tmp = HERE / "out" / "stress" / "_gen"
    generate.generate(400, tmp, seed=5)
    parts: list[str] = []
    total = 0
    for p in sorted((tmp / "articles").glob("*.txt")):
        body = " ".join(p.read_text(encoding="utf-8").split("\n", 1)[-1].split())
        parts.append(body)
        total += len(body) + 1
        if total >= size:
            break
    line = " ".join(parts)
    while len(line.encode("utf-8")) < size:
        line += " " + line
    return line.encode("utf-8")[:size].decode("utf-8", "ignore").rsplit(" ", 1)[0]


def _repeated(size: int, sep: str) -> str:
    n = size // len((SENTENCE + sep).encode("utf-8"))
    return (SENTENCE + sep) * n


CASES = {
    "repeat-256k": ("one sentence repeated to 256 KB, one sentence per line", lambda: _repeated(256 << 10, "\n"), 5.0),
    "repeat-256k-one-line": ("one sentence repeated to 256 KB on one line", lambda: _repeated(256 << 10, ""), 5.0),
    "line-1m": ("1 MB of varied article text on a single line", lambda: _varied_text(1 << 20), 30.0),
    "repeat-1m-one-line": ("one sentence repeated to 1 MB on one line", lambda: _repeated(1 << 20, ""), 30.0),
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", default=",".join(CASES), help=f"comma-separated among {', '.join(CASES)}")
    ap.add_argument("--audit", default=str(ROOT / ".venv" / "bin" / "audit"), help="the audit command to time")
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds before a case is stopped (default 600)")
    args = ap.parse_args(argv)
    failed = 0
    for case in [c.strip() for c in args.cases.split(",") if c.strip()]:
        what, make, target = CASES[case]
        folder = HERE / "out" / "stress" / case
        if folder.exists():
            shutil.rmtree(folder)
        (folder / "articles").mkdir(parents=True)
        text = make()
        (folder / "articles" / "big.txt").write_text(" date 2022-11-24\n" + text, encoding="utf-8")
        for k, other in enumerate(OTHERS):
            (folder / "articles" / f"other{k}.txt").write_text(other, encoding="utf-8")
        load = os.getloadavg()[0]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        proc = subprocess.Popen([args.audit, "run", str(folder / "articles"), "--out", str(folder / "report"),
                                 "--name", case, "--format", "md,json", "--quiet", "--timings"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
        try:
            _, err = proc.communicate(timeout=args.timeout)
            wall = time.perf_counter() - t0
            status = f"exit {proc.returncode}"
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 15)
            proc.communicate()
            wall, status, err = time.perf_counter() - t0, "timed out", ""
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        ok = wall < target and status in ("exit 0", "exit 1")
        failed += not ok
        size = len(text.encode("utf-8"))
        stages = ""
        report = folder / "report" / f"{case}.json"
        if report.exists():
            import json

            data = json.loads(report.read_text(encoding="utf-8"))
            stages = " ".join(f"{k} {v:.1f}s" for k, v in data.get("timings", {}).items())
            stages += f"; {data['summary']['claims']} claims, {data['summary']['findings']} findings"
        print(f"{case:22} {size / 1024:7.0f} KB  {wall:6.1f} s wall, {cpu:5.1f} s CPU  target < {target:.0f} s  "
              f"{'PASS' if ok else 'FAIL'}  ({status}; load {load:.1f}; {stages})  {what}", flush=True)
        if err.strip() and not ok:
            print("   " + err.strip().splitlines()[-1])
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
