"""EksJobDefinition / EksContainerDefinition / EksVolume: rendering and every validation."""
from __future__ import annotations

import warnings
from typing import Any

import pytest

from batch_constructs import (Action, BatchConstructsWarning, DnsPolicy, EksContainerDefinition, EksJobDefinition,
                              EksVolume, EmptyDirMediumType, EmptyDirVolume, HostPathVolume, ImagePullPolicy,
                              Reason, RetryStrategy, SecretPathVolume, ValidationError)
from batch_constructs.core import Duration, Size
from batch_constructs.ecs import ContainerImage
from batch_constructs.testing import Match, Template

IMAGE = ContainerImage.from_registry("amazon/amazon-ecs-sample")


def container(stack: Any, id: str = "Container", **kwargs: Any) -> EksContainerDefinition:
    kwargs.setdefault("cpu_limit", 1)
    kwargs.setdefault("memory_limit", Size.mebibytes(2048))
    return EksContainerDefinition(stack, id, image=IMAGE, **kwargs)


def only_job_definition(stack: Any) -> dict[str, Any]:
    (jd,) = Template.from_stack(stack).find_resources("aws_batch_job_definition").values()
    return jd


def pod_container(jd: dict[str, Any]) -> dict[str, Any]:
    (c,) = jd["eks_properties"]["pod_properties"]["containers"]
    return c


# -- rendering ---------------------------------------------------------------------------------
def test_minimal_renders_typed_block_without_defaults(stack: Any) -> None:
    EksJobDefinition(stack, "Job", container=container(stack))
    jd = only_job_definition(stack)
    assert jd["type"] == "container"
    assert "platform_capabilities" not in jd and "container_properties" not in jd
    assert "propagate_tags" not in jd and "retry_strategy" not in jd and "timeout" not in jd
    assert jd["eks_properties"] == {"pod_properties": {"containers": [{
        "image": "amazon/amazon-ecs-sample",
        "resources": {"limits": {"cpu": "1", "memory": "2048Mi"}}}]}}
    assert jd["name"].startswith("TestStack-Job-")


def test_seed_kubernetes_workflow_volumes(stack: Any) -> None:
    # The seed's names (myEmptyDirVolume, emptyDir, hostPath) are not DNS-1123 labels: refused now.
    jd_construct = EksJobDefinition(stack, "eksf2", container=EksContainerDefinition(
        stack, "container", image=IMAGE,
        volumes=[EksVolume.empty_dir(name="my-empty-dir-volume", mount_path="/mount/path",
                                     medium=EmptyDirMediumType.MEMORY, readonly=True,
                                     size_limit=Size.mebibytes(2048))]))
    # Added after the job definition: still rendered (late values).
    jd_construct.container.add_volume(EksVolume.empty_dir(name="empty-dir", mount_path="/Volumes/emptyDir",
                                                          size_limit=Size.gibibytes(1)))
    jd_construct.container.add_volume(EksVolume.host_path(name="host-path", host_path="/sys",
                                                          mount_path="/Volumes/hostPath"))
    jd_construct.container.add_volume(EksVolume.secret(name="secret", optional=True, mount_path="/Volumes/secret",
                                                       secret_name="mySecret"))
    jd_construct.container.add_volume(EksVolume.secret(name="unmounted", secret_name="other"))
    pod = only_job_definition(stack)["eks_properties"]["pod_properties"]
    assert pod["containers"][0]["volume_mounts"] == [
        {"name": "my-empty-dir-volume", "mount_path": "/mount/path", "read_only": True},
        {"name": "empty-dir", "mount_path": "/Volumes/emptyDir"},
        {"name": "host-path", "mount_path": "/Volumes/hostPath"},
        {"name": "secret", "mount_path": "/Volumes/secret"},
    ]
    assert pod["volumes"] == [
        {"name": "my-empty-dir-volume", "empty_dir": {"medium": "Memory", "size_limit": "2048Mi"}},
        {"name": "empty-dir", "empty_dir": {"size_limit": "1024Mi"}},
        {"name": "host-path", "host_path": {"path": "/sys"}},
        {"name": "secret", "secret": {"secret_name": "mySecret", "optional": True}},
        {"name": "unmounted", "secret": {"secret_name": "other", "optional": True}},
    ]
    assert [v.name for v in jd_construct.container.volumes] == ["my-empty-dir-volume", "empty-dir", "host-path",
                                                                 "secret", "unmounted"]


