"""Managed EC2 compute environments (ECS and EKS): spot fleet and instance roles, instance types and
classes, images, allocation strategy, spot and vCPU checks, launch templates, placement groups and
EKS: emission and every check."""
from __future__ import annotations

import warnings
from typing import Any

import pytest

from batch_constructs import (AllocationStrategy, DefaultInstanceClass, EcsMachineImage, EcsMachineImageType,
                              EksMachineImage, EksMachineImageType, ManagedEc2EksComputeEnvironment,
                              OptimalInstanceType, ValidationError)
from batch_constructs._errors import BatchConstructsWarning
from batch_constructs._runtime import provider_class
from batch_constructs.ec2 import (InstanceArchitecture, InstanceClass, InstanceSize, InstanceType, LaunchTemplate,
                                  MachineImage, PlacementGroup)
from batch_constructs.iam import ManagedPolicy, Role, ServicePrincipal
from batch_constructs.testing import Match, Template

from ._helpers import ecs, only_ce, raises

CLUSTER_ARN = "arn:aws:eks:us-east-1:123456789012:cluster/demo"
ARM = InstanceArchitecture.ARM_64
X86 = InstanceArchitecture.X86_64


def eks(stack: Any, vpc: Any, id: str = "EksCE", **kwargs: Any) -> ManagedEc2EksComputeEnvironment:
    kwargs.setdefault("eks_cluster", CLUSTER_ARN)
    kwargs.setdefault("kubernetes_namespace", "batch")
    return ManagedEc2EksComputeEnvironment(stack, id, vpc=vpc, **kwargs)


# -- spot fleet role and instance role -------------------------------------------------------------

def test_spot_defaults_to_price_capacity_optimized_without_fleet_role(stack: Any, vpc: Any) -> None:
    ce = ecs(stack, vpc, spot=True, spot_bid_percentage=20)
    resources = only_ce(stack)["compute_resources"]
    assert resources["type"] == "SPOT"
    assert resources["allocation_strategy"] == "SPOT_PRICE_CAPACITY_OPTIMIZED"
    assert resources["bid_percentage"] == 20
    assert "spot_iam_fleet_role" not in resources
    assert ce.spot_fleet_role is None
    Template.from_stack(stack).resource_count_is("aws_iam_role", 1)


def test_spot_best_fit_creates_a_tagging_fleet_role(stack: Any, vpc: Any) -> None:
    ce = ecs(stack, vpc, spot=True, allocation_strategy=AllocationStrategy.BEST_FIT)
    template = Template.from_stack(stack)
    resource = only_ce(stack)
    assert resource["compute_resources"]["spot_iam_fleet_role"].startswith("${aws_iam_role.CE_SpotFleetRole_")
    template.has_resource_properties("aws_iam_role", {"assume_role_policy": {"Statement": [
        Match.object_like({"Principal": {"Service": "spotfleet.amazonaws.com"}})]}})
    template.has_resource_properties("aws_iam_role_policy_attachment", {
        "policy_arn": Match.string_like_regexp("iam::aws:policy/service-role/AmazonEC2SpotFleetTaggingRole$")})
    assert any(d.startswith("aws_iam_role_policy_attachment.CE_SpotFleetRole") for d in resource["depends_on"])
    assert isinstance(ce.spot_fleet_role, Role)


def test_given_fleet_role_is_used_only_with_best_fit(stack: Any, vpc: Any) -> None:
    role = Role(stack, "Fleet", assumed_by=ServicePrincipal("spotfleet.amazonaws.com"),
                managed_policies=[ManagedPolicy.from_aws_managed_policy_name("service-role/AmazonEC2SpotFleetTaggingRole")])
    with pytest.warns(BatchConstructsWarning, match="spot_fleet_role of 'CE' is not used"):
        ecs(stack, vpc, spot=True, spot_fleet_role=role)
    assert "spot_iam_fleet_role" not in only_ce(stack)["compute_resources"]


