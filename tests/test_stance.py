"""Stance of statements (storyline_stance) on made-up stories."""
from __future__ import annotations

import pytest

import storyline


@pytest.fixture(scope="module")
def stances() -> dict[str, str]:
    text = (
        "Port row deepens\n\n"
        "In a statement, the Harbor Trust said it \"categorically rejects\" reports that it had approved the closure.\n\n"
        "\"We never agreed to anything,\" said union steward Dev Patel.\n\n"
        "The council said the plan was rejected by voters in 2019. "
        "The chief said he does not dispute the figures.\n\n"
        "Mayor Ann Crane said Tom Baxter had denied the report.\n\n"
        "The plan's backers said the union rejected the offer."
    )
    article = storyline.analyze(text, published="2025-03-05")
    for statement in article.statements:
        for s, e in statement.content.spans:
            assert text[s:e] in statement.content.text
    return {s.content.text: s.stance for s in article.statements}


def stance_of(stances: dict[str, str], words: str) -> str:
    found = [stance for content, stance in stances.items() if words in content]
    assert found, f"no statement with {words!r}: {list(stances)}"
    return found[0]


def test_the_words_own_denying_verb_is_a_denial(stances):
    assert stance_of(stances, "categorically rejects") == "deny"


def test_never_having_agreed_is_a_denial(stances):
    assert stance_of(stances, "We never agreed to anything") == "deny"


def test_a_passive_or_negated_denying_verb_is_not_the_speakers_denial(stances):
    assert stance_of(stances, "the plan was rejected by voters") == "assert"
    assert stance_of(stances, "does not dispute the figures") == "assert"


def test_a_denial_by_someone_the_words_name_is_not_the_speakers(stances):
    assert stance_of(stances, "Tom Baxter had denied the report") == "assert"
    assert stance_of(stances, "the union rejected the offer") == "assert"


@pytest.mark.parametrize(("sentence", "words"), [
    ('The company said it was "not true" that it had cut jobs.', "that it had cut jobs"),  # a quote mark inside
    ('The ministry denied the report, calling it "pure fiction".', "pure fiction"),
])
def test_calling_a_claim_untrue_or_fiction_is_a_denial(sentence, words):
    article = storyline.analyze("Claims denied\n\n" + sentence, published="2025-03-05")
    found = [s.stance for s in article.statements if words in s.content.text]
    assert found and set(found) == {"deny"}


@pytest.mark.parametrize("sentence, words, stance", [
    ("The minister said the port could close next year.", "the port could close", "hedge"),
    ("The minister said it was unclear whether talks would resume.", "it was unclear", "hedge"),
    ("The minister said the port would reopen as soon as possible.", "the port would reopen", "assert"),
    ("The minister said he moved the meeting so he could attend the funeral.", "he moved the meeting", "assert"),
])
def test_only_a_modal_that_qualifies_the_claim_hedges_it(sentence, words, stance):
    article = storyline.analyze("Port news\n\n" + sentence, published="2025-03-05")
    found = [s.stance for s in article.statements if words in s.content.text]
    assert found == [stance], [(s.content.text, s.stance) for s in article.statements]


def test_a_hedge_in_words_over_two_sentences_is_read_in_its_own_sentence():
    text = 'Port news\n\nThe minister said: "The port will close. It could reopen in May."'
    article = storyline.analyze(text, published="2025-03-05")
    assert [s.stance for s in article.statements if "could reopen" in s.content.text] == ["hedge"]


@pytest.mark.parametrize("sentence, words, stance", [
    ("Police said no one was injured in the fire.", "no one was injured", "deny"),
    ("The club said there were no discussions about the manager.", "there were no discussions", "deny"),
    ("The railway said no trains will run west of the bridge.", "no trains will run", "assert"),  # a plan, foretold
    ("The coach said his players had no answers to the press.", "had no answers", "assert"),  # "no" in the object
])
def test_saying_that_nothing_of_a_kind_was_so_is_a_denial(sentence, words, stance):
    article = storyline.analyze("Fire at the depot\n\n" + sentence, published="2025-03-05")
    found = [s.stance for s in article.statements if words in s.content.text]
    assert found and set(found) == {stance}

