"""Request limits: a cap on body size (413), a read-only server (only POST /analyze takes a body) and
a time budget for an analysis (503 once it is spent)."""
from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from starlette.types import ASGIApp, Message, Receive, Scope, Send

DEFAULT_MAX_BODY = 1_000_000  # bytes; analyze() refuses texts over a million characters anyway
DEFAULT_ANALYZE_BUDGET = 120.0  # seconds for one POST /analyze, waiting for the pipeline included
ANALYZE_PATHS = ("/analyze", "/api/analyze")
_deadline: ContextVar[float | None] = ContextVar("analyze_deadline", default=None)


class TimeBudget:
    """ASGI middleware: a POST /analyze that has no answer within `seconds` gets a 503 JSON error.

    The second line of defence behind analysis that costs time linear in the text: the client is
    answered, and a request still waiting for the pipeline gives up (see `analysis_slot`). A running
    analysis cannot be interrupted; its late answer is dropped."""

    def __init__(self, app: ASGIApp, seconds: float = DEFAULT_ANALYZE_BUDGET):
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] not in ANALYZE_PATHS:
            await self.app(scope, receive, send)
            return
        started = expired = False

        async def guarded(message: Message) -> None:
            nonlocal started
            if not expired:
                started = True
                await send(message)

        token = _deadline.set(time.monotonic() + self.seconds)
        try:
            task = asyncio.ensure_future(self.app(scope, receive, guarded))  # copies the deadline into its context
        finally:
            _deadline.reset(token)
        done, _ = await asyncio.wait({task}, timeout=self.seconds)
        if done:
            task.result()  # re-raise what the app raised
            return
        expired = True
        task.add_done_callback(lambda finished: finished.cancelled() or finished.exception())  # nobody awaits it now
        if not started:
            await _send_json(send, 503, f"analysis did not finish within its time budget ({self.seconds:g} s); send a shorter text",
                             [(b"retry-after", b"30")])


@contextmanager
def analysis_slot(lock: threading.Lock) -> Iterator[None]:
    """Hold `lock` for one analysis, waiting no longer than the request's time budget allows; past it,
    503 (the pipeline is busy with another text)."""
    from fastapi import HTTPException

    deadline = _deadline.get()
    timeout = -1 if deadline is None else max(0.0, deadline - time.monotonic())
    if not lock.acquire(timeout=timeout):
        raise HTTPException(503, "busy: another analysis is running and this one's time budget ran out; try again later")
    try:
        if deadline is not None and time.monotonic() > deadline:
            raise HTTPException(503, "the time budget ran out before this analysis could start")
        yield
    finally:
        lock.release()


async def _send_json(send: Send, status: int, detail: str, headers: list[tuple[bytes, bytes]] = ()) -> None:
    payload = json.dumps({"status": status, "detail": detail}).encode()
    await send({
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode()),
                    (b"connection", b"close"), *headers],
    })
    await send({"type": "http.response.body", "body": payload})


class BodyLimit:
    """ASGI middleware: refuse bodies over `max_body` bytes with 413, whether announced or streamed."""

    def __init__(self, app: ASGIApp, max_body: int = DEFAULT_MAX_BODY):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            await self._too_large(send)
            return
        # Read the body here (it is small by now) so a chunked upload cannot pass the limit either.
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                await self._too_large(send)
                return
            chunks.append(chunk)
            if not message.get("more_body"):
                break
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, send: Send) -> None:
        payload = json.dumps({"status": 413, "detail": f"request body too large (limit {self.max_body} bytes)"}).encode()
        await send({
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode()),
                        (b"connection", b"close")],
        })
        await send({"type": "http.response.body", "body": payload})
