"""Tags with AWS CDK's API: ``Tags.of(scope).add/remove`` and the ``TagManager`` that taggable
constructs expose as ``.tags`` (``ce.tags.set_tag(key, value, priority=, apply_to_launched_instances=)``).

Pure Python. The rules are AWS CDK's (``aws-cdk-lib/core/lib/tag-aspect.ts``, ``tag-manager.ts``):

* ``Tags.of(scope).add`` has priority 100, ``Tags.of(scope).remove`` 200, ``TagManager.set_tag`` /
  ``remove_tag`` 0 by default. For each key the entry of highest priority wins; on a tie the one
  applied later wins. Direct ``set_tag`` calls apply first, then ``Tags.of`` entries from the root
  down to the construct (AWS CDK's aspects visit parents first), so a nearer scope wins a tie.
* ``include_resource_types`` / ``exclude_resource_types`` take AWS CDK's CloudFormation type
  names (``AWS::Batch::ComputeEnvironment``) or Terraform's (``aws_batch_compute_environment``).

Terraform meaning of ``apply_to_launched_instances`` (AWS CDK ignores it for Batch's map-typed
tags): on a managed EC2 compute environment, a tag set on the environment itself with
``apply_to_launched_instances=True`` (the default) is also an instance tag
(``compute_resources.tags``); ``False`` keeps it to the environment's own ``tags``. Tags from an
enclosing scope never become instance tags: changing instance tags replaces the environment.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

from ._errors import ValidationError
from ._tokens import is_unresolved
from ._identity import construct_key, scope_keys

__all__ = ["TagManager", "TagType", "Tags", "tags_of", "validate_tag"]

#: CloudFormation type → Terraform type, for the resources this library creates that take tags
#: (``include_resource_types`` / ``exclude_resource_types`` accept either spelling).
CFN_TO_TERRAFORM = {
    "AWS::Batch::ComputeEnvironment": "aws_batch_compute_environment",
    "AWS::Batch::JobDefinition": "aws_batch_job_definition",
    "AWS::Batch::JobQueue": "aws_batch_job_queue",
    "AWS::Batch::SchedulingPolicy": "aws_batch_scheduling_policy",
    "AWS::EC2::EIP": "aws_eip",
    "AWS::EC2::InternetGateway": "aws_internet_gateway",
    "AWS::EC2::LaunchTemplate": "aws_launch_template",
    "AWS::EC2::NatGateway": "aws_nat_gateway",
    "AWS::EC2::PlacementGroup": "aws_placement_group",
    "AWS::EC2::RouteTable": "aws_route_table",
    "AWS::EC2::SecurityGroup": "aws_security_group",
    "AWS::EC2::Subnet": "aws_subnet",
    "AWS::EC2::VPC": "aws_vpc",
    "AWS::EC2::VPCEndpoint": "aws_vpc_endpoint",
    "AWS::ECR::Repository": "aws_ecr_repository",
    "AWS::EFS::AccessPoint": "aws_efs_access_point",
    "AWS::EFS::FileSystem": "aws_efs_file_system",
    "AWS::IAM::InstanceProfile": "aws_iam_instance_profile",
    "AWS::IAM::ManagedPolicy": "aws_iam_policy",
    "AWS::IAM::Role": "aws_iam_role",
    "AWS::IAM::User": "aws_iam_user",
    "AWS::Logs::LogGroup": "aws_cloudwatch_log_group",
    "AWS::S3::Bucket": "aws_s3_bucket",
    "AWS::SecretsManager::Secret": "aws_secretsmanager_secret",
    "AWS::SSM::Parameter": "aws_ssm_parameter",
}

#: ``Tags.add`` / ``Tags.remove`` / ``set_tag`` default priorities (AWS CDK tag-aspect.ts, tag-manager.ts).
ADD_PRIORITY, REMOVE_PRIORITY, SET_PRIORITY = 100, 200, 0


@dataclass(frozen=True)
class _Entry:
    value: str | None  # None: removed
    priority: int
    launched: bool = True
    include: frozenset[str] = frozenset()
    exclude: frozenset[str] = frozenset()

    def applies_to(self, resource_type: Callable[[], str] | None) -> bool:
        if not self.include and not self.exclude:
            return True
        if resource_type is None:
            return not self.include
        kind = resource_type()
        return (not self.include or kind in self.include) and kind not in self.exclude


#: construct → key → entry (``Tags.of``), and construct → key → entry (``TagManager.set_tag``).
_TAG_STORE: dict[Any, dict[str, _Entry]] = {}
_DIRECT: dict[Any, dict[str, _Entry]] = {}

_TAG_CHARS = r"[\w .:/=+\-@]*"


def validate_tag(scope: Any, key: Any, value: Any, *, label: str = "Tags.add()", check_value: bool = True) -> None:
    """The AWS tagging rules (``TagResource``): key 1-128 and value 0-256 Unicode letters,
    digits, spaces and ``_ . : / = + - @``; keys must not start with ``aws:``."""
    from ._check import check_str

    check_str(scope, f"{label} key", key, pattern=_TAG_CHARS, min_length=1, max_length=128, required=True,
              rule="a tag key of letters, digits, spaces and _ . : / = + - @")
    if not is_unresolved(key) and key.lower().startswith("aws:"):
        raise ValidationError(scope, f"'{label} key' must not start with 'aws:' (reserved by AWS), got {key!r}")
    if check_value:
        check_str(scope, f"{label} value of '{key}'", value, pattern=_TAG_CHARS, max_length=256, required=True,
                  rule="a tag value of letters, digits, spaces and _ . : / = + - @")


def _priority(scope: Any, label: str, priority: Any, default: int) -> int:
    from ._check import check_int
    value = check_int(scope, f"{label} priority", priority, minimum=0)
    return default if value is None else value


def _resource_types(scope: Any, keyword: str, types: Any) -> frozenset[str]:
    """CloudFormation names mapped to Terraform's; Terraform names kept."""
    from ._check import check_str_list
    names = check_str_list(scope, keyword, types) or []
    out = set()
    for name in names:
        if name.startswith("AWS::"):
            if name not in CFN_TO_TERRAFORM:
                raise ValidationError(scope, f"'{keyword}': {name!r} is not a resource type this library creates; "
                                             f"use one of {', '.join(sorted(CFN_TO_TERRAFORM))} or a Terraform "
                                             "type name (aws_...)")
            out.add(CFN_TO_TERRAFORM[name])
        else:
            out.add(name)
    return frozenset(out)


