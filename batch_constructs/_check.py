"""Type and range checks at the public boundary: the one home of every keyword check.

Every public keyword and value-object factory checks its value here before it reaches jsii
or Terraform. Each helper raises :class:`~batch_constructs.ValidationError` naming the
construct path (``scope``), the keyword, what was expected, what was given and how to fix it,
and returns the normalized value (``None`` stays ``None`` unless ``required=True``).

Pure Python (no jsii): unresolved cdktf tokens pass the type check of the kind they encode
(string tokens for strings, number tokens for numbers, list tokens for lists) and skip the
range checks, since their value is only known to Terraform.

Where a rule comes from is listed in ``docs/validations.md``; the integer limits below are the
Batch API's (``Integer`` members are int32).
"""
from __future__ import annotations

import enum
import math
import re
from typing import Any, Callable, Iterable, TypeVar

from ._errors import ValidationError
from ._tokens import is_unresolved

__all__ = ["INT32_MAX", "check_bool", "check_choice", "check_duration", "check_enum", "check_id", "check_instance",
           "check_int", "check_list", "check_mapping", "check_number", "check_size", "check_str",
           "check_protocol", "check_scope", "check_str_list", "child_path",
           "describe", "value_object"]

#: The Batch API's ``Integer`` is a signed 32-bit integer.
INT32_MAX = 2 ** 31 - 1

E = TypeVar("E", bound=enum.Enum)


def describe(value: Any) -> str:
    """``value`` as a user would recognize it in a message: ``'abc' (str)``, ``nan (float)``."""
    if value is None:
        return "None"
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} ({type(value).__name__})"


def _fail(scope: Any, keyword: str, expected: str, value: Any, fix: str | None = None) -> ValidationError:
    given = describe(value)
    if isinstance(value, str) and len(value) > 60:
        given = f"{value[:40]!r}... ({len(value)} characters)"
    message = f"'{keyword}' must be {expected}, got {given}"
    return ValidationError(scope, message + (f"; {fix}" if fix else ""))


def _missing(scope: Any, keyword: str, expected: str) -> ValidationError:
    return ValidationError(scope, f"'{keyword}' is required: pass {expected}")


def _is_number_token(value: Any) -> bool:
    return isinstance(value, float) and is_unresolved(value)


def check_bool(scope: Any, keyword: str, value: Any, *, required: bool = False) -> bool | None:
    """``True`` or ``False`` (never a truthy string or a number)."""
    if value is None:
        if required:
            raise _missing(scope, keyword, "True or False")
        return None
    if not isinstance(value, bool):
        raise _fail(scope, keyword, "True or False", value)
    return value


def _range(scope: Any, keyword: str, value: Any, kind: str, minimum: float | None,
           maximum: float | None) -> None:
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        if minimum is not None and maximum is not None:
            expected = f"{kind} from {_num(minimum)} to {_num(maximum)}"
        elif minimum is not None:
            expected = f"{kind} of at least {_num(minimum)}"
        else:
            expected = f"{kind} of at most {_num(maximum)}"  # type: ignore[arg-type]
        raise _fail(scope, keyword, expected, value)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def _unchecked_number(scope: Any, keyword: str, value: Any, expected: str, required: bool) -> bool:
    """``None`` (allowed unless ``required``) or a number token: nothing to check."""
    if value is None and required:
        raise _missing(scope, keyword, expected)
    return value is None or _is_number_token(value)


def check_int(scope: Any, keyword: str, value: Any, *, minimum: int | None = None,
              maximum: int | None = INT32_MAX, required: bool = False) -> int | None:
    """A whole number (an ``int``, or a ``float`` with no fraction, or a number token) in range.

    ``bool``, NaN, infinity and fractions are refused; the default maximum is int32's.
    """
    expected = "a whole number"
    if _unchecked_number(scope, keyword, value, expected, required):
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _fail(scope, keyword, expected, value)
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            raise _fail(scope, keyword, expected, value, "AWS takes integers here")
        value = int(value)
    _range(scope, keyword, value, "a whole number", minimum, maximum)
    return value


def check_number(scope: Any, keyword: str, value: Any, *, minimum: float | None = None,
                 maximum: float | None = None, required: bool = False) -> float | int | None:
    """A finite number (``int`` or ``float``, not ``bool``, not NaN or infinity) in range."""
    expected = "a finite number"
    if _unchecked_number(scope, keyword, value, expected, required):
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise _fail(scope, keyword, expected, value)
    _range(scope, keyword, value, "a number", minimum, maximum)
    return value


