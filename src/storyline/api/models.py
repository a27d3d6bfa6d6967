"""Pydantic models at the HTTP boundary: what every JSON response (API and page twins) looks like.

They mirror the record (`storyline.record`, with its JSON Schema `schema/record.schema.json`) and
the store's query results (`storyline.store.queries`), so /openapi.json documents every field.
tests/test_contract.py fails when the three drift apart; `schema/openapi.json` is the committed snapshot.
"""
from __future__ import annotations

from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from storyline.record import EntityType, RelationKind, SectionKind, Stance, StatementAct, StatementKind, TimeType

# -- the analysed record ------------------------------------------------------------------


class SpanModel(BaseModel):
    text: str
    spans: list[list[int]] = Field(description="[[start, end], ...] offsets into the article text")


class MentionModel(BaseModel):
    start: int
    end: int
    text: str


class EntityModel(BaseModel):
    id: str
    name: str
    type: EntityType
    roles: list[str] = []
    mentions: list[MentionModel] = []


class SectionModel(BaseModel):
    kind: SectionKind
    label: str
    start: int
    end: int


class CaptionModel(BaseModel):
    text: str
    start: int
    end: int
    credit: str | None = None


class TimeModel(BaseModel):
    id: str
    start: int
    end: int
    text: str
    type: TimeType
    value: str | None = None


class StatementRelationModel(BaseModel):
    statement: str = Field(description="id of an earlier statement of the same article")
    relation: RelationKind


class StatementModel(BaseModel):
    id: str
    kind: StatementKind
    content: SpanModel
    source: SpanModel | None = Field(None, description="the words naming who spoke, as written: the source of the field's source/cue/content triple")
    cue: SpanModel | None = None
    speaker: str | None = Field(None, description="entity id of the speaker")
    speaker_name: str | None = None
    addressee: str | None = None
    stance: Stance = "assert"
    time: str | None = Field(None, description="id of the time expression the statement is anchored to")
    act: StatementAct = Field("say", description="say or write: a statement; think, intend, do, perceive, other: an attribution that is not speech")
    relations: list[StatementRelationModel] = Field(default_factory=list, description="earlier statements of the article this one denies or confirms")
    steps: list[str] = Field(default_factory=list, exclude=True, description="the attribution steps that made or changed it: analyze --explain only, never served")


class ArticleRecord(BaseModel):
    """The JSON record of one analysed article (`Article.to_dict()`)."""

    model_config = ConfigDict(extra="allow")

    id: str
    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = Field(None, description="who published it")
    author: str | None = Field(None, description="author from the input's metadata (a byline in the text is a section)")
    sections: list[SectionModel] = []
    captions: list[CaptionModel] = []
    entities: list[EntityModel] = []
    statements: list[StatementModel] = []
    times: list[TimeModel] = []
    source: str | None = Field(None, deprecated=True, description="deprecated: the same as `outlet`, written for one more release")


# -- archive results --------------------------------------------------------------------------


class SourceModel(BaseModel):
    url: str | None = None
    outlet: str | None = None
    origin: str | None = None
    published: str | None = None


class ArticleOut(BaseModel):
    record: ArticleRecord
    sources: list[SourceModel]
    near_duplicate_of: str | None = Field(None, description="record id of the original, for a syndicated copy")
    similarity: float | None = None
    copies: list[str] = Field([], description="record ids of near-duplicates of this article")


class ArticleSummaryModel(BaseModel):
    article_id: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    statements: int
    near_duplicate_of: str | None = None
    ingested_at: str


class StatementHitModel(BaseModel):
    article_id: str
    statement_id: str
    speaker: str | None = Field(None, description="speaker name, else the speaker as written (the statement's source span)")
    speaker_id: int | None = Field(None, description="id of the named speaker (/api/speakers/{id})")
    person_id: int | None = Field(None, deprecated=True, description="deprecated: the same as `speaker_id`, written one more release")
    role: str | None = None
    kind: str
    stance: str
    content: str
    spans: list[list[int]]
    cue: str | None = None
    date: str | None = Field(None, description="the statement's own date, else the publication date")
    time_value: str | None = None
    published: str | None = None
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    copy_: bool = Field(False, alias="copy", serialization_alias="copy")
    act: StatementAct = Field("say", description="say / write; think, intend, do, perceive, other only when asked for (act=, all=true)")

    model_config = ConfigDict(populate_by_name=True)


