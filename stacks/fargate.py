"""Fargate examples of the seed README: "Spot Instances" (a Fargate Spot compute environment)
and "Running an ECS workflow with Fargate container", plus a queue wiring them together."""
from __future__ import annotations

from batch_constructs import (EcsFargateContainerDefinition, EcsJobDefinition, FargateComputeEnvironment,
                              JobQueue, OrderedComputeEnvironment)
from batch_constructs.core import Size
from batch_constructs.ec2 import Vpc
from batch_constructs.ecs import ContainerImage, CpuArchitecture, OperatingSystemFamily

from ._base import ExampleStack


class SpotFargateStack(ExampleStack):
    """Seed: ``FargateComputeEnvironment(vpc=vpc, spot=True)``."""

    def build(self) -> None:
        vpc = Vpc(self, "VPC")
        FargateComputeEnvironment(self, "myFargateComputeEnv", vpc=vpc, spot=True)


def fargate_job_definition(scope: ExampleStack) -> EcsJobDefinition:
    # The seed writes cpu=256 (that would be 256 vCPUs; Fargate offers at most 16):
    # 0.25 vCPU with 2048 MiB is the nearest valid Fargate size.
    return EcsJobDefinition(scope, "JobDefn", container=EcsFargateContainerDefinition(
        scope, "myFargateContainer",
        image=ContainerImage.from_registry("public.ecr.aws/amazonlinux/amazonlinux:latest"),
        memory=Size.mebibytes(2048),
        cpu=0.25,
        ephemeral_storage_size=Size.gibibytes(100),
        fargate_cpu_architecture=CpuArchitecture.ARM64,
        fargate_operating_system_family=OperatingSystemFamily.LINUX,
    ))


class FargateJobDefinitionStack(ExampleStack):
    """Seed: ``EcsJobDefinition`` with an ``EcsFargateContainerDefinition``."""

    def build(self) -> None:
        fargate_job_definition(self)


class FargateQueueStack(ExampleStack):
    """A queue that sends jobs to Fargate Spot first and on-demand Fargate second."""

    def build(self) -> None:
        vpc = Vpc(self, "VPC")
        spot = FargateComputeEnvironment(self, "SpotFargate", vpc=vpc, spot=True)
        on_demand = FargateComputeEnvironment(self, "OnDemandFargate", vpc=vpc, maxv_cpus=64)
        queue = JobQueue(self, "JobQueue", priority=10,
                         compute_environments=[OrderedComputeEnvironment(spot, 1)])
        queue.add_compute_environment(on_demand, 2)
        fargate_job_definition(self)


STACKS = {
    "spot-fargate": SpotFargateStack,
    "fargate-job-definition": FargateJobDefinitionStack,
    "fargate-queue": FargateQueueStack,
}
