"""ECS container definitions: ``EcsEc2ContainerDefinition`` and ``EcsFargateContainerDefinition``.

A container definition is a construct of its own (it owns the execution role, a job role when
``enable_execute_command`` creates one, and the log group an ``awslogs`` driver creates) and
renders the AWS Batch ``ContainerProperties`` object with the API's camelCase keys.

IAM the container adds to its execution role (inline ``DefaultPolicy`` statements, as AWS CDK):
read on every secret (and on registry credentials), ECR pull for ECR images, write on the log
group of an ``awslogs`` driver, or, when ``logging`` is unset, write on Batch's default log group
``/aws/batch/job``.
"""
from __future__ import annotations

import enum
from typing import Any, Mapping, Sequence

from ._base import BatchConstruct
from ._errors import ValidationError, warn
from ._tokens import format_number, is_unresolved
from .core import Size
from .ecs import ContainerImage, CpuArchitecture, FargatePlatformVersion, OperatingSystemFamily
from .ecs_volumes import EcsVolume, EfsVolume, HostVolume
from .iam import ManagedPolicy, PolicyStatement, Role, ServicePrincipal, as_role
from .linux_parameters import LinuxParameters
from .logging import LOG_WRITE_ACTIONS, LogDriver, LogDriverConfig
from .secrets import Secret

__all__ = ["EcsContainerDefinitionBase", "EcsEc2ContainerDefinition", "EcsFargateContainerDefinition",
           "Ulimit", "UlimitName"]

EXECUTION_ROLE_POLICY = "service-role/AmazonECSTaskExecutionRolePolicy"
DEFAULT_LOG_GROUP = "/aws/batch/job"
EXECUTE_COMMAND_ACTIONS = ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
                           "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"]

# L12: Fargate (Linux) vCPU → valid memory (MiB).
FARGATE_MEMORY: dict[float, list[int]] = {
    0.25: [512, 1024, 2048],
    0.5: list(range(1024, 4097, 1024)),
    1: list(range(2048, 8193, 1024)),
    2: list(range(4096, 16385, 1024)),
    4: list(range(8192, 30721, 1024)),
    8: list(range(16384, 61441, 4096)),
    16: list(range(32768, 122881, 8192)),
}


def size_in(scope: Any, size: Size, unit: str) -> int:
    """``size`` as a whole number of ``unit`` (``mebibytes``/``gibibytes``), or ValidationError (C01)."""
    try:
        return int(getattr(size, f"to_{unit}")())
    except ValueError as error:
        raise ValidationError(scope, str(error)) from None


class UlimitName(str, enum.Enum):
    CORE = "core"
    CPU = "cpu"
    DATA = "data"
    FSIZE = "fsize"
    LOCKS = "locks"
    MEMLOCK = "memlock"
    MSGQUEUE = "msgqueue"
    NICE = "nice"
    NOFILE = "nofile"
    NPROC = "nproc"
    RSS = "rss"
    RTPRIO = "rtprio"
    RTTIME = "rttime"
    SIGPENDING = "sigpending"
    STACK = "stack"


class Ulimit:
    """A resource limit of an EC2 container: ``Ulimit(name=UlimitName.NOFILE, soft_limit=1024,
    hard_limit=4096)`` (all required, integers)."""

    def __init__(self, *, hard_limit: int, name: UlimitName, soft_limit: int) -> None:
        self.name = UlimitName(name)
        for key, value in (("hard_limit", hard_limit), ("soft_limit", soft_limit)):
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValidationError(None, f"Ulimit '{self.name.value}': '{key}' must be an integer, got {value!r}")
        if soft_limit > hard_limit:
            raise ValidationError(None, f"Ulimit '{self.name.value}': soft_limit {soft_limit} is above "
                                        f"hard_limit {hard_limit}")
        self.hard_limit = hard_limit
        self.soft_limit = soft_limit

    def render(self) -> dict[str, Any]:
        return {"name": self.name.value, "softLimit": self.soft_limit, "hardLimit": self.hard_limit}


def _check_volume(scope: Any, volume: Any) -> EcsVolume:
    if not isinstance(volume, (EfsVolume, HostVolume)):
        raise ValidationError(scope, "unsupported Volume encountered")
    return volume


