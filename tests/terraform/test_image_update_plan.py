"""What AWS publishing a new ECS-optimized AMI does to applied environments with
``update_to_latest_image_version=True`` (hashicorp/aws 5.100.0, moto).

A stack is applied to moto; then moto's public SSM parameter gets a new version (AWS releasing an
image; ``tests/harness/moto_patch_ssm.py``) and the *unchanged* configuration is planned again:

* ``OnDemand`` (``BEST_FIT_PROGRESSIVE``, service-linked role: an environment AWS and the provider
  update in place), GPU and non-GPU classes, two entries each following its parameter: an in-place
  update changing only ``image_id_override`` of the entry whose image was published;
* ``Spot`` (the default ``SPOT_PRICE_CAPACITY_OPTIMIZED``, which hashicorp/aws 5.100 does not
  update in place): replaced, the new environment (a new name from the same ``name_prefix``)
  created before the old one is destroyed (``create_before_destroy``);
* ``Pinned`` (the keyword not given): untouched.

Applying it updates/replaces as planned; the next plan is quiet. A ``terraform validate`` of the
ECS and EKS variants (``data "aws_ssm_parameter"``, ``data "aws_eks_cluster"``) runs without moto.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.harness.moto_patch_ssm import publish_public_parameter
from tests.harness.terraform import Terraform, assert_validates, prepare_stack_dir

pytestmark = pytest.mark.terraform

AL2023 = "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"
AL2023_GPU = "/aws/service/ecs/optimized-ami/amazon-linux-2023/gpu/recommended/image_id"
NEW_AMI, NEW_GPU_AMI = "ami-0aaaaaaaaaaaaaaa1", "ami-0bbbbbbbbbbbbbbb2"


def synth(outdir: Path, provider_config: dict[str, Any], *, eks: bool = False) -> dict[str, Any]:
    from batch_constructs import App, ManagedEc2EcsComputeEnvironment, ManagedEc2EksComputeEnvironment
    from batch_constructs._runtime import provider_class
    from batch_constructs.ec2 import InstanceClass, Vpc
    from stacks._base import ExampleStack

    class LatestImageStack(ExampleStack):
        def build(self) -> None:
            vpc_l1 = provider_class("vpc", "Vpc")(self, "Vpc", cidr_block="10.2.0.0/16")
            subnet = provider_class("subnet", "Subnet")(self, "Subnet", vpc_id=vpc_l1.id, cidr_block="10.2.0.0/20")
            vpc = Vpc.from_attributes(self, "ImportedVpc", vpc_id=vpc_l1.id, private_subnet_ids=[subnet.id])
            ManagedEc2EcsComputeEnvironment(self, "OnDemand", vpc=vpc, update_to_latest_image_version=True,
                                            instance_classes=[InstanceClass.C5, InstanceClass.G5],
                                            use_optimal_instance_classes=False)
            ManagedEc2EcsComputeEnvironment(self, "Spot", vpc=vpc, spot=True, update_to_latest_image_version=True,
                                            instance_classes=[InstanceClass.C5])
            ManagedEc2EcsComputeEnvironment(self, "Pinned", vpc=vpc, instance_classes=[InstanceClass.C5])
            if eks:
                cluster = provider_class("eks_cluster", "EksCluster")(
                    self, "Cluster", name="latest", role_arn="arn:aws:iam::123456789012:role/eks",
                    vpc_config={"subnet_ids": [subnet.id]})
                for id, given in (("EksL1", cluster), ("EksArn", "arn:aws:eks:us-east-1:123456789012:cluster/other")):
                    ManagedEc2EksComputeEnvironment(self, id, vpc=vpc, eks_cluster=given, kubernetes_namespace="jobs",
                                                    instance_classes=[InstanceClass.M5, InstanceClass.G6],
                                                    update_to_latest_image_version=True)

    app = App(outdir=str(outdir))
    stack = LatestImageStack(app, "ce-latest-image", provider_config=provider_config)
    app.synth()
    return json.loads((outdir / "stacks" / stack.node.id / "cdk.tf.json").read_text())


def ce_address(doc: dict[str, Any], id_prefix: str) -> str:
    (key,) = [k for k in doc["resource"]["aws_batch_compute_environment"] if k.startswith(id_prefix + "_")]
    return f"aws_batch_compute_environment.{key}"


def differences(before: Any, after: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The paths whose values differ between two planned values."""
    if isinstance(before, dict) and isinstance(after, dict):
        return [d for k in sorted(set(before) | set(after), key=str)
                for d in differences(before.get(k), after.get(k), path + (k,))]
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        return [d for i, (b, a) in enumerate(zip(before, after)) for d in differences(b, a, path + (i,))]
    return [] if before == after else [path]


def test_the_ecs_and_eks_variants_pass_terraform_validate(terraform_tools: Any, tmp_path: Path) -> None:
    doc = synth(tmp_path / "out", {"region": "us-east-1"}, eks=True)
    assert len(doc["data"]["aws_ssm_parameter"]) == 2 + 1 + 2 + 2
    assert len(doc["data"]["aws_eks_cluster"]) == 1
    assert_validates(terraform_tools, doc, tmp_path / "work")


