"""``EksContainerDefinition`` and the EKS volumes (``EksVolume.empty_dir/host_path/secret``).

The container renders the pod's single container of ``eks_properties`` as a plain dict with
Terraform's snake_case keys (the typed ``eks_properties`` block, not JSON):

* ``resources`` only when a limit or request is set; every quantity is a string Kubernetes
  parses (``"0.5"``, ``"2048Mi"``, ``"1"``);
* ``security_context`` only when a field of it is set (the provider then sends all five fields
  and an unset ``run_as_user`` as ``0``: root), so ``run_as_root=False`` needs ``run_as_user``;
* volume mounts only for volumes with a ``mount_path`` (Terraform requires it).
"""
from __future__ import annotations

import enum
import re
from typing import Any, Sequence

from ._base import BatchConstruct
from ._check import (check_bool, check_enum, check_instance, check_int, check_list, check_mapping, check_number,
                     check_str, check_str_list)
from ._convert import mebibytes_of, token_string
from ._errors import ValidationError, warn
from ._json import escape_strings
from ._tokens import format_number, is_unresolved
from .core import Size
from .ecs import ContainerImage
from ._identity import node_id

__all__ = ["EksContainerDefinition", "EksVolume", "EksVolumeOptions", "EmptyDirMediumType", "EmptyDirVolume",
           "EmptyDirVolumeOptions", "HostPathVolume", "HostPathVolumeOptions", "ImagePullPolicy", "SecretPathVolume",
           "SecretPathVolumeOptions"]


class ImagePullPolicy(enum.StrEnum):
    """When the kubelet pulls the image (Kubernetes' exact spelling)."""

    ALWAYS = "Always"
    IF_NOT_PRESENT = "IfNotPresent"
    NEVER = "Never"


class EmptyDirMediumType(enum.StrEnum):
    """Where an ``emptyDir`` volume lives: ``DISK`` (the node's storage, ``""``) or ``MEMORY`` (tmpfs)."""

    DISK = ""
    MEMORY = "Memory"


_DNS_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")
_DNS_RULE = ("a Kubernetes {} name (a DNS-1123 label: at most 63 lower-case letters, digits and '-', starting and "
             "ending with a letter or digit)")


def _mib(scope: Any, keyword: str, size: Any) -> Any:
    """Whole MiB of a ``Size`` (``Size.mebibytes(token)`` passes), int32."""
    return check_int(scope, f"{keyword} (MiB)", mebibytes_of(scope, keyword, size, tokens=True))


def _mi(mib: Any) -> str:
    return f"{token_string(mib)}Mi"


class EksVolumeOptions:
    """AWS CDK's option structs of the EKS volumes, for type hints and ``**vars(options)``: the
    factories (``EksVolume.empty_dir(...)``, ...) and the volume classes take these fields as
    keywords, as AWS CDK's Python API does, and check them there. ``name`` is required;
    ``mount_path`` and ``readonly`` default to ``None`` (see :class:`EksVolume`)."""

    def __init__(self, *, name: str, mount_path: str | None = None, readonly: bool | None = None) -> None:
        self.name = name
        self.mount_path = mount_path
        self.readonly = readonly


class EmptyDirVolumeOptions(EksVolumeOptions):
    """:class:`EksVolumeOptions` and ``medium``, ``size_limit`` (see :class:`EmptyDirVolume`)."""

    def __init__(self, *, name: str, mount_path: str | None = None, readonly: bool | None = None,
                 medium: EmptyDirMediumType | None = None, size_limit: Size | None = None) -> None:
        super().__init__(name=name, mount_path=mount_path, readonly=readonly)
        self.medium = medium
        self.size_limit = size_limit


class HostPathVolumeOptions(EksVolumeOptions):
    """:class:`EksVolumeOptions` and ``host_path`` (required; see :class:`HostPathVolume`)."""

    def __init__(self, *, name: str, host_path: str, mount_path: str | None = None,
                 readonly: bool | None = None) -> None:
        super().__init__(name=name, mount_path=mount_path, readonly=readonly)
        self.host_path = host_path


class SecretPathVolumeOptions(EksVolumeOptions):
    """:class:`EksVolumeOptions` and ``secret_name`` (required), ``optional`` (see :class:`SecretPathVolume`)."""

    def __init__(self, *, name: str, secret_name: str, optional: bool | None = None, mount_path: str | None = None,
                 readonly: bool | None = None) -> None:
        super().__init__(name=name, mount_path=mount_path, readonly=readonly)
        self.secret_name = secret_name
        self.optional = optional


