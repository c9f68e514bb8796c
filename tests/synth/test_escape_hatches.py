"""Escape hatches: ``node.default_child`` takes AWS CDK's CloudFormation override paths, mapped onto
the Terraform attributes, and Terraform paths that win over what the constructs render."""
from __future__ import annotations

import json
from typing import Any

import pytest

from batch_constructs import (EcsJobDefinition, EksContainerDefinition, EksJobDefinition,
                              FairshareSchedulingPolicy, JobQueue, ManagedEc2EcsComputeEnvironment,
                              MultiNodeContainer, MultiNodeJobDefinition, OrderedComputeEnvironment, RetryStrategy,
                              ValidationError, Action, Reason)
from batch_constructs._runtime import COMPAT
from batch_constructs.core import Duration, Size, Tags
from batch_constructs.testing import Template

from ._helpers import ec2, image, only_ce


def raw_resources(stack: Any, type_: str) -> dict[str, Any]:
    """The synthesized resources of ``type_`` as cdktf writes them (JSON strings undecoded)."""
    return Template.from_stack(stack).to_json()["resource"][type_]


def job_definition(stack: Any, **kwargs: Any) -> EcsJobDefinition:
    return EcsJobDefinition(stack, "JobDef", container=ec2(stack), **kwargs)


def only(stack: Any, type_: str) -> dict[str, Any]:
    (resource,) = Template.from_stack(stack).find_resources(type_).values()
    return resource


def test_default_child_is_the_resource_and_keeps_its_class(stack: Any) -> None:
    jd = job_definition(stack)
    child = jd.node.default_child
    assert child is jd.resource and jd.node.default_child is child
    assert type(child).__name__ == "BatchJobDefinition" and child.terraform_resource_type == "aws_batch_job_definition"


def test_container_properties_override_lands_in_the_canonical_json(stack: Any) -> None:
    jd = job_definition(stack)
    jd.node.default_child.add_property_override("ContainerProperties.Volumes", [
        {"Name": "scratch", "Host": {"SourcePath": "/mnt/${USER}"}}])
    jd.node.default_child.add_override("Properties.ContainerProperties.LinuxParameters.InitProcessEnabled", True)
    (resource,) = raw_resources(stack, "aws_batch_job_definition").values()
    text = resource["container_properties"]
    document = json.loads(text)
    assert document["volumes"] == [{"host": {"sourcePath": "/mnt/$${USER}"}, "name": "scratch"}]
    assert document["linuxParameters"] == {"initProcessEnabled": True}
    assert document["image"] == "public.ecr.aws/amazonlinux/amazonlinux:latest"  # the rendered rest stays
    # canonical: sorted keys, compact, ${ escaped once
    assert text == json.dumps(document, sort_keys=True, separators=(",", ":"))
    assert text.count("$${USER}") == 1 and "${aws_iam_role." in text  # the reference still resolves


def test_overrides_merge_with_values_added_later(stack: Any, vpc: Any) -> None:
    ce = ManagedEc2EcsComputeEnvironment(stack, "CE", vpc=vpc)
    ce.node.default_child.add_property_override("ComputeResources.Ec2Configuration",
                                                [{"ImageType": "ECS_AL2023_NVIDIA"}])
    ce.node.default_child.add_property_override("ComputeResources.MaxvCpus", 8)
    ce.node.default_child.add_property_override("ComputeResources.Tags", {"cost-center": "${lit}"})
    ce.add_instance_type("c5.large")  # rendered at synth, after the overrides were made
    resources = only_ce(stack)["compute_resources"]
    assert resources["ec2_configuration"] == [{"image_type": "ECS_AL2023_NVIDIA"}]
    assert resources["max_vcpus"] == 8 and resources["min_vcpus"] == 0
    assert "c5.large" in resources["instance_type"]
    assert resources["tags"] == {"cost-center": "$${lit}"}  # user strings reach Terraform literally


def test_fixed_compute_environment_name_replaces_the_prefix(stack: Any, vpc: Any) -> None:
    ce = ManagedEc2EcsComputeEnvironment(stack, "CE", vpc=vpc)
    ce.node.default_child.add_override("Properties.ComputeEnvironmentName", "gpu-ce")
    rendered = only_ce(stack)
    assert rendered[COMPAT.ce_name_key] == "gpu-ce" and COMPAT.ce_name_prefix_key not in rendered


def test_queue_priority_and_state_override_the_typed_values(stack: Any, vpc: Any) -> None:
    ce = ManagedEc2EcsComputeEnvironment(stack, "CE", vpc=vpc)
    queue = JobQueue(stack, "Queue", priority=1,
                     compute_environments=[OrderedComputeEnvironment(compute_environment=ce, order=1)])
    queue.node.default_child.add_property_override("Priority", 10)
    queue.node.default_child.add_property_override("ComputeEnvironmentOrder.0.Order", 2)
    rendered = only(stack, "aws_batch_job_queue")
    assert rendered["priority"] == 10
    assert rendered["compute_environment_order"][0]["order"] == 2
    queue.node.default_child.add_property_deletion_override("State")  # a typed constructor value
    with pytest.raises(ValidationError, match="required attribute 'state' is missing"):  # the provider-schema check
        Template.from_stack(stack)
    (rendered,) = Template.from_stack(stack, run_validations=False).find_resources("aws_batch_job_queue").values()
    assert "state" not in rendered


