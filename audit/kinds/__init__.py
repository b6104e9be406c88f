"""The registry of claim kinds: each kind declared once (see audit.kinds.base.Kind).

To add a kind, write a module with its extractor, its `Family` (block, link, relate, topic) and
its `Kind`, and add one line to REGISTRY below; `audit/kinds/change.py` is an example. The registry
is checked when the package is imported: a kind without a piece, a kind two extractors claim, an
extractor that declares a kind nobody registered, or two kinds with one priority fail loudly.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from audit.extract.base import Extractor
from audit.kinds import amount, change, descriptive, location, names, phone, quote, roles, sport, temporal
from audit.kinds.base import Family, Kind
from audit.model import Claim

REGISTRY: tuple[Kind, ...] = (
    *names.KINDS,  # first: the other extractors use the names it finds
    *temporal.KINDS,
    *sport.KINDS,
    *amount.KINDS,
    *descriptive.KINDS,
    *roles.KINDS,
    *location.KINDS,
    *phone.KINDS,
    *quote.KINDS,
    *change.KINDS,
)


class RegistryError(RuntimeError):
    """The kind registry is inconsistent (a programming error, caught at import)."""


def _check(registry: tuple[Kind, ...]) -> None:
    seen: dict[str, Kind] = {}
    priorities: dict[int, str] = {}
    for k in registry:
        if not k.name or not k.example:
            raise RegistryError(f"kind {k.name!r} has no name or no example")
        if k.name in seen:
            raise RegistryError(f"kind {k.name!r} is registered twice")
        seen[k.name] = k
        if k.name not in k.extractor.kinds:
            raise RegistryError(f"kind {k.name!r} names extractor {k.extractor.name!r}, which does not declare it")
        if k.priority is not None:
            if k.priority in priorities:
                raise RegistryError(f"kinds {priorities[k.priority]!r} and {k.name!r} share priority {k.priority}")
            priorities[k.priority] = k.name
        for fam in k.families:
            for piece in ("key", "block", "link", "relate", "topic"):
                if not callable(getattr(fam, piece, None)):
                    raise RegistryError(f"family {fam.name!r} of kind {k.name!r} has no {piece}")
    extractors: dict[str, Extractor] = {}
    for k in registry:
        other = extractors.setdefault(k.extractor.name, k.extractor)
        if other is not k.extractor:
            raise RegistryError(f"two extractors are named {k.extractor.name!r}")
    for ex in extractors.values():
        missing = [kind for kind in ex.kinds if kind not in seen]
        if missing:
            raise RegistryError(f"extractor {ex.name!r} declares kind(s) {missing} that no module registers")


_check(REGISTRY)

KINDS: Mapping[str, Kind] = MappingProxyType({k.name: k for k in REGISTRY})
EXTRACTORS: tuple[Extractor, ...] = tuple(dict.fromkeys(k.extractor for k in REGISTRY))
"""The extractors in the order they run (the order their kinds are registered in)."""
PRIORITY: tuple[str, ...] = tuple(k.name for k in sorted(REGISTRY, key=lambda k: k.priority or 0)
                                  if k.priority is not None)
"""Kinds that compete for overlapping text, the winner first."""
EXEMPT: frozenset[str] = frozenset(k.name for k in REGISTRY if k.priority is None)


class UnknownKind(RuntimeError):
    """An extractor produced a claim of a kind that no module registers."""


def kind(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise UnknownKind(f"claim kind {name!r} is not registered in audit.kinds.REGISTRY") from None


def family_of(c: Claim) -> tuple[Family, str] | None:
    """The family and slot-family key a claim is compared in, or None when it is not compared."""
    return kind(c.kind).family_of(c)
