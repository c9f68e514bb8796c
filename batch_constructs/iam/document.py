"""``PolicyDocument`` (``aws_cdk.aws_iam``), statement merging and the canonical policy JSON.

Pure Python (no jsii).

**Merging** is AWS CDK's ``mergeStatements`` (its ``@aws-cdk/aws-iam:minimizePolicies``
behaviour, on by default here): two statements with the same effect and conditions, no
``Sid`` and the same ``NotAction``/``NotResource``/``NotPrincipal`` merge when two of their
three sets (actions, resources, principals) are equal; the third is united. Exact duplicates
always collapse into one (also with ``minimize=False``, as AWS CDK's post-processing does).
Pairs are tried in order until nothing merges; a merged statement takes the place of the first
of the two, and united lists keep first-seen order (AWS CDK sorts them; keeping the order
leaves statements that did not merge exactly as they were).

**Canonical JSON** (:func:`policy_json`): compact, ``{"Version": "2012-10-17", "Statement": [...]}``
(IAM's order), every object inside with sorted keys, literal ``${``/``%{`` escaped for
Terraform (IAM policy variables such as ``${aws:username}``) while cdktf tokens are kept.
"""
from __future__ import annotations

import json
from typing import Any, Iterable, Sequence

from .._check import check_bool, check_instance, check_list
from .._errors import ValidationError
from .._json import escape_strings
from .policy_statement import Key, PolicyStatement, identity_key
from .principals import CompositePrincipal, StackValues, check_principal

__all__ = ["PolicyDocument", "assume_role_document", "merge_statements", "policy_json"]

VERSION = "2012-10-17"


def _statement(scope: Any, keyword: str, value: Any) -> PolicyStatement:
    return check_instance(scope, keyword, value, PolicyStatement, "a PolicyStatement", required=True)


class PolicyDocument:
    """A list of statements rendered as one IAM policy.

    :param statements: initial statements (default: none).
    :param assign_sids: give every statement without a ``Sid`` its index as ``Sid`` (default ``False``).
    :param minimize: merge statements that can be combined (default ``True``, AWS CDK's
        ``@aws-cdk/aws-iam:minimizePolicies`` recommended setting); exact duplicates are always dropped.
    """

    def __init__(self, *, assign_sids: bool | None = None, minimize: bool | None = None,
                 statements: Sequence[PolicyStatement] | None = None) -> None:
        self.assign_sids = bool(check_bool(None, "assign_sids", assign_sids))
        minimize = check_bool(None, "minimize", minimize)
        self.minimize = True if minimize is None else minimize
        self._statements: list[PolicyStatement] = []
        self.add_statements(*(check_list(None, "statements", statements, _statement,
                                         expected="a list of PolicyStatement") or ()))

    def add_statements(self, *statements: PolicyStatement) -> None:
        for index, statement in enumerate(statements):
            self._statements.append(_statement(None, f"statements[{index}]", statement))

    @property
    def statements(self) -> list[PolicyStatement]:
        return list(self._statements)

    @property
    def is_empty(self) -> bool:
        return not self._statements

    @property
    def statement_count(self) -> int:
        return len(self._statements)

    @property
    def needs_stack(self) -> bool:
        return any(s.needs_stack for s in self._statements)

    def to_json(self, stack: StackValues | None = None, *, key: Key | None = None) -> dict[str, Any] | None:
        """``{"Version": ..., "Statement": [...]}`` after merging (``None`` when empty).
        ``stack``: partition and account for the principals that need them; ``key``: what a
        string stands for (constructs map cdktf tokens to their Terraform expressions, so two
        tokens of one attribute count as one value)."""
        if not self._statements:
            return None
        key = key or identity_key
        statements = merge_statements(self._statements, combine=self.minimize, key=key)
        rendered: list[dict[str, Any]] = []
        seen: set[str] = set()
        for statement in statements:
            body = statement.to_statement_json(stack, key=key)
            text = key(json.dumps(body, sort_keys=True))
            if text not in seen:  # AWS CDK PostProcessPolicyDocument: drop full duplicates
                seen.add(text)
                rendered.append(body)
        if self.assign_sids:
            for index, body in enumerate(rendered):
                body.setdefault("Sid", str(index))
        return {"Version": VERSION, "Statement": rendered}

    def validate_for_any_policy(self) -> list[str]:
        return [e for s in self._statements for e in s.validate_for_any_policy()]

    def validate_for_resource_policy(self) -> list[str]:
        return [e for s in self._statements for e in s.validate_for_resource_policy()]

    def validate_for_identity_policy(self) -> list[str]:
        return [e for s in self._statements for e in s.validate_for_identity_policy()]

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> "PolicyDocument":
        """A document from its IAM JSON (``{"Statement": [...]}``)."""
        if not isinstance(obj, dict):
            raise ValidationError(None, f"PolicyDocument.from_json() needs a dict, got {type(obj).__name__}")
        statements = obj.get("Statement") or []
        if not isinstance(statements, list):
            raise ValidationError(None, "Statement must be an array")
        return cls(statements=[PolicyStatement.from_json(s) for s in statements])

    def __repr__(self) -> str:
        return f"PolicyDocument({len(self._statements)} statements)"


