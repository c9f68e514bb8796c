"""Generate ``batch_constructs/_provider_schema_aws_5.py``: the compact schema of every resource and
data-source type this library emits, from ``terraform providers schema -json`` of hashicorp/aws
5.100.0 (offline, with the machine's filesystem mirror), for ``batch_constructs._schema_check``.

    python scripts/gen_provider_schema.py            # rewrite the module
    python scripts/gen_provider_schema.py --check    # exit 1 when the committed module differs
    python -m scripts.gen_provider_schema [--mirror DIR] [--check]

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
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any, Mapping

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from batch_constructs.hcl.schema import fetch_schema_json  # noqa: E402
from tests.harness.terraform import PROVIDER_VERSION, find_mirror, find_terraform, write_cli_config  # noqa: E402

TARGET = ROOT / "batch_constructs" / "_provider_schema_aws_5.py"
COMMAND = "python scripts/gen_provider_schema.py"
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


def render(raw: Mapping[str, Any]) -> str:
    """The generated module's text from the whole ``terraform providers schema -json`` output."""
    digest = hashlib.sha256(_dump(raw).encode()).hexdigest()
    entry = (raw.get("provider_schemas") or {}).get(SOURCE)
    if entry is None:
        raise SystemExit(f"terraform printed no schema for {SOURCE}")
    lines = [f"# @generated by {COMMAND} from terraform providers schema -json (hashicorp/aws {PROVIDER_VERSION}, "
             f"sha256 {digest}). DO NOT EDIT.",
             '"""The compact provider schema of the types this library emits (see scripts/gen_provider_schema.py',
             'for the format); read by ``batch_constructs._schema_check``."""',
             "", f"PROVIDER_VERSION = {PROVIDER_VERSION!r}", f"SOURCE = {SOURCE!r}",
             f"BUILTIN = {tuple(sorted(BUILTIN))!r}", ""]
    for section, key, names in (("RESOURCES", "resource_schemas", RESOURCES),
                                ("DATA_SOURCES", "data_source_schemas", DATA_SOURCES)):
        schemas = entry.get(key) or {}
        missing = sorted(set(names) - set(schemas))
        if missing:
            raise SystemExit(f"hashicorp/aws {PROVIDER_VERSION} has no {key[:-8]} type(s) {', '.join(missing)}")
        lines.append(f"{section} = {{")
        for name in sorted(set(names)):
            lines.append(f"    {name!r}: {_dump(compact_block(schemas[name]['block']))},")
        lines.append("}")
        lines.append("")
    return "\n".join(lines)


def fetch(mirror: str | None) -> dict[str, Any]:
    """``terraform providers schema -json`` for hashicorp/aws at ``PROVIDER_VERSION``, offline."""
    import tempfile

    mirror_path = Path(mirror) if mirror else find_mirror()
    if find_terraform() is None or mirror_path is None:
        raise SystemExit(f"{COMMAND} needs terraform on PATH and a filesystem mirror of hashicorp/aws "
                         f"{PROVIDER_VERSION} (--mirror or $BATCH_CONSTRUCTS_PROVIDER_MIRROR)")
    with tempfile.TemporaryDirectory(prefix="gen-provider-schema-") as tmp:
        cli_config = write_cli_config(mirror_path, Path(tmp))
        return fetch_schema_json({"aws": {"source": SOURCE, "version": PROVIDER_VERSION}},
                                 terraform=find_terraform(), cli_config=cli_config)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed module; exit 1 on a difference")
    parser.add_argument("--mirror", help="filesystem provider mirror (default: $BATCH_CONSTRUCTS_PROVIDER_MIRROR "
                                         "or the usual places)")
    args = parser.parse_args(argv)
    text = render(fetch(args.mirror))
    if args.check:
        current = TARGET.read_text() if TARGET.is_file() else ""
        if current != text:
            print(f"{TARGET.relative_to(ROOT)} is out of date: run {COMMAND}", file=sys.stderr)
            return 1
        print(f"{TARGET.relative_to(ROOT)} is up to date")
        return 0
    TARGET.write_text(text)
    print(f"wrote {TARGET.relative_to(ROOT)} ({len(text)} characters)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
