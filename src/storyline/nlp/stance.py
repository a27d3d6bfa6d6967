"""storyline_stance: does each statement assert, deny or hedge?

An ordered table of rules (`STANCE_RULES`), each with an example; the first rule that holds gives
the stance, else the statement asserts. Denials come first: "it does not expect to cut power" denies
before its "expect" would hedge. Word lists: deny_verbs, deny_patterns (+ more_deny_patterns), hedge_verbs
(+ more_hedge_verbs), hedge_words (+ more_hedge_words), belief_verbs, knowing_verbs, undecided_verbs,
evidence_nouns.

deny: the point of the words is that something is not so (a denial, a refutation, a ruling-out: "is
not on the table"). A negation inside a promise or plan ("we will not rush anyone back"), around a
question the speaker cannot answer ("I do not know where to start") or further on in the words than
their first sentence stays assert.
hedge: the speaker marks the words as uncertain ("might", "appeared to", "I think", "I'd say", "is
expected to", "is considering", "there's a chance"), or the cue does ("suggested", "it is said", a warning
of what the words foretell: "warned that costs would rise"). A modal inside a clause of the words ("as
soon as possible", "so he could attend", "in case the power might fail"), a modal of inability ("could
not", "could no longer"), of perception ("could see it coming"), of permission ("could now book online")
or of what did not happen ("we could have won"), of use ("could be used as weapons"), a concession ("we may disagree, but ...") and a
comparison of chances ("less likely") hedge nothing; nor does a warning of what is so ("warned that more
clean-up was needed") or a judgement of a case ("it would be dangerous to ...").
A negation inside an account in time ("did not see him until ..."), a hypothetical ("if ..., I don't
mind") or a habit of a class ("tough times don't last") is no denial.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from storyline.nlp import extensions  # noqa: F401
from storyline.nlp.attribution import FIRST_PERSON
from storyline.nlp.extensions import text_of
from storyline.record import Statement
from storyline.wordlists import word_list, word_set

FUTURE_AUXILIARIES = {"will", "wo", "would", "'ll", "shall"}
SUBORDINATE_DEPS = {"advcl", "relcl", "acl", "prep", "pobj", "pcomp"}  # a clause or phrase inside the words, not their claim
# two words that open a clause of purpose or precaution, which the parser may take for a complement:
# "bought a generator in case the power might fail", "so that pupils could attend"
CLAUSE_OPENERS = {("in", "case"), ("so", "that"), ("in", "order")}
QUESTION_WORDS = {"who", "whom", "whose", "what", "which", "where", "when", "why", "how", "whether", "if"}
NEGATIONS = {"not", "n't"}  # "never talked about it" tells a story; "never agreed" is in deny_patterns.txt
NOTHING = {"nothing", "none"}  # "nobody is hiding" describes
ANSWER_NO = {"no", "not", "never", "nope"}
ABILITY = {"could", "can", "ca", "cannot"}  # negated, a modal of inability: "could not afford", "could no longer defend"
HEARSAY = {"say", "understand", "think", "believe", "rumour", "rumor", "report", "know"}
EXPECTATIONS = {"expect", "anticipate"}  # a hedge when the speaker's own or passive, else guidance
CONCEDING = {"may", "might"}  # "we may disagree, but ...": granted, and the claim follows the "but"
BY_CHANCE = {"accident", "chance", "coincidence", "overnight"}  # "doesn't happen by accident" asserts design
FORETELLING = FUTURE_AUXILIARIES | {"could", "might", "may"}  # "warned that costs would rise" foretells
JUDGED = {"it", "this", "that"}  # "it would be dangerous to reopen the bridge" judges, it foretells nothing
ANYONE = {"anyone", "anybody", "everyone", "everybody"}  # "anyone could book online": what anyone can do
OWN_OR_GENERIC = {"i", "we", "you"} | ANYONE  # "we could have lost": what did not happen
NOT_DONE_THEN = {"ago", "sooner", "earlier"}  # "they could have had this deal a month ago"
PERSONAL = {"i", "we", "you", "he", "she", "they"}
IN_TIME = {"when", "until", "till", "before", "after", "once"}  # "did not see it until ...": an account
PARTLY = {"completely", "entirely", "fully", "quite", "totally", "wholly", "always"}  # "have not completely lost faith"
PERMISSION = {"allow", "permit"}  # "are not allowed": a rule stated
REFUSED = {"more", "further", "anything", "much"}  # "I can't say any more": a refusal to say, no doubt
WARNING = {"warn", "caution"}  # "warned that success was not guaranteed": a risk foretold, no refutation
HOLDING = {"have", "receive", "get", "find", "see", "hold", "show"}  # "we have no evidence", "received no confirmation", "shows no signs"
STILL = {"continue", "remain"}
CONDITIONS = {"if", "unless"}  # "if this gets them a house, I don't care who built it": a hypothetical
APPEARING = {"look", "sound"}  # "it looked as if the virus had spread": how a thing appears, not that it is so
ONLY = {"just", "only", "merely", "simply", "solely"}  # "is not just about survival": more than that, nothing ruled out
USES = {"use"}  # "the drones could be used as weapons": what a thing can be used for, a capability
NAMING = {"call", "label", "brand", "dub", "term", "dismiss"}  # "called it lies": a falsity word as what the speaker names a claim


@dataclass(frozen=True, slots=True)
class Reading:
    """What the rules read of one statement: its cue's lemmas, its words, and their sentences."""

    doc: Doc
    statement: Statement
    cue_lemmas: frozenset[str]
    words: str
    spans: tuple[Span, ...]  # one per content part
    pieces: tuple[Span, ...]  # each sentence of the words, cut to the words (`_pieces`)

    def sentences(self) -> Iterator[Span]:
        """Each sentence of the words, cut to the words (words over two sentences have two roots)."""
        return iter(self.pieces)


