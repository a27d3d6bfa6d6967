"""Errors as JSON for API clients, and through `html_page` (the web's error page) for browsers (404, 422, ...)."""
from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from storyline.api.convert import wants_json

TITLES = {400: "Bad request", 404: "Not found", 405: "Method not allowed", 413: "Too large", 422: "Invalid request"}

# (request, status, title, detail, headers) -> the response a browser gets
HtmlPage = Callable[[Request, int, str, str, dict | None], object]


def _json_client(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path == "/analyze" or path.endswith(".json") or wants_json(request)


def _respond(request: Request, status: int, detail: str, errors: list | None, headers: dict | None, html_page: HtmlPage | None):
    if html_page is not None and not _json_client(request):
        return html_page(request, status, TITLES.get(status, "Error"), detail, headers)
    body = {"status": status, "detail": detail}
    if errors is not None:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, headers=headers)


def _validation_message(errors: list) -> str:
    parts = []
    for error in errors:
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "body", "path"))
        parts.append(f"{where}: {error.get('msg')}" if where else str(error.get("msg")))
    return "; ".join(parts) or "invalid request"


def install(app: FastAPI, html_page: HtmlPage | None = None) -> None:
    """Answer errors as JSON; browsers get `html_page` instead, when one is given."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return _respond(request, exc.status_code, str(exc.detail), None, getattr(exc, "headers", None), html_page)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        errors = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors()]
        return _respond(request, 422, _validation_message(errors), errors, None, html_page)
