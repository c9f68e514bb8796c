"""``JobQueue``: routes jobs to compute environments in order."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from ._base import BatchConstruct, generated_name
from ._errors import ValidationError
from .compute_environment_base import arn_resource_name, as_compute_environment, check_name

__all__ = ["ImportedJobQueue", "JobQueue", "OrderedComputeEnvironment"]


@dataclass
class OrderedComputeEnvironment:
    """A compute environment and its ``order`` in a queue (lower is tried first)."""

    compute_environment: Any
    order: int


class JobQueue(BatchConstruct):
    """An ``aws_batch_job_queue``.

    :param compute_environments: ``OrderedComputeEnvironment`` entries (default ``[]``; at
        least one by synth). Emitted as ``compute_environment_order`` sorted by ``order``.
    :param priority: default 1 (higher is evaluated first).
    :param enabled: default ``True`` (``state = "ENABLED"``).
    :param job_queue_name: default: generated from the construct path (``<path>-<hash>``).
    :param scheduling_policy: a fair-share policy (default none: FIFO).
    """

    def __init__(self, scope: Any, id: str, *,
                 compute_environments: Sequence[OrderedComputeEnvironment] | None = None,
                 priority: int | None = None, enabled: bool | None = None,
                 job_queue_name: str | None = None, scheduling_policy: Any = None,
                 **extra: Any) -> None:
        super().__init__(scope, id)
        if extra:
            raise TypeError(f"JobQueue() got unexpected keyword argument(s): {', '.join(sorted(extra))}")
        check_name(self, "job_queue_name", job_queue_name)
        self.priority = 1 if priority is None else priority
        self.enabled = True if enabled is None else bool(enabled)
        self._scheduling_policy = scheduling_policy
        self._compute_environments: list[OrderedComputeEnvironment] = []
        for entry in compute_environments or ():
            if isinstance(entry, dict):
                entry = OrderedComputeEnvironment(**entry)
            self.add_compute_environment(entry.compute_environment, entry.order)
        name = job_queue_name or generated_name(self)
        self.resource = self._new_l1("Resource", "batch_job_queue", "BatchJobQueue", name=name,
                                     priority=self.priority,
                                     state="ENABLED" if self.enabled else "DISABLED",
                                     render=self._render_resource, taggable=True)

    def add_compute_environment(self, compute_environment: Any, order: int) -> None:
        """Append ``compute_environment`` with ``order`` (rendered at synth)."""
        self._compute_environments.append(
            OrderedComputeEnvironment(as_compute_environment(compute_environment, scope=self), order))

    @property
    def compute_environments(self) -> list[OrderedComputeEnvironment]:
        return list(self._compute_environments)

    @property
    def scheduling_policy(self) -> Any:
        return self._scheduling_policy

    def _validate(self) -> list[str]:
        orders = [e.order for e in self._compute_environments]
        if len(set(orders)) != len(orders):
            return ["assigns the same order to different ComputeEnvironments"]
        if not self._compute_environments:
            return ["This JobQueue does not link any ComputeEnvironments"]
        return []

    def _render_resource(self) -> dict[str, Any]:
        ordered = sorted(self._compute_environments, key=lambda e: e.order)
        attrs: dict[str, Any] = {
            "priority": self.priority,
            "state": "ENABLED" if self.enabled else "DISABLED",
            "compute_environment_order": [
                {"compute_environment": e.compute_environment.compute_environment_arn, "order": e.order}
                for e in ordered],
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
        """An existing queue by ARN: creates nothing."""
        return ImportedJobQueue(id, job_queue_arn)


class ImportedJobQueue:
    def __init__(self, id: str, arn: str) -> None:
        self.node_id = id
        self.job_queue_arn = arn
        self.job_queue_name = arn_resource_name(arn)
        self.compute_environments: list[OrderedComputeEnvironment] = []
        self.priority = 1
        self.enabled = True
        self.scheduling_policy = None

    def add_compute_environment(self, compute_environment: Any, order: int) -> None:
        raise ValidationError(None, f"cannot add ComputeEnvironments to imported JobQueue '{self.node_id}'")
