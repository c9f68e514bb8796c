"""JobQueue: rendering, imports, and every validation with its message."""
from __future__ import annotations

import re
import warnings
from typing import Any

import pytest

from batch_constructs import (BatchConstructsWarning, FairshareSchedulingPolicy, FargateComputeEnvironment,
                              JobQueue, JobStateTimeLimitAction, JobStateTimeLimitActionsAction,
                              JobStateTimeLimitActionsReason, JobStateTimeLimitActionsState,
                              OrderedComputeEnvironment, Share, ValidationError)
from batch_constructs._runtime import COMPAT, provider_class
from batch_constructs.providers import aws_provider
from batch_constructs.compute_environment_base import ImportedComputeEnvironment
from batch_constructs.core import Duration, Tags
from batch_constructs.testing import Match, Template

ARN = "arn:aws:batch:us-east-1:123456789012:compute-environment/"
QUEUE_ARN = "arn:aws:batch:us-east-1:123456789012:job-queue/existing-queue"


def fargate(stack: Any, vpc: Any, id: str = "Fargate", **kwargs: Any) -> FargateComputeEnvironment:
    return FargateComputeEnvironment(stack, id, vpc=vpc, **kwargs)


def imported(stack: Any, id: str, family: str | None, orchestration: str | None,
             architecture: str | None = None) -> ImportedComputeEnvironment:
    ce = ImportedComputeEnvironment(stack, id, ARN + id, compute_type_family=family, orchestration=orchestration)
    ce.architecture = architecture
    return ce


def queues(stack: Any) -> dict[str, Any]:
    return Template.from_stack(stack).find_resources("aws_batch_job_queue")


def only_queue(stack: Any) -> dict[str, Any]:
    (queue,) = queues(stack).values()
    return queue


def synth_error(stack: Any) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        Template.from_stack(stack)
    return info.value


# -- rendering ------------------------------------------------------------------------------------

def test_defaults_and_order_sorted(stack: Any, vpc: Any) -> None:
    first, second = fargate(stack, vpc, "First"), fargate(stack, vpc, "Second", spot=True)
    queue = JobQueue(stack, "Queue", compute_environments=[OrderedComputeEnvironment(second, 5)])
    queue.add_compute_environment(first, 1)
    rendered = only_queue(stack)
    assert rendered["priority"] == 1
    assert rendered["state"] == "ENABLED"
    assert [e["order"] for e in rendered["compute_environment_order"]] == [1, 5]
    assert [e["compute_environment"].split(".")[1].split("_")[0] for e in rendered["compute_environment_order"]] \
        == ["First", "Second"]
    assert re.fullmatch(r"TestStack-Queue-[0-9A-F]{8}", rendered["name"])
    for absent in ("compute_environments", "scheduling_policy_arn", "job_state_time_limit_action"):
        assert absent not in rendered
    assert [e.order for e in queue.compute_environments] == [5, 1]


def test_keywords_name_priority_disabled(stack: Any, vpc: Any) -> None:
    JobQueue(stack, "Queue", priority=10, enabled=False, job_queue_name="my-queue_1",
             compute_environments=[{"compute_environment": fargate(stack, vpc), "order": 1}])
    rendered = only_queue(stack)
    assert (rendered["name"], rendered["priority"], rendered["state"]) == ("my-queue_1", 10, "DISABLED")


def test_priority_bounds_are_accepted(stack: Any, vpc: Any) -> None:
    ce = fargate(stack, vpc)
    JobQueue(stack, "Zero", priority=0, compute_environments=[OrderedComputeEnvironment(ce, 1)])
    JobQueue(stack, "Max", priority=1000, compute_environments=[OrderedComputeEnvironment(ce, 1)])
    assert sorted(q["priority"] for q in queues(stack).values()) == [0, 1000]


