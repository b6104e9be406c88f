"""Issue 13: the audit on a Dask cluster gives the same report as a local run, and fails clearly.

A LocalCluster of 2 worker processes is started once for the module and reached by its tcp:// address, as a
remote scheduler would be; one test starts its own with `--scheduler local:2`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, SEEDS, run_cli

distributed = pytest.importorskip("distributed")

FORMATS = (".md", ".json")


def _reports(out: Path, name: str) -> dict[str, bytes]:
    return {s: (out / f"{name}{s}").read_bytes() for s in FORMATS}


@pytest.fixture(scope="module")
def cluster() -> Iterator[tuple[str, Any]]:
    """A LocalCluster of 2 single-threaded worker processes: (its address, a client of it)."""
    import logging

    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                       silence_logs=logging.CRITICAL)
    client = distributed.Client(cluster)
    try:
        yield cluster.scheduler_address, client
    finally:
        client.close()
        cluster.close()


def _ran_on(client: Any) -> int:
    """How many extraction tasks the cluster's scheduler has seen (they prove a run went there)."""
    def count(dask_scheduler: Any) -> int:
        prefix = dask_scheduler.task_prefixes.get("extract_chunk")
        return sum(prefix.state_counts.values()) if prefix is not None else 0

    return int(client.run_on_scheduler(count))


def _audit(batch: Path | str, out: Path, *extra: str, name: str = "batch") -> dict[str, bytes]:
    r = run_cli("run", str(batch), "--out", str(out), "--name", name, "--format", "md,json", "--quiet", *extra)
    assert r.code == 0, r.err
    return _reports(out, name)


def test_default_path_imports_no_dask(tmp_path: Path) -> None:
    code = ("import sys; from audit.cli import main; "
            f"rc = main(['run', {str(SEEDS)!r}, '--out', {str(tmp_path)!r}, '--format', 'md,json', '--quiet']); "
            "print(rc, sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "0 []"


def test_seeds_on_a_local_cluster_are_the_same_bytes(tmp_path: Path) -> None:
    local = _audit(SEEDS, tmp_path / "local", name="seeds")
    on_cluster = _audit(SEEDS, tmp_path / "cluster", "--scheduler", "local:2", name="seeds")
    assert on_cluster == local
    assert local[".md"] == (ROOT / "reports" / "seeds.md").read_bytes()


def test_generated_batch_on_a_cluster_is_the_same_bytes(tmp_path: Path, cluster: tuple[str, Any]) -> None:
    """A few hundred generated articles of many events (sequels in the same places, undated briefs, wire copy
    between articles): reading, extraction, scoping, the copied-text join and judging all run on the workers."""
    address, client = cluster
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--sizes", "300", "--seed", "13",
                           "--sequels", "0.3", "--out", str(tmp_path / "gen")], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    batch = tmp_path / "gen" / "300" / "articles"
    before = _ran_on(client)
    on_cluster = _audit(batch, tmp_path / "cluster", "--scheduler", address)
    assert _ran_on(client) > before
    local = _audit(batch, tmp_path / "local", "--jobs", "2")
    assert on_cluster[".json"] == local[".json"]
    assert on_cluster[".md"] == local[".md"]
    report = json.loads(local[".json"])
    assert len(report["events"]) >= 40 and report["copied_text"] and report["names"]
    assert any(f["verdict"] == "conflict" for f in report["findings"])


def test_shared_filesystem_and_skipped_files(tmp_path: Path, cluster: tuple[str, Any]) -> None:
    """With --shared-fs the workers read the files; a file the loader skips is skipped the same way."""
    address, _ = cluster
    batch = tmp_path / "batch"
    shutil.copytree(SEEDS, batch)
    (batch / "empty.txt").write_bytes(b"")
    (batch / "notes.pdf").write_bytes(b"%PDF")
    (batch / "binary.txt").write_bytes(b"\x00\x01\x02" * 10)
    local = _audit(batch, tmp_path / "local")
    assert _audit(batch, tmp_path / "contents", "--scheduler", address) == local
    assert _audit(batch, tmp_path / "shared", "--scheduler", address, "--shared-fs") == local
    skipped = {a["path"].rsplit("/", 1)[-1]: a["reason"] for a in json.loads(local[".json"])["articles"]
               if a["status"] == "skipped"}
    assert set(skipped) == {"empty.txt", "notes.pdf", "binary.txt"}


