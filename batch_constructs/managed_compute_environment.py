"""Managed compute environments: the shared part and ``FargateComputeEnvironment``."""
from __future__ import annotations

from typing import Any, Sequence

from ._check import check_duration
from ._errors import ValidationError
from ._keywords import check_keywords
from .compute_environment_base import ComputeEnvironmentBase, ImportedComputeEnvironment
from .compute_environment_validation import (validate_flags, validate_maxv_cpus, validate_security_groups,
                                             validate_vpc)
from .core import Duration, TagManager, TagType
from .ec2 import Connections, SecurityGroup, SubnetSelection, check_subnet_selection

__all__ = ["FargateComputeEnvironment", "ManagedComputeEnvironmentBase"]


class ManagedComputeEnvironmentBase(ComputeEnvironmentBase):
    """Keywords shared by the managed environments (ECS, EKS, Fargate).

    :param vpc: the VPC (required): source of subnets and of the default security group.
    :param vpc_subnets: default: the VPC's private subnets (``vpc.select_subnets()``).
    :param security_groups: default: one security group created (child ``SecurityGroup``)
        allowing all outbound traffic. ``[]`` means none.
    :param maxv_cpus: default 256.
    :param spot: default ``False``.
    :param update_timeout: ``Duration`` in whole minutes, 1–360 (default: none, Batch's 30 min).
    :param terminate_on_update: default: none (Batch's ``False``).
    :param replace_compute_environment: accepted and ignored: Terraform replaces through
        ``create_before_destroy`` instead.
    :param update_to_latest_image_version: default ``None`` (off). ``True`` on managed EC2
        environments: each ``ec2_configuration`` entry without its own image takes its AMI from the
        public SSM parameter of its image type (``data "aws_ssm_parameter"``), so every plan picks
        the latest image AWS recommends; ``True`` on Fargate is an error (Fargate has no image).
    """

    def __init__(self, scope: Any, id: str, *, vpc: Any, vpc_subnets: SubnetSelection | None = None,
                 security_groups: Sequence[Any] | None = None, maxv_cpus: int | None = None,
                 spot: bool | None = None, update_timeout: Duration | None = None,
                 terminate_on_update: bool | None = None,
                 replace_compute_environment: bool | None = None,
                 update_to_latest_image_version: bool | None = None,
                 compute_environment_name: str | None = None, service_role: Any = None,
                 enabled: bool | None = None) -> None:
        super().__init__(scope, id, compute_environment_name=compute_environment_name,
                         service_role=service_role, enabled=enabled)
        self.vpc = validate_vpc(self, id, vpc)
        flags = validate_flags(self, spot=spot, terminate_on_update=terminate_on_update,
                               replace_compute_environment=replace_compute_environment,
                               update_to_latest_image_version=update_to_latest_image_version)
        self.vpc_subnets = check_subnet_selection(self, "vpc_subnets", vpc_subnets)
        self.maxv_cpus = validate_maxv_cpus(self, id, maxv_cpus)
        self.spot = bool(flags["spot"])
        self.update_timeout = check_duration(self, "update_timeout", update_timeout)
        self.terminate_on_update = flags["terminate_on_update"]
        self.replace_compute_environment = bool(flags["replace_compute_environment"])
        self.update_to_latest_image_version = flags["update_to_latest_image_version"]
        groups = validate_security_groups(self, security_groups)
        self.security_groups = [SecurityGroup(self, "SecurityGroup", vpc=vpc)] if groups is None else groups
        self.connections = Connections(self.security_groups)
        #: AWS CDK's ``TagManager``: ``tags.set_tag(key, value, priority=, apply_to_launched_instances=)``
        #: (on managed EC2 environments a tag set here also reaches the instances unless
        #: ``apply_to_launched_instances=False``).
        self.tags = TagManager(TagType.MAP, "AWS::Batch::ComputeEnvironment", scope=self)
        self.subnet_ids = vpc.select_subnets(vpc_subnets).subnet_ids
        if not self.subnet_ids:
            raise ValidationError(self, f"{type(self).__name__} '{id}': the VPC has no subnets for the "
                                        "selection 'vpc_subnets'")

    def _network(self) -> dict[str, Any]:
        return {"subnets": list(self.subnet_ids),
                "security_group_ids": [sg.security_group_id for sg in self.security_groups]}


