"""Generate ``batch_constructs/interfaces.py`` and ``props.py``: AWS CDK's ``aws_batch`` interfaces (``I*``) as
``typing.Protocol`` classes and its construct props (``*Props``) as ``TypedDict`` classes, from
the jsii assembly of the installed ``aws-cdk-lib`` (``scripts/cdk_assembly.py``).

    python scripts/gen_interfaces.py            # rewrite batch_constructs/interfaces.py and props.py
    python scripts/gen_interfaces.py --check    # exit 1 when the committed file differs

Protocols carry the members the interface declares and those of its ``aws_batch`` bases; the
bases from ``core``/``aws_iam``/``aws_ec2`` (``IResource``, ``IConnectable``, ...) are left out
(CloudFormation resource plumbing). Types that this library exports keep their names; others
(``ec2.IVpc``, ``iam.IRole``, ...) are ``Any``.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from cdk_assembly import VERSION, load_types, module_types, python_name  # noqa: E402

INTERFACES = ROOT / "batch_constructs" / "interfaces.py"
PROPS = ROOT / "batch_constructs" / "props.py"
COMMAND = "python scripts/gen_interfaces.py"
PRIMITIVES = {"string": "str", "number": "float", "boolean": "bool", "any": "Any", "json": "Mapping[str, Any]",
              "date": "Any"}
CORE = {"aws-cdk-lib.Duration": "Duration", "aws-cdk-lib.Size": "Size"}


class Renderer:
    def __init__(self, exported: set[str]) -> None:
        self.exported = exported
        self.used: set[str] = set()

    def type(self, ref: dict[str, Any] | None) -> str:
        if not ref:
            return "None"
        if "primitive" in ref:
            return PRIMITIVES[ref["primitive"]]
        if "collection" in ref:
            inner = self.type(ref["collection"]["elementtype"])
            kind = ref["collection"]["kind"]
            return f"Sequence[{inner}]" if kind == "array" else f"Mapping[str, {inner}]"
        if "union" in ref:
            return "Any"
        fqn = ref.get("fqn", "")
        if fqn in CORE:
            self.used.add(CORE[fqn])
            return f"\"{CORE[fqn]}\""
        name = fqn.rsplit(".", 1)[-1]
        if fqn.startswith("aws-cdk-lib.aws_batch.") and (name in self.exported or name.startswith("I")):
            if name not in self.exported:
                return f"\"{name}\""  # a protocol of this module
            self.used.add(name)
            return f"\"{name}\""
        return "Any"


def _struct(ref: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The fields (own and inherited, required first as jsii-pacmak orders them) of a struct type."""
    spec = load_types().get(ref.get("fqn", ""))
    if not spec or spec.get("kind") != "interface" or not spec.get("datatype"):
        return None
    fields: dict[str, dict[str, Any]] = {}
    for base in spec.get("interfaces", []):
        for field in _struct({"fqn": base}) or []:
            fields.setdefault(field["name"], field)
    for field in spec.get("properties", []):
        fields[field["name"]] = field
    ordered = sorted(fields.values(), key=lambda f: f["name"])
    return [f for f in ordered if not f.get("optional")] + [f for f in ordered if f.get("optional")]


def batch_bases(spec: dict[str, Any]) -> list[str]:
    return [b.rsplit(".", 1)[-1] for b in spec.get("interfaces", []) if b.startswith("aws-cdk-lib.aws_batch.")]


def protocol(name: str, spec: dict[str, Any], r: Renderer) -> list[str]:
    bases = batch_bases(spec)
    lines = ["", "", "@runtime_checkable",
             f"class {name}({', '.join(bases + ['Protocol'])}):",
             f"    \"\"\"``aws_cdk.aws_batch.{name}``.\"\"\""]
    body = []
    for prop in sorted(spec.get("properties", []), key=lambda p: p["name"]):
        kind = r.type(prop["type"])
        if prop.get("optional"):
            kind = f"{kind} | None" if not kind.startswith("\"") else f"\"{kind[1:-1]} | None\""
        body += ["", "    @property", f"    def {python_name(prop['name'])}(self) -> {kind}: ..."]
    for method in sorted(spec.get("methods", []), key=lambda m: m["name"]):
        if method.get("static"):
            continue
        params = ["self"]
        parameters = method.get("parameters", [])
        for index, p in enumerate(parameters):
            struct = _struct(p["type"]) if index == len(parameters) - 1 else None
            if struct is not None:  # jsii-pacmak flattens a trailing struct into keyword arguments
                params.append("*")
                for field in struct:
                    params.append(f"{python_name(field['name'])}: {r.type(field['type'])}"
                                  + (" = ..." if field.get("optional") else ""))
                continue
            kind = r.type(p["type"])
            params.append(f"{python_name(p['name'])}: {kind}" + (" = ..." if p.get("optional") else ""))
        returns = r.type(method.get("returns", {}).get("type")) if method.get("returns") else "None"
        body += ["", f"    def {python_name(method['name'])}({', '.join(params)}) -> {returns}: ..."]
    return lines + body


