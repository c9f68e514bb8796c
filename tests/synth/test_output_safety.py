"""A user's files are sacred: synth and module export replace only what they wrote, all or
nothing, wherever they are interrupted, from any working directory."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any, Callable

import pytest

from batch_constructs import _fs
from batch_constructs.providers import aws_provider

ROOT = Path(__file__).resolve().parents[2]


def build(app: Any, name: str = "jobs", *, queue: bool = True, backend: bool = True) -> Any:
    from cdktf import LocalBackend, TerraformStack

    from batch_constructs import FargateComputeEnvironment, JobQueue, OrderedComputeEnvironment
    from batch_constructs.ec2 import Vpc

    stack = TerraformStack(app, name)
    if backend:
        LocalBackend(stack, path=f"terraform.{name}.tfstate")
    aws_provider(stack, "aws", region="us-east-1")
    vpc = Vpc.from_attributes(stack, "Vpc", vpc_id="vpc-1", private_subnet_ids=["subnet-a"])
    ce = FargateComputeEnvironment(stack, "CE", vpc=vpc)
    if queue:
        JobQueue(stack, "Queue", compute_environments=[OrderedComputeEnvironment(ce, 1)])
    return stack


def synth(out: Path, *names: str, **kwargs: Any) -> Any:
    from batch_constructs import App

    app = App(outdir=str(out))
    for name in names or ("jobs",):
        build(app, name, **kwargs)
    app.synth()
    return app


def snapshot(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def user_files(out: Path) -> dict[Path, bytes]:
    stack = out / "stacks" / "jobs"
    files = {stack / "terraform.jobs.tfstate": b'{"version": 4}', stack / ".terraform.lock.hcl": b"# lock\n",
             stack / ".terraform" / "providers" / "marker": b"binary", out / "notes.txt": b"mine"}
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return files


def leftovers(parent: Path, out: Path) -> list[str]:
    beside = sorted(p.name for p in parent.iterdir() if p != out)
    inside = [p.name for p in out.iterdir() if p.name == _fs.TXN] if out.exists() else []
    return beside + inside


# -- 1. nothing synth did not write is touched ------------------------------------------------------

def test_resynth_keeps_state_terraform_dir_lock_file_and_other_files(tmp_path: Path) -> None:
    out = tmp_path / "cdktf.out"
    synth(out)
    mine = user_files(out)
    synth(out, queue=False)
    for path, data in mine.items():
        assert path.read_bytes() == data, path
    doc = json.loads((out / "stacks" / "jobs" / "cdk.tf.json").read_text())
    assert "aws_batch_job_queue" not in doc["resource"]


def test_a_removed_stack_loses_only_the_files_synth_wrote(tmp_path: Path) -> None:
    out = tmp_path / "cdktf.out"
    synth(out, "jobs", "other")
    mine = user_files(out)
    synth(out, "other")
    assert not (out / "stacks" / "jobs" / "cdk.tf.json").exists()
    for path, data in mine.items():
        assert path.read_bytes() == data, path
    assert (out / "stacks" / "other" / "cdk.tf.json").is_file()


def test_output_of_a_plain_cdktf_app_is_overwritten_but_nothing_deleted(tmp_path: Path) -> None:
    out = tmp_path / "cdktf.out"
    (out / "stacks" / "old").mkdir(parents=True)
    (out / "stacks" / "old" / "cdk.tf.json").write_text("{}")
    (out / "manifest.json").write_text("{}")
    synth(out)
    assert (out / "stacks" / "old" / "cdk.tf.json").read_text() == "{}"
    assert json.loads((out / "manifest.json").read_text())["stacks"]["jobs"]


def test_synth_twice_and_resynth_reflect_the_app(tmp_path: Path) -> None:
    from batch_constructs import App

    out = tmp_path / "cdktf.out"
    app = App(outdir=str(out))
    stack = build(app, queue=False)
    app.synth()
    first = snapshot(out)
    from batch_constructs import JobQueue, OrderedComputeEnvironment
    JobQueue(stack, "Late", compute_environments=[OrderedComputeEnvironment(stack.node.find_child("CE"), 1)])
    app.synth()
    second = snapshot(out)
    assert first != second
    assert "aws_batch_job_queue" in json.loads(second["stacks/jobs/cdk.tf.json"])["resource"]
    assert leftovers(tmp_path, out) == []


def test_symlinked_output_directory_stays_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "cdktf.out"
    link.symlink_to(real, target_is_directory=True)
    synth(link)
    synth(link, queue=False)
    assert link.is_symlink() and (real / "stacks" / "jobs" / "cdk.tf.json").is_file()
    assert leftovers(tmp_path, link) == ["real"]


def test_nothing_is_written_before_synth_and_a_failed_synth_writes_nothing(tmp_path: Path) -> None:
    from batch_constructs import App, ValidationError

    out = tmp_path / "cdktf.out"
    synth(out)
    before = snapshot(out)
    app = App(outdir=str(out))
    build(app, queue=False)
    from batch_constructs import JobQueue
    JobQueue(app.node.find_child("jobs"), "Empty")
    assert leftovers(tmp_path, out) == []
    with pytest.raises(ValidationError, match=r"\[jobs/Empty\] This JobQueue does not link any ComputeEnvironments"):
        app.synth()
    assert snapshot(out) == before
    assert leftovers(tmp_path, out) == []


# -- 2. export_module ----------------------------------------------------------------------------------

def module_doc() -> dict[str, Any]:
    from batch_constructs import App

    app = App(outdir="unused")
    stack = build(app)
    from batch_constructs.testing import Template
    return Template.from_stack(stack).to_json()


@pytest.fixture(scope="module")
def schema(terraform_tools: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The provider schema, from real Terraform and the hashicorp/aws mirror."""
    from batch_constructs.hcl import load_provider_schema

    return load_provider_schema([module_doc()], terraform=terraform_tools.binary,
                                cache_dir=tmp_path_factory.mktemp("schema"), provider_mirror=terraform_tools.mirror)


