"""Rows for the compute environments (managed EC2 for ECS and EKS, Fargate, unmanaged) and their
``from_*_arn`` imports: every mistake is a ValidationError naming the construct (``None`` for
value objects built outside any construct), the keyword, what was expected and what was given.
Then the valid inputs that keep working. The ``ec2`` value objects and factories they take are
in ``test_ec2.py``."""
from __future__ import annotations

import re
from typing import Any

from batch_constructs import (AllocationStrategy, DefaultInstanceClass, EcsMachineImage, EcsMachineImageType,
                              EksMachineImage, FargateComputeEnvironment, ManagedEc2EcsComputeEnvironment,
                              ManagedEc2EksComputeEnvironment, UnmanagedComputeEnvironment)
from batch_constructs._runtime import COMPAT
from batch_constructs.core import Duration
from batch_constructs.ec2 import InstanceClass, InstanceType, MachineImage, SubnetSelection, SubnetType
from batch_constructs.testing import Template

from ._table import Bad, params, run

CE = "TestStack/CE"
IMP = "TestStack/Imp"
CE_ARN = "arn:aws:batch:us-east-1:123456789012:compute-environment/theirs"
QUEUE_ARN = "arn:aws:batch:us-east-1:123456789012:job-queue/q"
CLUSTER_ARN = "arn:aws:eks:us-east-1:123456789012:cluster/demo"
NAN, INF = float("nan"), float("inf")


def ecs(s: Any, v: Any, **kwargs: Any) -> ManagedEc2EcsComputeEnvironment:
    return ManagedEc2EcsComputeEnvironment(s, "CE", vpc=v, **kwargs)


def eks(s: Any, v: Any, **kwargs: Any) -> ManagedEc2EksComputeEnvironment:
    kwargs.setdefault("eks_cluster", CLUSTER_ARN)
    kwargs.setdefault("kubernetes_namespace", "batch")
    return ManagedEc2EksComputeEnvironment(s, "CE", vpc=v, **kwargs)


def fargate(s: Any, v: Any, **kwargs: Any) -> FargateComputeEnvironment:
    return FargateComputeEnvironment(s, "CE", vpc=v, **kwargs)


def unmanaged(s: Any, v: Any, **kwargs: Any) -> UnmanagedComputeEnvironment:
    return UnmanagedComputeEnvironment(s, "CE", **kwargs)


def mutated_selection() -> SubnetSelection:
    selection = SubnetSelection()
    selection.subnet_type = "Everywhere"  # type: ignore[assignment]  # mutated after the check
    return selection


class Thing:
    """An object of no expected kind."""

    def __repr__(self) -> str:
        return "Thing()"


class BadCluster:
    cluster_arn = 5


SG_LIST = r"'security_groups' must be a list of security groups or security group ids"
ROLE = r"must be a batch_constructs\.iam\.Role, Role\.from_role_arn\(\.\.\.\), a role ARN or the provider's IamRole"
ROLE_ARN = r"must be an IAM role ARN \(arn:aws:iam::<12-digit account>:role/<name>\)"
BOOL = r"must be True or False, got "
WHOLE = r"must be a whole number, got "
VPC = r"'vpc' must be a batch_constructs\.ec2\.Vpc or Vpc\.from_attributes\(\.\.\.\), got "
LT = r"'launch_template' must be an ec2\.LaunchTemplate, LaunchTemplate\.from_launch_template_attributes\(\.\.\.\)"
PG = r"'placement_group' must be an ec2\.PlacementGroup, a placement group name or the provider's PlacementGroup"
IMAGES = r"ManagedEc2EcsComputeEnvironment 'CE' takes EcsMachineImage images with EcsMachineImageType types, got "
EKS_CLUSTER = r"ManagedEc2EksComputeEnvironment 'CE' needs 'eks_cluster' as the provider's EksCluster or a cluster ARN"
ARN_RULE = r"a compute environment ARN \(arn:aws:batch:<region>:<12-digit account>:compute-environment/<name>\)"