class EcsContainerDefinitionBase(BatchConstruct):
    """Keywords shared by ECS containers.

    :param image: ``ContainerImage`` (required). ECR images (``from_ecr_repository``) and registry
        credentials are granted to the execution role.
    :param cpu: vCPUs, fractions allowed (required).
    :param memory: ``Size`` in whole MiB (required).
    :param command: default: the image's command. ``Ref::name`` refers to a job parameter.
    :param environment: ``{name: value}`` (default none); names may not start with ``AWS_BATCH``;
        emitted sorted by name.
    :param secrets: ``{env var name: Secret}`` (default none); only ARNs are emitted, in insertion
        order; read is granted to the execution role.
    :param execution_role: default: a role (child ``ExecutionRole``) trusted by
        ``ecs-tasks.amazonaws.com`` with ``AmazonECSTaskExecutionRolePolicy`` attached.
    :param job_role: default: none (or child ``JobRole`` when ``enable_execute_command``).
    :param linux_parameters: a ``LinuxParameters`` construct (default: none).
    :param logging: a ``LogDriver`` (``LogDrivers.aws_logs(...)``, ...). Default: the Docker
        default of Batch (awslogs to ``/aws/batch/job``), and the execution role may write there.
    :param volumes: ``EcsVolume`` list (default none); more with :meth:`add_volume`.
    :param readonly_root_filesystem: default: not emitted (Batch's ``False``).
    :param user: default: the image's user.
    :param enable_execute_command: ECS Exec into the job's container (default: not emitted). When
        ``True`` a job role is created if none was given and gets the ``ssmmessages`` actions.
    """

    platform_capability = "EC2"

    def __init__(self, scope: Any, id: str, *, image: ContainerImage, cpu: float, memory: Size,
                 command: Sequence[str] | None = None, environment: Mapping[str, str] | None = None,
                 execution_role: Any = None, job_role: Any = None,
                 linux_parameters: LinuxParameters | None = None, logging: LogDriver | None = None,
                 readonly_root_filesystem: bool | None = None, secrets: Mapping[str, Secret] | None = None,
                 user: str | None = None, volumes: Sequence[EcsVolume] | None = None,
                 enable_execute_command: bool | None = None) -> None:
        super().__init__(scope, id)
        if not isinstance(image, ContainerImage):
            raise ValidationError(self, f"'image' must be a ContainerImage (ContainerImage.from_registry(...)), "
                                        f"got {type(image).__name__}")
        self.image = image
        if isinstance(cpu, bool) or not isinstance(cpu, (int, float)) or (not is_unresolved(cpu) and cpu <= 0):
            raise ValidationError(self, f"'cpu' must be a positive number of vCPUs, got {cpu!r}")
        self.cpu = cpu
        if not isinstance(memory, Size):
            raise ValidationError(self, f"'memory' must be a Size (Size.mebibytes(2048)), got {type(memory).__name__}")
        self.memory = memory
        self._memory_mib = size_in(self, memory, "mebibytes")
        if command is not None and (isinstance(command, str) or
                                    not all(isinstance(c, str) for c in command)):
            raise ValidationError(self, "'command' must be a list of strings")
        self.command = list(command) if command is not None else None
        self.environment = dict(environment) if environment else None
        for name, value in (self.environment or {}).items():
            self._check_env_name(name)
            if not isinstance(value, str):
                raise ValidationError(self, f"environment variable '{name}' must have a string value, got "
                                            f"{type(value).__name__}")
            if value == "":
                warn(self, f"environment variable '{name}' has an empty value and will be ignored by AWS Batch")
        self.execution_role = as_role(execution_role, what="execution_role", scope=self) or Role(
            self, "ExecutionRole", assumed_by=ServicePrincipal("ecs-tasks.amazonaws.com"),
            managed_policies=[ManagedPolicy.from_aws_managed_policy_name(EXECUTION_ROLE_POLICY)])
        self.job_role = as_role(job_role, what="job_role", scope=self)
        self.enable_execute_command = enable_execute_command
        if enable_execute_command:
            if self.job_role is None:
                self.job_role = Role(self, "JobRole", assumed_by=ServicePrincipal("ecs-tasks.amazonaws.com"))
            self.job_role.add_to_principal_policy(PolicyStatement(actions=list(EXECUTE_COMMAND_ACTIONS),
                                                                  resources=["*"]))
        self.readonly_root_filesystem = readonly_root_filesystem
        self.user = user
        # Image pull (ECR, registry credentials), granted eagerly.
        image.grant_pull(self.execution_role)
        self._credentials = image.credentials_secret()
        # Secrets: ARNs only; read granted to the execution role at construction (Q14).
        self.secrets: dict[str, Secret] | None = None
        if secrets:
            self.secrets = {}
            for name, secret in secrets.items():
                self._check_env_name(name)
                if not isinstance(secret, Secret):
                    raise ValidationError(self, f"secret '{name}' must be a Secret (Secret.from_secrets_manager(...) "
                                                f"or Secret.from_ssm_parameter(...)), got {type(secret).__name__}")
                if self.environment and name in self.environment:
                    raise ValidationError(self, f"'{name}' is both an environment variable and a secret")
                secret = secret._resolved(self)
                secret.grant_read(self.execution_role)
                self.secrets[name] = secret
        if linux_parameters is not None and not isinstance(linux_parameters, LinuxParameters):
            raise ValidationError(self, "'linux_parameters' must be a LinuxParameters construct, got "
                                        f"{type(linux_parameters).__name__}")
        self.linux_parameters = linux_parameters
        # Logging.
        self.logging = logging
        self.log_driver_config: LogDriverConfig | None = None
        if logging is not None:
            if not isinstance(logging, LogDriver):
                raise ValidationError(self, "'logging' must be a LogDriver (LogDrivers.aws_logs(...), ...), got "
                                            f"{type(logging).__name__}")
            self.log_driver_config = logging.bind(self, self)
        else:
            from ._stack_data import account, partition, region
            self.execution_role.add_to_principal_policy(PolicyStatement(
                actions=list(LOG_WRITE_ACTIONS),
                resources=[f"arn:{partition(self)}:logs:{region(self)}:{account(self)}:log-group:"
                           f"{DEFAULT_LOG_GROUP}:*"]))
        self._volumes: list[EcsVolume] = [_check_volume(self, v) for v in (volumes or ())]

    def _check_env_name(self, name: Any) -> None:
        if not isinstance(name, str) or not name:
            raise ValidationError(self, f"environment variable names must be non-empty strings, got {name!r}")
        if name.startswith("AWS_BATCH"):
            raise ValidationError(self, f"environment variable '{name}' uses the reserved prefix AWS_BATCH")

    # -- volumes ----------------------------------------------------------------------------
    def add_volume(self, volume: EcsVolume) -> None:
        """Mount ``volume`` (an ``EcsVolume.efs(...)`` or ``EcsVolume.host(...)``); rendered at synth."""
        self._volumes.append(_check_volume(self, volume))

    @property
    def volumes(self) -> list[EcsVolume]:
        return list(self._volumes)

    def _validate(self) -> list[str]:
        out: list[str] = []
        names = [v.name for v in self._volumes]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            out.append(f"container '{self.node.id}' has several volumes named {', '.join(duplicates)}")
        return out

    # -- rendering ----------------------------------------------------------------------------
    def _resource_requirements(self) -> list[dict[str, str]]:
        cpu = self.cpu if not is_unresolved(self.cpu) else None
        return [{"type": "MEMORY", "value": str(self._memory_mib)},
                {"type": "VCPU", "value": format_number(cpu) if cpu is not None else _token_str(self.cpu)}]

    def _render_container(self) -> dict[str, Any]:
        """``ContainerProperties`` as a dict with the API's camelCase keys (not yet pruned)."""
        env = self.environment or {}
        return {
            "image": self.image.image_name,
            "command": self.command,
            "environment": [{"name": k, "value": env[k]} for k in sorted(env) if env[k] != ""],
            "executionRoleArn": self.execution_role.role_arn,
            "jobRoleArn": self.job_role.role_arn if self.job_role is not None else None,
            "resourceRequirements": self._resource_requirements(),
            "readonlyRootFilesystem": self.readonly_root_filesystem,
            "user": self.user,
            "secrets": [{"name": k, "valueFrom": s.arn} for k, s in (self.secrets or {}).items()],
            "linuxParameters": self.linux_parameters.render_linux_parameters() if self.linux_parameters else None,
            "logConfiguration": self.log_driver_config.render() if self.log_driver_config else None,
            "volumes": [v.render_volume() for v in self._volumes],
            "mountPoints": [v.render_mount_point() for v in self._volumes],
            "enableExecuteCommand": self.enable_execute_command,
            "repositoryCredentials": ({"credentialsParameter": self._credentials.arn}
                                      if self._credentials is not None else None),
        }

    def render_container_properties(self) -> dict[str, Any]:
        from ._json import prune
        return prune(self._render_container())


