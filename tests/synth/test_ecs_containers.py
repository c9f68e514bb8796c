"""ECS container definitions (EC2 and Fargate): rendering of ``container_properties``, volumes,
Linux parameters and ulimits, and every container validation with its message."""
from __future__ import annotations

import json
import warnings
from typing import Any

import pytest

from batch_constructs import (BatchConstructsWarning, Device, DevicePermission, EcsFargateContainerDefinition,
                              EcsJobDefinition, EcsVolume, EfsVolume, HostVolume, LinuxParameters, Secret, Tmpfs,
                              TmpfsMountOption, Ulimit, UlimitName, ValidationError)
from batch_constructs._runtime import provider_class
from batch_constructs.core import Size
from batch_constructs.ecs import CpuArchitecture, FargatePlatformVersion, OperatingSystemFamily
from batch_constructs.iam import Role, ServicePrincipal
from batch_constructs.testing import Match, Template
from batch_constructs.testing.match import match_value

from ._helpers import IMAGE, _message, ec2, image, job_definition


def fargate(stack: Any, id: str = "Container", **kwargs: Any) -> EcsFargateContainerDefinition:
    kwargs.setdefault("cpu", 0.25)
    kwargs.setdefault("memory", Size.mebibytes(512))
    return EcsFargateContainerDefinition(stack, id, image=kwargs.pop("image", image()), **kwargs)


def props_of(stack: Any) -> dict[str, Any]:
    return job_definition(Template.from_stack(stack))["container_properties"]


def raw_props(stack: Any) -> str:
    """The JSON string exactly as written to cdk.tf.json."""
    from cdktf import Testing

    from batch_constructs._base import finalize_tree
    finalize_tree(stack)
    synth = json.loads(Testing.synth(stack))
    (jd,) = synth["resource"]["aws_batch_job_definition"].values()
    return jd["container_properties"]


# -- rendering ---------------------------------------------------------------------------------

def test_full_ec2_container_properties(stack: Any) -> None:
    fs = provider_class("efs_file_system", "EfsFileSystem")(stack, "FS")
    secret = provider_class("secretsmanager_secret", "SecretsmanagerSecret")(stack, "Secret")
    job_role = Role(stack, "JobRole", assumed_by=ServicePrincipal("ecs-tasks.amazonaws.com"))
    linux = LinuxParameters(stack, "Linux", init_process_enabled=True, shared_memory_size=Size.mebibytes(256),
                            max_swap=Size.gibibytes(1), swappiness=30)
    linux.add_devices(Device(host_path="/dev/fuse", container_path="/dev/fuse",
                             permissions=[DevicePermission.READ, DevicePermission.MKNOD]))
    linux.add_tmpfs(Tmpfs(container_path="/scratch", size=Size.mebibytes(64),
                          mount_options=[TmpfsMountOption.RW, TmpfsMountOption.NR_INODES]))
    container = ec2(stack, cpu=2, memory=Size.gibibytes(4), gpu=1, privileged=True, user="1000",
                    readonly_root_filesystem=True, command=["echo", "Ref::p"],
                    environment={"ZED": "z", "ALPHA": "a"},
                    secrets={"TOKEN": Secret.from_secrets_manager(secret)},
                    job_role=job_role, linux_parameters=linux,
                    volumes=[EcsVolume.efs(name="data", container_path="/data", file_system=fs,
                                           use_job_role=True, enable_transit_encryption=True,
                                           transit_encryption_port=2049, readonly=True)],
                    ulimits=[Ulimit(name=UlimitName.NOFILE, soft_limit=1024, hard_limit=4096)],
                    enable_execute_command=False)
    container.add_volume(EcsVolume.host(name="scratch", container_path="/mnt", host_path="/data/scratch"))
    container.add_ulimit(Ulimit(name=UlimitName.NPROC, soft_limit=10, hard_limit=20))
    EcsJobDefinition(stack, "JobDefn", container=container)
    props = props_of(stack)
    assert not match_value(Match.exact({
        "image": IMAGE,
        "command": ["echo", "Ref::p"],
        "environment": [{"name": "ALPHA", "value": "a"}, {"name": "ZED", "value": "z"}],
        "executionRoleArn": Match.string_like_regexp(r"^\$\{aws_iam_role\.Container_ExecutionRole_\w+\.arn\}$"),
        "jobRoleArn": Match.string_like_regexp(r"^\$\{aws_iam_role\.JobRole_\w+\.arn\}$"),
        "resourceRequirements": [{"type": "MEMORY", "value": "4096"}, {"type": "VCPU", "value": "2"},
                                 {"type": "GPU", "value": "1"}],
        "secrets": [{"name": "TOKEN", "valueFrom": "${aws_secretsmanager_secret.Secret.arn}"}],
        "linuxParameters": {
            "initProcessEnabled": True, "sharedMemorySize": 256, "maxSwap": 1024, "swappiness": 30,
            "devices": [{"hostPath": "/dev/fuse", "containerPath": "/dev/fuse", "permissions": ["READ", "MKNOD"]}],
            "tmpfs": [{"containerPath": "/scratch", "size": 64, "mountOptions": ["rw", "nr_inodes"]}]},
        "volumes": [
            {"name": "data", "efsVolumeConfiguration": {
                "fileSystemId": "${aws_efs_file_system.FS.id}", "transitEncryption": "ENABLED",
                "transitEncryptionPort": 2049, "authorizationConfig": {"iam": "ENABLED"}}},
            {"name": "scratch", "host": {"sourcePath": "/data/scratch"}}],
        "mountPoints": [{"sourceVolume": "data", "containerPath": "/data", "readOnly": True},
                        {"sourceVolume": "scratch", "containerPath": "/mnt"}],
        "ulimits": [{"name": "nofile", "softLimit": 1024, "hardLimit": 4096},
                    {"name": "nproc", "softLimit": 10, "hardLimit": 20}],
        "privileged": True,
        "readonlyRootFilesystem": True,
        "user": "1000",
        "enableExecuteCommand": False,
    }), props)