ECS_ROWS = [
    # vCPUs: whole numbers in int32, never bool, NaN, infinity or a string
    Bad("maxv-str", lambda s, v: ecs(s, v, maxv_cpus="256"), CE, r"'maxv_cpus' " + WHOLE + r"'256' \(str\)"),
    Bad("maxv-bool", lambda s, v: ecs(s, v, maxv_cpus=True), CE, r"'maxv_cpus' " + WHOLE + r"True \(bool\)"),
    Bad("maxv-fraction", lambda s, v: ecs(s, v, maxv_cpus=2.5), CE,
        r"'maxv_cpus' " + WHOLE + r"2\.5 \(float\); AWS takes integers here"),
    Bad("maxv-nan", lambda s, v: ecs(s, v, maxv_cpus=NAN), CE, r"'maxv_cpus' " + WHOLE + r"nan \(float\)"),
    Bad("maxv-inf", lambda s, v: ecs(s, v, maxv_cpus=INF), CE, r"'maxv_cpus' " + WHOLE + r"inf \(float\)"),
    Bad("maxv-int32", lambda s, v: ecs(s, v, maxv_cpus=2 ** 31), CE,
        r"'maxv_cpus' must be a whole number of at most 2147483647, got 2147483648 \(int\)"),
    Bad("maxv-huge-float", lambda s, v: ecs(s, v, maxv_cpus=1e300), CE,
        r"'maxv_cpus' must be a whole number of at most 2147483647, got 1000000000"),
    Bad("maxv-zero", lambda s, v: ecs(s, v, maxv_cpus=0), CE,
        r"^\[TestStack/CE\] Managed ComputeEnvironment 'CE' has 'maxvCpus' = 0; it must be a positive whole number$"),
    Bad("maxv-negative", lambda s, v: ecs(s, v, maxv_cpus=-4), CE, r"'maxvCpus' = -4; it must be a positive"),
    Bad("minv-str", lambda s, v: ecs(s, v, minv_cpus="1"), CE, r"'minv_cpus' " + WHOLE + r"'1' \(str\)"),
    Bad("minv-bool", lambda s, v: ecs(s, v, minv_cpus=False), CE, r"'minv_cpus' " + WHOLE + r"False \(bool\)"),
    Bad("minv-fraction", lambda s, v: ecs(s, v, minv_cpus=1.5), CE, r"'minv_cpus' " + WHOLE + r"1\.5 \(float\)"),
    Bad("minv-nan", lambda s, v: ecs(s, v, minv_cpus=NAN), CE, r"'minv_cpus' " + WHOLE + r"nan \(float\)"),
    Bad("minv-int32", lambda s, v: ecs(s, v, minv_cpus=2 ** 31, maxv_cpus=2 ** 31 - 1), CE,
        r"'minv_cpus' must be a whole number of at most 2147483647, got 2147483648 \(int\)"),
    Bad("minv-negative", lambda s, v: ecs(s, v, minv_cpus=-1), CE,
        r"'minvCpus' = -1 < 0; 'minvCpus' cannot be less than zero$"),
    Bad("minv-above-maxv", lambda s, v: ecs(s, v, minv_cpus=300.0), CE,
        r"'minvCpus' = 300 > 'maxvCpus' = 256; 'minvCpus' cannot be greater than 'maxvCpus'$"),
    # spot
    Bad("bid-nan", lambda s, v: ecs(s, v, spot=True, spot_bid_percentage=NAN), CE,
        r"'spot_bid_percentage' " + WHOLE + r"nan \(float\)"),
    Bad("bid-inf", lambda s, v: ecs(s, v, spot=True, spot_bid_percentage=-INF), CE,
        r"'spot_bid_percentage' " + WHOLE + r"-inf \(float\)"),
    Bad("bid-str", lambda s, v: ecs(s, v, spot=True, spot_bid_percentage="20"), CE,
        r"'spot_bid_percentage' " + WHOLE + r"'20' \(str\)"),
    Bad("bid-fraction", lambda s, v: ecs(s, v, spot=True, spot_bid_percentage=20.5), CE,
        r"'spot_bid_percentage' " + WHOLE + r"20\.5 \(float\); AWS takes integers here"),
    Bad("bid-bool", lambda s, v: ecs(s, v, spot=True, spot_bid_percentage=True), CE,
        r"'spot_bid_percentage' " + WHOLE + r"True \(bool\)"),
    Bad("bid-above-100", lambda s, v: ecs(s, v, spot=True, spot_bid_percentage=101), CE,
        r"specifies 'spotBidPercentage' > 100$"),
    Bad("bid-below-0", lambda s, v: ecs(s, v, spot=True, spot_bid_percentage=-1), CE,
        r"specifies 'spotBidPercentage' < 0$"),
    Bad("bid-without-spot", lambda s, v: ecs(s, v, spot_bid_percentage=0), CE,
        r"specifies 'spotBidPercentage' without specifying 'spot'$"),
    # flags: True/False only
    Bad("spot-truthy-str", lambda s, v: ecs(s, v, spot="yes"), CE, r"'spot' " + BOOL + r"'yes' \(str\)"),
    Bad("spot-int", lambda s, v: ecs(s, v, spot=1), CE, r"'spot' " + BOOL + r"1 \(int\)"),
    Bad("enabled-str", lambda s, v: ecs(s, v, enabled="false"), CE, r"'enabled' " + BOOL + r"'false' \(str\)"),
    Bad("terminate-on-update-str", lambda s, v: ecs(s, v, terminate_on_update="no"), CE,
        r"'terminate_on_update' " + BOOL + r"'no' \(str\)"),
    Bad("replace-ce-int", lambda s, v: ecs(s, v, replace_compute_environment=1), CE,
        r"'replace_compute_environment' " + BOOL + r"1 \(int\)"),
    Bad("update-to-latest-str", lambda s, v: ecs(s, v, update_to_latest_image_version="False"), CE,
        r"'update_to_latest_image_version' " + BOOL + r"'False' \(str\)"),
    Bad("use-optimal-str", lambda s, v: ecs(s, v, use_optimal_instance_classes="True"), CE,
        r"'use_optimal_instance_classes' " + BOOL + r"'True' \(str\)"),
    # update policy
    Bad("update-timeout-number", lambda s, v: ecs(s, v, update_timeout=30), CE,
        r"'update_timeout' must be a Duration, got 30 \(int\); use Duration\.seconds\(n\), Duration\.minutes\(n\)"),
    Bad("update-timeout-str", lambda s, v: ecs(s, v, update_timeout="30m"), CE,
        r"'update_timeout' must be a Duration, got '30m' \(str\)"),
    Bad("update-timeout-seconds", lambda s, v: ecs(s, v, update_timeout=Duration.seconds(90)), CE,
        r"^\[TestStack/CE\] 'update_timeout' must be a whole number of minutes, got Duration\.seconds\(90\): "
        r"'90 seconds' cannot be converted into a whole number of minutes\.$"),
    Bad("update-timeout-too-long", lambda s, v: ecs(s, v, update_timeout=Duration.hours(7)), CE,
        r"'update_timeout' = 420 minutes; it must be between 1 and 360$"),
    Bad("update-timeout-zero", lambda s, v: ecs(s, v, update_timeout=Duration.minutes(0)), CE,
        r"'update_timeout' = 0 minutes; it must be between 1 and 360$"),
    # network
    Bad("security-groups-str", lambda s, v: ecs(s, v, security_groups="sg-0123"), CE,
        SG_LIST + r", got 'sg-0123' \(str\); wrap a single value in a list: \['sg-0123'\]"),
    Bad("security-groups-dict", lambda s, v: ecs(s, v, security_groups={"id": "sg-1"}), CE,
        SG_LIST + r", got \{'id': 'sg-1'\} \(dict\)"),
    Bad("security-groups-entry-int", lambda s, v: ecs(s, v, security_groups=[5]), CE,
        r"'security_groups\[0\]' must be an ec2\.SecurityGroup, .*, got 5 \(int\)"),
    Bad("security-groups-entry-name", lambda s, v: ecs(s, v, security_groups=["sg-1", "batch-jobs"]), CE,
        r"'security_groups\[1\]' must be a security group id \(sg-\.\.\.\), got 'batch-jobs' \(str\)"),
    Bad("security-groups-entry-object", lambda s, v: ecs(s, v, security_groups=[Thing()]), CE,
        r"'security_groups\[0\]' must be an ec2\.SecurityGroup, .*, got Thing\(\) \(Thing\)"),
    Bad("security-groups-entry-none", lambda s, v: ecs(s, v, security_groups=[None]), CE,
        r"'security_groups\[0\]' is required: pass an ec2\.SecurityGroup"),
    Bad("vpc-str", lambda s, v: ManagedEc2EcsComputeEnvironment(s, "CE", vpc="vpc-123"), CE,
        VPC + r"'vpc-123' \(str\)"),
    Bad("vpc-dict", lambda s, v: ManagedEc2EcsComputeEnvironment(s, "CE", vpc={"vpc_id": "vpc-1"}), CE,
        VPC + r"\{'vpc_id': 'vpc-1'\} \(dict\)"),
    Bad("vpc-object", lambda s, v: ManagedEc2EcsComputeEnvironment(s, "CE", vpc=Thing()), CE,
        VPC + r"Thing\(\) \(Thing\)"),
    Bad("vpc-none", lambda s, v: ManagedEc2EcsComputeEnvironment(s, "CE", vpc=None), CE,
        r"ManagedEc2EcsComputeEnvironment 'CE' needs 'vpc' \(a batch_constructs\.ec2\.Vpc or Vpc\.from_attributes"),
    Bad("vpc-subnets-dict", lambda s, v: ecs(s, v, vpc_subnets={"subnet_type": "Public"}), CE,
        r"'vpc_subnets' must be an ec2\.SubnetSelection, got \{'subnet_type': 'Public'\} \(dict\)"),
    Bad("vpc-subnets-str", lambda s, v: ecs(s, v, vpc_subnets="Public"), CE,
        r"'vpc_subnets' must be an ec2\.SubnetSelection, got 'Public' \(str\)"),
    Bad("vpc-subnets-mutated", lambda s, v: ecs(s, v, vpc_subnets=mutated_selection()), CE,
        r"'vpc_subnets\.subnet_type' must be one of SubnetType\.PUBLIC, .*, got 'Everywhere' \(str\)"),
    Bad("vpc-subnets-none-selected", lambda s, v: ecs(s, v, vpc_subnets=SubnetSelection(
        subnet_type=SubnetType.PRIVATE_ISOLATED)), CE, r"the VPC has no subnets for the selection 'vpc_subnets'"),
    # instance types and classes
    Bad("instance-types-str", lambda s, v: ecs(s, v, instance_types="m5.large"), CE,
        r"'instance_types' must be a list of ec2\.InstanceType, got 'm5\.large' \(str\); wrap a single value"),
    Bad("instance-types-int", lambda s, v: ecs(s, v, instance_types=[5]), CE,
        r"'instance_types\[0\]' must be an ec2\.InstanceType or an instance type string such as 'm5\.large', "
        r"got 5 \(int\)"),
    Bad("instance-types-class", lambda s, v: ecs(s, v, instance_types=[InstanceClass.M5]), CE,
        r"'instance_types\[0\]' must be an ec2\.InstanceType .*, got <InstanceClass\.M5: 'm5'> \(InstanceClass\); "
        r"pass instance classes in instance_classes"),
    Bad("instance-types-no-size", lambda s, v: ecs(s, v, instance_types=["c5.large", "m5"]), CE,
        r"'instance_types\[1\]' must be an EC2 instance type \(<family>\.<size>\): 'm5' is not an EC2 instance type"),
    Bad("instance-types-dict", lambda s, v: ecs(s, v, instance_types=[{"type": "m5.large"}]), CE,
        r"'instance_types\[0\]' must be an ec2\.InstanceType .*, got \{'type': 'm5\.large'\} \(dict\)"),
    Bad("instance-types-set", lambda s, v: ecs(s, v, instance_types={"m5.large"}), CE,
        r"'instance_types' must be a list of ec2\.InstanceType, got \{'m5\.large'\} \(set\)"),
    Bad("instance-classes-str", lambda s, v: ecs(s, v, instance_classes="m5"), CE,
        r"'instance_classes' must be a list of ec2\.InstanceClass, got 'm5' \(str\); wrap a single value"),
    Bad("instance-classes-type", lambda s, v: ecs(s, v, instance_classes=[InstanceType("m5.large")]), CE,
        r"'instance_classes\[0\]' must be an ec2\.InstanceClass or an instance family string such as 'm5', "
        r"got InstanceType\('m5\.large'\) \(InstanceType\)"),
    Bad("instance-classes-default", lambda s, v: ecs(s, v, instance_classes=[DefaultInstanceClass.ARM64]), CE,
        r"'instance_classes\[0\]' must be an ec2\.InstanceClass, got <DefaultInstanceClass\.ARM64: 'default_arm64'> "
        r"\(DefaultInstanceClass\); pass DefaultInstanceClass values in default_instance_classes"),
    Bad("instance-classes-type-string", lambda s, v: ecs(s, v, instance_classes=["m5.large"]), CE,
        r"'instance_classes\[0\]' must be an ec2\.InstanceClass or an instance family such as 'm5', "
        r"got 'm5\.large' \(str\)"),
    Bad("instance-classes-int", lambda s, v: ecs(s, v, instance_classes=[InstanceClass.C5, 5]), CE,
        r"'instance_classes\[1\]' must be an ec2\.InstanceClass .*, got 5 \(int\)"),
    Bad("default-classes-str", lambda s, v: ecs(s, v, default_instance_classes="default_x86_64"), CE,
        r"'default_instance_classes' must be a list of DefaultInstanceClass, got 'default_x86_64' \(str\)"),
    Bad("default-classes-unknown", lambda s, v: ecs(s, v, default_instance_classes=["x86"]), CE,
        r"'default_instance_classes\[0\]' must be one of DefaultInstanceClass\.X86_64, DefaultInstanceClass\.ARM64, "
        r"got 'x86' \(str\)"),
    Bad("default-classes-instance-class", lambda s, v: ecs(s, v, default_instance_classes=[InstanceClass.M5]), CE,
        r"'default_instance_classes\[0\]' must be one of DefaultInstanceClass\.X86_64, .*, got <InstanceClass\.M5"),
    Bad("add-instance-type-int", lambda s, v: ecs(s, v).add_instance_type(5), CE,
        r"'instance_type' must be an ec2\.InstanceType or an instance type string such as 'm5\.large', got 5"),
    Bad("add-instance-type-no-size", lambda s, v: ecs(s, v).add_instance_type("large"), CE,
        r"'instance_type' must be an EC2 instance type \(<family>\.<size>\): 'large' is not an EC2 instance type"),
    Bad("add-instance-class-type", lambda s, v: ecs(s, v).add_instance_class(InstanceType("m5.large")), CE,
        r"'instance_class' must be an ec2\.InstanceClass .*, got InstanceType\('m5\.large'\)"),
    Bad("add-instance-class-none", lambda s, v: ecs(s, v).add_instance_class(None), CE,
        r"'instance_class' is required: pass an ec2\.InstanceClass"),
    # allocation strategy and images
    Bad("strategy-unknown", lambda s, v: ecs(s, v, allocation_strategy="FASTEST"), CE,
        r"'allocation_strategy' must be one of AllocationStrategy\.BEST_FIT, .*, got 'FASTEST' \(str\)"),
    Bad("strategy-int", lambda s, v: ecs(s, v, allocation_strategy=1), CE,
        r"'allocation_strategy' must be one of AllocationStrategy\.BEST_FIT, .*, got 1 \(int\)"),
    Bad("strategy-other-enum", lambda s, v: ecs(s, v, allocation_strategy=EcsMachineImageType.ECS_AL2), CE,
        r"'allocation_strategy' must be one of AllocationStrategy\..*, got <EcsMachineImageType\.ECS_AL2"),
    Bad("strategy-spot-without-spot", lambda s, v: ecs(s, v, allocation_strategy="SPOT_CAPACITY_OPTIMIZED"), CE,
        r"specifies 'AllocationStrategy\.SPOT_CAPACITY_OPTIMIZED' without using spot instances$"),
    Bad("images-not-list", lambda s, v: ecs(s, v, images=EcsMachineImage()), CE,
        r"'images' must be a list of EcsMachineImage, got EcsMachineImage\(image=None, image_type=None\)"),
    Bad("images-entry-str", lambda s, v: ecs(s, v, images=["ECS_AL2"]), CE,
        IMAGES + r"'ECS_AL2': 'images\[0\]' must be an EcsMachineImage, got 'ECS_AL2' \(str\)"),
    Bad("images-eks-on-ecs", lambda s, v: ecs(s, v, images=[EksMachineImage()]), CE,
        IMAGES + r"EksMachineImage\(.*\): 'images\[0\]' must be an EcsMachineImage, got EksMachineImage"),
    Bad("images-unknown-type", lambda s, v: ecs(s, v, images=[EcsMachineImage(image_type="ECS_AL3")]), CE,
        IMAGES + r".*'images\[0\]\.image_type' must be one of EcsMachineImageType\.ECS_AL2, .*, got 'ECS_AL3'"),
    Bad("images-entry-none", lambda s, v: ecs(s, v, images=[EcsMachineImage(), None]), CE,
        IMAGES + r"None: 'images\[1\]' is required"),
    Bad("images-image-str", lambda s, v: ecs(s, v, images=[EcsMachineImage(image="ami-123")]), CE,
        r"'images\[0\]\.image' must be an ec2\.IMachineImage such as MachineImage\.generic_linux\(\{\.\.\.\}\), "
        r"got 'ami-123' \(str\)"),
    Bad("images-too-many", lambda s, v: ecs(s, v, images=[EcsMachineImage()] * 3), CE,
        r"ComputeEnvironment 'CE' specifies 3 images; at most 2 are allowed$"),
    # GPU images and update_to_latest_image_version
    Bad("images-al2023-nvidia-p3", lambda s, v: ecs(s, v, instance_types=["p3.2xlarge"]), CE,
        r"^\[TestStack/CE\] ECS_AL2023_NVIDIA does not support p3\.2xlarge instances: .* Use images=\[EcsMachineImage"
        r"\(image_type=EcsMachineImageType\.ECS_AL2023\), EcsMachineImage\(image_type=EcsMachineImageType\."
        r"ECS_AL2_NVIDIA\)\]"),
    Bad("images-al2023-nvidia-g3-given", lambda s, v: ecs(s, v, instance_classes=["g3"], images=[EcsMachineImage(
        image_type="ECS_AL2023_NVIDIA")]), CE, r"ECS_AL2023_NVIDIA does not support g3 instances: AWS Batch's "),
    Bad("latest-image-arm64-nvidia", lambda s, v: ecs(s, v, instance_classes=["g5g"],
        use_optimal_instance_classes=False, update_to_latest_image_version=True,
        images=[EcsMachineImage(image_type="ECS_AL2023_NVIDIA")]), CE,
        r"'update_to_latest_image_version': AWS publishes no latest-image SSM parameter for ECS_AL2023_NVIDIA on "
        r"arm64"),
    Bad("latest-image-best-fit-two-entries", lambda s, v: ecs(s, v, instance_classes=["c5", "g5"],
        allocation_strategy="BEST_FIT", update_to_latest_image_version=True), CE,
        r"'update_to_latest_image_version' with two image entries needs an environment AWS Batch can update in place"),
    # roles
    Bad("instance-role-name", lambda s, v: ecs(s, v, instance_role="my-role"), CE,
        r"'instance_role' " + ROLE_ARN + r", got 'my-role' \(str\)"),
    Bad("instance-role-policy-arn", lambda s, v: ecs(s, v, instance_role="arn:aws:iam::aws:policy/AdminAccess"), CE,
        r"'instance_role' " + ROLE_ARN + r", got 'arn:aws:iam::aws:policy/AdminAccess' \(str\)"),
    Bad("instance-role-int", lambda s, v: ecs(s, v, instance_role=5), CE,
        r"'instance_role' " + ROLE + r", got 5 \(int\)"),
    Bad("instance-role-object", lambda s, v: ecs(s, v, instance_role=Thing()), CE,
        r"'instance_role' " + ROLE + r", got Thing\(\) \(Thing\)"),
    Bad("spot-fleet-role-object", lambda s, v: ecs(s, v, spot=True, spot_fleet_role=Thing()), CE,
        r"'spot_fleet_role' " + ROLE + r", got Thing\(\)"),
    Bad("spot-fleet-role-without-spot", lambda s, v: ecs(s, v, spot_fleet_role="arn:aws:iam::123456789012:role/f"),
        CE, r"specifies 'spotFleetRole' without specifying 'spot'$"),
    Bad("service-role-int", lambda s, v: ecs(s, v, service_role=5), CE, r"'service_role' " + ROLE + r", got 5 \(int\)"),
    Bad("service-role-name", lambda s, v: ecs(s, v, service_role="AWSBatchServiceRole"), CE,
        r"'service_role' " + ROLE_ARN + r", got 'AWSBatchServiceRole' \(str\)"),
    # launch template and placement group
    Bad("launch-template-str", lambda s, v: ecs(s, v, launch_template="lt-123"), CE, LT + r".*, got 'lt-123' \(str\)"),
    Bad("launch-template-dict", lambda s, v: ecs(s, v, launch_template={"launch_template_id": "lt-1"}), CE,
        LT + r".*, got \{'launch_template_id': 'lt-1'\} \(dict\)"),
    Bad("launch-template-object", lambda s, v: ecs(s, v, launch_template=Thing()), CE, LT + r".*, got Thing\(\)"),
    Bad("placement-group-int", lambda s, v: ecs(s, v, placement_group=5), CE, PG + r", got 5 \(int\)"),
    Bad("placement-group-list", lambda s, v: ecs(s, v, placement_group=["pg"]), CE, PG + r", got \['pg'\] \(list\)"),
    Bad("placement-group-empty", lambda s, v: ecs(s, v, placement_group=""), CE,
        r"'placement_group' must be a placement group name \(1-255 ASCII characters\), got '' \(str\)"),
    Bad("placement-group-non-ascii", lambda s, v: ecs(s, v, placement_group="grüppe"), CE,
        r"'placement_group' must be a placement group name \(1-255 ASCII characters\), got 'grüppe' \(str\)"),
    Bad("placement-group-object", lambda s, v: ecs(s, v, placement_group=Thing()), CE,
        r"^\[TestStack/CE\] Provided placement group is not an instance of IPlacementGroup: Thing$"),
    # names and construct arguments
    Bad("name-int", lambda s, v: ecs(s, v, compute_environment_name=5), CE,
        r"'compute_environment_name' must be a string, got 5 \(int\)"),
    Bad("name-chars", lambda s, v: ecs(s, v, compute_environment_name="bad name!"), CE,
        r"'compute_environment_name' value 'bad name!' must be 1-128 letters, digits, hyphens or underscores"),
    Bad("name-too-long", lambda s, v: ecs(s, v, compute_environment_name="a" * 129), CE,
        r"'compute_environment_name' value 'a{129}' must be 1-128 letters"),
    Bad("id-int", lambda s, v: ManagedEc2EcsComputeEnvironment(s, 5, vpc=v), "TestStack",
        r"'id' must be a non-empty string, got 5 \(int\)"),
    Bad("id-slash", lambda s, v: ManagedEc2EcsComputeEnvironment(s, "a/b", vpc=v), "TestStack",
        r"'id' must be a string without '/', got 'a/b' \(str\)"),
    Bad("scope-str", lambda s, v: ManagedEc2EcsComputeEnvironment("TestStack", "CE", vpc=v), None,
        r"'scope' must be a construct \(a TerraformStack or a construct in one\), got 'TestStack' \(str\)"),
]

