"""Server-rendered pages. Each has a JSON twin: the same URL with `.json`, or `Accept: application/json`.

The twins return the same boundary models as the API (storyline.api.models), so a page and
its JSON always agree.
"""
from __future__ import annotations

from dataclasses import asdict
from datetime import date, timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse
from markupsafe import Markup, escape
from pydantic import BaseModel

from storyline.api import models, service
from storyline.api.convert import page, strip_json_suffix, wants_json
from storyline.api.service import MAX_PAGE, MAX_TIMELINE, cached, store_of
from storyline.store import claims as claim_store
from storyline.store import queries
from storyline.store.dates import day, day_end
from storyline.store.filters import Filters
from storyline.store.queries import TimelineEntry
from storyline.web.chart import timeline_svg
from storyline.web.render import render_article
from storyline.web.templating import templates

router = APIRouter(include_in_schema=False)

PageLimit = Annotated[int, Query(ge=1, le=MAX_PAGE)]
PageOffset = Annotated[int, Query(ge=0, le=10_000_000)]
HOME_ITEMS = 10
STORY_CLAIMS = 20  # contested claims and repeated quotes a story page shows
SPEAKER_CHOICES = 100  # names offered by the timeline's speaker box


def _respond(request: Request, as_json: bool, model: type[BaseModel], data: dict, template: str, context: dict | None = None):
    validated = model.model_validate(data)
    if as_json or wants_json(request):
        return JSONResponse(validated.model_dump(mode="json", by_alias=True))
    return templates().TemplateResponse(request, template, {"data": validated, **(context or {})})


def highlighted(snippet: str, spans: list[list[int]]) -> Markup:
    """A search snippet as HTML: each slice escaped, matches in <mark>."""
    out, at = [], 0
    for start, end in spans:
        out.append(str(escape(snippet[at:start])))
        out.append(f"<mark>{escape(snippet[start:end])}</mark>")
        at = end
    out.append(str(escape(snippet[at:])))
    return Markup("".join(out))


@router.get("/favicon.ico")
def favicon():
    return RedirectResponse("/static/favicon.svg", status_code=301)


@router.get("/docs")
@router.get("/redoc")
def docs():
    """The API's documentation is /api, which works offline (Swagger UI and ReDoc would load from a CDN)."""
    return RedirectResponse("/api", status_code=307)


@router.get("/api")
def api_page(request: Request):
    """A readable list of the API's endpoints, from the OpenAPI description (works offline)."""
    if wants_json(request):
        return JSONResponse(request.app.openapi())
    spec = request.app.openapi()
    endpoints = []
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            params = [
                {"name": p["name"], "where": p["in"], "required": p.get("required", False), "description": p.get("description") or ""}
                for p in op.get("parameters", [])
            ]
            body = None
            if "requestBody" in op:
                ref = op["requestBody"]["content"]["application/json"]["schema"].get("$ref", "")
                schema = spec["components"]["schemas"].get(ref.rsplit("/", 1)[-1], {})
                body = ", ".join(f"{k}{'' if k in schema.get('required', []) else ' (optional)'}" for k in schema.get("properties", {}))
            endpoints.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""), "params": params, "body": body})
    context = {"endpoints": endpoints, "max_page": MAX_PAGE, "max_body": request.app.state.max_body}
    return templates().TemplateResponse(request, "api.html", context)


# -- home ---------------------------------------------------------------------------------------


def home_data(store) -> dict:
    return {
        "stats": queries.stats(store).to_dict(),
        "recent_articles": [a.to_dict() for a in queries.articles(store, limit=HOME_ITEMS, copies=False)],
        # named people first: unresolved sources ("the memo", "his office") are speakers, not people
        "most_quoted": [p.to_dict() for p in (queries.people(store, type="PERSON", limit=HOME_ITEMS)
                                               or queries.people(store, limit=HOME_ITEMS))],
        "latest_denials": [s.to_dict() for s in queries.statements(store, stance="deny", limit=HOME_ITEMS)],
        "stories": [s.to_dict() for s in queries.stories(store, limit=HOME_ITEMS)],
    }


