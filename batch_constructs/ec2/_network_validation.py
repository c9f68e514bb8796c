"""The checks of the ``ec2`` networking constructs (``Vpc``, subnets, selections, lookups,
endpoints, security groups): EC2 API rules and AWS CDK's messages, each source in a comment.
Type checks go through ``batch_constructs._check``; the CIDR arithmetic is ``_ec2_cidr``."""
from __future__ import annotations

import ipaddress
from typing import Any

from .._check import check_bool, check_enum, check_instance, check_int, check_list, check_mapping, check_protocol, check_str, describe
from .._ec2_cidr import MAX_MASK, MIN_MASK, CidrError, parse_vpc_cidr
from .._errors import ValidationError
from .._tokens import is_unresolved

#: Availability zone names (``us-east-1a``, local zones ``us-west-2-lax-1a``) or zone ids (``use1-az1``).
_AZ = r"[a-z]{2,4}[a-z0-9-]*[a-z0-9]"
_SUBNET_ID = r"subnet-[0-9a-zA-Z]+"
#: A subnet group name: it is part of construct ids (no ``/``) and of the ``aws-cdk:subnet-name``
#: tag (AWS tag value characters).
_GROUP_NAME = r"[\w .:=+\-@]{1,128}"
#: EC2 ``CreateVpc``/``ModifyVpcAttribute`` and AWS tag values (a VPC name is its ``Name`` tag).
_TAG_VALUE = r"[\w .:/=+\-@]{0,256}"


def check_ipv4_cidr(scope: Any, keyword: str, value: Any, *, required: bool = False) -> Any:
    """An IPv4 network block (no host bits set: EC2 and the provider refuse ``10.0.0.1/16``)."""
    check_str(scope, keyword, value, rule="an IPv4 CIDR block such as '10.0.0.0/24'", required=required)
    if value is None or is_unresolved(value):
        return value
    try:
        ipaddress.IPv4Network(value)
    except ValueError as error:
        raise ValidationError(scope, f"'{keyword}' must be an IPv4 CIDR block such as '10.0.0.0/24', got "
                                     f"{describe(value)}: {error}") from None
    return value


def check_availability_zone(scope: Any, keyword: str, value: Any, *, required: bool = False) -> Any:
    return check_str(scope, keyword, value, pattern=_AZ, required=required,
                     rule="an availability zone such as 'us-east-1a' (or a token)")


def _subnet(scope: Any, keyword: str, value: Any) -> Any:
    if isinstance(value, str):
        return check_str(scope, keyword, value, pattern=_SUBNET_ID, rule="a subnet id (subnet-...)", required=True)
    if getattr(value, "terraform_resource_type", None) == "aws_subnet":
        return value
    return check_protocol(scope, keyword, value, ("subnet_id",), "a subnet id, an ISubnet or the provider's Subnet",
                          required=True)


def selection_fields(scope: Any, prefix: str, selection: Any) -> Any:
    """A ``SubnetSelection``'s fields; returns ``subnet_type`` as a ``SubnetType``. AWS CDK:
    "Only one of 'subnets,subnetType,subnetGroupName' can be supplied to subnet selection"."""
    from .subnets import SubnetType

    subnet_type = check_enum(scope, f"{prefix}subnet_type", selection.subnet_type, SubnetType)
    check_list(scope, f"{prefix}subnets", selection.subnets, _subnet, expected="a list of subnets or subnet ids")
    check_list(scope, f"{prefix}subnet_ids", selection.subnet_ids,
               lambda s, k, v: check_str(s, k, v, pattern=_SUBNET_ID, rule="a subnet id (subnet-...)", required=True),
               expected="a list of subnet ids")
    group = getattr(selection, "subnet_group_name", None)
    check_str(scope, f"{prefix}subnet_group_name", group, pattern=_GROUP_NAME, rule="a subnet group name")
    check_list(scope, f"{prefix}availability_zones", getattr(selection, "availability_zones", None),
               lambda s, k, v: check_availability_zone(s, k, v, required=True),
               expected="a list of availability zones")
    check_bool(scope, f"{prefix}one_per_az", getattr(selection, "one_per_az", None))
    names = ("subnet_type", "subnets", "subnet_ids") + (("subnet_group_name",) if group is not None else ())
    given = [f for f in names if getattr(selection, f, None) not in (None, [], ())]
    if len(given) > 1:
        listed = ", ".join(names[:-1]) + f" or {names[-1]}"
        raise ValidationError(scope, f"'{prefix.rstrip('.') or 'SubnetSelection'}' takes only one of {listed}, "
                                     f"got {' and '.join(given)}")
    return subnet_type


