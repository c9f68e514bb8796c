"""What each example stack must hold in (emulated) AWS after ``terraform apply``.

One function per example stack: it reads the created resources back with boto3 and asserts on
them. Every example stack needs one (``test_every_stack_has_a_readback``). Areas keep theirs in
``tests/e2e/readback_<area>.py`` modules (registered with ``@readback("stack-name")``), which
:func:`load_all` imports.
"""
from __future__ import annotations

import json
from typing import Any, Callable

Clients = Callable[[str], Any]
READBACKS: dict[str, Callable[[Clients, dict[str, Any]], None]] = {}


def readback(*names: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    def register(fn: Callable[..., None]) -> Callable[..., None]:
        for name in names:
            READBACKS[name] = fn
        return fn
    return register


def compute_environments(client: Clients, stack: dict[str, Any]) -> list[dict[str, Any]]:
    """The stack's compute environments, found by their generated name prefixes."""
    prefixes = []
    for res in stack["resource"].get("aws_batch_compute_environment", {}).values():
        prefixes.append(res.get("compute_environment_name_prefix") or res.get("name_prefix")
                        or res.get("compute_environment_name") or res.get("name"))
    found = client("batch").describe_compute_environments()["computeEnvironments"]
    return [ce for ce in found if any(ce["computeEnvironmentName"].startswith(p) for p in prefixes)]


def job_queues(client: Clients, stack: dict[str, Any]) -> list[dict[str, Any]]:
    names = [r["name"] for r in stack["resource"].get("aws_batch_job_queue", {}).values()]
    return client("batch").describe_job_queues(jobQueues=names)["jobQueues"]


def job_definitions(client: Clients, stack: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for res in stack["resource"].get("aws_batch_job_definition", {}).values():
        out.extend(client("batch").describe_job_definitions(jobDefinitionName=res["name"], status="ACTIVE")
                   ["jobDefinitions"])
    return out


@readback("spot-fargate")
def _spot_fargate(client: Clients, stack: dict[str, Any]) -> None:
    (ce,) = compute_environments(client, stack)
    assert ce["type"] == "MANAGED" and ce["state"] == "ENABLED"
    assert ce["computeResources"]["type"] == "FARGATE_SPOT"
    assert ce["computeResources"]["maxvCpus"] == 256
    assert len(ce["computeResources"]["subnets"]) == 2
    assert len(ce["computeResources"]["securityGroupIds"]) == 1
    assert "AWSServiceRoleForBatch" in ce["serviceRole"]


def _check_fargate_job_definition(jd: dict[str, Any]) -> None:
    assert jd["type"] == "container"
    assert jd["platformCapabilities"] == ["FARGATE"]
    props = jd["containerProperties"]
    assert props["image"] == "public.ecr.aws/amazonlinux/amazonlinux:latest"
    requirements = {r["type"]: r["value"] for r in props["resourceRequirements"]}
    assert requirements == {"MEMORY": "2048", "VCPU": "0.25"}
    assert props["ephemeralStorage"] == {"sizeInGiB": 100}
    assert props["runtimePlatform"] == {"cpuArchitecture": "ARM64", "operatingSystemFamily": "LINUX"}
    assert props["networkConfiguration"] == {"assignPublicIp": "DISABLED"}
    assert props["executionRoleArn"].startswith("arn:aws:iam::")


@readback("fargate-job-definition")
def _fargate_job_definition(client: Clients, stack: dict[str, Any]) -> None:
    (jd,) = job_definitions(client, stack)
    _check_fargate_job_definition(jd)
    role_name = jd["containerProperties"]["executionRoleArn"].rsplit("/", 1)[1]
    attached = client("iam").list_attached_role_policies(RoleName=role_name)["AttachedPolicies"]
    assert [p["PolicyName"] for p in attached] == ["AmazonECSTaskExecutionRolePolicy"]
    trust = client("iam").get_role(RoleName=role_name)["Role"]["AssumeRolePolicyDocument"]
    trust = json.loads(trust) if isinstance(trust, str) else trust
    assert trust["Statement"][0]["Principal"] == {"Service": "ecs-tasks.amazonaws.com"}


@readback("fargate-queue")
def _fargate_queue(client: Clients, stack: dict[str, Any]) -> None:
    ces = {ce["computeEnvironmentArn"]: ce for ce in compute_environments(client, stack)}
    assert sorted(ce["computeResources"]["type"] for ce in ces.values()) == ["FARGATE", "FARGATE_SPOT"]
    (queue,) = job_queues(client, stack)
    assert queue["priority"] == 10 and queue["state"] == "ENABLED"
    order = sorted(queue["computeEnvironmentOrder"], key=lambda o: o["order"])
    assert [ces[o["computeEnvironment"]]["computeResources"]["type"] for o in order] == ["FARGATE_SPOT", "FARGATE"]
    assert [o["order"] for o in order] == [1, 2]
    (jd,) = job_definitions(client, stack)
    _check_fargate_job_definition(jd)


def load_all() -> dict[str, Callable[[Clients, dict[str, Any]], None]]:
    import importlib
    import pkgutil

    import tests.e2e as package
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("readback_"):
            importlib.import_module(f"tests.e2e.{info.name}")
    return READBACKS
