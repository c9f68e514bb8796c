"""``batch_constructs.iam`` without jsii: statements, documents and their canonical JSON,
statement merging (AWS CDK's ``minimizePolicies``), principals, conditions, trust documents."""
from __future__ import annotations

import json
from typing import Any

import pytest

from batch_constructs import ValidationError
from batch_constructs.iam import (AccountPrincipal, AccountRootPrincipal, AnyPrincipal, ArnPrincipal,
                                  CompositePrincipal, Effect, FederatedPrincipal, Grant, PolicyDocument,
                                  PolicyStatement, ServicePrincipal, WebIdentityPrincipal, policy_document)
from batch_constructs.iam.document import assume_role_document, merge_statements, policy_json


class Stack:
    partition = "aws-cn"
    account = "123456789012"


def statements(document: PolicyDocument) -> list[dict[str, Any]]:
    rendered = document.to_json(Stack())
    assert rendered is not None
    return rendered["Statement"]


def s3(*actions: str, resources: tuple[str, ...] = ("arn:aws:s3:::b",), **kwargs: Any) -> PolicyStatement:
    return PolicyStatement(actions=list(actions or ("s3:GetObject",)), resources=list(resources), **kwargs)


# -- to_json --------------------------------------------------------------------------------------

def test_to_json_collapses_single_values_and_keeps_order() -> None:
    statement = PolicyStatement(actions=["s3:GetObject", "s3:PutObject", "s3:GetObject"], resources=["*"])
    assert statement.to_json() == {"Action": ["s3:GetObject", "s3:PutObject"], "Effect": "Allow", "Resource": "*"}
    assert statement.actions == ["s3:GetObject", "s3:PutObject"]


def test_to_json_has_every_part() -> None:
    statement = PolicyStatement(not_actions=["iam:*"], not_resources=["arn:aws:s3:::secret"], effect=Effect.DENY,
                                sid="NoIam", conditions={"Bool": {"aws:SecureTransport": False}})
    assert statement.to_statement_json() == {
        "NotAction": "iam:*", "Condition": {"Bool": {"aws:SecureTransport": False}}, "Effect": "Deny",
        "NotResource": "arn:aws:s3:::secret", "Sid": "NoIam"}


def test_policy_json_is_canonical_and_escapes_template_syntax() -> None:
    document = PolicyDocument(statements=[PolicyStatement(
        resources=["arn:aws:s3:::b/${aws:username}/*"], actions=["s3:GetObject"],
        conditions={"StringLike": {"s3:prefix": ["home/${aws:username}/*"], "a:b": "x"}})])
    text = policy_json(document.to_json())
    assert text == ('{"Version":"2012-10-17","Statement":[{"Action":"s3:GetObject","Condition":{"StringLike":'
                    '{"a:b":"x","s3:prefix":["home/$${aws:username}/*"]}},"Effect":"Allow",'
                    '"Resource":"arn:aws:s3:::b/$${aws:username}/*"}]}')
    # cdktf token placeholders are kept for cdktf to resolve
    token = PolicyDocument(statements=[s3(resources=("${TfToken[TOKEN.7]}/*",))])
    assert '"Resource":"${TfToken[TOKEN.7]}/*"' in policy_json(token.to_json())


def test_policy_document_helper_of_old_imports() -> None:
    assert json.loads(policy_document([s3(), s3()])) == {
        "Version": "2012-10-17", "Statement": [{"Action": "s3:GetObject", "Effect": "Allow", "Resource": "arn:aws:s3:::b"}]}


def test_add_methods_and_properties() -> None:
    statement = PolicyStatement()
    statement.add_actions("sqs:SendMessage", "sqs:GetQueueUrl")
    statement.add_all_resources()
    statement.add_condition("StringEquals", {"aws:SourceAccount": "1"})
    statement.add_condition("StringEquals", {"aws:SourceArn": "x"})
    statement.add_source_account_condition("2")
    assert statement.conditions == {"StringEquals": {"aws:SourceAccount": "2", "aws:SourceArn": "x"}}
    assert statement.has_resource and not statement.has_principal
    statement.effect, statement.sid = Effect.DENY, "S1"
    assert statement.to_json()["Effect"] == "Deny" and statement.sid == "S1"
    assert statement.validate_for_identity_policy() == []


def test_validation_messages_are_aws_cdks() -> None:
    empty = PolicyStatement()
    assert empty.validate_for_identity_policy() == [
        "A PolicyStatement must specify at least one 'action' or 'notAction'.",
        "A PolicyStatement used in an identity-based policy must specify at least one resource."]
    with_principal = PolicyStatement(actions=["s3:*"], resources=["*"], principals=[AnyPrincipal()])
    assert with_principal.validate_for_identity_policy() == [
        "A PolicyStatement used in an identity-based policy cannot specify any IAM principals."]
    assert s3().validate_for_resource_policy() == [
        "A PolicyStatement used in a resource-based policy must specify at least one IAM principal."]


