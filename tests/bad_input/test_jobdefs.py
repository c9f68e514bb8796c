"""Bad-input rows for job definitions and containers (ECS EC2/Fargate, EKS, multi-node) and their
value objects (volumes, Linux parameters, ulimits, secrets, log drivers, retry strategies, images).

Each row makes one mistake and expects a ValidationError naming the construct path (``None`` for
value objects built outside a construct), the keyword and the value given. The positive tests at
the end are valid inputs that must keep working.
"""
from __future__ import annotations

from typing import Any

from batch_constructs import (Action, Device, DevicePermission, EcsEc2ContainerDefinition,
                              EcsFargateContainerDefinition, EcsJobDefinition, EcsVolume, EfsVolumeOptions,
                              EksContainerDefinition, EksJobDefinition, EksVolume, LinuxParameters, LogDrivers,
                              MultiNodeContainer, MultiNodeJobDefinition, Reason, RetryStrategy, Secret,
                              SecretVersionInfo, Tmpfs, Ulimit, UlimitName)
from batch_constructs.core import Duration, Size
from batch_constructs.ecs import ContainerImage, CpuArchitecture, OperatingSystemFamily

from ._table import Bad, params, run

C, J, L = "TestStack/Container", "TestStack/JobDef", "TestStack/Linux"
NAN, INF = float("nan"), float("inf")
SM_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:s"


def img() -> ContainerImage:
    return ContainerImage.from_registry("public.ecr.aws/amazonlinux/amazonlinux:latest")


def ec2(s: Any, **kw: Any) -> EcsEc2ContainerDefinition:
    kw.setdefault("cpu", 1)
    kw.setdefault("memory", Size.mebibytes(2048))
    return EcsEc2ContainerDefinition(s, "Container", image=kw.pop("image", img()), **kw)


def fg(s: Any, **kw: Any) -> EcsFargateContainerDefinition:
    kw.setdefault("cpu", 0.25)
    kw.setdefault("memory", Size.mebibytes(512))
    return EcsFargateContainerDefinition(s, "Container", image=kw.pop("image", img()), **kw)


def win(s: Any, **kw: Any) -> EcsFargateContainerDefinition:
    kw.setdefault("cpu", 1)
    kw.setdefault("memory", Size.mebibytes(2048))
    return fg(s, fargate_operating_system_family=OperatingSystemFamily.WINDOWS_SERVER_2022_CORE, **kw)


def ecs_jd(s: Any, **kw: Any) -> EcsJobDefinition:
    return EcsJobDefinition(s, "JobDef", container=kw.pop("container", None) or ec2(s), **kw)


def eks(s: Any, **kw: Any) -> EksContainerDefinition:
    kw.setdefault("cpu_limit", 1)
    kw.setdefault("memory_limit", Size.mebibytes(1024))
    return EksContainerDefinition(s, "Container", image=kw.pop("image", img()), **kw)


def eks_jd(s: Any, **kw: Any) -> EksJobDefinition:
    return EksJobDefinition(s, "JobDef", container=eks(s), **kw)


def node(s: Any, start: Any = 0, end: Any = 0) -> MultiNodeContainer:
    return MultiNodeContainer(container=ec2(s), start_node=start, end_node=end)


def mn(s: Any, **kw: Any) -> MultiNodeJobDefinition:
    return MultiNodeJobDefinition(s, "JobDef", **kw)


def lp(s: Any, **kw: Any) -> LinuxParameters:
    return LinuxParameters(s, "Linux", **kw)


def strategy() -> RetryStrategy:
    return RetryStrategy.of(Action.RETRY, Reason.NON_ZERO_EXIT_CODE)


def add_volumes(container: Any, *volumes: Any) -> None:
    for volume in volumes:
        container.add_volume(volume)
    EcsJobDefinition(container.node.scope, "JobDef", container=container)


