"""EC2 adapter types: ``Vpc``, ``SubnetSelection``, ``SecurityGroup``, ``InstanceType``,
``InstanceClass``, ``InstanceSize`` (names as in ``aws_cdk.aws_ec2``).

``InstanceType``/``InstanceClass``/``InstanceSize`` are pure Python; ``Vpc`` and
``SecurityGroup`` are constructs that create provider resources.
"""
from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from typing import Any, Sequence

from ._check import check_int, check_list, check_str, describe
from ._errors import ValidationError
from .compute_environment_validation import (SG_ID, check_instance_type_identifier, check_protocol,
                                             check_subnet_selection, child_path,
                                             security_group_description, subnet_id, subnet_selection_fields,
                                             validate_ami_map, validate_imported_launch_template,
                                             validate_launch_template_props, validate_placement_group_props,
                                             validate_security_group_props)

__all__ = ["CpuArchitectureName", "InstanceArchitecture", "InstanceClass", "InstanceSize",
           "InstanceType", "SecurityGroup", "SelectedSubnets", "SubnetSelection", "SubnetType",
           "Vpc", "as_security_group"]


class InstanceArchitecture(enum.Enum):
    X86_64 = "x86_64"
    ARM_64 = "arm64"


CpuArchitectureName = InstanceArchitecture


def family_architecture(family: str) -> InstanceArchitecture:
    """The CPU architecture of an instance family (``a1`` and Graviton families are arm64)."""
    family = family.lower()
    if family == "a1":
        return InstanceArchitecture.ARM_64
    match = re.match(r"^([a-z]+)(\d+)([a-z-]*)$", family)
    if match and match.group(3).startswith("g") and family not in ("g4dn", "g4ad", "g5", "g6", "g6e"):
        # im4gn, is4gen, x2gd, m6gd, c6gn, c7g, r8g, g5g, t4g ...
        return InstanceArchitecture.ARM_64
    return InstanceArchitecture.X86_64


_FAMILIES = """
a1 c1 c3 c4 c5 c5a c5ad c5d c5n c6a c6g c6gd c6gn c6i c6id c6in c7a c7g c7gd c7gn c7i c7i-flex c8g
d2 d3 d3en dl1 f1 f2 g3 g3s g4ad g4dn g5 g5g g6 g6e gr6 hpc6a hpc6id hpc7a hpc7g i2 i3 i3en i4g i4i
i7ie im4gn inf1 inf2 is4gen m1 m2 m3 m4 m5 m5a m5ad m5d m5dn m5n m5zn m6a m6g m6gd m6i m6id m6idn
m6in m7a m7g m7gd m7i m7i-flex m8g p2 p3 p3dn p4d p4de p5 r3 r4 r5 r5a r5ad r5b r5d r5dn r5n r6a r6g
r6gd r6i r6id r6idn r6in r7a r7g r7gd r7i r7iz r8g t1 t2 t3 t3a t4g trn1 trn1n u-3tb1 vt1 x1 x1e
x2gd x2idn x2iedn x2iezn x8g z1d
""".split()


def _member(family: str) -> str:
    return family.upper().replace("-", "_")


class InstanceClass(enum.StrEnum):
    """Instance families (``InstanceClass.M5AD`` → ``"m5ad"``); each knows its architecture."""

    _ignore_ = ["f", "vars_"]
    vars_ = vars()
    for f in _FAMILIES:
        vars_[_member(f)] = f

    @property
    def architecture(self) -> InstanceArchitecture:
        return family_architecture(self.value)

    @classmethod
    def _missing_(cls, value: Any) -> "InstanceClass":
        """``InstanceClass("M5")`` and ``InstanceClass("M5AD")`` (member names) work too."""
        if isinstance(value, str):
            for member in cls:
                if value.lower() == member.value or value == member.name:
                    return member
        raise ValidationError(None, f"'instance_class' must be an EC2 instance family such as 'm5' (an "
                                    f"ec2.InstanceClass), got {describe(value)}")


class InstanceSize(enum.StrEnum):
    NANO = "nano"
    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"
    XLARGE = "xlarge"
    XLARGE2 = "2xlarge"
    XLARGE3 = "3xlarge"
    XLARGE4 = "4xlarge"
    XLARGE6 = "6xlarge"
    XLARGE8 = "8xlarge"
    XLARGE9 = "9xlarge"
    XLARGE10 = "10xlarge"
    XLARGE12 = "12xlarge"
    XLARGE16 = "16xlarge"
    XLARGE18 = "18xlarge"
    XLARGE24 = "24xlarge"
    XLARGE32 = "32xlarge"
    XLARGE48 = "48xlarge"
    XLARGE56 = "56xlarge"
    XLARGE96 = "96xlarge"
    XLARGE112 = "112xlarge"
    METAL = "metal"


