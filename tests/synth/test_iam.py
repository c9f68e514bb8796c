"""The IAM constructs: ``Role`` with every keyword, ``Policy``, ``ManagedPolicy``, imported roles,
``User``/``Group``, grants, and grants through the provider's ``IamRole``/``IamUser``/``IamGroup``
L1s (one grants policy per L1, however many grants)."""
from __future__ import annotations

import re
from typing import Any

import pytest

from batch_constructs import ValidationError
from batch_constructs._runtime import provider_class
from batch_constructs.core import Duration
from batch_constructs.iam import (AccountRootPrincipal, CompositePrincipal, Grant, Group, ManagedPolicy, Policy,
                                  PolicyDocument, PolicyStatement, Role, ServicePrincipal, User, as_principal)
from batch_constructs.testing import Match, Template

ECS = ServicePrincipal("ecs-tasks.amazonaws.com")
PARTITION = "${data.aws_partition.BatchConstructsPartition.partition}"
ACCOUNT = "${data.aws_caller_identity.BatchConstructsCallerIdentity.account_id}"


def read(*resources: str, actions: tuple[str, ...] = ("s3:GetObject",)) -> PolicyStatement:
    return PolicyStatement(actions=list(actions), resources=list(resources))


def only(template: Template, type_: str) -> dict[str, Any]:
    (resource,) = template.find_resources(type_).values()
    return resource


def test_role_with_every_keyword(stack: Any) -> None:
    boundary = ManagedPolicy.from_managed_policy_arn(stack, "Boundary", "arn:aws:iam::123456789012:policy/boundary")
    Role(stack, "Role", assumed_by=CompositePrincipal(ECS, ServicePrincipal("batch.amazonaws.com")),
         role_name="app-role", path="/app/", description="the app", max_session_duration=Duration.hours(2),
         permissions_boundary=boundary, external_ids=["e-1"],
         managed_policies=[ManagedPolicy.from_aws_managed_policy_name("ReadOnlyAccess")],
         inline_policies={"Bucket": PolicyDocument(statements=[read("arn:aws:s3:::b/${aws:username}/*")])})
    template = Template.from_stack(stack)
    role = only(template, "aws_iam_role")
    assert {k: role[k] for k in ("name", "path", "description", "max_session_duration", "permissions_boundary")} == {
        "name": "app-role", "path": "/app/", "description": "the app", "max_session_duration": 7200,
        "permissions_boundary": "arn:aws:iam::123456789012:policy/boundary"}
    assert role["assume_role_policy"]["Statement"] == [{
        "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "e-1"}}, "Effect": "Allow",
        "Principal": {"Service": ["ecs-tasks.amazonaws.com", "batch.amazonaws.com"]}}]
    inline = only(template, "aws_iam_role_policy")
    assert inline["name"] == "Bucket" and inline["role"].startswith("${aws_iam_role.Role_")
    raw = template.to_json()["resource"]["aws_iam_role_policy"]
    assert "arn:aws:s3:::b/$${aws:username}/*" in next(iter(raw.values()))["policy"]  # an IAM variable, escaped
    template.has_resource_properties("aws_iam_role_policy_attachment", {
        "policy_arn": f"arn:{PARTITION}:iam::aws:policy/ReadOnlyAccess"})


