"""moto gap: job queues drop ``jobStateTimeLimitActions``.

moto 5.2 ignores the ``jobStateTimeLimitActions`` of ``CreateJobQueue`` and ``UpdateJobQueue``
and never returns them from ``DescribeJobQueues``, so the provider reads back an empty list and
the second ``terraform plan`` wants to add them again, although AWS keeps them. This patch
stores the list on moto's queue (replaced wholesale by an update that sends it, as AWS does)
and returns it when the queue is described (omitted when empty, as AWS does).
"""
from __future__ import annotations

from typing import Any

_ATTR = "_job_state_time_limit_actions"


def install() -> None:
    from moto.batch import models, responses

    if getattr(models.JobQueue, "_batch_constructs_queue_patch", False):
        return
    original_describe = models.JobQueue.describe
    original_create = responses.BatchResponse.createjobqueue
    original_update = responses.BatchResponse.updatejobqueue

    def describe(self: Any) -> dict[str, Any]:
        result = original_describe(self)
        actions = getattr(self, _ATTR, None)
        if actions:
            result["jobStateTimeLimitActions"] = [dict(a) for a in actions]
        return result

    def _store(response: Any, queue_name: str | None) -> None:
        actions = response._get_param("jobStateTimeLimitActions")
        if actions is None or queue_name is None:
            return
        queue = response.batch_backend.get_job_queue(queue_name)
        if queue is not None:
            setattr(queue, _ATTR, list(actions))

    def createjobqueue(self: Any) -> str:
        result = original_create(self)
        _store(self, self._get_param("jobQueueName"))
        return result

    def updatejobqueue(self: Any) -> str:
        result = original_update(self)
        _store(self, self._get_param("jobQueue"))
        return result

    models.JobQueue.describe = describe
    responses.BatchResponse.createjobqueue = createjobqueue
    responses.BatchResponse.updatejobqueue = updatejobqueue
    models.JobQueue._batch_constructs_queue_patch = True
