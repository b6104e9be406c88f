"""Ranks and ordinals: "world No 3", "four-time champions", "the first time ever", "third-most"."""

from __future__ import annotations

import re

from audit.extract.base import NUMBER_WORD_RE, ORDINAL_WORDS, Doc, extra, frame, word_number
from audit.model import Claim
from audit.rules import NUMBERS

_MILESTONES: dict[str, str] = dict(NUMBERS["milestones"]["classes"])
_ORDINAL_RE = "|".join(sorted((w for w in ORDINAL_WORDS if w.isalpha()), key=len, reverse=True))
_MILESTONE = re.compile(
    rf"\b(?P<o>{_ORDINAL_RE}|\d{{1,2}}(?:st|nd|rd|th))(?P<streak>[- ](?:straight|consecutive|successive))?"
    rf"\s+(?P<mods>(?:[A-Za-z][\w'’-]*\s+){{0,2}}?)(?P<noun>{'|'.join(sorted(_MILESTONES, key=len, reverse=True))})\b"
    rf"(?:\s+(?P<noun2>{'|'.join(sorted(_MILESTONES, key=len, reverse=True))})\b)?", re.IGNORECASE)
_WINDOWED = re.compile(r"\s+(?:since|out of|in (?:the (?:last|past)|a row|(?:\w+\s+){1,2}(?:games|matches|years|seasons|races|"
                       r"days|weeks|months|starts|attempts|tries))\b|of the (?:season|year|campaign|tournament|week|month|day|night)"
                       r"\b|this (?:season|year|week|month)\b)", re.IGNORECASE)
_POSSESSOR = re.compile(r"(?P<who>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})['’]s?\s+$")

_NO = re.compile(r"\b(?:world\s+)?(?:No\.?|Number|number|#)\s?(?P<n>\d{1,3})\b(?!\s*(?:Street|St|Avenue|Ave|Road|Rd))")
_TIMES = re.compile(rf"\b(?P<n>\d{{1,2}}|{NUMBER_WORD_RE})-time\s+(?P<what>[a-z]+(?:\s[a-z]+)?)", re.IGNORECASE)
_ORDMOST = re.compile(r"\b(?P<o>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|2nd|3rd|4th|5th|6th|7th|8th|9th|10th)[- ](?P<sup>most|largest|biggest|highest|lowest|best|worst|longest|deadliest|strongest|fastest)\b", re.IGNORECASE)
_SAME_SUPERLATIVE = {"biggest": "largest"}
_BARE_SUPERLATIVE = re.compile(r"\b(?:the|its|their|his|her)\s+(?:single\s+)?(?P<sup>largest|biggest|highest|lowest|longest|"
                               r"deadliest|worst|fastest|strongest)\s+(?:[a-z]+\s+)?[a-z]+\b(?!-)", re.IGNORECASE)
_ALL_TIME = re.compile(r"[^.;]*?\b(?:history|ever|on record|of all time|since (?:it|records|they|the))\b", re.IGNORECASE)
_FIRST_TIME = re.compile(r"\b(?:for\s+)?the\s+(?P<o>first|second|third|fourth|fifth)\s+time(?P<ever>\s+ever|\s+in\s+[\w\s]{1,30}?history)?\b", re.IGNORECASE)
_RANKED = re.compile(r"\branked\s+(?:No\.?\s?)?(?P<n>\d{1,3})(?:st|nd|rd|th)?\b", re.IGNORECASE)


def _ord(word: str) -> int:
    w = word.lower()
    if w in ORDINAL_WORDS:
        return ORDINAL_WORDS[w]
    return int(re.match(r"\d+", w).group(0))  # type: ignore[union-attr]


