"""``aws_cdk.aws_ssm`` for Batch apps: ``StringParameter`` (``aws_ssm_parameter`` of type
``String``), its imports and ``value_for_string_parameter``.

An imported parameter's ``string_value`` reads the parameter with a ``data "aws_ssm_parameter"``
at plan time (created on first use of ``string_value``; AWS CDK resolves it at deploy time);
its ARN needs no look-up, so ``grant_read`` and ``batch.Secret.from_ssm_parameter`` never read
the parameter.
"""
from __future__ import annotations

import enum
import re
from typing import Any

from ._base import BatchConstruct
from ._check import check_bool, check_enum, check_instance, check_int, check_str
from ._errors import ValidationError
from ._naming import generated_name, path_hash
from ._tokens import escape_template, is_unresolved
from .iam import PolicyStatement, as_principal

__all__ = ["IParameter", "IStringParameter", "ParameterDataType", "ParameterTier", "StringParameter"]

#: AWS CDK's ``ParameterBase.grantRead`` / ``grantWrite`` actions.
SSM_READ_ACTIONS = ["ssm:DescribeParameters", "ssm:GetParameters", "ssm:GetParameter", "ssm:GetParameterHistory"]
SSM_WRITE_ACTIONS = ["ssm:PutParameter"]
#: AWS CDK ``validateParameterName`` (``PutParameter``): at most 2048 of letters, digits, ``.-_/``.
PARAMETER_NAME = re.compile(r"[/\w.-]+", re.ASCII)
PARAMETER_NAME_RULE = "a parameter name: letters, digits and . - _ / (a name with '/' starts with '/')"
PARAMETER_ARN = re.compile(r"arn:[a-z-]+:ssm:[a-z0-9-]+:[0-9]{12}:parameter/[/\w.-]+", re.ASCII)
#: ``PutParameter``: a description is at most 1024 characters (AWS CDK's message).
MAX_DESCRIPTION = 1024
#: ``PutParameter``: standard parameters hold 4 KB, advanced ones 8 KB.
MAX_STANDARD_VALUE, MAX_ADVANCED_VALUE = 4096, 8192


class ParameterTier(enum.StrEnum):
    ADVANCED = "Advanced"
    INTELLIGENT_TIERING = "Intelligent-Tiering"
    STANDARD = "Standard"


class ParameterDataType(enum.StrEnum):
    TEXT = "text"
    AWS_EC2_IMAGE = "aws:ec2:image"


def check_parameter_name(scope: Any, keyword: str, name: Any, *, required: bool = False) -> str | None:
    """AWS CDK ``validateParameterName`` and ``arnForParameterName``: at most 2048 of letters,
    digits and ``.-_/``; a name holding ``/`` must start with ``/`` (fully qualified)."""
    name = check_str(scope, keyword, name, pattern=PARAMETER_NAME, min_length=1, max_length=2048,
                     rule=PARAMETER_NAME_RULE, required=required)
    if name is not None and not is_unresolved(name) and "/" in name and not name.startswith("/"):
        raise ValidationError(scope, f"Parameter names must be fully qualified (if they include \"/\" they must also "
                                     f"begin with a \"/\"): {name}")
    return name


def check_not_reserved(scope: Any, keyword: str, name: str) -> None:
    """``PutParameter``: a new parameter's name can't begin with ``aws`` or ``ssm`` (any case,
    with or without a leading ``/``); those names belong to AWS (public parameters may be read)."""
    if name.lstrip("/").lower().startswith(("aws", "ssm")):
        raise ValidationError(scope, f"'{keyword}' {name!r} begins with 'aws' or 'ssm', which Parameter Store "
                                     "reserves; choose another name")


def _is_simple(scope: Any, name: str, simple_name: bool | None) -> bool:
    """AWS CDK ``arnForParameterName``'s separator rule: a name without a leading ``/`` is
    simple; a token name needs ``simple_name``; an explicit ``simple_name`` must agree."""
    if is_unresolved(name):
        if simple_name is None:
            raise ValidationError(scope, "Unable to determine ARN separator for SSM parameter since the parameter "
                                         "name is an unresolved token. Use \"from_string_parameter_attributes\" "
                                         "and specify \"simple_name\" explicitly")
        return simple_name
    simple = not name.startswith("/")
    if simple_name is not None and simple_name != simple:
        kind = "a simple name" if simple else "not a simple name"
        raise ValidationError(scope, f"Parameter name \"{name}\" is {kind}, but \"simple_name\" was explicitly set "
                                     f"to {simple_name}. Either omit it or set it to {simple}")
    return simple


def parameter_arn(scope: Any, name: str, simple_name: bool | None = None) -> str:
    """``arn:<partition>:ssm:<region>:<account>:parameter/<name>`` (AWS CDK's
    ``arnForParameterName``): a simple name gets a ``/``, a path-like one is appended as is."""
    from ._stack_data import account, partition, region
    simple = _is_simple(scope, name, simple_name)
    base = f"arn:{partition(scope)}:ssm:{region(scope)}:{account(scope)}:parameter"
    return f"{base}/{name}" if simple else f"{base}{name}"


