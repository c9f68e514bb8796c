"""``Connections`` of ``aws_cdk.aws_ec2``, pure Python (no jsii), re-exported by
``batch_constructs.ec2``: the security groups of a construct and the rules between them.

``a.connections.allow_from(b, Port.tcp(22))`` adds an ingress rule to each of ``a``'s security
groups (from each of ``b``'s groups or its peer) and an egress rule to each of ``b``'s groups
(to ``a``'s), as AWS CDK does; security groups added later (``add_security_group``) get the
rules of earlier calls too. The rules themselves are created by the security groups
(``SecurityGroup.add_ingress_rule``/``add_egress_rule``: one Terraform rule resource each).
"""
from __future__ import annotations

from typing import Any, Callable, Generic, Iterable, TypeVar

from ._check import check_instance, check_list, check_protocol
from ._errors import ValidationError

__all__ = ["Connections", "check_connectable", "check_port"]

T = TypeVar("T")


class _ReactiveList(Generic[T]):
    """AWS CDK's ``ReactiveList``: listeners see every element, also those pushed later."""

    def __init__(self) -> None:
        self.elements: list[T] = []
        self.listeners: list[Callable[[T], None]] = []

    def push(self, *items: T) -> None:
        self.elements.extend(items)
        for listener in list(self.listeners):
            for item in items:
                listener(item)

    def for_each_and_forever(self, listener: Callable[[T], None]) -> None:
        for item in list(self.elements):
            listener(item)
        self.listeners.append(listener)


def check_port(keyword: str, value: Any, *, required: bool = True, scope: Any = None) -> Any:
    from ._ec2_ports import Port
    return check_instance(scope, keyword, value, Port, "an ec2.Port such as Port.tcp(443) or Port.all_traffic()",
                          required=required)


def check_connectable(keyword: str, value: Any) -> Any:
    """An ``IConnectable``: anything with ``connections`` (a security group, a ``Peer``, a
    compute environment, an interface endpoint)."""
    return check_protocol(None, keyword, value, ("connections",),
                          "an ec2.IConnectable (a SecurityGroup, a Peer or a construct with 'connections')",
                          required=True)


def _check_security_group(scope: Any, keyword: str, value: Any) -> Any:
    return check_protocol(scope, keyword, value, ("security_group_id", "add_ingress_rule", "add_egress_rule"),
                          "an ec2.ISecurityGroup (SecurityGroup or SecurityGroup.from_security_group_id(...))",
                          required=True)


class Connections:
    """The network connections of a construct (AWS CDK's ``ec2.Connections``).

    :param security_groups: the security groups managed (default: none). May also be given
        as the first positional argument.
    :param peer: how others address this object in their rules (default: its security groups).
    :param default_port: the port of ``allow_default_port_*`` (default: none).
    """

    def __init__(self, security_groups: Iterable[Any] | None = None, *, peer: Any = None,
                 default_port: Any = None) -> None:
        groups = check_list(None, "security_groups", security_groups, _check_security_group,
                            expected="a list of ec2.ISecurityGroup") or []
        if peer is not None:
            check_protocol(None, "peer", peer, ("to_ingress_rule_config", "to_egress_rule_config", "unique_id"),
                           "an ec2.IPeer such as Peer.ipv4('10.0.0.0/16')")
        self.default_port = check_port("default_port", default_port, required=False)
        self._security_groups: _ReactiveList[Any] = _ReactiveList()
        self._rules: _ReactiveList[Any] = _ReactiveList()
        self._security_groups.push(*groups)
        self._rules.push(*groups)
        if peer is not None:
            self._rules.push(peer)
        self._skip = False
        self._remote_rule = False

    @property
    def connections(self) -> "Connections":
        return self

    @property
    def security_groups(self) -> list[Any]:
        return list(self._security_groups.elements)

    @property
    def security_group_ids(self) -> list[str]:
        return [sg.security_group_id for sg in self._security_groups.elements]

    def add_security_group(self, *security_groups: Any) -> None:
        """Manage these groups too (they get the rules of earlier ``allow_*`` calls)."""
        for index, group in enumerate(security_groups):
            _check_security_group(None, f"security_groups[{index}]", group)
        for group in security_groups:
            self._security_groups.push(group)
            self._rules.push(group)

    def allow_to(self, other: Any, port_range: Any, description: str | None = None) -> None:
        """Allow connections to ``other`` on ``port_range``: egress rules here, ingress rules
        on ``other``'s security groups."""
        self._allow(other, port_range, description, ingress=False)

    def allow_from(self, other: Any, port_range: Any, description: str | None = None) -> None:
        """Allow connections from ``other`` on ``port_range``: ingress rules here, egress
        rules on ``other``'s security groups."""
        self._allow(other, port_range, description, ingress=True)

    def _allow(self, other: Any, port_range: Any, description: str | None, *, ingress: bool) -> None:
        """AWS CDK's ``allowFrom``/``allowTo``: the rules here, then the mirror rules on ``other``
        (``_skip`` stops the mirror call from coming back)."""
        other = check_connectable("other", other)
        check_port("port_range", port_range)
        if self._skip:
            return
        remote = self._remote_rule
        self._security_groups.for_each_and_forever(lambda group: other.connections._rules.for_each_and_forever(
            lambda rule: (group.add_ingress_rule if ingress else group.add_egress_rule)(
                rule, port_range, description, remote)))
        self._skip, other.connections._remote_rule = True, True
        try:
            mirror = other.connections.allow_to if ingress else other.connections.allow_from
            mirror(self, port_range, description)
        finally:
            self._skip, other.connections._remote_rule = False, False

    def allow_internally(self, port_range: Any, description: str | None = None) -> None:
        """Allow the members of these security groups to reach each other on ``port_range``
        (an MPI job's nodes, say): a self-referencing ingress and egress rule per group."""
        check_port("port_range", port_range)

        def each(group: Any) -> None:
            def rule(peer: Any) -> None:
                group.add_ingress_rule(peer, port_range, description)
                group.add_egress_rule(peer, port_range, description)
            self._rules.for_each_and_forever(rule)
        self._security_groups.for_each_and_forever(each)

    def allow_to_any_ipv4(self, port_range: Any, description: str | None = None) -> None:
        from ._ec2_ports import Peer
        self.allow_to(Peer.any_ipv4(), port_range, description)

    def allow_from_any_ipv4(self, port_range: Any, description: str | None = None) -> None:
        from ._ec2_ports import Peer
        self.allow_from(Peer.any_ipv4(), port_range, description)

    def _default(self, method: str) -> Any:
        if self.default_port is None:
            # AWS CDK: "Cannot call allowDefaultPortFrom(): this resource has no default port"
            raise ValidationError(None, f"cannot call {method}(): this resource has no default port")
        return self.default_port

    def allow_default_port_from(self, other: Any, description: str | None = None) -> None:
        self.allow_from(other, self._default("allow_default_port_from"), description)

    def allow_default_port_internally(self, description: str | None = None) -> None:
        self.allow_internally(self._default("allow_default_port_internally"), description)

    def allow_default_port_from_any_ipv4(self, description: str | None = None) -> None:
        self.allow_from_any_ipv4(self._default("allow_default_port_from_any_ipv4"), description)

    def allow_default_port_to(self, other: Any, description: str | None = None) -> None:
        self.allow_to(other, self._default("allow_default_port_to"), description)

    def allow_to_default_port(self, other: Any, description: str | None = None) -> None:
        other = check_connectable("other", other)
        if other.connections.default_port is None:
            raise ValidationError(None, "cannot call allow_to_default_port(): the other resource has no default port")
        self.allow_to(other, other.connections.default_port, description)
