"""Issue 11: an article that repeats a statement is aligned once per statement, and every copy stays evidence."""

from __future__ import annotations

from pathlib import Path

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