def _token_str(value: Any) -> str:
    from cdktf import Token
    return Token.as_string(value)


class EcsEc2ContainerDefinition(EcsContainerDefinitionBase):
    """A container for EC2 compute environments (platform capability ``EC2``).

    :param privileged: default: not emitted (Batch's ``False``).
    :param gpu: GPUs (default none; ``0`` means none).
    :param ulimits: ``Ulimit`` list (default none); more with :meth:`add_ulimit`.
    Other keywords: :class:`EcsContainerDefinitionBase`.
    """

    platform_capability = "EC2"

    def __init__(self, scope: Any, id: str, *, image: ContainerImage, cpu: float, memory: Size,
                 privileged: bool | None = None, gpu: int | None = None,
                 ulimits: Sequence[Ulimit] | None = None, **kwargs: Any) -> None:
        super().__init__(scope, id, image=image, cpu=cpu, memory=memory, **kwargs)
        self.privileged = privileged
        if gpu is not None and not is_unresolved(gpu) and \
                (isinstance(gpu, bool) or not isinstance(gpu, int) or gpu < 0):
            raise ValidationError(self, f"'gpu' must be a non-negative integer, got {gpu!r}")
        self.gpu = gpu
        self._ulimits: list[Ulimit] = []
        for ulimit in ulimits or ():
            self.add_ulimit(ulimit)

    def add_ulimit(self, ulimit: Ulimit) -> None:
        """Add a resource limit (rendered at synth)."""
        if not isinstance(ulimit, Ulimit):
            raise ValidationError(self, f"add_ulimit() takes a Ulimit, got {type(ulimit).__name__}")
        self._ulimits.append(ulimit)

    @property
    def ulimits(self) -> list[Ulimit]:
        return list(self._ulimits)

    def _validate(self) -> list[str]:
        out = super()._validate()
        names = [u.name.value for u in self._ulimits]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            out.append(f"container '{self.node.id}' sets ulimit {', '.join(duplicates)} more than once")
        return out

    def _resource_requirements(self) -> list[dict[str, str]]:
        out = super()._resource_requirements()
        if self.gpu:
            out.append({"type": "GPU", "value": str(self.gpu) if not is_unresolved(self.gpu)
                        else _token_str(self.gpu)})
        return out

    def _render_container(self) -> dict[str, Any]:
        return {**super()._render_container(), "privileged": self.privileged,
                "ulimits": [u.render() for u in self._ulimits]}


