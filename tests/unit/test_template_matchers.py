"""Template and Match on plain JSON (no jsii): what passes, what fails and how it reports."""
from __future__ import annotations

import json

import pytest

from batch_constructs.testing import Match, Template

DOC = {
    "//": {"metadata": {"version": "0.21.0"}},
    "resource": {
        "aws_batch_job_definition": {
            "jd": {"//": {"metadata": {"path": "s/jd"}}, "name": "jd", "type": "container",
                   "platform_capabilities": ["FARGATE"],
                   "container_properties": json.dumps({
                       "image": "public.ecr.aws/amazonlinux/amazonlinux:latest",
                       "resourceRequirements": [{"type": "MEMORY", "value": "2048"},
                                                {"type": "VCPU", "value": "0.25"}]})},
        },
        "aws_batch_job_queue": {
            "q1": {"name": "q1", "priority": 1, "state": "ENABLED"},
            "q2": {"name": "q2", "priority": 10, "state": "ENABLED"},
        },
    },
}


@pytest.fixture()
def template() -> Template:
    return Template.from_json(DOC)


def test_metadata_is_stripped_and_counts(template: Template) -> None:
    assert "//" not in template.to_json()
    template.resource_count_is("aws_batch_job_queue", 2)
    template.resource_count_is("aws_iam_role", 0)
    with pytest.raises(AssertionError, match="Expected 3 resources of type aws_batch_job_queue but found 2"):
        template.resource_count_is("aws_batch_job_queue", 3)


def test_json_string_attributes_are_decoded(template: Template) -> None:
    template.has_resource_properties("aws_batch_job_definition", {
        "container_properties": {"image": Match.string_like_regexp("amazonlinux"),
                                  "resourceRequirements": Match.array_with([{"type": "VCPU", "value": "0.25"}])}})


def test_matchers(template: Template) -> None:
    template.has_resource_properties("aws_batch_job_queue", {"priority": 10, "scheduling_policy_arn": Match.absent()})
    template.has_resource_properties("aws_batch_job_queue", Match.object_equals(
        {"name": "q1", "priority": 1, "state": "ENABLED"}))
    template.has_resource_properties("aws_batch_job_definition", {"platform_capabilities": Match.any_value()})
    template.has_resource_properties("aws_batch_job_queue", {"priority": Match.not_(1)})
    with pytest.raises(AssertionError):
        template.has_resource_properties("aws_batch_job_queue", Match.object_equals({"name": "q1", "priority": 1}))
    with pytest.raises(AssertionError):
        template.has_resource_properties("aws_batch_job_queue", {"name": Match.absent()})
    with pytest.raises(AssertionError):
        template.has_resource_properties("aws_batch_job_definition", {
            "container_properties": {"resourceRequirements": Match.array_with([{"type": "GPU"}])}})


def test_failure_shows_closest_resource_and_path(template: Template) -> None:
    with pytest.raises(AssertionError) as failure:
        template.has_resource_properties("aws_batch_job_queue", {"name": "q2", "priority": 11})
    text = str(failure.value)
    assert "The closest result is aws_batch_job_queue.q2" in text
    assert "at /priority: expected 11, got 10" in text


def test_find_resources_and_all_resources(template: Template) -> None:
    assert list(template.find_resources("aws_batch_job_queue", {"priority": 10})) == ["q2"]
    assert set(template.find_resources("aws_batch_job_queue")) == {"q1", "q2"}
    template.all_resources_properties("aws_batch_job_queue", {"state": "ENABLED"})
    with pytest.raises(AssertionError, match="at /priority"):
        template.all_resources_properties("aws_batch_job_queue", {"priority": 1})


def test_arrays_are_exact_in_literals(template: Template) -> None:
    with pytest.raises(AssertionError, match="expected an array of 2 entries"):
        template.has_resource_properties("aws_batch_job_definition", {"platform_capabilities": ["FARGATE", "EC2"]})
