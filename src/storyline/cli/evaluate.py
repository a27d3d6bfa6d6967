"""`storyline eval polnear|timeml|meantime|statements|tls|fnc1|emergent DIR` and `storyline eval people|stories FILE.jsonl`."""
from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("eval", help="score storyline against an annotated corpus")
    corpora = parser.add_subparsers(dest="corpus", required=True)

    polnear = corpora.add_parser("polnear", help="attribution P/R/F1 on a PolNeAR compartment (e.g. ../shared/data/polnear/dev)")
    polnear.add_argument("directory")
    polnear.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    polnear.add_argument("--verbose", action="store_true")
    polnear.add_argument("--raw", action="store_true", help="score the trained model's own output (doc._.model_attributions) alone")
    polnear.add_argument("--agreement", action="store_true",
                         help="score the second annotator against the first, where two annotated an article (human agreement)")
    polnear.add_argument("--acts", metavar="TSV", help="gold acts of the attributions (bench/reporter_gold/polnear_dev/acts.tsv): "
                         "also score what was said or written alone, and the predicted acts")
    polnear.set_defaults(func=_polnear)

    timeml = corpora.add_parser("timeml", help="TIMEX3 span, type and value F1 on TimeML files (TempEval-3 definitions)")
    timeml.add_argument("directory", nargs="+")
    timeml.add_argument("--verbose", action="store_true", help="list every error")
    timeml.set_defaults(func=_timeml)

    meantime = corpora.add_parser("meantime", help="TIMEX3 span, type and value F1 on MEANTIME CAT XML (a check set: counts only)")
    meantime.add_argument("directory", nargs="+")
    meantime.set_defaults(func=_meantime)

    statements = corpora.add_parser("statements", help="a reporter's gold: statement P/R, speaker accuracy, fully right records (bench/reporter_gold)")
    statements.add_argument("directory", help="a reporter's gold directory, e.g. bench/reporter_gold")
    statements.add_argument("--set", choices=("all", "stories", "polnear"), default="all",
                            help="score the written stories, the PolNeAR dev labels, or both (default)")
    statements.add_argument("--polnear", default=None, help="PolNeAR dev directory (default: shared/data/polnear/dev beside the repository)")
    statements.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    statements.add_argument("--verbose", action="store_true", help="list every error, grouped by pattern")
    statements.add_argument("--json", default=None, metavar="PATH", help="write the scores as JSON to PATH ('-': stdout)")
    statements.set_defaults(func=_statements)

    people = corpora.add_parser("people", help="cross-document identity of named person mentions: MUC, B3, CEAF-e, CoNLL F1, pairwise P/R/F1 (ECB+)")
    people.add_argument("file", help="JSONL with gold `persons`, e.g. ../shared/data/ecbplus/ecbplus_dev.jsonl")
    people.add_argument("--records", default=None, metavar="PATH", help="cache of analysed records (JSONL): read, and extended with what is analysed")
    people.add_argument("--json", action="store_true", help="print the scores as JSON")
    people.set_defaults(func=_people)

    from storyline.eval import relation, stories

    stories.add_parser(corpora)
    relation.register(corpora)

    from storyline.eval.tls import register_arguments as tls_arguments

    tls = corpora.add_parser("tls", help="timeline summaries on Timeline17: alignment ROUGE-1/2 F1 (tilse, align+ m:1) and date F1")
    tls_arguments(tls)
    tls.set_defaults(func=_tls)


def _polnear(args: argparse.Namespace) -> int:
    from storyline.eval import polnear

    return polnear.main(args)


def _statements(args: argparse.Namespace) -> int:
    from storyline.eval import statements

    return statements.main(args)


def _people(args: argparse.Namespace) -> int:
    from storyline.eval import people

    return people.main(args)

def _tls(args: argparse.Namespace) -> int:
    from storyline.eval import tls

    return tls.main(args)


def _timeml(args: argparse.Namespace) -> int:
    from storyline.eval import timeml

    return timeml.main(args)


def _meantime(args: argparse.Namespace) -> int:
    from storyline.eval import meantime

    return meantime.main(args)