def _pieces(doc: Doc, spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """The sentences of the words, cut to them: found once per statement, as a dozen rules read them."""
    return tuple(piece for span in spans for sentence in span.sents
                 if len(piece := doc[max(span.start, sentence.start): min(span.end, sentence.end)]))


@dataclass(frozen=True, slots=True)
class StanceRule:
    """One rule of the table: `example` is a sentence whose statement has the words `words` and
    gets `stance` from this rule (checked by tests/test_stance.py)."""

    name: str
    stance: str
    holds: Callable[[Reading], bool]
    example: str
    words: str


@cache
def _deny_patterns() -> re.Pattern[str]:
    patterns = word_list("deny_patterns.txt") + word_list("more_deny_patterns.txt")
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def _denying_cue(reading: Reading) -> bool:
    return bool(reading.cue_lemmas & word_set("deny_verbs.txt"))


def _refuting_words(reading: Reading) -> bool:
    """Words that refute ("that is simply not true", "there is nothing to hide"), unless the negation is of
    a manner: "it doesn't happen by accident" says it happens by design."""
    text = text_of(reading.doc)
    for start, end in reading.statement.content.spans:
        words = text[start:end]
        for match in _deny_patterns().finditer(words):
            after = [w.strip(".,;:!?") for w in words[match.end():].lower().split()[:2]]
            manner = after[:1] == ["overnight"] or (after[:1] == ["by"] and after[1:] and after[1] in BY_CHANCE)
            found = reading.doc.char_span(start + match.start(), start + match.end(), alignment_mode="expand")
            if not manner and not (found is not None and _falsity_as_topic(found)):
                return True
    return False


def _falsity_as_topic(found: Span) -> bool:
    """A word of falsity in a phrase the words talk about, not one they call a claim: "let users report fake
    news stories or hoaxes", "brought to book for their lies" (an object, or after a preposition other
    than "as"); "dismissed it as lies", "called the report fake news", "the claims were false" refute. A
    match holding a negation ("no plans to", "nothing to hide") is read as it is."""
    if any(t.lower_ in NEGATIONS | NOTHING | ANSWER_NO for t in found):
        return False
    head = found.root
    while head.dep_ in {"amod", "compound", "conj", "nmod"} and head.head.i != head.i:
        head = head.head
    if head.dep_ == "pobj":
        return head.head.lower_ != "as"
    return head.dep_ == "dobj" and head.head.lemma_.lower() not in NAMING


def _denies_in_own_words(reading: Reading) -> bool:
    """The words' own main verb denies ("said it 'categorically rejects' reports"), in the active voice
    ("the plan was rejected" reports someone else's denial), not negated ("does not deny", "denies nothing"),
    and with no subject other than a pronoun: "Baxter had denied the report" and "Baxter's office rejected
    the plan" tell another's denial (the speaker shown did not deny), "it rejects", "we deny" the speaker's."""
    deny_verbs = word_set("deny_verbs.txt")
    for span in reading.spans:
        root = span.root
        deps = {c.dep_ for c in root.children}
        objects = {c.lower_ for c in root.children if c.dep_ == "dobj"}
        named_subject = any(c.dep_ == "nsubj" and c.pos_ in ("PROPN", "NOUN") for c in root.children)
        if root.lemma_.lower() in deny_verbs and (root.pos_ == "VERB" or "nsubj" in deps) \
                and not deps & {"auxpass", "neg"} and "nothing" not in objects and not named_subject:
            return True
    return False


def _foretells(root: Token) -> bool:
    """A plan or promise: "will", "would", "shall" or "going to" ("we're not going to reopen it"), or the
    speaker's own "going" ("I'm not going on that road", "we're not going back": a refusal, not a denial)."""
    children = list(root.children)
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUXILIARIES for c in children):
        return True
    return root.lower_ == "going" and any(c.dep_ == "xcomp" or (c.dep_ == "nsubj" and c.lower_ in FIRST_PERSON) for c in children)


