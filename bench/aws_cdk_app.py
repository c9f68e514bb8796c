"""AWS CDK (CloudFormation) app with the same example stacks, for the benchmark's second ratio.

    python bench/aws_cdk_app.py OUTDIR      (needs aws-cdk-lib; bench/run.py installs it)
"""
from __future__ import annotations

import os
import sys

os.environ.setdefault("JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION", "1")
os.environ.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "18,20")

import aws_cdk as cdk  # noqa: E402
from aws_cdk import aws_batch as batch  # noqa: E402
from aws_cdk import aws_ec2 as ec2  # noqa: E402
from aws_cdk import aws_ecs as ecs  # noqa: E402


def job_definition(scope: cdk.Stack) -> None:
    batch.EcsJobDefinition(scope, "JobDefn", container=batch.EcsFargateContainerDefinition(
        scope, "myFargateContainer",
        image=ecs.ContainerImage.from_registry("public.ecr.aws/amazonlinux/amazonlinux:latest"),
        memory=cdk.Size.mebibytes(2048), cpu=0.25, ephemeral_storage_size=cdk.Size.gibibytes(100),
        fargate_cpu_architecture=ecs.CpuArchitecture.ARM64,
        fargate_operating_system_family=ecs.OperatingSystemFamily.LINUX))


def main(outdir: str) -> None:
    app = cdk.App(outdir=outdir)
    spot = cdk.Stack(app, "spot-fargate")
    batch.FargateComputeEnvironment(spot, "myFargateComputeEnv", vpc=ec2.Vpc(spot, "VPC", max_azs=2, nat_gateways=1),
                                    spot=True)
    job_definition(cdk.Stack(app, "fargate-job-definition"))
    queue_stack = cdk.Stack(app, "fargate-queue")
    vpc = ec2.Vpc(queue_stack, "VPC", max_azs=2, nat_gateways=1)
    spot_ce = batch.FargateComputeEnvironment(queue_stack, "SpotFargate", vpc=vpc, spot=True)
    on_demand = batch.FargateComputeEnvironment(queue_stack, "OnDemandFargate", vpc=vpc, maxv_cpus=64)
    queue = batch.JobQueue(queue_stack, "JobQueue", priority=10, compute_environments=[
        batch.OrderedComputeEnvironment(compute_environment=spot_ce, order=1)])
    queue.add_compute_environment(on_demand, 2)
    job_definition(queue_stack)
    app.synth()


if __name__ == "__main__":
    main(sys.argv[1])