def test_given_fleet_role_with_best_fit(stack: Any, vpc: Any) -> None:
    role = Role(stack, "Fleet", assumed_by=ServicePrincipal("spotfleet.amazonaws.com"),
                managed_policies=[ManagedPolicy.from_aws_managed_policy_name("service-role/AmazonEC2SpotFleetTaggingRole")])
    with warnings.catch_warnings():
        warnings.simplefilter("error", BatchConstructsWarning)
        ecs(stack, vpc, spot=True, spot_fleet_role=role, allocation_strategy=AllocationStrategy.BEST_FIT)
    assert only_ce(stack)["compute_resources"]["spot_iam_fleet_role"].startswith("${aws_iam_role.Fleet_")


def test_fleet_role_without_tagging_policy_is_warned(stack: Any, vpc: Any) -> None:
    role = Role(stack, "Fleet", assumed_by=ServicePrincipal("spotfleet.amazonaws.com"))
    with pytest.warns(BatchConstructsWarning, match="spot_fleet_role of 'CE' should carry the AWS managed policy "
                                                    "service-role/AmazonEC2SpotFleetTaggingRole"):
        ecs(stack, vpc, spot=True, spot_fleet_role=role, allocation_strategy=AllocationStrategy.BEST_FIT)


def test_given_instance_role_still_gets_a_profile(stack: Any, vpc: Any) -> None:
    role = Role(stack, "MyRole", assumed_by=ServicePrincipal("ec2.amazonaws.com"))
    ce = ecs(stack, vpc, instance_role=role)
    template = Template.from_stack(stack)
    template.resource_count_is("aws_iam_role", 1)
    template.has_resource_properties("aws_iam_instance_profile", {"role": Match.string_like_regexp(r"aws_iam_role\.MyRole_")})
    assert ce.instance_role is role
    assert only_ce(stack)["compute_resources"]["instance_role"].startswith("${aws_iam_instance_profile.CE_InstanceProfile_")


def test_instance_role_as_arn_and_as_provider_l1(stack: Any, vpc: Any) -> None:
    ecs(stack, vpc, "A", instance_role="arn:aws:iam::123456789012:role/path/my-role")
    l1 = provider_class("iam_role", "IamRole")(stack, "L1Role", assume_role_policy="{}")
    ecs(stack, vpc, "B", instance_role=l1)
    profiles = Template.from_stack(stack).find_resources("aws_iam_instance_profile")
    roles = sorted(p["role"] for p in profiles.values())
    assert roles == ["${aws_iam_role.L1Role.name}", "my-role"]


# -- instance types ----------------------------------------------------------------------------------

def test_instance_type_order_types_then_classes_then_optimal(stack: Any, vpc: Any) -> None:
    ce = ecs(stack, vpc, instance_classes=[InstanceClass.C5])
    ce.add_instance_class(InstanceClass.M4)
    ce.add_instance_type(InstanceType.of(InstanceClass.M5AD, InstanceSize.LARGE))
    assert only_ce(stack)["compute_resources"]["instance_type"] == ["m5ad.large", "c5", "m4", "optimal"]


def test_default_instance_classes_replace_optimal(stack: Any, vpc: Any) -> None:
    ecs(stack, vpc, default_instance_classes=[DefaultInstanceClass.ARM64], instance_classes=[InstanceClass.M6G])
    assert only_ce(stack)["compute_resources"]["instance_type"] == ["m6g", "default_arm64"]


def test_use_optimal_false(stack: Any, vpc: Any) -> None:
    ecs(stack, vpc, use_optimal_instance_classes=False, instance_classes=[InstanceClass.R4])
    assert only_ce(stack)["compute_resources"]["instance_type"] == ["r4"]


def test_default_classes_count_for_the_emptiness_check(stack: Any, vpc: Any) -> None:
    # Q05: AWS CDK would raise E13 here
    ecs(stack, vpc, use_optimal_instance_classes=False, default_instance_classes=[DefaultInstanceClass.X86_64])
    assert only_ce(stack)["compute_resources"]["instance_type"] == ["default_x86_64"]


def test_empty_default_classes_list_is_not_given(stack: Any, vpc: Any) -> None:
    # Q06: AWS CDK would raise E01 here
    ecs(stack, vpc, default_instance_classes=[], use_optimal_instance_classes=True)
    assert only_ce(stack)["compute_resources"]["instance_type"] == ["optimal"]