EKS_ROWS = [
    Bad("eks-cluster-int", lambda s, v: eks(s, v, eks_cluster=5), CE, EKS_CLUSTER + r", got 5 \(int\)"),
    Bad("eks-cluster-none", lambda s, v: eks(s, v, eks_cluster=None), CE, EKS_CLUSTER + r", got None$"),
    Bad("eks-cluster-role-arn", lambda s, v: eks(s, v, eks_cluster="arn:aws:iam::123456789012:role/x"), CE,
        EKS_CLUSTER + r", got 'arn:aws:iam::123456789012:role/x'$"),
    Bad("eks-cluster-name", lambda s, v: eks(s, v, eks_cluster="demo"), CE, EKS_CLUSTER + r", got 'demo'$"),
    Bad("eks-cluster-object-bad-arn", lambda s, v: eks(s, v, eks_cluster=BadCluster()), CE,
        EKS_CLUSTER + r", got <.*BadCluster object at .* \(BadCluster\)$"),
    Bad("eks-namespace-int", lambda s, v: eks(s, v, kubernetes_namespace=5), CE,
        r"'kubernetes_namespace' must be a string, got 5 \(int\)"),
    Bad("eks-namespace-list", lambda s, v: eks(s, v, kubernetes_namespace=["batch"]), CE,
        r"'kubernetes_namespace' must be a string, got \['batch'\] \(list\)"),
    Bad("eks-namespace-missing", lambda s, v: eks(s, v, kubernetes_namespace=None), CE,
        r"ManagedEc2EksComputeEnvironment 'CE' needs 'kubernetes_namespace'$"),
    Bad("eks-namespace-default", lambda s, v: eks(s, v, kubernetes_namespace="default"), CE,
        r"has invalid kubernetes_namespace 'default': 'default' is not allowed$"),
    Bad("eks-namespace-upper", lambda s, v: eks(s, v, kubernetes_namespace="Batch"), CE,
        r"has invalid kubernetes_namespace 'Batch': it must be lower-case letters"),
    Bad("eks-images-ecs", lambda s, v: eks(s, v, images=[EcsMachineImage()]), CE,
        r"ManagedEc2EksComputeEnvironment 'CE' takes EksMachineImage images with EksMachineImageType types, got "
        r"EcsMachineImage\(.*\): 'images\[0\]' must be an EksMachineImage"),
    Bad("eks-image-type-ecs", lambda s, v: eks(s, v, images=[EksMachineImage(image_type="ECS_AL2")]), CE,
        r"'images\[0\]\.image_type' must be one of EksMachineImageType\.EKS_AL2, .*, got 'ECS_AL2' \(str\)"),
    Bad("eks-best-fit", lambda s, v: eks(s, v, allocation_strategy="BEST_FIT"), CE,
        r"uses invalid allocation strategy 'AllocationStrategy\.BEST_FIT'$"),
    Bad("eks-bid-nan", lambda s, v: eks(s, v, spot=True, spot_bid_percentage=NAN), CE,
        r"'spot_bid_percentage' " + WHOLE + r"nan \(float\)"),
    Bad("eks-minv-str", lambda s, v: eks(s, v, minv_cpus="0"), CE, r"'minv_cpus' " + WHOLE + r"'0' \(str\)"),
    Bad("eks-instance-types-str", lambda s, v: eks(s, v, instance_types="m5.large"), CE,
        r"'instance_types' must be a list of ec2\.InstanceType, got 'm5\.large' \(str\)"),
    Bad("eks-launch-template-int", lambda s, v: eks(s, v, launch_template=7), CE, LT + r".*, got 7 \(int\)"),
    Bad("eks-latest-image-al2-nvidia-arm64", lambda s, v: eks(s, v, instance_classes=["m6g"],
        use_optimal_instance_classes=False, update_to_latest_image_version=True,
        images=[EksMachineImage(image_type="EKS_AL2_NVIDIA")]), CE,
        r"AWS publishes no latest-image SSM parameter for EKS_AL2_NVIDIA on arm64 instances"),
]