def _home(request: Request, as_json: bool):
    data = cached(request, "home", home_data)
    return _respond(request, as_json, models.HomeModel, data, "home.html")


@router.get("/")
def home(request: Request):
    return _home(request, False)


@router.get("/index.json")
def home_json(request: Request):
    return _home(request, True)


# -- stories --------------------------------------------------------------------------------------


def story_days(detail: queries.StoryDetail) -> list[dict]:
    """The story as days (oldest first, undated last): each day's articles, its outlets and its statements."""
    days: dict[str | None, dict] = {}

    def day(date: str | None) -> dict:
        return days.setdefault(date, {"date": date, "outlets": [], "articles": [], "statements": []})

    for a in detail.articles:
        row = day(a.published)
        row["articles"].append(asdict(a))
        if a.outlet and a.outlet not in row["outlets"]:
            row["outlets"].append(a.outlet)
    for s in detail.statements:
        day(s.date)["statements"].append(s.to_dict())
    return [days[d] for d in sorted(days, key=lambda d: (d is None, d or ""))]


def _story(request: Request, story_id: int, as_json: bool):
    found = queries.story(store_of(request), story_id)
    if found is None:
        raise HTTPException(404, f"no story {story_id}")
    store = store_of(request)
    data = {"detail": found.to_dict(), "days": story_days(found),
            "claims": claim_store.claims(store, story=story_id, denied=True, limit=STORY_CLAIMS)[1],
            "quotes": claim_store.quotes(store, story=story_id, limit=STORY_CLAIMS)}
    return _respond(request, as_json, models.StoryPageModel, data, "story.html")


def _quote(request: Request, quote_id: int, as_json: bool):
    found = claim_store.quote(store_of(request), quote_id)
    if found is None:
        raise HTTPException(404, f"no quote {quote_id}")
    return _respond(request, as_json, models.QuoteModel, found, "quote.html")


@router.get("/quotes/{quote_id}.json")
def quote_json(request: Request, quote_id: int):
    return _quote(request, quote_id, True)


@router.get("/quotes/{quote_id}")
def quote_page(request: Request, quote_id: int):
    return _quote(request, quote_id, False)


@router.get("/stories/{story_id}.json")
def story_json(request: Request, story_id: int):
    return _story(request, story_id, True)


@router.get("/stories/{story_id}")
def story_page(request: Request, story_id: int):
    return _story(request, story_id, False)


# -- articles -------------------------------------------------------------------------------------


def _articles(request: Request, as_json: bool, since, until, outlet, q, limit, offset):
    where = service.filters(since=since, until=until, outlet=outlet, about=q)
    data = service.articles_page(store_of(request), where, limit, offset)
    context = {"filters": {"since": where.since, "until": where.until, "outlet": outlet, "q": q}}
    return _respond(request, as_json, models.Page[models.ArticleSummaryModel], data, "articles.html", context)


@router.get("/articles")
def articles_page(request: Request, since: str | None = None, until: str | None = None, outlet: str | None = None,
                  q: str | None = None, limit: PageLimit = 50, offset: PageOffset = 0):
    return _articles(request, False, since, until, outlet, q, limit, offset)


@router.get("/articles.json")
def articles_json(request: Request, since: str | None = None, until: str | None = None, outlet: str | None = None,
                  q: str | None = None, limit: PageLimit = 50, offset: PageOffset = 0):
    return _articles(request, True, since, until, outlet, q, limit, offset)


@router.get("/articles/{article_id:path}")
def article_page(request: Request, article_id: str):
    if not article_id:
        return RedirectResponse("/articles", status_code=307)
    store = store_of(request)
    found = queries.article(store, article_id)
    as_json = False
    if found is None:
        bare, as_json = strip_json_suffix(article_id)
        found = queries.article(store, bare) if as_json else None
        article_id = bare
    if found is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    data = found.to_dict()
    if as_json or wants_json(request):
        return _respond(request, True, models.ArticleOut, data, "article.html")
    rendered = render_article(found.record, queries.article_people(store, found.record["id"]))
    return _respond(request, False, models.ArticleOut, data, "article.html", {"rendered": rendered})


# -- statements and people -------------------------------------------------------------------------


