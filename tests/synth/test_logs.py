"""``batch_constructs.logs``: LogGroup (defaults, retention, removal policy, encryption), its imports,
its grants, and the awslogs driver writing to it."""
from __future__ import annotations

from typing import Any

import pytest

from batch_constructs import EcsJobDefinition, LogDrivers, ValidationError
from batch_constructs import logs
from batch_constructs.core import RemovalPolicy
from batch_constructs.iam import Role, ServicePrincipal
from batch_constructs.logs import LogGroup, RetentionDays
from batch_constructs.testing import Template

from ._helpers import allowed, ec2, job_definition, statements

KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def only_group(template: Template) -> dict[str, Any]:
    (group,) = template.find_resources("aws_cloudwatch_log_group").values()
    return group


def test_retention_days_is_the_logging_enum() -> None:
    from batch_constructs.logging import RetentionDays as FromLogging
    assert logs.RetentionDays is FromLogging
    assert "RetentionDays" in logs.__all__


def test_defaults_are_aws_cdks(stack: Any) -> None:
    group = LogGroup(stack, "Group")
    assert only_group(Template.from_stack(stack)) == {"retention_in_days": 731, "skip_destroy": True}
    assert group.log_group_name.startswith("${TfToken[")
    assert group.log_group_arn.endswith(":*")


def test_every_keyword(stack: Any) -> None:
    LogGroup(stack, "Group", log_group_name="/aws/batch/my-app", retention=RetentionDays.ONE_MONTH,
             removal_policy=RemovalPolicy.DESTROY, encryption_key=KEY)
    assert only_group(Template.from_stack(stack)) == {
        "name": "/aws/batch/my-app", "retention_in_days": 30, "kms_key_id": KEY}


@pytest.mark.parametrize("retention, expected", [(RetentionDays.INFINITE, None), (None, 731), (14, 14),
                                                 ("ONE_YEAR", 365)])
def test_retention_forms(stack: Any, retention: Any, expected: Any) -> None:
    LogGroup(stack, "Group", retention=retention)
    assert only_group(Template.from_stack(stack)).get("retention_in_days") == expected


def test_encryption_key_object_and_removal_policy_later(stack: Any) -> None:
    class Key:
        key_arn = KEY

    group = LogGroup(stack, "Group", encryption_key=Key(), removal_policy=RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE)
    assert only_group(Template.from_stack(stack))["skip_destroy"] is True
    group.apply_removal_policy(RemovalPolicy.DESTROY)
    rendered = only_group(Template.from_stack(stack))
    assert "skip_destroy" not in rendered and rendered["kms_key_id"] == KEY


def test_tags_reach_the_group(stack: Any) -> None:
    from batch_constructs.core import Tags
    Tags.of(stack).add("team", "research")
    LogGroup(stack, "Group")
    assert only_group(Template.from_stack(stack))["tags"] == {"team": "research"}


def test_grants_are_aws_cdks(stack: Any) -> None:
    role = Role(stack, "Role", assumed_by=ServicePrincipal("ecs-tasks.amazonaws.com"))
    group = LogGroup(stack, "Group")
    group.grant_write(role)
    group.grant_read(role)
    group.grant(role, "logs:PutRetentionPolicy")
    pairs = allowed(Template.from_stack(stack))
    (resource,) = {r for _, r in pairs}
    assert resource.startswith("${aws_cloudwatch_log_group.Group_") and resource.endswith(".arn}:*")
    assert {a for a, _ in pairs} == {"logs:CreateLogStream", "logs:PutLogEvents", "logs:FilterLogEvents",
                                     "logs:GetLogEvents", "logs:GetLogGroupFields", "logs:DescribeLogGroups",
                                     "logs:DescribeLogStreams", "logs:PutRetentionPolicy"}


def test_grant_to_the_providers_role(stack: Any) -> None:
    from batch_constructs._runtime import provider_class
    role = provider_class("iam_role", "IamRole")(stack, "L1Role", assume_role_policy="{}")
    LogGroup(stack, "Group").grant_write(role)
    (policy,) = Template.from_stack(stack).find_resources("aws_iam_role_policy").values()
    assert policy["policy"]["Statement"][0]["Action"] == ["logs:CreateLogStream", "logs:PutLogEvents"]


