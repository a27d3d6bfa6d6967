"""Where the words of a statement start and end (the extent steps of storyline_attribution), given predictions."""
from __future__ import annotations

import pytest
from test_attribution_rules import statements

from storyline.nlp import pipeline


@pytest.fixture(scope="module")
def nlp():
    return pipeline.load()


def test_a_clause_of_time_parsed_as_a_prepositions_object_is_still_not_the_words(nlp):
    """ "after a second defeat left them bottom": the parse makes "after" a preposition; the clause has a
    subject of its own all the same, so the quote's words stop before it."""
    text = "The manager has told his players to \u201cstop feeling sorry for ourselves\u201d after a second defeat left them bottom of the table."
    words = "to \u201cstop feeling sorry for ourselves\u201d after a second defeat left them bottom of the table"
    found = statements(nlp, text, [{"source": ["The manager"], "cue": ["has told"], "content": [words]}])
    assert [s.content.text for s in found] == ["to \u201cstop feeling sorry for ourselves\u201d"]


def test_words_do_not_stop_on_a_possessive(nlp):
    text = "The senator criticized the harbor authority's dredging plan."
    found = statements(nlp, text, [{"source": ["The senator"], "cue": ["criticized"], "content": ["the harbor authority's"]}])
    assert [s.content.text for s in found] == ["the harbor authority's dredging plan"]


def test_words_do_not_end_on_and(nlp):
    text = "The senator criticized the harbor plan and, in a long speech, the mayor who signed it."
    found = statements(nlp, text, [{"source": ["The senator"], "cue": ["criticized"], "content": ["the harbor plan and"]}])
    assert [s.content.text for s in found if s.cue and s.cue.text == "criticized"] == ["the harbor plan"]


def test_whom_it_was_said_to_is_not_part_of_the_words(nlp):
    """ "said to reporters that ...": a verb that says to someone names whom with "to"; the words start at "that"."""
    text = "The minister said to reporters on Monday that the port would close."
    found = statements(nlp, text, [{"source": ["The minister"], "cue": ["said"],
                                    "content": ["to reporters on Monday that the port would close"]}])
    assert [s.content.text for s in found] == ["that the port would close"]
    assert all(text[s.content.start:s.content.end] == s.content.text for s in found)

