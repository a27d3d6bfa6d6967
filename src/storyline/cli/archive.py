"""The archive commands: `storyline ingest`, `link`, `failures`, `statements`, `people`, `search`, `timeline`, `export`.

The db is ./storyline.db unless $STORYLINE_DB or `--db` says otherwise.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from storyline.store.store import default_path

FORMATS = ("table", "jsonl", "csv")

# Columns shown by `--format table` (jsonl/csv give every field), with their widest width.
TABLE_COLUMNS: dict[str, list[tuple[str, int]]] = {
    "statements": [("date", 10), ("speaker", 24), ("stance", 6), ("kind", 8), ("act", 8), ("content", 80), ("outlet", 20)],
    "people": [("name", 30), ("statements", 10), ("first_date", 10), ("last_date", 10), ("roles", 50)],
    "search": [("kind", 9), ("date", 10), ("speaker", 20), ("title", 40), ("snippet", 80)],
    "timeline": [("date", 10), ("kind", 9), ("speaker", 20), ("text", 90), ("outlet", 20)],
    "failures": [("last_at", 25), ("attempts", 8), ("origin", 50), ("reason", 60)],
}


def register(subparsers: argparse._SubParsersAction) -> None:
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", default=None, help="archive file (default: $STORYLINE_DB or ./storyline.db)")

    query = argparse.ArgumentParser(add_help=False, parents=[db])
    query.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    query.add_argument("--since", help="from this date (YYYY-MM-DD, inclusive)")
    query.add_argument("--until", help="up to this date (YYYY-MM-DD, inclusive)")
    query.add_argument("--outlet", help="only articles from this outlet")
    query.add_argument("--limit", type=int, default=50, help="at most this many results (default 50)")
    query.add_argument("--offset", type=int, default=0, help="skip this many results first")
    query.add_argument("--copies", action="store_true", help="include near-duplicate (syndicated) copies")

    # What was said or written, unless asked for more: the other acts are kept, never dropped.
    acts = argparse.ArgumentParser(add_help=False)
    acts.add_argument("--all", dest="every_act", action="store_true",
                      help="beliefs, intentions, actions and perceptions too (think/intend/do/perceive/other), not only say/write")
    acts.add_argument("--act", choices=("say", "write", "think", "intend", "do", "perceive", "other"), help="only this act")

    p = subparsers.add_parser("ingest", parents=[db], help="analyse news files and store them in the archive")
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="files or folders: text, HTML, JSONL, RSS/Atom, WARC")
    p.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    p.add_argument("--published", help="publication date (YYYY-MM-DD) for documents that give none")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=_ingest)

    p = subparsers.add_parser("link", parents=[db], help="recompute the speakers (people, organisations, groups) from the stored speaker mentions (ingest does this)")
    p.add_argument("--full", action="store_true", help="start again from nothing (same result as the runs after each ingest)")
    p.set_defaults(func=_link)

    p = subparsers.add_parser("failures", parents=[db], help="inputs that could not be stored, and why")
    p.add_argument("--format", choices=FORMATS, default="table")
    p.add_argument("--limit", type=int, default=100)
    p.set_defaults(func=_failures)

    p = subparsers.add_parser("statements", parents=[query, acts], help="who said what: statements in the archive")
    p.add_argument("--speaker", help="speaker: words of the name or a role, as word prefixes, any case (\"biden\", \"press sec\")")
    p.add_argument("--stance", choices=("assert", "deny", "hedge"))
    p.add_argument("--about", help="words the statement must contain")
    p.add_argument("--kind", choices=("direct", "indirect", "mixed"))
    p.set_defaults(func=_statements)

    p = subparsers.add_parser("people", parents=[query], help="speakers, most quoted first")
    p.add_argument("--name", help="words of the name or a role, as word prefixes, any case")
    p.set_defaults(func=_people)

    p = subparsers.add_parser("search", parents=[query, acts], help="full-text search of articles and statements")
    p.add_argument("text", help='words to find (all required; "quoted phrase")')
    p.set_defaults(func=_search)

    p = subparsers.add_parser("timeline", parents=[query, acts], help="statements and dated events in calendar order")
    p.add_argument("--speaker", help="speaker name or role")
    p.add_argument("--about", help="words the entries must contain")
    p.set_defaults(func=_timeline)

    p = subparsers.add_parser("export", parents=[db], help="write every stored record (JSON Lines or Parquet)")
    p.add_argument("--format", choices=("jsonl", "parquet"), required=True)
    p.add_argument("-o", "--output", help="output file (default: stdout for jsonl, storyline.parquet)")
    p.add_argument("--since", help="articles published from this date")
    p.add_argument("--until", help="articles published up to this date")
    p.add_argument("--outlet", help="only articles from this outlet")
    p.set_defaults(func=_export)


# -- reading sources --------------------------------------------------------------------------


def read_sources(paths: Sequence[str]) -> Iterator:
    """Documents (or InputErrors) from files and folders: text, HTML, JSONL, RSS/Atom feeds, WARC."""
    from storyline.ingest import read_paths

    return read_paths(list(paths))


# -- commands ---------------------------------------------------------------------------------


def _open(args: argparse.Namespace, must_exist: bool = True):
    from storyline.store import Store

    path = args.db or default_path()
    if must_exist and not Path(path).exists():
        print(f"storyline: no archive at {path} (run `storyline ingest` first, or pass --db)", file=sys.stderr)
        raise SystemExit(2)
    return Store.open(path)


def _ingest(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from storyline.jobs.ingest import default_jobs, ingest

    jobs = args.jobs or default_jobs()
    with _open(args, must_exist=False) as store:
        with tqdm(unit=" articles", file=sys.stderr, disable=args.no_progress, smoothing=0.1, dynamic_ncols=True) as bar:
            try:
                summary = ingest(store, read_sources(args.sources), jobs=jobs, published=args.published, on_item=bar.update)
            except ValueError as error:
                print(f"storyline: {error}", file=sys.stderr)
                return 2
    print(summary, file=sys.stderr)
    return 1 if summary.failed else 0


def _link(args: argparse.Namespace) -> int:
    from storyline.jobs.link import link

    with _open(args) as store:
        summary = link(store, full=args.full)
    print(summary, file=sys.stderr)
    return 0


def _failures(args: argparse.Namespace) -> int:
    from storyline.store import queries

    with _open(args) as store:
        _emit(queries.failures(store, limit=args.limit), args.format, "failures")
    return 0


def _run_query(args: argparse.Namespace, name: str, call) -> int:
    with _open(args) as store:
        try:
            results = call(store, _filters(args))
        except ValueError as error:  # bad date, empty search text
            print(f"storyline: {error}", file=sys.stderr)
            return 2
        _emit(results, args.format, name)
    return 0


def _filters(args: argparse.Namespace):
    """The command's options as one `Filters` (only the options this command has)."""
    from storyline.store.filters import Filters

    given = {"about": getattr(args, "about", None), "speaker": getattr(args, "speaker", None) or getattr(args, "name", None)}
    for name in ("since", "until", "outlet", "stance", "kind"):
        given[name] = getattr(args, name, None)
    if getattr(args, "copies", False):
        given["copies"] = True
    given["act"] = getattr(args, "act", None) or ("all" if getattr(args, "every_act", False) else None)
    return Filters(**given)


