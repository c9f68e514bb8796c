"""The README's Python examples run as written (each in its own stack, with the names it assumes)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README, flags=re.S)


def test_readme_python_examples_run(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)  # examples that write (export_module) write here
    from cdktf import TerraformStack, Testing

    from batch_constructs import (EcsEc2ContainerDefinition, FargateComputeEnvironment, JobQueue,
                                  OrderedComputeEnvironment)
    from batch_constructs._runtime import provider_class
    from batch_constructs.providers import aws_provider
    from batch_constructs.core import Duration, Size
    from batch_constructs.ec2 import InstanceClass, InstanceSize, InstanceType, Vpc
    from batch_constructs.ecs import ContainerImage
    from batch_constructs.iam import User
    from batch_constructs.testing import Template

    blocks = [b for b in python_blocks() if "Template" not in b]  # the testing guide has its own tests
    assert len(blocks) >= 6
    app = Testing.app()
    for index, code in enumerate(blocks):
        stack = TerraformStack(app, f"Readme{index}")
        aws_provider(stack, "aws", region="us-east-1")
        image = ContainerImage.from_registry("public.ecr.aws/amazonlinux/amazonlinux:latest")
        vpc = Vpc.from_attributes(stack, "Existing", vpc_id="vpc-1", private_subnet_ids=["subnet-1"])
        shared_ce = FargateComputeEnvironment(stack, "SharedCE", vpc=vpc)
        scope: dict[str, Any] = {
            "stack": stack, "vpc": vpc, "shared_ce": shared_ce, "Duration": Duration, "Size": Size,
            "ContainerImage": ContainerImage, "InstanceType": InstanceType, "InstanceClass": InstanceClass,
            "InstanceSize": InstanceSize, "JobQueue": JobQueue, "OrderedComputeEnvironment": OrderedComputeEnvironment,
            "user": User(stack, "ReadmeUser"),
            "queue": JobQueue(stack, "ReadmeQueue", compute_environments=[OrderedComputeEnvironment(shared_ce, 1)]),
            "file_system": provider_class("efs_file_system", "EfsFileSystem")(stack, "Fs"),
            "main_container": EcsEc2ContainerDefinition(stack, "Main", image=image, cpu=1,
                                                        memory=Size.mebibytes(2048)),
            "worker_container": EcsEc2ContainerDefinition(stack, "Worker", image=image, cpu=1,
                                                          memory=Size.mebibytes(2048)),
        }
        code = code.replace("compute_environments=[...]",
                            "compute_environments=[OrderedComputeEnvironment(shared_ce, 1)]")
        exports: list[Any] = []
        if "export_module(" in code:
            # Exporting needs Terraform and the provider schema; tests/e2e/test_module.py exports and
            # applies this same module. Here: the construct tree builds and synthesizes.
            code = code.replace("from batch_constructs.module_export import ModuleInput, ModuleOutput, export_module",
                                "from batch_constructs.module_export import ModuleInput, ModuleOutput")
            scope["export_module"] = lambda *args, **kwargs: exports.append((args, kwargs))
        exec(compile(code, f"README python block {index}", "exec"), scope)
        if "export_module(" in code:
            assert exports and exports[0][0][1] == "modules/batch"
        Template.from_stack(stack)  # and it synthesizes with every check passing
