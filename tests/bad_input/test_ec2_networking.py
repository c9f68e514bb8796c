"""Rows for EC2 networking: ``Vpc`` and its subnet groups, selections, subnet and VPC imports,
lookups, VPC endpoints, security groups and their rules, ``Port``/``Peer``/``Connections``. Every
mistake is a ValidationError naming the construct (``None`` for value objects built outside any
construct), the keyword, what was expected and what was given. Then the valid inputs that keep
working. (The rows of the keywords that existed before are in ``test_ec2.py``.)"""
from __future__ import annotations

from typing import Any

from batch_constructs.ec2 import (GatewayVpcEndpointAwsService, InterfaceVpcEndpointAwsService, IpAddresses, Peer,
                                  Port, SecurityGroup, Subnet, SubnetConfiguration, SubnetSelection, SubnetType, Vpc,
                                  as_security_group)
from batch_constructs.testing import Template

from ._table import Bad, params, run

V, IMP, SG, LOOK = "TestStack/V", "TestStack/Imp", "TestStack/SG", "TestStack/L"
FIXTURE = "TestStack/Vpc"       # the imported VPC of the ``vpc`` fixture
TOKEN = "${TfToken[TOKEN.999]}"
PUBLIC, PRIVATE, ISOLATED = SubnetType.PUBLIC, SubnetType.PRIVATE_WITH_EGRESS, SubnetType.PRIVATE_ISOLATED


def config(**kwargs: Any) -> SubnetConfiguration:
    kwargs.setdefault("name", "Jobs")
    kwargs.setdefault("subnet_type", ISOLATED)
    return SubnetConfiguration(**kwargs)


def sg(s: Any, v: Any, **kwargs: Any) -> SecurityGroup:
    return SecurityGroup(s, "SG", vpc=v, **kwargs)


def cidr_vpc(s: Any, **kwargs: Any) -> Any:
    return Vpc.from_vpc_attributes(s, "Imp", vpc_id="vpc-1", vpc_cidr_block="10.0.0.0/16", **kwargs)


