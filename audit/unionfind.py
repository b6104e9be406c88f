"""A small union-find (disjoint sets) over hashable keys, used by every clustering step."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


class UnionFind(Generic[K]):
    """Disjoint sets; the smaller key (by sort order) is kept as root, so results are deterministic."""

    def __init__(self, keys: Iterable[K] = ()) -> None:
        self.parent: dict[K, K] = {k: k for k in keys}

    def find(self, x: K) -> K:
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: K, b: K) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if rb < ra:  # type: ignore[operator]
            ra, rb = rb, ra
        self.parent[rb] = ra

    def groups(self) -> dict[K, list[K]]:
        out: dict[K, list[K]] = {}
        for k in self.parent:
            out.setdefault(self.find(k), []).append(k)
        return out
