"""The ``aws_s3`` subset Batch apps use: ``Bucket`` (and ``Bucket.from_bucket_name`` /
``from_bucket_arn`` / ``from_bucket_attributes``), ``BucketEncryption``, ``BlockPublicAccess``
and ``LifecycleRule``, with AWS CDK's grants (``grant_read``, ``grant_write``,
``grant_read_write``, ``grant_put``, ``grant_put_acl``, ``grant_delete``).

A ``Bucket`` is an ``aws_s3_bucket`` plus the resources the provider (5.x) splits its settings
into: ``aws_s3_bucket_versioning``, ``aws_s3_bucket_server_side_encryption_configuration``,
``aws_s3_bucket_public_access_block``, ``aws_s3_bucket_policy`` (``enforce_ssl``) and
``aws_s3_bucket_lifecycle_configuration``. Grants are statements on the grantee's own policy
(AWS CDK's ``Grant.addToPrincipalOrResource`` for a principal of the same account).
"""
from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import Any, Sequence

from ._base import BatchConstruct, resource_address
from ._check import (check_bool, check_duration, check_enum, check_instance, check_list, check_scope, check_str,
                     child_path)
from ._errors import ValidationError
from ._imported import Imported
from ._tokens import is_unresolved
from .core import Duration, RemovalPolicy, removal_policy_attributes
from .iam import PolicyStatement, as_principal

__all__ = ["BlockPublicAccess", "Bucket", "BucketEncryption", "IBucket", "ImportedBucket", "LifecycleRule"]

# AWS CDK aws-s3/lib/perms.ts. Put actions: the ``@aws-cdk/aws-s3:grantWriteWithoutAcl`` form
# (the flag is on in every new AWS CDK app); ``grant_put_acl`` grants the ACL actions.
BUCKET_READ_ACTIONS = ["s3:GetObject*", "s3:GetBucket*", "s3:List*"]
BUCKET_PUT_ACTIONS = ["s3:PutObject", "s3:PutObjectLegalHold", "s3:PutObjectRetention", "s3:PutObjectTagging",
                      "s3:PutObjectVersionTagging", "s3:Abort*"]
BUCKET_PUT_ACL_ACTIONS = ["s3:PutObjectAcl", "s3:PutObjectVersionAcl"]
BUCKET_DELETE_ACTIONS = ["s3:DeleteObject*"]
BUCKET_WRITE_ACTIONS = BUCKET_DELETE_ACTIONS + BUCKET_PUT_ACTIONS

#: A bucket ARN (``arn:<partition>:s3:::<name>``).
BUCKET_ARN = re.compile(r"arn:[a-z-]+:s3:::[^/]+")


class BucketEncryption(enum.StrEnum):
    """Server-side encryption of a bucket (values as AWS CDK's)."""

    UNENCRYPTED = "NONE"
    KMS_MANAGED = "MANAGED"
    S3_MANAGED = "S3MANAGED"
    KMS = "KMS"
    DSSE_MANAGED = "DSSE_MANAGED"
    DSSE = "DSSE"


#: ``sse_algorithm`` of each encryption this library can emit (KMS and DSSE need a customer key).
_SSE_ALGORITHM = {BucketEncryption.S3_MANAGED: "AES256", BucketEncryption.KMS_MANAGED: "aws:kms",
                  BucketEncryption.DSSE_MANAGED: "aws:kms:dsse"}


class BlockPublicAccess:
    """The bucket's public access block (``aws_s3_bucket_public_access_block``); an unset field is
    ``False``. ``BlockPublicAccess.BLOCK_ALL`` sets all four, ``BLOCK_ACLS`` the two ACL ones."""

    BLOCK_ALL: "BlockPublicAccess"
    BLOCK_ACLS: "BlockPublicAccess"

    def __init__(self, *, block_public_acls: bool | None = None, block_public_policy: bool | None = None,
                 ignore_public_acls: bool | None = None, restrict_public_buckets: bool | None = None) -> None:
        self.block_public_acls = check_bool(None, "block_public_acls", block_public_acls)
        self.block_public_policy = check_bool(None, "block_public_policy", block_public_policy)
        self.ignore_public_acls = check_bool(None, "ignore_public_acls", ignore_public_acls)
        self.restrict_public_buckets = check_bool(None, "restrict_public_buckets", restrict_public_buckets)

    def _render(self) -> dict[str, bool]:
        return {"block_public_acls": bool(self.block_public_acls),
                "block_public_policy": bool(self.block_public_policy),
                "ignore_public_acls": bool(self.ignore_public_acls),
                "restrict_public_buckets": bool(self.restrict_public_buckets)}

    def __repr__(self) -> str:
        return f"BlockPublicAccess({self._render()})"


