"""What queue and fair-share changes do to applied resources (hashicorp/aws 5.100.0 on moto).

A FIFO queue is applied; then changed configurations are planned, applied and planned again
(each must end quiet), checking what ``docs/queues.md`` says:

* FIFO → fair-share replaces the queue (its generated name changes), because AWS cannot add a
  scheduling policy to a FIFO queue in place (nor remove one later);
* priority, compute environments and time-limit actions change in place;
* a policy's shares change in place;
* removing the *last* time-limit action does not reach AWS: hashicorp/aws 5.100.0 leaves
  ``jobStateTimeLimitActions`` out of ``UpdateJobQueue`` when the list becomes empty, so AWS
  keeps the old actions and every later plan shows the removal again (a provider limitation,
  documented in ``docs/queues.md``; this test fails once a provider fixes it).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.harness.terraform import Terraform, prepare_stack_dir

pytestmark = [pytest.mark.terraform, pytest.mark.e2e]


def synth(outdir: Path, provider_config: dict[str, Any], *, fair_share: bool, priority: int = 1,
          second_environment: bool = False, time_limits: tuple[int, ...] = (),
          shares: tuple[str, ...] = ("A",)) -> dict[str, Any]:
    from batch_constructs import (App, FairshareSchedulingPolicy, FargateComputeEnvironment, JobQueue,
                                  JobStateTimeLimitAction, JobStateTimeLimitActionsReason, Share)
    from batch_constructs.core import Duration
    from batch_constructs.ec2 import Vpc
    from stacks._base import ExampleStack

    class PlanStack(ExampleStack):
        def build(self) -> None:
            vpc = Vpc(self, "VPC")
            first = FargateComputeEnvironment(self, "First", vpc=vpc)
            second = FargateComputeEnvironment(self, "Second", vpc=vpc, spot=True)
            policy = FairshareSchedulingPolicy(self, "Policy", shares=[Share(s, 1) for s in shares])
            reasons = [JobStateTimeLimitActionsReason.INSUFFICIENT_INSTANCE_CAPACITY,
                       JobStateTimeLimitActionsReason.JOB_RESOURCE_REQUIREMENT]
            actions = [JobStateTimeLimitAction(max_time=Duration.minutes(m), reason=reason)
                       for m, reason in zip(time_limits, reasons)]
            queue = JobQueue(self, "Queue", priority=priority, scheduling_policy=policy if fair_share else None,
                             job_state_time_limit_actions=actions)
            queue.add_compute_environment(first, 1)
            if second_environment:
                queue.add_compute_environment(second, 2)

    app = App(outdir=str(outdir))
    stack = PlanStack(app, "queue-plan-changes", provider_config=provider_config)
    app.synth()
    return json.loads((outdir / "stacks" / stack.node.id / "cdk.tf.json").read_text())


def queue_name(doc: dict[str, Any]) -> str:
    (queue,) = doc["resource"]["aws_batch_job_queue"].values()
    return queue["name"]


@pytest.fixture(scope="module")
def steps(terraform_tools: Any, moto_server: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Apply each variant in turn; record the planned actions per resource type and the
    read-back after each apply."""
    root = tmp_path_factory.mktemp("queue-plan-changes")
    config = moto_server.provider_config()
    batch = moto_server.client("batch")
    variants = {
        "fifo": dict(fair_share=False),
        "fair-share": dict(fair_share=True, priority=5, second_environment=True, time_limits=(15, 60)),
        "fewer-actions": dict(fair_share=True, priority=5, second_environment=True, time_limits=(20,),
                              shares=("A", "B")),
        "no-actions": dict(fair_share=True, priority=5, second_environment=True, time_limits=(),
                           shares=("A", "B")),
    }
    tf: Terraform | None = None
    out: dict[str, Any] = {}
    try:
        for name, variant in variants.items():
            doc = synth(root / name, config, **variant)
            work = prepare_stack_dir(doc, root / "work")
            if tf is None:
                tf = Terraform(terraform_tools.binary, terraform_tools.cli_config, work)
                tf.run("init", "-input=false", "-no-color").check()
            tf.run("plan", "-input=false", "-no-color", "-out=plan.out").check()
            shown = json.loads(tf.run("show", "-json", "plan.out").check().stdout)
            actions = {}
            for change in shown.get("resource_changes", []):
                kind = change["address"].split(".")[0]
                planned = "+".join(change["change"]["actions"])
                if kind.startswith("aws_batch_") and planned != "no-op":
                    actions.setdefault(kind, []).append(planned)
            tf.apply().check()
            quiet = tf.run("plan", "-detailed-exitcode", "-input=false", "-no-color")
            queues = batch.describe_job_queues(jobQueues=[queue_name(doc)])["jobQueues"]
            names = {p["name"] for p in doc["resource"]["aws_batch_scheduling_policy"].values()}
            arns = [p["arn"] for p in batch.list_scheduling_policies()["schedulingPolicies"]
                    if p["arn"].rsplit("/", 1)[1] in names]
            policies = batch.describe_scheduling_policies(arns=arns)["schedulingPolicies"] if arns else []
            out[name] = {"doc": doc, "actions": actions, "quiet": quiet, "queues": queues, "policies": policies}
    finally:
        if tf is not None:
            out["destroy"] = tf.destroy()
    return out


def test_fifo_applies_quietly(steps: dict[str, Any]) -> None:
    step = steps["fifo"]
    step["quiet"].check(0)
    (queue,) = step["queues"]
    assert not queue.get("schedulingPolicyArn") and queue["priority"] == 1


def test_fifo_to_fair_share_replaces_the_queue(steps: dict[str, Any]) -> None:
    step = steps["fair-share"]
    assert queue_name(step["doc"]) != queue_name(steps["fifo"]["doc"])
    assert step["actions"] == {"aws_batch_job_queue": ["delete+create"]}  # nothing else changes
    step["quiet"].check(0)
    (queue,) = step["queues"]
    (policy,) = step["policies"]
    assert queue["schedulingPolicyArn"] == policy["arn"]
    assert queue["priority"] == 5
    assert [o["order"] for o in sorted(queue["computeEnvironmentOrder"], key=lambda o: o["order"])] == [1, 2]
    assert sorted(a["maxTimeSeconds"] for a in queue["jobStateTimeLimitActions"]) == [900, 3600]


def test_changing_time_limit_actions_and_shares_updates_in_place(steps: dict[str, Any]) -> None:
    step = steps["fewer-actions"]
    assert step["actions"] == {"aws_batch_job_queue": ["update"], "aws_batch_scheduling_policy": ["update"]}
    step["quiet"].check(0)
    (queue,) = step["queues"]
    assert queue["jobStateTimeLimitActions"] == [{"action": "CANCEL", "maxTimeSeconds": 1200, "state": "RUNNABLE",
                                                  "reason": "CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY"}]
    (policy,) = step["policies"]
    assert sorted(s["shareIdentifier"] for s in policy["fairsharePolicy"]["shareDistribution"]) == ["A", "B"]


def test_removing_the_last_time_limit_action_does_not_reach_aws(steps: dict[str, Any]) -> None:
    """Provider limitation (hashicorp/aws 5.100.0): see the module docstring."""
    step = steps["no-actions"]
    assert step["actions"] == {"aws_batch_job_queue": ["update"]}
    assert step["quiet"].returncode == 2
    assert "- job_state_time_limit_action {" in step["quiet"].stdout
    (queue,) = step["queues"]
    assert [a["maxTimeSeconds"] for a in queue["jobStateTimeLimitActions"]] == [1200]


def test_everything_is_destroyed(steps: dict[str, Any]) -> None:
    steps["destroy"].check()
