"""Bad-input suite: a fresh app and stack per row (``TestStack``) and an imported VPC."""
from __future__ import annotations

from typing import Any

import pytest

from batch_constructs._runtime import provider_class


@pytest.fixture()
def stack() -> Any:
    from cdktf import TerraformStack, Testing

    app = Testing.app()
    stack = TerraformStack(app, "TestStack")
    provider_class("provider", "AwsProvider")(stack, "aws", region="us-east-1")
    return stack


@pytest.fixture()
def vpc(stack: Any) -> Any:
    from batch_constructs.ec2 import Vpc

    return Vpc.from_attributes(stack, "Vpc", vpc_id="vpc-123", private_subnet_ids=["subnet-a", "subnet-b"],
                               public_subnet_ids=["subnet-c"])