FARGATE_ROWS = [
    Bad("fargate-maxv-nan", lambda s, v: fargate(s, v, maxv_cpus=NAN), CE, r"'maxv_cpus' " + WHOLE + r"nan \(float\)"),
    Bad("fargate-maxv-str", lambda s, v: fargate(s, v, maxv_cpus="64"), CE, r"'maxv_cpus' " + WHOLE + r"'64' \(str\)"),
    Bad("fargate-maxv-bool", lambda s, v: fargate(s, v, maxv_cpus=False), CE,
        r"'maxv_cpus' " + WHOLE + r"False \(bool\)"),
    Bad("fargate-spot-str", lambda s, v: fargate(s, v, spot="true"), CE, r"'spot' " + BOOL + r"'true' \(str\)"),
    Bad("fargate-enabled-int", lambda s, v: fargate(s, v, enabled=0), CE, r"'enabled' " + BOOL + r"0 \(int\)"),
    Bad("fargate-security-groups-str", lambda s, v: fargate(s, v, security_groups="sg-0123"), CE,
        SG_LIST + r", got 'sg-0123' \(str\)"),
    Bad("fargate-vpc-int", lambda s, v: FargateComputeEnvironment(s, "CE", vpc=1), CE, VPC + r"1 \(int\)"),
    Bad("fargate-vpc-subnets-list", lambda s, v: fargate(s, v, vpc_subnets=["subnet-a"]), CE,
        r"'vpc_subnets' must be an ec2\.SubnetSelection, got \['subnet-a'\] \(list\)"),
    Bad("fargate-update-timeout-number", lambda s, v: fargate(s, v, update_timeout=5), CE,
        r"'update_timeout' must be a Duration, got 5 \(int\)"),
    Bad("fargate-name-list", lambda s, v: fargate(s, v, compute_environment_name=["a"]), CE,
        r"'compute_environment_name' must be a string, got \['a'\] \(list\)"),
    Bad("fargate-service-role-name", lambda s, v: fargate(s, v, service_role="role"), CE,
        r"'service_role' " + ROLE_ARN + r", got 'role' \(str\)"),
    Bad("fargate-refuses-minv", lambda s, v: fargate(s, v, minv_cpus=1), CE,
        r"FargateComputeEnvironment 'CE' does not take 'minv_cpus': Fargate keeps no minimum capacity$"),
    Bad("fargate-refuses-update-policy", lambda s, v: fargate(s, v, terminate_on_update=True), CE,
        r"cannot use 'update_timeout' or 'terminate_on_update'"),
    Bad("fargate-refuses-latest-image", lambda s, v: fargate(s, v, update_to_latest_image_version=True), CE,
        r"does not take 'update_to_latest_image_version': Fargate chooses the image$"),
]

