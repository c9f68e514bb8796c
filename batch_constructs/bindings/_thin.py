"""The runtime of the generated thin bindings: plain Python over the core's Terraform elements.

A generated class (``aws_5_100_0.BatchJobQueue``, ...) is core-neutral: calling it makes an
instance of its *variant* for the core of the scope (:func:`batch_constructs._core.core_of`), a
subclass of the generated class and of the core's ``TerraformResource`` / ``TerraformDataSource``
/ ``TerraformProvider`` made once per (class, core). So one generated module serves cdktf and
CDK Terrain, and ``isinstance(x, BatchJobQueue)`` holds on both.

The element keeps its arguments in a Python dict (``_bc_attrs``, Terraform's keys) and hands
them to the core in one call at synth: it overrides the core's protected
``synthesizeAttributes`` (jsii calls back into Python once per element), first letting the
construct that owns it render what can still change (``_bc_before_synth``, see ``_base``). Nothing else crosses
into Node until synth: no per-argument setter, no ``add_override`` per key. ``add_override`` (a
user's escape hatch) keeps the core's meaning: merged over these attributes at synth.

Attribute references (``.arn``, ``.id``, ...) are :class:`Attribute` descriptors: the first read
asks the core for the token (``get_string_attribute`` and friends), later reads use the cached
token. ``<argument>_input`` reads an argument back, as the prebuilt bindings' getters do.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Mapping

from .._core import core_of

__all__ = ["Attribute", "ThinDataSource", "ThinElement", "ThinProvider", "ThinResource", "variant"]

# compact kind → the core's getter (TerraformResource and TerraformDataSource have them all)
_GETTERS = {
    "s": "get_string_attribute", "n": "get_number_attribute", "b": "get_boolean_attribute",
    "ls": "get_list_attribute", "ln": "get_number_list_attribute", "ms": "get_string_map_attribute",
    "mn": "get_number_map_attribute", "mb": "get_boolean_map_attribute", "x": "interpolation_for_attribute",
}
#: Terraform's meta-arguments as the core's constructors name them.
RESOURCE_META = ("connection", "count", "depends_on", "for_each", "lifecycle", "provider", "provisioners")
_SKIP = frozenset({"self", "scope", "id_", "__class__"})
#: top-level keys of the JSON body that the core writes from its meta-argument properties (it drops
#: them from the attributes): written as the core's raw overrides instead
_META_KEYS = frozenset({"connection", "count", "depends_on", "for_each", "lifecycle", "provider", "provisioner", "//"})


class Attribute:
    """An exported attribute of a generated class: a token, read from the core once."""

    __slots__ = ("name", "getter", "attr")

    def __init__(self, name: str, kind: str = "s") -> None:
        self.name = name
        self.getter = _GETTERS[kind]
        self.attr = name

    def __set_name__(self, owner: type, attr: str) -> None:
        self.attr = attr

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = getattr(instance, self.getter)(self.name)
        instance.__dict__[self.attr] = value  # later reads skip the descriptor (no __set__)
        return value


class _ThinMeta(type):
    """Calling a core-neutral generated class makes an instance of its variant for the scope's core."""

    def __call__(cls, scope: Any, id_: str, /, **kwargs: Any) -> Any:
        if "_bc_core" in cls.__dict__:
            return super().__call__(scope, id_, **kwargs)
        return variant(cls, core_of(scope))(scope, id_, **kwargs)


@lru_cache(maxsize=None)
def _combined_meta(jsii_meta: type) -> type:
    return type(f"Thin{jsii_meta.__name__}", (_ThinMeta, jsii_meta), {})


@lru_cache(maxsize=None)
def variant(cls: type, core: Any) -> type:
    """``cls`` (a generated class, or a subclass of one) over ``core``'s element class."""
    base = getattr(core, cls._bc_base)
    return _combined_meta(type(base))(cls.__name__, (cls, base), {
        "__module__": cls.__module__, "__qualname__": cls.__qualname__, "__doc__": cls.__doc__, "_bc_core": core})


@lru_cache(maxsize=None)
def _metadata(core: Any, version: str) -> Any:
    return core.TerraformProviderGeneratorMetadata(provider_name="aws", provider_version=version)


@lru_cache(maxsize=None)
def _resource_config(core: Any, kind: str, version: str) -> Any:
    """The config struct of an element without meta-arguments: one per type (a struct is sent by value)."""
    return core.TerraformResourceConfig(terraform_resource_type=kind, terraform_generator_metadata=_metadata(core, version))


def _create(element: Any, scope: Any, id: str, config: Any) -> None:
    """What the core's constructor does (``jsii.create`` of the element's class with ``scope``, ``id``
    and the config struct), without its per-call type checking of arguments this module built."""
    if not isinstance(scope, _construct_class()) or not isinstance(id, str):
        raise TypeError(f"{type(element).__name__}(scope, id_): 'scope' must be a construct and 'id_' a string, got "
                        f"{type(scope).__name__} and {type(id).__name__}")
    _jsii().create(type(element), element, [scope, id, config])


