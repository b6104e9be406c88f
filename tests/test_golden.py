"""The committed reports in reports/ are what the current code produces (golden files).

To refresh them on purpose: `make golden` (then review the diff and commit it).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli

REPORTS = ROOT / "reports"


def test_golden_markdown_and_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    r = run_cli("run", "seeds", "--out", str(tmp_path), "--name", "seeds", "--format", "md,json", "--quiet")
    assert r.code == 0, r.err
    for suffix in (".md", ".json"):
        new = (tmp_path / f"seeds{suffix}").read_text(encoding="utf-8")
        old = (REPORTS / f"seeds{suffix}").read_text(encoding="utf-8")
        assert new == old, f"reports/seeds{suffix} is stale: run `make golden` and review the diff"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed")
def test_golden_pdf_text(tmp_path: Path) -> None:
    pdf = REPORTS / "seeds.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Audit report: seeds" in text
    assert "Needs attention" in text
    assert "Iiikay Gundogan" in text and "Khalifa Internation Stadium" in text
    assert "Thursday" in text
