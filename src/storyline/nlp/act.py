"""storyline_act: what kind of act each statement reports — said, written, or not speech at all.

PolNeAR, which the attribution model learned from, annotates beliefs, intentions, actions and
perceptions as attributions ("investigators believe ...", "the council chose to delay", "saw a
chance"); a reporter's record of who said what holds only what was said or written. Each
statement gets an `act`:

- `say`: spoken or announced ("said", "told", "warned", "vowed", "voiced concern that", "asked");
- `write`: written or published (letters, reports, filings, posts: "tweeted", "wrote", "a report found");
- `think`: beliefs, opinions, feelings, positions and expectations ("believes", "fears", "supports", "seems");
- `intend`: wants, plans, decisions and aims ("wants", "plans to", "chose to", "is eager for", "hopes to");
- `do`: actions ("voted for", "signed", "refused to release");
- `perceive`: seeing, hearing, noticing ("saw", "watched", "noticed");
- `other`: no words reported ("declined to comment", "did not respond to a request"), and things
  that show rather than say ("the vote underscores the divide", a song sung). A refusal to answer
  ("declined to say whether ...", "would not say when ...": `neg_question`) is `other` for a reporter:
  no words of the speaker's are reported (the stories' gold marks it so; PolNeAR dev's act labels mark
  2 such records `say`); with a verb of speech in the cue it is decided so (`refused_answer`). So are a
  confirmation or publication not made ("has not confirmed the truce", "has yet to confirm": `unconfirmed`),
  what a picture or a thing shows ("a graphic showed the slick covering 100 miles": `shown_not_said`; a
  document's or a measure's findings are written) and a statement still to come ("is expected to announce",
  "is due to address": `speech_to_come`), and a topic alone under a verb that names what was spoken of
  ("spoke about his flights", "mentioned the role of the media": `topic_only`).

The act is not read off a verb list: a logistic regression over evidence from the cue and its
frame (lemma, particle, negation, modal, nouns and adjectives such as "concern" or "eager", a verb of
speech inside the cue: "took to Twitter to accuse", a noun a cue word list holds inside it: "persisted in
arguments", `cue_noun_act`), the content's form (quoted, finite clause,
to-infinitive, noun phrase, gerund, an open question after a negated cue), an institution's forecast
("the IMF expects", "its forecast": `institution_forecast`, data/act_forecast_cues.txt; a person's
expectation stays a belief), a characterisation of an object ("painted him as a caricature":
`object_as`; not for a cue word of belief: "sees him as"), a phrasal verb of speech ("weighed in on":
`speech_phrasal`, data/act_say_phrasals.txt), a state named by a passive participle ("is convinced
that", a belief, where "convinced them that" is said: `cue_lemma`), what a cue word that acts on
words or on things acts on (`deed_object`: "rejected the claims" is said, "rejected a request" done;
data/act_deed_cues.txt, act_word_nouns.txt) and the source's type (footage, a document, an
organisation, a person) weighs it. The cue word lists data/act_<act>_cues.txt stand in for a cue word the training saw
too rarely to weigh ("chastised", "implored": `backed_off`). `scripts/train_act.py` trains it on act
labels made for PolNeAR train (bench/data/polnear_train_acts.tsv); the weights ship as
models/act/weights.json (see its MODEL_CARD.md). A cue word that neither the training nor a word list
knows, before unquoted words, is not read as speech (`unknown_cue`): the model has no evidence for it
but the form of the words.
"""
from __future__ import annotations

import json
import math
from collections.abc import Callable
from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span as TokenSpan, Token

from storyline.nlp import extensions  # noqa: F401
from storyline.nlp.extensions import text_of
from storyline.nlp.quotes import QUOTE_MARKS
from storyline.wordlists import word_set

