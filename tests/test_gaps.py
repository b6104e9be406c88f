"""Gaps found by scoring batches written blind (stories the tool was not built on), each closed by a general
rule and shown here on invented sentences (other people, places and figures than any batch).

One layer per test: the claim one sentence yields, or the verdict of a tiny report on two or three articles.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import audit
from audit.model import Finding, Report
from tests.conftest import audit_texts

PUBLISHED = dt.date(2023, 9, 12)


def claims(text: str, kind: str) -> list[tuple[str, str]]:
    return [(c.value, c.surface) for c in audit.extract_claims(text, published=PUBLISHED, kinds=[kind])]


def conflicts(report: Report, kind: str) -> list[Finding]:
    return [f for f in report.findings if f.kind.split("/")[0] == kind and f.verdict in ("conflict", "variant")]


def shown(report: Report) -> list[tuple[str, str, list[str]]]:
    return [(f.kind, f.verdict, [g.value for g in f.values]) for f in report.findings]


# --- extraction --------------------------------------------------------------------------------------------

def test_a_game_clock_in_overtime_is_a_clock() -> None:
    assert claims("Okoro scored at 11:02 of overtime.", "clock") == [("11:02 elapsed", "11:02 of overtime")]
    assert claims("The winner came at 3:15 of the extra period.", "clock") == [
        ("3:15 elapsed", "3:15 of the extra period")]
    assert claims("It was 11:02 in Lagos.", "clock") == []  # a clock with no period named is no game clock


def test_a_ratio_in_a_compound_is_not_a_count() -> None:
    assert claims("Varga finished a three-on-two break.", "count") == []
    assert claims("The bookmakers offered two-to-one odds.", "count") == []
    assert claims("They booked a four-storey hotel.", "count") == [("4", "four-storey")]


def test_a_series_standing_is_its_own_score() -> None:
    found = {(c.attribute, c.value) for c in audit.extract_claims(
        "The Falcons beat the Rams 5-2 on Friday and won the series 4-1.", published=PUBLISHED, kinds=["score"])}
    assert found == {("final score", "5-2"), ("series score", "4-1")}
    lead = audit.extract_claims("They hold a 3-1 series lead.", published=PUBLISHED, kinds=["score"])
    assert [(c.attribute, c.value) for c in lead] == [("series lead", "3-1")]


def test_an_ordinal_achievement_is_a_rank_of_its_holder() -> None:
    got = audit.extract_claims("The victory gave Dalvik its sixth championship.", published=PUBLISHED, kinds=["rank"])
    assert [(c.value, c.attribute, c.subject) for c in got] == [("6th title", "title count", "Dalvik")]
    streak = audit.extract_claims("Ilse Varn won her second straight title.", published=PUBLISHED, kinds=["rank"])
    assert [(c.value, c.attribute) for c in streak] == [("2nd title", "title count (in a row)")]
    # counted within a window: not the holder's tally
    assert claims("It was their first title since 2009.", "rank") == []
    assert claims("It was their third win in four games.", "rank") == []


def test_a_record_superlative_is_a_first_rank() -> None:
    assert claims("It is the biggest penalty in the agency's history.", "rank") == [("1-largest", "biggest")]
    assert claims("It is the second-largest penalty in the agency's history.", "rank") == [
        ("2-largest", "second-largest")]
    assert claims("Kano is the biggest city in the north.", "rank") == []  # no record: no rank


def test_an_age_in_apposition_belongs_to_the_name() -> None:
    after = audit.extract_claims("Lena Ostrova, the 31-year-old Latvian, won.", published=PUBLISHED, kinds=["age"])
    assert [(c.value, c.subject) for c in after] == [("31", "Lena Ostrova")]
    before = audit.extract_claims("The 48-year-old pilot, Tomas Greer, landed safely.", published=PUBLISHED,
                                  kinds=["age"])
    assert [(c.value, c.subject) for c in before] == [("48", "Tomas Greer")]


def test_a_clock_time_with_its_half_of_the_day_in_words() -> None:
    assert claims("The alarm sounded at 3:25 in the morning.", "time") == [("03:25", "3:25 in the morning")]
    assert claims("The call came at 9.15 at night.", "time") == [("21:15", "9.15 at night")]
    assert claims("The ferry left at 4:40 in the afternoon.", "time") == [("16:40", "4:40 in the afternoon")]


def test_a_weekday_before_day_and_month_is_one_date() -> None:
    assert claims("Nobody noticed until the early hours of Friday 1 September, when it failed.", "date") == [
        ("2023-09-01", "Friday 1 September")]


def test_overnight_beside_a_written_day_is_that_day_s_night() -> None:
    got = claims("The fault was found on Monday, September 4, when the pumps stopped overnight.", "date")
    assert got == [("2023-09-04", "Monday, September 4")]


def test_a_fine_in_the_passive_has_its_predicate() -> None:
    (money,) = audit.extract_claims("The lender was fined $4.2m by the regulator.", published=PUBLISHED,
                                    kinds=["money"])
    assert money.frame is not None and money.frame.predicate_class == "fined"


# --- alignment ---------------------------------------------------------------------------------------------

def test_two_clocks_of_one_overtime_goal_conflict(tmp_path: Path) -> None:
    report = audit_texts(tmp_path, {
        "one": "date 2023-09-11\nThe Falcons beat the Rams 3-2 on Sunday. Ruud Okoro scored at 11:02 of overtime.",
        "two": "date 2023-09-11\nThe Falcons edged the Rams 3-2 on Sunday. Okoro scored the winner at 12:01 of "
               "the extra period.",
    })
    (found,) = conflicts(report, "clock")
    assert {g.value for g in found.values} == {"11:02 elapsed", "12:01 elapsed"}


def test_a_series_score_is_not_set_against_a_game_score(tmp_path: Path) -> None:
    report = audit_texts(tmp_path, {
        "one": "date 2023-09-11\nThe Falcons beat the Rams 5-2 on Sunday and won the series 4-1.",
        "two": "date 2023-09-11\nThe Falcons took the series 4-1 after a 5-2 win over the Rams on Sunday.",
    })
    assert not conflicts(report, "score"), shown(report)


def test_two_ordinals_of_one_holder_s_titles_conflict(tmp_path: Path) -> None:
    report = audit_texts(tmp_path, {
        "one": "date 2023-09-11\nThe Falcons beat the Rams on Sunday. The win gave Lisbury its sixth championship.",
        "two": "date 2023-09-11\nThe Lisbury Falcons beat the Rams on Sunday to lift their seventh championship.",
    })
    (found,) = conflicts(report, "rank")
    assert {g.value for g in found.values} == {"6th title", "7th title"}


def test_a_record_and_a_second_place_conflict(tmp_path: Path) -> None:
    report = audit_texts(tmp_path, {
        "one": "date 2023-09-11\nThe agency fined Parrow Bank $4 million, the biggest fine in the agency's history.",
        "two": "date 2023-09-11\nThe $4 million fine handed to Parrow Bank is the second-largest in the agency's "
               "history.",
    })
    (found,) = conflicts(report, "rank")
    assert {g.value for g in found.values} == {"1-largest", "2-largest"}


def test_a_fine_told_actively_and_passively_conflicts(tmp_path: Path) -> None:
    report = audit_texts(tmp_path, {
        "one": "date 2023-09-11\nRegulators on Monday fined Parrow Bank $4.2 million over the leak.",
        "two": "date 2023-09-11\nParrow Bank was fined $2.4m by the Consumer Data Office on Monday over the leak.",
    })
    (found,) = conflicts(report, "money")
    assert {g.value for g in found.values} == {"4200000 USD", "2400000 USD"}


def test_a_first_name_with_a_doubled_letter_is_a_variant(tmp_path: Path) -> None:
    report = audit_texts(tmp_path, {
        "one": "date 2023-09-11\nRace director Glenn Marlowe said the course would reopen.",
        "two": "date 2023-09-11\nGlen Marlowe, the race director, said the course would reopen.",
        "three": "date 2023-09-11\nThe course will reopen, race director Glenn Marlowe said.",
    })
    found = [f for f in report.findings if f.verdict == "variant" and "Marlowe" in f.topic]
    assert found, shown(report)
    assert {g.value for g in found[0].values} == {"Glenn Marlowe", "Glen Marlowe"}


def test_landing_and_touching_down_are_one_moment(tmp_path: Path) -> None:
    report = audit_texts(tmp_path, {
        "one": "date 2023-09-11\nThe airliner landed at 6:12 p.m. after an engine warning, the airline said.",
        "two": "date 2023-09-11\nThe aircraft touched down at 6:48 p.m. after the crew reported an engine warning.",
    })
    (found,) = conflicts(report, "time")
    assert {g.value for g in found.values} == {"18:12", "18:48"}


def test_two_verbs_of_announcing_are_two_announcements(tmp_path: Path) -> None:
    report = audit_texts(tmp_path, {
        "one": "date 2023-09-11\nCordane disclosed the leak publicly on Aug. 3, the company said.",
        "two": "date 2023-09-11\nAccording to the ruling, published Monday, Cordane had not encrypted the files.",
    })
    assert not conflicts(report, "date"), shown(report)


def test_a_headline_verb_read_as_a_noun_still_names_the_act() -> None:
    # the tagger reads "steal" here as a noun: no verb in the parse
    text = "Bandits in disguise steal e25 million from Turin jewel shop\n\nTURIN - Bandits emptied a shop."
    (money,) = audit.extract_claims(text, published=PUBLISHED, kinds=["money"])
    assert money.context == "headline" and money.value == "25000000 EUR"
    assert money.frame is not None and money.frame.predicate_class == "stolen"
    assert "frame:predicate-headline-verb" in money.frame.rules


def test_a_time_taken_written_as_a_clock_is_one_duration() -> None:
    assert claims("Adeyemi won in 2:11:04, ahead of Borg.", "duration") == [("2:11:04", "2:11:04")]
    assert claims("Adeyemi won in 2h 11min 4sec.", "duration") == [("2:11:04", "2h 11min 4sec")]


def test_temperatures_in_either_scale_are_degrees_celsius() -> None:
    assert claims("Temperatures reached 34 degrees Celsius by noon.", "quantity") == [
        ("34 °C", "34 degrees Celsius")]
    assert claims("The weather service reported 93 degrees Fahrenheit at the airport.", "quantity") == [
        ("34 °C", "93 degrees Fahrenheit")]
    assert claims("The thermometer at the dock read 22C.", "quantity") == [("22 °C", "22C")]
    assert claims("She lives in flat 22C.", "quantity") == []  # no temperature in the sentence
    assert claims("The ship turned 90 degrees.", "quantity") == []  # no scale in the article: not a temperature
    # a bare "degrees" takes the one scale the article names
    text = "By noon it was 95 degrees Fahrenheit. At dawn it had been 77 degrees."
    assert claims(text, "quantity") == [("35 °C", "95 degrees Fahrenheit"), ("25 °C", "77 degrees")]


def test_a_temperature_bound_is_compatible_with_a_figure_above_it(tmp_path: Path) -> None:
    report = audit_texts(tmp_path, {
        "one": "date 2023-09-11\nThe weather service was reporting 95 degrees Fahrenheit at Orrin airport by noon.",
        "two": "date 2023-09-11\nTemperatures reached 35 degrees Celsius by noon, the weather service at Orrin said.",
        "three": "date 2023-09-11\nRunners at Orrin struggled in temperatures above 90 degrees Fahrenheit, the "
                 "weather service said.",
    })
    (found,) = [f for f in report.findings if f.topic == "temperature"]
    assert found.verdict == "agree", shown(report)  # 95 F = 35 C; "above 90 F" does not contradict them
    assert {g.value: g.articles for g in found.values} == {"35 °C": ("one", "two"), "32 °C": ("three",)}


def test_two_ledes_giving_a_named_event_s_day_in_other_verbs_conflict(tmp_path: Path) -> None:
    report = audit_texts(tmp_path, {
        "one": "date 2023-09-11\nOkoro wins in Orrin\n\nORRIN - Ruud Okoro won the Orrin Harbour Marathon on Sunday, "
               "breaking the course record in cool weather.\n\nHe was 31 seconds clear.",
        "two": "date 2023-09-12\nRecord falls in Orrin\n\nWhen the Orrin Harbour Marathon went off on Saturday under "
               "grey skies, nobody expected a record.\n\nRuud Okoro delivered one.",
    })
    found = [f for f in conflicts(report, "date") if {a for g in f.values for a in g.articles} == {"one", "two"}]
    assert len(found) == 1, shown(report)
    assert {g.value for g in found[0].values} == {"2023-09-10", "2023-09-09"}


def test_ledes_of_two_acts_of_a_person_are_not_one_day(tmp_path: Path) -> None:
    report = audit_texts(tmp_path, {
        "one": "date 2023-09-11\nOkoro wins in Orrin\n\nORRIN - Ruud Okoro won the Orrin Harbour Marathon on Sunday, "
               "breaking the course record.\n\nHe was 31 seconds clear.",
        "two": "date 2023-09-14\nOkoro banned\n\nORRIN - Ruud Okoro was suspended on Wednesday, three days after the "
               "Orrin Harbour Marathon, for a missed test.\n\nHe denies wrongdoing.",
    })
    assert not conflicts(report, "date"), shown(report)


def test_a_sum_paid_each_told_by_verb_and_by_noun_conflicts(tmp_path: Path) -> None:
    report = audit_texts(tmp_path, {
        "one": "date 2023-09-11\nThe ferry operator paid each passenger 400 euros on Friday, a spokesman said.",
        "two": "date 2023-09-11\nThe ferry operator made an interim payment of EUR 300 each on Friday, its chief said.",
    })
    (found,) = conflicts(report, "money")
    assert {g.value for g in found.values} == {"400 EUR", "300 EUR"}


def test_an_age_before_a_word_for_a_person_is_the_most_named_person_s() -> None:
    text = ("Helena Vost founded the firm in 2009. Vost was charged last year, and Vost denied it. "
            "Jurors convicted the 61-year-old founder on Thursday, the prosecutor Ian Rudd said.")
    got = audit.extract_claims(text, published=PUBLISHED, kinds=["age"])
    assert [(c.value, c.subject) for c in got] == [("61", "Helena Vost")]
    # two people named as often: nobody in particular
    even = "Helena Vost and Ian Rudd met. Vost spoke; Rudd spoke. The 61-year-old founder left."
    assert [(c.value, c.subject) for c in audit.extract_claims(even, published=PUBLISHED, kinds=["age"])] == [
        ("61", "founder")]


def test_spending_a_night_is_no_payment() -> None:
    (count,) = audit.extract_claims("Some 210 people spent Monday night at the sports hall.", published=PUBLISHED,
                                    kinds=["count"])
    assert count.frame is not None and count.frame.predicate_class is None
    (money,) = audit.extract_claims("The town spent $4 million on repairs.", published=PUBLISHED, kinds=["money"])
    assert money.frame is not None and money.frame.predicate_class == "spent"


def test_a_clock_with_a_leading_zero_beside_a_day_is_a_time() -> None:
    assert claims("Gauges showed the river topping the wall at 05:10 on Monday.", "time") == [("05:10", "05:10")]
    assert claims("He ran the lap in 4:59.", "time") == []  # no zero, no day: a duration or a game clock


def test_what_evidence_shows_happened_is_in_the_past() -> None:
    # published on a Tuesday: "on Monday" is the day before, not the Monday to come
    got = claims("Data from the rivers board shows water spilling over the wall at 05:10 on Monday.", "date")
    assert got == [("2023-09-11", "Monday")]
    ahead = claims("Forecasts show rain falling on Monday.", "date")
    assert ahead == [("2023-09-18", "Monday")]


def test_water_over_a_barrier_told_by_two_verbs_is_one_moment(tmp_path: Path) -> None:
    report = audit_texts(tmp_path, {
        "one": "date 2023-09-12\nThe river poured over the Eastgate barrier at 4:10 a.m. on Monday, the board said.",
        "two": "date 2023-09-13\nGauges show water first spilling over the Eastgate barrier at 05:10 on Monday.",
    })
    (found,) = conflicts(report, "time")
    assert {g.value for g in found.values} == {"04:10", "05:10"}


def test_a_fund_s_size_told_by_any_verb_is_one_slot(tmp_path: Path) -> None:
    report = audit_texts(tmp_path, {
        "one": "date 2023-09-12\nThe council yesterday announced a £2.5 million emergency fund for households.",
        "two": "date 2023-09-12\nThe council said it would make a £2.5m hardship fund available to households.",
        "three": "date 2023-09-12\nThe council's £3.5 million emergency fund is now open to households.",
    })
    (found,) = conflicts(report, "money")
    assert {g.value: g.articles for g in found.values} == {"2500000 GBP": ("one", "two"), "3500000 GBP": ("three",)}


def test_a_part_of_a_total_of_charges_is_the_count_convicted_on(tmp_path: Path) -> None:
    (eight, _total) = audit.extract_claims("The jury convicted the banker on eight of 11 charges.",
                                          published=PUBLISHED, kinds=["count"])
    assert eight.value == "8" and eight.frame is not None
    assert (eight.frame.predicate_class, eight.frame.thing_class) == ("convicted", "charge")
    assert "part of a group" in eight.frame.scope
    report = audit_texts(tmp_path, {
        "one": "date 2023-09-12\nThe jury convicted Ilan Presk on Monday on eight of 11 charges.",
        "two": "date 2023-09-12\nJurors found Ilan Presk guilty on Monday on nine of the eleven counts.",
    })
    found = [f for f in conflicts(report, "count") if {g.value for g in f.values} == {"8", "9"}]
    assert len(found) == 1, shown(report)


def test_taken_to_hospital_counts_the_injured_and_a_point_on_a_route_is_no_length(tmp_path: Path) -> None:
    (count,) = audit.extract_claims("Nineteen riders were transported to hospitals.", published=PUBLISHED,
                                    kinds=["count"])
    assert count.frame is not None and count.frame.predicate_class == "injured"
    assert claims("By 30 kilometers only three riders remained.", "quantity") == []
    assert claims("The riders covered 30 kilometers.", "quantity") == [("30000 m", "30 kilometers")]
    report = audit_texts(tmp_path, {
        "one": "date 2023-09-11\nThe fire service said 12 riders were taken to hospital after the race in Orrin.",
        "two": "date 2023-09-11\nThe fire service said 17 riders were transported to hospitals after the race in Orrin.",
    })
    (found,) = conflicts(report, "count")
    assert found.topic.endswith("injured"), found.topic


def test_review_cases_of_the_day_s_rules() -> None:
    # "12:30 at night" is half past midnight, not noon
    assert claims("The siren sounded at 12:30 at night.", "time") == [("00:30", "12:30 at night")]
    # an edition of an event is nobody's tally; a holder's is
    assert claims("Ruud Okoro won the 45th Orrin Marathon.", "rank") == []
    assert claims("It was Okoro's third marathon.", "rank") == [("3rd marathon", "third marathon")]
    # "every" is not "ever"
    assert claims("It is the largest firm, with offices in every region.", "rank") == []
    # a person noun outside the role table
    got = audit.extract_claims("Ilan Presk flew. Presk landed, and Presk waved. The 61-year-old pilot was unhurt.",
                               published=PUBLISHED, kinds=["age"])
    assert [(c.value, c.subject) for c in got] == [("61", "Ilan Presk")]
    # double and second overtime are overtime periods
    assert claims("He scored at 4:10 of double overtime.", "clock") == [("4:10 elapsed", "4:10 of double overtime")]
    # a length from one figure to another is a length
    assert claims("The course was shortened from 42 kilometers to 30 kilometers.", "quantity") == [
        ("42000 m", "42 kilometers"), ("30000 m", "30 kilometers")]


def test_years_of_a_recurring_act_far_apart_in_every_digit_are_two_occasions(tmp_path: Path) -> None:
    from audit.kinds.temporal import _slip

    assert _slip("1968", "1986") and _slip("2019", "2017") and _slip("2004", "2014")  # misprints of one year
    assert not _slip("2007", "1986") and not _slip("1952", "1998")  # two occasions
    report = audit_texts(tmp_path, {
        "one": "date 2023-09-11\nThe July 2007 flood, until now the worst in memory, saw 150 homes flooded in Orrin.",
        "two": "date 2023-09-11\nOrrin, a town of 9,000 people, was last badly flooded in 2007, before the wall was built.",
        "three": "date 2023-09-11\nThe river beat the old high-water mark at Orrin, set during the great flood of 1986.",
    })
    assert not [f for f in conflicts(report, "date") if "1986" in {g.value for g in f.values}], shown(report)


def test_an_age_in_a_relative_clause_and_the_year_of_a_final() -> None:
    got = audit.extract_claims("Ilse Varn lost. Varn, who is 29, will play again.", published=PUBLISHED, kinds=["age"])
    assert [(c.value, c.subject) for c in got] == [("29", "Varn")]
    assert claims("Varn, who is 29 percent owner, smiled.", "age") == []
    (year,) = audit.extract_claims("Varn had beaten Okoro in the 2019 final.", published=PUBLISHED, kinds=["date"])
    assert year.frame is not None and year.frame.predicate_class == "played"


def test_a_sum_that_a_copula_or_for_gives_a_noun_is_that_noun_s_size(tmp_path: Path) -> None:
    (money,) = audit.extract_claims("The champion's cheque was €300,000.", published=PUBLISHED, kinds=["money"])
    assert money.frame is not None and money.frame.thing == "cheque"
    report = audit_texts(tmp_path, {
        "one": "date 2023-09-11\nIlse Varn won the final. The champion's cheque was €300,000.",
        "two": "date 2023-09-11\nIlse Varn won the final. Long before the cheque for €330,000, Varn was a junior.",
    })
    (found,) = conflicts(report, "money")
    assert {g.value for g in found.values} == {"300000 EUR", "330000 EUR"}


# --- frame grammar (the rules that took frame accuracy to 0.90; invented sentences) -------------------------

def frames(text: str) -> dict[str, tuple[str | None, str | None, str | None]]:
    """Each claim's (predicate class, counted thing, holder), by surface."""
    return {c.surface: (c.frame.predicate_class, c.frame.thing, c.frame.holder)
            for c in audit.extract_claims(text, published=PUBLISHED) if c.frame is not None}


