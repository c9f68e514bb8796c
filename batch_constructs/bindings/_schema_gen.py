"""The compact schema of every resource and data-source type this library emits
(``batch_constructs/bindings/schema_aws_<version>.py``), from a real artifact of a hashicorp/aws
version: the output of ``terraform providers schema -json``, or the jsii assembly of a prebuilt
bindings package (``cdktf-cdktf-provider-aws`` or ``cdktn-provider-aws``), which carries every
argument and block. Run through ``python -m batch_constructs.bindings schema`` (see
:mod:`batch_constructs.bindings.__main__`); it writes the compact schema, then the thin classes.

**The one list of emitted types** is ``RESOURCES`` / ``DATA_SOURCES`` below: a construct that emits
a new type adds it here and reruns the generator (``tests/synth/test_schema_check.py`` fails while
the library emits a type missing from the module). ``terraform_data`` is Terraform's built-in
provider (no schema here; ``_schema_check`` skips it).

The compact form, per type (one line each, sorted keys): ``{"a": {attribute: [type, flag]},
"b": {block: [nesting, min_items, max_items, {nested "a"/"b"}]}}`` where ``type`` is Terraform's
JSON type expression (``"string"``, ``["list", "string"]``, ``["object", {...}]``; attributes with
a ``nested_type`` become the equivalent ``list``/``set``/``map``/``object`` type), ``flag`` is
``"r"`` (required), ``"o"`` (optional, maybe also computed) or ``"c"`` (computed only), and
``max_items`` is ``0`` for no limit.

**From the assembly** (``provider-aws@<bindings>.jsii.tgz``, read by :mod:`._assembly`):
each type's class is found by its docs link (``Represents a {@link .../docs/resources/<t> aws_<t>}``),
its arguments are the properties of its ``<Name>Config`` struct (``DataAws<Name>Config``), each
named by its Terraform name from the docs link ``...docs/resources/<type>#<terraform_name> ...``
(never by re-snake-casing the jsii name); a property that is not ``optional`` is ``"r"``, else
``"o"``. Types: primitive ``string``/``number``/``boolean``/``any``|``json`` → ``"string"``/
``"number"``/``"bool"``/``"dynamic"``; ``IResolvable`` is dropped from unions; ``array`` → ``list``,
``map`` → ``map``. A property whose type is a struct is a nested block with ``max_items`` 1; an
array of structs a nested block with no limit; ``min_items`` is 1 when the property is required.
Computed-only attributes (``"c"``) are the resource class's getters (and a nested block's
``<Struct>OutputReference`` getters) that are not config properties, named by the Terraform name
the compiled bindings (``package/lib/<dir>/index.js``) read them by (the
``// <terraform_name> - computed: ...`` line above each getter); a getter without one is left out.
The assembly cannot tell everything the provider schema tells, so the 6.x module is **lenient
there, never stricter than Terraform**: every block is ``"list"`` (a set or single block
accepts the same values here), a list block's ``max_items`` is ``0`` (unknown), an object-typed
attribute (plugin-framework ``nested_type``, or an SDKv2 attribute-as-block such as
``aws_security_group.ingress`` / ``aws_route_table.route``, which the 5.100 schema lists as a
``set(object)`` attribute and cdktf as a block) is written as a block (accepts an object or a
list of objects), sets are ``list`` (same check), a struct inside a collection attribute is
``"dynamic"``, and computed getters of complex type are ``"dynamic"``. Validated against the
5.100 module: for the types, the differences are real 5.x → 6.x changes only (e.g. the compute
environment's ``name``/``name_prefix``, the per-resource ``region``, removed ``aws_eip.vpc``).
"""
from __future__ import annotations

import hashlib
import json
import re
import tarfile
from pathlib import Path
from typing import Any, Mapping

from ._assembly import read_assembly

PACKAGE = Path(__file__).resolve().parent
COMMAND = "python -m batch_constructs.bindings"
SOURCE = "registry.terraform.io/hashicorp/aws"

