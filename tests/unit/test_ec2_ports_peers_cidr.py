"""The pure parts of EC2 networking (no jsii): ``Port``/``Protocol``/``Peer`` and the rule
attributes they render, ``Connections`` (which rules a grant adds to which group), and the
CIDR arithmetic of ``Vpc`` (AWS CDK's layout, and this library's default layout)."""
from __future__ import annotations

from typing import Any

import pytest

from batch_constructs._ec2_cidr import CidrError, allocate_subnet_cidrs, legacy_subnet_cidrs, parse_vpc_cidr
from batch_constructs._ec2_connections import Connections
from batch_constructs._ec2_ports import Peer, Port, Protocol, rule_attributes
from batch_constructs._errors import ValidationError


# -- Port ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("port, text, rule", [
    (Port.tcp(443), "443", {"ip_protocol": "tcp", "from_port": 443, "to_port": 443}),
    (Port.tcp_range(1024, 2048), "1024-2048", {"ip_protocol": "tcp", "from_port": 1024, "to_port": 2048}),
    (Port.all_tcp(), "ALL PORTS", {"ip_protocol": "tcp", "from_port": 0, "to_port": 65535}),
    (Port.udp(53), "UDP 53", {"ip_protocol": "udp", "from_port": 53, "to_port": 53}),
    (Port.udp_range(5000, 6000), "UDP 5000-6000", {"ip_protocol": "udp", "from_port": 5000, "to_port": 6000}),
    (Port.all_udp(), "UDP ALL PORTS", {"ip_protocol": "udp", "from_port": 0, "to_port": 65535}),
    (Port.icmp_ping(), "ICMP Type 8", {"ip_protocol": "icmp", "from_port": 8, "to_port": -1}),
    (Port.icmp_type_and_code(3, 4), "ICMP Type 3 Code 4", {"ip_protocol": "icmp", "from_port": 3, "to_port": 4}),
    (Port.all_icmp(), "ALL ICMP", {"ip_protocol": "icmp", "from_port": -1, "to_port": -1}),
    (Port.all_icmp_v6(), "ALL ICMPv6", {"ip_protocol": "icmpv6", "from_port": -1, "to_port": -1}),
    (Port.all_traffic(), "ALL TRAFFIC", {"ip_protocol": "-1"}),
    (Port.esp(), "ESP 50", {"ip_protocol": "50", "from_port": 50, "to_port": 50}),
    (Port.HTTPS, "443", {"ip_protocol": "tcp", "from_port": 443, "to_port": 443}),
    (Port.SSH, "22", {"ip_protocol": "tcp", "from_port": 22, "to_port": 22}),
    (Port.DNS_UDP, "UDP 53", {"ip_protocol": "udp", "from_port": 53, "to_port": 53}),
    (Port.NFS, "2049", {"ip_protocol": "tcp", "from_port": 2049, "to_port": 2049}),
])
def test_port_factories_render_the_terraform_rule_half(port: Port, text: str, rule: dict[str, Any]) -> None:
    assert str(port) == text
    assert port.to_rule_json() == rule
    assert port.can_inline_rule


def test_ports_compare_by_what_they_allow() -> None:
    assert Port.tcp(443) == Port.HTTPS and hash(Port.tcp(443)) == hash(Port.HTTPS)
    assert Port.tcp(443) != Port.udp(443)
    assert Port(protocol=Protocol.IPTM, string_representation="IPTM").to_rule_json() == {"ip_protocol": "84"}
    assert Port(protocol="tcp", from_port=1, to_port=2, string_representation="x").protocol is Protocol.TCP


def test_protocol_is_aws_cdk_s_enum() -> None:
    assert Protocol.ALL.value == "-1" and Protocol.TCP.value == "tcp" and Protocol.GRE.value == "47"
    assert len(Protocol) == 147


