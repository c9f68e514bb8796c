"""``batch_constructs.efs``: the file system with its mount targets, security group and default
policy, access points, imports, the ``elasticfilesystem:Client*`` grants, and EFS volumes of ECS
containers that take these objects."""
from __future__ import annotations

import re
from typing import Any

import pytest

from batch_constructs import EcsJobDefinition, EcsVolume
from batch_constructs.core import RemovalPolicy, Size
from batch_constructs.ec2 import SecurityGroup, SubnetSelection, SubnetType
from batch_constructs.efs import (AccessPoint, Acl, FileSystem, LifecyclePolicy, OutOfInfrequentAccessPolicy,
                                  PerformanceMode, PosixUser, ThroughputMode)
from batch_constructs.iam import Role, ServicePrincipal
from batch_constructs.testing import Template

from ._helpers import ec2, statements

FS = "aws_efs_file_system.FileSystem_8A8E25C0"
ARN = "${" + FS + ".arn}"


def only(template: Template, kind: str) -> dict[str, Any]:
    (value,) = template.find_resources(kind).values()
    return value


def test_default_file_system(stack: Any, vpc: Any) -> None:
    fs = FileSystem(stack, "FileSystem", vpc=vpc)
    template = Template.from_stack(stack)
    assert only(template, "aws_efs_file_system") == {"encrypted": True, "tags": {"Name": "TestStack/FileSystem"}}
    targets = template.find_resources("aws_efs_mount_target")
    assert sorted(t["subnet_id"] for t in targets.values()) == ["subnet-a", "subnet-b"]  # the private subnets
    sg = only(template, "aws_security_group")
    assert sg["tags"] == {"Name": "TestStack/FileSystem"} and sg["ingress"] == []
    (sg_key,) = template.find_resources("aws_security_group")
    assert all(t["security_groups"] == ["${aws_security_group." + sg_key + ".id}"]
               and t["file_system_id"] == "${" + FS + ".id}" for t in targets.values())
    policy = only(template, "aws_efs_file_system_policy")["policy"]
    assert policy == {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": "*"},
        "Action": ["elasticfilesystem:ClientWrite", "elasticfilesystem:ClientRootAccess"],
        "Condition": {"Bool": {"elasticfilesystem:AccessedViaMountTarget": "true"}}}]}
    assert fs.connections.security_group_ids == [fs.security_group.security_group_id]
    assert fs.mount_targets_available == fs.mount_targets and FileSystem.DEFAULT_PORT == 2049


def test_keywords_reach_the_file_system(stack: Any, vpc: Any) -> None:
    group = SecurityGroup(stack, "Group", vpc=vpc)
    FileSystem(stack, "FileSystem", vpc=vpc, encrypted=False, performance_mode=PerformanceMode.GENERAL_PURPOSE,
               throughput_mode=ThroughputMode.PROVISIONED, provisioned_throughput_per_second=Size.mebibytes(64),
               lifecycle_policy=LifecyclePolicy.AFTER_30_DAYS,
               out_of_infrequent_access_policy=OutOfInfrequentAccessPolicy.AFTER_1_ACCESS,
               transition_to_archive_policy=LifecyclePolicy.AFTER_90_DAYS, file_system_name="scratch",
               security_group=group, vpc_subnets=SubnetSelection(subnet_type=SubnetType.PUBLIC),
               removal_policy=RemovalPolicy.RETAIN, allow_anonymous_access=True)
    template = Template.from_stack(stack)
    assert only(template, "aws_efs_file_system") == {
        "encrypted": False, "performance_mode": "generalPurpose", "throughput_mode": "provisioned",
        "provisioned_throughput_in_mibps": 64, "tags": {"Name": "scratch"},
        "lifecycle_policy": [{"transition_to_ia": "AFTER_30_DAYS"},
                             {"transition_to_primary_storage_class": "AFTER_1_ACCESS"},
                             {"transition_to_archive": "AFTER_90_DAYS"}],
        "lifecycle": {"prevent_destroy": True}}
    assert only(template, "aws_efs_mount_target")["subnet_id"] == "subnet-c"
    template.resource_count_is("aws_security_group", 1)  # the given one only
    template.resource_count_is("aws_efs_file_system_policy", 0)


def test_vpc_with_created_subnets_gets_a_mount_target_per_private_subnet(stack: Any) -> None:
    from batch_constructs.ec2 import Vpc
    FileSystem(stack, "FileSystem", vpc=Vpc(stack, "Net", max_azs=3))
    targets = Template.from_stack(stack).find_resources("aws_efs_mount_target")
    subnets = sorted(t["subnet_id"] for t in targets.values())
    assert [re.sub(r"_[0-9A-F]{8}\.", ".", s) for s in subnets] == [
        f"${{aws_subnet.Net_PrivateSubnet{n}.id}}" for n in (1, 2, 3)]


@pytest.mark.parametrize("method, actions", [
    ("grant_read", ["elasticfilesystem:ClientMount"]),
    ("grant_read_write", ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]),
    ("grant_root_access", ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite",
                           "elasticfilesystem:ClientRootAccess"]),
])
def test_client_grants(stack: Any, vpc: Any, method: str, actions: list[str]) -> None:
    fs = FileSystem(stack, "FileSystem", vpc=vpc)
    getattr(fs, method)(Role(stack, "Role", assumed_by=ServicePrincipal("ecs-tasks.amazonaws.com")))
    (statement,) = statements(Template.from_stack(stack), "Role")
    assert statement["Action"] == (actions if len(actions) > 1 else actions[0])
    assert statement["Resource"] == ARN and statement["Effect"] == "Allow"
    assert statement["Condition"] == {"Bool": {"elasticfilesystem:AccessedViaMountTarget": "true"}}


