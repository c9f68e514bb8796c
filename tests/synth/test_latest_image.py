"""``update_to_latest_image_version=True`` on managed EC2 environments (ECS and EKS): every
``ec2_configuration`` entry without its own image takes ``image_id_override`` from a
``data "aws_ssm_parameter"`` reading the public latest-AMI parameter of its image type, so every plan
picks the latest image AWS recommends (the plan on applied state: tests/terraform/test_image_update_plan.py).
An entry's own image and a launch template's AMI win; ``False``/``None`` change nothing; Fargate refuses it."""
from __future__ import annotations

import json
import warnings
from typing import Any

import pytest

from batch_constructs import (EcsMachineImage, EcsMachineImageType, EksMachineImage, EksMachineImageType,
                              FargateComputeEnvironment, ManagedEc2EksComputeEnvironment, ValidationError)
from batch_constructs._errors import BatchConstructsWarning
from batch_constructs._runtime import provider_class
from batch_constructs.ec2 import InstanceClass, LaunchTemplate, MachineImage
from batch_constructs.managed_ec2_types import latest_image_parameter
from batch_constructs.testing import Template

from ._helpers import ecs, only_ce

CLUSTER_ARN = "arn:aws:eks:us-east-1:123456789012:cluster/demo"
ECS_AMI = "/aws/service/ecs/optimized-ami/"
AL2023 = ECS_AMI + "amazon-linux-2023/recommended/image_id"
AL2023_GPU = ECS_AMI + "amazon-linux-2023/gpu/recommended/image_id"


def eks(stack: Any, vpc: Any, id: str = "CE", **kwargs: Any) -> ManagedEc2EksComputeEnvironment:
    kwargs.setdefault("eks_cluster", CLUSTER_ARN)
    kwargs.setdefault("kubernetes_namespace", "batch")
    return ManagedEc2EksComputeEnvironment(stack, id, vpc=vpc, **kwargs)


def entries_and_parameters(stack: Any) -> list[tuple[str, str | None]]:
    """(image type, SSM parameter name of its image_id_override, or the override itself) per entry."""
    template = Template.from_stack(stack)
    data = template.find_data_sources("aws_ssm_parameter")
    out = []
    for entry in only_ce(stack)["compute_resources"]["ec2_configuration"]:
        override = entry.get("image_id_override")
        if override and override.startswith("${data.aws_ssm_parameter."):
            key = override[len("${data.aws_ssm_parameter."):].split(".")[0]
            assert override == f"${{data.aws_ssm_parameter.{key}.insecure_value}}"
            override = data[key]["name"]
        out.append((entry["image_type"], override))
    return out


def test_l19_ecs_default_entry_follows_the_latest_image(stack: Any, vpc: Any) -> None:
    ce = ecs(stack, vpc, update_to_latest_image_version=True)
    assert ce.update_to_latest_image_version is True
    assert entries_and_parameters(stack) == [("ECS_AL2023", AL2023)]
    assert "update_to_latest_image_version" not in json.dumps(only_ce(stack))


def test_gpu_and_standard_entries_each_get_their_parameter(stack: Any, vpc: Any) -> None:
    ecs(stack, vpc, instance_classes=[InstanceClass.C5, InstanceClass.G5], update_to_latest_image_version=True)
    assert entries_and_parameters(stack) == [("ECS_AL2023", AL2023), ("ECS_AL2023_NVIDIA", AL2023_GPU)]
    assert len(Template.from_stack(stack).find_data_sources("aws_ssm_parameter")) == 2


def test_arm64_and_al2_parameters(stack: Any, vpc: Any) -> None:
    from constructs import Construct
    ecs(stack, vpc, "CE", instance_classes=[InstanceClass.C7G], update_to_latest_image_version=True,
        use_optimal_instance_classes=False)
    assert entries_and_parameters(stack) == [("ECS_AL2023", ECS_AMI + "amazon-linux-2023/arm64/recommended/image_id")]
    assert latest_image_parameter("ECS_AL2", InstanceClass.C5.architecture) == \
        ECS_AMI + "amazon-linux-2/recommended/image_id"
    assert latest_image_parameter("ECS_AL2_NVIDIA", InstanceClass.G5.architecture) == \
        ECS_AMI + "amazon-linux-2/gpu/recommended/image_id"
    assert latest_image_parameter("ECS_AL2023_NVIDIA", InstanceClass.G5G.architecture) is None
    scope = Construct(stack, "Al2")
    scope.node.set_context("@aws-cdk/aws-batch:defaultToAL2023", False)
    ecs(scope, vpc, "Old", instance_classes=[InstanceClass.M5, InstanceClass.G4DN], update_to_latest_image_version=True)
    names = sorted(d["name"] for d in Template.from_stack(stack).find_data_sources("aws_ssm_parameter").values())
    assert names == sorted([ECS_AMI + "amazon-linux-2023/arm64/recommended/image_id",
                            ECS_AMI + "amazon-linux-2/recommended/image_id",
                            ECS_AMI + "amazon-linux-2/gpu/recommended/image_id"])


