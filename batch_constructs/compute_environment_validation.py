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

from ._check import (check_bool, check_duration, check_enum, check_instance, check_int, check_list, check_protocol,
                     check_str, describe)
from ._errors import ValidationError
from ._tokens import format_number, is_unresolved

__all__ = ["COMPUTE_ENVIRONMENT_ARN", "COMPUTE_ENVIRONMENT_ARN_RULE", "EKS_CLUSTER_ARN", "ROLE_ARN",
           "PRE_TURING_FAMILIES", "al2023_nvidia_problem", "latest_image_problem", "latest_image_update_problem",
           "placement_group_problem",
           "resolve_placement_group", "validate_eks_cluster", "validate_flags",
           "validate_images", "validate_instance_class", "validate_instance_type", "validate_maxv_cpus",
           "validate_namespace", "validate_placement_group", "validate_role", "validate_security_groups",
           "validate_spot_config", "validate_update_timeout", "validate_vcpus", "validate_vpc"]

_PARTITION = r"arn:aws[a-z-]*"
_PLACEMENT_GROUP_NAME = re.compile(r"[ -~]{1,255}")
#: ``arn:aws:iam::123456789012:role/path/name`` (IAM role names: ``[\w+=,.@-]``, paths ``/``).
ROLE_ARN = re.compile(_PARTITION + r":iam::\d{12}:role/[\w+=,.@/-]{1,576}")
#: ``arn:aws:eks:us-east-1:123456789012:cluster/name`` (EKS cluster names: 1-100 characters).
EKS_CLUSTER_ARN = re.compile(_PARTITION + r":eks:[a-z0-9-]+:\d{12}:cluster/[0-9A-Za-z][0-9A-Za-z_-]{0,99}")
#: ``arn:aws:batch:us-east-1:123456789012:compute-environment/name`` (Batch names: 1-128).
COMPUTE_ENVIRONMENT_ARN = re.compile(_PARTITION + r":batch:[a-z0-9-]+:\d{12}:compute-environment/"
                                                  r"[0-9A-Za-z][0-9A-Za-z_-]{0,127}")
COMPUTE_ENVIRONMENT_ARN_RULE = ("a compute environment ARN (arn:aws:batch:<region>:<12-digit account>:"
                                "compute-environment/<name>)")
_NAMESPACE = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")


# -- generic -------------------------------------------------------------------------------------

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
    from .managed_ec2_types import OptimalInstanceType

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
    from .managed_ec2_types import DefaultInstanceClass

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


#: NVIDIA GPU families older than Turing (Kepler p2, Maxwell g3/g3s, Volta p3/p3dn). AWS Batch's
#: ECS Amazon Linux 2023 GPU image ships only NVIDIA's open GPU kernel modules, which need Turing
#: or newer (AWS Batch API, Ec2Configuration: ECS_AL2023_NVIDIA does not support p3 and g3 instance
#: types; aws/amazon-ecs-ami#370). The EKS AL2023 NVIDIA image also ships the proprietary modules.
PRE_TURING_FAMILIES = frozenset({"p2", "p3", "p3dn", "g3", "g3s"})


def al2023_nvidia_problem(instance_types: list[str], entries: list[tuple[str, Any]]) -> str | None:
    """ECS only: an ``ECS_AL2023_NVIDIA`` entry without an own image (given or the GPU default)
    would serve a pre-Turing GPU type or class of ``instance_types``, and no ``ECS_AL2_NVIDIA``
    entry is there. ``entries``: (image type, own image or ``None``) of each entry in effect."""
    old = [name for name in instance_types if name.split(".", 1)[0].lower() in PRE_TURING_FAMILIES]
    types = {image_type for image_type, _ in entries}
    if not old or "ECS_AL2_NVIDIA" in types or \
            not any(t == "ECS_AL2023_NVIDIA" and image is None for t, image in entries):
        return None
    return (f"ECS_AL2023_NVIDIA does not support {old[0]} instances: AWS Batch's Amazon Linux 2023 GPU image "
            "drives only Turing or newer GPUs (not p2, p3, p3dn, g3, g3s). Use images=[EcsMachineImage("
            "image_type=EcsMachineImageType.ECS_AL2023), EcsMachineImage(image_type=EcsMachineImageType."
            "ECS_AL2_NVIDIA)] (ECS_AL2_NVIDIA serves the GPU instances), give the NVIDIA entry its own image, "
            "or choose a newer GPU family such as g4dn, g5 or p4d")


def latest_image_problem(image_type: str, architecture: Any) -> str:
    """``update_to_latest_image_version`` for an entry whose image type has no public SSM
    parameter on the environment's architecture (the ECS GPU images are x86_64 only)."""
    return (f"'update_to_latest_image_version': AWS publishes no latest-image SSM parameter for {image_type} on "
            f"{getattr(architecture, 'value', architecture)} instances; give that entry its own image or use another "
            "image type")


#: Strategies with which AWS Batch updates an environment's AMI in place (AWS Batch User Guide,
#: "Update a compute environment": also needs the service-linked role, no custom service role).
UPDATABLE_STRATEGIES = ("BEST_FIT_PROGRESSIVE", "SPOT_CAPACITY_OPTIMIZED", "SPOT_PRICE_CAPACITY_OPTIMIZED")


def latest_image_update_problem(strategy: str, service_role: Any, entries: list[tuple[str, Any]]) -> str | None:
    """``update_to_latest_image_version`` on an environment AWS cannot update (``BEST_FIT`` or a
    custom service role) with a second entry following the latest image: hashicorp/aws 5.100
    replaces such an environment only when the *first* entry's image changes (CustomizeDiff
    ForceNew on ``ec2_configuration.0``); a new second image is planned in place and AWS refuses it."""
    role_arn = getattr(service_role, "role_arn", None)
    linked = service_role is None or (isinstance(role_arn, str) and "aws-service-role/batch.amazonaws.com/" in role_arn)
    if (strategy in UPDATABLE_STRATEGIES and linked) or not any(image is None for _, image in entries[1:]):
        return None
    return ("'update_to_latest_image_version' with two image entries needs an environment AWS Batch can update in "
            f"place (allocation strategy {', '.join(UPDATABLE_STRATEGIES)} and the service-linked role, no "
            f"service_role), got {strategy}" + ("" if linked else " with a service_role") + ": a new image of the "
            "second entry would be planned as an update AWS refuses; give that entry its own image or change the "
            "strategy")


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


def resolve_placement_group(value: Any) -> Any:
    """The placement group name to render (``None``: none given, or E16)."""
    if value is None or isinstance(value, str):
        return value
    if getattr(value, "terraform_resource_type", None) == "aws_placement_group":
        return value.name
    return getattr(value, "placement_group_name", None)


def placement_group_problem(value: Any) -> str | None:
    """E16, AWS CDK's check of ``placement_group``: an object that is no placement group (no
    ``placement_group_name``, not the provider's L1), reported by the ``placement_group`` getter and
    at synth. Plain values are refused when given (``validate_placement_group``)."""
    if value is not None and resolve_placement_group(value) is None:
        return f"Provided placement group is not an instance of IPlacementGroup: {type(value).__name__}"
    return None


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


# -- flags ------------------------------------------------------------------------------------------------

def validate_flags(scope: Any, **flags: Any) -> dict[str, bool | None]:
    """Boolean keywords (``spot=...``, ``enabled=...``): ``True``, ``False`` or ``None``."""
    return {keyword: check_bool(scope, keyword, value) for keyword, value in flags.items()}


from ._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
