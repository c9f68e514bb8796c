"""GPU environments get an NVIDIA image: the default ``ec2_configuration`` of managed EC2 environments
(ECS and EKS) by instance family; explicit ``images`` are left as given; the GPU families AWS Batch's
ECS Amazon Linux 2023 NVIDIA image does not drive (p2, p3, p3dn, g3, g3s) are refused."""
from __future__ import annotations

from typing import Any

import pytest

from batch_constructs import (DefaultInstanceClass, EcsMachineImage, EcsMachineImageType, EksMachineImage,
                              EksMachineImageType, ManagedEc2EksComputeEnvironment, ValidationError)
from batch_constructs.ec2 import InstanceClass, InstanceType, MachineImage
from batch_constructs.ec2.instances import nvidia_gpu_family
from batch_constructs.managed_ec2_types import default_image_types, nvidia_image_type
from batch_constructs.testing import Template

from ._helpers import ecs, only_ce

CLUSTER_ARN = "arn:aws:eks:us-east-1:123456789012:cluster/demo"
GPU_TYPES = ["g4dn.xlarge", "g5.2xlarge", "g6.xlarge", "g6e.xlarge", "gr6.4xlarge", "p4d.24xlarge", "p5.48xlarge"]


def eks(stack: Any, vpc: Any, id: str = "CE", **kwargs: Any) -> ManagedEc2EksComputeEnvironment:
    kwargs.setdefault("eks_cluster", CLUSTER_ARN)
    kwargs.setdefault("kubernetes_namespace", "batch")
    return ManagedEc2EksComputeEnvironment(stack, id, vpc=vpc, **kwargs)


def image_types(stack: Any) -> list[str]:
    entries = only_ce(stack)["compute_resources"]["ec2_configuration"]
    assert all(set(e) == {"image_type"} for e in entries), entries
    return [e["image_type"] for e in entries]


def al2_scope(stack: Any) -> Any:
    from constructs import Construct
    scope = Construct(stack, "Scope")
    scope.node.set_context("@aws-cdk/aws-batch:defaultToAL2023", False)
    return scope


# -- the family predicate and the pure choice -----------------------------------------------------------

def test_nvidia_gpu_families() -> None:
    nvidia = [f.value for f in InstanceClass if nvidia_gpu_family(f.value)]
    assert nvidia == ["g3", "g3s", "g4dn", "g5", "g5g", "g6", "g6e", "gr6", "p2", "p3", "p3dn", "p4d", "p4de", "p5"]
    # newer families than the enum, and instance types
    assert all(nvidia_gpu_family(f) for f in ("p5en", "p6-b200", "g6f", "gr6f", "g7e", "g5.xlarge", "P4D"))
    # AMD GPUs and the other accelerators are no NVIDIA GPUs
    assert not any(nvidia_gpu_family(f) for f in ("g4ad", "inf2", "trn1", "dl1", "f1", "vt1", "optimal",
                                                  "default_x86_64", "m5", "c7g"))


def test_default_image_types_by_selection() -> None:
    base = EcsMachineImageType.ECS_AL2023
    assert default_image_types(base, ["c5", "optimal"]) == [base]
    assert default_image_types(base, ["g5.xlarge"]) == [EcsMachineImageType.ECS_AL2023_NVIDIA]
    assert default_image_types(base, ["g5.xlarge", "optimal"]) == [base, EcsMachineImageType.ECS_AL2023_NVIDIA]
    assert default_image_types(base, ["g5g.xlarge"]) == [base]  # arm64: the ECS NVIDIA images are x86_64 only
    assert default_image_types(base, []) == [base]
    assert nvidia_image_type(EksMachineImageType.EKS_AL2) is EksMachineImageType.EKS_AL2_NVIDIA
    assert nvidia_image_type(EcsMachineImageType.ECS_AL2_NVIDIA) is EcsMachineImageType.ECS_AL2_NVIDIA


# -- ECS ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("instance_type", GPU_TYPES)
def test_gpu_only_types_get_the_nvidia_image(stack: Any, vpc: Any, instance_type: str) -> None:
    ecs(stack, vpc, instance_types=[InstanceType(instance_type)], use_optimal_instance_classes=False)
    assert image_types(stack) == ["ECS_AL2023_NVIDIA"]


