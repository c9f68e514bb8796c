"""Scale for the benchmark: one stack with N Fargate job definitions (a queue on one Fargate
environment), with this library or, with ``--aws-cdk``, with ``aws_cdk.aws_batch``.

    python bench/scale_app.py N OUTDIR [--aws-cdk]
"""
from __future__ import annotations

import sys


def ours(count: int, outdir: str) -> None:
    from batch_constructs import (App, EcsFargateContainerDefinition, EcsJobDefinition,  # first: the wheel's Node
                                  FargateComputeEnvironment, JobQueue, OrderedComputeEnvironment)
    from batch_constructs.core import Size
    from batch_constructs.ec2 import Vpc
    from batch_constructs.ecs import ContainerImage
    from batch_constructs._core import default_core
    from batch_constructs.providers import aws_provider

    app = App(outdir=outdir)  # the core: $BATCH_CONSTRUCTS_CORE, else the one installed
    stack = default_core().TerraformStack(app, "scale")
    aws_provider(stack, region="us-east-1")
    ce = FargateComputeEnvironment(stack, "CE", vpc=Vpc(stack, "Vpc"))
    JobQueue(stack, "Queue", compute_environments=[OrderedComputeEnvironment(compute_environment=ce, order=1)])
    image = ContainerImage.from_registry("public.ecr.aws/amazonlinux/amazonlinux:latest")
    for i in range(count):
        EcsJobDefinition(stack, f"Job{i}", container=EcsFargateContainerDefinition(
            stack, f"Container{i}", image=image, cpu=0.25, memory=Size.mebibytes(512), command=["echo", str(i)]))
    app.synth()


def aws_cdk(count: int, outdir: str) -> None:
    import aws_cdk as cdk
    from aws_cdk import aws_batch as batch
    from aws_cdk import aws_ec2 as ec2
    from aws_cdk import aws_ecs as ecs

    app = cdk.App(outdir=outdir)
    stack = cdk.Stack(app, "scale")
    ce = batch.FargateComputeEnvironment(stack, "CE", vpc=ec2.Vpc(stack, "Vpc", max_azs=2, nat_gateways=1))
    batch.JobQueue(stack, "Queue", compute_environments=[
        batch.OrderedComputeEnvironment(compute_environment=ce, order=1)])
    image = ecs.ContainerImage.from_registry("public.ecr.aws/amazonlinux/amazonlinux:latest")
    for i in range(count):
        batch.EcsJobDefinition(stack, f"Job{i}", container=batch.EcsFargateContainerDefinition(
            stack, f"Container{i}", image=image, cpu=0.25, memory=cdk.Size.mebibytes(512), command=["echo", str(i)]))
    app.synth()


if __name__ == "__main__":
    (aws_cdk if "--aws-cdk" in sys.argv else ours)(int(sys.argv[1]), sys.argv[2])
