"""Speaker resolution on PolNeAR dev: who storyline credits for each gold attribution source.

    PYTHONPATH=src OMP_NUM_THREADS=1 python bench/speaker_eval.py [DEV_DIR] [--labels TSV] [--verbose]
    # held-out check: pronoun labels from train, labelled after the resolver was tuned on dev
    PYTHONPATH=src python bench/speaker_eval.py ../shared/data/polnear/train \
        --labels bench/data/polnear_train_sources.tsv --labelled-only
    # the honest development number: an even sample of train articles the rules were not tuned on,
    # their gold name sources plus the train hand labels in those articles
    PYTHONPATH=src python bench/speaker_eval.py --split train --sample 80

DEV_DIR defaults to ../shared/data/polnear/dev beside the repository; publication dates and authors come from
DEV_DIR/../metadata.tsv. Three measurements:
- the hand-labelled pronoun and description sources in bench/data/polnear_dev_sources.tsv: is there a
  statement with that source (coverage), is its speaker the labelled referent (accuracy), and how often
  a pronoun is credited to no one (unresolved);
- the same labels given straight to the resolver (storyline.nlp.speakers.Resolver) on the analysed
  article, whether or not attribution found a statement for them: resolution alone, all labels;
- every gold source in dev that is a proper name (first annotator file per article): does the
  statement's speaker entity carry that name.
"""
from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev"
DEFAULT_LABELS = ROOT / "bench" / "data" / "polnear_dev_sources.tsv"
SPLIT_LABELS = {
    "dev": [DEFAULT_LABELS],
    "train": [ROOT / "bench" / "data" / "polnear_train_sources.tsv", ROOT / "bench" / "data" / "polnear_train_sample_sources.tsv"],
}


