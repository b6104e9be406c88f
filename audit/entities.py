"""Canonical entities across the batch: spelling variants, accents, short forms.

"Jurgen Muller", "Jurgan Muller", "Müller" and "Muller" become one entity whose
mentions keep their own spelling; "Ravi Singh" and "Manpreet Singh" stay two. The rules
are general: token-level edit distance, accent folding, spacing, subsets (short forms),
and a rarity test that keeps two established spellings ("Austria", "Australia") apart.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from audit.extract.base import Mention
from audit.unionfind import UnionFind

SIGNIFICANT = frozenset(
    "north south east west northern southern eastern western upper lower new old great little greater "
    "saint st junior senior jr sr first second third i ii iii iv".split()
)
_GENERIC = frozenset(
    "the of and stadium street avenue road park hospital center centre court city county university "
    "group inc corp co ltd company world cup league club team fc news times".split()
)
# characters that look alike across scripts (Cyrillic/Greek letters written for Latin ones)
_HOMOGLYPHS = str.maketrans({
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
    "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S", "α": "a", "ο": "o", "ρ": "p", "ν": "v", "Α": "A", "Β": "B",
    "Ε": "E", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Χ": "X",
})
_ZERO_WIDTH = re.compile("[\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


@lru_cache(maxsize=262144)
def fold(s: str) -> str:
    """Matching key: homoglyphs mapped, accents and case removed, punctuation to spaces."""
    s = _ZERO_WIDTH.sub("", s).translate(_HOMOGLYPHS)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("ß", "ss").replace("ø", "o").replace("ł", "l").replace("đ", "d").replace("ı", "i")
    s = s.casefold().replace("’", "'")
    s = re.sub(r"['.]", "", s)
    s = re.sub(r"[^\w]+", " ", s)
    return " ".join(s.split())


@lru_cache(maxsize=262144)
def suspicious(s: str) -> str | None:
    """Why a spelling is suspicious (hidden characters, mixed scripts), or None."""
    if _ZERO_WIDTH.search(s):
        return "contains invisible characters (zero-width or bidirectional controls)"
    scripts = set()
    for c in s:
        if c.isalpha():
            name = unicodedata.name(c, "")
            scripts.add(name.split(" ")[0])
    if len(scripts & {"LATIN", "CYRILLIC", "GREEK"}) > 1:
        return "mixes letters of different scripts (look-alike characters)"
    plain = s.replace("\u00a0", " ").replace("\u202f", " ")
    if unicodedata.normalize("NFKC", plain) != plain:
        return "uses compatibility characters (full-width, styled or ligature letters)"
    return None


@dataclass
class Entity:
    id: str
    name: str
    """Canonical display name: the most common spelling of the fullest form."""
    type: str
    forms: Counter[str] = field(default_factory=Counter)
    """Surface form -> number of mentions."""
    articles: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    """Surface form -> articles that use it."""
    key_tokens: tuple[str, ...] = ()


@dataclass
class EntityIndex:
    entities: list[Entity]
    by_mention: dict[tuple[str, str], str]
    """(article id, surface) -> entity id."""

    def get(self, article: str, surface: str | None) -> Entity | None:
        if surface is None:
            return None
        eid = self.by_mention.get((article, surface))
        if eid is None:
            return None
        return self._by_id[eid]

    def canonical(self, article: str, surface: str | None) -> str | None:
        e = self.get(article, surface)
        return e.name if e else (fold(surface) if surface else None)

    def __post_init__(self) -> None:
        self._by_id = {e.id: e for e in self.entities}

    def entity(self, eid: str) -> Entity:
        return self._by_id[eid]


_INFLECTIONS = frozenset({"n", "an", "ans", "ian", "ians", "ese", "ish", "s", "es", "ns", "i", "is", "ic"})


def inflected(a: str, b: str) -> bool:
    """'germany'/'germans', 'belgium'/'belgian', 'russia'/'russian': a word and its demonym or plural."""
    k = 0
    while k < min(len(a), len(b)) and a[k] == b[k]:
        k += 1
    ea, eb = a[k:], b[k:]
    if not (ea and eb) and len(ea + eb) == 1 and (ea + eb) == a[k - 1]:
        return False  # 'glen'/'glenn', 'jon'/'jonn': a doubled last letter is a spelling, not an ending
    return k >= 4 and (ea in _INFLECTIONS or eb in _INFLECTIONS)


def token_similar(a: str, b: str, *, loose: bool = False) -> bool:
    """Two tokens that are one spelling apart: 'jurgen'/'jurgan', 'universty'/'university'.

    `loose` is for a token whose neighbours already match ("Jurgan Muller"/"Jurgen Muller").
    """
    if a == b:
        return True
    if any(c.isdigit() for c in a + b) or a in SIGNIFICANT or b in SIGNIFICANT:
        return False
    if min(len(a), len(b)) < 4 or inflected(a, b):
        return False
    d = Levenshtein.distance(a, b)
    longest = max(len(a), len(b))
    if loose:
        return d <= 1 or (d <= 2 and longest >= 5) or (d <= 3 and longest >= 10)
    return d <= 1 or (d <= 2 and longest >= 10)


def _same_multi(a: tuple[str, ...], b: tuple[str, ...]) -> str | None:
    """Why two multi-token keys name one entity ('variant', 'short'), or None."""
    if "".join(a) == "".join(b):
        return "variant"
    if len(a) == len(b):
        diffs = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        if len(diffs) == 1 and token_similar(*diffs[0], loose=True):
            # the differing token must not be the only informative one
            return "variant"
        if len(diffs) == 1 and len(a) >= 2 and a[-1] == b[-1]:
            x, y = diffs[0]
            if (len(x) <= 2 and len(y) >= 3 and y.startswith(x[0])) or (len(y) <= 2 and len(x) >= 3 and x.startswith(y[0])):
                return "short"  # "J Smith" / "John Smith"
        return None
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if all(t in long_ for t in short) and not all(t in _GENERIC for t in short):
        # keep order: "Lake Stadium" in "Lake Central Stadium"
        idx = [long_.index(t) for t in short]
        if idx == sorted(idx):
            return "short"
    return None


def build(mentions: Iterable[tuple[str, Mention]]) -> EntityIndex:
    """Cluster the batch's name mentions into entities. `mentions` yields (article id, mention)."""
    form_count: Counter[str] = Counter()
    form_articles: dict[str, set[str]] = defaultdict(set)
    form_type: dict[str, Counter[str]] = defaultdict(Counter)
    surfaces_by_key: dict[str, Counter[str]] = defaultdict(Counter)
    pairs: list[tuple[str, str]] = []
    first_at: dict[tuple[str, str], int] = {}
    sentences_of: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for art, m in mentions:
        key = fold(m.surface)
        if not key:
            continue
        form_count[key] += 1
        form_articles[key].add(art)
        form_type[key][m.type] += 1
        surfaces_by_key[key][m.surface] += 1
        pairs.append((art, m.surface))
        first_at[(art, key)] = min(first_at.get((art, key), m.start), m.start)
        sentences_of[key].add((art, m.sentence))
    keys = sorted(form_count)
    tokens = {k: tuple(k.split()) for k in keys}
    uf: UnionFind[str] = UnionFind()
    for k in keys:
        uf.find(k)
    multi = [k for k in keys if len(tokens[k]) >= 2]
    single = [k for k in keys if len(tokens[k]) == 1]
    # block multi-token forms by each token, so the comparison is not all against all
    block: dict[str, list[str]] = defaultdict(list)
    for k in multi:
        for t in set(tokens[k]):
            if t not in _GENERIC:
                block[t[:3]].append(k)
    nospace: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        nospace[k.replace(" ", "")].append(k)
    for group in nospace.values():
        for other in group[1:]:
            uf.union(group[0], other)
    short_links: dict[str, set[str]] = defaultdict(set)
    seen_pairs: set[tuple[str, str]] = set()
    for bucket in block.values():
        if len(bucket) > 400:
            continue
        for i, a in enumerate(bucket):
            for b in bucket[i + 1:]:
                pair = (a, b) if a < b else (b, a)
                if pair in seen_pairs:
                    continue
                seen_pairs.add(pair)
                why = _same_multi(tokens[a], tokens[b])
                if why == "variant":
                    uf.union(a, b)
                elif why == "short":
                    shorter = a if len(tokens[a]) < len(tokens[b]) else b
                    short_links[shorter].add(uf.find(b if shorter == a else a))
    # a short multi-token form joins its long form only when that is unambiguous
    for s, roots in sorted(short_links.items()):
        roots = {uf.find(r) for r in roots}
        if len(roots) == 1:
            uf.union(s, next(iter(roots)))
    # single tokens: join the one cluster whose forms contain that token
    token_owner: dict[str, set[str]] = defaultdict(set)
    for k in multi:
        for t in tokens[k]:
            if t not in _GENERIC and t not in SIGNIFICANT:
                token_owner[t].add(uf.find(k))
    cluster_weight: Counter[str] = Counter()
    for mk in multi:
        cluster_weight[uf.find(mk)] += form_count[mk]
    for k in single:
        owners = {uf.find(r) for r in token_owner.get(k, set())}
        if len(owners) == 1:
            uf.union(k, next(iter(owners)))
        elif len(owners) > 1:
            # one owner used far more than all the others together ("Rovers": "Bristol Rovers")
            weight = {o: cluster_weight[o] for o in owners}
            top = max(sorted(weight), key=lambda o: weight[o])
            if weight[top] >= 3 * (sum(weight.values()) - weight[top]):
                uf.union(k, top)
    # single tokens spelled one edit apart from another single token, where one is rare
    for a, b in _near_spellings([k for k in single if len(k) >= 5]):
        if (a[0] == b[0] and token_similar(a, b) and not (sentences_of[a] & sentences_of[b])
                and _rare_pair(form_articles[a], form_articles[b], form_count[a], form_count[b])):
            uf.union(a, b)
    # acronyms with two neighbouring letters swapped ("NTSB" / "NSTB"), where one is rare: too short for the
    # spelling distance above, and the likeliest slip in a string of capitals
    by_letters: dict[str, list[str]] = defaultdict(list)
    for k in single:
        if 4 <= len(k) <= 6 and k.isalpha() and any(f.isupper() for f in surfaces_by_key[k]):
            by_letters["".join(sorted(k))].append(k)
    for group in by_letters.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if (swapped(a, b) and not (sentences_of[a] & sentences_of[b])
                        and _rare_pair(form_articles[a], form_articles[b], form_count[a], form_count[b])):
                    uf.union(a, b)
    # single tokens that are a spelling of the last token of a person in the same article
    multi_in: dict[str, list[str]] = defaultdict(list)
    for mk in multi:
        for art in form_articles[mk]:
            multi_in[art].append(mk)
    for k in single:
        if uf.find(k) != k or k in token_owner or form_count[k] > 3 or len(form_articles[k]) > 2:
            continue
        for art in sorted(form_articles[k]):
            persons = [m for m in multi_in[art] if form_type[m].most_common(1)[0][0] == "person"]
            cands = {tokens[m][-1] for m in persons}
            close = [c for c in cands if c != k and len(c) == len(k) and Levenshtein.distance(c, k) == 1
                     and (len(k) <= 3 or token_similar(c, k))]
            if len(close) == 1:
                owner = [m for m in persons if tokens[m][-1] == close[0]]
                if owner:
                    uf.union(k, owner[0])
                    break
    clusters: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        clusters[uf.find(k)].append(k)
    entities: list[Entity] = []
    key_to_entity: dict[str, str] = {}
    for root in sorted(clusters, key=lambda r: (-sum(form_count[k] for k in clusters[r]), r)):
        members = clusters[root]
        # the most common among the forms that are not short forms of another member
        maximal = [k for k in members
                   if not any(o != k and set(tokens[k]) < set(tokens[o]) for o in members)]
        best_key = max(maximal, key=lambda k: (form_count[k], len(tokens[k]), k))
        name = surfaces_by_key[best_key].most_common(1)[0][0]
        types: Counter[str] = Counter()
        for k in members:
            types.update(form_type[k])
        eid = f"ent{len(entities) + 1}"
        ent = Entity(id=eid, name=name, type=_pick_type(types), key_tokens=tokens[best_key])
        for k in members:
            key_to_entity[k] = eid
            for surf, n in surfaces_by_key[k].items():
                ent.forms[surf] += n
        entities.append(ent)
    by_mention: dict[tuple[str, str], str] = {}
    ents = {e.id: e for e in entities}
    # a surname alone that several full names share ("Pryor": Lachlan and Marcus) means, inside one
    # article, the person with that surname whom the article named first
    local: dict[tuple[str, str], str] = {}
    for (art, key), _pos in sorted(first_at.items()):
        if len(tokens[key]) != 1 or len({uf.find(r) for r in token_owner.get(key, set())}) < 2:
            continue
        hosts = [(first_at[(art, m)], m) for m in multi_in[art] if tokens[m][-1] == key]
        if hosts:
            local[(art, key)] = key_to_entity[min(hosts)[1]]
    for art, surface in pairs:
        eid = local.get((art, fold(surface))) or key_to_entity[fold(surface)]
        by_mention[(art, surface)] = eid
        ents[eid].articles[surface].add(art)
    return EntityIndex(entities=entities, by_mention=by_mention)


