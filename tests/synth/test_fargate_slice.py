"""The Fargate slice: compute environment, queue, job definition and their IAM/EC2 resources."""
from __future__ import annotations

from typing import Any

import pytest

from batch_constructs import (EcsFargateContainerDefinition, EcsJobDefinition, FargateComputeEnvironment, JobQueue,
                              OrderedComputeEnvironment, ValidationError)
from batch_constructs._runtime import COMPAT
from batch_constructs.core import Duration, Size, Tags
from batch_constructs.ec2 import SecurityGroup, SubnetSelection, SubnetType, Vpc
from batch_constructs.ecs import (ContainerImage, CpuArchitecture, FargatePlatformVersion,
                                  OperatingSystemFamily)
from batch_constructs.testing import Match, Template

IMAGE = ContainerImage.from_registry("public.ecr.aws/amazonlinux/amazonlinux:latest")


def fargate_container(scope: Any, id: str = "Container", **kwargs: Any) -> EcsFargateContainerDefinition:
    return EcsFargateContainerDefinition(scope, id, image=IMAGE, cpu=kwargs.pop("cpu", 0.25),
                                         memory=kwargs.pop("memory", Size.mebibytes(2048)), **kwargs)


# -- FargateComputeEnvironment -------------------------------------------------------------------
def test_fargate_defaults(stack: Any, vpc: Any) -> None:
    FargateComputeEnvironment(stack, "CE", vpc=vpc)
    template = Template.from_stack(stack)
    template.resource_count_is("aws_security_group", 1)
    template.has_resource_properties("aws_batch_compute_environment", Match.object_equals({
        "type": "MANAGED", "state": "ENABLED",
        COMPAT.ce_name_prefix_key: Match.string_like_regexp(r"^TestStack-CE-[0-9A-F]{8}-$"),
        "compute_resources": {"type": "FARGATE", "max_vcpus": 256, "subnets": ["subnet-a", "subnet-b"],
                              "security_group_ids": [Match.string_like_regexp(r"aws_security_group\.")]},
        "lifecycle": {"create_before_destroy": True},
    }))
    template.has_resource_properties("aws_security_group", {
        "description": "TestStack/CE/SecurityGroup", "vpc_id": "vpc-123",
        "egress": [{"cidr_blocks": ["0.0.0.0/0"], "protocol": "-1", "from_port": 0, "to_port": 0}]})


def test_fargate_spot_name_subnets_groups_disabled(stack: Any, vpc: Any) -> None:
    ce = FargateComputeEnvironment(stack, "CE", vpc=vpc, spot=True, maxv_cpus=32, enabled=False,
                                   compute_environment_name="my-ce",
                                   vpc_subnets=SubnetSelection(subnet_type=SubnetType.PUBLIC),
                                   security_groups=[SecurityGroup.from_security_group_id(stack, "SG", "sg-1")])
    template = Template.from_stack(stack)
    template.resource_count_is("aws_security_group", 0)
    template.has_resource_properties("aws_batch_compute_environment", {
        COMPAT.ce_name_key: "my-ce", COMPAT.ce_name_prefix_key: Match.absent(), "state": "DISABLED",
        "compute_resources": Match.object_equals({"type": "FARGATE_SPOT", "max_vcpus": 32,
                                                  "subnets": ["subnet-c"], "security_group_ids": ["sg-1"]})})
    assert ce.connections.security_group_ids == ["sg-1"]


def _prefix_of(with_custom_role: bool) -> tuple[str, dict[str, Any]]:
    from cdktf import TerraformStack, Testing

    from batch_constructs.ec2 import Vpc as _Vpc
    from batch_constructs.iam import ManagedPolicy, Role, ServicePrincipal
    from batch_constructs._runtime import provider_class
    stack = TerraformStack(Testing.app(), "TestStack")
    provider_class("provider", "AwsProvider")(stack, "aws", region="us-east-1")
    vpc = _Vpc.from_attributes(stack, "Vpc", vpc_id="vpc-1", private_subnet_ids=["subnet-a"])
    role = None
    if with_custom_role:
        role = Role(stack, "ServiceRole", assumed_by=ServicePrincipal("batch.amazonaws.com"),
                    managed_policies=[ManagedPolicy.from_aws_managed_policy_name("service-role/AWSBatchServiceRole")])
    FargateComputeEnvironment(stack, "CE", vpc=vpc, service_role=role)
    (ce,) = Template.from_stack(stack).find_resources("aws_batch_compute_environment").values()
    return ce[COMPAT.ce_name_prefix_key], ce


