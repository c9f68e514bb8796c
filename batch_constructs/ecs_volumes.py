"""ECS volumes: ``EcsVolume.efs(...)`` and ``EcsVolume.host(...)`` (``volumes`` + ``mountPoints``)."""
from __future__ import annotations

from typing import Any

from ._check import check_bool, check_instance, check_int, check_str
from ._errors import ValidationError

__all__ = ["EcsVolume", "EcsVolumeOptions", "EfsVolume", "EfsVolumeOptions", "HostVolume", "HostVolumeOptions"]


class EcsVolumeOptions:
    """``name`` and ``container_path`` (required), ``readonly`` (default: not emitted, ``False``)."""

    def __init__(self, *, name: str, container_path: str, readonly: bool | None = None) -> None:
        self.name = name
        self.container_path = container_path
        self.readonly = readonly


class EfsVolumeOptions(EcsVolumeOptions):
    def __init__(self, *, name: str, container_path: str, file_system: Any, readonly: bool | None = None,
                 root_directory: str | None = None, enable_transit_encryption: bool | None = None,
                 transit_encryption_port: int | None = None, access_point_id: str | None = None,
                 use_job_role: bool | None = None) -> None:
        super().__init__(name=name, container_path=container_path, readonly=readonly)
        self.file_system = file_system
        self.root_directory = root_directory
        self.enable_transit_encryption = enable_transit_encryption
        self.transit_encryption_port = transit_encryption_port
        self.access_point_id = access_point_id
        self.use_job_role = use_job_role


class HostVolumeOptions(EcsVolumeOptions):
    def __init__(self, *, name: str, container_path: str, readonly: bool | None = None,
                 host_path: str | None = None) -> None:
        super().__init__(name=name, container_path=container_path, readonly=readonly)
        self.host_path = check_str(None, "host_path", host_path, min_length=1)


def _options(options: Any, fields: dict[str, Any]) -> dict[str, Any]:
    """A struct-taking factory also takes the struct's fields as keywords: without ``options`` the
    fields as given (a required one left ``None`` is refused by the volume's checks), with it the
    fields given (not ``None``) over those of ``options``."""
    if options is None:
        return fields
    check_instance(None, "options", options, EcsVolumeOptions, "EfsVolumeOptions or HostVolumeOptions")
    return {**{k: v for k, v in vars(options).items()}, **{k: v for k, v in fields.items() if v is not None}}


#: The Batch API's ``Volume.name``: up to 255 letters, digits, hyphens and underscores.
_VOLUME_NAME = r"[A-Za-z0-9_-]{1,255}"
_VOLUME_RULE = "1-255 letters, digits, hyphens or underscores"


class EcsVolume:
    """A volume mounted into an ECS container. Create with :meth:`efs` or :meth:`host`."""

    def __init__(self, *, name: str, container_path: str, readonly: bool | None = None) -> None:
        self.name = check_str(None, "name", name, pattern=_VOLUME_NAME, rule=_VOLUME_RULE, required=True)
        self.container_path = check_str(None, "container_path", container_path, min_length=1, required=True)
        self.readonly = check_bool(None, "readonly", readonly)

    @staticmethod
    def efs(options: EfsVolumeOptions | None = None, /, *, name: str | None = None,
            container_path: str | None = None, file_system: Any = None, readonly: bool | None = None,
            root_directory: str | None = None, enable_transit_encryption: bool | None = None,
            transit_encryption_port: int | None = None, access_point_id: str | None = None,
            use_job_role: bool | None = None) -> "EfsVolume":
        """An EFS volume: ``EcsVolume.efs(name=..., container_path=..., file_system=fs, ...)``, or
        ``EcsVolume.efs(EfsVolumeOptions(...))`` (keywords given as well override its fields).

        ``name``, ``container_path`` and ``file_system`` are required; see :class:`EfsVolume` for
        every keyword and its default."""
        return EfsVolume(**_options(options, {
            "name": name, "container_path": container_path, "file_system": file_system, "readonly": readonly,
            "root_directory": root_directory, "enable_transit_encryption": enable_transit_encryption,
            "transit_encryption_port": transit_encryption_port, "access_point_id": access_point_id,
            "use_job_role": use_job_role}))

    @staticmethod
    def host(options: HostVolumeOptions | None = None, /, *, name: str | None = None,
             container_path: str | None = None, readonly: bool | None = None,
             host_path: str | None = None) -> "HostVolume":
        """A host (bind-mount) volume: ``EcsVolume.host(name=..., container_path=..., host_path=...)``
        or ``EcsVolume.host(HostVolumeOptions(...))``. ``name`` and ``container_path`` are required;
        ``host_path`` default: none (Docker manages the volume)."""
        return HostVolume(**_options(options, {"name": name, "container_path": container_path,
                                               "readonly": readonly, "host_path": host_path}))

    def render_mount_point(self) -> dict[str, Any]:
        return {"sourceVolume": self.name, "containerPath": self.container_path, "readOnly": self.readonly}

    def render_volume(self) -> dict[str, Any]:  # pragma: no cover - abstract
        raise NotImplementedError


