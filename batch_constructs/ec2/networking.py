"""EC2 networking: ``Vpc`` (and its import), ``SubnetSelection``, ``SubnetType``, ``SecurityGroup``
(names as in ``aws_cdk.aws_ec2``)."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any, Sequence

from .._check import check_int, check_list, check_protocol, check_str, child_path, describe
from ._validation import SG_ID, check_subnet_selection, security_group_description, subnet_id, subnet_selection_fields, validate_security_group_props

__all__ = ["Connections", "SecurityGroup", "SelectedSubnets", "SubnetSelection", "SubnetType", "Vpc",
           "as_security_group"]


class SubnetType(enum.StrEnum):
    PUBLIC = "Public"
    PRIVATE_WITH_EGRESS = "Private"
    PRIVATE_ISOLATED = "Isolated"


@dataclass
class SubnetSelection:
    """Which subnets to use. Default: the private subnets (public ones when there are none)."""

    subnet_type: SubnetType | None = None
    subnets: Sequence[Any] | None = None      # subnet L1s or ids
    subnet_ids: Sequence[str] | None = None

    def __post_init__(self) -> None:
        self.subnet_type = subnet_selection_fields(None, "", self)


@dataclass
class SelectedSubnets:
    subnet_ids: list[str] = field(default_factory=list)


class _VpcBase:
    vpc_id: str
    public_subnet_ids: list[str]
    private_subnet_ids: list[str]
    isolated_subnet_ids: list[str]

    def select_subnets(self, selection: SubnetSelection | None = None) -> SelectedSubnets:
        """Subnet ids for ``selection`` (default: private with egress, else public)."""
        selection = check_subnet_selection(None, "selection", selection) or SubnetSelection()
        kind = subnet_selection_fields(None, "selection.", selection)
        if selection.subnet_ids:
            return SelectedSubnets(list(selection.subnet_ids))
        if selection.subnets:
            return SelectedSubnets([s if isinstance(s, str) else getattr(s, "subnet_id", None) or s.id
                                    for s in selection.subnets])
        if kind is None:
            for ids in (self.private_subnet_ids, self.isolated_subnet_ids, self.public_subnet_ids):
                if ids:
                    return SelectedSubnets(list(ids))
            return SelectedSubnets([])
        return SelectedSubnets(list({SubnetType.PUBLIC: self.public_subnet_ids,
                                     SubnetType.PRIVATE_WITH_EGRESS: self.private_subnet_ids,
                                     SubnetType.PRIVATE_ISOLATED: self.isolated_subnet_ids}[kind]))


class ImportedVpc(_VpcBase):
    def __init__(self, vpc_id: str, public: Sequence[str], private: Sequence[str],
                 isolated: Sequence[str]) -> None:
        self.vpc_id = vpc_id
        self.public_subnet_ids = list(public)
        self.private_subnet_ids = list(private)
        self.isolated_subnet_ids = list(isolated)


def _construct_base() -> type:
    from .._base import BatchConstruct
    return BatchConstruct


class Vpc(_construct_base(), _VpcBase):  # type: ignore[misc]
    """A working VPC: public and private subnets in ``max_azs`` availability zones, an internet
    gateway, one NAT gateway and the routes between them.

    :param ip_addresses: the VPC CIDR (default ``10.0.0.0/16``; /20 subnets are cut from it).
    :param max_azs: availability zones to use (default 2; the region's first ones).
    :param nat_gateways: NAT gateways (default 1; 0 leaves private subnets without egress).
    """

    def __init__(self, scope: Any, id: str, *, ip_addresses: str = "10.0.0.0/16",
                 max_azs: int = 2, nat_gateways: int = 1) -> None:
        super().__init__(scope, id)
        import ipaddress

        from cdktf import Fn, Token

        check_str(self, "ip_addresses", ip_addresses, required=True)
        max_azs = check_int(self, "max_azs", max_azs, required=True)
        nat_gateways = check_int(self, "nat_gateways", nat_gateways, minimum=0, required=True)
        if not 1 <= max_azs <= 6:
            raise self._error(f"Vpc 'max_azs' must be between 1 and 6, got {max_azs}")
        try:
            network = ipaddress.IPv4Network(ip_addresses)
            subnets = list(network.subnets(new_prefix=max(network.prefixlen + 4, 20)))
        except ValueError as error:
            raise self._error(f"'ip_addresses' must be an IPv4 CIDR block such as '10.0.0.0/16', got "
                              f"{describe(ip_addresses)}: {error}") from None
        if len(subnets) < 2 * max_azs:
            raise self._error(f"Vpc CIDR {ip_addresses} is too small for {max_azs} AZs")
        self.resource = self._new_l1("Resource", "vpc", "Vpc", cidr_block=ip_addresses,
                                     enable_dns_hostnames=True, enable_dns_support=True, taggable=True)
        self.vpc_id = self.resource.id
        azs = self._new_l1("AvailabilityZones", "data_aws_availability_zones",
                           "DataAwsAvailabilityZones", state="available")
        igw = self._new_l1("InternetGateway", "internet_gateway", "InternetGateway",
                           vpc_id=self.vpc_id, taggable=True)
        public_rt = self._new_l1("PublicRouteTable", "route_table", "RouteTable", vpc_id=self.vpc_id,
                                 taggable=True)
        self._new_l1("PublicDefaultRoute", "route", "Route", route_table_id=public_rt.id,
                     destination_cidr_block="0.0.0.0/0", gateway_id=igw.id)
        self.public_subnet_ids, self.private_subnet_ids, self.isolated_subnet_ids = [], [], []
        half = len(subnets) // 2
        nat_ids: list[str] = []
        for index in range(max_azs):
            az = Token.as_string(Fn.element(azs.names, index))
            public = self._new_l1(f"PublicSubnet{index + 1}", "subnet", "Subnet", vpc_id=self.vpc_id,
                                  cidr_block=str(subnets[index]), availability_zone=az,
                                  map_public_ip_on_launch=True, taggable=True)
            self._new_l1(f"PublicSubnet{index + 1}RouteTableAssociation", "route_table_association",
                         "RouteTableAssociation", subnet_id=public.id, route_table_id=public_rt.id)
            self.public_subnet_ids.append(public.id)
            if index < nat_gateways:
                eip = self._new_l1(f"NatEip{index + 1}", "eip", "Eip", domain="vpc", taggable=True)
                nat = self._new_l1(f"NatGateway{index + 1}", "nat_gateway", "NatGateway",
                                   allocation_id=eip.id, subnet_id=public.id, taggable=True)
                nat_ids.append(nat.id)
            private = self._new_l1(f"PrivateSubnet{index + 1}", "subnet", "Subnet", vpc_id=self.vpc_id,
                                   cidr_block=str(subnets[half + index]), availability_zone=az,
                                   taggable=True)
            private_rt = self._new_l1(f"PrivateSubnet{index + 1}RouteTable", "route_table", "RouteTable",
                                      vpc_id=self.vpc_id, taggable=True)
            self._new_l1(f"PrivateSubnet{index + 1}RouteTableAssociation", "route_table_association",
                         "RouteTableAssociation", subnet_id=private.id, route_table_id=private_rt.id)
            if nat_ids:
                self._new_l1(f"PrivateSubnet{index + 1}DefaultRoute", "route", "Route",
                             route_table_id=private_rt.id, destination_cidr_block="0.0.0.0/0",
                             nat_gateway_id=nat_ids[index % len(nat_ids)])
            (self.private_subnet_ids if nat_ids else self.isolated_subnet_ids).append(private.id)

    @classmethod
    def from_attributes(cls, scope: Any, id: str, *, vpc_id: str,
                        private_subnet_ids: Sequence[str] = (), public_subnet_ids: Sequence[str] = (),
                        isolated_subnet_ids: Sequence[str] = (), **_ignored: Any) -> ImportedVpc:
        """An existing VPC, by id. Creates nothing."""
        path = child_path(scope, id)
        check_str(path, "vpc_id", vpc_id, pattern=r"vpc-[0-9a-zA-Z]+", rule="a VPC id (vpc-...)", required=True)
        subnets = [check_list(path, k, v, subnet_id, expected="a list of subnet ids") for k, v in (
            ("public_subnet_ids", public_subnet_ids), ("private_subnet_ids", private_subnet_ids),
            ("isolated_subnet_ids", isolated_subnet_ids))]
        return ImportedVpc(vpc_id, *(ids or () for ids in subnets))


_EGRESS_ALL = {
    "cidr_blocks": ["0.0.0.0/0"], "description": "Allow all outbound traffic by default",
    "from_port": 0, "ipv6_cidr_blocks": [], "prefix_list_ids": [], "protocol": "-1",
    "security_groups": [], "self": False, "to_port": 0,
}


class SecurityGroup(_construct_base()):  # type: ignore[misc]
    """A security group (``aws_security_group``) in ``vpc``.

    :param vpc: the VPC (required).
    :param description: default: the construct path (as AWS CDK), made valid for EC2.
    :param allow_all_outbound: default ``True``: an explicit all-traffic egress rule (Terraform
        removes AWS's default egress rule unless it is declared).
    :param security_group_name: default: generated by Terraform.
    """

    def __init__(self, scope: Any, id: str, *, vpc: Any, description: str | None = None,
                 allow_all_outbound: bool = True, security_group_name: str | None = None) -> None:
        super().__init__(scope, id)
        allow_all_outbound = validate_security_group_props(self, vpc, description, allow_all_outbound,
                                                           security_group_name)
        extra: dict[str, Any] = {}
        if security_group_name is not None:
            extra["name"] = security_group_name
        self.resource = self._new_l1(
            "Resource", "security_group", "SecurityGroup", vpc_id=vpc.vpc_id,
            description=description or security_group_description(self.node.path), taggable=True,
            render=lambda: {"egress": [dict(_EGRESS_ALL)] if allow_all_outbound else [],
                            "ingress": []}, **extra)
        self.resource.add_override("lifecycle", {"create_before_destroy": True})
        self.security_group_id = self.resource.id

    @classmethod
    def from_security_group_id(cls, scope: Any, id: str, security_group_id: str, **_: Any) -> "ImportedSecurityGroup":
        return ImportedSecurityGroup(check_str(child_path(scope, id), "security_group_id", security_group_id,
                                               pattern=SG_ID, rule="a security group id (sg-...)", required=True))


class ImportedSecurityGroup:
    def __init__(self, security_group_id: str) -> None:
        self.security_group_id = security_group_id


def as_security_group(value: Any, *, scope: Any = None, keyword: str = "security_group") -> Any:
    """Accept our ``SecurityGroup``, an imported one, an id string, or the provider's L1."""
    if isinstance(value, str):
        return ImportedSecurityGroup(check_str(scope, keyword, value, pattern=SG_ID,
                                               rule="a security group id (sg-...)"))
    if getattr(value, "terraform_resource_type", None) == "aws_security_group":
        return ImportedSecurityGroup(value.id)
    return check_protocol(scope, keyword, value, ("security_group_id",),
                          "an ec2.SecurityGroup, SecurityGroup.from_security_group_id(...), a security group id "
                          "or the provider's SecurityGroup", required=True)


# -- launch templates, placement groups, machine images (compute environments) --------------------


class Connections:
    """``connections`` of a construct with security groups (AWS CDK's ``ec2.Connections``: the
    security groups and their ids)."""

    def __init__(self, security_groups: Sequence[Any]) -> None:
        self.security_groups = list(security_groups)

    @property
    def security_group_ids(self) -> list[str]:
        return [sg.security_group_id for sg in self.security_groups]