class EksVolume:
    """A pod volume, mounted in the container at ``mount_path`` (if given).

    Create one with :meth:`empty_dir`, :meth:`host_path` or :meth:`secret`.

    :param name: the volume's name (required; a DNS-1123 label such as ``scratch``, at most 63
        characters; unique within the container).
    :param mount_path: where the container sees it (default: not mounted; Terraform requires a
        path for every mount).
    :param readonly: mount read-only (default: not emitted, Kubernetes' read-write).
    """

    def __init__(self, *, name: str, mount_path: str | None = None, readonly: bool | None = None) -> None:
        if check_str(None, "name", name, required=True) == "":
            raise ValidationError(None, f"EksVolume needs a non-empty 'name', got {name!r}")
        check_str(None, "name", name, pattern=_DNS_LABEL, rule=_DNS_RULE.format("volume"))
        self.name = name
        self.container_path = check_str(None, "mount_path", mount_path, min_length=1)
        self.readonly = check_bool(None, "readonly", readonly)

    @property
    def mount_path(self) -> str | None:
        return self.container_path

    @staticmethod
    def empty_dir(*, name: str, mount_path: str | None = None, readonly: bool | None = None,
                  medium: EmptyDirMediumType | None = None, size_limit: Size | None = None) -> "EmptyDirVolume":
        """A scratch directory that lives as long as the pod. ``size_limit`` is required here."""
        return EmptyDirVolume(name=name, mount_path=mount_path, readonly=readonly, medium=medium,
                              size_limit=size_limit)

    @staticmethod
    def host_path(*, name: str, host_path: str, mount_path: str | None = None,
                  readonly: bool | None = None) -> "HostPathVolume":
        """A file or directory of the node's file system."""
        return HostPathVolume(name=name, host_path=host_path, mount_path=mount_path, readonly=readonly)

    @staticmethod
    def secret(*, name: str, secret_name: str, optional: bool | None = None, mount_path: str | None = None,
               readonly: bool | None = None) -> "SecretPathVolume":
        """A Kubernetes secret of the job's namespace, as files."""
        return SecretPathVolume(name=name, secret_name=secret_name, optional=optional, mount_path=mount_path,
                                readonly=readonly)

    def _render_pod_volume(self) -> dict[str, Any]:  # pragma: no cover - abstract
        raise ValidationError(None, "unknown volume type")

    def _render_mount(self) -> dict[str, Any] | None:
        if self.container_path is None:
            return None
        mount: dict[str, Any] = {"name": self.name, "mount_path": self.container_path}
        if self.readonly is not None:
            mount["read_only"] = self.readonly
        return mount


class EmptyDirVolume(EksVolume):
    """``emptyDir``. ``medium`` default: not emitted (disk); ``size_limit``: a ``Size`` in whole
    MiB, required because the Terraform AWS provider requires it (AWS CDK leaves it optional)."""

    def __init__(self, *, name: str, mount_path: str | None = None, readonly: bool | None = None,
                 medium: EmptyDirMediumType | None = None, size_limit: Size | None = None) -> None:
        super().__init__(name=name, mount_path=mount_path, readonly=readonly)
        self.medium = check_enum(None, "medium", medium, EmptyDirMediumType)
        if size_limit is None:
            raise ValidationError(None, f"EksVolume.empty_dir '{name}' needs size_limit: the Terraform AWS "
                                        "provider requires it")
        self._size_mib = _mib(None, "size_limit", size_limit)
        if not is_unresolved(self._size_mib) and self._size_mib <= 0:
            raise ValidationError(None, f"EksVolume.empty_dir '{name}' specifies 'size_limit' = {self._size_mib} "
                                        "MiB; it must be at least 1 MiB")
        self.size_limit = size_limit

    @staticmethod
    def is_empty_dir_volume(x: Any) -> bool:
        return isinstance(x, EmptyDirVolume)

    def _render_pod_volume(self) -> dict[str, Any]:
        empty_dir: dict[str, Any] = {"size_limit": _mi(self._size_mib)}
        if self.medium is not None:
            empty_dir["medium"] = self.medium.value
        return {"name": self.name, "empty_dir": empty_dir}


class HostPathVolume(EksVolume):
    """``hostPath``: ``host_path`` is the path on the node (required)."""

    def __init__(self, *, name: str, host_path: str, mount_path: str | None = None,
                 readonly: bool | None = None) -> None:
        super().__init__(name=name, mount_path=mount_path, readonly=readonly)
        if not check_str(None, "host_path", host_path, required=True):
            raise ValidationError(None, f"EksVolume.host_path '{name}' needs a non-empty 'host_path'")
        self.path = host_path

    @staticmethod
    def is_host_path_volume(x: Any) -> bool:
        return isinstance(x, HostPathVolume)

    def _render_pod_volume(self) -> dict[str, Any]:
        return {"name": self.name, "host_path": {"path": self.path}}


