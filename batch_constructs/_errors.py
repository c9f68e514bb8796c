"""The library's validation error: a ``ValueError`` that names the construct path."""
from __future__ import annotations

from typing import Any, Iterable


def construct_path(scope: Any) -> str | None:
    """The construct path of ``scope`` (``stack/ce``), or ``None`` for plain values."""
    if scope is None:
        return None
    if isinstance(scope, str):
        return scope
    node = getattr(scope, "node", None)
    return getattr(node, "path", None) if node is not None else None


class ValidationError(ValueError):
    """Raised for every invalid configuration this library can detect in Python.

    ``str(error)`` is ``[<construct path>] <message>`` (one line per problem when several
    constructs are invalid at synth). ``path`` and ``message`` hold the first problem;
    ``problems`` holds every ``(path, message)`` pair.
    """

    def __init__(self, scope: Any, message: str | None = None, *,
                 problems: Iterable[tuple[str | None, str]] | None = None) -> None:
        if problems is None:
            problems = [(construct_path(scope), message or "")]
        self.problems: list[tuple[str | None, str]] = list(problems)
        self.path, self.message = self.problems[0]
        lines = [f"[{p}] {m}" if p else m for p, m in self.problems]
        super().__init__("\n".join(lines))


class BatchConstructsWarning(UserWarning):
    """A configuration that works but probably does not do what was meant."""


def warn(scope: Any, message: str) -> None:
    """Warn, pointing at the user's line: the first caller outside this package (and outside
    jsii, whose metaclass sits between a user's ``Construct(...)`` call and our constructors)."""
    import sys
    import warnings

    level, frame = 2, sys._getframe(1)
    while frame is not None and str(frame.f_globals.get("__name__", "")).startswith(_INTERNAL):
        level, frame = level + 1, frame.f_back
    path = construct_path(scope)
    warnings.warn(f"[{path}] {message}" if path else message, BatchConstructsWarning, stacklevel=level)


_INTERNAL = ("batch_constructs.", "jsii.")
