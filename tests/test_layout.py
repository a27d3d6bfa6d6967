"""Layout on made-up stories: datelines of other newsrooms' styles."""
from __future__ import annotations

import pytest

import storyline
from storyline.nlp import pipeline


@pytest.fixture(scope="module")
def nlp():
    return pipeline.load()


def test_a_place_and_colon_opening_the_first_paragraph_is_a_dateline(nlp):
    text = (
        "No income tax rise in budget, says minister\n\n"
        "New Delhi: Finance Minister Nirmala Sitharaman on Saturday said the government will not raise taxes.\n\n"
        "Interviewer: Will you raise taxes?"
    )
    doc = nlp(text)
    boilerplate = [text[s:e] for s, e in doc._.boilerplate]
    assert "New Delhi: " in boilerplate
    assert not any(b.startswith("Interviewer") for b in boilerplate)  # further down, a label is a speaker's

    article = storyline.analyze(text, published="2024-01-13")
    assert all(e.name != "New Delhi" for e in article.entities)
    said = [s for s in article.statements if "will not raise taxes" in s.content.text]
    assert said and all(s.speaker_name == "Nirmala Sitharaman" for s in said)


def test_a_section_label_opening_the_story_is_not_a_dateline(nlp):
    text = "Harbor talks stall\n\nFlashback: In March 2020, the authority shelved a plan."
    doc = nlp(text)
    assert [text[s:e] for s, e in doc._.boilerplate] == ["Flashback"]
    assert [s.kind for s in doc._.sections if s.label == "Flashback"] == ["lead"]


def test_a_label_opening_several_lines_is_a_transcript_speaker_not_a_dateline(nlp):
    text = (
        "Transcript: the minister on the harbor\n\n"
        "ROE: The harbor will stay open, and I have said so from the first day.\n\n"
        "POST: Who wrote the memo?\n\n"
        "ROE: I do not know who wrote it."
    )
    doc = nlp(text)
    assert not any(text[s:e].startswith("ROE") for s, e in doc._.boilerplate)
    lines = [s for s in doc._.statements if s.cue is not None and s.cue.text == ":"]
    assert [s.speaker_name for s in lines] == ["ROE", "POST", "ROE"]


def test_a_live_blog_time_stamp_is_a_time_and_layout_not_part_of_a_speaker(nlp):
    text = (
        "Storm live: thousands without power\n\n"
        '13:15 — The prime minister, Rishi Sunak, said the government was "monitoring the situation closely".\n\n'
        "12:50 — Police said a man had been taken to hospital."
    )
    doc = nlp(text)
    assert "13:15 — " in [text[s:e] for s, e in doc._.boilerplate]

    article = storyline.analyze(text, published="2023-11-02")
    assert {t.text: t.value for t in article.times} == {"13:15": "2023-11-02T13:15", "12:50": "2023-11-02T12:50"}
    said = [s for s in article.statements if "monitoring the situation" in s.content.text]
    assert said and all(s.speaker_name == "Rishi Sunak" and "13:15" not in s.source.text for s in said)
