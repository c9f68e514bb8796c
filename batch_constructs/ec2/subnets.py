"""Subnets (names as in ``aws_cdk.aws_ec2``): ``SubnetType``, ``SubnetConfiguration``,
``SubnetSelection``/``SelectedSubnets``, the ``Subnet`` construct (an ``aws_subnet`` with its own
route table, as AWS CDK's ``PublicSubnet``/``PrivateSubnet``) and imported subnets
(``Subnet.from_subnet_id``, ``Subnet.from_subnet_attributes``: plain objects, nothing created)."""
from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from typing import Any, Sequence

from .._check import check_bool, check_str, child_path
from .._errors import ValidationError
from ._construct import _construct_base
from ._network_validation import check_availability_zone, check_ipv4_cidr, subnet_configuration_fields
from ._validation import subnet_id as check_subnet_id
from ._validation import subnet_selection_fields
from .._identity import node_path

__all__ = ["ISubnet", "ImportedSubnet", "PrivateSubnet", "PublicSubnet", "RouteTable", "SelectedSubnets", "Subnet",
           "SubnetConfiguration", "SubnetSelection", "SubnetType"]


class SubnetType(enum.StrEnum):
    """How a subnet reaches the internet. ``PRIVATE_WITH_NAT``/``PRIVATE`` (deprecated in AWS
    CDK) are aliases of ``PRIVATE_WITH_EGRESS``, ``ISOLATED`` of ``PRIVATE_ISOLATED``."""

    PUBLIC = "Public"
    PRIVATE_WITH_EGRESS = "Private"
    PRIVATE_ISOLATED = "Isolated"
    PRIVATE_WITH_NAT = "Private"
    PRIVATE = "Private"
    ISOLATED = "Isolated"


@dataclass
class SubnetConfiguration:
    """One subnet group of a ``Vpc``: a subnet of this type in every availability zone.

    :param name: the group's name (``<name>Subnet<n>`` are its construct ids; required).
    :param subnet_type: required.
    :param cidr_mask: the subnets' size, /16 to /28. Default: an equal share of the space that
        groups with a mask leave.
    :param reserved: reserve the address space but create nothing. Default ``False``.
    :param map_public_ip_on_launch: public subnets only. Default: ``True`` for public subnets.
    """

    name: str
    subnet_type: SubnetType
    cidr_mask: int | None = None
    reserved: bool = False
    map_public_ip_on_launch: bool | None = None

    def __post_init__(self) -> None:
        for key, value in self._checked(None, "", **{k: getattr(self, k) for k in self.__dataclass_fields__}).items():
            setattr(self, key, value)

    @staticmethod
    def _checked(scope: Any, prefix: str, **fields: Any) -> dict[str, Any]:
        return subnet_configuration_fields(scope, prefix, SubnetType, **fields)


@dataclass
class SubnetSelection:
    """Which subnets to use. Default: the private subnets (else isolated, else public).

    :param subnet_type: subnets of this type.
    :param subnet_group_name: subnets of this ``SubnetConfiguration`` name.
    :param subnets: these subnets (``ISubnet`` objects, ids or the provider's ``Subnet``).
    :param subnet_ids: these subnet ids (this library's shorthand for ``subnets``).
    :param availability_zones: keep only subnets in these zones. Default: no filter.
    :param one_per_az: keep at most one subnet per zone. Default ``False``.

    At most one of ``subnet_type``, ``subnet_group_name``, ``subnets`` and ``subnet_ids``.
    """

    subnet_type: SubnetType | None = None
    subnets: Sequence[Any] | None = None
    subnet_ids: Sequence[str] | None = None
    subnet_group_name: str | None = None
    availability_zones: Sequence[str] | None = None
    one_per_az: bool | None = None

    def __post_init__(self) -> None:
        self.subnet_type = subnet_selection_fields(None, "", self)


class RouteTable:
    """A route table by id (AWS CDK's ``IRouteTable``)."""

    def __init__(self, route_table_id: str | None) -> None:
        self.route_table_id = route_table_id


class ISubnet:
    """What every subnet offers: ``subnet_id``, ``availability_zone``, ``route_table``,
    ``ipv4_cidr_block``."""

    subnet_id: str
    route_table: RouteTable
    _group_name: str | None = None

    @property
    def availability_zone(self) -> str:
        raise NotImplementedError

    @property
    def ipv4_cidr_block(self) -> str:
        raise NotImplementedError


