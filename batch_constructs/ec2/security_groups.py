"""Security groups (names as in ``aws_cdk.aws_ec2``): ``SecurityGroup`` (an ``aws_security_group``),
imports (``SecurityGroup.from_security_group_id``) and their rules.

Rules are Terraform's own resources, ``aws_vpc_security_group_ingress_rule`` and
``aws_vpc_security_group_egress_rule``, one per rule, created under the group (construct id
``from <peer>:<port>``/``to <peer>:<port>`` as in AWS CDK, so a repeated rule is created once).
They never fight inline rules: the group's inline ``ingress``/``egress`` lists are rendered only
for a direction that has no rule resources (``ingress = []`` and the default egress rule keep
their exact form then); as soon as a direction has one, the group leaves that direction to the
rule resources, and the default allow-all egress becomes a rule resource too.
``disable_inline_rules=True`` makes every rule, the defaults included, a resource from the start
(the group then renders no inline rules at all).
"""
from __future__ import annotations

import re
from typing import Any

from .._check import check_protocol, check_str, child_path
from .._ec2_connections import Connections, check_port
from .._ec2_ports import SG_ID, Peer, Port, check_rule_description, rule_attributes
from .._errors import ValidationError, warn
from .._naming import path_hash
from .._tokens import is_unresolved
from ._construct import _construct_base, anchor
from ._network_validation import validate_import_options, validate_security_group_extras
from ._validation import security_group_description, validate_security_group_props
from .._identity import node_path

__all__ = ["ISecurityGroup", "ImportedSecurityGroup", "SecurityGroup", "as_security_group"]

_EGRESS_ALL = {
    "cidr_blocks": ["0.0.0.0/0"], "description": "Allow all outbound traffic by default",
    "from_port": 0, "ipv6_cidr_blocks": [], "prefix_list_ids": [], "protocol": "-1",
    "security_groups": [], "self": False, "to_port": 0,
}
_IPV6_ALL_DESCRIPTION = "Allow all outbound ipv6 traffic by default"
_EGRESS_ALL_IPV6 = {**_EGRESS_ALL, "cidr_blocks": [], "ipv6_cidr_blocks": ["::/0"], "description": _IPV6_ALL_DESCRIPTION}
_RULE_TYPES = {"ingress": ("vpc_security_group_ingress_rule", "VpcSecurityGroupIngressRule"),
               "egress": ("vpc_security_group_egress_rule", "VpcSecurityGroupEgressRule")}


def unique_id(path: str) -> str:
    """A construct's unique id from its path (AWS CDK's ``Names.nodeUniqueId``: the path's
    letters and digits and a hash of the path)."""
    return re.sub(r"[^A-Za-z0-9]", "", path)[-200:] + path_hash(path)


class ISecurityGroup:
    """What every security group offers (AWS CDK's ``ISecurityGroup``): it is a peer
    (``connections``, rule configs) and takes rules (``add_ingress_rule``/``add_egress_rule``)."""

    security_group_id: str
    allow_all_outbound: bool = True
    allow_all_ipv6_outbound: bool = False
    can_inline_rule = False
    default_port: Any = None

    def _init_peer(self) -> None:
        self.connections = Connections([self])
        self._indirect_peers = 0

    @property
    def unique_id(self) -> str:
        raise NotImplementedError

    def to_ingress_rule_config(self) -> dict[str, Any]:
        return {"referenced_security_group_id": self.security_group_id}

    def to_egress_rule_config(self) -> dict[str, Any]:
        return {"referenced_security_group_id": self.security_group_id}

    def _rule_owner(self) -> Any:
        raise NotImplementedError

    def _checked_rule(self, peer: Any, connection: Any, description: Any, remote_rule: Any) -> tuple[Any, Any]:
        scope = getattr(self, "_error_scope", None)
        check_protocol(scope, "peer", peer, ("to_ingress_rule_config", "to_egress_rule_config", "unique_id"),
                       "an ec2.IPeer (Peer.ipv4('10.0.0.0/16'), a SecurityGroup, ...)", required=True)
        check_port("connection", connection, scope=scope)
        check_rule_description(scope, description)
        from .._check import check_bool
        check_bool(scope, "remote_rule", remote_rule)
        return peer, connection

    def _render_peer(self, peer: Any) -> str:
        if is_unresolved(peer.unique_id):
            # AWS CDK: each token peer gets its own id, else two rules would look alike
            self._indirect_peers += 1
            return "{IndirectPeer}" if self._indirect_peers == 1 else f"{{IndirectPeer{self._indirect_peers}}}"
        return str(peer.unique_id)

    def _create_rule(self, direction: str, peer: Any, connection: Port, description: str | None) -> Any:
        """One rule resource under the group (skipped when the same rule exists: AWS CDK)."""
        owner = self._rule_owner()
        word = "from" if direction == "ingress" else "to"
        id = f"{word} {self._render_peer(peer)}:{connection}".replace("/", "_")
        existing = owner.node.try_find_child(id)
        if existing is not None:
            return existing
        if description is None:
            description = f"{word} {peer.unique_id}:{connection}"
        config = peer.to_ingress_rule_config() if direction == "ingress" else peer.to_egress_rule_config()
        module, cls = _RULE_TYPES[direction]
        rule = owner._new_l1(id, module, cls, security_group_id=self.security_group_id,
                             **rule_attributes(config, connection, description))
        self._rule_added(direction)
        return rule

    def _rule_added(self, direction: str) -> None:
        pass

    def add_ingress_rule(self, peer: Any, connection: Port, description: str | None = None,
                         remote_rule: bool | None = None) -> None:
        """Allow ``connection`` from ``peer``: an ``aws_vpc_security_group_ingress_rule``.
        ``description`` default: ``from <peer>:<port>``; ``remote_rule``: accepted (rules always
        live in this group's stack; references across stacks are refused at synth)."""
        self._checked_rule(peer, connection, description, remote_rule)
        self._create_rule("ingress", peer, connection, description)

    def add_egress_rule(self, peer: Any, connection: Port, description: str | None = None,
                        remote_rule: bool | None = None) -> None:
        """Allow ``connection`` to ``peer``: an ``aws_vpc_security_group_egress_rule`` (none when
        ``allow_all_outbound`` already allows it, as in AWS CDK)."""
        self._checked_rule(peer, connection, description, remote_rule)
        self._create_rule("egress", peer, connection, description)