def test_optimal_instance_type_and_strings(stack: Any, vpc: Any) -> None:
    ce = ecs(stack, vpc, instance_types=["c5.large", OptimalInstanceType()], use_optimal_instance_classes=False)
    ce.add_instance_class("m5")
    assert only_ce(stack)["compute_resources"]["instance_type"] == ["c5.large", "optimal", "m5"]
    assert str(OptimalInstanceType()) == "optimal"


def test_arm_only_selection_leaves_optimal_out_with_a_warning(stack: Any, vpc: Any) -> None:
    ce = ecs(stack, vpc, instance_classes=[InstanceClass.M6G, InstanceClass.C7G])
    with pytest.warns(BatchConstructsWarning, match="'optimal' is left out: every instance type and class is arm64"):
        resource = only_ce(stack)
    assert resource["compute_resources"]["instance_type"] == ["m6g", "c7g"]
    assert ce.architecture is InstanceArchitecture.ARM_64


def test_mixing_arm_and_x86_is_an_error_naming_both(stack: Any, vpc: Any) -> None:
    ce = ecs(stack, vpc, instance_types=[InstanceType("r4.large")])
    ce.add_instance_type(InstanceType("a1.large"))
    with raises("[TestStack/CE] Cannot add instance type a1.large with architecture arm64. It conflicts with "
                "existing instance type r4.large with architecture x86_64."):
        Template.from_stack(stack)


def test_mixing_arm_class_with_default_x86_is_an_error(stack: Any, vpc: Any) -> None:
    ecs(stack, vpc, instance_classes=[InstanceClass.M6G], default_instance_classes=[DefaultInstanceClass.X86_64])
    with raises("[TestStack/CE] Cannot add instance class default_x86_64 with architecture x86_64. It conflicts "
                "with existing instance class m6g with architecture arm64."):
        Template.from_stack(stack)


def test_explicit_optimal_with_arm_is_an_error_naming_both(stack: Any, vpc: Any) -> None:
    ecs(stack, vpc, instance_classes=[InstanceClass.M6G], use_optimal_instance_classes=True)
    with raises("[TestStack/CE] 'optimal' instance types are not supported with ARM instance types or classes: "
                "m6g is arm64 and 'optimal' is x86_64. Set use_optimal_instance_classes to False"):
        Template.from_stack(stack)


def test_e13_no_instance_types_at_synth(stack: Any, vpc: Any) -> None:
    ce = ecs(stack, vpc, use_optimal_instance_classes=False)
    with raises("[TestStack/CE] 'defaultInstanceClasses' undefined without specifying any instance types or classes"):
        Template.from_stack(stack)
    ce.add_instance_class(InstanceClass.C5)  # a later addition satisfies the check
    assert only_ce(stack)["compute_resources"]["instance_type"] == ["c5"]


def test_e13_is_also_a_cdktf_node_validation(stack: Any, vpc: Any) -> None:
    from cdktf import Testing
    ecs(stack, vpc, use_optimal_instance_classes=False)
    with pytest.raises(Exception, match="'defaultInstanceClasses' undefined without specifying any instance types"):
        Testing.synth(stack, run_validations=True)


def test_optimal_and_default_classes() -> None:
    assert str(OptimalInstanceType()) == "optimal" and OptimalInstanceType().architecture is X86
    assert DefaultInstanceClass.X86_64.value == "default_x86_64" and DefaultInstanceClass.X86_64.architecture is X86
    assert DefaultInstanceClass.ARM64.value == "default_arm64" and DefaultInstanceClass.ARM64.architecture is ARM


def test_enum_values_match_aws_cdk() -> None:
    assert [s.value for s in AllocationStrategy] == ["BEST_FIT", "BEST_FIT_PROGRESSIVE", "SPOT_CAPACITY_OPTIMIZED",
                                                     "SPOT_PRICE_CAPACITY_OPTIMIZED"]
    assert [t.value for t in EcsMachineImageType] == ["ECS_AL2", "ECS_AL2023", "ECS_AL2_NVIDIA", "ECS_AL2023_NVIDIA"]
    assert [t.value for t in EksMachineImageType] == ["EKS_AL2", "EKS_AL2_NVIDIA", "EKS_AL2023", "EKS_AL2023_NVIDIA"]