def test_container_properties_are_canonical_json(stack: Any) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        EcsJobDefinition(stack, "JobDefn", container=ec2(stack, environment={"B": "2", "A": "1", "EMPTY": ""}))
    text = raw_props(stack)
    # compact, sorted keys, environment sorted by name, empty values dropped
    assert text == json.dumps(json.loads(text), sort_keys=True, separators=(",", ":"))
    assert json.loads(text)["environment"] == [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}]


def test_empty_environment_value_warns(stack: Any) -> None:
    with pytest.warns(BatchConstructsWarning, match="environment variable 'EMPTY' has an empty value and will be "
                                                    "ignored by AWS Batch"):
        ec2(stack, environment={"EMPTY": ""})


def test_template_syntax_is_escaped_and_tokens_resolve(stack: Any) -> None:
    bucket = provider_class("s3_bucket", "S3Bucket")(stack, "Bucket")
    container = ec2(stack, command=["sh", "-c", "echo ${HOME} %{x}", f"s3://{bucket.bucket}/${{KEY}}"],
                    environment={"TPL": "${literal}"})
    EcsJobDefinition(stack, "JobDefn", container=container, parameters={"p": "${not_a_ref}"})
    text = raw_props(stack)
    assert '"echo $${HOME} %%{x}"' in text
    assert '"s3://${aws_s3_bucket.Bucket.bucket}/$${KEY}"' in text
    assert '"value":"$${literal}"' in text
    assert "TfToken" not in text
    jd = job_definition(Template.from_stack(stack))
    assert jd["parameters"] == {"p": "$${not_a_ref}"}


def test_gpu_zero_is_dropped_and_fractional_cpu(stack: Any) -> None:
    EcsJobDefinition(stack, "JobDefn", container=ec2(stack, cpu=1.5, gpu=0))
    assert props_of(stack)["resourceRequirements"] == [{"type": "MEMORY", "value": "2048"},
                                                       {"type": "VCPU", "value": "1.5"}]


def test_fargate_container_properties(stack: Any) -> None:
    EcsJobDefinition(stack, "JobDefn", container=fargate(
        stack, cpu=1, memory=Size.gibibytes(2), assign_public_ip=True,
        fargate_platform_version=FargatePlatformVersion.VERSION1_4, ephemeral_storage_size=Size.gibibytes(21),
        fargate_cpu_architecture=CpuArchitecture.X86_64, readonly_root_filesystem=False))
    template = Template.from_stack(stack)
    jd = job_definition(template)
    assert jd["platform_capabilities"] == ["FARGATE"]
    props = jd["container_properties"]
    assert props["networkConfiguration"] == {"assignPublicIp": "ENABLED"}
    assert props["fargatePlatformConfiguration"] == {"platformVersion": "1.4.0"}
    assert props["ephemeralStorage"] == {"sizeInGiB": 21}
    assert props["runtimePlatform"] == {"cpuArchitecture": "X86_64"}
    assert props["readonlyRootFilesystem"] is False
    assert "ulimits" not in props and "privileged" not in props


