"""``batch_constructs`` against ``aws_cdk.aws_batch`` by name: every class, enum, struct and
interface, enum member, static factory and constant, instance method, initializer keyword and
method keyword of AWS CDK 2.275.0 exists in ours, or is in ``exceptions.BATCH`` with a reason.
An unlisted gap fails, and so does a stale exception (listed, but ours has it now)."""
from __future__ import annotations

from typing import Any

import pytest

from tests.conformance.compare import compare
from tests.conformance.conftest import FIGURES
from tests.conformance.exceptions import BATCH, KINDS, NEIGHBOURS, kind_counts

pytestmark = pytest.mark.conformance


def _ours(name: str) -> Any:
    """Our class of that name: the package root exports every ``aws_batch`` name (nested types
    such as ``CfnJobDefinition.ContainerPropertiesProperty`` have no counterpart)."""
    import batch_constructs

    return None if "." in name else getattr(batch_constructs, name, None)


def test_aws_batch_conforms_to_aws_cdk(cdk_api: dict[str, Any]) -> None:
    report = compare("aws_batch", cdk_api["aws_batch"], _ours, BATCH)
    l2 = {name: api for name, api in cdk_api["aws_batch"].items() if not name.startswith("Cfn")}
    without_l1 = compare("without the Cfn* L1 layer", l2, _ours, {}).summary().split(";")[0]
    counts = ", ".join(f"{n} {kind}" for kind, n in kind_counts(BATCH).items())
    summary = f"{report.summary()}\n  {without_l1}\n  exceptions.BATCH: {counts}"
    FIGURES.append(summary)
    print(f"\n{summary}")
    assert not report.unlisted and not report.stale, f"{summary}\n{report.problems()}"


def test_every_exception_has_a_reason_of_a_known_kind() -> None:
    for table in (BATCH, NEIGHBOURS):
        for key, reason in table.items():
            assert any(reason.startswith(kind) and reason[len(kind):].strip() for kind in KINDS), \
                f"{key}: {reason!r} must start with one of {KINDS} and say why"
