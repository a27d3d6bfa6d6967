"""storyline_speakers: credits each statement to an entity, never to a pronoun.

- a source that names an entity is that entity;
- a pronoun ("he", "she") is the person most recently credited or mentioned before it;
- a description ("the general", "the spokeswoman") is the person whose role has that word;
- a quote with no source continues the previous speaker; a headline quote goes to the
  person in the body who says the same words.
Pronoun and description sources are added to the entity's mentions.
"""
from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from storyline.nlp import extensions  # noqa: F401
from storyline.record import Entity, Mention, Statement
from storyline.wordlists import word_list

WORD = re.compile(r"\w+")
CONTINUATION_WINDOW = 3  # a quote with no cue continues a speaker credited at most this many lines before


@cache
def pronouns() -> frozenset[str]:
    return frozenset(word_list("pronouns.txt"))


@cache
def person_nouns() -> frozenset[str]:
    return frozenset(word_list("titles.txt")) | frozenset(word_list("person_nouns.txt"))


@cache
def title_words() -> dict[str, str]:
    """Abbreviated title -> the word a description uses ("gen." -> "general")."""
    return dict(line.split(maxsplit=1) for line in word_list("title_abbreviations.txt"))


def _root(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _line_of(doc: Doc, offset: int) -> int:
    return doc.text.count("\n", 0, offset)


def _quoted(statements: list[Statement], offset: int) -> bool:
    return any(s <= offset < e for statement in statements for s, e in statement.content.spans)


def _named(doc: Doc, root: Token, entities: dict[str, Entity]) -> str | None:
    """The entity the source's head word names, or its apposition ("A union spokeswoman, Ines Marlow");
    "Ostrander's office" is not Ostrander. A bare surname the model missed still names its person."""
    entity_at = doc._.entity_at or {}
    for token in [root, *(c for c in root.children if c.dep_ == "appos")]:
        if token.i in entity_at:
            return entity_at[token.i]
    if root.pos_ == "PROPN":
        for entity in entities.values():
            if entity.type == "PERSON" and entity.name.split()[-1] == root.text:
                return entity.id
    return None


class _Resolver:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.entities: dict[str, Entity] = {e.id: e for e in doc._.entities or []}
        self.statements: list[Statement] = doc._.statements or []

    def persons_before(self, offset: int) -> list[tuple[int, Entity]]:
        """(mention start, person) for person mentions before `offset`, nearest first, outside quoted words."""
        found = []
        for entity in self.entities.values():
            if entity.type != "PERSON":
                continue
            for mention in entity.mentions:
                if mention.end <= offset and not _quoted(self.statements, mention.start):
                    found.append((mention.start, entity))
        return sorted(found, key=lambda pair: -pair[0])

    def antecedent(self, offset: int, earlier: list[Statement]) -> Entity | None:
        """The person a pronoun at `offset` refers to: the last credited speaker if recent, else the nearest person."""
        line = _line_of(self.doc, offset)
        for statement in reversed(earlier):
            if statement.speaker and self.entities[statement.speaker].type == "PERSON":
                if line - _line_of(self.doc, statement.content.start) <= CONTINUATION_WINDOW:
                    nearest = self.persons_before(offset)
                    # A person named after that statement and before the pronoun is the better antecedent.
                    if nearest and nearest[0][0] > statement.content.end and nearest[0][1].id != statement.speaker:
                        return nearest[0][1]
                    return self.entities[statement.speaker]
                break
        nearest = self.persons_before(offset)
        return nearest[0][1] if nearest else None

    def described(self, root: Token, offset: int) -> Entity | None:
        """ "the general", "the spokeswoman": the nearest earlier person whose role has that word."""
        word = root.lower_
        expanded = title_words()
        for _, entity in self.persons_before(offset):
            if any(word in {expanded.get(w, w) for w in role.lower().split()} for role in entity.roles):
                return entity
        return None

    def headline_speaker(self, statement: Statement) -> Statement | None:
        words = set(WORD.findall(statement.content.text.lower()))
        best, best_overlap = None, 0.0
        for other in self.statements:
            if other is statement or other.speaker is None:
                continue
            other_words = set(WORD.findall(other.content.text.lower()))
            overlap = len(words & other_words) / max(1, len(words))
            if overlap > best_overlap:
                best, best_overlap = other, overlap
        return best if best_overlap >= 0.6 else None


def _add_mention(entity: Entity, doc: Doc, start: int, end: int) -> None:
    if not any(m.start == start and m.end == end for m in entity.mentions):
        entity.mentions.append(Mention(start=start, end=end, text=doc.text[start:end]))
        entity.mentions.sort(key=lambda m: m.start)


@Language.component("storyline_speakers")
def storyline_speakers(doc: Doc) -> Doc:
    resolver = _Resolver(doc)
    headline = doc._.headline_range
    done: list[Statement] = []
    # Headline quotes are credited last: they take the speaker of the body statement saying the same.
    in_headline = lambda s: bool(headline) and headline[0] <= s.content.start < headline[1]  # noqa: E731
    ordered = [s for s in resolver.statements if not in_headline(s)] + [s for s in resolver.statements if in_headline(s)]
    for statement in ordered:
        entity: Entity | None = None
        if statement.source is not None:
            start, end = statement.source.start, statement.source.end
            root = _root(doc, start, end)
            if root is not None:
                named = _named(doc, root, resolver.entities)
                if named:
                    entity = resolver.entities[named]
                elif root.lower_ in pronouns():
                    entity = resolver.antecedent(start, done)
                    if entity:
                        _add_mention(entity, doc, root.idx, root.idx + len(root))
                elif root.lower_ in person_nouns():
                    entity = resolver.described(root, end)
                    if entity:
                        _add_mention(entity, doc, start, end)
            unresolved_pronoun = root is not None and (root.lower_ in pronouns() or root.lower_ == "it")
            statement.speaker_name = entity.name if entity else (None if unresolved_pronoun else statement.source.text)
        elif in_headline(statement):
            match = resolver.headline_speaker(statement)
            if match:
                entity = resolver.entities.get(match.speaker)
        elif done and done[-1].speaker_name:
            previous = done[-1]
            if _line_of(doc, statement.content.start) - _line_of(doc, previous.content.end) <= CONTINUATION_WINDOW:
                entity = resolver.entities.get(previous.speaker) if previous.speaker else None
                statement.speaker_name = previous.speaker_name
        if entity is not None:
            statement.speaker = entity.id
            statement.speaker_name = entity.name
        done.append(statement)
    return doc
