"""Topics an editor can read, from claims' frames: "people killed", "rifles seized", "date of the arrest",
"year of the release", "magnitude of the earthquake". Word lists are tables of audit.rules."""

from __future__ import annotations

from collections import Counter

from audit import rules
from audit.kinds.base import Slot
from audit.model import Frame

PEOPLE_CLASSES = frozenset({"killed", "injured", "missing", "rescued", "evacuated", "arrested", "charged", "convicted",
                            "sentenced", "employed", "laid_off", "attended", "affected"})
"""Predicate classes whose bare figure counts people ("31 dead", "wounding 40")."""
_IRREGULAR = {"man": "men", "woman": "women", "child": "children", "person": "people", "foot": "feet",
              "life": "lives", "people": "people", "staff": "staff", "police": "police", "crew": "crew",
              "fish": "fish", "sheep": "sheep", "cattle": "cattle", "aircraft": "aircraft", "series": "series",
              "data": "data", "media": "media", "yes": "yes", "other": "others", "mouse": "mice", "tooth": "teeth"}


def plural(noun: str) -> str:
    """English plural of a (lower-case) noun lemma: 'rifle' -> 'rifles', 'casualty' -> 'casualties'."""
    w = noun.strip()
    low = w.lower()
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    if not w or not w[-1].isalpha() or w[-1].isupper():
        return w
    if low.endswith("man") and low not in ("human", "german", "roman", "shaman"):
        return w[:-3] + "men"  # fisherman -> fishermen, policeman -> policemen
    if low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        return w[:-1] + "ies"
    if low.endswith(("s", "x", "z", "ch", "sh")):
        return w + "es"
    if low.endswith("fe"):
        return w[:-2] + "ves"
    if low in ("thief", "leaf", "loaf", "shelf", "wolf", "half", "calf", "self", "sheaf"):
        return w[:-1] + "ves"
    return w + "s"


def _common(frames: list[Frame], attr: str) -> str | None:
    counts = Counter(v for f in frames if (v := getattr(f, attr)))
    return counts.most_common(1)[0][0] if counts else None


def _shared_holder(frames: list[Frame]) -> str | None:
    """The holder a topic names: the most common one, when at least half of the frames give it (one article's
    dateline city is not the holder of five articles' death toll)."""
    counts = Counter(f.holder for f in frames if f.holder)
    if not counts:
        return None
    holder, n = counts.most_common(1)[0]
    return holder if 2 * n >= len(frames) else None


def frames_of(slot: Slot) -> list[Frame]:
    return [c.frame for c in slot.claims if c.frame is not None]


def predicate_entry(frames: list[Frame]) -> rules.Entry | None:
    """The predicate class most of a slot's frames share."""
    name = _common(frames, "predicate_class")
    return rules.TABLE["predicates"].get(name) if name else None


def thing_phrase(frames: list[Frame], entry: rules.Entry | None) -> str | None:
    """What a slot counts, in the plural: the most common generic thing, else the most common thing."""
    things = Counter(f.thing for f in frames if f.thing and f.thing.isascii())
    if not things:
        return "people" if entry is not None and entry.name in PEOPLE_CLASSES else None
    classes = {f.thing_class or "" for f in frames if f.thing and f.thing.isascii()}
    cls = next(iter(classes)) if len(classes) == 1 else ""
    if cls and len(things) > 1 and (cls == "people" or cls in things):
        return "people" if cls == "people" else plural(cls)  # miners, men and people: "people killed"
    ranked = sorted(things.items(), key=lambda kv: (-kv[1], kv[0]))
    if ranked[0][0] == "other" and cls == "people":
        return "people"  # "40 others": other people
    return plural(ranked[0][0])


def count_topic(slot: Slot) -> str | None:
    """'people killed', 'rifles seized (ak47)', 'boats seized — Indian Navy', or None when the frames say nothing."""
    frames = frames_of(slot)
    entry = predicate_entry(frames)
    if entry is None:
        return None
    thing = thing_phrase(frames, entry) or "number"
    label = entry.label or entry.name
    topic = f"{thing} {label}" if thing != "number" else f"number {label}"
    holder = _shared_holder(frames)
    return topic + (f" — {holder}" if holder else "")


def act_topic(slot: Slot, *, what: str = "date") -> str | None:
    """'date of the sinking', 'year of the release', or None when the frames name no act."""
    frames = frames_of(slot)
    if not frames:
        return None
    entry = predicate_entry(frames)
    if entry is None:
        return None
    # the slot's main class, then its most common word, a noun ("victory") before a verb ("pull off")
    words = Counter(f.predicate for f in frames if f.predicate and f.predicate_class == entry.name)
    nouns = {f.predicate for f in frames if f.predicate_pos in ("NOUN", "PROPN")}
    word = sorted(words.items(), key=lambda kv: (-kv[1], not (_nounish(kv[0]) or kv[0] in nouns), kv[0]))[0][0]
    if word in nouns:
        return f"{what} of the {word}" + (f" — {h}" if (h := _common(frames, "holder")) else "")
    noun = word if word.endswith(("ing", "ion", "ment")) or word in _NOUN_ACTS else rules.act_noun(word)
    if entry is not None and entry.name in ("killed", "injured") and noun in ("dead", "death toll", "toll"):
        noun = entry.act or noun
    topic = f"{what} of the {noun}"
    holder = _common(frames, "holder")
    return topic + (f" — {holder}" if holder else "")


def _nounish(word: str) -> bool:
    return word in _NOUN_ACTS or word.endswith(("ing", "ion", "ment", "ory", "ure"))


_NOUN_ACTS = frozenset({"victory", "win", "defeat", "upset", "loss", "attack", "arrest", "crash", "raid", "election", "vote", "strike", "blast", "explosion",
                        "fire", "quake", "earthquake", "storm", "deal", "merger", "announcement", "release",
                        "launch", "trial", "hearing", "verdict", "ruling", "death", "accident", "collision"})
