"""Layout on made-up stories: datelines of other newsrooms' styles."""
from __future__ import annotations

import pytest

import storyline
from storyline.nlp import layout, pipeline


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


def _statement_texts(article) -> list[str]:
    return [s.content.text for s in article.statements]


def test_all_capitals_label_lines_of_a_results_box_are_layout_not_speakers(nlp):
    text = (
        "Festival closes with a surprise\n\n"
        "The jury gave its top prize to a first film on Sunday.\n\n"
        "WINNER: Best actress, Julia Brandt, for her role as a ferry pilot\n\n"
        "MARKETS: Cinema shares rose 2 percent after the announcement.\n\n"
        "The festival director said the jury had been unanimous."
    )
    doc = nlp(text)
    boilerplate = [text[s:e] for s, e in doc._.boilerplate]
    assert "WINNER: " in boilerplate and "MARKETS: " in boilerplate
    article = storyline.analyze(text, published="2024-05-20")
    assert all(s.speaker_name not in {"WINNER", "MARKETS"} for s in article.statements)
    assert all(s.cue is None or s.cue.text != ":" for s in article.statements)
    assert any(s.content.text == "the jury had been unanimous" for s in article.statements)


def test_a_speaker_label_the_article_names_stays_a_transcript_turn(nlp):
    text = (
        "Interview: the port's new chief\n\n"
        "Port chief Dana Okoro spoke to us on Friday.\n\n"
        "OKORO: We will reopen the north pier in June, whatever the cost.\n"
    )
    doc = nlp(text)
    assert not any(text[s:e].startswith("OKORO") for s, e in doc._.boilerplate)


def test_a_paragraph_opening_in_a_video_is_body_text_not_a_caption(nlp):
    text = (
        "Family appeals for missing sailor\n\n"
        "The sailor has been missing since March.\n\n"
        "In an online video his sister Ann Marr described him as a quiet man. She added: \"Please send him home.\"\n"
    )
    doc = nlp(text)
    assert not doc._.captions
    article = storyline.analyze(text, published="2024-05-20")
    assert [s.speaker_name for s in article.statements if s.content.text.startswith("Please send")] == ["Ann Marr"]


def test_inline_photo_captions_and_agency_credits_are_layout(nlp):
    text = (
        "Studio film wins top prize\n\n"
        "The studio behind the drama won the top prize on Sunday.\n\n"
        "This image released by Northlight Pictures shows actor Tom Reyes in a scene from the film. (Northlight Pictures via AP)\n\n"
        "FILE - In this 2019 photo, festival director Anne Laval speaks to reporters in Cannes.\n\n"
        "A screenshot shared by Tom Reyes shows the poster and the final cut. (Tom Reyes/X)\n\n"
        "\"We never expected this,\" said Lena Marsh, the film's producer."
    )
    doc = nlp(text)
    captions = [c.text for c in doc._.captions]
    assert "Tom Reyes/X" in [c.credit for c in doc._.captions]  # a photographer and outlet, slashed
    assert any(c.startswith("This image released") for c in captions)
    assert any(c.startswith("FILE - In this 2019 photo") for c in captions)
    assert "Northlight Pictures via AP" in [c.credit for c in doc._.captions]
    article = storyline.analyze(text, published="2024-05-20")
    assert not any("Tom Reyes" in t or "speaks to reporters" in t for t in _statement_texts(article))
    assert [s.speaker_name for s in article.statements if s.content.text.startswith("We never")] == ["Lena Marsh"]


def test_a_sub_heading_inside_the_body_is_layout_and_the_name_after_it_still_speaks(nlp):
    text = (
        "Parents fight school closure plan\n\n"
        "Parents packed the hall on Tuesday to oppose the closure of the school.\n\n"
        "Budget Shortfall\n\n"
        "Superintendent Mark Delgado said the board would vote in June."
    )
    doc = nlp(text)
    assert ("lead", "Budget Shortfall") in [(s.kind, s.label) for s in doc._.sections]
    assert "Budget Shortfall" in [text[s:e] for s, e in doc._.boilerplate]
    article = storyline.analyze(text, published="2024-05-20")
    assert all(e.name != "Budget Shortfall" for e in article.entities)
    said = [s for s in article.statements if "vote in June" in s.content.text]
    assert said and said[0].speaker_name == "Mark Delgado"


