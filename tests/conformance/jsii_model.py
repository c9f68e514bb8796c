"""AWS CDK's API, as its Python users see it, read from the jsii assembly of the installed aws-cdk-lib.

Pure Python and deterministic: the assembly (``aws_cdk/_jsii/aws-cdk-lib@<version>.jsii.tgz``, a
tarball whose ``package/.jsii`` is JSON or a redirect to a gzipped ``package/.jsii.gz``) is read by
``scripts/cdk_assembly.py`` without importing ``aws_cdk`` (which would start a jsii kernel); this
module turns it into the Python API model. Names are turned into the ones
jsii-pacmak gives Python: members and keywords in snake_case (``toSnakeCase`` of jsii's codemaker,
that is ``decamelize`` with KiB/MiB/GiB kept whole: ``maxvCpus`` → ``maxv_cpus``,
``unmanagedvCPUs`` → ``unmanagedv_cp_us``), Python keywords get a trailing ``_``, enum members and
constants stay UPPER_CASE, and a struct that is the last parameter of an initializer or method is
flattened into keyword arguments (its fields, inherited ones included). A variadic parameter is
``*name`` (any ``*args`` of ours takes it); parameters named ``_x`` (unused) are left out.
"""
from __future__ import annotations

import importlib.util
import keyword
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scripts.cdk_assembly import VERSION as PINNED_VERSION  # the version the exception lists were reviewed against
from scripts.cdk_assembly import assembly_path, load_types

__all__ = ["ASSEMBLY", "PINNED_VERSION", "ApiType", "find_assembly", "installed_version", "load_namespaces",
           "python_name", "snake_case"]

ASSEMBLY = "aws-cdk-lib"

_ABBREVIATIONS = re.compile(r"(^|[^A-Z])(KiB|MiB|GiB)($|[^a-z])")
_LOWER_UPPER = re.compile(r"([a-z0-9])([A-Z])")
_UPPER_WORD = re.compile(r"([A-Z])([A-Z][a-z]+)")


def snake_case(name: str) -> str:
    """jsii codemaker's ``toSnakeCase`` (decamelize, KiB/MiB/GiB kept as one word)."""
    name = _ABBREVIATIONS.sub(lambda m: m.group(1) + m.group(2).capitalize() + m.group(3), name)
    if len(name) < 2:
        return name.lower()
    return _UPPER_WORD.sub(r"\1_\2", _LOWER_UPPER.sub(r"\1_\2", name)).lower()


def python_name(name: str, *, constant: bool = False) -> str:
    """The Python spelling jsii-pacmak gives a member, property or parameter."""
    out = snake_case(name).upper() if constant else snake_case(name)
    return out + "_" if keyword.iskeyword(out) else out


@dataclass
class ApiType:
    """One public type of a namespace, in Python spelling.

    ``kind``: ``class``, ``enum``, ``struct`` (a jsii data type: a Python class built with keywords)
    or ``interface`` (an ``I*`` behavioural interface). ``init`` is the initializer's parameter and
    keyword names (a struct: its fields; ``None``: no public initializer). ``statics`` are static
    methods (name → keywords) and static properties (name → ``None``); ``methods`` the public
    instance methods (name → keywords); ``properties`` the public instance properties.
    """

    name: str
    kind: str
    init: tuple[str, ...] | None = None
    members: tuple[str, ...] = ()
    statics: dict[str, tuple[str, ...] | None] = field(default_factory=dict)
    methods: dict[str, tuple[str, ...]] = field(default_factory=dict)
    properties: tuple[str, ...] = ()


def find_assembly() -> Path | None:
    """The jsii assembly tarball of the installed aws-cdk-lib (``None`` if it is not installed or is
    another version than the pinned one: see :func:`installed_version`)."""
    return assembly_path()


def installed_version() -> str | None:
    """The version of the installed aws-cdk-lib, found without importing it (``None``: none)."""
    spec = importlib.util.find_spec("aws_cdk")  # locates the package without importing it
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        for path in sorted(Path(location, "_jsii").glob(f"{ASSEMBLY}@*.jsii.tgz")):
            return path.name[len(ASSEMBLY) + 1:-len(".jsii.tgz")]
    return None


