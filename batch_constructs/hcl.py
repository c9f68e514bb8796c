"""HCL output: render a synthesized stack (``cdk.tf.json``) as native Terraform HCL.

Pure Python (no jsii): the input is the stack's JSON document, the output is text rendered with
``python-hcl2`` v8 (``hcl2.dumps`` of a v8 dict, see :func:`to_hcl2_dict`), then whitespace
normalized to what ``terraform fmt`` writes (:func:`fmt`).

Terraform's JSON syntax does not say which object-valued keys are nested *blocks* and which
are *attributes* of object type; Terraform decides with the provider schema. So does this
module: :func:`load_provider_schema` asks ``terraform providers schema -json`` once per provider
version (offline with a filesystem mirror) and caches a compact copy (block nesting and the
string attributes) under ``~/.cache/batch_constructs/provider-schemas``.

How values are written:

* ``"${aws_x.y.id}"`` (a string that is a single interpolation) becomes the expression
  ``aws_x.y.id``; other strings stay quoted templates (``$${``/``%%{`` escapes kept).
* meta-arguments become references: ``depends_on = [aws_x.y]``, ``provider = aws.west``,
  ``lifecycle { ignore_changes = [tags] }``; ``variable`` types become type expressions.
* a JSON-string attribute (``container_properties``, IAM policies, ...) becomes
  ``jsonencode({...})`` when Terraform's ``jsonencode`` reproduces the string exactly (sorted
  keys, compact) or when the attribute is one the provider compares as JSON (``*policy*``,
  ``container_properties``, ``node_properties``, ``ecs_properties``); otherwise it stays a
  quoted string. Interpolations inside become ``tostring(...)`` unless the schema says the
  referenced attribute is a string, so the JSON keeps its string type.

:func:`semantic_diff` proves the result: ``hcl2.loads`` of the HCL, compared with the JSON
document value by value (blocks by ``__is_block__``, never by the schema).
"""
from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any, Iterable, Mapping

# Exported from ``batch_constructs`` too; ``fmt``, ``split_template``, ``compact_schema`` and
# ``is_identifier`` are importable from here.
__all__ = ["HclError", "ProviderSchema", "load_provider_schema", "to_hcl2_dict", "render_hcl",
           "render_hcl_files", "write_hcl", "semantic_diff"]

IS_BLOCK = "__is_block__"
DEFAULT_REGISTRY = "registry.terraform.io"
CACHE_ENV = "BATCH_CONSTRUCTS_SCHEMA_CACHE"
MIRROR_ENV = "BATCH_CONSTRUCTS_PROVIDER_MIRROR"

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_EXACT_VERSION = re.compile(r"^\d+\.\d+\.\d+$")
_HCL_KEYWORDS = {"true", "false", "null", "for", "in", "if", "endif", "endfor", "else"}
# Attributes the AWS provider compares as JSON documents (so key order and spacing don't matter).
_JSON_SEMANTIC = re.compile(r"(policy|^container_properties$|^node_properties$|^ecs_properties$)")

# Top-level block order in the rendered files.
_FILES = {
    "versions.tf": ("terraform",),
    "providers.tf": ("provider",),
    "variables.tf": ("variable",),
    "main.tf": ("locals", "data", "resource", "module", "moved", "import", "removed", "check"),
    "outputs.tf": ("output",),
}
_KNOWN_TOP = {kind for kinds in _FILES.values() for kind in kinds} | {"//"}


class HclError(ValueError):
    """A stack that cannot be rendered as HCL (unknown construct, missing schema, bad syntax)."""


def is_identifier(name: str) -> bool:
    """A valid Terraform identifier (variable, output, local, block label name)."""
    return isinstance(name, str) and bool(_IDENTIFIER.match(name))


# ---------------------------------------------------------------------------------------------
# provider schemas
# ---------------------------------------------------------------------------------------------

def compact_schema(block: Mapping[str, Any]) -> dict[str, Any]:
    """The parts of a ``terraform providers schema -json`` block the renderer needs:
    ``{"b": {name: {"n": nesting_mode, ...nested}}, "s": [string attribute names]}``."""
    out: dict[str, Any] = {}
    nested = block.get("block_types") or {}
    if nested:
        out["b"] = {name: {"n": spec["nesting_mode"], **compact_schema(spec.get("block") or {})}
                    for name, spec in sorted(nested.items())}
    strings = sorted(name for name, attr in (block.get("attributes") or {}).items() if attr.get("type") == "string")
    if strings:
        out["s"] = strings
    return out


def _compact_provider(entry: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "provider": compact_schema((entry.get("provider") or {}).get("block") or {}),
        "resource": {k: compact_schema(v["block"]) for k, v in sorted((entry.get("resource_schemas") or {}).items())},
        "data": {k: compact_schema(v["block"]) for k, v in sorted((entry.get("data_source_schemas") or {}).items())},
    }


def normalize_source(source: str) -> str:
    """``aws`` → ``registry.terraform.io/hashicorp/aws``; ``hashicorp/aws`` likewise."""
    parts = source.lower().split("/")
    if len(parts) == 1:
        return f"{DEFAULT_REGISTRY}/hashicorp/{parts[0]}"
    if len(parts) == 2:
        return f"{DEFAULT_REGISTRY}/{parts[0]}/{parts[1]}"
    return source.lower()


