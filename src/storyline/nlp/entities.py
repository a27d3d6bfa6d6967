"""storyline_entities: people, organizations and places grouped per article, with roles.

Starts from the small model's named entities and repairs what the structure shows it got
wrong: titles and ranks are taken off names and kept as roles ("Army Maj. Gen. John Doe"),
layout labels ("Exclusive:") and credits are never entities, a person's possessive
("Lee's warning") is not a place. Mentions of one person (full name, surname, title + name)
become one entity named by its fullest form; a surname or a company's short name the model
missed elsewhere ("Cole said", "Acme now expects") is still a mention.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache

import numpy as np
from spacy.attrs import DEP, POS
from spacy.language import Language
from spacy.parts_of_speech import PROPN
from spacy.tokens import Doc, Span, Token

from storyline.nlp import extensions  # noqa: F401
from storyline.nlp.extensions import text_of, token_texts
from storyline.nlp.quotes import find_quotes
from storyline.record import Entity, Mention
from storyline.wordlists import word_list, word_set

ENTITY_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "LOC", "NORP": "NORP"}
POSSESSIVE = {"'s", "’s", "'", "’"}
NAME_PARTICLES = {"al", "el", "bin", "de", "van", "von", "der", "den", "da", "di", "du", "la", "le"}
# Dependency relations that keep a word inside the noun phrase in front of a name.
PREMODIFIER_DEPS = {"compound", "amod", "nmod", "poss", "case", "punct", "nummod", "npadvmod"}
DEFINITE_WORDS = {"the", "this", "that"}
NOT_ROLES = {"MONEY", "CARDINAL", "DATE", "TIME", "PERCENT", "QUANTITY", "ORDINAL"}


@cache
def label_words() -> frozenset[str]:
    return frozenset(w.lower() for w in word_list("label_words.txt"))


def is_title(token: Token) -> bool:
    return token.lower_ in word_set("titles.txt") or token.lower_ in word_set("honorifics.txt")


@cache
def _prefix_words() -> frozenset[str]:
    """Words that stand before a name without being part of it: titles, forms of address, occupations
    and other nouns for a person ("Resident Tanya Sinclair", "Chef Marco Bellini")."""
    return (word_set("titles.txt") | word_set("honorifics.txt") | word_set("name_prefix_nouns.txt")
            | word_set("person_nouns.txt") | word_set("described_nouns.txt"))


def is_name_prefix(token: Token) -> bool:
    return token.lower_ in _prefix_words()


@dataclass
class Candidate:
    start: int  # token indices of the name itself
    end: int
    type: str
    roles: list[str] = field(default_factory=list)


def _overlaps(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in ranges)


def _role_before(doc: Doc, start: int) -> tuple[int, str | None]:
    """The title phrase directly before a name ("Port Authority chairman", "dockworkers' union leader"),
    as (first token, text): words that modify the name or each other, holding at least one title."""
    first = start
    i = start - 1
    while i >= 0:
        token = doc[i]
        attached = first <= token.head.i < start + 8 and token.dep_ in PREMODIFIER_DEPS
        if not (is_title(token) or attached) or token.is_space or (token.is_punct and token.lower_ not in POSSESSIVE):
            break
        first = i
        i -= 1
    while first < start and not is_title(doc[first]) and doc[first].lower_ in POSSESSIVE:
        first += 1
    # "a union spokeswoman" is the role "union spokeswoman"; honorifics are no role at all.
    tokens = [t for t in doc[first:start] if t.lower_ not in word_set("honorifics.txt") and t.lower_ not in {"a", "an"}]
    if not any(t.lower_ in word_set("titles.txt") for t in tokens):
        return first, None
    return first, doc[tokens[0].i : start].text if tokens else None


def _apposition_role(doc: Doc, name: Span) -> str | None:
    """ "Sam Lee, president of the Harbor Policy Group," or "the agency's director, Nora Vance," """
    head = name.root
    for child in head.children:
        if child.dep_ == "appos" and child.i >= name.end:
            if not _describes(child):
                return None
            # "a donor who gave $5 million" is a donor; what the clause says is not a title
            end = min((c.left_edge.i for c in child.children if c.dep_ in {"relcl", "acl"} and c.i > child.i),
                      default=child.right_edge.i + 1)
            # "signed by its spokesman, Mr. Kimchi Apollos, the authority said": a noun phrase the next clause's
            # verb follows straight away is that verb's subject, not an apposition
            after = doc[child.right_edge.i + 1] if child.right_edge.i + 1 < len(doc) else None
            if after is not None and after.pos_ in {"VERB", "AUX"} and doc[child.left_edge.i].lower_ in DEFINITE_WORDS:
                return None
            role = doc[child.left_edge.i : end]
            return _trim(role).text or None
    if head.dep_ == "appos" and head.head.i < name.start:
        base = head.head
        if base.pos_ in {"NOUN", "PROPN"} and base.ent_type_ != "PERSON":
            left = base.left_edge.i
            while left < base.i and doc[left].lower_ in {"a", "an"}:
                left += 1
            role = doc[left : base.i + 1]
            if role.end <= name.start:
                return _trim(role).text or None
    return None


def _describes(token: Token) -> bool:
    """Whether an apposition's head can describe a person: a noun, not an age ("Tom Reyes, 45"), an amount,
    a pronoun ("Reyes himself"), a date or another name."""
    return (token.pos_ in {"NOUN", "PROPN"} and not token.like_num and token.ent_type_ not in NOT_ROLES
            and not (token.pos_ == "PROPN" and token.ent_type_ in {"PERSON", "GPE", "LOC"}))


def _trim(span: Span) -> Span:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end]


def _strip_name(doc: Doc, ent: Span) -> tuple[int, int, list[str]]:
    """Take titles and possessives off a person's name; return the name's token range and any title taken off."""
    return _strip_range(doc, ent.start, ent.end)


def _strip_range(doc: Doc, start: int, end: int) -> tuple[int, int, list[str]]:
    taken = []
    if end - start > 2 and doc[start].text[:1].islower() and doc[start + 1].text == "-":  # "pro-Clinton"
        start += 2
    while start < end - 1 and (is_name_prefix(doc[start]) or doc[start].text in _name_words("nationality_words.txt")):
        taken.append(doc[start].text)
        start += 1
    # "Opposition MP Thandi Zulu", "Acting Police Commissioner Jan de Vries": the whole title phrase up
    # to its last title word is the role, when a capitalised name follows it.
    last_title = max((i for i in range(start, end - 1) if is_name_prefix(doc[i])), default=None)
    if last_title is not None and doc[last_title + 1].text[:1].isupper():
        taken.extend(t.text for t in doc[start : last_title + 1])
        start = last_title + 1
    while end > start + 1 and (doc[end - 1].lower_ in POSSESSIVE or doc[end - 1].is_punct):
        end -= 1
    role = " ".join(t for t in taken if t.lower() not in word_set("honorifics.txt"))
    return start, end, [role] if role else []


def _line_pieces(ent: Span) -> list[Span]:
    """An entity cut at line breaks: a name repeated across a paragraph break is two mentions, not one."""
    pieces, start = [], ent.start
    for token in ent:
        if token.is_space and "\n" in token.text:
            if token.i > start:
                pieces.append(Span(ent.doc, start, token.i, label=ent.label))
            start = token.i + 1
    if ent.end > start:
        pieces.append(Span(ent.doc, start, ent.end, label=ent.label))
    return [piece for piece in pieces if not all(t.is_space or t.is_punct for t in piece)]


DASHES = {"-", "--", "–", "—"}


def spaced_dash(token: Token) -> bool:
    """A dash set off by spaces, which opens an aside or ends a timeline's date ("Ummi Abduallah - who had lived in
    Turkey", "May 9 - BP says"), not a hyphen inside a word ("17-year-old")."""
    return token.text in DASHES and bool(token.whitespace_) and token.i > 0 and bool(token.doc[token.i - 1].whitespace_)


def _dash_pieces(ent: Span) -> list[Span]:
    """An entity cut at a dash set off by spaces, which opens an aside ("Ummi Abduallah - who had lived in Turkey",
    "May 9 - BP"); a relative pronoun the small model took in is no part of a name."""
    doc, pieces, start = ent.doc, [], ent.start
    for token in ent:
        if spaced_dash(token):
            pieces.append(Span(doc, start, token.i, label=ent.label))
            start = token.i + 1
    pieces.append(Span(doc, start, ent.end, label=ent.label))
    # a piece of lower-case words ("Saddam Hussein - not") names no one
    return pieces if len(pieces) == 1 else [piece for piece in pieces if any(t.text[:1].isupper() and t.tag_ not in {"WP", "WDT"} for t in piece)]


def _is_whole_headline(doc: Doc, ent: Span) -> bool:
    """A title-case headline the small model took whole for a name ("Biden Rejects Trump Claim On Border")."""
    return len(ent) > 3 and any(ent.start_char <= s and ent.end_char >= e - 1 for s, e in _title_lines(doc))


def _subheadings(doc: Doc) -> list[tuple[int, int]]:
    """The lines layout took for subheadings: a line of its own, short, without final punctuation."""
    text = text_of(doc)
    return [(s.start, s.end) for s in doc._.sections or [] if s.kind == "lead" and s.label == text[s.start : s.end]
            and (s.end == len(text) or text[s.end] == "\n")]


def _not_names(doc: Doc) -> list[tuple[int, int]]:
    """The layout that holds no entity: labels, datelines, credits, bylines, link lines. A subheading
    ("Mayor Tom Cole unveils harbour plan") is layout to the speakers but names people
    like any other line."""
    subheadings = set(_subheadings(doc))
    return [b for b in doc._.boilerplate or [] if tuple(b) not in subheadings]


def _title_lines(doc: Doc) -> list[tuple[int, int]]:
    """The headline and the subheadings: lines that may capitalise every word, as titles do."""
    return ([tuple(doc._.headline_range)] if doc._.headline_range else []) + _subheadings(doc)


