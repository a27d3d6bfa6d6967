"""bench/hand_judgement.py: keys, merge and scores on synthetic records (no ../shared needed)."""
from __future__ import annotations

import ast
import importlib.util
import json
import sys

from conftest import ROOT

spec = importlib.util.spec_from_file_location("hand_judgement", ROOT / "bench" / "hand_judgement.py")
hand = importlib.util.module_from_spec(spec)
sys.modules["hand_judgement"] = hand  # its dataclass looks its module up
spec.loader.exec_module(hand)


def article(statements: list[dict], entities: list[dict] | None = None) -> dict:
    return {"entities": entities or [], "statements": statements}


def statement(spans: list[list[int]], act: str = "say", speaker: str | None = None, name: str | None = None) -> dict:
    return {"content": {"spans": spans}, "act": act, "speaker": speaker, "speaker_name": name}


def label(statement_: bool = True, speaker: str = "right", words: bool = True, kind: bool = True, stance: bool = True, **extra) -> dict:
    return {"statement": statement_, "speaker_label": speaker, "words": words, "kind": kind, "stance": stance, **extra}


def test_output_records_keep_said_or_written_and_key_by_the_resolved_name():
    records = {"a": article(
        [statement([[10, 20]], speaker="e1", name="Dana"), statement([[30, 40]], act="think", name="Analysts")],
        [{"id": "e1", "name": "Dana Whitcombe"}],
    )}
    rows = hand.output_records(records)
    assert [row["key"] for row in rows] == [("a", ((10, 20),), hand.name_hash("Dana Whitcombe"))]
    assert rows[0]["speaker_name"] == "Dana Whitcombe"


def test_name_hash_ignores_spacing_and_keeps_no_text():
    assert hand.name_hash("Dana  Whitcombe") == hand.name_hash("Dana Whitcombe")
    assert "Dana" not in hand.name_hash("Dana Whitcombe")
    assert hand.name_hash(None) is None and hand.name_hash("") is None