# -- images -----------------------------------------------------------------------------------------

def test_images_with_override_and_default_type(stack: Any, vpc: Any) -> None:
    ecs(stack, vpc, images=[EcsMachineImage(image=MachineImage.generic_linux({"us-east-1": "ami-123"}),
                                            image_type=EcsMachineImageType.ECS_AL2_NVIDIA),
                            EcsMachineImage()])
    assert only_ce(stack)["compute_resources"]["ec2_configuration"] == [
        {"image_type": "ECS_AL2_NVIDIA", "image_id_override": "ami-123"}, {"image_type": "ECS_AL2023"}]


def test_image_from_ssm_parameter(stack: Any, vpc: Any) -> None:
    ecs(stack, vpc, images=[EcsMachineImage(image=MachineImage.from_ssm_parameter("/aws/service/ecs/x"))])
    template = Template.from_stack(stack)
    template.has_data_source_properties("aws_ssm_parameter", {"name": "/aws/service/ecs/x"})
    entry = only_ce(stack)["compute_resources"]["ec2_configuration"][0]
    assert entry["image_id_override"].startswith("${data.aws_ssm_parameter.") and entry["image_type"] == "ECS_AL2023"


def test_image_from_ssm_parameter_pinned_version(stack: Any, vpc: Any) -> None:
    """``parameter_version`` pins a version with SSM's ``name:version`` selector; os LINUX is accepted."""
    image = MachineImage.from_ssm_parameter("/aws/service/ecs/x", parameter_version=3, os="LINUX",
                                            cached_in_context=False)
    ecs(stack, vpc, images=[EcsMachineImage(image=image)])
    Template.from_stack(stack).has_data_source_properties("aws_ssm_parameter", {"name": "/aws/service/ecs/x:3"})


def test_al2_default_when_the_flag_is_off(stack: Any, vpc: Any) -> None:
    from constructs import Construct
    scope = Construct(stack, "Scope")
    scope.node.set_context("@aws-cdk/aws-batch:defaultToAL2023", False)
    ecs(scope, vpc, "A")
    eks(scope, vpc, "B")
    resources = Template.from_stack(stack).find_resources("aws_batch_compute_environment").values()
    assert sorted(r["compute_resources"]["ec2_configuration"][0]["image_type"] for r in resources) == \
        ["ECS_AL2", "EKS_AL2"]


def test_l15_at_most_two_images(stack: Any, vpc: Any) -> None:
    with raises("[TestStack/CE] ComputeEnvironment 'CE' specifies 3 images; at most 2 are allowed"):
        ecs(stack, vpc, images=[EcsMachineImage(), EcsMachineImage(), EcsMachineImage()])


def test_l15_image_types_match_the_kind(stack: Any, vpc: Any) -> None:
    with pytest.raises(ValidationError, match=r"^\[TestStack/CE\] ManagedEc2EcsComputeEnvironment 'CE' takes "
                                              r"EcsMachineImage images with EcsMachineImageType types, got "):
        ecs(stack, vpc, images=[EcsMachineImage(image_type=EksMachineImageType.EKS_AL2)])


def test_e03_a1_with_al2023(stack: Any, vpc: Any) -> None:
    message = ("[TestStack/CE] Amazon Linux 2023 does not support A1 instances. To use A1 instances, explicitly set "
               "imageType to ECS_AL2 or disable the @aws-cdk/aws-batch:defaultToAL2023 feature flag.")
    with raises(message):
        ecs(stack, vpc, instance_classes=[InstanceClass.A1], use_optimal_instance_classes=False)


def test_e03_a1_type_with_al2023_image(stack: Any, vpc: Any) -> None:
    with pytest.raises(ValidationError, match="Amazon Linux 2023 does not support A1 instances"):
        ecs(stack, vpc, instance_types=[InstanceType("a1.large")], use_optimal_instance_classes=False,
            images=[EcsMachineImage(image_type=EcsMachineImageType.ECS_AL2023_NVIDIA)])


