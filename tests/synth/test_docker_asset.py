"""``ContainerImage.from_asset`` / ``ecr_assets.DockerImageAsset``: the stack's ECR repository, the
registry token, the ``terraform_data`` that builds and pushes with ``local-exec``, the job's image
(the build's output), the execution role's pull grant, and the build context copied into a
self-contained, reproducible Terraform directory."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from batch_constructs import EcsJobDefinition, EksContainerDefinition, ValidationError
from batch_constructs.core import Size
from batch_constructs.ecr import Repository
from batch_constructs.ecr_assets import DockerImageAsset, NetworkMode, Platform
from batch_constructs.ecs import AssetImage, ContainerImage
from batch_constructs.testing import Template

from ._helpers import ec2, job_definition, statements

ROOT = Path(__file__).resolve().parents[2]
PULL = ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]


@pytest.fixture()
def context(tmp_path: Path) -> Path:
    root = tmp_path / "image"
    (root / "src").mkdir(parents=True)
    (root / "Dockerfile").write_text("FROM public.ecr.aws/docker/library/busybox\nCOPY src /src\n")
    (root / "src" / "run.sh").write_text("echo hi\n")
    (root / "notes.txt").write_text("not sent\n")
    (root / ".dockerignore").write_text("notes.txt\n")
    return root


def only(found: dict[str, Any]) -> Any:
    (value,) = found.values()
    return value


def test_from_asset_builds_pushes_and_is_the_jobs_image(stack: Any, context: Path) -> None:
    image = ContainerImage.from_asset(str(context), build_args={"MODE": "prod"})
    assert isinstance(image, AssetImage)
    container = ec2(stack, image=image)
    EcsJobDefinition(stack, "Job", container=container)
    t = Template.from_stack(stack)
    repo = only(t.find_resources("aws_ecr_repository"))
    assert repo == {"name": "teststack-containerassets-cb73a523", "force_delete": True,
                    "image_tag_mutability": "MUTABLE"}
    assert only(t.find_data_sources("aws_ecr_authorization_token")) == {}
    (key, build), = t.find_resources("terraform_data").items()
    tag = container.image.asset.asset_hash
    assert len(tag) == 64 and container.image.asset.image_tag == tag == container.image.asset.source_hash
    uri = "${aws_ecr_repository.ContainerAssets_190BCDF3.repository_url}:" + tag
    assert build["input"] == build["triggers_replace"] == uri
    (provisioner,) = build["provisioner"]
    local = provisioner["local-exec"]
    assert local["command"] == (
        "docker build --build-arg MODE=prod --tag \"$IMAGE_URI\" . && printf '%s' \"$ECR_PASSWORD\" | docker login "
        "--username \"$ECR_USERNAME\" --password-stdin \"$ECR_REGISTRY\" && docker push \"$IMAGE_URI\"")
    token = "${data.aws_ecr_authorization_token.BatchConstructsEcrAuthorizationToken"
    assert local["environment"] == {
        "IMAGE_URI": uri, "ECR_USERNAME": token + ".user_name}", "ECR_PASSWORD": token + ".password}",
        "ECR_REGISTRY": '${element(split("/", aws_ecr_repository.ContainerAssets_190BCDF3.repository_url), 0)}'}
    assert local["interpreter"] == ["/bin/sh", "-c"]
    assert local["working_dir"] == f"${{path.module}}/assets/Container_AssetImage_Context_038E2470/{tag}"
    assert job_definition(t)["container_properties"]["image"] == f"${{terraform_data.{key}.output}}"
    pull = [s for s in statements(t, "Container_ExecutionRole") if s["Action"] == PULL]
    assert pull == [{"Effect": "Allow", "Action": PULL, "Resource": "${aws_ecr_repository.ContainerAssets_190BCDF3.arn}"}]
    assert any(s["Action"] == "ecr:GetAuthorizationToken" for s in statements(t, "Container_ExecutionRole"))


def test_user_values_are_shell_quoted_and_template_escaped(stack: Any, context: Path) -> None:
    DockerImageAsset(stack, "Asset", directory=str(context), build_args={"A": "it's ${x} %{y}"}, target="final",
                     platform=Platform.LINUX_ARM64, network_mode=NetworkMode.HOST, cache_disabled=True,
                     outputs=["type=docker"])
    command = only(Template.from_stack(stack).find_resources("terraform_data"))["provisioner"][0]["local-exec"]["command"]
    assert command.startswith(
        "docker build --build-arg 'A=it'\"'\"'s $${x} %%{y}' --tag \"$IMAGE_URI\" --target final --network host "
        "--platform linux/arm64 --output=type=docker --no-cache . && ")
    assert "ECR_PASSWORD" in command and "password}" not in command  # the secret reaches it by environment only


def test_a_given_repository_and_from_docker_image_asset(stack: Any, context: Path) -> None:
    repo = Repository(stack, "Repo")
    asset = DockerImageAsset(stack, "Asset", directory=str(context), ecr_repository=repo)
    assert asset.repository is repo and asset.image_uri.startswith("${")
    container = ec2(stack, image=ContainerImage.from_docker_image_asset(asset))
    EcsJobDefinition(stack, "Job", container=container)
    t = Template.from_stack(stack)
    assert list(t.find_resources("aws_ecr_repository")) == ["Repo_02AC86CF"]
    key = only({k: k for k in t.find_resources("terraform_data")})
    assert job_definition(t)["container_properties"]["image"] == f"${{terraform_data.{key}.output}}"
    assert any(s["Action"] == PULL and s["Resource"] == "${aws_ecr_repository.Repo_02AC86CF.arn}"
               for s in statements(t, "Container_ExecutionRole"))


def test_one_image_shared_by_two_containers_builds_in_each(stack: Any, context: Path) -> None:
    image = ContainerImage.from_asset(str(context))
    first, second = ec2(stack, "First", image=image), ec2(stack, "Second", image=image)
    EcsJobDefinition(stack, "A", container=first)
    EcsJobDefinition(stack, "B", container=second)
    t = Template.from_stack(stack)
    assert len(t.find_resources("terraform_data")) == 2 and len(t.find_resources("aws_ecr_repository")) == 1
    images = sorted(jd["container_properties"]["image"] for jd in t.find_resources("aws_batch_job_definition").values())
    assert [re.sub(r"_[0-9A-F]{8}\.", ".", i) for i in images] == [
        "${terraform_data.First_AssetImage_Build.output}", "${terraform_data.Second_AssetImage_Build.output}"]


def test_eks_container_binds_the_asset(stack: Any, context: Path) -> None:
    container = EksContainerDefinition(stack, "Eks", image=ContainerImage.from_asset(str(context)), cpu_limit=1,
                                       memory_limit=Size.mebibytes(512))
    assert container.image.asset.node.path == "TestStack/Eks/AssetImage"
    assert container._render_container()["image"] == container.image.asset.image_uri


def test_missing_directory_or_dockerfile_raises_before_any_construct(tmp_path: Path, context: Path) -> None:
    with pytest.raises(ValidationError, match=f"'directory': Cannot find image directory at {tmp_path}/nope$"):
        ContainerImage.from_asset(str(tmp_path / "nope"))
    with pytest.raises(ValidationError, match=f"'file': Cannot find file at {context}/Other.Dockerfile$"):
        ContainerImage.from_asset(str(context), file="Other.Dockerfile")


# -- the Terraform directory: self-contained, reproducible, replaced on change -------------------------

APP = """
import sys
from cdktf import TerraformStack
from batch_constructs import App, EcsEc2ContainerDefinition, EcsJobDefinition
from batch_constructs.core import Size
from batch_constructs.ecs import ContainerImage
from batch_constructs.providers import aws_provider

