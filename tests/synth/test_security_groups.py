"""``ec2.SecurityGroup``, its rules (``aws_vpc_security_group_ingress_rule``/``_egress_rule``
resources that never fight the group's inline rules), imports, and ``connections`` between
compute environments (an MPI app's main node and workers)."""
from __future__ import annotations

import warnings
from typing import Any

import pytest

from batch_constructs import BatchConstructsWarning, ManagedEc2EcsComputeEnvironment, ValidationError
from batch_constructs.ec2 import Peer, Port, SecurityGroup, as_security_group
from batch_constructs.testing import Match, Template

ALL_OUT = {"cidr_blocks": ["0.0.0.0/0"], "description": "Allow all outbound traffic by default", "from_port": 0,
           "ipv6_cidr_blocks": [], "prefix_list_ids": [], "protocol": "-1", "security_groups": [], "self": False,
           "to_port": 0}
ALL_OUT_V6 = {**ALL_OUT, "cidr_blocks": [], "ipv6_cidr_blocks": ["::/0"],
              "description": "Allow all outbound ipv6 traffic by default"}
INGRESS, EGRESS = "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"


def group(template: Template, prefix: str) -> dict[str, Any]:
    return next(v for k, v in template.find_resources("aws_security_group").items() if k.startswith(prefix + "_"))


def test_a_group_without_rules_keeps_its_inline_form(stack: Any, vpc: Any) -> None:
    SecurityGroup(stack, "SG", vpc=vpc)
    SecurityGroup(stack, "Closed", vpc=vpc, allow_all_outbound=False, allow_all_ipv6_outbound=True)
    template = Template.from_stack(stack)
    assert group(template, "SG")["egress"] == [ALL_OUT] and group(template, "SG")["ingress"] == []
    assert group(template, "Closed")["egress"] == [ALL_OUT_V6]
    template.resource_count_is(INGRESS, 0)
    template.resource_count_is(EGRESS, 0)


def test_ingress_rules_are_resources_and_the_group_leaves_ingress_to_them(stack: Any, vpc: Any) -> None:
    sg = SecurityGroup(stack, "SG", vpc=vpc)
    sg.add_ingress_rule(Peer.ipv4("10.0.0.0/16"), Port.SSH)
    sg.add_ingress_rule(Peer.ipv4("10.0.0.0/16"), Port.SSH, "again")          # the same rule: created once
    sg.add_ingress_rule(Peer.any_ipv6(), Port.HTTPS, "web")
    sg.add_ingress_rule(Peer.prefix_list("pl-1234"), Port.all_tcp())
    template = Template.from_stack(stack)
    body = group(template, "SG")
    assert "ingress" not in body and body["egress"] == [ALL_OUT]
    template.resource_count_is(INGRESS, 3)
    template.has_resource_properties(INGRESS, {"security_group_id": Match.string_like_regexp(r"aws_security_group\.SG_"),
                                               "cidr_ipv4": "10.0.0.0/16", "ip_protocol": "tcp", "from_port": 22,
                                               "to_port": 22, "description": "from 10.0.0.0/16:22"})
    template.has_resource_properties(INGRESS, {"cidr_ipv6": "::/0", "description": "web"})
    template.has_resource_properties(INGRESS, {"prefix_list_id": "pl-1234", "from_port": 0, "to_port": 65535})


def test_egress_rules_with_allow_all_outbound_are_ignored_with_a_warning(stack: Any, vpc: Any) -> None:
    sg = SecurityGroup(stack, "SG", vpc=vpc)
    with pytest.warns(BatchConstructsWarning, match="Ignoring Egress rule since 'allow_all_outbound' is set to true"):
        sg.add_egress_rule(Peer.ipv4("10.0.0.0/8"), Port.HTTPS)
    Template.from_stack(stack).resource_count_is(EGRESS, 0)


def test_egress_rules_turn_the_defaults_into_resources(stack: Any, vpc: Any) -> None:
    closed = SecurityGroup(stack, "Closed", vpc=vpc, allow_all_outbound=False)
    closed.add_egress_rule(Peer.ipv4("10.0.0.0/8"), Port.HTTPS)
    mixed = SecurityGroup(stack, "Mixed", vpc=vpc)                    # IPv4 open, one IPv6 rule
    mixed.add_egress_rule(Peer.ipv6("2001:db8::/32"), Port.tcp(8080))
    template = Template.from_stack(stack)
    assert "egress" not in group(template, "Closed") and group(template, "Closed")["ingress"] == []
    assert "egress" not in group(template, "Mixed")
    template.resource_count_is(EGRESS, 3)
    template.has_resource_properties(EGRESS, {"cidr_ipv4": "10.0.0.0/8", "description": "to 10.0.0.0/8:443"})
    template.has_resource_properties(EGRESS, {"security_group_id": Match.string_like_regexp(r"\.Mixed_"),
                                              "cidr_ipv4": "0.0.0.0/0", "ip_protocol": "-1",
                                              "description": "Allow all outbound traffic by default"})
    template.has_resource_properties(EGRESS, {"cidr_ipv6": "2001:db8::/32", "from_port": 8080})


def test_disable_inline_rules_makes_every_rule_a_resource(stack: Any, vpc: Any) -> None:
    SecurityGroup(stack, "SG", vpc=vpc, disable_inline_rules=True, allow_all_ipv6_outbound=True,
                  security_group_name="jobs", description="batch jobs")
    template = Template.from_stack(stack)
    body = group(template, "SG")
    assert "egress" not in body and "ingress" not in body
    assert body["name"] == "jobs" and body["description"] == "batch jobs"
    template.resource_count_is(EGRESS, 2)
    template.has_resource_properties(EGRESS, {"cidr_ipv6": "::/0", "ip_protocol": "-1",
                                              "description": "Allow all outbound ipv6 traffic by default"})


