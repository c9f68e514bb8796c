"""moto 5.2 gaps around job definitions, closed so that moto answers as AWS does.

* ``DescribeJobDefinitions`` never returns ``nodeProperties``: moto stores the object from
  ``RegisterJobDefinition`` but ``JobDefinition.describe()`` leaves it out, so the provider reads
  ``node_properties`` back as empty and the second plan wants a new revision of every
  multi-node job definition. AWS returns it as registered (``mainNode``, ``numNodes``,
  ``nodeRangeProperties``). Patched: described.
* ``RegisterJobDefinition`` drops ``schedulingPriority`` (the response handler never reads it),
  so the provider reads ``0`` back and the second plan shows ``0 -> N``. AWS stores and returns
  it. Patched: kept on the registered revision and described.

Both wrap whatever is installed (another patch may wrap the same functions) and are idempotent.
"""
from __future__ import annotations

import json
from typing import Any

_MARK = "_batch_constructs_jobdefs_patch"


def install() -> None:
    from moto.batch import models, responses

    original_describe = models.JobDefinition.describe
    if getattr(original_describe, _MARK, False):
        return

    def describe(self: Any) -> dict[str, Any]:
        result = original_describe(self)
        if getattr(self, "node_properties", None) is not None and "nodeProperties" not in result:
            result["nodeProperties"] = self.node_properties
        priority = getattr(self, "scheduling_priority", None)
        if priority is not None and "schedulingPriority" not in result:
            result["schedulingPriority"] = priority
        return result

    setattr(describe, _MARK, True)
    models.JobDefinition.describe = describe

    original_register = responses.BatchResponse.registerjobdefinition

    def registerjobdefinition(self: Any) -> str:
        body = original_register(self)
        priority = self._get_param("schedulingPriority")
        if priority is not None:
            job_def = self.batch_backend.get_job_definition_by_arn(json.loads(body)["jobDefinitionArn"])
            if job_def is not None and getattr(job_def, "scheduling_priority", None) is None:
                job_def.scheduling_priority = priority
        return body

    responses.BatchResponse.registerjobdefinition = registerjobdefinition
