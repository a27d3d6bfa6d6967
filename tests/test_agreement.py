"""bench/agreement.py's say/write agreement: every annotator's attributions get the group table's act and
each side keeps its own say/write, on a tiny PolNeAR compartment written here."""
from __future__ import annotations

import importlib.util
import sys

import pytest
from conftest import ROOT

_spec = importlib.util.spec_from_file_location("agreement", ROOT / "bench" / "agreement.py")
agreement = importlib.util.module_from_spec(_spec)
sys.modules["agreement"] = agreement  # its dataclasses look their module up
_spec.loader.exec_module(agreement)

TEXT = ("The mayor said the budget was balanced.\n\n"
        "Critics believe the plan will fail.\n\n"
        "The coach grinned, \u201cWe won.\u201d\n")


def _ann(*attributions: tuple[str, str, str]) -> str:
    lines, number = [], 0
    for event, (source, cue, content) in enumerate(attributions, 1):
        ids = []
        for label, words in (("Source", source), ("Cue", cue), ("Content", content)):
            number += 1
            start = TEXT.index(words)
            lines.append(f"T{number}\t{label} {start} {start + len(words)}\t{words}")
            ids.append(f"T{number}")
        lines.append(f"E{event}\tAttribution:{ids[1]} Source:{ids[0]} Cue:{ids[1]} Content:{ids[2]}")
    return "\n".join(lines) + "\n"


SAID = ("The mayor", "said", "the budget was balanced")
BELIEVE = ("Critics", "believe", "the plan will fail")
GRINNED = ("The coach", "grinned", "\u201cWe won.\u201d")


def test_each_side_keeps_its_own_say_write(tmp_path):
    directory = tmp_path / "dev"
    (directory / "text").mkdir(parents=True)
    (directory / "attributions").mkdir()
    (directory / "text" / "paper_x.txt").write_text(TEXT, encoding="utf-8")
    # the first annotator marks the statement and the belief; the second the statement and a cue no group row lists
    (directory / "attributions" / "paper_x_aaaa.ann").write_text(_ann(SAID, BELIEVE), encoding="utf-8")
    (directory / "attributions" / "paper_x_bbbb.ann").write_text(_ann(SAID, GRINNED), encoding="utf-8")

    annotated = {f"dev/{name}": anns for name, anns in agreement.annotations(directory).items()}
    assert agreement.annotator_acts(annotated) == {"dev/paper_x": [["say", "think"], ["say", None]]}

    result = agreement.score_speech(tmp_path, tmp_path / "no_acts.tsv", with_storyline=False)
    assert result["group acts, every annotator"] == {"say": 2, "think": 1, "None": 1}
    # the belief is no statement: left out on the first side, the two annotators agree on say/write
    left_out = result["say/write, unlabelled left out"]["all ordered pairs"]
    assert (left_out["pairs"], left_out["gold"], left_out["matched"], left_out["R"], left_out["P"]) == (2, 2, 2, 1.0, 1.0)
    assert left_out["fully"] == 1.0
    # the unlabelled cue counted as say/write: the second annotator holds one statement the first lacks
    counted = result["say/write, unlabelled as say/write"]["all ordered pairs"]
    assert (counted["gold"], counted["matched"], counted["R"]) == (3, 2, pytest.approx(2 / 3, abs=1e-4))
    # the first's say/write against everything the second marked: found whatever its act
    found = result["say/write vs all the other marked"]["all ordered pairs"]
    assert (found["gold"], found["matched"]) == (2, 2)
    assert "group acts vs dev's hand acts (first annotator)" not in result  # no acts file