def _in_title(doc: Doc, start: int, titles: list[tuple[int, int]]) -> bool:
    return any(s <= doc[start].idx < e for s, e in titles)


def _title_case(doc: Doc, start: int, titles: list[tuple[int, int]]) -> bool:
    """Whether the title line holding token `start` capitalises its words (all but short ones), as titles
    do ("Lomax Checks Into Clinic"), rather than writing a sentence."""
    line = next((text_of(doc)[s:e] for s, e in titles if s <= doc[start].idx < e), "")
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if len(w) > 3]
    return bool(words) and sum(w[:1].isupper() for w in words) >= 0.8 * len(words)


def _common_words_line(doc: Doc, ent: Span) -> bool:
    """A headline or subheading of common words the small model tagged whole ("Transport", "Reaction" ORG): no
    name, so no "it" later refers to it."""
    text = text_of(doc)
    return (ent.start_char == 0 or text[ent.start_char - 1] == "\n") \
        and (ent.end_char == len(text) or text[ent.end_char] == "\n") and not any(t.pos_ == "PROPN" for t in ent)


def _candidates(doc: Doc) -> list[Candidate]:
    boilerplate = _not_names(doc)
    found: list[Candidate] = []
    pieces = [piece for ent in doc.ents for line in _line_pieces(ent) for piece in _dash_pieces(line)]
    for ent in pieces:
        kind = ENTITY_TYPES.get(ent.label_)
        if kind is None or kind == "NORP":
            continue
        if ent.text in word_set("platform_names.txt"):
            kind = "ORG"  # "wrote on Twitter": the small model often takes a platform for a person
        if _overlaps(ent.start_char, ent.end_char, boilerplate) or _is_whole_headline(doc, ent):
            continue
        if ent.text.lower().strip(" :") in label_words() or _common_words_line(doc, ent):
            continue
        if kind == "PERSON":
            start, end, roles = _strip_name(doc, ent)
            if all(is_title(t) for t in doc[start:end]):
                continue
        else:
            start, end, roles = ent.start, ent.end, []
            while end > start + 1 and (doc[end - 1].lower_ in POSSESSIVE or doc[end - 1].pos_ in {"ADP", "DET", "CCONJ"}):
                end -= 1
            if doc[start].lower_ == "the" and end > start + 1:
                start += 1
        found.append(Candidate(start, end, kind, roles))
    for repair in ENTITY_REPAIRS:
        repair.repair(doc, found)
    return found


def _repair_headline_names(doc: Doc, found: list[Candidate]) -> None:
    """In a headline the small model takes capitalised words around a name into it ("Obama Says",
    "Black Lawmakers Rip Donald Trump"): a headline name the body never writes loses the words after
    it that end no name the body gives, and the words before it that are no given name, down to a
    name the body writes ("Obama", "Donald Trump"); "Hillary Clinton" stays whole."""
    titles = _title_lines(doc)
    if not titles:
        return
    body = {doc[c.start : c.end].text: c.type for c in found if not _in_title(doc, c.start, titles)}
    ends = {word for name in body for word in name.split()}
    text, at = "", 0
    for start, end in sorted(titles):
        text, at = text + text_of(doc)[at:start] + " ", max(at, end)
    text += text_of(doc)[at:]

    def written(start: int, end: int) -> bool:
        return re.search(rf"(?<!\w){re.escape(doc[start:end].text)}(?!\w)", text) is not None

    for candidate in found:
        if not _in_title(doc, candidate.start, titles) or written(candidate.start, candidate.end):
            continue
        start, end = candidate.start, candidate.end
        # a word after it the body writes in lower case is no name ("Says"; "Wenbin" is)
        while end - 1 > start and doc[end - 1].text not in ends and (
                re.search(rf"\b{re.escape(doc[end - 1].lower_)}\b", text) or doc[end - 1].lower_[:-1] in word_set("reporting_verbs.txt")):
            end -= 1
        # in a headline in sentence case a capitalised word says name ("... area US President Barack Obama has said ..."
        # keeps "Barack"), unless the body writes it in lower case; not a time's "PM" ("6:43 PM BP has agreed")
        title_case = _title_case(doc, candidate.start, titles)
        while end - 1 > start and not written(start, end) and doc[start].lower_ not in _given_names() \
                and (title_case or not (doc[start].is_alpha and doc[start].text[:1].isupper() and doc[start].text[1:].islower())
                     or re.search(rf"\b{re.escape(doc[start].lower_)}\b", text)):
            start += 1
        if not written(start, end) and title_case:
            # "Lomax Checks": the longest name in it that the body gives, if what is left around it is no
            # name ("Carla" of "Carla Lomax Checks Out" keeps "Lomax"); in a line in sentence case a
            # capital says name ("spokesperson Wang Wenbin said")
            start, end = candidate.start, candidate.end
            parts = [(i, j) for i in range(start, end) for j in range(end, i, -1) if doc[i:j].text in body]
            i, j = max(parts, key=lambda part: part[1] - part[0], default=(start, end))
            left = [*doc[start:i], *doc[j:end]]
            if not any(t.lower_ in _given_names() or written(t.i, t.i + 1) for t in left) \
                    and not (j < end and doc[j - 1].lower_ in _given_names()):
                start, end = i, j
        if (start, end) != (candidate.start, candidate.end) and written(start, end):
            candidate.start, candidate.end = start, end
            candidate.type = body.get(doc[start:end].text, candidate.type)
            candidate.roles = []


def _repair_verbs_after_names(doc: Doc, found: list[Candidate]) -> None:
    """A linked headline in a list of related stories ("CBS News Obama Seeks to Show Control of Oil Spill Crisis - 1
    hr ago"), like a headline, has the small model take its capitalised verb into a name: a name ending in a verb the
    parser reads as finite ("Seeks", "Says"), written so only once, is the name before it when the article writes that
    one elsewhere."""
    written = Counter(doc[c.start : c.end].text for c in found)
    for candidate in found:
        last = doc[candidate.end - 1]
        if candidate.end - candidate.start > 1 and last.tag_ in {"VBZ", "VBD"} and last.text[:1].isupper() \
                and written[doc[candidate.start : candidate.end].text] == 1 \
                and doc[candidate.start : candidate.end - 1].text in written:
            candidate.end -= 1
            candidate.roles = [] if candidate.type != "PERSON" else candidate.roles


def _repair_quoted_epithets(doc: Doc, found: list[Candidate]) -> None:
    """A name in quoted words with a word before it that the article's own mentions never carry
    ("... than working Crooked Hillary Clinton", "Did Crooked Hillary help ...") is the name without that word."""
    quoted = [q.inner for q in find_quotes(text_of(doc), doc._.headline_range)]
    if not quoted:
        return
    outside = {doc[c.start : c.end].text for c in found
               if c.type == "PERSON" and not _overlaps(doc[c.start].idx, doc[c.end - 1].idx + 1, quoted)}
    # "Crooked Hillary": the word after the epithet is the given name of someone the article names
    given_outside = {name.split()[0] for name in outside if len(name.split()) > 1}
    carried = {word for name in outside for word in name.split()}
    for candidate in found:
        if candidate.type != "PERSON" or not _overlaps(doc[candidate.start].idx, doc[candidate.end - 1].idx + 1, quoted):
            continue
        size, rest = candidate.end - candidate.start, doc[candidate.start + 1 : candidate.end].text
        first = doc[candidate.start]
        epithet = first.text not in carried and first.lower_ not in _given_names()
        if size >= 3 and doc[candidate.start : candidate.end].text not in outside and rest in outside \
                or size == 2 and rest in given_outside and epithet:
            candidate.start += 1
        elif size == 1 and epithet and candidate.end < len(doc) and doc[candidate.end].text in given_outside:
            candidate.start, candidate.end = candidate.end, candidate.end + 1  # "Crooked" tagged alone before "Hillary"


def _repair_organization_persons(doc: Doc, found: list[Candidate]) -> None:
    """A one-word name the small model typed PERSON that the text treats as an organization is one:
    it has officers ("Eskom CEO Dan Marokane", "Lumora co-founders") or is "it" to its own clause
    ("Eskom says it does not expect ...", "Velmora also announced ..., its first"). A given name, a
    title or a role says person."""
    names: dict[str, list[Candidate]] = {}
    for c in found:
        if c.type == "PERSON" and c.end - c.start == 1:
            names.setdefault(doc[c.start].text, []).append(c)
    for name, mentions in names.items():
        if name.lower() in _given_names() or any(c.roles for c in mentions):
            continue
        for c in mentions:
            token = doc[c.start]
            after = doc[c.start + 1] if c.start + 1 < len(doc) else None
            officer = after is not None and (after.lower_ in word_set("titles.txt") or after.lower_.rstrip("s") in word_set("titles.txt"))
            own_it = token.dep_ in {"nsubj", "nsubjpass"} and any(
                t.lower_ in {"it", "its"} and t.dep_ in {"nsubj", "nsubjpass", "poss"} and t.i > token.i
                for t in token.head.subtree)
            if officer or own_it:
                for mention in mentions:
                    mention.type = "ORG"
                break


def _repair_surnamed_persons(doc: Doc, found: list[Candidate]) -> None:
    """A full name the small model typed as a place or organization ("Alfie Trent" GPE) whose last word
    is a person's name elsewhere in the article ("Trent said") is that person."""
    surnames = {doc[c.start].text for c in found if c.type == "PERSON" and c.end - c.start == 1}
    for candidate in found:
        tokens = doc[candidate.start : candidate.end]
        if len(tokens) == 3 and is_name_prefix(tokens[0]):  # "Linebacker Terrell Hayes"
            tokens = tokens[1:]
        if candidate.type != "PERSON" and len(tokens) == 2 and tokens[-1].text in surnames \
                and tokens[0].text not in _name_words("organization_name_words.txt") \
                and all(t.pos_ == "PROPN" and t.text[:1].isupper() and not t.text.isupper() for t in tokens):
            candidate.type = "PERSON"


