"""IAM principals (``aws_cdk.aws_iam``'s ``ServicePrincipal``, ``ArnPrincipal``, ...): who a
statement of a trust or resource policy is about.

Pure Python (no jsii). A principal renders as a :class:`PrincipalPolicyFragment` (the
``Principal`` JSON and the conditions it brings) through :meth:`PrincipalBase.policy_fragment_in`,
which takes the stack's partition and account (``stack``: any object with ``partition`` and
``account`` attributes; constructs pass their stack's data sources) for the principals that
need them (``AccountPrincipal``, ``AccountRootPrincipal``).
"""
from __future__ import annotations

import json
from typing import Any, Protocol

from .._check import check_str, describe
from .._errors import ValidationError
from ._validation import check_account_id, check_conditions, check_service

__all__ = ["AccountPrincipal", "AccountRootPrincipal", "AnyPrincipal", "ArnPrincipal", "CompositePrincipal",
           "FederatedPrincipal", "PrincipalBase", "PrincipalPolicyFragment", "PrincipalWithConditions",
           "ServicePrincipal", "StackValues", "WebIdentityPrincipal", "check_principal"]


class StackValues(Protocol):
    """The stack values some principals render with: ``partition`` and ``account`` (strings or tokens)."""

    partition: str
    account: str


class PrincipalPolicyFragment:
    """``principal_json`` (``{"Service": ["batch.amazonaws.com"]}``) and ``conditions``."""

    def __init__(self, principal_json: dict[str, list[str]], conditions: dict[str, Any] | None = None) -> None:
        self.principal_json = principal_json
        self.conditions = conditions or {}

    def __repr__(self) -> str:
        return f"PrincipalPolicyFragment({self.principal_json!r}, {self.conditions!r})"


def _stack_needed(principal: "PrincipalBase", stack: Any) -> StackValues:
    if stack is None:
        raise ValidationError(None, f"{principal} needs the stack's partition and account: use it in a construct "
                                    "(Role, Policy, ManagedPolicy) or render with to_json(stack=...)")
    return stack


class PrincipalBase:
    """Base of the principals: ``assume_role_action``, ``policy_fragment_in(stack)``,
    ``dedupe_string()``; principals hold no policy, so ``add_to_principal_policy`` adds nothing."""

    assume_role_action = "sts:AssumeRole"
    principal_account: str | None = None
    #: the principal needs the stack's partition or account to render
    needs_stack = False

    @property
    def grant_principal(self) -> "PrincipalBase":
        return self

    def policy_fragment_in(self, stack: StackValues | None) -> PrincipalPolicyFragment:  # pragma: no cover
        raise NotImplementedError

    @property
    def policy_fragment(self) -> PrincipalPolicyFragment:
        """The fragment without stack values (principals that need them raise)."""
        return self.policy_fragment_in(None)

    @property
    def principal_conditions(self) -> dict[str, Any]:
        """The conditions this principal adds to a statement (no stack needed)."""
        return {}

    def dedupe_string(self) -> str:  # pragma: no cover - every subclass defines it
        raise NotImplementedError

    def add_to_policy(self, statement: Any) -> bool:
        return False

    def add_to_principal_policy(self, statement: Any) -> Any:
        from .grant import AddToPrincipalPolicyResult
        return AddToPrincipalPolicyResult(statement_added=False)

    def with_conditions(self, conditions: dict[str, Any]) -> "PrincipalWithConditions":
        """This principal with ``conditions`` added (AWS CDK ``withConditions``)."""
        return PrincipalWithConditions(self, conditions)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PrincipalBase) and other.dedupe_string() == self.dedupe_string()

    def __hash__(self) -> int:
        return hash(self.dedupe_string())


class ArnPrincipal(PrincipalBase):
    """``{"AWS": arn}``: an account, user, role or assumed-role session by ARN."""

    def __init__(self, arn: str) -> None:
        self.arn = check_str(None, "arn", arn, min_length=1, required=True)

    def policy_fragment_in(self, stack: StackValues | None) -> PrincipalPolicyFragment:
        return PrincipalPolicyFragment({"AWS": [self.arn]})  # type: ignore[list-item]

    def in_organization(self, organization_id: str) -> "PrincipalWithConditions":
        """This principal, only as a member of AWS Organization ``organization_id``."""
        check_str(None, "organization_id", organization_id, min_length=1, required=True)
        return self.with_conditions({"StringEquals": {"aws:PrincipalOrgID": organization_id}})

    def dedupe_string(self) -> str:
        return f"ArnPrincipal:{self.arn}"

    def __repr__(self) -> str:
        return f"ArnPrincipal({self.arn})"