@lru_cache(maxsize=None)
def _construct_class() -> type:
    from constructs import Construct
    return Construct


@lru_cache(maxsize=None)
def _jsii() -> Any:
    import jsii  # not at import: the generated modules load without jsii (tests/unit)
    return jsii


class ThinElement(metaclass=_ThinMeta):
    """What the generated classes share (see the module doc)."""

    _bc_base = "TerraformResource"
    #: the Terraform type (``aws_batch_job_queue``), or ``aws`` for the provider
    terraform_type = ""
    provider_version = ""
    #: Python keyword → Terraform name, where they differ (``id_`` → ``id``)
    _bc_renames: Mapping[str, str] = {}
    _bc_attrs: dict[str, Any]

    def _bc_split(self, args: dict[str, Any], meta_names: tuple[str, ...]) -> dict[str, Any]:
        meta = {}
        attrs: dict[str, Any] = {}
        renames = self._bc_renames
        for key, value in args.items():
            if key in _SKIP or value is None:
                continue
            if key in meta_names:
                meta[key] = value
            else:
                attrs[renames.get(key, key)] = value
        self._bc_attrs = attrs
        return meta

    def _bc_init(self, scope: Any, id: str, args: dict[str, Any]) -> None:
        meta = self._bc_split(args, RESOURCE_META)
        core = type(self)._bc_core
        config = _resource_config(core, self.terraform_type, self.provider_version) if not meta else \
            core.TerraformResourceConfig(terraform_resource_type=self.terraform_type,
                                         terraform_generator_metadata=_metadata(core, self.provider_version), **meta)
        _create(self, scope, id, config)

    # -- the one callback at synth --------------------------------------------------------------
    def _synthesize_attributes(self) -> Mapping[str, Any]:
        before = self.__dict__.get("_bc_before_synth")  # the owning construct renders its late values
        if before is not None:
            before()
        attrs = {key: value for key, value in self._bc_attrs.items() if value is not None}
        for path, value in self.__dict__.get("_bc_user_overrides", ()):
            attrs = _with_path(attrs, path.split("."), value)
        return attrs

    # -- this library's writes (not a user's override) ------------------------------------------
    def _bc_set(self, key: str, value: Any) -> None:
        """Set (``None``: remove) the top-level key ``key`` of the element's body."""
        if key in _META_KEYS:
            self._bc_core_override(key, value)
        elif value is None:
            self._bc_attrs.pop(key, None)
        else:
            self._bc_attrs[key] = value

    def _bc_core_override(self, path: str, value: Any) -> None:
        getattr(type(self)._bc_core, self._bc_base).add_override(self, path, value)

    def add_override(self, path: str, value: Any) -> None:
        """The core's escape hatch, with its meaning: ``path`` (dot-separated) is set to ``value`` over
        the element's attributes at synth (``None``: deleted), replacing what is there. Paths into
        meta-arguments (``lifecycle.prevent_destroy``, ``depends_on``, ...) go to the core itself."""
        if path.split(".", 1)[0] in _META_KEYS:
            self._bc_core_override(path, value)
        else:
            self.__dict__.setdefault("_bc_user_overrides", []).append((path, value))

    def __getattr__(self, name: str) -> Any:
        if name.endswith("_input") and not name.startswith("_"):
            attrs = self.__dict__.get("_bc_attrs") or {}
            key = name[: -len("_input")]
            return attrs.get(self._bc_renames.get(key, key))
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")


def _with_path(body: Any, keys: list[str], value: Any) -> Any:
    """``body`` (not changed) with ``keys`` set to ``value`` (``None``: removed); like the core's
    overrides, a key path through a non-object replaces it with an object."""
    out = dict(body) if isinstance(body, Mapping) else {}
    head, rest = keys[0], keys[1:]
    if rest:
        out[head] = _with_path(out.get(head), rest, value)
    elif value is None:
        out.pop(head, None)
    else:
        out[head] = value
    return out


class ThinResource(ThinElement):
    _bc_base = "TerraformResource"


class ThinDataSource(ThinElement):
    _bc_base = "TerraformDataSource"


class ThinProvider(ThinElement):
    _bc_base = "TerraformProvider"
    terraform_type = "aws"

    def _bc_init(self, scope: Any, id: str, args: dict[str, Any]) -> None:
        self._bc_split(args, ())
        core = type(self)._bc_core
        _create(self, scope, id, core.TerraformProviderConfig(
            terraform_resource_type="aws", terraform_generator_metadata=_metadata(core, self.provider_version),
            terraform_provider_source="aws"))
        if self._bc_attrs.get("alias") is not None:  # the core's FQN of this provider uses it
            self.alias = self._bc_attrs["alias"]
