"""The link job: store → link → store. Recomputes the speakers table from stored speaker mentions.

Incremental: it reads the mentions after its watermark (the last statement it has folded in),
in statement order, and writes each batch's result with the new watermark in one transaction.
`full` starts again from nothing and gives the same speakers, with the same ids, as the
incremental runs over the same statements did.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from storyline.link.speakers import Speaker, SpeakerMention, link_speakers, speaker_key
from storyline.link.stories import CLUSTERERS, Placement, SinglePass, Story, StoryArticle, StoryIndex, link_stories, story_article
from storyline.store import derived
from storyline.store.store import Store

BATCH = 20_000  # mentions per transaction
STORY_CLUSTERER = "single-pass"  # the story clusterer ingest and `storyline link` use
STORY_VECTOR_WINDOW = 128  # word pieces of an article's opening read for its sentence vector


@dataclass(slots=True)
class LinkSummary:
    mentions: int = 0  # speaker mentions folded in
    speakers: int = 0  # speakers made or changed
    articles: int = 0  # articles placed in stories
    stories: int = 0  # stories made or moved

    def __str__(self) -> str:
        return (f"linked {self.mentions} speaker mentions: {self.speakers} speakers made or updated; "
                f"placed {self.articles} articles: {self.stories} stories made or moved")


def link(store: Store, full: bool = False, batch: int = BATCH) -> LinkSummary:
    """Fold every speaker mention stored since the last run (all of them with `full`) into speakers,
    then place every article stored since into stories."""
    summary = LinkSummary()
    summary.articles, summary.stories = link_stories_job(store, full=full)
    after = 0 if full else derived.watermark(store)
    first = True
    while True:
        rows = derived.speaker_mentions(store, after, batch)
        if not rows and not (full and first):
            return summary
        mentions = [SpeakerMention(r[0], r[1], r[2], tuple(json.loads(r[3])), r[4], bool(r[5])) for r in rows]
        keys = {speaker_key(m.name) for m in mentions}
        known = {} if full and first else {p[0]: Speaker(*p) for p in derived.speakers_by_key(store, keys)}
        changed, assigned = link_speakers(mentions, known)
        speakers = [(p.key, p.name, p.type, p.roles, p.statements, p.first_date, p.last_date) for p in changed.values()]
        after = rows[-1][0] if rows else after
        derived.write_speakers(store, speakers, assigned, after, full=full and first)
        summary.mentions += len(rows)
        summary.speakers += len(speakers)
        first = False
        if len(rows) < batch:
            return summary



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
            self.store, stories, [(p.article, p.story, p.score) for p in placements],
            [(k, self.postings(k)) for k in sorted(self.changed_postings)], [(t, self.df(t)) for t in sorted(self.changed_df)],
            {"articles": self.articles, "next_id": self.next_id}, upto, full=full,
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
        from storyline.nlp.sentence_vectors import sentence_vector  # MiniLM in NumPy, no spaCy
    out = []
    for pk, record_json, text, copy_of in rows:
        record = {**json.loads(record_json), "text": text}
        vector = sentence_vector(f"{record.get('title') or ''}\n{text}", window=STORY_VECTOR_WINDOW) if vectors else None
        out.append(story_article(record, pk, vector, copy_of=copy_of))
    return out


def link_stories_job(store: Store, full: bool = False, batch: int = STORY_BATCH, clusterer: SinglePass | None = None) -> tuple[int, int]:
    """Place every article stored since the last run (all of them with `full`) into stories.

    Returns (articles placed, stories made or moved).
    """
    clusterer = clusterer or CLUSTERERS[STORY_CLUSTERER]
    index = StoredStories(store, fresh=full)
    after = 0 if full else derived.watermark(store, derived.STORIES)
    placed = moved = 0
    first = True
    while True:
        rows = derived.story_inputs(store, after, batch)
        if not rows and not (full and first):
            return placed, moved
        placements = link_stories(story_inputs(rows, clusterer), index, clusterer)
        moved += len(index.changed_stories)
        after = rows[-1][0] if rows else after
        index.write(placements, after, full=full and first)
        placed += len(rows)
        first = False
        if len(rows) < batch:
            return placed, moved
