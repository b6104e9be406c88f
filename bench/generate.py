"""Generate benchmark batches: many fictional news events, a few articles each, with known discrepancies.

Every batch is deterministic for a given size and seed. Each event is one of five story types
(earthquake, football match, court sentencing, company deal, road crash); its facts (names,
places, numbers, weekday, ...) are drawn at random, and each article about it is written from
paragraph templates with alternative wordings, 200-500 words long. Per event, zero to two facts
are *injected* as discrepancies: one article (the outlier) gives a different number, score, age,
weekday or time, or spells a name with one edit. Facts stated by two or more articles without an
injection are known agreements.

Writes, for a size N, into OUT/N/:
  articles/evNNNNN_aK.txt   the articles (first line ` date YYYY-MM-DD`, or no date line for ~8%)
  truth.json                events, their articles, facts stated per article, injected discrepancies

Names, towns, teams and companies are invented from syllables and kept at least two edits apart
from each other across the whole batch, so that any spelling variant the tool reports between
two of them is its own mistake, not the generator's. A few entities (countries, competitions,
agencies) are shared by many events on purpose, as in a real archive.

Usage: python bench/generate.py [--sizes 100,1000,10000] [--out bench/out] [--seed 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
import string
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

GENERATOR_VERSION = "8"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
FIRST_NAMES = (
    "Maria Jose Ana Luis Carmen Teresa Rosa Elena Pedro Miguel Arnel Lorna Jaime Ricardo Sofia Nadia Omar "
    "Leila Tariq Amina Yusuf Farah Karim Selim Aylin Emre Deniz Lena Jonas Felix Clara Hanna Tobias Greta "
    "Pieter Anouk Sander Ingrid Lars Astrid Nils Freya Mikael Sanna Olga Pavel Irina Dmitri Katya Andrei "
    "Ioana Mihai Bogdan Petra Marek Zofia Tomasz Agata Janek Ewa Laszlo Reka Bence Chiara Marco Giulia "
    "Luca Paolo Francesca Matteo Ines Duarte Beatriz Tiago Camille Julien Margaux Hugo Amelie Bastien "
    "Siobhan Declan Aoife Ciaran Fiona Angus Morag Ewan Rhys Carys Owen Megan Gareth Priya Arjun Kavya "
    "Rohan Ananya Vikram Meera Sanjay Divya Rahul Hiroshi Yuki Kenji Aiko Takeshi Mei Wei Jun Lian Chen "
    "Minh Linh Duc Thao Somchai Malee Niran Kofi Ama Kwame Efua Chidi Ngozi Emeka Adaeze Tunde Zainab "
    "Abdi Hodan Tesfaye Almaz Grace Daniel Samuel Ruth Esther David Sarah Michael Laura James Helen "
    "Thomas Alice Robert Jane Peter Susan Andrew Emily Mark Claire Paul Nicola Simon Rachel"
).split()
# syllables for invented names; endings give them a flavour but no real language
_ONSETS = ("b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "gr",
           "kr", "tr", "st", "ch", "sh", "th", "qu", "vr", "sl", "pl", "gl")
_VOWELS = ("a", "e", "i", "o", "u", "a", "e", "o", "ai", "ei", "ou", "ia")
_CODAS = ("", "", "", "n", "r", "l", "s", "m", "nd", "rt", "st", "k", "v", "z")
_ENDINGS = ("a", "o", "ez", "ian", "ov", "sen", "ton", "ay", "illa", "ari", "ek", "ur", "ando", "ici", "ova",
            "berg", "ford", "wick", "mont", "dale", "ston", "ley", "vik", "oni", "esh", "ira", "oza", "enko")


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


class NameBank:
    """Invented capitalized words, pairwise more than one delete apart (so at least two edits, mostly)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.owner: dict[str, str] = {}  # delete-neighbour key -> word

    @staticmethod
    def _keys(word: str) -> set[str]:
        w = word.lower()
        return {w} | {w[:i] + w[i + 1:] for i in range(len(w))}

    def _free(self, word: str, allow: str | None = None) -> bool:
        return all(self.owner.get(k, allow) == allow for k in self._keys(word))

    def _claim(self, word: str) -> None:
        for k in self._keys(word):
            self.owner[k] = word

    def new(self, min_len: int = 5, max_len: int = 10) -> str:
        rng = self.rng
        while True:
            parts = [rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)
                     for _ in range(rng.choice((1, 1, 2)))]
            word = ("".join(parts) + rng.choice(_ENDINGS)).capitalize()
            if not (min_len <= len(word) <= max_len) or word.lower() in _STOPWORDS:
                continue
            if self._free(word):
                self._claim(word)
                return word

    def misspell(self, word: str) -> str:
        """One edit of `word` (double or drop a letter, swap two letters, change a vowel) that collides with no
        other word of the bank."""
        rng = self.rng
        low = word.lower()
        for _ in range(200):
            op = rng.choice(("double", "drop", "swap", "vowel"))
            i = rng.randrange(1, len(low) - 1)
            if op == "double":
                cand = low[:i] + low[i] + low[i:]
            elif op == "drop":
                cand = low[:i] + low[i + 1:]
            elif op == "swap":
                if low[i] == low[i + 1]:
                    continue
                cand = low[:i] + low[i + 1] + low[i] + low[i + 2:]
            else:
                if low[i] not in "aeiou":
                    continue
                cand = low[:i] + rng.choice([v for v in "aeiou" if v != low[i]]) + low[i + 1:]
            if cand != low and len(cand) >= 5 and self._free(cand, allow=word):
                return cand.capitalize()
        return word + "e"


_STOPWORDS = frozenset("about above after again along among because before being below between during "
                       "except inside little under until while within without".split())


# --------------------------------------------------------------------------- facts and injections

