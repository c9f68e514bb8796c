"""The ``aws_ecr`` subset Batch apps use: ``Repository`` (``aws_ecr_repository``, lifecycle rules
as an ``aws_ecr_lifecycle_policy``) and its imports ``from_repository_name`` /
``from_repository_arn`` / ``from_repository_attributes``, with AWS CDK's grants (``grant``,
``grant_read``, ``grant_pull``, ``grant_push``, ``grant_pull_push``).

``ContainerImage.from_ecr_repository(repository, tag)`` takes any of them; ECS containers then
grant pull to their execution role, as AWS CDK does.
"""
from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import Any, Sequence

from ._base import BatchConstruct
from ._check import (check_bool, check_duration, check_enum, check_instance, check_int, check_list, check_scope,
                     check_str, check_str_list, child_path)
from ._errors import ValidationError
from ._imported import Imported
from ._json import canonical_json
from ._tokens import is_unresolved
from .core import Duration, RemovalPolicy, removal_policy_attributes
from .iam import PolicyStatement, as_principal
from .iam._validation import check_actions
from ._identity import node_path

__all__ = ["IRepository", "ImportedRepository", "LifecycleRule", "Repository", "TagMutability", "TagStatus"]

# AWS CDK aws-ecr/lib/repository.ts (RepositoryBase).
REPO_PULL_ACTIONS = ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]
REPO_PUSH_ACTIONS = ["ecr:CompleteLayerUpload", "ecr:UploadLayerPart", "ecr:InitiateLayerUpload",
                     "ecr:BatchCheckLayerAvailability", "ecr:PutImage"]
REPO_READ_ACTIONS = ["ecr:DescribeRepositories", "ecr:DescribeImages"]

#: AWS CDK's ``validateRepositoryName`` (from CloudFormation's ``RepositoryName`` pattern).
REPOSITORY_NAME = re.compile(r"(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*")
#: An IAM action (``service:Action``, wildcards allowed), as IAM's policy grammar.
ACTION = r"\*|[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+"
REPOSITORY_ARN = re.compile(r"arn:[a-z-]+:ecr:[a-z0-9-]+:[0-9]{12}:repository/.+")


class TagMutability(enum.StrEnum):
    """Whether image tags can be overwritten (default ``MUTABLE``, ECR's)."""

    MUTABLE = "MUTABLE"
    IMMUTABLE = "IMMUTABLE"


class TagStatus(enum.StrEnum):
    """Which images a lifecycle rule selects."""

    ANY = "any"
    TAGGED = "tagged"
    UNTAGGED = "untagged"


@dataclass
class LifecycleRule:
    """An image-expiry rule: exactly one of ``max_image_count`` and ``max_image_age`` (whole days).

    :param rule_priority: default: after the rules that have one, in order (a ``TagStatus.ANY``
        rule comes last).
    :param tag_pattern_list: tag patterns with ``*`` wildcards (at most four each), for
        ``TagStatus.TAGGED``; not together with ``tag_prefix_list``.
    :param tag_status: default ``TAGGED`` with ``tag_prefix_list`` or ``tag_pattern_list``, else ``ANY``.
    """

    description: str | None = None
    max_image_age: Duration | None = None
    max_image_count: int | None = None
    rule_priority: int | None = None
    tag_prefix_list: Sequence[str] | None = None
    tag_status: TagStatus | None = None
    tag_pattern_list: Sequence[str] | None = None


def validate_repository_name(scope: Any, repository_name: Any) -> None:
    """AWS CDK's repository-name rules and message."""
    name = check_str(scope, "repository_name", repository_name)
    if not name or is_unresolved(name):
        return
    errors = []
    if not 2 <= len(name) <= 256:
        errors.append("Repository name must be at least 2 and no more than 256 characters")
    if not REPOSITORY_NAME.fullmatch(name):
        errors.append("Repository name must start with a letter and can only contain lowercase letters, numbers, "
                      "hyphens, underscores, periods and forward slashes")
    if errors:
        raise ValidationError(scope, f"Invalid ECR repository name (value: {name})\n" + "\n".join(errors))


