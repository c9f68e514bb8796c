"""``JobQueue``: routes jobs to compute environments in order, FIFO or fair-share, with
job-state time-limit actions for jobs stuck at the head of the queue.
"""
from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import Any, Sequence

from ._base import BatchConstruct, RemovableResource
from ._check import (check_bool, check_duration, check_enum, check_instance, check_int, check_list, check_str,
                     describe, value_object)
from ._convert import seconds_of
from ._errors import ValidationError, warn
from ._imported import Imported
from ._naming import arn_resource_name, check_name, generated_name
from ._tokens import format_number, is_unresolved
from .compute_environment_base import as_compute_environment
from .core import Duration
from .scheduling_policy import as_scheduling_policy
from ._identity import node_id

__all__ = ["ImportedJobQueue", "JobQueue", "JobStateTimeLimitAction",
           "JobStateTimeLimitActionsAction", "JobStateTimeLimitActionsReason",
           "JobStateTimeLimitActionsState", "OrderedComputeEnvironment"]

#: AWS Batch limits (``CreateJobQueue``).
MAX_COMPUTE_ENVIRONMENTS = 3
MIN_PRIORITY, MAX_PRIORITY = 0, 1000
MIN_MAX_TIME_SECONDS, MAX_MAX_TIME_SECONDS = 600, 86400
QUEUE_ARN = re.compile(r"arn:[a-z-]+:batch:[a-z0-9-]*:[0-9]*:job-queue/[0-9A-Za-z_-]{1,128}")


class JobStateTimeLimitActionsAction(enum.StrEnum):
    """What Batch does with a job that stays too long in a state: ``CANCEL`` (ECS/EKS queues)
    or ``TERMINATE`` (documented for SageMaker service-environment queues)."""

    CANCEL = "CANCEL"
    TERMINATE = "TERMINATE"


class JobStateTimeLimitActionsReason(enum.StrEnum):
    """Why a job is stuck; Batch applies the action only for this reason."""

    INSUFFICIENT_INSTANCE_CAPACITY = "CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY"
    COMPUTE_ENVIRONMENT_MAX_RESOURCE = "MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE"
    JOB_RESOURCE_REQUIREMENT = "MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT"


class JobStateTimeLimitActionsState(enum.StrEnum):
    """The job state the time limit applies to (only ``RUNNABLE`` exists)."""

    RUNNABLE = "RUNNABLE"


@dataclass
class OrderedComputeEnvironment:
    """A compute environment and its ``order`` in a queue (lower is tried first)."""

    compute_environment: Any
    order: int

    def __post_init__(self) -> None:
        self.order = self._checked(None, "", self.compute_environment, self.order)["order"]

    @staticmethod
    def _checked(scope: Any, prefix: str, compute_environment: Any, order: Any) -> dict[str, Any]:
        check_instance(scope, f"{prefix}compute_environment", compute_environment, object, "a compute environment",
                       required=True)
        return {"compute_environment": compute_environment,
                "order": check_int(scope, f"{prefix}order", order, minimum=0, required=True)}


@dataclass
class JobStateTimeLimitAction:
    """What to do with a job that stays at the head of the queue in ``state`` for ``max_time``.

    :param max_time: ``Duration`` of whole seconds, 10 minutes to 24 hours (required).
    :param reason: ``JobStateTimeLimitActionsReason`` (required).
    :param action: default ``JobStateTimeLimitActionsAction.CANCEL``.
    :param state: default ``JobStateTimeLimitActionsState.RUNNABLE``.
    """

    max_time: Duration
    reason: JobStateTimeLimitActionsReason
    action: JobStateTimeLimitActionsAction | None = None
    state: JobStateTimeLimitActionsState | None = None

    def __post_init__(self) -> None:
        for name, value in self._checked(None, "", self.max_time, self.reason, self.action, self.state).items():
            setattr(self, name, value)

    @staticmethod
    def _checked(scope: Any, prefix: str, max_time: Any, reason: Any, action: Any, state: Any) -> dict[str, Any]:
        return {
            "max_time": check_duration(scope, f"{prefix}max_time", max_time, required=True),
            "reason": check_enum(scope, f"{prefix}reason", reason, JobStateTimeLimitActionsReason, required=True),
            "action": check_enum(scope, f"{prefix}action", action, JobStateTimeLimitActionsAction),
            "state": check_enum(scope, f"{prefix}state", state, JobStateTimeLimitActionsState),
        }


