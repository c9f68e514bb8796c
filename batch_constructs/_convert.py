"""Conversions that raise the library's ValidationError (AWS CDK's messages), token-aware.

Every ``Duration``/``Size`` conversion of the job-definition and container constructs lives here,
so that a lossy conversion names the construct (``scope``) that asked for it.
"""
from __future__ import annotations

from typing import Any

from ._check import check_duration, check_size
from ._errors import ValidationError
from ._tokens import is_unresolved
from .core import Duration


def seconds_of(scope: Any, duration: Duration) -> Any:
    """``duration`` in whole seconds; a token amount passes through unchecked (only as
    ``Duration.seconds(token)``: C04 otherwise); a lossy conversion raises C01/C03.
    ``Duration.to_seconds`` does the work; this names the construct that asked."""
    try:
        return duration.to_seconds()
    except ValidationError as error:
        raise ValidationError(scope, error.message) from None


def duration_seconds(scope: Any, keyword: str, value: Any, *, required: bool = False) -> Any:
    """Check that ``value`` is a ``Duration`` (never a plain number), then :func:`seconds_of`."""
    duration = check_duration(scope, keyword, value, required=required)
    return None if duration is None else seconds_of(scope, duration)


def _size_in(scope: Any, keyword: str, size: Any, unit: str, tokens: bool, required: bool) -> Any:
    size = check_size(scope, keyword, size, required=required)
    if size is None:
        return None
    token = is_unresolved(size.amount)
    if token and not tokens:
        raise ValidationError(scope, f"'{keyword}' cannot come from a token (got {size!r}): AWS Batch needs "
                                     "its value in the job definition's JSON")
    try:
        value = getattr(size, f"to_{unit}")()  # token-aware: only Size.<unit>(token) converts
    except ValidationError as error:  # C01 (not a whole number of ``unit``) or C04 (a token)
        raise ValidationError(scope, (f"'{keyword}': " if token else "") + error.message) from None
    return value if token else int(value)


def mebibytes_of(scope: Any, keyword: str, size: Any, *, tokens: bool = False, required: bool = False) -> Any:
    """``size`` (checked to be a ``Size``) in whole MiB, or ``None``. A token amount passes only
    with ``tokens=True`` and only as ``Size.mebibytes(token)``."""
    return _size_in(scope, keyword, size, "mebibytes", tokens, required)


def gibibytes_of(scope: Any, keyword: str, size: Any, *, tokens: bool = False, required: bool = False) -> Any:
    """``size`` (checked to be a ``Size``) in whole GiB, or ``None`` (see :func:`mebibytes_of`)."""
    return _size_in(scope, keyword, size, "gibibytes", tokens, required)


def token_string(value: Any) -> str:
    """A number (or number token) as a string for a string-typed field (``"2048"``, ``"${var.x}"``)."""
    from ._tokens import format_number
    if is_unresolved(value):
        from ._core import cdk
        Token = cdk().Token
        return Token.as_string(value)
    return format_number(value)