class Tags:
    """``Tags.of(scope).add(key, value)`` tags every taggable resource of this library under
    ``scope`` (including resources created after the call). Tags added directly on a managed
    EC2 compute environment also reach the instances it launches; tags added on an enclosing
    scope (a stack, say) reach only the resources' own ``tags``, never instance tags, because
    an instance-tag change can replace the compute environment.
    """

    def __init__(self, scope: Any) -> None:
        self._scope = scope

    @classmethod
    def of(cls, scope: Any) -> "Tags":
        return cls(scope)

    def _store(self) -> dict[str, _Entry]:
        return _TAG_STORE.setdefault(construct_key(self._scope), {})

    def add(self, key: str, value: str, *, apply_to_launched_instances: bool | None = None,
            exclude_resource_types: Sequence[str] | None = None,
            include_resource_types: Sequence[str] | None = None, priority: int | None = None) -> None:
        """Add tag ``key=value`` to this scope and below.

        :param apply_to_launched_instances: default ``True``; ``False`` keeps a tag added on a
            managed EC2 compute environment off its instances.
        :param exclude_resource_types: resource types not to tag (CloudFormation or Terraform names).
        :param include_resource_types: tag only these resource types (default: all).
        :param priority: default 100; the highest priority wins a key.
        """
        from ._check import check_bool
        validate_tag(self._scope, key, value)
        launched = check_bool(self._scope, "apply_to_launched_instances", apply_to_launched_instances)
        self._store()[key] = _Entry(
            value, _priority(self._scope, "Tags.add()", priority, ADD_PRIORITY), launched is not False,
            _resource_types(self._scope, "include_resource_types", include_resource_types),
            _resource_types(self._scope, "exclude_resource_types", exclude_resource_types))

    def remove(self, key: str, *, apply_to_launched_instances: bool | None = None,
               exclude_resource_types: Sequence[str] | None = None,
               include_resource_types: Sequence[str] | None = None, priority: int | None = None) -> None:
        """Remove tag ``key`` from this scope and below (priority 200 by default, so it beats
        ``add`` of any scope unless that one's priority is higher)."""
        validate_tag(self._scope, key, None, label="Tags.remove()", check_value=False)
        self._store()[key] = _Entry(
            None, _priority(self._scope, "Tags.remove()", priority, REMOVE_PRIORITY),
            apply_to_launched_instances is not False,
            _resource_types(self._scope, "include_resource_types", include_resource_types),
            _resource_types(self._scope, "exclude_resource_types", exclude_resource_types))


class TagType(enum.StrEnum):
    """AWS CDK's tag shapes; every Terraform AWS resource takes a ``tags`` map."""

    AUTOSCALING_GROUP = "AUTOSCALING_GROUP"
    KEY_VALUE = "KEY_VALUE"
    MAP = "MAP"
    NOT_TAGGABLE = "NOT_TAGGABLE"
    STANDARD = "StandardTag"