def check_str(scope: Any, keyword: str, value: Any, *, pattern: str | re.Pattern[str] | None = None,
              min_length: int = 0, max_length: int | None = None, rule: str | None = None,
              required: bool = False) -> str | None:
    """A string (or string token); untokenized strings must match ``pattern`` (described by
    ``rule``) and fit ``min_length``..``max_length``."""
    expected = rule or "a string"
    if value is None:
        if required:
            raise _missing(scope, keyword, expected)
        return None
    if not isinstance(value, str):
        raise _fail(scope, keyword, expected, value)
    if is_unresolved(value):
        return value
    if len(value) < min_length or (max_length is not None and len(value) > max_length):
        bounds = (f"at most {max_length} characters" if min_length <= 0 else
                  f"{min_length} to {max_length} characters" if max_length is not None else
                  f"at least {min_length} characters")
        raise _fail(scope, keyword, f"{expected} of {bounds}" if rule is None else f"{expected} ({bounds})", value)
    if pattern is not None and not re.fullmatch(pattern, value):
        raise _fail(scope, keyword, expected, value)
    return value


def check_list(scope: Any, keyword: str, value: Any, item: Callable[[Any, str, Any], Any] | None = None, *,
               min_items: int = 0, max_items: int | None = None, expected: str = "a list",
               required: bool = False) -> list[Any] | None:
    """A list or tuple (never a plain string, a dict or a set); ``item(scope, 'kw[i]', v)``
    checks and converts each entry."""
    if value is None:
        if required:
            raise _missing(scope, keyword, expected)
        return None
    if isinstance(value, str) and is_unresolved(value):
        return value  # type: ignore[return-value]  # a list token
    if isinstance(value, (str, bytes, dict, set, frozenset)) or not isinstance(value, (list, tuple)):
        fix = f"wrap a single value in a list: [{value!r}]" if isinstance(value, str) else None
        raise _fail(scope, keyword, expected, value, fix)
    if len(value) < min_items or (max_items is not None and len(value) > max_items):
        span = (f"at least {min_items}" if max_items is None else
                f"at most {max_items}" if min_items == 0 else f"{min_items} to {max_items}")
        raise ValidationError(scope, f"'{keyword}' must have {span} entries, got {len(value)}")
    if item is None:
        return list(value)
    return [item(scope, f"{keyword}[{index}]", entry) for index, entry in enumerate(value)]


def check_str_list(scope: Any, keyword: str, value: Any, *, min_items: int = 0, max_items: int | None = None,
                   required: bool = False) -> list[str] | None:
    """A list of strings (a plain string is refused rather than split into characters)."""
    return check_list(scope, keyword, value, lambda s, k, v: check_str(s, k, v, required=True),
                      min_items=min_items, max_items=max_items, expected="a list of strings", required=required)


def check_mapping(scope: Any, keyword: str, value: Any, *, required: bool = False) -> dict[str, str] | None:
    """A ``dict`` of string keys to string values."""
    if value is None:
        if required:
            raise _missing(scope, keyword, "a dict of strings")
        return None
    if not isinstance(value, dict):
        raise _fail(scope, keyword, "a dict of strings to strings", value)
    for key, entry in value.items():
        if not isinstance(key, str):
            raise _fail(scope, f"{keyword} key", "a string", key)
        check_str(scope, f"{keyword}[{key!r}]", entry, required=True)
    return dict(value)


def check_enum(scope: Any, keyword: str, value: Any, enum_cls: type[E], *, required: bool = False) -> E | None:
    """A member of ``enum_cls``; its value (``"ARM64"``) or name is accepted and converted."""
    if value is None:
        if required:
            raise _missing(scope, keyword, f"a {enum_cls.__name__}")
        return None
    if isinstance(value, enum_cls):
        return value
    if isinstance(value, (str, int)) and not isinstance(value, (bool, enum.Enum)):
        for member in enum_cls:
            if value == member.value or value == member.name:
                return member
    allowed = ", ".join(f"{enum_cls.__name__}.{m.name}" for m in enum_cls)
    raise _fail(scope, keyword, f"one of {allowed}", value)


