"""Bad-input rows for the neighbour modules ``s3``, ``ecr`` and ``efs`` (and the EFS volume and
ECR image that take their objects).

Each row makes one mistake and expects a ValidationError naming the construct path (``None`` for
value objects built outside a construct), the keyword and the value given.
"""
from __future__ import annotations

from typing import Any

from batch_constructs import EcsVolume
from batch_constructs._runtime import provider_class
from batch_constructs.core import Duration, RemovalPolicy, Size
from batch_constructs.ecr import LifecycleRule as EcrRule
from batch_constructs.ecr import Repository, TagStatus
from batch_constructs.ecs import ContainerImage
from batch_constructs.efs import AccessPoint, Acl, FileSystem, PerformanceMode, PosixUser, ThroughputMode
from batch_constructs.iam import Role, ServicePrincipal
from batch_constructs.s3 import BlockPublicAccess, Bucket, BucketEncryption
from batch_constructs.s3 import LifecycleRule as S3Rule

from ._table import Bad, params, run

B, R, F, A = "TestStack/B", "TestStack/R", "TestStack/F", "TestStack/A"
FS_ARN = "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-0123abcd"


def role(s: Any) -> Role:
    return Role(s, "Role", assumed_by=ServicePrincipal("ecs-tasks.amazonaws.com"))


def bucket(s: Any, **kw: Any) -> Bucket:
    return Bucket(s, "B", **kw)


def repo(s: Any, **kw: Any) -> Repository:
    return Repository(s, "R", **kw)


def fs(s: Any, v: Any, **kw: Any) -> FileSystem:
    return FileSystem(s, "F", vpc=v, **kw)


def ap(s: Any, v: Any, **kw: Any) -> AccessPoint:
    return AccessPoint(s, "A", file_system=kw.pop("file_system", None) or fs(s, v), **kw)


