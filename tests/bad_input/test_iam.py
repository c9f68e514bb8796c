"""Rows for ``batch_constructs.iam`` beyond the first IAM rows of ``test_queues.py``: statements,
documents, principals, ``Role`` keywords, imports, ``Policy``, ``ManagedPolicy``, users, groups
and grants. Value objects name no construct (``None``); constructs and imports name their path."""
from __future__ import annotations

from typing import Any

from batch_constructs.core import Duration
from batch_constructs.iam import (AccountPrincipal, AnyPrincipal, ArnPrincipal, CompositePrincipal, Grant, Group,
                                  ManagedPolicy, Policy, PolicyDocument, PolicyStatement, Role, ServicePrincipal, User)

from ._table import Bad, params, run

R = "TestStack/Role"
P = "TestStack/Policy"
M = "TestStack/Managed"
I = "TestStack/Imported"  # noqa: E741
ECS = ServicePrincipal("ecs-tasks.amazonaws.com")


def role(s: Any, **kwargs: Any) -> Role:
    return Role(s, "Role", assumed_by=kwargs.pop("assumed_by", ECS), **kwargs)


def ok() -> PolicyStatement:
    return PolicyStatement(actions=["s3:GetObject"], resources=["*"])


STATEMENT_ROWS = [
    Bad("iam-not-actions-str", lambda s, v: PolicyStatement(not_actions="iam:*", resources=["*"]), None,
        r"^'not_actions' must be a list of IAM actions, got 'iam:\*' \(str\)"),
    Bad("iam-not-actions-shape", lambda s, v: PolicyStatement(not_actions=["iam"]), None,
        r"^'not_actions\[0\]' must be an IAM action"),
    Bad("iam-actions-and-not-actions", lambda s, v: PolicyStatement(actions=["s3:*"], not_actions=["iam:*"]), None,
        r"^Cannot add 'NotActions' to policy statement if 'Actions' have been added$"),
    Bad("iam-add-actions-after-not", lambda s, v: PolicyStatement(not_actions=["iam:*"]).add_actions("s3:*"), None,
        r"^Cannot add 'Actions' to policy statement if 'NotActions' have been added$"),
    Bad("iam-add-actions-list", lambda s, v: PolicyStatement().add_actions(["s3:*"]), None,
        r"^'actions\[0\]' must be an IAM action .*got \['s3:\*'\]"),
    Bad("iam-not-resources-empty", lambda s, v: PolicyStatement(not_resources=[]), None,
        r"^'not_resources' must have at least 1 entries, got 0"),
    Bad("iam-resource-empty-string", lambda s, v: PolicyStatement(resources=[""]), None,
        r"^'resources\[0\]' must be a string of at least 1 characters, got ''"),
    Bad("iam-resources-and-not", lambda s, v: PolicyStatement(not_resources=["a"]).add_resources("b"), None,
        r"^Cannot add 'Resources' to policy statement if 'NotResources' have been added$"),
    Bad("iam-principals-str", lambda s, v: PolicyStatement(principals="batch.amazonaws.com"), None,
        r"^'principals' must be a list of IAM principals, got 'batch.amazonaws.com' \(str\)"),
    Bad("iam-principal-entry-str", lambda s, v: PolicyStatement(principals=["batch.amazonaws.com"]), None,
        r"^'principals\[0\]' must be an IAM principal \(ServicePrincipal, .*got 'batch.amazonaws.com' \(str\)"),
    Bad("iam-principal-group", lambda s, v: PolicyStatement(principals=[Group(s, "Group")]), None,
        r"^Cannot use an IAM Group as the 'Principal' or 'NotPrincipal' in an IAM Policy$"),
    Bad("iam-principals-and-not", lambda s, v: PolicyStatement(principals=[AnyPrincipal()],
                                                               not_principals=[AnyPrincipal()]), None,
        r"^Cannot add 'NotPrincipals' to policy statement if 'Principals' have been added$"),
    Bad("iam-conditions-list", lambda s, v: PolicyStatement(conditions=[{"Bool": {}}]), None,
        r"^'conditions' must be a dict of condition operators to \{'context:key': value\} dicts, got \["),
    Bad("iam-condition-block-str", lambda s, v: PolicyStatement(conditions={"Bool": "true"}), None,
        r"^'conditions\['Bool'\]': A Condition should be represented as a map of operator to value, got 'true'"),
    Bad("iam-condition-value-object", lambda s, v: PolicyStatement(conditions={"Bool": {"k": object()}}), None,
        r"^'conditions\['Bool'\]\['k'\]' must be a string, number or boolean \(or a list of them\), got <object"),
    Bad("iam-condition-value-nan", lambda s, v: PolicyStatement(conditions={"NumericLessThan": {"k": float("nan")}}),
        None, r"^'conditions\['NumericLessThan'\]\['k'\]' must be a string, number or boolean .*got nan"),
    Bad("iam-condition-operator-int", lambda s, v: ok().add_condition(5, {"k": "v"}), None,
        r"^'conditions key' must be a string, got 5 \(int\)"),
    Bad("iam-principal-conditions-differ", lambda s, v: PolicyStatement(principals=[
        ServicePrincipal("a.amazonaws.com", conditions={"Bool": {"k": "v"}}), ServicePrincipal("b.amazonaws.com")]),
        None, r"^All principals in a PolicyStatement must have the same Conditions"),
    Bad("iam-effect-setter", lambda s, v: setattr(ok(), "effect", "Permit"), None,
        r"^'effect' must be one of Effect\.ALLOW, Effect\.DENY, got 'Permit'"),
    Bad("iam-document-statements-dict", lambda s, v: PolicyDocument(statements=[{"Action": "*"}]), None,
        r"^'statements\[0\]' must be a PolicyStatement, got \{'Action'"),
    Bad("iam-document-minimize-str", lambda s, v: PolicyDocument(minimize="yes"), None,
        r"^'minimize' must be True or False, got 'yes'"),
    Bad("iam-from-json-principal-star", lambda s, v: PolicyStatement.from_json({"Effect": "Allow", "Action": "s3:*",
                                                                               "Principal": "*"}), None,
        r"^PolicyStatement.from_json\(\): 'Principal' must be a dict"),
    Bad("iam-from-json-unknown", lambda s, v: PolicyStatement.from_json({"Action": "s3:*", "Actions": "x"}), None,
        r"^PolicyStatement.from_json\(\): unknown key\(s\) Actions"),
]

