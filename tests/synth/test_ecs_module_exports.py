"""``aws_cdk.aws_ecs`` has the log drivers; so does ``batch_constructs.ecs`` (issue 10)."""
from __future__ import annotations

import batch_constructs
from batch_constructs import ecs


def test_log_drivers_import_from_ecs_as_in_aws_cdk() -> None:
    from batch_constructs.ecs import AwsLogDriver, AwsLogDriverMode, LogDriver, LogDrivers

    assert LogDrivers is batch_constructs.LogDrivers
    assert isinstance(LogDrivers.aws_logs(stream_prefix="job"), AwsLogDriver)
    assert issubclass(AwsLogDriver, LogDriver)
    assert AwsLogDriverMode.NON_BLOCKING.value == "non-blocking"


def test_star_import_and_unknown_names() -> None:
    namespace: dict[str, object] = {}
    exec("from batch_constructs.ecs import *", namespace)
    assert {"ContainerImage", "LogDrivers", "AwsLogDriver"} <= set(namespace)
    try:
        ecs.NoSuchThing  # noqa: B018
    except AttributeError as error:
        assert "NoSuchThing" in str(error)
    else:
        raise AssertionError("unknown name imported")
