"""Claims and quotes across articles: who confirmed, denied, repeated or withdrew what, and where
quoted words first appeared.

One pass over statements in the order they were stored. For each statement:

1. candidate claims come from an inverted index over key words (stems of content words), each
   posting list capped to the statements that used the word most recently, so linking one statement
   does not read the archive; a statement that names a document ('the memo was sent in error') also
   meets, within its story, the latest statements made by documents;
2. the relation rules and model of storyline.link.relation decide what it does to each candidate
   (confirms, denies, repeats, withdraws); a candidate that only repeated or confirmed an earlier
   claim hands the link on to that claim, so a claim gathers everyone who spoke to it;
3. a denial or withdrawal by the claim's own speaker is a reversal;
4. its quoted words (four words or more, sentence by sentence) join the quote they repeat (the same
   words, or an excerpt of them) or whose wording they change by a word or two (a possible
   misquote), else start a quote of their own.

Deterministic in the order of arrival: the same statements in the same order give the same links and
quote ids whether folded in one pass (`storyline link --full`) or one batch at a time. The state
lives behind `ClaimIndex`, whose reads a subclass serves lazily from an archive (storyline.jobs.link).

Pure: no spaCy, SQLite or store here.
"""
from __future__ import annotations

import heapq
import re
from collections import Counter
from dataclasses import dataclass, field, fields
from itertools import chain

from storyline.link.relation import DOCUMENT_KEY, RelationModel, Said, document_nouns, documents, key_words, relate_statements, words

POSTINGS_CAP = 200  # statements kept per key word (the most recent): the cost of one statement stays flat
QUOTE_POSTINGS_CAP = 50  # quotes kept per three-word shingle
MAX_CANDIDATES = 12  # earlier statements the relation rules read for one statement
MAX_CLAIMS = 3  # claims one statement is linked to, the best first
MIN_QUOTE_WORDS = 4  # shorter quoted words are phrases ("no plans"), not quotes
SHINGLE = 3

HANDED_ON = ("confirms", "repeats")  # a statement in these relations to a claim stands for that claim
_SAID_FIELDS = tuple(f.name for f in fields(Said))  # what a statement's stored state keeps of its Said


@dataclass(slots=True)
class ClaimStatement:
    """What claim linking reads of one stored statement."""

    key: int  # the stored statement's id: statements are linked in this order
    said: Said  # its words, stance, source, speaker (a speaker key) and cue
    article: int
    story: int | None = None
    quotes: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, words) quoted in it
    claim: int | None = None  # the claim it stands for: its own key, or the earlier claim it confirms or repeats
    relation: str | None = None  # its relation to that claim (None: it is a claim of its own)

    def to_dict(self) -> dict:
        said = {name: getattr(self.said, name) for name in _SAID_FIELDS}
        return {"key": self.key, "article": self.article, "story": self.story, "claim": self.claim, "relation": self.relation, "said": said}

    @classmethod
    def from_dict(cls, d: dict) -> ClaimStatement:
        said = dict(d["said"])
        said["span"] = tuple(said["span"]) if said.get("span") else None
        return cls(d["key"], Said(**said), d["article"], d.get("story"), [], d.get("claim"), d.get("relation"))


@dataclass(frozen=True, slots=True)
class ClaimLink:
    statement: int  # the later statement
    claim: int  # the claim it speaks to (a statement key)
    relation: str  # confirms / denies / repeats / withdraws
    rule: str  # the relation rule that linked them (storyline.link.relation.RELATION_RULES)
    score: float  # the model's probability that the two are related
    via: int  # the statement it answered (the claim itself, or one that confirmed or repeated it)
    reversal: bool = False  # the claim's own speaker denies or withdraws it


@dataclass(slots=True)
class Quote:
    id: int
    words: tuple[str, ...]  # the words as first quoted, normalized
    uses: int = 0


@dataclass(frozen=True, slots=True)
class QuoteUse:
    quote: int
    statement: int
    start: int
    end: int
    text: str  # the quoted words as written here
    variant: bool  # the wording differs from the quote's (possible misquote)


