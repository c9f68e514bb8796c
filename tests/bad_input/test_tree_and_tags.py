"""The construct tree, tags, and constructs used across stacks or apps: clear errors, no
JavaScript stack, nothing left behind by a constructor that raised."""
from __future__ import annotations

import warnings
from typing import Any

import pytest

from batch_constructs import BatchConstructsWarning, FargateComputeEnvironment, JobQueue, OrderedComputeEnvironment, \
    ValidationError
from batch_constructs.core import Tags

from ._table import Bad, params, run


def ce(scope: Any, vpc: Any, id: Any = "CE", **kwargs: Any) -> Any:
    return FargateComputeEnvironment(scope, id, vpc=vpc, **kwargs)


def twice(s: Any, v: Any) -> None:
    ce(s, v)
    ce(s, v)


ROWS = [
    Bad("duplicate-id", twice, "TestStack", r"FargateComputeEnvironment: there is already a construct with id 'CE'"),
    Bad("empty-id", lambda s, v: ce(s, v, ""), "TestStack", r"'id' must be a non-empty string, got ''"),
    Bad("none-id", lambda s, v: ce(s, v, None), "TestStack", r"'id' must be a non-empty string, got None"),
    Bad("int-id", lambda s, v: ce(s, v, 5), "TestStack", r"'id' must be a non-empty string, got 5 \(int\)"),
    Bad("slash-id", lambda s, v: ce(s, v, "a/b"), "TestStack", r"'id' must be a string without '/'"),
    Bad("outside-stack", lambda s, v: ce(s.node.scope, v), "", r"'CE' must be created inside a TerraformStack"),
    Bad("scope-str", lambda s, v: ce("TestStack", v), None, r"'scope' must be a construct .*got 'TestStack' \(str\)"),
    Bad("scope-none", lambda s, v: JobQueue(None, "Q"), None, r"JobQueue: 'scope' must be a construct"),
    Bad("tag-aws-prefix", lambda s, v: Tags.of(s).add("aws:team", "x"), "TestStack", r"must not start with 'aws:'"),
    Bad("tag-aws-prefix-upper", lambda s, v: Tags.of(s).add("AWS:team", "x"), "TestStack", r"must not start with 'aws:'"),
    Bad("tag-key-empty", lambda s, v: Tags.of(s).add("", "x"), "TestStack", r"'Tags.add\(\) key' must be a tag key"),
    Bad("tag-key-long", lambda s, v: Tags.of(s).add("k" * 129, "x"), "TestStack", r"1 to 128 characters.*\(129 characters\)"),
    Bad("tag-key-int", lambda s, v: Tags.of(s).add(5, "x"), "TestStack", r"got 5 \(int\)"),
    Bad("tag-key-chars", lambda s, v: Tags.of(s).add("team#1", "x"), "TestStack", r"got 'team#1'"),
    Bad("tag-value-long", lambda s, v: Tags.of(s).add("k", "v" * 257), "TestStack", r"at most 256 characters"),
    Bad("tag-value-int", lambda s, v: Tags.of(s).add("k", 5), "TestStack", r"value of 'k'' must be a tag value.*got 5"),
    Bad("tag-value-none", lambda s, v: Tags.of(s).add("k", None), "TestStack", r"'Tags.add\(\) value of 'k'' is required"),
    Bad("tag-on-construct-aws", lambda s, v: Tags.of(ce(s, v)).add("aws:x", "y"), "TestStack/CE", r"'aws:'"),
    Bad("set-tag-aws", lambda s, v: ce(s, v).tags.set_tag("aws:x", "y"), "TestStack/CE",
        r"'set_tag\(\) key' must not start with 'aws:'"),
    Bad("set-tag-value-int", lambda s, v: ce(s, v).tags.set_tag("k", 5), "TestStack/CE",
        r"'set_tag\(\) value of 'k'' must be a tag value.*got 5"),
    Bad("set-tag-priority", lambda s, v: ce(s, v).tags.set_tag("k", "v", priority=-1), "TestStack/CE",
        r"'set_tag\(\) priority' must be .*-1"),
    Bad("set-tag-launched-str", lambda s, v: ce(s, v).tags.set_tag("k", "v", apply_to_launched_instances="no"),
        "TestStack/CE", r"'apply_to_launched_instances' must be True or False, got 'no'"),
    Bad("tag-include-unknown", lambda s, v: Tags.of(s).add("k", "v", include_resource_types=["AWS::SQS::Queue"]),
        "TestStack", r"'include_resource_types': 'AWS::SQS::Queue' is not a resource type this library creates"),
    Bad("tag-exclude-str", lambda s, v: Tags.of(s).add("k", "v", exclude_resource_types="aws_vpc"), "TestStack",
        r"'exclude_resource_types' must be a list"),
    Bad("tag-remove-aws", lambda s, v: Tags.of(s).remove("aws:k"), "TestStack",
        r"'Tags.remove\(\) key' must not start with 'aws:'"),
]


@params(ROWS)
def test_tree_and_tags(row: Bad, stack: Any, vpc: Any) -> None:
    error = run(row, stack, vpc)
    assert "Error:" not in str(error)