def test_an_entry_with_its_own_image_keeps_it(stack: Any, vpc: Any) -> None:
    ecs(stack, vpc, instance_classes=[InstanceClass.G5], update_to_latest_image_version=True,
        images=[EcsMachineImage(image=MachineImage.generic_linux({"us-east-1": "ami-own"})),
                EcsMachineImage(image_type=EcsMachineImageType.ECS_AL2023_NVIDIA)])
    assert entries_and_parameters(stack) == [("ECS_AL2023", "ami-own"), ("ECS_AL2023_NVIDIA", AL2023_GPU)]


@pytest.mark.parametrize("value", [False, None])
def test_false_and_none_emit_nothing(stack: Any, vpc: Any, value: Any) -> None:
    ecs(stack, vpc, "A", update_to_latest_image_version=value, instance_classes=[InstanceClass.G5])
    ecs(stack, vpc, "B", instance_classes=[InstanceClass.G5])
    template = Template.from_stack(stack)
    found = template.find_resources("aws_batch_compute_environment")
    a, b = (json.dumps(v).replace(k.split("_")[0] + "_", "X_") for k, v in sorted(found.items()))
    assert json.loads(a).keys() == json.loads(b).keys()
    assert json.loads(a)["compute_resources"]["ec2_configuration"] == \
        json.loads(b)["compute_resources"]["ec2_configuration"] == [{"image_type": "ECS_AL2023"},
                                                                     {"image_type": "ECS_AL2023_NVIDIA"}]
    assert not template.find_data_sources("aws_ssm_parameter")


# -- launch templates -------------------------------------------------------------------------------------

def test_a_launch_template_ami_wins(stack: Any, vpc: Any) -> None:
    template = LaunchTemplate(stack, "LT", machine_image=MachineImage.generic_linux({"us-east-1": "ami-lt"}))
    with pytest.warns(BatchConstructsWarning, match="update_to_latest_image_version of 'CE': no effect, the launch "
                                                    "template's AMI wins"):
        ecs(stack, vpc, launch_template=template, update_to_latest_image_version=True)
    assert entries_and_parameters(stack) == [("ECS_AL2023", None)]
    assert not Template.from_stack(stack).find_data_sources("aws_ssm_parameter")


def test_a_launch_template_without_ami_gets_the_latest_image(stack: Any, vpc: Any) -> None:
    template = LaunchTemplate(stack, "LT")
    with warnings.catch_warnings():
        warnings.filterwarnings("error", ".*update_to_latest", BatchConstructsWarning)
        ecs(stack, vpc, launch_template=template, update_to_latest_image_version=True)
    assert entries_and_parameters(stack) == [("ECS_AL2023", AL2023)]


def test_an_imported_launch_template_is_overridden_with_a_warning(stack: Any, vpc: Any) -> None:
    template = LaunchTemplate.from_launch_template_attributes(stack, "LT", launch_template_id="lt-1",
                                                              version_number="3")
    with pytest.warns(BatchConstructsWarning, match="an AMI in the imported launch template is overridden by the "
                                                    "latest image"):
        ecs(stack, vpc, launch_template=template, update_to_latest_image_version=True)
    assert entries_and_parameters(stack) == [("ECS_AL2023", AL2023)]


# -- EKS ------------------------------------------------------------------------------------------------