def _required_providers(doc: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for local, spec in ((doc.get("terraform") or {}).get("required_providers") or {}).items():
        if isinstance(spec, str):
            spec = {"version": spec}
        found[local] = {"source": normalize_source(spec.get("source") or local), "version": spec.get("version") or ""}
    return found


@dataclass
class ProviderSchema:
    """Compact schemas by provider source address (``registry.terraform.io/hashicorp/aws``)."""

    providers: dict[str, dict[str, Any]] = field(default_factory=dict)
    local_names: dict[str, str] = field(default_factory=dict)

    def source_of(self, local: str) -> str:
        return self.local_names.get(local) or normalize_source(local)

    def shape(self, kind: str, type_name: str, provider: str | None = None) -> dict[str, Any]:
        """The compact schema of a ``resource``/``data`` type or (``kind="provider"``) a provider."""
        if kind == "provider":
            local = type_name
        else:
            local = (provider or type_name.split("_", 1)[0]).split(".", 1)[0]
        source = self.source_of(local)
        entry = self.providers.get(source)
        if entry is None:
            raise HclError(f"no provider schema for {source!r} (needed by {kind} {type_name!r}); "
                           f"load it with load_provider_schema()")
        if kind == "provider":
            return entry["provider"]
        shapes = entry["resource" if kind == "resource" else "data"]
        if type_name not in shapes:
            raise HclError(f"provider {source} has no {kind} type {type_name!r}")
        return shapes[type_name]

    def merged(self, other: "ProviderSchema") -> "ProviderSchema":
        return ProviderSchema({**self.providers, **other.providers}, {**self.local_names, **other.local_names})


def _cache_dir(cache_dir: str | os.PathLike[str] | None) -> Path:
    if cache_dir is not None:
        return Path(cache_dir)
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "batch_constructs" / "provider-schemas"


def _cache_file(directory: Path, source: str, version: str) -> Path:
    return directory / (source.replace("/", "_") + f"_{version}.json.gz")


def _cli_config(mirror: Path, directory: Path) -> Path:
    path = directory / "terraform-cli.tfrc"
    path.write_text("provider_installation {\n  filesystem_mirror {\n"
                    f"    path    = {json.dumps(str(mirror))}\n"
                    '    include = ["registry.terraform.io/*/*"]\n  }\n'
                    '  direct {\n    exclude = ["registry.terraform.io/*/*"]\n  }\n}\n')
    return path


def load_provider_schema(docs: Mapping[str, Any] | Iterable[Mapping[str, Any]], *,
                         terraform: str | None = None, cache_dir: str | os.PathLike[str] | None = None,
                         provider_mirror: str | os.PathLike[str] | None = None,
                         cli_config: str | os.PathLike[str] | None = None) -> ProviderSchema:
    """The provider schemas for every provider the stack document(s) require.

    Exact versions are read from the cache (``cache_dir``, default ``$BATCH_CONSTRUCTS_SCHEMA_CACHE``
    or ``~/.cache/batch_constructs/provider-schemas``); missing ones are fetched with
    ``terraform init`` + ``terraform providers schema -json`` in a temporary directory.
    ``provider_mirror`` (default ``$BATCH_CONSTRUCTS_PROVIDER_MIRROR``) is a filesystem mirror for
    an offline init; ``cli_config`` a ready CLI configuration (else ``$TF_CLI_CONFIG_FILE``).
    """
    if isinstance(docs, Mapping):
        docs = [docs]
    required: dict[str, dict[str, str]] = {}
    for doc in docs:
        required.update(_required_providers(doc))
    schema = ProviderSchema(local_names={local: spec["source"] for local, spec in required.items()})
    directory = _cache_dir(cache_dir)
    missing: dict[str, dict[str, str]] = {}
    for local, spec in required.items():
        if _EXACT_VERSION.match(spec["version"]):
            path = _cache_file(directory, spec["source"], spec["version"])
            if path.is_file():
                schema.providers[spec["source"]] = json.loads(gzip.decompress(path.read_bytes()))
                continue
        missing[local] = spec
    if missing:
        fetched = _fetch_schemas(missing, terraform=terraform, provider_mirror=provider_mirror, cli_config=cli_config)
        for local, spec in missing.items():
            entry = fetched.get(spec["source"])
            if entry is None:
                raise HclError(f"terraform returned no schema for provider {spec['source']}")
            schema.providers[spec["source"]] = entry
            if _EXACT_VERSION.match(spec["version"]):
                try:
                    directory.mkdir(parents=True, exist_ok=True)
                    target = _cache_file(directory, spec["source"], spec["version"])
                    tmp = target.with_suffix(".tmp")
                    tmp.write_bytes(gzip.compress(json.dumps(entry, sort_keys=True, separators=(",", ":")).encode()))
                    tmp.replace(target)
                except OSError:
                    pass  # a read-only cache only costs time
    return schema


def _fetch_schemas(required: Mapping[str, Mapping[str, str]], *, terraform: str | None,
                   provider_mirror: str | os.PathLike[str] | None,
                   cli_config: str | os.PathLike[str] | None) -> dict[str, dict[str, Any]]:
    binary = terraform or shutil.which(os.environ.get("TERRAFORM_BINARY_NAME", "terraform"))
    if not binary:
        raise HclError("rendering HCL needs the provider schema: install terraform (or pass terraform=...), "
                       "or fill the schema cache once on a machine that has it")
    env = {**os.environ, "TF_IN_AUTOMATION": "1", "TF_INPUT": "0", "CHECKPOINT_DISABLE": "1"}
    env.pop("TF_LOG", None)
    with tempfile.TemporaryDirectory(prefix="batch-constructs-schema-") as tmp:
        work = Path(tmp)
        mirror = provider_mirror or os.environ.get(MIRROR_ENV)
        if cli_config:
            env["TF_CLI_CONFIG_FILE"] = str(cli_config)
        elif mirror:
            env["TF_CLI_CONFIG_FILE"] = str(_cli_config(Path(mirror), work))
        providers = {local: {"source": spec["source"], **({"version": spec["version"]} if spec["version"] else {})}
                     for local, spec in required.items()}
        (work / "main.tf.json").write_text(json.dumps({"terraform": {"required_providers": providers}}))
        init = subprocess.run([binary, "init", "-backend=false", "-input=false", "-no-color"], cwd=work, env=env,
                              capture_output=True, text=True, timeout=600)
        if init.returncode != 0:
            raise HclError("terraform init failed while fetching provider schemas (offline? set "
                           f"{MIRROR_ENV} to a provider mirror or TF_CLI_CONFIG_FILE):\n{init.stderr[-3000:]}")
        shown = subprocess.run([binary, "providers", "schema", "-json"], cwd=work, env=env,
                               capture_output=True, text=True, timeout=600)
        if shown.returncode != 0:
            raise HclError(f"terraform providers schema failed:\n{shown.stderr[-3000:]}")
        raw = json.loads(shown.stdout).get("provider_schemas") or {}
    return {source.lower(): _compact_provider(entry) for source, entry in raw.items()}


# ---------------------------------------------------------------------------------------------
# templates and strings
# ---------------------------------------------------------------------------------------------

def _scan_string(text: str, i: int) -> int:
    """``text[i-1]`` opened a quoted string inside an expression; index after its closing quote."""
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == '"':
            return i + 1
        if text.startswith("$${", i) or text.startswith("%%{", i):
            i += 3
            continue
        if text.startswith("${", i) or text.startswith("%{", i):
            i = _scan_expr(text, i + 2)
            continue
        i += 1
    raise HclError(f"unterminated string in template {text!r}")


def _scan_expr(text: str, i: int) -> int:
    """``text[i-2:i]`` opened ``${``/``%{``: index after the matching ``}``."""
    depth = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == '"':
            i = _scan_string(text, i + 1)
            continue
        if c in "{[(":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == "}":
            if depth == 0:
                return i + 1
            depth -= 1
        i += 1
    raise HclError(f"unterminated interpolation in template {text!r}")


def split_template(text: str) -> list[tuple[str, str]]:
    """Split template source into ``("lit", ...)``, ``("interp", "${...}")`` and
    ``("directive", "%{...}")`` parts. ``$${`` and ``%%{`` stay in literal parts."""
    parts: list[tuple[str, str]] = []
    literal: list[str] = []
    i, n = 0, len(text)
    while i < n:
        if text.startswith("$${", i) or text.startswith("%%{", i):
            literal.append(text[i:i + 3])
            i += 3
            continue
        if text.startswith("${", i) or text.startswith("%{", i):
            end = _scan_expr(text, i + 2)
            if literal:
                parts.append(("lit", "".join(literal)))
                literal = []
            parts.append(("interp" if text[i] == "$" else "directive", text[i:end]))
            i = end
            continue
        literal.append(text[i])
        i += 1
    if literal:
        parts.append(("lit", "".join(literal)))
    return parts


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_literal(text: str) -> str:
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ch in "\u2028\u2029":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)