def props(name: str, spec: dict[str, Any], types: dict[str, dict[str, Any]], r: Renderer) -> list[str]:
    bases = [b for b in batch_bases(spec) if b in types]
    own = sorted(spec.get("properties", []), key=lambda p: p["name"])
    lines = ["", "", f"class {name}({', '.join(bases) if bases else 'TypedDict'}, total=False):",
             f"    \"\"\"``aws_cdk.aws_batch.{name}``: the keyword arguments, as a dict to pass with ``**``.\"\"\""]
    if own:
        lines.append("")
    for prop in own:
        kind = r.type(prop["type"])
        lines.append(f"    {python_name(prop['name'])}: {kind if prop.get('optional') else f'Required[{kind}]'}")
    return lines


def _ordered(names: list[str], types: dict[str, dict[str, Any]]) -> list[str]:
    """``names`` with every base before its subclasses."""
    ordered: list[str] = []

    def visit(name: str) -> None:
        if name in ordered or name not in names:
            return
        for base in batch_bases(types[name]):
            visit(base)
        ordered.append(name)

    for name in names:
        visit(name)
    return ordered


def _header(what: str, names: list[str], r: Renderer, extra: list[str]) -> list[str]:
    imports = sorted(r.used - {"Duration", "Size"})
    lines = [
        f"# @generated by {COMMAND} from aws-cdk-lib {VERSION} (aws_cdk/_jsii assembly, aws_batch). DO NOT EDIT.",
        *what.splitlines(),
        "from __future__ import annotations",
        "",
        f"from typing import {', '.join(extra)}",
        "",
        "if TYPE_CHECKING:",
        "    from .core import Duration, Size",
    ]
    if imports:
        lines.append(f"    from . import ({', '.join(imports)})")
    return lines + ["", f"__all__ = {names!r}"]


def generate() -> dict[Path, str]:
    """The generated files and their text."""
    import batch_constructs
    types = module_types("aws_batch")
    interfaces = sorted(n for n, t in types.items() if t["kind"] == "interface" and not t.get("datatype")
                        and n.startswith("I"))
    structs = sorted(n for n, t in types.items() if t["kind"] == "interface" and t.get("datatype")
                     and n.endswith("Props") and not n.startswith("Cfn"))
    exported = set(batch_constructs.__all__) - set(interfaces) - set(structs)
    r = Renderer(exported)
    body: list[str] = []
    for name in _ordered(interfaces, types):
        body += protocol(name, types[name], r)
    protocols = _header('''"""AWS CDK's ``aws_batch`` interfaces as ``typing.Protocol`` classes, which the constructs of
this library satisfy (``isinstance(queue, IJobQueue)``), so type-hinted AWS CDK code imports
cleanly. Members of non-Batch bases (``IResource``, ``IConnectable``) are left out."""''',
                        interfaces, r, ["TYPE_CHECKING", "Any", "Mapping", "Protocol", "Sequence",
                                        "runtime_checkable"]) + body
    r = Renderer(exported)
    body = []
    for name in _ordered(structs, types):
        body += props(name, types[name], types, r)
    structs_text = _header('''"""AWS CDK's ``aws_batch`` construct props as ``TypedDict`` classes: the keyword arguments of a
construct as a dict, ``JobQueue(stack, "Q", **JobQueueProps(priority=1))``."""''',
                           structs, r, ["TYPE_CHECKING", "Any", "Mapping", "Required", "Sequence",
                                        "TypedDict"]) + body
    return {INTERFACES: "\n".join(protocols) + "\n", PROPS: "\n".join(structs_text) + "\n"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    files = generate()
    if args.check:
        stale = [str(path) for path, text in files.items() if not path.is_file() or path.read_text() != text]
        print(f"differ from a fresh generation (run {COMMAND}): {', '.join(stale)}" if stale else "up to date")
        return 1 if stale else 0
    for path, text in files.items():
        path.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
