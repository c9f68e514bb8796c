"""The value types of managed EC2 compute environments (``aws_cdk.aws_batch`` names):
``AllocationStrategy``, ``DefaultInstanceClass``, the ECS/EKS machine image types and entries, and
``OptimalInstanceType``; which image type serves NVIDIA GPU instances and which public SSM
parameter holds the latest AMI of each image type. Pure Python.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from .ec2 import InstanceArchitecture, InstanceType, family_architecture
from .ec2.instances import nvidia_gpu_family

__all__ = ["AL2023_CONTEXT_KEY", "AllocationStrategy", "DefaultInstanceClass", "EcsMachineImage", "EcsMachineImageType",
           "EksMachineImage", "EksMachineImageType", "OptimalInstanceType", "default_image_types",
           "latest_image_parameter", "nvidia_image_type"]

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


# -- GPU images and the latest image of each type ----------------------------------------------------

#: The NVIDIA image type beside each standard one (AWS Batch API, ``Ec2Configuration.imageType``:
#: "GPU instance families use ECS_AL2_NVIDIA/ECS_AL2023_NVIDIA", likewise EKS).
_NVIDIA = {"ECS_AL2023": "ECS_AL2023_NVIDIA", "ECS_AL2": "ECS_AL2_NVIDIA",
           "EKS_AL2023": "EKS_AL2023_NVIDIA", "EKS_AL2": "EKS_AL2_NVIDIA"}


def nvidia_image_type(image_type: EcsMachineImageType | EksMachineImageType) -> Any:
    """The NVIDIA image type of the same kind and Amazon Linux version (``ECS_AL2023`` →
    ``ECS_AL2023_NVIDIA``); an NVIDIA type is its own."""
    return type(image_type)(_NVIDIA.get(image_type.value, image_type.value))


def default_image_types(base: Any, instance_types: list[str]) -> list[Any]:
    """The image types without ``images``: ``base`` (the standard type) for the non-GPU types and
    classes (``optimal`` and the default classes too), its NVIDIA type for the x86_64 NVIDIA GPU
    families (AWS Batch's ECS NVIDIA images are x86_64 only: g5g keeps ``base``). Mixed selections
    get both (Batch picks the entry by instance type)."""
    gpu = [nvidia_gpu_family(name) and family_architecture(name.split(".", 1)[0]) is InstanceArchitecture.X86_64
           for name in instance_types]
    return ([base] if not gpu or not all(gpu) else []) + ([nvidia_image_type(base)] if any(gpu) else [])


_X86, _ARM = InstanceArchitecture.X86_64, InstanceArchitecture.ARM_64
#: Public SSM parameters of the Amazon ECS-optimized AMIs (Amazon ECS Developer Guide,
#: "Retrieving Amazon ECS-optimized Linux AMI metadata"). The GPU AMIs are x86_64 only.
_ECS_PARAMETERS = {
    ("ECS_AL2023", _X86): "amazon-linux-2023", ("ECS_AL2023", _ARM): "amazon-linux-2023/arm64",
    ("ECS_AL2023_NVIDIA", _X86): "amazon-linux-2023/gpu",
    ("ECS_AL2", _X86): "amazon-linux-2", ("ECS_AL2", _ARM): "amazon-linux-2/arm64",
    ("ECS_AL2_NVIDIA", _X86): "amazon-linux-2/gpu",
}
#: Public SSM parameters of the Amazon EKS-optimized AMIs, per Kubernetes version (Amazon EKS User
#: Guide, "Retrieve recommended Amazon Linux AMI IDs"). The AL2 GPU AMI is x86_64 only.
_EKS_PARAMETERS = {
    ("EKS_AL2023", _X86): "amazon-linux-2023/x86_64/standard", ("EKS_AL2023", _ARM): "amazon-linux-2023/arm64/standard",
    ("EKS_AL2023_NVIDIA", _X86): "amazon-linux-2023/x86_64/nvidia",
    ("EKS_AL2023_NVIDIA", _ARM): "amazon-linux-2023/arm64/nvidia",
    ("EKS_AL2", _X86): "amazon-linux-2", ("EKS_AL2", _ARM): "amazon-linux-2-arm64",
    ("EKS_AL2_NVIDIA", _X86): "amazon-linux-2-gpu",
}


def latest_image_parameter(image_type: Any, architecture: InstanceArchitecture,
                           kubernetes_version: str | None = None) -> str | None:
    """The public SSM parameter holding the latest recommended AMI id of ``image_type`` for
    ``architecture`` (EKS: of ``kubernetes_version``, a string or token); ``None`` when AWS
    publishes none (an NVIDIA image on arm64 for ECS, AL2 NVIDIA on arm64 for EKS)."""
    image_type = str(image_type)
    if image_type.startswith("ECS_"):
        path = _ECS_PARAMETERS.get((image_type, architecture))
        return None if path is None else f"/aws/service/ecs/optimized-ami/{path}/recommended/image_id"
    path = _EKS_PARAMETERS.get((image_type, architecture))
    if path is None or kubernetes_version is None:
        return None
    return f"/aws/service/eks/optimized-ami/{kubernetes_version}/{path}/recommended/image_id"


from ._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
