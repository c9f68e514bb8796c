"""``aws_cdk.aws_secretsmanager`` for Batch apps: ``Secret`` (``aws_secretsmanager_secret`` and
its value, ``aws_secretsmanager_secret_version``), its imports and ``grant_read``.

The value of a new secret is, as in AWS CDK, a generated password unless
``secret_string_value`` is given. Terraform generates it with
``data "aws_secretsmanager_random_password"`` (Secrets Manager's ``GetRandomPassword``) and
stores it once: the version ignores later changes of ``secret_string``, so every plan after the
first is quiet. Like every value Terraform manages, it is kept in the Terraform state.

Pass a secret to a job with ``batch.Secret.from_secrets_manager(secret, field=None)``: the
container's execution role then gets this module's ``grant_read``.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Sequence

from ._base import BatchConstruct
from ._check import check_bool, check_int, check_str, check_str_list, value_object
from ._errors import ValidationError
from ._tokens import escape_template, is_unresolved
from .core import RemovalPolicy, removal_policy_attributes
from .iam import PolicyStatement, as_principal
from .logs import encryption_key_arn

__all__ = ["ISecret", "Secret", "SecretStringGenerator", "SecretValue"]

#: AWS CDK's ``grantRead`` / ``grantWrite`` actions.
SECRET_READ_ACTIONS = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
SECRET_WRITE_ACTIONS = ["secretsmanager:PutSecretValue", "secretsmanager:UpdateSecret",
                        "secretsmanager:UpdateSecretVersionStage"]
#: ``CreateSecret``: a name is 1-512 ASCII letters, digits and ``/_+=.@-``; a description at most 2048.
SECRET_NAME = re.compile(r"[A-Za-z0-9/_+=.@-]{1,512}")
SECRET_NAME_RULE = "a secret name: 1-512 letters, digits and / _ + = . @ -"
MAX_DESCRIPTION = 2048
SECRET_ARN = re.compile(r"arn:[a-z-]+:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]{1,512}")
SECRET_ARN_RULE = "a secret ARN (arn:<partition>:secretsmanager:<region>:<account>:secret:<name>)"
#: AWS CDK ``arnIsComplete``: a complete ARN ends in ``-`` and Secrets Manager's 6 characters.
_COMPLETE = re.compile(r".*-[a-z0-9]{6}", re.IGNORECASE)
#: ``GetRandomPassword``: ``PasswordLength`` 1-4096, ``ExcludeCharacters`` at most 4096.
MAX_PASSWORD_LENGTH = 4096


class SecretValue:
    """The ``aws_cdk.SecretValue`` forms a new secret's value takes:
    ``SecretValue.unsafe_plain_text("...")`` (the text is in the configuration and the state)
    and ``SecretValue.resource_attribute(token)`` (an attribute of another resource)."""

    def __init__(self, value: str) -> None:
        self._value = check_str(None, "SecretValue value", value, required=True)

    @classmethod
    def unsafe_plain_text(cls, secret: str) -> "SecretValue":
        return cls(secret)

    @classmethod
    def resource_attribute(cls, value: str) -> "SecretValue":
        if not is_unresolved(check_str(None, "SecretValue.resource_attribute() value", value, required=True)):
            raise ValidationError(None, "SecretValue.resource_attribute() needs a resource attribute (a token); use "
                                        "SecretValue.unsafe_plain_text() for a literal")
        return cls(value)

    def unsafe_unwrap(self) -> str:
        return self._value  # type: ignore[return-value]

    def __repr__(self) -> str:
        return "SecretValue(<hidden>)"


@dataclass
class SecretStringGenerator:
    """How to generate a new secret's value (``GetRandomPassword``); AWS CDK's defaults: 32
    characters of every type except space, at least one of each included type.

    ``secret_string_template`` (a JSON object) and ``generate_string_key`` go together: the
    value is the template with the password under that key.
    """

    exclude_characters: str | None = None
    exclude_lowercase: bool | None = None
    exclude_numbers: bool | None = None
    exclude_punctuation: bool | None = None
    exclude_uppercase: bool | None = None
    generate_string_key: str | None = None
    include_space: bool | None = None
    password_length: int | None = None
    require_each_included_type: bool | None = None
    secret_string_template: str | None = None

    def __post_init__(self) -> None:
        for name, value in self._checked(None, "", **self.__dict__).items():
            setattr(self, name, value)

    @staticmethod
    def _checked(scope: Any, prefix: str, **fields: Any) -> dict[str, Any]:
        out = dict(fields)
        for flag in ("exclude_lowercase", "exclude_numbers", "exclude_punctuation", "exclude_uppercase",
                     "include_space", "require_each_included_type"):
            check_bool(scope, prefix + flag, fields[flag])
        check_str(scope, prefix + "exclude_characters", fields["exclude_characters"], max_length=MAX_PASSWORD_LENGTH)
        out["password_length"] = check_int(scope, prefix + "password_length", fields["password_length"], minimum=1,
                                           maximum=MAX_PASSWORD_LENGTH)
        template, key = fields["secret_string_template"], fields["generate_string_key"]
        check_str(scope, prefix + "generate_string_key", key, min_length=1)
        check_str(scope, prefix + "secret_string_template", template)
        if (template is None) != (key is None):  # AWS CDK's message
            raise ValidationError(scope, "`secretStringTemplate` and `generateStringKey` must be specified together.")
        if template is not None:
            if is_unresolved(template) or is_unresolved(key):
                raise ValidationError(scope, f"'{prefix}secret_string_template' and 'generate_string_key' must be "
                                             "known at synth (not tokens): the template is merged in Terraform")
            try:  # GetRandomPassword / CreateSecret: "a properly structured JSON string"
                parsed = json.loads(template)
            except ValueError as error:
                raise ValidationError(scope, f"'{prefix}secret_string_template' must be a JSON object, got "
                                             f"{template!r} ({error})") from None
            if not isinstance(parsed, dict):
                raise ValidationError(scope, f"'{prefix}secret_string_template' must be a JSON object, got "
                                             f"{template!r}")
        if all(fields[f] for f in ("exclude_lowercase", "exclude_numbers", "exclude_punctuation",
                                   "exclude_uppercase")) and not fields["include_space"]:
            # GetRandomPassword: at least one character type must remain
            raise ValidationError(scope, "SecretStringGenerator excludes every character type; keep at least one")
        return out


class ISecret:
    """``secret_arn``, ``secret_name``, ``secret_full_arn`` (``None`` when only a partial ARN is
    known), ``encryption_key`` and the grants."""

    secret_arn: str
    secret_name: str
    encryption_key: Any = None
    _kms_key_arn: str | None = None

    @property
    def secret_full_arn(self) -> str | None:
        return self.secret_arn

    @property
    def _arn_for_policies(self) -> str:
        """AWS CDK: the full ARN, or a partial ARN followed by ``-??????`` (the suffix)."""
        full = self.secret_full_arn
        return full if full is not None else f"{self.secret_arn}-??????"

    def grant_read(self, grantee: Any, version_stages: Sequence[str] | None = None) -> None:
        """AWS CDK's ``grantRead``: ``secretsmanager:GetSecretValue`` and ``DescribeSecret`` on
        this secret (only for ``version_stages`` when given: a ``ForAnyValue:StringEquals``
        condition on ``secretsmanager:VersionStage``), and ``kms:Decrypt`` through Secrets
        Manager on its ``encryption_key``."""
        stages = check_str_list(self, "version_stages", version_stages, min_items=1)
        conditions = {"ForAnyValue:StringEquals": {"secretsmanager:VersionStage": stages}} if stages else None
        principal = as_principal(grantee, scope=self)
        principal.add_to_principal_policy(_statement(SECRET_READ_ACTIONS, self._arn_for_policies, conditions))
        self._grant_key(principal, "kms:Decrypt")

    def grant_write(self, grantee: Any) -> None:
        """AWS CDK's ``grantWrite``: put and update the value (and ``kms:Encrypt`` and
        ``kms:ReEncrypt*``/``kms:GenerateDataKey*`` through Secrets Manager on the key)."""
        principal = as_principal(grantee, scope=self)
        principal.add_to_principal_policy(_statement(SECRET_WRITE_ACTIONS, self._arn_for_policies))
        self._grant_key(principal, "kms:Encrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*")

    def _grant_key(self, principal: Any, *actions: str) -> None:
        if self._kms_key_arn is None:
            return
        from ._stack_data import region
        # AWS CDK: encryptionKey.grantDecrypt(new ViaServicePrincipal('secretsmanager.<region>.amazonaws.com'))
        principal.add_to_principal_policy(_statement(list(actions), self._kms_key_arn, {
            "StringEquals": {"kms:ViaService": f"secretsmanager.{region(self)}.amazonaws.com"}}))


def _statement(actions: Sequence[str], resource: str, conditions: dict[str, Any] | None = None) -> Any:
    """An Allow statement of ``actions`` on ``resource`` (under ``conditions``, default none)."""
    return PolicyStatement(actions=list(actions), resources=[resource], conditions=conditions)


def check_secret_name(scope: Any, keyword: str, name: Any, *, required: bool = False) -> str | None:
    """``CreateSecret``'s name rule (tokens pass)."""
    return check_str(scope, keyword, name, pattern=SECRET_NAME, rule=SECRET_NAME_RULE, required=required)


