"""The hand-labelled frame sample (tests/data/frame_sample.yaml) and its evaluation (tests/extraction_eval.py).

The sample's accuracy target is measured by `make extraction-eval`, never asserted here: these tests
check that the sample is well formed and true to its sources, and that the evaluation pairs claims
and compares frames as documented.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from audit import rules
from tests.conftest import SHARED
from tests.extraction_eval import (
    FRAME_FIELDS,
    FRAME_SAMPLE,
    FrameItem,
    GoldClaim,
    SampleError,
    evaluate_frames,
    load_frame_sample,
    normalize,
    timebank_document,
)

TIMEBANK = SHARED / "timebank"
needs_timebank = pytest.mark.skipif(not TIMEBANK.is_dir(), reason="../shared/timebank is not beside the checkout")


@pytest.fixture(scope="module")
def sample() -> list[FrameItem]:
    return load_frame_sample()


def test_sample_size_and_sources(sample: list[FrameItem]) -> None:
    claims = [(item.source, g) for item in sample for g in item.claims]
    assert len(claims) >= 120
    own = [item for item in sample if item.source == "own"]
    assert 15 <= len(own) <= 25
    assert all(item.published == dt.date(2024, 6, 1) for item in own)
    assert all(item.source.endswith(".tml") for item in sample if item.source != "own")
    kinds = Counter(g.kind for _, g in claims)
    assert {"count", "money", "date", "ordinal", "percent"} <= set(kinds)
    classes = set(rules.TABLE["predicates"])
    assert all(g.predicate_class is None or g.predicate_class in classes for _, g in claims)


@needs_timebank
def test_timebank_sentences_are_quoted_exactly_with_their_creation_date(sample: list[FrameItem]) -> None:
    docs: dict[str, tuple[dt.date, str]] = {}
    for item in sample:
        if item.source == "own":
            continue
        if item.source not in docs:
            docs[item.source] = timebank_document(TIMEBANK / item.source)
        published, text = docs[item.source]
        assert item.text in text, f"{item.source}: {item.text[:60]}"
        assert item.published == published, item.source


@needs_timebank
def test_own_sentences_are_not_timebank_text(sample: list[FrameItem]) -> None:
    corpus = " ".join(timebank_document(p)[1] for p in sorted(TIMEBANK.glob("*.tml")))
    assert not [item.text for item in sample if item.source == "own" and item.text in corpus]


def test_evaluation_runs_on_a_handful(sample: list[FrameItem]) -> None:
    items = [sample[0], sample[len(sample) // 2], *[item for item in sample if item.source == "own"][:3]]
    res = evaluate_frames(items)
    assert res.total == sum(len(item.claims) for item in items)
    assert res.found + len(res.missed) == res.total
    assert 0 < res.found <= res.total
    for name in FRAME_FIELDS:
        wrong = sum(1 for d in res.disagreements if d[2] == name)
        assert res.correct[name] + wrong == res.found
        assert 0.0 <= res.accuracy(name) <= 1.0
    assert sum(c["total"] for c in res.by_source.values()) == res.total


def test_a_labelled_claim_is_paired_with_the_overlapping_claim_and_compared_field_by_field() -> None:
    text = "Police arrested 12 suspects in Lyon on Friday."
    start = text.index("12 suspects")
    right = GoldClaim(surface="12 suspects", kind="count", start=start, end=start + 11,
                      predicate_class="arrested", thing="suspect", holder=None)
    wrong = GoldClaim(surface="12 suspects", kind="count", start=start, end=start + 11,
                      predicate_class="killed", thing="rifle", holder="Lyon")
    item = FrameItem(source="own", published=dt.date(2024, 6, 1), text=text, claims=(right, wrong))
    res = evaluate_frames([item])
    assert res.found == 2
    assert res.correct["predicate_class"] == 1 and res.correct["thing"] == 1
    fields = sorted(d[2] for d in res.disagreements if d[1] is wrong)
    assert fields == ["holder", "predicate_class", "thing"]


def test_holders_compare_without_possessive_article_case_and_final_period() -> None:
    assert normalize("holder", "the Travelers Corp.'s") == normalize("holder", "Travelers Corp") == "travelers corp"
    assert normalize("holder", "Ratners’s") == "ratners"
    assert normalize("thing", "Share") == "share"
    assert normalize("thing", None) is None
    assert normalize("holder", "the Dow") != normalize("holder", "Dow Jones")


def test_a_malformed_sample_is_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    head = FRAME_SAMPLE.read_text(encoding="utf-8").split("sentences:")[0]
    bad.write_text(head + 'sentences:\n- source: own\n  published: 2024-06-01\n  text: "Police arrested 12 suspects."\n'
                   '  claims:\n  - {surface: "13 suspects", kind: count, predicate_class: arrested, thing: suspect,'
                   ' holder: null}\n', encoding="utf-8")
    with pytest.raises(SampleError, match=r"sentence 1 claim 1: surface '13 suspects'"):
        load_frame_sample(bad)
    bad.write_text(head + 'sentences:\n- source: own\n  published: 2024-06-01\n  text: "Police arrested 12 suspects."\n'
                   '  claims:\n  - {surface: "12 suspects", kind: count, predicate_class: jailed, thing: suspect,'
                   ' holder: null}\n', encoding="utf-8")
    with pytest.raises(SampleError, match="predicate_class 'jailed'"):
        load_frame_sample(bad)
