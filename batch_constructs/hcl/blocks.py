"""The one table of Terraform block kinds, read by the renderer and by the equivalence check.

:data:`KINDS` says, for every top-level block kind of a configuration, which file it goes to,
how many labels it has, whose provider schema describes its body and how each key of the body is
written: as an attribute with a :class:`Role` (template, literal string, reference, type
expression...), as a fixed nested block (``lifecycle``, ``validation``, ``backend``...) or, for
schema-described bodies, as a nested block when the provider schema says so.

:mod:`.render` writes HCL from this table and :mod:`.diff` builds its model of the JSON
document from the same table, so the two walks cannot disagree about what a key is.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator, Mapping

__all__ = ["IS_BLOCK", "COMMENT", "Role", "VALUE", "TEMPLATE", "LITERAL", "REF", "REFS", "REF_MAP", "TYPE",
           "IGNORE_CHANGES", "Obj", "Body", "Nested", "Kind", "KINDS", "GENERIC", "FILES", "KNOWN_TOP", "SCHEMA_BODY",
           "RESOURCE_META_FIRST", "RESOURCE_META_LAST", "RESOURCE_META_BLOCKS", "as_list", "blocks_of",
           "nested_blocks_of"]

#: the marker python-hcl2 v8 puts in a dict that is a block body
IS_BLOCK = "__is_block__"
#: the comment key of cdktf's JSON (never rendered, never compared)
COMMENT = "//"


class Role:
    """How an attribute value is written (its name says it; compared by identity)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"Role({self.name})"


#: a template string; a string holding a JSON document may become ``jsonencode(...)``
VALUE = Role("value")
#: a template string, never ``jsonencode(...)``
TEMPLATE = Role("template")
#: strings are literal text (``${`` written ``$${``), not templates
LITERAL = Role("literal")
#: one reference (``aws_x.y`` or ``${aws_x.y}``) written as an expression
REF = Role("ref")
#: a list of references (a single one is a list of one)
REFS = Role("refs")
#: an object whose values are references (``module { providers = {...} }``)
REF_MAP = Role("ref_map")
#: a type expression (``variable { type = list(string) }``)
TYPE = Role("type")
#: ``lifecycle { ignore_changes }``: the keyword ``all`` or a list of references
IGNORE_CHANGES = Role("ignore_changes")


@dataclass(frozen=True)
class Obj:
    """An object attribute whose keys have roles of their own (``keys``, written after the
    others); any other key, and a value that is not an object, has the role ``default``."""

    keys: Mapping[str, Any]
    default: Any = LITERAL


@dataclass(frozen=True)
class Body:
    """How the keys of a block body are written.

    ``roles``: attribute roles by key (others: ``default``). ``blocks``: nested block types that
    are not in a provider schema. ``schema``: nested block types also come from the provider
    schema shape; such a body is written attributes first (``first`` leading, in that order),
    then nested blocks, then the ``last`` keys; any other body keeps the JSON order.
    """

    roles: Mapping[str, Any] = field(default_factory=dict)
    default: Any = VALUE
    blocks: Mapping[str, "Nested"] = field(default_factory=dict)
    schema: bool = False
    first: tuple[str, ...] = ()
    last: frozenset[str] = frozenset()

    def role(self, key: str) -> Any:
        return self.roles.get(key, self.default)

    def classify(self, key: str, shape: Mapping[str, Any] | None
                 ) -> tuple[str, "Nested | None", Mapping[str, Any] | None]:
        """What ``key`` of this body is: ``("attribute", None, None)``, a fixed nested block type
        ``("block", nested, None)`` or a nested block type of the provider schema
        ``("block", nested, its shape)``. A role or a fixed block type wins over the schema."""
        if key in self.roles:
            return "attribute", None, None
        if key in self.blocks:
            return "block", self.blocks[key], None
        if self.schema:
            nested = ((shape or {}).get("b") or {}).get(key)
            if nested is not None:
                return "block", Nested(SCHEMA_BODY, 1 if nested["n"] == "map" else 0), nested
        return "attribute", None, None


@dataclass(frozen=True)
class Nested:
    """A nested block type: its body and how many labels it has (the JSON nests
    ``{label: body}`` once per label)."""

    body: Body
    labels: int = 0


@dataclass(frozen=True)
class Kind:
    """A top-level block kind.

    ``labels``: label depth in the JSON document (``resource``: type and name). ``schema``: the
    provider schema section describing the body (``provider``/``resource``/``data``).
    ``identity``: how the equivalence check matches blocks of both sides: ``"labels"``,
    ``"alias"`` (provider name and ``alias``), ``"single"`` (one block), ``"merged"`` (all blocks
    merged into one body, ``locals``), ``"index"`` (by position). ``supported``: whether it can be
    rendered."""

    file: str
    body: Body
    labels: int = 0
    schema: str | None = None
    identity: str = "labels"
    supported: bool = True

    def shape(self, provider_schema: Any, labels: list[str], body: Any) -> Mapping[str, Any] | None:
        """The shape of one block's body in ``provider_schema`` (a ``ProviderSchema``), or
        ``None`` for kinds no provider describes."""
        if self.schema is None:
            return None
        if self.schema == "provider":
            return provider_schema.shape("provider", labels[0])
        provider = body.get("provider") if isinstance(body, Mapping) else None
        return provider_schema.shape(self.schema, labels[0], provider if isinstance(provider, str) else None)


