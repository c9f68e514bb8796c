"""The construct base of the ``ec2`` constructs, and the anchors of imported objects.

An import (``Vpc.from_vpc_attributes``, ``SecurityGroup.from_security_group_id``) creates nothing,
but what is added to it later (a VPC endpoint, a security group rule) needs a place in the
construct tree: ``anchor(holder)`` creates an empty construct at the import's ``scope``/``id``
the first time (as AWS CDK's imports are constructs at that id).
"""
from __future__ import annotations

from typing import Any

from .._errors import ValidationError

_ANCHOR_CLASS: list[type] = []


def _construct_base() -> type:
    from .._base import BatchConstruct
    return BatchConstruct


def anchor(holder: Any, what: str, how: str) -> Any:
    """The construct at ``holder._import_scope``/``holder._import_id`` (created once); ``what``
    is added, ``how`` says how to import the holder with a scope."""
    existing = getattr(holder, "_anchor", None)
    if existing is not None:
        return existing
    scope, id = getattr(holder, "_import_scope", None), getattr(holder, "_import_id", None)
    if scope is None or id is None:
        raise ValidationError(None, f"cannot add {what}: it was given without a scope (by id); import it with "
                                    f"{how} to add to it")
    if not _ANCHOR_CLASS:
        class ImportAnchor(_construct_base()):  # type: ignore[misc]
            """An imported object's place in the tree (no resources of its own)."""
        _ANCHOR_CLASS.append(ImportAnchor)
    holder._anchor = _ANCHOR_CLASS[0](scope, id)
    return holder._anchor