UNMANAGED_ROWS = [
    Bad("unmanaged-vcpus-str", lambda s, v: unmanaged(s, v, unmanagedv_cpus="16"), CE,
        r"'unmanagedv_cpus' " + WHOLE + r"'16' \(str\)"),
    Bad("unmanaged-vcpus-nan", lambda s, v: unmanaged(s, v, unmanagedv_cpus=NAN), CE,
        r"'unmanagedv_cpus' " + WHOLE + r"nan \(float\)"),
    Bad("unmanaged-vcpus-negative", lambda s, v: unmanaged(s, v, unmanagedv_cpus=-1), CE,
        r"'unmanagedv_cpus' must be a whole number from 0 to 2147483647, got -1 \(int\)"),
    Bad("unmanaged-vcpus-nonzero", lambda s, v: unmanaged(s, v, unmanagedv_cpus=16), CE,
        r"specifies 'unmanagedv_cpus', which the Terraform AWS provider cannot set$"),
    Bad("unmanaged-enabled-str", lambda s, v: unmanaged(s, v, enabled="yes"), CE, r"'enabled' " + BOOL + r"'yes'"),
    Bad("unmanaged-service-role-object", lambda s, v: unmanaged(s, v, service_role=Thing()), CE,
        r"'service_role' " + ROLE + r", got Thing\(\)"),
    Bad("unmanaged-name-chars", lambda s, v: unmanaged(s, v, compute_environment_name="ünmanaged"), CE,
        r"'compute_environment_name' value 'ünmanaged' must be 1-128 letters"),
]