#: a body wholly described by the provider schema (nested blocks of resources, providers)
SCHEMA_BODY = Body(schema=True)
_ATTRIBUTES = Body()         # every key an attribute
_LITERAL_BODY = Body(default=LITERAL)
_CONDITION = Body(roles={"condition": REF}, default=TEMPLATE)
_LIFECYCLE = Body(roles={"ignore_changes": IGNORE_CHANGES, "replace_triggered_by": REFS}, default=TEMPLATE,
                  blocks={"precondition": Nested(_CONDITION), "postcondition": Nested(_CONDITION)})

RESOURCE_META_FIRST = ("count", "for_each", "provider")
RESOURCE_META_LAST = ("depends_on",)
RESOURCE_META_BLOCKS = ("lifecycle", "provisioner", "connection")

_RESOURCE = Body(
    roles={"count": TEMPLATE, "for_each": TEMPLATE, "provider": REF, "depends_on": REFS},
    blocks={"lifecycle": Nested(_LIFECYCLE), "provisioner": Nested(_ATTRIBUTES, labels=1),
            "connection": Nested(_ATTRIBUTES)},
    schema=True, first=RESOURCE_META_FIRST, last=frozenset(RESOURCE_META_LAST + RESOURCE_META_BLOCKS))
_TERRAFORM = Body(
    default=LITERAL,
    blocks={"required_providers": Nested(Body(default=Obj({"configuration_aliases": REFS}))),
            "backend": Nested(_LITERAL_BODY, labels=1),
            "cloud": Nested(_LITERAL_BODY), "provider_meta": Nested(_LITERAL_BODY)})
_REFACTOR = Body(roles={"from": REF, "to": REF})

#: every top-level block kind, in the order of the rendered files
KINDS: dict[str, Kind] = {
    "terraform": Kind("versions.tf", _TERRAFORM, identity="single"),
    "provider": Kind("providers.tf", Body(schema=True, first=("alias",)), labels=1, schema="provider",
                     identity="alias"),
    "variable": Kind("variables.tf", Body(roles={"type": TYPE, "default": LITERAL, "description": LITERAL},
                                          default=TEMPLATE, blocks={"validation": Nested(_CONDITION)}), labels=1),
    "locals": Kind("main.tf", _ATTRIBUTES, identity="merged"),
    "data": Kind("main.tf", _RESOURCE, labels=2, schema="data"),
    "resource": Kind("main.tf", _RESOURCE, labels=2, schema="resource"),
    "module": Kind("main.tf", Body(roles={"source": LITERAL, "version": LITERAL, "providers": REF_MAP,
                                          "depends_on": REFS}), labels=1),
    "moved": Kind("main.tf", _REFACTOR, identity="index"),
    "import": Kind("main.tf", _REFACTOR, identity="index"),
    "removed": Kind("main.tf", _REFACTOR, identity="index"),
    "check": Kind("main.tf", _REFACTOR, identity="index", supported=False),
    "output": Kind("outputs.tf", Body(roles={"description": LITERAL, "depends_on": REFS},
                                      blocks={"precondition": Nested(_CONDITION)}), labels=1),
}
#: a kind the table does not know (compared by position, never rendered)
GENERIC = Kind("main.tf", _REFACTOR, identity="index", supported=False)

#: file name → the top-level kinds it holds, in order
FILES: dict[str, tuple[str, ...]] = {}
for _name, _kind in KINDS.items():
    FILES[_kind.file] = FILES.get(_kind.file, ()) + (_name,)
del _name, _kind
KNOWN_TOP = set(KINDS) | {COMMENT}


def as_list(value: Any) -> list[Any]:
    """A JSON value that may be one item or a list of them, as a list (``None``: none)."""
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def blocks_of(section: Any, labels: int) -> Iterator[tuple[list[str], Any]]:
    """The ``(labels, body)`` of every block of a JSON section nested ``labels`` deep (a body may
    be a list of bodies at the innermost level)."""
    if labels == 0:
        for body in as_list(section):
            yield [], body
        return
    for label, inner in section.items():
        for rest, body in blocks_of(inner, labels - 1):
            yield [label, *rest], body


def nested_blocks_of(item: Any, labels: int) -> Iterator[tuple[list[str], Any]]:
    """Likewise for a nested block type's value: a body (``{label: body}`` per label) or a list of
    them; a ``None`` body is no block."""
    for entry in as_list(item):
        yield from blocks_of(entry, labels)