def test_every_option(stack: Any) -> None:
    c = EksContainerDefinition(
        stack, "Container", image=IMAGE, name="main", command=["sh", "-c"], args=["echo ${HOME}", "Ref::x"],
        env={"B": "2", "A": "1"}, image_pull_policy=ImagePullPolicy.ALWAYS,
        cpu_limit=2, cpu_reservation=0.25, memory_limit=Size.gibibytes(4), memory_reservation=Size.gibibytes(4),
        gpu_limit=1, gpu_reservation=1, privileged=True, readonly_root_filesystem=False,
        run_as_group=10, run_as_user=1000, run_as_root=False,
        volumes=[EksVolume.empty_dir(name="d", mount_path="/d", medium=EmptyDirMediumType.DISK,
                                     size_limit=Size.mebibytes(64), readonly=False)])
    EksJobDefinition(stack, "Job", container=c, dns_policy=DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET,
                     use_host_network=False, service_account="sa", job_definition_name="my-eks-job",
                     parameters={"x": 1}, retry_attempts=3,
                     retry_strategies=[RetryStrategy.of(Action.RETRY, Reason.NON_ZERO_EXIT_CODE)],
                     scheduling_priority=7, timeout=Duration.minutes(5), skip_deregister_on_update=True)
    jd = only_job_definition(stack)
    assert jd["name"] == "my-eks-job"
    assert jd["parameters"] == {"x": "1"}
    assert jd["retry_strategy"] == {"attempts": 3, "evaluate_on_exit": [{"action": "RETRY", "on_exit_code": "*"}]}
    assert jd["scheduling_priority"] == 7
    assert jd["timeout"] == {"attempt_duration_seconds": 300}
    assert jd["deregister_on_new_revision"] is False
    pod = jd["eks_properties"]["pod_properties"]
    assert pod["dns_policy"] == "ClusterFirstWithHostNet"
    assert pod["host_network"] is False
    assert pod["service_account_name"] == "sa"
    assert pod["volumes"] == [{"name": "d", "empty_dir": {"medium": "", "size_limit": "64Mi"}}]
    assert pod_container(jd) == {
        "image": "amazon/amazon-ecs-sample",
        "name": "main",
        "command": ["sh", "-c"],
        "args": ["echo $${HOME}", "Ref::x"],
        "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}],
        "image_pull_policy": "Always",
        "resources": {"limits": {"cpu": "2", "memory": "4096Mi", "nvidia.com/gpu": "1"},
                      "requests": {"cpu": "0.25", "memory": "4096Mi", "nvidia.com/gpu": "1"}},
        "security_context": {"privileged": True, "read_only_root_file_system": False, "run_as_group": 10,
                             "run_as_non_root": True, "run_as_user": 1000},
        "volume_mounts": [{"name": "d", "mount_path": "/d", "read_only": False}],
    }


def test_no_security_context_unless_asked(stack: Any) -> None:
    """P20: the provider sends run_as_user = 0 whenever security_context exists."""
    EksJobDefinition(stack, "Job", container=container(stack))
    assert "security_context" not in pod_container(only_job_definition(stack))


def test_run_as_root_true_renders_run_as_non_root_false(stack: Any) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        EksJobDefinition(stack, "Job", container=container(stack, run_as_root=True, privileged=True))
    assert pod_container(only_job_definition(stack))["security_context"] == {"run_as_non_root": False,
                                                                             "privileged": True}


def test_fractional_cpu_and_reservation_only(stack: Any) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        EksJobDefinition(stack, "Job", container=EksContainerDefinition(
            stack, "C", image=IMAGE, cpu_reservation=1.75, memory_reservation=Size.mebibytes(512)))
    assert pod_container(only_job_definition(stack))["resources"] == {
        "requests": {"cpu": "1.75", "memory": "512Mi"}}


def test_empty_env_value_dropped_with_warning(stack: Any) -> None:
    with pytest.warns(BatchConstructsWarning, match="environment variable 'EMPTY' has an empty value"):
        c = container(stack, env={"EMPTY": "", "FULL": "x"})
    EksJobDefinition(stack, "Job", container=c)
    assert pod_container(only_job_definition(stack))["env"] == [{"name": "FULL", "value": "x"}]


