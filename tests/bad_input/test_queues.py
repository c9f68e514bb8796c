"""Rows for job queues, fair-share scheduling policies, the fair-share calculator and the IAM
and ECS helpers: every mistake is a ValidationError naming the construct (``None`` for value
objects), the keyword, what was expected and what was given."""
from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

import pytest

from batch_constructs import (FairshareSchedulingPolicy, FargateComputeEnvironment, JobQueue,
                              JobStateTimeLimitAction, JobStateTimeLimitActionsAction,
                              JobStateTimeLimitActionsReason, OrderedComputeEnvironment, Share)
from batch_constructs.core import Duration
from batch_constructs.ecs import ContainerImage, CpuArchitecture, OperatingSystemFamily
from batch_constructs.fairshare import (calculate_fairshare, job_ratio, reservation_table, reserved_fraction,
                                        vcpu_split)
from batch_constructs.iam import (Group, ManagedPolicy, PolicyStatement, Role, ServicePrincipal, User, as_principal,
                                  as_role)
from batch_constructs.testing import Template

from ._table import Bad, params, run

Q = "TestStack/Queue"
P = "TestStack/Policy"
R = "TestStack/Role"
I = "TestStack/Imported"  # noqa: E741
CE_ARN = "arn:aws:batch:us-east-1:123456789012:compute-environment/theirs"
QUEUE_ARN = "arn:aws:batch:us-east-1:123456789012:job-queue/existing"
POLICY_ARN = "arn:aws:batch:us-east-1:123456789012:scheduling-policy/theirs"
CAPACITY = JobStateTimeLimitActionsReason.INSUFFICIENT_INSTANCE_CAPACITY
BATCH = ServicePrincipal("batch.amazonaws.com")


def ce(s: Any, v: Any, id: str = "CE") -> FargateComputeEnvironment:
    return FargateComputeEnvironment(s, id, vpc=v)


def queue(s: Any, v: Any = None, **kwargs: Any) -> JobQueue:
    return JobQueue(s, "Queue", **kwargs)


def add(s: Any, v: Any, first: Any, second: Any) -> None:
    q = JobQueue(s, "Queue")
    q.add_compute_environment(first, 1)
    q.add_compute_environment(second, 2)


def tla(s: Any, **fields: Any) -> JobQueue:
    return JobQueue(s, "Queue", job_state_time_limit_actions=[fields])


def ok_tla(max_time: Duration) -> JobStateTimeLimitAction:
    return JobStateTimeLimitAction(max_time=max_time, reason=CAPACITY)


def policy(s: Any, **kwargs: Any) -> FairshareSchedulingPolicy:
    return FairshareSchedulingPolicy(s, "Policy", **kwargs)


def role(s: Any, **kwargs: Any) -> Role:
    return Role(s, "Role", **{"assumed_by": BATCH, **kwargs})


