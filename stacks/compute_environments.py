"""Compute-environment examples of the seed README ("Spot Instances", "Choosing Your Instance
Types", "Configure AMIs", "Allocation Strategies", "Controlling vCPU allocation", "Tagging
Instances"), plus a launch template + placement group, an EKS and an unmanaged environment."""
from __future__ import annotations

from batch_constructs import (AllocationStrategy, EcsMachineImage, EcsMachineImageType, ManagedEc2EcsComputeEnvironment,
                              ManagedEc2EksComputeEnvironment, UnmanagedComputeEnvironment)
from batch_constructs.bindings import resource_class
from batch_constructs.core import Duration, Tags
from batch_constructs.ec2 import InstanceClass, InstanceSize, InstanceType, LaunchTemplate, PlacementGroup, Vpc
from batch_constructs.iam import ManagedPolicy, Role, ServicePrincipal

from ._base import ExampleStack

M5AD_LARGE = InstanceType.of(InstanceClass.M5AD, InstanceSize.LARGE)


class SpotEc2Stack(ExampleStack):
    """Seed "Spot Instances": spot instances at most 20 % of the on-demand price."""

    def build(self) -> None:
        vpc = Vpc(self, "VPC")
        ManagedEc2EcsComputeEnvironment(self, "myEc2ComputeEnv", vpc=vpc, spot=True, spot_bid_percentage=20)


class InstanceTypeStack(ExampleStack):
    """Seed "Choosing Your Instance Types": only m5ad.large (plus ``optimal``, AWS CDK's default)."""

    def build(self) -> None:
        vpc = Vpc(self, "VPC")
        ManagedEc2EcsComputeEnvironment(self, "myEc2ComputeEnv", vpc=vpc, instance_types=[M5AD_LARGE])


class InstanceClassesStack(ExampleStack):
    """Seed: an instance class on the constructor (R4) and one added later (M5AD)."""

    def build(self) -> None:
        vpc = Vpc(self, "VPC")
        ce = ManagedEc2EcsComputeEnvironment(self, "myEc2ComputeEnv", vpc=vpc, instance_classes=[InstanceClass.R4])
        ce.add_instance_class(InstanceClass.M5AD)


class OptimalAndTypeStack(ExampleStack):
    """Seed: ``optimal`` alongside an instance type and classes added with ``add_*``."""

    def build(self) -> None:
        vpc = Vpc(self, "VPC")
        ce = ManagedEc2EcsComputeEnvironment(self, "myEc2ComputeEnv", vpc=vpc, instance_types=[M5AD_LARGE],
                                             use_optimal_instance_classes=True)
        ce.add_instance_class(InstanceClass.C4)
        ce.add_instance_class(InstanceClass.M4)
        ce.add_instance_class(InstanceClass.R4)


class Al2023Stack(ExampleStack):
    """Seed "Configure AMIs": Amazon Linux 2023."""

    def build(self) -> None:
        vpc = Vpc(self, "VPC")
        ManagedEc2EcsComputeEnvironment(self, "myEc2ComputeEnv", vpc=vpc,
                                        images=[EcsMachineImage(image_type=EcsMachineImageType.ECS_AL2023)])


class AllocationStrategiesStack(ExampleStack):
    """Seed "Allocation Strategies": BEST_FIT_PROGRESSIVE with M5 + optimal, BEST_FIT with
    optimal, and spot with BEST_FIT (the one case that uses a spot fleet role)."""

    def build(self) -> None:
        vpc = Vpc(self, "VPC")
        ManagedEc2EcsComputeEnvironment(self, "progressive", vpc=vpc, instance_classes=[InstanceClass.M5])
        ManagedEc2EcsComputeEnvironment(self, "bestFit", vpc=vpc, allocation_strategy=AllocationStrategy.BEST_FIT)
        ManagedEc2EcsComputeEnvironment(self, "spotBestFit", vpc=vpc, spot=True,
                                        allocation_strategy=AllocationStrategy.BEST_FIT)


class VcpusStack(ExampleStack):
    """Seed "Controlling vCPU allocation": min 10, max 100 vCPUs of R4."""

    def build(self) -> None:
        vpc = Vpc(self, "VPC")
        ManagedEc2EcsComputeEnvironment(self, "myEc2ComputeEnv", vpc=vpc, instance_classes=[InstanceClass.R4],
                                        minv_cpus=10, maxv_cpus=100)


class TaggedInstancesStack(ExampleStack):
    """Seed "Tagging Instances": ``Tags.of(ce)`` reaches the instances; stack tags do not."""

    def build(self) -> None:
        vpc = Vpc(self, "VPC")
        ce = ManagedEc2EcsComputeEnvironment(self, "CEThatMakesTaggedInstnaces", vpc=vpc)
        Tags.of(ce).add("super", "salamander")
        Tags.of(self).add("project", "batch-examples")


class LaunchTemplateStack(ExampleStack):
    """A launch template (pinned to its latest version), a placement group and an update policy."""

    def build(self) -> None:
        vpc = Vpc(self, "VPC")
        template = LaunchTemplate(self, "LaunchTemplate", user_data=USER_DATA)
        group = PlacementGroup(self, "PlacementGroup")
        ManagedEc2EcsComputeEnvironment(self, "myEc2ComputeEnv", vpc=vpc, instance_classes=[InstanceClass.C5],
                                        launch_template=template, placement_group=group,
                                        update_timeout=Duration.minutes(45), terminate_on_update=False)


USER_DATA = """MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="==BOUNDARY=="

--==BOUNDARY==
Content-Type: text/x-shellscript; charset="us-ascii"

#!/bin/bash
echo ECS_IMAGE_PULL_BEHAVIOR=prefer-cached >> /etc/ecs/ecs.config

--==BOUNDARY==--
"""


class EksStack(ExampleStack):
    """An EKS cluster (the provider's L1) and a managed EC2 environment on it."""

    def build(self) -> None:
        vpc = Vpc(self, "VPC")
        cluster_role = Role(self, "ClusterRole", assumed_by=ServicePrincipal("eks.amazonaws.com"),
                            managed_policies=[ManagedPolicy.from_aws_managed_policy_name("AmazonEKSClusterPolicy")])
        cluster = resource_class("aws_eks_cluster")(
            self, "Cluster", name="batch-example", role_arn=cluster_role.role_arn,
            vpc_config={"subnet_ids": vpc.private_subnet_ids})
        ManagedEc2EksComputeEnvironment(self, "myEksComputeEnv", vpc=vpc, eks_cluster=cluster,
                                        kubernetes_namespace="batch", instance_classes=[InstanceClass.M5],
                                        use_optimal_instance_classes=False)


class UnmanagedStack(ExampleStack):
    """An unmanaged environment with its created Batch service role."""

    def build(self) -> None:
        UnmanagedComputeEnvironment(self, "myUnmanagedComputeEnv")


STACKS = {
    "ce-spot-ec2": SpotEc2Stack,
    "ce-instance-type": InstanceTypeStack,
    "ce-instance-classes": InstanceClassesStack,
    "ce-optimal-and-type": OptimalAndTypeStack,
    "ce-al2023": Al2023Stack,
    "ce-allocation-strategies": AllocationStrategiesStack,
    "ce-vcpus": VcpusStack,
    "ce-tagged-instances": TaggedInstancesStack,
    "ce-launch-template": LaunchTemplateStack,
    "ce-eks": EksStack,
    "ce-unmanaged": UnmanagedStack,
}
