"""`storyline relate FILE.jsonl`: does each text confirm, deny, only report, or not concern its claim?

Input lines `{"id", "claim", "text"}`; output lines `{"id", "relation", "score"}` (relation: agree,
disagree, discuss or unrelated; score: the model's probability for it), in input order. A bad line is
reported as FILE:LINE: reason on standard error and skipped; the others are still related.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import TextIO

CHUNK = 1000  # pairs related at once: texts repeated inside a chunk are read once


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "relate",
        help="claim–text relations: agree / disagree / discuss / unrelated, with a score",
        description='Read JSON Lines {"id","claim","text"} (a file, or - for standard input) and write '
                    '{"id","relation","score"} per line.',
    )
    parser.add_argument("path", metavar="FILE.jsonl", help="JSON Lines file; '-' reads standard input")
    parser.set_defaults(func=run)


def read_pairs(lines: TextIO, name: str) -> Iterator[tuple[str, str, str] | str]:
    """(id, claim, text) per good line; an error message 'FILE:LINE: reason' per bad one."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            yield f"{name}:{number}: not JSON ({error.msg})"
            continue
        if not isinstance(item, dict):
            yield f"{name}:{number}: expected an object with id, claim and text"
            continue
        missing = [k for k in ("claim", "text") if not isinstance(item.get(k), str) or not item[k].strip()]
        if missing:
            yield f"{name}:{number}: {' and '.join(missing)} must be non-empty strings"
            continue
        ident = item.get("id", number)
        if not isinstance(ident, (str, int)) or isinstance(ident, bool):
            yield f"{name}:{number}: id must be a string or an integer"
            continue
        yield (ident, item["claim"], item["text"])


def run(args: argparse.Namespace) -> int:
    if args.path == "-":
        return relate_lines(sys.stdin, "<stdin>")
    try:
        source = open(args.path, encoding="utf-8")  # noqa: SIM115 - closed below; an open error is the user's
    except OSError as error:
        print(f"storyline: {args.path}: {error.strerror}", file=sys.stderr)
        return 2
    with source:
        return relate_lines(source, args.path)


def relate_lines(source: TextIO, name: str) -> int:
    from storyline.link.relation import default_model

    failed = 0
    model = default_model()
    pending: list[tuple[str, str, str]] = []

    def flush() -> None:
        for (ident, _, _), relation in zip(pending, model.relate([(c, t) for _, c, t in pending])):
            sys.stdout.write(json.dumps({"id": ident, "relation": relation.relation, "score": relation.score}) + "\n")
        sys.stdout.flush()
        pending.clear()

    try:
        for item in read_pairs(source, name):
            if isinstance(item, str):
                failed += 1
                print(f"storyline: {item}", file=sys.stderr)
                continue
            pending.append(item)
            if len(pending) >= CHUNK:
                flush()
        flush()
    except UnicodeDecodeError:
        print(f"storyline: {name}: not UTF-8 text", file=sys.stderr)
        return 2
    return 1 if failed else 0
