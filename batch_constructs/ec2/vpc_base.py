"""What every VPC offers (AWS CDK's ``IVpc``): subnets by type, ``select_subnets`` and VPC
endpoints; and the two imports: ``Vpc.from_vpc_attributes`` (known ids, creates nothing) and
``Vpc.from_lookup`` (Terraform data sources, read at plan time)."""
from __future__ import annotations

from types import SimpleNamespace
from typing import Any, Sequence

from .._check import check_instance, child_path
from .._errors import ValidationError
from ._construct import _construct_base, anchor
from ._network_validation import selection_fields, validate_lookup, validate_vpc_attributes
from ._validation import check_subnet_selection
from .subnets import (ImportedSubnet, SelectedSubnets, SubnetSelection, SubnetType, as_subnet, filter_subnets,
                      group_name)

__all__ = ["IVpc", "ImportedVpc", "LookedUpVpc"]

_DEFAULT_NAMES = {"public": "Public", "private": "Private", "isolated": "Isolated"}


class IVpc:
    """The shared part of ``Vpc``, ``ImportedVpc`` and ``LookedUpVpc``."""

    vpc_id: str
    public_subnets: list[Any]
    private_subnets: list[Any]
    isolated_subnets: list[Any]
    availability_zones: list[str]
    _is_lookup = False
    _cidr: str | None = None

    @property
    def _error_scope(self) -> Any:
        return self

    @property
    def public_subnet_ids(self) -> list[str]:
        return [s.subnet_id for s in self.public_subnets]

    @property
    def private_subnet_ids(self) -> list[str]:
        return [s.subnet_id for s in self.private_subnets]

    @property
    def isolated_subnet_ids(self) -> list[str]:
        return [s.subnet_id for s in self.isolated_subnets]

    @property
    def vpc_cidr_block(self) -> str:
        return self._cidr_for(self._error_scope)

    def _cidr_for(self, scope: Any) -> str:
        if self._cidr is None:
            # AWS CDK: "Cannot perform this operation: 'vpcCidrBlock' was not supplied when creating this VPC"
            raise ValidationError(scope, "the VPC's CIDR block is not known: import it with vpc_cidr_block=... "
                                         "(an interface endpoint opens its port to the VPC's block)")
        return self._cidr

    def select_subnets(self, selection: SubnetSelection | None = None, *, subnet_type: SubnetType | None = None,
                       subnet_group_name: str | None = None, subnets: Sequence[Any] | None = None,
                       subnet_ids: Sequence[str] | None = None, availability_zones: Sequence[str] | None = None,
                       one_per_az: bool | None = None) -> SelectedSubnets:
        """The subnets of a selection: a ``SubnetSelection`` or its fields as keywords. Default:
        the private subnets (else isolated, else public). A type without subnets selects none
        (the caller says what needed them); an unknown ``subnet_group_name`` raises."""
        fields = {"subnet_type": subnet_type, "subnet_group_name": subnet_group_name, "subnets": subnets,
                  "subnet_ids": subnet_ids, "availability_zones": availability_zones, "one_per_az": one_per_az}
        if selection is not None:
            check_subnet_selection(None, "selection", selection)
            if any(v is not None for v in fields.values()):
                raise ValidationError(self._error_scope, "select_subnets() takes a SubnetSelection or its fields as "
                                                         "keywords, not both")
        else:
            selection_fields(self._error_scope, "", SimpleNamespace(**fields))
            selection = SubnetSelection(**fields)
        found = self._select(selection)
        if isinstance(found, SelectedSubnets):
            return found
        public = {id(s) for s in self.public_subnets}
        return SelectedSubnets([s.subnet_id for s in found], found, any(id(s) in public for s in found))

    def _select(self, selection: SubnetSelection) -> Any:
        if selection.subnet_ids:
            found: list[Any] = [ImportedSubnet(i) for i in selection.subnet_ids]
        elif selection.subnets:
            found = [as_subnet(s) for s in selection.subnets]
        elif selection.subnet_group_name is not None:
            every = [*self.public_subnets, *self.private_subnets, *self.isolated_subnets]
            found = [s for s in every if group_name(s) == selection.subnet_group_name]
            if not found:
                names = ", ".join(dict.fromkeys(str(group_name(s)) for s in every)) or "none"
                # AWS CDK: "There are no subnet groups with name '<name>' in this VPC. Available names: ..."
                raise ValidationError(self._error_scope, f"there are no subnet groups with name "
                                                         f"'{selection.subnet_group_name}' in this VPC; available "
                                                         f"names: {names}")
        else:
            found = list(self._of_type(selection.subnet_type or self._default_type()))
        return filter_subnets(found, selection.availability_zones, selection.one_per_az)

    def _default_type(self) -> SubnetType:
        return (SubnetType.PRIVATE_WITH_EGRESS if self.private_subnets else
                SubnetType.PRIVATE_ISOLATED if self.isolated_subnets else SubnetType.PUBLIC)

    def _of_type(self, kind: SubnetType) -> list[Any]:
        return {SubnetType.PUBLIC: self.public_subnets, SubnetType.PRIVATE_WITH_EGRESS: self.private_subnets,
                SubnetType.PRIVATE_ISOLATED: self.isolated_subnets}[kind]

    def _route_table_ids(self, scope: Any, selections: list[Any] | None) -> list[str]:
        """The route tables of the selected subnets (default: every subnet), each once."""
        if selections is None:
            chosen = [*self.private_subnets, *self.public_subnets, *self.isolated_subnets]
        else:
            chosen = [s for selection in selections for s in self.select_subnets(selection).subnets]
        ids = [s.route_table.route_table_id for s in chosen if s.route_table.route_table_id is not None]
        return list(dict.fromkeys(ids))

    def _endpoint_scope(self) -> Any:
        if isinstance(self, _construct_base()):
            return self
        return anchor(self, f"a VPC endpoint to VPC {self.vpc_id!r}", "Vpc.from_vpc_attributes(scope, id, ...)")

    def add_gateway_endpoint(self, id: str, *, service: Any, subnets: Sequence[SubnetSelection] | None = None) -> Any:
        """A ``GatewayVpcEndpoint`` (child ``id``): ``GatewayVpcEndpointAwsService.S3`` or
        ``DYNAMODB``; ``subnets`` (a list of selections) default: every subnet."""
        from .vpc_endpoints import GatewayVpcEndpoint
        return GatewayVpcEndpoint(self._endpoint_scope(), id, vpc=self, service=service, subnets=subnets)

    def add_interface_endpoint(self, id: str, *, service: Any, subnets: SubnetSelection | None = None,
                               private_dns_enabled: bool | None = None, security_groups: Sequence[Any] | None = None,
                               open: bool | None = None) -> Any:
        """An ``InterfaceVpcEndpoint`` (child ``id``), e.g. ``InterfaceVpcEndpointAwsService.ECR``;
        defaults: the private subnets (one per zone), private DNS on, a new security group open
        to the VPC's block on the service port."""
        from .vpc_endpoints import InterfaceVpcEndpoint
        return InterfaceVpcEndpoint(self._endpoint_scope(), id, vpc=self, service=service, subnets=subnets,
                                    private_dns_enabled=private_dns_enabled, security_groups=security_groups,
                                    open=open)


