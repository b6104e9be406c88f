"""Output conventions: `--out -` writes one report to standard output, `--severity` needs `--fail-on`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from audit.model import Report
from tests.conftest import ROOT, SEEDS, run_cli


def test_out_dash_writes_the_one_report_to_stdout_and_no_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                               ) -> None:
    monkeypatch.chdir(tmp_path)
    r = run_cli("run", str(SEEDS), "--format", "json", "--out", "-", "--name", "seeds")
    assert r.code == 0, r.err
    report = Report.from_dict(json.loads(r.out))
    assert len(report.audited) == 5
    assert not (tmp_path / "-").exists() and list(tmp_path.iterdir()) == []
    assert "json to standard output" in r.err
    md = run_cli("run", str(SEEDS), "--format", "md", "--out", "-", "-q")
    assert md.code == 0 and md.out.startswith("# Audit report: seeds\n") and md.err == ""
    gh = run_cli("run", str(SEEDS), "--format", "github", "--out", "-", "-q", "--fail-on", "conflict")
    assert gh.code == 1 and len(gh.out.splitlines()) == 3  # printed once, exit code as usual


def test_out_dash_needs_exactly_one_format() -> None:
    r = run_cli("run", str(SEEDS), "--format", "md,json", "--out", "-")
    assert r.code == 2 and "give one --format, not md,json" in r.err


def test_out_dash_pdf_goes_through_a_pipe(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "audit", "run", str(SEEDS), "--format", "pdf", "--out", "-", "-q"],
                          cwd=ROOT, capture_output=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr[-500:]
    assert proc.stdout.startswith(b"%PDF-") and proc.stdout.rstrip().endswith(b"%%EOF")


def test_severity_without_fail_on_is_a_usage_error(tmp_path: Path) -> None:
    r = run_cli("run", str(SEEDS), "--out", str(tmp_path), "--severity", "error")
    assert r.code == 2 and "--severity error counts only with --fail-on" in r.err
    assert not any(tmp_path.iterdir())
    r = run_cli("diff", "a.json", "b.json", "--severity", "warning")
    assert r.code == 2 and "--fail-on" in r.err
    ok = run_cli("run", str(SEEDS), "--out", str(tmp_path), "--format", "json", "--fail-on", "any",
                 "--severity", "error", "-q")
    assert ok.code == 1  # the weekday conflict is an error
