"""``_schema_check``: rendered attributes against the compact provider schema (pure Python, hand-made docs)."""
from __future__ import annotations

import copy
from typing import Any

import pytest

from batch_constructs.bindings import schema_aws_5_100_0 as generated
from batch_constructs._errors import ValidationError
from batch_constructs._schema_check import SCHEMA_MODULES, check_schema, schema_problems

PATH = "app/stack/Queue/Resource"


def doc(resources: dict[str, Any] | None = None, data: dict[str, Any] | None = None,
        version: str = "5.100.0") -> dict[str, Any]:
    out: dict[str, Any] = {"terraform": {"required_providers": {"aws": {"source": "aws", "version": version}}}}
    if resources:
        out["resource"] = resources
    if data:
        out["data"] = data
    return out


def queue(**attrs: Any) -> dict[str, Any]:
    body = {"//": {"metadata": {"path": PATH, "uniqueId": "Queue"}}, "name": "q", "priority": 1,
            "state": "ENABLED", "compute_environment_order": [{"order": 1, "compute_environment": "${aws_x.y.arn}"}]}
    body.update(attrs)
    return doc({"aws_batch_job_queue": {"Queue": {k: v for k, v in body.items() if v is not None}}})


def compute_environment(resources: Any) -> dict[str, Any]:
    return doc({"aws_batch_compute_environment": {"CE": {"type": "MANAGED", "compute_resources": resources}}})


FARGATE = {"max_vcpus": 4, "subnets": ["subnet-1"], "type": "FARGATE"}


def messages(document: dict[str, Any]) -> list[str]:
    return [message for _, message in schema_problems(document)]


def test_a_valid_document_passes() -> None:
    check_schema({"stack": queue()})
    check_schema({"stack": compute_environment([FARGATE])})


def test_unknown_key_names_the_path_and_suggests_the_closest() -> None:
    with pytest.raises(ValidationError) as raised:
        check_schema({"stack": queue(priorty=1)})
    error = raised.value
    assert error.path == PATH
    assert "aws_batch_job_queue" in error.message and "'priorty'" in error.message
    assert "did you mean 'priority'?" in error.message


def test_unknown_key_in_a_nested_block() -> None:
    (found,) = messages(compute_environment([{**FARGATE, "max_vcpu": 4}]))
    assert "'compute_resources[0].max_vcpu'" in found and "did you mean 'max_vcpus'?" in found


@pytest.mark.parametrize("attrs, fragment", [
    ({"priority": "high"}, "'priority' must be number"),
    ({"priority": True}, "'priority' must be number"),
    ({"name": ["q"]}, "'name' must be string"),
    ({"tags": ["a"]}, "'tags' must be map(string)"),
    ({"tags": {"a": ["b"]}}, "'tags.a' must be string"),
    ({"compute_environment_order": [{"order": "first", "compute_environment": "arn"}]},
     "'compute_environment_order[0].order' must be number"),
])
def test_wrong_type(attrs: dict[str, Any], fragment: str) -> None:
    found = messages(queue(**attrs))
    assert any(fragment in m for m in found), found


@pytest.mark.parametrize("attrs", [
    {"priority": "5"}, {"priority": "1e1"}, {"name": 123}, {"name": True},  # Terraform converts these
    {"tags": {"a": 1}}, {"priority": 2.0},
])
def test_literals_terraform_converts_are_accepted(attrs: dict[str, Any]) -> None:
    assert messages(queue(**attrs)) == []


def test_bool_strings_terraform_converts() -> None:
    def group(value: Any) -> dict[str, Any]:
        return doc({"aws_cloudwatch_log_group": {"G": {"skip_destroy": value}}})
    for value in (True, "true", "false", "1", "0"):
        assert messages(group(value)) == [], value
    for value in ("yes", 1):
        assert any("'skip_destroy' must be bool" in m for m in messages(group(value))), value


def test_missing_required_attribute() -> None:
    found = messages(queue(name=None))
    assert any("required attribute 'name' is missing" in m for m in found), found


