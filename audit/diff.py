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
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from audit.errors import InputError
from audit.model import VERDICTS

RANK = {v: k for k, v in enumerate(VERDICTS)}
SEVERITY_ORDER = {"info": 0, "warning": 1, "error": 2}
FAIL_VERDICTS = {"none": set(), "conflict": {"conflict"}, "variant": {"conflict", "variant"},
                 "any": {"conflict", "variant"}}


@dataclass
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


@dataclass
class Changed:
    old: dict[str, Any]
    new: dict[str, Any]
    changes: list[Change] = field(default_factory=list)


@dataclass
class Diff:
    old_name: str
    new_name: str
    old_count: int
    new_count: int
    new: list[dict[str, Any]]
    resolved: list[dict[str, Any]]
    changed: list[Changed]
    unchanged: int


def load_report(path: str) -> dict[str, Any]:
    """A JSON report written by `audit run --format json`; InputError when it is not one."""
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
    if (not isinstance(data, dict) or not isinstance(data.get("findings"), list)
            or not all(isinstance(f, dict) and isinstance(f.get("id"), str) for f in data["findings"])):
        raise InputError(f"{path}: not an audit JSON report (no list of findings with ids)")
    return data


def _values(f: dict[str, Any]) -> dict[str, list[str]]:
    """article -> the values (as displayed) it states in this finding."""
    out: dict[str, list[str]] = defaultdict(list)
    for g in f.get("values", []):
        shown = g.get("display") or g.get("value", "")
        for a in g.get("articles", []):
            out[a].append(str(shown))
    return out


def _norm(f: dict[str, Any]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for g in f.get("values", []):
        for a in g.get("articles", []):
            out[a].add(str(g.get("value", "")))
    return out


def changes(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    out: list[Change] = []
    if base_id(str(old.get("id"))) != base_id(str(new.get("id"))):
        out.append(Change("id", old.get("id"), new.get("id")))
    if old.get("verdict") != new.get("verdict"):
        out.append(Change("verdict", old.get("verdict"), new.get("verdict")))
    if old.get("severity") != new.get("severity") and old.get("verdict") == new.get("verdict"):
        out.append(Change("severity", old.get("severity"), new.get("severity")))
    if (old.get("suppressed") or None) != (new.get("suppressed") or None):
        out.append(Change("suppressed", old.get("suppressed"), new.get("suppressed")))
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


def _order(f: dict[str, Any]) -> tuple[int, str, str]:
    return (RANK.get(f.get("verdict", ""), 99), f.get("event") or "~", f.get("id", ""))


def base_id(fid: str) -> str:
    """The id without the '-2', '-3'... that makes colliding ids unique (that suffix depends on report order)."""
    return fid.split("-")[0]


def _signature(f: dict[str, Any]) -> tuple[set[tuple[str, str]], set[tuple[str, int]]]:
    values = {(a, str(g.get("value"))) for g in f.get("values", []) for a in g.get("articles", [])}
    spots = {(e.get("article", ""), int(e.get("start", -1))) for g in f.get("values", []) for e in g.get("evidence", [])}
    return values, spots


def similarity(a: dict[str, Any], b: dict[str, Any]) -> float:
    """How much two findings look like the same slot: shared (article, value) pairs and evidence positions."""
    (va, sa), (vb, sb) = _signature(a), _signature(b)

    def jaccard(x: set[Any], y: set[Any]) -> float:
        return len(x & y) / len(x | y) if x | y else 0.0

    return jaccard(va, vb) + jaccard(sa, sb) + (0.1 if a.get("verdict") == b.get("verdict") else 0.0)


def _pair_collisions(before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]]) -> list[tuple[str, str]]:
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


def compare(old: dict[str, Any], new: dict[str, Any]) -> Diff:
    before = {f["id"]: f for f in old["findings"]}
    after = {f["id"]: f for f in new["findings"]}
    changed: list[Changed] = []
    unchanged = 0
    matched_old: set[str] = set()
    matched_new: set[str] = set()
    for o, n in _pair_collisions(before, after):
        matched_old.add(o)
        matched_new.add(n)
        cs = changes(before[o], after[n])
        if cs:
            changed.append(Changed(before[o], after[n], cs))
        else:
            unchanged += 1
    gone = [before[k] for k in before if k not in matched_old]
    added = [after[k] for k in after if k not in matched_new]

    def slot(f: dict[str, Any]) -> tuple[str, str, str]:
        return (f.get("event") or "", f.get("kind") or "", f.get("topic") or "")

    old_by: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    new_by: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for f in gone:
        old_by[slot(f)].append(f)
    for f in added:
        new_by[slot(f)].append(f)
    for key in sorted(set(old_by) & set(new_by)):
        if len(old_by[key]) == 1 and len(new_by[key]) == 1:
            was, now = old_by[key][0], new_by[key][0]
            changed.append(Changed(was, now, changes(was, now)))
            gone.remove(was)
            added.remove(now)
    changed.sort(key=lambda c: _order(c.new))
    return Diff(
        old_name=str(old.get("batch", {}).get("name", "old")), new_name=str(new.get("batch", {}).get("name", "new")),
        old_count=len(before), new_count=len(after), new=sorted(added, key=_order),
        resolved=sorted(gone, key=_order), changed=changed, unchanged=unchanged,
    )


