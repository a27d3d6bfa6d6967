"""`storyline eval people FILE.jsonl`: cross-document identity of named person mentions.

The file (ECB+ as in ../shared/data/ecbplus/ecbplus_dev.jsonl) holds articles with gold `persons`:
each a mention with the name inside it (`name`: [start, end]) and its cross-document identity
(`gold`). storyline analyses every article (or reads the records cached by `--records`), links the
PERSON and ORG entities of all of them into identities in file order (storyline.link.identities),
and each gold mention takes the identity of the storyline entity whose mention overlaps its name
most (a PERSON entity first, else an ORG: the linking follows storyline's own typing); a gold
mention no entity covers is a singleton (a split). Scores: MUC, B-cubed, CEAF-e, their average
(CoNLL F1), and pairwise P/R/F1 over pairs of mentions, per split (`train`, `dev`, `all`): the
linking runs once over every article, as in one archive. `<split>/found` rows score only the
mentions storyline has an entity for (the linking alone, without what analysis missed).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from storyline.link.identities import article_entities, link_all

Clusters = list[set]


# -- the metrics ---------------------------------------------------------------------------------

def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def muc(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    def score(a: Clusters, b: Clusters) -> float:
        where = {m: i for i, c in enumerate(b) for m in c}
        num = den = 0
        for cluster in a:
            parts = {where.get(m, ("alone", m)) for m in cluster}
            num += len(cluster) - len(parts)
            den += len(cluster) - 1
        return num / den if den else 0.0

    r, p = score(key, response), score(response, key)
    return p, r, _f1(p, r)


def b_cubed(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    def score(a: Clusters, b: Clusters) -> float:
        where = {m: c for c in b for m in c}
        total = sum(len(c & where.get(m, set())) / len(c) for c in a for m in c)
        return total / sum(len(c) for c in a) if a else 0.0

    r, p = score(key, response), score(response, key)
    return p, r, _f1(p, r)


def ceaf_e(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    """Entity-based CEAF (phi4): the best one-to-one alignment of key and response clusters."""
    if not key or not response:
        return 0.0, 0.0, 0.0
    where = defaultdict(list)
    for j, cluster in enumerate(response):
        for m in cluster:
            where[m].append(j)
    sim: dict[tuple[int, int], float] = {}
    for i, cluster in enumerate(key):
        for j in {j for m in cluster for j in where[m]}:
            sim[i, j] = 2 * len(cluster & response[j]) / (len(cluster) + len(response[j]))
    best = sum(_best_alignment(component, sim) for component in _components(sim))
    p, r = best / len(response), best / len(key)
    return p, r, _f1(p, r)


def _components(sim: dict[tuple[int, int], float]) -> list[list[tuple[int, int]]]:
    """The overlapping key/response clusters fall apart into connected parts, aligned one by one."""
    parent: dict = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in sim:
        parent[find(("k", i))] = find(("r", j))
    parts: dict = defaultdict(list)
    for i, j in sim:
        parts[find(("k", i))].append((i, j))
    return list(parts.values())


def _best_alignment(pairs: list[tuple[int, int]], sim: dict[tuple[int, int], float]) -> float:
    """The largest total similarity of a one-to-one alignment (the Hungarian method, minimising the negative)."""
    rows = sorted({i for i, _ in pairs})
    cols = sorted({j for _, j in pairs})
    transposed = len(rows) > len(cols)  # the method wants no more rows than columns
    if transposed:
        rows, cols = cols, rows

    def get(r: int, c: int) -> float:
        return sim.get((c, r) if transposed else (r, c), 0.0)

    n, m = len(rows), len(cols)
    cost = [[-get(rows[a], cols[b]) for b in range(m)] for a in range(n)]
    inf = float("inf")
    u, v, p, way = [0.0] * (n + 1), [0.0] * (m + 1), [0] * (m + 1), [0] * (m + 1)
    for a in range(1, n + 1):
        p[0], b0 = a, 0
        minv, used = [inf] * (m + 1), [False] * (m + 1)
        while True:
            used[b0] = True
            a0, delta, b1 = p[b0], inf, 0
            for b in range(1, m + 1):
                if not used[b]:
                    cur = cost[a0 - 1][b - 1] - u[a0] - v[b]
                    if cur < minv[b]:
                        minv[b], way[b] = cur, b0
                    if minv[b] < delta:
                        delta, b1 = minv[b], b
            for b in range(m + 1):
                if used[b]:
                    u[p[b]] += delta
                    v[b] -= delta
                else:
                    minv[b] -= delta
            b0 = b1
            if p[b0] == 0:
                break
        while b0:
            b1 = way[b0]
            p[b0] = p[b1]
            b0 = b1
    return sum(-cost[p[b] - 1][b - 1] for b in range(1, m + 1) if p[b])


def pairwise(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    def pairs(clusters: Clusters) -> set:
        return {(a, b) for c in clusters for a in c for b in c if a < b}

    k, s = pairs(key), pairs(response)
    p = len(k & s) / len(s) if s else 1.0
    r = len(k & s) / len(k) if k else 1.0
    return p, r, _f1(p, r)


def score(key: Clusters, response: Clusters) -> dict[str, float]:
    out = {}
    for name, metric in (("muc", muc), ("b3", b_cubed), ("ceafe", ceaf_e), ("pairwise", pairwise)):
        p, r, f = metric(key, response)
        out |= {f"{name}_p": p, f"{name}_r": r, f"{name}_f1": f}
    out["conll_f1"] = (out["muc_f1"] + out["b3_f1"] + out["ceafe_f1"]) / 3
    return out


# -- from records to clusters --------------------------------------------------------------------

def _covering_entity(record: dict, start: int, end: int) -> str | None:
    """The linked entity (PERSON first, else ORG: storyline's own typing) whose mention overlaps the span most."""
    best, best_rank = None, (0, 0)
    for entity in record.get("entities") or []:
        if entity.get("type") not in ("PERSON", "ORG"):
            continue
        for m in entity.get("mentions") or []:
            overlap = min(end, m["end"]) - max(start, m["start"])
            rank = (overlap > 0 and entity["type"] == "PERSON", overlap)
            if overlap > 0 and rank > best_rank:
                best, best_rank = entity["id"], rank
    return best


def clusters(gold_rows: list[dict], records: dict[str, dict]) -> tuple[dict, dict, dict]:
    """Link every record's entities; return (mention → gold id, mention → response id, mention → split)."""
    entities = [m for row in gold_rows if row["id"] in records for m in article_entities(records[row["id"]])]
    _, links = link_all(entities)
    identity_of = {link.entity: link.identity for link in links}
    key, response, split = {}, {}, {}
    for row in gold_rows:
        record = records.get(row["id"])
        for n, person in enumerate(row.get("persons") or []):
            mention = (row["id"], n)
            start, end = person.get("name") or (person["start"], person["end"])
            key[mention] = person["gold"]
            entity = _covering_entity(record, start, end) if record else None
            identity = identity_of.get(f"{row['id']}/{entity}") if entity else None
            response[mention] = identity if identity is not None else ("alone", mention)
            split[mention] = row.get("split") or "all"
    return key, response, split


def _group(assignment: dict, mentions: Iterable) -> Clusters:
    groups: dict = defaultdict(set)
    for m in mentions:
        groups[assignment[m]].add(m)
    return list(groups.values())


def scores_by_split(key: dict, response: dict, split: dict) -> dict[str, dict[str, float]]:
    """Scores per split; and, apart, over the mentions storyline has an entity for ("<split>/found"):
    what the linking does with what analysis found, without the mentions analysis missed."""
    out = {}
    for name in ("train", "dev", "all"):
        mentions = sorted(m for m in key if name == "all" or split[m] == name)
        if mentions:
            out[name] = score(_group(key, mentions), _group(response, mentions)) | {"mentions": len(mentions)}
    for name in ("train", "dev", "all"):
        mentions = sorted(m for m in key if (name == "all" or split[m] == name) and not isinstance(response[m], tuple))
        if mentions:
            out[f"{name}/found"] = score(_group(key, mentions), _group(response, mentions)) | {"mentions": len(mentions)}
    return out


# -- the command ---------------------------------------------------------------------------------

def read_gold(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise SystemExit(f"{path}:{number}: not JSON ({error.msg})") from None
    return rows


def analysed(rows: list[dict], cache: Path | None) -> dict[str, dict]:
    """Each row's analysed record, by id: from `cache` where it has them, analysed (and added to it) otherwise."""
    records: dict[str, dict] = {}
    if cache and cache.exists():
        for line in cache.open(encoding="utf-8"):
            if line.strip():
                record = json.loads(line)
                records[record["id"]] = record
    todo = [row for row in rows if row["id"] not in records]
    if todo:
        from storyline.analyze import analyze_documents
        from storyline.ingest.document import Document

        documents = [Document(text=r["text"], id=r["id"], title=r.get("title"), published=r.get("published"),
                              url=r.get("url"), outlet=r.get("outlet", r.get("source"))) for r in todo]
        out = cache.open("a", encoding="utf-8") if cache else None
        for result in analyze_documents(documents):
            if hasattr(result, "to_dict"):
                record = result.to_dict()
                records[record["id"]] = record
                if out:
                    out.write(json.dumps(record) + "\n")
            else:
                print(f"{result}", file=sys.stderr)
        if out:
            out.close()
    return records


def main(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        print(f"error: {path}: no such file", file=sys.stderr)
        return 2
    rows = read_gold(path)
    records = analysed(rows, Path(args.records) if args.records else None)
    results = scores_by_split(*clusters(rows, records))
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"{'split':11} {'mentions':>8} {'MUC':>6} {'B3':>6} {'CEAF-e':>6} {'CoNLL':>6}  {'pair P':>6} {'pair R':>6} {'pair F1':>7}")
    for name, s in results.items():
        print(f"{name:11} {s['mentions']:8d} {s['muc_f1']:6.3f} {s['b3_f1']:6.3f} {s['ceafe_f1']:6.3f} {s['conll_f1']:6.3f}"
              f"  {s['pairwise_p']:6.3f} {s['pairwise_r']:6.3f} {s['pairwise_f1']:7.3f}")
    return 0
