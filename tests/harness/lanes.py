"""Which lane a test process is (``./dev.sh test`` sets ``BATCH_CONSTRUCTS_CORE`` and
``BATCH_CONSTRUCTS_AWS_PROVIDER_VERSION`` per part), for the few slow tests that do not depend on the lane."""
from __future__ import annotations

import os

import pytest

CORE = os.environ.get("BATCH_CONSTRUCTS_CORE") or "cdktf"


def _version() -> str:
    from batch_constructs.bindings import provider_version
    return provider_version()


#: for a slow test that depends neither on the core nor on the pinned provider version: the
#: cdktf + hashicorp/aws 5.100.0 lane runs it, the others skip it and say so
first_lane_only = pytest.mark.skipif(
    CORE != "cdktf" or _version() != "5.100.0",
    reason="independent of the core and of the pinned provider version: the cdktf + hashicorp/aws 5.100.0 lane "
           "runs it")
#: for a slow test that depends on the core (its prebuilt package) but not on the pinned provider version
once_per_core = pytest.mark.skipif(
    CORE == "cdktf" and _version() != "5.100.0",
    reason="independent of the pinned provider version: the cdktf + hashicorp/aws 5.100.0 lane runs it "
           "(and the cdktn lane for CDK Terrain's package)")