@pytest.mark.parametrize("build, message", [
    (lambda: PolicyStatement(actions=["s3:*"], not_actions=["iam:*"]),
     "Cannot add 'NotActions' to policy statement if 'Actions' have been added"),
    (lambda: PolicyStatement(resources=["*"], not_resources=["a"]),
     "Cannot add 'NotResources' to policy statement if 'Resources' have been added"),
    (lambda: PolicyStatement(principals=[AnyPrincipal()], not_principals=[AnyPrincipal()]),
     "Cannot add 'NotPrincipals' to policy statement if 'Principals' have been added"),
    (lambda: PolicyStatement(principals=[ServicePrincipal("a.amazonaws.com", conditions={"Bool": {"x": "1"}}),
                                         ServicePrincipal("b.amazonaws.com")]),
     "All principals in a PolicyStatement must have the same Conditions"),
])
def test_exclusive_parts(build: Any, message: str) -> None:
    with pytest.raises(ValidationError, match=message.replace("(", r"\(")):
        build()


def test_copy_and_from_json() -> None:
    statement = PolicyStatement(actions=["s3:GetObject"], resources=["*"], conditions={"Bool": {"k": "v"}})
    copied = statement.copy(resources=["arn:aws:s3:::x"])
    assert copied.to_json() == {"Action": "s3:GetObject", "Condition": {"Bool": {"k": "v"}}, "Effect": "Allow",
                                "Resource": "arn:aws:s3:::x"}
    assert statement.resources == ["*"]
    body = {"Sid": "A1", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "*",
            "Principal": {"AWS": ["arn:aws:iam::123456789012:root"]}}
    assert PolicyStatement.from_json(body).to_json() == {**body, "Principal": {"AWS": "arn:aws:iam::123456789012:root"}}
    assert PolicyDocument.from_json({"Statement": [body]}).statement_count == 1
    with pytest.raises(ValidationError, match="Incorrect Policy Statement: A PolicyStatement must specify"):
        PolicyStatement.from_json({"Effect": "Allow", "Resource": "*"})


# -- merging ----------------------------------------------------------------------------------------

def test_identical_statements_become_one() -> None:
    read = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    document = PolicyDocument(statements=[PolicyStatement(actions=read, resources=["arn:s"]) for _ in range(3)])
    assert statements(document) == [{"Action": read, "Effect": "Allow", "Resource": "arn:s"}]


def test_same_actions_merge_resources_and_same_resources_merge_actions() -> None:
    document = PolicyDocument(statements=[
        s3("s3:GetObject", resources=("arn:a",)), s3("logs:PutLogEvents", resources=("arn:log",)),
        s3("s3:GetObject", resources=("arn:b",)), s3("s3:PutObject", resources=("arn:a", "arn:b"))])
    assert statements(document) == [
        {"Action": ["s3:GetObject", "s3:PutObject"], "Effect": "Allow", "Resource": ["arn:a", "arn:b"]},
        {"Action": "logs:PutLogEvents", "Effect": "Allow", "Resource": "arn:log"}]


def test_what_never_merges() -> None:
    different = [s3("s3:GetObject", resources=("arn:a",)), s3("s3:PutObject", resources=("arn:b",))]
    with_sid = [s3(sid="One"), s3("s3:PutObject", sid="Two")]
    effects = [s3(), s3("s3:PutObject", effect=Effect.DENY)]
    conditions = [s3(), s3("s3:PutObject", conditions={"Bool": {"aws:SecureTransport": "true"}})]
    not_actions = [PolicyStatement(not_actions=["iam:*"], resources=["arn:a"]),
                   PolicyStatement(not_actions=["s3:*"], resources=["arn:a"])]
    for group in (different, with_sid, effects, conditions, not_actions):
        assert len(merge_statements(group)) == 2, group


def test_minimize_false_drops_only_exact_duplicates() -> None:
    document = PolicyDocument(minimize=False, statements=[s3("s3:GetObject"), s3("s3:PutObject"), s3("s3:GetObject")])
    assert [s["Action"] for s in statements(document)] == ["s3:GetObject", "s3:PutObject"]


def test_merging_keeps_the_given_statements_and_is_deterministic() -> None:
    given = [s3("s3:GetObject", resources=("arn:b",)), s3("s3:GetObject", resources=("arn:a",))]
    first = statements(PolicyDocument(statements=given))
    assert first == statements(PolicyDocument(statements=given))
    assert first == [{"Action": "s3:GetObject", "Effect": "Allow", "Resource": ["arn:b", "arn:a"]}]
    assert [s.resources for s in given] == [["arn:b"], ["arn:a"]]


