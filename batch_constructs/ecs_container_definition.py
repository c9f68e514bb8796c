"""ECS container definitions: ``EcsEc2ContainerDefinition`` and ``EcsFargateContainerDefinition``.

A container definition is a construct of its own (it owns the execution role) and renders the
AWS Batch ``ContainerProperties`` object with the API's camelCase keys.
"""
from __future__ import annotations

from typing import Any, Sequence

from ._base import BatchConstruct
from ._errors import ValidationError, warn
from ._tokens import format_number, is_unresolved
from .core import Size
from .ecs import ContainerImage, CpuArchitecture, FargatePlatformVersion, OperatingSystemFamily
from .iam import ManagedPolicy, Role, ServicePrincipal, as_role

__all__ = ["EcsContainerDefinitionBase", "EcsEc2ContainerDefinition", "EcsFargateContainerDefinition"]

EXECUTION_ROLE_POLICY = "service-role/AmazonECSTaskExecutionRolePolicy"

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


class EcsContainerDefinitionBase(BatchConstruct):
    """Keywords shared by ECS containers.

    :param image: ``ContainerImage`` (required).
    :param cpu: vCPUs, fractions allowed (required).
    :param memory: ``Size`` in whole MiB (required).
    :param command: default: the image's command.
    :param environment: ``{name: value}`` (default none); names may not start with ``AWS_BATCH``.
    :param execution_role: default: a role (child ``ExecutionRole``) trusted by
        ``ecs-tasks.amazonaws.com`` with ``AmazonECSTaskExecutionRolePolicy`` attached.
    :param job_role: default: none.
    :param readonly_root_filesystem: default: not emitted (Batch's ``False``).
    :param user: default: the image's user.
    """

    platform_capability = "EC2"

    def __init__(self, scope: Any, id: str, *, image: ContainerImage, cpu: float, memory: Size,
                 command: Sequence[str] | None = None, environment: dict[str, str] | None = None,
                 execution_role: Any = None, job_role: Any = None,
                 readonly_root_filesystem: bool | None = None, user: str | None = None) -> None:
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
        self.command = list(command) if command is not None else None
        self.environment = dict(environment) if environment else None
        for name, value in (self.environment or {}).items():
            if name.startswith("AWS_BATCH"):
                raise ValidationError(self, f"environment variable '{name}' uses the reserved prefix AWS_BATCH")
            if value == "":
                warn(self, f"environment variable '{name}' has an empty value and will be ignored by AWS Batch")
        self.execution_role = as_role(execution_role, what="execution_role", scope=self) or Role(
            self, "ExecutionRole", assumed_by=ServicePrincipal("ecs-tasks.amazonaws.com"),
            managed_policies=[ManagedPolicy.from_aws_managed_policy_name(EXECUTION_ROLE_POLICY)])
        self.job_role = as_role(job_role, what="job_role", scope=self)
        self.readonly_root_filesystem = readonly_root_filesystem
        self.user = user

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
        }

    def render_container_properties(self) -> dict[str, Any]:
        from ._json import prune
        return prune(self._render_container())


def _token_str(value: Any) -> str:
    from cdktf import Token
    return Token.as_string(value)


class EcsEc2ContainerDefinition(EcsContainerDefinitionBase):
    """A container for EC2 compute environments (platform capability ``EC2``).

    :param privileged: default: not emitted.
    :param gpu: GPUs (default none; ``0`` means none).
    Other keywords: :class:`EcsContainerDefinitionBase`.
    """

    platform_capability = "EC2"

    def __init__(self, scope: Any, id: str, *, image: ContainerImage, cpu: float, memory: Size,
                 privileged: bool | None = None, gpu: int | None = None, **kwargs: Any) -> None:
        super().__init__(scope, id, image=image, cpu=cpu, memory=memory, **kwargs)
        self.privileged = privileged
        self.gpu = gpu

    def _resource_requirements(self) -> list[dict[str, str]]:
        out = super()._resource_requirements()
        if self.gpu:
            out.append({"type": "GPU", "value": str(self.gpu)})
        return out

    def _render_container(self) -> dict[str, Any]:
        return {**super()._render_container(), "privileged": self.privileged}


class EcsFargateContainerDefinition(EcsContainerDefinitionBase):
    """A container for Fargate compute environments (platform capability ``FARGATE``).

    :param assign_public_ip: default ``False`` (``networkConfiguration.assignPublicIp`` is always
        emitted; subnets without a NAT route need ``True`` to pull images).
    :param ephemeral_storage_size: ``Size`` in whole GiB, 21–200 (default: Fargate's 20 GiB).
    :param fargate_cpu_architecture: ``CpuArchitecture`` (default: not emitted, x86_64).
    :param fargate_operating_system_family: ``OperatingSystemFamily`` (default: not emitted, Linux).
    :param fargate_platform_version: ``FargatePlatformVersion`` (default: not emitted, LATEST).
    Other keywords: :class:`EcsContainerDefinitionBase`. The vCPU/memory pair must be one
    Fargate offers.
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
