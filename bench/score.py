"""Score a JSON report against a generated batch's truth.json: are the injected discrepancies found at scale?

- recall of injected discrepancies: an injected number/weekday/time/score is found when a `conflict`
  finding has a value group with the outlier article's evidence showing the wrong value and another
  group with another article of the event showing the right one; an injected misspelling is found
  when a `variant` finding does the same with the two spellings;
- unmatched inconsistencies: `conflict` and `variant` findings that correspond to no injection
  (false alarms), and how many of them mix articles of different true events; a finding that restates
  an injected discrepancy in another form (the misspelt speaker of a quote as an attribution conflict)
  is counted apart, as an echo;
- agreement recall: a fact stated the same way by two or more articles of an event is found when an
  `agree` or `compatible` finding has evidence with that value from two of those articles;
- event grouping: pairwise precision and recall of "same event" between the tool's events and the truth.

Usage: python bench/score.py REPORT.json TRUTH.json
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from functools import cache
from typing import Any


@cache
def _token(value: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w,.]){re.escape(value)}(?:st|nd|rd|th)?(?![\w]|[,.]\d)")


def _groups(finding: dict[str, Any]) -> list[list[tuple[str, str]]]:
    """Per value group: (article, evidence text) pairs."""
    return [[(e["article"], e["text"]) for e in g.get("evidence", [])] for g in finding.get("values", [])]


def _shows(group: list[tuple[str, str]], articles: set[str], value: str) -> bool:
    pat = _token(value)
    return any(a in articles and pat.search(t) for a, t in group)


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def score(report: dict[str, Any], truth: dict[str, Any]) -> dict[str, Any]:
    event_of = {a: e["id"] for e in truth["events"] for a in e["articles"]}
    findings = report.get("findings", [])
    by_article: dict[str, list[int]] = defaultdict(list)
    for k, f in enumerate(findings):
        for g in f.get("values", []):
            for a in g.get("articles", []):
                by_article[a].append(k)
    matched_findings: set[int] = set()
    found_by_kind: Counter[str] = Counter()
    total_by_kind: Counter[str] = Counter()
    missed: list[dict[str, Any]] = []
    for ev in truth["events"]:
        for inj in ev["injected"]:
            kind = inj["kind"]
            want = "variant" if kind == "name" else "conflict"
            total_by_kind[kind] += 1
            outlier, others = {inj["outlier"]}, set(inj["others"])
            hit = None
            for k in sorted(set(by_article[inj["outlier"]])):
                f = findings[k]
                if f["verdict"] != want:
                    continue
                groups = _groups(f)
                wrong = [i for i, g in enumerate(groups) if _shows(g, outlier, inj["wrong"])]
                right = [i for i, g in enumerate(groups) if _shows(g, others, inj["right"])]
                if any(i != j for i in wrong for j in right):
                    hit = k
                    break
            if hit is None:
                missed.append({"event": ev["id"], **{k: inj[k] for k in ("fact", "kind", "outlier", "right", "wrong")}})
            else:
                found_by_kind[kind] += 1
                matched_findings.add(hit)
    unmatched = [k for k, f in enumerate(findings) if f["verdict"] in ("conflict", "variant") and k not in matched_findings]
    # an echo restates an injected discrepancy in another form (a misspelt speaker as a quote-attribution conflict)
    wrong_of: dict[str, list[str]] = defaultdict(list)
    for ev in truth["events"]:
        for inj in ev["injected"]:
            wrong_of[inj["outlier"]].append(inj["wrong"])
    echoes = {k for k in unmatched
              if any(_token(w).search(f"{g.get('display', '')} {t}") for g in findings[k]["values"]
                     for e in g.get("evidence", []) if (t := e["text"]) is not None for w in wrong_of.get(e["article"], ()))}
    unmatched = [k for k in unmatched if k not in echoes]
    cross = [k for k in unmatched if len({event_of.get(a) for g in findings[k]["values"] for a in g["articles"]}) > 1]
    unmatched_by_kind = Counter(f"{findings[k]['verdict']}:{findings[k]['kind']}" for k in unmatched)
    # agreements
    agree_total = agree_found = 0
    for ev in truth["events"]:
        cands = {k for a in ev["articles"] for k in by_article[a] if findings[k]["verdict"] in ("agree", "compatible")}
        for ag in ev["agreements"]:
            agree_total += 1
            arts = set(ag["articles"])
            pat = _token(ag["value"])
            for k in cands:
                hits = {a for g in _groups(findings[k]) for a, t in g if a in arts and pat.search(t)}
                if len(hits) >= 2:
                    agree_found += 1
                    break
    # event grouping: pair counting over the contingency table
    true_sizes = Counter(event_of.values())
    tool_sizes: Counter[str] = Counter()
    both: Counter[tuple[str, str]] = Counter()
    for ev in report.get("events", []):
        for a in ev["articles"]:
            if a in event_of:
                tool_sizes[ev["id"]] += 1
                both[(ev["id"], event_of[a])] += 1
    same_both = sum(_pairs(n) for n in both.values())
    tool_pairs = sum(_pairs(n) for n in tool_sizes.values())
    true_pairs = sum(_pairs(n) for n in true_sizes.values())
    tool_events_mixed = len({t for (t, _e) in both} - {t for t in tool_sizes if sum(1 for (x, _) in both if x == t) == 1})
    n_inj = sum(total_by_kind.values())
    n_found = sum(found_by_kind.values())
    n_cv = sum(1 for f in findings if f["verdict"] in ("conflict", "variant"))
    return {
        "injected": n_inj,
        "found": n_found,
        "recall": round(n_found / n_inj, 4) if n_inj else None,
        "recall_by_kind": {k: f"{found_by_kind[k]}/{total_by_kind[k]}" for k in sorted(total_by_kind)},
        "conflict_variant_findings": n_cv,
        "echoes": len(echoes),
        "unmatched": len(unmatched),
        "unmatched_cross_event": len(cross),
        "unmatched_by_kind": dict(unmatched_by_kind.most_common()),
        "precision": round(len(matched_findings) / n_cv, 4) if n_cv else None,
        "agreements": agree_total,
        "agreements_found": agree_found,
        "agreement_recall": round(agree_found / agree_total, 4) if agree_total else None,
        "events_true": len(true_sizes),
        "events_tool": len(tool_sizes),
        "tool_events_mixing_true_events": tool_events_mixed,
        "event_pair_precision": round(same_both / tool_pairs, 4) if tool_pairs else None,
        "event_pair_recall": round(same_both / true_pairs, 4) if true_pairs else None,
        "missed_examples": missed[:15],
        "unmatched_examples": [
            {"id": findings[k]["id"], "verdict": findings[k]["verdict"], "topic": findings[k]["topic"],
             "values": [(g.get("display") or g["value"], g["articles"][:4]) for g in findings[k]["values"]][:4]}
            for k in unmatched[:15]
        ],
    }


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(__doc__)
        return 2
    with open(args[0], encoding="utf-8") as fh:
        report = json.load(fh)
    with open(args[1], encoding="utf-8") as fh:
        truth = json.load(fh)
    print(json.dumps(score(report, truth), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
