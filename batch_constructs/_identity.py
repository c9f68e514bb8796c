"""One construct's identity across jsii proxies (pure Python)."""
from __future__ import annotations

from typing import Any

__all__ = ["construct_key", "node_id", "node_path", "remember_scope_keys", "scope_keys"]

#: construct key → the keys of its scopes, root first, itself last (``node.scopes``: a round trip)
_SCOPE_KEYS: dict[Any, tuple[Any, ...]] = {}


def construct_key(construct: Any) -> Any:
    """A stable identity for a construct. jsii may hand out a new Python proxy for an object
    created on the JavaScript side (``Testing.app()``, ``node.root``), so attributes set on a
    proxy can vanish; the jsii object reference does not."""
    ref = getattr(construct, "__jsii_ref__", None)
    return getattr(ref, "ref", None) or id(construct)


def node_path(construct: Any) -> str:
    """``construct.node.path``, remembered for this library's constructs (a round trip otherwise)."""
    path = getattr(construct, "_bc_path", None)
    return path if path is not None else construct.node.path


def node_id(construct: Any) -> str:
    """``construct.node.id``, remembered for this library's constructs (a round trip otherwise)."""
    id = getattr(construct, "_bc_id", None)
    return id if id is not None else construct.node.id


def scope_keys(construct: Any) -> tuple[Any, ...]:
    """The keys of ``construct.node.scopes`` (root first, ``construct`` last), asked of the tree once:
    a construct never moves."""
    key = construct_key(construct)
    keys = _SCOPE_KEYS.get(key)
    if keys is None:
        keys = _SCOPE_KEYS[key] = tuple(construct_key(scope) for scope in construct.node.scopes)
    return keys


def remember_scope_keys(construct: Any, scope: Any) -> None:
    """``construct`` was just made in ``scope``: its scopes are ``scope``'s and itself."""
    _SCOPE_KEYS[construct_key(construct)] = scope_keys(scope) + (construct_key(construct),)
