"""Errors as JSON for API clients and as a readable HTML page for browsers (404, 422, ...)."""
from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from storyline.api.convert import wants_json

_TITLES = {400: "Bad request", 404: "Not found", 405: "Method not allowed", 413: "Too large", 422: "Invalid request"}


def _json_client(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path == "/analyze" or path.endswith(".json") or wants_json(request)


def _respond(request: Request, status: int, detail: str, errors: list | None = None, headers: dict | None = None):
    if _json_client(request):
        body = {"status": status, "detail": detail}
        if errors is not None:
            body["errors"] = errors
        return JSONResponse(body, status_code=status, headers=headers)
    from storyline.web.templating import templates

    return templates().TemplateResponse(
        request, "error.html", {"status": status, "title": _TITLES.get(status, "Error"), "detail": detail},
        status_code=status, headers=headers,
    )


def _validation_message(errors: list) -> str:
    parts = []
    for error in errors:
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "body", "path"))
        parts.append(f"{where}: {error.get('msg')}" if where else str(error.get("msg")))
    return "; ".join(parts) or "invalid request"


def install(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return _respond(request, exc.status_code, str(exc.detail), headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        errors = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors()]
        return _respond(request, 422, _validation_message(errors), errors)
