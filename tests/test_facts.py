"""Facts, not mentions: agreements are facts ordered by what an editor checks first, and a name spelled
alike in several articles is listed once, not reported as a finding."""

from __future__ import annotations

from audit import facts
from audit.judge import order_findings
from audit.model import VERDICTS, Evidence, Finding, ValueGroup


def _finding(fid: str, kind: str, topic: str, sentence: str, surface: str, verdict: str = "agree") -> Finding:
    ev = tuple(Evidence(article=a, start=0, end=len(surface), text=surface, sentence=sentence) for a in ("a", "b"))
    return Finding(id=fid, event="E1", topic=topic, kind=kind, verdict=verdict, severity="info",
                   values=(ValueGroup(value=surface, articles=("a", "b"), evidence=ev, display=surface),))


def test_casualty_figures_come_first_then_figures_dates_results_people_other() -> None:
    quote = _finding("F1", "quote", "quote of the mayor", "“We will rebuild,” the mayor said.", "We will rebuild")
    role = _finding("F2", "role", "coach of the visitors", "The visitors' coach, Ann Berg, said.", "Ann Berg")
    score = _finding("F3", "score", "final score", "They won 3-1 at home.", "3-1")
    date = _finding("F4", "date", "date of the fire", "The fire broke out on 4 May.", "4 May")
    houses = _finding("F5", "count", "number of house", "The storm damaged 1,300 houses.", "1,300 houses")
    dead = _finding("F6", "count", "number of people", "At least 12 people were killed in the storm.", "12 people")
    shuffled = [quote, role, score, date, houses, dead]
    ordered = order_findings(shuffled, {v: k for k, v in enumerate(VERDICTS)})
    assert [f.id for f in ordered] == ["F6", "F5", "F4", "F3", "F2", "F1"]
    assert [facts.group(f) for f in ordered] == ["casualties", "figures", "dates", "results", "people", "other"]


def test_a_casualty_word_must_stand_beside_the_figure() -> None:
    far = _finding("F7", "count", "number of truck", "Five trucks arrived hours later, long after the victims were "
                   "found.", "Five trucks")
    assert facts.group(far) == "figures"
    near = _finding("F8", "count", "number of person", "Officials said 40 people died.", "40 people")
    assert facts.group(near) == "casualties"


def test_an_unknown_kind_is_another_fact_and_verdicts_still_come_first() -> None:
    new_kind = _finding("F9", "colour", "colour of the car", "The car was silver.", "silver")
    conflict = _finding("F0", "quote", "quote", "x", "x", verdict="conflict")
    assert facts.group(new_kind) == "other"
    ordered = order_findings([new_kind, conflict], {v: k for k, v in enumerate(VERDICTS)})
    assert ordered[0].verdict == "conflict"


def test_seed_agreements_are_facts_in_editor_order_and_names_are_listed_once(seeds_report: dict) -> None:
    agreements = [Finding.from_dict(f) for f in seeds_report["findings"] if f["verdict"] == "agree"]
    assert agreements
    assert not [f.topic for f in agreements if f.topic.startswith("spelling of")], "a bare name is not an agreement"
    ranks = [facts.rank(f) for f in agreements]
    assert ranks == sorted(ranks)
    names = {n["name"]: n for n in seeds_report["names"]}
    assert seeds_report["summary"]["names_consistent"] == len(names) >= 10
    japan = names["Japan"]
    assert len(japan["articles"]) == 5 and japan["mentions"] >= len(japan["evidence"]) >= 5
    # a name that has a variant is a finding, not a consistently used name
    assert "Ilkay Gundogan" not in names and "Khalifa International Stadium" not in names


def test_names_used_consistently_are_bounded_in_the_editors_pages() -> None:
    from audit.model import NameUse, Report
    from audit.render.html import NAMES_SHOWN, render_html

    names = tuple(NameUse(id=f"F{k:08x}", name=f"Name{k:03d}", kind="name", event=None, articles=("a", "b"),
                          mentions=2) for k in range(NAMES_SHOWN + 50))
    page = render_html(Report(batch="b", articles=(), events=(), findings=(), names=names), compact=True)
    assert f"Names used consistently ({NAMES_SHOWN + 50})" in page and "… and 50 more" in page
    assert f"Name{NAMES_SHOWN - 1:03d}" in page and f"Name{NAMES_SHOWN:03d}" not in page
