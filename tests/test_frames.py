"""Claim frames on real input (issue #10): what the parse says each figure is about, and what the report does
with it. Every sentence here is invented for these tests (other places, people and figures than the seeds,
the devset and tests/batches).

Three layers: the frame of one claim of one sentence; the verdicts of a report on two to four tiny articles;
and the rule tables failing loudly when an entry is malformed (exercised on a temporary copy of the tables).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from audit import rules
from audit.extract import extract_article
from audit.model import Article, Claim, Finding, Frame, Report
from tests.conftest import audit_texts

PUBLISHED = dt.date(2021, 5, 4)


# --- helpers -------------------------------------------------------------------------------------------------

def claims_of(text: str) -> list[Claim]:
    """The claims the tool extracts from a one-article text (the spaCy model is loaded once per process)."""
    article = Article(id="x", path="x.txt", status="audited", text=text, published=PUBLISHED,
                      published_basis="header")
    _, claims, _, _ = extract_article(article)
    return claims


def claim_of(text: str, kind: str, value: str) -> Claim:
    """The one claim of `kind` with `value` in `text` (fails, listing what was found, when there is none)."""
    found = [c for c in claims_of(text) if c.kind == kind and c.value == value]
    assert len(found) == 1, f"{kind}={value} in {text!r}: found {[(c.kind, c.value) for c in claims_of(text)]}"
    return found[0]


def frame_of(text: str, kind: str, value: str) -> Frame:
    frame = claim_of(text, kind, value).frame
    assert frame is not None, f"no frame for {kind}={value} in {text!r}"
    return frame



def findings_with(report: Report, kind: str, value: str) -> list[Finding]:
    return [f for f in report.findings if f.kind == kind and any(g.value == value for g in f.values)]


def finding_with(report: Report, kind: str, value: str) -> Finding:
    found = findings_with(report, kind, value)
    assert len(found) == 1, [(f.kind, f.verdict, [g.value for g in f.values]) for f in report.findings]
    return found[0]


def values_of(f: Finding) -> dict[str, tuple[str, ...]]:
    return {g.value: g.articles for g in f.values}


# --- 1. frames of single sentences ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value", "predicate"), [
    ("The blast killed 17 workers at the Varnok smelter.", "17", "kill"),
    ("Nineteen people died when the ferry capsized near Orlen Bay.", "19", "die"),
    ("Officials reported a death toll of 44 after the landslide.", "44", "death toll"),
    ("The toll has risen to 61, the ministry said.", "61", "toll"),
    ("The number of dead reached 88 on Tuesday.", "88", "dead"),
    ("The explosion left 29 people dead.", "29", "dead"),
    ("The death toll from the ferry fire has climbed to 48.", "48", "death toll"),
    ("Officials put the death toll at 36.", "36", "death toll"),
])
def test_death_tolls_worded_differently_are_all_killed(text: str, value: str, predicate: str) -> None:
    f = frame_of(text, "count", value)
    assert (f.predicate, f.predicate_class) == (predicate, "killed")
    assert "predicates.killed" in f.rules


@pytest.mark.parametrize("text", [
    "The blast killed 23, police said.",
    "23 were killed when the roof of the Kessock depot fell in.",
])
def test_a_bare_figure_of_the_dead_is_a_killed_count(text: str) -> None:
    f = frame_of(text, "count", "23")
    assert f.predicate_class == "killed"


def test_evacuated_and_killed_are_different_classes() -> None:
    killed = frame_of("The flood killed 31 villagers in the Marrow valley.", "count", "31")
    evacuated = frame_of("Authorities evacuated 3,400 residents from the Marrow valley.", "count", "3400")
    fled = frame_of("The storm forced 12,000 people to flee their homes.", "count", "12000")
    assert (killed.predicate_class, killed.thing_class) == ("killed", "people")
    assert (evacuated.predicate, evacuated.predicate_class, evacuated.thing_class) == ("evacuate", "evacuated",
                                                                                       "people")
    assert fled.predicate_class == "evacuated"
    assert not set(killed.classes) & set(evacuated.classes)


@pytest.mark.parametrize(("text", "value", "source", "rule"), [
    ("The blast killed 17 workers, the ministry said.", "17", "ministry", "frame:source-speech-verb(say)"),
    ("The number of dead rose to 57 on Monday, the health ministry said.", "57", "health ministry",
     "frame:source-speech-verb(say)"),
    ("The blast killed 23 people, police told reporters.", "23", "police", "frame:source-speech-verb(tell)"),
    ("According to the coast guard, 16 sailors drowned.", "16", "coast guard", "frame:source-according-to"),
    ("The toll could rise to 60, doctors warned.", "60", "doctor", "frame:source-speech-verb(warn)"),
])
def test_source_from_a_speech_verb_or_according_to(text: str, value: str, source: str, rule: str) -> None:
    f = frame_of(text, "count", value)
    assert f.source == source
    assert rule in f.rules


def test_no_speech_verb_no_source() -> None:
    f = frame_of("The blast killed 17 workers at the Varnok smelter.", "count", "17")
    assert f.source is None


def test_source_of_a_spokeswoman_for_a_body() -> None:
    f = frame_of("The blast killed 23 people, a spokeswoman for the regional government said.", "count", "23")
    assert f.source in ("spokeswoman", "regional government")


def test_claimed_lives_is_a_death_toll_not_a_source() -> None:
    f = frame_of("The fire claimed 23 lives.", "count", "23")
    assert f.predicate_class == "killed"
    assert f.source is None


@pytest.mark.parametrize(("text", "value", "modality"), [
    ("The toll is expected to rise above 70, the governor said.", "70", "expected"),
    ("The number of dead is expected to climb above 40.", "40", "expected"),
    ("Twelve climbers are feared dead after the avalanche.", "12", "expected"),
    ("The toll could rise to 60, doctors warned.", "60", "possible"),
    ("The bank will shed 1,100 jobs.", "1100", "future"),
])
def test_modality(text: str, value: str, modality: str) -> None:
    f = frame_of(text, "count", value)
    assert f.modality == modality
    assert f"modality.{modality}" in f.rules


def test_plain_statement_has_no_modality() -> None:
    f = frame_of("Nineteen people died when the ferry capsized near Orlen Bay.", "count", "19")
    assert (f.modality, f.tense) == (None, "past")


def test_feared_dead_is_still_a_death_toll() -> None:
    f = frame_of("Twelve climbers are feared dead after the avalanche.", "count", "12")
    assert (f.predicate, f.predicate_class) == ("dead", "killed")


def test_likely_to_climb_is_expected() -> None:
    assert frame_of("The number of dead is likely to climb above 40.", "count", "40").modality == "expected"


def test_feared_trapped_is_expected() -> None:
    f = frame_of("Forty miners were feared trapped.", "count", "40")
    assert (f.predicate_class, f.modality) == ("missing", "expected")


def test_counted_protesters_are_not_charged() -> None:
    f = frame_of("Police counted 320 protesters at the rally outside the Marlow parliament.", "count", "320")
    assert f.predicate_class != "charged"


def test_value_of_stolen_goods_is_the_theft() -> None:
    c = claim_of("Thieves stole paintings worth $14 million from the Halbrook gallery.", "money", "14000000 USD")
    assert c.frame is not None
    assert (c.frame.predicate, c.frame.predicate_class) == ("steal", "stolen")
    assert "frame:valuation-of-act" in c.frame.rules
    euros = frame_of("Robbers snatched jewels valued at 80 million euros.", "money", "80000000 EUR")
    assert euros.predicate_class == "stolen"


@pytest.mark.xfail(strict=True, reason="the parser tags 'stole' as a noun in 'A gang stole canvases valued at "
                                       "$4.9 million' (gang and stole are compounds of canvases): no verb names the theft")
def test_canvases_valued_at_a_sum_are_stolen() -> None:
    f = frame_of("A gang stole canvases valued at $4.9 million.", "money", "4900000 USD")
    assert f.predicate_class == "stolen"


def test_cut_jobs_are_laid_off_but_cut_cables_are_not() -> None:
    jobs = frame_of("The carmaker cut 900 jobs at its Dresmore plant.", "count", "900")
    future = frame_of("The carmaker will cut 450 jobs at its Dresmore plant.", "count", "450")
    cables = frame_of("Four undersea cables were cut near the Tavri strait.", "count", "4")
    assert (jobs.predicate, jobs.predicate_class, jobs.thing) == ("cut", "laid_off", "job")
    assert (future.predicate_class, future.modality) == ("laid_off", "future")
    assert (cables.predicate, cables.thing, cables.thing_class) == ("cut", "cable", "cable")
    assert cables.predicate_class == "severed"
    assert "laid_off" not in cables.classes


@pytest.mark.parametrize(("text", "surface", "low", "high"), [
    ("Hundreds of protesters marched through Kelmont on Sunday.", "Hundreds", 200, 999),
    ("Dozens of people were injured.", "Dozens", 24, 99),
])
def test_vague_quantity(text: str, surface: str, low: int, high: int) -> None:
    (c,) = [c for c in claims_of(text) if c.kind == "count"]
    assert (c.surface, c.qualifier, c.low, c.high) == (surface, "vague", low, high)
    assert c.frame is not None and c.frame.thing_class == "people"


@pytest.mark.parametrize(("text", "value", "surface"), [
    ("One hundred and twelve passengers were rescued from the ship.", "112", "One hundred and twelve passengers"),
    ("Thirty-seven miners were trapped underground.", "37", "Thirty-seven miners"),
    ("Two hundred and forty-one homes were destroyed.", "241", "Two hundred and forty-one homes"),
])
def test_compound_number_words(text: str, value: str, surface: str) -> None:
    c = claim_of(text, "count", value)
    assert c.surface == surface
    assert (c.low, c.high, c.qualifier) == (float(value), float(value), None)


def test_holder_of_a_possessive() -> None:
    record = frame_of("Okafor's record of 2,104 yards still stands.", "quantity", "2104 yard")
    assert record.holder == "Okafor"
    assert "frame:holder-possessor" in record.rules
    tally = frame_of("Tavernier's tally of 31 goals is a club record.", "count", "31")
    assert (tally.holder, tally.thing) == ("Tavernier", "goal")


def test_no_possessive_no_holder() -> None:
    assert frame_of("Four undersea cables were cut near the Tavri strait.", "count", "4").holder is None


# --- 2. reports on tiny articles -----------------------------------------------------------------------------

def test_death_tolls_worded_four_ways_meet_in_one_finding_and_conflict(tmp_path: Path) -> None:
    r = audit_texts(tmp_path, {
        "a": " date 2019-06-14 A boiler explosion killed 23 workers at the Quarrow textile plant.",
        "b": " date 2019-06-14 Twenty-six people died after a boiler blew up at the Quarrow textile plant.",
        "c": " date 2019-06-15 Officials gave a death toll of 26 for the blast at the Quarrow textile plant.",
        "d": " date 2019-06-15 The toll has risen to 26, hospital staff in Quarrow said on Saturday.",
    })
    f = finding_with(r, "count", "23")
    assert f.verdict == "conflict"
    assert values_of(f) == {"23": ("a",), "26": ("b", "c", "d")}
    assert f.outlier == ("a",)
    assert findings_with(r, "count", "26") == [f]


def test_the_same_toll_worded_three_ways_agrees(tmp_path: Path) -> None:
    r = audit_texts(tmp_path, {
        "a": " date 2022-08-11 An explosion at the Brevik chemical works killed 23 people, the fire service said.",
        "b": " date 2022-08-11 The toll from the explosion has risen to 23.",
        "c": " date 2022-08-11 Twenty-three people died in the explosion at the Brevik chemical works.",
    })
    f = finding_with(r, "count", "23")
    assert f.verdict == "agree"
    assert values_of(f) == {"23": ("a", "b", "c")}


def test_a_long_tally_phrase_meets_the_toll(tmp_path: Path) -> None:
    r = audit_texts(tmp_path, {
        "a": " date 2019-06-14 A boiler explosion killed 23 workers at the Quarrow textile plant.",
        "b": " date 2019-06-15 The death toll from the boiler explosion at the Quarrow textile plant has risen to 26.",
    })
    f = finding_with(r, "count", "23")
    assert f.verdict == "conflict"
    assert values_of(f) == {"23": ("a",), "26": ("b",)}


def test_evacuated_count_does_not_mix_with_killed_count(tmp_path: Path) -> None:
    r = audit_texts(tmp_path, {
        "a": " date 2019-06-14 A boiler explosion killed 23 workers at the Quarrow textile plant.",
        "b": " date 2019-06-15 Firefighters evacuated 25 workers from the Quarrow textile plant after the blast.",
        "c": " date 2019-06-15 The blast at the Quarrow textile plant killed 23 people, police said.",
    })
    killed = finding_with(r, "count", "23")
    evacuated = finding_with(r, "count", "25")
    assert killed is not evacuated
    assert (killed.verdict, values_of(killed)) == ("agree", {"23": ("a", "c")})
    assert (evacuated.verdict, values_of(evacuated)) == ("single", {"25": ("b",)})
    assert "killed" in killed.topic and "evacuated" in evacuated.topic


def test_stated_weekday_contradicting_the_date_is_a_conflict(tmp_path: Path) -> None:
    # 9 March 2018 was a Friday
    r = audit_texts(tmp_path, {
        "a": " date 2018-03-12 The Pellam footbridge collapsed on Saturday, March 9, city engineers said.",
        "b": " date 2018-03-12 Nobody was on the walkway when the Pellam footbridge gave way on March 9.",
    })
    (f,) = [f for f in r.findings if f.kind == "date/weekday"]
    assert f.verdict == "conflict"
    assert values_of(f) == {"2018-03-09": ("a", "b"), "Saturday": ("a",)}
    assert "2018-03-09 is a Friday, not a Saturday" in (f.note or "")


def test_stated_weekday_matching_the_date_is_no_conflict(tmp_path: Path) -> None:
    r = audit_texts(tmp_path, {
        "a": " date 2018-03-12 The Pellam footbridge collapsed on Friday, March 9, city engineers said.",
        "b": " date 2018-03-12 Nobody was on the walkway when the Pellam footbridge gave way on March 9.",
    })
    (f,) = [f for f in r.findings if f.kind == "date/weekday"]
    assert f.verdict == "agree"
    assert values_of(f) == {"2018-03-09": ("a", "b")}


def test_figures_from_two_named_sources_get_the_sources_note(tmp_path: Path) -> None:
    r = audit_texts(tmp_path, {
        "a": " date 2021-10-02 The flood displaced 4,100 families in Corvane province, the interior ministry said.",
        "b": " date 2021-10-02 The flood displaced 5,600 families in Corvane province, the Halvard Relief Agency said.",
    })
    f = finding_with(r, "count", "4100")
    assert f.verdict == "conflict"
    assert values_of(f) == {"4100": ("a",), "5600": ("b",)}
    note = f.note or ""
    assert note.startswith("the figures come from different sources: ")
    assert "according to ministry (a)" in note
    assert re.search(r"according to (the )?Halvard Relief Agency \(b\)", note), note


def test_one_source_gives_no_sources_note(tmp_path: Path) -> None:
    r = audit_texts(tmp_path, {
        "a": " date 2021-10-02 The flood displaced 4,100 families in Corvane province, the interior ministry said.",
        "b": " date 2021-10-02 Some 5,600 families in Corvane province were displaced by the flood.",
    })
    f = finding_with(r, "count", "4100")
    assert f.verdict == "conflict"
    assert "different sources" not in (f.note or "")


def test_sources_note_names_only_the_articles_that_give_the_source(tmp_path: Path) -> None:
    r = audit_texts(tmp_path, {
        "a": " date 2019-06-14 A boiler explosion killed 23 workers at the Quarrow textile plant, the labour "
             "ministry said.",
        "b": " date 2019-06-14 Twenty-six people died after a boiler blew up at the Quarrow textile plant.",
        "c": " date 2019-06-15 The toll has risen to 26, the city fire brigade said.",
    })
    f = finding_with(r, "count", "23")
    assert values_of(f) == {"23": ("a",), "26": ("b", "c")}
    assert re.search(r"according to brigade \(c\)", f.note or ""), f.note


def test_bare_dollar_sums_more_than_ten_percent_apart_carry_the_dollar_note(tmp_path: Path) -> None:
    r = audit_texts(tmp_path, {
        "a": " date 2021-10-02 Thieves stole paintings worth $4.2 million from the Teller museum on Thursday night.",
        "b": " date 2021-10-02 Burglars broke into the Teller museum and stole paintings worth $4.9 million, "
             "police said.",
    })
    f = finding_with(r, "money", "4200000 USD")
    assert f.verdict == "conflict"
    assert values_of(f) == {"4200000 USD": ("a",), "4900000 USD": ("b",)}
    assert "a bare '$' may be the US, Canadian, Australian or another dollar" in (f.note or "")
    assert "(a, b)" in (f.note or "")


def test_bare_dollar_sums_within_ten_percent_have_no_dollar_note(tmp_path: Path) -> None:
    r = audit_texts(tmp_path, {
        "a": " date 2021-10-02 Thieves stole paintings worth $4.2 million from the Teller museum.",
        "b": " date 2021-10-02 Thieves stole paintings worth $4.3 million from the Teller museum.",
    })
    f = finding_with(r, "money", "4200000 USD")
    assert f.verdict == "conflict"
    assert values_of(f) == {"4200000 USD": ("a",), "4300000 USD": ("b",)}
    assert "dollar" not in (f.note or "")


def test_hundreds_of_protesters_is_no_conflict_with_an_exact_figure(tmp_path: Path) -> None:
    r = audit_texts(tmp_path, {
        "a": " date 2021-10-02 Hundreds of protesters gathered outside the Marlow parliament on Friday.",
        "b": " date 2021-10-02 Organisers said some 320 protesters gathered near the Marlow parliament.",
    })
    f = finding_with(r, "count", "320")
    assert f.verdict == "compatible"
    assert values_of(f) == {"200": ("a",), "320": ("b",)}
    assert "vague quantity" in (f.note or "")


def test_more_than_150_and_about_160_are_no_conflict(tmp_path: Path) -> None:
    r = audit_texts(tmp_path, {
        "a": " date 2021-10-02 More than 150 protesters gathered outside the Marlow parliament on Friday.",
        "b": " date 2021-10-02 Police said about 160 protesters joined the rally outside the Marlow parliament.",
    })
    f = finding_with(r, "count", "150")
    assert f.verdict == "compatible"
    assert values_of(f) == {"150": ("a",), "160": ("b",)}
    assert "the bounds overlap" in (f.note or "")


def test_150_and_about_190_conflict(tmp_path: Path) -> None:
    r = audit_texts(tmp_path, {
        "a": " date 2021-10-02 Exactly 150 protesters gathered outside the Marlow parliament on Friday.",
        "b": " date 2021-10-02 Police said about 190 protesters joined the rally outside the Marlow parliament.",
    })
    f = finding_with(r, "count", "150")
    assert f.verdict == "conflict"
    assert values_of(f) == {"150": ("a",), "190": ("b",)}


def test_fewer_than_150_and_about_120_are_compatible(tmp_path: Path) -> None:
    r = audit_texts(tmp_path, {
        "a": " date 2021-10-02 Fewer than 150 protesters gathered outside the Marlow parliament on Friday.",
        "b": " date 2021-10-02 Police said about 120 protesters joined the rally outside the Marlow parliament.",
    })
    f = finding_with(r, "count", "150")
    assert f.verdict == "compatible"
    assert values_of(f) == {"150": ("a",), "120": ("b",)}


# --- more frames and verdicts (fractions, plans, windows, descriptions, years of one act) --------------------

def test_a_fraction_is_a_share_that_conflicts_with_another_share(tmp_path: Path) -> None:
    r = audit_texts(tmp_path, {
        "a": " date 2022-09-20 The firm's lawyers will receive a third of the fund, the court said.",
        "b": " date 2022-09-20 The firm's lawyers will receive 25% of the fund, the court said.",
    })
    f = finding_with(r, "quantity", "33.3 percent")
    assert f.verdict == "conflict"
    assert values_of(f) == {"33.3 percent": ("a",), "25 percent": ("b",)}


def test_a_fraction_and_its_rounded_percentage_are_no_conflict(tmp_path: Path) -> None:
    r = audit_texts(tmp_path, {
        "a": " date 2022-09-20 The firm's lawyers will receive a third of the fund, the court said.",
        "b": " date 2022-09-20 The firm's lawyers will receive 33% of the fund, the court said.",
    })
    assert all(f.verdict != "conflict" for f in r.findings)


def test_a_weekday_after_for_is_the_day_planned() -> None:
    # published Tuesday 2021-05-04: "for Friday" is the coming Friday, "on Friday" the one before
    assert claim_of("The dockers' union has called a strike for Friday.", "date", "2021-05-07")
    assert claim_of("The dockers went on strike on Friday.", "date", "2021-04-30")


def test_the_past_two_seasons_is_a_window_not_a_count() -> None:
    assert not [c for c in claims_of("Injuries in the past two seasons forced Okonjo to stop.") if c.kind == "count"]
    assert claim_of("The first 40 passengers were rescued.", "count", "40").frame.predicate_class == "rescued"


def test_a_nationality_describing_the_article_s_person_gives_that_person_an_age() -> None:
    text = ("The last race came the way so many of Amara Okonjo's wins did. The 31-year-old Nigerian crossed "
            "the line first again. Okonjo said little afterwards.")
    age = claim_of(text, "age", "31")
    assert age.subject == "Amara Okonjo"


def test_two_years_of_a_once_only_act_conflict(tmp_path: Path) -> None:
    r = audit_texts(tmp_path, {
        "a": " date 2023-02-10 Coach Ilse Marwood, who retired from rowing in 1994, praised the crew.",
        "b": " date 2023-02-10 Marwood, who quit rowing in 1995 after two Olympics, praised the crew.",
    })
    f = finding_with(r, "date", "1994")
    assert f.verdict == "conflict"
    assert set(values_of(f)) == {"1994", "1995"}


def test_years_of_two_works_by_one_holder_do_not_conflict(tmp_path: Path) -> None:
    r = audit_texts(tmp_path, {
        "a": " date 2023-02-10 The anthem was the title track of Lio Pernet's 1987 album.",
        "b": " date 2023-02-10 Pernet, who followed it with the 1991 album \"Salt Roads\", sent a message.",
    })
    assert all(f.verdict != "conflict" for f in r.findings)


def test_an_earlier_occasion_opening_the_sentence_keeps_its_figures_apart(tmp_path: Path) -> None:
    r = audit_texts(tmp_path, {
        "a": " date 2020-03-06 Four pipelines were ruptured on Thursday, the operator said.",
        "b": " date 2020-03-06 Four pipelines were ruptured on Thursday. Earlier this year, only two pipelines "
             "were ruptured.",
    })
    two = claim_of(" date 2020-03-06 Earlier this year, only two pipelines were ruptured.", "count", "2")
    assert two.frame is not None and two.frame.modality == "earlier"
    assert all(f.verdict != "conflict" for f in r.findings)


@pytest.mark.parametrize(("text", "value"), [
    ("The warehouse fire broke out at about 9.35pm, the brigade said.", "21:35"),
    ("Thieves made off with $12-million of watches.", "12000000 USD"),
])
def test_british_clock_times_and_hyphenated_sums(text: str, value: str) -> None:
    assert claims_of(text) and any(c.value == value for c in claims_of(text)), [c.value for c in claims_of(text)]


# --- 3. malformed rule tables fail loudly --------------------------------------------------------------------

RULES_DIR = Path(rules.__file__).resolve().parent


@pytest.fixture
def rules_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of audit/rules/*.toml (and packs/) that the loader reads instead of the real tables."""
    root = tmp_path / "rules"
    root.mkdir()
    for p in RULES_DIR.glob("*.toml"):
        shutil.copy(p, root / p.name)
    (root / "packs").mkdir()
    for p in (RULES_DIR / "packs").glob("*.toml"):
        shutil.copy(p, root / "packs" / p.name)
    monkeypatch.setattr(rules, "resources", SimpleNamespace(files=lambda _name: root))
    return root


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\n" + text, encoding="utf-8")


