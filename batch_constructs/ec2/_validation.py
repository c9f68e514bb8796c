"""The ``ec2`` value objects' and constructs' own checks (EC2 API rules: instance type, subnet,
security group, launch template and placement group names; AMI maps)."""
from __future__ import annotations

import re
from typing import Any

from .._check import check_bool, check_enum, check_instance, check_int, check_mapping, check_protocol, check_str, describe
from .._errors import ValidationError
from .._naming import path_hash
from .._tokens import is_unresolved

_INSTANCE_TYPE = re.compile(r"^[a-z][a-z0-9-]*\.[a-z0-9]+$")
_SUBNET_ID = r"subnet-[0-9a-zA-Z]+"
#: EC2's characters for security group names and descriptions (at most 255 of them).
_SG_CHARS = r"a-zA-Z0-9. _\-:/()#,@\[\]+=&;{}!$*"
_SG_TEXT = re.compile(f"[{_SG_CHARS}]{{1,255}}")
_SG_NAME = re.compile(f"(?!sg-)[{_SG_CHARS}]{{1,255}}")
SG_ID = r"sg-[0-9a-zA-Z]+"
_LT_NAME = r"[a-zA-Z0-9().\-/_]{3,128}"
_LT_NAME_RULE = "a launch template name (3-128 letters, digits and ().-/_)"
_PLACEMENT_GROUP_NAME = re.compile(r"[ -~]{1,255}")
_PG_NAME_RULE = "a placement group name (1-255 ASCII characters)"


def check_instance_type_identifier(scope: Any, keyword: str | None, value: Any) -> str:
    """An instance type string (``"m5.large"``: ``<family>.<size>``) or a string token; with
    ``keyword=None`` (``InstanceType(...)`` itself) the message is AWS CDK-like, without a keyword."""
    check_str(scope, keyword or "instance_type_identifier", value, required=True,
              rule="an EC2 instance type string such as 'm5.large'")
    if not is_unresolved(value) and not _INSTANCE_TYPE.match(value):
        text = f"'{value}' is not an EC2 instance type such as 'm5.large'"
        raise ValidationError(scope, f"'{keyword}' must be an EC2 instance type (<family>.<size>): {text}"
                              if keyword else text)
    return value


def subnet_id(scope: Any, keyword: str, value: Any) -> str:
    """A subnet id (``subnet-...``) or a string token."""
    return check_str(scope, keyword, value, pattern=_SUBNET_ID, rule="a subnet id (subnet-...)", required=True)


def subnet_selection_fields(scope: Any, prefix: str, selection: Any) -> Any:
    """Checks a ``SubnetSelection``'s fields (at most one of them given); returns
    ``subnet_type`` as a ``SubnetType`` (its value or name accepted). The checks of every
    networking construct live in ``_network_validation``."""
    from ._network_validation import selection_fields

    return selection_fields(scope, prefix, selection)


def check_subnet_selection(scope: Any, keyword: str, selection: Any) -> Any:
    """``keyword`` (``vpc_subnets``): ``None`` or a ``SubnetSelection`` (checked again: the
    dataclass is mutable)."""
    from .networking import SubnetSelection

    check_instance(scope, keyword, selection, SubnetSelection, "an ec2.SubnetSelection")
    if selection is not None:
        subnet_selection_fields(scope, f"{keyword}.", selection)
    return selection


def security_group_description(path: str) -> str:
    """The default description, the construct path, made valid for EC2: characters EC2 refuses
    (and ``$``, which Terraform could read as a template) become ``_``, and a path longer than
    255 characters is cut, ending in a hash of the whole path. Valid paths are kept as they are."""
    text = re.sub(r"[^a-zA-Z0-9. _\-:/()#,@\[\]+=&;{}!*]", "_", path)
    if len(text) > 255:
        text = text[:246] + "-" + path_hash(path)
    return text


