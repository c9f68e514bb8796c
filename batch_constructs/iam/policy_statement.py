"""``PolicyStatement`` and ``Effect`` (``aws_cdk.aws_iam``): one statement of an IAM policy.

Pure Python (no jsii). Lists behave as ordered sets (a repeated action or resource is kept
once, in first-seen order), as AWS CDK's do. ``to_json()`` is AWS CDK's ``toStatementJson``:
one-element lists become a single value, empty parts are left out; policy documents sort the
keys when they serialize (see :func:`~batch_constructs.iam.document.policy_json`).
"""
from __future__ import annotations

import copy as _copy
import enum
import json
from typing import Any, Callable, Iterable, Sequence

from .._check import check_enum
from .._errors import ValidationError
from ._validation import (check_actions, check_condition_block, check_conditions, check_operator,
                          check_resources, check_sid)
from .principals import (AccountPrincipal, AccountRootPrincipal, AnyPrincipal, ArnPrincipal, FederatedPrincipal,
                         PrincipalBase, PrincipalPolicyFragment, ServicePrincipal, StackValues, check_principal,
                         merge_principal_json)

__all__ = ["Effect", "Key", "PolicyStatement", "identity_key", "unique"]


class Effect(enum.StrEnum):
    """Whether a statement allows or denies its actions."""

    ALLOW = "Allow"
    DENY = "Deny"


def _push(target: list[Any], values: Iterable[Any]) -> None:
    for value in values:
        if value not in target:
            target.append(value)


def _exclusive(adding: str, present: str, values: Sequence[Any], other: Sequence[Any]) -> None:
    # AWS CDK's message: a statement has either Action or NotAction (Resource/NotResource,
    # Principal/NotPrincipal), never both (IAM policy grammar).
    if values and other:
        raise ValidationError(None, f"Cannot add '{adding}' to policy statement if '{present}' have been added")


def _norm(values: Sequence[Any]) -> Any:
    """AWS CDK ``_norm``: nothing for no values, the value for one, the list otherwise."""
    if not values:
        return None
    return values[0] if len(values) == 1 else list(values)


#: maps a string to what it stands for (a cdktf token to its Terraform expression); equal keys
#: are one value. Pure Python uses the string itself.
Key = Callable[[str], str]


def identity_key(text: str) -> str:
    return text


def unique(values: Iterable[Any], key: Key) -> list[Any]:
    """``values`` without repeats (by ``key``), first-seen order."""
    seen: set[Any] = set()
    out = []
    for value in values:
        marker = key(value) if isinstance(value, str) else json.dumps(value, sort_keys=True)
        if marker not in seen:
            seen.add(marker)
            out.append(value)
    return out


def _dedupe(principal: Any) -> str:
    text = getattr(principal, "dedupe_string", None)
    return text() if callable(text) else f"object:{id(principal)}"


class _JsonPrincipal(PrincipalBase):
    """A principal read back by ``PolicyStatement.from_json``."""

    def __init__(self, principal_json: dict[str, Any]) -> None:
        self.principal_json = {k: list(v) if isinstance(v, list) else [v] for k, v in principal_json.items()}

    def policy_fragment_in(self, stack: StackValues | None) -> PrincipalPolicyFragment:
        return PrincipalPolicyFragment(_copy.deepcopy(self.principal_json))

    def dedupe_string(self) -> str:
        return "JsonPrincipal:" + json.dumps(self.principal_json, sort_keys=True)