ECS_IMPORT = ManagedEc2EcsComputeEnvironment.from_managed_ec2_ecs_compute_environment_arn
IMPORT_ROWS = [
    Bad("import-ecs-arn-int", lambda s, v: ECS_IMPORT(s, "Imp", 5), IMP,
        r"'managed_ec2_ecs_compute_environment_arn' must be " + ARN_RULE + r", got 5 \(int\)"),
    Bad("import-ecs-arn-queue", lambda s, v: ECS_IMPORT(s, "Imp", QUEUE_ARN), IMP,
        r"'managed_ec2_ecs_compute_environment_arn' must be " + ARN_RULE + r", got 'arn:aws:batch:.*:job-queue/q'"),
    Bad("import-fargate-arn-name", lambda s, v: FargateComputeEnvironment.from_fargate_compute_environment_arn(
        s, "Imp", "my-ce"), IMP, r"'fargate_compute_environment_arn' must be " + ARN_RULE + r", got 'my-ce' \(str\)"),
    Bad("import-unmanaged-arn-none", lambda s, v: UnmanagedComputeEnvironment.from_unmanaged_compute_environment_arn(
        s, "Imp", None), IMP, r"'unmanaged_compute_environment_arn' is required: pass " + ARN_RULE),
    Bad("import-id-int", lambda s, v: FargateComputeEnvironment.from_fargate_compute_environment_arn(s, 5, CE_ARN),
        "TestStack", r"'id' must be a non-empty string, got 5 \(int\)"),
    Bad("import-add-instance-class", lambda s, v: ManagedEc2EcsComputeEnvironment
        .from_managed_ec2_ecs_compute_environment_arn(s, "Imp", CE_ARN).add_instance_class(InstanceClass.C5), IMP,
        r"cannot add instance class to imported ComputeEnvironment 'Imp'$"),
]

