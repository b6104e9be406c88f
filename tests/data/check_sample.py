#!/usr/bin/env python3
"""Check the hand-labelled extraction sample (extraction_sample.yaml).

Verifies that:
  * every item has a source, a text and a list of claims with a known kind;
  * every claim surface is a non-empty substring of its sentence, character for
    character, and a surface listed n times occurs at least n times;
  * quote surfaces do not carry the quote marks;
  * every verbatim sentence (source seeds/... or devset/...) occurs exactly in
    its source file, paths relative to the shared folder;
  * own sentences (source: own) are not copied from any shared file.

Usage: check_sample.py [SAMPLE_YAML] [--shared DIR]
The shared folder defaults to $AUDIT_SHARED, else ../../../shared relative to
this file (i.e. /work/shared for /work/main/tests/data/check_sample.py).
Exit status 0 when everything passes, 1 otherwise.
"""
from __future__ import annotations

import argparse
import collections
import os
import sys
from pathlib import Path

import yaml

KINDS = {
    "date", "weekday", "time", "minute", "score", "count", "age", "rank",
    "person", "place", "org", "quote",
}
QUOTE_MARKS = "\"'\u2018\u2019\u201c\u201d"
HERE = Path(__file__).resolve().parent


def default_shared() -> Path:
    env = os.environ.get("AUDIT_SHARED")
    if env:
        return Path(env)
    return HERE.parents[2] / "shared"


def group_of(source: str) -> str:
    if source == "own":
        return "own"
    parts = source.split("/")
    if parts[0] == "devset" and len(parts) == 3:
        return f"devset/{parts[1]}"
    return parts[0]


def check(sample_path: Path, shared: Path) -> int:
    errors: list[str] = []
    data = yaml.safe_load(sample_path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("sentences"), list):
        print(f"{sample_path}: top level must be a mapping with a 'sentences' list")
        return 1
    items = data["sentences"]

    file_cache: dict[Path, str] = {}

    def read(p: Path) -> str:
        if p not in file_cache:
            file_cache[p] = p.read_text(encoding="utf-8")
        return file_cache[p]

    shared_files = sorted(shared.glob("seeds/*.txt")) + sorted(shared.glob("devset/*/*.txt"))
    kind_counts: collections.Counter[str] = collections.Counter()
    group_counts: collections.Counter[str] = collections.Counter()
    seen_texts: set[str] = set()
    n_claims = 0
    n_empty = 0

    for i, item in enumerate(items, 1):
        where = f"sentence {i}"
        if not isinstance(item, dict):
            errors.append(f"{where}: not a mapping")
            continue
        source, text, claims = item.get("source"), item.get("text"), item.get("claims")
        if not isinstance(source, str) or not source:
            errors.append(f"{where}: missing source")
            continue
        if not isinstance(text, str) or not text.strip():
            errors.append(f"{where}: missing text")
            continue
        where = f"sentence {i} ({source}: {text[:50]!r}...)"
        if text != text.strip():
            errors.append(f"{where}: text has leading/trailing whitespace")
        if text in seen_texts:
            errors.append(f"{where}: duplicate sentence")
        seen_texts.add(text)
        group_counts[group_of(source)] += 1

        # source check
        if source == "own":
            for f in shared_files:
                if text in read(f):
                    errors.append(f"{where}: marked own but occurs in {f.relative_to(shared)}")
        elif source.startswith(("seeds/", "devset/")):
            path = shared / source
            if not path.is_file():
                errors.append(f"{where}: source file {path} not found")
            elif text not in read(path):
                errors.append(f"{where}: text does not occur verbatim in {path}")
        else:
            errors.append(f"{where}: source must be 'own', 'seeds/...' or 'devset/...'")

        # claims check
        if claims is None or not isinstance(claims, list):
            errors.append(f"{where}: claims must be a list (use [] for none)")
            continue
        if not claims:
            n_empty += 1
        listed: collections.Counter[str] = collections.Counter()
        for j, claim in enumerate(claims, 1):
            cw = f"{where} claim {j}"
            if not isinstance(claim, dict) or set(claim) != {"kind", "surface"}:
                errors.append(f"{cw}: must be a mapping with exactly kind and surface: {claim!r}")
                continue
            kind, surface = claim["kind"], claim["surface"]
            if kind not in KINDS:
                errors.append(f"{cw}: unknown kind {kind!r}")
            if not isinstance(surface, str) or not surface:
                errors.append(f"{cw}: surface must be a non-empty string, got {surface!r}")
                continue
            if surface != surface.strip():
                errors.append(f"{cw}: surface {surface!r} has leading/trailing whitespace")
            if surface not in text:
                errors.append(f"{cw}: surface {surface!r} not found in sentence")
            if kind == "quote" and (surface[0] in QUOTE_MARKS or surface[-1] in QUOTE_MARKS):
                errors.append(f"{cw}: quote surface {surface!r} should not include the quote marks")
            listed[surface] += 1
            kind_counts[kind] += 1
            n_claims += 1
        for surface, n in listed.items():
            occurs = text.count(surface)
            if 0 < occurs < n:
                errors.append(f"{where}: surface {surface!r} listed {n} times but occurs {occurs} times")

    for e in errors:
        print("ERROR:", e)
    print(f"{len(items)} sentences ({n_empty} without claims), {n_claims} claims")
    print("sentences per source group:")
    for g, n in sorted(group_counts.items()):
        print(f"  {g:40s} {n}")
    print("claims per kind:")
    for k in sorted(KINDS):
        print(f"  {k:10s} {kind_counts.get(k, 0)}")
    if errors:
        print(f"FAILED: {len(errors)} error(s)")
        return 1
    print("OK")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sample", nargs="?", default=str(HERE / "extraction_sample.yaml"))
    ap.add_argument("--shared", default=None, help="shared folder (seeds/, devset/)")
    args = ap.parse_args(argv)
    shared = Path(args.shared) if args.shared else default_shared()
    if not shared.is_dir():
        print(f"shared folder {shared} not found (use --shared or AUDIT_SHARED)")
        return 1
    return check(Path(args.sample), shared)


if __name__ == "__main__":
    sys.exit(main())
