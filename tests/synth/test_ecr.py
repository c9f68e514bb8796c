"""``batch_constructs.ecr``: the repository, its lifecycle policy, imports and AWS CDK's grants; an
ECS job definition whose image comes from a repository grants pull to its execution role."""
from __future__ import annotations

from typing import Any

import pytest

from batch_constructs import EcsJobDefinition, ValidationError
from batch_constructs.core import Duration, RemovalPolicy
from batch_constructs.ecr import LifecycleRule, Repository, TagMutability, TagStatus
from batch_constructs.ecs import ContainerImage
from batch_constructs.iam import Role, ServicePrincipal
from batch_constructs.testing import Template

from ._helpers import ec2, statements

PULL = ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]
PUSH = ["ecr:CompleteLayerUpload", "ecr:UploadLayerPart", "ecr:InitiateLayerUpload",
        "ecr:BatchCheckLayerAvailability", "ecr:PutImage"]
ARN = "${aws_ecr_repository.Repo_02AC86CF.arn}"
TOKEN = {"Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*"}


def role(stack: Any) -> Role:
    return Role(stack, "Role", assumed_by=ServicePrincipal("ecs-tasks.amazonaws.com"))


def only(template: Template, kind: str) -> dict[str, Any]:
    (value,) = template.find_resources(kind).values()
    return value


def test_default_repository_has_a_generated_lowercase_name(stack: Any) -> None:
    repo = Repository(stack, "Repo")
    assert only(Template.from_stack(stack), "aws_ecr_repository") == {"name": "teststack-repo-cbece180"}
    assert repo.repository_uri.startswith("${") and repo.repository_arn.startswith("${")
    assert repo.repository_uri_for_tag("v1").endswith(":v1")
    assert repo.repository_uri_for_digest("sha256:" + "a" * 64).endswith("@sha256:" + "a" * 64)


def test_keywords_reach_the_repository(stack: Any) -> None:
    Repository(stack, "Repo", repository_name="team/app", image_scan_on_push=True,
               image_tag_mutability=TagMutability.IMMUTABLE, removal_policy=RemovalPolicy.DESTROY,
               empty_on_delete=True)
    assert only(Template.from_stack(stack), "aws_ecr_repository") == {
        "name": "team/app", "image_scanning_configuration": {"scan_on_push": True},
        "image_tag_mutability": "IMMUTABLE", "force_delete": True}


def test_retain_prevents_destroy(stack: Any) -> None:
    Repository(stack, "Repo", removal_policy=RemovalPolicy.RETAIN)
    assert only(Template.from_stack(stack), "aws_ecr_repository")["lifecycle"] == {"prevent_destroy": True}