def test_one_compute_environment_shared_by_two_queues(stack: Any, vpc: Any) -> None:
    shared = fargate(stack, vpc, "spotEnv", spot=True)
    low = JobQueue(stack, "LowPriorityQueue", priority=1)
    high = JobQueue(stack, "HighPriorityQueue", priority=10)
    low.add_compute_environment(shared, 1)
    high.add_compute_environment(shared, 1)
    template = Template.from_stack(stack)
    template.resource_count_is("aws_batch_compute_environment", 1)
    rendered = template.find_resources("aws_batch_job_queue")
    assert sorted(q["priority"] for q in rendered.values()) == [1, 10]
    orders = {q["compute_environment_order"][0]["compute_environment"] for q in rendered.values()}
    assert len(orders) == 1 and next(iter(orders)).startswith("${aws_batch_compute_environment.spotEnv")


def test_imported_and_l1_compute_environments(stack: Any, vpc: Any) -> None:
    imported_ce = FargateComputeEnvironment.from_fargate_compute_environment_arn(stack, "Imported", ARN + "theirs")
    l1 = provider_class("batch_compute_environment", "BatchComputeEnvironment")(stack, "L1", type="MANAGED")
    queue = JobQueue(stack, "Queue")
    queue.add_compute_environment(l1, 2)
    queue.add_compute_environment(imported_ce, 1)
    rendered = only_queue(stack)
    assert rendered["compute_environment_order"] == [
        {"compute_environment": ARN + "theirs", "order": 1},
        {"compute_environment": "${aws_batch_compute_environment.L1.arn}", "order": 2},
    ]


def test_not_a_compute_environment_is_refused(stack: Any) -> None:
    queue = JobQueue(stack, "Queue")
    with pytest.raises(ValidationError) as info:
        queue.add_compute_environment("arn-as-a-string", 1)
    assert info.value.message == ("'compute_environment' must be a compute environment (of this library, imported "
                                  "with from_*_arn, or the provider's BatchComputeEnvironment), got "
                                  "'arn-as-a-string' (str)")


def test_job_state_time_limit_actions_defaults_and_explicit(stack: Any, vpc: Any) -> None:
    queue = JobQueue(stack, "Queue", compute_environments=[OrderedComputeEnvironment(fargate(stack, vpc), 1)],
                     job_state_time_limit_actions=[
                         JobStateTimeLimitAction(max_time=Duration.minutes(10),
                                                 reason=JobStateTimeLimitActionsReason.INSUFFICIENT_INSTANCE_CAPACITY),
                         JobStateTimeLimitAction(max_time=Duration.hours(24),
                                                 reason=JobStateTimeLimitActionsReason.COMPUTE_ENVIRONMENT_MAX_RESOURCE,
                                                 action=JobStateTimeLimitActionsAction.CANCEL,
                                                 state=JobStateTimeLimitActionsState.RUNNABLE),
                         {"max_time": Duration.seconds(900),
                          "reason": JobStateTimeLimitActionsReason.JOB_RESOURCE_REQUIREMENT},
                     ])
    expected = [
        {"action": "CANCEL", "max_time_seconds": 600, "reason": "CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY",
         "state": "RUNNABLE"},
        {"action": "CANCEL", "max_time_seconds": 86400,
         "reason": "MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE", "state": "RUNNABLE"},
        {"action": "CANCEL", "max_time_seconds": 900, "reason": "MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT",
         "state": "RUNNABLE"},
    ]
    assert only_queue(stack)["job_state_time_limit_action"] == expected
    assert queue.job_state_time_limit_actions == expected


def test_enum_values() -> None:
    assert [m.value for m in JobStateTimeLimitActionsReason] == [
        "CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY", "MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE",
        "MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT"]
    assert [m.value for m in JobStateTimeLimitActionsAction] == ["CANCEL", "TERMINATE"]
    assert [m.value for m in JobStateTimeLimitActionsState] == ["RUNNABLE"]


def test_terminate_warns(stack: Any, vpc: Any) -> None:
    with pytest.warns(BatchConstructsWarning, match=r"^\[TestStack/Queue\] TERMINATE is only valid for "
                                                    r"service-environment job queues$"):
        JobQueue(stack, "Queue", compute_environments=[OrderedComputeEnvironment(fargate(stack, vpc), 1)],
                 job_state_time_limit_actions=[JobStateTimeLimitAction(
                     max_time=Duration.minutes(10), action=JobStateTimeLimitActionsAction.TERMINATE,
                     reason=JobStateTimeLimitActionsReason.INSUFFICIENT_INSTANCE_CAPACITY)])
    assert only_queue(stack)["job_state_time_limit_action"][0]["action"] == "TERMINATE"


