"""AWS CDK's property injection (``aws_cdk.PropertyInjectors``): defaults a platform team sets
once for every construct of a class under a scope.

    class QueueDefaults:
        construct_unique_id = JobQueue.PROPERTY_INJECTION_ID
        def inject(self, original_props, context):
            return {"priority": 10, **original_props}

    PropertyInjectors.of(stack).add(QueueDefaults())

Each Batch construct has ``PROPERTY_INJECTION_ID`` (AWS CDK's value, ``aws-cdk-lib.aws-batch.<Class>``).
When one is built, the injector for that id on the closest enclosing scope (the scope itself,
then its parents) receives the keyword arguments as a dict and an ``InjectionContext(scope, id)``
and returns the keyword arguments to use, as AWS CDK's ``applyInjectors`` does. The result is
checked like any other keywords.
"""
from __future__ import annotations

from typing import Any, Mapping, Protocol, runtime_checkable

from ._errors import ValidationError

__all__ = ["IPropertyInjector", "InjectionContext", "PropertyInjectors"]

# (root construct key, construct path) -> unique id -> injector
#: construct key of the scope they were added to → its injectors by construct unique id
_INJECTORS: dict[Any, dict[str, "IPropertyInjector"]] = {}


@runtime_checkable
class IPropertyInjector(Protocol):
    """``aws_cdk.IPropertyInjector``: ``construct_unique_id`` and ``inject(original_props, context)``."""

    construct_unique_id: str

    def inject(self, original_props: Any, context: "InjectionContext") -> Any: ...


class InjectionContext:
    """``aws_cdk.InjectionContext``: where the construct is being built."""

    def __init__(self, *, scope: Any, id: str) -> None:
        self.scope = scope
        self.id = id


def _key(scope: Any) -> Any:
    from ._identity import construct_key
    return construct_key(scope)


class PropertyInjectors:
    """``PropertyInjectors.of(scope).add(injector, ...)``: injectors for the constructs under ``scope``."""

    def __init__(self, scope: Any) -> None:
        self.scope = scope

    @staticmethod
    def of(scope: Any) -> "PropertyInjectors":
        from constructs import Construct

        from ._check import check_instance
        check_instance(None, "scope", scope, Construct, "a construct (the stack or a construct in it)", required=True)
        return PropertyInjectors(scope)

    @staticmethod
    def has_property_injectors(scope: Any) -> bool:
        return bool(_INJECTORS.get(_key(scope)))

    def add(self, *props_injectors: IPropertyInjector) -> None:
        """Add injectors; a later one for the same ``construct_unique_id`` replaces the earlier."""
        mine = _INJECTORS.setdefault(_key(self.scope), {})
        for injector in props_injectors:
            unique = getattr(injector, "construct_unique_id", None)
            if not isinstance(unique, str) or not unique or not callable(getattr(injector, "inject", None)):
                raise ValidationError(self.scope, "PropertyInjectors.add(): an injector needs a "
                                                  "'construct_unique_id' (a class's PROPERTY_INJECTION_ID) and an "
                                                  "'inject(original_props, context)' method")
            mine[unique] = injector

    def for_(self, unique_id: str) -> IPropertyInjector | None:
        return _INJECTORS.get(_key(self.scope), {}).get(unique_id)

    def supported_classes(self) -> list[str]:
        return sorted(_INJECTORS.get(_key(self.scope), {}))


def apply_injectors(unique_id: str, props: dict[str, Any], scope: Any, id: str) -> dict[str, Any]:
    """The keyword arguments after the closest injector for ``unique_id`` (AWS CDK's ``applyInjectors``)."""
    if not _INJECTORS:
        return props
    from ._identity import scope_keys
    for key in reversed(scope_keys(scope)):  # remembered: no walk up the tree per construct
        injector = _INJECTORS.get(key, {}).get(unique_id)
        if injector is not None:
            injected = injector.inject(dict(props), InjectionContext(scope=scope, id=id))
            if not isinstance(injected, Mapping):
                raise ValidationError(scope, f"the property injector for '{unique_id}' returned "
                                             f"{type(injected).__name__}, not the keyword arguments as a dict")
            return dict(injected)
    return props


from ._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
