"""Temporal expressions: every rule's examples, the TIMEX3 reading of date and time claims,
direction by tense, granularity of comparisons, clock times and their day, and a
regression floor on a few TimeBank documents (when ../shared/timebank is beside the checkout)."""

from __future__ import annotations

import datetime as dt
import sys

import pytest

import audit
from audit.align import linked
from audit.kinds.base import Aligned
from audit.temporal import Anchor, tag
from audit.temporal.calendar import Period
from audit.temporal.rules import EXAMPLE_DCT, RULES
from tests.conftest import ROOT, SHARED

D = dt.date
TIMEBANK = SHARED / "timebank"


def values(text: str, published: dt.date | None, **kw: object) -> list[tuple[str, str, str]]:
    return [(text[t.start:t.end], t.type, t.value) for t in tag(text, published, **kw)]  # type: ignore[arg-type]


# ---------------------------------------------------------------- the rules are data with examples

@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_rule_examples(rule) -> None:  # type: ignore[no-untyped-def]
    assert rule.examples, f"rule {rule.name} has no example"
    for text, expression, value in rule.examples:
        found = [(text[t.start:t.end], t.value, t.rule) for t in tag(text, EXAMPLE_DCT)]
        assert (expression, value) in [(f[0], f[1]) for f in found], (rule.name, text, found)


def test_docstring_examples() -> None:
    import doctest

    import audit.api
    import audit.temporal
    for module in (audit.temporal, audit.api):
        assert doctest.testmod(module).failed == 0, module.__name__


def test_quarters_in_a_match_report_are_not_fiscal_periods() -> None:
    text = "Luck threw a touchdown pass in the third quarter and the Colts scored 10 points in the fourth quarter."
    assert not [v for v in values(text, D(2012, 12, 23)) if "quarter" in v[0]]


def test_rule_names_are_unique() -> None:
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))


# ---------------------------------------------------------------- TIMEX3 values and direction

@pytest.mark.parametrize(("text", "pub", "expression", "value"), [
    # last / this / next as TimeBank annotates them
    ("The company bought the unit last June.", D(1989, 10, 26), "last June", "1989-06"),
    ("The deal closed last December.", D(1989, 10, 30), "last December", "1988-12"),
    ("Elections are due this September.", D(1998, 6, 26), "this September", "1998-09"),
    ("The plant opens next June.", D(1989, 10, 26), "next June", "1990-06"),
    # a weekday in past narrative is the most recent, in future narrative the next
    ("Shares fell Friday.", D(1989, 10, 30), "Friday", "1989-10-27"),
    ("The board will vote Friday.", D(1989, 10, 30), "Friday", "1989-11-03"),
    ("Trading resumed Monday.", D(1998, 2, 9), "Monday", "1998-02-09"),
    # a month without a preposition, a past verb with a deadline ahead
    ("The October vote was close.", D(1989, 11, 2), "October", "1989-10"),
    ("It extended the offer to Nov. 20.", D(1989, 11, 2), "Nov. 20", "1989-11-20"),
    ("The dividend is payable Jan. 2.", D(1989, 11, 2), "Jan. 2", "1990-01-02"),
    # fiscal periods
    ("Net income rose 12% to $4 million in the third quarter.", D(1989, 10, 26), "the third quarter", "1989-Q3"),
    ("The company's fourth-quarter loss widened to $2 million, or 8 cents a share.", D(1989, 11, 2),
     "fourth-quarter", "1989-Q4"),
    ("Net income was $5 million, or 9 cents a share, in the fourth quarter ended Sept. 30.", D(1989, 11, 2),
     "the fourth quarter", "1989-Q4"),
    ("Net of $3 million in fiscal 1989 fell 5% from $4 million.", D(1989, 11, 2), "fiscal 1989", "1989"),
    ("Sales for this year's third quarter rose 3% to $9 million.", D(1989, 11, 2),
     "this year's third quarter", "1989-Q3"),
    # seasons, decades, spelled-out years, references
    ("The plant closed last summer.", D(1989, 10, 26), "last summer", "1989-SU"),
    ("Prices soared in the 1980s.", D(1998, 2, 5), "the 1980s", "198"),
    ("Sales peaked in the late 1970s.", D(1998, 2, 5), "the late 1970s", "197"),
    ("He was elected in nineteen ninety-six.", D(1998, 2, 5), "nineteen ninety-six", "1996"),
    ("Prices are higher now.", D(1998, 2, 5), "now", "PRESENT_REF"),
    ("The firm recently sold a unit.", D(1998, 2, 5), "recently", "PAST_REF"),
    ("A decision is expected soon.", D(1998, 2, 5), "soon", "FUTURE_REF"),
    # holidays, fixed and movable
    ("Stores were crowded on Christmas Eve.", D(2012, 12, 28), "Christmas Eve", "2012-12-24"),
    ("The marchers gathered on Martin Luther King Jr. Day.", D(2012, 12, 28), "Martin Luther King Jr. Day", "2012-01-16"),
    ("Sales will be counted after Thanksgiving.", D(2013, 10, 2), "Thanksgiving", "2013-11-28"),
    ("The church was full at Easter.", D(2024, 4, 10), "Easter", "2024-03-31"),
    ("The agency met this week.", D(1989, 10, 26), "this week", "1989-W43"),
    ("It said so over the weekend.", D(1990, 8, 13), "the weekend", "1990-W32-WE"),
])
def test_values(text: str, pub: dt.date, expression: str, value: str) -> None:
    assert (expression, value) in [(e, v) for e, _t, v in values(text, pub)], values(text, pub)


