"""Experiment: a MiniLM-L6 cross-encoder for the relation model's short texts (claim against a headline).

    OMP_NUM_THREADS=1 PYTHONPATH=src nice python scripts/train_relation_cross.py --emergent ../shared/data/emergent

The pair is encoded together, "[CLS] claim [SEP] text [SEP]" (the text's pieces with token type 1). The
package's layers 1-5 stay frozen: their states are computed once per pair (cached under build/). The last
layer is fine-tuned with a softmax head over its [CLS] state, in NumPy with hand-written backprop. Only the
[CLS] state of layer 6 is read, so the layer's query, attention output and feed-forward run for that one
position; its keys and values for every piece. Adam, dropout, mini-batches.

Scored as scripts/train_relation_head.py scores the LR head: 5 outer folds split by claim (seed 7, the
folds of scripts/train_relation.py); in each, the number of epochs (and, with --stack, the weight of the LR
head's probabilities) is chosen by a 4-fold cross-validation over the other folds' claims alone, and a model
trained on those four folds with that choice reads the held-out fold. `--check` checks the gradients
numerically on a tiny case and exits. `--frozen-mean`: the head also reads the mean of the
package's own layer-6 states over the pair (the frozen sentence vector).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from storyline.nlp import minilm  # noqa: E402
from train_relation import LABELS, load_emergent, per_class_f1  # noqa: E402

MAX_PIECES = 128  # claim and headline together; Emergent's longest pair has fewer
GELU_C = 0.7978845608


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--emergent", default=str(ROOT.parent / "shared" / "data" / "emergent"))
    p.add_argument("--cache", default=str(ROOT / "build" / "relation_cross"))
    p.add_argument("--epochs", type=int, default=6, help="the most epochs the inner cross-validation may choose")
    p.add_argument("--lr", type=float, default=1e-4, help="the fine-tuned layer's learning rate")
    p.add_argument("--head-lr", type=float, default=2e-3)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--dropout", type=float, default=0.1)
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--stack", action="store_true", help="mix in the LR head's probabilities (its share chosen in the inner folds)")
    p.add_argument("--fixed-epochs", type=int, default=None,
                   help="no inner cross-validation: train this many epochs (of --epochs' schedule) and mix in the LR head "
                        "with --fixed-share (a recipe fixed before reading any outer fold; cheaper)")
    p.add_argument("--fixed-share", type=float, default=0.5,
                   help="with --fixed-epochs: the LR head's share; negative: chosen by the inner cross-validation")
    p.add_argument("--lr-c", type=float, nargs="*", default=None,
                   help="the LR head's C per outer fold (the nested choice train_relation_head.py made; else chosen here)")
    p.add_argument("--only", type=int, nargs="*", help="run these outer folds only (results under CACHE/folds/)")
    p.add_argument("--combine", action="store_true", help="score the outer folds' saved results")
    p.add_argument("--check", action="store_true", help="check the gradients numerically and exit")
    p.add_argument("--frozen-mean", action="store_true", help="the head also reads the frozen layer 6's mean state")
    return p.parse_args(argv)


# ---------------------------------------------------------------- encoding (frozen part)

def pair_pieces(wordpiece: minilm.WordPiece, claim: str, text: str) -> tuple[list[int], list[int]]:
    """Piece ids of "[CLS] claim [SEP] text [SEP]" and their token types (0 claim, 1 text), cut to MAX_PIECES."""
    def pieces(s: str) -> list[int]:
        return [p for w in s.split() for p in wordpiece(w)]
    a, b = pieces(claim), pieces(text)
    room = MAX_PIECES - 3
    while len(a) + len(b) > room:  # trim the longer side
        if len(a) > len(b):
            a = a[:-1]
        else:
            b = b[:-1]
    ids = [wordpiece.cls, *a, wordpiece.sep, *b, wordpiece.sep]
    return ids, [0] * (len(a) + 2) + [1] * (len(b) + 1)


def _layer(x: np.ndarray, layer: tuple, heads: int) -> np.ndarray:
    qkv, qkv_b, wo, bo, n1w, n1b, wi, bi, wo2, bo2, n2w, n2b = layer
    n, width = x.shape
    d = width // heads
    q, k, v = np.split(x @ qkv + qkv_b, 3, axis=-1)
    q = q.reshape(n, heads, d).transpose(1, 0, 2)
    k = k.reshape(n, heads, d).transpose(1, 2, 0)
    v = v.reshape(n, heads, d).transpose(1, 0, 2)
    scores = (q @ k) / np.sqrt(d)
    scores = np.exp(scores - scores.max(-1, keepdims=True))
    scores /= scores.sum(-1, keepdims=True)
    context = (scores @ v).transpose(1, 0, 2).reshape(n, width)
    x = minilm._layer_norm(context @ wo + bo + x, n1w, n1b)
    return minilm._layer_norm(minilm._gelu(x @ wi + bi) @ wo2 + bo2 + x, n2w, n2b)


class FrozenEncoder:
    """MiniLM-L6's embeddings (with token types) and its first `frozen` layers."""

    def __init__(self, frozen: int = 5) -> None:
        self.encoder = minilm.default_encoder()
        weights = minilm.read_safetensors(minilm.model_dir() / "model.safetensors")
        self.types = np.asarray(weights["embeddings.token_type_embeddings.weight"], np.float32)
        self.frozen = frozen

    def states(self, ids: list[int], types: list[int], upto: int | None = None) -> np.ndarray:
        e = self.encoder
        x = e.words[ids] + e.positions[: len(ids)] + self.types[types]
        x = minilm._layer_norm(x, *e.emb_norm)
        for layer in e.layers[: upto or self.frozen]:
            x = _layer(x, layer, e.heads)
        return x.astype(np.float32)


