"""ECS job definitions: rendering of ``container_properties`` and the job definition, IAM the
containers add, and every validation with its message."""
from __future__ import annotations

import json
import warnings
from typing import Any

import pytest

from batch_constructs import (Action, BatchConstructsWarning, Device, DevicePermission, EcsEc2ContainerDefinition,
                              EcsFargateContainerDefinition, EcsJobDefinition, EcsVolume, EfsVolume,
                              FargateComputeEnvironment, HostVolume, JobQueue, LinuxParameters, LogDrivers,
                              OrderedComputeEnvironment, Reason, RetentionDays, RetryStrategy, Secret,
                              SecretVersionInfo, Tmpfs, TmpfsMountOption, Ulimit, UlimitName, ValidationError)
from batch_constructs._runtime import provider_class
from batch_constructs.core import Duration, Size
from batch_constructs.ecs import ContainerImage, CpuArchitecture, FargatePlatformVersion, OperatingSystemFamily
from batch_constructs.iam import Group, Role, ServicePrincipal, User
from batch_constructs.testing import Match, Template
from batch_constructs.testing.match import match_value

IMAGE = "public.ecr.aws/amazonlinux/amazonlinux:latest"


def image() -> ContainerImage:
    return ContainerImage.from_registry(IMAGE)


def ec2(stack: Any, id: str = "Container", **kwargs: Any) -> EcsEc2ContainerDefinition:
    kwargs.setdefault("cpu", 1)
    kwargs.setdefault("memory", Size.mebibytes(2048))
    return EcsEc2ContainerDefinition(stack, id, image=kwargs.pop("image", image()), **kwargs)


def fargate(stack: Any, id: str = "Container", **kwargs: Any) -> EcsFargateContainerDefinition:
    kwargs.setdefault("cpu", 0.25)
    kwargs.setdefault("memory", Size.mebibytes(512))
    return EcsFargateContainerDefinition(stack, id, image=kwargs.pop("image", image()), **kwargs)


def fargate_container(scope: Any, id: str = "Container", **kwargs: Any) -> EcsFargateContainerDefinition:
    return EcsFargateContainerDefinition(scope, id, image=image(), cpu=kwargs.pop("cpu", 0.25),
                                         memory=kwargs.pop("memory", Size.mebibytes(2048)), **kwargs)


def job_definition(template: Template) -> dict[str, Any]:
    (jd,) = template.find_resources("aws_batch_job_definition").values()
    return jd


def props_of(stack: Any) -> dict[str, Any]:
    return job_definition(Template.from_stack(stack))["container_properties"]


def raw_props(stack: Any) -> str:
    """The JSON string exactly as written to cdk.tf.json."""
    from cdktf import Testing

    from batch_constructs._base import finalize_tree
    finalize_tree(stack)
    synth = json.loads(Testing.synth(stack))
    (jd,) = synth["resource"]["aws_batch_job_definition"].values()
    return jd["container_properties"]


def role_policies(template: Template) -> dict[str, list[dict[str, Any]]]:
    """Inline statements per role-policy logical id."""
    return {k: v["policy"]["Statement"] for k, v in template.find_resources("aws_iam_role_policy").items()}


def all_statements(template: Template) -> list[dict[str, Any]]:
    return [s for statements in role_policies(template).values() for s in statements]


# -- rendering ---------------------------------------------------------------------------------

def test_minimal_ec2_job_definition(stack: Any) -> None:
    EcsJobDefinition(stack, "JobDefn", container=ec2(stack))
    template = Template.from_stack(stack)
    jd = job_definition(template)
    assert jd["type"] == "container"
    assert jd["platform_capabilities"] == ["EC2"]
    assert jd["name"].startswith("TestStack-JobDefn-")
    props = jd["container_properties"]
    assert not match_value(Match.exact({
        "image": IMAGE,
        "executionRoleArn": Match.string_like_regexp(r"^\$\{aws_iam_role\.Container_ExecutionRole_\w+\.arn\}$"),
        "resourceRequirements": [{"type": "MEMORY", "value": "2048"}, {"type": "VCPU", "value": "1"}],
    }), props)
    assert props["executionRoleArn"].startswith("${aws_iam_role.Container_ExecutionRole_")
    # Nothing AWS would strip or default: no retry/timeout blocks, no empties.
    for key in ("retry_strategy", "timeout", "parameters", "propagate_tags", "scheduling_priority",
                "deregister_on_new_revision"):
        assert key not in jd


def test_full_ec2_container_properties(stack: Any) -> None:
    fs = provider_class("efs_file_system", "EfsFileSystem")(stack, "FS")
    secret = provider_class("secretsmanager_secret", "SecretsmanagerSecret")(stack, "Secret")
    job_role = Role(stack, "JobRole", assumed_by=ServicePrincipal("ecs-tasks.amazonaws.com"))
    linux = LinuxParameters(stack, "Linux", init_process_enabled=True, shared_memory_size=Size.mebibytes(256),
                            max_swap=Size.gibibytes(1), swappiness=30)
    linux.add_devices(Device(host_path="/dev/fuse", container_path="/dev/fuse",
                             permissions=[DevicePermission.READ, DevicePermission.MKNOD]))
    linux.add_tmpfs(Tmpfs(container_path="/scratch", size=Size.mebibytes(64),
                          mount_options=[TmpfsMountOption.RW, TmpfsMountOption.NR_INODES]))
    container = ec2(stack, cpu=2, memory=Size.gibibytes(4), gpu=1, privileged=True, user="1000",
                    readonly_root_filesystem=True, command=["echo", "Ref::p"],
                    environment={"ZED": "z", "ALPHA": "a"},
                    secrets={"TOKEN": Secret.from_secrets_manager(secret)},
                    job_role=job_role, linux_parameters=linux,
                    volumes=[EcsVolume.efs(name="data", container_path="/data", file_system=fs,
                                           use_job_role=True, enable_transit_encryption=True,
                                           transit_encryption_port=2049, readonly=True)],
                    ulimits=[Ulimit(name=UlimitName.NOFILE, soft_limit=1024, hard_limit=4096)],
                    enable_execute_command=False)
    container.add_volume(EcsVolume.host(name="scratch", container_path="/mnt", host_path="/data/scratch"))
    container.add_ulimit(Ulimit(name=UlimitName.NPROC, soft_limit=10, hard_limit=20))
    EcsJobDefinition(stack, "JobDefn", container=container)
    props = props_of(stack)
    assert not match_value(Match.exact({
        "image": IMAGE,
        "command": ["echo", "Ref::p"],
        "environment": [{"name": "ALPHA", "value": "a"}, {"name": "ZED", "value": "z"}],
        "executionRoleArn": Match.string_like_regexp(r"^\$\{aws_iam_role\.Container_ExecutionRole_\w+\.arn\}$"),
        "jobRoleArn": Match.string_like_regexp(r"^\$\{aws_iam_role\.JobRole_\w+\.arn\}$"),
        "resourceRequirements": [{"type": "MEMORY", "value": "4096"}, {"type": "VCPU", "value": "2"},
                                 {"type": "GPU", "value": "1"}],
        "secrets": [{"name": "TOKEN", "valueFrom": "${aws_secretsmanager_secret.Secret.arn}"}],
        "linuxParameters": {
            "initProcessEnabled": True, "sharedMemorySize": 256, "maxSwap": 1024, "swappiness": 30,
            "devices": [{"hostPath": "/dev/fuse", "containerPath": "/dev/fuse", "permissions": ["READ", "MKNOD"]}],
            "tmpfs": [{"containerPath": "/scratch", "size": 64, "mountOptions": ["rw", "nr_inodes"]}]},
        "volumes": [
            {"name": "data", "efsVolumeConfiguration": {
                "fileSystemId": "${aws_efs_file_system.FS.id}", "transitEncryption": "ENABLED",
                "transitEncryptionPort": 2049, "authorizationConfig": {"iam": "ENABLED"}}},
            {"name": "scratch", "host": {"sourcePath": "/data/scratch"}}],
        "mountPoints": [{"sourceVolume": "data", "containerPath": "/data", "readOnly": True},
                        {"sourceVolume": "scratch", "containerPath": "/mnt"}],
        "ulimits": [{"name": "nofile", "softLimit": 1024, "hardLimit": 4096},
                    {"name": "nproc", "softLimit": 10, "hardLimit": 20}],
        "privileged": True,
        "readonlyRootFilesystem": True,
        "user": "1000",
        "enableExecuteCommand": False,
    }), props)