def _file_system_id(file_system: Any) -> str | None:
    """The ID of ``file_system``: the provider's ``EfsFileSystem`` L1, anything with
    ``file_system_id``, or an ID string (``fs-...`` or a token)."""
    if isinstance(file_system, str) and file_system:
        return file_system
    fs_id = getattr(file_system, "file_system_id", None)
    if isinstance(fs_id, str):
        return fs_id
    if getattr(file_system, "terraform_resource_type", None) == "aws_efs_file_system":
        return file_system.id
    return None


def _access_point_id(access_point: Any) -> Any:
    """The ID of an ``efs.AccessPoint`` (anything with a string ``access_point_id``) or of the
    provider's ``EfsAccessPoint`` L1; other values are returned as given (an ID string is
    checked by the caller)."""
    if isinstance(access_point, str):
        return access_point
    if getattr(access_point, "terraform_resource_type", None) == "aws_efs_access_point":
        return access_point.id
    ap_id = getattr(access_point, "access_point_id", None)
    return ap_id if isinstance(ap_id, str) else access_point


class EfsVolume(EcsVolume):
    """An EFS file system mounted into the container.

    :param file_system: an ``efs.FileSystem`` (or its import), the provider's ``EfsFileSystem`` L1,
        an object with ``file_system_id``, or the file-system ID (required).
    :param root_directory: directory of the file system to mount (default: its root). With an
        access point it must be unset or ``/``.
    :param enable_transit_encryption: default: not emitted (``DISABLED``). Required by
        ``access_point_id`` and ``use_job_role``.
    :param transit_encryption_port: default: the EFS mount helper's choice.
    :param access_point_id: an access point ID, or an ``efs.AccessPoint`` (default: none).
    :param use_job_role: mount with the job role's IAM identity (default: not emitted, ``DISABLED``);
        the job role needs ``elasticfilesystem:ClientMount`` (and ``ClientWrite``) on the file system.
    """

    def __init__(self, *, name: str, container_path: str, file_system: Any, readonly: bool | None = None,
                 root_directory: str | None = None, enable_transit_encryption: bool | None = None,
                 transit_encryption_port: int | None = None, access_point_id: str | None = None,
                 use_job_role: bool | None = None) -> None:
        super().__init__(name=name, container_path=container_path, readonly=readonly)
        self._file_system = file_system
        self._file_system_id = _file_system_id(file_system)
        if self._file_system_id is None:
            raise ValidationError(None, "'fileSystem' instance should implement IFileSystem, but doesn't: "
                                        f"{type(file_system).__name__}")
        self.root_directory = check_str(None, "root_directory", root_directory, min_length=1)
        self.enable_transit_encryption = check_bool(None, "enable_transit_encryption", enable_transit_encryption)
        self.transit_encryption_port = check_int(None, "transit_encryption_port", transit_encryption_port,
                                                 minimum=0, maximum=65535)
        access_point_id = _access_point_id(access_point_id)
        self.access_point_id = check_str(None, "access_point_id", access_point_id)
        self.use_job_role = check_bool(None, "use_job_role", use_job_role)
        # L22: what the Batch API refuses.
        if access_point_id and not enable_transit_encryption:
            raise ValidationError(None, f"EFS volume '{name}': access_point_id requires "
                                        "enable_transit_encryption=True")
        if access_point_id and root_directory not in (None, "/"):
            raise ValidationError(None, f"EFS volume '{name}': access_point_id requires root_directory to be "
                                        "unset or '/'")
        if use_job_role and not enable_transit_encryption:
            raise ValidationError(None, f"EFS volume '{name}': use_job_role=True requires "
                                        "enable_transit_encryption=True")

    @staticmethod
    def is_efs_volume(x: Any) -> bool:
        return isinstance(x, EfsVolume)

    @property
    def file_system(self) -> Any:
        return self._file_system

    @property
    def file_system_id(self) -> str:
        return self._file_system_id  # type: ignore[return-value]

    def render_volume(self) -> dict[str, Any]:
        config: dict[str, Any] = {"fileSystemId": self._file_system_id, "rootDirectory": self.root_directory}
        if self.enable_transit_encryption is not None:
            config["transitEncryption"] = "ENABLED" if self.enable_transit_encryption else "DISABLED"
        config["transitEncryptionPort"] = self.transit_encryption_port
        if self.access_point_id or self.use_job_role:
            auth: dict[str, Any] = {"accessPointId": self.access_point_id or None}
            if self.use_job_role is not None:
                auth["iam"] = "ENABLED" if self.use_job_role else "DISABLED"
            config["authorizationConfig"] = auth
        return {"name": self.name, "efsVolumeConfiguration": config}


class HostVolume(EcsVolume):
    """A directory of the host mounted into the container.

    :param host_path: default: a path Docker chooses (data lives as long as the container).
    """

    def __init__(self, *, name: str, container_path: str, readonly: bool | None = None,
                 host_path: str | None = None) -> None:
        super().__init__(name=name, container_path=container_path, readonly=readonly)
        self.host_path = check_str(None, "host_path", host_path, min_length=1)

    @staticmethod
    def is_host_volume(x: Any) -> bool:
        return isinstance(x, HostVolume)

    def render_volume(self) -> dict[str, Any]:
        # Without a path the ``host`` object would be empty: it is left out (same meaning for
        # Batch, and empty objects are never emitted).
        return {"name": self.name, "host": {"sourcePath": self.host_path} if self.host_path else None}


from ._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
