"""The claim–text relation model (link/relation.py), `storyline relate` and `POST /relate`."""
from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from test_web_helpers import build_archive

from storyline.server import create_app
from storyline.cli import main
from storyline.link import relation as rel

MODEL_DIR = rel.default_dir()
FNC1 = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "fnc1"
if not FNC1.exists():  # worktrees sit one level deeper than the main checkout
    FNC1 = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "fnc1"


@pytest.fixture(scope="module")
def model() -> rel.RelationModel:
    return rel.default_model()


# -- the shipped files ----------------------------------------------------------------------------

def test_shipped_model_is_pinned_small_and_documented():
    config = json.loads((MODEL_DIR / "config.json").read_text(encoding="utf-8"))
    for name, digest in config["shipped_files"].items():
        assert hashlib.sha256((MODEL_DIR / name).read_bytes()).hexdigest() == digest, name
    assert sum(p.stat().st_size for p in MODEL_DIR.iterdir()) < 50 * 2**20
    assert config["labels"] == list(rel.LABELS)
    assert config["dense_features"] == list(rel.DENSE_NAMES)
    assert (MODEL_DIR / "MODEL_CARD.md").read_text(encoding="utf-8").strip()


# -- features -------------------------------------------------------------------------------------

def test_words_keep_negated_contractions_and_sentences_split_at_ends():
    assert rel.words("He didn’t say it.") == ["he", "didn't", "say", "it"]
    assert rel.sentences("One. Two? \"Three!\" Four\nFive") == ["One.", "Two?", "\"Three!\"", "Four", "Five"]


def test_dense_features_follow_their_names_and_see_cue_words(model):
    f = model.featurizer
    claim = f.view("The harbor will close next month")
    denial = f.view("Officials said the report was false. The harbor will not close next month, the minister said.")
    other = f.view("The football team won its third match of the season on Sunday.")
    features = dict(zip(rel.DENSE_NAMES, f.dense(claim, denial)))
    assert len(f.dense(claim, denial)) == len(rel.DENSE_NAMES)
    assert features["cover"] > 0.5 and features["top_negate"] >= 1 and features["top_refute"] >= 1
    assert features["negation_mismatch"] == 1.0
    assert dict(zip(rel.DENSE_NAMES, f.dense(claim, other)))["cover"] == 0.0


# -- behaviour ------------------------------------------------------------------------------------

def test_relations_are_probabilities_and_reading_a_text_twice_changes_nothing(model):
    pairs = [("The harbor will close next month", "The harbor will close next month, a leaked memo says."),
             ("The harbor will close next month", "The football team won its third match of the season on Sunday.")]
    once = model.relate(pairs)
    again = model.relate(pairs[::-1])[::-1]
    assert once == again
    for r in once:
        assert r.relation in rel.LABELS and r.score == max(r.scores.values())
        assert abs(sum(r.scores.values()) - 1) < 1e-3


def test_a_text_about_something_else_is_unrelated(model):
    claim = "Apple will sell 19 million smart watches in 2015"
    text = ("Heavy rain flooded several streets in the city centre on Tuesday. The fire brigade pumped water out "
            "of basements and the council said the drains would be cleaned before winter.")
    assert model.relate([(claim, text)])[0].relation == "unrelated"


def test_the_short_text_head_splits_only_the_related_share_of_a_headline(model):
    """A headline is read by the head too: the network's 'unrelated' stays, the head shares out the rest;
    an article (over SHORT_TEXT_WORDS words) is the network's alone."""
    assert model.head is not None
    claim = "The harbor will close next month"
    headline = "Harbor to close next month, leaked memo reportedly says"
    article = " ".join([headline + "."] + ["The port authority did not comment on the memo on Tuesday."] * 6)
    network_only = rel.RelationModel()
    network_only.head = None
    for text in (headline, article):
        both, alone = model.relate([(claim, text)])[0], network_only.relate([(claim, text)])[0]
        assert abs(both.scores["unrelated"] - alone.scores["unrelated"]) < 1e-3
        assert abs(sum(both.scores.values()) - 1) < 1e-3
        short = model.featurizer.view(text).n_words <= rel.SHORT_TEXT_WORDS
        assert (both.scores != alone.scores) == short, text
    marks = dict(zip(rel.MARK_NAMES, model.featurizer.view('Memo: "the harbor will close", reports say').marks))
    assert marks == {"quote_marks": 2.0, "colon": 1.0, "report_words": 2.0, "report_opening": 0.0}