def validate_security_group_props(scope: Any, vpc: Any, description: Any, allow_all_outbound: Any,
                                  security_group_name: Any) -> bool:
    """``SecurityGroup`` keywords; returns ``allow_all_outbound`` (``None`` means ``True``)."""
    check_protocol(scope, "vpc", vpc, ("vpc_id",), "a batch_constructs.ec2.Vpc or Vpc.from_attributes(...)",
                   required=True)
    check_str(scope, "description", description, pattern=_SG_TEXT,
              rule="a description of 1-255 letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*")
    check_str(scope, "security_group_name", security_group_name, pattern=_SG_NAME,
              rule="a name of 1-255 letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*, not starting with 'sg-'")
    return check_bool(scope, "allow_all_outbound", allow_all_outbound) is not False


def validate_launch_template_props(scope: Any, name: Any, user_data: Any, machine_image: Any,
                                   instance_type: Any) -> None:
    """``LaunchTemplate`` keywords (user data: at most 16 KB, EC2's limit)."""
    from .instances import InstanceType

    check_str(scope, "launch_template_name", name, pattern=_LT_NAME, rule=_LT_NAME_RULE)
    check_user_data(scope, user_data)
    check_protocol(scope, "machine_image", machine_image, ("get_image",),
                   "an ec2.IMachineImage such as MachineImage.generic_linux({...})")
    if not isinstance(instance_type, (InstanceType, type(None))):
        check_instance_type_identifier(scope, "instance_type", instance_type)


def validate_imported_launch_template(scope: Any, template_id: Any, name: Any, version: Any) -> tuple[Any, Any, Any]:
    """Exactly one of ``launch_template_id``/``launch_template_name``; ``version_number`` a
    number from 1, ``$Latest`` or ``$Default``. Returns the three (the version as a string)."""
    if (template_id is None) == (name is None):
        given = "neither" if template_id is None else "both"
        raise ValidationError(scope, "a launch template needs exactly one of launch_template_id or "
                                     f"launch_template_name, got {given}")
    check_str(scope, "launch_template_id", template_id, pattern=r"lt-[0-9a-zA-Z]+",
              rule="a launch template id (lt-...)")
    check_str(scope, "launch_template_name", name, pattern=_LT_NAME, rule=_LT_NAME_RULE)
    if not isinstance(version, str):
        version = check_int(scope, "version_number", version, minimum=1)
    if version is not None:
        version = check_str(scope, "version_number", str(version), pattern=r"\$Latest|\$Default|[1-9][0-9]*",
                            rule="a launch template version: a number from 1, '$Latest' or '$Default'")
    return template_id, name, version


def validate_placement_group_props(scope: Any, name: Any, strategy: Any, partitions: Any, *,
                                   required: bool = False) -> tuple[Any, Any, Any]:
    """``PlacementGroup`` keywords: ``partitions`` (1-7) only with ``PARTITION``. Returns
    ``(strategy, partitions, name)``."""
    from .launch_templates import PlacementGroupStrategy

    check_str(scope, "placement_group_name", name, pattern=_PLACEMENT_GROUP_NAME, rule=_PG_NAME_RULE,
              required=required)
    strategy = check_enum(scope, "strategy", strategy, PlacementGroupStrategy)
    partitions = check_int(scope, "partitions", partitions, minimum=1, maximum=7)
    if partitions is not None and strategy is not PlacementGroupStrategy.PARTITION:
        raise ValidationError(scope, "'partitions' is only valid with PlacementGroupStrategy.PARTITION, got "
                                     f"strategy {describe(strategy)} and partitions {partitions}")
    return strategy, partitions, name


