"""The speaker steps table: each step, given its own example, credits the example's statement to the
speaker it names, and so does the whole pipeline."""
from __future__ import annotations

import pytest

from storyline.nlp import pipeline
from storyline.nlp.intervals import SortedRanges
from storyline.nlp.speakers import SPEAKER_STEPS, Resolver, Turn, _sentence_mate, _source_head, _starts_in_headline, _untitled


@pytest.fixture(scope="module")
def nlp():
    return pipeline.load()


def test_step_names_are_unique() -> None:
    names = [step.name for step in SPEAKER_STEPS]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("step", SPEAKER_STEPS, ids=lambda step: step.name)
def test_each_step_credits_its_example(nlp, step) -> None:
    doc = nlp(step.example)
    statements = doc._.statements
    found = [s for s in statements if step.words in s.content.text]
    assert found, f"no statement holds {step.words!r}: {[s.content.text for s in statements]}"
    statement = found[0]
    for start, end in statement.content.spans:  # the span indexes the text it holds
        assert doc.text[start:end] in statement.content.text
    assert statement.speaker_name == step.speaker

    # the step alone, on the statements before it, credits the same speaker
    earlier = [s for s in statements if s is not statement and s.content.start < statement.content.start]
    cued = SortedRanges((s.cue.start, s.cue.start, s) for s in statements if s.cue is not None and s.source is not None)
    turn = Turn(doc, Resolver(doc), statement, earlier, _starts_in_headline(doc, statement),
                _sentence_mate(doc, statement, cued) if statement.source is None and statement.cue is None else None)
    _source_head(turn)
    credit = step.credit(turn)
    assert credit is not None, f"{step.name} does not apply to its own example"
    name = credit.entity.name if credit.entity is not None else _untitled(credit.name)
    assert name == step.speaker


@pytest.mark.parametrize("written, name", [
    ("Governor Ann Price", "Ann Price"),
    ("Acting Police Commissioner Jan de Vries", "Jan de Vries"),
    ("Chair of the bench Margaret Ealing", "Margaret Ealing"),
    ("Leader of the Opposition R. Ashoka", "R. Ashoka"),
    ("Roads and Buildings Minister K. Venkat Reddy, who", "K. Venkat Reddy"),
    ("Resident Tanya Sinclair", "Tanya Sinclair"),
    ("a spokesman for Senator Ann Price", "a spokesman for Senator Ann Price"),  # someone else's title
    ("a spokesman for Ann Price", "a spokesman for Ann Price"),
    ("A spokesman for the Port Authority", "A spokesman for the Port Authority"),
    ("Some economists", "Some economists"),
])
def test_an_unresolved_name_loses_its_title_phrase(written, name) -> None:
    assert _untitled(written) == name