class InstanceType:
    """``InstanceType("m5ad.large")`` or ``InstanceType.of(InstanceClass.M5AD, InstanceSize.LARGE)``."""

    def __init__(self, instance_type_identifier: str) -> None:
        self._identifier = check_instance_type_identifier(None, None, instance_type_identifier)

    @classmethod
    def of(cls, instance_class: InstanceClass | str, instance_size: InstanceSize | str) -> "InstanceType":
        family = check_str(None, "instance_class", instance_class, pattern=r"[a-z][a-z0-9-]*", required=True,
                           rule="an ec2.InstanceClass or an instance family such as 'm5'")
        size = check_str(None, "instance_size", instance_size, pattern=r"[a-z0-9]+", required=True,
                         rule="an ec2.InstanceSize or an instance size such as 'large'")
        return cls(f"{str(family)}.{str(size)}")

    @property
    def family(self) -> str:
        return self._identifier.split(".", 1)[0]

    @property
    def architecture(self) -> InstanceArchitecture:
        return family_architecture(self.family)

    def to_string(self) -> str:
        return self._identifier

    def __str__(self) -> str:
        return self._identifier

    def __repr__(self) -> str:
        return f"InstanceType({self._identifier!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, InstanceType) and other._identifier == self._identifier

    def __hash__(self) -> int:
        return hash(self._identifier)


class SubnetType(enum.Enum):
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
    from ._base import BatchConstruct
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

class LaunchTemplate(_construct_base()):  # type: ignore[misc]
    """An EC2 launch template (``aws_launch_template``), for a managed EC2 compute environment.

    :param launch_template_name: default: generated by Terraform (``name_prefix`` from the path).
    :param user_data: user data as plain text (base64-encoded here). Batch needs MIME multi-part
        user data in launch templates. Default: none.
    :param machine_image: an ``IMachineImage`` (``MachineImage.generic_linux({...})``) for
        ``image_id``. Default: none (Batch chooses the AMI).
    :param instance_type: default: none (Batch chooses).

    Every change creates a new template version; a compute environment using the template pins
    ``latest_version_number``, so a new version shows up as a change of the environment.
    """

    def __init__(self, scope: Any, id: str, *, launch_template_name: str | None = None,
                 user_data: str | None = None, machine_image: Any = None,
                 instance_type: Any = None) -> None:
        super().__init__(scope, id)
        import base64

        from ._base import generated_name
        validate_launch_template_props(self, launch_template_name, user_data, machine_image, instance_type)
        extra: dict[str, Any] = {}
        if launch_template_name:
            extra["name"] = launch_template_name
        else:
            extra["name_prefix"] = generated_name(self, max_length=100) + "-"
        if user_data is not None:
            extra["user_data"] = base64.b64encode(user_data.encode()).decode()
        if machine_image is not None:
            extra["image_id"] = machine_image.get_image(self).image_id
        if instance_type is not None:
            extra["instance_type"] = str(instance_type)
        self.resource = self._new_l1("Resource", "launch_template", "LaunchTemplate", taggable=True,
                                     **extra)
        self.launch_template_id: str | None = self.resource.id
        self.launch_template_name: str | None = self.resource.name

    @property
    def latest_version_number(self) -> str:
        from cdktf import Token
        return Token.as_string(self.resource.latest_version)

    @property
    def default_version_number(self) -> str:
        from cdktf import Token
        return Token.as_string(self.resource.default_version)

    @classmethod
    def from_launch_template_attributes(cls, scope: Any, id: str, *, launch_template_id: str | None = None,
                                        launch_template_name: str | None = None,
                                        version_number: str | None = None) -> "ImportedLaunchTemplate":
        """An existing template by id or name (exactly one), optionally with a version."""
        return ImportedLaunchTemplate(launch_template_id=launch_template_id,
                                      launch_template_name=launch_template_name,
                                      version_number=version_number, scope=child_path(scope, id))


class ImportedLaunchTemplate:
    """A launch template known by id or name; ``version_number`` default: none."""

    def __init__(self, *, launch_template_id: str | None = None, launch_template_name: str | None = None,
                 version_number: str | int | None = None, scope: Any = None) -> None:
        self.launch_template_id, self.launch_template_name, self.version_number = \
            validate_imported_launch_template(scope, launch_template_id, launch_template_name, version_number)


class _L1LaunchTemplate:
    """Adapter for the provider's ``LaunchTemplate`` L1: pinned to its latest version."""

    def __init__(self, l1: Any) -> None:
        from cdktf import Token
        self.resource = l1
        self.launch_template_id = l1.id
        self.launch_template_name = None
        self.latest_version_number = Token.as_string(l1.latest_version)