class AccountPrincipal(ArnPrincipal):
    """``{"AWS": "arn:<partition>:iam::<account_id>:root"}``: an AWS account."""

    needs_stack = True

    def __init__(self, account_id: str) -> None:
        self.account_id = check_account_id(None, "account_id", account_id)
        self.principal_account = self.account_id
        self.arn = f"arn:<partition>:iam::{self.account_id}:root"

    def policy_fragment_in(self, stack: StackValues | None) -> PrincipalPolicyFragment:
        partition = _stack_needed(self, stack).partition
        return PrincipalPolicyFragment({"AWS": [f"arn:{partition}:iam::{self.account_id}:root"]})

    def dedupe_string(self) -> str:
        return f"AccountPrincipal:{self.account_id}"

    def __repr__(self) -> str:
        return f"AccountPrincipal({self.account_id})"


class AccountRootPrincipal(AccountPrincipal):
    """The account the stack deploys into (``arn:<partition>:iam::<account>:root``)."""

    def __init__(self) -> None:
        self.account_id = "<account>"
        self.principal_account = None
        self.arn = "arn:<partition>:iam::<account>:root"

    def policy_fragment_in(self, stack: StackValues | None) -> PrincipalPolicyFragment:
        stack = _stack_needed(self, stack)
        return PrincipalPolicyFragment({"AWS": [f"arn:{stack.partition}:iam::{stack.account}:root"]})

    def dedupe_string(self) -> str:
        return "AccountRootPrincipal"

    def __repr__(self) -> str:
        return "AccountRootPrincipal()"


class AnyPrincipal(ArnPrincipal):
    """``{"AWS": "*"}``: every identity of every account."""

    def __init__(self) -> None:
        self.arn = "*"

    def __repr__(self) -> str:
        return "AnyPrincipal()"


class ServicePrincipal(PrincipalBase):
    """``ServicePrincipal("batch.amazonaws.com")``: an AWS service.

    :param service: the service principal (lower-case letters, digits, ``.``, ``-``).
    :param conditions: conditions added to every statement naming this principal (default: none).
    """

    def __init__(self, service: str, *, conditions: dict[str, Any] | None = None) -> None:
        self.service = check_service(None, "service", service)
        self.conditions = check_conditions(None, "conditions", conditions) or {}

    def policy_fragment_in(self, stack: StackValues | None) -> PrincipalPolicyFragment:
        return PrincipalPolicyFragment({"Service": [self.service]}, dict(self.conditions))

    @property
    def principal_conditions(self) -> dict[str, Any]:
        return dict(self.conditions)

    def assume_role_policy(self) -> str:
        """The trust policy letting this service assume a role, as a JSON string."""
        from .document import assume_role_document, policy_json
        return policy_json(assume_role_document(self).to_json())

    def dedupe_string(self) -> str:
        return f"ServicePrincipal:{self.service}:{json.dumps(self.conditions, sort_keys=True)}"

    def __repr__(self) -> str:
        return f"ServicePrincipal({self.service})"


class FederatedPrincipal(PrincipalBase):
    """``{"Federated": federated}``: a federated identity provider (Cognito, an OIDC provider).

    :param conditions: default: none. :param assume_role_action: default ``sts:AssumeRole``.
    """

    def __init__(self, federated: str, conditions: dict[str, Any] | None = None,
                 assume_role_action: str = "sts:AssumeRole") -> None:
        self.federated = check_str(None, "federated", federated, min_length=1, required=True)
        self.conditions = check_conditions(None, "conditions", conditions) or {}
        self.assume_role_action = check_str(None, "assume_role_action", assume_role_action, min_length=1,
                                            required=True)  # type: ignore[assignment]

    def policy_fragment_in(self, stack: StackValues | None) -> PrincipalPolicyFragment:
        federated: str = self.federated  # type: ignore[assignment]
        return PrincipalPolicyFragment({"Federated": [federated]}, dict(self.conditions))

    @property
    def principal_conditions(self) -> dict[str, Any]:
        return dict(self.conditions)

    def dedupe_string(self) -> str:
        return (f"FederatedPrincipal:{self.federated}:{self.assume_role_action}:"
                f"{json.dumps(self.conditions, sort_keys=True)}")

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.federated})"


class WebIdentityPrincipal(FederatedPrincipal):
    """A web identity provider (``sts:AssumeRoleWithWebIdentity``), e.g. an EKS OIDC provider."""

    def __init__(self, identity_provider: str, conditions: dict[str, Any] | None = None) -> None:
        super().__init__(identity_provider, conditions, "sts:AssumeRoleWithWebIdentity")


