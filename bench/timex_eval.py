"""Score the temporal expressions on TimeBank with the TempEval-3 definitions.

    make timex-eval                                    # the table and the 20 most frequent error patterns
    .venv/bin/python bench/timex_eval.py --errors 50 --examples 2
    .venv/bin/python bench/timex_eval.py --split dev   # only the development two thirds (or: held, all)

System and gold TIMEX3s are matched one to one per document: *strict* = the same extent,
*relaxed* = overlapping extents. P = matches / system, R = matches / gold. *Value accuracy*
is the share of relaxed matches whose normalized value equals the gold value; *value F1*
counts those as the matches (= value accuracy x relaxed F1). The publication date of
each document is its creation time (DCT).

Two sources are scored: `audit.temporal.tag` (the TIMEX3 tagger: DATE, TIME, DURATION,
SET) and the date and time claims of `audit.extract_claims` (what the auditor compares),
whose TIMEX3 reading is `audit.timex_of(claim)`.

The documents are split for an honest check: every third one (sorted by name, the 3rd,
6th, ...) is held out; rules are developed on the other two thirds.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from timebank import GoldTimex, TimeMLDoc, read_all  # noqa: E402

import audit  # noqa: E402
from audit import temporal  # noqa: E402

DEFAULT_DATA = HERE.parent.parent / "shared" / "timebank"


@dataclass(frozen=True, slots=True)
class Sys:
    start: int
    end: int
    type: str
    value: str


def from_tagger(doc: TimeMLDoc) -> list[Sys]:
    return [Sys(t.start, t.end, t.type, t.value) for t in temporal.tag(doc.text, doc.dct)]


def from_claims(doc: TimeMLDoc) -> list[Sys]:
    out = []
    for c in audit.extract_claims(doc.text, published=doc.dct, kinds=("date", "time")):
        t = audit.timex_of(c)
        if t is not None:
            out.append(Sys(c.start, c.end, t.type, t.value))
        else:  # a claim without a TIMEX3 reading: its own value, for the record
            out.append(Sys(c.start, c.end, "DATE" if c.kind == "date" else "TIME", c.value))
    return out


@dataclass
class Score:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0

    def add(self, other: Score) -> None:
        self.gold += other.gold
        self.system += other.system
        self.strict += other.strict
        self.relaxed += other.relaxed
        self.value += other.value

    @staticmethod
    def prf(hit: int, system: int, gold: int) -> tuple[float, float, float]:
        p = hit / system if system else 0.0
        r = hit / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _shape(s: str) -> str:
    return re.sub(r"\d", "9", " ".join(s.lower().split()))


def match(gold: Sequence[GoldTimex], system: Sequence[Sys]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, system index) of overlapping extents: the same extent first, then by order."""
    pairs: list[tuple[int, int]] = []
    used_g: set[int] = set()
    used_s: set[int] = set()
    for strict in (True, False):
        for gi, g in enumerate(gold):
            if gi in used_g:
                continue
            for si, s in enumerate(system):
                if si in used_s:
                    continue
                same = (s.start, s.end) == (g.start, g.end)
                if (strict and same) or (not strict and s.start < g.end and g.start < s.end):
                    pairs.append((gi, si))
                    used_g.add(gi)
                    used_s.add(si)
                    break
    return pairs


def score_doc(doc: TimeMLDoc, system: list[Sys], types: frozenset[str] | None,
              errors: Counter[str], examples: dict[str, list[str]], n_examples: int) -> Score:
    gold = [g for g in doc.timexes if types is None or g.type in types]
    sys_ = [s for s in system if types is None or s.type in types]
    sc = Score(gold=len(gold), system=len(sys_))
    pairs = match(gold, sys_)
    text = doc.text

    def note(key: str, start: int, end: int) -> None:
        errors[key] += 1
        if len(examples.setdefault(key, [])) < n_examples:
            ctx = text[max(0, start - 50):start] + "[" + text[start:end] + "]" + text[end:end + 30]
            examples[key].append(f"{doc.name} ({doc.dct}): {' '.join(ctx.split())}")

    for gi, si in pairs:
        g, s = gold[gi], sys_[si]
        sc.relaxed += 1
        if (g.start, g.end) == (s.start, s.end):
            sc.strict += 1
        else:
            note(f"extent: gold '{_shape(text[g.start:g.end])}' system '{_shape(text[s.start:s.end])}'", g.start, g.end)
        if g.value == s.value:
            sc.value += 1
        else:
            note(f"value: '{_shape(text[g.start:g.end])}' gold {_shape(g.value)} system {_shape(s.value)}",
                 g.start, g.end)
    hit_g = {gi for gi, _ in pairs}
    hit_s = {si for _, si in pairs}
    for gi, g in enumerate(gold):
        if gi not in hit_g:
            note(f"missed {g.type}: '{_shape(text[g.start:g.end])}'", g.start, g.end)
    for si, s in enumerate(sys_):
        if si not in hit_s:
            note(f"spurious {s.type}: '{_shape(text[s.start:s.end])}'", s.start, s.end)
    return sc


