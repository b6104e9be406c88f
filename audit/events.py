"""Event scoping: split the batch into the real-world events it talks about.

Articles are grouped by the names they share, kept apart when their dates are far apart.
Inside an article, a sentence that names another year is moved to the event of that year
when the batch has one and the sentence's names fit it better; otherwise it is marked as
background, so that an aside about an earlier event is never compared with the main one.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from audit.entities import EntityIndex
from audit.extract.base import Mention, clause_bounds
from audit.model import Article, Claim, Event
from audit.text import Layout
from audit.unionfind import UnionFind

MAX_GAP_DAYS = 45
LINK_SIMILARITY = 0.3
WEAK_SIMILARITY = 0.1
UNDATED_SIMILARITY = 0.5
"""Two undated articles, which no date keeps apart, are one event only when they share half of their names."""
CANDIDATES = 100
"""How many other articles one article is compared with at most (those sharing its rarest names)."""
"""Two dated articles are one event when this share of their (idf-weighted) names is shared. Measured on the
devset, the seeds, our own batches and the 1,000-article benchmark: same-event clusters stay connected up to
0.3, while stories that merely share a country or a city fall below it (0.35 starts splitting real events)."""
_YEAR = re.compile(r"(?<![\d-])((?:19|20)\d{2})(?![\d-])")


@dataclass
class ArticleInfo:
    article: Article
    claims: list[Claim]
    mentions: list[Mention]
    layout: Layout


def _entity_sets(infos: list[ArticleInfo], index: EntityIndex) -> dict[str, Counter[str]]:
    return {info.article.id: names_of(info.article.id, info.mentions, index) for info in infos}


def names_of(article: str, mentions: list[Mention], index: EntityIndex) -> Counter[str]:
    """Entity id -> how often the article names it outside embedded posts."""
    c: Counter[str] = Counter()
    for m in mentions:
        if m.context == "post":
            continue
        e = index.get(article, m.surface)
        if e:
            c[e.id] += 1
    return c


def _similarity(a: Counter[str], b: Counter[str], idf: dict[str, float]) -> float:
    """The idf-weighted share of the smaller article's names that the other one names too.

    The sums are exact (`math.fsum`), so the result does not depend on the order in which a set of
    names is iterated, which changes with the hash seed: two candidates that share names of equal
    weight tie exactly, and the tie is broken by id, not by rounding."""
    shared = a.keys() & b.keys()
    if not shared:
        return 0.0
    num = math.fsum(idf[e] for e in shared)
    den = min(math.fsum(idf[e] for e in a), math.fsum(idf[e] for e in b))
    return num / den if den else 0.0


def _event_date(days: Counter[str], pubs: list[dt.date]) -> dt.date | None:
    """The most stated full date in the body of an event's articles, else its earliest publication date."""
    if days:
        best = max(days.items(), key=lambda kv: (kv[1], kv[0]))[0]
        return dt.date.fromisoformat(best)
    return min(pubs) if pubs else None


def body_days(claims: list[Claim]) -> Counter[str]:
    """How often each full date (YYYY-MM-DD) stands in an article's body: what dates its event."""
    return Counter(
        c.value for c in claims
        if c.kind == "date" and c.context == "body" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", c.value)
    )


@dataclass
class Summary:
    """What event grouping reads of one article: its names and dates, never its text or claims."""

    id: str
    published: dt.date | None
    names: Counter[str]
    """Entity id -> mentions outside embedded posts."""
    days: Counter[str]
    """Full dates stated in the body (`body_days`)."""


@dataclass
class Grouping:
    """The batch's events before their sentences are scoped: what every article's scoping reads."""

    events: list[Event]
    home: dict[str, str]
    """Article id -> its event."""
    ev_ents: dict[str, Counter[str]]
    """Event -> in how many of its articles each entity stands."""
    ev_mentions: dict[str, Counter[str]]
    ev_year: dict[str, int | None]
    events_by_year: dict[int, list[str]]
    """Year -> the events of that year, in event order."""


def scope(infos: list[ArticleInfo], index: EntityIndex) -> tuple[list[Event], list[ArticleInfo]]:
    """Events of the batch, and the article infos with every claim's `event` (and background context) set."""
    if not infos:
        return [], infos
    ents = _entity_sets(infos, index)
    grouping = group([Summary(i.article.id, i.article.published, ents[i.article.id], body_days(i.claims))
                      for i in infos])
    moved: dict[str, set[str]] = defaultdict(set)
    out: list[ArticleInfo] = []
    for info in infos:
        scoped, targets = scope_article(info, grouping, ents[info.article.id], index)
        out.append(scoped)
        for t in targets:
            moved[t].add(info.article.id)
    return label(grouping, moved, index), out


