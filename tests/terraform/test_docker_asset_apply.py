"""``ContainerImage.from_asset`` applied to moto with a fake ``docker`` first on ``PATH`` (it logs
its arguments, working directory and stdin, and exits 0): the apply builds, logs in (the password
from moto's ``GetAuthorizationToken``, through the environment) and pushes the content-hash tag; a
second plan is quiet; a changed context file, re-synthesized, plans the ``terraform_data`` as
replaced, and applying it builds and pushes the new tag. Plus ``terraform validate`` of an asset
using every docker flag."""
from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from tests.harness.moto import MotoServer
from tests.harness.moto_gaps import unexplained_changes
from tests.harness.terraform import Terraform, assert_validates, planned_changes

FAKE_DOCKER = """#!/bin/sh
{ printf 'argv:'; for a in "$@"; do printf ' %s' "$a"; done; printf '\\n'; printf 'cwd: %s\\n' "$PWD"
  if [ "$1" = login ]; then printf 'stdin: %s\\n' "$(cat)"; fi; } >> "$FAKE_DOCKER_LOG"
exit 0
"""


def build_app(context: Path, outdir: Path, provider_config: dict[str, Any] | None, **asset: Any) -> str:
    """Synthesize a stack whose job image is built from ``context``; the asset hash."""
    from cdktf import TerraformStack

    from batch_constructs import App, EcsEc2ContainerDefinition, EcsJobDefinition
    from batch_constructs.core import Size
    from batch_constructs.ecs import ContainerImage
    from batch_constructs.providers import aws_provider

    app = App(outdir=str(outdir))
    stack = TerraformStack(app, "asset")
    aws_provider(stack, region="us-east-1")
    for key, value in sorted((provider_config or {}).items()):
        stack.node.find_child("aws").add_override(key, value)
    container = EcsEc2ContainerDefinition(stack, "Worker", cpu=1, memory=Size.mebibytes(512),
                                          image=ContainerImage.from_asset(str(context), **asset))
    EcsJobDefinition(stack, "Job", container=container)
    app.synth()
    return container.image.asset.asset_hash


@pytest.fixture()
def context(tmp_path: Path) -> Path:
    root = tmp_path / "image"
    root.mkdir()
    (root / "Dockerfile").write_text("FROM public.ecr.aws/docker/library/busybox\nCOPY run.sh /run.sh\n")
    (root / "run.sh").write_text("echo one\n")
    return root


@pytest.mark.terraform
def test_every_docker_flag_passes_terraform_validate(terraform_tools: Any, context: Path, tmp_path: Path) -> None:
    from batch_constructs.ecr_assets import DockerCacheOption, NetworkMode, Platform
    build_app(context, tmp_path / "out", None, build_args={"A": "it's ${x}"}, target="final", file="Dockerfile",
              platform=Platform.LINUX_ARM64, network_mode=NetworkMode.HOST, cache_disabled=True, build_ssh="default",
              cache_from=[DockerCacheOption(type="registry", params={"ref": "r"})], outputs=["type=docker"],
              cache_to=DockerCacheOption(type="inline"), exclude=["*.md"], extra_hash="x")
    doc = json.loads((tmp_path / "out/stacks/asset/cdk.tf.json").read_text())
    assert_validates(terraform_tools, doc, tmp_path / "validate")


@pytest.mark.e2e
@pytest.mark.terraform
def test_apply_builds_and_pushes_then_plans_quietly_and_rebuilds_on_change(
        terraform_tools: Any, context: Path, tmp_path: Path) -> None:
    bin_dir, log = tmp_path / "bin", tmp_path / "docker.log"
    bin_dir.mkdir()
    (bin_dir / "docker").write_text(FAKE_DOCKER)
    (bin_dir / "docker").chmod(0o755 | stat.S_IXUSR)
    outdir = tmp_path / "out"
    server = MotoServer().start()
    try:
        config = server.provider_config()
        first = build_app(context, outdir, config, build_args={"V": "1"})
        tf = Terraform(terraform_tools.binary, terraform_tools.cli_config, outdir / "stacks" / "asset")
        tf.env.update(PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}", FAKE_DOCKER_LOG=str(log))
        try:
            tf.run("init", "-input=false", "-no-color").check()  # with the stack's local backend
            tf.apply().check()
            calls = log.read_text().splitlines()
            registry = "123456789012.dkr.ecr.us-east-1.amazonaws.com"
            uri = f"{registry}/asset-containerassets-"
            argv = [c for c in calls if c.startswith("argv:")]
            assert [a.split()[1] for a in argv] == ["build", "login", "push"], calls
            assert argv[0].startswith(f"argv: build --build-arg V=1 --tag {uri}") and argv[0].endswith(f":{first} .")
            assert argv[1] == f"argv: login --username AWS --password-stdin {registry}"
            assert argv[2].startswith(f"argv: push {uri}") and argv[2].endswith(f":{first}")
            assert "stdin: 123456789012-auth-token" in calls  # moto's token, by the environment
            assert calls[1] == f"cwd: {outdir.resolve()}/stacks/asset/assets/Worker_AssetImage_Context_" \
                               f"{calls[1].split('_Context_')[1].split('/')[0]}/{first}"
            plan = tf.run("plan", "-detailed-exitcode", "-input=false", "-no-color", "-out=plan.out")
            if plan.returncode == 2:
                unexplained = unexplained_changes(planned_changes(tf))
                assert not unexplained, f"second plan is not quiet: {unexplained}\n{plan.stdout[-4000:]}"
            else:
                plan.check(0)

            (context / "run.sh").write_text("echo two\n")
            second = build_app(context, outdir, config, build_args={"V": "1"})
            assert second != first
            tf.run("plan", "-input=false", "-no-color", "-out=plan.out").check()
            changes = {address: actions for address, actions, _ in planned_changes(tf)}
            build = next(a for a in changes if a.startswith("terraform_data."))
            assert changes[build] in ("delete+create", "create+delete"), changes
            tf.apply().check()
            pushes = [c for c in log.read_text().splitlines() if c.startswith("argv: push")]
            assert len(pushes) == 2 and pushes[1].endswith(f":{second}"), pushes
        finally:
            tf.destroy().check()
    finally:
        server.stop()
