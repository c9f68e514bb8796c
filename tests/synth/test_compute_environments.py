"""Compute environments: what every kind shares (default emission, names, service role, update
policy, tags, imports), Fargate and unmanaged: emission and every check. The managed EC2
specifics (ECS and EKS) are in ``test_managed_ec2_compute_environments.py``."""
from __future__ import annotations

from typing import Any

import pytest

from batch_constructs import (AllocationStrategy, EcsMachineImage, FargateComputeEnvironment,
                              ManagedEc2EcsComputeEnvironment, UnmanagedComputeEnvironment, ValidationError)
from batch_constructs._errors import BatchConstructsWarning
from batch_constructs._runtime import COMPAT
from batch_constructs.core import Duration, Tags
from batch_constructs.ec2 import (InstanceArchitecture, InstanceClass, InstanceType, SecurityGroup, SubnetSelection,
                                  SubnetType)
from batch_constructs.iam import Role, ServicePrincipal
from batch_constructs.testing import Match, Template

from ._helpers import ecs, only_ce, raises


# -- default emission ------------------------------------------------------------------------------

def test_ecs_defaults_emit_the_safe_shape(stack: Any, vpc: Any) -> None:
    ce = ecs(stack, vpc)
    template = Template.from_stack(stack)
    resource = only_ce(stack)
    resources = resource["compute_resources"]
    assert resource["type"] == "MANAGED" and resource["state"] == "ENABLED"
    assert resource["lifecycle"] == {"create_before_destroy": True}
    assert resource[COMPAT.ce_name_prefix_key].startswith("TestStack-CE-")
    assert resource[COMPAT.ce_name_prefix_key].endswith("-")
    assert COMPAT.ce_name_key not in resource
    assert "service_role" not in resource and "update_policy" not in resource
    assert resources["type"] == "EC2"
    assert resources["allocation_strategy"] == "BEST_FIT_PROGRESSIVE"
    assert resources["max_vcpus"] == 256 and resources["min_vcpus"] == 0
    assert resources["instance_type"] == ["optimal"]
    assert resources["ec2_configuration"] == [{"image_type": "ECS_AL2023"}]
    assert resources["subnets"] == ["subnet-a", "subnet-b"]
    (group,) = resources["security_group_ids"]
    assert group.startswith("${aws_security_group.CE_SecurityGroup_")
    assert resources["instance_role"].startswith("${aws_iam_instance_profile.CE_InstanceProfile_")
    for absent in ("desired_vcpus", "bid_percentage", "spot_iam_fleet_role", "tags", "launch_template",
                   "placement_group", "image_id"):
        assert absent not in resources
    # instance role with the ECS policy, and the profile; the CE depends on both
    template.has_resource_properties("aws_iam_role", {"assume_role_policy": {"Statement": [
        Match.object_like({"Principal": {"Service": "ec2.amazonaws.com"}})]}})
    template.has_resource_properties("aws_iam_role_policy_attachment", {
        "policy_arn": Match.string_like_regexp("iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role$")})
    template.resource_count_is("aws_iam_instance_profile", 1)
    template.resource_count_is("aws_iam_role", 1)
    assert len(resource["depends_on"]) == 2
    assert resource["depends_on"][0].startswith("aws_iam_role_policy_attachment.CE_InstanceProfileRole")
    assert resource["depends_on"][1].startswith("aws_iam_instance_profile.CE_InstanceProfile")
    # attributes
    assert ce.compute_type_family == "EC2" and ce.orchestration == "ECS"
    assert ce.architecture is InstanceArchitecture.X86_64
    assert isinstance(ce.instance_role, Role)
    assert len(ce.security_groups) == 1 and isinstance(ce.security_groups[0], SecurityGroup)
    assert ce.connections.security_groups == ce.security_groups
    assert "${TfToken[" in ce.compute_environment_arn and "${TfToken[" in ce.compute_environment_name


def test_compute_environment_name_is_fixed_and_warned(stack: Any, vpc: Any) -> None:
    with pytest.warns(BatchConstructsWarning, match="compute_environment_name 'my-ce' is fixed"):
        ecs(stack, vpc, compute_environment_name="my-ce")
    resource = only_ce(stack)
    assert resource[COMPAT.ce_name_key] == "my-ce" and COMPAT.ce_name_prefix_key not in resource


