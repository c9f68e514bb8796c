"""Queue examples of the seed README: "Sharing a ComputeEnvironment between multiple
JobQueues", "React to jobs stuck in RUNNABLE state" and the three "Fairshare Scheduling"
examples (equal weights, share decay, compute reservation)."""
from __future__ import annotations

from batch_constructs import (FairshareSchedulingPolicy, FargateComputeEnvironment, JobQueue,
                              JobStateTimeLimitAction, JobStateTimeLimitActionsAction,
                              JobStateTimeLimitActionsReason, JobStateTimeLimitActionsState,
                              OrderedComputeEnvironment, Share)
from batch_constructs.core import Duration
from batch_constructs.ec2 import Vpc

from ._base import ExampleStack


class SharedComputeEnvironmentStack(ExampleStack):
    """Seed: one Fargate Spot environment shared by a low- (1) and a high-priority (10) queue."""

    def build(self) -> None:
        vpc = Vpc(self, "VPC")
        shared = FargateComputeEnvironment(self, "spotEnv", vpc=vpc, spot=True)
        # The seed gives both queues the id "JobQueue"; construct ids must be unique.
        low = JobQueue(self, "LowPriorityQueue", priority=1)
        high = JobQueue(self, "HighPriorityQueue", priority=10)
        low.add_compute_environment(shared, 1)
        high.add_compute_environment(shared, 1)


class RunnableTimeLimitStack(ExampleStack):
    """Seed: cancel jobs stuck RUNNABLE (10 minutes for missing capacity; a second action for a
    job that asks for more than the environment can ever give)."""

    def build(self) -> None:
        vpc = Vpc(self, "VPC")
        environment = FargateComputeEnvironment(self, "FargateEnv", vpc=vpc)
        JobQueue(self, "JobQueue", compute_environments=[OrderedComputeEnvironment(environment, 1)],
                 job_state_time_limit_actions=[
                     JobStateTimeLimitAction(
                         action=JobStateTimeLimitActionsAction.CANCEL,
                         max_time=Duration.minutes(10),
                         reason=JobStateTimeLimitActionsReason.INSUFFICIENT_INSTANCE_CAPACITY,
                         state=JobStateTimeLimitActionsState.RUNNABLE),
                     JobStateTimeLimitAction(
                         max_time=Duration.hours(1),
                         reason=JobStateTimeLimitActionsReason.JOB_RESOURCE_REQUIREMENT),
                 ])


class FairshareWeightsStack(ExampleStack):
    """Seed: shares A and B with equal weights on a fair-share queue (two 32-vCPU A jobs run
    per 64-vCPU B job; see ``python -m batch_constructs fairshare``)."""

    def build(self) -> None:
        vpc = Vpc(self, "VPC")
        environment = FargateComputeEnvironment(self, "FargateEnv", vpc=vpc)
        policy = FairshareSchedulingPolicy(self, "myFairsharePolicy")
        policy.add_share(Share(share_identifier="A", weight_factor=1))
        policy.add_share(Share(share_identifier="B", weight_factor=1))
        queue = JobQueue(self, "JobQueue", scheduling_policy=policy)
        queue.add_compute_environment(environment, 1)


class FairshareShareDecayStack(ExampleStack):
    """Seed: a fair-share policy whose share decay is 5 minutes."""

    def build(self) -> None:
        FairshareSchedulingPolicy(self, "myFairsharePolicy", share_decay=Duration.minutes(5))


class FairshareComputeReservationStack(ExampleStack):
    """Seed: 75 % compute reservation for shares A (1), B (0.5) and C (2)."""

    def build(self) -> None:
        FairshareSchedulingPolicy(self, "myFairsharePolicy", compute_reservation=75, shares=[
            Share(weight_factor=1, share_identifier="A"),
            Share(weight_factor=0.5, share_identifier="B"),
            Share(weight_factor=2, share_identifier="C"),
        ])


STACKS = {
    "queue-shared-compute-environment": SharedComputeEnvironmentStack,
    "queue-runnable-time-limit": RunnableTimeLimitStack,
    "queue-fairshare-weights": FairshareWeightsStack,
    "queue-fairshare-share-decay": FairshareShareDecayStack,
    "queue-fairshare-compute-reservation": FairshareComputeReservationStack,
}