@pytest.mark.parametrize("opening", [
    "By Sarah Kim, Coastal Wire",
    "This photo provided by the harbor authority shows the north pier after the storm.",
    "CALDER BAY (Coastal Wire) — The harbor authority said on Monday it would close the north pier.",
])
def test_a_text_with_no_title_takes_no_byline_caption_or_dateline_as_headline(nlp, opening):
    text = f"{opening}\n\nThe harbor authority said on Monday it would close the north pier.\n\n\"We have no choice,\" said Ines Marlow, a spokeswoman."
    doc = nlp(text)
    assert doc._.headline is None
    assert storyline.analyze(text, published="2024-05-20").title is None


def test_contributor_and_contact_lines_are_bylines_not_people(nlp):
    text = (
        "Harbor to close\n\nBy Sarah Kim\n\nThe harbor authority said on Monday it would close the north pier.\n\n"
        "Associated Press writer Jane Doe in London contributed to this report.\n\n"
        "Follow Sarah Kim on Twitter at @sarahkim\n\n"
        "\"Follow Sarah Kim on Twitter @sarahkim.\""
    )
    doc = nlp(text)
    bylines = [text[s.start : s.end] for s in doc._.sections if s.kind == "byline"]
    assert len(bylines) == 4
    article = storyline.analyze(text, published="2024-05-20")
    assert all(e.name not in {"Jane Doe", "Sarah Kim"} for e in article.entities)


def test_a_title_glued_to_the_first_sentence_is_the_headline_and_the_article_is_not(nlp):
    # some corpora and scrapes put the whole article on one line, its title glued to the first sentence
    title = "Harbor chief defends port plan"
    text = (f"{title} The harbor authority's chairman, Jim Farraday, said the memo was an early draft. "
            "\"It was sent in error,\" he said. \"Nothing has been decided about the port.\"")
    article = storyline.analyze(text, published="2024-05-20", title=title)
    headline = [s for s in article.sections if s.kind == "headline"]
    assert [(h.start, h.end) for h in headline] == [(0, len(title))]
    assert text[headline[0].start:headline[0].end] == title
    quote = next(s for s in article.statements if s.content.text.startswith("Nothing has been decided"))
    assert text[quote.content.spans[0][0]:quote.content.spans[0][1]] == quote.content.text
    assert quote.speaker_name == "Jim Farraday"
    # without a title to go by, the first line stays the headline, as before
    untitled = storyline.analyze(text, published="2024-05-20")
    assert [(s.start, s.end) for s in untitled.sections if s.kind == "headline"] == [(0, len(text))]


def test_a_photo_credit_glued_into_running_text_is_layout_not_words(nlp):
    """Scraped text that lost its line breaks keeps the caption and its credit between two sentences: they are
    layout (a caption stands just before its credit), and the words before them stop before them."""
    text = (
        "Oil spill reaches the coast\n\n"
        "The coastguard said the waste was being disposed of in Louisiana. Workers clean the beach at Grand Isle. "
        "Photograph: Reuters BP has challenged the estimate. Dock workers returned on Monday. The mayor said the docks "
        "would reopen \"within days\". Photograph: Dana Whitford\\/Getty Images The union said the deal would protect 400 jobs."
    )
    doc = nlp(text)
    boilerplate = [text[s:e] for s, e in doc._.boilerplate]
    assert boilerplate == ["Photograph: Reuters", "Photograph: Dana Whitford\\/Getty Images"]
    assert [(text[c.start:c.end], c.credit) for c in doc._.captions] == [
        ("Workers clean the beach at Grand Isle.", "Reuters"), ("Photograph: Reuters", "Reuters"),
        ("The mayor said the docks would reopen \"within days\".", "Dana Whitford\\/Getty Images"),
        ("Photograph: Dana Whitford\\/Getty Images", "Dana Whitford\\/Getty Images")]
    article = storyline.analyze(text, published="2024-05-20")
    assert not any("Photograph" in t or "Getty" in t or "Grand Isle" in t or "within days" in t for t in _statement_texts(article))
    assert "the deal would protect 400 jobs" in _statement_texts(article)
    assert "the waste was being disposed of in Louisiana" in _statement_texts(article)
    assert all(s.speaker_name is None or "Getty" not in s.speaker_name for s in article.statements)


