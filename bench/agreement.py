"""How far two humans agree on what issues 12 and 16 ask storyline to reach.

The developers' guide lets an issue be reported blocked when its target lies above what two human
annotators agree on. This script measures that agreement with the project's own scorers, so the human
figures sit beside the system's:

    PYTHONPATH=src python bench/agreement.py polnear                 # PolNeAR's own multiple annotation
    PYTHONPATH=src python bench/agreement.py speech                  # ... on say/write, every annotator's acts
    PYTHONPATH=src python bench/agreement.py judges                  # two judges on 10 stories and 10 PolNeAR dev articles
    PYTHONPATH=src python bench/agreement.py emergent                # two judges on 150 Emergent pairs
    PYTHONPATH=src python bench/agreement.py judges --collect /tmp/judge   # copy the judges' labels in first

``polnear``: the articles of ``../shared/data/polnear/{dev,train}`` that several annotators annotated
(one ``.ann`` file each; 2 dev and 16 train articles, 5 or 6 annotators each). Every ordered pair of
annotators is scored, one as gold and the other as prediction, with
  * the reporter scorer's match (``storyline.eval.statements.compare``: shared ``\\w+`` tokens cover half
    of the shorter content, one-to-one, highest Jaccard first): detection P/R/F1; extent right (token
    Dice >= 0.9) among matched; the same source (equal source tokens, or overlapping sources; both
    without a source agree); the same kind (read off the quotation marks, as PolNeAR's kind is);
    and "reproduced fully" (matched, extent, source, kind): the human analogue of "fully right";
  * ``storyline.eval.polnear.score_article``: exact-span P/R/F1 of source, cue and content.
Gold = the first annotator file in sorted order (as ``storyline eval polnear`` and acts.tsv use) against
each other annotator, and all ordered pairs. On dev, ``bench/reporter_gold/polnear_dev/acts.tsv`` gives
the first annotator's acts: the say/write subset scores the first annotator's say/write attributions
against the other annotator's attributions that match one of them (their act is the matched one's);
the other annotator's attributions that match no first-annotator attribution have no act: they are
counted as say/write (``unmatched in``, a lower bound on precision) and left out (an upper bound).

``speech``: the same articles and pairs on say/write only. Every annotator's attributions get an act the
way bench/data/polnear_train_acts.tsv was made (scripts/train_act.py: ``attribution_rows``' features, the
first matching row of bench/data/polnear_act_groups.tsv by ``group_act``), and each side keeps its own
say/write; attributions whose cue lemma no row lists are counted as say/write or left out (both reported),
and the gold's say/write is also scored against everything the other annotator marked (found at all,
whatever its act). storyline's say/write statements are scored against each annotator's say/write (train
articles are storyline's training data: that row flatters it), and the group acts of the first annotator
on all of dev are checked against the hand acts of acts.tsv.

``judges``: ``DIR/{A,B}/stories.jsonl`` (one line per attribution ``{"article","content","content_text",
"speaker","act","kind","stance"}``), each judge alone with the article texts and the guideline of
bench/reporter_gold/README.md. Scored with ``storyline eval statements``'s own code (compare, summarize):
judge vs gold, judge vs judge both ways, and storyline vs gold on the same articles. A predicted speaker
is the judge's first name variant (storyline gives one name too); "any variant" also counts it right
when another of the judge's variants is right. ``DIR/{A,B}/polnear.jsonl``: the same, on 10 articles of the
gold's PolNeAR dev part (``random.Random(18).sample`` of its 83 ids), stored without the words (offsets only).

``emergent``: ``DIR/{A,B}/emergent.jsonl`` (``{"id","label"}``; the judges saw claim and headline only)
against ``relation`` of ``../shared/data/emergent/emergent_train.jsonl``; and, from the data alone, the
pairs with the same claim and the same normalised headline but different gold labels.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import permutations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from storyline.eval import polnear  # noqa: E402
from storyline.eval import statements as st  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
SAVED = ROOT / "bench" / "agreement"
ACTS = ROOT / "bench" / "reporter_gold" / "polnear_dev" / "acts.tsv"


# =========================================================================== PolNeAR

def annotations(directory: Path) -> dict[str, list[polnear.GoldArticle]]:
    """Article -> its annotators' attributions (sorted file-name order, as polnear.read_compartment),
    for the articles with more than one annotator file."""
    files: dict[str, list[Path]] = defaultdict(list)
    for ann in sorted((directory / "attributions").glob("*.ann")):
        files[ann.stem.rpartition("_")[0]].append(ann)
    out = {}
    for article, anns in sorted(files.items()):
        if len(anns) < 2:
            continue
        with (directory / "text" / f"{article}.txt").open(encoding="utf-8", newline="") as handle:
            text = handle.read()
        out[article] = [polnear.GoldArticle(article, text, None, ann.stem.rpartition("_")[2],
                                            polnear.parse_ann(ann.read_text(encoding="utf-8"), text)) for ann in anns]
    return out


@dataclass
class PairTally:
    """Counts of one gold/prediction comparison, summed over pairs and articles."""

    pairs: int = 0
    articles: set = field(default_factory=set)
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    extent: int = 0
    source_same: int = 0
    source_overlap: int = 0
    kind: int = 0
    fully: int = 0  # matched, extent, same source tokens, kind
    fully_overlap: int = 0  # ... overlapping source
    spans: polnear.Scores = field(default_factory=polnear.Scores)

    def add(self, other: "PairTally") -> None:
        for name in ("pairs", "gold", "predicted", "matched", "extent", "source_same", "source_overlap", "kind",
                     "fully", "fully_overlap"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.articles |= other.articles
        for role in polnear.ROLES:
            self.spans.exact[role].add(other.spans.exact[role])
            self.spans.overlap[role].add(other.spans.overlap[role])

    def row(self) -> dict:
        p, r = _div(self.matched, self.predicted), _div(self.matched, self.gold)
        out = {"articles": len(self.articles), "pairs": self.pairs, "gold": self.gold, "predicted": self.predicted,
               "matched": self.matched, "P": p, "R": r, "F1": _f1(p, r),
               "extent_right": _div(self.extent, self.matched), "source_same": _div(self.source_same, self.matched),
               "source_overlap": _div(self.source_overlap, self.matched), "kind": _div(self.kind, self.matched),
               "fully": _div(self.fully, self.gold), "fully_overlap": _div(self.fully_overlap, self.gold)}
        for role in polnear.ROLES:
            out[f"{role}_F1"] = round(self.spans.exact[role].prf()[2], 4)
        return out


def _div(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


# Cues that mark speech or writing whatever their frame: on PolNeAR dev every first-annotator attribution
# with one of them has act say/write in acts.tsv (checked in score_polnear). A proxy for the say/write
# subset on the train articles, which have no acts; it keeps the plainest statements only.
CLEAR_SPEECH_CUES = frozenset({"said", "says", "say", "saying", "has said", "told", "tells", "tell", "wrote",
                               "writes", "write", "according to", "added", "adding", "noted"})


def clear_speech(text: str, attributions: list[polnear.Attribution]) -> list[polnear.Attribution]:
    def cue(a: polnear.Attribution) -> str:
        return " ".join(" ".join(text[s:e].split()) for s, e in sorted(polnear.normalize(text, a.cue))).lower()
    return [a for a in attributions if cue(a) in CLEAR_SPEECH_CUES]


def _with_content(attributions: list[polnear.Attribution]) -> list[polnear.Attribution]:
    return [a for a in attributions if a.content]


def match(text: str, gold: list[polnear.Attribution], predicted: list[polnear.Attribution],
          gold_acts: list[str] | None = None, kinds: list[str] | None = None) -> list[st.Judged]:
    """storyline eval statements' pairing of two annotators' attributions (kind read off the quotes,
    or given: storyline's content leaves the quotation marks out and says its kind)."""
    article = st.GoldArticle("a", "polnear", text, records=[
        st.GoldRecord(str(i), a.content, gold_acts[i] if gold_acts else "say", st.UNLABELLED,
                      polnear.statement_kind(text, a.content)) for i, a in enumerate(gold)])
    predictions = [st.Prediction(str(j), p.content, None, False,
                                 kinds[j] if kinds else polnear.statement_kind(text, p.content), None)
                   for j, p in enumerate(predicted)]
    return st.compare(article, predictions)


def compare_pair(name: str, text: str, gold: list[polnear.Attribution], predicted: list[polnear.Attribution],
                 gold_acts: list[str] | None = None, kinds: list[str] | None = None) -> PairTally:
    tally = PairTally(pairs=1, articles={name})
    # exact spans as storyline eval polnear scores them (every attribution); the match needs a content
    polnear.score_article(text, gold, [{r: p.role(r) for r in polnear.ROLES} for p in predicted], tally.spans)
    if kinds:
        kinds = [k for k, p in zip(kinds, predicted) if p.content]
    gold, predicted = _with_content(gold), _with_content(predicted)
    judged = match(text, gold, predicted, gold_acts, kinds)
    for j in judged:
        if j.gold is None:
            tally.predicted += 1
            continue
        tally.gold += 1
        if j.predicted is None:
            continue
        tally.predicted += 1
        tally.matched += 1
        g, p = gold[int(j.gold.id)].source, predicted[int(j.predicted.id)].source
        same = st.tokens(text, g) == st.tokens(text, p)
        overlap = same or any(s1 < e2 and s2 < e1 for s1, e1 in g for s2, e2 in p)
        tally.extent += bool(j.extent)
        tally.source_same += same
        tally.source_overlap += overlap
        tally.kind += bool(j.kind)
        tally.fully += bool(j.extent and j.kind and same)
        tally.fully_overlap += bool(j.extent and j.kind and overlap)
    return tally


def inherited_acts(text: str, first: list[polnear.Attribution], acts: list[str], other: list[polnear.Attribution]) -> list[str | None]:
    """The act of each of `other`'s attributions: that of the first annotator's attribution it matches."""
    out: list[str | None] = [None] * len(other)
    firsts = [i for i, a in enumerate(first) if a.content]
    others = [i for i, a in enumerate(other) if a.content]
    for j in match(text, [first[i] for i in firsts], [other[i] for i in others]):
        if j.gold is not None and j.predicted is not None:
            out[others[int(j.predicted.id)]] = acts[firsts[int(j.gold.id)]]
    return out


def storyline_vs_annotators(directory: Path, acts: dict) -> dict:
    """storyline's statements scored like one more annotator on dev's multiply annotated articles:
    against each annotator as gold (all attributions), and against the first annotator's say/write."""
    annotated = annotations(directory)
    if not annotated:
        return {}
    import storyline
    from storyline.ingest.document import Document

    documents = [Document(text=a[0].text, id=name, published=None, origin=name) for name, a in annotated.items()]
    every, speech = PairTally(), PairTally()
    for (name, anns), result in zip(annotated.items(), storyline.analyze_documents(documents)):
        text = anns[0].text
        statements = getattr(result, "statements", [])
        theirs = [polnear.Attribution(*(polnear.statement_parts(x)[r] for r in polnear.ROLES)) for x in statements]
        kinds = [x.kind for x in statements]
        for ann in anns:
            every.add(compare_pair(name, text, ann.attributions, theirs, kinds=kinds))
        if acts:
            said = [g for g in anns[0].attributions if acts.get(polnear.act_key(name, g)) in st.SPEECH_ACTS]
            spoken = [i for i, x in enumerate(statements) if x.act in st.SPEECH_ACTS]
            speech.add(compare_pair(name, text, said, [theirs[i] for i in spoken], kinds=[kinds[i] for i in spoken]))
    out = {"storyline vs each annotator (all)": every.row()}
    if acts:
        out["storyline say/write vs first's say/write"] = speech.row()
    return out


def score_polnear(data: Path, acts_path: Path, with_storyline: bool = True) -> dict:
    acts = polnear.read_acts(acts_path) if acts_path.exists() else {}
    result: dict = {}
    pooled = {"first": PairTally(), "all pairs": PairTally(), "clear": PairTally()}
    per_pair: dict[tuple[str, str], PairTally] = defaultdict(PairTally)
    speech = {"unmatched in": PairTally(), "unmatched out": PairTally()}
    for compartment in ("dev", "train"):
        directory = data / compartment
        if not (directory / "attributions").is_dir():
            print(f"{directory}: not found, skipped", file=sys.stderr)
            continue
        first_tally, all_tally, clear_tally = PairTally(), PairTally(), PairTally()
        for name, annotated in annotations(directory).items():
            text = annotated[0].text
            for a, b in permutations(range(len(annotated)), 2):
                t = compare_pair(name, text, annotated[a].attributions, annotated[b].attributions)
                clear_tally.add(compare_pair(name, text, clear_speech(text, annotated[a].attributions),
                                             clear_speech(text, annotated[b].attributions)))
                all_tally.add(t)
                per_pair[tuple(sorted((annotated[a].annotator, annotated[b].annotator)))].add(t)
                if a == 0:
                    first_tally.add(t)
            if compartment == "dev" and acts:
                first = annotated[0].attributions
                gold_acts = [acts.get(polnear.act_key(name, g)) or "?" for g in first]
                said = [g for g, act in zip(first, gold_acts) if act in st.SPEECH_ACTS]
                for other in annotated[1:]:
                    theirs = other.attributions
                    inherited = inherited_acts(text, first, gold_acts, theirs)
                    for mode, keep in (("unmatched in", {"say", "write", None}), ("unmatched out", {"say", "write"})):
                        kept = [p for p, act in zip(theirs, inherited) if act in keep]
                        speech[mode].add(compare_pair(name, text, said, kept))
        result[compartment] = {"first vs others": first_tally.row(), "all ordered pairs": all_tally.row(),
                               "all pairs, clear speech cues": clear_tally.row()}
        pooled["first"].add(first_tally)
        pooled["all pairs"].add(all_tally)
        pooled["clear"].add(clear_tally)
    result["pooled"] = {"first vs others": pooled["first"].row(), "all ordered pairs": pooled["all pairs"].row(),
                        "all pairs, clear speech cues": pooled["clear"].row()}
    if acts and (data / "dev" / "attributions").is_dir():
        clear = [acts.get(polnear.act_key(a.name, g)) for a in polnear.read_compartment(data / "dev")
                 for g in clear_speech(a.text, a.attributions)]
        result["clear speech cues on dev"] = {"attributions": len(clear),
                                              "say/write share": _div(sum(x in st.SPEECH_ACTS for x in clear), len(clear))}
    rows = [t.row() for t in per_pair.values()]
    result["spread over annotator pairs"] = {
        key: [min(r[key] for r in rows), max(r[key] for r in rows)] for key in ("F1", "fully", "content_F1")} if rows else {}
    if acts:
        result["dev say/write (first annotator's acts)"] = {mode: t.row() for mode, t in speech.items()}
    if with_storyline and (data / "dev" / "attributions").is_dir():
        result["dev storyline"] = storyline_vs_annotators(data / "dev", acts)
    return result


def print_polnear(result: dict) -> None:
    head = (f"{'':<34} {'art':>3} {'pairs':>5} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6} {'extent':>6} "
            f"{'src=':>6} {'src~':>6} {'kind':>6} {'fully':>6} {'fully~':>6} {'srcF1':>6} {'cueF1':>6} {'cntF1':>6}")
    print(head)
    for group, rows in result.items():
        if group in ("spread over annotator pairs", "clear speech cues on dev"):
            continue
        for name, r in rows.items():
            print(f"{group + ' ' + name:<34} {r['articles']:>3} {r['pairs']:>5} {r['gold']:>5} {r['predicted']:>5} "
                  f"{r['P']:6.3f} {r['R']:6.3f} {r['F1']:6.3f} {r['extent_right']:6.3f} {r['source_same']:6.3f} "
                  f"{r['source_overlap']:6.3f} {r['kind']:6.3f} {r['fully']:6.3f} {r['fully_overlap']:6.3f} "
                  f"{r['source_F1']:6.3f} {r['cue_F1']:6.3f} {r['content_F1']:6.3f}")
    check = result.get("clear speech cues on dev")
    if check:
        print(f"clear speech cues ({', '.join(sorted(CLEAR_SPEECH_CUES))}): on dev {check['attributions']} first-annotator "
              f"attributions, say/write share {check['say/write share']:.3f} (acts.tsv)")
    spread = result.get("spread over annotator pairs")
    if spread:
        print("min-max over the annotator pairs (both directions pooled): "
              + ", ".join(f"{k} {lo:.3f}-{hi:.3f}" for k, (lo, hi) in spread.items()))
    print("src= same source tokens; src~ overlapping sources; fully = matched, extent, src=, kind (share of gold); "
          "fully~ with src~; srcF1/cueF1/cntF1: storyline eval polnear's exact-span F1")


# =========================================================================== PolNeAR say/write, every annotator's acts

GROUPS = ROOT / "bench" / "data" / "polnear_act_groups.tsv"
# what each side keeps (gold, prediction): the attributions with no group act counted as say/write or left
# out; and the gold's say/write against every attribution of the other (its recall: found at all, whatever the act)
SPEECH_MODES = {"say/write, unlabelled as say/write": ({"say", "write", None}, {"say", "write", None}),
                "say/write, unlabelled left out": ({"say", "write"}, {"say", "write"}),
                "say/write vs all the other marked": ({"say", "write"}, None)}


def group_acts(articles: list[polnear.GoldArticle]) -> list[list[str | None]]:
    """Each article's attributions' acts as bench/data/polnear_train_acts.tsv was made: scripts/train_act.py's
    features (`attribution_rows`) and the first matching row of the group table (`group_act`); None where no
    row lists the cue lemma."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_act  # noqa: PLC0415 (a script, imported only here)

    groups = train_act.read_groups(str(GROUPS))
    return [[train_act.group_act(groups, row) for row in rows] for rows in train_act.attribution_rows(articles)]


def annotator_acts(annotated: dict[str, list[polnear.GoldArticle]]) -> dict[str, list[list[str | None]]]:
    """Article -> each annotator's group acts; every annotator's attributions of an article in one parse."""
    joined = [polnear.GoldArticle(name, anns[0].text, None, "all", [a for ann in anns for a in ann.attributions])
              for name, anns in annotated.items()]
    out = {}
    for (name, anns), acts in zip(annotated.items(), group_acts(joined)):
        ends = [0]
        for ann in anns:
            ends.append(ends[-1] + len(ann.attributions))
        out[name] = [acts[start:end] for start, end in zip(ends, ends[1:])]
    return out


def spoken(attributions: list[polnear.Attribution], acts: list[str | None], keep: set | None) -> list[polnear.Attribution]:
    return [a for a, act in zip(attributions, acts) if keep is None or act in keep]


def score_speech(data: Path, acts_path: Path, with_storyline: bool = True) -> dict:
    """Say/write agreement on the multiply annotated articles, each side kept to say/write by its own
    group acts; storyline's say/write against each annotator's; the group acts against dev's hand acts."""
    annotated = {f"{c}/{name}": anns for c in ("dev", "train") if (data / c / "attributions").is_dir()
                 for name, anns in annotations(data / c).items()}
    acts = annotator_acts(annotated)
    counted = Counter(act for per_annotator in acts.values() for annotator in per_annotator for act in annotator)
    result: dict = {"group acts, every annotator": {str(k): v for k, v in counted.most_common()}}
    pooled = {mode: {"all ordered pairs": PairTally(), "first vs others": PairTally(), "dev": PairTally(),
                     "train": PairTally()} for mode in SPEECH_MODES}
    ordered: dict[str, dict[tuple[str, str], PairTally]] = {mode: defaultdict(PairTally) for mode in SPEECH_MODES}
    for name, anns in annotated.items():
        text = anns[0].text
        for mode, (keep_gold, keep_predicted) in SPEECH_MODES.items():
            for a, b in permutations(range(len(anns)), 2):
                t = compare_pair(name, text, spoken(anns[a].attributions, acts[name][a], keep_gold),
                                 spoken(anns[b].attributions, acts[name][b], keep_predicted))
                for group in ("all ordered pairs", name.partition("/")[0]) + (("first vs others",) if a == 0 else ()):
                    pooled[mode][group].add(t)
                ordered[mode][(anns[a].annotator, anns[b].annotator)].add(t)
    for mode in SPEECH_MODES:
        result[mode] = {group: t.row() for group, t in pooled[mode].items()}
        rows = [t.row() for t in ordered[mode].values()]
        result[mode]["min-max over ordered annotator pairs"] = {
            key: [min(r[key] for r in rows), max(r[key] for r in rows)] for key in ("R", "F1", "fully", "content_F1")} if rows else {}
    if with_storyline and annotated:
        result["storyline say/write vs each annotator"] = storyline_speech(annotated, acts)
    if acts_path.exists() and (data / "dev" / "attributions").is_dir():
        result["group acts vs dev's hand acts (first annotator)"] = check_group_acts(data / "dev", acts_path)
    return result


def storyline_speech(annotated: dict[str, list[polnear.GoldArticle]], acts: dict[str, list[list[str | None]]]) -> dict:
    """storyline's say/write statements (its own act) scored against each annotator's say/write."""
    import storyline
    from storyline.ingest.document import Document

    documents = [Document(text=a[0].text, id=name, published=None, origin=name) for name, a in annotated.items()]
    modes = {mode: keep for mode, (keep, _) in list(SPEECH_MODES.items())[:2]}
    tallies = {f"{mode.partition(', ')[2]}, {c}": PairTally() for mode in modes for c in ("dev", "train")}
    for (name, anns), result in zip(annotated.items(), storyline.analyze_documents(documents)):
        statements = [x for x in getattr(result, "statements", []) if x.act in st.SPEECH_ACTS]
        theirs = [polnear.Attribution(*(polnear.statement_parts(x)[r] for r in polnear.ROLES)) for x in statements]
        for mode, keep in modes.items():
            for ann, ann_acts in zip(anns, acts[name]):
                tallies[f"{mode.partition(', ')[2]}, {name.partition('/')[0]}"].add(
                    compare_pair(name, anns[0].text, spoken(ann.attributions, ann_acts, keep), theirs,
                                 kinds=[x.kind for x in statements]))
    return {group: t.row() for group, t in tallies.items()}


def check_group_acts(directory: Path, acts_path: Path) -> dict:
    """The group table's act of each first-annotator dev attribution against its hand-labelled act."""
    hand = polnear.read_acts(acts_path)
    articles = list(polnear.read_compartment(directory))
    pairs = [(hand.get(polnear.act_key(a.name, g)), grouped)
             for a, acts in zip(articles, group_acts(articles)) for g, grouped in zip(a.attributions, acts)]
    pairs = [(h, g) for h, g in pairs if h is not None]
    labelled = [(h, g) for h, g in pairs if g is not None]
    speech = st.SPEECH_ACTS
    return {"attributions with a hand act": len(pairs), "group act given": len(labelled),
            "same act": _div(sum(h == g for h, g in labelled), len(labelled)),
            "same say/write-or-not": _div(sum((h in speech) == (g in speech) for h, g in labelled), len(labelled)),
            "kappa say/write-or-not": kappa([str(h in speech) for h, _ in labelled], [str(g in speech) for _, g in labelled]),
            "hand say/write given another group act": sum(h in speech and g not in speech for h, g in labelled),
            "group say/write, hand another act": sum(g in speech and h not in speech for h, g in labelled),
            "no group act: hand say/write / other": [sum(h in speech for h, g in pairs if g is None),
                                                     sum(h not in speech for h, g in pairs if g is None)]}


def print_speech(result: dict) -> None:
    print(f"group acts of every annotator's attributions: {result['group acts, every annotator']} (None: no row lists the cue lemma)")
    print(f"{'':<60} {'art':>3} {'pairs':>5} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6} {'extent':>6} "
          f"{'src=':>6} {'src~':>6} {'kind':>6} {'fully':>6} {'fully~':>6} {'cntF1':>6}")
    for group, rows in result.items():
        if not group.startswith(("say/write", "storyline")):
            continue
        for name, r in rows.items():
            if "P" not in r:
                print(f"  {group}, {name}: " + ", ".join(f"{k} {lo:.3f}-{hi:.3f}" for k, (lo, hi) in r.items()))
                continue
            print(f"{group + ', ' + name:<60} {r['articles']:>3} {r['pairs']:>5} {r['gold']:>5} {r['predicted']:>5} "
                  f"{r['P']:6.3f} {r['R']:6.3f} {r['F1']:6.3f} {r['extent_right']:6.3f} {r['source_same']:6.3f} "
                  f"{r['source_overlap']:6.3f} {r['kind']:6.3f} {r['fully']:6.3f} {r['fully_overlap']:6.3f} {r['content_F1']:6.3f}")
    check = result.get("group acts vs dev's hand acts (first annotator)")
    if check:
        print("group acts vs dev's hand acts (first annotator, all dev): " + ", ".join(f"{k} {v}" for k, v in check.items()))


# =========================================================================== judges on the stories

class LabelError(ValueError):
    pass


def _squash(s: str) -> str:
    return re.sub(r"\W+", "", s).lower()


def read_judge(path: Path, articles: dict[str, st.GoldArticle]) -> tuple[dict[str, st.GoldArticle], list[str]]:
    """A judge's stories.jsonl as gold articles (same texts as the reporter gold); notes on repairs."""
    out: dict[str, st.GoldArticle] = {}
    notes = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            gold = articles[raw["article"]]
            content = tuple((int(s), int(e)) for s, e in raw["content"])
            act, kind, stance = raw["act"], raw.get("kind"), raw.get("stance")
            speaker = st._identities(raw.get("speaker"))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
            notes.append(f"{path}:{lineno}: skipped, not a record ({error!r})")
            continue
        text = gold.text
        said = raw.get("content_text") or ""
        if not content or not all(0 <= s < e <= len(text) for s, e in content) or (
                said and _squash("".join(text[s:e] for s, e in content)) != _squash(said)):
            at = text.find(said) if said else -1
            if at >= 0 and text.find(said, at + 1) < 0:
                notes.append(f"{path}:{lineno}: offsets did not give content_text; relocated to its one occurrence")
                content = ((at, at + len(said)),)
            else:
                notes.append(f"{path}:{lineno}: skipped, offsets do not give content_text and it is not found once")
                continue
        article = out.setdefault(gold.id, st.GoldArticle(gold.id, gold.style, text, gold.title, gold.published,
                                                         gold.source, gold.author))
        article.records.append(st.GoldRecord(f"{gold.id}#{lineno}", content, act, speaker, kind, stance))
    return out, notes


def _name(speakers, variant: int = 0) -> str | None:
    if speakers in (None, st.UNLABELLED) or not speakers:
        return None
    return " and ".join(who[min(variant, len(who) - 1)] for who in speakers)


def as_predictions(article: st.GoldArticle, variant: int = 0) -> list[st.Prediction]:
    """An annotation's say/write records as storyline predictions: the speaker is the named identity."""
    out = []
    for r in article.records:
        if r.is_statement:
            name = _name(r.speakers, variant)
            out.append(st.Prediction(r.id, r.content, name, name is not None, r.kind, r.stance))
    return out


def score_against(gold: dict[str, st.GoldArticle], predicted: dict[str, list[st.Prediction]] | None = None,
                  judge: dict[str, st.GoldArticle] | None = None) -> dict:
    """summarize() of predictions (storyline's, or a judge's as predictions) against `gold`, on the
    articles both cover; with a judge, also speaker right when any of its variants counts."""
    ids = sorted(set(gold) & set(predicted if predicted is not None else judge))
    articles = [gold[i] for i in ids]
    if judge is not None:
        predicted = {i: as_predictions(judge[i]) for i in ids}
    judged, _ = st.evaluate(articles, predicted)
    labelled = {a.id for a in articles if a.speakers_labelled}
    result = st.summarize(judged, labelled)
    result["ci95"] = bootstrap(judged, labelled)
    result["errors"] = {k: dict(v.most_common()) for k, v in st.error_patterns(judged).items() if v}
    if judge is not None:
        # a judge's name variants: the speaker is right if one of them is (storyline names one entity)
        right = 0
        by_article = defaultdict(list)
        for j in judged:
            if j.gold is not None and j.predicted is not None and j.speaker != "unlabelled":
                by_article[j.article].append(j)
        for i in ids:
            records = {r.id: r for r in judge[i].records}
            for j in by_article[i]:
                speakers = records[j.predicted.id].speakers
                width = max((len(w) for w in speakers), default=1) if speakers not in (None, st.UNLABELLED) else 1
                right += any(st.judge_speaker(st.as_written(j.gold.speakers, gold[i].text),
                                              st.Prediction("", (), _name(speakers, v), speakers is not None, None, None)) == "right"
                             for v in range(width))
        result["speaker_accuracy_any_variant"] = _div(right, result["speaker_judged"])
    return result


def bootstrap(judged: list[st.Judged], labelled: set[str], rounds: int = 1000) -> dict:
    """95% intervals of P, R, speaker right and fully right, resampling whole articles (seeded)."""
    import random

    by_article: dict[str, list[st.Judged]] = defaultdict(list)
    for j in judged:
        by_article[j.article].append(j)
    ids = sorted(by_article)
    rng = random.Random(42)
    keys = ("precision", "recall", "speaker_accuracy", "fully_right_share")
    samples: dict[str, list[float]] = {k: [] for k in keys}
    for _ in range(rounds):
        drawn = [j for _ in ids for j in by_article[rng.choice(ids)]]
        s = st.summarize(drawn, labelled)
        for k in keys:
            samples[k].append(s[k])
    return {k: [sorted(v)[int(0.025 * rounds)], sorted(v)[int(0.975 * rounds) - 1]] for k, v in samples.items()}


def storyline_predictions(articles: list[st.GoldArticle]) -> dict[str, list[st.Prediction] | str]:
    return st.analyse(articles)


def score_judges(directory: Path, gold_all: dict[str, st.GoldArticle], filename: str = "stories.jsonl",
                 with_storyline: bool = True) -> tuple[dict, list[str]]:
    """Two judges' labels (`DIR/{A,B}/<filename>`) against the gold articles they cover and each other."""
    judges, notes = {}, []
    for name in ("A", "B"):
        path = directory / name / filename
        if path.exists():
            judges[name], found = read_judge(path, gold_all)
            notes += found
        else:
            notes.append(f"{path}: not there")
    covered = sorted(set().union(*(set(j) for j in judges.values()))) if judges else []
    result: dict = {}
    for name, judge in judges.items():
        notes.append(f"judge {name} covers {len(judge)} articles: {', '.join(sorted(judge))}")
        result[f"judge {name} vs gold"] = score_against(gold_all, judge=judge)
    if len(judges) == 2:
        a, b = judges["A"], judges["B"]
        result["judge A vs judge B (B as gold)"] = score_against(b, judge=a)
        result["judge B vs judge A (A as gold)"] = score_against(a, judge=b)
    if with_storyline and covered:
        gold = {i: gold_all[i] for i in covered}
        result["storyline vs gold"] = score_against(gold, storyline_predictions(list(gold.values())))
        both = sorted(set(judges.get("A", {})) & set(judges.get("B", {})))
        if both and both != covered:
            result["storyline vs gold (articles both judges cover)"] = score_against({i: gold_all[i] for i in both},
                                                                                     storyline_predictions([gold_all[i] for i in both]))
    if covered:
        gold = {i: gold_all[i] for i in covered}
        result["gold vs gold (check: 1.0)"] = score_against(gold, judge=gold)
    return result, notes


def print_judges(result: dict) -> None:
    print(f"{'':<46} {'art':>3} {'gold':>4} {'pred':>4} {'P':>6} {'R':>6} {'spkr':>6} {'len':>6} {'anyvar':>6} "
          f"{'extent':>6} {'kind':>6} {'stance':>6} {'fully':>6}")
    for name, s in result.items():
        def f(v):
            return "     -" if v is None else f"{v:6.3f}"
        print(f"{name:<46} {s['articles']:>3} {s['gold_statements']:>4} {s['predicted']:>4} {f(s['precision'])} {f(s['recall'])} "
              f"{f(s['speaker_accuracy'])} {f(s['speaker_accuracy_lenient'])} {f(s.get('speaker_accuracy_any_variant'))} "
              f"{f(s['extent_right'])} {f(s['kind_right'])} {f(s['stance_right'])} {f(s['fully_right_share'])} "
              f"({s['fully_right']}/{s['fully_right_of']})")
    print("spkr: speaker right (storyline eval statements' rule); len: lenient; anyvar: a judge's other name variants "
          "also tried; fully: fully right share of predictions")
    print("95% intervals, resampling articles (P, R, speaker, fully):")
    for name, s in result.items():
        print(f"  {name:<44} " + "  ".join(f"{lo:.3f}-{hi:.3f}" for lo, hi in s["ci95"].values()))
    for name, s in result.items():
        if s["errors"]:
            print(f"errors, {name}: " + "; ".join(f"{group} ({sum(c.values())}): " + ", ".join(f"{k} {v}" for k, v in list(c.items())[:6])
                                                for group, c in s["errors"].items()))


# =========================================================================== Emergent

_EMERGENT_LABELS = {"agree": "agree", "for": "agree", "disagree": "disagree", "against": "disagree",
                    "discuss": "discuss", "observing": "discuss"}


def read_labels(path: Path) -> tuple[dict[str, str], list[str]]:
    labels, notes = {}, []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            labels[str(raw["id"])] = _EMERGENT_LABELS[str(raw["label"]).strip().lower()]
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            notes.append(f"{path}:{lineno}: skipped ({error!r})")
    return labels, notes


def kappa(a: list[str], b: list[str]) -> float:
    n = len(a)
    if not n:
        return 0.0
    observed = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb[k] for k in ca) / (n * n)
    return round((observed - expected) / (1 - expected), 4) if expected < 1 else 1.0


