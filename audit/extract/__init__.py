"""Claim extraction: one small module per extractor (names, dates, times, sport, numbers, ranks,
quotes, attributes) and the per-article driver (audit.extract.driver).

Which extractors run, and which kinds they find, is declared by the kind registry (audit.kinds).
`extract_article`, `REGISTRY` and the other driver names are re-exported here lazily, so that
the kind modules can import the extractor modules of this package without a cycle.
"""

from __future__ import annotations

from typing import Any

_DRIVER = ("extract_article", "REGISTRY", "PRIORITY", "resolve_overlaps", "infer_published", "ExtractorError")
__all__ = list(_DRIVER)


def __getattr__(name: str) -> Any:
    if name in _DRIVER:
        from audit.extract import driver

        return getattr(driver, name)
    raise AttributeError(f"module 'audit.extract' has no attribute {name!r}")
