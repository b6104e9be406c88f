"""The per-article extraction driver: parse, run every extractor, resolve overlaps, attach frames.

Extractors run in the order of the kind registry (audit.kinds); `names` runs first because the
others use the names it finds to say what a claim is about. Where two claims overlap in the text
(a date and a count, say), the kind with the lower priority wins.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from audit import frames, kinds, nlp
from audit.extract.base import Doc, Extractor, Mention, Taken
from audit.model import Article, Claim
from audit.text import MONTH_RE, Layout, parse_month_day_year, refine

REGISTRY: tuple[Extractor, ...] = kinds.EXTRACTORS
"""Every extractor, in the order they run (from the kind registry, audit.kinds)."""
PRIORITY = kinds.PRIORITY
_EXEMPT = kinds.EXEMPT


class ExtractorError(Exception):
    """An extractor failed on an article; the message names both."""


_DATELINE = re.compile(rf"^\s*(?:Updated:?\s*|Posted:?\s*|Published:?\s*)?(?:[A-Z][a-z]+day,?\s+)?({MONTH_RE}\s+\d{{1,2}},?\s+\d{{4}})\b[^\n]{{0,40}}$", re.MULTILINE)


def infer_published(article: Article, layout: Layout) -> tuple[dt.date | None, str, str | None]:
    """The publication date: the date line, else a dateline near the top, else the latest embedded post."""
    if article.published is not None:
        return article.published, article.published_basis, article.published_note
    head = "\n".join(article.text.split("\n")[:4])
    m = _DATELINE.search(head)
    if m:
        d = parse_month_day_year(m.group(1))
        if d:
            return d, "inferred", f"inferred from the dateline '{m.group(0).strip()}'"
    posted = [r.posted for r in layout.regions if r.context == "post" and r.posted]
    if posted:
        latest = max(posted)
        return latest, "inferred", (
            f"inferred from the latest embedded post ({latest.isoformat()}, {len(posted)} dated post"
            f"{'s' if len(posted) != 1 else ''}): the article cannot be older than the posts it embeds"
        )
    return None, "unknown", article.published_note


def extract_article(article: Article) -> tuple[Article, list[Claim], list[Mention], Layout]:
    """Run every extractor on one audited article.

    Returns the article (with an inferred publication date where there was none), its
    claims in text order, its name mentions and its layout.
    """
    doc = Doc.of(article)
    published, basis, note = infer_published(article, doc.layout)
    if published != article.published or basis != article.published_basis:
        article = replace(article, published=published, published_basis=basis, published_note=note)
        doc.article = article
        doc.published, doc.published_basis = published, basis
    _parse(doc)
    claims: list[Claim] = []
    for extractor in REGISTRY:
        try:
            found = list(extractor.run(doc))
        except Exception as exc:  # re-raised with the extractor and article named
            raise ExtractorError(f"extractor '{extractor.name}' failed on article {article.id}: {exc!r}") from exc
        for c in found:
            if c.kind not in extractor.kinds:
                raise kinds.UnknownKind(f"extractor '{extractor.name}' produced a claim of kind {c.kind!r}, which it "
                                        "does not declare")
            claims.append(c if c.rule else replace(c, rule=f"{extractor.name}:{c.kind}"))
    return article, frames.attach(doc, resolve_overlaps(claims)), doc.mentions, doc.layout


def _parse(doc: Doc) -> None:
    """Parse the sentences that may hold a claim, and split sentences where the parser does."""
    text = doc.text
    spans = nlp.candidate_spans(text, doc.layout.sentences)
    heads = [r for r in doc.layout.regions if r.context == "headline"]
    lower = [any(r.start <= s < r.end for r in heads) and nlp.title_case(text[s:e]) for s, e in spans]
    doc.parse = nlp.parse(text, spans, lower=lower)
    doc.layout = refine(doc.layout, doc.parse.sentence_starts())


def resolve_overlaps(claims: list[Claim]) -> list[Claim]:
    rank = {k: i for i, k in enumerate(PRIORITY)}
    kept: list[Claim] = []
    ordered = sorted(claims, key=lambda c: (c.kind in _EXEMPT, rank.get(c.kind, 99), c.start, -c.end))
    end = max((c.end for c in claims), default=0)
    taken = Taken(end)
    for c in ordered:
        if c.kind in _EXEMPT:
            kept.append(c)
            continue
        if not taken.free(c.start, c.end):
            continue
        taken.take(c.start, c.end)
        kept.append(c)
    kept.sort(key=lambda c: (c.start, c.end, c.kind))
    return kept