def _unescape_literal(text: str) -> str:
    out, i, n = [], 0, len(text)
    simple = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n:
            m = text[i + 1]
            if m in simple:
                out.append(simple[m])
                i += 2
                continue
            if m in "uU":
                width = 4 if m == "u" else 8
                out.append(chr(int(text[i + 2:i + 2 + width], 16)))
                i += 2 + width
                continue
        out.append(c)
        i += 1
    return "".join(out)


def escape_template_source(text: str) -> str:
    """A literal string as template source: ``${`` → ``$${``, ``%{`` → ``%%{``."""
    return text.replace("${", "$${").replace("%{", "%%{")


def _quoted(source: str) -> str:
    """Template source → the v8 dict form of an HCL quoted string (``'"..."'``)."""
    return '"' + "".join(_escape_literal(t) if kind == "lit" else t for kind, t in split_template(source)) + '"'


def _single_interpolation(source: str) -> str | None:
    parts = split_template(source)
    if len(parts) == 1 and parts[0][0] == "interp" and not parts[0][1].startswith("${~") \
            and not parts[0][1].endswith("~}"):
        return parts[0][1][2:-1].strip()
    return None


# ---------------------------------------------------------------------------------------------
# JSON syntax → hcl2 v8 dict
# ---------------------------------------------------------------------------------------------

def _tf_jsonencode(value: Any) -> str | None:
    """What Terraform's ``jsonencode`` writes for ``value`` (``None`` if unsure, e.g. exponents)."""
    def number_ok(v: Any) -> bool:
        return isinstance(v, bool) or isinstance(v, int) or (isinstance(v, float) and "e" not in repr(v)
                                                              and "inf" not in repr(v) and "nan" not in repr(v))

    def walk(v: Any) -> bool:
        if isinstance(v, dict):
            return all(walk(x) for x in v.values())
        if isinstance(v, list):
            return all(walk(x) for x in v)
        if isinstance(v, (int, float)):
            return number_ok(v) and not (isinstance(v, float) and v.is_integer())
        return True

    if not walk(value):
        return None
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _json_document(source: str) -> Any:
    """The decoded JSON document in a template string (objects/arrays only), else ``None``."""
    stripped = source.strip()
    if not stripped or stripped[0] not in "{[":
        return None
    try:
        value = json.loads(source)
    except ValueError:
        return None
    return value if isinstance(value, (dict, list)) and value else None


@dataclass
class _Ctx:
    schema: ProviderSchema
    variables: Mapping[str, Any]

    def string_typed(self, expr: str) -> bool:
        """Whether ``expr`` is a reference the schema types as a string."""
        parts = expr.split(".")
        if not all(is_identifier(p) for p in parts):
            return False
        try:
            if parts[0] == "var" and len(parts) == 2:
                return (self.variables.get(parts[1]) or {}).get("type") == "string"
            if parts[0] == "data" and len(parts) == 4:
                return parts[3] in self.schema.shape("data", parts[1]).get("s", ())
            if len(parts) == 3 and "_" in parts[0]:
                return parts[2] in self.schema.shape("resource", parts[0]).get("s", ())
        except HclError:
            return False
        return False


def _hcl_key(key: str) -> str:
    if is_identifier(key) and key not in _HCL_KEYWORDS and "-" not in key:
        return key
    return _quoted(key)   # object keys are templates in both syntaxes


def _expr_text(value: Any, ctx: _Ctx, in_json: bool) -> str:
    """A value as HCL expression source (used inside ``jsonencode(...)``)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if not value.is_integer() else str(int(value))
    if isinstance(value, str):
        inner = _single_interpolation(value)
        if inner is not None and in_json:
            return inner if ctx.string_typed(inner) else f"tostring({inner})"
        return _quoted(value)
    if isinstance(value, list):
        return "[" + ", ".join(_expr_text(v, ctx, in_json) for v in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{" + ", ".join(f"{_hcl_key(k)} = {_expr_text(v, ctx, in_json)}" for k, v in value.items()) + "}"
    raise HclError(f"cannot render {type(value).__name__} value {value!r}")


def _value(value: Any, ctx: _Ctx, *, key: str | None = None, literal: bool = False) -> Any:
    """A JSON-syntax value as a v8 dict value. ``literal``: strings are not templates."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        if literal:
            return _quoted(escape_template_source(value))
        document = _json_document(value) if key is not None else None
        if document is not None:
            exact = _tf_jsonencode(document) == value
            if exact or _JSON_SEMANTIC.search(key or ""):
                return "${jsonencode(" + _expr_text(document, ctx, True) + ")}"
        inner = _single_interpolation(value)
        if inner is not None:
            return "${" + inner + "}"
        return _quoted(value)
    if isinstance(value, list):
        return [_value(v, ctx, literal=literal) for v in value]
    if isinstance(value, dict):
        return {_hcl_key(k) if not literal else _quoted(escape_template_source(k)) if not is_identifier(k) else k:
                _value(v, ctx, literal=literal) for k, v in value.items()}
    raise HclError(f"cannot render {type(value).__name__} value {value!r}")


