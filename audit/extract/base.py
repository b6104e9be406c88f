"""What every extractor receives (a `Doc`) and the helpers they share."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import cast

from audit import rules
from audit.model import Article, Claim
from audit.nlp import Parse
from audit.text import Layout, layout

_NUMBERS = rules.NUMBERS
NUMBER_WORDS: dict[str, int] = {str(k): int(v) for k, v in _NUMBERS["number_words"]["values"].items()}
SCALE_WORDS: dict[str, int] = {str(k): int(v) for k, v in _NUMBERS["scales"]["values"].items()}
VAGUE: dict[str, tuple[float, float]] = {str(k): (float(v[0]), float(v[1]))
                                         for k, v in _NUMBERS["vague"]["ranges"].items()}
"""Vague quantities as ranges ("hundreds": 200 to 999): never in conflict with an exact figure."""
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "twentieth": 20, "last": -1, "final": -1,
}
_TENS_WORDS = [w for w, v in NUMBER_WORDS.items() if v >= 20 and v % 10 == 0 and " " not in w]
_SMALL_WORDS = [w for w, v in NUMBER_WORDS.items() if 0 <= v < 20 and " " not in w and w != "dozen"]
_TENS = "(?:" + "|".join(_TENS_WORDS) + ")"
_UNITS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_SIMPLE = rf"(?:{_TENS}(?:[- ]{_UNITS})?|" + "|".join(sorted(_SMALL_WORDS, key=len, reverse=True)) + ")"
_SCALE = "(?:" + "|".join(SCALE_WORDS) + ")"
_VAGUE_RE = "|".join(sorted((re.escape(v) for v in VAGUE), key=len, reverse=True))
NUMBER_WORD_RE = (
    rf"(?:{_VAGUE_RE}|(?:(?:{_SIMPLE}|a)\s+{_SCALE}|{_SIMPLE})(?:(?:\s+and\s+|[\s-]+)(?:{_SIMPLE}|{_SCALE})\b)*"
    r"|a dozen|dozen)"
)
"""A number written in words: "thirty-seven", "one hundred and twelve", "two thousand five hundred", "dozens"."""


def word_number(s: str) -> int | None:
    """The value of a number in words ("thirty-seven" -> 37, "one hundred and twelve" -> 112); None when the
    words do not make one number ("five six"). A vague quantity gives the low end of its range."""
    s = " ".join(s.lower().replace("-", " ").split())
    if s in NUMBER_WORDS:
        return NUMBER_WORDS[s]
    if s in VAGUE:
        return int(VAGUE[s][0])
    total, current, last = 0, 0, ""
    for tok in s.split():
        if tok == "and":
            continue
        if tok == "a" and not last:
            current, last = 1, "unit"
            continue
        if tok in SCALE_WORDS:
            scale = SCALE_WORDS[tok]
            if scale == 100:
                if last not in ("unit", "teen", "tens") or (current % 100 == 0 and current):
                    return None
                current *= 100
                last = "hundred"
            else:
                if not (current or total) or last == "scale":
                    return None
                total += (current or 1) * scale
                current, last = 0, "scale"
            continue
        v = NUMBER_WORDS.get(tok)
        if v is None or tok == "dozen":
            return None
        if v >= 20:  # tens
            if last in ("unit", "teen", "tens"):
                return None
            current += v
            last = "tens"
        else:
            if last in ("unit", "teen") or (last == "tens" and v >= 10):
                return None
            current += v
            last = "teen" if v >= 10 else "unit"
    return total + current if last else None


def parse_number(s: str) -> float | None:
    s = s.strip().lower().replace(",", "")
    try:
        return float(s)
    except ValueError:
        w = word_number(s)
        return float(w) if w is not None else None


def fmt_number(x: float) -> str:
    """A number as reports show it: no exponent, no trailing zeros, whole numbers above 1000."""
    if abs(x) >= 1000 or x == int(x):
        return f"{round(x)}"
    return f"{x:.4f}".rstrip("0").rstrip(".")


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity mention (person, place, org or other name) in one article."""

    start: int
    end: int
    surface: str
    type: str  # person | place | org | name
    sentence: int
    context: str
    role: str | None = None
    """A title or role written next to the name ("coach", "CEO")."""