class PolicyStatement:
    """One statement: ``effect`` on ``actions`` (or ``not_actions``) of ``resources`` (or
    ``not_resources``), for ``principals`` (or ``not_principals``, in resource and trust
    policies), under ``conditions``.

    :param actions: IAM actions (``service:Action``, wildcards allowed, or ``*``); an explicitly
        given list must not be empty (default: none, add them with ``add_actions``).
    :param not_actions: default: none. Not together with ``actions``.
    :param principals: default: none (identity policies take none).
    :param not_principals: default: none. Not together with ``principals``.
    :param resources: ARNs (strings or tokens); default: none (add with ``add_resources``).
    :param not_resources: default: none. Not together with ``resources``.
    :param conditions: ``{"StringEquals": {"aws:SourceAccount": "123456789012"}}``; default: none.
    :param effect: default ``Effect.ALLOW``.
    :param sid: letters and digits; default: none.
    """

    def __init__(self, *, actions: Sequence[str] | None = None, conditions: dict[str, Any] | None = None,
                 effect: Effect | None = None, not_actions: Sequence[str] | None = None,
                 not_principals: Sequence[Any] | None = None, not_resources: Sequence[str] | None = None,
                 principals: Sequence[Any] | None = None, resources: Sequence[str] | None = None,
                 sid: str | None = None) -> None:
        self._sid = check_sid(None, "sid", sid)
        self._effect: Effect = check_enum(None, "effect", effect, Effect) or Effect.ALLOW
        self._actions: list[str] = []
        self._not_actions: list[str] = []
        self._principals: list[Any] = []
        self._not_principals: list[Any] = []
        self._resources: list[str] = []
        self._not_resources: list[str] = []
        self._conditions: dict[str, dict[str, Any]] = {}
        self._principal_conditions: str | None = None
        self.add_actions(*(check_actions(None, "actions", actions) or ()))
        self.add_not_actions(*(check_actions(None, "not_actions", not_actions) or ()))
        self.add_principals(*self._principal_list("principals", principals))
        self.add_not_principals(*self._principal_list("not_principals", not_principals))
        self.add_resources(*(check_resources(None, "resources", resources) or ()))
        self.add_not_resources(*(check_resources(None, "not_resources", not_resources) or ()))
        if conditions is not None:
            self.add_conditions(conditions)

    @staticmethod
    def _principal_list(keyword: str, value: Any) -> list[Any]:
        from .._check import check_list
        return check_list(None, keyword, value, check_principal, expected="a list of IAM principals") or []

    # -- effect and sid ------------------------------------------------------------------------
    @property
    def effect(self) -> Effect:
        return self._effect

    @effect.setter
    def effect(self, value: Effect) -> None:
        self._effect = check_enum(None, "effect", value, Effect, required=True)  # type: ignore[assignment]

    @property
    def sid(self) -> str | None:
        return self._sid

    @sid.setter
    def sid(self, value: str | None) -> None:
        self._sid = check_sid(None, "sid", value)

    # -- actions -------------------------------------------------------------------------------
    def add_actions(self, *actions: str) -> None:
        """Add IAM actions (``service:Action``, wildcards allowed)."""
        checked = check_actions(None, "actions", list(actions), given=False) or []
        _exclusive("Actions", "NotActions", checked, self._not_actions)
        _push(self._actions, checked)

    def add_not_actions(self, *not_actions: str) -> None:
        """Allow (or deny) every action but these."""
        checked = check_actions(None, "not_actions", list(not_actions), given=False) or []
        _exclusive("NotActions", "Actions", checked, self._actions)
        _push(self._not_actions, checked)

    # -- principals ----------------------------------------------------------------------------
    def add_principals(self, *principals: Any) -> None:
        """Add principals (resource and trust policies); their conditions join the statement's."""
        checked = [check_principal(None, f"principals[{i}]", p) for i, p in enumerate(principals)]
        _exclusive("Principals", "NotPrincipals", checked, self._not_principals)
        self._add_principal_objects(self._principals, checked)

    def add_not_principals(self, *not_principals: Any) -> None:
        checked = [check_principal(None, f"not_principals[{i}]", p) for i, p in enumerate(not_principals)]
        _exclusive("NotPrincipals", "Principals", checked, self._principals)
        self._add_principal_objects(self._not_principals, checked)

    def _add_principal_objects(self, target: list[Any], principals: list[Any]) -> None:
        known = {_dedupe(p) for p in target}
        for principal in principals:
            if _dedupe(principal) in known:
                continue
            known.add(_dedupe(principal))
            target.append(principal)
            self._add_principal_conditions(getattr(principal, "principal_conditions", {}) or {})

    def _add_principal_conditions(self, conditions: dict[str, Any]) -> None:
        # AWS CDK addPrincipalConditions: principals of one statement share their conditions.
        text = json.dumps(conditions, sort_keys=True)
        if self._principal_conditions is None:
            self._principal_conditions = text
        elif self._principal_conditions != text:
            raise ValidationError(None, f"All principals in a PolicyStatement must have the same Conditions (got "
                                        f"'{self._principal_conditions}' and '{text}'). Use multiple statements "
                                        "instead.")
        self.add_conditions(conditions)

    def add_arn_principal(self, arn: str) -> None:
        self.add_principals(ArnPrincipal(arn))

    def add_aws_account_principal(self, account_id: str) -> None:
        self.add_principals(AccountPrincipal(account_id))

    def add_account_root_principal(self) -> None:
        self.add_principals(AccountRootPrincipal())

    def add_any_principal(self) -> None:
        self.add_principals(AnyPrincipal())

    def add_service_principal(self, service: str, *, conditions: dict[str, Any] | None = None) -> None:
        self.add_principals(ServicePrincipal(service, conditions=conditions))

    def add_federated_principal(self, federated: str, conditions: dict[str, Any]) -> None:
        self.add_principals(FederatedPrincipal(federated, conditions))

    @property
    def has_principal(self) -> bool:
        return bool(self._principals or self._not_principals)

    # -- resources -----------------------------------------------------------------------------
    def add_resources(self, *arns: str) -> None:
        """Add resource ARNs (strings or tokens)."""
        checked = check_resources(None, "resources", list(arns), given=False) or []
        _exclusive("Resources", "NotResources", checked, self._not_resources)
        _push(self._resources, checked)

    def add_not_resources(self, *arns: str) -> None:
        checked = check_resources(None, "not_resources", list(arns), given=False) or []
        _exclusive("NotResources", "Resources", checked, self._resources)
        _push(self._not_resources, checked)

    def add_all_resources(self) -> None:
        """Add the ``*`` resource."""
        self.add_resources("*")

    @property
    def has_resource(self) -> bool:
        return bool(self._resources)

    # -- conditions ----------------------------------------------------------------------------
    def add_condition(self, key: str, value: dict[str, Any]) -> None:
        """Add ``{key: value}`` (``add_condition("StringEquals", {"aws:SourceAccount": "1..."})``);
        the same operator again merges its keys, the last value of a key winning (AWS CDK)."""
        key = check_operator(None, "conditions", key)
        block = check_condition_block(None, f"conditions[{key!r}]", value)
        self._conditions[key] = {**self._conditions.get(key, {}), **block}

    def add_conditions(self, conditions: dict[str, Any]) -> None:
        for key, value in (check_conditions(None, "conditions", conditions) or {}).items():
            self.add_condition(key, value)

    def add_account_condition(self, account_id: str) -> None:
        self.add_condition("StringEquals", {"sts:ExternalId": account_id})

    def add_source_account_condition(self, account_id: str) -> None:
        self.add_condition("StringEquals", {"aws:SourceAccount": account_id})

    def add_source_arn_condition(self, arn: str) -> None:
        self.add_condition("ArnEquals", {"aws:SourceArn": arn})

    # -- read access ---------------------------------------------------------------------------
    @property
    def actions(self) -> list[str]:
        return list(self._actions)

    @property
    def not_actions(self) -> list[str]:
        return list(self._not_actions)

    @property
    def principals(self) -> list[Any]:
        return list(self._principals)

    @property
    def not_principals(self) -> list[Any]:
        return list(self._not_principals)

    @property
    def resources(self) -> list[str]:
        return list(self._resources)

    @property
    def not_resources(self) -> list[str]:
        return list(self._not_resources)

    @property
    def conditions(self) -> dict[str, dict[str, Any]]:
        return _copy.deepcopy(self._conditions)

    @property
    def needs_stack(self) -> bool:
        """A principal of this statement renders with the stack's partition or account."""
        return any(getattr(p, "needs_stack", False) for p in self._principals + self._not_principals)

    def copy(self, *, actions: Sequence[str] | None = None, conditions: dict[str, Any] | None = None,
             effect: Effect | None = None, not_actions: Sequence[str] | None = None,
             not_principals: Sequence[Any] | None = None, not_resources: Sequence[str] | None = None,
             principals: Sequence[Any] | None = None, resources: Sequence[str] | None = None,
             sid: str | None = None) -> "PolicyStatement":
        """A new statement with the same parts, except those given."""
        def pick(value: Any, current: list[Any]) -> Any:
            return value if value is not None else (current or None)
        statement = PolicyStatement(
            sid=sid if sid is not None else self._sid, effect=effect or self._effect,
            actions=pick(actions, self._actions), not_actions=pick(not_actions, self._not_actions),
            resources=pick(resources, self._resources), not_resources=pick(not_resources, self._not_resources))
        # principals bring their conditions again: add them before copying the conditions over
        statement.add_principals(*(principals if principals is not None else self._principals))
        statement.add_not_principals(*(not_principals if not_principals is not None else self._not_principals))
        statement._conditions = {}
        statement.add_conditions(conditions if conditions is not None else self._conditions)
        return statement

    # -- rendering and checks ------------------------------------------------------------------
    @staticmethod
    def _principal_json(principals: list[Any], stack: StackValues | None, key: Key) -> dict[str, Any] | None:
        merged: dict[str, list[str]] = {}
        for principal in principals:
            merge_principal_json(merged, principal.policy_fragment_in(stack).principal_json)
        return {name: _norm(unique(values, key)) for name, values in merged.items()} or None

    def to_statement_json(self, stack: StackValues | None = None, *, key: Key | None = None) -> dict[str, Any]:
        """The statement as IAM JSON (AWS CDK ``toStatementJson``). ``stack``: its partition
        and account, for ``AccountPrincipal``/``AccountRootPrincipal``; ``key``: what a string
        stands for (a token's Terraform expression), to keep one of two equal values."""
        key = key or identity_key
        parts = {
            "Action": _norm(unique(self._actions, key)), "NotAction": _norm(unique(self._not_actions, key)),
            "Condition": _copy.deepcopy(self._conditions) or None, "Effect": self._effect.value,
            "Principal": self._principal_json(self._principals, stack, key),
            "NotPrincipal": self._principal_json(self._not_principals, stack, key),
            "Resource": _norm(unique(self._resources, key)), "NotResource": _norm(unique(self._not_resources, key)),
            "Sid": self._sid or None,
        }
        return {name: value for name, value in parts.items() if value is not None}

    def to_json(self, stack: StackValues | None = None) -> dict[str, Any]:
        return self.to_statement_json(stack)

    def validate_for_any_policy(self) -> list[str]:
        """AWS CDK's messages: a statement has an action or a not-action."""
        if not self._actions and not self._not_actions:
            return ["A PolicyStatement must specify at least one 'action' or 'notAction'."]
        return []

    def validate_for_resource_policy(self) -> list[str]:
        errors = self.validate_for_any_policy()
        if not self.has_principal:
            errors.append("A PolicyStatement used in a resource-based policy must specify at least one IAM principal.")
        return errors

    def validate_for_identity_policy(self) -> list[str]:
        errors = self.validate_for_any_policy()
        if self.has_principal:
            errors.append("A PolicyStatement used in an identity-based policy cannot specify any IAM principals.")
        if not self._resources and not self._not_resources:
            errors.append("A PolicyStatement used in an identity-based policy must specify at least one resource.")
        return errors

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> "PolicyStatement":
        """A statement from its IAM JSON (``{"Effect": ..., "Action": ..., ...}``)."""
        if not isinstance(obj, dict):
            raise ValidationError(None, f"PolicyStatement.from_json() needs a dict, got {type(obj).__name__}")
        unknown = sorted(set(obj) - {"Sid", "Effect", "Action", "NotAction", "Resource", "NotResource",
                                     "Principal", "NotPrincipal", "Condition"})
        if unknown:
            raise ValidationError(None, f"PolicyStatement.from_json(): unknown key(s) {', '.join(unknown)}")

        def listed(key: str) -> list[Any] | None:
            value = obj.get(key)
            if value is None:
                return None
            if isinstance(value, str):
                return [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValidationError(None, "Fields must be either a string or an array of strings")
            return value

        def principal(key: str) -> list[Any] | None:
            value = obj.get(key)
            if value is None:
                return None
            if not isinstance(value, dict):
                raise ValidationError(None, f"PolicyStatement.from_json(): '{key}' must be a dict such as "
                                            f"{{'AWS': '*'}}, got {value!r}")
            return [_JsonPrincipal(value)]

        statement = cls(sid=obj.get("Sid"), effect=obj.get("Effect"), actions=listed("Action"),
                        not_actions=listed("NotAction"), resources=listed("Resource"),
                        not_resources=listed("NotResource"), principals=principal("Principal"),
                        not_principals=principal("NotPrincipal"), conditions=obj.get("Condition"))
        errors = statement.validate_for_any_policy()
        if errors:
            raise ValidationError(None, "Incorrect Policy Statement: " + "\n".join(errors))
        return statement

    def __repr__(self) -> str:
        return f"PolicyStatement({self.to_statement_json(_Placeholders())!r})"


class _Placeholders:
    partition = "<partition>"
    account = "<account>"


from .._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
