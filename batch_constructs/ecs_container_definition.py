"""ECS container definitions: ``EcsEc2ContainerDefinition`` and ``EcsFargateContainerDefinition``.

A container definition is a construct of its own (it owns the execution role, a job role when
``enable_execute_command`` creates one, and the log group an ``awslogs`` driver creates) and
renders the AWS Batch ``ContainerProperties`` object with the API's camelCase keys.

IAM the container adds to its execution role (inline ``DefaultPolicy`` statements, as AWS CDK):
read on every secret (and on registry credentials), ECR pull for ECR images, write on the log
group of an ``awslogs`` driver, or, when ``logging`` is unset, write on Batch's default log group
``/aws/batch/job``.
"""
from __future__ import annotations

import enum
from typing import Any, Mapping, Sequence

from ._base import BatchConstruct
from ._check import (check_bool, check_enum, check_instance, check_int, check_list, check_mapping, check_number,
                     check_str, check_str_list)
from ._convert import mebibytes_of, token_string
from ._errors import ValidationError, warn
from ._tokens import is_unresolved
from .core import Size
from .ecs import ContainerImage
from .ecs_volumes import EcsVolume, EfsVolume, HostVolume
from .iam import ManagedPolicy, PolicyStatement, Role, ServicePrincipal, as_role
from .linux_parameters import LinuxParameters
from .logging import LOG_WRITE_ACTIONS, LogDriver, LogDriverConfig
from .secrets import Secret
from ._identity import node_id

__all__ = ["EcsContainerDefinitionBase", "EcsEc2ContainerDefinition", "Ulimit", "UlimitName"]

EXECUTION_ROLE_POLICY = "service-role/AmazonECSTaskExecutionRolePolicy"
DEFAULT_LOG_GROUP = "/aws/batch/job"
EXECUTE_COMMAND_ACTIONS = ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
                           "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"]

class UlimitName(enum.StrEnum):
    CORE = "core"
    CPU = "cpu"
    DATA = "data"
    FSIZE = "fsize"
    LOCKS = "locks"
    MEMLOCK = "memlock"
    MSGQUEUE = "msgqueue"
    NICE = "nice"
    NOFILE = "nofile"
    NPROC = "nproc"
    RSS = "rss"
    RTPRIO = "rtprio"
    RTTIME = "rttime"
    SIGPENDING = "sigpending"
    STACK = "stack"


class Ulimit:
    """A resource limit of an EC2 container: ``Ulimit(name=UlimitName.NOFILE, soft_limit=1024,
    hard_limit=4096)`` (all required, integers)."""

    def __init__(self, *, hard_limit: int, name: UlimitName, soft_limit: int) -> None:
        self.name = check_enum(None, "name", name, UlimitName, required=True)
        # int32 in the API; -1 is Docker's "unlimited".
        hard_limit = check_int(None, "hard_limit", hard_limit, minimum=-1, required=True)
        soft_limit = check_int(None, "soft_limit", soft_limit, minimum=-1, required=True)
        if not is_unresolved(hard_limit) and not is_unresolved(soft_limit) and hard_limit != -1 \
                and (soft_limit == -1 or soft_limit > hard_limit):
            raise ValidationError(None, f"Ulimit '{self.name.value}': soft_limit {soft_limit} is above "
                                        f"hard_limit {hard_limit}")
        self.hard_limit = hard_limit
        self.soft_limit = soft_limit

    def render(self) -> dict[str, Any]:
        return {"name": self.name.value, "softLimit": self.soft_limit, "hardLimit": self.hard_limit}


def _check_volume(scope: Any, keyword: str, volume: Any) -> EcsVolume:
    if not isinstance(volume, (EfsVolume, HostVolume)):
        raise ValidationError(scope, "unsupported Volume encountered")
    return volume


def _check_ulimit(scope: Any, keyword: str, ulimit: Any) -> "Ulimit":
    return check_instance(scope, keyword, ulimit, Ulimit,
                          "a Ulimit (Ulimit(name=UlimitName.NOFILE, soft_limit=..., hard_limit=...))", required=True)