def test_container_properties_are_canonical_json(stack: Any) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        EcsJobDefinition(stack, "JobDefn", container=ec2(stack, environment={"B": "2", "A": "1", "EMPTY": ""}))
    text = raw_props(stack)
    # compact, sorted keys, environment sorted by name, empty values dropped
    assert text == json.dumps(json.loads(text), sort_keys=True, separators=(",", ":"))
    assert json.loads(text)["environment"] == [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}]


def test_empty_environment_value_warns(stack: Any) -> None:
    with pytest.warns(BatchConstructsWarning, match="environment variable 'EMPTY' has an empty value and will be "
                                                    "ignored by AWS Batch"):
        ec2(stack, environment={"EMPTY": ""})


def test_template_syntax_is_escaped_and_tokens_resolve(stack: Any) -> None:
    bucket = provider_class("s3_bucket", "S3Bucket")(stack, "Bucket")
    container = ec2(stack, command=["sh", "-c", "echo ${HOME} %{x}", f"s3://{bucket.bucket}/${{KEY}}"],
                    environment={"TPL": "${literal}"})
    EcsJobDefinition(stack, "JobDefn", container=container, parameters={"p": "${not_a_ref}"})
    text = raw_props(stack)
    assert '"echo $${HOME} %%{x}"' in text
    assert '"s3://${aws_s3_bucket.Bucket.bucket}/$${KEY}"' in text
    assert '"value":"$${literal}"' in text
    assert "TfToken" not in text
    jd = job_definition(Template.from_stack(stack))
    assert jd["parameters"] == {"p": "$${not_a_ref}"}


def test_gpu_zero_is_dropped_and_fractional_cpu(stack: Any) -> None:
    EcsJobDefinition(stack, "JobDefn", container=ec2(stack, cpu=1.5, gpu=0))
    assert props_of(stack)["resourceRequirements"] == [{"type": "MEMORY", "value": "2048"},
                                                       {"type": "VCPU", "value": "1.5"}]


def test_fargate_container_properties(stack: Any) -> None:
    EcsJobDefinition(stack, "JobDefn", container=fargate(
        stack, cpu=1, memory=Size.gibibytes(2), assign_public_ip=True,
        fargate_platform_version=FargatePlatformVersion.VERSION1_4, ephemeral_storage_size=Size.gibibytes(21),
        fargate_cpu_architecture=CpuArchitecture.X86_64, readonly_root_filesystem=False))
    template = Template.from_stack(stack)
    jd = job_definition(template)
    assert jd["platform_capabilities"] == ["FARGATE"]
    props = jd["container_properties"]
    assert props["networkConfiguration"] == {"assignPublicIp": "ENABLED"}
    assert props["fargatePlatformConfiguration"] == {"platformVersion": "1.4.0"}
    assert props["ephemeralStorage"] == {"sizeInGiB": 21}
    assert props["runtimePlatform"] == {"cpuArchitecture": "X86_64"}
    assert props["readonlyRootFilesystem"] is False
    assert "ulimits" not in props and "privileged" not in props


