"""Counts, quantities, sums of money and durations ("34 people", "86 yards", "$21 million", "12 days"),
ages and earthquake magnitudes."""

from __future__ import annotations

from dataclasses import replace

from audit.extract import numbers
from audit.extract.base import Extractor
from audit.frames import SIZE_NOUNS
from audit.kinds.base import (
    WEAK,
    Aligned,
    Family,
    Kind,
    Slot,
    close_values,
    constant,
    extra_of,
    frames_fit,
    holders_clash,
    jaccard,
    list_of,
    names_ok,
    numeric_relation,
    occasion,
    subject_block,
    things_fit,
)
from audit.kinds.topics import count_topic, frames_of, plural, predicate_entry, thing_phrase
from audit.model import Frame

EXTRACTOR = Extractor("numbers", ("count", "quantity", "money", "duration", "age", "magnitude"), numbers.extract)

HUMAN_NOUNS = frozenset({"people", "person", "employee", "worker", "staff", "staffer", "member", "resident",
                         "student", "passenger", "soldier", "civilian", "victim", "adult", "child", "men", "women"})
GENERIC_NOUNS = frozenset({"people", "person", "unspecified", "time", "other", "thing", "one"})


def _block(_fam: str, a: Aligned) -> tuple[str, ...]:
    c = a.claim
    if c.kind == "count" and c.frame is not None:
        return ("count",)  # counts of things worded differently meet ("34 people" / "31 miners"): the link decides
    return (c.unit or "",)


def _link(fam: str, a: Aligned, b: Aligned) -> bool | str:
    ca, cb = a.claim, b.claim
    if ca.article != cb.article:
        counts = ca.kind == cb.kind == "count"
        if ca.kind == cb.kind == "money" and _one_sized_thing(a, b) and not holders_clash(a, b):
            # before the frames (and before the earlier-occasion guard below): "would make a £1.5m fund available"
            # is that fund, whatever the modality or the date of the verb that carries it
            return close_values(ca, cb, 2.0)
        fit = frames_fit(a, b, occasions=counts, predicates=counts)
        if fit is False:
            return False
        if fit is True and ca.kind == cb.kind == "count":
            return close_values(ca, cb, 2.5)
        if fit is True and ca.kind == cb.kind == "quantity" and _same_measured(a, b):
            return close_values(ca, cb, 1.5)
        if ca.kind == cb.kind == "money" and _same_act(a, b):
            return close_values(ca, cb, 1.5)
        if same_figure(a, b):
            return WEAK
    if ca.unit != cb.unit:
        return False  # without frames, counts meet only when they count the same noun
    if ca.frame is not None and cb.frame is not None and a.holder and b.holder:
        # the parse's holders (checked above) replace the name nearest to each figure, which is often another
        # thing of the sentence ("four robbers entered the store on Avenue Montaigne")
        a, b = replace(a, subject=None), replace(b, subject=None)
    if ca.frame is not None and cb.frame is not None and (_earlier(ca.frame) != _earlier(cb.frame)):
        return False  # "his 80-yard run in the game two weeks ago" is not tonight's run
    return _legacy_link(fam, a, b)


BROAD_MONEY_CLASSES = frozenset({"paid", "earned", "changed", "stated", "announced"})
"""Money classes a story holds many figures of (a price, the funds raised, a fee; revenue and profit)."""


def _same_act(a: Aligned, b: Aligned) -> bool:
    """Two sums of one act: the same predicate class, and nothing in the frames tells them apart ("stole gems
    worth 85 million euros" / "snatched jewels valued at 80 million euros"). For the broad classes the same
    predicate and the same thing (or the same holder) are needed: "paid $334 million" is not "raised $60 million"."""
    fa, fb = a.claim.frame, b.claim.frame
    if fa is None or fb is None or frames_fit(a, b, things=False) is not True:
        return False
    shared = set(fa.classes) & set(fb.classes)
    if shared - BROAD_MONEY_CLASSES:
        return True  # the sum of one theft, fine or ransom, whatever each article calls the goods
    if shared and one_act_word(fa.predicate, fb.predicate) and extra_of(a.claim, "per_unit") == extra_of(
            b.claim, "per_unit") == "yes" and not (a.holder and b.holder and a.holder != b.holder):
        return True  # "would pay each passenger 2,500 pounds" / "an interim payment of GBP 1,500 each": one sum each
    return bool(shared) and one_act_word(fa.predicate, fb.predicate) and (
        (fa.thing is not None and fa.thing == fb.thing) or (a.holder is not None and a.holder == b.holder))