class IParameter:
    """``parameter_name``, ``parameter_arn``, ``parameter_type`` and the grants."""

    parameter_name: str
    parameter_arn: str
    parameter_type: str

    def grant_read(self, grantee: Any) -> None:
        """AWS CDK's ``grantRead``: ``ssm:DescribeParameters``, ``GetParameters``,
        ``GetParameter`` and ``GetParameterHistory`` on this parameter."""
        as_principal(grantee, scope=self).add_to_principal_policy(
            PolicyStatement(actions=list(SSM_READ_ACTIONS), resources=[self.parameter_arn]))

    def grant_write(self, grantee: Any) -> None:
        """AWS CDK's ``grantWrite``: ``ssm:PutParameter`` on this parameter."""
        as_principal(grantee, scope=self).add_to_principal_policy(
            PolicyStatement(actions=list(SSM_WRITE_ACTIONS), resources=[self.parameter_arn]))


class IStringParameter(IParameter):
    string_value: str


class StringParameter(BatchConstruct, IStringParameter):
    """An SSM parameter of type ``String`` (``aws_ssm_parameter``).

    :param string_value: the value (required); at most 4096 characters (8192 with
        ``tier=ParameterTier.ADVANCED``); must match ``allowed_pattern`` when given.
    :param parameter_name: default: ``<construct path>-<hash>`` (Terraform needs a name; AWS
        CDK lets CloudFormation generate one).
    :param description: default: none; at most 1024 characters.
    :param tier: ``ParameterTier`` (default: the account's default tier, Standard).
    :param allowed_pattern: a regular expression the value must match (default: none).
    :param data_type: ``ParameterDataType`` (default: ``text``).
    :param simple_name: whether the name has no ``/`` (default: detected from the name;
        needed only for a token name).
    """

    def __init__(self, scope: Any, id: str, *, string_value: str, parameter_name: str | None = None,
                 description: str | None = None, tier: ParameterTier | None = None,
                 allowed_pattern: str | None = None, data_type: ParameterDataType | None = None,
                 simple_name: bool | None = None) -> None:
        super().__init__(scope, id)
        check_str(self, "string_value", string_value, min_length=1, required=True)
        check_parameter_name(self, "parameter_name", parameter_name)
        check_str(self, "description", description, max_length=MAX_DESCRIPTION)
        self.tier = check_enum(self, "tier", tier, ParameterTier)
        self.data_type = check_enum(self, "data_type", data_type, ParameterDataType)
        check_str(self, "allowed_pattern", allowed_pattern, max_length=1024)
        check_bool(self, "simple_name", simple_name)
        _check_value(self, string_value, allowed_pattern, self.tier)
        if parameter_name is None and simple_name is False:
            raise ValidationError(self, "If \"parameter_name\" is not explicitly defined, \"simple_name\" must be "
                                        "\"true\" or undefined since auto-generated parameter names always have "
                                        "simple names")
        if parameter_name is not None and not is_unresolved(parameter_name):
            _is_simple(self, parameter_name, simple_name)
            check_not_reserved(self, "parameter_name", parameter_name)
        optional = {"description": description, "tier": self.tier and self.tier.value,
                    "allowed_pattern": allowed_pattern, "data_type": self.data_type and self.data_type.value}
        # a String parameter's value is not secret (AWS CDK shows it in the template): insecure_value
        self.resource = self._new_l1("Resource", "ssm_parameter", "SsmParameter",
                                     name=parameter_name if parameter_name is not None else generated_name(self),
                                     type="String", insecure_value=escape_template(string_value), taggable=True,
                                     **{k: escape_template(v) for k, v in optional.items() if v is not None})
        self.parameter_name = self.resource.name
        self.parameter_arn = self.resource.arn
        self.parameter_type = self.resource.type
        self.string_value = self.resource.insecure_value

    # -- imports -----------------------------------------------------------------------------
    @classmethod
    def from_string_parameter_name(cls, scope: Any, id: str, string_parameter_name: str) -> "ImportedStringParameter":
        """An existing ``String`` parameter by name."""
        return ImportedStringParameter(scope, id, parameter_name=string_parameter_name)

    @classmethod
    def from_string_parameter_arn(cls, scope: Any, id: str, string_parameter_arn: str) -> "ImportedStringParameter":
        """An existing ``String`` parameter by ARN (AWS CDK: not a token)."""
        if is_unresolved(string_parameter_arn):
            raise ValidationError(scope, "stringParameterArn cannot be an unresolved token")
        return ImportedStringParameter(scope, id, parameter_arn=string_parameter_arn)

    @classmethod
    def from_string_parameter_attributes(cls, scope: Any, id: str, *, parameter_name: str,
                                         simple_name: bool | None = None,
                                         version: int | None = None) -> "ImportedStringParameter":
        """An existing ``String`` parameter: ``parameter_name`` (required), ``simple_name``
        (default: detected from the name), ``version`` (default: the latest; ``string_value``
        then reads that version)."""
        return ImportedStringParameter(scope, id, parameter_name=parameter_name, simple_name=simple_name,
                                       version=version)

    @staticmethod
    def value_for_string_parameter(scope: Any, parameter_name: str, version: int | None = None) -> str:
        """The value of parameter ``parameter_name``, read at plan time by one shared
        ``data "aws_ssm_parameter"`` per stack and name (AWS CDK: resolved at deploy time)."""
        from ._core import cdk
        TerraformStack = cdk(scope).TerraformStack
        from constructs import Construct

        check_instance(None, "scope", scope, Construct, "a construct (the stack or a construct in it)", required=True)
        if not any(isinstance(s, TerraformStack) for s in scope.node.scopes):
            raise ValidationError(scope, "value_for_string_parameter() needs a scope inside a TerraformStack")
        check_parameter_name(scope, "parameter_name", parameter_name, required=True)
        check_int(scope, "version", version, minimum=1)
        stack = TerraformStack.of(scope)
        id = f"SsmParameterValue{path_hash(parameter_name, str(version or ''))}"
        existing = stack.node.try_find_child(id)
        if existing is None:
            existing = ImportedStringParameter(stack, id, parameter_name=parameter_name, version=version)
        return existing.string_value