BlockPublicAccess.BLOCK_ALL = BlockPublicAccess(block_public_acls=True, block_public_policy=True,
                                                ignore_public_acls=True, restrict_public_buckets=True)
BlockPublicAccess.BLOCK_ACLS = BlockPublicAccess(block_public_acls=True, ignore_public_acls=True)


@dataclass
class LifecycleRule:
    """A lifecycle rule (the subset Batch apps use): expire objects, old versions and incomplete
    multipart uploads, optionally only under ``prefix``.

    :param id: default: ``Rule<n>`` (its position; Terraform requires an id).
    :param enabled: default ``True``.
    :param prefix: default: every object.
    :param expiration: objects expire this long after creation (whole days).
    :param abort_incomplete_multipart_upload_after: whole days.
    :param noncurrent_version_expiration: non-current versions expire this long after they
        become non-current (whole days).
    """

    id: str | None = None
    enabled: bool | None = None
    prefix: str | None = None
    expiration: Duration | None = None
    abort_incomplete_multipart_upload_after: Duration | None = None
    noncurrent_version_expiration: Duration | None = None


def _days(scope: Any, keyword: str, value: Any) -> Any:
    """A ``Duration`` in whole days (S3 lifecycle rules count days)."""
    duration = check_duration(scope, keyword, value)
    if duration is None:
        return None
    try:
        return int(duration.to_days())
    except ValidationError as error:
        raise ValidationError(scope, f"'{keyword}': {error.message}") from None


def check_lifecycle_rule(scope: Any, keyword: str, rule: Any) -> dict[str, Any]:
    """One rule as the provider's ``rule`` block. AWS CDK: a rule needs at least one action."""
    check_instance(scope, keyword, rule, LifecycleRule, "an s3.LifecycleRule", required=True)
    check_str(scope, f"{keyword}.id", rule.id, min_length=1, max_length=255)
    enabled = check_bool(scope, f"{keyword}.enabled", rule.enabled)
    check_str(scope, f"{keyword}.prefix", rule.prefix)
    expiration = _days(scope, f"{keyword}.expiration", rule.expiration)
    abort = _days(scope, f"{keyword}.abort_incomplete_multipart_upload_after",
                  rule.abort_incomplete_multipart_upload_after)
    noncurrent = _days(scope, f"{keyword}.noncurrent_version_expiration", rule.noncurrent_version_expiration)
    if expiration is None and abort is None and noncurrent is None:
        raise ValidationError(scope, f"'{keyword}': all rules for `lifecycleRules` must have at least one of the "
                                     "following properties: `abortIncompleteMultipartUploadAfter`, `expiration`, "
                                     "`noncurrentVersionExpiration`")
    return {"status": "Disabled" if enabled is False else "Enabled",
            "filter": [{"prefix": rule.prefix or ""}],
            "expiration": [{"days": expiration}] if expiration is not None else None,
            "abort_incomplete_multipart_upload": ([{"days_after_initiation": abort}]
                                                  if abort is not None else None),
            "noncurrent_version_expiration": ([{"noncurrent_days": noncurrent}]
                                              if noncurrent is not None else None)}


