"""The audit on a Dask cluster: `audit run PATH... --scheduler ADDRESS` (issue 13).

The same stages as `audit.pipeline`, with the same functions, placed where their data is:

- the client lists and reads the files (or, with `--shared-fs`, only lists them) and sends each chunk of
  articles to a worker as one task: decoding, the date line, metadata and extraction with the parse run
  there, the language model loaded once per worker process (`ModelPlugin`); the articles, their claims and
  layouts stay on the workers;
- the client receives compact summaries (an article without its text, its name mentions, the full dates it
  states) and computes what needs the whole batch: the common words that are no names (asking each chunk
  which candidate words its texts write in lower case), the entity index and the grouping into events;
- each chunk then scopes its own articles' sentences (events.scope_article), and the copied sentences are
  found by a distributed join: each chunk sends the hashes of its sentences' shingles to one of P partition
  tasks by hash, each partition counts the articles that share a shingle, and each chunk reads back the
  counts of its own sentences;
- alignment and judging run per group of events, as tasks, each on the claims and texts of its events only
  (alignment never pairs claims of two events); the client orders the findings as the pipeline does;
- name findings need every mention of an entity across the batch: the client computes them from the
  mentions it holds, and the workers fill in the sentences quoted as evidence.

Every step calls the pipeline's own functions on the same inputs in the same order, so the report is the
same, byte for byte, as a local run's (tests/test_distributed.py). A task that fails is retried (a worker that
dies, by the scheduler); a chunk that keeps failing is split into one task per article, and an article whose
task keeps failing is skipped with the reason.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audit import __version__
from audit import entities as ent
from audit import events as ev
from audit import pipeline as pl
from audit.align import COPY_SPREAD, copy_threshold, sentence_shingles
from audit.errors import InputError, UsageError
from audit.events import ArticleInfo
from audit.extract import extract_article
from audit.extract.base import Mention
from audit.judge import entity_findings, evidence_factory, order_findings
from audit.loader import Source, article_ids, discover, read_article, read_bytes
from audit.model import VERDICTS, Article, Claim, Copy, Evidence, Finding, NameUse, Report
from audit.paths import uri_reference

if TYPE_CHECKING:  # pragma: no cover - typing only
    from distributed import Client, Future

LOCAL = re.compile(r"local:(\d+)")
REMOTE = re.compile(r"(tcp|tls|ws|wss|inproc|ucx)://\S+")
CONNECT_TIMEOUT = 10.0
"""Seconds to wait for a scheduler before giving up (exit 3)."""
RETRIES = 2
"""Times a failed task is run again before its chunk is split (and its article skipped)."""
PARTITIONS = 8
"""Partitions of the shingle join that finds copied sentences."""
CHUNK_MAX = 64
"""Articles per extraction task at most."""


class SchedulerUnreachable(InputError):
    """The scheduler given cannot be reached (exit 3)."""


def check_address(address: str) -> str:
    """A scheduler address as given, or UsageError: 'local:N' or a Dask address such as tcp://host:8786."""
    address = address.strip()
    m = LOCAL.fullmatch(address)
    if m:
        if int(m.group(1)) < 1:
            raise UsageError(f"--scheduler {address}: a local cluster needs at least one worker (local:2)")
        return address
    if REMOTE.fullmatch(address):
        return address
    raise UsageError(f"--scheduler {address!r}: give a scheduler address such as tcp://host:8786, or local:N for "
                     "a local cluster of N worker processes")


def _require_dask() -> None:
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise UsageError("--scheduler needs Dask, an optional dependency: pip install 'audit[dask]'") from None


def _load_model() -> None:
    """Load the language model in this worker process (once: audit.nlp keeps it)."""
    from audit import nlp

    nlp.model()


