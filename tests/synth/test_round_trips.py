"""Cost of scale as a count, not a time (``bench/`` measures time): every question to the construct
tree and every element crosses into Node, one jsii round trip each (0.2 to 0.6 ms). A Fargate job
definition (its construct, its container's, the execution role's, and their 4 Terraform elements)
takes 17 round trips from construction to the written file: 3 construct and 4 element creates,
the role's 2 attribute tokens, and 2 ``synthesizeAttributes`` callbacks per element (the core
asks twice per synth). It was 56 before the paths, stacks, roots, scope chains
and validations of the construct tree were kept in Python (see ``_base``)."""
from __future__ import annotations

import sys
import types
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from batch_constructs._core import default_core
from bench.scale_app import ours  # the benchmark's scale app: one stack with N Fargate job definitions

PER_JOB_DEFINITION = 17


def _round_trips(monkeypatch: pytest.MonkeyPatch, outdir: Path, count: int) -> Counter[str]:
    from jsii._kernel.providers import process

    seen: Counter[str] = Counter()
    send = process._NodeProcess.send

    def counting(self: Any, request: Any, response_type: Any) -> Any:
        seen[type(request).__name__] += 1
        return send(self, request, response_type)

    with monkeypatch.context() as patch:
        patch.setattr(process._NodeProcess, "send", counting)
        ours(count, str(outdir))
    assert (outdir / "stacks" / "scale" / "cdk.tf.json").is_file()
    return seen


def test_a_fargate_job_definition_costs_a_bounded_number_of_round_trips(monkeypatch: pytest.MonkeyPatch,
                                                                        tmp_path: Path) -> None:
    few = _round_trips(monkeypatch, tmp_path / "few", 4)
    many = _round_trips(monkeypatch, tmp_path / "many", 14)
    per_job = {kind: (many[kind] - few[kind]) / 10 for kind in many}
    assert sum(per_job.values()) <= PER_JOB_DEFINITION, per_job
    # no question to the tree per construct: its node, path, id, root, scopes or children
    assert per_job.get("GetRequest", 0) == 0, per_job
    # 3 constructs and 4 elements, nothing else created per job definition (no validation or aspect object)
    assert per_job.get("CreateRequest") == 7, per_job


def test_the_count_holds_with_both_cores_imported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """With cdktf and CDK Terrain both imported, each construct's core is remembered, not asked of the
    tree for every element (here the other core is a stand-in: both are never installed in one lane)."""
    other = "cdktn" if default_core().__name__ == "cdktf" else "cdktf"  # (on the cdktn lane, over the tests' alias)
    stand_in = types.ModuleType(other)
    stand_in.App = type("App", (), {})  # type: ignore[attr-defined]
    stand_in.TerraformStack = type("TerraformStack", (), {})  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, other, stand_in)
    few = _round_trips(monkeypatch, tmp_path / "few", 4)
    many = _round_trips(monkeypatch, tmp_path / "many", 14)
    per_job = {kind: (many[kind] - few[kind]) / 10 for kind in many}
    assert sum(per_job.values()) <= PER_JOB_DEFINITION, per_job
