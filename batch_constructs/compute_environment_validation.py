"""Boundary checks of the compute environments: one named function per keyword or rule.

Every function raises :class:`~batch_constructs.ValidationError` naming the construct path,
the keyword (its Python spelling), what was expected and what was given, and returns the
normalized value. Type checks come from :mod:`batch_constructs._check`; the AWS rules kept
here keep AWS CDK's messages where AWS CDK has one. Checks that a later ``add_*`` call can
change run at synth (``_validate`` of the constructs), not here.
"""
from __future__ import annotations

import re
from typing import Any

from ._check import (check_bool, check_duration, check_enum, check_id, check_instance, check_int, check_list,
                     check_mapping, check_str, describe)
from ._errors import ValidationError, construct_path
from ._tokens import format_number, is_unresolved

__all__ = ["COMPUTE_ENVIRONMENT_ARN", "EKS_CLUSTER_ARN", "ROLE_ARN", "SG_ID", "check_instance_type_identifier",
           "check_protocol", "check_subnet_selection", "child_path", "security_group_description", "subnet_id",
           "subnet_selection_fields", "validate_ami_map", "validate_imported_launch_template",
           "validate_launch_template_props", "validate_placement_group_props", "validate_security_group_props",
           "validate_compute_environment_arn", "validate_construct_args", "validate_eks_cluster", "validate_flags",
           "validate_images", "validate_instance_class", "validate_instance_type", "validate_maxv_cpus",
           "validate_namespace", "validate_placement_group", "validate_role", "validate_security_groups",
           "validate_spot_config", "validate_update_timeout", "validate_vcpus", "validate_vpc"]

_PARTITION = r"arn:aws[a-z-]*"
#: ``arn:aws:iam::123456789012:role/path/name`` (IAM role names: ``[\w+=,.@-]``, paths ``/``).
ROLE_ARN = re.compile(_PARTITION + r":iam::\d{12}:role/[\w+=,.@/-]{1,576}")
#: ``arn:aws:eks:us-east-1:123456789012:cluster/name`` (EKS cluster names: 1-100 characters).
EKS_CLUSTER_ARN = re.compile(_PARTITION + r":eks:[a-z0-9-]+:\d{12}:cluster/[0-9A-Za-z][0-9A-Za-z_-]{0,99}")
#: ``arn:aws:batch:us-east-1:123456789012:compute-environment/name`` (Batch names: 1-128).
COMPUTE_ENVIRONMENT_ARN = re.compile(_PARTITION + r":batch:[a-z0-9-]+:\d{12}:compute-environment/"
                                                  r"[0-9A-Za-z][0-9A-Za-z_-]{0,127}")
_NAMESPACE = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
_PLACEMENT_GROUP_NAME = re.compile(r"[ -~]{1,255}")


# -- generic -------------------------------------------------------------------------------------

def check_protocol(scope: Any, keyword: str, value: Any, attributes: tuple[str, ...], expected: str, *,
                   required: bool = False) -> Any:
    """An object with every one of ``attributes`` (a duck-typed interface such as ``IVpc``);
    a plain value (string, number, list, dict) never is one."""
    if value is None and not required:
        return None
    if isinstance(value, (str, bytes, int, float, list, tuple, dict, set)) or \
            not all(hasattr(value, a) for a in attributes):
        check_instance(scope, keyword, value, (), expected, required=required)
    return value


def child_path(scope: Any, id: Any) -> str:
    """The construct path an import ``Cls.from_x(scope, id, ...)`` would have (it creates no
    construct): ``<scope path>/<id>``; ``id`` is checked as a construct id."""
    parent = construct_path(scope)
    check_id(parent, id)
    return f"{parent}/{id}" if parent else id


def validate_construct_args(scope: Any, id: Any) -> None:
    """``scope`` is a construct (a stack or a construct in one) and ``id`` a construct id."""
    from constructs import Construct

    check_instance(None, "scope", scope, Construct, "a construct (a TerraformStack or a construct in one)",
                   required=True)
    check_id(scope, id)


def validate_role(scope: Any, keyword: str, value: Any) -> Any:
    """A ``Role``, ``Role.from_role_arn(...)``, a role ARN or the provider's ``IamRole``."""
    from .iam import as_role

    if isinstance(value, str):
        check_str(scope, keyword, value, pattern=ROLE_ARN,
                  rule="an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)")
    try:
        return as_role(value, what=keyword, scope=scope)
    except ValidationError:
        raise ValidationError(scope, f"'{keyword}' must be a batch_constructs.iam.Role, Role.from_role_arn(...), "
                                     f"a role ARN or the provider's IamRole, got {describe(value)}") from None


