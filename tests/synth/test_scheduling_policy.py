"""FairshareSchedulingPolicy: rendering, imports, and every validation with its message."""
from __future__ import annotations

import re
from typing import Any

import pytest

from batch_constructs import FairshareSchedulingPolicy, JobQueue, Share, ValidationError
from batch_constructs.core import Duration, Tags
from batch_constructs.scheduling_policy import shares_overlap
from batch_constructs.testing import Template

POLICY_ARN = "arn:aws:batch:us-east-1:123456789012:scheduling-policy/theirs"


def only_policy(stack: Any) -> dict[str, Any]:
    (policy,) = Template.from_stack(stack).find_resources("aws_batch_scheduling_policy").values()
    return policy


def synth_problems(stack: Any) -> list[tuple[str | None, str]]:
    with pytest.raises(ValidationError) as info:
        Template.from_stack(stack)
    return info.value.problems


def construct_error(**kwargs: Any) -> str:
    from cdktf import TerraformStack, Testing
    stack = TerraformStack(Testing.app(), "TestStack")
    with pytest.raises(ValidationError) as info:
        FairshareSchedulingPolicy(stack, "Policy", **kwargs)
    return str(info.value)


# -- rendering ------------------------------------------------------------------------------------

def test_seed_compute_reservation_example(stack: Any) -> None:
    FairshareSchedulingPolicy(stack, "myFairsharePolicy", compute_reservation=75, shares=[
        Share(weight_factor=1, share_identifier="A"), Share(weight_factor=0.5, share_identifier="B"),
        Share(weight_factor=2, share_identifier="C")])
    policy = only_policy(stack)
    assert re.fullmatch(r"TestStack-myFairsharePolicy-[0-9A-F]{8}", policy["name"])
    assert policy["fair_share_policy"] == {"compute_reservation": 75, "share_distribution": [
        {"share_identifier": "A", "weight_factor": 1}, {"share_identifier": "B", "weight_factor": 0.5},
        {"share_identifier": "C", "weight_factor": 2}]}


def test_add_share_and_share_decay(stack: Any) -> None:
    policy = FairshareSchedulingPolicy(stack, "Policy", share_decay=Duration.minutes(5),
                                       scheduling_policy_name="my_policy-1")
    policy.add_share(Share(share_identifier="A", weight_factor=1))
    policy.add_share(share_identifier="B*", weight_factor=0.0001)
    policy.add_share({"share_identifier": "C", "weight_factor": 999.9999})
    rendered = only_policy(stack)
    assert rendered["name"] == "my_policy-1"
    assert rendered["fair_share_policy"] == {"share_decay_seconds": 300, "share_distribution": [
        {"share_identifier": "A", "weight_factor": 1}, {"share_identifier": "B*", "weight_factor": 0.0001},
        {"share_identifier": "C", "weight_factor": 999.9999}]}
    assert [s.share_identifier for s in policy.shares] == ["A", "B*", "C"]
    assert policy.share_decay == Duration.seconds(300) and policy.compute_reservation is None


def test_empty_policy_omits_share_distribution(stack: Any) -> None:
    FairshareSchedulingPolicy(stack, "Policy")
    assert only_policy(stack)["fair_share_policy"] == {}


def test_limits_are_accepted(stack: Any) -> None:
    FairshareSchedulingPolicy(stack, "Policy", compute_reservation=99, share_decay=Duration.days(7),
                              shares=[Share("a" * 254 + "*", 1), Share("b" * 255, 1)])
    rendered = only_policy(stack)["fair_share_policy"]
    assert (rendered["compute_reservation"], rendered["share_decay_seconds"]) == (99, 604800)


def test_zero_values_are_rendered(stack: Any) -> None:
    FairshareSchedulingPolicy(stack, "Policy", compute_reservation=0, share_decay=Duration.seconds(0))
    assert only_policy(stack)["fair_share_policy"] == {"compute_reservation": 0, "share_decay_seconds": 0}


def test_tags(stack: Any) -> None:
    FairshareSchedulingPolicy(stack, "Policy")
    Tags.of(stack).add("team", "research")
    assert only_policy(stack)["tags"] == {"team": "research"}


