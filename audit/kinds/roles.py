"""People in named roles: "navy spokesman Commander Ana Ruiz", "Ana Ruiz, the bank's chief executive",
"Japan coach Ana Ruiz", "Ana Ruiz's side".

Two kinds of claim come out of one title:

- `role`: the rank or position of a person (value: the role, subject: the person). Two different ranks
  of one person ("Commander" / "Commodore") cannot both be true: a conflict. Positions are compatible
  with each other (one person may be spokesman and commander).
- `office`: who holds a role that has one holder at a time (a team's coach, a company's chief executive;
  `unique` in audit/rules/roles.toml). Its value is the person, so two articles naming the same coach
  agree ("Japan's coach: Ana Ruiz"), and two naming different people for one team's coach conflict.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from audit import rules
from audit.extract.base import Doc, Extractor, Mention, extra
from audit.kinds.base import SAME, Aligned, Family, Kind, Relation, Slot, extra_of
from audit.model import Claim

_WORD = re.compile(r"[A-Za-z][A-Za-z.'’-]*")
_MODIFIERS = frozenset({"senior", "deputy", "chief", "assistant", "associate", "navy", "naval",
                        "police", "army", "military", "defence", "defense", "government", "ministry", "company",
                        "club", "team", "party", "state", "federal", "local", "regional", "national", "head",
                        "executive", "general", "press", "then", "longtime", "veteran", "new"})
"""Words between a title and the name that do not change the title ("navy spokesman", "acting chief")."""
_TEMPORARY = frozenset({"interim", "acting", "caretaker", "temporary", "stand-in"})
"""An interim coach is not the coach: the role is another one, and not held by one person only."""


def _temporary(entry: rules.Entry) -> rules.Entry:
    from dataclasses import replace

    return replace(entry, name=f"interim_{entry.name}", unique=False)


_STOP_BEFORE = frozenset({"former", "ex", "ex-", "late", "then-", "retired", "would-be", "future"})
"""A title these qualify is not the person's role now ("former coach")."""


def _role_before(doc: Doc, m: Mention, lo: int) -> Iterator[tuple[rules.Entry, int, int, str | None]]:
    """Titles written right before the name, nearest first, and the name that holds them ("Japan coach")."""
    text = doc.text
    words = [(w.group(0), w.start(), w.end()) for w in _WORD.finditer(text, max(lo, m.start - 120), m.start)]
    if words and text[words[-1][2]:m.start].strip(" "):
        return  # punctuation between the last word and the name
    i = len(words)
    while i > 0:
        found = None
        for n in range(min(rules.ROLE_MAX_WORDS, i), 0, -1):
            chunk = words[i - n:i]
            if any(text[a[2]:b[1]].strip(" ") for a, b in itertools.pairwise(chunk)):
                continue
            phrase = " ".join(w for w, _, _ in chunk).lower().replace("’", "'")
            entry = rules.role(phrase) or rules.role(phrase.rstrip("."))
            if entry is not None and entry.role_kind != "idiom":
                found = (entry, chunk[0][1], chunk[-1][2], n)
                break
        if found is None:
            low = words[i - 1][0].lower().rstrip(".")
            if low in _MODIFIERS or low.endswith(("'s", "’s")):
                i -= 1
                continue
            break
        entry, s, e, n = found
        before = words[i - n - 1][0].lower() if i - n - 1 >= 0 else ""
        if before in _STOP_BEFORE or before.endswith("-"):
            return
        if before in _TEMPORARY:
            entry = _temporary(entry)
        yield entry, s, e, _holder_before(doc, s, lo)
        i -= n


def _holder_before(doc: Doc, pos: int, lo: int) -> str | None:
    """The name just before a title: "Japan coach", "the bank's chief executive", "AMD's senior vice president"."""
    text = doc.text
    k = pos
    for _ in range(3):  # skip modifier words ("Japan's national coach")
        w = re.search(r"([A-Za-z][\w.'’-]*)\s+$", text[max(lo, k - 40):k])
        if not w:
            break
        word = w.group(1)
        start = k - len(w.group(0))
        mention = _mention_at(doc, start, start + len(word))
        if mention is not None:
            return mention.surface
        if word.lower() not in _MODIFIERS:
            break
        k = start
    return None


def _mention_at(doc: Doc, start: int, end: int) -> Mention | None:
    for m in doc.mentions:
        if m.start <= start < m.end or (start <= m.start < end):
            return m
    return None


_APPOSITION = re.compile(r"\s*,\s*(?:(?:a|an|the)\s+)?(?P<body>[^,;.()\n]{2,80}?)\s*(?:,|\.|;|\)|$)")