def _repair_first_names(doc: Doc, found: list[Candidate]) -> None:
    """A person the small model knows only by a surname ("Farraday said") was named in full where first
    mentioned ("Edwin Farraday walked ..."): the capitalised proper noun joined to that first mention as
    its compound is the given name."""
    persons: dict[str, list[Candidate]] = {}
    for c in found:
        if c.type == "PERSON":
            persons.setdefault(doc[c.start : c.end].text, []).append(c)
    longer = {doc[c.end - 1].text for c in found if c.type == "PERSON" and c.end - c.start > 1}
    taken = {i for c in found for i in range(c.start, c.end)}
    titles = _title_lines(doc)
    full = {doc[c.start : c.end].text for c in found if c.type == "PERSON" and c.end - c.start == 2}
    alone = {c.start: c for c in found if c.type == "PERSON" and c.end - c.start == 1}
    for c in [c for c in found if c.end - c.start == 1 and c.start > 0]:
        before = doc[c.start - 1]  # "Ivanka" cut off "Trump", where "Ivanka Trump" is written in full
        # "US President Barack Obama" tagged "Barack" and "Obama", two persons: the given name is the compound of the surname
        given = c.type == "PERSON" and before.i in alone and before.dep_ == "compound" and before.head.i == c.start \
            and not before.whitespace_.count("\n") and before.text[:1].isupper() and not is_name_prefix(before)
        if (f"{before.text} {doc[c.start].text}" in full or given) and before.pos_ == "PROPN":
            found[:] = [o for o in found if not (o.start == before.i and o.end == before.i + 1)]
            c.start, c.type = c.start - 1, "PERSON"
            taken.add(before.i)
    for name, mentions in persons.items():
        if " " in name or name in longer:
            continue
        first = min(mentions, key=lambda c: c.start)
        if first.start == 0 or _in_title(doc, first.start, titles):
            continue
        before = doc[first.start - 1]
        # the small model may have tagged the given name alone ("Edwin" PERSON, "Farraday" a date)
        alone = next((c for c in found if c.type == "PERSON" and (c.start, c.end) == (before.i, before.i + 1)), None)
        if alone is not None:
            found.remove(alone)
            taken.discard(before.i)
        if before.pos_ == "PROPN" and before.text[:1].isupper() and not before.text.isupper() and before.i not in taken \
                and before.dep_ == "compound" and before.head.i == first.start and not is_name_prefix(before) \
                and "\n" not in before.text and before.text not in _name_words("nationality_words.txt"):
            first.start -= 1


def _repair_particle_ended_names(doc: Doc, found: list[Candidate]) -> None:
    """ "Ursula von der" PERSON + "Leyen" GPE: a person's name the small model ended on a surname particle goes on
    to the capitalised word after it, which is no name of its own."""
    at = {c.start: c for c in found}
    for c in list(found):
        if c.type != "PERSON" or c.end >= len(doc) or doc[c.end - 1].lower_ not in word_set("surname_particles.txt"):
            continue
        after = doc[c.end]
        rest = at.get(c.end)
        if after.text[:1].isupper() and after.is_alpha and "\n" not in doc[c.end - 1].whitespace_ \
                and (rest is None or rest.end - rest.start == 1) and not any(o.start < c.end + 1 <= o.end and o is not rest and o is not c for o in found):
            if rest is not None:
                found.remove(rest)
            c.end += 1


def _repair_hyphenated_given_names(doc: Doc, found: list[Candidate]) -> None:
    """ "Jean-Pierre Dubois", the small model tagging "Dubois" alone and a repair adding "Pierre": a capitalised
    word joined by a hyphen, with no space, to the first word of a person's name is part of it."""
    taken = {i for c in found for i in range(c.start, c.end)}
    for c in found:
        while c.type == "PERSON" and c.start >= 2 and doc[c.start - 1].text in HYPHENS \
                and not doc[c.start - 2].whitespace_ and not doc[c.start - 1].whitespace_ \
                and doc[c.start - 2].text[:1].isupper() and doc[c.start - 2].is_alpha and c.start - 2 not in taken:
            c.start -= 2
            taken.update((c.start, c.start + 1))


def _repair_other_given_names(doc: Doc, found: list[Candidate]) -> None:
    """A surname the article gives in full to one person, written after another given name ("Ivanka Trump,
    34, could be ..." beside "Donald Trump", the model tagging only "Trump"), names another person: the
    capitalised proper noun joined to it as its compound is their given name. Not a title, a word the article
    also writes in lower case, a nationality or another entity's word, nor a word of a title-case line."""
    given: dict[str, set[str]] = {}
    for c in found:
        if c.type == "PERSON" and c.end - c.start > 1:
            given.setdefault(doc[c.end - 1].text, set()).add(doc[c.start].text)
    taken = {i for c in found for i in range(c.start, c.end)}
    lower_case = {w.lower() for w in token_texts(doc) if w.islower()}  # Token.lower_ of Token.is_lower
    titles = _title_lines(doc)
    for c in [c for c in found if c.type == "PERSON" and c.end - c.start == 1 and c.start > 0]:
        before, surname = doc[c.start - 1], doc[c.start].text
        if surname in given and before.text not in given[surname] and before.i not in taken \
                and before.pos_ == "PROPN" and before.dep_ == "compound" and before.head.i == c.start \
                and before.text[:1].isupper() and not before.text.isupper() and before.is_alpha and len(before.text) > 1 \
                and not is_name_prefix(before) and before.lower_ not in lower_case \
                and before.lower_ not in word_set("stopwords_en.txt") and before.ent_type_ in ("", "PERSON") \
                and before.text not in _name_words("nationality_words.txt") and not _in_title(doc, c.start, titles):
            c.start -= 1
            taken.add(before.i)


def _repair_place_ended_organizations(doc: Doc, found: list[Candidate]) -> None:
    """ "Parkinson's Research UK said ...": the small model tags only the place a charity's or agency's name
    ends in. Capitalised proper nouns joined to the place as its compounds or possessor, holding a possessive
    or a word that names an organization ("Research", "Advice", "Foundation"), make one organization with it."""
    words = _name_words("organization_name_words.txt") | _name_words("organization_inner_words.txt")
    titles = _title_lines(doc)
    for place in [c for c in found if c.type in ("GPE", "LOC", "ORG") and c.end - c.start == 1 and not _in_title(doc, c.start, titles)]:
        first = place.start
        while first > 0 and (doc[first - 1].dep_ in {"compound", "poss"} and doc[first - 1].head.i in range(first, place.end)
                             and doc[first - 1].pos_ in {"PROPN", "NOUN"} and doc[first - 1].text[:1].isupper()
                             or doc[first - 1].lower_ in POSSESSIVE and first > 1 and doc[first - 2].dep_ == "poss"):
            first -= 1
        phrase = doc[first : place.start]
        if not len(phrase) or "\n" in phrase.text or not (any(t.lower_ in POSSESSIVE for t in phrase) or any(t.text in words for t in phrase)):
            continue
        found[:] = [o for o in found if o is place or not (first <= o.start < place.start)]
        place.start, place.type = first, "ORG"


def _repair_retyped_titles(doc: Doc, found: list[Candidate]) -> None:
    """A name the repairs made a person ("Farmer Gene Ostrowski" typed ORG, then PERSON) loses its titles too."""
    for candidate in found:
        if candidate.type == "PERSON":
            start, end, roles = _strip_range(doc, candidate.start, candidate.end)
            if start < end and (start, end) != (candidate.start, candidate.end):
                candidate.start, candidate.end = start, end
                candidate.roles.extend(r for r in roles if r not in candidate.roles)


def _short_names(doc: Doc, found: list[Candidate]) -> dict[tuple[str, ...], tuple[str, str]]:
    """Short forms of the article's names -> (type, full name, lower case): a person's surname, if no
    other person has it, and a company's name without its suffix ("Acme" of "Acme Corp")."""
    short: dict[tuple[str, ...], tuple[str, str]] = {}
    surnames: dict[str, set[str]] = {}
    texts = token_texts(doc)
    for c in found:
        words = tuple(texts[c.start : c.end])
        if c.type == "PERSON":  # a one-word name is a surname too ("Delgado" also in "Mark Delgado said")
            surnames.setdefault(words[-1], set()).add(" ".join(words).lower())
        elif c.type == "ORG" and len(words) > 1 and words[-1] in word_set("company_suffixes.txt"):
            head = words[:-1]
            while len(head) > 1 and head[-1] in word_set("company_suffixes.txt"):
                head = head[:-1]
            short[head] = ("ORG", " ".join(words).lower())
            if len(head) > 1 and doc[c.start].pos_ == "PROPN":  # "Harlow" of "Harlow Mining Corp"
                short.setdefault(head[:1], ("ORG", " ".join(words).lower()))
    # "the Times" of "New York Times", "the Post" of "New York Post": an organization's last word that
    # says what kind it is names it alone, when no other organization ends in it.
    kinds: dict[str, set[str]] = {}
    for c in found:
        words = tuple(texts[c.start : c.end])
        if c.type == "ORG" and len(words) > 1 and words[-1] in _name_words("organization_name_words.txt"):
            kinds.setdefault(words[-1], set()).add(" ".join(words).lower())
    for kind, names in kinds.items():
        if len(names) == 1:
            short.setdefault((kind,), ("ORG", next(iter(names))))
    for c in found:  # "NMDPRA" of "Nigerian Midstream and Downstream Petroleum Regulatory Authority"
        words = [w for w in texts[c.start : c.end] if w[:1].isupper()]
        if c.type == "ORG" and len(words) > 2:
            short.setdefault(("".join(w[0] for w in words),), ("ORG", doc[c.start : c.end].text.lower()))
    for c in found:  # a one-word organization the model tagged once ("Eskom") is a mention wherever it is written
        if c.type == "ORG" and c.end - c.start == 1 and doc[c.start].pos_ == "PROPN" and doc[c.start].text[:1].isupper():
            short.setdefault((doc[c.start].text,), ("ORG", doc[c.start].text.lower()))
    for surname, full in surnames.items():
        full = {name for name in full if name != surname.lower()} or full  # "Delgado" joins "Mark Delgado"
        if len(full) == 1:
            short[(surname,)] = ("PERSON", next(iter(full)))
    return short


