"""The layer rules (.importlinter) hold: record and word lists stdlib-only, store below analysis and
serving, web above api, jobs the only wiring. Runs `lint-imports`; import-linter is a development
dependency, so its absence fails this test rather than skipping it."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold():
    try:
        import importlinter  # noqa: F401
    except ImportError:
        raise AssertionError("import-linter is not installed: `pip install import-linter` (a development dependency)") from None
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    command = [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())",
               "--config", str(ROOT / ".importlinter"), "--no-cache"]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def test_the_package_layout_the_contracts_name_exists():
    """A contract naming a package that moved would check nothing: every storyline module it names exists."""
    names = [line.strip() for line in (ROOT / ".importlinter").read_text().splitlines() if line.strip().startswith("storyline.")]
    for line in names:
        for name in line.split(" -> "):  # an ignored import names two modules
            path = ROOT / "src" / Path(*name.split("."))
            assert path.is_dir() or path.with_suffix(".py").is_file(), name
