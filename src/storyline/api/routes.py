"""The JSON API under /api (and POST /analyze): articles, statements, people, timeline, search.

Every endpoint is read-only except POST /analyze, which analyses a text without storing it.
Endpoints are plain `def`s: FastAPI runs them in worker threads, and each takes its own
thread's Store from the pool at call time (never through a dependency, which may run on
another thread).
"""
from __future__ import annotations

import threading
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request

from storyline.api import models
from storyline.api.convert import MARK_CLOSE, MARK_OPEN, blank_to_none, checked_range, page, search_hit
from storyline.api.limits import analysis_slot
from storyline.store import queries
from storyline.store.store import Store

MAX_PAGE = 200  # most items in one page of any list
MAX_TIMELINE = 1000  # most entries in one timeline request (the chart draws them all)

router = APIRouter(prefix="/api", tags=["archive"])
analyze_router = APIRouter(tags=["analysis"])

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"page size (at most {MAX_PAGE})")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="items to skip")]
Since = Annotated[str | None, Query(description="from this date, inclusive (YYYY-MM-DD; YYYY-MM and YYYY mean their first day)")]
Until = Annotated[str | None, Query(description="up to this date, inclusive (YYYY-MM-DD)")]
Outlet = Annotated[str | None, Query(max_length=200, description="outlet name (any case)")]
Text = Annotated[str | None, Query(max_length=500, description='words that must all occur; "quoted phrase"')]
Copies = Annotated[bool, Query(description="include near-duplicate (syndicated) copies")]


def store_of(request: Request) -> Store:
    return request.app.state.pool.get()


def _query(call):
    """Run a store query; a ValueError from it (nothing to search for, a bad date) is the client's: 422."""
    try:
        return call()
    except ValueError as error:
        raise HTTPException(422, str(error)) from None


@router.get("/stats", response_model=models.StatsModel, summary="Archive counts")
def stats(request: Request):
    return request.app.state.pool.cached("stats", lambda store: queries.stats(store).to_dict())


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
    since, until = checked_range(since, until)
    store = store_of(request)
    filters = {"since": since, "until": until, "outlet": blank_to_none(outlet), "about": blank_to_none(q), "copies": copies}
    items = _query(lambda: queries.articles(store, limit=limit, offset=offset, **filters))
    total = _query(lambda: queries.count_articles(store, **filters))
    return page([a.to_dict() for a in items], limit, offset, total)


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


def statement_filters(speaker, stance, kind, text, outlet, since, until, copies) -> dict:
    since, until = checked_range(since, until)
    return {
        "speaker": blank_to_none(speaker), "stance": stance, "kind": kind, "about": blank_to_none(text),
        "outlet": blank_to_none(outlet), "since": since, "until": until, "copies": copies,
    }


@router.get("/statements", response_model=models.Page[models.StatementHitModel], summary="Statements, newest first")
def list_statements(
    request: Request,
    speaker: Annotated[str | None, Query(max_length=200, description="speaker name or role (substring, any case)")] = None,
    stance: Literal["assert", "deny", "hedge"] | None = None,
    kind: Literal["direct", "indirect", "mixed"] | None = None,
    text: Text = None,
    outlet: Outlet = None,
    since: Since = None,
    until: Until = None,
    copies: Copies = False,
    limit: Limit = 50,
    offset: Offset = 0,
):
    filters = statement_filters(speaker, stance, kind, text, outlet, since, until, copies)
    store = store_of(request)
    items = _query(lambda: queries.statements(store, limit=limit, offset=offset, **filters))
    total = _query(lambda: queries.count_statements_capped(store, **filters))
    return page([s.to_dict() for s in items], limit, offset, total)


def _speakers(request: Request, name, type_, since, until, outlet, limit, offset) -> dict:
    since, until = checked_range(since, until)
    store = store_of(request)
    outlet = blank_to_none(outlet)
    items = queries.speakers(store, name=blank_to_none(name), type=type_, since=since, until=until, outlet=outlet, limit=limit, offset=offset)
    total = None if (since or until or outlet) else queries.count_speakers(store, name=blank_to_none(name), type=type_)
    return page([p.to_dict() for p in items], limit, offset, total)


