"""storyline_speakers: credits each statement to an entity, never to a pronoun.

- a source that names an entity is that entity, also when it ends in the name after words that only
  say who it is ("Tulsa police Chief Chuck Jordan");
- a pronoun ("he", "she") is the most salient person before it who agrees in gender (given names,
  forms of address and role nouns in data/female_words.txt and male_words.txt): the subject of its
  own sentence or of the nearest earlier sentence with a person as subject (a name in apposition
  inside the subject, a shared surname's person named last, the owner of a subject that is no
  person), a subject pronoun or description continuing the chain, or the one person a sentence with
  no person as subject introduces; failing that, the person most recently credited or mentioned;
  "he added" is the person credited just before; "As for Trump, he said" is the topic; a pronoun is never a
  name after it in its own reported words (outside quotation marks) nor its own verb's object (binding:
  "he said Baker lied", "it taunted Twitter");
- "they" and "it" are never one person: they are the organization that is the main subject of the
  sentence or the one before ("it" is never a plural subject), or an organization credited just
  before, if any;
- a definite description ("the general", "the Democratic nominee", "the Dutchman", "the Republican")
  is the person whose role shares most of its words (title synonyms in data/title_synonyms.txt), else
  the most salient person it fits (an office only someone without another title); "the fund" is the
  organization named with that word ("International Monetary Fund"), "the group" the organization that
  acted or spoke just before; a lead's description no one before fits is the person named just after
  it, if their roles share its words or they have none; an indefinite or possessed one ("a spokesman",
  "the victim's daughter") is whoever is named soon after and described by its words, else no one;
- a quote with no source continues the previous speaker; a headline quote goes to the
  person in the body who says the same words; a Q&A's "A:" lines are the person its
  introduction names first;
- "I" is the speaker whose words or transcript turn hold it, else the article's writer
  (its author, else its byline's names);
- a document ("a statement from the union", "the authority's report", "a post on her Facebook page",
  "Ivana Trump's brief") is whoever it is from; "the statement", "the letter" named without an author
  are from whoever the article named as their author before, else what the last writer wrote.
Pronoun and description sources are added to the entity's mentions. The ways to credit a statement
are the named, ordered table SPEAKER_STEPS (each with an example); doc._.speaker_steps records which
step credited each statement.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from storyline.nlp import extensions  # noqa: F401
from storyline.nlp.attribution import WH_TAGS, document_author, put_to_subject
from storyline.nlp.entities import DASHES, NAME_PARTICLES, spaced_dash
from storyline.nlp.extensions import text_of
from storyline.nlp.intervals import SortedRanges, line_number
from storyline.nlp.quotes import find_quotes
from storyline.record import Entity, Mention, Span, Statement
from storyline.wordlists import word_list, word_set

WORD = re.compile(r"\w+")
AGE = re.compile(r"\w+-years?-old\b", re.IGNORECASE)
CONTINUATION_WINDOW = 3  # a quote with no cue continues a speaker credited at most this many lines before
DESCRIBED_WINDOW = 6  # lines within which a lead's "the victim's daughter" is named by the same words
MIN_HEADLINE_WORDS = 2  # a headline's words shorter than this cannot tell which body statement they repeat
SENTENCE_WINDOW = 4  # earlier sentences a pronoun looks through for a subject
SUBJECTS = {"nsubj", "nsubjpass"}
DEFINITE = {"the", "this", "that"}
INDEFINITE = {"a", "an"}
TIME_WORDS = {"former", "current", "then", "new", "ex", "late"}  # say when, not who
GROUP_PRONOUNS = {"they", "them", "it"}  # never one person
TIME_PREPOSITIONS = {"after", "before", "while", "during"}
CLIMB = {"advcl", "xcomp", "pcomp", "pobj", "prep", "conj", "acl", "advmod"}  # from a subjectless cue up to its clause ("aside from saying")


def _entity_ids(doc: Doc) -> dict[int, str]:
    """{token index: entity id} for every entity mention token; empty before storyline_entities runs."""
    return doc._.entity_at or {}


@cache
def person_nouns() -> frozenset[str]:
    return word_set("titles.txt") | word_set("person_nouns.txt")


@cache
def pronoun_families() -> list[frozenset[str]]:
    return [frozenset(line.split()) for line in word_list("pronoun_families.txt")]


@cache
def gender_words() -> dict[str, str]:
    """Word -> "f" or "m": given names, forms of address and role nouns that mark a person's gender."""
    female, male = set(word_list("female_words.txt")), set(word_list("male_words.txt"))
    return {**{w: "f" for w in female - male}, **{w: "m" for w in male - female}}


@cache
def titles() -> frozenset[str]:
    return word_set("titles.txt") | word_set("described_nouns.txt")


@cache
def title_words() -> dict[str, str]:
    """Title word -> the word a description uses for it: abbreviations expanded ("gen." -> "general")."""
    return dict(line.split(maxsplit=1) for line in word_list("title_abbreviations.txt"))


@cache
def synonyms() -> dict[str, frozenset[str]]:
    """Title word -> every word that names the same office ("rep." ~ "congressman" ~ "representative")."""
    groups: dict[str, set[str]] = {}
    for line in word_list("title_synonyms.txt"):
        words = set(line.split())
        for word in words:
            groups.setdefault(word, set()).update(words)
    return {word: frozenset(group) for word, group in groups.items()}


def _title_forms(word: str) -> set[str]:
    """A word with its expansion and synonyms, all lower case."""
    word = title_words().get(word, word)
    return {word} | set(synonyms().get(word, ()))


def _forms(words: set[str]) -> set[str]:
    return {form for word in words for form in _title_forms(word)}


def _role_words(roles: list[str]) -> set[str]:
    return {form for role in roles for w in role.lower().split() for form in _title_forms(w)}