VPC_ROWS = [
    Bad("vpc-ip-and-cidr", lambda s, v: Vpc(s, "V", ip_addresses="10.0.0.0/16", cidr="10.1.0.0/16"), V,
        r"Vpc takes at most one of 'ip_addresses' or 'cidr' \(deprecated\), got both"),
    Bad("vpc-cidr-token", lambda s, v: Vpc(s, "V", cidr=TOKEN), V,
        r"'cidr' must be a concrete CIDR string, got a token"),
    Bad("vpc-cidr-host-bits", lambda s, v: Vpc(s, "V", ip_addresses="10.0.0.1/16"), V,
        r"'ip_addresses' must be an IPv4 CIDR block such as '10\.0\.0\.0/16', got '10\.0\.0\.1/16' \(str\): "
        r".*has host bits set"),
    Bad("vpc-cidr-too-large", lambda s, v: Vpc(s, "V", cidr="10.0.0.0/8"), V,
        r"'cidr' must be an IPv4 CIDR block .*: 10\.0\.0\.0/8 is not a valid VPC CIDR range: VPCs must be between "
        r"/16 and /28"),
    Bad("vpc-default-layout-too-small", lambda s, v: Vpc(s, "V", cidr="10.0.0.0/26"), V,
        r"Vpc CIDR 10\.0\.0\.0/26 is too small for 2 AZs \(its subnets would be /30"),
    Bad("ip-addresses-factory", lambda s, v: IpAddresses.cidr("10.0.0.0/30"), None,
        r"'cidr_block' must be an IPv4 CIDR block such as '10\.0\.0\.0/16', got '10\.0\.0\.0/30'"),
    Bad("vpc-max-azs-zero", lambda s, v: Vpc(s, "V", max_azs=0), V, r"Vpc 'max_azs' must be between 1 and 6, got 0"),
    Bad("vpc-nat-str", lambda s, v: Vpc(s, "V", nat_gateways="1"), V,
        r"'nat_gateways' must be a whole number, got '1' \(str\)"),
    Bad("vpc-dns-str", lambda s, v: Vpc(s, "V", enable_dns_hostnames="yes"), V,
        r"'enable_dns_hostnames' must be True or False, got 'yes' \(str\)"),
    Bad("vpc-dns-hostnames-without-support", lambda s, v: Vpc(s, "V", enable_dns_support=False), V,
        r"'enable_dns_hostnames' needs enable_dns_support=True .*pass enable_dns_hostnames=False too"),
    Bad("vpc-name-chars", lambda s, v: Vpc(s, "V", vpc_name="jobs ✓"), V,
        r"'vpc_name' must be a VPC name \(its Name tag: .*\), got 'jobs ✓' \(str\)"),
    Bad("vpc-subnets-not-list", lambda s, v: Vpc(s, "V", subnet_configuration=config()), V,
        r"'subnet_configuration' must be a list of ec2\.SubnetConfiguration, got SubnetConfiguration"),
    Bad("vpc-subnets-dict-unknown-key", lambda s, v: Vpc(s, "V", subnet_configuration=[{"name": "A", "type": "x"}]),
        V, r"'subnet_configuration\[0\]' has unknown key\(s\) 'type'; expected an ec2\.SubnetConfiguration"),
    Bad("vpc-subnets-dict-mask", lambda s, v: Vpc(s, "V", subnet_configuration=[
        {"name": "A", "subnet_type": "Isolated", "cidr_mask": 29}]), V,
        r"'subnet_configuration\[0\]\.cidr_mask' must be a whole number from 16 to 28, got 29 \(int\)"),
    Bad("vpc-subnets-duplicate-names", lambda s, v: Vpc(s, "V", subnet_configuration=[config(), config()]), V,
        r"'subnet_configuration' names must be unique, got 'Jobs' twice"),
    Bad("vpc-private-without-public", lambda s, v: Vpc(s, "V", subnet_configuration=[config(subnet_type=PRIVATE)]),
        V, r"NAT gateways need a PUBLIC subnet group to go into"),
    Bad("vpc-masks-do-not-fit", lambda s, v: Vpc(s, "V", subnet_configuration=[config(cidr_mask=17)]), V,
        r"'subnet_configuration' does not fit in 10\.0\.0\.0/16 with 3 zones: a /17 subnet exceeds the remaining "
        r"space of 10\.0\.0\.0/16"),
    Bad("subnet-config-no-name", lambda s, v: SubnetConfiguration(name=None, subnet_type=PUBLIC), None,
        r"'name' is required: pass a subnet group name"),
    Bad("subnet-config-name-slash", lambda s, v: config(name="a/b"), None,
        r"'name' must be a subnet group name \(1-128 letters, .*\), got 'a/b' \(str\)"),
    Bad("subnet-config-type", lambda s, v: config(subnet_type="DMZ"), None,
        r"'subnet_type' must be one of SubnetType\.PUBLIC, SubnetType\.PRIVATE_WITH_EGRESS, "
        r"SubnetType\.PRIVATE_ISOLATED, got 'DMZ' \(str\)"),
    Bad("subnet-config-public-ip-private", lambda s, v: config(map_public_ip_on_launch=True), None,
        r"'map_public_ip_on_launch' is only for SubnetType\.PUBLIC subnets, got subnet_type "
        r"SubnetType\.PRIVATE_ISOLATED"),
    Bad("subnet-config-reserved-str", lambda s, v: config(reserved="yes"), None,
        r"'reserved' must be True or False, got 'yes' \(str\)"),
    # selections
    Bad("select-selection-and-keywords", lambda s, v: v.select_subnets(SubnetSelection(), subnet_type=PUBLIC),
        FIXTURE, r"select_subnets\(\) takes a SubnetSelection or its fields as keywords, not both"),
    Bad("select-type-and-group", lambda s, v: v.select_subnets(subnet_type=PUBLIC, subnet_group_name="A"), FIXTURE,
        r"'SubnetSelection' takes only one of subnet_type, subnets, subnet_ids or subnet_group_name, got "
        r"subnet_type and subnet_group_name"),
    Bad("select-unknown-group", lambda s, v: v.select_subnets(subnet_group_name="Nope"), FIXTURE,
        r"there are no subnet groups with name 'Nope' in this VPC; available names: Public, Private"),
    Bad("select-zones-str", lambda s, v: v.select_subnets(availability_zones="us-east-1a"), FIXTURE,
        r"'availability_zones' must be a list of availability zones, got 'us-east-1a' \(str\); wrap"),
    Bad("select-one-per-az-str", lambda s, v: v.select_subnets(one_per_az="yes"), FIXTURE,
        r"'one_per_az' must be True or False, got 'yes' \(str\)"),
    Bad("selection-group-chars", lambda s, v: SubnetSelection(subnet_group_name="a/b"), None,
        r"'subnet_group_name' must be a subnet group name, got 'a/b' \(str\)"),
    # subnets
    Bad("subnet-import-id", lambda s, v: Subnet.from_subnet_id(s, "Imp", "abc"), IMP,
        r"'subnet_id' must be a subnet id \(subnet-\.\.\.\), got 'abc' \(str\)"),
    Bad("subnet-import-zone", lambda s, v: Subnet.from_subnet_attributes(s, "Imp", subnet_id="subnet-1",
                                                                         availability_zone=1), IMP,
        r"'availability_zone' must be an availability zone such as 'us-east-1a' \(or a token\), got 1 \(int\)"),
    Bad("subnet-import-route-table", lambda s, v: Subnet.from_subnet_attributes(s, "Imp", subnet_id="subnet-1",
                                                                                route_table_id="main"), IMP,
        r"'route_table_id' must be a route table id \(rtb-\.\.\.\), got 'main' \(str\)"),
    Bad("subnet-cidr", lambda s, v: Subnet(s, "S", vpc_id="vpc-1", cidr_block="10.0.0.0/33",
                                           availability_zone="us-east-1a"), "TestStack/S",
        r"'cidr_block' must be an IPv4 CIDR block such as '10\.0\.0\.0/24', got '10\.0\.0\.0/33' \(str\)"),
    # VPC imports
    Bad("vpc-attrs-not-multiple", lambda s, v: Vpc.from_vpc_attributes(
        s, "Imp", vpc_id="vpc-1", availability_zones=["us-east-1a", "us-east-1b"],
        private_subnet_ids=["subnet-1", "subnet-2", "subnet-3"]), IMP,
        r"the number of 'private_subnet_ids' \(3\) must be a multiple of the availability zones \(2\)"),
    Bad("vpc-attrs-route-tables", lambda s, v: Vpc.from_vpc_attributes(
        s, "Imp", vpc_id="vpc-1", public_subnet_ids=["subnet-1"], public_subnet_route_table_ids=["rtb-1", "rtb-2"]),
        IMP, r"'public_subnet_route_table_ids' must have one entry per subnet of 'public_subnet_ids' \(1\), got 2"),
    Bad("vpc-attrs-names", lambda s, v: Vpc.from_vpc_attributes(
        s, "Imp", vpc_id="vpc-1", isolated_subnet_ids=["subnet-1"], isolated_subnet_names=["A", "B"]), IMP,
        r"'isolated_subnet_names' must have one name per subnet group \(1\), got 2"),
    Bad("vpc-attrs-cidr", lambda s, v: Vpc.from_vpc_attributes(s, "Imp", vpc_id="vpc-1", vpc_cidr_block="big"), IMP,
        r"'vpc_cidr_block' must be an IPv4 CIDR block such as '10\.0\.0\.0/24', got 'big' \(str\)"),
    # lookups
    Bad("lookup-vpc-id", lambda s, v: Vpc.from_lookup(s, "L", vpc_id="my-vpc"), LOOK,
        r"'vpc_id' must be a VPC id \(vpc-\.\.\.\), got 'my-vpc' \(str\)"),
    Bad("lookup-tags-list", lambda s, v: Vpc.from_lookup(s, "L", tags=["team"]), LOOK,
        r"'tags' must be a dict of strings to strings, got \['team'\] \(list\)"),
    Bad("lookup-default-str", lambda s, v: Vpc.from_lookup(s, "L", is_default="true"), LOOK,
        r"'is_default' must be True or False, got 'true' \(str\)"),
    Bad("lookup-token", lambda s, v: Vpc.from_lookup(s, "L", vpc_name=TOKEN), LOOK,
        r"every argument of Vpc\.from_lookup\(\) must be concrete \(no tokens\)"),
    Bad("lookup-subnet-objects", lambda s, v: Vpc.from_lookup(s, "L", is_default=True).isolated_subnets, LOOK,
        r"the isolated subnets of a looked-up VPC are known only at plan time; use select_subnets"),
    Bad("lookup-one-per-az", lambda s, v: Vpc.from_lookup(s, "L", is_default=True).select_subnets(one_per_az=True),
        LOOK, r"'one_per_az' needs the subnets' zones, which a looked-up VPC knows only at plan time"),
    # endpoints
    Bad("endpoint-service-str", lambda s, v: cidr_vpc(s).add_interface_endpoint("E", service="ecr"), "TestStack/Imp/E",
        r"'service' must be an endpoint service such as InterfaceVpcEndpointAwsService\.ECR, got 'ecr' \(str\)"),
    Bad("endpoint-gateway-of-interface-service", lambda s, v: v.add_gateway_endpoint(
        "G", service=InterfaceVpcEndpointAwsService.ECR), f"{FIXTURE}/G",
        r"'service' must be an endpoint service such as GatewayVpcEndpointAwsService\.S3"),
    Bad("endpoint-without-cidr", lambda s, v: v.add_interface_endpoint("E", service=InterfaceVpcEndpointAwsService.ECR),
        f"{FIXTURE}/E", r"the VPC's CIDR block is not known: import it with vpc_cidr_block=\.\.\."),
    Bad("endpoint-without-route-tables", lambda s, v: v.add_gateway_endpoint(
        "G", service=GatewayVpcEndpointAwsService.S3), f"{FIXTURE}/G",
        r"cannot add a gateway endpoint to the VPC: its subnets' route table ids are not known"),
    Bad("endpoint-gateway-subnets-not-list", lambda s, v: v.add_gateway_endpoint(
        "G", service=GatewayVpcEndpointAwsService.S3, subnets=SubnetSelection()), f"{FIXTURE}/G",
        r"'subnets' must be a list of ec2\.SubnetSelection, got SubnetSelection"),
    Bad("endpoint-interface-subnets-list", lambda s, v: cidr_vpc(s).add_interface_endpoint(
        "E", service=InterfaceVpcEndpointAwsService.ECR, subnets=[SubnetSelection()]), "TestStack/Imp/E",
        r"'subnets' must be an ec2\.SubnetSelection, got \[SubnetSelection"),
    Bad("endpoint-private-dns-str", lambda s, v: cidr_vpc(s).add_interface_endpoint(
        "E", service=InterfaceVpcEndpointAwsService.ECR, private_dns_enabled="yes"), "TestStack/Imp/E",
        r"'private_dns_enabled' must be True or False, got 'yes' \(str\)"),
    Bad("endpoint-security-groups-str", lambda s, v: cidr_vpc(s).add_interface_endpoint(
        "E", service=InterfaceVpcEndpointAwsService.ECR, security_groups="sg-1"), "TestStack/Imp/E",
        r"'security_groups' must be a list of ec2\.ISecurityGroup, got 'sg-1' \(str\)"),
    Bad("endpoint-no-subnets", lambda s, v: cidr_vpc(s).add_interface_endpoint(
        "E", service=InterfaceVpcEndpointAwsService.ECR), "TestStack/Imp/E",
        r"cannot create a VPC endpoint with no subnets"),
]

