"""AWS CDK's ``aws_batch`` interfaces and props (issue 10, item 3): our constructs satisfy the
``I*`` protocols, every ``*Props`` key is a keyword of the matching constructor, props pass with
``**``, and the generated modules are what ``scripts/gen_interfaces.py`` writes today."""
from __future__ import annotations

import importlib.util
import inspect
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import batch_constructs as b
from batch_constructs import interfaces, props
from tests.harness.lanes import first_lane_only
from batch_constructs.core import Size
from batch_constructs.ecs import ContainerImage

ROOT = Path(__file__).resolve().parents[2]
# Props whose construct this library does not offer: no Terraform resource before awscc.
NO_CONSTRUCT = {"ConsumableResourceProps": "ConsumableResource (no hashicorp/aws resource)"}
# Abstract AWS CDK props: the keywords of a base every concrete construct takes.
ABSTRACT = {"ComputeEnvironmentProps": "UnmanagedComputeEnvironment",
            "ManagedComputeEnvironmentProps": "FargateComputeEnvironment",
            "ManagedEc2ComputeEnvironmentProps": "ManagedEc2EcsComputeEnvironment",
            "JobDefinitionProps": "EcsJobDefinition",
            "EcsContainerDefinitionProps": "EcsEc2ContainerDefinition"}


def built(stack: Any, vpc: Any) -> list[tuple[Any, str]]:
    image = ContainerImage.from_registry("busybox")
    ec2 = b.EcsEc2ContainerDefinition(stack, "C", image=image, cpu=1, memory=Size.mebibytes(512))
    eks = b.EksContainerDefinition(stack, "K", image=image, cpu_limit=1, memory_limit=Size.mebibytes(512))
    return [
        (b.ManagedEc2EcsComputeEnvironment(stack, "E", vpc=vpc), "IManagedEc2EcsComputeEnvironment"),
        (b.ManagedEc2EksComputeEnvironment(stack, "EK", vpc=vpc, kubernetes_namespace="jobs",
                                           eks_cluster="arn:aws:eks:us-east-1:123456789012:cluster/c"),
         "IManagedComputeEnvironment"),
        (b.FargateComputeEnvironment(stack, "F", vpc=vpc), "IFargateComputeEnvironment"),
        (b.UnmanagedComputeEnvironment(stack, "U"), "IUnmanagedComputeEnvironment"),
        (b.JobQueue(stack, "Q"), "IJobQueue"),
        (b.FairshareSchedulingPolicy(stack, "P"), "IFairshareSchedulingPolicy"),
        (ec2, "IEcsEc2ContainerDefinition"),
        (b.EcsFargateContainerDefinition(stack, "FC", image=image, cpu=1, memory=Size.mebibytes(2048)),
         "IEcsFargateContainerDefinition"),
        (eks, "IEksContainerDefinition"),
        (b.EcsJobDefinition(stack, "J", container=ec2), "IJobDefinition"),
        (b.EksJobDefinition(stack, "KJ", container=eks), "IEksJobDefinition"),
        (b.MultiNodeJobDefinition(stack, "MN"), "IJobDefinition"),
    ]


def test_constructs_satisfy_the_aws_cdk_interfaces(stack: Any, vpc: Any) -> None:
    for construct, name in built(stack, vpc):
        protocol = getattr(interfaces, name)
        missing = [m for m in dir(protocol) if not m.startswith("_") and not hasattr(construct, m)]
        assert not missing, f"{type(construct).__name__} lacks {missing} of {name}"
        assert isinstance(construct, protocol)
    assert not isinstance(object(), interfaces.IJobQueue)


def test_every_props_key_is_a_keyword_of_its_construct() -> None:
    checked = 0
    for name in props.__all__:
        if name in NO_CONSTRUCT:
            continue
        construct = getattr(b, ABSTRACT.get(name, name[: -len("Props")]))
        accepted = set(inspect.signature(construct.__init__).parameters)
        keys = set(getattr(props, name).__annotations__) | {
            k for base in getattr(props, name).__mro__ for k in getattr(base, "__annotations__", {})}
        assert keys <= accepted, f"{name}: {sorted(keys - accepted)} are not keywords of {construct.__name__}"
        checked += 1
    assert checked == len(props.__all__) - len(NO_CONSTRUCT)


def test_props_pass_with_double_star(stack: Any) -> None:
    queue_props = b.JobQueueProps(priority=3, job_queue_name="research")
    queue = b.JobQueue(stack, "Q", **queue_props)
    assert (queue.priority, queue_props) == (3, {"priority": 3, "job_queue_name": "research"})


@first_lane_only
def test_generated_modules_are_current() -> None:
    if importlib.util.find_spec("aws_cdk") is None:
        from tests.conftest import _missing
        _missing("needs aws-cdk-lib 2.275.0 (the test extra) to regenerate batch_constructs/interfaces.py")
    done = subprocess.run([sys.executable, "scripts/gen_interfaces.py", "--check"], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
