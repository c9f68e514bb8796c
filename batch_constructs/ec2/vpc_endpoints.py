"""VPC endpoints (names as in ``aws_cdk.aws_ec2``): what jobs in isolated subnets need to pull
images (``ECR``, ``ECR_DOCKER`` and the ``S3`` gateway) and to log (``CLOUDWATCH_LOGS``).

Service names are built in Terraform from the stack's region (the library's shared
``data "aws_region"``): ``com.amazonaws.<region>.<service>``; in the China regions the services
AWS names ``cn.com.amazonaws.<region>.<service>`` get that prefix through a Terraform condition
on the region (AWS CDK's table of exceptions).
"""
from __future__ import annotations

import dataclasses
import enum
from typing import Any, Sequence

from .._check import check_bool, check_instance
from .._ec2_connections import Connections
from .._ec2_ports import Peer, Port
from .._errors import ValidationError
from ._construct import _construct_base
from ._network_validation import check_endpoint_service, check_security_groups, check_selections

__all__ = ["GatewayVpcEndpoint", "GatewayVpcEndpointAwsService", "InterfaceVpcEndpoint",
           "InterfaceVpcEndpointAwsService", "InterfaceVpcEndpointService", "VpcEndpointType"]


class VpcEndpointType(enum.StrEnum):
    INTERFACE = "Interface"
    GATEWAY = "Gateway"


# AWS CDK (vpc-endpoint.ts getDefaultEndpointPrefix): services named cn.com.amazonaws.* in China.
_CN_BOTH = ("application-autoscaling appmesh-envoy-management athena autoscaling awsconnector backup batch cassandra "
            "cloudcontrolapi cloudformation codedeploy-commands-secure databrew dms ebs ec2 ecr.api ecr.dkr eks "
            "elasticache elasticbeanstalk elasticfilesystem elasticfilesystem-fips emr-containers execute-api fsx "
            "imagebuilder iot.data kinesis-streams lambda license-manager monitoring rds redshift redshift-data s3 "
            "sagemaker.api sagemaker.featurestore-runtime sagemaker.runtime securityhub servicecatalog sms sqs states "
            "sts sync-states synthetics transcribe transcribestreaming transfer xray").split()
_CN_REGIONS = {name: ["cn-north-1", "cn-northwest-1"] for name in _CN_BOTH}
_CN_REGIONS.update({name: ["cn-north-1"] for name in ("iotsitewise.api", "iotsitewise.data")})
_CN_REGIONS.update({name: ["cn-northwest-1"] for name in ("account", "polly", "workspaces")})


def _region(scope: Any) -> str:
    from .._stack_data import region
    return region(scope)


class GatewayVpcEndpointAwsService:
    """An AWS service with a gateway endpoint: ``S3``, ``DYNAMODB``, ``S3_EXPRESS``."""

    S3: "GatewayVpcEndpointAwsService"
    DYNAMODB: "GatewayVpcEndpointAwsService"
    S3_EXPRESS: "GatewayVpcEndpointAwsService"

    def __init__(self, name: str, prefix: str | None = None) -> None:
        self.short_name = name
        self.prefix = prefix or "com.amazonaws"

    def service_name(self, scope: Any) -> str:
        """``<prefix>.<region>.<name>`` for the stack of ``scope``."""
        return f"{self.prefix}.{_region(scope)}.{self.short_name}"


class InterfaceVpcEndpointService:
    """A custom (PrivateLink) service: ``name`` is the full service name; ``port`` default 443;
    private DNS is off by default."""

    def __init__(self, name: str, port: int | None = None) -> None:
        self.name = name
        self.port = port or 443
        self.private_dns_default = False

    def service_name(self, scope: Any) -> str:
        return self.name


