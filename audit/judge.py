"""Verdicts: agree, conflict, variant, compatible, single — with plain-word explanations.

Each slot's claims are grouped by normalized value; every pair of value groups is judged
equal, compatible (different precision, overlapping bounds, a unit conversion, a weekday
that matches a date) or in conflict. The note explains derived values, inferred dates,
possible time-zone differences, figures that may have changed over time, and text copied
between articles (which is not an independent confirmation).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from audit import facts
from audit.entities import Entity, EntityIndex, fold, suspicious, swapped, token_similar
from audit.extract.base import Mention
from audit.extract.names import INVISIBLE
from audit.kinds import family_of
from audit.kinds.base import SAME, Relation, Slot, extra_of, list_of
from audit.kinds.temporal import is_day, weekday_of
from audit.lexicon import WEEKDAY_NAMES
from audit.model import DEFAULT_SEVERITY, Article, Claim, Evidence, Finding, NameUse, ValueGroup
from audit.text import Layout

_HIDDEN = re.compile(f"[{INVISIBLE}]")

EvidenceOf = Callable[[Claim], Evidence]
SENTENCE_WINDOW = 300


def relation(fam: str, a: Claim, b: Claim) -> Relation:
    """How two claims of one slot relate, by their family's rule."""
    if a.value == b.value:
        return SAME
    found = family_of(a)
    if found is None:
        return Relation("conflict", "different values")
    return found[0].relate(fam, a, b)


def _group_by_value(claims: list[Claim]) -> list[tuple[str, list[Claim]]]:
    groups: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        groups[c.value].append(c)
    return sorted(groups.items(), key=lambda kv: (-len({c.article for c in kv[1]}), kv[1][0].article, kv[1][0].start))


def _display(claims: list[Claim]) -> str:
    surfaces = Counter(c.surface for c in claims)
    return surfaces.most_common(1)[0][0]


def finding_id(*parts: object) -> str:
    h = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"F{h[:8]}"


def topic_of(slot: Slot) -> str:
    """The slot's topic, by its family's rule."""
    found = family_of(slot.claims[0])
    return found[0].topic(slot) if found else slot.family


def _speakers_differ(slot: Slot, canon: Callable[[Claim], str | None] | None,
                     person: Callable[[Claim], bool] | None = None) -> bool:
    """One quotation given to two different people. A place or an organisation named as the speaker ("…,"
    Madrid said) is not a person to whom words can be misattributed: only people count."""
    if slot.family != "quote":
        return False
    speakers = {(canon(c) if canon else None) or c.subject for c in slot.claims
                if c.subject and (person is None or person(c))}
    return len(speakers) >= 2


