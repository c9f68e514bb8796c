"""``Port``, ``Protocol`` and ``Peer`` of ``aws_cdk.aws_ec2``, pure Python (no jsii), re-exported
by ``batch_constructs.ec2``. They describe the two halves of a security group rule; rendered
(``to_rule_json``, ``to_ingress_rule_config``, ``to_egress_rule_config``) they give the
attributes of Terraform's ``aws_vpc_security_group_ingress_rule``/``_egress_rule`` (``ip_protocol``,
``from_port``, ``to_port``, ``cidr_ipv4``, ``cidr_ipv6``, ``prefix_list_id``,
``referenced_security_group_id``), not CloudFormation's.

Checks (sources in comments) name the keyword; value objects have no construct path.
"""
from __future__ import annotations

import enum
import ipaddress
from typing import Any

from ._check import check_enum, check_int, check_str, describe
from ._errors import ValidationError
from ._tokens import is_unresolved

__all__ = ["IPeer", "Peer", "Port", "Protocol", "RULE_DESCRIPTION", "SG_ID", "rule_attributes"]

#: A security group id (the library accepts any ``sg-`` + letters/digits, as EC2's own ids and
#: the emulator's are).
SG_ID = r"sg-[0-9a-zA-Z]+"
#: EC2 ``IpRange.Description``: up to 255 of a-z A-Z 0-9 space ._-:/()#,@[]+=;{}!$*
RULE_DESCRIPTION = r"[a-zA-Z0-9. _\-:/()#,@\[\]+=;{}!$*]{0,255}"
_RULE_DESCRIPTION_RULE = "a rule description of at most 255 letters, digits, spaces and ._-:/()#,@[]+=;{}!$*"

# AWS CDK's Protocol enum (IANA protocol numbers; tcp/udp/icmp/icmpv6 by name).
_PROTOCOLS = (
    "ALL=-1 HOPOPT=0 ICMP=icmp IGMP=2 GGP=3 IPV4=4 ST=5 TCP=tcp CBT=7 EGP=8 IGP=9 BBN_RCC_MON=10 NVP_II=11 "
    "PUP=12 EMCON=14 XNET=15 CHAOS=16 UDP=udp MUX=18 DCN_MEAS=19 HMP=20 PRM=21 XNS_IDP=22 TRUNK_1=23 TRUNK_2=24 "
    "LEAF_1=25 LEAF_2=26 RDP=27 IRTP=28 ISO_TP4=29 NETBLT=30 MFE_NSP=31 MERIT_INP=32 DCCP=33 THREEPC=34 IDPR=35 "
    "XTP=36 DDP=37 IDPR_CMTP=38 TPPLUSPLUS=39 IL=40 IPV6=41 SDRP=42 IPV6_ROUTE=43 IPV6_FRAG=44 IDRP=45 RSVP=46 "
    "GRE=47 DSR=48 BNA=49 ESP=50 AH=51 I_NLSP=52 SWIPE=53 NARP=54 MOBILE=55 TLSP=56 SKIP=57 ICMPV6=icmpv6 "
    "IPV6_NONXT=59 IPV6_OPTS=60 CFTP=62 ANY_LOCAL=63 SAT_EXPAK=64 KRYPTOLAN=65 RVD=66 IPPC=67 ANY_DFS=68 "
    "SAT_MON=69 VISA=70 IPCV=71 CPNX=72 CPHB=73 WSN=74 PVP=75 BR_SAT_MON=76 SUN_ND=77 WB_MON=78 WB_EXPAK=79 "
    "ISO_IP=80 VMTP=81 SECURE_VMTP=82 VINES=83 TTP=84 IPTM=84_ NSFNET_IGP=85 DGP=86 TCF=87 EIGRP=88 OSPFIGP=89 "
    "SPRITE_RPC=90 LARP=91 MTP=92 AX_25=93 IPIP=94 MICP=95 SCC_SP=96 ETHERIP=97 ENCAP=98 ANY_ENC=99 GMTP=100 "
    "IFMP=101 PNNI=102 PIM=103 ARIS=104 SCPS=105 QNX=106 A_N=107 IPCOMP=108 SNP=109 COMPAQ_PEER=110 "
    "IPX_IN_IP=111 VRRP=112 PGM=113 ANY_0_HOP=114 L2_T_P=115 DDX=116 IATP=117 STP=118 SRP=119 UTI=120 SMP=121 "
    "SM=122 PTP=123 ISIS_IPV4=124 FIRE=125 CRTP=126 CRUDP=127 SSCOPMCE=128 IPLT=129 SPS=130 PIPE=131 SCTP=132 "
    "FC=133 RSVP_E2E_IGNORE=134 MOBILITY_HEADER=135 UDPLITE=136 MPLS_IN_IP=137 MANET=138 HIP=139 SHIM6=140 "
    "WESP=141 ROHC=142 ETHERNET=143 EXPERIMENT_1=253 EXPERIMENT_2=254 RESERVED=255")

