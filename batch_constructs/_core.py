"""Which Terraform CDK core a scope belongs to: cdktf 0.21 or CDK Terrain (``cdktn``) 0.24.

The two cores are separate jsii libraries with the same Python API (``App``, ``TerraformStack``,
``TerraformResource``, ``Token``, ``Fn``, ...): an element, token or aspect made with one inside
a stack of the other fails at synth. Everything this library creates therefore follows the core
of the scope it is given, and this module is the one place that decides it:

* :func:`core_of` ``(scope)``: the core module whose ``App``/``TerraformStack`` the scope's tree
  is made of;
* :func:`cdk` ``(scope=None)``: that, or for helpers without a scope (a token function of an
  ARN string), the **current core**: ``$BATCH_CONSTRUCTS_CORE`` (``cdktf`` or ``cdktn``) if set,
  else the core of the scope seen last (an App made, an element created), else the only core
  imported, else the first installed (cdktf, then cdktn).

``cdktn`` is looked at only when it is imported (a user of it imported it to make their App), and
``cdktf`` likewise once either is: a cdktn user never loads cdktf.
"""
from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import types
import weakref
from typing import Any

from ._identity import construct_key

__all__ = ["CORES", "CORE_ENV", "cdk", "core_named", "core_of", "default_core", "loaded_cores", "remember_stack",
           "stack_cache", "stack_of"]

#: The supported cores, by module name, in order of preference.
CORES = ("cdktf", "cdktn")
CORE_ENV = "BATCH_CONSTRUCTS_CORE"

_current: list[types.ModuleType] = []


def core_named(name: str) -> types.ModuleType:
    """The core module ``name`` (``"cdktf"`` or ``"cdktn"``), imported."""
    if name not in CORES:
        raise ValueError(f"unknown Terraform CDK core {name!r}: expected one of {', '.join(CORES)} "
                         f"(${CORE_ENV}, App(core=...), main.py --core)")
    try:
        return importlib.import_module(name)
    except ImportError:
        raise ImportError(f"the Terraform CDK core {name!r} is not installed: "
                          f"pip install 'batch_constructs[{name}]'") from None


def _remember(core: types.ModuleType) -> types.ModuleType:
    if not _current or _current[0] is not core:
        _current[:] = [core]
    return core


def default_core() -> types.ModuleType:
    """The current core (see the module doc)."""
    chosen = os.environ.get(CORE_ENV)
    if chosen:
        return core_named(chosen.strip())
    if _current:
        return _current[0]
    for name in CORES:
        if name in sys.modules:
            return sys.modules[name]
    for name in CORES:
        if importlib.util.find_spec(name) is not None:
            return core_named(name)
    raise ImportError("no Terraform CDK core is installed: pip install 'batch_constructs[cdktf]' "
                      "or 'batch_constructs[cdktn]'")


def loaded_cores() -> list[types.ModuleType]:
    """The core modules imported so far (cdktf first; one module imported under both names, once)."""
    loaded: list[types.ModuleType] = []
    for name in CORES:
        module = sys.modules.get(name)
        if module is not None and all(module is not seen for seen in loaded):
            loaded.append(module)
    return loaded


#: construct key → its core, when more than one core is imported (asking the tree is round trips)
_CORE_OF: dict[Any, types.ModuleType] = {}


def core_of(scope: Any) -> types.ModuleType:
    """The core (``cdktf`` or ``cdktn`` module) whose App ``scope`` belongs to; the current core when
    the tree tells nothing (a bare ``constructs.Construct`` tree)."""
    loaded = loaded_cores()
    if scope is not None and len(loaded) > 1:
        key = construct_key(scope)
        known = _CORE_OF.get(key)
        if known is not None:
            return _remember(known)
        node = getattr(scope, "node", None)
        root = getattr(node, "root", None)
        for core in loaded:
            if isinstance(root, core.App) or isinstance(scope, core.TerraformStack) or any(
                    isinstance(s, core.TerraformStack) for s in getattr(node, "scopes", ())):
                _CORE_OF[key] = core
                return _remember(core)
    if len(loaded) == 1 and not os.environ.get(CORE_ENV):
        return _remember(loaded[0])
    return _remember(default_core())


def cdk(scope: Any = None) -> types.ModuleType:
    """The core module to use: :func:`core_of` ``scope``, or the current core without one."""
    return core_of(scope) if scope is not None else default_core()


# Each of these is a jsii round trip per call; asked for the same scope many times per construct.
_STACKS: "weakref.WeakValueDictionary[Any, Any]" = weakref.WeakValueDictionary()
_PER_STACK: "weakref.WeakKeyDictionary[Any, dict[str, Any]]" = weakref.WeakKeyDictionary()


def stack_of(scope: Any) -> Any:
    """``TerraformStack.of(scope)`` of the scope's core, remembered per construct."""
    key = construct_key(scope)
    stack = _STACKS.get(key)
    if stack is None:
        stack = core_of(scope).TerraformStack.of(scope)
        _STACKS[key] = stack
    return stack


def remember_stack(construct: Any, stack: Any) -> None:
    """``stack`` is ``construct``'s (known to the caller without asking the tree), and so is its core."""
    key = construct_key(construct)
    _STACKS[key] = stack
    if len(loaded_cores()) > 1:
        _CORE_OF[key] = core_of(stack)


def stack_cache(stack: Any) -> dict[str, Any]:
    """A dict of Python-side values kept for ``stack`` (dropped with it)."""
    cache = _PER_STACK.get(stack)
    if cache is None:
        cache = _PER_STACK[stack] = {}
    return cache