def test_a_year_ago_takes_the_granularity_of_what_it_compares() -> None:
    pub = D(1989, 11, 2)
    text = ("Third-quarter net income fell 5% to $70 million, or 40 cents a share, from $73.7 million a year ago. "
            "Revenue rose 4% to $1.1 billion.")
    assert ("a year ago", "DATE", "1988-Q3") in values(text, pub)
    plain = "The population was 4% higher than a year ago, officials said."
    assert ("a year ago", "DATE", "1988") in values(plain, pub)
    earlier = "Net income rose 9% in the third quarter from $5 million a year earlier."
    assert ("a year earlier", "DATE", "1988-Q3") in values(earlier, pub)


def test_modifiers_are_in_the_span() -> None:
    pub = D(1989, 11, 2)
    got = {e: t for e, t in ((text[t.start:t.end], t) for text in [
        "The plant opens early next year.", "The deal should close by the end of 1990.",
        "Talks ended late last week."] for t in tag(text, pub))}
    assert got["early next year"].value == "1990" and got["early next year"].mod == "START"
    assert got["the end of 1990"].value == "1990" and got["the end of 1990"].mod == "END"
    assert got["Late last week"].mod == "END" if "Late last week" in got else got["late last week"].mod == "END"


def test_embedded_post_resolves_against_its_own_date() -> None:
    text = "The club said it would appeal.\n\nWe will play again on Friday! — Fan Club (@fans) March 3, 2021"
    post_start = text.index("We will")
    anchor = Anchor(post_start, len(text), D(2021, 3, 3), "embedded post")
    friday = next(t for t in tag(text, D(2021, 3, 10), anchors=[anchor]) if text[t.start:t.end] == "Friday")
    assert friday.value == "2021-03-05" and "embedded post" in (friday.anchor or "")


def test_without_a_publication_date_values_stay_underspecified() -> None:
    got = values("The vote is on Friday, Feb. 13, and the report came in March.", None)
    assert ("Friday, Feb. 13", "DATE", "XXXX-02-13") in got
    assert ("March", "DATE", "XXXX-03") in got


def test_clock_times_take_the_day_written_beside_them() -> None:
    text = "The vote was held at 10 p.m. Wednesday, and results came at 9 a.m. on Thursday."
    merged = values(text, D(1998, 2, 13))
    assert ("10 p.m. Wednesday", "TIME", "1998-02-11T22:00") in merged
    split = tag(text, D(1998, 2, 13), merge_clock_days=False)
    times = [t for t in split if t.type == "TIME"]
    assert [(text[t.start:t.end], t.day) for t in times] == [("10 p.m.", "1998-02-11"), ("9 a.m.", "1998-02-12")]


def test_period_arithmetic() -> None:
    assert Period.parse("1989-Q3").shift(-1, "Y").value == "1988-Q3"  # type: ignore[union-attr]
    assert Period.parse("1989-W52").shift(1, "W").value == "1990-W01"  # type: ignore[union-attr]
    assert Period.parse("1989-SU").last() == D(1989, 8, 31)  # type: ignore[union-attr]
    assert Period.parse("1989-WI").last() == D(1990, 2, 28)  # type: ignore[union-attr]
    assert Period.parse("198").first() == D(1980, 1, 1)  # type: ignore[union-attr]
    assert Period.parse("nonsense") is None


# ---------------------------------------------------------------- the public API and the claims

def test_extract_claims_gives_timex_readings() -> None:
    claims = audit.extract_claims("Net income rose in the third quarter, and the shares fell on Friday.",
                                  published=D(1989, 10, 30), kinds=["date"])
    got = {c.surface: audit.timex_of(c) for c in claims}
    assert got["the third quarter"] is not None and got["the third quarter"].value == "1989-Q3"  # type: ignore[union-attr]
    friday = got["Friday"]
    assert friday is not None and friday.type == "DATE" and friday.value == "1989-10-27"
    assert friday.anchor is not None and friday.anchor.startswith("1989-10-30")
    q = next(c for c in claims if c.surface == "the third quarter")
    assert q.value == "1989-07-01..1989-09-30" and q.low is not None and q.high is not None


def test_the_tense_of_the_governing_verb_comes_from_the_parse() -> None:
    pub = D(1998, 5, 1)  # a Friday
    def day(text: str) -> str:
        (c,) = [c for c in audit.extract_claims(text, published=pub, kinds=["date"]) if "day" in c.surface]
        return c.value
    assert day("The two leaders meet separately Monday with the envoy.") == "1998-05-04"  # a plan
    assert day("The two leaders met separately Monday with the envoy.") == "1998-04-27"
    assert day("The move follows Tuesday's vote by the board.") == "1998-04-28"  # the day of the vote
    assert day("Officials said they would reopen the border on Monday.") == "1998-05-04"