@pytest.fixture(scope="module")
def applied(terraform_tools: Any, moto_server: Any, tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("latest-image")
    config = moto_server.provider_config()
    doc = synth(root / "out", config)
    tf = Terraform(terraform_tools.binary, terraform_tools.cli_config, prepare_stack_dir(doc, root / "work"))
    tf.run("init", "-input=false", "-no-color").check()
    tf.apply().check()
    tf.run("plan", "-detailed-exitcode", "-input=false", "-no-color").check(0)

    def plan() -> dict[str, dict[str, Any]]:
        tf.run("plan", "-input=false", "-no-color", "-out=plan.out").check()
        shown = json.loads(tf.run("show", "-json", "plan.out").check().stdout)
        return {c["address"]: c["change"] for c in shown.get("resource_changes", [])}

    try:
        yield doc, plan, tf
    finally:
        tf.destroy().check()


@pytest.mark.e2e
def test_applied_environments_carry_the_current_images(applied: Any, moto_server: Any) -> None:
    ssm = moto_server.client("ssm")
    current = {n: ssm.get_parameter(Name=n)["Parameter"]["Value"] for n in (AL2023, AL2023_GPU)}
    batch = moto_server.client("batch")
    by_name = {ce["computeEnvironmentName"]: ce for ce in batch.describe_compute_environments()["computeEnvironments"]}
    (on_demand,) = [ce for n, ce in by_name.items() if n.startswith("ce-latest-image-OnDemand")]
    assert on_demand["computeResources"]["ec2Configuration"] == [
        {"imageType": "ECS_AL2023", "imageIdOverride": current[AL2023]},
        {"imageType": "ECS_AL2023_NVIDIA", "imageIdOverride": current[AL2023_GPU]}]
    (pinned,) = [ce for n, ce in by_name.items() if n.startswith("ce-latest-image-Pinned")]
    assert pinned["computeResources"]["ec2Configuration"] == [{"imageType": "ECS_AL2023"}]


@pytest.mark.e2e
def test_a_published_image_updates_in_place_or_replaces_safely(applied: Any, moto_server: Any) -> None:
    doc, plan, tf = applied
    publish_public_parameter(moto_server.client("ssm"), AL2023, NEW_AMI)
    changes = plan()
    on_demand, spot, pinned = (ce_address(doc, p) for p in ("OnDemand", "Spot", "Pinned"))
    # updatable environment: in place, only the first entry's image
    assert changes[on_demand]["actions"] == ["update"]
    assert differences(changes[on_demand]["before"], changes[on_demand]["after"]) == [
        ("compute_resources", 0, "ec2_configuration", 0, "image_id_override")]
    assert changes[on_demand]["after"]["compute_resources"][0]["ec2_configuration"][0]["image_id_override"] == NEW_AMI
    # SPOT_PRICE_CAPACITY_OPTIMIZED (not updatable in hashicorp/aws 5.100): replaced, the new one first
    assert changes[spot]["actions"] == ["create", "delete"]
    assert changes[spot]["replace_paths"] == [["compute_resources", 0, "ec2_configuration", 0, "image_id_override"]]
    assert changes[pinned]["actions"] == ["no-op"]
    assert {a: c["actions"] for a, c in changes.items() if c["actions"] not in (["no-op"], ["read"])} == \
        {on_demand: ["update"], spot: ["create", "delete"]}


@pytest.mark.e2e
def test_applying_new_images_then_plans_quietly(applied: Any, moto_server: Any) -> None:
    """Runs last: publishes a new GPU image too, applies, reads back, and plans quietly."""
    doc, plan, tf = applied
    publish_public_parameter(moto_server.client("ssm"), AL2023, NEW_AMI)
    publish_public_parameter(moto_server.client("ssm"), AL2023_GPU, NEW_GPU_AMI)
    batch = moto_server.client("batch")
    before = {ce["computeEnvironmentName"] for ce in batch.describe_compute_environments()["computeEnvironments"]}
    changes = plan()
    on_demand = ce_address(doc, "OnDemand")
    assert differences(changes[on_demand]["before"], changes[on_demand]["after"]) == [
        ("compute_resources", 0, "ec2_configuration", 0, "image_id_override"),
        ("compute_resources", 0, "ec2_configuration", 1, "image_id_override")]
    tf.apply().check()
    tf.run("plan", "-detailed-exitcode", "-input=false", "-no-color").check(0)
    after = {ce["computeEnvironmentName"]: ce for ce in batch.describe_compute_environments()["computeEnvironments"]}
    assert len(after) == 3
    (on_demand_name,) = [n for n in after if n.startswith("ce-latest-image-OnDemand")]
    assert on_demand_name in before  # updated in place
    assert after[on_demand_name]["computeResources"]["ec2Configuration"] == [
        {"imageType": "ECS_AL2023", "imageIdOverride": NEW_AMI},
        {"imageType": "ECS_AL2023_NVIDIA", "imageIdOverride": NEW_GPU_AMI}]
    (spot_name,) = [n for n in after if n.startswith("ce-latest-image-Spot")]
    assert spot_name not in before  # replaced: a new environment from the same prefix
    assert after[spot_name]["computeResources"]["ec2Configuration"] == [
        {"imageType": "ECS_AL2023", "imageIdOverride": NEW_AMI}]