#: Every resource type the library creates (``BatchConstruct._new_l1`` / ``provider_class`` call sites).
RESOURCES = (
    "aws_batch_compute_environment", "aws_batch_job_definition", "aws_batch_job_queue",
    "aws_batch_scheduling_policy", "aws_cloudwatch_log_group", "aws_ecr_lifecycle_policy", "aws_ecr_repository",
    "aws_efs_access_point", "aws_efs_file_system", "aws_efs_file_system_policy", "aws_efs_mount_target", "aws_eip",
    "aws_iam_group", "aws_iam_group_policy", "aws_iam_group_policy_attachment", "aws_iam_instance_profile",
    "aws_iam_policy", "aws_iam_role", "aws_iam_role_policy", "aws_iam_role_policy_attachment", "aws_iam_user",
    "aws_iam_user_group_membership", "aws_iam_user_policy", "aws_iam_user_policy_attachment",
    "aws_internet_gateway", "aws_launch_template", "aws_nat_gateway", "aws_placement_group", "aws_route",
    "aws_route_table", "aws_route_table_association", "aws_s3_bucket", "aws_s3_bucket_lifecycle_configuration",
    "aws_s3_bucket_policy", "aws_s3_bucket_public_access_block",
    "aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_versioning", "aws_secretsmanager_secret",
    "aws_secretsmanager_secret_version", "aws_security_group", "aws_ssm_parameter", "aws_subnet", "aws_vpc",
    "aws_vpc_endpoint", "aws_vpc_security_group_egress_rule", "aws_vpc_security_group_ingress_rule",
)
#: Every data-source type the library reads.
DATA_SOURCES = (
    "aws_availability_zones", "aws_caller_identity", "aws_ecr_authorization_token", "aws_eks_cluster",
    "aws_partition", "aws_region", "aws_route_tables", "aws_secretsmanager_random_password",
    "aws_secretsmanager_secret", "aws_ssm_parameter", "aws_subnets", "aws_vpc",
)
#: Types the example app creates itself beside the library (stacks/: an EKS cluster for the EKS
#: environments). In the modules so that the example stacks' HCL needs no Terraform
#: (``batch_constructs.hcl.embedded``); the library never emits them.
EXAMPLE_RESOURCES = ("aws_eks_cluster",)
#: The resource types of the generated modules.
SCHEMA_RESOURCES = RESOURCES + EXAMPLE_RESOURCES
#: Types of Terraform's built-in provider the library emits: not in the provider schema.
BUILTIN = ("terraform_data",)

_NESTED_WRAP = {"list": "list", "set": "set", "map": "map"}


def _nested_type(spec: Mapping[str, Any]) -> Any:
    """A plugin-framework ``nested_type`` attribute as the equivalent type expression."""
    attrs = {name: _attribute_type(attr) for name, attr in sorted((spec.get("attributes") or {}).items())}
    obj = ["object", attrs]
    mode = spec.get("nesting_mode", "single")
    return [_NESTED_WRAP[mode], obj] if mode in _NESTED_WRAP else obj


def _attribute_type(attr: Mapping[str, Any]) -> Any:
    return _nested_type(attr["nested_type"]) if "nested_type" in attr else attr.get("type", "dynamic")


def _flag(attr: Mapping[str, Any]) -> str:
    if attr.get("required"):
        return "r"
    if attr.get("optional"):
        return "o"
    return "c"


