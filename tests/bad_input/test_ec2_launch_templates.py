"""Rows for launch-template block devices and options: the EBS rules of the EC2 API (sizes and
IOPS per volume type, throughput for gp3 only, io1/io2 need IOPS) and AWS CDK's, and every
``LaunchTemplate`` keyword. Value objects built outside a construct name no path; a dict given
as a block device is checked by the template and names it."""
from __future__ import annotations

import types
from typing import Any

from batch_constructs.ec2 import (BlockDevice, BlockDeviceVolume, EbsDeviceVolumeType, LaunchTemplate,
                                  LaunchTemplateHttpTokens, UserData)

from ._table import Bad, params, run

LT = "TestStack/LT"
GP3, IO1, GP2 = EbsDeviceVolumeType.GP3, EbsDeviceVolumeType.IO1, EbsDeviceVolumeType.GP2
KEY = types.SimpleNamespace(key_arn="arn:aws:kms:us-east-1:123456789012:key/abc")


def lt(s: Any, **kwargs: Any) -> LaunchTemplate:
    return LaunchTemplate(s, "LT", **kwargs)


def device(volume: Any, name: str = "/dev/xvda") -> dict[str, Any]:
    return {"device_name": name, "volume": volume}


def big_user_data() -> Any:
    data = UserData.for_linux()
    data.add_commands("#" * 17000)
    return data


