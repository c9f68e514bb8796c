"""The IAM ECS containers add: execution and job roles, logging, secrets and images (ECR pulls and
registry credentials), and the validations of log drivers and secrets with their messages."""
from __future__ import annotations

from typing import Any

import pytest

from batch_constructs import EcsJobDefinition, LogDrivers, RetentionDays, Secret, SecretVersionInfo, ValidationError
from batch_constructs._runtime import provider_class
from batch_constructs.providers import aws_provider
from batch_constructs.core import Size
from batch_constructs.ecs import ContainerImage
from batch_constructs.testing import Match, Template
from batch_constructs.testing.match import match_value

from ._helpers import _message, ec2, job_definition


def role_policies(template: Template) -> dict[str, list[dict[str, Any]]]:
    """Inline statements per role-policy logical id."""
    return {k: v["policy"]["Statement"] for k, v in template.find_resources("aws_iam_role_policy").items()}


def all_statements(template: Template) -> list[dict[str, Any]]:
    return [s for statements in role_policies(template).values() for s in statements]


# -- IAM of containers -------------------------------------------------------------------------

def test_default_execution_role_may_write_the_default_log_group(stack: Any) -> None:
    EcsJobDefinition(stack, "JobDefn", container=ec2(stack))
    template = Template.from_stack(stack)
    template.has_resource_properties("aws_iam_role", {"assume_role_policy": {"Statement": [{
        "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole", "Effect": "Allow"}]}})
    (statement,) = all_statements(template)
    assert statement == {
        "Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
        "Resource": "arn:${data.aws_partition.BatchConstructsPartition.partition}:logs:"
                    "${data.aws_region.BatchConstructsRegion."
                    + ("region" if "region}" in statement["Resource"] else "name")
                    + "}:${data.aws_caller_identity.BatchConstructsCallerIdentity.account_id}"
                    ":log-group:/aws/batch/job:*"}
    template.has_resource_properties("aws_iam_role_policy_attachment", {
        "policy_arn": "arn:${data.aws_partition.BatchConstructsPartition.partition}:iam::aws:policy/"
                      "service-role/AmazonECSTaskExecutionRolePolicy"})


def test_aws_logs_creates_a_log_group_and_grants_write(stack: Any) -> None:
    container = ec2(stack, logging=LogDrivers.aws_logs(stream_prefix="batch", retention=RetentionDays.ONE_WEEK,
                                                       datetime_format="%Y-%m-%d"))
    EcsJobDefinition(stack, "JobDefn", container=container)
    template = Template.from_stack(stack)
    template.has_resource_properties("aws_cloudwatch_log_group", {"retention_in_days": 7, "skip_destroy": True})
    props = job_definition(template)["container_properties"]
    assert not match_value(Match.exact({"logDriver": "awslogs", "options": {
        "awslogs-group": Match.string_like_regexp(r"^\$\{aws_cloudwatch_log_group\.Container_LogGroup_\w+\.name\}$"),
        "awslogs-stream-prefix": "batch", "awslogs-datetime-format": "%Y-%m-%d",
        "awslogs-region": Match.string_like_regexp(r"^\$\{data\.aws_region\.")}}), props["logConfiguration"])
    (statement,) = all_statements(template)
    assert statement["Action"] == ["logs:CreateLogStream", "logs:PutLogEvents"]
    assert statement["Resource"].startswith("${aws_cloudwatch_log_group.Container_LogGroup_")
    assert statement["Resource"].endswith(".arn}:*")
    assert container.log_driver_config is not None


def test_aws_logs_with_a_given_group_creates_none(stack: Any) -> None:
    group = provider_class("cloudwatch_log_group", "CloudwatchLogGroup")(stack, "Group", name="/my/group")
    EcsJobDefinition(stack, "A", container=ec2(stack, "CA", logging=LogDrivers.aws_logs(
        stream_prefix="a", log_group=group)))
    EcsJobDefinition(stack, "B", container=ec2(stack, "CB", logging=LogDrivers.aws_logs(
        stream_prefix="b", log_group="/by/name")))
    template = Template.from_stack(stack)
    template.resource_count_is("aws_cloudwatch_log_group", 1)
    resources = sorted(s["Resource"] for s in all_statements(template))
    assert resources[0] == "${aws_cloudwatch_log_group.Group.arn}:*"
    assert resources[1].endswith(":log-group:/by/name:*")