def test_add_with_an_object_is_an_act_not_speech() -> None:
    got = audit.extract_claims("The agency said the sector added 41,000 jobs in March.", published=PUBLISHED)
    by = {c.surface: c.frame for c in got if c.frame is not None}
    assert by["March"].predicate_class == "employed"
    assert by["41,000 jobs"].source == "agency"  # not "sector": adding jobs is not speaking


def test_a_level_after_a_change_is_no_change_and_index_points_are_a_unit() -> None:
    assert claims("The jobless rate rose 0.3 percent, to 5.1 percent.", "change") == [("+0.3%", "0.3 percent")]
    assert frames("The jobless rate rose 0.3 percent, to 5.1 percent.")["5.1 percent"][0] == "measured"
    assert frames("Selling pushed the Halvor index down 48.5 points.")["48.5 points"] == ("changed", None, None)
    assert frames("The peso has lost 18 percent of its value.")["18 percent"][0] == "changed"


def test_totals_shortfalls_and_thresholds_take_no_act_of_winning() -> None:
    got = frames("The Green League won 97 of the 180 seats, falling 4 seats short of a majority.")
    assert got["97"] == ("voted", "seat", "Green League")
    assert got["180 seats"][0] is None and got["4 seats short"][0] is None
    assert frames("The party has 40 seats, short of the 43 seats needed for a majority.")["43 seats"][0] == "needed"


