"""The ``ec2`` value objects' and constructs' own checks (EC2 API rules: instance type, subnet,
security group, launch template and placement group names; AMI maps)."""
from __future__ import annotations

import re
from typing import Any

from .._check import check_bool, check_enum, check_instance, check_int, check_list, check_mapping, check_protocol, check_str, describe
from .._errors import ValidationError
from .._naming import path_hash
from .._tokens import is_unresolved

_INSTANCE_TYPE = re.compile(r"^[a-z][a-z0-9-]*\.[a-z0-9]+$")
_SUBNET_ID = r"subnet-[0-9a-zA-Z]+"
#: EC2's characters for security group names and descriptions (at most 255 of them).
_SG_CHARS = r"a-zA-Z0-9. _\-:/()#,@\[\]+=&;{}!$*"
_SG_TEXT = re.compile(f"[{_SG_CHARS}]{{1,255}}")
_SG_NAME = re.compile(f"(?!sg-)[{_SG_CHARS}]{{1,255}}")
SG_ID = r"sg-[0-9a-zA-Z]+"
_LT_NAME = r"[a-zA-Z0-9().\-/_]{3,128}"
_LT_NAME_RULE = "a launch template name (3-128 letters, digits and ().-/_)"
_PLACEMENT_GROUP_NAME = re.compile(r"[ -~]{1,255}")
_PG_NAME_RULE = "a placement group name (1-255 ASCII characters)"


def check_instance_type_identifier(scope: Any, keyword: str | None, value: Any) -> str:
    """An instance type string (``"m5.large"``: ``<family>.<size>``) or a string token; with
    ``keyword=None`` (``InstanceType(...)`` itself) the message is AWS CDK-like, without a keyword."""
    check_str(scope, keyword or "instance_type_identifier", value, required=True,
              rule="an EC2 instance type string such as 'm5.large'")
    if not is_unresolved(value) and not _INSTANCE_TYPE.match(value):
        text = f"'{value}' is not an EC2 instance type such as 'm5.large'"
        raise ValidationError(scope, f"'{keyword}' must be an EC2 instance type (<family>.<size>): {text}"
                              if keyword else text)
    return value


def subnet_id(scope: Any, keyword: str, value: Any) -> str:
    """A subnet id (``subnet-...``) or a string token."""
    return check_str(scope, keyword, value, pattern=_SUBNET_ID, rule="a subnet id (subnet-...)", required=True)


def _subnet(scope: Any, keyword: str, value: Any) -> Any:
    if isinstance(value, str):
        return subnet_id(scope, keyword, value)
    if getattr(value, "terraform_resource_type", None) == "aws_subnet":
        return value
    return check_protocol(scope, keyword, value, ("subnet_id",), "a subnet id, an ISubnet or the provider's Subnet",
                          required=True)


def subnet_selection_fields(scope: Any, prefix: str, selection: Any) -> Any:
    """Checks a ``SubnetSelection``'s fields (at most one of them given); returns
    ``subnet_type`` as a ``SubnetType`` (its value or name accepted)."""
    from .networking import SubnetType

    subnet_type = check_enum(scope, f"{prefix}subnet_type", selection.subnet_type, SubnetType)
    check_list(scope, f"{prefix}subnets", selection.subnets, _subnet, expected="a list of subnets or subnet ids")
    check_list(scope, f"{prefix}subnet_ids", selection.subnet_ids, subnet_id, expected="a list of subnet ids")
    given = [f for f in ("subnet_type", "subnets", "subnet_ids") if getattr(selection, f) not in (None, [], ())]
    if len(given) > 1:
        raise ValidationError(scope, f"'{prefix.rstrip('.') or 'SubnetSelection'}' takes only one of subnet_type, "
                                     f"subnets or subnet_ids, got {' and '.join(given)}")
    return subnet_type


def check_subnet_selection(scope: Any, keyword: str, selection: Any) -> Any:
    """``keyword`` (``vpc_subnets``): ``None`` or a ``SubnetSelection`` (checked again: the
    dataclass is mutable)."""
    from .networking import SubnetSelection

    check_instance(scope, keyword, selection, SubnetSelection, "an ec2.SubnetSelection")
    if selection is not None:
        subnet_selection_fields(scope, f"{keyword}.", selection)
    return selection


def security_group_description(path: str) -> str:
    """The default description, the construct path, made valid for EC2: characters EC2 refuses
    (and ``$``, which Terraform could read as a template) become ``_``, and a path longer than
    255 characters is cut, ending in a hash of the whole path. Valid paths are kept as they are."""
    text = re.sub(r"[^a-zA-Z0-9. _\-:/()#,@\[\]+=&;{}!*]", "_", path)
    if len(text) > 255:
        text = text[:246] + "-" + path_hash(path)
    return text


