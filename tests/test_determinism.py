"""Determinism (issue 6): byte-identical Markdown and JSON across runs, across PYTHONHASHSEED
values, across the order in which the same files are given or were written, and across the
number of extraction processes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS, run_cli

FORMATS = (".md", ".json")


def _reports(out: Path, name: str) -> dict[str, bytes]:
    return {s: (out / f"{name}{s}").read_bytes() for s in FORMATS}


def _cli_subprocess(args: list[str], *, hashseed: str, cwd: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONHASHSEED"}
    env["PYTHONHASHSEED"] = hashseed
    env["PYTHONPATH"] = str(ROOT)
    proc = subprocess.run([sys.executable, "-m", "audit", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr


def _mixed_batch(folder: Path, order: list[int]) -> None:
    """Articles that disagree on several things, written in the given order."""
    texts = {
        0: " date 2022-11-24 Mayor John Smith said 12 people were hurt in Paris on Thursday at 10:30 a.m.",
        1: " date 2022-11-24 Mayor Jon Smith said 14 people were hurt in Paris on Thursday at 10:30 a.m.",
        2: " date 2022-11-25 Mayor John Smith said 12 people were hurt in Paris on Wednesday at 11:30 a.m.",
        3: "Paris, Nov. 24, 2022 — J\u043ehn Smith, the mayor, said \"we are shocked\". Twelve people were hurt.",
        4: "Police said 3 cars burned. Mayor John Smith said \"we are shocked\" on Thursday.",
    }
    folder.mkdir(parents=True)
    for k in order:
        sub = folder / ("sub" if k % 2 else "")
        sub.mkdir(exist_ok=True)
        (sub / f"art{k}.txt").write_text(texts[k], encoding="utf-8")


def test_identical_across_hash_seeds(tmp_path: Path) -> None:
    outs = []
    for seed in ("0", "12345"):
        out = tmp_path / f"seed{seed}"
        _cli_subprocess(["run", "seeds", "--out", str(out), "--name", "seeds", "--format", "md,json", "--quiet",
                         "--jobs", "1"], hashseed=seed, cwd=ROOT)
        outs.append(_reports(out, "seeds"))
    assert outs[0] == outs[1]


def test_identical_across_hash_seeds_on_a_mixed_batch(tmp_path: Path) -> None:
    _mixed_batch(tmp_path / "batch", [0, 1, 2, 3, 4])
    outs = []
    for seed in ("0", "12345", "987654321"):
        out = tmp_path / f"out{seed}"
        _cli_subprocess(["run", "batch", "--out", str(out), "--format", "md,json", "--quiet"], hashseed=seed,
                        cwd=tmp_path)
        outs.append(_reports(out, "batch"))
    assert outs[0] == outs[1] == outs[2]


def test_identical_across_input_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the same files written in two different orders, in two folders of the same name
    for k, order in enumerate(([0, 1, 2, 3, 4], [4, 2, 0, 3, 1])):
        _mixed_batch(tmp_path / f"p{k}" / "batch", order)
    results = []
    for k in (0, 1):
        monkeypatch.chdir(tmp_path / f"p{k}")
        out = tmp_path / f"out{k}"
        assert run_cli("run", "batch", "--out", str(out), "--format", "md,json", "--quiet").code == 0
        results.append(_reports(out, "batch"))
    # the files given one by one, in forward and in reversed order
    monkeypatch.chdir(tmp_path / "p0")
    files = sorted(str(p.relative_to(tmp_path / "p0")) for p in (tmp_path / "p0" / "batch").rglob("*.txt"))
    for k, given in enumerate((files, files[::-1])):
        out = tmp_path / f"files{k}"
        assert run_cli("run", *given, "--out", str(out), "--name", "batch", "--format", "md,json", "--quiet").code == 0
        results.append(_reports(out, "batch"))
    assert results[0] == results[1], "folder written in another order"
    assert results[2] == results[3], "files given in reversed order"
    assert results[0] == results[2], "a folder and the same files given one by one"


def test_identical_across_worker_counts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Over 64 articles extraction runs in worker processes; the report must not depend on it."""
    batch = tmp_path / "big"
    batch.mkdir()
    for src in sorted(SEEDS.glob("*.txt")):
        shutil.copy(src, batch / src.name)
    for k in range(70):
        (batch / f"extra{k:02d}.txt").write_text(
            f" date 2022-11-24 Officials in Paris said {10 + k % 4} people were hurt on Thursday; Mayor "
            f"{'John' if k % 5 else 'Jon'} Smith spoke at {k % 12 + 1}:00 p.m.", encoding="utf-8")
    results = []
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}"
        r = run_cli("run", str(batch), "--out", str(out), "--format", "md,json", "--quiet", "--jobs", jobs)
        assert r.code == 0, r.err
        results.append(_reports(out, "big"))
    assert results[0] == results[1]


def test_identical_on_a_large_generated_batch(tmp_path: Path) -> None:
    """Issue 11: 520 generated articles of about a hundred events, a third of them sequels of an earlier
    event in the same places (exact ties in event similarity, undated articles and one-sentence briefs that
    fit two events equally), audited with two hash seeds and with one and two extraction processes."""
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--sizes", "520", "--seed", "11",
                           "--sequels", "0.35", "--out", str(tmp_path / "gen")], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    batch = tmp_path / "gen" / "520" / "articles"
    assert len(list(batch.glob("*.txt"))) == 520
    outs = {}
    for seed, jobs in (("1", "1"), ("2", "1"), ("2", "2")):
        out = tmp_path / f"out-{seed}-{jobs}"
        _cli_subprocess(["run", str(batch), "--out", str(out), "--name", "big", "--format", "md,json", "--quiet",
                         "--jobs", jobs], hashseed=seed, cwd=tmp_path)
        outs[(seed, jobs)] = _reports(out, "big")
    import json

    report = json.loads(outs[("1", "1")][".json"])
    assert len(report["events"]) >= 80 and report["summary"]["findings"] >= 1000
    assert outs[("1", "1")] == outs[("2", "1")], "another hash seed gave other bytes"
    assert outs[("2", "1")] == outs[("2", "2")], "two extraction processes gave other bytes than one"


def test_the_cycle_collector_is_paused_for_one_audit_and_restored(tmp_path: Path) -> None:
    import gc

    from audit.pipeline import run

    (tmp_path / "a.txt").write_text(" date 2024-03-06 Fourteen people were killed on Tuesday, police said.",
                                    encoding="utf-8")
    seen: list[bool] = []
    assert gc.isenabled()
    run([tmp_path], name="t", progress=lambda stage, done, total: seen.append(gc.isenabled()))
    assert seen and not any(seen)
    assert gc.isenabled()
    gc.disable()
    try:  # a caller that paused it already keeps it paused
        run([tmp_path], name="t")
        assert not gc.isenabled()
    finally:
        gc.enable()