PRINCIPAL_ROWS = [
    Bad("iam-account-principal-short", lambda s, v: AccountPrincipal("1234"), None,
        r"^'account_id' must be an AWS account id \(12 digits\), got '1234'"),
    Bad("iam-composite-empty", lambda s, v: CompositePrincipal(), None,
        r"^CompositePrincipals must be constructed with at least 1 Principal but none were passed\.$"),
    Bad("iam-composite-str", lambda s, v: CompositePrincipal("ecs-tasks.amazonaws.com"), None,
        r"^'principals\[0\]' must be an IAM principal"),
    Bad("iam-service-principal-conditions", lambda s, v: ServicePrincipal("a.amazonaws.com", conditions="x"), None,
        r"^'conditions' must be a dict of condition operators"),
    Bad("iam-arn-principal-empty", lambda s, v: ArnPrincipal(""), None,
        r"^'arn' must be a string of at least 1 characters, got ''"),
]

ROLE_ROWS = [
    Bad("iam-role-assumed-by-group", lambda s, v: role(s, assumed_by=Group(s, "Group")), R,
        r"\] Cannot use an IAM Group as the 'Principal'"),
    Bad("iam-role-session-number", lambda s, v: role(s, max_session_duration=3600), R,
        r"'max_session_duration' must be a Duration, got 3600 \(int\); use Duration.seconds"),
    Bad("iam-role-session-short", lambda s, v: role(s, max_session_duration=Duration.minutes(30)), R,
        r"maxSessionDuration is set to 1800, but must be >= 3600sec \(1hr\) and <= 43200sec \(12hrs\)$"),
    Bad("iam-role-session-long", lambda s, v: role(s, max_session_duration=Duration.hours(13)), R,
        r"maxSessionDuration is set to 46800, but must be >= 3600sec"),
    Bad("iam-role-inline-list", lambda s, v: role(s, inline_policies=[PolicyDocument()]), R,
        r"'inline_policies' must be a dict of policy names to PolicyDocument, got \[PolicyDocument"),
    Bad("iam-role-inline-name", lambda s, v: role(s, inline_policies={"my policy": PolicyDocument()}), R,
        r"'inline_policies key' must be an IAM policy name.*got 'my policy'"),
    Bad("iam-role-inline-statement", lambda s, v: role(s, inline_policies={"P": ok()}), R,
        r"'inline_policies\['P'\]' must be a PolicyDocument, got PolicyStatement"),
    Bad("iam-role-boundary-str", lambda s, v: role(s, permissions_boundary="arn:aws:iam::aws:policy/X"), R,
        r"'permissions_boundary' must be a ManagedPolicy, got 'arn:aws:iam::aws:policy/X'"),
    Bad("iam-role-external-ids-str", lambda s, v: role(s, external_ids="abc"), R,
        r"'external_ids' must be a list of strings, got 'abc' \(str\)"),
    Bad("iam-role-external-id-int", lambda s, v: role(s, external_id=5), R, r"'external_id' must be a string"),
    Bad("iam-role-attach-inline-doc", lambda s, v: role(s).attach_inline_policy(PolicyDocument()), R,
        r"'policy' must be a Policy, got PolicyDocument"),
    Bad("iam-role-grant-to-str", lambda s, v: role(s).grant_pass_role("someone"), R,
        r"the grantee must be an IAM role, user or group .*got 'someone'"),
    Bad("iam-role-grant-action", lambda s, v: role(s).grant(User(s, "User"), "PassRole"), R,
        r"'actions\[0\]' must be an IAM action .*got 'PassRole'"),
    Bad("iam-role-statement-without-resource", lambda s, v: role(s).add_to_policy(PolicyStatement(actions=["s3:*"])),
        R, r"A PolicyStatement used in an identity-based policy must specify at least one resource\.$"),
    Bad("iam-role-statement-with-principal", lambda s, v: role(s).add_to_policy(PolicyStatement(
        actions=["s3:*"], resources=["*"], principals=[AnyPrincipal()])), R,
        r"A PolicyStatement used in an identity-based policy cannot specify any IAM principals\.$"),
    Bad("iam-from-role-arn-mutable-str", lambda s, v: Role.from_role_arn(
        s, "Imported", "arn:aws:iam::123456789012:role/x", mutable="no"), I, r"'mutable' must be True or False"),
    Bad("iam-from-role-arn-policy-name", lambda s, v: Role.from_role_arn(
        s, "Imported", "arn:aws:iam::123456789012:role/x", default_policy_name="a b"), I,
        r"'default_policy_name' must be an IAM policy name"),
    Bad("iam-from-role-name-path", lambda s, v: Role.from_role_name(s, "Imported", "path/name"), I,
        r"'role_name' must be an IAM role name.*got 'path/name'"),
    Bad("iam-from-role-name-none", lambda s, v: Role.from_role_name(s, "Imported", None), I,
        r"'role_name' is required"),
]

