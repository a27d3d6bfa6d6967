"""Each pattern storyline must handle, checked on the bundled sample story (samples/harbor.jsonl)."""
from __future__ import annotations

import pytest

from conftest import check_record, statement_with


def entity_named(article, name):
    found = [e for e in article.entities if e.name == name]
    assert found, f"no entity {name!r}; have {[e.name for e in article.entities]}"
    return found[0]


def speaker_of(article, statement):
    return article.entity(statement.speaker)


def test_every_record_validates_and_every_span_indexes_its_text(sample_articles, schema):
    assert len(sample_articles) == 8
    for article in sample_articles.values():
        check_record(article, schema)
        assert article.statements, article.id


# Layout


def test_headline_is_the_first_line(sample_articles):
    article = sample_articles["harbor-01"]
    headline = [s for s in article.sections if s.kind == "headline"]
    assert len(headline) == 1
    assert article.text[headline[0].start : headline[0].end] == article.title


def test_captions_and_photo_credits_are_kept_apart(sample_articles):
    article = sample_articles["harbor-01"]
    caption = next(c for c in article.captions if c.credit)
    assert caption.credit == "Rita Gomez/Coastal Wire"
    assert caption.text.startswith("Cranes stand idle")
    # A caption written on the line before a credit line belongs with it.
    article = sample_articles["harbor-02"]
    assert any(c.text.startswith("Transport Minister Jane Roe speaks to reporters") for c in article.captions)
    assert any(c.credit and c.credit.startswith("Tom Bright") for c in article.captions)


def test_labelled_section_leads_bullets_and_related_links(sample_articles):
    article = sample_articles["harbor-04"]
    leads = {s.label for s in article.sections if s.kind == "lead"}
    assert {"Driving the news", "The big picture", "Between the lines", "What they're saying"} <= leads
    for section in article.sections:
        assert article.text[section.start : section.end].strip()
        if section.kind == "lead":
            assert article.text[section.start : section.end] == section.label
    assert any(s.kind == "bullet" for s in article.sections)
    assert any(s.kind == "related" for s in sample_articles["harbor-01"].sections)


def test_layout_labels_and_credits_never_become_entities_or_speakers(sample_articles):
    labels = {"exclusive", "update", "driving the news", "the big picture", "why it matters", "flashback", "go deeper"}
    for article in sample_articles.values():
        credit_names = {part.split("/")[0].strip() for c in article.captions if c.credit for part in [c.credit]}
        bylines = [article.text[s.start : s.end] for s in article.sections if s.kind == "byline"]
        for entity in article.entities:
            assert entity.name.lower() not in labels
            assert entity.name not in credit_names, (article.id, entity.name)
            assert not any(entity.name in line for line in bylines), (article.id, entity.name)
        for statement in article.statements:
            assert (statement.speaker_name or "").lower() not in labels
            assert not (statement.source and statement.source.text.lower() in labels)


# Entities and roles


def test_title_before_name_is_a_role(sample_articles):
    article = sample_articles["harbor-02"]
    roe = entity_named(article, "Jane Roe")
    assert roe.type == "PERSON"
    assert "Transport Minister" in roe.roles
    poe = entity_named(sample_articles["harbor-03"], "Alan Poe")
    assert any("chairman" in role for role in poe.roles)


def test_rank_abbreviations_do_not_split_a_person(sample_articles):
    article = sample_articles["harbor-06"]
    doe = entity_named(article, "John Doe")
    assert any("Maj. Gen." in role for role in doe.roles)
    assert not any(e.name in {"Maj", "Maj.", "Gen.", "Army Maj"} for e in article.entities)


def test_apposition_is_a_role(sample_articles):
    lee = entity_named(sample_articles["harbor-04"], "Sam Lee")
    assert any(role.startswith("president of the Harbor Policy Group") for role in lee.roles)
    vance = [a for a in sample_articles.values() if any(e.name == "Nora Vance" for e in a.entities)]
    assert any(any("director" in r for r in entity_named(a, "Nora Vance").roles) for a in vance)


def test_surname_and_possessive_mentions_join_the_person(sample_articles):
    article = sample_articles["harbor-04"]
    lee = entity_named(article, "Sam Lee")
    texts = {m.text for m in lee.mentions}
    assert "Lee" in texts
    # "Lee's warning" is the person, not a place.
    assert not any(e.name == "Lee" and e.type != "PERSON" for e in article.entities)


def test_names_do_not_end_in_a_function_word(sample_articles):
    # "The Port Authority of" + "Calder Bay": the small model can cut a name at its place.
    for article in sample_articles.values():
        for entity in article.entities:
            assert entity.name.split()[-1].lower() not in {"of", "for", "and", "the", "in"}, (article.id, entity.name)


# Statements


def test_relative_words_are_never_speakers(sample_articles):
    relative = {"who", "whose", "which", "that"}
    for article in sample_articles.values():
        for statement in article.statements:
            words = (statement.speaker_name or "").lower().split()
            assert not words or words[0] not in relative, (article.id, statement.speaker_name)
    ostrander = [s for s in sample_articles["harbor-08"].statements if "common sense" in s.content.text]
    assert [speaker_of(sample_articles["harbor-08"], s).name for s in ostrander] == ["Mark Ostrander"]


