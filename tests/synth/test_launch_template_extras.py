"""``ec2.LaunchTemplate`` beyond name, image and instance type: block devices, ``UserData``
objects (rendered at synth), monitoring, key pairs, security group, instance metadata options,
EBS optimization, enclaves and hibernation, and the warning a compute environment gives for user
data that is not MIME multi-part (AWS Batch refuses it)."""
from __future__ import annotations

import base64
import types
import warnings
from typing import Any

import pytest

from batch_constructs import BatchConstructsWarning, ManagedEc2EcsComputeEnvironment
from batch_constructs.ec2 import (BlockDevice, BlockDeviceVolume, EbsDeviceVolumeType, LaunchTemplate,
                                  LaunchTemplateHttpTokens, MultipartBody, MultipartUserData, SecurityGroup, UserData)
from batch_constructs.testing import Template


def only_lt(stack: Any) -> dict[str, Any]:
    found = Template.from_stack(stack).find_resources("aws_launch_template")
    assert len(found) == 1, found
    return next(iter(found.values()))


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def test_block_devices_render_as_block_device_mappings(stack: Any) -> None:
    LaunchTemplate(stack, "LT", block_devices=[
        BlockDevice(device_name="/dev/xvda", volume=BlockDeviceVolume.ebs(
            200, volume_type=EbsDeviceVolumeType.GP3, iops=6000, throughput=500, encrypted=True,
            delete_on_termination=True)),
        BlockDevice(device_name="/dev/xvdb", volume=BlockDeviceVolume.ebs_from_snapshot(
            "snap-0abc", volume_size=50, volume_type="io2", iops=1000, delete_on_termination=False)),
        {"device_name": "/dev/xvdc", "volume": BlockDeviceVolume.ephemeral(1)},
        BlockDevice(device_name="/dev/xvdd", volume=BlockDeviceVolume.no_device()),
        BlockDevice(device_name="xvde", volume=BlockDeviceVolume.ebs(10), mapping_enabled=False),
    ])
    assert only_lt(stack)["block_device_mappings"] == [
        {"device_name": "/dev/xvda", "ebs": {"delete_on_termination": "true", "encrypted": "true", "iops": 6000,
                                             "throughput": 500, "volume_size": 200, "volume_type": "gp3"}},
        {"device_name": "/dev/xvdb", "ebs": {"delete_on_termination": "false", "iops": 1000, "snapshot_id": "snap-0abc",
                                             "volume_size": 50, "volume_type": "io2"}},
        {"device_name": "/dev/xvdc", "virtual_name": "ephemeral1"},
        {"device_name": "/dev/xvdd", "no_device": "true"},
        {"device_name": "xvde", "ebs": {"volume_size": 10}, "no_device": "true"},
    ]


def test_ebs_volume_type_is_left_to_ec2_by_default_and_aliases_work(stack: Any) -> None:
    volume = BlockDeviceVolume.ebs(30)
    assert volume.ebs_device.volume_type is None and volume.virtual_name is None
    assert EbsDeviceVolumeType.GENERAL_PURPOSE_SSD_GP3 is EbsDeviceVolumeType.GP3
    assert EbsDeviceVolumeType.PROVISIONED_IOPS_SSD is EbsDeviceVolumeType.IO1


def test_kms_key_is_its_arn(stack: Any) -> None:
    key = types.SimpleNamespace(key_arn="arn:aws:kms:us-east-1:123456789012:key/abc")
    LaunchTemplate(stack, "LT", block_devices=[BlockDevice(device_name="/dev/xvda", volume=BlockDeviceVolume.ebs(
        20, encrypted=True, kms_key=key))])
    assert only_lt(stack)["block_device_mappings"][0]["ebs"]["kms_key_id"] == key.key_arn


def test_user_data_object_is_rendered_at_synth(stack: Any) -> None:
    inner = UserData.for_linux()
    multipart = MultipartUserData()
    multipart.add_user_data_part(inner)
    LaunchTemplate(stack, "LT", user_data=multipart)
    multipart.add_commands("echo added after the template")
    user_data = only_lt(stack)["user_data"]
    assert base64.b64decode(user_data).decode() == multipart.render()
    assert b64("#!/bin/bash\necho added after the template") in multipart.render()


def test_plain_text_user_data_is_unchanged(stack: Any) -> None:
    LaunchTemplate(stack, "LT", user_data="#!/bin/bash\necho hi\n")
    assert only_lt(stack)["user_data"] == "IyEvYmluL2Jhc2gKZWNobyBoaQo="


