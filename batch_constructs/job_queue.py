"""``JobQueue``: routes jobs to compute environments in order, FIFO or fair-share, with
job-state time-limit actions for jobs stuck at the head of the queue.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any, Sequence

from ._base import BatchConstruct, generated_name
from ._convert import seconds_of
from ._errors import ValidationError, construct_path, warn
from ._tokens import format_number, is_unresolved
from .compute_environment_base import arn_resource_name, as_compute_environment, check_name
from .core import Duration

__all__ = ["IJobQueue", "ImportedJobQueue", "JobQueue", "JobStateTimeLimitAction",
           "JobStateTimeLimitActionsAction", "JobStateTimeLimitActionsReason",
           "JobStateTimeLimitActionsState", "OrderedComputeEnvironment"]

#: AWS Batch limits (``CreateJobQueue``).
MAX_COMPUTE_ENVIRONMENTS = 3
MIN_PRIORITY, MAX_PRIORITY = 0, 1000
MIN_MAX_TIME_SECONDS, MAX_MAX_TIME_SECONDS = 600, 86400


class JobStateTimeLimitActionsAction(enum.Enum):
    """What Batch does with a job that stays too long in a state: ``CANCEL`` (ECS/EKS queues)
    or ``TERMINATE`` (documented for SageMaker service-environment queues)."""

    CANCEL = "CANCEL"
    TERMINATE = "TERMINATE"


class JobStateTimeLimitActionsReason(enum.Enum):
    """Why a job is stuck; Batch applies the action only for this reason."""

    INSUFFICIENT_INSTANCE_CAPACITY = "CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY"
    COMPUTE_ENVIRONMENT_MAX_RESOURCE = "MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE"
    JOB_RESOURCE_REQUIREMENT = "MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT"


class JobStateTimeLimitActionsState(enum.Enum):
    """The job state the time limit applies to (only ``RUNNABLE`` exists)."""

    RUNNABLE = "RUNNABLE"


@dataclass
class OrderedComputeEnvironment:
    """A compute environment and its ``order`` in a queue (lower is tried first)."""

    compute_environment: Any
    order: int


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


class IJobQueue:
    """What a queue offers (``JobQueue`` and ``JobQueue.from_job_queue_arn``)."""

    job_queue_arn: str
    job_queue_name: str
    priority: int
    enabled: bool
    compute_environments: list[OrderedComputeEnvironment]

    def add_compute_environment(self, compute_environment: Any, order: int) -> None:  # pragma: no cover
        raise NotImplementedError


def _enum_value(scope: Any, value: Any, enum_cls: type[enum.Enum], what: str, index: int) -> str:
    if isinstance(value, enum_cls):
        return value.value
    if isinstance(value, str):
        for member in enum_cls:
            if value in (member.value, member.name):
                return member.value
    allowed = ", ".join(f"{enum_cls.__name__}.{m.name}" for m in enum_cls)
    raise ValidationError(scope, f"jobStateTimeLimitActions[{index}] has '{what}' = {value!r}; "
                                 f"expected one of {allowed}")


def _architecture(ce: Any) -> str | None:
    arch = getattr(ce, "architecture", None)
    if arch is None:
        return None
    arch = getattr(arch, "value", arch)
    return str(arch).lower().replace("-", "_") if arch else None


class JobQueue(BatchConstruct, IJobQueue):
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

    def __init__(self, scope: Any, id: str, *,
                 compute_environments: Sequence[OrderedComputeEnvironment] | None = None,
                 priority: int | None = None, enabled: bool | None = None,
                 job_queue_name: str | None = None, scheduling_policy: Any = None,
                 job_state_time_limit_actions: Sequence[JobStateTimeLimitAction] | None = None,
                 **extra: Any) -> None:
        super().__init__(scope, id)
        if extra:
            raise TypeError(f"JobQueue() got unexpected keyword argument(s): {', '.join(sorted(extra))}")
        check_name(self, "job_queue_name", job_queue_name)
        self.priority = 1 if priority is None else priority
        if not is_unresolved(self.priority):
            if isinstance(self.priority, bool) or not isinstance(self.priority, (int, float)) \
                    or not float(self.priority).is_integer() \
                    or not MIN_PRIORITY <= self.priority <= MAX_PRIORITY:
                raise ValidationError(self, f"JobQueue '{id}' specifies 'priority' = {self.priority}; it must be "
                                            f"a whole number between {MIN_PRIORITY} and {MAX_PRIORITY}")
            self.priority = int(self.priority)
        self.enabled = True if enabled is None else bool(enabled)
        self._scheduling_policy = None
        if scheduling_policy is not None:
            from .scheduling_policy import as_scheduling_policy
            self._scheduling_policy = as_scheduling_policy(scheduling_policy)
        self._time_limit_actions = self._check_time_limit_actions(job_state_time_limit_actions or ())
        self._compute_environments: list[OrderedComputeEnvironment] = []
        for entry in compute_environments or ():
            if isinstance(entry, dict):
                entry = OrderedComputeEnvironment(**entry)
            self.add_compute_environment(entry.compute_environment, entry.order)
        name = job_queue_name or generated_name(
            self, seed="fair-share" if self._scheduling_policy is not None else "")
        self.resource = self._new_l1("Resource", "batch_job_queue", "BatchJobQueue", name=name,
                                     priority=self.priority,
                                     state="ENABLED" if self.enabled else "DISABLED",
                                     render=self._render_resource, taggable=True)

    # -- construction-time checks -------------------------------------------------------------
    def _check_time_limit_actions(self, actions: Sequence[Any]) -> list[dict[str, Any]]:
        rendered = []
        for index, action in enumerate(actions):
            if isinstance(action, dict):
                action = JobStateTimeLimitAction(**action)
            max_time = action.max_time
            if not isinstance(max_time, Duration):
                raise ValidationError(self, f"jobStateTimeLimitActions[{index}] needs 'max_time' as a Duration, "
                                            f"got {type(max_time).__name__}")
            seconds = seconds_of(self, max_time)
            if not is_unresolved(seconds):  # Q09: no range check on tokens
                if seconds < MIN_MAX_TIME_SECONDS or seconds > MAX_MAX_TIME_SECONDS:
                    raise ValidationError(self, f"maxTime must be between {MIN_MAX_TIME_SECONDS} and "
                                                f"{MAX_MAX_TIME_SECONDS} seconds, got {format_number(seconds)} "
                                                f"seconds at jobStateTimeLimitActions[{index}]")
            if action.reason is None:
                raise ValidationError(self, f"jobStateTimeLimitActions[{index}] needs a 'reason' "
                                            "(a JobStateTimeLimitActionsReason)")
            reason = _enum_value(self, action.reason, JobStateTimeLimitActionsReason, "reason", index)
            verb = _enum_value(self, action.action or JobStateTimeLimitActionsAction.CANCEL,
                               JobStateTimeLimitActionsAction, "action", index)
            state = _enum_value(self, action.state or JobStateTimeLimitActionsState.RUNNABLE,
                                JobStateTimeLimitActionsState, "state", index)
            if verb == "TERMINATE":
                warn(self, "TERMINATE is only valid for service-environment job queues")
            rendered.append({"action": verb, "max_time_seconds": seconds, "reason": reason, "state": state})
        return rendered

    # -- model ----------------------------------------------------------------------------------
    def add_compute_environment(self, compute_environment: Any, order: int) -> None:
        """Append ``compute_environment`` with ``order`` (rendered at synth, sorted by order)."""
        if not is_unresolved(order) and (isinstance(order, bool) or not isinstance(order, int) or order < 0):
            raise ValidationError(self, f"JobQueue '{self.node.id}' gives ComputeEnvironment order {order!r}; "
                                        "it must be a whole number, 0 or more")
        self._compute_environments.append(
            OrderedComputeEnvironment(as_compute_environment(compute_environment, scope=self), order))

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
        id = self.node.id
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


class ImportedJobQueue(IJobQueue):
    """A queue known by ARN (``JobQueue.from_job_queue_arn``): creates nothing."""

    def __init__(self, scope: Any, id: str, arn: str) -> None:
        parent = construct_path(scope)
        self.node_id = id
        self.path = f"{parent}/{id}" if parent else id
        self.job_queue_arn = arn
        self.job_queue_name = arn_resource_name(arn)
        self.compute_environments: list[OrderedComputeEnvironment] = []
        self.priority = 1
        self.enabled = True
        self.scheduling_policy = None

    def add_compute_environment(self, compute_environment: Any, order: int) -> None:
        raise ValidationError(self.path, f"cannot add ComputeEnvironments to imported JobQueue '{self.node_id}'")