def _nothing_happened(reading: Reading) -> bool:
    """The words' claim is that nothing of a kind was so: their main verb's subject is "no ..."
    ("no one was injured", "no decision had been taken", "there were no discussions") or its subject
    or object is "nothing" ("there is nothing to hide", "did nothing wrong"), and they foretell nothing
    ("no trains will run" announces a plan). "No" before an object describes ("had no answers").
    Read in the first sentence, as `_negated_claim` reads it."""
    sentence = _first_sentence(reading)
    if sentence is not None:
        root = sentence.root
        children = list(root.children)
        if _foretells(root) or any(c.tag_ == "MD" for c in children):
            return False  # "no one should have to live like this" is a judgement
        if root.lower_ in NOTHING:
            return True  # "(she has said) nothing publicly about her reasons"
        there = any(c.dep_ == "expl" for c in children)
        for c in children:
            subject = c.dep_ in {"nsubj", "nsubjpass"} or (there and c.dep_ == "attr")
            if subject and any(d.dep_ == "det" and d.lower_ in {"no", "neither"} for d in c.children):
                return True
            if (subject or (c.dep_ == "dobj" and root.lemma_.lower() not in word_set("deny_verbs.txt"))) \
                    and c.lower_ in NOTHING and not any(d.lower_ in {"but", "short", "less", "like"} for d in c.subtree):
                return True  # ("denies nothing" denies no claim; "nothing but praise", "nothing short of" praise)
    return False


def _no_evidence(reading: Reading) -> bool:
    """The words' main verb holds or received no evidence that a thing is so ("we have no official
    notification that it is Ebola", "they had received no confirmation of cases"): the speaker rules the
    thing out. A plan or a modal ("we will have no information until Monday") foretells; "had no answers"
    (no evidence noun) describes. Read in the first sentence, as `_negated_claim` reads it."""
    sentence = _first_sentence(reading)
    if sentence is None:
        return False
    root = sentence.root
    # "it continues to have no credible evidence": the holding verb under "continue" or "remain"
    root = next((c for c in root.children if c.dep_ == "xcomp" and root.lemma_.lower() in STILL), root)
    children = list(root.children)
    if root.lemma_.lower() not in HOLDING or _foretells(root) or any(c.tag_ == "MD" or c.dep_ == "neg" for c in children):
        return False
    return any(c.dep_ == "dobj" and c.lower_ in word_set("evidence_nouns.txt")
               and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children) for c in children)


def _asks(token: Token) -> bool:
    """The token heads a question inside the words ("where to start", "who he could trust", "whether it
    went in"), not a condition ("if it opens, we might save the third")."""
    first = token.left_edge
    if first.lower_ in {"whether", "if"}:
        return first.head.i == token.i and first.dep_ == "mark"
    return first.lower_ in QUESTION_WORDS and first.tag_ in {"WRB", "WP", "WP$", "WDT"}