class EcsContainerDefinitionBase(BatchConstruct):
    """Keywords shared by ECS containers.

    :param image: ``ContainerImage`` (required). ECR images (``from_ecr_repository``) and registry
        credentials are granted to the execution role.
    :param cpu: vCPUs, fractions allowed (required); at least 1 on EC2, a Fargate pair on Fargate.
    :param memory: ``Size`` in whole MiB, at least 4 (required); ``Size.mebibytes(token)`` works.
    :param command: default: the image's command. ``Ref::name`` refers to a job parameter.
    :param environment: ``{name: value}`` (default none); names may not start with ``AWS_BATCH``;
        emitted sorted by name.
    :param secrets: ``{env var name: Secret}`` (default none); only ARNs are emitted, in insertion
        order; read is granted to the execution role.
    :param execution_role: default: a role (child ``ExecutionRole``) trusted by
        ``ecs-tasks.amazonaws.com`` with ``AmazonECSTaskExecutionRolePolicy`` attached.
    :param job_role: default: none (or child ``JobRole`` when ``enable_execute_command``).
    :param linux_parameters: a ``LinuxParameters`` construct (default: none).
    :param logging: a ``LogDriver`` (``LogDrivers.aws_logs(...)``, ...). Default: the Docker
        default of Batch (awslogs to ``/aws/batch/job``), and the execution role may write there.
    :param volumes: ``EcsVolume`` list (default none); more with :meth:`add_volume`.
    :param readonly_root_filesystem: default: not emitted (Batch's ``False``).
    :param user: default: the image's user.
    :param enable_execute_command: ECS Exec into the job's container (default: not emitted). When
        ``True`` a job role is created if none was given and gets the ``ssmmessages`` actions.
    """

    platform_capability = "EC2"

    def __init__(self, scope: Any, id: str, *, image: ContainerImage, cpu: float, memory: Size,
                 command: Sequence[str] | None = None, environment: Mapping[str, str] | None = None,
                 execution_role: Any = None, job_role: Any = None,
                 linux_parameters: LinuxParameters | None = None, logging: LogDriver | None = None,
                 readonly_root_filesystem: bool | None = None, secrets: Mapping[str, Secret] | None = None,
                 user: str | None = None, volumes: Sequence[EcsVolume] | None = None,
                 enable_execute_command: bool | None = None) -> None:
        super().__init__(scope, id)
        self.image = check_instance(self, "image", image, ContainerImage,
                                    "a ContainerImage (ContainerImage.from_registry(...))", required=True)
        self.cpu = self._check_cpu(cpu)
        self.memory = memory
        self._memory_mib = self._check_memory(memory)
        self.command = check_str_list(self, "command", command)
        self.environment = self._check_environment(environment)
        self.execution_role = as_role(execution_role, what="execution_role", scope=self) or Role(
            self, "ExecutionRole", assumed_by=ServicePrincipal("ecs-tasks.amazonaws.com"),
            managed_policies=[ManagedPolicy.from_aws_managed_policy_name(EXECUTION_ROLE_POLICY)])
        self.job_role = as_role(job_role, what="job_role", scope=self)
        self.enable_execute_command = check_bool(self, "enable_execute_command", enable_execute_command)
        if enable_execute_command:
            if self.job_role is None:
                self.job_role = Role(self, "JobRole", assumed_by=ServicePrincipal("ecs-tasks.amazonaws.com"))
            self.job_role.add_to_principal_policy(PolicyStatement(actions=list(EXECUTE_COMMAND_ACTIONS),
                                                                  resources=["*"]))
        self.readonly_root_filesystem = check_bool(self, "readonly_root_filesystem", readonly_root_filesystem)
        self.user = check_str(self, "user", user, min_length=1)
        # An asset image creates its build here (ContainerImage.bind); then pull (ECR, registry
        # credentials) is granted eagerly. The name is kept per container (an image may be shared).
        image.bind(self, self)
        self._image_name: str = image.image_name
        image.grant_pull(self.execution_role)
        self._credentials = image.credentials_secret()
        # Secrets: ARNs only; read granted to the execution role at construction (Q14).
        self.secrets = self._check_secrets(secrets)
        self.linux_parameters = check_instance(self, "linux_parameters", linux_parameters, LinuxParameters,
                                               "a LinuxParameters construct")
        # Logging.
        self.logging = check_instance(self, "logging", logging, LogDriver,
                                      "a LogDriver (LogDrivers.aws_logs(...), ...)")
        self.log_driver_config: LogDriverConfig | None = None
        if logging is not None:
            self.log_driver_config = logging.bind(self, self)
        else:
            from ._stack_data import account, partition, region
            self.execution_role.add_to_principal_policy(PolicyStatement(
                actions=list(LOG_WRITE_ACTIONS),
                resources=[f"arn:{partition(self)}:logs:{region(self)}:{account(self)}:log-group:"
                           f"{DEFAULT_LOG_GROUP}:*"]))
        self._volumes: list[EcsVolume] = check_list(self, "volumes", volumes, _check_volume,
                                                    expected="a list of EcsVolume") or []

    # -- checks ------------------------------------------------------------------------------
    def _check_cpu(self, cpu: Any) -> Any:
        """vCPUs, fractions allowed; EC2 needs at least 1 (the Batch API's ``VCPU``)."""
        return check_number(self, "cpu", cpu, minimum=1, required=True)

    def _check_memory(self, memory: Any) -> Any:
        """Whole MiB, at least 4 (the Batch API's ``MEMORY``); ``Size.mebibytes(token)`` passes."""
        mib = mebibytes_of(self, "memory", memory, tokens=True, required=True)
        return check_int(self, "memory (MiB)", mib, minimum=4)

    def _check_environment(self, environment: Any) -> dict[str, str] | None:
        environment = check_mapping(self, "environment", environment) or None
        for name, value in (environment or {}).items():
            self._check_env_name(name)
            if value == "":
                warn(self, f"environment variable '{name}' has an empty value and will be ignored by AWS Batch")
        return environment

    def _check_secrets(self, secrets: Any) -> dict[str, Secret] | None:
        check_instance(self, "secrets", secrets, dict, "a dict of environment variable names to Secret")
        if not secrets:
            return None
        out: dict[str, Secret] = {}
        for name, secret in secrets.items():
            self._check_env_name(name)
            check_instance(self, f"secrets[{name!r}]", secret, Secret, "a Secret (Secret.from_secrets_manager(...) "
                           "or Secret.from_ssm_parameter(...))", required=True)
            if self.environment and name in self.environment:
                raise ValidationError(self, f"'{name}' is both an environment variable and a secret")
            secret = secret._resolved(self)
            secret.grant_read(self.execution_role)
            out[name] = secret
        return out

    def _check_env_name(self, name: Any) -> None:
        check_str(self, "environment variable name", name, min_length=1)
        if name.startswith("AWS_BATCH"):
            raise ValidationError(self, f"environment variable '{name}' uses the reserved prefix AWS_BATCH")

    # -- volumes ----------------------------------------------------------------------------
    def add_volume(self, volume: EcsVolume) -> None:
        """Mount ``volume`` (an ``EcsVolume.efs(...)`` or ``EcsVolume.host(...)``); rendered at synth."""
        self._volumes.append(_check_volume(self, "volume", volume))

    @property
    def volumes(self) -> list[EcsVolume]:
        return list(self._volumes)

    def _validate(self) -> list[str]:
        out: list[str] = []
        names = [v.name for v in self._volumes]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            out.append(f"container '{node_id(self)}' has several volumes named {', '.join(duplicates)}")
        return out

    # -- rendering ----------------------------------------------------------------------------
    def _resource_requirements(self) -> list[dict[str, str]]:
        return [{"type": "MEMORY", "value": token_string(self._memory_mib)},
                {"type": "VCPU", "value": token_string(self.cpu)}]

    def _render_container(self) -> dict[str, Any]:
        """``ContainerProperties`` as a dict with the API's camelCase keys (not yet pruned)."""
        env = self.environment or {}
        return {
            "image": self._image_name,
            "command": self.command,
            "environment": [{"name": k, "value": env[k]} for k in sorted(env) if env[k] != ""],
            "executionRoleArn": self.execution_role.role_arn,
            "jobRoleArn": self.job_role.role_arn if self.job_role is not None else None,
            "resourceRequirements": self._resource_requirements(),
            "readonlyRootFilesystem": self.readonly_root_filesystem,
            "user": self.user,
            "secrets": [{"name": k, "valueFrom": s.arn} for k, s in (self.secrets or {}).items()],
            "linuxParameters": self.linux_parameters.render_linux_parameters() if self.linux_parameters else None,
            "logConfiguration": self.log_driver_config.render() if self.log_driver_config else None,
            "volumes": [v.render_volume() for v in self._volumes],
            "mountPoints": [v.render_mount_point() for v in self._volumes],
            "enableExecuteCommand": self.enable_execute_command,
            "repositoryCredentials": ({"credentialsParameter": self._credentials.arn}
                                      if self._credentials is not None else None),
        }

    def render_container_properties(self) -> dict[str, Any]:
        from ._json import prune
        return prune(self._render_container())


