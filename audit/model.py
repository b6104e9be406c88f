"""The report model: frozen dataclasses that every stage produces and every renderer reads.

A claim is offsets into its article's text plus a normalized value; a finding groups the
claims of several articles about one slot (the same attribute of the same subject) and
carries a verdict. One `Report` feeds every renderer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

SCHEMA_VERSION = "1.0"

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


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One input file: audited (with its text) or skipped (with the reason)."""

    id: str
    path: str
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

    @property
    def audited(self) -> bool:
        return self.status == "audited"

    def line_of(self, offset: int) -> int:
        """The 1-based line of the input file holding character `offset` of `text`."""
        return self.body_line + self.text.count("\n", 0, max(0, offset))


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


@dataclass(frozen=True, slots=True, kw_only=True)
class ValueGroup:
    value: str
    articles: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    display: str = ""
    """The value as an editor reads it (the most common surface form)."""


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


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    id: str
    label: str
    articles: tuple[str, ...]
    date: dt.date | None = None
    partial: tuple[str, ...] = ()
    """Articles that speak of this event only in some passages."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Copy:
    """Text that stands word for word in two articles (an embedded post, wire copy, a quoted release)."""

    articles: tuple[str, str]
    sentences: int
    contexts: tuple[str, ...]
    sample: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    batch: str
    articles: tuple[Article, ...]
    events: tuple[Event, ...]
    findings: tuple[Finding, ...]
    claims: tuple[Claim, ...] = ()
    copies: tuple[Copy, ...] = ()
    timings: tuple[tuple[str, float], ...] = field(default=(), compare=False)
    schema_version: str = SCHEMA_VERSION

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