@dataclass
class Fact:
    key: str
    kind: str  # count | age | score | minute | money | percent | weekday | time | magnitude | duration | name
    label: str
    value: object
    render: Callable[[object], str]
    token: Callable[[object], str]
    """The string that must stand in a finding's evidence for this value."""


def _num(v: object) -> str:
    return f"{v:,}" if isinstance(v, int) else str(v)


def _wrong(rng: random.Random, fact: Fact, bank: NameBank) -> object:
    v = fact.value
    if fact.kind == "name":
        return bank.misspell(str(v))
    if fact.kind == "weekday":
        assert isinstance(v, dt.date)
        return v + dt.timedelta(days=rng.choice((-1, 1)))
    if fact.kind == "score":
        a, b = v  # type: ignore[misc]
        return (a + 1, b) if rng.random() < 0.5 or b + 1 >= a else (a, b + 1)
    if fact.kind == "minute":
        assert isinstance(v, int)
        swapped = int(str(v)[::-1]) if v >= 10 else v
        if swapped != v and 1 <= swapped <= 90 and rng.random() < 0.5:
            return swapped
        return max(1, min(90, v + rng.choice((-1, 1)) * rng.randint(3, 12)))
    if fact.kind == "time":
        h, m = v  # type: ignore[misc]
        return (h, (m + rng.choice((15, 20, 30, 40))) % 60)
    if fact.kind == "magnitude":
        assert isinstance(v, float)
        return round(v + rng.choice((-0.4, -0.3, -0.2, 0.2, 0.3, 0.4)), 1)
    if fact.kind in ("age", "duration", "percent"):
        assert isinstance(v, int)
        return v + rng.choice((-1, 1)) * rng.randint(1, 4 if v < 40 else 6)
    if fact.kind in ("count", "money"):
        assert isinstance(v, int)
        s = str(v)
        if len(s) >= 2 and s[0] != s[1] and s[1] != "0" and rng.random() < 0.4:
            return int(s[1] + s[0] + s[2:])  # transposed digits
        delta = max(1, round(v * rng.uniform(0.08, 0.35)))
        return v + rng.choice((-1, 1)) * delta if v - delta > 0 else v + delta
    raise ValueError(fact.kind)


# --------------------------------------------------------------------------- templates
#
# A template is a paragraph: `<a|b|c>` picks one alternative at random, `{field}` is filled
# from the article's values. The fields a paragraph uses tell which facts the article states.

Template = str

