"""Rules as data: the word tables that frames, extractors and alignment read.

Each table is a TOML file beside this module; each entry has a name (its TOML table), the words
it covers and an `example`. Domain vocabularies (sports, markets...) are packs under `packs/`:
a pack adds entries to the generic tables (`[predicates.scored]`, `[things.point]`) and never
changes an entry of the generic lexicon. Everything is loaded and checked once, at import: an
entry without an example, an unknown key, or a pack entry that would overwrite a generic one
fails loudly (RulesError) instead of silently matching nothing.

`audit explain` names the entry behind each frame field as `table.entry` ("predicates.killed").
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Any


class RulesError(RuntimeError):
    """A rule table is malformed (the message names the file and the entry)."""


TABLES = ("predicates", "things", "speech", "modality", "events", "acts", "roles")
"""The generic tables, one TOML file each."""
_KEYS = {
    "predicates": {"lemmas", "phrases", "kinds", "things", "nouns", "transitive", "intransitive", "once", "example", "label", "act"},
    "things": {"lemmas", "implies", "example", "synonyms", "fallback"},
    "speech": {"lemmas", "example"},
    "modality": {"aux", "words", "example"},
    "events": {"words", "example"},
    "acts": {"words", "example"},
    "roles": {"words", "kind", "unique", "example"},
}
_LISTS = {"lemmas", "phrases", "kinds", "things", "nouns", "transitive", "intransitive", "aux", "words"}


@dataclass(frozen=True, slots=True)
class Entry:
    """One named rule of a table: the words it covers and an example of it at work."""

    table: str
    name: str
    example: str
    words: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    implies: str | None = None
    aux: tuple[str, ...] = ()
    pack: str | None = None
    label: str | None = None
    """How a topic says the class of a counted thing ('killed': 'people killed')."""
    role_kind: str | None = None
    """For roles: rank, position, honorific or idiom."""
    unique: bool = False
    """For roles: one holder at a time per organisation (a coach, a chief executive)."""
    fallback: bool = False
    """For things: `implies` holds only when the governing verb says nothing ("21,000 jobs" are employed, but
    "trimmed 300 jobs" are cut)."""
    synonyms: bool = False
    """For things: every word of the class names the same thing ('run', 'scamper'); otherwise the class groups
    different things ('miners' and 'pirates' are both people)."""
    act: str | None = None
    """The class's act as a noun ('injuries', 'arrest')."""
    nouns: tuple[str, ...] = ()
    """For predicates: lemmas that stand in the class only as nouns ('count' of '12 counts of fraud')."""
    transitive: tuple[str, ...] = ()
    """For predicates: verbs that stand in the class only with an object, or in the passive ('the court
    OVERTURNED the ban', 'the ban was overturned'; 'a bus overturned' is no ruling)."""
    intransitive: tuple[str, ...] = ()
    """For predicates: verbs that stand in the class only without an object ('a bus OVERTURNED')."""
    once: bool = False
    """For predicates: an act that happens once to its holder (born, founded, retired)."""
    things: tuple[str, ...] = ()
    """For predicates: the classes of things the class applies to, when the figure's thing is known ('cut'
    600 jobs is a job cut; three cables cut are damaged)."""

    @property
    def ref(self) -> str:
        return f"{self.table}.{self.name}"


