"""Every item of ../shared/acceptance/seeds.md, checked on the JSON report of the real CLI.

S: must be reported as inconsistencies; A: agreements; R: resolved values; T: traps that must
not be reported as conflict or variant. Article ids are referred to by their 3-digit prefix.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.conftest import seed_id

A0, A1, A2, A3, A4 = (seed_id(p) for p in ("000", "001", "002", "003", "004"))
BAD = ("conflict", "variant")


def findings(report: dict, verdicts: tuple[str, ...] | None = None) -> Iterator[dict]:
    for f in report["findings"]:
        if verdicts is None or f["verdict"] in verdicts:
            yield f


def group(f: dict, value_re: str) -> dict | None:
    for g in f["values"]:
        if re.search(value_re, g["value"]) or re.search(value_re, g.get("display") or ""):
            return g
    return None


def find(report: dict, verdicts: tuple[str, ...], **groups: tuple[str, set[str]]) -> dict:
    """The finding of one of `verdicts` with a value group matching each (regex, articles ⊇ set)."""
    for f in findings(report, verdicts):
        ok = True
        for value_re, arts in groups.values():
            g = group(f, value_re)
            if g is None or not arts <= set(g["articles"]):
                ok = False
                break
        if ok:
            return f
    raise AssertionError(f"no {verdicts} finding with {groups}")


def event_of(report: dict, article: str) -> str:
    for e in report["events"]:
        if article in e["articles"]:
            return e["id"]
    raise AssertionError(article)


# ---------------------------------------------------------------- S: inconsistencies


def test_s1_penalty_taker_spelling_variant_with_typo_in_000(seeds_report: dict) -> None:
    f = find(seeds_report, ("variant",), a=(r"^Iiikay Gundogan$", {A0}), b=(r"^Ilkay Gundogan$", {A1, A2}))
    assert f["outlier"] == [A0]
    assert "typo" in f["note"] and "Iiikay Gundogan" in f["note"]
    assert A0 not in group(f, r"^Ilkay")["articles"]


def test_s2_match_weekday_conflict_with_time_zone_explanation(seeds_report: dict) -> None:
    f = find(seeds_report, ("conflict",), wed=(r"2022-11-23", {A0, A1}), thu=(r"^Thursday$", {A2}))
    assert f["kind"].startswith("date")
    assert "time-zone" in f["note"] or "time zone" in f["note"]
    wed = group(f, r"2022-11-23")
    assert any("Wednesday" in e["text"] for e in wed["evidence"] if e["article"] == A0)
    assert A2 in f["outlier"]


def test_s3_stadium_spelling_variant_within_000_and_across(seeds_report: dict) -> None:
    f = find(seeds_report, ("variant",), bad=(r"^Khalifa Internation Stadium$", {A0}),
             good=(r"^Khalifa International Stadium$", {A0, A1}))
    assert A0 in f["within_article"]
    good = group(f, r"^Khalifa International Stadium$")
    assert any(e["article"] == A0 and e["context"] == "post" for e in good["evidence"]), "000's embedded tweet"
    assert "Khalifa Stadium" in f["note"]  # a short form, named, not a conflict
    assert all(g["value"] != "Khalifa Stadium" for g in f["values"])


# ---------------------------------------------------------------- A: agreements


def test_a1_final_score(seeds_report: dict) -> None:
    f = find(seeds_report, ("agree",), s=(r"^2-1$", {A0, A2}))
    assert f["topic"] == "final score"


def test_a2_penalty_minute_with_first_half_compatible(seeds_report: dict) -> None:
    f = find(seeds_report, ("agree",), m=(r"^33$", {A0, A1}), h=(r"^first half$", {A2}))
    assert "Gundogan" in f["topic"]
    assert "compatible" in f["note"]


def test_a3_equaliser_minute_with_second_half_compatible(seeds_report: dict) -> None:
    f = find(seeds_report, ("agree",), m=(r"^75$", {A1, A2}), h=(r"^second half$", {A0}))
    assert "Doan" in f["topic"]


def test_a4_winner_minute_is_derived(seeds_report: dict) -> None:
    f = find(seeds_report, ("agree",), m=(r"^83$", {A1, A2}))
    assert "Asano" in f["topic"]
    assert "83 = 75 + 8" in f["note"]


def test_a5_match_date(seeds_report: dict) -> None:
    find(seeds_report, ("conflict", "agree"), d=(r"^2022-11-23$", {A0, A1}))


def _role_agreement(report: dict, name: str, arts: set[str]) -> dict | None:
    for f in findings(report, ("agree",)):
        g = group(f, rf"\b{name}\b")
        if f["kind"] == "role" and g is not None and arts <= set(g["articles"]):
            return f
    return None


@pytest.mark.parametrize(("name", "arts"), [("Hansi Flick", {A0, A2}), ("Hajime Moriyasu", {A1, A2})])
def test_a6_a7_coaches(seeds_report: dict, name: str, arts: set[str]) -> None:
    """A person in a named role ("Germany's coach: Hansi Flick") is a fact agreement of kind 'role'. Until
    role claims exist (issue #10), the name is at least listed among the names used consistently; a name
    spelled alike is never an agreement finding by itself."""
    if any(f["kind"] == "role" for f in seeds_report["findings"]):
        assert _role_agreement(seeds_report, name, arts), f"no role agreement for {name}"
        return
    (use,) = [n for n in seeds_report["names"] if n["name"] == name]
    assert arts <= set(use["articles"])
    assert not any(f["verdict"] == "agree" and group(f, rf"^{name}$") for f in seeds_report["findings"])


def test_a8_lead_in_2018_two_nil_and_two_goal(seeds_report: dict) -> None:
    f = find(seeds_report, ("agree",), lead=(r"lead by 2", {A3, A4}))
    texts = {e["article"]: e["text"] for e in f["values"][0]["evidence"]}
    assert texts[A3] == "2-0" and texts[A4] == "two-goal lead"


def _agreement_with_sentences(report: dict, arts: set[str], *words: str) -> dict:
    """An agreement whose evidence, in every one of `arts`, is a sentence saying `words`. Such facts ("left a
    thank-you note in Russian") have no claim kind of their own yet (issue #10): until they do, the
    sentences come with the name they share, listed among the names used consistently."""
    for f in [*findings(report, ("agree",)), *({"values": [n]} for n in report["names"])]:
        for g in f["values"]:
            hits = {e["article"] for e in g["evidence"] if all(w.lower() in e["sentence"].lower() for w in words)}
            if arts <= hits:
                return f
    raise AssertionError(f"no agreement among {arts} with sentences mentioning {words}")


def test_a9_thank_you_note_in_russian(seeds_report: dict) -> None:
    _agreement_with_sentences(seeds_report, {A2, A3, A4}, "note", "Russian")


def test_a10_fans_cleaned_up_at_the_opening_game(seeds_report: dict) -> None:
    _agreement_with_sentences(seeds_report, {A1, A2}, "opening game", "Ecuador")


def test_a11_fans_cleaned_up_after_colombia(seeds_report: dict) -> None:
    _agreement_with_sentences(seeds_report, {A3, A4}, "Colombia")


# ---------------------------------------------------------------- R: resolution


def _evidence(report: dict, article: str, text: str) -> list[tuple[dict, dict]]:
    out = []
    for f in report["findings"]:
        for g in f["values"]:
            for e in g["evidence"]:
                if e["article"] == article and e["text"] == text:
                    out.append((f, g))
    return out


def test_r1_wednesday_november_23_resolves_with_matching_weekday(seeds_report: dict) -> None:
    ((_f, g),) = _evidence(seeds_report, A0, "Wednesday (November 23)")
    assert g["value"] == "2022-11-23"
    note = next(e["note"] for e in g["evidence"] if e["article"] == A0)
    assert "Wednesday matches 2022-11-23" in note


def test_r2_monday_resolves_against_inferred_publication_date(seeds_report: dict) -> None:
    ((f, g),) = _evidence(seeds_report, A4, "Monday")
    assert g["value"] == "2018-07-02"
    art = next(a for a in seeds_report["articles"] if a["id"] == A4)
    assert art["published"] == "2018-07-03" and art["published_basis"] == "inferred"
    assert "embedded post" in art["published_note"]
    assert "inferred" in (f["note"] or "")


def test_r3_eight_minutes_after_is_the_83rd_minute(seeds_report: dict) -> None:
    ((_f, g),) = _evidence(seeds_report, A1, "eight minutes after")
    assert g["value"] == "83"


def test_r4_date_line_is_the_publication_date(seeds_report: dict) -> None:
    arts = {a["id"]: a for a in seeds_report["articles"]}
    assert arts[A0]["published"] == "2022-11-24" and arts[A0]["published_basis"] == "header"
    assert arts[A3]["published"] == "2018-07-03" and arts[A3]["published_basis"] == "header"
    # offsets are into the text after the date line: the first sentence starts at 0
    ((_, g),) = _evidence(seeds_report, A0, "Wednesday (November 23)")
    e = next(e for e in g["evidence"] if e["article"] == A0)
    assert e["sentence"].startswith("The Japanese football team won hearts")


# ---------------------------------------------------------------- events and traps


def test_two_events_with_the_right_articles(seeds_report: dict) -> None:
    events = {frozenset(e["articles"]) for e in seeds_report["events"]}
    assert events == {frozenset({A0, A1, A2}), frozenset({A3, A4})}
    e2018 = next(e for e in seeds_report["events"] if A3 in e["articles"])
    assert A2 in e2018["partial"], "002 speaks of the 2018 match in one paragraph"


def test_no_inconsistency_mixes_the_two_events(seeds_report: dict) -> None:
    """T1, T2, T6: 2-1 vs 2-0, Wednesday vs Monday, the Russian note vs the origami cranes."""
    g_arts, b_arts = {A0, A1}, {A3, A4}
    for f in findings(seeds_report, BAD):
        arts = {a for g in f["values"] for a in g["articles"]}
        assert not (arts & g_arts and arts & b_arts), f["topic"]


def test_t1_scores_of_different_matches_not_compared(seeds_report: dict) -> None:
    for f in findings(seeds_report, BAD):
        values = {g["value"] for g in f["values"]}
        assert not ({"2-1", "lead by 2"} <= values)
    assert event_of(seeds_report, A0) != event_of(seeds_report, A3)


def test_t2_wednesday_and_monday_not_compared(seeds_report: dict) -> None:
    for f in findings(seeds_report, BAD):
        texts = {e["text"] for g in f["values"] for e in g["evidence"]}
        assert not ({"Wednesday (November 23)", "Monday"} <= texts)


def test_t3_surname_alone_is_not_a_variant(seeds_report: dict) -> None:
    for f in findings(seeds_report, BAD):
        assert all(g["value"] != "Gundogan" for g in f["values"]), f


def test_t4_post_dates_are_not_the_match_date(seeds_report: dict) -> None:
    for f in findings(seeds_report, BAD):
        for g in f["values"]:
            assert all(e["context"] != "post" for e in g["evidence"]) or f["kind"] not in ("date", "date/weekday")


def test_t5_periods_compatible_with_minutes(seeds_report: dict) -> None:
    for f in findings(seeds_report, BAD):
        assert f["kind"] != "minute", f


def test_t6_russian_note_and_origami_cranes_not_compared(seeds_report: dict) -> None:
    for f in findings(seeds_report, BAD):
        texts = " ".join(e["sentence"] for g in f["values"] for e in g["evidence"])
        assert not ("origami" in texts and "Russian" in texts)


def test_t7_fifa_post_is_copied_text_not_two_sources(seeds_report: dict) -> None:
    copies = seeds_report["copied_text"]
    pair = next(c for c in copies if set(c["articles"]) == {A0, A1})
    assert "post" in pair["contexts"]
    assert "historic victory" in pair["sample"]
    stadium = find(seeds_report, ("variant",), good=(r"^Khalifa International Stadium$", {A0, A1}))
    assert "copied text" in stadium["note"]


def test_single_source_claims_are_listed(seeds_report: dict) -> None:
    # a count's value is its number; what it counts is in the quoted evidence
    singles = {(g["value"], tuple(g["articles"]), ev["text"]) for f in findings(seeds_report, ("single",))
               for g in f["values"] for ev in g["evidence"]}
    for value, art, said in [("10", A2, "10 origami cranes"), ("2600000", A2, "2.6 million followers"),
                             ("7000000", A2, "more than 7 million times"), ("No 3", A3, "No 3"),
                             ("4-time champions", A0, "four-time champions"), ("2019", A2, "2019")]:
        assert any(v == value and a == (art,) and said.lower() in text.lower() for v, a, text in singles), value


def test_exactly_the_expected_inconsistencies(seeds_report: dict) -> None:
    bad = list(findings(seeds_report, BAD))
    assert len(bad) == 3, [f["topic"] for f in bad]
