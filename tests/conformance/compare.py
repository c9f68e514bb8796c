"""Compare AWS CDK's API model (``jsii_model``) with ours by name.

A gap is a *key*: ``Type`` (a class, enum, struct or interface), ``Type.member`` (an enum member,
a static factory or constant, an instance method), ``Type(keyword)`` (an initializer keyword, or a
struct field: Python builds structs with keywords) or ``Type.method(keyword)``. Under a missing
type or method nothing more is reported (it all counts as missing in the figures; the "methods"
figure counts static factories and constants too). Exceptions
are keys or ``fnmatch`` patterns (``Cfn*``) with a reason; an exception is stale when its key
is not a gap (ours has it, or AWS CDK has no such key), a pattern when it matches no gap.
"""
from __future__ import annotations

import enum
import inspect
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import Any, Callable

from tests.conformance.jsii_model import ApiType

__all__ = ["Report", "compare", "our_parameters"]

_GLOB = set("*?[")
_KINDS = ("classes", "enum members", "methods", "keywords", "properties")


@dataclass
class Report:
    """What ``compare`` found: every key it knows (``present``/``missing``), the counts per kind
    (``figures[kind] = [ours, theirs]``), and the unlisted gaps and stale exceptions."""

    title: str
    present: set[str] = field(default_factory=set)
    missing: set[str] = field(default_factory=set)
    figures: dict[str, list[int]] = field(default_factory=lambda: {kind: [0, 0] for kind in _KINDS})
    excepted: dict[str, str] = field(default_factory=dict)  # missing key -> reason
    unlisted: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)

    def count(self, kind: str, key: str | None, found: bool, n: int = 1) -> None:
        self.figures[kind][1] += n
        if found:
            self.figures[kind][0] += n
        if key is not None:
            (self.present if found else self.missing).add(key)

    def summary(self) -> str:
        parts = [f"{kind} {ours}/{theirs}" + (f" ({100 * ours // theirs}%)" if theirs else "")
                 for kind, (ours, theirs) in self.figures.items() if kind != "properties"]
        ours, theirs = self.figures["properties"]
        return (f"{self.title}: " + ", ".join(parts) + f"; instance properties {ours}/{theirs} (not checked); "
                f"{len(self.missing)} gaps reported, {len(self.excepted)} of them listed as exceptions")

    def problems(self) -> str:
        lines = [f"unlisted gap: {key}" for key in self.unlisted]
        lines += [f"stale exception (not a gap: ours has it, or AWS CDK has no such name): {key}" for key in self.stale]
        return "\n".join(lines)


def our_parameters(function: Any, *, drop_first: bool = False) -> set[str] | None:
    """The names ``function`` takes (named parameters and a ``*args`` name; a ``**kwargs`` catches
    no name: the library spells every keyword out). ``None`` if it has no signature."""
    try:
        params = list(inspect.signature(function).parameters.values())
    except (TypeError, ValueError):
        return None
    if drop_first and params and params[0].name in ("self", "cls"):
        params = params[1:]
    return {("*" if p.kind is inspect.Parameter.VAR_POSITIONAL else "") + p.name
            for p in params if p.kind is not inspect.Parameter.VAR_KEYWORD}


def _our_struct_fields(ours: Any) -> set[str] | None:
    hints = getattr(ours, "__annotations__", None)
    if isinstance(ours, type) and hasattr(ours, "__total__") and hints is not None:  # a TypedDict
        return set(hints)
    if isinstance(ours, type) and ours.__init__ is not object.__init__:
        return our_parameters(ours.__init__, drop_first=True)
    return None


def _our_method(ours: Any, name: str) -> Any:
    """Our attribute ``name`` if it is callable (a method, classmethod or staticmethod), else None."""
    try:
        static = inspect.getattr_static(ours, name)
    except AttributeError:
        return None
    if isinstance(static, (property, enum.Enum)):
        return None
    value = getattr(ours, name, None)
    return value if callable(value) else None


def _has_member(ours: Any, name: str) -> bool:
    if isinstance(ours, type) and issubclass(ours, enum.Enum):
        return name in ours.__members__
    try:
        inspect.getattr_static(ours, name)
        return True
    except AttributeError:
        return hasattr(ours, name)


def _keywords(report: Report, prefix: str, theirs: tuple[str, ...], ours: set[str] | None) -> None:
    for name in theirs:
        if name.startswith("*"):  # variadic: passed positionally, any ``*args`` takes it
            found = ours is not None and any(o.startswith("*") for o in ours)
        else:
            found = ours is not None and name in ours
        report.count("keywords", f"{prefix}({name})", found)


def _compare_type(report: Report, api: ApiType, ours: Any) -> None:
    name = api.name
    if api.kind == "enum":
        for member in api.members:
            report.count("enum members", f"{name}.{member}", _has_member(ours, member))
        return
    if api.kind == "struct":
        _keywords(report, name, api.init or (), _our_struct_fields(ours))
        return
    if api.init is not None:
        _keywords(report, name, api.init, our_parameters(ours.__init__, drop_first=True)
                  if isinstance(ours, type) else None)
    for member, params in sorted({**api.statics, **api.methods}.items()):
        key = f"{name}.{member}"
        if params is None:  # a static property (constant)
            report.count("methods", key, _has_member(ours, member))
            continue
        method = _our_method(ours, member)
        report.count("methods", key, method is not None)
        if method is None:
            report.count("keywords", None, False, len(params))
        else:
            _keywords(report, key, params, our_parameters(method, drop_first=True))
    for prop in api.properties:
        report.count("properties", None, _has_member(ours, prop))


def _missing_type(report: Report, api: ApiType) -> None:
    report.count("classes", api.name, False)
    report.count("enum members", None, False, len(api.members))
    report.count("methods", None, False, len(api.statics) + len(api.methods))
    n = len(api.init or ()) + sum(len(p or ()) for p in api.statics.values()) + sum(map(len, api.methods.values()))
    report.count("keywords", None, False, n)
    report.count("properties", None, False, len(api.properties))


def _matches(entry: str, key: str) -> bool:
    return fnmatchcase(key, entry) if _GLOB & set(entry) else key == entry


def compare(title: str, theirs: dict[str, ApiType], resolve: Callable[[str], Any],
            exceptions: dict[str, str]) -> Report:
    """Compare every type of ``theirs`` with ``resolve(name)`` (ours, or None), then judge the gaps
    against ``exceptions`` (key or pattern → reason)."""
    report = Report(title)
    for name, api in sorted(theirs.items()):
        ours = resolve(name)
        if ours is None:
            _missing_type(report, api)
            continue
        report.count("classes", name, True)
        _compare_type(report, api, ours)
    for key in sorted(report.missing):
        entry = next((e for e in exceptions if _matches(e, key)), None)
        if entry is None:
            report.unlisted.append(key)
        else:
            report.excepted[key] = exceptions[entry]
    for entry in exceptions:  # stale: an exact key that is not a gap, a pattern that matches no gap
        if not any(_matches(entry, key) for key in report.missing):
            report.stale.append(entry)
    return report