def test_the_copied_tables_load_as_the_real_ones(rules_copy: Path) -> None:
    tables = rules._load()
    assert {t: dict(v) for t, v in tables.items()} == {t: dict(v) for t, v in rules.TABLE.items()}
    assert rules._load_numbers() == dict(rules.NUMBERS)


def test_entry_without_an_example_fails_naming_file_and_entry(rules_copy: Path) -> None:
    append(rules_copy / "predicates.toml",
           '[zz_toppled]\nlabel = "toppled"\nact = "toppling"\nlemmas = ["topplify"]\n')
    with pytest.raises(rules.RulesError) as err:
        rules._load()
    assert str(err.value) == "audit/rules/predicates.toml: [predicates.zz_toppled] has no example"


def test_entry_with_an_empty_example_fails(rules_copy: Path) -> None:
    append(rules_copy / "things.toml", '[zz_widget]\nlemmas = ["widgetoid"]\nexample = "  "\n')
    with pytest.raises(rules.RulesError, match=r"^audit/rules/things\.toml: \[things\.zz_widget\] has no example$"):
        rules._load()


def test_entry_with_an_unknown_key_fails_naming_file_entry_and_key(rules_copy: Path) -> None:
    append(rules_copy / "speech.toml", '[zz_murmur]\nlemmas = ["murmurate"]\nexample = "x, she murmurated"\n'
                                       'colour = "red"\n')
    with pytest.raises(rules.RulesError) as err:
        rules._load()
    assert str(err.value) == "audit/rules/speech.toml: [speech.zz_murmur] has unknown key(s) ['colour']"


