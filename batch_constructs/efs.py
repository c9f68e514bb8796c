"""The ``aws_efs`` subset Batch apps use: ``FileSystem`` (``aws_efs_file_system``, a mount target
per selected subnet, a security group, AWS CDK's default file-system policy) and
``FileSystem.from_file_system_attributes``; ``AccessPoint`` (``aws_efs_access_point``) and its
imports; grants of the ``elasticfilesystem:Client*`` actions (``grant``, ``grant_read``,
``grant_read_write``, ``grant_root_access``).

``EcsVolume.efs(file_system=fs, access_point_id=access_point, ...)`` takes these objects.
"""
from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import Any, Sequence

from ._base import BatchConstruct
from ._check import check_bool, check_enum, check_instance, check_int, check_list, check_protocol, check_str
from ._convert import mebibytes_of
from ._errors import ValidationError
from ._imported import Imported
from ._json import canonical_json
from ._tokens import is_unresolved
from .core import RemovalPolicy, Size, Tags, removal_policy_attributes
from .iam._validation import check_actions
from .iam import PolicyStatement, as_principal
from ._identity import node_path

__all__ = ["AccessPoint", "Acl", "FileSystem", "IFileSystem", "ImportedAccessPoint", "ImportedFileSystem",
           "LifecyclePolicy", "OutOfInfrequentAccessPolicy", "PerformanceMode", "PosixUser", "ThroughputMode"]

# AWS CDK aws-efs/lib/efs-file-system.ts (ClientAction).
CLIENT_MOUNT = "elasticfilesystem:ClientMount"
CLIENT_WRITE = "elasticfilesystem:ClientWrite"
CLIENT_ROOT_ACCESS = "elasticfilesystem:ClientRootAccess"
#: The NFS port (``FileSystem.DEFAULT_PORT``).
DEFAULT_PORT = 2049

#: EFS API: ``FileSystemId`` / ``AccessPointId`` patterns; ARNs ``...:file-system/<id>``.
FILE_SYSTEM_ID = r"fs-[0-9a-f]{8,40}"
ACCESS_POINT_ID = r"fsap-[0-9a-f]{8,40}"
FILE_SYSTEM_ARN = re.compile(r"arn:[a-z-]+:elasticfilesystem:[a-z0-9-]+:[0-9]{12}:file-system/" + FILE_SYSTEM_ID)
ACCESS_POINT_ARN = re.compile(r"arn:[a-z-]+:elasticfilesystem:[a-z0-9-]+:[0-9]{12}:access-point/"
                              + ACCESS_POINT_ID)
#: EFS API ``RootDirectory.Path``: ``/`` or up to four ``/component``s, at most 100 characters.
ROOT_PATH = r"/|(/(?!\.)[^$#<>;`|&?{}^*/\n]+){1,4}"
#: EFS API ``CreationInfo.Permissions``: an octal mode.
PERMISSIONS = r"[0-7]{3,4}"
POSIX_ID_MAX = 4294967295


class PerformanceMode(enum.StrEnum):
    GENERAL_PURPOSE = "generalPurpose"
    MAX_IO = "maxIO"


class ThroughputMode(enum.StrEnum):
    BURSTING = "bursting"
    PROVISIONED = "provisioned"
    ELASTIC = "elastic"


class LifecyclePolicy(enum.StrEnum):
    """After how long without access a file moves to Infrequent Access (or Archive)."""

    AFTER_1_DAY = "AFTER_1_DAY"
    AFTER_7_DAYS = "AFTER_7_DAYS"
    AFTER_14_DAYS = "AFTER_14_DAYS"
    AFTER_30_DAYS = "AFTER_30_DAYS"
    AFTER_60_DAYS = "AFTER_60_DAYS"
    AFTER_90_DAYS = "AFTER_90_DAYS"
    AFTER_180_DAYS = "AFTER_180_DAYS"
    AFTER_270_DAYS = "AFTER_270_DAYS"
    AFTER_365_DAYS = "AFTER_365_DAYS"


class OutOfInfrequentAccessPolicy(enum.StrEnum):
    AFTER_1_ACCESS = "AFTER_1_ACCESS"


@dataclass
class PosixUser:
    """The POSIX identity an access point enforces (IDs as strings, as AWS CDK's, or ints)."""

    uid: str
    gid: str
    secondary_gids: Sequence[str] | None = None


@dataclass
class Acl:
    """Owner and octal permissions EFS gives the access point's root directory when it creates it."""

    owner_uid: str
    owner_gid: str
    permissions: str


