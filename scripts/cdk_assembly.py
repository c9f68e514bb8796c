"""Read AWS CDK's own API description: the jsii assembly inside the installed ``aws-cdk-lib``.

The assembly (``aws_cdk/_jsii/aws-cdk-lib@<version>.jsii.tgz``, holding ``package/.jsii`` or a
redirect to ``package/.jsii.gz``) lists every class, interface, struct and enum with their
members. It is read as data: ``aws_cdk`` is never imported (that would start a jsii kernel and
load the whole library). Used by ``scripts/gen_interfaces.py`` and ``tests/conformance``;
:func:`read_assembly` (any jsii tarball) also by ``scripts/gen_provider_schema.py``.
"""
from __future__ import annotations

import importlib.util
import keyword
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from batch_constructs.bindings._assembly import read_assembly  # noqa: F401 (re-exported: one home)

VERSION = "2.275.0"


def assembly_path() -> Path | None:
    """The installed assembly tarball, or None when ``aws-cdk-lib`` is not installed."""
    spec = importlib.util.find_spec("aws_cdk")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "_jsii" / f"aws-cdk-lib@{VERSION}.jsii.tgz"
    return path if path.is_file() else None


@lru_cache(maxsize=1)
def load_types() -> dict[str, dict[str, Any]]:
    """Every type of the assembly by fully qualified name (``aws-cdk-lib.aws_batch.JobQueue``)."""
    path = assembly_path()
    if path is None:
        raise FileNotFoundError(f"aws-cdk-lib {VERSION} is not installed (pip install aws-cdk-lib=={VERSION})")
    return read_assembly(path)["types"]


def module_types(module: str) -> dict[str, dict[str, Any]]:
    """The types of one submodule (``aws_batch``) by short name."""
    prefix = f"aws-cdk-lib.{module}."
    return {fqn[len(prefix):]: t for fqn, t in load_types().items()
            if fqn.startswith(prefix) and "." not in fqn[len(prefix):]}


def python_name(name: str) -> str:
    """jsii's Python name of a property, method or parameter: snake_case, a keyword gets ``_``."""
    snake = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    snake = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", snake).lower()
    return snake + "_" if keyword.iskeyword(snake) else snake