def test_pack_entry_without_an_example_fails_naming_the_pack(rules_copy: Path) -> None:
    (rules_copy / "packs" / "zz_curling.toml").write_text(
        '[predicates.zz_swept]\nlabel = "swept"\nact = "sweeping"\nlemmas = ["sweepify"]\n', encoding="utf-8")
    with pytest.raises(rules.RulesError) as err:
        rules._load()
    assert str(err.value) == "audit/rules/packs/zz_curling.toml: [predicates.zz_swept] has no example"


def test_pack_entry_overwriting_a_generic_entry_fails(rules_copy: Path) -> None:
    (rules_copy / "packs" / "zz_curling.toml").write_text(
        '[predicates.killed]\nlabel = "killed"\nact = "deaths"\nlemmas = ["eliminate"]\n'
        'example = "the skip eliminated two stones"\n', encoding="utf-8")
    with pytest.raises(rules.RulesError) as err:
        rules._load()
    assert str(err.value) == "audit/rules/packs/zz_curling.toml: [predicates.killed] would overwrite the generic entry"


def test_malformed_toml_fails_naming_the_file(rules_copy: Path) -> None:
    append(rules_copy / "modality.toml", "[zz_broken\nwords = [\n")
    with pytest.raises(rules.RulesError, match=r"^audit/rules/modality\.toml: "):
        rules._load()