def _statements(request: Request, as_json: bool, speaker, stance, kind, text, outlet, since, until, limit, offset, every_act=False):
    where = service.filters(speaker=speaker, stance=stance, kind=kind, about=text, outlet=outlet, since=since, until=until,
                            act="all" if every_act else None)
    data = service.statements_page(store_of(request), where, limit, offset)
    context = {"filters": {"speaker": speaker, "stance": stance, "kind": kind, "text": text, "outlet": outlet,
                           "since": where.since, "until": where.until, "all": "true" if every_act else None}}
    return _respond(request, as_json, models.Page[models.StatementHitModel], data, "statements.html", context)


Stance = Literal["assert", "deny", "hedge", ""] | None
Kind = Literal["direct", "indirect", "mixed", ""] | None


EveryAct = Annotated[bool, Query(alias="all")]  # beliefs, intentions and actions too, not only what was said or written


@router.get("/statements")
def statements_page(request: Request, speaker: str | None = None, stance: Stance = None, kind: Kind = None, text: str | None = None,
                    outlet: str | None = None, since: str | None = None, until: str | None = None,
                    every_act: EveryAct = False, limit: PageLimit = 50, offset: PageOffset = 0):
    return _statements(request, False, speaker, stance or None, kind or None, text, outlet, since, until, limit, offset, every_act)


@router.get("/statements.json")
def statements_json(request: Request, speaker: str | None = None, stance: Stance = None, kind: Kind = None, text: str | None = None,
                    outlet: str | None = None, since: str | None = None, until: str | None = None,
                    every_act: EveryAct = False, limit: PageLimit = 50, offset: PageOffset = 0):
    return _statements(request, True, speaker, stance or None, kind or None, text, outlet, since, until, limit, offset, every_act)


def _people(request: Request, as_json: bool, name, type_, limit, offset):
    where = service.filters(speaker=name, type=type_)
    if where.speaker is None and offset == 0:  # the unfiltered first pages: one per type, worth keeping
        data = cached(request, ("people", where.type, limit), lambda st: service.people_page(st, where, limit, 0))
    else:
        data = service.people_page(store_of(request), where, limit, offset)
    return _respond(request, as_json, models.Page[models.PersonModel], data, "people.html",
                    {"filters": {"name": where.speaker, "type": where.type}})


PersonType = Literal["PERSON", "ORG", "GPE", "LOC", "NORP", ""] | None


@router.get("/people")
def people_page(request: Request, name: str | None = None, type: PersonType = None, limit: PageLimit = 50, offset: PageOffset = 0):
    return _people(request, False, name, type, limit, offset)


@router.get("/people.json")
def people_json(request: Request, name: str | None = None, type: PersonType = None, limit: PageLimit = 50, offset: PageOffset = 0):
    return _people(request, True, name, type, limit, offset)


@router.get("/people/{person}")
def person_page(request: Request, person: str, every_act: EveryAct = False, limit: PageLimit = MAX_PAGE, offset: PageOffset = 0):
    bare, as_json = strip_json_suffix(person)
    if not bare.isdigit():
        raise HTTPException(404, f"no speaker with id {bare!r}")
    data = service.person_detail(store_of(request), int(bare), limit, offset, every_act=every_act)
    if as_json or wants_json(request):
        return _respond(request, True, models.PersonDetail, data, "person.html")
    entries = [
        TimelineEntry(s["date"], "statement", s["content"], s["article_id"], s["title"], s["url"], s["outlet"], s["published"],
                      s["time_value"], s["spans"][0][0], s["spans"][-1][1], s["speaker"], s["stance"], s["kind"], s["statement_id"])
        for s in data["statements"]["items"] if s["date"]
    ]
    return _respond(request, False, models.PersonDetail, data, "person.html", {"chart": timeline_svg(entries), "every_act": every_act})


# -- timeline and search ----------------------------------------------------------------------------


PERIOD_MARGIN = timedelta(days=31)  # news tells the weeks before it and the plans after it


