"""Character normalisation, markup stripping and paragraph splitting for article text.

Every later offset points into the text built here, so it must be stable and plain: one
paragraph per line, single spaces, no invisible characters, no markup. All passes are single
regex scans or ``str.translate`` so they stay linear in the document length.
"""

from __future__ import annotations

import re

from eventwire.article.lexicon import HTML_TAGS

_INVISIBLE = (
    [*range(0x00, 0x09), *range(0x0E, 0x20), *range(0x7F, 0xA0)]
    + [0x00AD, 0x061C, 0x180E, 0xFEFF, *range(0x200B, 0x2010), *range(0x202A, 0x202F)]
    + [*range(0x2060, 0x2065), *range(0x2066, 0x206A)]
)
_TRANSLATE: dict[int, str | None] = dict.fromkeys(_INVISIBLE)
_TRANSLATE.update(
    {0x09: " ", 0x0B: "\n", 0x0C: "\n", 0x0D: "\n", 0x85: "\n", 0x2028: "\n", 0x2029: "\n"}
)
_TRANSLATE.update(
    dict.fromkeys([0xA0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000], " ")
)

_SURROGATES = re.compile(r"[\ud800-\udfff]")
_SPACES = re.compile(r" {2,}")

# A closed tag-like run; plain text only loses it when the name is a known HTML element.
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9:-]*)(?=[\s/>])[^<>]*>")
# Any tag carrying an event handler or script URL, whatever its name.
_HOSTILE_TAG = re.compile(r"<[A-Za-z][^<>]*?(?:\son[a-z]+\s*=|javascript:)[^<>]*>", re.I)
# An unterminated opening tag up to the end of its line (what a browser would still parse).
_OPEN_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9:-]*)(?=[\s/]|$)[^<>\n]*$", re.M)
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_DANGEROUS_OPEN = re.compile(
    r"<(script|style|iframe|object|embed|template|svg|math|noscript|xmp)\b[^<>]*>", re.I
)
_SCRIPT_URL = re.compile(
    r"\b(?:javascript|vbscript|livescript)\s*:\S*|\bdata\s*:\s*text/html\S*", re.I
)


def normalize_chars(text: str) -> str:
    """Unify line breaks and spaces; drop control, zero-width, bidi-control and surrogate chars."""
    return _SURROGATES.sub("", text.replace("\r\n", "\n").translate(_TRANSLATE))


def strip_markup(text: str, any_tag: bool) -> str:
    """Remove markup so no script, style or event handler can reach ``Article.text``.

    ``any_tag`` (for text that came out of HTML) strips every tag-like run; plain text only loses
    tags of known HTML elements and hostile ones, so "<Jane Doe>" or "a<b" survive. Script-like
    elements lose their content too.
    """
    if "<" not in text and ":" not in text:
        return text
    if "<" in text:
        text = _HTML_COMMENT.sub(" ", text) if "<!--" in text else text
        text = _drop_dangerous_elements(text)
        text = _HOSTILE_TAG.sub(" ", text)
        text = _TAG.sub(_drop_all if any_tag else _drop_known, text)
        text = _OPEN_TAG.sub(_drop_known, text)
    return _SCRIPT_URL.sub(" ", text)


def _drop_all(match: re.Match[str]) -> str:
    return " "


def _drop_known(match: re.Match[str]) -> str:
    return " " if match.group(1).lower() in HTML_TAGS else match.group(0)


def _drop_dangerous_elements(text: str) -> str:
    """Cut ``<script ...>...</script>`` and friends, content included, in one forward pass."""
    out: list[str] = []
    pos = 0
    lower: str | None = None
    missing: set[str] = set()  # closing tags known to be absent after some point
    for match in _DANGEROUS_OPEN.finditer(text):
        if match.start() < pos:
            continue
        out.append(text[pos : match.start()])
        name = match.group(1).lower()
        end = -1
        if name not in missing:
            lower = lower if lower is not None else text.lower()
            end = lower.find(f"</{name}", match.end())
        if end < 0:
            missing.add(name)
            pos = match.end()
        else:
            close = text.find(">", end)
            pos = len(text) if close < 0 else close + 1
        out.append(" ")
    out.append(text[pos:])
    return "".join(out)


def to_paragraphs(text: str, unwrap: bool) -> list[str]:
    """Normalised text -> non-empty paragraphs, whitespace collapsed inside each.

    With ``unwrap``, hard-wrapped text (wire copy, MUC-style 70-column lines) has its wrapped
    lines joined back into paragraphs; one-paragraph-per-line text is left as it is.
    """
    raw = text.split("\n")
    lines = [_SPACES.sub(" ", line).strip() for line in raw]
    if unwrap:
        columns = [len(line.rstrip()) for line in raw]  # as typed: indent and double spaces
        width = _wrap_width(lines, columns)
        if width:
            indents = [len(line) - len(line.lstrip(" ")) for line in raw]
            return _join_wrapped(lines, columns, indents, width)
    return [line for line in lines if line]


def _wrap_width(lines: list[str], columns: list[int]) -> int | None:
    """The longest line of a hard-wrapped text, or None when it is not hard-wrapped.

    Hard-wrapped: most lines followed by another line are nearly full and stop mid-sentence.
    """
    followed = [i for i in range(len(lines) - 1) if lines[i] and lines[i + 1]]
    if len(followed) < 2:
        return None
    width = max(columns)
    if not 40 <= width <= 120:
        return None
    full = sum(1 for i in followed if columns[i] >= 0.7 * width)
    open_ended = sum(1 for i in followed if lines[i][-1] not in ".!?\"'”’:")
    if full >= 0.6 * len(followed) and open_ended >= 0.5 * len(followed):
        return width
    return None


def _join_wrapped(
    lines: list[str], columns: list[int], indents: list[int], width: int
) -> list[str]:
    """Join soft-wrapped lines back into paragraphs.

    When blank lines separate paragraphs (wire copy), a paragraph is everything between them:
    wrap columns in old wire text are too irregular to find breaks from line length. Otherwise
    an indented line starts a paragraph and a short line (under 60% of the width) ends one.
    """
    last = max(i for i, line in enumerate(lines) if line)
    blank_separated = any(not lines[i] and lines[i - 1] for i in range(1, last))
    paragraphs: list[str] = []
    current = ""
    for index, line in enumerate(lines):
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        indented = index > 0 and indents[index] > indents[index - 1] and indents[index] > 0
        if current and indented and not blank_separated:
            paragraphs.append(current)
            current = ""
        if not current:
            current = line
        elif current[-1] == "-" and len(current) > 1 and current[-2].isalpha():
            current += line  # "counter-" + "terrorism"
        else:
            current += " " + line
        if not blank_separated and columns[index] < 0.6 * width:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs
