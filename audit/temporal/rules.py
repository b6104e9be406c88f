"""The temporal expression rules: named patterns with their TIMEX3 type, value and examples.

In the manner of HeidelTime's rule files, each rule is data: a name, a pattern written
with the macros below (%MONTH, %DAY, %YEAR, %WEEKDAY, %NUM, %UNIT ...), the TIMEX3 type,
a value template, an optional modifier template and examples. `tests/test_temporal.py`
runs every example against the tagger, with the publication date EXAMPLE_DCT.

Value templates fill `{group}` or `{group:function}` from the match (functions in
`audit.temporal.resolve.FUNCTIONS`: month, day, year, num, ord, season, unit, part,
decade, weekday ...). What the template gives is either a finished TIMEX3 value
("1989-10-26", "P3Y", "PRESENT_REF") or an underspecified one that
`audit.temporal.resolve` completes against the publication date, the tense of the
sentence and the expressions met before:

    year?-10        the month, in the year the tense points to
    day?5           a weekday (1 = Monday): the most recent in past narrative, the next in future
    this:Y last:W next:M this:Q last:WE     the unit that holds the anchor, the one before, after
    last:06 next:SU this:D5                 the most recent June before the anchor, the next summer...
    dct-2Y ref+1D   so many units from the publication date / from the last expression met
    cmp-1Y          "a year ago/earlier": the period compared with (a quarter, a month) a year back
    ref:Q ref:Q-1Y  the quarter spoken of (the last one mentioned, or the last one completed)
    cent?89         a two-digit year in the century of the publication date
    HEAD|TAIL       resolve HEAD and append TAIL: "day?4|TEV", "last:Y|-Q4"
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

EXAMPLE_DCT = dt.date(1998, 2, 11)
"""Publication date of the examples: Wednesday 11 February 1998 (ISO week 7, first quarter)."""

MONTH_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
MONTH_ABBR = r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.|Jan|Feb|Apr|Aug|Sept|Sep|Oct|Nov|Dec"
NUM_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    "seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred"
)
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS1 = "one|two|three|four|five|six|seven|eight|nine"
ORD_WORDS = (
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|"
    "fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth"
)

MACROS: dict[str, str] = {
    "MONTHFULL": rf"(?:{MONTH_FULL})",
    "MONTH": rf"(?:{MONTH_FULL}|{MONTH_ABBR})",
    "DAY": r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:.,]\d)",
    "DAYORD": rf"(?:(?:twenty|thirty)-?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|{ORD_WORDS})",
    "YEAR": r"(?<![\d,.$£€])(?:1[6-9]\d\d|20\d\d)(?![\d%]|,\d|\.\d)",
    "YEAR2": r"['’](?:\d\d)(?![\d%])",
    "WEEKDAY": r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)",
    "PARTDAY": r"(?i:morning|afternoon|evening|night)",
    "NUMBER": rf"(?i:(?:\d+\s+1/2|\d+|(?:{_TENS})[- ](?:{_UNITS1})|a hundred|a thousand|{NUM_WORDS}|a|an|one)(?:\s+and\s+a\s+half)?)",
    "NUMX": r"(?i:a few|few|several|some|many|a couple of|a number of|the next few|couple of)",
    "UNIT": r"(?i:days?|weeks?|months?|quarters?|years?|decades?|centur(?:y|ies)|weekends?)",
    "UNITSG": r"(?i:day|week|month|quarter|year|decade|century|weekend)",
    "TUNIT": r"(?i:hours?|minutes?|seconds?)",
    "SEASON": r"(?i:spring|summer|fall|autumn|winter)",
    "QORD": r"(?i:first|second|third|fourth|1st|2nd|3rd|4th|final|last|fiscal[- ]first|fiscal[- ]second|fiscal[- ]third|fiscal[- ]fourth)",
    "HORD": r"(?i:first|second|1st|2nd|latter|last)",
    "PART": r"(?i:early|late|mid|the early|the late|the mid)",
    "PARTOF": r"(?i:the end of|the beginning of|the start of|the middle of|the close of|the turn of|the rest of|the remainder of|the balance of)",
    "THISLAST": r"(?i:this|last|next|past|coming|the coming|the past|the last|the next|the previous|previous|the current|current|the latest|the following)",
    "DECADEWORD": r"(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)",
    "TEENWORD": r"(?i:nineteen|eighteen|seventeen|sixteen)",
    "NUMWORD2": rf"(?i:(?:{_TENS})(?:[- ](?:{_UNITS1}))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)",
    "THE": r"(?:[Tt]he)",
    "HOLIDAY": (r"(?:Christmas(?:\s+(?:Day|Eve))?|Boxing Day|New Year['’]s(?:\s+(?:Day|Eve))?|Independence Day|"
                r"(?:[Tt]he\s+)?Fourth of July|Halloween|Valentine['’]s Day|Veterans['’]? Day|Armistice Day|"
                r"Remembrance Day|St\. Patrick['’]s Day|Bastille Day|May Day|Thanksgiving(?:\s+Day)?|"
                r"Labou?r Day|Memorial Day|Martin Luther King(?: Jr\.)? Day|Presidents['’]? Day|Columbus Day|"
                r"Mother['’]s Day|Father['’]s Day|Election Day|Easter(?:\s+(?:Sunday|Monday))?|Good Friday|"
                r"Palm Sunday|Ash Wednesday|Pentecost)"),
    "QUAL": r"(?i:about|around|approximately|roughly|nearly|almost|more than|less than|at least|at most|over|under|up to|no more than|some|just over|just under)",
}


KEY_WORDS = {
    "@month": frozenset("january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec".split()),
    "@weekday": frozenset("monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays thursdays fridays saturdays sundays".split()),
    "@season": frozenset("spring summer fall autumn winter".split()),
    "@unit": frozenset("day days week weeks weekend weekends month months quarter quarters year years decade decades century centuries hour hours minute minutes second seconds".split()),
}


@dataclass(frozen=True, slots=True)
class Rule:
    """One named rule. `examples` are (text, expression, value) found with the publication date EXAMPLE_DCT."""

    name: str
    key: str
    """Words every match contains (lower case; "@month", "@weekday", "@season", "@unit" name word lists, "#year" a
    four-digit year, "re:..." a regex): the rule runs only around them, which keeps the tagger fast."""
    pattern: str
    type: str
    value: str
    mod: str = ""
    examples: tuple[tuple[str, str, str], ...] = ()
    check: str = ""
    """A named filter the match must pass (see audit.temporal.tagger.CHECKS), e.g. "finance"."""
    flags: frozenset[str] = field(default_factory=frozenset)


def expand(pattern: str) -> str:
    return re.sub(r"%([A-Z0-9]+)", lambda m: MACROS[m.group(1)], pattern)


R = Rule
_B = r"(?<![\w-])"  # a word starts here
_E = r"(?![\w-])"   # a word ends here

RULES: tuple[Rule, ...] = (
    # ------------------------------------------------------------------ day granularity
    R("date_iso", '#year', rf"{_B}(?P<y>\d{{4}})-(?P<m>[01]\d)-(?P<d>[0-3]\d){_E}", "DATE", "{y}-{m}-{d}",
      examples=(("Filed 2022-11-24 in court.", "2022-11-24", "2022-11-24"),)),
    R("date_wd_md_y", '@month', rf"{_B}(?:%WEEKDAY,?\s+)?(?P<m>%MONTH)\s+(?P<d>%DAY),?\s+(?P<y>%YEAR)", "DATE",
      "{y}-{m:month}-{d:day}",
      examples=(("It closed Feb. 25, 2009, in Ohio.", "Feb. 25, 2009", "2009-02-25"),
                ("on Friday, October 13, 1989", "Friday, October 13, 1989", "1989-10-13"))),
    R("date_d_m_y", '@month', rf"{_B}(?:%WEEKDAY,?\s+)?(?P<d>%DAY)\s+(?:of\s+)?(?P<m>%MONTH),?\s+(?P<y>%YEAR)", "DATE",
      "{y}-{m:month}-{d:day}", examples=(("born 25 February 2009 in", "25 February 2009", "2009-02-25"),)),
    R("date_numeric", 're:\\d/\\d', rf"{_B}(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>\d{{4}}|\d\d){_E}", "DATE",
      "{y:year}-{m:month}-{d:day}", examples=(("filed on 10/27/89", "10/27/89", "1989-10-27"),)),
    R("date_wd_md", '@month', rf"{_B}(?:(?P<rel>this coming|this|next|last)\s+)?(?P<w>%WEEKDAY),?\s+(?P<m>%MONTH)\s+(?P<d>%DAY|%DAYORD){_E}",
      "DATE", "{0:wdmd}",
      examples=(("due Friday, Feb. 13, the", "Friday, Feb. 13", "1998-02-13"),
                ("this coming Sunday, March eighth", "this coming Sunday, March eighth", "1998-03-08"))),
    R("date_md", '@month', rf"{_B}(?P<m>%MONTH)\s+(?P<d>%DAY|%DAYORD){_E}(?!\s*(?:%|percent|-year))", "DATE",
      "year?-{m:month}-{d:day}", check="md",
      examples=(("The hearing is set for March 2.", "March 2", "1998-03-02"),
                ("Shares fell on Feb. 3.", "Feb. 3", "1998-02-03"))),
    R("date_wd_d_m", '@month', rf"{_B}(?P<w>%WEEKDAY),?\s+(?P<d>%DAY)\s+(?:of\s+)?(?P<m>%MONTHFULL){_E}(?!,?\s+%YEAR)", "DATE",
      "{0:wdmd}", examples=(("until the early hours of Tuesday 2 December, when", "Tuesday 2 December", "1997-12-02"),)),
    R("date_d_m", '@month', rf"{_B}(?P<d>%DAY)\s+(?:of\s+)?(?P<m>%MONTHFULL){_E}(?!\s+%YEAR)", "DATE", "year?-{m:month}-{d:day}",
      check="dm", examples=(("It opened on 3 February.", "3 February", "1998-02-03"),)),
    R("date_md_wd", '@month', rf"{_B}(?P<m>%MONTH)\s+(?P<d>%DAY)\s*\(\s*%WEEKDAY\s*\)", "DATE", "year?-{m:month}-{d:day}",
      examples=(("met on Feb. 9 (Monday) at", "Feb. 9 (Monday)", "1998-02-09"),)),
    R("date_wd_paren_md", '@month', rf"{_B}(?P<w>%WEEKDAY)\s*\(\s*(?P<m>%MONTH)\s+(?P<d>%DAY)(?:,?\s+(?P<y>%YEAR))?\s*\)", "DATE",
      "{0:wdmd}",
      examples=(("won on Wednesday (November 23).", "Wednesday (November 23)", "1997-11-23"),)),
    R("date_part_weekday", '@weekday', rf"{_B}(?P<p>(?i:early|late|earlier|later))\s+(?P<w>%WEEKDAY)(?!\s+%PARTDAY)", "DATE",
      "day?{w:weekday}", mod="{p:part}",
      examples=(("The talks ended late Monday.", "late Monday", "1998-02-09"),)),
    R("date_rel_weekday", '@weekday', rf"{_B}(?P<rel>(?i:last|next|this|this past|this coming|coming|past|the previous|the following))\s+(?P<w>%WEEKDAY){_E}(?!\s+%PARTDAY)",
      "DATE", "{rel:relwd}:D{w:weekday}",
      examples=(("A woman was killed last Friday.", "last Friday", "1998-02-06"),
                ("He will speak next Tuesday.", "next Tuesday", "1998-02-17"),
                ("the previous Friday", "the previous Friday", "1998-02-06"))),
    R("date_weekday", '@weekday', rf"{_B}(?P<w>%WEEKDAY){_E}(?!\s+%PARTDAY)(?!['’]s\s+(?:Child|Lunch))", "DATE", "day?{w:weekday}",
      examples=(("Shares fell Monday in Tokyo.", "Monday", "1998-02-09"),
                ("The board will vote Friday.", "Friday", "1998-02-13"))),
    R("time_weekday_part", '@weekday', rf"{_B}(?:(?P<p>(?i:early|late))\s+)?(?P<w>%WEEKDAY)\s+(?P<pd>%PARTDAY)", "TIME",
      "day?{w:weekday}|T{pd:partday}", mod="{p:part}",
      examples=(("The fire broke out Saturday night.", "Saturday night", "1998-02-07TNI"),)),
    R("date_today", 'today yesterday tomorrow', rf"{_B}(?P<w>(?i:today|yesterday|tomorrow|the day before yesterday|the day after tomorrow)){_E}(?!['’]s\s)", "DATE",
      "{w:dayword}", check="today",
      examples=(("The quake struck yesterday.", "yesterday", "1998-02-10"),
                ("She will be arraigned tomorrow.", "tomorrow", "1998-02-12"))),
    R("date_today_poss", 'today yesterday tomorrow', rf"{_B}(?P<w>(?i:today|yesterday|tomorrow))(?=['’]s\s)(?!['’]s\s+(?:world|society|economy|market|markets|standards|generation|youth|children|computers|technology|culture|business|environment)\b)", "DATE", "{w:dayword}",
      examples=(("in yesterday's trading", "yesterday", "1998-02-10"),)),
    R("date_part_today", 'today yesterday tomorrow', rf"{_B}(?P<p>(?i:early|late|earlier|later))\s+(?P<w>(?i:today|yesterday|tomorrow)){_E}(?!\s+%PARTDAY)",
      "DATE", "{w:dayword}", mod="{p:part}",
      examples=(("The bill passed late yesterday.", "late yesterday", "1998-02-10"),)),
    R("time_today_part", 'today yesterday tomorrow', rf"{_B}(?P<w>(?i:yesterday|tomorrow|today))\s+(?P<pd>%PARTDAY)", "TIME",
      "{w:dayword}|T{pd:partday}", examples=(("He left yesterday afternoon.", "yesterday afternoon", "1998-02-10TAF"),)),
    R("time_this_part", 'morning afternoon evening night', rf"{_B}(?:(?P<p>(?i:early|late|earlier|later))\s+)?(?P<rel>(?i:this|last|tomorrow))\s+(?P<pd>%PARTDAY)", "TIME",
      "{rel:partrel}|T{pd:partday}", mod="{p:part}",
      examples=(("Police said last night that", "last night", "1998-02-10TNI"),
                ("will speak this morning", "this morning", "1998-02-11TMO"),
                ("to vote later this afternoon", "later this afternoon", "1998-02-11TAF"))),
    R("time_tonight", 'tonight overnight', rf"{_B}(?:(?P<p>(?i:early|late|later))\s+)?(?P<w>(?i:tonight|overnight)){_E}", "TIME", "dct+0D|TNI",
      mod="{p:part}", examples=(("The vote is tonight.", "tonight", "1998-02-11TNI"),)),
    R("time_mid_part", 'morning afternoon evening', rf"{_B}(?P<p>(?i:mid-?|early |late ))(?P<pd>(?i:morning|afternoon|evening))(?:\s+(?P<w>(?i:yesterday|today|tomorrow)))?",
      "TIME", "{w:dayword}|T{pd:partday}", mod="{p:part}",
      examples=(("shares fell in mid-afternoon yesterday", "mid-afternoon yesterday", "1998-02-10TAF"),)),
    R("date_rel_week", 'week', rf"{_B}(?:(?P<p>(?i:earlier|later|early|late|the end of|the beginning of|the start of|the middle of))\s+)?(?P<rel>(?i:this|last|next|the past|past|the coming|coming|the previous|the following))\s+week(?![\w-])",
      "DATE", "{rel:rel}:W", mod="{p:part}",
      examples=(("Prices rose last week.", "last week", "1998-W06"),
                ("The plant closes early next week.", "early next week", "1998-W08"),
                ("The talks begin this week.", "this week", "1998-W07"))),
    R("date_weekend", 'weekend', rf"{_B}(?P<rel>(?i:this|last|next|the|this past|this coming|that))\s+weekend{_E}", "DATE",
      "{rel:relwe}:WE", examples=(("said over the weekend", "the weekend", "1998-W06-WE"),
                                  ("will meet next weekend", "next weekend", "1998-W08-WE"))),
    R("date_week_of", 'week', rf"{_B}%THE\s+week\s+of\s+(?P<m>%MONTH)\s+(?P<d>%DAY)", "DATE", "year?-{m:month}-{d:day}|week",
      examples=(("during the week of Feb. 2", "the week of Feb. 2", "1998-W06"),)),
    R("date_holiday", "christmas thanksgiving easter halloween new independence fourth labor labour memorial veterans "
      "armistice remembrance valentine boxing patrick bastille king presidents columbus mother father election "
      "good palm ash pentecost may",
      rf"{_B}(?P<h>%HOLIDAY)(?:,?\s+(?P<y>%YEAR))?{_E}", "DATE", "{0:holiday}",
      examples=(("Stores will stay open on Christmas Eve.", "Christmas Eve", "1998-12-24"),
                ("The talks broke down over Thanksgiving.", "Thanksgiving", "1997-11-27"),
                ("It will reopen after Easter.", "Easter", "1998-04-12"),
                ("He was elected on Election Day 1996.", "Election Day 1996", "1996-11-05"))),
    # ------------------------------------------------------------------ month granularity
    R("date_m_y", '@month', rf"{_B}(?:(?P<p>%PART|%PARTOF)[\s-]*)?(?P<m>%MONTH),?\s+(?:of\s+)?(?P<y>%YEAR)", "DATE", "{y}-{m:month}",
      mod="{p:part}", examples=(("in November 2001 the", "November 2001", "2001-11"),
                                ("by early March 1999", "early March 1999", "1999-03"))),
    R("date_m_spelled_year", '@month', rf"{_B}(?P<m>%MONTHFULL),?\s+(?P<y>(?i:nineteen)[- ](?:{_TENS})(?:[- ](?:{_UNITS1}))?|(?i:two thousand)(?:\s+and)?(?:[- ](?:{_UNITS1}))?){_E}",
      "DATE", "{y:spelledyear}-{m:month}", examples=(("It happened in January nineteen ninety-seven.", "January nineteen ninety-seven", "1997-01"),)),
    R("date_m_rel_year", '@month', rf"{_B}(?P<m>%MONTHFULL|%MONTH)\s+(?:of\s+)?(?P<rel>(?i:this|last|next|the following|the previous))\s+year{_E}", "DATE",
      "{rel:rel}:Y|-{m:month}", examples=(("closed in June last year.", "June last year", "1997-06"),)),
    R("date_rel_month_name", '@month', rf"{_B}(?:(?P<p>%PART|%PARTOF)[\s-]+)?(?P<rel>(?i:this|last|next|this past|this coming|the past|past|the coming|coming))\s+(?P<m>%MONTHFULL){_E}(?!\s+%DAY)",
      "DATE", "{rel:rel}:{m:month}", mod="{p:part}",
      examples=(("It rose last June.", "last June", "1997-06"),
                ("due this September", "this September", "1998-09"),
                ("since last April", "last April", "1997-04"))),
    R("date_part_month", '@month', rf"{_B}(?P<p>%PART|%PARTOF)[\s-]*(?P<m>%MONTHFULL){_E}(?!\s+%DAY)", "DATE", "year?-{m:month}",
      mod="{p:part}", examples=(("Prices rose until mid-November.", "mid-November", "1997-11"),
                                ("The offer will run until the end of November.", "the end of November", "1998-11"))),
    R("date_month", '@month', rf"{_B}(?P<m>%MONTHFULL){_E}(?!\s+%DAY)", "DATE", "year?-{m:month}", check="month",
      examples=(("Sales rose in January.", "January", "1998-01"),
                ("The October vote was close.", "October", "1997-10"),
                ("The store will open in April.", "April", "1998-04"))),
    R("date_rel_month", 'month', rf"{_B}(?:(?P<p>(?i:earlier|later|early|late|the end of|the beginning of|the start of|the middle of))\s+)?(?P<rel>(?i:this|last|next|the past|past|the coming|the previous|the following))\s+month(?![\w-])",
      "DATE", "{rel:rel}:M", mod="{p:part}",
      examples=(("Sales fell last month.", "last month", "1998-01"),
                ("The bill passed earlier this month.", "earlier this month", "1998-02"))),
    # ------------------------------------------------------------------ quarters and halves
    R("date_q_of_year", 'quarter period', rf"{_B}(?:%THE\s+)?(?:(?P<p>%PART|%PARTOF)\s+(?:the\s+)?)?(?:(?i:fiscal)\s+)?(?P<q>%QORD)[- ](?i:quarter|period)\s+(?:of\s+)?(?:(?i:fiscal|the fiscal year|fiscal year)\s+)?(?P<y>%YEAR)",
      "DATE", "{y}-Q{q:ord}", mod="{p:part}",
      examples=(("in the third quarter of 2001", "the third quarter of 2001", "2001-Q3"),
                ("the first quarter of fiscal 1990", "the first quarter of fiscal 1990", "1990-Q1"))),
    R("date_year_q", 'quarter period', rf"{_B}(?:%THE\s+)?(?:(?i:fiscal)\s+)?(?P<y>%YEAR)(?:['’]s)?\s+(?:(?i:fiscal)\s+)?(?P<q>%QORD)[- ](?i:quarter|period)",
      "DATE", "{y}-Q{q:ord}", examples=(("the 1989 third quarter", "the 1989 third quarter", "1989-Q3"),
                                         ("fiscal 1990's first quarter", "fiscal 1990's first quarter", "1990-Q1"))),
    R("date_rel_year_q", 'quarter half', rf"{_B}(?P<rel>(?i:this|last|next))\s+year['’]s\s+(?P<q>%QORD)[- ](?i:quarter|half)", "DATE",
      "{rel:rel}:Y|-{0:qh}", examples=(("this year's third quarter", "this year's third quarter", "1998-Q3"),
                                     ("last year's second half", "last year's second half", "1997-H2"))),
    R("date_yearago_q", 'quarter period', rf"{_B}(?:%THE\s+)?(?:(?i:comparable|same|corresponding)\s+)?(?i:year-earlier|year-ago|year earlier|prior-year|year-before)\s+(?:(?P<q>%QORD)[- ])?(?i:quarter|period)",
      "DATE", "{q:refqago}",
      examples=(("Net income of $5 million was up 8% from the year-ago quarter", "the year-ago quarter", "1996-Q4"),
                ("Profit in the third quarter rose 5% to $2 million from the year-earlier third quarter",
                 "the year-earlier third quarter", "1996-Q3"))),
    R("date_q_year_ago", 'quarter period', rf"{_B}%THE\s+(?:(?P<q>%QORD)[- ])?(?i:quarter|period)\s+a\s+year\s+(?:ago|earlier)", "DATE", "{q:refqago}",
      examples=(("Net fell 5% to $3 million, compared with the quarter a year ago", "the quarter a year ago", "1996-Q4"),)),
    R("date_quarter", 'quarter period', rf"{_B}(?:(?P<the>(?i:the))\s+)?(?:(?P<p>%PART|%PARTOF)\s+(?:the\s+)?)?(?:(?i:fiscal|current|latest|recent|just-ended|just-completed)\s+)?(?P<q>%QORD)[- ](?i:quarter|period){_E}(?!['’]s\s+(?!earnings|results|profit|net|loss))(?=,?\s+(?i:which\s+)?(?i:ended|ending|that ended|to)\s+(?P<em>%MONTH)\.?\s+(?P<ed>%DAY)(?:,?\s+(?P<ey>%YEAR))?)?",
      "DATE", "{0:quarter}", mod="{p:part}", check="finance",
      examples=(("Net income rose 5% to $3 million in the third quarter.", "the third quarter", "1997-Q3"),
                ("The company's third-quarter loss widened to $4 million, or 9 cents a share.", "third-quarter", "1997-Q3"))),
    R("date_the_quarter", 'quarter months month period', rf"{_B}%THE\s+(?:(?P<w>(?i:latest|most recent|just-ended|just-completed|recent|same|comparable|fiscal|current|previous|prior|preceding|latest fiscal))\s+)?(?i:quarter|three months|three-month period|latest period){_E}(?!['’]s\s+(?!earnings|results|profit|net|loss))(?=,?\s+(?i:which\s+)?(?i:ended|ending|that ended)\s+(?P<em>%MONTH)\.?\s+(?P<ed>%DAY)(?:,?\s+(?P<ey>%YEAR))?)?",
      "DATE", "{0:theq}", check="the_quarter",
      examples=(("Net income fell 5% to $3 million in the quarter.", "the quarter", "1997-Q4"),
                ("Earnings for the latest quarter were $2 million, or 5 cents a share.", "the latest quarter", "1997-Q4"),
                ("Sales in the current quarter will rise 5% to $9 million.", "the current quarter", "1998-Q1"))),
    R("date_year_period", 'period', rf"{_B}%THE\s+(?P<y>%YEAR)\s+(?i:period){_E}", "DATE", "{y}", check="finance",
      examples=(("Net income rose 5% to $3 million in the third quarter from $2 million in the 1996 period.",
                 "the 1996 period", "1996"),)),
    R("date_last_year_q", 'quarter period', rf"{_B}(?P<rel>(?i:last|this))\s+year['’]s\s+(?:(?P<q>%QORD)[- ])?(?i:quarter|period){_E}", "DATE",
      "{0:lastyearq}", examples=(("Net income was $3 million, up 5% from last year's quarter.", "last year's quarter",
                                  "1996-Q4"),)),
    R("date_quarters_of_year", 'quarters', rf"{_B}%THE\s+(?P<h>first|last)\s+two\s+quarters\s+of\s+(?P<y>%YEAR)", "DATE", "{y}-H{h:halfnum}",
      examples=(("through the first two quarters of 1999", "the first two quarters of 1999", "1999-H1"),)),
    R("date_half_of_year", 'half', rf"{_B}(?:%THE\s+)?(?P<h>%HORD)\s+half\s+of\s+(?:(?P<y>%YEAR)|(?P<rel>(?i:this|last|next|the))\s+year)",
      "DATE", "{0:halfyear}", examples=(("in the second half of 2012", "the second half of 2012", "2012-H2"),
                                          ("the first half of next year", "the first half of next year", "1999-H1"))),
    R("date_half", 'half', rf"{_B}(?:(?i:the)\s+)?(?:(?i:fiscal)\s+)?(?P<h>%HORD)[- ]half{_E}(?!\s+of)", "DATE", "year?-H{h:halfnum}",
      check="finance", examples=(("Net income rose 4% to $12 million in the second half.", "the second half", "1997-H2"),)),
    R("date_fiscal_year", 'fiscal fy', rf"{_B}(?:(?i:the)\s+)?(?:(?i:fiscal|fiscal year|the fiscal year|FY)\s*)(?P<y>%YEAR|\d\d(?!\d))", "DATE", "{y:year}",
      examples=(("a loss for fiscal 1989", "fiscal 1989", "1989"),)),
    R("date_rel_fiscal_year", 'fiscal financial', rf"{_B}(?P<rel>(?i:this|last|next|the current|the latest|the previous|the next|the past|the coming))\s+(?i:fiscal\s+year|fiscal|financial\s+year){_E}", "DATE",
      "{rel:relfy}:Y", examples=(("profit in the current fiscal year", "the current fiscal year", "1998"),)),
    # ------------------------------------------------------------------ seasons
    R("date_season_year", '@season', rf"{_B}(?:(?P<p>%PART|%PARTOF)[\s-]+)?(?:the\s+)?(?P<s>%SEASON)\s+(?:of\s+)?(?P<y>%YEAR)", "DATE",
      "{y}-{s:season}", mod="{p:part}", examples=(("in the summer of 1995", "the summer of 1995", "1995-SU"),)),
    R("date_season_spelled", '@season', rf"{_B}(?:%THE\s+)?(?P<s>%SEASON)\s+of\s+(?P<y>(?i:nineteen|two thousand)[\w\s-]*?(?:{NUM_WORDS}|hundred)(?:-(?:{_UNITS1}))?)(?![\w-])", "DATE",
      "{y:spelledyear}-{s:season}", examples=(("the winter of nineteen ninety-four", "the winter of nineteen ninety-four", "1994-WI"),)),
    R("date_rel_season", '@season', rf"{_B}(?:(?P<p>%PART|%PARTOF)[\s-]+)?(?P<rel>(?i:this|last|next|this past|this coming|the past|past|the coming|coming))\s+(?P<s>%SEASON){_E}", "DATE",
      "{rel:rel}:{s:season}", mod="{p:part}",
      examples=(("the plant closed last summer", "last summer", "1997-SU"),
                ("expected this spring", "this spring", "1998-SP"))),
    R("date_season", '@season', rf"{_B}(?P<lead>(?i:in|by|during|until|since|through|for|before|after)\s+)?(?P<span>(?:(?P<p>%PART|%PARTOF)[\s-]+)?(?:(?P<the>(?i:the))\s+)?(?P<s>(?i:spring|summer|autumn|winter|fall))){_E}(?!\s+(?:of|semester|term|collection|olympics|games|season|line))",
      "DATE", "year?-{s:season}", mod="{p:part}", check="season",
      examples=(("The plant will reopen in the spring.", "the spring", "1998-SP"),)),
    # ------------------------------------------------------------------ years
    R("date_part_year", '#year', rf"{_B}(?P<p>%PART|%PARTOF)[\s-]*(?:the\s+year\s+)?(?P<y>%YEAR)", "DATE", "{y}", mod="{p:part}",
      examples=(("until early 2001", "early 2001", "2001"), ("by the end of 1990", "the end of 1990", "1990"))),
    R("date_year_range", '#year', rf"{_B}(?P<y>%YEAR)[-–](?P<y2>\d\d)(?!\d)", "DATE", "{y}",
      examples=(("in 1987-88 the", "1987-88", "1987"),)),
    R("date_year", '#year', rf"{_B}(?:(?i:the year)\s+)?(?P<y>%YEAR)(?![\w-])(?!\s*(?:%|percent|per cent|yards?|feet|foot|miles?|meters?|metres?|km|people|shares|points|tons|votes))",
      "DATE", "{y}", check="year", examples=(("The start-up was founded in 2007.", "2007", "2007"),)),
    R("date_year2", "re:['’]\\d\\d", r"(?<![\w$])(?P<y>%YEAR2)(?![\w-])(?!s)", "DATE", "{y:twodigit}", check="year2",
      examples=(("since the crash of '87, they", "'87", "1987"),)),
    R("date_spelled_year", 'nineteen thousand', rf"{_B}(?:(?i:the year)\s+)?(?P<y>(?i:nineteen)[- ](?:(?:{_TENS})(?:[- ](?:{_UNITS1}))?|hundred(?:\s+and)?\s+(?:{_TENS})(?:[- ](?:{_UNITS1}))?)|(?i:two thousand)(?:\s+and)?(?:[- ](?:{_UNITS1}|ten|eleven|twelve))?){_E}",
      "DATE", "{y:spelledyear}", check="spelledyear",
      examples=(("elected in nineteen ninety-six", "nineteen ninety-six", "1996"),
                ("by the year two thousand", "the year two thousand", "2000"))),
    R("date_rel_year", 'year decade century', rf"{_B}(?:(?P<p>(?i:earlier|later|early|late|the end of|the beginning of|the start of|the middle of|the rest of|the remainder of|the balance of|the first half of|the second half of))\s+)?(?P<rel>(?i:this|last|next|the past|the coming|the previous|the current|the following))\s+(?P<u>(?i:year|decade|century)){_E}(?!['’]s\s+(?:first|second|third|fourth)\b)",
      "DATE", "{0:relyear}", mod="{p:part}",
      examples=(("Sales rose last year.", "last year", "1997"),
                ("The plant opens early next year.", "early next year", "1999"),
                ("They met earlier this year.", "earlier this year", "1998"))),
    R("date_part_the_year", 'year', rf"{_B}(?P<p>(?i:the end of|the beginning of|the start of|the middle of|the rest of|the remainder of|the balance of|earlier in|later in|early in|late in))\s+the\s+year{_E}",
      "DATE", "this:Y", mod="{p:part}", examples=(("by the end of the year", "the end of the year", "1998"),)),
    R("date_year_end", 'year', rf"{_B}(?i:year-end|year's end|year end|the year's end){_E}", "DATE", "this:Y", mod="END",
      examples=(("complete the deal by year-end", "year-end", "1998"),)),
    # ------------------------------------------------------------------ decades and centuries
    R("date_decade", "re:\\d0['’]?s", rf"{_B}(?:(?i:the)\s+)?(?:(?P<p>(?i:early|late|mid|middle))[\s-]*)?(?P<y>(?:1[5-9]|20)\d0)['’]?s{_E}", "DATE",
      "{y:decade}", mod="{p:part}", examples=(("in the 1990s", "the 1990s", "199"),
                                              ("since the mid-1980s", "the mid-1980s", "198"))),
    R("date_decade2", "re:\\d0['’]?s", rf"{_B}(?:(?i:the)\s+)?(?:(?P<p>(?i:early|late|mid|middle))[\s-]*)?['’](?P<y>\d0)['’]?s{_E}", "DATE",
      "19{y:decade2}", mod="{p:part}", examples=(("in the late '70s", "the late '70s", "197"),)),
    R("date_decade_word", 'twenties thirties forties fifties sixties seventies eighties nineties', rf"{_B}(?:(?i:the)\s+)?(?:(?P<p>(?i:early|late|mid|middle))[\s-]*)?(?:(?P<t>%TEENWORD)[\s-]+)?(?P<w>%DECADEWORD){_E}", "DATE",
      "{0:decadeword}", mod="{p:part}", examples=(("in the nineties", "the nineties", "199"),)),
    R("date_half_decade", "re:\\d0['’]?s", rf"{_B}%THE\s+(?P<h>first|last|second|latter)\s+half\s+of\s+the\s+['’]?(?P<y>\d0)['’]?s{_E}", "DATE", "19{y:decade2}",
      mod="{h:halfmod}", examples=(("in the last half of the '80s", "the last half of the '80s", "198"),)),
    R("date_century", 'century', rf"{_B}(?:(?i:the)\s+)?(?:(?P<p>(?i:early|late|mid|middle))[\s-]*)?(?P<n>\d{{1,2}}(?:st|nd|rd|th)|%DAYORD)[\s-]+(?i:century){_E}", "DATE",
      "{n:century}", mod="{p:part}", examples=(("in the 19th century", "the 19th century", "18"),
                                               ("the twenty-first century", "the twenty-first century", "20"))),
    # ------------------------------------------------------------------ counted from an anchor
    R("date_ago", 'ago', rf"{_B}(?:(?P<q>(?i:about|around|nearly|almost|some|roughly|more than|less than|just over|only|barely))\s+)?(?P<n>%NUMBER)\s+(?P<u>%UNIT)\s+(?i:ago){_E}",
      "DATE", "{0:ago}", mod="{q:approx}",
      examples=(("the plant opened two years ago", "two years ago", "1996"),
                ("about three weeks ago", "about three weeks ago", "1998-W04"),
                ("five days ago", "five days ago", "1998-02-06"),
                ("founded four and a half years ago", "four and a half years ago", "1993-08"))),
    R("date_earlier_later", 'earlier later before after previously', rf"{_B}(?:(?P<q>(?i:about|around|nearly|almost|some|roughly|more than|less than|just over|only|barely))\s+)?(?P<n>%NUMBER)\s+(?P<u>%UNIT)\s+(?P<d>(?i:earlier|later|previously)|(?i:before|after)(?=\s*[,.;]|\s+(?:and|but)\s)){_E}(?!\s+than)",
      "DATE", "{0:earlier}", mod="{q:approx}",
      examples=(("Profit was $5 million, up from $4 million a year earlier.", "a year earlier", "1997"),
                ("Prices fell in March; two months later they", "two months later", "1997-05"))),
    R("date_year_earlier_adj", 'year prior', rf"{_B}(?i:year-earlier|year-ago|year-before|a-year-earlier|prior-year){_E}", "DATE", "cmpref-1Y",
      examples=(("compared with year-earlier profit of", "year-earlier", "1997"),)),
    R("date_vague_ago", 'ago earlier', rf"{_B}(?P<n>(?i:several|a few|a couple of|many|some))\s+(?P<u>%UNIT|(?i:hours|minutes))\s+(?i:ago|earlier){_E}", "DATE", "PAST_REF",
      examples=(("He left several years ago.", "several years ago", "PAST_REF"),)),
    R("date_units_ago", 'ago earlier', rf"{_B}(?P<u>(?i:years|months|weeks|days|decades))\s+(?i:ago|earlier){_E}", "DATE", "PAST_REF",
      examples=(("They met years ago.", "years ago", "PAST_REF"),)),
    # ------------------------------------------------------------------ present, past and future references
    R("ref_present", 'now currently present presently nowadays these', rf"{_B}(?:(?i:right now|currently|at present|presently|nowadays|these days|the present|for now|as of now|the present time|just now)|(?i:now)(?!\s+for\b)(?<!Now)|Now(?!\s*,|\s+for\b)){_E}",
      "DATE", "PRESENT_REF", check="now",
      examples=(("Prices are now higher.", "now", "PRESENT_REF"),
                ("The group currently holds 5%.", "currently", "PRESENT_REF"))),
    R("ref_current", 'current', rf"{_B}(?i:the current|current)(?=\s+(?:year|quarter|month|week|period|season|fiscal|levels?|rates?|prices?|conditions|market|situation|crisis|weakness|climate|environment|account|state|pace|realities|reality|trend|economic|financial|difficulties|slump|downturn|session|term|decade|century|crop|administration)\b)", "DATE",
      "PRESENT_REF", check="current",
      examples=(("at current prices", "current", "PRESENT_REF"),)),
    R("ref_past", 'recently lately past', rf"{_B}(?i:recently|more recently|lately|the past){_E}(?!\s+(?:\d|%NUMBER\s|%NUMX|%UNIT|than|this|that|today|yesterday|tomorrow|%WEEKDAY|%MONTH|in\b|on\b|when|known|called|again|more|upon|and|or|before|were|again))",
      "DATE", "PAST_REF", check="past",
      examples=(("The firm recently sold a unit.", "recently", "PAST_REF"),
                ("In the past, prices rose.", "the past", "PAST_REF"))),
    R("ref_recent", 'recent', rf"{_B}(?i:recent)(?=\s+(?:years|decades|months|weeks|days|times|history|past|closing|decline|declines|rally|gains|weeks'|trading|sessions|drop|surge|slide|sell-off|plunge)\b)",
      "DATE", "PAST_REF", check="recent",
      examples=(("despite the recent decline", "recent", "PAST_REF"),)),
    R("ref_recent_units", 'recent', rf"{_B}(?i:recent)\s+(?P<u>(?i:years|decades|days)){_E}", "DATE", "PAST_REF",
      examples=(("in recent years, the", "recent years", "PAST_REF"),)),
    R("ref_future", 'soon future term someday date ahead', rf"{_B}(?i:soon|the future|the near future|the near term|the short term|the distant future|someday|a later date|the years ahead|the months ahead){_E}(?!\s+(?:after|before|as|than|of)\b)",
      "DATE", "FUTURE_REF", check="future",
      examples=(("The deal should close soon.", "soon", "FUTURE_REF"),
                ("a plant in the near future", "the near future", "FUTURE_REF"))),
    R("ref_future_adj", 'future', rf"{_B}(?i:future)(?=\s+(?:years|quarters|months|periods|generations|decades)\b)", "DATE",
      "FUTURE_REF", examples=(("losses in future quarters", "future", "FUTURE_REF"),)),
    R("ref_then", 'then', rf"{_B}(?i:then)(?=\s+(?:current|president|chairman|prime minister|secretary|chief)\b)", "DATE", "PAST_REF",
      examples=(("the then president", "then", "PAST_REF"),)),
    # ------------------------------------------------------------------ clock times: the day is the one written beside
    # or near them in the sentence ("10 p.m. Wednesday", "on Nov. 9 at 5 p.m."), else the publication date
    R("time_clock_day", 're:\\d\\s*[aApP]\\.?[mM]\\b', rf"{_B}(?:(?P<q>(?i:about|around|approximately|shortly after|shortly before|just after|just before))\s+)?(?P<h>1[0-2]|0?[1-9])(?::(?P<mi>[0-5]\d))?\s*(?P<ap>(?i:a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b))(?:\s*\(?(?P<z>(?:[ECMP][SD]T|GMT|UTC))\)?)?",
      "TIME", "{0:clock}", mod="{q:approx}",
      examples=(("at 10 p.m. Wednesday the", "10 p.m. Wednesday", "1998-02-11T22:00"),
                ("at around 7:15 p.m. the", "around 7:15 p.m.", "1998-02-11T19:15"),
                ("Bids were due by 5 p.m. EST, Nov. 9.", "5 p.m. EST, Nov. 9", "1997-11-09T17:00"))),
    R("time_clock_partday", 're:\\d[:.]\\d\\d (?:in the|at night)', rf"{_B}(?:(?P<q>(?i:about|around|approximately|shortly after|shortly before|just after|just before))\s+)?(?P<h>1[0-2]|0?[1-9])[:.](?P<mi>[0-5]\d)\s+(?P<pd>(?i:in the (?:morning|afternoon|evening)|at night)){_E}",
      "TIME", "{0:clock}", mod="{q:approx}",
      examples=(("files were scrambled at 4:10 in the morning", "4:10 in the morning", "1998-02-11T04:10"),
                ("the call came at 9.15 at night", "9.15 at night", "1998-02-11T21:15"))),
    R("time_clock24", 're:\\d:\\d\\d', rf"{_B}(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?:\s*(?P<z>GMT|UTC|[ECMP][SD]T|(?i:local time|hrs|hours)))", "TIME",
      "{0:clock}", examples=(("at 18:41 local time", "18:41 local time", "1998-02-11T18:41"),)),
    R("time_noon", 'noon midday midnight', rf"{_B}(?:(?P<q>(?i:about|around|shortly after|shortly before|just after|just before))\s+)?(?P<w>(?i:noon|midday|midnight)){_E}",
      "TIME", "{0:clock}", mod="{q:approx}",
      examples=(("The vote will be held at noon Thursday.", "noon Thursday", "1998-02-12T12:00"),)),
    # ------------------------------------------------------------------ durations
    R("dur_qual_units", '@unit', rf"{_B}(?:(?P<q>%QUAL)\s+(?!the\s))?(?:(?i:the)\s+)?(?:(?P<rel>(?i:past|last|next|first|previous|coming|following|final|ensuing|preceding|latest|prior|remaining))\s+)?(?P<n>%NUMBER|\d+(?:\.\d+)?|%NUMX)[\s-]+(?P<u>%UNIT|%TUNIT){_E}(?!\s+(?:ago|earlier|later|old)\b)(?!-old)",
      "DURATION", "{0:duration}", mod="{q:durmod}", check="duration",
      examples=(("over the past two months", "the past two months", "P2M"),
                ("a five-year contract", "five-year", "P5Y"),
                ("in the first nine months", "the first nine months", "P9M"),
                ("for more than four hours", "more than four hours", "PT4H"),
                ("It took several years.", "several years", "PXY"),
                ("in camps for 2 1/2 years.", "2 1/2 years", "P2Y6M"),
                ("after 210 years of rule", "210 years", "P210Y"))),
    R("dur_the_months", 'months', rf"{_B}%THE\s+(?P<n>six|nine|three|twelve|two|eight|ten|eleven|four|five|seven)\s+months{_E}(?!\s+(?:ago|earlier|later)\b)", "DURATION", "P{n:num}M",
      examples=(("sales for the nine months rose", "the nine months", "P9M"),)),
    R("dur_a_unit", '@unit', rf"{_B}(?:(?P<q>(?i:about|nearly|almost|more than|less than|over|under|at least|roughly))\s+)?(?P<a>(?i:a|an|one))\s+(?P<u>(?i:week|month|year|decade|day|hour|minute|century))(?:\s+and\s+a\s+half)?(?=\s+(?:or|to|and|of|in|after|before|since|from|for|at|that|as|later|earlier|longer|ahead|,|\.|;)|[,.;])(?!\s+(?:ago|earlier|later)\b)",
      "DURATION", "{0:duration}", mod="{q:durmod}", check="a_unit",
      examples=(("It took a week to fix.", "a week", "P1W"),
                ("for nearly an hour.", "nearly an hour", "PT1H"))),
    R("dur_vague_plural", '@unit', rf"{_B}(?:%THE\s+)?(?:(?P<rel>(?i:past|next|coming|last|recent|ensuing|following))\s+)?(?P<u>(?i:years|months|weeks|days|decades|centuries)){_E}(?!\s+(?:ago|earlier|later|old)\b)",
      "DURATION", "{0:vagueplural}", check="vagueplural",
      examples=(("over the coming weeks", "the coming weeks", "PXW"), ("for years, the", "years", "PXY"))),
    # ------------------------------------------------------------------ sets
    R("set_each", 'each every per', rf"{_B}(?i:each|every|per)\s+(?P<u>(?i:day|week|month|quarter|year|hour|%WEEKDAY|%MONTHFULL|summer|winter)){_E}", "SET",
      "{u:set}", examples=(("meets every month", "every month", "P1M"), ("each Thursday", "each Thursday", "XXXX-WXX-4"))),
    R("set_weekday_nights", '@weekday', rf"{_B}(?P<w>%WEEKDAY)(?:s|\s+(?P<pd>%PARTDAY)s){_E}", "SET", "{0:setweekday}",
      examples=(("open on Tuesday nights", "Tuesday nights", "XXXX-WXX-2TNI"),)),
)