def test_lifecycle_rules_are_ordered_as_aws_cdk_orders_them(stack: Any) -> None:
    repo = Repository(stack, "Repo", lifecycle_rules=[LifecycleRule(max_image_count=10, description="keep 10")])
    repo.add_lifecycle_rule(LifecycleRule(tag_prefix_list=["dev-"], max_image_age=Duration.days(14)))
    repo.add_lifecycle_rule(LifecycleRule(rule_priority=5, tag_status=TagStatus.UNTAGGED, max_image_count=1))
    policy = only(Template.from_stack(stack), "aws_ecr_lifecycle_policy")
    assert policy["repository"] == "${aws_ecr_repository.Repo_02AC86CF.name}"
    assert policy["policy"]["rules"] == [
        {"rulePriority": 5, "action": {"type": "expire"},
         "selection": {"tagStatus": "untagged", "countType": "imageCountMoreThan", "countNumber": 1}},
        {"rulePriority": 6, "action": {"type": "expire"},
         "selection": {"tagStatus": "tagged", "tagPrefixList": ["dev-"], "countType": "sinceImagePushed",
                       "countNumber": 14, "countUnit": "days"}},
        {"rulePriority": 7, "description": "keep 10", "action": {"type": "expire"},
         "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 10}}]


@pytest.mark.parametrize("method, actions", [
    ("grant_pull", PULL), ("grant_push", PUSH), ("grant_pull_push", PULL + PUSH[:3] + PUSH[4:])])
def test_grants_have_aws_cdk_actions(stack: Any, method: str, actions: list[str]) -> None:
    getattr(Repository(stack, "Repo"), method)(role(stack))
    assert statements(Template.from_stack(stack), "Role") == [
        {"Effect": "Allow", "Action": actions, "Resource": ARN}, TOKEN]


def test_grant_read_and_grant(stack: Any) -> None:
    repo = Repository(stack, "Repo")
    repo.grant_read(role(stack))
    repo.grant(Role(stack, "Other", assumed_by=ServicePrincipal("ecs-tasks.amazonaws.com")), "ecr:ListImages")
    template = Template.from_stack(stack)
    assert statements(template, "Role") == [
        {"Effect": "Allow", "Action": ["ecr:DescribeRepositories", "ecr:DescribeImages"], "Resource": ARN}]
    assert statements(template, "Other") == [{"Effect": "Allow", "Action": "ecr:ListImages", "Resource": ARN}]


def test_imports(stack: Any) -> None:
    by_name = Repository.from_repository_name(stack, "ByName", "team/app")
    by_arn = Repository.from_repository_arn(stack, "ByArn", "arn:aws:ecr:eu-west-1:123456789012:repository/x/y")
    attrs = Repository.from_repository_attributes(stack, "Attrs", repository_name="z",
                                                  repository_arn="arn:aws:ecr:us-east-1:123456789012:repository/z")
    assert by_arn.repository_name == "x/y"
    assert by_arn.repository_uri.startswith("123456789012.dkr.ecr.eu-west-1.${")
    assert by_arn.repository_uri.endswith("}/x/y")
    assert attrs.repository_uri_for_tag("1.0").endswith("/z:1.0")
    by_name.grant_pull(role(stack))
    template = Template.from_stack(stack)
    template.resource_count_is("aws_ecr_repository", 0)
    pull, token = statements(template, "Role")
    assert pull["Resource"] == (
        "arn:${data.aws_partition.BatchConstructsPartition.partition}:ecr:${data.aws_region.BatchConstructsRegion."
        + ("region" if "Region.region" in pull["Resource"] else "name")
        + "}:${data.aws_caller_identity.BatchConstructsCallerIdentity.account_id}:repository/team/app")
    assert token == TOKEN


def test_job_definition_grants_pull_on_its_repository(stack: Any) -> None:
    repo = Repository(stack, "Repo")
    image = ContainerImage.from_ecr_repository(repo, "v2")
    EcsJobDefinition(stack, "JobDefn", container=ec2(stack, image=image))
    template = Template.from_stack(stack)
    (jd,) = template.find_resources("aws_batch_job_definition").values()
    assert jd["container_properties"]["image"] == "${aws_ecr_repository.Repo_02AC86CF.repository_url}:v2"
    pull, token, _logs = statements(template, "Container_ExecutionRole")
    assert pull == {"Effect": "Allow", "Action": PULL, "Resource": ARN} and token == TOKEN


def test_provider_l1_repository_keeps_its_output(stack: Any) -> None:
    """The provider's EcrRepository still works as before (same image and statements)."""
    from batch_constructs._runtime import provider_class
    l1 = provider_class("ecr_repository", "EcrRepository")(stack, "L1", name="l1")
    EcsJobDefinition(stack, "JobDefn", container=ec2(stack, image=ContainerImage.from_ecr_repository(l1)))
    template = Template.from_stack(stack)
    (jd,) = template.find_resources("aws_batch_job_definition").values()
    assert jd["container_properties"]["image"] == "${aws_ecr_repository.L1.repository_url}:latest"
    pull, token, _logs = statements(template, "Container_ExecutionRole")
    assert pull["Resource"] == "${aws_ecr_repository.L1.arn}" and token == TOKEN


def test_imported_repository_in_an_image(stack: Any) -> None:
    repo = Repository.from_repository_arn(stack, "Repo", "arn:aws:ecr:us-east-1:123456789012:repository/app")
    EcsJobDefinition(stack, "JobDefn", container=ec2(stack, image=ContainerImage.from_ecr_repository(repo, "1")))
    pull, token, _logs = statements(Template.from_stack(stack), "Container_ExecutionRole")
    assert pull["Resource"] == "arn:aws:ecr:us-east-1:123456789012:repository/app"


def test_repository_name_rules_are_aws_cdks(stack: Any) -> None:
    with pytest.raises(ValidationError) as info:
        Repository(stack, "Repo", repository_name="A")
    assert str(info.value).splitlines() == [
        "[TestStack/Repo] Invalid ECR repository name (value: A)",
        "Repository name must be at least 2 and no more than 256 characters",
        "Repository name must start with a letter and can only contain lowercase letters, numbers, hyphens, "
        "underscores, periods and forward slashes"]


def test_tag_pattern_rules(stack: Any) -> None:
    """AWS CDK's ``tag_pattern_list``: TAGGED implied, rendered as ``tagPatternList``."""
    repo = Repository(stack, "Repo")
    repo.add_lifecycle_rule(tag_pattern_list=["prod*v1*"], max_image_count=5)
    policy = only(Template.from_stack(stack), "aws_ecr_lifecycle_policy")["policy"]
    assert policy["rules"][0]["selection"] == {"countNumber": 5, "countType": "imageCountMoreThan",
                                               "tagPatternList": ["prod*v1*"], "tagStatus": "tagged"}
