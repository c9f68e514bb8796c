"""AWS Batch constructs for CDK for Terraform, with the API of ``aws_cdk.aws_batch``.

Every construct, enum and helper is importable from here (``from batch_constructs import
JobQueue``). Names load lazily, so ``import batch_constructs`` is cheap and pure-Python parts
(``core``, ``ecs``) never start the jsii runtime.
"""
from __future__ import annotations

import importlib
from typing import Any

from ._errors import BatchConstructsWarning, ValidationError
from ._runtime import quiet_node_banners

quiet_node_banners()

__version__ = "0.1.0"

# public name -> submodule that defines it
_EXPORTS: dict[str, str] = {
    "App": "app",
    "ComputeEnvironmentBase": "compute_environment_base",
    "ManagedComputeEnvironmentBase": "managed_compute_environment",
    "FargateComputeEnvironment": "managed_compute_environment",
    "Connections": "managed_compute_environment",
    "JobQueue": "job_queue",
    "OrderedComputeEnvironment": "job_queue",
    "JobDefinitionBase": "job_definition_base",
    "Action": "job_definition_base",
    "Reason": "job_definition_base",
    "CustomReason": "job_definition_base",
    "RetryStrategy": "job_definition_base",
    "EcsJobDefinition": "ecs_job_definition",
    "EcsContainerDefinitionBase": "ecs_container_definition",
    "EcsEc2ContainerDefinition": "ecs_container_definition",
    "EcsFargateContainerDefinition": "ecs_container_definition",
}

__all__ = ["BatchConstructsWarning", "ValidationError", *sorted(_EXPORTS)]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'batch_constructs' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
