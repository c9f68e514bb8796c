"""Managed EC2 compute environments: what ECS and EKS share (``ManagedEc2ComputeEnvironmentBase``)
and ``ManagedEc2EcsComputeEnvironment`` (``aws_cdk.aws_batch`` names). The EKS variant is in
``managed_ec2_eks_compute_environment``, the enums and image types in ``managed_ec2_types``.

What they emit (see ``docs/compute-environments.md``):

* ``aws_batch_compute_environment`` (``type = "MANAGED"``) with ``lifecycle.create_before_destroy``,
  a generated ``name_prefix`` unless a name is given, ``depends_on`` every IAM policy attachment it
  uses and the instance profile, an explicit ``ec2_configuration``, never ``desired_vcpus``;
* default ``ec2_configuration``: the standard image type and/or its NVIDIA type (x86_64 NVIDIA GPU
  families); ``update_to_latest_image_version``: a ``data "aws_ssm_parameter"`` per entry;
* a security group (unless ``security_groups`` is given), an instance role (unless
  ``instance_role`` is given) and always an instance profile, whose ARN is the environment's
  ``instance_role``;
* a spot fleet role with ``AmazonEC2SpotFleetTaggingRole`` only for spot with ``BEST_FIT`` (ECS).
"""
from __future__ import annotations

from typing import Any, Sequence

from ._check import check_enum, check_list
from ._errors import ValidationError, warn
from .compute_environment_base import ImportedManagedEc2EcsComputeEnvironment
from .compute_environment_validation import (al2023_nvidia_problem, latest_image_problem,
                                             latest_image_update_problem, placement_group_problem,
                                             resolve_placement_group, validate_flags, validate_images,
                                             validate_instance_class, validate_instance_type,
                                             validate_placement_group, validate_role, validate_spot_config,
                                             validate_update_timeout, validate_vcpus)
from .core import Duration, tags_of
from .ec2 import (InstanceArchitecture, InstanceClass, InstanceType, SubnetSelection,
                  as_launch_template, family_architecture)
from .iam import ManagedPolicy, Role, ServicePrincipal
from .managed_compute_environment import ManagedComputeEnvironmentBase
from .managed_ec2_types import (AL2023_CONTEXT_KEY, AllocationStrategy, DefaultInstanceClass, EcsMachineImage,
                                EcsMachineImageType, default_image_types, latest_image_parameter)

__all__ = ["ImportedManagedEc2EcsComputeEnvironment", "ManagedEc2ComputeEnvironmentBase",
           "ManagedEc2EcsComputeEnvironment"]


def _default_class(scope: Any, keyword: str, value: Any) -> "DefaultInstanceClass":
    return check_enum(scope, keyword, value, DefaultInstanceClass, required=True)


def _architecture(value: Any) -> InstanceArchitecture:
    if isinstance(value, (InstanceType, InstanceClass, DefaultInstanceClass)):
        return value.architecture
    return family_architecture(str(value))


