"""The quality gate (bench/gate.py): every evaluation against bench/baselines.json, on ../shared data.

The full gate runs the four evaluations in parallel processes (about 100 CPU seconds; results cached in
.gate-cache/ by a hash of the code, data and versions, so a rerun on an unchanged tree costs nothing).
"""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest
from conftest import ROOT, SHARED

spec = importlib.util.spec_from_file_location("gate", ROOT / "bench" / "gate.py")
gate = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gate)


def test_a_drop_beyond_the_tolerance_fails_and_one_within_it_passes():
    baseline = {"cue.exact_f1": 0.7186, "cue.gold": 2145}
    verdicts = {m: v for m, _, _, v in gate.compare(baseline, {"cue.exact_f1": 0.7136, "cue.gold": 2145}, 0.005)}
    assert verdicts == {"cue.exact_f1": "ok", "cue.gold": "ok"}
    verdicts = {m: v for m, _, _, v in gate.compare(baseline, {"cue.exact_f1": 0.7130, "cue.gold": 2145}, 0.005)}
    assert verdicts["cue.exact_f1"] == "DROP"


def test_a_missing_number_or_other_data_fails_and_a_rise_passes():
    baseline = {"articles": 84, "strict_f1": 0.8953}
    verdicts = {m: v for m, _, _, v in gate.compare(baseline, {"articles": 83, "value_f1": 0.9}, 0.005)}
    assert verdicts == {"articles": "DATA", "strict_f1": "MISSING", "value_f1": "new"}
    assert gate.compare(baseline, {"articles": 84, "strict_f1": 0.99}, 0.005)[1][3] == "ok"


def test_baselines_cover_every_evaluation_and_name_their_commit():
    stored = json.loads(gate.BASELINES.read_text())
    assert set(stored["evaluations"]) == set(gate.EVALUATIONS)
    assert len(stored["commit"].split("+")[0]) == 40
    assert stored["tolerance"] == gate.TOLERANCE
    for name, metrics in stored["evaluations"].items():
        rates = {m: v for m, v in metrics.items() if not gate.is_count(m)}
        assert rates and all(0.0 <= v <= 1.0 for v in rates.values()), name
    polnear = stored["evaluations"]["polnear_product"]
    assert {f"{r}.exact_{k}" for r in ("source", "cue", "content") for k in ("p", "r", "f1")} <= polnear.keys()


def test_gate_holds_on_the_shared_data():
    missing = gate.missing_inputs(SHARED)
    if missing:
        pytest.skip(f"evaluation data absent (read-only ../shared data): {', '.join(missing)}")
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "gate.py"), "--data", str(SHARED)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, f"quality gate failed:\n{run.stdout}\n{run.stderr}"
    assert "gate passed" in run.stdout
