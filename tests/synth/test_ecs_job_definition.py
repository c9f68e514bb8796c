"""ECS job definitions at the job definition level: rendering of the job definition (retries, timeouts,
parameters, scheduling priority, deregistration), attributes and imports, grants, Fargate job
definitions, and every job-definition validation with its message. Container definitions are in
``test_ecs_containers.py`` and the IAM the containers add in ``test_ecs_container_iam.py``."""
from __future__ import annotations

from typing import Any

import pytest

from batch_constructs import (Action, EcsFargateContainerDefinition, EcsJobDefinition, FargateComputeEnvironment,
                              JobQueue, OrderedComputeEnvironment, Reason, RetryStrategy, ValidationError)
from batch_constructs._runtime import provider_class
from batch_constructs.core import Duration, Size
from batch_constructs.ecs import CpuArchitecture, FargatePlatformVersion, OperatingSystemFamily
from batch_constructs.iam import Group, Role, ServicePrincipal, User
from batch_constructs.testing import Match, Template
from batch_constructs.testing.match import match_value

from ._helpers import IMAGE, _message, ec2, image, job_definition


def fargate_container(scope: Any, id: str = "Container", **kwargs: Any) -> EcsFargateContainerDefinition:
    return EcsFargateContainerDefinition(scope, id, image=image(), cpu=kwargs.pop("cpu", 0.25),
                                         memory=kwargs.pop("memory", Size.mebibytes(2048)), **kwargs)


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


# -- validations -----------------------------------------------------------------------------------

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
