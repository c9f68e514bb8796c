"""CIDR arithmetic of ``ec2.Vpc``, pure Python (no jsii): the subnet blocks are literal CIDRs
computed here, as AWS CDK's ``IpAddresses.cidr`` computes them (``network-util.ts``), so a plan
shows real addresses, not ``cidrsubnet(...)`` expressions.

Rules (sources in comments): a VPC block is /16 to /28 and so is every subnet (the EC2 API's
``CreateVpc``/``CreateSubnet`` limits, AWS CDK's ``InvalidCidrRangeError``); blocks are handed out
in order, each aligned to its own size; subnets without a ``cidr_mask`` share what is left
equally, each as large as a power of two allows (AWS CDK's ``maskForRemainingSubnets``).
"""
from __future__ import annotations

import ipaddress
import math
from typing import Sequence

__all__ = ["CidrError", "MAX_MASK", "MIN_MASK", "allocate_subnet_cidrs", "legacy_subnet_cidrs", "parse_vpc_cidr"]

#: The EC2 API's VPC and subnet size limits (CreateVpc/CreateSubnet: /16 to /28).
MIN_MASK, MAX_MASK = 16, 28


class CidrError(ValueError):
    """A CIDR rule broken; the message names the rule (the caller adds construct and keyword)."""


def parse_vpc_cidr(text: str) -> ipaddress.IPv4Network:
    """An IPv4 network block of /16 to /28 with no host bits set (EC2 ``CreateVpc``)."""
    try:
        network = ipaddress.IPv4Network(text)
    except ValueError as error:
        raise CidrError(str(error)) from None
    if not MIN_MASK <= network.prefixlen <= MAX_MASK:
        # AWS CDK: "<cidr> is not a valid VPC CIDR range. VPCs must be between /16 and /28 ..."
        raise CidrError(f"{text} is not a valid VPC CIDR range: VPCs must be between /{MIN_MASK} and /{MAX_MASK}")
    return network


def _check_mask(mask: int) -> None:
    if not MIN_MASK <= mask <= MAX_MASK:
        # AWS CDK network-util.ts addSubnets(): InvalidCidrRangeError for masks outside 16..28
        raise CidrError(f"a subnet mask must be between /{MIN_MASK} and /{MAX_MASK}, got /{mask}")


class _Builder:
    """AWS CDK's ``NetworkBuilder``: hands out aligned blocks of a network in order."""

    def __init__(self, network: ipaddress.IPv4Network) -> None:
        self.network = network
        self.next = int(network.network_address)
        self.last = int(network.broadcast_address)

    def add(self, mask: int) -> str:
        _check_mask(mask)
        size = 2 ** (32 - mask)
        start = math.ceil(self.next / size) * size   # AWS CDK's CidrBlock rounds up to its size
        if start + size - 1 > self.last:
            # AWS CDK: "<count> of /<mask> exceeds remaining space of <cidr>"
            raise CidrError(f"a /{mask} subnet exceeds the remaining space of {self.network}")
        self.next = start + size
        return f"{ipaddress.IPv4Address(start)}/{mask}"

    def mask_for_remaining(self, count: int) -> int:
        remaining = self.last - self.next + 1
        per_subnet = remaining // count
        if per_subnet < 1:
            raise CidrError(f"no space is left in {self.network} for {count} more subnet(s)")
        return 32 - int(math.floor(math.log2(per_subnet)))


def allocate_subnet_cidrs(vpc_cidr: str, masks: Sequence[int | None]) -> list[str]:
    """One CIDR per requested subnet, in order: those with a mask first (in order), then the
    rest share the remaining space equally (AWS CDK's ``Cidr.allocateSubnetsCidr``)."""
    builder = _Builder(parse_vpc_cidr(vpc_cidr))
    result: list[str] = [""] * len(masks)
    for index, mask in enumerate(masks):
        if mask is not None:
            result[index] = builder.add(mask)
    rest = [index for index, mask in enumerate(masks) if mask is None]
    if rest:
        remaining_mask = builder.mask_for_remaining(len(rest))
        for index in rest:
            result[index] = builder.add(remaining_mask)
    return result


def legacy_subnet_cidrs(vpc_cidr: str, az_count: int) -> tuple[list[str], list[str]]:
    """This library's own default layout (kept for byte-identical output of existing stacks):
    the block is cut into 16 (at most /20) pieces; public subnets take the first ``az_count``,
    private subnets the first ``az_count`` of the second half."""
    network = parse_vpc_cidr(vpc_cidr)
    new_prefix = max(network.prefixlen + 4, 20)
    if new_prefix > MAX_MASK:
        raise CidrError(f"Vpc CIDR {vpc_cidr} is too small for {az_count} AZs (its subnets would be /{new_prefix}, "
                        f"the smallest subnet is /{MAX_MASK})")
    pieces = list(network.subnets(new_prefix=new_prefix))
    if len(pieces) < 2 * az_count:
        raise CidrError(f"Vpc CIDR {vpc_cidr} is too small for {az_count} AZs")
    half = len(pieces) // 2
    return [str(p) for p in pieces[:az_count]], [str(p) for p in pieces[half:half + az_count]]