def test_account_root_principal_and_late_trust_statements(stack: Any) -> None:
    role = Role(stack, "Role", assumed_by=AccountRootPrincipal())
    role.assume_role_policy.add_statements(PolicyStatement(actions=["sts:TagSession"], principals=[ECS]))
    trust = only(Template.from_stack(stack), "aws_iam_role")["assume_role_policy"]["Statement"]
    assert trust == [
        {"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"AWS": f"arn:{PARTITION}:iam::{ACCOUNT}:root"}},
        {"Action": "sts:TagSession", "Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}}]


def test_grants_merge_and_repeated_managed_policies_attach_once(stack: Any) -> None:
    role = Role(stack, "Role", assumed_by=ECS)
    secret = provider_class("secretsmanager_secret", "SecretsmanagerSecret")(stack, "Secret")
    for _ in range(3):  # three reads of one attribute are three tokens, one value
        role.add_to_principal_policy(read(secret.arn, actions=("secretsmanager:GetSecretValue",)))
    role.add_to_policy(read("arn:aws:s3:::a"))
    role.add_to_policy(read("arn:aws:s3:::b"))
    policy = ManagedPolicy.from_aws_managed_policy_name("ReadOnlyAccess")
    assert role.add_managed_policy(policy) is role.add_managed_policy(ManagedPolicy.from_aws_managed_policy_name(
        "ReadOnlyAccess"))
    template = Template.from_stack(stack)
    assert only(template, "aws_iam_role_policy")["policy"]["Statement"] == [
        {"Action": "secretsmanager:GetSecretValue", "Effect": "Allow", "Resource": "${aws_secretsmanager_secret.Secret.arn}"},
        {"Action": "s3:GetObject", "Effect": "Allow", "Resource": ["arn:aws:s3:::a", "arn:aws:s3:::b"]}]
    template.resource_count_is("aws_iam_role_policy_attachment", 1)
    assert len(role.policy_statements) == 5


def test_policy_construct_for_roles_users_and_groups(stack: Any) -> None:
    role, user, group = Role(stack, "Role", assumed_by=ECS), User(stack, "User"), Group(stack, "Group")
    l1 = provider_class("iam_role", "IamRole")(stack, "L1", assume_role_policy=ECS.assume_role_policy())
    policy = Policy(stack, "Policy", policy_name="shared", statements=[read("arn:aws:s3:::a")], users=[user])
    role.attach_inline_policy(policy)
    group.attach_inline_policy(policy)
    policy.attach_to_role(l1)
    policy.attach_to_role(role)  # again: no second resource
    policy.add_statements(read("arn:aws:s3:::b"))
    Policy(stack, "Unattached", statements=[read("*")])  # creates nothing (AWS CDK, force=False)
    template = Template.from_stack(stack)
    statement = [{"Action": "s3:GetObject", "Effect": "Allow", "Resource": ["arn:aws:s3:::a", "arn:aws:s3:::b"]}]
    roles = template.find_resources("aws_iam_role_policy")
    assert sorted(r["role"].split(".")[1][:4] for r in roles.values()) == ["L1", "Role"]
    for type_, count in (("aws_iam_role_policy", 2), ("aws_iam_user_policy", 1), ("aws_iam_group_policy", 1)):
        found = template.find_resources(type_)
        assert len(found) == count
        assert all(p["name"] == "shared" and p["policy"]["Statement"] == statement for p in found.values())


def test_managed_policy_construct(stack: Any) -> None:
    role, user, group = Role(stack, "Role", assumed_by=ECS), User(stack, "User"), Group(stack, "Group")
    imported = Role.from_role_arn(stack, "Imported", "arn:aws:iam::123456789012:role/path/theirs", mutable=False)
    policy = ManagedPolicy(stack, "Policy", managed_policy_name="app-policy", description="d", path="/app/",
                           statements=[read("*")], roles=[role, imported], users=[user], groups=[group])
    role.add_managed_policy(policy)  # the same attachment
    by_name = ManagedPolicy.from_managed_policy_name(stack, "ByName", "their-policy")
    role.add_managed_policy(by_name)
    template = Template.from_stack(stack)
    assert only(template, "aws_iam_policy") == {
        "name": "app-policy", "description": "d", "path": "/app/",
        "policy": {"Version": "2012-10-17", "Statement": [{"Action": "s3:GetObject", "Effect": "Allow", "Resource": "*"}]}}
    attachments = template.find_resources("aws_iam_role_policy_attachment")
    managed = "${aws_iam_policy." + next(iter(template.find_resources("aws_iam_policy"))) + ".arn}"
    role_name = "${aws_iam_role." + next(iter(template.find_resources("aws_iam_role"))) + ".name}"
    assert sorted((a["role"], a["policy_arn"]) for a in attachments.values()) == sorted([
        (role_name, managed),  # once, though attached from both sides
        ("theirs", managed),  # the immutable import: the policy's own attachment, by the name in the ARN
        (role_name, f"arn:{PARTITION}:iam::{ACCOUNT}:policy/their-policy")])
    template.resource_count_is("aws_iam_user_policy_attachment", 1)
    template.resource_count_is("aws_iam_group_policy_attachment", 1)


def test_imported_roles(stack: Any) -> None:
    user = User(stack, "User")
    mutable = Role.from_role_arn(stack, "Mutable", "arn:aws:iam::123456789012:role/service-role/batch")
    frozen = Role.from_role_arn(stack, "Frozen", "arn:aws:iam::123456789012:role/frozen", mutable=False)
    by_name = Role.from_role_name(stack, "ByName", "named", default_policy_name="grants")
    for role in (mutable, frozen, by_name):
        assert role.add_to_principal_policy(read("*")).statement_added
    grant = mutable.grant_pass_role(user)
    assert isinstance(grant, Grant) and grant.success
    by_name.grant_pass_role(user)
    template = Template.from_stack(stack)
    policies = {p["role"]: p for p in template.find_resources("aws_iam_role_policy").values()}
    assert set(policies) == {"batch", "named"}
    assert policies["named"]["name"] == "grants" and "name" not in policies["batch"]
    assert only(template, "aws_iam_user_policy")["policy"]["Statement"] == [
        {"Action": "iam:PassRole", "Effect": "Allow", "Resource": [
            "arn:aws:iam::123456789012:role/service-role/batch", f"arn:{PARTITION}:iam::{ACCOUNT}:role/named"]}]


def test_role_grants_and_role_as_principal(stack: Any) -> None:
    role = Role(stack, "Role", assumed_by=ECS)
    other = Role(stack, "Other", assumed_by=role)
    grantee = User(stack, "User")
    role.grant(grantee, "iam:GetRole")
    role.grant_assume_role(grantee)
    template = Template.from_stack(stack)
    trust = template.find_resources("aws_iam_role", {"assume_role_policy": {"Statement": [
        {"Principal": {"AWS": Match.string_like_regexp(r"^\$\{aws_iam_role\.Role_\w+\.arn\}$")}}]}})
    assert len(trust) == 1 and other.role_arn
    (statement,) = only(template, "aws_iam_user_policy")["policy"]["Statement"]
    assert statement["Action"] == ["iam:GetRole", "sts:AssumeRole"]
    assert re.fullmatch(r"\$\{aws_iam_role\.Role_\w+\.arn\}", statement["Resource"])


@pytest.mark.parametrize("type_, kind", [("iam_role", "role"), ("iam_user", "user"), ("iam_group", "group")])
def test_a_provider_l1_takes_any_number_of_grants(stack: Any, type_: str, kind: str) -> None:
    cls = {"iam_role": "IamRole", "iam_user": "IamUser", "iam_group": "IamGroup"}[type_]
    kwargs = {"assume_role_policy": ECS.assume_role_policy()} if kind == "role" else {"name": "x"}
    l1 = provider_class(type_, cls)(stack, "L1", **kwargs)
    as_principal(l1).add_to_principal_policy(read("arn:aws:s3:::a"))
    as_principal(l1).add_to_principal_policy(read("arn:aws:s3:::a", actions=("s3:PutObject",)))
    Grant.add_to_principal(grantee=l1, actions=["sqs:SendMessage"], resource_arns=["arn:q"])
    ManagedPolicy(stack, "Managed", statements=[read("*")], **{f"{kind}s": [l1]})
    as_principal(l1).add_managed_policy(ManagedPolicy.from_aws_managed_policy_name("ReadOnlyAccess"))
    template = Template.from_stack(stack)
    policy = only(template, f"aws_iam_{kind}_policy")
    assert policy[kind] == f"${{aws_iam_{kind}.L1.name}}"
    assert policy["policy"]["Statement"] == [
        {"Action": ["s3:GetObject", "s3:PutObject"], "Effect": "Allow", "Resource": "arn:aws:s3:::a"},
        {"Action": "sqs:SendMessage", "Effect": "Allow", "Resource": "arn:q"}]
    template.resource_count_is(f"aws_iam_{kind}_policy_attachment", 2)


def test_users_join_groups(stack: Any) -> None:
    first, second = Group(stack, "First"), Group(stack, "Second")
    user = User(stack, "User", groups=[first], path="/people/")
    second.add_user(user)
    template = Template.from_stack(stack)
    membership = only(template, "aws_iam_user_group_membership")
    assert [g.split(".")[1].split("_")[0] for g in membership["groups"]] == ["First", "Second"]
    assert only(template, "aws_iam_user")["path"] == "/people/"


@pytest.mark.parametrize("build, path, message", [
    (lambda s: Role(s, "Role", assumed_by=ECS).add_to_policy(PolicyStatement(actions=["s3:*"])), "TestStack/Role",
     "A PolicyStatement used in an identity-based policy must specify at least one resource."),
    (lambda s: Role(s, "Role", assumed_by=ECS, inline_policies={"P": PolicyDocument(statements=[PolicyStatement(
        resources=["*"])])}), "TestStack/Role", "A PolicyStatement must specify at least one 'action' or 'notAction'."),
    (lambda s: ManagedPolicy(s, "Policy"), "TestStack/Policy",
     "Managed Policy is empty. You must add statements to the policy"),
    (lambda s: Policy(s, "Policy", force=True, statements=[read("*")]), "TestStack/Policy",
     "Policy created with force=true must be attached to at least one principal: user, group or role"),
    (lambda s: Policy(s, "Policy", roles=[Role(s, "Role", assumed_by=ECS)]), "TestStack/Policy",
     "Policy 'Policy' is attached but has no statements: add statements (IAM refuses an empty policy document)"),
])
def test_synth_time_checks(stack: Any, build: Any, path: str, message: str) -> None:
    build(stack)
    with pytest.raises(ValidationError) as info:
        Template.from_stack(stack)
    assert (info.value.path, info.value.message) == (path, message)
