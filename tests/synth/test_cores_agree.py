"""Both Terraform CDK cores write the same Terraform: every example stack synthesized by ``python main.py`` on
cdktf 0.21 (``.venv``) and on CDK Terrain / cdktn 0.24 (``.venv-cdktn``) is the same document, but for the core's
own ``//`` metadata. Runs in the cdktn lane (it needs both venvs, which ``./dev.sh test`` sets up)."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from batch_constructs.testing import _strip_metadata as _without_metadata  # the Template's own "//" stripping

ROOT = Path(__file__).resolve().parents[2]
PYTHONS = {"cdktf": ROOT / ".venv" / "bin" / "python", "cdktn": ROOT / ".venv-cdktn" / "bin" / "python"}
pytestmark = pytest.mark.skipif(
    not all(p.is_file() for p in PYTHONS.values()) or os.environ.get("BATCH_CONSTRUCTS_CORE") != "cdktn",
    reason="the cdktn lane runs this (BATCH_CONSTRUCTS_CORE=cdktn, with .venv and .venv-cdktn set up by ./dev.sh test)")


def _synth(core: str, outdir: Path) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "BATCH_CONSTRUCTS_CORE")}
    done = subprocess.run([str(PYTHONS[core]), "main.py", "--core", core, "--outdir", str(outdir)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return {p.parent.name: json.loads(p.read_text()) for p in sorted((outdir / "stacks").glob("*/cdk.tf.json"))}


def test_every_example_stack_is_the_same_terraform_on_both_cores(tmp_path: Path) -> None:
    cdktf_docs, cdktn_docs = _synth("cdktf", tmp_path / "cdktf"), _synth("cdktn", tmp_path / "cdktn")
    assert len(cdktf_docs) >= 25 and set(cdktf_docs) == set(cdktn_docs)
    for name, doc in cdktf_docs.items():
        assert _without_metadata(doc) == _without_metadata(cdktn_docs[name]), name
        assert doc["//"]["metadata"]["version"] == "0.21.0"
        assert cdktn_docs[name]["//"]["metadata"]["version"] == "0.24.0"
