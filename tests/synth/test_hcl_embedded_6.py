"""HCL of example stacks pinning hashicorp/aws 6.69.1 from the schema this package carries: no
``terraform`` on ``PATH``, no mirror, no cache. ``main.py --hcl`` runs in a subprocess with
``BATCH_CONSTRUCTS_AWS_PROVIDER_VERSION=6.69.1``; the HCL must equal the JSON for the 6.69.1
embedded schema and for Terraform's own 5.100.0 schema (block versus attribute, independently)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from batch_constructs import hcl
from batch_constructs.hcl import embedded
from tests.harness.lanes import once_per_core

# pins 6.69.1 itself (in main.py's environment): the lanes that pin it add nothing on cdktf
pytestmark = once_per_core

ROOT = Path(__file__).resolve().parents[2]
VERSION = "6.69.1"
#: a security group (set-of-object attributes) and a launch template, an EKS cluster (the example
#: app's own L1), a Fargate queue with its job definition, an ECR repository, secrets and parameters
STACKS = ("ce-launch-template", "ce-eks", "fargate-queue", "ecs-fargate-logs", "ecs-secrets")


def _no_terraform_env(tmp_path: Path) -> dict[str, str]:
    """The environment of a machine without Terraform: ``PATH`` holds only ``node`` (jsii's runtime)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    node = shutil.which("node")
    assert node, "the synth needs node"
    (bin_dir / "node").symlink_to(node)
    env = {k: v for k, v in os.environ.items() if k not in (hcl.MIRROR_ENV, "TF_CLI_CONFIG_FILE")}
    env.update({"PATH": str(bin_dir), "TERRAFORM_BINARY_NAME": "no-such-terraform-binary",
                hcl.CACHE_ENV: str(tmp_path / "empty-cache"), "BATCH_CONSTRUCTS_AWS_PROVIDER_VERSION": VERSION})
    return env


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict[str, Any], dict[str, str]]]:
    """Each stack's JSON document and HCL files, written by ``main.py --hcl`` without Terraform."""
    tmp = tmp_path_factory.mktemp("hcl-6")
    out = tmp / "out"
    args = [arg for name in STACKS for arg in ("--stack", name)]
    done = subprocess.run([sys.executable, "main.py", "--outdir", str(out), "--hcl", *args], cwd=ROOT,
                          env=_no_terraform_env(tmp), capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert not (tmp / "empty-cache").exists()  # nothing fetched, nothing cached
    result = {}
    for name in STACKS:
        stack_dir = out / "stacks" / name
        files = {path.name: path.read_text() for path in sorted((stack_dir / "hcl").glob("*.tf"))}
        result[name] = (json.loads((stack_dir / "cdk.tf.json").read_text()), files)
    return result


def _terraforms_5x_schema(doc: dict[str, Any]) -> hcl.ProviderSchema:
    """Block versus attribute as ``terraform providers schema -json`` of 5.100.0 says (its module)."""
    entry = embedded.embedded_entry(embedded.AWS_SOURCE, "5.100.0", "aws", [doc])
    assert entry is not None
    return hcl.ProviderSchema(providers={embedded.AWS_SOURCE: entry}, local_names={"aws": embedded.AWS_SOURCE})


@pytest.mark.parametrize("name", STACKS)
def test_6x_hcl_without_terraform_equals_the_json(rendered: dict[str, Any], name: str, tmp_path: Path) -> None:
    doc, files = rendered[name]
    assert doc["terraform"]["required_providers"]["aws"]["version"] == VERSION
    assert {"versions.tf", "providers.tf", "main.tf"} <= set(files)
    schema = hcl.load_provider_schema(doc, terraform="/nonexistent/terraform", cache_dir=tmp_path)  # embedded
    assert not list(tmp_path.iterdir())
    assert hcl.render_hcl_files(doc, schema) == files
    assert hcl.semantic_diff(doc, files.values(), schema) == []
    assert hcl.semantic_diff(doc, files.values(), _terraforms_5x_schema(doc)) == []


def test_security_group_rules_are_attributes_and_launch_template_blocks_stay(rendered: dict[str, Any]) -> None:
    doc, files = rendered["ce-launch-template"]
    assert doc["resource"]["aws_security_group"] and doc["resource"]["aws_launch_template"]
    main = files["main.tf"]
    assert "ingress = []" in main and "egress = [" in main
    assert "ingress {" not in main and "egress {" not in main
    assert 'resource "aws_launch_template"' in main and "compute_resources {" in main


def test_an_ambiguous_6x_path_needs_terraform(rendered: dict[str, Any], tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A launch template setting a block new in 6.x (5.100.0 cannot say block or attribute):
    the embedded schema is not used, so without Terraform rendering stops."""
    import copy

    doc = copy.deepcopy(rendered["ce-launch-template"][0])
    template = next(iter(doc["resource"]["aws_launch_template"].values()))
    template["network_performance_options"] = [{"bandwidth_weighting": "vpc-1"}]
    monkeypatch.setenv("TERRAFORM_BINARY_NAME", "no-such-terraform-binary")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(hcl.HclError, match="rendering HCL needs the provider schema: install terraform"):
        hcl.load_provider_schema(doc, cache_dir=tmp_path / "cache")
