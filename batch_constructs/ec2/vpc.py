"""``Vpc`` and ``IpAddresses`` (names as in ``aws_cdk.aws_ec2``).

Availability zones come from a ``data "aws_availability_zones"`` (state ``available``): subnet
``n`` of every group is in zone ``element(names, n - 1)``, the region's zones in Terraform's
order (AWS CDK takes the stack's zones at synth instead). Subnet blocks are literal CIDRs computed
in Python (``_ec2_cidr``), AWS CDK's layout when ``subnet_configuration`` is given.
"""
from __future__ import annotations

from typing import Any, Sequence

from .._check import check_str
from .._ec2_cidr import CidrError, allocate_subnet_cidrs, legacy_subnet_cidrs, parse_vpc_cidr
from .._errors import ValidationError
from ._construct import _construct_base
from ._network_validation import nat_gateway_count, validate_vpc_props, vpc_cidr
from .subnets import ImportedSubnet, PrivateSubnet, PublicSubnet, SubnetConfiguration, SubnetType, _tag_text
from .vpc_base import IVpc, ImportedVpc, LookedUpVpc, import_vpc
from .._identity import node_path

__all__ = ["IpAddresses", "Vpc"]


class IpAddresses:
    """Where a ``Vpc``'s addresses come from: ``IpAddresses.cidr('10.0.0.0/16')`` (/16 to /28)."""

    def __init__(self, cidr_block: str) -> None:
        self.cidr_block = cidr_block

    @staticmethod
    def cidr(cidr_block: str) -> "IpAddresses":
        check_str(None, "cidr_block", cidr_block, required=True)
        try:
            parse_vpc_cidr(cidr_block)
        except CidrError as error:
            raise ValidationError(None, f"'cidr_block' must be an IPv4 CIDR block such as '10.0.0.0/16', got "
                                        f"{cidr_block!r}: {error}") from None
        return IpAddresses(cidr_block)


class _NatPicker:
    """AWS CDK's ``PrefSet``: the NAT gateway of the subnet's own zone, else the next in turn."""

    def __init__(self) -> None:
        self.by_zone: dict[str, str] = {}
        self.order: list[str] = []
        self.next = 0

    def add(self, zone: str, gateway_id: str) -> None:
        self.by_zone[zone] = gateway_id
        self.order.append(gateway_id)

    def pick(self, zone: str) -> str:
        if zone in self.by_zone:
            return self.by_zone[zone]
        gateway = self.order[self.next % len(self.order)]
        self.next += 1
        return gateway