WHOLE = r"must be a whole number"
QUEUE_ROWS = [
    Bad("q-priority-str", lambda s, v: queue(s, priority="high"), Q, r"'priority' " + WHOLE + r", got 'high' \(str\)"),
    Bad("q-priority-bool", lambda s, v: queue(s, priority=True), Q, r"'priority' " + WHOLE + r", got True \(bool\)"),
    Bad("q-priority-fraction", lambda s, v: queue(s, priority=1.5), Q, r"'priority' " + WHOLE + r", got 1.5 \(float\)"),
    Bad("q-priority-nan", lambda s, v: queue(s, priority=float("nan")), Q, r"'priority' " + WHOLE + r", got nan"),
    Bad("q-priority-inf", lambda s, v: queue(s, priority=float("inf")), Q, r"'priority' " + WHOLE + r", got inf"),
    Bad("q-priority-negative", lambda s, v: queue(s, priority=-1), Q, r"'priority' " + WHOLE + r" from 0 to 1000, got -1"),
    Bad("q-priority-too-high", lambda s, v: queue(s, priority=1001), Q, r"'priority' .* from 0 to 1000, got 1001 \(int\)"),
    Bad("q-enabled-str", lambda s, v: queue(s, enabled="false"), Q, r"'enabled' must be True or False, got 'false' \(str\)"),
    Bad("q-enabled-int", lambda s, v: queue(s, enabled=1), Q, r"'enabled' must be True or False, got 1 \(int\)"),
    Bad("q-name-int", lambda s, v: queue(s, job_queue_name=123), Q, r"'job_queue_name' must be a string, got 123 \(int\)"),
    Bad("q-name-space", lambda s, v: queue(s, job_queue_name="my queue"), Q, r"'job_queue_name' value 'my queue' must be 1-128"),
    Bad("q-name-too-long", lambda s, v: queue(s, job_queue_name="q" * 129), Q, r"'job_queue_name' value 'q{129}' must be 1-128"),
    Bad("q-ces-str", lambda s, v: queue(s, compute_environments="CE"), Q,
        r"'compute_environments' must be a list of OrderedComputeEnvironment, got 'CE' \(str\)"),
    Bad("q-ces-one-ordered", lambda s, v: queue(s, compute_environments=OrderedComputeEnvironment(ce(s, v), 1)), Q,
        r"'compute_environments' must be a list of OrderedComputeEnvironment, got OrderedComputeEnvironment"),
    Bad("q-ces-bare-ce", lambda s, v: queue(s, compute_environments=[ce(s, v)]), Q,
        r"'compute_environments\[0\]' must be an OrderedComputeEnvironment\(compute_environment, order\), got the "
        r"compute environment itself .*; wrap it: OrderedComputeEnvironment\(compute_environment=\.\.\., order=1\)"),
    Bad("q-ces-pair", lambda s, v: queue(s, compute_environments=[(ce(s, v), 1)]), Q,
        r"'compute_environments\[0\]' must be an OrderedComputeEnvironment.*\(tuple\)"),
    Bad("q-ces-dict-unknown-key", lambda s, v: queue(s, compute_environments=[{"ce": ce(s, v), "order": 1}]), Q,
        r"'compute_environments\[0\]' has unknown key\(s\) 'ce'; expected .* keys compute_environment, order"),
    Bad("q-ces-dict-missing-order", lambda s, v: queue(s, compute_environments=[{"compute_environment": ce(s, v)}]), Q,
        r"'compute_environments\[0\]\.order' is required: pass a whole number"),
    Bad("q-ces-dict-order-str", lambda s, v: queue(s, compute_environments=[{"compute_environment": ce(s, v), "order": "1"}]),
        Q, r"'compute_environments\[0\]\.order' " + WHOLE + r", got '1' \(str\)"),
    Bad("q-ces-dict-not-a-ce", lambda s, v: queue(s, compute_environments=[{"compute_environment": CE_ARN, "order": 1}]), Q,
        r"'compute_environments\[0\]\.compute_environment' must be a compute environment .* got 'arn:aws:batch"),
    Bad("q-ce-twice", lambda s, v: queue(s, compute_environments=[OrderedComputeEnvironment(c := ce(s, v), 1),
                                                                    OrderedComputeEnvironment(c, 2)]), Q,
        r"'compute_environments\[1\]\.compute_environment' adds compute environment 'TestStack/CE' a second time "
        r"\(already at order 1\); AWS Batch refuses"),
    Bad("q-ce-twice-add", lambda s, v: add(s, v, c := ce(s, v), c), Q,
        r"'compute_environment' adds compute environment 'TestStack/CE' a second time"),
    Bad("q-ce-twice-same-arn", lambda s, v: add(
        s, v, FargateComputeEnvironment.from_fargate_compute_environment_arn(s, "A", CE_ARN),
        FargateComputeEnvironment.from_fargate_compute_environment_arn(s, "B", CE_ARN)), Q,
        r"'compute_environment' adds compute environment .*theirs.* a second time"),
    Bad("q-duplicate-order", lambda s, v: queue(s, compute_environments=[
        OrderedComputeEnvironment(ce(s, v, "A"), 1), OrderedComputeEnvironment(ce(s, v, "B"), 1)]), Q,
        r"^\[TestStack/Queue\] assigns the same order to different ComputeEnvironments$"),
    Bad("q-no-ce", lambda s, v: queue(s), Q, r"This JobQueue does not link any ComputeEnvironments"),
    Bad("q-add-order-str", lambda s, v: queue(s).add_compute_environment(ce(s, v), "1"), Q, r"'order' " + WHOLE + r", got '1'"),
    Bad("q-add-order-fraction", lambda s, v: queue(s).add_compute_environment(ce(s, v), 2.5), Q,
        r"'order' " + WHOLE + r", got 2.5 \(float\); AWS takes integers here"),
    Bad("q-add-order-negative", lambda s, v: queue(s).add_compute_environment(ce(s, v), -1), Q, r"'order' .*got -1 \(int\)"),
    Bad("q-add-order-int32", lambda s, v: queue(s).add_compute_environment(ce(s, v), 2 ** 31), Q,
        r"'order' " + WHOLE + r" from 0 to 2147483647, got 2147483648"),
    Bad("q-add-order-nan", lambda s, v: queue(s).add_compute_environment(ce(s, v), float("nan")), Q, r"'order' .*got nan"),
    Bad("q-add-order-none", lambda s, v: queue(s).add_compute_environment(ce(s, v), None), Q, r"'order' is required"),
    Bad("q-add-ce-none", lambda s, v: queue(s).add_compute_environment(None, 1), Q, r"'compute_environment' is required"),
    Bad("q-add-ce-ordered", lambda s, v: queue(s).add_compute_environment(OrderedComputeEnvironment(ce(s, v), 1), 1), Q,
        r"'compute_environment' must be a compute environment .*got OrderedComputeEnvironment"),
    Bad("q-policy-str", lambda s, v: queue(s, scheduling_policy=POLICY_ARN), Q,
        r"'schedulingPolicy' instance should implement ISchedulingPolicy, but doesn't: str \('scheduling_policy' "
        r"takes .*got 'arn:aws:batch"),
    Bad("q-policy-share", lambda s, v: queue(s, scheduling_policy=Share("A", 1)), Q, r"'scheduling_policy' takes .*got Share"),
    Bad("q-policy-int", lambda s, v: queue(s, scheduling_policy=5), Q, r"'scheduling_policy' takes .*got 5 \(int\)"),
    Bad("q-tla-not-list", lambda s, v: queue(s, job_state_time_limit_actions=ok_tla(Duration.minutes(10))), Q,
        r"'job_state_time_limit_actions' must be a list of JobStateTimeLimitAction, got JobStateTimeLimitAction"),
    Bad("q-tla-str", lambda s, v: queue(s, job_state_time_limit_actions=["CANCEL"]), Q,
        r"'job_state_time_limit_actions\[0\]' must be a JobStateTimeLimitAction.*got 'CANCEL' \(str\)"),
    Bad("q-tla-max-time-int", lambda s, v: tla(s, max_time=600, reason=CAPACITY), Q,
        r"'job_state_time_limit_actions\[0\]\.max_time' must be a Duration, got 600 \(int\); use Duration\.seconds"),
    Bad("q-tla-reason-str", lambda s, v: tla(s, max_time=Duration.minutes(10), reason="stuck"), Q,
        r"'job_state_time_limit_actions\[0\]\.reason' must be one of JobStateTimeLimitActionsReason\..*got 'stuck'"),
    Bad("q-tla-reason-missing", lambda s, v: tla(s, max_time=Duration.minutes(10)), Q,
        r"'job_state_time_limit_actions\[0\]\.reason' is required"),
    Bad("q-tla-unknown-key", lambda s, v: tla(s, maxTime=Duration.minutes(10), reason=CAPACITY), Q,
        r"'job_state_time_limit_actions\[0\]' has unknown key\(s\) 'maxTime'"),
    Bad("q-tla-action-str", lambda s, v: tla(s, max_time=Duration.minutes(10), reason=CAPACITY, action="KILL"), Q,
        r"'job_state_time_limit_actions\[0\]\.action' must be one of .*CANCEL.*got 'KILL'"),
    Bad("q-tla-action-bool", lambda s, v: tla(s, max_time=Duration.minutes(10), reason=CAPACITY, action=True), Q,
        r"'job_state_time_limit_actions\[0\]\.action' must be one of .*got True \(bool\)"),
    Bad("q-tla-state-str", lambda s, v: tla(s, max_time=Duration.minutes(10), reason=CAPACITY, state="RUNNING"), Q,
        r"'job_state_time_limit_actions\[0\]\.state' must be one of JobStateTimeLimitActionsState.RUNNABLE, got 'RUNNING'"),
    Bad("q-tla-too-short", lambda s, v: queue(s, job_state_time_limit_actions=[ok_tla(Duration.minutes(5))]), Q,
        r"maxTime must be between 600 and 86400 seconds, got 300 seconds at jobStateTimeLimitActions\[0\]"),
    Bad("q-tla-too-long", lambda s, v: queue(s, job_state_time_limit_actions=[ok_tla(Duration.hours(25))]), Q,
        r"maxTime must be between 600 and 86400 seconds, got 90000 seconds"),
    Bad("q-tla-lossy", lambda s, v: queue(s, job_state_time_limit_actions=[ok_tla(Duration.millis(600500))]), Q,
        r"'600500 millis' cannot be converted into a whole number of seconds"),
    Bad("q-import-arn-int", lambda s, v: JobQueue.from_job_queue_arn(s, "Imported", 123), I,
        r"'job_queue_arn' must be a job queue ARN .*got 123 \(int\)"),
    Bad("q-import-arn-other-kind", lambda s, v: JobQueue.from_job_queue_arn(s, "Imported", CE_ARN), I,
        r"'job_queue_arn' must be a job queue ARN .*got 'arn:aws:batch:"),
    Bad("q-import-arn-none", lambda s, v: JobQueue.from_job_queue_arn(s, "Imported", None), I, r"'job_queue_arn' is required"),
    Bad("q-import-scope-none", lambda s, v: JobQueue.from_job_queue_arn(None, "Imported", QUEUE_ARN), None,
        r"'scope' is required: pass a construct"),
    Bad("q-import-add-ce", lambda s, v: JobQueue.from_job_queue_arn(s, "Imported", QUEUE_ARN).add_compute_environment(
        ce(s, v), 1), I, r"cannot add ComputeEnvironments to imported JobQueue 'Imported'"),
    # value objects built outside any construct
    Bad("oce-order-str", lambda s, v: OrderedComputeEnvironment(ce(s, v), "1"), None, r"^'order' " + WHOLE + r", got '1' \(str\)"),
    Bad("oce-order-bool", lambda s, v: OrderedComputeEnvironment(ce(s, v), True), None, r"^'order' " + WHOLE + r", got True"),
    Bad("oce-order-fraction", lambda s, v: OrderedComputeEnvironment(ce(s, v), 0.5), None, r"^'order' .*got 0.5 \(float\)"),
    Bad("oce-ce-none", lambda s, v: OrderedComputeEnvironment(None, 1), None, r"^'compute_environment' is required"),
    Bad("tla-max-time-int", lambda s, v: JobStateTimeLimitAction(max_time=600, reason=CAPACITY), None,
        r"^'max_time' must be a Duration, got 600 \(int\)"),
    Bad("tla-reason-str", lambda s, v: JobStateTimeLimitAction(max_time=Duration.minutes(10), reason="stuck"), None,
        r"^'reason' must be one of .*INSUFFICIENT_INSTANCE_CAPACITY.*got 'stuck' \(str\)"),
    Bad("tla-reason-none", lambda s, v: JobStateTimeLimitAction(max_time=Duration.minutes(10), reason=None), None,
        r"^'reason' is required: pass a JobStateTimeLimitActionsReason"),
    Bad("tla-action-str", lambda s, v: JobStateTimeLimitAction(max_time=Duration.minutes(10), reason=CAPACITY,
                                                                action="cancel"), None, r"^'action' must be one of .*got 'cancel'"),
    Bad("tla-state-int", lambda s, v: JobStateTimeLimitAction(max_time=Duration.minutes(10), reason=CAPACITY, state=1),
        None, r"^'state' must be one of .*got 1 \(int\)"),
]