class ManagedEc2ComputeEnvironmentBase(ManagedComputeEnvironmentBase):
    """What the ECS and EKS managed EC2 environments share (see their docstrings)."""

    compute_type_family = "EC2"
    _ECS_LIKE = True
    _IMAGE_CLASS: type = EcsMachineImage
    _IMAGE_TYPES: type = EcsMachineImageType
    #: E01, AWS CDK's message (the ECS variant adds a sentence)
    _E01 = "cannot use `defaultInstanceClasses` with `useOptimalInstanceClasses`."

    def _init_ec2(self, id: str, *, instance_types: Sequence[Any] | None,
                  instance_classes: Sequence[Any] | None,
                  default_instance_classes: Sequence[DefaultInstanceClass] | None,
                  use_optimal_instance_classes: bool | None, images: Sequence[Any] | None,
                  allocation_strategy: AllocationStrategy | None, spot_bid_percentage: float | None,
                  spot_fleet_role: Any, instance_role: Any, launch_template: Any,
                  minv_cpus: int | None, placement_group: Any) -> None:
        self.use_optimal_instance_classes = validate_flags(
            self, use_optimal_instance_classes=use_optimal_instance_classes)["use_optimal_instance_classes"]
        self.instance_types: list[InstanceType] = check_list(
            self, "instance_types", instance_types, validate_instance_type, expected="a list of ec2.InstanceType") or []
        self.instance_classes: list[Any] = check_list(
            self, "instance_classes", instance_classes, validate_instance_class,
            expected="a list of ec2.InstanceClass") or []
        self.default_instance_classes: list[DefaultInstanceClass] = check_list(
            self, "default_instance_classes", default_instance_classes, _default_class,
            expected="a list of DefaultInstanceClass") or []
        # E01/E02 (an empty default_instance_classes list counts as not given: Q06)
        if self.default_instance_classes and self.use_optimal_instance_classes:
            raise ValidationError(self, self._E01)
        self._optimal_warned = False
        self._init_strategy(id, allocation_strategy)
        self.images = validate_images(self, id, images, self._IMAGE_CLASS, self._IMAGE_TYPES)
        self._check_a1(id)
        self._init_instance_role(instance_role)
        self.minv_cpus = validate_vcpus(self, id, minv_cpus, self.maxv_cpus)
        self.spot_bid_percentage = validate_spot_config(self, id, self.spot, spot_bid_percentage)
        self._init_spot_fleet_role(id, spot_fleet_role)
        self._update_timeout_minutes = validate_update_timeout(self, id, self.update_timeout)
        self.launch_template = as_launch_template(launch_template, scope=self)
        self._check_launch_template(id)
        self._check_latest_image(id)
        self._placement_group_given = validate_placement_group(self, placement_group)

    def _init_strategy(self, id: str, allocation_strategy: Any) -> None:
        """E04/E05 (spot strategies need spot), then the kind's own rule (E06 for EKS)."""
        strategy = check_enum(self, "allocation_strategy", allocation_strategy, AllocationStrategy) or (
            AllocationStrategy.SPOT_PRICE_CAPACITY_OPTIMIZED if self.spot else AllocationStrategy.BEST_FIT_PROGRESSIVE)
        if strategy in (AllocationStrategy.SPOT_PRICE_CAPACITY_OPTIMIZED,
                        AllocationStrategy.SPOT_CAPACITY_OPTIMIZED) and not self.spot:
            raise ValidationError(self, f"Managed ComputeEnvironment '{id}' specifies "
                                        f"'AllocationStrategy.{strategy.value}' without using spot instances")
        self.allocation_strategy = strategy
        self._check_strategy(id)

    def _init_instance_role(self, instance_role: Any) -> None:
        """The given instance role (or a created one) and, always, its instance profile."""
        if instance_role is None:
            self.instance_role = Role(self, "InstanceProfileRole",
                                      assumed_by=ServicePrincipal("ec2.amazonaws.com"),
                                      managed_policies=[ManagedPolicy.from_aws_managed_policy_name(p)
                                                        for p in self._INSTANCE_POLICIES])
        else:
            self.instance_role = validate_role(self, "instance_role", instance_role)
        self.instance_profile = self._new_l1("InstanceProfile", "iam_instance_profile", "IamInstanceProfile",
                                             role=self._role_name(self.instance_role),
                                             lifecycle={"create_before_destroy": True})
        self._depends_on.extend(getattr(self.instance_role, "policy_attachments", []))
        self._depends_on.append(self.instance_profile)

    @property
    def _a1_requested(self) -> bool:
        """An ``a1`` instance type or class is among ``instance_types``/``instance_classes``."""
        return any(t.family == "a1" for t in self.instance_types) or \
            any(str(c) == "a1" for c in self.instance_classes)

    # -- hooks -----------------------------------------------------------------------------------
    _INSTANCE_POLICIES: tuple[str, ...] = ("service-role/AmazonEC2ContainerServiceforEC2Role",)

    def _check_strategy(self, id: str) -> None:
        pass

    def _check_a1(self, id: str) -> None:
        pass

    def _init_spot_fleet_role(self, id: str, spot_fleet_role: Any) -> None:
        self.spot_fleet_role = None

    def _al2023_default(self) -> bool:
        found = self.__dict__.get("_bc_al2023")  # context is fixed once a construct has children
        if found is None:
            value = self.node.try_get_context(AL2023_CONTEXT_KEY)
            found = self.__dict__["_bc_al2023"] = not (value is False or (
                isinstance(value, str) and value.lower() == "false"))
        return found

    def _default_image_type(self) -> Any:
        raise NotImplementedError

    # -- checks ----------------------------------------------------------------------------------
    def _check_launch_template(self, id: str) -> None:
        lt = self.launch_template
        if lt is None:
            return
        version = self._launch_template_version()
        if version is None or version in ("$Latest", "$Default"):
            warn(self, f"launch template version '{version or '$Default'}' is resolved only when the "
                       "ComputeEnvironment is created")

    def _launch_template_ami(self) -> bool | None:
        """Whether the launch template sets an AMI (``None``: an import, unknown)."""
        lt = self.launch_template
        if lt is None:
            return False
        resource = getattr(lt, "resource", None)
        if resource is None:
            return None
        return any(getattr(lt, a, None) is not None for a in ("machine_image", "image_id")) or \
            bool(getattr(resource, "image_id_input", None))

    def _check_latest_image(self, id: str) -> None:
        ami = self._launch_template_ami() if self.update_to_latest_image_version else False
        if ami is not False:
            warn(self, f"update_to_latest_image_version of '{id}': " + (
                "no effect, the launch template's AMI wins" if ami else "an AMI in the imported launch template is "
                "overridden by the latest image (Batch prefers ec2_configuration's image_id_override)"))

    def _role_name(self, role: Any) -> str:
        name = getattr(role, "role_name", None)
        if name:
            return name
        from ._core import cdk
        core = cdk()
        Fn, Token = core.Fn, core.Token
        return Token.as_string(Fn.element(Fn.reverse(Fn.split("/", role.role_arn)), 0))

    # -- instance types ------------------------------------------------------------------------------
    def add_instance_type(self, instance_type: Any) -> None:
        """Add an instance type (rendered at synth, before the classes)."""
        self.instance_types.append(validate_instance_type(self, "instance_type", instance_type))

    def add_instance_class(self, instance_class: Any) -> None:
        """Add an instance class (rendered at synth, after the types)."""
        self.instance_classes.append(validate_instance_class(self, "instance_class", instance_class))

    def _explicit(self) -> list[tuple[str, str, InstanceArchitecture]]:
        out = [("type", str(t), _architecture(t)) for t in self.instance_types]
        out += [("class", str(c), _architecture(c)) for c in self.instance_classes]
        out += [("class", str(c), c.architecture) for c in self.default_instance_classes]
        return out

    def _architecture_problem(self) -> str | None:
        explicit = self._explicit()
        for index, (kind_b, name_b, arch_b) in enumerate(explicit):
            for kind_a, name_a, arch_a in explicit[:index]:
                if arch_a != arch_b:
                    return (f"Cannot add instance {kind_b} {name_b} with architecture {arch_b.value}. It conflicts "
                            f"with existing instance {kind_a} {name_a} with architecture {arch_a.value}.")
        arm = [name for _, name, arch in explicit if arch is InstanceArchitecture.ARM_64]
        if arm and not self.default_instance_classes and self.use_optimal_instance_classes:
            return (f"'optimal' instance types are not supported with ARM instance types or classes: {arm[0]} is "
                    "arm64 and 'optimal' is x86_64. Set use_optimal_instance_classes to False")
        return None

    def _uses_optimal(self) -> bool:
        if self.default_instance_classes or self.use_optimal_instance_classes is False:
            return False
        explicit = self._explicit()
        if explicit and all(a is InstanceArchitecture.ARM_64 for _, _, a in explicit) and \
                self.use_optimal_instance_classes is None:
            if not self._optimal_warned:
                self._optimal_warned = True
                warn(self, "'optimal' is left out: every instance type and class is arm64 and 'optimal' is "
                           "x86_64. Use DefaultInstanceClass.ARM64 or set use_optimal_instance_classes=False")
            return False
        return True

    def _instance_type_list(self) -> list[str]:
        out = [str(t) for t in self.instance_types] + [str(c) for c in self.instance_classes]
        if self.default_instance_classes:
            out += [c.value for c in self.default_instance_classes]
        elif self._uses_optimal():
            out.append("optimal")
        return list(dict.fromkeys(out))

    @property
    def architecture(self) -> InstanceArchitecture | None:  # type: ignore[override]
        archs = {a for _, _, a in self._explicit()}
        if not archs:
            return InstanceArchitecture.X86_64 if self.use_optimal_instance_classes is not False else None
        return archs.pop() if len(archs) == 1 else None

    @property
    def placement_group(self) -> Any:
        """The ``placement_group`` given; raises E16 (as AWS CDK's getter) when it is no placement group."""
        problem = placement_group_problem(self._placement_group_given)
        if problem:
            raise ValidationError(self, problem)
        return self._placement_group_given

    def _validate(self) -> list[str]:
        problems: list[str] = []
        placement = placement_group_problem(self._placement_group_given)
        if placement:
            problems.append(placement)
        if not self.instance_types and not self.instance_classes and not self.default_instance_classes and \
                self.use_optimal_instance_classes is False:
            problems.append("'defaultInstanceClasses' undefined without specifying any instance types or classes")
        arch = self._architecture_problem()
        if arch:
            problems.append(arch)
        return problems + self._image_problems()

    def _image_problems(self) -> list[str]:
        entries, arch = self._entries_in_effect(), self._image_architecture()
        problems = [al2023_nvidia_problem(self._instance_type_list(), entries)] if self.orchestration == "ECS" else []
        if self._uses_latest_image():
            problems += [latest_image_problem(t, arch) for t, image in entries
                         if image is None and latest_image_parameter(t, arch, "") is None]
            problems.append(latest_image_update_problem(self.allocation_strategy.value, self.service_role, entries))
        return [p for p in problems if p]

    # -- rendering -------------------------------------------------------------------------------
    def _launch_template_version(self) -> str | None:
        lt = self.launch_template
        if lt is None:
            return None
        version = getattr(lt, "version_number", None)
        if version is None:
            version = getattr(lt, "latest_version_number", None)
        return version

    def _entries_in_effect(self) -> list[tuple[str, Any]]:
        """(image type, own ``IMachineImage`` or ``None``) of each ``ec2_configuration`` entry."""
        if self.images is None:
            return [(t.value, None) for t in default_image_types(self._default_image_type(),
                                                                 self._instance_type_list())]
        return [(str(i.image_type or self._default_image_type()), i.image) for i in self.images]

    def _uses_latest_image(self) -> bool:
        return bool(self.update_to_latest_image_version) and self._launch_template_ami() is not True

    def _image_architecture(self) -> InstanceArchitecture:
        return self.architecture or InstanceArchitecture.X86_64

    def _latest_image_id(self, image_type: str) -> str | None:
        """``update_to_latest_image_version``: the AMI id of a ``data "aws_ssm_parameter"`` (child
        ``LatestImage<TYPE>``) reading the type's public latest-AMI parameter at every plan."""
        parameter = latest_image_parameter(image_type, self._image_architecture(), self._kubernetes_version())
        if parameter is None:
            return None  # reported by _validate
        id = f"LatestImage{image_type}"
        data = self.node.try_find_child(id) or self._new_l1(id, "data_aws_ssm_parameter", "DataAwsSsmParameter",
                                                            name=parameter)
        return data.insecure_value

    def _kubernetes_version(self) -> str | None:
        return None

    def _image_entries(self) -> list[dict[str, Any]]:
        latest = self._uses_latest_image()
        entries = []
        for image_type, image in self._entries_in_effect():
            entry: dict[str, Any] = {"image_type": image_type}
            image_id = image.get_image(self).image_id if image is not None else \
                self._latest_image_id(image_type) if latest else None
            if image_id is not None:
                entry["image_id_override"] = image_id
            entries.append(entry)
        return entries

    def _render_specific(self) -> dict[str, Any]:
        resources: dict[str, Any] = {
            "type": "SPOT" if self.spot else "EC2",
            "allocation_strategy": self.allocation_strategy.value,
            "max_vcpus": self.maxv_cpus,
            "min_vcpus": self.minv_cpus,
            "instance_type": self._instance_type_list(),
            "instance_role": self.instance_profile.arn,
            **self._network(),
            "ec2_configuration": self._image_entries(),
        }
        if self.spot and self.spot_bid_percentage is not None:
            resources["bid_percentage"] = self.spot_bid_percentage
        if self.spot_fleet_role is not None and self._uses_spot_fleet_role():
            resources["spot_iam_fleet_role"] = self.spot_fleet_role.role_arn
        lt = self.launch_template
        if lt is not None:
            spec: dict[str, Any] = {}
            if getattr(lt, "launch_template_id", None):
                spec["launch_template_id"] = lt.launch_template_id
            else:
                spec["launch_template_name"] = lt.launch_template_name
            version = self._launch_template_version()
            if version is not None:
                spec["version"] = version
            resources["launch_template"] = spec
        group = resolve_placement_group(self._placement_group_given)
        if group is not None:
            resources["placement_group"] = group
        instance_tags = tags_of(self, own_only=True, launched_only=True)
        if instance_tags:
            resources["tags"] = instance_tags
        out: dict[str, Any] = {"compute_resources": resources}
        if self.update_timeout is not None or self.terminate_on_update is not None:
            out["update_policy"] = {
                "job_execution_timeout_minutes": 30 if self._update_timeout_minutes is None
                else self._update_timeout_minutes,
                "terminate_jobs_on_update": bool(self.terminate_on_update)}
        out.update(self._render_extra())
        return out

    def _render_extra(self) -> dict[str, Any]:
        return {}

    def _uses_spot_fleet_role(self) -> bool:
        return self.spot and self.allocation_strategy is AllocationStrategy.BEST_FIT


