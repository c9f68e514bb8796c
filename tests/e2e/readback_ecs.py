"""Read-backs of the ECS job-definition examples (``stacks/ecs_jobs.py``)."""
from __future__ import annotations

import json
from typing import Any

from tests.e2e.readback import Clients, job_definitions, readback

IMAGE = "public.ecr.aws/amazonlinux/amazonlinux:latest"


def _by_name(client: Clients, stack: dict[str, Any]) -> dict[str, dict[str, Any]]:
    jds = job_definitions(client, stack)
    out = {jd["jobDefinitionName"]: jd for jd in jds}
    assert len(out) == len(jds), "one ACTIVE revision per job definition"
    return out


def _only(client: Clients, stack: dict[str, Any]) -> dict[str, Any]:
    (jd,) = job_definitions(client, stack)
    return jd


def _requirements(props: dict[str, Any]) -> list[tuple[str, str]]:
    return [(r["type"], r["value"]) for r in props["resourceRequirements"]]


def _policy_statements(client: Clients, role_arn: str) -> list[dict[str, Any]]:
    iam = client("iam")
    name = role_arn.rsplit("/", 1)[1]
    out: list[dict[str, Any]] = []
    for policy_name in iam.list_role_policies(RoleName=name)["PolicyNames"]:
        doc = iam.get_role_policy(RoleName=name, PolicyName=policy_name)["PolicyDocument"]
        doc = json.loads(doc) if isinstance(doc, str) else doc
        out.extend(doc["Statement"])
    return out


def _actions(statement: dict[str, Any]) -> list[str]:
    action = statement["Action"]
    return [action] if isinstance(action, str) else list(action)


def _resources(statement: dict[str, Any]) -> list[str]:
    resource = statement["Resource"]
    return [resource] if isinstance(resource, str) else list(resource)


def _default_log_group_statement(statements: list[dict[str, Any]]) -> None:
    assert any(_actions(s) == ["logs:CreateLogStream", "logs:PutLogEvents"]
               and _resources(s) == ["arn:aws:logs:us-east-1:123456789012:log-group:/aws/batch/job:*"]
               for s in statements), statements


@readback("ecs-retry-policies")
def _retry(client: Clients, stack: dict[str, Any]) -> None:
    jd = _only(client, stack)
    assert jd["type"] == "container" and jd["platformCapabilities"] == ["EC2"]
    props = jd["containerProperties"]
    assert props["image"] == IMAGE
    assert _requirements(props) == [("MEMORY", "2048"), ("VCPU", "1")]
    actions = [e["action"].upper() for e in jd["retryStrategy"]["evaluateOnExit"]]
    assert actions == ["EXIT", "EXIT", "RETRY", "EXIT"]
    assert [{k: v for k, v in e.items() if k != "action"} for e in jd["retryStrategy"]["evaluateOnExit"]] == [
        {"onReason": "CannotPullContainerError:*"}, {"onStatusReason": "Host EC2*"}, {"onExitCode": "*"},
        {"onExitCode": "40*", "onReason": "some reason"}]
    assert jd["retryStrategy"]["attempts"] == 5
    assert jd["timeout"] == {"attemptDurationSeconds": 3600}
    assert jd["schedulingPriority"] == 10
    assert jd["propagateTags"] is True
    _default_log_group_statement(_policy_statements(client, props["executionRoleArn"]))


