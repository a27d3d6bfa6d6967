"""`storyline analyze [PATH ...] [--published DATE] [--format jsonl|text]`."""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator

from storyline.analyze import analyze_documents, parse_date
from storyline.ingest import Document, InputError, read_paths
from storyline.record import Article


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "analyze",
        help="who said what, when, in each article (JSON Lines or a readable summary)",
        description="Analyse text, HTML and JSON Lines files (or folders of them; '-' or nothing reads standard input).",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders; '-' or none reads standard input as one text article")
    parser.add_argument("--published", metavar="YYYY-MM-DD", help="publication date for inputs that carry none")
    parser.add_argument("--format", choices=["jsonl", "text"], default="jsonl")
    parser.set_defaults(func=run)


def _documents(paths: list[str], published: str | None) -> Iterator[Document | InputError]:
    if not paths or paths == ["-"]:
        text = sys.stdin.read()
        headline = next((line.strip() for line in text.splitlines() if line.strip()), None)
        source: Iterator[Document | InputError] = iter([Document(text=text, id="stdin", title=headline, origin="<stdin>")])
    else:
        source = read_paths(paths, on_skip=lambda notice: print(f"storyline: {notice}", file=sys.stderr))
    for item in source:
        if isinstance(item, Document) and not item.published and published:
            item.published = published
        yield item


def run(args: argparse.Namespace) -> int:
    if args.published:
        try:
            parse_date(args.published)
        except ValueError as error:
            print(f"storyline: --published: {error}", file=sys.stderr)
            return 2
    failed = 0
    out = sys.stdout
    for result in analyze_documents(_documents(args.paths, args.published)):
        if isinstance(result, InputError):
            failed += 1
            print(f"storyline: {result}", file=sys.stderr)
            continue
        if args.format == "jsonl":
            out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
        else:
            out.write(summary(result) + "\n")
        out.flush()
    return 1 if failed else 0


def summary(article: Article) -> str:
    """A reader's summary: each statement with speaker, role, when, stance and words."""
    lines = [f"# {article.title or article.id}"]
    meta = " · ".join(x for x in (article.author and f"by {article.author}", article.source, article.published, article.url) if x)
    if meta:
        lines.append(meta)
    for statement in article.statements:
        entity = article.entity(statement.speaker)
        speaker = statement.speaker_name or "(unattributed)"
        role = f" ({'; '.join(entity.roles)})" if entity and entity.roles else ""
        time = article.time(statement.time)
        when = f" [{time.text} = {time.value}]" if time and time.value else (f" [{time.text}]" if time else "")
        to = f", to {statement.addressee}" if statement.addressee else ""
        cue = statement.cue.text if statement.cue else "—"
        words = " … ".join(article.text[start:end] for start, end in statement.content.spans)  # show where parts were cut
        words = f"“{words}”" if statement.kind == "direct" else words
        lines.append(f"- {speaker}{role}{when} {cue} [{statement.kind}, {statement.stance}{to}]: {words}")
    if not article.statements:
        lines.append("- (no statements found)")
    return "\n".join(lines) + "\n"
