"""`storyline spark analyze INPUT... --out DIR` and `storyline spark link DIR`: the Spark jobs (storyline.jobs.spark)."""
from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    from storyline.jobs.spark import add_arguments  # imports no pyspark until a job runs

    parser = subparsers.add_parser(
        "spark", help="analyse and link on Apache Spark (the `spark` extra): WARC, JSON Lines, Parquet in, Parquet tables out",
        description="The same analysis and linking as `storyline analyze` and `storyline link`, as Spark jobs. "
                    "Load the result into an archive with `storyline ingest DIR`.")
    add_arguments(parser)
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from storyline.jobs.spark import run

    return run(args)
