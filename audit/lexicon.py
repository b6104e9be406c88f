"""Small general-purpose word lists for news: event words, units, colours, charges.

Nothing here names a particular story. Event words are grouped into classes so that
"toppled", "beat" and "victory" all say the same kind of thing happened; they are a table of
audit.rules (events.toml, and packs/ for domain words).
"""

from __future__ import annotations

from audit import rules

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
    """The event class of a word ('toppled' -> 'win'), from the event table and its packs (audit.rules)."""
    entry = rules.event_class(word)
    return entry.name if entry else None

EVENT_NAME_WORDS = frozenset({
    "marathon", "race", "cup", "trophy", "championship", "championships", "open", "games", "olympics", "final",
    "finals", "derby", "classic", "prix", "rally", "regatta", "tournament", "festival", "summit",
    "conference", "election", "by-election", "referendum", "fair", "expo", "show", "parade", "concert", "gala",
})
"""Last words of an event's name ("the Harbour MARATHON", "the Gold CUP", "the Elmfield BY-ELECTION"): a name
ending so is an occasion, whose day two articles' ledes may give in other verbs."""
