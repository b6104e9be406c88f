"""The audit pipeline: load, extract, canonicalize, scope events, align, judge -> Report.

The library never prints; callers may pass `progress(stage, done, total)` to be told how
far a long run has got: stages "reading", "extracting", "events", "aligning" and "judging", each
told when it starts (done 0) and ends (done == total); `total` is None where the work is not
countable in advance.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, replace

from audit import __version__
from audit import entities as ent
from audit.align import align, copied_sentences
from audit.events import ArticleInfo, scope
from audit.extract import extract_article
from audit.extract.base import Mention
from audit.judge import entity_findings, evidence_factory, judge_slot, order_findings
from audit.kinds.base import Slot
from audit.loader import DEFAULT_MAX_BYTES, load
from audit.model import SCHEMA_VERSION, VERDICTS, Article, Claim, Copy, Finding, Report
from audit.repeats import group_repeated, with_repeats
from audit.text import Layout

Progress = Callable[[str, int, int | None], None]


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    jobs: int = 0
    """Worker processes for extraction; 0 means one per core."""
    max_bytes: int = DEFAULT_MAX_BYTES
    keep_markup: bool = False
    """Read text that is HTML as it is, instead of converting it to its main text (audit.hygiene)."""
    metadata: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    """Per-article metadata from configuration: (article id, ((key, value), ...))."""
    accepted_variants: tuple[tuple[str, str], ...] = ()
    suppressed: tuple[tuple[str, str], ...] = ()
    """(finding id, reason): shown as suppressed, never hidden."""
    severity: tuple[tuple[str, str], ...] = ()
    """(verdict, severity) overrides."""
    scheduler: str | None = None
    """A Dask scheduler to run on ('tcp://host:8786', or 'local:N' for a local cluster): audit.distributed."""
    shared_fs: bool = False
    """The cluster's workers see the input files at the same paths: they read them, the client does not."""


RUN_ONLY = ("jobs", "scheduler", "shared_fs")
"""Options that change where a run is computed, never its report (not in the fingerprint)."""


def _extract_one(article: Article) -> tuple[Article, list[Claim], list[Mention], Layout]:
    return extract_article(article)


def _apply_metadata(articles: list[Article], options: Options) -> list[Article]:
    import datetime as dt

    meta = dict(options.metadata)
    out = []
    for a in articles:
        m = dict(meta.get(a.id, ()))
        if not m or not a.audited:
            out.append(a)
            continue
        changes: dict[str, object] = {}
        if "published" in m:
            changes.update(published=dt.date.fromisoformat(m["published"]), published_basis="metadata",
                           published_note="given in the configuration")
        for key in ("outlet", "timezone", "url"):
            if key in m:
                changes[key] = m[key]
        out.append(replace(a, **changes))  # type: ignore[arg-type]
    return out