class ManagedEc2EcsComputeEnvironment(ManagedEc2ComputeEnvironmentBase):
    """A managed EC2 (or Spot, ``spot=True``) compute environment for ECS jobs.

    :param vpc: required. :param vpc_subnets: default: the private subnets.
    :param security_groups: default: one created (all outbound). ``[]``: none.
    :param maxv_cpus: default 256. :param minv_cpus: default 0.
    :param spot: default ``False``. :param spot_bid_percentage: default none (Batch: 100 %).
    :param spot_fleet_role: used only for spot with ``BEST_FIT``; default there: a created role
        with ``AmazonEC2SpotFleetTaggingRole``.
    :param allocation_strategy: default ``BEST_FIT_PROGRESSIVE``, ``SPOT_PRICE_CAPACITY_OPTIMIZED``
        with spot.
    :param instance_types, instance_classes: default none; ``add_instance_type``/``add_instance_class``
        add more. :param use_optimal_instance_classes: default: ``optimal`` is added (unless
        ``default_instance_classes`` is given or every type/class is arm64).
    :param default_instance_classes: ``DefaultInstanceClass`` values added instead of ``optimal``.
    :param images: ``EcsMachineImage`` entries (≤ 2), used as given; default one ``ECS_AL2023``
        entry, ``ECS_AL2023_NVIDIA`` instead for x86_64 NVIDIA GPU families (g4dn, g5, g6, p4d, ...)
        and both for mixed selections (``optimal`` counts as non-GPU); p2/p3/g3 need
        ``ECS_AL2_NVIDIA`` (error otherwise).
    :param instance_role: default: a created role with ``AmazonEC2ContainerServiceforEC2Role``; an
        instance profile is always created and its ARN used.
    :param launch_template: ``ec2.LaunchTemplate`` (pinned to its latest version), an import or the
        provider's ``LaunchTemplate`` L1. Default none.
    :param placement_group: ``ec2.PlacementGroup``, a name, or the provider's L1. Default none.
    :param update_timeout, terminate_on_update: emit ``update_policy`` (both fields) when one is set.
    :param replace_compute_environment: accepted, ignored (Terraform replaces via
        ``create_before_destroy``).
    :param update_to_latest_image_version: default off. ``True``: entries without their own image
        take the latest AMI of their image type from AWS's public SSM parameter at every plan (an
        in-place update on updatable environments, else a replacement, created before the old one
        is destroyed). A launch template that sets an AMI wins (nothing is overridden).
    :param service_role: default none (Batch's service-linked role).
    :param enabled: default ``True``. :param compute_environment_name: default: a name prefix.
    """

    #: AWS CDK's id of this class for property injection (``core.PropertyInjectors``).
    PROPERTY_INJECTION_ID = "aws-cdk-lib.aws-batch.ManagedEc2EcsComputeEnvironment"

    _KIND = "ecs-ec2"
    orchestration = "ECS"
    _E01 = ("cannot use `defaultInstanceClasses` with `useOptimalInstanceClasses`. "
            "Please remove deprecated `useOptimalInstanceClasses`")

    def __init__(self, scope: Any, id: str, *, vpc: Any, instance_types: Sequence[Any] | None = None,
                 instance_classes: Sequence[Any] | None = None,
                 default_instance_classes: Sequence[DefaultInstanceClass] | None = None,
                 use_optimal_instance_classes: bool | None = None,
                 images: Sequence[EcsMachineImage] | None = None,
                 allocation_strategy: AllocationStrategy | None = None,
                 spot_bid_percentage: float | None = None, spot_fleet_role: Any = None,
                 instance_role: Any = None, launch_template: Any = None, minv_cpus: int | None = None,
                 placement_group: Any = None, vpc_subnets: SubnetSelection | None = None,
                 security_groups: Sequence[Any] | None = None, maxv_cpus: int | None = None,
                 spot: bool | None = None, update_timeout: Duration | None = None,
                 terminate_on_update: bool | None = None, replace_compute_environment: bool | None = None,
                 update_to_latest_image_version: bool | None = None,
                 compute_environment_name: str | None = None, service_role: Any = None,
                 enabled: bool | None = None) -> None:
        super().__init__(scope, id, vpc=vpc, vpc_subnets=vpc_subnets, security_groups=security_groups,
                         maxv_cpus=maxv_cpus, spot=spot, update_timeout=update_timeout,
                         terminate_on_update=terminate_on_update,
                         replace_compute_environment=replace_compute_environment,
                         update_to_latest_image_version=update_to_latest_image_version,
                         compute_environment_name=compute_environment_name, service_role=service_role,
                         enabled=enabled)
        self._init_ec2(id, instance_types=instance_types, instance_classes=instance_classes,
                       default_instance_classes=default_instance_classes,
                       use_optimal_instance_classes=use_optimal_instance_classes, images=images,
                       allocation_strategy=allocation_strategy, spot_bid_percentage=spot_bid_percentage,
                       spot_fleet_role=spot_fleet_role, instance_role=instance_role,
                       launch_template=launch_template, minv_cpus=minv_cpus, placement_group=placement_group)
        self._create_resource()

    def _default_image_type(self) -> EcsMachineImageType:
        return EcsMachineImageType.ECS_AL2023 if self._al2023_default() else EcsMachineImageType.ECS_AL2

    def _check_a1(self, id: str) -> None:
        if not self._a1_requested:
            return
        al2023 = (EcsMachineImageType.ECS_AL2023, EcsMachineImageType.ECS_AL2023_NVIDIA)
        if self.images:
            in_effect = any(EcsMachineImageType(str(i.image_type or self._default_image_type())) in al2023
                            for i in self.images)
        else:
            in_effect = self._al2023_default()
        if in_effect:
            raise ValidationError(self, "Amazon Linux 2023 does not support A1 instances. To use A1 instances, "
                                        "explicitly set imageType to ECS_AL2 or disable the "
                                        "@aws-cdk/aws-batch:defaultToAL2023 feature flag.")

    def _init_spot_fleet_role(self, id: str, spot_fleet_role: Any) -> None:
        spot_fleet_role = validate_role(self, "spot_fleet_role", spot_fleet_role)
        if spot_fleet_role is not None and not self.spot:
            raise ValidationError(self, f"Managed ComputeEnvironment '{id}' specifies 'spotFleetRole' without "
                                        "specifying 'spot'")
        if spot_fleet_role is not None:
            self.spot_fleet_role = spot_fleet_role
            if not self._uses_spot_fleet_role():
                warn(self, f"spot_fleet_role of '{id}' is not used: Batch uses a spot fleet role only with "
                           "AllocationStrategy.BEST_FIT")
            elif isinstance(self.spot_fleet_role, Role) and not any(
                    "AmazonEC2SpotFleetTaggingRole" in str(getattr(a, "policy_arn_input", "") or "")
                    for a in self.spot_fleet_role.policy_attachments):
                warn(self, f"spot_fleet_role of '{id}' should carry the AWS managed policy "
                           "service-role/AmazonEC2SpotFleetTaggingRole")
        elif self._uses_spot_fleet_role():
            self.spot_fleet_role = Role(
                self, "SpotFleetRole", assumed_by=ServicePrincipal("spotfleet.amazonaws.com"),
                managed_policies=[ManagedPolicy.from_aws_managed_policy_name(
                    "service-role/AmazonEC2SpotFleetTaggingRole")])
        else:
            self.spot_fleet_role = None
        if self.spot_fleet_role is not None and self._uses_spot_fleet_role():
            self._depends_on.extend(getattr(self.spot_fleet_role, "policy_attachments", []))

    @classmethod
    def from_managed_ec2_ecs_compute_environment_arn(
            cls, scope: Any, id: str, managed_ec2_ecs_compute_environment_arn: str
    ) -> "ImportedManagedEc2EcsComputeEnvironment":
        """An existing ECS EC2 environment by ARN: creates nothing; ``add_*`` raise."""
        return ImportedManagedEc2EcsComputeEnvironment(scope, id, managed_ec2_ecs_compute_environment_arn)



from ._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