def test_fargate_latest_platform_and_windows(stack: Any) -> None:
    EcsJobDefinition(stack, "JobDefn", container=fargate(
        stack, fargate_platform_version=FargatePlatformVersion.LATEST, cpu=1, memory=Size.mebibytes(2048),
        fargate_operating_system_family=OperatingSystemFamily.WINDOWS_SERVER_2019_CORE,
        readonly_root_filesystem=False))
    props = props_of(stack)
    assert "fargatePlatformConfiguration" not in props
    assert "readonlyRootFilesystem" not in props
    assert props["runtimePlatform"] == {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE"}


# -- volumes, Linux parameters and ulimits ---------------------------------------------------------

def test_efs_volume_rendering_variants(stack: Any) -> None:
    fs = provider_class("efs_file_system", "EfsFileSystem")(stack, "FS")
    container = ec2(stack, volumes=[
        EcsVolume.efs(name="plain", container_path="/a", file_system="fs-123"),
        EcsVolume.efs(name="off", container_path="/b", file_system=fs, enable_transit_encryption=False,
                      use_job_role=False, root_directory="/sub"),
        EcsVolume.efs(name="ap", container_path="/c", file_system=fs, enable_transit_encryption=True,
                      access_point_id="fsap-1", root_directory="/"),
        EcsVolume.host(name="h", container_path="/d"),
    ])
    EcsJobDefinition(stack, "JobDefn", container=container)
    props = props_of(stack)
    assert props["volumes"] == [
        {"name": "plain", "efsVolumeConfiguration": {"fileSystemId": "fs-123"}},
        {"name": "off", "efsVolumeConfiguration": {"fileSystemId": "${aws_efs_file_system.FS.id}",
                                                   "rootDirectory": "/sub", "transitEncryption": "DISABLED"}},
        {"name": "ap", "efsVolumeConfiguration": {"fileSystemId": "${aws_efs_file_system.FS.id}",
                                                  "rootDirectory": "/", "transitEncryption": "ENABLED",
                                                  "authorizationConfig": {"accessPointId": "fsap-1"}}},
        {"name": "h"}]
    assert EfsVolume.is_efs_volume(container.volumes[0]) and HostVolume.is_host_volume(container.volumes[3])
    assert not EfsVolume.is_efs_volume(container.volumes[3])


def test_linux_parameters_empty_and_swappiness_without_swap(stack: Any) -> None:
    empty = LinuxParameters(stack, "Empty")
    assert empty.render_linux_parameters() == {}
    with pytest.warns(BatchConstructsWarning, match="swappiness is ignored unless max_swap is set"):
        only_swappiness = LinuxParameters(stack, "NoSwap", swappiness=20)
    assert only_swappiness.render_linux_parameters() == {}
    EcsJobDefinition(stack, "JobDefn", container=ec2(stack, linux_parameters=empty))
    assert "linuxParameters" not in props_of(stack)


def test_lazy_additions_after_construction_appear(stack: Any) -> None:
    linux = LinuxParameters(stack, "Linux")
    container = ec2(stack, linux_parameters=linux)
    EcsJobDefinition(stack, "JobDefn", container=container)
    linux.add_devices(Device(host_path="/dev/xvdc"))
    container.add_volume(EcsVolume.host(name="late", container_path="/late", host_path="/late"))
    container.add_ulimit(Ulimit(name=UlimitName.CORE, soft_limit=0, hard_limit=0))
    props = props_of(stack)
    assert props["linuxParameters"] == {"devices": [{"hostPath": "/dev/xvdc"}]}
    assert props["volumes"] == [{"name": "late", "host": {"sourcePath": "/late"}}]
    assert props["ulimits"] == [{"name": "core", "softLimit": 0, "hardLimit": 0}]


# -- validations ---------------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs, message", [
    (dict(fargate_operating_system_family=OperatingSystemFamily.WINDOWS_SERVER_2019_CORE,
          readonly_root_filesystem=True),
     "Readonly root filesystem is not possible on Windows; write access is required for registry & system "
     "processes to run inside the container"),
    (dict(ephemeral_storage_size=Size.gibibytes(201)),
     "ECS Fargate container 'Container' specifies 'ephemeralStorageSize' at 201 > 200 GB"),
    (dict(ephemeral_storage_size=Size.gibibytes(20)),
     "ECS Fargate container 'Container' specifies 'ephemeralStorageSize' at 20 < 21 GB"),
    (dict(ephemeral_storage_size=Size.mebibytes(30000)),
     "'30000 mebibytes' cannot be converted into a whole number of gibibytes."),
    (dict(cpu=0.25, memory=Size.mebibytes(4096)),
     "ECS Fargate container 'Container' specifies cpu 0.25 with memory 4096 MiB, which is not a valid Fargate "
     "combination"),
    (dict(cpu=3, memory=Size.mebibytes(8192)),
     "ECS Fargate container 'Container' specifies cpu 3 with memory 8192 MiB, which is not a valid Fargate "
     "combination"),
    (dict(cpu=8, memory=Size.mebibytes(18432)),
     "ECS Fargate container 'Container' specifies cpu 8 with memory 18432 MiB, which is not a valid Fargate "
     "combination"),
    (dict(gpu=1), "EcsFargateContainerDefinition 'Container' does not take 'gpu': Fargate does not support it"),
    (dict(privileged=True),
     "EcsFargateContainerDefinition 'Container' does not take 'privileged': Fargate does not support it"),
])
def test_fargate_validations(stack: Any, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        fargate(stack, **kwargs)
    assert _message(excinfo) == message
    assert excinfo.value.path == "TestStack/Container"


@pytest.mark.parametrize("cpu, mib", [(0.25, 512), (0.5, 4096), (1, 8192), (2, 4096), (4, 30720), (8, 61440),
                                      (16, 122880), (16, 32768)])
def test_valid_fargate_pairs(stack: Any, cpu: float, mib: int) -> None:
    fargate(stack, cpu=cpu, memory=Size.mebibytes(mib))


@pytest.mark.parametrize("kwargs, message", [
    (dict(memory=Size.kibibytes(1500)), "'1500 kibibytes' cannot be converted into a whole number of mebibytes."),
    (dict(environment={"AWS_BATCH_JOB_ID": "x"}),
     "environment variable 'AWS_BATCH_JOB_ID' uses the reserved prefix AWS_BATCH"),
    (dict(secrets={"AWS_BATCHY": Secret.from_ssm_parameter("/p")}),
     "environment variable 'AWS_BATCHY' uses the reserved prefix AWS_BATCH"),
    (dict(environment={"N": 1}), "'environment['N']' must be a string, got 1 (int)"),
    (dict(secrets={"S": "arn:aws:secretsmanager:us-east-1:1:secret:x"}),
     "'secrets['S']' must be a Secret (Secret.from_secrets_manager(...) or Secret.from_ssm_parameter(...)), got "
     "'arn:aws:secretsmanager:us-east-1:1:secret:x' (str)"),
    (dict(environment={"X": "1"}, secrets={"X": Secret.from_ssm_parameter("/p")}),
     "'X' is both an environment variable and a secret"),
    (dict(volumes=["not a volume"]), "unsupported Volume encountered"),
    (dict(cpu=0), "'cpu' must be a number of at least 1, got 0 (int)"),
    (dict(cpu=0.5), "'cpu' must be a number of at least 1, got 0.5 (float)"),
    (dict(gpu=-1), "'gpu' must be a whole number from 0 to 2147483647, got -1 (int)"),
    (dict(command="echo hi"), "'command' must be a list of strings, got 'echo hi' (str); wrap a single value in a "
                              "list: ['echo hi']"),
    (dict(logging="awslogs"), "'logging' must be a LogDriver (LogDrivers.aws_logs(...), ...), got 'awslogs' (str)"),
    (dict(linux_parameters={"initProcessEnabled": True}),
     "'linux_parameters' must be a LinuxParameters construct, got {'initProcessEnabled': True} (dict)"),
])
def test_container_validations(stack: Any, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        ec2(stack, **kwargs)
    assert _message(excinfo) == message


def test_add_volume_refuses_unsupported_volumes(stack: Any) -> None:
    container = ec2(stack)
    with pytest.raises(ValidationError) as excinfo:
        container.add_volume(object())  # type: ignore[arg-type]
    assert _message(excinfo) == "unsupported Volume encountered"


def test_duplicate_volume_names_and_ulimits_fail_at_synth(stack: Any) -> None:
    container = ec2(stack, ulimits=[Ulimit(name=UlimitName.NOFILE, soft_limit=1, hard_limit=1)])
    container.add_volume(EcsVolume.host(name="v", container_path="/a"))
    container.add_volume(EcsVolume.host(name="v", container_path="/b"))
    container.add_ulimit(Ulimit(name=UlimitName.NOFILE, soft_limit=2, hard_limit=2))
    EcsJobDefinition(stack, "JobDefn", container=container)
    with pytest.raises(ValidationError) as excinfo:
        Template.from_stack(stack)
    assert [m for _, m in excinfo.value.problems] == [
        "container 'Container' has several volumes named v",
        "container 'Container' sets ulimit nofile more than once"]


@pytest.mark.parametrize("kwargs, message", [
    (dict(file_system=object()), "'fileSystem' instance should implement IFileSystem, but doesn't: object"),
    (dict(file_system="fs-1", access_point_id="fsap-1"),
     "EFS volume 'v': access_point_id requires enable_transit_encryption=True"),
    (dict(file_system="fs-1", access_point_id="fsap-1", enable_transit_encryption=True, root_directory="/x"),
     "EFS volume 'v': access_point_id requires root_directory to be unset or '/'"),
    (dict(file_system="fs-1", use_job_role=True),
     "EFS volume 'v': use_job_role=True requires enable_transit_encryption=True"),
    (dict(file_system="fs-1", transit_encryption_port=70000),
     "'transit_encryption_port' must be a whole number from 0 to 65535, got 70000 (int)"),
])
def test_efs_volume_validations(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        EcsVolume.efs(name="v", container_path="/v", **kwargs)
    assert _message(excinfo) == message


@pytest.mark.parametrize("kwargs, message", [
    (dict(swappiness=101), "swappiness: Must be an integer between 0 and 100; received 101."),
    (dict(swappiness=-1), "swappiness: Must be an integer between 0 and 100; received -1."),
    (dict(swappiness=1.5, max_swap=Size.mebibytes(1)), "swappiness: Must be an integer between 0 and 100; "
                                                       "received 1.5."),
    (dict(max_swap=Size.kibibytes(1025)), "'1025 kibibytes' cannot be converted into a whole number of mebibytes."),
    (dict(shared_memory_size=Size.bytes(100)), "'100 bytes' cannot be converted into a whole number of mebibytes."),
])
def test_linux_parameters_validations(stack: Any, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        LinuxParameters(stack, "Linux", **kwargs)
    assert _message(excinfo) == message


def test_tmpfs_and_ulimit_validations() -> None:
    with pytest.raises(ValidationError) as excinfo:
        Tmpfs(container_path="/t", size=Size.kibibytes(10))
    assert _message(excinfo) == "'10 kibibytes' cannot be converted into a whole number of mebibytes."
    with pytest.raises(ValidationError) as excinfo:
        Ulimit(name=UlimitName.NOFILE, soft_limit=10, hard_limit=5)
    assert _message(excinfo) == "Ulimit 'nofile': soft_limit 10 is above hard_limit 5"
    with pytest.raises(ValidationError) as excinfo:
        Ulimit(name=UlimitName.NOFILE, soft_limit=1.5, hard_limit=5)  # type: ignore[arg-type]
    assert _message(excinfo) == "'soft_limit' must be a whole number, got 1.5 (float); AWS takes integers here"


def test_fargate_refuses_ec2_only_linux_parameters_and_host_paths_at_synth(stack: Any) -> None:
    linux = LinuxParameters(stack, "Linux", init_process_enabled=True)
    container = fargate(stack, linux_parameters=linux, volumes=[EcsVolume.host(name="tmp", container_path="/tmp")])
    EcsJobDefinition(stack, "JobDefn", container=container)
    assert props_of(stack)["linuxParameters"] == {"initProcessEnabled": True}  # allowed on Fargate
    linux.add_tmpfs(Tmpfs(container_path="/t", size=Size.mebibytes(1)))
    linux.add_devices(Device(host_path="/dev/fuse"))
    container.add_volume(EcsVolume.host(name="data", container_path="/data", host_path="/data"))
    with pytest.raises(ValidationError) as excinfo:
        Template.from_stack(stack)
    assert [m for _, m in excinfo.value.problems] == [
        "ECS Fargate container 'Container' sets linux parameters devices, tmpfs; AWS Batch allows only "
        "init_process_enabled on Fargate",
        "ECS Fargate container 'Container' mounts host path '/data' (volume 'data'); Fargate supports host volumes "
        "only without host_path"]


def test_cpu_from_a_terraform_variable(stack: Any) -> None:
    from cdktf import TerraformVariable
    cpu = TerraformVariable(stack, "cpu", type="number", default=2)
    EcsJobDefinition(stack, "A", container=ec2(stack, "CA", cpu=cpu.number_value))
    EcsJobDefinition(stack, "B", container=fargate(stack, "CB", cpu=cpu.number_value))  # pair check skipped
    values = {jd["container_properties"]["resourceRequirements"][1]["value"]
              for jd in Template.from_stack(stack).find_resources("aws_batch_job_definition").values()}
    assert values == {"${var.cpu}"}