def test_user_data_with_a_reference_uses_terraform_base64encode(stack: Any) -> None:
    from batch_constructs._runtime import provider_class

    bucket = provider_class("s3_bucket", "S3Bucket")(stack, "Bucket", bucket="my-bucket")
    inner = UserData.for_linux()
    inner.add_commands(f"aws s3 cp s3://{bucket.bucket}/setup.sh - | bash")
    multipart = MultipartUserData()
    multipart.add_user_data_part(inner)
    LaunchTemplate(stack, "LT", user_data=multipart)
    user_data = only_lt(stack)["user_data"]
    assert user_data.startswith('${base64encode("Content-Type: multipart/mixed;')
    assert ('${base64encode("#!/bin/bash\\naws s3 cp s3://${aws_s3_bucket.Bucket.bucket}/setup.sh - | bash")}'
            in user_data)


def test_monitoring_key_security_group_and_flags(stack: Any, vpc: Any) -> None:
    group = SecurityGroup(stack, "SG", vpc=vpc)
    LaunchTemplate(stack, "LT", detailed_monitoring=True, key_pair=types.SimpleNamespace(key_pair_name="ops"),
                   security_group=group, ebs_optimized=False, nitro_enclave_enabled=True,
                   version_description="larger root volume")
    lt = only_lt(stack)
    assert lt["monitoring"] == {"enabled": True}
    assert lt["key_name"] == "ops"
    assert lt["vpc_security_group_ids"] == ["${aws_security_group.SG_F4D84B7A.id}"] or \
        lt["vpc_security_group_ids"][0].endswith(".id}")
    assert (lt["ebs_optimized"], lt["enclave_options"], lt["description"]) == ("false", {"enabled": True},
                                                                                "larger root volume")
    assert "metadata_options" not in lt and "hibernation_options" not in lt


@pytest.mark.parametrize("kwargs, expected", [
    ({"require_imdsv2": True}, {"http_tokens": "required"}),
    ({"http_tokens": LaunchTemplateHttpTokens.OPTIONAL, "http_put_response_hop_limit": 2},
     {"http_tokens": "optional", "http_put_response_hop_limit": 2}),
    ({"http_endpoint": False, "http_protocol_ipv6": True, "instance_metadata_tags": True, "http_tokens": "required"},
     {"http_endpoint": "disabled", "http_protocol_ipv6": "enabled", "instance_metadata_tags": "enabled",
      "http_tokens": "required"}),
    ({"require_imdsv2": False}, None),
])
def test_metadata_options(stack: Any, kwargs: dict[str, Any], expected: Any) -> None:
    LaunchTemplate(stack, "LT", **kwargs)
    assert only_lt(stack).get("metadata_options") == expected


def test_key_name_and_hibernation(stack: Any) -> None:
    LaunchTemplate(stack, "LT", key_name="my key", hibernation_configured=True)
    lt = only_lt(stack)
    assert (lt["key_name"], lt["hibernation_options"]) == ("my key", {"configured": True})


# -- the MIME multi-part warning ------------------------------------------------------------------

def _attach(stack: Any, vpc: Any, template: Any) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ManagedEc2EcsComputeEnvironment(stack, "CE", vpc=vpc, spot=True, launch_template=template)
    return [str(w.message) for w in caught if issubclass(w.category, BatchConstructsWarning)
            and "multi-part" in str(w.message)]


@pytest.mark.parametrize("user_data, kind", [
    (lambda: UserData.for_linux(), "LinuxUserData (not multi-part)"),
    (lambda: "#!/bin/bash\necho hi", "plain text"),
])
def test_compute_environment_warns_about_user_data_that_is_not_multipart(stack: Any, vpc: Any, user_data: Any,
                                                                         kind: str) -> None:
    template = LaunchTemplate(stack, "LT", user_data=user_data())
    messages = _attach(stack, vpc, template)
    assert len(messages) == 1, messages
    assert messages[0].startswith("[TestStack/CE] launch template 'TestStack/LT' has user data that is " + kind)
    assert "MultipartUserData" in messages[0]


@pytest.mark.parametrize("user_data", [
    lambda: MultipartUserData(),
    lambda: 'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="B"\n\n--B\n\n--B--\n',
    lambda: None,
])
def test_multipart_or_no_user_data_does_not_warn(stack: Any, vpc: Any, user_data: Any) -> None:
    multipart = user_data()
    if isinstance(multipart, MultipartUserData):
        multipart.add_part(MultipartBody.from_user_data(UserData.for_linux()))
    assert _attach(stack, vpc, LaunchTemplate(stack, "LT", user_data=multipart)) == []


def test_launch_template_alone_does_not_warn(stack: Any) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", BatchConstructsWarning)
        LaunchTemplate(stack, "LT", user_data=UserData.for_linux())
        Template.from_stack(stack)
