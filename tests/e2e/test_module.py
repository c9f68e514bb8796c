"""Module export, proven by Terraform: a construct tree with ``ModuleInput``/``ModuleOutput`` is
exported as a module directory; a root configuration written in HCL calls it with
``module "batch" { source = "./modules/batch" ... }``; it passes ``terraform fmt -check`` and
``validate``, applies on moto, plans quiet a second time, reads back with boto3, and destroys.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from batch_constructs._runtime import quiet_node_banners

quiet_node_banners()

from tests.harness.terraform import Terraform  # noqa: E402

QUEUE_NAME = "hcl-team-queue"


def build_module_stack(app: Any, id: str = "batch") -> Any:
    """The construct tree of the example module: a Fargate compute environment and a job queue
    in the consumer's subnets and security group."""
    from cdktf import TerraformStack

    from batch_constructs import FargateComputeEnvironment, JobQueue, OrderedComputeEnvironment
    from batch_constructs.providers import aws_provider
    from batch_constructs.ec2 import Vpc
    from batch_constructs.module_export import ModuleInput, ModuleOutput

    stack = TerraformStack(app, id)
    aws_provider(stack, "aws", region="us-east-1")
    subnets = ModuleInput(stack, "subnet_ids", type="list(string)", description="Subnets of the compute environment")
    group = ModuleInput(stack, "security_group_id", type="string", description="Security group of the jobs")
    max_vcpus = ModuleInput(stack, "max_vcpus", type="number", default=64, description="vCPU limit")
    queue_name = ModuleInput(stack, "queue_name", type="string", description="Name of the job queue")
    vpc = Vpc.from_attributes(stack, "Vpc", vpc_id="vpc-00000000", private_subnet_ids=subnets.list_value)
    ce = FargateComputeEnvironment(stack, "Fargate", vpc=vpc, security_groups=[group.string_value],
                                   maxv_cpus=max_vcpus.number_value)
    queue = JobQueue(stack, "JobQueue", job_queue_name=queue_name.string_value, priority=5,
                     compute_environments=[OrderedComputeEnvironment(ce, 1)])
    ModuleOutput(stack, "job_queue_arn", value=queue.job_queue_arn, description="ARN of the job queue")
    ModuleOutput(stack, "job_queue_name", value=queue.job_queue_name, description="Name of the job queue")
    ModuleOutput(stack, "compute_environment_arn", value=ce.compute_environment_arn,
                 description="ARN of the Fargate compute environment")
    return stack


ROOT_TF = """\
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
}

provider "aws" {
PROVIDER
}

resource "aws_vpc" "main" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.20.1.0/24"
  availability_zone = "us-east-1a"
}

resource "aws_subnet" "b" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.20.2.0/24"
  availability_zone = "us-east-1b"
}

resource "aws_security_group" "batch" {
  name   = "batch-jobs"
  vpc_id = aws_vpc.main.id

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

module "batch" {
  source = "./modules/batch"

  subnet_ids        = [aws_subnet.a.id, aws_subnet.b.id]
  security_group_id = aws_security_group.batch.id
  queue_name        = "QUEUE"
  max_vcpus         = 32
}

output "queue_arn" {
  value = module.batch.job_queue_arn
}

output "compute_environment_arn" {
  value = module.batch.compute_environment_arn
}
"""