POLICY_ROWS = [
    Bad("iam-policy-name-long", lambda s, v: Policy(s, "Policy", policy_name="p" * 129), P,
        r"'policy_name' must be an IAM policy name.*128"),
    Bad("iam-policy-force-str", lambda s, v: Policy(s, "Policy", force="yes"), P, r"'force' must be True or False"),
    Bad("iam-policy-roles-str", lambda s, v: Policy(s, "Policy", roles="my-role"), P,
        r"'roles' must be a list of roles, got 'my-role' \(str\)"),
    Bad("iam-policy-role-int", lambda s, v: Policy(s, "Policy", roles=[5]), P,
        r"'role' must be a batch_constructs\.iam\.Role, a role ARN or the provider's IamRole, got 5 \(int\)"),
    Bad("iam-policy-user-is-role", lambda s, v: Policy(s, "Policy", users=[role(s)]), P,
        r"'user' must be a user, got <batch_constructs\.iam\.role\.Role"),
    Bad("iam-policy-group-is-user", lambda s, v: Policy(s, "Policy", groups=[User(s, "User")]), P,
        r"'group' must be a group, got <batch_constructs\.iam\.user\.User"),
    Bad("iam-policy-document-dict", lambda s, v: Policy(s, "Policy", document={"Statement": []}), P,
        r"'document' must be a PolicyDocument, got \{'Statement'"),
    Bad("iam-policy-force-empty", lambda s, v: Policy(s, "Policy", force=True, roles=[role(s)]), P,
        r"Policy created with force=true is empty\. You must add statements to the policy$"),
    Bad("iam-policy-force-unattached", lambda s, v: Policy(s, "Policy", force=True, statements=[ok()]), P,
        r"Policy created with force=true must be attached to at least one principal: user, group or role$"),
    Bad("iam-policy-attached-empty", lambda s, v: Policy(s, "Policy", users=[User(s, "User")]), P,
        r"Policy 'Policy' is attached but has no statements"),
    Bad("iam-managed-name-chars", lambda s, v: ManagedPolicy(s, "Managed", managed_policy_name="my policy",
                                                             statements=[ok()]), M,
        r"'managed_policy_name' must be an IAM policy name.*got 'my policy'"),
    Bad("iam-managed-description-long", lambda s, v: ManagedPolicy(s, "Managed", description="d" * 1001), M,
        r"'description' must be an IAM description .*at most 1000 characters"),
    Bad("iam-managed-path", lambda s, v: ManagedPolicy(s, "Managed", path="app"), M,
        r"'path' must be an IAM path .*got 'app'"),
    Bad("iam-managed-statements-str", lambda s, v: ManagedPolicy(s, "Managed", statements="s3:*"), M,
        r"'statements' must be a list of PolicyStatement, got 's3:\*'"),
    Bad("iam-managed-empty", lambda s, v: ManagedPolicy(s, "Managed"), M,
        r"Managed Policy is empty\. You must add statements to the policy$"),
    Bad("iam-managed-user-str", lambda s, v: ManagedPolicy(s, "Managed", statements=[ok()], users=["bob"]), M,
        r"the grantee must be an IAM role, user or group .*got 'bob'"),
    Bad("iam-managed-by-name-path", lambda s, v: ManagedPolicy.from_managed_policy_name(s, "Imported", "a/b"), I,
        r"'managed_policy_name' must be an IAM policy name.*got 'a/b'"),
    Bad("iam-user-path", lambda s, v: User(s, "User", path="people"), "TestStack/User",
        r"'path' must be an IAM path .*got 'people'"),
    Bad("iam-user-groups-str", lambda s, v: User(s, "User", groups=["admins"]), "TestStack/User",
        r"'groups\[0\]' must be a Group, got 'admins'"),
    Bad("iam-user-boundary-int", lambda s, v: User(s, "User", permissions_boundary=5), "TestStack/User",
        r"'permissions_boundary' must be a ManagedPolicy, got 5"),
    Bad("iam-group-add-user-str", lambda s, v: Group(s, "Group").add_user("bob"), "TestStack/Group",
        r"'user' must be a batch_constructs\.iam\.User, got 'bob'"),
    Bad("iam-grant-grantee-str", lambda s, v: Grant.add_to_principal(grantee="bob", actions=["s3:*"],
                                                                    resource_arns=["*"]), None,
        r"^the grantee must be an IAM role, user or group"),
    Bad("iam-grant-resources-empty", lambda s, v: Grant.add_to_principal(grantee=User(s, "User"), actions=["s3:*"],
                                                                        resource_arns=[]), None,
        r"^'resource_arns' must have at least 1 entries, got 0"),
]

ROWS = STATEMENT_ROWS + PRINCIPAL_ROWS + ROLE_ROWS + POLICY_ROWS


@params(ROWS)
def test_iam_mistakes(row: Bad, stack: Any, vpc: Any) -> None:
    run(row, stack, vpc)