# -- merging ----------------------------------------------------------------------------------

def _principal_keys(principals: Iterable[Any], key: Key) -> frozenset[str]:
    keys = set()
    for principal in principals:
        text = getattr(principal, "dedupe_string", None)
        keys.add(key(text()) if callable(text) else f"object:{id(principal)}")
    return frozenset(keys)


def _keys(values: Iterable[str], key: Key) -> frozenset[str]:
    return frozenset(key(v) for v in values)


def _union(first: list[Any], second: list[Any], key: Key) -> list[Any]:
    known = _keys(first, key)
    return first + [v for v in second if key(v) not in known]


def _union_principals(first: list[Any], second: list[Any], key: Key) -> list[Any]:
    known = _principal_keys(first, key)
    return first + [p for p in second if not _principal_keys([p], key) <= known]


def _shape(statement: PolicyStatement, key: Key) -> tuple[Any, ...]:
    return (statement.effect, key(json.dumps(statement.conditions, sort_keys=True)),
            _keys(statement.not_actions, key), _keys(statement.not_resources, key),
            _principal_keys(statement.not_principals, key))


def _combined(a: PolicyStatement, b: PolicyStatement, key: Key) -> PolicyStatement | None:
    """AWS CDK ``mergeIfCombinable``: ``a`` and ``b`` as one statement, or ``None``."""
    if a.sid or b.sid or _shape(a, key) != _shape(b, key):
        return None
    same_actions = _keys(a.actions, key) == _keys(b.actions, key)
    same_resources = _keys(a.resources, key) == _keys(b.resources, key)
    same_principals = _principal_keys(a.principals, key) == _principal_keys(b.principals, key)
    if same_actions + same_resources + same_principals < 2:
        return None
    if same_actions and same_resources and same_principals:
        return a
    return a.copy(actions=_union(a.actions, b.actions, key) or None,
                  resources=_union(a.resources, b.resources, key) or None,
                  principals=_union_principals(a.principals, b.principals, key))


def _equal(a: PolicyStatement, b: PolicyStatement, key: Key) -> PolicyStatement | None:
    """AWS CDK ``mergeIfEqual``: ``a`` when ``b`` says exactly the same, else ``None``."""
    if a.sid != b.sid or _shape(a, key) != _shape(b, key):
        return None
    if _keys(a.actions, key) != _keys(b.actions, key) or _keys(a.resources, key) != _keys(b.resources, key) or \
            _principal_keys(a.principals, key) != _principal_keys(b.principals, key):
        return None
    return a


def merge_statements(statements: Sequence[PolicyStatement], *, combine: bool = True,
                     key: Key | None = None) -> list[PolicyStatement]:
    """The statements, merged (``combine=True``) or only without exact duplicates; the
    statements given are not changed (merged ones are new). ``key``: see ``PolicyDocument.to_json``."""
    merge = _combined if combine else _equal
    key = key or identity_key
    result = list(statements)
    changed = True
    while changed:
        changed = False
        i = 0
        while i < len(result):
            j = i + 1
            while j < len(result):
                merged = merge(result[i], result[j], key)
                if merged is not None:
                    result[i] = merged
                    del result[j]
                    changed = True
                else:
                    j += 1
            i += 1
    return result


# -- JSON ------------------------------------------------------------------------------------------

def _sorted(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _sorted(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [_sorted(v) for v in value]
    return value


def policy_json(document: dict[str, Any] | None) -> str:
    """The canonical JSON string of a rendered document (see the module docstring)."""
    if document is None:
        raise ValidationError(None, "an IAM policy needs at least one statement")
    body = {"Version": document.get("Version", VERSION), "Statement": _sorted(document.get("Statement", []))}
    return json.dumps(escape_strings(body), separators=(",", ":"))


# -- trust policies -----------------------------------------------------------------------------

def assume_role_document(principal: Any, external_ids: Sequence[str] = ()) -> PolicyDocument:
    """AWS CDK ``createAssumeRolePolicy``: ``Allow <assume_role_action>`` for ``principal``
    (one statement per part of a ``CompositePrincipal``; statements with the same action then
    merge), each with ``StringEquals sts:ExternalId`` when ``external_ids`` are given."""
    document = PolicyDocument()
    for part in _parts(check_principal(None, "assumed_by", principal)):
        statement = PolicyStatement(actions=[getattr(part, "assume_role_action", "sts:AssumeRole")],
                                    principals=[part])
        if external_ids:
            statement.add_condition("StringEquals", {
                "sts:ExternalId": external_ids[0] if len(external_ids) == 1 else list(external_ids)})
        document.add_statements(statement)
    return document


def _parts(principal: Any) -> list[Any]:
    if isinstance(principal, CompositePrincipal):
        return [part for p in principal.principals for part in _parts(p)]
    return [principal]


from .._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