class InterfaceVpcEndpointAwsService:
    """An AWS service with an interface endpoint (``ECR``, ``ECR_DOCKER``, ``CLOUDWATCH_LOGS``,
    ...); ``port`` default 443; ``global_``: a name without the region (``IAM``)."""

    def __init__(self, name: str, prefix: str | None = None, port: int | None = None, *,
                 global_: bool | None = None) -> None:
        self.short_name = name
        self.prefix = prefix
        self.port = port or 443
        self.global_ = bool(global_)
        self.private_dns_default = True

    def service_name(self, scope: Any) -> str:
        """The service name in the stack of ``scope`` (a Terraform expression of the region)."""
        from .._core import cdk
        core = cdk(scope)
        Fn, Token = core.Fn, core.Token

        region = _region(scope)
        prefix = self.prefix
        if prefix is None:
            china = _CN_REGIONS.get(self.short_name)
            prefix = Token.as_string(Fn.conditional(Fn.contains(china, region), "cn.com.amazonaws", "com.amazonaws")) \
                if china else "com.amazonaws"
        suffix = Token.as_string(Fn.conditional(Fn.contains(["cn-north-1", "cn-northwest-1"], region), ".cn", "")) \
            if self.short_name == "transcribe" and self.prefix is None else ""
        middle = "" if self.global_ else f"{region}."
        return f"{prefix}.{middle}{self.short_name}{suffix}"


for _name, _short in (("S3", "s3"), ("DYNAMODB", "dynamodb"), ("S3_EXPRESS", "s3express")):
    setattr(GatewayVpcEndpointAwsService, _name, GatewayVpcEndpointAwsService(_short))

# The interface services Batch apps use (AWS CDK's member names and service names).
_INTERFACE = {
    "ATHENA": "athena", "AUTOSCALING": "autoscaling", "BATCH": "batch", "BEDROCK": "bedrock",
    "BEDROCK_RUNTIME": "bedrock-runtime", "CLOUDFORMATION": "cloudformation", "CLOUDTRAIL": "cloudtrail",
    "CLOUDWATCH": "monitoring", "CLOUDWATCH_EVENTS": "events", "CLOUDWATCH_LOGS": "logs",
    "CLOUDWATCH_MONITORING": "monitoring", "CODEARTIFACT_API": "codeartifact.api",
    "CODEARTIFACT_REPOSITORIES": "codeartifact.repositories", "DYNAMODB": "dynamodb", "EBS_DIRECT": "ebs",
    "EC2": "ec2", "EC2_MESSAGES": "ec2messages", "ECR": "ecr.api", "ECR_DOCKER": "ecr.dkr", "ECS": "ecs",
    "ECS_AGENT": "ecs-agent", "ECS_TELEMETRY": "ecs-telemetry", "EKS": "eks", "EKS_AUTH": "eks-auth",
    "ELASTIC_FILESYSTEM": "elasticfilesystem", "ELASTIC_FILESYSTEM_FIPS": "elasticfilesystem-fips",
    "ELASTIC_LOAD_BALANCING": "elasticloadbalancing", "EVENTBRIDGE": "events", "FSX": "fsx", "GLUE": "glue",
    "KINESIS_FIREHOSE": "kinesis-firehose", "KINESIS_STREAMS": "kinesis-streams", "KMS": "kms", "LAMBDA": "lambda",
    "RDS": "rds", "S3": "s3", "SAGEMAKER_API": "sagemaker.api", "SAGEMAKER_RUNTIME": "sagemaker.runtime",
    "SECRETS_MANAGER": "secretsmanager", "SNS": "sns", "SQS": "sqs", "SSM": "ssm", "SSM_MESSAGES": "ssmmessages",
    "STEP_FUNCTIONS": "states", "STS": "sts", "XRAY": "xray",
}
for _name, _short in _INTERFACE.items():
    setattr(InterfaceVpcEndpointAwsService, _name, InterfaceVpcEndpointAwsService(_short))
InterfaceVpcEndpointAwsService.IAM = InterfaceVpcEndpointAwsService("iam", "com.amazonaws", global_=True)  # type: ignore[attr-defined]