class PersonModel(BaseModel):
    """A named speaker: a person, an organisation or a named group ("Opposition lawmakers"); the JSON name is kept."""

    id: int
    name: str
    type: str | None = None
    roles: list[str]
    statements: int
    first_date: str | None = None
    last_date: str | None = None


class SearchHitModel(BaseModel):
    kind: Literal["article", "statement"]
    score: float = Field(description="bm25 score: lower is better")
    article_id: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    date: str | None = None
    snippet: str = Field(description="the matching passage, plain text")
    highlights: list[list[int]] = Field(description="[[start, end], ...] of the matched words in `snippet`")
    statement_id: str | None = None
    speaker: str | None = None
    stance: str | None = None
    statement_kind: str | None = None


class TimelineEntryModel(BaseModel):
    date: str
    kind: Literal["statement", "event"] = Field(description="event: a dated sentence (one holding a time expression with a calendar date), not a TimeML EVENT")
    text: str
    article_id: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    time_value: str | None = None
    start: int
    end: int
    speaker: str | None = None
    stance: str | None = None
    statement_kind: str | None = None
    statement_id: str | None = None
    act: StatementAct | None = Field(None, description="a statement's act")


class StatsModel(BaseModel):
    articles: int
    statements: int
    speakers: int = Field(description="named speakers with a statement")
    people: int | None = Field(None, deprecated=True, description="deprecated: the same as `speakers`, written one more release")
    failures: int
    near_duplicates: int
    first_published: str | None = None
    last_published: str | None = None


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of results; `next_offset` is null on the last page.

    `total` counts every match where that is cheap; it is null for search and timeline results,
    and for lists with more matches than the count cap (10,000): page on with `next_offset`.
    """

    items: list[T]
    limit: int
    offset: int
    total: int | None = None
    next_offset: int | None = None


class RoleSpanModel(BaseModel):
    role: str = Field(description="a title or description of the person, as written")
    first_date: str | None = Field(None, description="date of the first article that gives it")
    last_date: str | None = Field(None, description="date of the last article that gives it")
    articles: list[str] = Field(description="record ids of articles that give it (the first 20)")


class IdentityModel(BaseModel):
    """One person (or organisation) across the archive: every name it goes by and its roles over time."""

    id: int = Field(description="the `person` of exported entities")
    name: str
    type: str
    aliases: list[str]
    roles: list[RoleSpanModel]
    statements: int
    mentions: int = Field(description="articles that name it")
    first_date: str | None = None
    last_date: str | None = None


class PersonDetail(BaseModel):
    speaker: PersonModel
    person: PersonModel | None = Field(None, deprecated=True, description="deprecated: the same as `speaker`, written one more release")
    statements: Page[StatementHitModel]
    identity: IdentityModel | None = Field(None, description="the person across the archive this speaker is linked to (storyline link)")


class HomeModel(BaseModel):
    stats: StatsModel
    recent_articles: list[ArticleSummaryModel]
    most_quoted: list[PersonModel]
    latest_denials: list[StatementHitModel]
    stories: list[StorySummaryModel] = Field(default_factory=list, description="the stories that moved most recently")


class SummarySentenceModel(BaseModel):
    text: str
    article: str = Field(description="the record id of the first article that says it")
    outlet: str | None = None
    articles: list[str] = Field(description="every article with this sentence (the same sentence from several outlets is one)")
    outlets: list[str]
    reason: str = Field(description="why this sentence stands for its date")


class SummaryDateModel(BaseModel):
    date: str
    reason: str = Field(description="the evidence for the date: articles that name it, articles published that day")
    score: float
    sentences: list[SummarySentenceModel]


class TimelineSummaryModel(BaseModel):
    """The dates that mattered (those the most articles name) and, for each, what happened."""

    dates: list[SummaryDateModel]
    text: str | None = None
    since: str | None = None
    until: str | None = None


class TimelineModel(BaseModel):
    entries: Page[TimelineEntryModel]
    summary: list[SummaryDateModel] | None = None
    speaker: str | None = None
    text: str | None = None
    since: str | None = None
    until: str | None = None


class SearchModel(BaseModel):
    q: str
    scope: str
    results: Page[SearchHitModel]
    since: str | None = None  # the filters /api/search has, as the page was given them
    until: str | None = None
    outlet: str | None = None


class AnalyzeRequest(BaseModel):
    text: str = Field(min_length=1, description="the article text (headline, blank line, paragraphs)")
    published: str | None = Field(None, description="publication date, YYYY-MM-DD; anchors relative times")
    title: str | None = None
    url: str | None = None
    outlet: str | None = Field(None, description="outlet name")
    author: str | None = Field(None, description="the article's author, as its metadata gives it")
    source: str | None = Field(None, json_schema_extra={"deprecated": True}, description="deprecated: the outlet's former name; `outlet` wins")


class ErrorModel(BaseModel):
    status: int
    detail: str
    errors: list[dict] | None = None


# -- stories ----------------------------------------------------------------------------------


class StorySummaryModel(BaseModel):
    """A developing story: articles across outlets and days that tell one chain of events."""

    id: int
    title: str | None = Field(None, description="the representative headline")
    first: str | None = None
    last: str | None = None
    outlets: list[str]
    article_count: int
    articles: list[str] = Field(description="record ids of its articles, in order of arrival")


class StoryArticleModel(BaseModel):
    article_id: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    copy_: bool = Field(alias="copy")

    model_config = ConfigDict(populate_by_name=True)


class StorySpeakerModel(BaseModel):
    name: str
    speaker_id: int | None = None
    person_id: int | None = Field(None, deprecated=True, description="deprecated: the same as `speaker_id`, written one more release")
    statements: int


class StoryDetailModel(BaseModel):
    story: StorySummaryModel
    articles: list[StoryArticleModel]
    speakers: list[StorySpeakerModel] = Field(description="the main named speakers, most statements first")
    people: list[StorySpeakerModel] | None = Field(None, deprecated=True, description="deprecated: the same as `speakers`, written one more release")
    statements: list[StatementHitModel] = Field(description="who said what, in date order (undated last)")


HomeModel.model_rebuild()


class StoryDayModel(BaseModel):
    """One day of a story (date null: undated): the outlets that covered it and the statements dated to it."""

    date: str | None = None
    outlets: list[str]
    articles: list[StoryArticleModel]
    statements: list[StatementHitModel]


class ClaimStatementModel(BaseModel):
    statement: int = Field(description="the statement's id in the archive")
    article: str = Field(description="its article's record id")
    statement_id: str = Field(description="its id in the article's record (s1, s2, ...)")
    speaker: str | None = None
    content: str
    stance: str
    date: str | None = None
    outlet: str | None = None
    story: int | None = None


class ClaimAnswerModel(ClaimStatementModel):
    relation: Literal["confirms", "denies", "repeats", "withdraws"]
    rule: str = Field(description="the relation rule that linked it (storyline.link.relation.RELATION_RULES)")
    score: float = Field(description="the relation model's probability that the two are related")
    reversal: bool = Field(description="the claim's own speaker denies or withdraws it")


class ClaimModel(ClaimStatementModel):
    """A claim and everyone who confirmed, denied, repeated or withdrew it, in date order."""

    links: list[ClaimAnswerModel]
    counts: dict[str, int]
    contested: bool = Field(description="someone denied or withdrew it")
    reversals: int = Field(description="denials or withdrawals by the claim's own speaker")


class QuoteUseModel(ClaimStatementModel):
    text: str = Field(description="the quoted words as this article wrote them")
    variant: bool = Field(description="the wording differs from the quote's first words: possible misquote")
    start: int = Field(description="offset of the quoted words in the article text")
    end: int


class QuoteModel(BaseModel):
    """Quote provenance: the first outlet and time that carried the words, every use, the wording variants."""

    id: int
    words: str
    first: QuoteUseModel | None = None
    uses: list[QuoteUseModel]
    outlets: list[str]
    variants: list[str]


class QuoteSummaryModel(BaseModel):
    id: int
    words: str
    uses: int
    variants: int
    first_date: str | None = None


class StoryPageModel(BaseModel):
    detail: StoryDetailModel
    days: list[StoryDayModel]
    claims: list[ClaimModel] = Field(default_factory=list, description="the story's contested claims (denied or withdrawn)")
    quotes: list[QuoteSummaryModel] = Field(default_factory=list, description="quoted words the story's articles carried more than once")
