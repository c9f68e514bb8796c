"""EC2: instance knowledge (each class's CPU architecture, instance types), the Vpc, and
launch-template attributes. ``batch_constructs.ec2`` defines construct classes at import, so
even its pure parts load the jsii runtime and are tested here, not in tests/unit."""
from __future__ import annotations

from typing import Any

import pytest

from batch_constructs.ec2 import (InstanceArchitecture, InstanceClass, InstanceSize, InstanceType, LaunchTemplate, Vpc,
                                  family_architecture)
from batch_constructs.testing import Match, Template

ARM = InstanceArchitecture.ARM_64
X86 = InstanceArchitecture.X86_64


# -- instance classes and types ------------------------------------------------------------------

@pytest.mark.parametrize("family", ["a1", "m6g", "m6gd", "c6gn", "c7g", "c7gd", "r8g", "t4g", "x2gd", "im4gn",
                                    "is4gen", "g5g", "i4g", "hpc7g", "m8g", "x8g"])
def test_graviton_families_are_arm(family: str) -> None:
    assert family_architecture(family) is ARM
    assert InstanceClass(family).architecture is ARM


@pytest.mark.parametrize("family", ["m5", "m5ad", "c4", "r4", "g4dn", "g4ad", "g5", "g6", "g6e", "p5", "c7i-flex",
                                    "inf2", "trn1", "u-3tb1", "x2iedn", "z1d", "t3a", "m7a", "gr6"])
def test_other_families_are_x86(family: str) -> None:
    assert family_architecture(family) is X86
    assert InstanceClass(family).architecture is X86


def test_every_listed_class_has_an_architecture() -> None:
    counts = {ARM: 0, X86: 0}
    for member in InstanceClass:
        counts[member.architecture] += 1
    assert counts[ARM] >= 20 and counts[X86] >= 80


def test_instance_type_of_class_and_size() -> None:
    t = InstanceType.of(InstanceClass.M5AD, InstanceSize.LARGE)
    assert str(t) == "m5ad.large" and t.family == "m5ad" and t.architecture is X86
    assert InstanceType("c7g.2xlarge").architecture is ARM
    assert InstanceType("c7g.2xlarge") == InstanceType.of("c7g", "2xlarge")
    with pytest.raises(ValueError, match="is not an EC2 instance type"):
        InstanceType("m5")


# -- Vpc ------------------------------------------------------------------------------------------

def test_vpc_creates_a_working_network(stack: Any) -> None:
    vpc = Vpc(stack, "VPC")
    template = Template.from_stack(stack)
    template.resource_count_is("aws_vpc", 1)
    template.resource_count_is("aws_subnet", 4)
    template.resource_count_is("aws_nat_gateway", 1)
    template.resource_count_is("aws_internet_gateway", 1)
    template.resource_count_is("aws_route", 3)
    template.resource_count_is("aws_route_table_association", 4)
    template.has_resource_properties("aws_subnet", {"map_public_ip_on_launch": True, "cidr_block": "10.0.0.0/20"})
    template.has_resource_properties("aws_subnet", {"cidr_block": "10.0.128.0/20", "availability_zone":
                                                    Match.string_like_regexp(r"element\(data\.aws_availability_zones")})
    template.has_resource_properties("aws_route", {"destination_cidr_block": "0.0.0.0/0",
                                                   "nat_gateway_id": Match.any_value()})
    assert len(vpc.private_subnet_ids) == 2 and len(vpc.public_subnet_ids) == 2


# -- launch templates -----------------------------------------------------------------------------

def test_l20_exactly_one_of_id_or_name(stack: Any) -> None:
    with pytest.raises(ValueError, match="exactly one of launch_template_id or launch_template_name"):
        LaunchTemplate.from_launch_template_attributes(stack, "Imp", launch_template_id="lt-1", launch_template_name="x")
