"""The bad-input table's runner: one mistake a row, each asserting the exception class, the
construct path and the message.

A row is ``Bad(name, build, path, message)``: ``build(stack, vpc)`` makes the mistake in a
fresh stack (``TestStack``) with an imported VPC; the mistake must raise
:class:`~batch_constructs.ValidationError` either while building or at synth
(``Template.from_stack``), with ``error.path == path`` (``None`` for value objects built
outside any construct) and ``re.search(message, str(error))``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

import pytest

from batch_constructs import ValidationError


@dataclass(frozen=True)
class Bad:
    name: str
    build: Callable[[Any, Any], Any]
    path: str | None
    message: str


def params(rows: list[Bad]) -> Any:
    names = [row.name for row in rows]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    assert not duplicates, f"duplicate row names: {duplicates}"
    return pytest.mark.parametrize("row", rows, ids=names)


def run(row: Bad, stack: Any, vpc: Any) -> ValidationError:
    from batch_constructs.testing import Template

    with pytest.raises(ValidationError) as info:
        row.build(stack, vpc)
        Template.from_stack(stack)
    error = info.value
    assert error.path == row.path, f"path {error.path!r} != {row.path!r}: {error}"
    assert re.search(row.message, str(error)), f"{row.message!r} not in {str(error)!r}"
    assert "jsii" not in str(error) and "at Object." not in str(error), str(error)
    return error