def wilson(k: int, n: int, z: float = 1.96) -> list[float]:
    """The Wilson 95% interval of a proportion k/n."""
    if not n:
        return [0.0, 0.0]
    p = k / n
    centre, half = p + z * z / (2 * n), z * ((p * (1 - p) + z * z / (4 * n)) / n) ** 0.5
    return [round((centre - half) / (1 + z * z / n), 4), round((centre + half) / (1 + z * z / n), 4)]


def _headline(s: str) -> str:
    return " ".join(re.findall(r"\w+", s.lower()))


def model_cv_labels(data: Path, target: Path) -> None:
    """The shipped relation head's out-of-fold labels of every Emergent pair, from the nested
    claim-disjoint cross-validation of scripts/train_relation_head.py (the 0.764), as ids and labels."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_relation_head as head  # noqa: PLC0415 (a script, imported only here)

    caught = {}
    nested = head.nested_cross_validation

    def keep(*args, **kwargs):
        caught["pred"], chosen = nested(*args, **kwargs)
        return caught["pred"], chosen

    head.nested_cross_validation = keep
    head.main(["--emergent", str(data.parent), "--no-save"])
    rows = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = [json.dumps({"id": str(r["id"]), "label": head.LABELS[int(k)]}) for r, k in zip(rows, caught["pred"])]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")


def score_emergent(directory: Path, data: Path) -> tuple[dict, list[str]]:
    rows = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold = {str(r["id"]): r["relation"] for r in rows}
    judges, notes = {}, []
    for name in ("A", "B"):
        path = directory / name / "emergent.jsonl"
        if path.exists():
            judges[name], found = read_labels(path)
            notes += found
            unknown = [i for i in judges[name] if i not in gold]
            if unknown:
                notes.append(f"{path}: {len(unknown)} ids not in the data, left out")
                judges[name] = {i: v for i, v in judges[name].items() if i in gold}
        else:
            notes.append(f"{path}: not there")
    result: dict = {}
    for name, labels in judges.items():
        ids = sorted(labels)
        right = sum(labels[i] == gold[i] for i in ids)
        confusion = Counter((gold[i], labels[i]) for i in ids)
        result[f"judge {name} vs gold"] = {"pairs": len(ids), "accuracy": _div(right, len(ids)),
                                           "ci95": wilson(right, len(ids)),
                                           "kappa": kappa([gold[i] for i in ids], [labels[i] for i in ids]),
                                           "confusion (gold>judge)": {f"{g}>{p}": n for (g, p), n in sorted(confusion.items())}}
    if len(judges) == 2:
        a, b = judges["A"], judges["B"]
        ids = sorted(set(a) & set(b))
        same = [i for i in ids if a[i] == b[i]]
        result["judge A vs judge B"] = {"pairs": len(ids), "agreement": _div(len(same), len(ids)),
                                        "kappa": kappa([a[i] for i in ids], [b[i] for i in ids])}
        result["where both judges agree"] = {"pairs": len(same), "accuracy vs gold": _div(sum(a[i] == gold[i] for i in same), len(same))}
        result["majority of gold, A, B"] = {"gold agrees with at least one judge": _div(sum(gold[i] in (a[i], b[i]) for i in ids), len(ids))}
    model = directory / "model_cv.jsonl"
    if model.exists() and judges:
        labels, _ = read_labels(model)
        ids = sorted(set().union(*judges.values()))
        result["model (nested CV, out of fold) vs gold"] = {
            "pairs": len(ids), "accuracy": _div(sum(labels[i] == gold[i] for i in ids), len(ids)),
            "ci95": wilson(sum(labels[i] == gold[i] for i in ids), len(ids)),
            "all pairs": _div(sum(labels[i] == gold[i] for i in labels), len(labels)),
            "kappa": kappa([gold[i] for i in ids], [labels[i] for i in ids])}
        for name, theirs in judges.items():
            both = [i for i in ids if i in theirs]
            result["model (nested CV, out of fold) vs gold"][f"judge {name} right, model wrong / model right, judge wrong"] = (
                f"{sum(theirs[i] == gold[i] != labels[i] for i in both)} / {sum(labels[i] == gold[i] != theirs[i] for i in both)}")
    if judges:
        ids = sorted(set().union(*judges.values()))
        result["gold labels"] = {"sample": dict(sorted(Counter(gold[i] for i in ids).items())),
                                 "all data": dict(sorted(Counter(gold.values()).items()))}
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in rows:
        groups[(r["claim_id"], _headline(r["text"]))].append(r["relation"])
    repeated = [g for g in groups.values() if len(g) > 1]
    conflicting = [g for g in repeated if len(set(g)) > 1]
    best = sum(Counter(g).most_common(1)[0][1] for g in groups.values())
    result["label consistency (same claim, same normalised headline)"] = {
        "pairs": len(rows), "groups of repeats": len(repeated), "pairs in them": sum(map(len, repeated)),
        "groups with different labels": len(conflicting), "pairs in those": sum(map(len, conflicting)),
        "pairs no text-only model can get right": len(rows) - best,
        "accuracy bound": _div(best, len(rows))}
    return result, notes


# =========================================================================== running

def collect(source: Path) -> list[str]:
    """Copy the judges' labels into bench/agreement: stories.jsonl whole (our fictional text), Emergent
    ids and labels only (no Emergent text goes into the repository), the PolNeAR part without its words."""
    done = []
    for name in ("A", "B"):
        target = SAVED / name
        target.mkdir(parents=True, exist_ok=True)
        stories = source / name / "stories.jsonl"
        if stories.exists():
            shutil.copyfile(stories, target / "stories.jsonl")
            done.append(str(target / "stories.jsonl"))
        polnear_part = source / name / "polnear.jsonl"
        if polnear_part.exists():  # PolNeAR's text stays out of the repository: offsets and labels only
            lines = [json.dumps({k: v for k, v in json.loads(line).items() if k != "content_text"})
                     for line in polnear_part.read_text(encoding="utf-8").splitlines() if line.strip()]
            (target / "polnear.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
            done.append(str(target / "polnear.jsonl"))
        emergent = source / name / "emergent.jsonl"
        if emergent.exists():
            lines = []
            for line in emergent.read_text(encoding="utf-8").splitlines():
                try:
                    raw = json.loads(line)
                    lines.append(json.dumps({"id": str(raw["id"]), "label": raw["label"]}))
                except (json.JSONDecodeError, KeyError, TypeError):
                    continue
            (target / "emergent.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
            done.append(str(target / "emergent.jsonl"))
    return done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=("polnear", "speech", "judges", "emergent", "all", "emergent-model"),
                        help="emergent-model: write bench/agreement/model_cv.jsonl (the relation head's nested CV, ~8 min)")
    parser.add_argument("--judges", type=Path, default=SAVED, help="the judges' directory (default bench/agreement)")
    parser.add_argument("--collect", type=Path, metavar="DIR", help="first copy the judges' labels from DIR into bench/agreement")
    parser.add_argument("--polnear", type=Path, default=SHARED / "polnear")
    parser.add_argument("--emergent", type=Path, default=SHARED / "emergent" / "emergent_train.jsonl")
    parser.add_argument("--gold", type=Path, default=ROOT / "bench" / "reporter_gold")
    parser.add_argument("--no-storyline", action="store_true", help="score the humans only, without analysing the articles with storyline")
    parser.add_argument("--json", type=Path, help="also write the numbers as JSON")
    args = parser.parse_args(argv)
    if args.collect:
        for path in collect(args.collect):
            print(f"copied {path}")
    out: dict = {}
    if args.what == "emergent-model":
        model_cv_labels(args.emergent, SAVED / "model_cv.jsonl")
        return 0
    if args.what in ("polnear", "all"):
        out["polnear"] = score_polnear(args.polnear, ACTS, not args.no_storyline)
        print("== PolNeAR: one annotator as gold, another as prediction")
        print_polnear(out["polnear"])
    if args.what in ("speech", "all"):
        out["speech"] = score_speech(args.polnear, ACTS, not args.no_storyline)
        print("\n== PolNeAR say/write: each annotator's attributions kept to say/write by its own group acts")
        print_speech(out["speech"])
    if args.what in ("judges", "all"):
        parts = {"stories": ("stories.jsonl", lambda: st.read_stories(args.gold))}
        texts = args.polnear / "dev"
        if (texts / "text").is_dir():
            parts["PolNeAR dev part"] = ("polnear.jsonl", lambda: st.read_polnear(args.gold, texts))
        for part, (filename, read) in parts.items():
            key = "judges" if part == "stories" else "judges, " + part
            out[key], notes = score_judges(args.judges, {a.id: a for a in read()}, filename, not args.no_storyline)
            print(f"\n== Reporter gold, {part}: judges (storyline eval statements' scorer)")
            for note in notes:
                print(f"note: {note}")
            print_judges(out[key])
    if args.what in ("emergent", "all"):
        out["emergent"], notes = score_emergent(args.judges, args.emergent)
        print("\n== Emergent: judges on claim + headline")
        for note in notes:
            print(f"note: {note}")
        for name, values in out["emergent"].items():
            print(f"{name}: " + ", ".join(f"{k} {v}" for k, v in values.items()))
    if args.json:
        args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