HYPHENS = {"-", "‐"}


def _surname_words(words: tuple[str, ...]) -> tuple[str, ...]:
    """A full name's surname, a hyphenated one whole ("Osei", "-", "Bonsu" of "Amara Osei-Bonsu")."""
    start = len(words) - 1
    while start >= 2 and words[start - 1] in HYPHENS:
        start -= 2
    return words[max(start, 1) :] if len(words) > 1 else words


def _person_forms(doc: Doc, found: list[Candidate]) -> dict[tuple[str, ...], tuple[str, str]]:
    """The forms a person the article names may take where the small model missed them: the full name
    ("Drew Hatch threw for 300 yards"), and the given name of the one full name that opens with it
    and is nobody's surname ("Jermaine fired the shot" beside "Jermaine Okafor")."""
    forms: dict[tuple[str, ...], tuple[str, str]] = {}
    openers: dict[str, set[str]] = {}
    surnames = {doc[c.end - 1].text for c in found if c.type == "PERSON"}
    texts = token_texts(doc)
    for c in found:
        words = tuple(texts[c.start : c.end])
        if c.type == "PERSON" and len(words) > 1 and all(w[:1].isupper() or w in HYPHENS for w in words) \
                and words[0] not in HYPHENS and words[-1] not in HYPHENS:
            forms.setdefault(words, ("PERSON", " ".join(words).lower()))
            forms.setdefault(_surname_words(words), ("PERSON", " ".join(words).lower()))  # a surname two people share too
            openers.setdefault(words[0], set()).add(" ".join(words).lower())
    for given, names in openers.items():
        if len(names) == 1 and given not in surnames and len(given) > 1 and not is_name_prefix(doc.vocab[given]) \
                and given.lower() not in word_set("stopwords_en.txt"):
            forms[(given,)] = ("PERSON", next(iter(names)))
    return forms


def _repair_missed_names(doc: Doc, found: list[Candidate]) -> None:
    """The small model tags a name in one sentence and misses it in the next ("Cole said", "Acme now
    expects", "Hatch throws deep", "HARBOUR TO REOPEN, SAYS MAYOR COLE"): a proper noun spelled
    like a short form of a name the article gives is a mention of it. A person's name may be written in
    capitals, and may stand where the model took it for a common noun, if the article never writes it
    in lower case. A full name the model tagged once is a mention wherever else it is written ("Harcourt Homes"
    after a sub-heading the parser ran into the sentence)."""
    full = {tuple(t.text for t in doc[c.start : c.end]): (c.type, doc[c.start : c.end].text.lower())
            for c in found if c.type in ("ORG", "PERSON") and c.end - c.start > 1}
    short = {**full, **_person_forms(doc, found), **_short_names(doc, found)}
    if not short:
        return
    capitals = {tuple(w.lower() for w in words): form for words, form in short.items() if form[0] == "PERSON"}
    texts = token_texts(doc)  # the loop below tries every token with every length
    lower_case = {w for w in texts if w.islower()}
    taken = {i for c in found for i in range(c.start, c.end)}
    boilerplate = _not_names(doc)
    longest = max(len(words) for words in short)

    def proper(token: Token, kind: str) -> bool:
        if token.ent_type_ in NOT_ROLES:  # "in May" is a date, beside Theresa May
            return False
        if token.pos_ == "PROPN":
            return True
        return kind == "PERSON" and token.text[:1].isupper() and token.lower_ not in lower_case \
            and token.lower_ not in word_set("stopwords_en.txt")

    capital_words = [w.isupper() and w.isalpha() for w in texts]  # Token.is_upper, Token.is_alpha
    firsts = {words[0] for words in short if words}
    capital_firsts = {words[0] for words in capitals if words}
    i = 0
    while i < len(doc):
        if texts[i] not in firsts and not (capital_words[i] and texts[i].lower() in capital_firsts):
            i += 1  # no form starts with this word
            continue
        for size in range(min(longest, len(doc) - i), 0, -1):
            words = tuple(texts[i : i + size])
            form = short.get(words) or (capitals.get(tuple(w.lower() for w in words)) if all(capital_words[i : i + size]) else None)
            if form and not taken & set(range(i, i + size)) and proper(doc[i + size - 1], form[0]) \
                    and not _overlaps(doc[i].idx, doc[i + size - 1].idx + 1, boilerplate):
                found.append(Candidate(i, i + size, form[0]))
                i += size - 1
                break
        i += 1


@cache
def _name_words(name: str) -> frozenset[str]:
    return frozenset(word_list(name))


def _repair_group_surnames(doc: Doc, found: list[Candidate]) -> None:
    """A surname the small model took for a people or group ("Calabrese" NORP, like "Sicilian") is a
    person's where the article writes it after a given name: a proper noun the article never writes in
    lower case ("Gino Calabrese won ..."). That full name is a person (and the surname alone a mention
    of them)."""
    groups = {e.text for e in doc.ents if e.label_ == "NORP" and len(e) == 1 and e.text[:1].isupper() and not e.text.isupper()
              and e.text not in _name_words("nationality_words.txt")}
    if not groups:
        return
    taken = {i for c in found for i in range(c.start, c.end)}
    texts = token_texts(doc)
    lower_case = {w for w in texts if w.islower()}
    for i, word in enumerate(texts):
        if word not in groups or i == 0 or i in taken:
            continue
        token = doc[i]
        given = doc[token.i - 1]
        if given.pos_ == "PROPN" and given.i not in taken and given.text[:1].isupper() and not given.text.isupper() \
                and given.ent_type_ in ("", "PERSON") and "\n" not in given.text and not is_name_prefix(given) \
                and given.lower_ not in lower_case and given.text not in _name_words("nationality_words.txt"):
            found.append(Candidate(given.i, token.i + 1, "PERSON"))
            taken.update((given.i, token.i))
    for candidate in found:  # "Gino Calabrese" typed a place where "Calabrese" alone is a group
        tokens = doc[candidate.start : candidate.end]
        if candidate.type != "PERSON" and len(tokens) == 2 and tokens[1].text in groups and tokens[0].pos_ == "PROPN" \
                and tokens[0].text[:1].isupper() and tokens[0].text not in _name_words("nationality_words.txt"):
            candidate.type = "PERSON"
    found.sort(key=lambda c: c.start)


def _repair_person_types(doc: Doc, found: list[Candidate]) -> None:
    """What the small model types PERSON but the name itself says is not one person: a country
    ("Kenya"), a nationality or party ("Republicans", dropped), an organization by its last word
    ("... Presidential Library", "... News Network") or an acronym ("CNN"), an event ("... Olympics",
    dropped). A name the article also gives a person with a title or first name is left alone here."""
    for candidate in list(found):
        if candidate.type != "PERSON":
            continue
        tokens = doc[candidate.start : candidate.end]
        name, last = tokens.text, tokens[-1].text
        if name in _name_words("nationality_words.txt") or last in _name_words("event_name_words.txt") and len(tokens) > 1:
            found.remove(candidate)
        elif name in _name_words("place_names.txt") and not candidate.roles:
            candidate.type = "GPE"
        elif len(tokens) > 1 and (last in _name_words("organization_name_words.txt") or last in _name_words("company_sector_words.txt")):
            candidate.type = "ORG"
        elif len(tokens) == 1 and name.isupper() and len(name) <= 5 and not candidate.roles \
                and not (tokens[0].i + 1 < len(doc) and doc[tokens[0].i + 1].text == ":"):
            candidate.type = "ORG"  # "CNN", "NBC"; a transcript's "PIKE:" is still its speaker


def _repair_missed_companies(doc: Doc, found: list[Candidate]) -> None:
    """A run of capitalised proper nouns ending in a company suffix ("Harlow Mining Corp") is an
    organization even where the small model tagged nothing."""
    taken = {i for c in found for i in range(c.start, c.end)}
    for i, word in enumerate(token_texts(doc)):
        if word not in word_set("company_suffixes.txt") or i in taken or i == 0:
            continue
        token = doc[i]
        start = token.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper() \
                and doc[start - 1].i not in taken and "\n" not in doc[start - 1].text:
            start -= 1
        if start < token.i and not _overlaps(doc[start].idx, token.idx + len(token), _not_names(doc)):
            found.append(Candidate(start, token.i + 1, "ORG"))
            taken.update(range(start, token.i + 1))
    found.sort(key=lambda c: c.start)


def _proper_subjects(doc: Doc) -> list[int]:
    """The indices of the proper nouns that are a clause's subject, in order, found from the Doc's arrays: the
    repairs that want them make no Token object for every word."""
    if not len(doc):
        return []
    array = doc.to_array([DEP, POS])
    strings = doc.vocab.strings
    subjects = [h for h in set(array[:, 0].tolist()) if strings[h] in {"nsubj", "nsubjpass"}]
    return np.flatnonzero(np.isin(array[:, 0], subjects) & (array[:, 1] == PROPN)).tolist()