def _provider_block(config: dict[str, Any]) -> str:
    lines = []
    for key, value in config.items():
        if key == "endpoints":
            lines.append("  endpoints {")
            for service, url in sorted(value[0].items()):
                lines.append(f"    {service} = {json.dumps(url)}")
            lines.append("  }")
        else:
            lines.append(f"  {key} = {json.dumps(value)}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, terraform_tools: Any) -> Path:
    from cdktf import App

    from batch_constructs.module_export import export_module

    root = tmp_path_factory.mktemp("module-root")
    app = App(outdir=str(root / "cdktf.out"))
    stack = build_module_stack(app)
    export_module(stack, root / "modules" / "batch", name="batch", terraform=terraform_tools.binary,
                  cli_config=terraform_tools.cli_config)
    return root


@pytest.mark.terraform
def test_module_directory_layout(exported: Path) -> None:
    module = exported / "modules" / "batch"
    assert sorted(p.name for p in module.iterdir()) == [".batch-constructs-files.json", "README.md", "main.tf",
                                                         "outputs.tf", "variables.tf", "versions.tf"]
    # the record of what the export wrote: the next export replaces only these
    assert json.loads((module / ".batch-constructs-files.json").read_text()) == [
        "README.md", "main.tf", "outputs.tf", "variables.tf", "versions.tf"]
    versions = (module / "versions.tf").read_text()
    assert 'source  = "hashicorp/aws"' in versions and ">= 5.100.0, < 6.0.0" in versions
    assert "backend" not in versions
    main = (module / "main.tf").read_text()
    assert 'provider "aws"' not in main and "provider " not in main
    assert "max_vcpus = var.max_vcpus" in main and "subnets = var.subnet_ids" in main
    assert "name     = var.queue_name" in main
    variables = (module / "variables.tf").read_text()
    assert 'variable "subnet_ids"' in variables and "type        = list(string)" in variables
    outputs = (module / "outputs.tf").read_text()
    assert 'output "job_queue_arn"' in outputs and 'output "compute_environment_arn"' in outputs
    readme = (module / "README.md").read_text()
    for name in ("subnet_ids", "security_group_id", "max_vcpus", "queue_name", "job_queue_arn", "job_queue_name"):
        assert f"`{name}`" in readme
    assert "| `max_vcpus` | `number` | vCPU limit | `64` | no |" in readme
    assert "| `queue_name` | `string` | Name of the job queue |  | yes |" in readme


@pytest.mark.terraform
def test_exported_module_is_fmt_clean_and_validates_through_a_root_configuration(
        exported: Path, terraform_tools: Any, tmp_path: Path) -> None:
    import shutil
    shutil.copytree(exported / "modules", tmp_path / "modules")
    (tmp_path / "main.tf").write_text(ROOT_TF.replace("PROVIDER", '  region = "us-east-1"').replace("QUEUE", QUEUE_NAME))
    tf = Terraform(terraform_tools.binary, terraform_tools.cli_config, tmp_path)
    tf.run("fmt", "-check", "-recursive", "-diff", "-no-color").check()
    tf.init()
    result = tf.validate()
    assert result["valid"], result
    assert not result.get("diagnostics"), result


@pytest.mark.terraform
def test_an_example_stack_exports_as_a_module_with_automatic_outputs(terraform_tools: Any, tmp_path: Path) -> None:
    """An example stack without ModuleOutputs gets ARN and name outputs for its Batch resources."""
    from batch_constructs.module_export import export_module
    from tests.harness.synth import synth_examples

    (doc,) = synth_examples(tmp_path / "cdktf.out", only=["fargate-queue"]).values()
    export_module(doc, tmp_path / "root" / "modules" / "fargate_queue", terraform=terraform_tools.binary,
                  cli_config=terraform_tools.cli_config)
    outputs = (tmp_path / "root" / "modules" / "fargate_queue" / "outputs.tf").read_text()
    for name in ("job_queue_arn", "job_queue_name", "spot_fargate_arn", "on_demand_fargate_name", "job_defn_arn"):
        assert f'output "{name}"' in outputs
    (tmp_path / "root" / "main.tf").write_text(
        'provider "aws" {\n  region = "us-east-1"\n}\n\nmodule "fargate_queue" {\n'
        '  source = "./modules/fargate_queue"\n}\n\noutput "queue" {\n'
        "  value = module.fargate_queue.job_queue_arn\n}\n")
    tf = Terraform(terraform_tools.binary, terraform_tools.cli_config, tmp_path / "root")
    tf.run("fmt", "-check", "-recursive", "-no-color").check()
    tf.init()
    result = tf.validate()
    assert result["valid"] and not result.get("diagnostics"), result


@pytest.mark.e2e
@pytest.mark.terraform
def test_module_applies_on_moto_with_a_quiet_second_plan(exported: Path, terraform_tools: Any, moto_server: Any,
                                                         tmp_path: Path) -> None:
    import shutil
    shutil.copytree(exported / "modules", tmp_path / "modules")
    (tmp_path / "main.tf").write_text(ROOT_TF.replace("PROVIDER", _provider_block(moto_server.provider_config()))
                                      .replace("QUEUE", QUEUE_NAME))
    tf = Terraform(terraform_tools.binary, terraform_tools.cli_config, tmp_path)
    tf.init()
    try:
        tf.apply().check()
        tf.plan_exit_code().check(0)
        outputs = json.loads(tf.run("output", "-json").check().stdout)
        batch = moto_server.client("batch")
        (queue,) = batch.describe_job_queues(jobQueues=[QUEUE_NAME])["jobQueues"]
        assert queue["jobQueueArn"] == outputs["queue_arn"]["value"]
        assert queue["priority"] == 5 and queue["state"] == "ENABLED"
        assert [o["computeEnvironment"] for o in queue["computeEnvironmentOrder"]] == \
            [outputs["compute_environment_arn"]["value"]]
        (ce,) = batch.describe_compute_environments(
            computeEnvironments=[outputs["compute_environment_arn"]["value"]])["computeEnvironments"]
        resources = ce["computeResources"]
        assert resources["type"] == "FARGATE" and resources["maxvCpus"] == 32
        ec2 = moto_server.client("ec2")
        subnet_ids = {s["SubnetId"] for s in ec2.describe_subnets(
            Filters=[{"Name": "cidr-block", "Values": ["10.20.1.0/24", "10.20.2.0/24"]}])["Subnets"]}
        assert set(resources["subnets"]) == subnet_ids and len(subnet_ids) == 2
        (group,) = ec2.describe_security_groups(GroupNames=["batch-jobs"])["SecurityGroups"]
        assert resources["securityGroupIds"] == [group["GroupId"]]
    finally:
        tf.destroy().check()


# -- invalid inputs: clear errors, nothing written ------------------------------------------------

def _stack() -> Any:
    from cdktf import App, TerraformStack

    from batch_constructs.providers import aws_provider
    stack = TerraformStack(App(), "bad")
    aws_provider(stack, "aws", region="us-east-1")
    return stack


@pytest.mark.parametrize("name, message", [
    ("subnet ids", "Module input name 'subnet ids' is not a valid Terraform identifier (a letter or '_', then "
                   "letters, digits, '_' or '-')"),
    ("1subnet", "Module input name '1subnet' is not a valid Terraform identifier"),
    ("count", "Module input name 'count' is reserved by Terraform's module block"),
])
def test_module_input_with_an_invalid_name_raises(name: str, message: str) -> None:
    from batch_constructs import ValidationError
    from batch_constructs.module_export import ModuleInput

    with pytest.raises(ValidationError) as raised:
        ModuleInput(_stack(), name, type="string")
    assert str(raised.value).startswith(f"[bad] {message}")


def test_two_module_inputs_with_one_name_raise(tmp_path: Path) -> None:
    from batch_constructs import ValidationError
    from batch_constructs.module_export import ModuleInput, ModuleOutput

    stack = _stack()
    from constructs import Construct
    inner = Construct(stack, "Inner")
    ModuleInput(stack, "queue_name", type="string")
    with pytest.raises(ValidationError, match=r"^\[bad/Inner\] Two module inputs are named 'queue_name' "
                                              r"\(bad/queue_name and bad/Inner/queue_name\); input names must be unique"):
        ModuleInput(inner, "queue_name", type="string")
    ModuleOutput(stack, "arn", value="x")
    with pytest.raises(ValidationError, match="Two module outputs are named 'arn'"):
        ModuleOutput(inner, "arn", value="y")
    with pytest.raises(ValidationError, match="Module output name 'the arn' is not a valid Terraform identifier"):
        ModuleOutput(stack, "the arn", value="y")


@pytest.mark.terraform
def test_export_of_a_stack_with_a_badly_named_variable_writes_nothing(tmp_path: Path, terraform_tools: Any) -> None:
    from cdktf import TerraformVariable

    from batch_constructs.module_export import ModuleExportError, export_module

    stack = _stack()
    TerraformVariable(stack, "v", type="string").override_logical_id("not valid")
    TerraformVariable(stack, "w", type="string").override_logical_id("source")
    with pytest.raises(ModuleExportError) as raised:
        export_module(stack, tmp_path / "modules" / "bad", terraform=terraform_tools.binary,
                      cli_config=terraform_tools.cli_config)
    assert str(raised.value).splitlines() == [
        "Module input name 'not valid' is not a valid Terraform identifier (a letter or '_', then letters, digits, "
        "'_' or '-')",
        "Module input name 'source' is reserved by Terraform's module block"]
    assert list(tmp_path.iterdir()) == []


# -- the HCL form of an applied JSON stack plans no change -------------------------------------------

@pytest.mark.e2e
@pytest.mark.terraform
@pytest.mark.parametrize("stack_name", ["fargate-job-definition", "spot-fargate"])
def test_hcl_form_plans_no_change_against_the_state_of_the_json_form(
        stack_name: str, terraform_tools: Any, moto_server: Any, tmp_path: Path) -> None:
    """Apply the JSON stack, swap cdk.tf.json for its HCL form in the same directory: Terraform
    must see the very same configuration (a plan with no changes)."""
    from batch_constructs import hcl
    from tests.harness.synth import synth_examples
    from tests.harness.terraform import prepare_stack_dir

    (doc,) = synth_examples(tmp_path / "cdktf.out", provider_config=moto_server.provider_config(),
                            only=[stack_name]).values()
    work = prepare_stack_dir(doc, tmp_path / "work")
    tf = Terraform(terraform_tools.binary, terraform_tools.cli_config, work)
    tf.run("init", "-input=false", "-no-color").check()
    try:
        tf.apply().check()
        files = hcl.render_hcl_files(doc, terraform=terraform_tools.binary, cli_config=terraform_tools.cli_config,
                                     drop_backend=True)
        (work / "cdk.tf.json").unlink()
        for name, text in files.items():
            (work / name).write_text(text)
        plan = tf.plan_exit_code()
        assert plan.returncode == 0, plan.stdout[-4000:] + plan.stderr[-2000:]
    finally:
        tf.destroy().check()