def test_gpu_classes_get_the_nvidia_image(stack: Any, vpc: Any) -> None:
    ecs(stack, vpc, instance_classes=[InstanceClass.G5, InstanceClass.P4D, "p5en"], use_optimal_instance_classes=False)
    assert image_types(stack) == ["ECS_AL2023_NVIDIA"]


def test_mixed_selection_gets_both_entries(stack: Any, vpc: Any) -> None:
    ecs(stack, vpc, instance_types=[InstanceType("g5.xlarge")], instance_classes=[InstanceClass.C5],
        use_optimal_instance_classes=False)
    assert image_types(stack) == ["ECS_AL2023", "ECS_AL2023_NVIDIA"]


def test_optimal_and_default_classes_count_as_non_gpu(stack: Any, vpc: Any) -> None:
    ecs(stack, vpc, "A", instance_types=[InstanceType("g6.xlarge")])
    ecs(stack, vpc, "B", instance_classes=[InstanceClass.G4DN], default_instance_classes=[DefaultInstanceClass.X86_64])
    for resource in Template.from_stack(stack).find_resources("aws_batch_compute_environment").values():
        assert [e["image_type"] for e in resource["compute_resources"]["ec2_configuration"]] == \
            ["ECS_AL2023", "ECS_AL2023_NVIDIA"]


def test_types_added_later_are_counted_at_synth(stack: Any, vpc: Any) -> None:
    ce = ecs(stack, vpc, instance_classes=[InstanceClass.C5], use_optimal_instance_classes=False)
    ce.add_instance_type(InstanceType("g5.xlarge"))
    assert image_types(stack) == ["ECS_AL2023", "ECS_AL2023_NVIDIA"]


@pytest.mark.parametrize("family", ["g4ad", "inf2", "trn1", "dl1", "vt1"])
def test_other_accelerators_keep_the_standard_image(stack: Any, vpc: Any, family: str) -> None:
    ecs(stack, vpc, instance_classes=[family], use_optimal_instance_classes=False)
    assert image_types(stack) == ["ECS_AL2023"]


def test_graviton_gpu_keeps_the_standard_image(stack: Any, vpc: Any) -> None:
    ecs(stack, vpc, instance_classes=[InstanceClass.G5G], use_optimal_instance_classes=False)
    assert image_types(stack) == ["ECS_AL2023"]


def test_al2_when_the_flag_is_off(stack: Any, vpc: Any) -> None:
    ecs(al2_scope(stack), vpc, instance_classes=[InstanceClass.G5, InstanceClass.M5],
        use_optimal_instance_classes=False)
    assert image_types(stack) == ["ECS_AL2", "ECS_AL2_NVIDIA"]


def test_explicit_images_are_left_as_given(stack: Any, vpc: Any) -> None:
    ecs(stack, vpc, "A", instance_classes=[InstanceClass.G5], images=[EcsMachineImage()])
    ecs(stack, vpc, "B", instance_classes=[InstanceClass.G5],
        images=[EcsMachineImage(image=MachineImage.generic_linux({"us-east-1": "ami-123"}))])
    found = Template.from_stack(stack).find_resources("aws_batch_compute_environment")
    by_id = {k.split("_")[0]: v["compute_resources"]["ec2_configuration"] for k, v in found.items()}
    assert by_id == {"A": [{"image_type": "ECS_AL2023"}],
                     "B": [{"image_type": "ECS_AL2023", "image_id_override": "ami-123"}]}


def test_non_gpu_output_is_unchanged(stack: Any, vpc: Any) -> None:
    ecs(stack, vpc, instance_classes=[InstanceClass.C5, InstanceClass.M5, InstanceClass.R5])
    assert only_ce(stack)["compute_resources"]["ec2_configuration"] == [{"image_type": "ECS_AL2023"}]


# -- p2/p3/g3: not driven by the AL2023 NVIDIA image ------------------------------------------------------

PRE_TURING = r"^\[TestStack/CE\] ECS_AL2023_NVIDIA does not support p3\.2xlarge instances: AWS Batch's Amazon " \
             r"Linux 2023 GPU image drives only Turing or newer GPUs \(not p2, p3, p3dn, g3, g3s\)\. Use images=" \
             r"\[EcsMachineImage\(image_type=EcsMachineImageType\.ECS_AL2023\), EcsMachineImage\(image_type=" \
             r"EcsMachineImageType\.ECS_AL2_NVIDIA\)\]"