def test_all_traffic_egress_must_be_a_flag(stack: Any, vpc: Any) -> None:
    sg = SecurityGroup(stack, "SG", vpc=vpc, allow_all_outbound=False)
    with pytest.raises(ValidationError, match='Cannot add an "all traffic" egress rule in this way; set '
                                              r'allow_all_outbound=True') as info:
        sg.add_egress_rule(Peer.any_ipv4(), Port.all_traffic())
    assert info.value.path == "TestStack/SG"


def test_groups_as_peers_and_connections(stack: Any, vpc: Any) -> None:
    a = SecurityGroup(stack, "A", vpc=vpc, allow_all_outbound=False)
    b = SecurityGroup(stack, "B", vpc=vpc)
    a.connections.allow_to(b, Port.tcp(5432), "database")
    with pytest.warns(BatchConstructsWarning, match="Ignoring Egress rule"):
        b.connections.allow_internally(Port.all_icmp())     # the egress half is ignored: allow_all_outbound
    template = Template.from_stack(stack)
    template.has_resource_properties(EGRESS, {"security_group_id": Match.string_like_regexp(r"\.A_"),
                                              "referenced_security_group_id": Match.string_like_regexp(r"\.B_"),
                                              "description": "database", "from_port": 5432})
    template.has_resource_properties(INGRESS, {"security_group_id": Match.string_like_regexp(r"\.B_"),
                                               "referenced_security_group_id": Match.string_like_regexp(r"\.A_")})
    template.has_resource_properties(INGRESS, {"security_group_id": Match.string_like_regexp(r"\.B_"),
                                               "referenced_security_group_id": Match.string_like_regexp(r"\.B_"),
                                               "ip_protocol": "icmp", "description": Match.string_like_regexp(
                                                   r"^from TestStackB[0-9A-F]{8}:ALL ICMP$")})
    template.resource_count_is(EGRESS, 1)


def test_mpi_environments_reach_each_other(stack: Any, vpc: Any) -> None:
    main = ManagedEc2EcsComputeEnvironment(stack, "Main", vpc=vpc)
    workers = ManagedEc2EcsComputeEnvironment(stack, "Workers", vpc=vpc)
    main.connections.allow_from(workers, Port.all_traffic())
    workers.connections.allow_from(main, Port.all_traffic())
    with warnings.catch_warnings():
        warnings.simplefilter("error")      # no warning: grants between groups are not explicit egress calls
        template = Template.from_stack(stack)
    template.resource_count_is(INGRESS, 2)
    template.has_resource_properties(INGRESS, {"ip_protocol": "-1",
                                               "security_group_id": Match.string_like_regexp(r"Main_SecurityGroup"),
                                               "referenced_security_group_id": Match.string_like_regexp(
                                                   r"Workers_SecurityGroup")})
    assert "ingress" not in group(template, "Main_SecurityGroup")


def test_imported_groups(stack: Any, vpc: Any) -> None:
    shared = SecurityGroup.from_security_group_id(stack, "Shared", "sg-0123456789abcdef0", allow_all_outbound=False)
    frozen = SecurityGroup.from_security_group_id(stack, "Frozen", "sg-0fedcba987654321", mutable=False)
    default = SecurityGroup.from_security_group_id(stack, "Default", "sg-0aaaa")
    for imported in (shared, frozen, default):
        imported.add_ingress_rule(Peer.ipv4("10.0.0.0/16"), Port.NFS)
        imported.add_egress_rule(Peer.ipv4("10.0.0.0/16"), Port.NFS)
    shared.add_ingress_rule(Peer.security_group_id("sg-0bbbbbbb", "123456789012"), Port.HTTPS)
    template = Template.from_stack(stack)
    template.resource_count_is(INGRESS, 3)      # shared twice, default once, frozen never
    template.resource_count_is(EGRESS, 1)       # only shared: the others allow all outbound
    template.has_resource_properties(INGRESS, {"security_group_id": "sg-0123456789abcdef0",
                                               "referenced_security_group_id": "123456789012/sg-0bbbbbbb"})
    assert stack.node.try_find_child("Shared") is not None and stack.node.try_find_child("Frozen") is None
    assert shared.unique_id.startswith("TestStackShared") and frozen.connections.security_groups == [frozen]


def test_groups_given_by_id_take_no_rules(stack: Any) -> None:
    group_by_id = as_security_group("sg-0abc")
    assert group_by_id.security_group_id == "sg-0abc" and group_by_id.unique_id == "sg-0abc"
    with pytest.raises(ValidationError, match="it was given without a scope \\(by id\\)"):
        group_by_id.add_ingress_rule(Peer.any_ipv4(), Port.HTTPS)


def test_duck_typed_groups_are_wrapped(stack: Any, vpc: Any) -> None:
    class Theirs:
        security_group_id = "sg-0theirs"

    wrapped = as_security_group(Theirs())
    assert wrapped.security_group_id == "sg-0theirs" and hasattr(wrapped, "add_ingress_rule")
    sg = SecurityGroup(stack, "SG", vpc=vpc)
    assert as_security_group(sg) is sg and SecurityGroup.is_security_group(sg)
