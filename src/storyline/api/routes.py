"""The JSON API under /api (and POST /analyze): articles, statements, speakers, stories, timeline, search.

Every endpoint is read-only except POST /analyze, which analyses a text without storing it.
Endpoints are plain `def`s: FastAPI runs them in worker threads, and each takes its own
thread's Store from the pool at call time (never through a dependency, which may run on
another thread).
"""
from __future__ import annotations

import threading
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request

from storyline.api import models, service
from storyline.api.service import MAX_PAGE, MAX_TIMELINE, store_of
from storyline.api.limits import analysis_slot
from storyline.store import queries

router = APIRouter(prefix="/api", tags=["archive"])
analyze_router = APIRouter(tags=["analysis"])

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"page size (at most {MAX_PAGE})")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="items to skip")]
Since = Annotated[str | None, Query(description="from this date, inclusive (YYYY-MM-DD; YYYY-MM and YYYY mean their first day)")]
Until = Annotated[str | None, Query(description="up to this date, inclusive (YYYY-MM-DD)")]
Outlet = Annotated[str | None, Query(max_length=200, description="outlet name (any case)")]
Text = Annotated[str | None, Query(max_length=500, description='words that must all occur; "quoted phrase"')]
Speaker = Annotated[str | None, Query(max_length=200, description='words of the name (or of any name of its identity), as word prefixes, any case ("biden", "joe bid"); roles never match')]
Copies = Annotated[bool, Query(description="include near-duplicate (syndicated) copies")]
Act = Annotated[
    Literal["say", "write", "think", "intend", "do", "perceive", "other", "all"] | None,
    Query(description="only this act; all: every act (by default only what was said or written: say, write)"),
]
EveryAct = Annotated[bool, Query(alias="all", description="beliefs, intentions, actions and perceptions too (act=all)")]


def _act(act: str | None, every_act: bool) -> str | None:
    return act or ("all" if every_act else None)


@router.get("/stats", response_model=models.StatsModel, summary="Archive counts")
def stats(request: Request):
    return service.cached(request, "stats", lambda store: queries.stats(store).to_dict())


@router.get("/articles", response_model=models.Page[models.ArticleSummaryModel], summary="Articles, newest first")
def list_articles(
    request: Request,
    since: Since = None,
    until: Until = None,
    outlet: Outlet = None,
    q: Text = None,
    copies: Annotated[bool, Query(description="include near-duplicate copies")] = True,
    limit: Limit = 50,
    offset: Offset = 0,
):
    where = service.filters(since=since, until=until, outlet=outlet, about=q, copies=copies)
    return service.articles_page(store_of(request), where, limit, offset)


@router.get(
    "/articles/{article_id:path}",
    response_model=models.ArticleOut,
    summary="One article: its full record, sources and copies",
    responses={404: {"model": models.ErrorModel}},
)
def get_article(request: Request, article_id: str):
    found = queries.article(store_of(request), article_id)
    if found is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return found.to_dict()


@router.get("/statements", response_model=models.Page[models.StatementHitModel], summary="Statements, newest first")
def list_statements(
    request: Request,
    speaker: Speaker = None,
    stance: Literal["assert", "deny", "hedge"] | None = None,
    kind: Literal["direct", "indirect", "mixed"] | None = None,
    text: Text = None,
    outlet: Outlet = None,
    since: Since = None,
    until: Until = None,
    copies: Copies = False,
    act: Act = None,
    every_act: EveryAct = False,
    limit: Limit = 50,
    offset: Offset = 0,
):
    where = service.filters(speaker=speaker, stance=stance, kind=kind, about=text, outlet=outlet, since=since, until=until, copies=copies,
                            act=_act(act, every_act))
    return service.statements_page(store_of(request), where, limit, offset)


# /api/people* are the former names of /api/speakers*: what they list are named speakers (organisations
# and named groups too), not people; /api/people is also not the identities of `storyline people`.
# Kept, undocumented, for one release.
@router.get("/speakers", response_model=models.Page[models.PersonModel], summary="Named speakers (people, organizations, named groups), most quoted first")
@router.get("/people", response_model=models.Page[models.PersonModel], include_in_schema=False)
def list_speakers(
    request: Request,
    name: Speaker = None,
    type: Annotated[str | None, Query(pattern="^(PERSON|ORG|GPE|LOC|NORP)$", description="entity type of the speaker")] = None,
    since: Since = None,
    until: Until = None,
    outlet: Outlet = None,
    limit: Limit = 50,
    offset: Offset = 0,
):
    where = service.filters(speaker=name, type=type, since=since, until=until, outlet=outlet)
    return service.people_page(store_of(request), where, limit, offset)


@router.get("/organizations", response_model=models.Page[models.PersonModel], summary="Organizations that speak, most quoted first")
def list_organizations(
    request: Request,
    name: Speaker = None,
    since: Since = None,
    until: Until = None,
    outlet: Outlet = None,
    limit: Limit = 50,
    offset: Offset = 0,
):
    where = service.filters(speaker=name, type="ORG", since=since, until=until, outlet=outlet)
    return service.people_page(store_of(request), where, limit, offset)


