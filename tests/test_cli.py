"""The command line, run for real: exit codes, outputs, help, skipped files, determinism."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import ROOT, SCHEMA, SEEDS, SHARED, run_cli


def test_run_writes_three_reports_that_validate(tmp_path: Path) -> None:
    r = run_cli("run", str(SEEDS), "--out", str(tmp_path), "--quiet")
    assert r.code == 0, r.err
    for suffix in (".md", ".json", ".pdf"):
        assert (tmp_path / f"seeds{suffix}").stat().st_size > 1000
    data = json.loads((tmp_path / "seeds.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert {a["id"] for a in data["articles"]} == {p.stem for p in SEEDS.glob("*.txt")}
    assert (tmp_path / "seeds.pdf").read_bytes().startswith(b"%PDF-")


def test_schema_copy_matches_shared() -> None:
    shared = SHARED / "report.schema.json"
    if not shared.exists():
        pytest.skip("../shared not beside the checkout")
    assert json.loads(shared.read_text()) == json.loads(SCHEMA.read_text())


def test_two_runs_are_byte_identical(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for d in (a, b):
        assert run_cli("run", str(SEEDS), "--out", str(d), "--format", "md,json", "--quiet").code == 0
    assert (a / "seeds.md").read_bytes() == (b / "seeds.md").read_bytes()
    assert (a / "seeds.json").read_bytes() == (b / "seeds.json").read_bytes()


def test_skipped_files_are_listed_and_the_run_continues(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "empty.txt").write_bytes(b"")
    (batch / "blob.txt").write_bytes(bytes(range(256)) * 8)
    (batch / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    (batch / "good.txt").write_text(" date 2020-05-01 Police said 12 people were hurt on Thursday.", encoding="utf-8")
    r = run_cli("run", str(batch), "--out", str(tmp_path / "out"), "--format", "json,md")
    assert r.code == 0, r.err
    data = json.loads((tmp_path / "out" / "batch.json").read_text())
    status = {a["id"]: (a["status"], a["reason"]) for a in data["articles"]}
    assert status["good"] == ("audited", None)
    assert status["empty"] == ("skipped", "empty file")
    assert status["blob"][0] == "skipped" and "binary" in status["blob"][1]
    assert status["image"][0] == "skipped" and "not an article" in status["image"][1]
    assert "skipped" in r.err and "empty file" in r.err
    md = (tmp_path / "out" / "batch.md").read_text()
    assert "skipped: empty file" in md


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    r = run_cli("run", str(SEEDS), "--format", "docx", "--out", str(tmp_path))
    assert r.code == 2 and "unknown format docx" in r.err
    r = run_cli("run", "--fail-on", "sometimes")
    assert r.code == 2 and "invalid choice" in r.err
    r = run_cli("frobnicate")
    assert r.code == 2


def test_missing_input_exits_3(tmp_path: Path) -> None:
    r = run_cli("run", str(tmp_path / "nothing-here"), "--out", str(tmp_path))
    assert r.code == 3
    assert "no such file or folder" in r.err
    assert "Traceback" not in r.err


def test_fail_on_conflict_exits_1_and_none_exits_0(tmp_path: Path) -> None:
    assert run_cli("run", str(SEEDS), "--out", str(tmp_path), "--format", "json", "--fail-on", "conflict", "-q").code == 1
    assert run_cli("run", str(SEEDS), "--out", str(tmp_path), "--format", "json", "--fail-on", "none", "-q").code == 0


def test_help_shows_examples() -> None:
    for argv in (["--help"], ["run", "--help"]):
        with pytest.raises(SystemExit) as exc:
            run_cli(*argv)
        assert exc.value.code == 0
    proc = subprocess.run([sys.executable, "-m", "audit", "run", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0
    assert "examples:" in proc.stdout and "audit run" in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "audit", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert "exit codes" in proc.stdout


def test_console_script_default_batch(tmp_path: Path) -> None:
    exe = Path(sys.executable).parent / "audit"
    if not exe.exists():
        pytest.skip("console script not installed in this environment")
    proc = subprocess.run([str(exe), "run", "--out", str(tmp_path), "--format", "json"], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "seeds.json").exists()
    assert "wrote" in proc.stderr


def test_library_never_prints(capsys: pytest.CaptureFixture[str]) -> None:
    from audit.pipeline import run
    from audit.render import RENDERERS

    report = run([SEEDS], name="seeds")
    for fmt in ("md", "json", "html"):
        RENDERERS[fmt][1](report)
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


@pytest.mark.parametrize("value", ["0", "-5"])
def test_max_bytes_must_be_positive(tmp_path: Path, value: str) -> None:
    r = run_cli("run", str(SEEDS), "--out", str(tmp_path), "--max-bytes", value)
    assert r.code == 2 and "--max-bytes must be a positive number" in r.err