def test_a1_with_al2_is_accepted(stack: Any, vpc: Any) -> None:
    ecs(stack, vpc, instance_classes=[InstanceClass.A1], use_optimal_instance_classes=False,
        images=[EcsMachineImage(image_type=EcsMachineImageType.ECS_AL2)])
    assert only_ce(stack)["compute_resources"]["instance_type"] == ["a1"]


# -- strategy, spot and vCPU checks -------------------------------------------------------------------

@pytest.mark.parametrize("strategy", [AllocationStrategy.SPOT_PRICE_CAPACITY_OPTIMIZED,
                                      AllocationStrategy.SPOT_CAPACITY_OPTIMIZED])
def test_e04_e05_spot_strategy_without_spot(stack: Any, vpc: Any, strategy: AllocationStrategy) -> None:
    with raises(f"[TestStack/CE] Managed ComputeEnvironment 'CE' specifies 'AllocationStrategy.{strategy.value}' "
                "without using spot instances"):
        ecs(stack, vpc, allocation_strategy=strategy)


def test_e04_on_eks(stack: Any, vpc: Any) -> None:
    with raises("[TestStack/EksCE] Managed ComputeEnvironment 'EksCE' specifies "
                "'AllocationStrategy.SPOT_PRICE_CAPACITY_OPTIMIZED' without using spot instances"):
        eks(stack, vpc, allocation_strategy=AllocationStrategy.SPOT_PRICE_CAPACITY_OPTIMIZED)


def test_e06_best_fit_on_eks(stack: Any, vpc: Any) -> None:
    with raises("[TestStack/EksCE] ManagedEc2EksComputeEnvironment 'EksCE' uses invalid allocation strategy "
                "'AllocationStrategy.BEST_FIT'"):
        eks(stack, vpc, allocation_strategy=AllocationStrategy.BEST_FIT)


def test_e07_bid_without_spot(stack: Any, vpc: Any) -> None:
    with raises("[TestStack/CE] Managed ComputeEnvironment 'CE' specifies 'spotBidPercentage' without specifying 'spot'"):
        ecs(stack, vpc, spot_bid_percentage=0)  # Q08: 0 counts


def test_e08_bid_above_100(stack: Any, vpc: Any) -> None:
    with raises("[TestStack/CE] Managed ComputeEnvironment 'CE' specifies 'spotBidPercentage' > 100"):
        ecs(stack, vpc, spot=True, spot_bid_percentage=101)


def test_e09_bid_below_0(stack: Any, vpc: Any) -> None:
    with raises("[TestStack/EksCE] Managed ComputeEnvironment 'EksCE' specifies 'spotBidPercentage' < 0"):
        eks(stack, vpc, spot=True, spot_bid_percentage=-1)


def test_e10_fleet_role_without_spot(stack: Any, vpc: Any) -> None:
    role = Role(stack, "Fleet", assumed_by=ServicePrincipal("spotfleet.amazonaws.com"))
    with raises("[TestStack/CE] Managed ComputeEnvironment 'CE' specifies 'spotFleetRole' without specifying 'spot'"):
        ecs(stack, vpc, spot_fleet_role=role)


def test_eks_takes_no_spot_fleet_role(stack: Any, vpc: Any) -> None:
    with pytest.raises(TypeError, match="spot_fleet_role"):
        eks(stack, vpc, spot_fleet_role="arn:aws:iam::123456789012:role/x")


def test_e11_minv_below_zero(stack: Any, vpc: Any) -> None:
    with raises("[TestStack/CE] Managed ComputeEnvironment 'CE' has 'minvCpus' = -1 < 0; 'minvCpus' cannot be "
                "less than zero"):
        ecs(stack, vpc, minv_cpus=-1)


def test_e12_minv_above_maxv(stack: Any, vpc: Any) -> None:
    with raises("[TestStack/CE] Managed ComputeEnvironment 'CE' has 'minvCpus' = 300 > 'maxvCpus' = 256; "
                "'minvCpus' cannot be greater than 'maxvCpus'"):
        ecs(stack, vpc, minv_cpus=300)


def test_maxv_must_be_positive(stack: Any, vpc: Any) -> None:
    with raises("[TestStack/CE] Managed ComputeEnvironment 'CE' has 'maxvCpus' = 0; it must be a positive whole number"):
        ecs(stack, vpc, maxv_cpus=0)