def last_layer_params(frozen: FrozenEncoder) -> dict[str, np.ndarray]:
    """The package's layer 6 as the fine-tuned part starts from (float64 copies)."""
    qkv, qkv_b, wo, bo, n1w, n1b, wi, bi, wo2, bo2, n2w, n2b = frozen.encoder.layers[frozen.frozen]
    names = ("qkv", "qkv_b", "wo", "bo", "n1w", "n1b", "wi", "bi", "wo2", "bo2", "n2w", "n2b")
    return {n: np.array(v, np.float64) for n, v in zip(names, (qkv, qkv_b, wo, bo, n1w, n1b, wi, bi, wo2, bo2, n2w, n2b))}


# ---------------------------------------------------------------- the fine-tuned layer + head

def _ln_forward(x, g, b):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    inv = 1.0 / np.sqrt(var + 1e-12)
    xhat = (x - mu) * inv
    return xhat * g + b, (xhat, inv)


def _ln_backward(dy, cache, g):
    xhat, inv = cache
    dxhat = dy * g
    dx = inv * (dxhat - dxhat.mean(-1, keepdims=True) - xhat * (dxhat * xhat).mean(-1, keepdims=True))
    return dx, (dy * xhat).sum(0), dy.sum(0)


def _gelu_forward(u):
    t = np.tanh(GELU_C * (u + 0.044715 * u**3))
    return 0.5 * u * (1.0 + t), t


def _gelu_backward(du_out, u, t):
    return du_out * (0.5 * (1.0 + t) + 0.5 * u * (1.0 - t * t) * GELU_C * (1.0 + 3 * 0.044715 * u * u))


