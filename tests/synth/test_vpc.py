"""``ec2.Vpc``: the library's default network, AWS CDK's layout with ``subnet_configuration``,
``select_subnets``, VPC endpoints, ``Vpc.from_vpc_attributes``, ``Vpc.from_lookup`` and
``Subnet`` imports."""
from __future__ import annotations

from typing import Any

import pytest

from batch_constructs import ManagedEc2EcsComputeEnvironment
from batch_constructs._runtime import COMPAT
from batch_constructs.ec2 import (GatewayVpcEndpointAwsService, InterfaceVpcEndpointAwsService,
                                  InterfaceVpcEndpointService, IpAddresses, SecurityGroup, Subnet, SubnetConfiguration,
                                  SubnetSelection, SubnetType, Vpc)
from batch_constructs.testing import Match, Template

PUBLIC, PRIVATE, ISOLATED = SubnetType.PUBLIC, SubnetType.PRIVATE_WITH_EGRESS, SubnetType.PRIVATE_ISOLATED


def cidrs(template: Template) -> list[str]:
    return sorted(r["cidr_block"] for r in template.find_resources("aws_subnet").values())


# -- the default network (unchanged output) ---------------------------------------------------------

def test_default_network_has_subnet_objects_and_no_name_tags(stack: Any) -> None:
    vpc = Vpc(stack, "VPC")
    template = Template.from_stack(stack)
    assert cidrs(template) == ["10.0.0.0/20", "10.0.128.0/20", "10.0.144.0/20", "10.0.16.0/20"]
    template.resource_count_is("aws_route_table", 3)  # one public table, one per private subnet
    template.all_resources_properties("aws_subnet", {"tags": Match.absent()})
    assert [s.ipv4_cidr_block for s in vpc.public_subnets] == ["10.0.0.0/20", "10.0.16.0/20"]
    assert vpc.public_subnets[0].route_table.route_table_id == vpc.public_subnets[1].route_table.route_table_id
    assert vpc.private_subnets[0].availability_zone == vpc.availability_zones[0]
    assert vpc.private_subnet_ids == [s.subnet_id for s in vpc.private_subnets] and not vpc.isolated_subnets
    assert vpc.vpc_cidr_block == "10.0.0.0/16" and vpc.internet_gateway_id


def test_default_network_without_nat_has_isolated_subnets(stack: Any) -> None:
    vpc = Vpc(stack, "VPC", nat_gateways=0, max_azs=3, ip_addresses=IpAddresses.cidr("10.1.0.0/16"),
              vpc_name="batch")
    template = Template.from_stack(stack)
    template.resource_count_is("aws_nat_gateway", 0)
    assert len(vpc.isolated_subnets) == 3 and not vpc.private_subnets
    assert vpc.select_subnets().subnet_ids == vpc.isolated_subnet_ids
    template.all_resources_properties("aws_subnet", {"tags": {"Name": "batch"}})
    template.has_resource_properties("aws_vpc", {"cidr_block": "10.1.0.0/16", "tags": {"Name": "batch"}})


# -- AWS CDK's layout ------------------------------------------------------------------------------

def test_aws_cdk_default_subnets(stack: Any) -> None:
    vpc = Vpc(stack, "VPC", subnet_configuration=Vpc.DEFAULT_SUBNETS)
    template = Template.from_stack(stack)
    assert cidrs(template) == sorted(["10.0.0.0/19", "10.0.32.0/19", "10.0.64.0/19", "10.0.96.0/19",
                                      "10.0.128.0/19", "10.0.160.0/19"])
    template.resource_count_is("aws_nat_gateway", 3)     # one per zone
    template.resource_count_is("aws_eip", 3)
    template.resource_count_is("aws_route_table", 6)     # one per subnet
    template.resource_count_is("aws_internet_gateway", 1)
    template.has_resource_properties("aws_subnet", {
        "cidr_block": "10.0.0.0/19", "map_public_ip_on_launch": True,
        "tags": {"Name": "TestStack/VPC/PublicSubnet1", "aws-cdk:subnet-name": "Public",
                 "aws-cdk:subnet-type": "Public"}})
    template.has_resource_properties("aws_subnet", {"cidr_block": "10.0.96.0/19",
                                                    "map_public_ip_on_launch": Match.absent(),
                                                    "tags": Match.object_like({"aws-cdk:subnet-type": "Private"})})
    template.has_resource_properties("aws_vpc", {"tags": {"Name": "TestStack/VPC"}})
    template.has_resource_properties("aws_nat_gateway", {"depends_on": [Match.string_like_regexp(
        r"aws_route\.VPC_PublicSubnet1_DefaultRoute")]})
    nat_routes = [r for r in template.find_resources("aws_route").values() if "nat_gateway_id" in r]
    assert len({r["nat_gateway_id"] for r in nat_routes}) == 3
    assert [s.node.id for s in vpc.private_subnets] == ["PrivateSubnet1", "PrivateSubnet2", "PrivateSubnet3"]