ROWS = [
    # EBS volumes (value objects: no construct path)
    Bad("ebs-size-str", lambda s, v: BlockDeviceVolume.ebs("100"), None,
        r"'volume_size' must be a whole number, got '100' \(str\)"),
    Bad("ebs-size-zero", lambda s, v: BlockDeviceVolume.ebs(0), None,
        r"'volume_size' must be a whole number from 1 to 65536, got 0 \(int\)"),
    Bad("ebs-size-missing", lambda s, v: BlockDeviceVolume.ebs(None), None, r"'volume_size' is required"),
    Bad("ebs-gp3-too-large", lambda s, v: BlockDeviceVolume.ebs(20000, volume_type=GP3), None,
        r"'volume_size' must be from 1 to 16384 GiB for volume_type gp3, got 20000$"),
    Bad("ebs-st1-too-small", lambda s, v: BlockDeviceVolume.ebs(100, volume_type="st1"), None,
        r"'volume_size' must be from 125 to 16384 GiB for volume_type st1, got 100$"),
    Bad("ebs-standard-too-large", lambda s, v: BlockDeviceVolume.ebs(2000, volume_type="standard"), None,
        r"'volume_size' must be from 1 to 1024 GiB for volume_type standard"),
    Bad("ebs-volume-type-unknown", lambda s, v: BlockDeviceVolume.ebs(10, volume_type="gp4"), None,
        r"'volume_type' must be one of EbsDeviceVolumeType\.STANDARD, .*EbsDeviceVolumeType\.GP3.*, got 'gp4'"),
    Bad("ebs-io1-needs-iops", lambda s, v: BlockDeviceVolume.ebs(100, volume_type=IO1), None,
        r"^iops property is required with volumeType: EbsDeviceVolumeType\.IO1 and EbsDeviceVolumeType\.IO2"),
    Bad("ebs-gp2-iops", lambda s, v: BlockDeviceVolume.ebs(100, volume_type=GP2, iops=3000), None,
        r"'iops' needs volume_type EbsDeviceVolumeType\.IO1, IO2 or GP3 .*got volume_type gp2$"),
    Bad("ebs-untyped-iops", lambda s, v: BlockDeviceVolume.ebs(100, iops=3000), None,
        r"'iops' needs volume_type .*got volume_type None$"),
    Bad("ebs-gp3-iops-range", lambda s, v: BlockDeviceVolume.ebs(100, volume_type=GP3, iops=20000), None,
        r"'iops' must be from 3000 to 16000 for volume_type gp3, got 20000$"),
    Bad("ebs-io1-iops-per-gib", lambda s, v: BlockDeviceVolume.ebs(10, volume_type=IO1, iops=1000), None,
        r"'iops' 1000 is more than 50 IOPS per GiB of a 10 GiB io1 volume allows \(500\)$"),
    Bad("ebs-iops-fraction", lambda s, v: BlockDeviceVolume.ebs(100, volume_type=GP3, iops=3000.5), None,
        r"'iops' must be a whole number, got 3000\.5"),
    Bad("ebs-throughput-gp2", lambda s, v: BlockDeviceVolume.ebs(100, volume_type=GP2, throughput=200), None,
        r"^'throughput' requires 'volumeType': gp3, got: gp2\."),
    Bad("ebs-throughput-range", lambda s, v: BlockDeviceVolume.ebs(100, volume_type=GP3, throughput=2000), None,
        r"'throughput' must be a whole number from 125 to 1000, got 2000 \(int\)"),
    Bad("ebs-throughput-ratio", lambda s, v: BlockDeviceVolume.ebs(100, volume_type=GP3, iops=3000,
                                                                     throughput=1000), None,
        r"^Throughput \(MiBps\) to iops ratio of 0\.333+ is too high; maximum is 0\.25 MiBps per iops"),
    Bad("ebs-encrypted-str", lambda s, v: BlockDeviceVolume.ebs(10, encrypted="yes"), None,
        r"'encrypted' must be True or False, got 'yes' \(str\)"),
    Bad("ebs-delete-int", lambda s, v: BlockDeviceVolume.ebs(10, delete_on_termination=1), None,
        r"'delete_on_termination' must be True or False, got 1 \(int\)"),
    Bad("ebs-kms-without-encrypted", lambda s, v: BlockDeviceVolume.ebs(10, kms_key=KEY), None,
        r"'kms_key' needs encrypted=True"),
    Bad("ebs-kms-key-int", lambda s, v: BlockDeviceVolume.ebs(10, encrypted=True, kms_key=5), None,
        r"'kms_key' must be a KMS key \(an object with key_arn, the provider's KmsKey or a key ARN\), got 5"),
    Bad("ebs-kms-key-not-arn", lambda s, v: BlockDeviceVolume.ebs(10, encrypted=True, kms_key="alias/ebs"), None,
        r"'kms_key' must be a KMS key ARN \(arn:aws:kms:\.\.\.\), got 'alias/ebs'"),
    Bad("ebs-snapshot-id", lambda s, v: BlockDeviceVolume.ebs_from_snapshot("snapshot-1"), None,
        r"'snapshot_id' must be a snapshot id \(snap-\.\.\.\), got 'snapshot-1' \(str\)"),
    Bad("ebs-snapshot-missing", lambda s, v: BlockDeviceVolume.ebs_from_snapshot(None), None,
        r"'snapshot_id' is required"),
    Bad("ephemeral-negative", lambda s, v: BlockDeviceVolume.ephemeral(-1), None,
        r'^volumeIndex must be a number starting from 0, got "-1"$'),
    Bad("ephemeral-too-large", lambda s, v: BlockDeviceVolume.ephemeral(24), None,
        r"'volume_index' must be a whole number from 0 to 23, got 24 \(int\)"),
    Bad("block-device-name", lambda s, v: BlockDevice(device_name="sda 1", volume=BlockDeviceVolume.ebs(8)), None,
        r"'device_name' must be a device name such as '/dev/xvda' or 'xvdh', got 'sda 1' \(str\)"),
    Bad("block-device-volume-int", lambda s, v: BlockDevice(device_name="/dev/xvda", volume=100), None,
        r"'volume' must be an ec2\.BlockDeviceVolume such as BlockDeviceVolume\.ebs\(100\), got 100 \(int\)"),
    Bad("block-device-mapping-enabled-str", lambda s, v: BlockDevice(
        device_name="/dev/xvda", volume=BlockDeviceVolume.ebs(8), mapping_enabled="no"), None,
        r"'mapping_enabled' must be True or False, got 'no' \(str\)"),
    # block_devices of a template (the construct named)
    Bad("lt-block-devices-single", lambda s, v: lt(s, block_devices=BlockDevice(
        device_name="/dev/xvda", volume=BlockDeviceVolume.ebs(8))), LT,
        r"'block_devices' must be a list of ec2\.BlockDevice, got BlockDevice\("),
    Bad("lt-block-devices-str", lambda s, v: lt(s, block_devices=["/dev/xvda"]), LT,
        r"'block_devices\[0\]' must be an ec2\.BlockDevice, got '/dev/xvda' \(str\)"),
    Bad("lt-block-device-unknown-key", lambda s, v: lt(s, block_devices=[{"device": "/dev/xvda"}]), LT,
        r"'block_devices\[0\]' has unknown key\(s\) 'device'; expected an ec2\.BlockDevice with keys device_name, "
        r"volume, mapping_enabled"),
    Bad("lt-block-device-dict-name", lambda s, v: lt(s, block_devices=[device(BlockDeviceVolume.ebs(8), "xvd a")]),
        LT, r"'block_devices\[0\]\.device_name' must be a device name such as '/dev/xvda' or 'xvdh', got 'xvd a'"),
    Bad("lt-block-device-dict-volume", lambda s, v: lt(s, block_devices=[device(8)]), LT,
        r"'block_devices\[0\]\.volume' must be an ec2\.BlockDeviceVolume such as BlockDeviceVolume\.ebs\(100\), "
        r"got 8 \(int\)"),
    Bad("lt-block-device-twice", lambda s, v: lt(s, block_devices=[
        device(BlockDeviceVolume.ebs(8)), device(BlockDeviceVolume.ephemeral(0), "/dev/xvdb"),
        device(BlockDeviceVolume.ebs(9))]), LT,
        r"'block_devices\[2\]\.device_name' '/dev/xvda' is already mapped by block_devices\[0\]; EC2 refuses a "
        r"device mapped twice"),
    # the other keywords
    Bad("lt-monitoring-str", lambda s, v: lt(s, detailed_monitoring="yes"), LT,
        r"'detailed_monitoring' must be True or False, got 'yes' \(str\)"),
    Bad("lt-key-name-int", lambda s, v: lt(s, key_name=5), LT,
        r"'key_name' must be an EC2 key pair name \(1-255 ASCII characters\), got 5 \(int\)"),
    Bad("lt-key-name-and-pair", lambda s, v: lt(s, key_name="a", key_pair=types.SimpleNamespace(key_pair_name="b")),
        LT, r"^\[TestStack/LT\] Cannot specify both of 'keyName' and 'keyPair'; prefer 'keyPair'"),
    Bad("lt-key-pair-str", lambda s, v: lt(s, key_pair="ops"), LT,
        r"'key_pair' must be an ec2\.IKeyPair \(an object with key_pair_name\), got 'ops' \(str\)"),
    Bad("lt-imdsv2-optional", lambda s, v: lt(s, require_imdsv2=True, http_tokens=LaunchTemplateHttpTokens.OPTIONAL),
        LT, r"^\[TestStack/LT\] httpTokens must be required when requireImdsv2 is true"),
    Bad("lt-http-tokens-word", lambda s, v: lt(s, http_tokens="strict"), LT,
        r"'http_tokens' must be one of LaunchTemplateHttpTokens\.OPTIONAL, LaunchTemplateHttpTokens\.REQUIRED, "
        r"got 'strict' \(str\)"),
    Bad("lt-hop-limit-range", lambda s, v: lt(s, http_put_response_hop_limit=65), LT,
        r"'http_put_response_hop_limit' must be a whole number from 1 to 64, got 65 \(int\)"),
    Bad("lt-hop-limit-zero", lambda s, v: lt(s, http_put_response_hop_limit=0), LT,
        r"'http_put_response_hop_limit' must be a whole number from 1 to 64, got 0 \(int\)"),
    Bad("lt-http-endpoint-str", lambda s, v: lt(s, http_endpoint="enabled"), LT,
        r"'http_endpoint' must be True or False, got 'enabled' \(str\)"),
    Bad("lt-metadata-tags-int", lambda s, v: lt(s, instance_metadata_tags=1), LT,
        r"'instance_metadata_tags' must be True or False, got 1 \(int\)"),
    Bad("lt-ebs-optimized-str", lambda s, v: lt(s, ebs_optimized="true"), LT,
        r"'ebs_optimized' must be True or False, got 'true' \(str\)"),
    Bad("lt-enclave-and-hibernation", lambda s, v: lt(s, nitro_enclave_enabled=True, hibernation_configured=True), LT,
        r"'nitro_enclave_enabled' and 'hibernation_configured' cannot both be True"),
    Bad("lt-version-description-long", lambda s, v: lt(s, version_description="d" * 256), LT,
        r"'version_description' must be a string of at most 255 characters, got 'd+'\.\.\. \(256 characters\)"),
    Bad("lt-security-group-int", lambda s, v: lt(s, security_group=5), LT,
        r"'security_group' must be an ec2\.SecurityGroup, .* got 5 \(int\)"),
    Bad("lt-user-data-int", lambda s, v: lt(s, user_data=5), LT,
        r"'user_data' must be a string, got 5 \(int\); or pass an ec2\.UserData"),
    Bad("lt-user-data-renders-too-large", lambda s, v: lt(s, user_data=big_user_data()), LT,
        r"'user_data' renders to 17012 bytes; EC2 allows at most 16384 bytes of user data"),
]


@params(ROWS)
def test_launch_template_mistakes(row: Bad, stack: Any, vpc: Any) -> None:
    run(row, stack, vpc)


def test_valid_volumes_keep_working() -> None:
    """The edges of each rule are accepted."""
    BlockDeviceVolume.ebs(16384, volume_type=GP3, iops=16000, throughput=1000)
    BlockDeviceVolume.ebs(4, volume_type=IO1, iops=200)
    BlockDeviceVolume.ebs(65536, volume_type="io2", iops=256000)
    BlockDeviceVolume.ebs(125, volume_type="sc1", delete_on_termination=False)
    BlockDeviceVolume.ebs_from_snapshot("snap-0abc", volume_type=GP3, iops=3000, throughput=750)
    BlockDeviceVolume.ephemeral(23)
    assert BlockDeviceVolume.ebs(8.0).ebs_device.volume_size == 8