def test_cancel_does_not_warn(stack: Any, vpc: Any) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        JobQueue(stack, "Queue", job_state_time_limit_actions=[JobStateTimeLimitAction(
            max_time=Duration.minutes(10), reason=JobStateTimeLimitActionsReason.INSUFFICIENT_INSTANCE_CAPACITY)])


def test_scheduling_policy_and_fair_share_name(stack: Any, vpc: Any) -> None:
    ce = fargate(stack, vpc)
    policy = FairshareSchedulingPolicy(stack, "Policy", shares=[Share("A", 1)])
    fair = JobQueue(stack, "Queue", scheduling_policy=policy, compute_environments=[OrderedComputeEnvironment(ce, 1)])
    assert fair.scheduling_policy is policy
    rendered = only_queue(stack)
    assert re.fullmatch(r"\$\{aws_batch_scheduling_policy\.Policy_[0-9A-F]+\.arn\}", rendered["scheduling_policy_arn"])
    # A FIFO queue at the same path gets another generated name: switching replaces the queue.
    from cdktf import TerraformStack, Testing
    other = TerraformStack(Testing.app(), "TestStack")
    aws_provider(other, "aws", region="us-east-1")
    fifo = JobQueue(other, "Queue", compute_environments=[OrderedComputeEnvironment(
        ImportedComputeEnvironment(other, "Ce", ARN + "x"), 1)])
    fifo_name = only_queue(other)["name"]
    assert fifo_name != rendered["name"]
    assert fifo_name.startswith("TestStack-Queue-") and rendered["name"].startswith("TestStack-Queue-")
    assert fifo.scheduling_policy is None


def test_provider_scheduling_policy_l1_and_import(stack: Any, vpc: Any) -> None:
    l1 = provider_class("batch_scheduling_policy", "BatchSchedulingPolicy")(stack, "L1Policy", name="p")
    ce = fargate(stack, vpc)
    JobQueue(stack, "A", scheduling_policy=l1, compute_environments=[OrderedComputeEnvironment(ce, 1)])
    imported_policy = FairshareSchedulingPolicy.from_fairshare_scheduling_policy_arn(
        stack, "Imported", "arn:aws:batch:us-east-1:123456789012:scheduling-policy/theirs")
    JobQueue(stack, "B", scheduling_policy=imported_policy, compute_environments=[OrderedComputeEnvironment(ce, 1)])
    arns = sorted(q["scheduling_policy_arn"] for q in queues(stack).values())
    assert arns == ["${aws_batch_scheduling_policy.L1Policy.arn}",
                    "arn:aws:batch:us-east-1:123456789012:scheduling-policy/theirs"]


def test_attributes_are_terraform_references(stack: Any, vpc: Any) -> None:
    queue = JobQueue(stack, "Queue", compute_environments=[OrderedComputeEnvironment(fargate(stack, vpc), 1)])
    from cdktf import TerraformOutput
    TerraformOutput(stack, "Arn", value=queue.job_queue_arn)
    TerraformOutput(stack, "Name", value=queue.job_queue_name)
    outputs = Template.from_stack(stack).to_json()["output"]
    assert outputs["Arn"]["value"].startswith("${aws_batch_job_queue.Queue_") and outputs["Arn"]["value"].endswith(".arn}")
    assert outputs["Name"]["value"].endswith(".name}")


def test_tags_reach_the_queue(stack: Any, vpc: Any) -> None:
    JobQueue(stack, "Queue", compute_environments=[OrderedComputeEnvironment(fargate(stack, vpc), 1)])
    Tags.of(stack).add("team", "research")
    assert only_queue(stack)["tags"] == {"team": "research"}


