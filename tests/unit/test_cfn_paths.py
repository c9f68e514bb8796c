"""CloudFormation override paths → Terraform targets, the override tree and the merge (no jsii)."""
from __future__ import annotations

import json

import pytest

from batch_constructs._cfn_paths import (DELETE, RESOURCE_TYPES, Target, decode_json_attribute, deep_merge,
                                         set_path, split_path, translate_override, translate_property)
from batch_constructs._errors import ValidationError
from batch_constructs._json import canonical_json
from batch_constructs._runtime import COMPAT

CE, JQ, SP, JD = (f"AWS::Batch::{t}" for t in ("ComputeEnvironment", "JobQueue", "SchedulingPolicy", "JobDefinition"))
P = "TestStack/Thing"
TOKEN = "${TfToken[TOKEN.7]}"


def one(cfn_type: str, path: str, value: object) -> Target:
    (target,) = translate_property(P, cfn_type, path, value)
    return target


@pytest.mark.parametrize("cfn_type, path, value, tf_path, tf_value", [
    # irregular names (CloudFormation resource schema → hashicorp/aws 5.100 schema)
    (CE, "ComputeResources.DesiredvCpus", 4, ("compute_resources", "desired_vcpus"), 4),
    (CE, "ComputeResources.MaxvCpus", 64, ("compute_resources", "max_vcpus"), 64),
    (CE, "ComputeResources.MinvCpus", 0, ("compute_resources", "min_vcpus"), 0),
    (CE, "ComputeResources.InstanceTypes", ["m5"], ("compute_resources", "instance_type"), ["m5"]),
    (CE, "ComputeResources.InstanceTypes.1", "c5", ("compute_resources", "instance_type", "1"), "c5"),
    (CE, "ComputeResources.Ec2KeyPair", "k", ("compute_resources", "ec2_key_pair"), "k"),
    (CE, "ComputeResources.Ec2Configuration", [{"ImageType": "ECS_AL2023_NVIDIA"}],
     ("compute_resources", "ec2_configuration"), [{"image_type": "ECS_AL2023_NVIDIA"}]),
    (CE, "ComputeResources.Ec2Configuration.0.ImageIdOverride", "ami-1",
     ("compute_resources", "ec2_configuration", "0", "image_id_override"), "ami-1"),
    (CE, "ComputeResources.LaunchTemplate", {"LaunchTemplateName": "lt", "Version": "$Latest"},
     ("compute_resources", "launch_template"), {"launch_template_name": "lt", "version": "$Latest"}),
    (CE, "UpdatePolicy.TerminateJobsOnUpdate", True, ("update_policy", "terminate_jobs_on_update"), True),
    (CE, "EksConfiguration", {"EksClusterArn": "arn", "KubernetesNamespace": "ns"},
     ("eks_configuration",), {"eks_cluster_arn": "arn", "kubernetes_namespace": "ns"}),
    (CE, "Tags.Team", "x", ("tags", "Team"), "x"),
    (CE, "State", "DISABLED", ("state",), "DISABLED"),
    (JQ, "Priority", 10, ("priority",), 10),
    (JQ, "JobQueueName", "q", ("name",), "q"),
    (JQ, "ComputeEnvironmentOrder", [{"ComputeEnvironment": "arn", "Order": 1}],
     ("compute_environment_order",), [{"compute_environment": "arn", "order": 1}]),
    (JQ, "JobStateTimeLimitActions.0.MaxTimeSeconds", 600,
     ("job_state_time_limit_action", "0", "max_time_seconds"), 600),
    (SP, "FairsharePolicy.ShareDecaySeconds", 300, ("fair_share_policy", "share_decay_seconds"), 300),
    (SP, "FairsharePolicy.ShareDistribution", [{"ShareIdentifier": "A", "WeightFactor": 0.5}],
     ("fair_share_policy", "share_distribution"), [{"share_identifier": "A", "weight_factor": 0.5}]),
    (JD, "JobDefinitionName", "jd", ("name",), "jd"),
    (JD, "RetryStrategy.Attempts", 3, ("retry_strategy", "attempts"), 3),
    (JD, "RetryStrategy.EvaluateOnExit", [{"Action": "EXIT", "OnExitCode": "1"}],
     ("retry_strategy", "evaluate_on_exit"), [{"action": "EXIT", "on_exit_code": "1"}]),
    (JD, "Timeout.AttemptDurationSeconds", 60, ("timeout", "attempt_duration_seconds"), 60),
    (JD, "Parameters", {"Who": "me"}, ("parameters",), {"Who": "me"}),
    (JD, "ResourceRetentionPolicy.SkipDeregisterOnUpdate", True, ("deregister_on_new_revision",), False),
    (JD, "ResourceRetentionPolicy", {"SkipDeregisterOnUpdate": False}, ("deregister_on_new_revision",), True),
    (JD, "EksProperties.PodProperties.Containers.0.SecurityContext.ReadOnlyRootFilesystem", True,
     ("eks_properties", "pod_properties", "containers", "0", "security_context", "read_only_root_file_system"), True),
    (JD, "EksProperties.PodProperties.ImagePullSecrets", [{"Name": "s"}],
     ("eks_properties", "pod_properties", "image_pull_secret"), [{"name": "s"}]),
    (JD, "EksProperties.PodProperties.Metadata.Labels", {"App": "x"},
     ("eks_properties", "pod_properties", "metadata", "labels"), {"App": "x"}),
])
def test_typed_attributes_and_blocks(cfn_type: str, path: str, value: object, tf_path: tuple[str, ...],
                                     tf_value: object) -> None:
    target = one(cfn_type, path, value)
    assert (target.path, target.value, target.json) == (tf_path, tf_value, False)


