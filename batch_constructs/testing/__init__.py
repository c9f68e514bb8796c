"""Assertions on synthesized Terraform, in the spirit of AWS CDK's ``assertions.Template``.

>>> template = Template.from_stack(stack)
>>> template.resource_count_is("aws_batch_job_queue", 1)
>>> template.has_resource_properties("aws_batch_job_definition", {
...     "container_properties": {"image": Match.string_like_regexp("amazonlinux")}})

JSON-string attributes (``container_properties``, ``node_properties``, IAM policies, ...) are
decoded before matching. ``Template.from_json`` works on any ``cdk.tf.json`` without jsii.
"""
from __future__ import annotations

import json
from typing import Any

from .match import Match, Matcher, match_value

__all__ = ["Match", "Matcher", "Template"]

_JSON_STRING_KEYS = {"container_properties", "node_properties", "ecs_properties",
                     "assume_role_policy", "policy"}


def _decode(value: Any, key: str | None = None) -> Any:
    if isinstance(value, dict):
        return {k: _decode(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if isinstance(value, str) and key in _JSON_STRING_KEYS and value[:1] in "{[":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _strip_metadata(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_metadata(v) for k, v in value.items() if k != "//"}
    if isinstance(value, list):
        return [_strip_metadata(v) for v in value]
    return value


def _construct_paths(stack: Any) -> Any:
    """``address -> construct path`` of ``stack``'s resources and data sources (``Testing.synth``
    drops the ``//`` metadata); the tree is walked only when a problem needs a path."""
    paths: dict[str, str] = {}

    def owner(address: str) -> str | None:
        if not paths:
            from .._core import cdk
            core = cdk(stack)
            TerraformDataSource, TerraformResource = core.TerraformDataSource, core.TerraformResource
            for element in stack.node.find_all():
                if isinstance(element, (TerraformResource, TerraformDataSource)):
                    prefix = "data." if isinstance(element, TerraformDataSource) else ""
                    found = f"{prefix}{element.terraform_resource_type}.{element.friendly_unique_id}"
                    paths[found] = element.node.path
        return paths.get(address)
    return owner


class Template:
    """A synthesized stack, ready for assertions."""

    def __init__(self, synthesized: dict[str, Any]) -> None:
        self._json = synthesized

    @classmethod
    def from_stack(cls, stack: Any, *, run_validations: bool = True) -> "Template":
        """Synthesize ``stack`` (our checks first, raising ``ValidationError``; then the references
        and every attribute against the provider schema) and wrap it."""
        from .._core import cdk
        Testing = cdk(stack).Testing

        from .._base import finalize_tree, validate_tree
        if run_validations:
            validate_tree(stack)
        finalize_tree(stack)
        doc = json.loads(Testing.synth(stack, run_validations=run_validations))
        if run_validations:
            from .._references import check_references
            from .._schema_check import check_schema
            check_references({stack.node.id: doc})
            check_schema({stack.node.id: doc}, owners=_construct_paths(stack))
        return cls(doc)

    @classmethod
    def from_json(cls, synthesized: dict[str, Any]) -> "Template":
        return cls(_strip_metadata(synthesized))

    @classmethod
    def from_string(cls, text: str) -> "Template":
        return cls.from_json(json.loads(text))

    def to_json(self) -> dict[str, Any]:
        """The synthesized stack (``//`` metadata removed) as a dict."""
        return self._json

    # -- lookups ---------------------------------------------------------------------------
    def _section(self, section: str, type_: str) -> dict[str, Any]:
        return {k: _decode(v) for k, v in (self._json.get(section, {}).get(type_) or {}).items()}

    def find_resources(self, type_: str, props: Any = None) -> dict[str, dict[str, Any]]:
        """Resources of ``type_`` (decoded) whose attributes match ``props`` (default: all)."""
        found = self._section("resource", type_)
        if props is None:
            return found
        return {k: v for k, v in found.items() if not match_value(Match.object_like(props), v)}

    def find_data_sources(self, type_: str, props: Any = None) -> dict[str, dict[str, Any]]:
        found = self._section("data", type_)
        if props is None:
            return found
        return {k: v for k, v in found.items() if not match_value(Match.object_like(props), v)}

    # -- assertions ------------------------------------------------------------------------
    def resource_count_is(self, type_: str, count: int) -> None:
        actual = len(self._section("resource", type_))
        if actual != count:
            raise AssertionError(f"Expected {count} resources of type {type_} but found {actual}")

    def has_resource_properties(self, type_: str, props: Any) -> None:
        """Some resource of ``type_`` has attributes matching ``props`` (``Match.object_like``
        unless ``props`` is a matcher)."""
        self._assert_some("resource", type_, props)

    has_resource = has_resource_properties

    def has_data_source_properties(self, type_: str, props: Any) -> None:
        self._assert_some("data", type_, props)

    def all_resources_properties(self, type_: str, props: Any) -> None:
        """Every resource of ``type_`` matches ``props``."""
        pattern = props if isinstance(props, Matcher) else Match.object_like(props)
        found = self._section("resource", type_)
        if not found:
            raise AssertionError(f"Template has no resources of type {type_}")
        for logical_id, resource in found.items():
            problems = match_value(pattern, resource)
            if problems:
                raise AssertionError(_report(type_, logical_id, resource, problems, len(found), "not all"))

    def _assert_some(self, section: str, type_: str, props: Any) -> None:
        pattern = props if isinstance(props, Matcher) else Match.object_like(props)
        found = self._section(section, type_)
        if not found:
            raise AssertionError(f"Template has no {section}s of type {type_}")
        best: tuple[int, str, Any, list[tuple[str, str]]] | None = None
        for logical_id, resource in found.items():
            problems = match_value(pattern, resource)
            if not problems:
                return
            if best is None or len(problems) < best[0]:
                best = (len(problems), logical_id, resource, problems)
        assert best is not None
        raise AssertionError(_report(type_, best[1], best[2], best[3], len(found), "none"))


def _report(type_: str, logical_id: str, resource: Any, problems: list[tuple[str, str]],
            total: int, which: str) -> str:
    lines = [f"Template has {total} {type_} resource(s), but {which} match as expected.",
             f"The closest result is {type_}.{logical_id}:",
             json.dumps(resource, indent=2, sort_keys=True, default=str),
             "with the following mismatches:"]
    lines.extend(f"  at {path or '/'}: {message}" for path, message in problems)
    return "\n".join(lines)