def forward(params: dict[str, np.ndarray], x: np.ndarray, mask: np.ndarray, extra: np.ndarray | None = None,
            heads: int = 12, dropout: float = 0.0, rng: np.random.Generator | None = None):
    """Logits (B x 3) from layer-5 states `x` (B x L x 384, padded; `mask` 1 on real pieces) through layer 6's
    [CLS] position and the head, which also reads `extra` (B x E, frozen features, or None); the cache
    backward() reads."""
    B, L, W = x.shape
    d = W // heads
    dt = params["qkv"].dtype
    x = x.astype(dt)
    wq, wk, wv = params["qkv"][:, :W], params["qkv"][:, W : 2 * W], params["qkv"][:, 2 * W :]
    bq, bk, bv = params["qkv_b"][:W], params["qkv_b"][W : 2 * W], params["qkv_b"][2 * W :]
    x0 = x[:, 0]
    q = (x0 @ wq + bq).reshape(B, heads, d)
    k = (x @ wk + bk).reshape(B, L, heads, d)
    v = (x @ wv + bv).reshape(B, L, heads, d)
    s = np.einsum("bhd,blhd->bhl", q, k) / np.sqrt(d) + ((1.0 - mask) * -1e4)[:, None, :]
    a = np.exp(s - s.max(-1, keepdims=True))
    a /= a.sum(-1, keepdims=True)
    ctx = np.einsum("bhl,blhd->bhd", a, v).reshape(B, W)

    def drop(shape):
        if not dropout or rng is None:
            return None
        return (rng.random(shape) >= dropout) / (1.0 - dropout)

    if extra is not None:
        W_head = W + extra.shape[1]
    else:
        W_head = W
    m1, m2, m3 = drop((B, W)), drop((B, W)), drop((B, W_head))
    o = ctx @ params["wo"] + params["bo"]
    if m1 is not None:
        o = o * m1
    y1, ln1 = _ln_forward(o + x0, params["n1w"], params["n1b"])
    u = y1 @ params["wi"] + params["bi"]
    gu, t = _gelu_forward(u)
    f = gu @ params["wo2"] + params["bo2"]
    if m2 is not None:
        f = f * m2
    y2, ln2 = _ln_forward(f + y1, params["n2w"], params["n2b"])
    h = y2 if extra is None else np.concatenate([y2, extra.astype(dt)], axis=1)
    h = h * m3 if m3 is not None else h
    logits = h @ params["head_w"] + params["head_b"]
    cache = (x, mask, q, k, v, a, ctx, m1, m2, m3, y1, ln1, u, gu, t, y2, ln2, h, heads)
    return logits, cache


def backward(params: dict[str, np.ndarray], cache, dlogits: np.ndarray) -> dict[str, np.ndarray]:
    """Gradients of every parameter given d(loss)/d(logits)."""
    x, mask, q, k, v, a, ctx, m1, m2, m3, y1, ln1, u, gu, t, y2, ln2, h, heads = cache
    B, L, W = x.shape
    d = W // heads
    g: dict[str, np.ndarray] = {}
    g["head_w"] = h.T @ dlogits
    g["head_b"] = dlogits.sum(0)
    dh = dlogits @ params["head_w"].T
    dh = dh * m3 if m3 is not None else dh
    dy2 = dh[:, :W]
    dr2, g["n2w"], g["n2b"] = _ln_backward(dy2, ln2, params["n2w"])
    df = dr2 * m2 if m2 is not None else dr2
    g["wo2"] = gu.T @ df
    g["bo2"] = df.sum(0)
    du = _gelu_backward(df @ params["wo2"].T, u, t)
    g["wi"] = y1.T @ du
    g["bi"] = du.sum(0)
    dy1 = du @ params["wi"].T + dr2
    dr1, g["n1w"], g["n1b"] = _ln_backward(dy1, ln1, params["n1w"])
    do = dr1 * m1 if m1 is not None else dr1
    g["wo"] = ctx.T @ do
    g["bo"] = do.sum(0)
    dctx = (do @ params["wo"].T).reshape(B, heads, d)
    da = np.einsum("bhd,blhd->bhl", dctx, v)
    dv = np.einsum("bhl,bhd->blhd", a, dctx)
    ds = a * (da - (da * a).sum(-1, keepdims=True)) / np.sqrt(d)
    dq = np.einsum("bhl,blhd->bhd", ds, k).reshape(B, W)
    dk = np.einsum("bhl,bhd->blhd", ds, q)
    flat = x.reshape(B * L, W)
    x0 = x[:, 0]
    g["qkv"] = np.concatenate([x0.T @ dq, flat.T @ dk.reshape(B * L, W), flat.T @ dv.reshape(B * L, W)], axis=1)
    g["qkv_b"] = np.concatenate([dq.sum(0), dk.reshape(B * L, W).sum(0), dv.reshape(B * L, W).sum(0)])
    return g


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(1, keepdims=True)