def test_name_prefix_changes_with_the_service_role_mode(stack: Any, vpc: Any) -> None:
    role = Role(stack, "ServiceRole", assumed_by=ServicePrincipal("batch.amazonaws.com"))
    a = ecs(stack, vpc, "A")
    b = ecs(stack, vpc, "B", service_role=role)
    prefixes = {r["compute_resources"]["instance_role"]: r for r in
                Template.from_stack(stack).find_resources("aws_batch_compute_environment").values()}
    assert len(prefixes) == 2
    resources = Template.from_stack(stack).find_resources("aws_batch_compute_environment")
    with_role = [r for r in resources.values() if "service_role" in r]
    assert len(with_role) == 1 and with_role[0]["depends_on"]
    assert a.service_role is None and b.service_role is not None


# -- update policy ------------------------------------------------------------------------------------

def test_update_policy_has_both_fields(stack: Any, vpc: Any) -> None:
    ecs(stack, vpc, "A", terminate_on_update=True)
    ecs(stack, vpc, "B", update_timeout=Duration.hours(1))
    policies = sorted((r["update_policy"]["job_execution_timeout_minutes"], r["update_policy"]["terminate_jobs_on_update"])
                      for r in Template.from_stack(stack).find_resources("aws_batch_compute_environment").values())
    assert policies == [(30, True), (60, False)]


def test_l17_update_timeout_range(stack: Any, vpc: Any) -> None:
    with raises("[TestStack/CE] Managed ComputeEnvironment 'CE' specifies 'update_timeout' = 361 minutes; it must "
                "be between 1 and 360"):
        ecs(stack, vpc, update_timeout=Duration.minutes(361))


def test_c01_update_timeout_whole_minutes(stack: Any, vpc: Any) -> None:
    # the CDK message, with the construct path and the keyword
    with raises("[TestStack/CE] 'update_timeout' must be a whole number of minutes, got Duration.seconds(90): "
                "'90 seconds' cannot be converted into a whole number of minutes."):
        ecs(stack, vpc, update_timeout=Duration.seconds(90))


def test_replace_compute_environment_is_accepted_and_not_emitted(stack: Any, vpc: Any) -> None:
    ce = ecs(stack, vpc, replace_compute_environment=True, update_to_latest_image_version=False)
    resource = only_ce(stack)
    assert ce.replace_compute_environment is True
    assert "replace_compute_environment" not in resource and "update_to_latest_image_version" not in str(resource)


# -- tags -----------------------------------------------------------------------------------------------

def test_own_tags_reach_instances_stack_tags_do_not(stack: Any, vpc: Any) -> None:
    ce = ecs(stack, vpc)
    Tags.of(ce).add("super", "salamander")
    Tags.of(stack).add("team", "research")
    resource = only_ce(stack)
    assert resource["compute_resources"]["tags"] == {"super": "salamander"}
    assert resource["tags"] == {"super": "salamander", "team": "research"}
    ce.tags.set_tag("more", "x")
    assert only_ce(stack)["compute_resources"]["tags"] == {"more": "x", "super": "salamander"}


def test_set_tag_priority_and_launched_instances(stack: Any, vpc: Any) -> None:
    """AWS CDK's TagManager rules: set_tag has priority 0, Tags.of().add 100, remove 200;
    apply_to_launched_instances=False keeps a tag off the instances (Terraform meaning)."""
    ce = ecs(stack, vpc)
    ce.tags.set_tag("owner", "direct")
    ce.tags.set_tag("private", "yes", apply_to_launched_instances=False)
    ce.tags.set_tag("pinned", "direct", priority=300)
    Tags.of(stack).add("owner", "stack")          # 100 beats set_tag's 0
    Tags.of(stack).add("pinned", "stack")         # 100 loses to 300
    Tags.of(stack).add("gone", "x")
    Tags.of(ce).remove("gone")                    # 200 beats 100
    resource = only_ce(stack)
    assert resource["tags"] == {"owner": "stack", "pinned": "direct", "private": "yes"}
    assert resource["compute_resources"]["tags"] == {"owner": "direct", "pinned": "direct"}
    assert ce.tags.tag_values() == {"owner": "stack", "pinned": "direct", "private": "yes"}
    ce.tags.remove_tag("pinned")                  # priority 0 cannot remove a 300 tag
    assert ce.tags.has_tags() and ce.tags.tag_values()["pinned"] == "direct"


