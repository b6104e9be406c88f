"""Shared fixtures: paths, and a helper that runs the real CLI in-process with captured streams."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from audit.cli import main
from audit.model import Report

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
DEVSET = SHARED / "devset"
BATCHES = ROOT / "tests" / "batches"
SCHEMA = ROOT / "tests" / "data" / "report.schema.json"

needs_shared = pytest.mark.skipif(not DEVSET.is_dir(), reason="../shared/devset is not beside the checkout")


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_cli(*argv: str) -> Result:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return Result(int(code), out.getvalue(), err.getvalue())


@pytest.fixture(scope="session")
def seeds_report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The JSON report of the seed batch, produced once by the real CLI."""
    out = tmp_path_factory.mktemp("seeds")
    r = run_cli("run", str(SEEDS), "--out", str(out), "--name", "seeds", "--format", "json,md", "--quiet")
    assert r.code == 0, r.err
    return json.loads((out / "seeds.json").read_text(encoding="utf-8"))


def seed_id(prefix: str) -> str:
    """The full article id of a seed from its three-digit prefix."""
    (match,) = [p.stem for p in SEEDS.glob(f"{prefix}_*.txt")]
    return match


def audit_texts(tmp_path: Path, texts: dict[str, str]) -> Report:
    """Audit a tiny batch written on the spot: one `name.txt` per entry, run in process."""
    from audit.pipeline import run

    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    return run([tmp_path], name="t")
