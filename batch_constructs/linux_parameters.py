"""``LinuxParameters``: devices, tmpfs mounts, shared memory, swap and the init process of an
ECS container (``containerProperties.linuxParameters``)."""
from __future__ import annotations

import enum
from typing import Any, Sequence

from ._base import BatchConstruct
from ._check import check_bool, check_enum, check_instance, check_int, check_list, check_number, check_str
from ._convert import mebibytes_of
from ._errors import warn
from ._tokens import is_unresolved
from .core import Size

__all__ = ["Device", "DevicePermission", "LinuxParameters", "Tmpfs", "TmpfsMountOption"]


class DevicePermission(enum.StrEnum):
    """Permissions of a host device in the container. The values are AWS CDK's (lower case);
    the job definition receives the API's upper-case ``READ``/``WRITE``/``MKNOD``."""

    READ = "read"
    WRITE = "write"
    MKNOD = "mknod"


class TmpfsMountOption(enum.StrEnum):
    """Mount options of a tmpfs mount (``mountOptions``)."""

    DEFAULTS = "defaults"
    RO = "ro"
    RW = "rw"
    SUID = "suid"
    NOSUID = "nosuid"
    DEV = "dev"
    NODEV = "nodev"
    EXEC = "exec"
    NOEXEC = "noexec"
    SYNC = "sync"
    ASYNC = "async"
    DIRSYNC = "dirsync"
    REMOUNT = "remount"
    MAND = "mand"
    NOMAND = "nomand"
    ATIME = "atime"
    NOATIME = "noatime"
    DIRATIME = "diratime"
    NODIRATIME = "nodiratime"
    BIND = "bind"
    RBIND = "rbind"
    UNBINDABLE = "unbindable"
    RUNBINDABLE = "runbindable"
    PRIVATE = "private"
    RPRIVATE = "rprivate"
    SHARED = "shared"
    RSHARED = "rshared"
    SLAVE = "slave"
    RSLAVE = "rslave"
    RELATIME = "relatime"
    NORELATIME = "norelatime"
    STRICTATIME = "strictatime"
    NOSTRICTATIME = "nostrictatime"
    MODE = "mode"
    UID = "uid"
    GID = "gid"
    NR_INODES = "nr_inodes"
    NR_BLOCKS = "nr_blocks"
    MPOL = "mpol"


class Device:
    """A host device exposed to the container.

    :param host_path: path of the device on the host (required).
    :param container_path: default: the same as ``host_path``.
    :param permissions: ``DevicePermission`` list (default: read, write and mknod).
    """

    def __init__(self, *, host_path: str, container_path: str | None = None,
                 permissions: Sequence[DevicePermission] | None = None) -> None:
        self.host_path = check_str(None, "host_path", host_path, min_length=1, required=True)
        self.container_path = check_str(None, "container_path", container_path, min_length=1)
        self.permissions = check_list(None, "permissions", permissions,
                                      lambda s, k, v: check_enum(s, k, v, DevicePermission, required=True),
                                      expected="a list of DevicePermission")

    def render(self) -> dict[str, Any]:
        return {"hostPath": self.host_path, "containerPath": self.container_path,
                "permissions": [p.value.upper() for p in self.permissions] if self.permissions else None}


class Tmpfs:
    """A tmpfs mount.

    :param container_path: where it is mounted (required).
    :param size: ``Size`` in whole MiB (required).
    :param mount_options: ``TmpfsMountOption`` list (default: none).
    """

    def __init__(self, *, container_path: str, size: Size,
                 mount_options: Sequence[TmpfsMountOption] | None = None) -> None:
        self.container_path = check_str(None, "container_path", container_path, min_length=1, required=True)
        self.size = size
        self._mib = check_int(None, "size (MiB)", mebibytes_of(None, "size", size, required=True), minimum=1)
        self.mount_options = check_list(None, "mount_options", mount_options,
                                        lambda s, k, v: check_enum(s, k, v, TmpfsMountOption, required=True),
                                        expected="a list of TmpfsMountOption")

    def render(self) -> dict[str, Any]:
        return {"containerPath": self.container_path, "size": self._mib,
                "mountOptions": [o.value for o in self.mount_options] if self.mount_options else None}