def test_attributes_and_imports(stack: Any) -> None:
    c = container(stack)
    jd = EksJobDefinition(stack, "Job", container=c, dns_policy=DnsPolicy.DEFAULT, service_account="sa",
                          use_host_network=True)
    assert jd.container is c and jd.dns_policy is DnsPolicy.DEFAULT
    assert jd.service_account == "sa" and jd.use_host_network is True
    assert "${TfToken[" in jd.job_definition_arn and "${TfToken[" in jd.job_definition_name
    imported = EksJobDefinition.from_eks_job_definition_arn(
        stack, "Imported", "arn:aws:batch:us-east-1:123456789012:job-definition/my-eks:4")
    assert imported.job_definition_name == "my-eks"
    assert imported.job_definition_arn == "arn:aws:batch:us-east-1:123456789012:job-definition/my-eks:4"
    assert imported.job_definition_arn_prefix == "arn:aws:batch:us-east-1:123456789012:job-definition/my-eks"
    assert EksJobDefinition.from_job_definition_arn(
        stack, "Imported2", "arn:aws:batch:us-east-1:123456789012:job-definition/x:1").job_definition_name == "x"


def test_volume_classes_and_type_checks() -> None:
    e = EksVolume.empty_dir(name="e", size_limit=Size.mebibytes(1))
    h = EksVolume.host_path(name="h", host_path="/tmp", mount_path="/h", readonly=True)
    s = EksVolume.secret(name="s", secret_name="x")
    assert EmptyDirVolume.is_empty_dir_volume(e) and not EmptyDirVolume.is_empty_dir_volume(h)
    assert HostPathVolume.is_host_path_volume(h) and not HostPathVolume.is_host_path_volume(s)
    assert SecretPathVolume.is_secret_path_volume(s) and not SecretPathVolume.is_secret_path_volume(e)
    assert e.medium is None and e.size_limit == Size.mebibytes(1)
    assert h.path == "/tmp" and h.container_path == "/h" and h.readonly is True
    assert s.optional is True and s.secret_name == "x" and s.container_path is None


def test_token_image_and_ecr(stack: Any) -> None:
    from batch_constructs._runtime import provider_class
    repo = provider_class("ecr_repository", "EcrRepository")(stack, "Repo", name="repo")
    EksJobDefinition(stack, "Job", container=EksContainerDefinition(
        stack, "C", image=ContainerImage.from_ecr_repository(repo, "v1"), cpu_limit=1))
    assert pod_container(only_job_definition(stack))["image"] == "${aws_ecr_repository.Repo.repository_url}:v1"


# -- validations -------------------------------------------------------------------------------
def test_e28_unknown_volume_type(stack: Any) -> None:
    class OtherVolume(EksVolume):
        pass

    c = container(stack)
    with pytest.raises(ValidationError) as error:
        c.add_volume(OtherVolume(name="x", mount_path="/x"))
    assert error.value.message == "unknown volume type"
    assert error.value.path == "TestStack/Container"
    with pytest.raises(ValidationError, match="^\\[TestStack/C2\\] unknown volume type$"):
        container(stack, "C2", volumes=[OtherVolume(name="x")])


def test_e28_at_render_too() -> None:
    from batch_constructs.eks_container_definition import render_pod_volume
    with pytest.raises(ValidationError, match="^unknown volume type$"):
        render_pod_volume(object())


def test_l26_empty_dir_needs_size_limit() -> None:
    with pytest.raises(ValidationError) as error:
        EksVolume.empty_dir(name="empty-dir", mount_path="/Volumes/emptyDir")
    assert str(error.value) == ("EksVolume.empty_dir 'empty-dir' needs size_limit: the Terraform AWS provider "
                                "requires it")


def test_empty_dir_size_limit_whole_mebibytes() -> None:
    with pytest.raises(ValidationError) as error:
        EksVolume.empty_dir(name="d", size_limit=Size.kibibytes(1500))
    assert str(error.value) == "'1500 kibibytes' cannot be converted into a whole number of mebibytes."
    with pytest.raises(ValidationError, match="^EksVolume.empty_dir 'd' specifies 'size_limit' = 0 MiB; it must "
                                              "be at least 1 MiB$"):
        EksVolume.empty_dir(name="d", size_limit=Size.mebibytes(0))


def test_volume_name_not_kubernetes_is_refused() -> None:
    with pytest.raises(ValidationError, match="'name' must be a Kubernetes volume name \\(a DNS-1123 label: at most "
                                              "63 lower-case letters.*got 'myEmptyDirVolume'"):
        EksVolume.host_path(name="myEmptyDirVolume", host_path="/x")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        EksVolume.host_path(name="scratch-1", host_path="/x")


def test_volume_argument_checks() -> None:
    with pytest.raises(ValidationError, match="^EksVolume needs a non-empty 'name', got ''$"):
        EksVolume.host_path(name="", host_path="/x")
    with pytest.raises(ValidationError, match="^EksVolume.host_path 'h' needs a non-empty 'host_path'$"):
        EksVolume.host_path(name="h", host_path="")
    with pytest.raises(ValidationError, match="^EksVolume.secret 's' needs a non-empty 'secret_name'$"):
        EksVolume.secret(name="s", secret_name="")