def test_tags_include_and_exclude_resource_types(stack: Any, vpc: Any) -> None:
    ce = ecs(stack, vpc)
    Tags.of(stack).add("only-ce", "1", include_resource_types=["AWS::Batch::ComputeEnvironment"])
    Tags.of(stack).add("not-ce", "1", exclude_resource_types=["aws_batch_compute_environment"])
    assert only_ce(stack)["tags"] == {"only-ce": "1"}
    role = [r for r in Template.from_stack(stack).to_json()["resource"]["aws_iam_role"].values()][0]
    assert role["tags"] == {"not-ce": "1"}
    assert ce.tags.apply_tag_aspect_here(include=["AWS::Batch::ComputeEnvironment"])
    assert not ce.tags.apply_tag_aspect_here(exclude=["AWS::Batch::ComputeEnvironment"])


def test_fargate_never_gets_instance_tags(stack: Any, vpc: Any) -> None:
    ce = FargateComputeEnvironment(stack, "F", vpc=vpc)
    Tags.of(ce).add("super", "salamander")
    resource = only_ce(stack)
    assert resource["tags"] == {"super": "salamander"}
    assert sorted(resource["compute_resources"]) == ["max_vcpus", "security_group_ids", "subnets", "type"]
    ce.tags.set_tag("direct", "yes")
    assert only_ce(stack)["tags"] == {"direct": "yes", "super": "salamander"}
    assert "tags" not in only_ce(stack)["compute_resources"]


# -- Fargate ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("keyword, value, reason", [
    ("spot_bid_percentage", 20, "Fargate has no spot bid; Fargate Spot prices are set by AWS"),
    ("minv_cpus", 1, "Fargate keeps no minimum capacity"),
    ("allocation_strategy", AllocationStrategy.BEST_FIT, "Fargate has no allocation strategy"),
    ("instance_types", [InstanceType("m5.large")], "Fargate chooses the hardware"),
    ("images", [EcsMachineImage()], "Fargate chooses the image"),
    ("launch_template", "lt", "Fargate has no launch template"),
    ("placement_group", "pg", "Fargate has no placement group"),
    ("spot_fleet_role", "arn:aws:iam::1:role/r", "Fargate Spot needs no spot fleet role"),
])
def test_fargate_refuses_ec2_arguments(stack: Any, vpc: Any, keyword: str, value: Any, reason: str) -> None:
    with raises(f"[TestStack/F] FargateComputeEnvironment 'F' does not take '{keyword}': {reason}"):
        FargateComputeEnvironment(stack, "F", vpc=vpc, spot=True, **{keyword: value})


def test_l16_fargate_refuses_update_policy(stack: Any, vpc: Any) -> None:
    with raises("[TestStack/F] FargateComputeEnvironment 'F' cannot use 'update_timeout' or 'terminate_on_update'; "
                "AWS Batch does not support update policies on Fargate"):
        FargateComputeEnvironment(stack, "F", vpc=vpc, terminate_on_update=False)


def test_fargate_attributes(stack: Any, vpc: Any) -> None:
    ce = FargateComputeEnvironment(stack, "F", vpc=vpc, spot=True, maxv_cpus=64, enabled=False)
    resource = only_ce(stack)
    assert resource["state"] == "DISABLED" and "update_policy" not in resource
    assert resource["compute_resources"]["type"] == "FARGATE_SPOT" and resource["compute_resources"]["max_vcpus"] == 64
    assert ce.compute_type_family == "FARGATE" and ce.orchestration == "ECS" and ce.architecture is None


def test_fargate_defaults(stack: Any, vpc: Any) -> None:
    FargateComputeEnvironment(stack, "CE", vpc=vpc)
    template = Template.from_stack(stack)
    template.resource_count_is("aws_security_group", 1)
    template.has_resource_properties("aws_batch_compute_environment", Match.object_equals({
        "type": "MANAGED", "state": "ENABLED",
        COMPAT.ce_name_prefix_key: Match.string_like_regexp(r"^TestStack-CE-[0-9A-F]{8}-$"),
        "compute_resources": {"type": "FARGATE", "max_vcpus": 256, "subnets": ["subnet-a", "subnet-b"],
                              "security_group_ids": [Match.string_like_regexp(r"aws_security_group\.")]},
        "lifecycle": {"create_before_destroy": True},
    }))
    template.has_resource_properties("aws_security_group", {
        "description": "TestStack/CE/SecurityGroup", "vpc_id": "vpc-123",
        "egress": [{"cidr_blocks": ["0.0.0.0/0"], "protocol": "-1", "from_port": 0, "to_port": 0}]})