def test_fargate_latest_platform_and_windows(stack: Any) -> None:
    EcsJobDefinition(stack, "JobDefn", container=fargate(
        stack, fargate_platform_version=FargatePlatformVersion.LATEST, cpu=1, memory=Size.mebibytes(2048),
        fargate_operating_system_family=OperatingSystemFamily.WINDOWS_SERVER_2019_CORE,
        readonly_root_filesystem=False))
    props = props_of(stack)
    assert "fargatePlatformConfiguration" not in props
    assert "readonlyRootFilesystem" not in props
    assert props["runtimePlatform"] == {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE"}


def test_job_definition_top_level_arguments(stack: Any) -> None:
    jd = EcsJobDefinition(stack, "JobDefn", container=ec2(stack), job_definition_name="my-job",
                          parameters={"echoParam": "foobar", "n": 3, "flag": True}, retry_attempts=5,
                          retry_strategies=[RetryStrategy.of(Action.EXIT, Reason.CANNOT_PULL_CONTAINER)],
                          scheduling_priority=7, timeout=Duration.minutes(10), propagate_tags=True,
                          skip_deregister_on_update=True)
    jd.add_retry_strategy(RetryStrategy.of(Action.RETRY, Reason.NON_ZERO_EXIT_CODE))
    jd.add_retry_strategy(RetryStrategy(Action.RETRY, Reason.SPOT_INSTANCE_RECLAIMED))
    jd.add_retry_strategy(RetryStrategy.of(Action.RETRY, Reason.custom(
        on_exit_code="40*", on_reason="reason*", on_status_reason="statusReason")))
    out = job_definition(Template.from_stack(stack))
    assert out["name"] == "my-job"
    assert out["parameters"] == {"echoParam": "foobar", "n": "3", "flag": "true"}
    assert out["retry_strategy"] == {"attempts": 5, "evaluate_on_exit": [
        {"action": "EXIT", "on_reason": "CannotPullContainerError:*"},
        {"action": "RETRY", "on_exit_code": "*"},
        {"action": "RETRY", "on_status_reason": "Host EC2*"},
        {"action": "RETRY", "on_exit_code": "40*", "on_reason": "reason*", "on_status_reason": "statusReason"}]}
    assert out["scheduling_priority"] == 7
    assert out["timeout"] == {"attempt_duration_seconds": 600}
    assert out["propagate_tags"] is True
    assert out["deregister_on_new_revision"] is False
    assert [s.action for s in jd.retry_strategies] == [Action.EXIT, Action.RETRY, Action.RETRY, Action.RETRY]


def test_deregister_default_and_false(stack: Any) -> None:
    EcsJobDefinition(stack, "A", container=ec2(stack, "CA"), skip_deregister_on_update=False)
    EcsJobDefinition(stack, "B", container=ec2(stack, "CB"), retry_attempts=2)
    found = {v["name"].split("-")[1]: v for v in
             Template.from_stack(stack).find_resources("aws_batch_job_definition").values()}
    assert found["A"]["deregister_on_new_revision"] is True
    assert "deregister_on_new_revision" not in found["B"]
    assert found["B"]["retry_strategy"] == {"attempts": 2}


def test_reason_constants_have_the_exact_globs() -> None:
    assert RetryStrategy.of(Action.RETRY, Reason.NON_ZERO_EXIT_CODE).render() == {"action": "RETRY",
                                                                                 "on_exit_code": "*"}
    assert RetryStrategy.of(Action.EXIT, Reason.CANNOT_PULL_CONTAINER).render() == {
        "action": "EXIT", "on_reason": "CannotPullContainerError:*"}
    assert RetryStrategy.of(Action.RETRY, Reason.SPOT_INSTANCE_RECLAIMED).render() == {
        "action": "RETRY", "on_status_reason": "Host EC2*"}


def test_attributes_and_import(stack: Any) -> None:
    jd = EcsJobDefinition(stack, "JobDefn", container=ec2(stack))
    assert jd.job_definition_arn.startswith("${TfToken[")
    assert jd.job_definition_name.startswith("${TfToken[")
    imported = EcsJobDefinition.from_job_definition_arn(
        stack, "Imported", "arn:aws:batch:us-east-1:123456789012:job-definition/my-job:7")
    assert imported.job_definition_name == "my-job"
    assert imported.job_definition_arn == "arn:aws:batch:us-east-1:123456789012:job-definition/my-job:7"
    assert imported.job_definition_arn_prefix == "arn:aws:batch:us-east-1:123456789012:job-definition/my-job"
    from cdktf import TerraformOutput
    TerraformOutput(stack, "name", value=jd.job_definition_name)
    TerraformOutput(stack, "arn", value=jd.job_definition_arn)
    TerraformOutput(stack, "prefix", value=jd.job_definition_arn_prefix)
    outputs = Template.from_stack(stack).to_json()["output"]
    assert [outputs[k]["value"].rsplit(".", 1)[1] for k in ("name", "arn", "prefix")] == \
        ["name}", "arn}", "arn_prefix}"]
    assert all(outputs[k]["value"].startswith("${aws_batch_job_definition.JobDefn_") for k in outputs)


def _queue(stack: Any, vpc: Any) -> JobQueue:
    ce = FargateComputeEnvironment(stack, "CE", vpc=vpc)
    return JobQueue(stack, "Queue", compute_environments=[OrderedComputeEnvironment(ce, 1)])


def test_grant_submit_job_to_user_role_group_and_provider_l1(stack: Any, vpc: Any) -> None:
    jd = EcsJobDefinition(stack, "JobDefn", container=ec2(stack))
    queue = _queue(stack, vpc)
    jd.grant_submit_job(User(stack, "MyUser"), queue)
    jd.grant_submit_job(Role(stack, "MyRole", assumed_by=ServicePrincipal("lambda.amazonaws.com")), queue)
    jd.grant_submit_job(Group(stack, "MyGroup"), queue)
    l1_user = provider_class("iam_user", "IamUser")(stack, "L1User", name="l1-user")
    jd.grant_submit_job(l1_user, queue)
    template = Template.from_stack(stack)
    expected = {"Effect": "Allow", "Action": "batch:SubmitJob",
                "Resource": [Match.string_like_regexp(r"^\$\{aws_batch_job_definition\.JobDefn_\w+\.arn_prefix\}:\*$"),
                             Match.string_like_regexp(r"^\$\{aws_batch_job_queue\.Queue_\w+\.arn\}$")]}
    for type_, target in (("aws_iam_user_policy", "user"), ("aws_iam_role_policy", "role"),
                          ("aws_iam_group_policy", "group")):
        template.has_resource_properties(type_, {target: Match.any_value(),
                                                 "policy": {"Statement": [expected]}})
    policies = template.find_resources("aws_iam_user_policy")
    assert len(policies) == 2
    assert any(p["user"] == "${aws_iam_user.L1User.name}" for p in policies.values())


def test_imported_job_definition_grant(stack: Any, vpc: Any) -> None:
    imported = EcsJobDefinition.from_job_definition_arn(
        stack, "Imported", "arn:aws:batch:us-east-1:123456789012:job-definition/my-job:7")
    user = User(stack, "MyUser")
    imported.grant_submit_job(user, _queue(stack, vpc))
    Template.from_stack(stack).has_resource_properties("aws_iam_user_policy", {"policy": {"Statement": [{
        "Action": "batch:SubmitJob",
        "Resource": ["arn:aws:batch:us-east-1:123456789012:job-definition/my-job:*", Match.any_value()]}]}})


# -- IAM of containers -------------------------------------------------------------------------

def test_default_execution_role_may_write_the_default_log_group(stack: Any) -> None:
    EcsJobDefinition(stack, "JobDefn", container=ec2(stack))
    template = Template.from_stack(stack)
    template.has_resource_properties("aws_iam_role", {"assume_role_policy": {"Statement": [{
        "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole", "Effect": "Allow"}]}})
    (statement,) = all_statements(template)
    assert statement == {
        "Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
        "Resource": "arn:${data.aws_partition.BatchConstructsPartition.partition}:logs:"
                    "${data.aws_region.BatchConstructsRegion."
                    + ("region" if "region}" in statement["Resource"] else "name")
                    + "}:${data.aws_caller_identity.BatchConstructsCallerIdentity.account_id}"
                    ":log-group:/aws/batch/job:*"}
    template.has_resource_properties("aws_iam_role_policy_attachment", {
        "policy_arn": "arn:${data.aws_partition.BatchConstructsPartition.partition}:iam::aws:policy/"
                      "service-role/AmazonECSTaskExecutionRolePolicy"})


def test_aws_logs_creates_a_log_group_and_grants_write(stack: Any) -> None:
    container = ec2(stack, logging=LogDrivers.aws_logs(stream_prefix="batch", retention=RetentionDays.ONE_WEEK,
                                                       datetime_format="%Y-%m-%d"))
    EcsJobDefinition(stack, "JobDefn", container=container)
    template = Template.from_stack(stack)
    template.has_resource_properties("aws_cloudwatch_log_group", {"retention_in_days": 7, "skip_destroy": True})
    props = job_definition(template)["container_properties"]
    assert not match_value(Match.exact({"logDriver": "awslogs", "options": {
        "awslogs-group": Match.string_like_regexp(r"^\$\{aws_cloudwatch_log_group\.Container_LogGroup_\w+\.name\}$"),
        "awslogs-stream-prefix": "batch", "awslogs-datetime-format": "%Y-%m-%d",
        "awslogs-region": Match.string_like_regexp(r"^\$\{data\.aws_region\.")}}), props["logConfiguration"])
    (statement,) = all_statements(template)
    assert statement["Action"] == ["logs:CreateLogStream", "logs:PutLogEvents"]
    assert statement["Resource"].startswith("${aws_cloudwatch_log_group.Container_LogGroup_")
    assert statement["Resource"].endswith(".arn}:*")
    assert container.log_driver_config is not None


def test_aws_logs_with_a_given_group_creates_none(stack: Any) -> None:
    group = provider_class("cloudwatch_log_group", "CloudwatchLogGroup")(stack, "Group", name="/my/group")
    EcsJobDefinition(stack, "A", container=ec2(stack, "CA", logging=LogDrivers.aws_logs(
        stream_prefix="a", log_group=group)))
    EcsJobDefinition(stack, "B", container=ec2(stack, "CB", logging=LogDrivers.aws_logs(
        stream_prefix="b", log_group="/by/name")))
    template = Template.from_stack(stack)
    template.resource_count_is("aws_cloudwatch_log_group", 1)
    resources = sorted(s["Resource"] for s in all_statements(template))
    assert resources[0] == "${aws_cloudwatch_log_group.Group.arn}:*"
    assert resources[1].endswith(":log-group:/by/name:*")


def test_other_log_drivers_and_secret_options(stack: Any) -> None:
    secret = provider_class("secretsmanager_secret", "SecretsmanagerSecret")(stack, "Secret")
    EcsJobDefinition(stack, "A", container=ec2(stack, "CA", logging=LogDrivers.splunk(
        url="https://splunk:8088", secret_token=Secret.from_secrets_manager(secret, field="token"))))
    EcsJobDefinition(stack, "B", container=ec2(stack, "CB", logging=LogDrivers.json_file(
        options={"max-size": "10m"})))
    template = Template.from_stack(stack)
    configs = sorted((jd["container_properties"]["logConfiguration"] for jd in
                      template.find_resources("aws_batch_job_definition").values()), key=lambda c: c["logDriver"])
    assert configs == [
        {"logDriver": "json-file", "options": {"max-size": "10m"}},
        {"logDriver": "splunk", "options": {"splunk-url": "https://splunk:8088"},
         "secretOptions": [{"name": "splunk-token", "valueFrom": "${aws_secretsmanager_secret.Secret.arn}:token::"}]}]
    # the splunk token is readable by that container's execution role; no default-group grant
    statements = all_statements(template)
    assert {"Effect": "Allow", "Action": ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
            "Resource": "${aws_secretsmanager_secret.Secret.arn}"} in statements
    assert not [s for s in statements if str(s["Resource"]).endswith("/aws/batch/job:*")]


def test_secrets_by_arn_with_read_granted(stack: Any) -> None:
    secret = provider_class("secretsmanager_secret", "SecretsmanagerSecret")(stack, "Secret")
    parameter = provider_class("ssm_parameter", "SsmParameter")(stack, "Param", name="/p", type="String", value="v")
    container = ec2(stack, secrets={
        "WHOLE": Secret.from_secrets_manager(secret),
        "FIELD": Secret.from_secrets_manager(secret, "password"),
        "VERSION": Secret.from_secrets_manager_version(secret, SecretVersionInfo(version_stage="AWSPREVIOUS")),
        "PARAM": Secret.from_ssm_parameter(parameter),
        "BY_NAME": Secret.from_ssm_parameter("/team/config"),
        "BY_ARN": Secret.from_ssm_parameter("arn:aws:ssm:us-east-1:123456789012:parameter/x"),
    })
    EcsJobDefinition(stack, "JobDefn", container=container)
    template = Template.from_stack(stack)
    props = job_definition(template)["container_properties"]
    arn = "${aws_secretsmanager_secret.Secret.arn}"
    assert [s["name"] for s in props["secrets"]] == ["WHOLE", "FIELD", "VERSION", "PARAM", "BY_NAME", "BY_ARN"]
    values = [s["valueFrom"] for s in props["secrets"]]
    assert values[:4] == [arn, f"{arn}:password::", f"{arn}::AWSPREVIOUS:", "${aws_ssm_parameter.Param.arn}"]
    assert values[4].startswith("arn:${data.aws_partition.") and values[4].endswith(":parameter/team/config")
    assert values[5] == "arn:aws:ssm:us-east-1:123456789012:parameter/x"
    statements = all_statements(template)
    sm = [s for s in statements if s["Action"] == ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]]
    assert {s["Resource"] for s in sm} == {arn}
    ssm = [s["Resource"] for s in statements if s["Action"] == ["ssm:DescribeParameters", "ssm:GetParameters",
                                                                "ssm:GetParameter", "ssm:GetParameterHistory"]]
    assert ssm == ["${aws_ssm_parameter.Param.arn}", values[4], values[5]]
    assert container.secrets is not None and container.secrets["FIELD"].has_field


