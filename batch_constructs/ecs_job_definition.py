"""``EcsJobDefinition``: a single-container ECS job definition (``container_properties``)."""
from __future__ import annotations

from typing import Any, Sequence

from ._check import check_bool, check_instance
from ._json import canonical_json
from .ecs_container_definition import EcsContainerDefinitionBase
from .core import Duration
from .job_definition_base import JobDefinitionBase, RetryStrategy

__all__ = ["EcsJobDefinition"]


class EcsJobDefinition(JobDefinitionBase):
    """An ``aws_batch_job_definition`` of type ``container`` with ``container_properties``.

    :param container: an ``EcsEc2ContainerDefinition`` (platform ``EC2``) or
        ``EcsFargateContainerDefinition`` (platform ``FARGATE``) (required).
    :param propagate_tags: default: not emitted (Batch's ``False``).
    Other keywords: :class:`~batch_constructs.job_definition_base.JobDefinitionBase`.
    """

    #: AWS CDK's id of this class for property injection (``core.PropertyInjectors``).
    PROPERTY_INJECTION_ID = "aws-cdk-lib.aws-batch.EcsJobDefinition"

    def __init__(self, scope: Any, id: str, *, container: EcsContainerDefinitionBase,
                 propagate_tags: bool | None = None,
                 job_definition_name: str | None = None, parameters: dict[str, Any] | None = None,
                 retry_attempts: int | None = None, retry_strategies: Sequence[RetryStrategy] | None = None,
                 scheduling_priority: int | None = None, timeout: Duration | None = None,
                 skip_deregister_on_update: bool | None = None) -> None:
        super().__init__(scope, id, job_definition_name=job_definition_name, parameters=parameters,
                         retry_attempts=retry_attempts, retry_strategies=retry_strategies,
                         scheduling_priority=scheduling_priority, timeout=timeout,
                         skip_deregister_on_update=skip_deregister_on_update)
        self.container = check_instance(self, "container", container, EcsContainerDefinitionBase,
                                        "an EcsEc2ContainerDefinition or EcsFargateContainerDefinition",
                                        required=True)
        self.propagate_tags = check_bool(self, "propagate_tags", propagate_tags)
        self._create_resource("container")

    def _render_resource(self) -> dict[str, Any]:
        attrs = self._render_common()
        attrs["type"] = "container"
        attrs["platform_capabilities"] = [self.container.platform_capability]
        attrs["container_properties"] = canonical_json(self.container._render_container())
        if self.propagate_tags is not None:
            attrs["propagate_tags"] = self.propagate_tags
        return attrs


from ._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