def test_direct_quote_with_trailing_cue(sample_articles):
    article = sample_articles["harbor-01"]
    statement = statement_with(article, "We were not consulted")
    assert statement.kind == "direct"
    assert statement.cue.text == "said"
    assert speaker_of(article, statement).name == "Maria Costa"


def test_direct_quote_after_cue_and_colon(sample_articles):
    article = sample_articles["harbor-03"]
    statement = statement_with(article, "That is simply not the case")
    assert statement.kind == "direct"
    assert speaker_of(article, statement).name == "Alan Poe"
    assert statement.stance == "deny"


def test_quote_continuing_the_speaker_in_the_next_paragraph(sample_articles):
    article = sample_articles["harbor-05"]
    statement = statement_with(article, "Until someone puts their name to a promise")
    assert statement.kind == "direct"
    assert statement.speaker_name == "Ines Marlow"
    # A statement of its own (as the reporter's gold and PolNeAR mark a quote opening a new paragraph
    # after a closed one), credited to the speaker of the cued quote before it.
    cued = statement_with(article, "What we have not been told is who wrote it")
    assert cued is not statement and "Until someone" not in cued.content.text
    assert speaker_of(article, statement).name == speaker_of(article, cued).name == "Ines Marlow"


def test_bulleted_quote_lines(sample_articles):
    article = sample_articles["harbor-04"]
    statement = statement_with(article, "Closing the harbor was never a serious option")
    assert statement.kind == "direct"
    assert speaker_of(article, statement).name == "Sam Lee"
    continuing = statement_with(article, "We will not be consulted about a sale either")
    assert continuing.speaker is not None
    assert continuing.speaker == statement_with(article, "We were not consulted").speaker


def test_indirect_speech_with_addressee(sample_articles):
    article = sample_articles["harbor-02"]
    statement = statement_with(article, "no decision had been made on the future")
    assert statement.kind == "indirect"
    assert statement.cue.text == "told"
    assert statement.addressee == "reporters"
    assert speaker_of(article, statement).name == "Jane Roe"
    assert statement.stance == "deny"


def test_according_to(sample_articles):
    article = sample_articles["harbor-05"]
    statement = statement_with(article, "members at the port voted to back the action")
    assert statement.cue.text.lower() == "according to"
    assert statement.source.text == "the union"


def test_mixed_partial_quote_inside_paraphrase(sample_articles):
    article = sample_articles["harbor-03"]
    statement = statement_with(article, "redeploying its staff")
    assert statement.kind == "mixed"
    assert speaker_of(article, statement).name == "Alan Poe"


def test_statement_made_in_a_document(sample_articles):
    article = sample_articles["harbor-05"]
    statement = statement_with(article, "its members would walk out")
    assert "Dockworkers" in statement.source.text
    assert "Ministry of Transport" in (statement.addressee or "")


def test_headline_quote_without_cue_is_credited_to_the_body_speaker(sample_articles):
    article = sample_articles["harbor-07"]
    headline = next(s for s in article.sections if s.kind == "headline")
    statement = next(s for s in article.statements if headline.start <= s.content.start < headline.end and "Serious but not fatal" in s.content.text)
    assert statement.cue is None
    assert speaker_of(article, statement).name == "John Doe"


def test_pronoun_sources_are_resolved_to_people(sample_articles):
    article = sample_articles["harbor-02"]
    statement = statement_with(article, "People are frightened")
    assert statement.source.text == "she"
    assert speaker_of(article, statement).name == "Ines Marlow"
    for article in sample_articles.values():
        for statement in article.statements:
            assert (statement.speaker_name or "").lower() not in {"he", "she", "they", "it"}


def test_description_sources_are_resolved_to_people(sample_articles):
    article = sample_articles["harbor-06"]
    statement = statement_with(article, "We have the equipment")
    assert statement.source.text == "the general"
    assert speaker_of(article, statement).name == "John Doe"
    spokeswoman = statement_with(sample_articles["harbor-05"], "The strike could be called off")
    assert spokeswoman.speaker_name == "Ines Marlow"


# Stance


@pytest.mark.parametrize(
    ("article_id", "words", "stance"),
    [
        ("harbor-03", "No decision has been taken", "deny"),
        ("harbor-08", "the government had known about the memo", "deny"),
        ("harbor-04", "use the moment to sell the port", "hedge"),
        ("harbor-06", "might cost about a third", "hedge"),
        ("harbor-01", "her members had learned of the plan", "assert"),
    ],
)
def test_stance(sample_articles, article_id, words, stance):
    assert statement_with(sample_articles[article_id], words).stance == stance


# Time


def test_statement_time_is_resolved_against_publication_date(sample_articles):
    article = sample_articles["harbor-02"]  # published Tuesday 2021-03-09
    statement = statement_with(article, "no decision had been made on the future")
    time = article.time(statement.time)
    assert time is not None and time.text == "Tuesday morning"
    assert time.value == "2021-03-09TMO"
    night = next(t for t in article.times if t.text == "last night")
    assert night.value == "2021-03-08TNI"