def _repair_organizations_referred_to(doc: Doc, found: list[Candidate]) -> None:
    """ "Severn Trent said bills would rise. ... It said the money would pay for pipes", "Thames Water has been
    fined. The company said": a subject of two or more capitalised proper nouns the small model did not tag, that
    "it" as the subject of a verb of reporting or "the company" (an organization noun after "the") takes up within the next two sentences,
    is an organization. Not a name opening with a given name, a title or a nationality."""
    taken = {i for c in found for i in range(c.start, c.end)}
    sentences = list(doc.sents)
    starts = [sentence.start for sentence in sentences]
    for i in _proper_subjects(doc):
        if i in taken:
            continue
        token = doc[i]
        number = bisect_right(starts, i) - 1
        sentence = sentences[number]
        start = token.i
        while start > sentence.start and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == token.i \
                and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper() and doc[start - 1].i not in taken:
            start -= 1
        name = doc[start : token.i + 1]
        if len(name) < 2 or any(not t.is_alpha or t.is_upper for t in name) or "\n" in name.text \
                or name[0].lower_ in _given_names() or is_name_prefix(name[0]) \
                or any(t.text in _name_words("nationality_words.txt") for t in name) \
                or start > 0 and doc[start - 1].is_quote \
                or (start > 0 and doc[start - 1].lower_ not in {"the", "\n", "\n\n"} and not doc[start - 1].is_punct
                    and not doc[start - 1].is_space and doc[start - 1].pos_ not in {"CCONJ", "SCONJ", "ADV"}) \
                or _overlaps(name.start_char, name.end_char, _not_names(doc)):
            continue
        later = [t for s in sentences[number : number + 3] for t in s if t.i > token.i]
        # "it" as the subject of a verb of reporting ("It said", not "It would cut emissions": a plan or a law is
        # "it" too), or "the company"
        if any(t.dep_ in {"nsubj", "nsubjpass"} and (t.lower_ == "it" and t.head.lemma_.lower() in word_set("reporting_verbs.txt")
                                                      or t.lower_ in word_set("organization_nouns.txt")
                                                      and doc[t.left_edge.i].lower_ == "the" and t.left_edge.i == t.i - 1)
               for t in later):
            found.append(Candidate(start, token.i + 1, "ORG"))
            taken.update(range(start, token.i + 1))
    found.sort(key=lambda c: c.start)


def _untagged_subjects(doc: Doc, found: list[Candidate]) -> Iterator[tuple[int, Token, list[Token]]]:
    """(start, head, words) of each subject run of capitalised proper nouns ("Marie-Claire Lefebvre") no candidate
    holds, outside quotes and lines that name no one."""
    taken = {i for c in found for i in range(c.start, c.end)}
    for i in _proper_subjects(doc):
        if i in taken:
            continue
        token = doc[i]
        start = token.i
        while start > 0 and doc[start - 1].head.i == token.i and doc[start - 1].i not in taken and (
                doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper()
                or doc[start - 1].text in HYPHENS and not doc[start - 1].whitespace_ and start > 1 and not doc[start - 2].whitespace_):
            start -= 1
        words = [t for t in doc[start : token.i + 1] if t.text not in HYPHENS]
        if not words:  # the subject is a dash the parser took for a proper noun
            continue
        # a quote mark opening on the name ("\"Marie-Claire\"" as the words); one closing the sentence before does not count
        if start > 0 and doc[start - 1].is_quote and not doc[start - 1].whitespace_ \
                or _overlaps(doc[start].idx, token.idx + len(token), _not_names(doc)):
            continue
        yield start, token, words


def _plain_name_words(words: list[Token]) -> bool:
    """Capitalised words that are no title, organization, place or nationality word: a person's name could be them."""
    return all(t.is_alpha and t.text[:1].isupper() and not t.is_upper and not is_name_prefix(t)
               and t.text not in _name_words("organization_name_words.txt") and t.text not in _name_words("place_names.txt")
               and t.text not in _name_words("nationality_words.txt") for t in words)


def _repair_untagged_persons(doc: Doc, found: list[Candidate]) -> None:
    """ "Marie-Claire Lefebvre met the union leader": a subject of two or three capitalised proper nouns the small
    model did not tag, opening with a known given name (a hyphenated one by its first part), is a person."""
    for start, token, words in list(_untagged_subjects(doc, found)):
        hyphenated = doc[start + 1].text in HYPHENS if token.i > start else False
        given = words[0] if not hyphenated else doc[start]
        if 2 <= len(words) <= 4 and not (hyphenated and len(words) < 3) and given.lower_ in _given_names() \
                and given.lower_ not in NAME_PARTICLES and _plain_name_words(words):
            found.append(Candidate(start, token.i + 1, "PERSON"))
    found.sort(key=lambda c: c.start)


def _repair_described_untagged_persons(doc: Doc, found: list[Candidate]) -> None:
    """ "Ly Tuon Veasna, a Lao official in the northern province, said": a subject of two to four capitalised
    proper nouns the small model did not tag, whatever its given name, is a person where the sentence says so: a
    person noun or title in apposition to it, or a relative clause opened by "who"."""
    for start, token, words in list(_untagged_subjects(doc, found)):
        described = any(c.dep_ == "appos" and (c.lower_ in word_set("person_nouns.txt") or c.lower_ in word_set("titles.txt"))
                        or c.dep_ == "relcl" and any(w.lower_ == "who" and w.dep_ in {"nsubj", "nsubjpass"} for w in c.children)
                        for c in token.children)
        if 2 <= len(words) <= 4 and described and words[0].lower_ not in NAME_PARTICLES and _plain_name_words(words):
            found.append(Candidate(start, token.i + 1, "PERSON"))
    found.sort(key=lambda c: c.start)


def _repair_missed_organizations(doc: Doc, found: list[Candidate]) -> None:
    """ "the Central and East European Coalition", the small model tagging "Central" a place and the rest nothing: a
    run of capitalised proper nouns after "the" (with "and", "of" or "for" inside) ending in a word that names an
    organization is one, in place of the one-word names it holds; never over a person or a longer name."""
    owner = {i: c for c in found for i in range(c.start, c.end)}
    words = _name_words("organization_name_words.txt")
    for i, word in enumerate(token_texts(doc)):
        if word not in words or i < 2 or doc[i].pos_ != "PROPN":
            continue
        start = i
        while start > 0 and ("\n" not in doc[start - 1].text) and (
                doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper()
                or doc[start - 1].lower_ in {"and", "of", "for"} and start - 2 >= 0 and doc[start - 2].text[:1].isupper()):
            start -= 1
        if doc[start].lower_ in {"and", "of", "for"}:
            start += 1
        inside = {id(c): c for j in range(start, i + 1) if (c := owner.get(j)) is not None}
        if start == i or start == 0 or doc[start - 1].lower_ != "the" or not any(doc[j].lower_ == "and" for j in range(start, i)) \
                or any(c.type == "PERSON" or c.end - c.start > 1 or c.start < start or c.end > i + 1 for c in inside.values()) \
                or _overlaps(doc[start].idx, doc[i].idx + len(doc[i]), _not_names(doc)):
            continue
        found[:] = [c for c in found if id(c) not in inside]
        organization = Candidate(start, i + 1, "ORG")
        found.append(organization)
        owner.update({j: organization for j in range(start, i + 1)})
    found.sort(key=lambda c: c.start)


PARTY_LABEL = re.compile(r"[DRI]-[A-Z]")


def _repair_party_labels(doc: Doc, found: list[Candidate]) -> None:
    """ "Del. Marcia "Cia" Price (D-Newport News)", "Sen. Jon Tester (D-Mont.)": a party and district in brackets after
    a person's name is no organization or place; and a nickname in quotation marks between a given name and a
    surname ("Marcia "Cia" Price", the model cutting after the given name) is part of the name."""
    quotes = {'"', "“", "”"}
    for person in [c for c in found if c.type == "PERSON"]:
        end = person.end
        if end + 3 < len(doc) and doc[end].text in quotes and doc[end + 2].text in quotes and doc[end + 1].text[:1].isupper() \
                and doc[end + 3].text[:1].isupper() and doc[end + 3].pos_ in {"PROPN", "NOUN"} and "\n" not in doc[end : end + 4].text:
            found[:] = [c for c in found if c is person or not (end <= c.start < end + 4)]
            if person in found:
                person.end = end + 4
        bracket = person.end
        if bracket < len(doc) and doc[bracket].text == "(":
            found[:] = [c for c in found if not (c.start == bracket + 1 and c.type != "PERSON"
                                                 and PARTY_LABEL.match(doc[c.start : c.end].text))]
    found.sort(key=lambda c: c.start)


@cache
def _given_names() -> frozenset[str]:
    """Given names (and other words) that mark a person's gender: evidence that a capitalised word is a first name."""
    return frozenset(word_list("male_words.txt")) | frozenset(word_list("female_words.txt"))


def _repair_cut_names(doc: Doc, found: list[Candidate]) -> None:
    """The small model can cut a name after its first name ("Superintendent Mark" untagged before
    "Delgado", "Anna" without "Field"): a known given name joined to a person's name as a compound
    before it is part of it, and so is the proper noun after a lone given name. A capital alone is no
    evidence ("Rival Hillary Clinton", "Clinton Cash")."""
    owner = {i: c for c in found for i in range(c.start, c.end)}

    def joinable(token: Token, person: Candidate) -> bool:
        other = owner.get(token.i)
        return (token.pos_ == "PROPN" and token.text[:1].isupper() and not token.text.isupper() and not is_title(token)
                and "\n" not in token.text and token.text not in _name_words("nationality_words.txt")
                and (other is None or other is person or other.type != "PERSON" and other.end - other.start == 1))

    titles = _title_lines(doc)
    # In a title-case headline every word is capitalised: a capital there is no evidence of a name.
    for person in [c for c in found if c.type == "PERSON" and not _in_title(doc, c.start, titles)]:
        before = doc[person.start - 1] if person.start > 0 else None
        if before is not None and before.lower_ in _given_names() and joinable(before, person) \
                and before.dep_ == "compound" and person.start <= before.head.i < person.end:
            person.start -= 1
        elif person.end - person.start == 1 and doc[person.start].lower_ in _given_names() and person.end < len(doc) \
                and joinable(doc[person.end], person) and doc[person.start].dep_ == "compound" \
                and doc[person.start].head.i == person.end:
            person.end += 1
        for i in range(person.start, person.end):
            other = owner.get(i)
            if other is not None and other is not person and other in found:
                found.remove(other)
            owner[i] = person


def _repair_split_places(doc: Doc, found: list[Candidate]) -> None:
    """The small model can end an organization's name at its place ("The Port Authority of" +
    "Calder Bay", "Canadian Union of Public Employees" + "Nova Scotia"): an organization, "of" and a
    place right after it, or a long organization name and a place touching it, are one name."""
    for organization, place in zip(list(found), list(found[1:])):
        # "Canadian Union of Public Employees" + "Nova Scotia": a place right after it is its branch's name
        if (organization.type == "ORG" and place.type in {"GPE", "LOC"} and place in found
                and doc[organization.end - 1].text not in _name_words("company_sector_words.txt") and (
                place.start == organization.end + 1 and doc[organization.end].lower_ == "of"
                or place.start == organization.end and organization.end - organization.start > 2)):
            organization.end = place.end
            found.remove(place)


