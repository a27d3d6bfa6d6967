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