TEMPLATES: dict[str, dict[str, list[Template]]] = {
    "quake": {
        "lead": [
            "{TOWN}, {province} — A magnitude {mag} earthquake struck {province} province early {weekday}, killing "
            "{toll} people and injuring {injured} others, disaster officials said. <The quake|The tremor> was felt "
            "as far away as {city}.",
            "A powerful earthquake struck the {country} province of {province} early {weekday}, killing {toll} people "
            "and injuring {injured}, <officials|authorities> said. The <quake|earthquake> measured magnitude {mag}.",
            "{toll} people were killed when a magnitude {mag} earthquake struck near {town} in {country} on {weekday}, "
            "<officials said|according to disaster officials>, and {injured} were injured.",
        ],
        "facts": [
            "The <quake|earthquake> struck at {time} at a depth of {depth} kilometres, with its epicentre {dist} "
            "kilometres <from|outside> {town}, according to the {agency}.",
            "Among the survivors was {surv}, {surv_age}, a {job} pulled from the {town} {building} after {hours} "
            "hours. {surv_last} <was taken to|is recovering in> {town} District Hospital.",
            "\"<We heard a roar like a truck|It felt like the ground was breaking apart under us>,\" Mayor {mayor} "
            "told reporters outside the {town} town hall. \"<We have lost our neighbours|We need heavy equipment "
            "and we need it now>.\"",
            "{agency} seismologist {seis} warned that aftershocks could continue for <weeks|days>. {seis_last} said "
            "the {province} fault had <not moved|been quiet> like this <in decades|for a century>.",
            "The {province} disaster office said {houses} houses were damaged or destroyed. Roads from {town} to "
            "{city} remain impassable because of landslides.",
            "Mayor {mayor_last} said {town} had opened evacuation centres in <schools|a sports hall|churches>. "
            "<Residents|Families> of {province} whose homes were cracked <should|must> stay outside, {mayor_last} "
            "<said|added>.",
        ],
        "clauses": [
            "<rescue teams|rescuers|emergency crews> <worked|searched> through the night in {town}",
            "<cranes|sniffer dogs|volunteers> were brought in from {city}",
            "power was cut across much of {province}",
            "<mobile networks|phone lines> in {town} were down for hours",
            "families in {town} slept in the open for fear of aftershocks",
            "the government of {country} said it would send soldiers to {province}",
            "aid groups in {province} said clean water was the most urgent need",
            "schools in {province} will remain closed while engineers inspect them",
            "footage from {town} showed a church tower collapsing",
            "{country} sits on a seismically active belt",
            "doctors in {town} treated the injured in tents",
            "engineers feared the {town} hospital had been weakened",
            "landslides blocked the road from {town} to the coast",
            "survivors in {town} queued for bread and water",
            "the {province} governor's office set up an emergency fund",
            "churches and mosques in {province} opened their doors to the homeless",
        ],
    },
    "match": {
        "lead": [
            "{winner} beat {loser} {score} at {stadium} on {weekday}, <moving|climbing> <up the table|within "
            "reach of the top four> in the {competition}.",
            "{winner} <earned|claimed> a {score} win over {loser} in the {competition} on {weekday}, <thanks to|"
            "with> goals from {scorer1} and {scorer2} at {stadium}.",
            "A <late|dramatic|hard-fought> {score} victory over {loser} at {stadium} on {weekday} kept {winner}'s "
            "<title hopes|season> alive in the {competition}.",
        ],
        "facts": [
            "{scorer1} opened the scoring in the {min1} minute, <heading in|firing home> from <a corner|close "
            "range>, before {scorer3} equalised for {loser} <shortly before half-time|after the break>.",
            "{scorer2} <scored|netted> the winner in the {min2} minute, <curling|driving> a shot past the "
            "{loser} goalkeeper.",
            "\"<We showed real character today|The players gave everything>,\" {winner} coach {coach} said after "
            "the match against {loser}. \"<We were not at our best but we found a way|I am proud of the group>.\"",
            "{loser} coach {coach2} <was frustrated with|criticised> the <refereeing|defending> at {stadium}: "
            "\"<We gave away cheap goals|We had chances to win this game>,\" {coach2_last} said.",
            "A crowd of {attendance} <watched|saw> the match at {stadium}, <the biggest of the season|in cold and "
            "wet conditions>.",
            "{scorer1} has now scored in <three|four> consecutive matches for {winner}, and {coach_last} said the "
            "striker <was in the form of his life|deserved a call-up to the national team>.",
        ],
        "clauses": [
            "{loser} dominated possession in the first half",
            "{loser} struggled to break down a disciplined {winner} defence",
            "the {winner} supporters sang throughout",
            "play at {stadium} was briefly stopped after a flare was thrown",
            "a {loser} header hit the post before the break",
            "the {winner} goalkeeper made two fine saves",
            "the result leaves {loser} in the bottom half of the {competition}",
            "pressure is mounting on {coach2_last}",
            "{winner} travel to face a tricky away fixture next weekend",
            "replays suggested the first {winner} goal may have been offside",
            "the {competition} season has been unusually tight",
            "fans queued outside {stadium} for hours before kick-off",
            "tickets for the {loser} end had sold out days earlier",
            "{coach_last} made two changes at half-time",
            "the {loser} captain was booked for dissent",
            "rain fell steadily on {stadium} all afternoon",
        ],
    },
    "court": {
        "lead": [
            "{defendant}, {age}, was sentenced to {years} years in prison on {weekday} for a fraud scheme that "
            "cost investors ${amount} million, prosecutors said.",
            "A judge in {city} on {weekday} sentenced {defendant}, {age}, to {years} years in prison for "
            "<running|masterminding> a ${amount} million investment fraud.",
            "{defendant}, the {age}-year-old founder of {firm}, was sentenced on {weekday} to {years} years "
            "behind bars for <defrauding|cheating> investors of ${amount} million.",
        ],
        "facts": [
            "Judge {judge} said {defendant_last} had <shown no remorse|preyed on savers|lied to {firm} clients>. "
            "{judge_last} <ordered him to repay the victims|wanted the sentence to deter others|called the "
            "{firm} scheme cruel>.",
            "Prosecutors said more than {victims} investors <lost money|were cheated> in the {firm} scheme.",
            "\"<This sentence sends a clear message|Fraud on this scale destroys lives>,\" prosecutor "
            "{prosecutor} told <reporters|journalists> outside the {city} courthouse.",
            "{defendant_last} was convicted by a {city} jury <in the spring|earlier this year> after a <three-week|"
            "month-long> trial. His lawyer, {lawyer}, said <he would appeal|they were considering an appeal>.",
            "Judge {judge_last} also ordered {defendant_last} to forfeit <his home|a waterfront house> in {city} "
            "and <two cars|a collection of watches>.",
        ],
        "clauses": [
            "several {firm} investors addressed the court",
            "one {firm} client described losing her retirement savings",
            "{firm} collapsed after regulators began asking questions",
            "thousands of {firm} accounts were frozen",
            "the defence had argued for a shorter term for {defendant_last}",
            "{defendant_last}'s lawyers pointed to his health",
            "investigators said {firm} used new deposits to pay earlier investors",
            "forged account statements were shown to the {city} jury",
            "a group of former {firm} clients waited outside the courthouse",
            "the case is one of the largest fraud prosecutions in {city}",
            "a court-appointed receiver is trying to recover the {firm} assets",
            "money from {firm} was traced to overseas accounts",
            "{defendant_last} showed little emotion as the sentence was read",
            "regulators in {country} have tightened the rules since the {firm} collapse",
        ],
    },
    "deal": {
        "lead": [
            "{acquirer} said on {weekday} it would buy {target} for ${price} million in cash, <a premium of|"
            "paying> {premium} percent <to|over> its <last closing price|share price>.",
            "{acquirer} agreed on {weekday} to acquire {target} in a ${price} million deal, <creating|forming> "
            "<one of the largest|a larger> <logistics|software|food> groups in {country}.",
            "{target}, the {city}-based <maker of|supplier of> <industrial sensors|packaging|farm equipment>, "
            "will be <bought|acquired> by {acquirer} for ${price} million, the companies said on {weekday}.",
        ],
        "facts": [
            "{acquirer} chief executive {ceo} said the deal would <give the group scale|bring together two "
            "complementary businesses>. \"<This is a natural fit|We have admired {target} for years>,\" "
            "{ceo_last} said.",
            "{target} employs {employees} people, <most of them|many of them> in {city}, and {ceo_last} said "
            "<there were no plans for job cuts|the combined company would keep both headquarters>.",
            "The price <represents|amounts to> a premium of {premium} percent <to|over> {target}'s share price "
            "<before the announcement|at the close of trading>.",
            "{target} founder {founder} <will stay on|is expected to remain> <as an adviser|to run the unit>, "
            "{acquirer} said.",
            "<Analysts|Investors> <welcomed|were cautious about> the <deal|acquisition> for {target}: \"<The price "
            "looks full|It makes strategic sense>,\" said {analyst}, an analyst at {bank}.",
        ],
        "clauses": [
            "the {target} deal still needs approval from competition authorities in {country}",
            "shares in {target} jumped in early trading",
            "{acquirer} shares slipped in {city}",
            "{acquirer} has made several purchases since the pandemic",
            "unions at the {target} plant in {city} said they would seek guarantees on jobs",
            "bankers at {bank} advised {acquirer}",
            "the sector in {country} has seen a wave of consolidation",
            "{target} had been exploring a sale for months",
            "a rival bidder for {target} walked away",
            "{acquirer} will fund the purchase with cash and new debt",
            "{target} reported record orders last quarter",
            "the {target} brand will be kept",
            "{founder_last} built {target} from a small workshop in {city}",
        ],
    },
    "crash": {
        "lead": [
            "{toll} people were killed and {injured} injured when a bus carrying {passengers} passengers "
            "<crashed|overturned> near {town} on {weekday}, police said.",
            "A bus <crashed|overturned> on a mountain road near {town} on {weekday}, killing {toll} people, "
            "<police said|according to police>. {injured} others were injured.",
            "{TOWN} — {toll} people <were killed|died> on {weekday} when a <crowded|packed> bus carrying "
            "{passengers} passengers <crashed|plunged off the road> outside {town}, <officials|police> said.",
        ],
        "facts": [
            "The crash happened at about {time} on the road between {town} and {town2}, police spokesperson "
            "{spokes} said, <adding that|and> the <driver|bus> <had lost control on a bend|appeared to be "
            "speeding>.",
            "The driver, {driver}, {driver_age}, <survived|was among the injured> and <was being questioned|"
            "was taken into custody>, {spokes_last} said.",
            "The bus was carrying {passengers} passengers <from|on its way from> {town2} to {city} <when it|and> "
            "<left the road|hit a barrier>, <witnesses said|according to survivors>.",
            "<Hospitals|The regional hospital> in {town} treated {injured} injured people, the {town2} "
            "<health department|hospital director> said.",
            "\"<We heard the crash and ran to help|It was a terrible scene>,\" said {witness}, who <lives|runs "
            "a shop> <near the bend|by the road> outside {town}. \"<People were trapped inside|There was glass "
            "everywhere>.\"",
        ],
        "clauses": [
            "firefighters from {town} cut through the wreckage",
            "ambulances from {town2} waited on the hard shoulder",
            "residents of {town} have long called the road a black spot",
            "drivers on the {town2} road have asked for crash barriers for years",
            "the transport ministry of {country} ordered an inquiry",
            "the operator's licence was suspended",
            "relatives gathered at the bus station in {city}",
            "heavy rain had made the {town} road slippery",
            "fog reduced visibility near {town2}",
            "many buses in {country} are old and poorly maintained",
            "the road to {town2} remained blocked until late evening",
            "cranes lifted the bus from the ravine near {town}",
            "the {city} bus company declined to comment",
            "investigators examined the tyres of the bus",
        ],
    },
}