def validate_bucket_name(scope: Any, bucket_name: Any) -> None:
    """AWS CDK's ``Bucket.validateBucketName`` (the S3 naming rules), its messages."""
    name = check_str(scope, "bucket_name", bucket_name)
    if not name or is_unresolved(name):
        return
    errors = []
    if not 3 <= len(name) <= 63:
        errors.append("Bucket name must be at least 3 and no more than 63 characters")
    bad = re.search(r"[^a-z0-9.-]", name)
    if bad:
        errors.append("Bucket name must only contain lowercase characters and the symbols, period (.) and dash (-) "
                      f"(offset: {bad.start()})")
    if not re.match(r"[a-z0-9]", name[0]):
        errors.append("Bucket name must start and end with a lowercase character or number (offset: 0)")
    if not re.match(r"[a-z0-9]", name[-1]):
        errors.append(f"Bucket name must start and end with a lowercase character or number (offset: {len(name) - 1})")
    consecutive = re.search(r"\.-|-\.|\.\.", name)
    if consecutive:
        errors.append("Bucket name must not have dash next to period, or period next to dash, or consecutive periods "
                      f"(offset: {consecutive.start()})")
    if re.fullmatch(r"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}", name):
        errors.append("Bucket name must not resemble an IP address")
    if errors:
        raise ValidationError(scope, f"Invalid S3 bucket name (value: {name})\n" + "\n".join(errors))


class IBucket:
    """What a bucket offers, created or imported: ``bucket_name``, ``bucket_arn``, object ARNs
    and URLs, and AWS CDK's grants (statements added to the grantee's policy)."""

    bucket_name: str
    bucket_arn: str

    def _where(self) -> Any:  # the construct (path) errors name
        return getattr(self, "path", self)

    def arn_for_objects(self, key_pattern: str) -> str:
        """``<bucket_arn>/<key_pattern>`` (``"*"``: every object)."""
        check_str(self._where(), "key_pattern", key_pattern, required=True)
        return f"{self.bucket_arn}/{key_pattern}"

    def s3_url_for_object(self, key: str | None = None) -> str:
        """``s3://<bucket>/<key>`` (``s3://<bucket>`` without a key)."""
        key = check_str(self._where(), "key", key)
        return f"s3://{self.bucket_name}" + (f"/{key.lstrip('/')}" if key else "")

    def _grant(self, identity: Any, actions: Sequence[str], resources: Sequence[str]) -> None:
        grantee = as_principal(identity, scope=self._where())
        grantee.add_to_principal_policy(PolicyStatement(actions=list(actions), resources=list(resources)))

    def grant_read(self, identity: Any, objects_key_pattern: str = "*") -> None:
        """``s3:GetObject*``, ``s3:GetBucket*``, ``s3:List*`` on the bucket and its objects."""
        self._grant(identity, BUCKET_READ_ACTIONS, [self.bucket_arn, self.arn_for_objects(objects_key_pattern)])

    def grant_write(self, identity: Any, objects_key_pattern: str = "*",
                    allowed_action_patterns: Sequence[str] | None = None) -> None:
        """Delete and put actions (or ``allowed_action_patterns``) on the bucket and its objects."""
        allowed = check_list(self._where(), "allowed_action_patterns", allowed_action_patterns,
                             lambda s, k, v: check_str(s, k, v, min_length=1, required=True),
                             expected="a list of IAM actions")
        self._grant(identity, allowed or BUCKET_WRITE_ACTIONS,
                    [self.bucket_arn, self.arn_for_objects(objects_key_pattern)])

    def grant_put(self, identity: Any, objects_key_pattern: str = "*") -> None:
        """``s3:PutObject`` (and its legal-hold, retention and tagging actions), ``s3:Abort*`` on objects."""
        self._grant(identity, BUCKET_PUT_ACTIONS, [self.arn_for_objects(objects_key_pattern)])

    def grant_put_acl(self, identity: Any, objects_key_pattern: str = "*") -> None:
        """``s3:PutObjectAcl``, ``s3:PutObjectVersionAcl`` on objects."""
        self._grant(identity, BUCKET_PUT_ACL_ACTIONS, [self.arn_for_objects(objects_key_pattern)])

    def grant_delete(self, identity: Any, objects_key_pattern: str = "*") -> None:
        """``s3:DeleteObject*`` on objects."""
        self._grant(identity, BUCKET_DELETE_ACTIONS, [self.arn_for_objects(objects_key_pattern)])

    def grant_read_write(self, identity: Any, objects_key_pattern: str = "*") -> None:
        """Read, delete and put actions on the bucket and its objects (one statement)."""
        self._grant(identity, BUCKET_READ_ACTIONS + BUCKET_WRITE_ACTIONS,
                    [self.bucket_arn, self.arn_for_objects(objects_key_pattern)])