def _posix_id(scope: Any, keyword: str, value: Any) -> int:
    """EFS API: a POSIX ID from 0 to 4294967295 (a string of digits or an int)."""
    if isinstance(value, str) and re.fullmatch(r"[0-9]{1,10}", value):
        value = int(value)
    return check_int(scope, keyword, value, minimum=0, maximum=POSIX_ID_MAX,  # type: ignore[return-value]
                     required=True)


def _access_point_blocks(scope: Any, path: Any, posix_user: Any, create_acl: Any) -> dict[str, Any]:
    check_str(scope, "path", path, pattern=ROOT_PATH, max_length=100,
              rule="a directory path such as '/data' (at most four components)")
    check_instance(scope, "posix_user", posix_user, PosixUser, "an efs.PosixUser")
    check_instance(scope, "create_acl", create_acl, Acl, "an efs.Acl")
    blocks: dict[str, Any] = {}
    if posix_user is not None:
        secondary = check_list(scope, "posix_user.secondary_gids", posix_user.secondary_gids,
                               lambda s, k, v: _posix_id(s, k, v), max_items=16, expected="a list of group IDs")
        blocks["posix_user"] = {"uid": _posix_id(scope, "posix_user.uid", posix_user.uid),
                                "gid": _posix_id(scope, "posix_user.gid", posix_user.gid)}
        if secondary:
            blocks["posix_user"]["secondary_gids"] = secondary
    if path is not None or create_acl is not None:
        root: dict[str, Any] = {}
        if path is not None:
            root["path"] = path
        if create_acl is not None:
            root["creation_info"] = {
                "owner_uid": _posix_id(scope, "create_acl.owner_uid", create_acl.owner_uid),
                "owner_gid": _posix_id(scope, "create_acl.owner_gid", create_acl.owner_gid),
                "permissions": check_str(scope, "create_acl.permissions", create_acl.permissions,
                                         pattern=PERMISSIONS, rule="octal permissions such as '755'",
                                         required=True)}
        blocks["root_directory"] = root
    return blocks


def _arn(scope: Any, kind: str, resource_id: str) -> str:
    from ._stack_data import account, partition, region
    return f"arn:{partition(scope)}:elasticfilesystem:{region(scope)}:{account(scope)}:{kind}/{resource_id}"


def _id_from_arn(arn: str) -> str:
    if is_unresolved(arn):
        from ._core import cdk
        core = cdk()
        Fn, Token = core.Fn, core.Token
        return Token.as_string(Fn.element(Fn.split("/", arn), 1))
    return arn.rsplit("/", 1)[1]


def _connections(security_group: Any) -> Any:
    """AWS CDK's ``connections`` of a file system: its security group, NFS as the default port
    (``fs.connections.allow_default_port_from(...)`` opens 2049)."""
    from .ec2 import Connections, Port
    return Connections([security_group], default_port=Port.tcp(DEFAULT_PORT))


class IFileSystem:
    """What a file system offers, created or imported: ``file_system_id``, ``file_system_arn``,
    ``connections`` and AWS CDK's grants (statements on the grantee's policy)."""

    file_system_id: str
    file_system_arn: str
    connections: Any

    def _where(self) -> Any:
        return getattr(self, "path", self)

    def grant(self, grantee: Any, *actions: str) -> None:
        """``actions`` on this file system."""
        self._grant(grantee, check_actions(self._where(), "actions", list(actions)) or [], None)

    def _grant(self, grantee: Any, actions: list[str], conditions: dict[str, Any] | None) -> None:
        principal = as_principal(grantee, scope=self._where())
        principal.add_to_principal_policy(PolicyStatement(actions=actions, resources=[self.file_system_arn],
                                                          conditions=conditions))

    def _grant_client(self, grantee: Any, actions: list[str]) -> None:
        """AWS CDK's client grants: only through a mount target."""
        self._grant(grantee, actions, {"Bool": {"elasticfilesystem:AccessedViaMountTarget": "true"}})

    def grant_read(self, grantee: Any) -> None:
        """``elasticfilesystem:ClientMount``."""
        self._grant_client(grantee, [CLIENT_MOUNT])

    def grant_read_write(self, grantee: Any) -> None:
        """``elasticfilesystem:ClientMount`` and ``ClientWrite``."""
        self._grant_client(grantee, [CLIENT_MOUNT, CLIENT_WRITE])

    def grant_root_access(self, grantee: Any) -> None:
        """``elasticfilesystem:ClientMount``, ``ClientWrite`` and ``ClientRootAccess``."""
        self._grant_client(grantee, [CLIENT_MOUNT, CLIENT_WRITE, CLIENT_ROOT_ACCESS])