def run(paths: Sequence[str | os.PathLike[str]], *, name: str, options: Options | None = None,
        progress: Progress | None = None) -> Report:
    """Audit the files and folders in `paths`; return the report."""
    options = options or Options()
    if options.scheduler:  # on a Dask cluster (imported only then)
        from audit import distributed

        return distributed.run(paths, name=name, options=options, progress=progress)
    timings: list[tuple[str, float]] = []
    with paused_gc():
        t0 = time.perf_counter()
        articles = _apply_metadata(load(paths, max_bytes=options.max_bytes, keep_markup=options.keep_markup,
                                            progress=progress), options)
        timings.append(("load", time.perf_counter() - t0))
        return audit_articles(articles, name=name, options=options, progress=progress, timings=timings)


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Python's cycle collector paused for one audit (reference counting still frees everything at once).

    A large batch holds millions of long-lived objects (claims, frames, mentions) and makes almost no
    reference cycles; each full collection walks all of them again, which made the stages after
    extraction grow faster than the batch. Measured at 10,000 articles: 225 s -> 190 s end to end, peak
    memory unchanged. The extraction workers keep their collector (they are started with it enabled).
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def fingerprint(articles: Sequence[Article], *, name: str, options: Options) -> str:
    """The run's fingerprint: a hash of the tool's version, the batch name, the options that change a report
    (all but where it runs: --jobs, --scheduler) and every input (its path and the SHA-256 of its bytes; the reason, for a file that could
    not be read). No timestamp: two runs on the same input with the same options have the same fingerprint."""
    inputs = []
    for a in sorted(articles, key=lambda a: (a.path, a.id)):
        content = a.sha256 or (hashlib.sha256(a.text.encode("utf-8")).hexdigest() if a.audited else None)
        inputs.append([a.id, a.path, content if content else f"unread: {a.reason}"])
    doc = {"tool": f"audit {__version__}", "schema": SCHEMA_VERSION, "batch": name, "inputs": inputs,
           "options": {k: v for k, v in asdict(options).items() if k not in RUN_ONLY}}
    return hashlib.sha256(json.dumps(doc, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()[:32]


def audit_articles(articles: list[Article], *, name: str, options: Options | None = None,
                   progress: Progress | None = None, timings: list[tuple[str, float]] | None = None) -> Report:
    options = options or Options()
    timings = timings if timings is not None else []
    audited = [a for a in articles if a.audited]
    t0 = time.perf_counter()
    if progress:
        progress("extracting", 0, len(audited))
    results = list(_extract_all(audited, options.jobs, progress))
    timings.append(("extract", time.perf_counter() - t0))
    t0 = time.perf_counter()
    tell = progress or (lambda _stage, _done, _total: None)
    tell("events", 0, None)
    by_id = {a.id: a for a in articles}
    infos = []
    for art, claims, mentions, layout in results:
        by_id[art.id] = art
        infos.append(ArticleInfo(art, claims, mentions, layout))
    infos = _drop_common_words(infos)
    index = ent.build((i.article.id, m) for i in infos for m in i.mentions)
    events, infos = scope(infos, index)
    tell("events", len(events), len(events))
    timings.append(("events", time.perf_counter() - t0))
    t0 = time.perf_counter()
    all_claims = [_canonical_place(c, index) for i in infos for c in i.claims]
    tell("aligning", 0, None)
    by_article = {i.article.id: i for i in infos}

    def sentence_of(c: Claim) -> tuple[int, str]:
        lo, hi = by_article[c.article].layout.sentences[c.sentence]
        return lo, by_article[c.article].article.text[lo:hi]

    slots = align_claims(all_claims, index, sentence_of)
    tell("aligning", len(all_claims), len(all_claims))
    timings.append(("align", time.perf_counter() - t0))
    t0 = time.perf_counter()
    layouts = {i.article.id: i.layout for i in infos}
    arts = {i.article.id: i.article for i in infos}
    copies = copied_sentences({
        i.article.id: [(k, s, i.article.text[s:e]) for k, (s, e) in enumerate(i.layout.sentences)] for i in infos
    })
    _, of_mention = evidence_factory(arts, layouts)
    event_keys = {e.id: min(e.articles) for e in events if e.articles}
    judge = slot_judge(index, arts, layouts, copies, event_keys)
    findings: list[Finding] = []
    for k, s in enumerate(slots, start=1):
        if k % 500 == 1:
            tell("judging", k - 1, len(slots))
        findings.append(judge(s))
    home = {a: e.id for e in events for a in e.articles}
    event_of = {(i.article.id, k): e for i in infos for k, e in enumerate(sentence_events(i, home.get(i.article.id)))}
    name_findings, names = entity_findings(index, {i.article.id: i.mentions for i in infos}, event_of, of_mention,
                                           copies)
    findings.extend(name_findings)
    findings = _configure(findings, options)
    rank = {v: k for k, v in enumerate(VERDICTS)}
    findings = order_findings(findings, rank)
    tell("judging", len(slots), len(slots))
    timings.append(("judge", time.perf_counter() - t0))
    ordered_articles = tuple(sorted(by_id.values(), key=lambda a: (a.path, a.id)))
    return Report(batch=name, articles=ordered_articles, events=tuple(events), findings=tuple(findings),
                  names=tuple(names), claims=tuple(all_claims),
                  copies=tuple(copy_of(a, b, sents, layouts[a]) for a, b, sents in copy_pairs(copies)),
                  timings=tuple(timings), fingerprint=fingerprint(articles, name=name, options=options))


def align_claims(claims: list[Claim], index: ent.EntityIndex, sentence_of: Callable[[Claim], tuple[int, str]]
                 ) -> list[Slot]:
    """The slots of the claims; copies of one statement (`sentence_of` gives a claim's sentence) are not paired
    again but join their original's slots. A cluster (audit.distributed) calls it once per group of events."""
    to_align, repeats = group_repeated(claims, sentence_of)
    return with_repeats(align(to_align, index), repeats)


def slot_judge(index: ent.EntityIndex, arts: dict[str, Article], layouts: dict[str, Layout],
               copies: dict[tuple[str, int], set[str]], event_keys: dict[str, str]) -> Callable[[Slot], Finding]:
    """The finding of a slot, with everything judging reads besides the slot (the same on a cluster's worker,
    where `index`, `arts` and `layouts` hold only the articles of some events)."""
    of_claim, _ = evidence_factory(arts, layouts)

    def canon(c: Claim) -> str | None:
        return index.canonical(c.article, c.subject) if c.subject else None

    def person(c: Claim) -> bool:
        e = index.get(c.article, c.subject) if c.subject else None
        return e is not None and e.type == "person"

    def judge(s: Slot) -> Finding:
        return judge_slot(s, of_claim, arts, copies, canon, event_keys, person)

    return judge


def sentence_events(info: ArticleInfo, home: str | None) -> list[str | None]:
    """The event of each sentence of an article: that of the (last) claim it holds, else the article's own."""
    out: list[str | None] = [None] * len(info.layout.sentences)
    for c in info.claims:
        if 0 <= c.sentence < len(out):
            out[c.sentence] = c.event
    return [e if e is not None else home for e in out]


def copy_pairs(copies: dict[tuple[str, int], set[str]]) -> list[tuple[str, str, list[int]]]:
    """Pairs of articles that share sentences word for word: (a, b, a's copied sentences), a < b, in order."""
    pairs: dict[tuple[str, str], list[int]] = {}
    for (art, si), partners in copies.items():
        for other in partners:
            key = (art, other) if art < other else (other, art)
            pairs.setdefault(key, [])
            if key[0] == art:
                pairs[key].append(si)
    return [(a, b, sorted(sents)) for (a, b), sents in sorted(pairs.items()) if sents]


def copy_of(a: str, b: str, sents: list[int], layout: Layout) -> Copy:
    """What articles a and b share, with how many of a's sentences and where (read off a's layout)."""
    contexts = tuple(sorted({layout.context_at(layout.sentences[si][0]) for si in sents}))
    sample = " ".join(layout.text[slice(*layout.sentences[sents[0]])].split())
    return Copy(articles=(a, b), sentences=len(sents), contexts=contexts, sample=sample[:200])


_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]+")


def _drop_common_words(infos: list[ArticleInfo]) -> list[ArticleInfo]:
    """A one-word "name" that only ever stands at the start of a sentence and that the batch also writes in
    lower case ("Drivers", "Fog", "Relatives") is a common word, not a name."""
    vocab: set[str] = set()
    for i in infos:
        vocab.update(lower_words(i.article.text))
    capitalized_inside: set[str] = set()
    for i in infos:
        for m in i.mentions:
            if " " not in m.surface and not _sentence_initial(i, m):
                capitalized_inside.add(m.surface)
    common = {m.surface for i in infos for m in i.mentions
              if " " not in m.surface and m.surface.lower() in vocab and m.surface not in capitalized_inside}
    return [drop_words(i, common) for i in infos]


def lower_words(text: str) -> set[str]:
    """The words a text writes in lower case."""
    return set(_LOWER_WORD.findall(text))


def drop_words(info: ArticleInfo, common: set[str]) -> ArticleInfo:
    """The article without its name mentions (and name claims) of the common words `common` that stand at the
    start of a sentence (see `_drop_common_words`)."""
    drop = {(m.start, m.end) for m in info.mentions
            if " " not in m.surface and m.surface in common and _sentence_initial(info, m)}
    if not drop:
        return info
    mentions = [m for m in info.mentions if (m.start, m.end) not in drop]
    claims = [c for c in info.claims if not (c.attribute == "name" and (c.start, c.end) in drop)]
    return ArticleInfo(info.article, claims, mentions, info.layout)


def _sentence_initial(info: ArticleInfo, m: Mention) -> bool:
    lo, _hi = info.layout.sentence_span(m.sentence)
    return not info.article.text[lo:m.start].strip(" \"“‘'([—–-")


def _canonical_place(c: Claim, index: ent.EntityIndex, naming: dict[str, int] | None = None) -> Claim:
    """Claims whose value is a name carry it canonically: a residence names its place (with how many articles
    name that place: `naming` gives that number by entity id, for an index that holds only some articles' names),
    an office its holder person, and the organisation it belongs to."""
    if c.kind == "office":
        holder = next((v for k, v in c.extra if k == "holder"), None)
        canon = tuple((k, index.canonical(c.article, v) or v) if k == "holder" else (k, v) for k, v in c.extra)
        person = index.get(c.article, c.surface)
        return replace(c, value=person.name if person else c.value, extra=canon) if (person or holder) else c
    if c.kind == "location":
        place = index.get(c.article, c.surface)
        return replace(c, value=place.name) if place else c
    if c.attribute != "residence":
        return c
    e = index.get(c.article, c.surface)
    if e is None:
        return c
    n = naming[e.id] if naming is not None else len({a for arts in e.articles.values() for a in arts})
    return replace(c, value=e.name, extra=(*c.extra, ("place_articles", str(n))))


def _configure(findings: list[Finding], options: Options) -> list[Finding]:
    from audit.entities import fold

    accepted = {frozenset((fold(a), fold(b))) for a, b in options.accepted_variants}
    suppressed = dict(options.suppressed)
    severity = dict(options.severity)
    out = []
    for f in findings:
        if f.verdict == "variant" and accepted and len(f.values) >= 2:
            spellings = [fold(g.value) for g in f.values]
            if all(frozenset((spellings[0], s)) in accepted or s == spellings[0] for s in spellings[1:]):
                f = replace(f, verdict="agree", severity=severity.get("agree", "info"),
                            note=(f.note or "") + "; spelling difference accepted by configuration")
        if f.verdict in severity:
            f = replace(f, severity=severity[f.verdict])
        base = f.id.split("-")[0]
        if f.id in suppressed or base in suppressed:
            f = replace(f, suppressed=suppressed.get(f.id) or suppressed[base])
        out.append(f)
    return out


def _extract_all(articles: list[Article], jobs: int, progress: Progress | None) -> Iterable[
        tuple[Article, list[Claim], list[Mention], Layout]]:
    total = len(articles)
    workers = jobs if jobs > 0 else (os.cpu_count() or 1)
    if workers <= 1 or total < 64:
        for k, a in enumerate(articles, start=1):
            yield _extract_one(a)
            if progress:
                progress("extracting", k, total)
        return
    chunk = max(1, min(64, total // (workers * 4) or 1))
    with ProcessPoolExecutor(max_workers=workers, initializer=gc.enable) as pool:
        for k, result in enumerate(pool.map(_extract_one, articles, chunksize=chunk), start=1):
            yield result
            if progress and (k % 25 == 0 or k == total):
                progress("extracting", k, total)
