"""`storyline analyze [PATH ...] [--published DATE] [--format jsonl|text] [--all] [--explain]`."""
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
    parser.add_argument("--all", action="store_true", dest="every_act",
                        help="also show attributions that are not speech (act think, intend, do, perceive: beliefs, "
                             "plans, actions, perceptions); by default only what was said or written")
    parser.add_argument("--explain", action="store_true",
                        help="name, for each statement, the attribution steps that made or changed it (storyline.nlp.attribution.STEPS) "
                             "and the rule that gave its stance (storyline.nlp.stance.STANCE_RULES)")
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
            out.write(json.dumps(result.to_dict(every_act=args.every_act, explain=args.explain), ensure_ascii=False) + "\n")
        else:
            out.write(summary(result, every_act=args.every_act, explain=args.explain) + "\n")
        out.flush()
    return 1 if failed else 0


def summary(article: Article, every_act: bool = False, explain: bool = False) -> str:
    """A reader's summary: each statement with speaker, role, when, stance and words; the attributions
    that are not speech (beliefs, plans, actions, perceptions) only with `every_act`, else counted; with
    `explain`, the attribution steps that made or changed each statement."""
    lines = [f"# {article.title or article.id}"]
    meta = " · ".join(x for x in (article.author and f"by {article.author}", article.outlet, article.published, article.url) if x)
    if meta:
        lines.append(meta)
    shown = article.statements if every_act else article.said()
    for statement in shown:
        entity = article.entity(statement.speaker)
        speaker = statement.speaker_name or "(unattributed)"
        role = f" ({'; '.join(entity.roles)})" if entity and entity.roles else ""
        time = article.time(statement.time)
        when = f" [{time.text} = {time.value}]" if time and time.value else (f" [{time.text}]" if time else "")
        to = f", to {statement.addressee}" if statement.addressee else ""
        cue = statement.cue.text if statement.cue else "—"
        words = " … ".join(article.text[start:end] for start, end in statement.content.spans)  # show where parts were cut
        words = f"“{words}”" if statement.kind == "direct" else words
        act = "" if statement.act == "say" else f"{statement.act}, "
        lines.append(f"- {speaker}{role}{when} {cue} [{act}{statement.kind}, {statement.stance}{to}]: {words}")
        if explain:
            lines.append(f"    steps: {', '.join(statement.steps) or '(none)'}")
    if not shown:
        lines.append("- (no statements found)")
    hidden = len(article.statements) - len(shown)
    if hidden:
        lines.append(f"({hidden} more attribution{'s' if hidden > 1 else ''} that {'are' if hidden > 1 else 'is'} not a statement (a belief, plan, action, perception or no comment): --all shows them)")
    return "\n".join(lines) + "\n"
