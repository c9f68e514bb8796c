"""``terraform validate`` on every synthesized example stack, against the provider's schema."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

import stacks
from tests.harness.synth import selected_stacks, synth_examples
from tests.harness.terraform import Terraform, prepare_stack_dir

pytestmark = pytest.mark.terraform
STACK_NAMES = selected_stacks()


@pytest.fixture(scope="module")
def validation_results(terraform_tools: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("validate")
    synthesized = synth_examples(root / "cdktf.out", only=STACK_NAMES)

    def validate(name: str) -> Any:
        work = prepare_stack_dir(synthesized[name], root / "tf" / name)
        tf = Terraform(terraform_tools.binary, terraform_tools.cli_config, work)
        init = tf.run("init", "-input=false", "-no-color", "-backend=false")
        if init.returncode != 0:
            return {"valid": False, "diagnostics": [{"summary": "init failed", "detail": init.stderr}]}
        return tf.validate()

    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(zip(STACK_NAMES, pool.map(validate, STACK_NAMES)))


@pytest.mark.parametrize("stack_name", STACK_NAMES)
def test_example_stack_passes_terraform_validate(validation_results: dict[str, Any], stack_name: str) -> None:
    result = validation_results[stack_name]
    problems = [f"{d.get('severity')}: {d.get('summary')}: {d.get('detail')} @ {d.get('address', '')}"
                for d in result.get("diagnostics", [])]
    assert result["valid"], "\n".join(problems)
    assert not [p for p in problems if p.startswith("warning")], "\n".join(problems)


def test_every_example_stack_is_covered() -> None:
    """Only a developer's filter (E2E_STACKS) may narrow the run; CI runs every stack."""
    import os
    if os.environ.get("CI"):
        assert "E2E_STACKS" not in os.environ
        assert STACK_NAMES == list(stacks.all_stacks())
