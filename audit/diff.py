"""Compare two JSON reports: new, resolved and changed findings.

Findings are matched by id (ids are built from the slot: event, family, subject... and stay
the same across runs on the same input and across small edits). When several findings of one
report share an id (they then carry '-2', '-3'... in report order, which a verdict change can
reshuffle), those are paired by content instead: shared (article, value) pairs and evidence
positions. Findings left unmatched on both sides are paired when exactly one old and one new finding share event, kind and topic
(the id moved, e.g. because the first claim of the slot changed); such a pair is reported as
changed, with the old id.

A change is one of: the verdict, the severity, suppression, a value an article states
(`001: 33 → 35`), an article that joined the finding (`003 joined, says 2-1`) or left it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from audit.errors import InputError
from audit.model import VERDICTS, Finding, Report, ReportFormatError
from audit.render.jsonout import dumps

RANK = {v: k for k, v in enumerate(VERDICTS)}


@dataclass(frozen=True, slots=True)
class Change:
    kind: str  # verdict | severity | suppressed | value | joined | left | id
    old: str | None = None
    new: str | None = None
    article: str | None = None

    def text(self) -> str:
        if self.kind == "value":
            return f"{self.article}: {self.old} → {self.new}"
        if self.kind == "joined":
            return f"{self.article} joined: says {self.new}"
        if self.kind == "left":
            return f"{self.article} left: said {self.old}"
        if self.kind == "suppressed":
            return f"suppressed: {self.new}" if self.new else f"no longer suppressed (was: {self.old})"
        if self.kind == "id":
            return f"id {self.old} → {self.new} (the same event, kind and topic)"
        return f"{self.kind}: {self.old} → {self.new}"

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "article": self.article, "old": self.old, "new": self.new, "text": self.text()}


@dataclass(frozen=True, slots=True)
class Changed:
    old: Finding
    new: Finding
    changes: tuple[Change, ...] = ()


@dataclass(slots=True)
class Diff:
    old_name: str
    new_name: str
    old_count: int
    new_count: int
    new: list[Finding]
    resolved: list[Finding]
    changed: list[Changed]
    unchanged: int
    names_moved: list[Finding] = field(default_factory=list)
    """Agreements of the old report that the new one lists as names used consistently (not findings any more)."""


def load_report(path: str) -> Report:
    """The report in a JSON file written by `audit run --format json`; InputError when it is not one."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise InputError(f"no such report: {path}") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a folder; give the JSON report written by 'audit run --format json'") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not a JSON report ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise InputError(f"{path}: not an audit JSON report (no list of findings)")
    try:
        return Report.from_dict(data)
    except ReportFormatError as exc:
        raise InputError(f"{path}: not an audit JSON report ({exc})") from None


def _values(f: Finding) -> dict[str, list[str]]:
    """article -> the values (as displayed) it states in this finding."""
    out: dict[str, list[str]] = defaultdict(list)
    for g in f.values:
        for a in g.articles:
            out[a].append(g.shown)
    return out


def _norm(f: Finding) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for g in f.values:
        for a in g.articles:
            out[a].add(g.value)
    return out


def changes(old: Finding, new: Finding) -> list[Change]:
    out: list[Change] = []
    if base_id(old.id) != base_id(new.id):
        out.append(Change("id", old.id, new.id))
    if old.verdict != new.verdict:
        out.append(Change("verdict", old.verdict, new.verdict))
    if old.severity != new.severity and old.verdict == new.verdict:
        out.append(Change("severity", old.severity, new.severity))
    if (old.suppressed or None) != (new.suppressed or None):
        out.append(Change("suppressed", old.suppressed, new.suppressed))
    ov, nv = _norm(old), _norm(new)
    od, nd = _values(old), _values(new)
    for art in sorted(set(ov) | set(nv)):
        if art not in nv:
            out.append(Change("left", old=", ".join(od[art]), article=art))
        elif art not in ov:
            out.append(Change("joined", new=", ".join(nd[art]), article=art))
        elif ov[art] != nv[art]:
            out.append(Change("value", ", ".join(od[art]), ", ".join(nd[art]), article=art))
    return out


def _order(f: Finding) -> tuple[int, str, str]:
    return (RANK.get(f.verdict, 99), f.event or "~", f.id)


def base_id(fid: str) -> str:
    """The id without the '-2', '-3'... that makes colliding ids unique (that suffix depends on report order)."""
    return fid.split("-")[0]


def _signature(f: Finding) -> tuple[set[tuple[str, str]], set[tuple[str, int]]]:
    values = {(a, g.value) for g in f.values for a in g.articles}
    spots = {(e.article, e.start) for g in f.values for e in g.evidence}
    return values, spots


