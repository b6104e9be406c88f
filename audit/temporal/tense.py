"""The tense of the clause a temporal expression stands in: past, present or future.

Without a parse this reads the verb groups of the sentence and takes the one nearest to
the expression (HeidelTime does the same with part-of-speech tags): "will", "is expected
to", "plans to" make it future; "was", "said", a verb in -ed, an irregular past form make
it past; "is", "has", "says" present. The auxiliaries before a verb decide its group
("will be held" is future, "has risen" past); a verb group on the same side of a clause
boundary (a comma, a semicolon, a quotation mark) counts before one across it.
"""

from __future__ import annotations

import re

_MODAL_FUTURE = frozenset("will 'll ’ll shall won't won’t wo would 'd ’d may might could should must can cannot".split())
_PAST_IRREGULAR = frozenset((
    "was were had did said told began became came went took made gave got grew held kept knew led left lost met "
    "paid ran rose fell saw sold sent spent stood thought threw won wrote brought bought caught fought taught "
    "found built felt heard meant sought struck broke chose drove flew forgot froze hid rode rang sang sank "
    "shook spoke stole swore tore woke wore ate drank drew fled slid slept swept wept hit cut put set quit shut "
    "spread split let bid"
).split())
_AMBIGUOUS_PAST = frozenset("hit cut put set quit shut spread split let bid".split())
_PRESENT = frozenset("is are am has have does do says say remains remain seems seem".split())
_FUTURE_LEAD = frozenset("expected scheduled planned slated due set going plans plan planning intends intend "
                         "intending aims aim hopes hope expects expect wants want seeks seek".split())
_NOT_VERB_ED = frozenset(
    "need speed red bed feed seed hundred indeed proceed exceed succeed shed bleed breed greed weed steed deed "
    "reed creed limited united detailed related based unchanged unemployed interested so-called advanced "
    "combined concerned assorted diversified undisclosed unspecified unidentified preferred listed registered "
    "insured leveraged adjusted restated troubled embattled beleaguered ended".split()
)
_TOKEN = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?|['’](?:ll|d|s)\b|[$£€]?\d[\d.,]*|[,;:\"“”()]")
_BARRIERS = frozenset(',;:"“”()')
_AUX = frozenset("be been being not also n't never still just now already have has had to".split())
_NOT_INFINITIVE = frozenset("million billion thousand hundred percent cents record date about around nearly "
                            "some more less one two three four five six seven eight nine ten".split())
_DETERMINERS = frozenset("the a an its his her their our this that these those higher lower".split())


def _tokens(s: str) -> list[str]:
    return [m.group(0) for m in _TOKEN.finditer(s)]


def tense_at(text: str, start: int, end: int, lo: int, hi: int) -> str | None:
    """'past', 'present', 'future' or None for the expression text[start:end] in the sentence [lo, hi)."""
    return tense_near(text, start, end, lo, hi)[0]


def tense_near(text: str, start: int, end: int, lo: int, hi: int) -> tuple[str | None, int]:
    """The tense and how many words away its verb group stands (99 when there is none)."""
    left = _tokens(text[max(lo, start - 300):start])
    right = _tokens(text[end:min(hi, end + 300)])
    seq = [*left, "<T>", *right]
    t = len(left)
    best: tuple[int, str] | None = None
    for direction in (-1, 1):
        barrier = 0
        k = t + direction
        while 0 <= k < len(seq):
            w = seq[k]
            if w in _BARRIERS:
                barrier += 1
                k += direction
                continue
            kind = _group_tense(seq, k)
            if kind is not None:
                dist = abs(k - t)
                score = dist + 12 * barrier + (0 if direction < 0 else 1)
                if best is None or score < best[0]:
                    best = (score, kind)
                break
            k += direction
    return (best[1], best[0]) if best else (None, 99)


def _group_tense(seq: list[str], k: int) -> str | None:
    """The tense of the verb group whose last word is seq[k], or None when seq[k] is no finite verb."""
    lw = seq[k].lower()
    if lw in _MODAL_FUTURE:
        return "future"
    if lw in ("going", "due", "set", "scheduled", "expected", "slated") and k + 1 < len(seq) and seq[k + 1] == "to":
        # "is due to expire", "is expected to close", "going to": a plan; "due to its loss" is no verb
        if lw in ("going", "set", "scheduled", "expected", "slated") or (
                k > 0 and seq[k - 1].lower() in ("is", "are", "was", "were", "be", "been", "'s", "am")):
            nxt = seq[k + 2].lower() if k + 2 < len(seq) else ""
            if nxt not in _DETERMINERS:
                return "future"
        return None
    if lw in _PRESENT:
        nxt = seq[k + 1].lower() if k + 1 < len(seq) else ""
        if nxt in _FUTURE_LEAD and k + 2 < len(seq) and seq[k + 2] == "to":
            return "future"  # "is expected to", "are scheduled to"
        return "present"
    past = lw in _PAST_IRREGULAR or (lw.endswith("ed") and len(lw) > 4 and lw not in _NOT_VERB_ED)
    if lw in _AMBIGUOUS_PAST and _aux_before(seq, k) is None:
        return None
    if past or lw in ("been", "be"):
        aux = _aux_before(seq, k)
        if aux is not None:
            return aux
        if lw in ("been", "be"):
            return None
        return "past"
    if lw.endswith("s") and k > 0 and seq[k - 1].lower() in ("he", "she", "it", "company", "which", "who"):
        return "present"
    if (k > 0 and seq[k - 1] == "to" and seq[k].isalpha() and seq[k].islower() and lw not in _DETERMINERS
            and lw not in _NOT_INFINITIVE and not lw.endswith(("ing", "ly", "s"))):
        return "future"  # "agreed to acquire it in January": an infinitive looks ahead
    return None


def _aux_before(seq: list[str], k: int) -> str | None:
    """The tense the auxiliaries before seq[k] give ("will be", "has been", "was"), or None."""
    j = k - 1
    seen_have = False
    while j >= 0 and k - j <= 4:
        w = seq[j].lower()
        if w in _MODAL_FUTURE:
            return "future"
        if w in ("was", "were", "had", "did"):
            return "past"
        if w in ("has", "have"):
            seen_have = True
        elif w in ("is", "are", "am"):
            return "present" if not seen_have else "past"
        elif w == "to" and j > 0 and seq[j - 1].lower() in _FUTURE_LEAD:
            return "future"
        elif w not in _AUX:
            break
        j -= 1
    return "past" if seen_have else None