def test_scheduling_policy_and_eks_and_multinode_paths(stack: Any) -> None:
    policy = FairshareSchedulingPolicy(stack, "Policy", share_decay=Duration.minutes(5))
    policy.node.default_child.add_property_override("FairsharePolicy.ComputeReservation", 50)
    eks = EksJobDefinition(stack, "Eks", container=EksContainerDefinition(
        stack, "EksContainer", image=image(), cpu_limit=1, memory_limit=Size.mebibytes(2048)))
    eks.node.default_child.add_property_override(
        "EksProperties.PodProperties.Containers.0.SecurityContext.ReadOnlyRootFilesystem", True)
    multi = MultiNodeJobDefinition(stack, "Multi", containers=[
        MultiNodeContainer(start_node=0, end_node=1, container=ec2(stack, "Main"))])
    multi.node.default_child.add_override("Properties.NodeProperties.NodeRangeProperties.0.Container.Vcpus", 4)
    template = Template.from_stack(stack)
    (rendered_policy,) = template.find_resources("aws_batch_scheduling_policy").values()
    assert rendered_policy["fair_share_policy"] == {"compute_reservation": 50, "share_decay_seconds": 300}
    jds = {k.split("_")[0]: v for k, v in template.find_resources("aws_batch_job_definition").items()}
    container = jds["Eks"]["eks_properties"]["pod_properties"]["containers"][0]
    assert container["security_context"] == {"read_only_root_file_system": True}
    node_range = jds["Multi"]["node_properties"]["nodeRangeProperties"][0]
    assert node_range["container"]["vcpus"] == 4 and node_range["targetNodes"] == "0:1"


def test_terraform_path_override_wins_over_the_render(stack: Any) -> None:
    jd = job_definition(stack, retry_attempts=5)
    jd.node.default_child.add_override("retry_strategy.attempts", 3)
    jd.add_retry_strategy(RetryStrategy.of(Action.EXIT, Reason.CANNOT_PULL_CONTAINER))  # rendered later
    retry = only(stack, "aws_batch_job_definition")["retry_strategy"]
    assert retry["attempts"] == 3 and retry["evaluate_on_exit"][0]["action"] == "EXIT"
    jd.node.default_child.add_override("container_properties", '{"image":"x"}')
    assert only(stack, "aws_batch_job_definition")["container_properties"] == {"image": "x"}


def test_deletion_overrides(stack: Any) -> None:
    jd = job_definition(stack, timeout=Duration.minutes(5), propagate_tags=True)
    jd.node.default_child.add_property_deletion_override("Timeout")
    jd.node.default_child.add_deletion_override("Properties.ContainerProperties.ResourceRequirements")
    jd.node.default_child.add_deletion_override("propagate_tags")  # a Terraform path
    rendered = only(stack, "aws_batch_job_definition")
    assert "timeout" not in rendered and "propagate_tags" not in rendered
    assert "resourceRequirements" not in rendered["container_properties"]
    assert rendered["container_properties"]["image"]


def test_tags_override_merges_with_tags_of(stack: Any) -> None:
    jd = job_definition(stack)
    Tags.of(jd).add("team", "batch")
    jd.node.default_child.add_property_override("Tags.stage", "prod")
    assert only(stack, "aws_batch_job_definition")["tags"] == {"stage": "prod", "team": "batch"}


def test_a_bad_path_raises_before_anything_is_recorded(stack: Any) -> None:
    jd = job_definition(stack)
    before = only(stack, "aws_batch_job_definition")
    with pytest.raises(ValidationError, match=r"^\[TestStack/JobDef\] add_property_override\('ContainerProperty"
                                              r"\.Image'\): 'ContainerProperty' is not a CloudFormation property "
                                              r"of AWS::Batch::JobDefinition; valid properties: .*") as info:
        jd.node.default_child.add_property_override("ContainerProperty.Image", "x")
    assert info.value.path == "TestStack/JobDef"
    with pytest.raises(ValidationError, match=r"DeletionPolicy.*apply_removal_policy"):
        jd.node.default_child.add_override("DeletionPolicy", "Retain")
    assert only(stack, "aws_batch_job_definition") == before


def test_an_index_past_the_end_fails_at_synth_naming_the_construct(stack: Any) -> None:
    jd = job_definition(stack)
    jd.node.default_child.add_property_override("RetryStrategy.EvaluateOnExit.3.Action", "EXIT")
    with pytest.raises(ValidationError, match=r"^\[TestStack/JobDef\] override 'retry_strategy.evaluate_on_exit.3'"
                                              r": index 3 is past the end"):
        Template.from_stack(stack)


def test_other_resources_take_terraform_paths_only(stack: Any, vpc: Any) -> None:
    ce = ManagedEc2EcsComputeEnvironment(stack, "CE", vpc=vpc)
    profile = ce.instance_profile
    assert not hasattr(type(profile), "add_property_override")  # not a late L1: the provider class itself
    from batch_constructs.logs import LogGroup
    group = LogGroup(stack, "Logs")
    group.node.default_child.add_override("retention_in_days", 7)
    with pytest.raises(ValidationError, match=r"^\[TestStack/Logs\] add_property_override\('RetentionInDays'\): "
                                              r"CloudFormation property paths are mapped only for the AWS Batch "
                                              r"resources .*for aws_cloudwatch_log_group use add_override"):
        group.node.default_child.add_property_override("RetentionInDays", 7)
    with pytest.raises(ValidationError, match=r"add_override\('Properties.RetentionInDays'\): CloudFormation"):
        group.node.default_child.add_override("Properties.RetentionInDays", 7)
    assert only(stack, "aws_cloudwatch_log_group")["retention_in_days"] == 7
