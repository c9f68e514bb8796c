"""``Secret``: Secrets Manager secrets and SSM parameters exposed to a container as environment
variables. Only ARNs reach the job definition, never values; the container's execution role is
granted read access: by the secret's own ``grant_read`` for ``secretsmanager.Secret`` and
``ssm.StringParameter`` (and their imports), as AWS CDK does, else on the ARN."""
from __future__ import annotations

from typing import Any

from ._check import check_choice, check_instance, check_str
from ._errors import ValidationError
from ._tokens import is_unresolved
from .iam import PolicyStatement

__all__ = ["Secret", "SecretVersionInfo"]

SECRETS_MANAGER_READ = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
SSM_READ = ["ssm:DescribeParameters", "ssm:GetParameters", "ssm:GetParameter", "ssm:GetParameterHistory"]


class SecretVersionInfo:
    """``version_id`` or ``version_stage`` of a Secrets Manager secret (default: current)."""

    def __init__(self, *, version_id: str | None = None, version_stage: str | None = None) -> None:
        self.version_id = check_str(None, "version_id", version_id, min_length=1)
        self.version_stage = check_str(None, "version_stage", version_stage, min_length=1)


def _secret_arn(secret: Any) -> str:
    """ARN of the provider's ``SecretsmanagerSecret`` L1, of anything with ``secret_arn``, or an ARN."""
    if isinstance(secret, str) and (secret.startswith("arn:") or is_unresolved(secret)):
        return secret
    arn = getattr(secret, "secret_arn", None)
    if isinstance(arn, str):
        return arn
    if getattr(secret, "terraform_resource_type", None) in ("aws_secretsmanager_secret",
                                                             "data.aws_secretsmanager_secret"):
        return secret.arn
    if getattr(secret, "terraform_data_source_type", None) == "aws_secretsmanager_secret":
        return secret.arn
    raise ValidationError(None, "Secret.from_secrets_manager() needs a Secrets Manager secret (the provider's "
                                "SecretsmanagerSecret, an object with 'secret_arn', or the secret's ARN), got "
                                f"{type(secret).__name__}")


class Secret:
    """A secret given to a container: ``Secret.from_secrets_manager(secret, field=None)``,
    ``Secret.from_secrets_manager_version(secret, version_info, field=None)`` or
    ``Secret.from_ssm_parameter(parameter)``.

    ``arn`` is what the job definition's ``valueFrom`` holds; ``has_field`` tells whether a
    JSON field of the secret is selected.
    """

    def __init__(self, *, arn: str | None, actions: list[str], resource_arn: str | None,
                 has_field: bool = False, parameter_name: str | None = None, source: Any = None) -> None:
        self._arn = arn
        self._actions = actions
        self._resource_arn = resource_arn
        self.has_field = has_field
        self._parameter_name = parameter_name
        # the secret or parameter itself when it grants read on its own (AWS CDK: secret.grantRead)
        self._source = source if callable(getattr(source, "grant_read", None)) else None

    @classmethod
    def from_secrets_manager(cls, secret: Any, field: str | None = None) -> "Secret":
        """The whole secret, or one JSON ``field`` of it (``<arn>:<field>::``)."""
        check_str(None, "field", field)
        arn = _secret_arn(secret)
        return cls(arn=f"{arn}:{field}::" if field else arn, actions=SECRETS_MANAGER_READ, resource_arn=arn,
                   has_field=bool(field), source=secret)

    @classmethod
    def from_secrets_manager_version(cls, secret: Any, version_info: SecretVersionInfo | None = None,
                                     field: str | None = None, **kwargs: Any) -> "Secret":
        """A version of the secret: ``<arn>:<field>:<version_stage>:<version_id>``."""
        check_str(None, "field", field)
        for key in kwargs:
            check_choice(None, "keyword", key, ("version_id", "version_stage"))
        info = check_instance(None, "version_info", version_info, SecretVersionInfo,
                              "a SecretVersionInfo (SecretVersionInfo(version_stage=...))") or SecretVersionInfo(**kwargs)
        arn = _secret_arn(secret)
        value = f"{arn}:{field or ''}:{info.version_stage or ''}:{info.version_id or ''}"
        return cls(arn=value, actions=SECRETS_MANAGER_READ, resource_arn=arn, has_field=bool(field), source=secret)

    @classmethod
    def from_ssm_parameter(cls, parameter: Any) -> "Secret":
        """An SSM parameter: an ``ssm.StringParameter`` (or import), the provider's
        ``SsmParameter`` L1 (or data source), anything with ``parameter_arn``, the parameter's
        ARN, or its name (the ARN is then built from the stack's partition, region and account)."""
        arn = getattr(parameter, "parameter_arn", None)
        if isinstance(arn, str):
            return cls(arn=arn, actions=SSM_READ, resource_arn=arn, source=parameter)
        kind = getattr(parameter, "terraform_resource_type", None) or \
            getattr(parameter, "terraform_data_source_type", None)
        if kind == "aws_ssm_parameter":
            return cls(arn=parameter.arn, actions=SSM_READ, resource_arn=parameter.arn)
        if isinstance(parameter, str) and parameter:
            if parameter.startswith("arn:"):
                return cls(arn=parameter, actions=SSM_READ, resource_arn=parameter)
            return cls(arn=None, actions=SSM_READ, resource_arn=None, parameter_name=parameter)
        raise ValidationError(None, "Secret.from_ssm_parameter() needs an SSM parameter (the provider's "
                                    "SsmParameter, an object with 'parameter_arn', its ARN or its name), got "
                                    f"{type(parameter).__name__}")

    def _resolved(self, scope: Any) -> "Secret":
        """This secret with its ARN known in ``scope``'s stack (a parameter given by name gets
        its ARN from the stack's partition, region and account). ``self`` is not changed, so one
        ``Secret`` can serve several stacks."""
        if self._arn is not None or self._parameter_name is None:
            return self
        from ._stack_data import account, partition, region
        name = self._parameter_name.lstrip("/")
        arn = f"arn:{partition(scope)}:ssm:{region(scope)}:{account(scope)}:parameter/{name}"
        return Secret(arn=arn, actions=self._actions, resource_arn=arn, has_field=self.has_field, source=self._source)

    @property
    def arn(self) -> str:
        if self._arn is None:
            raise ValidationError(None, f"Secret for SSM parameter '{self._parameter_name}' has no ARN until it "
                                        "is used by a container")
        return self._arn

    def grant_read(self, grantee: Any) -> None:
        """Allow ``grantee`` (a role, user or group) to read this secret."""
        if self._source is not None:
            self._source.grant_read(grantee)
            return
        if self._resource_arn is None:
            raise ValidationError(None, "bind the secret to a container before granting read on it")
        grantee.add_to_principal_policy(PolicyStatement(actions=list(self._actions),
                                                        resources=[self._resource_arn]))

    def __repr__(self) -> str:
        return f"Secret({self._arn or self._parameter_name!r})"


from ._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