@pytest.mark.parametrize("key,value", [("cpu_limit", 0.3), ("cpu_limit", 0), ("cpu_reservation", -1),
                                       ("cpu_reservation", 1e-05)])
def test_cpu_quantities_kubernetes_or_batch_cannot_take(stack: Any, key: str, value: Any) -> None:
    with pytest.raises(ValidationError) as error:
        EksContainerDefinition(stack, "C", image=IMAGE, **{key: value})
    assert error.value.message == (f"EksContainerDefinition 'C': '{key}' = {value!r} is not a CPU quantity AWS "
                                   "Batch accepts; use a positive multiple of 0.25 vCPU")


@pytest.mark.parametrize("value, given", [(float("nan"), "nan (float)"), (float("inf"), "inf (float)"),
                                          ("500m", "'500m' (str)"), (True, "True (bool)")])
def test_cpu_quantities_that_are_not_finite_numbers(stack: Any, value: Any, given: str) -> None:
    with pytest.raises(ValidationError) as error:
        EksContainerDefinition(stack, "C", image=IMAGE, cpu_limit=value)
    assert error.value.message == f"'cpu_limit' must be a finite number, got {given}"


def test_cpu_limit_below_reservation(stack: Any) -> None:
    with pytest.raises(ValidationError) as error:
        container(stack, cpu_limit=0.5, cpu_reservation=1)
    assert error.value.message == "EksContainerDefinition 'Container': 'cpu_limit' (0.5) must be at least " \
                                  "'cpu_reservation' (1)"


def test_memory_fractional_mebibytes(stack: Any) -> None:
    with pytest.raises(ValidationError) as error:
        container(stack, memory_limit=Size.kibibytes(1500))
    assert error.value.message == "'1500 kibibytes' cannot be converted into a whole number of mebibytes."
    assert error.value.path == "TestStack/Container"


def test_memory_below_four_mebibytes(stack: Any) -> None:
    with pytest.raises(ValidationError) as error:
        container(stack, memory_reservation=Size.mebibytes(3))
    assert error.value.message == "EksContainerDefinition 'Container': 'memory_reservation' = 3 MiB; Kubernetes " \
                                  "on AWS Batch needs at least 4 MiB"


def test_memory_not_a_size(stack: Any) -> None:
    with pytest.raises(ValidationError) as error:
        container(stack, memory_limit=2048)
    assert error.value.message == ("'memory_limit' must be a Size, got 2048 (int); use Size.mebibytes(n), "
                                   "Size.gibibytes(n), ...")


def test_memory_limit_must_equal_reservation(stack: Any) -> None:
    with pytest.raises(ValidationError) as error:
        container(stack, memory_limit=Size.mebibytes(2048), memory_reservation=Size.mebibytes(1024))
    assert error.value.message == "EksContainerDefinition 'Container': 'memory_limit' (2048 MiB) must equal " \
                                  "'memory_reservation' (1024 MiB) when both are set"


def test_gpu_checks(stack: Any) -> None:
    with pytest.raises(ValidationError) as error:
        container(stack, gpu_limit=1.5)
    assert error.value.message == "'gpu_limit' must be a whole number, got 1.5 (float); AWS takes integers here"
    with pytest.raises(ValidationError) as error:
        container(stack, "C2", gpu_limit=2, gpu_reservation=1)
    assert error.value.message == "EksContainerDefinition 'C2': 'gpu_limit' (2) must equal 'gpu_reservation' (1) " \
                                  "when both are set"


def test_l27_run_as_root_false_needs_run_as_user(stack: Any) -> None:
    with pytest.raises(ValidationError) as error:
        container(stack, run_as_root=False)
    assert error.value.message == "EksContainerDefinition 'Container' requires run_as_user when run_as_root is False"


def test_l27_warning_security_context_without_user(stack: Any) -> None:
    with pytest.warns(BatchConstructsWarning, match="sets a security-context field without run_as_user: the "
                                                    "Terraform AWS provider then sends run_as_user = 0"):
        container(stack, readonly_root_filesystem=True)


def test_run_as_user_must_be_non_negative_integer(stack: Any) -> None:
    with pytest.raises(ValidationError) as error:
        container(stack, run_as_user=-1)
    assert error.value.message == "'run_as_user' must be a whole number from 0 to 9223372036854775807, got -1 (int)"


