"""EKS and multi-node examples of the seed README: "Running Kubernetes Workflows" (an EKS job
definition with emptyDir, hostPath and secret volumes) and "Running Distributed Workflows"
(multi-node job definitions with two container ranges, main node 0 and main node 5)."""
from __future__ import annotations

from batch_constructs import (Action, DnsPolicy, EcsEc2ContainerDefinition, EksContainerDefinition,
                              EksJobDefinition, EksVolume, EmptyDirMediumType, ImagePullPolicy,
                              MultiNodeContainer, MultiNodeJobDefinition, Reason, RetryStrategy)
from batch_constructs.bindings import resource_class
from batch_constructs.core import Duration, Size
from batch_constructs.ec2 import InstanceClass, InstanceSize, InstanceType
from batch_constructs.ecs import ContainerImage

from ._base import ExampleStack


class KubernetesWorkflowStack(ExampleStack):
    """Seed: ``EksJobDefinition`` "eksf2" with an emptyDir volume, then ``add_volume`` of an
    emptyDir, a hostPath and a secret volume.

    Two deviations from the seed so that the pod can run: Kubernetes volume names are lower-case
    DNS labels (the seed's ``myEmptyDirVolume``, ``emptyDir``, ``hostPath`` are not), and AWS Batch
    needs a CPU and a memory request for an EKS container (the seed sets none)."""

    def build(self) -> None:
        job_defn = EksJobDefinition(self, "eksf2", container=EksContainerDefinition(
            self, "container",
            image=ContainerImage.from_registry("amazon/amazon-ecs-sample"),
            cpu_reservation=0.25, memory_reservation=Size.mebibytes(512),
            volumes=[EksVolume.empty_dir(
                name="my-empty-dir-volume",
                mount_path="/mount/path",
                medium=EmptyDirMediumType.MEMORY,
                readonly=True,
                size_limit=Size.mebibytes(2048),
            )],
        ))
        # The seed omits size_limit here; the Terraform AWS provider requires it.
        job_defn.container.add_volume(EksVolume.empty_dir(
            name="empty-dir", mount_path="/Volumes/emptyDir", size_limit=Size.gibibytes(1)))
        job_defn.container.add_volume(EksVolume.host_path(
            name="host-path", host_path="/sys", mount_path="/Volumes/hostPath"))
        job_defn.container.add_volume(EksVolume.secret(
            name="secret", optional=True, mount_path="/Volumes/secret", secret_name="mySecret"))


class EksPodOptionsStack(ExampleStack):
    """Every ``EksContainerDefinition`` and ``EksJobDefinition`` option at once."""

    def build(self) -> None:
        container = EksContainerDefinition(
            self, "Container",
            image=ContainerImage.from_registry("public.ecr.aws/amazonlinux/amazonlinux:2023"),
            name="main",
            command=["sh", "-c"],
            args=["echo ${GREETING} from Ref::who && sleep 5"],
            env={"GREETING": "hello", "STAGE": "test"},
            image_pull_policy=ImagePullPolicy.IF_NOT_PRESENT,
            cpu_limit=2, cpu_reservation=0.5,
            memory_limit=Size.gibibytes(4), memory_reservation=Size.gibibytes(4),
            gpu_limit=1, gpu_reservation=1,
            privileged=False, readonly_root_filesystem=True,
            run_as_user=1000, run_as_group=3000, run_as_root=False,
            volumes=[EksVolume.empty_dir(name="scratch", mount_path="/scratch", medium=EmptyDirMediumType.DISK,
                                         size_limit=Size.gibibytes(8))],
        )
        EksJobDefinition(
            self, "PodJob", container=container,
            dns_policy=DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET, use_host_network=True,
            service_account="batch-jobs",
            parameters={"who": "batch"},
            retry_attempts=3,
            retry_strategies=[RetryStrategy.of(Action.EXIT, Reason.CANNOT_PULL_CONTAINER)],
            scheduling_priority=10,
            timeout=Duration.minutes(30),
        )


class EksEcrImageStack(ExampleStack):
    """An EKS job whose image lives in an ECR repository (AWS CDK crashes here, aws/aws-cdk#28417):
    the URI is rendered and no execution role is created (EKS nodes pull with their node role)."""

    def build(self) -> None:
        repository = resource_class("aws_ecr_repository")(
            self, "Repository", name="batch-constructs-eks-example", force_delete=True)
        EksJobDefinition(self, "EcrJob", container=EksContainerDefinition(
            self, "Container", image=ContainerImage.from_ecr_repository(repository, "v1"),
            cpu_reservation=0.25, memory_limit=Size.mebibytes(512), command=["python", "main.py"]))


def _mpi_container(scope: ExampleStack, id: str, image: str) -> EcsEc2ContainerDefinition:
    # The seed writes cpu=256 (256 vCPUs, more than an r4.large has): 1 vCPU per node here.
    return EcsEc2ContainerDefinition(scope, id, image=ContainerImage.from_registry(image), cpu=1,
                                     memory=Size.mebibytes(2048))


class DistributedWorkflowStack(ExampleStack):
    """Seed: nodes 0-5 run the main MPI container, nodes 6-10 (added later) a second one;
    main node 0 (the default), r4.large instances."""

    def build(self) -> None:
        multi_node_job = MultiNodeJobDefinition(
            self, "JobDefinition",
            instance_type=InstanceType.of(InstanceClass.R4, InstanceSize.LARGE),
            containers=[MultiNodeContainer(
                container=_mpi_container(self, "mainMPIContainer", "yourregsitry.com/yourMPIImage:latest"),
                start_node=0, end_node=5)],
        )
        multi_node_job.add_container(MultiNodeContainer(
            start_node=6, end_node=10,
            container=_mpi_container(self, "multiContainer", "amazon/amazon-ecs-sample")))


class MainNodeFiveStack(ExampleStack):
    """Seed: ``main_node=5`` with r4.large; two ranges (0-4 workers, 5-9 with the main node)."""

    def build(self) -> None:
        multi_node_job = MultiNodeJobDefinition(
            self, "JobDefinition",
            main_node=5,
            instance_type=InstanceType.of(InstanceClass.R4, InstanceSize.LARGE),
            propagate_tags=True,
            retry_attempts=2,
            timeout=Duration.hours(1),
        )
        multi_node_job.add_container(
            container=_mpi_container(self, "workers", "amazon/amazon-ecs-sample"), start_node=0, end_node=4)
        multi_node_job.add_container(
            container=_mpi_container(self, "leaders", "amazon/amazon-ecs-sample"), start_node=5, end_node=9)


STACKS = {
    "eks-kubernetes-workflow": KubernetesWorkflowStack,
    "eks-pod-options": EksPodOptionsStack,
    "eks-ecr-image": EksEcrImageStack,
    "multinode-distributed": DistributedWorkflowStack,
    "multinode-main-node-5": MainNodeFiveStack,
}
