"""Template strings: scanning ``${...}``/``%{...}`` sequences, escaping and quoting.

A string of the JSON syntax is template source: ``"${aws_x.y.id}"`` (a single interpolation) is
the expression ``aws_x.y.id``, ``$${``/``%%{`` are escapes that stay literal. The same helpers
read it back on the HCL side (:mod:`batch_constructs.hcl.diff`).
"""
from __future__ import annotations

import json
from typing import Any

from .base import HclError

__all__ = ["split_template", "escape_template_source"]

def _scan_string(text: str, i: int) -> int:
    """``text[i-1]`` opened a quoted string inside an expression; index after its closing quote."""
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == '"':
            return i + 1
        if text.startswith("$${", i) or text.startswith("%%{", i):
            i += 3
            continue
        if text.startswith("${", i) or text.startswith("%{", i):
            i = _scan_expr(text, i + 2)
            continue
        i += 1
    raise HclError(f"unterminated string in template {text!r}")


def _scan_expr(text: str, i: int) -> int:
    """``text[i-2:i]`` opened ``${``/``%{``: index after the matching ``}``."""
    depth = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == '"':
            i = _scan_string(text, i + 1)
            continue
        if c in "{[(":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == "}":
            if depth == 0:
                return i + 1
            depth -= 1
        i += 1
    raise HclError(f"unterminated interpolation in template {text!r}")


def split_template(text: str) -> list[tuple[str, str]]:
    """Split template source into ``("lit", ...)``, ``("interp", "${...}")`` and
    ``("directive", "%{...}")`` parts. ``$${`` and ``%%{`` stay in literal parts."""
    parts: list[tuple[str, str]] = []
    literal: list[str] = []
    i, n = 0, len(text)
    while i < n:
        if text.startswith("$${", i) or text.startswith("%%{", i):
            literal.append(text[i:i + 3])
            i += 3
            continue
        if text.startswith("${", i) or text.startswith("%{", i):
            end = _scan_expr(text, i + 2)
            if literal:
                parts.append(("lit", "".join(literal)))
                literal = []
            parts.append(("interp" if text[i] == "$" else "directive", text[i:end]))
            i = end
            continue
        literal.append(text[i])
        i += 1
    if literal:
        parts.append(("lit", "".join(literal)))
    return parts


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_literal(text: str) -> str:
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ch in "\u2028\u2029":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)


def _unescape_literal(text: str) -> str:
    out, i, n = [], 0, len(text)
    simple = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n:
            m = text[i + 1]
            if m in simple:
                out.append(simple[m])
                i += 2
                continue
            if m in "uU":
                width = 4 if m == "u" else 8
                out.append(chr(int(text[i + 2:i + 2 + width], 16)))
                i += 2 + width
                continue
        out.append(c)
        i += 1
    return "".join(out)


def escape_template_source(text: str) -> str:
    """A literal string as template source: ``${`` → ``$${``, ``%{`` → ``%%{``."""
    return text.replace("${", "$${").replace("%{", "%%{")


def _quoted(source: str) -> str:
    """Template source → the v8 dict form of an HCL quoted string (``'"..."'``)."""
    return '"' + "".join(_escape_literal(t) if kind == "lit" else t for kind, t in split_template(source)) + '"'


def _single_interpolation(source: str) -> str | None:
    parts = split_template(source)
    if len(parts) == 1 and parts[0][0] == "interp" and not parts[0][1].startswith("${~") \
            and not parts[0][1].endswith("~}"):
        return parts[0][1][2:-1].strip()
    return None


def _json_document(source: str) -> Any:
    """The decoded JSON document in a template string (objects/arrays only), else ``None``."""
    stripped = source.strip()
    if not stripped or stripped[0] not in "{[":
        return None
    try:
        value = json.loads(source)
    except ValueError:
        return None
    return value if isinstance(value, (dict, list)) and value else None
