"""``terraform validate`` of the EC2 networking resources: a ``Vpc`` with public, private and
isolated subnets and VPC endpoints (interface and gateway), a looked-up VPC (data sources), and
security groups with rules between two compute environments as an MPI app has them, used by
managed EC2 compute environments."""
from __future__ import annotations

import warnings
from typing import Any

import pytest

from tests.harness.terraform import assert_validates

pytestmark = pytest.mark.terraform


def _networking_app() -> dict[str, Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _build()


def _build() -> dict[str, Any]:
    from cdktf import TerraformStack, Testing

    from batch_constructs import ManagedEc2EcsComputeEnvironment
    from batch_constructs.ec2 import (GatewayVpcEndpointAwsService, InterfaceVpcEndpointAwsService, Peer, Port,
                                      SecurityGroup, SubnetConfiguration, SubnetSelection, SubnetType, Vpc)
    from batch_constructs.providers import aws_provider
    from batch_constructs.testing import Template

    stack = TerraformStack(Testing.app(), "Networking")
    aws_provider(stack, region="us-east-1")
    vpc = Vpc(stack, "Vpc", max_azs=2, nat_gateways=1, vpc_name="jobs", subnet_configuration=[
        SubnetConfiguration(name="Public", subnet_type=SubnetType.PUBLIC, cidr_mask=24),
        SubnetConfiguration(name="Private", subnet_type=SubnetType.PRIVATE_WITH_EGRESS),
        SubnetConfiguration(name="Jobs", subnet_type=SubnetType.PRIVATE_ISOLATED, cidr_mask=20)])
    isolated = SubnetSelection(subnet_type=SubnetType.PRIVATE_ISOLATED)
    for name in ("ECR", "ECR_DOCKER", "CLOUDWATCH_LOGS", "SECRETS_MANAGER", "STS", "ECS"):
        vpc.add_interface_endpoint(name, service=getattr(InterfaceVpcEndpointAwsService, name), subnets=isolated)
    vpc.add_gateway_endpoint("S3", service=GatewayVpcEndpointAwsService.S3, subnets=[isolated])
    vpc.add_gateway_endpoint("DynamoDb", service=GatewayVpcEndpointAwsService.DYNAMODB)

    # MPI: the main node and the workers reach each other on every port
    main = ManagedEc2EcsComputeEnvironment(stack, "Main", vpc=vpc, vpc_subnets=isolated)
    workers = ManagedEc2EcsComputeEnvironment(stack, "Workers", vpc=vpc, vpc_subnets=isolated)
    main.connections.allow_from(workers, Port.all_traffic())
    workers.connections.allow_from(main, Port.all_traffic())
    workers.connections.allow_internally(Port.tcp_range(1024, 65535), "MPI between workers")

    locked = SecurityGroup(stack, "Locked", vpc=vpc, allow_all_outbound=False, allow_all_ipv6_outbound=True,
                           description="jobs without internet", security_group_name="locked-jobs")
    locked.add_ingress_rule(Peer.ipv4("10.0.0.0/16"), Port.SSH)
    locked.add_ingress_rule(Peer.ipv6("2001:db8::/32"), Port.all_icmp_v6())
    locked.add_egress_rule(Peer.prefix_list("pl-63a5400a"), Port.HTTPS)
    locked.add_egress_rule(Peer.ipv4("10.0.0.0/16"), Port.udp_range(5000, 6000))
    strict = SecurityGroup(stack, "Strict", vpc=vpc, disable_inline_rules=True)
    strict.connections.allow_from(locked, Port.all_icmp())
    imported = SecurityGroup.from_security_group_id(stack, "Shared", "sg-0123456789abcdef0", allow_all_outbound=False)
    imported.add_egress_rule(strict, Port.all_tcp())
    imported.add_ingress_rule(Peer.security_group_id("sg-0fedcba9876543210", "123456789012"), Port.NFS)

    looked_up = Vpc.from_lookup(stack, "Existing", tags={"team": "research"}, is_default=False)
    ManagedEc2EcsComputeEnvironment(stack, "InExisting", vpc=looked_up, security_groups=[locked])
    ManagedEc2EcsComputeEnvironment(stack, "InExistingPublic", vpc=looked_up,
                                    vpc_subnets=SubnetSelection(subnet_type=SubnetType.PUBLIC))
    looked_up.add_interface_endpoint("Logs", service=InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
                                     subnets=SubnetSelection(subnet_group_name="Jobs"))
    looked_up.add_gateway_endpoint("S3", service=GatewayVpcEndpointAwsService.S3)
    return Template.from_stack(stack).to_json()


def test_networking_stack_passes_terraform_validate(terraform_tools: Any, tmp_path: Any) -> None:
    doc = _networking_app()
    kinds = {**doc["resource"], **{f"data.{k}": v for k, v in doc["data"].items()}}
    for kind in ("aws_vpc_endpoint", "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule",
                 "aws_nat_gateway", "aws_eip", "aws_route", "data.aws_vpc", "data.aws_subnets",
                 "data.aws_route_tables", "data.aws_availability_zones"):
        assert kind in kinds, kind
    assert_validates(terraform_tools, doc, tmp_path / "tf")