def subnet_configuration_fields(scope: Any, prefix: str, subnet_type_cls: Any, *, name: Any, subnet_type: Any,
                                cidr_mask: Any, reserved: Any, map_public_ip_on_launch: Any) -> dict[str, Any]:
    """A ``SubnetConfiguration``'s fields (AWS CDK: cidrMask 16-28; mapPublicIpOnLaunch only
    on public subnets)."""
    check_str(scope, f"{prefix}name", name, pattern=_GROUP_NAME, required=True,
              rule="a subnet group name (1-128 letters, digits, spaces and _ . : = + - @)")
    kind = check_enum(scope, f"{prefix}subnet_type", subnet_type, subnet_type_cls, required=True)
    # AWS CDK SubnetConfiguration.cidrMask: "Valid values are 16--28" (the EC2 subnet sizes)
    mask = check_int(scope, f"{prefix}cidr_mask", cidr_mask, minimum=MIN_MASK, maximum=MAX_MASK)
    public_ip = check_bool(scope, f"{prefix}map_public_ip_on_launch", map_public_ip_on_launch)
    if public_ip is not None and kind is not subnet_type_cls.PUBLIC:
        # AWS CDK: "<type> subnet cannot include mapPublicIpOnLaunch parameter"
        raise ValidationError(scope, f"'{prefix}map_public_ip_on_launch' is only for SubnetType.PUBLIC subnets, "
                                     f"got subnet_type SubnetType.{kind.name}")
    return {"name": name, "subnet_type": kind, "cidr_mask": mask,
            "reserved": check_bool(scope, f"{prefix}reserved", reserved) is True, "map_public_ip_on_launch": public_ip}


def vpc_cidr(scope: Any, ip_addresses: Any, cidr: Any) -> str:
    """The VPC block from ``ip_addresses`` (an ``IpAddresses.cidr(...)`` or a string) or the
    deprecated ``cidr`` (AWS CDK: "supply at most one of ipAddresses or cidr")."""
    from .vpc import IpAddresses

    if ip_addresses is not None and cidr is not None:
        raise ValidationError(scope, "Vpc takes at most one of 'ip_addresses' or 'cidr' (deprecated), got both")
    keyword, value = ("cidr", cidr) if cidr is not None else ("ip_addresses", ip_addresses)
    if isinstance(value, IpAddresses):
        value = value.cidr_block
    check_str(scope, keyword, value)
    if value is None:
        return "10.0.0.0/16"
    if is_unresolved(value):
        # AWS CDK: "'cidr' property must be a concrete CIDR string, got a Token"
        raise ValidationError(scope, f"'{keyword}' must be a concrete CIDR string, got a token: the subnets are cut "
                                     "from it at synth")
    try:
        parse_vpc_cidr(value)
    except CidrError as error:
        raise ValidationError(scope, f"'{keyword}' must be an IPv4 CIDR block such as '10.0.0.0/16', got "
                                     f"{describe(value)}: {error}") from None
    return value