def init_params(layer: dict[str, np.ndarray], rng: np.random.Generator, dtype=np.float32, extra: int = 0) -> dict[str, np.ndarray]:
    p = {k: v.astype(dtype) for k, v in layer.items()}
    p["head_w"] = (rng.standard_normal((layer["n2w"].shape[0] + extra, len(LABELS) - 1)) * 0.02).astype(dtype)
    p["head_b"] = np.zeros(len(LABELS) - 1, dtype)
    return p


def batch_of(states: list[np.ndarray], rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    L = max(states[r].shape[0] for r in rows)
    x = np.zeros((len(rows), L, states[rows[0]].shape[1]), np.float32)
    mask = np.zeros((len(rows), L), np.float32)
    for i, r in enumerate(rows):
        n = states[r].shape[0]
        x[i, :n], mask[i, :n] = states[r], 1.0
    return x, mask


def predict(params, states: list[np.ndarray], rows: np.ndarray, extra: np.ndarray | None = None, batch: int = 64, heads: int = 12) -> np.ndarray:
    order = rows[np.argsort([states[r].shape[0] for r in rows])]  # similar lengths pad less
    out = np.zeros((len(rows), len(LABELS) - 1))
    where = {r: i for i, r in enumerate(rows)}
    for s in range(0, len(order), batch):
        chunk = order[s : s + batch]
        logits, _ = forward(params, *batch_of(states, chunk), None if extra is None else extra[chunk], heads=heads)
        out[[where[r] for r in chunk]] = softmax(logits)
    return out


def train(layer, states, y, rows, epochs, args, seed, read=(), extra: np.ndarray | None = None, stop: int | None = None,
          heads: int = 12):
    """Fine-tune from the package's layer on `rows` (the learning rate decays to zero over `epochs`; stops
    after `stop` of them); after each epoch, the probabilities of every row set in `read`. Returns
    [epoch][read set] -> probabilities, and the final parameters."""
    rng = np.random.default_rng(seed)
    params = init_params(layer, rng, extra=0 if extra is None else extra.shape[1])
    m = {k: np.zeros_like(v) for k, v in params.items()}
    s2 = {k: np.zeros_like(v) for k, v in params.items()}
    steps_total = epochs * ((len(rows) + args.batch - 1) // args.batch)
    step = 0
    history = []
    for _ in range(stop or epochs):
        order = rng.permutation(rows)
        for b in range(0, len(order), args.batch):
            chunk = order[b : b + args.batch]
            x, mask = batch_of(states, chunk)
            logits, cache = forward(params, x, mask, None if extra is None else extra[chunk], heads=heads, dropout=args.dropout, rng=rng)
            dlogits = (softmax(logits) - np.eye(len(LABELS) - 1)[y[chunk]]) / len(chunk)
            grads = backward(params, cache, dlogits)
            step += 1
            decay = 1.0 - (step - 1) / steps_total  # linear decay to zero
            for kname, gr in grads.items():
                lr = (args.head_lr if kname.startswith("head") else args.lr) * decay
                m[kname] = 0.9 * m[kname] + 0.1 * gr
                s2[kname] = 0.999 * s2[kname] + 0.001 * gr * gr
                params[kname] -= (lr * (m[kname] / (1 - 0.9**step)) / (np.sqrt(s2[kname] / (1 - 0.999**step)) + 1e-8)).astype(params[kname].dtype)
        history.append([predict(params, states, r, extra, heads=heads) for r in read])
    return history, params


# ---------------------------------------------------------------- checks and scoring

def gradient_check(seed: int = 0) -> float:
    """The largest relative difference between backward()'s gradients and central differences, on a tiny
    random layer in float64 (dropout on, with fixed masks)."""
    rng = np.random.default_rng(seed)
    W, heads, B, L = 8, 2, 3, 5
    layer = {"qkv": rng.standard_normal((W, 3 * W)) * 0.5, "qkv_b": rng.standard_normal(3 * W) * 0.1,
             "wo": rng.standard_normal((W, W)) * 0.5, "bo": rng.standard_normal(W) * 0.1,
             "n1w": 1 + rng.standard_normal(W) * 0.1, "n1b": rng.standard_normal(W) * 0.1,
             "wi": rng.standard_normal((W, 4 * W)) * 0.5, "bi": rng.standard_normal(4 * W) * 0.1,
             "wo2": rng.standard_normal((4 * W, W)) * 0.5, "bo2": rng.standard_normal(W) * 0.1,
             "n2w": 1 + rng.standard_normal(W) * 0.1, "n2b": rng.standard_normal(W) * 0.1}
    params = init_params(layer, rng, np.float64, extra=2)
    params["head_w"] = rng.standard_normal(params["head_w"].shape)
    x = rng.standard_normal((B, L, W))
    extra = rng.standard_normal((B, 2))
    mask = np.ones((B, L))
    mask[0, 3:] = 0
    mask[2, 4:] = 0
    y = np.array([0, 2, 1])

    def loss(p):
        logits, cache = forward(p, x, mask, extra, heads=heads, dropout=0.3, rng=np.random.default_rng(5))
        prob = softmax(logits)
        return -np.log(prob[np.arange(B), y]).sum(), prob, cache

    _, prob, cache = loss(params)
    grads = backward(params, cache, prob - np.eye(3)[y])
    worst = 0.0
    for name, value in params.items():
        for idx in list(np.ndindex(value.shape))[:: max(1, value.size // 25)]:
            old = value[idx]
            value[idx] = old + 1e-6
            up = loss(params)[0]
            value[idx] = old - 1e-6
            down = loss(params)[0]
            value[idx] = old
            num = (up - down) / 2e-6
            # relative, with a floor: a key's bias has no gradient (softmax ignores a constant) and its
            # central difference is rounding noise of about 1e-9
            worst = max(worst, abs(num - grads[name][idx]) / max(1e-3, abs(num) + abs(grads[name][idx])))
    return worst


def fold_labels(emergent, folds: int, seed: int) -> np.ndarray:
    claims = sorted({cid for *_, cid in emergent})
    rng = np.random.default_rng(seed)  # as scripts/train_relation.py draws its folds
    fold_of_claim = {cid: i % folds for i, cid in enumerate(rng.permutation(claims))}
    return np.array([fold_of_claim[cid] for *_, cid in emergent])


def cached_states(emergent, cache_dir: Path, frozen: FrozenEncoder, upto: int) -> list[np.ndarray]:
    path = cache_dir / f"layer{upto}_states.npz"
    if path.exists():
        with np.load(path) as saved:
            flat, lengths = saved["states"], saved["lengths"]
        return np.split(flat.astype(np.float32), np.cumsum(lengths)[:-1])
    wordpiece = minilm.wordpiece()
    started = time.time()
    out = []
    for i, (claim, text, _, _) in enumerate(emergent):
        out.append(frozen.states(*pair_pieces(wordpiece, claim, text), upto=upto))
        if i % 500 == 0:
            print(f"  encoded {i} pairs ({time.time() - started:.0f}s)", flush=True)
    cache_dir.mkdir(parents=True, exist_ok=True)
    np.savez(path, states=np.concatenate(out).astype(np.float16), lengths=np.array([len(s) for s in out]))
    return out


def frozen_means(states: list[np.ndarray], frozen: FrozenEncoder) -> np.ndarray:
    """Per pair, the mean over its pieces of the package's (unchanged) layer-6 states: the sentence
    vector all-MiniLM-L6-v2 was trained to give, here of the pair encoded together."""
    layer = frozen.encoder.layers[frozen.frozen]
    return np.stack([_layer(s, layer, frozen.encoder.heads).mean(0) for s in states]).astype(np.float32)


class LRHead:
    """The shipped short-text head's inputs for every Emergent pair, and its fit (scripts/train_relation_head.py)."""

    def __init__(self, emergent, cache_dir: Path) -> None:
        from storyline.link import relation as rel
        path = cache_dir / "lr_inputs.npz"
        if not path.exists():
            import train_relation_head as head
            vocab = json.loads((ROOT / "src" / "storyline" / "models" / "relation" / "vocab.json").read_text(encoding="utf-8"))
            featurizer = rel.Featurizer(dict(zip(vocab["idf_words"], vocab["idf"])), vocab["bag"], head.word_vectors(vocab["idf_words"]))
            views: dict[str, rel.TextView] = {}
            for text in {t for c, h, _, _ in emergent for t in (c, h)}:
                views[text] = featurizer.view(text, short=True)
            pairs = [(views[c], views[h]) for c, h, _, _ in emergent]
            dense = np.stack([featurizer.dense(c, h) for c, h in pairs])
            extra, bags, meanings = rel.head_inputs(featurizer, pairs)
            cache_dir.mkdir(parents=True, exist_ok=True)
            np.savez(path, dense=dense, extra=extra, bags=bags, meanings=meanings)
        with np.load(path) as saved:
            self.dense, self.extra, self.bags, self.meanings = (saved[k] for k in ("dense", "extra", "bags", "meanings"))
        self.x_std = np.hstack([self.dense[:, rel.HEAD_DENSE], self.extra])
        self.x_raw = np.hstack([self.bags, self.meanings])

    def probabilities(self, y: np.ndarray, fit_rows: np.ndarray, read_rows: np.ndarray, c: float) -> np.ndarray:
        import train_relation_head as head
        from storyline.link import relation as rel
        params = head.fit(self.x_std[fit_rows], self.x_raw[fit_rows], y[fit_rows], c, 400)
        r = read_rows
        return rel.ShortTextHead(params).probabilities(self.dense[r], self.extra[r], self.bags[r], self.meanings[r])


STACK_WEIGHTS = (0.0, 0.25, 0.5, 0.75, 1.0)  # the LR head's share of the mixed probabilities


def run_fold(k: int, args, fold, y, states, layer, extra, lr_head: LRHead | None) -> dict:
    """Outer fold k: choose the epochs (and the LR head's share) by cross-validation over the other folds,
    train on them all, read fold k."""
    started = time.time()
    all_folds = sorted(set(fold.tolist()))
    inner_folds = [j for j in all_folds if j != k]
    weights = STACK_WEIGHTS if lr_head is not None else (0.0,)
    c = args.lr_c[k] if args.lr_c else None
    if lr_head is not None and c is None:  # the LR head's C, chosen as train_relation_head.py chooses it (inner folds only)
        import train_relation_head as head

        def lr_predict(inside, held, c_):
            return lr_head.probabilities(y, np.flatnonzero(inside), np.flatnonzero(held), c_).argmax(1)
        c, _ = head.choose_c(fold, y, inner_folds, [0.1, 0.2, 0.3, 0.5, 1.0], lr_predict)
    inner = np.zeros((args.epochs, len(weights)))
    if args.fixed_epochs and args.fixed_share >= 0:  # the recipe fixed beforehand: no inner cross-validation
        inner[args.fixed_epochs - 1, weights.index(args.fixed_share) if lr_head is not None else 0] = 1
        inner_folds = []
    for j in inner_folds:
        fit_rows = np.flatnonzero(np.isin(fold, inner_folds) & (fold != j))
        held = np.flatnonzero(fold == j)
        history, _ = train(layer, states, y, fit_rows, args.epochs, args, args.seed + 100 * k + j, read=(held,), extra=extra,
                           stop=args.fixed_epochs)
        lr = lr_head.probabilities(y, fit_rows, held, c) if lr_head is not None else 0.0
        for e, (p,) in enumerate(history):
            for wi, w in enumerate(weights):
                inner[e, wi] += int((((1 - w) * p + w * lr).argmax(1) == y[held]).sum())
        print(f"fold {k} inner {j}: per-epoch accuracy {[round(float((h[0].argmax(1) == y[held]).mean()), 4) for h in history]} ({time.time() - started:.0f}s)", flush=True)
    if args.fixed_epochs:  # only the share is chosen
        inner[np.arange(args.epochs) != args.fixed_epochs - 1] = -1
    e_best, w_best = np.unravel_index(np.argmax(inner), inner.shape)  # ties: fewer epochs, smaller share
    fit_rows, held = np.flatnonzero(fold != k), np.flatnonzero(fold == k)
    history, _ = train(layer, states, y, fit_rows, args.epochs, args, args.seed + 100 * k, read=(held,), extra=extra, stop=int(e_best) + 1)
    cross = history[-1][0]
    lr = lr_head.probabilities(y, fit_rows, held, c) if lr_head is not None else np.zeros_like(cross)
    w = weights[w_best]
    probs = (1 - w) * cross + w * lr
    out = {"fold": k, "rows": held.tolist(), "probs": probs.tolist(), "cross_probs": cross.tolist(), "lr_probs": lr.tolist(),
           "epochs": int(e_best) + 1, "stack_weight": w, "lr_c": c,
           "inner_accuracy": round(float(inner.max()) / max(1, int(np.isin(fold, inner_folds).sum())), 4),
           "inner_table": inner.tolist(),
           "accuracy": round(float((probs.argmax(1) == y[held]).mean()), 4),
           "cross_accuracy": round(float((cross.argmax(1) == y[held]).mean()), 4)}
    print(f"fold {k}: epochs {out['epochs']} LR share {w} (C {c}), accuracy {out['accuracy']:.4f}, cross-encoder alone {out['cross_accuracy']:.4f} ({time.time() - started:.0f}s)", flush=True)
    return out


def summary(results: list[dict], y: np.ndarray, fold: np.ndarray, key: str = "probs") -> dict:
    probs = np.zeros((len(y), 3))
    for r in results:
        probs[r["rows"]] = r[key]
    pred = probs.argmax(1)
    return {"accuracy": round(float((pred == y).mean()), 4),
            "folds_accuracy": [round(float((pred[fold == r["fold"]] == y[fold == r["fold"]]).mean()), 4) for r in results],
            "chosen": [{k: r[k] for k in ("epochs", "stack_weight", "lr_c", "inner_accuracy")} for r in results],
            "f1": per_class_f1(list(y), list(pred), [0, 1, 2]),
            "confusion": [[int(((y == g) & (pred == q)).sum()) for q in range(3)] for g in range(3)]}


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.check:
        worst = gradient_check()
        print(f"gradient check: largest relative difference {worst:.2e}")
        return 0 if worst < 1e-5 else 1
    emergent = load_emergent(Path(args.emergent))
    y = np.array([LABELS.index(r) for _, _, r, _ in emergent])
    fold = fold_labels(emergent, args.folds, args.seed)
    cache = Path(args.cache)
    results_dir = cache / "folds"
    if args.combine:
        results = [json.loads((results_dir / f"fold{k}.json").read_text()) for k in range(args.folds)]
        cv = {"combined": summary(results, y, fold), "cross_encoder_alone": summary(results, y, fold, "cross_probs")}
        if results[0]["lr_c"] is not None:
            cv["lr_head_alone"] = summary(results, y, fold, "lr_probs")
        print("emergent nested cv:", json.dumps(cv), flush=True)
        return 0
    frozen = FrozenEncoder()
    states = cached_states(emergent, cache, frozen, frozen.frozen)
    print(f"{len(states)} pairs, {sum(len(s) for s in states)} pieces", flush=True)
    layer = last_layer_params(frozen)
    extra = frozen_means(states, frozen) if args.frozen_mean else None
    lr_head = LRHead(emergent, cache) if args.stack else None
    results_dir.mkdir(parents=True, exist_ok=True)
    for k in args.only or range(args.folds):
        result = run_fold(k, args, fold, y, states, layer, extra, lr_head)
        result["settings"] = {a: getattr(args, a) for a in ("lr", "head_lr", "batch", "dropout", "epochs", "seed", "frozen_mean", "stack",
                                                           "fixed_epochs", "fixed_share", "lr_c")}
        (results_dir / f"fold{k}.json").write_text(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