def test_ecr_image_grants_pull_and_registry_credentials(stack: Any) -> None:
    repo = provider_class("ecr_repository", "EcrRepository")(stack, "Repo", name="repo")
    creds = provider_class("secretsmanager_secret", "SecretsmanagerSecret")(stack, "Creds")
    EcsJobDefinition(stack, "A", container=ec2(stack, "CA", image=ContainerImage.from_ecr_repository(repo, "v1")))
    EcsJobDefinition(stack, "B", container=ec2(stack, "CB", image=ContainerImage.from_registry(
        "registry.example.com/app:1", credentials=creds)))
    template = Template.from_stack(stack)
    by_image = {jd["container_properties"]["image"]: jd["container_properties"]
                for jd in template.find_resources("aws_batch_job_definition").values()}
    assert set(by_image) == {"${aws_ecr_repository.Repo.repository_url}:v1", "registry.example.com/app:1"}
    assert by_image["registry.example.com/app:1"]["repositoryCredentials"] == {
        "credentialsParameter": "${aws_secretsmanager_secret.Creds.arn}"}
    assert "repositoryCredentials" not in by_image["${aws_ecr_repository.Repo.repository_url}:v1"]
    statements = all_statements(template)
    assert {"Effect": "Allow", "Action": ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer",
                                          "ecr:BatchGetImage"], "Resource": "${aws_ecr_repository.Repo.arn}"} in statements
    assert {"Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*"} in statements
    assert {"Effect": "Allow", "Action": ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
            "Resource": "${aws_secretsmanager_secret.Creds.arn}"} in statements


def test_enable_execute_command_creates_a_job_role(stack: Any) -> None:
    container = ec2(stack, enable_execute_command=True)
    EcsJobDefinition(stack, "JobDefn", container=container)
    template = Template.from_stack(stack)
    props = job_definition(template)["container_properties"]
    assert props["enableExecuteCommand"] is True
    assert props["jobRoleArn"].startswith("${aws_iam_role.Container_JobRole_")
    policies = role_policies(template)
    (job_policy,) = [v for k, v in policies.items() if k.startswith("Container_JobRole_")]
    assert job_policy == [{"Effect": "Allow", "Action": [
        "ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel",
        "ssmmessages:OpenDataChannel"], "Resource": "*"}]


def test_given_execution_and_job_roles(stack: Any) -> None:
    execution = provider_class("iam_role", "IamRole")(stack, "Exec", assume_role_policy="{}")
    container = ec2(stack, execution_role=execution, job_role="arn:aws:iam::123456789012:role/job",
                    enable_execute_command=True)
    EcsJobDefinition(stack, "JobDefn", container=container)
    template = Template.from_stack(stack)
    props = job_definition(template)["container_properties"]
    assert props["executionRoleArn"] == "${aws_iam_role.Exec.arn}"
    assert props["jobRoleArn"] == "arn:aws:iam::123456789012:role/job"
    template.resource_count_is("aws_iam_role", 1)  # only the given L1


