"""``terraform validate`` on everything ``batch_constructs.iam`` emits, in one stack: roles with
every keyword, inline policies (``aws_iam_role_policy``, ``aws_iam_user_policy``,
``aws_iam_group_policy``), customer managed policies (``aws_iam_policy``) and every attachment
kind, group membership, grants through the provider's L1s and imported roles, and the stack
data sources account principals and policies by name use."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.harness.terraform import assert_validates

pytestmark = pytest.mark.terraform

EMITTED = {("resource", kind) for kind in (
    "aws_iam_role", "aws_iam_user", "aws_iam_group", "aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy",
    "aws_iam_group_policy", "aws_iam_role_policy_attachment", "aws_iam_user_policy_attachment",
    "aws_iam_group_policy_attachment", "aws_iam_user_group_membership")} | {
    ("data", "aws_partition"), ("data", "aws_caller_identity")}


def build_everything(stack: Any) -> None:
    from batch_constructs._runtime import provider_class
    from batch_constructs.core import Duration
    from batch_constructs.iam import (AccountRootPrincipal, ArnPrincipal, CompositePrincipal, Effect, Grant, Group,
                                      ManagedPolicy, Policy, PolicyDocument, PolicyStatement, Role, ServicePrincipal,
                                      User, WebIdentityPrincipal, as_principal)

    ecs = ServicePrincipal("ecs-tasks.amazonaws.com")
    boundary = ManagedPolicy.from_aws_managed_policy_name("PowerUserAccess")
    role = Role(stack, "Role", assumed_by=CompositePrincipal(ecs, ServicePrincipal("batch.amazonaws.com")),
                role_name="iam-validate-role", path="/batch/", description="every keyword",
                max_session_duration=Duration.hours(4), permissions_boundary=boundary, external_ids=["one", "two"],
                managed_policies=[ManagedPolicy.from_aws_managed_policy_name("ReadOnlyAccess")],
                inline_policies={"Home": PolicyDocument(statements=[PolicyStatement(
                    actions=["s3:GetObject"], resources=["arn:aws:s3:::bucket/home/${aws:username}/*"],
                    conditions={"Bool": {"aws:SecureTransport": "true"}})])})
    role.add_to_policy(PolicyStatement(not_actions=["iam:*"], not_resources=["arn:aws:s3:::secret"],
                                       effect=Effect.DENY, sid="NoIam"))
    Role(stack, "Root", assumed_by=AccountRootPrincipal())
    Role(stack, "Web", assumed_by=WebIdentityPrincipal(
        "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC",
        {"StringEquals": {"oidc.eks.us-east-1.amazonaws.com/id/ABC:aud": "sts.amazonaws.com"}}))
    Role(stack, "ByRole", assumed_by=role)
    user = User(stack, "User", path="/people/", permissions_boundary=boundary)
    group = Group(stack, "Group", path="/teams/")
    user.add_to_group(group)
    statement = PolicyStatement(actions=["sqs:SendMessage"], resources=["*"])
    policy = Policy(stack, "Policy", statements=[statement], roles=[role], users=[user], groups=[group])
    managed = ManagedPolicy(stack, "Managed", managed_policy_name="iam-validate-managed", description="managed",
                            path="/batch/", statements=[PolicyStatement(actions=["sns:Publish"], resources=["*"])],
                            roles=[role], users=[user], groups=[group])
    l1_role = provider_class("iam_role", "IamRole")(stack, "L1Role", assume_role_policy=ecs.assume_role_policy())
    l1_user = provider_class("iam_user", "IamUser")(stack, "L1User", name="iam-validate-l1")
    for grantee in (l1_role, l1_user, l1_role):
        Grant.add_to_principal(grantee=grantee, actions=["s3:ListBucket"], resource_arns=["arn:aws:s3:::bucket"])
        as_principal(grantee).add_to_principal_policy(PolicyStatement(actions=["s3:GetObject"], resources=["*"]))
    policy.attach_to_role(l1_role)
    managed.attach_to_user(l1_user)
    imported = Role.from_role_arn(stack, "Imported", "arn:aws:iam::123456789012:role/service-role/existing")
    by_name = Role.from_role_name(stack, "ByName", "existing-by-name", default_policy_name="grants")
    frozen = Role.from_role_arn(stack, "Frozen", "arn:aws:iam::123456789012:role/frozen", mutable=False)
    for target in (imported, by_name, frozen):
        target.grant_pass_role(user)
        target.add_to_principal_policy(PolicyStatement(actions=["logs:PutLogEvents"], resources=["*"]))
    managed.attach_to_role(frozen)
    role.add_managed_policy(ManagedPolicy.from_managed_policy_name(stack, "ByPolicyName", "existing-policy"))
    role.add_managed_policy(ManagedPolicy.from_managed_policy_arn(
        stack, "ByPolicyArn", "arn:aws:iam::123456789012:policy/existing-arn"))
    role.assume_role_policy.add_statements(PolicyStatement(actions=["sts:TagSession"], principals=[
        ArnPrincipal("arn:aws:iam::123456789012:root")]))


def test_every_iam_block_passes_terraform_validate(terraform_tools: Any, tmp_path: Path) -> None:
    from cdktf import TerraformStack, Testing

    from batch_constructs.providers import aws_provider
    from batch_constructs.testing import Template

    stack = TerraformStack(Testing.app(), "Iam")
    aws_provider(stack, region="us-east-1")
    build_everything(stack)
    doc = Template.from_stack(stack).to_json()
    emitted = {(section, kind) for section in ("resource", "data") for kind in doc.get(section, {})}
    assert EMITTED <= emitted, EMITTED - emitted
    assert_validates(terraform_tools, doc, tmp_path / "tf")