def test_p3_with_the_al2023_default_is_refused(stack: Any, vpc: Any) -> None:
    ecs(stack, vpc, instance_types=[InstanceType("p3.2xlarge")])
    with pytest.raises(ValidationError, match=PRE_TURING) as error:
        Template.from_stack(stack)
    assert error.value.path == "TestStack/CE"


@pytest.mark.parametrize("family", ["p2", "p3dn", "g3", "g3s"])
def test_every_pre_turing_family_is_refused(stack: Any, vpc: Any, family: str) -> None:
    ecs(stack, vpc, instance_classes=[family], use_optimal_instance_classes=False)
    with pytest.raises(ValidationError, match=f"ECS_AL2023_NVIDIA does not support {family} instances"):
        Template.from_stack(stack)


def test_p3_with_al2_nvidia_is_accepted(stack: Any, vpc: Any) -> None:
    ecs(stack, vpc, instance_types=[InstanceType("p3.2xlarge")],
        images=[EcsMachineImage(image_type=EcsMachineImageType.ECS_AL2023),
                EcsMachineImage(image_type=EcsMachineImageType.ECS_AL2_NVIDIA)])
    assert image_types(stack) == ["ECS_AL2023", "ECS_AL2_NVIDIA"]


def test_p3_with_the_flag_off_gets_al2_nvidia(stack: Any, vpc: Any) -> None:
    ecs(al2_scope(stack), vpc, instance_classes=[InstanceClass.P3, InstanceClass.G3],
        use_optimal_instance_classes=False)
    assert image_types(stack) == ["ECS_AL2_NVIDIA"]


def test_p3_with_an_own_al2023_nvidia_image_is_accepted(stack: Any, vpc: Any) -> None:
    ecs(stack, vpc, instance_classes=[InstanceClass.P3], use_optimal_instance_classes=False,
        images=[EcsMachineImage(image=MachineImage.generic_linux({"us-east-1": "ami-9"}),
                                image_type=EcsMachineImageType.ECS_AL2023_NVIDIA)])
    assert only_ce(stack)["compute_resources"]["ec2_configuration"] == [
        {"image_type": "ECS_AL2023_NVIDIA", "image_id_override": "ami-9"}]


def test_p3_added_later_is_refused_at_synth(stack: Any, vpc: Any) -> None:
    ce = ecs(stack, vpc, instance_classes=[InstanceClass.G5], use_optimal_instance_classes=False)
    ce.add_instance_class(InstanceClass.P3)
    with pytest.raises(ValidationError, match="ECS_AL2023_NVIDIA does not support p3 instances"):
        Template.from_stack(stack)


# -- EKS ------------------------------------------------------------------------------------------------

def test_eks_gpu_selection_gets_the_nvidia_image(stack: Any, vpc: Any) -> None:
    eks(stack, vpc, instance_classes=[InstanceClass.G5], use_optimal_instance_classes=False)
    assert image_types(stack) == ["EKS_AL2023_NVIDIA"]


def test_eks_mixed_and_al2(stack: Any, vpc: Any) -> None:
    eks(stack, vpc, "A", instance_types=[InstanceType("p4d.24xlarge")])
    eks(al2_scope(stack), vpc, "B", instance_types=[InstanceType("g4dn.xlarge"), InstanceType("m5.large")],
        use_optimal_instance_classes=False)
    found = Template.from_stack(stack).find_resources("aws_batch_compute_environment")
    by_id = {k.split("_")[0]: [e["image_type"] for e in v["compute_resources"]["ec2_configuration"]]
             for k, v in found.items()}
    assert by_id == {"A": ["EKS_AL2023", "EKS_AL2023_NVIDIA"], "Scope": ["EKS_AL2", "EKS_AL2_NVIDIA"]}


def test_eks_p3_is_accepted(stack: Any, vpc: Any) -> None:
    """The EKS AL2023 NVIDIA image also ships NVIDIA's proprietary kernel modules (P3 is supported)."""
    eks(stack, vpc, instance_classes=[InstanceClass.P3], use_optimal_instance_classes=False)
    assert image_types(stack) == ["EKS_AL2023_NVIDIA"]


def test_eks_explicit_images_are_left_as_given(stack: Any, vpc: Any) -> None:
    eks(stack, vpc, instance_classes=[InstanceClass.G5], images=[EksMachineImage()])
    assert image_types(stack) == ["EKS_AL2023"]
