"""`storyline eval tls DIR`: timeline summaries scored on Timeline17 with the field's protocol.

The protocol of news-tls (Ghalandari & Ifrim 2020): for each gold timeline, the topic's articles
published within the timeline's first and last date, N = its number of dates, K = its mean number of
sentences per date (rounded); the predicted dates are kept within the same window. Metrics, as
news-tls computes them: tilse's alignment ROUGE-1 and ROUGE-2 F1 ("align+ m:1",
`evaluate_align_date_content_costs_many_to_one`) and date F1 (exact days shared). Scores are averaged
over the timelines.

tilse scores ROUGE with the ROUGE-1.5.5 Perl script ("original") when that script can run (it needs
Perl's XML::Parser), else with its own Python reimplementation ("reimpl"); the report says which.

Records: `--records DIR` reads `DIR/<topic>.jsonl` (the output of `storyline analyze --format jsonl`
over the topic's articles.jsonl) where it exists; otherwise each article's times come from the time
tagger alone (`tag_times`, the same tagger `analyze` runs, without spaCy's tense of the governing verb),
which is what the summarizer reads from a record: text, publication day, outlet and times.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import statistics
import sys
from datetime import date
from pathlib import Path

from storyline.link.timelines import DATE_SELECTORS, SENTENCE_RANKERS, summarize, dated_sentences

_TOKEN = re.compile(r"n't|'(?:s|re|ve|ll|d|m)\b|[A-Za-z0-9]+?(?=n't)|[A-Za-z0-9]+(?:[-.][A-Za-z0-9]+)*|[^\sA-Za-z0-9]")


def ptb_tokens(text: str) -> str:
    """Space-separated tokens, as the gold sentences are released (tilse splits on whitespace)."""
    return " ".join(_TOKEN.findall(text))


def gold_timelines(topic_dir: Path) -> dict[str, dict[str, list[str]]]:
    """name -> {day: sentences}; a repeated day keeps its last entry, as news-tls does."""
    topic = json.loads((topic_dir / "topic.json").read_text(encoding="utf-8"))
    return {name: {entry["date"]: entry["sentences"] for entry in entries} for name, entries in topic["timelines"].items()}


def topic_records(topic_dir: Path, records_dir: Path | None) -> list[dict]:
    """The topic's records: `records_dir/<topic>.jsonl` where it exists, else tagged here (and written
    there, when `records_dir` is given, so that the next run reads them)."""
    cached = records_dir / f"{topic_dir.name}.jsonl" if records_dir else None
    if cached and cached.exists():
        return [json.loads(line) for line in cached.open(encoding="utf-8") if line.strip()]
    from storyline.nlp.timex import tag_times

    records = []
    path = topic_dir / "articles.jsonl"
    for number, line in enumerate(path.open(encoding="utf-8"), 1):
        if not line.strip():
            continue
        try:
            article = json.loads(line)
        except ValueError as error:
            print(f"{path}:{number}: skipped: {error}", file=sys.stderr)
            continue
        try:
            times = tag_times(article.get("text") or "", article.get("published"))
        except (ValueError, OverflowError) as error:  # a tagger failure loses the times, not the article
            print(f"{path}:{number}: no times: {error}", file=sys.stderr)
            times = []
        article["times"] = [{"id": t.id, "start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value} for t in times]
        records.append(article)
    if cached:
        cached.parent.mkdir(parents=True, exist_ok=True)
        with cached.open("w", encoding="utf-8") as out:
            out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    return records


def date_f1(predicted: set[str], gold: set[str]) -> float:
    shared = len(predicted & gold)
    if not shared:
        return 0.0
    precision, recall = shared / len(predicted), shared / len(gold)
    return 2 * precision * recall / (precision + recall)


def rouge_evaluator():
    from tilse.evaluation import rouge

    try:  # the Perl script, as the published numbers were computed, where it runs
        evaluator = rouge.TimelineRougeEvaluator(measures=["rouge_1", "rouge_2"], rouge_computation="original")
        with contextlib.redirect_stdout(io.StringIO()):  # pyrouge prints the script's output
            _score(evaluator, {"2000-01-01": ["a test ."]}, {"2000-01-01": ["a test ."]})
        return evaluator, "original"
    except Exception:  # noqa: BLE001 - pyrouge raises whatever the Perl script's failure is
        return rouge.TimelineRougeEvaluator(measures=["rouge_1", "rouge_2"], rouge_computation="reimpl"), "reimpl"


def _score(evaluator, predicted: dict[str, list[str]], gold: dict[str, list[str]]) -> dict[str, float]:
    from tilse.data.timelines import GroundTruth, Timeline

    def timeline(days: dict[str, list[str]]) -> Timeline:
        return Timeline({date.fromisoformat(d): sentences for d, sentences in days.items()})

    scores = evaluator.evaluate_align_date_content_costs_many_to_one(timeline(predicted), GroundTruth([timeline(gold)]))
    return {"rouge_1": scores["rouge_1"]["f_score"], "rouge_2": scores["rouge_2"]["f_score"]}


def evaluate(directory: Path, records_dir: Path | None = None, topics: list[str] | None = None,
             selector: str = "evidence", ranker: str = "centroid", use_query: bool = True) -> dict:
    """Scores per gold timeline and their mean. `use_query`: summarize as `--about QUERY` does, with the
    topic's query from topic.json (news-tls's keyword filter)."""
    evaluator, computation = rouge_evaluator()
    rows = []
    for topic_dir in sorted(p for p in directory.iterdir() if (p / "topic.json").exists()):
        if topics and topic_dir.name not in topics:
            continue
        sentences = [s for record in topic_records(topic_dir, records_dir) for s in dated_sentences(record)]
        query = json.loads((topic_dir / "topic.json").read_text(encoding="utf-8")).get("query")
        for name, gold in sorted(gold_timelines(topic_dir).items()):
            first, last = min(gold), max(gold)
            window = [s for s in sentences if s.published and first <= s.published <= last]
            n, k = len(gold), round(statistics.mean(len(v) for v in gold.values()))
            summary = summarize(window, dates=n, per_date=k, since=first, until=last, selector=selector, ranker=ranker,
                                about=query if use_query else None)
            predicted = {d.date: [ptb_tokens(s.text) for s in d.sentences] for d in summary}
            scores = _score(evaluator, predicted, gold) if predicted else {"rouge_1": 0.0, "rouge_2": 0.0}
            rows.append({"topic": topic_dir.name, "timeline": name, "dates": n, "per_date": k, "articles": len({s.article for s in window}),
                         **scores, "date_f1": date_f1(set(predicted), set(gold))})
    mean = {m: statistics.mean(r[m] for r in rows) if rows else 0.0 for m in ("rouge_1", "rouge_2", "date_f1")}
    return {"rouge": computation, "selector": selector, "ranker": ranker, "query": use_query, "timelines": rows, "mean": mean}


def main(args: argparse.Namespace) -> int:
    directory = Path(args.directory)
    if not directory.is_dir():
        print(f"error: {directory}: not a directory", file=sys.stderr)
        return 2
    try:
        import tilse  # noqa: F401
    except ImportError:
        print("error: `storyline eval tls` scores with tilse (pip install tilse)", file=sys.stderr)
        return 2
    result = evaluate(directory, Path(args.records) if args.records else None, args.topic or None, args.selector, args.ranker,
                      not args.no_query)
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    print(f"ROUGE via tilse ({result['rouge']}); dates: {result['selector']}; sentences: {result['ranker']}; topic query: {result['query']}")
    print(f"{'topic':16} {'timeline':44} {'N':>3} {'K':>2} {'arts':>5} {'R1 F1':>6} {'R2 F1':>6} {'date F1':>7}")
    for r in result["timelines"]:
        print(f"{r['topic']:16} {r['timeline'][:44]:44} {r['dates']:3} {r['per_date']:2} {r['articles']:5} "
              f"{r['rouge_1']:6.3f} {r['rouge_2']:6.3f} {r['date_f1']:7.3f}")
    m = result["mean"]
    print(f"{'mean over ' + str(len(result['timelines'])) + ' timelines':64} {'':>5} {m['rouge_1']:6.3f} {m['rouge_2']:6.3f} {m['date_f1']:7.3f}")
    return 0


def register_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("directory", help="Timeline17 directory (topics with articles.jsonl and topic.json)")
    parser.add_argument("--records", default=None, metavar="DIR", help="records DIR/<topic>.jsonl (`storyline analyze` output) to read; topics missing there are tagged here and written there")
    parser.add_argument("--topic", action="append", help="score only this topic (repeatable)")
    parser.add_argument("--selector", choices=sorted(DATE_SELECTORS), default="evidence", help="date selector (default: evidence)")
    parser.add_argument("--ranker", choices=sorted(SENTENCE_RANKERS), default="centroid", help="sentence ranker (default: centroid)")
    parser.add_argument("--no-query", action="store_true", help="ignore the topic's query (summary sentences need not name the topic)")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