def test_numbers_table_without_an_example_or_unknown_fails(rules_copy: Path) -> None:
    append(rules_copy / "numbers.toml", '[zz_fractions]\nexample = "a third of"\n')
    with pytest.raises(rules.RulesError) as err:
        rules._load_numbers()
    assert str(err.value) == "audit/rules/numbers.toml: unknown table(s) ['zz_fractions']"
    text = (rules_copy / "numbers.toml").read_text(encoding="utf-8")
    (rules_copy / "numbers.toml").write_text(
        re.sub(r'(?m)^(\[vague\]\n)example = "[^"\n]*"\n', r"\1", text).replace('[zz_fractions]\nexample = "a third of"\n', ""),
        encoding="utf-8")
    with pytest.raises(rules.RulesError) as err:
        rules._load_numbers()
    assert str(err.value) == "audit/rules/numbers.toml: [vague] is missing or has no example"


# --- which sentences are parsed ------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "parsed"), [
    ("The plant may close, the union said.", False),
    ("The plant will close in May, the union said.", True),
    ("Protesters will march to the ministry.", False),
    ("The deal is expected to close in March.", True),
    ("One of them said the police came later.", False),
    ("No one was hurt.", False),
    ("At least one miner was killed.", True),
    ("One person died at the scene.", True),
    ("She said later that the talks had failed.", False),
    ("The talks will resume later this year.", True),
    ("A year earlier, the mine had been closed.", True),
    ("Forty workers were evacuated.", True),
])
def test_sentences_worth_parsing(sentence: str, parsed: bool) -> None:
    from audit import nlp

    assert bool(nlp.candidate_spans(sentence, [(0, len(sentence))])) is parsed


