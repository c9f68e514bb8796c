"""ECS job-definition examples of the seed README: "Configuring Job Retry Policies", "Running
single-container ECS workflows" (EFS mounted with the job role), "Running an ECS workflow with
Fargate container" (here with an ECR image, CloudWatch logs and ECS Exec), "Secrets", "Pass
Parameters to a Job" and "Permissions" (``grant_submit_job`` to a user)."""
from __future__ import annotations

from batch_constructs import (Action, Device, DevicePermission, EcsEc2ContainerDefinition,
                              EcsFargateContainerDefinition, EcsJobDefinition, EcsVolume, JobQueue,
                              FargateComputeEnvironment, LinuxParameters, LogDrivers,
                              OrderedComputeEnvironment, Reason, RetentionDays, RetryStrategy, Secret, Tmpfs,
                              TmpfsMountOption, Ulimit, UlimitName)
from batch_constructs.bindings import resource_class
from batch_constructs.core import Duration, Size
from batch_constructs.ec2 import Vpc
from batch_constructs.ecs import ContainerImage, CpuArchitecture, FargatePlatformVersion
from batch_constructs.iam import PolicyStatement, Role, ServicePrincipal, User

from ._base import ExampleStack

IMAGE = "public.ecr.aws/amazonlinux/amazonlinux:latest"


def _image() -> ContainerImage:
    return ContainerImage.from_registry(IMAGE)


class RetryPoliciesStack(ExampleStack):
    """Seed "Configuring Job Retry Policies": 5 attempts, one strategy in the constructor and
    three added later (the seed's ``cpu=256`` is written as 1 vCPU)."""

    def build(self) -> None:
        job_defn = EcsJobDefinition(self, "JobDefn", container=EcsEc2ContainerDefinition(
            self, "containerDefn", image=_image(), memory=Size.mebibytes(2048), cpu=1),
            retry_attempts=5,
            retry_strategies=[RetryStrategy.of(Action.EXIT, Reason.CANNOT_PULL_CONTAINER)],
            timeout=Duration.hours(1), scheduling_priority=10, propagate_tags=True,
            skip_deregister_on_update=True)
        job_defn.add_retry_strategy(RetryStrategy.of(Action.EXIT, Reason.SPOT_INSTANCE_RECLAIMED))
        job_defn.add_retry_strategy(RetryStrategy.of(Action.RETRY, Reason.NON_ZERO_EXIT_CODE))
        job_defn.add_retry_strategy(RetryStrategy.of(Action.EXIT, Reason.custom(
            on_exit_code="40*", on_reason="some reason")))


class EfsVolumeStack(ExampleStack):
    """Seed "Running single-container ECS workflows": an EFS file system mounted with the job
    role's IAM identity (``use_job_role``, which AWS requires transit encryption for); then
    ``add_volume`` of an access-point volume and a host volume; plus Linux parameters and ulimits."""

    def build(self) -> None:
        fs = resource_class("aws_efs_file_system")(self, "FileSystem", encrypted=True)
        access_point = resource_class("aws_efs_access_point")(
            self, "AccessPoint", file_system_id=fs.id)
        # myFileSystem.grantRead(myJobRole) of the seed.
        job_role = Role(self, "JobRole", assumed_by=ServicePrincipal("ecs-tasks.amazonaws.com"))
        job_role.add_to_principal_policy(PolicyStatement(
            actions=["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"], resources=[fs.arn]))
        linux = LinuxParameters(self, "LinuxParameters", init_process_enabled=True,
                                shared_memory_size=Size.mebibytes(256), max_swap=Size.gibibytes(1), swappiness=10)
        linux.add_devices(Device(host_path="/dev/fuse", container_path="/dev/fuse",
                                 permissions=[DevicePermission.READ, DevicePermission.WRITE]))
        linux.add_tmpfs(Tmpfs(container_path="/scratch", size=Size.mebibytes(128),
                              mount_options=[TmpfsMountOption.RW, TmpfsMountOption.NOEXEC]))
        job_defn = EcsJobDefinition(self, "JobDefn", container=EcsEc2ContainerDefinition(
            self, "containerDefn", image=_image(), memory=Size.mebibytes(2048), cpu=1,
            volumes=[EcsVolume.efs(name="myVolume", file_system=fs, container_path="/Volumes/myVolume",
                                   use_job_role=True, enable_transit_encryption=True)],
            job_role=job_role, linux_parameters=linux, privileged=False, user="1000",
            ulimits=[Ulimit(name=UlimitName.NOFILE, soft_limit=1024, hard_limit=4096)]))
        job_defn.container.add_volume(EcsVolume.efs(
            name="shared", file_system=fs, container_path="/Volumes/shared", access_point_id=access_point.id,
            enable_transit_encryption=True, readonly=True))
        job_defn.container.add_volume(EcsVolume.host(name="scratch", container_path="/mnt/scratch",
                                                     host_path="/data/scratch"))


