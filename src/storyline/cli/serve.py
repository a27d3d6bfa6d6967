"""`storyline serve`: the web UI and JSON API over the archive (read-only, except POST /analyze)."""
from __future__ import annotations

import argparse
import os
import sys
import threading
from pathlib import Path

from storyline.store.store import default_path

SHUTDOWN_GRACE_S = 3.0  # after SIGTERM or Ctrl-C, what a request in flight is given before the process ends


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("serve", help="browse the archive in a web browser; JSON API at /api (OpenAPI schema at /openapi.json)")
    p.add_argument("--db", default=None, help="archive file (default: $STORYLINE_DB or ./storyline.db)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--max-body", type=int, default=None, help="largest request body in bytes (default 1000000)")
    p.add_argument("--analyze-budget", type=float, default=None, metavar="SECONDS",
                   help="time budget of one POST /analyze; past it the answer is a 503 error (default 120)")
    p.set_defaults(func=_serve)


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from storyline.api.limits import DEFAULT_ANALYZE_BUDGET, DEFAULT_MAX_BODY, TimeBudget
    from storyline.server import create_app

    path = args.db or default_path()
    if not Path(path).exists():
        print(f"storyline: no archive at {path} (run `storyline ingest SOURCES --db {path}` first, or pass --db)", file=sys.stderr)
        return 2
    try:
        app = create_app(path, max_body=args.max_body or DEFAULT_MAX_BODY)
    except RuntimeError as error:  # schema version mismatch
        print(f"storyline: {error}", file=sys.stderr)
        return 2
    app.add_middleware(TimeBudget, seconds=args.analyze_budget or DEFAULT_ANALYZE_BUDGET)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"storyline: warning: listening on {args.host}: anyone who can reach it can read the archive and "
              "make this machine analyse texts (POST /analyze)", file=sys.stderr)
    print(f"storyline: serving {path} at http://{args.host}:{args.port}/ (JSON API at /api, its OpenAPI schema at /openapi.json)", file=sys.stderr)
    config = uvicorn.Config(app, host=args.host, port=args.port, log_level="warning", timeout_graceful_shutdown=SHUTDOWN_GRACE_S)
    _stopping_server(config).run()
    return 0


def _stop(sig: int) -> None:
    print("storyline: stopped (an analysis in progress was abandoned)", file=sys.stderr, flush=True)
    os._exit(128 + sig)


def _stopping_server(config):
    """uvicorn's server, which on SIGTERM or Ctrl-C also ends the process after a short grace: an
    analysis in flight runs in a worker thread that a graceful shutdown would wait for (minutes). The
    archive is open read-only and analysis stores nothing, so ending the process loses nothing."""
    import uvicorn

    class Server(uvicorn.Server):
        def handle_exit(self, sig: int, frame) -> None:
            super().handle_exit(sig, frame)
            timer = threading.Timer(SHUTDOWN_GRACE_S + 1, _stop, args=(int(sig),))
            timer.daemon = True
            timer.start()

    return Server(config)