def test_judgements_merge_by_key_and_a_changed_speaker_needs_judging_again(tmp_path):
    path = tmp_path / "judgements.jsonl"
    lines = [
        {"type": "record", "article": "a", "content": [[10, 20]], "speaker": hand.name_hash("Dana Whitcombe"), **label()},
        {"type": "listed", "article": "a", "content": [[10, 20]]},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    labels, listed = hand.load_judgements(path)
    same = hand.record_key("a", [[10, 20]], hand.name_hash("Dana Whitcombe"))
    other_speaker = hand.record_key("a", [[10, 20]], hand.name_hash("Whitcombe"))
    assert same in labels and other_speaker not in labels
    assert len(listed["a"]) == 1


def test_a_record_typed_otherwise_since_its_judgement_is_listed_to_judge_again():
    key = hand.record_key("a", [[10, 20]], None)
    row = lambda kind, stance: {"key": key, "statement": {"kind": kind, "stance": stance}}  # noqa: E731
    labels = {key: {**label(), "typed": {"kind": "direct", "stance": "assert"}}}
    assert hand.retyped(labels, [row("direct", "assert")]) == []
    assert hand.retyped(labels, [row("direct", "hedge")]) == [row("direct", "hedge")]
    assert hand.retyped(labels, [row("indirect", "assert")]) == [row("indirect", "assert")]
    # not a statement: what it was typed does not matter; an older judgement without "typed" is taken as is
    assert hand.retyped({key: {"statement": False, "typed": {"kind": "direct", "stance": "assert"}}}, [row("mixed", "deny")]) == []
    assert hand.retyped({key: label()}, [row("mixed", "deny")]) == []


def test_unknown_judgement_type_names_the_line(tmp_path):
    path = tmp_path / "judgements.jsonl"
    path.write_text('{"type": "record", "article": "a", "content": [], "speaker": null}\n{"type": "bogus"}\n', encoding="utf-8")
    try:
        hand.load_judgements(path)
    except ValueError as error:
        assert f"{path}:2" in str(error)
    else:
        raise AssertionError("a bad line must fail")


def test_measures_count_statements_speakers_and_fully_usable():
    labels = [
        label(),
        label(speaker="broken"),
        label(words=False),
        {"statement": False, "pattern": "think"},
    ]
    table = hand.measures(labels)
    assert table["statements"] == (3, 4)
    assert table["speaker right"] == (2, 3)
    assert table["speaker right incl. broken name"] == (3, 3)
    assert table["words right"] == (2, 3)
    assert table["fully usable"] == (1, 4)


def test_recall_pairs_one_to_one_so_two_quotes_joined_find_one_statement():
    listed = {"a": [{"article": "a", "content": [[0, 40]]}, {"article": "a", "content": [[50, 90]]}, {"article": "a", "content": [[200, 220]]}]}
    rows = [{"article": "a", "statement": {"content": {"spans": [[0, 40], [50, 90]]}}}]
    found, total, missed = hand.recall(listed, rows, ["a"])
    assert (found, total) == (1, 3)
    assert [hand.covered(m, rows) for m in missed] == [True, False]


def test_sample_is_seeded_and_ordered():
    rows = [{"key": ("a", ((i, i + 1),), None)} for i in range(400)]
    first = hand.sample(rows, 20, seed=1)
    assert first == hand.sample(rows, 20, seed=1)
    assert first != hand.sample(rows, 20, seed=2)
    assert first == sorted(first, key=lambda row: row["key"][1])
    assert hand.sample(rows[:5], 20) == rows[:5]


def test_patterns_name_each_error():
    counts = hand.patterns([
        {"statement": False, "pattern": "layout"},
        label(speaker="wrong", words=False, errors={"speaker": "wrong: a person quoted nearby", "words": "quotes joined"}),
    ])
    assert counts == {"not a statement: layout": 1, "speaker: wrong: a person quoted nearby": 1, "words: quotes joined": 1}


def synthetic_data(root, per_topic: int = 6, bodies: int = 40):
    """Timeline17 topics and FNC-1 bodies of 200 words each, laid out as ../shared/data holds them."""
    text = " ".join(["word"] * 200)
    outlets = ("bbc", "cnn", "foxnews", "guardian", "reuters", "washingtonpost")
    for t, topic in enumerate(hand.TOPICS):
        folder = root / "timeline17" / topic
        folder.mkdir(parents=True)
        with open(folder / "articles.jsonl", "w", encoding="utf-8") as handle:
            for i in range(per_topic):
                handle.write(json.dumps({"id": f"{outlets[i % len(outlets)]}/2010-01-0{t + 1}/{t}{i}", "text": text}) + "\n")
    (root / "fnc1").mkdir()
    with open(root / "fnc1" / "train_bodies.csv", "w", encoding="utf-8") as handle:
        handle.write("Body ID,articleBody\n" + "".join(f'{i},"{text}"\n' for i in range(bodies)))
    return root


def test_a_later_round_takes_none_of_an_earlier_rounds_articles(tmp_path):
    data = synthetic_data(tmp_path, per_topic=12, bodies=120)
    first = {p.id for p in hand.pick_round(data, 1)[0]}
    second = {p.id for p in hand.pick_round(data, 2)[0]}
    assert first == {p.id for p in hand.pick_articles(data, hand.SEED)[0]}  # round 1 is the protocol's original pick
    assert len(second) == len(first) and not first & second


def test_round_three_takes_no_development_article_and_leaves_earlier_rounds_as_drawn(tmp_path, monkeypatch):
    data = synthetic_data(tmp_path, per_topic=18, bodies=180)
    first = {p.id for p in hand.pick_round(data, 1)[0]}
    second = {p.id for p in hand.pick_round(data, 2)[0]}
    unlisted = {p.id for p in hand.pick_round(data, 3)[0]}
    development = sorted(unlisted)[:10]
    listing = tmp_path / "development_ids.txt"
    listing.write_text("# read in development\n" + "\n".join(development) + "\n", encoding="utf-8")
    monkeypatch.setattr(hand, "DEVELOPMENT_IDS", listing)
    assert {p.id for p in hand.pick_round(data, 1)[0]} == first
    assert {p.id for p in hand.pick_round(data, 2)[0]} == second
    third = {p.id for p in hand.pick_round(data, 3)[0]}
    assert len(third) == len(first)
    assert not third & (first | second | set(development))


def test_round_four_takes_no_article_of_rounds_one_to_three_nor_of_development(tmp_path, monkeypatch):
    data = synthetic_data(tmp_path, per_topic=24, bodies=240)
    listing = tmp_path / "development_ids.txt"
    listing.write_text("# read in development\n", encoding="utf-8")
    monkeypatch.setattr(hand, "DEVELOPMENT_IDS", listing)
    earlier = set().union(*({p.id for p in hand.pick_round(data, n)[0]} for n in (1, 2, 3)))
    development = sorted({p.id for p in hand.pick_round(data, 4)[0]})[:10]
    listing.write_text("# read in development\n" + "\n".join(development) + "\n", encoding="utf-8")
    fourth = {p.id for p in hand.pick_round(data, 4)[0]}
    assert len(fourth) == len({p.id for p in hand.pick_round(data, 1)[0]})
    assert not fourth & (earlier | set(development))


def test_recall_texts_print_offsets_that_index_the_text(capsys):
    text = "Ann said it.\n" * 20
    hand.print_with_offsets("a", text, width=30)
    lines = capsys.readouterr().out.splitlines()[1:]
    for line in lines:
        start, shown = line.split(maxsplit=1)
        assert text[int(start):int(start) + 30] == ast.literal_eval(shown)
    assert len(lines) == -(-len(text) // 30)


def test_follow_pairs_each_earlier_record_with_its_fate_and_judges_the_pair():
    def row(article, spans, speaker, kind="direct"):
        return {"key": hand.record_key(article, spans, speaker), "article": article, "speaker_name": speaker,
                "statement": {"content": {"spans": spans}, "kind": kind, "stance": "assert"}}
    earlier = [row("a", [[0, 40]], "x"), row("a", [[100, 140]], "y"), row("a", [[300, 320]], None)]
    now = [row("a", [[0, 40]], "x"), row("a", [[100, 150]], "y2")]
    fates = hand.follow(earlier, now, {})
    assert [fate for _, fate, _ in fates] == ["kept", "changed", "dropped"]
    assert fates[1][2] is now[1]
    labels = {
        earlier[0]["key"]: [label(typed={"kind": "direct", "stance": "assert"})],
        earlier[1]["key"]: [label(speaker="wrong", typed={"kind": "direct", "stance": "assert"})],
        earlier[2]["key"]: [{"statement": False, "pattern": "narrative"}],
    }
    lines = hand.paired_table(fates, labels)
    assert "kept 1, changed 1, dropped 1 (0 of them statements" in lines[0]
    assert "before: 33% (1/3)" in lines[1] and "(1 unjudged)" in lines[1]
    assert any("to judge: a" in line and "y2" in line for line in lines)
    labels[now[1]["key"]] = [label(typed={"kind": "direct", "stance": "assert"})]
    assert "of the 2 still output: 100% (2/2)" in hand.paired_table(fates, labels)[1]


def test_a_label_of_a_record_typed_otherwise_since_is_not_taken_for_it():
    row = {"key": ("a", ((0, 4),), None), "statement": {"kind": "direct", "stance": "hedge"}}
    old = label(typed={"kind": "direct", "stance": "assert"})
    assert hand.label_for(row, {row["key"]: [old]}) is None
    again = label(stance=False, typed={"kind": "direct", "stance": "hedge"})
    assert hand.label_for(row, {row["key"]: [old, again]}) is again


def test_fresh_development_articles_come_from_no_round_and_no_earlier_development(tmp_path, monkeypatch):
    data = synthetic_data(tmp_path, per_topic=24, bodies=240)
    listing = tmp_path / "development_ids.txt"
    listing.write_text("", encoding="utf-8")
    monkeypatch.setattr(hand, "DEVELOPMENT_IDS", listing)
    rounds = set().union(*({p.id for p in hand.pick_round(data, n)[0]} for n in hand.ROUNDS))
    fresh = hand.fresh_development(data, 5, 20)
    assert len(fresh) == 20 and len(set(fresh)) == 20 and not set(fresh) & rounds
    assert sum(i.startswith("fnc1/") for i in fresh) == 10
    assert fresh == hand.fresh_development(data, 5, 20)
    listing.write_text("\n".join(fresh[:5]) + "\n", encoding="utf-8")
    assert not set(hand.fresh_development(data, 5, 20)) & set(fresh[:5])
