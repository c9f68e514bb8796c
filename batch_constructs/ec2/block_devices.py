"""Block devices of a launch template (names as in ``aws_cdk.aws_ec2``): ``BlockDevice``,
``BlockDeviceVolume`` (EBS, EBS from a snapshot, instance store, suppressed) and
``EbsDeviceVolumeType``. Pure Python; the EC2 rules are in ``_validation.check_ebs_device``."""
from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from .._check import check_bool, check_instance, check_int, check_str, value_object
from .._errors import ValidationError
from ._validation import check_device_name, check_ebs_device

__all__ = ["BlockDevice", "BlockDeviceVolume", "EbsDeviceProps", "EbsDeviceVolumeType"]


class EbsDeviceVolumeType(enum.StrEnum):
    """EBS volume types (``volume_type``)."""

    STANDARD = "standard"
    IO1 = "io1"
    IO2 = "io2"
    GP2 = "gp2"
    GP3 = "gp3"
    ST1 = "st1"
    SC1 = "sc1"
    # AWS CDK's descriptive aliases (the same members).
    GENERAL_PURPOSE_SSD = "gp2"
    GENERAL_PURPOSE_SSD_GP3 = "gp3"
    PROVISIONED_IOPS_SSD = "io1"
    PROVISIONED_IOPS_SSD_IO2 = "io2"
    THROUGHPUT_OPTIMIZED_HDD = "st1"
    COLD_HDD = "sc1"
    MAGNETIC = "standard"


@dataclass(frozen=True)
class EbsDeviceProps:
    """An EBS device as checked (``kms_key`` held as its ARN)."""

    volume_size: int | None = None
    snapshot_id: str | None = None
    volume_type: EbsDeviceVolumeType | None = None
    iops: int | None = None
    throughput: int | None = None
    encrypted: bool | None = None
    kms_key: Any = None
    delete_on_termination: bool | None = None


