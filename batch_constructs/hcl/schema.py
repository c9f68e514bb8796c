"""Provider schemas: which object-valued keys are nested blocks, which attributes are strings.

Terraform's JSON syntax does not say which object-valued keys are nested *blocks* and which are
*attributes* of object type; Terraform decides with the provider schema, and so does the
renderer. :func:`load_provider_schema` asks ``terraform providers schema -json`` once per
provider version (offline with a filesystem mirror) and caches a compact copy (block nesting and
the string attributes) under ``~/.cache/batch_constructs/provider-schemas``.
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
from pathlib import Path
from typing import Any, Iterable, Mapping

from .base import HclError
from .embedded import embedded_entry

__all__ = ["ProviderSchema", "load_provider_schema", "compact_schema", "normalize_source",
           "fetch_schema_json", "DEFAULT_REGISTRY", "CACHE_ENV", "MIRROR_ENV"]

DEFAULT_REGISTRY = "registry.terraform.io"
CACHE_ENV = "BATCH_CONSTRUCTS_SCHEMA_CACHE"
MIRROR_ENV = "BATCH_CONSTRUCTS_PROVIDER_MIRROR"

_EXACT_VERSION = re.compile(r"^\d+\.\d+\.\d+$")

#: The compact schema of Terraform's built-in provider (``terraform.io/builtin/terraform``, as
#: ``terraform providers schema -json`` prints it): ``terraform_data`` has the string ``id`` and the
#: dynamic ``input``, ``output`` and ``triggers_replace``; ``terraform_remote_state`` reads state.
BUILTIN_TERRAFORM: dict[str, Any] = {
    "provider": {},
    "resource": {"terraform_data": {"s": ["id"]}},
    "data": {"terraform_remote_state": {"s": ["backend", "workspace"]}},
}

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
        if entry is None and local == "terraform" and kind != "provider":
            entry = BUILTIN_TERRAFORM  # Terraform's own provider: no schema to load
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
                         cli_config: str | os.PathLike[str] | None = None,
                         use_embedded: bool = True) -> ProviderSchema:
    """The provider schemas for every provider the stack document(s) require.

    A provider whose schema this package carries (hashicorp/aws at the versions of
    :data:`~batch_constructs.hcl.embedded.EMBEDDED_MODULES`) is taken from it when it covers every
    type the documents use: no ``terraform`` binary or mirror is needed (``use_embedded=False``
    always asks Terraform). Otherwise:

    Exact versions are read from the cache (``cache_dir``, default ``$BATCH_CONSTRUCTS_SCHEMA_CACHE``
    or ``~/.cache/batch_constructs/provider-schemas``); missing ones are fetched with
    ``terraform init`` + ``terraform providers schema -json`` in a temporary directory.
    ``provider_mirror`` (default ``$BATCH_CONSTRUCTS_PROVIDER_MIRROR``) is a filesystem mirror for
    an offline init; ``cli_config`` a ready CLI configuration (else ``$TF_CLI_CONFIG_FILE``).
    """
    docs = [docs] if isinstance(docs, Mapping) else list(docs)
    required: dict[str, dict[str, str]] = {}
    for doc in docs:
        required.update(_required_providers(doc))
    schema = ProviderSchema(local_names={local: spec["source"] for local, spec in required.items()})
    directory = _cache_dir(cache_dir)
    missing: dict[str, dict[str, str]] = {}
    for local, spec in required.items():
        embedded = embedded_entry(spec["source"], spec["version"], local, docs) if use_embedded else None
        if embedded is not None:  # the schema this package carries covers the documents: no terraform
            schema.providers[spec["source"]] = embedded
            continue
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
    raw = fetch_schema_json(required, terraform=terraform, provider_mirror=provider_mirror, cli_config=cli_config)
    return {source.lower(): _compact_provider(entry) for source, entry in (raw.get("provider_schemas") or {}).items()}


def fetch_schema_json(required: Mapping[str, Mapping[str, str]], *, terraform: str | None = None,
                      provider_mirror: str | os.PathLike[str] | None = None,
                      cli_config: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """The whole ``terraform providers schema -json`` output for ``required``
    (``{local name: {"source": ..., "version": ...}}``), from ``terraform init`` in a temporary
    directory (offline with ``provider_mirror`` or ``cli_config``). Also used by
    ``python -m batch_constructs.bindings``."""
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
        return json.loads(shown.stdout)
