"""``EcsFargateContainerDefinition``: an ECS container for Fargate compute environments.

Re-exported by :mod:`batch_constructs.ecs_container_definition` (its home in the public API).
The vCPU/memory tables are the Batch API's ``ResourceRequirement`` ones (Linux) and Amazon ECS's
task sizes for Windows containers on Fargate (1, 2 or 4 vCPU, X86_64 only).
"""
from __future__ import annotations

from typing import Any, Mapping, Sequence

from ._check import check_bool, check_enum, check_number
from ._convert import gibibytes_of
from ._errors import ValidationError
from ._keywords import check_keywords
from ._tokens import format_number, is_unresolved
from .core import Size
from .ecs import ContainerImage, CpuArchitecture, FargatePlatformVersion, OperatingSystemFamily
from .ecs_container_definition import EcsContainerDefinitionBase
from .ecs_volumes import EcsVolume
from .linux_parameters import LinuxParameters
from .logging import LogDriver
from .secrets import Secret
from .ecs_volumes import HostVolume
from ._identity import node_id

__all__ = ["EcsFargateContainerDefinition"]

# L12: Fargate (Linux) vCPU → valid memory (MiB). 8 and 16 vCPU need platform version 1.4.0 or later.
FARGATE_MEMORY: dict[float, list[int]] = {
    0.25: [512, 1024, 2048],
    0.5: list(range(1024, 4097, 1024)),
    1: list(range(2048, 8193, 1024)),
    2: list(range(4096, 16385, 1024)),
    4: list(range(8192, 30721, 1024)),
    8: list(range(16384, 61441, 4096)),
    16: list(range(32768, 122881, 8192)),
}
# Windows containers on Fargate: 1, 2 and 4 vCPU only.
FARGATE_WINDOWS_MEMORY: dict[float, list[int]] = {cpu: FARGATE_MEMORY[cpu] for cpu in (1, 2, 4)}
_OLD_PLATFORMS = {FargatePlatformVersion.VERSION1_0, FargatePlatformVersion.VERSION1_1,
                  FargatePlatformVersion.VERSION1_2, FargatePlatformVersion.VERSION1_3}


def _check_constant(scope: Any, keyword: str, value: Any, cls: type, names: tuple[str, ...]) -> Any:
    """A class-constant value (``CpuArchitecture.ARM64``), or its name as a string (``"ARM64"``).

    ``CpuArchitecture``/``OperatingSystemFamily`` are classes with constants rather than enums, so
    :func:`~batch_constructs._check.check_enum` cannot take them; this is its counterpart."""
    if value is None or isinstance(value, cls):
        return value
    if isinstance(value, str) and value in names:
        return getattr(cls, value)
    from ._check import describe
    allowed = ", ".join(f"{cls.__name__}.{n}" for n in names)
    raise ValidationError(scope, f"'{keyword}' must be one of {allowed}, got {describe(value)}")


_ARCHITECTURES = ("X86_64", "ARM64")
_FAMILIES = ("LINUX", "WINDOWS_SERVER_2019_CORE", "WINDOWS_SERVER_2019_FULL", "WINDOWS_SERVER_2022_CORE",
             "WINDOWS_SERVER_2022_FULL", "WINDOWS_SERVER_2025_CORE", "WINDOWS_SERVER_2025_FULL")