class EcsFargateContainerDefinition(EcsContainerDefinitionBase):
    """A container for Fargate compute environments (platform capability ``FARGATE``).

    :param assign_public_ip: default ``False`` (``networkConfiguration.assignPublicIp`` is always
        emitted; subnets without a NAT route need ``True`` to pull images).
    :param ephemeral_storage_size: ``Size`` in whole GiB, 21–200 (default: Fargate's 20 GiB).
    :param fargate_cpu_architecture: ``CpuArchitecture`` (default: not emitted, x86_64).
    :param fargate_operating_system_family: ``OperatingSystemFamily`` (default: not emitted, Linux).
    :param fargate_platform_version: ``FargatePlatformVersion`` (default: not emitted, LATEST).
    Other keywords: :class:`EcsContainerDefinitionBase`. The vCPU/memory pair must be one
    Fargate offers; ``gpu``, ``privileged`` and ``ulimits`` are refused.
    """

    platform_capability = "FARGATE"

    def __init__(self, scope: Any, id: str, *, image: ContainerImage, cpu: float, memory: Size,
                 assign_public_ip: bool | None = None, ephemeral_storage_size: Size | None = None,
                 fargate_cpu_architecture: CpuArchitecture | None = None,
                 fargate_operating_system_family: OperatingSystemFamily | None = None,
                 fargate_platform_version: FargatePlatformVersion | str | None = None,
                 **kwargs: Any) -> None:
        for refused in ("gpu", "privileged", "ulimits"):
            if refused in kwargs:
                from ._errors import construct_path
                raise ValidationError(f"{construct_path(scope)}/{id}",
                                      f"EcsFargateContainerDefinition '{id}' does not take '{refused}': "
                                      "Fargate does not support it")
        super().__init__(scope, id, image=image, cpu=cpu, memory=memory, **kwargs)
        self.assign_public_ip = bool(assign_public_ip)
        self.ephemeral_storage_size = ephemeral_storage_size
        self._ephemeral_gib: int | None = None
        if ephemeral_storage_size is not None:
            gib = size_in(self, ephemeral_storage_size, "gibibytes")
            if gib > 200:
                raise ValidationError(self, f"ECS Fargate container '{id}' specifies 'ephemeralStorageSize' at "
                                            f"{gib} > 200 GB")
            if gib < 21:
                raise ValidationError(self, f"ECS Fargate container '{id}' specifies 'ephemeralStorageSize' at "
                                            f"{gib} < 21 GB")
            self._ephemeral_gib = gib
        self.fargate_cpu_architecture = fargate_cpu_architecture
        self.fargate_operating_system_family = fargate_operating_system_family
        self.fargate_platform_version = fargate_platform_version
        windows = fargate_operating_system_family is not None and fargate_operating_system_family.is_windows()
        if windows and self.readonly_root_filesystem:
            raise ValidationError(self, "Readonly root filesystem is not possible on Windows; write access is "
                                        "required for registry & system processes to run inside the container")
        if not is_unresolved(cpu) and not windows:
            allowed = FARGATE_MEMORY.get(float(cpu))
            if allowed is None or self._memory_mib not in allowed:
                raise ValidationError(self, f"ECS Fargate container '{id}' specifies cpu {format_number(cpu)} with "
                                            f"memory {self._memory_mib} MiB, which is not a valid Fargate combination")

    def _validate(self) -> list[str]:
        """What the Batch API says not to provide for Fargate jobs (checked at synth: devices,
        tmpfs mounts and volumes can still be added)."""
        out = super()._validate()
        id = self.node.id
        if self.linux_parameters is not None:
            refused = sorted(set(self.linux_parameters.render_linux_parameters()) - {"initProcessEnabled"})
            if refused:
                out.append(f"ECS Fargate container '{id}' sets linux parameters {', '.join(refused)}; AWS Batch "
                           "allows only init_process_enabled on Fargate")
        for volume in self._volumes:
            if isinstance(volume, HostVolume) and volume.host_path:
                out.append(f"ECS Fargate container '{id}' mounts host path '{volume.host_path}' (volume "
                           f"'{volume.name}'); Fargate supports host volumes only without host_path")
        return out

    def _render_container(self) -> dict[str, Any]:
        out = super()._render_container()
        windows = self.fargate_operating_system_family is not None and \
            self.fargate_operating_system_family.is_windows()
        if windows:
            out["readonlyRootFilesystem"] = None
        out["networkConfiguration"] = {"assignPublicIp": "ENABLED" if self.assign_public_ip else "DISABLED"}
        version = self.fargate_platform_version
        version = getattr(version, "value", version)
        if version and version != "LATEST":
            out["fargatePlatformConfiguration"] = {"platformVersion": version}
        if self._ephemeral_gib is not None:
            out["ephemeralStorage"] = {"sizeInGiB": self._ephemeral_gib}
        out["runtimePlatform"] = {
            "cpuArchitecture": self.fargate_cpu_architecture.value if self.fargate_cpu_architecture else None,
            "operatingSystemFamily": (self.fargate_operating_system_family.family
                                      if self.fargate_operating_system_family else None)}
        return out
