"""`storyline eval people`: the coreference metrics on small cases worked by hand, and the command on a tiny file."""
from __future__ import annotations

import json

import pytest

from storyline.eval.people import b_cubed, ceaf_e, muc, pairwise, score

KEY = [{"a", "b", "c"}, {"d"}]
RESPONSE = [{"a", "b"}, {"c", "d"}]


def test_a_perfect_response_scores_one():
    assert all(v == pytest.approx(1.0) for v in score(KEY, KEY).values())


def test_metrics_by_hand():
    assert muc(KEY, RESPONSE) == pytest.approx((0.5, 0.5, 0.5))  # recall (3-2)/2, precision (1 + 0)/2
    p, r, _ = b_cubed(KEY, RESPONSE)
    assert r == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4) and p == pytest.approx((1 + 1 + 0.5 + 0.5) / 4)
    # CEAF-e: best alignment {a,b,c}~{a,b} (2*2/5) and {d}~{c,d} (2*1/3)
    assert ceaf_e(KEY, RESPONSE)[0] == pytest.approx((0.8 + 2 / 3) / 2)
    assert pairwise(KEY, RESPONSE) == pytest.approx((0.5, 1 / 3, 0.4))


def test_all_singletons_split_everything():
    singletons = [{m} for c in KEY for m in c]
    assert muc(KEY, singletons)[1] == 0 and pairwise(KEY, singletons)[1] == 0


def test_command_scores_gold_mentions_through_cached_records(tmp_path, capsys):
    from storyline.cli import main

    text = "Mark Teixeira signed. Teixeira smiled."
    rows = [{"id": f"d{i}", "text": text, "split": split, "persons": [
        {"start": 0, "end": 13, "name": [0, 13], "gold": "t1"}, {"start": 22, "end": 30, "name": [22, 30], "gold": "t1"}]}
        for i, split in enumerate(("train", "dev"))]
    assert text[0:13] == "Mark Teixeira" and text[22:30] == "Teixeira"
    records = [{"id": r["id"], "published": None, "entities": [{"id": "e1", "name": "Mark Teixeira", "type": "PERSON", "roles": [],
               "mentions": [{"start": 0, "end": 13, "text": "Mark Teixeira"}, {"start": 22, "end": 30, "text": "Teixeira"}]}]} for r in rows]
    gold, cache = tmp_path / "gold.jsonl", tmp_path / "records.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows))
    cache.write_text("".join(json.dumps(r) + "\n" for r in records))
    assert main(["eval", "people", str(gold), "--records", str(cache), "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["all"]["mentions"] == 4 and scores["all"]["conll_f1"] == pytest.approx(1.0)
    assert scores["dev"]["mentions"] == 2