def _root(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    # a source run across a sentence break ("...Photo: Ellen Park\n\nTransport | Minister Jane Roe said", a
    # title the parser left as a sentence of its own) has its head in the sentence it ends in, the cue's
    ends_in = span[-1].sent
    if span[0].i < ends_in.start:
        span = doc[ends_in.start : span.end]
    return span.root


def _described(token: Token) -> Token | None:
    """The noun a relative pronoun stands for: "Maria Lopez, an economist, who said" is Lopez;
    "Ostrander, whose warning of ..." is Ostrander."""
    if token.tag_ not in WH_TAGS and not any(c.dep_ == "poss" and c.tag_ == "WP$" for c in token.children):
        return None
    clause = next((t for t in token.ancestors if t.dep_ == "relcl"), None)
    if clause is None:
        return None
    noun = clause.head
    while noun.dep_ == "appos" and noun.head.i != noun.i:
        noun = noun.head
    # "nervous Democrats on Capitol Hill, who have argued", "analysts in London, who": "who" after the place of a
    # group of people is the people, however the parser hung it
    if token.lower_ in {"who", "whom"} and noun.dep_ == "pobj" and noun.head.lower_ in {"on", "in", "at", "from"} \
            and noun.head.head.tag_ in {"NNS", "NNPS"} and noun.tag_ not in {"NNS", "NNPS"}:
        return noun.head.head
    return noun


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 100:  # Token objects differ across accesses: compare indices
        token, depth = token.head, depth + 1
    return depth


def _family(token: Token) -> int | None:
    return next((n for n, family in enumerate(pronoun_families()) if token.lower_ in family), None)


def _anaphor_gender(token: Token) -> str | None:
    family = _family(token)
    if family is not None:
        return ("m", "f")[family] if family < 2 else None
    return gender_words().get(token.lower_)


def _is_age(token: Token) -> bool:
    """ "the 58-year-old": a person described by age alone."""
    doc = token.doc
    # a source cut inside the phrase ("The 45", "The 45-year" of "The 45-year-old") has the number, "year" or
    # the article as head
    token = token.head if token.dep_ == "det" else token
    number = doc[token.i - 2] if token.lower_ in {"year", "years"} and token.i >= 2 else token
    if number.like_num and AGE.match(text_of(doc), number.idx):
        return True
    return token.lower_ == "old" and token.i >= 2 and doc[token.i - 2].lower_ in {"year", "years"}


def _is_description(token: Token) -> bool:
    """ "the nominee", "the Indiana governor", "the 58-year-old": a definite noun phrase headed by a title
    or person noun, or by an age."""
    head = token.lower_
    return token.doc[token.left_edge.i].lower_ in DEFINITE \
        and (head in person_nouns() or head in titles() or _is_age(token) or _is_party_member(token))


def _is_party_member(token: Token) -> bool:
    """ "The Republican is also encouraging ...", "the Portuguese said": one member of a party or nation,
    a person described, never the group ("the Republicans")."""
    return token.text in word_set("nationality_words.txt") and token.tag_ in {"NN", "NNP", "JJ"} \
        and token.dep_ in SUBJECTS and not token.text.endswith("s")


def _possessed(token: Token) -> bool:
    """ "Pagliano's lawyer": a noun phrase opened by a named possessor, as definite as "the lawyer"."""
    first = token.doc[token.left_edge.i]
    return first.pos_ == "PROPN" and any(c.dep_ == "poss" and c.i == first.i or c.dep_ == "poss" and c.left_edge.i == first.i
                                         for c in token.children)


def _continues(subject: Token, anaphor: Token) -> bool:
    """Whether a sentence's main subject refers back the way the anaphor does (and so to the same person)."""
    if _is_description(subject):
        return True
    family = _family(subject)
    return family is not None and family < 2 and (_family(anaphor) in (None, family))


def _line_of(doc: Doc, offset: int) -> int:
    """The line number of `offset`, not counting layout lines (sub-headings, captions) or the blank lines
    after them: a speaker named before a sub-heading is as near as one in the paragraph before."""
    text = text_of(doc)
    skipped = doc.user_data.get("storyline_layout_lines")
    if skipped is None:
        layout = [(c.start, c.end) for c in doc._.captions or []]
        layout += [(x.start, x.end) for x in doc._.sections or [] if x.kind == "lead" and text[x.start : x.end] == x.label]
        skipped = []
        for _, end in sorted(layout):
            after = len(text) - len(text[end:].lstrip())
            skipped.append((end, text.count("\n", end, after)))
        doc.user_data["storyline_layout_lines"] = skipped
    return line_number(text, offset) - sum(count for end, count in skipped if end <= offset)


def _quoted(statements: list[Statement], offset: int) -> bool:
    return any(s <= offset < e for statement in statements for s, e in statement.content.spans)


def _named(doc: Doc, root: Token, entities: dict[str, Entity]) -> str | None:
    """The entity the source's head word names, or its apposition ("A union spokeswoman, Ines Marlow");
    "Ostrander's office" is not Ostrander. A bare surname the model missed still names its person."""
    entity_at = _entity_ids(doc)
    persons = [c for c in root.children if c.dep_ == "appos" and c.i in entity_at and entities[entity_at[c.i]].type == "PERSON"]
    # "Bondi local Sarah Ng" parsed as a one-word name with her full name in apposition: her
    if root.i in entity_at and persons and entity_at[persons[0].i] != entity_at[root.i] and (
            entities[entity_at[root.i]].type != "PERSON"
            or entity_at.get(root.i - 1) != entity_at[root.i] and entity_at.get(root.i + 1) != entity_at[root.i]
            and entity_at.get(persons[0].i - 1) == entity_at[persons[0].i]):
        return entity_at[persons[0].i]
    for token in [root, *(c for c in root.children if c.dep_ == "appos")]:
        # "the Dutchman" is a description the model tagged as a name, not someone called Dutchman
        if token.i in entity_at and not (token.i == root.i and _is_description(root)
                                         and entities[entity_at[token.i]].name.lower() == root.lower_):
            return entity_at[token.i]
    # "Scott's niece, state Del. Marcia "Cia" Price (D-Newport News),": the parser may make the bracketed party and
    # district the apposition and hang the name under it
    hung = [t for c in root.children if c.dep_ == "appos" and c.i not in entity_at for t in c.subtree
            if t.dep_ in {"nmod", "compound"} and t.head.i == c.i and t.i in entity_at and entities[entity_at[t.i]].type == "PERSON"]
    if hung:
        return entity_at[hung[0].i]
    if root.pos_ == "PROPN" or root.is_upper:  # "Pike said"; a transcript's "PIKE:"
        word = root.text.lower() if root.is_upper else root.text
        for entity in entities.values():
            surname = entity.name.split()[-1]
            if entity.type == "PERSON" and (surname.lower() if root.is_upper else surname) == word:
                return entity.id
        for entity in entities.values() if root.i not in entity_at and not _is_description(root) else ():
            # "May 9 - BP says" (the model took "BP" into the date): a word that is an entity's whole name elsewhere;
            # "Al Jazeera's Haru Mutasa" typed ORG, then "Mutasa said": the surname of a name shaped as a person's
            if entity.type in ("PERSON", "ORG") and root.text == entity.name or _person_shaped(entity) and root.text == surname_of(entity):
                return entity.id
    # "An attorney for Pagliano, Mark MacDougall,": a person's name set off by a comma ends the source.
    span = doc[root.left_edge.i : root.right_edge.i + 1]
    end = span.end
    while end > span.start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    last = entity_at.get(end - 1) if end > span.start else None
    if last is not None and entities[last].type == "PERSON":
        first = end - 1
        while first > span.start and entity_at.get(first - 1) == last:
            first -= 1
        if first > span.start and doc[first - 1].text == ",":
            return last
    return None


@cache
def _organization_words() -> frozenset[str]:
    """Words that make a name an organization's, lower case."""
    names = ("organization_name_words.txt", "organization_inner_words.txt", "company_sector_words.txt", "company_suffixes.txt",
             "organization_nouns.txt", "nationality_words.txt", "place_names.txt")
    return frozenset(w.lower() for name in names for line in word_list(name) for w in line.split())


def surname_of(entity: Entity) -> str:
    return entity.name.split()[-1]


def _person_shaped(entity: Entity) -> bool:
    """An organization by the small model's type whose name is written as a person's, a given name and a surname
    ("Haru Mutasa" of "Al Jazeera's Haru Mutasa"): two capitalised words, neither a word of organizations or places."""
    words = entity.name.split()
    return entity.type == "ORG" and len(words) == 2 and all(w.isalpha() and w[:1].isupper() and w[1:].islower() for w in words) \
        and not any(w.lower() in _organization_words() for w in words)


def _name_ending(doc: Doc, start: int, end: int, entities: dict[str, Entity]) -> str | None:
    """ "Tulsa police Chief Chuck Jordan", "Harbor Port Authority chairman Alan Poe": a source that ends in a
    person's name after words that only say who they are (no link word, no clause) is that person, however the
    parser hung the words before it."""
    span = doc.char_span(start, end, alignment_mode="expand")
    entity_at = _entity_ids(doc)
    if span is None or len(span) < 2:
        return None
    last = span.end - 1
    while last > span.start and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    person = entity_at.get(last)
    # "Industry body CII" too; "the Dutchman" is a description the model tagged, no name
    if person is None or entities[person].type not in ("PERSON", "ORG") or _is_description(doc[last]):
        return None
    first = last
    while first > span.start and entity_at.get(first - 1) == person:
        first -= 1
    before = doc[span.start : first]
    # only words that say who: no link word, clause or verb ("a complaint filed Monday in Lakeside County Court");
    # a capitalised word the parser took for a verb is a name ("Tulsa police Chief")
    if not len(before) or any(t.lower_ in LINKS or t.is_punct or t.tag_ in WH_TAGS or t.pos_ in {"PRON", "ADP", "AUX"}
                              or t.pos_ == "VERB" and not t.text[:1].isupper() for t in before):
        return None
    return person


def _subject_of_cue(doc: Doc, statement: Statement) -> bool:
    """Whether a statement's words are only its cue's subject, a person ("In defeat, the president appeared
    cowed" read as words "the president"): the actor, not anyone's words, and so a subject a later pronoun
    may mean."""
    if statement.cue is None or statement.kind == "direct":
        return False
    start, end = statement.content.spans[0]
    words, cue = _root(doc, start, end), _root(doc, statement.cue.start, statement.cue.end)
    return words is not None and cue is not None and words.dep_ in SUBJECTS and words.head.i == cue.i \
        and words.left_edge.idx >= start and words.right_edge.idx < end \
        and (words.lower_ in person_nouns() or words.lower_ in titles() or words.i in _entity_ids(doc))


class Resolver:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.entities: dict[str, Entity] = {e.id: e for e in doc._.entities or []}
        self.statements: list[Statement] = doc._.statements or []
        # token index -> person entity, for names and for pronoun and description sources once resolved
        self.genders: dict[str, str | None] = {}
        last_names: dict[str, set[str]] = {}
        for entity in self.entities.values():
            if entity.type == "PERSON":
                last_names.setdefault(entity.name.split()[-1], set()).add(entity.id)
        self.not_antecedent: Entity | None = None  # "Moss remembers him ...": him is not Moss
        self.talked_about: set[str] = set()  # "Okafor fired the shot, the prosecutor said": the prosecutor is not Okafor
        # entities named in a pronoun source's own reported words: "it taunted Twitter", "he said Trump lied"
        # (a pronoun never means a name its own clause governs); a direct quote may name its speaker
        self.named_in_words: set[str] = set()
        self.surnames = {name: ids.pop() for name, ids in last_names.items() if len(ids) == 1}
        self.shared_surnames = {name: ids for name, ids in last_names.items() if len(ids) > 1}
        self._chain_depth = 0  # descriptions followed while following a pronoun's chain, to stop a loop
        self.speaking: Entity | None = None  # while a pronoun is resolved: the person quoted just before it, if it fits
        self.person_at: dict[int, str] = {
            i: entity_id for i, entity_id in _entity_ids(doc).items() if self.entities[entity_id].type == "PERSON"
        }
        # The words of all statements, and of direct ones, indexed once: asked about at every mention and subject.
        self._words = SortedRanges(span for s in self.statements if not _subject_of_cue(doc, s) for span in s.content.spans)
        self._direct_words = SortedRanges(span for s in self.statements if s.kind == "direct" for span in s.content.spans)
        # A statement's source is no one's words, even where another statement's words run over it (a content
        # that took in "said Mattie Thomas, 66, ...": she is still the subject a later "she" means).
        self._sources = SortedRanges(span for s in self.statements if s.source is not None for span in s.source.spans)
        # A statement's source is whom its sentence is about, however the parser read it ("Scott bristles at the
        # suggestion ...", "Scott" taken as a compound): a subject for a later pronoun, like a parsed one.
        self._source_heads = {head.i for s in self.statements if s.source is not None and len(s.source.spans) == 1
                              and (head := _root(doc, s.source.start, s.source.end)) is not None}
        self._quote_marks = SortedRanges((q.start, q.end) for q in find_quotes(text_of(doc), doc._.headline_range))
        # captions and photo credits ("Handout/Harlow Mining") name no one a later "it" or "he" refers to
        self._captions = SortedRanges((c.start, c.end) for c in doc._.captions or [])

    def quoted(self, offset: int, direct: bool = False) -> bool:
        """Whether `offset` is in a statement's words (a direct statement's, with `direct`)."""
        if direct or self._direct_words.covers(offset):
            return self._direct_words.covers(offset)
        return self._words.covers(offset) and not self._sources.covers(offset)

    def quote_marks(self, offset: int) -> bool:
        """Whether `offset` is between quotation marks."""
        return self._quote_marks.covers(offset)

    def persons_before(self, offset: int, reported: bool = False) -> list[tuple[int, Entity]]:
        """(start of the latest mention, person) for persons mentioned before `offset`, nearest first, outside
        the words of statements; with `reported`, only outside direct quotes ("called on President Obama to
        retaliate" names him for a later "the president"; a quote's names are the speaker's). Mentions are
        sorted by start: each person's latest is found from a bisection, not from every mention."""
        found = []
        for entity in self.entities.values():
            if entity.type != "PERSON":
                continue
            for number in range(bisect_left(entity.mentions, offset, key=lambda m: m.start) - 1, -1, -1):
                mention = entity.mentions[number]
                if mention.end <= offset and not self.quoted(mention.start, direct=reported) \
                        and not self._captions.covers(mention.start):
                    found.append((mention.start, entity))
                    break
        return sorted(found, key=lambda pair: -pair[0])

    def gender(self, entity: Entity) -> str | None:
        """ "f", "m" or None (unknown or conflicting) from the entity's given name, roles and forms of address."""
        if entity.id not in self.genders:
            given = entity.name.split()[0].lower() if len(entity.name.split()) > 1 else None
            # "Marie-Claire Lefebvre": a hyphenated given name's first part says it too
            words = [given, given.split("-")[0]] if given else []
            # Role nouns count, not names inside a role ("adviser in Eau Claire").
            words += [w for role in entity.roles for w in role.split() if w.islower()]
            for mention in entity.mentions:
                before = text_of(self.doc)[max(0, mention.start - 6) : mention.start].split()
                words += [before[-1].lower()] if before else []
            found = {gender_words()[w] for w in words if w in gender_words()}
            self.genders[entity.id] = found.pop() if len(found) == 1 else None
        return self.genders[entity.id]

    def agrees(self, anaphor: Token) -> Callable[[Entity], bool]:
        """A person the anaphor can refer to by gender: "she" is no one known to be a man."""
        wanted = _anaphor_gender(anaphor)
        return lambda entity: wanted is None or self.gender(entity) in (None, wanted)

    def recent(self, offset: int, earlier: list[Statement], accept: Callable[[Entity], bool]) -> Entity | None:
        """The last credited speaker if recent, else the nearest person mentioned before `offset`."""
        line = _line_of(self.doc, offset)
        for statement in reversed(earlier):
            if statement.speaker and self.entities[statement.speaker].type == "PERSON" and accept(self.entities[statement.speaker]):
                if line - _line_of(self.doc, statement.content.start) <= CONTINUATION_WINDOW:
                    nearest = [pair for pair in self.persons_before(offset) if accept(pair[1])]
                    # A person named after that statement and before the pronoun is the better antecedent.
                    if nearest and nearest[0][0] > statement.content.end and nearest[0][1].id != statement.speaker:
                        return nearest[0][1]
                    return self.entities[statement.speaker]
                break
        nearest = [pair for pair in self.persons_before(offset) if accept(pair[1])]
        return nearest[0][1] if nearest else None

    def sentence_subject(
        self, tokens: list[Token], anaphor: Token, accept: Callable[[Entity], bool]
    ) -> tuple[Entity | None, bool]:
        """(the person who is a subject among `tokens`, outside quoted words, the one nearest the root
        first; whether the sentence continues a chain). When the main subject is itself a pronoun of the
        anaphor's family or a description ("He said Scott ...", "The nominee spoke after Trump ..."), no
        deeper subject is taken: the chain goes on to the sentence before, unless the description's role
        names its person ("If the president follows through on his threat")."""
        # A sentence the parser read as one noun phrase ("Grant's predecessor, Fiona Marsh, left in July",
        # "left" taken as a participle) has its head noun for a subject.
        subjects = sorted(
            (_depth(t), t.i, t) for t in tokens
            if (t.dep_ in SUBJECTS or t.dep_ == "ROOT" and t.pos_ in {"NOUN", "PROPN"} and any(c.pos_ in {"VERB", "AUX"} for c in t.children)
                or t.i in self._source_heads and t.i in self.person_at)
            and not self.quoted(t.idx)
        )
        topic = self.topic(tokens)
        if topic is not None and accept(topic) and (
                not subjects or _continues(subjects[0][2], anaphor) or subjects[0][2].i == anaphor.i):
            return topic, False  # "As for Trump, he said he's not worried": the topic is whom "he" means
        for rank, (_, _, token) in enumerate(subjects):
            entity_id = self.subject_person(token)
            if entity_id is not None:
                if accept(self.entities[entity_id]):
                    # "'It will be first-order business,' Mr. Podesta said. But Mrs. Clinton will face the same fire
                    # Mr. Obama has. He noted ...": a man merely mentioned in a clause below the main one is not
                    # whom the pronoun of a reporting verb means while someone quoted just before can be
                    if rank > 0 and self.speaking is not None and self.speaking.id != entity_id:
                        return self.speaking, False
                    return self.entities[entity_id], False
                continue
            if rank == 0 and _continues(token, anaphor):
                if _is_description(token):
                    described = self.described(token, token.idx) or self.chained_description(token, accept)
                    if described is not None and accept(described):
                        return described, False
                return None, True
            if rank == 0 and (owner := self.possessor(token)) is not None and accept(owner):
                return owner, False
            if rank == 0 and _family(anaphor) is not None and (new := self.introduced(tokens, accept)) is not None:
                # "'This is a sad day,' said works manager Tom Lee. The plant was opened by Harold Wilson in 1967. 'We
                # gave it everything,' he said": a person merely mentioned, given no role, does not take the pronoun
                # from someone quoted just before
                if self.speaking is not None and self.speaking.id != new.id and not new.roles:
                    return self.speaking, False
                return new, False
        return None, False

    def topic(self, tokens: list[Token]) -> Entity | None:
        """The person a sentence opens on as its topic: "As for Trump, ...", "As for Mrs. Clinton, ..."."""
        if len(tokens) < 4 or tokens[0].lower_ != "as" or tokens[1].lower_ != "for":
            return None
        name = next((t for t in tokens[2:8] if t.dep_ == "pobj" and t.head.i == tokens[1].i), None)
        entity_id = self.subject_person(name) if name is not None else None
        return self.entities[entity_id] if entity_id is not None else None

    def introduced(self, tokens: list[Token], accept: Callable[[Entity], bool]) -> Entity | None:
        """ "While Obama had songs written about him, that is something that concerns Henry Crespo, president of
        the caucus. '...,' he said": where the main subject is no person, the one person the sentence
        introduces (named in full for the first time) is whom the next quote's pronoun means."""
        found = {}
        for token in tokens:
            entity_id = self.person_at.get(token.i)
            if entity_id is None or self.quoted(token.idx):
                continue
            entity = self.entities[entity_id]
            first = entity.mentions[0] if entity.mentions else None
            if first is not None and first.start <= token.idx < first.end and len(first.text.split()) > 1 and accept(entity):
                found[entity_id] = entity
        return next(iter(found.values())) if len(found) == 1 else None

    def subject_person(self, token: Token) -> str | None:
        """The person a subject names: its own name; a person in apposition to it or to a noun inside it
        ("Kettering's manager, Ian Ross, stood", "Chair of the bench Margaret Ealing told"); a surname the
        model did not tag this time, of the person by that surname named last."""
        entity_id = self.person_at.get(token.i)
        if entity_id is None:
            inside = [t for t in token.subtree if not any(a.dep_ in {"relcl", "acl"} and a.i != token.i for a in t.ancestors
                                                           if a.i in range(token.left_edge.i, token.right_edge.i + 1))]
            entity_id = next((self.person_at[t.i] for t in inside if t.dep_ == "appos" and t.i in self.person_at), None)
        if entity_id is None and token.pos_ == "PROPN":
            entity_id = self.surnames.get(token.text) or self.last_named(self.shared_surnames.get(token.text, set()), token.idx)
        return entity_id

    def last_named(self, ids: set[str], offset: int) -> str | None:
        """Of several people who share a surname, the one named last before `offset` ("Gary Johnson ...
        Jeh Johnson said ... Johnson added" is Jeh Johnson)."""
        latest = [(max(m.start for m in self.entities[i].mentions if m.end <= offset), i) for i in ids
                  if any(m.end <= offset for m in self.entities[i].mentions)]
        return max(latest)[1] if latest else None

    def possessor(self, token: Token) -> Entity | None:
        """ "The president's Pacific roots also came into play. In Honolulu, he told ...": a subject that is no
        person hands the chain to the person who owns it, named or described."""
        if token.lower_ in person_nouns() or token.lower_ in titles() or token.lower_ in gender_words() \
                or _family(token) is not None or token.i in self.person_at \
                or any(c.dep_ == "appos" for c in token.children):  # "Fenwick's coxswain, Dean Robson,": a person
            return None
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is None or _family(owner) is not None:
            return None
        entity_id = self.subject_person(owner)
        if entity_id is not None:
            return self.entities[entity_id]
        if owner.lower_ in titles() and self.doc[owner.left_edge.i].lower_ in DEFINITE:
            return self.described(owner, owner.idx) or self.chained_description(owner, lambda entity: True)
        return None

    def chained_description(self, token: Token, accept: Callable[[Entity], bool]) -> Entity | None:
        """ "Mr. Obama would end up with ... Mr. Alexander said. In defeat, the president appeared cowed.
        Campaigning in 2012, he ...": a title description no role names goes on the chain as the most salient
        person it fits, else the one it fits named last a few sentences before (a senator is no "president")."""
        if token.lower_ not in titles() or self._chain_depth > 1:
            return None
        fits, agrees, window = self.fits(token), self.agrees(token), self.window_start(token)
        fitting = lambda entity: fits(entity) and agrees(entity) and accept(entity)  # noqa: E731
        self._chain_depth += 1
        try:  # the chain the description itself continues ("Mike Pence says ... The Indiana governor said")
            found = self.salient(token, fitting)
        finally:
            self._chain_depth -= 1
        nearest = [entity for start, entity in self.persons_before(token.idx, reported=True) if start >= window and fitting(entity)]
        return found or (nearest[0] if nearest else None)

    def salient(self, token: Token, accept: Callable[[Entity], bool] = lambda entity: True) -> Entity | None:
        """The subject of the anaphor's sentence before it, else of the nearest earlier sentence with a
        person as subject (Hobbs's preference for subjects over nearer objects: "Ham said ... under
        President Obama. 'I ...,' he said" is Ham). Sentences continuing the chain ("He ...") do not
        count against the window."""
        sentence = token.sent
        found, chained = self.sentence_subject([t for t in sentence if t.i < token.i], token, accept)
        looked = 0
        while found is None and looked < SENTENCE_WINDOW and sentence.start > 0:
            sentence = self.doc[sentence.start - 1].sent
            found, chained = self.sentence_subject(list(sentence), token, accept)
            looked += 0.25 if chained else 1
        return found

    def antecedent(self, token: Token, earlier: list[Statement]) -> Entity | None:
        """The person a pronoun refers to: the most salient one, else the last credited or nearest."""
        agrees, other, named = self.agrees(token), self.not_antecedent, self.named_in_words
        self.not_antecedent = None
        accept = lambda entity: agrees(entity) and entity.id not in named and (other is None or entity.id != other.id)  # noqa: E731
        self.speaking = self.last_speaker(token.idx, earlier, accept)
        try:
            return self.salient(token, accept) or self.recent(token.idx, earlier, accept)
        finally:
            self.speaking = None

    def last_speaker(self, offset: int, earlier: list[Statement], accept: Callable[[Entity], bool]) -> Entity | None:
        """The person credited with the last statement before `offset`, if a few lines before and the anaphor
        can mean them."""
        line = _line_of(self.doc, offset)
        for statement in reversed(earlier):
            if statement.speaker and self.entities[statement.speaker].type == "PERSON":
                entity = self.entities[statement.speaker]
                recent = line - _line_of(self.doc, statement.content.start) <= CONTINUATION_WINDOW
                return entity if recent and accept(entity) else None
        return None

    def group_salient(self, token: Token) -> Entity | None:
        """ "It"/"they": the organization or place that is the main subject of the pronoun's sentence
        before it, or of an earlier sentence through a chain of the same pronoun ("The IMF said ... It
        edged up"). Any other main subject ("The report says ... It also") is what the pronoun means."""
        entity_at = _entity_ids(self.doc)
        sentence, tokens = token.sent, [t for t in token.sent if t.i < token.i]
        # Reported words count, quoted ones do not: in "Acme now expects a loss, it said" it is Acme.
        for _ in range(SENTENCE_WINDOW):
            subjects = sorted(
                (_depth(t), t.i, t) for t in tokens if t.dep_ in SUBJECTS and not self.quoted(t.idx, direct=True)
            )
            # "Many leaders share these fears, but the coalition wants ... Recently, however, it issued": "it" is
            # never a plural subject, so the next subject is tried
            if token.lower_ == "it":
                subjects = [s for s in subjects if not (s[2].tag_ in {"NNS", "NNPS"} and s[2].i not in entity_at)
                            and s[2].lower_ not in {"they", "we", "you", "i"}]
            if subjects:
                main = subjects[0][2]
                entity_id = entity_at.get(main.i)
                if entity_id is not None and self.entities[entity_id].type in ("ORG", "GPE"):
                    return self.entities[entity_id]
                # "The union plans to hold votes, it said": the organization the subject's noun names
                # "The city sent a letter. It says ...": a place noun's place speaks too
                if entity_id is None and main.pos_ == "NOUN" and self.doc[main.left_edge.i].lower_ in DEFINITE and (
                        main.lower_ in word_set("organization_nouns.txt") or main.lower_ in word_set("place_nouns.txt")):
                    return self.organization(main, main.idx)  # not a name the model missed ("the ... Coalition")
                if _family(main) is None or _family(main) != _family(token):
                    return None
            if sentence.start == 0:
                return None
            sentence = self.doc[sentence.start - 1].sent
            tokens = list(sentence)
        return None

    def group_antecedent(self, offset: int, earlier: list[Statement]) -> Entity | None:
        """ "They"/"it" continue an organization or country credited in a recent statement ("the IMF said. It ...")."""
        line = _line_of(self.doc, offset)
        for statement in reversed(earlier):
            if statement.speaker is None:
                continue
            entity = self.entities[statement.speaker]
            if entity.type in ("ORG", "GPE") and line - _line_of(self.doc, statement.content.start) <= CONTINUATION_WINDOW:
                return entity
            return None
        return None

    def described(self, root: Token, offset: int) -> Entity | None:
        """ "the general", "the Democratic nominee": the earlier person whose role has the head word and
        shares most words with the description, nearest first; a role naming another party or place
        ("Republican nominee" for "the Democratic nominee") is not it."""
        word = title_words().get(root.lower_, root.lower_)
        modifiers = [t for t in root.subtree if t.i < root.i and not t.is_punct and t.lower_ not in DEFINITE]
        words = {title_words().get(t.lower_, t.lower_) for t in modifiers}
        proper = {t.lower_ for t in modifiers if t.text[:1].isupper()}
        best, best_score = None, 0
        for _, entity in self.persons_before(offset, reported=True):
            for role in entity.roles:
                role_words = _role_words([role])
                role_proper = {f for w in role.split() if w[:1].isupper() and w.lower() not in titles()
                               for f in _title_forms(re.sub(r"['’]s$", "", w.lower()))}  # "Kettering's manager"
                if word not in role_words or (proper and role_proper and not _forms(proper) & role_proper):
                    continue
                score = 1 + len(words & role_words)
                if score > best_score:
                    best, best_score = entity, score
        return best

    def interviewee(self, offset: int) -> Entity | None:
        """Who answers a Q&A's "A:" lines: the first person named after the headline and before them."""
        headline_end = (self.doc._.headline_range or (0, 0))[1]
        named = [
            (m.start, entity) for entity in self.entities.values() if entity.type == "PERSON"
            for m in entity.mentions if headline_end <= m.start < offset
        ]
        return min(named, key=lambda pair: pair[0])[1] if named else None

    def titled(self, root: Token) -> Entity | None:
        """The person a headline's bare title ("...: Minister") names: the first one in the body
        holding that title."""
        if root.lower_ not in titles():
            return None
        forms = _title_forms(root.lower_)
        holders = [(min(m.start for m in e.mentions), e) for e in self.entities.values()
                   if e.type == "PERSON" and e.mentions and forms & _role_words(e.roles)]
        return min(holders, key=lambda pair: pair[0])[1] if holders else None

    def named_later(self, root: Token, offset: int, indefinite: bool = False) -> Entity | None:
        """A lead's "The head of the Port Authority said ..." that no one before fits is the first person
        named after it, within a few lines ("Port Authority chairman Alan Poe"), if that person's roles
        share a word with it or they have none of their own; else no one. An indefinite one ("A former
        festival chairman says ... Paul Okafor, who led the festival, said") must share a word with the
        person's roles or the words that describe them where they are named."""
        headline_end = (self.doc._.headline_range or (0, 0))[1]
        later = [
            (min(m.start for m in entity.mentions if m.start >= offset), entity)
            for entity in self.entities.values()
            if entity.type == "PERSON" and any(m.start >= offset for m in entity.mentions)
            # before it, at most this same description, credited by an earlier statement, or the headline above
            # a deck ("Ted Cruz endorses Trump. Senator from Texas says ...")
            and all(m.start >= offset or m.end == offset or m.end <= headline_end < offset for m in entity.mentions)
            # "A former party chairman says President Barack Obama should ...": not whom the words name
            and entity.id not in self.talked_about
        ]
        if not later:
            return None
        words = {w for t in root.subtree if not (t.is_punct or t.is_stop) for w in _title_forms(t.lower_)}
        words |= _acronyms(root)  # "A former Democratic National Committee chairman" ... "who helmed the DNC"
        given = gender_words().get(root.lower_)
        # "the victim's daughter blasted: ... Liam Rooke, 27, punched ... His daughter Karen Pell said": an
        # indefinite or possessed one is the first named within a few lines whom its words describe
        head = _title_forms(root.lower_)
        # "the official", "the attorney general" after the lead, once people have been named, refers back to someone
        # left unnamed: the next person named is it only where their role or the words naming them say so
        # (named before the description itself: "The leader of Boko Haram" names no one before it, whatever it holds)
        past_lead = self.doc[root.left_edge.i].lower_ in DEFINITE \
            and any(start >= headline_end for start, _ in self.persons_before(self.doc[root.left_edge.i].idx))
        for rank, (first, entity) in enumerate(sorted(later, key=lambda pair: pair[0])[: None if indefinite else 1]):
            distance = _line_of(self.doc, first) - _line_of(self.doc, offset)
            if distance > (DESCRIBED_WINDOW if indefinite else CONTINUATION_WINDOW) or self.quoted(first) and not indefinite:
                return None
            if self.quoted(first):  # "A judge rejected a request to unseal Trump's divorce file": whom words name
                continue
            if given is not None and self.gender(entity) not in (None, given):
                continue
            if not indefinite and (entity.roles or not past_lead):
                return entity if not entity.roles or words & _role_words(entity.roles) else None
            mention = next(m for m in entity.mentions if m.start == first)
            named = _root(self.doc, mention.start, mention.end)
            # "An attorney for Pagliano, Mark MacDougall": the noun a name is in apposition to describes it too
            around = [] if named is None else named.head.subtree if named.dep_ == "appos" else named.subtree
            described = {w for t in around if not (t.is_punct or t.is_stop) and t.i != named.i for w in _title_forms(t.lower_)}
            # the first one named, close by, shares any of its words; any other, its head noun ("daughter")
            near = rank == 0 and distance <= CONTINUATION_WINDOW
            if (words - TIME_WORDS if near else head) & (_role_words(entity.roles) | described):
                return entity
        return None

    def organization_named_later(self, root: Token, offset: int) -> Entity | None:
        """The first organization named after `offset`, within a few lines, whose name holds a word of the
        description ("A union representing flight attendants" ... "the Association of Flight Attendants")."""
        def stems(words: list[str]) -> set[str]:
            return {w.lower().rstrip("s") for w in words if w.isalpha()}

        words = stems([t.text for t in root.subtree if not t.is_stop and t.lower_ not in TIME_WORDS])
        later = sorted(((m.start, entity) for entity in self.entities.values() if entity.type == "ORG"
                        for m in entity.mentions if m.start >= offset and not self.quoted(m.start, direct=True)),
                       key=lambda pair: pair[0])
        for start, entity in later:
            if _line_of(self.doc, start) - _line_of(self.doc, offset) > DESCRIBED_WINDOW:
                return None
            if words & stems(entity.name.split()):
                return entity
        return None

    def fits(self, root: Token) -> Callable[[Entity], bool]:
        """A person a title description can refer to: one with no title among their roles, or with this one."""
        word = title_words().get(root.lower_, root.lower_)
        # an office ("the general", "the boss") is held by few; "the Dutchman", "the teenager" describe anyone
        office = bool(_title_forms(word) & word_set("titles.txt"))

        def accept(entity: Entity) -> bool:
            role_words = _role_words(entity.roles)
            return not office or word in role_words or not role_words & titles()

        return accept

    def organization(self, root: Token, offset: int, earlier: list[Statement] = ()) -> Entity | None:
        """ "the fund", "the commission": the nearest organization mentioned before with that word in its
        name; else, for an organization noun ("the agency") or a place noun ("the city"), the nearest
        organization or place named in the sentence or the few before."""
        word = root.lower_
        entity_at = _entity_ids(self.doc)
        # "the Usdaw union": the organization the noun's own name word names
        own = [entity_at[c.i] for c in root.children if c.dep_ == "compound" and c.i in entity_at
               and self.entities[entity_at[c.i]].type == "ORG"]
        if own and word in word_set("organization_nouns.txt"):
            return self.entities[own[-1]]
        found = []
        for entity in self.entities.values():
            name = entity.name.lower().split()
            if entity.type == "ORG" and word in name and len(name) > 1:
                starts = [m.start for m in entity.mentions if m.end <= offset]
                if starts:
                    found.append((max(starts), entity))
        if found:
            return max(found, key=lambda pair: pair[0])[1]
        kinds = {"ORG"} if word in word_set("organization_nouns.txt") else {"GPE"} if word in word_set("place_nouns.txt") else set()
        if not kinds:
            return None
        window = self.window_start(root)
        # "the dockworkers' union" is not the Port Authority named just before: its own words must fit.
        modifiers = {re.sub(r"['’]s?$", "", c.lower_) for c in root.children
                     if c.dep_ in {"compound", "poss", "amod"} and c.pos_ in {"NOUN", "PROPN", "ADJ"}}
        # "the oil giant", "the British-based oil giant": a word for any organization, whose lower-case words say its
        # trade, not its name, is the organization the article names most often before it (not the last one named:
        # "... told Associated Press ... Meanwhile, the oil giant said" is BP)
        if word in word_set("generic_organization_nouns.txt") and modifiers \
                and all(c.is_lower for c in root.children if c.dep_ in {"compound", "amod"}) \
                and not any(c.dep_ == "poss" for c in root.children):
            counts = [(sum(m.end <= offset for m in entity.mentions), entity) for entity in self.entities.values() if entity.type == "ORG"]
            count, entity = max(counts, key=lambda pair: pair[0], default=(0, None))
            if count >= 2 and sum(c == count for c, _ in counts) == 1:
                return entity
        # a place that spoke is an organization the model typed as a place ("St. Anne's said ... The hospital said")
        speakers = {s.speaker for s in earlier if s.speaker}
        nearby = [
            (m.start, entity)
            for entity in self.entities.values()
            if (entity.type in kinds or entity.type == "GPE" and entity.id in speakers)
            and all(w in entity.name.lower() for w in modifiers)
            for m in entity.mentions
            if window <= m.start and m.end <= offset and not self.quoted(m.start) and not self._captions.covers(m.start)
        ]
        # "Northgate Retail, the owner of the HomeWorks chain, cut its forecast. The group said": the one that
        # acts or speaks, not the last one named; failing any nearby, the organization credited last.
        previous = self.window_start(root, sentences=1)
        acting = [(start, entity) for start, entity in nearby
                  if start >= previous and (entity.id in speakers or self.subject_at(start))]
        if acting or nearby:
            return max(acting or nearby, key=lambda pair: pair[0])[1]
        if not modifiers and word in word_set("generic_organization_nouns.txt"):
            credited = [self.entities[s.speaker] for s in earlier if s.speaker and self.entities[s.speaker].type in kinds]
            return credited[-1] if credited else None
        return None

    def subject_at(self, offset: int) -> bool:
        """Whether the name starting at `offset` is (part of) its clause's subject."""
        span = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
        return span is not None and len(span) > 0 and _as_subject(span[0])

    def reported_subject(self, root: Token, start: int) -> Entity | None:
        """ "Harbor City FC has been sold ..., the club announced": an organization noun credited after the
        words it reports is the organization those words are about, when it is their subject."""
        if root.lower_ not in word_set("organization_nouns.txt"):
            return None
        statement = next((s for s in self.statements if s.source is not None and s.source.start <= start < s.source.end), None)
        if statement is None or statement.content.end > start:
            return None
        entity_at = _entity_ids(self.doc)
        for token in self.doc.char_span(statement.content.start, statement.content.end, alignment_mode="expand") or []:
            if token.dep_ in SUBJECTS and token.i in entity_at and self.entities[entity_at[token.i]].type == "ORG":
                return self.entities[entity_at[token.i]]
        return None

    def document_origin(self, root: Token) -> Token | None:
        """ "Harcourt Homes said in a statement ... The statement said", "COAI wrote a letter ... the letter
        said": a definite document named without its author is the one named last before, from whoever that
        mention gives (its possessor, "from X") or the subject of the clause it is part of; not named before, it
        is what the subject of a reporting verb in the sentence just before published."""
        doc = self.doc
        entity_at = _entity_ids(doc)
        # a poll goes by its own name; "the latest Reuters/Ipsos poll" names its maker
        if doc[root.left_edge.i].lower_ not in DEFINITE or root.lower_ == "poll" \
                or any(t.pos_ == "PROPN" for t in root.subtree if t.i < root.i):
            return None
        ads = word_set("ad_nouns.txt")
        for token in reversed(doc[: root.left_edge.i]):
            same = token.lemma_.lower() == root.lemma_.lower() or token.lower_ in ads and root.lower_ in ads
            if not same or self.quoted(token.idx, direct=True):
                continue
            if token.pos_ == "VERB":  # "Trump tweeted ... The tweet said", "She posted ... the post": who did it
                subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
                if subject is not None and (subject.i in entity_at or subject.pos_ == "PRON"):
                    return subject
                continue
            author = _document_author(token)
            if author.i != token.i:
                return author
            # "a Times article hailed Trump ... 'Though ...,' the article read": the maker its name gives
            if (maker := _named_maker(token, self)) is not None:
                return maker
            clause, steps = token, 0
            while clause.dep_ in {"pobj", "prep", "dobj", "compound", "appos"} and clause.head.i != clause.i and steps < 6:
                clause, steps = clause.head, steps + 1
            subject = next((c for c in clause.children if c.dep_ == "nsubj"), None) if clause.i != token.i else None
            # "Gonzalez made it inside, according to the report": the clause's subject is what the document
            # tells of, not who wrote it
            cited = token.head.lower_ == "to" and token.head.head.lower_ == "according"
            bare = token.pos_ == "NOUN" and doc[token.left_edge.i].lower_ in DEFINITE and token.left_edge.i == token.i - 1
            # a name, a pronoun or a definite organization noun ("NextGen Climate will air an ad ... The group is
            # also running ads ... The ads ask": the group's): "a letter ..., warning that a sharp rise could
            # force" names no author
            if cited or subject is None or self.quoted(subject.idx, direct=True) \
                    or not (subject.i in entity_at or subject.pos_ == "PRON" or _organization_description(subject)):
                # "The ad uses footage ... The ad then references", "according to a report in the Washington
                # Post ... An official confirmed the details of the report ... The report said": a bare mention
                # again names the same one, whose author an earlier mention may give
                if bare:
                    continue
                return None
            return subject
        # "Mariano wrote a memoir of her time ... According to her account, ... 'Hillary was back ...,' the book
        # said": a document not named before by its own word is the one a named person or organization wrote a
        # few sentences before
        window = self.window_start(root)
        for token in reversed(doc[: root.left_edge.i]):
            if token.idx < window:
                break
            if token.pos_ == "VERB" and token.lemma_.lower() in word_set("authorship_verbs.txt") and not self.quoted(token.idx) \
                    and any(c.dep_ == "dobj" and c.pos_ == "NOUN" for c in token.children):
                subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
                if subject is not None and subject.i in entity_at:
                    return subject
        # "Velmora Systems reported a profit of $412 million. The results showed ...": what the subject of the
        # reporting verb just before published
        sentence = root.sent
        if sentence.start > 0:
            before = doc[sentence.start - 1].sent.root
            subject = next((c for c in before.children if c.dep_ == "nsubj"), None)
            if before.lemma_ in word_set("reporting_verbs.txt") and subject is not None \
                    and subject.i in entity_at and not self.quoted(subject.idx):
                return subject
        return None

    def window_start(self, token: Token, sentences: int = SENTENCE_WINDOW) -> int:
        """The offset where the sentence `sentences` sentences before `token`'s begins."""
        sentence = token.sent
        for _ in range(sentences):
            if sentence.start == 0:
                break
            sentence = self.doc[sentence.start - 1].sent
        return sentence.start_char

    def governing_subject(self, start: int, end: int) -> Token | None:
        """The subject of the nearest clause above a cue verb that has one (through participles,
        prepositions and coordination), outside quoted words; None for an expletive "it"."""
        cue = _root(self.doc, start, end)
        if cue is not None and put_to_subject(cue):
            return None  # "Asked about X, he said": the question is the reporter's, not his
        token, steps = cue, 0
        while token is not None and steps < 6:
            subjects = [c for c in token.children if c.dep_ in SUBJECTS]
            if subjects and token.i != cue.i:
                subject = subjects[0]
                if subject.lower_ == "it" or self.quoted(subject.idx):
                    return None
                return subject
            if token.dep_ not in CLIMB or token.head.i == token.i:
                return None
            token, steps = token.head, steps + 1
        return None

    def resolve(self, root: Token, start: int, end: int, earlier: list[Statement]) -> Entity | None:
        """The entity a source span [start, end) with head `root` refers to, given the statements
        credited before it; a pronoun or description found is added to the entity's mentions."""
        doc = self.doc
        named = _name_ending(doc, start, end, self.entities) or _named(doc, root, self.entities)
        definite = doc[root.left_edge.i].lower_ in DEFINITE
        entity: Entity | None = None
        if named:
            entity = self.entities[named]
        elif (members := self.members_of(root)) is not None:
            entity = members
        elif root.lower_ in GROUP_PRONOUNS:
            entity = None if _people_before(root, self) else \
                self.group_salient(root) or self.group_antecedent(start, earlier)
            if entity is not None and entity.id in self.named_in_words:
                entity = None
        elif root.lower_ in word_set("pronouns.txt"):
            entity = self.antecedent(root, earlier)
            if entity:
                _add_mention(entity, doc, root.idx, root.idx + len(root))
        elif definite and (root.lower_ in person_nouns() or root.lower_ in titles()):
            entity = self.described(root, end)
            if entity is None and root.lower_ in titles():
                fits, agrees = self.fits(root), self.agrees(root)
                # "the Arsenal manager" is not Arsenal: not whom the description itself names
                entity_at = _entity_ids(doc)
                inside = {entity_at[t.i] for t in root.subtree if t.i in entity_at and t.i != root.i and start <= t.idx < end}
                entity = self.salient(root, lambda e: fits(e) and agrees(e) and e.id not in inside and e.id not in self.talked_about)
            if entity is None:  # "the victim's daughter" must be described so where the name is given
                entity = self.named_later(root, end, indefinite=any(c.dep_ == "poss" for c in root.children))
            if entity:
                _add_mention(entity, doc, start, end)
        elif _possessed(root) and (root.lower_ in person_nouns() or root.lower_ in titles()):
            # "Pagliano's lawyer", "Obama's former campaign strategist": by role, or named just after with a word
            # of it in their roles (not the next person named), never
            # the salient person (often the possessor)
            entity = self.described(root, end) or self.named_later(root, end, indefinite=True)
            # "David Axelrod called on Dean to apologize. '...,' Obama's former campaign strategist said": the
            # salient person it fits, when that is not the possessor
            possessor = next((c for c in root.children if c.dep_ == "poss"), root)
            owner = self.subject_person(possessor)
            # "Connecticut's tax commissioner says ... Kevin Sullivan says": a place's or an organization's office is
            # a description like "the tax commissioner", the person named just after it if no role says otherwise
            possessed = self.entities.get(_entity_ids(doc).get(possessor.i, ""))
            if entity is None and owner is None and possessed is not None and possessed.type in ("GPE", "ORG"):
                entity = self.named_later(root, end)
            fits, agrees = self.fits(root), self.agrees(root)
            entity = entity or self.salient(root, lambda e: e.id != owner and fits(e) and agrees(e))
            if entity:
                _add_mention(entity, doc, start, end)
        elif definite and _is_party_member(root):  # "The Republican is also encouraging": the salient one
            agrees = self.agrees(root)
            entity = self.salient(root, agrees)
            if entity:
                _add_mention(entity, doc, start, end)
        elif root.lower_ in word_set("organization_nouns.txt") and root.tag_ == "NN" \
                and (doc[root.left_edge.i].lower_ in INDEFINITE or _starts_in_headline_range(doc, start)):
            # a lead's "A federal appeals court ruled ...", a headline's "Flight attendants' union endorses ...": the
            # organization named a few lines on whose name shares its words
            entity = self.organization_named_later(root, end)
        elif doc[root.left_edge.i].lower_ in INDEFINITE and (root.lower_ in person_nouns() or root.lower_ in titles()):
            entity = self.named_later(root, end, indefinite=True)
            if entity:
                _add_mention(entity, doc, start, end)
        elif (bare := _bare_description(doc, start, end)) is not None:
            # a headline's or deck's "Senator from Texas says", "Former White House Doctor Says": as "a senator",
            # or the person the lead's own description of them was resolved to ("Former DNC chairman calls for
            # ..." over "A former Democratic National Committee chairman says ..." and "said Don Fowler")
            entity = (self.described_in_lead(bare, start, end) if _starts_in_headline_range(doc, start) else None) \
                or self.named_later(bare, end, indefinite=True)
            if entity:
                _add_mention(entity, doc, start, end)
        elif definite and _is_age(root):  # "the 58-year-old": the salient person, else the one named last
            agrees = self.agrees(root)
            nearest = [e for _, e in self.persons_before(start, reported=True) if agrees(e)]
            entity = self.salient(root, agrees) or (nearest[0] if nearest else None)
            if entity:
                _add_mention(entity, doc, start, end)
        elif definite and root.pos_ == "NOUN":
            entity = self.organization(root, start, earlier) or self.reported_subject(root, start)
        if entity is not None and entity.type == "PERSON":
            self.person_at[root.i] = entity.id  # a later pronoun may take this source as its subject
        return entity

    def described_in_lead(self, head: Token, start: int, end: int) -> Entity | None:
        """The one person a description mention in the body ("A former Democratic National Committee chairman",
        added when its statement was credited) describes with the headline description's head word and its
        other words (or their initials: "DNC")."""
        words = {w.lower() for w in WORD.findall(text_of(self.doc)[start:end])}
        wanted = _title_forms(head.lower_)
        found = set()
        for entity in self.entities.values():
            if entity.type != "PERSON":
                continue
            for mention in entity.mentions:
                if mention.start < start or mention.text[:1].isupper() and mention.text.split()[0].lower() not in INDEFINITE | DEFINITE:
                    continue  # the body's descriptions only, not names
                mentioned = [w.lower() for w in WORD.findall(mention.text)]
                capitals = [w for w in WORD.findall(mention.text) if w[:1].isupper()]
                initials = {"".join(w[0] for w in capitals[i:j]).lower() for i in range(len(capitals)) for j in range(i + 2, len(capitals) + 1)}
                if wanted & set(mentioned) and words - wanted <= set(mentioned) | initials | {"the", "a", "an"}:
                    found.add(entity.id)
        return self.entities[found.pop()] if len(found) == 1 else None

    def members_of(self, root: Token) -> Entity | None:
        """ "Administrators at Kroll", "Officials at Homeland Security Investigations": people named only as
        a group of an organization speak for it (one of them, "a spokesman for the authority", does not)."""
        if root.tag_ not in {"NNS", "NNPS"} or root.lower_ in GROUP_PRONOUNS:
            return None
        entity_at = _entity_ids(self.doc)
        preps = {"at", "of", "for", "from", "with"}
        # the parser may hang "at Kroll" on the verb: the words right after the noun count as well
        nouns = [c for prep in root.children if prep.dep_ == "prep" and prep.lower_ in preps
                 for c in prep.children if c.dep_ == "pobj"]
        if root.i + 2 < len(self.doc) and self.doc[root.i + 1].lower_ in preps:
            nouns.append(self.doc[root.i + 2])
        for noun in nouns:
            entity_id = entity_at.get(noun.i)
            # "officials from Iran" speak for it; "two British men from west London" only come from there
            if entity_id is not None and (self.entities[entity_id].type == "ORG"
                                          or self.entities[entity_id].type == "GPE" and root.lemma_.lower() in word_set("titles.txt")):
                return self.entities[entity_id]
        return None

    def headline_speaker(self, statement: Statement) -> Statement | None:
        words = set(WORD.findall(statement.content.text.lower()))
        if len(words) < MIN_HEADLINE_WORDS:
            return None  # a word or two in common says nothing about who spoke
        # A headline that names its speaker ("City council rejects deal") repeats a body statement of
        # that speaker, not the same words credited to someone else.
        named = set(WORD.findall(statement.source.text.lower())) - word_set("stopwords_en.txt") if statement.source else set()
        best, best_overlap = None, 0.0
        for other in self.statements:
            if other is statement or other.speaker is None:
                continue
            if named and not named & set(WORD.findall((other.source.text if other.source else "").lower() + " " +
                                                      (other.speaker_name or "").lower())):
                continue
            other_words = set(WORD.findall(other.content.text.lower()))
            overlap = len(words & other_words) / max(1, len(words))
            if overlap > best_overlap:
                best, best_overlap = other, overlap
        return best if best_overlap >= 0.6 else None


def _document_author(noun: Token) -> Token:
    """Who a document is from (attribution's `document_author`), where its possessor is no time: "Saturday's
    statement from the Port Authority" is the authority's, "last week's report" names no author."""
    author = document_author(noun)
    if author.i == noun.i:  # "a new report in The Wall Street Journal": the outlet's
        outlets = [o for c in noun.children if c.dep_ == "prep" and c.lower_ == "in"
                   for o in c.children if o.dep_ == "pobj" and o.ent_type_ == "ORG"]
        return outlets[0] if outlets else noun
    if author.dep_ == "poss" and author.ent_type_ in {"DATE", "TIME"}:
        by = [o for c in noun.children if c.dep_ == "prep" and c.lower_ in {"from", "by"} for o in c.children if o.dep_ == "pobj"]
        return by[0] if by else noun
    return author


def _listed_noun(token: Token, name: str) -> bool:
    """A noun on the word list `name`, singular or plural ("the ads" as "the ad", "the letters")."""
    return token.lower_ in word_set(name) or token.tag_ == "NNS" and token.lemma_.lower() in word_set(name)


def _organization_description(token: Token) -> bool:
    """ "the group", "the agency": a definite organization noun, which the resolver takes to the organization named before."""
    return token.lower_ in word_set("organization_nouns.txt") and token.tag_ == "NN" \
        and token.doc[token.left_edge.i].lower_ in DEFINITE


def _bare_description(doc: Doc, start: int, end: int) -> Token | None:
    """The head of a source that is one person described with no article, as headlines and decks write
    them ("Senator from Texas", "Member of House panel", "Former White House Doctor"): its last title or
    person noun before any preposition, singular; None for anything else ("Officials", "Police")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    # capitalised as a headline writes it, and not counted ("one West Virginia official" is someone unnamed)
    if span is None or not len(span) or span[0].pos_ in {"DET", "PRON", "NUM"} or span[0].tag_ in WH_TAGS \
            or not span[0].text[:1].isupper() \
            or any(t.ent_type_ == "PERSON" for t in span):
        return None
    words = list(span)
    cut = next((n for n, t in enumerate(words) if t.pos_ == "ADP"), len(words))
    heads = [t for t in words[:cut] if (t.lower_ in person_nouns() or t.lower_ in titles()) and t.tag_ in {"NN", "NNP"}]
    # "Leader of the Opposition R. Ashoka": a name after the title is whom it describes, not someone named later
    if not heads or words[-1].ent_type_ in {"PERSON", "ORG"}:
        return None
    return heads[-1]


def _acronyms(root: Token) -> set[str]:
    """The initials of each run of capitalised words in a noun phrase, lower case: "the Democratic National
    Committee chairman" -> {"dnc"}."""
    found, run = set(), []
    for token in [*root.subtree, None]:
        if token is not None and token.text[:1].isupper() and token.is_alpha and token.i != root.i \
                and token.lower_ not in DEFINITE | INDEFINITE:
            run.append(token.text[0].lower())
            continue
        if len(run) > 1:
            found.add("".join(run))
        run = []
    return found


def _add_mention(entity: Entity, doc: Doc, start: int, end: int) -> None:
    if not any(m.start == start and m.end == end for m in entity.mentions):
        entity.mentions.append(Mention(start=start, end=end, text=text_of(doc)[start:end]))
        entity.mentions.sort(key=lambda m: m.start)


def _unnamed_antecedent(doc: Doc, pronoun: Token, done: list[Statement]) -> str | None:
    """ "A spokesman for the authority declined to comment. 'We do not comment,' he said.": a pronoun
    with no named person to refer to continues the unnamed speaker credited just before, if the
    gender agrees; else it names no one."""
    if not done or done[-1].speaker is not None or done[-1].source is None or not done[-1].speaker_name:
        return None
    previous = done[-1]
    if _line_of(doc, pronoun.idx) - _line_of(doc, previous.source.start) > CONTINUATION_WINDOW:
        return None
    head = _root(doc, previous.source.start, previous.source.end)
    if pronoun.lower_ in GROUP_PRONOUNS:  # "The district said ... 'They will be online,' it said."
        # a name the small model did not tag ("Harlow Mining cut its forecast ... It said") unless it
        # opens with a given name, which makes it a person's
        untagged = head is not None and head.pos_ == "PROPN" and head.left_edge.i < head.i \
            and head.doc[head.left_edge.i].lower_ not in gender_words() and head.ent_type_ != "PERSON"
        fits = head is not None and head.lower_ in word_set("organization_nouns.txt")
        # "Her family told reporters ... 'She loved her work,' they said": "they" goes on with unnamed people too
        people = head is not None and pronoun.lower_ == "they" and head.lower_ in word_set("people_group_nouns.txt")
        return previous.speaker_name if fits or untagged or people else None
    words = previous.speaker_name.split()
    if head is not None and head.pos_ == "PROPN" and len(words) > 1 and words[0].lower() in gender_words():
        # "Resident Tanya Sinclair said ... '...,' she said": a person's name the model did not tag
        return previous.speaker_name if _anaphor_gender(pronoun) == gender_words()[words[0].lower()] else None
    if head is None or not (head.lower_ in person_nouns() or head.lower_ in titles()):
        return None
    wanted, given = _anaphor_gender(pronoun), gender_words().get(head.lower_)
    if wanted is None or given is not None and given != wanted:
        return None
    return previous.speaker_name


def _described_only(doc: Doc, start: int, end: int) -> str:
    """An unnamed source without the clause or apposition that tells more about it: "Some economists
    who studied the plan" -> "Some economists"."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return text_of(doc)[start:end]
    # "Reacting, the Nigerian ... Authority": a participle set off before the source is no part of its name
    comma = next((t.i for t in span if t.text == ","), None)
    if span[0].tag_ in {"VBG", "VBN"} and comma is not None and comma + 1 < span.end:
        span = doc[comma + 1 : span.end]
    root = span.root
    cut = min((c.left_edge.i for c in root.children if c.dep_ in {"relcl", "acl", "appos"} and c.i > root.i), default=span.end)
    # "one of the neighbors after listening to a video": when it spoke is no part of who
    cut = min([cut, *(t.i for t in span if t.pos_ in {"ADP", "SCONJ"} and t.lower_ in TIME_PREPOSITIONS and t.i > root.i)])
    # "Ummi Abduallah - who had lived in Turkey", "reports in the Washington Post - follow latest updates here": a
    # spaced dash opens an aside
    cut = min([cut, *(t.i for t in span if t.i > span.start and spaced_dash(t))])
    while cut > span.start + 1 and (doc[cut - 1].is_punct or doc[cut - 1].is_space):
        cut -= 1
    name = doc[span.start : max(cut, root.i + 1)].text
    # "credible intelligence” reports": a quotation mark the source's span cut from its pair is no part of the name
    if name.count("“") != name.count("”"):
        name = name.replace("“", "").replace("”", "")
    return name


def _untitled(name: str | None) -> str | None:
    """A name the small model missed, without the titles before it: "Governor Ann Price" -> "Ann Price"."""
    words = (name or "").split()
    first = 0
    while first < len(words) - 1 and words[first].lower() in titles():
        first += 1
    # "Acting Police Commissioner Jan de Vries": through the last title word
    last_title = max((i for i, w in enumerate(words[:-1]) if w.lower().split("-")[-1] in titles()), default=-1)  # "Ex-minister"
    # "shipping magnate Leon Varga" too, but not "a spokesman for Senator Ann Price" (someone else's title)
    linked = {"for", "of", "to", "at", "with", "from", "by", "and"} & {w.lower() for w in words[:last_title]}
    if last_title >= first and not linked and words[last_title + 1][:1].isupper():
        first = last_title + 1
    rest = words[first:]
    if first and len(rest) > 1 and all(w[:1].isupper() or w in NAME_PARTICLES for w in rest):
        return " ".join(rest)
    return _name_after_title_phrase(words) or name


LINKS = {"for", "of", "to", "at", "with", "from", "by", "and"}


def _name_after_title_phrase(words: list[str]) -> str | None:
    """ "Chair of the bench Margaret Ealing", "Leader of the Opposition R. Ashoka", "Nairobi County Chief
    Officer for Disaster Management Bramwel Simiyu": a title phrase holding a title or a word for a
    person, ending in a name, is that name: its last two capitalised words with the initials before them.
    Not "a spokesman for Ann Price", "... for Senator Ann Price" or "... for the Port Authority": a name
    right after a link word, or after a title or article after one, is someone else's."""
    prefixes = titles() | person_nouns() | word_set("name_prefix_nouns.txt")
    words = [w.rstrip(",") for w in words]
    end = len(words)
    # "..., who"; a party and state after a name ("Lindsey Graham, R-S.C.") is no part of it
    while end > 0 and (words[end - 1].lower() in {"who", "which", "whose"} or re.fullmatch(r"[RDI]-[\w.]+", words[end - 1])):
        end -= 1
    start = end
    while start > 0 and end - start < 2 and words[start - 1][:1].isupper() and words[start - 1].lower() not in prefixes:
        start -= 1
    while start > 0 and re.fullmatch(r"(?:[A-Z]\.)+", words[start - 1]):  # "K." of "K. Venkat Reddy"
        start -= 1
    if end - start < 2 or start == 0 or start > end - 2 and not re.fullmatch(r"(?:[A-Z]\.)+", words[start]):
        return None
    if words[end - 1] in word_set("organization_name_words.txt"):
        return None  # "a spokesman for the Financial Services Authority": an organization's name, not a person's
    before = [w.lower() for w in words[:start]]
    if not any(w.split("-")[-1] in prefixes for w in before):
        return None
    if [w for w in before if w not in DEFINITE][-1:] in (["in"], ["on"], ["near"]):
        return None  # "an official at the embassy in the United Kingdom": where they are, not who
    last_link = max((i for i, w in enumerate(before) if w in LINKS), default=-1)
    after_link = words[last_link + 1 : start]
    if last_link >= 0 and (all(w.lower() in prefixes or w.lower() in DEFINITE | INDEFINITE for w in after_link)
                           or before[last_link] != "and" and after_link[-1].lower() in titles()
                           and all(w[:1].isupper() for w in after_link)):
        return None  # "for Senator Ann Price", "for Transport Minister Greg Doyle", "for the Port Authority": whom the link names
    return " ".join(words[start:end])


def _writer(doc: Doc) -> str | None:
    """The article's writer: the input's author, else the names on its byline ("By Sarah Kim, Coastal Wire")."""
    if doc._.author:
        return doc._.author
    for section in doc._.sections or []:
        if section.kind == "byline" and text_of(doc)[section.start : section.end].lower().startswith("by "):
            words = text_of(doc)[section.start : section.end].split(None, 1)  # "By" and the rest
            return words[1].split(",")[0].strip() if len(words) > 1 else None
    return None


def _co_speakers(doc: Doc, root: Token, entities: dict[str, Entity]) -> list[Token]:
    """The heads of two or more named speakers joined by "and" ("X and Y said"), the source's first:
    coordinated with it, or subjects of the same verb with a conjunction between them."""
    entity_at = _entity_ids(doc)
    if root.i not in entity_at:
        return []
    # conjuncts of the source itself, not of a noun inside its apposition ("Northgate Retail, the owner of the
    # Parade and HomeWorks chains")
    joined, frontier = [root], [root]
    while frontier:
        conjuncts = [c for t in frontier for c in t.children if c.dep_ == "conj" and c.i > root.i]
        joined += conjuncts
        frontier = conjuncts
    if len(joined) == 1 and root.dep_ in SUBJECTS:
        joined += [t for t in root.head.children if t.dep_ in SUBJECTS and t.i > root.i
                   and any(c.dep_ == "cc" and root.i < c.i < t.i for c in root.children)]
    named = [t for t in joined if t.i in entity_at and entities[entity_at[t.i]].type in {"PERSON", "ORG"}]
    ids = {entity_at[t.i] for t in named}
    return named if len(named) == len(joined) > 1 and len(ids) == len(named) else []


def _perceived_speaker(doc: Doc, cue: Token | None) -> tuple[Token, Token] | None:
    """ "Chen remembers Delgado apologising, saying he never meant ...": a participle cue beside a
    gerund that a verb of memory or perception takes reports the gerund's doer, not the one who
    remembers. Returns (doer, the one perceiving)."""
    if cue is None or cue.tag_ != "VBG" or cue.dep_ not in {"advcl", "xcomp", "conj", "acl"}:
        return None
    head = cue.head
    if head.tag_ == "VBG" and head.i < cue.i:  # "saying" hangs from the gerund itself
        head = head.head
    perceiver = next((c for c in head.children if c.dep_ in SUBJECTS), None)
    if head.lemma_ not in word_set("perception_verbs.txt") or perceiver is None:
        return None
    objects = [c for c in head.children if c.dep_ == "dobj" and c.i < cue.i]
    for gerund in (g for g in head.subtree if g.tag_ == "VBG" and head.i < g.i < cue.i):
        doers = [c for c in gerund.children if c.dep_ in SUBJECTS] or [o for o in objects if o.i < gerund.i]
        doer = doers[0] if doers else None
        # "... remembers the council's surveyor apologising, saying": a description does too
        if doer is not None and (doer.pos_ in {"PROPN", "NOUN"} or doer.lower_ in word_set("pronouns.txt")):
            return doer, perceiver
    return None


def _sentence_mate(doc: Doc, statement: Statement, cued: SortedRanges) -> Statement | None:
    """The statement with a cue and a source in the sentence of `statement`'s words
    ("X, whose warning of "..." drew criticism, said ..."), if exactly one. `cued`: the statements
    with a cue and a source, as (cue start, cue start, statement)."""
    span = doc.char_span(statement.content.start, statement.content.start + 1, alignment_mode="expand")
    if span is None or not len(span):
        return None
    sentence = span[0].sent
    mates = [o for _, _, o in cued.near(sentence.start_char, sentence.end_char) if o is not statement
             and sentence.start_char <= o.cue.start < sentence.end_char]
    return mates[0] if len(mates) == 1 else None


@dataclass
class Turn:
    """One statement being credited, with what the steps share: the source's head (after a relative
    pronoun, a document or a perceived doer is traced to who it stands for) and the name to fall back on."""

    doc: Doc
    resolver: Resolver
    statement: Statement
    done: list[Statement]  # statements credited before this one
    in_headline: bool
    mate: Statement | None  # the one statement with a cue in this quote's sentence
    root: Token | None = None
    start: int = 0
    end: int = 0
    fallback_name: str | None = None


@dataclass(frozen=True, slots=True)
class Credit:
    entity: Entity | None
    name: str | None  # the speaker's name when no entity carries it


def _source_head(turn: Turn) -> None:
    """Fills the turn's source head: "X, who said", "a statement from the union", "Chen remembers
    Delgado apologising, saying" lead to who speaks."""
    doc, statement, resolver = turn.doc, turn.statement, turn.resolver
    if statement.source is None:
        return
    start, end = statement.source.start, statement.source.end
    span = doc.char_span(start, end, alignment_mode="expand")
    # "May 9 - BP says": a timeline entry's date and its dash open the line, no part of who speaks
    dash = next((t.i for t in span if spaced_dash(t)), None) if span is not None else None
    if dash is not None and dash > span.start and dash + 1 < span.end \
            and all(t.ent_type_ in {"DATE", "TIME"} or t.like_num for t in doc[span.start : dash]):
        span = doc[dash + 1 : span.end]
    # "(Update 5:10 p.m. Cairo, 10:07 a.m. ET) Egyptian opposition leader Mohamed ElBaradei said": a live page's stamp
    # closes its bracket before the source begins
    closing = next((t.i for t in reversed(span) if t.text == ")"), None) if span is not None else None
    if closing is not None and closing + 1 < span.end and not any(t.text == "(" for t in doc[span.start : closing]):
        span = doc[closing + 1 : span.end]
    if span is not None and span.start_char > start:  # the source starts after what was cut off its front
        start = span.start_char
        statement.source = Span.of(text_of(doc), [(start, end)])
    root = _root(doc, start, end)
    if root is not None and span is not None and len(span) > 1 and span[0].tag_ in WH_TAGS and root.i != span[0].i:
        root = span[0]  # a source cut to its relative clause ("who attended the briefing"): who it stands for
    # "whose president, cafe owner Luca Bianchi, said": the name in apposition, not the relative's noun
    entity_at = _entity_ids(doc)
    if span is not None and len(span) > 2 and span[1].text == "," and span[0].i not in entity_at \
            and (span[0].tag_ in {"VBG", "VBN", "RB"} or span[0].lower_.endswith("ing")):
        # "Reacting, the Nigerian ... Authority (NMDPRA) said": a participle set off before the source is no part of it
        start = span[2].idx
        root = _root(doc, start, end)
    named_apart = root is not None and any(c.dep_ == "appos" and c.i in entity_at for c in root.children)
    described = _described(root) if root is not None and not named_apart else None
    thing = described or root  # "a report from the union, which said": the report's, and so the union's
    if thing is not None and _listed_noun(thing, "document_nouns.txt"):
        author = _document_author(thing)  # "a statement from the union", "the authority's report"
        if author.i == thing.i and thing.lower_ != "poll":  # "the IMF report", "a USA TODAY analysis": the named
            # organization's (a poll goes by its own name: "a Quinnipiac University poll")
            author = _named_maker(thing, resolver) or author
        if author.i == thing.i:
            author = _owner_of_medium(thing) or resolver.document_origin(thing) or author
        described = author if author.i != thing.i else described
    elif thing is not None and thing.lower_ in word_set("medium_nouns.txt"):
        described = _owner_of_medium(thing) or described  # "her Facebook page said"
    elif thing is not None and _listed_noun(thing, "work_nouns.txt"):
        # "Ivana Trump's brief", "a web video by the Republican National Committee", "a Washington Post
        # database", "the ad" after "a new ad from the Trump campaign": a thing someone made speaks for them
        author = _document_author(thing)
        if author.i == thing.i:
            # "the ad" is the ad named before; "the unreleased department video" says it is another one
            bare = thing.left_edge.i == thing.i - 1
            author = _named_maker(thing, resolver) or (resolver.document_origin(thing) if bare else None) or author
        if author.i != thing.i and (author.pos_ in {"PROPN", "NOUN"} or _family(author) is not None):
            described = author
    perceived = _perceived_speaker(doc, _root(doc, statement.cue.start, statement.cue.end)) if statement.cue else None
    if perceived is not None:  # the source is the one who remembers; the words are the one remembered
        described, perceiver = perceived
        first = described.left_edge if described.pos_ == "NOUN" else described
        statement.source = Span.of(text_of(doc), [(first.idx, described.idx + len(described))])
        resolver.not_antecedent = resolver.resolve(perceiver, perceiver.idx, perceiver.idx + len(perceiver), turn.done)
    if described is not None:
        root, start, end = described, described.left_edge.idx, described.idx + len(described)
    turn.root, turn.start, turn.end = root, start, end
    if described is not None:
        turn.fallback_name = _described_only(doc, start, end)
    elif len(statement.source.spans) == 1:
        turn.fallback_name = _described_only(doc, statement.source.start, statement.source.end)
    else:
        turn.fallback_name = statement.source.text


def _named_maker(thing: Token, resolver: Resolver) -> Token | None:
    """The name a document or work is called by: "the IMF report", "a Washington Post database" (an organization
    or person the model tagged), "a USA TODAY analysis" (capitalised proper nouns it did not)."""
    entity_at = _entity_ids(thing.doc)
    compounds = [c for c in thing.children if c.dep_ == "compound" and c.i < thing.i]
    named = [c for c in compounds if c.i in entity_at and resolver.entities[entity_at[c.i]].type in ("ORG", "PERSON")]
    named = named or [c for c in compounds if c.pos_ == "PROPN" and all(
        t.text[:1].isupper() and t.pos_ in {"PROPN", "PUNCT"} for t in c.subtree)]
    # "a 46-page analysis released by the Department of Veterans Affairs", "a complaint filed by the SEC"
    named = named or [o for participle in thing.children if participle.dep_ == "acl" and participle.tag_ == "VBN"
                      and participle.lemma_.lower() in word_set("authorship_verbs.txt")  # not "a memo seen by"
                      for by in participle.children if by.dep_ == "agent" or by.lower_ == "by"
                      for o in by.children if o.dep_ == "pobj" and o.i in entity_at
                      and resolver.entities[entity_at[o.i]].type in ("ORG", "PERSON")]
    # "a speech Mrs. Clinton delivered at New York University": the subject of the clause that says who made it
    named = named or [s for clause in thing.children if clause.dep_ == "relcl" and clause.lemma_.lower() in word_set("authorship_verbs.txt")
                      for s in clause.children if s.dep_ == "nsubj" and s.i in entity_at
                      and resolver.entities[entity_at[s.i]].type in ("ORG", "PERSON")]
    return named[-1] if named else None


def _document_entity(noun: Token, resolver: Resolver) -> Entity | None:
    """The named person or organization a document is from: "the IMF report", "a Times article", "a letter
    from the union", "Acme's statement"."""
    entity_at = _entity_ids(noun.doc)
    author = _document_author(noun)
    words = [author] if author.i != noun.i else [c for c in noun.children if c.dep_ == "compound"]
    found = [resolver.entities[entity_at[t.i]] for t in words if t.i in entity_at]
    return next((e for e in reversed(found) if e.type in ("ORG", "PERSON")), None)


def _owner_of_medium(noun: Token) -> Token | None:
    """ "a post on her Facebook page", "his Twitter account": the possessor of the page or account a
    document is on, or that speaks itself."""
    media = [noun] if noun.lower_ in word_set("medium_nouns.txt") else []
    media += [o for prep in noun.children if prep.dep_ == "prep" and prep.lower_ in {"on", "in"}
              for o in prep.children if o.dep_ == "pobj" and o.lower_ in word_set("medium_nouns.txt")]
    for medium in media:
        owner = next((c for c in medium.children if c.dep_ == "poss"), None)
        if owner is not None:
            return owner
    return None


def _answer_label(turn: Turn) -> Credit | None:
    if turn.statement.source is None or turn.statement.source.text.lower() not in word_set("answer_labels.txt"):
        return None
    return Credit(turn.resolver.interviewee(turn.start), turn.fallback_name)


# spaces, no-break spaces ("”\xa0― Jacklyn Ashley") included, but no line break
SIGNATURE = re.compile(r"[\"”“'’.,]*[^\S\n]*[―—–-]+[^\S\n]*([A-Z][\w.'’-]*(?:[^\S\n]+(?:[A-Z][\w.'’-]*|de|van|von|da|del|la))*)")


def _signature(turn: Turn) -> Credit | None:
    """ "“... people we know nothing about.” ― Pamela Padilla": a quote with no source signed on its own
    line by a dash and a name is that person's."""
    statement = turn.statement
    if statement.source is not None:
        return None
    text = text_of(turn.doc)
    match = SIGNATURE.match(text, statement.content.end)
    if match is None:
        # a quote cut in two ("“... for anybody, he proudly states that ... poor people.”― Stephanie Egan"): the
        # signature that ends the quote's line signs every part of it
        line_end = text.find("\n", statement.content.end)
        line_end = len(text) if line_end < 0 else line_end
        closing = max(text.rfind(mark, statement.content.end, line_end) for mark in "”\"")
        match = SIGNATURE.match(text, closing) if closing > statement.content.end else None
        if match is None or text[match.end() : line_end].strip(" .\xa0\t"):
            return None
    start, end = match.span(1)
    entity_at = _entity_ids(turn.doc)
    span = turn.doc.char_span(start, end, alignment_mode="expand")
    ids = {entity_at[t.i] for t in span or [] if t.i in entity_at}
    entity = turn.resolver.entities[ids.pop()] if len(ids) == 1 else None
    if entity is not None and entity.type not in ("PERSON", "ORG"):
        entity = None
    return Credit(entity, match.group(1).rstrip("."))


def _first_person(turn: Turn) -> Credit | None:
    """Inside someone's words, "I" is that speaker; outside, in a transcript, the speaker of the last
    labelled line goes on; else it is the writer of an opinion piece or letter."""
    if turn.root is None or turn.root.lower_ != "i":
        return None
    enclosing = next((s for s in reversed(turn.done) if _quoted([s], turn.start)), None)
    turn_line = enclosing or next((s for s in reversed(turn.done) if s.cue is not None and s.cue.text == ":"
                                   and not _starts_in_headline(turn.doc, s)), None)
    if turn_line is not None:
        entity = turn.resolver.entities.get(turn_line.speaker) if turn_line.speaker else None
        return Credit(entity, turn_line.speaker_name)
    if not turn.resolver.quoted(turn.start):
        return Credit(None, _writer(turn.doc) or "the author")
    return Credit(None, turn.fallback_name)


def _several_named(turn: Turn) -> Credit | None:
    """ "President Joe Biden and Vice President Kamala Harris said": no one of them alone
    (the source span stays as attribution found it)."""
    doc = turn.doc
    source = turn.statement.source
    names = _names_joined(doc, source.start, source.end, turn.resolver.entities) \
        if source is not None and len(source.spans) == 1 else []
    if not names:
        several = _co_speakers(doc, turn.root, turn.resolver.entities) if turn.root is not None else []
        names = [turn.resolver.entities[_entity_ids(doc)[t.i]].name for t in several]
    if not names:
        return None
    return Credit(None, ", ".join(names[:-1]) + " and " + names[-1])


def _names_joined(doc: Doc, start: int, end: int, entities: dict[str, Entity]) -> list[str]:
    """ "Estorian Foreign Minister Ilona Varga and her Kaldavian counterpart Petar Mirkov", "France and Germany":
    a source whose parts between its "and"s each end in a different person's, organization's or country's
    name, whatever the parser made of them; [] for anything else ("the Nigerian Midstream and Downstream
    Petroleum Regulatory Authority" is one name)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    entity_at = _entity_ids(doc)
    if span is None:
        return []
    cuts = [t.i for t in span if t.lower_ == "and" and t.i not in entity_at]
    # names and the words that say who they are only: "Smith, who met Jones and Brown" is Smith
    # ("activists like Angela Davis and ...", "a fellow at the Hoover Institution and former ambassador to Russia")
    if not cuts or any(t.pos_ in {"VERB", "AUX"} and not t.text[:1].isupper() or t.tag_ in WH_TAGS
                       or t.pos_ == "ADP" and t.i not in entity_at for t in span):
        return []
    ids = []
    for first, last in zip([span.start, *(c + 1 for c in cuts)], [*cuts, span.end]):
        while last > first and (doc[last - 1].is_punct or doc[last - 1].is_space):
            last -= 1
        entity_id = entity_at.get(last - 1) if last > first else None
        # the name ends the part: "the Gannett newspaper chain" does not, nor a name running on past it
        if entity_id is None or entities[entity_id].type not in ("PERSON", "ORG", "GPE") \
                or last < len(doc) and entity_at.get(last) == entity_id:
            return []
        ids.append(entity_id)
    return [entities[i].name for i in ids] if len(set(ids)) == len(ids) else []


def _poll_name(poll: Token) -> str | None:
    """A poll's name: the run of its maker's capitalised words before it and "poll", without what only says which
    one ("a new Washington Post-ABC News national poll" -> "Washington Post-ABC News poll", "The latest
    Reuters/Ipsos opinion poll" -> "Reuters/Ipsos poll"); None for a poll no one is named for."""
    doc = poll.doc
    entity_at = _entity_ids(doc)
    run: list[Token] = []
    for token in reversed(doc[poll.left_edge.i : poll.i]):
        # "New" of "New Poll Shows" says which poll; of "New York Times/CBS News poll", whose
        named = token.text[:1].isupper() and (token.i in entity_at
                                              or token.lower_ not in TIME_WORDS | DEFINITE | INDEFINITE | {"latest", "recent"})
        if named or run and token.text in {"-", "/", "&"}:
            run.insert(0, token)
        elif run:
            break
    while run and not run[0].text[:1].isupper():
        run.pop(0)
    if not run:
        return None
    return text_of(doc)[run[0].idx : run[-1].idx + len(run[-1])] + " poll"


def _poll(turn: Turn) -> Credit | None:
    """A poll speaks by its own name, not its maker's ("a new Washington Post-ABC News national poll" is the
    "Washington Post-ABC News poll"); "the poll" is the one named last before it; a headline's or lead's "A new
    poll" the one named first after it, a few lines on."""
    root = turn.root
    if root is None or root.lemma_.lower() != "poll":
        return None
    name = _poll_name(root)
    if name is not None:
        return Credit(None, name)
    doc = turn.doc
    named = [t for t in doc if t.lemma_.lower() == "poll" and t.i != root.i and not turn.resolver.quoted(t.idx, direct=True)
             and _poll_name(t) is not None]
    if doc[root.left_edge.i].lower_ in DEFINITE:
        before = [t for t in named if t.i < root.i]
        return Credit(None, _poll_name(before[-1])) if before else None
    after = [t for t in named if t.i > root.i and _line_of(doc, t.idx) - _line_of(doc, root.idx) <= DESCRIBED_WINDOW]
    return Credit(None, _poll_name(after[0])) if after else None


def _campaign_owner(noun: Token, resolver: Resolver, earlier: list[Statement]) -> Entity | None:
    """The person whose campaign a "campaign" noun names: its possessor or name ("Donald Trump's presidential
    campaign", "her campaign", "the Trump campaign")."""
    owner = next((c for c in noun.children if c.dep_ in {"poss", "compound"}
                  and (c.pos_ == "PROPN" or _family(c) is not None)), None)
    if owner is None:
        return None
    if _family(owner) is not None:
        return resolver.antecedent(owner, earlier)
    entity_id = resolver.subject_person(owner)
    return resolver.entities[entity_id] if entity_id is not None else None


def _campaign(turn: Turn) -> Credit | None:
    """A candidate's campaign speaks as "<surname> campaign", as reporters name it: "Donald Trump's presidential
    campaign", "her campaign"; "the campaign" is the one named last a few sentences before, else the campaign
    of the person the passage is about."""
    root, resolver = turn.root, turn.resolver
    if root is None or root.lemma_.lower() not in {"campaign", "camp", "team"} or root.tag_ != "NN":
        return None
    person = _campaign_owner(root, resolver, turn.done)
    if root.lower_ == "team" and person is None:  # "the team" is a side in sport; "Clinton's team", "the Trump team" hers
        return None
    if person is None and turn.doc[root.left_edge.i].lower_ in DEFINITE and root.left_edge.i == root.i - 1:
        window = resolver.window_start(root)
        named = [t for t in turn.doc[: root.i] if t.lemma_.lower() in {"campaign", "camp"} and t.idx >= window
                 and not resolver.quoted(t.idx, direct=True)]
        owners = [o for t in named if (o := _campaign_owner(t, resolver, turn.done)) is not None]
        person = owners[-1] if owners else resolver.salient(root)
    if person is None or person.type != "PERSON":
        return None
    return Credit(None, f"{person.name.split()[-1]} campaign")


QUANTIFIERS = {"many", "some", "several", "other", "most", "numerous", "few", "all", "both"}
AGENT_ENDINGS = ("er", "or", "ist", "ian", "ese", "man", "woman")  # nouns for someone who does or is something


def _epithet(turn: Turn) -> Credit | None:
    """ "'...,' the left-armer said", "the Portuguese said": a definite noun for a person that no role, title or
    list names (a hyphenated agent noun or a nationality) is the person credited just before, a few lines up,
    as sportswriters vary "he said"."""
    root, doc = turn.root, turn.doc
    entity_at = _entity_ids(doc)
    if root is None or turn.in_headline or doc[root.left_edge.i].lower_ != "the" or root.dep_ not in SUBJECTS \
            or root.tag_ not in {"NN", "NNP", "JJ", "NNPS"} or root.text.endswith("s") \
            or any(t.i in entity_at or t.dep_ == "poss" for t in root.subtree) \
            or root.right_edge.i > root.i or root.i - root.left_edge.i > 4:
        return None
    word = root.lower_
    if word in person_nouns() or word in titles() or any(word in word_set(name) for name in (
            "organization_nouns.txt", "place_nouns.txt", "document_nouns.txt", "work_nouns.txt", "medium_nouns.txt")) \
            or not (root.text in word_set("nationality_words.txt")
                    # a hyphenated agent noun ("left-armer", "right-hander"), not any office ("the announcer")
                    or word.endswith(AGENT_ENDINGS) and root.i > 0 and doc[root.i - 1].text == "-"):
        return None
    if not turn.done or turn.done[-1].speaker is None:
        return None
    previous = turn.done[-1]
    entity = turn.resolver.entities[previous.speaker]
    if entity.type != "PERSON" or not turn.resolver.agrees(root)(entity) \
            or _line_of(doc, turn.statement.content.start) - _line_of(doc, previous.content.end) > CONTINUATION_WINDOW:
        return None
    _add_mention(entity, doc, turn.start, turn.end)
    return Credit(entity, None)


def _examples(noun: Token, entities: dict[str, Entity]) -> list[Entity]:
    """The people or organizations a plural noun is given by ("Critics of the program, like Senators Charles
    Grassley and Patrick Leahy", "Proponents, including the United States Conference of Mayors")."""
    entity_at = _entity_ids(noun.doc)
    # "many tax experts, including Mr. Goldberg": a counted many are more than the one named
    if noun.tag_ not in {"NNS", "NNPS"} or noun.i in entity_at \
            or any(c.dep_ in {"amod", "det", "nummod"} and c.lower_ in QUANTIFIERS for c in noun.children):
        return []
    found: list[Entity] = []
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ not in {"like", "including"}:
            continue
        heads = [c for c in prep.children if c.dep_ == "pobj"]
        while heads:
            head = heads.pop(0)
            entity = entities.get(entity_at.get(head.i, ""))
            if entity is not None and entity.type in ("PERSON", "ORG") and entity not in found:
                found.append(entity)
            heads += [c for c in head.children if c.dep_ == "conj"]
    return found


def _named_examples(turn: Turn) -> Credit | None:
    """ "Critics, like Senators Grassley and Leahy, ... They sent a letter ... 'The program ...,' they wrote":
    a plural source given by named examples, or "they" after one as the subject of the sentence before, is
    those it names."""
    root, doc, resolver = turn.root, turn.doc, turn.resolver
    if root is None or turn.in_headline:
        return None
    noun = root
    if root.lower_ == "they":
        sentence, noun = root.sent, None
        for _ in range(SENTENCE_WINDOW):  # its own sentence before it, else the ones before through a chain of "they"
            subjects = sorted((_depth(t), t.i, t) for t in sentence if t.dep_ in SUBJECTS and t.i < root.i
                              and not resolver.quoted(t.idx, direct=True))
            if subjects:
                noun = subjects[0][2]
                if noun.lower_ != "they":
                    break
            if sentence.start == 0:
                break
            sentence = doc[sentence.start - 1].sent
        if noun is None or noun.lower_ == "they":
            # "They sent a letter ... they wrote": the "they" before stands for the same
            earlier = next((s for s in reversed(turn.done) if s.source is not None and s.source.text.lower() == "they"
                            and s.speaker_name and " and " in s.speaker_name), None)
            if earlier is not None and _line_of(doc, turn.statement.content.start) - _line_of(doc, earlier.content.end) \
                    <= CONTINUATION_WINDOW:
                return Credit(None, earlier.speaker_name)
            return None
    named = _examples(noun, resolver.entities)
    if not named:
        return None
    if len(named) == 1:
        return Credit(named[0], None)
    names = [e.name for e in named]
    return Credit(None, ", ".join(names[:-1]) + " and " + names[-1])


def _continuing_pronoun(turn: Turn) -> Token | None:
    """The source's pronoun ("he", "she") where its cue is a verb that continues ("added", "continues")."""
    root, statement = turn.root, turn.statement
    if root is None or _family(root) not in (0, 1) or statement.cue is None:
        return None
    cue = _root(turn.doc, statement.cue.start, statement.cue.end)
    return root if cue is not None and cue.lemma_.lower() in word_set("continuing_verbs.txt") else None


def _own_subject_continues(turn: Turn) -> Credit | None:
    """ "Adam Hale is due in Leeds as he continues to fight the closure": a continuing verb's pronoun whose own
    sentence has a person as its main subject before it, outside quoted words, is that person, not whoever was
    credited just before (the "added" step after this one)."""
    root, resolver = _continuing_pronoun(turn), turn.resolver
    if root is None:
        return None
    subjects = sorted((_depth(t), t.i, t) for t in root.sent if t.i < root.i and t.dep_ in SUBJECTS
                      and not resolver.quoted(t.idx) and not resolver.quote_marks(t.idx))
    entity_id = resolver.subject_person(subjects[0][2]) if subjects else None
    if entity_id is None or not resolver.agrees(root)(entity := resolver.entities[entity_id]):
        return None
    _add_mention(entity, turn.doc, root.idx, root.idx + len(root))
    resolver.person_at[root.i] = entity.id
    return Credit(entity, None)


def _added(turn: Turn) -> Credit | None:
    """ "'...,' he added": a pronoun with a verb that continues is the person credited just before, when they
    agree, whoever else the sentences between name."""
    root, statement = _continuing_pronoun(turn), turn.statement
    if root is None or not turn.done or (previous := turn.done[-1]).speaker is None:
        return None
    entity = turn.resolver.entities[previous.speaker]
    if entity.type != "PERSON" or not turn.resolver.agrees(root)(entity) \
            or _line_of(turn.doc, statement.content.start) - _line_of(turn.doc, previous.content.end) > CONTINUATION_WINDOW:
        return None
    _add_mention(entity, turn.doc, root.idx, root.idx + len(root))
    turn.resolver.person_at[root.i] = entity.id
    return Credit(entity, None)


def _possessive_name(token: Token) -> bool:
    """A word of a possessor's name: "He notes ... an issue with Trump's microphone" is often his own (writers
    name the owner for clarity), so a possessor binds nothing."""
    head = token
    while head.dep_ in {"compound", "flat"} and head.head.i != head.i:
        head = head.head
    return head.dep_ == "poss"


def _bound_names(turn: Turn) -> set[str]:
    """Entities a pronoun source can never mean (binding): those named after it in its own reported words,
    outside quotation marks and not as a possessor ("he said Trump lied"; but "Acme now expects ..., it said"
    is Acme, and a quote may name its speaker: "it's not Bernie Sanders"), and those
    its own verb governs ("it taunted Twitter by creating ...", "he told Trump that ...")."""
    doc, root, statement = turn.doc, turn.root, turn.statement
    entity_at = _entity_ids(doc)
    if root is None or root.lower_ not in word_set("pronouns.txt") and root.lower_ not in GROUP_PRONOUNS:
        return set()
    bound = set()
    if statement.kind != "direct":
        bound = {entity_at[t.i] for s, e in statement.content.spans for t in doc.char_span(s, e, alignment_mode="expand") or []
                 if t.i in entity_at and t.i > root.i and not turn.resolver.quote_marks(t.idx) and not _possessive_name(t)}
    if root.dep_ in SUBJECTS and root.head.i != root.i:
        governed = [c for c in root.head.children if c.dep_ in {"dobj", "dative", "iobj"}]
        governed += [g for c in root.head.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        bound |= {entity_at[t.i] for g in governed for t in g.subtree if t.i in entity_at}
    return bound


@cache
def participle_cues() -> frozenset[str]:
    """Lemmas of the verbs that, as a participle, frame reported words ("saying", "adding", "chanting")."""
    return word_set("act_say_cues.txt") | word_set("act_write_cues.txt") | word_set("reporting_verbs.txt")


def _framing_participle(doc: Doc, statement: Statement) -> Token | None:
    """The participle ("saying", "adding", "while chanting") that frames a statement's words: its cue, or the
    verb its words hang from when that is one (the cue found may be an earlier clause's verb)."""
    heads = [_root(doc, statement.cue.start, statement.cue.end)] if statement.cue is not None else []
    content = _root(doc, statement.content.spans[0][0], statement.content.spans[0][1])
    if content is not None and content.dep_ in {"ccomp", "xcomp", "dobj", "parataxis"}:
        heads.append(content.head)
    for head in heads:
        if head is not None and head.tag_ == "VBG" and head.dep_ in {"advcl", "conj", "xcomp"} \
                and head.lemma_.lower() in participle_cues() and not any(c.dep_ in SUBJECTS for c in head.children):
            return head
    return None




def _set_apart(clause: Token, participle: Token) -> bool:
    """Whether a clause the parser hangs a participle on is set apart from it: a relative clause (or a clause
    inside one) closed by a comma before it ("an architect who said he was stiffed ..., saying"), or a clause between dashes or
    brackets that close before it ("around the stadium - where the Panthers played - while chanting")."""
    doc = clause.doc
    relative = next((t for t in [clause, *clause.ancestors] if t.dep_ == "relcl"), None)
    if relative is not None and any(t.text == "," for t in doc[relative.i + 1 : participle.i]):
        return True
    sentence = clause.sent
    opened = [t for t in doc[sentence.start : clause.i] if t.text in DASHES | {"("}]
    closed = [t for t in doc[clause.i + 1 : participle.i] if t.text in DASHES | {")"}]
    return bool(opened and closed)


def participle_subject(participle: Token, resolver: Resolver) -> Token | None:
    """The subject of the clause a participle belongs to: the nearest clause above it with a subject, past
    clauses set apart from it (the parser often hangs a participle on the nearest verb); a relative pronoun
    stands for its noun. None for an expletive "it" or when no clause above has a subject."""
    token, steps = participle, 0
    while steps < 8 and token.head.i != token.i:
        climbed = token.dep_ in CLIMB or token.dep_ in {"ccomp", "relcl", "dobj", "nsubj", "nsubjpass", "attr"} and steps
        if not climbed:
            return None
        token, steps = token.head, steps + 1
        if token.dep_ == "pobj" and token.head.lower_ in {"with", "without"} and token.pos_ in {"NOUN", "PROPN", "PRON"}:
            return token  # "with Hillary Clinton — who has ... — lambasting Trump's plan"
        subjects = [c for c in token.children if c.dep_ in SUBJECTS and c.i < participle.i]
        if not subjects or _set_apart(token, participle):
            continue
        subject = subjects[0]
        if resolver.quote_marks(subject.idx) or resolver.quoted(subject.idx):
            return None  # a clause inside quoted words: the parser joined the participle to a quote
        if subject.lower_ == "it" and subject.tag_ == "PRP" and any(c.dep_ in {"ccomp", "xcomp"} and c.i > token.i for c in token.children):
            return None
        return _described(subject) or subject
    return None


def _participle_source(turn: Turn) -> Credit | None:
    """ "When X estimated ..., Downing Street questioned their methodology, saying ...": the words a participle
    frames are said by the subject of the clause it belongs to, never by a name nearer it in another clause."""
    doc, statement = turn.doc, turn.statement
    if statement.source is None:
        return None
    participle = _framing_participle(doc, statement)
    if participle is None or _perceived_speaker(doc, participle) is not None or put_to_subject(participle):
        return None
    subject = participle_subject(participle, turn.resolver)
    if subject is None:
        return None
    source = doc.char_span(statement.source.start, statement.source.end, alignment_mode="expand")
    cue = _root(doc, statement.cue.start, statement.cue.end) if statement.cue is not None else None
    own = source is None or subject.i in {t.i for t in source} or turn.root is not None and turn.root.i in {t.i for t in subject.subtree}
    if own and (cue is None or cue.i == participle.i):
        return None  # the source found is the participle's own subject (or names it): the usual steps credit it
    start, end = subject.idx, subject.idx + len(subject)
    if subject.pos_ in {"NOUN", "PROPN"}:  # the noun phrase, without a clause or apposition after it
        start, end = subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge)
        name = _described_only(doc, start, end)
        end = start + len(name)
    statement.source = Span.of(text_of(doc), [(start, end)])
    entity = turn.resolver.resolve(subject, start, end, turn.done)
    return Credit(entity, None if entity is not None else text_of(doc)[start:end])


def _unnamed_speaker_goes_on(turn: Turn) -> Credit | None:
    """ "But a depot owner, who spoke on condition of anonymity, said supply had been cut. 'We are not getting
    product,' he said.": a "he" or "she" after an unnamed person's statement, with no one named between them
    outside quoted words, goes on with that speaker, not with a person named further back."""
    root = turn.root
    if root is None or _family(root) not in (0, 1) or not turn.done or turn.in_headline:
        return None
    previous = turn.done[-1]
    if previous.speaker is not None or previous.source is None or previous.source.end > root.idx:
        return None
    name = _unnamed_antecedent(turn.doc, root, turn.done)
    between = [start for start, _ in turn.resolver.persons_before(root.idx) if start >= previous.source.end]
    # nor a person described as a subject between ("Gary Johnson's doctor is calling ... The former governor is a
    # triathlete. He released a letter")
    after = turn.doc.char_span(previous.source.end, root.idx, alignment_mode="expand")
    described = [t for t in after or [] if t.dep_ in SUBJECTS and t.i != root.i and not turn.resolver.quoted(t.idx)
                 and (t.pos_ == "PROPN" or t.lower_ in person_nouns() or t.lower_ in titles())]
    return Credit(None, name) if name is not None and not between and not described else None


def _reported_speaker(turn: Turn) -> Credit | None:
    """ "Gertz reported that a counterterrorism expert, Sebastian Gorka, explained the events ... '...,' he
    said": after a report of what someone said, written by another (a reporter, an outlet), "he said" is the
    one whose speech was reported, not the one who wrote the report."""
    root, doc = turn.root, turn.doc
    if root is None or _family(root) not in (0, 1) or turn.statement.kind != "direct" or not turn.done:
        return None
    # through the quotes "he said" already gave that person ('"...," he said. \n\n "...," he said.')
    line, at, chain = _line_of(doc, turn.statement.content.start), len(turn.done) - 1, None
    while at > 0 and turn.done[at].kind == "direct" and turn.done[at].source is not None \
            and turn.done[at].source.text.lower() == root.lower_ and chain in (None, turn.done[at].speaker) \
            and line - _line_of(doc, turn.done[at].content.end) <= 2:
        chain, line, at = turn.done[at].speaker, _line_of(doc, turn.done[at].content.start), at - 1
    previous = turn.done[at]
    cue = _root(doc, previous.cue.start, previous.cue.end) if previous.cue else None
    if cue is None or cue.lemma_ not in {"report", "write"} \
            or line - _line_of(doc, previous.content.end) > 2:  # the next paragraph
        return None
    words = _root(doc, previous.content.start, previous.content.end)
    if words is None or words.lemma_ not in word_set("act_say_cues.txt"):
        return None
    entity_at, entities = _entity_ids(doc), turn.resolver.entities
    for subject in (c for c in words.children if c.dep_ == "nsubj"):
        for token in [subject, *(c for c in subject.children if c.dep_ == "appos")]:
            entity = entities.get(entity_at.get(token.i, ""))
            if entity is not None and entity.type == "PERSON" and entity.id != previous.speaker and turn.resolver.agrees(root)(entity) \
                    and chain in (None, entity.id):
                return Credit(entity, None)
    return None


def _described_again(turn: Turn) -> Credit | None:
    """ "A Jordanian government official told Al Arabiya ... The official also noted": a definite
    description of a person with the head word of a source introduced a few lines before with "a"/"an", and
    left unnamed there, is that same unnamed source, not the most salient person it might fit."""
    root, doc = turn.root, turn.doc
    if root is None or root.pos_ != "NOUN" or doc[root.left_edge.i].lower_ != "the" \
            or root.lemma_.lower() not in person_nouns() or _listed_noun(root, "document_nouns.txt") \
            or any(c.dep_ in {"poss", "prep", "compound", "amod"} for c in root.children):
        return None  # only the bare "the official", not "the official's lawyer", "the embassy official", "the statement"
    line = _line_of(doc, turn.statement.content.start)
    for earlier in reversed(turn.done):
        if earlier.source is None or line - _line_of(doc, earlier.content.end) > DESCRIBED_WINDOW:
            continue
        head = _root(doc, earlier.source.start, earlier.source.end)
        if head is not None and head.tag_ == "WP" and head.head.dep_ == "relcl":
            head = head.head.head  # "An army officer, who asked not to be named, said": the noun "who" stands for
        if head is not None and head.i != root.i and head.lemma_ == root.lemma_ and head.pos_ == "NOUN" \
                and doc[head.left_edge.i].lower_ in INDEFINITE:
            # one left unnamed stays so; one credited to someone goes by the other steps
            return Credit(None, earlier.speaker_name) if earlier.speaker is None and earlier.speaker_name else None
    return None


def _resolved_source(turn: Turn) -> Credit | None:
    """A name, pronoun, description or organization noun the resolver finds an entity for."""
    if turn.root is None:
        return None
    entity_at = _entity_ids(turn.doc)
    turn.resolver.talked_about = {entity_at[t.i] for s, e in turn.statement.content.spans
                                  for t in turn.doc.char_span(s, e, alignment_mode="expand") or [] if t.i in entity_at}
    turn.resolver.named_in_words = _bound_names(turn)
    entity = turn.resolver.resolve(turn.root, turn.start, turn.end, turn.done)
    turn.resolver.not_antecedent, turn.resolver.talked_about, turn.resolver.named_in_words = None, set(), set()
    return Credit(entity, None) if entity is not None else None


def _same_document(turn: Turn) -> Credit | None:
    """ "A report by the commission said ... Lubchenco said in a statement ... The report found": a definite
    document that names no author, named before as the source of a credited statement, is that document
    again: its speaker, not the last writer's."""
    source = turn.statement.source
    root = _root(turn.doc, source.start, source.end) if source is not None else None  # the noun itself, not its origin
    if root is None or not _listed_noun(root, "document_nouns.txt") or turn.doc[root.left_edge.i].lower_ not in DEFINITE \
            or any(c.dep_ in {"poss", "compound"} for c in root.children):
        return None
    # the speaker most often credited with it (ties: the latest), so that one misread credit does not carry on
    credited: dict[str, tuple[int, int]] = {}  # speaker -> (times credited, order of the latest)
    for order, earlier in enumerate(turn.done):
        if earlier.source is None or not earlier.speaker or earlier.source.start >= turn.statement.content.start:
            continue
        head = _root(turn.doc, earlier.source.start, earlier.source.end)
        if head is not None and head.lemma_.lower() == root.lemma_.lower():
            credited[earlier.speaker] = (credited.get(earlier.speaker, (0, 0))[0] + 1, order)
    if not credited:
        return None
    return Credit(turn.resolver.entities[max(credited, key=credited.__getitem__)], None)


def _last_writer(turn: Turn) -> Credit | None:
    """ "COAI wrote to the ministry on July 11 that ... 'Without relief ...,' the letter said": a definite
    document that names no author and was not named before is what the speaker of the last written
    statement a few lines before wrote."""
    root = turn.root
    if root is None or not _listed_noun(root, "document_nouns.txt") or turn.doc[root.left_edge.i].lower_ not in DEFINITE:
        return None
    line = _line_of(turn.doc, turn.statement.content.start)
    for earlier in reversed(turn.done):
        if line - _line_of(turn.doc, earlier.content.end) > CONTINUATION_WINDOW:
            return None
        if earlier.act == "write" and earlier.speaker:
            return Credit(turn.resolver.entities[earlier.speaker], None)
    return None


def _lead_organization(doc: Doc) -> Entity | None:
    """The organization the article's first body sentence is about: the subject of its main verb ("Velmora
    Systems reported first-quarter net profit ...", "Northgate Retail ... cut its full-year profit forecast")."""
    entity_at = _entity_ids(doc)
    headline_end = doc._.headline_range[1] if doc._.headline_range else 0
    layout = SortedRanges([*(doc._.boilerplate or []), *((c.start, c.end) for c in doc._.captions or [])])
    for sentence in doc.sents:
        if sentence.start_char < headline_end or sentence.root.pos_ not in {"VERB", "AUX"} \
                or layout.covers(sentence.start_char) or layout.covers(sentence.root.idx):
            continue
        subject = next((c for c in sentence.root.children if c.dep_ in SUBJECTS), None)
        if subject is None:
            continue  # a byline, a label line or a dateline: not the lead
        # the subject's own name, or a name the model cut from it ("Velmora" of "Velmora Systems")
        entity_id = next((entity_at[t.i] for t in [subject, *(c for c in subject.children if c.dep_ == "compound")]
                          if t.i in entity_at), None)
        entities = {e.id: e for e in doc._.entities or []}
        return entities[entity_id] if entity_id in entities and entities[entity_id].type == "ORG" else None
    return None


def _lead_document(turn: Turn) -> Credit | None:
    """ "Velmora Systems reported first-quarter net profit ... The results, published before the market opened,
    showed ...": a definite document no author, earlier mention or writer accounts for is the one the
    organization the lead is about put out."""
    root = turn.root
    if root is None or root.lower_ not in word_set("document_nouns.txt") or turn.doc[root.left_edge.i].lower_ not in DEFINITE \
            or turn.in_headline or any(c.dep_ in {"poss", "prep", "compound", "amod"} for c in root.children):
        return None
    lead = _lead_organization(turn.doc)
    return Credit(lead, None) if lead is not None else None


def _unnamed_pronoun(turn: Turn) -> Credit | None:
    """A pronoun with no named antecedent continues the unnamed speaker just before, else names no one."""
    root = turn.root
    if root is None or not (root.lower_ in word_set("pronouns.txt") or root.lower_ == "it"):
        return None
    if turn.in_headline:
        return _headline_source(turn) or Credit(None, _unnamed_antecedent(turn.doc, root, turn.done))
    return Credit(None, _unnamed_antecedent(turn.doc, root, turn.done))


def _prominent_description(turn: Turn) -> Credit | None:
    """ "The GOP nominee said" where no one's roles hold the title: of the people its headline names, the one
    the article has named most so far who can be described so (known to be a person by a given name or gendered word, no other title,
    gender agreeing, not named inside the description), unless an unnamed source with the same head word was
    credited before; a description refers back to the article's main figure, not to whoever was named last."""
    root, resolver = turn.root, turn.resolver
    if root is None or turn.in_headline or not _is_description(root) or _is_age(root):
        return None
    # "A spokesperson for the ministry said ... the spokesperson added": the unnamed one credited before
    for earlier in turn.done:
        head = _root(turn.doc, earlier.source.start, earlier.source.end) if earlier.source and not earlier.speaker else None
        if head is not None and head.lemma_.lower() == root.lemma_.lower():
            return None
    # "The FBI director", "the Kettering boss": someone of a named organization or place, known only by a role;
    # a party or nationality ("the GOP nominee", "the Democratic nominee") does not say which one
    parties = {w.lower() for w in word_set("nationality_words.txt")}
    if any(t.text[:1].isupper() and t.ent_type_ != "NORP" and not _title_forms(t.lower_) & parties for t in root.subtree
           if t.i < root.i and t.lower_ not in DEFINITE):
        return None
    text = text_of(turn.doc)
    headline = turn.doc._.headline_range or (0, text.find("\n") if "\n" in text else len(text))
    headline_words = set(WORD.findall(text[headline[0] : headline[1]]))  # a surname the model did not tag there
    fits, agrees = resolver.fits(root), resolver.agrees(root)
    entity_at = _entity_ids(turn.doc)
    inside = {entity_at[t.i] for t in root.subtree if t.i in entity_at and t.i != root.i}
    counts: dict[str, tuple[int, int]] = {}
    for entity in resolver.entities.values():
        # a given name or a gendered role is the evidence that a name is a person's ("Kettering Town" is not)
        if entity.type != "PERSON" or entity.id in inside or resolver.gender(entity) is None \
                or not (fits(entity) and agrees(entity)):
            continue
        starts = [m.start for m in entity.mentions if m.end <= turn.start and not resolver.quoted(m.start, direct=True)]
        if starts and (any(headline[0] <= m.start < headline[1] for m in entity.mentions)
                       or entity.name.split()[-1] in headline_words):
            counts[entity.id] = (len(starts), max(starts))
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda pair: pair[1], reverse=True)
    if len(ranked) > 1 and ranked[0][1][0] == ranked[1][1][0]:
        return None  # two people named as often: the description does not tell which
    entity = resolver.entities[ranked[0][0]]
    _add_mention(entity, turn.doc, turn.start, turn.end)
    resolver.person_at[root.i] = entity.id
    return Credit(entity, None)


def _as_subject(token: Token) -> bool:
    """Whether a name's word is (part of) its clause's subject: "the Nigerian ... Authority (NMDPRA) said"."""
    steps = 0
    while token.dep_ in {"compound", "conj", "appos", "flat"} and token.head.i != token.i and steps < 6:
        token, steps = token.head, steps + 1
    return token.dep_ in SUBJECTS


def _people_before(pronoun: Token, resolver: Resolver) -> bool:
    """ "That frustrates many analysts because they believe ...": "they" after a plural noun for people in its
    own sentence, outside quotation marks, means those people, not an organization named before."""
    if pronoun.lower_ != "they":
        return False
    entity_at = _entity_ids(resolver.doc)
    return any(t.tag_ == "NNS" and t.i not in entity_at and t.lemma_.lower() in person_nouns() and not resolver.quote_marks(t.idx)
               for t in pronoun.sent if t.i < pronoun.i)


def _organization_pronoun(turn: Turn) -> Credit | None:
    """ "It"/"they" that no chain resolves: the organization named nearest before it, within a few
    sentences, as a subject or a speaker ("The authority said ... They also said"). "They" does not
    skip over a person or a plural noun as subject after the organization, nor "it" over a document subject."""
    root, resolver, doc = turn.root, turn.resolver, turn.doc
    if root is None or root.lower_ not in {"it", "they"} or root.dep_ not in SUBJECTS or turn.in_headline \
            or _people_before(root, resolver):
        return None
    window = resolver.window_start(root)
    speakers = {s.speaker for s in turn.done if s.speaker and s.content.end > window}
    bound = _bound_names(turn)
    entity_at = _entity_ids(doc)
    for token in reversed(doc[doc.char_span(window, window + 1, alignment_mode="expand").start : root.i]
                          if doc.char_span(window, window + 1, alignment_mode="expand") is not None else []):
        if resolver.quoted(token.idx, direct=True):
            continue
        entity_id = entity_at.get(token.i)
        entity = resolver.entities.get(entity_id) if entity_id else None
        if entity is None:
            if root.lower_ == "they" and token.dep_ in SUBJECTS and token.tag_ in {"NNS", "NNPS"}:
                return None  # "The workers ... They said": the people, not the organization
            if root.lower_ == "it" and token.dep_ in SUBJECTS and token.lower_ in word_set("document_nouns.txt"):
                # "The report ... It said": the document, so whoever it is from ("a Times article ... It said")
                author = _document_entity(token, resolver)
                return Credit(author, None) if author is not None else None
            if root.lower_ == "it" and token.dep_ in SUBJECTS and token.lower_ in word_set("ad_nouns.txt"):
                # "The ad then references ... It also mentions": whoever made the ad
                return _maker_credit(token, turn)
            continue
        if entity.type == "PERSON" and root.lower_ == "they" and _as_subject(token):
            return None  # "... Smith said. They ...": not past a person who spoke (one in "Trump's claim" did not)
        if entity.type == "ORG" and (_as_subject(token) or entity.id in speakers) and entity.id not in bound:
            return Credit(entity, None)
    return None


def _maker_credit(work: Token, turn: Turn) -> Credit | None:
    """Who made an ad or video named as "the ad": its maker where it was named before (a campaign by its
    candidate's surname, as the campaign step names it), else no one."""
    resolver = turn.resolver
    maker = _named_maker(work, resolver) or resolver.document_origin(work)
    if maker is None:
        return None
    if maker.lemma_.lower() in {"campaign", "camp"}:
        person = _campaign_owner(maker, resolver, turn.done)
        return Credit(None, f"{person.name.split()[-1]} campaign") if person is not None and person.type == "PERSON" else None
    entity_id = _entity_ids(turn.doc).get(maker.i)
    return Credit(resolver.entities[entity_id], None) if entity_id is not None else None


def _headline_source(turn: Turn) -> Credit | None:
    """ "Minister: ..." names no one: the body statement saying the same words, else the body's holder of the title."""
    if turn.statement.source is None or not turn.in_headline:
        return None
    match = turn.resolver.headline_speaker(turn.statement)
    entity = turn.resolver.entities.get(match.speaker) if match and match.speaker else None
    if entity is None and turn.root is not None:
        entity = turn.resolver.titled(turn.root)
    return Credit(entity, None) if entity is not None else None


def _headline_group(turn: Turn) -> Credit | None:
    """ "Marketers threaten strike" over a body naming the "Independent Petroleum Marketers Association": a headline's
    bare plural noun is the one organization the article names with that word."""
    root, statement = turn.root, turn.statement
    if not turn.in_headline or root is None or statement.source is None or root.tag_ not in {"NNS", "NNPS"} \
            or turn.doc.text[statement.source.start : statement.source.end].strip() != root.text:
        return None
    headline = turn.doc._.headline_range
    word = root.lower_
    found = [e for e in turn.resolver.entities.values() if e.type == "ORG" and word in {w.lower() for w in e.name.split()}
             and any(m.start >= headline[1] for m in e.mentions)]
    return Credit(found[0], None) if len(found) == 1 else None


def _source_as_written(turn: Turn) -> Credit | None:
    """The source's own words; a name they end in that the article names elsewhere is that entity
    ("Chair of the bench Margaret Ealing" where the model tagged only "Margaret Ealing")."""
    if turn.statement.source is None:
        return None
    described = _named_after_organization_noun(turn.doc, turn.start, turn.end) \
        or _named_before_organization_noun(turn.doc, turn.start, turn.end)
    if described is not None:
        return Credit(None, described)
    name = _untitled(turn.fallback_name)
    if name and name != turn.fallback_name and turn.root is not None:
        entity_at, entities = _entity_ids(turn.doc), turn.resolver.entities
        for token in turn.doc[turn.root.left_edge.i : turn.root.right_edge.i + 1]:
            entity = entities.get(entity_at.get(token.i, ""))
            if entity is not None and entity.type == "PERSON" and entity.name == name and _describes(token, turn.root):
                return Credit(entity, None)
    return Credit(None, name)


def _source_words(doc: Doc, start: int, end: int) -> tuple[TokenSpan | None, int]:
    """The source's tokens, and where its words end before trailing punctuation and spaces."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None, 0
    last = span.end
    while last > span.start and (doc[last - 1].is_punct or doc[last - 1].is_space):
        last -= 1
    return span, last


def _named_after_organization_noun(doc: Doc, start: int, end: int) -> str | None:
    """ "Industry body CII", "broker Castlegate", "charity Oxfam": a name the model did not tag, written after a
    noun for an organization, is the organization's name."""
    span, last = _source_words(doc, start, end)
    if span is None:
        return None
    first = last
    # "website iGen.fr" as well: a name may have its capital inside
    while first > span.start and (doc[first - 1].pos_ == "PROPN" and doc[first - 1].text[:1].isupper()
                                  or first == last and any(c.isupper() for c in doc[first - 1].text[1:])):
        first -= 1
    if first > span.start + 1 and first < last and doc[first - 1].lower_ == "the" \
            and doc[first - 2].lower_ in word_set("medium_nouns.txt"):
        first -= 1  # "fake news site The Daily Currant"
    nouns = word_set("organization_nouns.txt") | word_set("medium_nouns.txt")  # "French website iGen.fr"
    if first == last or first == span.start or doc[first - 1].lower_ not in nouns \
            or any(t.pos_ in {"ADP", "VERB", "AUX", "PRON"} or t.tag_ in WH_TAGS for t in doc[span.start : first]):
        return None
    return doc[first:last].text


def _named_before_organization_noun(doc: Doc, start: int, end: int) -> str | None:
    """ "the official Rodong Sinmun daily newspaper", "Reuters news agency": a name the model did not tag, written
    before a lower-case noun for a publication (data/publication_nouns.txt, and a word or two saying what kind),
    is the publication's name."""
    span, last = _source_words(doc, start, end)
    if span is None:
        return None
    if last == span.start or doc[last - 1].lower_ not in word_set("publication_nouns.txt") or not doc[last - 1].is_lower:
        return None
    end_of_name = last - 1
    while end_of_name > span.start and last - end_of_name < 3 and doc[end_of_name - 1].is_lower \
            and doc[end_of_name - 1].pos_ in {"NOUN", "ADJ"}:
        end_of_name -= 1  # "daily", "news"
    first = end_of_name
    while first > span.start and doc[first - 1].pos_ == "PROPN" and doc[first - 1].text[:1].isupper():
        first -= 1
    if first == end_of_name or any(t.pos_ in {"ADP", "VERB", "AUX", "PRON"} or t.tag_ in WH_TAGS for t in doc[span.start : first]):
        return None
    return doc[first:end_of_name].text


def _describes(name: Token, root: Token) -> bool:
    """Whether a name inside a source phrase is the source's own ("Chair of the bench Margaret Ealing"), not
    someone it is for, about or doing something to ("a spokeswoman for Transport Minister Greg Doyle", "the
    34-year-old, who plays Vince Dolan")."""
    token, steps = name, 0
    while token.i != root.i and steps < 12:
        if token.dep_ in {"relcl", "acl", "advcl", "ccomp", "dobj", "poss"} \
                or token.dep_ == "prep" and token.lower_ in LINKS - {"of"} or token.head.i == token.i:
            return False
        token, steps = token.head, steps + 1
    return token.i == root.i


def _headline_quote(turn: Turn) -> Credit | None:
    if not turn.in_headline:
        return None
    match = turn.resolver.headline_speaker(turn.statement)
    return Credit(turn.resolver.entities.get(match.speaker) if match and match.speaker else None, None)


def _named_subject(turn: Turn) -> Entity | None:
    """ "Gill Rosenberg, the Canadian Israeli volunteer ..., posted on Facebook that ...", "the ex-wife of Credido, Maribel
    Barreto, said:", "President al-Sisi was quoted as denying ...": a cue whose own subject names a person or organization,
    outside quoted words, is theirs, however far the words about them run."""
    doc, resolver = turn.doc, turn.resolver
    cue = _root(doc, turn.statement.cue.start, turn.statement.cue.end)
    if cue is None:
        return None
    # an active speech verb's subject; a passive one's only for "was quoted as": "Quiros was accused of" is the accused,
    # and "Suu Kyi has faced sharp criticism for" (a noun cue) the one criticised
    if cue.pos_ != "VERB":
        return None
    subject = next((c for c in cue.children if c.dep_ == "nsubj" or c.dep_ == "nsubjpass" and cue.lemma_ == "quote"), None)
    if subject is None or resolver.quoted(subject.idx) or subject.pos_ == "PRON":
        return None
    named = _named(doc, subject, resolver.entities)
    entity = resolver.entities.get(named or "")
    return entity if entity is not None and entity.type in ("PERSON", "ORG") else None


def _governing_subject(turn: Turn) -> Credit | None:
    """A cue with no subject of its own ("... by telling them that") is said by the subject of the
    clause it hangs from, not by whoever spoke last."""
    if turn.statement.cue is None:
        return None
    named = _named_subject(turn)
    if named is not None:
        return Credit(named, None)
    subject = turn.resolver.governing_subject(turn.statement.cue.start, turn.statement.cue.end)
    if subject is None:
        return Credit(None, None)
    return Credit(turn.resolver.resolve(subject, subject.idx, subject.idx + len(subject), turn.done), None)


def _sentence_quote(turn: Turn) -> Credit | None:
    if turn.mate is None:
        return None
    mate = turn.mate
    return Credit(turn.resolver.entities.get(mate.speaker) if mate.speaker else None, mate.speaker_name)


OPENING_QUOTES = "\"“‘'`«"


def colon_lead_subject(doc: Doc, statement: Statement) -> Token | None:
    """The subject of the clause a colon ends just before a statement's words ("Reader Sam Pengelly has sent
    us this: '...'", "Caddell continued:"), when the words have no cue of their own."""
    text = text_of(doc)
    at = statement.content.start
    while at > 0 and (text[at - 1].isspace() or text[at - 1] in OPENING_QUOTES):
        at -= 1
    if at == 0 or text[at - 1] != ":" or _starts_in_headline_range(doc, at - 1):
        return None
    colon = doc.char_span(at - 1, at, alignment_mode="expand")
    if colon is None or not len(colon):
        return None
    clause = colon[0].head if colon[0].head.pos_ in {"VERB", "AUX"} else colon[0].sent.root
    if clause.pos_ not in {"VERB", "AUX"}:
        return None
    subjects = [c for c in clause.children if c.dep_ in SUBJECTS and c.i < colon[0].i]
    if not subjects or subjects[0].tag_ in WH_TAGS or subjects[0].lower_ in {"it", "this", "that", "there", "here"}:
        return None
    return subjects[0]


def _speaking_noun(token: Token) -> bool:
    """A noun that can name who speaks or what speaks for someone: a person, an office, an organization, a
    document or a work ("the spokesman", "the council", "the statement", "the ad")."""
    word = token.lower_
    return word in person_nouns() or word in titles() or word in word_set("organization_nouns.txt") \
        or _listed_noun(token, "document_nouns.txt") or _listed_noun(token, "work_nouns.txt")


def _colon_lead(turn: Turn) -> Credit | None:
    """Words with no cue after a clause ending in a colon are its subject's: "Caddell continued:" (in the
    line before), "On July 6, Sanders made the following comment:"."""
    doc, statement = turn.doc, turn.statement
    subject = colon_lead_subject(doc, statement) if statement.cue is None else None
    if subject is None or not (subject.pos_ in {"PROPN", "PRON"} or subject.i in _entity_ids(doc) or _speaking_noun(subject)):
        return None  # "The bias begins to show when ...:" is no one
    start, end = subject.idx, subject.idx + len(subject)
    if subject.pos_ in {"NOUN", "PROPN"}:
        start = subject.left_edge.idx
        end = start + len(_described_only(doc, start, subject.right_edge.idx + len(subject.right_edge)))
    statement.source = Span.of(text_of(doc), [(start, end)])
    _source_head(turn)
    return _resolved_source(turn) or Credit(None, turn.fallback_name)


def _continued_quote(turn: Turn) -> Credit | None:
    """A quote with no cue continues the last speaker credited a few lines before."""
    if turn.statement.cue is not None or not turn.done or not turn.done[-1].speaker_name:
        return None
    previous = turn.done[-1]
    if _line_of(turn.doc, turn.statement.content.start) - _line_of(turn.doc, previous.content.end) > CONTINUATION_WINDOW:
        return None
    return Credit(turn.resolver.entities.get(previous.speaker) if previous.speaker else None, previous.speaker_name)


@dataclass(frozen=True, slots=True)
class SpeakerStep:
    """One way to credit a statement: `credit` returns None when the step does not apply. `example` is a
    small article whose statement holding `words` this step credits to `speaker`."""

    name: str
    credit: Callable[[Turn], Credit | None]
    example: str
    words: str
    speaker: str | None


# Tried in order; the first step that applies credits the statement.
SPEAKER_STEPS: tuple[SpeakerStep, ...] = (
    SpeakerStep("answer_label", _answer_label,
                "Q&A: The economist who wants the port sold\n\nSam Lee runs the Harbor Policy Group, a think tank. "
                "He spoke to Coastal Wire on Friday.\n\nQ: Why sell the port now?\n\n"
                "A: Because the government cannot afford to run it for another five years.",
                "Because the government cannot afford", "Sam Lee"),
    SpeakerStep("signature", _signature,
                "Voters speak\n\nWe asked readers what they thought of the debate.\n\n"
                "“He knows nothing about the people he talks about.” ― Pamela Padilla\n\n"
                "“The most unqualified man to ever run.” ― Francisco Herrero",
                "the people he talks about", "Pamela Padilla"),
    SpeakerStep("first_person", _first_person,
                "Why I voted no\n\nI said on Monday that the plan would fail.",
                "the plan would fail", "the author"),
    SpeakerStep("several_named", _several_named,
                "Bill passes\n\nSenator Ann Price and Senator Tom Hale said the bill would pass.",
                "the bill would pass", "Ann Price and Tom Hale"),
    SpeakerStep("named_examples", _named_examples,
                "Port levy\n\nCritics of the levy, like Senators Ann Price and Tom Hale, want it repealed. They "
                "wrote that the levy was unlawful.",
                "the levy was unlawful", "Ann Price and Tom Hale"),
    SpeakerStep("poll", _poll,
                "Race tightens\n\nThe race is tied, according to a new Washington Post-ABC News national poll.\n\n"
                "The poll indicates a tightening race.",
                "a tightening race", "Washington Post-ABC News poll"),
    SpeakerStep("campaign", _campaign,
                "Port ads\n\nMayor Tom Baker released a new ad on Monday.\n\nHis campaign said the ad would air in May.",
                "the ad would air in May", "Baker campaign"),
    SpeakerStep("own_subject_continues", _own_subject_continues,
                "Port to close\n\nMayor Tom Baker said the port would close. Adam Hale is due in Leeds today as he "
                "continues to argue that the port can be saved.",
                "the port can be saved", "Adam Hale"),
    SpeakerStep("added", _added,
                "Port to close\n\nMayor Tom Baker said the port would close. Adam Hale, the harbour master, sat "
                "beside him at the meeting.\n\n\"The money has run out,\" he added.",
                "The money has run out", "Tom Baker"),
    SpeakerStep("participle_source", _participle_source,
                "Port row\n\nWhen Acme Research estimated the cost at £40m, the Harbor Port Authority questioned their "
                "methodology, saying \"the numbers do not add up\".",
                "the numbers do not add up", "Harbor Port Authority"),
    SpeakerStep("unnamed_speaker_goes_on", _unnamed_speaker_goes_on,
                "Fuel queues\n\nMusa Danladi, the marketers' president, said the debt was unpaid. Supply was cut in July.\n\n"
                "But a depot owner, who spoke on condition of anonymity, said the big firms were still supplied. "
                "\"We are getting nothing,\" he said.",
                "We are getting nothing", "a depot owner"),
    SpeakerStep("reported_speaker", _reported_speaker,
                "Port row\n\nThe Harbor Gazette's Ann Roe reported that a harbor engineer, Tom Baker, explained the risks.\n\n"
                "\"The wall will not hold another winter,\" he said.",
                "The wall will not hold another winter", "Tom Baker"),
    SpeakerStep("described_again", _described_again,
                "Port memo\n\nMayor Tom Baker said the port was safe. A city official told the Gazette that the port would close.\n\n"
                "The official also noted that the ferries would stop.",
                "the ferries would stop", "A city official"),
    SpeakerStep("resolved_source", _resolved_source,
                "Port to close\n\nMayor Tom Baker spoke on Monday. \"We have no choice,\" he said.",
                "We have no choice", "Tom Baker"),
    SpeakerStep("same_document", _same_document,
                "Port levy\n\nA report by the Harbor Port Authority said the levy was unlawful. Mayor Tom Baker "
                "wrote in a letter that the port would close.\n\nThe report said shippers would pay.",
                "shippers would pay", "Harbor Port Authority"),
    SpeakerStep("last_writer", _last_writer,
                "Port levy\n\nThe Harbor Port Authority wrote to the ministry on Monday that the levy was unlawful. "
                "Shipping lines have paid it since May.\n\n"
                "\"Without relief, shippers will pay,\" the letter said.",
                "Without relief, shippers will pay", "Harbor Port Authority"),
    SpeakerStep("lead_document", _lead_document,
                "Harbor cuts forecast\n\nHarbor Mining Corp cut its full-year profit forecast on Thursday.\n\n"
                "The statement said the company would close two pits.",
                "the company would close two pits", "Harbor Mining Corp"),
    SpeakerStep("prominent_description", _prominent_description,
                "Tom Baker and the port\n\nTom Baker spoke in Leeds on Monday. Tom Baker wants the port sold. The harbour lost money in May. "
                "The docks lost money in June. The ferries stopped in July. Critics wrote to Ann Price.\n\n"
                "The Democratic nominee said the port would close.",
                "the port would close", "Tom Baker"),
    SpeakerStep("organization_pronoun", _organization_pronoun,
                "Port fees\n\nThe Harbor Port Authority raised its fees in May. Traffic fell sharply in June.\n\n"
                "It said the fees would stay.",
                "the fees would stay", "Harbor Port Authority"),
    SpeakerStep("unnamed_pronoun", _unnamed_pronoun,
                "Port memo\n\nA spokesman for the authority declined to comment.\n\n\"We do not comment on leaks,\" he said.",
                "We do not comment on leaks", "A spokesman for the authority"),
    SpeakerStep("epithet", _epithet,
                "Derby day\n\nBrentwood's manager, Carlos Ribeiro, said he expected a hard game.\n\n"
                "\"They have nothing to lose,\" the Portuguese said.",
                "They have nothing to lose", "Carlos Ribeiro"),
    SpeakerStep("headline_source", _headline_source,
                "Minister: “Nothing has been decided” on harbor\n\nTransport Minister Jane Roe told reporters: “Nothing has been decided.”",
                "Nothing has been decided", "Jane Roe"),
    SpeakerStep("headline_group", _headline_group,
                "Farmers threaten protest over milk prices\n\nThe National Farmers Union said on Monday that its members "
                "would block the depots.",
                "protest over milk prices", "National Farmers Union"),
    SpeakerStep("source_as_written", _source_as_written,
                "Plan costs more\n\nSome economists who studied the plan said the savings were small.",
                "the savings were small", "Some economists"),
    SpeakerStep("headline_quote", _headline_quote,
                "“We will not close the port”\n\nMayor Tom Baker said: “We will not close the port.”",
                "We will not close the port", "Tom Baker"),
    SpeakerStep("governing_subject", _governing_subject,
                "Port row\n\nAdam Hale answered the critics on Tuesday by telling them the port would close.",
                "the port would close", "Adam Hale"),
    SpeakerStep("sentence_quote", _sentence_quote,
                "Port row\n\nTom Baker, whose warning of \"a long winter ahead for the port\" drew criticism, said the port would stay open.",
                "a long winter ahead", "Tom Baker"),
    SpeakerStep("colon_lead", _colon_lead,
                "Storm live\n\n16:31\nReader Sam Pengelly has sent us this from St Ann's Chapel: \"Tree down across "
                "the road by the pub.\"",
                "Tree down across the road", "Sam Pengelly"),
    SpeakerStep("continued_quote", _continued_quote,
                "Port to close\n\nMayor Tom Baker said the port would close.\n\n\"The money has run out, and the banks will not lend us more.\"",
                "The money has run out", "Tom Baker"),
)


def _starts_in_headline_range(doc: Doc, offset: int) -> bool:
    headline = doc._.headline_range
    return bool(headline) and headline[0] <= offset < headline[1]


def _starts_in_headline(doc: Doc, statement: Statement) -> bool:
    headline = doc._.headline_range
    return bool(headline) and headline[0] <= statement.content.start < headline[1]


@Language.component("storyline_speakers")
def storyline_speakers(doc: Doc) -> Doc:
    resolver = Resolver(doc)
    done: list[Statement] = []
    steps: dict[tuple[int, int], str] = {}
    # Headline quotes are credited last: they take the speaker of the body statement saying the same.
    in_headline = lambda s: _starts_in_headline(doc, s)  # noqa: E731
    ordered = [s for s in resolver.statements if not in_headline(s)] + [s for s in resolver.statements if in_headline(s)]
    # A quote with no cue in the sentence of another's cue is that speaker's, so it waits for them.
    cued = SortedRanges((o.cue.start, o.cue.start, o) for o in ordered if o.cue is not None and o.source is not None)
    mates = {id(s): m for s in ordered if s.cue is None and s.source is None and (m := _sentence_mate(doc, s, cued))}
    for statement in [s for s in ordered if id(s) in mates]:
        ordered.remove(statement)
        ordered.insert(ordered.index(mates[id(statement)]) + 1, statement)
    for statement in ordered:
        turn = Turn(doc, resolver, statement, done, in_headline(statement), mates.get(id(statement)))
        _source_head(turn)
        for step in SPEAKER_STEPS:
            credit = step.credit(turn)
            if credit is not None:
                if credit.entity is not None:
                    statement.speaker, statement.speaker_name = credit.entity.id, credit.entity.name
                elif statement.source is not None:
                    statement.speaker_name = _untitled(credit.name)
                elif credit.name is not None:
                    statement.speaker_name = credit.name
                steps[(statement.content.start, statement.content.end)] = step.name
                break
        resolver.not_antecedent = None
        done.append(statement)
    doc._.speaker_steps = steps
    return doc