IMAGE_FACTORY_ROWS = [
    Bad("image-generic-user-data", lambda s, v: MachineImage.generic_linux({"us-east-1": "ami-1"}, user_data="x"),
        None, r"MachineImage.generic_linux\(\): 'user_data' is not carried by a machine image.*LaunchTemplate"),
    Bad("image-ssm-cached", lambda s, v: MachineImage.from_ssm_parameter("/p", cached_in_context=True), None,
        r"'cached_in_context=True' .* the parameter is read at every plan"),
    Bad("image-ssm-cache-key", lambda s, v: MachineImage.from_ssm_parameter("/p", additional_cache_key="k"), None,
        r"'additional_cache_key' only goes with cached_in_context"),
    Bad("image-ssm-windows", lambda s, v: MachineImage.from_ssm_parameter("/p", os="WINDOWS"), None,
        r"'os' must be LINUX .*got 'WINDOWS'"),
    Bad("image-ssm-version-zero", lambda s, v: MachineImage.from_ssm_parameter("/p", parameter_version=0), None,
        r"'parameter_version' must be .*got 0"),
    Bad("image-ssm-cached-str", lambda s, v: MachineImage.from_ssm_parameter("/p", cached_in_context="yes"), None,
        r"'cached_in_context' must be True or False"),
]