class ImportedFileSystem(Imported, IFileSystem):
    """An existing file system (``FileSystem.from_file_system_attributes``): creates nothing."""

    def __init__(self, scope: Any, id: str, *, security_group: Any, file_system_id: str | None,
                 file_system_arn: str | None) -> None:
        super().__init__(scope, id)
        from .ec2 import as_security_group
        security_group = as_security_group(security_group, scope=self.path)
        check_str(self.path, "file_system_id", file_system_id, pattern=FILE_SYSTEM_ID,
                  rule="a file system ID (fs-...)")
        if (file_system_id is None) == (file_system_arn is None):
            # AWS CDK's message.
            raise ValidationError(self.path, "One of fileSystemId or fileSystemArn, but not both, must be provided.")
        if file_system_arn is not None:
            self._keep_arn("file_system_arn", file_system_arn, pattern=FILE_SYSTEM_ARN,
                           rule="a file system ARN (arn:<partition>:elasticfilesystem:<region>:<account>:"
                                "file-system/fs-...)")
            file_system_id = _id_from_arn(file_system_arn)
        else:
            file_system_arn = _arn(scope, "file-system", file_system_id)  # type: ignore[arg-type]
        self.file_system_id, self.file_system_arn = file_system_id, file_system_arn
        self.connections = _connections(security_group)