def group(summaries: list[Summary]) -> Grouping:
    """Group the articles into events by the names they share, kept apart by their dates."""
    ents = {s.id: s.names for s in summaries}
    n = len(summaries)
    df: Counter[str] = Counter()
    for c in ents.values():
        df.update(set(c))
    idf = {e: math.log(1 + n / k) for e, k in df.items()}
    ids = [s.id for s in summaries]
    pub = {s.id: s.published for s in summaries}
    uf: UnionFind[str] = UnionFind(ids)
    find = uf.find

    def compatible(a: str, b: str) -> bool:
        pa, pb = pub[a], pub[b]
        return pa is None or pb is None or abs((pa - pb).days) <= MAX_GAP_DAYS

    dated = [a for a in ids if pub[a] is not None]
    undated = [a for a in ids if pub[a] is None]
    # candidate pairs share at least one name that is not in (nearly) every article: an inverted index,
    # so that a batch of thousands of articles is never compared all against all
    postings: dict[str, list[str]] = defaultdict(list)
    for a in ids:
        for e in ents[a]:
            postings[e].append(a)
    # each article meets its candidates through its rarest names first, and meets at most CANDIDATES of them:
    # the work (and memory) grows with the number of articles, not with its square
    pair_sims: dict[tuple[str, str], float] = {}
    for a in ids:
        met: set[str] = set()
        for e in sorted(ents[a], key=lambda x: (len(postings[x]), x)):
            if len(met) >= CANDIDATES:
                break
            met.update(postings[e][: CANDIDATES * 2])
        met.discard(a)
        for b in met:
            key = (a, b) if a < b else (b, a)
            if key not in pair_sims:
                pair_sims[key] = _similarity(ents[a], ents[b], idf)
    # dated articles: link when close in time and sharing enough names; two undated ones likewise (a batch
    # without dates, such as a corpus rebuilt from XML, is otherwise cut into chains of best partners)
    for (a, b), sim in sorted(pair_sims.items()):
        both_dated = pub[a] is not None and pub[b] is not None
        both_undated = pub[a] is None and pub[b] is None
        if (both_dated and compatible(a, b) and sim >= LINK_SIMILARITY) or (both_undated and sim >= UNDATED_SIMILARITY):
            uf.union(a, b)
    # an article left alone joins the article it shares most with, when that is at least a weak link;
    # groups of several articles are never chained together by weak links
    size: Counter[str] = Counter(find(x) for x in ids)
    best_weak: dict[str, tuple[float, str]] = {}
    for (a, b), sim in sorted(pair_sims.items()):
        if sim < WEAK_SIMILARITY or pub[a] is None or pub[b] is None or not compatible(a, b):
            continue
        for x, y in ((a, b), (b, a)):
            if sim > best_weak.get(x, (0.0, ""))[0]:
                best_weak[x] = (sim, y)
    for a in sorted(best_weak):
        if size[find(a)] == 1:
            _, partner = best_weak[a]
            uf.union(a, partner)
            size = Counter(find(x) for x in ids) if n < 2000 else size
    # undated articles join the group they share most names with
    members_of: dict[str, list[str]] = defaultdict(list)
    for x in dated:
        members_of[find(x)].append(x)
    neighbours: dict[str, set[str]] = defaultdict(set)
    for x, y in pair_sims:
        neighbours[x].add(y)
        neighbours[y].add(x)
    for a in undated:
        cands = neighbours[a]
        roots = sorted({find(x) for x in cands if pub[x] is not None}) or sorted({find(x) for x in cands})
        best, best_sim = None, 0.0
        for r in roots:
            pooled: Counter[str] = Counter()
            for x in members_of.get(r, [r]):
                pooled.update(ents[x])
            sim = _similarity(ents[a], pooled, idf)
            if sim > best_sim:
                best, best_sim = r, sim
        if best is not None and best_sim > 0.0:
            uf.union(a, best)
    # an article that shares no name with any other (a short wire item, a text without names) cannot be told
    # apart by names: it joins the largest group that its date allows
    linked_ids = {x for pair, sim in pair_sims.items() if sim > 0 for x in pair}
    sizes: Counter[str] = Counter(find(x) for x in ids)
    for a in ids:
        if a in linked_ids or sizes[find(a)] > 1:
            continue
        options = sorted((r for r in sizes if r != find(a)), key=lambda r: (-sizes[r], r))
        for r in options:
            if compatible(a, r):
                uf.union(a, r)
                break
        sizes = Counter(find(x) for x in ids) if len(ids) < 2000 else sizes
    groups: dict[str, list[str]] = defaultdict(list)
    for a in ids:
        groups[find(a)].append(a)
    days_of = {s.id: s.days for s in summaries}

    def group_key(members: list[str]) -> tuple[str, str]:
        dates = sorted(pub[m].isoformat() for m in members if pub[m])  # type: ignore[union-attr]
        return (dates[0] if dates else "9999", min(members))

    ordered = sorted(groups.values(), key=group_key)
    events: list[Event] = []
    home: dict[str, str] = {}
    ev_ents: dict[str, Counter[str]] = {}
    ev_year: dict[str, int | None] = {}
    ev_mentions: dict[str, Counter[str]] = {}
    for k, members in enumerate(ordered, start=1):
        eid = f"E{k}"
        for m in members:
            home[m] = eid
        agg: Counter[str] = Counter()
        for m in members:
            agg.update(set(ents[m]))
        ev_ents[eid] = agg
        mentions_total: Counter[str] = Counter()
        for m in members:
            mentions_total.update(ents[m])
        ev_mentions[eid] = mentions_total
        days: Counter[str] = Counter()
        for m in members:
            days.update(days_of[m])
        pubs = [pub[m] for m in members if pub[m]]
        date = _event_date(days, pubs)  # type: ignore[arg-type]
        ev_year[eid] = date.year if date else None
        events.append(Event(id=eid, label="", articles=tuple(sorted(members)), date=date))
    events_by_year: dict[int, list[str]] = defaultdict(list)
    for event in events:
        if ev_year[event.id] is not None:
            events_by_year[ev_year[event.id]].append(event.id)  # type: ignore[index]
    return Grouping(events, home, ev_ents, ev_mentions, ev_year, dict(events_by_year))