def test_other_log_drivers_and_secret_options(stack: Any) -> None:
    secret = provider_class("secretsmanager_secret", "SecretsmanagerSecret")(stack, "Secret")
    EcsJobDefinition(stack, "A", container=ec2(stack, "CA", logging=LogDrivers.splunk(
        url="https://splunk:8088", secret_token=Secret.from_secrets_manager(secret, field="token"))))
    EcsJobDefinition(stack, "B", container=ec2(stack, "CB", logging=LogDrivers.json_file(
        options={"max-size": "10m"})))
    template = Template.from_stack(stack)
    configs = sorted((jd["container_properties"]["logConfiguration"] for jd in
                      template.find_resources("aws_batch_job_definition").values()), key=lambda c: c["logDriver"])
    assert configs == [
        {"logDriver": "json-file", "options": {"max-size": "10m"}},
        {"logDriver": "splunk", "options": {"splunk-url": "https://splunk:8088"},
         "secretOptions": [{"name": "splunk-token", "valueFrom": "${aws_secretsmanager_secret.Secret.arn}:token::"}]}]
    # the splunk token is readable by that container's execution role; no default-group grant
    statements = all_statements(template)
    assert {"Effect": "Allow", "Action": ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
            "Resource": "${aws_secretsmanager_secret.Secret.arn}"} in statements
    assert not [s for s in statements if str(s["Resource"]).endswith("/aws/batch/job:*")]


def test_secrets_by_arn_with_read_granted(stack: Any) -> None:
    secret = provider_class("secretsmanager_secret", "SecretsmanagerSecret")(stack, "Secret")
    parameter = provider_class("ssm_parameter", "SsmParameter")(stack, "Param", name="/p", type="String", value="v")
    container = ec2(stack, secrets={
        "WHOLE": Secret.from_secrets_manager(secret),
        "FIELD": Secret.from_secrets_manager(secret, "password"),
        "VERSION": Secret.from_secrets_manager_version(secret, SecretVersionInfo(version_stage="AWSPREVIOUS")),
        "PARAM": Secret.from_ssm_parameter(parameter),
        "BY_NAME": Secret.from_ssm_parameter("/team/config"),
        "BY_ARN": Secret.from_ssm_parameter("arn:aws:ssm:us-east-1:123456789012:parameter/x"),
    })
    EcsJobDefinition(stack, "JobDefn", container=container)
    template = Template.from_stack(stack)
    props = job_definition(template)["container_properties"]
    arn = "${aws_secretsmanager_secret.Secret.arn}"
    assert [s["name"] for s in props["secrets"]] == ["WHOLE", "FIELD", "VERSION", "PARAM", "BY_NAME", "BY_ARN"]
    values = [s["valueFrom"] for s in props["secrets"]]
    assert values[:4] == [arn, f"{arn}:password::", f"{arn}::AWSPREVIOUS:", "${aws_ssm_parameter.Param.arn}"]
    assert values[4].startswith("arn:${data.aws_partition.") and values[4].endswith(":parameter/team/config")
    assert values[5] == "arn:aws:ssm:us-east-1:123456789012:parameter/x"
    statements = all_statements(template)
    sm = [s for s in statements if s["Action"] == ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]]
    assert [s["Resource"] for s in sm] == [arn]  # three reads of one secret: one statement (merged)
    ssm = [s["Resource"] for s in statements if s["Action"] == ["ssm:DescribeParameters", "ssm:GetParameters",
                                                                "ssm:GetParameter", "ssm:GetParameterHistory"]]
    assert ssm == [["${aws_ssm_parameter.Param.arn}", values[4], values[5]]]  # same actions: resources merge
    assert container.secrets is not None and container.secrets["FIELD"].has_field


def test_ecr_image_grants_pull_and_registry_credentials(stack: Any) -> None:
    repo = provider_class("ecr_repository", "EcrRepository")(stack, "Repo", name="repo")
    creds = provider_class("secretsmanager_secret", "SecretsmanagerSecret")(stack, "Creds")
    EcsJobDefinition(stack, "A", container=ec2(stack, "CA", image=ContainerImage.from_ecr_repository(repo, "v1")))
    EcsJobDefinition(stack, "B", container=ec2(stack, "CB", image=ContainerImage.from_registry(
        "registry.example.com/app:1", credentials=creds)))
    template = Template.from_stack(stack)
    by_image = {jd["container_properties"]["image"]: jd["container_properties"]
                for jd in template.find_resources("aws_batch_job_definition").values()}
    assert set(by_image) == {"${aws_ecr_repository.Repo.repository_url}:v1", "registry.example.com/app:1"}
    assert by_image["registry.example.com/app:1"]["repositoryCredentials"] == {
        "credentialsParameter": "${aws_secretsmanager_secret.Creds.arn}"}
    assert "repositoryCredentials" not in by_image["${aws_ecr_repository.Repo.repository_url}:v1"]
    statements = all_statements(template)
    assert {"Effect": "Allow", "Action": ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer",
                                          "ecr:BatchGetImage"], "Resource": "${aws_ecr_repository.Repo.arn}"} in statements
    assert {"Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*"} in statements
    assert {"Effect": "Allow", "Action": ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
            "Resource": "${aws_secretsmanager_secret.Creds.arn}"} in statements


