"""Multi-node MPI: a cluster placement group, a security group open to itself (MPI ranks talk on
any port), SSH from the head-node environment's group, and a multi-node job definition.

Ported from AWS CDK by changing imports only."""
from constructs import Construct
from cdktf import TerraformStack

from batch_constructs import (EcsEc2ContainerDefinition, JobQueue, ManagedEc2EcsComputeEnvironment,
                              MultiNodeContainer, MultiNodeJobDefinition, OrderedComputeEnvironment)
from batch_constructs import ec2, ecs
from batch_constructs.core import Duration, Size
from batch_constructs.providers import aws_provider


class MpiStack(TerraformStack):
    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id)
        aws_provider(self, region="us-east-1")

        vpc = ec2.Vpc(self, "Vpc", max_azs=1)

        mpi_security_group = ec2.SecurityGroup(
            self, "MpiSecurityGroup", vpc=vpc, allow_all_outbound=True,
            description="MPI ranks of one multi-node job")
        mpi_security_group.connections.allow_internally(ec2.Port.all_traffic(), "MPI between nodes")

        head_security_group = ec2.SecurityGroup(self, "HeadSecurityGroup", vpc=vpc,
                                                description="Submit hosts and the head node")
        head_security_group.add_ingress_rule(ec2.Peer.ipv4(vpc.vpc_cidr_block), ec2.Port.tcp_range(8000, 8100),
                                             "Dashboards inside the VPC")

        placement_group = ec2.PlacementGroup(self, "ClusterPlacement",
                                             strategy=ec2.PlacementGroupStrategy.CLUSTER)

        mpi_environment = ManagedEc2EcsComputeEnvironment(
            self, "MpiEnvironment",
            vpc=vpc,
            instance_types=[ec2.InstanceType.of(ec2.InstanceClass.C5N, ec2.InstanceSize.XLARGE18)],
            use_optimal_instance_classes=False,
            security_groups=[mpi_security_group],
            placement_group=placement_group,
            maxv_cpus=720,
        )
        head_environment = ManagedEc2EcsComputeEnvironment(
            self, "HeadEnvironment", vpc=vpc, security_groups=[head_security_group], maxv_cpus=16)
        head_environment.connections.allow_to(mpi_environment, ec2.Port.tcp(22), "head node to ranks")

        JobQueue(self, "MpiQueue", priority=100, compute_environments=[
            OrderedComputeEnvironment(compute_environment=mpi_environment, order=1)])
        JobQueue(self, "HeadQueue", priority=1, compute_environments=[
            OrderedComputeEnvironment(compute_environment=head_environment, order=1)])

        image = ecs.ContainerImage.from_registry("public.ecr.aws/hpc/openmpi-benchmarks:latest")
        main = EcsEc2ContainerDefinition(self, "MainNode", image=image, cpu=72, memory=Size.gibibytes(180),
                                         command=["/opt/run-mpi.sh", "main"], privileged=True)
        worker = EcsEc2ContainerDefinition(self, "WorkerNode", image=image, cpu=72, memory=Size.gibibytes(180),
                                           command=["/opt/run-mpi.sh", "worker"], privileged=True)
        job_definition = MultiNodeJobDefinition(
            self, "MpiJob",
            main_node=0,
            instance_type=ec2.InstanceType.of(ec2.InstanceClass.C5N, ec2.InstanceSize.XLARGE18),
            containers=[MultiNodeContainer(container=main, start_node=0, end_node=0)],
            timeout=Duration.hours(4),
            propagate_tags=True,
        )
        job_definition.add_container(container=worker, start_node=1, end_node=7)
