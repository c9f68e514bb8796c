"""Spot EC2 environment whose launch template carries a gp3 root volume and MIME multi-part user
data (the form Batch requires), a job queue and an ECS job definition.

Ported from AWS CDK by changing imports only:
``aws_cdk.aws_batch`` → ``batch_constructs``, ``aws_cdk.aws_ec2`` → ``batch_constructs.ec2``, ...
"""
from constructs import Construct
from cdktf import TerraformStack

from batch_constructs import (AllocationStrategy, EcsEc2ContainerDefinition, EcsJobDefinition, JobQueue,
                              ManagedEc2EcsComputeEnvironment, OrderedComputeEnvironment)
from batch_constructs import ec2, ecs
from batch_constructs.core import Duration, Size
from batch_constructs.providers import aws_provider


class SpotLaunchTemplateStack(TerraformStack):
    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id)
        aws_provider(self, region="us-east-1")

        vpc = ec2.Vpc(self, "Vpc", max_azs=2)

        setup = ec2.UserData.for_linux()
        setup.add_commands(
            "echo ECS_IMAGE_PULL_BEHAVIOR=prefer-cached >> /etc/ecs/ecs.config",
            "yum install -y amazon-efs-utils",
        )
        user_data = ec2.MultipartUserData()
        user_data.add_user_data_part(setup, ec2.MultipartBody.SHELL_SCRIPT, True)

        launch_template = ec2.LaunchTemplate(
            self, "LaunchTemplate",
            launch_template_name="spot-batch-workers",
            block_devices=[ec2.BlockDevice(
                device_name="/dev/xvda",
                volume=ec2.BlockDeviceVolume.ebs(
                    100, volume_type=ec2.EbsDeviceVolumeType.GP3, encrypted=True,
                    iops=3000, throughput=250, delete_on_termination=True),
            )],
            user_data=user_data,
            require_imdsv2=True,
            http_put_response_hop_limit=2,
            detailed_monitoring=True,
        )

        compute_environment = ManagedEc2EcsComputeEnvironment(
            self, "SpotEnvironment",
            vpc=vpc,
            vpc_subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_WITH_EGRESS),
            spot=True,
            spot_bid_percentage=80,
            allocation_strategy=AllocationStrategy.SPOT_PRICE_CAPACITY_OPTIMIZED,
            instance_types=[
                ec2.InstanceType.of(ec2.InstanceClass.M5, ec2.InstanceSize.XLARGE2),
                ec2.InstanceType.of(ec2.InstanceClass.C5, ec2.InstanceSize.XLARGE2),
            ],
            use_optimal_instance_classes=False,
            launch_template=launch_template,
            minv_cpus=0,
            maxv_cpus=256,
        )

        JobQueue(self, "Queue", priority=10, compute_environments=[
            OrderedComputeEnvironment(compute_environment=compute_environment, order=1)])

        EcsJobDefinition(
            self, "AlignReads",
            timeout=Duration.hours(6),
            retry_attempts=3,
            container=EcsEc2ContainerDefinition(
                self, "AlignContainer",
                image=ecs.ContainerImage.from_registry("public.ecr.aws/biocontainers/bwa:0.7.17"),
                cpu=4,
                memory=Size.gibibytes(16),
                command=["bwa", "mem", "Ref::reference", "Ref::reads"],
                environment={"THREADS": "4"},
            ),
            parameters={"reference": "ref.fa", "reads": "reads.fq"},
        )
