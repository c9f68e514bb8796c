"""Read-backs of the queue examples (``stacks/queues.py``)."""
from __future__ import annotations

from typing import Any

from tests.e2e.readback import Clients, compute_environments, job_queues, readback


def scheduling_policies(client: Clients, stack: dict[str, Any]) -> list[dict[str, Any]]:
    names = {r["name"] for r in stack["resource"].get("aws_batch_scheduling_policy", {}).values()}
    batch = client("batch")
    arns = [p["arn"] for p in batch.list_scheduling_policies()["schedulingPolicies"]
            if p["arn"].rsplit("/", 1)[1] in names]
    assert len(arns) == len(names), (names, arns)
    return batch.describe_scheduling_policies(arns=arns)["schedulingPolicies"]


def _shares(policy: dict[str, Any]) -> dict[str, float]:
    return {s["shareIdentifier"]: s["weightFactor"] for s in policy["fairsharePolicy"]["shareDistribution"]}


@readback("queue-shared-compute-environment")
def _shared(client: Clients, stack: dict[str, Any]) -> None:
    (ce,) = compute_environments(client, stack)
    assert ce["computeResources"]["type"] == "FARGATE_SPOT"
    queues = {q["priority"]: q for q in job_queues(client, stack)}
    assert sorted(queues) == [1, 10]
    for queue in queues.values():
        assert queue["state"] == "ENABLED"
        assert queue["computeEnvironmentOrder"] == [{"computeEnvironment": ce["computeEnvironmentArn"], "order": 1}]
        assert not queue.get("schedulingPolicyArn")
        assert not queue.get("jobStateTimeLimitActions")


@readback("queue-runnable-time-limit")
def _runnable(client: Clients, stack: dict[str, Any]) -> None:
    (ce,) = compute_environments(client, stack)
    (queue,) = job_queues(client, stack)
    assert queue["priority"] == 1 and queue["state"] == "ENABLED"
    assert queue["computeEnvironmentOrder"] == [{"computeEnvironment": ce["computeEnvironmentArn"], "order": 1}]
    actions = sorted(queue["jobStateTimeLimitActions"], key=lambda a: a["maxTimeSeconds"])
    assert actions == [
        {"action": "CANCEL", "maxTimeSeconds": 600, "reason": "CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY",
         "state": "RUNNABLE"},
        {"action": "CANCEL", "maxTimeSeconds": 3600, "reason": "MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT",
         "state": "RUNNABLE"},
    ]


@readback("queue-fairshare-weights")
def _weights(client: Clients, stack: dict[str, Any]) -> None:
    (ce,) = compute_environments(client, stack)
    (policy,) = scheduling_policies(client, stack)
    assert _shares(policy) == {"A": 1, "B": 1}
    (queue,) = job_queues(client, stack)
    assert queue["schedulingPolicyArn"] == policy["arn"]
    assert queue["priority"] == 1
    assert queue["computeEnvironmentOrder"] == [{"computeEnvironment": ce["computeEnvironmentArn"], "order": 1}]


@readback("queue-fairshare-share-decay")
def _share_decay(client: Clients, stack: dict[str, Any]) -> None:
    (policy,) = scheduling_policies(client, stack)
    assert policy["fairsharePolicy"]["shareDecaySeconds"] == 300
    assert not policy["fairsharePolicy"].get("computeReservation")
    assert _shares(policy) == {}


@readback("queue-fairshare-compute-reservation")
def _compute_reservation(client: Clients, stack: dict[str, Any]) -> None:
    (policy,) = scheduling_policies(client, stack)
    assert policy["fairsharePolicy"]["computeReservation"] == 75
    assert not policy["fairsharePolicy"].get("shareDecaySeconds")
    assert _shares(policy) == {"A": 1, "B": 0.5, "C": 2}
