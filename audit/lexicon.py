"""Small general-purpose word lists for news: event words, units, colours, charges.

Nothing here names a particular story. Event words are grouped into classes so that
"toppled", "beat" and "victory" all say the same kind of thing happened.
"""

from __future__ import annotations

EVENT_CLASSES: dict[str, tuple[str, ...]] = {
    "win": ("win", "won", "wins", "winning", "beat", "beats", "beaten", "beating", "defeat", "defeated",
            "defeats", "victory", "victories", "upset", "upsets", "toppled", "topple", "stunned", "edged",
            "triumph", "triumphed", "clinch", "clinched", "routed", "thrashed", "downed"),
    "loss": ("lost", "lose", "loses", "losing", "loss", "knocked", "eliminated", "bounced", "ousted", "exit"),
    "game": ("game", "match", "fixture", "bout", "fight", "race", "final", "encounter", "kick-off", "kickoff",
             "played", "play"),
    "score": ("scored", "scores", "scoring", "netted", "tied", "tie", "tying", "levelled", "leveled", "goal", "goals", "equaliser", "equalizer",
              "equalised", "equalized", "winner", "penalty", "touchdown", "td", "opener", "header", "strike",
              "field", "interception", "knockout", "ko"),
    "death": ("killed", "kill", "kills", "died", "dies", "die", "dead", "death", "deaths", "fatal", "fatally",
              "struck", "hit", "crash", "crashed", "collision", "accident", "shooting", "shot", "stabbed",
              "murdered", "slain", "drowned", "toll", "bodies", "victims", "perished"),
    "injury": ("injured", "injuries", "wounded", "hurt", "hospitalised", "hospitalized"),
    "arrest": ("arrested", "arrest", "detained", "caught", "apprehended", "nabbed", "custody", "stopped",
               "pulled"),
    "charge": ("charged", "charges", "charge", "indicted", "accused", "faces", "facing"),
    "court": ("arraigned", "arraignment", "court", "sentenced", "sentence", "convicted", "pleaded", "plea",
              "trial", "hearing", "verdict", "ruled", "ruling", "judge", "jury", "acquitted", "bail"),
    "announce": ("announced", "announce", "announces", "announcement", "unveiled", "revealed", "confirmed",
                 "disclosed", "released", "statement"),
    "deal": ("acquire", "acquires", "acquired", "acquisition", "buy", "buys", "bought", "buying", "purchase",
             "purchased", "deal", "merger", "merge", "takeover", "agreement", "sold", "sell", "sale", "pay",
             "paid", "paying", "price", "valued"),
    "quake": ("earthquake", "quake", "tremor", "aftershock", "magnitude", "epicentre", "epicenter",
              "shook", "jolted"),
    "attack": ("attack", "attacked", "shelling", "shelled", "bombing", "bombed", "strike", "strikes",
               "airstrike", "missile", "missiles", "explosion", "blast", "fired", "raid"),
    "found": ("founded", "established", "launched", "started", "created", "formed", "opened", "debut",
              "debuted"),
    "close": ("close", "closed", "closing", "complete", "completed", "completion", "finalised", "finalized"),
    "born": ("born", "birth"),
    "elect": ("elected", "election", "vote", "voted", "votes", "ballot", "polls", "won"),
    "post": ("posted", "tweeted", "shared", "uploaded", "wrote"),
    "return": ("return", "returned", "returns", "back"),
    "meet": ("met", "meeting", "meet", "talks", "summit", "visit", "visited"),
    "pass": ("passed", "passes", "pass", "passing", "threw", "throw", "completed"),
    "rush": ("rushed", "rushing", "ran", "runs", "carries", "carried"),
}

WORD_CLASS: dict[str, str] = {}
for _cls, _words in EVENT_CLASSES.items():
    for _w in _words:
        WORD_CLASS.setdefault(_w, _cls)

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

COLOURS = {
    "black": "black", "white": "white", "red": "red", "blue": "blue", "green": "green", "yellow": "yellow",
    "silver": "silver", "gray": "grey", "grey": "grey", "gold": "gold", "golden": "gold", "brown": "brown",
    "orange": "orange", "purple": "purple", "pink": "pink", "maroon": "maroon", "beige": "beige",
    "tan": "tan", "burgundy": "burgundy", "navy": "navy", "teal": "teal", "dark-colored": "dark",
    "light-colored": "light",
}

CHARGES = {
    "murder": "murder", "manslaughter": "manslaughter", "homicide": "homicide", "assault": "assault",
    "robbery": "robbery", "burglary": "burglary", "theft": "theft", "fraud": "fraud", "kidnapping": "kidnapping",
    "rape": "rape", "arson": "arson", "attempted murder": "attempted murder", "drunk driving": "DWI",
    "driving while intoxicated": "DWI", "dwi": "DWI", "dui": "DWI", "driving under the influence": "DWI",
    "driving while under the influence": "DWI", "leaving the scene": "leaving the scene",
    "fleeing the scene": "leaving the scene", "reckless endangerment": "reckless endangerment",
    "terrorism": "terrorism", "treason": "treason", "bribery": "bribery", "perjury": "perjury",
}
# charges that exclude each other for the same act (a killing is murder or manslaughter, not both)
EXCLUSIVE_CHARGES = ({"murder", "manslaughter"},)



def event_class(word: str) -> str | None:
    w = word.lower().strip("'’")
    if w in WORD_CLASS:
        return WORD_CLASS[w]
    return None