def test_a_constructor_that_raised_leaves_nothing_behind(stack: Any, vpc: Any) -> None:
    from batch_constructs.testing import Template

    with pytest.raises(ValidationError):
        ce(stack, vpc, maxv_cpus=-5)
    good = ce(stack, vpc)  # the same id is free again
    JobQueue(stack, "Queue", compute_environments=[OrderedComputeEnvironment(good, 1)])
    template = Template.from_stack(stack)
    assert len(template.find_resources("aws_batch_compute_environment")) == 1


def test_tags_within_limits_and_tokens_pass(stack: Any, vpc: Any) -> None:
    from cdktf import TerraformVariable

    from batch_constructs.testing import Template

    token = TerraformVariable(stack, "team", type="string").string_value
    Tags.of(stack).add("k" * 128, "v" * 256)
    Tags.of(stack).add("cost-center", token)
    Tags.of(stack).add("a b_.:/=+-@", "")
    ce(stack, vpc)
    tags = next(iter(Template.from_stack(stack).find_resources("aws_batch_compute_environment").values()))["tags"]
    assert tags["k" * 128] == "v" * 256 and tags["cost-center"] == "${var.team}"


def test_warnings_point_at_the_users_line(stack: Any, vpc: Any) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ce(stack, vpc, compute_environment_name="fixed-name")
    (warning,) = [w for w in caught if issubclass(w.category, BatchConstructsWarning)]
    assert warning.filename == __file__


def test_a_construct_of_another_stack_is_a_core_cross_stack_reference(tmp_path: Any) -> None:
    """Within one App the core's cross-stack references carry the value (an output of stack 'one', a remote
    state of it in stack 'two'), as AWS CDK's cross-stack references do."""
    import json

    from cdktf import TerraformStack

    from batch_constructs import App
    from batch_constructs.providers import aws_provider
    from batch_constructs.ec2 import Vpc

    app = App(outdir=str(tmp_path / "out"))
    one, two = TerraformStack(app, "one"), TerraformStack(app, "two")
    for stack in (one, two):
        aws_provider(stack, "aws", region="us-east-1")
    env = ce(one, Vpc.from_attributes(one, "Vpc", vpc_id="vpc-1", private_subnet_ids=["subnet-a"]))
    JobQueue(two, "Queue", compute_environments=[OrderedComputeEnvironment(env, 1)])
    app.synth()
    producer = json.loads((tmp_path / "out" / "stacks" / "one" / "cdk.tf.json").read_text())
    consumer = json.loads((tmp_path / "out" / "stacks" / "two" / "cdk.tf.json").read_text())
    (output,) = [v for k, v in producer["output"].items() if k.startswith("cross-stack-output-")]
    assert output["value"].startswith("${aws_batch_compute_environment.")
    (queue,) = consumer["resource"]["aws_batch_job_queue"].values()
    assert queue["compute_environment_order"][0]["compute_environment"].startswith(
        "${data.terraform_remote_state.cross-stack-reference-input-one.outputs.cross-stack-output-")


def test_a_construct_of_another_app_raises(tmp_path: Any) -> None:
    from cdktf import TerraformStack

    from batch_constructs import App
    from batch_constructs.providers import aws_provider
    from batch_constructs.ec2 import Vpc

    apps = [App(outdir=str(tmp_path / name)) for name in ("a", "b")]
    stacks = [TerraformStack(app, "s") for app in apps]
    for stack in stacks:
        aws_provider(stack, "aws", region="us-east-1")
    env = ce(stacks[0], Vpc.from_attributes(stacks[0], "Vpc", vpc_id="vpc-1", private_subnet_ids=["subnet-a"]))
    JobQueue(stacks[1], "Queue", compute_environments=[OrderedComputeEnvironment(env, 1)])
    with pytest.raises(ValidationError, match=r"\[s/Queue/Resource\] refers to a construct of stack 's' of another App"):
        apps[1].synth()


def test_a_reference_to_a_removed_construct_raises(tmp_path: Any) -> None:
    """REF-02: an address no stack of the app declares (here: the compute environment's L1 removed after the
    queue took its ARN) is refused, naming the construct that refers to it."""
    from cdktf import TerraformStack

    from batch_constructs import App
    from batch_constructs.ec2 import Vpc
    from batch_constructs.providers import aws_provider

    app = App(outdir=str(tmp_path / "out"))
    stack = TerraformStack(app, "s")
    aws_provider(stack, region="us-east-1")
    env = ce(stack, Vpc.from_attributes(stack, "Vpc", vpc_id="vpc-1", private_subnet_ids=["subnet-a"]))
    JobQueue(stack, "Queue", compute_environments=[OrderedComputeEnvironment(env, 1)])
    env.node.try_remove_child("Resource")
    with pytest.raises(ValidationError, match=r"\[s/Queue/Resource\] refers to aws_batch_compute_environment\.\w+, "
                                              r"which this stack does not declare"):
        app.synth()
    assert not (tmp_path / "out").exists()
