"""`storyline` command line: one sub-module per command group."""
from __future__ import annotations

import argparse
import importlib
import sys

# Each module defines `register(subparsers)`; the parser it adds sets `func`.
COMMAND_MODULES = [
    "storyline.cli.analyze",
    "storyline.cli.evaluate",
    "storyline.cli.archive",
    "storyline.cli.serve",
    "storyline.cli.relate",
    "storyline.cli.claims",
    "storyline.cli.spark",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="storyline", description="Who said what, when: a sourced record of the news.")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