def check_choice(scope: Any, keyword: str, value: Any, choices: Iterable[Any], *, required: bool = False) -> Any:
    """One of ``choices`` (plain values, not an enum)."""
    if value is None:
        if required:
            raise _missing(scope, keyword, "a value")
        return None
    choices = list(choices)
    if isinstance(value, bool) or value not in choices:
        raise _fail(scope, keyword, "one of " + ", ".join(repr(c) for c in choices), value)
    return value


def check_instance(scope: Any, keyword: str, value: Any, types: type | tuple[type, ...], expected: str, *,
                   required: bool = False) -> Any:
    """An instance of ``types`` (described to the user as ``expected``)."""
    if value is None:
        if required:
            raise _missing(scope, keyword, expected)
        return None
    if not isinstance(value, types):
        raise _fail(scope, keyword, expected, value)
    return value


def check_duration(scope: Any, keyword: str, value: Any, *, required: bool = False) -> Any:
    """A ``core.Duration`` (``Duration.minutes(10)``), never a plain number."""
    from .core import Duration

    fix = "use Duration.seconds(n), Duration.minutes(n), ..." if isinstance(value, (int, float)) else None
    if value is not None and not isinstance(value, Duration):
        raise _fail(scope, keyword, "a Duration", value, fix)
    return check_instance(scope, keyword, value, Duration, "a Duration", required=required)


def check_size(scope: Any, keyword: str, value: Any, *, required: bool = False) -> Any:
    """A ``core.Size`` (``Size.gibibytes(2)``), never a plain number."""
    from .core import Size

    fix = "use Size.mebibytes(n), Size.gibibytes(n), ..." if isinstance(value, (int, float)) else None
    if value is not None and not isinstance(value, Size):
        raise _fail(scope, keyword, "a Size", value, fix)
    return check_instance(scope, keyword, value, Size, "a Size", required=required)


def check_id(scope: Any, id: Any) -> str:
    """A construct id: a non-empty string without ``/``."""
    if not isinstance(id, str) or not id:
        raise _fail(scope, "id", "a non-empty string", id)
    if "/" in id:
        raise _fail(scope, "id", "a string without '/'", id, "'/' separates construct paths")
    return id


def check_scope(scope: Any, id: Any) -> None:
    """``scope`` is a construct and ``id`` a valid construct id (before jsii sees either)."""
    from constructs import Construct

    check_instance(None, "scope", scope, Construct, "a construct (the stack or a construct in it)", required=True)
    check_id(scope, id)


def value_object(scope: Any, keyword: str, value: Any, cls: Any, expected: str) -> Any:
    """``value`` as a checked ``cls`` (a dataclass with a ``_checked(scope, prefix, **fields)``
    static method): an instance or a dict of its fields; errors name ``scope`` and ``keyword``."""
    import dataclasses

    names = [f.name for f in dataclasses.fields(cls)]
    if isinstance(value, cls):
        fields = {name: getattr(value, name) for name in names}
    elif isinstance(value, dict):
        unknown = sorted(str(key) for key in value if key not in names)
        if unknown:
            raise ValidationError(scope, f"'{keyword}' has unknown key(s) {', '.join(map(repr, unknown))}; "
                                         f"expected {expected} with keys {', '.join(names)}")
        fields = {name: value.get(name) for name in names}
    else:
        check_instance(scope, keyword, value, (cls, dict), expected, required=True)
        raise AssertionError  # pragma: no cover - check_instance raised
    return cls(**cls._checked(scope, f"{keyword}.", **fields))


def check_protocol(scope: Any, keyword: str, value: Any, attributes: tuple[str, ...], expected: str, *,
                   required: bool = False) -> Any:
    """An object with every one of ``attributes`` (a duck-typed interface such as ``IVpc``);
    a plain value (string, number, list, dict) never is one."""
    if value is None and not required:
        return None
    if isinstance(value, (str, bytes, int, float, list, tuple, dict, set)) or \
            not all(hasattr(value, a) for a in attributes):
        check_instance(scope, keyword, value, (), expected, required=required)
    return value


def child_path(scope: Any, id: Any) -> str:
    """The construct path an import ``Cls.from_x(scope, id, ...)`` would have (it creates no
    construct): ``<scope path>/<id>``; ``id`` is checked as a construct id."""
    from ._errors import construct_path

    parent = construct_path(scope)
    check_id(parent, id)
    return f"{parent}/{id}" if parent else id