class PrincipalWithConditions(PrincipalBase):
    """``principal.with_conditions(conditions)``: the principal, with extra conditions."""

    def __init__(self, principal: Any, conditions: dict[str, Any]) -> None:
        self.wrapped = check_principal(None, "principal", principal)
        self.additional_conditions = check_conditions(None, "conditions", conditions) or {}
        self.assume_role_action = getattr(self.wrapped, "assume_role_action", "sts:AssumeRole")
        self.needs_stack = getattr(self.wrapped, "needs_stack", False)

    def add_condition(self, key: str, value: Any) -> None:
        merged = check_conditions(None, "conditions", {key: value}) or {}
        self.additional_conditions[key] = {**self.additional_conditions.get(key, {}), **merged[key]}

    def add_conditions(self, conditions: dict[str, Any]) -> None:
        for key, value in (check_conditions(None, "conditions", conditions) or {}).items():
            self.add_condition(key, value)

    @property
    def principal_conditions(self) -> dict[str, Any]:
        merged = {k: dict(v) for k, v in getattr(self.wrapped, "principal_conditions", {}).items()}
        for operator, block in self.additional_conditions.items():
            merged[operator] = {**merged.get(operator, {}), **block}
        return merged

    def policy_fragment_in(self, stack: StackValues | None) -> PrincipalPolicyFragment:
        return PrincipalPolicyFragment(self.wrapped.policy_fragment_in(stack).principal_json, self.principal_conditions)

    def dedupe_string(self) -> str:
        return (f"PrincipalWithConditions:{_dedupe(self.wrapped)}:"
                f"{json.dumps(self.principal_conditions, sort_keys=True)}")

    def __repr__(self) -> str:
        return repr(self.wrapped)


class CompositePrincipal(PrincipalBase):
    """Several principals as one (``CompositePrincipal(ServicePrincipal(a), ServicePrincipal(b))``);
    its parts cannot have conditions. In a trust policy each part gets its own statement
    (statements with the same action then merge)."""

    def __init__(self, *principals: Any) -> None:
        if not principals:
            raise ValidationError(None, "CompositePrincipals must be constructed with at least 1 Principal but none "
                                        "were passed.")
        self.principals: list[Any] = []
        self.add_principals(*principals)
        self.assume_role_action = getattr(self.principals[0], "assume_role_action", "sts:AssumeRole")

    def add_principals(self, *principals: Any) -> "CompositePrincipal":
        for index, principal in enumerate(principals):
            self.principals.append(check_principal(None, f"principals[{index}]", principal))
        self.needs_stack = any(getattr(p, "needs_stack", False) for p in self.principals)
        return self

    def policy_fragment_in(self, stack: StackValues | None) -> PrincipalPolicyFragment:
        merged: dict[str, list[str]] = {}
        for principal in self.principals:
            fragment = principal.policy_fragment_in(stack)
            if fragment.conditions:
                raise ValidationError(None, "Components of a CompositePrincipal must not have conditions. Tried to "
                                            f"add the following fragment: {fragment!r}")
            merge_principal_json(merged, fragment.principal_json)
        return PrincipalPolicyFragment(merged)

    def dedupe_string(self) -> str:
        return "CompositePrincipal[" + ",".join(_dedupe(p) for p in self.principals) + "]"

    def __repr__(self) -> str:
        return f"CompositePrincipal({', '.join(map(repr, self.principals))})"


def _dedupe(principal: Any) -> str:
    text = getattr(principal, "dedupe_string", None)
    return text() if callable(text) else f"object:{id(principal)}"


def merge_principal_json(target: dict[str, list[str]], source: dict[str, list[str]]) -> dict[str, list[str]]:
    """AWS CDK ``mergePrincipal``: add ``source``'s ids to ``target`` per key (no duplicates)."""
    for key, values in source.items():
        bucket = target.setdefault(key, [])
        for value in values if isinstance(values, list) else [values]:
            if value not in bucket:
                bucket.append(value)
    return target


def check_principal(scope: Any, keyword: str, value: Any) -> Any:
    """An IAM principal: one of this module's, or a role or user of this library (anything with
    ``policy_fragment_in``). AWS CDK: a group cannot be a principal."""
    if getattr(value, "_IS_GROUP", False):
        raise ValidationError(scope, "Cannot use an IAM Group as the 'Principal' or 'NotPrincipal' in an IAM Policy")
    if value is None or isinstance(value, (str, bytes, int, float, list, tuple, dict)) or \
            not callable(getattr(value, "policy_fragment_in", None)):
        raise ValidationError(scope, f"'{keyword}' must be an IAM principal (ServicePrincipal, ArnPrincipal, "
                                     f"AccountRootPrincipal, ..., or a Role/User), got {describe(value)}")
    return value


from .._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