def as_launch_template(value: Any, *, scope: Any = None, keyword: str = "launch_template") -> Any:
    """Accept our ``LaunchTemplate``, an imported one, or the provider's ``LaunchTemplate`` L1."""
    if value is None or isinstance(value, (LaunchTemplate, ImportedLaunchTemplate, _L1LaunchTemplate)):
        return value
    if getattr(value, "terraform_resource_type", None) == "aws_launch_template":
        return _L1LaunchTemplate(value)
    expected = ("an ec2.LaunchTemplate, LaunchTemplate.from_launch_template_attributes(...) or the provider's "
                "LaunchTemplate")
    if hasattr(value, "launch_template_name"):
        return check_protocol(scope, keyword, value, ("launch_template_name",), expected)
    return check_protocol(scope, keyword, value, ("launch_template_id",), expected, required=True)


class PlacementGroupStrategy(enum.Enum):
    CLUSTER = "cluster"
    PARTITION = "partition"
    SPREAD = "spread"


class PlacementGroup(_construct_base()):  # type: ignore[misc]
    """An EC2 placement group (``aws_placement_group``).

    :param placement_group_name: default: ``<path>-<hash>`` (deterministic).
    :param strategy: default ``PlacementGroupStrategy.CLUSTER`` (AWS's own default).
    :param partitions: partition count (``PARTITION`` only). Default: none.
    """

    def __init__(self, scope: Any, id: str, *, placement_group_name: str | None = None,
                 strategy: PlacementGroupStrategy | None = None, partitions: int | None = None) -> None:
        super().__init__(scope, id)
        from ._base import generated_name
        strategy, partitions, _ = validate_placement_group_props(self, placement_group_name, strategy, partitions)
        extra: dict[str, Any] = {}
        if partitions is not None:
            extra["partition_count"] = partitions
        strategy = strategy or PlacementGroupStrategy.CLUSTER
        self.strategy = strategy
        self.resource = self._new_l1("Resource", "placement_group", "PlacementGroup",
                                     name=placement_group_name or generated_name(self, max_length=255),
                                     strategy=strategy.value, taggable=True, **extra)
        self.placement_group_name: str = self.resource.name

    @classmethod
    def from_placement_group_name(cls, scope: Any, id: str, placement_group_name: str) -> "ImportedPlacementGroup":
        path = child_path(scope, id)
        return ImportedPlacementGroup(validate_placement_group_props(path, placement_group_name, None, None,
                                                                     required=True)[2])


class ImportedPlacementGroup:
    def __init__(self, placement_group_name: str) -> None:
        self.placement_group_name = placement_group_name


@dataclass
class MachineImageConfig:
    image_id: str
    os_type: str = "LINUX"


class MachineImage:
    """Machine images (names as ``aws_cdk.aws_ec2.MachineImage``); ``get_image(scope).image_id``."""

    @staticmethod
    def generic_linux(ami_map: dict[str, str], **_props: Any) -> "GenericLinuxImage":
        """An AMI per region (``{"us-east-1": "ami-..."}``)."""
        return GenericLinuxImage(ami_map)

    @staticmethod
    def from_ssm_parameter(parameter_name: str, **_props: Any) -> "SsmParameterImage":
        """The AMI id held by an SSM parameter (a ``data.aws_ssm_parameter`` read at plan time:
        it changes whenever AWS publishes a new image)."""
        return SsmParameterImage(parameter_name)


class GenericLinuxImage:
    def __init__(self, ami_map: dict[str, str]) -> None:
        validate_ami_map(ami_map)
        self.ami_map = dict(ami_map)

    def get_image(self, scope: Any) -> MachineImageConfig:
        values = set(self.ami_map.values())
        if len(values) == 1:
            return MachineImageConfig(next(iter(values)))
        from cdktf import Fn, Token

        from ._stack_data import region
        return MachineImageConfig(Token.as_string(Fn.lookup(self.ami_map, region(scope))))


class SsmParameterImage:
    def __init__(self, parameter_name: str) -> None:
        self.parameter_name = check_str(None, "parameter_name", parameter_name, min_length=1, max_length=2048,
                                        required=True)

    def get_image(self, scope: Any) -> MachineImageConfig:
        from cdktf import TerraformStack

        from ._base import path_hash
        from ._runtime import provider_class
        stack = TerraformStack.of(scope)
        data_id = "BatchConstructsAmi" + path_hash(self.parameter_name)
        data = stack.node.try_find_child(data_id) or provider_class(
            "data_aws_ssm_parameter", "DataAwsSsmParameter")(stack, data_id, name=self.parameter_name)
        return MachineImageConfig(data.value)


__all__ += ["GenericLinuxImage", "ImportedLaunchTemplate", "ImportedPlacementGroup", "LaunchTemplate",
            "MachineImage", "MachineImageConfig", "PlacementGroup", "PlacementGroupStrategy",
            "SsmParameterImage", "as_launch_template"]
