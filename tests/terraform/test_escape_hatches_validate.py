"""A stack whose Batch resources carry AWS CDK escape-hatch overrides (CloudFormation property paths
mapped onto Terraform attributes, JSON-string attributes included, Terraform paths, deletions)
passes ``terraform validate``."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.harness.terraform import assert_validates

pytestmark = pytest.mark.terraform


def build(stack: Any, vpc: Any) -> None:
    from batch_constructs import (EcsEc2ContainerDefinition, EcsJobDefinition, EksContainerDefinition,
                                  EksJobDefinition, FairshareSchedulingPolicy, JobQueue,
                                  ManagedEc2EcsComputeEnvironment, OrderedComputeEnvironment, Share)
    from batch_constructs.core import Duration, Size
    from batch_constructs.ecs import ContainerImage

    image = ContainerImage.from_registry("public.ecr.aws/amazonlinux/amazonlinux:2023")
    ce = ManagedEc2EcsComputeEnvironment(stack, "GpuEnv", vpc=vpc, instance_types=[])
    ce.node.default_child.add_property_override("ComputeResources.InstanceTypes", ["g5"])
    ce.node.default_child.add_property_override("ComputeResources.Ec2Configuration",
                                                [{"ImageType": "ECS_AL2023_NVIDIA"}])
    ce.node.default_child.add_property_override("UpdatePolicy", {"JobExecutionTimeoutMinutes": 30,
                                                                 "TerminateJobsOnUpdate": False})
    policy = FairshareSchedulingPolicy(stack, "Policy", shares=[Share(share_identifier="A", weight_factor=1)])
    policy.node.default_child.add_property_override("FairsharePolicy.ShareDecaySeconds", 600)
    queue = JobQueue(stack, "Queue", scheduling_policy=policy,
                     compute_environments=[OrderedComputeEnvironment(compute_environment=ce, order=1)])
    queue.node.default_child.add_property_override("Priority", 10)
    queue.node.default_child.add_property_override("JobStateTimeLimitActions", [
        {"Action": "CANCEL", "MaxTimeSeconds": 600, "Reason": "CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY",
         "State": "RUNNABLE"}])

    container = EcsEc2ContainerDefinition(stack, "Container", image=image, cpu=1, memory=Size.mebibytes(2048))
    ecs = EcsJobDefinition(stack, "Ecs", container=container, retry_attempts=2, timeout=Duration.minutes(30))
    ecs.node.default_child.add_property_override("ContainerProperties.Volumes", [
        {"Name": "scratch", "Host": {"SourcePath": "/scratch"}}])
    ecs.node.default_child.add_property_override("ContainerProperties.MountPoints", [
        {"SourceVolume": "scratch", "ContainerPath": "/scratch", "ReadOnly": False}])
    ecs.node.default_child.add_override("Properties.ContainerProperties.LinuxParameters.InitProcessEnabled", True)
    ecs.node.default_child.add_override("retry_strategy.attempts", 3)
    ecs.node.default_child.add_property_deletion_override("Timeout")
    ecs.node.default_child.add_property_override("ResourceRetentionPolicy.SkipDeregisterOnUpdate", True)

    eks = EksJobDefinition(stack, "Eks", container=EksContainerDefinition(
        stack, "EksContainer", image=image, cpu_limit=1, memory_limit=Size.mebibytes(2048)))
    eks.node.default_child.add_property_override(
        "EksProperties.PodProperties.Containers.0.SecurityContext", {"RunAsUser": 1000, "RunAsNonRoot": True})
    eks.node.default_child.add_property_override("EksProperties.PodProperties.Metadata.Labels", {"app": "batch"})


def test_stack_with_escape_hatch_overrides_validates(terraform_tools: Any, stack: Any, vpc: Any,
                                                     tmp_path: Path) -> None:
    from batch_constructs.testing import Template

    build(stack, vpc)
    doc = Template.from_stack(stack).to_json()
    assert_validates(terraform_tools, doc, tmp_path / "tf")
    resources = doc["resource"]
    (ecs_jd,) = [jd for key, jd in resources["aws_batch_job_definition"].items() if key.startswith("Ecs_")]
    assert json.loads(ecs_jd["container_properties"])["mountPoints"][0]["sourceVolume"] == "scratch"
    assert ecs_jd["retry_strategy"] == {"attempts": 3} and "timeout" not in ecs_jd
    assert ecs_jd["deregister_on_new_revision"] is False
    (ce,) = resources["aws_batch_compute_environment"].values()
    assert ce["compute_resources"]["instance_type"] == ["g5"]
