"""`storyline claims`: claims with everyone who confirmed, denied, repeated or withdrew them, in date
order; `storyline quote ID`: where quoted words first appeared, every use, the wording variants."""
from __future__ import annotations

import argparse
import json
import sys

from storyline.cli.archive import db_option


def register(subparsers: argparse._SubParsersAction) -> None:
    db = db_option()
    p = subparsers.add_parser("claims", parents=[db], help="claims and who confirmed, denied, repeated or withdrew them, in date order")
    p.add_argument("--story", type=int, metavar="ID", help="claims made or answered in this story (see `storyline stories`)")
    p.add_argument("--denied", action="store_true", help="only claims someone denied or withdrew")
    p.add_argument("--speaker", metavar="NAME", help="claims made or answered by a speaker whose name contains NAME")
    p.add_argument("--format", choices=("text", "jsonl"), default="text")
    p.add_argument("--limit", type=int, default=50, help="at most this many claims (default 50)")
    p.add_argument("--offset", type=int, default=0, help="skip this many claims first")
    p.set_defaults(func=_claims)

    p = subparsers.add_parser("quote", parents=[db], help="one quote's provenance: first outlet and time, every use, wording variants")
    p.add_argument("id", type=int, help="the quote's id (from `storyline claims --format jsonl` or the story page)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=_quote)


def _open(args: argparse.Namespace):
    """The archive, read only; None (and a message naming the file) when there is none."""
    from pathlib import Path

    from storyline.store import Store, default_path

    path = args.db or default_path()
    if not Path(path).exists():
        print(f"storyline: no archive at {path} (run `storyline ingest` first, or pass --db)", file=sys.stderr)
        return None
    return Store.open(path, read_only=True)


def _line(s: dict) -> str:
    return f"{s['date'] or 'undated'}  {s['speaker'] or '(unattributed)'}  [{s['outlet'] or s['article']}]: {s['content']}"


def _claims(args: argparse.Namespace) -> int:
    from storyline.store import claims as claim_store

    if args.limit < 1 or args.offset < 0:
        print("storyline: --limit must be at least 1 and --offset at least 0", file=sys.stderr)
        return 2
    store = _open(args)
    if store is None:
        return 2
    with store:
        total, found = claim_store.claims(store, story=args.story, denied=args.denied, speaker=args.speaker, limit=args.limit, offset=args.offset)
    if args.format == "jsonl":
        for c in found:
            print(json.dumps(c, ensure_ascii=False))
        return 0
    out = []
    for c in found:
        counts = ", ".join(f"{n} {relation}" for relation, n in c["counts"].items() if n)
        out += ["", f"CLAIM {_line(c)}", f"  ({counts}{'; ' + str(c['reversals']) + ' reversal(s)' if c['reversals'] else ''})"]
        out += [f"  {a['relation'].upper():<9} {_line(a)}{'  [REVERSAL]' if a['reversal'] else ''}" for a in c["links"]]
    print("\n".join(out).lstrip("\n") if out else "(no claims)")
    if args.offset + len(found) < total:
        print(f"storyline: showing claims {args.offset + 1}-{args.offset + len(found)} of {total} (--offset {args.offset + len(found)} for the next)", file=sys.stderr)
    return 0


def _quote(args: argparse.Namespace) -> int:
    from storyline.store import claims as claim_store

    store = _open(args)
    if store is None:
        return 2
    with store:
        found = claim_store.quote(store, args.id)
    if found is None:
        print(f"storyline: no quote {args.id}", file=sys.stderr)
        return 1
    if args.format == "json":
        print(json.dumps(found, ensure_ascii=False))
        return 0
    first = found["first"]
    out = [f"“{found['words']}”"]
    if first:
        out.append(f"first: {first['outlet'] or first['article']} {first['date'] or 'undated'} ({first['speaker'] or 'unattributed'})")
    out += [f"  {u['date'] or 'undated'}  {u['outlet'] or u['article']}: “{u['text']}”{'  [CHANGED WORDS]' if u['variant'] else ''}" for u in found["uses"]]
    print("\n".join(out))
    return 0