def compact_block(block: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    attrs = block.get("attributes") or {}
    if attrs:
        out["a"] = {name: [_attribute_type(attr), _flag(attr)] for name, attr in sorted(attrs.items())}
    nested = block.get("block_types") or {}
    if nested:
        out["b"] = {name: [spec["nesting_mode"], int(spec.get("min_items") or 0), int(spec.get("max_items") or 0),
                           compact_block(spec.get("block") or {})] for name, spec in sorted(nested.items())}
    return out


def _dump(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def module_text(header: str, provider_version: str, resources: Mapping[str, Any],
                data_sources: Mapping[str, Any], provider: Mapping[str, Any] | None = None) -> str:
    """The generated module's text: ``header`` (the ``@generated`` line), the compact schema of the
    provider block (``PROVIDER``; ``None`` where the source does not give it) and of every type of
    ``SCHEMA_RESOURCES`` / ``DATA_SOURCES`` (compact bodies by type name)."""
    lines = [header,
             '"""The compact provider schema of the types this library emits (see bindings/_schema_gen.py',
             'for the format); read by ``batch_constructs._schema_check``."""',
             "", f"PROVIDER_VERSION = {provider_version!r}", f"SOURCE = {SOURCE!r}",
             f"BUILTIN = {tuple(sorted(BUILTIN))!r}", "",
             f"PROVIDER = {_dump(provider) if provider is not None else None}", ""]
    for section, kind, names, schemas in (("RESOURCES", "resource", SCHEMA_RESOURCES, resources),
                                          ("DATA_SOURCES", "data source", DATA_SOURCES, data_sources)):
        missing = sorted(set(names) - set(schemas))
        if missing:
            raise SystemExit(f"hashicorp/aws {provider_version} has no {kind} type(s) {', '.join(missing)}")
        lines.append(f"{section} = {{")
        for name in sorted(set(names)):
            lines.append(f"    {name!r}: {_dump(schemas[name])},")
        lines.append("}")
        lines.append("")
    return "\n".join(lines)


# ---- the jsii assembly of the prebuilt bindings (the 6.x lane) ---------------------------------------------

BINDINGS_DIST = "cdktf-cdktf-provider-aws"
#: The bindings release whose assembly ``--assembly`` reads by default (pins hashicorp/aws 6.25.0).
BINDINGS_VERSION = "21.22.1"
_RESOLVABLE = ("cdktf.IResolvable", "cdktn.IResolvable")
_PRIMITIVES = {"string": "string", "number": "number", "boolean": "bool", "any": "dynamic", "json": "dynamic"}
_BASES = {f"{core}.{base}": kind for core in ("cdktf", "cdktn")
          for base, kind in (("TerraformResource", "resource"), ("TerraformDataSource", "data source"),
                             ("TerraformProvider", "provider"))}
# ``Represents a {@link https://registry.terraform.io/providers/hashicorp/aws/6.25.0/docs/resources/batch_job_queue
# aws_batch_job_queue}.`` (one line in the assembly)
_CLASS_LINK = re.compile(r"/providers/hashicorp/aws/([0-9][^/\s]*)/docs/(?:resources|data-sources)/\w+ (\w+)\}")
# ``{@link https://.../docs/resources/batch_job_queue#compute_environment_order
# BatchJobQueue#compute_environment_order}`` (one line in the assembly)
_PROPERTY_LINK = re.compile(r"/docs/(?:resources|data-sources)/\w+#(\w+)[\s}]")
_JS_CLASS = re.compile(r"^(?:export )?class (\w+) extends", re.M)
# ``// ecs_cluster_arn - computed: true, optional: false, required: false`` above ``get ecsClusterArn() {`` or
# ``this._dnsEntry = new VpcEndpointDnsEntryList(this, "dns_entry", false);``
_JS_NAME = re.compile(r"// (\w+) - computed: \w+, optional: \w+, required: \w+\s*\n\s*(?:get (\w+)\(|(?:this\.)?_(\w+) = )")


def js_terraform_names(source: str) -> dict[str, dict[str, str]]:
    """``{class: {jsii property: Terraform name}}`` from a compiled bindings module (``index.js``)."""
    names: dict[str, dict[str, str]] = {}
    starts = list(_JS_CLASS.finditer(source))
    for index, start in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(source)
        found = names.setdefault(start.group(1), {})
        for match in _JS_NAME.finditer(source, start.end(), end):
            found.setdefault(match.group(2) or match.group(3), match.group(1))
    return names


def _docs_text(prop: Mapping[str, Any]) -> str:
    docs = prop.get("docs") or {}
    return f"{docs.get('summary', '')} {docs.get('remarks', '')} "


def _unwrap(ref: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """A type reference without ``cdktf.IResolvable`` in its union (None: still a union, so unknown)."""
    if "union" in ref:
        members = [t for t in ref["union"]["types"] if t.get("fqn") not in _RESOLVABLE]
        return _unwrap(members[0]) if len(members) == 1 else None
    return ref


def _struct(ref: Mapping[str, Any] | None, types: Mapping[str, Any]) -> Mapping[str, Any] | None:
    spec = types.get(ref.get("fqn", "")) if ref else None
    return spec if spec and spec.get("datatype") else None


def _assembly_type(ref: Mapping[str, Any] | None) -> Any:
    """The Terraform type expression of an attribute's jsii type reference (lenient: ``dynamic``)."""
    ref = _unwrap(ref) if ref is not None else None
    if ref is None:
        return "dynamic"
    if "primitive" in ref:
        return _PRIMITIVES.get(ref["primitive"], "dynamic")
    if "collection" in ref:
        kind = {"array": "list", "map": "map"}.get(ref["collection"]["kind"])
        return [kind, _assembly_type(ref["collection"]["elementtype"])] if kind else "dynamic"
    return "dynamic"  # a struct or class inside a collection: not checked


def _terraform_name(prop: Mapping[str, Any], owner: str, lenient: bool = False) -> str:
    match = _PROPERTY_LINK.search(_docs_text(prop)) or _PROPERTY_LINK_PROVIDER.search(_docs_text(prop))
    if match is None and lenient:  # the provider block: some properties have no docs link
        return _snake(prop["name"])
    if match is None:
        raise SystemExit(f"{owner}.{prop['name']}: no Terraform docs link to take the attribute name from")
    return match.group(1)


def assembly_block(struct: Mapping[str, Any], types: Mapping[str, Any], js_names: Mapping[str, Mapping[str, str]],
                   getters: Mapping[str, Any] | None = None, lenient: bool = False) -> dict[str, Any]:
    """The compact body of one config struct (``getters``: the class or ``OutputReference`` whose
    extra getters are the computed-only attributes)."""
    attrs: dict[str, Any] = {}
    blocks: dict[str, Any] = {}
    config = set()
    for prop in struct.get("properties") or ():
        config.add(prop["name"])
        name = _terraform_name(prop, struct["name"], lenient)
        required = not prop.get("optional")
        ref = _unwrap(prop["type"])
        nested = _struct(ref, types)
        if nested is None and ref is not None and ref.get("collection", {}).get("kind") == "array":
            nested = _struct(_unwrap(ref["collection"]["elementtype"]), types)
            limit = 0  # a list/set block: its max_items is not in the assembly
        else:
            limit = 1
        if nested is not None:
            output = types.get(nested["fqn"] + "OutputReference")
            blocks[name] = ["list", int(required), limit, assembly_block(nested, types, js_names, output, lenient)]
        else:
            attrs[name] = [_assembly_type(prop["type"]), "r" if required else "o"]
    if getters:
        terraform_names = js_names.get(getters["name"]) or {}
        for prop in getters.get("properties") or ():
            js_name = prop["name"]
            if (prop.get("static") or js_name in config or js_name == "internalValue"
                    or (js_name.endswith("Input") and js_name[:-5] in config)):
                continue
            name = terraform_names.get(js_name)
            if name is not None and name not in blocks:
                attrs.setdefault(name, [_assembly_type(prop["type"]), "c"])
    out: dict[str, Any] = {}
    if attrs:
        out["a"] = dict(sorted(attrs.items()))
    if blocks:
        out["b"] = dict(sorted(blocks.items()))
    return out


def assembly_classes(types: Mapping[str, Any]) -> dict[tuple[str, str], Mapping[str, Any]]:
    """``{("resource"|"data source", Terraform type): class}`` of every resource and data source."""
    found = {}
    for spec in types.values():
        kind = _BASES.get(spec.get("base", ""))
        match = _CLASS_LINK.search((spec.get("docs") or {}).get("summary", "")) if kind else None
        if match is not None:
            found[(kind, match.group(2))] = spec
    return found


def _config_struct(cls: Mapping[str, Any], types: Mapping[str, Any]) -> Mapping[str, Any]:
    params = (cls.get("initializer") or {}).get("parameters") or ()
    for param in params:
        if param["name"] == "config":
            return types[param["type"]["fqn"]]
    raise SystemExit(f"{cls['fqn']} has no config parameter")


def _js_file(cls: Mapping[str, Any]) -> str:
    """``src/batch-job-queue/index.ts`` → ``package/lib/batch-job-queue/index.js``."""
    source = cls["locationInModule"]["filename"]
    return "package/lib/" + source[len("src/"):-len(".ts")] + ".js"


def assembly_schemas(types: Mapping[str, Any], js_sources: Mapping[str, str]
                     ) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """``(hashicorp/aws version, {resource: compact}, {data source: compact})`` for the listed types;
    ``js_sources``: ``index.js`` text by tarball path (:func:`needed_js_files`)."""
    classes = assembly_classes(types)
    versions = set()
    out: dict[str, dict[str, Any]] = {"resource": {}, "data source": {}}
    for kind, names in (("resource", SCHEMA_RESOURCES), ("data source", DATA_SOURCES)):
        for name in names:
            cls = classes.get((kind, name))
            if cls is None:
                continue  # module_text names what is missing
            versions.add(_CLASS_LINK.search(cls["docs"]["summary"]).group(1))  # type: ignore[union-attr]
            js_names = js_terraform_names(js_sources.get(_js_file(cls), ""))
            out[kind][name] = assembly_block(_config_struct(cls, types), types, js_names, cls)
    if len(versions) != 1:
        raise SystemExit(f"the assembly links to hashicorp/aws version(s) {sorted(versions)}: expected one")
    return versions.pop(), out["resource"], out["data source"]


def _snake(name: str) -> str:
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower()


def assembly_provider(types: Mapping[str, Any]) -> dict[str, Any] | None:
    """The compact provider block from the ``AwsProvider`` class's config struct (a property
    without a docs link, such as ``alias``, is named by snake-casing its jsii name)."""
    cls = next((spec for spec in types.values() if _BASES.get(spec.get("base", "")) == "provider"), None)
    if cls is None:
        return None
    return assembly_block(_config_struct(cls, types), types, {}, None, lenient=True)


_PROPERTY_LINK_PROVIDER = re.compile(r"/providers/hashicorp/aws/[^/\s]+/docs#(\w+)[\s}]")


def _read_members(path: Path, names: set[str]) -> dict[str, str]:
    with tarfile.open(path) as tar:
        return {member.name: tar.extractfile(member).read().decode()  # type: ignore[union-attr]
                for member in tar if member.name in names}


def target_for(version: str) -> Path:
    """The compact schema module of hashicorp/aws ``version`` in this package."""
    return PACKAGE / f"schema_aws_{version.replace('.', '_')}.py"


def assembly_version(document: Mapping[str, Any]) -> str:
    """The hashicorp/aws version a bindings assembly (:func:`read_assembly`) links its provider docs to."""
    for spec in document["types"].values():
        if _BASES.get(spec.get("base", "")) == "provider":
            match = re.search(r"/providers/hashicorp/aws/([0-9][^/\s]*)/docs", (spec.get("docs") or {}).get("summary", ""))
            if match:
                return match.group(1)
    raise SystemExit(f"{document.get('name')}: no AwsProvider class linking a hashicorp/aws version")


def render_assembly(path: Path, document: Mapping[str, Any] | None = None) -> tuple[str, str]:
    """``(hashicorp/aws version, module text)`` from a prebuilt bindings assembly tarball
    (``cdktf-cdktf-provider-aws`` or ``cdktn-provider-aws``: ``<package>/_jsii/provider-aws@*.jsii.tgz``)."""
    document = document if document is not None else read_assembly(path)  # 46 MB: read it once
    types = document["types"]
    classes = assembly_classes(types)
    wanted = {_js_file(cls) for (kind, name), cls in classes.items()
              if name in (SCHEMA_RESOURCES if kind == "resource" else DATA_SOURCES)}
    provider_version, resources, data_sources = assembly_schemas(types, _read_members(path, wanted))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    header = (f"# @generated by {COMMAND} schema --assembly {path.name} from {document['name']} "
              f"{document['version']} (hashicorp/aws {provider_version}, sha256 {digest}). DO NOT EDIT.")
    return provider_version, module_text(header, provider_version, resources, data_sources,
                                         assembly_provider(types))


def render_schema_json(raw: Mapping[str, Any], version: str) -> str:
    """The module text from the whole ``terraform providers schema -json`` output of hashicorp/aws ``version``."""
    digest = hashlib.sha256(_dump(raw).encode()).hexdigest()
    entry = (raw.get("provider_schemas") or {}).get(SOURCE)
    if entry is None:
        raise SystemExit(f"the schema JSON has no provider {SOURCE}")
    header = (f"# @generated by {COMMAND} schema --provider-version {version} from "
              f"terraform providers schema -json (hashicorp/aws {version}, sha256 {digest}). DO NOT EDIT.")
    compact = {key: {name: compact_block(spec["block"]) for name, spec in (entry.get(key) or {}).items()
                     if name in names}
               for key, names in (("resource_schemas", SCHEMA_RESOURCES), ("data_source_schemas", DATA_SOURCES))}
    provider = compact_block((entry.get("provider") or {}).get("block") or {})
    return module_text(header, version, compact["resource_schemas"], compact["data_source_schemas"], provider)