# --- a group or a total stands for its figure -----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "A crowd of 31,205 saw the match at the harbour stadium.",
    "The final drew a crowd of 31,205.",
    "Attendance was 31,205 at the harbour stadium.",
])
def test_a_crowd_of_a_figure_counts_the_attendance(text: str) -> None:
    assert frame_of(text, "count", "31205").predicate_class == "attended"


@pytest.mark.parametrize("text", ["A total of 40 were arrested after the march.", "Police arrested a total of 40."])
def test_a_total_of_a_figure_takes_the_verb_of_the_total(text: str) -> None:
    fr = frame_of(text, "count", "40")
    assert fr.predicate_class == "arrested"
    assert "frame:through-total" in fr.rules


def test_passengers_carried_are_no_sports_run() -> None:
    assert frame_of("The ferry was carrying 53 passengers.", "count", "53").predicate_class != "rushing"


def test_crowds_given_two_ways_conflict(tmp_path: Path) -> None:
    r = audit_texts(tmp_path, {
        "a": " date 2022-09-07 A crowd of 27,722 saw the final at the harbour stadium on Monday.",
        "b": " date 2022-09-07 A crowd of 31,205 watched the final at the harbour stadium on Monday.",
        "c": " date 2022-09-07 The final at the harbour stadium on Monday drew a crowd of 31,205.",
    })
    f = finding_with(r, "count", "27722")
    assert f.verdict == "conflict"
    assert values_of(f) == {"31205": ("b", "c"), "27722": ("a",)}


