"""Issue 11: an article that repeats a statement is aligned once per statement, and every copy stays evidence."""

from __future__ import annotations

from pathlib import Path

import pytest

from audit.model import Claim
from audit.pipeline import run
from audit.repeats import group_repeated

SENTENCE = "Mayor Lena Varkonen said 12 people were hurt when the Brastow market hall roof fell in on Thursday."


def _claim(article: str, start: int, sentence: int, value: str = "12") -> Claim:
    return Claim(kind="count", value=value, surface=value, article=article, start=start, end=start + len(value),
                 attribute="count of hurt", sentence=sentence)


def test_copies_are_the_same_words_at_the_same_place_of_the_same_sentence_text() -> None:
    texts = {("a", 0): (0, "He said 12 were hurt."), ("a", 1): (22, "He said  12 were hurt."),
             ("a", 2): (45, "She said 12 were hurt."), ("b", 0): (0, "He said 12 were hurt.")}
    claims = [_claim("a", 8, 0), _claim("a", 30, 1), _claim("a", 54, 2), _claim("b", 8, 0),
              _claim("a", 30, 1, value="13")]

    def sentence(c: Claim) -> tuple[int, str]:
        return texts[(c.article, c.sentence)]

    keep, repeats = group_repeated(claims, sentence)
    # a1 repeats a0 (white space aside); a2 is another sentence, b another article, "13" another value
    assert keep == [claims[0], claims[2], claims[3], claims[4]]
    assert repeats == {claims[0]: [claims[1]]}


def test_a_sentence_repeated_300_times_gives_one_finding_with_every_copy(tmp_path: Path) -> None:
    b = tmp_path / "b"
    b.mkdir()
    (b / "big.txt").write_text(" date 2022-11-24\n" + "\n".join([SENTENCE] * 300) + "\n", encoding="utf-8")
    (b / "other.txt").write_text(" date 2022-11-24\n" + SENTENCE.replace("12", "14") + "\n", encoding="utf-8")
    report = run([str(b)], name="b")
    hurt = [f for f in report.findings if any(g.value == "12" for g in f.values)]
    assert len(hurt) == 1 and hurt[0].verdict == "conflict", [(f.topic, f.verdict) for f in report.findings]
    twelve = next(g for g in hurt[0].values if g.value == "12")
    assert len(twelve.evidence) == 300 and len({e.line for e in twelve.evidence}) == 300
    # before grouping, each copy was a finding of its own (hundreds of 'single' findings)
    assert len(report.findings) < 20


def test_copies_of_a_sentence_get_the_frames_a_fresh_reading_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    from audit import frames
    from audit.extract import extract_article
    from audit.model import Article

    # a pasted paragraph: the second copy of "He said..." resolves "he" to another person than the first
    paragraph = ("Mayor Lena Varkonen said 12 people were hurt on Thursday. He said 40 homes were evacuated. "
                 "Fire chief Tomas Orrin arrived at 9pm. He said 40 homes were evacuated.")
    text = " date 2024-03-08\n\n" + "\n\n".join([paragraph, SENTENCE, paragraph, SENTENCE * 3])
    article = Article(id="a", path="a.txt", status="audited", text=text, published=dt.date(2024, 3, 8),
                      published_basis="header")
    reused = extract_article(article)[1]
    monkeypatch.setattr(frames, "_build_all", lambda doc, parse, names, claims: [
        frames._build(parse, names, c) for c in claims])
    fresh = extract_article(article)[1]
    assert reused == fresh
    sources = {c.frame.source for c in fresh if c.kind == "count" and c.value == "40" and c.frame}
    assert len(sources) == 2  # the two copies of one sentence, told by two people
