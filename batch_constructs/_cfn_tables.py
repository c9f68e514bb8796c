"""The tables of :mod:`batch_constructs._cfn_paths`: every CloudFormation property of the four AWS
Batch resource types this library emits, and its Terraform name and shape.

Sources: the CloudFormation resource schemas of ``AWS::Batch::ComputeEnvironment``,
``AWS::Batch::JobQueue``, ``AWS::Batch::SchedulingPolicy`` and ``AWS::Batch::JobDefinition``
(registry schemas as shipped with cfn-lint 1.51) for the property names; the hashicorp/aws 5.100.0
provider schema (``terraform providers schema -json``) for every Terraform name and whether it is a
nested block (one, or a list) or an attribute. A CloudFormation property with no attribute in that
schema is ``R(reason)``: refused with the reason.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from ._runtime import COMPAT

__all__ = ["JSON_ATTRIBUTES", "JSON_MAPS", "Prop", "RESOURCE_ATTRIBUTES", "RESOURCE_TYPES"]

#: the Terraform attributes that hold a JSON document (provider schema: type string)
JSON_ATTRIBUTES = frozenset({"container_properties", "node_properties", "ecs_properties"})
#: keys of the Batch API's JSON whose values are user-keyed maps (no case conversion below them)
JSON_MAPS = frozenset({"Options", "Labels", "Annotations", "Limits", "Requests",
                       "options", "labels", "annotations", "limits", "requests"})


@dataclass(frozen=True)
class Prop:
    """One CloudFormation property: ``kind`` is ``attr`` (a value or a list of values), ``map``
    (user keys), ``block`` (one nested block), ``blocks`` (a list of blocks), ``json`` (a
    JSON-string attribute), ``refused``, ``name`` (a name that replaces a generated prefix) or
    ``inverted`` (a boolean stored negated)."""

    kind: str
    tf: str = ""
    children: Mapping[str, "Prop"] = field(default_factory=dict)
    reason: str = ""
    keys: tuple[str, ...] = ()


def A(tf: str) -> Prop:
    return Prop("attr", tf)


def M(tf: str) -> Prop:
    return Prop("map", tf)


def B(tf: str, children: Mapping[str, Prop]) -> Prop:
    return Prop("block", tf, children)


def L(tf: str, children: Mapping[str, Prop]) -> Prop:
    return Prop("blocks", tf, children)


def J(tf: str, *keys: str) -> Prop:
    return Prop("json", tf, keys=keys)


def R(reason: str) -> Prop:
    return Prop("refused", reason=reason)


_NO_ATTRIBUTE = "hashicorp/aws 5.100 has no attribute for it"
_READ_ONLY = "a read-only CloudFormation attribute (use the construct's {0})"

# AWS::Batch::ComputeEnvironment → aws_batch_compute_environment
_COMPUTE_RESOURCES = {
    "AllocationStrategy": A("allocation_strategy"), "BidPercentage": A("bid_percentage"),
    "DesiredvCpus": A("desired_vcpus"),
    "Ec2Configuration": L("ec2_configuration", {
        "ImageIdOverride": A("image_id_override"), "ImageType": A("image_type"),
        "ImageKubernetesVersion": R(_NO_ATTRIBUTE),
        "BatchImageStatus": R("read-only in CloudFormation")}),
    "Ec2KeyPair": A("ec2_key_pair"), "ImageId": A("image_id"), "InstanceRole": A("instance_role"),
    "InstanceTypes": A("instance_type"),
    "LaunchTemplate": B("launch_template", {
        "LaunchTemplateId": A("launch_template_id"), "LaunchTemplateName": A("launch_template_name"),
        "Version": A("version"), "Overrides": R(_NO_ATTRIBUTE), "UserdataType": R(_NO_ATTRIBUTE)}),
    "MaxvCpus": A("max_vcpus"), "MinvCpus": A("min_vcpus"), "PlacementGroup": A("placement_group"),
    "ScalingPolicy": R(_NO_ATTRIBUTE), "SecurityGroupIds": A("security_group_ids"),
    "SpotIamFleetRole": A("spot_iam_fleet_role"), "Subnets": A("subnets"), "Tags": M("tags"), "Type": A("type"),
    "UpdateToLatestImageVersion": R("CloudFormation-only; pass update_to_latest_image_version=True to the "
                                    "construct (the image id then comes from the SSM parameter Batch publishes)"),
}
class _CeName(Prop):
    """The compute environment's name argument, read from the chosen provider version's schema when
    used (``COMPAT``: 5.x ``compute_environment_name``, 6.x ``name``), not at import."""

    tf = property(lambda self: COMPAT.ce_name_key, lambda self, value: None)  # type: ignore[assignment]
    keys = property(lambda self: (COMPAT.ce_name_prefix_key,), lambda self, value: None)  # type: ignore[assignment]


_COMPUTE_ENVIRONMENT = {
    "ComputeEnvironmentArn": R(_READ_ONLY.format("compute_environment_arn")),
    "ComputeEnvironmentName": _CeName("name"),
    "ComputeResources": B("compute_resources", _COMPUTE_RESOURCES),
    "Context": R(_NO_ATTRIBUTE),
    "EksConfiguration": B("eks_configuration", {"EksClusterArn": A("eks_cluster_arn"),
                                                "KubernetesNamespace": A("kubernetes_namespace")}),
    "ReplaceComputeEnvironment": R("CloudFormation-only update behaviour (Terraform plans replacements itself)"),
    "ServiceRole": A("service_role"), "State": A("state"), "Tags": M("tags"), "Type": A("type"),
    "UnmanagedvCpus": R(_NO_ATTRIBUTE),
    "UpdatePolicy": B("update_policy", {"JobExecutionTimeoutMinutes": A("job_execution_timeout_minutes"),
                                        "TerminateJobsOnUpdate": A("terminate_jobs_on_update")}),
}

# AWS::Batch::JobQueue → aws_batch_job_queue
_JOB_QUEUE = {
    "ComputeEnvironmentOrder": L("compute_environment_order", {"ComputeEnvironment": A("compute_environment"),
                                                               "Order": A("order")}),
    "JobQueueArn": R(_READ_ONLY.format("job_queue_arn")), "JobQueueName": A("name"),
    "JobQueueType": R(_NO_ATTRIBUTE),
    "JobStateTimeLimitActions": L("job_state_time_limit_action", {
        "Action": A("action"), "MaxTimeSeconds": A("max_time_seconds"), "Reason": A("reason"), "State": A("state")}),
    "Priority": A("priority"), "SchedulingPolicyArn": A("scheduling_policy_arn"),
    "ServiceEnvironmentOrder": R(_NO_ATTRIBUTE), "State": A("state"), "Tags": M("tags"),
}

# AWS::Batch::SchedulingPolicy → aws_batch_scheduling_policy
_SCHEDULING_POLICY = {
    "Arn": R(_READ_ONLY.format("scheduling_policy_arn")),
    "FairsharePolicy": B("fair_share_policy", {
        "ComputeReservation": A("compute_reservation"), "ShareDecaySeconds": A("share_decay_seconds"),
        "ShareDistribution": L("share_distribution", {"ShareIdentifier": A("share_identifier"),
                                                      "WeightFactor": A("weight_factor")})}),
    "Name": A("name"), "QuotaSharePolicy": R(_NO_ATTRIBUTE), "Tags": M("tags"),
}

# AWS::Batch::JobDefinition → aws_batch_job_definition (eks_properties is a typed block in 5.x)
_EKS_CONTAINER = {
    "Args": A("args"), "Command": A("command"), "Env": L("env", {"Name": A("name"), "Value": A("value")}),
    "Image": A("image"), "ImagePullPolicy": A("image_pull_policy"), "Name": A("name"),
    "Resources": B("resources", {"Limits": M("limits"), "Requests": M("requests")}),
    "SecurityContext": B("security_context", {
        "AllowPrivilegeEscalation": R(_NO_ATTRIBUTE), "Privileged": A("privileged"),
        "ReadOnlyRootFilesystem": A("read_only_root_file_system"), "RunAsGroup": A("run_as_group"),
        "RunAsNonRoot": A("run_as_non_root"), "RunAsUser": A("run_as_user")}),
    "VolumeMounts": L("volume_mounts", {"MountPath": A("mount_path"), "Name": A("name"),
                                        "ReadOnly": A("read_only"), "SubPath": R(_NO_ATTRIBUTE)}),
}
_POD_PROPERTIES = {
    "Containers": L("containers", _EKS_CONTAINER), "DnsPolicy": A("dns_policy"), "HostNetwork": A("host_network"),
    "ImagePullSecrets": L("image_pull_secret", {"Name": A("name")}),
    "InitContainers": L("init_containers", _EKS_CONTAINER),
    "Metadata": B("metadata", {"Labels": M("labels"), "Annotations": R(_NO_ATTRIBUTE),
                               "Namespace": R(_NO_ATTRIBUTE)}),
    "ServiceAccountName": A("service_account_name"), "ShareProcessNamespace": A("share_process_namespace"),
    "Volumes": L("volumes", {
        "EmptyDir": B("empty_dir", {"Medium": A("medium"), "SizeLimit": A("size_limit")}),
        "HostPath": B("host_path", {"Path": A("path")}), "Name": A("name"),
        "PersistentVolumeClaim": R(_NO_ATTRIBUTE),
        "Secret": B("secret", {"Optional": A("optional"), "SecretName": A("secret_name")})}),
}
_CONTAINER_KEYS = ("Command", "EnableExecuteCommand", "Environment", "EphemeralStorage", "ExecutionRoleArn",
                   "FargatePlatformConfiguration", "Image", "InstanceType", "JobRoleArn", "LinuxParameters",
                   "LogConfiguration", "Memory", "MountPoints", "NetworkConfiguration", "Privileged",
                   "ReadonlyRootFilesystem", "RepositoryCredentials", "ResourceRequirements", "RuntimePlatform",
                   "Secrets", "Ulimits", "User", "Vcpus", "Volumes")
_JOB_DEFINITION = {
    "ConsumableResourceProperties": R(_NO_ATTRIBUTE),
    "ContainerProperties": J("container_properties", *_CONTAINER_KEYS),
    "EcsProperties": J("ecs_properties", "TaskProperties"),
    "EksProperties": B("eks_properties", {"PodProperties": B("pod_properties", _POD_PROPERTIES)}),
    "JobDefinitionArn": R(_READ_ONLY.format("job_definition_arn")), "JobDefinitionName": A("name"),
    "NodeProperties": J("node_properties", "MainNode", "NodeRangeProperties", "NumNodes"),
    "Parameters": M("parameters"), "PlatformCapabilities": A("platform_capabilities"),
    "PropagateTags": A("propagate_tags"),
    # SkipDeregisterOnUpdate = not deregister_on_new_revision
    "ResourceRetentionPolicy": Prop("inverted", "deregister_on_new_revision", keys=("SkipDeregisterOnUpdate",)),
    "RetryStrategy": B("retry_strategy", {"Attempts": A("attempts"), "EvaluateOnExit": L("evaluate_on_exit", {
        "Action": A("action"), "OnExitCode": A("on_exit_code"), "OnReason": A("on_reason"),
        "OnStatusReason": A("on_status_reason")})}),
    "SchedulingPriority": A("scheduling_priority"), "Tags": M("tags"),
    "Timeout": B("timeout", {"AttemptDurationSeconds": A("attempt_duration_seconds")}), "Type": A("type"),
}

#: CloudFormation type → its properties
RESOURCE_TYPES: dict[str, Mapping[str, Prop]] = {
    "AWS::Batch::ComputeEnvironment": _COMPUTE_ENVIRONMENT,
    "AWS::Batch::JobQueue": _JOB_QUEUE,
    "AWS::Batch::SchedulingPolicy": _SCHEDULING_POLICY,
    "AWS::Batch::JobDefinition": _JOB_DEFINITION,
}

# CloudFormation resource attributes (outside Properties) and what to use in Terraform instead
RESOURCE_ATTRIBUTES = {
    "DeletionPolicy": "use apply_removal_policy(RemovalPolicy.RETAIN) (Terraform's lifecycle.prevent_destroy) "
                      "or add_override('lifecycle.prevent_destroy', True)",
    "UpdateReplacePolicy": "use apply_removal_policy(...) or add_override('lifecycle.prevent_destroy', True)",
    "DependsOn": "use node.add_dependency(...) or add_override('depends_on', ['<type>.<name>'])",
    "Metadata": "Terraform resources have no CloudFormation metadata",
    "Condition": "Terraform has no conditions: use add_override('count', 0) or build the construct conditionally",
    "CreationPolicy": "Terraform has no creation policies",
    "UpdatePolicy": "Terraform has no update policies (a compute environment's update policy is the property "
                    "'Properties.UpdatePolicy')",
    "Type": "the resource type cannot be overridden",
}
