"""The ported apps: which module and stack class each is, which are blocked by a missing or broken
library feature (and why), and how to synthesize one into a directory."""
from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

#: app name → (module under tests.ports, stack class)
APPS: dict[str, tuple[str, str]] = {
    "spot-launch-template": ("app_spot_launch_template", "SpotLaunchTemplateStack"),
    "gpu": ("app_gpu", "GpuTrainingStack"),
    "fargate-efs": ("app_fargate_efs", "FargateEfsStack"),
    "docker-image": ("app_docker_image", "DockerImageStack"),
    "docker-asset": ("app_docker_asset", "DockerAssetStack"),
    "mpi": ("app_mpi", "MpiStack"),
    "iam": ("app_iam", "IamPoliciesStack"),
    "lookup-vpc": ("app_lookup_vpc", "LookedUpVpcStack"),
    "lookup-vpc-tags": ("app_lookup_vpc_tags", "TaggedVpcLookupStack"),
    "fairshare": ("app_fairshare", "FairshareQueuesStack"),
}

#: apps written the way AWS CDK code is, that a missing or broken library feature blocks today;
#: their tests are strict xfails, so they fail (and must be unmarked) once the feature works.
BLOCKED: dict[str, str] = {}


def stack_class(name: str) -> type:
    module, cls = APPS[name]
    return getattr(importlib.import_module(f"tests.ports.{module}"), cls)


def synth_app(name: str, outdir: Path, *, provider_config: dict[str, Any] | None = None) -> dict[str, Any]:
    """Build the app's stack in its own ``batch_constructs.App`` and synthesize it; the stack's
    JSON. ``provider_config`` overrides the AWS provider's arguments (aims it at moto)."""
    from batch_constructs import App

    app = App(outdir=str(outdir))
    stack = stack_class(name)(app, name)
    for key, value in sorted((provider_config or {}).items()):
        stack.node.find_child("aws").add_override(key, value)
    app.synth()
    return json.loads((outdir / "stacks" / name / "cdk.tf.json").read_text())


def app_param(name: str) -> Any:
    import pytest
    if name in BLOCKED:
        return pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=BLOCKED[name]))
    return name
