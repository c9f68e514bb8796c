"""``EksJobDefinition``: a job definition that runs a Kubernetes pod on an EKS compute environment.

Emits one ``aws_batch_job_definition`` of type ``container`` with the typed ``eks_properties``
block (no ``platform_capabilities``, no ``container_properties``).
"""
from __future__ import annotations

import enum
from typing import Any, Sequence

from ._check import check_bool, check_enum, check_instance, check_str
from ._json import escape_strings
from .eks_container_definition import EksContainerDefinition
from .core import Duration
from .job_definition_base import ImportedJobDefinition, JobDefinitionBase, RetryStrategy

__all__ = ["DnsPolicy", "EksJobDefinition"]


class DnsPolicy(enum.StrEnum):
    """The pod's DNS policy (Kubernetes' exact spelling)."""

    DEFAULT = "Default"
    CLUSTER_FIRST = "ClusterFirst"
    CLUSTER_FIRST_WITH_HOST_NET = "ClusterFirstWithHostNet"


class EksJobDefinition(JobDefinitionBase):
    """An ``aws_batch_job_definition`` with ``eks_properties { pod_properties { ... } }``.

    :param container: the pod's ``EksContainerDefinition`` (required).
    :param dns_policy: ``DnsPolicy`` (default: not emitted; Batch uses ``ClusterFirst``).
    :param service_account: the Kubernetes service account the pod runs as (default: not
        emitted, the namespace's ``default``).
    :param use_host_network: pod ``host_network`` (default: not emitted; Batch and the provider
        use ``True``).
    :param propagate_tags: accepted for symmetry with the other job definitions; only ``None``
        or ``False`` (not emitted) are valid: AWS Batch does not propagate tags to EKS pods and
        rejects ``propagateTags`` for EKS job definitions.
    Other keywords: :class:`~batch_constructs.job_definition_base.JobDefinitionBase`.
    """

    #: AWS CDK's id of this class for property injection (``core.PropertyInjectors``).
    PROPERTY_INJECTION_ID = "aws-cdk-lib.aws-batch.EksJobDefinition"

    def __init__(self, scope: Any, id: str, *, container: EksContainerDefinition,
                 dns_policy: DnsPolicy | None = None, service_account: str | None = None,
                 use_host_network: bool | None = None, propagate_tags: bool | None = None,
                 job_definition_name: str | None = None, parameters: dict[str, Any] | None = None,
                 retry_attempts: int | None = None, retry_strategies: Sequence[RetryStrategy] | None = None,
                 scheduling_priority: int | None = None, timeout: Duration | None = None,
                 skip_deregister_on_update: bool | None = None) -> None:
        super().__init__(scope, id, job_definition_name=job_definition_name, parameters=parameters,
                         retry_attempts=retry_attempts, retry_strategies=retry_strategies,
                         scheduling_priority=scheduling_priority, timeout=timeout,
                         skip_deregister_on_update=skip_deregister_on_update)
        check_instance(self, "container", container, EksContainerDefinition, "an EksContainerDefinition",
                       required=True)
        if check_bool(self, "propagate_tags", propagate_tags):
            raise self._error(f"EksJobDefinition '{id}' cannot use 'propagate_tags': AWS Batch does not "
                              "propagate tags to EKS pods and rejects it for EKS job definitions")
        self.container = container
        self.dns_policy = check_enum(self, "dns_policy", dns_policy, DnsPolicy)
        self.service_account = check_str(self, "service_account", service_account, min_length=1)
        self.use_host_network = check_bool(self, "use_host_network", use_host_network)
        self.propagate_tags = propagate_tags
        self._create_resource("container")

    def _render_pod_properties(self) -> dict[str, Any]:
        pod: dict[str, Any] = {"containers": [self.container._render_container()]}
        if self.dns_policy is not None:
            pod["dns_policy"] = self.dns_policy.value
        if self.use_host_network is not None:
            pod["host_network"] = self.use_host_network
        if self.service_account is not None:
            pod["service_account_name"] = escape_strings(self.service_account)
        volumes = self.container._render_pod_volumes()
        if volumes:
            pod["volumes"] = volumes
        return pod

    def _render_resource(self) -> dict[str, Any]:
        attrs = self._render_common()
        attrs["type"] = "container"
        attrs["eks_properties"] = {"pod_properties": self._render_pod_properties()}
        return attrs

    @classmethod
    def from_eks_job_definition_arn(cls, scope: Any, id: str, eks_job_definition_arn: str) -> ImportedJobDefinition:
        """An existing EKS job definition by ARN: creates nothing. Unlike AWS CDK, the name drops
        the ``:revision`` suffix (Q15)."""
        return ImportedJobDefinition(scope, id, eks_job_definition_arn, arn_keyword="eks_job_definition_arn")


from ._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
