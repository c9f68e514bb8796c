"""A job whose image is built from a directory of the app (``ContainerImage.from_asset``), as
AWS CDK apps ship their own code. Ported from AWS CDK by changing imports only."""
import os

from constructs import Construct
from cdktf import TerraformStack

from batch_constructs import (EcsFargateContainerDefinition, EcsJobDefinition, FargateComputeEnvironment,
                              JobQueue, OrderedComputeEnvironment)
from batch_constructs import ec2, ecs
from batch_constructs.core import Size
from batch_constructs.providers import aws_provider

DOCKER_DIRECTORY = os.path.join(os.path.dirname(__file__), "docker_context")


class DockerAssetStack(TerraformStack):
    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id)
        aws_provider(self, region="us-east-1")

        vpc = ec2.Vpc(self, "Vpc", max_azs=2)
        environment = FargateComputeEnvironment(self, "Fargate", vpc=vpc)
        JobQueue(self, "Queue", compute_environments=[
            OrderedComputeEnvironment(compute_environment=environment, order=1)])
        EcsJobDefinition(self, "Worker", container=EcsFargateContainerDefinition(
            self, "WorkerContainer",
            image=ecs.ContainerImage.from_asset(DOCKER_DIRECTORY, build_args={"PYTHON_VERSION": "3.12"}),
            cpu=1,
            memory=Size.gibibytes(2),
            command=["python", "/app/worker.py"],
        ))
