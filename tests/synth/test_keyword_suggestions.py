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