def test_fewer_nat_gateways_are_shared_in_turn(stack: Any) -> None:
    Vpc(stack, "VPC", max_azs=3, nat_gateways=2, subnet_configuration=Vpc.DEFAULT_SUBNETS)
    template = Template.from_stack(stack)
    template.resource_count_is("aws_nat_gateway", 2)
    routes = {name: r["nat_gateway_id"] for name, r in template.find_resources("aws_route").items()
              if "nat_gateway_id" in r}
    by_subnet = {n.split("_")[1]: g.split(".")[1] for n, g in routes.items()}
    assert by_subnet["PrivateSubnet1"].startswith("VPC_PublicSubnet1")
    assert by_subnet["PrivateSubnet2"].startswith("VPC_PublicSubnet2")
    assert by_subnet["PrivateSubnet3"].startswith("VPC_PublicSubnet1")


def test_masks_reserved_groups_and_isolated_only(stack: Any) -> None:
    vpc = Vpc(stack, "VPC", max_azs=2, cidr="10.2.0.0/16", enable_dns_hostnames=False, subnet_configuration=[
        SubnetConfiguration(name="Ingress", subnet_type=PUBLIC, cidr_mask=24, map_public_ip_on_launch=False),
        SubnetConfiguration(name="Spare", subnet_type=ISOLATED, cidr_mask=24, reserved=True),
        SubnetConfiguration(name="Jobs", subnet_type=ISOLATED)])
    template = Template.from_stack(stack)
    # the reserved group keeps 10.2.2.0/24 and 10.2.3.0/24 free; the rest is shared by 'Jobs'
    assert cidrs(template) == ["10.2.0.0/24", "10.2.1.0/24", "10.2.128.0/18", "10.2.64.0/18"]
    assert [s.ipv4_cidr_block for s in vpc.isolated_subnets] == ["10.2.64.0/18", "10.2.128.0/18"]
    template.all_resources_properties("aws_subnet", {"map_public_ip_on_launch": Match.absent()})
    template.resource_count_is("aws_nat_gateway", 0)     # no private subnets: none by default
    template.has_resource_properties("aws_vpc", {"enable_dns_hostnames": False, "enable_dns_support": True})


def test_isolated_only_has_no_internet_gateway(stack: Any) -> None:
    vpc = Vpc(stack, "VPC", max_azs=1, subnet_configuration=[SubnetConfiguration(name="Jobs", subnet_type=ISOLATED)])
    template = Template.from_stack(stack)
    template.resource_count_is("aws_internet_gateway", 0)
    template.resource_count_is("aws_route", 0)
    assert vpc.internet_gateway_id is None and cidrs(template) == ["10.0.0.0/16"]


# -- select_subnets --------------------------------------------------------------------------------

def test_select_subnets(stack: Any) -> None:
    vpc = Vpc(stack, "VPC", max_azs=2, subnet_configuration=[
        SubnetConfiguration(name="Public", subnet_type=PUBLIC), SubnetConfiguration(name="App", subnet_type=PRIVATE),
        SubnetConfiguration(name="Db", subnet_type=ISOLATED), SubnetConfiguration(name="Jobs", subnet_type=ISOLATED)])
    assert vpc.select_subnets().subnet_ids == vpc.private_subnet_ids
    public = vpc.select_subnets(subnet_type=PUBLIC)
    assert public.subnet_ids == vpc.public_subnet_ids and public.has_public and not public.is_pending_lookup
    assert vpc.select_subnets(SubnetSelection(subnet_type=ISOLATED)).subnet_ids == vpc.isolated_subnet_ids
    jobs = vpc.select_subnets(subnet_group_name="Jobs")
    assert [s.node.id for s in jobs.subnets] == ["JobsSubnet1", "JobsSubnet2"]
    assert jobs.availability_zones == vpc.availability_zones
    assert len(vpc.select_subnets(subnet_type=ISOLATED, one_per_az=True).subnets) == 2
    first_zone = vpc.select_subnets(subnet_type=ISOLATED, availability_zones=vpc.availability_zones[:1])
    assert [s.node.id for s in first_zone.subnets] == ["DbSubnet1", "JobsSubnet1"]
    chosen = Subnet.from_subnet_id(stack, "Chosen", "subnet-0abc")
    assert vpc.select_subnets(subnets=[chosen, "subnet-0def"]).subnet_ids == ["subnet-0abc", "subnet-0def"]
    assert vpc.select_subnets(subnet_ids=["subnet-1"]).subnet_ids == ["subnet-1"]