class TagManager:
    """The tags of one construct (AWS CDK's ``TagManager``), what ``ce.tags`` is.

    ``set_tag`` / ``remove_tag`` act on this construct only; ``tag_values()`` is what is in
    effect on it (its own tags and those of enclosing scopes, by priority).
    """

    def __init__(self, tag_type: TagType | str = TagType.MAP, resource_type_name: str = "",
                 initial_tags: Mapping[str, str] | None = None, *, tag_property_name: str | None = None,
                 scope: Any = None) -> None:
        self.tag_type = tag_type
        self.resource_type_name = resource_type_name
        self.tag_property_name = tag_property_name or "tags"
        self._scope = scope
        self._key = construct_key(scope) if scope is not None else object()
        for key, value in sorted((initial_tags or {}).items()):
            self.set_tag(key, value)

    @classmethod
    def of(cls, construct: Any) -> "TagManager | None":
        """The construct's ``tags`` if it is taggable, else ``None``."""
        tags = getattr(construct, "tags", None)
        return tags if isinstance(tags, TagManager) else None

    @classmethod
    def is_taggable(cls, construct: Any) -> bool:
        return cls.of(construct) is not None

    def set_tag(self, key: str, value: str, priority: int | None = None,
                apply_to_launched_instances: bool | None = None) -> None:
        """Set ``key=value`` on this construct (priority 0 by default: ``Tags.of(...).add`` of any
        scope, priority 100, wins the same key, as in AWS CDK).

        :param apply_to_launched_instances: default ``True``: on a managed EC2 compute
            environment the tag also reaches its instances.
        """
        from ._check import check_bool
        validate_tag(self._scope, key, value, label="set_tag()")
        launched = check_bool(self._scope, "apply_to_launched_instances", apply_to_launched_instances)
        prio = _priority(self._scope, "set_tag()", priority, SET_PRIORITY)
        store = _DIRECT.setdefault(self._key, {})
        if key in store and store[key].priority > prio:
            return  # AWS CDK: a lower priority never replaces a higher one
        store[key] = _Entry(value, prio, launched is not False)

    def remove_tag(self, key: str, priority: int | None = None) -> None:
        """Remove ``key`` from this construct (unless it was set with a higher priority)."""
        validate_tag(self._scope, key, None, label="remove_tag()", check_value=False)
        prio = _priority(self._scope, "remove_tag()", priority, SET_PRIORITY)
        store = _DIRECT.setdefault(self._key, {})
        if key in store and store[key].priority > prio:
            return
        store[key] = _Entry(None, prio)

    def tag_values(self) -> dict[str, str]:
        """The tags in effect on this construct."""
        return tags_of(self._scope) if self._scope is not None else _merge([_DIRECT.get(self._key) or {}])

    def has_tags(self) -> bool:
        return bool(self.tag_values())

    def render_tags(self, combine_with_tags: Mapping[str, str] | None = None) -> dict[str, str]:
        """The tags as Terraform's ``tags`` map (``combine_with_tags`` first, ours win)."""
        return {**dict(combine_with_tags or {}), **self.tag_values()}

    @property
    def rendered_tags(self) -> dict[str, str]:
        return self.render_tags()

    def apply_tag_aspect_here(self, include: Sequence[str] | None = None,
                              exclude: Sequence[str] | None = None) -> bool:
        """Whether a tag with these include/exclude resource types applies to this construct."""
        kind = CFN_TO_TERRAFORM.get(self.resource_type_name, self.resource_type_name)
        entry = _Entry("", 0, True, _resource_types(self._scope, "include", include),
                       _resource_types(self._scope, "exclude", exclude))
        return entry.applies_to(lambda: kind)


def _merge(layers: list[Mapping[str, _Entry]], *, resource_type: Callable[[], str] | None = None,
           launched_only: bool = False) -> dict[str, str]:
    best: dict[str, _Entry] = {}
    for layer in layers:
        for key, entry in layer.items():
            if launched_only and not entry.launched:
                continue
            if not entry.applies_to(resource_type):
                continue
            if key not in best or entry.priority >= best[key].priority:
                best[key] = entry
    return {k: e.value for k, e in sorted(best.items()) if e.value is not None}


def tags_of(construct: Any, *, own_only: bool = False, resource_type: Callable[[], str] | None = None,
            launched_only: bool = False) -> dict[str, str]:
    """The tags in effect on ``construct``: its ``set_tag`` tags, then ``Tags.of`` of the root
    down to it, the highest priority winning each key (ties: the later, nearer one).

    With ``own_only`` only tags set on ``construct`` itself count; ``resource_type`` (called only
    when a tag filters by type) is the Terraform type being tagged; ``launched_only`` keeps only
    tags meant for launched instances.
    """
    if not any(_TAG_STORE.values()) and not any(_DIRECT.values()):
        return {}  # no tag anywhere: no walk up the tree (a jsii round trip per scope)
    chain = (construct_key(construct),) if own_only else scope_keys(construct)
    layers = [_DIRECT.get(construct_key(construct)) or {}]
    layers += [_TAG_STORE.get(key) or {} for key in chain]
    return _merge(layers, resource_type=resource_type, launched_only=launched_only)


from ._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