def archive_period(store) -> tuple[str | None, str | None]:
    """The dates the timeline opens on: the archive's publication dates, with a month either side."""
    stats = queries.stats(store)
    if not stats.first_published or not stats.last_published:
        return None, None
    first, last = date.fromisoformat(day(stats.first_published)), date.fromisoformat(day_end(stats.last_published))
    return (first - PERIOD_MARGIN).isoformat(), (last + PERIOD_MARGIN).isoformat()


def _timeline(request: Request, as_json: bool, speaker, text, outlet, since, until, limit, offset, every_act=False):
    opened_on_period = not any(v and v.strip() for v in (speaker, text, outlet, since, until))
    if opened_on_period:  # the archive's own period, not the oldest date any article mentions ("in 1963")
        since, until = cached(request, "archive-period", archive_period)
    where = service.filters(speaker=speaker, about=text, outlet=outlet, since=since, until=until, act="all" if every_act else None)
    entries = service.timeline_page(store_of(request), where, limit, offset)
    since, until = where.since, where.until
    data = {"entries": entries, "speaker": where.speaker, "text": where.about, "since": since, "until": until}
    if not where.speaker:  # the summary reads articles; a speaker's statements are the list itself
        data["summary"] = service.timeline_summary(request, Filters.of(where, act=None))  # it reads articles, not acts
    if as_json or wants_json(request):
        return _respond(request, True, models.TimelineModel, data, "timeline.html")
    chart = timeline_svg([TimelineEntry(**e) for e in entries["items"]], since, until)
    names = cached(request, "speaker-names", lambda st: [p.name for p in queries.people(st, limit=SPEAKER_CHOICES)])
    return _respond(request, False, models.TimelineModel, data, "timeline.html",
                    {"chart": chart, "outlet": outlet, "speaker_names": names, "opened_on_period": opened_on_period and since,
                     "every_act": every_act})


TimelineLimit = Annotated[int, Query(ge=1, le=MAX_TIMELINE)]


@router.get("/timeline")
def timeline_page(request: Request, speaker: str | None = None, text: str | None = None, outlet: str | None = None,
                  since: str | None = None, until: str | None = None, every_act: EveryAct = False, limit: TimelineLimit = 500,
                  offset: PageOffset = 0):
    return _timeline(request, False, speaker, text, outlet, since, until, limit, offset, every_act)


@router.get("/timeline.json")
def timeline_json(request: Request, speaker: str | None = None, text: str | None = None, outlet: str | None = None,
                  since: str | None = None, until: str | None = None, every_act: EveryAct = False, limit: TimelineLimit = 500,
                  offset: PageOffset = 0):
    return _timeline(request, True, speaker, text, outlet, since, until, limit, offset, every_act)


def _search(request: Request, as_json: bool, q, scope, since, until, outlet, limit, offset):
    q = (q or "").strip()
    where = service.filters(since=since, until=until, outlet=outlet)  # the filters /api/search has
    results = service.search_page(store_of(request), q, scope, where, limit, offset) if q else page([], limit, offset, 0)
    data = {"q": q, "scope": scope, "results": results, "since": where.since, "until": where.until, "outlet": where.outlet}
    return _respond(request, as_json, models.SearchModel, data, "search.html", {"highlighted": highlighted})


Scope = Literal["all", "articles", "statements"]
SearchText = Annotated[str | None, Query(max_length=500)]


@router.get("/search")
def search_page(request: Request, q: SearchText = None, scope: Scope = "all", since: str | None = None, until: str | None = None,
                outlet: str | None = None, limit: PageLimit = 20, offset: PageOffset = 0):
    return _search(request, False, q, scope, since, until, outlet, limit, offset)


@router.get("/search.json")
def search_json(request: Request, q: SearchText = None, scope: Scope = "all", since: str | None = None, until: str | None = None,
                outlet: str | None = None, limit: PageLimit = 20, offset: PageOffset = 0):
    return _search(request, True, q, scope, since, until, outlet, limit, offset)


def error_page(request: Request, status: int, title: str, detail: str, headers: dict | None):
    """The error page a browser gets (API clients get JSON: storyline.api.errors)."""
    return templates().TemplateResponse(
        request, "error.html", {"status": status, "title": title, "detail": detail}, status_code=status, headers=headers,
    )
