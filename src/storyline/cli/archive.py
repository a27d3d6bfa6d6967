"""The archive commands: `storyline ingest`, `link`, `failures`, `statements`, `people`, `person`, `search`, `timeline`, `export`.

The db is ./storyline.db unless $STORYLINE_DB or `--db` says otherwise.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from storyline.store.dates import period_label
from storyline.store.store import default_path

FORMATS = ("table", "jsonl", "csv")

# Columns shown by `--format table` (jsonl/csv give every field), with their widest width.
TABLE_COLUMNS: dict[str, list[tuple[str, int]]] = {
    "statements": [("date", 10), ("speaker", 24), ("stance", 6), ("kind", 8), ("act", 8), ("content", 80), ("outlet", 20)],
    "people": [("id", 6), ("name", 30), ("type", 6), ("statements", 10), ("mentions", 8), ("first_date", 10), ("last_date", 10), ("aliases", 40), ("roles", 60)],
    "search": [("kind", 9), ("date", 10), ("speaker", 20), ("title", 40), ("snippet", 80)],
    "timeline": [("date", 10), ("kind", 9), ("speaker", 20), ("text", 90), ("outlet", 20)],
    "failures": [("last_at", 25), ("attempts", 8), ("origin", 50), ("reason", 60)],
    "stories": [("id", 6), ("last", 10), ("first", 10), ("article_count", 8), ("outlets", 30), ("title", 80)],
}


def db_option() -> argparse.ArgumentParser:
    """The `--db` option every archive command takes (a parent parser)."""
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", default=None, help="archive file (default: $STORYLINE_DB or ./storyline.db)")
    return db


def register(subparsers: argparse._SubParsersAction) -> None:
    db = db_option()

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
    spark = p.add_argument_group("Spark output", "a folder `storyline spark analyze --out` wrote is loaded as it is (no analysis); these take a slice of it")
    spark.add_argument("--since", help="articles published from this date (YYYY-MM-DD)")
    spark.add_argument("--until", help="articles published up to this date (YYYY-MM-DD)")
    spark.add_argument("--outlet", help="only articles from this outlet")
    spark.add_argument("--story", type=int, help="only this story's articles (after `storyline spark link DIR`)")
    p.set_defaults(func=_ingest)

    p = subparsers.add_parser("link", parents=[db], help="recompute the speakers, the identities of people and organisations across articles, and the stories, from the stored articles (ingest does this)")
    p.add_argument("--full", action="store_true", help="start again from nothing (same result as the runs after each ingest)")
    p.set_defaults(func=_link)

    p = subparsers.add_parser("failures", parents=[db], help="inputs that could not be stored, and why")
    p.add_argument("--format", choices=FORMATS, default="table")
    p.add_argument("--limit", type=int, default=100)
    p.set_defaults(func=_failures)

    p = subparsers.add_parser("statements", parents=[query, acts], help="who said what: statements in the archive")
    p.add_argument("--speaker", help="speaker: words of the name (or of any name of its identity), as word prefixes, any case (\"biden\", \"joe bid\"); roles never match")
    p.add_argument("--stance", choices=("assert", "deny", "hedge"))
    p.add_argument("--about", help="words the statement must contain")
    p.add_argument("--kind", choices=("direct", "indirect", "mixed"))
    p.set_defaults(func=_statements)

    p = subparsers.add_parser("people", parents=[query], help="people and organisations across the archive (identities), most quoted first")
    p.add_argument("--name", help="words of any of its names, as word prefixes, any case")
    p.add_argument("--type", choices=("PERSON", "ORG"), type=str.upper)
    p.add_argument("correction", nargs="*", metavar="merge A B | split ID ARTICLE...",
                   help="correct the linking, lastingly: merge identities A and B, or take identity ID's mentions in"
                        " these articles (record ids) out as a person of their own")
    p.set_defaults(func=_people)

    p = subparsers.add_parser("person", parents=[query], help="one person (or organisation): names, role timeline, statements")
    p.add_argument("who", help="identity id (from `storyline people`) or words of any of its names")
    p.add_argument("--all", dest="every_act", action="store_true", help="also the beliefs, intentions and actions credited to them")
    p.set_defaults(func=_person)

    p = subparsers.add_parser("search", parents=[query, acts], help="full-text search of articles and statements")
    p.add_argument("text", help='words to find (all required; "quoted phrase")')
    p.set_defaults(func=_search)

    p = subparsers.add_parser("timeline", parents=[query, acts], help="statements and dated events in calendar order")
    p.add_argument("--speaker", help="speaker name (word prefixes; roles never match)")
    p.add_argument("--about", help="words the entries must contain (with --summary: the articles)")
    summary = p.add_argument_group("summary", "the dates that mattered and what happened on each, from the articles' own dates")
    summary.add_argument("--summary", action="store_true", help="summarize instead of listing every entry")
    summary.add_argument("--story", metavar="ID", help="summarize this story's articles (see `storyline stories`)")
    summary.add_argument("--dates", type=int, default=None, metavar="N",
                         help="at most N dates, those the most articles name (default 10)")
    summary.add_argument("--per-date", type=int, default=None, metavar="K", help="at most K sentences per date (default 2)")
    p.set_defaults(func=_timeline)

    p = subparsers.add_parser("export", parents=[db], help="write every stored record (JSON Lines or Parquet)")
    p.add_argument("--format", choices=("jsonl", "parquet"), required=True)
    p.add_argument("-o", "--output", help="output file (default: stdout for jsonl, storyline.parquet)")
    p.add_argument("--since", help="articles published from this date")
    p.add_argument("--until", help="articles published up to this date")
    p.add_argument("--outlet", help="only articles from this outlet")
    p.set_defaults(func=_export)

    _register_stories(subparsers, db)


# -- reading sources --------------------------------------------------------------------------


def read_sources(paths: Sequence[str]) -> Iterator:
    """Documents (or InputErrors) from files and folders: text, HTML, JSONL, RSS/Atom feeds, WARC."""
    from storyline.ingest import InputError, read_paths

    for item in read_paths(list(paths), on_skip=lambda notice: print(f"storyline: {notice}", file=sys.stderr)):
        if isinstance(item, InputError):  # a source's own fault (a cut file, a bad line): said now, stored in failures
            print(f"storyline: {item}", file=sys.stderr)
        yield item


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

    from storyline.jobs.tables import is_output

    if any(is_output(source) for source in args.sources):
        return _ingest_spark_output(args)
    if args.since or args.until or args.outlet or args.story is not None:
        print("storyline: --since, --until, --outlet and --story slice a Spark output folder (storyline spark analyze --out DIR)", file=sys.stderr)
        return 2
    jobs = args.jobs or default_jobs()
    with _open(args, must_exist=False) as store:
        with tqdm(unit=" articles", file=sys.stderr, disable=args.no_progress, smoothing=0.1, dynamic_ncols=True) as bar:
            try:
                summary = ingest(store, read_sources(args.sources), jobs=jobs, published=args.published, on_item=bar.update)
            except ValueError as error:
                print(f"storyline: {error}", file=sys.stderr)
                return 2
            except KeyboardInterrupt:
                bar.close()
                print("storyline: interrupted; every article stored so far is kept (run the same ingest again to go on)",
                      file=sys.stderr)
                return 130
    print(summary, file=sys.stderr)
    return 1 if summary.failed else 0


def _ingest_spark_output(args: argparse.Namespace) -> int:
    from storyline.jobs.link import link
    from storyline.jobs.tables import Slice, is_output, load

    if len(args.sources) != 1 or not is_output(args.sources[0]):
        print("storyline: give one Spark output folder alone (storyline spark analyze --out DIR)", file=sys.stderr)
        return 2
    with _open(args, must_exist=False) as store:
        try:
            summary = load(store, args.sources[0], Slice(args.since, args.until, args.outlet, args.story))
        except ValueError as error:
            print(f"storyline: {error}", file=sys.stderr)
            return 2
        linked = link(store)
    print(f"{summary}; {linked}", file=sys.stderr)
    return 0


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


def _run_query(args: argparse.Namespace, name: str, call, count=None) -> int:
    """Run a list query and print it; a table cut at --limit says so, with the total when `count`
    (store, filters -> int, or None past the count's cap) can tell it."""
    with _open(args) as store:
        try:
            filters = _filters(args)
            results = call(store, filters)
        except ValueError as error:  # bad date, empty search text
            print(f"storyline: {error}", file=sys.stderr)
            return 2
        _emit(results, args.format, name)
        if args.format == "table" and len(results) >= args.limit:  # a table is read by a person: say it is cut
            total = "" if count is None else count(store, filters)
            of = "; there may be more" if total == "" else (f" of {total:,}" if total is not None else " of many")
            print(f"storyline: showing {len(results)}{of} (results {args.offset + 1}-{args.offset + len(results)}; "
                  f"--limit N shows more, --offset {args.offset + len(results)} the next ones)", file=sys.stderr)
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

    return _run_query(args, "statements", lambda s, f: queries.statements(s, f, limit=args.limit, offset=args.offset),
                      queries.count_statements_capped)


def _people(args: argparse.Namespace) -> int:
    from storyline.store import queries

    if args.correction:
        return _correct_people(args)
    if args.since or args.until or args.outlet:
        print("storyline: people lists identities over the whole archive: --since, --until and --outlet apply to statements", file=sys.stderr)
        return 2
    return _run_query(args, "people", lambda s, f: queries.identities(s, args.name, args.type, limit=args.limit, offset=args.offset))


def _correct_people(args: argparse.Namespace) -> int:
    from storyline.jobs.link import correct_people

    kind, *rest = args.correction
    usage = "storyline: expected `people merge A B` or `people split ID ARTICLE...` (A, B, ID: identity ids from `storyline people`)"
    if kind not in ("merge", "split") or len(rest) < 2 or not rest[0].isdigit() or (kind == "merge" and (len(rest) != 2 or not rest[1].isdigit())):
        print(usage, file=sys.stderr)
        return 2
    with _open(args) as store:
        try:
            if kind == "merge":
                summary = correct_people(store, "merge", int(rest[0]), other=int(rest[1]))
            else:
                summary = correct_people(store, "split", int(rest[0]), articles=rest[1:])
        except ValueError as error:
            print(f"storyline: {error}", file=sys.stderr)
            return 2
    print(f"recorded the {kind}; {summary}", file=sys.stderr)
    return 0


def _person(args: argparse.Namespace) -> int:
    from storyline.store import queries

    with _open(args) as store:
        found = queries.identity(store, int(args.who)) if args.who.isdigit() else next(iter(queries.identities(store, args.who, limit=1)), None)
        if found is None:
            print(f"storyline: no person or organisation called {args.who!r} in the archive", file=sys.stderr)
            return 1
        said = queries.identity_statements(store, found.id, limit=args.limit, offset=args.offset, every_act=args.every_act)
    if args.format == "jsonl":
        print(json.dumps(found.to_dict() | {"statements": [s.to_dict() for s in said]}, ensure_ascii=False))
        return 0
    if args.format == "table":
        print(f"{found.name}  (#{found.id}, {found.type}; {found.mentions} articles, {found.statements} statements, seen {found.first_date or '?'} to {found.last_date or '?'})")
        print("also: " + "; ".join(a for a in found.aliases if a != found.name))
        for role in found.roles:
            print(f"  {role.role}: {role.first_date or '?'} to {role.last_date or '?'} ({len(role.articles)} articles)")
        print()
    _emit(said, args.format, "statements")
    return 0


def _search(args: argparse.Namespace) -> int:
    from storyline.store import queries

    return _run_query(args, "search", lambda s, f: queries.search(s, args.text, f, limit=args.limit, offset=args.offset))


def _timeline(args: argparse.Namespace) -> int:
    from storyline.store import queries

    if args.summary or args.story or args.dates is not None or args.per_date is not None:
        return _timeline_summary(args)
    return _run_query(args, "timeline", lambda s, f: queries.timeline(s, f, limit=args.limit, offset=args.offset))


# -- timeline summary (issue 17) ----------------------------------------------------------------


def _timeline_summary(args: argparse.Namespace) -> int:
    from storyline.link.timelines import summarize_records, summarize_story
    from storyline.store import queries

    options = {"dates": args.dates, "per_date": args.per_date, "since": args.since, "until": args.until, "about": args.about}
    with _open(args) as store:
        try:
            filters = _filters(args)
            if args.story:
                ids = queries.story_article_ids(store, args.story)
                if ids is None:
                    print(f"storyline: no story {args.story}", file=sys.stderr)
                    return 2
                days = summarize_story(ids, lambda wanted: queries.timeline_records(store, filters, article_ids=wanted), **options)
            else:
                days = summarize_records(queries.timeline_records(store, filters), **options)
        except ValueError as error:
            print(f"storyline: {error}", file=sys.stderr)
            return 2
    _emit_summary([d.to_dict() for d in days], args.format)
    return 0


def _emit_summary(days: list[dict], fmt: str, out=None) -> None:
    """jsonl: one line per date, `{"date", "reason", "sentences": [{"text", "article", "outlet", ...}]}`;
    csv: one row per sentence; table: each date, why, then its sentences with their outlets."""
    out = out or sys.stdout
    if fmt == "jsonl":
        for day in days:
            out.write(json.dumps(day, ensure_ascii=False) + "\n")
        return
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["date", "text", "outlets", "articles", "reason", "date_reason"])
        for day in days:
            for s in day["sentences"]:
                writer.writerow([day["date"], s["text"], "; ".join(s["outlets"]), "; ".join(s["articles"]), s["reason"], day["reason"]])
        return
    for day in days:
        out.write(f"{day['date']}  ({day['reason']})\n")
        for s in day["sentences"]:
            out.write(f"  - {' '.join(s['text'].split())}\n    [{', '.join(s['outlets']) or 'no outlet'}: {', '.join(s['articles'])}]\n")
    if not days:
        out.write("(no dated sentences)\n")


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
    if fmt in ("csv", "jsonl") and out is sys.stdout and hasattr(out, "reconfigure"):
        out.reconfigure(encoding="utf-8")  # files for programs: UTF-8 whatever the terminal's locale says
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
            writer.writerow({k: _csv_value(v) for k, v in row.items()})
        return
    columns = TABLE_COLUMNS[name]
    cells = [[_cell(_shown(row, c)) for c, _ in columns] for row in rows]
    widths = [min(w, max([len(c)] + [len(r[i]) for r in cells])) for i, (c, w) in enumerate(columns)]
    out.write("  ".join(c.ljust(w) for (c, _), w in zip(columns, widths)).rstrip() + "\n")
    for row in cells:
        out.write("  ".join(_fit(v, w) for v, w in zip(row, widths)).rstrip() + "\n")
    if not rows:
        out.write("(no results)\n")