Protocol = enum.StrEnum("Protocol", [tuple(p.split("=")) for p in _PROTOCOLS.split()])  # type: ignore[misc]
Protocol.__doc__ = "IP protocols of security group rules (AWS CDK's ``ec2.Protocol``)."
Protocol.__module__ = __name__


def _port_number(keyword: str, value: Any, minimum: int = 0) -> Any:
    # EC2 IpPermission: TCP/UDP ports 0-65535; ICMP type and code -1 (any) to 255
    return check_int(None, keyword, value, minimum=minimum, maximum=65535 if minimum == 0 else 255,
                     required=True)


def _render(port: Any) -> str:
    return "{IndirectPort}" if is_unresolved(port) else str(port)


class Port:
    """The protocol and port range of a rule (AWS CDK's ``ec2.Port``). Build one with the
    factories (``Port.tcp(443)``, ``Port.all_traffic()``, ...) or the well-known members
    (``Port.HTTPS``, ``Port.SSH``, ...).

    :param protocol: a ``Protocol`` (required).
    :param string_representation: the text used in rule ids and default descriptions (required).
    :param from_port: first port, or the ICMP type. Default: none (all).
    :param to_port: last port, or the ICMP code. Default: none (all).
    """

    SSH: "Port"
    SMTP: "Port"
    DNS_UDP: "Port"
    DNS_TCP: "Port"
    HTTP: "Port"
    POP3: "Port"
    IMAP: "Port"
    LDAP: "Port"
    HTTPS: "Port"
    SMB: "Port"
    SMTPS: "Port"
    IMAPS: "Port"
    POP3S: "Port"
    MSSQL: "Port"
    NFS: "Port"
    MYSQL_AURORA: "Port"
    RDP: "Port"
    POSTGRES: "Port"

    def __init__(self, *, protocol: Protocol, string_representation: str, from_port: int | None = None,
                 to_port: int | None = None) -> None:
        self.protocol = check_enum(None, "protocol", protocol, Protocol, required=True)
        self.string_representation = check_str(None, "string_representation", string_representation,
                                               required=True)
        self.from_port = check_int(None, "from_port", from_port, minimum=-1, maximum=65535)
        self.to_port = check_int(None, "to_port", to_port, minimum=-1, maximum=65535)
        self.can_inline_rule = not is_unresolved(from_port) and not is_unresolved(to_port)

    @staticmethod
    def tcp(port: int) -> "Port":
        port = _port_number("port", port)
        return Port(protocol=Protocol.TCP, from_port=port, to_port=port, string_representation=_render(port))

    @staticmethod
    def tcp_range(start_port: int, end_port: int) -> "Port":
        start, end = _range("start_port", start_port, "end_port", end_port)
        return Port(protocol=Protocol.TCP, from_port=start, to_port=end,
                    string_representation=f"{_render(start)}-{_render(end)}")

    @staticmethod
    def all_tcp() -> "Port":
        return Port(protocol=Protocol.TCP, from_port=0, to_port=65535, string_representation="ALL PORTS")

    @staticmethod
    def udp(port: int) -> "Port":
        port = _port_number("port", port)
        return Port(protocol=Protocol.UDP, from_port=port, to_port=port, string_representation=f"UDP {_render(port)}")

    @staticmethod
    def udp_range(start_port: int, end_port: int) -> "Port":
        start, end = _range("start_port", start_port, "end_port", end_port)
        return Port(protocol=Protocol.UDP, from_port=start, to_port=end,
                    string_representation=f"UDP {_render(start)}-{_render(end)}")

    @staticmethod
    def all_udp() -> "Port":
        return Port(protocol=Protocol.UDP, from_port=0, to_port=65535, string_representation="UDP ALL PORTS")

    @staticmethod
    def icmp_type_and_code(type: int, code: int) -> "Port":
        type, code = _port_number("type", type, -1), _port_number("code", code, -1)
        return Port(protocol=Protocol.ICMP, from_port=type, to_port=code,
                    string_representation=f"ICMP Type {type} Code {code}")

    @staticmethod
    def icmp_type(type: int) -> "Port":
        type = _port_number("type", type, -1)
        return Port(protocol=Protocol.ICMP, from_port=type, to_port=-1, string_representation=f"ICMP Type {type}")

    @staticmethod
    def icmp_ping() -> "Port":
        return Port.icmp_type(8)

    @staticmethod
    def all_icmp() -> "Port":
        return Port(protocol=Protocol.ICMP, from_port=-1, to_port=-1, string_representation="ALL ICMP")

    @staticmethod
    def all_icmp_v6() -> "Port":
        return Port(protocol=Protocol.ICMPV6, from_port=-1, to_port=-1, string_representation="ALL ICMPv6")

    @staticmethod
    def all_traffic() -> "Port":
        return Port(protocol=Protocol.ALL, string_representation="ALL TRAFFIC")

    @staticmethod
    def esp() -> "Port":
        return Port(protocol=Protocol.ESP, from_port=50, to_port=50, string_representation="ESP 50")

    @staticmethod
    def ah() -> "Port":
        return Port(protocol=Protocol.AH, from_port=51, to_port=51, string_representation="AH 51")

    def to_rule_json(self) -> dict[str, Any]:
        """``ip_protocol``/``from_port``/``to_port`` of a Terraform rule (ports only when set)."""
        protocol = "84" if self.protocol is Protocol.IPTM else self.protocol.value
        rule: dict[str, Any] = {"ip_protocol": protocol}
        if self.from_port is not None:
            rule["from_port"] = self.from_port
        if self.to_port is not None:
            rule["to_port"] = self.to_port
        return rule

    def __str__(self) -> str:
        return self.string_representation

    def __repr__(self) -> str:
        return f"Port({self.string_representation})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Port) and self.to_rule_json() == other.to_rule_json()

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.to_rule_json().items())))