POLICY_ROWS = [
    Bad("p-reservation-str", lambda s, v: policy(s, compute_reservation="75"), P, r"'compute_reservation' " + WHOLE + r", got '75'"),
    Bad("p-reservation-100", lambda s, v: policy(s, compute_reservation=100), P,
        r"'compute_reservation' " + WHOLE + r" from 0 to 99, got 100 \(int\)"),
    Bad("p-reservation-fraction", lambda s, v: policy(s, compute_reservation=12.5), P, r"'compute_reservation' .*got 12.5"),
    Bad("p-reservation-nan", lambda s, v: policy(s, compute_reservation=float("nan")), P, r"'compute_reservation' .*got nan"),
    Bad("p-reservation-bool", lambda s, v: policy(s, compute_reservation=True), P, r"'compute_reservation' .*got True \(bool\)"),
    Bad("p-decay-int", lambda s, v: policy(s, share_decay=300), P, r"'share_decay' must be a Duration, got 300 \(int\)"),
    Bad("p-decay-too-long", lambda s, v: policy(s, share_decay=Duration.days(8)), P,
        r"'share_decay \(in seconds\)' " + WHOLE + r" from 0 to 604800, got 691200"),
    Bad("p-decay-lossy", lambda s, v: policy(s, share_decay=Duration.millis(1500)), P,
        r"'1500 millis' cannot be converted into a whole number of seconds"),
    Bad("p-shares-str", lambda s, v: policy(s, shares="A"), P, r"'shares' must be a list of Share, got 'A' \(str\)"),
    Bad("p-shares-one-share", lambda s, v: policy(s, shares=Share("A", 1)), P, r"'shares' must be a list of Share, got Share"),
    Bad("p-shares-int-entry", lambda s, v: policy(s, shares=[1]), P,
        r"'shares\[0\]' must be a Share\(share_identifier, weight_factor\), got 1 \(int\)"),
    Bad("p-shares-weight-str", lambda s, v: policy(s, shares=[{"share_identifier": "A", "weight_factor": "1"}]), P,
        r"'shares\[0\]\.weight_factor' must be a finite number, got '1' \(str\)"),
    Bad("p-shares-unknown-key", lambda s, v: policy(s, shares=[{"id": "A", "weight_factor": 1}]), P,
        r"'shares\[0\]' has unknown key\(s\) 'id'"),
    Bad("p-shares-missing-weight", lambda s, v: policy(s, shares=[{"share_identifier": "A"}]), P,
        r"'shares\[0\]\.weight_factor' is required"),
    Bad("p-name-int", lambda s, v: policy(s, scheduling_policy_name=5), P, r"'scheduling_policy_name' must be a string, got 5"),
    Bad("p-name-space", lambda s, v: policy(s, scheduling_policy_name="my policy"), P,
        r"'scheduling_policy_name' value 'my policy' must be 1-128"),
    Bad("p-duplicate-share", lambda s, v: policy(s, shares=[Share("A", 1), Share("A", 2)]), P,
        r"has more than one share with identifier 'A'"),
    Bad("p-overlap", lambda s, v: policy(s, shares=[Share("UserA*", 1), Share("UserA1", 2)]), P,
        r"share identifiers 'UserA\*' and 'UserA1' overlap"),
    Bad("p-add-share-both", lambda s, v: policy(s).add_share(Share("A", 1), weight_factor=2), P,
        r"add_share\(\) takes a Share or 'share_identifier' and 'weight_factor', not both"),
    Bad("p-add-share-identifier", lambda s, v: policy(s).add_share(share_identifier="a-b", weight_factor=1), P,
        r"'share_identifier' must be 1-255 letters, digits or underscores, optionally followed by '\*', got 'a-b'"),
    Bad("p-add-share-weight-nan", lambda s, v: policy(s).add_share(share_identifier="A", weight_factor=float("nan")), P,
        r"'weight_factor' must be a finite number, got nan"),
    Bad("p-add-share-dict", lambda s, v: policy(s).add_share({"share_identifier": "A", "weight_factor": 0}), P,
        r"'share\.weight_factor' must be a number from 0\.0001 to 999\.9999, got 0 \(int\)"),
    Bad("p-import-arn-name", lambda s, v: FairshareSchedulingPolicy.from_fairshare_scheduling_policy_arn(
        s, "Imported", "theirs"), I, r"'fairshare_scheduling_policy_arn' must be a scheduling policy ARN .*got 'theirs'"),
    Bad("p-import-add-share", lambda s, v: FairshareSchedulingPolicy.from_fairshare_scheduling_policy_arn(
        s, "Imported", POLICY_ARN).add_share(Share("A", 1)), I, r"cannot add shares to imported FairshareSchedulingPolicy"),
    Bad("share-identifier-dash", lambda s, v: Share("user-a", 1), None, r"^'share_identifier' must be .*got 'user-a' \(str\)"),
    Bad("share-identifier-too-long", lambda s, v: Share("a" * 256, 1), None, r"^'share_identifier' must be 1-255 .*got 'aaa"),
    Bad("share-identifier-int", lambda s, v: Share(5, 1), None, r"^'share_identifier' must be .*got 5 \(int\)"),
    Bad("share-identifier-inner-star", lambda s, v: Share("A*B", 1), None, r"^'share_identifier' must be .*got 'A\*B'"),
    Bad("share-weight-zero", lambda s, v: Share("A", 0), None, r"^'weight_factor' must be a number from 0\.0001 to 999\.9999, got 0"),
    Bad("share-weight-bool", lambda s, v: Share("A", True), None, r"^'weight_factor' must be a finite number, got True \(bool\)"),
    Bad("share-weight-inf", lambda s, v: Share("A", float("inf")), None, r"^'weight_factor' must be a finite number, got inf"),
    Bad("share-weight-too-high", lambda s, v: Share("A", 1000), None, r"^'weight_factor' .*got 1000 \(int\)"),
]

