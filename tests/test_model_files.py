"""The shipped attribution models are what their config.json records, and the training scripts'
defaults remake them (scripts/model_manifest.py, train_attribution.py, finetune_attribution.py)."""
from __future__ import annotations

import json
import sys

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))

import finetune_attribution  # noqa: E402
import model_manifest  # noqa: E402
import train_attribution  # noqa: E402

from storyline.nlp import attribution_model as am  # noqa: E402


def _config(mode: str) -> dict:
    return json.loads((am.MODES[mode] / "config.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("mode", sorted(am.MODES))
def test_shipped_files_match_config(mode):
    assert model_manifest.problems(am.MODES[mode]) == []
    provenance = _config(mode)["provenance"]
    assert {"weights.npz", "vocab.json"} <= provenance["files_sha256"].keys()
    assert provenance["training_data"]["train"]["files"] > 0 and provenance["versions"]["spacy"]


def test_a_changed_or_added_file_is_found(tmp_path):
    for path in am.MODEL_DIR.iterdir():
        if path.is_file():
            (tmp_path / path.name).write_bytes(path.read_bytes())
    assert model_manifest.problems(tmp_path) == []
    with (tmp_path / "vocab.json").open("a", encoding="utf-8") as handle:
        handle.write(" ")
    (tmp_path / "extra.npz").write_bytes(b"")
    found = model_manifest.problems(tmp_path)
    assert len(found) == 2 and "vocab.json: sha256" in found[1] and "extra.npz: shipped but not recorded" in found[0]


def test_training_defaults_are_the_shipped_fast_recipe():
    args, config = train_attribution.parse_args([]), _config("fast")
    for name in ("seed", "epochs", "hidden", "proj", "layers", "dropout", "lr", "batch"):
        assert getattr(args, name) == config[name], name
    assert args.contextual == [] and config["contextual_layers"] is None
    assert am.StaticPieces.load(am.MODEL_DIR / config["static_pieces"]).width == args.static_pieces
    assert train_attribution.EMB_DIMS == config["emb_dims"]
    assert {h["epoch"] for h in config["history"]} == set(range(1, args.epochs + 1))  # every epoch kept


def test_finetuning_defaults_are_the_shipped_accurate_recipe():
    args, config = finetune_attribution.parse_args([]), _config("accurate")
    assert (args.seed, args.epochs, args.lr, args.encoder_lr, args.docs) == (
        config["seed"], config["fine_tune_epochs"], config["lr"], config["encoder_lr"], config["batch"])
    assert args.out == str(am.MODES["accurate"])
    # the frozen tagger it starts from: the recipe train_attribution.py's docstring gives
    assert len(config["init_history"]) == 8 and config["contextual_layers"] == [3, 6]
    assert config["kept_epoch"] in {h["epoch"] for h in config["history"]}