class SecretPathVolume(EksVolume):
    """``secret``: ``secret_name`` (required); ``optional`` default ``True`` (always emitted):
    the pod starts even when the secret does not exist."""

    def __init__(self, *, name: str, secret_name: str, optional: bool | None = None,
                 mount_path: str | None = None, readonly: bool | None = None) -> None:
        super().__init__(name=name, mount_path=mount_path, readonly=readonly)
        if not check_str(None, "secret_name", secret_name, required=True):
            raise ValidationError(None, f"EksVolume.secret '{name}' needs a non-empty 'secret_name'")
        self.secret_name = secret_name
        self.optional = True if optional is None else check_bool(None, "optional", optional)

    @staticmethod
    def is_secret_path_volume(x: Any) -> bool:
        return isinstance(x, SecretPathVolume)

    def _render_pod_volume(self) -> dict[str, Any]:
        return {"name": self.name, "secret": {"secret_name": self.secret_name, "optional": self.optional}}


_KNOWN_VOLUMES = (EmptyDirVolume, HostPathVolume, SecretPathVolume)


def _check_volume(scope: Any, keyword: str, volume: Any) -> EksVolume:
    """E28 (AWS CDK's message) for an ``EksVolume`` of an unknown kind; anything else is not a volume."""
    check_instance(scope, keyword, volume, EksVolume,
                   "an EksVolume (EksVolume.empty_dir(...), .host_path(...) or .secret(...))", required=True)
    if not isinstance(volume, _KNOWN_VOLUMES):
        raise ValidationError(scope, "unknown volume type")
    return volume


def render_pod_volume(volume: Any) -> dict[str, Any]:
    """E28 for anything that is not one of the three known volume kinds."""
    if not isinstance(volume, _KNOWN_VOLUMES):
        raise ValidationError(None, "unknown volume type")
    return volume._render_pod_volume()