class SecurityGroup(_construct_base(), ISecurityGroup):  # type: ignore[misc]
    """A security group (``aws_security_group``) in ``vpc``.

    :param vpc: the VPC (required).
    :param description: default: the construct path (as AWS CDK), made valid for EC2.
    :param allow_all_outbound: default ``True``: one rule allowing all IPv4 traffic out (Terraform
        removes AWS's default egress rule unless it is declared); egress rules to IPv4 peers are
        then ignored (AWS CDK).
    :param allow_all_ipv6_outbound: default ``False``; ``True`` allows all IPv6 traffic out.
    :param security_group_name: default: generated by Terraform.
    :param disable_inline_rules: default ``False``; ``True`` makes every rule, the default egress
        rules too, its own rule resource.
    """

    def __init__(self, scope: Any, id: str, *, vpc: Any, allow_all_outbound: bool | None = None,
                 allow_all_ipv6_outbound: bool | None = None, description: str | None = None,
                 security_group_name: str | None = None, disable_inline_rules: bool | None = None) -> None:
        super().__init__(scope, id)
        self.allow_all_outbound = validate_security_group_props(self, vpc, description, allow_all_outbound,
                                                                security_group_name)
        self.allow_all_ipv6_outbound, self.disable_inline_rules = validate_security_group_extras(
            self, allow_all_ipv6_outbound, disable_inline_rules)
        extra: dict[str, Any] = {}
        if security_group_name is not None:
            extra["name"] = security_group_name
        self._rule_counts = {"ingress": 0, "egress": 0}
        self._defaults_created = False
        self._error_scope = self
        self.resource = self._new_l1(
            "Resource", "security_group", "SecurityGroup", vpc_id=vpc.vpc_id,
            description=description or security_group_description(node_path(self)), taggable=True,
            render=self._render_inline, lifecycle={"create_before_destroy": True}, **extra)
        self.security_group_id: str = self.resource.id
        self.security_group_vpc_id: str = vpc.vpc_id
        self._init_peer()
        if self.disable_inline_rules:
            self._create_default_egress()

    @property
    def unique_id(self) -> str:
        return unique_id(node_path(self))

    def _render_inline(self) -> dict[str, Any]:
        if self.disable_inline_rules:
            return {}
        attrs: dict[str, Any] = {}
        if not self._rule_counts["ingress"]:
            attrs["ingress"] = []
        if not self._rule_counts["egress"]:
            attrs["egress"] = ([dict(_EGRESS_ALL)] if self.allow_all_outbound else []) + \
                              ([dict(_EGRESS_ALL_IPV6)] if self.allow_all_ipv6_outbound else [])
        return attrs

    def _rule_owner(self) -> Any:
        return self

    def _rule_added(self, direction: str) -> None:
        self._rule_counts[direction] += 1

    def _create_default_egress(self) -> None:
        """The default allow-all egress rules as rule resources (once)."""
        if self._defaults_created:
            return
        self._defaults_created = True
        if self.allow_all_outbound:
            self._create_rule("egress", Peer.any_ipv4(), Port.all_traffic(), _EGRESS_ALL["description"])
        if self.allow_all_ipv6_outbound:
            self._create_rule("egress", Peer.any_ipv6(), Port.all_traffic(), _IPV6_ALL_DESCRIPTION)

    def add_egress_rule(self, peer: Any, connection: Port, description: str | None = None,
                        remote_rule: bool | None = None) -> None:
        self._checked_rule(peer, connection, description, remote_rule)
        config = peer.to_egress_rule_config()
        ipv6 = "cidr_ipv6" in config
        if (self.allow_all_ipv6_outbound if ipv6 else self.allow_all_outbound):
            if not remote_rule:
                # AWS CDK's warning (@aws-cdk/aws-ec2:ipv4IgnoreEgressRule)
                flag = "allow_all_ipv6_outbound" if ipv6 else "allow_all_outbound"
                warn(self, f"Ignoring Egress rule since '{flag}' is set to true; To add customized rules, set "
                           f"{flag}=False on the SecurityGroup")
            return
        if connection.to_rule_json() == {"ip_protocol": "-1"} and \
                config.get("cidr_ipv4", config.get("cidr_ipv6")) in ("0.0.0.0/0", "::/0"):
            # AWS CDK: 'Cannot add an "all traffic" egress rule in this way; set allowAllOutbound=true ...'
            raise ValidationError(self, 'Cannot add an "all traffic" egress rule in this way; set '
                                        'allow_all_outbound=True (for IPv4) or allow_all_ipv6_outbound=True (for IPv6) '
                                        'on the SecurityGroup instead')
        self._create_default_egress()
        self._create_rule("egress", peer, connection, description)

    @staticmethod
    def is_security_group(x: Any) -> bool:
        return isinstance(x, ISecurityGroup)

    @staticmethod
    def from_security_group_id(scope: Any, id: str, security_group_id: str, *, allow_all_outbound: bool | None = None,
                               allow_all_ipv6_outbound: bool | None = None,
                               mutable: bool | None = None) -> "ImportedSecurityGroup":
        """An existing security group by id; creates nothing until a rule is added to it.

        :param allow_all_outbound: default ``True``: the group is taken to allow all traffic
            out, so egress rules are not added to it (AWS CDK).
        :param allow_all_ipv6_outbound: default ``False``.
        :param mutable: default ``True``; ``False`` ignores every rule added to it.
        """
        path = child_path(scope, id)
        check_str(path, "security_group_id", security_group_id, pattern=SG_ID, rule="a security group id (sg-...)",
                  required=True)
        outbound, ipv6, mutable_ = validate_import_options(path, allow_all_outbound, allow_all_ipv6_outbound, mutable)
        group = ImportedSecurityGroup(security_group_id, allow_all_outbound=outbound, allow_all_ipv6_outbound=ipv6,
                                      mutable=mutable_)
        group._import_scope, group._import_id, group._path = scope, id, path
        return group