def test_eks_by_arn_looks_the_cluster_version_up(stack: Any, vpc: Any) -> None:
    eks(stack, vpc, instance_classes=[InstanceClass.M5, InstanceClass.G5], update_to_latest_image_version=True)
    template = Template.from_stack(stack)
    (key, cluster), = template.find_data_sources("aws_eks_cluster").items()
    assert cluster == {"name": "demo"}
    version = f"${{data.aws_eks_cluster.{key}.version}}"
    assert entries_and_parameters(stack) == [
        ("EKS_AL2023",
         f"/aws/service/eks/optimized-ami/{version}/amazon-linux-2023/x86_64/standard/recommended/image_id"),
        ("EKS_AL2023_NVIDIA",
         f"/aws/service/eks/optimized-ami/{version}/amazon-linux-2023/x86_64/nvidia/recommended/image_id")]


def test_eks_with_the_provider_cluster_uses_its_version(stack: Any, vpc: Any) -> None:
    cluster = provider_class("eks_cluster", "EksCluster")(stack, "Cluster", name="c", role_arn="arn:aws:iam::1:role/r",
                                                           vpc_config={"subnet_ids": ["subnet-a"]})
    eks(stack, vpc, eks_cluster=cluster, instance_classes=[InstanceClass.M6G], update_to_latest_image_version=True,
        use_optimal_instance_classes=False, images=[EksMachineImage(image_type=EksMachineImageType.EKS_AL2)])
    assert entries_and_parameters(stack) == [
        ("EKS_AL2", "/aws/service/eks/optimized-ami/${aws_eks_cluster.Cluster.version}/amazon-linux-2-arm64/"
                    "recommended/image_id")]
    assert not Template.from_stack(stack).find_data_sources("aws_eks_cluster")


def test_eks_with_a_token_arn(stack: Any, vpc: Any) -> None:
    from cdktf import TerraformVariable
    arn = TerraformVariable(stack, "cluster", type="string").string_value
    eks(stack, vpc, eks_cluster=arn, update_to_latest_image_version=True)
    (cluster,) = Template.from_stack(stack).find_data_sources("aws_eks_cluster").values()
    assert cluster == {"name": '${element(split("/", var.cluster), 1)}'}


# -- refused ----------------------------------------------------------------------------------------------

def test_fargate_refuses_it(stack: Any, vpc: Any) -> None:
    with pytest.raises(ValidationError, match=r"^\[TestStack/CE\] FargateComputeEnvironment 'CE' does not take "
                                              r"'update_to_latest_image_version': Fargate chooses the image$"):
        FargateComputeEnvironment(stack, "CE", vpc=vpc, update_to_latest_image_version=True)


def test_no_parameter_for_an_arm64_nvidia_entry(stack: Any, vpc: Any) -> None:
    ecs(stack, vpc, instance_classes=[InstanceClass.G5G], update_to_latest_image_version=True,
        use_optimal_instance_classes=False, images=[EcsMachineImage(image_type=EcsMachineImageType.ECS_AL2023_NVIDIA)])
    with pytest.raises(ValidationError, match=r"^\[TestStack/CE\] 'update_to_latest_image_version': AWS publishes no "
                                              r"latest-image SSM parameter for ECS_AL2023_NVIDIA on arm64 instances"):
        Template.from_stack(stack)


@pytest.mark.parametrize("kwargs, given", [
    ({"allocation_strategy": "BEST_FIT"}, "got BEST_FIT:"),
    ({"service_role": "arn:aws:iam::123456789012:role/BatchService"}, "got BEST_FIT_PROGRESSIVE with a service_role:"),
])
def test_two_latest_entries_need_an_updatable_environment(stack: Any, vpc: Any, kwargs: dict[str, Any],
                                                          given: str) -> None:
    ecs(stack, vpc, instance_classes=[InstanceClass.C5, InstanceClass.G5], update_to_latest_image_version=True,
        **kwargs)
    with pytest.raises(ValidationError, match=r"'update_to_latest_image_version' with two image entries needs an "
                                              r"environment AWS Batch can update in place .*" + given):
        Template.from_stack(stack)


def test_one_latest_entry_on_a_non_updatable_environment_is_replaced_instead(stack: Any, vpc: Any) -> None:
    ecs(stack, vpc, "A", allocation_strategy="BEST_FIT", update_to_latest_image_version=True)
    ecs(stack, vpc, "B", instance_classes=[InstanceClass.C5, InstanceClass.G5], update_to_latest_image_version=True,
        service_role="arn:aws:iam::123456789012:role/aws-service-role/batch.amazonaws.com/AWSServiceRoleForBatch")
    assert len(Template.from_stack(stack).find_data_sources("aws_ssm_parameter")) == 3