@pytest.mark.terraform
def test_export_module_keeps_other_files_and_refuses_foreign_overwrites(tmp_path: Path, schema: Any) -> None:
    from batch_constructs.module_export import ModuleExportError, export_module

    target = tmp_path / "module"
    target.mkdir()
    (target / "terraform.tfstate").write_text("state")
    (target / "team.tf").write_text("# ours\n")
    (target / ".terraform").mkdir()
    (target / ".terraform" / "x").write_text("x")
    (target / "main.tf").write_text("# the team's own main.tf\n")
    doc = module_doc()
    with pytest.raises(ModuleExportError, match=r"refusing to overwrite files in .* that batch_constructs did not "
                                                r"write: main\.tf; .*pass replace=True"):
        export_module(doc, target, schema=schema)
    assert (target / "main.tf").read_text() == "# the team's own main.tf\n"
    assert sorted(p.name for p in target.iterdir()) == [".terraform", "main.tf", "team.tf", "terraform.tfstate"]
    written = export_module(doc, target, schema=schema, replace=True)
    assert target / "main.tf" in written and "resource" in (target / "main.tf").read_text()
    export_module(doc, target, schema=schema)  # its own files: replaced without replace=True
    assert (target / "terraform.tfstate").read_text() == "state"
    assert (target / "team.tf").read_text() == "# ours\n"
    assert (target / ".terraform" / "x").read_text() == "x"
    export_module(doc, target, schema=schema, readme=False)
    assert not (target / "README.md").exists()  # a file it wrote and no longer writes


# -- 3. interruption at every step ------------------------------------------------------------------

STEPS = ["staging", "staged", "replaced", "applied"]