ACTS = ("say", "write", "think", "intend", "do", "perceive", "other")
SPEECH_ACTS = frozenset({"say", "write"})
WEIGHTS = Path(__file__).resolve().parent.parent / "models" / "act" / "weights.json"
SPEECH_NOUN_DEPS = {"dobj", "pobj", "attr", "nsubj", "nsubjpass", "compound", "conj", "appos"}
PERSONAL_PRONOUNS = {"i", "we", "you", "he", "she", "they", "it"}
SPOKEN_BY_STEP = frozenset({"speech_topic"})  # attribution steps (nlp/attribution.py) that only make statements of speech
SHOWING_CUES = {"show", "display", "depict"}  # what a picture, a broadcast or a thing shows (a document's findings are written)
SCHEDULED_WORDS = {"expect", "due", "schedule", "slate", "poise", "set"}  # "is expected to announce", "is due to speak"


@cache
def _speech_verbs() -> frozenset[str]:
    """The verbs of reporting and of speaking (src/storyline/data/reporting_verbs.txt, speaking_verbs.txt)."""
    return word_set("reporting_verbs.txt") | word_set("speaking_verbs.txt")


def cue_word_acts(lemma: str) -> list[str]:
    """The acts whose cue word list (src/storyline/data/act_<act>_cues.txt) holds the lemma."""
    return [act for act in ACTS if lemma in word_set(f"act_{act}_cues.txt")]


def backed_off(feats: list[str], weighed: Callable[[str], bool]) -> list[str]:
    """The cue word lists' evidence for the cue's own word (`lemma_act=`) only where the model does not
    weigh that word itself: it stands in for the cue words the training saw too rarely ("chastised",
    "implored", "sang"), learned from every listed cue word's row without the word's own features
    (scripts/train_act.py), and never outvotes what the training learned of a frequent word and its
    frame ("raised concerns" is speech, "raised taxes" is not)."""
    lemma = next((f for f in feats if f.startswith("lemma=")), None)
    if lemma is None or not weighed(lemma):
        return feats
    return [f for f in feats if not f.startswith("lemma_act=")]


def _span(doc: Doc, parts: list[tuple[int, int]] | list[list[int]] | None) -> TokenSpan | None:
    if not parts:
        return None
    return doc.char_span(parts[0][0], parts[-1][1], alignment_mode="expand")


def _cue_tokens(doc: Doc, parts) -> list[Token]:
    tokens: list[Token] = []
    for start, end in parts or []:
        span = doc.char_span(start, end, alignment_mode="expand")
        tokens.extend(span or [])
    return tokens


def _cue_head(tokens: list[Token]) -> Token | None:
    """The cue's own word: its verb (the last one: "is expected", "declined to comment"'s "declined"
    comes first, so the highest in the tree), else its highest token; in "opens by saying" the saying."""
    if not tokens:
        return None
    inside = {t.i for t in tokens}

    def depth(token: Token) -> int:
        d = 0
        while token.head.i != token.i and token.head.i in inside:
            token, d = token.head, d + 1
        return d

    # "opens by saying", "responded by writing": the means is the act
    for token in tokens:
        if token.tag_ == "VBG" and token.dep_ == "pcomp" and token.head.lower_ == "by" and token.head.i in inside \
                and token.lemma_ in _speech_verbs():
            return token
    # A full verb first ("said", "is expected"), then a predicate word ("is eager", "was glad", "in a statement")
    verbs = [t for t in tokens if t.pos_ == "VERB" and t.tag_ != "MD" and t.lemma_ not in {"be", "have", "do"}]
    words = [t for t in tokens if t.pos_ in {"ADJ", "NOUN", "PROPN", "VERB"} and t.lemma_ not in {"be", "have", "do"}]
    pool = verbs or words or [t for t in tokens if not t.is_punct] or tokens
    return min(pool, key=lambda t: (depth(t), t.i))


def cue_lemma(head: Token) -> str:
    """The cue word's lemma; a passive participle that a cue word list holds as itself names a state
    ("are convinced that", "was worried"): a belief or a feeling, where the verb ("convinced the board
    that") is an act of speech."""
    state = head.dep_ == "acomp" or any(c.dep_ == "auxpass" for c in head.children)  # "are convinced", "was convinced by"
    if head.tag_ == "VBN" and state and cue_word_acts(head.lower_):
        return head.lower_
    return listed_lemma(head)