def judge_slot(slot: Slot, evidence: EvidenceOf, articles: dict[str, Article],
               copies: dict[tuple[str, int], set[str]], canon: Callable[[Claim], str | None] | None = None,
               event_keys: dict[str, str] | None = None, person: Callable[[Claim], bool] | None = None) -> Finding:
    """The finding of one slot. `event_keys` maps event ids to stable keys used in finding ids, so
    that ids survive events being renumbered when articles are added."""
    fam = slot.family
    if _speakers_differ(slot, canon, person):
        return _attribution(slot, evidence, canon)
    self_contradictions: list[str] = []
    if fam == "date":
        slot = _with_stated_weekdays(slot, self_contradictions)
    groups = _group_by_value(slot.claims)
    arts = slot.articles
    conflicts: list[tuple[int, int, Relation]] = []
    compat: list[tuple[int, int, Relation]] = []
    for i in range(len(groups)):
        for j in range(i + 1, len(groups)):
            r = relation(fam, groups[i][1][0], groups[j][1][0])
            if r.kind == "conflict":
                conflicts.append((i, j, r))
            elif r.kind == "compatible":
                compat.append((i, j, r))
    group_arts = [{c.article for c in g} for _, g in groups]
    notes: list[str] = list(self_contradictions)
    reasons = [f"aligned as '{fam}' in event {slot.event}" + (f", subject {slot.subject}" if slot.subject else "")]
    within: set[str] = set()
    outlier: set[str] = set()
    if conflicts:
        verdict = "conflict"
        for i, j, r in conflicts:
            both = group_arts[i] & group_arts[j]
            two_sources = {x for x in both if _sources_of(groups[i][1], x, canon) and _sources_of(groups[j][1], x, canon)
                           and not _sources_of(groups[i][1], x, canon) & _sources_of(groups[j][1], x, canon)}
            within |= both - two_sources
            for art in sorted(two_sources):
                notes.append(f"{art} reports both figures, from two sources: "
                             f"{_display(groups[i][1])!r} ({', '.join(sorted(_sources_of(groups[i][1], art, canon)))}) "
                             f"and {_display(groups[j][1])!r} "
                             f"({', '.join(sorted(_sources_of(groups[j][1], art, canon)))}): "
                             "not a contradiction of the article's own")
            reasons.append(f"{groups[i][0]!r} vs {groups[j][0]!r}: {r.why}")
        source_note = _source_note(groups, canon)
        if source_note:
            notes.append(source_note)
        sizes = [len(a) for a in group_arts]
        top = max(sizes)
        if sizes.count(top) == 1:
            for k, a in enumerate(group_arts):
                if sizes[k] < top and any(k in (i, j) for i, j, _ in conflicts):
                    outlier |= a - group_arts[sizes.index(top)]
        notes.extend(_conflict_notes(fam, groups, conflicts, articles))
    elif len(arts) >= 2 and any(len(a) >= 2 for a in group_arts):
        verdict = "agree"
    elif len(arts) >= 2:
        verdict = "compatible"
    else:
        verdict = "single"
    for i, j, r in compat:
        if verdict in ("agree", "compatible", "conflict"):
            notes.append(f"{_display(groups[j][1])!r} ({', '.join(sorted(group_arts[j]))}) is compatible with "
                         f"{_display(groups[i][1])!r}: {r.why}")
    # derived and resolved values
    for c in slot.claims:
        if c.note and c.note.startswith("derived"):
            notes.append(f"{c.article}: {c.note}")
    inferred = sorted({c.article for c in slot.claims if articles[c.article].published_basis == "inferred"
                       and (c.kind == "date" or fam == "date")})
    for art in inferred:
        notes.append(f"{art}: publication date {articles[art].published} {articles[art].published_note or 'inferred'}")
    # copied text
    copied = False
    if len(arts) >= 2:
        pairs = []
        stated = {(x.article, x.value) for x in slot.claims}
        for c in slot.claims:
            partners = copies.get((c.article, c.sentence), set()) & arts
            for p in partners:
                if (p, c.value) in stated:
                    pairs.append(tuple(sorted((c.article, p))))
        if pairs:
            copied = True
            shown = ", ".join(f"{a} and {b}" for a, b in sorted(set(pairs)))
            notes.append(f"the same text stands in {shown} (copied, e.g. an embedded post or wire copy): "
                         "one source, not independent confirmations")
    values = tuple(
        ValueGroup(value=v, articles=tuple(sorted({c.article for c in g})),
                   evidence=tuple(evidence(c) for c in sorted(g, key=lambda c: (c.article, c.start))),
                   display=_display(g))
        for v, g in groups
    )
    first = min(slot.claims, key=lambda c: (c.article, c.start))
    precision = extra_of(first, "precision") if fam == "date" else ""
    fid = finding_id((event_keys or {}).get(slot.event or "", slot.event), fam, slot.subject,
                     first.trigger if fam in ("date", "time") else "", precision,
                     list_of(first, "mods") if fam == "amount" else "", first.unit or "",
                     first.value if verdict == "single" else "", first.article if verdict == "single" else "")
    own = family_of(first)
    kind = (own[0].report_kind if own and own[0].report_kind else None) or {"amount": first.kind}.get(
        fam, fam.split(":")[0])
    if fam == "date" and any(c.value in WEEKDAY_NAMES or extra_of(c, "weekday") for c in slot.claims):
        kind = "date/weekday"
    return Finding(
        id=fid, event=slot.event, topic=topic_of(slot), kind=kind, verdict=verdict,
        severity=DEFAULT_SEVERITY[verdict], values=values, note="; ".join(dict.fromkeys(notes)) or None,
        outlier=tuple(sorted(outlier)), within_article=tuple(sorted(within)), copied=copied,
        reasons=tuple(reasons),
    )