@pytest.mark.parametrize("line", [
    "The flood was the worst in years. Photo: the council's own survey shows the damage along the river.",
    "The flood was the worst in years. Photograph: Reuters, which first reported the figures, said the toll would rise.",
])
def test_prose_after_photo_and_a_colon_is_no_glued_credit(line):
    """A glued credit ends on an agency or a "photographer/outlet": lower-case prose, or a name followed by a comma, is not one."""
    assert [m.group(0) for m in layout.glued_credits(line)] == []


@pytest.mark.parametrize("line, caption", [
    ("Crews at work in May. Boats off Grand Isle. (By Ann Lee -- Associated Press) The spill grew.", "Boats off Grand Isle."),
    ("(Cnbc) Ann Lee says the spill grew. (By Tom Hale -- Getty Images) Crews worked on.", "Ann Lee says the spill grew."),
    ("The spill grew. " + "Crews worked on the beach for many days " * 6 + ". Photograph: Reuters The spill grew.", None),
])
def test_the_sentence_before_a_glued_credit_is_its_caption(line, caption):
    """ "(By Ann Lee -- Associated Press)" is a credit too; the sentence before it, if short enough, is the caption."""
    credit = layout.glued_credits(line)[0]
    found = layout.caption_before(line, credit.start())
    assert (line[found[0]:found[1]] if found else None) == caption


@pytest.mark.parametrize("rule", layout.furniture_rules(), ids=lambda rule: rule.name)
def test_each_page_furniture_rule_marks_its_example_as_layout(nlp, rule):
    """data/page_furniture.txt, one example per rule: the furniture is layout, never words or a speaker, and the
    prose around it is still read."""
    found = [(name, rule.example[start:end]) for name, start, end in layout.page_furniture(rule.example)]
    assert {name for name, _ in found} == {rule.name}
    for match in rule.pattern.finditer(rule.example):  # the needles that spare other lines the regex are in every match
        assert not rule.needles or any(needle in match.group() for needle in rule.needles), rule.needles
    text = f"Pier news\n\n{rule.example}\n\nThe mayor, Ines Marlow, said the pier would stay open."
    boilerplate = [text[s:e] for s, e in nlp(text)._.boilerplate]
    article = storyline.analyze(text, published="2015-01-27")
    assert "the pier would stay open" in [s.content.text for s in article.statements]
    for _, furniture in found:
        assert furniture in boilerplate
        for statement in article.statements:
            assert all(furniture not in text[start:end] for start, end in statement.content.spans)
            assert statement.speaker_name is None or furniture not in statement.speaker_name


@pytest.mark.parametrize("line", [
    "Votes at 10.30 Members of the council met.",  # a time inside a sentence, not opening the line
    "The mayor said it would open on May 9 - June 2 at the latest.",  # a date range in prose
    "Advertisement revenue rose by a tenth, the company said.",  # the word in prose
    "We welcome the decision, the union said.",  # not the comment policy
])
def test_prose_that_resembles_page_furniture_is_not_furniture(line):
    assert layout.page_furniture(line) == []


def test_a_glued_credit_names_a_photographer_with_a_particle_and_two_outlets():
    line = "The school reopened today. Photograph: Carl de Souza\\/AFP\\/Getty Images Two new cases were found."
    assert [m.group("credit") for m in layout.glued_credits(line)] == ["Carl de Souza\\/AFP\\/Getty Images"]


