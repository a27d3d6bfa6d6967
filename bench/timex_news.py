"""Time expressions on news from other outlets and years: a development set beside TimeBank.

    PYTHONPATH=src python bench/timex_news.py [--data ../shared/data] [--verbose] [--list]

25 Timeline17 articles (BBC, CNN, Fox News, The Guardian, Reuters, The Washington Post; 2005-2011),
chosen by `select`: articles grouped by (topic, outlet); in each group those 1,500 to 6,000 characters
long (a page of news, not a stub or a live blog), sorted by id, and the ones at evenly spaced positions
(i + 0.5) * n / k taken, k = 2 per group and 3 for the single-outlet topics. Whole articles are annotated;
`bench/timex_news/gold.tsv` holds the gold TIMEX3s as offsets, type and value (no article text); see
bench/timex_news/README.md.

Scores are those of `storyline eval timeml` (the same scorer, predictions of the product pipeline with the
article's date as the creation time).
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from storyline.eval.timeml import Score, TimeMLDocument, Timex, predict, report, score_document

TOPICS = ("bpoil", "EgyptianProtest", "Finan", "H1N1", "IraqWar")
MIN_CHARS, MAX_CHARS = 1500, 6000
GOLD = Path(__file__).resolve().parent / "timex_news" / "gold.tsv"


def select(data: Path) -> list[dict]:
    """The chosen articles (id, published, text ...) in topic, outlet, id order."""
    chosen: list[dict] = []
    for topic in TOPICS:
        groups: dict[str, list[dict]] = defaultdict(list)
        with open(data / "timeline17" / topic / "articles.jsonl", encoding="utf-8") as lines:
            for line in lines:
                article = json.loads(line)
                if MIN_CHARS <= len(article["text"]) <= MAX_CHARS:
                    groups[article["id"].split("/")[0]].append(article)
        per_group = 3 if len(groups) == 1 else 2
        for outlet in sorted(groups):
            articles = sorted(groups[outlet], key=lambda a: a["id"])
            for i in range(per_group):
                chosen.append(articles[int((i + 0.5) * len(articles) / per_group)])
    return chosen


def read_gold(path: Path, texts: dict[str, str]) -> dict[str, list[Timex]]:
    """doc id -> gold TIMEX3s; a row that names an unknown article or leaves its text is an error naming the line."""
    gold: dict[str, list[Timex]] = {doc: [] for doc in texts}
    with open(path, encoding="utf-8", newline="") as rows:
        for line, row in enumerate(csv.DictReader(rows, delimiter="\t"), start=2):
            doc, start, end = row["doc"], int(row["start"]), int(row["end"])
            if doc not in texts or not 0 <= start < end <= len(texts[doc]):
                raise ValueError(f"{path}:{line}: span {start}-{end} of {doc!r} is not inside a selected article")
            gold[doc].append(Timex(start, end, texts[doc][start:end], row["type"], row["value"]))
    return gold


def evaluate(data: Path, errors: list[tuple] | None = None) -> Score:
    articles = select(data)
    texts = {a["id"]: a["text"] for a in articles}
    gold = read_gold(GOLD, texts)
    documents = [TimeMLDocument(a["id"], a["text"], a["published"]) for a in articles]
    total = Score()
    for document, predicted in zip(documents, predict(documents)):
        total.add(score_document(gold[document.name], predicted, document.name, errors))
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--verbose", action="store_true", help="list every error (a development set: read them)")
    parser.add_argument("--list", action="store_true", help="print the selected articles and stop")
    args = parser.parse_args()
    data = Path(args.data)
    if not (data / "timeline17").is_dir():
        print(f"not found: {data / 'timeline17'}", file=sys.stderr)
        return 2
    if args.list:
        for article in select(data):
            print(article["id"], article["published"], len(article["text"]), sep="\t")
        return 0
    errors: list[tuple] = []
    score = evaluate(data, errors)
    print(f"{len(select(data))} Timeline17 articles")
    print(report(score))
    print("\nmost frequent error kinds:")
    for kind, count in Counter(kind for kind, _, _ in errors).most_common(10):
        print(f"{count:6d}  {kind}")
    if args.verbose:
        for kind, name, detail in sorted(errors):
            print(f"{kind:<28} {name:<32} {detail}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