JOB_DEFINITION = [
    Bad("jd-name-int", lambda s, v: ecs_jd(s, job_definition_name=5), J, r"'job_definition_name' must be a string, got 5 \(int\)"),
    Bad("jd-name-pattern", lambda s, v: ecs_jd(s, job_definition_name="a b"), J, r"'job_definition_name' value 'a b' must be 1-128"),
    Bad("jd-parameters-list", lambda s, v: ecs_jd(s, parameters=["a"]), J, r"'parameters' must be a dict of parameter names to strings, got \['a'\] \(list\)"),
    Bad("jd-parameters-nan", lambda s, v: ecs_jd(s, parameters={"p": NAN}), J, r"'parameters\['p'\]' must be a finite number, got nan"),
    Bad("jd-parameters-dict-value", lambda s, v: ecs_jd(s, parameters={"p": {"a": 1}}), J, r"'parameters\['p'\]' must be a string, got \{'a': 1\} \(dict\)"),
    Bad("jd-parameters-int-key", lambda s, v: ecs_jd(s, parameters={1: "a"}), J, r"'parameters key' must be a string, got 1 \(int\)"),
    Bad("jd-parameters-empty-key", lambda s, v: ecs_jd(s, parameters={"": "a"}), J, r"'parameters key' must be a string of at least 1 characters, got ''"),
    Bad("jd-retry-attempts-str", lambda s, v: ecs_jd(s, retry_attempts="3"), J, r"'retry_attempts' must be a whole number, got '3' \(str\)"),
    Bad("jd-retry-attempts-bool", lambda s, v: ecs_jd(s, retry_attempts=True), J, r"'retry_attempts' must be a whole number, got True \(bool\)"),
    Bad("jd-retry-attempts-fraction", lambda s, v: ecs_jd(s, retry_attempts=2.5), J, r"'retry_attempts' must be a whole number, got 2.5 \(float\)"),
    Bad("jd-retry-attempts-nan", lambda s, v: ecs_jd(s, retry_attempts=NAN), J, r"'retry_attempts' must be a whole number, got nan"),
    Bad("jd-retry-attempts-zero", lambda s, v: ecs_jd(s, retry_attempts=0), J, r"'retry_attempts' = 0; it must be between 1 and 10"),
    Bad("jd-retry-attempts-huge", lambda s, v: ecs_jd(s, retry_attempts=2 ** 40), J, r"'retry_attempts' must be a whole number of at most 2147483647, got 1099511627776"),
    Bad("jd-retry-strategies-single", lambda s, v: ecs_jd(s, retry_attempts=2, retry_strategies=strategy()), J, r"'retry_strategies' must be a list of RetryStrategy, got <batch_constructs"),
    Bad("jd-retry-strategies-entry", lambda s, v: ecs_jd(s, retry_attempts=2, retry_strategies=["RETRY"]), J, r"'retry_strategies\[0\]' must be a RetryStrategy .*got 'RETRY' \(str\)"),
    Bad("jd-add-retry-strategy-reason", lambda s, v: ecs_jd(s, retry_attempts=2).add_retry_strategy(Reason.NON_ZERO_EXIT_CODE), J, r"'strategy' must be a RetryStrategy .*got <batch_constructs"),
    Bad("jd-strategies-without-attempts", lambda s, v: ecs_jd(s, retry_strategies=[strategy()]), J, r"has retry strategies but no 'retry_attempts'"),
    Bad("jd-strategies-added-without-attempts", lambda s, v: ecs_jd(s).add_retry_strategy(strategy()), J, r"has retry strategies but no 'retry_attempts'"),
    Bad("jd-six-strategies", lambda s, v: ecs_jd(s, retry_attempts=1, retry_strategies=[strategy()] * 6), J, r"has 6 retry strategies; at most 5"),
    Bad("jd-priority-float", lambda s, v: ecs_jd(s, scheduling_priority=1.5), J, r"'scheduling_priority' must be a whole number, got 1.5 \(float\)"),
    Bad("jd-priority-str", lambda s, v: ecs_jd(s, scheduling_priority="1"), J, r"'scheduling_priority' must be a whole number, got '1' \(str\)"),
    Bad("jd-priority-range", lambda s, v: ecs_jd(s, scheduling_priority=10000), J, r"'scheduling_priority' = 10000; it must be between 0 and 9999"),
    Bad("jd-priority-inf", lambda s, v: ecs_jd(s, scheduling_priority=INF), J, r"'scheduling_priority' must be a whole number, got inf"),
    Bad("jd-timeout-number", lambda s, v: ecs_jd(s, timeout=600), J, r"'timeout' must be a Duration, got 600 \(int\); use Duration.seconds"),
    Bad("jd-timeout-str", lambda s, v: ecs_jd(s, timeout="10m"), J, r"'timeout' must be a Duration, got '10m' \(str\)"),
    Bad("jd-timeout-short", lambda s, v: ecs_jd(s, timeout=Duration.seconds(30)), J, r"'timeout' = 30 seconds; it must be at least 60"),
    Bad("jd-timeout-lossy", lambda s, v: ecs_jd(s, timeout=Duration.millis(60500)), J, r"'60500 millis' cannot be converted into a whole number of seconds"),
    Bad("jd-timeout-int32", lambda s, v: ecs_jd(s, timeout=Duration.days(30000)), J, r"'timeout in seconds' must be a whole number of at most 2147483647, got 2592000000"),
    Bad("jd-timeout-token-minutes", lambda s, v: ecs_jd(s, timeout=Duration.minutes(-1.888e289)), J, r"Duration must be specified as 'Duration.seconds\(\)'"),
    Bad("jd-skip-deregister-str", lambda s, v: ecs_jd(s, skip_deregister_on_update="yes"), J, r"'skip_deregister_on_update' must be True or False, got 'yes' \(str\)"),
    Bad("ecs-jd-container-str", lambda s, v: EcsJobDefinition(s, "JobDef", container="c"), J, r"'container' must be an EcsEc2ContainerDefinition or EcsFargateContainerDefinition, got 'c' \(str\)"),
    Bad("ecs-jd-container-eks", lambda s, v: EcsJobDefinition(s, "JobDef", container=eks(s)), J, r"'container' must be an EcsEc2ContainerDefinition .*got <batch_constructs"),
    Bad("ecs-jd-propagate-tags-int", lambda s, v: ecs_jd(s, propagate_tags=1), J, r"'propagate_tags' must be True or False, got 1 \(int\)"),
    Bad("reason-custom-empty", lambda s, v: Reason.custom(), None, r"Reason.custom\(\) requires at least one of"),
    Bad("reason-custom-int", lambda s, v: Reason.custom(on_exit_code=1), None, r"'on_exit_code' must be a string, got 1 \(int\)"),
    Bad("reason-custom-glob", lambda s, v: Reason.custom(on_reason="a*b"), None, r"'on_reason' value 'a\*b' is not a valid glob"),
    Bad("reason-custom-long", lambda s, v: Reason.custom(on_status_reason="x" * 513), None, r"'on_status_reason' value 'x+' is not a valid glob"),
    Bad("retry-strategy-action", lambda s, v: RetryStrategy.of("RESTART", Reason.NON_ZERO_EXIT_CODE), None, r"'action' must be one of Action.EXIT, Action.RETRY, got 'RESTART' \(str\)"),
    Bad("retry-strategy-on", lambda s, v: RetryStrategy.of(Action.EXIT, "*"), None, r"'on' must be a Reason .*got '\*' \(str\)"),
    Bad("retry-strategy-no-reason", lambda s, v: RetryStrategy(Action.EXIT, None), None, r"'on' is required"),
]

