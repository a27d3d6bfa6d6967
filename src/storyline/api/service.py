"""The API's JSON bodies as functions of a store and `Filters`: the routes return them, and the
web pages (storyline.web) render the same bodies, so a page and its JSON twin always agree.

A bad filter value (a date that is not one, nothing to search for) is the client's error: 422.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from fastapi import HTTPException, Request

from storyline.api.convert import MARK_CLOSE, MARK_OPEN, page, search_hit
from storyline.store import queries
from storyline.store.filters import Filters
from storyline.store.store import Store

MAX_PAGE = 200  # most items in one page of any list
MAX_TIMELINE = 1000  # most entries in one timeline request (the chart draws them all)

T = TypeVar("T")


def store_of(request: Request) -> Store:
    """This thread's read-only Store (taken at call time: a dependency may run on another thread)."""
    return request.app.state.pool.get()


def cached(request: Request, key, compute: Callable[[Store], T]) -> T:
    """`compute(store)`, remembered until the archive changes (see StorePool.cached)."""
    return request.app.state.pool.cached(key, compute)


def answer(call: Callable[[], T]) -> T:
    """Run a query; a ValueError from it (a bad date, nothing to search for) is the client's: 422."""
    try:
        return call()
    except ValueError as error:
        raise HTTPException(422, str(error)) from None


def filters(**given) -> Filters:
    """The request's filters, checked (422 naming the parameter when one is bad)."""
    return answer(lambda: Filters(**given))


def articles_page(store: Store, where: Filters, limit: int, offset: int) -> dict:
    items = answer(lambda: queries.articles(store, where, limit=limit, offset=offset))
    total = answer(lambda: queries.count_articles(store, where))
    return page([a.to_dict() for a in items], limit, offset, total)


def statements_page(store: Store, where: Filters, limit: int, offset: int) -> dict:
    items = answer(lambda: queries.statements(store, where, limit=limit, offset=offset))
    total = answer(lambda: queries.count_statements_capped(store, where))
    return page([s.to_dict() for s in items], limit, offset, total)


def people_page(store: Store, where: Filters, limit: int, offset: int) -> dict:
    items = answer(lambda: queries.people(store, where, limit=limit, offset=offset))
    total = answer(lambda: queries.count_people(store, where))
    return page([p.to_dict() for p in items], limit, offset, total)


def person_detail(store: Store, person_id: int, limit: int, offset: int, every_act: bool = False) -> dict:
    found = queries.person(store, person_id)
    if found is None:
        raise HTTPException(404, f"no speaker with id {person_id}")
    items = queries.person_statements(store, person_id, limit=limit, offset=offset, every_act=every_act)
    total = queries.count_person_statements(store, person_id, every_act=every_act)
    linked = queries.speaker_identity(store, person_id)
    identity = queries.identity(store, linked) if linked is not None else None
    speaker = found.to_dict()
    return {"speaker": speaker, "person": speaker,  # `person`: the former name, written one more release
            "statements": page([s.to_dict() for s in items], limit, offset, total), "identity": identity.to_dict() if identity else None}


def timeline_page(store: Store, where: Filters, limit: int, offset: int) -> dict:
    items = answer(lambda: queries.timeline(store, where, limit=limit, offset=offset))
    return page([e.to_dict() for e in items], limit, offset)


MAX_SUMMARY_DATES, MAX_PER_DATE = 100, 10


def timeline_summary(request: Request, where: Filters, dates: int | None = None, per_date: int | None = None) -> list[dict]:
    """The timeline summary of the articles `where` selects, as JSON (SummaryDateModel); remembered until
    the archive changes. The summarizer is the server's (`app.state.summarize`, from storyline.link):
    the API never imports linking."""
    summarize = request.app.state.summarize

    def compute(store: Store) -> list[dict]:
        records = answer(lambda: queries.timeline_records(store, where))
        return answer(lambda: summarize(records, dates=dates, per_date=per_date, since=where.since, until=where.until, about=where.about))

    return cached(request, ("timeline-summary", repr(where), dates, per_date), compute)


def search_page(store: Store, q: str, scope: str, where: Filters, limit: int, offset: int) -> dict:
    hits = answer(lambda: queries.search(store, q, where, limit=limit, offset=offset, scope=scope, highlight=(MARK_OPEN, MARK_CLOSE)))
    return page([search_hit(h) for h in hits], limit, offset)


def stories_page(store: Store, where: Filters, limit: int, offset: int) -> dict:
    items = queries.stories(store, where, limit=limit, offset=offset)
    total = queries.count_stories(store, where)
    return page([s.to_dict() for s in items], limit, offset, total)
