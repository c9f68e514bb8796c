"""What a tag change and a new launch-template version do to an applied compute environment.

A small stack is applied to moto; then modified configurations are planned against that state
(``terraform plan -out`` + ``terraform show -json``) and the planned actions are checked against
what ``docs/compute-environments.md`` says (hashicorp/aws 5.100.0):

* an instance tag (``Tags.of(ce)``) on an *updatable* environment (service-linked role and
  ``BEST_FIT_PROGRESSIVE``) is an in-place update; on the default spot strategy
  ``SPOT_PRICE_CAPACITY_OPTIMIZED`` (not updatable before provider 6.10) it replaces the
  environment, created before the old one is destroyed;
* a stack-wide tag changes only the resource ``tags``: never a replacement;
* a new launch-template version changes the environment's pinned ``launch_template.version``.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.harness.terraform import Terraform, prepare_stack_dir

pytestmark = [pytest.mark.terraform, pytest.mark.e2e]

USER_DATA_V1 = "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"B\"\n\n--B\nContent-Type: text/x-shellscript\n\n#!/bin/bash\necho v1\n\n--B--\n"
USER_DATA_V2 = USER_DATA_V1.replace("echo v1", "echo v2")


def synth(outdir: Path, provider_config: dict[str, Any], *, instance_tag: bool = False, stack_tag: bool = False,
          user_data: str = USER_DATA_V1) -> dict[str, Any]:
    from batch_constructs import App, ManagedEc2EcsComputeEnvironment
    from batch_constructs._runtime import provider_class
    from batch_constructs.core import Tags
    from batch_constructs.ec2 import InstanceClass, LaunchTemplate, Vpc
    from stacks._base import ExampleStack

    class PlanStack(ExampleStack):
        def build(self) -> None:
            vpc_l1 = provider_class("vpc", "Vpc")(self, "Vpc", cidr_block="10.1.0.0/16")
            subnet = provider_class("subnet", "Subnet")(self, "Subnet", vpc_id=vpc_l1.id, cidr_block="10.1.0.0/20")
            vpc = Vpc.from_attributes(self, "ImportedVpc", vpc_id=vpc_l1.id, private_subnet_ids=[subnet.id])
            template = LaunchTemplate(self, "LaunchTemplate", user_data=user_data)
            on_demand = ManagedEc2EcsComputeEnvironment(self, "OnDemand", vpc=vpc, instance_classes=[InstanceClass.C5],
                                                        launch_template=template)
            spot = ManagedEc2EcsComputeEnvironment(self, "Spot", vpc=vpc, spot=True,
                                                   instance_classes=[InstanceClass.C5])
            if instance_tag:
                Tags.of(on_demand).add("team", "research")
                Tags.of(spot).add("team", "research")
            if stack_tag:
                Tags.of(self).add("cost-center", "42")

    app = App(outdir=str(outdir))
    stack = PlanStack(app, "ce-plan-changes", provider_config=provider_config)
    app.synth()
    return json.loads((outdir / "stacks" / stack.node.id / "cdk.tf.json").read_text())


def ce_address(doc: dict[str, Any], id_prefix: str) -> str:
    (key,) = [k for k in doc["resource"]["aws_batch_compute_environment"] if k.startswith(id_prefix + "_")]
    return f"aws_batch_compute_environment.{key}"


@pytest.fixture(scope="module")
def applied(terraform_tools: Any, moto_server: Any, tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("plan-changes")
    config = moto_server.provider_config()
    base = synth(root / "v1", config)
    tf = Terraform(terraform_tools.binary, terraform_tools.cli_config, prepare_stack_dir(base, root / "work"))
    tf.run("init", "-input=false", "-no-color").check()
    tf.apply().check()
    tf.run("plan", "-detailed-exitcode", "-input=false", "-no-color").check(0)

    def plan(name: str, **variant: Any) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
        doc = synth(root / name, config, **variant)
        prepare_stack_dir(doc, root / "work")
        tf.run("plan", "-input=false", "-no-color", "-out=plan.out").check()
        shown = json.loads(tf.run("show", "-json", "plan.out").check().stdout)
        return doc, {c["address"]: c for c in shown.get("resource_changes", [])}

    try:
        yield base, plan, tf
    finally:
        prepare_stack_dir(base, root / "work")
        tf.destroy().check()


def actions(changes: dict[str, dict[str, Any]], address: str) -> list[str]:
    return changes[address]["change"]["actions"]


def test_instance_tag_updates_an_updatable_environment_and_replaces_a_spot_one(applied: Any) -> None:
    base, plan, tf = applied
    doc, changes = plan("instance-tag", instance_tag=True)
    on_demand, spot = ce_address(doc, "OnDemand"), ce_address(doc, "Spot")
    # BEST_FIT_PROGRESSIVE + service-linked role: infrastructure update in place
    assert actions(changes, on_demand) == ["update"]
    after = changes[on_demand]["change"]["after"]
    assert after["compute_resources"][0]["tags"] == {"team": "research"}
    assert after["tags"] == {"team": "research"}
    # SPOT_PRICE_CAPACITY_OPTIMIZED (not updatable in hashicorp/aws 5.100): replaced, new one first
    assert actions(changes, spot) == ["create", "delete"]
    assert ["compute_resources", 0, "tags"] in changes[spot]["change"]["replace_paths"]
    # the replacement gets a new generated name from the same prefix: no name collision
    assert changes[spot]["change"]["after"].get("compute_environment_name_prefix") or \
        changes[spot]["change"]["after"].get("name_prefix")


def test_stack_tag_never_reaches_instance_tags(applied: Any) -> None:
    base, plan, tf = applied
    doc, changes = plan("stack-tag", stack_tag=True)
    for prefix in ("OnDemand", "Spot"):
        address = ce_address(doc, prefix)
        assert actions(changes, address) == ["update"], changes[address]["change"].get("replace_paths")
        after = changes[address]["change"]["after"]
        assert after["tags"] == {"cost-center": "42"}
        assert not after["compute_resources"][0].get("tags")


def test_new_launch_template_version_changes_the_pinned_version(applied: Any) -> None:
    base, plan, tf = applied
    doc, changes = plan("launch-template-v2", user_data=USER_DATA_V2)
    (template,) = [a for a in changes if a.startswith("aws_launch_template.")]
    assert actions(changes, template) == ["update"]
    assert changes[template]["change"]["after_unknown"].get("latest_version") is True
    on_demand = ce_address(doc, "OnDemand")
    change = changes[on_demand]["change"]
    assert change["actions"] != ["no-op"]
    assert change["before"]["compute_resources"][0]["launch_template"][0]["version"] == "1"
    assert change["after_unknown"]["compute_resources"][0]["launch_template"][0]["version"] is True
    # the spot environment has no launch template: untouched
    assert actions(changes, ce_address(doc, "Spot")) == ["no-op"]


def test_no_change_plans_quietly(applied: Any) -> None:
    base, plan, tf = applied
    doc, changes = plan("unchanged")
    assert {a: c["change"]["actions"] for a, c in changes.items() if c["change"]["actions"] not in (["no-op"], ["read"])} == {}


def test_applying_the_changes_replaces_safely_and_then_plans_quietly(applied: Any, moto_server: Any) -> None:
    """Runs last: applies a new instance tag and a new launch-template version together. The spot
    environment is replaced (a new name from the same prefix, created first), the on-demand one
    is updated in place to version 2; a second plan is quiet."""
    base, plan, tf = applied
    batch = moto_server.client("batch")
    before = {ce["computeEnvironmentName"] for ce in batch.describe_compute_environments()["computeEnvironments"]}
    doc, changes = plan("apply-both", instance_tag=True, user_data=USER_DATA_V2)
    tf.apply().check()
    tf.run("plan", "-detailed-exitcode", "-input=false", "-no-color").check(0)
    after = {ce["computeEnvironmentName"]: ce for ce in batch.describe_compute_environments()["computeEnvironments"]}
    spot_prefix = doc["resource"]["aws_batch_compute_environment"][ce_address(doc, "Spot").split(".")[1]]
    spot_prefix = spot_prefix.get("compute_environment_name_prefix") or spot_prefix.get("name_prefix")
    (spot_name,) = [n for n in after if n.startswith(spot_prefix)]
    assert spot_name not in before  # replaced: a new environment
    assert after[spot_name]["computeResources"]["tags"] == {"team": "research"}
    (on_demand_name,) = [n for n in after if n not in (spot_name,) and n.startswith("ce-plan-changes-OnDemand")]
    assert on_demand_name in before  # updated in place
    assert after[on_demand_name]["computeResources"]["launchTemplate"]["version"] == "2"
    assert len(after) == 2