class EcsFargateContainerDefinition(EcsContainerDefinitionBase):
    """A container for Fargate compute environments (platform capability ``FARGATE``).

    :param assign_public_ip: default ``False`` (``networkConfiguration.assignPublicIp`` is always
        emitted; subnets without a NAT route need ``True`` to pull images).
    :param ephemeral_storage_size: ``Size`` in whole GiB, 21–200 (default: Fargate's 20 GiB).
    :param fargate_cpu_architecture: ``CpuArchitecture`` or its name (``"ARM64"``) (default: not
        emitted, x86_64). Windows needs ``X86_64``.
    :param fargate_operating_system_family: ``OperatingSystemFamily`` or its name (default: not
        emitted, Linux). Windows takes 1, 2 or 4 vCPU, no ``user``, no ``linux_parameters``
        and no read-only root file system.
    :param fargate_platform_version: ``FargatePlatformVersion`` or its value (``"1.4.0"``)
        (default: not emitted, LATEST); 8 and 16 vCPU need 1.4.0 or LATEST.
    Other keywords: :class:`EcsContainerDefinitionBase`. The vCPU/memory pair must be one
    Fargate offers (0.25–16 vCPU); ``gpu``, ``privileged`` and ``ulimits`` are refused.
    """

    #: AWS CDK's id of this class for property injection (``core.PropertyInjectors``).
    PROPERTY_INJECTION_ID = "aws-cdk-lib.aws-batch.EcsFargateContainerDefinition"

    platform_capability = "FARGATE"

    def __init__(self, scope: Any, id: str, *, image: ContainerImage, cpu: float, memory: Size,
                 command: Sequence[str] | None = None, environment: Mapping[str, str] | None = None,
                 execution_role: Any = None, job_role: Any = None,
                 linux_parameters: LinuxParameters | None = None, logging: LogDriver | None = None,
                 readonly_root_filesystem: bool | None = None, secrets: Mapping[str, Secret] | None = None,
                 user: str | None = None, volumes: Sequence[EcsVolume] | None = None,
                 enable_execute_command: bool | None = None,
                 assign_public_ip: bool | None = None, ephemeral_storage_size: Size | None = None,
                 fargate_cpu_architecture: CpuArchitecture | str | None = None,
                 fargate_operating_system_family: OperatingSystemFamily | str | None = None,
                 fargate_platform_version: FargatePlatformVersion | str | None = None,
                 **ec2_only: Any) -> None:
        """``ec2_only``: ``gpu``, ``privileged`` or ``ulimits`` is a ``ValidationError`` (Fargate does
        not support them); any other unknown keyword a ``TypeError``."""
        check_keywords("EcsFargateContainerDefinition", EcsFargateContainerDefinition.__init__,
                       {k: v for k, v in ec2_only.items() if k not in ("gpu", "privileged", "ulimits")},
                       named_only=True)
        for refused in ("gpu", "privileged", "ulimits"):
            if refused in ec2_only:
                from ._errors import construct_path
                raise ValidationError(f"{construct_path(scope)}/{id}",
                                      f"EcsFargateContainerDefinition '{id}' does not take '{refused}': "
                                      "Fargate does not support it")
        super().__init__(scope, id, image=image, cpu=cpu, memory=memory, command=command, environment=environment,
                         execution_role=execution_role, job_role=job_role, linux_parameters=linux_parameters,
                         logging=logging, readonly_root_filesystem=readonly_root_filesystem, secrets=secrets,
                         user=user, volumes=volumes, enable_execute_command=enable_execute_command)
        self.assign_public_ip = bool(check_bool(self, "assign_public_ip", assign_public_ip))
        self.ephemeral_storage_size = ephemeral_storage_size
        self._ephemeral_gib = self._check_ephemeral_storage(ephemeral_storage_size)
        self.fargate_cpu_architecture = _check_constant(self, "fargate_cpu_architecture", fargate_cpu_architecture,
                                                        CpuArchitecture, _ARCHITECTURES)
        self.fargate_operating_system_family = _check_constant(
            self, "fargate_operating_system_family", fargate_operating_system_family, OperatingSystemFamily,
            _FAMILIES)
        self.fargate_platform_version = check_enum(self, "fargate_platform_version", fargate_platform_version,
                                                   FargatePlatformVersion)
        if self.windows:
            self._check_windows()
        self._check_pair()

    @property
    def windows(self) -> bool:
        family = self.fargate_operating_system_family
        return family is not None and family.is_windows()

    # -- checks ------------------------------------------------------------------------------
    def _check_cpu(self, cpu: Any) -> Any:
        return check_number(self, "cpu", cpu, minimum=0.25, required=True)

    def _check_ephemeral_storage(self, size: Any) -> Any:
        gib = gibibytes_of(self, "ephemeral_storage_size", size)
        if gib is None:
            return None
        id = node_id(self)
        if gib > 200:
            raise ValidationError(self, f"ECS Fargate container '{id}' specifies 'ephemeralStorageSize' at "
                                        f"{gib} > 200 GB")
        if gib < 21:
            raise ValidationError(self, f"ECS Fargate container '{id}' specifies 'ephemeralStorageSize' at "
                                        f"{gib} < 21 GB")
        return gib

    def _check_windows(self) -> None:
        """What Fargate refuses for Windows containers."""
        id = node_id(self)
        if self.readonly_root_filesystem:
            raise ValidationError(self, "Readonly root filesystem is not possible on Windows; write access is "
                                        "required for registry & system processes to run inside the container")
        if self.fargate_cpu_architecture is not None and self.fargate_cpu_architecture != CpuArchitecture.X86_64:
            raise ValidationError(self, f"ECS Fargate container '{id}': 'fargate_cpu_architecture' must be "
                                        f"CpuArchitecture.X86_64 for Windows, got {self.fargate_cpu_architecture!r}")
        if self.user is not None:
            raise ValidationError(self, f"ECS Fargate container '{id}': 'user' is not supported for Windows "
                                        f"containers, got {self.user!r}")
        if self.linux_parameters is not None:
            raise ValidationError(self, f"ECS Fargate container '{id}': 'linux_parameters' are not supported for "
                                        f"Windows containers (got LinuxParameters '{self.linux_parameters.node.id}')")

    def _check_pair(self) -> None:
        """The vCPU/memory pair must be one Fargate offers (skipped when either is a token)."""
        cpu, mib = self.cpu, self._memory_mib
        if is_unresolved(cpu) or is_unresolved(mib):
            return
        table = FARGATE_WINDOWS_MEMORY if self.windows else FARGATE_MEMORY
        allowed = table.get(float(cpu))
        if allowed is None or mib not in allowed:
            system = " Windows" if self.windows else ""
            raise ValidationError(self, f"ECS Fargate container '{node_id(self)}' specifies cpu {format_number(cpu)} "
                                        f"with memory {mib} MiB, which is not a valid Fargate{system} combination")
        if cpu >= 8 and self.fargate_platform_version in _OLD_PLATFORMS:
            raise ValidationError(self, f"ECS Fargate container '{node_id(self)}' specifies cpu {format_number(cpu)} "
                                        f"with 'fargate_platform_version' {self.fargate_platform_version.value}; "
                                        "8 and 16 vCPU need platform version 1.4.0 or LATEST")

    def _validate(self) -> list[str]:
        """What the Batch API says not to provide for Fargate jobs (checked at synth: devices,
        tmpfs mounts and volumes can still be added)."""
        out = super()._validate()
        id = node_id(self)
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
        if self.windows:
            out["readonlyRootFilesystem"] = None
        out["networkConfiguration"] = {"assignPublicIp": "ENABLED" if self.assign_public_ip else "DISABLED"}
        version = self.fargate_platform_version
        if version is not None and version is not FargatePlatformVersion.LATEST:
            out["fargatePlatformConfiguration"] = {"platformVersion": version.value}
        if self._ephemeral_gib is not None:
            out["ephemeralStorage"] = {"sizeInGiB": self._ephemeral_gib}
        out["runtimePlatform"] = {
            "cpuArchitecture": self.fargate_cpu_architecture.value if self.fargate_cpu_architecture else None,
            "operatingSystemFamily": (self.fargate_operating_system_family.family
                                      if self.fargate_operating_system_family else None)}
        return out


from ._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
