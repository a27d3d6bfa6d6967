"""Claims and quotes across articles (link/claims.py, the link job's claims stage, store/claims.py):
who confirmed, denied, repeated or withdrew a claim; where quoted words first appeared; reversals.
Deterministic: linking after each ingest gives what `link --full` gives."""
from __future__ import annotations

import json

import pytest

from storyline.jobs.link import link
from storyline.link import claims as cl
from storyline.link.relation import Said
from storyline.store import Store
from storyline.store import claims as claim_store

# -- pure ----------------------------------------------------------------------------------------------


def test_quote_fragments_are_quoted_words_sentence_by_sentence_and_index_the_text():
    text = 'The minister said the plan was "dead in the water. We will not revive it" and left. "I have no more to say today," she added.'
    mixed = [[text.index("the plan"), text.index(" and left")]]
    direct = [[text.index("I have"), text.index(" today") + len(" today")]]
    found = cl.quote_fragments(text, mixed, "mixed") + cl.quote_fragments(text, direct, "direct")
    assert [t for _, _, t in found] == ["dead in the water", "We will not revive it", "I have no more to say today"]
    assert all(text[s:e] == t for s, e, t in found)
    assert cl.quote_fragments(text, mixed, "indirect")[0][2] == "dead in the water"
    assert cl.quote_fragments('He called it "a shame."', [[0, 23]], "mixed") == []  # two words: a phrase, not a quote


@pytest.mark.parametrize(("first", "later", "expected"), [
    ("we will not close the harbor this year", "we will not close the harbor this year", False),
    ("we will not close the harbor this year", "not close the harbor", False),  # an excerpt
    ("we will not close the harbor this year", "we will now close the harbor this year", True),  # one word changed
    ("we will not close the harbor this year", "the weather was fine on the coast today", None),
])
def test_quote_match_tells_repeats_excerpts_and_changed_words(first, later, expected):
    assert cl.quote_match(tuple(first.split()), tuple(later.split())) is expected


def _statement(key, words, stance="assert", speaker=None, story=1, article=None, cue=None, source=None):
    return cl.ClaimStatement(key, Said(f"s{key}", words, stance, source=source or speaker, speaker=speaker, cue=cue, name=speaker),
                             article or key, story)


def test_a_claim_gathers_confirmations_and_denials_and_a_speaker_denying_their_own_claim_is_a_reversal():
    statements = [
        _statement(1, "the ferry terminal will close in May", speaker="Ann Bell"),
        _statement(2, "the ferry terminal will close in May", speaker="Tom Dale"),
        _statement(3, "that the ferry terminal will close", "deny", speaker="Ann Bell", cue="denied"),
        _statement(4, "the football team won its match on Sunday", speaker="Coach Reed"),
    ]
    links, _ = cl.link_claims(statements, cl.ClaimIndex())
    by = {(x.statement, x.claim): x for x in links}
    assert by[2, 1].relation == "confirms" and not by[2, 1].reversal
    assert by[3, 1].relation == "denies" and by[3, 1].reversal
    assert not any(x.statement == 4 for x in links)
    assert statements[1].claim == 1 and statements[3].claim == 4  # a confirmation stands for the claim


def test_the_same_quote_across_outlets_is_one_quote_and_a_changed_word_is_a_variant():
    text_a = '"We will not close the harbor this year," the mayor said.'
    text_b = '"We will now close the harbor this year," the mayor said.'
    index = cl.ClaimIndex()
    uses = []
    for key, text in ((1, text_a), (2, text_a), (3, text_b)):
        st = _statement(key, text[1:39], speaker="the mayor")
        st.quotes = cl.quote_fragments(text, [[1, 39]], "direct")
        uses += cl.link_quotes(st, index)
    assert len({u.quote for u in uses}) == 1
    assert [u.variant for u in uses] == [False, False, True]


# -- the archive: the bundled sample -------------------------------------------------------------------

def _store_all(store: Store, articles, link_each: bool) -> None:
    for article in articles:
        store.add_article(article, origin=f"test:{article.id}")
        if link_each:
            link(store)
    if not link_each:
        link(store)


def _tables(store: Store) -> list[list[tuple]]:
    return [store.conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
            for t in ("claim_links", "claim_statements", "quote_uses", "quotes", "quote_postings", "claim_postings")]


@pytest.fixture(scope="module")
def harbor(sample_articles, tmp_path_factory):
    path = tmp_path_factory.mktemp("claims") / "harbor.db"
    articles = sorted(sample_articles.values(), key=lambda a: a.published)
    with Store.open(path) as store:
        _store_all(store, articles, link_each=True)
    return path, articles


def _find(store: Store, article_id: str, words: str) -> int:
    row = store.conn.execute("SELECT s.id FROM statements s JOIN articles a ON a.id = s.article WHERE a.record_id = ? AND s.content LIKE ?"
                             " ORDER BY s.id LIMIT 1", (article_id, f"%{words}%")).fetchone()
    assert row is not None, (article_id, words)
    return row[0]


