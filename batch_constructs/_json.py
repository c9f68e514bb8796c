"""Canonical JSON for the JSON-string attributes (``container_properties``, ``node_properties``).

Sorted keys, compact separators, no ``None``, no empty lists or objects (AWS drops them and
the provider would show a perpetual diff), literal ``${``/``%{`` escaped for Terraform while
cdktf token placeholders are kept.
"""
from __future__ import annotations

import json
from typing import Any

from ._tokens import escape_template


def prune(value: Any) -> Any:
    """Drop ``None`` and empty containers, recursively."""
    if isinstance(value, dict):
        out = {k: prune(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v is not None and v != {} and v != []}
    if isinstance(value, (list, tuple)):
        items = [prune(v) for v in value]
        return [v for v in items if v is not None and v != {}]
    return value


def escape_strings(value: Any) -> Any:
    """Escape Terraform template syntax in every string of ``value``."""
    if isinstance(value, str):
        return escape_template(value)
    if isinstance(value, dict):
        return {escape_template(k): escape_strings(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [escape_strings(v) for v in value]
    return value


def canonical_json(value: dict[str, Any]) -> str:
    return json.dumps(escape_strings(prune(value)), sort_keys=True, separators=(",", ":"))