def test_attributes_and_queue_reference(stack: Any) -> None:
    from batch_constructs.compute_environment_base import ImportedComputeEnvironment
    policy = FairshareSchedulingPolicy(stack, "Policy")
    assert policy.scheduling_policy_arn.startswith("${TfToken[")
    queue = JobQueue(stack, "Queue", scheduling_policy=policy)
    queue.add_compute_environment(ImportedComputeEnvironment(
        stack, "Ce", "arn:aws:batch:us-east-1:123456789012:compute-environment/x"), 1)
    from cdktf import TerraformOutput
    TerraformOutput(stack, "Name", value=policy.scheduling_policy_name)
    template = Template.from_stack(stack)
    (rendered,) = template.find_resources("aws_batch_job_queue").values()
    assert re.fullmatch(r"\$\{aws_batch_scheduling_policy\.Policy_[0-9A-F]+\.arn\}", rendered["scheduling_policy_arn"])
    assert re.fullmatch(r"\$\{aws_batch_scheduling_policy\.Policy_[0-9A-F]+\.name\}",
                        template.to_json()["output"]["Name"]["value"])


def test_import_by_arn() -> None:
    from cdktf import TerraformStack, Testing
    stack = TerraformStack(Testing.app(), "TestStack")
    policy = FairshareSchedulingPolicy.from_fairshare_scheduling_policy_arn(stack, "Imported", POLICY_ARN)
    assert (policy.scheduling_policy_arn, policy.scheduling_policy_name, policy.shares) == (POLICY_ARN, "theirs", [])
    with pytest.raises(ValidationError) as info:
        policy.add_share(Share("A", 1))
    assert str(info.value) == "[TestStack/Imported] cannot add shares to imported FairshareSchedulingPolicy 'Imported'"


# -- validations ----------------------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    (-1, "a whole number from 0 to 99, got -1 (int)"), (100, "a whole number from 0 to 99, got 100 (int)"),
    (12.5, "a whole number, got 12.5 (float); AWS takes integers here"), ("75", "a whole number, got '75' (str)")])
def test_compute_reservation_range(value: Any, expected: str) -> None:
    assert construct_error(compute_reservation=value) == f"[TestStack/Policy] 'compute_reservation' must be {expected}"


def test_share_decay_at_most_a_week() -> None:
    assert construct_error(share_decay=Duration.seconds(604801)) == (
        "[TestStack/Policy] 'share_decay (in seconds)' must be a whole number from 0 to 604800, got 604801 (int)")
    assert construct_error(share_decay=Duration.days(8)).endswith("must be a whole number from 0 to 604800, "
                                                                  "got 691200 (int)")


def test_share_decay_whole_seconds_and_type() -> None:
    assert construct_error(share_decay=Duration.millis(1500)) == (
        "[TestStack/Policy] '1500 millis' cannot be converted into a whole number of seconds.")
    assert construct_error(share_decay=300) == (
        "[TestStack/Policy] 'share_decay' must be a Duration, got 300 (int); use Duration.seconds(n), "
        "Duration.minutes(n), ...")


@pytest.mark.parametrize("weight, expected", [
    (0, "a number from 0.0001 to 999.9999, got 0 (int)"), (0.00005, "a number from 0.0001 to 999.9999, got 5e-05 (float)"),
    (1000, "a number from 0.0001 to 999.9999, got 1000 (int)"), (-1, "a number from 0.0001 to 999.9999, got -1 (int)"),
    ("1", "a finite number, got '1' (str)")])
def test_weight_factor_range(weight: Any, expected: str) -> None:
    with pytest.raises(ValidationError) as info:  # a value object: no construct path
        Share("A", weight)
    assert (info.value.path, str(info.value)) == (None, f"'weight_factor' must be {expected}")
    assert construct_error(shares=[{"share_identifier": "A", "weight_factor": weight}]) == (
        f"[TestStack/Policy] 'shares[0].weight_factor' must be {expected}")


def test_weight_factor_checked_in_add_share(stack: Any) -> None:
    policy = FairshareSchedulingPolicy(stack, "Policy")
    with pytest.raises(ValidationError) as info:
        policy.add_share(share_identifier="B", weight_factor=1000)
    assert str(info.value) == ("[TestStack/Policy] 'weight_factor' must be a number from 0.0001 to 999.9999, "
                               "got 1000 (int)")
    assert policy.shares == []


@pytest.mark.parametrize("identifier", ["", "user-a", "a" * 256, "A**", "*A", "user a", "b" * 256 + "*"])
def test_share_identifier_pattern(identifier: str) -> None:
    with pytest.raises(ValidationError) as info:
        Share(identifier, 1)
    assert info.value.message.startswith("'share_identifier' must be 1-255 letters, digits or underscores, "
                                         "optionally followed by '*', got ")
    assert construct_error(shares=[{"share_identifier": identifier, "weight_factor": 1}]).startswith(
        "[TestStack/Policy] 'shares[0].share_identifier' must be 1-255 letters")


def test_share_identifier_limits_are_accepted() -> None:
    # Batch: up to 255 alphanumeric characters, optionally followed by '*'.
    assert Share("b" * 255 + "*", 1).share_identifier == "b" * 255 + "*"
    assert Share("user_a*", 1).share_identifier == "user_a*"