def _repair_split_jurisdictions(doc: Doc, found: list[Candidate]) -> None:
    """The small model can end a body's name before "for the" and what it serves ("U.S. Court of Appeals" + "for
    the" + "Sixth Circuit"): an organization named by its kind ("Court", "Commission"), "for the" and a name right
    after it are one name."""
    starting = {c.start: c for c in found}
    for organization in [c for c in found if c.type == "ORG"]:
        rest = starting.get(organization.end + 2)
        if rest is not None and rest in found and rest.type in {"ORG", "GPE", "LOC"} and organization in found \
                and doc[organization.end].lower_ == "for" and doc[organization.end + 1].lower_ == "the" \
                and any(t.text in _name_words("organization_name_words.txt") for t in doc[organization.start : organization.end]):
            organization.end = rest.end
            found.remove(rest)


def _repair_split_organizations(doc: Doc, found: list[Candidate]) -> None:
    """The small model can end an organization's name at "and" ("Nigerian Midstream" + "and Downstream
    Petroleum Regulatory Authority"): capitalised words after "and" that end in a word naming an
    organization are the rest of its name."""
    for organization in [c for c in found if c.type == "ORG"]:
        i = organization.end
        if i + 1 >= len(doc) or doc[i].lower_ not in {"and", "&"}:
            continue
        end = i + 1
        while end < len(doc) and doc[end].text[:1].isupper() and doc[end].pos_ == "PROPN" and "\n" not in doc[end].text:
            end += 1
        if end > i + 1 and doc[end - 1].text in _name_words("organization_name_words.txt"):
            found[:] = [c for c in found if c is organization or not (c.start < end and organization.end <= c.start)]
            organization.end = end


def _repair_split_persons(doc: Doc, found: list[Candidate]) -> None:
    """The small model can cut a long name in two with nothing between ("Mirza Fakhrul" + "Islam
    Alamgir"): two person names that touch are one."""
    for first, second in zip(list(found), list(found[1:])):
        if first.type == second.type == "PERSON" and second.start == first.end and first in found:
            first.end = second.end
            first.roles.extend(r for r in second.roles if r not in first.roles)
            found.remove(second)


def _is_gerund(token: Token) -> bool:
    """An '-ing' word of six letters or more that the word lists know as no given name ("Injecting",
    "Asking"). Names end so too ("Sterling"): the repair below also asks that the rest be a name."""
    word = token.lower_
    return len(word) >= 6 and word.endswith("ing") and word not in _given_names()


def _repair_gerunds_in_names(doc: Doc, found: list[Candidate]) -> None:
    """The small model runs a capitalised verb into a name: a sentence's opening gerund ("Injecting
    Clinton's troubles into the race ...") or a headline's verb ("Hillary Asking Moderator To ..."). The
    name is what is left, where the article writes that as (part of) another person's name."""
    holders: dict[str, set[int]] = {}  # a word of a person's name -> the candidates whose name holds it
    for candidate in found:
        if candidate.type == "PERSON":
            for token in doc[candidate.start : candidate.end]:
                holders.setdefault(token.text, set()).add(id(candidate))

    def elsewhere(token: Token, candidate: Candidate) -> bool:
        return bool(holders.get(token.text, set()) - {id(candidate)})

    for candidate in found:
        if candidate.type != "PERSON" or candidate.end - candidate.start < 2:
            continue
        tokens = list(doc[candidate.start : candidate.end])
        if _is_gerund(tokens[0]) and not elsewhere(tokens[0], candidate) and all(elsewhere(t, candidate) for t in tokens[1:]):
            candidate.start += 1
            continue
        for k, token in enumerate(tokens[1:-1], start=1):  # never the last word: "Xi Jinping"
            if _is_gerund(token) and not elsewhere(token, candidate) and all(elsewhere(t, candidate) for t in tokens[:k]):
                candidate.end = candidate.start + k
                break


def _repair_described_persons(doc: Doc, found: list[Candidate]) -> None:
    """A name in apposition with a person's title ("A union spokeswoman, Ines Marlow") is a person,
    whatever type the small model gave it."""
    for candidate in found:
        last = doc[candidate.end - 1].text
        if candidate.type == "PERSON" or candidate.end - candidate.start > 1 and (
                last in _name_words("organization_name_words.txt") or last in _name_words("company_sector_words.txt")):
            continue  # "the Bondi Road Business Chamber, whose president, ...": the name says organization
        root = doc[candidate.start : candidate.end].root
        partners = [c for c in root.children if c.dep_ == "appos"] + ([root.head] if root.dep_ == "appos" else [])
        titled = _role_before(doc, candidate.start)[1] is not None
        if titled or any(p.lower_ in word_set("titles.txt") or p.lower_ in word_set("person_nouns.txt") for p in partners):
            candidate.type = "PERSON"


def _repair_stray_words(doc: Doc, found: list[Candidate]) -> None:
    """Words the small model ran into a name at its edges: a lower-case adjective or article before it ("the
    federal Securities and Exchange Commission"), a preposition or conjunction after it ("Brightfield Renewables
    of Columbus", typed a person)."""
    for candidate in found:
        while candidate.end - candidate.start > 1 and doc[candidate.start].text[:1].islower() \
                and doc[candidate.start].pos_ in {"ADJ", "DET"}:
            candidate.start += 1
        while candidate.end - candidate.start > 1 and doc[candidate.end - 1].pos_ in {"ADP", "DET", "CCONJ"} \
                and doc[candidate.end - 1].text[:1].islower():
            candidate.end -= 1


def _repair_credited_names(doc: Doc, found: list[Candidate]) -> None:
    """A photo credit the small model ran into the name after it ("Handout/Harlow Mining") is no part of it."""
    for candidate in found:
        if candidate.end - candidate.start > 2 and doc[candidate.start].text in _name_words("credit_words.txt") \
                and doc[candidate.start + 1].text == "/":
            candidate.start += 2


def _given_named(tokens: Span) -> bool:
    """Two or three capitalised words opening with a known given name, none of them a word of an
    organization's or a place's name ("Virginia Tech", "Jordan Valley"), not in capitals, the given name no
    particle ("Al Qaeda"): a person's name, whatever the small model typed it."""
    places = _name_words("place_names.txt")
    if not 2 <= len(tokens) <= 3 or tokens[0].lower_ not in _given_names() \
            or tokens[0].text in places or is_name_prefix(tokens[0]) or tokens[0].lower_ in NAME_PARTICLES:
        return False
    return all(t.pos_ == "PROPN" and t.text[:1].isupper() and not t.text.isupper() and t.is_alpha
               and t.text not in _name_words("organization_name_words.txt") and t.text not in places
               and t.text not in _name_words("company_sector_words.txt")
               and t.text not in word_set("company_suffixes.txt") and t.text not in _name_words("nationality_words.txt")
               for t in tokens)


def _repair_given_named_persons(doc: Doc, found: list[Candidate]) -> None:
    """A name the small model typed an organization or place that opens with a known given name
    ("substitute Callum Odei" ORG) is a person's (`_given_named`)."""
    for candidate in found:
        if candidate.type != "PERSON" and _given_named(doc[candidate.start : candidate.end]):
            candidate.type = "PERSON"


def _repair_titled_persons(doc: Doc, found: list[Candidate]) -> None:
    """A name the small model typed an organization or place with the title before it ("Councillor Priya
    Raman" ORG, "Dr Amara Osei" GPE) is a person's when what follows the titles opens with a known given
    name (`_given_named`), or follows a form of address ("Ms Adair" ORG); the titles become roles
    (retyped_titles)."""
    for candidate in found:
        start = candidate.start
        while start < candidate.end - 1 and is_name_prefix(doc[start]):
            start += 1
        rest = doc[start : candidate.end]
        # a form of address before capitalised words ("Ms Adair" ORG) says person too; not "Miss" ("Miss Universe")
        addressed = any(t.lower_ in word_set("honorifics.txt") and t.lower_ != "miss" for t in doc[candidate.start : start]) \
            and all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.is_alpha and not t.is_upper for t in rest)
        if candidate.type != "PERSON" and start > candidate.start and (_given_named(rest) or addressed):
            candidate.type = "PERSON"


def _repair_persons_typed_other(doc: Doc, found: list[Candidate]) -> None:
    """A name the small model typed a product, a work or an event, which storyline does not keep ("co-star
    Leanne Price" PRODUCT), is a person's when it opens with a known given name (`_given_named`) and no
    kept name overlaps it."""
    for ent in doc.ents:
        if ent.label_ in ENTITY_TYPES or not _given_named(ent) \
                or _overlaps(ent.start, ent.end, [(c.start, c.end) for c in found]):
            continue
        at = next((k for k, c in enumerate(found) if c.start > ent.start), len(found))
        found.insert(at, Candidate(ent.start, ent.end, "PERSON", []))


def _repair_split_ranks(doc: Doc, found: list[Candidate]) -> None:
    """A rank abbreviation can make the small model split one person ("Army Maj." + "Gen. John Doe"):
    pieces inside the title phrase in front of a person that hold a title word are part of that title."""
    persons = [c for c in found if c.type == "PERSON"]
    starting: dict[int, list[Candidate]] = {}  # candidates by first token: a title phrase is read, not every candidate
    for candidate in found:
        starting.setdefault(candidate.start, []).append(candidate)
    dropped: set[int] = set()
    for person in persons:
        first, role = _role_before(doc, person.start)
        if role:
            dropped.update(
                id(c)
                for at in range(first, person.start)
                for c in starting.get(at, [])
                if c is not person and c.end <= person.start and any(is_title(t) for t in doc[c.start : c.end])
            )
    if dropped:
        found[:] = [c for c in found if id(c) not in dropped]


