"""The app: example stacks synthesize, deterministically, quietly and safely."""
from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_main(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600, env={**os.environ, **(env or {})})


def snapshot(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def two_synths(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, subprocess.CompletedProcess[str]]:
    import stacks
    root = tmp_path_factory.mktemp("synths")
    only = [arg for name in stacks.all_stacks() for arg in ("--stack", name)]
    env = {k: v for k, v in os.environ.items() if not k.startswith("JSII_") and k != "NODE_NO_WARNINGS"}
    first = subprocess.run([sys.executable, "main.py", "--outdir", str(root / "a"), *only], cwd=ROOT, capture_output=True,
                           text=True, timeout=600, env=env)
    second = run_main("--outdir", str(root / "b"), *only)
    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    return root / "a", root / "b", first


def test_every_example_stack_is_written(two_synths: Any) -> None:
    import stacks
    out, _, result = two_synths
    names = sorted(p.name for p in (out / "stacks").iterdir())
    assert set(names) <= set(stacks.all_stacks()) and len(names) >= 3
    for name in names:
        assert (out / "stacks" / name / "cdk.tf.json").is_file()
        assert f"stacks/{name}/cdk.tf.json" in result.stdout


def test_two_synths_are_byte_identical(two_synths: Any) -> None:
    a, b, _ = two_synths
    assert snapshot(a) == snapshot(b)
    assert not filecmp.dircmp(a, b).diff_files


def test_no_jsii_banner_even_without_the_silencing_variables(two_synths: Any) -> None:
    _, _, result = two_synths
    assert "!!" not in result.stderr and "Node" not in result.stderr, result.stderr
    assert result.stderr.strip() == ""


def test_no_machine_dependent_paths(two_synths: Any) -> None:
    a, _, _ = two_synths
    for path, data in snapshot(a).items():
        assert str(ROOT).encode() not in data, path
        assert str(a).encode() not in data, path


def test_failed_synth_leaves_previous_output_intact(tmp_path: Path) -> None:
    out = tmp_path / "cdktf.out"
    assert run_main("--outdir", str(out), "--stack", "spot-fargate").returncode == 0
    before = snapshot(out)
    script = (
        "import sys\n"
        "from batch_constructs import App, JobQueue, ValidationError\n"
        "from stacks._base import ExampleStack\n"
        "class Broken(ExampleStack):\n"
        "    def build(self):\n"
        "        JobQueue(self, 'Queue')\n"
        f"app = App(outdir={str(out)!r})\n"
        "Broken(app, 'spot-fargate')\n"
        "try:\n"
        "    app.synth()\n"
        "except ValidationError as e:\n"
        "    print(e); sys.exit(3)\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 3, result.stderr
    assert "[spot-fargate/Queue] This JobQueue does not link any ComputeEnvironments" in result.stdout
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cdktf.out"]


def test_main_reports_validation_errors_without_a_traceback(tmp_path: Path) -> None:
    script = (
        "import sys, main, stacks\n"
        "from batch_constructs.core import Size\n"
        "from stacks import fargate\n"
        "orig = fargate.fargate_job_definition\n"
        "def broken(scope):\n"
        "    from batch_constructs import EcsFargateContainerDefinition\n"
        "    from batch_constructs.ecs import ContainerImage\n"
        "    EcsFargateContainerDefinition(scope, 'Big', image=ContainerImage.from_registry('x'), cpu=0.25,\n"
        "        memory=Size.mebibytes(2048), ephemeral_storage_size=Size.gibibytes(300))\n"
        "fargate.fargate_job_definition = broken\n"
        f"sys.exit(main.main(['--outdir', {str(tmp_path / 'out')!r}, '--stack', 'fargate-job-definition']))\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert result.stderr.strip() == ("error: [fargate-job-definition/Big] ECS Fargate container 'Big' specifies "
                                     "'ephemeralStorageSize' at 300 > 200 GB")
    assert not (tmp_path / "out").exists()


def test_outdir_parents_are_created(tmp_path: Path) -> None:
    out = tmp_path / "a" / "b" / "cdktf.out"
    result = run_main("--outdir", str(out), "--stack", "spot-fargate")
    assert result.returncode == 0, result.stderr
    assert (out / "stacks" / "spot-fargate" / "cdk.tf.json").is_file()
    assert sorted(p.name for p in out.parent.iterdir()) == ["cdktf.out"]


def test_star_import_gives_every_exported_name() -> None:
    script = ("from batch_constructs import *\n"
              "names = dir()\n"
              "assert {'JobQueue', 'FargateComputeEnvironment', 'EcsJobDefinition', 'ValidationError', 'App'} "
              "<= set(names), names\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