CALCULATOR_ROWS = [
    Bad("fs-reservation-str", lambda s, v: reserved_fraction("75", 1), None, r"'compute_reservation' " + WHOLE + r", got '75'"),
    Bad("fs-reservation-100", lambda s, v: reserved_fraction(100, 1), None, r"'compute_reservation' .* from 0 to 99, got 100"),
    Bad("fs-active-fraction", lambda s, v: reserved_fraction(75, 1.5), None, r"'active_shares' " + WHOLE + r", got 1.5"),
    Bad("fs-active-bool", lambda s, v: reserved_fraction(75, True), None, r"'active_shares' " + WHOLE + r", got True"),
    Bad("fs-table-negative", lambda s, v: reservation_table(75, -1), None, r"'max_active_shares' .* from 0 to 500, got -1"),
    Bad("fs-table-huge", lambda s, v: reservation_table(75, 10 ** 9), None, r"'max_active_shares' .*got 1000000000"),
    Bad("fs-weight-str", lambda s, v: vcpu_split({"A": "1"}), None, r"'weights\['A'\]' must be a finite number, got '1' \(str\)"),
    Bad("fs-weights-list", lambda s, v: vcpu_split([("A", 1)]), None, r"'weights' must be a dict of share identifier to number"),
    Bad("fs-weights-empty", lambda s, v: vcpu_split({}), None, r"'weights' must name at least one share"),
    Bad("fs-weight-nan", lambda s, v: vcpu_split({"A": float("nan")}), None, r"'weights\['A'\]' must be a finite number, got nan"),
    Bad("fs-weight-key-int", lambda s, v: vcpu_split({1: 1}), None, r"'weights key' must be a string, got 1 \(int\)"),
    Bad("fs-ratio-missing", lambda s, v: job_ratio({"A": 1, "B": 1}, {"A": 32}), None,
        r"'vcpus_per_job': no vCPUs per job given for share\(s\) B"),
    Bad("fs-ratio-vcpus-zero", lambda s, v: job_ratio({"A": 1}, {"A": 0}), None,
        r"'vcpus_per_job\['A'\]' must be a number of at least 0\.25, got 0"),
    Bad("fs-calc-policy-str", lambda s, v: calculate_fairshare("policy"), None,
        r"'policy' must be a FairshareSchedulingPolicy .*got str"),
    Bad("fs-calc-max-vcpus-fraction", lambda s, v: calculate_fairshare(weights={"A": 1}, max_vcpus=1.5), None,
        r"'max_vcpus' " + WHOLE + r", got 1.5"),
]