def over(f: dict[str, Any], fail_on: str, severity: str | None) -> bool:
    """Whether a finding is at or over the --fail-on / --severity threshold (suppressed ones never are)."""
    if f.get("suppressed") or f.get("verdict") not in FAIL_VERDICTS[fail_on]:
        return False
    return severity is None or SEVERITY_ORDER.get(f.get("severity", "info"), 0) >= SEVERITY_ORDER[severity]


def gate(diff: Diff, fail_on: str, severity: str | None) -> list[dict[str, Any]]:
    """Findings that are new over the threshold: new findings, and changed ones that were under it before."""
    hits = [f for f in diff.new if over(f, fail_on, severity)]
    hits += [c.new for c in diff.changed if over(c.new, fail_on, severity) and not over(c.old, fail_on, severity)]
    return hits


# ------------------------------------------------------------------ output


def _brief(f: dict[str, Any]) -> dict[str, Any]:
    return {"id": f.get("id"), "event": f.get("event"), "topic": f.get("topic"), "kind": f.get("kind"),
            "verdict": f.get("verdict"), "severity": f.get("severity"), "suppressed": f.get("suppressed"),
            "values": [{"value": g.get("value"), "display": g.get("display") or g.get("value"),
                        "articles": g.get("articles", [])}
                       for g in f.get("values", [])]}


def as_dict(diff: Diff, hits: Iterable[dict[str, Any]] = ()) -> dict[str, Any]:
    return {
        "old": {"batch": diff.old_name, "findings": diff.old_count},
        "new": {"batch": diff.new_name, "findings": diff.new_count},
        "summary": {"new": len(diff.new), "resolved": len(diff.resolved), "changed": len(diff.changed),
                    "unchanged": diff.unchanged, "over_threshold": len(list(hits))},
        "new_findings": [_brief(f) for f in diff.new],
        "resolved_findings": [_brief(f) for f in diff.resolved],
        "changed_findings": [{**_brief(c.new), "old_id": c.old.get("id"), "old_verdict": c.old.get("verdict"),
                              "changes": [x.as_dict() for x in c.changes]} for c in diff.changed],
    }


def render_json(diff: Diff, hits: Iterable[dict[str, Any]] = ()) -> str:
    return json.dumps(as_dict(diff, hits), ensure_ascii=False, indent=2) + "\n"


def _cell(text: object) -> str:
    from audit.render.markdown import cell

    return cell(str(text) if text is not None else "")


def _vals(f: dict[str, Any]) -> str:
    return " vs ".join(f"**{_cell(g.get('display') or g.get('value'))}** ({_cell(', '.join(g.get('articles', [])))})"
                       for g in f.get("values", []))


def _line(f: dict[str, Any]) -> str:
    sup = f" — suppressed: {_cell(f['suppressed'])}" if f.get("suppressed") else ""
    return (f"- **{_cell(f.get('verdict'))}** `{_cell(f.get('id'))}` {_cell(f.get('topic'))}"
            f" ({_cell(f.get('event') or '—')}): {_vals(f)}{sup}")


def _section(title: str, items: list[dict[str, Any]]) -> list[str]:
    if not items:
        return []
    urgent = [f for f in items if f.get("verdict") in ("conflict", "variant")]
    rest = [f for f in items if f.get("verdict") not in ("conflict", "variant")]
    out = [f"### {title} ({len(items)})", ""]
    out += [_line(f) for f in urgent]
    if rest:
        if urgent:
            out.append("")
        out += [f"<details><summary>{len(rest)} agreement(s), compatible or single-source claim(s)</summary>", ""]
        out += [_line(f) for f in rest]
        out += ["", "</details>"]
    return [*out, ""]


def render_markdown(diff: Diff, hits: Iterable[dict[str, Any]] = ()) -> str:
    hits = list(hits)
    names = diff.new_name if diff.old_name == diff.new_name else f"{diff.old_name} → {diff.new_name}"
    out = [f"## Audit diff: {_cell(names)}", ""]
    if not (diff.new or diff.resolved or diff.changed):
        out += [f"No change: the {diff.new_count} finding(s) are the same.", ""]
        return "\n".join(out)
    out += [f"**{len(diff.new)} new · {len(diff.resolved)} resolved · {len(diff.changed)} changed** "
            f"({diff.old_count} → {diff.new_count} findings; {diff.unchanged} unchanged)", ""]
    if hits:
        out += [f"> **{len(hits)} finding(s) over the threshold:** "
                + ", ".join(f"`{_cell(f.get('id'))}`" for f in hits), ""]
    out += _section("New", diff.new)
    out += _section("Resolved", diff.resolved)
    if diff.changed:
        out += [f"### Changed ({len(diff.changed)})", ""]
        for c in diff.changed:
            was = (f" (was {_cell(c.old.get('verdict'))})" if c.old.get("verdict") != c.new.get("verdict") else "")
            moved = f" (id was `{_cell(c.old.get('id'))}`)" if c.old.get("id") != c.new.get("id") else ""
            out.append(f"- **{_cell(c.new.get('verdict'))}**{was} `{_cell(c.new.get('id'))}`{moved} "
                       f"{_cell(c.new.get('topic'))} ({_cell(c.new.get('event') or '—')}): {_vals(c.new)}")
            out += [f"  - {_cell(x.text())}" for x in c.changes]
        out.append("")
    return "\n".join(out)
