"""Schema-generated thin bindings of hashicorp/aws: the library's own Terraform edge.

Every Terraform element this library creates is an instance of a class generated here, from a
real artifact of a provider version (see :mod:`batch_constructs.bindings.__main__`):

* ``schema_aws_<version>.py``: the compact schema of exactly the types the library emits,
  read by :mod:`batch_constructs._schema_check` (every rendered attribute is checked in Python
  at synth) and by HCL rendering (:mod:`batch_constructs.hcl.embedded`);
* ``aws_<version>.py``: thin classes over the core's ``TerraformResource`` /
  ``TerraformDataSource`` / ``TerraformProvider`` (:mod:`._thin`), with typed keyword
  constructors and attribute tokens.

So a synth never imports the prebuilt bindings (``cdktf_cdktf_provider_aws``,
``cdktn_provider_aws``), whose assembly load is most of a synth's time; users' own objects of
those packages stay accepted everywhere.

**The provider version the output pins** is one process-wide choice, made before the first
construct: ``BATCH_CONSTRUCTS_AWS_PROVIDER_VERSION`` (``5.100.0``, the default, or ``6.69.1``;
a major alone, ``5``/``6``, picks that line's version), or :func:`use_provider_version`. Every
5.x ↔ 6.x difference the library acts on is read from these schemas
(:data:`batch_constructs._runtime.COMPAT`).
"""
from __future__ import annotations

import importlib
import os
import types
from functools import lru_cache
from typing import Any

__all__ = ["DEFAULT_VERSION", "VERSIONS", "VERSION_ENV", "classes", "data_source_class", "provider_version",
           "resource_class", "schema", "use_provider_version"]

#: hashicorp/aws versions with generated bindings, oldest first
VERSIONS = ("5.100.0", "6.69.1")
DEFAULT_VERSION = "5.100.0"
VERSION_ENV = "BATCH_CONSTRUCTS_AWS_PROVIDER_VERSION"


def _resolve(value: str) -> str:
    value = value.strip().lstrip("=v ").strip()
    if value in VERSIONS:
        return value
    by_major = {v.split(".")[0]: v for v in VERSIONS}
    if value in by_major:
        return by_major[value]
    raise ValueError(f"{VERSION_ENV}={value!r}: this library has bindings for hashicorp/aws "
                     f"{', '.join(VERSIONS)} (or give the major, {', '.join(sorted(by_major))}); "
                     "add one with python -m batch_constructs.bindings schema")


def provider_version() -> str:
    """The hashicorp/aws version this process's output pins (:data:`VERSION_ENV`, default 5.100.0)."""
    return _resolve(os.environ.get(VERSION_ENV) or DEFAULT_VERSION)


def use_provider_version(version: str) -> str:
    """Choose the pinned hashicorp/aws version for this process, before the first construct (the
    choice is read once, when the library first needs it). Returns the resolved version."""
    from .._runtime import _LazyCompat
    resolved = _resolve(version)
    chosen = _LazyCompat.value
    if chosen is not None and chosen.provider_version != resolved:
        raise RuntimeError(f"hashicorp/aws {chosen.provider_version} is already in use in this process: choose the "
                           "provider version before creating constructs")
    os.environ[VERSION_ENV] = resolved
    return resolved


def _module_name(prefix: str, version: str) -> str:
    return f"{__name__}.{prefix}_{_resolve(version).replace('.', '_')}"


@lru_cache(maxsize=None)
def schema(version: str | None = None) -> types.ModuleType:
    """The compact schema module of ``version`` (default: :func:`provider_version`)."""
    return importlib.import_module(_module_name("schema_aws", version or provider_version()))


@lru_cache(maxsize=None)
def classes(version: str | None = None) -> types.ModuleType:
    """The thin classes module of ``version`` (default: :func:`provider_version`)."""
    return importlib.import_module(_module_name("aws", version or provider_version()))


def _generated(section: str, kind: str, terraform_type: str, version: str | None) -> Any:
    try:
        return getattr(classes(version), section)[terraform_type]
    except KeyError:
        raise KeyError(f"no generated bindings for {kind} {terraform_type}: add it to the emitted types and run "
                       "python -m batch_constructs.bindings schema") from None


def resource_class(terraform_type: str, version: str | None = None) -> Any:
    """The thin class of resource type ``terraform_type`` (``aws_batch_job_queue``)."""
    return _generated("RESOURCES", "resource", terraform_type, version)


def data_source_class(terraform_type: str, version: str | None = None) -> Any:
    """The thin class of data source ``terraform_type`` (``aws_vpc``)."""
    return _generated("DATA_SOURCES", "data source", terraform_type, version)