def test_missing_required_in_a_nested_block_and_below_min_items() -> None:
    found = messages(compute_environment([{"subnets": ["s"], "type": "FARGATE"}]))
    assert any("required attribute 'compute_resources[0].max_vcpus' is missing" in m for m in found), found
    # aws_s3_bucket_server_side_encryption_configuration needs at least one rule block
    found = messages(doc({"aws_s3_bucket_server_side_encryption_configuration": {"E": {"bucket": "b"}}}))
    assert any("'rule' needs at least 1 block(s), got 0" in m for m in found), found


def test_wrong_nesting() -> None:
    # a block given as a scalar
    (found,) = messages(compute_environment("FARGATE"))
    assert "'compute_resources' is a nested block" in found
    # a list block above max_items (compute_resources: at most 1)
    (found,) = messages(compute_environment([FARGATE, FARGATE]))
    assert "'compute_resources' allows at most 1 block(s), got 2" in found
    # a block given as an object is one block (Terraform's JSON syntax)
    assert messages(compute_environment(FARGATE)) == []


def test_single_nested_block_given_a_list_of_two() -> None:
    # hashicorp/aws 5.100's blocks of the emitted types are lists: a synthetic single-block schema
    schema = {"b": {"options": ["single", 0, 0, {"a": {"x": ["string", "o"]}}]}}
    from batch_constructs._schema_check import _body_problems
    (found,) = _body_problems({"options": [{"x": "a"}, {"x": "b"}]}, schema, "", frozenset())
    assert "'options' is a single nested block: give one object, not a list of 2" in found
    assert _body_problems({"options": [{"x": "a"}]}, schema, "", frozenset()) == []


def test_computed_only_attribute_set() -> None:
    (found,) = messages(queue(arn="arn:aws:batch:us-east-1:1:job-queue/q"))
    assert "'arn' is computed by the provider (read-only): remove it" in found


def test_expressions_are_accepted_anywhere() -> None:
    expression = "${aws_batch_compute_environment.ce.arn}"
    assert messages(queue(priority="${var.priority}", tags="${local.tags}",
                          compute_environment_order="${local.order}")) == []
    assert messages(compute_environment([{**FARGATE, "max_vcpus": "${var.n}", "subnets": expression}])) == []
    assert messages(queue(name="%{if true}q%{endif}")) == []
    # an escaped "$${" is a literal string, not an expression
    assert any("'priority' must be number" in m for m in messages(queue(priority="$${var.p}")))


def test_meta_arguments_and_dynamic_blocks_are_accepted() -> None:
    document = queue(count=2, depends_on=["aws_x.y"], lifecycle={"create_before_destroy": True},
                     provider="aws.west")
    assert messages(document) == []
    body = {"type": "MANAGED", "dynamic": {"compute_resources": {"for_each": "${var.x}", "content": {}}}}
    assert messages(doc({"aws_batch_compute_environment": {"CE": body}})) == []
    (found,) = messages(doc({"aws_batch_compute_environment": {"CE": {**body, "dynamic": {"compute_resourcez": {}}}}}))
    assert "did you mean 'compute_resources'?" in found


def test_data_sources_are_checked() -> None:
    data = {"aws_ssm_parameter": {"P": {"//": {"metadata": {"path": "app/stack/P"}}, "nam": "/x"}}}
    found = schema_problems(doc(data=data))
    assert ("app/stack/P", "data.aws_ssm_parameter: unknown attribute 'nam' (not an argument or block of the "
                           "provider schema): did you mean 'name'?") in found
    assert any("required attribute 'name' is missing" in m for _, m in found)


def test_every_problem_of_every_doc_is_raised_once() -> None:
    with pytest.raises(ValidationError) as raised:
        check_schema({"a": queue(priorty=1), "b": compute_environment([FARGATE, FARGATE])})
    assert len(raised.value.problems) == 2
    assert raised.value.problems[1][0] == "aws_batch_compute_environment.CE"  # no metadata: the address


@pytest.mark.parametrize("version", ["6.25.0", "6.0.0", "~> 5.0", "5.99.0"])
def test_other_provider_versions_are_skipped(version: str) -> None:
    document = queue(priorty=1)
    document["terraform"]["required_providers"]["aws"]["version"] = version
    check_schema({"stack": document})