_FARGATE_REFUSED = {
    "spot_bid_percentage": "Fargate has no spot bid; Fargate Spot prices are set by AWS",
    "minv_cpus": "Fargate keeps no minimum capacity",
    "allocation_strategy": "Fargate has no allocation strategy",
    "instance_types": "Fargate chooses the hardware",
    "instance_classes": "Fargate chooses the hardware",
    "default_instance_classes": "Fargate chooses the hardware",
    "use_optimal_instance_classes": "Fargate chooses the hardware",
    "images": "Fargate chooses the image",
    "instance_role": "Fargate has no instances; give the job definition an execution role",
    "launch_template": "Fargate has no launch template",
    "placement_group": "Fargate has no placement group",
    "spot_fleet_role": "Fargate Spot needs no spot fleet role",
}


class FargateComputeEnvironment(ManagedComputeEnvironmentBase):
    """A managed Fargate (or Fargate Spot, with ``spot=True``) compute environment.

    Creates an ``aws_batch_compute_environment`` whose ``compute_resources`` hold only ``type``,
    ``max_vcpus``, ``subnets`` and ``security_group_ids``, and (unless ``security_groups`` is
    given) one ``aws_security_group``. ``service_role`` defaults to none: Batch's
    service-linked role. Keywords: see :class:`ManagedComputeEnvironmentBase`; an EC2-only
    keyword (``spot_bid_percentage``, ``instance_types``, ...) raises ``ValidationError``, and
    so do ``update_timeout``/``terminate_on_update`` (AWS rejects update policies on Fargate).
    """

    #: AWS CDK's id of this class for property injection (``core.PropertyInjectors``).
    PROPERTY_INJECTION_ID = "aws-cdk-lib.aws-batch.FargateComputeEnvironment"

    _KIND = "fargate"
    compute_type_family = "FARGATE"
    orchestration = "ECS"

    def __init__(self, scope: Any, id: str, *, vpc: Any, vpc_subnets: SubnetSelection | None = None,
                 security_groups: Sequence[Any] | None = None, maxv_cpus: int | None = None,
                 spot: bool | None = None, update_timeout: Duration | None = None,
                 terminate_on_update: bool | None = None,
                 replace_compute_environment: bool | None = None,
                 update_to_latest_image_version: bool | None = None,
                 compute_environment_name: str | None = None, service_role: Any = None,
                 enabled: bool | None = None, **ec2_only: Any) -> None:
        """``ec2_only``: an EC2-only keyword (``instance_types``, ``spot_bid_percentage``, ...) is a
        ``ValidationError`` saying why Fargate does not take it; any other is a ``TypeError``."""
        unknown = {k: v for k, v in ec2_only.items() if k not in _FARGATE_REFUSED}
        check_keywords("FargateComputeEnvironment", FargateComputeEnvironment.__init__, unknown, named_only=True)
        super().__init__(scope, id, vpc=vpc, vpc_subnets=vpc_subnets, security_groups=security_groups,
                         maxv_cpus=maxv_cpus, spot=spot, update_timeout=update_timeout,
                         terminate_on_update=terminate_on_update,
                         replace_compute_environment=replace_compute_environment,
                         update_to_latest_image_version=update_to_latest_image_version,
                         compute_environment_name=compute_environment_name, service_role=service_role,
                         enabled=enabled)
        if ec2_only:
            k = sorted(ec2_only)[0]
            raise ValidationError(self, f"FargateComputeEnvironment '{id}' does not take '{k}': {_FARGATE_REFUSED[k]}")
        if self.update_to_latest_image_version:
            raise ValidationError(self, f"FargateComputeEnvironment '{id}' does not take "
                                        "'update_to_latest_image_version': Fargate chooses the image")
        if self.update_timeout is not None or self.terminate_on_update is not None:
            raise ValidationError(self, f"FargateComputeEnvironment '{id}' cannot use 'update_timeout' or "
                                        "'terminate_on_update'; AWS Batch does not support update policies on Fargate")
        self._create_resource()

    def _render_specific(self) -> dict[str, Any]:
        return {"compute_resources": {"type": "FARGATE_SPOT" if self.spot else "FARGATE",
                                      "max_vcpus": self.maxv_cpus, **self._network()}}

    @classmethod
    def from_fargate_compute_environment_arn(cls, scope: Any, id: str,
                                             fargate_compute_environment_arn: str) -> ImportedComputeEnvironment:
        """An existing Fargate environment by ARN: creates nothing."""
        return ImportedComputeEnvironment(scope, id, fargate_compute_environment_arn,
                                          compute_type_family="FARGATE", orchestration="ECS",
                                          arn_keyword="fargate_compute_environment_arn")


from ._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