def _first_sentence(reading: Reading) -> Span | None:
    """The words' first sentence: where a denial makes its point ("Not once. ...", "I'm not against
    solar. I'm against doing this in a hurry"); a negation further on is one step of the argument."""
    return next(reading.sentences(), None)


def _negated_claim(reading: Reading) -> bool:
    """The words' first sentence says its claim is not so: its main verb is negated by "not" ("patient care
    had not been affected", "I'm not against solar", "it did not comment"), with a subject other than
    "you" (an instruction or a generic "you don't have to"); "it does not expect to cut power" rules a cut out.
    Not a denial: a denial negated ("does not
    dispute the figures"), a modal ("we will not rush",
    "we can't keep", "need not worry", "should never have"), "going to" (a plan), a negated belief ("I
    don't think ...") or a question ("I do not know where to start"), a contrast ("it's not everything we
    wanted, but it's a fair deal"), a manner ("it doesn't happen by accident"), a quality ("it didn't
    look great": a judgement), a comparison ("we are not like them"), a question ("did we not warn them?") or
    a negation of degree ("they have not completely lost faith"); nor a rule ("arrests are not allowed at
    all": a prohibition stated, no claim refuted); nor a warning ("warned that success was
    not guaranteed": what may go wrong, not a claim refuted)."""
    sentence = _first_sentence(reading)
    if sentence is None or reading.cue_lemmas & WARNING:
        return False
    root = sentence.root
    children = list(root.children)
    not_denials = (word_set("belief_verbs.txt") - EXPECTATIONS) | word_set("deny_verbs.txt") | {"need", "have"} | PERMISSION
    if not any(c.dep_ == "neg" and c.lower_ in NEGATIONS for c in children) or _foretells(root):
        return False
    asks = any(t.text == "?" for t in sentence) or sentence.end < len(sentence.doc) and sentence.doc[sentence.end].text == "?"
    if asks or any(c.dep_ == "advmod" and c.lower_ in PARTLY for c in children):
        return False  # a question asks ("Did we not warn them?"); "not completely lost faith" grants part of it
    if any(c.dep_ == "neg" and c.i + 1 < len(c.doc) and c.doc[c.i + 1].lower_ in ONLY for c in children):
        return False  # "our future is not just about survival": it is about more, nothing is ruled out
    subjects = [c for c in children if c.dep_ in {"nsubj", "nsubjpass", "expl"}]
    if not subjects or any(c.lower_ == "you" for c in subjects):
        return False
    if any(c.tag_ == "MD" or (c.dep_ == "aux" and c.lower_ in {"need", "dare"}) for c in children) or root.lemma_.lower() in not_denials:
        return False
    if any(c.dep_ in {"ccomp", "xcomp", "dobj", "pobj"} and _asks(c) for c in children):
        return False
    if any(c.dep_ == "cc" and c.lower_ == "but" for c in children) or any(c.dep_ == "acomp" for c in children):
        return False
    if any(c.dep_ == "prep" and c.lower_ == "like" for c in children):
        return False  # a comparison judges: "we are not like the previous government"
    if any(c.dep_ == "advcl" and _opens_with(c, IN_TIME | CONDITIONS) for c in children):
        return False  # an account ("he did not see the cyclist until it was too late") or a hypothetical
    if _habitual(root, subjects):
        return False
    return not any(t.lower_ in BY_CHANCE for t in root.subtree if t.head.i == root.i or t.head.head.i == root.i)


def _opens_with(clause: Token, words: set[str]) -> bool:
    """The clause opens with one of `words`: "when I got home", "until it was too late", "if it rains"."""
    first = clause.left_edge
    return first.lower_ in words and first.dep_ in {"mark", "advmod"} and first.head.i == clause.i