def validate_vpc_props(scope: Any, *, max_azs: Any, nat_gateways: Any, subnet_configuration: Any,
                       enable_dns_hostnames: Any, enable_dns_support: Any, vpc_name: Any) -> dict[str, Any]:
    """``Vpc`` keywords other than the block; returns them normalized."""
    from .._check import value_object
    from .subnets import SubnetConfiguration

    max_azs = check_int(scope, "max_azs", max_azs)
    if max_azs is not None and not 1 <= max_azs <= 6:
        # this library: subnets take the region's first zones by index (element() wraps around)
        raise ValidationError(scope, f"Vpc 'max_azs' must be between 1 and 6, got {max_azs}")
    nat_gateways = check_int(scope, "nat_gateways", nat_gateways, minimum=0)
    configs = check_list(scope, "subnet_configuration", subnet_configuration,
                         lambda s, k, v: value_object(s, k, v, SubnetConfiguration, "an ec2.SubnetConfiguration"),
                         expected="a list of ec2.SubnetConfiguration")
    if configs is not None:
        names = [c.name for c in configs]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            # AWS CDK fails with "There is already a Construct with name '<name>Subnet1'"
            raise ValidationError(scope, f"'subnet_configuration' names must be unique, got {duplicates[0]!r} twice")
    hostnames = check_bool(scope, "enable_dns_hostnames", enable_dns_hostnames)
    support = check_bool(scope, "enable_dns_support", enable_dns_support)
    hostnames = True if hostnames is None else hostnames
    support = True if support is None else support
    if hostnames and not support:
        # AWS CDK: "To use DNS Hostnames, DNS Support must be enabled, however, it was explicitly disabled."
        raise ValidationError(scope, "'enable_dns_hostnames' needs enable_dns_support=True (EC2 gives DNS hostnames "
                                     "only with DNS support); pass enable_dns_hostnames=False too")
    check_str(scope, "vpc_name", vpc_name, pattern=_TAG_VALUE,
              rule="a VPC name (its Name tag: at most 256 letters, digits, spaces and _ . : / = + - @)")
    return {"max_azs": max_azs, "nat_gateways": nat_gateways, "subnet_configuration": configs,
            "enable_dns_hostnames": hostnames, "enable_dns_support": support, "vpc_name": vpc_name}


def nat_gateway_count(scope: Any, requested: int | None, configs: list[Any], az_count: int) -> int:
    """AWS CDK's ``determineNatGatewayCount``: one per zone when there are private subnets,
    at most one per zone, and public subnets to hold them."""
    from .subnets import SubnetType

    has_private = any(c.subnet_type is SubnetType.PRIVATE_WITH_EGRESS and not c.reserved for c in configs)
    has_public = any(c.subnet_type is SubnetType.PUBLIC for c in configs)
    count = min(requested, az_count) if requested is not None else (az_count if has_private else 0)
    if count > 0 and not has_public:
        # AWS CDK: "If you configure PRIVATE subnets in 'subnetConfiguration', you must also
        # configure PUBLIC subnets to put the NAT gateways into"
        raise ValidationError(scope, "NAT gateways need a PUBLIC subnet group to go into: add a SubnetConfiguration "
                                     "with SubnetType.PUBLIC, or pass nat_gateways=0 and use PRIVATE_ISOLATED subnets")
    return count


def validate_vpc_attributes(scope: Any, vpc_id: Any, availability_zones: Any, groups: dict[str, dict[str, Any]],
                            vpc_cidr_block: Any) -> None:
    """``Vpc.from_vpc_attributes``: per group, ids, names, route tables and CIDRs (AWS CDK's
    ``ImportSubnetGroup``: ids a multiple of the zones; one name per group; one route table
    and CIDR per subnet)."""
    check_str(scope, "vpc_id", vpc_id, pattern=r"vpc-[0-9a-zA-Z]+", rule="a VPC id (vpc-...)", required=True)
    zones = check_list(scope, "availability_zones", availability_zones,
                       lambda s, k, v: check_availability_zone(s, k, v, required=True),
                       expected="a list of availability zones")
    check_ipv4_cidr(scope, "vpc_cidr_block", vpc_cidr_block)
    for kind, fields in groups.items():
        ids = check_list(scope, f"{kind}_subnet_ids", fields["ids"],
                         lambda s, k, v: check_str(s, k, v, pattern=_SUBNET_ID, rule="a subnet id (subnet-...)",
                                                   required=True), expected="a list of subnet ids") or []
        if zones and not is_unresolved(ids) and len(ids) % len(zones):
            # AWS CDK: "Number of <idField> (<n>) must be a multiple of availability zones (<m>)."
            raise ValidationError(scope, f"the number of '{kind}_subnet_ids' ({len(ids)}) must be a multiple of the "
                                         f"availability zones ({len(zones)})")
        names = check_list(scope, f"{kind}_subnet_names", fields["names"],
                           lambda s, k, v: check_str(s, k, v, pattern=_GROUP_NAME, rule="a subnet group name",
                                                     required=True), expected="a list of subnet group names")
        groups_count = len(ids) // len(zones) if zones and ids else (1 if ids else 0)
        if names is not None and len(names) != groups_count:
            # AWS CDK: "<nameField> must have an entry for every corresponding subnet group"
            raise ValidationError(scope, f"'{kind}_subnet_names' must have one name per subnet group ({groups_count}), "
                                         f"got {len(names)}")
        for suffix, pattern in (("route_table_ids", r"rtb-[0-9a-zA-Z]+"), ("ipv4_cidr_blocks", None)):
            keyword = f"{kind}_subnet_{suffix}"
            value = check_list(scope, keyword, fields[suffix], (lambda s, k, v: check_str(
                s, k, v, pattern=pattern, rule="a route table id (rtb-...)", required=True)) if pattern else
                (lambda s, k, v: check_ipv4_cidr(s, k, v, required=True)), expected="a list with one entry per subnet")
            if value is not None and len(value) != len(ids):
                raise ValidationError(scope, f"'{keyword}' must have one entry per subnet of '{kind}_subnet_ids' "
                                             f"({len(ids)}), got {len(value)}")