class BlockDeviceVolume:
    """What a block device holds. Build one with ``ebs``, ``ebs_from_snapshot``, ``ephemeral`` or
    ``no_device``; ``ebs_device`` and ``virtual_name`` are AWS CDK's attributes."""

    def __init__(self, ebs_device: EbsDeviceProps | None = None, virtual_name: str | None = None, *,
                 no_device: bool = False) -> None:
        self.ebs_device = ebs_device
        self.virtual_name = virtual_name
        self.no_device = no_device

    @classmethod
    def ebs(cls, volume_size: int, *, encrypted: bool | None = None, kms_key: Any = None,
            delete_on_termination: bool | None = None, iops: int | None = None, throughput: int | None = None,
            volume_type: EbsDeviceVolumeType | None = None) -> "BlockDeviceVolume":
        """A new EBS volume of ``volume_size`` GiB (required).

        :param volume_type: default: not set, EC2 decides (``gp2`` for a new volume; AWS CDK sets
            nothing either unless ``@aws-cdk/aws-ec2:ebsDefaultGp3Volume``, which applies to
            ``ec2.Volume`` only).
        :param encrypted: default: not set (unencrypted unless the account encrypts by default).
        :param kms_key: a KMS key (an object with ``key_arn``, or the provider's ``KmsKey``);
            needs ``encrypted=True``. Default: the account's ``aws/ebs`` key when encrypted.
        :param delete_on_termination: default: not set (EC2: ``True`` for volumes created at launch).
        :param iops: required for ``IO1``/``IO2``, optional for ``GP3`` (EC2 default 3000), refused otherwise.
        :param throughput: MiB/s, ``GP3`` only, 125-1000. Default: not set (EC2: 125).
        """
        return cls(EbsDeviceProps(**check_ebs_device(
            None, "", volume_size=volume_size, snapshot_id=None, volume_type=volume_type, iops=iops,
            throughput=throughput, encrypted=encrypted, kms_key=kms_key, delete_on_termination=delete_on_termination,
            size_required=True)))

    @classmethod
    def ebs_from_snapshot(cls, snapshot_id: str, *, volume_size: int | None = None,
                          delete_on_termination: bool | None = None, iops: int | None = None,
                          throughput: int | None = None,
                          volume_type: EbsDeviceVolumeType | None = None) -> "BlockDeviceVolume":
        """An EBS volume restored from ``snapshot_id`` (``snap-...``). ``volume_size`` default:
        the snapshot's size; the other keywords as for ``ebs``."""
        return cls(EbsDeviceProps(**check_ebs_device(
            None, "", volume_size=volume_size, snapshot_id=snapshot_id, volume_type=volume_type, iops=iops,
            throughput=throughput, encrypted=None, kms_key=None, delete_on_termination=delete_on_termination,
            size_required=False)))

    @classmethod
    def ephemeral(cls, volume_index: int) -> "BlockDeviceVolume":
        """Instance store volume ``ephemeral<volume_index>`` (0-23, EC2's virtual names)."""
        if isinstance(volume_index, (int, float)) and not isinstance(volume_index, bool) and volume_index < 0:
            # AWS CDK's message.
            raise ValidationError(None, f'volumeIndex must be a number starting from 0, got "{volume_index}"')
        index = check_int(None, "volume_index", volume_index, minimum=0, maximum=23, required=True)
        return cls(None, f"ephemeral{index}")

    @classmethod
    def no_device(cls) -> "BlockDeviceVolume":
        """Suppress the device of the AMI's block device mapping (``aws_autoscaling``'s
        ``BlockDeviceVolume.no_device()``; ``BlockDevice(mapping_enabled=False)`` does the same)."""
        return cls(None, None, no_device=True)

    def _checked(self, scope: Any, prefix: str) -> "BlockDeviceVolume":
        ebs = self.ebs_device
        if ebs is not None:
            check_instance(scope, f"{prefix}ebs_device", ebs, EbsDeviceProps, "an ec2.EbsDeviceProps")
            check_ebs_device(scope, prefix, **vars(ebs), size_required=ebs.snapshot_id is None)
        check_str(scope, f"{prefix}virtual_name", self.virtual_name, pattern=r"ephemeral([0-9]|1[0-9]|2[0-3])",
                  rule="an instance store name, ephemeral0 to ephemeral23")
        return self

    def _render(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        ebs = self.ebs_device
        if ebs is not None:
            spec = {"delete_on_termination": _nullable_bool(ebs.delete_on_termination),
                    "encrypted": _nullable_bool(ebs.encrypted), "iops": ebs.iops, "kms_key_id": ebs.kms_key,
                    "snapshot_id": ebs.snapshot_id, "throughput": ebs.throughput, "volume_size": ebs.volume_size,
                    "volume_type": ebs.volume_type.value if ebs.volume_type is not None else None}
            out["ebs"] = {k: v for k, v in spec.items() if v is not None}
        if self.virtual_name is not None:
            out["virtual_name"] = self.virtual_name
        return out


def _nullable_bool(value: bool | None) -> str | None:
    """The provider's nullable booleans (``delete_on_termination``, ``encrypted``) are strings."""
    return None if value is None else str(value).lower()


@dataclass
class BlockDevice:
    """A block device of a launch template.

    :param device_name: as the instance sees it, e.g. ``/dev/xvda`` (the root device of the ECS
        AMIs) or ``/dev/xvdb``. Required.
    :param volume: a ``BlockDeviceVolume``. Required.
    :param mapping_enabled: ``False`` suppresses the device (``no_device``). Default ``True``.
    """

    device_name: str
    volume: BlockDeviceVolume
    mapping_enabled: bool | None = None

    def __post_init__(self) -> None:
        BlockDevice._checked(None, "", self.device_name, self.volume, self.mapping_enabled)

    @staticmethod
    def _checked(scope: Any, prefix: str, device_name: Any, volume: Any, mapping_enabled: Any) -> dict[str, Any]:
        check_device_name(scope, f"{prefix}device_name", device_name)
        check_instance(scope, f"{prefix}volume", volume, BlockDeviceVolume,
                       "an ec2.BlockDeviceVolume such as BlockDeviceVolume.ebs(100)", required=True)
        volume._checked(scope, f"{prefix}volume.")
        check_bool(scope, f"{prefix}mapping_enabled", mapping_enabled)
        return {"device_name": device_name, "volume": volume, "mapping_enabled": mapping_enabled}

    def _render(self) -> dict[str, Any]:
        out: dict[str, Any] = {"device_name": self.device_name, **self.volume._render()}
        if self.volume.no_device or self.mapping_enabled is False:
            # EC2 removes a device whose NoDevice is set, "regardless of the assigned value"; the
            # provider drops an empty string, so the value is "true".
            out["no_device"] = "true"
        return out


def check_block_devices(scope: Any, keyword: str, value: Any) -> list[BlockDevice] | None:
    """``block_devices``: a list of ``BlockDevice`` (or dicts of its fields), each device name
    at most once (EC2 refuses a device mapped twice)."""
    from .._check import check_list

    devices = check_list(scope, keyword, value, lambda s, k, v: value_object(
        s, k, v, BlockDevice, "an ec2.BlockDevice"), expected="a list of ec2.BlockDevice")
    seen: dict[str, int] = {}
    for index, device in enumerate(devices or []):
        if device.device_name in seen:
            raise ValidationError(scope, f"'{keyword}[{index}].device_name' {device.device_name!r} is already "
                                         f"mapped by {keyword}[{seen[device.device_name]}]; EC2 refuses a device "
                                         "mapped twice")
        seen[device.device_name] = index
    return devices


def render_block_devices(devices: list[BlockDevice] | None) -> list[dict[str, Any]] | None:
    """The ``block_device_mappings`` blocks (Terraform's keys)."""
    return [device._render() for device in devices] if devices else None


from .._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
