"""Real Terraform for the test suite: find the binary and the provider mirror, write a CLI
configuration for offline ``terraform init``, and run ``init``/``validate``/``apply``/``plan``.

The mirror is found from ``BATCH_CONSTRUCTS_PROVIDER_MIRROR`` (a directory holding
``registry.terraform.io/hashicorp/aws/...``), else by searching the usual places.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MIRROR_ENV = "BATCH_CONSTRUCTS_PROVIDER_MIRROR"
PROVIDER_VERSION = "5.100.0"
_SEARCH_ROOTS = ("/opt", "/usr/local/share", "/usr/share", os.path.expanduser("~/.terraform.d"),
                 os.path.expanduser("~/.local/share"), "/srv", "/var/lib")


def find_terraform() -> str | None:
    return shutil.which(os.environ.get("TERRAFORM_BINARY_NAME", "terraform"))


def _holds_provider(root: Path) -> bool:
    return any((root / "registry.terraform.io" / "hashicorp" / "aws" / PROVIDER_VERSION).glob(
        "*/terraform-provider-aws*"))


def find_mirror() -> Path | None:
    """The filesystem mirror holding hashicorp/aws 5.100.0, or ``None``."""
    configured = os.environ.get(MIRROR_ENV)
    if configured:
        path = Path(configured)
        return path if _holds_provider(path) else None
    for root in _SEARCH_ROOTS:
        base = Path(root)
        if not base.is_dir():
            continue
        if _holds_provider(base):
            return base
        for candidate in base.glob("**/registry.terraform.io"):
            if _holds_provider(candidate.parent):
                return candidate.parent
            # stop descending huge trees: only the first few levels matter
    return None


def write_cli_config(mirror: Path, directory: Path) -> Path:
    path = directory / "terraform-cli.tfrc"
    path.write_text(
        "provider_installation {\n"
        "  filesystem_mirror {\n"
        f"    path    = {json.dumps(str(mirror))}\n"
        '    include = ["registry.terraform.io/*/*"]\n'
        "  }\n"
        "  direct {\n"
        '    exclude = ["registry.terraform.io/*/*"]\n'
        "  }\n"
        "}\n")
    return path


@dataclass
class TerraformResult:
    command: list[str]
    returncode: int
    stdout: str
    stderr: str

    def check(self, *allowed: int) -> "TerraformResult":
        if self.returncode not in (allowed or (0,)):
            raise AssertionError(f"{' '.join(self.command)} exited {self.returncode}\n"
                                 f"--- stdout ---\n{self.stdout[-6000:]}\n--- stderr ---\n{self.stderr[-6000:]}")
        return self


class Terraform:
    """Runs terraform in one working directory with an offline CLI configuration."""

    def __init__(self, binary: str, cli_config: Path, workdir: Path) -> None:
        self.binary = binary
        self.workdir = workdir
        self.env = {**os.environ, "TF_CLI_CONFIG_FILE": str(cli_config), "TF_IN_AUTOMATION": "1",
                    "TF_INPUT": "0", "CHECKPOINT_DISABLE": "1"}
        self.env.pop("TF_LOG", None)

    def run(self, *args: str, timeout: float = 900) -> TerraformResult:
        command = [self.binary, *args]
        done = subprocess.run(command, cwd=self.workdir, env=self.env, capture_output=True, text=True,
                              timeout=timeout)
        return TerraformResult(command, done.returncode, done.stdout, done.stderr)

    def init(self) -> TerraformResult:
        return self.run("init", "-input=false", "-no-color", "-backend=false").check()

    def validate(self) -> dict[str, Any]:
        result = self.run("validate", "-json", "-no-color")
        return json.loads(result.stdout)

    def apply(self) -> TerraformResult:
        return self.run("apply", "-auto-approve", "-input=false", "-no-color", "-parallelism=4")

    def plan_exit_code(self) -> TerraformResult:
        return self.run("plan", "-detailed-exitcode", "-input=false", "-no-color")

    def destroy(self) -> TerraformResult:
        return self.run("destroy", "-auto-approve", "-input=false", "-no-color", "-parallelism=4")


def prepare_stack_dir(stack_json: dict[str, Any], workdir: Path) -> Path:
    """Copy a synthesized stack into ``workdir`` with the backend removed (local state there)."""
    workdir.mkdir(parents=True, exist_ok=True)
    doc = json.loads(json.dumps(stack_json))
    doc.get("terraform", {}).pop("backend", None)
    (workdir / "cdk.tf.json").write_text(json.dumps(doc, indent=2, sort_keys=True))
    return workdir


def assert_validates(tools: Any, doc: dict[str, Any], workdir: Path, *, allow_warnings: bool = False) -> Terraform:
    """``terraform init`` and ``terraform validate`` of ``doc`` in ``workdir`` (backend removed):
    valid, and (unless ``allow_warnings``) without a warning. The ready ``Terraform``."""
    tf = Terraform(tools.binary, tools.cli_config, prepare_stack_dir(doc, workdir))
    tf.init()
    result = tf.validate()
    problems = [f"{d.get('severity')}: {d.get('summary')}: {d.get('detail')} @ {d.get('address', '')}"
                for d in result.get("diagnostics", [])]
    assert result["valid"], "\n".join(problems)[:4000]
    assert allow_warnings or not problems, "\n".join(problems)[:4000]
    return tf


def planned_changes(tf: Terraform) -> list[tuple[str, str, list[str]]]:
    """(address, actions, changed attributes) of the saved plan ``plan.out`` in ``tf``'s directory."""
    shown = json.loads(tf.run("show", "-json", "plan.out").check().stdout)
    out = []
    for change in shown.get("resource_changes", []):
        actions = change["change"]["actions"]
        if actions in (["no-op"], ["read"]):
            continue
        before, after = change["change"].get("before") or {}, change["change"].get("after") or {}
        keys = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
        out.append((change["address"], "+".join(actions), keys))
    return out
