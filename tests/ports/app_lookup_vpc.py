"""A Fargate environment in an existing VPC looked up by id (no network is created).

Ported from AWS CDK by changing imports only."""
from constructs import Construct
from cdktf import TerraformStack

from batch_constructs import (EcsFargateContainerDefinition, EcsJobDefinition, FargateComputeEnvironment,
                              JobQueue)
from batch_constructs import ec2, ecs
from batch_constructs.core import Size
from batch_constructs.providers import aws_provider


class LookedUpVpcStack(TerraformStack):
    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id)
        aws_provider(self, region="us-east-1")

        vpc = ec2.Vpc.from_lookup(self, "SharedVpc", vpc_id="vpc-0a1b2c3d4e5f67890")

        security_group = ec2.SecurityGroup(self, "JobsSecurityGroup", vpc=vpc, allow_all_outbound=True,
                                           description="Batch Fargate jobs")
        environment = FargateComputeEnvironment(
            self, "Fargate",
            vpc=vpc,
            vpc_subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_WITH_EGRESS),
            security_groups=[security_group],
            maxv_cpus=64,
        )
        queue = JobQueue(self, "Queue")
        queue.add_compute_environment(environment, 1)
        EcsJobDefinition(self, "Job", container=EcsFargateContainerDefinition(
            self, "Container",
            image=ecs.ContainerImage.from_registry("public.ecr.aws/amazonlinux/amazonlinux:2023"),
            cpu=0.25,
            memory=Size.mebibytes(512),
            command=["echo", "hello"],
        ))
