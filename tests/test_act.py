"""storyline_act: said or written statements apart from beliefs, intentions, actions and perceptions."""
from __future__ import annotations

import pytest

from storyline.cli.analyze import summary
from storyline.nlp import act, pipeline
from storyline.record import SPEECH_ACTS, Article, Span, Statement

LATER = ("storyline_attribution_model", "storyline_attribution", "storyline_act", "storyline_speakers", "storyline_stance")


@pytest.fixture(scope="module")
def nlp():
    return pipeline.load()


def acts_of(nlp, text: str, prediction: dict[str, str]) -> list[tuple[str, str]]:
    """(cue, act) of each statement made from one given model prediction (role -> words)."""
    with nlp.select_pipes(disable=list(LATER)):
        doc = nlp(text)
    parts = {}
    for role, words in prediction.items():
        start = text.index(words)
        assert text[start : start + len(words)] == words
        parts[role] = [(start, start + len(words))]
    doc._.model_attributions = [parts]
    doc = nlp.get_pipe("storyline_act")(nlp.get_pipe("storyline_attribution")(doc))
    return [(s.cue.text if s.cue else "", s.act) for s in doc._.statements]


@pytest.mark.parametrize("text, source, cue, content, expected", [
    # statements: said ...
    ("The minister warned that prices would rise.", "The minister", "warned", "that prices would rise", "say"),
    ("Union leaders voiced concern that jobs would be lost.", "Union leaders", "voiced concern", "that jobs would be lost", "say"),
    ("The mayor expressed hope that talks would resume.", "The mayor", "expressed hope", "that talks would resume", "say"),
    ("The rebels vowed to fight on.", "The rebels", "vowed", "to fight on", "say"),
    # ... or written
    ("The company wrote in a letter that it would appeal.", "The company", "wrote", "that it would appeal", "write"),
    ("The senator tweeted that the vote was rigged.", "The senator", "tweeted", "that the vote was rigged", "write"),
    # the means is the act: "opens by saying"
    ("She opens by saying the government inherited a mess.", "She", "opens by saying", "the government inherited a mess", "say"),
    # an action whose means is speech: a verb of speech inside the cue
    ("The senator took to Twitter to accuse the governor of lying.", "The senator", "took to Twitter to accuse", "the governor of lying", "say"),
    ("He appeared to suggest that the vote was rigged.", "He", "appeared to suggest", "that the vote was rigged", "say"),
    # an organisation's estimate is published
    ("The budget office estimates that the plan would cost $1 billion.", "The budget office", "estimates", "that the plan would cost $1 billion", "write"),
    # ... and so is an institution's forecast, where a person's expectation is a belief
    ("The IMF expects that growth will slow to 2 percent.", "The IMF", "expects", "that growth will slow to 2 percent", "write"),
    ("Economists expect that growth will slow.", "Economists", "expect", "that growth will slow", "think"),
    # a characterisation of someone or something is made in words; a rating by a fact-checker is published
    ("The senator painted her rival as a puppet of the banks.", "The senator", "painted", "her rival as a puppet of the banks", "say"),
    ("PolitiFact rated the claim as false.", "PolitiFact", "rated", "the claim as false", "write"),
    ("The firm hired him as chief executive.", "The firm", "hired", "him as chief executive", "do"),
    ("Russia was backing the government as the talks stalled.", "Russia", "was backing", "the government", "think"),
    # a phrasal verb of speech, whatever the verb alone reports
    ("Two senators weighed in on the deal.", "Two senators", "weighed in on", "the deal", "say"),
    # who is convinced believes; who convinces speaks
    ("Her aides are convinced that the polls are wrong.", "Her aides", "are convinced", "that the polls are wrong", "think"),
    ("She convinced the board that the plan would work.", "She", "convinced", "the board that the plan would work", "say"),
    # a noun of speech inside the cue (a cue word list holds it) tells what a rare verb does; another noun does not
    ("Democrats persisted in arguments that the panel had overreached.", "Democrats", "persisted in arguments",
     "that the panel had overreached", "say"),
    ("Democrats persisted in efforts to block the bill.", "Democrats", "persisted in efforts", "to block the bill", "intend"),
    ("She peppered him with attacks on his record.", "She", "peppered him with attacks on", "his record", "say"),
    # a plural the lemmatizer leaves in a title-case headline is read as its listed singular
    ("Democrat Voters Flee: Allegations of Fraud", "Democrat Voters", "Allegations of", "Fraud", "say"),
    # not speech
    ("Investigators believe the fire started in the kitchen.", "Investigators", "believe", "the fire started in the kitchen", "think"),
    ("The council chose to delay the vote.", "The council", "chose", "to delay the vote", "intend"),
    ("The governor wants a new budget.", "The governor", "wants", "a new budget", "intend"),
    ("The senator voted for the bill.", "The senator", "voted for", "the bill", "do"),
    # a refusal to answer reports no words; a video shows, no one speaks
    ("She declined to say whether she would run.", "She", "declined to say", "whether she would run", "other"),
    ("The spokeswoman confirmed the review but would not say whether the grant would be withdrawn.", "The spokeswoman",
     "would not say", "whether the grant would be withdrawn", "other"),
    ("He steadfastly refuses to do what every candidate has done.", "He", "steadfastly refuses to do", "what every candidate has done", "do"),
    ("Video of the arrest shows him raising his hands.", "Video of the arrest", "shows", "him raising his hands", "other"),
    # a confirmation or a publication not (yet) made reports no words (`unconfirmed`, data/act_unconfirmed_cues.txt)
    ("Boko Haram has not confirmed the truce.", "Boko Haram", "has not confirmed", "the truce", "other"),
    ("The family has yet to confirm his death.", "The family", "has yet to confirm", "his death", "other"),
    ("The ministry confirmed the truce.", "The ministry", "confirmed", "the truce", "say"),
    # what something or someone shows is not said (`shown_not_said`); a document's findings are written
    ("A graphic posted by the Coast Guard showed the slick covering 100 miles.", "A graphic posted by the Coast Guard", "showed",
     "the slick covering 100 miles", "other"),
    ("A new poll showed the senator leading by five points.", "A new poll", "showed", "the senator leading by five points", "write"),
    ("Polling averages show the senator ahead by three points.", "Polling averages", "show", "the senator ahead by three points", "write"),
    # a statement expected or scheduled has not been made (`speech_to_come`)
    ("Jonathan is expected to announce he will run for a second term.", "Jonathan", "is expected to announce",
     "he will run for a second term", "other"),
    ("The minister is due to announce the budget on Friday.", "The minister", "is due to announce", "the budget", "other"),
    # a verb naming what was spoken of, with a topic alone, reports no words (`topic_only`); an evaluative one is said
    ("The senator spoke about his flights to the capital.", "The senator", "spoke about", "his flights to the capital", "other"),
    ("The minister mentioned the role of the media.", "The minister", "mentioned", "the role of the media", "other"),
    ("The minister mentioned that the port would close.", "The minister", "mentioned", "that the port would close", "say"),
    ("The senator criticised the plan.", "The senator", "criticised", "the plan", "say"),
    ("Regulators referred to the companies as clients.", "Regulators", "referred to", "the companies as clients", "say"),
    # a cue word that acts on words or on things (data/act_deed_cues.txt): before a proposition it is said ...
    ("The minister rejected the claims about the port.", "The minister", "rejected", "the claims about the port", "say"),
    ("The senator offered no proof of fraud.", "The senator", "offered", "no proof of fraud", "say"),
    # ... before anything else it is done
    ("The judge rejected a request to unseal the file.", "The judge", "rejected", "a request to unseal the file", "do"),
    ("The county offers loans to farmers.", "The county", "offers", "loans to farmers", "do"),
    ("Twelve states are challenging the new emission rules.", "Twelve states", "are challenging", "the new emission rules", "do"),
])
def test_the_act_is_read_from_the_cue_and_its_frame(nlp, text, source, cue, content, expected):
    assert acts_of(nlp, text, {"source": source, "cue": cue, "content": content}) == [(cue, expected)]


