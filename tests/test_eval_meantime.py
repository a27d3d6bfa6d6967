"""The MEANTIME scorer: text rebuilt from CAT XML tokens, gold offsets, the creation time and the
unannotated tail left out of the score, and the same TempEval-3 measures as `eval timeml`."""
from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from storyline.eval import meantime
from storyline.eval.timeml import Timex

# A hand-made article: title (sentence 0), date line (1), body sentences 2..7. Only sentences 0..5 are
# annotated, as in MEANTIME; the "Friday" of sentence 7 has no gold and must not be scored.
_SENTENCES = [
    "Acme opens a plant in Ohio",
    "March 2 , 2010",
    "Acme said on Monday it had opened a plant .",
    'The plant took " three years " to build , the company said .',
    "It will hire 200 workers next month .",
    "Shares rose 3 % .",
    "Rivals were quiet .",
    "A second plant opens on Friday .",
]
_TIMEX = [  # (words as (sentence, index), type, value, function)
    ([(1, 0), (1, 1), (1, 2), (1, 3)], "DATE", "2010-03-02", "CREATION_TIME"),
    ([(2, 3)], "DATE", "2010-03-01", "NONE"),
    ([(3, 4), (3, 5)], "DURATION", "P3Y", "NONE"),
    ([(4, 5), (4, 6)], "DATE", "2010-04", "NONE"),
    ([], "DATE", "2010-02", "NONE"),  # an interval end point with no words
]


def _cat_xml() -> str:
    tokens, ids, t_id = [], {}, 0
    for sentence, words in enumerate(_SENTENCES):
        for index, word in enumerate(words.split(" ")):
            t_id += 1
            ids[(sentence, index)] = t_id
            escaped = word.replace("&", "&amp;").replace('"', "&quot;")
            tokens.append(f'<token t_id="{t_id}" sentence="{sentence}" number="{t_id - 1}">{escaped}</token>')
    markables = []
    for m_id, (words, kind, value, function) in enumerate(_TIMEX, start=1):
        anchors = "".join(f'<token_anchor t_id="{ids[w]}"/>' for w in words)
        markables.append(f'<TIMEX3 m_id="{m_id}" type="{kind}" value="{value}" functionInDocument="{function}">{anchors}</TIMEX3>')
    return (
        '<?xml version="1.0" ?><Document doc_id="1" doc_name="acme_plant" lang="en">'
        + "\n".join(tokens)
        + "<Markables>" + "".join(markables) + '<ENTITY_MENTION m_id="99"><token_anchor t_id="1"/></ENTITY_MENTION>'
        + "</Markables><Relations/></Document>"
    )


@pytest.fixture
def cat(tmp_path: Path) -> Path:
    path = tmp_path / "acme_plant.xml"
    path.write_text(_cat_xml(), encoding="utf-8")
    return path


def test_text_is_rebuilt_and_gold_indexes_it(cat: Path) -> None:
    parsed = meantime.parse(cat)
    document = parsed.document
    assert document.text.startswith("Acme opens a plant in Ohio\n\nMarch 2, 2010\n\nAcme said on Monday")
    assert 'took "three years" to build, the company said.' in document.text
    assert "3%." in document.text
    assert document.dct == "2010-03-02"
    assert [(g.text, g.type, g.value) for g in document.gold] == [
        ("Monday", "DATE", "2010-03-01"), ("three years", "DURATION", "P3Y"), ("next month", "DATE", "2010-04")]
    for gold in document.gold:
        assert document.text[gold.start:gold.end] == gold.text
    start, end = parsed.creation
    assert document.text[start:end] == "March 2, 2010"
    # The annotated part ends where sentence 6 starts.
    assert document.text[parsed.annotated_end:].startswith("Rivals were quiet.")


def test_creation_time_and_unannotated_tail_are_not_scored(cat: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    document = meantime.parse(cat).document
    text = document.text

    def at(phrase: str, kind: str, value: str | None) -> Timex:
        start = text.index(phrase)
        return Timex(start, start + len(phrase), phrase, kind, value)

    predicted = [
        at("March 2, 2010", "DATE", "2010-03-02"),  # the creation time: left out
        at("Monday", "DATE", "2010-03-01"),  # right
        at("three years", "DATE", "P3Y"),  # wrong type
        at("200", "DATE", None),  # spurious, inside the annotated part
        at("Friday", "DATE", "2010-03-05"),  # after the annotated part: left out
    ]
    monkeypatch.setattr(meantime, "predict", lambda documents: iter([predicted for _ in documents]))
    errors: list[tuple] = []
    score, failed = meantime.evaluate([str(cat)], errors)
    assert failed == 0
    assert (score.gold, score.predicted, score.strict, score.matched) == (3, 3, 2, 2)
    assert (score.type_correct, score.value_correct) == (1, 2)
    assert sorted(kind for kind, _, _ in errors) == ["missed DATE", "spurious DATE", "type DURATION->DATE"]


def test_a_bad_file_is_named_and_the_batch_goes_on(cat: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text("<Document><token t_id='1'>cut", encoding="utf-8")
    monkeypatch.setattr(meantime, "predict", lambda documents: iter([[] for _ in documents]))
    score, failed = meantime.evaluate([str(tmp_path)], [])
    assert failed == 1 and score.gold == 3
    assert "broken.xml" in capsys.readouterr().err


def test_main_runs_the_pipeline_and_lists_counts_only(cat: Path, capsys: pytest.CaptureFixture[str]) -> None:
    try:
        from storyline.nlp.pipeline import load

        load()
    except OSError:
        pytest.skip("the small English model is not installed")
    assert meantime.main(argparse.Namespace(directory=[str(cat.parent)])) == 0
    out = capsys.readouterr().out
    assert "1 MEANTIME files" in out and "strict span" in out and "value" in out
    assert "'" not in out.split("error kinds")[-1]  # kinds and counts, never the words of an error


def test_main_names_missing_paths(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = str(tmp_path / "nowhere")
    assert meantime.main(argparse.Namespace(directory=[missing])) == 2
    assert missing in capsys.readouterr().err


def test_corpus_smoke() -> None:
    corpus = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "meantime" / "corpus_apple"
    if not corpus.is_dir():
        pytest.skip(f"MEANTIME data not found at {corpus}")
    for path in sorted(corpus.glob("*.xml"))[:5]:
        parsed = meantime.parse(path)
        assert parsed.document.dct and parsed.creation
        for gold in parsed.document.gold:
            assert parsed.document.text[gold.start:gold.end] == gold.text
            assert gold.start < parsed.annotated_end


@pytest.mark.parametrize("creation_markable", ["removed", "marked NONE"])
def test_date_line_is_the_creation_time_when_no_timex_marks_it(tmp_path: Path, creation_markable: str) -> None:
    path = tmp_path / "no_creation.xml"
    xml = _cat_xml()
    if creation_markable == "removed":
        start = xml.index('<TIMEX3 m_id="1"')
        xml = xml[:start] + xml[xml.index("</TIMEX3>", start) + len("</TIMEX3>"):]
    else:
        xml = xml.replace('functionInDocument="CREATION_TIME"', 'functionInDocument="NONE"')
    path.write_text(xml, encoding="utf-8")
    parsed = meantime.parse(path)
    assert parsed.document.dct == "2010-03-02"
    start, end = parsed.creation
    assert parsed.document.text[start:end] == "March 2, 2010"
    assert [g.text for g in parsed.document.gold] == ["Monday", "three years", "next month"]
