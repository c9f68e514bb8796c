"""A job whose image lives in an ECR repository the app owns (the way to ship a home-built
image while ``ContainerImage.from_asset`` is not available; see ``app_docker_asset``).

Ported from AWS CDK by changing imports only."""
from constructs import Construct
from cdktf import TerraformStack

from batch_constructs import (EcsFargateContainerDefinition, EcsJobDefinition, FargateComputeEnvironment,
                              JobQueue, OrderedComputeEnvironment)
from batch_constructs import ec2, ecr, ecs
from batch_constructs.core import RemovalPolicy, Size
from batch_constructs.providers import aws_provider


class DockerImageStack(TerraformStack):
    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id)
        aws_provider(self, region="us-east-1")

        vpc = ec2.Vpc(self, "Vpc", max_azs=2)
        repository = ecr.Repository(
            self, "TranscoderRepository",
            repository_name="video-transcoder",
            image_scan_on_push=True,
            image_tag_mutability=ecr.TagMutability.IMMUTABLE,
            removal_policy=RemovalPolicy.DESTROY,
            empty_on_delete=True,
            lifecycle_rules=[ecr.LifecycleRule(max_image_count=20, description="keep the last 20 builds")],
        )

        environment = FargateComputeEnvironment(self, "Fargate", vpc=vpc, spot=True)
        JobQueue(self, "TranscodeQueue", compute_environments=[
            OrderedComputeEnvironment(compute_environment=environment, order=1)])
        EcsJobDefinition(self, "Transcode", container=EcsFargateContainerDefinition(
            self, "TranscodeContainer",
            image=ecs.ContainerImage.from_ecr_repository(repository, "1.4.2"),
            cpu=2,
            memory=Size.gibibytes(4),
            command=["ffmpeg", "-i", "Ref::input", "Ref::output"],
            assign_public_ip=False,
        ))
