"""moto 5.2 gaps around compute environments, closed so that moto answers as AWS does.

* ``UpdateComputeEnvironment``: moto ignores ``updatePolicy`` and ``computeResources``; AWS stores
  the update policy (the provider sets it with a second call right after create and reads it
  back) and applies compute-resource updates (infrastructure updates). Patched: both are kept.
* ``CreateComputeEnvironment``: moto drops ``eksConfiguration``; AWS keeps it (ForceNew in the
  provider, so dropping it would plan a replacement every time). Patched: kept and described.
* ``DescribeComputeEnvironments``: returns ``updatePolicy`` (AWS returns
  ``{"terminateJobsOnUpdate": false, "jobExecutionTimeoutMinutes": 30}`` once one was set) and
  ``eksConfiguration``.
* EC2 placement groups (``CreatePlacementGroup``, ``DescribePlacementGroups``,
  ``DeletePlacementGroup``) do not exist in moto 5.2 at all, so ``aws_placement_group`` never
  becomes available. Patched: a minimal in-memory implementation (name, id, ARN, strategy,
  partition count, spread level, state ``available``, tags).
* Instance types ``default_x86_64`` / ``default_arm64`` (valid in AWS since 2025) are unknown to
  moto's validator and instance launcher; patched to behave like ``optimal`` / ``m6g``.
"""
from __future__ import annotations

import json
from typing import Any

_DEFAULT_CLASSES = {"default_x86_64": "optimal", "default_arm64": "m6g"}


def _substitute(types: list[str]) -> list[str]:
    return [_DEFAULT_CLASSES.get(t, t) for t in types]


def install() -> None:
    from moto.batch import models, responses

    backend_cls = models.BatchBackend

    original_validate = backend_cls._validate_compute_resources

    def _validate_compute_resources(self: Any, cr: dict[str, Any]) -> None:
        if cr and isinstance(cr.get("instanceTypes"), list):
            cr = {**cr, "instanceTypes": _substitute(cr["instanceTypes"])}
        return original_validate(self, cr)

    backend_cls._validate_compute_resources = _validate_compute_resources

    original_find = backend_cls.find_min_instances_to_meet_vcpus

    def find_min_instances_to_meet_vcpus(instance_types: list[str], target: float) -> list[str]:
        return original_find(_substitute(list(instance_types)), target)

    backend_cls.find_min_instances_to_meet_vcpus = staticmethod(find_min_instances_to_meet_vcpus)

    original_create = responses.BatchResponse.createcomputeenvironment

    def createcomputeenvironment(self: Any) -> str:
        body = original_create(self)
        eks = self._get_param("eksConfiguration")
        if eks:
            arn = json.loads(body)["computeEnvironmentArn"]
            self.batch_backend._compute_environments[arn].eks_configuration = eks
        return body

    responses.BatchResponse.createcomputeenvironment = createcomputeenvironment

    original_update = responses.BatchResponse.updatecomputeenvironment

    def updatecomputeenvironment(self: Any) -> str:
        body = original_update(self)
        env = self.batch_backend.get_compute_environment(self._get_param("computeEnvironment"))
        policy = self._get_param("updatePolicy")
        if env is not None and policy is not None:
            env.update_policy = {"terminateJobsOnUpdate": bool(policy.get("terminateJobsOnUpdate", False)),
                                 "jobExecutionTimeoutMinutes": int(policy.get("jobExecutionTimeoutMinutes", 30))}
        resources = self._get_param("computeResources")
        if env is not None and resources and env.compute_resources is not None:
            merged = dict(env.compute_resources)
            for key, value in resources.items():
                if key == "desiredvCpus":
                    continue
                merged[key] = value
            env.compute_resources = merged
        return body

    responses.BatchResponse.updatecomputeenvironment = updatecomputeenvironment

    original_describe = backend_cls.describe_compute_environments

    def describe_compute_environments(self: Any, environments: list[str] | None = None) -> list[dict[str, Any]]:
        result = original_describe(self, environments)
        for entry in result:
            env = self._compute_environments.get(entry["computeEnvironmentArn"])
            if env is None:
                continue
            if getattr(env, "update_policy", None):
                entry["updatePolicy"] = env.update_policy
            if getattr(env, "eks_configuration", None):
                entry["eksConfiguration"] = env.eks_configuration
                entry["containerOrchestrationType"] = "EKS"
        return result

    backend_cls.describe_compute_environments = describe_compute_environments
    _install_placement_groups()


def _install_placement_groups() -> None:
    import threading

    from moto.core.responses import ActionResult, EmptyResult
    from moto.ec2.exceptions import EC2ClientError
    from moto.ec2.responses import EC2Response

    groups: dict[tuple[str, str, str], dict[str, Any]] = {}
    lock = threading.Lock()

    def key(response: Any, name: str) -> tuple[str, str, str]:
        return (response.current_account, response.region, name)

    def create_placement_group(self: Any) -> ActionResult:
        name = self._get_param("GroupName")
        tags = self._parse_tag_specification("placement-group").get("placement-group", {})
        with lock:
            if key(self, name) in groups:
                raise EC2ClientError("InvalidPlacementGroup.Duplicate", f"The placement group '{name}' already exists.")
            group_id = "pg-" + format(abs(hash((name, self.region))) % (16 ** 17), "017x")
            group: dict[str, Any] = {
                "GroupName": name, "GroupId": group_id, "State": "available",
                "Strategy": self._get_param("Strategy") or "cluster",
                "GroupArn": f"arn:aws:ec2:{self.region}:{self.current_account}:placement-group/{name}",
                "Tags": [{"Key": k, "Value": v} for k, v in tags.items()],
            }
            if self._get_param("PartitionCount"):
                group["PartitionCount"] = int(self._get_param("PartitionCount"))
            if self._get_param("SpreadLevel"):
                group["SpreadLevel"] = self._get_param("SpreadLevel")
            groups[key(self, name)] = group
        return ActionResult({"PlacementGroup": group})

    def describe_placement_groups(self: Any) -> ActionResult:
        names = self._get_param("GroupNames", []) or []
        ids = self._get_param("GroupIds", []) or []
        with lock:
            mine = [g for (account, region, _), g in groups.items()
                    if account == self.current_account and region == self.region]
        if names:
            missing = [n for n in names if n not in {g["GroupName"] for g in mine}]
            if missing:
                raise EC2ClientError("InvalidPlacementGroup.Unknown",
                                     f"The Placement Group '{missing[0]}' is unknown.")
            mine = [g for g in mine if g["GroupName"] in names]
        if ids:
            mine = [g for g in mine if g["GroupId"] in ids]
        return ActionResult({"PlacementGroups": mine})

    def delete_placement_group(self: Any) -> ActionResult:
        with lock:
            groups.pop(key(self, self._get_param("GroupName")), None)
        return EmptyResult()

    EC2Response.create_placement_group = create_placement_group
    EC2Response.describe_placement_groups = describe_placement_groups
    EC2Response.delete_placement_group = delete_placement_group
