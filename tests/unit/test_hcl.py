"""HCL rendering and module export without Terraform or jsii: a hand-written provider schema
and hand-written stack documents covering every shape the renderer handles."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import batch_constructs.hcl as hcl  # "from batch_constructs import hcl" would load every module
from batch_constructs.module_export import (ModuleExportError, check_module_names, export_module,
                                            module_document)

AWS = "registry.terraform.io/hashicorp/aws"
SCHEMA = hcl.ProviderSchema(providers={AWS: {
    "provider": {"b": {"endpoints": {"n": "set", "s": ["batch"]}, "default_tags": {"n": "list"}}},
    "resource": {
        "aws_batch_compute_environment": {"b": {"compute_resources": {"n": "list", "b": {
            "ec2_configuration": {"n": "list"}, "launch_template": {"n": "list"}}}}, "s": ["arn", "type"]},
        "aws_batch_job_queue": {"b": {"compute_environment_order": {"n": "list"}, "timeouts": {"n": "single"}},
                                "s": ["arn", "name"]},
        "aws_batch_job_definition": {"b": {"retry_strategy": {"n": "list", "b": {"evaluate_on_exit": {"n": "list"}}}},
                                     "s": ["arn", "name", "container_properties"]},
        "aws_iam_role": {"s": ["arn", "name", "assume_role_policy"]},
        "aws_security_group": {"s": ["id"]},
        "aws_thing_with_map": {"b": {"setting": {"n": "map"}}},
    },
    "data": {"aws_partition": {"s": ["partition"]}},
}})

KITCHEN_SINK: dict[str, Any] = {
    "//": {"metadata": {"stackName": "sink"}},
    "terraform": {"backend": {"local": {"path": "terraform.sink.tfstate"}},
                  "required_providers": {"aws": {"source": "aws", "version": "5.100.0"}}},
    "provider": {"aws": [{"region": "us-east-1", "endpoints": [{"batch": "http://localhost:1"}]},
                         {"alias": "west", "region": "us-west-2"}]},
    "variable": {"subnet_ids": {"type": "list(string)", "description": "Subnets ${not a ref}"},
                 "max_vcpus": {"type": "number", "default": 64},
                 "queue_name": {"type": "string"}},
    "locals": {"prefix": "batch-${var.queue_name}"},
    "data": {"aws_partition": {"P": {"//": {"metadata": {"path": "sink/P"}}}}},
    "resource": {
        "aws_iam_role": {"Role": {
            "//": {"metadata": {"path": "sink/Role/Resource"}},
            "assume_role_policy": json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow"}]},
                                             separators=(",", ":")),
            "name": "literal $${not_interpolated} and %%{not_a_directive} \"quoted\" back\\slash\nnewline",
            "provider": "aws.west",
            "lifecycle": {"create_before_destroy": True, "ignore_changes": ["tags"]},
        }},
        "aws_batch_compute_environment": {"CE": {
            "//": {"metadata": {"path": "sink/CE/Resource"}},
            "compute_resources": {"max_vcpus": "${var.max_vcpus}", "subnets": "${var.subnet_ids}",
                                  "ec2_configuration": [{"image_type": "ECS_AL2"}, {"image_type": "ECS_AL2_NVIDIA"}],
                                  "launch_template": []},
            "type": "MANAGED",
            "tags": {"Name": "ce", "team:owner": "data", "x-y": "z"},
            "depends_on": ["aws_iam_role.Role"],
        }},
        "aws_batch_job_queue": {"Queue": {
            "//": {"metadata": {"path": "sink/Queue/Resource"}},
            "name": "${local.prefix}",
            "priority": 1,
            "compute_environment_order": [{"compute_environment": "${aws_batch_compute_environment.CE.arn}",
                                           "order": 1}],
            "timeouts": None,
        }},
        "aws_batch_job_definition": {"Job": {
            "//": {"metadata": {"path": "sink/Job/Resource"}},
            "name": "job",
            "container_properties": '{"command":["echo","$${HOME}"],"image":"busybox","jobRoleArn":'
                                    '"${aws_iam_role.Role.arn}","vcpus":"${var.max_vcpus}","weight":0.5}',
            "parameters": {"unsorted": '{"b":1,"a":2}'},
            "retry_strategy": {"attempts": 2, "evaluate_on_exit": [{"action": "RETRY", "on_reason": "*"}]},
        }},
        "aws_thing_with_map": {"M": {"setting": {"one": {"value": 1}, "two": {"value": 2}}}},
        "aws_security_group": {"SG": {"egress": [{"cidr_blocks": ["0.0.0.0/0"], "self": False}], "ingress": []}},
    },
    "output": {"queue_arn": {"value": "${aws_batch_job_queue.Queue.arn}", "description": "The ${queue} ARN",
                             "sensitive": False}},
    "module": {"child": {"source": "./child", "providers": {"aws": "aws.west"}, "name": "x-${var.queue_name}"}},
}


def render(doc: dict[str, Any] = KITCHEN_SINK) -> dict[str, str]:
    return hcl.render_hcl_files(doc, SCHEMA)


# -- templates -------------------------------------------------------------------------------

def test_split_template_keeps_escapes_literal_and_finds_nested_interpolations() -> None:
    assert hcl.split_template('a $${b} ${x["}"]} %%{c} ${f("${y}")} %{ if z }t%{ endif }') == [
        ("lit", "a $${b} "), ("interp", '${x["}"]}'), ("lit", " %%{c} "), ("interp", '${f("${y}")}'),
        ("lit", " "), ("directive", "%{ if z }"), ("lit", "t"), ("directive", "%{ endif }")]


def test_an_unterminated_interpolation_is_a_clear_error() -> None:
    with pytest.raises(hcl.HclError, match="unterminated interpolation"):
        hcl.split_template("${oops")


# -- rendering ---------------------------------------------------------------------------------

def test_files_split_by_block_kind() -> None:
    files = render()
    assert list(files) == ["versions.tf", "providers.tf", "variables.tf", "main.tf", "outputs.tf"]
    assert files["versions.tf"].startswith("terraform {\n  backend \"local\" {\n")
    assert 'output "queue_arn"' in files["outputs.tf"]


def test_references_become_expressions_and_strings_stay_templates() -> None:
    main = render()["main.tf"]
    assert "name     = local.prefix" in main
    assert "compute_environment = aws_batch_compute_environment.CE.arn" in main
    assert "max_vcpus = var.max_vcpus" in main
    assert 'prefix = "batch-${var.queue_name}"' in main
    assert ('  name = "literal $${not_interpolated} and %%{not_a_directive} \\"quoted\\" back\\\\slash\\nnewline"\n'
            in main)


def test_blocks_by_schema_and_attributes_of_object_type() -> None:
    main = render()["main.tf"]
    assert "  compute_resources {\n" in main
    assert main.count("    ec2_configuration {\n") == 2
    assert "launch_template" not in main          # an empty list of blocks is zero blocks
    assert "timeouts" not in main                 # a null block is no block
    assert "  compute_environment_order {\n" in main
    assert '  setting "one" {\n    value = 1\n  }\n' in main     # map nesting: labelled blocks
    assert "  tags = {\n    Name         = \"ce\"\n    \"team:owner\" = \"data\"\n    \"x-y\"        = \"z\"\n  }" in main
    # an attribute holding objects (no block in the schema) stays an attribute
    assert "  egress = [\n    {\n" in main and "  ingress = []\n" in main


def test_meta_arguments_are_references() -> None:
    main = render()["main.tf"]
    assert "  provider = aws.west\n" in main
    assert "  depends_on = [\n    aws_iam_role.Role,\n  ]" in main
    assert "    ignore_changes = [\n      tags,\n    ]" in main
    providers = render()["providers.tf"]
    assert 'provider "aws" {\n  alias  = "west"\n  region = "us-west-2"\n}' in providers
    assert "  endpoints {\n    batch = \"http://localhost:1\"\n  }" in providers


def test_json_strings_become_jsonencode_when_exact_or_compared_as_json() -> None:
    main = render()["main.tf"]
    # a policy: the provider compares it as JSON, so key order may change
    assert "assume_role_policy = jsonencode({" in main and 'Version = "2012-10-17"' in main
    # container properties: canonical JSON (sorted, compact) is reproduced exactly
    assert "container_properties = jsonencode({" in main
    assert 'command = [\n      "echo",\n      "$${HOME}"\n    ],' in main
    assert "jobRoleArn = aws_iam_role.Role.arn," in main           # a string per the schema
    assert "vcpus      = tostring(var.max_vcpus)," in main        # may be a number: keep the JSON string
    assert "weight     = 0.5\n" in main
    # any other JSON string that jsonencode would reorder stays a string
    assert 'unsorted = "{\\"b\\":1,\\"a\\":2}"' in main


def test_variables_outputs_and_modules() -> None:
    files = render()
    variables = files["variables.tf"]
    assert "  type        = list(string)\n" in variables
    assert '  description = "Subnets $${not a ref}"\n' in variables      # descriptions are literal
    assert "  default = 64\n" in variables
    assert '  description = "The $${queue} ARN"\n' in files["outputs.tf"]
    assert "  value       = aws_batch_job_queue.Queue.arn\n" in files["outputs.tf"]
    main = files["main.tf"]
    assert 'module "child" {\n  source = "./child"\n' in main
    assert "  providers = {\n    aws = aws.west\n  }" in main


def test_rendering_is_deterministic_and_ends_with_one_newline() -> None:
    first, second = render(), render()
    assert first == second
    for text in first.values():
        assert text.endswith("}\n") and not text.endswith("\n\n")
        assert not [line for line in text.splitlines() if line != line.rstrip()]


def test_unknown_top_level_keys_and_types_are_clear_errors() -> None:
    with pytest.raises(hcl.HclError, match="cannot render top-level key\\(s\\) 'ephemeral'"):
        hcl.render_hcl_files({**KITCHEN_SINK, "ephemeral": {}}, SCHEMA)
    with pytest.raises(hcl.HclError, match="provider registry.terraform.io/hashicorp/aws has no resource type"):
        hcl.render_hcl_files({"resource": {"aws_nope": {"x": {}}}}, SCHEMA)
    with pytest.raises(hcl.HclError, match="no provider schema for 'registry.terraform.io/hashicorp/random'"):
        hcl.render_hcl_files({"resource": {"random_id": {"x": {}}}}, SCHEMA)


def test_drop_backend_and_provider_configuration() -> None:
    files = hcl.render_hcl_files(KITCHEN_SINK, SCHEMA, drop_backend=True, drop_provider_config=True)
    assert "backend" not in files["versions.tf"] and "providers.tf" not in files


def test_write_hcl_beside_or_instead_of_the_json(tmp_path: Path) -> None:
    (tmp_path / "cdk.tf.json").write_text(json.dumps(KITCHEN_SINK))
    written = hcl.write_hcl(KITCHEN_SINK, tmp_path / "hcl", SCHEMA)
    assert sorted(p.name for p in written) == ["main.tf", "outputs.tf", "providers.tf", "variables.tf", "versions.tf"]
    hcl.write_hcl(KITCHEN_SINK, tmp_path, SCHEMA, remove_json=True)
    assert not (tmp_path / "cdk.tf.json").exists() and (tmp_path / "main.tf").exists()


def test_write_hcl_never_overwrites_a_users_file_unless_asked(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text("# the team's\n")
    (tmp_path / "terraform.tfstate").write_text("state")
    with pytest.raises(hcl.HclError, match=r"refusing to overwrite files in .* did not write: main\.tf; "):
        hcl.write_hcl(KITCHEN_SINK, tmp_path, SCHEMA)
    assert (tmp_path / "main.tf").read_text() == "# the team's\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["main.tf", "terraform.tfstate"]
    hcl.write_hcl(KITCHEN_SINK, tmp_path, SCHEMA, replace=True)
    hcl.write_hcl(KITCHEN_SINK, tmp_path, SCHEMA)  # its own files now
    assert "resource" in (tmp_path / "main.tf").read_text()
    assert (tmp_path / "terraform.tfstate").read_text() == "state"


# -- fmt -------------------------------------------------------------------------------------------

# terraform fmt leaves this unchanged (checked in tests/terraform/test_hcl.py)
FMT_EXPECTED = (
    'resource "x" "y" {\n  name        = "a"\n  longer_name = "b=c"\n  tags = {\n    k        = "v"\n'
    '    long_key = "w"\n  }\n  z = 1\n\n  list = [\n    "a",\n  ]\n  block {\n    q = "x${a == b}"\n  }\n}\n')


def test_fmt_aligns_runs_of_single_line_assignments_only() -> None:
    text = ('resource "x" "y" {\nname = "a"\nlonger_name = "b=c"\ntags = {\nk = "v"\nlong_key = "w"\n}\n'
            'z = 1\n\n\nlist = [\n"a",\n]\nblock {\nq = "x${a == b}"\n}\n}\n')
    assert hcl.fmt(text) == FMT_EXPECTED


# -- the proof ---------------------------------------------------------------------------------

def test_semantic_diff_is_empty_for_the_rendering() -> None:
    assert hcl.semantic_diff(KITCHEN_SINK, render().values(), SCHEMA) == []


@pytest.mark.parametrize("old, new, where", [
    ("priority = 1", "priority = 2", "aws_batch_job_queue Queue"),
    ('image      = "busybox"', 'image      = "alpine"', "aws_batch_job_definition Job"),
    ("jobRoleArn = aws_iam_role.Role.arn", "jobRoleArn = aws_iam_role.Other.arn", "aws_batch_job_definition Job"),
    ('    image_type = "ECS_AL2"\n', '    image_type = "ECS_AL2023"\n', "aws_batch_compute_environment CE"),
    ('setting "two"', 'setting "three"', "aws_thing_with_map M"),
    ("$${not_interpolated}", "${not_interpolated}", "aws_iam_role Role"),
])
def test_semantic_diff_reports_a_changed_value(old: str, new: str, where: str) -> None:
    files = render()
    assert old in files["main.tf"]
    files["main.tf"] = files["main.tf"].replace(old, new, 1)
    problems = hcl.semantic_diff(KITCHEN_SINK, files.values(), SCHEMA)
    assert problems and all(where in p for p in problems), problems


def test_semantic_diff_reports_a_block_written_as_an_attribute() -> None:
    files = render()
    text = files["main.tf"]
    start = text.index("  compute_environment_order {")
    end = text.index("  }\n", start) + 4
    files["main.tf"] = text[:start] + ("  compute_environment_order = [{ compute_environment = "
                                       "aws_batch_compute_environment.CE.arn, order = 1 }]\n") + text[end:]
    problems = hcl.semantic_diff(KITCHEN_SINK, files.values(), SCHEMA)
    assert any("compute_environment_order" in p for p in problems), problems


def test_semantic_diff_reports_a_missing_resource() -> None:
    files = render()
    text = files["main.tf"]
    start = text.index('resource "aws_thing_with_map"')
    files["main.tf"] = text[:start] + text[text.index("\n}\n", start) + 3:]
    assert any("aws_thing_with_map M: only in JSON" in p for p in hcl.semantic_diff(KITCHEN_SINK, files.values(), SCHEMA))


# -- module export (pure part) ----------------------------------------------------------------

def test_module_name_checks_have_clear_messages() -> None:
    assert check_module_names(["subnet_ids", "1st", "bad name", "source"], ["arn", "arn"]) == [
        "Module input name '1st' is not a valid Terraform identifier (a letter or '_', then letters, digits, "
        "'_' or '-')",
        "Module input name 'bad name' is not a valid Terraform identifier (a letter or '_', then letters, digits, "
        "'_' or '-')",
        "Module input name 'source' is reserved by Terraform's module block",
        "Two module outputs are named 'arn'; output names must be unique",
    ]


def test_export_with_an_invalid_input_name_raises_and_writes_nothing(tmp_path: Path) -> None:
    doc = {**KITCHEN_SINK, "variable": {"subnet ids": {"type": "list(string)"}}}
    target = tmp_path / "modules" / "batch"
    with pytest.raises(ModuleExportError, match="Module input name 'subnet ids' is not a valid Terraform identifier"):
        export_module(doc, target, schema=SCHEMA)
    assert not (tmp_path / "modules").exists()


def test_export_that_cannot_render_writes_nothing_and_keeps_an_existing_module(tmp_path: Path) -> None:
    target = tmp_path / "batch"
    export_module(KITCHEN_SINK, target, schema=SCHEMA)
    before = {p.name: p.read_text() for p in target.iterdir()}
    with pytest.raises(ModuleExportError, match="cannot render the module as HCL"):
        export_module({**KITCHEN_SINK, "resource": {"aws_nope": {"x": {}}}}, target, schema=SCHEMA)
    assert {p.name: p.read_text() for p in target.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["batch"]


def test_module_document_drops_provider_configuration_and_backend() -> None:
    doc = module_document(KITCHEN_SINK)
    assert "provider" not in doc and "backend" not in doc["terraform"]
    assert doc["terraform"]["required_providers"] == {"aws": {"source": "hashicorp/aws",
                                                              "version": ">= 5.100.0, < 6.0.0"}}
    assert module_document(KITCHEN_SINK, exact_provider_version=True)["terraform"]["required_providers"][
        "aws"]["version"] == "5.100.0"
    # the stack declares an output: no automatic ones unless asked
    assert list(doc["output"]) == ["queue_arn"]
    auto = module_document(KITCHEN_SINK, auto_outputs=True)["output"]
    assert auto["queue_arn"] == KITCHEN_SINK["output"]["queue_arn"]
    assert auto["ce_arn"]["value"] == "${aws_batch_compute_environment.CE.arn}"
    assert auto["ce_name"]["value"] == "${aws_batch_compute_environment.CE.compute_environment_name}"
    assert auto["queue_name"]["value"] == "${aws_batch_job_queue.Queue.name}"
    assert auto["job_arn"]["description"] == "The ARN of the job definition sink/Job/Resource"


def test_module_files_and_readme() -> None:
    from batch_constructs.module_export import module_files

    files = module_files(KITCHEN_SINK, schema=SCHEMA)
    assert list(files) == ["versions.tf", "variables.tf", "main.tf", "outputs.tf", "README.md"]
    assert 'provider "aws"' not in "".join(files.values())
    readme = files["README.md"]
    assert '  source     = "./modules/sink"\n  subnet_ids = ...\n  queue_name = ...\n' in readme
    assert "| `max_vcpus` | `number` |  | `64` | no |" in readme
    assert "| `queue_arn` | The ${queue} ARN |" in readme


def test_object_keys_are_templates_in_both_syntaxes() -> None:
    import copy
    doc = copy.deepcopy(KITCHEN_SINK)
    doc["resource"]["aws_batch_compute_environment"]["CE"]["tags"] = {"a$${b}": "c", "k-${var.queue_name}": "d"}
    files = hcl.render_hcl_files(doc, SCHEMA)
    main = files.pop("main.tf")
    assert '    "a$${b}"              = "c"\n    "k-${var.queue_name}" = "d"\n' in main
    assert hcl.semantic_diff(doc, [main, *files.values()], SCHEMA) == []
    changed = main.replace('"a$${b}"', '"a${b}"')
    problems = hcl.semantic_diff(doc, [changed, *files.values()], SCHEMA)
    assert problems and all("tags" in p for p in problems), problems