class ImportedSecurityGroup(ISecurityGroup):
    """A security group known by id. Rules added to it are created under a construct at the
    import's scope and id (only when it was imported with ``from_security_group_id``)."""

    def __init__(self, security_group_id: str, *, allow_all_outbound: bool = True,
                 allow_all_ipv6_outbound: bool = False, mutable: bool = True) -> None:
        self.security_group_id = security_group_id
        self.allow_all_outbound = allow_all_outbound
        self.allow_all_ipv6_outbound = allow_all_ipv6_outbound
        self.mutable = mutable
        self._path: str | None = None
        self._init_peer()

    @property
    def unique_id(self) -> str:
        return unique_id(self._path) if self._path else self.security_group_id

    @property
    def _error_scope(self) -> Any:
        return self._path

    def _rule_owner(self) -> Any:
        return anchor(self, f"a rule to security group {self.security_group_id!r}",
                      "SecurityGroup.from_security_group_id(scope, id, ...)")

    def add_ingress_rule(self, peer: Any, connection: Port, description: str | None = None,
                         remote_rule: bool | None = None) -> None:
        self._checked_rule(peer, connection, description, remote_rule)
        if self.mutable:
            self._create_rule("ingress", peer, connection, description)

    def add_egress_rule(self, peer: Any, connection: Port, description: str | None = None,
                        remote_rule: bool | None = None) -> None:
        self._checked_rule(peer, connection, description, remote_rule)
        # AWS CDK: an import takes egress rules only with allow_all_outbound=False
        if self.mutable and not self.allow_all_outbound:
            self._create_rule("egress", peer, connection, description)

    def __repr__(self) -> str:
        return f"ImportedSecurityGroup({self.security_group_id})"


def as_security_group(value: Any, *, scope: Any = None, keyword: str = "security_group") -> Any:
    """Accept our ``SecurityGroup``, an imported one, an id string, the provider's L1, or any
    object with ``security_group_id`` (wrapped as an import, so that it takes rules)."""
    if isinstance(value, str):
        return ImportedSecurityGroup(check_str(scope, keyword, value, pattern=SG_ID,
                                               rule="a security group id (sg-...)"))
    if getattr(value, "terraform_resource_type", None) == "aws_security_group":
        return ImportedSecurityGroup(value.id)
    check_protocol(scope, keyword, value, ("security_group_id",),
                   "an ec2.SecurityGroup, SecurityGroup.from_security_group_id(...), a security group id "
                   "or the provider's SecurityGroup", required=True)
    if not isinstance(value, ISecurityGroup):
        return ImportedSecurityGroup(value.security_group_id)
    return value


from .._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
