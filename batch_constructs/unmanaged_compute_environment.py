"""``UnmanagedComputeEnvironment``: you run the instances; Batch only schedules onto them."""
from __future__ import annotations

from typing import Any

from ._check import check_int
from ._errors import ValidationError
from .compute_environment_base import ComputeEnvironmentBase, ImportedComputeEnvironment
from .iam import ManagedPolicy, Role, ServicePrincipal

__all__ = ["UnmanagedComputeEnvironment"]


class UnmanagedComputeEnvironment(ComputeEnvironmentBase):
    """An unmanaged compute environment (``aws_batch_compute_environment`` with
    ``type = "UNMANAGED"`` and no ``compute_resources``).

    :param service_role: default: a created role (child ``BatchServiceRole``) trusted by
        ``batch.amazonaws.com`` with ``service-role/AWSBatchServiceRole`` (Batch's service-linked
        role is not created for unmanaged environments). ``service_role`` returns it.
    :param unmanagedv_cpus: the vCPUs reserved for fair-share scheduling. The Terraform AWS
        provider (5.100 and 6.x) cannot set it: a non-zero value raises ``ValidationError``.
    :param compute_environment_name: default: a generated name prefix.
    :param enabled: default ``True``.
    """

    #: AWS CDK's id of this class for property injection (``core.PropertyInjectors``).
    PROPERTY_INJECTION_ID = "aws-cdk-lib.aws-batch.UnmanagedComputeEnvironment"

    _KIND = "unmanaged"
    compute_type_family = None
    orchestration = "ECS"

    def __init__(self, scope: Any, id: str, *, unmanagedv_cpus: int | None = None, service_role: Any = None,
                 compute_environment_name: str | None = None, enabled: bool | None = None) -> None:
        super().__init__(scope, id, compute_environment_name=compute_environment_name,
                         service_role=service_role, enabled=enabled)
        if check_int(self, "unmanagedv_cpus", unmanagedv_cpus, minimum=0):
            raise ValidationError(self, f"UnmanagedComputeEnvironment '{id}' specifies 'unmanagedv_cpus', "
                                        "which the Terraform AWS provider cannot set")
        self.unmanagedv_cpus = unmanagedv_cpus
        if self.service_role is None:
            self.service_role = Role(self, "BatchServiceRole", assumed_by=ServicePrincipal("batch.amazonaws.com"),
                                     managed_policies=[ManagedPolicy.from_aws_managed_policy_name(
                                         "service-role/AWSBatchServiceRole")])
        self._create_resource()

    @property
    def unmanagedv_cp_us(self) -> int | None:
        """AWS CDK's jsii spelling of ``unmanagedv_cpus``."""
        return self.unmanagedv_cpus

    def _ce_type(self) -> str:
        return "UNMANAGED"

    @classmethod
    def from_unmanaged_compute_environment_arn(cls, scope: Any, id: str,
                                               unmanaged_compute_environment_arn: str) -> ImportedComputeEnvironment:
        """An existing unmanaged environment by ARN: creates nothing."""
        return ImportedComputeEnvironment(scope, id, unmanaged_compute_environment_arn,
                                          compute_type_family=None, orchestration="ECS",
                                          arn_keyword="unmanaged_compute_environment_arn")


from ._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