def test_add_share_needs_both_fields(stack: Any) -> None:
    policy = FairshareSchedulingPolicy(stack, "Policy")
    with pytest.raises(ValidationError) as info:
        policy.add_share(share_identifier="A")
    assert info.value.message == "'weight_factor' is required: pass a finite number"
    with pytest.raises(ValidationError) as info:
        policy.add_share(42)
    assert info.value.message == "'share' must be a Share(share_identifier, weight_factor), got 42 (int)"


def test_duplicate_identifiers(stack: Any) -> None:
    policy = FairshareSchedulingPolicy(stack, "Policy", shares=[Share("A", 1)])
    policy.add_share(Share("A", 2))
    assert synth_problems(stack) == [
        ("TestStack/Policy", "FairshareSchedulingPolicy 'Policy' has more than one share with identifier 'A'")]


@pytest.mark.parametrize("first, second", [("UserA*", "UserA1"), ("UserA1", "UserA*"), ("User*", "UserA*"),
                                           ("UserA*", "UserA"), ("*", "B")])
def test_prefix_overlap(stack: Any, first: str, second: str) -> None:
    FairshareSchedulingPolicy(stack, "Policy", shares=[Share(first, 1), Share(second, 1)])
    assert synth_problems(stack) == [
        ("TestStack/Policy", f"FairshareSchedulingPolicy 'Policy': share identifiers '{first}' and '{second}' "
                             "overlap; AWS Batch does not allow a prefix ('*') to cover another identifier")]


@pytest.mark.parametrize("first, second", [("UserA*", "UserB"), ("UserA*", "UserB*"), ("UserA1", "UserA"),
                                           ("UserAB", "UserAC")])
def test_no_overlap(first: str, second: str) -> None:
    assert not shares_overlap(first, second)


def test_non_overlapping_prefixes_synthesize(stack: Any) -> None:
    FairshareSchedulingPolicy(stack, "Policy", shares=[Share("UserA*", 1), Share("UserB*", 1), Share("Admin", 0.5)])
    assert len(only_policy(stack)["fair_share_policy"]["share_distribution"]) == 3


def test_at_most_500_shares(stack: Any) -> None:
    FairshareSchedulingPolicy(stack, "Policy", shares=[Share(f"S{i:03d}", 1) for i in range(501)])
    assert synth_problems(stack) == [("TestStack/Policy", "FairshareSchedulingPolicy 'Policy' has 501 shares; "
                                                          "at most 500 are allowed")]


def test_policy_name_aws_refuses() -> None:
    assert construct_error(scheduling_policy_name="my policy") == (
        "[TestStack/Policy] 'scheduling_policy_name' value 'my policy' must be 1-128 letters, digits, hyphens "
        "or underscores, starting with a letter or digit")


def test_unknown_keyword(stack: Any) -> None:
    with pytest.raises(TypeError, match="unexpected keyword argument.*share_distribution"):
        FairshareSchedulingPolicy(stack, "Policy", share_distribution=[])


def test_calculator_takes_the_policy(stack: Any) -> None:
    from batch_constructs.fairshare import calculate_fairshare
    policy = FairshareSchedulingPolicy(stack, "Policy", compute_reservation=75, shares=[Share("A", 1)])
    policy.add_share(Share("B", 1))
    calc = calculate_fairshare(policy, vcpus_per_job={"A": 32, "B": 64})
    assert {r.share_identifier: r.jobs_ratio for r in calc.shares} == {"A": 2, "B": 1}
    assert [r.reserved_percent for r in calc.reservation] == [100.0, 75.0, 56.25, 42.1875]


def test_rendered_block_fits_the_bindings_structs(stack: Any) -> None:
    """Late values bypass the bindings' key mapping; the typed structs must accept the keys."""
    FairshareSchedulingPolicy(stack, "Policy", compute_reservation=10, share_decay=Duration.hours(1),
                              shares=[Share("A", 1), Share("B*", 0.5)])
    from batch_constructs._runtime import provider_class
    block = dict(only_policy(stack)["fair_share_policy"])
    distribution_cls = provider_class("batch_scheduling_policy", "BatchSchedulingPolicyFairSharePolicyShareDistribution")
    shares = [distribution_cls(**s) for s in block.pop("share_distribution")]
    policy = provider_class("batch_scheduling_policy", "BatchSchedulingPolicyFairSharePolicy")(
        share_distribution=shares, **block)
    assert (policy.compute_reservation, policy.share_decay_seconds) == (10, 3600)
    assert [s.share_identifier for s in shares] == ["A", "B*"]