@pytest.mark.parametrize("path, value, tf_path, tf_value", [
    ("ContainerProperties.LinuxParameters.InitProcessEnabled", True,
     ("container_properties", "linuxParameters", "initProcessEnabled"), True),
    ("ContainerProperties.Volumes",
     [{"Name": "v", "EfsVolumeConfiguration": {"FileSystemId": "fs-1", "AuthorizationConfig": {"Iam": "ENABLED"}}}],
     ("container_properties", "volumes"),
     [{"name": "v", "efsVolumeConfiguration": {"fileSystemId": "fs-1", "authorizationConfig": {"iam": "ENABLED"}}}]),
    ("ContainerProperties.EphemeralStorage.SizeInGiB", 30,
     ("container_properties", "ephemeralStorage", "sizeInGiB"), 30),
    ("ContainerProperties.Environment.0.Value", "x", ("container_properties", "environment", "0", "value"), "x"),
    # user-keyed maps keep their keys
    ("ContainerProperties.LogConfiguration", {"LogDriver": "awslogs", "Options": {"awslogs-group": "g"}},
     ("container_properties", "logConfiguration"), {"logDriver": "awslogs", "options": {"awslogs-group": "g"}}),
    ("ContainerProperties.LogConfiguration.Options.awslogs-region", "eu-west-1",
     ("container_properties", "logConfiguration", "options", "awslogs-region"), "eu-west-1"),
    ("NodeProperties.NodeRangeProperties.1.Container.Vcpus", 4,
     ("node_properties", "nodeRangeProperties", "1", "container", "vcpus"), 4),
    ("EcsProperties.TaskProperties.0.Containers.0.Image", "img",
     ("ecs_properties", "taskProperties", "0", "containers", "0", "image"), "img"),
    ("ContainerProperties", {"Image": "img"}, ("container_properties",), {"image": "img"}),
])
def test_json_string_attributes_take_the_api_camel_case(path: str, value: object, tf_path: tuple[str, ...],
                                                       tf_value: object) -> None:
    target = one(JD, path, value)
    assert (target.path, target.value, target.json) == (tf_path, tf_value, True)