def test_acts_named_by_grammar_not_by_the_nearest_verb() -> None:
    assert frames("In 2004 she joined the board, and the following year she was appointed chair.")[
        "the following year"][0] == "appointed"
    assert frames("Ostrova was made a captain on March 3, 2011.")["March 3, 2011"][0] == "appointed"
    assert frames("Investors approved its takeover by Carrow Ltd for $31 a share.")["$31"][0] == "paid"
    assert frames("Officials said 410 evacuees reached the camp.")["410 evacuees"][0] == "evacuated"
    assert frames("About 900 prisoners were taken.")["About 900 prisoners"][0] == "arrested"
    assert frames("Larkspur released its third album in 2001.")["third album"] == ("released", "album", "Larkspur")
    assert frames("A mudslide struck a hill town on Monday.")["Monday"][0] == "affected"
    assert frames("The quake struck on Monday.")["Monday"][0] == "occurred"
    # what the date or figure is not about
    assert frames("In May, investigators concluded she had been killed.")["May"][0] is None
    assert frames("A jury found Halloran guilty on six counts.")["six counts"][0] == "convicted"
    assert frames("Velmar sought approval last week to acquire the mill.")["last week"][0] is None
    episodes = frames("Ines Moreau will retire in June after presenting more than 5,200 episodes.")
    assert episodes["more than 5,200 episodes"] == (None, "episode", "Ines Moreau")