def test_a_run_of_headline_shaped_lines_in_the_body_is_links_not_statements(nlp):
    text = (
        "Gunman shot dead in parliament\n\n"
        "The sergeant-at-arms shot the gunman in the hall, police said.\n"
        "PM to address the nation tonight as the parliament lockdown is reinstated\n"
        "Eyewitnesses describe fear, confusion as gunshots fired in the capital\n"
        "\"He came out of his office carrying a pistol,\" the reporter Ann Lee said."
    )
    doc = nlp(text)
    links = [text[s.start:s.end] for s in doc._.sections if s.kind == "related"]
    assert links == ["PM to address the nation tonight as the parliament lockdown is reinstated",
                     "Eyewitnesses describe fear, confusion as gunshots fired in the capital"]
    said = storyline.analyze(text, published="2014-10-22").statements
    assert not any("fear" in s.content.text or s.speaker_name == "Eyewitnesses" for s in said)
    assert [s.speaker_name for s in said if "carrying a pistol" in s.content.text] == ["Ann Lee"]


def test_one_headline_shaped_line_between_paragraphs_is_no_link_run(nlp):
    text = ("Harbor to close\n\nThe mayor said the harbor would close in May.\n"
            "Dockworkers vow to fight the closure of the north pier in court\n"
            "The union said it would appeal.")
    doc = nlp(text)
    assert not [s for s in doc._.sections if s.kind == "related"]

def test_a_first_line_after_blank_lines_is_still_the_whole_headline(nlp):
    text = "\n\nPort to close\n\nThe mayor said the port would close."
    article = storyline.analyze(text, published="2024-05-20", title="Port to close")
    assert [(s.start, s.end) for s in article.sections if s.kind == "headline"] == [(2, 15)]


@pytest.mark.parametrize("glued", [
    "A turtle covered in oil from the spill. Photograph: Lee Celano/Reuters ",
    "A turtle covered in oil from the spill Photograph: Lee Celano\\/reuters ",  # a caption without its full stop, agency in lower case
])
def test_a_photo_credit_glued_into_prose_is_layout_and_no_part_of_a_name(nlp, glued):
    text = f"Spill costs rise\n\nTuesday 2 November 2010 {glued}Chevron said today it expects the cost to rise. It blamed the delays."
    doc = nlp(text)
    assert [c.credit for c in doc._.captions if c.credit and "Celano" in c.credit]
    names = {e.name for e in doc._.entities}
    assert "Chevron" in names and not any("Celano" in n for n in names)


@pytest.mark.parametrize("label", ["Editor's note", "Editors' note", "Editors\u2019 note"])
def test_an_outlets_note_label_is_layout_not_a_speaker(nlp, label):
    text = f"Harbor talks stall\n\n{label}: There are images in this post that some readers may find distressing.\n\nThe mayor said the pier would reopen."
    doc = nlp(text)
    assert [text[s:e] for s, e in doc._.boilerplate] == [label]
    assert [s.content.text for s in doc._.statements] == ["the pier would reopen"]


def test_a_hard_wrapped_line_goes_on_with_its_sentence_and_the_words_run_over_the_break(nlp):
    text = ("Harbor row\n\nThe port closed in May.\n\nSeveral local papers reported last week that the harbour master\n"
            "had resigned over the closure.\n\nThe port reopened.\nIt was busy.")
    article = storyline.analyze(text, published="2025-03-05")
    words = [s.content.text for s in article.statements if "harbour master" in s.content.text]
    assert words and "had resigned over the closure" in words[0]
    doc = nlp(text)
    assert any(sent.text.startswith("It was busy") for sent in doc.sents)  # a capital after a full stop: a sentence of its own


def test_words_the_model_cuts_at_a_hard_wrapped_line_run_on_to_their_clause_end(nlp):
    text = ("Harbor row\n\nThe port closed in May.\n\n"
            "Several local websites reported last week that Ann Roe\nhad been arrested by police.\n\nThe port reopened.")
    doc = nlp(text)
    words = [s.content.text for s in doc._.statements if "Ann Roe" in s.content.text]
    assert words == ["that Ann Roe\nhad been arrested by police"]
