"""AWS Batch constructs for CDK for Terraform, with the API of ``aws_cdk.aws_batch``.

Every construct, enum and helper is importable from here (``from batch_constructs import
JobQueue``). Names load lazily from the concept modules listed in ``_MODULES`` (each declares
its public names in ``__all__``), so ``import batch_constructs`` is cheap and pure-Python parts
never start the jsii runtime.
"""
from __future__ import annotations

import importlib
import importlib.util
from typing import Any

from ._errors import BatchConstructsWarning, ValidationError
from ._runtime import install_provider_loader, quiet_node_banners

quiet_node_banners()
install_provider_loader()

__version__ = "0.1.0"

# The concept modules whose ``__all__`` names are exported here (one module per concept,
# like AWS CDK). A listed module that does not exist yet is skipped.
_MODULES = (
    "app",
    "compute_environment_base",
    "managed_compute_environment",
    "managed_ec2_types",
    "managed_ec2_compute_environment",
    "managed_ec2_eks_compute_environment",
    "unmanaged_compute_environment",
    "job_queue",
    "scheduling_policy",
    "fairshare",
    "job_definition_base",
    "ecs_container_definition",
    "ecs_fargate_container",
    "ecs_job_definition",
    "linux_parameters",
    "ecs_volumes",
    "secrets",
    "logging",
    "eks_container_definition",
    "eks_job_definition",
    "multinode_job_definition",
    "consumable_resource",
    "interfaces",
    "props",
    "hcl",
    "module_export",
)

_index: dict[str, str] | None = None
#: module → its ``__all__``, for the modules imported so far by a lookup
_names: dict[str, frozenset[str]] = {}


def _module_names(module: str) -> frozenset[str]:
    names = _names.get(module)
    if names is None:
        found = importlib.util.find_spec(f"{__name__}.{module}") is not None
        names = _names[module] = frozenset(
            getattr(importlib.import_module(f"{__name__}.{module}"), "__all__", ()) if found else ())
    return names


def _exports() -> dict[str, str]:
    global _index
    if _index is None:
        index: dict[str, str] = {}
        for module in _MODULES:
            for name in sorted(_module_names(module)):
                index.setdefault(name, module)
        _index = index
    return _index


def _module_of(name: str) -> str | None:
    """The first module of :data:`_MODULES` exporting ``name``, importing only those before it
    (``from batch_constructs import App`` does not import the HCL renderer)."""
    if _index is not None:
        return _index.get(name)
    return next((module for module in _MODULES if name in _module_names(module)), None)


def __getattr__(name: str) -> Any:
    if name == "__all__":  # ``from batch_constructs import *``: every exported name
        return sorted({*_exports(), "BatchConstructsWarning", "ValidationError"})
    if name.startswith("__"):
        raise AttributeError(name)
    if name.isidentifier() and importlib.util.find_spec(f"{__name__}.{name}") is not None:
        # ``from batch_constructs import hcl``: the submodule alone, not every concept module
        return importlib.import_module(f"{__name__}.{name}")
    module = _module_of(name)
    if module is None:
        raise AttributeError(f"module 'batch_constructs' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_exports()))
