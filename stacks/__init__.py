"""Runnable example stacks, one per use case of the AWS CDK aws-batch README.

Every module here (not starting with ``_``) defines ``STACKS = {"stack-name": StackClass}``;
:func:`all_stacks` collects them, :func:`build_all` instantiates them in an app.
"""
from __future__ import annotations

import importlib
import pkgutil
from typing import Any

from ._base import ExampleStack

__all__ = ["ExampleStack", "all_stacks", "build_all"]


def all_stacks() -> dict[str, type[ExampleStack]]:
    found: dict[str, type[ExampleStack]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for name, cls in getattr(module, "STACKS", {}).items():
            if name in found:
                raise ValueError(f"two example stacks are named {name!r}")
            found[name] = cls
    return dict(sorted(found.items()))


def build_all(app: Any, *, provider_config: dict[str, Any] | None = None,
              only: list[str] | None = None) -> list[ExampleStack]:
    stacks = all_stacks()
    names = only or list(stacks)
    unknown = sorted(set(names) - set(stacks))
    if unknown:
        raise SystemExit(f"unknown example stack(s): {', '.join(unknown)}; known: {', '.join(stacks)}")
    return [stacks[name](app, name, provider_config=provider_config) for name in names]
