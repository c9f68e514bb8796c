"""Baseline for the benchmark: a plain cdktf app that imports the provider classes the usual
way (``from cdktf_cdktf_provider_aws.<module> import <Class>``, which runs the bindings' package
root) and creates the same resources, with the same attributes, as the library's example stacks.

    python bench/plain_cdktf_app.py SPEC.json OUTDIR

SPEC.json is the library's synthesized output for the benchmarked stacks (written by
bench/run.py before timing starts); every resource and data source is re-created from it.
"""
from __future__ import annotations

import importlib
import inspect
import json
import os
import sys

for name in ("JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION", "JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION"):
    os.environ.setdefault(name, "1")
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "18,20")

from cdktf import App, LocalBackend, TerraformStack  # noqa: E402


def camel(type_: str) -> str:
    return "".join(part.capitalize() for part in type_.split("_"))


def load(kind: str, type_: str):
    module_name = type_[len("aws_"):] if kind == "resource" else f"data_{type_}"
    module = importlib.import_module(f"cdktf_cdktf_provider_aws.{module_name}")
    return getattr(module, camel(module_name if kind == "data" else type_[len("aws_"):]))


def create(stack: TerraformStack, kind: str, type_: str, logical_id: str, attrs: dict) -> None:
    cls = load(kind, type_)
    params = inspect.signature(cls.__init__).parameters
    required = {n: attrs[n] for n, p in params.items()
                if p.kind is p.KEYWORD_ONLY and p.default is inspect.Parameter.empty and n in attrs}
    element = cls(stack, logical_id, **required)
    for key, value in attrs.items():
        if key not in required and key != "//":
            element.add_override(key, value)


def main(spec_path: str, outdir: str) -> None:
    spec = json.loads(open(spec_path).read())
    from cdktf_cdktf_provider_aws.provider import AwsProvider

    app = App(outdir=outdir)
    for stack_name, doc in spec.items():
        stack = TerraformStack(app, stack_name)
        LocalBackend(stack, path=f"terraform.{stack_name}.tfstate")
        AwsProvider(stack, "aws", region="us-east-1")
        for kind in ("data", "resource"):
            for type_, items in sorted(doc.get(kind, {}).items()):
                for logical_id, attrs in sorted(items.items()):
                    create(stack, kind, type_, logical_id, attrs)
    app.synth()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