def _suffix(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def extract(doc: Doc) -> list[Claim]:
    text = doc.text
    claims: list[Claim] = []

    def add(value: str, s: int, e: int, attribute: str, subject_pos: str = "after", subject: str | None = None,
            **more: str) -> None:
        fr = frame(doc, s, e)
        if subject is None:
            ms = [m for m in fr.mentions if (m.start >= e if subject_pos == "after" else m.end <= s)]
            subject = (ms[0] if subject_pos == "after" else ms[-1]).surface if ms else None
        if subject is None and fr.mentions:
            subject = fr.mentions[0].surface
        claims.append(doc.claim("rank", value, s, e, attribute, subject=subject, trigger=fr.trigger,
                                topic=f"{attribute} of {subject}" if subject else attribute,
                                extra=extra(names=fr.names(), words=fr.words, **more)))

    for m in _NO.finditer(text):
        add(f"No {m.group('n')}", m.start(), m.end(), "rank")
    for m in _RANKED.finditer(text):
        add(f"No {m.group('n')}", m.start(), m.end(), "rank", "before")
    for m in (_TIMES.finditer(text) if doc.has("-time") else ()):
        raw = m.group("n")
        n = int(raw) if raw.isdigit() else word_number(raw)
        if n:
            what = m.group("what").split()[0].lower()
            add(f"{n}-time {what}", m.start(), m.end(), f"times {what}")
    for m in _ORDMOST.finditer(text):
        sup = _SAME_SUPERLATIVE.get(m.group("sup").lower(), m.group("sup").lower())
        add(f"{_ord(m.group('o'))}-{sup}", m.start(), m.end(), f"rank ({sup})", "before")
    for m in _BARE_SUPERLATIVE.finditer(text):
        if not _ALL_TIME.match(text, m.end(), min(len(text), m.end() + 70)):
            continue  # "the biggest city": only a record ("in its history", "ever", "on record") is a rank
        sup = _SAME_SUPERLATIVE.get(m.group("sup").lower(), m.group("sup").lower())
        add(f"1-{sup}", m.start("sup"), m.end("sup"), f"rank ({sup})", "before")
    for m in (_MILESTONE.finditer(text) if doc.has(*_MILESTONES) else ()):
        mods = m.group("mods").split()
        if any(w.lower() in ("time", "times", "place", "round", "quarter", "half", "period") or w[0].isdigit() for w in mods):
            continue  # "the first time title holders", "fourth round win": the ordinal belongs to another noun
        if _WINDOWED.match(text, m.end()):
            continue  # "its first title since 2018", "a third win in four games": counted within a window
        noun = (m.group("noun2") or m.group("noun")).lower()
        what = _MILESTONES[noun]
        attribute = f"{what} count" + (" (in a row)" if m.group("streak") else "")
        n = _ord(m.group("o"))
        owner = _POSSESSOR.search(text, max(0, m.start() - 60), m.start())
        pronoun = re.search(r"\b(?:its|their|his|her)\s+$", text[max(0, m.start() - 8):m.start()], re.IGNORECASE)
        if not (owner or pronoun) and (any(w[:1].isupper() for w in mods) or m.group("noun")[:1].isupper()
                                       or re.search(r"\bthe\s+$", text[max(0, m.start() - 5):m.start()], re.I)):
            continue  # "won the 45th Orrin Marathon", "the third final": an edition of an event, nobody's tally
        if owner:  # "Dalvik's fourth championship": the holder is the possessor
            add(f"{n}{_suffix(n)} {what}", m.start(), m.end(), attribute, subject=owner.group("who"))
        else:  # "lift THEIR fifth championship": alignment takes the holder from the parse; the window's last
            # name before the ordinal (perhaps the opponent) is only the fallback
            add(f"{n}{_suffix(n)} {what}", m.start(), m.end(), attribute, "before", possessive="pronoun" if pronoun else "")
    for m in _FIRST_TIME.finditer(text):
        add(f"{m.group('o').lower()} time" + (" ever" if m.group("ever") else ""), m.start(), m.end(), "occasion", "before")
    claims.sort(key=lambda c: c.start)
    return claims
