"""The IAM rules: name, path, ARN and grammar patterns and the named checks built on them.

Pure Python (no jsii). Each rule's source is written beside it; the messages that AWS CDK has
are reproduced word for word.
"""
from __future__ import annotations

import math
import re
from typing import Any

from .._check import check_duration, check_list, check_str, describe
from .._errors import ValidationError
from .._tokens import is_unresolved

__all__ = ["ACCOUNT_ID", "ACTION", "IAM_DESCRIPTION", "IAM_NAME", "IAM_PATH", "POLICY_ARN", "ROLE_ARN",
           "SERVICE", "SID", "check_account_id", "check_actions", "check_conditions", "check_description",
           "check_iam_name", "check_iam_path", "check_max_session_duration", "check_resources",
           "check_service", "check_sid"]

#: IAM names (``CreateRole``/``CreateUser``/``CreateGroup``/``CreatePolicy``/``PutRolePolicy``):
#: ``[\w+=,.@-]``; roles and users at most 64 characters, groups and policies 128.
IAM_NAME = re.compile(r"[\w+=,.@-]+")
#: A description (``CreateRole``, ``CreatePolicy``): at most 1000 of ``[\t\n\r -~¡-ÿ]``.
IAM_DESCRIPTION = re.compile(r"[\t\n\r\x20-\x7e\xa1-\xff]*")
#: An IAM path: ``/`` or ``/…/`` of printable ASCII, at most 512 (AWS CDK ``validateRolePath``).
IAM_PATH = re.compile(r"/|/[\x21-\x7e]*/")
ROLE_ARN = re.compile(r"arn:[a-z-]+:iam::[0-9]*:role/[\w+=,.@/-]+|\$\{.+\}")
POLICY_ARN = re.compile(r"arn:[a-z-]+:iam::([0-9]{12}|aws):policy/[\w+=,.@/-]+")
SERVICE = re.compile(r"[a-z0-9][a-z0-9.-]*")
#: AWS CDK ``validatePolicyActions``: ``*`` or ``service:Action`` (wildcards in the action).
ACTION = re.compile(r"\*|[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+")
#: An IAM ``Sid``: letters and digits (IAM policy grammar).
SID = re.compile(r"[A-Za-z0-9]*")
ACCOUNT_ID = re.compile(r"[0-9]{12}")

_NAME_RULES = {"role": 64, "user": 64, "group": 128, "policy": 128}


def check_iam_name(scope: Any, keyword: str, value: Any, kind: str) -> str | None:
    """IAM ``Create*``: 1-64 (roles, users) or 1-128 (groups, policies) of ``[\\w+=,.@-]``."""
    return check_str(scope, keyword, value, pattern=IAM_NAME, min_length=1, max_length=_NAME_RULES[kind],
                     rule=f"an IAM {kind} name: letters, digits and +=,.@_-")


def check_description(scope: Any, keyword: str, value: Any) -> str | None:
    """IAM ``CreateRole``/``CreatePolicy``: at most 1000 printable characters."""
    return check_str(scope, keyword, value, pattern=IAM_DESCRIPTION, max_length=1000,
                     rule="an IAM description (printable characters)")


def check_iam_path(scope: Any, keyword: str, value: Any) -> str | None:
    """IAM paths (AWS CDK ``validateRolePath``): ``/`` or ``/a/b/``, at most 512 characters."""
    return check_str(scope, keyword, value, pattern=IAM_PATH, max_length=512, rule="an IAM path ('/' or '/a/b/')")


def check_service(scope: Any, keyword: str, value: Any) -> str:
    """A service principal (``batch.amazonaws.com``): lower-case letters, digits, ``.``, ``-``."""
    service = check_str(scope, keyword, value, pattern=SERVICE, max_length=128, required=True,
                        rule="a service principal such as 'batch.amazonaws.com'")
    return service  # type: ignore[return-value]


def check_sid(scope: Any, keyword: str, value: Any) -> str | None:
    """IAM policy grammar: a ``Sid`` is letters and digits."""
    return check_str(scope, keyword, value, pattern=SID, rule="letters and digits (an IAM Sid)")