class EcsEc2ContainerDefinition(EcsContainerDefinitionBase):
    """A container for EC2 compute environments (platform capability ``EC2``).

    :param privileged: default: not emitted (Batch's ``False``).
    :param gpu: whole GPUs (default none; ``0`` means none).
    :param ulimits: ``Ulimit`` list (default none); more with :meth:`add_ulimit`.
    Other keywords: :class:`EcsContainerDefinitionBase`.
    """

    #: AWS CDK's id of this class for property injection (``core.PropertyInjectors``).
    PROPERTY_INJECTION_ID = "aws-cdk-lib.aws-batch.EcsEc2ContainerDefinition"

    platform_capability = "EC2"

    def __init__(self, scope: Any, id: str, *, image: ContainerImage, cpu: float, memory: Size,
                 command: Sequence[str] | None = None, environment: Mapping[str, str] | None = None,
                 execution_role: Any = None, job_role: Any = None,
                 linux_parameters: LinuxParameters | None = None, logging: LogDriver | None = None,
                 readonly_root_filesystem: bool | None = None, secrets: Mapping[str, Secret] | None = None,
                 user: str | None = None, volumes: Sequence[EcsVolume] | None = None,
                 enable_execute_command: bool | None = None,
                 privileged: bool | None = None, gpu: int | None = None,
                 ulimits: Sequence[Ulimit] | None = None) -> None:
        super().__init__(scope, id, image=image, cpu=cpu, memory=memory, command=command, environment=environment,
                         execution_role=execution_role, job_role=job_role, linux_parameters=linux_parameters,
                         logging=logging, readonly_root_filesystem=readonly_root_filesystem, secrets=secrets,
                         user=user, volumes=volumes, enable_execute_command=enable_execute_command)
        self.privileged = check_bool(self, "privileged", privileged)
        self.gpu = check_int(self, "gpu", gpu, minimum=0)
        self._ulimits: list[Ulimit] = check_list(self, "ulimits", ulimits, _check_ulimit,
                                                 expected="a list of Ulimit") or []

    def add_ulimit(self, ulimit: Ulimit | None = None, /, *, hard_limit: int | None = None,
                   name: UlimitName | None = None, soft_limit: int | None = None) -> None:
        """Add a resource limit (rendered at synth): a ``Ulimit``, or its fields as keywords as in
        AWS CDK's Python API (``add_ulimit(name=UlimitName.NOFILE, soft_limit=1024, hard_limit=4096)``)."""
        fields = {"hard_limit": hard_limit, "name": name, "soft_limit": soft_limit}
        if ulimit is None:
            try:
                ulimit = Ulimit(**fields)  # type: ignore[arg-type]
            except ValidationError as error:
                raise ValidationError(self, f"add_ulimit: {error.message}") from None
        elif any(v is not None for v in fields.values()):
            raise ValidationError(self, "add_ulimit takes a Ulimit or its fields as keywords, not both")
        self._ulimits.append(_check_ulimit(self, "ulimit", ulimit))

    @property
    def ulimits(self) -> list[Ulimit]:
        return list(self._ulimits)

    def _validate(self) -> list[str]:
        out = super()._validate()
        names = [u.name.value for u in self._ulimits]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            out.append(f"container '{node_id(self)}' sets ulimit {', '.join(duplicates)} more than once")
        return out

    def _resource_requirements(self) -> list[dict[str, str]]:
        out = super()._resource_requirements()
        if self.gpu:
            out.append({"type": "GPU", "value": token_string(self.gpu)})
        return out

    def _render_container(self) -> dict[str, Any]:
        return {**super()._render_container(), "privileged": self.privileged,
                "ulimits": [u.render() for u in self._ulimits]}



def __getattr__(name: str) -> Any:
    """``EcsFargateContainerDefinition`` lives in ``ecs_fargate_container`` (which builds on this
    module); it stays importable from here without an import cycle."""
    if name == "EcsFargateContainerDefinition":
        from .ecs_fargate_container import EcsFargateContainerDefinition
        return EcsFargateContainerDefinition
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


from ._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