def test_holders_through_control_recipients_and_relatives() -> None:
    assert frames("The court ordered Tomas Brezny to pay $1.8 million in damages.")["$1.8 million"][2] == "Tomas Brezny"
    assert frames("Final figures gave the Farmers Union 33 seats.")["33 seats"][2] == "Farmers Union"
    assert frames("Analysts praised Orbeck, whose revenue reached $2.1 billion in 2020.")["$2.1 billion"][2] == "Orbeck"
    assert frames("Calder Corp. posted a loss of $4.2 million, compared with a profit of $1.1 million a year earlier."
                  )["$1.1 million"][2] == "Calder Corp"
    assert frames("The merger raises Brandt's fleet to 212 trucks.")["212 trucks"][2] == "Brandt"
    assert frames("Marlowind sold 40,000 copies.")["40,000 copies"][2] == "Marlowind"
    assert frames("Both U.S. and Mexican officials filed objections in 2011.")["2011"][2] == "U.S."
    assert frames("Ferrand Inc. said it is cutting about 200 jobs, or 15% of its staff.")["15%"][2] == "Ferrand Inc"
    # an address is where the company is, not who it is
    assert frames("The Dover, Del.-based lender said its profit rose 4% to $12 million.")["$12 million"][2] is None


def test_names_with_an_ordinal_or_an_and_before_an_organisation_head() -> None:
    names = [c.surface for c in audit.extract_claims("Salt Lake City-based Second Harbor said the Green and Liberal "
                                                     "Party would back it.", published=PUBLISHED)
             if c.kind in ("person", "place", "org", "name")]
    assert "Second Harbor" in names and "Green and Liberal Party" in names


def test_a_slot_of_figures_never_takes_in_two_owners(tmp_path: Path) -> None:
    report = audit_texts(tmp_path, {
        "a1": "The Green League won 97 seats in the election.",
        "a2": "The Harbor Party won 61 seats in the election.",
        "a3": "In all, 80 seats changed hands in the election.",
    })
    for f in report.findings:
        assert not {"97", "61"} <= {g.value for g in f.values}, f