def _shown(row: dict, column: str):
    """A cell as a person reads it: a date the text gave as a month or year shows as that ("2016-10", "1963")."""
    if column == "date" and row.get("time_value"):
        return period_label(row["date"], row["time_value"])
    return row.get(column)


def _csv_value(value):
    """Lists and objects as JSON (with their text as it is, not \\u escapes), booleans as true/false."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list) and value and isinstance(value[0], dict) and "role" in value[0]:  # a role timeline
        return "; ".join(f"{r['role']} ({r['first_date'] or '?'}..{r['last_date'] or '?'})" for r in value)
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return " ".join(str(value).split())


def _fit(text: str, width: int) -> str:
    return text.ljust(width) if len(text) <= width else text[: width - 1] + "…"


# -- stories: `storyline stories`, `storyline story ID` ----------------------------------------


def _register_stories(subparsers: argparse._SubParsersAction, db: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser("stories", parents=[db], help="developing stories, the ones that moved most recently first")
    p.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    p.add_argument("--since", help="stories that ran on or after this date (YYYY-MM-DD)")
    p.add_argument("--until", help="stories that ran on or before this date (YYYY-MM-DD)")
    p.add_argument("--outlet", help="stories this outlet covered")
    p.add_argument("--about", help="words one of the story's articles contains")
    p.add_argument("--limit", type=int, default=50, help="at most this many stories (default 50)")
    p.add_argument("--offset", type=int, default=0, help="skip this many stories first")
    p.set_defaults(func=_stories)

    p = subparsers.add_parser("story", parents=[db], help="one story: its articles by date and outlet, and who said what, in date order")
    p.add_argument("id", type=int, help="the story's id (from `storyline stories`)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=_story)


def _stories(args: argparse.Namespace) -> int:
    from storyline.store import queries

    return _run_query(args, "stories", lambda s, f: queries.stories(s, f, limit=args.limit, offset=args.offset), queries.count_stories)


def _story(args: argparse.Namespace) -> int:
    from storyline.store import queries

    with _open(args) as store:
        found = queries.story(store, args.id)
    if found is None:
        print(f"storyline: no story {args.id}", file=sys.stderr)
        return 1
    if args.format == "json":
        print(json.dumps(found.to_dict(), ensure_ascii=False))
        return 0
    s = found.story
    out = [f"# {s.title or '(untitled)'}", f"story {s.id} · {s.article_count} articles · {s.first or '?'} .. {s.last or '?'} · {', '.join(s.outlets)}", "", "## Articles"]
    out += [f"- {a.published or 'undated'}  {a.outlet or ''}  {a.title or a.article_id}{'  (copy)' if a.copy else ''}  [{a.article_id}]" for a in found.articles]
    if found.speakers:
        out += ["", "## Main speakers"] + [f"- {p.name}: {p.statements} statements" for p in found.speakers]
    out += ["", "## Who said what"]
    out += [f"- {h.date or 'undated'}  {h.speaker or '(unattributed)'}: {_cell(h.content)}  [{h.article_id}]" for h in found.statements]
    if not found.statements:
        out.append("- (no statements)")
    print("\n".join(out))
    return 0