def test_switching_to_a_custom_service_role_changes_the_name_prefix() -> None:
    linked_prefix, linked = _prefix_of(False)
    custom_prefix, custom = _prefix_of(True)
    assert linked_prefix != custom_prefix  # so Terraform replaces instead of a refused in-place update
    assert "service_role" not in linked and "depends_on" not in linked
    assert custom["service_role"].startswith("${aws_iam_role.ServiceRole_")
    assert \
        [d.split(".")[0] for d in custom["depends_on"]] == ["aws_iam_role_policy_attachment"]


@pytest.mark.parametrize("kwargs, message", [
    ({"spot_bid_percentage": 20}, "FargateComputeEnvironment 'CE' does not take 'spot_bid_percentage'"),
    ({"minv_cpus": 1}, "FargateComputeEnvironment 'CE' does not take 'minv_cpus'"),
    ({"update_timeout": Duration.minutes(5)},
     "FargateComputeEnvironment 'CE' cannot use 'update_timeout' or 'terminate_on_update'; AWS Batch does not "
     "support update policies on Fargate"),
    ({"terminate_on_update": True}, "cannot use 'update_timeout' or 'terminate_on_update'"),
    ({"update_to_latest_image_version": True},
     "'update_to_latest_image_version' is not supported by the Terraform AWS provider"),
    ({"compute_environment_name": "bad name!"},
     "'compute_environment_name' value 'bad name!' must be 1-128 letters, digits, hyphens or underscores"),
    ({"maxv_cpus": 0}, "has 'maxvCpus' = 0; it must be a positive whole number"),
])
def test_fargate_validation(stack: Any, vpc: Any, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError) as error:
        FargateComputeEnvironment(stack, "CE", vpc=vpc, **kwargs)
    assert message in str(error.value)
    assert error.value.path == "TestStack/CE"
    assert str(error.value).startswith("[TestStack/CE] ")


def test_fargate_unknown_keyword_is_a_type_error(stack: Any, vpc: Any) -> None:
    with pytest.raises(TypeError, match="unexpected keyword argument.*colour"):
        FargateComputeEnvironment(stack, "CE", vpc=vpc, colour="blue")


def test_import_by_arn(stack: Any) -> None:
    ce = FargateComputeEnvironment.from_fargate_compute_environment_arn(
        stack, "Imported", "arn:aws:batch:us-east-1:123456789012:compute-environment/existing")
    assert ce.compute_environment_name == "existing"
    assert ce.compute_type_family == "FARGATE"


# -- JobQueue ------------------------------------------------------------------------------------
def test_queue_orders_compute_environments_and_accepts_imports_and_l1(stack: Any, vpc: Any) -> None:
    from batch_constructs._runtime import provider_class
    first = FargateComputeEnvironment(stack, "First", vpc=vpc)
    imported = FargateComputeEnvironment.from_fargate_compute_environment_arn(
        stack, "Imported", "arn:aws:batch:us-east-1:123456789012:compute-environment/x")
    l1 = provider_class("batch_compute_environment", "BatchComputeEnvironment")(stack, "Raw", type="MANAGED")
    queue = JobQueue(stack, "Queue", priority=5, job_queue_name="my-queue",
                     compute_environments=[OrderedComputeEnvironment(compute_environment=first, order=3)])
    queue.add_compute_environment(imported, 1)
    queue.add_compute_environment(l1, 2)
    template = Template.from_stack(stack)
    template.has_resource_properties("aws_batch_job_queue", Match.object_equals({
        "name": "my-queue", "priority": 5, "state": "ENABLED",
        "compute_environment_order": [
            {"compute_environment": "arn:aws:batch:us-east-1:123456789012:compute-environment/x", "order": 1},
            {"compute_environment": Match.string_like_regexp(r"aws_batch_compute_environment\.Raw\.arn"), "order": 2},
            {"compute_environment": Match.string_like_regexp(r"aws_batch_compute_environment\.First_.*\.arn"),
             "order": 3}]}))


