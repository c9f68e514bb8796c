"""The provider-schema check at synth: a broken render function is a ValidationError before anything is
written (``App.synth``) and in ``Template.from_stack``; every example stack passes; the library emits
only types of the generated schema."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import pytest

from batch_constructs import FairshareSchedulingPolicy, ValidationError
from batch_constructs._base import BatchConstruct
from batch_constructs.testing import Template

Breaker = Callable[[dict[str, Any]], dict[str, Any]]
# Both lanes check: hashicorp/aws 5.100.0 (schema from Terraform) and 6.69.1 (schema from cdktn-provider-aws 25.8.1's
# jsii assembly); the broken renders below fail the same way on both.


def break_render(monkeypatch: pytest.MonkeyPatch, cls: str, breaker: Breaker) -> None:
    """Every L1 of provider class ``cls`` created from now on renders ``breaker(rendered)``."""
    original = BatchConstruct._new_l1

    def new_l1(self: Any, id: str, module: str, name: str, /, *, render: Any = None, **kwargs: Any) -> Any:
        if name == cls and render is not None:
            inner = render
            render = lambda: breaker(dict(inner()))  # noqa: E731
        return original(self, id, module, name, render=render, **kwargs)

    monkeypatch.setattr(BatchConstruct, "_new_l1", new_l1)


def rename(old: str, new: str) -> Breaker:
    return lambda attrs: {(new if k == old else k): v for k, v in attrs.items()}


KINDS: dict[str, tuple[Breaker, str]] = {
    "unknown key": (rename("fair_share_policy", "fair_share_polcy"),
                    "unknown attribute 'fair_share_polcy' (not an argument or block of the provider schema): "
                    "did you mean 'fair_share_policy'?"),
    "wrong type": (lambda a: {**a, "fair_share_policy": {**a["fair_share_policy"], "compute_reservation": "most"}},
                   "'fair_share_policy.compute_reservation' must be number (provider schema), got string 'most'"),
    "missing required": (lambda a: {**a, "name": None}, "required attribute 'name' is missing: set it"),
    "wrong nesting": (lambda a: {**a, "fair_share_policy": [a["fair_share_policy"], a["fair_share_policy"]]},
                      "'fair_share_policy' allows at most 1 block(s), got 2"),
    "computed-only set": (lambda a: {**a, "arn": "arn:aws:batch:us-east-1:1:scheduling-policy/x"},
                          "'arn' is computed by the provider (read-only): remove it"),
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_broken_render_fails_template_from_stack(stack: Any, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    breaker, message = KINDS[kind]
    break_render(monkeypatch, "BatchSchedulingPolicy", breaker)
    FairshareSchedulingPolicy(stack, "Policy", compute_reservation=10)
    with pytest.raises(ValidationError) as raised:
        Template.from_stack(stack)
    assert raised.value.path == "TestStack/Policy/Resource"
    assert raised.value.message.startswith(f"aws_batch_scheduling_policy: {message}")
    assert len(raised.value.problems) == 1


@pytest.mark.parametrize("kind", ["unknown key", "wrong type", "missing required", "wrong nesting"])
def test_broken_render_fails_app_synth_before_anything_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  kind: str) -> None:
    from cdktf import TerraformStack

    from batch_constructs import App
    from batch_constructs.providers import aws_provider

    breaker, message = KINDS[kind]
    break_render(monkeypatch, "BatchSchedulingPolicy", breaker)
    out = tmp_path / "cdktf.out"
    app = App(outdir=str(out))
    stack = TerraformStack(app, "jobs")
    aws_provider(stack, region="us-east-1")
    FairshareSchedulingPolicy(stack, "Policy")
    with pytest.raises(ValidationError) as raised:
        app.synth()
    assert raised.value.path == "jobs/Policy/Resource"
    assert message in raised.value.message
    assert not out.exists()


def test_a_correct_render_passes(stack: Any) -> None:
    FairshareSchedulingPolicy(stack, "Policy", compute_reservation=10)
    Template.from_stack(stack).resource_count_is("aws_batch_scheduling_policy", 1)


def test_every_example_stack_passes_and_uses_only_generated_types(tmp_path: Path) -> None:
    import importlib

    from batch_constructs._schema_check import SCHEMA_MODULES, schema_problems
    from tests.harness.synth import synth_examples

    docs = synth_examples(tmp_path / "out")  # App.synth itself runs the check
    assert docs
    versions = {doc["terraform"]["required_providers"]["aws"]["version"] for doc in docs.values()}
    assert len(versions) == 1 and versions <= set(SCHEMA_MODULES), versions  # every document is checked
    generated = importlib.import_module(f"batch_constructs.{SCHEMA_MODULES[versions.pop()]}")
    # RESOURCES holds the example app's own EKS cluster too (_schema_gen.EXAMPLE_RESOURCES)
    known = {"resource": set(generated.RESOURCES) | set(generated.BUILTIN),
             "data": set(generated.DATA_SOURCES)}
    for name, doc in docs.items():
        assert schema_problems(doc) == [], name
        for section in ("resource", "data"):
            extra = set(doc.get(section) or {}) - known[section]
            assert not extra, f"{name} emits {section} types missing from batch_constructs/bindings/_schema_gen.py: {extra}"