class ImportedBucket(Imported, IBucket):
    """An existing bucket (``Bucket.from_bucket_name`` / ``from_bucket_arn`` /
    ``from_bucket_attributes``): creates nothing; grants go to the grantee's policy."""

    def __init__(self, scope: Any, id: str, *, bucket_arn: str | None, bucket_name: str | None) -> None:
        super().__init__(scope, id)
        if bucket_arn is not None:
            self._keep_arn("bucket_arn", bucket_arn, pattern=BUCKET_ARN,
                           rule="a bucket ARN (arn:<partition>:s3:::<bucket name>)")
        check_str(self.path, "bucket_name", bucket_name)
        if bucket_name is None and bucket_arn is None:
            raise ValidationError(self.path, "Bucket name is required")  # AWS CDK's message
        if bucket_name is None:
            bucket_name = _name_from_arn(bucket_arn)  # type: ignore[arg-type]
        validate_bucket_name(self.path, bucket_name)
        if bucket_arn is None:
            from ._stack_data import partition
            bucket_arn = f"arn:{partition(scope)}:s3:::{bucket_name}"
        self.bucket_name, self.bucket_arn = bucket_name, bucket_arn


def _name_from_arn(arn: str) -> str:
    if is_unresolved(arn):
        from ._core import cdk
        core = cdk()
        Fn, Token = core.Fn, core.Token
        return Token.as_string(Fn.element(Fn.split(":", arn), 5))
    return arn.split(":", 5)[5]


