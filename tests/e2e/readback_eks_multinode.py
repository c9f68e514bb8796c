"""Read-backs of the EKS and multi-node example stacks (``stacks/eks_multinode.py``)."""
from __future__ import annotations

from typing import Any

from tests.e2e.readback import Clients, job_definitions, readback


def _pod(jd: dict[str, Any]) -> dict[str, Any]:
    assert jd["type"] == "container"
    assert not jd.get("platformCapabilities")
    assert "containerProperties" not in jd and "nodeProperties" not in jd
    return jd["eksProperties"]["podProperties"]


@readback("eks-kubernetes-workflow")
def _kubernetes_workflow(client: Clients, stack: dict[str, Any]) -> None:
    (jd,) = job_definitions(client, stack)
    pod = _pod(jd)
    (container,) = pod["containers"]
    assert container["image"] == "amazon/amazon-ecs-sample"
    assert container["resources"]["requests"] == {"cpu": "0.25", "memory": "512Mi"}
    assert not container["resources"].get("limits")
    assert "securityContext" not in container
    assert container["volumeMounts"] == [
        {"name": "my-empty-dir-volume", "mountPath": "/mount/path", "readOnly": True},
        {"name": "empty-dir", "mountPath": "/Volumes/emptyDir", "readOnly": False},
        {"name": "host-path", "mountPath": "/Volumes/hostPath", "readOnly": False},
        {"name": "secret", "mountPath": "/Volumes/secret", "readOnly": False},
    ]
    assert pod["volumes"] == [
        {"name": "my-empty-dir-volume", "emptyDir": {"medium": "Memory", "sizeLimit": "2048Mi"}},
        {"name": "empty-dir", "emptyDir": {"medium": "", "sizeLimit": "1024Mi"}},
        {"name": "host-path", "hostPath": {"path": "/sys"}},
        {"name": "secret", "secret": {"secretName": "mySecret", "optional": True}},
    ]
    assert "dnsPolicy" not in pod and "serviceAccountName" not in pod


@readback("eks-pod-options")
def _pod_options(client: Clients, stack: dict[str, Any]) -> None:
    (jd,) = job_definitions(client, stack)
    pod = _pod(jd)
    (container,) = pod["containers"]
    assert container["name"] == "main"
    assert container["image"] == "public.ecr.aws/amazonlinux/amazonlinux:2023"
    assert container["command"] == ["sh", "-c"]
    # ${GREETING} reaches AWS literally: the library escaped it for Terraform.
    assert container["args"] == ["echo ${GREETING} from Ref::who && sleep 5"]
    assert sorted(container["env"], key=lambda e: e["name"]) == [
        {"name": "GREETING", "value": "hello"}, {"name": "STAGE", "value": "test"}]
    assert container["imagePullPolicy"] == "IfNotPresent"
    assert container["resources"] == {
        "limits": {"cpu": "2", "memory": "4096Mi", "nvidia.com/gpu": "1"},
        "requests": {"cpu": "0.5", "memory": "4096Mi", "nvidia.com/gpu": "1"}}
    assert container["securityContext"] == {"privileged": False, "readOnlyRootFilesystem": True,
                                            "runAsGroup": 3000, "runAsNonRoot": True, "runAsUser": 1000}
    assert container["volumeMounts"] == [{"name": "scratch", "mountPath": "/scratch", "readOnly": False}]
    assert pod["volumes"] == [{"name": "scratch", "emptyDir": {"medium": "", "sizeLimit": "8192Mi"}}]
    assert pod["dnsPolicy"] == "ClusterFirstWithHostNet"
    assert pod["hostNetwork"] is True
    assert pod["serviceAccountName"] == "batch-jobs"
    assert jd["parameters"] == {"who": "batch"}
    assert jd["retryStrategy"]["attempts"] == 3
    assert [(e["action"].upper(), e["onReason"]) for e in jd["retryStrategy"]["evaluateOnExit"]] == [
        ("EXIT", "CannotPullContainerError:*")]
    assert jd["schedulingPriority"] == 10
    assert jd["timeout"] == {"attemptDurationSeconds": 1800}


@readback("eks-ecr-image")
def _ecr_image(client: Clients, stack: dict[str, Any]) -> None:
    (jd,) = job_definitions(client, stack)
    (container,) = _pod(jd)["containers"]
    (repository,) = client("ecr").describe_repositories(repositoryNames=["batch-constructs-eks-example"])[
        "repositories"]
    assert container["image"] == f"{repository['repositoryUri']}:v1"
    assert container["resources"] == {"limits": {"memory": "512Mi"}, "requests": {"cpu": "0.25"}}
    assert container["command"] == ["python", "main.py"]
    assert "aws_iam_role" not in stack["resource"]  # no execution role for EKS


def _nodes(jd: dict[str, Any]) -> dict[str, Any]:
    assert jd["type"] == "multinode"
    assert jd["platformCapabilities"] == ["EC2"]
    return jd["nodeProperties"]


def _container(node_range: dict[str, Any], image: str) -> None:
    container = node_range["container"]
    assert container["image"] == image
    assert container["instanceType"] == "r4.large"
    assert {r["type"]: r["value"] for r in container["resourceRequirements"]} == {"MEMORY": "2048", "VCPU": "1"}
    assert container["executionRoleArn"].startswith("arn:aws:iam::")


@readback("multinode-distributed")
def _distributed(client: Clients, stack: dict[str, Any]) -> None:
    (jd,) = job_definitions(client, stack)
    nodes = _nodes(jd)
    assert nodes["mainNode"] == 0 and nodes["numNodes"] == 11
    ranges = nodes["nodeRangeProperties"]
    assert [r["targetNodes"] for r in ranges] == ["0:5", "6:10"]
    _container(ranges[0], "yourregsitry.com/yourMPIImage:latest")
    _container(ranges[1], "amazon/amazon-ecs-sample")
    assert ranges[0]["container"]["executionRoleArn"] != ranges[1]["container"]["executionRoleArn"]


@readback("multinode-main-node-5")
def _main_node_five(client: Clients, stack: dict[str, Any]) -> None:
    (jd,) = job_definitions(client, stack)
    nodes = _nodes(jd)
    assert nodes["mainNode"] == 5 and nodes["numNodes"] == 10
    assert [r["targetNodes"] for r in nodes["nodeRangeProperties"]] == ["0:4", "5:9"]
    for node_range in nodes["nodeRangeProperties"]:
        _container(node_range, "amazon/amazon-ecs-sample")
    assert jd["propagateTags"] is True
    assert jd["retryStrategy"]["attempts"] == 2
    assert jd["timeout"] == {"attemptDurationSeconds": 3600}
