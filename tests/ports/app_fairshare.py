"""Research queues with fair-share scheduling: one policy with weighted shares, a high- and a
low-priority queue on the same Fargate environment, both cancelling jobs stuck in RUNNABLE.

Ported from AWS CDK by changing imports only."""
from constructs import Construct
from cdktf import TerraformStack

from batch_constructs import (EcsFargateContainerDefinition, EcsJobDefinition, FairshareSchedulingPolicy,
                              FargateComputeEnvironment, JobQueue, JobStateTimeLimitAction,
                              JobStateTimeLimitActionsAction, JobStateTimeLimitActionsReason,
                              JobStateTimeLimitActionsState, OrderedComputeEnvironment, Share)
from batch_constructs import ec2, ecs
from batch_constructs.core import Duration, Size
from batch_constructs.providers import aws_provider


class FairshareQueuesStack(TerraformStack):
    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id)
        aws_provider(self, region="us-east-1")

        vpc = ec2.Vpc.from_lookup(self, "DefaultVpc", is_default=True)
        environment = FargateComputeEnvironment(self, "Fargate", vpc=vpc, maxv_cpus=256)

        policy = FairshareSchedulingPolicy(
            self, "LabShares",
            compute_reservation=25,
            share_decay=Duration.hours(1),
            shares=[
                Share(share_identifier="genomics", weight_factor=1),
                Share(share_identifier="imaging", weight_factor=0.5),
            ],
        )
        policy.add_share(Share(share_identifier="students*", weight_factor=4))

        stuck = [
            JobStateTimeLimitAction(
                action=JobStateTimeLimitActionsAction.CANCEL,
                max_time=Duration.minutes(30),
                reason=JobStateTimeLimitActionsReason.INSUFFICIENT_INSTANCE_CAPACITY,
                state=JobStateTimeLimitActionsState.RUNNABLE),
            JobStateTimeLimitAction(
                max_time=Duration.minutes(10),
                reason=JobStateTimeLimitActionsReason.JOB_RESOURCE_REQUIREMENT),
        ]
        JobQueue(self, "HighPriority", priority=100, scheduling_policy=policy,
                 job_state_time_limit_actions=stuck,
                 compute_environments=[OrderedComputeEnvironment(compute_environment=environment, order=1)])
        low = JobQueue(self, "LowPriority", priority=1, scheduling_policy=policy,
                       job_state_time_limit_actions=stuck[:1])
        low.add_compute_environment(environment, 1)

        EcsJobDefinition(self, "Analysis", scheduling_priority=50, container=EcsFargateContainerDefinition(
            self, "AnalysisContainer",
            image=ecs.ContainerImage.from_registry("public.ecr.aws/amazonlinux/amazonlinux:2023"),
            cpu=1,
            memory=Size.gibibytes(2),
            command=["sh", "-c", "echo analysing"],
        ))
