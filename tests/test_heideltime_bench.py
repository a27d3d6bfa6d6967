"""bench/heideltime_bench.py: HeidelTime's inline TIMEX3 output aligned back to offsets in the original
text (synthetic strings; no Java, no ../shared)."""
from __future__ import annotations

import importlib.util
import sys

from conftest import ROOT

spec = importlib.util.spec_from_file_location("heideltime_bench", ROOT / "bench" / "heideltime_bench.py")
bench = importlib.util.module_from_spec(spec)
sys.modules["heideltime_bench"] = bench
spec.loader.exec_module(bench)

HEADER = '<?xml version="1.0"?>\n<!DOCTYPE TimeML SYSTEM "TimeML.dtd">\n<TimeML>\n'
ORIGINAL = 'Shares fell on Monday,  March 3 & "now" <b>.\nTwo weeks later\tprofits rose every day.'


def output(body: str) -> str:
    return HEADER + body + "\n\n</TimeML>\n"


def check_spans(timexes, original: str) -> None:
    for timex in timexes:  # every span is checked against the text it indexes
        assert original[timex.start:timex.end] == timex.text
        assert timex.text == timex.text.strip()


def test_output_with_the_same_text_keeps_every_offset_and_attribute():
    body = ('Shares fell on <TIMEX3 tid="t1" type="DATE" value="2008-03-03">Monday,  March 3</TIMEX3> & '
            '"<TIMEX3 tid="t2" type="DATE" value="PRESENT_REF">now</TIMEX3>" <b>.\n'
            '<TIMEX3 tid="t3" type="DATE" value="2008-03-17">Two weeks later</TIMEX3>\tprofits rose '
            '<TIMEX3 tid="t4" type="SET" value="P1D" quant="EVERY">every day</TIMEX3>.')
    timexes, unaligned = bench.align_timeml(output(body), ORIGINAL)
    assert unaligned == 0
    check_spans(timexes, ORIGINAL)
    assert [(t.text, t.type, t.value) for t in timexes] == [
        ("Monday,  March 3", "DATE", "2008-03-03"), ("now", "DATE", "PRESENT_REF"),
        ("Two weeks later", "DATE", "2008-03-17"), ("every day", "SET", "P1D")]
    assert timexes[0].start == ORIGINAL.index("Monday")


def test_changed_whitespace_is_aligned_to_the_original():
    # HeidelTime's text with whitespace collapsed, a line break moved and the tag's edges padded.
    body = ('Shares fell on <TIMEX3 tid="t1" type="DATE" value="2008-03-03"> Monday, March\n3</TIMEX3> & "now" <b>. '
            'Two weeks later profits rose <TIMEX3 tid="t4" type="SET" value="P1D">every  day</TIMEX3>.')
    timexes, unaligned = bench.align_timeml(output(body), ORIGINAL)
    assert unaligned == 0
    check_spans(timexes, ORIGINAL)
    assert [t.text for t in timexes] == ["Monday,  March 3", "every day"]


def test_changed_characters_elsewhere_are_aligned_and_a_tag_over_changed_text_is_counted():
    original = "On Monday the firm, Acme Inc., said sales rose in 2007 and again this year."
    # Characters dropped before the first tag and the tagged text itself altered in the second.
    body = ('On <TIMEX3 tid="t1" type="DATE" value="2008-03-03">Monday</TIMEX3> the firm, Acme, said sales rose in '
            '<TIMEX3 tid="t2" type="DATE" value="2007">2OO7</TIMEX3> and again '
            '<TIMEX3 tid="t3" type="DATE" value="2008">this year</TIMEX3>.')
    timexes, unaligned = bench.align_timeml(output(body), original)
    assert unaligned == 1
    check_spans(timexes, original)
    assert [(t.text, t.value) for t in timexes] == [("Monday", "2008-03-03"), ("this year", "2008")]
    assert timexes[1].start == original.index("this year")


def test_output_without_timexes_or_with_an_empty_tag_gives_no_span():
    assert bench.align_timeml(output("No time here."), "No time here.") == ([], 0)
    timexes, unaligned = bench.align_timeml(output('Empty <TIMEX3 tid="t1" type="DATE" value="X"></TIMEX3>here.'),
                                            "Empty here.")
    assert (timexes, unaligned) == ([], 1)


def test_strip_timeml_reads_the_body_between_the_timeml_tags():
    plain, spans = bench.strip_timeml(output('a <TIMEX3 tid="t1" type="TIME" value="T10:00">10 am</TIMEX3> b'))
    assert plain == "\na 10 am b\n\n"
    [(start, end, attributes)] = spans
    assert plain[start:end] == "10 am"
    assert attributes == {"tid": "t1", "type": "TIME", "value": "T10:00"}