@dataclass
class Doc:
    """One article as the extractors see it."""

    article: Article
    layout: Layout
    published: dt.date | None
    published_basis: str
    mentions: list[Mention] = field(default_factory=list)
    lower_vocab: frozenset[str] = frozenset()
    mention_starts: list[int] = field(default_factory=list)
    """Start offsets of `mentions` (sorted), for bisecting."""
    parse: Parse | None = None
    """The dependency parse of the sentences that may hold a claim (audit.nlp)."""
    memo: dict[str, object] = field(default_factory=dict)
    """Results several extractors share, computed once per article (the temporal expressions)."""

    @property
    def text(self) -> str:
        return self.article.text

    def has(self, *words: str) -> bool:
        """Whether the text holds any of these lowercase strings, in any case: a guard that skips a regex
        whose key word is absent (an alternation of number words tried at every word costs more than this)."""
        low = self.memo.get("lower")
        if low is None:
            low = self.memo["lower"] = self.text.lower()
        return any(w in low for w in words)  # type: ignore[operator]

    @classmethod
    def of(cls, article: Article) -> Doc:
        text = article.text
        vocab = frozenset(w for w in re.findall(r"\b[a-z][a-z'’-]+\b", text))
        return cls(article=article, layout=layout(text), published=article.published,
                   published_basis=article.published_basis, lower_vocab=vocab)

    def sentence_of(self, offset: int) -> int:
        return self.layout.sentence_index(offset)

    def sentence_bounds(self, offset: int) -> tuple[int, int]:
        return self.layout.sentence_span(self.sentence_of(offset))

    def claim(self, kind: str, value: str, start: int, end: int, attribute: str, **kw: object) -> Claim:
        text = self.text
        # trim whitespace so that the surface is tight
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        context = kw.pop("context", None) or self.layout.context_at(start)
        return Claim(
            kind=kind, value=value, surface=text[start:end], article=self.article.id,
            start=start, end=end, attribute=attribute, sentence=self.sentence_of(start),
            context=str(context), **kw,  # type: ignore[arg-type]
        )


Extract = Callable[[Doc], Iterable[Claim]]


class Taken:
    """Character spans already claimed (a byte mask: checking a span costs its length, not the claim count)."""

    def __init__(self, length: int) -> None:
        self.mask = bytearray(length + 1)

    def free(self, start: int, end: int) -> bool:
        return self.mask.find(1, start, max(start + 1, end)) < 0

    def take(self, start: int, end: int) -> None:
        self.mask[start:end] = b"\x01" * (end - start)


@dataclass(frozen=True, slots=True)
class Extractor:
    """A named claim extractor: the kinds of claim it finds and its `extract(doc)`; kinds name it (audit.kinds)."""

    name: str
    kinds: tuple[str, ...]
    run: Extract


STOP_CAPITALIZED = frozenset(
    """a an the and but or nor for so yet if when while after before since until as at by in on of to
    from with without into onto over under about above below between among through during despite
    against toward towards upon within i he she it we they you his her its our their my your this that
    these those there here who whom whose which what where why how not no yes now then also only even
    just still both each every all any some many most much more less few several such other another
    one two three four five six seven eight nine ten first second third last next new old former
    according however meanwhile instead indeed perhaps maybe although though because unless whether
    watch live start imagine tears pure huge tidying japanese german french british american english
    police officials authorities witnesses residents sources reports report earlier later today tonight
    yesterday tomorrow said says told added asked mr mrs ms dr sir lady lord please thanks thank
    breaking update updated photo video read more click see related share follow sign subscribe
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
    am pm gmt utc est edt pst pdt cst cdt mst mdt cet cest bst ist jst aest td ceo cfo cto tv dwi dui
    ok wow oh yes""".split()
)


_CLAUSE_CUT = re.compile(r"[;:—–]|\s-\s|,?\s(?:but|while|whereas|and then|before|after which|when|although|though)\s")


