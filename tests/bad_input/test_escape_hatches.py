"""Bad-input rows for escape hatches: ``node.default_child`` overrides whose CloudFormation path or
value cannot be mapped onto the Terraform attribute raise a ValidationError naming the construct,
the call and the path (at the call, or at synth for a list index past the end)."""
from __future__ import annotations

from typing import Any

from batch_constructs import (EcsEc2ContainerDefinition, EcsJobDefinition, FairshareSchedulingPolicy, JobQueue,
                              ManagedEc2EcsComputeEnvironment)
from batch_constructs.core import Size
from batch_constructs.ecs import ContainerImage
from batch_constructs.logs import LogGroup

from ._table import Bad, params, run

JD, CE, Q, SP = "TestStack/JobDef", "TestStack/CE", "TestStack/Queue", "TestStack/Policy"


def jd(s: Any) -> Any:
    container = EcsEc2ContainerDefinition(s, "Container", image=ContainerImage.from_registry("x"), cpu=1,
                                          memory=Size.mebibytes(512))
    return EcsJobDefinition(s, "JobDef", container=container).node.default_child


def ce(s: Any, v: Any) -> Any:
    return ManagedEc2EcsComputeEnvironment(s, "CE", vpc=v).node.default_child


def queue(s: Any) -> Any:
    return JobQueue(s, "Queue").node.default_child


ROWS = [
    Bad("jd-unknown-property", lambda s, v: jd(s).add_property_override("Image", "x"), JD,
        r"add_property_override\('Image'\): 'Image' is not a CloudFormation property of AWS::Batch::JobDefinition; "
        r"valid properties: .*ContainerProperties"),
    Bad("jd-unknown-container-property", lambda s, v: jd(s).add_property_override("ContainerProperties.Imgae", "x"),
        JD, r"'Imgae' is not a property of 'ContainerProperties'"),
    Bad("jd-container-properties-string",
        lambda s, v: jd(s).add_property_override("ContainerProperties", '{"image":"x"}'), JD,
        r"must be a dict in CloudFormation's shape"),
    Bad("jd-consumable-resources", lambda s, v: jd(s).add_property_override("ConsumableResourceProperties", {}),
        JD, r"cannot be mapped to Terraform: hashicorp/aws 5.100 has no attribute"),
    Bad("jd-deletion-policy", lambda s, v: jd(s).add_override("DeletionPolicy", "Retain"), JD,
        r"'DeletionPolicy' has no Terraform counterpart here: use apply_removal_policy"),
    Bad("jd-depends-on", lambda s, v: jd(s).add_override("DependsOn", ["X"]), JD, r"node.add_dependency"),
    Bad("jd-path-not-a-string", lambda s, v: jd(s).add_override(3, "x"), JD,
        r"add_override: the path must be a non-empty string, got 3"),
    Bad("jd-retention-not-bool",
        lambda s, v: jd(s).add_property_override("ResourceRetentionPolicy.SkipDeregisterOnUpdate", "yes"), JD,
        r"must be True or False, got 'yes' \(str\)"),
    Bad("jd-index-past-end",
        lambda s, v: jd(s).add_property_override("RetryStrategy.EvaluateOnExit.2.Action", "EXIT"), JD,
        r"override 'retry_strategy.evaluate_on_exit.2': index 2 is past the end"),
    Bad("ce-irregular-name-misspelled", lambda s, v: ce(s, v).add_property_override("ComputeResources.MaxVcpus", 8),
        CE, r"'MaxVcpus' is not a CloudFormation property of 'ComputeResources'; valid properties: .*MaxvCpus"),
    Bad("ce-list-without-index",
        lambda s, v: ce(s, v).add_property_override("ComputeResources.Ec2Configuration.ImageType", "x"), CE,
        r"'ComputeResources.Ec2Configuration' is a list: the segment after it must be an index"),
    Bad("ce-block-value-not-dict",
        lambda s, v: ce(s, v).add_property_override("ComputeResources.Ec2Configuration", ["ECS_AL2023"]), CE,
        r"'ComputeResources.Ec2Configuration.0' must be a dict of its CloudFormation properties"),
    Bad("ce-update-to-latest", lambda s, v: ce(s, v).add_property_override(
        "ComputeResources.UpdateToLatestImageVersion", True), CE, r"update_to_latest_image_version=True"),
    Bad("queue-attribute-dict", lambda s, v: queue(s).add_property_override("Priority", {"value": 1}), Q,
        r"'Priority' takes a value or a list of values, got \{'value': 1\} \(dict\)"),
    Bad("policy-case", lambda s, v: FairshareSchedulingPolicy(s, "Policy").node.default_child.add_property_override(
        "FairSharePolicy.ShareDecaySeconds", 60), SP, r"valid properties: Arn, FairsharePolicy, Name"),
    Bad("log-group-property-path", lambda s, v: LogGroup(s, "Logs").node.default_child.add_property_override(
        "RetentionInDays", 7), "TestStack/Logs", r"mapped only for the AWS Batch resources"),
]


@params(ROWS)
def test_escape_hatch_mistakes(row: Bad, stack: Any, vpc: Any) -> None:
    run(row, stack, vpc)