def _source(c: Claim, canon: Callable[[Claim], str | None] | None) -> str | None:
    """Who gives a figure, from its frame ('according to the USGS', 'the observatory said'); a bare common noun
    is compared by its head word ('national observatory' and 'observatory' are one source)."""
    src = c.frame.source if c.frame is not None and c.frame.source else None
    if src and src.islower():
        return src.split()[-1]
    return src


def _sources_of(claims: list[Claim], article: str, canon: Callable[[Claim], str | None] | None) -> set[str]:
    return {src for c in claims if c.article == article and (src := _source(c, canon))}


def _source_note(groups: list[tuple[str, list[Claim]]], canon: Callable[[Claim], str | None] | None) -> str | None:
    """'7.2 according to the observatory (a1); 7.4 according to the USGS (a2)': the values' sources, when the
    articles name different ones."""
    parts = []
    named: set[str] = set()
    for _value, claims in groups:
        by_source: dict[str, set[str]] = {}
        for c in claims:
            if src := _source(c, canon):
                by_source.setdefault(src, set()).add(c.article)
        named.update(by_source)
        if by_source:
            said = "according to " + " and ".join(f"{src} ({', '.join(sorted(arts))})"
                                                  for src, arts in sorted(by_source.items()))
            silent = sorted({c.article for c in claims} - set().union(*by_source.values()))
            parts.append(f"{_display(claims)!r} {said}" + (f", no source named ({', '.join(silent)})" if silent else ""))
    if len(parts) < 2 or len(named) < 2:
        return None
    return "the figures come from different sources: " + "; ".join(parts)


def _with_stated_weekdays(slot: Slot, notes: list[str]) -> Slot:
    """A weekday written beside a date it does not fit ("Thursday, June 6" when June 6 is a Friday) is a
    second statement of the article, the weekday, which conflicts with the other articles' day: the claim
    joins the slot once more with the weekday as its value."""
    extra: list[Claim] = []
    for c in slot.claims:
        stated = extra_of(c, "weekday")
        if stated and is_day(c.value) and weekday_of(c) != stated:
            extra.append(replace(c, value=stated, low=None, high=None, extra=(*c.extra, ("stated_weekday", "yes")),
                                 note=f"the article writes {stated} beside a date that is a {weekday_of(c)}"))
            notes.append(f"{c.article} contradicts itself: '{c.surface}' — {c.value} is a {weekday_of(c)}, "
                         f"not a {stated}")
    if not extra:
        return slot
    return Slot(event=slot.event, family=slot.family, subject=slot.subject, claims=[*slot.claims, *extra])


def _attribution(slot: Slot, evidence: EvidenceOf, canon: Callable[[Claim], str | None] | None) -> Finding:
    """One quotation attributed to different people."""
    by_speaker: dict[str, list[Claim]] = defaultdict(list)
    for c in slot.claims:
        by_speaker[(canon(c) if canon else None) or c.subject or "(speaker not named)"].append(c)
    ordered = sorted(by_speaker.items(), key=lambda kv: (-len({c.article for c in kv[1]}), kv[0]))
    values = tuple(
        ValueGroup(value=speaker, articles=tuple(sorted({c.article for c in cs})),
                   evidence=tuple(evidence(c) for c in sorted(cs, key=lambda c: (c.article, c.start))), display=speaker)
        for speaker, cs in ordered
    )
    sizes = [len(v.articles) for v in values]
    outlier = set(values[-1].articles) - set(values[0].articles) if sizes[0] > sizes[-1] else set()
    within = {a for a in slot.articles if sum(1 for v in values if a in v.articles) >= 2}
    words = _display(slot.claims)
    first = min(slot.claims, key=lambda c: (c.article, c.start))
    return Finding(
        id=finding_id(slot.event, "attribution", first.value[:60]), event=slot.event,
        topic=f"who said “{words[:60]}{'…' if len(words) > 60 else ''}”", kind="attribution", verdict="conflict",
        severity=DEFAULT_SEVERITY["conflict"], values=values,
        note="the same words are attributed to different people: "
             + "; ".join(f"{v.value} ({', '.join(v.articles)})" for v in values),
        outlier=tuple(sorted(outlier)), within_article=tuple(sorted(within)),
        reasons=("quotations aligned by wording (partial ratio >= 88)", "speakers differ"),
    )