ECS_CONTAINER = [
    Bad("ecs-image-str", lambda s, v: ec2(s, image="amazonlinux"), C, r"'image' must be a ContainerImage .*got 'amazonlinux' \(str\)"),
    Bad("ecs-image-none", lambda s, v: ec2(s, image=None), C, r"'image' is required"),
    Bad("ecs-cpu-str", lambda s, v: ec2(s, cpu="1"), C, r"'cpu' must be a finite number, got '1' \(str\)"),
    Bad("ecs-cpu-bool", lambda s, v: ec2(s, cpu=True), C, r"'cpu' must be a finite number, got True \(bool\)"),
    Bad("ecs-cpu-nan", lambda s, v: ec2(s, cpu=NAN), C, r"'cpu' must be a finite number, got nan"),
    Bad("ecs-cpu-inf", lambda s, v: ec2(s, cpu=INF), C, r"'cpu' must be a finite number, got inf"),
    Bad("ecs-ec2-cpu-below-one", lambda s, v: ec2(s, cpu=0.5), C, r"'cpu' must be a number of at least 1, got 0.5 \(float\)"),
    Bad("ecs-ec2-cpu-negative", lambda s, v: ec2(s, cpu=-2), C, r"'cpu' must be a number of at least 1, got -2 \(int\)"),
    Bad("ecs-memory-number", lambda s, v: ec2(s, memory=2048), C, r"'memory' must be a Size, got 2048 \(int\); use Size.mebibytes"),
    Bad("ecs-memory-none", lambda s, v: ec2(s, memory=None), C, r"'memory' is required"),
    Bad("ecs-memory-lossy", lambda s, v: ec2(s, memory=Size.kibibytes(1500)), C, r"'1500 kibibytes' cannot be converted into a whole number of mebibytes"),
    Bad("ecs-ec2-memory-below-4", lambda s, v: ec2(s, memory=Size.mebibytes(3)), C, r"'memory \(MiB\)' must be a whole number from 4 to 2147483647, got 3"),
    Bad("ecs-memory-int32", lambda s, v: ec2(s, memory=Size.tebibytes(3000)), C, r"'memory \(MiB\)' must be a whole number from 4 to 2147483647, got 3145728000"),
    Bad("ecs-memory-token-gib", lambda s, v: ec2(s, memory=Size.gibibytes(-1.888e289)), C, r"'memory': Size must be specified as 'Size.mebibytes\(\)'"),
    Bad("ecs-command-str", lambda s, v: ec2(s, command="echo hi"), C, r"'command' must be a list of strings, got 'echo hi' \(str\); wrap"),
    Bad("ecs-command-int-entry", lambda s, v: ec2(s, command=["echo", 1]), C, r"'command\[1\]' must be a string, got 1 \(int\)"),
    Bad("ecs-environment-list", lambda s, v: ec2(s, environment=["A=1"]), C, r"'environment' must be a dict of strings to strings, got \['A=1'\]"),
    Bad("ecs-environment-int-value", lambda s, v: ec2(s, environment={"A": 1}), C, r"'environment\['A'\]' must be a string, got 1 \(int\)"),
    Bad("ecs-environment-int-key", lambda s, v: ec2(s, environment={1: "a"}), C, r"'environment key' must be a string, got 1 \(int\)"),
    Bad("ecs-environment-reserved", lambda s, v: ec2(s, environment={"AWS_BATCH_X": "a"}), C, r"environment variable 'AWS_BATCH_X' uses the reserved prefix"),
    Bad("ecs-environment-empty-name", lambda s, v: ec2(s, environment={"": "a"}), C, r"'environment variable name' must be a string of at least 1 characters, got ''"),
    Bad("ecs-secrets-list", lambda s, v: ec2(s, secrets=[Secret.from_ssm_parameter("/p")]), C, r"'secrets' must be a dict of environment variable names to Secret, got \[Secret"),
    Bad("ecs-secrets-arn-str", lambda s, v: ec2(s, secrets={"S": SM_ARN}), C, r"'secrets\['S'\]' must be a Secret .*got 'arn:aws:secretsmanager"),
    Bad("ecs-secrets-both", lambda s, v: ec2(s, environment={"X": "1"}, secrets={"X": Secret.from_ssm_parameter("/p")}), C, r"'X' is both an environment variable and a secret"),
    Bad("ecs-execution-role-int", lambda s, v: ec2(s, execution_role=5), C, r"'execution_role' must be a batch_constructs.iam.Role, a role ARN or the provider's IamRole, got 5 \(int\)"),
    Bad("ecs-job-role-str", lambda s, v: ec2(s, job_role="my-role"), C, r"'job_role' must be a batch_constructs.iam.Role, .*got 'my-role' \(str\)"),
    Bad("ecs-readonly-str", lambda s, v: ec2(s, readonly_root_filesystem="false"), C, r"'readonly_root_filesystem' must be True or False, got 'false' \(str\)"),
    Bad("ecs-execute-command-int", lambda s, v: ec2(s, enable_execute_command=1), C, r"'enable_execute_command' must be True or False, got 1 \(int\)"),
    Bad("ecs-user-int", lambda s, v: ec2(s, user=1000), C, r"'user' must be a string, got 1000 \(int\)"),
    Bad("ecs-user-empty", lambda s, v: ec2(s, user=""), C, r"'user' must be a string of at least 1 characters, got ''"),
    Bad("ecs-linux-parameters-dict", lambda s, v: ec2(s, linux_parameters={"initProcessEnabled": True}), C, r"'linux_parameters' must be a LinuxParameters construct, got \{'initProcessEnabled': True\} \(dict\)"),
    Bad("ecs-logging-str", lambda s, v: ec2(s, logging="awslogs"), C, r"'logging' must be a LogDriver .*got 'awslogs' \(str\)"),
    Bad("ecs-volumes-single", lambda s, v: ec2(s, volumes=EcsVolume.host(name="v", container_path="/v")), C, r"'volumes' must be a list of EcsVolume, got <batch_constructs"),
    Bad("ecs-volumes-entry", lambda s, v: ec2(s, volumes=["v"]), C, r"unsupported Volume encountered"),
    Bad("ecs-add-volume-dict", lambda s, v: ec2(s).add_volume({"name": "v"}), C, r"unsupported Volume encountered"),
    Bad("ecs-duplicate-volume-names", lambda s, v: add_volumes(ec2(s), EcsVolume.host(name="v", container_path="/a"), EcsVolume.host(name="v", container_path="/b")), C, r"container 'Container' has several volumes named v"),
    Bad("ecs-gpu-float", lambda s, v: ec2(s, gpu=1.5), C, r"'gpu' must be a whole number, got 1.5 \(float\)"),
    Bad("ecs-gpu-str", lambda s, v: ec2(s, gpu="1"), C, r"'gpu' must be a whole number, got '1' \(str\)"),
    Bad("ecs-gpu-negative", lambda s, v: ec2(s, gpu=-1), C, r"'gpu' must be a whole number from 0 to 2147483647, got -1"),
    Bad("ecs-privileged-str", lambda s, v: ec2(s, privileged="true"), C, r"'privileged' must be True or False, got 'true' \(str\)"),
    Bad("ecs-ulimits-single", lambda s, v: ec2(s, ulimits=Ulimit(name=UlimitName.NOFILE, soft_limit=1, hard_limit=1)), C, r"'ulimits' must be a list of Ulimit, got <batch_constructs"),
    Bad("ecs-ulimits-dict-entry", lambda s, v: ec2(s, ulimits=[{"name": "nofile"}]), C, r"'ulimits\[0\]' must be a Ulimit .*got \{'name': 'nofile'\} \(dict\)"),
    Bad("ecs-add-ulimit-str", lambda s, v: ec2(s).add_ulimit("nofile"), C, r"'ulimit' must be a Ulimit .*got 'nofile' \(str\)"),
    Bad("ecs-duplicate-ulimits", lambda s, v: ecs_jd(s, container=ec2(s, ulimits=[Ulimit(name="nofile", soft_limit=1, hard_limit=1)] * 2)), C, r"sets ulimit nofile more than once"),
]