# -- managed environments ---------------------------------------------------------------------------

def validate_vpc(scope: Any, id: str, vpc: Any) -> Any:
    """``vpc`` (required): an ``ec2.Vpc``, ``Vpc.from_attributes(...)`` or anything with
    ``select_subnets`` and ``vpc_id``."""
    if vpc is None:
        raise ValidationError(scope, f"{type(scope).__name__} '{id}' needs 'vpc' (a batch_constructs.ec2.Vpc "
                                     "or Vpc.from_attributes(...))")
    return check_protocol(scope, "vpc", vpc, ("select_subnets",),
                          "a batch_constructs.ec2.Vpc or Vpc.from_attributes(...)")


def validate_security_groups(scope: Any, value: Any) -> list[Any] | None:
    """``security_groups``: a list of security groups (ours, imported, the provider's L1) or
    ``sg-`` ids; ``None`` means "create one"."""
    from .ec2 import as_security_group

    return check_list(scope, "security_groups", value, lambda s, k, v: as_security_group(v, scope=s, keyword=k),
                      expected="a list of security groups or security group ids")


def validate_maxv_cpus(scope: Any, id: str, value: Any) -> Any:
    """``maxv_cpus``: a whole number from 1 to 2147483647 (default 256)."""
    maxv = check_int(scope, "maxv_cpus", 256 if value is None else value)
    if not is_unresolved(maxv) and maxv < 1:
        raise ValidationError(scope, f"Managed ComputeEnvironment '{id}' has 'maxvCpus' = {maxv}; "
                                     "it must be a positive whole number")
    return maxv


def validate_vcpus(scope: Any, id: str, minv_cpus: Any, maxv_cpus: Any) -> Any:
    """``minv_cpus``: a whole number from 0 to ``maxv_cpus`` (E11/E12; default 0)."""
    minv = check_int(scope, "minv_cpus", 0 if minv_cpus is None else minv_cpus)
    if not is_unresolved(minv) and minv < 0:
        raise ValidationError(scope, f"Managed ComputeEnvironment '{id}' has 'minvCpus' = "
                                     f"{format_number(minv)} < 0; 'minvCpus' cannot be less than zero")
    if not is_unresolved(minv) and not is_unresolved(maxv_cpus) and minv > maxv_cpus:
        raise ValidationError(scope, f"Managed ComputeEnvironment '{id}' has 'minvCpus' = "
                                     f"{format_number(minv)} > 'maxvCpus' = {format_number(maxv_cpus)}; "
                                     "'minvCpus' cannot be greater than 'maxvCpus'")
    return minv


def validate_spot_config(scope: Any, id: str, spot: bool, spot_bid_percentage: Any) -> Any:
    """``spot_bid_percentage``: a whole number from 0 to 100, with ``spot`` only (E07-E09;
    Q08: 0 is a value too)."""
    bid = check_int(scope, "spot_bid_percentage", spot_bid_percentage, maximum=None)
    if bid is None:
        return None
    if not spot:
        raise ValidationError(scope, f"Managed ComputeEnvironment '{id}' specifies 'spotBidPercentage' "
                                     "without specifying 'spot'")
    if not is_unresolved(bid):
        if bid > 100:
            raise ValidationError(scope, f"Managed ComputeEnvironment '{id}' specifies 'spotBidPercentage' > 100")
        if bid < 0:
            raise ValidationError(scope, f"Managed ComputeEnvironment '{id}' specifies 'spotBidPercentage' < 0")
    return bid


def validate_update_timeout(scope: Any, id: str, update_timeout: Any) -> Any:
    """``update_timeout``: a ``Duration`` of whole minutes, 1 to 360 (L17, C01); returns the
    minutes (``None`` when not given)."""
    timeout = check_duration(scope, "update_timeout", update_timeout)
    if timeout is None:
        return None
    try:
        minutes = timeout.to_minutes()
    except ValidationError as error:
        raise ValidationError(scope, f"'update_timeout' must be a whole number of minutes, got {timeout!r}: "
                                     f"{error.message}") from None
    if not is_unresolved(minutes) and not 1 <= minutes <= 360:
        raise ValidationError(scope, f"Managed ComputeEnvironment '{id}' specifies 'update_timeout' = "
                                     f"{format_number(minutes)} minutes; it must be between 1 and 360")
    return minutes