def test_queue_generated_name_and_disabled(stack: Any, vpc: Any) -> None:
    JobQueue(stack, "Queue", enabled=False,
             compute_environments=[OrderedComputeEnvironment(FargateComputeEnvironment(stack, "CE", vpc=vpc), 1)])
    Template.from_stack(stack).has_resource_properties("aws_batch_job_queue", {
        "name": Match.string_like_regexp(r"^TestStack-Queue-[0-9A-F]{8}$"), "priority": 1, "state": "DISABLED"})


def test_queue_without_compute_environments_fails_at_synth(stack: Any) -> None:
    JobQueue(stack, "Queue")
    with pytest.raises(ValidationError) as error:
        Template.from_stack(stack)
    assert str(error.value) == "[TestStack/Queue] This JobQueue does not link any ComputeEnvironments"


def test_queue_duplicate_order_fails_at_synth(stack: Any, vpc: Any) -> None:
    queue = JobQueue(stack, "Queue")
    queue.add_compute_environment(FargateComputeEnvironment(stack, "A", vpc=vpc), 1)
    queue.add_compute_environment(FargateComputeEnvironment(stack, "B", vpc=vpc), 1)
    with pytest.raises(ValidationError, match=r"^\[TestStack/Queue\] assigns the same order to different "
                                              r"ComputeEnvironments$"):
        Template.from_stack(stack)


def test_plain_cdktf_validation_reports_the_same_message(stack: Any) -> None:
    from cdktf import Testing
    JobQueue(stack, "Queue")
    with pytest.raises(Exception, match=r"\[TestStack/Queue\] This JobQueue does not link any ComputeEnvironments"):
        Testing.synth(stack, run_validations=True)


def test_imported_queue_refuses_compute_environments(stack: Any, vpc: Any) -> None:
    queue = JobQueue.from_job_queue_arn(stack, "Q", "arn:aws:batch:us-east-1:123456789012:job-queue/q1")
    assert queue.job_queue_name == "q1"
    with pytest.raises(ValidationError, match="cannot add ComputeEnvironments to imported JobQueue 'Q'"):
        queue.add_compute_environment(FargateComputeEnvironment(stack, "CE", vpc=vpc), 1)


