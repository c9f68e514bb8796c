"""Escape hatches at the jsii edge: what ``node.default_child`` returns for our late L1s.

Every provider resource that :meth:`BatchConstruct._new_l1` creates with late attributes is an
instance of a small subclass of the provider class (one per class, cached) that

* takes AWS CDK's ``add_property_override``, ``add_property_deletion_override``,
  ``add_deletion_override`` and CloudFormation-style ``add_override("Properties.X", ...)`` for the
  four Batch resources, translated by :mod:`batch_constructs._cfn_paths` (a bad path raises
  ``ValidationError`` at the call, before anything is recorded) and merged into the rendered
  attributes at synth, before JSON-string attributes are encoded (so they stay canonical);
* passes Terraform paths (``add_override("retry_strategy.attempts", 3)``) through to cdktf and
  writes them again after the rendered attributes, so a user's override always wins.

cdktf itself never calls ``addOverride`` (so the jsii override this registers is never called
back from JavaScript).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from ._cfn_paths import (DELETE, JSON_ATTRIBUTES, Target, decode_json_attribute, deep_merge, set_path,
                         translate_override, translate_property)
from ._errors import ValidationError
from ._json import canonical_json, escape_strings

__all__ = ["CFN_TYPES", "Overrides", "hatch_class"]

#: provider class name → the CloudFormation type AWS CDK's L1 of it has
CFN_TYPES = {
    "BatchComputeEnvironment": "AWS::Batch::ComputeEnvironment",
    "BatchJobQueue": "AWS::Batch::JobQueue",
    "BatchSchedulingPolicy": "AWS::Batch::SchedulingPolicy",
    "BatchJobDefinition": "AWS::Batch::JobDefinition",
}


class Overrides:
    """The overrides of one late L1: CloudFormation ones as a tree in Terraform's shape, Terraform
    paths in call order."""

    __slots__ = ("owner", "cfn_type", "tree", "terraform")

    def __init__(self, owner: Any, cfn_type: str | None) -> None:
        self.owner = owner
        self.cfn_type = cfn_type
        self.tree: dict[str, Any] = {}
        self.terraform: list[tuple[str, Any]] = []

    def record(self, targets: list[Target]) -> None:
        for target in targets:
            value = target.value
            if not target.json and value is not DELETE:
                value = escape_strings(value)  # user strings reach Terraform literally
            set_path(self.tree, target.path, value)

    def apply(self, attrs: dict[str, Any]) -> set[str]:
        """Merge the CloudFormation overrides into ``attrs`` (in place); return the top-level
        keys they deleted."""
        if not self.tree:
            return set()
        plain = {k: v for k, v in self.tree.items() if k not in JSON_ATTRIBUTES}
        for key in plain:
            if key in attrs:
                attrs[key] = _copy(attrs[key])
        deep_merge(self.owner, attrs, plain)
        deleted = {k for k in plain if k not in attrs}
        for key in sorted(JSON_ATTRIBUTES & self.tree.keys()):
            source = self.tree[key]
            if source is DELETE:
                attrs.pop(key, None)
                deleted.add(key)
                continue
            try:
                document = decode_json_attribute(attrs.get(key))
            except ValueError:
                raise ValidationError(self.owner, f"'{key}' is not a JSON document here, so CloudFormation "
                                                  "overrides cannot be merged into it") from None
            attrs[key] = canonical_json(deep_merge(self.owner, document, source, f"{key}."))
        return deleted


def _copy(value: Any) -> Any:
    """Copy the dicts and lists a merge may change (the rendered values may be the model's own)."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


class _HatchMixin:
    """AWS CDK's ``CfnResource`` override methods on a provider resource (see the module doc)."""

    _bc_overrides: Overrides | None = None

    def _bc_write(self, path: str, value: Any) -> None:
        """cdktf's own ``add_override`` (what ``_finalize`` writes with)."""
        super().add_override(path, value)  # type: ignore[misc]

    def _bc_cfn(self, call: str) -> Overrides:
        overrides = self._bc_overrides
        if overrides is None or overrides.cfn_type is None:
            owner = overrides.owner if overrides is not None else None
            kind = getattr(self, "terraform_resource_type", type(self).__name__)
            raise ValidationError(owner, f"{call}: CloudFormation property paths are mapped only for the AWS Batch "
                                         f"resources ({', '.join(sorted(CFN_TYPES.values()))}); for {kind} use "
                                         "add_override with the Terraform attribute path (e.g. 'tags.team')")
        return overrides

    def add_override(self, path: str, value: Any) -> None:
        """A Terraform path (``retry_strategy.attempts``), applied after this library's attributes;
        for an AWS Batch resource also ``Properties.<CloudFormation property path>``."""
        self._bc_override("add_override", path, value)

    def add_deletion_override(self, path: str) -> None:
        """Delete ``path`` (a Terraform path, or ``Properties.<...>`` for an AWS Batch resource)."""
        self._bc_override("add_deletion_override", path, None, deletion=True)

    def add_property_override(self, property_path: str, value: Any) -> None:
        """AWS CDK's ``add_property_override``: a CloudFormation property path of this AWS Batch
        resource, mapped onto its Terraform attribute."""
        overrides = self._bc_cfn(f"add_property_override({property_path!r})")
        overrides.record(translate_property(overrides.owner, overrides.cfn_type, property_path, value))

    def add_property_deletion_override(self, property_path: str) -> None:
        """AWS CDK's ``add_property_deletion_override``: remove the property's Terraform attribute."""
        overrides = self._bc_cfn(f"add_property_deletion_override({property_path!r})")
        overrides.record(translate_property(overrides.owner, overrides.cfn_type, property_path, DELETE,
                                            call="add_property_deletion_override"))

    def _bc_override(self, call: str, path: Any, value: Any, *, deletion: bool = False) -> None:
        overrides = self._bc_overrides
        if overrides is None:  # still in the provider constructor
            self._bc_write(path, value)
            return
        if not isinstance(path, str) or not path:
            raise ValidationError(overrides.owner, f"{call}: the path must be a non-empty string, got {path!r}")
        if path[:1].isupper():  # CloudFormation: Properties.<...> or a resource attribute
            cfn = self._bc_cfn(f"{call}({path!r})")
            targets = translate_override(cfn.owner, cfn.cfn_type, path, DELETE if deletion else value)
            cfn.record(targets or [])
            return
        self._bc_write(path, value)
        overrides.terraform.append((path, value))


@lru_cache(maxsize=None)
def hatch_class(base: type) -> type:
    """``base`` (a provider class) with the escape-hatch methods; one subclass per class."""
    return type(base)(base.__name__, (_HatchMixin, base), {"__module__": base.__module__,
                                                            "__qualname__": base.__qualname__,
                                                            "__doc__": base.__doc__})