# -- managed EC2: instances, images, templates, placement ------------------------------------------------

def validate_instance_type(scope: Any, keyword: str, value: Any) -> Any:
    """An ``ec2.InstanceType``, ``OptimalInstanceType()`` or a type string (``"m5.large"``,
    ``"optimal"``); an ``InstanceClass`` or other object is refused."""
    from .ec2 import InstanceClass, InstanceType, check_instance_type_identifier
    from .managed_ec2_compute_environment import OptimalInstanceType

    if isinstance(value, InstanceType):
        return value
    if isinstance(value, InstanceClass):
        raise ValidationError(scope, f"'{keyword}' must be an ec2.InstanceType such as InstanceType('m5.large'), "
                                     f"got {describe(value)}; pass instance classes in instance_classes")
    check_instance(scope, keyword, value, str, "an ec2.InstanceType or an instance type string such as "
                                               "'m5.large'", required=True)
    if value == "optimal":
        return OptimalInstanceType()
    return InstanceType(check_instance_type_identifier(scope, keyword, value))


def validate_instance_class(scope: Any, keyword: str, value: Any) -> Any:
    """An ``ec2.InstanceClass`` or a family string (``"m5"``, also families newer than the
    enum); a ``DefaultInstanceClass``, an ``InstanceType`` or other object is refused."""
    from .ec2 import InstanceClass
    from .managed_ec2_compute_environment import DefaultInstanceClass

    if isinstance(value, InstanceClass):
        return value
    if isinstance(value, DefaultInstanceClass):
        raise ValidationError(scope, f"'{keyword}' must be an ec2.InstanceClass, got {describe(value)}; pass "
                                     "DefaultInstanceClass values in default_instance_classes")
    check_instance(scope, keyword, value, str, "an ec2.InstanceClass or an instance family string such as 'm5'",
                   required=True)
    if is_unresolved(value):
        return value
    try:
        return InstanceClass(value.lower())
    except ValueError:
        return check_str(scope, keyword, value, pattern=r"[a-z][a-z0-9-]*",
                         rule="an ec2.InstanceClass or an instance family such as 'm5'")


def validate_images(scope: Any, id: str, images: Any, image_class: type, image_types: type) -> list[Any] | None:
    """``images``: at most 2 ``EcsMachineImage``/``EksMachineImage`` entries (L15) whose
    ``image_type`` is of the environment's kind and whose ``image`` is an ``IMachineImage``."""
    images = check_list(scope, "images", images, expected=f"a list of {image_class.__name__}")
    if images is None:
        return None
    if len(images) > 2:
        raise ValidationError(scope, f"ComputeEnvironment '{id}' specifies {len(images)} images; "
                                     "at most 2 are allowed")
    for index, image in enumerate(images):
        keyword = f"images[{index}]"
        try:
            check_instance(scope, keyword, image, image_class, f"an {image_class.__name__}", required=True)
            check_enum(scope, f"{keyword}.image_type", image.image_type, image_types)
        except ValidationError as error:
            raise ValidationError(scope, f"{type(scope).__name__} '{id}' takes {image_class.__name__} images with "
                                         f"{image_types.__name__} types, got {image!r}: {error.message}") from None
        check_protocol(scope, f"{keyword}.image", image.image, ("get_image",),
                       "an ec2.IMachineImage such as MachineImage.generic_linux({...})")
    return images


def validate_placement_group(scope: Any, value: Any) -> Any:
    """``placement_group``: an ``ec2.PlacementGroup``, an import, a name or the provider's L1.

    Plain values of another kind are refused here; other objects reach AWS CDK's synth-time
    check (E16, "Provided placement group is not an instance of IPlacementGroup")."""
    if value is None or isinstance(value, str):
        return check_str(scope, "placement_group", value, pattern=_PLACEMENT_GROUP_NAME,
                         rule="a placement group name (1-255 ASCII characters)")
    if isinstance(value, (bytes, int, float, list, tuple, dict, set)):
        check_instance(scope, "placement_group", value, (), "an ec2.PlacementGroup, a placement group name or "
                                                            "the provider's PlacementGroup")
    name = getattr(value, "placement_group_name", None)
    if name is not None:
        check_str(scope, "placement_group.placement_group_name", name, pattern=_PLACEMENT_GROUP_NAME,
                  rule="a placement group name (1-255 ASCII characters)")
    return value


