"""``container_properties`` against botocore's AWS Batch model: the key checker and the model's keys.

The AWS provider drops unknown keys of ``container_properties`` silently (and ``terraform
validate`` never looks inside the JSON string), so the keys are checked against botocore's
``ContainerProperties`` shape. These helpers are pure (no jsii) and shared: the tests that build
containers (a property-based test, the example stacks) are in
``tests/synth/test_container_properties.py``, and ``tests/terraform/test_random_apps.py`` uses them too.
"""
from __future__ import annotations

from typing import Any

import botocore.session
import pytest
from botocore.validate import ParamValidator

MODEL = botocore.session.get_session().get_service_model("batch")
CONTAINER_SHAPE = MODEL.shape_for("ContainerProperties")
REGISTER_INPUT = MODEL.operation_model("RegisterJobDefinition").input_shape


def unknown_keys(value: Any, shape: Any, path: str = "containerProperties") -> list[str]:
    """Every key of ``value`` that ``shape`` (a botocore shape) does not define, as paths."""
    problems: list[str] = []
    if shape.type_name == "structure":
        if not isinstance(value, dict):
            return [f"{path}: expected an object"]
        for key, item in value.items():
            if key not in shape.members:
                problems.append(f"{path}.{key}")
            else:
                problems.extend(unknown_keys(item, shape.members[key], f"{path}.{key}"))
    elif shape.type_name == "list":
        for i, item in enumerate(value if isinstance(value, list) else []):
            problems.extend(unknown_keys(item, shape.member, f"{path}[{i}]"))
    elif shape.type_name == "map":
        for key, item in (value.items() if isinstance(value, dict) else []):
            problems.extend(unknown_keys(item, shape.value, f"{path}.{key}"))
    return problems


def botocore_errors(container_properties: dict[str, Any], platform: str) -> str:
    params = {"jobDefinitionName": "x", "type": "container", "platformCapabilities": [platform],
              "containerProperties": container_properties}
    report = ParamValidator().validate(params, REGISTER_INPUT)
    return report.generate_report() if report.has_errors() else ""


def test_key_checker_finds_misspelt_keys() -> None:
    assert unknown_keys({"image": "x", "readOnlyRootFilesystem": True,
                         "linuxParameters": {"sharedMemSize": 1},
                         "volumes": [{"name": "v", "efsVolumeConfiguration": {"fileSystemID": "fs"}}]},
                        CONTAINER_SHAPE) == [
        "containerProperties.readOnlyRootFilesystem", "containerProperties.linuxParameters.sharedMemSize",
        "containerProperties.volumes[0].efsVolumeConfiguration.fileSystemID"]
    assert "resourceRequirements[0].value" in botocore_errors(
        {"image": "x", "resourceRequirements": [{"type": "VCPU", "value": 1}]}, "EC2")


@pytest.mark.parametrize("key", sorted(CONTAINER_SHAPE.members))
def test_every_api_key_is_known_to_the_library_or_deliberately_unused(key: str) -> None:
    """A new key in botocore's model shows up here, so the team decides whether to support it."""
    supported = {"image", "command", "jobRoleArn", "executionRoleArn", "volumes", "environment", "mountPoints",
                 "readonlyRootFilesystem", "privileged", "ulimits", "user", "resourceRequirements",
                 "linuxParameters", "logConfiguration", "secrets", "networkConfiguration",
                 "fargatePlatformConfiguration", "enableExecuteCommand", "ephemeralStorage", "runtimePlatform",
                 "repositoryCredentials", "instanceType"}
    deprecated = {"vcpus", "memory"}  # replaced by resourceRequirements; never emitted
    assert key in supported | deprecated