class ClaimIndex:
    """Claim linking's state: statements by key, key-word postings, quotes and their postings.

    Held in memory here; each read goes through a `_load_*` hook that a subclass overrides to fetch
    from an archive on a miss, and each write is recorded in `changed_*` for it to write back.
    """

    def __init__(self) -> None:
        self.next_quote = 1
        self._statements: dict[int, ClaimStatement] = {}
        self._postings: dict[str, list[int]] = {}
        self._quotes: dict[int, Quote] = {}
        self._quote_postings: dict[str, list[int]] = {}
        self.changed_statements: list[int] = []  # statements linked, in order
        self.new_postings: list[tuple[str, int]] = []  # (key word, statement) filed
        self.changed_quotes: set[int] = set()
        self.new_quote_postings: list[tuple[str, int]] = []  # (shingle, quote) filed

    def _load_statements(self, keys: list[int]) -> dict[int, ClaimStatement]:
        return {}

    def _load_postings(self, key: str) -> list[int] | None:
        return None

    def _load_quote(self, quote_id: int) -> Quote | None:
        return None

    def _load_quote_postings(self, key: str) -> list[int] | None:
        return None

    def statements(self, keys: list[int]) -> dict[int, ClaimStatement]:
        missing = [k for k in keys if k not in self._statements]
        if missing:
            self._statements.update(self._load_statements(missing))
        return {k: self._statements[k] for k in keys if k in self._statements}

    def postings(self, key: str) -> list[int]:
        found = self._postings.get(key)
        if found is None:
            found = self._postings[key] = self._load_postings(key) or []
        return found

    def quote(self, quote_id: int) -> Quote:
        found = self._quotes.get(quote_id)
        if found is None:
            found = self._load_quote(quote_id)
            if found is None:
                raise KeyError(quote_id)
            self._quotes[quote_id] = found
        return found

    def quote_postings(self, key: str) -> list[int]:
        found = self._quote_postings.get(key)
        if found is None:
            found = self._quote_postings[key] = self._load_quote_postings(key) or []
        return found

    def add(self, statement: ClaimStatement, keys: list[str]) -> None:
        self._statements[statement.key] = statement
        self.changed_statements.append(statement.key)
        for key in keys:
            posting = self.postings(key)
            posting.append(statement.key)
            del posting[:-POSTINGS_CAP]
            self.new_postings.append((key, statement.key))

    def add_quote(self, quote: Quote, keys: list[str]) -> None:
        self._quotes[quote.id] = quote
        self.changed_quotes.add(quote.id)
        for key in keys:
            posting = self.quote_postings(key)
            if quote.id not in posting:  # kept in id order, the highest QUOTE_POSTINGS_CAP: as the archive reads them
                posting[:] = sorted([*posting, quote.id])[-QUOTE_POSTINGS_CAP:]
                self.new_quote_postings.append((key, quote.id))

    def flushed(self) -> None:
        """Forget what was written back (a long run keeps its memory bounded; the next batch reads again)."""
        self._statements.clear()
        self._postings.clear()
        self._quotes.clear()
        self._quote_postings.clear()
        self.changed_statements.clear()
        self.new_postings.clear()
        self.changed_quotes.clear()
        self.new_quote_postings.clear()


# --- claims ------------------------------------------------------------------------------------------

def index_keys(said: Said, story: int | None) -> list[str]:
    """The postings a statement is filed under: its key words, and, when its source is a document (the
    memo, the letter), its story's statements by documents (only a statement of the same story looks there)."""
    return sorted(key_words(said.words)) + ([document_key(story)] if story is not None and documents(said) else [])


def document_key(story: int) -> str:
    return f"{DOCUMENT_KEY}{story}"


def candidates(statement: ClaimStatement, index: ClaimIndex) -> list[ClaimStatement]:
    """Earlier statements sharing key words with it (the most first), and, within its story, those made
    by a document it names."""
    shared = Counter(chain.from_iterable(index.postings(key) for key in sorted(key_words(statement.said.words))))
    names_one = statement.story is not None and bool(set(words(statement.said.words)) & document_nouns())
    by_document = set(index.postings(document_key(statement.story))) if names_one else set()
    # the most shared, the latest first on ties (as sorted(...)[:MAX_CANDIDATES], without sorting them all)
    ranked = [-k for _, k in heapq.nsmallest(MAX_CANDIDATES, [(-n, -k) for k, n in shared.items()])]
    found = index.statements(sorted(set(ranked) | by_document))
    return [c for k, c in sorted(found.items())
            if k != statement.key and (k in ranked or c.story == statement.story)]