def _reference(text: Any) -> str:
    """A meta-argument reference given as a JSON string (``aws_x.y`` or ``${aws_x.y}``)."""
    if not isinstance(text, str):
        raise HclError(f"expected a reference string, got {text!r}")
    inner = _single_interpolation(text)
    return "${" + (inner if inner is not None else text) + "}"


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _block(body: dict[str, Any]) -> dict[str, Any]:
    return {**body, IS_BLOCK: True}


def _lifecycle(value: Mapping[str, Any], ctx: _Ctx) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, item in value.items():
        if key == "//":
            continue
        if key == "ignore_changes":
            out[key] = "${all}" if item == "all" else [_reference(v) for v in _as_list(item)]
        elif key == "replace_triggered_by":
            out[key] = [_reference(v) for v in _as_list(item)]
        elif key in ("precondition", "postcondition"):
            out[key] = [_block(_condition(c, ctx)) for c in _as_list(item)]
        else:
            out[key] = _value(item, ctx)
    return out


def _condition(value: Mapping[str, Any], ctx: _Ctx) -> dict[str, Any]:
    return {k: (_reference(v) if k == "condition" else _value(v, ctx)) for k, v in value.items() if k != "//"}


_RESOURCE_META_FIRST = ("count", "for_each", "provider")
_RESOURCE_META_LAST = ("depends_on",)
_RESOURCE_META_BLOCKS = ("lifecycle", "provisioner", "connection")


def _schema_body(obj: Mapping[str, Any], shape: Mapping[str, Any], ctx: _Ctx, *, meta: bool) -> dict[str, Any]:
    """A block body: attributes (JSON order), then nested blocks, then meta blocks."""
    if not isinstance(obj, Mapping):
        raise HclError(f"expected a block body object, got {obj!r}")
    blocks_shape = shape.get("b") or {}
    attrs: dict[str, Any] = {}
    blocks: dict[str, Any] = {}
    tail: dict[str, Any] = {}
    if meta:
        for key in _RESOURCE_META_FIRST:
            if key in obj:
                attrs[key] = _reference(obj[key]) if key == "provider" else _value(obj[key], ctx)
    for key, item in obj.items():
        if key == "//" or (meta and key in _RESOURCE_META_FIRST):
            continue
        if meta and key == "depends_on":
            tail[key] = [_reference(v) for v in _as_list(item)]
        elif meta and key == "lifecycle":
            tail[key] = [_block(_lifecycle(b, ctx)) for b in _as_list(item)]
        elif meta and key == "provisioner":
            tail[key] = [{_quoted(kind): _block(_plain_body(body, ctx))}
                         for p in _as_list(item) for kind, body in p.items()]
        elif meta and key == "connection":
            tail[key] = [_block(_plain_body(b, ctx)) for b in _as_list(item)]
        elif key in blocks_shape:
            spec = blocks_shape[key]
            if spec["n"] == "map":
                entries = [{_quoted(escape_template_source(label)): _block(_schema_body(body, spec, ctx, meta=False))}
                           for m in _as_list(item) for label, body in m.items()]
            else:
                entries = [_block(_schema_body(b, spec, ctx, meta=False)) for b in _as_list(item) if b is not None]
            if entries:
                blocks[key] = entries
        else:
            attrs[key] = _value(item, ctx, key=key)
    return {**attrs, **blocks, **tail}


def _plain_body(obj: Mapping[str, Any], ctx: _Ctx) -> dict[str, Any]:
    """A body without a schema (provisioner, connection): every key an attribute."""
    return {k: _value(v, ctx, key=k) for k, v in obj.items() if k != "//"}