def test_connections_open_the_nfs_port(stack: Any, vpc: Any) -> None:
    fs = FileSystem(stack, "FileSystem", vpc=vpc)
    fs.connections.allow_default_port_from(SecurityGroup(stack, "Jobs", vpc=vpc))
    (rule,) = Template.from_stack(stack).find_resources("aws_vpc_security_group_ingress_rule").values()
    assert (rule["from_port"], rule["to_port"], rule["ip_protocol"]) == (2049, 2049, "tcp")
    assert rule["security_group_id"].startswith("${aws_security_group.FileSystem_EfsSecurityGroup_")
    assert rule["referenced_security_group_id"].startswith("${aws_security_group.Jobs_")


def test_grant_with_any_action(stack: Any, vpc: Any) -> None:
    fs = FileSystem(stack, "FileSystem", vpc=vpc)
    fs.grant(Role(stack, "Role", assumed_by=ServicePrincipal("ecs-tasks.amazonaws.com")),
             "elasticfilesystem:DescribeMountTargets")
    assert statements(Template.from_stack(stack), "Role") == [
        {"Effect": "Allow", "Action": "elasticfilesystem:DescribeMountTargets", "Resource": ARN}]


def test_access_points(stack: Any, vpc: Any) -> None:
    fs = FileSystem(stack, "FileSystem", vpc=vpc)
    ap = fs.add_access_point("Data", path="/data", create_acl=Acl(owner_uid="1000", owner_gid="100", permissions="750"),
                             posix_user=PosixUser(uid="1000", gid="100", secondary_gids=["10", "20"]))
    AccessPoint(stack, "Bare", file_system=fs)
    template = Template.from_stack(stack)
    points = template.find_resources("aws_efs_access_point")
    assert points[next(k for k in points if k.startswith("FileSystem_Data"))] == {
        "file_system_id": "${" + FS + ".id}", "tags": {"Name": "TestStack/FileSystem/Data"},
        "posix_user": {"uid": 1000, "gid": 100, "secondary_gids": [10, 20]},
        "root_directory": {"path": "/data", "creation_info": {"owner_uid": 1000, "owner_gid": 100,
                                                              "permissions": "750"}}}
    assert points[next(k for k in points if k.startswith("Bare"))] == {
        "file_system_id": "${" + FS + ".id}", "tags": {"Name": "TestStack/Bare"}}
    assert ap.file_system is fs and ap.access_point_id.startswith("${")


def test_imports(stack: Any) -> None:
    fs = FileSystem.from_file_system_attributes(stack, "Fs", file_system_id="fs-0123abcd",
                                                security_group="sg-0123abcd")
    by_arn = FileSystem.from_file_system_attributes(
        stack, "ByArn", security_group=SecurityGroup.from_security_group_id(stack, "Sg", "sg-1"),
        file_system_arn="arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-0123abcd")
    assert by_arn.file_system_id == "fs-0123abcd" and fs.connections.security_group_ids == ["sg-0123abcd"]
    assert fs.file_system_arn.endswith(":file-system/fs-0123abcd")
    point = AccessPoint.from_access_point_attributes(
        stack, "Ap", file_system=fs,
        access_point_arn="arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-0123abcd")
    assert point.access_point_id == "fsap-0123abcd" and point.file_system is fs
    assert AccessPoint.from_access_point_id(stack, "Ap2", "fsap-0123abcd").access_point_arn.endswith(
        ":access-point/fsap-0123abcd")
    fs.grant_read(Role(stack, "Role", assumed_by=ServicePrincipal("ecs-tasks.amazonaws.com")))
    template = Template.from_stack(stack)
    template.resource_count_is("aws_efs_file_system", 0)
    (statement,) = statements(template, "Role")
    assert statement["Resource"].endswith(":file-system/fs-0123abcd")


def test_efs_volume_takes_the_file_system_and_access_point_objects(stack: Any, vpc: Any) -> None:
    fs = FileSystem(stack, "FileSystem", vpc=vpc)
    ap = fs.add_access_point("Data", path="/data")
    imported = AccessPoint.from_access_point_id(stack, "Imported", "fsap-0123abcd")
    container = ec2(stack, volumes=[
        EcsVolume.efs(name="a", container_path="/a", file_system=fs, access_point_id=ap,
                      enable_transit_encryption=True, use_job_role=True),
        EcsVolume.efs(name="b", container_path="/b", file_system=fs, access_point_id=imported,
                      enable_transit_encryption=True)])
    EcsJobDefinition(stack, "JobDefn", container=container)
    template = Template.from_stack(stack)
    (jd,) = template.find_resources("aws_batch_job_definition").values()
    (ap_key,) = template.find_resources("aws_efs_access_point")
    volumes = jd["container_properties"]["volumes"]
    assert volumes[0]["efsVolumeConfiguration"] == {
        "fileSystemId": "${" + FS + ".id}", "transitEncryption": "ENABLED",
        "authorizationConfig": {"accessPointId": "${aws_efs_access_point." + ap_key + ".id}", "iam": "ENABLED"}}
    assert volumes[1]["efsVolumeConfiguration"]["authorizationConfig"] == {"accessPointId": "fsap-0123abcd"}