IAM_ECS_ROWS = [
    Bad("iam-role-assumed-by-str", lambda s, v: role(s, assumed_by="batch.amazonaws.com"), R,
        r"'assumed_by' must be a ServicePrincipal .*got 'batch.amazonaws.com' \(str\)"),
    Bad("iam-role-assumed-by-none", lambda s, v: role(s, assumed_by=None), R, r"'assumed_by' is required"),
    Bad("iam-role-name-too-long", lambda s, v: role(s, role_name="r" * 65), R, r"'role_name' must be an IAM role name.*64"),
    Bad("iam-role-name-chars", lambda s, v: role(s, role_name="my role"), R, r"'role_name' must be an IAM role name.*got 'my role'"),
    Bad("iam-role-name-int", lambda s, v: role(s, role_name=7), R, r"'role_name' must be an IAM role name.*got 7 \(int\)"),
    Bad("iam-role-description-long", lambda s, v: role(s, description="d" * 1001), R,
        r"'description' must be an IAM description .*at most 1000 characters"),
    Bad("iam-role-description-control", lambda s, v: role(s, description="a\x00b"), R, r"'description' must be an IAM description"),
    Bad("iam-role-path", lambda s, v: role(s, path="no-slash"), R, r"'path' must be an IAM path .*got 'no-slash'"),
    Bad("iam-role-policies-str", lambda s, v: role(s, managed_policies="AdministratorAccess"), R,
        r"'managed_policies' must be a list of ManagedPolicy, got 'AdministratorAccess'"),
    Bad("iam-role-policies-item", lambda s, v: role(s, managed_policies=["AdministratorAccess"]), R,
        r"'managed_policies\[0\]' must be a ManagedPolicy, got 'AdministratorAccess'"),
    Bad("iam-role-add-managed-policy", lambda s, v: role(s).add_managed_policy("x"), R, r"'policy' must be a ManagedPolicy, got 'x'"),
    Bad("iam-role-add-statement-dict", lambda s, v: role(s).add_to_principal_policy({"Action": "*"}), R,
        r"'statement' must be a PolicyStatement, got \{'Action'"),
    Bad("iam-from-role-arn", lambda s, v: Role.from_role_arn(s, "Imported", "not-an-arn"), I,
        r"'role_arn' must be a role ARN .*got 'not-an-arn'"),
    Bad("iam-imported-role-statement", lambda s, v: Role.from_role_arn(
        s, "Imported", "arn:aws:iam::123456789012:role/x").add_to_principal_policy("s3:*"), I,
        r"'statement' must be a PolicyStatement, got 's3:\*'"),
    Bad("iam-principal-int", lambda s, v: ServicePrincipal(5), None, r"^'service' must be a service principal .*got 5 \(int\)"),
    Bad("iam-principal-empty", lambda s, v: ServicePrincipal(""), None, r"^'service' must be a service principal .*got ''"),
    Bad("iam-principal-space", lambda s, v: ServicePrincipal("batch amazonaws com"), None, r"^'service' must be .*got 'batch amazonaws"),
    Bad("iam-statement-actions-str", lambda s, v: PolicyStatement(actions="s3:GetObject", resources=["*"]), None,
        r"^'actions' must be a list of IAM actions, got 's3:GetObject' \(str\); wrap a single value"),
    Bad("iam-statement-actions-empty", lambda s, v: PolicyStatement(actions=[], resources=["*"]), None,
        r"^'actions' must have at least 1 entries, got 0"),
    Bad("iam-statement-action-shape", lambda s, v: PolicyStatement(actions=["GetObject"], resources=["*"]), None,
        r"^'actions\[0\]' must be an IAM action .*got 'GetObject'"),
    Bad("iam-statement-resources-str", lambda s, v: PolicyStatement(actions=["s3:*"], resources="*"), None,
        r"^'resources' must be a list of strings, got '\*' \(str\)"),
    Bad("iam-statement-effect", lambda s, v: PolicyStatement(actions=["s3:*"], resources=["*"], effect="Permit"), None,
        r"^'effect' must be one of Effect\.ALLOW, Effect\.DENY, got 'Permit'"),
    Bad("iam-statement-sid", lambda s, v: PolicyStatement(actions=["s3:*"], resources=["*"], sid="my sid"), None,
        r"^'sid' must be letters and digits .*got 'my sid'"),
    Bad("iam-managed-name-int", lambda s, v: ManagedPolicy.from_aws_managed_policy_name(5), None,
        r"^'managed_policy_name' must be a string, got 5"),
    Bad("iam-managed-arn", lambda s, v: ManagedPolicy.from_managed_policy_arn(s, "Imported", "AdministratorAccess"), I,
        r"'managed_policy_arn' must be a managed policy ARN .*got 'AdministratorAccess'"),
    Bad("iam-user-name-long", lambda s, v: User(s, "User", user_name="u" * 65), "TestStack/User", r"'user_name' must be an IAM user name"),
    Bad("iam-group-name-chars", lambda s, v: Group(s, "Group", group_name="a b"), "TestStack/Group",
        r"'group_name' must be an IAM group name.*got 'a b'"),
    Bad("iam-as-principal-str", lambda s, v: as_principal("arn:aws:iam::123456789012:role/x", scope=queue(s)), Q,
        r"the grantee must be an IAM role, user or group .*got 'arn:aws:iam"),
    Bad("iam-as-role-int", lambda s, v: as_role(5, what="job_role", scope=queue(s)), Q,
        r"'job_role' must be a batch_constructs\.iam\.Role.*got 5 \(int\)"),
    Bad("ecs-registry-empty", lambda s, v: ContainerImage.from_registry(""), None, r"^'name' must be an image name .*got ''"),
    Bad("ecs-registry-int", lambda s, v: ContainerImage.from_registry(5), None, r"^'name' must be an image name .*got 5 \(int\)"),
    Bad("ecs-registry-space", lambda s, v: ContainerImage.from_registry("my image"), None, r"^'name' must be .*got 'my image'"),
    Bad("ecs-registry-too-long", lambda s, v: ContainerImage.from_registry("a" * 256), None, r"^'name' must be .*255 characters"),
    Bad("ecs-registry-credentials", lambda s, v: ContainerImage.from_registry("app", credentials=5), None,
        r"^'credentials' must be a Secrets Manager secret .*got 5 \(int\)"),
    Bad("ecs-ecr-not-a-repository", lambda s, v: ContainerImage.from_ecr_repository("my-repo"), None,
        r"^'repository' must be an ECR repository .*got str"),
    Bad("ecs-image-name-list", lambda s, v: ContainerImage(["app"]), None, r"^'image_name' must be an image name .*got \['app'\]"),
    Bad("ecs-cpu-architecture", lambda s, v: CpuArchitecture.of("x86"), None, r"^'cpu_architecture' must be one of 'X86_64', 'ARM64', got 'x86'"),
    Bad("ecs-os-family", lambda s, v: OperatingSystemFamily.of("WINDOWS"), None, r"^'family' must be one of 'LINUX'.*got 'WINDOWS'"),
]