class FargateLogsStack(ExampleStack):
    """Seed "Running an ECS workflow with Fargate container", with an image of an ECR repository
    (pull granted to the execution role), the awslogs driver (a log group with one week of
    retention, written by the execution role) and ECS Exec (a job role is created)."""

    def build(self) -> None:
        repository = resource_class("aws_ecr_repository")(
            self, "Repository", name="batch-constructs-example", force_delete=True)
        EcsJobDefinition(self, "JobDefn", container=EcsFargateContainerDefinition(
            self, "myFargateContainer",
            image=ContainerImage.from_ecr_repository(repository, "v1"),
            memory=Size.mebibytes(4096), cpu=1,
            ephemeral_storage_size=Size.gibibytes(100),
            fargate_cpu_architecture=CpuArchitecture.ARM64,
            fargate_platform_version=FargatePlatformVersion.VERSION1_4,
            assign_public_ip=True,
            command=["python", "main.py"],
            environment={"STAGE": "prod", "LOG_LEVEL": "info"},
            logging=LogDrivers.aws_logs(stream_prefix="batch", retention=RetentionDays.ONE_WEEK),
            readonly_root_filesystem=True,
            enable_execute_command=True,
        ))


class SecretsStack(ExampleStack):
    """Seed "Secrets": a Secrets Manager secret as ``MY_SECRET_ENV_VAR``, one JSON field of it, an
    SSM parameter, and a Splunk token (log-driver secret option). Only ARNs reach the job
    definition; the execution role may read each. A second job definition pulls from a private
    registry with credentials in the same secret."""

    def build(self) -> None:
        secret = resource_class("aws_secretsmanager_secret")(
            self, "MySecret", name_prefix="batch-example-", recovery_window_in_days=0)
        parameter = resource_class("aws_ssm_parameter")(
            self, "MyParameter", name="/batch-constructs/example/config", type="String", value="not-a-secret")
        EcsJobDefinition(self, "JobDefn", container=EcsEc2ContainerDefinition(
            self, "containerDefn", image=_image(), memory=Size.mebibytes(2048), cpu=1,
            secrets={
                "MY_SECRET_ENV_VAR": Secret.from_secrets_manager(secret),
                "DB_PASSWORD": Secret.from_secrets_manager(secret, field="password"),
                "APP_CONFIG": Secret.from_ssm_parameter(parameter),
            },
            logging=LogDrivers.splunk(url="https://splunk.example.com:8088",
                                      secret_token=Secret.from_secrets_manager(secret, field="splunkToken")),
        ))
        # A private registry: its credentials secret becomes repositoryCredentials (read granted).
        EcsJobDefinition(self, "PrivateImageJobDefn", container=EcsEc2ContainerDefinition(
            self, "privateImage", image=ContainerImage.from_registry("registry.example.com/team/app:1",
                                                                     credentials=secret),
            memory=Size.mebibytes(1024), cpu=1))


class ParametersStack(ExampleStack):
    """Seed "Pass Parameters to a Job": ``Ref::echoParam`` in the command; a literal ``${HOME}``
    in a shell command shows that Terraform template syntax is escaped."""

    def build(self) -> None:
        EcsJobDefinition(self, "JobDefn", parameters={"echoParam": "foobar", "count": 3},
                         container=EcsEc2ContainerDefinition(
                             self, "containerDefn", image=_image(), memory=Size.mebibytes(2048), cpu=1,
                             command=["echo", "Ref::echoParam"],
                             environment={"GREETING": "hello ${USER}"}))
        EcsJobDefinition(self, "ShellJobDefn", container=EcsEc2ContainerDefinition(
            self, "shellContainer", image=_image(), memory=Size.mebibytes(512), cpu=1,
            command=["sh", "-c", "echo ${HOME} Ref::count %{literal}"]),
            parameters={"count": "1"})


class PermissionsStack(ExampleStack):
    """Seed "Permissions": ``grant_submit_job(user, queue)`` gives ``batch:SubmitJob`` on every
    revision of the job definition and on the queue. (The seed's queue uses a managed EC2
    environment; a Fargate one with a Fargate container keeps this example independent of the
    EC2 environment's examples, and the grant is the same.)"""

    def build(self) -> None:
        vpc = Vpc(self, "VPC")
        ecs_job = EcsJobDefinition(self, "JobDefn", container=EcsFargateContainerDefinition(
            self, "containerDefn", image=_image(), memory=Size.mebibytes(2048), cpu=1))
        queue = JobQueue(self, "JobQueue", priority=10, compute_environments=[OrderedComputeEnvironment(
            FargateComputeEnvironment(self, "fargateCE", vpc=vpc), 1)])
        user = User(self, "MyUser")
        ecs_job.grant_submit_job(user, queue)


STACKS = {
    "ecs-retry-policies": RetryPoliciesStack,
    "ecs-efs-volume": EfsVolumeStack,
    "ecs-fargate-logs": FargateLogsStack,
    "ecs-secrets": SecretsStack,
    "ecs-parameters": ParametersStack,
    "ecs-permissions": PermissionsStack,
}