ROWS = ECS_ROWS + EKS_ROWS + FARGATE_ROWS + UNMANAGED_ROWS + IMPORT_ROWS + IMAGE_FACTORY_ROWS


@params(ROWS)
def test_compute_mistakes(row: Bad, stack: Any, vpc: Any) -> None:
    run(row, stack, vpc)


def test_the_table_is_large_enough() -> None:
    assert len(ROWS) >= 110


# -- valid inputs that keep working ------------------------------------------------------------------

def only_ce(stack: Any) -> dict[str, Any]:
    (ce,) = Template.from_stack(stack).find_resources("aws_batch_compute_environment").values()
    return ce


def test_token_values_pass(stack: Any, vpc: Any) -> None:
    from cdktf import TerraformVariable

    def var(name: str, type: str) -> Any:
        return TerraformVariable(stack, name, type=type)

    maxv, bid = var("maxv", "number").number_value, var("bid", "number").number_value
    name, group = var("name", "string").string_value, var("group", "string").string_value
    cluster, namespace = var("cluster", "string").string_value, var("ns", "string").string_value
    with __import__("warnings").catch_warnings():
        __import__("warnings").simplefilter("ignore")
        ManagedEc2EksComputeEnvironment(stack, "CE", vpc=vpc, eks_cluster=cluster, kubernetes_namespace=namespace,
                                        maxv_cpus=maxv, spot=True, spot_bid_percentage=bid,
                                        compute_environment_name=name, security_groups=[group],
                                        instance_role=var("role", "string").string_value)
    resource = only_ce(stack)
    assert resource["compute_resources"]["max_vcpus"] == "${var.maxv}"
    assert resource["compute_resources"]["bid_percentage"] == "${var.bid}"
    assert resource["compute_resources"]["security_group_ids"] == ["${var.group}"]
    assert resource["eks_configuration"] == {"eks_cluster_arn": "${var.cluster}", "kubernetes_namespace": "${var.ns}"}
    assert resource[COMPAT.ce_name_key] == "${var.name}"


def test_enum_value_and_name_strings_are_accepted(stack: Any, vpc: Any) -> None:
    ce = ecs(stack, vpc, allocation_strategy="BEST_FIT", default_instance_classes=["default_x86_64"],
             images=[EcsMachineImage(image_type="ECS_AL2")], instance_classes=["M5", "c5", InstanceClass.R4],
             vpc_subnets=SubnetSelection(subnet_type="Public"))
    FargateComputeEnvironment(stack, "F", vpc=vpc, vpc_subnets=SubnetSelection(subnet_type="PRIVATE_WITH_EGRESS"))
    resources = only_ce_by_id(stack)
    compute = resources["CE"]["compute_resources"]
    assert compute["allocation_strategy"] == "BEST_FIT"
    assert compute["instance_type"] == ["m5", "c5", "r4", "default_x86_64"]
    assert compute["ec2_configuration"] == [{"image_type": "ECS_AL2"}]
    assert compute["subnets"] == ["subnet-c"]
    assert resources["F"]["compute_resources"]["subnets"] == ["subnet-a", "subnet-b"]
    assert ce.default_instance_classes == [DefaultInstanceClass.X86_64]
    assert ce.allocation_strategy is AllocationStrategy.BEST_FIT
    assert InstanceClass("M5AD") is InstanceClass.M5AD and InstanceClass("m5") is InstanceClass.M5


def only_ce_by_id(stack: Any) -> dict[str, dict[str, Any]]:
    found = Template.from_stack(stack).find_resources("aws_batch_compute_environment")
    return {key.split("_")[0]: value for key, value in found.items()}


def test_whole_floats_are_integers(stack: Any, vpc: Any) -> None:
    ce = ecs(stack, vpc, maxv_cpus=64.0, minv_cpus=2.0, spot=True, spot_bid_percentage=20.0)
    compute = only_ce(stack)["compute_resources"]
    assert (compute["max_vcpus"], compute["min_vcpus"], compute["bid_percentage"]) == (64, 2, 20)
    assert all(type(x) is int for x in (ce.maxv_cpus, ce.minv_cpus, ce.spot_bid_percentage))


def test_long_and_odd_construct_ids_give_valid_names(stack: Any, vpc: Any) -> None:
    ids = ["x" * 300, "Überß ce ✓ <>'\"$%{x}"]
    for id in ids:
        ManagedEc2EcsComputeEnvironment(stack, id, vpc=vpc)
    template = Template.from_stack(stack)
    descriptions = [sg["description"] for sg in template.find_resources("aws_security_group").values()]
    assert len(descriptions) == 2
    for description in descriptions:
        assert len(description) <= 255 and re.fullmatch(r"[a-zA-Z0-9. _\-:/()#,@\[\]+=&;{}!*]+", description)
    assert any(d.startswith("TestStack/xxx") and re.search(r"-[0-9A-F]{8}$", d) for d in descriptions)
    for resource in template.find_resources("aws_batch_compute_environment").values():
        prefix = resource[COMPAT.ce_name_prefix_key]
        assert re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z_-]*-", prefix) and len(prefix) + 26 <= 128
    # a valid path is kept as it is (byte-identical output for valid ids)
    from batch_constructs.ec2 import security_group_description
    assert security_group_description("TestStack/CE/SecurityGroup") == "TestStack/CE/SecurityGroup"
