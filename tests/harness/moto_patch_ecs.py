"""moto gap: ``RegisterJobDefinition`` ignores ``schedulingPriority``.

moto 5.2's ``registerjobdefinition`` never reads the parameter and ``DescribeJobDefinitions``
never returns it, so the provider reads ``scheduling_priority`` back as 0 and the second plan
wants a new revision of every job definition that sets it. AWS stores and returns it. This patch
keeps the value on the registered revision and adds it to the description (wrapping whatever
``describe`` is installed: other patches may wrap it too).
"""
from __future__ import annotations

import json
from typing import Any


def install() -> None:
    from moto.batch import models as batch_models
    from moto.batch import responses as batch_responses

    response_cls = batch_responses.BatchResponse
    original_register = response_cls.registerjobdefinition
    if getattr(original_register, "_keeps_scheduling_priority", False):
        return

    def registerjobdefinition(self: Any) -> str:
        result = original_register(self)
        priority = self._get_param("schedulingPriority")
        if priority is not None:
            job_def = self.batch_backend.get_job_definition_by_arn(json.loads(result)["jobDefinitionArn"])
            if job_def is not None:
                job_def.scheduling_priority = priority
        return result

    registerjobdefinition._keeps_scheduling_priority = True  # type: ignore[attr-defined]
    response_cls.registerjobdefinition = registerjobdefinition

    original_describe = batch_models.JobDefinition.describe

    def describe(self: Any) -> dict[str, Any]:
        result = original_describe(self)
        priority = getattr(self, "scheduling_priority", None)
        if priority is not None:
            result["schedulingPriority"] = priority
        return result

    batch_models.JobDefinition.describe = describe