def _range(start_kw: str, start: Any, end_kw: str, end: Any) -> tuple[Any, Any]:
    start, end = _port_number(start_kw, start), _port_number(end_kw, end)
    if not is_unresolved(start) and not is_unresolved(end) and start > end:
        # EC2 AuthorizeSecurityGroupIngress: FromPort must not exceed ToPort
        raise ValidationError(None, f"'{start_kw}' ({start}) must not be greater than '{end_kw}' ({end})")
    return start, end


for _name, _number, _udp in (("SSH", 22, False), ("SMTP", 25, False), ("DNS_UDP", 53, True), ("DNS_TCP", 53, False),
                             ("HTTP", 80, False), ("POP3", 110, False), ("IMAP", 143, False), ("LDAP", 389, False),
                             ("HTTPS", 443, False), ("SMB", 445, False), ("SMTPS", 465, False), ("IMAPS", 993, False),
                             ("POP3S", 995, False), ("MSSQL", 1433, False), ("NFS", 2049, False),
                             ("MYSQL_AURORA", 3306, False), ("RDP", 3389, False), ("POSTGRES", 5432, False)):
    setattr(Port, _name, Port.udp(_number) if _udp else Port.tcp(_number))


class IPeer:
    """What every peer offers (AWS CDK's ``ec2.IPeer``): ``unique_id``, ``can_inline_rule``,
    ``connections`` and the peer half of an ingress or egress rule."""

    unique_id: str
    can_inline_rule: bool

    @property
    def connections(self) -> Any:
        if getattr(self, "_connections", None) is None:
            from ._ec2_connections import Connections
            self._connections = Connections(peer=self)
        return self._connections

    def to_ingress_rule_config(self) -> dict[str, Any]:
        raise NotImplementedError

    def to_egress_rule_config(self) -> dict[str, Any]:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.unique_id})"


class _Cidr(IPeer):
    def __init__(self, keyword: str, cidr: str, version: int) -> None:
        self.cidr = _check_cidr(keyword, cidr, version)
        self.unique_id = self.cidr
        self.can_inline_rule = True
        self._key = "cidr_ipv4" if version == 4 else "cidr_ipv6"

    def to_ingress_rule_config(self) -> dict[str, Any]:
        return {self._key: self.cidr}

    def to_egress_rule_config(self) -> dict[str, Any]:
        return {self._key: self.cidr}