def _parameters(params: list[dict[str, Any]], types: dict[str, Any]) -> tuple[str, ...]:
    """Python parameter names: a trailing struct parameter becomes its fields as keywords."""
    names = [("*" if p.get("variadic") else "") + python_name(p["name"]) for p in params]
    if params and not params[-1].get("variadic"):
        struct = types.get(params[-1]["type"].get("fqn", ""))
        if struct is not None and struct.get("datatype"):
            names[-1:] = _struct_fields(struct, types)
    # ``_scope``: TypeScript's mark of an unused parameter; nobody passes it by name
    return tuple(name for name in names if not name.lstrip("*").startswith("_"))


def _struct_fields(struct: dict[str, Any], types: dict[str, Any]) -> list[str]:
    fields: dict[str, None] = {}
    for parent in struct.get("interfaces", ()):  # inherited fields first, as jsii-pacmak orders them
        if parent in types:
            fields.update(dict.fromkeys(_struct_fields(types[parent], types)))
    for prop in struct.get("properties", ()):
        fields[python_name(prop["name"])] = None
    return list(fields)


#: Framework base classes whose public instance methods count as the subclass's own: ``Resource``
#: gives every resource ``apply_removal_policy`` (issue 10 asks for it on every construct that owns
#: a resource). Other bases outside the namespace (``Construct``, ``CfnResource``) are not compared.
_FRAMEWORK_BASES = {f"{ASSEMBLY}.Resource"}


def _class_chain(spec: dict[str, Any], types: dict[str, Any], prefix: str) -> list[dict[str, Any]]:
    """The type and its base classes inside the same namespace or in ``_FRAMEWORK_BASES``, nearest last."""
    chain = [spec]
    base = spec.get("base")
    while base and (base.startswith(prefix) or base in _FRAMEWORK_BASES) and base in types:
        chain.insert(0, types[base])
        base = types[base].get("base")
    return chain


def _api_type(name: str, spec: dict[str, Any], types: dict[str, Any], prefix: str) -> ApiType:
    if spec["kind"] == "enum":
        return ApiType(name, "enum", members=tuple(m["name"] for m in spec.get("members", ())))
    if spec.get("datatype"):
        return ApiType(name, "struct", init=tuple(_struct_fields(spec, types)))
    kind = "class" if spec["kind"] == "class" else "interface"
    out = ApiType(name, kind)
    if kind == "class" and "initializer" in spec and not spec["initializer"].get("protected"):
        out.init = _parameters(spec["initializer"].get("parameters", []), types)
    properties: dict[str, None] = {}
    for level in _class_chain(spec, types, prefix) if kind == "class" else [spec]:
        for method in level.get("methods", ()):
            if method.get("protected"):
                continue
            params = _parameters(method.get("parameters", []), types)
            if method.get("static"):
                if level is spec:  # a static belongs to the class that declares it
                    out.statics[python_name(method["name"])] = params
            else:
                out.methods[python_name(method["name"])] = params
        for prop in level.get("properties", ()):
            if prop.get("protected"):
                continue
            if prop.get("static"):
                if level is spec:
                    out.statics[python_name(prop["name"], constant=bool(prop.get("const")))] = None
            else:
                properties[python_name(prop["name"])] = None
    out.properties = tuple(properties)
    return out


def load_namespaces(namespaces: list[str]) -> dict[str, dict[str, ApiType]]:
    """``{namespace: {type name: ApiType}}`` for each ``aws_*`` namespace of the installed assembly
    (nested types such as ``CfnJobDefinition.ContainerPropertiesProperty`` keep their dotted name).
    The assembly is read by ``scripts/cdk_assembly.py`` (as ``scripts/gen_interfaces.py`` reads it);
    its cache is dropped afterwards, the model is all the tests keep."""
    types = load_types()
    try:
        out: dict[str, dict[str, ApiType]] = {}
        for namespace in namespaces:
            prefix = f"{ASSEMBLY}.{namespace}."
            out[namespace] = {fqn[len(prefix):]: _api_type(fqn[len(prefix):], spec, types, prefix)
                              for fqn, spec in sorted(types.items()) if fqn.startswith(prefix)}
        return out
    finally:
        load_types.cache_clear()
