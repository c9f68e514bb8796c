"""What every compute environment shares: name or name prefix, state, service role, the
replacement-safe lifecycle, imports and the attributes queues need.
"""
from __future__ import annotations

from typing import Any

from ._base import BatchConstruct, RemovableResource, resource_address
from ._check import check_scope
from ._errors import ValidationError
from ._imported import Imported
# NAME_PATTERN is re-exported for old imports (the library imports it from ._naming)
from ._naming import NAME_PATTERN, arn_resource_name, check_name, generated_name  # noqa: F401
from ._tokens import is_unresolved
from ._runtime import COMPAT
from .ec2 import Connections
from .compute_environment_validation import (COMPUTE_ENVIRONMENT_ARN, COMPUTE_ENVIRONMENT_ARN_RULE, validate_flags,
                                             validate_role)

__all__ = ["ComputeEnvironmentBase", "ImportedComputeEnvironment"]


class ComputeEnvironmentBase(BatchConstruct, RemovableResource):
    """Base of the four compute environments.

    Emits one ``aws_batch_compute_environment`` with ``lifecycle.create_before_destroy`` and,
    unless ``compute_environment_name`` is given, a generated name prefix seeded with the
    environment kind and service-role mode, so that switches AWS cannot make in place (EC2 ↔
    Fargate, service-linked ↔ custom role) replace the environment instead of failing.
    """

    #: ``ecs-ec2`` | ``eks`` | ``fargate`` | ``unmanaged``
    _KIND = ""
    #: ``EC2`` (EC2/SPOT), ``FARGATE`` (FARGATE/FARGATE_SPOT) or ``None`` (unmanaged)
    compute_type_family: str | None = None
    #: ``ECS`` or ``EKS`` orchestration
    orchestration: str | None = "ECS"
    #: the CPU architecture of the instances (``ec2.InstanceArchitecture``); ``None`` when
    #: unknown (Fargate, unmanaged). EC2 environments compute it from their instance types.
    architecture: Any = None

    def __init__(self, scope: Any, id: str, *, compute_environment_name: str | None = None,
                 service_role: Any = None, enabled: bool | None = None) -> None:
        check_scope(scope, id)
        super().__init__(scope, id)
        check_name(self, "compute_environment_name", compute_environment_name)
        self._compute_environment_name = compute_environment_name
        self.service_role = validate_role(self, "service_role", service_role)
        enabled = validate_flags(self, enabled=enabled)["enabled"]
        self.enabled = True if enabled is None else enabled
        self._depends_on: list[Any] = []
        if compute_environment_name and not is_unresolved(compute_environment_name):
            from ._errors import warn
            warn(self, f"compute_environment_name '{compute_environment_name}' is fixed: a change that "
                       "replaces this ComputeEnvironment will fail (create_before_destroy collides on the "
                       "name). Leave it unset to get a generated name prefix.")

    def _create_resource(self) -> Any:
        """Create the L1; subclasses call this at the end of their constructor."""
        self.resource = self._new_l1("Resource", "batch_compute_environment", "BatchComputeEnvironment",
                                     type=self._ce_type(), render=self._render_resource, taggable=True,
                                     lifecycle={"create_before_destroy": True})
        deps = list(self._depends_on)
        if self.service_role is not None:
            deps.extend(getattr(self.service_role, "policy_attachments", []))
        if deps:
            self.resource.add_override("depends_on", [resource_address(d) for d in deps])
        return self.resource

    def _ce_type(self) -> str:
        return "MANAGED"

    def _name_attrs(self) -> dict[str, Any]:
        if self._compute_environment_name:
            return {COMPAT.ce_name_key: self._compute_environment_name}
        mode = "custom-role" if self.service_role is not None else "linked-role"
        seed = f"{self._KIND}/{mode}"
        prefix = generated_name(self, max_length=92, seed=seed) + "-"
        return {COMPAT.ce_name_prefix_key: prefix}

    def _render_resource(self) -> dict[str, Any]:
        attrs: dict[str, Any] = {"type": self._ce_type(),
                                 "state": "ENABLED" if self.enabled else "DISABLED",
                                 **self._name_attrs()}
        if self.service_role is not None:
            attrs["service_role"] = self.service_role.role_arn
        attrs.update(self._render_specific())
        return attrs

    def _render_specific(self) -> dict[str, Any]:
        return {}

    @property
    def compute_environment_arn(self) -> str:
        return self.resource.arn

    @property
    def compute_environment_name(self) -> str:
        return getattr(self.resource, COMPAT.ce_name_attribute)


class ImportedComputeEnvironment(Imported):
    """A compute environment known by ARN (``from_*_compute_environment_arn``): creates nothing."""

    #: the keyword of the ARN in the ``from_*_arn`` factory (for messages)
    _ARN_KEYWORD = "compute_environment_arn"

    def __init__(self, scope: Any, id: str, arn: str, *, compute_type_family: str | None = None,
                 orchestration: str | None = None, arn_keyword: str | None = None) -> None:
        super().__init__(scope, id)
        self.compute_environment_arn = self._keep_arn(arn_keyword or self._ARN_KEYWORD, arn,
                                                      pattern=COMPUTE_ENVIRONMENT_ARN,
                                                      rule=COMPUTE_ENVIRONMENT_ARN_RULE)
        self.compute_environment_name = arn_resource_name(arn)
        self.enabled = True
        self.maxv_cpus = 1
        self.security_groups: list[Any] = []
        self.compute_type_family = compute_type_family
        self.orchestration = orchestration
        self.instance_types: list[Any] = []
        self.instance_classes: list[Any] = []
        self.architecture = None
        self.connections = Connections([])


class _L1ComputeEnvironment:
    """Adapter for the provider's ``BatchComputeEnvironment`` L1."""

    def __init__(self, l1: Any) -> None:
        self.compute_environment_arn = l1.arn
        self.compute_environment_name = l1.id
        self.compute_type_family = None
        self.orchestration = None
        self.architecture = None


def as_compute_environment(value: Any, *, scope: Any = None) -> Any:
    if hasattr(value, "compute_environment_arn"):
        return value
    if getattr(value, "terraform_resource_type", None) == "aws_batch_compute_environment":
        return _L1ComputeEnvironment(value)
    raise ValidationError(scope, "expected a compute environment (of this library, imported with "
                                 f"from_*_arn, or the provider's BatchComputeEnvironment), got {type(value).__name__}")


class ImportedManagedEc2EcsComputeEnvironment(ImportedComputeEnvironment):
    """``ManagedEc2EcsComputeEnvironment.from_managed_ec2_ecs_compute_environment_arn``: creates nothing."""

    _ARN_KEYWORD = "managed_ec2_ecs_compute_environment_arn"

    def __init__(self, scope: Any, id: str, arn: str) -> None:
        super().__init__(scope, id, arn, compute_type_family="EC2", orchestration="ECS")
        self.connections = Connections([])

    def add_instance_class(self, instance_class: Any) -> None:
        raise ValidationError(self.path, f"cannot add instance class to imported ComputeEnvironment '{self.node_id}'")

    def add_instance_type(self, instance_type: Any) -> None:
        raise ValidationError(self.path, f"cannot add instance type to imported ComputeEnvironment '{self.node_id}'")


from ._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