def test_from_job_queue_arn() -> None:
    from cdktf import TerraformStack, Testing
    stack = TerraformStack(Testing.app(), "TestStack")
    queue = JobQueue.from_job_queue_arn(stack, "Imported", QUEUE_ARN)
    assert (queue.job_queue_arn, queue.job_queue_name) == (QUEUE_ARN, "existing-queue")
    assert (queue.compute_environments, queue.priority, queue.enabled) == ([], 1, True)
    with pytest.raises(ValidationError) as info:
        queue.add_compute_environment(ImportedComputeEnvironment(stack, "Ce", ARN + "x"), 1)
    assert str(info.value) == "[TestStack/Imported] cannot add ComputeEnvironments to imported JobQueue 'Imported'"
    assert info.value.message == "cannot add ComputeEnvironments to imported JobQueue 'Imported'"


# -- AWS CDK's errors -----------------------------------------------------------------------------

def test_no_compute_environment(stack: Any) -> None:
    JobQueue(stack, "Queue")
    error = synth_error(stack)
    assert str(error) == "[TestStack/Queue] This JobQueue does not link any ComputeEnvironments"


def test_duplicate_order(stack: Any, vpc: Any) -> None:
    JobQueue(stack, "Queue", compute_environments=[OrderedComputeEnvironment(fargate(stack, vpc, "A"), 1),
                                                   OrderedComputeEnvironment(fargate(stack, vpc, "B"), 1)])
    assert synth_error(stack).problems == [("TestStack/Queue", "assigns the same order to different ComputeEnvironments")]


def test_plain_cdktf_synth_reports_the_same_error(stack: Any) -> None:
    from cdktf import Testing
    JobQueue(stack, "Queue")
    with pytest.raises(Exception) as info:
        Testing.synth(stack, run_validations=True)
    assert "[TestStack/Queue] This JobQueue does not link any ComputeEnvironments" in str(info.value)


@pytest.mark.parametrize("max_time, seconds", [(Duration.seconds(599), "599"), (Duration.minutes(1), "60"),
                                               (Duration.seconds(86401), "86401"), (Duration.days(2), "172800")])
def test_max_time_out_of_range(stack: Any, max_time: Duration, seconds: str) -> None:
    ok = JobStateTimeLimitAction(max_time=Duration.minutes(10),
                                 reason=JobStateTimeLimitActionsReason.INSUFFICIENT_INSTANCE_CAPACITY)
    bad = JobStateTimeLimitAction(max_time=max_time, reason=JobStateTimeLimitActionsReason.INSUFFICIENT_INSTANCE_CAPACITY)
    with pytest.raises(ValidationError) as info:
        JobQueue(stack, "Queue", job_state_time_limit_actions=[ok, bad])
    assert str(info.value) == (f"[TestStack/Queue] maxTime must be between 600 and 86400 seconds, got {seconds} "
                               "seconds at jobStateTimeLimitActions[1]")


def test_max_time_must_be_whole_seconds(stack: Any) -> None:
    with pytest.raises(ValidationError) as info:
        JobQueue(stack, "Queue", job_state_time_limit_actions=[JobStateTimeLimitAction(
            max_time=Duration.millis(600500), reason=JobStateTimeLimitActionsReason.INSUFFICIENT_INSTANCE_CAPACITY)])
    assert info.value.message == "'600500 millis' cannot be converted into a whole number of seconds."


def test_time_limit_action_needs_enum_values(stack: Any) -> None:
    with pytest.raises(ValidationError) as info:
        JobQueue(stack, "Queue", job_state_time_limit_actions=[JobStateTimeLimitAction(
            max_time=Duration.minutes(10), reason="stuck")])
    assert (info.value.path, info.value.message) == (None, (
        "'reason' must be one of "
        "JobStateTimeLimitActionsReason.INSUFFICIENT_INSTANCE_CAPACITY, "
        "JobStateTimeLimitActionsReason.COMPUTE_ENVIRONMENT_MAX_RESOURCE, "
        "JobStateTimeLimitActionsReason.JOB_RESOURCE_REQUIREMENT, got 'stuck' (str)"))
    with pytest.raises(ValidationError) as info:
        JobQueue(stack, "Queue2", job_state_time_limit_actions=[
            {"max_time": 600, "reason": JobStateTimeLimitActionsReason.INSUFFICIENT_INSTANCE_CAPACITY}])
    assert str(info.value) == ("[TestStack/Queue2] 'job_state_time_limit_actions[0].max_time' must be a Duration, "
                               "got 600 (int); use Duration.seconds(n), Duration.minutes(n), ...")


