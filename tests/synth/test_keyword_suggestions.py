"""Constructs refuse a misspelled keyword before anything is built, naming the closest one."""
from __future__ import annotations

from typing import Any

import pytest

from batch_constructs import FargateComputeEnvironment, JobQueue


def test_construct_misspelled_keyword(stack: Any, vpc: Any) -> None:
    with pytest.raises(TypeError, match="did you mean 'maxv_cpus'"):
        FargateComputeEnvironment(stack, "CE", vpc=vpc, max_vcpus=4)
    # nothing half-built stays behind: the id is free
    FargateComputeEnvironment(stack, "CE", vpc=vpc, maxv_cpus=4)


def test_queue_misspelled_keyword(stack: Any) -> None:
    with pytest.raises(TypeError, match="did you mean 'priority'"):
        JobQueue(stack, "Q", priorty=1)


def test_construct_method_misspelled_keyword(stack: Any, vpc: Any) -> None:
    from batch_constructs import EcsEc2ContainerDefinition, MultiNodeJobDefinition
    from batch_constructs.core import Size
    from batch_constructs.ecs import ContainerImage

    job = MultiNodeJobDefinition(stack, "MN")
    container = EcsEc2ContainerDefinition(stack, "C", image=ContainerImage.from_registry("busybox"), cpu=1,
                                          memory=Size.mebibytes(512))
    with pytest.raises(TypeError, match=r"MultiNodeJobDefinition.add_container\(\) got an unexpected keyword "
                                        r"argument 'start_nodes'; did you mean 'start_node'\?"):
        job.add_container(container=container, start_nodes=0, end_node=0)
    with pytest.raises(TypeError, match=r"valid keywords: container, end_node, start_node"):
        job.add_container(container=container, start_node=0, end_node=0, zzz=2)
    job.add_container(container=container, start_node=0, end_node=0)
    assert len(job.containers) == 1


def test_image_factory_misspelled_keyword() -> None:
    from batch_constructs.ecs import ContainerImage

    with pytest.raises(TypeError, match=r"ContainerImage.from_registry\(\) .*'credential'; did you mean "
                                        r"'credentials'\?"):
        ContainerImage.from_registry("busybox", credential="arn:aws:secretsmanager:us-east-1:1:secret:x")
    with pytest.raises(TypeError, match=r"ContainerImage.from_asset\(\) .*'build_arg'; did you mean 'build_args'\?"):
        ContainerImage.from_asset("/nonexistent", build_arg={})


def test_value_classes_of_public_modules_suggest_too() -> None:
    """Constructors and factories of plain (non-construct) classes, applied by
    ``suggest_keywords_in`` at the end of each public module."""
    from batch_constructs.ecr import LifecycleRule
    from batch_constructs.iam import PolicyStatement
    from batch_constructs.scheduling_policy import Share

    with pytest.raises(TypeError, match=r"PolicyStatement\(\) .*'actionz'; did you mean 'actions'\?"):
        PolicyStatement(actionz=["s3:GetObject"])
    with pytest.raises(TypeError, match=r"LifecycleRule\(\) .*'max_image_cout'; did you mean 'max_image_count'\?"):
        LifecycleRule(max_image_cout=3)
    with pytest.raises(TypeError, match=r"Share\(\) .*did you mean 'share_identifier'\?"):
        Share(share_identifer="a", weight_factor=1)
    assert PolicyStatement(actions=["s3:GetObject"], resources=["*"]).actions == ["s3:GetObject"]
