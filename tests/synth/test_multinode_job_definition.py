"""MultiNodeJobDefinition: node_properties rendering and every validation."""
from __future__ import annotations

import json
from typing import Any

import pytest

from batch_constructs import (EcsEc2ContainerDefinition, EcsFargateContainerDefinition, MultiNodeContainer,
                              MultiNodeJobDefinition, ValidationError)
from batch_constructs.core import Duration, Size
from batch_constructs.ec2 import InstanceClass, InstanceSize, InstanceType
from batch_constructs.ecs import ContainerImage
from batch_constructs.testing import Template

IMAGE = ContainerImage.from_registry("amazon/amazon-ecs-sample")


def ec2(stack: Any, id: str, **kwargs: Any) -> EcsEc2ContainerDefinition:
    return EcsEc2ContainerDefinition(stack, id, image=IMAGE, cpu=1, memory=Size.mebibytes(2048), **kwargs)


def node(stack: Any, id: str, start: int, end: int) -> MultiNodeContainer:
    return MultiNodeContainer(container=ec2(stack, id), start_node=start, end_node=end)


def only_job_definition(stack: Any) -> dict[str, Any]:
    (jd,) = Template.from_stack(stack).find_resources("aws_batch_job_definition").values()
    return jd


def synth_problems(stack: Any) -> list[str]:
    with pytest.raises(ValidationError) as error:
        Template.from_stack(stack)
    return [message for _, message in error.value.problems]


# -- rendering ---------------------------------------------------------------------------------
def test_seed_distributed_workflow(stack: Any) -> None:
    job = MultiNodeJobDefinition(stack, "JobDefinition",
                                 instance_type=InstanceType.of(InstanceClass.R4, InstanceSize.LARGE),
                                 containers=[node(stack, "mainMPIContainer", 0, 5)])
    job.add_container(MultiNodeContainer(start_node=6, end_node=10, container=ec2(stack, "multiContainer")))
    jd = only_job_definition(stack)
    assert jd["type"] == "multinode"
    assert jd["platform_capabilities"] == ["EC2"]
    assert "propagate_tags" not in jd and "eks_properties" not in jd and "container_properties" not in jd
    props = jd["node_properties"]
    assert props["mainNode"] == 0 and props["numNodes"] == 11
    assert [r["targetNodes"] for r in props["nodeRangeProperties"]] == ["0:5", "6:10"]
    main, multi = (r["container"] for r in props["nodeRangeProperties"])
    assert main.pop("executionRoleArn").startswith("${aws_iam_role.mainMPIContainer_ExecutionRole_")
    assert main == {
        "image": "amazon/amazon-ecs-sample",
        "resourceRequirements": [{"type": "MEMORY", "value": "2048"}, {"type": "VCPU", "value": "1"}],
        "instanceType": "r4.large",
    }
    assert multi["executionRoleArn"].startswith("${aws_iam_role.multiContainer_ExecutionRole_")
    assert [c.target_nodes for c in job.containers] == ["0:5", "6:10"]
    assert job.num_nodes == 11


def test_node_properties_is_canonical_json(stack: Any) -> None:
    MultiNodeJobDefinition(stack, "Job", containers=[MultiNodeContainer(
        container=ec2(stack, "C", command=["echo", "${HOME}"]), start_node=0, end_node=0)])
    raw = Template.from_stack(stack).to_json()["resource"]["aws_batch_job_definition"]
    (resource,) = raw.values()
    text = resource["node_properties"]
    decoded = json.loads(text)
    assert text == json.dumps(decoded, sort_keys=True, separators=(",", ":"))
    (node_range,) = decoded["nodeRangeProperties"]
    # escaped for Terraform, no empty lists/objects, no instanceType when unset
    assert node_range["container"]["command"] == ["echo", "$${HOME}"]
    assert "instanceType" not in node_range["container"] and "environment" not in node_range["container"]
    assert decoded["mainNode"] == 0 and decoded["numNodes"] == 1


def test_seed_main_node_five(stack: Any) -> None:
    job = MultiNodeJobDefinition(stack, "JobDefinition", main_node=5, instance_type="r4.large", propagate_tags=True,
                                 retry_attempts=2, timeout=Duration.hours(1), job_definition_name="mpi")
    job.add_container(container=ec2(stack, "workers"), start_node=0, end_node=4)
    job.add_container(node(stack, "leaders", 5, 9))
    jd = only_job_definition(stack)
    assert jd["name"] == "mpi"
    assert jd["propagate_tags"] is True
    assert jd["retry_strategy"] == {"attempts": 2}
    assert jd["timeout"] == {"attempt_duration_seconds": 3600}
    props = jd["node_properties"]
    assert props["mainNode"] == 5 and props["numNodes"] == 10
    assert all(r["container"]["instanceType"] == "r4.large" for r in props["nodeRangeProperties"])
    assert job.main_node == 5 and job.instance_type == InstanceType("r4.large")