FARGATE = [
    Bad("fargate-gpu", lambda s, v: fg(s, gpu=1), C, r"does not take 'gpu'"),
    Bad("fargate-ulimits", lambda s, v: fg(s, ulimits=[]), C, r"does not take 'ulimits'"),
    Bad("fargate-cpu-below-quarter", lambda s, v: fg(s, cpu=0.1), C, r"'cpu' must be a number of at least 0.25, got 0.1 \(float\)"),
    Bad("fargate-cpu-str", lambda s, v: fg(s, cpu="0.25"), C, r"'cpu' must be a finite number, got '0.25' \(str\)"),
    Bad("fargate-pair", lambda s, v: fg(s, cpu=0.25, memory=Size.mebibytes(4096)), C, r"specifies cpu 0.25 with memory 4096 MiB, which is not a valid Fargate combination"),
    Bad("fargate-cpu-32", lambda s, v: fg(s, cpu=32, memory=Size.gibibytes(64)), C, r"specifies cpu 32 with memory 65536 MiB, which is not a valid Fargate combination"),
    Bad("fargate-16-vcpu-too-much-memory", lambda s, v: fg(s, cpu=16, memory=Size.gibibytes(128)), C, r"cpu 16 with memory 131072 MiB"),
    Bad("fargate-16-vcpu-old-platform", lambda s, v: fg(s, cpu=16, memory=Size.gibibytes(32), fargate_platform_version="1.3.0"), C, r"'fargate_platform_version' 1.3.0; 8 and 16 vCPU need platform version 1.4.0"),
    Bad("fargate-assign-public-ip-str", lambda s, v: fg(s, assign_public_ip="ENABLED"), C, r"'assign_public_ip' must be True or False, got 'ENABLED' \(str\)"),
    Bad("fargate-ephemeral-number", lambda s, v: fg(s, ephemeral_storage_size=30), C, r"'ephemeral_storage_size' must be a Size, got 30 \(int\)"),
    Bad("fargate-ephemeral-lossy", lambda s, v: fg(s, ephemeral_storage_size=Size.mebibytes(30000)), C, r"'30000 mebibytes' cannot be converted into a whole number of gibibytes"),
    Bad("fargate-ephemeral-big", lambda s, v: fg(s, ephemeral_storage_size=Size.gibibytes(300)), C, r"'ephemeralStorageSize' at 300 > 200 GB"),
    Bad("fargate-ephemeral-token", lambda s, v: fg(s, ephemeral_storage_size=Size.gibibytes(-1.888e289)), C, r"'ephemeral_storage_size' cannot come from a token"),
    Bad("fargate-architecture-lower", lambda s, v: fg(s, fargate_cpu_architecture="arm64"), C, r"'fargate_cpu_architecture' must be one of CpuArchitecture.X86_64, CpuArchitecture.ARM64, got 'arm64' \(str\)"),
    Bad("fargate-architecture-int", lambda s, v: fg(s, fargate_cpu_architecture=64), C, r"'fargate_cpu_architecture' must be one of .*got 64 \(int\)"),
    Bad("fargate-os-family-str", lambda s, v: fg(s, fargate_operating_system_family="WINDOWS"), C, r"'fargate_operating_system_family' must be one of OperatingSystemFamily.LINUX, .*got 'WINDOWS' \(str\)"),
    Bad("fargate-platform-version", lambda s, v: fg(s, fargate_platform_version="1.5.0"), C, r"'fargate_platform_version' must be one of FargatePlatformVersion.LATEST, .*got '1.5.0' \(str\)"),
    Bad("fargate-windows-arm", lambda s, v: win(s, fargate_cpu_architecture=CpuArchitecture.ARM64), C, r"'fargate_cpu_architecture' must be CpuArchitecture.X86_64 for Windows, got CpuArchitecture.ARM64"),
    Bad("fargate-windows-user", lambda s, v: win(s, user="admin"), C, r"'user' is not supported for Windows containers, got 'admin'"),
    Bad("fargate-windows-linux-parameters", lambda s, v: win(s, linux_parameters=lp(s, init_process_enabled=True)), C, r"'linux_parameters' are not supported for Windows containers \(got LinuxParameters 'Linux'\)"),
    Bad("fargate-windows-quarter-vcpu", lambda s, v: win(s, cpu=0.25, memory=Size.mebibytes(512)), C, r"cpu 0.25 with memory 512 MiB, which is not a valid Fargate Windows combination"),
    Bad("fargate-windows-8-vcpu", lambda s, v: win(s, cpu=8, memory=Size.gibibytes(16)), C, r"cpu 8 with memory 16384 MiB, which is not a valid Fargate Windows combination"),
    Bad("fargate-windows-readonly", lambda s, v: win(s, readonly_root_filesystem=True), C, r"Readonly root filesystem is not possible on Windows"),
    Bad("fargate-host-path-volume", lambda s, v: add_volumes(fg(s), EcsVolume.host(name="d", container_path="/d", host_path="/data")), C, r"mounts host path '/data' \(volume 'd'\)"),
    Bad("fargate-tmpfs-at-synth", lambda s, v: ecs_jd(s, container=fg(s, linux_parameters=lp(s, shared_memory_size=Size.mebibytes(64)))), C, r"sets linux parameters sharedMemorySize; AWS Batch allows only init_process_enabled"),
]

VOLUMES = [
    Bad("ecs-volume-name-space", lambda s, v: EcsVolume.host(name="my volume", container_path="/v"), None, r"'name' must be 1-255 letters, digits, hyphens or underscores, got 'my volume'"),
    Bad("ecs-volume-name-long", lambda s, v: EcsVolume.host(name="v" * 256, container_path="/v"), None, r"'name' must be 1-255 letters, digits, hyphens or underscores.*256 characters"),
    Bad("ecs-volume-name-int", lambda s, v: EcsVolume.host(name=1, container_path="/v"), None, r"'name' must be 1-255 letters, digits, hyphens or underscores, got 1 \(int\)"),
    Bad("ecs-volume-name-none", lambda s, v: EcsVolume.host(name=None, container_path="/v"), None, r"'name' is required"),
    Bad("ecs-volume-container-path-empty", lambda s, v: EcsVolume.host(name="v", container_path=""), None, r"'container_path' must be a string of at least 1 characters, got ''"),
    Bad("ecs-volume-readonly-str", lambda s, v: EcsVolume.host(name="v", container_path="/v", readonly="yes"), None, r"'readonly' must be True or False, got 'yes' \(str\)"),
    Bad("ecs-host-path-int", lambda s, v: EcsVolume.host(name="v", container_path="/v", host_path=1), None, r"'host_path' must be a string, got 1 \(int\)"),
    Bad("efs-file-system-object", lambda s, v: EcsVolume.efs(name="v", container_path="/v", file_system=object()), None, r"'fileSystem' instance should implement IFileSystem, but doesn't: object"),
    Bad("efs-port-range", lambda s, v: EcsVolume.efs(name="v", container_path="/v", file_system="fs-1", transit_encryption_port=70000), None, r"'transit_encryption_port' must be a whole number from 0 to 65535, got 70000"),
    Bad("efs-port-str", lambda s, v: EcsVolume.efs(name="v", container_path="/v", file_system="fs-1", transit_encryption_port="2049"), None, r"'transit_encryption_port' must be a whole number, got '2049' \(str\)"),
    Bad("efs-transit-encryption-str", lambda s, v: EcsVolume.efs(name="v", container_path="/v", file_system="fs-1", enable_transit_encryption="ENABLED"), None, r"'enable_transit_encryption' must be True or False, got 'ENABLED'"),
    Bad("efs-use-job-role-int", lambda s, v: EcsVolume.efs(name="v", container_path="/v", file_system="fs-1", use_job_role=1), None, r"'use_job_role' must be True or False, got 1 \(int\)"),
    Bad("efs-root-directory-int", lambda s, v: EcsVolume.efs(name="v", container_path="/v", file_system="fs-1", root_directory=1), None, r"'root_directory' must be a string, got 1 \(int\)"),
    Bad("efs-access-point-int", lambda s, v: EcsVolume.efs(name="v", container_path="/v", file_system="fs-1", enable_transit_encryption=True, access_point_id=7), None, r"'access_point_id' must be a string, got 7 \(int\)"),
    Bad("efs-access-point-needs-encryption", lambda s, v: EcsVolume.efs(name="v", container_path="/v", file_system="fs-1", access_point_id="fsap-1"), None, r"access_point_id requires enable_transit_encryption=True"),
    Bad("efs-options-dict", lambda s, v: EcsVolume.efs({"name": "v"}), None, r"'options' must be EfsVolumeOptions or HostVolumeOptions, got \{'name': 'v'\} \(dict\)"),
    Bad("eks-volume-name-upper", lambda s, v: EksVolume.empty_dir(name="myVolume", size_limit=Size.mebibytes(1)), None, r"'name' must be a Kubernetes volume name \(a DNS-1123 label.*got 'myVolume'"),
    Bad("eks-volume-name-long", lambda s, v: EksVolume.host_path(name="v" * 64, host_path="/x"), None, r"'name' must be a Kubernetes volume name .*got 'vvvv"),
    Bad("eks-volume-name-int", lambda s, v: EksVolume.secret(name=3, secret_name="s"), None, r"'name' must be a string, got 3 \(int\)"),
    Bad("eks-volume-mount-path-int", lambda s, v: EksVolume.host_path(name="h", host_path="/x", mount_path=1), None, r"'mount_path' must be a string, got 1 \(int\)"),
    Bad("eks-volume-readonly-str", lambda s, v: EksVolume.host_path(name="h", host_path="/x", readonly="no"), None, r"'readonly' must be True or False, got 'no' \(str\)"),
    Bad("eks-empty-dir-no-size", lambda s, v: EksVolume.empty_dir(name="d"), None, r"EksVolume.empty_dir 'd' needs size_limit"),
    Bad("eks-empty-dir-size-number", lambda s, v: EksVolume.empty_dir(name="d", size_limit=64), None, r"'size_limit' must be a Size, got 64 \(int\)"),
    Bad("eks-empty-dir-medium", lambda s, v: EksVolume.empty_dir(name="d", size_limit=Size.mebibytes(1), medium="RAM"), None, r"'medium' must be one of EmptyDirMediumType.DISK, EmptyDirMediumType.MEMORY, got 'RAM'"),
    Bad("eks-empty-dir-lossy", lambda s, v: EksVolume.empty_dir(name="d", size_limit=Size.kibibytes(1500)), None, r"'1500 kibibytes' cannot be converted into a whole number of mebibytes"),
    Bad("eks-host-path-int", lambda s, v: EksVolume.host_path(name="h", host_path=5), None, r"'host_path' must be a string, got 5 \(int\)"),
    Bad("eks-secret-name-empty", lambda s, v: EksVolume.secret(name="s", secret_name=""), None, r"EksVolume.secret 's' needs a non-empty 'secret_name'"),
    Bad("eks-secret-optional-str", lambda s, v: EksVolume.secret(name="s", secret_name="x", optional="true"), None, r"'optional' must be True or False, got 'true' \(str\)"),
]