def test_extract_claims_rejects_wrong_types() -> None:
    with pytest.raises(TypeError, match=r"published must be a datetime\.date"):
        audit.extract_claims("x", published="2020-01-01")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="text must be a str"):
        audit.extract_claims(b"x")  # type: ignore[arg-type]


def test_references_to_the_present_are_claims_that_are_never_compared() -> None:
    (now,) = [c for c in audit.extract_claims("Prices are now higher.", published=D(1998, 2, 5)) if c.kind == "date"]
    assert now.value == "PRESENT_REF" and now.low is None
    from audit.align import family
    assert family(now) is None


def test_weekday_takes_the_date_the_article_gives_for_that_day() -> None:
    text = ("The storm hit the coast on Wednesday, Nov. 30, 2011, and crews worked through the night. "
            "By Wednesday evening power was back, officials said on Wednesday.")
    claims = [c for c in audit.extract_claims(text, published=D(2011, 12, 9), kinds=["date"])]
    bare = [c for c in claims if c.surface == "Wednesday" and c.start > 60]
    assert bare and all(c.value == "2011-11-30" for c in bare), [(c.surface, c.value, c.note) for c in claims]
    assert "the Wednesday the article gives" in (bare[-1].note or "")


def test_two_times_on_different_days_are_not_one_slot() -> None:
    a = next(c for c in audit.extract_claims("A man was killed at 4 p.m. on Monday, police said.",
                                         published=D(2008, 12, 17), article_id="a") if c.kind == "time")
    b = next(c for c in audit.extract_claims("A man was killed at 4 p.m. on Tuesday, police said.",
                                         published=D(2008, 12, 17), article_id="b") if c.kind == "time")
    c = next(c for c in audit.extract_claims("A man was killed at 5 p.m. on Monday, police said.",
                                         published=D(2008, 12, 17), article_id="c") if c.kind == "time")
    assert dict(a.extra)["day"] == "2008-12-15" and dict(b.extra)["day"] == "2008-12-16"
    assert audit.timex_of(a).value == "2008-12-15T16:00"  # type: ignore[union-attr]

    def al(x):  # type: ignore[no-untyped-def]
        return Aligned(x, None, frozenset(), frozenset(dict(x.extra).get("words", "").split("|")))
    assert not linked("time", al(a), al(b))  # 4 p.m. Monday and 4 p.m. Tuesday: two moments
    assert a.trigger is not None and linked("time", al(a), al(c))  # the same day: compared (4 p.m. vs 5 p.m.)


# ---------------------------------------------------------------- a floor on real TimeBank documents

@pytest.mark.skipif(not TIMEBANK.is_dir(), reason="../shared/timebank is not beside the checkout")
def test_timebank_floor() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from timebank import read_all  # type: ignore[import-not-found]
        from timex_eval import Score, from_tagger, score_doc  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    from collections import Counter

    docs = read_all(TIMEBANK)[::30]  # seven documents of every kind and year
    total = Score()
    for d in docs:
        total.add(score_doc(d, from_tagger(d), frozenset({"DATE"}), Counter(), {}, 0))
    p, r, f = Score.prf(total.relaxed, total.system, total.gold)
    value_f = Score.prf(total.value, total.system, total.gold)[2]
    assert total.gold >= 25
    assert f >= 0.85 and value_f >= 0.70, (p, r, f, value_f)


@pytest.mark.parametrize(("text", "value"), [
    ("The purchase of the unit back in January is seen as a reaction.", "2012-01"),
    ("Talks to keep the plant open began back in March.", "2011-03"),
    ("He will be back in January, his agent said.", "2013-01"),
    ("The band said it would come back in March.", "2012-03"),
])
def test_back_in_a_month_looks_back_unless_something_returns(text: str, value: str) -> None:
    assert [t.value for t in tag(text, dt.date(2012, 2, 29))] == [value]


def test_the_day_something_was_said_is_behind_even_before_a_future_verb() -> None:
    # Monday 11 July 2022: "said on Sunday it would buy" is the Sunday just past, not the next one
    claims = audit.extract_claims("Quaimoza Holdings said on Sunday it would buy Kovira Foods for $5 million in cash.",
                                  published=dt.date(2022, 7, 11), kinds=["date"])
    assert [c.value for c in claims] == ["2022-07-10"]


def test_a_purpose_in_past_narrative_is_behind_the_writer() -> None:
    # "on her way TO ATTEND a service on Friday" under "was killed": the Friday before the Saturday of writing
    text = "Mira Kessel, 59, was killed by a hit-and-run driver as she was on her way to attend a service on Friday."
    days = [c.value for c in audit.extract_claims(text, published=dt.date(2013, 9, 14)) if c.kind == "date"]
    assert days == ["2013-09-13"]
    # an infinitive that a verb takes as its plan still looks ahead
    plan = "Norvale agreed to close the plant on Friday, the union said."
    assert [c.value for c in audit.extract_claims(plan, published=dt.date(2013, 9, 14))
            if c.kind == "date"] == ["2013-09-20"]
