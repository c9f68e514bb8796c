"""Keywords as AWS CDK's Python API spells them (what tests/conformance checks by name, here by
behaviour): the container and job definition constructors, ``EcsVolume.efs/host`` and
``LogDriver(s).aws_logs`` take every keyword by name (no ``**kwargs``), ``add_ulimit`` takes the
``Ulimit`` fields as keywords, and the EKS volume option structs exist."""
from __future__ import annotations

import inspect
from typing import Any

import pytest

from batch_constructs import (AwsLogDriver, AwsLogDriverMode, EcsEc2ContainerDefinition, EcsFargateContainerDefinition,
                              EcsJobDefinition, EcsVolume, EfsVolumeOptions, EksJobDefinition, EksVolume,
                              EksVolumeOptions, EmptyDirVolume, EmptyDirVolumeOptions, HostPathVolumeOptions, LogDriver,
                              LogDrivers, MultiNodeJobDefinition, SecretPathVolumeOptions, Ulimit, UlimitName,
                              ValidationError)
from batch_constructs.core import Duration, Size
from batch_constructs.testing import Template

from ._helpers import ec2, image, job_definition


@pytest.mark.parametrize("cls", [EcsEc2ContainerDefinition, EcsFargateContainerDefinition, EcsJobDefinition,
                                 EksJobDefinition, MultiNodeJobDefinition])
def test_constructors_spell_out_every_keyword(cls: type) -> None:
    kinds = {p.kind for p in inspect.signature(cls.__init__).parameters.values()}
    keywords = set(inspect.signature(cls.__init__).parameters)
    if cls is EcsFargateContainerDefinition:  # its ** only catches gpu/privileged/ulimits
        kinds.discard(inspect.Parameter.VAR_KEYWORD)
    assert inspect.Parameter.VAR_KEYWORD not in kinds
    if "container" in keywords or "containers" in keywords:  # job definitions
        assert {"job_definition_name", "parameters", "retry_attempts", "retry_strategies", "scheduling_priority",
                "timeout", "skip_deregister_on_update"} <= keywords
    else:
        assert {"command", "environment", "execution_role", "job_role", "linux_parameters", "logging",
                "readonly_root_filesystem", "secrets", "user", "volumes", "enable_execute_command"} <= keywords


def test_job_definition_keywords_reach_the_base(stack: Any) -> None:
    EcsJobDefinition(stack, "Job", container=ec2(stack), job_definition_name="named", retry_attempts=3,
                     timeout=Duration.minutes(5), parameters={"p": "v"}, scheduling_priority=7)
    jd = job_definition(Template.from_stack(stack))
    assert (jd["name"], jd["retry_strategy"], jd["timeout"], jd["parameters"], jd["scheduling_priority"]) == \
        ("named", {"attempts": 3}, {"attempt_duration_seconds": 300}, {"p": "v"}, 7)


def test_misspelled_keywords_name_the_closest(stack: Any) -> None:
    with pytest.raises(TypeError, match="did you mean 'retry_attempts'"):
        EcsJobDefinition(stack, "Job", container=ec2(stack), retry_attempt=3)
    with pytest.raises(TypeError, match="did you mean 'command'"):
        EcsEc2ContainerDefinition(stack, "C2", image=image(), cpu=1, memory=Size.mebibytes(512), comand=["x"])
    with pytest.raises(TypeError, match="did you mean 'command'"):
        EcsFargateContainerDefinition(stack, "F", image=image(), cpu=0.25, memory=Size.mebibytes(512), comand=["x"])
    with pytest.raises(ValidationError, match="does not take 'gpu'"):
        EcsFargateContainerDefinition(stack, "F", image=image(), cpu=0.25, memory=Size.mebibytes(512), gpu=1)


def test_add_ulimit_takes_the_fields_as_keywords(stack: Any) -> None:
    container = ec2(stack)
    container.add_ulimit(name=UlimitName.NOFILE, soft_limit=1024, hard_limit=4096)
    container.add_ulimit(Ulimit(name=UlimitName.NPROC, soft_limit=10, hard_limit=20))
    assert [u.render() for u in container.ulimits] == [
        {"name": "nofile", "softLimit": 1024, "hardLimit": 4096}, {"name": "nproc", "softLimit": 10, "hardLimit": 20}]
    with pytest.raises(ValidationError, match=r"\[TestStack/Container\] add_ulimit: 'soft_limit' is required"):
        container.add_ulimit(name=UlimitName.CORE, hard_limit=1)
    with pytest.raises(ValidationError, match="a Ulimit or its fields as keywords, not both"):
        container.add_ulimit(Ulimit(name=UlimitName.CORE, soft_limit=1, hard_limit=1), hard_limit=2)


def test_volume_factories_take_options_or_keywords() -> None:
    options = EfsVolumeOptions(name="data", container_path="/data", file_system="fs-12345678")
    volume = EcsVolume.efs(options, readonly=True)
    assert (volume.name, volume.container_path, volume.readonly) == ("data", "/data", True)
    assert EcsVolume.host(name="h", container_path="/h", host_path="/x").host_path == "/x"
    with pytest.raises(ValidationError, match="'name' is required"):
        EcsVolume.host(container_path="/h")


def test_eks_volume_option_structs() -> None:
    options = EmptyDirVolumeOptions(name="scratch", mount_path="/tmp/s", size_limit=Size.mebibytes(64))
    volume = EksVolume.empty_dir(**vars(options))
    assert isinstance(volume, EmptyDirVolume) and volume.mount_path == "/tmp/s"
    assert isinstance(options, EksVolumeOptions)
    assert vars(HostPathVolumeOptions(name="h", host_path="/var")) == {
        "name": "h", "mount_path": None, "readonly": None, "host_path": "/var"}
    assert vars(SecretPathVolumeOptions(name="s", secret_name="token", optional=True))["optional"] is True


@pytest.mark.parametrize("factory", [LogDriver.aws_logs, LogDrivers.aws_logs])
def test_aws_logs_factories_spell_out_the_keywords(factory: Any) -> None:
    driver = factory(stream_prefix="job", mode=AwsLogDriverMode.NON_BLOCKING, datetime_format="%Y")
    assert isinstance(driver, AwsLogDriver)
    assert {p.kind for p in inspect.signature(factory).parameters.values()} == {inspect.Parameter.KEYWORD_ONLY}