def test_subnet_imports(stack: Any) -> None:
    subnet = Subnet.from_subnet_attributes(stack, "S", subnet_id="subnet-1", availability_zone="us-east-1a",
                                           route_table_id="rtb-1", ipv4_cidr_block="10.0.0.0/24")
    assert (subnet.subnet_id, subnet.availability_zone, subnet.route_table.route_table_id,
            subnet.ipv4_cidr_block) == ("subnet-1", "us-east-1a", "rtb-1", "10.0.0.0/24")
    bare = Subnet.from_subnet_id(stack, "Bare", "subnet-2")
    assert bare.route_table.route_table_id is None
    with pytest.raises(ValueError, match="cannot reference the availability zone of a subnet imported without one"):
        bare.availability_zone


# -- endpoints -------------------------------------------------------------------------------------

def test_interface_and_gateway_endpoints(stack: Any) -> None:
    vpc = Vpc(stack, "VPC", max_azs=2, subnet_configuration=[
        SubnetConfiguration(name="Public", subnet_type=PUBLIC), SubnetConfiguration(name="Jobs", subnet_type=ISOLATED),
        SubnetConfiguration(name="More", subnet_type=ISOLATED)])
    ecr = vpc.add_interface_endpoint("Ecr", service=InterfaceVpcEndpointAwsService.ECR)
    logs = vpc.add_interface_endpoint("Logs", service=InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
                                      subnets=SubnetSelection(subnet_group_name="More"), private_dns_enabled=False,
                                      security_groups=[SecurityGroup(stack, "Shared", vpc=vpc)], open=False)
    vpc.add_gateway_endpoint("S3", service=GatewayVpcEndpointAwsService.S3)
    vpc.add_gateway_endpoint("Dynamo", service=GatewayVpcEndpointAwsService.DYNAMODB,
                             subnets=[SubnetSelection(subnet_group_name="Jobs")])
    custom = vpc.add_interface_endpoint("Custom", service=InterfaceVpcEndpointService(
        "com.amazonaws.vpce.us-east-1.vpce-svc-0123", 8443))
    template = Template.from_stack(stack)
    endpoints = template.find_resources("aws_vpc_endpoint")
    ecr_json = next(v for k, v in endpoints.items() if k.startswith("VPC_Ecr_"))
    # the region's attribute: ``name`` in hashicorp/aws 5.x, ``region`` in 6.x
    region = COMPAT.region_attribute
    assert ecr_json["service_name"].endswith(f".${{data.aws_region.BatchConstructsRegion.{region}}}.ecr.api")
    assert 'contains(["cn-north-1", "cn-northwest-1"]' in ecr_json["service_name"]   # cn.com.amazonaws in China
    assert ecr_json["private_dns_enabled"] is True and ecr_json["vpc_endpoint_type"] == "Interface"
    assert len(ecr_json["subnet_ids"]) == 2          # one per zone, of the isolated subnets
    logs_json = next(v for k, v in endpoints.items() if k.startswith("VPC_Logs_"))
    assert logs_json["service_name"] == f"com.amazonaws.${{data.aws_region.BatchConstructsRegion.{region}}}.logs"
    assert logs_json["private_dns_enabled"] is False
    s3 = next(v for k, v in endpoints.items() if k.startswith("VPC_S3_"))
    assert s3["vpc_endpoint_type"] == "Gateway" and len(s3["route_table_ids"]) == 6
    dynamo = next(v for k, v in endpoints.items() if k.startswith("VPC_Dynamo_"))
    assert len(dynamo["route_table_ids"]) == 2
    custom_json = next(v for k, v in endpoints.items() if k.startswith("VPC_Custom_"))
    assert custom_json["service_name"] == "com.amazonaws.vpce.us-east-1.vpce-svc-0123"
    assert custom_json["private_dns_enabled"] is False
    template.has_resource_properties("aws_vpc_security_group_ingress_rule", {
        "cidr_ipv4": "10.0.0.0/16", "from_port": 443, "to_port": 443, "ip_protocol": "tcp",
        "description": "from 10.0.0.0/16:443"})
    template.has_resource_properties("aws_vpc_security_group_ingress_rule", {"from_port": 8443})
    template.resource_count_is("aws_vpc_security_group_ingress_rule", 2)   # not for 'Logs' (open=False)
    assert ecr.connections.default_port.to_rule_json()["from_port"] == 443 and ecr.vpc_endpoint_id
    assert logs.security_group_id.startswith("${TfToken") and custom.security_group_id