def check_lifecycle_rule(scope: Any, keyword: str, rule: Any, existing: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """One rule, checked as AWS CDK's ``addLifecycleRule`` (its messages), in a plain dict."""
    check_instance(scope, keyword, rule, LifecycleRule, "an ecr.LifecycleRule", required=True)
    check_str(scope, f"{keyword}.description", rule.description)
    count = check_int(scope, f"{keyword}.max_image_count", rule.max_image_count, minimum=1)
    age = check_duration(scope, f"{keyword}.max_image_age", rule.max_image_age)
    priority = check_int(scope, f"{keyword}.rule_priority", rule.rule_priority, minimum=1)
    prefixes = check_str_list(scope, f"{keyword}.tag_prefix_list", rule.tag_prefix_list)
    patterns = check_str_list(scope, f"{keyword}.tag_pattern_list", rule.tag_pattern_list)
    status = check_enum(scope, f"{keyword}.tag_status", rule.tag_status, TagStatus)
    validate_tag_selection(scope, status, prefixes, patterns)
    if status is None:
        status = TagStatus.ANY if prefixes is None and patterns is None else TagStatus.TAGGED
    if (age is None) == (count is None):
        raise ValidationError(scope, "Life cycle rule must contain exactly one of 'maxImageAge' and "
                                     f"'maxImageCount', got: {rule!r}")
    if status is TagStatus.ANY and any(r["tag_status"] is TagStatus.ANY for r in existing):
        raise ValidationError(scope, "Life cycle can only have one TagStatus.Any rule")
    days = None
    if age is not None:
        try:
            days = int(age.to_days())
        except ValidationError as error:
            raise ValidationError(scope, f"'{keyword}.max_image_age': {error.message}") from None
    return {"description": rule.description, "priority": priority, "tag_status": status, "prefixes": prefixes,
            "patterns": patterns, "days": days, "count": count}


def validate_tag_selection(scope: Any, status: TagStatus | None, prefixes: Sequence[str] | None,
                           patterns: Sequence[str] | None) -> None:
    """AWS CDK's ``addLifecycleRule`` tag rules and messages (aws-ecr/lib/repository.ts)."""
    tagged = status is TagStatus.TAGGED or (status is None and (prefixes is not None or patterns is not None))
    if tagged and not prefixes and not patterns:
        raise ValidationError(scope, "TagStatus.Tagged requires the specification of a tagPrefixList or a "
                                     "tagPatternList")
    if not tagged and (prefixes is not None or patterns is not None):
        raise ValidationError(scope, "tagPrefixList and tagPatternList can only be specified when tagStatus is set "
                                     "to Tagged")
    if prefixes is not None and patterns is not None:
        raise ValidationError(scope, "Both tagPrefixList and tagPatternList cannot be specified together in a rule")
    for pattern in patterns or ():
        if not is_unresolved(pattern) and pattern.count("*") > 4:
            raise ValidationError(scope, "A tag pattern cannot contain more than four wildcard characters (*), "
                                         f"pattern: {pattern}, counts: {pattern.count('*')}")


def lifecycle_policy(scope: Any, rules: Sequence[dict[str, Any]]) -> str:
    """AWS CDK's ``renderLifecyclePolicy``: automatic priorities, the ``any`` rule last."""
    prioritized = [r for r in rules if r["priority"] is not None and r["tag_status"] is not TagStatus.ANY]
    automatic = [r for r in rules if r["priority"] is None and r["tag_status"] is not TagStatus.ANY]
    any_rules = [r for r in rules if r["tag_status"] is TagStatus.ANY]
    if any_rules and any_rules[0]["priority"] is not None and automatic:
        raise ValidationError(scope, "Cannot combine prioritized TagStatus.Any rule with unprioritized rules. "
                                     "Remove rulePriority from the 'Any' rule.")
    next_priority = max([r["priority"] for r in prioritized], default=0) + 1
    ordered = []
    for rule in prioritized + automatic + any_rules:
        priority = rule["priority"]
        if priority is None:
            priority, next_priority = next_priority, next_priority + 1
        ordered.append((priority, rule))
    if any_rules:
        top = max(p for p, _ in ordered)
        any_priority = next(p for p, r in ordered if r["tag_status"] is TagStatus.ANY)
        if any_priority != top:
            raise ValidationError(scope, f"TagStatus.Any rule must have highest priority, has {any_priority} which "
                                         f"is smaller than {top}")
    return canonical_json({"rules": [{
        "rulePriority": priority, "description": rule["description"],
        "selection": {"tagStatus": rule["tag_status"].value, "tagPrefixList": rule["prefixes"],
                      "tagPatternList": rule["patterns"],
                      "countType": "sinceImagePushed" if rule["days"] is not None else "imageCountMoreThan",
                      "countNumber": rule["days"] if rule["days"] is not None else rule["count"],
                      "countUnit": "days" if rule["days"] is not None else None},
        "action": {"type": "expire"}} for priority, rule in ordered]})


def _dns_suffix(scope: Any) -> str:
    """``amazonaws.com`` (``amazonaws.com.cn``, ...) of the provider's partition."""
    from . import _stack_data
    return _stack_data._singleton(scope, _stack_data._PARTITION_ID, "data_aws_partition",
                                  "DataAwsPartition").dns_suffix


def _arn_part(arn: str, index: int) -> str:
    if is_unresolved(arn):
        from ._core import cdk
        core = cdk()
        Fn, Token = core.Fn, core.Token
        return Token.as_string(Fn.element(Fn.split(":", arn), index))
    return arn.split(":")[index]


class IRepository:
    """What a repository offers, created or imported: name, ARN, URIs and AWS CDK's grants
    (statements added to the grantee's policy)."""

    repository_name: str
    repository_arn: str
    repository_uri: str

    def _where(self) -> Any:
        return getattr(self, "path", self)

    def repository_uri_for_tag(self, tag: str | None = None) -> str:
        """``<registry>/<name>:<tag>`` (``<registry>/<name>`` without a tag)."""
        tag = check_str(self._where(), "tag", tag, pattern=r"\w[\w.-]{0,127}",
                        rule="an image tag (up to 128 of letters, digits, _.-)")
        return f"{self.repository_uri}:{tag}" if tag else self.repository_uri

    def repository_uri_for_digest(self, digest: str | None = None) -> str:
        """``<registry>/<name>@<digest>`` (``sha256:...``)."""
        digest = check_str(self._where(), "digest", digest, pattern=r"[a-z0-9]+:[a-f0-9]+",
                           rule="an image digest (sha256:...)")
        return f"{self.repository_uri}@{digest}" if digest else self.repository_uri

    def repository_uri_for_tag_or_digest(self, tag_or_digest: str | None = None) -> str:
        if isinstance(tag_or_digest, str) and tag_or_digest.startswith("sha256:"):
            return self.repository_uri_for_digest(tag_or_digest)
        return self.repository_uri_for_tag(tag_or_digest)

    def grant(self, grantee: Any, *actions: str) -> None:
        """``actions`` on this repository, on the grantee's policy."""
        principal = as_principal(grantee, scope=self._where())
        actions = check_actions(self._where(), "actions", list(actions)) or []
        principal.add_to_principal_policy(PolicyStatement(actions=list(actions), resources=[self.repository_arn]))

    def _grant_token(self, grantee: Any) -> None:
        as_principal(grantee, scope=self._where()).add_to_principal_policy(
            PolicyStatement(actions=["ecr:GetAuthorizationToken"], resources=["*"]))

    def grant_read(self, grantee: Any) -> None:
        """``ecr:DescribeRepositories``, ``ecr:DescribeImages``."""
        self.grant(grantee, *REPO_READ_ACTIONS)

    def grant_pull(self, grantee: Any) -> None:
        """Pull actions on the repository and ``ecr:GetAuthorizationToken`` on ``*``."""
        self.grant(grantee, *REPO_PULL_ACTIONS)
        self._grant_token(grantee)

    def grant_push(self, grantee: Any) -> None:
        """Push actions on the repository and ``ecr:GetAuthorizationToken`` on ``*``."""
        self.grant(grantee, *REPO_PUSH_ACTIONS)
        self._grant_token(grantee)

    def grant_pull_push(self, grantee: Any) -> None:
        """Pull and push actions (one statement, duplicates removed) and the token."""
        self.grant(grantee, *dict.fromkeys(REPO_PULL_ACTIONS + REPO_PUSH_ACTIONS))
        self._grant_token(grantee)


class ImportedRepository(Imported, IRepository):
    """An existing repository: creates nothing (the provider's partition data source at most);
    grants go to the grantee's policy."""

    def __init__(self, scope: Any, id: str, *, repository_name: str, repository_arn: str | None) -> None:
        super().__init__(scope, id)
        check_str(self.path, "repository_name", repository_name, required=True)
        if repository_arn is None:
            from ._stack_data import account, region
            region_, account_ = region(scope), account(scope)
            repository_arn = Repository.arn_for_local_repository(repository_name, scope)
        else:
            self._keep_arn("repository_arn", repository_arn, pattern=REPOSITORY_ARN,
                           rule="a repository ARN (arn:<partition>:ecr:<region>:<account>:repository/<name>)")
            region_, account_ = _arn_part(repository_arn, 3), _arn_part(repository_arn, 4)
        self.repository_name, self.repository_arn = repository_name, repository_arn
        self.registry_uri = f"{account_}.dkr.ecr.{region_}.{_dns_suffix(scope)}"
        self.repository_uri = f"{self.registry_uri}/{repository_name}"


class Repository(BatchConstruct, IRepository):
    """An ECR repository (``aws_ecr_repository``).

    :param repository_name: default: ``<construct path>-<hash>`` in lowercase (ECR needs a name).
    :param image_scan_on_push: default: not emitted (ECR's ``False``).
    :param image_tag_mutability: default: not emitted (ECR's ``MUTABLE``).
    :param removal_policy: default: Terraform's own (``terraform destroy`` deletes the repository;
        ECR refuses while it holds images). ``RETAIN``: ``lifecycle.prevent_destroy``.
    :param empty_on_delete: default: not emitted (``False``); ``True`` (needs
        ``RemovalPolicy.DESTROY``) sets ``force_delete``, deleting the images with the repository.
    :param lifecycle_rules: default: none (an ``aws_ecr_lifecycle_policy`` when any).
    """

    def __init__(self, scope: Any, id: str, *, repository_name: str | None = None,
                 image_scan_on_push: bool | None = None, image_tag_mutability: TagMutability | None = None,
                 removal_policy: RemovalPolicy | None = None, empty_on_delete: bool | None = None,
                 lifecycle_rules: Sequence[LifecycleRule] | None = None) -> None:
        super().__init__(scope, id)
        validate_repository_name(self, repository_name)
        scan = check_bool(self, "image_scan_on_push", image_scan_on_push)
        mutability = check_enum(self, "image_tag_mutability", image_tag_mutability, TagMutability)
        self.removal_policy = check_enum(self, "removal_policy", removal_policy, RemovalPolicy)
        empty = check_bool(self, "empty_on_delete", empty_on_delete)
        if empty and self.removal_policy is not RemovalPolicy.DESTROY:
            # AWS CDK's message.
            raise self._error("Cannot use 'emptyOnDelete' property on a repository without setting removal policy "
                              "to 'DESTROY'.")
        removal = removal_policy_attributes(self, "removal_policy", self.removal_policy, kind="aws_ecr_repository")
        extra: dict[str, Any] = {}
        if scan is not None:
            extra["image_scanning_configuration"] = {"scan_on_push": scan}
        if mutability is not None:
            extra["image_tag_mutability"] = mutability.value
        if empty is not None:
            extra["force_delete"] = empty
        self.resource = self._new_l1("Resource", "ecr_repository", "EcrRepository",
                                     name=repository_name or _generated_name(self), taggable=True, **extra)
        for key, value in removal.items():
            self.resource.add_override(key, value)
        self.repository_name: str = self.resource.name
        self.repository_arn: str = self.resource.arn
        self.repository_uri: str = self.resource.repository_url
        self._rules: list[dict[str, Any]] = []
        self.lifecycle_policy: Any = None
        for index, rule in enumerate(check_list(self, "lifecycle_rules", lifecycle_rules,
                                                expected="a list of ecr.LifecycleRule") or ()):
            self._add_rule(f"lifecycle_rules[{index}]", rule)

    @property
    def registry_uri(self) -> str:
        """``<account>.dkr.ecr.<region>.<dns suffix>``."""
        from ._core import cdk
        core = cdk()
        Fn, Token = core.Fn, core.Token
        return Token.as_string(Fn.element(Fn.split("/", self.repository_uri), 0))

    def add_lifecycle_rule(self, rule: LifecycleRule | None = None, /, *, description: str | None = None,
                           max_image_age: Duration | None = None, max_image_count: int | None = None,
                           rule_priority: int | None = None, tag_prefix_list: Sequence[str] | None = None,
                           tag_status: TagStatus | None = None,
                           tag_pattern_list: Sequence[str] | None = None) -> None:
        """Add an image-expiry rule (creates the ``aws_ecr_lifecycle_policy`` on first use): a
        ``LifecycleRule``, or its fields as keywords as AWS CDK's Python API takes them
        (``add_lifecycle_rule(max_image_count=20)``), not both."""
        fields = {k: v for k, v in dict(description=description, max_image_age=max_image_age,
                                         max_image_count=max_image_count, rule_priority=rule_priority,
                                         tag_prefix_list=tag_prefix_list, tag_status=tag_status,
                                         tag_pattern_list=tag_pattern_list).items()
                  if v is not None}
        if rule is not None and fields:
            raise ValidationError(self, "add_lifecycle_rule(): give a LifecycleRule or its fields as keywords, "
                                        f"not both (got a rule and {', '.join(sorted(fields))})")
        self._add_rule("rule", LifecycleRule(**fields) if rule is None else rule)

    def _add_rule(self, keyword: str, rule: Any) -> None:
        self._rules.append(check_lifecycle_rule(self, keyword, rule, self._rules))
        lifecycle_policy(self, self._rules)  # the ordering rules, checked now
        if self.lifecycle_policy is None:
            self.lifecycle_policy = self._new_l1(
                "LifecyclePolicy", "ecr_lifecycle_policy", "EcrLifecyclePolicy", repository=self.resource.name,
                policy="{}", render=lambda: {"policy": lifecycle_policy(self, self._rules)})

    @classmethod
    def from_repository_name(cls, scope: Any, id: str, repository_name: str) -> ImportedRepository:
        """A repository of this stack's account and region, by name. Creates nothing."""
        check_scope(scope, id)
        validate_repository_name(child_path(scope, id), repository_name)
        return ImportedRepository(scope, id, repository_name=repository_name, repository_arn=None)

    @classmethod
    def from_repository_arn(cls, scope: Any, id: str, repository_arn: str) -> ImportedRepository:
        """A repository by ARN (``arn:<partition>:ecr:<region>:<account>:repository/<name>``)."""
        check_scope(scope, id)
        path = child_path(scope, id)
        check_str(path, "repository_arn", repository_arn, required=True)
        if is_unresolved(repository_arn):
            # AWS CDK's message.
            raise ValidationError(path, '"repositoryArn" is a late-bound value, and therefore "repositoryName" is '
                                        "required. Use `fromRepositoryAttributes` instead")
        if not repository_arn.split(":")[-1].startswith("repository/"):
            raise ValidationError(path, "Repository arn should be in the format 'arn:<PARTITION>:ecr:<REGION>:"
                                        f"<ACCOUNT>:repository/<NAME>', got {repository_arn}.")
        name = repository_arn.split("/", 1)[1]
        return ImportedRepository(scope, id, repository_name=name, repository_arn=repository_arn)

    @classmethod
    def from_repository_attributes(cls, scope: Any, id: str, *, repository_arn: str,
                                   repository_name: str) -> ImportedRepository:
        """A repository by name and ARN (either may be a token)."""
        check_scope(scope, id)
        check_str(child_path(scope, id), "repository_arn", repository_arn, required=True)
        return ImportedRepository(scope, id, repository_name=repository_name, repository_arn=repository_arn)

    @staticmethod
    def arn_for_local_repository(repository_name: str, scope: Any, account: str | None = None) -> str:
        """``arn:<partition>:ecr:<region>:<account>:repository/<name>`` of this stack's provider."""
        from ._stack_data import account as caller_account
        from ._stack_data import partition, region
        check_str(None, "repository_name", repository_name, required=True)
        check_str(None, "account", account, pattern=r"[0-9]{12}", rule="a 12-digit account id")
        return (f"arn:{partition(scope)}:ecr:{region(scope)}:{account or caller_account(scope)}:"
                f"repository/{repository_name}")


def _generated_name(construct: Any) -> str:
    """``<path>-<hash>`` in ECR's alphabet (lowercase; single ``-`` between words)."""
    from ._naming import path_hash
    path = node_path(construct)
    readable = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "repository"
    suffix = "-" + path_hash(path).lower()
    return readable[: 256 - len(suffix)].rstrip("-") + suffix


from ._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