def _habitual(root: Token, subjects: list[Token]) -> bool:
    """A generic "don't" of a class ("tough times don't last", "shoppers don't queue any more")
    describes how things go; it denies no claim."""
    do = any(c.dep_ == "aux" and c.lemma_.lower() == "do" and c.tag_ in {"VBP", "VBZ"} for c in root.children)
    bare_plural = any(c.tag_ == "NNS" and not any(d.dep_ in {"det", "poss", "nummod"} for d in c.children)
                      for c in subjects)
    return do and bare_plural


def _answers_no(reading: Reading) -> bool:
    """The words open with a verbless "No", "Not ..." or "Never": an answer that rules something out
    ("Not once. Not a phone call ...")."""
    first = _first_sentence(reading)
    if first is None or first[0].lower_ not in ANSWER_NO:
        return False
    return not any(t.pos_ in {"VERB", "AUX"} for t in first)


def _hedging_cue(reading: Reading) -> bool:
    """A cue that hedges ("suggested"), or a warning or forecast of what the words foretell ("warned that
    costs would rise"). A warning of what is so ("warned that more clean-up is necessary", "that there was
    potential for greater damage"), a judgement ("warned that it would be dangerous to ..."), a bare
    noun phrase ("projected inflation at 4.2 per cent", "predicted up to 14 hurricanes") and a warning "against"
    something assert."""
    foretelling = word_set("more_hedge_verbs.txt")
    if reading.cue_lemmas & (word_set("hedge_verbs.txt") - foretelling):
        return True
    return bool(reading.cue_lemmas & foretelling) and "against" not in reading.cue_lemmas \
        and _foretold(reading)


def _foretold(reading: Reading) -> bool:
    """A main verb of the words carries a modal of the future or of possibility ("would weigh", "will
    rise") or "going to", and does not judge a case ("it would be dangerous", "it would be a mistake")."""
    for sentence in reading.sentences():
        root = sentence.root
        children = list(root.children)
        modal = any(c.dep_ == "aux" and c.lower_ in FORETELLING for c in children) \
            or (root.lower_ == "going" and any(c.dep_ == "xcomp" for c in children))
        judged = root.lemma_.lower() == "be" and any(c.dep_ == "nsubj" and c.lower_ in JUDGED for c in children) \
            and any(c.dep_ in {"acomp", "attr"} for c in children)
        if modal and not judged:
            return True
    return False


def _hearsay(reading: Reading) -> bool:
    """A passive cue with no one behind it: "it is said", "is understood", "is thought" pass on hearsay."""
    cue = reading.statement.cue
    span = reading.doc.char_span(cue.start, cue.end, alignment_mode="expand") if cue else None
    return span is not None and any(t.dep_ == "auxpass" for t in span) \
        and any(t.lemma_.lower() in HEARSAY for t in span if t.pos_ == "VERB")


def _undecided(reading: Reading) -> bool:
    """The words' main verb is a decision still being made: "is considering refunds", "would consider
    a bid on its merits" (not "we consider it unacceptable", a judgement)."""
    for sentence in reading.sentences():
        root = sentence.root
        if root.lemma_.lower() not in word_set("undecided_verbs.txt") or any(c.dep_ == "neg" for c in root.children):
            continue
        if any(c.dep_ == "advcl" and _opens_with(c, CONDITIONS) and c.tag_ == "VBD" for c in root.children):
            continue  # "would consider it if he was in power": what he would do in a case that is not so, no doubt
        if root.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ in {"would", "could", "may", "might"} for c in root.children):
            return True
    return False


def _believed(reading: Reading) -> bool:
    """The words' main verb is a belief held now, not negated, over a claim: "investigators suspect a
    campfire", "Downing Street believes the row will blow over", "levels are expected to peak", "we now
    expect the next cut in August", reported in the past: "said they thought he had left". An expectation of
    someone else's ("the company expected revenue of ...") is guidance; a past belief ("I thought it was a
    prank") tells a story; "I think about it" holds
    no claim."""
    beliefs = word_set("belief_verbs.txt")
    for sentence in reading.sentences():
        root = sentence.root
        children = list(root.children)
        if _would_say(root):
            return True
        if root.pos_ != "VERB" or root.lemma_.lower() not in beliefs or any(c.dep_ == "neg" for c in children):
            continue
        passive = any(c.dep_ == "auxpass" for c in children)
        if not passive and root.tag_ not in {"VBP", "VBZ"} and not _backshifted(reading, root):
            continue
        if not any(c.dep_ in {"ccomp", "dobj", "xcomp"} for c in children):
            continue
        first_person = any(c.dep_ == "nsubj" and c.lower_ in {"i", "we"} for c in children)
        if passive or first_person or root.lemma_.lower() not in EXPECTATIONS:
            return True
    return False


