"""Claim extraction: examples for each extractor from the seeds, the devset and other kinds of news;
evidence offsets on every real article; precision/recall floors on the hand-labelled sample."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from audit.entities import build
from audit.extract import REGISTRY, extract_article
from audit.loader import load
from audit.model import Article, Claim
from tests.conftest import DEVSET, SEEDS, audit_texts, needs_shared
from tests.extraction_eval import evaluate


def claims_of(text: str, published: dt.date | None = None) -> list[Claim]:
    art = Article(id="t", path="t", status="audited", text=text, published=published,
                  published_basis="header" if published else "unknown")
    return extract_article(art)[1]


def one(text: str, kind: str, published: dt.date | None = None, **match: str) -> Claim:
    found = [c for c in claims_of(text, published) if c.kind == kind
             and all(getattr(c, k) == v for k, v in match.items())]
    assert len(found) == 1, (kind, match, [(c.kind, c.value, c.surface) for c in claims_of(text, published)])
    return found[0]


def test_registry_is_explicit_and_named() -> None:
    names = [e.name for e in REGISTRY]
    assert names[0] == "names"  # the others use the names it finds
    assert len(names) == len(set(names))
    assert {"dates", "times", "sport", "numbers", "ranks", "quotes", "attributes"} <= set(names)


# ---------------------------------------------------------------- dates and weekdays

D = dt.date


@pytest.mark.parametrize(("text", "pub", "value"), [
    ("Japan won on Wednesday (November 23).", D(2022, 11, 24), "2022-11-23"),
    ("They met on July 3, 2018 in Kazan.", None, "2018-07-03"),
    ("The hearing is set for Dec. 2.", D(2022, 11, 24), "2022-12-02"),
    ("Filed 2022-11-24 in court.", None, "2022-11-24"),
    ("Japan was bounced from the World Cup on Monday.", D(2018, 7, 3), "2018-07-02"),
    ("Luck threw for 205 yards Sunday.", D(2012, 12, 23), "2012-12-23"),
    ("Pagano is expected to return on Monday.", D(2012, 12, 23), "2012-12-24"),
    ("A woman was killed last Friday.", D(2013, 9, 19), "2013-09-13"),
    ("The crash happened last night.", D(2013, 9, 14), "2013-09-13"),
    ("She will be arraigned tomorrow.", D(2013, 9, 14), "2013-09-15"),
    ("The quake struck yesterday.", D(2025, 2, 13), "2025-02-12"),
    ("Texans rushed against Houston (10/1/61).", None, "1961-10-01"),
])
def test_dates_resolve(text: str, pub: dt.date | None, value: str) -> None:
    (c,) = [c for c in claims_of(text, pub) if c.kind == "date"]
    assert c.value == value
    assert text[c.start:c.end] == c.surface


def test_weekday_date_pair_is_checked() -> None:
    ok = one("It happened on Wednesday (November 23).", "date", D(2022, 11, 24))
    assert "Wednesday matches 2022-11-23" in (ok.note or "")
    bad = one("It happened on Thursday (November 23).", "date", D(2022, 11, 24))
    assert "does not match" in (bad.note or "")


def test_weekday_without_publication_date_stays_a_weekday() -> None:
    c = one("The upset came on Thursday morning when they toppled Germany 2-1.", "date")
    assert c.value == "Thursday" and c.surface == "Thursday morning"


def test_relative_dates_without_publication_date_are_kept_unresolved() -> None:
    c = one("He was hurt last night near the park.", "date")
    assert c.low is None and "unresolved" in (c.note or "")


def test_spans_and_years() -> None:
    c = one("The first systems ship in the second half of 2012.", "date")
    assert c.value == "2012-07-01..2012-12-31"
    assert one("SeaMicro was founded in 2007.", "date").value == "2007"
    assert not [c for c in claims_of("He drove a gray 2013 Toyota Camry.") if c.kind == "date"]


# ---------------------------------------------------------------- embedded posts and publication date


def test_embedded_post_is_a_post_with_its_own_date() -> None:
    (a,) = [x for x in load([SEEDS]) if x.id.startswith("004")]
    art, claims, _, layout = extract_article(a)
    assert art.published == D(2018, 7, 3) and art.published_basis == "inferred"
    posts = [r for r in layout.regions if r.context == "post"]
    assert len(posts) == 6 and {r.posted for r in posts} == {D(2018, 7, 2), D(2018, 7, 3)}
    assert posts[0].author == "ESPN FC (@ESPNFC)"
    post_dates = [c for c in claims if c.kind == "date" and c.context == "post"]
    assert len(post_dates) == 6
    monday = next(c for c in claims if c.surface == "Monday")
    assert monday.value == "2018-07-02" and monday.context == "body"


def test_dateline_near_the_top_gives_the_publication_date() -> None:
    art = Article(id="x", path="x", status="audited",
                  text="Colts beat Chiefs\nDecember 23, 2012 6:11 PM\nLuck threw for 205 yards Sunday.")
    a2, claims, _, _ = extract_article(art)
    assert a2.published == D(2012, 12, 23) and a2.published_basis == "inferred"
    assert next(c for c in claims if c.surface == "Sunday").value == "2012-12-23"


# ---------------------------------------------------------------- times


@pytest.mark.parametrize(("text", "value", "utc"), [
    ("The quake struck at 1353 (1023 GMT) on Friday.", "13:53 local", None),
    ("It was posted at 6:41pm PST.", "18:41 PST", "02:41 UTC"),
    ("Shaking began at 18:41 local time.", "18:41 local", None),
    ("She was struck about 7 p.m.", "19:00", None),
    ("The call is at 4:45 p.m. EST today.", "16:45 EST", "21:45 UTC"),
])
def test_times(text: str, value: str, utc: str | None) -> None:
    c = next(c for c in claims_of(text) if c.kind == "time")
    assert c.value == value
    assert dict(c.extra).get("utc") == utc
    assert text[c.start:c.end] == c.surface


def test_time_with_gmt_in_parentheses_gives_two_claims() -> None:
    vals = [c.value for c in claims_of("The quake struck at 1353 (1023 GMT) on Friday.") if c.kind == "time"]
    assert vals == ["13:53 local", "10:23 GMT"]


# ---------------------------------------------------------------- sport


def test_minutes_and_derived_minute_from_the_seeds() -> None:
    text = ("Despite conceding the opener in the 33rd minute to Ilkay Gundogan, Japan came back. Ritsu Doan "
            "scored the equalizer in the 75th minute before Takuma Asano netted the winner eight minutes after.")
    cl = [c for c in claims_of(text) if c.kind == "minute"]
    assert [(c.value, c.subject) for c in cl] == [("33", "Ilkay Gundogan"), ("75", "Ritsu Doan"), ("83", "Takuma Asano")]
    assert "83 = 75 + 8" in (cl[2].note or "")


def test_periods_rounds_and_clocks() -> None:
    c = one("Hansi Flick's side took the lead through a first-half penalty from Ilkay Gundogan.", "period")
    assert c.value == "first half" and c.subject == "Ilkay Gundogan" and (c.low, c.high) == (1.0, 45.0)
    c = one("Usyk stopped Petrenko at 2:15 of the seventh round in Las Vegas.", "clock")
    assert c.value == "2:15 elapsed" and dict(c.extra)["period"] == "round 7"
    c = one("Succop tied it with 10:03 to play in the third quarter.", "clock")
    assert c.value == "10:03 left" and dict(c.extra)["period"] == "quarter 3"
    assert one("Japan led with less than 40 minutes left.", "clock").value == "40 min left"
    goals = one("Goals from Ritsu Doan and Takuma Asano in the second half won it.", "period")
    assert dict(goals.extra)["people"] == "Ritsu Doan|Takuma Asano"


@pytest.mark.parametrize(("text", "kind", "attribute", "value"), [
    ("Japan defeated Hansi Flick's men 2-1 on Wednesday.", "score", "final score", "2-1"),
    ("Germany toppled 2–1 by Japan in the final.", "score", "final score", "2-1"),
    ("After taking a 2-0 lead against Belgium, Japan lost.", "score", "lead", "lead by 2"),
    ("Japan took a two-goal lead over powerful Belgium.", "score", "lead", "lead by 2"),
    ("His penalty put them 1-0 ahead.", "score", "lead", "lead by 1"),
    ("Luck calmly led Indianapolis (10-5) downfield.", "record", "record", "10-5"),
])
def test_scores_leads_records(text: str, kind: str, attribute: str, value: str) -> None:
    c = one(text, kind)
    assert (c.attribute, c.value) == (attribute, value)


def test_qualified_record_is_its_own_attribute() -> None:
    c = one("The Colts are 8-1 in games decided by one score or less.", "record")
    assert c.attribute == "record (close games)"
    c = one("The Colts moved their record to 9-1 in one-possession games.", "record")
    assert c.attribute == "record (close games)"


# ---------------------------------------------------------------- counts and quantities


@pytest.mark.parametrize(("text", "kind", "value", "qualifier"), [
    ("They left behind 10 origami cranes with a sign.", "count", "10 crane", None),
    ("He shared the clip with his 2.6 million followers.", "count", "2600000 follower", None),
    ("It has been watched more than 7 million times.", "count", "7000000 time", "more than"),
    ("The quake killed at least 40 people, officials said.", "count", "40 people", "at least"),
    ("Eight people were hurt.", "count", "8 people", None),
    ("A dozen bridges were damaged.", "count", "12 bridge", None),
    ("AMD will pay $334 million in cash and stock.", "money", "334000000 USD", None),
    ("The epicentre was 1,500 km away.", "quantity", "1500000 m", None),
    ("The epicentre was 940 miles away.", "quantity", "1512783 m", None),
    ("The box is just 17.5 inches high.", "quantity", "0.4445 m", None),
    ("A magnitude 6.1 quake struck.", "magnitude", "6.1", None),
    ("The Social Democrats won 112 of the 349 seats.", "count", "112 seat", None),
])
def test_counts(text: str, kind: str, value: str, qualifier: str | None) -> None:
    c = next(c for c in claims_of(text) if c.kind == kind)
    # a count's value is its number; what it counts is its unit
    shown = f"{c.value} {c.unit}" if kind == "count" else c.value
    assert (shown, c.qualifier) == (value, qualifier)
    assert text[c.start:c.end] == c.surface


def test_qualifiers_become_intervals() -> None:
    c = one("at least 40 people were killed", "count")
    assert c.low == 40 and c.high == float("inf")
    c = one("about 9,000 customers lost money", "count")
    assert c.low is not None and c.high is not None and c.low < 9000 < c.high


def test_ages_and_records() -> None:
    assert one("Raj Chohan, 59, of South Ozone Park died.", "age").subject == "Raj Chohan"
    assert one("The 85-year-old driver was arrested.", "age").value == "85"
    assert one("Police said a man aged 85 was hurt.", "age").value == "85"


def test_hyphenated_count_counts_the_word_after_the_hyphen() -> None:
    c = one("Rescuers dug through the ruins of a six-storey hotel.", "count")
    assert (c.value, c.unit) == ("6", "storey") and c.subject is None


# ---------------------------------------------------------------- ranks, quotes, attributes


@pytest.mark.parametrize(("text", "value"), [
    ("After taking a lead against the world No 3 Belgium side", "No 3"),
    ("Japan upset four-time champions Germany.", "4-time champions"),
    ("to seal a quarter-final berth for the first time ever", "first time ever"),
    ("the Chiefs rushed for the 3rd-most yards in franchise history", "3-most"),
])
def test_ranks(text: str, value: str) -> None:
    assert one(text, "rank").value == value


@pytest.mark.parametrize(("text", "speaker"), [
    ("“The players came together as one team,” said Japan manager Hajime Moriyasu.", "Hajime Moriyasu"),
    ("“We made it too easy for Japan,” Gundogan told Germany’s ARD TV network.", "Gundogan"),
    ("Judge Eleanor Whitacre called the scheme “a fraud dressed up as a revolution” on Tuesday.", "Eleanor Whitacre"),
    ("A big reason why was Brady Quinn.\n“This game was on my shoulders,” he said.", "Brady Quinn"),
])
def test_quotes_and_speakers(text: str, speaker: str) -> None:
    c = one(text, "quote")
    assert c.subject == speaker
    assert text[c.start:c.end] == c.surface


def test_colour_charges_residence() -> None:
    c = one("He mowed into the older woman with his gray 2013 Toyota Camry.", "attribute")
    assert (c.value, c.subject) == ("grey", "Camry")
    c = one("Subryan has been charged with vehicular manslaughter and leaving the scene.", "charge")
    assert c.value == "leaving the scene + manslaughter"
    c = next(c for c in claims_of("Raj K. Chohan, 59, of College Point, lying in the roadway.") if c.attribute == "residence")
    assert (c.value, c.subject) == ("College Point", "Raj K. Chohan")


# ---------------------------------------------------------------- names and canonical entities


def _index(texts: dict[str, str]):  # type: ignore[no-untyped-def]
    mentions = []
    for aid, text in texts.items():
        _, _, ms, _ = extract_article(Article(id=aid, path=aid, status="audited", text=text))
        mentions.extend((aid, m) for m in ms)
    return build(mentions)


def test_spelling_variants_short_forms_and_different_people() -> None:
    idx = _index({
        "a": "Iiikay Gundogan scored at the Khalifa Internation Stadium. Ravi Singh watched.",
        "b": "Ilkay Gundogan scored at Khalifa International Stadium. Gundogan smiled. Manpreet Singh spoke.",
        "c": "Ilkay Gündoğan scored at the Khalifa Stadium.",
    })
    assert idx.get("a", "Iiikay Gundogan") is idx.get("b", "Ilkay Gundogan") is idx.get("c", "Ilkay Gündoğan")
    assert idx.get("b", "Gundogan") is idx.get("b", "Ilkay Gundogan")
    assert idx.get("a", "Khalifa Internation Stadium") is idx.get("c", "Khalifa Stadium")
    assert idx.get("a", "Ravi Singh") is not idx.get("b", "Manpreet Singh")


def test_an_acronym_with_two_letters_swapped_in_one_article_is_a_variant(tmp_path: Path) -> None:
    texts = {
        "a": " date 2024-03-02 The Regional Rail Safety Board (RRSB) opened an inquiry. The RRSB said trains stopped.",
        "b": " date 2024-03-02 Investigators from the Regional Rail Safety Board (RRSB) arrived on Friday.",
        "c": " date 2024-03-02 The RRSB has sealed the tunnel, officials said.",
        "d": " date 2024-03-02 An RSRB inspector said the signals had failed an hour before the crash.",
    }
    idx = _index({k: v[17:] for k, v in texts.items()})
    assert idx.get("d", "RSRB") is idx.get("a", "RRSB")
    report = audit_texts(tmp_path, texts)
    (f,) = [f for f in report.findings if f.verdict == "variant" and any(g.value == "RSRB" for g in f.values)]
    assert "two neighbouring letters swapped" in f.note and f.outlier == ("d",)


def test_two_acronyms_each_used_widely_are_two_bodies() -> None:
    idx = _index({"a": "The NTSB and the NSTB met.", "b": "The NTSB spoke. The NSTB did not.",
                  "c": "The NSTB wrote to the NTSB."})
    assert idx.get("a", "NTSB") is not idx.get("a", "NSTB")


def test_demonyms_and_established_names_are_not_merged() -> None:
    idx = _index({"a": "Germany beat Japan. The Germans were stunned. Belgium lost to Belgian rivals.",
                  "b": "Austria and Australia met in Vienna. Austria won."})
    assert idx.get("a", "Germany") is not idx.get("a", "Germans")
    assert idx.get("a", "Belgium") is not idx.get("a", "Belgian")
    assert idx.get("b", "Austria") is not idx.get("b", "Australia")


def test_surname_alone_resolves_within_its_article() -> None:
    idx = _index({"a": "Lachlan Pryor, 41, was sentenced. His brother Marcus Pryor, 38, watched. Pryor wept.",
                  "b": "Marcus Pryor was also charged. Pryor denied it."})
    assert idx.get("a", "Pryor") is idx.get("a", "Lachlan Pryor")
    assert idx.get("b", "Pryor") is idx.get("b", "Marcus Pryor")


# ---------------------------------------------------------------- every real article: offsets


def _real_articles() -> list[Article]:
    folders = [SEEDS, *(sorted(DEVSET.glob("*/")) if DEVSET.is_dir() else []), Path(__file__).parent / "batches"]
    return [a for a in load(folders) if a.audited]


def test_evidence_offsets_on_every_real_article() -> None:
    arts = _real_articles()
    assert len(arts) >= 15
    total = 0
    for a in arts:
        a2, claims, mentions, _ = extract_article(a)
        for c in claims:
            assert 0 <= c.start < c.end <= len(a2.text)
            assert a2.text[c.start:c.end] == c.surface, (a.id, c)
        for m in mentions:
            assert a2.text[m.start:m.end] == m.surface
        total += len(claims)
    assert total > 1000


@needs_shared
def test_every_kind_is_found_on_the_devset() -> None:
    kinds = set()
    for a in load(sorted(DEVSET.glob("*/"))):
        if a.audited:
            kinds |= {c.kind for c in extract_article(a)[1]}
    assert {"date", "time", "score", "record", "count", "money", "quantity", "age", "rank", "quote", "person",
            "place", "org", "charge", "attribute", "period", "clock"} <= kinds


# ---------------------------------------------------------------- precision and recall floors


def test_precision_and_recall_on_the_hand_labelled_sample() -> None:
    counts = evaluate()
    tp = sum(v[0] for v in counts.values())
    fp = sum(v[1] for v in counts.values())
    fn = sum(v[2] for v in counts.values())
    assert tp / (tp + fp) >= 0.85 and tp / (tp + fn) >= 0.88, counts
    for cls in ("date", "weekday", "time", "score", "count", "age"):
        ctp, cfp, cfn = counts[cls]
        assert ctp / (ctp + cfn) >= 0.85, (cls, counts[cls])
        assert ctp / (ctp + cfp) >= 0.9, (cls, counts[cls])