def validate_ami_map(ami_map: Any) -> None:
    """``MachineImage.generic_linux(ami_map)``: at least one ``region → ami-...`` entry."""
    check_mapping(None, "ami_map", ami_map, required=True)
    if not ami_map:
        raise ValidationError(None, "MachineImage.generic_linux() needs at least one region → AMI entry in "
                                    "'ami_map', got {}")
    for region, ami in ami_map.items():
        check_str(None, "ami_map region", region, pattern=r"[a-z]{2}(-[a-z]+)+-\d+",
                  rule="a region such as 'us-east-1'")
        check_str(None, f"ami_map[{region!r}]", ami, pattern=r"ami-[0-9a-zA-Z]+", rule="an AMI id (ami-...)")


# -- block devices (EC2 API: LaunchTemplateEbsBlockDeviceRequest, LaunchTemplateBlockDeviceMappingRequest) --

#: Device names as EC2 shows them: ``/dev/xvda``, ``/dev/sdf``, ``xvdh``, ``/dev/nvme1n1``.
_DEVICE_NAME = r"(/dev/)?[a-z][a-z0-9]*"
#: Volume sizes in GiB by type (LaunchTemplateEbsBlockDeviceRequest.VolumeSize); without a type,
#: EC2 chooses it, so only the widest range applies.
_EBS_SIZES = {"gp2": (1, 16384), "gp3": (1, 16384), "io1": (4, 16384), "io2": (4, 65536), "st1": (125, 16384),
              "sc1": (125, 16384), "standard": (1, 1024), None: (1, 65536)}
#: Provisioned IOPS by type (LaunchTemplateEbsBlockDeviceRequest.Iops); other types refuse Iops.
_EBS_IOPS = {"gp3": (3000, 16000), "io1": (100, 64000), "io2": (100, 256000)}
#: Maximum IOPS per GiB (EBS volume types: io1 50:1, gp3 500:1).
_EBS_IOPS_PER_GIB = {"io1": 50, "gp3": 500}
_KMS_KEY_ARN = r"arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)/.+"


def check_device_name(scope: Any, keyword: str, value: Any) -> str:
    """A block device name (``/dev/xvda``, ``xvdh``)."""
    return check_str(scope, keyword, value, pattern=_DEVICE_NAME, required=True,  # type: ignore[return-value]
                     rule="a device name such as '/dev/xvda' or 'xvdh'")


def _kms_key_arn(scope: Any, keyword: str, value: Any) -> str | None:
    """``kms_key``: an ``IKey`` (``key_arn``), the provider's ``KmsKey`` or a key ARN."""
    if value is None or isinstance(value, str):
        return check_str(scope, keyword, value, pattern=_KMS_KEY_ARN, rule="a KMS key ARN (arn:aws:kms:...)")
    if getattr(value, "terraform_resource_type", None) == "aws_kms_key":
        return value.arn  # type: ignore[no-any-return]
    check_protocol(scope, keyword, value, ("key_arn",), "a KMS key (an object with key_arn, the provider's KmsKey "
                                                        "or a key ARN)", required=True)
    return check_str(scope, keyword, value.key_arn, pattern=_KMS_KEY_ARN, rule="a KMS key ARN (arn:aws:kms:...)")


def _known(value: Any) -> bool:
    return value is not None and not is_unresolved(value)


