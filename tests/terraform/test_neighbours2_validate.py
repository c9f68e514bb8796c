"""``terraform validate`` on a Fargate app that uses every resource and data source the ``s3``,
``ecr`` and ``efs`` modules emit: a bucket with every setting and a grant to the job role, a
repository with a lifecycle policy as the job's image (pull granted to the execution role), an
EFS file system with an access point mounted into the job through the job role."""
from __future__ import annotations

import json
from typing import Any

import pytest

from tests.harness.terraform import Terraform, prepare_stack_dir

pytestmark = pytest.mark.terraform

EMITTED = {
    "resource": {"aws_s3_bucket", "aws_s3_bucket_versioning", "aws_s3_bucket_server_side_encryption_configuration",
                 "aws_s3_bucket_public_access_block", "aws_s3_bucket_policy", "aws_s3_bucket_lifecycle_configuration",
                 "aws_ecr_repository", "aws_ecr_lifecycle_policy", "aws_efs_file_system", "aws_efs_mount_target",
                 "aws_efs_access_point", "aws_efs_file_system_policy", "aws_security_group",
                 "aws_vpc_security_group_ingress_rule"},
    "data": {"aws_partition", "aws_region", "aws_caller_identity"},
}


def build() -> dict[str, Any]:
    from cdktf import TerraformStack, Testing

    from batch_constructs import (EcsFargateContainerDefinition, EcsJobDefinition, EcsVolume,
                                  FargateComputeEnvironment, JobQueue)
    from batch_constructs.core import Duration, RemovalPolicy, Size
    from batch_constructs.ec2 import Vpc
    from batch_constructs.ecr import LifecycleRule as ImageRule
    from batch_constructs.ecr import Repository, TagMutability
    from batch_constructs.ecs import ContainerImage
    from batch_constructs.efs import Acl, FileSystem, LifecyclePolicy, PosixUser, ThroughputMode
    from batch_constructs.iam import Role, ServicePrincipal
    from batch_constructs.providers import aws_provider
    from batch_constructs.s3 import Bucket, BucketEncryption, LifecycleRule
    from batch_constructs.testing import Template

    stack = TerraformStack(Testing.app(), "Neighbours2")
    aws_provider(stack, region="us-east-1")
    vpc = Vpc(stack, "Vpc", max_azs=2)
    bucket = Bucket(stack, "Data", versioned=True, encryption=BucketEncryption.KMS_MANAGED, bucket_key_enabled=True,
                    enforce_ssl=True, removal_policy=RemovalPolicy.DESTROY, auto_delete_objects=True,
                    lifecycle_rules=[LifecycleRule(expiration=Duration.days(30), prefix="tmp/",
                                                   abort_incomplete_multipart_upload_after=Duration.days(1),
                                                   noncurrent_version_expiration=Duration.days(7))])
    inputs = Bucket.from_bucket_name(stack, "Inputs", "shared-inputs")
    repo = Repository(stack, "Repo", image_scan_on_push=True, image_tag_mutability=TagMutability.IMMUTABLE,
                      removal_policy=RemovalPolicy.DESTROY, empty_on_delete=True,
                      lifecycle_rules=[ImageRule(max_image_count=10),
                                       ImageRule(tag_prefix_list=["dev-"], max_image_age=Duration.days(14))])
    fs = FileSystem(stack, "Shared", vpc=vpc, lifecycle_policy=LifecyclePolicy.AFTER_30_DAYS,
                    throughput_mode=ThroughputMode.ELASTIC, removal_policy=RemovalPolicy.DESTROY)
    point = fs.add_access_point("Work", path="/work", posix_user=PosixUser(uid="1000", gid="1000"),
                                create_acl=Acl(owner_uid="1000", owner_gid="1000", permissions="750"))
    job_role = Role(stack, "JobRole", assumed_by=ServicePrincipal("ecs-tasks.amazonaws.com"))
    bucket.grant_read_write(job_role, "results/*")
    inputs.grant_read(job_role)
    fs.grant_read_write(job_role)
    container = EcsFargateContainerDefinition(
        stack, "Container", image=ContainerImage.from_ecr_repository(repo, "v1"), cpu=1, memory=Size.gibibytes(2),
        job_role=job_role, environment={"RESULTS": bucket.s3_url_for_object("results")},
        volumes=[EcsVolume.efs(name="work", container_path="/work", file_system=fs, access_point_id=point,
                               enable_transit_encryption=True, use_job_role=True)])
    EcsJobDefinition(stack, "Job", container=container)
    fargate = FargateComputeEnvironment(stack, "Fargate", vpc=vpc)
    fs.connections.allow_default_port_from(fargate)
    JobQueue(stack, "Queue", compute_environments=[{"compute_environment": fargate, "order": 1}])
    return Template.from_stack(stack).to_json()


def test_s3_ecr_efs_app_passes_terraform_validate(terraform_tools: Any, tmp_path: Any) -> None:
    doc = build()
    for section, kinds in EMITTED.items():
        assert kinds <= set(doc[section]), kinds - set(doc[section])
    work = prepare_stack_dir(doc, tmp_path / "tf")
    tf = Terraform(terraform_tools.binary, terraform_tools.cli_config, work)
    tf.run("init", "-input=false", "-no-color", "-backend=false").check(0)
    result = tf.validate()
    problems = [f"{d.get('severity')}: {d.get('summary')}: {d.get('detail')} @ {d.get('address', '')}"
                for d in result.get("diagnostics", [])]
    assert result["valid"], json.dumps(result.get("diagnostics"), indent=1)[:4000]
    assert not [p for p in problems if p.startswith("warning")], "\n".join(problems)
