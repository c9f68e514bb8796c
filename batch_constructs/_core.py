"""Which Terraform CDK core a scope belongs to: cdktf 0.21 (the default) or CDK Terrain (``cdktn``).

The two cores are separate jsii libraries: an element made with one inside a stack of the other
fails at synth. Everything this library creates therefore follows the core of the scope it is
given, and this module is the one place that decides it: :func:`core_of` returns the core's
Python module (``cdktf`` or ``cdktn``), which has the same classes (``TerraformStack``,
``TerraformResource``, ``Token``, ``Fn``, ...).

``cdktn`` is looked at only when it is already imported (a user of it imported it to make their
App), so a cdktf user never loads it.
"""
from __future__ import annotations

import importlib
import sys
import types
from typing import Any

__all__ = ["CORES", "core_of", "core_named"]

#: The supported cores, by module name: cdktf first (the default).
CORES = ("cdktf", "cdktn")


def core_named(name: str) -> types.ModuleType:
    """The core module ``name`` (``"cdktf"`` or ``"cdktn"``), imported."""
    if name not in CORES:
        raise ValueError(f"unknown Terraform CDK core {name!r}: expected one of {', '.join(CORES)}")
    return importlib.import_module(name)


def core_of(scope: Any) -> types.ModuleType:
    """The core (``cdktf`` or ``cdktn`` module) whose App ``scope`` belongs to; cdktf when neither
    can tell (a bare ``constructs.Construct`` tree)."""
    cdktn = sys.modules.get("cdktn")
    if cdktn is not None and scope is not None:
        try:
            root = scope.node.root
        except AttributeError:
            root = None
        if isinstance(root, cdktn.App) or isinstance(scope, cdktn.TerraformStack) or any(
                isinstance(s, cdktn.TerraformStack) for s in getattr(getattr(scope, "node", None), "scopes", ())):
            return cdktn
    return core_named("cdktf")