app = App(outdir=sys.argv[2])
stack = TerraformStack(app, "Assets")
aws_provider(stack, region="us-east-1")
EcsJobDefinition(stack, "Job", container=EcsEc2ContainerDefinition(
    stack, "Container", cpu=1, memory=Size.mebibytes(512),
    image=ContainerImage.from_asset(sys.argv[1], build_args={"V": "1"})))
app.synth()
"""


def synth_from(cwd: Path, script: Path, context: Path, outdir: str) -> None:
    done = subprocess.run([sys.executable, str(script), str(context), outdir], cwd=cwd, capture_output=True,
                          text=True, timeout=300, env={**os.environ, "PYTHONPATH": os.pathsep.join(
                              p for p in (os.environ.get("PYTHONPATH"), str(ROOT)) if p)})
    assert done.returncode == 0, done.stderr


def snapshot(directory: Path) -> dict[str, bytes]:
    return {p.relative_to(directory).as_posix(): p.read_bytes() for p in sorted(directory.rglob("*"))
            if p.is_file() and not p.name.startswith(".batch-constructs")}


def test_synth_is_byte_identical_from_two_working_directories(tmp_path: Path, context: Path) -> None:
    script = tmp_path / "app.py"
    script.write_text(APP)
    (tmp_path / "one").mkdir()
    (tmp_path / "two" / "deeper").mkdir(parents=True)
    synth_from(tmp_path / "one", script, context, "out")
    synth_from(tmp_path / "two" / "deeper", script, context, str(tmp_path / "elsewhere"))
    first, second = snapshot(tmp_path / "one" / "out"), snapshot(tmp_path / "elsewhere")
    assert first == second
    assets = sorted(p for p in first if "/assets/" in p)
    assert [p.rsplit("/", 1)[1] for p in assets] == [".dockerignore", "Dockerfile", "run.sh"]
    assert str(tmp_path) not in first["stacks/Assets/cdk.tf.json"].decode()
    assert b"/tmp" not in first["stacks/Assets/cdk.tf.json"]


def test_a_changed_context_replaces_the_copied_files(tmp_path: Path, context: Path) -> None:
    from cdktf import TerraformStack

    from batch_constructs import App
    from batch_constructs.core import Size
    from batch_constructs.ecs_container_definition import EcsEc2ContainerDefinition
    from batch_constructs.providers import aws_provider

    def synth() -> tuple[str, dict[str, Any]]:
        app = App(outdir=str(tmp_path / "out"))
        stack = TerraformStack(app, "Assets")
        aws_provider(stack, region="us-east-1")
        container = EcsEc2ContainerDefinition(stack, "Container", cpu=1, memory=Size.mebibytes(512),
                                              image=ContainerImage.from_asset(str(context)))
        EcsJobDefinition(stack, "Job", container=container)
        app.synth()
        return container.image.asset.asset_hash, json.loads((tmp_path / "out/stacks/Assets/cdk.tf.json").read_text())

    first, _ = synth()
    (context / "notes.txt").write_text("ignored: no new hash\n")
    assert synth()[0] == first
    (context / "src" / "run.sh").write_text("echo changed\n")
    second, doc = synth()
    assert second != first
    assets = tmp_path / "out/stacks/Assets/assets"
    assert [p.name for p in assets.iterdir()] == ["Container_AssetImage_Context_038E2470"]
    assert [p.name for p in (assets / "Container_AssetImage_Context_038E2470").iterdir()] == [second]
    assert (assets / "Container_AssetImage_Context_038E2470" / second / "src/run.sh").read_text() == "echo changed\n"
    assert only(doc["resource"]["terraform_data"])["triggers_replace"].endswith(":" + second)


def test_module_export_refuses_an_image_asset_stack(tmp_path: Any) -> None:
    """A module carries .tf files only: the build context would be lost, so export_module says so
    before anything is written."""
    from batch_constructs.module_export import ModuleExportError, export_module
    from tests.ports._apps import synth_app

    doc = synth_app("docker-asset", tmp_path / "out")
    with pytest.raises(ModuleExportError, match=r"does not carry image build contexts.*from_ecr_repository"):
        export_module(doc, tmp_path / "module")
    assert not (tmp_path / "module").exists()