def test_fargate_spot_name_subnets_groups_disabled(stack: Any, vpc: Any) -> None:
    ce = FargateComputeEnvironment(stack, "CE", vpc=vpc, spot=True, maxv_cpus=32, enabled=False,
                                   compute_environment_name="my-ce",
                                   vpc_subnets=SubnetSelection(subnet_type=SubnetType.PUBLIC),
                                   security_groups=[SecurityGroup.from_security_group_id(stack, "SG", "sg-1")])
    template = Template.from_stack(stack)
    template.resource_count_is("aws_security_group", 0)
    template.has_resource_properties("aws_batch_compute_environment", {
        COMPAT.ce_name_key: "my-ce", COMPAT.ce_name_prefix_key: Match.absent(), "state": "DISABLED",
        "compute_resources": Match.object_equals({"type": "FARGATE_SPOT", "max_vcpus": 32,
                                                  "subnets": ["subnet-c"], "security_group_ids": ["sg-1"]})})
    assert ce.connections.security_group_ids == ["sg-1"]


def _prefix_of(with_custom_role: bool) -> tuple[str, dict[str, Any]]:
    from cdktf import TerraformStack, Testing

    from batch_constructs.ec2 import Vpc as _Vpc
    from batch_constructs.iam import ManagedPolicy, Role, ServicePrincipal
    from batch_constructs.providers import aws_provider
    stack = TerraformStack(Testing.app(), "TestStack")
    aws_provider(stack, "aws", region="us-east-1")
    vpc = _Vpc.from_attributes(stack, "Vpc", vpc_id="vpc-1", private_subnet_ids=["subnet-a"])
    role = None
    if with_custom_role:
        role = Role(stack, "ServiceRole", assumed_by=ServicePrincipal("batch.amazonaws.com"),
                    managed_policies=[ManagedPolicy.from_aws_managed_policy_name("service-role/AWSBatchServiceRole")])
    FargateComputeEnvironment(stack, "CE", vpc=vpc, service_role=role)
    (ce,) = Template.from_stack(stack).find_resources("aws_batch_compute_environment").values()
    return ce[COMPAT.ce_name_prefix_key], ce


def test_switching_to_a_custom_service_role_changes_the_name_prefix() -> None:
    linked_prefix, linked = _prefix_of(False)
    custom_prefix, custom = _prefix_of(True)
    assert linked_prefix != custom_prefix  # so Terraform replaces instead of a refused in-place update
    assert "service_role" not in linked and "depends_on" not in linked
    assert custom["service_role"].startswith("${aws_iam_role.ServiceRole_")
    assert \
        [d.split(".")[0] for d in custom["depends_on"]] == ["aws_iam_role_policy_attachment"]


@pytest.mark.parametrize("kwargs, message", [
    ({"spot_bid_percentage": 20}, "FargateComputeEnvironment 'CE' does not take 'spot_bid_percentage'"),
    ({"minv_cpus": 1}, "FargateComputeEnvironment 'CE' does not take 'minv_cpus'"),
    ({"update_timeout": Duration.minutes(5)},
     "FargateComputeEnvironment 'CE' cannot use 'update_timeout' or 'terminate_on_update'; AWS Batch does not "
     "support update policies on Fargate"),
    ({"terminate_on_update": True}, "cannot use 'update_timeout' or 'terminate_on_update'"),
    ({"update_to_latest_image_version": True},
     "FargateComputeEnvironment 'CE' does not take 'update_to_latest_image_version': Fargate chooses the image"),
    ({"compute_environment_name": "bad name!"},
     "'compute_environment_name' value 'bad name!' must be 1-128 letters, digits, hyphens or underscores"),
    ({"maxv_cpus": 0}, "has 'maxvCpus' = 0; it must be a positive whole number"),
])
def test_fargate_validation(stack: Any, vpc: Any, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError) as error:
        FargateComputeEnvironment(stack, "CE", vpc=vpc, **kwargs)
    assert message in str(error.value)
    assert error.value.path == "TestStack/CE"
    assert str(error.value).startswith("[TestStack/CE] ")