@pytest.mark.parametrize("step", STEPS)
def test_ctrl_c_at_each_commit_step_leaves_old_or_new_output_complete(tmp_path: Path, step: str,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "cdktf.out"
    synth(out, queue=False)
    mine = user_files(out)
    old = snapshot(out)
    fired: list[str] = []

    def interrupt(name: str) -> None:
        if name == step and not fired:
            fired.append(name)
            raise KeyboardInterrupt

    monkeypatch.setattr(_fs, "_checkpoint", interrupt)
    with pytest.raises(KeyboardInterrupt):
        synth(out)
    assert fired == [step]
    monkeypatch.setattr(_fs, "_checkpoint", lambda name: None)
    now = snapshot(out)
    assert leftovers(tmp_path, out) == []
    for path, data in mine.items():
        assert path.read_bytes() == data
    has_queue = "aws_batch_job_queue" in json.loads(now["stacks/jobs/cdk.tf.json"])["resource"]
    if step in ("staging", "staged"):
        assert now == old and not has_queue  # before the commit point: the old output
    else:
        assert has_queue  # after it: the new output, finished before the interrupt propagated


@pytest.mark.parametrize("step", ["staged", "replaced", "applied"])
def test_a_killed_synth_is_recovered_by_the_next(tmp_path: Path, step: str) -> None:
    out = tmp_path / "cdktf.out"
    script = textwrap.dedent(f"""
        import os, sys
        sys.path.insert(0, {str(ROOT)!r})
        from batch_constructs import _fs
        from tests.synth.test_output_safety import synth
        from pathlib import Path
        synth(Path({str(out)!r}), queue=False)
        def die(name):
            if name == {step!r}:
                os._exit(9)
        _fs._checkpoint = die
        synth(Path({str(out)!r}))
    """)
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 9, result.stderr
    assert (out / _fs.TXN).exists() or step == "applied"
    mine = user_files(out)
    synth(out, queue=False)
    assert leftovers(tmp_path, out) == []
    for path, data in mine.items():
        assert path.read_bytes() == data
    doc = json.loads((out / "stacks" / "jobs" / "cdk.tf.json").read_text())
    assert "aws_batch_job_queue" not in doc["resource"]


def test_user_code_raising_or_ctrl_c_before_synth_leaves_nothing(tmp_path: Path) -> None:
    out = tmp_path / "cdktf.out"
    for error in ("RuntimeError('user code')", "KeyboardInterrupt()"):
        script = textwrap.dedent(f"""
            import sys
            sys.path.insert(0, {str(ROOT)!r})
            from batch_constructs import App
            from tests.synth.test_output_safety import build
            app = App(outdir={str(out)!r})
            print(app._work, flush=True)
            build(app)
            raise {error}
        """)
        result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True,
                                timeout=300)
        assert result.returncode != 0
        work = Path(result.stdout.split()[0])
        assert not work.exists(), "the private staging directory is removed at exit"
        assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_ctrl_c_while_cdktf_writes_keeps_the_previous_output(tmp_path: Path) -> None:
    from batch_constructs import App

    out = tmp_path / "cdktf.out"
    synth(out, queue=False)
    before = snapshot(out)
    app = App(outdir=str(out))
    build(app)

    def interrupt(staging: Path) -> None:
        assert (staging / "stacks" / "jobs" / "cdk.tf.json").is_file()
        raise KeyboardInterrupt

    app.on_staged(interrupt)
    with pytest.raises(KeyboardInterrupt):
        app.synth()
    assert snapshot(out) == before
    assert leftovers(tmp_path, out) == []


# -- 4. the working directory ---------------------------------------------------------------------

def test_synth_is_byte_identical_from_any_working_directory(tmp_path: Path) -> None:
    outputs = []
    for cwd in ("a", "b/c"):
        (tmp_path / cwd).mkdir(parents=True)
        out = tmp_path / f"out-{cwd.replace('/', '-')}"
        script = textwrap.dedent(f"""
            import sys
            sys.path.insert(0, {str(ROOT)!r})
            from pathlib import Path
            from tests.synth.test_output_safety import synth
            synth(Path({str(out)!r}), "jobs", "other", backend=False)
        """)
        result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path / cwd, capture_output=True, text=True,
                                timeout=300)
        assert result.returncode == 0, result.stderr
        outputs.append(out)
    first, second = (snapshot(o) for o in outputs)
    assert first == second
    doc = json.loads(first["stacks/jobs/cdk.tf.json"])
    assert doc["terraform"]["backend"]["local"]["path"] == "../jobs/terraform.jobs.tfstate"
    for data in first.values():
        assert str(tmp_path).encode() not in data