S3_ROWS = [
    Bad("s3-name-uppercase", lambda s, v: bucket(s, bucket_name="Bad"), B, r"^\[TestStack/B\] Invalid S3 bucket name \(value: Bad\)\nBucket name must only contain lowercase"),
    Bad("s3-name-ip", lambda s, v: bucket(s, bucket_name="10.0.0.1"), B, r"Bucket name must not resemble an IP address"),
    Bad("s3-name-int", lambda s, v: bucket(s, bucket_name=5), B, r"'bucket_name' must be a string, got 5 \(int\)"),
    Bad("s3-versioned-str", lambda s, v: bucket(s, versioned="yes"), B, r"'versioned' must be True or False, got 'yes'"),
    Bad("s3-encryption-bad", lambda s, v: bucket(s, encryption="AES"), B, r"'encryption' must be one of BucketEncryption\.UNENCRYPTED, .*got 'AES'"),
    Bad("s3-encryption-kms", lambda s, v: bucket(s, encryption=BucketEncryption.KMS), B, r"'encryption': BucketEncryption\.KMS needs a customer managed KMS key"),
    Bad("s3-bucket-key-s3-managed", lambda s, v: bucket(s, bucket_key_enabled=True), B, r"bucketKeyEnabled is specified, so 'encryption' must be set to KMS or DSSE \(value: S3MANAGED\)"),
    Bad("s3-block-public-access-dict", lambda s, v: bucket(s, block_public_access={"block_public_acls": True}), B, r"'block_public_access' must be a BlockPublicAccess"),
    Bad("s3-bpa-field-str", lambda s, v: BlockPublicAccess(block_public_acls="yes"), None, r"^'block_public_acls' must be True or False, got 'yes'"),
    Bad("s3-enforce-ssl-int", lambda s, v: bucket(s, enforce_ssl=1), B, r"'enforce_ssl' must be True or False, got 1 \(int\)"),
    Bad("s3-auto-delete-without-destroy", lambda s, v: bucket(s, auto_delete_objects=True), B, r"Cannot use 'autoDeleteObjects' property on a bucket without setting removal policy to 'DESTROY'\.$"),
    Bad("s3-removal-policy-bad", lambda s, v: bucket(s, removal_policy="forever"), B, r"'removal_policy' must be one of RemovalPolicy\.DESTROY.*got 'forever'"),
    Bad("s3-removal-snapshot", lambda s, v: bucket(s, removal_policy=RemovalPolicy.SNAPSHOT), B, r"'removal_policy': aws_s3_bucket has no snapshot to keep"),
    Bad("s3-lifecycle-not-list", lambda s, v: bucket(s, lifecycle_rules=S3Rule(expiration=Duration.days(1))), B, r"'lifecycle_rules' must be a list of s3\.LifecycleRule"),
    Bad("s3-lifecycle-dict", lambda s, v: bucket(s, lifecycle_rules=[{"expiration": Duration.days(1)}]), B, r"'lifecycle_rules\[0\]' must be an s3\.LifecycleRule, got \{'expiration'"),
    Bad("s3-lifecycle-no-action", lambda s, v: bucket(s, lifecycle_rules=[S3Rule(prefix="x/")]), B, r"'lifecycle_rules\[0\]': all rules for `lifecycleRules` must have at least one of"),
    Bad("s3-lifecycle-expiration-int", lambda s, v: bucket(s, lifecycle_rules=[S3Rule(expiration=30)]), B, r"'lifecycle_rules\[0\]\.expiration' must be a Duration, got 30 \(int\)"),
    Bad("s3-lifecycle-fraction-days", lambda s, v: bucket(s, lifecycle_rules=[S3Rule(expiration=Duration.hours(36))]), B, r"'lifecycle_rules\[0\]\.expiration': '36 hours' cannot be converted into a whole number of days"),
    Bad("s3-lifecycle-enabled-str", lambda s, v: bucket(s, lifecycle_rules=[S3Rule(enabled="no", expiration=Duration.days(1))]), B, r"'lifecycle_rules\[0\]\.enabled' must be True or False"),
    Bad("s3-lifecycle-duplicate-id", lambda s, v: bucket(s, lifecycle_rules=[S3Rule(id="a", expiration=Duration.days(1))] * 2), B, r"'lifecycle_rules\[1\]\.id': lifecycle rule id 'a' is used twice"),
    Bad("s3-grant-str-grantee", lambda s, v: bucket(s).grant_read("my-role"), B, r"the grantee must be an IAM role, user or group .*got 'my-role'"),
    Bad("s3-grant-pattern-int", lambda s, v: bucket(s).grant_read(role(s), 5), B, r"'key_pattern' must be a string, got 5 \(int\)"),
    Bad("s3-write-allowed-str", lambda s, v: bucket(s).grant_write(role(s), "*", "s3:PutObject"), B, r"'allowed_action_patterns' must be a list of IAM actions, got 's3:PutObject'"),
    Bad("s3-url-key-int", lambda s, v: bucket(s).s3_url_for_object(3), B, r"'key' must be a string, got 3 \(int\)"),
    Bad("s3-import-name-bad", lambda s, v: Bucket.from_bucket_name(s, "I", "Bad_Name"), "TestStack/I", r"Invalid S3 bucket name \(value: Bad_Name\)"),
    Bad("s3-import-name-none", lambda s, v: Bucket.from_bucket_name(s, "I", None), "TestStack/I", r"'bucket_name' is required"),
    Bad("s3-import-arn-bad", lambda s, v: Bucket.from_bucket_arn(s, "I", "arn:aws:s3:::"), "TestStack/I", r"'bucket_arn' must be a bucket ARN"),
    Bad("s3-import-attrs-none", lambda s, v: Bucket.from_bucket_attributes(s, "I"), "TestStack/I", r"Bucket name is required$"),
    Bad("s3-import-scope", lambda s, v: Bucket.from_bucket_name("stack", "I", "x-y-z"), None, r"'scope' must be a construct"),
    Bad("s3-import-grant-int", lambda s, v: Bucket.from_bucket_name(s, "I", "x-y-z").grant_put(5), "TestStack/I", r"the grantee must be an IAM role.*got 5 \(int\)"),
]

