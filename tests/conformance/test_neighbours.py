"""The neighbour modules against AWS CDK, for the classes we have: ``batch_constructs.ec2.Vpc``
against ``aws_cdk.aws_ec2.Vpc`` and so on (enum members, factories, methods and keywords). A
class AWS CDK has and we do not is not a gap here (these modules cover what Batch apps use).
Keys carry the namespace (``aws_ec2.Vpc.add_flow_log``); gaps are listed in
``exceptions.NEIGHBOURS`` with a reason, ``NOT YET`` entries marking what is simply missing."""
from __future__ import annotations

import dataclasses
import importlib
from typing import Any

import pytest

from tests.conformance.compare import compare
from tests.conformance.conftest import FIGURES, NEIGHBOURS
from tests.conformance.exceptions import NEIGHBOURS as EXCEPTIONS
from tests.conformance.exceptions import kind_counts
from tests.conformance.jsii_model import ApiType

pytestmark = pytest.mark.conformance


def _shared(cdk_api: dict[str, Any]) -> dict[str, dict[str, ApiType]]:
    """``{namespace: {"aws_ec2.Vpc": ApiType}}``: the AWS CDK types we have a class for."""
    out: dict[str, dict[str, ApiType]] = {}
    for module, namespace in NEIGHBOURS.items():
        ours = set(getattr(importlib.import_module(f"batch_constructs.{module}"), "__all__", ()))
        out[namespace] = {f"{namespace}.{name}": dataclasses.replace(api, name=f"{namespace}.{name}")
                          for name, api in cdk_api[namespace].items() if name in ours}
    return out


def _ours(key: str) -> Any:
    namespace, name = key.split(".", 1)
    module = importlib.import_module(f"batch_constructs.{namespace.removeprefix('aws_')}")
    return getattr(module, name, None)


def test_neighbour_modules_conform_to_aws_cdk(cdk_api: dict[str, Any]) -> None:
    shared = _shared(cdk_api)
    lines = [compare(namespace, types, _ours, {}).summary().split(";")[0] for namespace, types in shared.items()]
    report = compare("neighbour modules", {k: v for types in shared.values() for k, v in types.items()}, _ours,
                     EXCEPTIONS)
    counts = ", ".join(f"{n} {kind}" for kind, n in kind_counts(EXCEPTIONS).items())
    summary = "\n  ".join([report.summary(), *lines, f"exceptions.NEIGHBOURS: {counts}"])
    FIGURES.append(summary)
    print(f"\n{summary}")
    assert not report.unlisted and not report.stale, f"{summary}\n{report.problems()}"