class EksContainerDefinition(BatchConstruct):
    """The container of an ``EksJobDefinition``'s pod. Creates no resources.

    :param image: ``ContainerImage`` (required). ECR images work (EKS nodes pull with their
        node role; no execution role is involved).
    :param args: arguments to the entrypoint (default: the image's ``CMD``).
    :param command: the entrypoint (default: the image's ``ENTRYPOINT``).
    :param env: ``{name: value}`` (default none); names may not start with ``AWS_BATCH``.
    :param image_pull_policy: ``ImagePullPolicy`` (default: not emitted; Kubernetes uses
        ``Always`` for ``:latest`` and ``IfNotPresent`` otherwise).
    :param name: the container's name (default: not emitted; Batch names it ``default``).
    :param cpu_limit: vCPUs, a positive multiple of 0.25 (default: not emitted).
    :param cpu_reservation: vCPUs requested, a positive multiple of 0.25, at most ``cpu_limit``
        (default: not emitted).
    :param memory_limit: ``Size`` in whole MiB, at least 4 MiB (default: not emitted).
    :param memory_reservation: ``Size``; equal to ``memory_limit`` when both are set (default:
        not emitted).
    :param gpu_limit: whole GPUs (``nvidia.com/gpu``) (default: not emitted).
    :param gpu_reservation: whole GPUs; equal to ``gpu_limit`` when both are set (default: not
        emitted).
    :param privileged: security context ``privileged`` (default: not emitted).
    :param readonly_root_filesystem: security context ``read_only_root_file_system`` (default: not
        emitted).
    :param run_as_group: security context ``run_as_group`` (default: not emitted).
    :param run_as_root: ``True`` emits ``run_as_non_root = false``; ``False`` emits
        ``run_as_non_root = true`` and needs ``run_as_user`` (default: not emitted, unlike AWS CDK
        which always sends ``runAsNonRoot: true``).
    :param run_as_user: security context ``run_as_user`` (default: not emitted). Setting any
        security-context field without it makes the provider send ``run_as_user = 0`` (root).
    :param volumes: ``EksVolume`` list (default none); more with :meth:`add_volume`.
    """

    #: AWS CDK's id of this class for property injection (``core.PropertyInjectors``).
    PROPERTY_INJECTION_ID = "aws-cdk-lib.aws-batch.EksContainerDefinition"

    def __init__(self, scope: Any, id: str, *, image: ContainerImage, args: Sequence[str] | None = None,
                 command: Sequence[str] | None = None, env: dict[str, str] | None = None,
                 image_pull_policy: ImagePullPolicy | None = None, name: str | None = None,
                 cpu_limit: float | None = None, cpu_reservation: float | None = None,
                 memory_limit: Size | None = None, memory_reservation: Size | None = None,
                 gpu_limit: int | None = None, gpu_reservation: int | None = None,
                 privileged: bool | None = None, readonly_root_filesystem: bool | None = None,
                 run_as_group: int | None = None, run_as_root: bool | None = None,
                 run_as_user: int | None = None, volumes: Sequence[EksVolume] | None = None) -> None:
        super().__init__(scope, id)
        self.image = check_instance(self, "image", image, ContainerImage,
                                    "a ContainerImage (ContainerImage.from_registry(...))", required=True)
        image.bind(self, self)  # an asset image creates its build here; the name is kept per container
        self._image_name: str = image.image_name
        self.args = check_str_list(self, "args", args)
        self.command = check_str_list(self, "command", command)
        self.env = check_mapping(self, "env", env) or None
        for key, value in (self.env or {}).items():
            if not key:
                raise self._error("'env' names must be non-empty strings, got ''")
            if key.startswith("AWS_BATCH"):
                raise self._error(f"environment variable '{key}' uses the reserved prefix AWS_BATCH")
            if value == "":
                warn(self, f"environment variable '{key}' has an empty value and will be ignored by AWS Batch")
        self.image_pull_policy = check_enum(self, "image_pull_policy", image_pull_policy, ImagePullPolicy)
        self.name = check_str(self, "name", name, pattern=_DNS_LABEL, rule=_DNS_RULE.format("container"))

        self.cpu_limit = self._check_cpu("cpu_limit", cpu_limit)
        self.cpu_reservation = self._check_cpu("cpu_reservation", cpu_reservation)
        if self._known(cpu_limit) and self._known(cpu_reservation) and cpu_limit < cpu_reservation:
            raise self._error(f"EksContainerDefinition '{id}': 'cpu_limit' ({format_number(cpu_limit)}) must be at "
                              f"least 'cpu_reservation' ({format_number(cpu_reservation)})")
        self.memory_limit = memory_limit
        self.memory_reservation = memory_reservation
        self.privileged = check_bool(self, "privileged", privileged)
        self.readonly_root_filesystem = check_bool(self, "readonly_root_filesystem", readonly_root_filesystem)
        self.run_as_root = check_bool(self, "run_as_root", run_as_root)
        self._memory_limit_mib = self._check_memory("memory_limit", memory_limit)
        self._memory_reservation_mib = self._check_memory("memory_reservation", memory_reservation)
        if self._known(self._memory_limit_mib) and self._known(self._memory_reservation_mib) \
                and self._memory_limit_mib != self._memory_reservation_mib:
            raise self._error(f"EksContainerDefinition '{id}': 'memory_limit' ({self._memory_limit_mib} MiB) must "
                              f"equal 'memory_reservation' ({self._memory_reservation_mib} MiB) when both are set")
        self.gpu_limit = self._check_gpu("gpu_limit", gpu_limit)
        self.gpu_reservation = self._check_gpu("gpu_reservation", gpu_reservation)
        if self._known(gpu_limit) and self._known(gpu_reservation) and gpu_limit != gpu_reservation:
            raise self._error(f"EksContainerDefinition '{id}': 'gpu_limit' ({gpu_limit}) must equal "
                              f"'gpu_reservation' ({gpu_reservation}) when both are set")
        missing = [what for what, values in (("cpu", (cpu_limit, cpu_reservation)),
                                             ("memory", (memory_limit, memory_reservation)))
                   if all(v is None for v in values)]
        if missing:
            warn(self, f"EksContainerDefinition '{id}' sets no {' and no '.join(missing)} (limit or reservation); "
                       "AWS Batch needs at least one of each for the pod (set it here or override it at submit)")

        # Kubernetes' run_as_user/run_as_group are int64, the Batch API's Long: non-negative here.
        self.run_as_group = check_int(self, "run_as_group", run_as_group, minimum=0, maximum=2 ** 63 - 1)
        self.run_as_user = check_int(self, "run_as_user", run_as_user, minimum=0, maximum=2 ** 63 - 1)
        if run_as_root is False and run_as_user is None:
            raise self._error(f"EksContainerDefinition '{id}' requires run_as_user when run_as_root is False")
        if run_as_user is None and run_as_root is None and (
                privileged is not None or readonly_root_filesystem is not None or run_as_group is not None):
            warn(self, f"EksContainerDefinition '{id}' sets a security-context field without run_as_user: the "
                       "Terraform AWS provider then sends run_as_user = 0 and the container runs as root; set "
                       "run_as_user (or run_as_root=True to say so)")

        self._volumes: list[EksVolume] = check_list(self, "volumes", volumes, _check_volume,
                                                    expected="a list of EksVolume") or []

    # -- checks ----------------------------------------------------------------------------
    @staticmethod
    def _known(value: Any) -> bool:
        return value is not None and not is_unresolved(value)

    def _check_cpu(self, key: str, value: Any) -> Any:
        value = check_number(self, key, value)
        if value is None or is_unresolved(value):
            return value
        if not (value > 0 and float(value * 4).is_integer()):
            raise self._error(f"EksContainerDefinition '{node_id(self)}': '{key}' = {value!r} is not a CPU "
                              "quantity AWS Batch accepts; use a positive multiple of 0.25 vCPU")
        return value

    def _check_memory(self, key: str, value: Any) -> Any:
        mib = _mib(self, key, value)
        if mib is None or is_unresolved(mib):
            return mib
        if mib < 4:
            raise self._error(f"EksContainerDefinition '{node_id(self)}': '{key}' = {mib} MiB; Kubernetes on "
                              "AWS Batch needs at least 4 MiB")
        return mib

    def _check_gpu(self, key: str, value: Any) -> Any:
        return check_int(self, key, value, minimum=0)

    def _validate(self) -> list[str]:
        """Duplicate volume names (volumes can still be added)."""
        seen: set[str] = set()
        out = []
        for volume in self._volumes:
            if volume.name in seen:
                out.append(f"EksContainerDefinition '{node_id(self)}' has two volumes named '{volume.name}'")
            seen.add(volume.name)
        return out

    # -- volumes ---------------------------------------------------------------------------
    def add_volume(self, volume: EksVolume) -> None:
        """Add a pod volume (and its mount, when it has a ``mount_path``)."""
        self._volumes.append(_check_volume(self, "volume", volume))

    @property
    def volumes(self) -> list[EksVolume]:
        return list(self._volumes)

    # -- rendering -------------------------------------------------------------------------
    @staticmethod
    def _quantity(value: Any) -> str:
        return token_string(value)

    def _render_resources(self) -> dict[str, Any] | None:
        limits: dict[str, str] = {}
        requests: dict[str, str] = {}
        if self.cpu_limit is not None:
            limits["cpu"] = self._quantity(self.cpu_limit)
        if self.cpu_reservation is not None:
            requests["cpu"] = self._quantity(self.cpu_reservation)
        if self._memory_limit_mib is not None:
            limits["memory"] = _mi(self._memory_limit_mib)
        if self._memory_reservation_mib is not None:
            requests["memory"] = _mi(self._memory_reservation_mib)
        if self.gpu_limit is not None:
            limits["nvidia.com/gpu"] = self._quantity(self.gpu_limit)
        if self.gpu_reservation is not None:
            requests["nvidia.com/gpu"] = self._quantity(self.gpu_reservation)
        resources = {k: v for k, v in (("limits", limits), ("requests", requests)) if v}
        return resources or None

    def _render_security_context(self) -> dict[str, Any] | None:
        context: dict[str, Any] = {}
        if self.privileged is not None:
            context["privileged"] = self.privileged
        if self.readonly_root_filesystem is not None:
            context["read_only_root_file_system"] = self.readonly_root_filesystem
        if self.run_as_group is not None:
            context["run_as_group"] = self.run_as_group
        if self.run_as_root is not None:
            context["run_as_non_root"] = not self.run_as_root
        if self.run_as_user is not None:
            context["run_as_user"] = self.run_as_user
        return context or None

    def _render_container(self) -> dict[str, Any]:
        """The pod container with Terraform's snake_case keys (``None`` = not emitted)."""
        env = self.env or {}
        mounts = [m for m in (v._render_mount() for v in self._volumes) if m is not None]
        out = {
            "image": self._image_name,
            "command": self.command or None,
            "args": self.args or None,
            "env": [{"name": k, "value": env[k]} for k in sorted(env) if env[k] != ""] or None,
            "name": self.name,
            "image_pull_policy": self.image_pull_policy.value if self.image_pull_policy else None,
            "resources": self._render_resources(),
            "security_context": self._render_security_context(),
            "volume_mounts": mounts or None,
        }
        return escape_strings({k: v for k, v in out.items() if v is not None})

    def _render_pod_volumes(self) -> list[dict[str, Any]]:
        return [escape_strings(render_pod_volume(v)) for v in self._volumes]


from ._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