LINUX = [
    Bad("linux-init-str", lambda s, v: lp(s, init_process_enabled="true"), L, r"'init_process_enabled' must be True or False, got 'true' \(str\)"),
    Bad("linux-shm-number", lambda s, v: lp(s, shared_memory_size=64), L, r"'shared_memory_size' must be a Size, got 64 \(int\)"),
    Bad("linux-shm-lossy", lambda s, v: lp(s, shared_memory_size=Size.bytes(100)), L, r"'100 bytes' cannot be converted into a whole number of mebibytes"),
    Bad("linux-shm-int32", lambda s, v: lp(s, shared_memory_size=Size.pebibytes(3)), L, r"'shared_memory_size \(MiB\)' must be a whole number from 0 to 2147483647, got 3221225472"),
    Bad("linux-max-swap-number", lambda s, v: lp(s, max_swap=1024), L, r"'max_swap' must be a Size, got 1024 \(int\)"),
    Bad("linux-max-swap-token", lambda s, v: lp(s, max_swap=Size.mebibytes(-1.888e289)), L, r"'max_swap' cannot come from a token"),
    Bad("linux-swappiness-inf", lambda s, v: lp(s, max_swap=Size.mebibytes(1), swappiness=INF), L, r"'swappiness' must be a finite number, got inf"),
    Bad("linux-swappiness-str", lambda s, v: lp(s, max_swap=Size.mebibytes(1), swappiness="60"), L, r"'swappiness' must be a finite number, got '60' \(str\)"),
    Bad("linux-swappiness-range", lambda s, v: lp(s, max_swap=Size.mebibytes(1), swappiness=101), L, r"swappiness: Must be an integer between 0 and 100; received 101"),
    Bad("linux-swappiness-fraction", lambda s, v: lp(s, max_swap=Size.mebibytes(1), swappiness=1.5), L, r"swappiness: Must be an integer between 0 and 100; received 1.5"),
    Bad("linux-add-devices-str", lambda s, v: lp(s).add_devices("/dev/fuse"), L, r"'devices\[0\]' must be a Device .*got '/dev/fuse' \(str\)"),
    Bad("linux-add-tmpfs-dict", lambda s, v: lp(s).add_tmpfs({"container_path": "/t"}), L, r"'tmpfs\[0\]' must be a Tmpfs .*got \{'container_path': '/t'\} \(dict\)"),
    Bad("device-host-path-empty", lambda s, v: Device(host_path=""), None, r"'host_path' must be a string of at least 1 characters, got ''"),
    Bad("device-host-path-int", lambda s, v: Device(host_path=3), None, r"'host_path' must be a string, got 3 \(int\)"),
    Bad("device-container-path-int", lambda s, v: Device(host_path="/dev/x", container_path=3), None, r"'container_path' must be a string, got 3 \(int\)"),
    Bad("device-permissions-str", lambda s, v: Device(host_path="/dev/x", permissions="read"), None, r"'permissions' must be a list of DevicePermission, got 'read' \(str\); wrap"),
    Bad("device-permission-unknown", lambda s, v: Device(host_path="/dev/x", permissions=["execute"]), None, r"'permissions\[0\]' must be one of DevicePermission.READ, .*got 'execute'"),
    Bad("tmpfs-size-number", lambda s, v: Tmpfs(container_path="/t", size=64), None, r"'size' must be a Size, got 64 \(int\)"),
    Bad("tmpfs-size-lossy", lambda s, v: Tmpfs(container_path="/t", size=Size.kibibytes(10)), None, r"'10 kibibytes' cannot be converted into a whole number of mebibytes"),
    Bad("tmpfs-size-zero", lambda s, v: Tmpfs(container_path="/t", size=Size.mebibytes(0)), None, r"'size \(MiB\)' must be a whole number from 1 to 2147483647, got 0"),
    Bad("tmpfs-container-path-none", lambda s, v: Tmpfs(container_path=None, size=Size.mebibytes(1)), None, r"'container_path' is required"),
    Bad("tmpfs-mount-options-str", lambda s, v: Tmpfs(container_path="/t", size=Size.mebibytes(1), mount_options="rw"), None, r"'mount_options' must be a list of TmpfsMountOption, got 'rw' \(str\)"),
    Bad("tmpfs-mount-option-unknown", lambda s, v: Tmpfs(container_path="/t", size=Size.mebibytes(1), mount_options=["fast"]), None, r"'mount_options\[0\]' must be one of TmpfsMountOption.DEFAULTS, .*got 'fast'"),
    Bad("ulimit-name-unknown", lambda s, v: Ulimit(name="files", soft_limit=1, hard_limit=1), None, r"'name' must be one of UlimitName.CORE, .*got 'files' \(str\)"),
    Bad("ulimit-soft-fraction", lambda s, v: Ulimit(name=UlimitName.NOFILE, soft_limit=1.5, hard_limit=5), None, r"'soft_limit' must be a whole number, got 1.5 \(float\)"),
    Bad("ulimit-hard-str", lambda s, v: Ulimit(name=UlimitName.NOFILE, soft_limit=1, hard_limit="5"), None, r"'hard_limit' must be a whole number, got '5' \(str\)"),
    Bad("ulimit-hard-int32", lambda s, v: Ulimit(name=UlimitName.NOFILE, soft_limit=1, hard_limit=2 ** 31), None, r"'hard_limit' must be a whole number from -1 to 2147483647, got 2147483648"),
    Bad("ulimit-soft-below-minus-one", lambda s, v: Ulimit(name=UlimitName.NOFILE, soft_limit=-2, hard_limit=1), None, r"'soft_limit' must be a whole number from -1 to 2147483647, got -2"),
    Bad("ulimit-soft-above-hard", lambda s, v: Ulimit(name=UlimitName.NOFILE, soft_limit=10, hard_limit=5), None, r"Ulimit 'nofile': soft_limit 10 is above hard_limit 5"),
]

