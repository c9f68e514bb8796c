"""Write the thin classes module of one hashicorp/aws version from its compact schema module.

One class per resource type (``BatchJobQueue`` for ``aws_batch_job_queue``), per data source
(``DataAwsVpc``) and ``AwsProvider``: a keyword constructor with every argument and block of the
schema, typed (required ones without a default), Terraform's meta-arguments, and an
:class:`~batch_constructs.bindings._thin.Attribute` per attribute. As in the prebuilt bindings,
the construct id is ``id_`` (so a Terraform argument ``id`` keeps its name), and a name Python or
the core's element classes already use gets a suffix (an attribute ``<name>_attribute``).
Pure text from the schema dicts: deterministic and jsii-free.
"""
from __future__ import annotations

import keyword
from typing import Any, Mapping

from ._thin import RESOURCE_META

# Public members of the cores' TerraformResource / TerraformDataSource / TerraformProvider (an
# attribute of the same name would shadow them).
CORE_MEMBERS = frozenset({
    "add_move_target", "add_override", "alias", "cdktf_stack", "connection", "constructor", "count",
    "depends_on", "for_each", "fqn", "friendly_unique_id", "get_any_map_attribute", "get_boolean_attribute",
    "get_boolean_map_attribute", "get_list_attribute", "get_number_attribute", "get_number_list_attribute",
    "get_number_map_attribute", "get_string_attribute", "get_string_map_attribute", "has_resource_move",
    "import_from", "interpolation_for_attribute", "is_construct", "is_terraform_element", "is_terraform_provider",
    "is_terraform_resource", "is_terraform_data_source", "lifecycle", "meta_attributes", "move_from_id", "move_to",
    "move_to_id", "node", "override_logical_id", "provider", "provisioners", "reset_override_logical_id",
    "terraform_generator_metadata", "terraform_meta_arguments", "terraform_provider_source",
    "terraform_resource_type", "to_hcl_terraform", "to_metadata", "to_string", "to_terraform", "with_",
    "provider_version", "terraform_type",
})
_RESERVED_KWARGS = frozenset({"self", "scope", "id_", *RESOURCE_META})


def class_name(type_name: str, *, data: bool = False) -> str:
    camel = "".join(part[:1].upper() + part[1:] for part in type_name.removeprefix("aws_").split("_"))
    return f"DataAws{camel}" if data else camel


def _kind(tf_type: Any) -> str:
    if tf_type == "string":
        return "s"
    if tf_type == "number":
        return "n"
    if tf_type == "bool":
        return "b"
    if isinstance(tf_type, list) and len(tf_type) == 2 and isinstance(tf_type[1], str):
        outer, inner = tf_type
        if outer in ("list", "set") and inner in ("string", "number"):
            return "l" + inner[0]
        if outer == "map" and inner in ("string", "number", "bool"):
            return "m" + inner[0]
    return "x"


_HINTS = {"s": "str", "n": "float", "b": "bool", "ls": "Sequence[str]", "ln": "Sequence[float]",
          "ms": "Mapping[str, str]", "mn": "Mapping[str, float]", "mb": "Mapping[str, bool]", "x": "Any"}
_BLOCK = "Block"


def _kwarg(name: str) -> str:
    return f"{name}_" if keyword.iskeyword(name) or name in _RESERVED_KWARGS else name


def _attr_name(name: str) -> str:
    if keyword.iskeyword(name) or name.startswith("_"):
        return f"{name}_"
    return f"{name}_attribute" if name in CORE_MEMBERS else name


def _class(cls: str, base: str, type_name: str, shape: Mapping[str, Any], *, meta: tuple[str, ...],
           version: str, doc: str) -> list[str]:
    attrs: Mapping[str, Any] = shape.get("a") or {}
    blocks: Mapping[str, Any] = shape.get("b") or {}
    required, optional, renames = [], [], {}
    for name, (tf_type, flag) in attrs.items():
        if flag == "c":
            continue
        kw = _kwarg(name)
        if kw != name:
            renames[kw] = name
        (required if flag == "r" else optional).append(f"{kw}: {_HINTS[_kind(tf_type)]}")
    for name, (_, min_items, _, _) in blocks.items():
        kw = _kwarg(name)
        if kw != name:
            renames[kw] = name
        (required if min_items else optional).append(f"{kw}: {_BLOCK}")
    params = [*required, *(f"{p} | None = None" for p in optional), *(f"{m}: Any = None" for m in meta)]
    lines = ["", "", f"class {cls}({base}):",
             f'    """{doc} ``{type_name}`` of hashicorp/aws {version}."""', "",
             f"    terraform_type = {type_name!r}", f"    provider_version = {version!r}"]
    if renames:
        lines.append(f"    _bc_renames = {dict(sorted(renames.items()))!r}")
    lines.append("")
    signature = ["self", "scope: Construct", "id_: str", "*", *params] if params else ["self", "scope: Construct",
                                                                                      "id_: str"]
    lines.append(f"    def __init__({signature[0]},")
    lines.extend(f"                 {p}," for p in signature[1:-1])
    lines.append(f"                 {signature[-1]}) -> None:")
    lines.append("        self._bc_init(scope, id_, locals())")
    if base != "ThinProvider":
        lines.append("")
        for name, (tf_type, _) in attrs.items():
            kind = _kind(tf_type)
            spec = f"{name!r}" if kind == "s" else f"{name!r}, {kind!r}"
            lines.append(f"    {_attr_name(name)} = Attribute({spec})")
    return lines


def module_text(header: str, version: str, schema: Any) -> str:
    """The classes module (its text) for the compact schema module ``schema``."""
    out = [header,
           f'"""Thin bindings of hashicorp/aws {version}: the types this library emits, generated from',
           f"``{schema.__name__}`` (see :mod:`batch_constructs.bindings`). Core-neutral: each class makes an",
           'element of the core (cdktf or cdktn) of the scope it is given."""',
           "from __future__ import annotations", "",
           "from typing import TYPE_CHECKING, Any, Mapping, Sequence", "",
           "if TYPE_CHECKING:", "    from constructs import Construct", "",
           "from ._thin import Attribute, ThinDataSource, ThinProvider, ThinResource", "",
           "#: a nested block: one mapping with Terraform's keys, or a list of them",
           "Block = Mapping[str, Any] | Sequence[Mapping[str, Any]]",
           f"PROVIDER_VERSION = {version!r}"]
    resources, data_sources = {}, {}
    if schema.PROVIDER is not None:
        meta = () if "alias" in (schema.PROVIDER.get("a") or {}) else ("alias",)
        out += _class("AwsProvider", "ThinProvider", "aws", schema.PROVIDER, meta=meta, version=version,
                      doc="The provider block")
    for type_name, shape in sorted(schema.RESOURCES.items()):
        resources[type_name] = cls = class_name(type_name)
        out += _class(cls, "ThinResource", type_name, shape, meta=RESOURCE_META, version=version, doc="Resource")
    for type_name, shape in sorted(schema.DATA_SOURCES.items()):
        data_sources[type_name] = cls = class_name(type_name, data=True)
        out += _class(cls, "ThinDataSource", type_name, shape, meta=RESOURCE_META, version=version,
                      doc="Data source")
    out += ["", "", "#: Terraform type → class",
            "RESOURCES = {", *(f"    {t!r}: {c}," for t, c in resources.items()), "}",
            "DATA_SOURCES = {", *(f"    {t!r}: {c}," for t, c in data_sources.items()), "}", ""]
    return "\n".join(out)
