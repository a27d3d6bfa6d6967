"""`storyline serve`: the web UI and JSON API over the archive (read-only, except POST /analyze)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from storyline.store.store import default_path


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("serve", help="browse the archive in a web browser; JSON API at /api, docs at /docs")
    p.add_argument("--db", default=None, help="archive file (default: $STORYLINE_DB or ./storyline.db)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--max-body", type=int, default=None, help="largest request body in bytes (default 1000000)")
    p.set_defaults(func=_serve)


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from storyline.api.limits import DEFAULT_MAX_BODY
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
    print(f"storyline: serving {path} at http://{args.host}:{args.port}/ (API docs at /docs)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
