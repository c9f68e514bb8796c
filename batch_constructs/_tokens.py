"""Pure-Python recognition of CDKTF tokens (no jsii needed).

CDKTF encodes unresolved strings as ``${TfToken[TOKEN.n]}`` and unresolved numbers as huge
negative doubles; list tokens are lists holding one ``#{TfToken[TOKEN.n]}`` string, map tokens
use ``&{TfToken[``.
"""
from __future__ import annotations

import math
import re
from typing import Any

#: cdktf's markers of an encoded string, list element and map token
_MARKERS = ("${TfToken[", "#{TfToken[", "&{TfToken[")
_STRING_TOKEN = re.compile(r"\$\{TfToken\[[^\]]+\]\}")
# cdktf's number tokens are doubles around -1.888e289; no configuration value comes close.
_NUMBER_TOKEN_LIMIT = -1e280


def is_unresolved(value: Any) -> bool:
    """True when ``value`` is (or contains, for strings and lists) an unresolved token."""
    if isinstance(value, bool):
        return False
    if isinstance(value, str):
        return any(marker in value for marker in _MARKERS)
    if isinstance(value, (int, float)):
        return -math.inf < value < _NUMBER_TOKEN_LIMIT
    if isinstance(value, (list, tuple)):
        return any(is_unresolved(v) for v in value)
    return False


def escape_template(text: str) -> str:
    """Escape literal Terraform template syntax in ``text`` while keeping cdktf tokens.

    Terraform treats every JSON string as a template: a literal ``${`` becomes ``$${`` and a
    literal ``%{`` becomes ``%%{``. Token placeholders (``${TfToken[...]}``) are left alone so
    that cdktf still resolves them.
    """
    if "${" not in text and "%{" not in text:
        return text
    return _outside_tokens(text, lambda plain: plain.replace("${", "$${").replace("%{", "%%{"))


def unescape_template(text: str) -> str:
    """The inverse of :func:`escape_template`: ``$${``/``%%{`` back to ``${``/``%{`` outside tokens."""
    if "$${" not in text and "%%{" not in text:
        return text
    return _outside_tokens(text, lambda plain: plain.replace("$${", "${").replace("%%{", "%{"))


def _outside_tokens(text: str, change: Any) -> str:
    """``text`` with ``change`` applied to the parts between cdktf string tokens."""
    out: list[str] = []
    pos = 0
    for match in _STRING_TOKEN.finditer(text):
        out.append(change(text[pos:match.start()]))
        out.append(match.group(0))
        pos = match.end()
    out.append(change(text[pos:]))
    return "".join(out)


def format_number(value: float | int) -> str:
    """Format a number as JavaScript would (``1``, ``0.25``, never ``1.0``)."""
    if isinstance(value, bool):
        raise TypeError("expected a number")
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return repr(float(value))
