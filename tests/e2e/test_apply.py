"""End to end: apply every example stack to moto, plan again (must be quiet), read back, destroy.

The stacks are independent, so they run concurrently (terraform is a subprocess; the waits on
the provider's polling dominate). moto's server is not thread-safe across many concurrent writers
(with 10 stacks on one server, destroys hung for 15 minutes on a 2-core CI machine), so each worker
has its own moto server and applies its share of the stacks one after another. Each step's outcome
is asserted per stack.
"""
from __future__ import annotations

import json
import traceback
import queue
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from tests.e2e.readback import load_all
from tests.harness.moto import MotoServer
from tests.harness.moto_gaps import assert_clean_cycle
from tests.harness.synth import selected_stacks, synth_examples
from tests.harness.terraform import Terraform, planned_changes, prepare_stack_dir

pytestmark = [pytest.mark.e2e, pytest.mark.terraform]
STACK_NAMES = selected_stacks()
READBACKS = load_all()
WORKERS = 6


def aimed_at(stack_json: dict[str, Any], synth_url: str, server: MotoServer) -> dict[str, Any]:
    """The stack with its provider endpoints moved from the synth-time server to ``server``."""
    return json.loads(json.dumps(stack_json).replace(synth_url, server.url))


def run_stack(name: str, stack_json: dict[str, Any], root: Any, tools: Any, client: Any) -> dict[str, Any]:
    result: dict[str, Any] = {}
    tf = Terraform(tools.binary, tools.cli_config, prepare_stack_dir(stack_json, root / name))
    try:
        tf.run("init", "-input=false", "-no-color").check()
        apply = tf.apply()
        result["apply"] = apply
        if apply.returncode != 0:
            return result
        plan = tf.run("plan", "-detailed-exitcode", "-input=false", "-no-color", "-out=plan.out")
        result["plan"] = plan
        if plan.returncode == 2:
            result["changes"] = planned_changes(tf)
        try:
            READBACKS[name](client, stack_json)
            result["readback"] = None
        except Exception:  # noqa: BLE001 - reported by the test
            result["readback"] = traceback.format_exc()
    finally:
        result["destroy"] = tf.destroy()
    return result


@pytest.fixture(scope="module")
def e2e_results(terraform_tools: Any, moto_server: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("e2e")
    synthesized = synth_examples(root / "cdktf.out", provider_config=moto_server.provider_config(),
                                 only=STACK_NAMES)
    servers = [MotoServer().start() for _ in range(min(WORKERS, len(STACK_NAMES)))]
    idle: queue.Queue[MotoServer] = queue.Queue()
    for server in servers:
        idle.put(server)

    def on_own_server(name: str) -> dict[str, Any]:
        server = idle.get()
        try:
            stack_json = aimed_at(synthesized[name], moto_server.url, server)
            return run_stack(name, stack_json, root, terraform_tools, server.client)
        finally:
            idle.put(server)

    try:
        with ThreadPoolExecutor(max_workers=len(servers)) as pool:
            futures = {name: pool.submit(on_own_server, name) for name in STACK_NAMES}
            return {name: future.result() for name, future in futures.items()}
    finally:
        for server in servers:
            server.stop()


def test_every_stack_has_a_readback() -> None:
    assert sorted(set(STACK_NAMES) - set(READBACKS)) == []


@pytest.mark.parametrize("stack_name", STACK_NAMES)
def test_apply_plan_quiet_readback_destroy(e2e_results: dict[str, Any], stack_name: str) -> None:
    result = e2e_results[stack_name]
    assert_clean_cycle(result)
