"""Instance knowledge: each class's CPU architecture, instance types, ``optimal`` and Batch's
default classes. Pure Python (no synthesis)."""
from __future__ import annotations

import pytest

from batch_constructs.ec2 import InstanceArchitecture, InstanceClass, InstanceSize, InstanceType, family_architecture
from batch_constructs.managed_ec2_types import (AllocationStrategy, DefaultInstanceClass, EcsMachineImageType,
                                                EksMachineImageType, OptimalInstanceType)

ARM = InstanceArchitecture.ARM_64
X86 = InstanceArchitecture.X86_64


@pytest.mark.parametrize("family", ["a1", "m6g", "m6gd", "c6gn", "c7g", "c7gd", "r8g", "t4g", "x2gd", "im4gn",
                                    "is4gen", "g5g", "i4g", "hpc7g", "m8g", "x8g"])
def test_graviton_families_are_arm(family: str) -> None:
    assert family_architecture(family) is ARM
    assert InstanceClass(family).architecture is ARM


@pytest.mark.parametrize("family", ["m5", "m5ad", "c4", "r4", "g4dn", "g4ad", "g5", "g6", "g6e", "p5", "c7i-flex",
                                    "inf2", "trn1", "u-3tb1", "x2iedn", "z1d", "t3a", "m7a", "gr6"])
def test_other_families_are_x86(family: str) -> None:
    assert family_architecture(family) is X86
    assert InstanceClass(family).architecture is X86


def test_every_listed_class_has_an_architecture() -> None:
    counts = {ARM: 0, X86: 0}
    for member in InstanceClass:
        counts[member.architecture] += 1
    assert counts[ARM] >= 20 and counts[X86] >= 80


def test_instance_type_of_class_and_size() -> None:
    t = InstanceType.of(InstanceClass.M5AD, InstanceSize.LARGE)
    assert str(t) == "m5ad.large" and t.family == "m5ad" and t.architecture is X86
    assert InstanceType("c7g.2xlarge").architecture is ARM
    assert InstanceType("c7g.2xlarge") == InstanceType.of("c7g", "2xlarge")
    with pytest.raises(ValueError, match="is not an EC2 instance type"):
        InstanceType("m5")


def test_optimal_and_default_classes() -> None:
    assert str(OptimalInstanceType()) == "optimal" and OptimalInstanceType().architecture is X86
    assert DefaultInstanceClass.X86_64.value == "default_x86_64" and DefaultInstanceClass.X86_64.architecture is X86
    assert DefaultInstanceClass.ARM64.value == "default_arm64" and DefaultInstanceClass.ARM64.architecture is ARM


def test_enum_values_match_aws_cdk() -> None:
    assert [s.value for s in AllocationStrategy] == ["BEST_FIT", "BEST_FIT_PROGRESSIVE", "SPOT_CAPACITY_OPTIMIZED",
                                                     "SPOT_PRICE_CAPACITY_OPTIMIZED"]
    assert [t.value for t in EcsMachineImageType] == ["ECS_AL2", "ECS_AL2023", "ECS_AL2_NVIDIA", "ECS_AL2023_NVIDIA"]
    assert [t.value for t in EksMachineImageType] == ["EKS_AL2", "EKS_AL2_NVIDIA", "EKS_AL2023", "EKS_AL2023_NVIDIA"]