# clauses any story may carry: reaction, context, what happens next (no facts under test)
GENERIC_CLAUSES: list[Template] = [
    "officials in {local} said they were following the situation closely",
    "a spokesperson in {local} declined to comment further",
    "social media in {local} filled with messages of sympathy",
    "several politicians from {local} called for answers",
    "the {local} newspaper devoted its front page to the story",
    "one columnist in {local} called it a wake-up call",
    "the opposition in {local} said the promise had been made before",
    "crowds gathered in the main square of {local}",
    "observers in {local} said the harder questions would come later",
    "the story led the evening news on {local} radio",
    "a vigil was planned for the weekend in {local}",
    "the {local} radio station took calls from listeners all day",
]
_CONNECTORS = (", and ", ", while ", ", as ", ", but ", "; meanwhile, ", ", and meanwhile ")


def _background(rng: random.Random, clauses: list[Template]) -> Template:
    """A paragraph of two sentences, each two or three independent clauses joined (taken from the end of the
    shuffled `clauses`, so that none repeats in one article): background prose whose sentences are not shared
    word for word between stories."""
    sentences = []
    for _ in range(2):
        picked = [clauses.pop() for _ in range(min(len(clauses), rng.choice((2, 3))))]
        if picked:
            sentences.append("^" + "".join(c + rng.choice(_CONNECTORS) for c in picked[:-1]) + picked[-1] + ".")
    return " ".join(sentences)


def _capitalize(text: str) -> str:
    return re.sub(r"\^(\W*)(\w)", lambda m: m.group(1) + m.group(2).upper(), text)