def _one_sized_thing(a: Aligned, b: Aligned) -> bool:
    """Two sums that are each the size of a thing of one noun ("a £1.5 million emergency FUND" / "the council's
    £2.5 million emergency FUND"), whatever verb carries them."""
    fa, fb = a.claim.frame, b.claim.frame
    return bool(fa and fb and fa.thing and fa.thing == fb.thing and fa.thing.lower() in SIZE_NOUNS)


_NOMINAL_ENDINGS = ("ment", "ments", "al", "als", "ance", "ence", "ion", "ation", "ition")


def one_act_word(a: str | None, b: str | None) -> bool:
    """The same act as a verb and as the noun made from it ("pay" / "payment", "invest" / "investment",
    "acquire" / "acquisition", "donate" / "donation")."""
    if a is None or b is None:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if long_.startswith(short) and long_[len(short):] in _NOMINAL_ENDINGS:
        return True
    stem = short[:-1] if short.endswith("e") else short  # acquire / acquisition, donate / donation
    return len(stem) >= 5 and long_.startswith(stem) and long_[len(stem):].endswith(_NOMINAL_ENDINGS)


def _same_measured(a: Aligned, b: Aligned) -> bool:
    """One holder's measure of one thing ("Charles's 86-yard run" / "Charles's 84-yard scamper")."""
    fa, fb = a.claim.frame, b.claim.frame
    return bool(fa and fb and fa.thing and fb.thing and a.holder and a.holder == b.holder and things_fit(fa, fb))


def same_figure(a: Aligned, b: Aligned) -> bool:
    """The same figure of the same kind of thing in two articles, which nothing in their frames tells apart:
    at worst an agreement ("four robbers" / "four armed robbers"), never a conflict by itself."""
    ca, cb = a.claim, b.claim
    if ca.value != cb.value or ca.kind != cb.kind or ca.qualifier != cb.qualifier:
        return False
    if ca.kind == "count":
        fa, fb = ca.frame, cb.frame
        if fa is None or fb is None:
            return extra_of(ca, "noun") == extra_of(cb, "noun")
        return things_fit(fa, fb) and bool(fa.thing and fb.thing) and not (
            set(fa.classes) and set(fb.classes) and not set(fa.classes) & set(fb.classes))
    return ca.unit == cb.unit


EARLIER_DAYS = 7
"""A figure dated more than a week before its article's publication is about an earlier occasion."""


def _earlier(f: Frame) -> bool:
    return f.days_before is not None and f.days_before > EARLIER_DAYS


def _legacy_link(_fam: str, a: Aligned, b: Aligned) -> bool:
    """Claims whose frames say nothing: the counted noun, its modifiers, the clause's words and names."""
    ca, cb = a.claim, b.claim
    if (ca.low == cb.low and ca.high == cb.high and ca.low is not None and ca.article != cb.article
            and not (a.subject and b.subject and a.subject != b.subject)):
        # the same figure of the same thing in two articles: an agreement unless their clauses are about different
        # events ("43 killed" vs "43 injured")
        na, nb = extra_of(ca, "noun"), extra_of(cb, "noun")
        same_noun = na == nb or (na in HUMAN_NOUNS and nb in HUMAN_NOUNS)
        generic = extra_of(ca, "noun") in GENERIC_NOUNS
        if same_noun and (not generic or ca.trigger == cb.trigger):
            return True
    if extra_of(ca, "noun") != extra_of(cb, "noun"):
        return False
    if ca.article == cb.article and not (a.subject and a.subject == b.subject and jaccard(a.words, b.words) >= 0.3):
        return False
    if a.subject and b.subject and a.subject != b.subject:
        return False
    mods_a, mods_b = set(list_of(ca, "mods")), set(list_of(cb, "mods"))
    if mods_a and mods_b and not (mods_a & mods_b):
        return False
    asp_a, asp_b = extra_of(ca, "aspect"), extra_of(cb, "aspect")
    factor = (3.0 if asp_a and asp_a == asp_b else 1.5) if ca.kind in ("quantity", "money") else 2.5
    if not close_values(ca, cb, factor):
        return False
    if asp_a and asp_b and asp_a != asp_b:
        return False  # a depth and a distance
    if extra_of(ca, "compound") and extra_of(cb, "compound"):
        return bool(mods_a & mods_b)  # "six-storey hotel" / "five-storey Hotel Lumina"
    if asp_a and asp_a == asp_b and not (a.subject and b.subject) and names_ok(a, b):
        return True  # two distances (depths, heights) of one event with nothing telling them apart
    sim = jaccard(a.words, b.words)
    if a.subject and a.subject == b.subject:
        return sim >= 0.1 or bool(mods_a & mods_b)
    return names_ok(a, b) and (sim >= 0.25 or (bool(a.names & b.names) and sim >= 0.12))


