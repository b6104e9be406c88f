"""Direct quotations with their speaker: “…,” said the club manager Ana Ruiz."""

from __future__ import annotations

import re

from audit.extract.base import Doc, Mention, extra
from audit.model import Claim

_QUOTE = re.compile(r"“(?P<a>[^“”\n]{12,}?)”|\"(?P<b>[^\"\n]{12,}?)\"|‘(?P<c>[^‘’\n]{25,}?)’(?!\w)")
SPEECH = (r"(?:said|says|saying|told|tells|added|asked|explained|wrote|writes|writing|tweeted|tweeting|posted|insisted|"
          r"noted|stated|declared|continued|warned|recalled|admitted|quoted|according to)")
_PRONOUN = re.compile(r"\b(he|she|they)\s+" + SPEECH + r"\b|\b" + SPEECH + r"\s+(he|she)\b", re.IGNORECASE)


def normalize_quote(s: str) -> str:
    s = s.lower().replace("’", "'").replace("‘", "'")
    s = re.sub(r"[^\w' ]+", " ", s)
    return " ".join(s.split())


def _pronoun(doc: Doc, people: list[Mention], qs: int, last_speaker: str | None) -> tuple[str | None, str]:
    """'he said': the person named last before the quote in the same paragraph, else the previous speaker."""
    surnames = {m.surface.split()[-1] for m in people if m.type == "person" and m.start < qs}
    before = [m for m in people if qs - 300 <= m.start and m.end <= qs
              and (m.type == "person" or m.surface in surnames)]
    if before:
        return before[-1].surface, "pronoun, resolved to the person named last before the quote"
    return last_speaker, "pronoun, resolved to the previous speaker"


def _best(mentions: list[Mention], *, last: bool) -> Mention:
    """A person rather than another kind of name; among equals the nearest one."""
    people = [m for m in mentions if m.type == "person"] or mentions
    return people[-1] if last else people[0]


_VERB = re.compile(r"\b" + SPEECH + r"\b|\b(?:called|described|dubbed|branded)\b", re.IGNORECASE)


def _speaker(doc: Doc, qs: int, qe: int, last_speaker: str | None) -> tuple[str | None, str]:
    """Who says the quote between offsets qs and qe (the quote marks included)."""
    text = doc.text
    people = [m for m in doc.mentions if m.type in ("person", "name")]
    # right before the quote: "X called the scheme “…”", "X said: “…”"
    start = max([0, qs - 120] + [i + 1 for i in (text.rfind("\n", 0, qs),) if i >= 0])
    close = [v for v in _VERB.finditer(text, start, qs) if qs - v.end() <= 40 and not re.search(r"[.!?]", text[v.end():qs])]
    if close:
        v = close[-1].start()
        preceding = [m for m in people if start <= m.start and m.end <= v]
        if preceding:
            return _best(preceding[-3:], last=True).surface, "named before the quote"
    # after the quote: ", said X" / ", X said" / ", X told the court"
    stop = min([len(text), qe + 140] + [i for i in (text.find("\n", qe), text.find("“", qe), text.find('"', qe)) if i > 0])
    after = text[qe:stop]
    verb = _VERB.search(after)
    if verb and verb.start() < 90:
        v = qe + verb.start()
        ve = qe + verb.end()
        if re.fullmatch(r"[\s,.!?]*(?:he|she)\s+", text[qe:v], re.IGNORECASE):  # "“…,” he said."
            return _pronoun(doc, people, qs, last_speaker)
        preceding = [m for m in people if qe <= m.start and m.end <= v]
        if preceding:  # "“…,” X told the court"
            return _best(preceding, last=True).surface, "named after the quote"
        following = [m for m in people if ve <= m.start <= ve + 60 and re.fullmatch(r"[\sA-Za-z,’']*", text[ve:m.start])]
        if following:  # "“…,” said Japan manager X"
            return _best(following, last=False).surface, "named after the quote"
    # before the quote: "X said: “…”" / "X called the scheme “…”"
    start = max([0, qs - 120] + [i + 1 for i in (text.rfind("\n", 0, qs),) if i >= 0])
    before = text[start:qs]
    verbs = list(_VERB.finditer(before))
    if verbs:
        v = start + verbs[-1].start()
        preceding = [m for m in people if start <= m.start and m.end <= v]
        if preceding:
            return preceding[-1].surface, "named before the quote"
        if re.search(r"\b(?:he|she)\s+$", text[start:v], re.IGNORECASE):
            return _pronoun(doc, people, qs, last_speaker)
    lo, _hi = doc.sentence_bounds(qs)
    if lo >= qs - 2 and last_speaker and not verb:
        return last_speaker, "continues the previous speaker's quote"
    return None, "speaker not named"


def extract(doc: Doc) -> list[Claim]:
    claims: list[Claim] = []
    last: str | None = None
    for m in _QUOTE.finditer(doc.text):
        g = "a" if m.group("a") else ("b" if m.group("b") else "c")
        s, e = m.start(g), m.end(g)
        body = m.group(g)
        if len(body.split()) < 3:
            continue
        speaker, how = _speaker(doc, m.start(), m.end(), last)
        if speaker:
            last = speaker
        claims.append(doc.claim("quote", normalize_quote(body), s, e, "quote", subject=speaker,
                                topic=f"quote of {speaker}" if speaker else "unattributed quote",
                                note=f"speaker {how}" if speaker else None,
                                extra=extra(speaker=speaker)))
    return claims