# word-level paraphrase for background paragraphs, so that two stories never share whole sentences word for
# word (as two outlets' own prose would not); fact-bearing paragraphs are left as written
SYNONYMS: dict[str, tuple[str, ...]] = {k: tuple(v.split("/")) for k, v in (x.split("=") for x in (
    "said=said/added/stated/noted/explained;worked=worked/toiled/laboured/pressed on;searched=searched/combed/"
    "scoured;night=night/evening/dark;heavy=heavy/large/industrial;equipment=equipment/machinery/gear;"
    "pulling=pulling/dragging/lifting/freeing;people=people/residents/locals/villagers;slowing=slowing/delaying/"
    "complicating/hindering;near=near/beside/by;market=market/bazaar/harbour/plaza;send=send/deploy/dispatch/"
    "fly;soldiers=soldiers/troops/reservists;medical=medical/health/hospital;teams=teams/units/crews/squads;"
    "urgent=urgent/critical/pressing/acute;needs=needs/priorities/concerns/shortages;many=many/numerous/"
    "countless/dozens of;remain=remain/stay/be;closed=closed/shut/suspended;inspect=inspect/check/examine/"
    "survey;showed=showed/captured/recorded/revealed;collapsing=collapsing/crumbling/falling/toppling;"
    "moments=moments/seconds/minutes;began=began/started/struck;deadly=deadly/devastating/destructive/lethal;"
    "spared=spared/untouched/lucky;generations=generations/decades/centuries;treated=treated/examined/bandaged;"
    "feared=feared/worried/suspected/warned;weakened=weakened/damaged/compromised;dominated=dominated/"
    "controlled/enjoyed;possession=possession/territory/the ball;struggled=struggled/failed/battled;"
    "create=create/carve/fashion/engineer;clear=clear/genuine/real/decent;disciplined=disciplined/organised/"
    "resolute/stubborn;final=final/closing/last/dying;supporters=supporters/fans/faithful/followers;"
    "briefly=briefly/momentarily/twice;chances=chances/opportunities/openings;saves=saves/stops/interventions;"
    "danger=danger/peril/trouble/fear;pressure=pressure/scrutiny/criticism;difficult=difficult/tough/"
    "demanding/awkward;players=players/starters/regulars;suggested=suggested/indicated/implied/showed;"
    "unusually=unusually/remarkably/exceptionally/very;queued=queued/waited/lined up/gathered;describing="
    "describing/recounting/detailing/recalling;collapsed=collapsed/imploded/failed/folded;questions=questions/"
    "queries/concerns/doubts;thousands=thousands/hundreds/scores;frozen=frozen/locked/blocked/suspended;"
    "argued=argued/contended/maintained/insisted;shorter=shorter/lighter/lesser/reduced;forged=forged/faked/"
    "fabricated/doctored;largest=largest/biggest/broadest/costliest;experts=experts/specialists/lawyers/"
    "academics;recover=recover/retrieve/reclaim/trace;approval=approval/clearance/scrutiny;jumped=jumped/"
    "rose/climbed/surged;slipped=slipped/fell/dipped/eased;expanding=expanding/pushing/moving/branching;"
    "guarantees=guarantees/promises/commitments/pledges;advised=advised/counselled/assisted;rising=rising/"
    "climbing/higher/soaring;dangerous=dangerous/hazardous/treacherous/notorious;residents=residents/locals/"
    "villagers/commuters;better=better/improved/proper/safer;investigation=investigation/inquiry/probe/review;"
    "gathered=gathered/assembled/waited/huddled;slippery=slippery/treacherous/wet/greasy;common=common/"
    "frequent/widespread/routine;remained=remained/stayed/was;examined=examined/studied/inspected/"
    "photographed;comment=comment/elaborate/speak;conclusions=conclusions/lessons/judgements;sympathy="
    "sympathy/support/condolence/solidarity;worried=worried/anxious/concerned/frightened;criticised="
    "criticised/attacked/faulted/condemned;response=response/reaction/handling;devoted=devoted/gave/"
    "dedicated;discussing=discussing/debating/analysing/dissecting;promised=promised/vowed/pledged;"
    "priority=priority/focus/task/goal;affected=affected/hurt/displaced/bereaved;described=described/recalled/"
    "recounted;confusion=confusion/chaos/panic/shock;crowds=crowds/groups/throngs;intense=intense/close/"
    "heavy/sharp;attention=attention/interest/coverage/comment;consequences=consequences/effects/"
    "implications/costs;settled=settled/decided/resolved/answered;officials=officials/authorities/"
    "administrators;streets=streets/roads/lanes;families=families/households/parents;hospital=hospital/clinic/"
    "infirmary;witnesses=witnesses/onlookers/bystanders;politicians=politicians/legislators/lawmakers;"
    "quickly=quickly/swiftly/rapidly;later=later/afterwards/subsequently;also=also/likewise/too;"
    "cold=cold/freezing/bitter;wet=wet/rainy/damp;small=small/little/makeshift;main=main/central/old;"
    "local=local/regional/nearby;across=across/throughout/over;through=through/across/into"
).split(";"))}
_SYN_WORD = re.compile(r"\{[^{}]*\}|\b[a-z]+\b")


def _paraphrase(rng: random.Random, text: str) -> str:
    return _SYN_WORD.sub(lambda m: rng.choice(SYNONYMS[w]) if (w := m.group(0)) in SYNONYMS else w, text)


_ALT = re.compile(r"<([^<>]*)>")
_FMT = string.Formatter()


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in _FMT.parse(template) if f}


_NUMBERISH = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|dozen|hundred|week|month|"
                        r"year|day)s?\b", re.IGNORECASE)


def _expand(rng: random.Random, template: str, event: str) -> str:
    """Pick one alternative of each `<a|b>`; where an alternative states a number or a span of time, the pick is
    the same in every article of the event, so that the wording never adds a discrepancy nobody injected."""

    def pick(m: re.Match[str]) -> str:
        options = m.group(1).split("|")
        if any(_NUMBERISH.search(o) for o in options):
            return random.Random(f"{event}|{m.group(1)}").choice(options)
        return rng.choice(options)

    return _ALT.sub(pick, template)