def register_sizes() -> None:
    """Tell Dask how large this module's objects are, so that the scheduler runs a task where the articles it
    reads already are: without it an article's claims, layout and text count as a few bytes, and a whole chunk
    moves to another worker to be read there. Measured: a chunk pickles to about 5 times its articles' text, a
    scoped chunk to about 9 times; in memory about twice that."""
    from dask.sizeof import sizeof

    @sizeof.register(ArticleInfo)
    def _info(x: ArticleInfo) -> int:
        return 1000 + 10 * len(x.article.text)

    @sizeof.register(Scoped)
    def _scoped(x: Scoped) -> int:
        return 1000 + sum(18 * len(i.article.text) for i in x.infos)


def model_plugin() -> Any:
    """A worker plugin that loads the language model once in each worker process, when the worker starts (and in
    workers that join later)."""
    from distributed import WorkerPlugin

    class ModelPlugin(WorkerPlugin):
        name = "audit-model"

        def setup(self, worker: Any) -> None:
            register_sizes()
            _load_model()

    return ModelPlugin()


def _worker_version() -> str:
    return __version__


@contextlib.contextmanager
def connect(address: str) -> Iterator[Client]:
    """A client of the scheduler at `address` ('local:N' starts a LocalCluster of N worker processes)."""
    _require_dask()
    import dask
    from distributed import Client, LocalCluster

    address = check_address(address)
    register_sizes()
    with dask.config.set({"distributed.scheduler.allowed-failures": RETRIES + 1,
                          "distributed.scheduler.work-stealing": False,
                          "distributed.worker.daemon": False, "logging.distributed": "error"}):
        for name in ("distributed", "distributed.client", "distributed.nanny", "distributed.scheduler",
                     "distributed.worker", "distributed.core", "distributed.comm"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
        m = LOCAL.fullmatch(address)
        if m:
            with LocalCluster(n_workers=int(m.group(1)), threads_per_worker=1, processes=True,
                              dashboard_address=":0", silence_logs=logging.CRITICAL) as cluster, \
                    Client(cluster) as client:
                _prepare(client, address)
                yield client
            return
        try:
            client = Client(address, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise SchedulerUnreachable(f"cannot reach the Dask scheduler at {address}: {reason}") from None
        with client:
            _prepare(client, address)
            yield client


def _prepare(client: Client, address: str) -> None:
    """Every worker runs this version of audit and holds the language model."""
    if not client.scheduler_info().get("workers"):
        with contextlib.suppress(TimeoutError, OSError):
            client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
    try:
        versions = client.run(_worker_version)
    except Exception as exc:  # a worker without audit cannot even unpickle the call
        raise InputError(f"the workers of {address} cannot run audit ({type(exc).__name__}: {exc}); install the "
                         f"same version there (audit {__version__})") from None
    if not versions:
        raise SchedulerUnreachable(f"the Dask scheduler at {address} has no workers")
    other = sorted({f"{w}: audit {v}" for w, v in versions.items() if v != __version__})
    if other:
        raise InputError(f"the workers of {address} run another version of audit than this client "
                         f"({__version__}): {', '.join(other[:3])}")
    client.register_plugin(model_plugin(), name="audit-model")


# --------------------------------------------------------------------------- what travels

@dataclass(frozen=True, slots=True)
class Shared:
    """A value sent once to every worker (Dask would scatter a bare list, tuple or set element by element)."""

    value: Any


@dataclass(frozen=True, slots=True)
class Item:
    """One file for a worker: its contents (or, with a shared filesystem, its absolute path)."""

    source: Source
    id: str
    uri: str
    contents: bytes | None


@dataclass
class Summary:
    """What the client keeps of one audited article: no text, no claims."""

    article: Article
    mentions: list[Mention]
    initial: list[bool]
    """For each mention: a one-word name that stands at the start of its sentence."""
    days: Counter[str]


@dataclass
class Scoped:
    """One chunk after scoping (kept on the worker), and the little the client reads of it."""

    infos: list[ArticleInfo]
    parts: dict[int, list[ArticleInfo]]
    """Judging group -> this chunk's articles with only their claims of that group's events."""
    mention_events: dict[str, list[str | None]]
    moved: dict[str, set[str]]
    shingles: dict[int, dict[bytes, set[str]]]
    """Partition -> shingle hash -> the chunk's articles where it stands."""
    sentences: dict[tuple[str, int], tuple[int, list[tuple[bytes, int]]]]
    """(article, sentence) -> how many shingles it has, and each distinct shingle's hash with how often."""
    groups: dict[int, list[str]] = field(default_factory=dict)
    """Judging group -> the articles of this chunk with claims in it."""


# --------------------------------------------------------------------------- tasks (run on workers)

def _read(item: Item, options: pl.Options) -> Article:
    contents: bytes | str | None = item.contents
    source = item.source
    article = read_article(source, item.id, max_bytes=options.max_bytes, keep_markup=options.keep_markup,
                           contents=contents)
    article = replace(article, uri=item.uri)
    return pl._apply_metadata([article], options)[0]


def _extract(article: Article) -> ArticleInfo:
    art, claims, mentions, layout = extract_article(article)
    return ArticleInfo(art, claims, mentions, layout)


def extract_chunk(items: list[Item], options: pl.Options) -> list[Article | ArticleInfo]:
    """Read and extract a chunk of articles (a task)."""
    out: list[Article | ArticleInfo] = []
    for item in items:
        article = _read(item, options)
        out.append(_extract(article) if article.audited else article)
    return out


def combine(parts: list[list[Article | ArticleInfo]]) -> list[Article | ArticleInfo]:
    return [x for p in parts for x in p]


def summarize(state: list[Article | ArticleInfo]) -> list[Article | Summary]:
    """The compact summary of a chunk: skipped articles as they are, audited ones without text or claims."""
    out: list[Article | Summary] = []
    for x in state:
        if isinstance(x, Article):
            out.append(x)
            continue
        initial = [" " not in m.surface and pl._sentence_initial(x, m) for m in x.mentions]
        out.append(Summary(replace(x.article, text=""), list(x.mentions), initial, ev.body_days(x.claims)))
    return out


def vocabulary_hits(state: list[Article | ArticleInfo], shared: Shared) -> set[str]:
    """Which of the words `shared` holds the chunk's texts write in lower case."""
    words: frozenset[str] = shared.value
    found: set[str] = set()
    for x in state:
        if isinstance(x, ArticleInfo):
            found |= pl.lower_words(x.article.text) & words
    return found


def _shingle_key(sh: tuple[str, ...]) -> bytes:
    return hashlib.blake2b("\x1f".join(sh).encode("utf-8"), digest_size=16).digest()


def scope_chunk(state: list[Article | ArticleInfo], common: frozenset[str], index: ent.EntityIndex,
                grouping: ev.Grouping, naming: dict[str, int], group_of: dict[str, int]) -> Scoped:
    """Drop the common words, scope the chunk's sentences to events, split its claims by judging group and hash
    its sentences' shingles (a task)."""
    infos: list[ArticleInfo] = []
    parts: dict[int, list[ArticleInfo]] = defaultdict(list)
    groups: dict[int, list[str]] = defaultdict(list)
    mention_events: dict[str, list[str | None]] = {}
    moved: dict[str, set[str]] = defaultdict(set)
    shingles: dict[int, dict[bytes, set[str]]] = defaultdict(lambda: defaultdict(set))
    sentences: dict[tuple[str, int], tuple[int, list[tuple[bytes, int]]]] = {}
    for x in state:
        if not isinstance(x, ArticleInfo):
            continue
        aid = x.article.id
        info = pl.drop_words(x, set(common))
        info, targets = ev.scope_article(info, grouping, ev.names_of(aid, info.mentions, index), index)
        info = ArticleInfo(info.article, [pl._canonical_place(c, index, naming) for c in info.claims],
                           info.mentions, info.layout)
        infos.append(info)
        for t in targets:
            moved[t].add(aid)
        by_group: dict[int, list[Claim]] = defaultdict(list)
        for c in info.claims:
            by_group[group_of[c.event or ""]].append(c)
        for g in sorted(by_group):
            parts[g].append(ArticleInfo(info.article, by_group[g], [], info.layout))
            groups[g].append(aid)
        events = pl.sentence_events(info, grouping.home.get(aid))
        mention_events[aid] = [events[m.sentence] if 0 <= m.sentence < len(events) else None for m in info.mentions]
        text = info.article.text
        for si, (s, e) in enumerate(info.layout.sentences):
            sh = sentence_shingles(text[s:e])
            keys = [(_shingle_key(x), times) for x, times in Counter(sh).items()]
            for key, _ in keys:
                shingles[key[0] % PARTITIONS][key].add(aid)
            if len(sh) >= 3:  # a shorter sentence is never a copy, but its shingles count where they stand
                sentences[(aid, si)] = (len(sh), keys)
    return Scoped(infos, dict(parts), mention_events, dict(moved), {p: dict(d) for p, d in shingles.items()},
                  sentences, dict(groups))


def scoped_small(scoped: Scoped) -> tuple[dict[str, list[str | None]], dict[str, set[str]], dict[int, list[str]]]:
    return scoped.mention_events, scoped.moved, scoped.groups


def scoped_part(scoped: Scoped, group: int) -> list[ArticleInfo]:
    return scoped.parts.get(group, [])


def scoped_shingles(scoped: Scoped, partition: int) -> dict[bytes, set[str]]:
    return scoped.shingles.get(partition, {})


def shared_shingles(pieces: list[dict[bytes, set[str]]]) -> dict[bytes, frozenset[str]]:
    """One partition of the shingle join (a task): the shingles that stand in two articles or more, but not in so
    many that they are boilerplate (COPY_SPREAD), with their articles."""
    where: dict[bytes, set[str]] = defaultdict(set)
    for piece in pieces:
        for key, arts in piece.items():
            where[key] |= arts
    return {k: frozenset(a) for k, a in where.items() if 2 <= len(a) <= COPY_SPREAD}


def copies_of_chunk(scoped: Scoped, shared: list[dict[bytes, frozenset[str]]]) -> dict[tuple[str, int], set[str]]:
    """The chunk's sentences that stand word for word in other articles, as audit.align.copied_sentences says
    (a task; `shared` holds every partition's shared shingles)."""
    out: dict[tuple[str, int], set[str]] = {}
    for (aid, si), (n, keys) in scoped.sentences.items():
        counts: Counter[str] = Counter()
        for key, times in keys:
            arts = shared[key[0] % PARTITIONS].get(key)
            if arts:
                for other in arts:
                    if other != aid:
                        counts[other] += times
        partners = {o for o, k in counts.items() if k >= copy_threshold(n)}
        if partners:
            out[(aid, si)] = partners
    return out


def copy_records(scoped: Scoped, pairs: list[tuple[int, str, str, list[int]]]) -> list[tuple[int, Copy]]:
    layouts = {i.article.id: i.layout for i in scoped.infos}
    return [(k, pl.copy_of(a, b, sents, layouts[a])) for k, a, b, sents in pairs]


def judge_group(parts: list[list[ArticleInfo]], index: ent.EntityIndex, copies: dict[tuple[str, int], set[str]],
                event_keys: dict[str, str]) -> tuple[list[Finding], int]:
    """Align and judge the claims of one group of events (a task): the pipeline's steps on those claims only."""
    infos = [i for p in parts for i in p]
    claims = [c for i in infos for c in i.claims]
    by_article = {i.article.id: i for i in infos}

    def sentence_of(c: Claim) -> tuple[int, str]:
        lo, hi = by_article[c.article].layout.sentences[c.sentence]
        return lo, by_article[c.article].article.text[lo:hi]

    slots = pl.align_claims(claims, index, sentence_of)
    judge = pl.slot_judge(index, {i.article.id: i.article for i in infos}, {i.article.id: i.layout for i in infos},
                          copies, event_keys)
    return [judge(s) for s in slots], len(claims)


def mention_evidence(scoped: Scoped, wanted: list[tuple[str, Mention]]) -> list[Evidence]:
    """The evidence (the sentence quoted, the line) of name mentions of the chunk's articles (a task)."""
    arts = {i.article.id: i.article for i in scoped.infos}
    _, of_mention = evidence_factory(arts, {i.article.id: i.layout for i in scoped.infos})
    return [of_mention(a, m) for a, m in wanted]


# --------------------------------------------------------------------------- the client

def _lite_index(index: ent.EntityIndex, by_article: dict[str, list[tuple[str, str]]], articles: Sequence[str],
                lite: dict[str, ent.Entity]) -> ent.EntityIndex:
    """The index restricted to some articles' names, its entities without their forms (what workers need)."""
    by_mention = {(a, s): eid for a in articles for s, eid in by_article.get(a, ())}
    used = sorted(set(by_mention.values()), key=lambda e: int(e[3:]))
    return ent.EntityIndex(entities=[lite[e] for e in used], by_mention=by_mention)


class Run:
    """One audit on a cluster."""

    def __init__(self, client: Client, options: pl.Options, progress: pl.Progress | None, shared_fs: bool) -> None:
        self.client, self.options, self.shared_fs = client, options, shared_fs
        self.tell: pl.Progress = progress or (lambda _s, _d, _t: None)
        self.timings: list[tuple[str, float]] = []
        self.t0 = time.perf_counter()

    def lap(self, stage: str) -> None:
        """Close a stage's timing."""
        now = time.perf_counter()
        self.timings.append((stage, now - self.t0))
        self.t0 = now

    def share(self, value: Any) -> Future:
        """One value sent once to every worker (a future that tasks take as an argument)."""
        return self.client.scatter(Shared(value), broadcast=True)

    def submit(self, fn: Callable[..., Any], *args: Any, **kw: Any) -> Future:
        return self.client.submit(fn, *args, retries=RETRIES, pure=False, **kw)

    # reading and extraction ------------------------------------------------

    def items(self, paths: Sequence[str | os.PathLike[str]]) -> tuple[list[Article | None], list[Item]]:
        """Each input: skipped here (None for those sent), and the items for the workers, in input order."""
        sources = discover(paths)
        if not sources:
            raise InputError("no input files found")
        ids = article_ids(sources)
        local: list[Article | None] = []
        items: list[Item] = []
        for k, (s, i) in enumerate(zip(sources, ids, strict=True), start=1):
            # with a shared filesystem the workers read the files themselves (and say why one is skipped)
            data = None if self.shared_fs else read_bytes(s, self.options.max_bytes)
            if isinstance(data, str):
                local.append(read_article(s, i, max_bytes=self.options.max_bytes, contents=data))
            else:
                local.append(None)
                source = Source(Path(os.path.abspath(s.path)), s.display) if self.shared_fs else s
                items.append(Item(source, i, uri_reference(s.path), data))
            if k % 50 == 0 or k == len(sources):
                self.tell("reading", k, len(sources))
        return local, items

    def extract(self, items: list[Item]) -> list[Future]:
        """Chunk futures (each the list of its articles, read and extracted), every chunk done."""
        from distributed import as_completed

        workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        size = max(1, min(CHUNK_MAX, len(items) // (workers * 4) or 1))
        chunks = [items[k:k + size] for k in range(0, len(items), size)]
        futures = [self.submit(extract_chunk, c, self.options) for c in chunks]
        position = {f.key: k for k, f in enumerate(futures)}
        done = 0
        self.tell("extracting", 0, len(items))
        for f in as_completed(futures):
            k = position[f.key]
            if f.status != "finished":
                futures[k] = self._one_by_one(chunks[k])
            done += len(chunks[k])
            self.tell("extracting", done, len(items))
        return futures

    def _one_by_one(self, chunk: list[Item]) -> Future:
        """A chunk that kept failing, run one article per task; an article that keeps failing is skipped."""
        from distributed import wait

        singles = [self.submit(extract_chunk, [item], self.options) for item in chunk]
        wait(singles)
        parts: list[Any] = []
        for item, f in zip(chunk, singles, strict=True):
            if f.status == "finished":
                parts.append(f)
                continue
            try:
                exc = f.exception()
                reason = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
            except Exception as other:  # the future itself could not say why
                reason = type(other).__name__
            digest = hashlib.sha256(item.contents).hexdigest() if item.contents is not None else None
            parts.append([Article(id=item.id, path=item.source.display, status="skipped", uri=item.uri, sha256=digest,
                                  reason=f"extraction failed on the cluster after {RETRIES + 1} tries: {reason}")])
        return self.submit(combine, parts)

    # the run ---------------------------------------------------------------

    def run(self, paths: Sequence[str | os.PathLike[str]], name: str) -> Report:
        self.t0 = time.perf_counter()
        local, items = self.items(paths)
        self.lap("load")
        chunks = self.extract(items)
        del items  # the contents now live in the tasks (on the scheduler, to recompute a lost chunk), not here
        per_chunk: list[list[Article | Summary]] = self.client.gather([self.submit(summarize, c) for c in chunks])
        self.lap("extract")
        self.tell("events", 0, None)
        chunk_of = {x.article.id: ci for ci, part in enumerate(per_chunk) for x in part if isinstance(x, Summary)}
        sent = iter([x for part in per_chunk for x in part])
        articles: list[Article] = []
        audited: list[Summary] = []
        for a in local:
            x = next(sent) if a is None else a
            if isinstance(x, Summary):
                audited.append(x)
                articles.append(x.article)
            else:
                articles.append(x)
        common = self._common_words(audited, chunks)
        mentions = {s.article.id: [m for m, first in zip(s.mentions, s.initial, strict=True)
                                   if not (first and m.surface in common)] for s in audited}
        for s in audited:  # the client keeps one list of each article's mentions: the kept ones
            s.mentions, s.initial = [], []
        index = ent.build((s.article.id, m) for s in audited for m in mentions[s.article.id])
        grouping = ev.group([ev.Summary(s.article.id, s.article.published, ev.names_of(s.article.id,
                                        mentions[s.article.id], index), s.days) for s in audited]) if audited else None
        report = self._rest(name, articles, audited, chunks, chunk_of, common, mentions, index, grouping)
        return report

    def _common_words(self, audited: list[Summary], chunks: list[Future]) -> frozenset[str]:
        """The one-word 'names' that are common words (pipeline._drop_common_words), from the summaries and the
        chunks' answers to which candidates their texts write in lower case."""
        inside = {m.surface for s in audited for m, first in zip(s.mentions, s.initial, strict=True)
                  if " " not in m.surface and not first}
        candidates = {m.surface for s in audited for m, first in zip(s.mentions, s.initial, strict=True)
                      if first} - inside
        if not candidates:
            return frozenset()
        lowered = frozenset(c.lower() for c in candidates)
        words = self.share(lowered)
        hits: set[str] = set()
        for found in self.client.gather([self.submit(vocabulary_hits, c, words) for c in chunks]):
            hits |= found
        return frozenset(c for c in candidates if c.lower() in hits)

    def _rest(self, name: str, articles: list[Article], audited: list[Summary], chunks: list[Future],
              chunk_of: dict[str, int], common: frozenset[str], mentions: dict[str, list[Mention]],
              index: ent.EntityIndex, grouping: ev.Grouping | None) -> Report:
        client = self.client
        events: list[Any] = []
        findings: list[Finding] = []
        names: list[NameUse] = []
        copies_out: list[Copy] = []
        n_claims = 0
        if grouping is not None:
            # judging groups of about two chunks' worth of articles: events taken in the order of the chunk that
            # holds their first article, so that a group reads its claims from few chunks (few transfers)
            target = max(1, min(CHUNK_MAX, len(audited) // max(1, len(chunks))) * 2)
            group_of: dict[str, int] = {}
            g = size = 0
            first_chunk = {e.id: min((chunk_of[a] for a in e.articles), default=0) for e in grouping.events}
            for e in sorted(grouping.events, key=lambda e: first_chunk[e.id]):  # stable: event order within a chunk
                group_of[e.id] = g
                size += len(e.articles)
                if size >= target:
                    g, size = g + 1, 0
            group_of[""] = 0
            by_article: dict[str, list[tuple[str, str]]] = defaultdict(list)
            for (a, s), eid in index.by_mention.items():
                by_article[a].append((s, eid))
            lite = {e.id: ent.Entity(id=e.id, name=e.name, type=e.type, key_tokens=e.key_tokens)
                    for e in index.entities}
            naming = {e.id: len({a for arts in e.articles.values() for a in arts}) for e in index.entities}
            ids_in = [[s.article.id for s in audited if chunk_of[s.article.id] == ci] for ci in range(len(chunks))]
            shared = self.share((grouping, group_of, frozenset(common)))
            scoped = []
            for ci, c in enumerate(chunks):
                sub = _lite_index(index, by_article, ids_in[ci], lite)
                used = {e.id for e in sub.entities}
                scoped.append(self.submit(_scope_task, c, shared, sub, {e: naming[e] for e in used}))
            small = client.gather([self.submit(scoped_small, s) for s in scoped])
            chunks.clear()  # the workers may drop the extracted chunks: each scoped chunk holds its articles
            moved: dict[str, set[str]] = defaultdict(set)
            mention_events: dict[str, list[str | None]] = {}
            present: dict[int, list[tuple[int, list[str]]]] = defaultdict(list)
            for ci, (mev, mv, groups) in enumerate(small):
                mention_events.update(mev)
                for t, arts in mv.items():
                    moved[t] |= arts
                for gi, arts in groups.items():
                    present[gi].append((ci, arts))
            events = ev.label(grouping, moved, index)
            self.tell("events", len(events), len(events))
            self.lap("events")
            copies = self._copies(scoped, chunk_of)
            self.tell("aligning", 0, None)
            event_keys = {e.id: min(e.articles) for e in events if e.articles}
            group_events: dict[int, list[str]] = defaultdict(list)
            for eid, gi in group_of.items():
                if eid:
                    group_events[gi].append(eid)
            jobs = []
            for gi in sorted(present):
                arts = [a for _, xs in present[gi] for a in xs]
                parts = [self.submit(scoped_part, scoped[ci], gi) for ci, _ in present[gi]]
                keys = {e: event_keys[e] for e in group_events[gi] if e in event_keys}
                mine = set(arts)
                jobs.append(self.submit(judge_group, parts, _lite_index(index, by_article, arts, lite),
                                        {k: v for k, v in copies.items() if k[0] in mine}, keys))
            self.lap("align")
            self.tell("judging", 0, len(jobs))
            for k, (found, count) in enumerate(client.gather(jobs), start=1):
                findings.extend(found)
                n_claims += count
                self.tell("judging", k, len(jobs))
            names_found = self._names(index, mentions, mention_events, copies, scoped, chunk_of)
            findings.extend(names_found[0])
            names = names_found[1]
            copies_out = self._copy_records(copies, scoped, chunk_of)
        findings = pl._configure(findings, self.options)
        findings = order_findings(findings, {v: k for k, v in enumerate(VERDICTS)})
        ordered = tuple(sorted(articles, key=lambda a: (a.path, a.id)))
        self.lap("judge")
        return Report(batch=name, articles=ordered, events=tuple(events), findings=tuple(findings),
                      names=tuple(names), claims=(), claim_count=n_claims, copies=tuple(copies_out),
                      timings=tuple(self.timings), fingerprint=pl.fingerprint(articles, name=name,
                                                                              options=self.options))

    def _copies(self, scoped: list[Future], chunk_of: dict[str, int]) -> dict[tuple[str, int], set[str]]:
        """Copied sentences by a distributed join on shingle hashes (audit.align.copied_sentences, partitioned)."""
        shared = [self.submit(shared_shingles, [self.submit(scoped_shingles, s, p) for s in scoped])
                  for p in range(PARTITIONS)]
        out: dict[tuple[str, int], set[str]] = {}
        for part in self.client.gather([self.submit(copies_of_chunk, s, shared) for s in scoped]):
            out.update(part)
        return out

    def _copy_records(self, copies: dict[tuple[str, int], set[str]], scoped: list[Future],
                      chunk_of: dict[str, int]) -> list[Copy]:
        pairs = pl.copy_pairs(copies)
        asks: dict[int, list[tuple[int, str, str, list[int]]]] = defaultdict(list)
        for k, (a, b, sents) in enumerate(pairs):
            asks[chunk_of[a]].append((k, a, b, sents))
        out: list[Copy | None] = [None] * len(pairs)
        for part in self.client.gather([self.submit(copy_records, scoped[ci], asks[ci]) for ci in sorted(asks)]):
            for k, c in part:
                out[k] = c
        return [c for c in out if c is not None]

    def _names(self, index: ent.EntityIndex, mentions: dict[str, list[Mention]],
               mention_events: dict[str, list[str | None]], copies: dict[tuple[str, int], set[str]],
               scoped: list[Future], chunk_of: dict[str, int]) -> tuple[list[Finding], list[NameUse]]:
        """Name findings on the client, from the mentions it holds; the workers quote the sentences."""
        event_of: dict[tuple[str, int], str | None] = {}
        for a, ms in mentions.items():
            for m, e in zip(ms, mention_events[a], strict=True):
                event_of[(a, m.sentence)] = e
        asked: dict[tuple[str, int, int], Mention] = {}

        def placeholder(art: str, m: Mention) -> Evidence:
            asked.setdefault((art, m.start, m.end), m)
            return Evidence(article=art, start=m.start, end=m.end, text=m.surface, sentence="", context=m.context)

        found, names = entity_findings(index, mentions, event_of, placeholder, copies)
        asks: dict[int, list[tuple[tuple[str, int, int], Mention]]] = defaultdict(list)
        for key, m in sorted(asked.items(), key=lambda kv: kv[0]):
            asks[chunk_of[key[0]]].append((key, m))
        jobs = {ci: self.submit(mention_evidence, scoped[ci], [(key[0], m) for key, m in asks[ci]])
                for ci in sorted(asks)}
        real: dict[tuple[str, int, int], Evidence] = {}
        for ci, got in zip(jobs, self.client.gather(list(jobs.values())), strict=True):
            for (key, _), e in zip(asks[ci], got, strict=True):
                real[key] = e

        def fill(e: Evidence) -> Evidence:
            return real[(e.article, e.start, e.end)]

        found = [replace(f, values=tuple(replace(g, evidence=tuple(fill(e) for e in g.evidence)) for g in f.values))
                 for f in found]
        names = [replace(n, evidence=tuple(fill(e) for e in n.evidence)) for n in names]
        return found, names


def _scope_task(state: list[Article | ArticleInfo], shared: Shared, index: ent.EntityIndex,
                naming: dict[str, int]) -> Scoped:
    grouping, group_of, common = shared.value
    return scope_chunk(state, common, index, grouping, naming, group_of)


def run(paths: Sequence[str | os.PathLike[str]], *, name: str, options: pl.Options,
        progress: pl.Progress | None = None) -> Report:
    """Audit the files and folders in `paths` on the cluster named by `options.scheduler`; the same report as
    `audit.pipeline.run`."""
    assert options.scheduler
    with connect(options.scheduler) as client:
        return Run(client, options, progress, options.shared_fs).run(paths, name)