def scope_article(info: ArticleInfo, grouping: Grouping, names: Counter[str], index: EntityIndex
                  ) -> tuple[ArticleInfo, set[str]]:
    """One article's claims scoped: each claim's event (a sentence about another year may belong to that year's
    event) and background context. Returns the scoped info and the other events some of its sentences moved to.
    `names` is the article's entity counter (as grouping read it); `index` needs only this article's names."""
    ev_year, ev_ents = grouping.ev_year, grouping.ev_ents
    aid = info.article.id
    eid = grouping.home[aid]
    text = info.article.text
    sent_event: dict[int, str] = {}
    background: dict[int, list[int]] = {}
    """sentence -> offsets of the older years it names"""
    targets: set[str] = set()
    for si, (lo, hi) in enumerate(info.layout.sentences):
        if info.layout.context_at(lo) == "post":
            continue
        years = {int(y) for y in _YEAR.findall(text[lo:hi])}
        if not years or ev_year[eid] is None or ev_year[eid] in years:
            continue
        sent_ents = {index.get(aid, m.surface).id for m in info.mentions  # type: ignore[union-attr]
                     if lo <= m.start < hi and index.get(aid, m.surface)}
        target = None
        home_pool = ev_ents[eid] - Counter(set(names))  # what the other articles of its event name
        for other in (e for y in sorted(years) for e in grouping.events_by_year.get(y, [])):
            if other != eid:
                own = sum(1 for e in sent_ents if e in home_pool and e not in ev_ents[other])
                theirs = sum(1 for e in sent_ents if e in ev_ents[other] and e not in home_pool)
                if theirs and theirs >= own:  # the sentence names something of that event
                    target = other
        if target:
            sent_event[si] = target
            targets.add(target)
        elif all(y < ev_year[eid] for y in years):  # type: ignore[operator]
            background[si] = [lo + m.start() for m in _YEAR.finditer(text[lo:hi])]
    scoped: list[Claim] = []
    for claim in info.claims:
        ctx = claim.context
        if claim.context == "body" and claim.sentence in background:
            lo, hi = info.layout.sentences[claim.sentence]
            c_lo, c_hi = clause_bounds(text, claim.start, claim.end, lo, hi)
            # background only when the older year stands right beside the claim
            if any((c_lo <= y <= c_hi and abs(y - claim.start) <= 50) or abs(y - claim.start) <= 30
                   for y in background[claim.sentence]):
                ctx = "background"
        scoped.append(replace(claim, event=sent_event.get(claim.sentence, eid), context=ctx))
    return ArticleInfo(info.article, scoped, info.mentions, info.layout), targets


def label(grouping: Grouping, moved: dict[str, set[str]], index: EntityIndex) -> list[Event]:
    """The events with their labels and the articles that speak of them only in some passages (`moved`:
    event -> articles some of whose sentences were scoped to it)."""
    everywhere: Counter[str] = Counter()
    for counter in grouping.ev_ents.values():
        everywhere.update(set(counter))
    labelled: list[Event] = []
    for event in grouping.events:
        partial = tuple(sorted(moved.get(event.id, set()) - set(event.articles)))
        labelled.append(replace(event, label=_label(event, grouping.ev_ents[event.id], grouping.ev_mentions[event.id],
                                                    everywhere, index), partial=partial))
    return labelled


def _label(ev: Event, agg: Counter[str], mentions: Counter[str], everywhere: Counter[str], index: EntityIndex) -> str:
    """A readable label: the names most of its articles share (and other events do not), and the date.
    `everywhere` counts, per name, the events that use it."""
    shared = max(1, len(ev.articles) // 2)
    top = [e for e, k in sorted(((e, k) for e, k in agg.items() if k >= shared),
                                key=lambda kv: (-kv[1], everywhere[kv[0]] > 1, -mentions[kv[0]], kv[0]))]
    names: list[str] = []
    for eid in top:
        ent = index.entity(eid)
        if ent.type in ("person",) and len(names) >= 1:
            continue
        names.append(ent.name)
        if len(names) == 3:
            break
    label = ", ".join(names) if names else "event"
    if ev.date:
        label += f" ({ev.date.isoformat()})"
    return label