def _backshifted(reading: Reading, root: Token) -> bool:
    """A past belief in reported words is the speaker's belief when speaking, moved into the past by the
    report's own tense: "quoted friends as saying they thought he had been radicalised" reports "we think
    he was". Only in indirect words with a pronoun for the believer ("they", "he"): quoted, "I thought it
    was a prank" tells a story."""
    return reading.statement.kind == "indirect" and root.tag_ == "VBD" \
        and any(c.dep_ == "nsubj" and c.lower_ in PERSONAL - {"i", "you"} for c in root.children)


def _would_say(root: Token) -> bool:
    """"I'd say it was a penalty", "we would say that ...": the speaker's own view offered as such, like "I
    think"; "I would say, 'That's ridiculous'" tells what the speaker would say in a case."""
    return root.lemma_.lower() == "say" and any(c.dep_ == "aux" and c.lower_ in {"would", "'d"} for c in root.children) \
        and any(c.dep_ == "nsubj" and c.lower_ in FIRST_PERSON for c in root.children) \
        and any(c.dep_ == "ccomp" and c.left_edge.i == root.i + 1 and not c.left_edge.is_punct for c in root.children)


def _appears_so(reading: Reading) -> bool:
    """The words' main verb says how things appear, not that they are so: "it looked as if the virus had passed
    between people", "it sounds as though talks have stalled". Not negated, and not a look at something ("she
    looked at the plans") or a quality ("the team looked tired")."""
    for sentence in reading.sentences():
        root = sentence.root
        children = list(root.children)
        if root.lemma_.lower() in APPEARING and not any(c.dep_ == "neg" for c in children) \
                and any(c.dep_ == "advcl" and _opens_as_if(c) for c in children):
            return True
    return False


def _opens_as_if(clause: Token) -> bool:
    """The clause opens with "as if" or "as though"."""
    marks = [c.lower_ for c in clause.children if c.dep_ == "mark"]
    return "as" in marks and ("if" in marks or "though" in marks)


def _hedging_word(reading: Reading) -> bool:
    """A word of possibility that qualifies the claim ("could close", "appeared to"), or an inability to
    know ("we cannot rule out strikes", "could not confirm")."""
    hedge_words = word_set("hedge_words.txt") | word_set("more_hedge_words.txt")
    for span in reading.spans:
        for token in span:
            # "may" the modal, not "May" the month: the tagger tells them apart.
            possible = token.lower_ in hedge_words and (token.tag_ == "MD" or token.pos_ in {"ADV", "ADJ", "VERB"}) \
                or _there_is_a_chance(token)
            if (possible or _cannot_know(token)) and _hedges_the_claim(token, span):
                return True
    return False


def _there_is_a_chance(token: Token) -> bool:
    """"There's a chance we'll cancel", "there is a real possibility that ...": a chance, not a ruling-out."""
    head = token.head
    return token.lower_ in word_set("possibility_nouns.txt") and token.dep_ == "attr" \
        and any(c.dep_ == "expl" for c in head.children) \
        and not any(c.lower_ in {"no", "little", "every"} for c in token.children)


def _cannot_know(token: Token) -> bool:
    """"We cannot rule out strikes", "could not confirm": an inability to know; not "I can't say any more",
    a refusal to say more."""
    head = token.head
    refusal = head.lemma_.lower() in {"say", "tell"} and any(c.dep_ in {"dobj", "advmod", "npadvmod"} and c.lower_ in REFUSED
                                                            for c in head.children)
    return token.tag_ == "MD" and token.lower_ in ABILITY and head.lemma_.lower() in word_set("knowing_verbs.txt") \
        and any(c.dep_ == "neg" for c in head.children) and not refusal


