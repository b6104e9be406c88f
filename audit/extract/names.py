"""Names of people, places and organisations: runs of capitalized words, typed by cues.

No statistical model: capitalization, a list of function words, title words and
place/organisation heads. Canonicalization across the batch happens later
(audit.entities); here each mention keeps its surface spelling.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterator

from audit import rules
from audit.extract.base import ORDINAL_WORDS, STOP_CAPITALIZED, Doc, Mention, word_number
from audit.model import Claim

INVISIBLE = "\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
_INV = re.compile(f"[{INVISIBLE}]")
# a word may hide invisible or bidirectional characters inside it ("Jo\u200bhn"): they stay part of the
# name, so that the odd spelling is reported, never silently cut or merged
_TOKEN = re.compile(
    rf"(?:[A-Z]\.){{2,}}|[A-Z]\.(?=\s[A-Z][a-z])"
    rf"|[{INVISIBLE}]*[^\W\d_](?:[\w’'&\u0300-\u036f]|[{INVISIBLE}]+(?=[\w]))*(?:-[^\W\d_][\w’']*)*"
    rf"|\d+(?:st|nd|rd|th)\b")
_URL = re.compile(r"https?://\S+|\bpic\.twitter\.com/\S+|\bwww\.\S+|[@#]\w+|\b[\w.-]+\.(?:com|org|net|co|io)\b\S*")
CONNECTORS = frozenset({"of", "de", "del", "della", "da", "di", "du", "la", "le", "van", "von", "der", "den", "al", "bin", "ibn", "y", "&"})
TITLES = frozenset(w.split()[-1].rstrip(".") for w in rules.ROLE_WORDS
                   if (e := rules.role(w)) is not None and e.role_kind != "idiom")
"""Title words after which a name starts ("District Attorney Ana Ruiz" -> "Ana Ruiz"): the roles table."""
PLACE_HEADS = frozenset(
    """stadium arena street st avenue ave road rd boulevard blvd lane drive park hospital center centre
    court square plaza bridge river lake mountain mount mt island islands county city town village
    valley hill hills heights beach bay coast province state region district airport station port
    harbour harbor field ground grounds gardens church temple mosque cathedral palace tower hall
    highway expressway parkway precinct prison jail school university college campus building house
    hotel mall market north south east west""".split()
)
PLACE_FIRST = frozenset("""avenue rue via calle piazza place boulevard mount mt lake cape gulf bay port fort isle
    strait sea ocean river""".split())
"""First words of place names written in the French or Spanish order, and of mountains, lakes and gulfs."""
ORG_HEADS = frozenset(
    """inc corp corporation co ltd llc plc group company association federation union council party
    committee department ministry agency authority bureau office police service services fc club
    team bank fund foundation institute network news times post journal tribune herald press
    television radio tv university college school court commission board league network devices
    systems technologies labs""".split()
)
OF_HEADS = PLACE_HEADS | ORG_HEADS | frozenset(
    "bank university republic gulf isle duke duchess museum institute kingdom states state sea cape organization "
    "organisation union association federation league society council commission "
    "secretary minister ministry chamber house bureau office court church order academy college school".split())
EVENT_HEADS = frozenset(
    "cup championship championships league games olympics open series tournament festival awards prize "
    "day week summit conference election war".split())
PERSON_CUES_AFTER = re.compile(r"^\s*(?:,\s*\d{1,3}\s*,|said|says|told|added|wrote|tweeted|explained|asked|noted|’s|'s\s+(?:wife|husband|son|daughter|mother|father))")
PLACE_CUES_BEFORE = re.compile(r"(?:\b(?:in|at|near|from|to|into|across|outside|inside|of|around)\s+(?:the\s+)?)$")
ACRONYM_STOP = frozenset({"TD", "TDS", "CEO", "CFO", "CTO", "TV", "GMT", "UTC", "EST", "EDT", "PST", "PDT", "CST", "CDT", "MST", "MDT", "CET", "CEST", "BST", "IST", "JST", "AEST", "AEDT", "DWI", "DUI", "OK", "PM", "AM", "LIVE", "NEW", "VS", "II", "III", "IV", "MVP"})


def _visible(s: str) -> str:
    return _INV.sub("", s)


def _is_cap(tok: str) -> bool:
    tok = _visible(tok) or tok
    return tok[0].isupper() or (tok[0].isdigit() and tok[-2:] in ("st", "nd", "rd", "th"))


def _mostly_upper_line(line: str) -> bool:
    words = re.findall(r"[^\W\d_]{2,}", line)
    if len(words) < 3:
        return False
    upper = sum(1 for w in words if w.isupper())
    return upper / len(words) > 0.6


def _title_case(line: str) -> bool:
    words = re.findall(r"[^\W\d_][\w’'-]*", line)
    if len(words) < 4:
        return False
    minor = {"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "by", "vs", "with"}
    major = [w for w in words if w.lower() not in minor]
    return bool(major) and sum(1 for w in major if w[0].isupper()) / len(major) >= 0.8


def _runs(text: str, lo: int, hi: int, url_spans: list[tuple[int, int]]) -> Iterator[list[re.Match[str]]]:
    url_starts = [s for s, _ in url_spans]
    run: list[re.Match[str]] = []
    pending: list[re.Match[str]] = []
    prev_end = None
    for m in _TOKEN.finditer(text, lo, hi):
        tok = m.group(0)
        k = bisect.bisect_right(url_starts, m.start()) - 1
        if k >= 0 and url_spans[k][0] <= m.start() < url_spans[k][1]:
            if run:
                yield run
            run, pending, prev_end = [], [], None
            continue
        gap = _visible(text[prev_end:m.start()]) if prev_end is not None else " "
        contiguous = prev_end is not None and gap in (" ", "\u00a0")
        if _is_cap(tok):
            if run and contiguous:
                run.extend(pending)
                run.append(m)
            else:
                if run:
                    yield run
                run = [m]
            pending = []
        elif tok.lower() in CONNECTORS and run and contiguous and not pending and (
                tok.lower() != "of" or run[-1].group(0).lower().rstrip(".") in OF_HEADS):
            pending = [m]
        else:
            if run:
                yield run
            run, pending = [], []
        prev_end = m.end()
    if run:
        yield run


def find_mentions(doc: Doc) -> list[Mention]:
    """Name mentions of one article, sentence by sentence (line tests computed once per line)."""
    text = doc.text
    url_spans = [(m.start(), m.end()) for m in _URL.finditer(text)]
    skip_line: dict[int, bool] = {}
    newlines = [m.start() for m in re.finditer("\n", text)]
    mentions: list[Mention] = []
    for si, (lo, hi) in enumerate(doc.layout.sentences):
        k = bisect.bisect_left(newlines, lo)
        line_lo = newlines[k - 1] + 1 if k else 0
        if line_lo not in skip_line:
            line_hi = text.find("\n", hi)
            line = text[line_lo: line_hi if line_hi >= 0 else len(text)]
            headline = doc.layout.context_at(line_lo) == "headline"
            skip_line[line_lo] = _mostly_upper_line(line[:2000]) or (headline and _title_case(line))
        context = doc.layout.context_at(lo)
        if skip_line[line_lo]:
            continue  # in "ROVERS BEAT UNITED" or "Rovers Beat United To Clinch" capitals do not mark names
        for run in _runs(text, lo, hi, url_spans):
            for piece in _split_run(doc, run, lo):
                mention = _make_mention(doc, piece, si, context)
                if mention:
                    prev = mentions[-1] if mentions else None
                    if prev is not None and prev.sentence == si and text[prev.end:mention.start] == " and " \
                            and " " not in prev.surface and mention.type == "org" and text[mention.start:mention.end] \
                            == mention.surface and mention.surface.split()[-1].lower().rstrip(".") in ORG_HEADS:
                        # "the Rural and Coastal Party", "Smith and Nephew Group": one organisation, not two names
                        mentions[-1] = dataclasses.replace(mention, start=prev.start, surface=text[prev.start:mention.end])
                        continue
                    mentions.append(mention)
    return mentions


def _split_run(doc: Doc, run: list[re.Match[str]], sentence_start: int) -> Iterator[list[re.Match[str]]]:
    """Drop leading function words, split at title words ("District Attorney Richard Brown")."""
    toks = list(run)
    while toks:
        low = toks[0].group(0).lower().rstrip("’'s") if toks[0].group(0).lower().endswith(("'s", "’s")) else toks[0].group(0).lower()
        first = toks[0].start() == sentence_start or doc.text[sentence_start:toks[0].start()].strip(" \"“‘'([") == ""
        if ORDINAL_WORDS.get(low, 0) > 0 and (sentence_start < 0 or not first) and len(toks) > 1:
            break  # mid-sentence, an ordinal before capitals begins the name: "the First World War", "First Security"
        if low in STOP_CAPITALIZED or word_number(low) is not None or (
                first and low in doc.lower_vocab and len(toks) == 1):
            toks = toks[1:]
            while toks and toks[0].group(0).lower() in CONNECTORS:
                toks = toks[1:]
            continue
        break
    while toks and toks[-1].group(0).lower() in CONNECTORS:
        toks = toks[:-1]
    if not toks:
        return
    # "Salt Lake City-based First Security": the place and the name it describes are two names
    for i, t in enumerate(toks[:-1]):
        if _ADJ_SUFFIX.search(t.group(0)):
            yield from _split_run(doc, toks[: i + 1], -1)
            yield from _split_run(doc, toks[i + 1:], -1)
            return
    # a possessive inside a run starts a new name: "AMD’s Lisa Su" -> "AMD", "Lisa Su"
    for i, t in enumerate(toks[:-1]):
        if t.group(0).endswith(("’s", "'s", "s’", "s'")):
            yield from _split_run(doc, toks[: i + 1], -1)
            yield from _split_run(doc, toks[i + 1:], -1)
            return
    # split before the name after a title: "Spain Coach Ana Ruiz" -> "Spain", "Ana Ruiz"; a title of several
    # words is passed whole ("Chief Executive Ana Ruiz" -> "Ana Ruiz"), and a title at the end is not part of
    # the name ("Acmetek CEO" -> "Acmetek")
    def is_title(t: re.Match[str]) -> bool:
        return _visible(t.group(0)).lower().rstrip(".") in TITLES

    for i, t in enumerate(toks[:-1]):
        if is_title(t) and _is_cap(toks[i + 1].group(0)):
            j = i + 1
            while j < len(toks) - 1 and is_title(toks[j]):
                j += 1
            if i > 0:
                yield from _split_run(doc, toks[:i], -1)
            yield toks[j:]
            return
    while len(toks) > 1 and is_title(toks[-1]):
        toks = toks[:-1]
    # drop stop words inside that break a name ("Germany But Japan" cannot happen; keep simple)
    yield toks


def _strip_possessive(s: str) -> str:
    for suf in ("'s", "’s", "'", "’"):
        if s.endswith(suf) and len(s) > len(suf) + 1:
            return s[: -len(suf)]
    return s


_ADJ_SUFFIX = re.compile(r"-(?:based|born|led|owned|made|bound|backed|era|style|area|native|like|esque)$", re.IGNORECASE)


def _make_mention(doc: Doc, toks: list[re.Match[str]], si: int, context: str) -> Mention | None:
    text = doc.text
    start, end = toks[0].start(), toks[-1].end()
    surface = _strip_possessive(text[start:end])
    adj = _ADJ_SUFFIX.search(surface)
    if adj:
        surface = surface[: adj.start()]
    end = start + len(surface)
    words = surface.split()
    if not words:
        return None
    low_words = [w.lower().strip(".") for w in words]
    if len(words) == 1:
        w = words[0]
        if w.lower() in STOP_CAPITALIZED or len(w) < 2:
            return None
        if w.isupper() and (w in ACRONYM_STOP or len(w) > 6):
            return None
        if w[0].isdigit() or re.search(r"['’](?:re|ve|m|ll|d|t)$", w, re.IGNORECASE):
            return None
    if all(w in STOP_CAPITALIZED for w in low_words):
        return None
    before = text[max(0, start - 40):start]
    after = text[end:end + 40]
    role = None
    mtitle = re.search(r"\b([A-Za-z]+)\s+$", before)
    if mtitle and mtitle.group(1).lower() in TITLES:
        role = mtitle.group(1).lower()
    mtype = _type(words, low_words, before, after, role)
    return Mention(start=start, end=end, surface=surface, type=mtype, sentence=si, context=context, role=role)


def _type(words: list[str], low: list[str], before: str, after: str, role: str | None) -> str:
    last = low[-1]
    if last in PLACE_HEADS or re.match(r"^\d+(st|nd|rd|th)$", low[0]):
        return "place"
    if len(words) >= 2 and low[0] in PLACE_FIRST:
        return "place"  # "Avenue Montaigne", "Rue de Rivoli", "Mount Kenya", "Lake Victoria"
    if last in ORG_HEADS or (len(words) == 1 and words[0].isupper() and len(words[0]) >= 2):
        return "org"
    if last in EVENT_HEADS:
        return "name"
    if role or PERSON_CUES_AFTER.match(after):
        return "person" if len(words) <= 4 else "name"
    titlecase = all(w[0].isupper() and not w[1:].isupper() for w in words if len(w) > 1)
    if re.search(r"\b(?:in|at|near|outside|inside)\s+(?:the\s+)?$", before):
        return "place"
    if 2 <= len(words) <= 3 and titlecase:
        return "person"
    if PLACE_CUES_BEFORE.search(before) and len(words) <= 3:
        return "place"
    return "name"


def extract(doc: Doc) -> list[Claim]:
    """Also fills doc.mentions, which the other extractors use to find subjects."""
    doc.mentions = sorted(find_mentions(doc), key=lambda m: (m.start, m.end))
    doc.mention_starts = [m.start for m in doc.mentions]
    claims = []
    for m in doc.mentions:
        claims.append(
            doc.claim(m.type, m.surface, m.start, m.end, "name", subject=m.surface, topic=f"name {m.surface}",
                      context=m.context, extra=(("role", m.role),) if m.role else ())
        )
    return claims
