"""Tags: ``Tags.of(scope)`` reaches the ``tags`` of the resources the constructs create."""
from __future__ import annotations

from typing import Any

from batch_constructs import FargateComputeEnvironment
from batch_constructs.core import Tags
from batch_constructs.testing import Match, Template


def test_tags_reach_resource_tags(stack: Any, vpc: Any) -> None:
    ce = FargateComputeEnvironment(stack, "CE", vpc=vpc)
    Tags.of(stack).add("team", "batch")
    Tags.of(ce).add("cost-center", "42")
    template = Template.from_stack(stack)
    template.has_resource_properties("aws_batch_compute_environment", {
        "tags": {"team": "batch", "cost-center": "42"},
        "compute_resources": {"tags": Match.absent()}})
    template.has_resource_properties("aws_security_group", {"tags": {"team": "batch", "cost-center": "42"}})
