"""Shared fixtures: jsii quiet, real Terraform tools, the moto server."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from batch_constructs._runtime import quiet_node_banners

quiet_node_banners()

# The CDK Terrain lane (BATCH_CONSTRUCTS_CORE=cdktn, .venv-cdktn, where cdktf is not installed): the
# tests' own ``import cdktf`` / ``from cdktf import ...`` (here and in the subprocesses they start) get
# the cdktn module, whose Python API is the same (tests/harness/cdktn_alias); the library itself
# chooses its core through batch_constructs._core and never imports cdktf by name.
CORE = os.environ.get("BATCH_CONSTRUCTS_CORE") or "cdktf"
if CORE == "cdktn":
    import sys

    _alias = str(Path(__file__).resolve().parent / "harness" / "cdktn_alias")
    sys.path.insert(0, _alias)
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (_alias, os.environ.get("PYTHONPATH")) if p)

from tests.harness.terraform import MIRROR_ENV, find_mirror, find_terraform, write_cli_config  # noqa: E402

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _missing(reason: str) -> None:
    # On CI the real-Terraform tests must run: a missing tool is a failure, not a skip.
    if IN_CI:
        pytest.fail(f"CI must run the real-Terraform tests, but {reason}")
    pytest.skip(reason)


class TerraformTools:
    def __init__(self, binary: str, mirror: Path, cli_config: Path) -> None:
        self.binary, self.mirror, self.cli_config = binary, mirror, cli_config


@pytest.fixture(scope="session")
def terraform_tools(tmp_path_factory: pytest.TempPathFactory) -> TerraformTools:
    binary = find_terraform()
    if binary is None:
        _missing("needs the terraform binary on PATH")
    mirror = find_mirror()
    if mirror is None:
        _missing(f"needs a filesystem mirror of hashicorp/aws 5.100.0 (set {MIRROR_ENV})")
    cli_config = write_cli_config(mirror, tmp_path_factory.mktemp("terraform-cli"))
    return TerraformTools(binary, mirror, cli_config)


@pytest.fixture(scope="session")
def moto_server():
    from tests.harness.moto import MotoServer

    server = MotoServer().start()
    yield server
    server.stop()


@pytest.fixture()
def workdir(tmp_path: Path) -> Path:
    return tmp_path


# -- construct fixtures (tests/synth, tests/bad_input): jsii loads only when a test uses them --

@pytest.fixture()
def stack() -> Any:
    """A fresh app with one ``TerraformStack`` named ``TestStack`` and an AWS provider."""
    from cdktf import TerraformStack, Testing

    from batch_constructs.providers import aws_provider

    stack = TerraformStack(Testing.app(), "TestStack")
    aws_provider(stack, region="us-east-1")
    return stack


@pytest.fixture()
def vpc(stack: Any) -> Any:
    """An imported VPC with two private subnets and one public subnet."""
    from batch_constructs.ec2 import Vpc

    return Vpc.from_attributes(stack, "Vpc", vpc_id="vpc-123", private_subnet_ids=["subnet-a", "subnet-b"],
                               public_subnet_ids=["subnet-c"])
