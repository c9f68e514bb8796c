"""``container_properties`` of real containers against botocore's AWS Batch model: a
property-based test that any valid container yields JSON that botocore's
``RegisterJobDefinition`` input validation accepts, and the example stacks use only API keys.
The key checker and the model's keys are pure and tested in ``tests/unit/test_container_properties.py``."""
from __future__ import annotations

import json
import warnings
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from batch_constructs._json import canonical_json
from tests.unit.test_container_properties import CONTAINER_SHAPE, botocore_errors, unknown_keys


def empties(value: Any, path: str = "") -> list[str]:
    if isinstance(value, dict):
        out = [path] if not value else []
        for k, v in value.items():
            out.extend(empties(v, f"{path}.{k}"))
        return out
    if isinstance(value, list):
        out = [path] if not value else []
        for i, v in enumerate(value):
            out.extend(empties(v, f"{path}[{i}]"))
        return out
    return [path] if value is None else []


# -- building containers in a fresh stack --------------------------------------------------------

def new_stack() -> Any:
    from cdktf import TerraformStack, Testing

    from batch_constructs.providers import aws_provider
    stack = TerraformStack(Testing.app(), "Prop")
    aws_provider(stack, "aws", region="us-east-1")
    return stack


names = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,15}", fullmatch=True).filter(lambda n: not n.startswith("AWS_BATCH"))
text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=20)
paths = st.from_regex(r"/[a-z]{1,8}(/[a-z0-9]{1,8}){0,2}", fullmatch=True)

FARGATE_PAIRS = [(0.25, 512), (0.25, 2048), (0.5, 1024), (0.5, 4096), (1, 2048), (1, 8192), (2, 4096),
                 (2, 16384), (4, 8192), (4, 30720), (8, 16384), (8, 61440), (16, 32768), (16, 122880)]


@st.composite
def efs_volumes(draw: Any, name: str) -> Any:
    from batch_constructs import EcsVolume
    access_point = draw(st.sampled_from([None, "fsap-0123456789abcdef0"]))
    use_job_role = draw(st.sampled_from([None, False, True]))
    encryption = True if (access_point or use_job_role) else draw(st.sampled_from([None, False, True]))
    root = draw(st.sampled_from([None, "/"])) if access_point else draw(st.one_of(st.none(), paths))
    return EcsVolume.efs(name=name, container_path=draw(paths), file_system=draw(st.sampled_from(
        ["fs-12345678", "fs-0123456789abcdef0"])), readonly=draw(st.sampled_from([None, False, True])),
        root_directory=root, enable_transit_encryption=encryption,
        transit_encryption_port=draw(st.one_of(st.none(), st.integers(1, 65535))),
        access_point_id=access_point, use_job_role=use_job_role)


@st.composite
def volumes(draw: Any, fargate: bool) -> list[Any]:
    from batch_constructs import EcsVolume
    volume_names = draw(st.lists(st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True), max_size=3, unique=True))
    out = []
    for name in volume_names:
        if draw(st.booleans()):
            out.append(draw(efs_volumes(name)))
        else:
            out.append(EcsVolume.host(name=name, container_path=draw(paths),
                                      host_path=None if fargate else draw(st.one_of(st.none(), paths)),
                                      readonly=draw(st.sampled_from([None, True]))))
    return out


@st.composite
def secrets(draw: Any) -> dict[str, Any]:
    from batch_constructs import Secret, SecretVersionInfo
    out = {}
    for name in draw(st.lists(names, max_size=3, unique=True)):
        kind = draw(st.sampled_from(["sm", "field", "version", "ssm-arn", "ssm-name"]))
        sm = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"
        if kind == "sm":
            out[name] = Secret.from_secrets_manager(sm)
        elif kind == "field":
            out[name] = Secret.from_secrets_manager(sm, field=draw(names))
        elif kind == "version":
            out[name] = Secret.from_secrets_manager_version(sm, SecretVersionInfo(version_stage="AWSCURRENT"))
        elif kind == "ssm-arn":
            out[name] = Secret.from_ssm_parameter("arn:aws:ssm:us-east-1:123456789012:parameter/p")
        else:
            out[name] = Secret.from_ssm_parameter(draw(paths))
    return out