def _hcl_string(text: str) -> str:
    """``text`` as a quoted HCL string inside a ``${...}`` expression (JSON escapes, then
    ``${``/``%{`` escaped: a quoted string there is a template too)."""
    return escape_template(json.dumps(text, ensure_ascii=False))


class Secret(BatchConstruct, ISecret):
    """A Secrets Manager secret (``aws_secretsmanager_secret``) and its value
    (``aws_secretsmanager_secret_version``).

    :param secret_name: default: a unique name generated by Terraform.
    :param description: default: none; at most 2048 characters.
    :param generate_secret_string: a ``SecretStringGenerator`` (or a dict of its fields)
        (default, when ``secret_string_value`` is not given either: a generated 32-character
        password, AWS CDK's default).
    :param secret_string_value: the value, a ``SecretValue`` or a string (default: generated);
        it is in the Terraform configuration and state.
    :param removal_policy: ``RemovalPolicy`` (default ``DESTROY``, AWS CDK's default for secrets:
        Secrets Manager deletes the secret after its 30-day recovery window); ``RETAIN`` sets
        ``lifecycle { prevent_destroy = true }`` (no Terraform plan may delete it);
        ``SNAPSHOT`` is refused.
    :param encryption_key: a KMS key (``key_arn``) or key ARN (default: the account's
        ``aws/secretsmanager`` key); ``grant_read`` also grants ``kms:Decrypt`` on it.
    """

    def __init__(self, scope: Any, id: str, *, secret_name: str | None = None, description: str | None = None,
                 generate_secret_string: SecretStringGenerator | None = None,
                 secret_string_value: SecretValue | str | None = None,
                 removal_policy: RemovalPolicy | None = None, encryption_key: Any = None) -> None:
        super().__init__(scope, id)
        check_secret_name(self, "secret_name", secret_name)
        check_str(self, "description", description, max_length=MAX_DESCRIPTION)
        generator = value_object(self, "generate_secret_string", generate_secret_string, SecretStringGenerator,
                                 "a SecretStringGenerator") if generate_secret_string is not None else None
        value = _secret_string(self, secret_string_value)
        if generator is not None and value is not None:  # AWS CDK's message
            raise ValidationError(self, "Cannot specify more than one of `generateSecretString`, `secretStringValue`, "
                                        "`secretObjectValue`, and `secretStringBeta1`.")
        self._removal = self._checked_removal("removal_policy", removal_policy)
        self.encryption_key = encryption_key
        self._kms_key_arn = encryption_key_arn(self, "encryption_key", encryption_key)
        optional = {"name": secret_name, "description": description and escape_template(description),
                    "kms_key_id": self._kms_key_arn}
        self.resource = self._new_l1("Resource", "secretsmanager_secret", "SecretsmanagerSecret",
                                     render=lambda: dict(self._removal), taggable=True,
                                     **{k: v for k, v in optional.items() if v is not None})
        self.secret_arn = self.resource.arn
        self.secret_name = self.resource.name
        #: the ``data "aws_secretsmanager_random_password"`` of a generated value (else ``None``)
        self.password: Any = None
        if value is not None:
            self.version = self._new_l1("Version", "secretsmanager_secret_version", "SecretsmanagerSecretVersion",
                                        secret_id=self.resource.id, secret_string=value)
        else:
            self.version = self._generated_version(generator or SecretStringGenerator())
        #: AWS CDK's ``excludeCharacters``: the characters the generated value leaves out
        self.exclude_characters = generator.exclude_characters if generator else None

    def _generated_version(self, generator: SecretStringGenerator) -> Any:
        options = {"password_length": generator.password_length, "exclude_characters": generator.exclude_characters,
                   "exclude_lowercase": generator.exclude_lowercase, "exclude_numbers": generator.exclude_numbers,
                   "exclude_punctuation": generator.exclude_punctuation,
                   "exclude_uppercase": generator.exclude_uppercase, "include_space": generator.include_space,
                   "require_each_included_type": generator.require_each_included_type}
        if options["exclude_characters"] is not None:
            options["exclude_characters"] = escape_template(options["exclude_characters"])
        self.password = self._new_l1("GeneratedPassword", "data_aws_secretsmanager_random_password",
                                     "DataAwsSecretsmanagerRandomPassword",
                                     **{k: v for k, v in options.items() if v is not None})
        # the data source reads a new password at every plan: keep the first one
        return self._new_l1("Version", "secretsmanager_secret_version", "SecretsmanagerSecretVersion",
                            secret_id=self.resource.id, secret_string=self.password.random_password,
                            lifecycle={"ignore_changes": ["secret_string"]},
                            render=lambda: self._render_generated(generator))

    def _render_generated(self, generator: SecretStringGenerator) -> dict[str, Any]:
        if generator.secret_string_template is None:
            return {}
        password = f"data.{self.password.terraform_resource_type}.{self.password.friendly_unique_id}.random_password"
        template, key = _hcl_string(generator.secret_string_template), _hcl_string(generator.generate_string_key or "")
        return {"secret_string": f"${{jsonencode(merge(jsondecode({template}), {{{key} = {password}}}))}}"}

    def _checked_removal(self, keyword: str, policy: Any) -> dict[str, Any]:
        return removal_policy_attributes(self, keyword, RemovalPolicy.DESTROY if policy is None else policy,
                                         kind="aws_secretsmanager_secret")

    def apply_removal_policy(self, policy: RemovalPolicy) -> None:
        """Change the removal policy (see the class documentation)."""
        if policy is None:
            raise ValidationError(self, "'policy' is required: pass a RemovalPolicy")
        self._removal = self._checked_removal("policy", policy)

    @staticmethod
    def is_secret(x: Any) -> bool:
        return isinstance(x, Secret)

    # -- imports -----------------------------------------------------------------------------
    @classmethod
    def from_secret_name_v2(cls, scope: Any, id: str, secret_name: str) -> "ImportedSecret":
        """An existing secret by name, looked up with ``data "aws_secretsmanager_secret"`` (child
        ``Resource``) so that grants and jobs use its complete ARN."""
        return ImportedSecret(scope, id, secret_name=secret_name, lookup=True)

    @classmethod
    def from_secret_complete_arn(cls, scope: Any, id: str, secret_complete_arn: str) -> "ImportedSecret":
        """An existing secret by its complete ARN (with the 6-character suffix)."""
        return cls.from_secret_attributes(scope, id, secret_complete_arn=secret_complete_arn)

    @classmethod
    def from_secret_partial_arn(cls, scope: Any, id: str, secret_partial_arn: str) -> "ImportedSecret":
        """An existing secret by partial ARN (without the suffix); grants cover ``<arn>-??????``."""
        return cls.from_secret_attributes(scope, id, secret_partial_arn=secret_partial_arn)

    @classmethod
    def from_secret_arn(cls, scope: Any, id: str, secret_arn: str) -> "ImportedSecret":
        """Deprecated in AWS CDK: complete when the ARN ends in a 6-character suffix, else partial."""
        complete = isinstance(secret_arn, str) and (is_unresolved(secret_arn) or bool(_COMPLETE.fullmatch(secret_arn)))
        return cls.from_secret_attributes(scope, id, **({"secret_complete_arn": secret_arn} if complete
                                                         else {"secret_partial_arn": secret_arn}))

    @classmethod
    def from_secret_attributes(cls, scope: Any, id: str, *, secret_arn: str | None = None,
                               secret_complete_arn: str | None = None, secret_partial_arn: str | None = None,
                               encryption_key: Any = None) -> "ImportedSecret":
        """An existing secret: exactly one of ``secret_complete_arn``, ``secret_partial_arn`` or
        the deprecated ``secret_arn`` (taken as complete); ``encryption_key`` (default: none)."""
        return ImportedSecret(scope, id, secret_arn=secret_arn, secret_complete_arn=secret_complete_arn,
                              secret_partial_arn=secret_partial_arn, encryption_key=encryption_key)


