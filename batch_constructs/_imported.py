"""The base of the ``Imported*`` classes: a resource known by ARN (``Cls.from_*_arn(scope, id, arn)``).

An import creates no construct, but it is checked like one: ``scope`` must be a construct and
``id`` a valid construct id; errors name the path the construct would have (``<scope path>/<id>``).
Pure Python (no jsii).
"""
from __future__ import annotations

import re
from typing import Any

from ._check import check_scope, check_str, child_path

__all__ = ["Imported"]


class Imported:
    """``node_id`` (the id given) and ``path`` (``<scope path>/<id>``) of an import, after
    checking ``scope`` and ``id``; :meth:`_keep_arn` checks the ARN."""

    def __init__(self, scope: Any, id: str) -> None:
        check_scope(scope, id)
        self.node_id = id
        self.path = child_path(scope, id)

    def _keep_arn(self, keyword: str, arn: Any, *, pattern: str | re.Pattern[str] | None = None,
                  rule: str | None = None) -> str:
        """``arn`` (required), checked against ``pattern`` (described by ``rule``; tokens pass);
        errors name ``keyword``, the import's ARN keyword."""
        return check_str(self.path, keyword, arn, pattern=pattern, rule=rule, required=True)