def test_efs_volume_rendering_variants(stack: Any) -> None:
    fs = provider_class("efs_file_system", "EfsFileSystem")(stack, "FS")
    container = ec2(stack, volumes=[
        EcsVolume.efs(name="plain", container_path="/a", file_system="fs-123"),
        EcsVolume.efs(name="off", container_path="/b", file_system=fs, enable_transit_encryption=False,
                      use_job_role=False, root_directory="/sub"),
        EcsVolume.efs(name="ap", container_path="/c", file_system=fs, enable_transit_encryption=True,
                      access_point_id="fsap-1", root_directory="/"),
        EcsVolume.host(name="h", container_path="/d"),
    ])
    EcsJobDefinition(stack, "JobDefn", container=container)
    props = props_of(stack)
    assert props["volumes"] == [
        {"name": "plain", "efsVolumeConfiguration": {"fileSystemId": "fs-123"}},
        {"name": "off", "efsVolumeConfiguration": {"fileSystemId": "${aws_efs_file_system.FS.id}",
                                                   "rootDirectory": "/sub", "transitEncryption": "DISABLED"}},
        {"name": "ap", "efsVolumeConfiguration": {"fileSystemId": "${aws_efs_file_system.FS.id}",
                                                  "rootDirectory": "/", "transitEncryption": "ENABLED",
                                                  "authorizationConfig": {"accessPointId": "fsap-1"}}},
        {"name": "h"}]
    assert EfsVolume.is_efs_volume(container.volumes[0]) and HostVolume.is_host_volume(container.volumes[3])
    assert not EfsVolume.is_efs_volume(container.volumes[3])


def test_linux_parameters_empty_and_swappiness_without_swap(stack: Any) -> None:
    empty = LinuxParameters(stack, "Empty")
    assert empty.render_linux_parameters() == {}
    with pytest.warns(BatchConstructsWarning, match="swappiness is ignored unless max_swap is set"):
        only_swappiness = LinuxParameters(stack, "NoSwap", swappiness=20)
    assert only_swappiness.render_linux_parameters() == {}
    EcsJobDefinition(stack, "JobDefn", container=ec2(stack, linux_parameters=empty))
    assert "linuxParameters" not in props_of(stack)


def test_lazy_additions_after_construction_appear(stack: Any) -> None:
    linux = LinuxParameters(stack, "Linux")
    container = ec2(stack, linux_parameters=linux)
    EcsJobDefinition(stack, "JobDefn", container=container)
    linux.add_devices(Device(host_path="/dev/xvdc"))
    container.add_volume(EcsVolume.host(name="late", container_path="/late", host_path="/late"))
    container.add_ulimit(Ulimit(name=UlimitName.CORE, soft_limit=0, hard_limit=0))
    props = props_of(stack)
    assert props["linuxParameters"] == {"devices": [{"hostPath": "/dev/xvdc"}]}
    assert props["volumes"] == [{"name": "late", "host": {"sourcePath": "/late"}}]
    assert props["ulimits"] == [{"name": "core", "softLimit": 0, "hardLimit": 0}]


# -- validations ---------------------------------------------------------------------------------

def _message(excinfo: pytest.ExceptionInfo[ValidationError]) -> str:
    return excinfo.value.message


