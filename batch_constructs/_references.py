"""Every reference in a synthesized stack must name a resource or data source of that stack.

A construct of one stack used by a construct of another (or of another ``App``) would otherwise
be written as a reference to an undeclared resource: ``terraform validate`` fails far from the
cause, so the mistake is reported here before anything is written. Pure Python: works on the
synthesized JSON documents.

Within one App the core's own cross-stack references do the job (as for AWS CDK's cross-stack
references): the attribute becomes an output of the producing stack and a
``data "terraform_remote_state" "cross-stack-reference-input-<stack>"`` of the consuming one.
Across Apps that mechanism writes a remote state of a stack the App does not have (or of the stack
itself): reported here, naming the stack referred to.
"""
from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from ._errors import ValidationError

__all__ = ["check_references", "declared_addresses", "undeclared_references"]

# ``aws_x.name`` or ``data.aws_x.name`` inside an interpolation or a depends_on entry
_REFERENCE = re.compile(r"(?<![\w.$-])((?:data\.)?[a-z][a-z0-9]*_[a-z0-9_]+\.[A-Za-z_][\w-]*)")


def declared_addresses(doc: Mapping[str, Any]) -> set[str]:
    found = {f"{kind}.{name}" for kind, block in (doc.get("resource") or {}).items() for name in block}
    found |= {f"data.{kind}.{name}" for kind, block in (doc.get("data") or {}).items() for name in block}
    return found


def _strings(value: Any, path: str, in_depends_on: bool = False) -> Iterator[tuple[str, str, bool]]:
    if isinstance(value, str):
        yield path, value, in_depends_on
    elif isinstance(value, list):
        for entry in value:
            yield from _strings(entry, path, in_depends_on)
    elif isinstance(value, dict):
        for key, entry in value.items():
            if key != "//":
                yield from _strings(entry, path, in_depends_on or key == "depends_on")


def _blocks(doc: Mapping[str, Any]) -> Iterator[tuple[str, Any]]:
    for section in ("resource", "data"):
        for kind, block in (doc.get(section) or {}).items():
            for name, body in block.items():
                meta = ((body or {}).get("//") or {}).get("metadata") or {}
                prefix = "data." if section == "data" else ""
                yield meta.get("path") or f"{prefix}{kind}.{name}", body
    for section in ("output", "locals", "module"):
        for name, body in (doc.get(section) or {}).items():
            yield f"{section}.{name}", body


def undeclared_references(doc: Mapping[str, Any]) -> list[tuple[str, str]]:
    """``(construct path, address)`` for every reference to an address ``doc`` does not declare."""
    declared = declared_addresses(doc)
    missing: list[tuple[str, str]] = []
    for owner, body in _blocks(doc):
        for _, text, depends in _strings(body, owner):
            if not depends and "${" not in text.replace("$${", ""):
                continue
            for address in _REFERENCE.findall(text):
                address = _address(address, declared)
                if address and address not in declared and (owner, address) not in missing:
                    missing.append((owner, address))
    return missing


def _address(text: str, declared: set[str]) -> str | None:
    parts = text.split(".")
    if parts[0] == "data":
        return ".".join(parts[:3]) if len(parts) >= 3 else None
    if parts[0] in ("var", "local", "module", "each", "count", "self", "path", "terraform"):
        return None
    return ".".join(parts[:2])


_REMOTE_INPUT = "cross-stack-reference-input-"


def foreign_stack_references(stack: str, doc: Mapping[str, Any], stacks: set[str]) -> list[tuple[str, str]]:
    """``(construct path, stack)`` for every use of the core's cross-stack remote state whose stack is not
    another stack of this App (a construct of another App)."""
    remote = (doc.get("data") or {}).get("terraform_remote_state") or {}
    foreign = {name: name[len(_REMOTE_INPUT):] for name in remote if name.startswith(_REMOTE_INPUT)}
    foreign = {name: other for name, other in foreign.items() if other == stack or other not in stacks}
    found: list[tuple[str, str]] = []
    for owner, body in _blocks(doc):
        if owner.startswith("data.terraform_remote_state."):
            continue
        for _, text, _ in _strings(body, owner):
            for name, other in foreign.items():
                if f"data.terraform_remote_state.{name}." in text and (owner, other) not in found:
                    found.append((owner, other))
    return found


def check_references(docs: Mapping[str, Mapping[str, Any]]) -> None:
    """Raise one ValidationError listing every reference across apps (or to an undeclared address)."""
    owners = {address: stack for stack, doc in docs.items() for address in declared_addresses(doc)}
    problems: list[tuple[str | None, str]] = []
    for stack, doc in docs.items():
        for owner, other in foreign_stack_references(stack, doc, set(docs)):
            problems.append((owner, f"refers to a construct of stack '{other}' of another App (this is stack "
                                    f"'{stack}'): a construct of one App cannot be used in another; create it in "
                                    "this App too, or import it by name or ARN"))
    for stack, doc in docs.items():
        for owner, address in undeclared_references(doc):
            other = owners.get(address)
            if other is not None:
                problems.append((owner, f"refers to {address} of stack '{other}', but a construct of one stack "
                                        f"cannot be used in another (this is stack '{stack}'): create it in stack "
                                        f"'{stack}' too, or import it there by name or ARN (from_*_arn / "
                                        "from_*_name with a literal value)"))
            else:
                where = "no stack of this app declares" if len(docs) > 1 else "this stack does not declare"
                problems.append((owner, f"refers to {address}, which {where}: a construct of another stack or "
                                        "App (or a removed construct) was used; create it here, or import it by "
                                        "name or ARN"))
    if problems:
        raise ValidationError(None, problems=problems)