@pytest.mark.parametrize("text, source, cue, lemma, content, speech", [
    # a cue word the training never showed, no reporting verb, unquoted words: no evidence of speech
    ("The county board repaved the old coast road.", "The county board", "repaved", "repave", "the old coast road", False),
    # the same kind of cue word before quoted words: the quote says someone spoke
    ("The coach grinned: \u201cWe were brilliant tonight.\u201d", "The coach", "grinned", "grin", "We were brilliant tonight.", True),
])
def test_a_cue_the_training_never_showed_is_speech_only_before_quoted_words(nlp, text, source, cue, lemma, content, speech):
    assert f"lemma={lemma}" not in act.classifier().weights
    [(found_cue, found_act)] = acts_of(nlp, text, {"source": source, "cue": cue, "content": content})
    assert found_cue == cue and (found_act in SPEECH_ACTS) is speech


@pytest.mark.parametrize("text, source, cue, lemma, content", [
    ("The FBI director chastised the aides for their carelessness.", "The FBI director", "chastised", "chastise", "the aides for their carelessness"),
    ("Two speechwriters implored her to bring the line back.", "Two speechwriters", "implored", "implore", "her to bring the line back"),
])
def test_a_speech_cue_too_rare_to_weigh_is_speech_by_its_word_list(nlp, text, source, cue, lemma, content):
    assert f"lemma={lemma}" not in act.classifier().weights and "say" in act.cue_word_acts(lemma)
    assert acts_of(nlp, text, {"source": source, "cue": cue, "content": content}) == [(cue, "say")]