def check_vpc(scope: Any, vpc: Any) -> IVpc:
    return check_instance(scope, "vpc", vpc, IVpc, "an ec2.Vpc, Vpc.from_vpc_attributes(...) or Vpc.from_lookup(...)",
                          required=True)


class ImportedVpc(IVpc):
    """An existing VPC known by its ids (``Vpc.from_vpc_attributes``); creates nothing (a VPC
    endpoint added to it is created at the import's scope and id)."""

    def __init__(self, vpc_id: str, *, public_subnets: list[Any] = (), private_subnets: list[Any] = (),  # type: ignore[assignment]
                 isolated_subnets: list[Any] = (), availability_zones: Sequence[str] = (),  # type: ignore[assignment]
                 vpc_cidr_block: str | None = None, path: str | None = None) -> None:
        self.vpc_id = vpc_id
        self.public_subnets = list(public_subnets)
        self.private_subnets = list(private_subnets)
        self.isolated_subnets = list(isolated_subnets)
        self.availability_zones = list(availability_zones)
        self._cidr = vpc_cidr_block
        self._path = path

    @property
    def _error_scope(self) -> Any:
        return self._path


def import_vpc(scope: Any, id: str, vpc_id: str, availability_zones: Any, vpc_cidr_block: Any,
               groups: dict[str, dict[str, Any]]) -> ImportedVpc:
    """``Vpc.from_vpc_attributes``: subnets from ids, AWS CDK's way (``ImportSubnetGroup``):
    subnet ``i`` is in zone ``i % len(zones)``; group ``i // len(zones)`` names it."""
    path = child_path(scope, id)
    validate_vpc_attributes(path, vpc_id, availability_zones, groups, vpc_cidr_block)
    zones = list(availability_zones or [])
    made: dict[str, list[ImportedSubnet]] = {}
    for kind, fields in groups.items():
        ids = list(fields["ids"] or [])
        names = list(fields["names"] or []) or [_DEFAULT_NAMES[kind]] * max(1, len(ids) // max(1, len(zones)))
        tables, cidrs = fields["route_table_ids"] or [], fields["ipv4_cidr_blocks"] or []
        made[kind] = []
        for i, subnet_id in enumerate(ids):
            group = names[min(i // len(zones), len(names) - 1)] if zones else names[0]
            made[kind].append(ImportedSubnet(subnet_id, availability_zone=zones[i % len(zones)] if zones else None,
                                             route_table_id=tables[i] if tables else None,
                                             ipv4_cidr_block=cidrs[i] if cidrs else None, group_name=group,
                                             path=f"{path}/{group}Subnet{i + 1}"))
    vpc = ImportedVpc(vpc_id, public_subnets=made["public"], private_subnets=made["private"],
                      isolated_subnets=made["isolated"], availability_zones=zones, vpc_cidr_block=vpc_cidr_block,
                      path=path)
    vpc._import_scope, vpc._import_id = scope, id  # type: ignore[attr-defined]
    return vpc


class LookedUpVpc(_construct_base(), IVpc):  # type: ignore[misc]
    """An existing VPC found by Terraform at plan time (``Vpc.from_lookup``): a
    ``data "aws_vpc"`` with the filters given, and ``data "aws_subnets"`` of the VPC per selection.

    Subnets are classified the way EC2 lets a filter see them: public subnets are those that give
    instances a public IP (``map-public-ip-on-launch``, as in the default VPC and in VPCs made by
    AWS CDK or this library); the others are private (``PRIVATE_WITH_EGRESS`` and
    ``PRIVATE_ISOLATED`` select the same ones: routes are not visible to a filter). A
    ``subnet_group_name`` selects by the ``aws-cdk:subnet-name`` tag that AWS CDK and this library
    put on subnets. The default selection is the private subnets if there are any, else the
    public ones, decided by Terraform. The subnet objects themselves (``vpc.private_subnets``,
    ``one_per_az``) are not known before the plan and raise.
    """

    _is_lookup = True

    def __init__(self, scope: Any, id: str, *, vpc_id: str | None = None, is_default: bool | None = None,
                 tags: dict[str, str] | None = None, vpc_name: str | None = None) -> None:
        super().__init__(scope, id)
        validate_lookup(self, vpc_id, is_default, tags, vpc_name)
        args: dict[str, Any] = {}
        if vpc_id is not None:
            args["id"] = vpc_id
        if is_default is not None:
            args["default"] = is_default
        wanted = {**(tags or {}), **({"Name": vpc_name} if vpc_name is not None else {})}
        if wanted:
            args["tags"] = wanted
        self.resource = self._new_l1("Resource", "data_aws_vpc", "DataAwsVpc", **args)
        self.vpc_id: str = self.resource.id
        self.vpc_arn: str = self.resource.arn
        self._cidr = self.resource.cidr_block
        self.availability_zones: list[str] = []
        self._data: dict[str, Any] = {}

    def _unknown(self, what: str) -> ValidationError:
        return ValidationError(self, f"the {what} of a looked-up VPC are known only at plan time; use "
                                     "select_subnets(...).subnet_ids (a list Terraform fills in)")

    @property
    def public_subnets(self) -> list[Any]:  # type: ignore[override]
        raise self._unknown("public subnets")

    @property
    def private_subnets(self) -> list[Any]:  # type: ignore[override]
        raise self._unknown("private subnets")

    @property
    def isolated_subnets(self) -> list[Any]:  # type: ignore[override]
        raise self._unknown("isolated subnets")

    def _subnets(self, key: str, *filters: tuple[str, list[Any]]) -> Any:
        if key not in self._data:
            every = [("vpc-id", [self.vpc_id]), *filters]
            self._data[key] = self._new_l1(key, "data_aws_subnets", "DataAwsSubnets",
                                           filter=[{"name": n, "values": v} for n, v in every])
        return self._data[key].ids

    def _select(self, selection: SubnetSelection) -> Any:
        from .._core import cdk
        core = cdk()
        Fn, Token = core.Fn, core.Token

        if selection.subnet_ids or selection.subnets:
            return super()._select(selection)
        if selection.one_per_az:
            raise ValidationError(self, "'one_per_az' needs the subnets' zones, which a looked-up VPC knows only at "
                                        "plan time; select subnets with one per zone (subnet_group_name, "
                                        "availability_zones or subnet_ids)")
        zones = list(selection.availability_zones or [])
        suffix = "In" + "".join(z.replace("-", "") for z in zones) if zones else ""
        extra = [("availability-zone", zones)] if zones else []
        if selection.subnet_group_name is not None:
            ids = self._subnets(f"{selection.subnet_group_name}Subnets{suffix}",
                                ("tag:aws-cdk:subnet-name", [selection.subnet_group_name]), *extra)
        else:
            public = lambda: self._subnets(f"PublicSubnets{suffix}", ("map-public-ip-on-launch", ["true"]), *extra)  # noqa: E731
            private = lambda: self._subnets(f"PrivateSubnets{suffix}", ("map-public-ip-on-launch", ["false"]), *extra)  # noqa: E731
            if selection.subnet_type is SubnetType.PUBLIC:
                ids = public()
            elif selection.subnet_type is not None:
                ids = private()
            else:
                ids = Fn.coalescelist([private(), public()])   # the private ones, else the public ones
        ids = ids if isinstance(ids, list) else Token.as_list(ids)
        return SelectedSubnets(ids, [], selection.subnet_type is SubnetType.PUBLIC, True)

    def _route_table_ids(self, scope: Any, selections: list[Any] | None) -> list[str]:
        if "RouteTables" not in self._data:
            self._data["RouteTables"] = self._new_l1("RouteTables", "data_aws_route_tables", "DataAwsRouteTables",
                                                     vpc_id=self.vpc_id)
        return self._data["RouteTables"].ids  # type: ignore[no-any-return]


from .._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
