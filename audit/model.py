"""The report model: frozen dataclasses that every stage produces and every renderer reads.

A claim is offsets into its article's text plus a normalized value; a finding groups the
claims of several articles about one slot (the same attribute of the same subject) and
carries a verdict. One `Report` feeds every renderer.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

SCHEMA_VERSION = "1.0"


@lru_cache(maxsize=4096)
def _newlines(text: str) -> list[int]:
    """Offsets of the line breaks of a text, so that finding a line costs a bisection, not a scan (a claim's
    line is looked up for every piece of evidence: scanning made a long article's report quadratic)."""
    return [m.start() for m in re.finditer("\n", text)]

VERDICTS = ("conflict", "variant", "compatible", "agree", "single")
"""Every verdict, most urgent first: the order reports use."""

DEFAULT_SEVERITY = {
    "conflict": "error",
    "variant": "warning",
    "compatible": "info",
    "agree": "info",
    "single": "info",
}
SEVERITIES = ("info", "warning", "error")
FAIL_ON = ("conflict", "variant", "any", "none")
"""--fail-on choices: the verdicts each counts are in `FAIL_VERDICTS`."""
FAIL_VERDICTS: dict[str, frozenset[str]] = {
    "none": frozenset(), "conflict": frozenset({"conflict"}),
    "variant": frozenset({"conflict", "variant"}), "any": frozenset({"conflict", "variant"}),
}


class ReportFormatError(ValueError):
    """A mapping that is not (part of) an audit JSON report; the message says where and what."""


def _get(d: Mapping[str, Any], key: str, where: str, kind: type | tuple[type, ...] = str, *,
         default: Any = ..., none: bool = False) -> Any:
    """`d[key]` checked against `kind` (None allowed when `none`); `default` when missing (else an error)."""
    if not isinstance(d, Mapping):
        raise ReportFormatError(f"{where}: expected an object, found {type(d).__name__}")
    if key not in d:
        if default is ...:
            raise ReportFormatError(f"{where}: '{key}' is missing")
        return default
    value = d[key]
    if value is None and (none or default is None):
        return None
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise ReportFormatError(f"{where}.{key}: expected {names}, found {type(value).__name__}")
    return value


def _strings(d: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    items = _get(d, key, where, list, default=[])
    if not all(isinstance(x, str) for x in items):
        raise ReportFormatError(f"{where}.{key}: expected a list of strings")
    return tuple(items)


def _date(d: Mapping[str, Any], key: str, where: str) -> dt.date | None:
    value = _get(d, key, where, str, default=None)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ReportFormatError(f"{where}.{key}: {value!r} is not a YYYY-MM-DD date") from None


def _items(d: Mapping[str, Any], key: str, where: str, *, required: bool = False) -> list[tuple[str, Any]]:
    """(location, item) for each element of the list `d[key]`."""
    items = _get(d, key, where, list) if required else _get(d, key, where, list, default=[])
    return [(f"{where}.{key}[{k}]", x) for k, x in enumerate(items)]


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One input file: audited (with its text) or skipped (with the reason)."""

    id: str
    path: str
    """The path as reports show it (relative to the working folder; hidden and undecodable characters escaped)."""
    status: str  # "audited" | "skipped"
    reason: str | None = None
    text: str = ""
    published: dt.date | None = None
    published_basis: str = "unknown"  # header | metadata | inferred | unknown
    published_note: str | None = None
    encoding: str | None = None
    body_line: int = 1
    """1-based line of the input file on which `text` starts (after a date line)."""
    body_column: int = 0
    """0-based column on `body_line` at which `text` starts."""
    outlet: str | None = None
    timezone: str | None = None
    url: str | None = None
    sha256: str | None = None
    """SHA-256 of the file's bytes as read (None when it could not be read)."""
    uri: str | None = None
    """The real file as an RFC 3986 reference, percent-encoded (audit.paths): what annotations point at."""
    language: str | None = None
    """ISO 639-1 code of the language detected (audit.hygiene), None when it cannot be told."""
    notes: tuple[str, ...] = ()
    """What was done to the input before it was read (converted from HTML) and warnings (partly in another
    language); shown in every report's article list."""

    @property
    def audited(self) -> bool:
        return self.status == "audited"

    @property
    def input_notes(self) -> tuple[str, ...]:
        """How the input was read, where it matters to a reader: a fallback encoding, a conversion, a warning."""
        fallback = ("decoded as cp1252 (Windows Latin-1): the file is not valid UTF-8",) if self.encoding == "cp1252" \
            else ()
        return (*fallback, *self.notes)

    def to_dict(self) -> dict[str, Any]:
        """The article as the JSON report holds it (its text is not kept)."""
        return {
            "id": self.id, "path": self.path, "status": self.status, "reason": self.reason,
            "published": self.published.isoformat() if self.published else None,
            "published_basis": self.published_basis, "published_note": self.published_note,
            "encoding": self.encoding, "outlet": self.outlet, "timezone": self.timezone, "url": self.url,
            "sha256": self.sha256,
            "uri": self.uri, "language": self.language, "notes": list(self.notes),
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], where: str = "article") -> Article:
        return cls(
            id=_get(d, "id", where), path=_get(d, "path", where), status=_get(d, "status", where),
            reason=_get(d, "reason", where, default=None), published=_date(d, "published", where),
            published_basis=_get(d, "published_basis", where, default="unknown"),
            published_note=_get(d, "published_note", where, default=None),
            encoding=_get(d, "encoding", where, default=None), outlet=_get(d, "outlet", where, default=None),
            timezone=_get(d, "timezone", where, default=None), url=_get(d, "url", where, default=None),
            sha256=_get(d, "sha256", where, default=None),
            uri=_get(d, "uri", where, default=None), language=_get(d, "language", where, default=None),
            notes=tuple(str(n) for n in _get(d, "notes", where, list, default=[])),
        )

    def line_of(self, offset: int) -> int:
        """The 1-based line of the input file holding character `offset` of `text`."""
        return self.body_line + bisect.bisect_left(_newlines(self.text), max(0, offset))


@dataclass(frozen=True, slots=True, kw_only=True)
class Frame:
    """What a claim is about, read off the dependency parse of its sentence (see audit.frames).

    Two claims can be the same slot only when their frames fit: the same predicate class and
    counted thing, holders and scopes that do not clash. Every field is optional: a claim whose
    sentence could not be parsed, or whose parse says nothing about a field, leaves it empty.
    """

    predicate: str | None = None
    """The lemma that governs the value: a verb (kill, release, retire) or an event noun (toll, magnitude)."""
    predicate_class: str | None = None
    """The predicate's class in the predicate table: kill / die / dead / fatality -> 'killed'."""
    predicate_pos: str | None = None
    """Whether the predicate is a verb, a noun or an adjective ('VERB', 'NOUN', 'ADJ')."""
    classes: tuple[str, ...] = ()
    """Every class the predicate stands in (a lemma may stand in several: 'sink' damaged, changed)."""
    predicate_mods: tuple[str, ...] = ()
    """Compound words that narrow a noun predicate: 'appeals court' of 'a 2020 appeals court ruling'."""
    thing: str | None = None
    """Lemma of the counted or measured thing: 'miner', 'home', 'rifle'."""
    thing_class: str | None = None
    """The thing's class in the thing table ('people', 'vessel', 'building'), else the lemma itself."""
    model: str | None = None
    """A name or model number that narrows the thing ('AK 47 guns', 'AK-47s' -> 'ak47'), normalized."""
    holder: str | None = None
    """The entity or noun phrase the value belongs to: a team's record, a site's toll, a work's release year."""
    source: str | None = None
    """Who says it: 'according to X', 'X said', 'X told'."""
    modality: str | None = None
    """'future', 'expected', 'possible', 'preliminary' or 'negated'; None for a plain statement."""
    tense: str | None = None
    """'past', 'present' or 'future', from the governing verb."""
    scope: tuple[str, ...] = ()
    """Modifiers that narrow what is counted: 'in province', 'at site', 'in critical condition'."""
    when: str | None = None
    """The date the sentence gives for the predicate ('five cables were cut IN JANUARY'), as the date claim's value."""
    when_span: tuple[float, float] | None = None
    """That date as a span of proleptic ordinals, for comparing two frames' occasions."""
    days_before: int | None = None
    """How many days before the article's publication `when` ends (negative: after it)."""
    recalled: bool = False
    """`when` ends more than a month before the article's publication: an earlier occasion recalled
    ("in 2009 a quake killed nine people"), not the story's own."""
    rules: tuple[str, ...] = ()
    """The rules and table entries that built this frame, for `audit explain`."""

    def describe(self) -> str:
        """One line for `audit explain`: the fields that are set."""
        parts = []
        for name in ("predicate", "predicate_class", "thing", "thing_class", "model", "holder", "source", "modality",
                     "tense"):
            v = getattr(self, name)
            if v:
                parts.append(f"{name}={v}")
        if self.scope:
            parts.append("scope=" + "|".join(self.scope))
        if self.when:
            parts.append(f"when={self.when}" + (" (recalled)" if self.recalled else ""))
        return ", ".join(parts) or "(empty)"


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """One concrete statement found in one article, with exact evidence offsets.

    `text[start:end] == surface` always holds for the article's `text`.
    """

    kind: str
    value: str
    surface: str
    article: str
    start: int
    end: int
    attribute: str
    """What is claimed about the subject: 'date', 'minute', 'final score', 'count of killed'..."""
    subject: str | None = None
    """What the claim is about (a canonical entity name or a noun phrase), if known."""
    topic: str = ""
    """Readable description of the slot, for editors."""
    context: str = "body"
    """Where the claim stands: body, post (embedded social-media post), quote, caption, headline."""
    qualifier: str | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    note: str | None = None
    """How the value was derived or resolved, in plain words."""
    sentence: int = 0
    """Index of the sentence in the article (see audit.text.Sentences)."""
    event: str | None = None
    trigger: str | None = None
    """The event word the claim hangs on (won, killed, announced...), normalized to a class."""
    extra: tuple[tuple[str, str], ...] = ()
    frame: Frame | None = None
    """What the claim is about, from the parse (None for names, or when the sentence was not parsed)."""
    rule: str = ""
    """The extractor rule that found the claim ('numbers:count', 'dates:weekday'), for `audit explain`."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    article: str
    start: int
    end: int
    text: str
    sentence: str
    line: int = 0
    context: str = "body"
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"article": self.article, "start": self.start, "end": self.end, "text": self.text,
                             "sentence": self.sentence, "line": self.line, "context": self.context}
        if self.note:
            d["note"] = self.note
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], where: str = "evidence") -> Evidence:
        return cls(article=_get(d, "article", where), start=_get(d, "start", where, int),
                   end=_get(d, "end", where, int), text=_get(d, "text", where),
                   sentence=_get(d, "sentence", where, default="", none=True) or "", line=_get(d, "line", where, int, default=0),
                   context=_get(d, "context", where, default="body"), note=_get(d, "note", where, default=None))


@dataclass(frozen=True, slots=True, kw_only=True)
class ValueGroup:
    value: str
    articles: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    display: str = ""
    """The value as an editor reads it (the most common surface form)."""

    @property
    def shown(self) -> str:
        """The value as displayed (the surface form, else the normalized value)."""
        return self.display or self.value

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "display": self.display, "articles": list(self.articles),
                "evidence": [e.to_dict() for e in self.evidence]}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], where: str = "value") -> ValueGroup:
        return cls(value=_get(d, "value", where), articles=_strings(d, "articles", where),
                   evidence=tuple(Evidence.from_dict(x, w) for w, x in _items(d, "evidence", where)),
                   display=_get(d, "display", where, default="", none=True) or "")


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    id: str
    event: str | None
    topic: str
    kind: str
    verdict: str
    severity: str
    values: tuple[ValueGroup, ...]
    note: str | None = None
    outlier: tuple[str, ...] = ()
    """Articles whose value is the odd one out (likely typo or error)."""
    within_article: tuple[str, ...] = ()
    """Articles that state more than one of the values themselves."""
    copied: bool = False
    """Some of the agreeing evidence is text copied between articles (not independent)."""
    suppressed: str | None = None
    """Reason the desk gave for suppressing this finding (shown, never hidden)."""
    reasons: tuple[str, ...] = ()
    """Why the claims were aligned and why the verdict was chosen (for `audit explain`)."""

    @property
    def articles(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for group in self.values:
            for a in group.articles:
                seen.setdefault(a, None)
        return tuple(seen)

    @property
    def needs_attention(self) -> bool:
        """A conflict or a spelling variant that the desk has not suppressed."""
        return self.verdict in ("conflict", "variant") and not self.suppressed

    def over(self, fail_on: str, severity: str | None = None) -> bool:
        """Whether this finding is at or over the `--fail-on` / `--severity` threshold (never when suppressed)."""
        if self.suppressed or self.verdict not in FAIL_VERDICTS[fail_on]:
            return False
        return severity is None or SEVERITIES.index(self.severity) >= SEVERITIES.index(severity)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "event": self.event, "topic": self.topic, "kind": self.kind, "verdict": self.verdict,
            "severity": self.severity, "note": self.note, "values": [g.to_dict() for g in self.values],
            "outlier": list(self.outlier), "within_article": list(self.within_article), "copied": self.copied,
            "suppressed": self.suppressed, "reasons": list(self.reasons),
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], where: str = "finding") -> Finding:
        verdict = _get(d, "verdict", where)
        if verdict not in VERDICTS:
            raise ReportFormatError(f"{where}.verdict: {verdict!r} is not one of {', '.join(VERDICTS)}")
        severity = _get(d, "severity", where, default=None) or DEFAULT_SEVERITY[verdict]
        if severity not in SEVERITIES:
            raise ReportFormatError(f"{where}.severity: {severity!r} is not one of {', '.join(SEVERITIES)}")
        return cls(
            id=_get(d, "id", where), event=_get(d, "event", where, none=True), topic=_get(d, "topic", where),
            kind=_get(d, "kind", where), verdict=verdict, severity=severity,
            values=tuple(ValueGroup.from_dict(x, w) for w, x in _items(d, "values", where, required=True)),
            note=_get(d, "note", where, default=None), outlier=_strings(d, "outlier", where),
            within_article=_strings(d, "within_article", where), copied=_get(d, "copied", where, bool, default=False),
            suppressed=_get(d, "suppressed", where, default=None), reasons=_strings(d, "reasons", where),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class NameUse:
    """A name that several articles write the same way. It is not a finding (nothing to check or to
    confirm): reports list such names once ("names used consistently"); a spelling variant of a name
    is a finding instead."""

    id: str
    """The id its variant finding would have, so a name that later gets a variant keeps its id."""
    name: str
    kind: str
    """person, place, org or name (as the entity index typed it)."""
    event: str | None
    articles: tuple[str, ...]
    mentions: int
    """How many times the articles write it (body text and embedded posts)."""
    evidence: tuple[Evidence, ...] = ()
    """The first two mentions in each article."""
    copied: bool = False
    """Some of the mentions stand in text copied between articles."""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind, "event": self.event,
                "articles": list(self.articles), "mentions": self.mentions,
                "evidence": [e.to_dict() for e in self.evidence], "copied": self.copied}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], where: str = "name") -> NameUse:
        return cls(id=_get(d, "id", where), name=_get(d, "name", where), kind=_get(d, "kind", where, default="name"),
                   event=_get(d, "event", where, default=None), articles=_strings(d, "articles", where),
                   mentions=_get(d, "mentions", where, int, default=0),
                   evidence=tuple(Evidence.from_dict(x, w) for w, x in _items(d, "evidence", where)),
                   copied=_get(d, "copied", where, bool, default=False))


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    id: str
    label: str
    articles: tuple[str, ...]
    date: dt.date | None = None
    partial: tuple[str, ...] = ()
    """Articles that speak of this event only in some passages."""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "articles": list(self.articles),
                "date": self.date.isoformat() if self.date else None, "partial": list(self.partial)}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], where: str = "event") -> Event:
        return cls(id=_get(d, "id", where), label=_get(d, "label", where), articles=_strings(d, "articles", where),
                   date=_date(d, "date", where), partial=_strings(d, "partial", where))


@dataclass(frozen=True, slots=True, kw_only=True)
class Copy:
    """Text that stands word for word in two articles (an embedded post, wire copy, a quoted release)."""

    articles: tuple[str, str]
    sentences: int
    contexts: tuple[str, ...]
    sample: str

    def to_dict(self) -> dict[str, Any]:
        return {"articles": list(self.articles), "sentences": self.sentences, "contexts": list(self.contexts),
                "sample": self.sample}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], where: str = "copied_text") -> Copy:
        arts = _strings(d, "articles", where)
        if len(arts) != 2:
            raise ReportFormatError(f"{where}.articles: expected two article ids")
        return cls(articles=(arts[0], arts[1]), sentences=_get(d, "sentences", where, int),
                   contexts=_strings(d, "contexts", where), sample=_get(d, "sample", where, default=""))


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    batch: str
    articles: tuple[Article, ...]
    events: tuple[Event, ...]
    findings: tuple[Finding, ...]
    names: tuple[NameUse, ...] = ()
    """Names that several articles write alike (not findings)."""
    claims: tuple[Claim, ...] = ()
    claim_count: int | None = None
    """How many claims were extracted, for a report read back from JSON (which does not keep `claims`)."""
    copies: tuple[Copy, ...] = ()
    timings: tuple[tuple[str, float], ...] = field(default=(), compare=False)
    """Seconds per stage; the JSON report carries them only when they are set (`audit run --timings`)."""
    schema_version: str = SCHEMA_VERSION
    fingerprint: str = ""
    """A hash of the run's inputs (every file's path and bytes) and options: the same in every format of one
    run, different for another input or configuration; no timestamp (see audit.pipeline.fingerprint)."""

    def by_verdict(self) -> dict[str, int]:
        counts = dict.fromkeys(VERDICTS, 0)
        for f in self.findings:
            counts[f.verdict] += 1
        return counts

    @property
    def audited(self) -> tuple[Article, ...]:
        return tuple(a for a in self.articles if a.audited)

    @property
    def skipped(self) -> tuple[Article, ...]:
        return tuple(a for a in self.articles if not a.audited)

    def article(self, article_id: str) -> Article:
        for a in self.articles:
            if a.id == article_id:
                return a
        raise KeyError(article_id)

    def event(self, event_id: str | None) -> Event | None:
        for e in self.events:
            if e.id == event_id:
                return e
        return None

    @property
    def n_claims(self) -> int:
        return len(self.claims) if self.claims else (self.claim_count or 0)

    def attention(self) -> list[Finding]:
        """Findings an editor must act on: conflicts and variants that are not suppressed."""
        return [f for f in self.findings if f.needs_attention]

    def over(self, fail_on: str, severity: str | None = None) -> list[Finding]:
        """The findings at or over the `--fail-on` / `--severity` threshold."""
        return [f for f in self.findings if f.over(fail_on, severity)]

    def to_dict(self) -> dict[str, Any]:
        """The JSON report: the core of ../shared/report.schema.json plus added fields."""
        d: dict[str, Any] = {
            "schema_version": self.schema_version,
            "batch": {"name": self.batch, "fingerprint": self.fingerprint},
            "articles": [a.to_dict() for a in self.articles],
            "events": [e.to_dict() for e in self.events],
            "findings": [f.to_dict() for f in self.findings],
            "names": [n.to_dict() for n in self.names],
            "copied_text": [c.to_dict() for c in self.copies],
            "summary": {
                "articles": len(self.articles),
                "audited": len(self.audited),
                "skipped": len(self.skipped),
                "events": len(self.events),
                "claims": self.n_claims,
                "findings": len(self.findings),
                "findings_by_verdict": self.by_verdict(),
                "suppressed": sum(1 for f in self.findings if f.suppressed),
                "names_consistent": len(self.names),
            },
        }
        if self.timings:
            d["timings"] = {k: round(v, 4) for k, v in self.timings}
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Report:
        """The report rebuilt from its JSON (`json.load` of a report written by `audit run --format json`).
        Derived parts (the summary) are recomputed; claims are not in the JSON, only their number.
        Raises ReportFormatError naming the first field that is missing or of the wrong type."""
        where = "report"
        batch = _get(d, "batch", where, dict)
        summary = _get(d, "summary", where, dict, default={})
        timings = _get(d, "timings", where, dict, default={})
        if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in timings.values()):
            raise ReportFormatError(f"{where}.timings: expected numbers of seconds")
        return cls(
            batch=_get(batch, "name", f"{where}.batch"),
            articles=tuple(Article.from_dict(x, w) for w, x in _items(d, "articles", where)),
            events=tuple(Event.from_dict(x, w) for w, x in _items(d, "events", where)),
            findings=tuple(Finding.from_dict(x, w) for w, x in _items(d, "findings", where, required=True)),
            names=tuple(NameUse.from_dict(x, w) for w, x in _items(d, "names", where)),
            claim_count=_get(summary, "claims", f"{where}.summary", int, default=None),
            copies=tuple(Copy.from_dict(x, w) for w, x in _items(d, "copied_text", where)),
            timings=tuple((str(k), float(v)) for k, v in timings.items()),
            schema_version=_get(d, "schema_version", where, default=SCHEMA_VERSION),
            fingerprint=_get(batch, "fingerprint", f"{where}.batch", default=""),
        )
