"""Thin IAM constructs over the provider's IAM resources: enough for defaults and grants.

Names follow ``aws_cdk.aws_iam``: ``Role``, ``ServicePrincipal``, ``ManagedPolicy``,
``PolicyStatement``, ``User``, ``Group``. Wherever this library takes a role, user or group it
also takes the provider's own ``IamRole`` / ``IamUser`` / ``IamGroup`` L1 objects.
"""
from __future__ import annotations

import enum
import json
import re
from typing import Any, Iterable, Sequence

from ._base import BatchConstruct
from ._check import check_enum, check_instance, check_list, check_scope, check_str, check_str_list, describe
from ._errors import ValidationError, construct_path
from ._naming import generated_name
from ._stack_data import aws_managed_policy_arn

#: IAM names (``CreateRole``/``CreateUser``/``CreateGroup``): ``[\w+=,.@-]``, roles and users at
#: most 64 characters, groups 128; a role description at most 1000 characters of
#: ``[\t\n\r -~¡-ÿ]``; a path ``/`` or ``/…/`` of printable ASCII, at most 512.
IAM_NAME = re.compile(r"[\w+=,.@-]+")
IAM_DESCRIPTION = re.compile(r"[\t\n\r\x20-\x7e\xa1-\xff]*")
IAM_PATH = re.compile(r"/|/[\x21-\x7e]*/")
ROLE_ARN = re.compile(r"arn:[a-z-]+:iam::[0-9]*:role/[\w+=,.@/-]+|\$\{.+\}")
POLICY_ARN = re.compile(r"arn:[a-z-]+:iam::([0-9]{12}|aws):policy/[\w+=,.@/-]+")
SERVICE = re.compile(r"[a-z0-9][a-z0-9.-]*")
ACTION = re.compile(r"\*|[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+")


__all__ = ["Effect", "Group", "IGrantable", "ManagedPolicy", "PolicyStatement", "Role",
           "ServicePrincipal", "User", "as_principal", "as_role"]


class Effect(enum.StrEnum):
    ALLOW = "Allow"
    DENY = "Deny"


class PolicyStatement:
    """One IAM policy statement (``actions`` on ``resources``)."""

    def __init__(self, *, actions: Sequence[str] = (), resources: Sequence[str] = (),
                 effect: Effect = Effect.ALLOW, sid: str | None = None) -> None:
        self.actions = check_list(None, "actions", actions, lambda s, k, v: check_str(
            s, k, v, pattern=ACTION, rule="an IAM action ('service:Action', wildcards allowed)", required=True),
            min_items=1, expected="a list of IAM actions", required=True)
        self.resources = check_str_list(None, "resources", resources, min_items=1, required=True)
        self.effect = check_enum(None, "effect", effect, Effect, required=True)
        self.sid = check_str(None, "sid", sid, pattern=r"[A-Za-z0-9]*", rule="letters and digits (an IAM Sid)")

    def to_json(self) -> dict[str, Any]:
        statement: dict[str, Any] = {"Effect": self.effect.value}
        if self.sid:
            statement["Sid"] = self.sid
        statement["Action"] = self.actions[0] if len(self.actions) == 1 else list(self.actions)
        statement["Resource"] = self.resources[0] if len(self.resources) == 1 else list(self.resources)
        return statement


def policy_document(statements: Iterable[PolicyStatement]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": [s.to_json() for s in statements]},
                      separators=(",", ":"))


class ServicePrincipal:
    """``ServicePrincipal("batch.amazonaws.com")``: who may assume a role."""

    def __init__(self, service: str) -> None:
        self.service = check_str(None, "service", service, pattern=SERVICE, max_length=128, required=True,
                                 rule="a service principal such as 'batch.amazonaws.com'")

    def assume_role_policy(self) -> str:
        return json.dumps({"Version": "2012-10-17", "Statement": [{
            "Action": "sts:AssumeRole", "Effect": "Allow",
            "Principal": {"Service": self.service}}]}, separators=(",", ":"))