def test_check_order_follows_aws_cdk(stack: Any, vpc: Any) -> None:
    # E01 comes before E04 when both hold
    with raises("[TestStack/CE] cannot use `defaultInstanceClasses` with `useOptimalInstanceClasses`. Please remove "
                "deprecated `useOptimalInstanceClasses`"):
        ecs(stack, vpc, default_instance_classes=[DefaultInstanceClass.X86_64], use_optimal_instance_classes=True,
            allocation_strategy=AllocationStrategy.SPOT_CAPACITY_OPTIMIZED)


def test_e02_on_eks(stack: Any, vpc: Any) -> None:
    with raises("[TestStack/EksCE] cannot use `defaultInstanceClasses` with `useOptimalInstanceClasses`."):
        eks(stack, vpc, default_instance_classes=[DefaultInstanceClass.X86_64], use_optimal_instance_classes=True)


def test_vcpus_render(stack: Any, vpc: Any) -> None:
    ecs(stack, vpc, instance_classes=[InstanceClass.R4], minv_cpus=10, maxv_cpus=100)
    resources = only_ce(stack)["compute_resources"]
    assert (resources["min_vcpus"], resources["max_vcpus"]) == (10, 100)


# -- launch template and placement group ------------------------------------------------------------

def test_launch_template_is_pinned_to_its_latest_version(stack: Any, vpc: Any) -> None:
    template = LaunchTemplate(stack, "LT", user_data="#!/bin/bash\necho hi\n")
    ecs(stack, vpc, launch_template=template)
    spec = only_ce(stack)["compute_resources"]["launch_template"]
    assert spec == {"launch_template_id": "${aws_launch_template.LT_2B8FFE5D.id}",
                    "version": "${aws_launch_template.LT_2B8FFE5D.latest_version}"} or (
        spec["launch_template_id"].endswith(".id}") and spec["version"].endswith(".latest_version}"))
    Template.from_stack(stack).has_resource_properties("aws_launch_template", {
        "user_data": "IyEvYmluL2Jhc2gKZWNobyBoaQo=", "name_prefix": Match.string_like_regexp("^TestStack-LT-")})


def test_provider_launch_template_l1_is_pinned_too(stack: Any, vpc: Any) -> None:
    l1 = provider_class("launch_template", "LaunchTemplate")(stack, "RawLT", name="raw")
    ecs(stack, vpc, launch_template=l1)
    assert only_ce(stack)["compute_resources"]["launch_template"] == {
        "launch_template_id": "${aws_launch_template.RawLT.id}", "version": "${aws_launch_template.RawLT.latest_version}"}


def test_imported_launch_template_by_name_and_version(stack: Any, vpc: Any) -> None:
    # (AWS launch template names have 3-128 characters)
    imported = LaunchTemplate.from_launch_template_attributes(stack, "Imp", launch_template_name="my-lt",
                                                              version_number="3")
    ecs(stack, vpc, launch_template=imported)
    assert only_ce(stack)["compute_resources"]["launch_template"] == {"launch_template_name": "my-lt", "version": "3"}


def test_l20_latest_or_default_version_is_warned(stack: Any, vpc: Any) -> None:
    imported = LaunchTemplate.from_launch_template_attributes(stack, "Imp", launch_template_id="lt-1",
                                                              version_number="$Latest")
    with pytest.warns(BatchConstructsWarning, match=r"launch template version '\$Latest' is resolved only when the "
                                                    r"ComputeEnvironment is created"):
        ecs(stack, vpc, launch_template=imported)


def test_placement_group_forms(stack: Any, vpc: Any) -> None:
    group = PlacementGroup(stack, "PG")
    ce = ecs(stack, vpc, "A", placement_group=group)
    ecs(stack, vpc, "B", placement_group="my-group")
    ecs(stack, vpc, "C", placement_group=PlacementGroup.from_placement_group_name(stack, "Imp", "imported"))
    groups = sorted(r["compute_resources"]["placement_group"]
                    for r in Template.from_stack(stack).find_resources("aws_batch_compute_environment").values())
    assert groups == ["${aws_placement_group.PG_F2B8E4F5.name}", "imported", "my-group"] or (
        groups[0].startswith("${aws_placement_group.PG_") and groups[1:] == ["imported", "my-group"])
    assert ce.placement_group is group