# -- EKS ------------------------------------------------------------------------------------------------

def validate_eks_cluster(scope: Any, id: str, cluster: Any) -> str:
    """``eks_cluster`` (required): the provider's ``EksCluster`` L1, an object with a
    ``cluster_arn``, or an EKS cluster ARN; returns the ARN."""
    def refuse(given: str) -> ValidationError:
        return ValidationError(scope, f"ManagedEc2EksComputeEnvironment '{id}' needs 'eks_cluster' as the "
                                      f"provider's EksCluster or a cluster ARN, got {given}")

    if getattr(cluster, "terraform_resource_type", None) == "aws_eks_cluster":
        return cluster.arn
    arn = cluster if isinstance(cluster, str) else getattr(cluster, "cluster_arn", None)
    if not isinstance(arn, str):
        raise refuse(describe(cluster))
    if not is_unresolved(arn) and not EKS_CLUSTER_ARN.fullmatch(arn):
        raise refuse(f"'{arn}'" if arn is cluster else f"{describe(cluster)} with cluster_arn '{arn}'")
    return arn


def validate_namespace(scope: Any, id: str, ns: Any) -> str:
    """``kubernetes_namespace`` (L11): required, not ``default`` or ``kube-*``, a DNS label of
    at most 63 characters."""
    if ns is None:
        raise ValidationError(scope, f"ManagedEc2EksComputeEnvironment '{id}' needs 'kubernetes_namespace'")
    check_str(scope, "kubernetes_namespace", ns)
    if is_unresolved(ns):
        return ns
    prefix = f"ManagedEc2EksComputeEnvironment '{id}' has invalid kubernetes_namespace '{ns}': "
    if ns == "default":
        raise ValidationError(scope, prefix + "'default' is not allowed")
    if ns.startswith("kube-"):
        raise ValidationError(scope, prefix + "it must not start with 'kube-'")
    if len(ns) > 63:
        raise ValidationError(scope, prefix + "it must be at most 63 characters")
    if not _NAMESPACE.match(ns):
        raise ValidationError(scope, prefix + "it must be lower-case letters, digits and hyphens, starting "
                                              "and ending with a letter or digit")
    return ns


# -- imports ----------------------------------------------------------------------------------------------

def validate_compute_environment_arn(path: str, keyword: str, arn: Any) -> str:
    """A compute environment ARN (``arn:aws:batch:<region>:<account>:compute-environment/<name>``)."""
    return check_str(path, keyword, arn, pattern=COMPUTE_ENVIRONMENT_ARN, required=True,
                     rule="a compute environment ARN (arn:aws:batch:<region>:<12-digit account>:"
                          "compute-environment/<name>)")


def validate_flags(scope: Any, **flags: Any) -> dict[str, bool | None]:
    """Boolean keywords (``spot=...``, ``enabled=...``): ``True``, ``False`` or ``None``."""
    return {keyword: check_bool(scope, keyword, value) for keyword, value in flags.items()}


# -- ec2 value objects and constructs --------------------------------------------------------------------
# (the ``ec2`` module's own checks live here too, keeping it small; ``ec2`` imports them)

_INSTANCE_TYPE = re.compile(r"^[a-z][a-z0-9-]*\.[a-z0-9]+$")
_SUBNET_ID = r"subnet-[0-9a-zA-Z]+"
#: EC2's characters for security group names and descriptions (at most 255 of them).
_SG_CHARS = r"a-zA-Z0-9. _\-:/()#,@\[\]+=&;{}!$*"
_SG_TEXT = re.compile(f"[{_SG_CHARS}]{{1,255}}")
_SG_NAME = re.compile(f"(?!sg-)[{_SG_CHARS}]{{1,255}}")
SG_ID = r"sg-[0-9a-zA-Z]+"
_LT_NAME = r"[a-zA-Z0-9().\-/_]{3,128}"
_LT_NAME_RULE = "a launch template name (3-128 letters, digits and ().-/_)"
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
    from .ec2 import SubnetType

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
    from .ec2 import SubnetSelection

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
        from ._base import path_hash
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
    from .ec2 import InstanceType

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
    from .ec2 import PlacementGroupStrategy

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