@router.get(
    "/speakers/{speaker_id}",
    response_model=models.PersonDetail,
    summary="One speaker and their statements, oldest first",
    responses={404: {"model": models.ErrorModel}},
)
@router.get("/people/{speaker_id}", response_model=models.PersonDetail, include_in_schema=False)
def get_speaker(request: Request, speaker_id: int, every_act: EveryAct = False, limit: Limit = MAX_PAGE, offset: Offset = 0):
    return service.person_detail(store_of(request), speaker_id, limit, offset, every_act=every_act)


@router.get("/stories", response_model=models.Page[models.StorySummaryModel], summary="Stories, the ones that moved most recently first")
def list_stories(
    request: Request,
    since: Since = None,
    until: Until = None,
    outlet: Outlet = None,
    q: Text = None,
    limit: Limit = 50,
    offset: Offset = 0,
):
    where = service.filters(since=since, until=until, outlet=outlet, about=q)
    return service.stories_page(store_of(request), where, limit, offset)


@router.get(
    "/stories/{story_id}",
    response_model=models.StoryDetailModel,
    summary="One story: its articles by date and outlet, its main speakers, who said what in date order",
    responses={404: {"model": models.ErrorModel}},
)
def get_story(request: Request, story_id: int):
    found = queries.story(store_of(request), story_id)
    if found is None:
        raise HTTPException(404, f"no story {story_id}")
    return found.to_dict()


@router.get("/timeline", response_model=models.Page[models.TimelineEntryModel], summary="Statements and dated sentences, oldest first")
def get_timeline(
    request: Request,
    speaker: Annotated[str | None, Query(max_length=200, description="only this speaker's statements (words of the name, as word prefixes; roles never match)")] = None,
    text: Text = None,
    outlet: Outlet = None,
    since: Since = None,
    until: Until = None,
    act: Act = None,
    every_act: EveryAct = False,
    limit: Annotated[int, Query(ge=1, le=MAX_TIMELINE)] = 200,
    offset: Offset = 0,
):
    where = service.filters(speaker=speaker, about=text, outlet=outlet, since=since, until=until, act=_act(act, every_act))
    return service.timeline_page(store_of(request), where, limit, offset)


@router.get("/timeline/summary", response_model=models.TimelineSummaryModel,
            summary="The dates that mattered and what happened on each, from the articles' own dates")
def get_timeline_summary(
    request: Request,
    text: Annotated[str | None, Query(max_length=500, description="summarize the articles with these words (all required)")] = None,
    outlet: Outlet = None,
    since: Since = None,
    until: Until = None,
    dates: Annotated[int | None, Query(ge=1, le=service.MAX_SUMMARY_DATES, description="at most this many dates (default 10)")] = None,
    per_date: Annotated[int | None, Query(ge=1, le=service.MAX_PER_DATE, description="at most this many sentences per date (default 2)")] = None,
):
    where = service.filters(about=text, outlet=outlet, since=since, until=until)
    summary = service.timeline_summary(request, where, dates, per_date)
    return {"dates": summary, "text": where.about, "since": where.since, "until": where.until}


@router.get("/search", response_model=models.Page[models.SearchHitModel], summary="Full-text search of articles and statements, best first")
def get_search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500, description='words (all required); "quoted phrase"')],
    scope: Literal["all", "articles", "statements"] = "all",
    outlet: Outlet = None,
    since: Since = None,
    until: Until = None,
    act: Act = None,
    every_act: EveryAct = False,
    limit: Limit = 20,
    offset: Offset = 0,
):
    where = service.filters(outlet=outlet, since=since, until=until, act=_act(act, every_act))
    return service.search_page(store_of(request), q, scope, where, limit, offset)


# -- analysis (the one endpoint that takes a body; nothing is stored) --------------------------

_analyze_lock = threading.Lock()  # one spaCy pipeline per process, not safe to share across threads at once


@analyze_router.post(
    "/analyze",
    response_model=models.ArticleRecord,
    summary="Analyse a text (not stored): the record of who said what, when",
    responses={413: {"model": models.ErrorModel}, 422: {"model": models.ErrorModel}},
)
def analyze(body: models.AnalyzeRequest):
    from storyline.analyze import analyze as run, parse_date

    try:
        parse_date(body.published)
    except ValueError as error:
        raise HTTPException(422, f"published: {error}") from None
    if not body.text.strip():
        raise HTTPException(422, "text: empty")
    with analysis_slot(_analyze_lock):  # waits no longer than the request's time budget
        try:
            article = run(body.text, published=body.published, title=body.title, url=body.url, outlet=body.outlet or body.source,
                          author=body.author)
        except ValueError as error:
            raise HTTPException(422, str(error)) from None
    return article.to_dict()


analyze_router.add_api_route("/api/analyze", analyze, methods=["POST"], response_model=models.ArticleRecord, include_in_schema=False)

ROUTERS = [router, analyze_router]  # what storyline.server mounts; a new router goes here