class Vpc(_construct_base(), IVpc):  # type: ignore[misc]
    """A VPC (``aws_vpc``) with subnets in ``max_azs`` availability zones, an internet gateway, NAT
    gateways (with Elastic IPs) and route tables.

    :param ip_addresses: the block, ``IpAddresses.cidr('10.0.0.0/16')`` or a string (default
        ``10.0.0.0/16``); ``cidr``: the same, deprecated (at most one of the two).
    :param subnet_configuration: the subnet groups (``SubnetConfiguration``), one subnet per zone
        each, laid out as AWS CDK does (masked groups first, the rest share what is left).
        Default: this library's default network: a public and a private subnet per zone, /20
        (or 1/16 of the block) each, public ones from the start of the block, private ones from
        its middle, public subnets sharing one route table (AWS CDK's default,
        ``Vpc.DEFAULT_SUBNETS``, splits the block evenly instead: pass it to get that).
    :param max_azs: zones, 1 to 6: default 3 with ``subnet_configuration`` (AWS CDK), 2 without.
    :param nat_gateways: with ``subnet_configuration``: default one per zone when there are
        private subnets (AWS CDK), at most one per zone. Without: default 1; 0 makes the private
        subnets isolated.
    :param enable_dns_hostnames: default ``True``. :param enable_dns_support: default ``True``.
    :param vpc_name: the ``Name`` tag of the VPC's resources. Default: none without
        ``subnet_configuration``; the construct path with it (AWS CDK; subnets are tagged with
        their own path and ``aws-cdk:subnet-name``/``aws-cdk:subnet-type``).
    """

    DEFAULT_CIDR_RANGE = "10.0.0.0/16"
    DEFAULT_SUBNETS = [SubnetConfiguration(name="Public", subnet_type=SubnetType.PUBLIC),
                       SubnetConfiguration(name="Private", subnet_type=SubnetType.PRIVATE_WITH_EGRESS)]
    DEFAULT_SUBNETS_NO_NAT = [SubnetConfiguration(name="Public", subnet_type=SubnetType.PUBLIC),
                              SubnetConfiguration(name="Isolated", subnet_type=SubnetType.PRIVATE_ISOLATED)]

    def __init__(self, scope: Any, id: str, *, ip_addresses: IpAddresses | str | None = None, cidr: str | None = None,
                 max_azs: int | None = None, nat_gateways: int | None = None,
                 subnet_configuration: Sequence[SubnetConfiguration] | None = None, enable_dns_hostnames: bool = True,
                 enable_dns_support: bool = True, vpc_name: str | None = None) -> None:
        super().__init__(scope, id)
        from .._core import cdk
        core = cdk(scope)
        Fn, Token = core.Fn, core.Token

        from ..core import Tags

        block = vpc_cidr(self, ip_addresses, cidr)
        props = validate_vpc_props(self, max_azs=max_azs, nat_gateways=nat_gateways,
                                   subnet_configuration=subnet_configuration, enable_dns_hostnames=enable_dns_hostnames,
                                   enable_dns_support=enable_dns_support, vpc_name=vpc_name)
        configs = props["subnet_configuration"]
        self.dns_hostnames_enabled = props["enable_dns_hostnames"]
        self.dns_support_enabled = props["enable_dns_support"]
        if configs is not None or vpc_name is not None:
            Tags.of(self).add("Name", _tag_text(vpc_name or node_path(self)))
        self.resource = self._new_l1("Resource", "vpc", "Vpc", cidr_block=block,
                                     enable_dns_hostnames=self.dns_hostnames_enabled,
                                     enable_dns_support=self.dns_support_enabled, taggable=True)
        self.vpc_id: str = self.resource.id
        self.vpc_arn: str = self.resource.arn
        self._cidr = block
        self.public_subnets: list[Any] = []
        self.private_subnets: list[Any] = []
        self.isolated_subnets: list[Any] = []
        self.internet_gateway_id: str | None = None
        zone_count = props["max_azs"] or (2 if configs is None else 3)
        zones = self._new_l1("AvailabilityZones", "data_aws_availability_zones", "DataAwsAvailabilityZones",
                             state="available")
        self.availability_zones = [Token.as_string(Fn.element(zones.names, i)) for i in range(zone_count)]
        if configs is None:
            self._default_network(block, 1 if props["nat_gateways"] is None else props["nat_gateways"])
        else:
            self._configured_network(block, configs, props["nat_gateways"])

    def _default_network(self, block: str, nat_gateways: int) -> None:
        """This library's default network (unchanged output for existing stacks)."""
        try:
            public_cidrs, private_cidrs = legacy_subnet_cidrs(block, len(self.availability_zones))
        except CidrError as error:
            raise self._error(str(error)) from None
        igw = self._new_l1("InternetGateway", "internet_gateway", "InternetGateway", vpc_id=self.vpc_id, taggable=True)
        self.internet_gateway_id = igw.id
        public_rt = self._new_l1("PublicRouteTable", "route_table", "RouteTable", vpc_id=self.vpc_id, taggable=True)
        public_rt_id = public_rt.id
        self._new_l1("PublicDefaultRoute", "route", "Route", route_table_id=public_rt_id,
                     destination_cidr_block="0.0.0.0/0", gateway_id=igw.id)
        nat_ids: list[str] = []
        for index, az in enumerate(self.availability_zones):
            n = index + 1
            public = self._new_l1(f"PublicSubnet{n}", "subnet", "Subnet", vpc_id=self.vpc_id,
                                  cidr_block=public_cidrs[index], availability_zone=az, map_public_ip_on_launch=True,
                                  taggable=True)
            self._new_l1(f"PublicSubnet{n}RouteTableAssociation", "route_table_association",
                         "RouteTableAssociation", subnet_id=public.id, route_table_id=public_rt_id)
            self.public_subnets.append(ImportedSubnet(public.id, availability_zone=az, route_table_id=public_rt_id,
                                                      ipv4_cidr_block=public_cidrs[index], group_name="Public"))
            if index < nat_gateways:
                eip = self._new_l1(f"NatEip{n}", "eip", "Eip", domain="vpc", taggable=True)
                nat = self._new_l1(f"NatGateway{n}", "nat_gateway", "NatGateway", allocation_id=eip.id,
                                   subnet_id=public.id, taggable=True)
                nat_ids.append(nat.id)
            private = self._new_l1(f"PrivateSubnet{n}", "subnet", "Subnet", vpc_id=self.vpc_id,
                                   cidr_block=private_cidrs[index], availability_zone=az, taggable=True)
            private_rt = self._new_l1(f"PrivateSubnet{n}RouteTable", "route_table", "RouteTable", vpc_id=self.vpc_id,
                                      taggable=True)
            self._new_l1(f"PrivateSubnet{n}RouteTableAssociation", "route_table_association",
                         "RouteTableAssociation", subnet_id=private.id, route_table_id=private_rt.id)
            if nat_ids:
                self._new_l1(f"PrivateSubnet{n}DefaultRoute", "route", "Route", route_table_id=private_rt.id,
                             destination_cidr_block="0.0.0.0/0", nat_gateway_id=nat_ids[index % len(nat_ids)])
            subnet = ImportedSubnet(private.id, availability_zone=az, route_table_id=private_rt.id,
                                    ipv4_cidr_block=private_cidrs[index], group_name="Private")
            (self.private_subnets if nat_ids else self.isolated_subnets).append(subnet)

    def _configured_network(self, block: str, configs: list[SubnetConfiguration], nat_gateways: int | None) -> None:
        """AWS CDK's network for ``subnet_configuration`` (``Vpc.createSubnets`` and NAT gateways)."""
        zones = self.availability_zones
        nat_count = nat_gateway_count(self, nat_gateways, configs, len(zones))
        requested = [(config, index) for config in configs for index in range(len(zones))]
        try:
            blocks = allocate_subnet_cidrs(block, [config.cidr_mask for config, _ in requested])
        except CidrError as error:
            raise self._error(f"'subnet_configuration' does not fit in {block} with {len(zones)} zones: {error}") \
                from None
        for (config, index), cidr_block in zip(requested, blocks):
            if config.reserved:
                continue
            public = config.subnet_type is SubnetType.PUBLIC
            map_ip = (config.map_public_ip_on_launch is not False) if public else None
            cls = PublicSubnet if public else PrivateSubnet
            subnet = cls(self, f"{config.name}Subnet{index + 1}", vpc_id=self.vpc_id, cidr_block=cidr_block,
                         availability_zone=zones[index], map_public_ip_on_launch=map_ip)
            subnet._extra_tags = {"aws-cdk:subnet-name": config.name,
                                  "aws-cdk:subnet-type": SubnetType(config.subnet_type).value}
            {SubnetType.PUBLIC: self.public_subnets, SubnetType.PRIVATE_WITH_EGRESS: self.private_subnets,
             SubnetType.PRIVATE_ISOLATED: self.isolated_subnets}[config.subnet_type].append(subnet)
        if all(config.subnet_type is SubnetType.PRIVATE_ISOLATED for config in configs):
            return
        igw = self._new_l1("IGW", "internet_gateway", "InternetGateway", vpc_id=self.vpc_id, taggable=True)
        self.internet_gateway_id = igw.id
        for subnet in self.public_subnets:
            subnet.add_default_internet_route(igw.id)
        if nat_count:
            picker = _NatPicker()
            for subnet in self.public_subnets[:nat_count]:
                picker.add(subnet.availability_zone, subnet.add_nat_gateway().id)
            for subnet in self.private_subnets:
                subnet.add_default_nat_route(picker.pick(subnet.availability_zone))

    @staticmethod
    def from_vpc_attributes(scope: Any, id: str, *, vpc_id: str, availability_zones: Sequence[str] | None = None,
                            vpc_cidr_block: str | None = None, public_subnet_ids: Sequence[str] | None = None,
                            public_subnet_names: Sequence[str] | None = None,
                            public_subnet_route_table_ids: Sequence[str] | None = None,
                            public_subnet_ipv4_cidr_blocks: Sequence[str] | None = None,
                            private_subnet_ids: Sequence[str] | None = None,
                            private_subnet_names: Sequence[str] | None = None,
                            private_subnet_route_table_ids: Sequence[str] | None = None,
                            private_subnet_ipv4_cidr_blocks: Sequence[str] | None = None,
                            isolated_subnet_ids: Sequence[str] | None = None,
                            isolated_subnet_names: Sequence[str] | None = None,
                            isolated_subnet_route_table_ids: Sequence[str] | None = None,
                            isolated_subnet_ipv4_cidr_blocks: Sequence[str] | None = None) -> ImportedVpc:
        """An existing VPC by its ids; creates nothing. Subnet ``i`` of a type is in zone
        ``availability_zones[i % len]`` (default: zones unknown); ``*_names`` name the groups
        (default ``Public``/``Private``/``Isolated``); route tables (for gateway endpoints) and
        blocks default to unknown; ``vpc_cidr_block`` (for interface endpoints) too."""
        local = locals()
        groups = {kind: {"ids": local[f"{kind}_subnet_ids"], "names": local[f"{kind}_subnet_names"],
                         "route_table_ids": local[f"{kind}_subnet_route_table_ids"],
                         "ipv4_cidr_blocks": local[f"{kind}_subnet_ipv4_cidr_blocks"]}
                  for kind in ("public", "private", "isolated")}
        return import_vpc(scope, id, vpc_id, availability_zones, vpc_cidr_block, groups)

    @staticmethod
    def from_attributes(scope: Any, id: str, *, vpc_id: str, availability_zones: Sequence[str] | None = None,
                        vpc_cidr_block: str | None = None, public_subnet_ids: Sequence[str] | None = None,
                        private_subnet_ids: Sequence[str] | None = None,
                        isolated_subnet_ids: Sequence[str] | None = None) -> ImportedVpc:
        """This library's short form of ``from_vpc_attributes`` (ids only)."""
        return Vpc.from_vpc_attributes(scope, id, vpc_id=vpc_id, availability_zones=availability_zones,
                                       vpc_cidr_block=vpc_cidr_block, public_subnet_ids=public_subnet_ids,
                                       private_subnet_ids=private_subnet_ids, isolated_subnet_ids=isolated_subnet_ids)

    @staticmethod
    def from_lookup(scope: Any, id: str, *, vpc_id: str | None = None, is_default: bool | None = None,
                    tags: dict[str, str] | None = None, vpc_name: str | None = None) -> LookedUpVpc:
        """An existing VPC found by Terraform at plan time (``data "aws_vpc"`` filtered by
        ``vpc_id``, ``is_default``, ``tags`` and ``vpc_name``, the ``Name`` tag; its subnets by
        ``data "aws_subnets"``): see ``LookedUpVpc``. Exactly one VPC must match."""
        return LookedUpVpc(scope, id, vpc_id=vpc_id, is_default=is_default, tags=tags, vpc_name=vpc_name)


from .._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
