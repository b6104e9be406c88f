"""Precision and recall of each extractor on the hand-labelled sample (tests/data/extraction_sample.yaml),
and extraction throughput on the seeds and the development set.

Run: .venv/bin/python -m tests.extraction_eval   (or `make extraction-eval`)

A predicted claim matches a labelled one when their kinds map to the same class and their
spans overlap in the sentence (boundaries differ legitimately: "at least 40" vs "40 people").
Each labelled claim is matched at most once.
"""

from __future__ import annotations

import re
import sys
import time
from collections import defaultdict
from pathlib import Path

import yaml

from audit.extract import extract_article
from audit.model import Article, Claim

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "data" / "extraction_sample.yaml"
WEEKDAY = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
CLASSES = ("date", "weekday", "time", "minute", "score", "count", "age", "rank", "name", "quote")


def predicted_class(c: Claim) -> str | None:
    if c.kind == "date":
        bare = WEEKDAY.search(c.surface) and not re.search(r"\b(?:last|next|this|past|coming)\b", c.surface, re.I)
        return "weekday" if bare else "date"
    return {
        "time": "time", "minute": "minute", "period": "minute", "clock": "minute", "score": "score",
        "record": "score", "count": "count", "quantity": "count", "money": "count", "duration": "count",
        "magnitude": "count", "age": "age", "rank": "rank", "person": "name", "place": "name", "org": "name",
        "name": "name", "quote": "quote",
    }.get(c.kind)


def gold_class(kind: str) -> str:
    return "name" if kind in ("person", "place", "org") else kind


def _spans(text: str, surface: str, used: set[tuple[int, int]]) -> tuple[int, int] | None:
    start = 0
    while True:
        i = text.find(surface, start)
        if i < 0:
            return None
        if (i, i + len(surface)) not in used:
            return i, i + len(surface)
        start = i + 1


def evaluate(sample: Path = SAMPLE) -> dict[str, list[int]]:
    """Per class: [true positives, false positives, false negatives]."""
    data = yaml.safe_load(sample.read_text(encoding="utf-8"))
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for k, item in enumerate(data["sentences"]):
        text = item["text"]
        used: set[tuple[int, int]] = set()
        gold = []
        for g in item.get("claims") or []:
            span = _spans(text, g["surface"], used)
            if span:
                used.add(span)
                gold.append((gold_class(g["kind"]), span))
        art = Article(id=f"s{k}", path=f"s{k}", status="audited", text=text)
        _, claims, _, _ = extract_article(art)
        preds = [(cls, (c.start, c.end)) for c in claims if (cls := predicted_class(c))]
        # a quote's labelled surface excludes the marks; names inside claims count once each
        matched_gold: set[int] = set()
        for cls, (s, e) in preds:
            hit = None
            for gi, (gcls, (gs, ge)) in enumerate(gold):
                if gi not in matched_gold and gcls == cls and s < ge and gs < e:
                    hit = gi
                    break
            if hit is None:
                counts[cls][1] += 1
            else:
                matched_gold.add(hit)
                counts[cls][0] += 1
        for gi, (gcls, _) in enumerate(gold):
            if gi not in matched_gold:
                counts[gcls][2] += 1
    return dict(counts)


def throughput(folders: list[Path]) -> tuple[int, float]:
    """Words and seconds to extract every article in the folders (one process)."""
    from audit.loader import load

    articles = [a for a in load(folders) if a.audited]
    words = sum(len(a.text.split()) for a in articles)
    t0 = time.perf_counter()
    for a in articles:
        extract_article(a)
    return words, time.perf_counter() - t0


def main() -> int:
    counts = evaluate()
    print(f"{'class':8} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>7}")
    tot = [0, 0, 0]
    for cls in CLASSES:
        tp, fp, fn = counts.get(cls, [0, 0, 0])
        tot = [tot[0] + tp, tot[1] + fp, tot[2] + fn]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        print(f"{cls:8} {tp:4} {fp:4} {fn:4} {p:9.2f} {r:7.2f}")
    tp, fp, fn = tot
    print(f"{'all':8} {tp:4} {fp:4} {fn:4} {tp / (tp + fp):9.2f} {tp / (tp + fn):7.2f}")
    root = HERE.parent
    folders = [root / "seeds", *sorted((root.parent / "shared" / "devset").glob("*/"))]
    folders = [f for f in folders if f.is_dir()]
    words, secs = throughput(folders)
    print(f"extraction throughput: {words} words in {secs:.2f} s = {words / secs:,.0f} words/s (one core)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
