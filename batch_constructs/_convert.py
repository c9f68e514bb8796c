"""Conversions that raise the library's ValidationError (AWS CDK's messages), token-aware."""
from __future__ import annotations

from typing import Any

from ._errors import ValidationError
from ._tokens import is_unresolved
from .core import Duration


def seconds_of(scope: Any, duration: Duration) -> Any:
    """``duration`` in whole seconds; a token amount passes through unchecked (only as
    ``Duration.seconds(token)``: C04 otherwise); a lossy conversion raises C01/C03."""
    if is_unresolved(duration.amount):
        if duration.unit != "seconds":
            raise ValidationError(scope, "Duration must be specified as 'Duration.seconds()' here since its "
                                         f"value comes from a token and cannot be converted (got Duration.{duration.unit})")
        return duration.amount
    try:
        return duration.to_seconds()
    except ValueError as error:
        raise ValidationError(scope, str(error)) from None