@readback("ecs-efs-volume")
def _efs(client: Clients, stack: dict[str, Any]) -> None:
    jd = _only(client, stack)
    props = jd["containerProperties"]
    fs_id = props["volumes"][0]["efsVolumeConfiguration"]["fileSystemId"]
    (fs,) = client("efs").describe_file_systems(FileSystemId=fs_id)["FileSystems"]
    access_points = client("efs").describe_access_points(FileSystemId=fs["FileSystemId"])["AccessPoints"]
    assert len(access_points) == 1
    assert props["volumes"] == [
        {"name": "myVolume", "efsVolumeConfiguration": {
            "fileSystemId": fs["FileSystemId"], "transitEncryption": "ENABLED",
            "authorizationConfig": {"iam": "ENABLED"}}},
        {"name": "shared", "efsVolumeConfiguration": {
            "fileSystemId": fs["FileSystemId"], "transitEncryption": "ENABLED",
            "authorizationConfig": {"accessPointId": access_points[0]["AccessPointId"]}}},
        {"name": "scratch", "host": {"sourcePath": "/data/scratch"}},
    ]
    assert props["mountPoints"] == [
        {"sourceVolume": "myVolume", "containerPath": "/Volumes/myVolume"},
        {"sourceVolume": "shared", "containerPath": "/Volumes/shared", "readOnly": True},
        {"sourceVolume": "scratch", "containerPath": "/mnt/scratch"},
    ]
    assert props["linuxParameters"] == {
        "initProcessEnabled": True, "sharedMemorySize": 256, "maxSwap": 1024, "swappiness": 10,
        "devices": [{"hostPath": "/dev/fuse", "containerPath": "/dev/fuse", "permissions": ["READ", "WRITE"]}],
        "tmpfs": [{"containerPath": "/scratch", "size": 128, "mountOptions": ["rw", "noexec"]}]}
    assert props["ulimits"] == [{"name": "nofile", "softLimit": 1024, "hardLimit": 4096}]
    assert props["privileged"] is False and props["user"] == "1000"
    # The job role (which mounts the file system) is ours, with the EFS client grant.
    statements = _policy_statements(client, props["jobRoleArn"])
    assert any("elasticfilesystem:ClientMount" in _actions(s) and _resources(s) == [fs["FileSystemArn"]]
               for s in statements), statements


@readback("ecs-fargate-logs")
def _fargate_logs(client: Clients, stack: dict[str, Any]) -> None:
    jd = _only(client, stack)
    assert jd["platformCapabilities"] == ["FARGATE"]
    props = jd["containerProperties"]
    repo = client("ecr").describe_repositories(repositoryNames=["batch-constructs-example"])["repositories"][0]
    assert props["image"] == f"{repo['repositoryUri']}:v1"
    assert _requirements(props) == [("MEMORY", "4096"), ("VCPU", "1")]
    assert props["command"] == ["python", "main.py"]
    assert props["environment"] == [{"name": "LOG_LEVEL", "value": "info"}, {"name": "STAGE", "value": "prod"}]
    assert props["networkConfiguration"] == {"assignPublicIp": "ENABLED"}
    assert props["fargatePlatformConfiguration"] == {"platformVersion": "1.4.0"}
    assert props["ephemeralStorage"] == {"sizeInGiB": 100}
    assert props["runtimePlatform"] == {"cpuArchitecture": "ARM64"}
    assert props["readonlyRootFilesystem"] is True
    assert props["enableExecuteCommand"] is True
    log = props["logConfiguration"]
    assert log["logDriver"] == "awslogs"
    group_name = log["options"]["awslogs-group"]
    assert log["options"] == {"awslogs-group": group_name, "awslogs-stream-prefix": "batch",
                              "awslogs-region": "us-east-1"}
    groups = client("logs").describe_log_groups(logGroupNamePrefix=group_name)["logGroups"]
    assert [g["retentionInDays"] for g in groups if g["logGroupName"] == group_name] == [7]
    statements = _policy_statements(client, props["executionRoleArn"])
    assert any(_actions(s) == ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer",
                               "ecr:BatchGetImage"] and _resources(s) == [repo["repositoryArn"]]
               for s in statements), statements
    assert any(_actions(s) == ["ecr:GetAuthorizationToken"] for s in statements)
    assert any(_actions(s) == ["logs:CreateLogStream", "logs:PutLogEvents"]
               and _resources(s)[0].endswith(f":log-group:{group_name}:*") for s in statements), statements
    job_statements = _policy_statements(client, props["jobRoleArn"])
    assert any("ssmmessages:CreateControlChannel" in _actions(s) for s in job_statements)