class FileSystem(BatchConstruct, IFileSystem):
    """An EFS file system (``aws_efs_file_system``) reachable from ``vpc``: one
    ``aws_efs_mount_target`` per selected subnet, in a security group.

    :param vpc: the VPC (required).
    :param encrypted: default ``True`` (AWS CDK's ``defaultEncryptionAtRest``; the AWS managed key).
    :param performance_mode: default: not emitted (EFS's ``GENERAL_PURPOSE``).
    :param throughput_mode: default: not emitted (EFS's ``BURSTING``).
    :param provisioned_throughput_per_second: MiB/s, required with ``ThroughputMode.PROVISIONED``.
    :param lifecycle_policy: move files to Infrequent Access after this (default: never).
    :param out_of_infrequent_access_policy: move them back (default: never).
    :param transition_to_archive_policy: move files to Archive after this (default: never).
    :param file_system_name: the ``Name`` tag (default: the construct path; as AWS CDK, tags the
        security group too).
    :param security_group: default: a new ``ec2.SecurityGroup`` (child ``EfsSecurityGroup``, all
        outbound allowed, no inbound; allow NFS from the jobs' security groups).
    :param vpc_subnets: where the mount targets go (default: the VPC's private subnets; one per
        subnet, so select at most one subnet per availability zone).
    :param removal_policy: default: Terraform's own (``terraform destroy`` deletes the file system
        and its data). ``RETAIN``: ``lifecycle.prevent_destroy``.
    :param allow_anonymous_access: default: not allowed (AWS CDK's ``denyAnonymousAccess``): a
        file-system policy (``aws_efs_file_system_policy``) gives write and root access only to
        IAM-authenticated clients through a mount target, so jobs mount with ``use_job_role=True``
        and a grant; ``True`` emits no policy (any client that reaches a mount target may mount).
    """

    DEFAULT_PORT = DEFAULT_PORT

    def __init__(self, scope: Any, id: str, *, vpc: Any, encrypted: bool | None = None,
                 performance_mode: PerformanceMode | None = None, throughput_mode: ThroughputMode | None = None,
                 provisioned_throughput_per_second: Size | None = None,
                 lifecycle_policy: LifecyclePolicy | None = None,
                 out_of_infrequent_access_policy: OutOfInfrequentAccessPolicy | None = None,
                 transition_to_archive_policy: LifecyclePolicy | None = None, file_system_name: str | None = None,
                 security_group: Any = None, vpc_subnets: Any = None, removal_policy: RemovalPolicy | None = None,
                 allow_anonymous_access: bool | None = None) -> None:
        super().__init__(scope, id)
        from .ec2 import SecurityGroup, as_security_group, check_subnet_selection
        check_protocol(self, "vpc", vpc, ("vpc_id", "select_subnets"),
                       "a batch_constructs.ec2.Vpc or Vpc.from_attributes(...)", required=True)
        encrypted = check_bool(self, "encrypted", encrypted)
        performance = check_enum(self, "performance_mode", performance_mode, PerformanceMode)
        throughput = check_enum(self, "throughput_mode", throughput_mode, ThroughputMode)
        mibps = self._check_throughput(performance, throughput, provisioned_throughput_per_second)
        policies = [{key: check_enum(self, keyword, value, cls).value}  # type: ignore[union-attr]
                    for key, keyword, value, cls in (
                        ("transition_to_ia", "lifecycle_policy", lifecycle_policy, LifecyclePolicy),
                        ("transition_to_primary_storage_class", "out_of_infrequent_access_policy",
                         out_of_infrequent_access_policy, OutOfInfrequentAccessPolicy),
                        ("transition_to_archive", "transition_to_archive_policy", transition_to_archive_policy,
                         LifecyclePolicy)) if value is not None]
        # The Name tag: at most 256 characters (EFS/AWS tag values).
        check_str(self, "file_system_name", file_system_name, min_length=1, max_length=256)
        subnets = check_subnet_selection(self, "vpc_subnets", vpc_subnets)
        self.allow_anonymous_access = check_bool(self, "allow_anonymous_access", allow_anonymous_access)
        removal = removal_policy_attributes(self, "removal_policy", removal_policy, kind="aws_efs_file_system")
        given_group = None if security_group is None else as_security_group(security_group, scope=self)
        Tags.of(self).add("Name", file_system_name or node_path(self))
        extra: dict[str, Any] = {"encrypted": encrypted is not False}
        if performance is not None:
            extra["performance_mode"] = performance.value
        if throughput is not None:
            extra["throughput_mode"] = throughput.value
        if mibps is not None:
            extra["provisioned_throughput_in_mibps"] = mibps
        self.resource = self._new_l1("Resource", "efs_file_system", "EfsFileSystem", taggable=True, **extra)
        if policies:
            self.resource.add_override("lifecycle_policy", policies)
        for key, value in removal.items():
            self.resource.add_override(key, value)
        self.file_system_id: str = self.resource.id
        self.file_system_arn: str = self.resource.arn
        self.security_group = given_group or SecurityGroup(self, "EfsSecurityGroup", vpc=vpc)
        self.connections = _connections(self.security_group)
        self.mount_targets: list[Any] = [
            self._new_l1(f"EfsMountTarget{index + 1}", "efs_mount_target", "EfsMountTarget",
                         file_system_id=self.file_system_id, subnet_id=subnet_id,
                         security_groups=[self.security_group.security_group_id])
            for index, subnet_id in enumerate(vpc.select_subnets(subnets).subnet_ids)]
        self.file_system_policy: Any = None
        if not self.allow_anonymous_access:
            self.file_system_policy = self._new_l1(
                "FileSystemPolicy", "efs_file_system_policy", "EfsFileSystemPolicy",
                file_system_id=self.file_system_id, policy=_deny_anonymous_policy())

    def _check_throughput(self, performance: Any, throughput: Any, size: Any) -> Any:
        """AWS CDK's throughput rules (its messages); EFS takes at least 1 MiB/s."""
        mibps = mebibytes_of(self, "provisioned_throughput_per_second", size)
        if throughput is ThroughputMode.PROVISIONED and mibps is None:
            raise self._error("Property provisionedThroughputPerSecond is required when throughputMode is "
                              "PROVISIONED")
        if mibps is not None and throughput is not ThroughputMode.PROVISIONED:
            # EFS API: ProvisionedThroughputInMibps is valid only in provisioned mode.
            raise self._error("'provisioned_throughput_per_second' needs throughput_mode=ThroughputMode.PROVISIONED")
        if mibps is not None and mibps < 1:
            raise self._error("'provisioned_throughput_per_second' must be at least 1 MiB/s, got "
                              f"{mibps} MiB/s")
        if throughput is ThroughputMode.ELASTIC and performance is PerformanceMode.MAX_IO:
            raise self._error("ThroughputMode ELASTIC is not supported for file systems with performanceMode MAX_IO")
        return mibps

    @property
    def mount_targets_available(self) -> list[Any]:
        """The mount targets (``depends_on`` these before mounting)."""
        return list(self.mount_targets)

    def add_access_point(self, id: str, *, path: str | None = None, posix_user: PosixUser | None = None,
                         create_acl: Acl | None = None) -> "AccessPoint":
        """An ``AccessPoint`` of this file system, as a child construct ``id``."""
        return AccessPoint(self, id, file_system=self, path=path, posix_user=posix_user, create_acl=create_acl)

    @classmethod
    def from_file_system_attributes(cls, scope: Any, id: str, *, security_group: Any,
                                    file_system_id: str | None = None,
                                    file_system_arn: str | None = None) -> ImportedFileSystem:
        """An existing file system by ID or ARN (one of them) and its security group."""
        return ImportedFileSystem(scope, id, security_group=security_group, file_system_id=file_system_id,
                                  file_system_arn=file_system_arn)


