"""Port tests (issue 10, item 5): AWS CDK Batch apps written as AWS CDK Python apps are, ported by
changing imports only. Each imports only through the README's mapping, synthesizes, and passes
``terraform validate`` without warnings; what each app is about is checked in its output."""
from __future__ import annotations

import ast
import base64
import inspect
import json
import traceback
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from batch_constructs.testing import Match, Template
from tests.harness.terraform import Terraform, prepare_stack_dir
from tests.ports._apps import APPS, BLOCKED, app_param, stack_class, synth_app

HERE = Path(__file__).parent
#: the README's import mapping: aws_cdk.* → batch_constructs.*; cdktf and constructs as in any CDKTF app
ALLOWED_ROOTS = {"batch_constructs", "cdktf", "constructs"}
#: standard library that AWS CDK apps use too (the directory of a Docker build context)
ALLOWED_STDLIB = {"os"}
#: the warnings each app's synthesis gave (filled by the ``synthesized`` fixture)
WARNINGS: dict[str, list[str]] = {}
#: warnings AWS CDK gives for the same code too
EXPECTED_WARNINGS = {"mpi": ["[mpi/MpiSecurityGroup] Ignoring Egress rule since 'allow_all_outbound' is set to "
                             "true; To add customized rules, set allow_all_outbound=False on the SecurityGroup",
                             "[mpi/HeadSecurityGroup] Ignoring Egress rule since 'allow_all_outbound' is set to "
                             "true; To add customized rules, set allow_all_outbound=False on the SecurityGroup"]}