def check_account_id(scope: Any, keyword: str, value: Any) -> str:
    """An AWS account id: 12 digits (or a token)."""
    return check_str(scope, keyword, value, pattern=ACCOUNT_ID, required=True,  # type: ignore[return-value]
                     rule="an AWS account id (12 digits)")


def _action(scope: Any, keyword: str, value: Any) -> str:
    # AWS CDK validatePolicyActions (same pattern): "An action string consists of a service
    # namespace, a colon, and the name of an action."
    return check_str(scope, keyword, value, pattern=ACTION, required=True,  # type: ignore[return-value]
                     rule="an IAM action ('service:Action', wildcards allowed)")


def check_actions(scope: Any, keyword: str, value: Any, *, given: bool = True) -> list[str] | None:
    """A list of IAM actions; an explicitly given list is not empty (IAM refuses a statement
    without actions). ``given=False``: entries of ``add_actions(*actions)`` (may be none)."""
    return check_list(scope, keyword, value, _action, min_items=1 if given else 0,
                      expected="a list of IAM actions")


def check_resources(scope: Any, keyword: str, value: Any, *, given: bool = True) -> list[str] | None:
    """A list of ARNs (strings or tokens); an explicitly given list is not empty."""
    return check_list(scope, keyword, value, lambda s, k, v: check_str(s, k, v, min_length=1, required=True),
                      min_items=1 if given else 0, expected="a list of strings")


def _condition_value(scope: Any, keyword: str, value: Any) -> Any:
    """IAM condition values: strings, numbers or booleans, or lists of them."""
    if isinstance(value, (list, tuple)):
        return check_list(scope, keyword, value, _condition_value, min_items=1,
                          expected="a condition value or a list of them")
    if isinstance(value, bool) or isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and (is_unresolved(value) or math.isfinite(value)):
        return value
    raise ValidationError(scope, f"'{keyword}' must be a string, number or boolean (or a list of them), got "
                                 f"{describe(value)}")


def check_conditions(scope: Any, keyword: str, value: Any) -> dict[str, dict[str, Any]] | None:
    """``{"Operator": {"context:key": value or [values]}}``. AWS CDK ``validateConditionObject``:
    "A Condition should be represented as a map of operator to value"."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValidationError(scope, f"'{keyword}' must be a dict of condition operators to "
                                     f"{{'context:key': value}} dicts, got {describe(value)}")
    out: dict[str, dict[str, Any]] = {}
    for operator, block in value.items():
        out[check_operator(scope, keyword, operator)] = check_condition_block(scope, f"{keyword}[{operator!r}]", block)
    return out


def check_operator(scope: Any, keyword: str, operator: Any) -> str:
    """A condition operator (``StringEquals``, ``ForAnyValue:StringLike``, ...): a non-empty string."""
    return check_str(scope, f"{keyword} key", operator, min_length=1, required=True)  # type: ignore[return-value]


def check_condition_block(scope: Any, keyword: str, block: Any) -> dict[str, Any]:
    """One operator's ``{"context:key": value}`` map (AWS CDK ``validateConditionObject``)."""
    if not isinstance(block, dict):
        raise ValidationError(scope, f"'{keyword}': A Condition should be represented as a map of operator to "
                                     f"value, got {describe(block)}")
    checked: dict[str, Any] = {}
    for key, entry in block.items():
        key = check_str(scope, f"{keyword} key", key, min_length=1, required=True)
        checked[key] = _condition_value(scope, f"{keyword}[{key!r}]", entry)  # type: ignore[index]
    return checked


def check_max_session_duration(scope: Any, keyword: str, value: Any) -> int | None:
    """AWS CDK ``validateMaxSessionDuration`` (IAM ``CreateRole``): 3600 to 43200 seconds."""
    from .._convert import seconds_of

    duration = check_duration(scope, keyword, value)
    if duration is None:
        return None
    seconds = seconds_of(scope, duration)
    if is_unresolved(seconds):
        return seconds
    if not 3600 <= seconds <= 43200:
        raise ValidationError(scope, f"maxSessionDuration is set to {int(seconds)}, but must be >= 3600sec (1hr) "
                                     "and <= 43200sec (12hrs)")
    return int(seconds)