def _surname(doc: Doc, candidate: Candidate) -> str:
    return doc[candidate.end - 1].text.lower()


def _joined(doc: Doc, candidate: Candidate) -> str:
    """A name's tokens, lower case, joined by spaces: the form of a person's group key ("ban ki - moon")."""
    return " ".join(t.text.lower() for t in doc[candidate.start : candidate.end])


def _group(doc: Doc, found: list[Candidate]) -> list[list[Candidate]]:
    """One group per real-world entity: surname and partial names join the fullest matching name."""
    persons = [c for c in found if c.type == "PERSON"]
    full_names: dict[str, list[Candidate]] = {}
    for person in sorted(persons, key=lambda c: c.end - c.start, reverse=True):
        surname = _surname(doc, person)
        full_names.setdefault(surname, []).append(person)
    # Family name first ("Wang Wenbin" ... "Wang"): a one-word name that is no one's last name may be
    # the first word of exactly one fuller name.
    first_words: dict[str, set[str]] = {}
    for person in persons:
        if person.end - person.start > 1:
            first_words.setdefault(doc[person.start].text.lower(), set()).add(_joined(doc, person))
    # A long name's inner word ("Fakhrul" of "Mirza Fakhrul Islam Alamgir") names its person when no
    # other name holds it.
    for person in persons:
        for token in doc[person.start + 1 : person.end - 1]:
            if token.text.lower() not in first_words and not is_title(token):
                first_words.setdefault(token.text.lower(), set()).add(_joined(doc, person))
    # A place or organization spelled like a known person's surname is that person ("Lee's warning"); an
    # organization spelled like the first word of one ("Wang" of "Wang Wenbin") too, and a place unless
    # it is a known one ("Jordan" of "Jordan Peterson").
    places = {w.lower() for w in _name_words("place_names.txt")}
    for candidate in found:
        word = _surname(doc, candidate)
        if candidate.type != "PERSON" and candidate.end - candidate.start == 1 and (
            word in full_names or len(first_words.get(word, ())) == 1 and (candidate.type == "ORG" or word not in places)
        ):
            candidate.type = "PERSON"

    # "De Blasio" (ORG) of "Bill de Blasio", "Osei-Bonsu" (ORG) of "Amara Osei-Bonsu": a name spelled like the last
    # words of a person's full name is theirs (compared token by token: a hyphenated surname is three tokens)
    tails = {" ".join(t.text.lower() for t in doc[p.start + k : p.end]) for p in persons for k in range(1, p.end - p.start - 1)}
    for candidate in found:
        if candidate.type != "PERSON" and candidate.end - candidate.start > 1 and _joined(doc, candidate) in tails:
            candidate.type = "PERSON"

    # One name, one type: the small model sometimes tags a place as a person in one sentence only.
    votes: dict[str, dict[str, int]] = {}
    for candidate in found:
        name = doc[candidate.start : candidate.end].text.lower()
        votes.setdefault(name, {}).setdefault(candidate.type, 0)
        votes[name][candidate.type] += 1
    for candidate in found:
        ballot = votes[doc[candidate.start : candidate.end].text.lower()]
        if len(ballot) > 1:
            candidate.type = max(ballot, key=lambda kind: (ballot[kind], kind != "PERSON"))

    groups: dict[tuple[str, str], list[Candidate]] = {}
    short = _short_names(doc, found)
    # "Harlow" after "Harlow Mining Corp": a one-word organization the model tagged is the one fuller
    # organization name it opens, if no person goes by it.
    org_openers: dict[str, set[str]] = {}
    for c in found:
        if c.type == "ORG" and c.end - c.start > 1 and doc[c.start].pos_ == "PROPN":
            org_openers.setdefault(doc[c.start].text, set()).add(doc[c.start : c.end].text.lower())
    for c in found:
        word = doc[c.start].text
        alone = all(p.end - p.start == 1 for p in full_names.get(word.lower(), [])) and word.lower() not in first_words
        if c.type in {"ORG", "PERSON"} and c.end - c.start == 1 and len(org_openers.get(word, ())) == 1 and alone:
            short.setdefault((word,), ("ORG", next(iter(org_openers[word]))))
            c.type = "ORG"
    fullest = _fullest_names(doc, full_names)
    own = {_surname(doc, c) for c in found if c.type == "PERSON" and _shared_surname(doc, c, full_names) == _surname(doc, c)}
    keys = {id(c): _person_key(doc, c, fullest, first_words) for c in found if c.type == "PERSON" and c.end - c.start > 1}
    for candidate in sorted(found, key=lambda c: c.start):
        if candidate.type == "PERSON":
            key = ("PERSON", _shared_surname(doc, candidate, full_names) or _nearest_full_name(doc, candidate, full_names, own, keys)
                   or _first_full_name(doc, candidate, full_names, keys) or _person_key(doc, candidate, fullest, first_words))
        else:
            name = tuple(t.text for t in doc[candidate.start : candidate.end])
            full = short.get(name)
            key = full if full and full[0] == candidate.type else (candidate.type, " ".join(name).lower())
        groups.setdefault(key, []).append(candidate)
    return sorted(groups.values(), key=lambda g: g[0].start)


@cache
def _genders() -> dict[str, str]:
    female, male = set(word_list("female_words.txt")), set(word_list("male_words.txt"))
    return {**{w: "f" for w in female - male}, **{w: "m" for w in male - female}}


def _shared_surname(doc: Doc, candidate: Candidate, full_names: dict[str, list[Candidate]]) -> str | None:
    """A surname alone after a form of address that rules out some full names carrying it ("Mr. Obama"
    beside "Michelle Obama"): the fullest name left (the first of the longest), or the surname alone
    when none is left; None when the address rules out no one (the usual fullest name is taken)."""
    if candidate.end - candidate.start != 1 or candidate.start == 0:
        return None
    address = _genders().get(doc[candidate.start - 1].lower_)
    fuller = [c for c in full_names.get(_surname(doc, candidate), []) if c.end - c.start > 1]
    agreeing = [c for c in fuller if _genders().get(doc[c.start].lower_) in (None, address)]
    if address is None or len(agreeing) == len(fuller):
        return None
    if not agreeing:
        return _surname(doc, candidate)  # someone of their own
    return _joined(doc, max(agreeing, key=lambda c: (c.end - c.start, -c.start)))


def _nearest_full_name(doc: Doc, candidate: Candidate, full_names: dict[str, list[Candidate]], own: set[str],
                       keys: dict[int, str]) -> str | None:
    """A surname alone that two people of the article carry ("Gary Johnson" ... "Jeh Johnson says ...
    Johnson tells"): the one named in full last before it as a subject, close by, else no one (the usual fullest name); a surname
    alone before either is named in full stays on its own ("President Obama ... Michelle Obama, the first
    lady", where `own` holds the surnames a form of address gave a person of their own). None where only one
    full name carries it. `keys`: the person each full name is (by id), "Donald Trump" and "Donald J. Trump" one."""
    if candidate.end - candidate.start != 1:
        return None
    # a full name the one-name-one-type vote retyped ("Peyton Manning" tagged ORG more often) is no person here
    fuller = [c for c in full_names.get(_surname(doc, candidate), []) if c.end - c.start > 1 and id(c) in keys]
    names = {keys[id(c)] for c in fuller}
    before = [c for c in fuller if c.end <= candidate.start]
    if len(names) < 2:
        # "President Obama ... Michelle Obama ... Mr. Obama": where a form of address already tells another
        # person by the surname alone, a surname alone before the full name is that one
        return _surname(doc, candidate) if names and not before and _surname(doc, candidate) in own else None
    # the last one named in full, if as the subject of their clause in the same paragraph or the one before:
    # "Jeh Johnson says ... / Johnson tells" but not "for his wife Hillary Clinton. / ... Clinton said"
    nearest = max(before, key=lambda c: c.start) if before else None
    if nearest is None or text_of(doc).count("\n", doc[nearest.end - 1].idx, doc[candidate.start].idx) > 4:
        return None
    head, steps = doc[nearest.end - 1], 0
    while head.dep_ in {"compound", "flat", "appos"} and head.head.i != head.i and steps < 4:
        head, steps = head.head, steps + 1
    return keys[id(nearest)] if head.dep_ in {"nsubj", "nsubjpass"} else None


def _first_full_name(doc: Doc, candidate: Candidate, full_names: dict[str, list[Candidate]], keys: dict[int, str]) -> str | None:
    """A surname alone that two people carry and no nearer subject decides ("Marcel Lazar ... Lazar admitted ...
    his wife, Gabriela Violeta Lazar, wrote ... Lazar had no training"): the person named in full first, whom
    the article goes on calling by the surname (a relative or namesake comes later, named in full to tell them
    apart), not the longest name. None where only one full name carries it."""
    if candidate.end - candidate.start != 1:
        return None
    fuller = [c for c in full_names.get(_surname(doc, candidate), []) if c.end - c.start > 1 and id(c) in keys]
    if len({keys[id(c)] for c in fuller}) < 2:
        return None
    # "Team Trump" before "Donald Trump": a name opening with an organization noun or a title is no one's full name
    people = [c for c in fuller if doc[c.start].lower_ not in word_set("organization_nouns.txt") and not is_title(doc[c.start])]
    return keys[id(min(people, key=lambda c: c.start))] if people else None


def _fullest_names(doc: Doc, full_names: dict[str, list[Candidate]]) -> dict[tuple[str, str | None], list[str]]:
    """The longest name (the first of the longest) per surname, and per surname and first word: what a
    shorter name joins, looked up rather than compared with every mention of the surname."""
    fullest: dict[tuple[str, str | None], list[str]] = {}
    for surname, names in full_names.items():  # each list is longest first
        for name in names:
            words = [t.text.lower() for t in doc[name.start : name.end]]
            fullest.setdefault((surname, None), words)
            fullest.setdefault((surname, words[0]), words)
            for start in range(1, len(words)):  # a surname's longer tails: "ainsley - brown", "peña nieto", "suu kyi"
                if "-" in words[start:] or len(words) - start >= 2:
                    fullest.setdefault((surname, " ".join(words[start:])), words)
    return fullest