ECR_ROWS = [
    Bad("ecr-name-upper", lambda s, v: repo(s, repository_name="App"), R, r"Invalid ECR repository name \(value: App\)\nRepository name must start with a letter"),
    Bad("ecr-name-long", lambda s, v: repo(s, repository_name="a" * 257), R, r"Repository name must be at least 2 and no more than 256 characters"),
    Bad("ecr-scan-str", lambda s, v: repo(s, image_scan_on_push="true"), R, r"'image_scan_on_push' must be True or False, got 'true'"),
    Bad("ecr-mutability-bad", lambda s, v: repo(s, image_tag_mutability="FROZEN"), R, r"'image_tag_mutability' must be one of TagMutability\.MUTABLE, TagMutability\.IMMUTABLE, got 'FROZEN'"),
    Bad("ecr-empty-on-delete-without-destroy", lambda s, v: repo(s, empty_on_delete=True, removal_policy=RemovalPolicy.RETAIN), R, r"Cannot use 'emptyOnDelete' property on a repository without setting removal policy to 'DESTROY'\.$"),
    Bad("ecr-removal-snapshot", lambda s, v: repo(s, removal_policy="SNAPSHOT"), R, r"'removal_policy': aws_ecr_repository has no snapshot to keep"),
    Bad("ecr-lifecycle-both", lambda s, v: repo(s, lifecycle_rules=[EcrRule(max_image_count=1, max_image_age=Duration.days(1))]), R, r"Life cycle rule must contain exactly one of 'maxImageAge' and 'maxImageCount', got: LifecycleRule\("),
    Bad("ecr-lifecycle-neither", lambda s, v: repo(s, lifecycle_rules=[EcrRule()]), R, r"Life cycle rule must contain exactly one of 'maxImageAge' and 'maxImageCount'"),
    Bad("ecr-lifecycle-tagged-no-prefix", lambda s, v: repo(s, lifecycle_rules=[EcrRule(tag_status=TagStatus.TAGGED, max_image_count=1)]), R, r"TagStatus\.Tagged requires the specification of a tagPrefixList or a tagPatternList"),
    Bad("ecr-lifecycle-prefix-any", lambda s, v: repo(s, lifecycle_rules=[EcrRule(tag_status=TagStatus.ANY, tag_prefix_list=["v"], max_image_count=1)]), R, r"tagPrefixList and tagPatternList can only be specified when tagStatus is set to Tagged"),
    Bad("ecr-lifecycle-pattern-any", lambda s, v: repo(s, lifecycle_rules=[EcrRule(tag_status=TagStatus.ANY, tag_pattern_list=["v*"], max_image_count=1)]), R, r"tagPrefixList and tagPatternList can only be specified when tagStatus is set to Tagged"),
    Bad("ecr-lifecycle-prefix-and-pattern", lambda s, v: repo(s, lifecycle_rules=[EcrRule(tag_prefix_list=["v"], tag_pattern_list=["v*"], max_image_count=1)]), R, r"Both tagPrefixList and tagPatternList cannot be specified together in a rule"),
    Bad("ecr-lifecycle-pattern-wildcards", lambda s, v: repo(s, lifecycle_rules=[EcrRule(tag_pattern_list=["a*b*c*d*e*"], max_image_count=1)]), R, r"more than four wildcard characters \(\*\), pattern: a\*b\*c\*d\*e\*, counts: 5"),
    Bad("ecr-lifecycle-pattern-str", lambda s, v: repo(s, lifecycle_rules=[EcrRule(tag_pattern_list="v*", max_image_count=1)]), R, r"tag_pattern_list' must be a list"),
    Bad("ecr-lifecycle-two-any", lambda s, v: repo(s, lifecycle_rules=[EcrRule(max_image_count=1), EcrRule(max_image_count=2)]), R, r"Life cycle can only have one TagStatus\.Any rule"),
    Bad("ecr-lifecycle-any-not-last", lambda s, v: repo(s, lifecycle_rules=[EcrRule(max_image_count=1, rule_priority=1), EcrRule(rule_priority=2, tag_status=TagStatus.UNTAGGED, max_image_count=2)]), R, r"TagStatus\.Any rule must have highest priority, has 1 which is smaller than 2"),
    Bad("ecr-lifecycle-prioritized-any", lambda s, v: repo(s, lifecycle_rules=[EcrRule(max_image_count=1, rule_priority=3), EcrRule(tag_status=TagStatus.UNTAGGED, max_image_count=1)]), R, r"Cannot combine prioritized TagStatus\.Any rule with unprioritized rules"),
    Bad("ecr-lifecycle-count-zero", lambda s, v: repo(s, lifecycle_rules=[EcrRule(max_image_count=0)]), R, r"'lifecycle_rules\[0\]\.max_image_count' must be a whole number from 1 to 2147483647, got 0"),
    Bad("ecr-lifecycle-age-int", lambda s, v: repo(s, lifecycle_rules=[EcrRule(max_image_age=7)]), R, r"'lifecycle_rules\[0\]\.max_image_age' must be a Duration, got 7 \(int\)"),
    Bad("ecr-lifecycle-prefix-str", lambda s, v: repo(s, lifecycle_rules=[EcrRule(tag_prefix_list="v", max_image_count=1)]), R, r"'lifecycle_rules\[0\]\.tag_prefix_list' must be a list of strings, got 'v'"),
    Bad("ecr-add-rule-dict", lambda s, v: repo(s).add_lifecycle_rule({"max_image_count": 1}), R, r"'rule' must be an ecr\.LifecycleRule"),
    Bad("ecr-import-arn-token", lambda s, v: Repository.from_repository_arn(s, "I", provider_class("ecr_repository", "EcrRepository")(s, "L", name="l").arn), "TestStack/I", r'"repositoryArn" is a late-bound value, and therefore "repositoryName" is required'),
    Bad("ecr-import-arn-format", lambda s, v: Repository.from_repository_arn(s, "I", "arn:aws:ecr:us-east-1:123456789012:repo/x"), "TestStack/I", r"Repository arn should be in the format 'arn:<PARTITION>:ecr:<REGION>:<ACCOUNT>:repository/<NAME>', got arn:aws:ecr"),
    Bad("ecr-import-name-bad", lambda s, v: Repository.from_repository_name(s, "I", "-x"), "TestStack/I", r"Invalid ECR repository name \(value: -x\)"),
    Bad("ecr-import-attrs-arn-bad", lambda s, v: Repository.from_repository_attributes(s, "I", repository_name="x", repository_arn="arn:aws:s3:::x"), "TestStack/I", r"'repository_arn' must be a repository ARN"),
    Bad("ecr-uri-tag-bad", lambda s, v: repo(s).repository_uri_for_tag("bad tag"), R, r"'tag' must be an image tag .*got 'bad tag'"),
    Bad("ecr-grant-int", lambda s, v: repo(s).grant_pull(5), R, r"the grantee must be an IAM role.*got 5 \(int\)"),
    Bad("ecr-grant-bad-action", lambda s, v: repo(s).grant(role(s), "pull"), R, r"'actions\[0\]' must be an IAM action .*got 'pull'"),
    Bad("ecr-grant-no-action", lambda s, v: repo(s).grant(role(s)), R, r"'actions' must have at least 1 entries, got 0"),
    Bad("ecr-image-digest-bad", lambda s, v: ContainerImage.from_ecr_repository(repo(s), "sha256:xyz"), None, r"^'tag' must be an image tag .* or digest .*got 'sha256:xyz'"),
]