_DIMENSIONS = {"m": "distance", "kg": "weight", "km/h": "speed", "percent": "share", "yard": "yards"}


def _topic(slot: Slot) -> str:
    c = slot.claims[0]
    if c.kind == "count":
        framed = count_topic(slot)
        if framed:
            return framed
        frames = frames_of(slot)
        noun = extra_of(c, "noun") or c.unit
        what = thing_phrase(frames, None) or (plural(noun) if noun and noun not in ("unspecified",) else "figure")
        t = f"number of {what}"
        if frames:
            holders = [f.holder for f in frames if f.holder]
            return t + (f" — {holders[0]}" if holders else "")
    else:
        frames = frames_of(slot)
        entry = predicate_entry(frames)
        thing = thing_phrase(frames, None)
        if c.kind == "money":
            t = f"amount {entry.label}" if entry is not None and entry.name in ("paid", "earned", "fined", "stolen") \
                else "amount of money"
        elif c.kind == "duration":
            t = "duration" + (f" of the {entry.act}" if entry is not None else "")
        else:
            dim = _DIMENSIONS.get(c.unit or "", c.unit or "quantity")
            aspect = extra_of(c, "aspect")
            t = f"{entry.label} {dim}" if entry is not None and entry.pack == "sports" else aspect or dim
            if thing:
                t += f" of the {thing[:-1] if thing.endswith('s') and thing[:-1] else thing}"
    if slot.subject:
        t += f" — {slot.subject}"
    return t


AMOUNT = Family(name="amount", key=constant("amount"), block=_block, link=_link, relate=numeric_relation,
                topic=_topic, example="34 people died / killed 31 miners: one slot, a conflict")


def _age_link(_fam: str, _a: Aligned, _b: Aligned) -> bool:
    return True


def _age_topic(slot: Slot) -> str:
    return f"age of {slot.subject}" if slot.subject else "age"


AGE = Family(name="age", key=constant("age"), block=subject_block, link=_age_link, relate=numeric_relation,
             topic=_age_topic, example="Ana Ruiz, 34 / the 35-year-old Ruiz")


def _magnitude_link(_fam: str, a: Aligned, b: Aligned) -> bool:
    return ("aftershock" in a.words) == ("aftershock" in b.words) and names_ok(a, b)


def _magnitude_topic(slot: Slot) -> str:
    things = [f.thing for f in frames_of(slot) if f.thing]
    return f"magnitude of the {things[0] if things else occasion(slot)}"


MAGNITUDE = Family(name="magnitude", key=constant("magnitude"), block=lambda _f, _a: (), link=_magnitude_link,
                   relate=numeric_relation, topic=_magnitude_topic, example="a magnitude 7.2 quake / a 7.4-magnitude quake")


KINDS = (
    Kind(name="age", extractor=EXTRACTOR, priority=70, families=(AGE,), example="Ana Ruiz, 34,"),
    Kind(name="magnitude", extractor=EXTRACTOR, priority=80, families=(MAGNITUDE,), example="a magnitude 7.2 earthquake"),
    Kind(name="money", extractor=EXTRACTOR, priority=100, families=(AMOUNT,), example="$21 million"),
    Kind(name="quantity", extractor=EXTRACTOR, priority=110, families=(AMOUNT,), example="86 yards / 5%"),
    Kind(name="duration", extractor=EXTRACTOR, priority=120, families=(AMOUNT,), example="12 days"),
    Kind(name="count", extractor=EXTRACTOR, priority=130, families=(AMOUNT,), example="34 people"),
)