def test_imports(stack: Any) -> None:
    by_name = LogGroup.from_log_group_name(stack, "ByName", "/aws/batch/job")
    by_arn = LogGroup.from_log_group_arn(stack, "ByArn", "arn:aws:logs:us-east-1:123456789012:log-group:/my/group:*")
    bare = LogGroup.from_log_group_arn(stack, "Bare", "arn:aws:logs:us-east-1:123456789012:log-group:/other")
    assert by_name.log_group_name == "/aws/batch/job"
    assert by_name.log_group_arn.endswith(":log-group:/aws/batch/job:*")
    assert by_name.log_group_arn.startswith("arn:${TfToken[")
    assert (by_arn.log_group_name, by_arn.log_group_arn) == (
        "/my/group", "arn:aws:logs:us-east-1:123456789012:log-group:/my/group:*")
    assert (bare.log_group_name, bare.log_group_arn) == (
        "/other", "arn:aws:logs:us-east-1:123456789012:log-group:/other:*")
    template = Template.from_stack(stack)
    template.resource_count_is("aws_cloudwatch_log_group", 0)
    with pytest.raises(ValidationError, match=r"^\[TestStack/ByName\] an imported log group is not managed"):
        by_name.apply_removal_policy(RemovalPolicy.DESTROY)


def test_import_by_token_arn(stack: Any) -> None:
    from cdktf import TerraformVariable
    arn = TerraformVariable(stack, "arn", type="string").string_value
    group = LogGroup.from_log_group_arn(stack, "Group", arn)
    assert group.log_group_arn == f"{arn}:*"
    assert group.log_group_name.startswith("${TfToken[")


# -- the awslogs driver with a logs.LogGroup ------------------------------------------------------

def test_aws_logs_driver_takes_a_log_group(stack: Any) -> None:
    group = LogGroup(stack, "Group", retention=RetentionDays.ONE_WEEK)
    EcsJobDefinition(stack, "JobDef", container=ec2(stack, logging=LogDrivers.aws_logs(
        stream_prefix="batch", log_group=group)))
    template = Template.from_stack(stack)
    template.resource_count_is("aws_cloudwatch_log_group", 1)
    options = job_definition(template)["container_properties"]["logConfiguration"]["options"]
    assert options["awslogs-group"].startswith("${aws_cloudwatch_log_group.Group_") and \
        options["awslogs-group"].endswith(".name}")
    (statement,) = statements(template)
    assert statement["Action"] == ["logs:CreateLogStream", "logs:PutLogEvents"]
    assert statement["Resource"].startswith("${aws_cloudwatch_log_group.Group_")
    assert statement["Resource"].endswith(".arn}:*")  # once ':*', not ':*:*'


def test_aws_logs_driver_takes_an_imported_group(stack: Any) -> None:
    group = LogGroup.from_log_group_arn(stack, "Group", "arn:aws:logs:us-east-1:123456789012:log-group:/shared")
    EcsJobDefinition(stack, "JobDef", container=ec2(stack, logging=LogDrivers.aws_logs(
        stream_prefix="batch", log_group=group)))
    template = Template.from_stack(stack)
    template.resource_count_is("aws_cloudwatch_log_group", 0)
    assert job_definition(template)["container_properties"]["logConfiguration"]["options"]["awslogs-group"] == \
        "/shared"
    (statement,) = statements(template)
    assert statement["Resource"] == "arn:aws:logs:us-east-1:123456789012:log-group:/shared:*"


def test_aws_logs_driver_still_refuses_retention_with_a_given_group(stack: Any) -> None:
    group = LogGroup(stack, "Group")
    with pytest.raises(ValidationError, match="'retention' applies only to the log group the driver creates"):
        LogDrivers.aws_logs(stream_prefix="b", log_group=group, retention=RetentionDays.ONE_DAY)