EFS_ROWS = [
    Bad("efs-vpc-missing", lambda s, v: FileSystem(s, "F", vpc=None), F, r"'vpc' is required"),
    Bad("efs-vpc-str", lambda s, v: fs(s, "vpc-123"), F, r"'vpc' must be a batch_constructs\.ec2\.Vpc .*got 'vpc-123'"),
    Bad("efs-encrypted-str", lambda s, v: fs(s, v, encrypted="yes"), F, r"'encrypted' must be True or False, got 'yes'"),
    Bad("efs-performance-bad", lambda s, v: fs(s, v, performance_mode="fast"), F, r"'performance_mode' must be one of PerformanceMode\.GENERAL_PURPOSE, PerformanceMode\.MAX_IO, got 'fast'"),
    Bad("efs-provisioned-without-size", lambda s, v: fs(s, v, throughput_mode=ThroughputMode.PROVISIONED), F, r"Property provisionedThroughputPerSecond is required when throughputMode is PROVISIONED$"),
    Bad("efs-size-without-provisioned", lambda s, v: fs(s, v, provisioned_throughput_per_second=Size.mebibytes(8)), F, r"'provisioned_throughput_per_second' needs throughput_mode=ThroughputMode\.PROVISIONED"),
    Bad("efs-size-int", lambda s, v: fs(s, v, throughput_mode="provisioned", provisioned_throughput_per_second=5), F, r"'provisioned_throughput_per_second' must be a Size, got 5 \(int\)"),
    Bad("efs-size-zero", lambda s, v: fs(s, v, throughput_mode="provisioned", provisioned_throughput_per_second=Size.mebibytes(0)), F, r"'provisioned_throughput_per_second' must be at least 1 MiB/s, got 0"),
    Bad("efs-elastic-max-io", lambda s, v: fs(s, v, throughput_mode=ThroughputMode.ELASTIC, performance_mode=PerformanceMode.MAX_IO), F, r"ThroughputMode ELASTIC is not supported for file systems with performanceMode MAX_IO"),
    Bad("efs-lifecycle-bad", lambda s, v: fs(s, v, lifecycle_policy="AFTER_2_DAYS"), F, r"'lifecycle_policy' must be one of LifecyclePolicy\.AFTER_1_DAY.*got 'AFTER_2_DAYS'"),
    Bad("efs-archive-bad", lambda s, v: fs(s, v, transition_to_archive_policy=7), F, r"'transition_to_archive_policy' must be one of LifecyclePolicy"),
    Bad("efs-name-long", lambda s, v: fs(s, v, file_system_name="x" * 257), F, r"'file_system_name' must be a string of 1 to 256 characters"),
    Bad("efs-security-group-int", lambda s, v: fs(s, v, security_group=5), F, r"'security_group' must be an ec2\.SecurityGroup.*got 5 \(int\)"),
    Bad("efs-vpc-subnets-dict", lambda s, v: fs(s, v, vpc_subnets={"subnet_type": "Public"}), F, r"'vpc_subnets' must be an ec2\.SubnetSelection"),
    Bad("efs-removal-snapshot", lambda s, v: fs(s, v, removal_policy=RemovalPolicy.SNAPSHOT), F, r"'removal_policy': aws_efs_file_system has no snapshot to keep"),
    Bad("efs-anonymous-str", lambda s, v: fs(s, v, allow_anonymous_access="no"), F, r"'allow_anonymous_access' must be True or False, got 'no'"),
    Bad("efs-grant-str", lambda s, v: fs(s, v).grant_read("role"), F, r"the grantee must be an IAM role.*got 'role'"),
    Bad("efs-grant-bad-action", lambda s, v: fs(s, v).grant(role(s), "ClientMount"), F, r"'actions\[0\]' must be an IAM action .*got 'ClientMount'"),
    Bad("efs-import-both", lambda s, v: FileSystem.from_file_system_attributes(s, "I", security_group="sg-1", file_system_id="fs-0123abcd", file_system_arn=FS_ARN), "TestStack/I", r"One of fileSystemId or fileSystemArn, but not both, must be provided\.$"),
    Bad("efs-import-neither", lambda s, v: FileSystem.from_file_system_attributes(s, "I", security_group="sg-1"), "TestStack/I", r"One of fileSystemId or fileSystemArn, but not both, must be provided\."),
    Bad("efs-import-no-sg", lambda s, v: FileSystem.from_file_system_attributes(s, "I", security_group=None, file_system_id="fs-0123abcd"), "TestStack/I", r"'security_group' is required"),
    Bad("efs-import-id-bad", lambda s, v: FileSystem.from_file_system_attributes(s, "I", security_group="sg-1", file_system_id="fs_1"), "TestStack/I", r"'file_system_id' must be a file system ID \(fs-\.\.\.\), got 'fs_1'"),
    Bad("efs-import-arn-bad", lambda s, v: FileSystem.from_file_system_attributes(s, "I", security_group="sg-1", file_system_arn="arn:aws:s3:::x"), "TestStack/I", r"'file_system_arn' must be a file system ARN"),
    Bad("efs-ap-path-relative", lambda s, v: ap(s, v, path="data"), A, r"'path' must be a directory path such as '/data' .*got 'data'"),
    Bad("efs-ap-path-deep", lambda s, v: ap(s, v, path="/a/b/c/d/e"), A, r"'path' must be a directory path .*got '/a/b/c/d/e'"),
    Bad("efs-ap-no-fs", lambda s, v: AccessPoint(s, "A", file_system="fs-0123abcd"), A, r"'file_system' must be an efs\.FileSystem .*got 'fs-0123abcd'"),
    Bad("efs-ap-posix-dict", lambda s, v: ap(s, v, posix_user={"uid": "1", "gid": "1"}), A, r"'posix_user' must be an efs\.PosixUser"),
    Bad("efs-ap-uid-negative", lambda s, v: ap(s, v, posix_user=PosixUser(uid="-1", gid="1")), A, r"'posix_user\.uid' must be a whole number, got '-1'"),
    Bad("efs-ap-gid-too-big", lambda s, v: ap(s, v, posix_user=PosixUser(uid="1", gid=2 ** 32)), A, r"'posix_user\.gid' must be a whole number from 0 to 4294967295, got 4294967296"),
    Bad("efs-ap-secondary-str", lambda s, v: ap(s, v, posix_user=PosixUser(uid="1", gid="1", secondary_gids="2")), A, r"'posix_user\.secondary_gids' must be a list of group IDs, got '2'"),
    Bad("efs-ap-permissions-bad", lambda s, v: ap(s, v, path="/d", create_acl=Acl(owner_uid="1", owner_gid="1", permissions="rwx")), A, r"'create_acl\.permissions' must be octal permissions such as '755', got 'rwx'"),
    Bad("efs-ap-import-neither", lambda s, v: AccessPoint.from_access_point_attributes(s, "I"), "TestStack/I", r"One of accessPointId or AccessPointArn is required!"),
    Bad("efs-ap-import-both", lambda s, v: AccessPoint.from_access_point_attributes(s, "I", access_point_id="fsap-0123abcd", access_point_arn="arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-0123abcd"), "TestStack/I", r"Only one of accessPointId or AccessPointArn can be provided!"),
    Bad("efs-ap-import-id-bad", lambda s, v: AccessPoint.from_access_point_id(s, "I", "ap-1"), "TestStack/I", r"'access_point_id' must be an access point ID \(fsap-\.\.\.\), got 'ap-1'"),
    Bad("efs-ap-import-no-fs", lambda s, v: AccessPoint.from_access_point_id(s, "I", "fsap-0123abcd").file_system, "TestStack/I", r"fileSystem is only available if 'fromAccessPointAttributes\(\)' is used"),
    Bad("efs-volume-access-point-int", lambda s, v: EcsVolume.efs(name="v", container_path="/v", file_system=fs(s, v), access_point_id=5, enable_transit_encryption=True), None, r"^'access_point_id' must be a string, got 5 \(int\)"),
]


@params(S3_ROWS + ECR_ROWS + EFS_ROWS)
def test_bad_input(row: Bad, stack: Any, vpc: Any) -> None:
    run(row, stack, vpc)