# -- EcsJobDefinition + EcsFargateContainerDefinition ---------------------------------------------------
def test_fargate_job_definition(stack: Any) -> None:
    EcsJobDefinition(stack, "JobDefn", container=fargate_container(
        stack, command=["echo", "Ref::greeting"], environment={"B": "2", "A": "1"},
        ephemeral_storage_size=Size.gibibytes(100), fargate_cpu_architecture=CpuArchitecture.ARM64,
        fargate_operating_system_family=OperatingSystemFamily.LINUX, assign_public_ip=True,
        fargate_platform_version=FargatePlatformVersion.VERSION1_4))
    template = Template.from_stack(stack)
    template.has_resource_properties("aws_batch_job_definition", Match.object_equals({
        "name": Match.string_like_regexp("^TestStack-JobDefn-"), "type": "container",
        "platform_capabilities": ["FARGATE"],
        "container_properties": {
            "image": "public.ecr.aws/amazonlinux/amazonlinux:latest",
            "command": ["echo", "Ref::greeting"],
            "environment": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}],
            "executionRoleArn": Match.string_like_regexp(r"aws_iam_role\.Container_ExecutionRole_.*\.arn"),
            "resourceRequirements": [{"type": "MEMORY", "value": "2048"}, {"type": "VCPU", "value": "0.25"}],
            "networkConfiguration": {"assignPublicIp": "ENABLED"},
            "fargatePlatformConfiguration": {"platformVersion": "1.4.0"},
            "ephemeralStorage": {"sizeInGiB": 100},
            "runtimePlatform": {"cpuArchitecture": "ARM64", "operatingSystemFamily": "LINUX"}}}))
    template.has_resource_properties("aws_iam_role", {"assume_role_policy": {"Statement": [
        {"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}}]}})
    template.has_resource_properties("aws_iam_role_policy_attachment", {
        "policy_arn": Match.string_like_regexp(
            r"^arn:\$\{data\.aws_partition\..*\.partition\}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy$")})


def test_fargate_container_minimal_output_has_no_empties(stack: Any) -> None:
    EcsJobDefinition(stack, "JobDefn", container=fargate_container(stack))
    Template.from_stack(stack).has_resource_properties("aws_batch_job_definition", {
        "container_properties": Match.object_equals({
            "image": Match.any_value(), "executionRoleArn": Match.any_value(),
            "resourceRequirements": Match.any_value(), "networkConfiguration": {"assignPublicIp": "DISABLED"}}),
        "retry_strategy": Match.absent(), "timeout": Match.absent()})


@pytest.mark.parametrize("kwargs, message", [
    ({"ephemeral_storage_size": Size.gibibytes(300)},
     "ECS Fargate container 'Container' specifies 'ephemeralStorageSize' at 300 > 200 GB"),
    ({"ephemeral_storage_size": Size.gibibytes(20)},
     "ECS Fargate container 'Container' specifies 'ephemeralStorageSize' at 20 < 21 GB"),
    ({"ephemeral_storage_size": Size.mebibytes(30000)},
     "'30000 mebibytes' cannot be converted into a whole number of gibibytes."),
    ({"memory": Size.kibibytes(1500)}, "'1500 kibibytes' cannot be converted into a whole number of mebibytes."),
    ({"cpu": 256}, "specifies cpu 256 with memory 2048 MiB, which is not a valid Fargate combination"),
    ({"cpu": 1, "memory": Size.mebibytes(1024)}, "cpu 1 with memory 1024 MiB"),
    ({"environment": {"AWS_BATCH_JOB_ID": "x"}}, "environment variable 'AWS_BATCH_JOB_ID' uses the reserved prefix AWS_BATCH"),
    ({"readonly_root_filesystem": True,
      "fargate_operating_system_family": OperatingSystemFamily.WINDOWS_SERVER_2019_CORE},
     "Readonly root filesystem is not possible on Windows"),
])
def test_fargate_container_validation(stack: Any, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError) as error:
        fargate_container(stack, **kwargs)
    assert message in str(error.value)
    assert error.value.path == "TestStack/Container"


def test_ephemeral_storage_error_is_raised_before_anything_is_written(tmp_path: Any) -> None:
    from batch_constructs import App
    app = App(outdir=str(tmp_path / "out"))
    from cdktf import TerraformStack
    stack = TerraformStack(app, "s")
    with pytest.raises(ValidationError, match=r"^\[s/Container\] ECS Fargate container 'Container'"):
        fargate_container(stack, ephemeral_storage_size=Size.gibibytes(300))
    assert not (tmp_path / "out").exists()


# -- tags, IAM principals, Vpc -------------------------------------------------------------------------
def test_tags_reach_resource_tags(stack: Any, vpc: Any) -> None:
    ce = FargateComputeEnvironment(stack, "CE", vpc=vpc)
    Tags.of(stack).add("team", "batch")
    Tags.of(ce).add("cost-center", "42")
    template = Template.from_stack(stack)
    template.has_resource_properties("aws_batch_compute_environment", {
        "tags": {"team": "batch", "cost-center": "42"},
        "compute_resources": {"tags": Match.absent()}})
    template.has_resource_properties("aws_security_group", {"tags": {"team": "batch", "cost-center": "42"}})


def test_grant_submit_job_to_user_role_group_and_l1(stack: Any, vpc: Any) -> None:
    from batch_constructs._runtime import provider_class
    from batch_constructs.iam import Group, Role, ServicePrincipal, User
    job = EcsJobDefinition(stack, "JobDefn", container=fargate_container(stack))
    queue = JobQueue(stack, "Queue", compute_environments=[
        OrderedComputeEnvironment(FargateComputeEnvironment(stack, "CE", vpc=vpc), 1)])
    job.grant_submit_job(User(stack, "MyUser"), queue)
    job.grant_submit_job(Group(stack, "MyGroup"), queue)
    job.grant_submit_job(Role(stack, "MyRole", assumed_by=ServicePrincipal("lambda.amazonaws.com")), queue)
    job.grant_submit_job(provider_class("iam_user", "IamUser")(stack, "RawUser", name="raw"), queue)
    template = Template.from_stack(stack)
    statement = {"Statement": [{"Effect": "Allow", "Action": "batch:SubmitJob", "Resource": [
        Match.string_like_regexp(r"aws_batch_job_definition\..*\.arn_prefix\}:\*$"),
        Match.string_like_regexp(r"aws_batch_job_queue\..*\.arn\}$")]}]}
    template.resource_count_is("aws_iam_user_policy", 2)
    template.has_resource_properties("aws_iam_user_policy", {"policy": statement})
    template.has_resource_properties("aws_iam_group_policy", {"policy": statement})
    template.has_resource_properties("aws_iam_role_policy", {"policy": statement})


def test_grant_to_something_else_is_a_validation_error(stack: Any, vpc: Any) -> None:
    job = EcsJobDefinition(stack, "JobDefn", container=fargate_container(stack))
    queue = JobQueue.from_job_queue_arn(stack, "Q", "arn:aws:batch:us-east-1:1:job-queue/q")
    with pytest.raises(ValidationError, match="the grantee must be an IAM role, user or group"):
        job.grant_submit_job("someone", queue)


def test_vpc_creates_a_working_network(stack: Any) -> None:
    vpc = Vpc(stack, "VPC")
    template = Template.from_stack(stack)
    template.resource_count_is("aws_vpc", 1)
    template.resource_count_is("aws_subnet", 4)
    template.resource_count_is("aws_nat_gateway", 1)
    template.resource_count_is("aws_internet_gateway", 1)
    template.resource_count_is("aws_route", 3)
    template.resource_count_is("aws_route_table_association", 4)
    template.has_resource_properties("aws_subnet", {"map_public_ip_on_launch": True, "cidr_block": "10.0.0.0/20"})
    template.has_resource_properties("aws_subnet", {"cidr_block": "10.0.128.0/20", "availability_zone":
                                                    Match.string_like_regexp(r"element\(data\.aws_availability_zones")})
    template.has_resource_properties("aws_route", {"destination_cidr_block": "0.0.0.0/0",
                                                   "nat_gateway_id": Match.any_value()})
    assert len(vpc.private_subnet_ids) == 2 and len(vpc.public_subnet_ids) == 2


def test_grant_on_fair_share_queue_without_scheduling_priority_warns(stack: Any, vpc: Any) -> None:
    from batch_constructs import BatchConstructsWarning, FairshareSchedulingPolicy
    from batch_constructs.iam import User
    queue = JobQueue(stack, "FairQueue", scheduling_policy=FairshareSchedulingPolicy(stack, "Policy"),
                     compute_environments=[OrderedComputeEnvironment(FargateComputeEnvironment(stack, "CE", vpc=vpc), 1)])
    user = User(stack, "User")
    without = EcsJobDefinition(stack, "NoPriority", container=fargate_container(stack, "C1"))
    with pytest.warns(BatchConstructsWarning, match="JobDefinition 'NoPriority' has no scheduling_priority but is used "
                                                    "with fair-share JobQueue 'FairQueue'"):
        without.grant_submit_job(user, queue)
    import warnings
    with_priority = EcsJobDefinition(stack, "WithPriority", scheduling_priority=5,
                                     container=fargate_container(stack, "C2"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with_priority.grant_submit_job(user, queue)