def test_warning_without_cpu_or_memory(stack: Any) -> None:
    with pytest.warns(BatchConstructsWarning, match=r"^\[TestStack/C\] EksContainerDefinition 'C' sets no cpu and "
                                                    r"no memory \(limit or reservation\); AWS Batch needs at least "
                                                    "one of each"):
        EksContainerDefinition(stack, "C", image=IMAGE)
    with pytest.warns(BatchConstructsWarning, match="EksContainerDefinition 'D' sets no memory \\(limit"):
        EksContainerDefinition(stack, "D", image=IMAGE, cpu_reservation=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        EksContainerDefinition(stack, "E", image=IMAGE, cpu_limit=1, memory_reservation=Size.mebibytes(64))


def test_reserved_env_prefix(stack: Any) -> None:
    with pytest.raises(ValidationError) as error:
        container(stack, env={"AWS_BATCH_X": "1"})
    assert error.value.message == "environment variable 'AWS_BATCH_X' uses the reserved prefix AWS_BATCH"


def test_image_must_be_container_image(stack: Any) -> None:
    with pytest.raises(ValidationError) as error:
        EksContainerDefinition(stack, "C", image="amazon/amazon-ecs-sample")
    assert error.value.message == ("'image' must be a ContainerImage (ContainerImage.from_registry(...)), got "
                                   "'amazon/amazon-ecs-sample' (str)")


def test_duplicate_volume_names_at_synth(stack: Any) -> None:
    c = container(stack)
    EksJobDefinition(stack, "Job", container=c)
    c.add_volume(EksVolume.host_path(name="v", host_path="/a", mount_path="/a"))
    c.add_volume(EksVolume.host_path(name="v", host_path="/b", mount_path="/b"))
    with pytest.raises(ValidationError) as error:
        Template.from_stack(stack)
    assert error.value.problems == [("TestStack/Container",
                                     "EksContainerDefinition 'Container' has two volumes named 'v'")]


def test_job_definition_container_type(stack: Any) -> None:
    with pytest.raises(ValidationError) as error:
        EksJobDefinition(stack, "Job", container=object())
    assert error.value.message.startswith("'container' must be an EksContainerDefinition, got <object object at")


def test_propagate_tags_rejected(stack: Any) -> None:
    with pytest.raises(ValidationError) as error:
        EksJobDefinition(stack, "Job", container=container(stack), propagate_tags=True)
    assert error.value.message == ("EksJobDefinition 'Job' cannot use 'propagate_tags': AWS Batch does not "
                                   "propagate tags to EKS pods and rejects it for EKS job definitions")


def test_propagate_tags_false_not_emitted(stack: Any) -> None:
    EksJobDefinition(stack, "Job", container=container(stack), propagate_tags=False)
    assert "propagate_tags" not in only_job_definition(stack)


def test_common_validations_apply(stack: Any) -> None:
    with pytest.raises(ValidationError, match="'retry_attempts' = 11; it must be between 1 and 10"):
        EksJobDefinition(stack, "Job", container=container(stack), retry_attempts=11)


def test_tags_reach_job_definition(stack: Any) -> None:
    from batch_constructs.core import Tags
    EksJobDefinition(stack, "Job", container=container(stack))
    Tags.of(stack).add("team", "hpc")
    assert only_job_definition(stack)["tags"] == {"team": "hpc"}


def test_template_matcher_on_eks_block(stack: Any) -> None:
    EksJobDefinition(stack, "Job", container=container(stack, image_pull_policy=ImagePullPolicy.NEVER))
    Template.from_stack(stack).has_resource_properties("aws_batch_job_definition", {
        "eks_properties": {"pod_properties": {"containers": [Match.object_like({"image_pull_policy": "Never"})]}}})


def test_grant_submit_job_on_every_revision(stack: Any) -> None:
    """Q31: AWS CDK has no grant on EKS job definitions; this library grants on ``arn_prefix:*``."""
    from batch_constructs import JobQueue
    from batch_constructs.iam import Role, ServicePrincipal
    jd = EksJobDefinition(stack, "Job", container=container(stack))
    queue = JobQueue.from_job_queue_arn(stack, "Queue", "arn:aws:batch:us-east-1:123456789012:job-queue/q")
    jd.grant_submit_job(Role(stack, "Submitter", assumed_by=ServicePrincipal("lambda.amazonaws.com")), queue)
    Template.from_stack(stack).has_resource_properties("aws_iam_role_policy", {"policy": {"Statement": [{
        "Effect": "Allow", "Action": "batch:SubmitJob",
        "Resource": [Match.string_like_regexp(r"^\$\{aws_batch_job_definition\.Job_\w+\.arn_prefix\}:\*$"),
                     "arn:aws:batch:us-east-1:123456789012:job-queue/q"]}]}})