class ImportedSubnet(ISubnet):
    """A subnet known by id (``Subnet.from_subnet_attributes``); creates nothing."""

    def __init__(self, subnet_id: str, *, availability_zone: str | None = None, route_table_id: str | None = None,
                 ipv4_cidr_block: str | None = None, group_name: str | None = None, path: str | None = None) -> None:
        self.subnet_id = subnet_id
        self._availability_zone = availability_zone
        self._ipv4_cidr_block = ipv4_cidr_block
        self.route_table = RouteTable(route_table_id)
        self._group_name = group_name
        self._path = path

    @property
    def availability_zone(self) -> str:
        if self._availability_zone is None:
            # AWS CDK: "You cannot reference a Subnet's availability zone if it was not supplied."
            raise ValidationError(self._path, "cannot reference the availability zone of a subnet imported without "
                                              "one; pass availability_zone to Subnet.from_subnet_attributes()")
        return self._availability_zone

    @property
    def ipv4_cidr_block(self) -> str:
        if self._ipv4_cidr_block is None:
            raise ValidationError(self._path, "cannot reference the IPv4 CIDR of a subnet imported without one; pass "
                                              "ipv4_cidr_block to Subnet.from_subnet_attributes()")
        return self._ipv4_cidr_block

    def __repr__(self) -> str:
        return f"ImportedSubnet({self.subnet_id})"


def _tag_text(text: str) -> str:
    """``text`` with the characters AWS refuses in tag values replaced by ``_``."""
    return re.sub(r"[^\w .:/=+\-@]", "_", text)[:256]


class Subnet(_construct_base(), ISubnet):  # type: ignore[misc]
    """A subnet (``aws_subnet``) with its own route table (``aws_route_table`` and
    ``aws_route_table_association``), tagged ``Name`` = its construct path (AWS CDK's ``Subnet``).

    :param vpc_id: the VPC (required).
    :param cidr_block: an IPv4 block, /16 to /28 (required).
    :param availability_zone: required (a name or a token such as ``vpc.availability_zones[0]``).
    :param map_public_ip_on_launch: default: ``False`` (AWS's).
    """

    def __init__(self, scope: Any, id: str, *, vpc_id: str, cidr_block: str, availability_zone: str,
                 map_public_ip_on_launch: bool | None = None) -> None:
        super().__init__(scope, id)
        from ..core import Tags

        check_str(self, "vpc_id", vpc_id, required=True)
        check_ipv4_cidr(self, "cidr_block", cidr_block, required=True)
        check_availability_zone(self, "availability_zone", availability_zone, required=True)
        public_ip = check_bool(self, "map_public_ip_on_launch", map_public_ip_on_launch)
        Tags.of(self).add("Name", _tag_text(node_path(self)))
        self._extra_tags: dict[str, str] = {}
        extra = {"map_public_ip_on_launch": True} if public_ip else {}
        self.resource = self._new_l1("Subnet", "subnet", "Subnet", vpc_id=vpc_id, cidr_block=cidr_block,
                                     availability_zone=availability_zone, taggable=True,
                                     render=lambda: {"tags": dict(self._extra_tags)} if self._extra_tags else {},
                                     **extra)
        self.subnet_id: str = self.resource.id
        self.subnet_vpc_id = vpc_id
        self._availability_zone = availability_zone
        self._ipv4_cidr_block = cidr_block
        table = self._new_l1("RouteTable", "route_table", "RouteTable", vpc_id=vpc_id, taggable=True)
        self.route_table = RouteTable(table.id)
        self._new_l1("RouteTableAssociation", "route_table_association", "RouteTableAssociation",
                     subnet_id=self.subnet_id, route_table_id=table.id)
        self._group_name = re.sub(r"Subnet\d+$", "", id)   # AWS CDK's subnetGroupNameFromConstructId
        self.internet_route: Any = None

    @property
    def availability_zone(self) -> str:
        return self._availability_zone

    @property
    def ipv4_cidr_block(self) -> str:
        return self._ipv4_cidr_block

    def add_default_internet_route(self, gateway_id: str, gateway_attachment: Any = None) -> None:
        """A ``0.0.0.0/0`` route to an internet gateway (``gateway_attachment``: accepted for
        AWS CDK's signature; the route depends on the gateway through its id)."""
        check_str(self, "gateway_id", gateway_id, required=True)
        self.internet_route = self._new_l1("DefaultRoute", "route", "Route", route_table_id=self.route_table.route_table_id,
                                           destination_cidr_block="0.0.0.0/0", gateway_id=gateway_id)

    def add_default_nat_route(self, nat_gateway_id: str) -> None:
        """A ``0.0.0.0/0`` route to a NAT gateway."""
        check_str(self, "nat_gateway_id", nat_gateway_id, required=True)
        self._new_l1("DefaultRoute", "route", "Route", route_table_id=self.route_table.route_table_id,
                     destination_cidr_block="0.0.0.0/0", nat_gateway_id=nat_gateway_id)

    @staticmethod
    def from_subnet_id(scope: Any, id: str, subnet_id: str) -> ImportedSubnet:
        """An existing subnet by id; creates nothing."""
        return Subnet.from_subnet_attributes(scope, id, subnet_id=subnet_id)

    @staticmethod
    def from_subnet_attributes(scope: Any, id: str, *, subnet_id: str, availability_zone: str | None = None,
                               ipv4_cidr_block: str | None = None, route_table_id: str | None = None) -> ImportedSubnet:
        """An existing subnet; ``availability_zone``, ``ipv4_cidr_block`` and ``route_table_id``
        default to unknown (reading an unknown one raises; gateway endpoints need the route
        table). Creates nothing."""
        path = child_path(scope, id)
        check_subnet_id(path, "subnet_id", subnet_id)
        check_availability_zone(path, "availability_zone", availability_zone)
        check_ipv4_cidr(path, "ipv4_cidr_block", ipv4_cidr_block)
        check_str(path, "route_table_id", route_table_id, pattern=r"rtb-[0-9a-zA-Z]+", rule="a route table id (rtb-...)")
        return ImportedSubnet(subnet_id, availability_zone=availability_zone, route_table_id=route_table_id,
                              ipv4_cidr_block=ipv4_cidr_block, path=path)


