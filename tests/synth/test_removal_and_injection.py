"""``apply_removal_policy`` on the Batch constructs and AWS CDK's property injection (issue 10)."""
from __future__ import annotations

from typing import Any

import pytest

from batch_constructs import (EcsEc2ContainerDefinition, EcsJobDefinition, FairshareSchedulingPolicy,
                              FargateComputeEnvironment, JobQueue, ValidationError)
from batch_constructs.core import (IPropertyInjector, InjectionContext, PropertyInjectors, RemovalPolicy, Size)
from batch_constructs.ecs import ContainerImage
from batch_constructs.testing import Template


def lifecycle(stack: Any, kind: str) -> dict[str, Any]:
    (resource,) = Template.from_stack(stack, run_validations=False).find_resources(kind).values()
    return resource.get("lifecycle", {})


def test_retain_prevents_destroy_and_keeps_create_before_destroy(stack: Any, vpc: Any) -> None:
    ce = FargateComputeEnvironment(stack, "CE", vpc=vpc)
    ce.apply_removal_policy(RemovalPolicy.RETAIN)
    queue = JobQueue(stack, "Q")
    queue.add_compute_environment(ce, 1)
    queue.apply_removal_policy("RETAIN")
    assert lifecycle(stack, "aws_batch_compute_environment") == {"create_before_destroy": True, "prevent_destroy": True}
    assert lifecycle(stack, "aws_batch_job_queue") == {"prevent_destroy": True}


def test_destroy_is_the_default_and_undoes_retain(stack: Any) -> None:
    policy = FairshareSchedulingPolicy(stack, "P")
    policy.apply_removal_policy(RemovalPolicy.DESTROY)
    assert lifecycle(stack, "aws_batch_scheduling_policy") == {}
    policy.apply_removal_policy(RemovalPolicy.RETAIN)
    policy.apply_removal_policy(RemovalPolicy.DESTROY)
    assert lifecycle(stack, "aws_batch_scheduling_policy") == {"prevent_destroy": False}


def test_snapshot_and_junk_are_refused(stack: Any) -> None:
    container = EcsEc2ContainerDefinition(stack, "C", image=ContainerImage.from_registry("busybox"), cpu=1,
                                          memory=Size.mebibytes(512))
    job = EcsJobDefinition(stack, "J", container=container)
    with pytest.raises(ValidationError, match=r"\[TestStack/J\] 'policy': aws_batch_job_definition has no snapshot"):
        job.apply_removal_policy(RemovalPolicy.SNAPSHOT)
    with pytest.raises(ValidationError, match="TestStack/J"):
        job.apply_removal_policy("KEEP")


class PriorityDefault:
    construct_unique_id = JobQueue.PROPERTY_INJECTION_ID

    def __init__(self, priority: int) -> None:
        self.priority = priority
        self.seen: list[tuple[str, dict[str, Any]]] = []

    def inject(self, original_props: dict[str, Any], context: InjectionContext) -> dict[str, Any]:
        self.seen.append((context.id, dict(original_props)))
        return {"priority": self.priority, **original_props}


def test_the_closest_injector_supplies_defaults(stack: Any) -> None:
    from constructs import Construct
    assert JobQueue.PROPERTY_INJECTION_ID == "aws-cdk-lib.aws-batch.JobQueue"
    outer, inner = PriorityDefault(5), PriorityDefault(7)
    assert isinstance(outer, IPropertyInjector)
    PropertyInjectors.of(stack).add(outer)
    team = Construct(stack, "Team")
    PropertyInjectors.of(team).add(inner)
    assert PropertyInjectors.of(team).supported_classes() == [JobQueue.PROPERTY_INJECTION_ID]
    assert JobQueue(stack, "A").priority == 5
    assert JobQueue(team, "B").priority == 7
    assert JobQueue(team, "C", priority=1).priority == 1  # the user's keyword wins over this injector's default
    assert inner.seen == [("B", {}), ("C", {"priority": 1})]
    assert not PropertyInjectors.has_property_injectors(Construct(stack, "Other"))


def test_injected_keywords_are_checked(stack: Any) -> None:
    class Bad:
        construct_unique_id = JobQueue.PROPERTY_INJECTION_ID

        def inject(self, original_props: dict[str, Any], context: InjectionContext) -> dict[str, Any]:
            return {"priorty": 3}

    PropertyInjectors.of(stack).add(Bad())
    with pytest.raises(TypeError, match="did you mean 'priority'"):
        JobQueue(stack, "Q")
    with pytest.raises(ValidationError, match="construct_unique_id"):
        PropertyInjectors.of(stack).add(object())  # type: ignore[arg-type]
