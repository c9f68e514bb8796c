"""The proof: whether HCL text configures the same thing as the JSON stack document.

:func:`semantic_diff` reads the HCL with ``hcl2.loads`` and compares it with the JSON document
value by value. The HCL side finds blocks by python-hcl2's ``__is_block__`` marker, never by the
schema; the JSON side reads the document with the same table of block kinds and attribute roles
(:mod:`.blocks`) the renderer writes from.
"""
from __future__ import annotations

import re
from fractions import Fraction
from typing import Any, Iterable, Mapping

from .blocks import (COMMENT, GENERIC, IGNORE_CHANGES, IS_BLOCK, KINDS, LITERAL, REF, REF_MAP, REFS, TYPE, Body,
                     Obj, as_list, blocks_of, nested_blocks_of)
from .schema import ProviderSchema
from .template import _json_document, _single_interpolation, _unescape_literal, escape_template_source, split_template

__all__ = ["semantic_diff"]


def _norm_expr(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _canon_source(source: str, json_ok: bool = True) -> Any:
    """Canonical form of a template source string."""
    inner = _single_interpolation(source)
    if inner is not None:
        return ("expr", _norm_expr(inner))
    if json_ok:
        document = _json_document(source)
        if document is not None:
            return ("json", _canon_json(document))
    return ("str", source)


def _canon_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {"obj": {k: _canon_json(v) for k, v in value.items()}}
    if isinstance(value, list):
        return [_canon_json(v) for v in value]
    if isinstance(value, str):
        inner = _single_interpolation(value)
        if inner is not None:
            return ("expr", _norm_expr(inner))
        return ("str", value)
    return _canon_scalar(value)


def _canon_scalar(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return ("num", Fraction(str(value)))
    raise TypeError(value)


def _canon_json_syntax(value: Any, *, literal: bool = False) -> Any:
    """A value of the JSON document."""
    if isinstance(value, str):
        return ("str", escape_template_source(value)) if literal else _canon_source(value)
    if isinstance(value, list):
        return [_canon_json_syntax(v, literal=literal) for v in value]
    if isinstance(value, dict):
        return {"obj": {k: _canon_json_syntax(v, literal=literal) for k, v in value.items()}}
    return _canon_scalar(value)


def _hcl_source(text: str) -> str:
    """hcl2 v8 quoted string form → template source."""
    inner = text[1:-1]
    return "".join(_unescape_literal(t) if kind == "lit" else t for kind, t in split_template(inner))


def _unwrap_call(expr: str, name: str) -> str | None:
    expr = expr.strip()
    if expr.startswith(name + "(") and expr.endswith(")"):
        return expr[len(name) + 1:-1]
    return None


def _canon_hcl(value: Any, *, in_json: bool = False) -> Any:
    """A value of ``hcl2.loads`` output."""
    if isinstance(value, str):
        if len(value) >= 2 and value.startswith('"') and value.endswith('"'):
            source = _hcl_source(value)
            return _canon_json(source) if in_json else _canon_source(source)
        if value.startswith("${") and value.endswith("}"):
            expr = value[2:-1]
            inner = _unwrap_call(expr, "jsonencode")
            if inner is not None and not in_json:
                import hcl2
                parsed = hcl2.loads("v = " + inner)["v"]
                return ("json", _canon_hcl(parsed, in_json=True))
            if in_json:
                string = _unwrap_call(expr, "tostring")
                if string is not None:
                    expr = string
            return ("expr", _norm_expr(expr))
        return ("expr", _norm_expr(value))
    if isinstance(value, list):
        return [_canon_hcl(v, in_json=in_json) for v in value]
    if isinstance(value, dict):
        return {"obj": {_hcl_key_text(k): _canon_hcl(v, in_json=in_json) for k, v in value.items()
                        if k not in ("__comments__", "__inline_comments__")}}
    return _canon_scalar(value)


def _hcl_key_text(key: str) -> str:
    """An object key as template source (like the JSON document's keys)."""
    if key.startswith('"') and key.endswith('"'):
        return _hcl_source(key)
    return key


def _hcl_label(key: str) -> str:
    """A block label (written with ``$${`` escapes) as the literal text of the JSON document."""
    return _hcl_key_text(key).replace("$${", "${").replace("%%{", "%{")


def _ref_canon(text: Any) -> Any:
    return ("expr", _norm_expr(_single_interpolation(text) or text))


def _canon_attribute(item: Any, role: Any) -> Any:
    """An attribute of the JSON document, canonical as its role (:mod:`.blocks`) says."""
    if role is LITERAL:
        return _canon_json_syntax(item, literal=True)
    if role is REF:
        return _ref_canon(item)
    if role is IGNORE_CHANGES and item == "all":
        return ("expr", "all")
    if role is REFS or role is IGNORE_CHANGES:
        return [_ref_canon(v) for v in as_list(item)]
    if role is REF_MAP:
        return {"obj": {k: _ref_canon(v) for k, v in item.items()}}
    if role is TYPE:
        return ("expr", _norm_expr(item))
    if isinstance(role, Obj):
        if not isinstance(item, Mapping):
            return _canon_attribute(item, role.default)
        return {"obj": {k: _canon_attribute(v, role.keys.get(k, role.default)) for k, v in item.items()}}
    return _canon_json_syntax(item)          # VALUE, TEMPLATE


def _json_body(obj: Mapping[str, Any], spec: Body, shape: Mapping[str, Any] | None) -> dict[str, Any]:
    """The model of a block body of the JSON document: ``{"a": attributes, "b": blocks}``."""
    attrs: dict[str, Any] = {}
    blocks: dict[str, list[Any]] = {}
    for key, item in obj.items():
        if key == COMMENT:
            continue
        what, nested, nested_shape = spec.classify(key, shape)
        if what == "attribute":
            attrs[key] = _canon_attribute(item, spec.role(key))
            continue
        entries = [{"label": tuple(labels), **_json_body(body, nested.body, nested_shape)} if labels
                   else _json_body(body, nested.body, nested_shape)
                   for labels, body in nested_blocks_of(item, nested.labels)]
        if entries:
            blocks.setdefault(key, []).extend(entries)
    return {"a": attrs, "b": blocks}


def _hcl_body(obj: Mapping[str, Any]) -> dict[str, Any]:
    attrs: dict[str, Any] = {}
    blocks: dict[str, list[Any]] = {}
    for key, item in obj.items():
        if key in (IS_BLOCK, "__comments__", "__inline_comments__"):
            continue
        if isinstance(item, list) and item and all(isinstance(b, dict) for b in item) \
                and any(_has_block_marker(b) for b in item):
            for entry in item:
                labels: list[str] = []
                body = entry
                while not body.get(IS_BLOCK):
                    ((label, body),) = [(k, v) for k, v in body.items() if k not in ("__comments__",)]
                    labels.append(_hcl_label(label))
                model = _hcl_body(body)
                if labels:
                    model = {"label": tuple(labels), **model}
                blocks.setdefault(key, []).append(model)
        else:
            attrs[key] = _canon_hcl(item)
    return {"a": attrs, "b": blocks}


def _has_block_marker(obj: Mapping[str, Any]) -> bool:
    if obj.get(IS_BLOCK):
        return True
    return any(isinstance(v, dict) and _has_block_marker(v) for v in obj.values())


def _json_model(doc: Mapping[str, Any], schema: ProviderSchema) -> dict[tuple[str, ...], Any]:
    model: dict[tuple[str, ...], Any] = {}
    for name, section in doc.items():
        if name == COMMENT:
            continue
        kind = KINDS.get(name, GENERIC)
        if kind.identity == "merged":
            merged: dict[str, Any] = {}
            for _, body in blocks_of(section, kind.labels):
                merged.update({k: v for k, v in body.items() if k != COMMENT})
            model[(name,)] = _json_body(merged, kind.body, None)
            continue
        for i, (labels, body) in enumerate(blocks_of(section, kind.labels)):
            m = _json_body(body, kind.body, kind.shape(schema, labels, body))
            if kind.identity == "single":
                model[(name,)] = m
            elif kind.identity == "alias":
                model[(name, labels[0], body.get("alias") or "")] = m
            elif kind.identity == "index":
                model[(name, str(i))] = m
            else:
                model[(name, *labels)] = m
    return model


def _hcl_model(parsed: Mapping[str, Any]) -> dict[tuple[str, ...], Any]:
    model: dict[tuple[str, ...], Any] = {}
    counters: dict[str, int] = {}
    for name, entries in parsed.items():
        if name in (IS_BLOCK, "__comments__", "__inline_comments__"):
            continue
        identity = KINDS.get(name, GENERIC).identity
        for entry in entries:
            labels: list[str] = []
            body = entry
            while not body.get(IS_BLOCK):
                ((label, body),) = [(k, v) for k, v in body.items() if k not in ("__comments__",)]
                labels.append(_hcl_label(label))
            m = _hcl_body(body)
            if identity == "single":
                model[(name,)] = m
            elif identity == "alias":
                alias = m["a"].get("alias")
                model[(name, labels[0], alias[1] if alias else "")] = m
            elif identity == "merged":
                existing = model.setdefault((name,), {"a": {}, "b": {}})
                existing["a"].update(m["a"])
            elif labels:
                model[(name, *labels)] = m
            else:
                counters[name] = counters.get(name, 0) + 1
                model[(name, str(counters[name] - 1))] = m
    return model


def _diff(path: str, left: Any, right: Any, out: list[str]) -> None:
    if isinstance(left, dict) and isinstance(right, dict):
        for key in sorted(set(left) | set(right), key=str):
            if key not in left:
                out.append(f"{path}.{key}: only in HCL: {right[key]!r}"[:400])
            elif key not in right:
                out.append(f"{path}.{key}: only in JSON: {left[key]!r}"[:400])
            else:
                _diff(f"{path}.{key}", left[key], right[key], out)
    elif isinstance(left, list) and isinstance(right, list) and len(left) == len(right):
        for i, (a, b) in enumerate(zip(left, right)):
            _diff(f"{path}[{i}]", a, b, out)
    elif left != right:
        out.append(f"{path}: JSON {left!r} != HCL {right!r}"[:400])


def _drop_empty(model: dict[tuple[str, ...], Any]) -> dict[tuple[str, ...], Any]:
    """JSON ``"x": []`` on a block type is zero blocks, like an absent key."""
    def clean(body: Any) -> Any:
        if isinstance(body, dict) and "a" in body and "b" in body:
            return {**body, "b": {k: [clean(b) for b in v] for k, v in body["b"].items() if v}}
        return body
    return {k: clean(v) for k, v in model.items()}


def semantic_diff(doc: Mapping[str, Any], hcl_text: str | Iterable[str], schema: ProviderSchema) -> list[str]:
    """Differences between the JSON stack ``doc`` and HCL text (one text or several files), parsed
    with ``hcl2.loads``. Empty when they configure the same thing: same blocks and labels, same
    attribute values (``"${x}"`` ≡ ``x``, a JSON string ≡ ``jsonencode`` of the same document,
    ``tostring(x)`` ≡ ``"${x}"`` inside it, numbers by value)."""
    import hcl2

    texts = [hcl_text] if isinstance(hcl_text, str) else list(hcl_text)
    right: dict[tuple[str, ...], Any] = {}
    for text in texts:
        parsed = _hcl_model(hcl2.loads(text))
        for key, value in parsed.items():
            if key == ("locals",) and key in right:
                right[key]["a"].update(value["a"])
            else:
                right[key] = value
    left = _drop_empty(_json_model(doc, schema))
    out: list[str] = []
    _diff("", {" ".join(k): v for k, v in left.items()}, {" ".join(k): v for k, v in right.items()}, out)
    return out