class ManagedPolicy:
    """An IAM managed policy reference. AWS-managed ARNs are partition-aware."""

    def __init__(self, *, aws_managed_name: str | None = None, arn: str | None = None, _scope: Any = None) -> None:
        self.managed_policy_name = check_str(_scope, "managed_policy_name", aws_managed_name, pattern=r"[\w+=,.@/-]+",
                                             max_length=256, rule="an AWS managed policy name (with its path)")
        self._arn = check_str(_scope, "managed_policy_arn", arn, pattern=POLICY_ARN,
                              rule="a managed policy ARN (arn:<partition>:iam::<account or aws>:policy/<name>)")
        if (aws_managed_name is None) == (arn is None):
            raise ValidationError(_scope, "ManagedPolicy needs exactly one of 'aws_managed_name' and 'arn'")

    @classmethod
    def from_aws_managed_policy_name(cls, managed_policy_name: str) -> "ManagedPolicy":
        check_str(None, "managed_policy_name", managed_policy_name, required=True)
        return cls(aws_managed_name=managed_policy_name)

    @classmethod
    def from_managed_policy_arn(cls, scope: Any, id: str, managed_policy_arn: str) -> "ManagedPolicy":
        check_scope(scope, id)
        path = f"{construct_path(scope)}/{id}" if construct_path(scope) else id
        check_str(path, "managed_policy_arn", managed_policy_arn, required=True)
        return cls(arn=managed_policy_arn, _scope=path)

    def arn_in(self, scope: Any) -> str:
        if self._arn is not None:
            return self._arn
        return aws_managed_policy_arn(scope, self.managed_policy_name or "")

    def __repr__(self) -> str:
        return f"ManagedPolicy({self.managed_policy_name or self._arn!r})"


class IGrantable:
    """Anything that can receive policy statements (role, user, group)."""

    def add_to_principal_policy(self, statement: PolicyStatement) -> None:  # pragma: no cover
        raise NotImplementedError


