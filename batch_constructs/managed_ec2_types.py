"""The value types of managed EC2 compute environments (``aws_cdk.aws_batch`` names):
``AllocationStrategy``, ``DefaultInstanceClass``, the ECS/EKS machine image types and entries, and
``OptimalInstanceType``. Pure Python.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from .ec2 import InstanceArchitecture, InstanceType

__all__ = ["AL2023_CONTEXT_KEY", "AllocationStrategy", "DefaultInstanceClass", "EcsMachineImage", "EcsMachineImageType",
           "EksMachineImage", "EksMachineImageType", "OptimalInstanceType"]

#: AWS CDK's feature flag; this library treats it as ``True`` unless the context sets it false.
AL2023_CONTEXT_KEY = "@aws-cdk/aws-batch:defaultToAL2023"


class AllocationStrategy(enum.StrEnum):
    BEST_FIT = "BEST_FIT"
    BEST_FIT_PROGRESSIVE = "BEST_FIT_PROGRESSIVE"
    SPOT_CAPACITY_OPTIMIZED = "SPOT_CAPACITY_OPTIMIZED"
    SPOT_PRICE_CAPACITY_OPTIMIZED = "SPOT_PRICE_CAPACITY_OPTIMIZED"


class DefaultInstanceClass(enum.StrEnum):
    """Batch's generation-independent instance classes."""

    X86_64 = "default_x86_64"
    ARM64 = "default_arm64"

    @property
    def architecture(self) -> InstanceArchitecture:
        return InstanceArchitecture.ARM_64 if self is DefaultInstanceClass.ARM64 else InstanceArchitecture.X86_64


class EcsMachineImageType(enum.StrEnum):
    ECS_AL2 = "ECS_AL2"
    ECS_AL2023 = "ECS_AL2023"
    ECS_AL2_NVIDIA = "ECS_AL2_NVIDIA"
    ECS_AL2023_NVIDIA = "ECS_AL2023_NVIDIA"


class EksMachineImageType(enum.StrEnum):
    EKS_AL2 = "EKS_AL2"
    EKS_AL2_NVIDIA = "EKS_AL2_NVIDIA"
    EKS_AL2023 = "EKS_AL2023"
    EKS_AL2023_NVIDIA = "EKS_AL2023_NVIDIA"


@dataclass
class EcsMachineImage:
    """An ``ec2_configuration`` entry: ``image`` (an ``ec2.MachineImage``; default none: Batch's
    AMI for the type) and ``image_type`` (default ``ECS_AL2023``, ``ECS_AL2`` when the context
    flag ``@aws-cdk/aws-batch:defaultToAL2023`` is false)."""

    image: Any = None
    image_type: EcsMachineImageType | None = None


@dataclass
class EksMachineImage:
    """As :class:`EcsMachineImage` with ``EksMachineImageType`` (default ``EKS_AL2023``)."""

    image: Any = None
    image_type: EksMachineImageType | None = None


class OptimalInstanceType(InstanceType):
    """The ``optimal`` instance type (x86_64: Batch picks from current families)."""

    def __init__(self) -> None:  # noqa: D107 - bypasses the family.size check on purpose
        self._identifier = "optimal"

    @property
    def family(self) -> str:
        return "optimal"

    @property
    def architecture(self) -> InstanceArchitecture:
        return InstanceArchitecture.X86_64