def test_e16_placement_group_reference_only(stack: Any, vpc: Any) -> None:
    class Ref:
        placement_group_ref = "pg-1"

    ce = ecs(stack, vpc, placement_group=Ref())
    with raises("[TestStack/CE] Provided placement group is not an instance of IPlacementGroup: Ref"):
        _ = ce.placement_group
    with raises("[TestStack/CE] Provided placement group is not an instance of IPlacementGroup: Ref"):
        Template.from_stack(stack)


# -- EKS ------------------------------------------------------------------------------------------------

def test_eks_with_provider_cluster_l1(stack: Any, vpc: Any) -> None:
    cluster = provider_class("eks_cluster", "EksCluster")(stack, "Cluster", name="c", role_arn="arn:aws:iam::1:role/r",
                                                           vpc_config={"subnet_ids": ["subnet-a"]})
    ce = eks(stack, vpc, eks_cluster=cluster, kubernetes_namespace="jobs",
             images=[EksMachineImage(image_type=EksMachineImageType.EKS_AL2_NVIDIA)])
    template = Template.from_stack(stack)
    resource = only_ce(stack)
    assert resource["eks_configuration"] == {"eks_cluster_arn": "${aws_eks_cluster.Cluster.arn}",
                                             "kubernetes_namespace": "jobs"}
    assert resource["compute_resources"]["ec2_configuration"] == [{"image_type": "EKS_AL2_NVIDIA"}]
    assert resource["compute_resources"]["allocation_strategy"] == "BEST_FIT_PROGRESSIVE"
    policies = sorted(a["policy_arn"].rsplit("/", 1)[1]
                      for a in template.find_resources("aws_iam_role_policy_attachment").values())
    assert policies == ["AmazonEC2ContainerRegistryReadOnly", "AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy"]
    assert ce.orchestration == "EKS" and ce.compute_type_family == "EC2"
    assert ce.kubernetes_namespace == "jobs" and ce.eks_cluster is cluster


def test_eks_spot_default_strategy(stack: Any, vpc: Any) -> None:
    eks(stack, vpc, spot=True)
    resources = only_ce(stack)["compute_resources"]
    assert resources["type"] == "SPOT" and resources["allocation_strategy"] == "SPOT_PRICE_CAPACITY_OPTIMIZED"
    assert "spot_iam_fleet_role" not in resources


@pytest.mark.parametrize("namespace, reason", [
    ("default", "'default' is not allowed"),
    ("kube-system", "it must not start with 'kube-'"),
    ("a" * 64, "it must be at most 63 characters"),
    ("Batch_Jobs", "it must be lower-case letters, digits and hyphens, starting and ending with a letter or digit"),
])
def test_l11_namespace_rules(stack: Any, vpc: Any, namespace: str, reason: str) -> None:
    with raises(f"[TestStack/EksCE] ManagedEc2EksComputeEnvironment 'EksCE' has invalid kubernetes_namespace "
                f"'{namespace}': {reason}"):
        eks(stack, vpc, kubernetes_namespace=namespace)


def test_eks_namespace_required(stack: Any, vpc: Any) -> None:
    with raises("[TestStack/EksCE] ManagedEc2EksComputeEnvironment 'EksCE' needs 'kubernetes_namespace'"):
        eks(stack, vpc, kubernetes_namespace=None)


def test_eks_cluster_must_be_a_cluster_or_arn(stack: Any, vpc: Any) -> None:
    with raises("[TestStack/EksCE] ManagedEc2EksComputeEnvironment 'EksCE' needs 'eks_cluster' as the provider's "
                "EksCluster or a cluster ARN, got 'demo'"):
        eks(stack, vpc, eks_cluster="demo")


def test_eks_nodeadm_warning(stack: Any, vpc: Any) -> None:
    template = LaunchTemplate(stack, "LT")
    with pytest.warns(BatchConstructsWarning, match="cannot set the launch template's userdata_type to EKS_NODEADM"):
        eks(stack, vpc, launch_template=template, images=[EksMachineImage()])