SECRETS_AND_LOGS = [
    Bad("secret-sm-object", lambda s, v: Secret.from_secrets_manager(object()), None, r"Secret.from_secrets_manager\(\) needs a Secrets Manager secret .*got object"),
    Bad("secret-sm-field-int", lambda s, v: Secret.from_secrets_manager(SM_ARN, field=1), None, r"'field' must be a string, got 1 \(int\)"),
    Bad("secret-version-info-dict", lambda s, v: Secret.from_secrets_manager_version(SM_ARN, {"version_stage": "AWSCURRENT"}), None, r"'version_info' must be a SecretVersionInfo .*got \{'version_stage'"),
    Bad("secret-version-unknown-keyword", lambda s, v: Secret.from_secrets_manager_version(SM_ARN, stage="AWSCURRENT"), None, r"'keyword' must be one of 'version_id', 'version_stage', got 'stage'"),
    Bad("secret-version-id-int", lambda s, v: SecretVersionInfo(version_id=1), None, r"'version_id' must be a string, got 1 \(int\)"),
    Bad("secret-ssm-int", lambda s, v: Secret.from_ssm_parameter(3), None, r"Secret.from_ssm_parameter\(\) needs an SSM parameter .*got int"),
    Bad("log-aws-empty-prefix", lambda s, v: LogDrivers.aws_logs(stream_prefix=""), None, r"LogDrivers.aws_logs\(\) needs a non-empty 'stream_prefix'"),
    Bad("log-aws-prefix-int", lambda s, v: LogDrivers.aws_logs(stream_prefix=1), None, r"'stream_prefix' must be a string, got 1 \(int\)"),
    Bad("log-aws-retention-days", lambda s, v: LogDrivers.aws_logs(stream_prefix="x", retention=8), None, r"log retention of 8 days is not one CloudWatch Logs offers"),
    Bad("log-aws-retention-str", lambda s, v: LogDrivers.aws_logs(stream_prefix="x", retention="forever"), None, r"'retention' must be one of RetentionDays.ONE_DAY, .*got 'forever' \(str\)"),
    Bad("log-aws-log-retention-bool", lambda s, v: LogDrivers.aws_logs(stream_prefix="x", log_retention=True), None, r"'log_retention' must be one of RetentionDays.ONE_DAY, .*got True \(bool\)"),
    Bad("log-aws-mode", lambda s, v: LogDrivers.aws_logs(stream_prefix="x", mode="async"), None, r"'mode' must be one of AwsLogDriverMode.BLOCKING, AwsLogDriverMode.NON_BLOCKING, got 'async'"),
    Bad("log-aws-buffer-number", lambda s, v: LogDrivers.aws_logs(stream_prefix="x", mode="non-blocking", max_buffer_size=4), None, r"'max_buffer_size' must be a Size, got 4 \(int\)"),
    Bad("log-aws-buffer-lossy", lambda s, v: LogDrivers.aws_logs(stream_prefix="x", mode="non-blocking", max_buffer_size=Size.kibibytes(1500)), None, r"'1500 kibibytes' cannot be converted into a whole number of mebibytes"),
    Bad("log-aws-log-group-int", lambda s, v: LogDrivers.aws_logs(stream_prefix="x", log_group=5), None, r"'log_group' must be the provider's CloudwatchLogGroup or a log group name, got 5 \(int\)"),
    Bad("log-aws-datetime-format-int", lambda s, v: LogDrivers.aws_logs(stream_prefix="x", datetime_format=1), None, r"'datetime_format' must be a string, got 1 \(int\)"),
    Bad("log-generic-driver", lambda s, v: LogDrivers.generic(log_driver="fluentbit"), None, r"log driver 'fluentbit' is not supported by AWS Batch"),
    Bad("log-generic-driver-int", lambda s, v: LogDrivers.generic(log_driver=1), None, r"'log_driver' must be a string, got 1 \(int\)"),
    Bad("log-json-options-int", lambda s, v: LogDrivers.json_file(options={"max-file": 3}), None, r"'options\['max-file'\]' must be a string, got 3 \(int\)"),
    Bad("log-syslog-options-list", lambda s, v: LogDrivers.syslog(options=["a"]), None, r"'options' must be a dict of strings to strings, got \['a'\]"),
    Bad("log-gelf-address-none", lambda s, v: LogDrivers.gelf(address=None), None, r"'address' is required"),
    Bad("log-splunk-url-int", lambda s, v: LogDrivers.splunk(url=1), None, r"'url' must be a string, got 1 \(int\)"),
    Bad("log-splunk-token-str", lambda s, v: LogDrivers.splunk(url="https://s", secret_token=SM_ARN), None, r"'secret_options\['splunk-token'\]' must be a Secret .*got 'arn:aws:secretsmanager"),
    Bad("log-generic-secret-options-list", lambda s, v: LogDrivers.generic(log_driver="splunk", secret_options=[SM_ARN]), None, r"'secret_options' must be a dict of option names to Secret, got \['arn"),
    Bad("image-registry-int", lambda s, v: ContainerImage.from_registry(5), None, r"'name' must be .*got 5 \(int\)"),
    Bad("image-ecr-object", lambda s, v: ContainerImage.from_ecr_repository(object()), None, r"'repository' must be an ECR repository .*got object"),
]

