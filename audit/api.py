"""The public extraction API: claims from one text, without reading files or building a report.

    >>> import datetime as dt, audit
    >>> [(c.kind, c.surface, c.value) for c in audit.extract_claims(
    ...     "The plant closed on Friday.", published=dt.date(1998, 2, 11)) if c.kind == "date"]
    [('date', 'Friday', '1998-02-06')]

This is the stable surface for evaluations and other tools: `extract_claims` and the
`Claim` fields documented in `audit.model`, plus, on date and time claims, the TIMEX3
reading returned by `timex_of` (type, value, modifier and the anchor it was resolved
against). Internals (`audit.extract.*`) may change without notice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from audit.model import Article, Claim
from audit.temporal.timex import Timex, timex_of

__all__ = ["Timex", "extract_claims", "timex_of"]


def extract_claims(text: str, published: dt.date | None = None, *, kinds: Iterable[str] | None = None,
                   article_id: str = "text") -> list[Claim]:
    """Every claim the extractors find in `text`, in text order.

    `published` is the publication date that relative expressions ("yesterday", "last
    Friday", "the third quarter") are resolved against; without it they stay unresolved
    (their value says so) unless the text opens with a dateline. `kinds` keeps only those
    claim kinds ("date", "time", "count"...). Offsets are into `text` as given.
    """
    from audit.extract.driver import extract_article

    if not isinstance(text, str):
        raise TypeError(f"extract_claims: text must be a str, not {type(text).__name__}")
    if isinstance(published, dt.datetime):
        published = published.date()
    if published is not None and not isinstance(published, dt.date):
        raise TypeError(f"extract_claims: published must be a datetime.date, not {type(published).__name__}")
    article = Article(id=article_id, path=f"{article_id}.txt", status="audited", text=text, published=published,
                      published_basis="metadata" if published else "unknown",
                      published_note="given by the caller" if published else None)
    _, claims, _, _ = extract_article(article)
    if kinds is not None:
        wanted = frozenset(kinds)
        claims = [c for c in claims if c.kind in wanted]
    return claims