def _entries(table: str, data: Mapping[str, object], origin: str, pack: str | None) -> Iterable[Entry]:
    allowed = _KEYS[table]
    for name, raw in data.items():
        if not isinstance(raw, dict):
            raise RulesError(f"{origin}: [{table}.{name}] is not a table")
        unknown = set(raw) - allowed
        if unknown:
            raise RulesError(f"{origin}: [{table}.{name}] has unknown key(s) {sorted(unknown)}")
        example = raw.get("example")
        if not isinstance(example, str) or not example.strip():
            raise RulesError(f"{origin}: [{table}.{name}] has no example")
        lists: dict[str, tuple[str, ...]] = {}
        for key in _LISTS & set(raw):
            value = raw[key]
            if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
                raise RulesError(f"{origin}: [{table}.{name}] {key} must be a list of words")
            lists[key] = tuple(w.lower() for w in value)
        words = lists.get("lemmas", ()) + lists.get("words", ())
        if not words and not lists.get("aux"):
            raise RulesError(f"{origin}: [{table}.{name}] covers no words")
        texts: dict[str, str | None] = {}
        for key in ("implies", "label", "act"):
            value = raw.get(key)
            if value is not None and (not isinstance(value, str) or not value.strip()):
                raise RulesError(f"{origin}: [{table}.{name}] {key} must be a word")
            texts[key] = value
        role_kind = raw.get("kind")
        if table == "roles" and role_kind not in ("rank", "position", "honorific", "idiom"):
            raise RulesError(f"{origin}: [{table}.{name}] kind must be rank, position, honorific or idiom")
        unique = raw.get("unique", False)
        synonyms = raw.get("synonyms", False)
        fallback = raw.get("fallback", False)
        once = raw.get("once", False)
        if not all(isinstance(v, bool) for v in (unique, synonyms, fallback, once)):
            raise RulesError(f"{origin}: [{table}.{name}] unique, synonyms, fallback and once must be true or false")
        if table == "predicates" and not (texts["label"] and texts["act"]):
            raise RulesError(f"{origin}: [{table}.{name}] needs a label and an act (how topics name it)")
        yield Entry(table=table, name=name, example=example.strip(), words=words, phrases=lists.get("phrases", ()),
                    kinds=lists.get("kinds", ()), implies=texts["implies"], aux=lists.get("aux", ()), pack=pack,
                    label=texts["label"], act=texts["act"], role_kind=role_kind if table == "roles" else None,
                    unique=unique, synonyms=synonyms, fallback=fallback, things=lists.get("things", ()), once=once,
                    nouns=lists.get("nouns", ()), transitive=lists.get("transitive", ()),
                    intransitive=lists.get("intransitive", ()))