def test_ranges_in_any_order(stack: Any) -> None:
    MultiNodeJobDefinition(stack, "Job", main_node=3, containers=[node(stack, "B", 2, 3), node(stack, "A", 0, 1)])
    props = only_job_definition(stack)["node_properties"]
    assert [r["targetNodes"] for r in props["nodeRangeProperties"]] == ["2:3", "0:1"]
    assert props["numNodes"] == 4


def test_defaults_and_imports(stack: Any) -> None:
    job = MultiNodeJobDefinition(stack, "Job", containers=[node(stack, "C", 0, 1)])
    assert job.main_node == 0
    assert str(job.instance_type) == "optimal"  # OptimalInstanceType(): Batch chooses
    assert "instanceType" not in only_job_definition(stack)["node_properties"]["nodeRangeProperties"][0]["container"]
    assert "${TfToken[" in job.job_definition_arn and "${TfToken[" in job.job_definition_name
    imported = MultiNodeJobDefinition.from_job_definition_arn(
        stack, "I", "arn:aws:batch:us-east-1:123456789012:job-definition/mpi:7")
    assert imported.job_definition_name == "mpi"


# -- validations -------------------------------------------------------------------------------
def test_e29_no_containers(stack: Any) -> None:
    MultiNodeJobDefinition(stack, "JobDefinition", main_node=5, instance_type="r4.large")
    with pytest.raises(ValidationError) as error:
        Template.from_stack(stack)
    assert error.value.problems == [("TestStack/JobDefinition", "multinode job has no containers!")]


def test_e29_reported_by_plain_cdktf_synth(stack: Any) -> None:
    from cdktf import Testing
    MultiNodeJobDefinition(stack, "JobDefinition")
    with pytest.raises(Exception) as error:
        Testing.synth(stack, run_validations=True)
    assert "[TestStack/JobDefinition] multinode job has no containers!" in str(error.value)


def test_overlapping_ranges(stack: Any) -> None:
    MultiNodeJobDefinition(stack, "Job", containers=[node(stack, "A", 0, 5), node(stack, "B", 5, 9)])
    assert synth_problems(stack) == ["MultiNodeJobDefinition 'Job': node ranges 0:5 and 5:9 overlap"]


def test_uncovered_nodes(stack: Any) -> None:
    MultiNodeJobDefinition(stack, "Job", containers=[node(stack, "A", 2, 3), node(stack, "B", 5, 7)], main_node=2)
    assert synth_problems(stack) == ["MultiNodeJobDefinition 'Job': node ranges leave nodes 0:1, 4 uncovered; "
                                     "together they must cover every node from 0 to 7"]


def test_inverted_and_negative_ranges(stack: Any) -> None:
    MultiNodeJobDefinition(stack, "Job", containers=[node(stack, "A", 3, 1), node(stack, "B", -1, 0)])
    assert synth_problems(stack) == [
        "MultiNodeJobDefinition 'Job': node range 3:1 is invalid; it needs 0 <= start_node <= end_node",
        "MultiNodeJobDefinition 'Job': node range -1:0 is invalid; it needs 0 <= start_node <= end_node",
    ]


def test_main_node_outside_ranges(stack: Any) -> None:
    job = MultiNodeJobDefinition(stack, "Job", main_node=5, containers=[node(stack, "A", 0, 4)])
    assert synth_problems(stack) == ["MultiNodeJobDefinition 'Job': main_node 5 is not in any node range (0:4)"]
    # ... and a later add_container fixes it
    job.add_container(node(stack, "B", 5, 5))
    assert only_job_definition(stack)["node_properties"]["numNodes"] == 6


def test_main_node_must_be_non_negative_integer(stack: Any) -> None:
    with pytest.raises(ValidationError) as error:
        MultiNodeJobDefinition(stack, "Job", main_node=-1)
    assert error.value.message == "'main_node' must be a whole number from 0 to 2147483647, got -1 (int)"


def test_fargate_container_rejected(stack: Any) -> None:
    fargate = EcsFargateContainerDefinition(stack, "Fargate", image=IMAGE, cpu=0.25, memory=Size.mebibytes(512))
    MultiNodeJobDefinition(stack, "Job", containers=[MultiNodeContainer(container=fargate, start_node=0,
                                                                        end_node=1)])
    assert synth_problems(stack) == [
        "MultiNodeJobDefinition 'Job': node range 0:1 uses EcsFargateContainerDefinition 'Fargate'; multi-node "
        "jobs run only on EC2 (use EcsEc2ContainerDefinition)"]