@pytest.mark.parametrize("kwargs, message", [
    (dict(fargate_operating_system_family=OperatingSystemFamily.WINDOWS_SERVER_2019_CORE,
          readonly_root_filesystem=True),
     "Readonly root filesystem is not possible on Windows; write access is required for registry & system "
     "processes to run inside the container"),
    (dict(ephemeral_storage_size=Size.gibibytes(201)),
     "ECS Fargate container 'Container' specifies 'ephemeralStorageSize' at 201 > 200 GB"),
    (dict(ephemeral_storage_size=Size.gibibytes(20)),
     "ECS Fargate container 'Container' specifies 'ephemeralStorageSize' at 20 < 21 GB"),
    (dict(ephemeral_storage_size=Size.mebibytes(30000)),
     "'30000 mebibytes' cannot be converted into a whole number of gibibytes."),
    (dict(cpu=0.25, memory=Size.mebibytes(4096)),
     "ECS Fargate container 'Container' specifies cpu 0.25 with memory 4096 MiB, which is not a valid Fargate "
     "combination"),
    (dict(cpu=3, memory=Size.mebibytes(8192)),
     "ECS Fargate container 'Container' specifies cpu 3 with memory 8192 MiB, which is not a valid Fargate "
     "combination"),
    (dict(cpu=8, memory=Size.mebibytes(18432)),
     "ECS Fargate container 'Container' specifies cpu 8 with memory 18432 MiB, which is not a valid Fargate "
     "combination"),
    (dict(gpu=1), "EcsFargateContainerDefinition 'Container' does not take 'gpu': Fargate does not support it"),
    (dict(privileged=True),
     "EcsFargateContainerDefinition 'Container' does not take 'privileged': Fargate does not support it"),
])
def test_fargate_validations(stack: Any, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        fargate(stack, **kwargs)
    assert _message(excinfo) == message
    assert excinfo.value.path == "TestStack/Container"


@pytest.mark.parametrize("cpu, mib", [(0.25, 512), (0.5, 4096), (1, 8192), (2, 4096), (4, 30720), (8, 61440),
                                      (16, 122880), (16, 32768)])
def test_valid_fargate_pairs(stack: Any, cpu: float, mib: int) -> None:
    fargate(stack, cpu=cpu, memory=Size.mebibytes(mib))


@pytest.mark.parametrize("kwargs, message", [
    (dict(memory=Size.kibibytes(1500)), "'1500 kibibytes' cannot be converted into a whole number of mebibytes."),
    (dict(environment={"AWS_BATCH_JOB_ID": "x"}),
     "environment variable 'AWS_BATCH_JOB_ID' uses the reserved prefix AWS_BATCH"),
    (dict(secrets={"AWS_BATCHY": Secret.from_ssm_parameter("/p")}),
     "environment variable 'AWS_BATCHY' uses the reserved prefix AWS_BATCH"),
    (dict(environment={"N": 1}), "'environment['N']' must be a string, got 1 (int)"),
    (dict(secrets={"S": "arn:aws:secretsmanager:us-east-1:1:secret:x"}),
     "'secrets['S']' must be a Secret (Secret.from_secrets_manager(...) or Secret.from_ssm_parameter(...)), got "
     "'arn:aws:secretsmanager:us-east-1:1:secret:x' (str)"),
    (dict(environment={"X": "1"}, secrets={"X": Secret.from_ssm_parameter("/p")}),
     "'X' is both an environment variable and a secret"),
    (dict(volumes=["not a volume"]), "unsupported Volume encountered"),
    (dict(cpu=0), "'cpu' must be a number of at least 1, got 0 (int)"),
    (dict(cpu=0.5), "'cpu' must be a number of at least 1, got 0.5 (float)"),
    (dict(gpu=-1), "'gpu' must be a whole number from 0 to 2147483647, got -1 (int)"),
    (dict(command="echo hi"), "'command' must be a list of strings, got 'echo hi' (str); wrap a single value in a "
                              "list: ['echo hi']"),
    (dict(logging="awslogs"), "'logging' must be a LogDriver (LogDrivers.aws_logs(...), ...), got 'awslogs' (str)"),
    (dict(linux_parameters={"initProcessEnabled": True}),
     "'linux_parameters' must be a LinuxParameters construct, got {'initProcessEnabled': True} (dict)"),
])
def test_container_validations(stack: Any, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        ec2(stack, **kwargs)
    assert _message(excinfo) == message


def test_add_volume_refuses_unsupported_volumes(stack: Any) -> None:
    container = ec2(stack)
    with pytest.raises(ValidationError) as excinfo:
        container.add_volume(object())  # type: ignore[arg-type]
    assert _message(excinfo) == "unsupported Volume encountered"


def test_duplicate_volume_names_and_ulimits_fail_at_synth(stack: Any) -> None:
    container = ec2(stack, ulimits=[Ulimit(name=UlimitName.NOFILE, soft_limit=1, hard_limit=1)])
    container.add_volume(EcsVolume.host(name="v", container_path="/a"))
    container.add_volume(EcsVolume.host(name="v", container_path="/b"))
    container.add_ulimit(Ulimit(name=UlimitName.NOFILE, soft_limit=2, hard_limit=2))
    EcsJobDefinition(stack, "JobDefn", container=container)
    with pytest.raises(ValidationError) as excinfo:
        Template.from_stack(stack)
    assert [m for _, m in excinfo.value.problems] == [
        "container 'Container' has several volumes named v",
        "container 'Container' sets ulimit nofile more than once"]


@pytest.mark.parametrize("kwargs, message", [
    (dict(file_system=object()), "'fileSystem' instance should implement IFileSystem, but doesn't: object"),
    (dict(file_system="fs-1", access_point_id="fsap-1"),
     "EFS volume 'v': access_point_id requires enable_transit_encryption=True"),
    (dict(file_system="fs-1", access_point_id="fsap-1", enable_transit_encryption=True, root_directory="/x"),
     "EFS volume 'v': access_point_id requires root_directory to be unset or '/'"),
    (dict(file_system="fs-1", use_job_role=True),
     "EFS volume 'v': use_job_role=True requires enable_transit_encryption=True"),
    (dict(file_system="fs-1", transit_encryption_port=70000),
     "'transit_encryption_port' must be a whole number from 0 to 65535, got 70000 (int)"),
])
def test_efs_volume_validations(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        EcsVolume.efs(name="v", container_path="/v", **kwargs)
    assert _message(excinfo) == message


@pytest.mark.parametrize("kwargs, message", [
    (dict(swappiness=101), "swappiness: Must be an integer between 0 and 100; received 101."),
    (dict(swappiness=-1), "swappiness: Must be an integer between 0 and 100; received -1."),
    (dict(swappiness=1.5, max_swap=Size.mebibytes(1)), "swappiness: Must be an integer between 0 and 100; "
                                                       "received 1.5."),
    (dict(max_swap=Size.kibibytes(1025)), "'1025 kibibytes' cannot be converted into a whole number of mebibytes."),
    (dict(shared_memory_size=Size.bytes(100)), "'100 bytes' cannot be converted into a whole number of mebibytes."),
])
def test_linux_parameters_validations(stack: Any, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        LinuxParameters(stack, "Linux", **kwargs)
    assert _message(excinfo) == message


def test_tmpfs_and_ulimit_validations() -> None:
    with pytest.raises(ValidationError) as excinfo:
        Tmpfs(container_path="/t", size=Size.kibibytes(10))
    assert _message(excinfo) == "'10 kibibytes' cannot be converted into a whole number of mebibytes."
    with pytest.raises(ValidationError) as excinfo:
        Ulimit(name=UlimitName.NOFILE, soft_limit=10, hard_limit=5)
    assert _message(excinfo) == "Ulimit 'nofile': soft_limit 10 is above hard_limit 5"
    with pytest.raises(ValidationError) as excinfo:
        Ulimit(name=UlimitName.NOFILE, soft_limit=1.5, hard_limit=5)  # type: ignore[arg-type]
    assert _message(excinfo) == "'soft_limit' must be a whole number, got 1.5 (float); AWS takes integers here"


@pytest.mark.parametrize("kwargs, message", [
    (dict(retry_attempts=0), "JobDefinition 'JobDefn' specifies 'retry_attempts' = 0; it must be between 1 and 10"),
    (dict(retry_attempts=11), "JobDefinition 'JobDefn' specifies 'retry_attempts' = 11; it must be between 1 and 10"),
    (dict(timeout=Duration.seconds(59)),
     "JobDefinition 'JobDefn' specifies 'timeout' = 59 seconds; it must be at least 60 seconds"),
    (dict(timeout=Duration.millis(60500)), "'60500 millis' cannot be converted into a whole number of seconds."),
    (dict(timeout=Duration.seconds(90.5)), "90.5 must be a whole number of seconds."),
    (dict(timeout=90), "'timeout' must be a Duration, got 90 (int); use Duration.seconds(n), Duration.minutes(n), ..."),
    (dict(scheduling_priority=10000),
     "JobDefinition 'JobDefn' specifies 'scheduling_priority' = 10000; it must be between 0 and 9999"),
    (dict(parameters={"p": ["a"]}), "'parameters['p']' must be a string, got ['a'] (list)"),
    (dict(job_definition_name="bad name"),
     "'job_definition_name' value 'bad name' must be 1-128 letters, digits, hyphens or underscores, starting "
     "with a letter or digit"),
])
def test_job_definition_validations(stack: Any, kwargs: dict[str, Any], message: str) -> None:
    container = ec2(stack)
    with pytest.raises(ValidationError) as excinfo:
        EcsJobDefinition(stack, "JobDefn", container=container, **kwargs)
    assert _message(excinfo) == message


def test_container_must_be_an_ecs_container(stack: Any) -> None:
    with pytest.raises(ValidationError) as excinfo:
        EcsJobDefinition(stack, "JobDefn", container="nope")  # type: ignore[arg-type]
    assert _message(excinfo) == ("'container' must be an EcsEc2ContainerDefinition or "
                                 "EcsFargateContainerDefinition, got 'nope' (str)")


def test_more_than_five_retry_strategies_fail_at_synth(stack: Any) -> None:
    jd = EcsJobDefinition(stack, "JobDefn", container=ec2(stack), retry_attempts=3,
                          retry_strategies=[RetryStrategy.of(Action.RETRY, Reason.NON_ZERO_EXIT_CODE)] * 5)
    Template.from_stack(stack)  # five are fine
    jd.add_retry_strategy(RetryStrategy.of(Action.EXIT, Reason.CANNOT_PULL_CONTAINER))
    with pytest.raises(ValidationError) as excinfo:
        Template.from_stack(stack)
    assert str(excinfo.value) == "[TestStack/JobDefn] JobDefinition 'JobDefn' has 6 retry strategies; at most 5 " \
                                 "are allowed"


def test_plain_cdktf_synth_reports_the_retry_limit(stack: Any) -> None:
    from cdktf import Testing
    EcsJobDefinition(stack, "JobDefn", container=ec2(stack),
                     retry_strategies=[RetryStrategy.of(Action.RETRY, Reason.NON_ZERO_EXIT_CODE)] * 6)
    with pytest.raises(Exception, match="JobDefinition 'JobDefn' has 6 retry strategies; at most 5 are allowed"):
        Testing.synth(stack, run_validations=True)


@pytest.mark.parametrize("kwargs, message", [
    ({}, "Reason.custom() requires at least one of on_exit_code, on_reason, on_status_reason"),
    (dict(on_exit_code="4x"), "'on_exit_code' value '4x' is not a valid glob for AWS Batch"),
    (dict(on_reason="a*b"), "'on_reason' value 'a*b' is not a valid glob for AWS Batch"),
    (dict(on_status_reason=""), "'on_status_reason' value '' is not a valid glob for AWS Batch"),
])
def test_reason_custom_validations(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        Reason.custom(**kwargs)
    assert _message(excinfo) == message


@pytest.mark.parametrize("factory, message", [
    (lambda: LogDrivers.aws_logs(stream_prefix=""), "LogDrivers.aws_logs() needs a non-empty 'stream_prefix'"),
    (lambda: LogDrivers.aws_logs(stream_prefix="x", retention=8),
     "log retention of 8 days is not one CloudWatch Logs offers; use RetentionDays"),
    (lambda: LogDrivers.aws_logs(stream_prefix="x", log_group="/g", retention=RetentionDays.ONE_DAY),
     "LogDrivers.aws_logs(): 'retention' applies only to the log group the driver creates; set it on the given "
     "log group instead"),
    (lambda: LogDrivers.aws_logs(stream_prefix="x", datetime_format="%Y", multiline_pattern="^x"),
     "LogDrivers.aws_logs(): only one of 'datetime_format' and 'multiline_pattern' can be set"),
    (lambda: LogDrivers.aws_logs(stream_prefix="x", max_buffer_size=Size.mebibytes(4)),
     "LogDrivers.aws_logs(): 'max_buffer_size' needs mode=AwsLogDriverMode.NON_BLOCKING"),
    (lambda: LogDrivers.generic(log_driver="fluentbit"),
     "log driver 'fluentbit' is not supported by AWS Batch; use one of awslogs, awsfirelens, fluentd, gelf, "
     "journald, json-file, splunk, syslog"),
    (lambda: LogDrivers.json_file(options={"max-file": 3}), "'options['max-file']' must be a string, got 3 (int)"),
])
def test_log_driver_validations(factory: Any, message: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        factory()
    assert _message(excinfo) == message


@pytest.mark.parametrize("factory, message", [
    (lambda: Secret.from_secrets_manager(object()),
     "Secret.from_secrets_manager() needs a Secrets Manager secret (the provider's SecretsmanagerSecret, an object "
     "with 'secret_arn', or the secret's ARN), got object"),
    (lambda: Secret.from_ssm_parameter(3),
     "Secret.from_ssm_parameter() needs an SSM parameter (the provider's SsmParameter, an object with "
     "'parameter_arn', its ARN or its name), got int"),
])
def test_secret_validations(factory: Any, message: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        factory()
    assert _message(excinfo) == message


def test_validation_happens_before_anything_is_written(tmp_path: Any) -> None:
    from batch_constructs import App
    from stacks._base import ExampleStack

    class Broken(ExampleStack):
        def build(self) -> None:
            EcsJobDefinition(self, "JobDefn", container=ec2(self),
                             retry_strategies=[RetryStrategy.of(Action.RETRY, Reason.NON_ZERO_EXIT_CODE)] * 6)

    app = App(outdir=str(tmp_path / "out"))
    Broken(app, "broken")
    with pytest.raises(ValidationError, match="at most 5 are allowed"):
        app.synth()
    assert not (tmp_path / "out" / "stacks" / "broken" / "cdk.tf.json").exists()


def test_a_secret_by_parameter_name_serves_several_stacks() -> None:
    from cdktf import TerraformStack, Testing
    app = Testing.app()
    shared = Secret.from_ssm_parameter("/shared/name")
    templates = []
    for name in ("One", "Two"):
        stack = TerraformStack(app, name)
        provider_class("provider", "AwsProvider")(stack, "aws", region="us-east-1")
        EcsJobDefinition(stack, "JobDefn", container=ec2(stack, secrets={"S": shared}))
        templates.append(Template.from_stack(stack))
    for template in templates:
        (entry,) = job_definition(template)["container_properties"]["secrets"]
        assert entry["valueFrom"].startswith("arn:${data.aws_partition.BatchConstructsPartition.partition}:ssm:")
        assert entry["valueFrom"].endswith(":parameter/shared/name")
    with pytest.raises(ValidationError) as excinfo:
        shared.arn  # noqa: B018 - the unbound original keeps no stack's tokens
    assert _message(excinfo) == ("Secret for SSM parameter '/shared/name' has no ARN until it is used by a "
                                 "container")


def test_fargate_refuses_ec2_only_linux_parameters_and_host_paths_at_synth(stack: Any) -> None:
    linux = LinuxParameters(stack, "Linux", init_process_enabled=True)
    container = fargate(stack, linux_parameters=linux, volumes=[EcsVolume.host(name="tmp", container_path="/tmp")])
    EcsJobDefinition(stack, "JobDefn", container=container)
    assert props_of(stack)["linuxParameters"] == {"initProcessEnabled": True}  # allowed on Fargate
    linux.add_tmpfs(Tmpfs(container_path="/t", size=Size.mebibytes(1)))
    linux.add_devices(Device(host_path="/dev/fuse"))
    container.add_volume(EcsVolume.host(name="data", container_path="/data", host_path="/data"))
    with pytest.raises(ValidationError) as excinfo:
        Template.from_stack(stack)
    assert [m for _, m in excinfo.value.problems] == [
        "ECS Fargate container 'Container' sets linux parameters devices, tmpfs; AWS Batch allows only "
        "init_process_enabled on Fargate",
        "ECS Fargate container 'Container' mounts host path '/data' (volume 'data'); Fargate supports host volumes "
        "only without host_path"]


def test_cpu_from_a_terraform_variable(stack: Any) -> None:
    from cdktf import TerraformVariable
    cpu = TerraformVariable(stack, "cpu", type="number", default=2)
    EcsJobDefinition(stack, "A", container=ec2(stack, "CA", cpu=cpu.number_value))
    EcsJobDefinition(stack, "B", container=fargate(stack, "CB", cpu=cpu.number_value))  # pair check skipped
    values = {jd["container_properties"]["resourceRequirements"][1]["value"]
              for jd in Template.from_stack(stack).find_resources("aws_batch_job_definition").values()}
    assert values == {"${var.cpu}"}


# -- Fargate job definitions -------------------------------------------------------------------------

def test_fargate_job_definition(stack: Any) -> None:
    EcsJobDefinition(stack, "JobDefn", container=fargate_container(
        stack, command=["echo", "Ref::greeting"], environment={"B": "2", "A": "1"},
        ephemeral_storage_size=Size.gibibytes(100), fargate_cpu_architecture=CpuArchitecture.ARM64,
        fargate_operating_system_family=OperatingSystemFamily.LINUX, assign_public_ip=True,
        fargate_platform_version=FargatePlatformVersion.VERSION1_4))
    template = Template.from_stack(stack)
    template.has_resource_properties("aws_batch_job_definition", Match.object_equals({
        "name": Match.string_like_regexp("^TestStack-JobDefn-"), "type": "container",
        "platform_capabilities": ["FARGATE"],
        "container_properties": {
            "image": "public.ecr.aws/amazonlinux/amazonlinux:latest",
            "command": ["echo", "Ref::greeting"],
            "environment": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}],
            "executionRoleArn": Match.string_like_regexp(r"aws_iam_role\.Container_ExecutionRole_.*\.arn"),
            "resourceRequirements": [{"type": "MEMORY", "value": "2048"}, {"type": "VCPU", "value": "0.25"}],
            "networkConfiguration": {"assignPublicIp": "ENABLED"},
            "fargatePlatformConfiguration": {"platformVersion": "1.4.0"},
            "ephemeralStorage": {"sizeInGiB": 100},
            "runtimePlatform": {"cpuArchitecture": "ARM64", "operatingSystemFamily": "LINUX"}}}))
    template.has_resource_properties("aws_iam_role", {"assume_role_policy": {"Statement": [
        {"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}}]}})
    template.has_resource_properties("aws_iam_role_policy_attachment", {
        "policy_arn": Match.string_like_regexp(
            r"^arn:\$\{data\.aws_partition\..*\.partition\}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy$")})


def test_fargate_container_minimal_output_has_no_empties(stack: Any) -> None:
    EcsJobDefinition(stack, "JobDefn", container=fargate_container(stack))
    Template.from_stack(stack).has_resource_properties("aws_batch_job_definition", {
        "container_properties": Match.object_equals({
            "image": Match.any_value(), "executionRoleArn": Match.any_value(),
            "resourceRequirements": Match.any_value(), "networkConfiguration": {"assignPublicIp": "DISABLED"}}),
        "retry_strategy": Match.absent(), "timeout": Match.absent()})


@pytest.mark.parametrize("kwargs, message", [
    ({"ephemeral_storage_size": Size.gibibytes(300)},
     "ECS Fargate container 'Container' specifies 'ephemeralStorageSize' at 300 > 200 GB"),
    ({"ephemeral_storage_size": Size.gibibytes(20)},
     "ECS Fargate container 'Container' specifies 'ephemeralStorageSize' at 20 < 21 GB"),
    ({"ephemeral_storage_size": Size.mebibytes(30000)},
     "'30000 mebibytes' cannot be converted into a whole number of gibibytes."),
    ({"memory": Size.kibibytes(1500)}, "'1500 kibibytes' cannot be converted into a whole number of mebibytes."),
    ({"cpu": 256}, "specifies cpu 256 with memory 2048 MiB, which is not a valid Fargate combination"),
    ({"cpu": 1, "memory": Size.mebibytes(1024)}, "cpu 1 with memory 1024 MiB"),
    ({"environment": {"AWS_BATCH_JOB_ID": "x"}}, "environment variable 'AWS_BATCH_JOB_ID' uses the reserved prefix AWS_BATCH"),
    ({"readonly_root_filesystem": True,
      "fargate_operating_system_family": OperatingSystemFamily.WINDOWS_SERVER_2019_CORE},
     "Readonly root filesystem is not possible on Windows"),
])
def test_fargate_container_validation(stack: Any, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError) as error:
        fargate_container(stack, **kwargs)
    assert message in str(error.value)
    assert error.value.path == "TestStack/Container"


def test_ephemeral_storage_error_is_raised_before_anything_is_written(tmp_path: Any) -> None:
    from batch_constructs import App
    app = App(outdir=str(tmp_path / "out"))
    from cdktf import TerraformStack
    stack = TerraformStack(app, "s")
    with pytest.raises(ValidationError, match=r"^\[s/Container\] ECS Fargate container 'Container'"):
        fargate_container(stack, ephemeral_storage_size=Size.gibibytes(300))
    assert not (tmp_path / "out").exists()


# -- grants ------------------------------------------------------------------------------------------

def test_grant_submit_job_to_user_role_group_and_l1(stack: Any, vpc: Any) -> None:
    from batch_constructs._runtime import provider_class
    from batch_constructs.iam import Group, Role, ServicePrincipal, User
    job = EcsJobDefinition(stack, "JobDefn", container=fargate_container(stack))
    queue = JobQueue(stack, "Queue", compute_environments=[
        OrderedComputeEnvironment(FargateComputeEnvironment(stack, "CE", vpc=vpc), 1)])
    job.grant_submit_job(User(stack, "MyUser"), queue)
    job.grant_submit_job(Group(stack, "MyGroup"), queue)
    job.grant_submit_job(Role(stack, "MyRole", assumed_by=ServicePrincipal("lambda.amazonaws.com")), queue)
    job.grant_submit_job(provider_class("iam_user", "IamUser")(stack, "RawUser", name="raw"), queue)
    template = Template.from_stack(stack)
    statement = {"Statement": [{"Effect": "Allow", "Action": "batch:SubmitJob", "Resource": [
        Match.string_like_regexp(r"aws_batch_job_definition\..*\.arn_prefix\}:\*$"),
        Match.string_like_regexp(r"aws_batch_job_queue\..*\.arn\}$")]}]}
    template.resource_count_is("aws_iam_user_policy", 2)
    template.has_resource_properties("aws_iam_user_policy", {"policy": statement})
    template.has_resource_properties("aws_iam_group_policy", {"policy": statement})
    template.has_resource_properties("aws_iam_role_policy", {"policy": statement})


def test_grant_to_something_else_is_a_validation_error(stack: Any, vpc: Any) -> None:
    job = EcsJobDefinition(stack, "JobDefn", container=fargate_container(stack))
    queue = JobQueue.from_job_queue_arn(stack, "Q", "arn:aws:batch:us-east-1:1:job-queue/q")
    with pytest.raises(ValidationError, match="the grantee must be an IAM role, user or group"):
        job.grant_submit_job("someone", queue)


def test_grant_on_fair_share_queue_without_scheduling_priority_warns(stack: Any, vpc: Any) -> None:
    from batch_constructs import BatchConstructsWarning, FairshareSchedulingPolicy
    from batch_constructs.iam import User
    queue = JobQueue(stack, "FairQueue", scheduling_policy=FairshareSchedulingPolicy(stack, "Policy"),
                     compute_environments=[OrderedComputeEnvironment(FargateComputeEnvironment(stack, "CE", vpc=vpc), 1)])
    user = User(stack, "User")
    without = EcsJobDefinition(stack, "NoPriority", container=fargate_container(stack, "C1"))
    with pytest.warns(BatchConstructsWarning, match="JobDefinition 'NoPriority' has no scheduling_priority but is used "
                                                    "with fair-share JobQueue 'FairQueue'"):
        without.grant_submit_job(user, queue)
    import warnings
    with_priority = EcsJobDefinition(stack, "WithPriority", scheduling_priority=5,
                                     container=fargate_container(stack, "C2"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with_priority.grant_submit_job(user, queue)