def row(label: str, sc: Score) -> str:
    sp, sr, sf = Score.prf(sc.strict, sc.system, sc.gold)
    rp, rr, rf = Score.prf(sc.relaxed, sc.system, sc.gold)
    acc = sc.value / sc.relaxed if sc.relaxed else 0.0
    vf = Score.prf(sc.value, sc.system, sc.gold)[2]
    return (f"| {label} | {sc.gold} | {sc.system} | {100 * sp:.1f} / {100 * sr:.1f} / {100 * sf:.1f} "
            f"| {100 * rp:.1f} / {100 * rr:.1f} / {100 * rf:.1f} | {100 * acc:.1f} | {100 * vf:.1f} |")


def split_of(index: int) -> str:
    return "held" if index % 3 == 2 else "dev"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="TimeBank TIMEX3 scores (TempEval-3 definitions)")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of .tml files (default: %(default)s)")
    ap.add_argument("--split", choices=("all", "dev", "held"), default="all",
                    help="documents whose error patterns are listed (the table shows every split)")
    ap.add_argument("--errors", type=int, default=20, help="how many error patterns to list (default 20)")
    ap.add_argument("--examples", type=int, default=1, help="examples shown per error pattern")
    ap.add_argument("--source", choices=("tagger", "claims"), default="tagger",
                    help="whose errors are listed (default: the tagger)")
    ap.add_argument("--types", default="", help="comma-separated TIMEX3 types whose errors are listed (default all)")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"timex-eval: no TimeBank folder at {args.data}", file=sys.stderr)
        return 3
    docs = read_all(args.data)
    if not docs:
        print(f"timex-eval: no .tml files in {args.data}", file=sys.stderr)
        return 3
    t0 = time.perf_counter()
    sources: dict[str, Callable[[TimeMLDoc], list[Sys]]] = {"tagger": from_tagger, "claims": from_claims}
    outputs = {name: [fn(d) for d in docs] for name, fn in sources.items()}
    elapsed = time.perf_counter() - t0
    err_types = frozenset(t.strip().upper() for t in args.types.split(",") if t.strip()) or None
    errors: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    print(f"TimeBank: {len(docs)} documents, {sum(len(d.timexes) for d in docs)} gold TIMEX3 "
          f"(held out: every third document, {sum(1 for i, _ in enumerate(docs) if split_of(i) == 'held')})\n")
    print("| source, types, documents | gold | system | strict P / R / F1 | relaxed P / R / F1 "
          "| value accuracy | value F1 |")
    print("|---|---|---|---|---|---|---|")
    for name in ("tagger", "claims"):
        for label, types in (("DATE", frozenset({"DATE"})), ("all types", None)):
            if name == "claims" and types is None:
                label, types = "DATE+TIME", frozenset({"DATE", "TIME"})
            for split in ("all", "dev", "held"):
                total = Score()
                for i, d in enumerate(docs):
                    if split == "all" or split_of(i) == split:
                        total.add(score_doc(d, outputs[name][i], types, Counter(), {}, 0))
                print(row(f"{name}, {label}, {split}", total))
    for i, d in enumerate(docs):
        if args.split == "all" or split_of(i) == args.split:
            score_doc(d, outputs[args.source][i], err_types, errors, examples, args.examples)
    print(f"\n{args.errors} most frequent error patterns ({args.source}, {args.split} documents"
          f"{', ' + ','.join(sorted(err_types)) if err_types else ', all types'}):")
    for key, n in errors.most_common(args.errors):
        print(f"{n:4}  {key}")
        for ex in examples.get(key, []):
            print(f"        {ex}")
    print(f"\n(tagging and extraction of {len(docs)} documents took {elapsed:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