def test_scheduler_from_the_environment_and_the_configuration(tmp_path: Path, cluster: tuple[str, Any],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    address, client = cluster
    batch = tmp_path / "batch"
    shutil.copytree(SEEDS, batch)
    local = _audit(batch, tmp_path / "local")
    monkeypatch.setenv("AUDIT_SCHEDULER", address)
    before = _ran_on(client)
    assert _audit(batch, tmp_path / "env") == local
    assert _ran_on(client) > before
    monkeypatch.delenv("AUDIT_SCHEDULER")
    (batch / "audit.toml").write_text(f'scheduler = "{address}"\n', encoding="utf-8")
    before = _ran_on(client)
    configured = _audit(batch, tmp_path / "config")
    assert _ran_on(client) > before
    (batch / "audit.toml").unlink()
    assert configured == _audit(batch, tmp_path / "local2")


def test_unreachable_scheduler_is_one_line_and_exit_3(tmp_path: Path) -> None:
    r = run_cli("run", str(SEEDS), "--out", str(tmp_path), "--quiet", "--scheduler", "tcp://127.0.0.1:9")
    assert r.code == 3
    lines = r.err.strip().splitlines()
    assert len(lines) == 1 and "tcp://127.0.0.1:9" in lines[0] and lines[0].startswith("Error: cannot reach"), r.err
    assert not list(tmp_path.iterdir())


def test_bad_scheduler_address_is_a_usage_error(tmp_path: Path) -> None:
    for bad in ("somewhere", "local:0", "http://host:8786"):
        r = run_cli("run", str(SEEDS), "--out", str(tmp_path), "--quiet", "--scheduler", bad)
        assert r.code == 2, (bad, r.err)
        assert "--scheduler" in r.err
    r = run_cli("run", str(SEEDS), "--out", str(tmp_path), "--quiet", "--shared-fs")
    assert r.code == 2 and "--scheduler" in r.err
    batch = tmp_path / "batch"
    shutil.copytree(SEEDS, batch)
    (batch / "audit.toml").write_text('scheduler = "nowhere"\n', encoding="utf-8")
    r = run_cli("run", str(batch), "--out", str(tmp_path / "out"), "--quiet")
    assert r.code == 3 and "scheduler" in r.err


class Poison(distributed.WorkerPlugin):  # type: ignore[misc]
    """Makes extraction fail on every article whose text holds `word` (or, with `die`, kills the worker process
    the first time it meets one: the scheduler must run the task again on a new worker)."""

    name = "poison"

    def __init__(self, word: str, die_marker: str | None = None) -> None:
        self.word, self.die_marker = word, die_marker

    def setup(self, worker: Any) -> None:
        from audit import distributed as d

        original = d._extract
        word, marker = self.word, self.die_marker

        def extract(article: Any) -> Any:
            if word in article.text:
                if marker is None:
                    raise RuntimeError(f"poisoned article {article.id}")
                if not os.path.exists(marker):
                    Path(marker).write_text("died once", encoding="utf-8")
                    os._exit(1)
            return original(article)

        d._extract = extract  # type: ignore[assignment]
        self.original = original

    def teardown(self, worker: Any) -> None:
        from audit import distributed as d

        d._extract = self.original  # type: ignore[assignment]


def _batch_with(tmp_path: Path, text: str) -> Path:
    batch = tmp_path / "batch"
    shutil.copytree(SEEDS, batch)
    (batch / "zz_extra.txt").write_text(text, encoding="utf-8")
    return batch


def test_an_article_that_keeps_failing_is_skipped(tmp_path: Path, cluster: tuple[str, Any]) -> None:
    address, client = cluster
    batch = _batch_with(tmp_path, " date 2022-11-24 POISONED words: the mayor said 12 people were hurt.")
    client.register_plugin(Poison("POISONED"))
    try:
        r = run_cli("run", str(batch), "--out", str(tmp_path / "out"), "--format", "json", "--quiet",
                    "--scheduler", address)
    finally:
        client.unregister_worker_plugin("poison")
    assert r.code == 0, r.err
    report = json.loads((tmp_path / "out" / "batch.json").read_text(encoding="utf-8"))
    (poisoned,) = [a for a in report["articles"] if a["id"] == "zz_extra"]
    assert poisoned["status"] == "skipped"
    assert "failed on the cluster" in poisoned["reason"] and "poisoned article zz_extra" in poisoned["reason"]
    assert report["summary"]["audited"] == len(list(SEEDS.glob("*.txt")))
    # the other articles' findings are those of the seeds alone
    seeds = json.loads((ROOT / "reports" / "seeds.json").read_text(encoding="utf-8"))
    assert [f["id"] for f in report["findings"]] == [f["id"] for f in seeds["findings"]]


def test_a_worker_that_dies_is_replaced_and_the_task_retried(tmp_path: Path, cluster: tuple[str, Any]) -> None:
    address, client = cluster
    batch = _batch_with(tmp_path, " date 2022-11-24 DEADLY words: the mayor said 12 people were hurt in Paris.")
    local = _audit(batch, tmp_path / "local")
    marker = tmp_path / "died"
    client.register_plugin(Poison("DEADLY", die_marker=str(marker)))
    try:
        on_cluster = _audit(batch, tmp_path / "cluster", "--scheduler", address)
    finally:
        client.unregister_worker_plugin("poison")
    assert marker.exists(), "no worker died: the test did not test anything"
    assert on_cluster == local