def test_a_toll_with_transposed_digits_conflicts(tmp_path: Path) -> None:
    # 41 is almost three times 14, further apart than two tolls of one event usually are: the digits say misprint
    r = audit_texts(tmp_path, {
        "a": " date 2022-07-12 Fourteen people were killed on Tuesday when a bus crashed outside Dorvany, police said.",
        "b": " date 2022-07-12 A bus crashed outside Dorvany on Tuesday, killing 14 people, according to police.",
        "c": " date 2022-07-12 41 people were killed on Tuesday when a bus crashed outside Dorvany, officials said.",
    })
    f = finding_with(r, "count", "41")
    assert f.verdict == "conflict"
    assert values_of(f) == {"14": ("a", "b"), "41": ("c",)}


def test_cities_served_are_no_prison_sentence() -> None:
    assert frame_of("The regional airline serves 10 cities in the north.", "count", "10").predicate_class != "sentenced"
    assert frame_of("The judge sentenced three men to prison on Monday.", "count", "3").predicate_class == "sentenced"


def test_the_scale_of_a_sum_is_no_thing() -> None:
    fr = frame_of("The chipmaker paid $125m for the networking unit.", "money", "125000000 USD")
    assert fr.thing is None and fr.predicate_class == "paid"


def test_a_modifier_that_does_not_fit_the_thing_is_not_its_act() -> None:
    # "running" is a sports run only of plays and scores: the cables are what the damage is to
    fr = frame_of("The main damage is to the four power cables running across the strait.", "count", "4")
    assert fr.predicate_class == "damaged"
    assert frame_of("Three people killed in the blast were miners.", "count", "3").predicate_class == "killed"


def test_a_record_or_a_stake_is_the_subjects_but_a_tour_keeps_its_sites() -> None:
    assert frame_of("Sprinter Amara Okafor set a national record of 10.86 seconds.", "duration",
                    "10.86 second").holder == "Amara Okafor"
    assert frame_of("Ruiz led a tour of three sites.", "count", "3").holder is None