def _secret_string(scope: Any, value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, SecretValue):
        value = value.unsafe_unwrap()
    return escape_template(check_str(scope, "secret_string_value", value, min_length=1, required=True,  # type: ignore
                                     rule="a SecretValue (SecretValue.unsafe_plain_text(...)) or a string"))


def _secret_name_of(arn: str) -> str:
    """AWS CDK ``parseSecretName``: the name after ``secret:``, without Secrets Manager's
    6-character suffix (a token ARN: the whole resource name)."""
    if is_unresolved(arn):
        from ._core import cdk
        core = cdk()
        Fn, Token = core.Fn, core.Token
        return Token.as_string(Fn.element(Fn.split(":", arn), 6))
    name = arn.split(":", 6)[6]
    head, _, tail = name.rpartition("-")
    return head if head and len(tail) == 6 else name


class ImportedSecret(BatchConstruct, ISecret):
    """A secret that exists outside this stack (``Secret.from_*``); only ``from_secret_name_v2``
    creates something: its ``data "aws_secretsmanager_secret"``."""

    def __init__(self, scope: Any, id: str, *, secret_name: str | None = None, secret_arn: str | None = None,
                 secret_complete_arn: str | None = None, secret_partial_arn: str | None = None,
                 encryption_key: Any = None, lookup: bool = False) -> None:
        super().__init__(scope, id)
        self.encryption_key = encryption_key
        self._kms_key_arn = encryption_key_arn(self, "encryption_key", encryption_key)
        self._partial = False
        if lookup:
            self.secret_name = check_secret_name(self, "secret_name", secret_name, required=True)  # type: ignore
            self.lookup = self._new_l1("Resource", "data_aws_secretsmanager_secret", "DataAwsSecretsmanagerSecret",
                                       name=secret_name)
            self.secret_arn = self.lookup.arn
            return
        for keyword, arn in (("secret_arn", secret_arn), ("secret_complete_arn", secret_complete_arn),
                             ("secret_partial_arn", secret_partial_arn)):
            check_str(self, keyword, arn, pattern=SECRET_ARN, rule=SECRET_ARN_RULE)
        # AWS CDK's messages
        if secret_arn is not None:
            if secret_complete_arn is not None or secret_partial_arn is not None:
                raise ValidationError(self, "cannot use `secretArn` with `secretCompleteArn` or `secretPartialArn`")
            arn = secret_arn
        else:
            if (secret_complete_arn is None) == (secret_partial_arn is None):
                raise ValidationError(self, "must use only one of `secretCompleteArn` or `secretPartialArn`")
            if secret_complete_arn is not None and not is_unresolved(secret_complete_arn) and \
                    not _COMPLETE.fullmatch(secret_complete_arn):
                raise ValidationError(self, "`secretCompleteArn` does not appear to be complete; missing 6-character "
                                            "suffix")
            arn = secret_complete_arn if secret_complete_arn is not None else secret_partial_arn  # type: ignore
            self._partial = secret_partial_arn is not None
        self.secret_arn = arn
        # a partial ARN ends in the name itself; a complete one adds the suffix
        self.secret_name = arn.split(":", 6)[6] if self._partial and not is_unresolved(arn) else _secret_name_of(arn)

    @property
    def secret_full_arn(self) -> str | None:
        return None if self._partial else self.secret_arn

    def apply_removal_policy(self, policy: RemovalPolicy) -> None:
        raise ValidationError(self, "an imported secret is not managed by this stack; it has no removal policy")


from ._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