def check_ebs_device(scope: Any, prefix: str, *, volume_size: Any, snapshot_id: Any, volume_type: Any, iops: Any,
                     throughput: Any, encrypted: Any, kms_key: Any, delete_on_termination: Any,
                     size_required: bool) -> dict[str, Any]:
    """An EBS device's fields, checked against the EC2 API's rules (sizes and IOPS per volume
    type, throughput for gp3 only, io1/io2 need IOPS) and AWS CDK's (``ebs-util.ts``: the
    throughput-to-IOPS ratio). Returns them normalized (``kms_key`` as its ARN)."""
    from .block_devices import EbsDeviceVolumeType

    volume_type = check_enum(scope, f"{prefix}volume_type", volume_type, EbsDeviceVolumeType)
    kind = volume_type.value if volume_type is not None else None
    low, high = _EBS_SIZES[kind]
    size = check_int(scope, f"{prefix}volume_size", volume_size, required=size_required, minimum=1, maximum=65536)
    if _known(size) and not low <= size <= high:  # type: ignore[operator]
        raise ValidationError(scope, f"'{prefix}volume_size' must be from {low} to {high} GiB for volume_type "
                                     f"{kind}, got {size}")
    check_str(scope, f"{prefix}snapshot_id", snapshot_id, pattern=r"snap-[0-9a-zA-Z]+",
              rule="a snapshot id (snap-...)", required=not size_required)
    iops = check_int(scope, f"{prefix}iops", iops, minimum=1)
    if iops is None and kind in ("io1", "io2"):
        # AWS CDK's message (ebs-util.ts); EC2: "This parameter is required for io1 and io2 volumes".
        raise ValidationError(scope, "iops property is required with volumeType: EbsDeviceVolumeType.IO1 and "
                                     f"EbsDeviceVolumeType.IO2 ('{prefix}iops')")
    if iops is not None and kind not in _EBS_IOPS:
        raise ValidationError(scope, f"'{prefix}iops' needs volume_type EbsDeviceVolumeType.IO1, IO2 or GP3 (EC2 "
                                     f"refuses IOPS for gp2, st1, sc1 and standard volumes), got volume_type {kind}")
    if _known(iops) and kind in _EBS_IOPS:
        i_low, i_high = _EBS_IOPS[kind]
        if not i_low <= iops <= i_high:  # type: ignore[operator]
            raise ValidationError(scope, f"'{prefix}iops' must be from {i_low} to {i_high} for volume_type {kind}, "
                                         f"got {iops}")
        ratio = _EBS_IOPS_PER_GIB.get(kind)
        if ratio and _known(size) and iops > ratio * size:  # type: ignore[operator]
            raise ValidationError(scope, f"'{prefix}iops' {iops} is more than {ratio} IOPS per GiB of a {size} GiB "
                                         f"{kind} volume allows ({ratio * size})")  # type: ignore[operator]
    throughput = check_int(scope, f"{prefix}throughput", throughput, minimum=125, maximum=1000)
    if throughput is not None and kind != "gp3":
        # AWS CDK's message (ebs-util.ts); EC2: "valid only for gp3 volumes".
        raise ValidationError(scope, f"'throughput' requires 'volumeType': gp3, got: {kind}. ('{prefix}throughput')")
    ratio = throughput / iops if _known(throughput) and _known(iops) else 0  # type: ignore[operator]
    if ratio > 0.25:
        # AWS CDK's message (ebs-util.ts): gp3 gives at most 0.25 MiB/s per provisioned IOPS.
        raise ValidationError(scope, f"Throughput (MiBps) to iops ratio of {ratio} is too high; maximum is 0.25 "
                                     f"MiBps per iops ('{prefix}throughput')")
    encrypted = check_bool(scope, f"{prefix}encrypted", encrypted)
    kms_key = _kms_key_arn(scope, f"{prefix}kms_key", kms_key)
    if kms_key is not None and encrypted is not True:
        # EC2 CreateVolume: "If KmsKeyId is specified, the encrypted state must be true";
        # AWS CDK's ec2.Volume refuses an encryptionKey without encrypted as well.
        raise ValidationError(scope, f"'{prefix}kms_key' needs encrypted=True: EC2 uses the key only for an "
                                     "encrypted volume")
    return {"volume_size": size, "snapshot_id": snapshot_id, "volume_type": volume_type, "iops": iops,
            "throughput": throughput, "encrypted": encrypted, "kms_key": kms_key,
            "delete_on_termination": check_bool(scope, f"{prefix}delete_on_termination", delete_on_termination)}


# -- launch template options (EC2 API: RequestLaunchTemplateData; AWS CDK: launch-template.ts) --

