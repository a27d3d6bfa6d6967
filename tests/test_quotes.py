"""Pairing quotation marks (storyline.nlp.quotes), including British single-quote style."""
from __future__ import annotations

import storyline
from storyline.nlp.quotes import find_quotes


def inners(text: str) -> list[str]:
    return [text[q.inner[0] : q.inner[1]] for q in find_quotes(text)]


def test_single_quotes_quote_in_a_paragraph_without_double_marks() -> None:
    text = "'We have had to make difficult choices,' Ms Hart said. 'Nobody wants this.'"
    assert inners(text) == ["We have had to make difficult choices,", "Nobody wants this."]


def test_a_plural_possessive_inside_a_single_quote_does_not_end_it() -> None:
    text = "'We will defend the dockers' jobs,' he said."
    assert inners(text) == ["We will defend the dockers' jobs,"]


def test_apostrophes_are_not_quotes() -> None:
    assert inners("The workers' union said it's the music of the '90s and rock 'n' roll.") == []


def test_single_quotes_inside_a_paragraph_with_double_marks_are_not_quotes_of_their_own() -> None:
    text = '"He said \'no way\' twice," she said.'
    assert inners(text) == ["He said 'no way' twice,"]


def test_british_quotes_make_direct_statements() -> None:
    text = (
        "Chancellor defends fuel rise\n\n"
        "The Chancellor, Rachel Hart, said on Monday that fuel duty would rise from April.\n\n"
        "'We have had to make difficult choices,' Ms Hart told reporters. 'Nobody wants to do this.'"
    )
    article = storyline.analyze(text, published="2026-11-25")
    quoted = [s for s in article.statements if "difficult choices" in s.content.text]
    assert quoted and quoted[0].kind == "direct"
    for s, e in quoted[0].content.spans:
        assert text[s:e] in quoted[0].content.text


def test_two_apostrophes_quote_like_a_double_mark() -> None:
    text = "''It's anti-reform,'' said Ms. Lee. The plan was ''taking a close look'' at costs."
    assert inners(text) == ["It's anti-reform,", "taking a close look"]


def test_two_apostrophes_inside_a_word_or_alone_are_no_quote() -> None:
    assert inners("The sign read O''Brien's Bar, and a lone '' stood there.") == []


def test_two_backticks_open_a_quote_that_two_apostrophes_close() -> None:
    text = "``We are ready,'' the coach said. Fans called it ``the best night in years''."
    assert inners(text) == ["We are ready,", "the best night in years"]


def test_a_backtick_quote_makes_a_direct_statement() -> None:
    text = "Cup final\n\n``We are ready for Saturday,'' the coach said."
    article = storyline.analyze(text, published="2025-03-05")
    quoted = [s for s in article.statements if "We are ready for Saturday" in s.content.text]
    assert [s.kind for s in quoted] == ["direct"]
    for s, e in quoted[0].content.spans:
        assert text[s:e] in quoted[0].content.text


def test_a_closing_mark_that_opens_a_paragraph_opens_a_quote() -> None:
    text = "The review was kind.\n\n” … he spoke with a calm that few could match,” the critic wrote.\n\nShe left.”"
    assert inners(text) == [" … he spoke with a calm that few could match,"]


def test_guillemets_quote_like_double_marks() -> None:
    assert inners("«We will not sell,» the mayor said. She called it «a bad deal».") == ["We will not sell,", "a bad deal"]


def test_an_opening_mark_shaped_as_a_closing_closes_a_curly_quote() -> None:
    text = "After what she called a “rant,“ a series of posts, a doctor typed “severe exhaustion.”"
    assert inners(text) == ["rant,", "severe exhaustion."]


def test_a_stray_closing_mark_opens_no_quote() -> None:
    # The opening mark before "a review" was lost: read as an opening, the stray would pair with the next
    # mark and every later quote of the paragraph would be read inside out.
    text = 'He gave a review of his systems" and little else. The only "medical records" shown said he was "very fit."'
    assert inners(text) == ["medical records", "very fit."]


def test_a_closing_mark_shaped_as_an_opening_opens_a_quote_inside_a_paragraph() -> None:
    text = "Aides said they could not ”get close to the candidate” on policy."
    assert inners(text) == ["get close to the candidate"]


def test_words_inside_an_excerpt_that_reports_them_are_not_direct() -> None:
    # The quote marks are the outlet's quoting of another paper; the senator's words are reported, not quoted.
    text = ('Campaign cash\n\nThe Ledger reported on the race on Monday:\n\n'
            '"On Sunday, Senator Ruth Ames announced that she had raised $20 million in January alone."')
    article = storyline.analyze(text, published="2025-03-05")
    raised = [s for s in article.statements if "raised $20 million" in s.content.text and "announced" not in s.content.text]
    assert raised and all(s.kind == "indirect" for s in raised)
    for statement in raised:
        for s, e in statement.content.spans:
            assert text[s:e] in statement.content.text


