"""The Markdown report diffs well: short lines, a short section per inconsistency, bounded lists."""

from __future__ import annotations

import difflib
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS, run_cli

REPORT = ROOT / "reports" / "seeds.md"


def _md(batch: Path, out: Path) -> str:
    r = run_cli("run", batch.name, "--out", str(out), "--name", "seeds", "--format", "md", "--quiet")
    assert r.code == 0, r.err
    return (out / "seeds.md").read_text(encoding="utf-8")


def test_no_line_of_the_committed_seed_report_is_longer_than_600_characters() -> None:
    lines = REPORT.read_text(encoding="utf-8").split("\n")
    longest = max(lines, key=len)
    assert len(longest) <= 600, longest


def test_each_inconsistency_is_a_short_section() -> None:
    md = REPORT.read_text(encoding="utf-8")
    sections = re.findall(r"^### (conflict|variant): (.+) · `(F[0-9a-f]{8}(?:-\d+)?)`$", md, re.MULTILINE)
    assert [(v, t) for v, t, _ in sections] == [("conflict", "date of the victory"),
                                                ("variant", "spelling of Ilkay Gundogan"),
                                                ("variant", "spelling of Khalifa International Stadium")]
    body = md.split("### variant: spelling of Ilkay Gundogan", 1)[1].split("\n### ", 1)[0]
    assert "- **Iiikay Gundogan** (odd one out): 000" in body
    assert "- **Ilkay Gundogan**: 001, 002" in body
    assert re.search(r"^  - 000:3 “\*\*Iiikay Gundogan\*\*'s penalty", body, re.MULTILINE)
    assert "**Likely a typo.**" in body


def test_articles_table_uses_short_labels_and_a_short_date_basis() -> None:
    md = REPORT.read_text(encoding="utf-8")
    rows = [line for line in md.split("\n") if line.startswith("| 00")]
    assert [r.split(" | ")[0] for r in rows] == ["| 000", "| 001", "| 002", "| 003", "| 004"]
    assert "| inferred: embedded posts |" in rows[1]
    explained = md.split("How the dates were obtained:", 1)[1].split("###", 1)[0]
    assert "- 001: inferred from the latest embedded post" in explained


def test_single_source_claims_are_information_ranked_and_bounded() -> None:
    md = REPORT.read_text(encoding="utf-8")
    section = md.split("## Single-source claims", 1)[1]
    assert section.split("\n")[2].startswith("A claim that only one article makes conflicts with nothing")
    per_article = re.split(r"^\*\*(\d{3})\*\* \((\d+)\)$", section, flags=re.MULTILINE)
    counts = dict(zip(per_article[1::3], (int(n) for n in per_article[2::3]), strict=True))
    assert counts["002"] > 5
    block = per_article[per_article.index("002") + 2]
    shown = [line for line in block.split("\n") if line.startswith("- ") and "· `F" in line]
    assert len(shown) == 5
    assert f"- … and {counts['002'] - 5} more (all are in the JSON report)" in block
    # figures and dates before quotes
    assert "quote" not in shown[0] and "number of" in shown[0]


def test_names_used_consistently_are_counted_not_reported_as_agreements() -> None:
    md = REPORT.read_text(encoding="utf-8")
    agreements = md.split("## Agreements", 1)[1].split("## Compatible", 1)[0]
    assert re.search(r"<summary>Names used consistently: \d+ ", agreements)
    facts = agreements.split("</details>", 1)[1]
    assert "spelling of" not in facts


def test_one_edit_in_one_article_changes_a_few_short_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An agreement that becomes a conflict: its lines move from one section to the other, the counts and
    the three articles' tallies change; nothing else."""
    before, after = tmp_path / "before" / "seeds", tmp_path / "after" / "seeds"
    shutil.copytree(SEEDS, before)
    shutil.copytree(SEEDS, after)
    (article,) = after.glob("001_*.txt")
    text = article.read_text(encoding="utf-8")
    old = "opener in the 33rd minute"
    assert text.count(old) == 1
    article.write_text(text.replace(old, "opener in the 35th minute"), encoding="utf-8")
    monkeypatch.chdir(before.parent)
    a = _md(before, tmp_path / "ra")
    monkeypatch.chdir(after.parent)
    b = _md(after, tmp_path / "rb")
    changed = [line for line in difflib.unified_diff(a.split("\n"), b.split("\n"), lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    # the run fingerprint changes with any input, by design (issue 11): one line, not counted
    assert sum(1 for line in changed if line[1:].startswith("Run fingerprint: ")) == 2
    changed = [line for line in changed if not line[1:].startswith("Run fingerprint: ")]
    assert 0 < len(changed) <= 45, "\n".join(changed)
    assert max(len(line) for line in changed) <= 600