def _hedges_the_claim(token: Token, span: Span) -> bool:
    """A hedge word qualifies the claim itself, not a clause or phrase inside it: "as soon as possible"
    ("possible" under the preposition "as"), "so he could attend", "a deal that might help", "who he could
    trust" hedge nothing the speaker asserts; nor do a negated modal of ability ("could not", "could no
    longer defend"), a modal of perception ("could see it coming"), a concession before "but" ("we may
    disagree, but ...") or a comparison ("less likely")."""
    head = token.head
    if token.tag_ == "MD":
        negated = any(c.dep_ == "neg" or (c.dep_ == "advmod" and any(d.dep_ == "neg" for d in c.children))
                      for c in head.children)
        if negated and token.lower_ in ABILITY and head.lemma_.lower() not in word_set("knowing_verbs.txt"):
            return False  # "could not prove", "could not rule out" still hedge
        if head.lemma_.lower() in word_set("perception_verbs.txt") and not _foresees(head):
            return False
        if token.lower_ == "could" and (_anyone_can(head) or _not_done(head) or _usable(head)):
            return False
        if _asks(head) and head.dep_ in {"ccomp", "xcomp"}:
            return False
        if token.lower_ in CONCEDING and any(c.dep_ == "cc" and c.lower_ in {"but", "yet"} and head.i < c.i < span.end - 1
                                             for c in head.children):
            return False  # a concession: "you may not like the plan, but it will save the hospital" (the claim in the words)
    if token.pos_ == "VERB" and not any(c.dep_ in {"xcomp", "ccomp"} for c in token.children):
        return False  # "appeared to have been caused", "it seems the market has turned" hedge; "appeared in court" does not
    if any(c.lower_ in {"less", "more"} for c in token.children):
        return False
    while token.i != span.root.i and span.start <= token.i < span.end and token.head.i != token.i:
        if (token.dep_ in SUBORDINATE_DEPS and not _what_it_is(token, span)) or _opened_as_a_clause(token):
            return False
        token = token.head  # (words over two sentences have two roots: each chain stops at its own)
    return True


def _what_it_is(token: Token, span: Span) -> bool:
    """A relative clause on what the words' main verb "be" says a thing is carries the claim: "it's a
    move that could cost jobs" hedges ("a deal that might help", an object's clause, does not; nor does
    "there are matters that we might discuss", whose claim is that the matters exist)."""
    head = token.head
    verb = head.head
    main = verb.i == span.root.i or verb.head.i == verb.i or not span.start <= verb.head.i < span.end
    there = any(c.dep_ == "expl" for c in verb.children)
    return token.dep_ == "relcl" and head.dep_ == "attr" and verb.lemma_.lower() == "be" and main and not there


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)


def _foresees(verb: Token) -> bool:
    """"Could see" foretells, it perceives nothing, when what is seen is no person's sight ("the region
    could see 30cm of snow") or is more of something ("we could see more job losses")."""
    subject = _subject(verb)
    seer = subject is not None and (subject.lower_ in PERSONAL or subject.ent_type_ == "PERSON")
    more = any(t.lower_ in {"more", "further", "fewer", "another"} or t.like_num
               for c in verb.children if c.dep_ == "dobj" for t in c.subtree)
    return verb.lemma_.lower() == "see" and (not seer or more)


def _anyone_can(verb: Token) -> bool:
    """"Could" of what anyone may do or may now do: "anyone who wants it could book online", "staff could
    now work from home" (a permission or an ability, no doubt)."""
    subject = _subject(verb)
    return (subject is not None and subject.lower_ in ANYONE) \
        or any(c.dep_ == "advmod" and c.lower_ == "now" for c in verb.children)


def _usable(verb: Token) -> bool:
    """"Could be used" of a thing: what it can be used for ("the stolen drones could be used as weapons"),
    a capability stated, no doubt of a claim."""
    return verb.lemma_.lower() in USES and any(c.dep_ == "auxpass" for c in verb.children)


