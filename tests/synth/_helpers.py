"""Helpers shared by several test modules of this folder: the compute environment tests and the
ECS job definition tests. Tiny one-liners used by one module stay in that module."""
from __future__ import annotations

from typing import Any

import pytest

from batch_constructs import EcsEc2ContainerDefinition, ManagedEc2EcsComputeEnvironment, ValidationError
from batch_constructs.core import Size
from batch_constructs.ecs import ContainerImage
from batch_constructs.testing import Template

# -- compute environments ----------------------------------------------------------------------------


def only_ce(stack: Any) -> dict[str, Any]:
    (ce,) = Template.from_stack(stack).find_resources("aws_batch_compute_environment").values()
    return ce


def ecs(stack: Any, vpc: Any, id: str = "CE", **kwargs: Any) -> ManagedEc2EcsComputeEnvironment:
    return ManagedEc2EcsComputeEnvironment(stack, id, vpc=vpc, **kwargs)


def raises(message: str) -> Any:
    import re
    return pytest.raises(ValidationError, match="^" + re.escape(message) + "$")


# -- ECS job definitions ----------------------------------------------------------------------------

IMAGE = "public.ecr.aws/amazonlinux/amazonlinux:latest"


def image() -> ContainerImage:
    return ContainerImage.from_registry(IMAGE)


def ec2(stack: Any, id: str = "Container", **kwargs: Any) -> EcsEc2ContainerDefinition:
    kwargs.setdefault("cpu", 1)
    kwargs.setdefault("memory", Size.mebibytes(2048))
    return EcsEc2ContainerDefinition(stack, id, image=kwargs.pop("image", image()), **kwargs)


def job_definition(template: Template) -> dict[str, Any]:
    (jd,) = template.find_resources("aws_batch_job_definition").values()
    return jd


def _message(excinfo: pytest.ExceptionInfo[ValidationError]) -> str:
    return excinfo.value.message


def statements(template: Template, role_id: str | None = None) -> list[dict[str, Any]]:
    """The statements of the inline role policies (of the role whose id is ``role_id``, if given)."""
    return [s for key, p in template.find_resources("aws_iam_role_policy").items()
            if role_id is None or key.startswith(role_id + "_") for s in p["policy"]["Statement"]]


def _listed(value: Any) -> list[str]:
    return value if isinstance(value, list) else [value]


def allowed(template: Template) -> set[tuple[str, str]]:
    """Every (action, resource) pair the role policies allow (statements may be merged)."""
    return {(a, r) for s in statements(template) for a in _listed(s["Action"]) for r in _listed(s["Resource"])}