def link_statement(statement: ClaimStatement, index: ClaimIndex, model: RelationModel | None = None) -> list[ClaimLink]:
    """Link one statement to the claims it speaks to, and add it to the index."""
    found = candidates(statement, index)
    results = relate_statements([(c.said, statement.said) for c in found], model) if found else []
    best: dict[int, ClaimLink] = {}
    for candidate, result in zip(found, results):
        if result is None:
            continue
        rule, score = result
        claim = candidate.claim if candidate.relation in HANDED_ON and candidate.claim is not None else candidate.key
        root = index.statements([claim]).get(claim, candidate)
        denial = rule.relation in ("denies", "withdraws")
        speaker = statement.said.speaker
        reversal = denial and speaker is not None and speaker in (candidate.said.speaker, root.said.speaker)
        link = ClaimLink(statement.key, claim, rule.relation, rule.name, score, candidate.key, reversal)
        if claim not in best or (score, candidate.key) > (best[claim].score, best[claim].via):
            best[claim] = link
    # a document denied is denied once: at the first of its claims the statement meets
    documents_denied = [link for link in best.values() if link.rule == "denies the document"]
    kept = [link for link in best.values() if link.rule != "denies the document"] + sorted(documents_denied, key=lambda link: link.claim)[:1]
    links = sorted(kept, key=lambda link: (-link.score, link.claim))[:MAX_CLAIMS]
    own = next((link for link in links if link.relation in HANDED_ON), None)
    statement.claim, statement.relation = (own.claim, own.relation) if own else (statement.key, None)
    index.add(statement, index_keys(statement.said, statement.story))
    return sorted(links, key=lambda link: link.claim)


# --- quotes ------------------------------------------------------------------------------------------

_QUOTED = re.compile(r"[“\"]([^“”\"]+)[”\"]")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_EDGE = re.compile(r"^[\s\"'“”‘’.,;:!?()\[\]-]+|[\s\"'“”‘’.,;:!?()\[\]-]+$")


def quote_fragments(text: str, spans: list[list[int]], kind: str) -> list[tuple[int, int, str]]:
    """The quoted words of a statement, sentence by sentence: (start, end, words as written).

    A direct statement's content is quoted words; in an indirect or mixed one, the words inside
    quotation marks. Fragments under MIN_QUOTE_WORDS words are left out.
    """
    segments: list[tuple[int, int]] = []
    for start, end in spans:
        if kind == "direct":
            segments.append((start, end))
        else:
            segments += [(start + m.start(1), start + m.end(1)) for m in _QUOTED.finditer(text[start:end])]
    out = []
    for start, end in segments:
        piece, at = text[start:end], 0
        for part in _SENTENCE.split(piece):
            at = piece.index(part, at)
            stripped = _EDGE.sub("", part)
            if stripped and len(words(stripped)) >= MIN_QUOTE_WORDS:
                s = start + at + part.index(stripped)
                out.append((s, s + len(stripped), stripped))
            at += len(part)
    return out


def shingles(tokens: tuple[str, ...]) -> list[str]:
    return sorted({" ".join(tokens[i : i + SHINGLE]) for i in range(max(len(tokens) - SHINGLE + 1, 1))})


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def word_edits(a: tuple[str, ...], b: tuple[str, ...], limit: int) -> int:
    """Word-level edit distance, or limit + 1 when it is larger (banded)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def quote_match(quote: tuple[str, ...], tokens: tuple[str, ...]) -> bool | None:
    """None: not the same quote; False: the same words (or an excerpt of them); True: a wording variant
    (a word or two changed: possible misquote)."""
    if tokens == quote or (len(tokens) < len(quote) and _contains(quote, tokens)) or (len(quote) < len(tokens) and _contains(tokens, quote)):
        return False
    limit = max(1, len(quote) // 7)
    if min(len(quote), len(tokens)) > MIN_QUOTE_WORDS and word_edits(quote, tokens, limit) <= limit:
        return True
    return None


def link_quotes(statement: ClaimStatement, index: ClaimIndex) -> list[QuoteUse]:
    """Fold a statement's quoted words into quotes: the quote they repeat or vary, else a new one."""
    uses = []
    for start, end, text in statement.quotes:
        tokens = tuple(words(text))
        keys = shingles(tokens)
        shared: dict[int, int] = {}
        for key in keys:
            for q in index.quote_postings(key):
                shared[q] = shared.get(q, 0) + 1
        match, variant = None, False
        for q in sorted(shared, key=lambda q: (-shared[q], q))[:MAX_CANDIDATES]:
            found = quote_match(index.quote(q).words, tokens)
            if found is not None:
                match, variant = index.quote(q), found
                break
        if match is None:
            match = Quote(index.next_quote, tokens)
            index.next_quote += 1
        match.uses += 1
        index.add_quote(match, keys)
        uses.append(QuoteUse(match.id, statement.key, start, end, text, variant))
    return uses


def link_claims(statements: list[ClaimStatement], index: ClaimIndex,
                model: RelationModel | None = None) -> tuple[list[ClaimLink], list[QuoteUse]]:
    """Link statements, in order, to the claims they speak to, and their quoted words to quotes."""
    links: list[ClaimLink] = []
    uses: list[QuoteUse] = []
    for statement in statements:
        links += link_statement(statement, index, model)
        uses += link_quotes(statement, index)
    return links, uses
