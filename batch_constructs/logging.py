"""Log drivers of ECS containers (``containerProperties.logConfiguration``), with the names of
``aws_cdk.aws_ecs``: ``LogDrivers.aws_logs(stream_prefix=...)``, ``LogDriver``, ...

A driver is bound to the container that uses it: ``awslogs`` creates a CloudWatch log group
(child ``LogGroup`` of the container) unless one is given, and grants the container's execution
role write access to the group; secret options are granted read to the execution role.
"""
from __future__ import annotations

import enum
from typing import Any, Mapping

from ._check import check_enum, check_instance, check_mapping, check_str
from ._convert import mebibytes_of
from ._errors import ValidationError
from .iam import PolicyStatement

__all__ = ["AwsLogDriver", "AwsLogDriverMode", "GenericLogDriver", "LogDriver", "LogDriverConfig",
           "LogDrivers", "RetentionDays"]

BATCH_LOG_DRIVERS = ("awslogs", "awsfirelens", "fluentd", "gelf", "journald", "json-file", "splunk", "syslog")
LOG_WRITE_ACTIONS = ["logs:CreateLogStream", "logs:PutLogEvents"]


class RetentionDays(int, enum.Enum):
    """CloudWatch Logs retention (days), as ``aws_cdk.aws_logs.RetentionDays``."""

    ONE_DAY = 1
    THREE_DAYS = 3
    FIVE_DAYS = 5
    ONE_WEEK = 7
    TWO_WEEKS = 14
    ONE_MONTH = 30
    TWO_MONTHS = 60
    THREE_MONTHS = 90
    FOUR_MONTHS = 120
    FIVE_MONTHS = 150
    SIX_MONTHS = 180
    ONE_YEAR = 365
    THIRTEEN_MONTHS = 400
    EIGHTEEN_MONTHS = 545
    TWO_YEARS = 731
    THREE_YEARS = 1096
    FIVE_YEARS = 1827
    SIX_YEARS = 2192
    SEVEN_YEARS = 2557
    EIGHT_YEARS = 2922
    NINE_YEARS = 3288
    TEN_YEARS = 3653
    INFINITE = 9999


class AwsLogDriverMode(enum.StrEnum):
    BLOCKING = "blocking"
    NON_BLOCKING = "non-blocking"


class LogDriverConfig:
    """A bound driver: ``log_driver``, ``options``, ``secret_options`` (``{name: Secret}``)."""

    def __init__(self, *, log_driver: str, options: Mapping[str, str] | None = None,
                 secret_options: Mapping[str, Any] | None = None) -> None:
        self.log_driver = log_driver
        self.options = dict(options or {})
        self.secret_options = dict(secret_options or {})

    def render(self) -> dict[str, Any]:
        """The API's ``logConfiguration`` object (camelCase)."""
        return {"logDriver": self.log_driver,
                "options": {k: self.options[k] for k in sorted(self.options)} or None,
                "secretOptions": [{"name": k, "valueFrom": s.arn} for k, s in self.secret_options.items()] or None}


class LogDriver:
    """Base of the log drivers. ``bind(scope, container)`` returns a :class:`LogDriverConfig`."""

    def bind(self, scope: Any, container: Any) -> LogDriverConfig:  # pragma: no cover - abstract
        raise NotImplementedError

    @staticmethod
    def aws_logs(*, stream_prefix: str, log_group: Any = None, retention: Any = None, log_retention: Any = None,
                 datetime_format: str | None = None, multiline_pattern: str | None = None,
                 mode: AwsLogDriverMode | str | None = None, max_buffer_size: Any = None) -> "AwsLogDriver":
        """CloudWatch Logs; see :class:`AwsLogDriver` for the keywords and their defaults."""
        return AwsLogDriver(stream_prefix=stream_prefix, log_group=log_group, retention=retention,
                            log_retention=log_retention, datetime_format=datetime_format,
                            multiline_pattern=multiline_pattern, mode=mode, max_buffer_size=max_buffer_size)


def _grant_secret_options(secret_options: Mapping[str, Any], scope: Any, container: Any) -> dict[str, Any]:
    resolved = {}
    for name, secret in secret_options.items():
        resolved[name] = secret._resolved(scope)
        resolved[name].grant_read(container.execution_role)
    return resolved


def _is_log_group(value: Any) -> bool:
    return getattr(value, "terraform_resource_type", None) == "aws_cloudwatch_log_group" or \
        hasattr(value, "log_group_name")


def _check_secret_options(secret_options: Any) -> dict[str, Any]:
    from .secrets import Secret
    check_instance(None, "secret_options", secret_options, dict, "a dict of option names to Secret")
    for name, secret in (secret_options or {}).items():
        check_str(None, "secret_options key", name, min_length=1)
        check_instance(None, f"secret_options[{name!r}]", secret, Secret,
                       "a Secret (Secret.from_secrets_manager(...) or Secret.from_ssm_parameter(...))", required=True)
    return dict(secret_options or {})