class _InlinePolicyOwner(BatchConstruct, IGrantable):
    """Common part of Role/User/Group: an inline ``DefaultPolicy`` rendered at synth."""

    _POLICY_MODULE = ""
    _POLICY_CLASS = ""
    _POLICY_TARGET = ""  # role | user | group

    def _init_policy(self) -> None:
        self._statements: list[PolicyStatement] = []
        self._policy: Any = None

    def _principal_name(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def add_to_principal_policy(self, statement: PolicyStatement) -> None:
        """Add ``statement`` to this principal's inline ``DefaultPolicy`` (created on first use)."""
        check_instance(self, "statement", statement, PolicyStatement, "a PolicyStatement", required=True)
        self._statements.append(statement)
        if self._policy is None:
            self._policy = self._new_l1(
                "DefaultPolicy", self._POLICY_MODULE, self._POLICY_CLASS,
                policy="{}", render=lambda: {"policy": policy_document(self._statements)},
                **{self._POLICY_TARGET: self._principal_name()})

    def add_to_policy(self, statement: PolicyStatement) -> None:
        self.add_to_principal_policy(statement)

    @property
    def policy_statements(self) -> list[PolicyStatement]:
        return list(self._statements)


class Role(_InlinePolicyOwner):
    """An IAM role (``aws_iam_role``), its managed-policy attachments
    (``aws_iam_role_policy_attachment``, never the exclusive ``aws_iam_policy_attachment``) and an
    inline policy for grants (``aws_iam_role_policy``).

    :param assumed_by: the ``ServicePrincipal`` trusted to assume the role (required).
    :param managed_policies: managed policies to attach (default: none).
    :param role_name: a fixed name, at most 64 letters, digits or +=,.@_- (default: generated by
        Terraform, unique; nothing derived from the construct id).
    :param description: default: none; at most 1000 characters.
    :param path: default: ``/``.
    """

    _POLICY_MODULE = "iam_role_policy"
    _POLICY_CLASS = "IamRolePolicy"
    _POLICY_TARGET = "role"

    def __init__(self, scope: Any, id: str, *, assumed_by: ServicePrincipal,
                 managed_policies: Sequence[ManagedPolicy] | None = None,
                 role_name: str | None = None, description: str | None = None,
                 path: str | None = None) -> None:
        super().__init__(scope, id)
        self.assumed_by = check_instance(self, "assumed_by", assumed_by, ServicePrincipal,
                                         "a ServicePrincipal (ServicePrincipal('batch.amazonaws.com'))", required=True)
        check_str(self, "role_name", role_name, pattern=IAM_NAME, min_length=1, max_length=64,
                  rule="an IAM role name: letters, digits and +=,.@_-")
        check_str(self, "description", description, pattern=IAM_DESCRIPTION, max_length=1000,
                  rule="an IAM description (printable characters)")
        check_str(self, "path", path, pattern=IAM_PATH, max_length=512, rule="an IAM path ('/' or '/a/b/')")
        policies = check_list(self, "managed_policies", managed_policies, lambda s, k, v: check_instance(
            s, k, v, ManagedPolicy, "a ManagedPolicy", required=True), expected="a list of ManagedPolicy")
        self._init_policy()
        self.policy_attachments: list[Any] = []
        extra: dict[str, Any] = {}
        if role_name:
            extra["name"] = role_name
        if description:
            extra["description"] = description
        if path:
            extra["path"] = path
        self.resource = self._new_l1("Resource", "iam_role", "IamRole",
                                     assume_role_policy=assumed_by.assume_role_policy(),
                                     force_detach_policies=True, taggable=True, **extra)
        self.resource.add_override("lifecycle", {"create_before_destroy": True})
        for policy in policies or ():
            self.add_managed_policy(policy)

    @property
    def role_arn(self) -> str:
        return self.resource.arn

    @property
    def role_name(self) -> str:
        return self.resource.name

    def _principal_name(self) -> str:
        return self.resource.name

    def add_managed_policy(self, policy: ManagedPolicy) -> Any:
        """Attach ``policy``; returns the ``aws_iam_role_policy_attachment``."""
        check_instance(self, "policy", policy, ManagedPolicy, "a ManagedPolicy", required=True)
        attachment = self._new_l1(f"PolicyAttachment{len(self.policy_attachments)}",
                                  "iam_role_policy_attachment", "IamRolePolicyAttachment",
                                  role=self.resource.name, policy_arn=policy.arn_in(self))
        self.policy_attachments.append(attachment)
        return attachment

    @classmethod
    def from_role_arn(cls, scope: Any, id: str, role_arn: str) -> "ImportedRole":
        check_scope(scope, id)
        path = f"{construct_path(scope)}/{id}" if construct_path(scope) else id
        return ImportedRole(role_arn, _scope=path)


class ImportedRole(IGrantable):
    """A role known only by its ARN: usable wherever a role is taken; grants are not added."""

    def __init__(self, role_arn: str, *, _scope: Any = None) -> None:
        self.role_arn = check_str(_scope, "role_arn", role_arn, pattern=ROLE_ARN, required=True,
                                  rule="a role ARN (arn:<partition>:iam::<account>:role/<name>)")
        self.role_name = role_arn.rsplit("/", 1)[-1] if "${" not in role_arn else None
        self.policy_attachments: list[Any] = []

    def add_to_principal_policy(self, statement: PolicyStatement) -> None:
        """Imported roles are not changed (as AWS CDK's immutable imports)."""
        check_instance(None, "statement", statement, PolicyStatement, "a PolicyStatement", required=True)


class _L1Role(IGrantable):
    """Adapter for the provider's ``IamRole`` L1."""

    def __init__(self, l1: Any) -> None:
        self.resource = l1
        self.role_arn = l1.arn
        self.role_name = l1.name
        self.policy_attachments: list[Any] = []
        self._count = 0

    def add_to_principal_policy(self, statement: PolicyStatement) -> None:
        from ._runtime import provider_class
        check_instance(None, "statement", statement, PolicyStatement, "a PolicyStatement", required=True)
        self._count += 1
        provider_class("iam_role_policy", "IamRolePolicy")(
            self.resource, f"BatchConstructsPolicy{self._count}", role=self.resource.name,
            policy=policy_document([statement]))


class User(_InlinePolicyOwner):
    """An IAM user (``aws_iam_user``) with an inline policy for grants.

    :param user_name: default: ``<path>-<hash>`` (deterministic).
    """

    _POLICY_MODULE = "iam_user_policy"
    _POLICY_CLASS = "IamUserPolicy"
    _POLICY_TARGET = "user"

    def __init__(self, scope: Any, id: str, *, user_name: str | None = None) -> None:
        super().__init__(scope, id)
        check_str(self, "user_name", user_name, pattern=IAM_NAME, min_length=1, max_length=64,
                  rule="an IAM user name: letters, digits and +=,.@_-")
        self._init_policy()
        self.resource = self._new_l1("Resource", "iam_user", "IamUser",
                                     name=user_name or generated_name(self, max_length=64),
                                     taggable=True)

    @property
    def user_name(self) -> str:
        return self.resource.name

    @property
    def user_arn(self) -> str:
        return self.resource.arn

    def _principal_name(self) -> str:
        return self.resource.name


class Group(_InlinePolicyOwner):
    """An IAM group (``aws_iam_group``) with an inline policy for grants.

    :param group_name: default: ``<path>-<hash>`` (deterministic).
    """

    _POLICY_MODULE = "iam_group_policy"
    _POLICY_CLASS = "IamGroupPolicy"
    _POLICY_TARGET = "group"

    def __init__(self, scope: Any, id: str, *, group_name: str | None = None) -> None:
        super().__init__(scope, id)
        check_str(self, "group_name", group_name, pattern=IAM_NAME, min_length=1, max_length=128,
                  rule="an IAM group name: letters, digits and +=,.@_-")
        self._init_policy()
        self.resource = self._new_l1("Resource", "iam_group", "IamGroup",
                                     name=group_name or generated_name(self, max_length=128))

    @property
    def group_name(self) -> str:
        return self.resource.name

    @property
    def group_arn(self) -> str:
        return self.resource.arn

    def _principal_name(self) -> str:
        return self.resource.name


class _L1Principal(IGrantable):
    """Adapter for the provider's ``IamUser`` / ``IamGroup`` L1."""

    def __init__(self, l1: Any, module: str, cls: str, target: str) -> None:
        self.resource, self._module, self._cls, self._target = l1, module, cls, target
        self._count = 0

    def add_to_principal_policy(self, statement: PolicyStatement) -> None:
        from ._runtime import provider_class
        check_instance(None, "statement", statement, PolicyStatement, "a PolicyStatement", required=True)
        self._count += 1
        provider_class(self._module, self._cls)(
            self.resource, f"BatchConstructsPolicy{self._count}",
            policy=policy_document([statement]), **{self._target: self.resource.name})


def as_role(value: Any, *, what: str = "role", scope: Any = None) -> Any:
    """Accept our ``Role``, an imported role, or the provider's ``IamRole`` L1."""
    if value is None or isinstance(value, (Role, ImportedRole, _L1Role)):
        return value
    if getattr(value, "terraform_resource_type", None) == "aws_iam_role":
        return _L1Role(value)
    if isinstance(value, str) and value.startswith(("arn:", "${")):
        return ImportedRole(value, _scope=scope)
    raise ValidationError(scope, f"'{what}' must be a batch_constructs.iam.Role, a role ARN or the "
                                 f"provider's IamRole, got {describe(value)}")


def as_principal(value: Any, *, scope: Any = None) -> IGrantable:
    """Accept our ``Role``/``User``/``Group`` or the provider's ``IamRole``/``IamUser``/``IamGroup``."""
    if isinstance(value, IGrantable):
        return value
    kind = getattr(value, "terraform_resource_type", None)
    if kind == "aws_iam_role":
        return _L1Role(value)
    if kind == "aws_iam_user":
        return _L1Principal(value, "iam_user_policy", "IamUserPolicy", "user")
    if kind == "aws_iam_group":
        return _L1Principal(value, "iam_group_policy", "IamGroupPolicy", "group")
    raise ValidationError(scope, "the grantee must be an IAM role, user or group (ours or the "
                                 f"provider's L1), got {describe(value)}")