def _conflict_notes(fam: str, groups: list[tuple[str, list[Claim]]], conflicts: list[tuple[int, int, Relation]],
                    articles: dict[str, Article]) -> list[str]:
    notes = []
    for i, j, r in conflicts:
        ga, gb = groups[i][1], groups[j][1]
        if fam == "date" and re.search(r"\b1 day", r.why) and not any(
                extra_of(c, "stated_weekday") for c in ga + gb):
            later, earlier = (ga, gb) if _later(ga[0], gb[0]) else (gb, ga)
            tz_late = _zones(later, articles)
            tz_early = _zones(earlier, articles)
            notes.append(
                f"one day apart: {', '.join(sorted({c.article for c in later}))}{tz_late} gives the later day "
                f"({_display(later)}) and {', '.join(sorted({c.article for c in earlier}))}{tz_early} the earlier "
                f"({_display(earlier)}): the same moment seen from a time zone ahead of the event's would fall on the "
                "next day, so this may be a time-zone difference, not simply an error")
        if fam == "amount":
            pubs = {c.article: articles[c.article].published for c in ga + gb}
            lo_g, hi_g = (ga, gb) if (ga[0].low or 0) < (gb[0].low or 0) else (gb, ga)
            lo_dates = [d for c in lo_g if (d := pubs[c.article])]
            hi_dates = [d for c in hi_g if (d := pubs[c.article])]
            if lo_dates and hi_dates and max(lo_dates) < min(hi_dates):
                notes.append("the lower figure comes from earlier reports: the figure may have changed over time")
            bare = [c for _, g in groups for c in g if c.kind == "money" and c.unit == "USD" and _bare_dollar(c)]
            sums = [c.low for c in bare if c.low]
            if sums and max(sums) >= 1.1 * min(sums) and "dollar" not in " ".join(notes):
                # figures 10% or more apart, as another dollar's exchange rate would make them
                notes.append("a bare '$' may be the US, Canadian, Australian or another dollar: check the currency of "
                             f"each outlet ({', '.join(sorted({c.article for c in bare}))}) before counting these as "
                             "different figures")
    return notes


def _bare_dollar(c: Claim) -> bool:
    """A sum written with a bare '$' and no national name ('$108 million', not 'US$108 million' or 'USD 108m')."""
    return "$" in c.surface and not re.search(r"\b(?:US|U\.S\.)\s?\$|\$\s?US\b", c.surface) and not re.search(
        r"\b(?:U\.S\.|US|American)\s+dollars?\b", c.surface)


def _zones(claims: list[Claim], articles: dict[str, Article]) -> str:
    """' (Australia/Sydney, UTC+11)' for the configured time zones of the claims' articles, or ''."""
    out = []
    for art in sorted({c.article for c in claims}):
        tz = articles[art].timezone
        if not tz:
            continue
        offset = _utc_offset(tz, articles[art].published)
        out.append(f"{tz}, {offset}" if offset and offset not in tz else tz)
    return f" ({'; '.join(dict.fromkeys(out))})" if out else ""