def _role_after(doc: Doc, m: Mention) -> Iterator[tuple[rules.Entry, int, int, str | None]]:
    """A title in an apposition: "Ana Ruiz, a navy spokesman," / "Ana Ruiz, the bank's chief executive,"."""
    text = doc.text
    ap = _APPOSITION.match(text, m.end, min(len(text), m.end + 120))
    if not ap:
        return
    body_start = ap.start("body")
    words = [(w.group(0), w.start(), w.end()) for w in _WORD.finditer(text, body_start, ap.end("body"))]
    holder = None
    for k in range(len(words)):
        for n in range(min(rules.ROLE_MAX_WORDS, len(words) - k), 0, -1):
            chunk = words[k:k + n]
            phrase = " ".join(w for w, _, _ in chunk).lower()
            entry = rules.role(phrase)
            if entry is None or entry.role_kind in ("idiom", "honorific"):
                continue
            if any(w.lower() in _STOP_BEFORE for w, _, _ in words[:k]):
                return
            lead = [w for w, _, _ in words[:k]]
            if any(w.lower() not in _MODIFIERS and not (w[0].isupper() or w.endswith(("'s", "’s"))) for w in lead):
                return  # "Ana Ruiz, who met the coach": not an apposition naming her role
            rest = words[k + n:]
            if rest and not re.match(r"\s+(?:of|at|for|and)\b", text[chunk[-1][2]:chunk[-1][2] + 6]):
                return  # "…, the bank's chief executive Ana Ruiz said": the title is someone else's
            if any(w.lower() in _TEMPORARY for w in lead):
                entry = _temporary(entry)
            for _w, s, e in words[:k]:
                mm = _mention_at(doc, s, e)
                if mm is not None and mm is not m:
                    holder = mm.surface
            after_of = re.match(r"\s+(?:of|at|for)\s+(?:the\s+)?", text[chunk[-1][2]:ap.end("body") + 1])
            if holder is None and after_of:
                mm = _mention_at(doc, chunk[-1][2] + after_of.end(), chunk[-1][2] + after_of.end() + 1)
                holder = mm.surface if mm is not None else None
            yield entry, chunk[0][1], chunk[-1][2], holder
            return


def _idiom_after(doc: Doc, m: Mention) -> Iterator[tuple[rules.Entry, int, int, str | None]]:
    """"Ana Ruiz's side", "Ana Ruiz's men": the team she coaches (a pack's idiom)."""
    text = doc.text
    w = re.match(r"(?:'s|’s|'|’)\s+([a-z]+)\b", text[m.end:m.end + 20])
    if not w:
        return
    entry = rules.role(w.group(1))
    if entry is None or entry.role_kind != "idiom":
        return
    coach = next((e for e in rules.TABLE["roles"].values() if e.pack == entry.pack and e.unique), None)
    if coach is not None:
        s = m.end + w.start(1)
        yield coach, s, s + len(w.group(1)), None


def extract(doc: Doc) -> list[Claim]:
    claims: list[Claim] = []
    for m in doc.mentions:
        if m.type not in ("person", "name") or m.context == "post":
            continue
        lo, _hi = doc.sentence_bounds(m.start)
        found = [*_role_before(doc, m, lo), *(_role_after(doc, m) if m.type == "person" else ()), *_idiom_after(doc, m)]
        if found and m.type != "person" and not any(e.role_kind in ("rank", "position") for e, *_ in found):
            continue
        seen: set[str] = set()
        for entry, s, e, holder in found:
            if entry.role_kind not in ("rank", "position") or entry.name in seen:
                continue
            seen.add(entry.name)
            label = entry.name.replace("_", " ")
            claims.append(doc.claim(
                "role", entry.name, s, e, entry.role_kind or "position", subject=m.surface,
                topic=f"{'rank' if entry.role_kind == 'rank' else 'role'} of {m.surface}",
                extra=extra(holder=holder, person=m.surface, role=entry.name), rule=f"roles:{entry.ref}"))
            if entry.unique:
                claims.append(doc.claim(
                    "office", m.surface, m.start, m.end, entry.name, subject=m.surface,
                    topic=f"{holder}'s {label}" if holder else label, extra=extra(holder=holder, role=entry.name),
                    rule=f"roles:{entry.ref}"))
    return claims


EXTRACTOR = Extractor("roles", ("role", "office"), extract)


def _role_relation(fam: str, a: Claim, b: Claim) -> Relation:
    if a.value == b.value:
        return SAME
    if fam == "role:rank":
        return Relation("conflict", f"two ranks for one person: {a.value.replace('_', ' ')} / {b.value.replace('_', ' ')}")
    return Relation("compatible", "a person may hold several positions")


def _role_topic(slot: Slot) -> str:
    what = "rank" if slot.family == "role:rank" else "role"
    return f"{what} of {slot.subject}" if slot.subject else what


ROLE = Family(name="role", key=lambda c: f"role:{c.attribute}", block=lambda _f, a: (a.subject,) if a.subject else None,
              link=lambda _f, _a, _b: True, relate=_role_relation, topic=_role_topic,
              example="navy spokesman Commander Ana Ruiz / Commodore Ana Ruiz, a navy spokesman: a conflict")


def _office_block(_fam: str, a: Aligned) -> tuple[str, ...]:
    return (a.claim.attribute, extra_of(a.claim, "holder") or "")


def _office_link(_fam: str, a: Aligned, b: Aligned) -> bool:
    """One role of one holder (the block), or, where no holder is named, the same person."""
    return bool(extra_of(a.claim, "holder")) or a.claim.value == b.claim.value


def _office_topic(slot: Slot) -> str:
    c = slot.claims[0]
    holders = [h for x in slot.claims if (h := extra_of(x, "holder"))]
    label = c.attribute.replace("_", " ")
    return f"{holders[0]}'s {label}" if holders else label


OFFICE = Family(name="office", key=lambda c: "office", block=_office_block, link=_office_link,
                relate=lambda _f, a, b: SAME if a.value == b.value else Relation(
                    "conflict", "two people named for a role one person holds"),
                topic=_office_topic, example="Japan coach Ana Ruiz / Japan manager Ana Ruiz: an agreement",
                report_kind="role")

KINDS = (
    Kind(name="role", extractor=EXTRACTOR, priority=None, families=(ROLE,), example="Commander Ana Ruiz"),
    Kind(name="office", extractor=EXTRACTOR, priority=None, families=(OFFICE,), example="Japan coach Ana Ruiz"),
)