def test_every_denial_of_the_memo_points_at_its_claim_and_the_union_leader_confirms_it(harbor):
    path, _ = harbor
    with Store.open(path, read_only=True) as store:
        memo = _find(store, "harbor-01", "harbor will close")
        found = claim_store.claim(store, memo)
        relation = {(a["article"], a["statement_id"]): a["relation"] for a in found["links"]}

        def related(article_id, words):
            row = store.conn.execute("SELECT statement_id FROM statements WHERE id = ?", (_find(store, article_id, words),)).fetchone()
            return relation.get((article_id, row[0]))

        denials = [("harbor-02", "no decision had been made"), ("harbor-03", "An early draft, sent in error"),
                   ("harbor-03", "a leaked memo suggesting the harbor will close"), ("harbor-05", "the memo had been sent in error"),
                   ("harbor-07", "an early draft, sent in error")]
        assert {d: related(*d) for d in denials} == {d: "denies" for d in denials}
        assert related("harbor-05", "the harbor will close") == "confirms"  # the union leader, as fact
        assert related("harbor-08", "memo that suggested the harbor will close") == "withdraws"
        assert found["contested"] and found["counts"]["denies"] >= len(denials)
        dates = [a["date"] for a in found["links"]]
        assert dates == sorted(dates)
        total, listed = claim_store.claims(store, denied=True)
        assert memo in [c["statement"] for c in listed] and total == len(listed)
        assert claim_store.claims(store, speaker="Maria Costa")[0] >= 1
        assert claim_store.claims(store, speaker="nobody of that name")[0] == 0


def test_a_quote_carried_by_several_outlets_names_the_first(harbor):
    path, _ = harbor
    with Store.open(path, read_only=True) as store:
        repeated = claim_store.quotes(store)
        decided = next(q for q in repeated if q["words"] == "nothing has been decided")
        quote = claim_store.quote(store, decided["id"])
        assert quote["first"]["outlet"] == "Meridian News Service" and quote["first"]["date"] == "2021-03-09"
        assert len(quote["outlets"]) >= 2
        for use in quote["uses"]:
            text = store.conn.execute("SELECT a.text FROM articles a WHERE a.record_id = ?", (use["article"],)).fetchone()[0]
            assert text[use["start"] : use["end"]] == use["text"]


def test_linking_after_each_ingest_equals_one_full_link(harbor, tmp_path):
    path, articles = harbor
    with Store.open(path, read_only=True) as store:
        incremental = _tables(store)
    with Store.open(tmp_path / "once.db") as store:
        _store_all(store, articles, link_each=False)
        assert _tables(store) == incremental
        link(store, full=True)
        assert _tables(store) == incremental


def test_what_linking_keeps_of_a_statement_reads_back_the_same():
    st = _statement(7, "the ferry terminal will close", "deny", speaker="Ann Bell", cue="denied")
    st.said = Said(st.said.id, st.said.words, "deny", "Ann Bell", "i3", "denied", (10, 40), "Ann Bell")
    st.claim, st.relation = 5, "repeats"
    assert cl.ClaimStatement.from_dict(st.to_dict()) == st


def test_claims_command_lists_denials_by_speaker_and_date(harbor, capsys):
    from storyline.cli import main

    path, _ = harbor
    assert main(["claims", "--db", str(path), "--denied"]) == 0
    out = capsys.readouterr().out
    block = next(b for b in out.split("\n\n") if "Calder Bay harbor will close" in b.splitlines()[0])
    lines = block.splitlines()[2:]
    assert any(line.lstrip().startswith("DENIES") and "Jane Roe" in line for line in lines)
    assert any(line.lstrip().startswith("WITHDRAWS") for line in lines)
    dates = [line.split()[1] for line in lines]
    assert dates == sorted(dates)
    assert main(["claims", "--db", str(path), "--speaker", "Costa", "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and all(any("Costa" in (s["speaker"] or "") for s in [r, *r["links"]]) for r in rows)
    assert main(["claims", "--db", str(path / "missing.db")]) == 2
    assert "missing.db" in capsys.readouterr().err


def test_in_one_article_a_denial_of_the_memo_points_at_the_memo_s_words(sample_articles):
    article = sample_articles["harbor-07"]
    memo = next(s for s in article.statements if s.content.text == "the harbor will close")
    denial = next(s for s in article.statements if "sent in error" in s.content.text)
    assert [(r.statement, r.relation) for r in denial.relations] == [(memo.id, "denies")]
    for other in sample_articles.values():  # every pointer goes back to an earlier statement of its own article
        ids = [s.id for s in other.statements]
        assert all(ids.index(r.statement) < ids.index(s.id) for s in other.statements for r in s.relations)


def test_claim_linking_reads_speech_and_withdrawals_whatever_their_act():
    from storyline.store.claims import reaches_claims

    assert reaches_claims("say", "said") and reaches_claims("write", "wrote")
    assert reaches_claims("do", "withdrew")  # "the authority withdrew the memo": an action on the memo's claim
    assert reaches_claims("do", "has formally retracted")
    assert not reaches_claims("do", "banned") and not reaches_claims("think", "believes")


def test_a_document_s_statement_is_found_in_its_story_however_many_documents_spoke_elsewhere():
    memo = _statement(1, "the harbor will close in stages", "hedge", source="the leaked draft memo", story=1)
    elsewhere = [_statement(k, f"the budget of district {k} was approved", source="the annual report", story=k)
                 for k in range(2, cl.POSTINGS_CAP + 12)]  # more statements by documents than a posting list keeps
    denial = _statement(10_000, "the memo was sent in error", "deny", speaker="Port Authority", story=1, cue="said")
    links, _ = cl.link_claims([memo, *elsewhere, denial], cl.ClaimIndex())
    assert [(x.claim, x.relation) for x in links if x.statement == denial.key] == [(memo.key, "denies")]
