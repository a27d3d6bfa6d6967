"""The link job: store → link → store. Recomputes the speakers table from stored speaker mentions,
then links the PERSON and ORG entities of stored articles to archive-wide identities.

Identities read the articles after their own watermark (the last article folded in), 200 at a
time; for each batch only the identities filed under the batch's name keys are read (blocking), and
the result, with each link's rule, is written in one transaction. Overrides (people merge/split)
are read by every run; recording one recomputes the identities in full.

Incremental: it reads the mentions after its watermark (the last statement it has folded in),
in statement order, and writes each batch's result with the new watermark in one transaction.
`full` starts again from nothing and gives the same speakers, with the same ids, as the
incremental runs over the same statements did.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from storyline.link import claims as claim_links
from storyline.link import identities
from storyline.link.relation import Said
from storyline.link.speakers import Speaker, SpeakerMention, link_speakers, speaker_key
from storyline.link.stories import CLUSTERERS, Placement, SinglePass, Story, StoryArticle, StoryIndex, link_stories, story_article
from storyline.store import claims as claim_store
from storyline.store import derived
from storyline.store.store import Store

BATCH = 20_000  # mentions per transaction
STORY_CLUSTERER = "single-pass"  # the story clusterer ingest and `storyline link` use
STORY_VECTOR_WINDOW = 128  # word pieces of an article's opening read for its MiniLM sentence vector


@dataclass(slots=True)
class LinkSummary:
    mentions: int = 0  # speaker mentions folded in
    speakers: int = 0  # speakers made or changed
    entities: int = 0  # person and organisation entities linked to identities
    identities: int = 0  # identities made or changed
    articles: int = 0  # articles placed in stories
    stories: int = 0  # stories made or moved
    statements: int = 0  # statements linked to claims
    claim_links: int = 0  # links to claims made

    def __str__(self) -> str:
        return (f"linked {self.mentions} speaker mentions: {self.speakers} speakers made or updated; "
                f"{self.entities} person and organisation entities: {self.identities} identities made or updated; "
                f"placed {self.articles} articles: {self.stories} stories made or moved; "
                f"linked {self.statements} statements to claims: {self.claim_links} links")


def link(store: Store, full: bool = False, batch: int = BATCH) -> LinkSummary:
    """Fold every speaker mention stored since the last run (all of them with `full`) into speakers,
    link the entities of the articles stored since the last run to identities, place those articles
    into stories, then link their statements to the claims they confirm, deny, repeat or withdraw."""
    summary = link_speakers_stage(store, full, batch)
    people = link_people(store, full)
    summary.entities, summary.identities = people.entities, people.identities
    summary.articles, summary.stories = link_stories_job(store, full=full)
    summary.statements, summary.claim_links = link_claims_job(store, full=full)
    return summary


def _batches(fetch, after: int, batch: int, full: bool):
    """The rows a stage has not yet linked, `batch` at a time: yields (rows, the watermark after them,
    whether this batch starts a full recomputation). A full recomputation runs once even over no rows,
    so its first write clears what was derived before."""
    first = True
    while True:
        rows = fetch(after, batch)
        if not rows and not (full and first):
            return
        after = rows[-1][0] if rows else after
        yield rows, after, full and first
        first = False
        if len(rows) < batch:
            return


def link_speakers_stage(store: Store, full: bool = False, batch: int = BATCH) -> LinkSummary:
    """Fold every speaker mention stored since the last run (all of them with `full`) into speakers."""
    summary = LinkSummary()
    start = 0 if full else derived.watermark(store)
    for rows, after, fresh in _batches(lambda a, n: derived.speaker_mentions(store, a, n), start, batch, full):
        mentions = [SpeakerMention(r[0], r[1], r[2], tuple(json.loads(r[3])), r[4], bool(r[5])) for r in rows]
        keys = {speaker_key(m.name) for m in mentions}
        known = {} if fresh else {p[0]: Speaker(*p) for p in derived.speakers_by_key(store, keys)}
        changed, assigned = link_speakers(mentions, known)
        speakers = [(p.key, p.name, p.type, p.roles, p.statements, p.first_date, p.last_date) for p in changed.values()]
        derived.write_speakers(store, speakers, assigned, after, full=fresh)
        summary.mentions += len(rows)
        summary.speakers += len(speakers)
    return summary



ARTICLES = 200  # articles per identity-linking transaction
LINK_CACHE = -65536  # SQLite page cache while linking (KiB): the blocking index's upper levels stay in memory
LINK_MMAP = 1 << 30  # bytes of the archive read through a memory map while linking: a block read copies no pages


@dataclass(slots=True)
class IdentitySummary:
    entities: int = 0  # PERSON and ORG entities linked
    identities: int = 0  # identities made or changed

    def __str__(self) -> str:
        return f"linked {self.entities} person and organisation entities: {self.identities} identities made or updated"


def link_people(store: Store, full: bool = False, batch: int = ARTICLES) -> IdentitySummary:
    """Link every PERSON and ORG entity of the articles stored since the last run (all with `full`)
    to archive-wide identities. Per article it reads only the identities that share a name key."""
    summary = IdentitySummary()
    store.conn.execute(f"PRAGMA cache_size = {LINK_CACHE}")
    store.conn.execute(f"PRAGMA mmap_size = {LINK_MMAP}")
    start = 0 if full else derived.watermark(store, derived.IDENTITIES)
    corrections = derived.overrides(store)
    for rows, after, fresh in _batches(lambda a, n: derived.articles_after(store, a, n), start, batch, full):
        pks: dict[str, int] = {}
        entities = []
        speakers: list[tuple[int, str, str]] = []  # (article pk, statement id, speaker entity id)
        for pk, record_id, published, record_json in rows:
            record = json.loads(record_json)
            record["id"], record["published"] = record_id, published or record.get("published")
            pks[record_id] = pk
            entities += identities.article_entities(record)
            speakers += [(pk, st["id"], st["speaker"]) for st in record.get("statements") or [] if st.get("speaker")]
        lookup = {key for entity in entities for key in identities.entity_keys(entity)[0]}
        overrides = identities.Overrides.of(corrections)
        if fresh:
            blocks, known, next_id = {}, {}, 1
        else:
            blocks = derived.identity_blocks(store, lookup, identities.block_cap)
            overrides.placed = derived.entity_identities(store, {p for p in overrides.partner.values() if p})
            ids = {i for block in blocks.values() for i in block} | set(overrides.placed.values())
            known = {pk: identities.Identity.from_dict(s) for pk, s in derived.identity_states(store, ids).items()}
            next_id = derived.next_identity_id(store)
        changed, links = identities.link_identities(entities, known, blocks, next_id, overrides)
        rows_out = [(pks[link.entity.rsplit("/", 1)[0]], link.entity.rsplit("/", 1)[1], link.identity, link.rule, link.score) for link in links]
        identity_of = {(pk, entity): identity for pk, entity, identity, *_ in rows_out}
        stored = derived.statement_speakers(store, pks.values())
        said = [(stored[pk, sid], identity_of[pk, eid]) for pk, sid, eid in speakers if (pk, sid) in stored and (pk, eid) in identity_of]
        derived.write_identities(store, [i.to_dict() for i in changed.values()], rows_out, after, full=fresh, statements=said,
                                 filed_before={pk: identity.keys for pk, identity in known.items()})
        summary.entities += len(links)
        summary.identities += len(changed)
    return summary


def correct_people(store: Store, kind: str, identity_id: int, other: int | None = None, articles: list[str] | None = None) -> IdentitySummary:
    """Record a merge (of `identity_id` and `other`) or a split (the entities of `identity_id` in
    `articles` taken out as one identity of their own) and recompute the identities with it.
    Raises ValueError for an identity with no entity (or none in those articles)."""
    if kind == "merge":
        states = derived.identity_states(store, [identity_id, other])
        missing = [i for i in (identity_id, other) if i not in states]
        if missing or identity_id == other:
            raise ValueError(f"no such identity: {missing[0]}" if missing else "an identity cannot be merged with itself")
        keys = [states[identity_id]["anchor"], states[other]["anchor"]]
    else:
        keys = derived.identity_entities(store, identity_id, articles)
        if not keys:
            raise ValueError(f"identity {identity_id} has no entity in {', '.join(articles or []) or 'those articles'}")
    derived.add_override(store, kind, keys)
    return link_people(store, full=True)


# --- stories: store → link.stories → store --------------------------------------------------------

STORY_BATCH = 500  # articles per transaction


class StoredStories(StoryIndex):
    """The story clusterer's state in the archive, read lazily: a placement reads only the stories
    its keys point to and the frequencies of its own words, so its cost does not grow with the archive."""

    def __init__(self, store: Store, fresh: bool) -> None:
        super().__init__()
        self.store = store
        self.fresh = fresh  # a full run: the stored state is about to be replaced, read none of it
        if not fresh:
            counters = derived.story_counters(store)
            self.articles = counters.get("articles", 0)
            self.next_id = counters.get("next_id", 1)

    def _load_story(self, story_id: int) -> Story | None:
        state = None if self.fresh else derived.story_state(self.store, story_id)
        return Story.from_dict(json.loads(state)) if state else None

    def _load_postings(self, key: str) -> list[int] | None:
        return None if self.fresh else derived.story_postings(self.store, key)

    def _load_df(self, term: str) -> int | None:
        return None if self.fresh else derived.story_df(self.store, term)

    def _load_story_of(self, article: int) -> int | None:
        return None if self.fresh else derived.story_of_article(self.store, article)

    def write(self, placements: list[Placement], upto: int, full: bool) -> None:
        stories = []
        for story_id in sorted(self.changed_stories):
            s = self.story(story_id)
            stories.append((s.id, s.title, s.first, s.last, len(s.articles), s.outlets, s.articles[-1], json.dumps(s.to_dict())))
        derived.write_stories(
            self.store, stories, [(p.article, self.moved.get(p.article, p.story), p.score) for p in placements],
            [(k, self.postings(k)) for k in sorted(self.changed_postings)], [(t, self.df(t)) for t in sorted(self.changed_df)],
            {"articles": self.articles, "next_id": self.next_id}, upto, full=full, moved=sorted(self.moved.items()),
            dropped=sorted(self.dropped),
        )
        self.flushed()
        self.fresh = False
        # keep memory bounded over a long run: what the next batch needs is read again
        self._stories.clear()
        self._postings.clear()
        self._df.clear()
        self._story_of.clear()


def story_inputs(rows: list[derived.StoryInputRow], clusterer: SinglePass) -> list[StoryArticle]:
    """The placement inputs of stored articles: their records, with a sentence vector if the clusterer reads one."""
    vectors = dict(clusterer.weights).get("vector", 0) > 0
    if vectors:
        from storyline.nlp.sentence_vectors import sentence_vector, static_vector  # NumPy, no spaCy
    out = []
    for pk, record_json, text, copy_of in rows:
        record = {**json.loads(record_json), "text": text}
        opening = f"{record.get('title') or ''}\n{text}"
        vector = None if not vectors else static_vector(opening) if clusterer.vectors == "static" else sentence_vector(opening, window=STORY_VECTOR_WINDOW)
        out.append(story_article(record, pk, vector, copy_of=copy_of))
    return out


def link_stories_job(store: Store, full: bool = False, batch: int = STORY_BATCH, clusterer: SinglePass | None = None) -> tuple[int, int]:
    """Place every article stored since the last run (all of them with `full`) into stories.

    Returns (articles placed, stories made or moved).
    """
    clusterer = clusterer or CLUSTERERS[STORY_CLUSTERER]
    index = StoredStories(store, fresh=full)
    start = 0 if full else derived.watermark(store, derived.STORIES)
    placed = moved = 0
    for rows, after, fresh in _batches(lambda a, n: derived.story_inputs(store, a, n), start, batch, full):
        placements = link_stories(story_inputs(rows, clusterer), index, clusterer)
        moved += len(index.changed_stories)
        index.write(placements, after, full=fresh)
        placed += len(rows)
    return placed, moved


# --- claims and quotes: store → link.claims → store -------------------------------------------------

CLAIM_BATCH = 2_000  # statements per transaction


class StoredClaims(claim_links.ClaimIndex):
    """Claim linking's state in the archive, read lazily: a statement reads only the postings of its
    key words (capped) and the candidates they name, so its cost does not grow with the archive."""

    def __init__(self, store: Store, fresh: bool) -> None:
        super().__init__()
        self.store = store
        self.fresh = fresh  # a full run: the stored state is about to be replaced, read none of it
        self.next_quote = 1 if fresh else claim_store.next_quote_id(store)

    def _load_statements(self, keys: list[int]) -> dict[int, claim_links.ClaimStatement]:
        if self.fresh:
            return {}
        out = {}
        for pk, (state, claim, relation) in claim_store.statement_states(self.store, keys).items():
            found = claim_links.ClaimStatement.from_dict(json.loads(state))
            found.claim, found.relation = claim, relation
            out[pk] = found
        return out

    def _load_postings(self, key: str) -> list[int] | None:
        return None if self.fresh else claim_store.postings(self.store, key, claim_links.POSTINGS_CAP)

    def _load_quote(self, quote_id: int) -> claim_links.Quote | None:
        found = None if self.fresh else claim_store.quote_row(self.store, quote_id)
        return claim_links.Quote(quote_id, tuple(found[0]), found[1]) if found else None

    def _load_quote_postings(self, key: str) -> list[int] | None:
        return None if self.fresh else claim_store.quote_postings(self.store, key, claim_links.QUOTE_POSTINGS_CAP)

    def write(self, links: list[claim_links.ClaimLink], uses: list[claim_links.QuoteUse], upto: int, full: bool) -> None:
        linked = self.statements(self.changed_statements)
        batch = claim_store.ClaimBatch(
            statements=[(k, s.claim, s.relation, json.dumps(s.to_dict())) for k, s in linked.items()],
            postings=list(self.new_postings),
            links=[(x.statement, x.claim, x.relation, x.rule, x.score, x.via, x.reversal) for x in links],
            quotes=[(q.id, list(q.words), q.uses) for q in (self.quote(i) for i in sorted(self.changed_quotes))],
            uses=[(u.statement, u.start, u.end, u.quote, u.text, u.variant) for u in uses],
            quote_postings=list(self.new_quote_postings),
            next_quote=self.next_quote,
        )
        claim_store.write_claims(self.store, batch, upto, full=full)
        self.flushed()
        self.fresh = False


def claim_inputs(rows: list[claim_store.ClaimInputRow], texts: dict[int, str]) -> list[claim_links.ClaimStatement]:
    return [claim_statement(row, claim_links.quote_fragments(texts.get(row[1], ""), json.loads(row[4]), row[5])) for row in rows]


def claim_statement(row: claim_store.ClaimInputRow, quotes: list[tuple[int, int, str]]) -> claim_links.ClaimStatement:
    """What claim linking reads of one stored statement (`quotes`: its quoted words, `quote_fragments`)."""
    pk, article, sid, content, spans_json, _kind, stance, cue, speaker, holder, story, _date = row
    spans = json.loads(spans_json)
    said = Said(sid, content, stance, source=speaker, speaker=holder, cue=cue,
                span=(spans[0][0], spans[-1][1]) if spans else None, name=speaker)
    return claim_links.ClaimStatement(pk, said, article, story, quotes)


def link_claims_job(store: Store, full: bool = False, batch: int = CLAIM_BATCH) -> tuple[int, int]:
    """Link every statement stored since the last run (all of them with `full`) to the earlier claims it
    confirms, denies, repeats or withdraws, and its quoted words to quotes. Returns (statements, links)."""
    index = StoredClaims(store, fresh=full)
    start = 0 if full else claim_store.watermark(store)
    linked = made = 0
    for rows, after, fresh in _batches(lambda a, n: claim_store.claim_inputs(store, a, n), start, batch, full):
        statements = claim_inputs(rows, claim_store.article_texts(store, {r[1] for r in rows}))
        links, uses = claim_links.link_claims(statements, index)
        index.write(links, uses, after, full=fresh)
        linked += len(rows)
        made += len(links)
    return linked, made