def test_scheduling_policy_that_is_not_one(stack: Any) -> None:
    with pytest.raises(ValidationError) as info:
        JobQueue(stack, "Queue", scheduling_policy=object())
    assert info.value.path == "TestStack/Queue"
    assert info.value.message.startswith("'schedulingPolicy' instance should implement ISchedulingPolicy, but "
                                         "doesn't: object ('scheduling_policy' takes a FairshareSchedulingPolicy")


# -- what AWS refuses and AWS CDK does not check --------------------------------------------------

def test_more_than_three_compute_environments(stack: Any) -> None:
    queue = JobQueue(stack, "Queue")
    for order in range(4):
        queue.add_compute_environment(imported(stack, f"Ce{order}", "FARGATE", "ECS"), order)
    assert synth_error(stack).problems == [
        ("TestStack/Queue", "JobQueue 'Queue' links 4 ComputeEnvironments; at most 3 are allowed")]


def test_three_compute_environments_are_fine(stack: Any) -> None:
    queue = JobQueue(stack, "Queue")
    for order in range(3):
        queue.add_compute_environment(imported(stack, f"Ce{order}", "FARGATE", "ECS"), order)
    assert len(only_queue(stack)["compute_environment_order"]) == 3


def test_fargate_mixed_with_ec2(stack: Any, vpc: Any) -> None:
    JobQueue(stack, "Queue", compute_environments=[
        OrderedComputeEnvironment(fargate(stack, vpc), 1),
        OrderedComputeEnvironment(imported(stack, "Ec2", "EC2", "ECS"), 2)])
    assert str(synth_error(stack)) == ("[TestStack/Queue] JobQueue 'Queue' mixes Fargate and EC2 ComputeEnvironments; "
                                       "AWS Batch does not allow this")


def test_ecs_mixed_with_eks(stack: Any) -> None:
    JobQueue(stack, "Queue", compute_environments=[
        OrderedComputeEnvironment(imported(stack, "Ecs", "EC2", "ECS"), 1),
        OrderedComputeEnvironment(imported(stack, "Eks", "EC2", "EKS"), 2)])
    assert str(synth_error(stack)) == ("[TestStack/Queue] JobQueue 'Queue' mixes ECS and EKS ComputeEnvironments; "
                                       "AWS Batch does not allow this")


def test_different_cpu_architectures(stack: Any) -> None:
    from batch_constructs.ec2 import InstanceArchitecture
    JobQueue(stack, "Queue", compute_environments=[
        OrderedComputeEnvironment(imported(stack, "Arm", "EC2", "ECS", InstanceArchitecture.ARM_64), 1),
        OrderedComputeEnvironment(imported(stack, "X86", "EC2", "ECS", "x86_64"), 2)])
    assert str(synth_error(stack)) == ("[TestStack/Queue] JobQueue 'Queue' mixes ComputeEnvironments of different "
                                       "CPU architectures (arm64, x86_64); AWS Batch does not allow this")


def test_unknown_kinds_are_not_judged(stack: Any, vpc: Any) -> None:
    l1 = provider_class("batch_compute_environment", "BatchComputeEnvironment")(stack, "L1", type="MANAGED")
    JobQueue(stack, "Queue", compute_environments=[
        OrderedComputeEnvironment(fargate(stack, vpc), 1),
        OrderedComputeEnvironment(imported(stack, "Unknown", None, None, None), 2),
        OrderedComputeEnvironment(l1, 3)])
    assert len(only_queue(stack)["compute_environment_order"]) == 3


def test_several_problems_are_reported_together(stack: Any, vpc: Any) -> None:
    JobQueue(stack, "Queue", compute_environments=[
        OrderedComputeEnvironment(fargate(stack, vpc), 1),
        OrderedComputeEnvironment(imported(stack, "Eks", "EC2", "EKS"), 2),
        OrderedComputeEnvironment(imported(stack, "Ecs1", "EC2", "ECS"), 3),
        OrderedComputeEnvironment(imported(stack, "Ecs2", "EC2", "ECS"), 4)])
    assert [m for _, m in synth_error(stack).problems] == [
        "JobQueue 'Queue' links 4 ComputeEnvironments; at most 3 are allowed",
        "JobQueue 'Queue' mixes Fargate and EC2 ComputeEnvironments; AWS Batch does not allow this",
        "JobQueue 'Queue' mixes ECS and EKS ComputeEnvironments; AWS Batch does not allow this"]