def test_types_outside_the_schema_are_skipped() -> None:
    document = doc({"terraform_data": {"Build": {"input": "x", "provisioner": [{"local-exec": {"command": "c"}}]}},
                    "aws_instance": {"Mine": {"not_checked": 1}}})
    assert messages(document) == []


def test_pinned_version_with_equals_is_checked() -> None:
    document = copy.deepcopy(queue(priorty=1))
    document["terraform"]["required_providers"]["aws"]["version"] = "= 5.100.0"
    assert messages(document)


def test_schema_version_matches_the_generated_module() -> None:
    import importlib

    assert SCHEMA_MODULES == {"5.100.0": "bindings.schema_aws_5_100_0", "6.69.1": "bindings.schema_aws_6_69_1"}
    for version, name in SCHEMA_MODULES.items():
        module = importlib.import_module(f"batch_constructs.{name}")
        assert module.PROVIDER_VERSION == version
        assert module.BUILTIN == ("terraform_data",)
    first_line = open(generated.__file__).readline()
    assert first_line.startswith("# @generated by python -m batch_constructs.bindings schema --provider-version "
                                 "5.100.0 from terraform providers schema -json (hashicorp/aws 5.100.0, sha256 ")


def test_a_6x_document_is_checked_against_the_6x_schema() -> None:
    """6.x renamed the compute environment's name argument and added ``region`` (from the schemas)."""
    for version, good, bad in (("5.100.0", "compute_environment_name", "name"),
                               ("6.69.1", "name", "compute_environment_name")):
        assert messages(doc({"aws_batch_compute_environment": {"CE": {"type": "UNMANAGED", good: "ce"}}},
                            version=version)) == []
        found = messages(doc({"aws_batch_compute_environment": {"CE": {"type": "UNMANAGED", bad: "ce"}}},
                             version=version))
        assert len(found) == 1 and f"unknown attribute '{bad}'" in found[0], version
    assert messages(doc({"aws_batch_job_queue": {"Q": {"name": "q", "priority": 1, "state": "ENABLED",
                                                       "region": "eu-west-1"}}}, version="6.69.1")) == []


def _library_types() -> set[tuple[str, str]]:
    """``(section, type)`` of every provider class the library's source names as ``"<module>", "<Class>"``
    (``_new_l1`` / ``provider_class`` call sites and their tables), ``Class`` being the module's CamelCase."""
    import re
    from pathlib import Path

    import batch_constructs
    pair = re.compile(r'"([a-z][a-z0-9_]*)",\s*"([A-Z][A-Za-z0-9]*)"')
    found = set()
    for file in Path(batch_constructs.__file__).parent.rglob("*.py"):
        for module, cls in pair.findall(file.read_text()):
            if cls.rstrip("A") != "".join(part.title() for part in module.split("_")) or module == "provider":
                continue
            found.add(("data", "aws_" + module[len("data_aws_"):]) if module.startswith("data_aws_")
                      else ("resource", "aws_" + module))
    return found


def test_the_library_emits_only_types_of_the_generator_list() -> None:
    from batch_constructs.bindings import _schema_gen as generator
    listed = {("resource", t) for t in generator.RESOURCES} | {("data", t) for t in generator.DATA_SOURCES}
    emitted = _library_types()
    assert len(emitted) > 40
    assert not emitted - listed, f"add to batch_constructs/bindings/_schema_gen.py and regenerate: {sorted(emitted - listed)}"
    assert not listed - emitted, f"no longer emitted, remove from the generator: {sorted(listed - emitted)}"
    assert set(generated.RESOURCES) == set(generator.SCHEMA_RESOURCES), "regenerate: python -m batch_constructs.bindings schema"
    assert set(generated.DATA_SOURCES) == set(generator.DATA_SOURCES)
    from batch_constructs.bindings import schema_aws_6_69_1 as generated_6
    assert set(generated_6.RESOURCES) == set(generator.SCHEMA_RESOURCES), (
        "regenerate: python -m batch_constructs.bindings schema --assembly <cdktn-provider-aws assembly>")
    assert set(generated_6.DATA_SOURCES) == set(generator.DATA_SOURCES)