def _statements(args: argparse.Namespace) -> int:
    from storyline.store import queries

    return _run_query(args, "statements", lambda s, f: queries.statements(s, f, limit=args.limit, offset=args.offset))


def _people(args: argparse.Namespace) -> int:
    from storyline.store import queries

    return _run_query(args, "people", lambda s, f: queries.people(s, f, limit=args.limit, offset=args.offset))


def _search(args: argparse.Namespace) -> int:
    from storyline.store import queries

    return _run_query(args, "search", lambda s, f: queries.search(s, args.text, f, limit=args.limit, offset=args.offset))


def _timeline(args: argparse.Namespace) -> int:
    from storyline.store import queries

    return _run_query(args, "timeline", lambda s, f: queries.timeline(s, f, limit=args.limit, offset=args.offset))


def _export(args: argparse.Namespace) -> int:
    from storyline.store import export

    try:
        filters = _filters(args)
    except ValueError as error:
        print(f"storyline: {error}", file=sys.stderr)
        return 2
    with _open(args) as store:
        if args.format == "jsonl":
            if args.output:
                with open(args.output, "w", encoding="utf-8") as out:
                    count = export.write_jsonl(store, out, filters)
            else:
                count = export.write_jsonl(store, sys.stdout, filters)
        else:
            count = export.write_parquet(store, args.output or "storyline.parquet", filters)
    print(f"exported {count} articles", file=sys.stderr)
    return 0


# -- output -----------------------------------------------------------------------------------


def _emit(results: list, fmt: str, name: str, out=None) -> None:
    out = out or sys.stdout
    rows = [r.to_dict() for r in results]
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    if fmt == "csv":
        fields = list(rows[0]) if rows else [c for c, _ in TABLE_COLUMNS[name]]
        writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: json.dumps(v) if isinstance(v, (list, dict)) else v for k, v in row.items()})
        return
    columns = TABLE_COLUMNS[name]
    cells = [[_cell(row.get(c)) for c, _ in columns] for row in rows]
    widths = [min(w, max([len(c)] + [len(r[i]) for r in cells])) for i, (c, w) in enumerate(columns)]
    out.write("  ".join(c.ljust(w) for (c, _), w in zip(columns, widths)).rstrip() + "\n")
    for row in cells:
        out.write("  ".join(_fit(v, w) for v, w in zip(row, widths)).rstrip() + "\n")
    if not rows:
        out.write("(no results)\n")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return " ".join(str(value).split())


def _fit(text: str, width: int) -> str:
    return text.ljust(width) if len(text) <= width else text[: width - 1] + "…"
