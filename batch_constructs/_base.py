"""The construct base: plain-Python model and validation, jsii only at the L1 edge.

Every construct of this library derives from :class:`BatchConstruct`. It

* registers itself so that :func:`validate_tree` can run every synth-time check in Python and
  raise :class:`~batch_constructs.ValidationError` before anything is written;
* reports the same checks through one ``node.add_validation`` per stack (AWS CDK parity: a plain
  core ``app.synth()`` or ``Testing.synth(stack, run_validations=True)`` reports them, as
  ``[<construct path>] <message>``);
* creates its provider resources (L1s) through :meth:`_new_l1` and fills their late values
  (anything an ``add_*`` call can still change) from plain dicts in Terraform's own snake_case
  shape, in :meth:`_finalize`. An element renders its late values when the core asks it for its
  attributes at synth (its one ``synthesizeAttributes`` callback), so this happens in
  ``app.synth()`` and ``Testing.synth`` alike, with no aspect and no extra round trip.

Everything a construct is asked again and again (its path, its root; its stack and scope chain in
``_core`` and ``_identity``) is remembered in Python: each question to the construct tree is a jsii round trip
(see ``bench/``).
"""
from __future__ import annotations

from typing import Any, Callable

from ._check import check_id, describe
from ._core import loaded_cores, remember_stack, stack_of
from ._errors import ValidationError
from ._escape_hatch import CFN_TYPES, Overrides, hatch_class
from ._keywords import check_keywords, suggest_keywords
from .injection import apply_injectors
# re-exported for old imports; the library imports these from ._naming
from ._naming import _NAME_CHARS, generated_name, path_hash  # noqa: F401
from ._runtime import l1_class, memoize_jsii_overrides, quiet_node_banners
from ._identity import remember_scope_keys
from .core import construct_key, tags_of

quiet_node_banners()

import jsii  # noqa: E402

memoize_jsii_overrides()
from constructs import Construct, IValidation  # noqa: E402

Render = Callable[[], dict[str, Any]]
# root construct key -> constructs of this library under it, in creation order
_REGISTRY: dict[Any, list["BatchConstruct"]] = {}
#: construct key → (node path, root key), for this library's constructs and the scopes they were made
#: in: each is inside a stack (checked when the construct was made)
_PLACES: dict[Any, tuple[str, Any]] = {}
#: keys of the stacks that carry this library's validation
_VALIDATED: set[Any] = set()
#: the core's message for a duplicate construct id (constructs' ``Node.addChild``)
_DUPLICATE = "There is already a Construct with name"


@jsii.implements(IValidation)
class _StackValidation:
    """The synth-time checks of this library's constructs in one stack, for the core's own
    ``node.validate()`` (one per stack: a validation per construct is three round trips)."""

    def __init__(self, stack_key: Any, root_key: Any) -> None:
        self._stack_key = stack_key
        self._root_key = root_key

    def validate(self) -> list[str]:
        return [f"[{construct._bc_path}] {message}" for construct in _REGISTRY.get(self._root_key) or ()
                if construct._bc_stack_key == self._stack_key for message in construct._validate()]


def _is_stack(scope: Any) -> bool:
    return any(isinstance(scope, core.TerraformStack) for core in loaded_cores())


class _LateL1:
    """A provider resource with late attributes, and the user's escape-hatch overrides of it."""

    __slots__ = ("resource", "render", "taggable", "keys", "overrides")

    def __init__(self, resource: Any, render: Render | None, taggable: bool, overrides: Overrides) -> None:
        self.resource = resource
        self.render = render
        self.taggable = taggable
        self.keys: set[str] = set()
        self.overrides = overrides