def test_a_toll_counted_in_miners_and_in_people_is_people_killed(tmp_path: Path) -> None:
    r = audit_texts(tmp_path, {
        "a": " date 2019-06-14 The blast at the Orvelt mine killed 31 miners, officials said.",
        "c": " date 2019-06-14 TARNOW (Newswire) — 34 people died in the blast at the Orvelt mine.",
    })
    f = finding_with(r, "count", "34")
    assert f.topic == "people killed"  # not "miners killed", nor named after one article's dateline city


def test_a_relative_pronoun_stands_for_the_noun_its_clause_describes() -> None:
    fr = frame_of("Goalkeeper Mira Kessel, who won four league titles with her club, retired on Monday.",
                  "count", "4")
    assert fr.holder == "Mira Kessel" and fr.predicate_class == "won"
    day = frame_of("It was the first time that Kessel, who arrived Thursday with her lawyer, had spoken.",
                   "date", "2021-04-29")
    assert day.holder == "Kessel"


def test_the_subject_of_a_relative_clause_the_thing_fills_holds_it() -> None:
    fr = frame_of("The unit built nearly half of the 9,000 engines Ardmore shipped in the year.", "count", "9000")
    assert fr.holder == "Ardmore" and "frame:holder-relative-clause" in fr.rules


def test_a_name_with_a_figure_holds_it_and_a_date_on_the_subject_is_the_subjects() -> None:
    fr = frame_of("Ardmore Bank, with $5.4 billion in assets, said the merger would close in May.", "money",
                  "5400000000 USD")
    assert fr.holder == "Ardmore Bank" and "frame:holder-with-phrase" in fr.rules
    date = frame_of("The Security Council on Aug. 6 ordered an embargo on trade.", "date", "2020-08-06")
    assert date.holder == "Security Council"
    # an "of" phrase still keeps its figure: the sites are the tour's, not Ruiz's
    assert frame_of("Ruiz led a tour of three sites.", "count", "3").holder is None


def test_a_figure_that_modifies_the_object_is_the_subjects() -> None:
    fr = frame_of("Ardmore Bank announced a 12 percent drop in profits for the quarter.", "change", "-12%")
    assert fr.holder == "Ardmore Bank"


def test_a_capitalized_adverb_is_no_body_an_it_stands_for() -> None:
    fr = frame_of("Previously, it offered $13.65 a share in cash.", "money", "13.65 USD")
    assert fr.holder is None and fr.predicate_class == "paid"


def test_points_an_index_fell_are_a_change_but_points_scored_are_a_score() -> None:
    fr = frame_of("The main index fell 41.2 points to 3,120.5 on Monday.", "count", "41.2")
    assert fr.predicate_class == "changed" and "frame:change-measured-in-thing" in fr.rules
    assert frame_of("Smith scored 30 points as the Lakers won.", "count", "30").predicate_class == "scored"
    short = frame_of("The ruling party won 212 seats, falling 9 seats short of a majority.", "count", "9")
    assert short.predicate_class != "changed"


def test_the_date_of_an_act_is_held_by_a_named_subject_not_by_a_name_that_describes_it() -> None:
    day = frame_of("A Texas woman who was driving home was killed Thursday evening.", "date", "2021-04-29")
    assert day.holder is None
    assert frame_of("Ardmore shares fell 14 percent to $38.20 on Tuesday.", "date", "2021-05-04").holder is None
    assert frame_of("Mira Kessel retired on Tuesday.", "date", "2021-05-04").holder == "Mira Kessel"
    # before a role, a body or a group of people a name says whom they act for
    assert frame_of("Last week, Hezbollah fighters killed three soldiers.", "date",
                    "2021-04-21..2021-05-03").holder == "Hezbollah"
    # a figure keeps the name that describes its subject: Ardmore's shares fell 14 percent
    assert frame_of("Ardmore shares fell 14 percent on Tuesday.", "change", "-14%").holder == "Ardmore"


def test_the_day_a_deal_was_announced_is_the_saying_s_whatever_it_says_will_happen(tmp_path: Path) -> None:
    said = frame_of("Norvale Group said on Sunday it would buy Teskin Mills for $540 million.", "date", "2021-05-02")
    assert said.modality is None and said.tense == "past"
    r = audit_texts(tmp_path, {
        "a": " date 2022-07-11 Teskin Mills will be acquired by Norvale Group for $540 million, the companies "
             "said on Saturday.",
        "b": " date 2022-07-11 Norvale Group agreed on Saturday to acquire Teskin Mills in a $540 million deal.",
        "c": " date 2022-07-11 Norvale Group said on Sunday it would buy Teskin Mills for $540 million in cash.",
    })
    f = finding_with(r, "date/weekday", "2022-07-10")
    assert f.verdict == "conflict"
    assert values_of(f) == {"2022-07-09": ("a", "b"), "2022-07-10": ("c",)}


def test_a_weekday_that_is_the_day_of_writing_meets_the_days_before_it(tmp_path: Path) -> None:
    # article c is dated Wednesday 14 and says "said on Wednesday": that day is neither behind nor ahead
    r = audit_texts(tmp_path, {
        "a": " date 2022-09-14 Norvale Group agreed on Tuesday to acquire Teskin Mills in a $540 million deal.",
        "b": " date 2022-09-14 Norvale Group said on Tuesday it would buy Teskin Mills for $540 million.",
        "c": " date 2022-09-14 Teskin Mills will be bought by Norvale Group for $540 million, the companies "
             "said on Wednesday.",
    })
    f = finding_with(r, "date/weekday", "2022-09-14")
    assert f.verdict == "conflict"
    assert values_of(f) == {"2022-09-13": ("a", "b"), "2022-09-14": ("c",)}