def test_the_word_lists_stand_in_only_for_cue_words_the_model_does_not_weigh():
    feats = ["bias", "lemma=raise", "cue_noun=concern", "lemma_act=do"]
    assert act.backed_off(feats, lambda f: f == "lemma=raise") == ["bias", "lemma=raise", "cue_noun=concern"]
    assert act.backed_off(feats, lambda f: False) == feats


@pytest.mark.parametrize("text, form", [
    ('She said: "We will not move."', "quoted"),
    ("She said that they would not move.", "that"),
    ("She said they would not move.", "finite"),
    ("She promised to stay.", "to_inf"),
    ("She denied the report.", "np"),
    ("She explained how it happened.", "wh"),
])
def test_the_form_of_the_words(nlp, text, form):
    doc = nlp.make_doc(text)
    for _, component in nlp.pipeline:
        doc = component(doc) if _ in ("tok2vec", "tagger", "parser", "storyline_attribute_table", "storyline_lemma_table") else doc
    cue_end = text.index(" ", text.index(" ") + 1)
    start = cue_end + 1 + (1 if text[cue_end + 1] == " " else 0)
    end = len(text) - 1 if text.endswith(".") and not text.endswith('."') else len(text)
    assert act.content_form(doc, [(start, end)]) == form


def test_every_act_the_classifier_gives_is_one_the_record_allows():
    model = act.classifier()
    assert set(model.classes) == set(act.ACTS)
    assert all(len(row) == len(act.ACTS) for row in model.weights.values())
    probabilities = model.probabilities(["bias"])
    assert abs(sum(probabilities) - 1) < 1e-6


def test_missing_weights_are_an_error_naming_the_file(tmp_path, monkeypatch):
    monkeypatch.setattr(act, "WEIGHTS", tmp_path / "weights.json")
    act.classifier.cache_clear()
    try:
        with pytest.raises(FileNotFoundError, match="weights.json"):
            act.classifier()
    finally:
        act.classifier.cache_clear()


def _article() -> Article:
    text = "Poe said the port would open. Poe believes it will."
    said = Statement("s1", "indirect", Span.of(text, [(9, 28)]), Span.of(text, [(0, 3)]), Span.of(text, [(4, 8)]), act="say")
    thought = Statement("s2", "indirect", Span.of(text, [(43, 51)]), Span.of(text, [(30, 33)]), Span.of(text, [(34, 42)]), act="think")
    return Article(id="a", text=text, title="Port", statements=[said, thought])


def test_the_record_keeps_every_act_and_can_show_only_what_was_said():
    article = _article()
    assert [s["act"] for s in article.to_dict()["statements"]] == ["say", "think"]
    assert [s["id"] for s in article.to_dict(every_act=False)["statements"]] == ["s1"]
    assert all(s.act in SPEECH_ACTS for s in article.said())


def test_the_summary_counts_what_it_leaves_out_and_shows_it_with_all():
    article = _article()
    short, full = summary(article), summary(article, every_act=True)
    assert "believes" not in short and "1 more attribution" in short
    assert "believes [think" in full and "more attribution" not in full


def test_explain_names_the_steps_only_when_asked():
    article = _article()
    article.statements[0].steps = ["model", "whole_words"]
    assert "steps" not in article.to_dict()["statements"][0]
    assert article.to_dict(explain=True)["statements"][0]["steps"] == ["model", "whole_words"]
    assert "steps: model, whole_words" in summary(article, explain=True)