ROWS = QUEUE_ROWS + POLICY_ROWS + CALCULATOR_ROWS + IAM_ECS_ROWS


def test_at_least_75_rows() -> None:
    assert len(ROWS) >= 75


@params(ROWS)
def test_queue_mistakes(row: Bad, stack: Any, vpc: Any) -> None:
    run(row, stack, vpc)


# -- valid inputs that keep working ---------------------------------------------------------------

def test_longest_share_identifier_with_wildcard(stack: Any) -> None:
    # Batch: up to 255 alphanumeric characters, optionally followed by '*'.
    policy(stack, shares=[Share("a" * 255 + "*", 1), Share("user_b" + "b" * 249, 0.5)])
    shares = Template.from_stack(stack).find_resources("aws_batch_scheduling_policy")
    (rendered,) = shares.values()
    assert [s["share_identifier"] for s in rendered["fair_share_policy"]["share_distribution"]] == [
        "a" * 255 + "*", "user_b" + "b" * 249]


def test_enum_values_and_names_as_strings(stack: Any, vpc: Any) -> None:
    JobQueue(stack, "Queue", compute_environments=[{"compute_environment": ce(stack, vpc), "order": 1.0}],
             job_state_time_limit_actions=[
                 {"max_time": Duration.minutes(10), "reason": "CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY",
                  "action": "CANCEL", "state": "RUNNABLE"},
                 JobStateTimeLimitAction(max_time=Duration.hours(1), reason="JOB_RESOURCE_REQUIREMENT",
                                         action=JobStateTimeLimitActionsAction.CANCEL)])
    (rendered,) = Template.from_stack(stack).find_resources("aws_batch_job_queue").values()
    assert [a["reason"] for a in rendered["job_state_time_limit_action"]] == [
        "CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY", "MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT"]
    assert rendered["compute_environment_order"][0]["order"] == 1
    assert PolicyStatement(actions=["s3:GetObject"], resources=["*"], effect="Deny").to_json()["Effect"] == "Deny"


