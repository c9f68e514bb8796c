"""AWS CDK's CloudFormation override paths mapped onto the Terraform attributes we emit (pure Python).

``node.default_child.add_property_override("ContainerProperties.Volumes", [...])`` and
``add_override("Properties.ComputeResources.MaxvCpus", 8)`` name CloudFormation properties; this
module turns such a path and value into a :class:`Target`: the Terraform attribute, the path below
it and the converted value.

* **Typed attributes and nested blocks** get Terraform's snake_case names from the tables of
  :mod:`batch_constructs._cfn_tables`
  (irregular names spelled out: ``DesiredvCpus`` → ``desired_vcpus``, ``InstanceTypes`` →
  ``instance_type``, ``JobStateTimeLimitActions`` → ``job_state_time_limit_action``, ...); keys of
  dict values are converted the same way, recursively, and checked against the table.
* **JSON-string attributes** (``container_properties``, ``node_properties``, ``ecs_properties``):
  the path below the attribute and the keys of dict values become the Batch API's camelCase
  (``LinuxParameters.InitProcessEnabled`` → ``linuxParameters.initProcessEnabled``); keys below a
  user-keyed map (``Options``, ``Labels``, ``Annotations``, ``Limits``, ``Requests``) stay as given.
* ``Tags``, ``Parameters`` and other maps keep their keys.
* A numeric segment indexes a list (``Ec2Configuration.0.ImageType``).

Overrides are collected into one tree per resource with AWS CDK's ``CfnResource.addOverride``
rules (a later override of a path replaces what an earlier one set there) and merged into the
rendered attributes with ``deep_merge`` (AWS CDK's ``deepMerge``: objects merge key by key, lists
and scalars replace, a deletion removes the key and empty objects it leaves behind).

Where each name comes from (CloudFormation resource schema, provider schema): ``_cfn_tables``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from ._cfn_tables import JSON_ATTRIBUTES, JSON_MAPS, RESOURCE_ATTRIBUTES, RESOURCE_TYPES, Prop
from ._check import describe
from ._errors import ValidationError
from ._tokens import is_unresolved, unescape_template

__all__ = ["DELETE", "JSON_ATTRIBUTES", "RESOURCE_TYPES", "Target", "decode_json_attribute", "deep_merge",
           "set_path", "split_path", "translate_override", "translate_property"]


class _Delete:
    """The value of a deletion override (AWS CDK's ``undefined``)."""

    def __repr__(self) -> str:
        return "DELETE"


DELETE: Any = _Delete()


@dataclass(frozen=True)
class Target:
    """Where an override lands: ``path`` from the Terraform attribute down (JSON keys below a
    JSON-string attribute), and the converted ``value`` (or :data:`DELETE`)."""

    path: tuple[str, ...]
    value: Any

    @property
    def json(self) -> bool:
        return self.path[0] in JSON_ATTRIBUTES


def split_path(path: str) -> list[str]:
    """Split on ``.``; ``\\.`` is a literal dot (AWS CDK's ``splitOnPeriods``)."""
    parts, current, i = [], "", 0
    while i < len(path):
        if path[i] == "\\" and i + 1 < len(path):
            current += path[i + 1]
            i += 2
            continue
        if path[i] == ".":
            parts.append(current)
            current = ""
        else:
            current += path[i]
        i += 1
    parts.append(current)
    return parts


class _Walk:
    """One translation: the scope and the call for error messages."""

    def __init__(self, scope: Any, cfn_type: str, call: str) -> None:
        self.scope, self.cfn_type, self.call = scope, cfn_type, call

    def fail(self, message: str) -> ValidationError:
        return ValidationError(self.scope, f"{self.call}: {message}")

    # -- paths ------------------------------------------------------------------------------
    def props(self, props: Mapping[str, Prop], segs: list[str], value: Any, where: str) -> list[Target]:
        name = segs[0]
        prop = self.lookup(props, name, where)
        return self.prop(prop, segs[1:], value, f"{where}{name}")

    def lookup(self, props: Mapping[str, Prop], name: str, where: str) -> Prop:
        prop = props.get(name)
        owner = f"'{where[:-1]}'" if where else self.cfn_type
        if prop is None:
            raise self.fail(f"'{name}' is not a CloudFormation property of {owner}; valid properties: "
                            + ", ".join(sorted(props)))
        if prop.kind == "refused":
            raise self.fail(f"'{where}{name}' of {self.cfn_type} cannot be mapped to Terraform: {prop.reason}")
        return prop

    def prop(self, prop: Prop, rest: list[str], value: Any, here: str) -> list[Target]:
        kind = prop.kind
        if kind == "json":
            if rest and rest[0] not in prop.keys and _upper_first(rest[0]) not in prop.keys:
                raise self.fail(f"'{rest[0]}' is not a property of '{here}'; valid properties: "
                                + ", ".join(prop.keys))
            if not rest and value is not DELETE and not isinstance(value, dict):
                raise self.fail(f"'{here}' must be a dict in CloudFormation's shape, got {describe(value)}; "
                                f"to set the JSON string itself use add_override('{prop.tf}', ...)")
            keys, under_map = [], False
            for seg in rest:
                keys.append(seg if under_map or _is_index(seg) else _lower_first(seg))
                under_map = not under_map and seg in JSON_MAPS
            return [Target((prop.tf, *keys), self.json_value(value, under_map))]
        if kind == "name":
            self.leaf(rest, here)
            out = [Target((prop.tf,), self.scalar(value, here))]
            return out + [Target((drop,), DELETE) for drop in prop.keys] if value is not DELETE else out
        if kind == "inverted":
            if len(rest) > 1 or (rest and rest[0] not in prop.keys):
                raise self.fail(f"'{here}' has one property: {prop.keys[0]}")
            if not rest and value is not DELETE:
                if not isinstance(value, dict) or set(value) - set(prop.keys):
                    raise self.fail(f"'{here}' must be a dict {{'{prop.keys[0]}': bool}}, got {describe(value)}")
                if prop.keys[0] not in value:
                    return [Target((prop.tf,), DELETE)]
                value, here = value[prop.keys[0]], f"{here}.{prop.keys[0]}"
            if value is DELETE:
                return [Target((prop.tf,), DELETE)]
            if not isinstance(value, bool):
                raise self.fail(f"'{here}' must be True or False, got {describe(value)}")
            return [Target((prop.tf,), not value)]
        if kind == "map":
            if len(rest) > 1:
                raise self.fail(f"'{here}' is a map of strings: name one key below it, not '{'.'.join(rest)}'")
            if not rest and value is not DELETE and not (isinstance(value, dict) or is_unresolved(value)):
                raise self.fail(f"'{here}' must be a dict of strings, got {describe(value)}")
            return [Target((prop.tf, *rest), value)]
        if kind == "attr":
            if len(rest) > 1 or (rest and not _is_index(rest[0])):
                raise self.fail(f"'{here}' has no properties below it (got '{'.'.join(rest)}')")
            return [Target((prop.tf, *rest), self.scalar(value, here))]
        if kind == "block":
            if rest:
                if _is_index(rest[0]):
                    raise self.fail(f"'{here}' is an object, not a list: '{rest[0]}' cannot index it")
                return [Target((prop.tf, *t.path), t.value)
                        for t in self.props(prop.children, rest, value, f"{here}.")]
            return [Target((prop.tf,), self.block(prop.children, value, here))]
        # blocks: a list of blocks
        if not rest:
            if value is DELETE:
                return [Target((prop.tf,), DELETE)]
            if not isinstance(value, (list, tuple)):
                raise self.fail(f"'{here}' must be a list of dicts, got {describe(value)}")
            return [Target((prop.tf,), [self.block(prop.children, v, f"{here}.{i}") for i, v in enumerate(value)])]
        if not _is_index(rest[0]):
            raise self.fail(f"'{here}' is a list: the segment after it must be an index (0, 1, ...), "
                            f"got '{rest[0]}'")
        if len(rest) == 1:
            return [Target((prop.tf, rest[0]), self.block(prop.children, value, f"{here}.{rest[0]}"))]
        return [Target((prop.tf, rest[0], *t.path), t.value)
                for t in self.props(prop.children, rest[1:], value, f"{here}.{rest[0]}.")]

    def leaf(self, rest: list[str], here: str) -> None:
        if rest:
            raise self.fail(f"'{here}' has no properties below it (got '{'.'.join(rest)}')")

    # -- values -----------------------------------------------------------------------------
    def scalar(self, value: Any, here: str) -> Any:
        if value is DELETE or value is None or isinstance(value, (str, bool, int, float)):
            return value
        if isinstance(value, (list, tuple)) and all(v is None or isinstance(v, (str, bool, int, float))
                                                    for v in value):
            return list(value)
        raise self.fail(f"'{here}' takes a value or a list of values, got {describe(value)}")

    def block(self, children: Mapping[str, Prop], value: Any, here: str) -> Any:
        if value is DELETE or value is None:
            return value
        if not isinstance(value, dict):
            raise self.fail(f"'{here}' must be a dict of its CloudFormation properties, got {describe(value)}")
        out: dict[str, Any] = {}
        for name, entry in value.items():
            prop = self.lookup(children, str(name), f"{here}.")
            for target in self.prop(prop, [], entry, f"{here}.{name}"):
                if len(target.path) == 1:
                    out[target.path[0]] = target.value
        return out

    def json_value(self, value: Any, under_map: bool = False) -> Any:
        if isinstance(value, dict):
            return {k if under_map or not isinstance(k, str) else _lower_first(k):
                    self.json_value(v, not under_map and k in JSON_MAPS) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [self.json_value(v) for v in value]
        return value


def _is_index(segment: str) -> bool:
    return segment.isdigit()


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


def _upper_first(name: str) -> str:
    return name[:1].upper() + name[1:]


def _check_path(walk: _Walk, path: Any) -> list[str]:
    """A non-empty dotted path of non-empty segments."""
    if not isinstance(path, str) or not path:
        raise walk.fail(f"the path must be a non-empty string, got {describe(path)}")
    segs = split_path(path)
    if any(not s for s in segs):
        raise walk.fail(f"'{path}' has an empty segment")
    return segs


def translate_property(scope: Any, cfn_type: str, path: str, value: Any, *,
                       call: str = "add_property_override") -> list[Target]:
    """``add_property_override(path, value)`` (``value`` :data:`DELETE` to delete) as Terraform targets."""
    walk = _Walk(scope, cfn_type, f"{call}({path!r})")
    return walk.props(RESOURCE_TYPES[cfn_type], _check_path(walk, path), value, "")


def translate_override(scope: Any, cfn_type: str, path: str, value: Any) -> list[Target] | None:
    """``add_override(path, value)``: ``Properties.<...>`` is a property path; another path that
    starts with a capital letter is a CloudFormation resource attribute (refused with the
    Terraform way); anything else is a Terraform path (``None``: pass it through)."""
    walk = _Walk(scope, cfn_type, f"add_override({path!r})")
    segs = _check_path(walk, path)
    head = segs[0]
    if head == "Properties":
        if len(segs) > 1:
            return walk.props(RESOURCE_TYPES[cfn_type], segs[1:], value, "")
        if not isinstance(value, dict):
            raise walk.fail(f"'Properties' must be a dict of {cfn_type} properties, got {describe(value)}")
        return [t for name, v in value.items()
                for t in walk.props(RESOURCE_TYPES[cfn_type], [str(name)], v, "")]
    if head[:1].isupper():
        hint = RESOURCE_ATTRIBUTES.get(head)
        if hint is None:
            raise walk.fail(f"'{head}' is neither 'Properties' nor a CloudFormation resource attribute; "
                            "Terraform attribute paths are snake_case (e.g. 'retry_strategy.attempts')")
        raise walk.fail(f"the CloudFormation resource attribute '{head}' has no Terraform counterpart here: {hint}")
    return None


# -- the override tree and the merge -----------------------------------------------------------
class _PathNode(dict):  # type: ignore[type-arg]
    """An object made by a path (not a user's dict value): its numeric keys index a list."""


def set_path(tree: dict[str, Any], path: Iterable[str], value: Any) -> None:
    """AWS CDK's ``addOverride``: intermediate keys that are not objects become objects."""
    *parents, last = list(path)
    current = tree
    for key in parents:
        if not isinstance(current.get(key), dict):
            current[key] = _PathNode()
        current = current[key]
    current[last] = value


def deep_merge(scope: Any, target: Any, source: dict[str, Any], where: str = "") -> Any:
    """Merge ``source`` into ``target`` (AWS CDK's ``deepMerge``); numeric keys index lists (an
    index one past the end appends). Returns ``target``."""
    if isinstance(target, list):
        # set and append in ascending order, then delete from the end (indexes stay meaningful)
        order = sorted(source, key=lambda k: (source[k] is DELETE, (-1 if source[k] is DELETE else 1)
                                              * (int(k) if _is_index(k) else 0)))
        for key in order:
            if not _is_index(key):
                raise ValidationError(scope, f"override '{where}{key}': '{where[:-1]}' is a list, index it "
                                             "with a number")
            index = int(key)
            if index > len(target) or (index == len(target) and source[key] is DELETE):
                raise ValidationError(scope, f"override '{where}{key}': index {index} is past the end of "
                                             f"'{where[:-1]}' ({len(target)} entries)")
            value = source[key]
            if value is DELETE:
                del target[index]
                continue
            if index == len(target):
                target.append(None)
            target[index] = _merged(scope, target[index], value, f"{where}{key}.")
        return target
    for key, value in source.items():
        if value is DELETE:
            target.pop(key, None)
            continue
        target[key] = _merged(scope, target.get(key), value, f"{where}{key}.")
        if isinstance(value, dict) and target[key] == {}:
            del target[key]
    return target


def _merged(scope: Any, current: Any, value: Any, where: str) -> Any:
    if not isinstance(value, dict):
        return value
    if isinstance(current, list) and not isinstance(value, _PathNode):
        current = {}  # a user's object replaces a list, as in AWS CDK
    if not isinstance(current, (dict, list)):
        indexes = isinstance(value, _PathNode) and value and all(_is_index(k) for k in value)
        current = [] if indexes else {}
    return deep_merge(scope, current, value, where)


def decode_json_attribute(text: Any) -> Any:
    """A rendered JSON-string attribute back to its value: ``json.loads`` and Terraform's
    ``$${``/``%%{`` escapes undone outside cdktf tokens (the inverse of ``canonical_json``)."""
    if not isinstance(text, str) or not text:
        return {}
    return _unescape(json.loads(text))


def _unescape(value: Any) -> Any:
    if isinstance(value, str):
        return unescape_template(value)
    if isinstance(value, dict):
        return {_unescape(k): _unescape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_unescape(v) for v in value]
    return value
