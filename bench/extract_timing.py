"""Extraction time on real text: the seeds, the development set and TimeBank, one process.

    .venv/bin/python bench/extract_timing.py [--repeat 5]

Prints, per extractor and in total, the best and the median of `--repeat` runs (the best is
the figure to compare: the machine is shared and other runs only ever add time). `--cpu`
counts this process's CPU time instead of wall time (steadier on a busy machine).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from timebank import read_all  # noqa: E402

from audit.extract import REGISTRY, extract_article  # noqa: E402
from audit.extract.base import Doc  # noqa: E402
from audit.loader import load  # noqa: E402
from audit.model import Article  # noqa: E402


def articles(shared: Path) -> list[Article]:
    root = HERE.parent
    folders = [root / "seeds", *sorted((shared / "devset").glob("*/"))]
    arts = [a for a in load([f for f in folders if f.is_dir()]) if a.audited]
    tb = shared / "timebank"
    if tb.is_dir():
        arts += [Article(id=d.name, path=d.name, status="audited", text=d.text, published=d.dct,
                         published_basis="metadata") for d in read_all(tb)]
    return arts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared",
                    help="the shared data folder with devset/ and timebank/ (default: %(default)s)")
    ap.add_argument("--cpu", action="store_true", help="CPU time of this process instead of wall time")
    args = ap.parse_args(argv)
    clock = time.process_time if args.cpu else time.perf_counter
    arts = articles(args.shared)
    words = sum(len(a.text.split()) for a in arts)
    totals: list[float] = []
    per: dict[str, list[float]] = {e.name: [] for e in REGISTRY}
    for _ in range(args.repeat):
        t0 = clock()
        for a in arts:
            extract_article(a)
        totals.append(clock() - t0)
        spent = dict.fromkeys(per, 0.0)
        for a in arts:  # each extractor alone on a fresh document (names first: the others use its mentions)
            doc = Doc.of(a)
            for e in REGISTRY:
                t1 = clock()
                list(e.run(doc))
                spent[e.name] += clock() - t1
        for k, v in spent.items():
            per[k].append(v)
    print(f"{len(arts)} articles, {words:,} words, {args.repeat} runs, {'CPU' if args.cpu else 'wall'} seconds")
    print(f"{'extractor':12} {'best s':>8} {'median s':>9}")
    for k, v in per.items():
        print(f"{k:12} {min(v):8.3f} {statistics.median(v):9.3f}")
    print(f"{'extract_article':12} {min(totals):8.3f} {statistics.median(totals):9.3f}  "
          f"({words / min(totals):,.0f} words/s at best)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