@st.composite
def containers(draw: Any) -> tuple[Any, str]:
    from batch_constructs import (Device, DevicePermission, EcsEc2ContainerDefinition, EcsFargateContainerDefinition,
                                  LinuxParameters, LogDrivers, Tmpfs, TmpfsMountOption, Ulimit, UlimitName)
    from batch_constructs.core import Size
    from batch_constructs.ecs import ContainerImage, CpuArchitecture, FargatePlatformVersion, OperatingSystemFamily
    stack = new_stack()
    fargate = draw(st.booleans())
    env = draw(st.one_of(st.none(), st.dictionaries(names, text, max_size=4)))
    common: dict[str, Any] = dict(
        image=ContainerImage.from_registry(draw(st.sampled_from(["amazonlinux", "public.ecr.aws/x/y:1"]))),
        command=draw(st.one_of(st.none(), st.lists(text, max_size=4))),
        environment=env,
        secrets={k: v for k, v in draw(secrets()).items() if not env or k not in env},
        volumes=draw(volumes(fargate)),
        readonly_root_filesystem=draw(st.sampled_from([None, False, True])),
        user=draw(st.one_of(st.none(), st.sampled_from(["1000", "root", "1000:1000"]))),
        enable_execute_command=draw(st.sampled_from([None, False, True])),
        logging=draw(st.sampled_from([None, "awslogs", "json", "syslog"])),
    )
    if common["logging"] == "awslogs":
        common["logging"] = LogDrivers.aws_logs(stream_prefix=draw(names), log_group=draw(st.sampled_from(
            [None, "/my/group"])))
    elif common["logging"] == "json":
        common["logging"] = LogDrivers.json_file(options={"max-size": "10m"})
    elif common["logging"] == "syslog":
        common["logging"] = LogDrivers.syslog()
    if not fargate and draw(st.booleans()):
        linux = LinuxParameters(stack, "Linux", init_process_enabled=draw(st.sampled_from([None, True, False])),
                                shared_memory_size=draw(st.one_of(st.none(), st.integers(1, 4096).map(Size.mebibytes))),
                                max_swap=draw(st.one_of(st.none(), st.integers(0, 8).map(Size.gibibytes))),
                                swappiness=draw(st.one_of(st.none(), st.integers(0, 100))))
        for _ in range(draw(st.integers(0, 2))):
            linux.add_devices(Device(host_path=draw(paths), container_path=draw(st.one_of(st.none(), paths)),
                                     permissions=draw(st.one_of(st.none(), st.lists(
                                         st.sampled_from(list(DevicePermission)), max_size=3, unique=True)))))
        for _ in range(draw(st.integers(0, 2))):
            linux.add_tmpfs(Tmpfs(container_path=draw(paths), size=Size.mebibytes(draw(st.integers(1, 1024))),
                                  mount_options=draw(st.one_of(st.none(), st.lists(
                                      st.sampled_from(list(TmpfsMountOption)), max_size=3, unique=True)))))
        common["linux_parameters"] = linux
    elif draw(st.booleans()):
        common["linux_parameters"] = LinuxParameters(stack, "Linux", init_process_enabled=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if fargate:
            cpu, mib = draw(st.sampled_from(FARGATE_PAIRS))
            # Windows: 1, 2 or 4 vCPU, X86_64, no user, no Linux parameters, no read-only root.
            windows = draw(st.booleans()) and not common["readonly_root_filesystem"] and cpu in (1, 2, 4) \
                and common["user"] is None and "linux_parameters" not in common
            architectures = [None, CpuArchitecture.X86_64] + ([] if windows else [CpuArchitecture.ARM64])
            container = EcsFargateContainerDefinition(
                stack, "Container", cpu=cpu, memory=Size.mebibytes(mib),
                assign_public_ip=draw(st.sampled_from([None, False, True])),
                ephemeral_storage_size=draw(st.one_of(st.none(), st.integers(21, 200).map(Size.gibibytes))),
                fargate_cpu_architecture=draw(st.sampled_from(architectures)),
                fargate_operating_system_family=(OperatingSystemFamily.WINDOWS_SERVER_2022_CORE if windows else
                                                 draw(st.sampled_from([None, OperatingSystemFamily.LINUX]))),
                fargate_platform_version=draw(st.sampled_from(  # 8 and 16 vCPU need 1.4.0 or LATEST
                    [None, *FargatePlatformVersion] if cpu < 8 else
                    [None, FargatePlatformVersion.LATEST, FargatePlatformVersion.VERSION1_4])), **common)
            return container, "FARGATE"
        ulimits = [Ulimit(name=name, soft_limit=soft, hard_limit=soft + extra) for name, soft, extra in draw(
            st.lists(st.tuples(st.sampled_from(list(UlimitName)), st.integers(0, 65536), st.integers(0, 1000)),
                     max_size=3, unique_by=lambda t: t[0]))]
        container = EcsEc2ContainerDefinition(
            stack, "Container", cpu=draw(st.sampled_from([1, 1.5, 2, 3, 16, 96])),
            memory=Size.mebibytes(draw(st.integers(4, 786432))), gpu=draw(st.one_of(st.none(), st.integers(0, 8))),
            privileged=draw(st.sampled_from([None, False, True])), ulimits=ulimits, **common)
        return container, "EC2"


@pytest.mark.filterwarnings("ignore::batch_constructs.BatchConstructsWarning")
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(containers())
def test_any_valid_container_yields_properties_botocore_accepts(built: tuple[Any, str]) -> None:
    container, platform = built
    assert container._validate() == []  # a valid container (synth-time checks included)
    properties = json.loads(canonical_json(container._render_container()))
    assert unknown_keys(properties, CONTAINER_SHAPE) == []
    assert botocore_errors(properties, platform) == ""
    # canonical: nothing empty, environment sorted, resource values are strings, MEMORY then VCPU
    assert empties(properties) == []
    env_names = [e["name"] for e in properties.get("environment", [])]
    assert env_names == sorted(env_names)
    assert [r["type"] for r in properties["resourceRequirements"]][:2] == ["MEMORY", "VCPU"]
    assert all(isinstance(r["value"], str) for r in properties["resourceRequirements"])
    assert "vcpus" not in properties and "memory" not in properties
    assert len(properties.get("mountPoints", [])) == len(properties.get("volumes", []))


def test_example_stacks_container_properties_use_only_api_keys() -> None:
    """Every ECS example stack, synthesized as users get it."""
    import stacks
    from batch_constructs.testing import Template
    from cdktf import App

    checked = 0
    for name, cls in stacks.all_stacks().items():
        if not name.startswith("ecs-"):
            continue
        app = App(outdir="/tmp/unused-ecs-props")
        template = Template.from_stack(cls(app, name))
        for jd in template.find_resources("aws_batch_job_definition").values():
            props = jd["container_properties"]
            assert unknown_keys(props, CONTAINER_SHAPE) == [], name
            assert botocore_errors(props, jd["platform_capabilities"][0]) == "", name
            checked += 1
    assert checked >= 7