def test_headline_cue_tables_are_ordered_as_the_head_reads_them():
    assert tuple(c.name for c in rel.headline_cues()) == rel.HEADLINE_CUE_NAMES
    placed = len(rel.PLACED_CUE_NAMES)
    assert rel.HEAD_EXTRA_NAMES[-placed - len(rel.HEADLINE_CUE_NAMES):-placed] == rel.HEADLINE_CUE_NAMES
    assert rel.HEAD_EXTRA_NAMES[-placed:] == rel.PLACED_CUE_NAMES


@pytest.mark.parametrize("cue", rel.PLACED_CUES, ids=lambda c: c.name)
def test_placed_cue_fires_on_its_example_and_not_on_the_claim_said_plainly(model, cue):
    """Each placed cue reads its example's hedge, attribution or question where it stands against the claim's
    words; the claim said again in its own voice has none of them."""
    f = model.featurizer
    claim, text = cue.example
    index = rel.HEAD_EXTRA_NAMES.index(cue.name)
    assert f.head_extra(f.view(claim), f.view(text))[index] > 0
    assert f.head_extra(f.view(claim), f.view(claim))[index] == 0
    article = " ".join([text] + ["The port authority did not comment on the memo on Tuesday."] * 8)
    assert rel.placed_cues(f.view(claim), f.view(article)).sum() == 0  # an article is the network's alone


@pytest.mark.parametrize("cue", rel.headline_cues(), ids=lambda c: c.name)
def test_headline_cue_fires_on_its_example_and_reads_relative_to_the_claim(model, cue):
    """Each cue fires on its example and not on the example without the cue's first pattern; a relative cue
    does not count where the claim says its first pattern too."""
    f = model.featurizer
    fired, first = cue.read(cue.example)
    assert fired and first
    plain = "Officials comment on the story about the car"
    assert cue.read(plain) == (False, False)
    index = rel.HEAD_EXTRA_NAMES.index(cue.name)
    neutral = f.view("A director's car was stolen in the city")
    assert f.head_extra(neutral, f.view(cue.example))[index] == 1.0
    said_by_claim = f.view(cue.example)  # the claim says the very words: a text saying them again adds nothing
    assert f.head_extra(said_by_claim, f.view(cue.example))[index] == (0.0 if cue.relative else 1.0)


def test_falsity_words_are_the_ones_the_refuting_words_lack():
    """The falsity cue pools rare words that call a report made up; the refuting words (fake, hoax) are read
    already, so a word in both lists would be counted twice."""
    falsity = rel.word_set("falsity_words.txt")
    assert falsity and not falsity & rel._cues()["refute"]


@pytest.mark.parametrize("text", ["Viral video of the stolen car was staged, police say",
                                  "Reports of a stolen car were exaggerated, police say"])
def test_a_headline_that_calls_the_report_made_up_denies_it(model, text):
    claim = "A car was stolen from the director"
    found = model.relate([(claim, text)])[0]
    assert found.relation == "disagree", found.scores
    assert model.relate([(claim, text.replace("staged", "filmed").replace("exaggerated", "published"))])[0].relation != "disagree"


@pytest.mark.parametrize("claim", ["Nothing has been decided", "The harbor will not close", "No one was injured in the fire"])
def test_a_text_that_reports_a_negative_claim_does_not_deny_it(model, claim):
    """The claim's own negator, said again by the text, is no denial: the head reads the cue words the text adds."""
    for text in (f'The minister said that "{claim[0].lower() + claim[1:]}."', claim):
        found = model.relate([(claim, text)])[0]
        assert found.relation in ("agree", "discuss"), (text, found.scores)
    added = dict(zip(rel.CUE_NAMES, rel.added_cues(model.featurizer.view(claim), model.featurizer.view(f'Officials said that "{claim}."'))))
    assert added["negate"] == 0 and added["report"] >= 1


@pytest.mark.skipif(not (FNC1 / "train_stances.csv").exists(), reason="needs ../shared/data/fnc1")
def test_fnc1_hold_out_sample_scores_above_the_official_baseline(model):
    """Every 4th pair of the official hold-out (never trained on): relative score above the issue's 87% (baseline 79.5%)."""
    with open(FNC1 / "train_bodies.csv", encoding="utf-8", newline="") as f:
        bodies = {int(r["Body ID"]): r["articleBody"] for r in csv.DictReader(f)}
    hold = {int(x) for x in (FNC1 / "hold_out_ids.txt").read_text().split()}
    with open(FNC1 / "train_stances.csv", encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if int(r["Body ID"]) in hold][::4]
    found = model.relate([(r["Headline"], bodies[int(r["Body ID"])]) for r in rows])

    def score(gold, pred):
        s = 0.0
        for g, t in zip(gold, pred):
            s += 0.25 * (g == t) + 0.5 * (g == t != "unrelated") + 0.25 * (g != "unrelated" and t != "unrelated")
        return s

    gold = [r["Stance"] for r in rows]
    assert score(gold, [r.relation for r in found]) / score(gold, gold) > 0.87