def _load() -> dict[str, dict[str, Entry]]:
    root = resources.files(__name__)
    tables: dict[str, dict[str, Entry]] = {}
    for table in TABLES:
        origin = f"audit/rules/{table}.toml"
        try:
            data = tomllib.loads(root.joinpath(f"{table}.toml").read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise RulesError(f"{origin}: {exc}") from exc
        tables[table] = {e.name: e for e in _entries(table, data, origin, None)}
    packs = root.joinpath("packs")
    for item in sorted(packs.iterdir(), key=lambda p: p.name):
        if not item.name.endswith(".toml"):
            continue
        pack = item.name.removesuffix(".toml")
        origin = f"audit/rules/packs/{item.name}"
        try:
            data = tomllib.loads(item.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise RulesError(f"{origin}: {exc}") from exc
        for table, section in data.items():
            if table not in tables or not isinstance(section, dict):
                raise RulesError(f"{origin}: [{table}] is not one of the tables {list(TABLES)}")
            for e in _entries(table, section, origin, pack):
                if e.name in tables[table] and tables[table][e.name].pack is None:
                    raise RulesError(f"{origin}: [{table}.{e.name}] would overwrite the generic entry")
                tables[table][e.name] = e
    for e in tables["things"].values():
        if e.implies and e.implies not in tables["predicates"]:
            raise RulesError(f"audit/rules/things.toml: [{e.name}] implies unknown predicate class '{e.implies}'")
    return tables


TABLE: Mapping[str, Mapping[str, Entry]] = MappingProxyType({k: MappingProxyType(v) for k, v in _load().items()})

NUMBER_TABLES = ("number_words", "scales", "vague", "tallies", "fractions", "periods", "holdings", "qualifiers", "milestones", "sizes",
                 "currency_symbols", "currency_words", "units", "time_units")


def _load_numbers() -> dict[str, dict[str, Any]]:
    origin = "audit/rules/numbers.toml"
    try:
        data = tomllib.loads(resources.files(__name__).joinpath("numbers.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RulesError(f"{origin}: {exc}") from exc
    for name in NUMBER_TABLES:
        section = data.get(name)
        if not isinstance(section, dict) or not isinstance(section.get("example"), str):
            raise RulesError(f"{origin}: [{name}] is missing or has no example")
    unknown = set(data) - set(NUMBER_TABLES)
    if unknown:
        raise RulesError(f"{origin}: unknown table(s) {sorted(unknown)}")
    return data


NUMBERS: Mapping[str, Mapping[str, Any]] = MappingProxyType(_load_numbers())
"""The numeric tables: number words, scales, vague quantities, qualifiers, currencies, units."""


def _index(table: str) -> dict[str, tuple[Entry, ...]]:
    out: dict[str, list[Entry]] = {}
    for e in TABLE[table].values():
        for w in (*e.words, *e.phrases):
            out.setdefault(w, [])
            if e not in out[w]:
                out[w].append(e)
    return {w: tuple(es) for w, es in out.items()}


_PREDICATES = _index("predicates")
_THINGS = _index("things")
_EVENTS = _index("events")
_ACTS = _index("acts")
_ROLES = _index("roles")
ROLE_WORDS = frozenset(_ROLES)
"""Every role, rank and honorific word (lower case), for splitting names after them."""
ROLE_MAX_WORDS = max((len(w.split()) for w in _ROLES), default=1)
SPEECH_VERBS = frozenset(TABLE["speech"]["verbs"].words)
SPEECH_PREPS = frozenset(TABLE["speech"]["preps"].words)
SOURCE_NOUNS = frozenset(TABLE["speech"]["nouns"].words)


def predicate_classes(lemma: str, kind: str | None = None) -> tuple[Entry, ...]:
    """The predicate classes a lemma stands in, for a claim of `kind` (file order: the first is the main one)."""
    entries = _PREDICATES.get(lemma.lower(), ())
    # a class made for this kind of claim first ("fell 12%" is a change before it is a loss)
    fits = [e for e in entries if not e.kinds or kind is None or kind in e.kinds]
    return tuple(sorted(fits, key=lambda e: not (e.kinds and kind in e.kinds)))


def thing_class(lemma: str) -> Entry | None:
    """The class of a counted thing ('miner' -> people), if the table knows it."""
    entries = _THINGS.get(lemma.lower())
    return entries[0] if entries else None


def implying_class(lemma: str) -> Entry | None:
    """The first class of a counted thing that says what happened to it ('evacuee' -> evacuees, which implies
    evacuated, though an evacuee is also one of the people), else its class."""
    entries = _THINGS.get(lemma.lower(), ())
    return next((e for e in entries if e.implies), entries[0] if entries else None)


def synonyms(a: str, b: str) -> Entry | None:
    """The synonym class of the thing table that holds both lemmas ('robber' and 'thief'), if one does."""
    ea, eb = _THINGS.get(a.lower(), ()), _THINGS.get(b.lower(), ())
    return next((e for e in ea if e.synonyms and e in eb), None)


def event_class(word: str) -> Entry | None:
    """The event class of a word as the clause-window rules use it ('toppled' -> win)."""
    entries = _EVENTS.get(word.lower().strip("'’"))
    return entries[0] if entries else None


def role(words: str) -> Entry | None:
    """The role entry of a title ('Cmdr.' -> commander, 'chief executive' -> chief_executive); a pack's entry
    before the generic one, since a pack is there for the domain's sense ('manager' of a team)."""
    entries = _ROLES.get(words.lower().strip())
    if not entries:
        return None
    return sorted(entries, key=lambda e: e.pack is None)[0]


def act_noun(lemma: str) -> str:
    """The act a verb lemma names, as a noun: the acts table, else its -ing form ('capsize' -> 'capsizing')."""
    entries = _ACTS.get(lemma.lower())
    if entries:
        return entries[0].name
    w = lemma.lower()
    if " " in w:
        head, rest = w.split(" ", 1)
        return f"{act_noun(head)} {rest}" if head not in _ACTS else f"{_ACTS[head][0].name} {rest}"
    if w.endswith("ie"):
        return w[:-2] + "ying"
    if w.endswith("e") and not w.endswith(("ee", "ye", "oe")):
        return w[:-1] + "ing"
    if (len(w) <= 4 and len(w) >= 3 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and w[-3] not in "aeiou"):
        return w + w[-1] + "ing"  # stop -> stopping, sink -> sinking is not doubled (two consonants)
    return w + "ing"


def modality_of(words: Iterable[str]) -> Entry | None:
    """The first modality class (file order) that one of `words` (lemmas, lower case) signals."""
    ws = set(words)
    for e in TABLE["modality"].values():
        if ws & set(e.aux) or ws & set(e.words):
            return e
    return None