def _check_cidr(keyword: str, value: Any, version: int) -> str:
    kind = "IPv4" if version == 4 else "IPv6"
    example = "10.0.0.0/16" if version == 4 else "2001:db8::/32"
    check_str(None, keyword, value, rule=f"an {kind} CIDR block such as '{example}'", required=True)
    if is_unresolved(value):
        return value
    if "/" not in value:
        # AWS CDK: 'CIDR mask is missing in IPv4: "<x>". Did you mean "<x>/32"?'
        raise ValidationError(None, f"'{keyword}' must be an {kind} CIDR block with a mask, got {describe(value)}; "
                                    f"did you mean '{value}/{32 if version == 4 else 128}'?")
    try:
        network = ipaddress.ip_network(value, strict=False)
    except ValueError:
        network = None
    if network is None or network.version != version:
        # AWS CDK: 'Invalid IPv4 CIDR: "<x>"'
        raise ValidationError(None, f"'{keyword}' must be an {kind} CIDR block such as '{example}', got {describe(value)}")
    if str(network) != value:
        # the provider's cidr_ipv4/cidr_ipv6 must be a network address (no host bits set)
        raise ValidationError(None, f"'{keyword}' must be a network address (no host bits set), got "
                                    f"{describe(value)}; did you mean '{network}'?")
    return value


class _PrefixList(IPeer):
    def __init__(self, prefix_list_id: str) -> None:
        # EC2 managed prefix list ids: pl-...
        self.prefix_list_id = check_str(None, "prefix_list_id", prefix_list_id, pattern=r"pl-[0-9a-zA-Z]+",
                                        rule="a prefix list id (pl-...)", required=True)
        self.unique_id = self.prefix_list_id
        self.can_inline_rule = False

    def to_ingress_rule_config(self) -> dict[str, Any]:
        return {"prefix_list_id": self.prefix_list_id}

    def to_egress_rule_config(self) -> dict[str, Any]:
        return {"prefix_list_id": self.prefix_list_id}


class _SecurityGroupId(IPeer):
    def __init__(self, security_group_id: str, owner: str | None) -> None:
        self.security_group_id = check_str(None, "security_group_id", security_group_id, pattern=SG_ID,
                                           rule="a security group id (sg-...)", required=True)
        # AWS CDK: 'Invalid security group owner ID' unless a 12-digit account id
        self.source_security_group_owner_id = check_str(None, "source_security_group_owner_id", owner,
                                                        pattern=r"[0-9]{12}", rule="a 12-digit account id")
        self.unique_id = self.security_group_id
        self.can_inline_rule = True

    def to_ingress_rule_config(self) -> dict[str, Any]:
        owner = self.source_security_group_owner_id
        # the provider reads "<account>/<group>" as a group of another account (VPC peering)
        return {"referenced_security_group_id": f"{owner}/{self.security_group_id}" if owner
                else self.security_group_id}

    def to_egress_rule_config(self) -> dict[str, Any]:
        return {"referenced_security_group_id": self.security_group_id}


class Peer:
    """Factories of rule peers by address (AWS CDK's ``ec2.Peer``); a ``SecurityGroup`` (or a
    construct with ``connections``) is a peer itself."""

    @staticmethod
    def ipv4(cidr_ip: str) -> IPeer:
        """An IPv4 range (``'10.0.0.0/16'``; a single address needs ``/32``)."""
        return _Cidr("cidr_ip", cidr_ip, 4)

    @staticmethod
    def any_ipv4() -> IPeer:
        return _Cidr("cidr_ip", "0.0.0.0/0", 4)

    @staticmethod
    def ipv6(cidr_ip: str) -> IPeer:
        """An IPv6 range (``'2001:db8::/32'``)."""
        return _Cidr("cidr_ip", cidr_ip, 6)

    @staticmethod
    def any_ipv6() -> IPeer:
        return _Cidr("cidr_ip", "::/0", 6)

    @staticmethod
    def prefix_list(prefix_list_id: str) -> IPeer:
        """A managed prefix list (``pl-...``); its rules are never inline."""
        return _PrefixList(prefix_list_id)

    @staticmethod
    def security_group_id(security_group_id: str, source_security_group_owner_id: str | None = None) -> IPeer:
        """A security group by id; ``source_security_group_owner_id`` (default: none) names the
        account of a group in another account (ingress rules only)."""
        return _SecurityGroupId(security_group_id, source_security_group_owner_id)


def rule_attributes(peer_config: dict[str, Any], port: Port, description: str | None) -> dict[str, Any]:
    """The attributes of an ``aws_vpc_security_group_ingress_rule``/``_egress_rule`` except
    ``security_group_id``: the peer half, the port half and the description."""
    rule = {**port.to_rule_json(), **peer_config}
    if description is not None:
        rule["description"] = description
    return rule


def check_rule_description(scope: Any, description: Any) -> Any:
    """A rule description (EC2 ``IpRange.Description`` characters, at most 255)."""
    return check_str(scope, "description", description, pattern=RULE_DESCRIPTION, rule=_RULE_DESCRIPTION_RULE)
