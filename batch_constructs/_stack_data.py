"""Stack-wide data sources (one each per stack, shared): partition, region, account."""
from __future__ import annotations

from typing import Any

from ._runtime import COMPAT, l1_class

_PARTITION_ID = "BatchConstructsPartition"
_REGION_ID = "BatchConstructsRegion"
_ACCOUNT_ID = "BatchConstructsCallerIdentity"


def _singleton(scope: Any, id: str, module: str, cls: str) -> Any:
    from ._core import stack_cache, stack_of

    stack = stack_of(scope)
    singletons = stack_cache(stack).setdefault("singletons", {})
    found = singletons.get(id)
    if found is None:
        found = singletons[id] = stack.node.try_find_child(id) or l1_class(module)(stack, id)
    return found


def partition(scope: Any) -> str:
    """``${data.aws_partition.<x>.partition}``: ``aws``, ``aws-cn``, ``aws-us-gov``."""
    return _singleton(scope, _PARTITION_ID, "data_aws_partition", "DataAwsPartition").partition


def region(scope: Any) -> str:
    data = _singleton(scope, _REGION_ID, "data_aws_region", "DataAwsRegion")
    return getattr(data, COMPAT.region_attribute)


def account(scope: Any) -> str:
    return _singleton(scope, _ACCOUNT_ID, "data_aws_caller_identity", "DataAwsCallerIdentity").account_id


def aws_managed_policy_arn(scope: Any, name: str) -> str:
    return f"arn:{partition(scope)}:iam::aws:policy/{name}"