@pytest.mark.parametrize("priority, expected", [
    (-1, "a whole number from 0 to 1000, got -1 (int)"), (1001, "a whole number from 0 to 1000, got 1001 (int)"),
    (1.5, "a whole number, got 1.5 (float); AWS takes integers here"), ("high", "a whole number, got 'high' (str)"),
    (True, "a whole number, got True (bool)")])
def test_priority_outside_range(stack: Any, priority: Any, expected: str) -> None:
    with pytest.raises(ValidationError) as info:
        JobQueue(stack, "Queue", priority=priority)
    assert str(info.value) == f"[TestStack/Queue] 'priority' must be {expected}"


@pytest.mark.parametrize("name", ["a" * 129, "has space", "-leading", "dots.not.allowed", ""])
def test_queue_name_aws_refuses(stack: Any, name: str) -> None:
    with pytest.raises(ValidationError) as info:
        JobQueue(stack, "Queue", job_queue_name=name)
    assert str(info.value) == (f"[TestStack/Queue] 'job_queue_name' value '{name}' must be 1-128 letters, digits, "
                               "hyphens or underscores, starting with a letter or digit")


def test_longest_queue_name_is_accepted(stack: Any, vpc: Any) -> None:
    JobQueue(stack, "Queue", job_queue_name="q" * 128,
             compute_environments=[OrderedComputeEnvironment(fargate(stack, vpc), 1)])
    assert only_queue(stack)["name"] == "q" * 128


@pytest.mark.parametrize("order, expected", [(-1, "a whole number from 0 to 2147483647, got -1 (int)"),
                                             (1.5, "a whole number, got 1.5 (float); AWS takes integers here"),
                                             ("1", "a whole number, got '1' (str)")])
def test_order_must_be_a_whole_number(stack: Any, order: Any, expected: str) -> None:
    queue = JobQueue(stack, "Queue")
    with pytest.raises(ValidationError) as info:
        queue.add_compute_environment(imported(stack, "Ce", "FARGATE", "ECS"), order)
    assert str(info.value) == f"[TestStack/Queue] 'order' must be {expected}"


def test_unknown_keyword(stack: Any) -> None:
    with pytest.raises(TypeError, match="unexpected keyword argument.*compute_environment_order"):
        JobQueue(stack, "Queue", compute_environment_order=[])


def test_bindings_line_is_known() -> None:
    # The queue has no attribute that differs between bindings lines; the CE names it points to do.
    assert COMPAT.ce_name_key in ("compute_environment_name", "name")


def test_matchers_on_queue(stack: Any, vpc: Any) -> None:
    JobQueue(stack, "Queue", priority=7, compute_environments=[OrderedComputeEnvironment(fargate(stack, vpc), 3)])
    Template.from_stack(stack).has_resource_properties("aws_batch_job_queue", {
        "priority": 7, "compute_environment_order": [{"order": 3, "compute_environment": Match.string_like_regexp(
            r"^\$\{aws_batch_compute_environment\.Fargate_[0-9A-F]+\.arn\}$")}]})


def test_rendered_blocks_fit_the_bindings_structs(stack: Any, vpc: Any) -> None:
    """Late values bypass the bindings' key mapping; the typed structs of the installed line
    (20.1.x or 21.x) must accept exactly the keys written."""
    JobQueue(stack, "Queue", compute_environments=[OrderedComputeEnvironment(fargate(stack, vpc), 1)],
             job_state_time_limit_actions=[JobStateTimeLimitAction(
                 max_time=Duration.minutes(10), reason=JobStateTimeLimitActionsReason.INSUFFICIENT_INSTANCE_CAPACITY)])
    rendered = only_queue(stack)
    action_cls = provider_class("batch_job_queue", "BatchJobQueueJobStateTimeLimitAction")
    order_cls = provider_class("batch_job_queue", "BatchJobQueueComputeEnvironmentOrder")
    for action in rendered["job_state_time_limit_action"]:
        assert action_cls(**action).max_time_seconds == 600
    for order in rendered["compute_environment_order"]:
        assert order_cls(**order).order == 1
    queue_keys = set(rendered) - {"//", "tags"}
    import inspect
    accepted = set(inspect.signature(provider_class("batch_job_queue", "BatchJobQueue").__init__).parameters)
    assert queue_keys <= accepted