# -- storyline relate -----------------------------------------------------------------------------

def test_relate_command_writes_one_line_per_good_pair_and_names_bad_lines(tmp_path, capsys):
    path = tmp_path / "pairs.jsonl"
    lines = [
        {"id": "a", "claim": "The harbor will close", "text": "The harbor will close, a memo says."},
        "not json",
        {"id": "b", "claim": "", "text": "x"},
        {"id": 7, "claim": "The harbor will close", "text": "Rain fell on the city on Tuesday."},
        ["a", "list"],
    ]
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    assert main(["relate", str(path)]) == 1
    out, err = capsys.readouterr()
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == ["a", 7]
    assert all(r["relation"] in rel.LABELS and 0 < r["score"] <= 1 and set(r) == {"id", "relation", "score"} for r in rows)
    assert f"{path}:2: not JSON" in err and f"{path}:3: claim must be non-empty" in err and f"{path}:5:" in err


def test_relate_command_names_a_missing_file(tmp_path, capsys):
    assert main(["relate", str(tmp_path / "none.jsonl")]) == 2
    assert "none.jsonl" in capsys.readouterr().err


# -- POST /relate ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with TestClient(create_app(build_archive(tmp_path_factory.mktemp("relate") / "archive.db"))) as c:
        yield c


def test_post_relate_answers_each_pair_in_order(client, model):
    pairs = [{"id": "x", "claim": "The harbor will close", "text": "The harbor will close, a memo says."},
             {"claim": "The harbor will close", "text": "Rain fell on the city on Tuesday."}]
    r = client.post("/relate", json={"pairs": pairs})
    assert r.status_code == 200, r.text
    got = r.json()["relations"]
    assert [g["id"] for g in got] == ["x", 1]
    expected = model.relate([(p["claim"], p["text"]) for p in pairs])
    assert [(g["relation"], g["score"]) for g in got] == [(e.relation, e.score) for e in expected]
    assert client.post("/api/relate", json={"pairs": pairs}).json() == r.json()
    assert "/relate" in client.get("/openapi.json").json()["paths"]


@pytest.mark.parametrize("body", [{"pairs": []}, {"pairs": [{"claim": " ", "text": "x"}]}, {"claims": "x"},
                                  {"pairs": [{"claim": "a", "text": "b"}] * 1001}])
def test_post_relate_rejects_bad_requests(client, body):
    assert client.post("/relate", json=body).status_code == 422


# -- statements of one article --------------------------------------------------------------------

@pytest.mark.parametrize("rule", rel.RELATION_RULES, ids=lambda r: r.name)
def test_each_relation_rule_links_its_example_and_is_the_first_to(rule, model):
    claim, later = rule.example
    assert rel.rule_for(claim, later) is rule
    (found,) = rel.relate_statements([(claim, later)], model)
    assert found is not None and found[0] is rule and 0 < found[1] <= 1


def test_statements_about_something_else_are_never_linked(model):
    claim = rel.Said("s1", "the harbor will close next month", source="the memo")
    others = [rel.Said("s2", "the football team did not win its match on Sunday", "deny", source="the coach"),
              rel.Said("s3", "the memo was about the budget", source="the mayor"),  # names it, denies nothing
              rel.Said("s4", "the council did not discuss the harbor budget", source="the mayor")]  # one key word
    assert rel.relate_statements([(claim, o) for o in others], model) == [None] * len(others)


def test_a_negator_denies_only_the_claim_words_of_its_own_clause(model):
    claim = rel.Said("s1", "had personally attacked his wife", source="the senator")
    elsewhere = rel.Said("s2", "I am not in the habit of supporting people who attack my wife", source="Cruz")
    assert rel.negated_clauses(elsewhere.words) and not rel.denies_words(claim, elsewhere)
    assert rel.rule_for(claim, elsewhere) is None
    denial = rel.Said("s3", "he never attacked my wife, because he respects her", source="Cruz")
    assert rel.denies_words(claim, denial) and rel.rule_for(claim, denial).relation == "denies"
    disputed = rel.Said("s4", "the story about the attack on his wife is false", source="Cruz")
    assert rel.denies_words(claim, disputed)  # a refuting word denies wherever it stands
    # the short-text head reads negators the same way
    f = model.featurizer
    negators = {text: dict(zip(rel.CUE_NAMES, rel.added_cues(f.view(claim.words), f.view(text))))["negate"]
                for text in (elsewhere.words, denial.words)}
    assert negators == {elsewhere.words: 0, denial.words: 1}