@readback("ecs-secrets")
def _secrets(client: Clients, stack: dict[str, Any]) -> None:
    jds = _by_name(client, stack)
    (jd,) = [j for j in jds.values() if j["containerProperties"]["image"] == IMAGE]
    (private,) = [j for j in jds.values() if j is not jd]
    props = jd["containerProperties"]
    secrets = client("secretsmanager").list_secrets(
        Filters=[{"Key": "name", "Values": ["batch-example-"]}])["SecretList"]
    (secret_arn,) = [s["ARN"] for s in secrets]
    parameter_arn = client("ssm").get_parameter(Name="/batch-constructs/example/config")["Parameter"]["ARN"]
    assert props["secrets"] == [
        {"name": "MY_SECRET_ENV_VAR", "valueFrom": secret_arn},
        {"name": "DB_PASSWORD", "valueFrom": f"{secret_arn}:password::"},
        {"name": "APP_CONFIG", "valueFrom": parameter_arn},
    ]
    assert "environment" not in props or props["environment"] == []
    assert props["logConfiguration"] == {
        "logDriver": "splunk", "options": {"splunk-url": "https://splunk.example.com:8088"},
        "secretOptions": [{"name": "splunk-token", "valueFrom": f"{secret_arn}:splunkToken::"}]}
    statements = _policy_statements(client, props["executionRoleArn"])
    reads = [s for s in statements if _actions(s) == ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]]
    assert reads and all(_resources(s) == [secret_arn] for s in reads)
    assert any(_actions(s)[0].startswith("ssm:") and _resources(s) == [parameter_arn] for s in statements)
    # No secret value anywhere in the job definition.
    assert "not-a-secret" not in json.dumps(jd)
    private_props = private["containerProperties"]
    assert private_props["image"] == "registry.example.com/team/app:1"
    assert private_props["repositoryCredentials"] == {"credentialsParameter": secret_arn}
    assert any(_actions(s) == ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
               and _resources(s) == [secret_arn]
               for s in _policy_statements(client, private_props["executionRoleArn"]))


@readback("ecs-parameters")
def _parameters(client: Clients, stack: dict[str, Any]) -> None:
    jds = _by_name(client, stack)
    (echo,) = [jd for jd in jds.values() if jd["containerProperties"]["command"][0] == "echo"]
    assert echo["parameters"] == {"echoParam": "foobar", "count": "3"}
    assert echo["containerProperties"]["command"] == ["echo", "Ref::echoParam"]
    assert echo["containerProperties"]["environment"] == [{"name": "GREETING", "value": "hello ${USER}"}]
    (shell,) = [jd for jd in jds.values() if jd is not echo]
    assert shell["containerProperties"]["command"] == ["sh", "-c", "echo ${HOME} Ref::count %{literal}"]
    assert shell["parameters"] == {"count": "1"}
    assert _requirements(shell["containerProperties"]) == [("MEMORY", "512"), ("VCPU", "1")]


@readback("ecs-permissions")
def _permissions(client: Clients, stack: dict[str, Any]) -> None:
    jd = _only(client, stack)
    (queue,) = client("batch").describe_job_queues(
        jobQueues=[r["name"] for r in stack["resource"]["aws_batch_job_queue"].values()])["jobQueues"]
    iam = client("iam")
    (user_res,) = stack["resource"]["aws_iam_user"].values()
    user = user_res["name"]
    (policy_name,) = iam.list_user_policies(UserName=user)["PolicyNames"]
    doc = iam.get_user_policy(UserName=user, PolicyName=policy_name)["PolicyDocument"]
    doc = json.loads(doc) if isinstance(doc, str) else doc
    (statement,) = doc["Statement"]
    arn_prefix = jd["jobDefinitionArn"].rsplit(":", 1)[0]
    assert statement["Effect"] == "Allow" and _actions(statement) == ["batch:SubmitJob"]
    assert _resources(statement) == [f"{arn_prefix}:*", queue["jobQueueArn"]]
