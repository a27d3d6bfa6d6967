"""The composition root: `create_app(db_path)` builds the HTTP app from the JSON API (storyline.api)
and the web pages (storyline.web), which use the API's bodies. Nothing else imports both.
"""
from __future__ import annotations

from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from storyline.api import claims, errors, relate, routes
from storyline.api.limits import DEFAULT_MAX_BODY, BodyLimit
from storyline.api.security import HeadAsGet, SecurityHeaders
from storyline.api.stores import StorePool
from storyline.store.store import default_path
from storyline.link.timelines import summarize_records
from storyline.web import pages


def summarize_timeline(records: list[dict], **options) -> list[dict]:
    """The timeline summarizer the API and pages call (they never import storyline.link)."""
    return [day.to_dict() for day in summarize_records(records, **options)]


def create_app(db_path: str | Path | None = None, max_body: int = DEFAULT_MAX_BODY) -> FastAPI:
    """The app over the archive at `db_path` (default: $STORYLINE_DB or ./storyline.db), opened read-only.

    JSON under /api (documented at /api and /openapi.json; /docs leads to /api: Swagger UI would load its
    script from a CDN, blank offline) and POST /analyze; pages everywhere
    else, each with a `.json` twin. Raises FileNotFoundError when there is no archive there.
    `max_body` caps request bodies (413 beyond).
    """
    pool = StorePool(db_path or default_path())

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        pool.close()

    app = FastAPI(
        title="storyline",
        summary="Who said what, when: the archive as JSON. Every page of the web UI also has a .json twin.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # no Swagger UI or ReDoc: both load from a CDN (pages.docs sends /docs to /api)
        redoc_url=None,
    )
    app.state.pool = pool
    app.state.summarize = summarize_timeline
    app.state.max_body = max_body
    app.add_middleware(BodyLimit, max_body=max_body)
    app.add_middleware(HeadAsGet)
    app.add_middleware(SecurityHeaders)
    errors.install(app, html_page=pages.error_page)
    for router in routes.ROUTERS:
        app.include_router(router)
    app.include_router(relate.router)  # claim–text relations (POST /relate)
    app.include_router(claims.router)  # claims and quotes the link stage derived
    static = resources.files("storyline.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.include_router(pages.router)
    return app