def check_user_data(scope: Any, value: Any) -> Any:
    """``user_data``: an ``ec2.UserData`` or a string of at most 16 KB (EC2's limit, before
    base64 encoding)."""
    from .user_data import UserData

    if isinstance(value, UserData) or value is None:
        return value
    if not isinstance(value, str):
        raise ValidationError(scope, f"'user_data' must be a string, got {describe(value)}; or pass an ec2.UserData "
                                     "(UserData.for_linux(), MultipartUserData())")
    return check_str(scope, "user_data", value, max_length=16384)


def validate_launch_template_options(scope: Any, *, version_description: Any, detailed_monitoring: Any,
                                     key_name: Any, key_pair: Any, require_imdsv2: Any, http_tokens: Any,
                                     http_put_response_hop_limit: Any, http_endpoint: Any, http_protocol_ipv6: Any,
                                     instance_metadata_tags: Any, ebs_optimized: Any, nitro_enclave_enabled: Any,
                                     hibernation_configured: Any) -> dict[str, Any]:
    """The launch template keywords beyond name, user data, image and instance type; returns
    them normalized (``key_name`` from ``key_pair``, ``http_tokens`` as the enum)."""
    from .launch_templates import LaunchTemplateHttpTokens

    flags = {k: check_bool(scope, k, v) for k, v in (
        ("detailed_monitoring", detailed_monitoring), ("require_imdsv2", require_imdsv2),
        ("http_endpoint", http_endpoint), ("http_protocol_ipv6", http_protocol_ipv6),
        ("instance_metadata_tags", instance_metadata_tags), ("ebs_optimized", ebs_optimized),
        ("nitro_enclave_enabled", nitro_enclave_enabled), ("hibernation_configured", hibernation_configured))}
    # CloudFormation/EC2: a version description of at most 255 characters (AWS CDK checks it too).
    check_str(scope, "version_description", version_description, max_length=255)
    # EC2 key pair names: up to 255 ASCII characters.
    key_rule = "an EC2 key pair name (1-255 ASCII characters)"
    check_str(scope, "key_name", key_name, pattern=r"[ -~]{1,255}", rule=key_rule)
    if key_pair is not None:
        check_protocol(scope, "key_pair", key_pair, ("key_pair_name",),
                       "an ec2.IKeyPair (an object with key_pair_name)")
        check_str(scope, "key_pair.key_pair_name", key_pair.key_pair_name, pattern=r"[ -~]{1,255}", rule=key_rule,
                  required=True)
        if key_name is not None:
            # AWS CDK's message.
            raise ValidationError(scope, "Cannot specify both of 'keyName' and 'keyPair'; prefer 'keyPair' "
                                         "('key_name' and 'key_pair')")
    tokens = check_enum(scope, "http_tokens", http_tokens, LaunchTemplateHttpTokens)
    if flags["require_imdsv2"] and tokens is LaunchTemplateHttpTokens.OPTIONAL:
        # AWS CDK's message.
        raise ValidationError(scope, "httpTokens must be required when requireImdsv2 is true ('http_tokens' is "
                                     "LaunchTemplateHttpTokens.OPTIONAL and 'require_imdsv2' is True)")
    # AWS CDK: "HttpPutResponseHopLimit must between 1 and 64"; the provider: IntBetween(1, 64).
    hop_limit = check_int(scope, "http_put_response_hop_limit", http_put_response_hop_limit, minimum=1, maximum=64)
    if flags["nitro_enclave_enabled"] and flags["hibernation_configured"]:
        # EC2 (Nitro Enclaves user guide): an instance cannot use enclaves and hibernation together.
        raise ValidationError(scope, "'nitro_enclave_enabled' and 'hibernation_configured' cannot both be True: EC2 "
                                     "does not hibernate instances with Nitro Enclaves")
    return {**flags, "version_description": version_description, "http_tokens": tokens,
            "http_put_response_hop_limit": hop_limit,
            "key_name": key_pair.key_pair_name if key_pair is not None else key_name}