def test_fargate_unknown_keyword_is_a_type_error(stack: Any, vpc: Any) -> None:
    with pytest.raises(TypeError, match="unexpected keyword argument.*colour"):
        FargateComputeEnvironment(stack, "CE", vpc=vpc, colour="blue")


def test_import_by_arn(stack: Any) -> None:
    ce = FargateComputeEnvironment.from_fargate_compute_environment_arn(
        stack, "Imported", "arn:aws:batch:us-east-1:123456789012:compute-environment/existing")
    assert ce.compute_environment_name == "existing"
    assert ce.compute_type_family == "FARGATE"


# -- unmanaged ------------------------------------------------------------------------------------------------

def test_unmanaged_creates_its_service_role(stack: Any) -> None:
    ce = UnmanagedComputeEnvironment(stack, "U")
    template = Template.from_stack(stack)
    resource = only_ce(stack)
    assert resource["type"] == "UNMANAGED" and "compute_resources" not in resource
    assert resource["service_role"].startswith("${aws_iam_role.U_BatchServiceRole_")
    assert resource["depends_on"][0].startswith("aws_iam_role_policy_attachment.U_BatchServiceRole")
    assert resource["lifecycle"] == {"create_before_destroy": True}
    template.has_resource_properties("aws_iam_role_policy_attachment", {
        "policy_arn": Match.string_like_regexp("iam::aws:policy/service-role/AWSBatchServiceRole$")})
    assert isinstance(ce.service_role, Role)  # Q02 fixed
    assert ce.compute_type_family is None and ce.architecture is None
    assert ce.unmanagedv_cpus is None and ce.unmanagedv_cp_us is None


def test_unmanaged_with_given_role(stack: Any) -> None:
    UnmanagedComputeEnvironment(stack, "U", service_role="arn:aws:iam::123456789012:role/batch", enabled=False)
    resource = only_ce(stack)
    assert resource["service_role"] == "arn:aws:iam::123456789012:role/batch" and resource["state"] == "DISABLED"
    Template.from_stack(stack).resource_count_is("aws_iam_role", 0)


def test_l18_unmanagedv_cpus(stack: Any) -> None:
    with raises("[TestStack/U] UnmanagedComputeEnvironment 'U' specifies 'unmanagedv_cpus', which the Terraform AWS "
                "provider cannot set"):
        UnmanagedComputeEnvironment(stack, "U", unmanagedv_cpus=16)


# -- imports ----------------------------------------------------------------------------------------------------

ARN = "arn:aws:batch:us-east-1:123456789012:compute-environment/my-ce"


def test_e14_e15_imported_ecs_environment(stack: Any) -> None:
    imported = ManagedEc2EcsComputeEnvironment.from_managed_ec2_ecs_compute_environment_arn(stack, "Imp", ARN)
    assert imported.compute_environment_name == "my-ce" and imported.compute_environment_arn == ARN
    assert imported.maxv_cpus == 1 and imported.enabled and imported.security_groups == []
    assert imported.connections.security_groups == []
    assert imported.compute_type_family == "EC2" and imported.orchestration == "ECS"
    with raises("[TestStack/Imp] cannot add instance class to imported ComputeEnvironment 'Imp'"):
        imported.add_instance_class(InstanceClass.C5)
    with raises("[TestStack/Imp] cannot add instance type to imported ComputeEnvironment 'Imp'"):
        imported.add_instance_type(InstanceType("c5.large"))


def test_fargate_and_unmanaged_imports(stack: Any) -> None:
    fargate = FargateComputeEnvironment.from_fargate_compute_environment_arn(stack, "F", ARN)
    unmanaged = UnmanagedComputeEnvironment.from_unmanaged_compute_environment_arn(stack, "U", ARN)
    assert fargate.compute_type_family == "FARGATE" and fargate.connections.security_groups == []
    assert unmanaged.compute_type_family is None and unmanaged.compute_environment_name == "my-ce"