def similarity(a: Finding, b: Finding) -> float:
    """How much two findings look like the same slot: shared (article, value) pairs and evidence positions."""
    (va, sa), (vb, sb) = _signature(a), _signature(b)

    def jaccard(x: set[Any], y: set[Any]) -> float:
        return len(x & y) / len(x | y) if x | y else 0.0

    return jaccard(va, vb) + jaccard(sa, sb) + (0.1 if a.verdict == b.verdict else 0.0)


def _pair_collisions(before: dict[str, Finding], after: dict[str, Finding]) -> list[tuple[str, str]]:
    """(old id, new id) pairs for ids that collide within a report ('F1', 'F1-2'...): paired by content, not suffix."""
    groups_old: dict[str, list[str]] = defaultdict(list)
    groups_new: dict[str, list[str]] = defaultdict(list)
    for fid in before:
        groups_old[base_id(fid)].append(fid)
    for fid in after:
        groups_new[base_id(fid)].append(fid)
    pairs: list[tuple[str, str]] = []
    for base in sorted(set(groups_old) & set(groups_new)):
        olds, news = groups_old[base], groups_new[base]
        if len(olds) == 1 and len(news) == 1:
            pairs.append((olds[0], news[0]))
            continue
        scored = sorted(((similarity(before[o], after[n]), o == n, o, n) for o in olds for n in news), reverse=True)
        used_o: set[str] = set()
        used_n: set[str] = set()
        for score, _same, o, n in scored:
            if o in used_o or n in used_n or score <= 0.1:
                continue
            pairs.append((o, n))
            used_o.add(o)
            used_n.add(n)
    return pairs


def compare(old: Report, new: Report) -> Diff:
    before = {f.id: f for f in old.findings}
    after = {f.id: f for f in new.findings}
    changed: list[Changed] = []
    unchanged = 0
    matched_old: set[str] = set()
    matched_new: set[str] = set()
    for o, n in _pair_collisions(before, after):
        matched_old.add(o)
        matched_new.add(n)
        cs = changes(before[o], after[n])
        if cs:
            changed.append(Changed(before[o], after[n], tuple(cs)))
        else:
            unchanged += 1
    gone = [before[k] for k in before if k not in matched_old]
    added = [after[k] for k in after if k not in matched_new]

    def slot(f: Finding) -> tuple[str, str, str]:
        return (f.event or "", f.kind, f.topic)

    old_by: dict[tuple[str, str, str], list[Finding]] = defaultdict(list)
    new_by: dict[tuple[str, str, str], list[Finding]] = defaultdict(list)
    for f in gone:
        old_by[slot(f)].append(f)
    for f in added:
        new_by[slot(f)].append(f)
    for key in sorted(set(old_by) & set(new_by)):
        if len(old_by[key]) == 1 and len(new_by[key]) == 1:
            was, now = old_by[key][0], new_by[key][0]
            changed.append(Changed(was, now, tuple(changes(was, now))))
            gone.remove(was)
            added.remove(now)
    # a name agreement of an older report that the new one lists among the names used consistently
    # has not gone away: it is no longer counted as a finding
    listed = {base_id(n.id) for n in new.names}
    moved = [f for f in gone if f.verdict == "agree" and base_id(f.id) in listed]
    gone = [f for f in gone if f not in moved]
    changed.sort(key=lambda c: _order(c.new))
    return Diff(
        old_name=old.batch, new_name=new.batch, old_count=len(before), new_count=len(after),
        new=sorted(added, key=_order), resolved=sorted(gone, key=_order), changed=changed, unchanged=unchanged,
        names_moved=sorted(moved, key=_order),
    )


def gate(diff: Diff, fail_on: str, severity: str | None) -> list[Finding]:
    """Findings that are new over the threshold: new findings, and changed ones that were under it before."""
    hits = [f for f in diff.new if f.over(fail_on, severity)]
    hits += [c.new for c in diff.changed if c.new.over(fail_on, severity) and not c.old.over(fail_on, severity)]
    return hits


# ------------------------------------------------------------------ output


def _brief(f: Finding) -> dict[str, Any]:
    return {"id": f.id, "event": f.event, "topic": f.topic, "kind": f.kind, "verdict": f.verdict,
            "severity": f.severity, "suppressed": f.suppressed,
            "values": [{"value": g.value, "display": g.shown, "articles": list(g.articles)} for g in f.values]}