def _not_done(verb: Token) -> bool:
    """"Could have" of what did not happen: the speaker's own or anyone's ("we could have lost", "anybody
    could have made those throws"), at a time gone ("they could have had this deal a month ago") or on a
    condition that was not met; "the fire could have started in the kitchen" still hedges."""
    if not any(c.dep_ == "aux" and c.lower_ == "have" for c in verb.children):
        return False
    subject = _subject(verb)
    own = subject is not None and subject.lower_ in OWN_OR_GENERIC
    return own or any(c.lower_ in NOT_DONE_THEN for c in verb.children) or _counterfactual(verb)


def _counterfactual(verb: Token) -> bool:
    """ "could have operated more safely if it had taken time": a condition in the past perfect, so it did not."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITIONS for m in c.children)
               and any(a.dep_ == "aux" and a.lower_ == "had" for a in c.children) for c in verb.children)


def _opened_as_a_clause(token: Token) -> bool:
    """The clause `token` heads opens with "in case", "so that" or "in order" (a purpose or a precaution)."""
    if token.dep_ not in {"ccomp", "xcomp", "conj"}:
        return False
    start = token.left_edge.i
    doc = token.doc
    before = tuple(t.lower_ for t in doc[max(start - 2, 0): start])
    first = tuple(t.lower_ for t in doc[start: start + 2])
    return before in CLAUSE_OPENERS or first in CLAUSE_OPENERS


STANCE_RULES: tuple[StanceRule, ...] = (
    StanceRule("denying cue", "deny", _denying_cue,
               "The ministry denied that the port would close.", "the port would close"),
    StanceRule("refuting words", "deny", _refuting_words,
               "The company said the report was simply not true.", "the report was simply not true"),
    StanceRule("denies in own words", "deny", _denies_in_own_words,
               'The Harbor Trust said it "categorically rejects" the reports.', "categorically rejects"),
    StanceRule("nothing was so", "deny", _nothing_happened,
               "Police said no one was injured in the fire.", "no one was injured"),
    StanceRule("no evidence", "deny", _no_evidence,
               '"We have no official notification that the plant is closing," a spokesman said.',
               "We have no official notification that the plant is closing"),
    StanceRule("negated claim", "deny", _negated_claim,
               "The hospital said patient care had not been affected.", "patient care had not been affected"),
    StanceRule("answers no", "deny", _answers_no,
               'Asked whether she had called him, she said: "Not once. Not a phone call."', "Not once"),
    StanceRule("hedging cue", "hedge", _hedging_cue,
               "The minister suggested the port was losing money.", "the port was losing money"),
    StanceRule("hearsay", "hedge", _hearsay,
               "The chef is keen to stay on the show, it is said.", "The chef is keen to stay on the show"),
    StanceRule("undecided", "hedge", _undecided,
               "The company is also considering refunds, a person familiar with its plans said.",
               "The company is also considering refunds"),
    StanceRule("belief", "hedge", _believed,
               '"We now expect the next cut in August," said the economist.', "We now expect the next cut"),
    StanceRule("appears so", "hedge", _appears_so,
               "The researchers said it looked as if the leak had started weeks ago.", "it looked as if the leak had started"),
    StanceRule("hedging word", "hedge", _hedging_word,
               "The minister said the port could close next year.", "the port could close"),
)


def read(doc: Doc, statement: Statement) -> Reading:
    cue = doc.char_span(statement.cue.start, statement.cue.end, alignment_mode="expand") if statement.cue else None
    spans = tuple(span for s, e in statement.content.spans
                  if (span := doc.char_span(s, e, alignment_mode="expand")) is not None and len(span))
    return Reading(doc, statement, frozenset(t.lemma_.lower() for t in cue or ()),
                   " ".join(text_of(doc)[s:e] for s, e in statement.content.spans), spans, _pieces(doc, spans))


def deciding_rule(doc: Doc, statement: Statement) -> StanceRule | None:
    """The first rule of the table that holds for the statement (None: it asserts)."""
    reading = read(doc, statement)
    return next((rule for rule in STANCE_RULES if rule.holds(reading)), None)


@Language.component("storyline_stance")
def storyline_stance(doc: Doc) -> Doc:
    for statement in doc._.statements or []:
        rule = deciding_rule(doc, statement)
        statement.stance = rule.stance if rule else "assert"
        if rule is not None:
            statement.steps.append(f"stance: {rule.name}")  # for `analyze --explain`
    return doc