def test_a_bus_that_overturned_had_an_accident_a_court_that_overturned_a_ban_ruled() -> None:
    assert frame_of("A bus overturned near Stomberg on Saturday, killing 22 people.", "date",
                    "2021-05-01").predicate_class == "occurred"
    assert frame_of("The Supreme Court overturned the ban in 1973.", "date", "1973").predicate_class == "ruled"
    assert frame_of("The ban was overturned in 1973.", "date", "1973").predicate_class == "ruled"


def test_a_work_named_with_its_year_and_a_verb_of_its_release_are_one_act(tmp_path: Path) -> None:
    r = audit_texts(tmp_path, {
        "a": " date 2023-02-10 The crowd sang \"Grey Harbour\", the title track of Lio Pernet's 1987 album.",
        "b": " date 2023-02-10 The album came out in 1986, when the striker was a child in Tartu.",
    })
    f = finding_with(r, "date", "1987")
    assert f.verdict == "conflict"
    assert values_of(f) == {"1987": ("a",), "1986": ("b",)}


def test_a_price_the_parser_hung_on_a_noun_is_what_the_act_cost() -> None:
    text = ("Ardmore Bank said it bought 2.7 million shares of its stock from an unaffiliated holder for $3.625 a "
            "share, or $9.9 million.")
    price = frame_of(text, "money", "3.625 USD")
    assert (price.predicate_class, price.holder) == ("paid", "Ardmore Bank")
    assert "frame:price-of-the-act" in price.rules
    total = frame_of(text, "money", "9900000 USD")
    assert (total.predicate_class, total.holder) == ("paid", "Ardmore Bank")


def test_two_of_the_four_dead_is_a_part_of_the_toll(tmp_path: Path) -> None:
    fr = frame_of("Two of the four dead were from Skerra; the others were visitors.", "count", "2")
    assert "part of a group" in fr.scope and "frame:partitive" in fr.rules
    r = audit_texts(tmp_path, {
        "a": " date 2025-11-23 Four dead as ferry runs aground in storm. The ferry hit a reef near Port Alvery.",
        "b": " date 2025-11-23 Four people died when the ferry hit a reef. Two of the four dead were from Skerra.",
    })
    assert all(f.verdict != "conflict" for f in r.findings)


def test_a_first_count_is_an_earlier_figure(tmp_path: Path) -> None:
    fr = frame_of("In Fenwick Marsh the first count had the Civic Union ahead by 190 votes.", "count", "190")
    assert fr.modality == "earlier"
    r = audit_texts(tmp_path, {
        "a": " date 2025-10-08 In Fenwick Marsh, the Civic Union candidate finished ahead by 212 votes.",
        "b": " date 2025-10-08 In Fenwick Marsh the first count had the Civic Union ahead by 190 votes; the "
             "recount widened the margin slightly.",
    })
    assert all(f.verdict != "conflict" for f in r.findings)


def test_people_aboard_and_people_carried_are_one_count(tmp_path: Path) -> None:
    fr = frame_of("The ferry ran aground on Saturday with 321 passengers and 24 crew aboard.", "count", "321")
    assert fr.predicate_class == "carried" and "frame:on-board" in fr.rules
    r = audit_texts(tmp_path, {
        "a": " date 2025-11-23 The ferry hit the reef on Saturday. It was carrying 312 passengers and 24 crew.",
        "b": " date 2025-11-23 The ferry ran aground on Saturday evening with 321 passengers and 24 crew aboard.",
    })
    f = finding_with(r, "count", "312")
    assert f.verdict == "conflict" and values_of(f) == {"312": ("a",), "321": ("b",)}


def test_a_year_opening_a_sentence_without_a_comma_dates_its_clauses(tmp_path: Path) -> None:
    fr = frame_of("In 2011 its sister ship struck the quay in high winds, injuring 12 passengers.",
                  "count", "12")
    assert fr.recalled and "frame:when-sentence-opener" in fr.rules
    r = audit_texts(tmp_path, {
        "a": " date 2025-11-24 Thirty-eight passengers were injured when the ferry hit the reef on Saturday.",
        "b": " date 2025-11-25 The ferry hit the reef on Saturday and 38 passengers were injured. In 2011 its "
             "sister ship struck the quay in high winds, injuring 12 passengers.",
    })
    assert all(f.verdict != "conflict" for f in r.findings)


def test_everyone_on_board_is_not_a_figure_for_the_passengers(tmp_path: Path) -> None:
    r = audit_texts(tmp_path, {
        "a": " date 2025-11-23 The ferry hit the reef on Saturday. It was carrying 312 passengers and 24 crew.",
        "b": " date 2025-11-24 The coastguard said the last of the 336 people on board had been accounted for.",
        "c": " date 2025-11-24 The ferry ran aground on Saturday evening with 321 passengers and 24 crew aboard.",
    })
    f = finding_with(r, "count", "312")
    assert f.verdict == "conflict" and values_of(f) == {"312": ("a",), "321": ("c",)}
    # the same count of one thing that disagrees stays a conflict ("23 pirates" are not 12 + 11 of others)
    (tmp_path / "two").mkdir()
    r2 = audit_texts(tmp_path / "two", {
        "a": " date 2009-01-01 The navy caught 12 Somalis and 11 Yemenis on the dhow.",
        "b": " date 2009-01-01 The navy said it had arrested 23 Somalis on the dhow.",
    })
    assert finding_with(r2, "count", "23").verdict == "conflict"
