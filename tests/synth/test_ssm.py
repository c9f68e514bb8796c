"""``batch_constructs.ssm``: StringParameter, its imports, value_for_string_parameter, grants, and
parameters given to containers with ``batch.Secret.from_ssm_parameter``."""
from __future__ import annotations

from typing import Any

import pytest

from batch_constructs import EcsJobDefinition, Secret, ValidationError
from batch_constructs.iam import Role, ServicePrincipal
from batch_constructs.ssm import ParameterDataType, ParameterTier, StringParameter
from batch_constructs.testing import Template

from ._helpers import allowed, ec2, job_definition, statements

READ = ["ssm:DescribeParameters", "ssm:GetParameters", "ssm:GetParameter", "ssm:GetParameterHistory"]


def only_parameter(template: Template) -> dict[str, Any]:
    (parameter,) = template.find_resources("aws_ssm_parameter").values()
    return parameter


def role(stack: Any) -> Role:
    return Role(stack, "Role", assumed_by=ServicePrincipal("ecs-tasks.amazonaws.com"))


def test_string_parameter_defaults(stack: Any) -> None:
    parameter = StringParameter(stack, "Param", string_value="v1")
    rendered = only_parameter(Template.from_stack(stack))
    assert rendered == {"name": rendered["name"], "type": "String", "insecure_value": "v1"}
    assert rendered["name"].startswith("TestStack-Param-")  # Terraform needs a name: generated, simple
    assert parameter.parameter_arn.startswith("${TfToken[")
    assert parameter.string_value.startswith("${TfToken[")


def test_string_parameter_every_keyword(stack: Any) -> None:
    StringParameter(stack, "Param", string_value="ami-12345678", parameter_name="/app/image",
                    description="the image", tier=ParameterTier.ADVANCED, allowed_pattern=r"^ami-\w+$",
                    data_type=ParameterDataType.AWS_EC2_IMAGE, simple_name=False)
    assert only_parameter(Template.from_stack(stack)) == {
        "name": "/app/image", "type": "String", "insecure_value": "ami-12345678", "description": "the image",
        "tier": "Advanced", "allowed_pattern": r"^ami-\w+$", "data_type": "aws:ec2:image"}


def test_template_syntax_in_values_is_literal(stack: Any) -> None:
    StringParameter(stack, "Param", string_value="${not} %{a} template", description="${x}")
    rendered = only_parameter(Template.from_stack(stack))
    assert rendered["insecure_value"] == "$${not} %%{a} template"
    assert rendered["description"] == "$${x}"


def test_value_from_another_resource(stack: Any) -> None:
    other = StringParameter(stack, "Other", string_value="x")
    StringParameter(stack, "Param", string_value=other.parameter_arn)
    values = {p["insecure_value"] for p in Template.from_stack(stack).find_resources("aws_ssm_parameter").values()}
    assert any(v.startswith("${aws_ssm_parameter.Other_") for v in values)


def test_grants(stack: Any) -> None:
    grantee = role(stack)
    parameter = StringParameter(stack, "Param", string_value="v", parameter_name="p")
    parameter.grant_read(grantee)
    parameter.grant_write(grantee)
    pairs = allowed(Template.from_stack(stack))
    (resource,) = {r for _, r in pairs}
    assert resource.startswith("${aws_ssm_parameter.Param_") and resource.endswith(".arn}")
    assert {a for a, _ in pairs} == {*READ, "ssm:PutParameter"}


def test_imports_by_name_build_the_arn_and_read_nothing_until_the_value_is_used(stack: Any) -> None:
    simple = StringParameter.from_string_parameter_name(stack, "Simple", "my-param")
    path = StringParameter.from_string_parameter_name(stack, "Path", "/app/db/host")
    assert simple.parameter_name == "my-param" and path.parameter_name == "/app/db/host"
    assert simple.parameter_type == "String"
    simple.grant_read(role(stack))
    template = Template.from_stack(stack)
    assert template.find_data_sources("aws_ssm_parameter") == {}
    (statement,) = statements(template)
    assert statement["Action"] == READ
    assert statement["Resource"].startswith("arn:${data.aws_partition.BatchConstructsPartition.partition}:ssm:")
    assert statement["Resource"].endswith(":parameter/my-param")
    assert path.parameter_arn.endswith(":parameter/app/db/host")


def test_imported_value_is_a_data_source(stack: Any) -> None:
    by_name = StringParameter.from_string_parameter_name(stack, "Name", "/app/host")
    versioned = StringParameter.from_string_parameter_attributes(stack, "Versioned", parameter_name="/app/port",
                                                                 version=3)
    by_arn = StringParameter.from_string_parameter_arn(stack, "Arn", "arn:aws:ssm:us-east-1:123456789012:parameter/x")
    by_name.string_value  # one data source, however often the value is read
    EcsJobDefinition(stack, "JobDef", container=ec2(stack, environment={
        "HOST": by_name.string_value, "PORT": versioned.string_value, "X": by_arn.string_value}))
    template = Template.from_stack(stack)
    data = template.find_data_sources("aws_ssm_parameter")
    assert sorted(d["name"] for d in data.values()) == [
        "/app/host", "/app/port:3", "arn:aws:ssm:us-east-1:123456789012:parameter/x"]
    environment = job_definition(template)["container_properties"]["environment"]
    assert all(e["value"].startswith("${data.aws_ssm_parameter.") and e["value"].endswith(".insecure_value}")
               for e in environment)
    assert by_arn.parameter_name == "x" and by_arn.parameter_arn == "arn:aws:ssm:us-east-1:123456789012:parameter/x"


def test_value_for_string_parameter_shares_one_data_source(stack: Any) -> None:
    for scope, version in ((stack, None), (ec2(stack), None), (stack, 2)):
        value = StringParameter.value_for_string_parameter(scope, "/shared/value", version)
        assert value.startswith("${TfToken[")
    names = sorted(d["name"] for d in Template.from_stack(stack).find_data_sources("aws_ssm_parameter").values())
    assert names == ["/shared/value", "/shared/value:2"]


def test_token_name_needs_simple_name(stack: Any) -> None:
    from cdktf import TerraformVariable
    name = TerraformVariable(stack, "name", type="string").string_value
    imported = StringParameter.from_string_parameter_attributes(stack, "P", parameter_name=name, simple_name=True)
    assert imported.parameter_arn.endswith(f":parameter/{name}")
    unknown = StringParameter.from_string_parameter_name(stack, "Q", name)
    with pytest.raises(ValidationError, match=r"^\[TestStack/Q\] Unable to determine ARN separator"):
        unknown.parameter_arn


# -- parameters given to containers ---------------------------------------------------------------

def test_container_secret_from_a_string_parameter(stack: Any) -> None:
    parameter = StringParameter(stack, "Param", string_value="v", parameter_name="/app/token")
    imported = StringParameter.from_string_parameter_name(stack, "Imported", "/app/other")
    EcsJobDefinition(stack, "JobDef", container=ec2(stack, secrets={
        "TOKEN": Secret.from_ssm_parameter(parameter), "OTHER": Secret.from_ssm_parameter(imported)}))
    template = Template.from_stack(stack)
    secrets = job_definition(template)["container_properties"]["secrets"]
    assert secrets[0]["name"] == "TOKEN" and secrets[0]["valueFrom"].startswith("${aws_ssm_parameter.Param_")
    assert secrets[1]["valueFrom"].endswith(":parameter/app/other")
    pairs = allowed(template)
    assert all((action, secret["valueFrom"]) in pairs for action in READ for secret in secrets)
    assert template.find_data_sources("aws_ssm_parameter") == {}
