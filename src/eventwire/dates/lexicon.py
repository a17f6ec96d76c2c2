"""Words the date patterns are built from: pure data, no logic.

Kept apart from the regexes so the vocabulary can be read, reviewed and extended without
reading the patterns (spaCy keeps its language data the same way).
"""

from __future__ import annotations

# Month names and the abbreviations wire copy uses ("Feb.", "Sept", "JAN"); keyed by the
# first three letters, which is how a matched name is looked up.
MONTH_NAMES: tuple[str, ...] = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTH_ABBREVIATIONS: tuple[str, ...] = (
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sept",
    "sep",
    "oct",
    "nov",
    "dec",
)
MONTH_NUMBER: dict[str, int] = {name[:3]: number for number, name in enumerate(MONTH_NAMES, 1)}

WEEKDAY_NAMES: tuple[str, ...] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
WEEKDAY_NUMBER: dict[str, int] = {name: number for number, name in enumerate(WEEKDAY_NAMES)}

# Small cardinals used in "two days ago", "the past three weeks". Larger spans are written
# in digits in news copy.
NUMBER_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "couple": 2,
}

# Nouns (and a few verbs) that, right after a number, show the number is a count and not a
# day or a year: "in May 30 people died", "on 3 February, 2000 protesters marched".
COUNT_WORDS: tuple[str, ...] = (
    "people",
    "persons",
    "person",
    "civilians",
    "soldiers",
    "troops",
    "policemen",
    "police",
    "officers",
    "militants",
    "rebels",
    "guerrillas",
    "insurgents",
    "fighters",
    "gunmen",
    "attackers",
    "men",
    "women",
    "children",
    "students",
    "workers",
    "villagers",
    "protesters",
    "demonstrators",
    "refugees",
    "migrants",
    "prisoners",
    "hostages",
    "members",
    "bodies",
    "victims",
    "casualties",
    "dead",
    "killed",
    "wounded",
    "injured",
    "died",
    "were",
    "are",
    "have",
    "had",
    "others",
    "houses",
    "homes",
    "vehicles",
    "percent",
    "per",
)
# Words allowed between the number and the count noun ("30 more people", "12 unarmed men").
COUNT_MODIFIERS: tuple[str, ...] = (
    "more",
    "other",
    "unarmed",
    "innocent",
    "armed",
    "civilian",
    "security",
    "police",
    "government",
    "foreign",
    "local",
    "young",
)
