"""Grants (``aws_cdk.aws_iam.Grant``) and the interfaces of what can receive them.

Pure Python at import (no jsii): :meth:`Grant.add_to_principal` resolves the grantee (our
role, user or group, an import, or the provider's ``IamRole``/``IamUser``/``IamGroup``) when
it is called.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from .._check import check_list, check_str
from .._errors import ValidationError
from ._validation import check_actions, check_conditions
from .policy_statement import PolicyStatement

__all__ = ["AddToPrincipalPolicyResult", "Grant", "IGrantable", "IGroup", "IIdentity", "IManagedPolicy", "IRole",
           "IUser"]


@dataclass(frozen=True)
class AddToPrincipalPolicyResult:
    """What ``add_to_principal_policy`` did: ``statement_added``, and the L1 policy resource
    that holds the statement (``policy_dependable``, for ``depends_on``) when there is one."""

    statement_added: bool
    policy_dependable: Any = None


class IGrantable:
    """Anything that can receive policy statements (role, user, group, their imports and L1s)."""

    @property
    def grant_principal(self) -> "IGrantable":
        return self

    def add_to_principal_policy(self, statement: PolicyStatement) -> AddToPrincipalPolicyResult:  # pragma: no cover
        raise NotImplementedError

    def add_to_policy(self, statement: PolicyStatement) -> bool:
        """AWS CDK's older spelling of :meth:`add_to_principal_policy`; ``True`` when added."""
        return self.add_to_principal_policy(statement).statement_added


class IIdentity(IGrantable):
    """A role, user or group: it takes inline and managed policies."""


class IRole(IIdentity):
    """A role: ``role_arn``, ``role_name``; ours, an import or the provider's ``IamRole``."""


class IUser(IIdentity):
    """A user: ``user_name``, ``user_arn``."""


class IGroup(IIdentity):
    """A group: ``group_name``, ``group_arn``."""


class IManagedPolicy:
    """A managed policy (``ManagedPolicy`` or one of its ``from_*`` references): ``arn_in(scope)``."""

    def arn_in(self, scope: Any) -> str:  # pragma: no cover
        raise NotImplementedError


def _arn(scope: Any, keyword: str, value: Any) -> str:
    return check_str(scope, keyword, value, min_length=1, required=True)  # type: ignore[return-value]


class Grant:
    """The result of a grant: the statement given to the grantee (``principal_statement``) and
    whether it was added (``success``).

    :param principal_statement: default: none. :param success: default ``True``.
    """

    def __init__(self, *, principal_statement: PolicyStatement | None = None, success: bool = True,
                 policy_dependable: Any = None) -> None:
        self.principal_statement = principal_statement
        self.principal_statements = [principal_statement] if principal_statement is not None else []
        self.success = success
        self.policy_dependable = policy_dependable

    @classmethod
    def add_to_principal(cls, *, grantee: Any, actions: Sequence[str], resource_arns: Sequence[str],
                         conditions: dict[str, Any] | None = None, scope: Any = None) -> "Grant":
        """Add ``actions`` on ``resource_arns`` (under ``conditions``, default none) to
        ``grantee``'s identity policy. ``scope``: the construct that grants, named in errors."""
        from ._owner import as_principal

        principal = as_principal(grantee, scope=scope)
        arns = check_list(scope, "resource_arns", resource_arns, _arn, min_items=1, expected="a list of ARNs",
                          required=True)
        statement = PolicyStatement(actions=check_actions(scope, "actions", actions), resources=arns,
                                    conditions=check_conditions(scope, "conditions", conditions))
        result = principal.add_to_principal_policy(statement)
        return cls(principal_statement=statement, success=result.statement_added,
                   policy_dependable=result.policy_dependable)

    @classmethod
    def drop(cls, grantee: Any, intent: str) -> "Grant":
        """A grant that adds nothing (AWS CDK ``Grant.drop``): the user takes care of ``intent``."""
        return cls(success=True)

    def assert_success(self) -> None:
        if not self.success:
            raise ValidationError(None, f"{self.principal_statement!r} could not be added to the grantee's policy")

    def combine(self, other: "Grant") -> "Grant":
        combined = Grant(success=self.success and other.success)
        combined.principal_statements = self.principal_statements + other.principal_statements
        combined.principal_statement = combined.principal_statements[0] if combined.principal_statements else None
        return combined

    def __repr__(self) -> str:
        return f"Grant(success={self.success}, statements={len(self.principal_statements)})"


from .._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