# field -> fact key it states (fields not listed are context: places, teams, filler names)
FIELD_FACT = {
    "toll": "toll", "injured": "injured", "mag": "mag", "weekday": "weekday", "surv_age": "surv_age",
    "mayor": "mayor_last", "mayor_last": "mayor_last", "houses": "houses", "time": "time",
    "seis": "seis_last", "seis_last": "seis_last", "surv": "surv_last", "surv_last": "surv_last",
    "score": "score", "min1": "min1", "min2": "min2", "scorer1": "scorer1_last", "scorer2": "scorer2_last",
    "attendance": "attendance", "coach": "coach_last", "coach_last": "coach_last", "coach2": "coach2_last",
    "coach2_last": "coach2_last",
    "age": "age", "years": "years", "amount": "amount", "judge": "judge_last", "judge_last": "judge_last",
    "victims": "victims", "defendant": "defendant_last", "defendant_last": "defendant_last",
    "prosecutor": "prosecutor_last",
    "price": "price", "premium": "premium", "employees": "employees", "ceo": "ceo_last", "ceo_last": "ceo_last",
    "founder": "founder_last",
    "passengers": "passengers", "driver_age": "driver_age", "spokes": "spokes_last", "spokes_last": "spokes_last",
    "driver": "driver_last",
}
# facts that may be injected, per story type
INJECTABLE = {
    "quake": ("toll", "injured", "mag", "weekday", "surv_age", "mayor_last", "houses", "time"),
    "match": ("score", "min1", "min2", "weekday", "scorer1_last", "attendance", "coach_last"),
    "court": ("age", "years", "amount", "weekday", "judge_last", "victims", "defendant_last"),
    "deal": ("price", "employees", "weekday", "ceo_last", "premium"),
    "crash": ("toll", "injured", "driver_age", "passengers", "weekday", "spokes_last", "time"),
}


@dataclass
class Shared:
    countries: list[str]
    competitions: list[str]
    banks: list[str]
    cities: list[str]


@dataclass
class EventSpec:
    id: str
    type: str
    date: dt.date
    facts: dict[str, Fact]
    context: dict[str, str]
    """Values of fields that are not facts under test (places, teams, extra names)."""
    articles: list[str] = field(default_factory=list)
    injections: list[dict[str, object]] = field(default_factory=list)


def _person(rng: random.Random, bank: NameBank) -> tuple[str, str]:
    return rng.choice(FIRST_NAMES), bank.new()


def _name_fact(key: str, label: str, last: str) -> Fact:
    return Fact(key, "name", label, last, str, str)


def _make_event(rng: random.Random, bank: NameBank, shared: Shared, eid: str, kind: str, date: dt.date) -> EventSpec:
    facts: dict[str, Fact] = {}
    ctx: dict[str, str] = {}
    firsts: dict[str, str] = {}

    def person(key: str, label: str) -> None:
        first, last = _person(rng, bank)
        firsts[key] = first
        facts[key] = _name_fact(key, label, last)

    def count(key: str, label: str, lo: int, hi: int, kind_: str = "count") -> None:
        facts[key] = Fact(key, kind_, label, rng.randint(lo, hi), _num, _num)

    weekday = Fact("weekday", "weekday", "weekday of the event", date, lambda d: WEEKDAYS[d.weekday()],  # type: ignore[attr-defined]
                   lambda d: WEEKDAYS[d.weekday()])  # type: ignore[attr-defined]
    facts["weekday"] = weekday
    ctx["country"] = rng.choice(shared.countries)
    ctx["city"] = rng.choice(shared.cities)
    ctx["local"] = bank.new()  # the place the story is local to (quakes and crashes: the town)
    if kind == "quake":
        ctx["town"], ctx["province"] = ctx["local"], bank.new()
        ctx["agency"] = f"{ctx['country']} Seismology Institute"
        ctx["job"] = rng.choice(("fish vendor", "teacher", "hotel cook", "nurse", "taxi driver", "student"))
        ctx["building"] = rng.choice(("hotel", "market hall", "school", "apartment block", "church"))
        count("toll", "death toll", 8, 140)
        count("injured", "number injured", 150, 900)
        facts["mag"] = Fact("mag", "magnitude", "magnitude", round(rng.uniform(5.4, 7.6), 1), str, str)
        count("surv_age", "age of the survivor", 19, 84, "age")
        count("houses", "houses damaged", 300, 4800)
        count("depth", "depth (km)", 8, 60, "quantity")
        count("dist", "distance of the epicentre (km)", 5, 40, "quantity")
        count("hours", "hours trapped", 6, 30, "duration")
        facts["time"] = Fact("time", "time", "time of the quake", (rng.randint(1, 11), rng.randrange(0, 60)),
                             lambda t: f"{t[0]}:{t[1]:02d} a.m.", lambda t: f"{t[0]}:{t[1]:02d}")  # type: ignore[index]
        person("mayor_last", "mayor's surname")
        person("seis_last", "seismologist's surname")
        person("surv_last", "survivor's surname")
    elif kind == "match":
        ctx["winner"] = f"{bank.new()} {rng.choice(('Rovers', 'Athletic', 'Wanderers', 'Albion', 'Town'))}"
        ctx["loser"] = f"{bank.new()} {rng.choice(('Rangers', 'Athletic', 'Rovers', 'Harriers', 'City'))}"
        ctx["stadium"] = f"{bank.new()} {rng.choice(('Park', 'Stadium', 'Arena', 'Ground'))}"
        ctx["competition"] = rng.choice(shared.competitions)
        a = rng.randint(2, 4)
        facts["score"] = Fact("score", "score", "final score", (a, rng.randint(1, a - 1)),
                              lambda s: f"{s[0]}-{s[1]}", lambda s: f"{s[0]}-{s[1]}")  # type: ignore[index]
        m1 = rng.randint(5, 40)
        facts["min1"] = Fact("min1", "minute", "minute of the first goal", m1, _ordinal, str)  # type: ignore[arg-type]
        facts["min2"] = Fact("min2", "minute", "minute of the winner", rng.randint(55, 88), _ordinal, str)  # type: ignore[arg-type]
        count("attendance", "attendance", 4000, 52000)
        for k, label in (("scorer1_last", "first scorer"), ("scorer2_last", "scorer of the winner"),
                         ("scorer3_last", "equaliser scorer"), ("coach_last", "winning coach"),
                         ("coach2_last", "losing coach")):
            person(k, label)
    elif kind == "court":
        ctx["firm"] = f"{bank.new()} {rng.choice(('Capital', 'Investments', 'Partners', 'Wealth'))}"
        count("age", "defendant's age", 29, 71, "age")
        count("years", "years of the sentence", 4, 25, "duration")
        count("amount", "amount of the fraud ($m)", 12, 480, "money")
        count("victims", "number of investors", 300, 9000)
        for k, label in (("defendant_last", "defendant"), ("judge_last", "judge"), ("prosecutor_last", "prosecutor"),
                         ("lawyer_last", "defence lawyer")):
            person(k, label)
    elif kind == "deal":
        ctx["acquirer"] = f"{bank.new()} {rng.choice(('Holdings', 'Group', 'Industries'))}"
        ctx["target"] = f"{bank.new()} {rng.choice(('Systems', 'Foods', 'Logistics', 'Technologies'))}"
        ctx["bank"] = rng.choice(shared.banks)
        count("price", "price ($m)", 120, 9500, "money")
        count("premium", "premium (%)", 12, 65, "percent")
        count("employees", "employees", 300, 18000)
        for k, label in (("ceo_last", "acquirer's chief executive"), ("founder_last", "target's founder"),
                         ("analyst_last", "analyst")):
            person(k, label)
    elif kind == "crash":
        ctx["town"], ctx["town2"] = ctx["local"], bank.new()
        count("toll", "death toll", 4, 38)
        count("injured", "number injured", 10, 45)
        count("passengers", "passengers", 46, 70)
        count("driver_age", "driver's age", 24, 66, "age")
        facts["time"] = Fact("time", "time", "time of the crash", (rng.randint(1, 11), rng.randrange(0, 60)),
                             lambda t: f"{t[0]}:{t[1]:02d} p.m.", lambda t: f"{t[0]}:{t[1]:02d}")  # type: ignore[index]
        for k, label in (("spokes_last", "police spokesperson"), ("driver_last", "driver"), ("witness_last", "witness")):
            person(k, label)
    spec = EventSpec(eid, kind, date, facts, ctx)
    spec.context.update({f"_first_{k}": v for k, v in firsts.items()})
    return spec


