"""Two ported apps applied to moto (issue 10, item 5): apply, a second plan that is quiet, a read-back
with boto3, destroy. Each app on its own moto server, both at once (the waits are the provider's)."""
from __future__ import annotations

import json
import traceback
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

import pytest

from tests.harness.moto import MotoServer
from tests.harness.moto_gaps import assert_clean_cycle
from tests.harness.terraform import Terraform, planned_changes, prepare_stack_dir
from tests.ports._apps import synth_app

pytestmark = [pytest.mark.e2e, pytest.mark.terraform]


def state_values(tf: Terraform, resource_type: str) -> dict[str, dict[str, Any]]:
    """name → attribute values of the applied resources of one type."""
    shown = json.loads(tf.run("show", "-json").check().stdout)
    resources = shown.get("values", {}).get("root_module", {}).get("resources", [])
    return {r["name"]: r["values"] for r in resources if r["type"] == resource_type and r["mode"] == "managed"}


def read_back_iam(tf: Terraform, client: Callable[[str], Any]) -> None:
    iam = client("iam")
    roles = state_values(tf, "aws_iam_role")
    job_role = next(v["name"] for k, v in roles.items() if k.startswith("JobRole"))
    inline = set(iam.list_role_policies(RoleName=job_role)["PolicyNames"])
    assert "ReadReference" in inline and any(n.startswith("iam-QueueAccess") for n in inline), inline
    attached = sorted(p["PolicyName"] for p in iam.list_attached_role_policies(RoleName=job_role)["AttachedPolicies"])
    assert "AmazonSSMReadOnlyAccess" in attached and "CloudWatchLogsReadOnlyAccess" in attached, attached
    assert len(attached) == 3, attached
    orchestrator = next(v["name"] for k, v in roles.items() if k.startswith("OrchestratorRole"))
    (policy_name,) = iam.list_role_policies(RoleName=orchestrator)["PolicyNames"]
    document = iam.get_role_policy(RoleName=orchestrator, PolicyName=policy_name)["PolicyDocument"]
    actions = [s["Action"] for s in document["Statement"]]
    assert "iam:PassRole" in actions and "batch:SubmitJob" in actions, actions


def read_back_fairshare(tf: Terraform, client: Callable[[str], Any]) -> None:
    batch = client("batch")
    queues = sorted(batch.describe_job_queues()["jobQueues"], key=lambda q: q["priority"])
    assert [q["priority"] for q in queues] == [1, 100]
    assert len({q["schedulingPolicyArn"] for q in queues}) == 1
    (policy,) = batch.describe_scheduling_policies(arns=[queues[0]["schedulingPolicyArn"]])["schedulingPolicies"]
    shares = sorted(s["shareIdentifier"] for s in policy["fairsharePolicy"]["shareDistribution"])
    assert shares == ["genomics", "imaging", "students*"]
    assert [len(q.get("jobStateTimeLimitActions", [])) for q in queues] == [1, 2]


APPS: dict[str, Callable[[Terraform, Callable[[str], Any]], None]] = {
    "iam": read_back_iam,
    "fairshare": read_back_fairshare,
}


def run_app(name: str, stack_json: dict[str, Any], root: Any, tools: Any, server: MotoServer) -> dict[str, Any]:
    result: dict[str, Any] = {}
    tf = Terraform(tools.binary, tools.cli_config, prepare_stack_dir(stack_json, root / name))
    try:
        tf.run("init", "-input=false", "-no-color").check()
        result["apply"] = apply = tf.apply()
        if apply.returncode != 0:
            return result
        result["plan"] = plan = tf.run("plan", "-detailed-exitcode", "-input=false", "-no-color", "-out=plan.out")
        if plan.returncode == 2:
            result["changes"] = planned_changes(tf)
        try:
            APPS[name](tf, server.client)
            result["readback"] = None
        except Exception:  # noqa: BLE001 - reported by the test
            result["readback"] = traceback.format_exc()
    finally:
        result["destroy"] = tf.destroy()
    return result


@pytest.fixture(scope="module")
def apply_results(terraform_tools: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("ports-apply")
    servers: dict[str, MotoServer] = {}
    try:
        for name in APPS:
            servers[name] = MotoServer().start()
        # synthesized here, in one thread (jsii is not thread-safe); terraform runs concurrently
        synthesized = {name: synth_app(name, root / "out" / name, provider_config=servers[name].provider_config())
                       for name in APPS}
        with ThreadPoolExecutor(max_workers=len(APPS)) as pool:
            futures = {name: pool.submit(run_app, name, synthesized[name], root, terraform_tools, servers[name])
                       for name in APPS}
            return {name: future.result() for name, future in futures.items()}
    finally:
        for server in servers.values():
            server.stop()


@pytest.mark.parametrize("name", list(APPS))
def test_ported_app_applies_plans_quietly_and_destroys(apply_results: dict[str, Any], name: str) -> None:
    result = apply_results[name]
    assert_clean_cycle(result)
