"""What every part of the HCL package shares: the error type and Terraform identifiers."""
from __future__ import annotations

import re

__all__ = ["HclError", "is_identifier"]

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


class HclError(ValueError):
    """A stack that cannot be rendered as HCL (unknown construct, missing schema, bad syntax)."""


def is_identifier(name: str) -> bool:
    """A valid Terraform identifier (variable, output, local, block label name)."""
    return isinstance(name, str) and bool(_IDENTIFIER.match(name))
