"""``ManagedEc2EksComputeEnvironment``: a managed EC2 (or Spot) compute environment running jobs
on an EKS cluster (``aws_cdk.aws_batch`` name). What it shares with the ECS variant is in
``managed_ec2_compute_environment``.
"""
from __future__ import annotations

from typing import Any, Sequence

from ._errors import ValidationError, warn
from ._tokens import is_unresolved
from .compute_environment_validation import validate_eks_cluster, validate_namespace
from .core import Duration
from .ec2 import SubnetSelection
from .managed_ec2_compute_environment import ManagedEc2ComputeEnvironmentBase
from .managed_ec2_types import AllocationStrategy, DefaultInstanceClass, EksMachineImage, EksMachineImageType

__all__ = ["ManagedEc2EksComputeEnvironment"]


class ManagedEc2EksComputeEnvironment(ManagedEc2ComputeEnvironmentBase):
    """A managed EC2 (or Spot) compute environment running jobs on an EKS cluster.

    :param eks_cluster: required: the provider's ``EksCluster`` L1 or a cluster ARN.
    :param kubernetes_namespace: required: not ``default``, not ``kube-*``, ≤ 63 characters, a DNS
        label.
    :param instance_role: default: a created role with the EKS node policies
        (``AmazonEKSWorkerNodePolicy``, ``AmazonEC2ContainerRegistryReadOnly``,
        ``AmazonEKS_CNI_Policy``); the instance profile is always created. The cluster must grant
        the node role and Batch's service-linked role access (EKS access entries, RBAC).
    :param images: ``EksMachineImage`` entries, used as given; default one ``EKS_AL2023`` entry,
        ``EKS_AL2023_NVIDIA`` instead for x86_64 NVIDIA GPU families and both for mixed selections.
    :param update_to_latest_image_version: as for ECS; the public parameter is per Kubernetes
        version: the ``version`` of the provider's ``EksCluster``, or of a ``data "aws_eks_cluster"``
        looked up by the name in the cluster ARN.
    Other keywords as :class:`ManagedEc2EcsComputeEnvironment`, without ``spot_fleet_role``;
    an explicit ``BEST_FIT`` is refused.
    """

    #: AWS CDK's id of this class for property injection (``core.PropertyInjectors``).
    PROPERTY_INJECTION_ID = "aws-cdk-lib.aws-batch.ManagedEc2EksComputeEnvironment"

    _KIND = "eks"
    orchestration = "EKS"
    _IMAGE_CLASS = EksMachineImage
    _IMAGE_TYPES = EksMachineImageType
    _INSTANCE_POLICIES = ("AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryReadOnly",
                          "AmazonEKS_CNI_Policy")

    def __init__(self, scope: Any, id: str, *, vpc: Any, eks_cluster: Any, kubernetes_namespace: str | None = None,
                 instance_types: Sequence[Any] | None = None, instance_classes: Sequence[Any] | None = None,
                 default_instance_classes: Sequence[DefaultInstanceClass] | None = None,
                 use_optimal_instance_classes: bool | None = None,
                 images: Sequence[EksMachineImage] | None = None,
                 allocation_strategy: AllocationStrategy | None = None,
                 spot_bid_percentage: float | None = None, instance_role: Any = None,
                 launch_template: Any = None, minv_cpus: int | None = None, placement_group: Any = None,
                 vpc_subnets: SubnetSelection | None = None, security_groups: Sequence[Any] | None = None,
                 maxv_cpus: int | None = None, spot: bool | None = None, update_timeout: Duration | None = None,
                 terminate_on_update: bool | None = None, replace_compute_environment: bool | None = None,
                 update_to_latest_image_version: bool | None = None,
                 compute_environment_name: str | None = None, service_role: Any = None,
                 enabled: bool | None = None) -> None:
        super().__init__(scope, id, vpc=vpc, vpc_subnets=vpc_subnets, security_groups=security_groups,
                         maxv_cpus=maxv_cpus, spot=spot, update_timeout=update_timeout,
                         terminate_on_update=terminate_on_update,
                         replace_compute_environment=replace_compute_environment,
                         update_to_latest_image_version=update_to_latest_image_version,
                         compute_environment_name=compute_environment_name, service_role=service_role,
                         enabled=enabled)
        self.eks_cluster = eks_cluster
        self._eks_cluster_arn = validate_eks_cluster(self, id, eks_cluster)
        self.kubernetes_namespace = validate_namespace(self, id, kubernetes_namespace)
        self._init_ec2(id, instance_types=instance_types, instance_classes=instance_classes,
                       default_instance_classes=default_instance_classes,
                       use_optimal_instance_classes=use_optimal_instance_classes, images=images,
                       allocation_strategy=allocation_strategy, spot_bid_percentage=spot_bid_percentage,
                       spot_fleet_role=None, instance_role=instance_role, launch_template=launch_template,
                       minv_cpus=minv_cpus, placement_group=placement_group)
        if self.launch_template is not None and self.images and any(
                str(i.image_type or self._default_image_type()) in ("EKS_AL2023", "EKS_AL2023_NVIDIA")
                for i in self.images):
            warn(self, "the Terraform AWS provider cannot set the launch template's userdata_type to "
                       "EKS_NODEADM: the launch template's user data must already be nodeadm-compatible")
        self._create_resource()

    def _check_strategy(self, id: str) -> None:
        if self.allocation_strategy is AllocationStrategy.BEST_FIT:
            raise ValidationError(self, f"ManagedEc2EksComputeEnvironment '{id}' uses invalid allocation strategy "
                                        "'AllocationStrategy.BEST_FIT'")

    def _default_image_type(self) -> EksMachineImageType:
        return EksMachineImageType.EKS_AL2023 if self._al2023_default() else EksMachineImageType.EKS_AL2

    def _kubernetes_version(self) -> str:
        """The cluster's Kubernetes version (for the EKS latest-image parameter names)."""
        cluster = self.eks_cluster
        if getattr(cluster, "terraform_resource_type", None) == "aws_eks_cluster":
            return cluster.version
        data = self.node.try_find_child("EksCluster")
        if data is None:
            arn = self._eks_cluster_arn
            if is_unresolved(arn):
                from ._core import cdk
                core = cdk()
                Fn, Token = core.Fn, core.Token
                name = Token.as_string(Fn.element(Fn.split("/", arn), 1))
            else:
                name = arn.split("/", 1)[1]
            data = self._new_l1("EksCluster", "data_aws_eks_cluster", "DataAwsEksCluster", name=name)
        return data.version

    def _render_extra(self) -> dict[str, Any]:
        return {"eks_configuration": {"eks_cluster_arn": self._eks_cluster_arn,
                                      "kubernetes_namespace": self.kubernetes_namespace}}

    def _uses_spot_fleet_role(self) -> bool:
        return False


from ._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