def swapped(a: str, b: str) -> bool:
    """b is a with two neighbouring letters swapped."""
    diff = [i for i in range(len(a)) if a[i] != b[i]] if len(a) == len(b) else []
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def _deletions(word: str, depth: int) -> set[str]:
    out = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        out |= frontier
    return out


def _near_spellings(words: list[str]) -> list[tuple[str, str]]:
    """Pairs of words that may be one or two edits apart, found through shared deletion variants
    (as in SymSpell) instead of comparing every word with every other."""
    index: dict[str, list[str]] = defaultdict(list)
    for w in sorted(set(words)):
        for v in _deletions(w, 2 if len(w) >= 10 else 1):
            index[v].append(w)
    pairs: set[tuple[str, str]] = set()
    for bucket in index.values():
        if len(bucket) > 50:
            continue  # a variant shared by very many words says nothing
        for i, a in enumerate(bucket):
            for b in bucket[i + 1:]:
                pairs.add((a, b) if a < b else (b, a))
    return sorted(pairs)


def _rare_pair(arts_a: set[str], arts_b: set[str], n_a: int, n_b: int) -> bool:
    """One of two similar spellings is rare next to the other: a likely typo, not two names."""
    small, big = sorted((len(arts_a), len(arts_b)))
    if big == 0:
        return False
    return small <= max(2, int(0.34 * big)) and min(n_a, n_b) <= max(3, int(0.34 * max(n_a, n_b)))


def _pick_type(types: Counter[str]) -> str:
    for t, _ in types.most_common():
        if t != "name":
            return t
    return "name"