def test_non_ecs_container_rejected(stack: Any) -> None:
    job = MultiNodeJobDefinition(stack, "Job")
    with pytest.raises(ValidationError) as error:
        job.add_container(container=object(), start_node=0, end_node=0)
    assert error.value.message == ("MultiNodeJobDefinition 'Job': the container of node range 0:0 must be an "
                                   "EcsEc2ContainerDefinition, got object")


def test_node_indexes_must_be_integers(stack: Any) -> None:
    with pytest.raises(ValidationError) as error:
        MultiNodeContainer(container=ec2(stack, "A"), start_node=0, end_node=1.5)
    assert str(error.value) == "'end_node' must be a whole number, got 1.5 (float); AWS takes integers here"


def test_bad_instance_type(stack: Any) -> None:
    with pytest.raises(ValidationError) as error:
        MultiNodeJobDefinition(stack, "Job", instance_type="large")
    assert error.value.message == "'large' is not an EC2 instance type such as 'm5.large'"


def test_retry_strategy_limit_still_checked(stack: Any) -> None:
    from batch_constructs import Action, Reason, RetryStrategy
    job = MultiNodeJobDefinition(stack, "Job", containers=[node(stack, "A", 0, 0)], retry_attempts=2)
    for _ in range(6):
        job.add_retry_strategy(RetryStrategy.of(Action.RETRY, Reason.NON_ZERO_EXIT_CODE))
    assert synth_problems(stack) == ["JobDefinition 'Job' has 6 retry strategies; at most 5 are allowed"]


def test_node_properties_accepted_by_botocore_model(stack: Any) -> None:
    """The provider drops unknown JSON keys silently and ``terraform validate`` does not look
    inside the string: check the whole object against botocore's RegisterJobDefinition model."""
    import botocore.session
    from botocore.validate import ParamValidator

    job = MultiNodeJobDefinition(stack, "Job", main_node=1, instance_type="c5.large", containers=[
        MultiNodeContainer(container=ec2(stack, "A", command=["mpirun", "Ref::n"], environment={"X": "1"},
                                         privileged=True, gpu=1, readonly_root_filesystem=True, user="1000"),
                           start_node=0, end_node=1)])
    job.add_container(node(stack, "B", 2, 3))
    props = only_job_definition(stack)["node_properties"]
    model = botocore.session.get_session().get_service_model("batch")
    report = ParamValidator().validate(
        {"jobDefinitionName": "x", "type": "multinode", "platformCapabilities": ["EC2"], "nodeProperties": props},
        model.operation_model("RegisterJobDefinition").input_shape)
    assert not report.has_errors(), report.generate_report()
    # and the checker does catch a misspelt key
    props["nodeRangeProperties"][0]["container"]["instanceTyp"] = "c5.large"
    assert ParamValidator().validate({"jobDefinitionName": "x", "type": "multinode", "nodeProperties": props},
                                     model.operation_model("RegisterJobDefinition").input_shape).has_errors()


def test_grant_submit_job(stack: Any) -> None:
    from batch_constructs import JobQueue
    from batch_constructs.iam import User
    from batch_constructs.testing import Match
    job = MultiNodeJobDefinition(stack, "Job", containers=[node(stack, "A", 0, 0)])
    job.grant_submit_job(User(stack, "U"), JobQueue.from_job_queue_arn(
        stack, "Q", "arn:aws:batch:us-east-1:123456789012:job-queue/q"))
    Template.from_stack(stack).has_resource_properties("aws_iam_user_policy", {"policy": {"Statement": [{
        "Action": "batch:SubmitJob",
        "Resource": [Match.string_like_regexp(r"^\$\{aws_batch_job_definition\.Job_\w+\.arn_prefix\}:\*$"),
                     "arn:aws:batch:us-east-1:123456789012:job-queue/q"]}]}})


def test_optimal_instance_type_not_emitted(stack: Any) -> None:
    from batch_constructs import OptimalInstanceType
    job = MultiNodeJobDefinition(stack, "Job", instance_type=OptimalInstanceType(),
                                 containers=[node(stack, "A", 0, 0)])
    assert str(job.instance_type) == "optimal"
    (node_range,) = only_job_definition(stack)["node_properties"]["nodeRangeProperties"]
    assert "instanceType" not in node_range["container"]
