"""Matchers for :class:`~batch_constructs.testing.Template` (names as AWS CDK's ``Match``)."""
from __future__ import annotations

import json
import re
from typing import Any, Sequence

_ABSENT = object()


class Matcher:
    """Base class: ``test(actual, path)`` returns a list of ``(path, message)`` mismatches."""

    name = "Matcher"

    def test(self, actual: Any, path: str) -> list[tuple[str, str]]:  # pragma: no cover - abstract
        raise NotImplementedError


def _show(value: Any) -> str:
    if value is _ABSENT:
        return "nothing (absent)"
    return json.dumps(value, sort_keys=True, default=str)


class _Literal(Matcher):
    def __init__(self, pattern: Any, partial_objects: bool) -> None:
        self.pattern = pattern
        self.partial = partial_objects

    def test(self, actual: Any, path: str) -> list[tuple[str, str]]:
        pattern = self.pattern
        if isinstance(pattern, Matcher):
            return pattern.test(actual, path)
        if isinstance(pattern, dict):
            return _ObjectMatch(pattern, self.partial).test(actual, path)
        if isinstance(pattern, (list, tuple)):
            if not isinstance(actual, list):
                return [(path, f"expected an array, got {_show(actual)}")]
            if len(actual) != len(pattern):
                return [(path, f"expected an array of {len(pattern)} entries, got {len(actual)}: {_show(actual)}")]
            problems: list[tuple[str, str]] = []
            for index, (p, a) in enumerate(zip(pattern, actual)):
                problems.extend(_Literal(p, self.partial).test(a, f"{path}/{index}"))
            return problems
        if actual is _ABSENT:
            return [(path, f"expected {_show(pattern)}, but the key is missing")]
        if type(pattern) is not type(actual) and not (
                isinstance(pattern, (int, float)) and isinstance(actual, (int, float))
                and not isinstance(pattern, bool) and not isinstance(actual, bool)):
            return [(path, f"expected {_show(pattern)} ({type(pattern).__name__}), got {_show(actual)} "
                           f"({type(actual).__name__})")]
        if pattern != actual:
            return [(path, f"expected {_show(pattern)}, got {_show(actual)}")]
        return []


class _ObjectMatch(Matcher):
    def __init__(self, pattern: dict[str, Any], partial: bool) -> None:
        self.pattern = pattern
        self.partial = partial

    def test(self, actual: Any, path: str) -> list[tuple[str, str]]:
        if not isinstance(actual, dict):
            return [(path, f"expected an object, got {_show(actual)}")]
        problems: list[tuple[str, str]] = []
        if not self.partial:
            for key in sorted(set(actual) - set(self.pattern)):
                problems.append((f"{path}/{key}", f"unexpected key (value {_show(actual[key])})"))
        for key, expected in self.pattern.items():
            sub = f"{path}/{key}"
            value = actual.get(key, _ABSENT)
            if isinstance(expected, _Absent):
                if value is not _ABSENT:
                    problems.append((sub, f"expected the key to be absent, got {_show(value)}"))
                continue
            if value is _ABSENT and not isinstance(expected, _AnyValue):
                problems.append((sub, f"missing key (expected {_describe(expected)})"))
                continue
            problems.extend(_Literal(expected, self.partial).test(value, sub))
        return problems


def _describe(pattern: Any) -> str:
    return pattern.name if isinstance(pattern, Matcher) else _show(pattern)


class _ArrayWith(Matcher):
    name = "Match.array_with"

    def __init__(self, pattern: Sequence[Any]) -> None:
        self.pattern = list(pattern)

    def test(self, actual: Any, path: str) -> list[tuple[str, str]]:
        if not isinstance(actual, list):
            return [(path, f"expected an array, got {_show(actual)}")]
        index = 0
        for p_index, pattern in enumerate(self.pattern):
            while index < len(actual) and _Literal(pattern, True).test(actual[index], path):
                index += 1
            if index == len(actual):
                return [(path, f"could not find {_describe(pattern)} (entry {p_index} of the pattern, in order) "
                               f"in {_show(actual)}")]
            index += 1
        return []


class _Absent(Matcher):
    name = "Match.absent()"

    def test(self, actual: Any, path: str) -> list[tuple[str, str]]:
        return [] if actual is _ABSENT else [(path, f"expected absent, got {_show(actual)}")]


class _AnyValue(Matcher):
    name = "Match.any_value()"

    def test(self, actual: Any, path: str) -> list[tuple[str, str]]:
        if actual is _ABSENT or actual is None:
            return [(path, "expected any value, got nothing")]
        return []


class _Regexp(Matcher):
    def __init__(self, pattern: str) -> None:
        self.regex = re.compile(pattern)
        self.name = f"Match.string_like_regexp({pattern!r})"

    def test(self, actual: Any, path: str) -> list[tuple[str, str]]:
        if not isinstance(actual, str):
            return [(path, f"expected a string matching {self.regex.pattern!r}, got {_show(actual)}")]
        return [] if self.regex.search(actual) else [
            (path, f"expected a string matching {self.regex.pattern!r}, got {_show(actual)}")]


class _Not(Matcher):
    def __init__(self, pattern: Any) -> None:
        self.pattern = pattern
        self.name = f"Match.not_({_describe(pattern)})"

    def test(self, actual: Any, path: str) -> list[tuple[str, str]]:
        if _Literal(self.pattern, True).test(actual, path):
            return []
        return [(path, f"expected anything but {_describe(self.pattern)}, got {_show(actual)}")]


class _Wrapped(Matcher):
    def __init__(self, pattern: Any, partial: bool, name: str) -> None:
        self.inner = _Literal(pattern, partial)
        self.name = name

    def test(self, actual: Any, path: str) -> list[tuple[str, str]]:
        return self.inner.test(actual, path)


class Match:
    """Pattern helpers: ``object_like``, ``object_equals``, ``array_with``, ``absent``,
    ``any_value``, ``string_like_regexp``, ``exact``, ``not_``."""

    @staticmethod
    def object_like(pattern: dict[str, Any]) -> Matcher:
        """The keys of ``pattern`` match (nested objects likewise); other keys are ignored."""
        return _Wrapped(pattern, True, "Match.object_like(...)")

    @staticmethod
    def object_equals(pattern: dict[str, Any]) -> Matcher:
        """Exactly ``pattern``: no missing and no extra keys, at any depth."""
        return _Wrapped(pattern, False, "Match.object_equals(...)")

    @staticmethod
    def exact(pattern: Any) -> Matcher:
        return _Wrapped(pattern, False, "Match.exact(...)")

    @staticmethod
    def array_with(pattern: Sequence[Any]) -> Matcher:
        """The array contains the ``pattern`` entries, in this order (others may lie between)."""
        return _ArrayWith(pattern)

    @staticmethod
    def absent() -> Matcher:
        return _Absent()

    @staticmethod
    def any_value() -> Matcher:
        return _AnyValue()

    @staticmethod
    def string_like_regexp(pattern: str) -> Matcher:
        return _Regexp(pattern)

    @staticmethod
    def not_(pattern: Any) -> Matcher:
        return _Not(pattern)


def match_value(pattern: Any, actual: Any) -> list[tuple[str, str]]:
    return _Literal(pattern, True).test(actual, "")
