"""Reader comments and comment widgets at the end of a flattened page.

Two shapes, both seen in scraped news text:

- a comment *section*: a header ("3 Comments", "Leave a Reply", or "Jane says:" followed by a
  timestamp) after which everything to the end is comments and form furniture;
- a "recent comments" *widget*: lines ``<who> in: <post title>`` / ``<who> on: <post title>``
  (or ``<who> says:``), each optionally followed by an excerpt. A lone "Focus on: the border" heading must not count,
  so a widget needs two such lines, a URL as commenter (spam), or an excerpt cut with "...".
"""

from __future__ import annotations

import re

from eventwire.article.lexicon import SPAM_WORDS

_SECTION = re.compile(
    r"^(?:(?:\d+|no)\s+)?(?:comments?|reader comments|recent comments|leave a (?:reply|comment)|"
    r"post a comment|add a comment|write a comment|join the (?:discussion|conversation)|"
    r"comments are closed|show comments|view comments)\s*[:.]?$|"
    r"^(?:one|\d+) (?:thoughts?|responses?|comments?|replies) (?:on|to)\b",
    re.I,
)
_FURNITURE = re.compile(
    r"your email address will not be published|required fields are marked|"
    r"save my name, email|notify me of (?:follow-up comments|new posts)|"
    r"^(?:reply|reply ↓|log in to reply|report|like|quote|cancel reply|submit comment|"
    r"post comment|load more comments)$|^(?:name|email|website|comment)\s*\*?$",
    re.I,
)
_ANCHOR = re.compile(r"^(?P<who>\S.{0,100}?)\s(?:in|on):\s+\S")
_SAYS = re.compile(r"^\S.{0,60}?\s+says:?$", re.I)
_STAMP = re.compile(
    r"^(?:on\s+)?(?:[A-Za-z]{3,9}\.? \d{1,2},? \d{4}|\d{1,2} [A-Za-z]{3,9}\.? \d{4}|"
    r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})"
    r"(?:,? (?:at )?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?)?$",
    re.I,
)
_URL = re.compile(r"https?://|www\.|\.(?:com|net|org|info|biz|ru)\b", re.I)
_ELLIPSIS = ("...", "…")


def mark_comments(lines: list[str], labels: list[str | None]) -> None:
    """Label comment sections and recent-comment widgets in place."""
    _mark_section(lines, labels)
    _mark_widget(lines, labels)


def _mark_section(lines: list[str], labels: list[str | None]) -> None:
    seen_prose = False
    for index, line in enumerate(lines):
        if labels[index] is not None:
            continue
        if seen_prose and (_SECTION.match(line) or _is_says(lines, index)):
            for j in range(index, len(lines)):
                if labels[j] is None:
                    labels[j] = _section_kind(lines[j])
            return
        seen_prose = True


def _is_says(lines: list[str], index: int) -> bool:
    return (
        index + 1 < len(lines)
        and bool(_SAYS.match(lines[index]))
        and bool(_STAMP.match(lines[index + 1]))
    )


def _section_kind(line: str) -> str:
    if _SECTION.match(line) or _FURNITURE.search(line):
        return "comment_widget"
    anchor = _anchor_kind(line)
    if anchor:
        return anchor
    return "spam" if _is_spam(line) else "comment"


def _anchor_kind(line: str) -> str | None:
    """'spam' for '<url> in: title', 'comment_widget' for '<name> in: title', 'comment' for a
    short '<name> says:' line, else None."""
    if len(line) > 300:
        return None
    match = _ANCHOR.match(line)
    if not match:
        return "comment" if _SAYS.match(line) and line.count(" ") <= 4 else None
    who = match.group("who")
    if _URL.match(who) or _is_spam(who):
        return "spam"
    if who.count(" ") >= 5 or who[-1] in ".,;!?" or '"' in who:
        return None
    return "comment_widget"


def _is_spam(text: str) -> bool:
    if not _URL.search(text):
        return False
    folded = text.casefold()
    return any(word in folded for word in SPAM_WORDS)


def _mark_widget(lines: list[str], labels: list[str | None]) -> None:
    """Walk back from the end over widget lines; apply only if it is clearly a widget."""
    found: list[tuple[int, str]] = []
    anchors = 0
    certain = False
    index = len(lines) - 1
    while index >= 0:
        line = lines[index]
        if labels[index] is not None:
            index -= 1
            continue
        anchor = _anchor_kind(line)
        if anchor:
            anchors += 1
            certain = certain or anchor == "spam"
            found.append((index, anchor))
        elif _FURNITURE.search(line) or _STAMP.match(line):
            found.append((index, "comment_widget"))
        elif _is_spam(line) and line.count(" ") < 40:
            found.append((index, "spam"))
            certain = True
        elif index > 0 and _anchor_kind(lines[index - 1]) and _is_excerpt(line):
            found.append((index, "comment"))
            certain = certain or line.endswith(_ELLIPSIS)
        else:
            break
        index -= 1
    if anchors and (anchors >= 2 or certain) and index >= 0:
        for j, kind in found:
            labels[j] = kind


def _is_excerpt(line: str) -> bool:
    return line.endswith(_ELLIPSIS) or line.count(" ") < 60