EKS = [
    Bad("eks-image-str", lambda s, v: eks(s, image="nginx"), C, r"'image' must be a ContainerImage .*got 'nginx' \(str\)"),
    Bad("eks-args-str", lambda s, v: eks(s, args="--verbose"), C, r"'args' must be a list of strings, got '--verbose' \(str\); wrap"),
    Bad("eks-command-tuple-int", lambda s, v: eks(s, command=("sh", 1)), C, r"'command\[1\]' must be a string, got 1 \(int\)"),
    Bad("eks-env-list", lambda s, v: eks(s, env=["A=1"]), C, r"'env' must be a dict of strings to strings, got \['A=1'\]"),
    Bad("eks-env-int-value", lambda s, v: eks(s, env={"A": 1}), C, r"'env\['A'\]' must be a string, got 1 \(int\)"),
    Bad("eks-env-reserved", lambda s, v: eks(s, env={"AWS_BATCH_X": "1"}), C, r"environment variable 'AWS_BATCH_X' uses the reserved prefix"),
    Bad("eks-pull-policy", lambda s, v: eks(s, image_pull_policy="always"), C, r"'image_pull_policy' must be one of ImagePullPolicy.ALWAYS, .*got 'always' \(str\)"),
    Bad("eks-name-upper", lambda s, v: eks(s, name="Main"), C, r"'name' must be a Kubernetes container name .*got 'Main' \(str\)"),
    Bad("eks-name-int", lambda s, v: eks(s, name=1), C, r"'name' must be a Kubernetes container name .*got 1 \(int\)"),
    Bad("eks-cpu-limit-str", lambda s, v: eks(s, cpu_limit="500m"), C, r"'cpu_limit' must be a finite number, got '500m' \(str\)"),
    Bad("eks-cpu-reservation-nan", lambda s, v: eks(s, cpu_reservation=NAN), C, r"'cpu_reservation' must be a finite number, got nan"),
    Bad("eks-cpu-limit-third", lambda s, v: eks(s, cpu_limit=0.3), C, r"'cpu_limit' = 0.3 is not a CPU quantity AWS Batch accepts"),
    Bad("eks-cpu-limit-below-reservation", lambda s, v: eks(s, cpu_limit=1, cpu_reservation=2), C, r"'cpu_limit' \(1\) must be at least 'cpu_reservation' \(2\)"),
    Bad("eks-memory-limit-number", lambda s, v: eks(s, memory_limit=2048), C, r"'memory_limit' must be a Size, got 2048 \(int\)"),
    Bad("eks-memory-reservation-small", lambda s, v: eks(s, memory_limit=None, memory_reservation=Size.mebibytes(3)), C, r"'memory_reservation' = 3 MiB; Kubernetes on AWS Batch needs at least 4 MiB"),
    Bad("eks-memory-limit-int32", lambda s, v: eks(s, memory_limit=Size.pebibytes(2)), C, r"'memory_limit \(MiB\)' must be a whole number of at most 2147483647, got 2147483648"),
    Bad("eks-memory-token-gib", lambda s, v: eks(s, memory_limit=Size.gibibytes(-1.888e289)), C, r"'memory_limit': Size must be specified as 'Size.mebibytes\(\)'"),
    Bad("eks-gpu-limit-float", lambda s, v: eks(s, gpu_limit=1.5), C, r"'gpu_limit' must be a whole number, got 1.5 \(float\)"),
    Bad("eks-gpu-reservation-negative", lambda s, v: eks(s, gpu_reservation=-1), C, r"'gpu_reservation' must be a whole number from 0 to 2147483647, got -1"),
    Bad("eks-gpu-mismatch", lambda s, v: eks(s, gpu_limit=2, gpu_reservation=1), C, r"'gpu_limit' \(2\) must equal 'gpu_reservation' \(1\)"),
    Bad("eks-privileged-str", lambda s, v: eks(s, privileged="yes"), C, r"'privileged' must be True or False, got 'yes' \(str\)"),
    Bad("eks-readonly-int", lambda s, v: eks(s, readonly_root_filesystem=0), C, r"'readonly_root_filesystem' must be True or False, got 0 \(int\)"),
    Bad("eks-run-as-root-str", lambda s, v: eks(s, run_as_root="false", run_as_user=1000), C, r"'run_as_root' must be True or False, got 'false' \(str\)"),
    Bad("eks-run-as-user-str", lambda s, v: eks(s, run_as_user="1000"), C, r"'run_as_user' must be a whole number, got '1000' \(str\)"),
    Bad("eks-run-as-group-negative", lambda s, v: eks(s, run_as_group=-1, run_as_user=1), C, r"'run_as_group' must be a whole number from 0 to 9223372036854775807, got -1"),
    Bad("eks-run-as-root-false-no-user", lambda s, v: eks(s, run_as_root=False), C, r"requires run_as_user when run_as_root is False"),
    Bad("eks-volumes-single", lambda s, v: eks(s, volumes=EksVolume.host_path(name="h", host_path="/x")), C, r"'volumes' must be a list of EksVolume, got <batch_constructs"),
    Bad("eks-volumes-ecs-volume", lambda s, v: eks(s, volumes=[EcsVolume.host(name="h", container_path="/x")]), C, r"'volumes\[0\]' must be an EksVolume .*got <batch_constructs"),
    Bad("eks-add-volume-str", lambda s, v: eks(s).add_volume("scratch"), C, r"'volume' must be an EksVolume .*got 'scratch' \(str\)"),
    Bad("eks-duplicate-volume-names", lambda s, v: eks(s, volumes=[EksVolume.host_path(name="v", host_path="/a"), EksVolume.host_path(name="v", host_path="/b")]), C, r"has two volumes named 'v'"),
    Bad("eks-jd-container-ecs", lambda s, v: EksJobDefinition(s, "JobDef", container=ec2(s)), J, r"'container' must be an EksContainerDefinition, got <batch_constructs"),
    Bad("eks-jd-dns-policy", lambda s, v: eks_jd(s, dns_policy="None"), J, r"'dns_policy' must be one of DnsPolicy.DEFAULT, .*got 'None' \(str\)"),
    Bad("eks-jd-service-account-int", lambda s, v: eks_jd(s, service_account=1), J, r"'service_account' must be a string, got 1 \(int\)"),
    Bad("eks-jd-host-network-str", lambda s, v: eks_jd(s, use_host_network="true"), J, r"'use_host_network' must be True or False, got 'true' \(str\)"),
    Bad("eks-jd-propagate-tags-str", lambda s, v: eks_jd(s, propagate_tags="no"), J, r"'propagate_tags' must be True or False, got 'no' \(str\)"),
    Bad("eks-jd-retry-attempts-float", lambda s, v: eks_jd(s, retry_attempts=3.5), J, r"'retry_attempts' must be a whole number, got 3.5 \(float\)"),
]

MULTINODE = [
    Bad("mn-containers-single", lambda s, v: mn(s, containers=node(s)), J, r"'containers' must be a list of MultiNodeContainer, got MultiNodeContainer\(0:0\)"),
    Bad("mn-containers-entry-ecs", lambda s, v: mn(s, containers=[ec2(s)]), J, r"'containers\[0\]' must be a MultiNodeContainer\(container=..., start_node=..., end_node=...\), got <batch_constructs"),
    Bad("mn-main-node-str", lambda s, v: mn(s, main_node="0"), J, r"'main_node' must be a whole number, got '0' \(str\)"),
    Bad("mn-main-node-negative", lambda s, v: mn(s, main_node=-1), J, r"'main_node' must be a whole number from 0 to 2147483647, got -1"),
    Bad("mn-main-node-fraction", lambda s, v: mn(s, main_node=0.5), J, r"'main_node' must be a whole number, got 0.5 \(float\)"),
    Bad("mn-instance-type-int", lambda s, v: mn(s, instance_type=5), J, r"'instance_type' must be an ec2.InstanceType or an instance type name \('m5.large'\), got 5 \(int\)"),
    Bad("mn-instance-type-name", lambda s, v: mn(s, instance_type="large"), J, r"'large' is not an EC2 instance type"),
    Bad("mn-propagate-tags-str", lambda s, v: mn(s, propagate_tags="true"), J, r"'propagate_tags' must be True or False, got 'true' \(str\)"),
    Bad("mn-no-containers", lambda s, v: mn(s), J, r"multinode job has no containers!"),
    Bad("mn-add-container-ecs", lambda s, v: mn(s).add_container(ec2(s)), J, r"'start_node' is required"),
    Bad("mn-add-container-object", lambda s, v: mn(s).add_container(container=object(), start_node=0, end_node=0), J, r"the container of node range 0:0 must be an EcsEc2ContainerDefinition, got object"),
    Bad("mn-add-container-bad-index", lambda s, v: mn(s).add_container(container=ec2(s), start_node=0, end_node="3"), J, r"'end_node' must be a whole number, got '3' \(str\)"),
    Bad("mn-node-start-float", lambda s, v: MultiNodeContainer(container=ec2(s), start_node=0.5, end_node=1), None, r"'start_node' must be a whole number, got 0.5 \(float\)"),
    Bad("mn-node-end-none", lambda s, v: MultiNodeContainer(container=ec2(s), start_node=0, end_node=None), None, r"'end_node' is required"),
    Bad("mn-node-container-str", lambda s, v: MultiNodeContainer(container="c", start_node=0, end_node=0), None, r"'container' must be an EcsEc2ContainerDefinition, got 'c' \(str\)"),
    Bad("mn-node-end-int32", lambda s, v: MultiNodeContainer(container=ec2(s), start_node=0, end_node=2 ** 31), None, r"'end_node' must be a whole number from -2147483648 to 2147483647, got 2147483648"),
    Bad("mn-overlap", lambda s, v: mn(s, containers=[node(s, 0, 1), MultiNodeContainer(container=EcsEc2ContainerDefinition(s, "B", image=img(), cpu=1, memory=Size.mebibytes(8)), start_node=1, end_node=2)]), J, r"node ranges 0:1 and 1:2 overlap"),
    Bad("mn-fargate-container", lambda s, v: mn(s, containers=[MultiNodeContainer(container=fg(s), start_node=0, end_node=0)]), J, r"uses EcsFargateContainerDefinition 'Container'; multi-node jobs run only on EC2"),
]