def validate_security_group_props(scope: Any, vpc: Any, description: Any, allow_all_outbound: Any,
                                  security_group_name: Any) -> bool:
    """``SecurityGroup`` keywords; returns ``allow_all_outbound`` (``None`` means ``True``)."""
    check_protocol(scope, "vpc", vpc, ("vpc_id",), "a batch_constructs.ec2.Vpc or Vpc.from_attributes(...)",
                   required=True)
    check_str(scope, "description", description, pattern=_SG_TEXT,
              rule="a description of 1-255 letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*")
    check_str(scope, "security_group_name", security_group_name, pattern=_SG_NAME,
              rule="a name of 1-255 letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*, not starting with 'sg-'")
    return check_bool(scope, "allow_all_outbound", allow_all_outbound) is not False


def validate_launch_template_props(scope: Any, name: Any, user_data: Any, machine_image: Any,
                                   instance_type: Any) -> None:
    """``LaunchTemplate`` keywords (user data: at most 16 KB, EC2's limit)."""
    from .instances import InstanceType

    check_str(scope, "launch_template_name", name, pattern=_LT_NAME, rule=_LT_NAME_RULE)
    check_str(scope, "user_data", user_data, max_length=16384)
    check_protocol(scope, "machine_image", machine_image, ("get_image",),
                   "an ec2.IMachineImage such as MachineImage.generic_linux({...})")
    if not isinstance(instance_type, (InstanceType, type(None))):
        check_instance_type_identifier(scope, "instance_type", instance_type)


def validate_imported_launch_template(scope: Any, template_id: Any, name: Any, version: Any) -> tuple[Any, Any, Any]:
    """Exactly one of ``launch_template_id``/``launch_template_name``; ``version_number`` a
    number from 1, ``$Latest`` or ``$Default``. Returns the three (the version as a string)."""
    if (template_id is None) == (name is None):
        given = "neither" if template_id is None else "both"
        raise ValidationError(scope, "a launch template needs exactly one of launch_template_id or "
                                     f"launch_template_name, got {given}")
    check_str(scope, "launch_template_id", template_id, pattern=r"lt-[0-9a-zA-Z]+",
              rule="a launch template id (lt-...)")
    check_str(scope, "launch_template_name", name, pattern=_LT_NAME, rule=_LT_NAME_RULE)
    if not isinstance(version, str):
        version = check_int(scope, "version_number", version, minimum=1)
    if version is not None:
        version = check_str(scope, "version_number", str(version), pattern=r"\$Latest|\$Default|[1-9][0-9]*",
                            rule="a launch template version: a number from 1, '$Latest' or '$Default'")
    return template_id, name, version


def validate_placement_group_props(scope: Any, name: Any, strategy: Any, partitions: Any, *,
                                   required: bool = False) -> tuple[Any, Any, Any]:
    """``PlacementGroup`` keywords: ``partitions`` (1-7) only with ``PARTITION``. Returns
    ``(strategy, partitions, name)``."""
    from .launch_templates import PlacementGroupStrategy

    check_str(scope, "placement_group_name", name, pattern=_PLACEMENT_GROUP_NAME, rule=_PG_NAME_RULE,
              required=required)
    strategy = check_enum(scope, "strategy", strategy, PlacementGroupStrategy)
    partitions = check_int(scope, "partitions", partitions, minimum=1, maximum=7)
    if partitions is not None and strategy is not PlacementGroupStrategy.PARTITION:
        raise ValidationError(scope, "'partitions' is only valid with PlacementGroupStrategy.PARTITION, got "
                                     f"strategy {describe(strategy)} and partitions {partitions}")
    return strategy, partitions, name


def validate_ami_map(ami_map: Any) -> None:
    """``MachineImage.generic_linux(ami_map)``: at least one ``region → ami-...`` entry."""
    check_mapping(None, "ami_map", ami_map, required=True)
    if not ami_map:
        raise ValidationError(None, "MachineImage.generic_linux() needs at least one region → AMI entry in "
                                    "'ami_map', got {}")
    for region, ami in ami_map.items():
        check_str(None, "ami_map region", region, pattern=r"[a-z]{2}(-[a-z]+)+-\d+",
                  rule="a region such as 'us-east-1'")
        check_str(None, f"ami_map[{region!r}]", ami, pattern=r"ami-[0-9a-zA-Z]+", rule="an AMI id (ami-...)")
