"""How many in-article relations storyline records, per article, on analysed records (a JSONL file
written by `storyline analyze`): links per article, by relation, and a seeded sample to check by hand.

    storyline analyze ../shared/data/polnear/dev/text > /tmp/polnear.jsonl
    python bench/relation_overlinking.py /tmp/polnear.jsonl --sample 20
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter

from storyline.nlp.relations import said
from storyline.link.relation import statement_relations
from storyline.record import SPEECH_ACTS, Article


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("records", help="JSONL of analysed articles")
    parser.add_argument("--sample", type=int, default=20, help="links printed for checking by hand")
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args(argv)
    per_article, relations, links = [], Counter(), []
    with open(args.records, encoding="utf-8") as f:
        for line in f:
            article = Article.from_dict(json.loads(line))
            spoken = [s for s in article.statements if s.act in SPEECH_ACTS]
            by_id = {s.id: s for s in spoken}
            found = statement_relations([said(s) for s in spoken])
            n = 0
            for sid, pointers in found.items():
                for p in pointers:
                    n += 1
                    relations[p["relation"]] += 1
                    links.append((article.id, p["relation"], by_id[p["statement"]], by_id[sid]))
            per_article.append((n, len(spoken)))
    articles = len(per_article)
    total = sum(n for n, _ in per_article)
    print(f"articles {articles}, statements {sum(s for _, s in per_article)}, links {total} "
          f"({total / max(articles, 1):.2f} per article; max {max((n for n, _ in per_article), default=0)}; "
          f"articles with any {sum(1 for n, _ in per_article if n)}), by relation {dict(relations)}")
    for article_id, relation, claim, later in random.Random(args.seed).sample(links, min(args.sample, len(links))):
        print(f"\n[{article_id}] {later.id} {relation} {claim.id}\n  claim ({claim.speaker_name}, {claim.stance}): {claim.content.text[:200]}"
              f"\n  later ({later.speaker_name}, {later.stance}): {later.content.text[:200]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
