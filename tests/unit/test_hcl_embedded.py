"""The renderer's schema from the embedded compact schemas (``batch_constructs.hcl.embedded``):
5.100.0 as Terraform prints it, 6.69.1 from the jsii assembly with block versus attribute decided by
5.100.0, and Terraform asked when a document sets a key path neither module can decide."""
from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from batch_constructs.hcl import embedded

AWS = embedded.AWS_SOURCE


def _doc(version: str, **resources: dict[str, Any]) -> dict[str, Any]:
    return {"terraform": {"required_providers": {"aws": {"source": "aws", "version": version}}},
            "provider": {"aws": [{"region": "us-east-1"}]},
            "resource": {kind: {"r": body} for kind, body in resources.items()}}


QUEUE = {"name": "q", "priority": 1, "state": "ENABLED",
         "compute_environment_order": [{"compute_environment": "arn:ce", "order": 1}]}
SECURITY_GROUP = {"vpc_id": "vpc-1", "ingress": [],
                  "egress": [{"cidr_blocks": ["0.0.0.0/0"], "from_port": 0, "to_port": 0, "protocol": "-1"}]}
LAUNCH_TEMPLATE = {"name": "lt", "block_device_mappings": [{"device_name": "/dev/xvda", "ebs": {"volume_size": 30}}]}


def _entry(version: str, **resources: dict[str, Any]) -> dict[str, Any] | None:
    return embedded.embedded_entry(AWS, version, "aws", [_doc(version, **resources)])


def test_the_embedded_modules_are_plain_python() -> None:
    code = ("import sys, batch_constructs.hcl.embedded as e, batch_constructs.bindings.schema_aws_5_100_0, "
            "batch_constructs.bindings.schema_aws_6_69_1; e.ambiguous_paths('6.69.1'); "
            "print(sorted(m for m in ('jsii', 'cdktf', 'cdktn') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("version", ["5.100.0", "6.69.1"])
def test_an_entry_for_a_document_of_emitted_types(version: str) -> None:
    entry = _entry(version, aws_batch_job_queue=QUEUE)
    assert entry is not None
    assert set(entry["resource"]) == {"aws_batch_job_queue"} and entry["data"] == {}
    queue = entry["resource"]["aws_batch_job_queue"]
    assert "compute_environment_order" in queue["b"] and {"arn", "name"} <= set(queue["s"])
    assert "endpoints" in entry["provider"]["b"]


def test_6x_takes_block_or_attribute_from_5x() -> None:
    entry = _entry("6.69.1", aws_security_group=SECURITY_GROUP, aws_launch_template=LAUNCH_TEMPLATE)
    assert entry is not None
    group = entry["resource"]["aws_security_group"]
    assert not {"ingress", "egress"} & set(group.get("b", {}))   # set(object) attributes in Terraform's schema
    assert not {"ingress", "egress"} & set(group.get("s", []))
    template = entry["resource"]["aws_launch_template"]
    assert "ebs" in template["b"]["block_device_mappings"]["b"]   # blocks in both, nested ones too
    assert "name" in template["s"]
    # the assembly alone says block: the 6.69.1 module has it under "b"
    from batch_constructs.bindings import schema_aws_6_69_1
    assert "ingress" in schema_aws_6_69_1.RESOURCES["aws_security_group"]["b"]


def test_5x_is_taken_as_terraform_prints_it() -> None:
    entry = _entry("5.100.0", aws_security_group=SECURITY_GROUP)
    assert entry is not None and "ingress" not in entry["resource"]["aws_security_group"].get("b", {})
    assert embedded.ambiguous_paths("5.100.0") == frozenset()


def test_the_ambiguous_paths_are_derived_from_both_modules() -> None:
    paths = embedded.ambiguous_paths("6.69.1")
    assert ("resource", "aws_launch_template", "network_performance_options") in paths
    assert ("resource", "aws_eks_cluster", "outpost_config", "etcd_placement") in paths
    assert ("resource", "aws_eks_cluster", "outpost_config") not in paths       # a block of 5.100.0
    assert ("resource", "aws_security_group", "ingress") not in paths           # an attribute of 5.100.0
    assert ("resource", "aws_launch_template", "block_device_mappings") not in paths
    from batch_constructs.bindings import schema_aws_5_100_0, schema_aws_6_69_1

    def body(module: Any, section: str, kind: str) -> Any:
        return {"provider": {embedded.PROVIDER_TYPE: module.PROVIDER}, "resource": module.RESOURCES,
                "data": module.DATA_SOURCES}[section].get(kind) or {}

    for section, kind, *keys in paths:   # each: a block of 6.69.1 that 5.100.0 does not have
        shape, exact = body(schema_aws_6_69_1, section, kind), body(schema_aws_5_100_0, section, kind)
        for key in keys[:-1]:
            shape, exact = shape["b"][key][3], exact["b"][key][3]
        assert keys[-1] in shape["b"] and keys[-1] not in exact.get("a", {}) and keys[-1] not in exact.get("b", {})


@pytest.mark.parametrize("body", [
    {"name": "lt", "network_performance_options": [{"bandwidth_weighting": "vpc-1"}]},
    {"name": "lt", "network_performance_options": {"bandwidth_weighting": "vpc-1"}},
    {"name": "lt", "network_performance_options": []},     # even empty: "= []" is no block
])
def test_a_document_setting_an_ambiguous_path_gets_no_entry(body: dict[str, Any]) -> None:
    assert _entry("6.69.1", aws_launch_template=LAUNCH_TEMPLATE) is not None
    assert _entry("6.69.1", aws_launch_template=body) is None


def test_a_nested_ambiguous_path_is_found_under_its_blocks() -> None:
    cluster = {"name": "c", "role_arn": "arn:role", "vpc_config": {"subnet_ids": ["s"]},
               "outpost_config": [{"control_plane_instance_type": "m5.large", "outpost_arns": ["arn:o"]}]}
    assert _entry("6.69.1", aws_eks_cluster=cluster) is not None
    cluster["outpost_config"][0]["etcd_placement"] = {"group_name": "g"}
    assert _entry("6.69.1", aws_eks_cluster=cluster) is None


def test_an_unused_ambiguous_path_and_other_types_do_not_matter() -> None:
    template = {"name": "lt", "tags": {"network_performance_options": "a tag, not a block"}}
    assert _entry("6.69.1", aws_launch_template=template) is not None
    doc = _doc("6.69.1", aws_launch_template=LAUNCH_TEMPLATE)
    doc["resource"]["aws_security_group"] = {"r": {"network_performance_options": []}}  # not a path of this type
    assert embedded.embedded_entry(AWS, "6.69.1", "aws", [doc]) is not None


def test_coverage_still_decides() -> None:
    assert _entry("6.69.1", aws_sqs_queue={"name": "jobs"}) is None             # a type outside the modules
    assert embedded.embedded_entry(AWS, "6.25.0", "aws", [_doc("6.25.0")]) is None
    assert embedded.embedded_entry("registry.terraform.io/hashicorp/google", "6.69.1", "google", []) is None
