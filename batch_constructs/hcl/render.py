"""The JSON syntax of a stack as a python-hcl2 v8 dict (the input of ``hcl2.dumps``).

How values are written:

* ``"${aws_x.y.id}"`` (a string that is a single interpolation) becomes the expression
  ``aws_x.y.id``; other strings stay quoted templates (``$${``/``%%{`` escapes kept).
* meta-arguments become references: ``depends_on = [aws_x.y]``, ``provider = aws.west``,
  ``lifecycle { ignore_changes = [tags] }``; ``variable`` types become type expressions.
* a JSON-string attribute (``container_properties``, IAM policies, ...) becomes
  ``jsonencode({...})`` when Terraform's ``jsonencode`` reproduces the string exactly (sorted
  keys, compact) or when the attribute is one the provider compares as JSON (``*policy*``,
  ``container_properties``, ``node_properties``, ``ecs_properties``); otherwise it stays a
  quoted string. Interpolations inside become ``tostring(...)`` unless the schema says the
  referenced attribute is a string, so the JSON keeps its string type.

Which key is a block and which an attribute, and the role of each attribute, come from the
table of :mod:`.blocks` (with the provider schema for resource, data source and provider bodies),
the same table :mod:`.diff` reads.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from .base import HclError, is_identifier
from .blocks import (COMMENT, FILES, IGNORE_CHANGES, IS_BLOCK, KINDS, KNOWN_TOP, LITERAL, REF, REF_MAP, REFS,
                     TEMPLATE, TYPE, VALUE, Body, Nested, Obj, as_list, blocks_of, nested_blocks_of)
from .schema import ProviderSchema
from .template import _json_document, _quoted, _single_interpolation, escape_template_source

__all__ = ["to_hcl2_dict"]

_HCL_KEYWORDS = {"true", "false", "null", "for", "in", "if", "endif", "endfor", "else"}
# Attributes the AWS provider compares as JSON documents (so key order and spacing don't matter).
_JSON_SEMANTIC = re.compile(r"(policy|^container_properties$|^node_properties$|^ecs_properties$)")


def _tf_jsonencode(value: Any) -> str | None:
    """What Terraform's ``jsonencode`` writes for ``value`` (``None`` if unsure, e.g. exponents)."""
    def number_ok(v: Any) -> bool:
        return isinstance(v, bool) or isinstance(v, int) or (isinstance(v, float) and "e" not in repr(v)
                                                              and "inf" not in repr(v) and "nan" not in repr(v))

    def walk(v: Any) -> bool:
        if isinstance(v, dict):
            return all(walk(x) for x in v.values())
        if isinstance(v, list):
            return all(walk(x) for x in v)
        if isinstance(v, (int, float)):
            return number_ok(v) and not (isinstance(v, float) and v.is_integer())
        return True

    if not walk(value):
        return None
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


@dataclass
class _Ctx:
    schema: ProviderSchema
    variables: Mapping[str, Any]

    def string_typed(self, expr: str) -> bool:
        """Whether ``expr`` is a reference the schema types as a string."""
        parts = expr.split(".")
        if not all(is_identifier(p) for p in parts):
            return False
        try:
            if parts[0] == "var" and len(parts) == 2:
                return (self.variables.get(parts[1]) or {}).get("type") == "string"
            if parts[0] == "data" and len(parts) == 4:
                return parts[3] in self.schema.shape("data", parts[1]).get("s", ())
            if len(parts) == 3 and "_" in parts[0]:
                return parts[2] in self.schema.shape("resource", parts[0]).get("s", ())
        except HclError:
            return False
        return False


def _hcl_key(key: str) -> str:
    if is_identifier(key) and key not in _HCL_KEYWORDS and "-" not in key:
        return key
    return _quoted(key)   # object keys are templates in both syntaxes


def _expr_text(value: Any, ctx: _Ctx, in_json: bool) -> str:
    """A value as HCL expression source (used inside ``jsonencode(...)``)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if not value.is_integer() else str(int(value))
    if isinstance(value, str):
        inner = _single_interpolation(value)
        if inner is not None and in_json:
            return inner if ctx.string_typed(inner) else f"tostring({inner})"
        return _quoted(value)
    if isinstance(value, list):
        return "[" + ", ".join(_expr_text(v, ctx, in_json) for v in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{" + ", ".join(f"{_hcl_key(k)} = {_expr_text(v, ctx, in_json)}" for k, v in value.items()) + "}"
    raise HclError(f"cannot render {type(value).__name__} value {value!r}")


def _value(value: Any, ctx: _Ctx, *, key: str | None = None, literal: bool = False) -> Any:
    """A JSON-syntax value as a v8 dict value. ``literal``: strings are not templates."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        if literal:
            return _quoted(escape_template_source(value))
        document = _json_document(value) if key is not None else None
        if document is not None:
            exact = _tf_jsonencode(document) == value
            if exact or _JSON_SEMANTIC.search(key or ""):
                return "${jsonencode(" + _expr_text(document, ctx, True) + ")}"
        inner = _single_interpolation(value)
        if inner is not None:
            return "${" + inner + "}"
        return _quoted(value)
    if isinstance(value, list):
        return [_value(v, ctx, literal=literal) for v in value]
    if isinstance(value, dict):
        return {_hcl_key(k) if not literal else _quoted(escape_template_source(k)) if not is_identifier(k) else k:
                _value(v, ctx, literal=literal) for k, v in value.items()}
    raise HclError(f"cannot render {type(value).__name__} value {value!r}")