def listed_lemma(token: Token) -> str:
    """The token's lemma, or the singular a cue word list holds where the lemmatizer left a plural
    (a capitalised headline word is read as a name: "Allegations of Fraud", "media pronouncements")."""
    lemma = token.lemma_.lower()
    if token.pos_ in {"NOUN", "PROPN"} and lemma.endswith("s") and not cue_word_acts(lemma) and cue_word_acts(lemma[:-1]):
        return lemma[:-1]
    return lemma


def content_form(doc: Doc, parts) -> str:
    """quoted / that / wh / to_inf / finite / gerund / np / none: the shape of the reported words."""
    if not parts:
        return "none"
    text = text_of(doc)
    words = text[parts[0][0] : parts[-1][1]].strip()
    if not words:
        return "none"
    if words[0] in QUOTE_MARKS or (len(parts) == 1 and parts[0][0] > 0 and text[parts[0][0] - 1] in QUOTE_MARKS):
        return "quoted"
    span = _span(doc, parts)
    if span is None or not len(span):
        return "none"
    first = span[0]
    if first.lower_ in {"that", "whether", "if"} and first.dep_ == "mark":
        return "that"
    if first.tag_ in {"WP", "WRB", "WDT"} or first.lower_ in {"how", "why", "what", "when", "where", "whether"}:
        return "wh"
    if first.lower_ == "to" and first.tag_ == "TO":
        return "to_inf"
    root = span.root
    if root.pos_ in {"VERB", "AUX"} and any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in root.children):
        return "finite"
    if root.tag_ == "VBG" or first.tag_ == "VBG":
        return "gerund"
    return "np"