def test_endpoints_of_an_imported_vpc_live_at_its_id(stack: Any) -> None:
    vpc = Vpc.from_vpc_attributes(stack, "Imported", vpc_id="vpc-1", availability_zones=["us-east-1a", "us-east-1b"],
                                  vpc_cidr_block="10.9.0.0/16", private_subnet_ids=["subnet-1", "subnet-2"],
                                  private_subnet_route_table_ids=["rtb-1", "rtb-2"])
    vpc.add_gateway_endpoint("S3", service=GatewayVpcEndpointAwsService.S3)
    vpc.add_interface_endpoint("Sts", service=InterfaceVpcEndpointAwsService.STS)
    template = Template.from_stack(stack)
    template.has_resource_properties("aws_vpc_endpoint", {"route_table_ids": ["rtb-1", "rtb-2"], "vpc_id": "vpc-1"})
    template.has_resource_properties("aws_vpc_endpoint", {"subnet_ids": ["subnet-1", "subnet-2"]})
    template.has_resource_properties("aws_vpc_security_group_ingress_rule", {"cidr_ipv4": "10.9.0.0/16"})
    assert stack.node.try_find_child("Imported") is not None
    assert [s.availability_zone for s in vpc.private_subnets] == ["us-east-1a", "us-east-1b"]


def test_vpc_attributes_groups(stack: Any) -> None:
    vpc = Vpc.from_vpc_attributes(stack, "I", vpc_id="vpc-1", availability_zones=["us-east-1a", "us-east-1b"],
                                  isolated_subnet_ids=["subnet-1", "subnet-2", "subnet-3", "subnet-4"],
                                  isolated_subnet_names=["Db", "Jobs"])
    assert vpc.select_subnets(subnet_group_name="Jobs").subnet_ids == ["subnet-3", "subnet-4"]
    assert vpc.select_subnets(subnet_type=ISOLATED, one_per_az=True).subnet_ids == ["subnet-1", "subnet-2"]


# -- lookups ---------------------------------------------------------------------------------------

def test_lookup_is_data_sources_read_at_plan_time(stack: Any) -> None:
    vpc = Vpc.from_lookup(stack, "Existing", vpc_name="shared", tags={"team": "research"})
    ce = ManagedEc2EcsComputeEnvironment(stack, "CE", vpc=vpc)
    public = vpc.select_subnets(subnet_type=PUBLIC)
    jobs = vpc.select_subnets(subnet_group_name="Jobs", availability_zones=["us-east-1a"])
    assert public.is_pending_lookup and public.subnets == [] and public.has_public
    vpc.add_gateway_endpoint("S3", service=GatewayVpcEndpointAwsService.S3)
    template = Template.from_stack(stack)
    template.has_data_source_properties("aws_vpc", {"tags": {"team": "research", "Name": "shared"}})
    vpc_filter = {"name": "vpc-id", "values": ["${data.aws_vpc.Existing_4CC9759F.id}"]}
    template.has_data_source_properties("aws_subnets", {"filter": [
        vpc_filter, {"name": "map-public-ip-on-launch", "values": ["true"]}]})
    template.has_data_source_properties("aws_subnets", {"filter": [
        vpc_filter, {"name": "tag:aws-cdk:subnet-name", "values": ["Jobs"]},
        {"name": "availability-zone", "values": ["us-east-1a"]}]})
    template.has_resource_properties("aws_batch_compute_environment", {"compute_resources": Match.object_like({
        "subnets": Match.string_like_regexp(r"^\$\{coalescelist\(data\.aws_subnets\.Existing_PrivateSubnets_.*\.ids, "
                                            r"data\.aws_subnets\.Existing_PublicSubnets_.*\.ids\)\}$")})})
    template.has_resource_properties("aws_vpc_endpoint", {
        "route_table_ids": "${data.aws_route_tables.Existing_RouteTables_06C4C3E2.ids}"})
    assert ce.subnet_ids and jobs.subnet_ids
    with pytest.raises(ValueError, match="the private subnets of a looked-up VPC are known only at plan time"):
        vpc.private_subnets