def test_in_article_relations_point_back_and_skip_a_speaker_repeating_themselves(model):
    statements = [
        rel.Said("s1", "the ferry terminal will close in May", "hedge", source="A leaked memo"),
        rel.Said("s2", "that the ferry terminal will close", "deny", source="The minister", speaker="e1", cue="denied"),
        rel.Said("s3", "The ferry terminal will close in May", source="union leader Ann Bell", speaker="e2"),
        rel.Said("s4", "The ferry terminal will close in May, believe me", source="Bell", speaker="e2"),
        rel.Said("s5", "the memo was sent in error", "deny", source="the port chief", speaker="e3"),
    ]
    found = rel.statement_relations(statements, model)
    assert found["s2"] == [{"statement": "s1", "relation": "denies"}]
    assert {"statement": "s1", "relation": "confirms"} in found["s3"]
    assert {"statement": "s3", "relation": "confirms"} not in found.get("s4", [])  # Bell repeating Bell
    assert {"statement": "s1", "relation": "denies"} in found["s5"]  # the memo's words are a claim
    order = {s.id: k for k, s in enumerate(statements)}
    assert all(order[p["statement"]] < order[s] for s, pointers in found.items() for p in pointers)


def test_the_record_carries_in_article_relations_from_analysis():
    import storyline

    text = ("Ferry terminal to close, memo says\n\n"
            "A leaked memo says the ferry terminal will close in May.\n\n"
            "Transport Minister Jane Roe denied that the ferry terminal will close. "
            "\"The ferry terminal will close in May,\" union leader Ann Bell said.")
    article = storyline.analyze(text, published="2021-03-08")
    by_words = {s.content.text: s for s in article.statements}
    memo = next(s for s in article.statements if s.content.text.startswith("the ferry terminal will close in May"))
    roe = next(s for s in article.statements if s.speaker_name == "Jane Roe")
    bell = next(s for s in article.statements if s.speaker_name == "Ann Bell")
    assert {"statement": memo.id, "relation": "denies"} in [{"statement": r.statement, "relation": r.relation} for r in roe.relations]
    assert memo.id in {r.statement for r in bell.relations if r.relation == "confirms"}
    ids = list(by_words.values())
    assert all(r.statement in {s.id for s in ids[: ids.index(s)]} for s in ids for r in s.relations)


# -- storyline eval fnc1 / emergent -----------------------------------------------------------------

def test_fnc1_score_is_the_official_weighting():
    from storyline.eval.relation import fnc_score, per_class_f1

    gold = ["agree", "unrelated", "discuss", "disagree"]
    assert fnc_score(gold, gold) == 1.0 * 3 + 0.25  # a related pair right: 0.25 + 0.5 + 0.25
    assert fnc_score(gold, ["discuss", "unrelated", "unrelated", "agree"]) == 0.25 + 0.25 + 0.25  # related right twice, unrelated once
    assert per_class_f1(gold, gold) == {label: 1.0 for label in rel.LABELS}


def test_eval_emergent_scores_a_directory_and_names_a_bad_line(tmp_path, capsys):
    good = tmp_path / "good"
    good.mkdir()
    rows = [{"claim": "The harbor will close", "text": "The harbor will close, a memo says", "stance": "for"},
            {"claim": "The harbor will close", "text": "Harbor will not close, minister says", "relation": "disagree"}]
    (good / "a.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert main(["eval", "emergent", str(good)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["pairs"] == 2 and 0 <= result["accuracy"] <= 1
    (good / "b.jsonl").write_text('{"claim": "x"}\n', encoding="utf-8")
    assert main(["eval", "emergent", str(good)]) == 2
    assert "b.jsonl:1" in capsys.readouterr().err
    assert main(["eval", "fnc1", str(tmp_path)]) == 2
    assert "_bodies.csv" in capsys.readouterr().err


@pytest.mark.skipif(not (FNC1 / "train_stances.csv").exists(), reason="needs ../shared/data/fnc1")
def test_eval_fnc1_reads_the_hold_out_split(capsys):
    assert main(["eval", "fnc1", str(FNC1), "--limit", "200"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["pairs"] == 200 and result["split"] == "hold_out" and set(result["per_class_f1"]) == set(rel.LABELS)