def test_whole_floats_become_integers(stack: Any, vpc: Any) -> None:
    JobQueue(stack, "Queue", priority=10.0, compute_environments=[OrderedComputeEnvironment(ce(stack, vpc), 2.0)])
    policy(stack, compute_reservation=75.0, shares=[Share("A", 1.0)])
    template = Template.from_stack(stack)
    (q,) = template.find_resources("aws_batch_job_queue").values()
    (p,) = template.find_resources("aws_batch_scheduling_policy").values()
    assert (q["priority"], q["compute_environment_order"][0]["order"]) == (10, 2)
    assert isinstance(q["priority"], int) and p["fair_share_policy"]["compute_reservation"] == 75


def test_tokens_pass(stack: Any, vpc: Any) -> None:
    from cdktf import TerraformVariable
    number = TerraformVariable(stack, "n", type="number").number_value
    text = TerraformVariable(stack, "s", type="string").string_value
    q = JobQueue(stack, "Queue", priority=number, job_queue_name=text,
                 job_state_time_limit_actions=[ok_tla(Duration.seconds(number))])
    q.add_compute_environment(ce(stack, vpc), number)
    policy(stack, compute_reservation=number, share_decay=Duration.seconds(number), shares=[Share(text, number)])
    Role(stack, "Role", assumed_by=BATCH, role_name=text, description=text)
    JobQueue.from_job_queue_arn(stack, "Imported", text)
    (rendered,) = Template.from_stack(stack).find_resources("aws_batch_job_queue").values()
    assert rendered["priority"].startswith("${var.n") and rendered["name"].startswith("${var.s")


