"""The library's Terraform edge is its own generated bindings (:mod:`batch_constructs.bindings`): a normal synth
imports no prebuilt provider package, emits the same JSON, and users' prebuilt objects stay accepted."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from batch_constructs.bindings import classes

ROOT = Path(__file__).resolve().parents[2]
PREBUILT = ("cdktf_cdktf_provider_aws", "cdktn_provider_aws")

_PROBE = """
import sys
sys.argv = ["main.py", "--outdir", sys.argv[1]] + sys.argv[2:]
import main
status = main.main(sys.argv[1:])
loaded = sorted(m for m in sys.modules if m.split(".")[0] in {prebuilt!r} and "." in m)
# (batch_constructs registers each installed package empty, for users' fast submodule imports: a submodule,
# with the package's jsii assembly, is what a load costs)
print("PREBUILT=" + ",".join(loaded))
print("CORES=" + ",".join(sorted(getattr(sys.modules.get(name), "__name__", "-") for name in ("cdktf", "cdktn")
                                 if name in sys.modules)))
sys.exit(status)
"""


def _run_main(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", _PROBE.format(prebuilt=PREBUILT), str(tmp_path / "out"), *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=600, env={**os.environ, **(env or {})})


def test_main_synthesizes_every_example_stack_without_a_prebuilt_provider_package(tmp_path: Path) -> None:
    done = _run_main(tmp_path, env={"BATCH_CONSTRUCTS_AWS_PROVIDER_VERSION": ""})
    assert done.returncode == 0, done.stderr[-3000:]
    assert "PREBUILT=\n" in done.stdout, done.stdout.splitlines()[-2]
    core = os.environ.get("BATCH_CONSTRUCTS_CORE") or "cdktf"
    assert f"CORES={core}\n" in done.stdout  # only the lane's core is loaded
    docs = list((tmp_path / "out" / "stacks").glob("*/cdk.tf.json"))
    assert len(docs) >= 25
    for path in docs:
        doc = json.loads(path.read_text())
        assert doc["terraform"]["required_providers"]["aws"] == {"source": "aws", "version": "5.100.0"}
        assert doc["provider"]["aws"][0]["region"]


def test_the_provider_version_is_a_documented_choice(tmp_path: Path) -> None:
    done = _run_main(tmp_path, "--aws-provider-version", "6.69.1", "--stack", "fargate-queue",
                     "--stack", "ce-allocation-strategies")
    assert done.returncode == 0, done.stderr[-3000:]
    assert "PREBUILT=\n" in done.stdout
    doc = json.loads((tmp_path / "out" / "stacks" / "ce-allocation-strategies" / "cdk.tf.json").read_text())
    assert doc["terraform"]["required_providers"]["aws"]["version"] == "6.69.1"
    ces = doc["resource"]["aws_batch_compute_environment"]
    assert ces and all("name_prefix" in ce or "name" in ce for ce in ces.values())  # 6.x's names, from the schema
    assert not any("compute_environment_name_prefix" in ce for ce in ces.values())
    bad = _run_main(tmp_path, "--aws-provider-version", "6.25.0", "--list")
    assert bad.returncode == 2 and "hashicorp/aws 5.100.0, 6.69.1" in bad.stderr


def test_generated_classes_are_core_elements_with_attribute_tokens() -> None:
    import cdktf

    from batch_constructs import App

    app = App()
    stack = cdktf.TerraformStack(app, "s")
    generated = classes()
    queue = generated.BatchJobQueue(stack, "Q", name="q", priority=1, state="ENABLED", depends_on=None)
    assert isinstance(queue, generated.BatchJobQueue) and isinstance(queue, cdktf.TerraformResource)
    assert queue.arn == queue.arn and "${TfToken[" in queue.arn
    assert queue.name_input == "q" and queue.scheduling_policy_arn_input is None
    with pytest.raises(TypeError, match="priority"):
        generated.BatchJobQueue(stack, "Q2", name="q", state="ENABLED")  # a required argument
    queue.add_override("priority", 5)  # the core's escape hatch, merged over the attributes at synth
    body = cdktf.Testing.synth(stack)
    resource = json.loads(body)["resource"]["aws_batch_job_queue"]["Q"]
    assert resource["priority"] == 5 and resource["name"] == "q" and resource["state"] == "ENABLED"