class GatewayVpcEndpoint(_construct_base()):  # type: ignore[misc]
    """A gateway endpoint (``aws_vpc_endpoint``, type ``Gateway``): routes to the service in the
    route tables of the subnets (default: every subnet of the VPC; for a looked-up VPC, every
    route table of the VPC, found at plan time by a ``data "aws_route_tables"``)."""

    def __init__(self, scope: Any, id: str, *, vpc: Any, service: Any, subnets: Sequence[Any] | None = None) -> None:
        super().__init__(scope, id)
        from .vpc_base import check_vpc

        vpc = check_vpc(self, vpc)
        service = check_endpoint_service(self, service, interface=False)
        selections = check_selections(self, "subnets", subnets)
        route_table_ids = vpc._route_table_ids(self, selections)
        if not route_table_ids:
            # AWS CDK: "Can't add a gateway endpoint to VPC; route table IDs are not available"
            raise ValidationError(self, "cannot add a gateway endpoint to the VPC: its subnets' route table ids are "
                                        "not known (import subnets with route_table_id / *_subnet_route_table_ids)")
        name = service.service_name(self) if hasattr(service, "service_name") else service.name
        self.resource = self._new_l1("Resource", "vpc_endpoint", "VpcEndpoint", vpc_id=vpc.vpc_id, service_name=name,
                                     vpc_endpoint_type="Gateway", route_table_ids=route_table_ids, taggable=True)
        self.vpc_endpoint_id: str = self.resource.id


class InterfaceVpcEndpoint(_construct_base()):  # type: ignore[misc]
    """An interface endpoint (``aws_vpc_endpoint``, type ``Interface``) in one subnet per zone.

    :param vpc: the VPC (required). :param service: required.
    :param subnets: default: the private subnets (one per zone).
    :param private_dns_enabled: default: the service's (``True`` for AWS services).
    :param security_groups: default: one new ``SecurityGroup`` (child ``SecurityGroup``).
    :param open: default ``True``: allow the service port from the VPC's CIDR block.
    """

    def __init__(self, scope: Any, id: str, *, vpc: Any, service: Any, subnets: Any = None,
                 private_dns_enabled: bool | None = None, security_groups: Sequence[Any] | None = None,
                 open: bool | None = None) -> None:
        super().__init__(scope, id)
        from .security_groups import SecurityGroup
        from .subnets import SubnetSelection
        from .vpc_base import check_vpc

        vpc = check_vpc(self, vpc)
        service = check_endpoint_service(self, service, interface=True)
        check_instance(self, "subnets", subnets, SubnetSelection, "an ec2.SubnetSelection")
        private_dns = check_bool(self, "private_dns_enabled", private_dns_enabled)
        groups = check_security_groups(self, security_groups)
        opened = check_bool(self, "open", open) is not False
        if groups is None:
            groups = [SecurityGroup(self, "SecurityGroup", vpc=vpc)]
        self.security_group_id = groups[0].security_group_id if groups else None
        self.connections = Connections(groups, default_port=Port.tcp(service.port))
        if opened:
            self.connections.allow_default_port_from(Peer.ipv4(vpc._cidr_for(self)))
        # one subnet per zone (EC2 refuses two in one zone); a looked-up VPC's subnets are known
        # only at plan time, so there the selection must have one per zone already
        selection = dataclasses.replace(subnets or SubnetSelection(), one_per_az=None if vpc._is_lookup else True)
        selected = vpc.select_subnets(selection)
        if not selected.subnet_ids and not selected.is_pending_lookup:
            # AWS CDK: "Cannot create a VPC Endpoint with no subnets"
            raise ValidationError(self, "cannot create a VPC endpoint with no subnets: the VPC has none for the "
                                        "selection 'subnets'")
        name = service.service_name(self) if hasattr(service, "service_name") else service.name
        dns = private_dns if private_dns is not None else getattr(service, "private_dns_default", True)
        self.resource = self._new_l1("Resource", "vpc_endpoint", "VpcEndpoint", vpc_id=vpc.vpc_id, service_name=name,
                                     vpc_endpoint_type="Interface", subnet_ids=list(selected.subnet_ids),
                                     security_group_ids=[g.security_group_id for g in groups],
                                     private_dns_enabled=dns, taggable=True)
        self.vpc_endpoint_id: str = self.resource.id


from .._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