def test_enable_execute_command_creates_a_job_role(stack: Any) -> None:
    container = ec2(stack, enable_execute_command=True)
    EcsJobDefinition(stack, "JobDefn", container=container)
    template = Template.from_stack(stack)
    props = job_definition(template)["container_properties"]
    assert props["enableExecuteCommand"] is True
    assert props["jobRoleArn"].startswith("${aws_iam_role.Container_JobRole_")
    policies = role_policies(template)
    (job_policy,) = [v for k, v in policies.items() if k.startswith("Container_JobRole_")]
    assert job_policy == [{"Effect": "Allow", "Action": [
        "ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel",
        "ssmmessages:OpenDataChannel"], "Resource": "*"}]


def test_given_execution_and_job_roles(stack: Any) -> None:
    execution = provider_class("iam_role", "IamRole")(stack, "Exec", assume_role_policy="{}")
    container = ec2(stack, execution_role=execution, job_role="arn:aws:iam::123456789012:role/job",
                    enable_execute_command=True)
    EcsJobDefinition(stack, "JobDefn", container=container)
    template = Template.from_stack(stack)
    props = job_definition(template)["container_properties"]
    assert props["executionRoleArn"] == "${aws_iam_role.Exec.arn}"
    assert props["jobRoleArn"] == "arn:aws:iam::123456789012:role/job"
    template.resource_count_is("aws_iam_role", 1)  # only the given L1


# -- validations -----------------------------------------------------------------------------------

@pytest.mark.parametrize("factory, message", [
    (lambda: LogDrivers.aws_logs(stream_prefix=""), "LogDrivers.aws_logs() needs a non-empty 'stream_prefix'"),
    (lambda: LogDrivers.aws_logs(stream_prefix="x", retention=8),
     "log retention of 8 days is not one CloudWatch Logs offers; use RetentionDays"),
    (lambda: LogDrivers.aws_logs(stream_prefix="x", log_group="/g", retention=RetentionDays.ONE_DAY),
     "LogDrivers.aws_logs(): 'retention' applies only to the log group the driver creates; set it on the given "
     "log group instead"),
    (lambda: LogDrivers.aws_logs(stream_prefix="x", datetime_format="%Y", multiline_pattern="^x"),
     "LogDrivers.aws_logs(): only one of 'datetime_format' and 'multiline_pattern' can be set"),
    (lambda: LogDrivers.aws_logs(stream_prefix="x", max_buffer_size=Size.mebibytes(4)),
     "LogDrivers.aws_logs(): 'max_buffer_size' needs mode=AwsLogDriverMode.NON_BLOCKING"),
    (lambda: LogDrivers.generic(log_driver="fluentbit"),
     "log driver 'fluentbit' is not supported by AWS Batch; use one of awslogs, awsfirelens, fluentd, gelf, "
     "journald, json-file, splunk, syslog"),
    (lambda: LogDrivers.json_file(options={"max-file": 3}), "'options['max-file']' must be a string, got 3 (int)"),
])
def test_log_driver_validations(factory: Any, message: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        factory()
    assert _message(excinfo) == message


@pytest.mark.parametrize("factory, message", [
    (lambda: Secret.from_secrets_manager(object()),
     "Secret.from_secrets_manager() needs a Secrets Manager secret (the provider's SecretsmanagerSecret, an object "
     "with 'secret_arn', or the secret's ARN), got object"),
    (lambda: Secret.from_ssm_parameter(3),
     "Secret.from_ssm_parameter() needs an SSM parameter (the provider's SsmParameter, an object with "
     "'parameter_arn', its ARN or its name), got int"),
])
def test_secret_validations(factory: Any, message: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        factory()
    assert _message(excinfo) == message


def test_a_secret_by_parameter_name_serves_several_stacks() -> None:
    from cdktf import TerraformStack, Testing
    app = Testing.app()
    shared = Secret.from_ssm_parameter("/shared/name")
    templates = []
    for name in ("One", "Two"):
        stack = TerraformStack(app, name)
        aws_provider(stack, "aws", region="us-east-1")
        EcsJobDefinition(stack, "JobDefn", container=ec2(stack, secrets={"S": shared}))
        templates.append(Template.from_stack(stack))
    for template in templates:
        (entry,) = job_definition(template)["container_properties"]["secrets"]
        assert entry["valueFrom"].startswith("arn:${data.aws_partition.BatchConstructsPartition.partition}:ssm:")
        assert entry["valueFrom"].endswith(":parameter/shared/name")
    with pytest.raises(ValidationError) as excinfo:
        shared.arn  # noqa: B018 - the unbound original keeps no stack's tokens
    assert _message(excinfo) == ("Secret for SSM parameter '/shared/name' has no ARN until it is used by a "
                                 "container")