@pytest.fixture(scope="module")
def synthesized(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """name → the stack's JSON, or the traceback of the failure (one App per app, in this thread:
    jsii is not thread-safe)."""
    root = tmp_path_factory.mktemp("ports")
    out: dict[str, Any] = {}
    for name in APPS:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                out[name] = synth_app(name, root / name)
            except Exception:  # noqa: BLE001 - reported by test_app_synthesizes
                out[name] = traceback.format_exc()
        WARNINGS[name] = [str(w.message) for w in caught]
    return out


def template(synthesized: dict[str, Any], name: str) -> Template:
    doc = synthesized[name]
    assert isinstance(doc, dict), doc
    return Template.from_json(doc)


def decoded(value: Any) -> Any:
    """A JSON-string attribute as data (``Template`` decodes them already)."""
    return json.loads(value) if isinstance(value, str) else value


def one(found: dict[str, Any]) -> Any:
    assert len(found) == 1, sorted(found)
    return next(iter(found.values()))


# -- every app ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", list(APPS))
def test_app_imports_only_through_the_readme_mapping(name: str) -> None:
    module, _ = APPS[name]
    tree = ast.parse((HERE / f"{module}.py").read_text())
    imported = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"relative import in {module}"
            imported.append(node.module or "")
    roots = {n.split(".")[0] for n in imported}
    assert roots - ALLOWED_ROOTS - ALLOWED_STDLIB == set(), imported
    assert "batch_constructs" in roots
    # built like an AWS CDK Stack subclass: __init__(self, scope, id) does the work
    cls = stack_class(name)
    assert list(inspect.signature(cls.__init__).parameters) == ["self", "scope", "id"]
    assert cls.__module__ == f"tests.ports.{module}"


@pytest.mark.parametrize("name", [app_param(n) for n in APPS])
def test_app_synthesizes(synthesized: dict[str, Any], name: str) -> None:
    assert isinstance(synthesized[name], dict), synthesized[name]
    assert WARNINGS[name] == EXPECTED_WARNINGS.get(name, [])


@pytest.fixture(scope="module")
def validation_results(synthesized: dict[str, Any], terraform_tools: Any,
                       tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("ports-validate")
    names = [n for n, doc in synthesized.items() if isinstance(doc, dict)]

    def validate(name: str) -> Any:
        tf = Terraform(terraform_tools.binary, terraform_tools.cli_config,
                       prepare_stack_dir(synthesized[name], root / name))
        init = tf.run("init", "-input=false", "-no-color", "-backend=false")
        if init.returncode != 0:
            return {"valid": False, "diagnostics": [{"severity": "error", "summary": "init failed",
                                                     "detail": init.stderr}]}
        return tf.validate()

    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(zip(names, pool.map(validate, names)))


@pytest.mark.terraform
@pytest.mark.parametrize("name", [app_param(n) for n in APPS])
def test_app_passes_terraform_validate(validation_results: dict[str, Any], name: str) -> None:
    assert name in validation_results, f"{name} did not synthesize"
    result = validation_results[name]
    problems = [f"{d.get('severity')}: {d.get('summary')}: {d.get('detail')} @ {d.get('address', '')}"
                for d in result.get("diagnostics", [])]
    assert result["valid"], "\n".join(problems)
    assert problems == []


def test_blocked_apps_are_apps() -> None:
    assert set(BLOCKED) <= set(APPS)
    assert len(set(APPS) - set(BLOCKED)) >= 8


# -- what each app is about -----------------------------------------------------------------------------

def test_spot_launch_template_gp3_root_and_multipart_user_data(synthesized: dict[str, Any]) -> None:
    t = template(synthesized, "spot-launch-template")
    lt = one(t.find_resources("aws_launch_template"))
    assert lt["block_device_mappings"] == [{"device_name": "/dev/xvda", "ebs": {
        "delete_on_termination": "true", "encrypted": "true", "iops": 3000, "throughput": 250,
        "volume_size": 100, "volume_type": "gp3"}}]
    assert lt["metadata_options"] == {"http_put_response_hop_limit": 2, "http_tokens": "required"}
    user_data = base64.b64decode(lt["user_data"]).decode()
    assert user_data.startswith('Content-Type: multipart/mixed; boundary="+AWS+CDK+User+Data+Separator=="')
    part = user_data.split("Content-Transfer-Encoding: base64\n\n")[1].split("\n")[0]
    assert base64.b64decode(part).decode() == ("#!/bin/bash\necho ECS_IMAGE_PULL_BEHAVIOR=prefer-cached >> "
                                               "/etc/ecs/ecs.config\nyum install -y amazon-efs-utils")
    ce = one(t.find_resources("aws_batch_compute_environment"))
    resources = ce["compute_resources"]
    assert resources["type"] == "SPOT" and resources["bid_percentage"] == 80
    assert resources["allocation_strategy"] == "SPOT_PRICE_CAPACITY_OPTIMIZED"
    assert sorted(resources["instance_type"]) == ["c5.2xlarge", "m5.2xlarge"]
    assert resources["launch_template"]["launch_template_id"].startswith("${aws_launch_template.LaunchTemplate")
    t.resource_count_is("aws_batch_job_queue", 1)
    job = one(t.find_resources("aws_batch_job_definition"))
    assert decoded(job["container_properties"])["command"] == ["bwa", "mem", "Ref::reference", "Ref::reads"]


def test_gpu_environment_gets_the_nvidia_image(synthesized: dict[str, Any]) -> None:
    t = template(synthesized, "gpu")
    resources = one(t.find_resources("aws_batch_compute_environment"))["compute_resources"]
    assert resources["ec2_configuration"] == [{"image_type": "ECS_AL2023_NVIDIA"}]
    assert sorted(resources["instance_type"]) == ["g5.2xlarge", "g6.2xlarge"]
    container = decoded(one(t.find_resources("aws_batch_job_definition"))["container_properties"])
    assert {"type": "GPU", "value": "1"} in container["resourceRequirements"]
    assert container["linuxParameters"] == {"sharedMemorySize": 8192}
    assert container["logConfiguration"]["options"]["awslogs-group"].startswith(
        "${aws_cloudwatch_log_group.TrainingLogs")


def test_fargate_efs_secrets_bucket_and_log_group(synthesized: dict[str, Any]) -> None:
    t = template(synthesized, "fargate-efs")
    container = decoded(one(t.find_resources("aws_batch_job_definition"))["container_properties"])
    (volume,) = container["volumes"]
    efs = volume["efsVolumeConfiguration"]
    assert efs["transitEncryption"] == "ENABLED" and efs["authorizationConfig"]["iam"] == "ENABLED"
    assert efs["authorizationConfig"]["accessPointId"].startswith("${aws_efs_access_point.SharedData_JobsAccessPoint")
    assert {s["name"]: s["valueFrom"].split(".")[0] for s in container["secrets"]} == {
        "DB_PASSWORD": "${aws_secretsmanager_secret", "API_URL": "${aws_ssm_parameter"}
    assert container["secrets"][0]["valueFrom"].endswith(".arn}:password::")
    assert container["logConfiguration"]["options"]["awslogs-group"].startswith("${aws_cloudwatch_log_group.JobLogs")
    assert container["fargatePlatformConfiguration"] == {"platformVersion": "1.4.0"}
    policies = {k: decoded(v["policy"]) for k, v in t.find_resources("aws_iam_role_policy").items()}
    job_role_policy = next(p for k, p in policies.items() if k.startswith("JobRole_"))
    actions = [a for s in job_role_policy["Statement"] for a in s["Action"]]
    assert "s3:PutObject" in actions and "elasticfilesystem:ClientWrite" in actions
    t.has_resource_properties("aws_vpc_security_group_ingress_rule", {
        "from_port": 2049, "to_port": 2049,
        "security_group_id": Match.string_like_regexp(r"aws_security_group\.SharedData_EfsSecurityGroup"),
        "referenced_security_group_id": Match.string_like_regexp(r"FargateEnvironment_SecurityGroup")})
    t.resource_count_is("aws_efs_mount_target", 2)
    t.resource_count_is("aws_s3_bucket", 1)


def test_docker_image_from_the_apps_ecr_repository(synthesized: dict[str, Any]) -> None:
    t = template(synthesized, "docker-image")
    container = decoded(one(t.find_resources("aws_batch_job_definition"))["container_properties"])
    assert container["image"].startswith("${aws_ecr_repository.TranscoderRepository")
    assert container["image"].endswith(".repository_url}:1.4.2")
    repo = one(t.find_resources("aws_ecr_repository"))
    assert repo["image_tag_mutability"] == "IMMUTABLE" and repo["force_delete"] is True
    assert decoded(one(t.find_resources("aws_ecr_lifecycle_policy"))["policy"])["rules"][0]["selection"][
        "countNumber"] == 20
    policies = [decoded(p["policy"]) for p in t.find_resources("aws_iam_role_policy").values()]
    actions = {a for p in policies for s in p["Statement"] for a in
               (s["Action"] if isinstance(s["Action"], list) else [s["Action"]])}
    assert {"ecr:BatchGetImage", "ecr:GetAuthorizationToken"} <= actions


def test_mpi_security_group_open_to_itself_and_multinode_job(synthesized: dict[str, Any]) -> None:
    t = template(synthesized, "mpi")
    rules = t.find_resources("aws_vpc_security_group_ingress_rule")
    self_rules = [r for r in rules.values() if r.get("referenced_security_group_id") == r["security_group_id"]]
    assert self_rules == [{**self_rules[0], "ip_protocol": "-1", "description": "MPI between nodes"}]
    assert "MpiSecurityGroup" in self_rules[0]["security_group_id"]
    t.has_resource_properties("aws_vpc_security_group_ingress_rule", {
        "from_port": 22, "security_group_id": Match.string_like_regexp("MpiSecurityGroup"),
        "referenced_security_group_id": Match.string_like_regexp("HeadSecurityGroup")})
    environments = t.find_resources("aws_batch_compute_environment")
    mpi = next(v for k, v in environments.items() if k.startswith("MpiEnvironment"))
    assert mpi["compute_resources"]["placement_group"].startswith("${aws_placement_group.ClusterPlacement")
    assert one(t.find_resources("aws_placement_group"))["strategy"] == "cluster"
    job = one(t.find_resources("aws_batch_job_definition"))
    nodes = decoded(job["node_properties"])
    assert job["type"] == "multinode" and nodes["numNodes"] == 8 and nodes["mainNode"] == 0
    assert [r["targetNodes"] for r in nodes["nodeRangeProperties"]] == ["0:0", "1:7"]


def test_iam_inline_managed_and_pass_role(synthesized: dict[str, Any]) -> None:
    t = template(synthesized, "iam")
    policies = t.find_resources("aws_iam_role_policy")
    inline = next(v for k, v in policies.items() if k.startswith("JobRole_InlinePolicy-ReadReference"))
    assert inline["name"] == "ReadReference"
    assert [s["Effect"] for s in decoded(inline["policy"])["Statement"]] == ["Allow", "Deny"]
    attached = sorted(a["policy_arn"].rsplit("/", 1)[-1] for a in t.find_resources(
        "aws_iam_role_policy_attachment").values() if "JobRole" in a["role"])
    assert attached == ["${aws_iam_policy.PutMetrics_4349A079.arn}", "AmazonSSMReadOnlyAccess",
                        "CloudWatchLogsReadOnlyAccess"]
    assert any(v["role"].startswith("${aws_iam_role.JobRole") and "sqs:ReceiveMessage" in json.dumps(v["policy"])
               for k, v in policies.items() if k.startswith("QueueAccess"))
    orchestrator = decoded(next(v for k, v in policies.items() if k.startswith("OrchestratorRole"))["policy"])
    pass_role = next(s for s in orchestrator["Statement"] if s["Action"] == "iam:PassRole")
    assert len(pass_role["Resource"]) == 2
    assert any(s["Action"] == "batch:SubmitJob" for s in orchestrator["Statement"])


def test_looked_up_vpc_is_data_sources(synthesized: dict[str, Any]) -> None:
    t = template(synthesized, "lookup-vpc-tags")
    assert one(t.find_data_sources("aws_vpc"))["tags"] == {"team": "research", "Name": "shared-research"}
    assert t.find_data_sources("aws_subnets")
    for absent in ("aws_vpc", "aws_subnet", "aws_nat_gateway"):
        t.resource_count_is(absent, 0)
    t.resource_count_is("aws_batch_compute_environment", 1)


def test_vpc_looked_up_by_id(synthesized: dict[str, Any]) -> None:
    t = template(synthesized, "lookup-vpc")
    assert one(t.find_data_sources("aws_vpc"))["id"] == "vpc-0a1b2c3d4e5f67890"


def test_fairshare_two_queues_share_one_policy(synthesized: dict[str, Any]) -> None:
    t = template(synthesized, "fairshare")
    policy = one(t.find_resources("aws_batch_scheduling_policy"))["fair_share_policy"]
    assert policy["compute_reservation"] == 25 and policy["share_decay_seconds"] == 3600
    assert sorted((s["share_identifier"], s["weight_factor"]) for s in policy["share_distribution"]) == [
        ("genomics", 1), ("imaging", 0.5), ("students*", 4)]
    queues = sorted(t.find_resources("aws_batch_job_queue").values(), key=lambda q: q["priority"])
    assert [q["priority"] for q in queues] == [1, 100]
    assert len({q["scheduling_policy_arn"] for q in queues}) == 1
    assert [len(q["job_state_time_limit_action"]) for q in queues] == [1, 2]
    assert queues[1]["job_state_time_limit_action"][1] == {
        "action": "CANCEL", "max_time_seconds": 600, "reason": "MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT",
        "state": "RUNNABLE"}


# -- keyword forms of AWS CDK's struct-taking methods that ported code uses ----------------------------

def test_ecr_add_lifecycle_rule_with_keywords(stack: Any) -> None:
    """AWS CDK Python flattens the struct: ``add_lifecycle_rule(max_image_count=20)``."""
    from batch_constructs import ecr
    from batch_constructs.testing import Template
    repo = ecr.Repository(stack, "Repo")
    repo.add_lifecycle_rule(max_image_count=20)
    with pytest.raises(ValueError, match="not both"):
        repo.add_lifecycle_rule(ecr.LifecycleRule(max_image_count=5), description="x")
    (policy,) = Template.from_stack(stack).find_resources("aws_ecr_lifecycle_policy").values()
    (rule,) = policy["policy"]["rules"]  # Template decodes JSON-string attributes
    assert rule["selection"]["countNumber"] == 20


def test_s3_add_lifecycle_rule_with_keywords(stack: Any) -> None:
    """AWS CDK Python flattens the struct: ``add_lifecycle_rule(expiration=Duration.days(30))``."""
    from batch_constructs import s3
    from batch_constructs.core import Duration
    from batch_constructs.testing import Template
    s3.Bucket(stack, "Bucket").add_lifecycle_rule(expiration=Duration.days(30))
    (config,) = Template.from_stack(stack).find_resources("aws_s3_bucket_lifecycle_configuration").values()
    assert config["rule"][0]["expiration"] == [{"days": 30}]