@pytest.mark.parametrize("build, message", [
    (lambda: Port.tcp(70000), r"'port' must be a whole number from 0 to 65535, got 70000"),
    (lambda: Port.tcp(-1), r"'port' must be a whole number from 0 to 65535, got -1"),
    (lambda: Port.tcp("443"), r"'port' must be a whole number, got '443' \(str\)"),
    (lambda: Port.tcp(4.5), r"'port' must be a whole number, got 4\.5"),
    (lambda: Port.tcp_range(2000, 1000), r"'start_port' \(2000\) must not be greater than 'end_port' \(1000\)"),
    (lambda: Port.icmp_type(256), r"'type' must be a whole number from -1 to 255, got 256"),
    (lambda: Port(protocol="bogus", string_representation="x"), r"'protocol' must be one of Protocol\.ALL"),
    (lambda: Port(protocol=Protocol.TCP, string_representation=None), r"'string_representation' is required"),
])
def test_port_mistakes(build: Any, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as info:
        build()
    assert info.value.path is None


# -- Peer ------------------------------------------------------------------------------------------

def test_peers_render_the_other_half_of_a_rule() -> None:
    assert Peer.ipv4("10.0.0.0/16").to_ingress_rule_config() == {"cidr_ipv4": "10.0.0.0/16"}
    assert Peer.any_ipv4().to_egress_rule_config() == {"cidr_ipv4": "0.0.0.0/0"}
    assert Peer.ipv6("2001:db8::/32").to_egress_rule_config() == {"cidr_ipv6": "2001:db8::/32"}
    assert Peer.any_ipv6().unique_id == "::/0"
    prefix_list = Peer.prefix_list("pl-63a5400a")
    assert prefix_list.to_egress_rule_config() == {"prefix_list_id": "pl-63a5400a"} and not prefix_list.can_inline_rule
    group = Peer.security_group_id("sg-0abc1234", "123456789012")
    assert group.to_ingress_rule_config() == {"referenced_security_group_id": "123456789012/sg-0abc1234"}
    assert group.to_egress_rule_config() == {"referenced_security_group_id": "sg-0abc1234"}
    assert Peer.ipv4("${TfToken[TOKEN.1]}").unique_id == "${TfToken[TOKEN.1]}"


def test_rule_attributes_join_peer_port_and_description() -> None:
    assert rule_attributes(Peer.ipv4("10.0.0.0/8").to_ingress_rule_config(), Port.all_traffic(), "vpc") == {
        "ip_protocol": "-1", "cidr_ipv4": "10.0.0.0/8", "description": "vpc"}


@pytest.mark.parametrize("build, message", [
    (lambda: Peer.ipv4("10.0.0.1"), r"'cidr_ip' must be an IPv4 CIDR block with a mask, got '10\.0\.0\.1' \(str\); "
                                     r"did you mean '10\.0\.0\.1/32'\?"),
    (lambda: Peer.ipv4("10.0.0.1/16"), r"must be a network address \(no host bits set\), got '10\.0\.0\.1/16' "
                                        r"\(str\); did you mean '10\.0\.0\.0/16'\?"),
    (lambda: Peer.ipv4("2001:db8::/32"), r"'cidr_ip' must be an IPv4 CIDR block such as '10\.0\.0\.0/16'"),
    (lambda: Peer.ipv4("300.0.0.0/8"), r"'cidr_ip' must be an IPv4 CIDR block"),
    (lambda: Peer.ipv4(None), r"'cidr_ip' is required"),
    (lambda: Peer.ipv6("10.0.0.0/8"), r"'cidr_ip' must be an IPv6 CIDR block such as '2001:db8::/32'"),
    (lambda: Peer.ipv6("2001:db8::1"), r"did you mean '2001:db8::1/128'\?"),
    (lambda: Peer.prefix_list("my-list"), r"'prefix_list_id' must be a prefix list id \(pl-\.\.\.\), got 'my-list'"),
    (lambda: Peer.security_group_id("default"), r"'security_group_id' must be a security group id \(sg-\.\.\.\)"),
    (lambda: Peer.security_group_id("sg-1", "1234"), r"'source_security_group_owner_id' must be a 12-digit account id"),
])
def test_peer_mistakes(build: Any, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        build()


# -- Connections -----------------------------------------------------------------------------------

class FakeGroup:
    """A security group that records the rules it is asked for."""

    def __init__(self, name: str) -> None:
        self.security_group_id = self.unique_id = name
        self.rules: list[tuple[str, str, str]] = []
        self.connections = Connections([self])

    def to_ingress_rule_config(self) -> dict[str, str]:
        return {"referenced_security_group_id": self.security_group_id}

    to_egress_rule_config = to_ingress_rule_config

    def add_ingress_rule(self, peer: Any, port: Port, description: Any = None, remote: Any = None) -> None:
        self.rules.append(("in", peer.unique_id, str(port)))

    def add_egress_rule(self, peer: Any, port: Port, description: Any = None, remote: Any = None) -> None:
        self.rules.append(("out", peer.unique_id, str(port)))


def test_allow_from_adds_ingress_here_and_egress_there() -> None:
    main, workers = FakeGroup("main"), FakeGroup("workers")
    main.connections.allow_from(workers, Port.all_traffic())
    assert main.rules == [("in", "workers", "ALL TRAFFIC")]
    assert workers.rules == [("out", "main", "ALL TRAFFIC")]
    workers.connections.allow_to(main, Port.tcp(22))
    assert workers.rules[-1] == ("out", "main", "22") and main.rules[-1] == ("in", "workers", "22")


def test_allow_internally_and_peers_and_groups_added_later() -> None:
    group, later = FakeGroup("a"), FakeGroup("b")
    connections = Connections([group], default_port=Port.tcp(443))
    connections.allow_internally(Port.tcp_range(1024, 65535))
    assert group.rules == [("in", "a", "1024-65535"), ("out", "a", "1024-65535")]
    connections.allow_default_port_from(Peer.ipv4("10.0.0.0/16"))
    assert group.rules[-1] == ("in", "10.0.0.0/16", "443")
    connections.add_security_group(later)
    assert ("in", "10.0.0.0/16", "443") in later.rules and ("in", "b", "1024-65535") in later.rules
    assert ("in", "b", "1024-65535") in group.rules  # the new group is a peer of the old one too
    assert connections.security_group_ids == ["a", "b"]


@pytest.mark.parametrize("build, message", [
    (lambda c: c.allow_from("sg-1", Port.HTTPS), r"'other' must be an ec2\.IConnectable"),
    (lambda c: c.allow_to(Peer.any_ipv4(), 443), r"'port_range' must be an ec2\.Port such as Port\.tcp\(443\)"),
    (lambda c: c.allow_default_port_from(Peer.any_ipv4()), r"cannot call allow_default_port_from\(\): this "
                                                            r"resource has no default port"),
    (lambda c: c.add_security_group("sg-1"), r"'security_groups\[0\]' must be an ec2\.ISecurityGroup"),
    (lambda c: Connections(["sg-1"]), r"'security_groups\[0\]' must be an ec2\.ISecurityGroup"),
    (lambda c: Connections(default_port=443), r"'default_port' must be an ec2\.Port"),
])
def test_connection_mistakes(build: Any, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        build(Connections([FakeGroup("a")]))


# -- CIDR arithmetic -------------------------------------------------------------------------------

def test_default_split_is_aws_cdk_s() -> None:
    # AWS CDK: 10.0.0.0/16, 3 zones, public + private: six /19s, public ones first
    assert allocate_subnet_cidrs("10.0.0.0/16", [None] * 6) == [
        "10.0.0.0/19", "10.0.32.0/19", "10.0.64.0/19", "10.0.96.0/19", "10.0.128.0/19", "10.0.160.0/19"]
    assert allocate_subnet_cidrs("10.0.0.0/16", [None] * 4) == [
        "10.0.0.0/18", "10.0.64.0/18", "10.0.128.0/18", "10.0.192.0/18"]


def test_masked_groups_come_first_and_the_rest_share_what_is_left() -> None:
    assert allocate_subnet_cidrs("10.0.0.0/16", [24, 24, None, None, 28, 28]) == [
        "10.0.0.0/24", "10.0.1.0/24", "10.0.64.0/18", "10.0.128.0/18", "10.0.2.0/28", "10.0.2.16/28"]
    # blocks are aligned to their size
    assert allocate_subnet_cidrs("192.168.0.0/20", [28, 24, 26]) == ["192.168.0.0/28", "192.168.1.0/24",
                                                                    "192.168.2.0/26"]


@pytest.mark.parametrize("cidr, masks, message", [
    ("10.0.0.0/24", [24, 28], r"a /28 subnet exceeds the remaining space of 10\.0\.0\.0/24"),
    ("10.0.0.0/16", [15], r"a subnet mask must be between /16 and /28, got /15"),
    ("10.0.0.0/16", [29], r"got /29"),
    ("10.0.0.0/28", [None, None], r"got /29"),
    ("10.0.0.0/16", [16, None], r"no space is left in 10\.0\.0\.0/16 for 1 more subnet"),
    ("10.0.0.0/8", [None], r"10\.0\.0\.0/8 is not a valid VPC CIDR range: VPCs must be between /16 and /28"),
    ("10.0.0.1/16", [None], r"has host bits set"),
])
def test_allocation_mistakes(cidr: str, masks: list[Any], message: str) -> None:
    with pytest.raises(CidrError, match=message):
        allocate_subnet_cidrs(cidr, masks)


def test_the_library_default_layout() -> None:
    assert legacy_subnet_cidrs("10.0.0.0/16", 2) == (["10.0.0.0/20", "10.0.16.0/20"], ["10.0.128.0/20", "10.0.144.0/20"])
    assert legacy_subnet_cidrs("10.1.0.0/24", 1) == (["10.1.0.0/28"], ["10.1.0.128/28"])
    with pytest.raises(CidrError, match=r"too small for 2 AZs \(its subnets would be /29"):
        legacy_subnet_cidrs("10.0.0.0/25", 2)
    assert str(parse_vpc_cidr("172.16.0.0/16")) == "172.16.0.0/16"