def validate_lookup(scope: Any, vpc_id: Any, is_default: Any, tags: Any, vpc_name: Any) -> None:
    """``Vpc.from_lookup``: concrete values (AWS CDK: "All arguments to Vpc.fromLookup() must be
    concrete (no Tokens)" — here tokens would work, but a filter known only at apply time makes
    the data source read late; refused for the same reason)."""
    check_str(scope, "vpc_id", vpc_id, pattern=r"vpc-[0-9a-zA-Z]+", rule="a VPC id (vpc-...)")
    check_bool(scope, "is_default", is_default)
    check_mapping(scope, "tags", tags)
    check_str(scope, "vpc_name", vpc_name, pattern=_TAG_VALUE, rule="a VPC name (its Name tag)")
    values = [vpc_id, vpc_name, *(tags or {}).keys(), *(tags or {}).values()]
    if any(isinstance(v, str) and is_unresolved(v) for v in values):
        raise ValidationError(scope, "every argument of Vpc.from_lookup() must be concrete (no tokens)")


def validate_security_group_extras(scope: Any, allow_all_ipv6_outbound: Any, disable_inline_rules: Any) -> tuple[bool, bool]:
    """``SecurityGroup``'s ``allow_all_ipv6_outbound`` and ``disable_inline_rules`` (default ``False``)."""
    return (check_bool(scope, "allow_all_ipv6_outbound", allow_all_ipv6_outbound) is True,
            check_bool(scope, "disable_inline_rules", disable_inline_rules) is True)


def validate_import_options(scope: Any, allow_all_outbound: Any, allow_all_ipv6_outbound: Any,
                            mutable: Any) -> tuple[bool, bool, bool]:
    """``SecurityGroup.from_security_group_id`` options (defaults ``True``, ``False``, ``True``)."""
    return (check_bool(scope, "allow_all_outbound", allow_all_outbound) is not False,
            check_bool(scope, "allow_all_ipv6_outbound", allow_all_ipv6_outbound) is True,
            check_bool(scope, "mutable", mutable) is not False)


def check_endpoint_service(scope: Any, value: Any, interface: bool) -> Any:
    """``service``: an AWS service member (``InterfaceVpcEndpointAwsService.ECR``) or an object
    with ``name`` (and ``port`` for interface endpoints)."""
    from .vpc_endpoints import GatewayVpcEndpointAwsService, InterfaceVpcEndpointAwsService

    if isinstance(value, InterfaceVpcEndpointAwsService if interface else GatewayVpcEndpointAwsService):
        return value
    example = "InterfaceVpcEndpointAwsService.ECR" if interface else "GatewayVpcEndpointAwsService.S3"
    check_protocol(scope, "service", value, ("name", "port") if interface else ("name",),
                   f"an endpoint service such as {example}", required=True)
    check_str(scope, "service.name", value.name, required=True)
    if interface:
        check_int(scope, "service.port", value.port, minimum=1, maximum=65535, required=True)
    return value


def check_security_groups(scope: Any, value: Any) -> Any:
    from .security_groups import as_security_group

    return check_list(scope, "security_groups", value, lambda s, k, v: as_security_group(v, scope=s, keyword=k),
                      expected="a list of ec2.ISecurityGroup")


def check_selections(scope: Any, keyword: str, value: Any) -> Any:
    from .subnets import SubnetSelection

    return check_list(scope, keyword, value, lambda s, k, v: check_instance(
        s, k, v, SubnetSelection, "an ec2.SubnetSelection", required=True), expected="a list of ec2.SubnetSelection")
