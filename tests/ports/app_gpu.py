"""A GPU compute environment (g5 and g6 instances) running a GPU training container (gpu=1).

Ported from AWS CDK by changing imports only."""
from constructs import Construct
from cdktf import TerraformStack

from batch_constructs import (EcsEc2ContainerDefinition, EcsJobDefinition, JobQueue, LinuxParameters,
                              ManagedEc2EcsComputeEnvironment)
from batch_constructs import ec2, ecs, logs
from batch_constructs.core import Duration, RemovalPolicy, Size
from batch_constructs.providers import aws_provider


class GpuTrainingStack(TerraformStack):
    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id)
        aws_provider(self, region="us-east-1")

        vpc = ec2.Vpc(self, "Vpc", max_azs=2, nat_gateways=1)

        gpu_environment = ManagedEc2EcsComputeEnvironment(
            self, "GpuEnvironment",
            vpc=vpc,
            instance_types=[
                ec2.InstanceType("g5.2xlarge"),
                ec2.InstanceType.of(ec2.InstanceClass.G6, ec2.InstanceSize.XLARGE2),
            ],
            use_optimal_instance_classes=False,
            minv_cpus=0,
            maxv_cpus=64,
        )

        queue = JobQueue(self, "GpuQueue", priority=1)
        queue.add_compute_environment(gpu_environment, 1)

        log_group = logs.LogGroup(self, "TrainingLogs", retention=logs.RetentionDays.ONE_MONTH,
                                  removal_policy=RemovalPolicy.DESTROY)
        container = EcsEc2ContainerDefinition(
            self, "TrainContainer",
            image=ecs.ContainerImage.from_registry("nvcr.io/nvidia/pytorch:24.05-py3"),
            cpu=8,
            memory=Size.gibibytes(30),
            gpu=1,
            command=["python", "train.py", "--epochs", "Ref::epochs"],
            linux_parameters=LinuxParameters(self, "TrainLinux", shared_memory_size=Size.gibibytes(8)),
            logging=ecs.LogDrivers.aws_logs(stream_prefix="train", log_group=log_group),
        )
        EcsJobDefinition(self, "TrainJob", container=container, parameters={"epochs": "10"},
                         timeout=Duration.hours(12))
