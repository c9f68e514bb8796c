"""Thin IAM constructs over the provider's IAM resources: enough for defaults and grants.

Names follow ``aws_cdk.aws_iam``: ``Role``, ``ServicePrincipal``, ``ManagedPolicy``,
``PolicyStatement``, ``User``, ``Group``. Wherever this library takes a role, user or group it
also takes the provider's own ``IamRole`` / ``IamUser`` / ``IamGroup`` L1 objects.
"""
from __future__ import annotations

import enum
import json
from typing import Any, Iterable, Sequence

from ._base import BatchConstruct
from ._errors import ValidationError
from ._stack_data import aws_managed_policy_arn

__all__ = ["Effect", "Group", "IGrantable", "ManagedPolicy", "PolicyStatement", "Role",
           "ServicePrincipal", "User", "as_principal", "as_role"]


class Effect(enum.Enum):
    ALLOW = "Allow"
    DENY = "Deny"


class PolicyStatement:
    """One IAM policy statement (``actions`` on ``resources``)."""

    def __init__(self, *, actions: Sequence[str] = (), resources: Sequence[str] = (),
                 effect: Effect = Effect.ALLOW, sid: str | None = None) -> None:
        self.actions = list(actions)
        self.resources = list(resources)
        self.effect = effect
        self.sid = sid

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
        self.service = service

    def assume_role_policy(self) -> str:
        return json.dumps({"Version": "2012-10-17", "Statement": [{
            "Action": "sts:AssumeRole", "Effect": "Allow",
            "Principal": {"Service": self.service}}]}, separators=(",", ":"))


class ManagedPolicy:
    """An IAM managed policy reference. AWS-managed ARNs are partition-aware."""

    def __init__(self, *, aws_managed_name: str | None = None, arn: str | None = None) -> None:
        self.managed_policy_name = aws_managed_name
        self._arn = arn

    @classmethod
    def from_aws_managed_policy_name(cls, managed_policy_name: str) -> "ManagedPolicy":
        return cls(aws_managed_name=managed_policy_name)

    @classmethod
    def from_managed_policy_arn(cls, scope: Any, id: str, managed_policy_arn: str) -> "ManagedPolicy":
        return cls(arn=managed_policy_arn)

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
    :param role_name: a fixed name (default: generated by Terraform, unique).
    :param description: default: none.
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
        if not isinstance(assumed_by, ServicePrincipal):
            raise ValidationError(self, "Role 'assumed_by' must be a ServicePrincipal")
        self.assumed_by = assumed_by
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
        for policy in managed_policies or ():
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
        attachment = self._new_l1(f"PolicyAttachment{len(self.policy_attachments)}",
                                  "iam_role_policy_attachment", "IamRolePolicyAttachment",
                                  role=self.resource.name, policy_arn=policy.arn_in(self))
        self.policy_attachments.append(attachment)
        return attachment

    @classmethod
    def from_role_arn(cls, scope: Any, id: str, role_arn: str) -> "ImportedRole":
        return ImportedRole(role_arn)


class ImportedRole(IGrantable):
    """A role known only by its ARN: usable wherever a role is taken; grants are not added."""

    def __init__(self, role_arn: str) -> None:
        self.role_arn = role_arn
        self.role_name = role_arn.rsplit("/", 1)[-1] if "${" not in role_arn else None
        self.policy_attachments: list[Any] = []

    def add_to_principal_policy(self, statement: PolicyStatement) -> None:
        """Imported roles are not changed (as AWS CDK's immutable imports)."""


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
        from ._base import generated_name
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
        from ._base import generated_name
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
        return ImportedRole(value)
    raise ValidationError(scope, f"'{what}' must be a batch_constructs.iam.Role, a role ARN or the "
                                 f"provider's IamRole, got {type(value).__name__}")


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
                                 f"provider's L1), got {type(value).__name__}")
