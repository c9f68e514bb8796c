"""One construct's identity across jsii proxies (pure Python)."""
from __future__ import annotations

from typing import Any

__all__ = ["construct_key"]


def construct_key(construct: Any) -> Any:
    """A stable identity for a construct. jsii may hand out a new Python proxy for an object
    created on the JavaScript side (``Testing.app()``, ``node.root``), so attributes set on a
    proxy can vanish; the jsii object reference does not."""
    ref = getattr(construct, "__jsii_ref__", None)
    return getattr(ref, "ref", None) or id(construct)
