"""Names: the one home of the Batch name rule (L09), generated names and names taken from ARNs.

Pure Python: ``arn_resource_name`` uses cdktf's ``Fn`` only for token ARNs (imported there).
"""
from __future__ import annotations

import hashlib
import re
from typing import Any

from ._check import check_str
from ._errors import ValidationError
from ._tokens import is_unresolved
from ._identity import node_path

__all__ = ["NAME_PATTERN", "arn_resource_name", "check_name", "generated_name", "path_hash"]

#: A compute environment, job queue, job definition or scheduling policy name (L09).
NAME_PATTERN = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_-]{0,127}$")
#: Runs of characters a generated name cannot hold (replaced by ``-``).
_NAME_CHARS = re.compile(r"[^0-9A-Za-z_-]+")


def check_name(scope: Any, prop: str, value: str | None) -> None:
    """L09: Batch names are 1-128 letters, digits, hyphens or underscores."""
    if check_str(scope, prop, value) is None or is_unresolved(value):
        return
    if not NAME_PATTERN.match(value):
        raise ValidationError(scope, f"'{prop}' value '{value}' must be 1-128 letters, digits, hyphens "
                                     "or underscores, starting with a letter or digit")


def arn_resource_name(arn: str) -> str:
    """``arn:...:compute-environment/name`` → ``name`` (Terraform functions for token ARNs)."""
    if is_unresolved(arn):
        from ._core import cdk
        core = cdk()
        Fn, Token = core.Fn, core.Token
        return Token.as_string(Fn.element(Fn.split("/", arn), 1))
    return arn.split("/", 1)[1] if "/" in arn else arn


def path_hash(*parts: str, length: int = 8) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:length].upper()


def generated_name(construct: Any, *, max_length: int = 128, seed: str = "") -> str:
    """A deterministic, unique name from the construct path: ``<path>-<hash>``.

    Matches ``^[0-9A-Za-z][0-9A-Za-z_-]{0,max_length-1}$``.
    """
    path = node_path(construct)
    suffix = "-" + path_hash(path, seed)
    readable = _NAME_CHARS.sub("-", path.replace("/", "-")).strip("-_") or "batch"
    if not readable[0].isalnum():
        readable = "b" + readable
    return readable[: max_length - len(suffix)].rstrip("-_") + suffix