@router.get("/people", response_model=models.Page[models.PersonModel], summary="Speakers (people and organizations), most quoted first")
def list_people(
    request: Request,
    name: Annotated[str | None, Query(max_length=200, description="name or role (substring, any case)")] = None,
    type: Annotated[str | None, Query(pattern="^(PERSON|ORG|GPE|LOC|NORP)$", description="entity type of the speaker")] = None,
    since: Since = None,
    until: Until = None,
    outlet: Outlet = None,
    limit: Limit = 50,
    offset: Offset = 0,
):
    return _speakers(request, name, type, since, until, outlet, limit, offset)


@router.get("/organizations", response_model=models.Page[models.PersonModel], summary="Organizations that speak, most quoted first")
def list_organizations(
    request: Request,
    name: Annotated[str | None, Query(max_length=200)] = None,
    since: Since = None,
    until: Until = None,
    outlet: Outlet = None,
    limit: Limit = 50,
    offset: Offset = 0,
):
    return _speakers(request, name, "ORG", since, until, outlet, limit, offset)


def person_detail(store: Store, person_id: int, limit: int, offset: int) -> dict:
    found = queries.person(store, person_id)
    if found is None:
        raise HTTPException(404, f"no speaker with id {person_id}")
    items = queries.person_statements(store, person_id, limit=limit, offset=offset)
    total = queries.count_person_statements(store, person_id)
    return {"person": found.to_dict(), "statements": page([s.to_dict() for s in items], limit, offset, total)}


@router.get(
    "/people/{person_id}",
    response_model=models.PersonDetail,
    summary="One speaker and their statements, oldest first",
    responses={404: {"model": models.ErrorModel}},
)
def get_person(request: Request, person_id: int, limit: Limit = MAX_PAGE, offset: Offset = 0):
    return person_detail(store_of(request), person_id, limit, offset)


def timeline_entries(store: Store, speaker, text, outlet, since, until, limit, offset) -> dict:
    since, until = checked_range(since, until)
    items = _query(lambda: queries.timeline(
        store, speaker=blank_to_none(speaker), about=blank_to_none(text), outlet=blank_to_none(outlet),
        since=since, until=until, limit=limit, offset=offset))
    return page([e.to_dict() for e in items], limit, offset)


@router.get("/timeline", response_model=models.Page[models.TimelineEntryModel], summary="Statements and dated sentences, oldest first")
def get_timeline(
    request: Request,
    speaker: Annotated[str | None, Query(max_length=200, description="only this speaker's statements (name or role)")] = None,
    text: Text = None,
    outlet: Outlet = None,
    since: Since = None,
    until: Until = None,
    limit: Annotated[int, Query(ge=1, le=MAX_TIMELINE)] = 200,
    offset: Offset = 0,
):
    return timeline_entries(store_of(request), speaker, text, outlet, since, until, limit, offset)


def search_results(store: Store, q: str, scope: str, outlet, since, until, limit, offset) -> dict:
    since, until = checked_range(since, until)
    hits = _query(lambda: queries.search(
        store, q, since=since, until=until, outlet=blank_to_none(outlet), limit=limit, offset=offset,
        scope=scope, highlight=(MARK_OPEN, MARK_CLOSE)))
    return page([search_hit(h) for h in hits], limit, offset)


@router.get("/search", response_model=models.Page[models.SearchHitModel], summary="Full-text search of articles and statements, best first")
def get_search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500, description='words (all required); "quoted phrase"')],
    scope: Literal["all", "articles", "statements"] = "all",
    outlet: Outlet = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 20,
    offset: Offset = 0,
):
    return search_results(store_of(request), q, scope, outlet, since, until, limit, offset)


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
            article = run(body.text, published=body.published, title=body.title, url=body.url, source=body.source,
                          author=body.author)
        except ValueError as error:
            raise HTTPException(422, str(error)) from None
    return article.to_dict()


analyze_router.add_api_route("/api/analyze", analyze, methods=["POST"], response_model=models.ArticleRecord, include_in_schema=False)
