"""Read-backs of the compute-environment example stacks (``stacks/compute_environments.py``)."""
from __future__ import annotations

from typing import Any

from tests.e2e.readback import Clients, compute_environments, readback


def _one(client: Clients, stack: dict[str, Any]) -> dict[str, Any]:
    (ce,) = compute_environments(client, stack)
    assert ce["type"] == "MANAGED" and ce["state"] == "ENABLED", ce
    return ce


def _instance_profile_ok(client: Clients, ce: dict[str, Any], policies: list[str]) -> None:
    """The instance role is an instance profile (not a role) whose role carries ``policies``."""
    arn = ce["computeResources"]["instanceRole"]
    assert ":instance-profile/" in arn, arn
    profile = client("iam").get_instance_profile(InstanceProfileName=arn.rsplit("/", 1)[1])["InstanceProfile"]
    (role,) = profile["Roles"]
    attached = client("iam").list_attached_role_policies(RoleName=role["RoleName"])["AttachedPolicies"]
    assert sorted(p["PolicyName"] for p in attached) == sorted(policies)


ECS_POLICY = ["AmazonEC2ContainerServiceforEC2Role"]


def _common_ec2(ce: dict[str, Any], *, kind: str = "EC2", strategy: str = "BEST_FIT_PROGRESSIVE",
                types: list[str], minv: int = 0, maxv: int = 256, image: str = "ECS_AL2023") -> dict[str, Any]:
    cr = ce["computeResources"]
    assert cr["type"] == kind
    assert cr["allocationStrategy"] == strategy
    assert sorted(cr["instanceTypes"]) == sorted(types)
    assert cr["minvCpus"] == minv and cr["maxvCpus"] == maxv
    assert "desiredvCpus" not in cr
    assert len(cr["subnets"]) == 2 and len(cr["securityGroupIds"]) == 1
    assert cr["ec2Configuration"] == [{"imageType": image}]
    assert "AWSServiceRoleForBatch" in ce["serviceRole"]
    return cr


@readback("ce-spot-ec2")
def _spot_ec2(client: Clients, stack: dict[str, Any]) -> None:
    ce = _one(client, stack)
    cr = _common_ec2(ce, kind="SPOT", strategy="SPOT_PRICE_CAPACITY_OPTIMIZED", types=["optimal"])
    assert cr["bidPercentage"] == 20
    assert "spotIamFleetRole" not in cr
    _instance_profile_ok(client, ce, ECS_POLICY)


@readback("ce-instance-type")
def _instance_type(client: Clients, stack: dict[str, Any]) -> None:
    ce = _one(client, stack)
    _common_ec2(ce, types=["m5ad.large", "optimal"])
    _instance_profile_ok(client, ce, ECS_POLICY)


@readback("ce-instance-classes")
def _instance_classes(client: Clients, stack: dict[str, Any]) -> None:
    _common_ec2(_one(client, stack), types=["r4", "m5ad", "optimal"])


@readback("ce-optimal-and-type")
def _optimal_and_type(client: Clients, stack: dict[str, Any]) -> None:
    _common_ec2(_one(client, stack), types=["m5ad.large", "c4", "m4", "r4", "optimal"])


@readback("ce-al2023")
def _al2023(client: Clients, stack: dict[str, Any]) -> None:
    _common_ec2(_one(client, stack), types=["optimal"], image="ECS_AL2023")


@readback("ce-allocation-strategies")
def _allocation_strategies(client: Clients, stack: dict[str, Any]) -> None:
    ces = compute_environments(client, stack)
    by_name = {}
    for ce in ces:
        for key in ("progressive", "bestFit", "spotBestFit"):
            if f"-{key}-" in ce["computeEnvironmentName"]:
                by_name[key] = ce
    assert sorted(by_name) == ["bestFit", "progressive", "spotBestFit"], [c["computeEnvironmentName"] for c in ces]
    _common_ec2(by_name["progressive"], types=["m5", "optimal"])
    assert "spotIamFleetRole" not in by_name["progressive"]["computeResources"]
    _common_ec2(by_name["bestFit"], strategy="BEST_FIT", types=["optimal"])
    assert "spotIamFleetRole" not in by_name["bestFit"]["computeResources"]
    cr = _common_ec2(by_name["spotBestFit"], kind="SPOT", strategy="BEST_FIT", types=["optimal"])
    role_name = cr["spotIamFleetRole"].rsplit("/", 1)[1]
    trust = client("iam").get_role(RoleName=role_name)["Role"]["AssumeRolePolicyDocument"]
    assert trust["Statement"][0]["Principal"] == {"Service": "spotfleet.amazonaws.com"}
    attached = client("iam").list_attached_role_policies(RoleName=role_name)["AttachedPolicies"]
    assert [p["PolicyName"] for p in attached] == ["AmazonEC2SpotFleetTaggingRole"]


@readback("ce-vcpus")
def _vcpus(client: Clients, stack: dict[str, Any]) -> None:
    _common_ec2(_one(client, stack), types=["r4", "optimal"], minv=10, maxv=100)


@readback("ce-tagged-instances")
def _tagged_instances(client: Clients, stack: dict[str, Any]) -> None:
    ce = _one(client, stack)
    cr = _common_ec2(ce, types=["optimal"])
    # instance tags: only the environment's own tags; resource tags: also the stack-wide ones
    assert cr["tags"] == {"super": "salamander"}
    assert ce["tags"] == {"super": "salamander", "project": "batch-examples"}


@readback("ce-launch-template")
def _launch_template(client: Clients, stack: dict[str, Any]) -> None:
    ce = _one(client, stack)
    cr = _common_ec2(ce, types=["c5", "optimal"])
    templates = client("ec2").describe_launch_templates()["LaunchTemplates"]
    (template,) = [t for t in templates if t["LaunchTemplateId"] == cr["launchTemplate"]["launchTemplateId"]]
    assert cr["launchTemplate"]["version"] == str(template["LatestVersionNumber"]) == "1"
    group = cr["placementGroup"]
    groups = client("ec2").describe_placement_groups(GroupNames=[group])["PlacementGroups"]
    assert groups[0]["Strategy"] == "cluster"
    assert ce["updatePolicy"] == {"terminateJobsOnUpdate": False, "jobExecutionTimeoutMinutes": 45}


@readback("ce-eks")
def _eks(client: Clients, stack: dict[str, Any]) -> None:
    ce = _one(client, stack)
    cr = _common_ec2(ce, types=["m5"], image="EKS_AL2023")
    cluster = client("eks").describe_cluster(name="batch-example")["cluster"]
    assert ce["eksConfiguration"] == {"eksClusterArn": cluster["arn"], "kubernetesNamespace": "batch"}
    _instance_profile_ok(client, ce, ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryReadOnly",
                                      "AmazonEKS_CNI_Policy"])
    assert cr["type"] == "EC2"


@readback("ce-unmanaged")
def _unmanaged(client: Clients, stack: dict[str, Any]) -> None:
    (ce,) = compute_environments(client, stack)
    assert ce["type"] == "UNMANAGED" and ce["state"] == "ENABLED"
    assert "computeResources" not in ce
    role_name = ce["serviceRole"].rsplit("/", 1)[1]
    assert role_name != "AWSServiceRoleForBatch"
    attached = client("iam").list_attached_role_policies(RoleName=role_name)["AttachedPolicies"]
    assert [p["PolicyName"] for p in attached] == ["AWSBatchServiceRole"]