def clause_bounds(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The clause around [start, end) within the sentence [lo, hi): cut at ; : — and ' but '."""
    left = lo
    for m in _CLAUSE_CUT.finditer(text, lo, start):
        left = m.end()
    right = hi
    m2 = _CLAUSE_CUT.search(text, end, hi)
    if m2:
        right = m2.start()
    return left, right


_CONTENT = re.compile(r"[A-Za-z][a-z'’-]+")
FUNCTION_WORDS = frozenset(
    """the a an and or but of to in on at by for with from as is was were are be been being has have
    had it its this that these those he she they his her their them him who whom which what when
    where after before into over under than then there here not no so if about also just more most
    less very up down out off again once all any both each few other some such only own same too
    can will would should could may might must do does did done said says told say would""".split()
)


def content_words(s: str) -> list[str]:
    return [w.lower().rstrip("'’") for w in _CONTENT.findall(s) if w.lower() not in FUNCTION_WORDS]


def stem(word: str) -> str:
    """A light singular/stem: yards -> yard, cranes -> crane, injuries -> injury, killed -> kill."""
    w = word.lower().strip("'’")
    if len(w) <= 3:
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes", "zes")):
        return w[:-2]
    if w.endswith("ss") or w.endswith("us") or w.endswith("is"):
        return w
    if w.endswith("s"):
        return w[:-1]
    if w.endswith("ing") and len(w) > 5:
        return w[:-3]
    if w.endswith("ed") and len(w) > 4:
        return w[:-2]
    return w


@dataclass(frozen=True, slots=True)
class Frame:
    """The clause around a claim: its bounds, the event word nearest to it, the names in it."""

    lo: int
    hi: int
    trigger: str | None
    trigger_word: str | None
    mentions: tuple[Mention, ...]
    words: tuple[str, ...]

    def names(self) -> tuple[str, ...]:
        return tuple(m.surface for m in self.mentions)


WINDOW = 400


def frame(doc: Doc, start: int, end: int, *, whole_sentence: bool = False) -> Frame:
    from audit.lexicon import event_class

    text = doc.text
    s_lo, s_hi = doc.sentence_bounds(start)
    # a clause never reaches further than WINDOW characters from the claim (a megabyte "sentence")
    s_lo, s_hi = max(s_lo, start - WINDOW), min(s_hi, end + WINDOW)
    # the same words at the same place of the same sentence text give the same clause, event word and
    # content words: an article that repeats a sentence computes them once (issue 11)
    cache = cast("dict[tuple[str, int, int, bool], _FrameText]", doc.memo.setdefault("frames", {}))
    key = (text[s_lo:s_hi], start - s_lo, end - s_lo, whole_sentence)
    found = cache.get(key)
    if found is None:
        lo, hi = (s_lo, s_hi) if whole_sentence else clause_bounds(text, start, end, s_lo, s_hi)
        best: tuple[int, str, str] | None = None
        for m in re.finditer(r"[A-Za-z][A-Za-z'’-]*", text[lo:hi]):
            ws, we = lo + m.start(), lo + m.end()
            if start <= ws < end:
                continue
            cls = event_class(m.group(0))
            if cls:
                dist = start - we if we <= start else ws - end
                if best is None or dist < best[0]:
                    best = (dist, cls, m.group(0).lower())
        words = tuple(stem(w) for w in content_words(text[lo:start] + " " + text[end:hi]))
        found = cache[key] = (lo - s_lo, hi - s_lo, best[1] if best else None, best[2] if best else None, words)
    rel_lo, rel_hi, trigger, trigger_word, words = found
    lo, hi = s_lo + rel_lo, s_lo + rel_hi
    first = bisect.bisect_left(doc.mention_starts, lo)
    last = bisect.bisect_right(doc.mention_starts, hi)
    mentions = tuple(m for m in doc.mentions[first:last] if m.end <= hi and not (m.start < end and m.end > start))
    return Frame(lo, hi, trigger, trigger_word, mentions, words)


_FrameText = tuple[int, int, "str | None", "str | None", tuple[str, ...]]
"""A frame without its names: clause bounds relative to the sentence window, event class and word, content words."""


def extra(**kw: object) -> tuple[tuple[str, str], ...]:
    """Build a Claim.extra tuple from keyword arguments, dropping empty values."""
    out = []
    for k, v in kw.items():
        if v is None or v == "" or v == ():
            continue
        out.append((k, "|".join(v) if isinstance(v, tuple | list) else str(v)))
    return tuple(out)