class _JobQueueMembers:
    """What a queue offers (the protocol ``interfaces.IJobQueue``:  (``JobQueue`` and ``JobQueue.from_job_queue_arn``)."""

    job_queue_arn: str
    job_queue_name: str
    priority: int
    enabled: bool
    compute_environments: list[OrderedComputeEnvironment]

    def add_compute_environment(self, compute_environment: Any, order: int) -> None:  # pragma: no cover
        raise NotImplementedError


def _label(ce: Any) -> str:
    node = getattr(ce, "node", None) or getattr(getattr(ce, "resource", None), "node", None)
    return f"'{node.path}'" if node is not None else repr(ce.compute_environment_arn)


def _architecture(ce: Any) -> str | None:
    arch = getattr(ce, "architecture", None)
    if arch is None:
        return None
    arch = getattr(arch, "value", arch)
    return str(arch).lower().replace("-", "_") if arch else None


class JobQueue(BatchConstruct, _JobQueueMembers, RemovableResource):
    """An ``aws_batch_job_queue``.

    :param compute_environments: ``OrderedComputeEnvironment`` entries (default ``[]``; at
        least one, at most three, by synth). Each may be a compute environment of this
        library, one imported with ``from_*_arn``, or the provider's
        ``BatchComputeEnvironment``. Emitted as ``compute_environment_order`` sorted by
        ``order``.
    :param priority: default 1; 0–1000, higher is evaluated first when queues share an
        environment.
    :param enabled: default ``True`` (``state = "ENABLED"``).
    :param job_queue_name: default: generated from the construct path (``<path>-<hash>``;
        a fair-share queue's generated name differs from a FIFO queue's, because AWS cannot
        switch a queue between the two in place: the switch replaces the queue).
    :param scheduling_policy: a ``FairshareSchedulingPolicy`` (or its import, or the
        provider's ``BatchSchedulingPolicy``). Default none: a FIFO queue.
    :param job_state_time_limit_actions: ``JobStateTimeLimitAction`` entries (default none).
    """

    #: AWS CDK's id of this class for property injection (``core.PropertyInjectors``).
    PROPERTY_INJECTION_ID = "aws-cdk-lib.aws-batch.JobQueue"

    def __init__(self, scope: Any, id: str, *,
                 compute_environments: Sequence[OrderedComputeEnvironment] | None = None,
                 priority: int | None = None, enabled: bool | None = None,
                 job_queue_name: str | None = None, scheduling_policy: Any = None,
                 job_state_time_limit_actions: Sequence[JobStateTimeLimitAction] | None = None) -> None:
        super().__init__(scope, id)
        check_str(self, "job_queue_name", job_queue_name)
        check_name(self, "job_queue_name", job_queue_name)
        self.priority = check_int(self, "priority", 1 if priority is None else priority, minimum=MIN_PRIORITY,
                                  maximum=MAX_PRIORITY)
        self.enabled = True if enabled is None else check_bool(self, "enabled", enabled)
        self._scheduling_policy = None
        if scheduling_policy is not None:
            self._scheduling_policy = as_scheduling_policy(scheduling_policy, scope=self)
        self._time_limit_actions = self._check_time_limit_actions(job_state_time_limit_actions)
        self._compute_environments: list[OrderedComputeEnvironment] = []
        entries = check_list(self, "compute_environments", compute_environments,
                             expected="a list of OrderedComputeEnvironment") or ()
        for index, entry in enumerate(entries):
            keyword = f"compute_environments[{index}]"
            if hasattr(entry, "compute_environment_arn"):
                raise ValidationError(self, f"'{keyword}' must be an OrderedComputeEnvironment(compute_environment, "
                                            f"order), got the compute environment itself ({describe(entry)}); wrap "
                                            f"it: OrderedComputeEnvironment(compute_environment=..., order={index + 1})")
            entry = value_object(self, keyword, entry, OrderedComputeEnvironment,
                                 "an OrderedComputeEnvironment(compute_environment, order)")
            self._add(f"{keyword}.", entry.compute_environment, entry.order)
        name = job_queue_name or generated_name(
            self, seed="fair-share" if self._scheduling_policy is not None else "")
        self.resource = self._new_l1("Resource", "batch_job_queue", "BatchJobQueue", name=name,
                                     priority=self.priority,
                                     state="ENABLED" if self.enabled else "DISABLED",
                                     render=self._render_resource, taggable=True)

    # -- construction-time checks -------------------------------------------------------------
    def _check_time_limit_actions(self, actions: Any) -> list[dict[str, Any]]:
        rendered = []
        for index, action in enumerate(check_list(self, "job_state_time_limit_actions", actions,
                                                  expected="a list of JobStateTimeLimitAction") or ()):
            action = value_object(self, f"job_state_time_limit_actions[{index}]", action, JobStateTimeLimitAction,
                                  "a JobStateTimeLimitAction(max_time, reason, action, state)")
            seconds = seconds_of(self, action.max_time)
            if not is_unresolved(seconds):  # Q09: no range check on tokens
                if seconds < MIN_MAX_TIME_SECONDS or seconds > MAX_MAX_TIME_SECONDS:  # AWS CDK's message
                    raise ValidationError(self, f"maxTime must be between {MIN_MAX_TIME_SECONDS} and "
                                                f"{MAX_MAX_TIME_SECONDS} seconds, got {format_number(seconds)} "
                                                f"seconds at jobStateTimeLimitActions[{index}]")
            verb = (action.action or JobStateTimeLimitActionsAction.CANCEL).value
            state = (action.state or JobStateTimeLimitActionsState.RUNNABLE).value
            if verb == "TERMINATE":
                warn(self, "TERMINATE is only valid for service-environment job queues")
            rendered.append({"action": verb, "max_time_seconds": seconds, "reason": action.reason.value,
                             "state": state})
        return rendered

    # -- model ----------------------------------------------------------------------------------
    def add_compute_environment(self, compute_environment: Any, order: int) -> None:
        """Append ``compute_environment`` with ``order`` (rendered at synth, sorted by order)."""
        self._add("", compute_environment, order)

    def _add(self, prefix: str, compute_environment: Any, order: Any) -> None:
        fields = OrderedComputeEnvironment._checked(self, prefix, compute_environment, order)
        try:
            ce = as_compute_environment(fields["compute_environment"], scope=self)
        except ValidationError:
            raise ValidationError(self, f"'{prefix}compute_environment' must be a compute environment (of this "
                                        "library, imported with from_*_arn, or the provider's "
                                        f"BatchComputeEnvironment), got {describe(compute_environment)}") from None
        arn = ce.compute_environment_arn
        for existing in self._compute_environments:
            if existing.compute_environment is ce or existing.compute_environment.compute_environment_arn == arn:
                raise ValidationError(self, f"'{prefix}compute_environment' adds compute environment "
                                            f"{_label(ce)} a second time (already at order {existing.order}); "
                                            "AWS Batch refuses the same compute environment twice in one queue")
        self._compute_environments.append(OrderedComputeEnvironment(ce, fields["order"]))

    @property
    def compute_environments(self) -> list[OrderedComputeEnvironment]:
        return list(self._compute_environments)

    @property
    def job_state_time_limit_actions(self) -> list[dict[str, Any]]:
        """The actions as AWS receives them (``action``, ``max_time_seconds``, ``reason``, ``state``)."""
        return [dict(a) for a in self._time_limit_actions]

    @property
    def scheduling_policy(self) -> Any:
        policy = self._scheduling_policy
        if policy is not None and not (hasattr(policy, "scheduling_policy_arn")
                                       and hasattr(policy, "scheduling_policy_name")):
            raise ValidationError(None, "'schedulingPolicy' instance should implement ISchedulingPolicy, "
                                        f"but doesn't: {type(policy).__name__}")
        return policy

    def _validate(self) -> list[str]:
        orders = [e.order for e in self._compute_environments]
        if len(set(orders)) != len(orders):
            return ["assigns the same order to different ComputeEnvironments"]
        if not self._compute_environments:
            return ["This JobQueue does not link any ComputeEnvironments"]
        problems = []
        id = node_id(self)
        environments = [e.compute_environment for e in self._compute_environments]
        if len(environments) > MAX_COMPUTE_ENVIRONMENTS:
            problems.append(f"JobQueue '{id}' links {len(environments)} ComputeEnvironments; at most "
                            f"{MAX_COMPUTE_ENVIRONMENTS} are allowed")
        families = {getattr(ce, "compute_type_family", None) for ce in environments} - {None}
        if len(families) > 1:
            problems.append(f"JobQueue '{id}' mixes Fargate and EC2 ComputeEnvironments; AWS Batch does not "
                            "allow this")
        orchestrations = {getattr(ce, "orchestration", None) for ce in environments} - {None}
        if len(orchestrations) > 1:
            problems.append(f"JobQueue '{id}' mixes ECS and EKS ComputeEnvironments; AWS Batch does not allow this")
        architectures = sorted({_architecture(ce) for ce in environments} - {None})
        if len(architectures) > 1:
            problems.append(f"JobQueue '{id}' mixes ComputeEnvironments of different CPU architectures "
                            f"({', '.join(architectures)}); AWS Batch does not allow this")
        return problems

    def _render_resource(self) -> dict[str, Any]:
        ordered = sorted(self._compute_environments, key=lambda e: e.order)
        attrs: dict[str, Any] = {
            "priority": self.priority,
            "state": "ENABLED" if self.enabled else "DISABLED",
            "compute_environment_order": [
                {"compute_environment": e.compute_environment.compute_environment_arn, "order": e.order}
                for e in ordered],
            "job_state_time_limit_action": self.job_state_time_limit_actions or None,
        }
        if self._scheduling_policy is not None:
            attrs["scheduling_policy_arn"] = self._scheduling_policy.scheduling_policy_arn
        return attrs

    @property
    def job_queue_arn(self) -> str:
        return self.resource.arn

    @property
    def job_queue_name(self) -> str:
        return self.resource.name

    @classmethod
    def from_job_queue_arn(cls, scope: Any, id: str, job_queue_arn: str) -> "ImportedJobQueue":
        """An existing queue by ARN: creates nothing. Its name is the text after ``/``."""
        return ImportedJobQueue(scope, id, job_queue_arn)


class ImportedJobQueue(Imported, _JobQueueMembers):
    """A queue known by ARN (``JobQueue.from_job_queue_arn``): creates nothing."""

    def __init__(self, scope: Any, id: str, arn: str) -> None:
        super().__init__(scope, id)
        self.job_queue_arn = self._keep_arn(
            "job_queue_arn", arn, pattern=QUEUE_ARN,
            rule="a job queue ARN (arn:<partition>:batch:<region>:<account>:job-queue/<name>)")
        self.job_queue_name = arn_resource_name(arn)
        self.compute_environments: list[OrderedComputeEnvironment] = []
        self.priority = 1
        self.enabled = True
        self.scheduling_policy = None

    def add_compute_environment(self, compute_environment: Any, order: int) -> None:
        raise ValidationError(self.path, f"cannot add ComputeEnvironments to imported JobQueue '{self.node_id}'")


from ._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
