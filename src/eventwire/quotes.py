"""Quotes and reported speech, attributed to a speaker with the role the text gives them.

Direct quotes are the text between quotation marks with a speech verb next to them
(“…,” Bortnikov said). Reported speech is the complement of a speech verb ("X said that …").
A speaker's short name ("Bortnikov") resolves to the fullest earlier mention of the same person
("Alexander Bortnikov"), and the role comes from an apposition next to any mention of them
("Alexander Bortnikov, director of the …, warned") or a title before the name.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from eventwire.model import Quote

_SPEECH = frozenset("say tell add stress warn note state explain insist declare announce confirm deny claim urge vow argue".split())
_QUOTE_RE = re.compile(r"“([^”]{8,}?)”|\"([^\"\n]{8,}?)\"")


def _persons(doc: Doc) -> list[Span]:
    return [e for e in doc.ents if e.label_ == "PERSON"]


_TITLE_WORDS = frozenset(
    """colonel col gen general lt lieutenant captain capt major maj sgt sergeant commander mr mrs ms dr
    president minister governor mayor senator judge father police chief spokesman spokeswoman deputy
    superintendent inspector commissioner commodore air vice rear admiral brigadier marshal sheikh
    imam pastor bishop archbishop prof professor sir lord ambassador coach""".split()
)


def _full_name(name: str, persons: list[Span], text: str) -> str:
    last = name.split()[-1].lower() if name.split() else ""
    best = name
    if len(name.split()) == 1 and last:
        # "Nur" -> "Ahmed Nur": the fullest capitalised run ending in the surname
        pattern = re.compile(r"((?:[A-Z][\w'’.-]*\s+){1,3})" + re.escape(name.split()[-1]) + r"\b")
        for m in pattern.finditer(text):
            words = [w for w in m.group(1).split() if w.lower() not in _TITLE_WORDS]
            candidate = " ".join([*words, name.split()[-1]])
            if len(words) >= 1 and len(candidate) > len(best) and all(w[0].isupper() for w in words):
                best = candidate
    for p in persons:
        surface = _strip_titles(text[p.start_char : p.end_char])
        words = surface.split()
        if words and (words[-1].lower() == last or words[-1].lower().endswith("-" + last)) and len(surface) > len(best):
            best = surface
    return best


_ROLE_WORDS = r"(?:spokesman|spokeswoman|spokesperson|director|president|minister|commander|governor|official|head|chief|leader|mayor|expert|analyst|researcher|professor|secretary|councilman|councillor|coach|manager|executive|officer|witness|resident|seller|vendor|teacher|doctor|father|mother|brother|sister|member|chairman|chairwoman|editor|ambassador|envoy|general|colonel|captain|superintendent|inspector|administrator|adviser|advisor|lawyer|judge|prosecutor)"
_APPOS_AFTER = re.compile(r",\s+((?:(?:a|an|the)\s+)?[^,.;“”\"]{2,140}?)(?=,|\.|;|\s+(?:said|says|told|added|warned)\b)")


def _title_chain(doc: Doc, start: int) -> str | None:
    """Words before a name that describe the person: "Mandera County Police Commander", "chief executive"."""
    j = start
    while j > 0 and doc[j - 1].dep_ in ("compound", "amod", "nmod") and not doc[j - 1].is_punct and doc[j - 1].ent_type_ != "PERSON" and doc[j - 1].lower_ not in ("said", "says", "told"):
        j -= 1
    if j == start:
        return None
    return doc[j:start].text


def _role_for(full: str, persons: list[Span], doc: Doc, text: str) -> str | None:
    """An apposition or title attached to a mention of the person."""
    surname = full.split()[-1] if full.split() else full
    # NER often misses titled names ("Air Commodore Sani Bello" as ORG): find the surname itself
    mentions = []
    for m in re.finditer(r"\b" + re.escape(surname) + r"\b", text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None:
            ent = next((e for e in doc.ents if e.start <= span.start < e.end), None)
            mentions.append(ent if ent is not None and ent.end == span.end else span)
    for p in mentions:
        head = p.root
        # "Name, director of X, said" - apposition after the name
        for c in head.children:
            if c.dep_ == "appos" and c.i > head.i:
                left, right = c.left_edge, c.right_edge
                while right.i > left.i and right.is_punct and not (right.text == ")" and "(" in doc[left.i : right.i].text):
                    right = doc[right.i - 1]
                if left.lower_ in ("a", "an", "the") and left.i < right.i:
                    left = doc[left.i + 1]
                return text[left.idx : right.idx + len(right)]
    for p in mentions:
        m = _APPOS_AFTER.match(text, p.end_char)
        if m and re.search(r"\b" + _ROLE_WORDS + r"s?\b", m.group(1), re.IGNORECASE):
            role = re.sub(r"^(?:a|an|the)\s+", "", m.group(1), flags=re.IGNORECASE)
            return role.strip()
    for p in mentions:
        # "the political analyst and vice president of X, Name said" - description before the name
        if p.start >= 2 and doc[p.start - 1].text == ",":
            sent = p.sent
            pre = doc[sent.start : p.start - 1]
            m = re.search(r"(?:^|,\s*)(?:the\s+)?((?:[\w'’-]+\s+){0,3}" + _ROLE_WORDS + r"\b[^,]*)$", pre.text, re.IGNORECASE)
            if m:
                start = pre.start_char + m.start(1)
                return text[start : pre.end_char].strip(" ,")
    for p in mentions:
        chain = _title_chain(doc, p.start)
        inner = [t for t in p if t.text.lower().rstrip(".") in _TITLE_WORDS]
        if chain or inner:
            words = (chain or "") + (" " if chain and inner else "") + " ".join(t.text for t in inner)
            return words.strip() or None
    return None


def _strip_titles(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in _TITLE_WORDS:
        words = words[1:]
    return " ".join(words)


def _previous_person(doc: Doc, before: int, text: str) -> str | None:
    persons = [e for e in doc.ents if e.label_ == "PERSON" and e.end_char <= before]
    return _strip_titles(text[persons[-1].start_char : persons[-1].end_char]) if persons else None


def _speaker_of(verb: Token) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    for c in subjects:
        if c.ent_type_ == "PERSON":
            return c
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("PROPN", "NOUN"):
            return c
    return None


def _name_span(tok: Token, doc: Doc, text: str) -> str:
    for e in doc.ents:
        if e.start <= tok.i < e.end and e.label_ in ("PERSON", "ORG", "NORP"):
            return text[e.start_char : e.end_char]
    left = tok.i
    while left > 0 and doc[left - 1].dep_ == "compound" and doc[left - 1].pos_ == "PROPN":
        left -= 1
    return text[doc[left].idx : tok.idx + len(tok)]


def pronoun_speaker(*regions: Span | None) -> bool:
    """Is the quote attributed to "he said" / "she told reporters"?"""
    for region in regions:
        if region is None:
            continue
        for t in region:
            if t.lemma_.lower() in _SPEECH and t.pos_ == "VERB":
                return any(c.dep_ == "nsubj" and c.lower_ in ("he", "she") for c in t.children)
    return False


def find_quotes(doc: Doc, text: str) -> list[Quote]:
    """Direct quotes and reported speech in the document, in text order."""
    persons = _persons(doc)
    quotes: list[Quote] = []
    covered: list[tuple[int, int]] = []
    for m in _QUOTE_RE.finditer(text):
        group = 1 if m.group(1) is not None else 2
        q_start, q_end = m.start(group), m.end(group)
        inner = text[q_start:q_end].rstrip(",. ")
        q_end = q_start + len(inner)
        if len(inner.split()) < 4:
            continue
        speaker_tok = None
        after = doc.char_span(m.end(), min(len(text), m.end() + 80), alignment_mode="expand")
        before = doc.char_span(max(0, m.start() - 100), m.start(), alignment_mode="expand")
        for region in (after, before):
            if region is None:
                continue
            for t in region:
                if t.lemma_.lower() in _SPEECH and t.pos_ == "VERB":
                    speaker_tok = _speaker_of(t)
                    if speaker_tok is not None:
                        break
            if speaker_tok is not None:
                break
        speaker = role = None
        if speaker_tok is None and pronoun_speaker(after, before):
            speaker = _previous_person(doc, m.start(), text)
            if speaker:
                speaker = _full_name(speaker, persons, text)
                role = _role_for(speaker, persons, doc, text)
        elif speaker_tok is not None:
            name = _name_span(speaker_tok, doc, text)
            is_person = speaker_tok.ent_type_ == "PERSON" or _strip_titles(name) != name
            speaker = _full_name(_strip_titles(name), persons, text) if is_person else name
            role = _role_for(speaker, persons, doc, text) if is_person else None
        quotes.append(Quote(speaker=speaker, speaker_role=role, text=text[q_start:q_end], start=q_start, end=q_end, direct=True))
        covered.append((m.start(), m.end()))
    for tok in doc:
        if tok.lemma_.lower() not in _SPEECH or tok.pos_ != "VERB":
            continue
        speaker_tok = _speaker_of(tok)
        if speaker_tok is None or speaker_tok.ent_type_ != "PERSON":
            continue
        comps = [c for c in tok.children if c.dep_ == "ccomp"] or [
            g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "about") for g in c.children if g.dep_ == "pobj"
        ]
        if not comps:
            continue
        comp = comps[0]
        left = comp.left_edge
        if left.lower_ == "that" and left.i + 1 < len(doc):
            left = doc[left.i + 1]
        right = comp.right_edge
        if comp.i < tok.i:
            # "…, said Colonel Ahmed Nur": the statement ends before the speech verb
            right = doc[min(right.i, tok.i - 1)]
        while right.i > left.i and (right.is_punct or right.is_space):
            right = doc[right.i - 1]
        start, end = left.idx, right.idx + len(right)
        if end - start < 15 or any(s <= start < e for s, e in covered):
            continue
        name = _name_span(speaker_tok, doc, text)
        speaker = _full_name(_strip_titles(name), persons, text)
        quotes.append(Quote(speaker=speaker, speaker_role=_role_for(speaker, persons, doc, text), text=text[start:end], start=start, end=end, direct=False))
    quotes.sort(key=lambda q: q.start)
    return quotes