SG_ROWS = [
    Bad("sg-ipv6-outbound-str", lambda s, v: sg(s, v, allow_all_ipv6_outbound="no"), SG,
        r"'allow_all_ipv6_outbound' must be True or False, got 'no' \(str\)"),
    Bad("sg-disable-inline-str", lambda s, v: sg(s, v, disable_inline_rules=1), SG,
        r"'disable_inline_rules' must be True or False, got 1 \(int\)"),
    Bad("sg-rule-peer-str", lambda s, v: sg(s, v).add_ingress_rule("10.0.0.0/16", Port.SSH), SG,
        r"'peer' must be an ec2\.IPeer \(Peer\.ipv4\('10\.0\.0\.0/16'\), a SecurityGroup, \.\.\.\), got '10\.0\.0\.0/16'"),
    Bad("sg-rule-port-int", lambda s, v: sg(s, v).add_ingress_rule(Peer.any_ipv4(), 22), SG,
        r"'connection' must be an ec2\.Port such as Port\.tcp\(443\) or Port\.all_traffic\(\), got 22 \(int\)"),
    Bad("sg-rule-description-chars", lambda s, v: sg(s, v).add_ingress_rule(Peer.any_ipv4(), Port.SSH, "ssh ✓"), SG,
        r"'description' must be a rule description of at most 255 letters, .*, got 'ssh ✓' \(str\)"),
    Bad("sg-rule-description-ampersand", lambda s, v: sg(s, v).add_egress_rule(Peer.any_ipv6(), Port.SSH, "a & b"),
        SG, r"'description' must be a rule description .*, got 'a & b' \(str\)"),
    Bad("sg-rule-remote-str", lambda s, v: sg(s, v).add_ingress_rule(Peer.any_ipv4(), Port.SSH, None, "yes"), SG,
        r"'remote_rule' must be True or False, got 'yes' \(str\)"),
    Bad("sg-all-traffic-egress", lambda s, v: sg(s, v, allow_all_outbound=False).add_egress_rule(
        Peer.any_ipv6(), Port.all_traffic()), SG, r'Cannot add an "all traffic" egress rule in this way'),
    Bad("sg-import-mutable-str", lambda s, v: SecurityGroup.from_security_group_id(s, "Imp", "sg-1", mutable="no"),
        IMP, r"'mutable' must be True or False, got 'no' \(str\)"),
    Bad("sg-import-rule-peer", lambda s, v: SecurityGroup.from_security_group_id(s, "Imp", "sg-1").add_ingress_rule(
        5, Port.SSH), IMP, r"'peer' must be an ec2\.IPeer .*, got 5 \(int\)"),
    Bad("sg-by-id-takes-no-rules", lambda s, v: as_security_group("sg-1").add_ingress_rule(Peer.any_ipv4(), Port.SSH),
        None, r"cannot add a rule to security group 'sg-1': it was given without a scope \(by id\); import it with "
              r"SecurityGroup\.from_security_group_id\(scope, id, \.\.\.\) to add to it"),
    Bad("connections-other-str", lambda s, v: sg(s, v).connections.allow_from("sg-1", Port.HTTPS), None,
        r"'other' must be an ec2\.IConnectable \(a SecurityGroup, a Peer or a construct with 'connections'\), "
        r"got 'sg-1' \(str\)"),
    Bad("connections-no-default-port", lambda s, v: sg(s, v).connections.allow_default_port_from(Peer.any_ipv4()),
        None, r"cannot call allow_default_port_from\(\): this resource has no default port"),
    Bad("port-range", lambda s, v: Port.tcp_range(0, 70000), None,
        r"'end_port' must be a whole number from 0 to 65535, got 70000 \(int\)"),
    Bad("peer-cidr-no-mask", lambda s, v: Peer.ipv4("10.1.2.3"), None, r"did you mean '10\.1\.2\.3/32'\?"),
    Bad("peer-prefix-list", lambda s, v: Peer.prefix_list(5), None,
        r"'prefix_list_id' must be a prefix list id \(pl-\.\.\.\), got 5 \(int\)"),
]

