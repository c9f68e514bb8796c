"""The construct base: plain-Python model and validation, jsii only at the L1 edge.

Every construct of this library derives from :class:`BatchConstruct`. It

* registers itself so that :func:`validate_tree` can run every synth-time check in Python and
  raise :class:`~batch_constructs.ValidationError` before anything is written;
* registers the same checks with ``node.add_validation`` (AWS CDK parity: a plain
  ``cdktf`` ``app.synth()`` or ``Testing.synth(stack, run_validations=True)`` reports them);
* creates its provider resources (L1s) through :meth:`_new_l1` and fills their late values
  (anything an ``add_*`` call can still change) from plain dicts in Terraform's own snake_case
  shape, in :meth:`_finalize`. Finalization runs from a cdktf aspect, so it happens in
  ``app.synth()`` and ``Testing.synth`` alike.
"""
from __future__ import annotations

from typing import Any, Callable

from ._check import check_id, describe
from ._core import cdk, loaded_cores, stack_of
from ._errors import ValidationError
from ._escape_hatch import CFN_TYPES, Overrides, hatch_class
from ._keywords import check_keywords, suggest_keywords
from .injection import apply_injectors
# re-exported for old imports; the library imports these from ._naming
from ._naming import _NAME_CHARS, generated_name, path_hash  # noqa: F401
from ._runtime import l1_class, quiet_node_banners
from .core import construct_key, tags_of

quiet_node_banners()

import jsii  # noqa: E402
from functools import lru_cache  # noqa: E402
from constructs import Construct, IValidation  # noqa: E402

Render = Callable[[], dict[str, Any]]
# root construct key -> constructs of this library under it, in creation order
_REGISTRY: dict[Any, list["BatchConstruct"]] = {}
#: construct keys of this library's constructs: each is inside a stack (checked when it was made)
_IN_STACK: set[Any] = set()
#: construct key → its root's key, for this library's constructs (no jsii round trip to ask again)
_ROOTS: dict[Any, Any] = {}


@jsii.implements(IValidation)
class _Validation:
    def __init__(self, owner: "BatchConstruct") -> None:
        self._owner = owner

    def validate(self) -> list[str]:
        return list(self._owner._validate())


class _FinalizerBase:
    def __init__(self, owner: "BatchConstruct") -> None:
        self._owner = owner

    def visit(self, node: Any) -> None:
        self._owner._finalize()


@lru_cache(maxsize=None)
def _finalizer_class(core: Any) -> type:
    """The finalizing aspect for ``core`` (each core has its own ``IAspect``)."""
    return jsii.implements(core.IAspect)(type("_Finalizer", (_FinalizerBase,), {"__module__": __name__}))


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
        except BaseException:
            _forget(scope, id)
            raise


def check_placement(kind: str, scope: Any, id: Any) -> None:
    """``scope`` is a construct inside a ``TerraformStack``; ``id`` a new, non-empty id there."""
    if not isinstance(scope, Construct):
        raise ValidationError(None, f"{kind}: 'scope' must be a construct (a TerraformStack or a construct in "
                                    f"one), got {describe(scope)}")
    check_id(scope, id)
    if scope.node.try_find_child(id) is not None:
        raise ValidationError(scope, f"{kind}: there is already a construct with id '{id}' here; give each "
                                     "construct of one scope its own id")
    if not (_is_stack(scope) or construct_key(scope) in _IN_STACK or any(_is_stack(s) for s in scope.node.scopes)):
        raise ValidationError(scope, f"{kind} '{id}' must be created inside a TerraformStack, not directly in "
                                     "the App: create a stack (TerraformStack(app, 'name')) and pass it as scope")


def _forget(scope: Any, id: str) -> None:
    path = f"{scope.node.path}/{id}" if scope.node.path else id
    registry = _REGISTRY.get(construct_key(scope.node.root))
    if registry:
        registry[:] = [c for c in registry if c.node.path != path and not c.node.path.startswith(path + "/")]
    scope.node.try_remove_child(id)


class BatchConstruct(Construct, metaclass=_ConstructMeta):
    """Base of every construct of this library."""

    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id)
        self._late: list[_LateL1] = []
        self._finalizer_added = False
        key = construct_key(self)
        root = _ROOTS.get(construct_key(scope))
        if root is None:
            root = construct_key(self.node.root)
        _ROOTS[key] = root
        _IN_STACK.add(key)
        _REGISTRY.setdefault(root, []).append(self)
        self.node.add_validation(_Validation(self))

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
            self._late.append(_LateL1(resource, render, taggable, overrides))
            if not self._finalizer_added:
                core = cdk(scope or self)
                core.Aspects.of(resource).add(_finalizer_class(core)(self))
                self._finalizer_added = True
        return resource

    def _finalize(self) -> None:
        for late in self._late:
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
    registry = _REGISTRY.get(construct_key(scope.node.root)) or []
    prefix = scope.node.path
    if not prefix:
        return list(registry)
    return [c for c in registry if c.node.path == prefix or c.node.path.startswith(prefix + "/")]


def validate_tree(scope: Construct) -> None:
    """Run every synth-time check under ``scope``; raise one ValidationError listing all."""
    problems: list[tuple[str | None, str]] = []
    for construct in registered_constructs(scope):
        problems.extend((construct.node.path, message) for message in construct._validate())
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
