"""EC2 instance catalogue: ``InstanceType``, ``InstanceClass`` (each family knows its CPU
architecture), ``InstanceSize``, ``InstanceArchitecture`` (names as in ``aws_cdk.aws_ec2``). Pure Python."""
from __future__ import annotations

import enum
import re
from typing import Any

from .._check import check_str, describe
from .._errors import ValidationError
from ._validation import check_instance_type_identifier

__all__ = ["CpuArchitectureName", "InstanceArchitecture", "InstanceClass", "InstanceSize", "InstanceType"]


class InstanceArchitecture(enum.StrEnum):
    X86_64 = "x86_64"
    ARM_64 = "arm64"


CpuArchitectureName = InstanceArchitecture


def family_architecture(family: str) -> InstanceArchitecture:
    """The CPU architecture of an instance family (``a1`` and Graviton families are arm64)."""
    family = family.lower()
    if family == "a1":
        return InstanceArchitecture.ARM_64
    match = re.match(r"^([a-z]+)(\d+)([a-z-]*)$", family)
    if match and match.group(3).startswith("g") and family not in ("g4dn", "g4ad", "g5", "g6", "g6e"):
        # im4gn, is4gen, x2gd, m6gd, c6gn, c7g, r8g, g5g, t4g ...
        return InstanceArchitecture.ARM_64
    return InstanceArchitecture.X86_64


#: NVIDIA GPU families: the accelerated ``g``/``gr``/``p`` families (g3, g3s, g4dn, g5, g5g, g6, g6e,
#: gr6, p2, p3, p3dn, p4d, p4de, p5, and newer ones such as p5en or p6-b200). Not ``g4ad`` (AMD
#: Radeon GPUs), nor the other accelerators (inf*/trn* Neuron, dl* Gaudi, f* FPGA, vt* Xilinx).
_NVIDIA_GPU_FAMILY = re.compile(r"^(?:p|gr?)\d+[a-z0-9-]*$")
_NOT_NVIDIA_GPU = frozenset({"g4ad"})


def nvidia_gpu_family(family: str) -> bool:
    """Whether the instance family (``"g5"``, or the family of ``"g5.xlarge"``) has NVIDIA GPUs
    (source: Amazon EC2 accelerated computing instance types)."""
    family = str(family).lower().split(".", 1)[0]
    return family not in _NOT_NVIDIA_GPU and _NVIDIA_GPU_FAMILY.match(family) is not None


_FAMILIES = """
a1 c1 c3 c4 c5 c5a c5ad c5d c5n c6a c6g c6gd c6gn c6i c6id c6in c7a c7g c7gd c7gn c7i c7i-flex c8g
d2 d3 d3en dl1 f1 f2 g3 g3s g4ad g4dn g5 g5g g6 g6e gr6 hpc6a hpc6id hpc7a hpc7g i2 i3 i3en i4g i4i
i7ie im4gn inf1 inf2 is4gen m1 m2 m3 m4 m5 m5a m5ad m5d m5dn m5n m5zn m6a m6g m6gd m6i m6id m6idn
m6in m7a m7g m7gd m7i m7i-flex m8g p2 p3 p3dn p4d p4de p5 r3 r4 r5 r5a r5ad r5b r5d r5dn r5n r6a r6g
r6gd r6i r6id r6idn r6in r7a r7g r7gd r7i r7iz r8g t1 t2 t3 t3a t4g trn1 trn1n u-3tb1 vt1 x1 x1e
x2gd x2idn x2iedn x2iezn x8g z1d
""".split()


def _member(family: str) -> str:
    return family.upper().replace("-", "_")


class InstanceClass(enum.StrEnum):
    """Instance families (``InstanceClass.M5AD`` → ``"m5ad"``); each knows its architecture."""

    _ignore_ = ["f", "vars_"]
    vars_ = vars()
    for f in _FAMILIES:
        vars_[_member(f)] = f

    @property
    def architecture(self) -> InstanceArchitecture:
        return family_architecture(self.value)

    @classmethod
    def _missing_(cls, value: Any) -> "InstanceClass":
        """``InstanceClass("M5")`` and ``InstanceClass("M5AD")`` (member names) work too."""
        if isinstance(value, str):
            for member in cls:
                if value.lower() == member.value or value == member.name:
                    return member
        raise ValidationError(None, f"'instance_class' must be an EC2 instance family such as 'm5' (an "
                                    f"ec2.InstanceClass), got {describe(value)}")


class InstanceSize(enum.StrEnum):
    NANO = "nano"
    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"
    XLARGE = "xlarge"
    XLARGE2 = "2xlarge"
    XLARGE3 = "3xlarge"
    XLARGE4 = "4xlarge"
    XLARGE6 = "6xlarge"
    XLARGE8 = "8xlarge"
    XLARGE9 = "9xlarge"
    XLARGE10 = "10xlarge"
    XLARGE12 = "12xlarge"
    XLARGE16 = "16xlarge"
    XLARGE18 = "18xlarge"
    XLARGE24 = "24xlarge"
    XLARGE32 = "32xlarge"
    XLARGE48 = "48xlarge"
    XLARGE56 = "56xlarge"
    XLARGE96 = "96xlarge"
    XLARGE112 = "112xlarge"
    METAL = "metal"


class InstanceType:
    """``InstanceType("m5ad.large")`` or ``InstanceType.of(InstanceClass.M5AD, InstanceSize.LARGE)``."""

    def __init__(self, instance_type_identifier: str) -> None:
        self._identifier = check_instance_type_identifier(None, None, instance_type_identifier)

    @classmethod
    def of(cls, instance_class: InstanceClass | str, instance_size: InstanceSize | str) -> "InstanceType":
        family = check_str(None, "instance_class", instance_class, pattern=r"[a-z][a-z0-9-]*", required=True,
                           rule="an ec2.InstanceClass or an instance family such as 'm5'")
        size = check_str(None, "instance_size", instance_size, pattern=r"[a-z0-9]+", required=True,
                         rule="an ec2.InstanceSize or an instance size such as 'large'")
        return cls(f"{str(family)}.{str(size)}")

    @property
    def family(self) -> str:
        return self._identifier.split(".", 1)[0]

    @property
    def architecture(self) -> InstanceArchitecture:
        return family_architecture(self.family)

    def to_string(self) -> str:
        return self._identifier

    def __str__(self) -> str:
        return self._identifier

    def __repr__(self) -> str:
        return f"InstanceType({self._identifier!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, InstanceType) and other._identifier == self._identifier

    def __hash__(self) -> int:
        return hash(self._identifier)


from .._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