def _check_value(scope: Any, value: str, allowed_pattern: str | None, tier: ParameterTier | None) -> None:
    """AWS CDK ``_assertValidValue`` (the value matches ``allowed_pattern``) and
    ``PutParameter``'s size limit of the tier."""
    if is_unresolved(value):
        return
    advanced = tier is ParameterTier.ADVANCED
    limit = MAX_ADVANCED_VALUE if advanced else MAX_STANDARD_VALUE
    if len(value.encode()) > limit:
        raise ValidationError(scope, f"'string_value' has {len(value.encode())} bytes; an SSM parameter of the "
                                     f"{'advanced' if advanced else 'standard'} tier holds at most {limit}"
                                     + ("" if advanced else " (tier=ParameterTier.ADVANCED holds 8192)"))
    if allowed_pattern is None or is_unresolved(allowed_pattern):
        return
    try:
        matched = re.search(allowed_pattern, value)
    except re.error as error:
        raise ValidationError(scope, f"'allowed_pattern' is not a valid regular expression: {error}") from None
    if not matched:
        raise ValidationError(scope, f"The supplied value ({value}) does not match the specified allowedPattern "
                                     f"({allowed_pattern})")


class ImportedStringParameter(BatchConstruct, IStringParameter):
    """A ``String`` parameter that exists outside this stack. Its ARN is built from the stack's
    partition, region and account; ``string_value`` creates ``data "aws_ssm_parameter"``
    (child ``Resource``) on first use."""

    parameter_type = "String"

    def __init__(self, scope: Any, id: str, *, parameter_name: str | None = None, parameter_arn: str | None = None,
                 simple_name: bool | None = None, version: int | None = None) -> None:
        super().__init__(scope, id)
        check_bool(self, "simple_name", simple_name)
        self.version = check_int(self, "version", version, minimum=1)
        if parameter_arn is not None:
            self._arn: str | None = check_str(self, "string_parameter_arn", parameter_arn, pattern=PARAMETER_ARN,
                                              required=True, rule="an SSM parameter ARN "
                                              "(arn:<partition>:ssm:<region>:<account>:parameter/<name>)")
            tail = parameter_arn.split(":parameter", 1)[1]
            self._name = tail if tail.count("/") > 1 else tail.lstrip("/")
            self._lookup = parameter_arn
        else:
            self._name = check_parameter_name(self, "parameter_name", parameter_name, required=True)  # type: ignore
            self._arn = None
            self._lookup = self._name
        self._simple_name = simple_name
        if self._arn is None and not is_unresolved(self._name):
            _is_simple(self, self._name, simple_name)
        self._data: Any = None

    @property
    def parameter_name(self) -> str:  # type: ignore[override]
        return self._name

    @property
    def parameter_arn(self) -> str:  # type: ignore[override]
        if self._arn is None:
            self._arn = parameter_arn(self, self._name, self._simple_name)
        return self._arn

    @property
    def string_value(self) -> str:  # type: ignore[override]
        if self._data is None:
            name = f"{self._lookup}:{self.version}" if self.version is not None else self._lookup
            self._data = self._new_l1("Resource", "data_aws_ssm_parameter", "DataAwsSsmParameter", name=name)
            self._value = self._data.insecure_value
        return self._value


from ._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