# -- order, names, synth-time checks and imports, with Fargate compute environments ------------

def test_queue_orders_compute_environments_and_accepts_imports_and_l1(stack: Any, vpc: Any) -> None:
    from batch_constructs._runtime import provider_class
    first = FargateComputeEnvironment(stack, "First", vpc=vpc)
    imported = FargateComputeEnvironment.from_fargate_compute_environment_arn(
        stack, "Imported", "arn:aws:batch:us-east-1:123456789012:compute-environment/x")
    l1 = provider_class("batch_compute_environment", "BatchComputeEnvironment")(stack, "Raw", type="MANAGED")
    queue = JobQueue(stack, "Queue", priority=5, job_queue_name="my-queue",
                     compute_environments=[OrderedComputeEnvironment(compute_environment=first, order=3)])
    queue.add_compute_environment(imported, 1)
    queue.add_compute_environment(l1, 2)
    template = Template.from_stack(stack)
    template.has_resource_properties("aws_batch_job_queue", Match.object_equals({
        "name": "my-queue", "priority": 5, "state": "ENABLED",
        "compute_environment_order": [
            {"compute_environment": "arn:aws:batch:us-east-1:123456789012:compute-environment/x", "order": 1},
            {"compute_environment": Match.string_like_regexp(r"aws_batch_compute_environment\.Raw\.arn"), "order": 2},
            {"compute_environment": Match.string_like_regexp(r"aws_batch_compute_environment\.First_.*\.arn"),
             "order": 3}]}))


def test_queue_generated_name_and_disabled(stack: Any, vpc: Any) -> None:
    JobQueue(stack, "Queue", enabled=False,
             compute_environments=[OrderedComputeEnvironment(FargateComputeEnvironment(stack, "CE", vpc=vpc), 1)])
    Template.from_stack(stack).has_resource_properties("aws_batch_job_queue", {
        "name": Match.string_like_regexp(r"^TestStack-Queue-[0-9A-F]{8}$"), "priority": 1, "state": "DISABLED"})


def test_queue_without_compute_environments_fails_at_synth(stack: Any) -> None:
    JobQueue(stack, "Queue")
    with pytest.raises(ValidationError) as error:
        Template.from_stack(stack)
    assert str(error.value) == "[TestStack/Queue] This JobQueue does not link any ComputeEnvironments"


def test_queue_duplicate_order_fails_at_synth(stack: Any, vpc: Any) -> None:
    queue = JobQueue(stack, "Queue")
    queue.add_compute_environment(FargateComputeEnvironment(stack, "A", vpc=vpc), 1)
    queue.add_compute_environment(FargateComputeEnvironment(stack, "B", vpc=vpc), 1)
    with pytest.raises(ValidationError, match=r"^\[TestStack/Queue\] assigns the same order to different "
                                              r"ComputeEnvironments$"):
        Template.from_stack(stack)


def test_plain_cdktf_validation_reports_the_same_message(stack: Any) -> None:
    from cdktf import Testing
    JobQueue(stack, "Queue")
    with pytest.raises(Exception, match=r"\[TestStack/Queue\] This JobQueue does not link any ComputeEnvironments"):
        Testing.synth(stack, run_validations=True)


def test_imported_queue_refuses_compute_environments(stack: Any, vpc: Any) -> None:
    queue = JobQueue.from_job_queue_arn(stack, "Q", "arn:aws:batch:us-east-1:123456789012:job-queue/q1")
    assert queue.job_queue_name == "q1"
    with pytest.raises(ValidationError, match="cannot add ComputeEnvironments to imported JobQueue 'Q'"):
        queue.add_compute_environment(FargateComputeEnvironment(stack, "CE", vpc=vpc), 1)