def source_type(doc: Doc, parts) -> str:
    """none / pronoun / footage / document / organisation / person / other: who or what the source is."""
    span = _span(doc, parts)
    if span is None or not len(span):
        return "none"
    root = span.root
    lower = root.lower_
    if lower in PERSONAL_PRONOUNS or root.pos_ == "PRON":
        return "pronoun"
    if root.lemma_.lower() in word_set("act_footage_nouns.txt"):  # "video of the incident shows ...": no one speaks
        return "footage"
    documents = word_set("document_nouns.txt") | word_set("act_document_nouns.txt")
    of_what = [g for c in root.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    if root.lemma_.lower() in documents or lower in documents or any(g.lemma_.lower() in documents for g in of_what):
        return "document"  # "the report", "the research", "the authors of the report"
    if root.ent_type_ == "ORG" or root.lemma_.lower() in word_set("organization_nouns.txt"):
        return "organisation"
    if root.ent_type_ == "PERSON" or root.lemma_.lower() in word_set("person_nouns.txt"):
        return "person"
    return "other"


def _object_kind(doc: Doc, tokens: list[Token], head: Token, content) -> str:
    """words / thing: what a cue word of act_deed_cues.txt acts on. Words ("rejected the claims", "offered
    insights into") make it speech; a thing ("rejected a request", "offered loans") a deed."""
    nouns = [t for t in tokens if t.i != head.i and t.pos_ == "NOUN"]
    span = _span(doc, content)
    around = [*head.children, *tokens, *(span or [])]
    if any(t.lower_ in {"with", "as"} and t.head.i == head.i for t in around):
        return "words"  # "agreed with the mayor", "dismissed the town as a suburb": a view of someone is said
    if span is not None and any(t.tag_ == "TO" and not span.start <= t.head.head.i < span.end for t in span):
        return "words"  # "ordered him to drop the gun": a command is said (not "a request to unseal the file")
    if span is not None and len(span):
        nouns.append(span.root)
    word_nouns = word_set("act_word_nouns.txt")
    return "words" if any(n.lemma_.lower() in word_nouns for n in nouns) else "thing"


def _characterises(head: Token) -> bool:
    """The cue word puts its object down as something ("painted her rival as a puppet", "cast himself as an
    outsider"): a characterisation, made in words; not where the word is one of belief or perception ("sees
    him as a threat", "backing the government"), nor "as" opening a clause ("... as the talks stalled")."""
    if {"think", "perceive"} & set(cue_word_acts(cue_lemma(head))):
        return False
    children = list(head.children)
    complement = [c for c in children if c.dep_ == "prep" and c.lower_ == "as"
                  and any(g.dep_ in {"pobj", "amod", "acomp"} for g in c.children)
                  and not any(t.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree)]
    return bool(complement) and any(c.dep_ == "dobj" for c in children)


def _refuses(tokens: list[Token], head: Token) -> bool:
    """A refusal ("declined to say", "would not say", "won't say"), not an absence ("did not say", "has not
    said") nor an inability ("could not explain"): these report what was not said, or was not yet."""
    around = [*tokens, *head.children]
    if any(t.lemma_.lower() in {"decline", "refuse"} for t in tokens):
        return True
    return any(t.dep_ == "neg" for t in around) and any(t.tag_ == "MD" and t.lower_ in {"would", "will", "wo"} for t in around)


def _a_thing(doc: Doc, source) -> bool:
    """The source is a thing that shows (a graphic, a picture, an event), not a medium or a measure that publishes
    ("the website", "polling averages", "a review of records": data/medium_nouns.txt, publication_nouns.txt,
    finding_nouns.txt, written_nouns.txt), nor a name, nor a clause the parser made a source of."""
    span = _span(doc, source)
    if span is None or not len(span) or span.root.pos_ not in {"NOUN", "PRON"} \
            or (span.root.text[:1].isupper() and span.root.i != span.root.sent.start):
        return False  # a name publishes ("RealClearPolitics showing her ahead 3 points", tagged NOUN or not)
    publishing = (word_set("finding_nouns.txt") | word_set("written_nouns.txt") | word_set("medium_nouns.txt")
                  | word_set("publication_nouns.txt"))
    return not any(t.lemma_.lower() in publishing or t.lower_ in publishing for t in span)


def _footage_shown(doc: Doc, form: str, content) -> bool:
    """The words are pictures, or what pictures show (data/act_footage_nouns.txt): "posted pictures of herself",
    "released footage of the attack", "released a video that shows the attack", "a video showing the body was
    released". No one's words are reported; a quote or a clause that a video holds ("a video in which he says
    that ...") stays with the model."""
    span = _span(doc, content)
    if form not in {"np", "gerund", "wh"} or span is None or not len(span):
        return False
    footage = word_set("act_footage_nouns.txt")
    root = span.root
    if root.lemma_.lower() in footage:  # the pictures themselves, not a demand for them ("called for footage to be released")
        return not any(t.tag_ == "TO" for t in span)
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in footage:  # "footage of"
        return True
    verb = root if root.lemma_ in SHOWING_CUES else root.head  # "a video that shows <the attack>", "a clip showing <it>"
    if verb.lemma_ not in SHOWING_CUES or (verb.i != root.i and root.dep_ != "dobj"):
        return False
    holders = [verb.head] if verb.dep_ in {"acl", "relcl"} else [c for c in verb.children if c.dep_ == "nsubj"]
    return any(h.lemma_.lower() in footage for h in holders)


def _names_a_thing(head: Token) -> bool:
    """A participle that names something (data/act_naming_cues.txt): "a page called 'Can This Burger ...'",
    "the plan, more commonly called NCP", "the post is now titled ...": a name or a title, not words said;
    with its namer ("named by the Post as ...") or a person's word for something ("what she called a rant")
    it is said."""
    if head.tag_ != "VBN" or head.lemma_.lower() not in word_set("act_naming_cues.txt"):
        return False
    if any(c.dep_ == "agent" for c in head.children):
        return False
    passive_title = head.lemma_.lower() in {"title", "entitle"} and any(c.dep_ == "auxpass" for c in head.children)
    return head.dep_ == "acl" or passive_title


def _not_done(tokens: list[Token], head: Token) -> bool:
    """The cue is negated or not yet done: "has not confirmed", "never acknowledged", "has yet to confirm"."""
    around = [*tokens, *head.children]
    if any(t.dep_ == "neg" for t in around):
        return True
    doc = head.doc
    before = doc[max(head.i - 3, 0) : head.i]  # "has yet to confirm", "is yet to verify"
    return any(t.lower_ == "yet" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to" for t in before)


def _asks(doc: Doc, form: str, content) -> bool:
    """The words are an open question: "when they would arrive", "whether it would be withdrawn"."""
    if form == "wh":
        return True
    span = _span(doc, content)
    return form == "that" and span is not None and len(span) > 0 and span[0].lower_ in {"whether", "if"}


def features(doc: Doc, source, cue, content) -> list[str]:
    """The evidence for one attribution's act: its cue and frame, its content's form, its source's type.
    `source`, `cue` and `content` are lists of (start, end) character parts (possibly empty)."""
    tokens = _cue_tokens(doc, cue)
    head = _cue_head(tokens)
    form = content_form(doc, content)
    kind = source_type(doc, source)
    out = ["bias", f"form={form}", f"source={kind}"]
    if head is None:
        out.append("cue=none")
        return out
    lemma = cue_lemma(head)
    out += [f"lemma={lemma}", f"pos={head.pos_}", f"tag={head.tag_}", f"lemma|form={lemma}|{form}",
            f"lemma|source={lemma}|{kind}", f"form|source={form}|{kind}"]
    for token in tokens:
        if token.i == head.i or token.is_punct:
            continue
        word = token.lemma_.lower()
        if token.dep_ == "neg":
            out.append("neg")
        elif token.tag_ == "MD":
            out.append("modal")
        elif token.dep_ in {"prt", "prep", "agent", "dative"} or token.pos_ == "ADP":
            out.append(f"lemma|prep={lemma}|{word}")
        elif token.pos_ in {"NOUN", "PROPN", "ADJ", "VERB"}:
            out += [f"cue_{token.pos_.lower()}={word}", f"cue_word={word}"]
            if token.pos_ == "VERB":  # a verb of speech inside a longer cue: "took to Twitter to accuse", "appeared to suggest"
                out += [f"cue_verb_act={a}" for a in cue_word_acts(word)]
            elif token.pos_ in {"NOUN", "PROPN"}:  # a noun of speech inside it: "persisted in arguments", "peppered him with attacks"
                out += [f"cue_noun_act={a}" for a in cue_word_acts(listed_lemma(token))]
        elif token.lower_ == "to":
            out.append(f"lemma|to={lemma}")
    for child in head.children:  # the frame outside the cue span: "said in a statement", "hopes to", "is eager for"
        if child.dep_ == "neg":
            out.append("neg")
        elif child.tag_ == "MD":
            out.append("modal")
        elif child.dep_ in {"prt", "prep"} and child.i not in {t.i for t in tokens}:
            out.append(f"lemma|prep={lemma}|{child.lower_}")
            for noun in child.children:
                if noun.dep_ == "pobj" and noun.lemma_.lower() in word_set("document_nouns.txt"):
                    out.append("frame_document")  # "said in a statement", "wrote in a letter"
        elif child.dep_ in {"dobj", "attr"} and child.pos_ == "NOUN" and child.i not in {t.i for t in tokens}:
            out.append(f"object={child.lemma_.lower()}")
    if lemma in word_set("reporting_verbs.txt") and not set(cue_word_acts(lemma)) - SPEECH_ACTS:
        out.append("reporting_verb")  # "sang" is a reporting verb to the attribution steps, and shows rather than says
    if form == "np" and lemma in word_set("act_deed_cues.txt"):
        out.append(f"deed_object={_object_kind(doc, tokens, head, content)}")
    particles = {t.lower_ for t in [*tokens, *head.children] if t.dep_ == "prt" or (t.i == head.i + 1 and t.pos_ == "ADP")}
    if any(f"{lemma} {p}" in word_set("act_say_phrasals.txt") for p in particles):
        out.append("speech_phrasal")  # "weighed in on the deal" is said, "weighing the options" thought
    forecasts = word_set("act_forecast_cues.txt")
    if (lemma in forecasts and kind in {"organisation", "document"}) \
            or any(t.i != head.i and t.pos_ == "NOUN" and t.lemma_.lower() in forecasts for t in tokens):
        out.append("institution_forecast")  # "the IMF expects", "edged up its forecast": published, not a belief
    if _characterises(head):
        out.append("object_as")  # "painted Trump as a caricature", "rated 32% of claims as false": a characterisation
    if _refuses(tokens, head) and _asks(doc, form, content):  # "would not say whether ...": no words reported
        out.append("neg_question")
    if lemma in SHOWING_CUES and kind in {"footage", "other"} and form != "that" and _a_thing(doc, source):
        out.append("shown")  # "a graphic showed it covering 100 miles", "the footage shows him ...": shown, not said
    if _footage_shown(doc, form, content):
        out.append("footage_shown")  # "released a video that shows the attack", "posted pictures of herself"
    if _names_a_thing(head):
        out.append("naming")  # "a page called 'Can This Burger ...'", "the post is titled ...": a name, not words
    words = {t.lemma_.lower() for t in tokens if t.i != head.i}
    if (lemma in SCHEDULED_WORDS and any(t.i > head.i and t.lemma_.lower() in _speech_verbs() for t in tokens)) \
            or (words & SCHEDULED_WORDS and lemma in _speech_verbs() and any(t.i < head.i and t.lemma_.lower() in SCHEDULED_WORDS for t in tokens)):
        out.append("speech_to_come")  # "is expected to announce", "is due to address": not said yet
    if form == "np" and not _characterises(head) and not _named_as(doc, content) and (lemma in word_set("topic_only_verbs.txt")
                                                      or any(f"{lemma} {p}" in word_set("topic_only_verbs.txt") for p in particles)):
        out.append("topic_only")  # "spoke about his flights", "mentioned the role of the media": a topic, no words
    if lemma in word_set("act_unconfirmed_cues.txt") and _not_done(tokens, head):
        out.append("unconfirmed")  # "has not confirmed the truce", "has yet to confirm his death": nothing said
    out += [f"lemma_act={a}" for a in cue_word_acts(lemma)]
    if head.pos_ == "ADJ" or head.dep_ == "acomp":
        out.append("adjective_cue")
    if kind == "document":
        out.append(f"lemma|document={lemma}")
    if form == "to_inf":  # "refused to comment" (speech) vs "refused to release" (an action)
        span = _span(doc, content)
        verb = next((t for t in span or [] if t.pos_ == "VERB"), None)
        if verb is not None:
            speech = verb.lemma_.lower() in _speech_verbs()
            out.append(f"lemma|to_speech={lemma}|{speech}")
    return out


class Classifier:
    """Multinomial logistic regression over sparse binary features: weights[feature] -> one weight per act."""

    def __init__(self, weights: dict[str, list[float]], classes: tuple[str, ...] = ACTS) -> None:
        self.weights = weights
        self.classes = classes

    def probabilities(self, feats: list[str]) -> list[float]:
        scores = [0.0] * len(self.classes)
        for feat in set(feats):
            row = self.weights.get(feat)
            if row is not None:
                for k, w in enumerate(row):
                    scores[k] += w
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def predict(self, feats: list[str]) -> str:
        probabilities = self.probabilities(feats)
        return self.classes[max(range(len(probabilities)), key=probabilities.__getitem__)]


@cache
def classifier() -> Classifier:
    """The shipped weights; a missing file is an error, never a silent 'say'."""
    if not WEIGHTS.is_file():
        raise FileNotFoundError(f"storyline_act: missing model weights {WEIGHTS} (train them with scripts/train_act.py)")
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    return Classifier(data["weights"], tuple(data["classes"]))


def unknown_cue(model: Classifier, feats: list[str]) -> bool:
    """A cue word the training data never showed (no weights for its lemma) and neither a reporting-verb
    list nor a cue word list holds, before words that are not quoted: nothing says anything was said ("the board repaved the
    road", "the film examines how ..."). The classifier alone falls back on the content's form and
    the source, which say "say" for most of PolNeAR, and so reads every such cue as speech."""
    lemma = next((f for f in feats if f.startswith("lemma=")), None)
    if lemma is None or lemma in model.weights or "reporting_verb" in feats or "form=quoted" in feats:
        return False
    if any(f.startswith("lemma_act=") for f in feats) or "speech_phrasal" in feats:  # a word list knows it
        return False
    if any(f in feats for f in ("cue_noun_act=say", "cue_noun_act=write")):  # "persisted in arguments", "peppered him with attacks on"
        return False
    return lemma.removeprefix("lemma=") not in word_set("speaking_verbs.txt")


def refused_answer(feats: list[str]) -> bool:
    """ "would not say whether it would be withdrawn", "declined to say when": a refusal to say (a verb of
    speech in the cue) before an open question reports no words. The group table labels it `other`, but its
    few PolNeAR train rows never outweigh the verb's own `say` in the model. "Refused to do what ..." is no
    refusal to say; "did not say when" (an absence, `_refuses`) is no `neg_question`."""
    return "neg_question" in feats and ("reporting_verb" in feats or "cue_verb_act=say" in feats)


def act_of(doc: Doc, statement) -> str:
    source = statement.source.spans if statement.source else []
    cue = statement.cue.spans if statement.cue else []
    if not cue and not source:
        return "say"  # a quote with no cue of its own continues someone's speech
    feats = features(doc, source, cue, statement.content.spans)
    if SPOKEN_BY_STEP & set(statement.steps) and not topic_only(feats):
        return "say"  # the attribution step found the evidence of speech itself (a topic of speech: "attacked Machado in tweets")
    return decide(classifier(), feats)


def unconfirmed(feats: list[str]) -> bool:
    """ "Boko Haram has not confirmed the truce", "the family has yet to confirm his death", "the websites did not
    post any proof": a confirmation or a publication that was not made (data/act_unconfirmed_cues.txt) reports no
    words; a quote after it ("did not confirm: 'we are checking'") still does."""
    return "unconfirmed" in feats and "form=quoted" not in feats


def shown_not_said(feats: list[str]) -> bool:
    """ "A graphic posted by the Coast Guard showed it covering 100 miles", "Al Jazeera showed the meeting", "the
    footage shows him ...": what something or someone shows is no statement; a document's findings ("the poll
    showed", "figures show") and "showed that ..." are read by the model."""
    return ("shown" in feats or "footage_shown" in feats) and "form=quoted" not in feats


def naming(feats: list[str]) -> bool:
    """ "a Facebook page called 'Can This Burger Get More Likes'", "the post is now titled 'Putin gives speech'": a
    name or a title given to something is no one's statement (the hand judgements of real news; PolNeAR dev marks
    two such names said or written)."""
    return "naming" in feats


def _named_as(doc: Doc, content) -> bool:
    """ "referred to the companies as 'clients'": a characterisation inside the words, said of them."""
    span = _span(doc, content)  # not "staples such as rice", "X as well as Y": a list, no characterisation
    return span is not None and any(t.lower_ == "as" and t.nbor(-1).lower_ not in {"such", "well"} for t in span if t.i > 0)


def topic_only(feats: list[str]) -> bool:
    """ "spoke about his flights", "mentioned the role of the media", "discussed the plan": a verb that names what
    was spoken of (data/topic_only_verbs.txt) with a topic alone reports no words, as the hand judgements of
    real news have it (three rounds); an evaluative verb with its target ("criticised the plan") is said."""
    return "topic_only" in feats


def speech_to_come(feats: list[str]) -> bool:
    """ "Jonathan is expected to announce he will run", "the minister is due to address parliament": a statement
    expected or scheduled has not been made; no words are reported (a quote after it has been released, and stays)."""
    return "speech_to_come" in feats and "form=quoted" not in feats


def decide(model: Classifier, feats: list[str]) -> str:
    """The model's act, but never speech for a cue it has no evidence for (`unknown_cue`), nor where no words
    are reported: a refusal to say what was asked (`refused_answer`), what was not confirmed (`unconfirmed`),
    what a thing shows (`shown_not_said`), a statement still to come (`speech_to_come`), a topic alone
    (`topic_only`), a name given to something (`naming`)."""
    if refused_answer(feats) or unconfirmed(feats) or shown_not_said(feats) or speech_to_come(feats) or topic_only(feats) \
            or naming(feats):
        return "other"
    feats = backed_off(feats, model.weights.__contains__)
    if unknown_cue(model, feats):  # the likeliest act of the ones that are not speech
        probabilities = model.probabilities(feats)
        return max((a for a in model.classes if a not in SPEECH_ACTS), key=lambda a: probabilities[model.classes.index(a)])
    return model.predict(feats)


@Language.component("storyline_act")
def storyline_act(doc: Doc) -> Doc:
    for statement in doc._.statements or []:
        statement.act = act_of(doc, statement)
    return doc