class PublicSubnet(Subnet):
    """A public subnet: routes to an internet gateway; may hold NAT gateways."""

    def add_nat_gateway(self, eip_allocation_id: str | None = None) -> Any:
        """A NAT gateway here (``aws_nat_gateway``) with a new Elastic IP (``aws_eip``) unless
        ``eip_allocation_id`` is given. Returns the provider's ``NatGateway``."""
        check_str(self, "eip_allocation_id", eip_allocation_id, pattern=r"eipalloc-[0-9a-zA-Z]+",
                  rule="an Elastic IP allocation id (eipalloc-...)")
        if eip_allocation_id is None:
            eip_allocation_id = self._new_l1("EIP", "eip", "Eip", domain="vpc", taggable=True).id
        extra = {"depends_on": [self.internet_route]} if self.internet_route is not None else {}
        return self._new_l1("NATGateway", "nat_gateway", "NatGateway", allocation_id=eip_allocation_id,
                            subnet_id=self.subnet_id, taggable=True, **extra)


class PrivateSubnet(Subnet):
    """A private or isolated subnet."""


@dataclass
class SelectedSubnets:
    """The result of ``vpc.select_subnets(...)``.

    ``subnet_ids`` (for a looked-up VPC: a list token, known at plan time), ``subnets`` (empty
    for a looked-up VPC), ``has_public``, ``is_pending_lookup`` (``True`` for a looked-up VPC:
    the subnets are found by Terraform at plan time).
    """

    subnet_ids: list[str] = field(default_factory=list)
    subnets: list[Any] = field(default_factory=list)
    has_public: bool = False
    is_pending_lookup: bool = False

    @property
    def availability_zones(self) -> list[str]:
        return [subnet.availability_zone for subnet in self.subnets]


def as_subnet(value: Any) -> Any:
    """A checked ``SubnetSelection.subnets`` entry as an ``ISubnet``."""
    if isinstance(value, str):
        return ImportedSubnet(value)
    if getattr(value, "terraform_resource_type", None) == "aws_subnet":
        return ImportedSubnet(value.id, availability_zone=value.availability_zone)
    return value


def group_name(subnet: Any) -> str | None:
    return getattr(subnet, "_group_name", None)


def filter_subnets(subnets: list[Any], availability_zones: Sequence[str] | None, one_per_az: bool | None) -> list[Any]:
    """AWS CDK's ``SubnetFilter.availabilityZones`` and ``onePerAz``. A subnet whose zone is not
    known (imported without one) counts as a zone of its own."""
    def zone(subnet: Any) -> Any:
        try:
            return subnet.availability_zone
        except ValidationError:
            return None
    if availability_zones is not None:
        wanted = set(availability_zones)
        subnets = [s for s in subnets if zone(s) in wanted]
    if one_per_az:
        seen: set[Any] = set()
        kept = []
        for subnet in subnets:
            key = zone(subnet)
            if key is None or key not in seen:
                kept.append(subnet)
                seen.add(key)
        subnets = kept
    return subnets


from .._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
