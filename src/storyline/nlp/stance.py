"""storyline_stance: does each statement assert, deny or hedge?

deny: a denying cue ("denied", "rejected") or content that refutes ("no decision has been
taken", "that is simply not the case", "it went out in error") or says that nothing of a kind
was so ("no one was injured", "there were no discussions");
hedge: a hedging cue ("suggested") or a modal of possibility in the content ("may", "could").
"""
from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from storyline.nlp import extensions  # noqa: F401
from storyline.nlp.extensions import text_of
from storyline.record import Statement
from storyline.wordlists import word_list, word_set

FUTURE_AUXILIARIES = {"will", "wo", "would", "'ll", "shall"}
SUBORDINATE_DEPS = {"advcl", "relcl", "acl", "prep", "pobj", "pcomp"}  # a clause or phrase inside the words, not their claim


@cache
def _deny_patterns() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in word_list("deny_patterns.txt")), re.IGNORECASE)


def stance_of(doc: Doc, statement: Statement) -> str:
    deny_verbs, hedge_verbs, hedge_words = word_set("deny_verbs.txt"), word_set("hedge_verbs.txt"), word_set("hedge_words.txt")
    cue = doc.char_span(statement.cue.start, statement.cue.end, alignment_mode="expand") if statement.cue else None
    cue_lemmas = {t.lemma_.lower() for t in cue} if cue is not None else set()
    content = " ".join(text_of(doc)[s:e] for s, e in statement.content.spans)
    if cue_lemmas & deny_verbs or _deny_patterns().search(content) or _denies_in_own_words(doc, statement, deny_verbs) \
            or _nothing_happened(doc, statement):
        return "deny"
    if cue_lemmas & hedge_verbs:
        return "hedge"
    for start, end in statement.content.spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        for token in span or []:
            # "may" the modal, not "May" the month: the tagger tells them apart.
            if token.lower_ in hedge_words and (token.tag_ == "MD" or token.pos_ in {"ADV", "ADJ"}) and _hedges_the_claim(token, span):
                return "hedge"
    return "assert"


def _hedges_the_claim(token, span) -> bool:
    """A hedge word qualifies the claim itself, not a clause or phrase inside it: "as soon as possible"
    ("possible" under the preposition "as"),
    "so he could attend", "a deal that might help" hedge nothing the speaker asserts."""
    while token.i != span.root.i and span.start <= token.i < span.end and token.head.i != token.i:
        if token.dep_ in SUBORDINATE_DEPS:
            return False
        token = token.head  # (words over two sentences have two roots: each chain stops at its own)
    return True


def _denies_in_own_words(doc: Doc, statement: Statement, deny_verbs: frozenset[str]) -> bool:
    """The words' own main verb denies ("said it 'categorically rejects' reports"), in the active voice
    ("the plan was rejected" reports someone else's denial), not negated ("does not deny", "denies nothing"),
    and with no subject other than a pronoun: "Baxter had denied the report" and "Baxter's office rejected
    the plan" tell another's denial (the speaker shown did not deny), "it rejects", "we deny" the speaker's."""
    for start, end in statement.content.spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        root = span.root
        deps = {c.dep_ for c in root.children}
        objects = {c.lower_ for c in root.children if c.dep_ == "dobj"}
        named_subject = any(c.dep_ == "nsubj" and c.pos_ in ("PROPN", "NOUN") for c in root.children)
        if root.lemma_.lower() in deny_verbs and (root.pos_ == "VERB" or "nsubj" in deps) \
                and not deps & {"auxpass", "neg"} and "nothing" not in objects and not named_subject:
            return True
    return False


def _nothing_happened(doc: Doc, statement: Statement) -> bool:
    """The words' claim is that nothing of a kind was so: their main verb's subject is "no ..."
    ("no one was injured", "no decision had been taken", "there were no discussions"), and they
    foretell nothing ("no trains will run" announces a plan)."""
    span = doc.char_span(*statement.content.spans[0], alignment_mode="expand") if statement.content.spans else None
    if span is None or not len(span):
        return False
    root = span.root
    children = list(root.children)
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUXILIARIES for c in children):
        return False
    there = any(c.dep_ == "expl" for c in children)
    return any((c.dep_ in {"nsubj", "nsubjpass"} or (there and c.dep_ == "attr"))
               and any(d.dep_ == "det" and d.lower_ in {"no", "neither"} for d in c.children) for c in children)


@Language.component("storyline_stance")
def storyline_stance(doc: Doc) -> Doc:
    for statement in doc._.statements or []:
        statement.stance = stance_of(doc, statement)
    return doc