def test_merging_compares_by_key() -> None:
    """Two tokens of one attribute are one value when ``key`` says so (constructs resolve them)."""
    tokens = {"${TfToken[TOKEN.1]}": "${aws_x.y.arn}", "${TfToken[TOKEN.2]}": "${aws_x.y.arn}"}
    document = PolicyDocument(statements=[s3(resources=(t,)) for t in tokens])
    rendered = document.to_json(key=lambda text: tokens.get(text, text))
    assert rendered is not None and rendered["Statement"] == [
        {"Action": "s3:GetObject", "Effect": "Allow", "Resource": "${TfToken[TOKEN.1]}"}]


def test_assign_sids() -> None:
    document = PolicyDocument(assign_sids=True, statements=[s3(), s3("s3:PutObject", resources=("arn:x",), sid="Keep")])
    assert [s.get("Sid") for s in statements(document)] == ["0", "Keep"]


# -- principals and trust documents -----------------------------------------------------------------

def test_principal_fragments() -> None:
    statement = PolicyStatement(actions=["sts:AssumeRole"], principals=[
        ServicePrincipal("batch.amazonaws.com"), ArnPrincipal("arn:aws:iam::111111111111:role/r"),
        AccountPrincipal("222222222222"), AccountRootPrincipal(), AnyPrincipal(),
        FederatedPrincipal("cognito-identity.amazonaws.com")])
    assert statement.to_json(Stack())["Principal"] == {
        "Service": "batch.amazonaws.com", "Federated": "cognito-identity.amazonaws.com",
        "AWS": ["arn:aws:iam::111111111111:role/r", "arn:aws-cn:iam::222222222222:root",
                "arn:aws-cn:iam::123456789012:root", "*"]}
    with pytest.raises(ValidationError, match=r"AccountRootPrincipal\(\) needs the stack's partition and account"):
        PolicyStatement(actions=["s3:*"], principals=[AccountRootPrincipal()]).to_json()


def test_principal_conditions_join_the_statement() -> None:
    principal = ServicePrincipal("sns.amazonaws.com", conditions={"ArnEquals": {"aws:SourceArn": "arn:t"}})
    statement = PolicyStatement(actions=["sqs:SendMessage"], resources=["*"], principals=[principal])
    assert statement.conditions == {"ArnEquals": {"aws:SourceArn": "arn:t"}}
    org = ArnPrincipal("arn:aws:iam::111111111111:root").in_organization("o-123")
    assert org.policy_fragment.conditions == {"StringEquals": {"aws:PrincipalOrgID": "o-123"}}


def test_trust_documents() -> None:
    composite = CompositePrincipal(ServicePrincipal("ecs-tasks.amazonaws.com"), ServicePrincipal("batch.amazonaws.com"))
    assert statements(assume_role_document(composite)) == [{
        "Action": "sts:AssumeRole", "Effect": "Allow",
        "Principal": {"Service": ["ecs-tasks.amazonaws.com", "batch.amazonaws.com"]}}]
    web = WebIdentityPrincipal("arn:aws:iam::1:oidc-provider/x", {"StringEquals": {"x:aud": "sts.amazonaws.com"}})
    mixed = statements(assume_role_document(CompositePrincipal(web, ServicePrincipal("ec2.amazonaws.com")), ["e1", "e2"]))
    assert mixed == [
        {"Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {
            "x:aud": "sts.amazonaws.com", "sts:ExternalId": ["e1", "e2"]}}, "Effect": "Allow",
         "Principal": {"Federated": "arn:aws:iam::1:oidc-provider/x"}},
        {"Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": ["e1", "e2"]}},
         "Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}}]
    assert ServicePrincipal("batch.amazonaws.com").assume_role_policy() == (
        '{"Version":"2012-10-17","Statement":[{"Action":"sts:AssumeRole","Effect":"Allow",'
        '"Principal":{"Service":"batch.amazonaws.com"}}]}')


def test_composite_parts_cannot_have_conditions_in_one_statement() -> None:
    conditioned = ServicePrincipal("a.amazonaws.com", conditions={"Bool": {"k": "v"}})
    statement = PolicyStatement(actions=["s3:*"], resources=["*"], principals=[CompositePrincipal(conditioned)])
    with pytest.raises(ValidationError, match="Components of a CompositePrincipal must not have conditions"):
        statement.to_json()


def test_grant_values() -> None:
    assert Grant.drop("anyone", "reasons").success
    one, two = Grant(principal_statement=s3()), Grant(principal_statement=s3("s3:PutObject"), success=False)
    combined = one.combine(two)
    assert not combined.success and len(combined.principal_statements) == 2
    with pytest.raises(ValidationError, match="could not be added"):
        two.assert_success()