def _values(spec: EventSpec, overrides: dict[str, object]) -> dict[str, str]:
    """Field values for one article: the event's facts (with this article's injected values) and context."""
    v: dict[str, str] = {k: x for k, x in spec.context.items() if not k.startswith("_first_")}
    for key, fact in spec.facts.items():
        value = overrides.get(key, fact.value)
        text = fact.render(value)
        if fact.kind == "name":
            base = key[: -len("_last")]
            v[base] = f"{spec.context[f'_first_{key}']} {text}"
            v[key] = text
        else:
            v[key] = text
    if "town" in v:
        v["TOWN"] = v["town"].upper()
    return v


def _words(s: str) -> int:
    return len(s.split())


def _render_article(rng: random.Random, spec: EventSpec, values: dict[str, str], forced: set[str],
                    target_words: int) -> tuple[str, set[str]]:
    """Paragraphs for one article: a lead, the paragraphs that carry forced facts, then others up to the target."""
    pools = TEMPLATES[spec.type]
    lead = rng.choice(pools["lead"])
    chosen = [lead]
    stated = {FIELD_FACT[f] for f in _fields(lead) if f in FIELD_FACT}
    facts_pool = list(pools["facts"])
    rng.shuffle(facts_pool)
    for fact_key in sorted(forced - stated):
        carriers = [t for t in facts_pool if fact_key in {FIELD_FACT.get(f) for f in _fields(t)}]
        if carriers:
            t = carriers[0]
            chosen.append(t)
            facts_pool.remove(t)
            stated |= {FIELD_FACT[f] for f in _fields(t) if f in FIELD_FACT}
    clauses = pools["clauses"] + GENERIC_CLAUSES
    rng.shuffle(clauses)
    rest = [t for t in facts_pool if rng.random() < 0.7] + [_background(rng, clauses) for _ in range(6)]
    rng.shuffle(rest)
    paras = [_expand(rng, t, spec.id).format(**values) for t in chosen]
    total = sum(_words(p) for p in paras)
    for t in rest:
        if total >= target_words:
            break
        expanded = _expand(rng, t, spec.id)
        p = _capitalize((expanded if t in pools["facts"] else _paraphrase(rng, expanded)).format(**values))
        if total + _words(p) > 500 and total >= 200:
            continue
        paras.append(p)
        total += _words(p)
        stated |= {FIELD_FACT[f] for f in _fields(t) if f in FIELD_FACT}
    body = paras[1:]
    rng.shuffle(body)
    return "\n\n".join([paras[0], *body]) + "\n", stated


def _shared(rng: random.Random, bank: NameBank) -> Shared:
    return Shared(
        countries=[bank.new(6, 9) for _ in range(30)],
        competitions=[f"{bank.new()} {rng.choice(('League', 'Premier Division', 'Cup'))}" for _ in range(12)],
        banks=[f"{bank.new()} {rng.choice(('Securities', 'Bank', 'Capital Markets'))}" for _ in range(15)],
        cities=[bank.new(5, 9) for _ in range(60)],
    )


# what a sequel shares with the earlier event it follows: the places, teams, firms (not the people or figures)
SEQUEL_CONTEXT = ("country", "city", "local", "town", "town2", "province", "agency", "winner", "loser", "stadium",
                  "competition", "firm", "acquirer", "bank")