class GenericLogDriver(LogDriver):
    """Any driver Batch supports (``json-file``, ``syslog``, ``journald``, ``gelf``, ``fluentd``,
    ``splunk``, ``awsfirelens``, ``awslogs``) with Docker ``options`` and ``secret_options``
    (``{option name: Secret}``, granted read to the execution role)."""

    def __init__(self, *, log_driver: str, options: Mapping[str, str] | None = None,
                 secret_options: Mapping[str, Any] | None = None) -> None:
        check_str(None, "log_driver", log_driver, required=True)
        if log_driver not in BATCH_LOG_DRIVERS:
            raise ValidationError(None, f"log driver '{log_driver}' is not supported by AWS Batch; use one of "
                                        f"{', '.join(BATCH_LOG_DRIVERS)}")
        self.log_driver = log_driver
        self.options = check_mapping(None, "options", options) or {}
        self.secret_options = _check_secret_options(secret_options)

    def bind(self, scope: Any, container: Any) -> LogDriverConfig:
        return LogDriverConfig(log_driver=self.log_driver, options=self.options,
                               secret_options=_grant_secret_options(self.secret_options, scope, container))


def _retention_days(keyword: str, value: Any, scope: Any = None) -> int | None:
    """A ``RetentionDays`` member, its name, or its number of days (``None`` for never expire).
    Rule: CloudWatch Logs ``PutRetentionPolicy`` accepts only these values."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, (bool, RetentionDays)) and \
            value not in {r.value for r in RetentionDays}:
        raise ValidationError(scope, f"log retention of {value!r} days is not one CloudWatch Logs offers; use "
                                     "RetentionDays")
    days = check_enum(scope, keyword, value, RetentionDays).value
    return None if days == RetentionDays.INFINITE else days


class AwsLogDriver(LogDriver):
    """The ``awslogs`` driver (CloudWatch Logs).

    :param stream_prefix: log stream prefix (required): streams are ``<prefix>/<container>/<task id>``.
    :param log_group: a ``logs.LogGroup`` (or ``LogGroup.from_log_group_name/arn``), the
        provider's ``CloudwatchLogGroup`` L1 or a group name (default: a new group, child
        ``LogGroup`` of the container, name generated by Terraform, kept on destroy like AWS
        CDK's retained group). A ``logs.LogGroup`` grants write itself (``grant_write``).
    :param retention: ``RetentionDays`` (or days) for the created group (default: never expire);
        ``log_retention`` is AWS CDK's name for it.
    :param datetime_format, multiline_pattern: Docker's ``awslogs-datetime-format`` /
        ``awslogs-multiline-pattern`` (default: none).
    :param mode: ``AwsLogDriverMode`` (default: Docker's ``blocking``).
    :param max_buffer_size: ``Size`` of the non-blocking buffer (default: Docker's 1 MiB).
    """

    def __init__(self, *, stream_prefix: str, log_group: Any = None, retention: Any = None,
                 log_retention: Any = None, datetime_format: str | None = None,
                 multiline_pattern: str | None = None, mode: AwsLogDriverMode | str | None = None,
                 max_buffer_size: Any = None) -> None:
        if check_str(None, "stream_prefix", stream_prefix) == "" or stream_prefix is None:
            raise ValidationError(None, "LogDrivers.aws_logs() needs a non-empty 'stream_prefix'")
        check_str(None, "datetime_format", datetime_format)
        check_str(None, "multiline_pattern", multiline_pattern)
        if not _is_log_group(log_group):
            check_str(None, "log_group", log_group, min_length=1, rule="the provider's CloudwatchLogGroup or a "
                      "log group name")
        if retention is not None and log_retention is not None:
            raise ValidationError(None, "LogDrivers.aws_logs() takes 'retention' or 'log_retention', not both")
        keyword = "retention" if retention is not None else "log_retention"
        retention = retention if retention is not None else log_retention
        if log_group is not None and retention is not None:
            raise ValidationError(None, "LogDrivers.aws_logs(): 'retention' applies only to the log group the "
                                        "driver creates; set it on the given log group instead")
        if datetime_format and multiline_pattern:
            raise ValidationError(None, "LogDrivers.aws_logs(): only one of 'datetime_format' and "
                                        "'multiline_pattern' can be set")
        self.stream_prefix = stream_prefix
        self.log_group = log_group
        self.retention_days = _retention_days(keyword, retention)
        self.datetime_format = datetime_format
        self.multiline_pattern = multiline_pattern
        self.mode = check_enum(None, "mode", mode, AwsLogDriverMode)
        self._buffer_mib = mebibytes_of(None, "max_buffer_size", max_buffer_size)
        if max_buffer_size is not None and self.mode is not AwsLogDriverMode.NON_BLOCKING:
            raise ValidationError(None, "LogDrivers.aws_logs(): 'max_buffer_size' needs "
                                        "mode=AwsLogDriverMode.NON_BLOCKING")
        self.max_buffer_size = max_buffer_size
        self.created_log_group: Any = None

    def bind(self, scope: Any, container: Any) -> LogDriverConfig:
        from ._stack_data import account, partition, region
        group = self.log_group
        if group is None:
            extra = {"retention_in_days": self.retention_days} if self.retention_days else {}
            group = container._new_l1("LogGroup", "cloudwatch_log_group", "CloudwatchLogGroup",
                                      skip_destroy=True, taggable=True, **extra)
            self.created_log_group = group
        if isinstance(group, str):
            name = group
            group_arn = f"arn:{partition(scope)}:logs:{region(scope)}:{account(scope)}:log-group:{name}"
        elif getattr(group, "terraform_resource_type", None) == "aws_cloudwatch_log_group" or \
                hasattr(group, "log_group_name"):
            name = getattr(group, "log_group_name", None) or group.name
            group_arn = getattr(group, "log_group_arn", None) or group.arn
        else:
            raise ValidationError(container, "LogDrivers.aws_logs() 'log_group' must be a logs.LogGroup, the "
                                             "provider's CloudwatchLogGroup or a log group name, got "
                                             f"{type(group).__name__}")
        if callable(getattr(group, "grant_write", None)):
            group.grant_write(container.execution_role)  # AWS CDK: logGroup.grantWrite(executionRole)
        else:
            # AWS CDK's logGroupArn ends in ':*' (the group's streams); the provider's arn does not
            group_arn = group_arn if group_arn.endswith(":*") else f"{group_arn}:*"
            container.execution_role.add_to_principal_policy(
                PolicyStatement(actions=list(LOG_WRITE_ACTIONS), resources=[group_arn]))
        options = {"awslogs-group": name, "awslogs-stream-prefix": self.stream_prefix,
                   "awslogs-region": region(scope)}
        if self.datetime_format:
            options["awslogs-datetime-format"] = self.datetime_format
        if self.multiline_pattern:
            options["awslogs-multiline-pattern"] = self.multiline_pattern
        if self.mode is not None:
            options["mode"] = self.mode.value
        if self.max_buffer_size is not None:
            options["max-buffer-size"] = f"{self._buffer_mib}m"
        return LogDriverConfig(log_driver="awslogs", options=options)


class LogDrivers:
    """Factories of the log drivers Batch supports."""

    @staticmethod
    def aws_logs(*, stream_prefix: str, log_group: Any = None, retention: Any = None, log_retention: Any = None,
                 datetime_format: str | None = None, multiline_pattern: str | None = None,
                 mode: AwsLogDriverMode | str | None = None, max_buffer_size: Any = None) -> AwsLogDriver:
        """CloudWatch Logs; see :class:`AwsLogDriver` for the keywords and their defaults."""
        return AwsLogDriver(stream_prefix=stream_prefix, log_group=log_group, retention=retention,
                            log_retention=log_retention, datetime_format=datetime_format,
                            multiline_pattern=multiline_pattern, mode=mode, max_buffer_size=max_buffer_size)

    @staticmethod
    def json_file(*, options: Mapping[str, str] | None = None) -> GenericLogDriver:
        return GenericLogDriver(log_driver="json-file", options=options)

    @staticmethod
    def syslog(*, options: Mapping[str, str] | None = None) -> GenericLogDriver:
        return GenericLogDriver(log_driver="syslog", options=options)

    @staticmethod
    def journald(*, options: Mapping[str, str] | None = None) -> GenericLogDriver:
        return GenericLogDriver(log_driver="journald", options=options)

    @staticmethod
    def gelf(*, address: str, options: Mapping[str, str] | None = None) -> GenericLogDriver:
        check_str(None, "address", address, min_length=1, required=True)
        check_mapping(None, "options", options)
        return GenericLogDriver(log_driver="gelf", options={"gelf-address": address, **(options or {})})

    @staticmethod
    def fluentd(*, address: str | None = None, options: Mapping[str, str] | None = None) -> GenericLogDriver:
        extra = {"fluentd-address": address} if check_str(None, "address", address) else {}
        check_mapping(None, "options", options)
        return GenericLogDriver(log_driver="fluentd", options={**extra, **(options or {})})

    @staticmethod
    def splunk(*, url: str, secret_token: Any = None, options: Mapping[str, str] | None = None) -> GenericLogDriver:
        """Splunk; ``secret_token`` is a :class:`~batch_constructs.secrets.Secret` (read granted
        to the execution role)."""
        check_str(None, "url", url, min_length=1, required=True)
        check_mapping(None, "options", options)
        return GenericLogDriver(log_driver="splunk", options={"splunk-url": url, **(options or {})},
                                secret_options={"splunk-token": secret_token} if secret_token else None)

    @staticmethod
    def generic(*, log_driver: str, options: Mapping[str, str] | None = None,
                secret_options: Mapping[str, Any] | None = None) -> GenericLogDriver:
        return GenericLogDriver(log_driver=log_driver, options=options, secret_options=secret_options)


from ._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
