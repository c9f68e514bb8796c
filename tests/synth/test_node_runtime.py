"""A fresh machine needs no system Node: the app synthesizes with no ``node`` on ``PATH`` (jsii
runs the wheel's Node 24) and no Node banner reaches the user."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP = """
from batch_constructs import App, FargateComputeEnvironment  # first: it points jsii at the wheel's Node
from cdktf import TerraformStack
from batch_constructs.ec2 import Vpc
from batch_constructs.providers import aws_provider
app = App()
stack = TerraformStack(app, "fresh")
aws_provider(stack, region="us-east-1")
FargateComputeEnvironment(stack, "CE", vpc=Vpc(stack, "Vpc"))
app.synth()
"""


def test_synth_without_node_on_path_and_without_banners(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"  # PATH holds nothing: no node, no python (the venv's is run by path)
    bin_dir.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JSII_", "NODE_"))}
    env.update(PATH=str(bin_dir), CDKTF_OUTDIR=str(tmp_path / "out"), PYTHONPATH=os.pathsep.join(
        p for p in (os.environ.get("PYTHONPATH"), str(ROOT)) if p))  # (the cdktn lane's alias first)
    assert shutil.which("node", path=env["PATH"]) is None
    run = subprocess.run([sys.executable, "-c", APP], cwd=tmp_path, env=env, capture_output=True,
                         text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    doc = json.loads((tmp_path / "out" / "stacks" / "fresh" / "cdk.tf.json").read_text())
    assert "aws_batch_compute_environment" in doc["resource"]
    for stream in (run.stdout, run.stderr):
        assert "node" not in stream.lower() and "!!" not in stream, stream[-2000:]