class _ConstructMeta(type(Construct)):  # type: ignore[misc]
    """Checks where a construct goes before it is made, and undoes a construction that raised:
    the half-built construct leaves neither the construct tree nor the registry, so a later
    synth does not trip over it."""

    def __init__(cls, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> None:
        super().__init__(name, bases, namespace)
        suggest_keywords(cls)  # a misspelled keyword of a method names the closest one

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        scope = args[0] if args else kwargs.get("scope")
        id = args[1] if len(args) > 1 else kwargs.get("id")
        check_placement(cls.__name__, scope, id)
        unique_id = getattr(cls, "PROPERTY_INJECTION_ID", None)
        if unique_id:
            fixed = {k: kwargs.pop(k) for k in ("scope", "id") if k in kwargs}
            kwargs = {**apply_injectors(unique_id, kwargs, scope, id), **fixed}
        check_keywords(cls.__name__, cls.__init__, kwargs)
        try:
            return super().__call__(*args, **kwargs)
        except _DuplicateId as error:  # the construct that has this id stays
            raise ValidationError(scope, f"{cls.__name__}: there is already a construct with id '{id}' here; "
                                         "give each construct of one scope its own id") from error.__cause__
        except BaseException:
            _forget(scope, id)
            raise


class _DuplicateId(Exception):
    """The core refused the id: another construct of the scope has it (raised by ``__init__``)."""


def check_placement(kind: str, scope: Any, id: Any) -> None:
    """``scope`` is a construct inside a ``TerraformStack``; ``id`` a non-empty id (a duplicate id
    is the core's to find: :class:`_DuplicateId`, one round trip fewer per construct)."""
    if not isinstance(scope, Construct):
        raise ValidationError(None, f"{kind}: 'scope' must be a construct (a TerraformStack or a construct in "
                                    f"one), got {describe(scope)}")
    check_id(scope, id)
    if not (construct_key(scope) in _PLACES or _is_stack(scope) or any(_is_stack(s) for s in scope.node.scopes)):
        raise ValidationError(scope, f"{kind} '{id}' must be created inside a TerraformStack, not directly in "
                                     "the App: create a stack (TerraformStack(app, 'name')) and pass it as scope")


def _forget(scope: Any, id: str) -> None:
    path = f"{scope.node.path}/{id}" if scope.node.path else id
    registry = _REGISTRY.get(construct_key(scope.node.root))
    if registry:
        registry[:] = [c for c in registry if c._bc_path != path and not c._bc_path.startswith(path + "/")]
    scope.node.try_remove_child(id)


def _place(scope: Any) -> tuple[str, Any]:
    """(node path, root key) of ``scope``: asked of the tree once per scope."""
    key = construct_key(scope)
    place = _PLACES.get(key)
    if place is None:
        node = scope.node
        place = _PLACES[key] = (node.path, construct_key(node.root))
    return place


class BatchConstruct(Construct, metaclass=_ConstructMeta):
    """Base of every construct of this library."""

    def __init__(self, scope: Construct, id: str) -> None:
        try:
            super().__init__(scope, id)
        except Exception as error:
            if _DUPLICATE in str(error):
                raise _DuplicateId() from None
            raise
        self._late: list[_LateL1] = []
        scope_path, root = _place(scope)
        stack = scope if _is_stack(scope) else stack_of(scope)  # remembered per scope (_core)
        self._bc_path = f"{scope_path}/{id}" if scope_path else id
        self._bc_id = id
        stack_key = self._bc_stack_key = construct_key(stack)
        _PLACES[construct_key(self)] = (self._bc_path, root)
        remember_stack(self, stack)
        remember_scope_keys(self, scope)
        _REGISTRY.setdefault(root, []).append(self)
        if stack_key not in _VALIDATED:
            stack.node.add_validation(_StackValidation(stack_key, root))
            _VALIDATED.add(stack_key)

    # -- model hooks ---------------------------------------------------------------------
    def _validate(self) -> list[str]:
        """Synth-time checks (those that later ``add_*`` calls can change). Messages only."""
        return []

    def _error(self, message: str) -> ValidationError:
        return ValidationError(self, message)

    # -- the jsii edge ---------------------------------------------------------------------
    def _new_l1(self, id: str, module: str, cls: str, /, *, render: Render | None = None,
                taggable: bool = False, scope: Construct | None = None, **required: Any) -> Any:
        """Create provider resource ``cls`` of bindings submodule ``module``.

        ``required`` go to the typed constructor; ``render`` returns the rest as a dict with
        Terraform's keys, evaluated at synth. ``taggable`` merges the tags in effect.
        """
        late = render is not None or taggable
        base = l1_class(module)
        # late L1s take escape hatches (node.default_child.add_property_override, ...): _escape_hatch
        resource = (hatch_class(base) if late else base)(scope or self, id, **required)
        if late:
            resource._bc_overrides = overrides = Overrides(self, CFN_TYPES.get(cls))
            record = _LateL1(resource, render, taggable, overrides)
            self._late.append(record)
            # rendered when the core asks the element for its attributes (bindings/_thin.py)
            resource._bc_before_synth = lambda: self._finalize_one(record)
        return resource

    def _finalize(self) -> None:
        for late in self._late:
            self._finalize_one(late)

    def _finalize_one(self, late: _LateL1) -> None:
        attrs = dict(late.render()) if late.render else {}
        if late.taggable:
            kind = lambda r=late.resource: r.terraform_resource_type  # noqa: E731 (read only when a tag filters)
            tags = {**tags_of(self, resource_type=kind), **(attrs.get("tags") or {})}
            attrs["tags"] = tags or None
        deleted = late.overrides.apply(attrs)  # CloudFormation-path overrides, before writing
        put = late.resource._bc_set  # the element's own attributes: handed to the core at synth
        for key in (late.keys | deleted) - attrs.keys():
            put(key, None)
        for key, value in attrs.items():
            put(key, value)
        # a user's Terraform-path overrides stay the core's raw overrides, merged over these at synth
        late.keys = set(attrs)

    @property
    def stack(self) -> Any:
        """The ``TerraformStack`` of this construct."""
        return stack_of(self)


def registered_constructs(scope: Construct) -> list[BatchConstruct]:
    """Every construct of this library at or below ``scope``, in creation order."""
    place = _PLACES.get(construct_key(scope))
    prefix, root = place if place is not None else (scope.node.path, construct_key(scope.node.root))
    registry = _REGISTRY.get(root) or []
    if not prefix:
        return list(registry)
    return [c for c in registry if c._bc_path == prefix or c._bc_path.startswith(prefix + "/")]


def validate_tree(scope: Construct) -> None:
    """Run every synth-time check under ``scope``; raise one ValidationError listing all."""
    problems: list[tuple[str | None, str]] = []
    for construct in registered_constructs(scope):
        problems.extend((construct._bc_path, message) for message in construct._validate())
    if problems:
        raise ValidationError(None, problems=problems)


def finalize_tree(scope: Construct) -> None:
    for construct in registered_constructs(scope):
        construct._finalize()


def resource_address(resource: Any) -> str:
    """``aws_x.logical_id`` of an L1, for ``depends_on``."""
    return f"{resource.terraform_resource_type}.{resource.friendly_unique_id}"


class RemovableResource:
    """``apply_removal_policy`` of AWS CDK's ``Resource`` for the Batch constructs, whose main
    resource is ``self.resource`` (an ``aws_batch_*`` resource; none has ``skip_destroy``):
    ``RETAIN`` → ``lifecycle { prevent_destroy = true }`` (Terraform refuses any plan that would
    delete or replace it), ``DESTROY`` → the default (undoes an earlier ``RETAIN``), ``SNAPSHOT``
    refused (no snapshot to keep). See ``core.removal_policy_attributes``."""

    resource: Any

    def apply_removal_policy(self, policy: Any) -> None:
        from .core import removal_policy_attributes
        attrs = removal_policy_attributes(self, "policy", policy, kind=self.resource.terraform_resource_type)
        retained = bool(attrs.get("lifecycle", {}).get("prevent_destroy"))
        if retained or getattr(self, "_retained", False):
            self.resource.add_override("lifecycle.prevent_destroy", retained)
        self._retained = retained