def _deny_anonymous_policy() -> str:
    """AWS CDK's default file-system policy (``@aws-cdk/aws-efs:denyAnonymousAccess``)."""
    return canonical_json({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": [CLIENT_WRITE, CLIENT_ROOT_ACCESS],
        "Condition": {"Bool": {"elasticfilesystem:AccessedViaMountTarget": "true"}}}]})


def _file_system(scope: Any, value: Any) -> Any:
    return check_protocol(scope, "file_system", value, ("file_system_id", "file_system_arn"),
                          "an efs.FileSystem or FileSystem.from_file_system_attributes(...)", required=True)


class AccessPoint(BatchConstruct):
    """An EFS access point (``aws_efs_access_point``), tagged ``Name`` = its construct path.

    :param file_system: the ``efs.FileSystem`` (or its import) (required).
    :param path: the directory exposed as the root (default: EFS's ``/``).
    :param posix_user: the POSIX identity enforced on every request (default: the client's).
    :param create_acl: owner and permissions EFS gives ``path`` when it creates it (default:
        none; ``path`` must then exist).
    """

    def __init__(self, scope: Any, id: str, *, file_system: Any, path: str | None = None,
                 posix_user: PosixUser | None = None, create_acl: Acl | None = None) -> None:
        super().__init__(scope, id)
        self.file_system = _file_system(self, file_system)
        blocks = _access_point_blocks(self, path, posix_user, create_acl)
        Tags.of(self).add("Name", node_path(self))
        self.resource = self._new_l1("Resource", "efs_access_point", "EfsAccessPoint",
                                     file_system_id=self.file_system.file_system_id, taggable=True)
        for key, value in blocks.items():
            self.resource.add_override(key, value)
        self.access_point_id: str = self.resource.id
        self.access_point_arn: str = self.resource.arn

    @classmethod
    def from_access_point_id(cls, scope: Any, id: str, access_point_id: str) -> "ImportedAccessPoint":
        """An existing access point by ID (``fsap-...``). Creates nothing."""
        return ImportedAccessPoint(scope, id, access_point_id=access_point_id, access_point_arn=None,
                                   file_system=None)

    @classmethod
    def from_access_point_attributes(cls, scope: Any, id: str, *, access_point_id: str | None = None,
                                     access_point_arn: str | None = None,
                                     file_system: Any = None) -> "ImportedAccessPoint":
        """An existing access point by ID or ARN (one of them), optionally with its file system."""
        return ImportedAccessPoint(scope, id, access_point_id=access_point_id, access_point_arn=access_point_arn,
                                   file_system=file_system)


class ImportedAccessPoint(Imported):
    """An existing access point: creates nothing; ``access_point_id`` goes into EFS volumes."""

    def __init__(self, scope: Any, id: str, *, access_point_id: str | None, access_point_arn: str | None,
                 file_system: Any) -> None:
        super().__init__(scope, id)
        check_str(self.path, "access_point_id", access_point_id, pattern=ACCESS_POINT_ID,
                  rule="an access point ID (fsap-...)")
        if access_point_id is None and access_point_arn is None:
            raise ValidationError(self.path, "One of accessPointId or AccessPointArn is required!")  # AWS CDK
        if access_point_id is not None and access_point_arn is not None:
            raise ValidationError(self.path, "Only one of accessPointId or AccessPointArn can be provided!")
        if access_point_arn is not None:
            self._keep_arn("access_point_arn", access_point_arn, pattern=ACCESS_POINT_ARN,
                           rule="an access point ARN (arn:<partition>:elasticfilesystem:<region>:<account>:"
                                "access-point/fsap-...)")
            access_point_id = _id_from_arn(access_point_arn)
        else:
            access_point_arn = _arn(scope, "access-point", access_point_id)  # type: ignore[arg-type]
        self.access_point_id, self.access_point_arn = access_point_id, access_point_arn
        self._file_system = None if file_system is None else _file_system(self.path, file_system)

    @property
    def file_system(self) -> Any:
        if self._file_system is None:
            # AWS CDK's message.
            raise ValidationError(self.path, "fileSystem is only available if 'fromAccessPointAttributes()' is used "
                                             "and a fileSystem is passed in as an attribute.")
        return self._file_system


from ._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
