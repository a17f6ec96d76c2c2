"""Link lists under a "Related" / "Read more" / "Most read" header.

A header alone is furniture wherever it stands; the short title lines under it are removed too
when they run to the end of the document (or into other furniture), which is how trailing link
lists look once a page is flattened to text. A header followed by prose keeps the prose.
"""

from __future__ import annotations

import re

_HEADER = re.compile(
    r"^(?:related(?: articles?| stories| posts| content| coverage| news| topics?| links)?|"
    r"read more|read next|more (?:from|on|in) [\w .'’-]{1,40}|more (?:stories|news|articles)|"
    r"see also|also read|read also|further reading|recommended(?: for you| reading)?|"
    r"you (?:may|might) also (?:like|be interested in)|most (?:read|popular|viewed|shared)|"
    r"trending(?: now| stories)?|popular(?: posts| stories)?|recent posts|latest (?:news|stories|posts)|"
    r"editor'?s? picks|top stories|what to read next)\s*[:.]?$",
    re.I,
)


def is_related_header(line: str) -> bool:
    return len(line) <= 60 and bool(_HEADER.match(line))


def _is_title(line: str) -> bool:
    words = line.count(" ") + 1
    return words <= 15 and len(line) <= 160 and (words <= 6 or line[-1] not in ".;,")


def mark_related(lines: list[str], labels: list[str | None]) -> None:
    """Label related headers, and the title lists under them that reach the end, in place.

    Safe to run again after other passes have labelled more lines: a list that now runs into
    furniture (a comment widget, a footer) is then removed as well.
    """
    junk_from = len(lines)  # every line from here on is labelled
    while junk_from > 0 and labels[junk_from - 1] is not None:
        junk_from -= 1
    scanned = 0  # lines before this were already scanned as part of an earlier list
    for index, line in enumerate(lines):
        if not is_related_header(line) or labels[index] not in (None, "related"):
            continue
        labels[index] = "related"
        if index < scanned:
            continue
        end = index + 1
        while end < len(lines) and labels[end] in (None, "related") and _is_title(lines[end]):
            end += 1
        scanned = end
        if end > index + 1 and end >= junk_from:
            for j in range(index + 1, end):
                labels[j] = "related"