def test_a_headline_label_is_direct_only_in_the_speakers_first_person() -> None:
    own = "Chef Marco Bellini: My Restaurant Empire Is Finished\n\nThe chef said on Monday he was closing his six restaurants."
    summary = "Mayor Ann Price: Harbor Will Stay Open\n\nThe mayor said on Monday the harbor would stay open through winter."
    for text, kind in ((own, "direct"), (summary, "indirect")):
        article = storyline.analyze(text, published="2025-03-05")
        headline = text.split("\n")[0]
        labelled = [s for s in article.statements if s.content.text in headline]
        assert [s.kind for s in labelled] == [kind]
        for s, e in labelled[0].content.spans:
            assert text[s:e] in labelled[0].content.text


def test_a_curly_quote_inside_a_straight_one_is_nested() -> None:
    text = '"WALSH: She thinks this is an episode of “Shark Tank.” But this is serious business," he read out.'
    quotes = find_quotes(text)
    assert [(text[q.inner[0] : q.inner[1]], q.nested) for q in quotes] == [
        ('WALSH: She thinks this is an episode of “Shark Tank.” But this is serious business,', False),
        ("Shark Tank.", True),
    ]


def test_a_nested_quote_counts_for_kind_inside_an_excerpt() -> None:
    # The outer straight quote is the outlet's excerpt (it holds the cue); the doctor's words are partly quoted.
    text = ('Hospital records\n\nThe Ledger reported on the case on Monday:\n\n'
            '"She had been discharged after two weeks, and a doctor later wrote that she was “a danger to herself.” She denied it."')
    article = storyline.analyze(text, published="2025-03-05")
    wrote = [s for s in article.statements if "a danger to herself" in s.content.text]
    assert [s.kind for s in wrote] == ["mixed"]
    for s, e in wrote[0].content.spans:
        assert text[s:e] in wrote[0].content.text


def test_quotes_joined_only_by_and_are_direct() -> None:
    text = 'Harbour protest\n\nDemonstrators chanted "Down with the levy" and "Save our port."'
    article = storyline.analyze(text, published="2025-03-05")
    chanted = [s for s in article.statements if "Save our port" in s.content.text]
    for statement in chanted:
        assert all(text[a:b] in statement.content.text for a, b in statement.content.spans)
    assert [s.kind for s in chanted] == ["direct"]


def test_a_single_quoted_quotation_runs_on_over_paragraphs_that_open_with_a_fresh_mark() -> None:
    text = ("The harbour master said: 'We work in shifts, so we see a lot of boats.\n\n"
            "'At first nobody noticed the leak.\n\n'Then we called the coastguard.'\n\nThe port reopened.")
    assert inners(text) == ["We work in shifts, so we see a lot of boats.", "At first nobody noticed the leak.",
                            "Then we called the coastguard."]
    assert [q.closed for q in find_quotes(text)] == [False, False, True]
    article = storyline.analyze("Harbor row\n\n" + text, published="2026-11-25")
    quoted = [s for s in article.statements if "We work in shifts" in s.content.text]
    assert quoted and quoted[0].kind == "direct" and "coastguard" in quoted[0].content.text
    for s, e in quoted[0].content.spans:
        assert text[s - len("Harbor row\n\n") : e - len("Harbor row\n\n")] in quoted[0].content.text


def test_an_unclosed_single_mark_before_a_paragraph_of_prose_quotes_nothing() -> None:
    assert inners("Locals call it 'the Rock and always have.\n\nThe port reopened.") == []


def test_a_hard_wrapped_line_stays_in_its_paragraph_and_its_quote() -> None:
    text = "The mayor said: 'I wish I had been on the\nharbour that night.'\n\nThe port reopened."
    assert inners(text) == ["I wish I had been on the\nharbour that night."]


def test_a_cue_word_inside_a_quote_does_not_carry_the_next_paragraph_of_the_quotation() -> None:
    text = ("Harbor row\n\nThe harbour master spoke on Monday.\n\n"
            "'This demonstrates what the crews have told us for years, that the port was never safe.\n\n"
            "'The ferries have been late for years and nobody has listened to them.'\n\nThe port reopened.")
    article = storyline.analyze(text, published="2026-11-25")
    said = [s for s in article.statements if "nobody has listened" in s.content.text]
    assert said and all("told us for years" not in s.content.text for s in said)
