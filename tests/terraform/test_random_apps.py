"""Whole random apps, good and bad values mixed: each one either raises ValidationError (and
nothing else) or yields resources that ``terraform validate`` accepts and whose job definitions
botocore's ``RegisterJobDefinition`` accepts.

Every drawn app is built in its own scope of one stack; the apps that raise are removed, and
the stack of all the others is synthesized and validated once (one Terraform run, not one per
example). Derandomized, so CI explores the same apps every run.
"""
from __future__ import annotations

import json
import math
import warnings
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from batch_constructs import ValidationError
from tests.harness.terraform import assert_validates
from tests.unit.test_container_properties import botocore_errors, unknown_keys, CONTAINER_SHAPE

pytestmark = pytest.mark.terraform

EXAMPLES = 80

bad_numbers = st.one_of(st.integers(-5, -1), st.sampled_from([float("nan"), float("inf"), True, "4", 2 ** 31, 2.5]))
text = st.text(alphabet=st.sampled_from(list("ab9 -_${}%\"'\\/:é\n")), max_size=12)


def mostly(good: Any, bad: Any) -> Any:
    """``good`` eleven times in twelve, else ``bad``: most apps are valid, some are not."""
    return st.integers(0, 11).flatmap(lambda n: bad if n == 0 else good)


FARGATE_PAIRS = [(0.25, 512), (0.5, 1024), (1, 2048), (2, 8192), (4, 30720), (8, 16384), (16, 122880), (16, 32768)]


@st.composite
def apps(draw: Any) -> dict[str, Any]:
    """A plain description of an app: a compute environment, a queue, a job definition."""
    kind = draw(st.sampled_from(["fargate", "fargate-spot", "ec2", "ec2-spot"]))
    container = "fargate" if kind.startswith("fargate") else "ec2"
    cpu, mib = draw(st.sampled_from(FARGATE_PAIRS)) if container == "fargate" else \
        (draw(st.sampled_from([0.25, 1, 2, 16])), draw(st.integers(4, 65536)))
    spec: dict[str, Any] = {
        "kind": kind,
        "container": container,
        "maxv_cpus": draw(mostly(st.one_of(st.integers(1, 5000), st.just(4.0)), bad_numbers)),
        "priority": draw(mostly(st.integers(0, 1000), st.one_of(st.integers(1001, 5000), bad_numbers))),
        "cpu": draw(mostly(st.just(cpu), st.sampled_from([0, -1, float("nan"), 3.3, "1"]))),
        "memory_mib": draw(mostly(st.just(mib), st.sampled_from([1, 3, 2 ** 40]))),
        "command": draw(mostly(st.one_of(st.none(), st.lists(text, max_size=3)), text.filter(bool))),
        "environment": draw(st.one_of(st.none(), st.dictionaries(st.from_regex(r"[A-Z][A-Z0-9_]{0,6}", fullmatch=True),
                                                                 text, max_size=3))),
        "retry_attempts": draw(mostly(st.one_of(st.none(), st.integers(1, 10)),
                                      st.one_of(st.integers(11, 20), bad_numbers))),
        "timeout_minutes": draw(st.one_of(st.none(), st.integers(1, 100))),
        "plain_timeout": draw(mostly(st.just(False), st.just(True))),
    }
    if kind.startswith("ec2"):
        spec["instance_types"] = draw(mostly(st.lists(st.sampled_from(
            ["m5.large", "c5.xlarge", "m6i.2xlarge", "r5.large"]), max_size=3, unique=True),
            st.sampled_from(["m5.large", ["not-a-type"], ["m5.large", "c6g.xlarge"]])))
        spec["minv_cpus"] = draw(mostly(st.integers(0, 4), bad_numbers))
        spec["spot_bid_percentage"] = draw(mostly(st.one_of(st.none(), st.integers(1, 100)),
                                                  st.one_of(st.integers(101, 200), bad_numbers))) \
            if kind == "ec2-spot" else None
    return spec