def even_sample(stems: list[str], size: int) -> list[str]:
    """`size` stems spread evenly over the sorted list (so every publisher is drawn); all when fewer."""
    stems = sorted(stems)
    if size <= 0 or size >= len(stems):
        return stems
    return [stems[i * len(stems) // size] for i in range(size)]


def read_metadata(metadata: Path) -> dict[str, dict[str, str]]:
    """filename -> its metadata row: the publication date anchors times, the author is the article's
    "I" in an opinion piece, as an input's own metadata would give them."""
    if not metadata.is_file():
        return {}
    with metadata.open(encoding="utf-8", newline="") as handle:
        return {row["filename"]: row for row in csv.DictReader(handle, delimiter="\t")}


def analyse(dev: Path, stems: list[str], metadata: dict[str, dict[str, str]]) -> dict:
    import storyline
    from storyline.ingest.document import Document
    from storyline.record import Article

    documents = [
        Document(text=(dev / "text" / f"{stem}.txt").read_text(encoding="utf-8"), id=stem,
                 published=metadata.get(stem, {}).get("publication_date"), author=metadata.get(stem, {}).get("author") or None)
        for stem in stems
    ]
    articles = {}
    for stem, result in zip(stems, storyline.analyze_documents(documents)):
        if not isinstance(result, Article):
            print(f"analysis failed for {stem}: {result}", file=sys.stderr)
            continue
        articles[stem] = result
    return articles


def resolve_labels(dev: Path, labels: list, metadata: dict[str, dict[str, str]]) -> list:
    """Each label's span given to the resolver directly (an Outcome per label, found=True)."""
    from storyline.analyze import parse_date
    from storyline.eval.speakers import NO_ANTECEDENT, Outcome, names_match
    from storyline.nlp import pipeline
    from storyline.nlp.speakers import Resolver

    nlp = pipeline.load()
    by_file = defaultdict(list)
    for gold in labels:
        by_file[gold.file].append(gold)
    outcomes = []
    for stem, golds in sorted(by_file.items()):
        doc = nlp.make_doc((dev / "text" / f"{stem}.txt").read_text(encoding="utf-8"))
        doc._.published = parse_date(metadata.get(stem, {}).get("publication_date"))
        doc._.author = metadata.get(stem, {}).get("author") or None
        doc = nlp(doc)
        for gold in golds:
            resolver = Resolver(doc)
            earlier = sorted(
                (s for s in resolver.statements if (s.source.start if s.source else s.content.start) < gold.start),
                key=lambda s: s.source.start if s.source else s.content.start,
            )
            for statement in earlier:  # credited sources stand for their speaker, as in the component
                head = doc.char_span(statement.source.start, statement.source.end, alignment_mode="expand") if statement.source else None
                if head is not None and len(head) and statement.speaker and resolver.entities[statement.speaker].type == "PERSON":
                    resolver.person_at[head.root.i] = statement.speaker
            span = doc.char_span(gold.start, gold.end, alignment_mode="expand")
            entity = resolver.resolve(span.root, gold.start, gold.end, earlier) if span is not None and len(span) else None
            name = entity.name if entity else None
            correct = name is None if gold.antecedent == NO_ANTECEDENT else names_match(gold.antecedent, name)
            outcomes.append(Outcome(gold, True, True, name, name, correct))
    return outcomes


def print_table(summaries) -> None:
    def cell(part: int, whole: int) -> str:
        return f"{part / whole if whole else 0:.1%} ({part}/{whole})"

    print(f"{'sources':<16}{'labels':>7}{'found':>7}{'cover':>8}{'named':>6}  {'acc|found':<19}{'acc|all':<19}"
          f"{'acc(all labels)|found':<23}{'unresolved':<18}")
    for s in summaries:
        print(f"{s.kind:<16}{s.labels:>7}{s.found:>7}{s.coverage:>8.1%}{s.named:>6}  {cell(s.named_correct, s.named_found):<19}"
              f"{cell(s.named_correct, s.named):<19}{cell(s.correct, s.found):<23}{cell(s.unresolved, s.found):<18}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dev", nargs="?", type=Path, default=None, help="PolNeAR directory (text/, attributions/); "
                        "default: ../shared/data/polnear/<split>")
    parser.add_argument("--split", choices=sorted(SPLIT_LABELS), default="dev", help="PolNeAR compartment (default dev)")
    parser.add_argument("--sample", type=int, default=0, help="score only this many articles, spread evenly (0: all)")
    parser.add_argument("--labels", type=Path, action="append", default=None,
                        help="hand labels, repeatable (default: the split's bench/data TSVs)")
    parser.add_argument("--metadata", type=Path, default=None, help="default: DEV/../metadata.tsv")
    parser.add_argument("--verbose", action="store_true", help="list every error")
    parser.add_argument("--labelled-only", action="store_true",
                        help="analyse only the labelled articles; skip the gold name sources (for a quick check on train)")
    args = parser.parse_args(argv)
    args.dev = args.dev or DEFAULT_DEV.parent / args.split
    args.labels = args.labels or SPLIT_LABELS[args.split]

    from storyline.eval.speakers import (
        GoldSource, brat_sources, first_annotations, is_name_source, judge, read_labels, summarize,
    )

    if not (args.dev / "text").is_dir() or not (args.dev / "attributions").is_dir():
        print(f"PolNeAR dev data not found at {args.dev} (expected text/ and attributions/); "
              "pass the directory as the first argument.", file=sys.stderr)
        return 2
    metadata = read_metadata(args.metadata or args.dev.parent / "metadata.tsv")
    labels = [gold for path in args.labels for gold in read_labels(path)]
    annotations = first_annotations(args.dev)
    if args.sample:
        kept = set(even_sample(list(annotations), args.sample))
        annotations = {stem: ann for stem, ann in annotations.items() if stem in kept}
        labels = [g for g in labels if g.file in kept]
    names = []
    for stem, ann in annotations.items() if not args.labelled_only else []:
        article_text = (args.dev / "text" / f"{stem}.txt").read_text(encoding="utf-8")
        for start, end, text in brat_sources(ann):
            if is_name_source(text, article_text):
                names.append(GoldSource(stem, start, end, text, "name", text))

    stems = sorted({g.file for g in labels} | (set() if args.labelled_only else annotations.keys()))
    articles = analyse(args.dev, stems, metadata)
    by_kind = defaultdict(list)
    for gold in [*labels, *names]:
        article = articles.get(gold.file)
        if article is None:
            continue
        if article.text[gold.start : gold.end] != gold.text:
            print(f"label does not match the text: {gold}", file=sys.stderr)
            continue
        by_kind[gold.kind].append(judge(gold, article))

    kinds = [k for k in ("pronoun", "description") if k in by_kind]
    summaries = [summarize(k, by_kind[k]) for k in kinds]
    summaries.append(summarize("labelled", [o for k in kinds for o in by_kind[k]]))
    try:
        resolved = resolve_labels(args.dev, [g for g in labels if g.file in articles], metadata)
    except (ImportError, AttributeError) as error:  # a resolver without the Resolver.resolve interface
        print(f"resolver-only scores skipped: {error}", file=sys.stderr)
        resolved = []
    for kind in kinds if resolved else []:
        summaries.append(summarize(f"{kind[:4]}/resolver", [o for o in resolved if o.gold.kind == kind]))
    print(f"PolNeAR {args.dev.name}: {len(articles)} articles analysed; {len(labels)} hand labels ({', '.join(p.name for p in args.labels)}), "
          f"{len(names)} gold name sources")
    print_table(summaries)
    print()
    if names:
        name_summary = summarize("name", by_kind["name"])
        print(f"name sources: {name_summary.labels}, found {name_summary.found} ({name_summary.coverage:.1%}); "
              f"speaker carries the name: {name_summary.named_correct} = {name_summary.named_accuracy_found:.1%} of found, "
              f"{name_summary.named_accuracy_all:.1%} of all")
    print("acc|found: right speaker among found sources with a named referent; acc|all: the same over all of them;"
          "\nacc(all labels)|found also counts '-' labels (right when no entity is credited); "
          "unresolved: found but credited to no entity.")
    print("*/resolver: every label's span given to the resolver directly, found or not by attribution.")
    by_kind["resolver"] = resolved
    if args.verbose:
        for kind in [*kinds, "resolver", "name"]:
            errors = [o for o in by_kind[kind] if not o.correct]
            print(f"\n== {kind} errors ({len(errors)})")
            for o in errors:
                got = "NOT FOUND" if not o.found else f"speaker={o.speaker!r} name={o.speaker_name!r}{'' if o.exact else ' (overlap)'}"
                print(f"{o.gold.file[:40]:<40} {o.gold.start:>6} {o.gold.text[:30]!r:<32} want={o.gold.antecedent!r:<28} {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