def _check_device(scope: Any, keyword: str, value: Any) -> Device:
    return check_instance(scope, keyword, value, Device, "a Device (Device(host_path=...))", required=True)


def _check_tmpfs(scope: Any, keyword: str, value: Any) -> Tmpfs:
    return check_instance(scope, keyword, value, Tmpfs, "a Tmpfs (Tmpfs(container_path=..., size=...))",
                          required=True)


class LinuxParameters(BatchConstruct):
    """Linux-specific settings of an ECS container.

    :param init_process_enabled: run an init process (default: not emitted, Docker's ``False``).
    :param shared_memory_size: ``/dev/shm`` size, whole MiB (default: Docker's 64 MiB).
    :param max_swap: swap the container may use, whole MiB (default: not emitted, no swap limit
        set; ``Size.mebibytes(0)`` disables swap).
    :param swappiness: 0–100 (default: 60); emitted only together with ``max_swap``.
    Devices and tmpfs mounts are added with :meth:`add_devices` / :meth:`add_tmpfs`.
    """

    def __init__(self, scope: Any, id: str, *, init_process_enabled: bool | None = None,
                 shared_memory_size: Size | None = None, max_swap: Size | None = None,
                 swappiness: int | None = None) -> None:
        super().__init__(scope, id)
        self.init_process_enabled = check_bool(self, "init_process_enabled", init_process_enabled)
        self.shared_memory_size = shared_memory_size
        self.max_swap = max_swap
        self._shm = check_int(self, "shared_memory_size (MiB)",
                              mebibytes_of(self, "shared_memory_size", shared_memory_size), minimum=0)
        self._swap = check_int(self, "max_swap (MiB)", mebibytes_of(self, "max_swap", max_swap), minimum=0)
        self.swappiness = self._check_swappiness(swappiness)
        if swappiness is not None and max_swap is None:
            warn(self, "swappiness is ignored unless max_swap is set")
        self._devices: list[Device] = []
        self._tmpfs: list[Tmpfs] = []

    def _check_swappiness(self, swappiness: Any) -> Any:
        """0-100, whole (AWS CDK's message for a number out of range or with a fraction)."""
        value = check_number(self, "swappiness", swappiness)
        if value is None or is_unresolved(value):
            return value
        if value != int(value) or not 0 <= value <= 100:
            raise self._error(f"swappiness: Must be an integer between 0 and 100; received {swappiness}.")
        return int(value)

    def add_devices(self, *devices: Device) -> None:
        """Expose host devices to the container (rendered at synth)."""
        self._devices.extend(check_list(self, "devices", devices, _check_device))

    def add_tmpfs(self, *tmpfs: Tmpfs) -> None:
        """Add tmpfs mounts (rendered at synth)."""
        self._tmpfs.extend(check_list(self, "tmpfs", tmpfs, _check_tmpfs))

    @property
    def devices(self) -> list[Device]:
        return list(self._devices)

    @property
    def tmpfs(self) -> list[Tmpfs]:
        return list(self._tmpfs)

    def render_linux_parameters(self) -> dict[str, Any]:
        """The API's ``linuxParameters`` object (camelCase; ``{}`` when nothing is set)."""
        out: dict[str, Any] = {}
        if self.init_process_enabled is not None:
            out["initProcessEnabled"] = self.init_process_enabled
        if self._shm is not None:
            out["sharedMemorySize"] = self._shm
        if self._swap is not None:
            out["maxSwap"] = self._swap
            if self.swappiness is not None:
                out["swappiness"] = self.swappiness
        if self._devices:
            out["devices"] = [d.render() for d in self._devices]
        if self._tmpfs:
            out["tmpfs"] = [t.render() for t in self._tmpfs]
        return out


from ._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
