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



def test_words_before_their_cue_keep_their_opening_clause_and_first_conjunct(nlp):
    """Words before the cue are the whole sentence reported: "After ..., protesters surrounded ..., X
    reported" keeps its clause of time; "A could fall, and B look slim, executives said" both clauses."""
    text = "After the army fired warning shots, hundreds of protesters surrounded the square, the correspondent reported."
    found = statements(nlp, text, [{"source": ["the correspondent"], "cue": ["reported"],
                                    "content": ["hundreds of protesters surrounded the square"]}])
    assert [s.content.text for s in found] == ["After the army fired warning shots, hundreds of protesters surrounded the square"]
    text = ("Demand for air travel could decline further despite signs of a stable economy, and prospects of a recovery "
            "this year look slim, industry executives said on Sunday.")
    found = statements(nlp, text, [{"source": ["industry executives"], "cue": ["said"],
                                    "content": ["prospects of a recovery this year look slim"]}])
    assert [s.content.text for s in found] == [
        "Demand for air travel could decline further despite signs of a stable economy, and prospects of a recovery this year look slim"]


def test_words_run_past_brackets_they_open(nlp):
    text = "The harbour master said the ferry would resume sailings (weather permitting) from next Monday."
    found = statements(nlp, text, [{"source": ["The harbour master"], "cue": ["said"],
                                    "content": ["the ferry would resume sailings (weather permitting"]}])
    assert [s.content.text for s in found] == ["the ferry would resume sailings (weather permitting) from next Monday"]


@pytest.mark.parametrize(("text", "words", "expected"), [
    # the joined verb shares the words' auxiliary or their actor: part of what was said
    ("ABC News reported that a group of men carjacked and threatened to behead members of one of its crews.",
     "that a group of men carjacked and threatened to behead members of one of its crews",
     "that a group of men carjacked and threatened to behead members of one of its crews"),
    ("The congressman said that he had asked the border agency about it and learned that several had been held.",
     "that he had asked the border agency about it and learned that several had been held",
     "that he had asked the border agency about it and learned that several had been held"),
    # after a comma, or with a pronoun for the speaker: the speaker's own next act
    ("The general said conditions at the camps had improved enormously, and admitted there were no guarantees.",
     "conditions at the camps had improved enormously, and admitted there were no guarantees",
     "conditions at the camps had improved enormously"),
    ("Mr Cook said he was happy with the existing deal and accused other premiers of trying to rob the state.",
     "he was happy with the existing deal and accused other premiers of trying to rob the state",
     "he was happy with the existing deal"),
])
def test_a_joined_reporting_verb_is_cut_off_only_when_it_is_the_speakers_act(nlp, text, words, expected):
    cue = "reported" if "reported" in text else "said"
    source = text[: text.index(" " + cue)]
    found = statements(nlp, text, [{"source": [source], "cue": [cue], "content": [words]}])
    assert expected in [s.content.text for s in found], [s.content.text for s in found]