def build(scope: Any, vpc: Any, spec: dict[str, Any]) -> None:
    from batch_constructs import (EcsEc2ContainerDefinition, EcsFargateContainerDefinition, EcsJobDefinition,
                                  FargateComputeEnvironment, JobQueue, ManagedEc2EcsComputeEnvironment,
                                  OrderedComputeEnvironment)
    from batch_constructs.core import Duration, Size
    from batch_constructs.ec2 import InstanceType
    from batch_constructs.ecs import ContainerImage

    kind = spec["kind"]
    if kind.startswith("fargate"):
        ce = FargateComputeEnvironment(scope, "CE", vpc=vpc, spot=kind.endswith("spot"), maxv_cpus=spec["maxv_cpus"])
    else:
        types = spec["instance_types"]
        types = [InstanceType(t) if t != "not-a-type" else t for t in types] if isinstance(types, list) else types
        ce = ManagedEc2EcsComputeEnvironment(
            scope, "CE", vpc=vpc, spot=kind.endswith("spot"), maxv_cpus=spec["maxv_cpus"], minv_cpus=spec["minv_cpus"],
            instance_types=types, spot_bid_percentage=spec["spot_bid_percentage"])
    JobQueue(scope, "Queue", priority=spec["priority"], compute_environments=[OrderedComputeEnvironment(ce, 1)])
    common = dict(image=ContainerImage.from_registry("public.ecr.aws/amazonlinux/amazonlinux:2023"),
                  cpu=spec["cpu"], memory=Size.mebibytes(spec["memory_mib"]), command=spec["command"],
                  environment=spec["environment"])
    if spec["container"] == "fargate":
        container = EcsFargateContainerDefinition(scope, "Container", **common)
    else:
        container = EcsEc2ContainerDefinition(scope, "Container", **common)
    minutes = spec["timeout_minutes"]
    timeout = minutes if spec["plain_timeout"] or minutes is None else Duration.minutes(minutes)
    EcsJobDefinition(scope, "Job", container=container, retry_attempts=spec["retry_attempts"], timeout=timeout)


def test_random_apps_raise_validation_error_or_pass_terraform_validate(terraform_tools: Any,
                                                                       tmp_path: Any) -> None:
    from cdktf import TerraformStack, Testing
    from constructs import Construct

    from batch_constructs._base import _forget, validate_tree
    from batch_constructs.providers import aws_provider
    from batch_constructs.ec2 import Vpc
    from batch_constructs.testing import Template

    stack = TerraformStack(Testing.app(), "Random")
    aws_provider(stack, "aws", region="us-east-1")
    vpc = Vpc.from_attributes(stack, "Vpc", vpc_id="vpc-1", private_subnet_ids=["subnet-a", "subnet-b"])
    outcome = {"kept": 0, "refused": 0}

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(apps())
    def explore(spec: dict[str, Any]) -> None:
        id = f"App{outcome['kept'] + outcome['refused']}"
        scope = Construct(stack, id)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                build(scope, vpc, spec)
            validate_tree(scope)
        except ValidationError as error:
            assert all(path in (None, "") or path.startswith(f"Random/{id}/") for path, _ in error.problems), error
            assert all(message for _, message in error.problems), error
            outcome["refused"] += 1
            _forget(stack, id)
            return
        outcome["kept"] += 1

    explore()
    print(f"random apps: {outcome['kept']} valid, {outcome['refused']} refused with ValidationError")
    assert outcome["kept"] >= 5 and outcome["refused"] >= 5, outcome
    doc = Template.from_stack(stack).to_json()
    definitions = doc["resource"]["aws_batch_job_definition"]
    assert len(definitions) == outcome["kept"]
    for name, definition in definitions.items():
        properties = json.loads(definition["container_properties"])
        platform = definition["platform_capabilities"][0]
        assert unknown_keys(properties, CONTAINER_SHAPE) == [], name
        assert botocore_errors(properties, platform) == "", name
        assert all(not (isinstance(v, float) and not math.isfinite(v)) for v in _numbers(definition)), name
    assert_validates(terraform_tools, doc, tmp_path / "tf", allow_warnings=True)


def _numbers(value: Any) -> list[float]:
    if isinstance(value, dict):
        return [n for v in value.values() for n in _numbers(v)]
    if isinstance(value, list):
        return [n for v in value for n in _numbers(v)]
    return [value] if isinstance(value, float) else []