def _utc_offset(tz: str, day: dt.date | None) -> str | None:
    import zoneinfo

    try:
        zone = zoneinfo.ZoneInfo(tz)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
    moment = dt.datetime.combine(day or dt.date(2000, 1, 1), dt.time(12), tzinfo=zone)
    off = moment.utcoffset()
    if off is None:
        return None
    minutes = int(off.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    h, m = divmod(abs(minutes), 60)
    return f"UTC{sign}{h}" + (f":{m:02d}" if m else "")


def _later(a: Claim, b: Claim) -> bool:
    """Whether a's day is the day after b's (by date, or by weekday when one is a bare weekday)."""
    if is_day(a.value) and is_day(b.value):
        return a.value > b.value
    wa, wb = weekday_of(a), weekday_of(b)
    if wa and wb:
        return (WEEKDAY_NAMES.index(wa) - WEEKDAY_NAMES.index(wb)) % 7 == 1
    return False


# ---------------------------------------------------------------- names


@lru_cache(maxsize=262144)
def _lite(s: str) -> str:
    """Case-folded spelling that keeps accents, letters and hidden characters: the spelling as written."""
    s = _HIDDEN.sub(lambda m: f" u{ord(m.group(0)):04x}hidden ", s)
    s = s.casefold().replace("’", "'")
    s = re.sub(r"['.]", "", s)
    s = re.sub(r"[^\w]+", " ", s)
    return " ".join(s.split())


def _copy_pairs(items: list[tuple[str, Mention]], copies: dict[tuple[str, int], set[str]]) -> list[tuple[str, str]]:
    """Article pairs whose mentions of a name stand in text copied between them."""
    arts = {a for a, _ in items}
    pairs = set()
    for a, m in items:
        for p in copies.get((a, m.sentence), set()) & arts:
            pairs.add((a, p) if a < p else (p, a))
    return sorted(pairs)


def entity_findings(index: EntityIndex, mentions: dict[str, list[Mention]], event_of: dict[tuple[str, int], str | None],
                    evidence_of_mention: Callable[[str, Mention], Evidence],
                    copies: dict[tuple[str, int], set[str]] | None = None) -> tuple[list[Finding], list[NameUse]]:
    """A variant finding for each entity written in more than one way; and the names that several articles
    write the same way, which are not findings (a name spelled alike is not a fact to confirm): they are
    listed once as names used consistently."""
    by_entity: dict[str, list[tuple[str, Mention]]] = defaultdict(list)
    for art in sorted(mentions):
        for m in mentions[art]:
            e = index.get(art, m.surface)
            if e:
                by_entity[e.id].append((art, m))
    findings = []
    names: list[NameUse] = []
    for eid in sorted(by_entity, key=lambda x: int(x[3:])):
        entity = index.entity(eid)
        items = by_entity[eid]
        arts = {a for a, _ in items}
        spellings: dict[str, list[tuple[str, Mention]]] = defaultdict(list)
        for a, m in items:
            spellings[_lite(m.surface)].append((a, m))
        # short forms: a spelling whose words all stand in exactly one other spelling joins it
        keys = sorted(spellings, key=lambda k: (-len(k.split()), k))
        merged: dict[str, list[tuple[str, Mention]]] = {}
        shorts: list[str] = []
        for k in keys:
            toks = k.split()
            hosts = [h for h in merged if len(h.split()) > len(toks) and all(t in h.split() for t in toks)]
            if len(hosts) == 1:
                merged[hosts[0]].extend(spellings[k])
            elif len(hosts) > 1:
                shorts.append(k)
            else:
                merged[k] = list(spellings[k])
        merged = _variant_groups(merged)
        sus = sorted({m.surface for _, m in items if suspicious(m.surface)})
        events = Counter(event_of.get((a, m.sentence)) for a, m in items)
        # a name used across events (a country, a league) belongs to the batch, not to one event
        event = events.most_common(1)[0][0] if len(events) == 1 else None
        if len(merged) < 2 and not sus:
            body_arts = {a for a, m in items if m.context != "post"}
            if len(body_arts) >= 2:
                names.append(_name_use(entity, items, event, evidence_of_mention,
                                       bool(_copy_pairs(items, copies or {}))))
            continue
        notes, outlier = _variant_notes(entity, merged)
        for s in sus:
            notes.append(f"'{s}' {suspicious(s)}: it is matched to {entity.name} but not trusted as the same spelling")
        if shorts:
            notes.append("short forms also used: " + ", ".join(sorted({m.surface for k in shorts for _, m in spellings[k]})))
        for group_items in merged.values():
            pairs = _copy_pairs(group_items, copies or {})
            if pairs:
                notes.append(f"the spelling '{group_items[0][1].surface}' in " + ", ".join(f"{a} and {b}" for a, b in pairs)
                             + " stands in copied text (e.g. the same embedded post): one source, not two")
        within = tuple(sorted(a for a in arts if sum(1 for v in merged.values() if any(x == a for x, _ in v)) >= 2))
        if within:
            notes.append(f"spelled more than one way within {', '.join(within)}")
        findings.append(_name_finding(entity, "variant", merged, event, evidence_of_mention, "; ".join(notes),
                                      tuple(sorted(outlier)), within))
    names.sort(key=lambda n: (-len(n.articles), n.name.casefold(), n.id))
    return findings, names


def _name_use(entity: Entity, items: list[tuple[str, Mention]], event: str | None,
              evidence_of_mention: Callable[[str, Mention], Evidence], copied: bool) -> NameUse:
    """One name written alike across articles: its spelling, where, how often, and its first two mentions in
    each article."""
    shown: list[tuple[str, Mention]] = []
    per_article: Counter[str] = Counter()
    for a, m in sorted(items, key=lambda x: (x[0], x[1].start)):
        if per_article[a] < 2:
            per_article[a] += 1
            shown.append((a, m))
    return NameUse(
        id=finding_id("name", entity.key_tokens), name=Counter(m.surface for _, m in items).most_common(1)[0][0],
        kind=entity.type, event=event, articles=tuple(sorted(per_article)), mentions=len(items),
        evidence=tuple(evidence_of_mention(a, m) for a, m in shown), copied=copied,
    )


def _spelled_apart(a: str, b: str) -> bool:
    """Two written forms differ in spelling (not only by extra words): a typo, accents, spacing."""
    if a.replace(" ", "") == b.replace(" ", "") or fold(a) == fold(b):
        return True
    ta, tb = a.split(), b.split()
    for x in ta:
        if x in tb:
            continue
        for y in tb:
            if y in ta:
                continue
            if token_similar(fold(x), fold(y), loose=True) or (
                    len(x) <= 3 and len(x) == len(y) and Levenshtein.distance(x, y) == 1) or (
                    4 <= len(x) <= 6 and x.isalpha() and swapped(x, y)):  # an acronym's slip: "nmsa" / "nsma"
                return True
    return False


def _variant_groups(merged: dict[str, list[tuple[str, Mention]]]) -> dict[str, list[tuple[str, Mention]]]:
    """Keep apart only the written forms that are spelled differently from another; fold the rest
    (forms that merely add words, "former Bulldog Ana Ruiz") into the most used form."""
    keys = sorted(merged, key=lambda k: (-len({a for a, _ in merged[k]}), -len(merged[k]), k))
    apart = {k for k in keys for o in keys if o != k and _spelled_apart(k, o)}
    if not apart:
        return {keys[0]: [x for k in keys for x in merged[k]]} if keys else merged
    out: dict[str, list[tuple[str, Mention]]] = {k: list(merged[k]) for k in keys if k in apart}
    host = next(k for k in keys if k in apart)
    for k in keys:
        if k not in apart:
            out[host].extend(merged[k])
    return out


def _variant_notes(entity: Entity, merged: dict[str, list[tuple[str, Mention]]]) -> tuple[list[str], set[str]]:
    ranked = sorted(merged.items(), key=lambda kv: (-len({a for a, _ in kv[1]}), -len(kv[1]), kv[0]))
    top_key, top_items = ranked[0]
    top_surface = Counter(m.surface for _, m in top_items).most_common(1)[0][0]
    top_arts = {a for a, _ in top_items}
    notes = [f"same {entity.type if entity.type != 'name' else 'entity'} written differently"]
    outlier: set[str] = set()
    for key, items in ranked[1:]:
        surface = Counter(m.surface for _, m in items).most_common(1)[0][0]
        where = sorted({a for a, _ in items})
        if fold(key) == fold(top_key):
            notes.append(f"'{surface}' ({', '.join(where)}) differs from '{top_surface}' only in accents or "
                         "transliteration")
            continue
        if key.replace(" ", "") == top_key.replace(" ", ""):
            notes.append(f"'{surface}' ({', '.join(where)}) differs from '{top_surface}' only in spacing")
            outlier |= set(where) - top_arts if len(where) < len(top_arts) else set()
            continue
        d = Levenshtein.distance(key, top_key)
        how = "two neighbouring letters swapped" if swapped(key, top_key) else f"edit distance {d}"
        if len(where) < len(top_arts) or len(items) < len(top_items):
            notes.append(f"'{surface}' ({', '.join(where)}) is likely a typo of '{top_surface}' "
                         f"({len(top_arts)} article(s); {how})")
            outlier |= set(where) - top_arts
        else:
            notes.append(f"'{surface}' ({', '.join(where)}) vs '{top_surface}': {how}")
    return notes, outlier


def _name_finding(entity: Entity, verdict: str, merged: dict[str, list[tuple[str, Mention]]], event: str | None,
                  evidence_of_mention: Callable[[str, Mention], Evidence], note: str | None,
                  outlier: tuple[str, ...], within: tuple[str, ...]) -> Finding:
    groups = []
    for _key, items in sorted(merged.items(), key=lambda kv: (-len({a for a, _ in kv[1]}), kv[0])):
        display = Counter(m.surface for _, m in items).most_common(1)[0][0]
        per_article: dict[str, int] = defaultdict(int)
        ev = []
        for a, m in sorted(items, key=lambda x: (x[0], x[1].start)):
            if per_article[a] >= 2:
                continue
            per_article[a] += 1
            ev.append(evidence_of_mention(a, m))
        groups.append(ValueGroup(value=display, articles=tuple(sorted({a for a, _ in items})), evidence=tuple(ev),
                                 display=display))
    kind = entity.type if entity.type != "name" else "name"
    return Finding(
        id=finding_id("name", entity.key_tokens), event=event, topic=f"spelling of {entity.name}", kind=kind,
        verdict=verdict, severity=DEFAULT_SEVERITY[verdict], values=tuple(groups), note=note, outlier=outlier,
        within_article=within, reasons=(f"mentions clustered as one entity ({len(entity.forms)} written forms)",),
    )


def evidence_factory(articles: dict[str, Article], layouts: dict[str, Layout]) -> tuple[EvidenceOf, Callable[[str, Mention], Evidence]]:
    cache: dict[tuple[str, int, int], str] = {}

    def sentence(art: str, idx: int, start: int, end: int) -> str:
        """The sentence around a claim, cut to SENTENCE_WINDOW characters each side of it (whole words)."""
        s_lo, s_hi = layouts[art].sentence_span(idx)
        lo, hi = max(s_lo, start - SENTENCE_WINDOW), min(s_hi, end + SENTENCE_WINDOW)
        key = (art, lo, hi)
        if key not in cache:
            text = layouts[art].text
            if lo > s_lo:
                lo = text.find(" ", lo, start) + 1 or lo
            if hi < s_hi:
                cut = text.rfind(" ", end, hi)
                hi = cut if cut > 0 else hi
            cache[key] = ("… " if lo > s_lo else "") + " ".join(text[lo:hi].split()) + (" …" if hi < s_hi else "")
        return cache[key]

    def of_claim(c: Claim) -> Evidence:
        a = articles[c.article]
        return Evidence(article=c.article, start=c.start, end=c.end, text=c.surface,
                        sentence=sentence(c.article, c.sentence, c.start, c.end),
                        line=a.line_of(c.start), context=c.context, note=c.note)

    def of_mention(art: str, m: Mention) -> Evidence:
        a = articles[art]
        return Evidence(article=art, start=m.start, end=m.end, text=m.surface,
                        sentence=sentence(art, m.sentence, m.start, m.end),
                        line=a.line_of(m.start), context=m.context)

    return of_claim, of_mention


def order_findings(findings: Iterable[Finding], verdict_rank: dict[str, int]) -> list[Finding]:
    def anchor(f: Finding) -> tuple[str, int, str]:
        ev = min(((e.article, e.start) for g in f.values for e in g.evidence), default=("", 0))
        return (ev[0], ev[1], f.topic)

    # make ids unique by content (where the finding's first evidence stands), not by verdict or order,
    # so that a verdict that changes does not swap the ids of two findings
    by_id: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_id[f.id].append(f)
    unique = []
    for fid, group in by_id.items():
        for k, f in enumerate(sorted(group, key=anchor), start=1):
            unique.append(f if k == 1 else replace(f, id=f"{fid}-{k}"))
    # within a verdict, what an editor checks first: casualties and key figures, dates and times, results,
    # people in roles, then the rest (audit.facts)
    return sorted(unique, key=lambda f: (verdict_rank[f.verdict], facts.rank(f), f.event or "~", f.kind, f.topic, f.id))