ROWS = JOB_DEFINITION + ECS_CONTAINER + FARGATE + VOLUMES + LINUX + SECRETS_AND_LOGS + EKS + MULTINODE


def test_the_table_is_big_enough() -> None:
    assert len(ROWS) >= 140


@params(ROWS)
def test_job_definition_mistakes(row: Bad, stack: Any, vpc: Any) -> None:
    run(row, stack, vpc)


# -- valid inputs that must keep working ------------------------------------------------------
import json  # noqa: E402

import pytest  # noqa: E402


def _job(stack: Any) -> dict[str, Any]:
    from batch_constructs.testing import Template
    (jd,) = Template.from_stack(stack).find_resources("aws_batch_job_definition").values()
    return jd


def _props(stack: Any) -> dict[str, Any]:
    props = _job(stack)["container_properties"]
    return props if isinstance(props, dict) else json.loads(props)


@pytest.mark.parametrize("gib", list(range(32, 121, 8)))
def test_fargate_16_vcpu_pairs(stack: Any, gib: int) -> None:
    ecs_jd(stack, container=fg(stack, cpu=16, memory=Size.gibibytes(gib), fargate_platform_version="1.4.0"))
    assert _props(stack)["resourceRequirements"] == [{"type": "MEMORY", "value": str(gib * 1024)},
                                                     {"type": "VCPU", "value": "16"}]


@pytest.mark.parametrize("cpu, mib", [(1, 2048), (1, 8192), (2, 4096), (2, 16384), (4, 8192), (4, 30720)])
def test_fargate_windows_pairs(stack: Any, cpu: int, mib: int) -> None:
    ecs_jd(stack, container=win(stack, cpu=cpu, memory=Size.mebibytes(mib), fargate_cpu_architecture="X86_64"))
    assert _props(stack)["runtimePlatform"] == {"cpuArchitecture": "X86_64",
                                               "operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}


def test_enum_values_and_names_are_accepted(stack: Any) -> None:
    ecs_jd(stack, container=fg(stack, cpu=1, memory=Size.gibibytes(2), fargate_cpu_architecture="ARM64",
                               fargate_operating_system_family="LINUX", fargate_platform_version="VERSION1_4"))
    props = _props(stack)
    assert props["runtimePlatform"] == {"cpuArchitecture": "ARM64", "operatingSystemFamily": "LINUX"}
    assert props["fargatePlatformConfiguration"] == {"platformVersion": "1.4.0"}
    assert Ulimit(name="nofile", soft_limit=1, hard_limit=2).name is UlimitName.NOFILE
    assert Device(host_path="/dev/x", permissions=["read", "WRITE"]).permissions == [DevicePermission.READ,
                                                                                     DevicePermission.WRITE]
    assert Tmpfs(container_path="/t", size=Size.mebibytes(1), mount_options=["rw"]).render()["mountOptions"] == ["rw"]
    assert RetryStrategy.of("EXIT", Reason.CANNOT_PULL_CONTAINER).action is Action.EXIT
    assert LogDrivers.aws_logs(stream_prefix="x", retention="ONE_WEEK").retention_days == 7
    assert LogDrivers.aws_logs(stream_prefix="x", retention=14).retention_days == 14


def test_eks_enum_strings(stack: Any) -> None:
    eks_jd(stack, dns_policy="ClusterFirst")
    assert _job(stack)["eks_properties"]["pod_properties"]["dns_policy"] == "ClusterFirst"


def test_whole_floats_become_integers(stack: Any) -> None:
    container = ec2(stack, gpu=2.0, ulimits=[Ulimit(name=UlimitName.NOFILE, soft_limit=1024.0, hard_limit=4096.0)])
    ecs_jd(stack, container=container, retry_attempts=3.0, scheduling_priority=5.0, retry_strategies=[strategy()])
    jd = _job(stack)
    assert jd["retry_strategy"]["attempts"] == 3 and jd["scheduling_priority"] == 5
    props = json.loads(jd["container_properties"]) if isinstance(jd["container_properties"], str) \
        else jd["container_properties"]
    assert {"type": "GPU", "value": "2"} in props["resourceRequirements"]
    assert props["ulimits"] == [{"hardLimit": 4096, "name": "nofile", "softLimit": 1024}]


def test_token_size_and_duration(stack: Any) -> None:
    from cdktf import TerraformVariable, Token
    memory = TerraformVariable(stack, "memory", type="number", default=2048)
    timeout = TerraformVariable(stack, "timeout", type="number", default=600)
    ecs_jd(stack, container=ec2(stack, memory=Size.mebibytes(Token.as_number(memory.value))),
           timeout=Duration.seconds(Token.as_number(timeout.value)))
    jd = _job(stack)
    assert jd["timeout"] == {"attempt_duration_seconds": "${var.timeout}"}
    props = json.loads(jd["container_properties"]) if isinstance(jd["container_properties"], str) \
        else jd["container_properties"]
    assert props["resourceRequirements"][0] == {"type": "MEMORY", "value": "${var.memory}"}


def test_token_sizes_on_eks(stack: Any) -> None:
    from cdktf import TerraformVariable, Token
    memory = TerraformVariable(stack, "memory", type="number", default=2048)
    mib = Size.mebibytes(Token.as_number(memory.value))
    EksJobDefinition(stack, "JobDef", container=eks(stack, memory_limit=mib, memory_reservation=mib, volumes=[
        EksVolume.empty_dir(name="scratch", mount_path="/s", size_limit=mib)]))
    pod = _job(stack)["eks_properties"]["pod_properties"]
    assert pod["containers"][0]["resources"]["limits"]["memory"] == "${var.memory}Mi"
    assert pod["containers"][0]["resources"]["requests"]["memory"] == "${var.memory}Mi"
    assert pod["volumes"][0]["empty_dir"]["size_limit"] == "${var.memory}Mi"


def test_unlimited_ulimits_and_options_struct(stack: Any) -> None:
    assert Ulimit(name=UlimitName.MEMLOCK, soft_limit=-1, hard_limit=-1).render()["hardLimit"] == -1
    volume = EcsVolume.efs(EfsVolumeOptions(name="data", container_path="/data", file_system="fs-1"))
    assert volume.render_volume()["efsVolumeConfiguration"]["fileSystemId"] == "fs-1"


def test_ec2_fractional_vcpus_above_one(stack: Any) -> None:
    ecs_jd(stack, container=ec2(stack, cpu=1.5, memory=Size.mebibytes(4)))
    assert _props(stack)["resourceRequirements"] == [{"type": "MEMORY", "value": "4"},
                                                     {"type": "VCPU", "value": "1.5"}]


def test_multinode_add_container_keywords(stack: Any) -> None:
    job = mn(stack, main_node=0.0)
    job.add_container(container=ec2(stack), start_node=0, end_node=1.0)
    props = _job(stack)["node_properties"]
    assert (json.loads(props) if isinstance(props, str) else props)["numNodes"] == 2
