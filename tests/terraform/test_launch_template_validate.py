"""A managed EC2 spot compute environment with a launch template as real Batch apps write it (a
larger gp3 root volume, a scratch volume, IMDSv2, multi-part user data that mounts a file system
whose id is a Terraform reference) passes ``terraform validate``; and Terraform itself evaluates
the emitted ``user_data`` to exactly the MIME archive ``MultipartUserData.render()`` gives."""
from __future__ import annotations

import base64
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.harness.terraform import assert_validates

pytestmark = pytest.mark.terraform


def user_data(file_system_id: str, bucket: str) -> Any:
    from batch_constructs.ec2 import MultipartBody, MultipartUserData, UserData

    script = UserData.for_linux()
    script.add_commands("set -euo pipefail",
                        'echo "ECS_IMAGE_PULL_BEHAVIOR=prefer-cached" >> /etc/ecs/ecs.config',
                        f"mount -t efs -o tls {file_system_id}:/ /mnt/efs",
                        f"aws s3 cp s3://{bucket}/bootstrap.sh - | bash -s -- \"${{HOSTNAME}}\"")
    multipart = MultipartUserData()
    multipart.add_user_data_part(script, MultipartBody.SHELL_SCRIPT, True)
    multipart.add_part(MultipartBody.from_raw_body(content_type='text/cloud-config; charset="us-ascii"',
                                                   body="#cloud-config\nrepo_update: true\n"))
    return multipart


def build(stack: Any, vpc: Any, file_system_id: str, bucket: str) -> None:
    from batch_constructs import ManagedEc2EcsComputeEnvironment
    from batch_constructs.ec2 import BlockDevice, BlockDeviceVolume, EbsDeviceVolumeType, InstanceClass, LaunchTemplate

    template = LaunchTemplate(
        stack, "LaunchTemplate", user_data=user_data(file_system_id, bucket), require_imdsv2=True,
        http_put_response_hop_limit=2, detailed_monitoring=True, block_devices=[
            BlockDevice(device_name="/dev/xvda", volume=BlockDeviceVolume.ebs(
                200, volume_type=EbsDeviceVolumeType.GP3, iops=6000, throughput=500, encrypted=True,
                delete_on_termination=True)),
            BlockDevice(device_name="/dev/xvdb",
                        volume=BlockDeviceVolume.ebs(500, volume_type=EbsDeviceVolumeType.ST1)),
            BlockDevice(device_name="/dev/xvdc", volume=BlockDeviceVolume.ephemeral(0)),
        ])
    ManagedEc2EcsComputeEnvironment(stack, "SpotEnv", vpc=vpc, spot=True, spot_bid_percentage=60, maxv_cpus=256,
                                    instance_classes=[InstanceClass.C5, InstanceClass.M5], launch_template=template)


def test_spot_environment_with_block_devices_and_multipart_user_data_validates(
        terraform_tools: Any, stack: Any, vpc: Any, tmp_path: Path) -> None:
    from cdktf import TerraformVariable

    from batch_constructs._runtime import provider_class
    from batch_constructs.testing import Template

    file_system = TerraformVariable(stack, "file_system_id", type="string", default="fs-0123abcd")
    bucket = provider_class("s3_bucket", "S3Bucket")(stack, "Scripts", bucket_prefix="scripts-")
    build(stack, vpc, file_system.string_value, bucket.bucket)
    doc = Template.from_stack(stack).to_json()
    tf = assert_validates(terraform_tools, doc, tmp_path / "tf")
    resources = doc["resource"]
    assert [spec["launch_template"] for spec in (ce["compute_resources"] for ce in
            resources["aws_batch_compute_environment"].values())][0]["version"].endswith(".latest_version}")

    # Terraform evaluates the user data (a template around the references) to the archive itself.
    (template,) = resources["aws_launch_template"].values()
    console_dir = tmp_path / "console"
    console_dir.mkdir()
    (console_dir / "main.tf.json").write_text(json.dumps({
        "variable": {"file_system_id": {"type": "string", "default": "fs-0123abcd"}},
        "locals": {"user_data": template["user_data"].replace("${aws_s3_bucket.Scripts.bucket}", "scripts-bucket")},
    }))
    done = subprocess.run([terraform_tools.binary, "console"], cwd=console_dir, env=tf.env, text=True,
                          input="jsonencode(base64decode(local.user_data))\n", capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr
    decoded = json.loads(json.loads(done.stdout.strip()))
    expected = user_data("fs-0123abcd", "scripts-bucket").render()
    assert decoded == expected
    inner = base64.b64decode(expected.split("Content-Transfer-Encoding: base64\n\n")[1].split("\n")[0]).decode()
    assert "mount -t efs -o tls fs-0123abcd:/ /mnt/efs" in inner and '"${HOSTNAME}"' in inner