def _person_key(doc: Doc, candidate: Candidate, fullest: dict[tuple[str, str | None], list[str]], first_words: dict[str, set[str]]) -> str:
    words = [t.text.lower() for t in doc[candidate.start : candidate.end]]
    surname = words[-1]
    longer_words = []
    if len(words) > 1:  # "Ainsley-Brown" (three tokens) of "Margaret Ainsley-Brown", "Peña Nieto" of "Enrique Peña Nieto"
        longer_words = fullest.get((surname, " ".join(words)), [])
    if len(longer_words) <= len(words):
        longer_words = fullest.get((surname, None if len(words) == 1 else words[0]), [])
    if len(longer_words) > len(words):
        return " ".join(longer_words)
    if len(words) == 1 and len(first_words.get(surname, ())) == 1:
        return next(iter(first_words[surname]))
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class EntityRepair:
    """One repair of what the small model got wrong: `example` is a small article whose entities, after
    the repairs, hold one named `name` of type `type`."""

    name: str
    repair: Callable[[Doc, list[Candidate]], None]
    example: str
    entity: str
    type: str


# In order: types first, then names cut or split, then names completed from the rest of the article.
ENTITY_REPAIRS: tuple[EntityRepair, ...] = (
    EntityRepair("stray_words", _repair_stray_words,
                 "Visa fraud\n\nThe fraud came to light in a complaint filed by the federal Securities and Exchange "
                 "Commission on Monday.", "Securities and Exchange Commission", "ORG"),
    EntityRepair("group_surnames", _repair_group_surnames,
                 "Title defended\n\nGino Calabrese won the fight on Saturday. Calabrese had beaten the champion in 2008.",
                 "Gino Calabrese", "PERSON"),
    EntityRepair("headline_names", _repair_headline_names,
                 "Obama Says Museum Tells the Story of America\n\n"
                 "President Obama said on Saturday that the museum told the story of all Americans.", "Obama", "PERSON"),
    EntityRepair("verbs_after_names", _repair_verbs_after_names,
                 "Spill\n\nBP to defend spill - 1 hr ago CBS News Obama Seeks to Show Control of Oil Spill Crisis - 1 hr ago\n\n"
                 "President Barack Obama said the spill would shape policy. Obama said he was angry.", "Barack Obama", "PERSON"),
    EntityRepair("person_types", _repair_person_types,
                 "Talks fail\n\nKenya said the talks had failed.", "Kenya", "GPE"),
    EntityRepair("surnamed_persons", _repair_surnamed_persons,
                 "Tributes paid to lifeboat coxswain Alfie Trent\n\nAlfie Trent, who served with the Fenwick lifeboat "
                 "for 40 years, has died. Mr Trent was 79.", "Alfie Trent", "PERSON"),
    EntityRepair("organization_persons", _repair_organization_persons,
                 "Power cuts\n\nEskom says it does not expect to cut power this winter. "
                 "Eskom CEO Dan Marokane said the grid was stable.", "Eskom", "ORG"),
    EntityRepair("missed_companies", _repair_missed_companies,
                 "Mine floods\n\nHarlow Mining Corp said the pit had flooded.", "Harlow Mining Corp", "ORG"),
    EntityRepair("organizations_referred_to", _repair_organizations_referred_to,
                 "Water bills\n\nThames Water has been fined for sewage spills. The company said it had invested in "
                 "new works.", "Thames Water", "ORG"),
    EntityRepair("untagged_persons", _repair_untagged_persons,
                 "Talks\n\nMarie-Claire Lefebvre met the union leader on Monday.", "Marie-Claire Lefebvre", "PERSON"),
    EntityRepair("described_untagged_persons", _repair_described_untagged_persons,
                 "Rat meat\n\nLy Tuon Veasna, a Lao official in the northern province, said the rats were eaten.",
                 "Ly Tuon Veasna", "PERSON"),
    EntityRepair("missed_organizations", _repair_missed_organizations,
                 "Port levy\n\nThe Central and East European Coalition wrote to the ministry on Monday.",
                 "Central and East European Coalition", "ORG"),
    EntityRepair("party_labels", _repair_party_labels,
                 "Virginia\n\nScott's niece, state Del. Marcia \"Cia\" Price (D-Newport News), shouted to the crowd.",
                 "Marcia \"Cia\" Price", "PERSON"),
    EntityRepair("split_places", _repair_split_places,
                 "Port row\n\nThe Port Authority of Calder Bay said the port would close.", "Port Authority of Calder Bay", "ORG"),
    EntityRepair("split_jurisdictions", _repair_split_jurisdictions,
                 "Voter rolls\n\nA three-judge panel of the U.S. Court of Appeals for the Sixth Circuit overruled the "
                 "decision.", "U.S. Court of Appeals for the Sixth Circuit", "ORG"),
    EntityRepair("split_organizations", _repair_split_organizations,
                 "Fuel queues\n\nThe Nigerian Midstream and Downstream Petroleum Regulatory Authority said there was "
                 "enough fuel.", "Nigerian Midstream and Downstream Petroleum Regulatory Authority", "ORG"),
    EntityRepair("split_persons", _repair_split_persons,
                 "Vote rigged, says opposition\n\nMirza Fakhrul Islam Alamgir, the opposition leader, said the vote was "
                 "rigged.", "Mirza Fakhrul Islam Alamgir", "PERSON"),
    EntityRepair("split_ranks", _repair_split_ranks,
                 "Base closes\n\nArmy Maj. Gen. John Doe said the base would close.", "John Doe", "PERSON"),
    EntityRepair("gerunds_in_names", _repair_gerunds_in_names,
                 "Harbor plan\n\nJane Roe said the plan was sound. Defending Roe's plan is the mayor's latest effort.",
                 "Jane Roe", "PERSON"),
    EntityRepair("credited_names", _repair_credited_names,
                 "Pit floods\n\nHarlow Mining Corp shut the pit on Tuesday.\n\nPumps drain the pit on February 10. Handout/Harlow Mining",
                 "Harlow Mining Corp", "ORG"),
    EntityRepair("persons_typed_other", _repair_persons_typed_other,
                 "Soap row\n\nKerrigan's co-star Leanne Price, who plays barmaid Shelley, backed her pal on Monday.",
                 "Leanne Price", "PERSON"),
    EntityRepair("given_named_persons", _repair_given_named_persons,
                 "Late winner\n\nA stoppage-time winner from substitute Callum Odei sealed it. Odei said he was thrilled.",
                 "Callum Odei", "PERSON"),
    EntityRepair("titled_persons", _repair_titled_persons,
                 "Vote row\n\nCouncillor Priya Raman said the vote was rigged. Raman said she would appeal.",
                 "Priya Raman", "PERSON"),
    EntityRepair("described_persons", _repair_described_persons,
                 "Strike goes on\n\nA union spokeswoman, Ines Marlow, said the strike would go on.", "Ines Marlow", "PERSON"),
    EntityRepair("missed_names", _repair_missed_names,
                 "Budget passes\n\nMayor Tom Cole presented the budget. Cole said it was balanced.", "Tom Cole", "PERSON"),
    EntityRepair("cut_names", _repair_cut_names,
                 "School plan\n\nSuperintendent Mark Delgado said the district had no choice.", "Mark Delgado", "PERSON"),
    EntityRepair("first_names", _repair_first_names,
                 "Sea wall\n\nEdwin Farraday walked the length of the wall on Monday. Farraday said it would not last.",
                 "Edwin Farraday", "PERSON"),
    EntityRepair("particle_ended_names", _repair_particle_ended_names,
                 "EU summit\n\nEuropean Commission President Ursula von der Leyen said the deal was done.",
                 "Ursula von der Leyen", "PERSON"),
    EntityRepair("hyphenated_given_names", _repair_hyphenated_given_names,
                 "Rent cap\n\nJean-Pierre Dubois, the mayor of Lyon, said rents would be capped. Dubois said the cap "
                 "would last two years.", "Jean-Pierre Dubois", "PERSON"),
    EntityRepair("place_ended_organizations", _repair_place_ended_organizations,
                 "Walking study\n\nParkinson's Research UK said the study added to the evidence.",
                 "Parkinson's Research UK", "ORG"),
    EntityRepair("other_given_names", _repair_other_given_names,
                 "Campaign trail\n\nDonald Trump spoke on Monday. Ivanka Trump, 34, could win over women voters.",
                 "Ivanka Trump", "PERSON"),
    EntityRepair("retyped_titles", _repair_retyped_titles,
                 "Solar farm\n\nFarmer Gene Ostrowski said he was worried about runoff.", "Gene Ostrowski", "PERSON"),
    EntityRepair("quoted_epithets", _repair_quoted_epithets,
                 "Debate row\n\nDonald Trump said: \"Working that microphone was harder than working Crooked Hillary "
                 "Clinton.\" Hillary Clinton said he was unfit.", "Hillary Clinton", "PERSON"),
)


@Language.component("storyline_entities")
def storyline_entities(doc: Doc) -> Doc:
    found = _candidates(doc)
    entities: list[Entity] = []
    entity_at: dict[int, str] = {}
    for number, group in enumerate(_group(doc, found), start=1):
        entity_id = f"e{number}"
        kind = group[0].type
        roles: list[str] = []
        mentions = []
        for candidate in group:
            name = doc[candidate.start : candidate.end]
            mentions.append(Mention(start=name.start_char, end=name.end_char, text=name.text))
            for token in name:
                entity_at[token.i] = entity_id
            if kind == "PERSON":
                _, before = _role_before(doc, candidate.start)
                for role in [before, _apposition_role(doc, name), *candidate.roles]:
                    if role and role.lower() not in {r.lower() for r in roles}:
                        roles.append(role)
        fullest = max(mentions, key=lambda m: (len(m.text.split()), len(m.text)))
        entities.append(Entity(id=entity_id, name=fullest.text, type=kind, roles=roles, mentions=mentions))
    doc._.entities = entities
    doc._.entity_at = entity_at
    return doc