def as_dict(diff: Diff, hits: Iterable[Finding] = ()) -> dict[str, Any]:
    return {
        "old": {"batch": diff.old_name, "findings": diff.old_count},
        "new": {"batch": diff.new_name, "findings": diff.new_count},
        "summary": {"new": len(diff.new), "resolved": len(diff.resolved), "changed": len(diff.changed),
                    "unchanged": diff.unchanged, "over_threshold": len(list(hits)),
                    "names_now_listed": len(diff.names_moved)},
        "new_findings": [_brief(f) for f in diff.new],
        "resolved_findings": [_brief(f) for f in diff.resolved],
        "changed_findings": [{**_brief(c.new), "old_id": c.old.id, "old_verdict": c.old.verdict,
                              "changes": [x.as_dict() for x in c.changes]} for c in diff.changed],
        "names_now_listed": [f.id for f in diff.names_moved],
    }


def render_json(diff: Diff, hits: Iterable[Finding] = ()) -> str:
    return dumps(as_dict(diff, hits))


def _cell(text: object) -> str:
    from audit.render.markdown import cell

    return cell(str(text) if text is not None else "")


def _vals(f: Finding) -> str:
    from audit.render.markdown import strong

    return " vs ".join(f"{strong(g.shown, ' ', ' ')} ({_cell(', '.join(g.articles))})" for g in f.values)


def _line(f: Finding) -> str:
    sup = f" — suppressed: {_cell(f.suppressed)}" if f.suppressed else ""
    return f"- **{_cell(f.verdict)}** `{_cell(f.id)}` {_cell(f.topic)} ({_cell(f.event or '—')}): {_vals(f)}{sup}"


def _section(title: str, items: list[Finding]) -> list[str]:
    if not items:
        return []
    urgent = [f for f in items if f.verdict in ("conflict", "variant")]
    rest = [f for f in items if f.verdict not in ("conflict", "variant")]
    out = [f"### {title} ({len(items)})", ""]
    out += [_line(f) for f in urgent]
    if rest:
        if urgent:
            out.append("")
        out += [f"<details><summary>{len(rest)} agreement(s), compatible or single-source claim(s)</summary>", ""]
        out += [_line(f) for f in rest]
        out += ["", "</details>"]
    return [*out, ""]


def render_markdown(diff: Diff, hits: Iterable[Finding] = ()) -> str:
    hits = list(hits)
    names = diff.new_name if diff.old_name == diff.new_name else f"{diff.old_name} → {diff.new_name}"
    out = [f"## Audit diff: {_cell(names)}", ""]
    moved = (f"{len(diff.names_moved)} name agreement(s) of the old report are now listed as names used "
             "consistently, not as findings.")
    if not (diff.new or diff.resolved or diff.changed):
        out += [f"No change: the {diff.new_count} finding(s) are the same.", ""]
        if diff.names_moved:
            out += [moved, ""]
        return "\n".join(out)
    out += [f"**{len(diff.new)} new · {len(diff.resolved)} resolved · {len(diff.changed)} changed** "
            f"({diff.old_count} → {diff.new_count} findings; {diff.unchanged} unchanged)", ""]
    if diff.names_moved:
        out += [moved, ""]
    if hits:
        out += [f"> **{len(hits)} finding(s) over the threshold:** " + ", ".join(f"`{_cell(f.id)}`" for f in hits), ""]
    out += _section("New", diff.new)
    out += _section("Resolved", diff.resolved)
    if diff.changed:
        out += [f"### Changed ({len(diff.changed)})", ""]
        for c in diff.changed:
            was = f" (was {_cell(c.old.verdict)})" if c.old.verdict != c.new.verdict else ""
            moved_id = f" (id was `{_cell(c.old.id)}`)" if c.old.id != c.new.id else ""
            out.append(f"- **{_cell(c.new.verdict)}**{was} `{_cell(c.new.id)}`{moved_id} "
                       f"{_cell(c.new.topic)} ({_cell(c.new.event or '—')}): {_vals(c.new)}")
            out += [f"  - {_cell(x.text())}" for x in c.changes]
        out.append("")
    return "\n".join(out)


def summary_line(diff: Diff, output: str | None = None, paint: Callable[[str, str], str] | None = None) -> str:
    """The one line `audit diff` prints on stderr (`paint(text, ansi code)` colours a part on a terminal)."""
    new = f"{len(diff.new)} new"
    return (f"{paint(new, '1') if paint else new}, {len(diff.resolved)} resolved, {len(diff.changed)} changed, "
            f"{diff.unchanged} unchanged" + (f"; wrote {output}" if output else ""))


def threshold_line(hits: list[Finding], fail_on: str, severity: str | None) -> str:
    over = f" (severity {severity} or more)" if severity else ""
    return f"{len(hits)} finding(s) newly at or over --fail-on {fail_on}{over}: " + ", ".join(f.id for f in hits)