BRIEFS = {
    "quake": "{TOWN}, {province} — Aftershocks shook {town} again on {weekday}, the {agency} said, months after the "
             "last strong quake in {province}.",
    "match": "{winner} and {loser} meet again at {stadium} on {weekday} in the {competition}.",
    "court": "Another former adviser of {firm} appeared in court in {city} on {weekday}, prosecutors said.",
    "deal": "{acquirer} said on {weekday} it had agreed another purchase, advised again by {bank}.",
    "crash": "{TOWN} — Police in {town} said on {weekday} that the road to {town2} was closed again after another "
             "crash.",
}
"""One-sentence undated items about a sequel that name only what it shares with the earlier event."""


def generate(size: int, out: Path, seed: int = 7, undated: float = 0.08, sequels: float = 0.0) -> dict[str, object]:
    """Write a batch of `size` articles to out/articles and its ground truth to out/truth.json.

    With `sequels` > 0, that share of the events follow an earlier event of the same kind (another quake in
    the same town, a rematch, a second case against one firm) two to ten months later: they share its places,
    teams or firms, a third of their articles are undated, and half of them have a one-sentence undated brief
    that names only what the two events share. Such batches are full of exact ties in event similarity (the
    ECB+ corpus is built the same way: two events per topic), which is what the determinism test needs."""
    rng = random.Random(f"audit-bench-{seed}-{size}")
    bank = NameBank(rng)
    shared = _shared(rng, bank)
    arts_dir = out / "articles"
    if out.exists():
        shutil.rmtree(out)
    arts_dir.mkdir(parents=True)
    events: list[dict[str, object]] = []
    specs: list[EventSpec] = []
    start = dt.date(2021, 1, 1)
    made = 0
    k = 0
    total_words = 0
    while made < size:
        k += 1
        n = min(rng.choice((3, 4, 5, 5, 5, 6, 7)), size - made)
        if size - made - n in (1, 2):  # never leave an event of one or two articles at the end
            n = size - made
        kind = rng.choice(tuple(TEMPLATES))
        date = start + dt.timedelta(days=rng.randrange(0, 4 * 365))
        eid = f"ev{k:05d}"
        base: EventSpec | None = None
        if sequels > 0:  # no extra draws otherwise: the default batches stay byte-identical
            earlier = [e for e in specs if e.type == kind][-8:]
            if earlier and rng.random() < sequels:
                base = rng.choice(earlier)
                date = base.date + dt.timedelta(days=rng.randint(60, 300))
        spec = _make_event(rng, bank, shared, eid, kind, date)
        if base is not None:
            spec.context.update({key: base.context[key] for key in SEQUEL_CONTEXT if key in base.context})
        specs.append(spec)
        brief = base is not None and n >= 4 and rng.random() < 0.5
        ids = [f"{eid}_a{j + 1}" for j in range(n)]
        spec.articles = ids
        # injections: 0-2 facts, each with one outlier article (only with 3+ articles: a majority to compare with)
        n_inj = rng.choice((0, 1, 1, 2)) if n >= 3 else 0
        overrides: dict[str, dict[str, object]] = {a: {} for a in ids}
        forced: set[str] = set()
        for key in rng.sample(INJECTABLE[kind], n_inj):
            fact = spec.facts[key]
            outlier = rng.choice(ids)
            wrong = _wrong(rng, fact, bank)
            overrides[outlier][key] = wrong
            forced.add(key)
            spec.injections.append({"fact": key, "kind": fact.kind, "label": fact.label, "outlier": outlier,
                                    "right": fact.token(fact.value), "wrong": fact.token(wrong)})
        stated_by: dict[str, list[str]] = {}
        for aid in ids:
            values = _values(spec, overrides[aid])
            if brief and aid == ids[-1] and not overrides[aid]:
                text, stated = BRIEFS[kind].format(**values) + "\n", {"weekday"}
            else:
                text, stated = _render_article(rng, spec, values, forced, rng.randint(200, 480))
            pub = date + dt.timedelta(days=rng.choice((0, 1, 1, 1, 2)))
            no_date = rng.random() < (max(undated, 0.33) if base is not None else undated)
            if brief and aid == ids[-1]:
                no_date = True
            header = "" if no_date else f" date {pub.isoformat()}\n"
            (arts_dir / f"{aid}.txt").write_text(header + text, encoding="utf-8")
            total_words += _words(text)
            for key in stated:
                stated_by.setdefault(key, []).append(aid)
        for inj in spec.injections:
            inj["others"] = [a for a in stated_by.get(str(inj["fact"]), []) if a != inj["outlier"]]
        injected = {str(i["fact"]) for i in spec.injections}
        agreements = [
            {"fact": key, "kind": spec.facts[key].kind, "label": spec.facts[key].label,
             "value": spec.facts[key].token(spec.facts[key].value), "articles": arts}
            for key, arts in sorted(stated_by.items()) if key not in injected and len(arts) >= 2
        ]
        events.append({"id": eid, "type": kind, "date": date.isoformat(), "articles": ids,
                       "injected": spec.injections, "agreements": agreements,
                       **({"sequel_of": base.id} if base is not None else {})})
        made += n
    truth = {"generator_version": GENERATOR_VERSION, "seed": seed, "size": size, "words": total_words,
             "events": events}
    (out / "truth.json").write_text(json.dumps(truth, indent=1) + "\n", encoding="utf-8")
    return truth


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent / "out"))
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--sequels", type=float, default=0.0, metavar="SHARE",
                    help="share of events that follow an earlier one in the same places (default 0)")
    args = ap.parse_args(argv)
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        truth = generate(size, Path(args.out) / str(size), seed=args.seed, sequels=args.sequels)
        events = truth["events"]
        assert isinstance(events, list)
        n_inj = sum(len(e["injected"]) for e in events)
        print(f"{size} articles, {len(events)} events, {truth['words']} words, {n_inj} injected discrepancies "
              f"-> {Path(args.out) / str(size)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