def test_generated_iam_names_stay_valid_for_long_and_non_ascii_ids(stack: Any) -> None:
    long_user = User(stack, "u" * 300)
    accented = User(stack, "Équipe-données")
    Group(stack, "g" * 300)
    Role(stack, "r" * 300, assumed_by=BATCH)   # Terraform generates a role's name
    template = Template.from_stack(stack)
    names = [u["name"] for u in template.find_resources("aws_iam_user").values()]
    assert len(names) == 2 and long_user is not accented
    for name in names:
        assert len(name) <= 64 and re.fullmatch(r"[\w+=,.@-]+", name, re.ASCII), name
    (group,) = template.find_resources("aws_iam_group").values()
    assert len(group["name"]) <= 128
    (role_resource,) = template.find_resources("aws_iam_role").values()
    assert "name" not in role_resource


def test_calculator_accepts_fractions_and_whole_floats() -> None:
    assert reserved_fraction(75.0, 2) == 0.5625
    assert vcpu_split({"A": Fraction(1, 8), "B": 1}) == {"A": Fraction(8, 9), "B": Fraction(1, 9)}
    assert job_ratio({"A": 1, "B": 1}, {"A": 0.25, "B": 0.5}) == {"A": 2, "B": 1}


def test_ecs_images_and_platforms() -> None:
    assert ContainerImage.from_registry("public.ecr.aws/amazonlinux/amazonlinux@sha256:" + "a" * 64).image_name
    assert CpuArchitecture.of("ARM64") == CpuArchitecture.ARM64
    assert OperatingSystemFamily.of("WINDOWS_SERVER_2022_CORE").is_windows()


@pytest.mark.parametrize("arn", [CE_ARN, "arn:aws:iam::123456789012:role/x"])
def test_duplicate_is_refused_only_within_one_queue(stack: Any, vpc: Any, arn: str) -> None:
    shared = ce(stack, vpc)
    JobQueue(stack, "A", compute_environments=[OrderedComputeEnvironment(shared, 1)])
    JobQueue(stack, "B", compute_environments=[OrderedComputeEnvironment(shared, 1)])
    assert len(Template.from_stack(stack).find_resources("aws_batch_job_queue")) == 2