def _labelled(labels: list[str], body: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = _block(body)
    for label in reversed(labels):
        out = {_quoted(escape_template_source(label)): out}
    return out


def _terraform_block(value: Mapping[str, Any], ctx: _Ctx) -> dict[str, Any]:
    body: dict[str, Any] = {}
    for key, item in value.items():
        if key == "//":
            continue
        if key == "required_providers":
            providers = {}
            for local, spec in item.items():
                providers[local] = (_value(spec, ctx, literal=True) if isinstance(spec, str)
                                    else {k: _value(v, ctx, literal=True) for k, v in spec.items()
                                          if k != "configuration_aliases"}
                                    | ({"configuration_aliases": [_reference(a) for a in spec["configuration_aliases"]]}
                                       if isinstance(spec, dict) and "configuration_aliases" in spec else {}))
            body[key] = [_block(providers)]
        elif key == "backend":
            body[key] = [{_quoted(kind): _block({k: _value(v, ctx, literal=True) for k, v in cfg.items()})}
                         for kind, cfg in item.items()]
        elif key in ("cloud", "provider_meta"):
            body[key] = [_block({k: _value(v, ctx, literal=True) for k, v in b.items()}) for b in _as_list(item)]
        else:
            body[key] = _value(item, ctx, literal=True)
    return body


def _variable_block(value: Mapping[str, Any], ctx: _Ctx) -> dict[str, Any]:
    body: dict[str, Any] = {}
    for key, item in value.items():
        if key == "//":
            continue
        if key == "type":
            body[key] = "${" + item + "}"
        elif key in ("default", "description"):
            body[key] = _value(item, ctx, literal=True)
        elif key == "validation":
            body[key] = [_block(_condition(v, ctx)) for v in _as_list(item)]
        else:
            body[key] = _value(item, ctx)
    return body


def _output_block(value: Mapping[str, Any], ctx: _Ctx) -> dict[str, Any]:
    body: dict[str, Any] = {}
    for key, item in value.items():
        if key == "//":
            continue
        if key == "description":
            body[key] = _value(item, ctx, literal=True)
        elif key == "depends_on":
            body[key] = [_reference(v) for v in _as_list(item)]
        elif key == "precondition":
            body[key] = [_block(_condition(v, ctx)) for v in _as_list(item)]
        else:
            body[key] = _value(item, ctx, key=key)
    return body


def _module_block(value: Mapping[str, Any], ctx: _Ctx) -> dict[str, Any]:
    body: dict[str, Any] = {}
    for key, item in value.items():
        if key == "//":
            continue
        if key in ("source", "version"):
            body[key] = _value(item, ctx, literal=True)
        elif key == "providers":
            body[key] = {k: _reference(v) for k, v in item.items()}
        elif key == "depends_on":
            body[key] = [_reference(v) for v in _as_list(item)]
        else:
            body[key] = _value(item, ctx, key=key)
    return body


def _entries(value: Any) -> list[Any]:
    return [v for v in _as_list(value)]


def to_hcl2_dict(doc: Mapping[str, Any], schema: ProviderSchema, *,
                 kinds: Iterable[str] | None = None) -> dict[str, Any]:
    """The stack document as a python-hcl2 v8 dict (the input of ``hcl2.dumps``).

    ``kinds`` limits the output to some top-level block types (``"resource"``, ``"output"``...).
    Raises :class:`HclError` for top-level keys it does not know.
    """
    unknown = sorted(set(doc) - _KNOWN_TOP)
    if unknown:
        raise HclError(f"cannot render top-level key(s) {', '.join(map(repr, unknown))} as HCL")
    wanted = list(kinds) if kinds is not None else [k for ks in _FILES.values() for k in ks]
    ctx = _Ctx(schema, doc.get("variable") or {})
    out: dict[str, Any] = {}
    for kind in wanted:
        if kind not in doc:
            continue
        section = doc[kind]
        if kind == "terraform":
            out[kind] = [_block(_terraform_block(b, ctx)) for b in _entries(section)]
        elif kind == "provider":
            blocks = []
            for name, configs in section.items():
                shape = schema.shape("provider", name)
                for config in _as_list(configs):
                    body = _schema_body(config, shape, ctx, meta=False)
                    if "alias" in body:
                        body = {"alias": body.pop("alias"), **body}
                    blocks.append(_labelled([name], body))
            out[kind] = blocks
        elif kind in ("resource", "data"):
            blocks = []
            for type_name, items in section.items():
                for name, bodies in items.items():
                    for body in _as_list(bodies):
                        provider = body.get("provider") if isinstance(body, Mapping) else None
                        shape = schema.shape(kind, type_name, provider if isinstance(provider, str) else None)
                        blocks.append(_labelled([type_name, name], _schema_body(body, shape, ctx, meta=True)))
            out[kind] = blocks
        elif kind == "variable":
            out[kind] = [_labelled([n], _variable_block(b, ctx)) for n, b in section.items()]
        elif kind == "output":
            out[kind] = [_labelled([n], _output_block(b, ctx)) for n, b in section.items()]
        elif kind == "module":
            out[kind] = [_labelled([n], _module_block(b, ctx)) for n, b in section.items()]
        elif kind == "locals":
            merged: dict[str, Any] = {}
            for block in _entries(section):
                merged.update({k: _value(v, ctx, key=k) for k, v in block.items() if k != "//"})
            out[kind] = [_block(merged)]
        elif kind in ("moved", "removed", "import"):
            out[kind] = [_block({k: (_reference(v) if k in ("from", "to") else _value(v, ctx, key=k))
                                 for k, v in b.items() if k != "//"}) for b in _entries(section)]
        else:
            raise HclError(f"rendering {kind!r} blocks as HCL is not supported")
    return out


# ---------------------------------------------------------------------------------------------
# formatting (terraform fmt's whitespace rules, hclwrite/format.go)
# ---------------------------------------------------------------------------------------------

def _line_tokens(line: str) -> tuple[int, int | None, int]:
    """(net brackets, index of the first top-level ``=`` or None, net brackets after that ``=``)."""
    net = 0
    eq: int | None = None
    net_after = 0
    stack: list[str] = []      # "s" inside a quoted string, "e" inside an interpolation
    i, n = 0, len(line)
    while i < n:
        c = line[i]
        in_string = bool(stack) and stack[-1] == "s"
        if in_string:
            if c == "\\":
                i += 2
                continue
            if c == '"':
                stack.pop()
            elif line.startswith("$${", i) or line.startswith("%%{", i):
                i += 3
                continue
            elif line.startswith("${", i) or line.startswith("%{", i):
                stack.append("e")
                net += 1
                if eq is not None:
                    net_after += 1
                i += 2
                continue
            i += 1
            continue
        if c == "#" or line.startswith("//", i):
            break
        if c == '"':
            stack.append("s")
        elif c in "{[(":
            net += 1
            if eq is not None:
                net_after += 1
            if c == "{" and stack:
                stack.append("{")
        elif c in "}])":
            if c == "}" and stack and stack[-1] == "e":
                stack.pop()
            elif c == "}" and stack and stack[-1] == "{":
                stack.pop()
            net -= 1
            if eq is not None:
                net_after -= 1
        elif c == "=" and eq is None and not stack and i > 0 and line[i - 1] not in "=!<>" \
                and (i + 1 >= n or line[i + 1] not in "=>"):
            eq = i
        i += 1
    return net, eq, net_after


def fmt(text: str) -> str:
    """Normalize whitespace as ``terraform fmt`` does (indentation by bracket nesting, ``=``
    aligned in runs of single-line assignments), with trailing spaces and repeated blank lines
    removed. The input must hold one statement or element per line (hcl2's output does)."""
    raw = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    lines: list[str] = []
    for line in raw:
        if not line and (not lines or not lines[-1] or lines[-1].endswith(("{", "[", "("))):
            continue
        if line.startswith(("}", "]", ")")) and lines and not lines[-1]:
            lines.pop()
        lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    # indentation
    indents: list[int] = []
    info: list[tuple[int, int | None, int]] = []
    out: list[list[str]] = []   # [indent, lead, assign]
    for line in lines:
        net, eq, net_after = _line_tokens(line) if line else (0, None, 0)
        if not line:
            out.append(["", "", ""])
            info.append((0, None, 0))
            continue
        if net > 0:
            indent = 2 * len(indents)
            indents.append(net)
        elif net < 0:
            closed = -net
            while closed > 0 and indents:
                if closed > indents[-1]:
                    closed -= indents.pop()
                elif closed < indents[-1]:
                    indents[-1] -= closed
                    closed = 0
                else:
                    indents.pop()
                    closed = 0
            indent = 2 * len(indents)
        else:
            indent = 2 * len(indents)
        if eq is not None and net_after == 0:
            out.append([" " * indent, line[:eq].rstrip(), "= " + line[eq + 1:].lstrip()])
        else:
            out.append([" " * indent, line, ""])
        info.append((net, eq, net_after))
    # alignment of "=" in chains of consecutive assignment lines
    result: list[str] = []
    chain: list[list[str]] = []

    def close() -> None:
        width = max(len(c[0]) + len(c[1]) for c in chain)
        for c in chain:
            pad = width - len(c[0]) - len(c[1]) + 1
            result.append(c[0] + c[1] + " " * pad + c[2])
        chain.clear()

    for cells in out:
        if cells[2]:
            chain.append(cells)
            continue
        if chain:
            close()
        result.append((cells[0] + cells[1]).rstrip())
    if chain:
        close()
    return "\n".join(result) + "\n"


# ---------------------------------------------------------------------------------------------
# rendering
# ---------------------------------------------------------------------------------------------

def _dumps(data: dict[str, Any]) -> str:
    import hcl2
    from hcl2 import DeserializerOptions, FormatterOptions

    try:
        text = hcl2.dumps(data, deserializer_options=DeserializerOptions(object_elements_trailing_comma=False),
                          formatter_options=FormatterOptions(vertically_align_attributes=False, open_empty_blocks=False,
                                                             vertically_align_object_elements=False))
    except HclError:
        raise
    except Exception as error:  # lark errors: an expression hcl2 cannot parse
        raise HclError(f"python-hcl2 could not render the stack: {error}") from error
    return fmt(_separate_blocks(text))


def _separate_blocks(text: str) -> str:
    """One blank line between top-level blocks (hcl2 writes two, with trailing spaces)."""
    return re.sub(r"\n[ \t]*\n([ \t]*\n)+", "\n\n", text)


def render_hcl_files(doc: Mapping[str, Any], schema: ProviderSchema | None = None, *,
                     drop_backend: bool = False, drop_provider_config: bool = False,
                     **schema_options: Any) -> dict[str, str]:
    """The stack document as HCL files: ``versions.tf`` (terraform block), ``providers.tf``,
    ``variables.tf``, ``main.tf`` (locals, data sources, resources, modules), ``outputs.tf``;
    empty files are left out. ``schema`` default: :func:`load_provider_schema` (with
    ``schema_options``)."""
    schema = schema or load_provider_schema(doc, **schema_options)
    doc = dict(doc)
    if drop_backend and "terraform" in doc:
        doc["terraform"] = {k: v for k, v in doc["terraform"].items() if k not in ("backend", "cloud")}
    if drop_provider_config:
        doc.pop("provider", None)
    files: dict[str, str] = {}
    for name, kinds in _FILES.items():
        data = to_hcl2_dict(doc, schema, kinds=kinds)
        if data:
            files[name] = _dumps(data)
    return files


def render_hcl(doc: Mapping[str, Any], schema: ProviderSchema | None = None, **options: Any) -> str:
    """The whole stack as one HCL text (the files of :func:`render_hcl_files`, concatenated)."""
    return "\n".join(render_hcl_files(doc, schema, **options).values())


def write_hcl(doc: Mapping[str, Any], directory: str | os.PathLike[str], schema: ProviderSchema | None = None,
              *, remove_json: bool = False, replace: bool = False, **options: Any) -> list[Path]:
    """Write the HCL files of a stack into ``directory`` (beside ``cdk.tf.json``, or instead of it
    with ``remove_json``). Everything is rendered before anything is written, and all files are
    committed or none (``batch_constructs._fs.commit``): the directory's other files are never
    touched, and a file of the same name this library did not write raises :class:`HclError`
    listing them unless ``replace=True``."""
    from ._fs import OutputConflict, commit

    files = render_hcl_files(doc, schema, **options)
    target = Path(directory)
    try:
        written = commit(target, files=files, refuse_foreign=not replace, what="the HCL files")
    except OutputConflict as error:
        raise HclError(error.message) from None
    if remove_json and (target / "cdk.tf.json").exists():
        (target / "cdk.tf.json").unlink()
    return written


# ---------------------------------------------------------------------------------------------
# semantic comparison (the proof)
# ---------------------------------------------------------------------------------------------

def _norm_expr(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _canon_source(source: str, json_ok: bool = True) -> Any:
    """Canonical form of a template source string."""
    inner = _single_interpolation(source)
    if inner is not None:
        return ("expr", _norm_expr(inner))
    if json_ok:
        document = _json_document(source)
        if document is not None:
            return ("json", _canon_json(document))
    return ("str", source)


def _canon_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {"obj": {k: _canon_json(v) for k, v in value.items()}}
    if isinstance(value, list):
        return [_canon_json(v) for v in value]
    if isinstance(value, str):
        inner = _single_interpolation(value)
        if inner is not None:
            return ("expr", _norm_expr(inner))
        return ("str", value)
    return _canon_scalar(value)


def _canon_scalar(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return ("num", Fraction(str(value)))
    raise TypeError(value)


def _canon_json_syntax(value: Any, *, literal: bool = False) -> Any:
    """A value of the JSON document."""
    if isinstance(value, str):
        return ("str", escape_template_source(value)) if literal else _canon_source(value)
    if isinstance(value, list):
        return [_canon_json_syntax(v, literal=literal) for v in value]
    if isinstance(value, dict):
        return {"obj": {k: _canon_json_syntax(v, literal=literal) for k, v in value.items()}}
    return _canon_scalar(value)


def _hcl_source(text: str) -> str:
    """hcl2 v8 quoted string form → template source."""
    inner = text[1:-1]
    return "".join(_unescape_literal(t) if kind == "lit" else t for kind, t in split_template(inner))


def _unwrap_call(expr: str, name: str) -> str | None:
    expr = expr.strip()
    if expr.startswith(name + "(") and expr.endswith(")"):
        return expr[len(name) + 1:-1]
    return None


def _canon_hcl(value: Any, *, in_json: bool = False) -> Any:
    """A value of ``hcl2.loads`` output."""
    if isinstance(value, str):
        if len(value) >= 2 and value.startswith('"') and value.endswith('"'):
            source = _hcl_source(value)
            return _canon_json(source) if in_json else _canon_source(source)
        if value.startswith("${") and value.endswith("}"):
            expr = value[2:-1]
            inner = _unwrap_call(expr, "jsonencode")
            if inner is not None and not in_json:
                import hcl2
                parsed = hcl2.loads("v = " + inner)["v"]
                return ("json", _canon_hcl(parsed, in_json=True))
            if in_json:
                string = _unwrap_call(expr, "tostring")
                if string is not None:
                    expr = string
            return ("expr", _norm_expr(expr))
        return ("expr", _norm_expr(value))
    if isinstance(value, list):
        return [_canon_hcl(v, in_json=in_json) for v in value]
    if isinstance(value, dict):
        return {"obj": {_hcl_key_text(k): _canon_hcl(v, in_json=in_json) for k, v in value.items()
                        if k not in ("__comments__", "__inline_comments__")}}
    return _canon_scalar(value)


def _hcl_key_text(key: str) -> str:
    """An object key as template source (like the JSON document's keys)."""
    if key.startswith('"') and key.endswith('"'):
        return _hcl_source(key)
    return key


def _hcl_label(key: str) -> str:
    """A block label (written with ``$${`` escapes) as the literal text of the JSON document."""
    return _hcl_key_text(key).replace("$${", "${").replace("%%{", "%{")


def _json_body(obj: Mapping[str, Any], shape: Mapping[str, Any] | None, *, literal_keys: Iterable[str] = (),
               reference_keys: Iterable[str] = (), plain_blocks: Mapping[str, Any] | None = None) -> dict[str, Any]:
    blocks_shape = (shape or {}).get("b") or {}
    plain_blocks = plain_blocks or {}
    attrs: dict[str, Any] = {}
    blocks: dict[str, list[Any]] = {}
    for key, item in obj.items():
        if key == "//":
            continue
        if key in plain_blocks:
            handler = plain_blocks[key]
            entries = handler(item)
            if entries:
                blocks.setdefault(key, []).extend(entries)
        elif key in blocks_shape:
            spec = blocks_shape[key]
            if spec["n"] == "map":
                entries = [{"label": (label,), **_json_body(body, spec)} for m in _as_list(item)
                           for label, body in m.items()]
            else:
                entries = [_json_body(b, spec) for b in _as_list(item) if b is not None]
            if entries:
                blocks[key] = entries
        elif key in reference_keys:
            attrs[key] = [("expr", _norm_expr(_single_interpolation(v) or v)) for v in _as_list(item)] \
                if isinstance(item, list) else ("expr", _norm_expr(_single_interpolation(item) or item))
        else:
            attrs[key] = _canon_json_syntax(item, literal=key in literal_keys)
    return {"a": attrs, "b": blocks}


def _hcl_body(obj: Mapping[str, Any]) -> dict[str, Any]:
    attrs: dict[str, Any] = {}
    blocks: dict[str, list[Any]] = {}
    for key, item in obj.items():
        if key in (IS_BLOCK, "__comments__", "__inline_comments__"):
            continue
        if isinstance(item, list) and item and all(isinstance(b, dict) for b in item) \
                and any(_has_block_marker(b) for b in item):
            for entry in item:
                labels: list[str] = []
                body = entry
                while not body.get(IS_BLOCK):
                    ((label, body),) = [(k, v) for k, v in body.items() if k not in ("__comments__",)]
                    labels.append(_hcl_label(label))
                model = _hcl_body(body)
                if labels:
                    model = {"label": tuple(labels), **model}
                blocks.setdefault(key, []).append(model)
        else:
            attrs[key] = _canon_hcl(item)
    return {"a": attrs, "b": blocks}


def _has_block_marker(obj: Mapping[str, Any]) -> bool:
    if obj.get(IS_BLOCK):
        return True
    return any(isinstance(v, dict) and _has_block_marker(v) for v in obj.values())


def _json_model(doc: Mapping[str, Any], schema: ProviderSchema) -> dict[tuple[str, ...], Any]:
    model: dict[tuple[str, ...], Any] = {}
    refs_meta = ("depends_on", "provider")

    def lifecycle(item: Any) -> list[Any]:
        out = []
        for b in _as_list(item):
            attrs = {}
            blocks: dict[str, list[Any]] = {}
            for k, v in b.items():
                if k == "ignore_changes" and v == "all":
                    attrs[k] = ("expr", "all")
                elif k in ("ignore_changes", "replace_triggered_by"):
                    attrs[k] = [("expr", _norm_expr(_single_interpolation(x) or x)) for x in v]
                elif k in ("precondition", "postcondition"):
                    blocks[k] = [_json_body(c, None, reference_keys=("condition",)) for c in _as_list(v)]
                elif k != "//":
                    attrs[k] = _canon_json_syntax(v)
            out.append({"a": attrs, "b": blocks})
        return out

    def provisioner(item: Any) -> list[Any]:
        return [{"label": (kind,), **_json_body(body, None)} for p in _as_list(item) for kind, body in p.items()]

    def connection(item: Any) -> list[Any]:
        return [_json_body(b, None) for b in _as_list(item)]

    meta_blocks = {"lifecycle": lifecycle, "provisioner": provisioner, "connection": connection}
    for kind, section in doc.items():
        if kind == "//":
            continue
        if kind == "terraform":
            for b in _as_list(section):
                body: dict[str, Any] = {"a": {}, "b": {}}
                for k, v in b.items():
                    if k == "required_providers":
                        body["b"][k] = [{"a": {local: _canon_json_syntax(spec, literal=True)
                                               for local, spec in v.items()}, "b": {}}]
                    elif k == "backend":
                        body["b"][k] = [{"label": (bk,), "a": {kk: _canon_json_syntax(vv, literal=True)
                                                               for kk, vv in cfg.items()}, "b": {}}
                                        for bk, cfg in v.items()]
                    elif k != "//":
                        body["a"][k] = _canon_json_syntax(v, literal=True)
                model[("terraform",)] = body
        elif kind == "provider":
            for name, configs in section.items():
                for i, config in enumerate(_as_list(configs)):
                    model[("provider", name, config.get("alias") or "")] = _json_body(
                        config, schema.shape("provider", name), literal_keys=())
        elif kind in ("resource", "data"):
            for type_name, items in section.items():
                for name, body in items.items():
                    provider = body.get("provider")
                    shape = schema.shape(kind, type_name, provider if isinstance(provider, str) else None)
                    model[(kind, type_name, name)] = _json_body(body, shape, reference_keys=refs_meta,
                                                                plain_blocks=meta_blocks)
        elif kind == "variable":
            for name, body in section.items():
                m = _json_body({k: v for k, v in body.items() if k != "type"}, None,
                               literal_keys=("default", "description"),
                               plain_blocks={"validation": lambda it: [_json_body(c, None, reference_keys=("condition",))
                                                                       for c in _as_list(it)]})
                if "type" in body:
                    m["a"]["type"] = ("expr", _norm_expr(body["type"]))
                model[("variable", name)] = m
        elif kind == "output":
            for name, body in section.items():
                model[("output", name)] = _json_body(body, None, literal_keys=("description",),
                                                     reference_keys=("depends_on",))
        elif kind == "module":
            for name, body in section.items():
                m = _json_body({k: v for k, v in body.items() if k != "providers"}, None,
                               literal_keys=("source", "version"), reference_keys=("depends_on",))
                if "providers" in body:
                    m["a"]["providers"] = {"obj": {k: ("expr", _norm_expr(_single_interpolation(v) or v))
                                                   for k, v in body["providers"].items()}}
                model[("module", name)] = m
        elif kind == "locals":
            merged: dict[str, Any] = {}
            for b in _as_list(section):
                merged.update({k: v for k, v in b.items() if k != "//"})
            model[("locals",)] = _json_body(merged, None)
        else:
            for i, b in enumerate(_as_list(section)):
                model[(kind, str(i))] = _json_body(b, None, reference_keys=("from", "to"))
    return model


def _hcl_model(parsed: Mapping[str, Any]) -> dict[tuple[str, ...], Any]:
    model: dict[tuple[str, ...], Any] = {}
    counters: dict[str, int] = {}
    for kind, entries in parsed.items():
        if kind in (IS_BLOCK, "__comments__", "__inline_comments__"):
            continue
        for entry in entries:
            labels: list[str] = []
            body = entry
            while not body.get(IS_BLOCK):
                ((label, body),) = [(k, v) for k, v in body.items() if k not in ("__comments__",)]
                labels.append(_hcl_label(label))
            m = _hcl_body(body)
            if kind == "terraform":
                model[("terraform",)] = m
            elif kind == "provider":
                alias = m["a"].get("alias")
                model[("provider", labels[0], alias[1] if alias else "")] = m
            elif kind == "locals":
                existing = model.setdefault(("locals",), {"a": {}, "b": {}})
                existing["a"].update(m["a"])
            elif labels:
                model[(kind, *labels)] = m
            else:
                counters[kind] = counters.get(kind, 0) + 1
                model[(kind, str(counters[kind] - 1))] = m
    return model


def _diff(path: str, left: Any, right: Any, out: list[str]) -> None:
    if isinstance(left, dict) and isinstance(right, dict):
        for key in sorted(set(left) | set(right), key=str):
            if key not in left:
                out.append(f"{path}.{key}: only in HCL: {right[key]!r}"[:400])
            elif key not in right:
                out.append(f"{path}.{key}: only in JSON: {left[key]!r}"[:400])
            else:
                _diff(f"{path}.{key}", left[key], right[key], out)
    elif isinstance(left, list) and isinstance(right, list) and len(left) == len(right):
        for i, (a, b) in enumerate(zip(left, right)):
            _diff(f"{path}[{i}]", a, b, out)
    elif left != right:
        out.append(f"{path}: JSON {left!r} != HCL {right!r}"[:400])


def _drop_empty(model: dict[tuple[str, ...], Any]) -> dict[tuple[str, ...], Any]:
    """JSON ``"x": []`` on a block type is zero blocks, like an absent key."""
    def clean(body: Any) -> Any:
        if isinstance(body, dict) and "a" in body and "b" in body:
            return {**body, "b": {k: [clean(b) for b in v] for k, v in body["b"].items() if v}}
        return body
    return {k: clean(v) for k, v in model.items()}


def semantic_diff(doc: Mapping[str, Any], hcl_text: str | Iterable[str], schema: ProviderSchema) -> list[str]:
    """Differences between the JSON stack ``doc`` and HCL text (one text or several files), parsed
    with ``hcl2.loads``. Empty when they configure the same thing: same blocks and labels, same
    attribute values (``"${x}"`` ≡ ``x``, a JSON string ≡ ``jsonencode`` of the same document,
    ``tostring(x)`` ≡ ``"${x}"`` inside it, numbers by value)."""
    import hcl2

    texts = [hcl_text] if isinstance(hcl_text, str) else list(hcl_text)
    right: dict[tuple[str, ...], Any] = {}
    for text in texts:
        parsed = _hcl_model(hcl2.loads(text))
        for key, value in parsed.items():
            if key == ("locals",) and key in right:
                right[key]["a"].update(value["a"])
            else:
                right[key] = value
    left = _drop_empty(_json_model(doc, schema))
    out: list[str] = []
    _diff("", {" ".join(k): v for k, v in left.items()}, {" ".join(k): v for k, v in right.items()}, out)
    return out