def test_a_fixed_compute_environment_name_replaces_the_generated_prefix() -> None:
    targets = translate_property(P, CE, "ComputeEnvironmentName", "ce")
    assert targets == [Target((COMPAT.ce_name_key,), "ce"), Target((COMPAT.ce_name_prefix_key,), DELETE)]


def test_add_override_paths() -> None:
    assert translate_override(P, JD, "Properties.RetryStrategy.Attempts", 2) == [
        Target(("retry_strategy", "attempts"), 2)]
    assert translate_override(P, JQ, "Properties", {"Priority": 3, "State": "DISABLED"}) == [
        Target(("priority",), 3), Target(("state",), "DISABLED")]
    assert translate_override(P, JD, "retry_strategy.attempts", 2) is None  # a Terraform path
    assert translate_property(P, JD, "Timeout", DELETE) == [Target(("timeout",), DELETE)]
    assert split_path(r"Tags.a\.b") == ["Tags", "a.b"]
    assert translate_property(P, JD, r"Tags.team\.name", "x") == [Target(("tags", "team.name"), "x")]


@pytest.mark.parametrize("cfn_type, path, value, message", [
    (JD, "ContainerProperty.Image", "x", r"'ContainerProperty' is not a CloudFormation property of "
                                         r"AWS::Batch::JobDefinition; valid properties: ConsumableResourceProperties, "
                                         r"ContainerProperties, .*Type$"),
    (CE, "ComputeResources.MaxVCpus", 1, r"'MaxVCpus' is not a CloudFormation property of 'ComputeResources'; "
                                         r"valid properties: AllocationStrategy, .*MaxvCpus"),
    (CE, "ComputeResources.Ec2Configuration", [{"ImageTyp": "x"}], r"'ImageTyp' is not a CloudFormation property "
                                                                    r"of 'ComputeResources.Ec2Configuration.0'"),
    (CE, "ComputeResources.Ec2Configuration.ImageType", "x", r"is a list: the segment after it must be an index"),
    (CE, "ComputeResources.0", 1, r"'ComputeResources' is an object, not a list"),
    (CE, "ComputeResources", "x", r"'ComputeResources' must be a dict of its CloudFormation properties"),
    (CE, "ComputeResources.MaxvCpus", {"a": 1}, r"'ComputeResources.MaxvCpus' takes a value or a list of values"),
    (CE, "ComputeResources.MaxvCpus.Value", 1, r"has no properties below it"),
    (CE, "Context", "x", r"'Context' of AWS::Batch::ComputeEnvironment cannot be mapped to Terraform: "
                         r"hashicorp/aws 5.100 has no attribute"),
    (CE, "ComputeResources.UpdateToLatestImageVersion", True, r"update_to_latest_image_version=True"),
    (CE, "ComputeEnvironmentArn", "x", r"read-only .*compute_environment_arn"),
    (JD, "ConsumableResourceProperties", {}, r"cannot be mapped to Terraform"),
    (JD, "ContainerProperties.Imag", "x", r"'Imag' is not a property of 'ContainerProperties'; valid properties: "
                                          r"Command, "),
    (JD, "ContainerProperties", '{"image": "x"}', r"must be a dict in CloudFormation's shape.*"
                                                  r"add_override\('container_properties', \.\.\.\)"),
    (JD, "ResourceRetentionPolicy.SkipDeregisterOnUpdate", "yes", r"must be True or False"),
    (JD, "Tags.a.b", "x", r"'Tags' is a map of strings: name one key below it"),
    (JD, "Tags", ["x"], r"'Tags' must be a dict of strings"),
    (JD, "", 1, r"the path must be a non-empty string"),
    (JD, "RetryStrategy..Attempts", 1, r"has an empty segment"),
    (JQ, "JobQueueType", "ECS", r"cannot be mapped"),
    (SP, "FairSharePolicy", {}, r"'FairSharePolicy' is not a CloudFormation property of "
                                r"AWS::Batch::SchedulingPolicy; valid properties: Arn, FairsharePolicy, Name, "
                                r"QuotaSharePolicy, Tags"),
])
def test_unmappable_property_paths_raise(cfn_type: str, path: str, value: object, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as info:
        translate_property(P, cfn_type, path, value)
    assert info.value.path == P and f"add_property_override({path!r})" in str(info.value)


@pytest.mark.parametrize("path, message", [
    ("DeletionPolicy", r"apply_removal_policy\(RemovalPolicy.RETAIN\)"),
    ("UpdateReplacePolicy", r"lifecycle.prevent_destroy"),
    ("DependsOn", r"node.add_dependency"),
    ("Metadata.x", r"no CloudFormation metadata"),
    ("Condition", r"Terraform has no conditions"),
    ("Type", r"cannot be overridden"),
    ("Propertie.X", r"'Propertie' is neither 'Properties' nor a CloudFormation resource attribute"),
    ("Properties", r"'Properties' must be a dict"),
])
def test_resource_attributes_are_refused_with_the_terraform_way(path: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        translate_override(P, JD, path, "x")


def test_the_override_tree_follows_aws_cdk_add_override() -> None:
    tree: dict = {}
    set_path(tree, ("retry_strategy", "attempts"), 1)
    set_path(tree, ("retry_strategy", "evaluate_on_exit"), [{"action": "EXIT"}])
    set_path(tree, ("timeout",), 5)
    set_path(tree, ("timeout", "attempt_duration_seconds"), 60)  # a scalar becomes an object
    assert tree == {"retry_strategy": {"attempts": 1, "evaluate_on_exit": [{"action": "EXIT"}]},
                    "timeout": {"attempt_duration_seconds": 60}}


def tree(*overrides: tuple[str, object]) -> dict:
    out: dict = {}
    for path, value in overrides:
        set_path(out, path.split("."), value)
    return out


def test_deep_merge_merges_objects_replaces_lists_and_indexes_with_numbers() -> None:
    target = {"a": {"x": 1, "y": 2}, "l": [{"k": 1}, {"k": 2}], "s": [1, 2], "gone": 1, "keep": {"z": 1}}
    deep_merge(P, target, tree(("a", {"y": 3}), ("l.1.k", 5), ("l.2", {"k": 6}), ("s", [9]), ("gone", DELETE),
                               ("keep.z", DELETE), ("new.0.n", 1), ("map", {"0": "zero"})))
    assert target == {"a": {"x": 1, "y": 3}, "l": [{"k": 1}, {"k": 5}, {"k": 6}], "s": [9], "new": [{"n": 1}],
                      "map": {"0": "zero"}}  # a user's dict with numeric keys stays a dict
    deep_merge(P, target, tree(("l.0", DELETE), ("l.2", DELETE), ("l.4", {"k": 8}), ("l.3", {"k": 7})))
    assert target["l"] == [{"k": 5}, {"k": 7}, {"k": 8}]


@pytest.mark.parametrize("source, message", [
    ({"l.5.k": 1}, r"override 'l.5': index 5 is past the end of 'l' \(1 entries\)"),
    ({"l.x": 1}, r"override 'l.x': 'l' is a list, index it with a number"),
])
def test_deep_merge_refuses_what_terraform_cannot_take(source: dict, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        deep_merge(P, {"l": [{"k": 1}]}, tree(*source.items()))


def test_json_attribute_round_trip_keeps_escapes_and_tokens() -> None:
    value = {"command": ["echo ${HOME}", "%{x}", "$${lit}"], "jobRoleArn": TOKEN, "image": f"${TOKEN}"}
    text = canonical_json(value)
    assert decode_json_attribute(text) == value
    assert canonical_json(decode_json_attribute(text)) == text
    assert decode_json_attribute(None) == {} and json.loads(text)["jobRoleArn"] == TOKEN


def test_every_type_lists_its_properties_sorted_for_the_message() -> None:
    assert set(RESOURCE_TYPES) == {CE, JQ, SP, JD}
    assert "ComputeEnvironmentOrder" in RESOURCE_TYPES[JQ] and "FairsharePolicy" in RESOURCE_TYPES[SP]