ROWS = VPC_ROWS + SG_ROWS


@params(ROWS)
def test_ec2_networking_mistakes(row: Bad, stack: Any, vpc: Any) -> None:
    run(row, stack, vpc)


# -- valid inputs that keep working ------------------------------------------------------------------

def test_valid_networking_inputs_keep_working(stack: Any, vpc: Any) -> None:
    made = Vpc(stack, "V", max_azs=2.0, nat_gateways=5, cidr="10.4.0.0/16", subnet_configuration=[
        {"name": "Public", "subnet_type": "Public", "cidr_mask": 24.0},
        {"name": "Private", "subnet_type": "PRIVATE_WITH_EGRESS"}])
    assert len(made.private_subnets) == 2
    assert vpc.select_subnets(SubnetSelection(subnet_type="Public")).subnet_ids == ["subnet-c"]
    group = SecurityGroup(stack, "SG", vpc=made, allow_all_outbound=None, disable_inline_rules=False)
    group.add_ingress_rule(Peer.ipv4("10.4.0.0/16"), Port.tcp(443.0), "", False)
    group.connections.allow_from(SecurityGroup.from_security_group_id(stack, "Other", "sg-0abc"), Port.all_tcp())
    template = Template.from_stack(stack)
    template.resource_count_is("aws_nat_gateway", 2)        # at most one per zone
    template.resource_count_is("aws_vpc_security_group_ingress_rule", 2)
    template.has_resource_properties("aws_vpc_security_group_ingress_rule", {"from_port": 443, "description": ""})