class Bucket(BatchConstruct, IBucket):
    """An S3 bucket (``aws_s3_bucket``) and the settings the provider keeps as resources of their own.

    :param bucket_name: default: generated by Terraform (``terraform-...``, unique). S3's naming
        rules are checked (AWS CDK's messages).
    :param versioned: default ``False`` (no ``aws_s3_bucket_versioning``).
    :param encryption: default ``BucketEncryption.S3_MANAGED`` (``AES256``); ``KMS_MANAGED`` and
        ``DSSE_MANAGED`` use the AWS managed key; ``UNENCRYPTED`` emits no encryption
        configuration (S3 then applies SSE-S3 itself). ``KMS``/``DSSE`` (a customer key) are refused.
    :param bucket_key_enabled: default: not emitted; only with ``KMS_MANAGED``/``DSSE_MANAGED``.
    :param block_public_access: default ``BlockPublicAccess.BLOCK_ALL`` (an
        ``aws_s3_bucket_public_access_block`` with all four settings on).
    :param enforce_ssl: default ``False``; ``True`` adds AWS CDK's bucket policy denying ``s3:*``
        without TLS (``aws_s3_bucket_policy``).
    :param removal_policy: default: Terraform's own (``terraform destroy`` deletes the bucket; S3
        refuses while it holds objects). ``RETAIN``: ``lifecycle.prevent_destroy``.
    :param auto_delete_objects: default ``False``; ``True`` (needs ``RemovalPolicy.DESTROY``) sets
        ``force_destroy`` so that destroying deletes the objects too.
    :param lifecycle_rules: default: none (``aws_s3_bucket_lifecycle_configuration`` when any).
    """

    def __init__(self, scope: Any, id: str, *, bucket_name: str | None = None, versioned: bool | None = None,
                 encryption: BucketEncryption | None = None, bucket_key_enabled: bool | None = None,
                 block_public_access: BlockPublicAccess | None = None, enforce_ssl: bool | None = None,
                 removal_policy: RemovalPolicy | None = None, auto_delete_objects: bool | None = None,
                 lifecycle_rules: Sequence[LifecycleRule] | None = None) -> None:
        super().__init__(scope, id)
        validate_bucket_name(self, bucket_name)
        self.versioned = bool(check_bool(self, "versioned", versioned))
        self.encryption = check_enum(self, "encryption", encryption, BucketEncryption) or BucketEncryption.S3_MANAGED
        key_enabled = check_bool(self, "bucket_key_enabled", bucket_key_enabled)
        self.block_public_access = check_instance(
            self, "block_public_access", block_public_access, BlockPublicAccess,
            "a BlockPublicAccess (BlockPublicAccess.BLOCK_ALL, ...)") or BlockPublicAccess.BLOCK_ALL
        self.enforce_ssl = bool(check_bool(self, "enforce_ssl", enforce_ssl))
        self.removal_policy = check_enum(self, "removal_policy", removal_policy, RemovalPolicy)
        self.auto_delete_objects = bool(check_bool(self, "auto_delete_objects", auto_delete_objects))
        self._check_encryption(key_enabled)
        if self.auto_delete_objects and self.removal_policy is not RemovalPolicy.DESTROY:
            # AWS CDK's message.
            raise self._error("Cannot use 'autoDeleteObjects' property on a bucket without setting removal policy "
                              "to 'DESTROY'.")
        removal = removal_policy_attributes(self, "removal_policy", self.removal_policy, kind="aws_s3_bucket")
        extra: dict[str, Any] = {}
        if bucket_name is not None:
            extra["bucket"] = bucket_name
        if self.auto_delete_objects:
            extra["force_destroy"] = True
        self.resource = self._new_l1("Resource", "s3_bucket", "S3Bucket", taggable=True, **extra)
        for key, value in removal.items():
            self.resource.add_override(key, value)
        self.bucket_name: str = self.resource.bucket
        self.bucket_arn: str = self.resource.arn
        self.bucket_domain_name: str = self.resource.bucket_domain_name
        self.bucket_regional_domain_name: str = self.resource.bucket_regional_domain_name
        self._create_settings(key_enabled)
        self._lifecycle_rules: list[dict[str, Any]] = []
        self.lifecycle_configuration: Any = None
        for index, rule in enumerate(check_list(self, "lifecycle_rules", lifecycle_rules,
                                                expected="a list of s3.LifecycleRule") or ()):
            self._add_rule(f"lifecycle_rules[{index}]", rule)

    def _check_encryption(self, key_enabled: bool | None) -> None:
        if self.encryption in (BucketEncryption.KMS, BucketEncryption.DSSE):
            raise self._error(f"'encryption': BucketEncryption.{self.encryption.name} needs a customer managed KMS "
                              "key, which batch_constructs does not create; use BucketEncryption.KMS_MANAGED or "
                              "DSSE_MANAGED (the AWS managed key)")
        if key_enabled and self.encryption not in (BucketEncryption.KMS_MANAGED, BucketEncryption.DSSE_MANAGED):
            # AWS CDK's message.
            raise self._error("bucketKeyEnabled is specified, so 'encryption' must be set to KMS or DSSE "
                              f"(value: {self.encryption.value})")

    def _create_settings(self, key_enabled: bool | None) -> None:
        bucket = self.resource.id
        if self.versioned:
            self._new_l1("Versioning", "s3_bucket_versioning", "S3BucketVersioningA", bucket=bucket,
                         versioning_configuration={"status": "Enabled"})
        algorithm = _SSE_ALGORITHM.get(self.encryption)
        if algorithm is not None:
            rule = {"apply_server_side_encryption_by_default": [{"sse_algorithm": algorithm}],
                    "bucket_key_enabled": key_enabled}
            self._new_l1("Encryption", "s3_bucket_server_side_encryption_configuration",
                         "S3BucketServerSideEncryptionConfigurationA", bucket=bucket, rule=[],
                         render=lambda: {"rule": [{k: v for k, v in rule.items() if v is not None}]})
        self.public_access_block = self._new_l1("PublicAccessBlock", "s3_bucket_public_access_block",
                                                "S3BucketPublicAccessBlock", bucket=bucket,
                                                **self.block_public_access._render())
        self.policy: Any = None
        if self.enforce_ssl:
            self.policy = self._new_l1("Policy", "s3_bucket_policy", "S3BucketPolicy", bucket=bucket,
                                       policy=self._ssl_policy())
            # S3 refuses a policy while the public access block is being changed.
            self.policy.add_override("depends_on", [resource_address(self.public_access_block)])

    def _ssl_policy(self) -> str:
        """AWS CDK's ``enforceSSL`` statement: deny ``s3:*`` to anyone without TLS."""
        from ._json import canonical_json
        return canonical_json({"Version": "2012-10-17", "Statement": [{
            "Action": "s3:*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}, "Effect": "Deny",
            "Principal": {"AWS": "*"}, "Resource": [self.bucket_arn, self.arn_for_objects("*")]}]})

    def add_lifecycle_rule(self, rule: LifecycleRule | None = None, /, *, id: str | None = None,
                           enabled: bool | None = None, prefix: str | None = None,
                           expiration: Duration | None = None,
                           abort_incomplete_multipart_upload_after: Duration | None = None,
                           noncurrent_version_expiration: Duration | None = None) -> None:
        """Add a lifecycle rule (creates the ``aws_s3_bucket_lifecycle_configuration`` on first
        use): a ``LifecycleRule``, or its fields as keywords as AWS CDK's Python API takes them
        (``add_lifecycle_rule(expiration=Duration.days(30))``), not both."""
        fields = {k: v for k, v in dict(id=id, enabled=enabled, prefix=prefix, expiration=expiration,
                                         abort_incomplete_multipart_upload_after=abort_incomplete_multipart_upload_after,
                                         noncurrent_version_expiration=noncurrent_version_expiration).items()
                  if v is not None}
        if rule is not None and fields:
            raise self._error("add_lifecycle_rule(): give a LifecycleRule or its fields as keywords, not both "
                              f"(got a rule and {', '.join(sorted(fields))})")
        self._add_rule("rule", LifecycleRule(**fields) if rule is None else rule)

    def _add_rule(self, keyword: str, rule: Any) -> None:
        block = check_lifecycle_rule(self, keyword, rule)
        block["id"] = rule.id or f"Rule{len(self._lifecycle_rules)}"
        if block["id"] in {r["id"] for r in self._lifecycle_rules}:
            raise self._error(f"'{keyword}.id': lifecycle rule id {rule.id!r} is used twice; give each rule its own")
        self._lifecycle_rules.append({k: v for k, v in block.items() if v is not None})
        if self.lifecycle_configuration is None:
            self.lifecycle_configuration = self._new_l1(
                "Lifecycle", "s3_bucket_lifecycle_configuration", "S3BucketLifecycleConfiguration",
                bucket=self.resource.id, render=lambda: {"rule": [dict(r) for r in self._lifecycle_rules]})
            # Lifecycle rules on versions need versioning first (provider documentation).
            versioning = self.node.try_find_child("Versioning")
            if versioning is not None:
                self.lifecycle_configuration.add_override("depends_on", [resource_address(versioning)])

    @classmethod
    def from_bucket_name(cls, scope: Any, id: str, bucket_name: str) -> ImportedBucket:
        """An existing bucket by name (its ARN uses the provider's partition). Creates nothing."""
        return ImportedBucket(scope, id, bucket_arn=None,
                              bucket_name=check_str(child_path_of(scope, id), "bucket_name", bucket_name,
                                                    required=True))

    @classmethod
    def from_bucket_arn(cls, scope: Any, id: str, bucket_arn: str) -> ImportedBucket:
        """An existing bucket by ARN (``arn:<partition>:s3:::<name>``). Creates nothing."""
        check_str(child_path_of(scope, id), "bucket_arn", bucket_arn, required=True)
        return ImportedBucket(scope, id, bucket_arn=bucket_arn, bucket_name=None)

    @classmethod
    def from_bucket_attributes(cls, scope: Any, id: str, *, bucket_arn: str | None = None,
                               bucket_name: str | None = None) -> ImportedBucket:
        """An existing bucket by ``bucket_arn`` and/or ``bucket_name`` (one is required)."""
        return ImportedBucket(scope, id, bucket_arn=bucket_arn, bucket_name=bucket_name)

    @staticmethod
    def validate_bucket_name(physical_name: str) -> None:
        """Raise ``ValidationError`` unless ``physical_name`` follows S3's naming rules."""
        validate_bucket_name(None, physical_name)


def child_path_of(scope: Any, id: Any) -> str:
    """The path an import would have, after checking ``scope`` and ``id``."""
    check_scope(scope, id)
    return child_path(scope, id)


from ._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