def _reference(text: Any) -> str:
    """A meta-argument reference given as a JSON string (``aws_x.y`` or ``${aws_x.y}``)."""
    if not isinstance(text, str):
        raise HclError(f"expected a reference string, got {text!r}")
    inner = _single_interpolation(text)
    return "${" + (inner if inner is not None else text) + "}"


def _block(body: dict[str, Any]) -> dict[str, Any]:
    return {**body, IS_BLOCK: True}


def _labelled(labels: list[str], body: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = _block(body)
    for label in reversed(labels):
        out = {_quoted(escape_template_source(label)): out}
    return out


def _attribute(key: str, item: Any, role: Any, ctx: _Ctx) -> Any:
    """An attribute value written as its role (:mod:`.blocks`) says."""
    if role is VALUE:
        return _value(item, ctx, key=key)
    if role is TEMPLATE:
        return _value(item, ctx)
    if role is LITERAL:
        return _value(item, ctx, literal=True)
    if role is REF:
        return _reference(item)
    if role is IGNORE_CHANGES and item == "all":
        return "${all}"
    if role is REFS or role is IGNORE_CHANGES:
        return [_reference(v) for v in as_list(item)]
    if role is REF_MAP:
        return {k: _reference(v) for k, v in item.items()}
    if role is TYPE:
        return "${" + item + "}"
    if isinstance(role, Obj):
        if not isinstance(item, Mapping):
            return _attribute(key, item, role.default, ctx)
        return ({k: _attribute(k, v, role.default, ctx) for k, v in item.items() if k not in role.keys}
                | {k: _attribute(k, item[k], r, ctx) for k, r in role.keys.items() if k in item})
    raise HclError(f"unknown attribute role {role!r}")


def _nested(item: Any, nested: Nested, ctx: _Ctx, shape: Mapping[str, Any] | None) -> list[Any]:
    """The blocks of one nested block type (``{label: body}`` once per label)."""
    return [_labelled(labels, _body(body, nested.body, ctx, shape))
            for labels, body in nested_blocks_of(item, nested.labels)]


def _body(obj: Any, spec: Body, ctx: _Ctx, shape: Mapping[str, Any] | None) -> dict[str, Any]:
    """A block body. A schema body is written attributes (JSON order, ``spec.first`` leading),
    then nested blocks, then the ``spec.last`` keys; any other body keeps the JSON order."""
    if not isinstance(obj, Mapping):
        raise HclError(f"expected a block body object, got {obj!r}")
    attrs = {key: _attribute(key, obj[key], spec.role(key), ctx) for key in spec.first if key in obj}
    blocks: dict[str, Any] = {}
    tail: dict[str, Any] = {}
    for key, item in obj.items():
        if key == COMMENT or key in spec.first:
            continue
        what, nested, nested_shape = spec.classify(key, shape)
        target = tail if key in spec.last else blocks if what == "block" and spec.schema else attrs
        if what == "attribute":
            target[key] = _attribute(key, item, spec.role(key), ctx)
        elif nested_shape is None:          # a fixed nested block type: written even when empty
            target[key] = _nested(item, nested, ctx, None)
        else:                               # a schema block type: an empty list is no block
            entries = _nested(item, nested, ctx, nested_shape)
            if entries:
                target[key] = entries
    return {**attrs, **blocks, **tail}


def to_hcl2_dict(doc: Mapping[str, Any], schema: ProviderSchema, *,
                 kinds: Iterable[str] | None = None) -> dict[str, Any]:
    """The stack document as a python-hcl2 v8 dict (the input of ``hcl2.dumps``).

    ``kinds`` limits the output to some top-level block types (``"resource"``, ``"output"``...).
    Raises :class:`HclError` for top-level keys it does not know.
    """
    unknown = sorted(set(doc) - KNOWN_TOP)
    if unknown:
        raise HclError(f"cannot render top-level key(s) {', '.join(map(repr, unknown))} as HCL")
    wanted = list(kinds) if kinds is not None else [k for ks in FILES.values() for k in ks]
    ctx = _Ctx(schema, doc.get("variable") or {})
    out: dict[str, Any] = {}
    for name in wanted:
        if name not in doc:
            continue
        kind = KINDS.get(name)
        if kind is None or not kind.supported:
            raise HclError(f"rendering {name!r} blocks as HCL is not supported")
        bodies = [(labels, _body(body, kind.body, ctx, kind.shape(schema, labels, body)))
                  for labels, body in blocks_of(doc[name], kind.labels)]
        if kind.identity == "merged":
            merged: dict[str, Any] = {}
            for _, body in bodies:
                merged.update(body)
            bodies = [([], merged)]
        out[name] = [_labelled(labels, body) for labels, body in bodies]
    return out
