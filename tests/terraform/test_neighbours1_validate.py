"""Real Terraform on what ``logs``, ``ssm`` and ``secretsmanager`` emit, wired into job definitions:

* ``terraform validate`` of one stack holding every resource and data source these modules create
  (``aws_cloudwatch_log_group``, ``aws_ssm_parameter``, ``aws_secretsmanager_secret``,
  ``aws_secretsmanager_secret_version``; data ``aws_ssm_parameter``,
  ``aws_secretsmanager_secret``, ``aws_secretsmanager_random_password``) with every removal
  policy and value form;
* an apply on moto: the generated secret values are what AWS CDK generates (a 32-character
  password; the template with the password under its key) and the second plan is quiet
  although the password data source reads a new password at every plan.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.harness.terraform import Terraform, assert_validates, prepare_stack_dir

pytestmark = pytest.mark.terraform

KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
EMITTED = {("resource", "aws_cloudwatch_log_group"), ("resource", "aws_ssm_parameter"),
           ("resource", "aws_secretsmanager_secret"), ("resource", "aws_secretsmanager_secret_version"),
           ("data", "aws_ssm_parameter"), ("data", "aws_secretsmanager_secret"),
           ("data", "aws_secretsmanager_random_password")}


def build_everything(stack: Any) -> None:
    from batch_constructs import (EcsEc2ContainerDefinition, EcsFargateContainerDefinition, EcsJobDefinition,
                                  LogDrivers, Secret as BatchSecret, SecretVersionInfo)
    from batch_constructs.core import RemovalPolicy, Size
    from batch_constructs.ecs import ContainerImage
    from batch_constructs.iam import Role, ServicePrincipal
    from batch_constructs.logs import LogGroup, RetentionDays
    from batch_constructs.secretsmanager import Secret, SecretStringGenerator, SecretValue
    from batch_constructs.ssm import ParameterDataType, ParameterTier, StringParameter

    kept = LogGroup(stack, "KeptLogs")
    named = LogGroup(stack, "NamedLogs", log_group_name="/batch/neighbours", retention=RetentionDays.ONE_WEEK,
                     removal_policy=RemovalPolicy.DESTROY, encryption_key=KEY)
    shared = LogGroup.from_log_group_name(stack, "SharedLogs", "/aws/batch/job")
    parameter = StringParameter(stack, "Param", string_value="${literal} value", parameter_name="/neighbours/p",
                                description="a parameter", tier=ParameterTier.STANDARD, allowed_pattern=".+",
                                data_type=ParameterDataType.TEXT)
    generated_name = StringParameter(stack, "GeneratedName", string_value="v")
    by_name = StringParameter.from_string_parameter_name(stack, "ByName", "/neighbours/existing")
    by_arn = StringParameter.from_string_parameter_arn(stack, "ByArn",
                                                       "arn:aws:ssm:us-east-1:123456789012:parameter/other")
    shared_value = StringParameter.value_for_string_parameter(stack, "/neighbours/shared", 2)
    generated = Secret(stack, "Generated")
    templated = Secret(stack, "Templated", description="db", generate_secret_string=SecretStringGenerator(
        secret_string_template='{"username": "admin", "note": "a \\"quoted\\" ${x} %{y}"}',
        generate_string_key="password", password_length=24, exclude_characters="\"@/\\"))
    given = Secret(stack, "Given", secret_name="neighbours/given", secret_string_value=SecretValue.unsafe_plain_text(
        "s3cr${et}"), removal_policy=RemovalPolicy.RETAIN, encryption_key=KEY)
    looked_up = Secret.from_secret_name_v2(stack, "LookedUp", "neighbours/existing")
    partial = Secret.from_secret_partial_arn(stack, "Partial",
                                             "arn:aws:secretsmanager:us-east-1:123456789012:secret:partial")
    image = ContainerImage.from_registry("registry.example.com/app:1", credentials=Secret.from_secret_complete_arn(
        stack, "Credentials", "arn:aws:secretsmanager:us-east-1:123456789012:secret:registry-AbC123"))
    ec2 = EcsEc2ContainerDefinition(
        stack, "Ec2Container", image=image, cpu=1, memory=Size.mebibytes(2048),
        logging=LogDrivers.aws_logs(stream_prefix="ec2", log_group=named),
        environment={"FROM_NAME": by_name.string_value, "FROM_ARN": by_arn.string_value, "SHARED": shared_value,
                     "OWN": parameter.string_value, "LOGS": kept.log_group_name},
        secrets={"PARAM": BatchSecret.from_ssm_parameter(parameter),
                 "PASSWORD": BatchSecret.from_secrets_manager(templated, "password"),
                 "GIVEN": BatchSecret.from_secrets_manager_version(given, SecretVersionInfo(version_stage="AWSCURRENT")),
                 "LOOKED_UP": BatchSecret.from_secrets_manager(looked_up),
                 "PARTIAL": BatchSecret.from_secrets_manager(partial),
                 "GENERATED": BatchSecret.from_secrets_manager(generated),
                 "IMPORTED_PARAM": BatchSecret.from_ssm_parameter(by_name)})
    EcsJobDefinition(stack, "Ec2Job", container=ec2)
    fargate = EcsFargateContainerDefinition(
        stack, "FargateContainer", image=ContainerImage.from_registry("public.ecr.aws/amazonlinux/amazonlinux:2023"),
        cpu=0.25, memory=Size.mebibytes(512), logging=LogDrivers.aws_logs(stream_prefix="fg", log_group=shared),
        secrets={"NAME": BatchSecret.from_ssm_parameter(generated_name)})
    EcsJobDefinition(stack, "FargateJob", container=fargate)
    role = Role(stack, "Reader", assumed_by=ServicePrincipal("ecs-tasks.amazonaws.com"))
    for grantable in (kept, shared, parameter, by_name, generated, looked_up, partial):
        grantable.grant_read(role)
    kept.grant_write(role)
    parameter.grant_write(role)
    generated.grant_write(role)


def test_every_emitted_block_passes_terraform_validate(terraform_tools: Any, tmp_path: Path) -> None:
    from cdktf import TerraformStack, Testing

    from batch_constructs.providers import aws_provider
    from batch_constructs.testing import Template

    stack = TerraformStack(Testing.app(), "Neighbours")
    aws_provider(stack, region="us-east-1")
    build_everything(stack)
    doc = Template.from_stack(stack).to_json()
    emitted = {(section, kind) for section in ("resource", "data") for kind in doc.get(section, {})}
    assert EMITTED <= emitted, EMITTED - emitted
    assert_validates(terraform_tools, doc, tmp_path / "tf")


def _applied_stack(outdir: Path, provider_config: dict[str, Any]) -> dict[str, Any]:
    from batch_constructs import App, EcsFargateContainerDefinition, EcsJobDefinition, LogDrivers
    from batch_constructs import Secret as BatchSecret
    from batch_constructs.core import RemovalPolicy, Size
    from batch_constructs.ecs import ContainerImage
    from batch_constructs.logs import LogGroup
    from batch_constructs.secretsmanager import Secret, SecretStringGenerator
    from batch_constructs.ssm import StringParameter
    from stacks._base import ExampleStack

    class NeighbourStack(ExampleStack):
        def build(self) -> None:
            logs = LogGroup(self, "Logs", log_group_name="/neighbours/apply", removal_policy=RemovalPolicy.DESTROY)
            parameter = StringParameter(self, "Param", string_value="hello", parameter_name="/neighbours/apply")
            plain = Secret(self, "Plain")
            templated = Secret(self, "Templated", generate_secret_string=SecretStringGenerator(
                secret_string_template='{"username": "admin"}', generate_string_key="password",
                exclude_punctuation=True))
            container = EcsFargateContainerDefinition(
                self, "Container", image=ContainerImage.from_registry("public.ecr.aws/amazonlinux/amazonlinux:2023"),
                cpu=0.25, memory=Size.mebibytes(512), logging=LogDrivers.aws_logs(stream_prefix="x", log_group=logs),
                secrets={"P": BatchSecret.from_ssm_parameter(parameter), "S": BatchSecret.from_secrets_manager(plain),
                         "T": BatchSecret.from_secrets_manager(templated, "password")})
            EcsJobDefinition(self, "Job", container=container)

    app = App(outdir=str(outdir))
    stack = NeighbourStack(app, "neighbours-apply", provider_config=provider_config)
    app.synth()
    return json.loads((outdir / "stacks" / stack.node.id / "cdk.tf.json").read_text())


@pytest.mark.e2e
def test_generated_secrets_apply_once_and_plan_quietly(terraform_tools: Any, moto_server: Any,
                                                       tmp_path: Path) -> None:
    doc = _applied_stack(tmp_path / "out", moto_server.provider_config())
    tf = Terraform(terraform_tools.binary, terraform_tools.cli_config, prepare_stack_dir(doc, tmp_path / "work"))
    tf.run("init", "-input=false", "-no-color").check()
    try:
        tf.apply().check()
        # the password data source reads a new password now; the stored value must not change
        tf.plan_exit_code().check(0)
        secrets = moto_server.client("secretsmanager")
        values = {s["Name"]: secrets.get_secret_value(SecretId=s["ARN"])["SecretString"]
                  for s in secrets.list_secrets()["SecretList"]}
        assert len(values) == 2, values
        plain = [v for v in values.values() if not v.startswith("{")]
        (templated,) = [json.loads(v) for v in values.values() if v.startswith("{")]
        assert len(plain) == 1 and len(plain[0]) == 32
        assert templated["username"] == "admin" and len(templated["password"]) == 32
        assert moto_server.client("ssm").get_parameter(Name="/neighbours/apply")["Parameter"]["Value"] == "hello"
        assert moto_server.client("logs").describe_log_groups(logGroupNamePrefix="/neighbours/apply")["logGroups"]
    finally:
        tf.destroy().check()
