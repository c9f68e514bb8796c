"""Scale for the benchmark: one stack with N Fargate job definitions (a queue on one Fargate
environment), with this library or, with ``--aws-cdk``, with ``aws_cdk.aws_batch``; with
``--core-floor [cdktf|cdktn]``, the least any Python code on that core can do for the same Terraform:
per job definition the same 3 constructs and 4 elements (a core ``TerraformResource`` subclass whose
one ``synthesizeAttributes`` callback returns fixed attributes, with the same 2 attribute tokens),
no validation, no rendering.

    python bench/scale_app.py N OUTDIR [--aws-cdk | --core-floor [cdktf|cdktn]]
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


def core_floor(count: int, outdir: str, core_name: str) -> None:
    import importlib

    from constructs import Construct
    from core_same_terraform_app import element_class  # (bench/ is the script's directory)
    core = importlib.import_module(core_name)
    Element = element_class(core.TerraformResource)

    app = core.App(outdir=outdir)
    stack = core.TerraformStack(app, "scale")
    trust = '{"Version":"2012-10-17","Statement":[{"Action":"sts:AssumeRole","Effect":"Allow",' \
            '"Principal":{"Service":"ecs-tasks.amazonaws.com"}}]}'
    for i in range(count):
        container = Construct(stack, f"Container{i}")
        role_scope = Construct(container, "ExecutionRole")
        role = Element(role_scope, "Resource", "aws_iam_role", {"assume_role_policy": trust,
                                                                 "force_detach_policies": True})
        arn, name = role.get_string_attribute("arn"), role.get_string_attribute("name")
        Element(role_scope, "DefaultPolicy", "aws_iam_role_policy", {"policy": "{}", "role": name})
        Element(role_scope, "PolicyAttachment0", "aws_iam_role_policy_attachment",
                {"policy_arn": "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy", "role": name})
        job = Construct(stack, f"Job{i}")
        Element(job, "Resource", "aws_batch_job_definition", {
            "container_properties": '{"command":["echo","%d"],"executionRoleArn":"%s"}' % (i, arn),
            "name": f"scale-Job{i}", "platform_capabilities": ["FARGATE"], "type": "container"})
    app.synth()


if __name__ == "__main__":
    if "--core-floor" in sys.argv:
        rest = sys.argv[sys.argv.index("--core-floor") + 1:]
        core_floor(int(sys.argv[1]), sys.argv[2], rest[0] if rest else "cdktf")
    else:
        (aws_cdk if "--aws-cdk" in sys.argv else ours)(int(sys.argv[1]), sys.argv[2])
