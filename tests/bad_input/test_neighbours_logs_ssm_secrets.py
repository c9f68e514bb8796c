"""Bad-input rows for ``logs.LogGroup``, ``ssm.StringParameter`` and ``secretsmanager.Secret``, their
imports, grants and value objects (``SecretStringGenerator``, ``SecretValue``): each row makes one
mistake and expects a ValidationError naming the construct path (``None`` for value objects built
outside a construct) and the keyword."""
from __future__ import annotations

from typing import Any

from batch_constructs.core import RemovalPolicy
from batch_constructs.logs import LogGroup, RetentionDays
from batch_constructs.secretsmanager import Secret, SecretStringGenerator, SecretValue
from batch_constructs.ssm import StringParameter

from ._table import Bad, params, run

G, P, S, I = "TestStack/Group", "TestStack/Param", "TestStack/Secret", "TestStack/Imported"
COMPLETE = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbC123"
PARTIAL = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db"


def group(s: Any, **kw: Any) -> LogGroup:
    return LogGroup(s, "Group", **kw)


def param(s: Any, **kw: Any) -> StringParameter:
    kw.setdefault("string_value", "v")
    return StringParameter(s, "Param", **kw)


def secret(s: Any, **kw: Any) -> Secret:
    return Secret(s, "Secret", **kw)


def role(s: Any) -> Any:
    from batch_constructs.iam import Role, ServicePrincipal
    return Role(s, "Role", assumed_by=ServicePrincipal("ecs-tasks.amazonaws.com"))


def token(s: Any) -> str:
    from cdktf import TerraformVariable
    return TerraformVariable(s, "v", type="string").string_value


LOGS = [
    Bad("log-group-name-int", lambda s, v: group(s, log_group_name=5), G, r"'log_group_name' must be a log group name: 1-512 letters, digits and \. - _ / #, got 5 \(int\)"),
    Bad("log-group-name-space", lambda s, v: group(s, log_group_name="my group"), G, r"'log_group_name' must be a log group name.*got 'my group'"),
    Bad("log-group-name-long", lambda s, v: group(s, log_group_name="a" * 513), G, r"'log_group_name' must be a log group name.*513 characters"),
    Bad("log-group-name-reserved", lambda s, v: group(s, log_group_name="aws/mine"), G, r"'log_group_name' 'aws/mine' starts with 'aws/', which CloudWatch Logs reserves"),
    Bad("log-group-retention-days", lambda s, v: group(s, retention=10), G, r"log retention of 10 days is not one CloudWatch Logs offers; use RetentionDays"),
    Bad("log-group-retention-str", lambda s, v: group(s, retention="forever"), G, r"'retention' must be one of RetentionDays.ONE_DAY.*got 'forever'"),
    Bad("log-group-retention-bool", lambda s, v: group(s, retention=True), G, r"'retention' must be one of RetentionDays.*got True \(bool\)"),
    Bad("log-group-retention-nan", lambda s, v: group(s, retention=float("nan")), G, r"log retention of nan days"),
    Bad("log-group-removal-snapshot", lambda s, v: group(s, removal_policy=RemovalPolicy.SNAPSHOT), G, r"'removal_policy': aws_cloudwatch_log_group has no snapshot to keep"),
    Bad("log-group-removal-str", lambda s, v: group(s, removal_policy="keep"), G, r"'removal_policy' must be one of RemovalPolicy.DESTROY, RemovalPolicy.RETAIN.*got 'keep'"),
    Bad("log-group-apply-removal-none", lambda s, v: group(s).apply_removal_policy(None), G, r"'policy' is required: pass a RemovalPolicy"),
    Bad("log-group-apply-removal-snapshot", lambda s, v: group(s).apply_removal_policy(RemovalPolicy.SNAPSHOT), G, r"'policy': aws_cloudwatch_log_group has no snapshot"),
    Bad("log-group-key-alias", lambda s, v: group(s, encryption_key="alias/mine"), G, r"'encryption_key' must be a KMS key \(an object with 'key_arn'.*got 'alias/mine'"),
    Bad("log-group-key-int", lambda s, v: group(s, encryption_key=5), G, r"'encryption_key' must be a KMS key.*got 5 \(int\)"),
    Bad("log-group-grant-str", lambda s, v: group(s).grant_write("my-role"), G, r"the grantee must be an IAM role, user or group .*got 'my-role'"),
    Bad("log-group-grant-no-actions", lambda s, v: group(s).grant(role(s)), G, r"grant\(\) needs at least one action"),
    Bad("log-group-import-arn", lambda s, v: LogGroup.from_log_group_arn(s, "Imported", "arn:aws:s3:::bucket"), I, r"'log_group_arn' must be a log group ARN .*got 'arn:aws:s3:::bucket'"),
    Bad("log-group-import-name-empty", lambda s, v: LogGroup.from_log_group_name(s, "Imported", ""), I, r"'log_group_name' must be a log group name.*got ''"),
    Bad("log-group-import-name-none", lambda s, v: LogGroup.from_log_group_name(s, "Imported", None), I, r"'log_group_name' is required"),
    Bad("log-group-import-scope", lambda s, v: LogGroup.from_log_group_name("stack", "Imported", "/x"), None, r"'scope' must be a construct"),
    Bad("log-group-import-id", lambda s, v: LogGroup.from_log_group_name(s, "a/b", "/x"), "TestStack", r"'id' must be a string without '/'"),
    Bad("log-group-import-removal", lambda s, v: LogGroup.from_log_group_name(s, "Imported", "/x").apply_removal_policy(RemovalPolicy.DESTROY), I, r"an imported log group is not managed by this stack"),
]

SSM = [
    Bad("ssm-value-missing", lambda s, v: param(s, string_value=None), P, r"'string_value' is required"),
    Bad("ssm-value-int", lambda s, v: param(s, string_value=5), P, r"'string_value' must be a string, got 5 \(int\)"),
    Bad("ssm-value-empty", lambda s, v: param(s, string_value=""), P, r"'string_value' must be a string of at least 1 characters, got ''"),
    Bad("ssm-value-too-big", lambda s, v: param(s, string_value="x" * 4097), P, r"'string_value' has 4097 bytes; an SSM parameter of the standard tier holds at most 4096"),
    Bad("ssm-value-too-big-advanced", lambda s, v: param(s, string_value="é" * 4097, tier="Advanced"), P, r"'string_value' has 8194 bytes; an SSM parameter of the advanced tier holds at most 8192"),
    Bad("ssm-name-space", lambda s, v: param(s, parameter_name="my param"), P, r"'parameter_name' must be a parameter name: letters, digits and \. - _ /.*got 'my param'"),
    Bad("ssm-name-relative-path", lambda s, v: param(s, parameter_name="app/key"), P, r"Parameter names must be fully qualified \(if they include \"/\" they must also begin with a \"/\"\): app/key"),
    Bad("ssm-name-reserved-aws", lambda s, v: param(s, parameter_name="/AWS/mine"), P, r"'parameter_name' '/AWS/mine' begins with 'aws' or 'ssm', which Parameter Store reserves"),
    Bad("ssm-name-reserved-ssm", lambda s, v: param(s, parameter_name="ssm-param"), P, r"'parameter_name' 'ssm-param' begins with 'aws' or 'ssm'"),
    Bad("ssm-name-long", lambda s, v: param(s, parameter_name="a" * 2049), P, r"'parameter_name' must be a parameter name.*2049 characters"),
    Bad("ssm-description-long", lambda s, v: param(s, description="d" * 1025), P, r"'description' must be a string of at most 1024 characters"),
    Bad("ssm-tier", lambda s, v: param(s, tier="Premium"), P, r"'tier' must be one of ParameterTier.ADVANCED, .*got 'Premium'"),
    Bad("ssm-data-type", lambda s, v: param(s, data_type="json"), P, r"'data_type' must be one of ParameterDataType.TEXT, ParameterDataType.AWS_EC2_IMAGE, got 'json'"),
    Bad("ssm-allowed-pattern-mismatch", lambda s, v: param(s, string_value="abc", allowed_pattern=r"^\d+$"), P, r"The supplied value \(abc\) does not match the specified allowedPattern \(\^\\d\+\$\)"),
    Bad("ssm-allowed-pattern-invalid", lambda s, v: param(s, allowed_pattern="("), P, r"'allowed_pattern' is not a valid regular expression"),
    Bad("ssm-allowed-pattern-int", lambda s, v: param(s, allowed_pattern=5), P, r"'allowed_pattern' must be a string, got 5 \(int\)"),
    Bad("ssm-simple-name-mismatch", lambda s, v: param(s, parameter_name="/app/key", simple_name=True), P, r"Parameter name \"/app/key\" is not a simple name, but \"simple_name\" was explicitly set to True"),
    Bad("ssm-simple-name-generated", lambda s, v: param(s, simple_name=False), P, r"If \"parameter_name\" is not explicitly defined, \"simple_name\" must be \"true\""),
    Bad("ssm-simple-name-str", lambda s, v: param(s, simple_name="yes"), P, r"'simple_name' must be True or False, got 'yes'"),
    Bad("ssm-grant-str", lambda s, v: param(s).grant_read("role"), P, r"the grantee must be an IAM role, user or group .*got 'role'"),
    Bad("ssm-import-name-empty", lambda s, v: StringParameter.from_string_parameter_name(s, "Imported", ""), I, r"'parameter_name' must be a parameter name.*got ''"),
    Bad("ssm-import-name-relative", lambda s, v: StringParameter.from_string_parameter_name(s, "Imported", "a/b"), I, r"Parameter names must be fully qualified"),
    Bad("ssm-import-arn", lambda s, v: StringParameter.from_string_parameter_arn(s, "Imported", "arn:aws:ssm:us-east-1:1:parameter/x"), I, r"'string_parameter_arn' must be an SSM parameter ARN"),
    Bad("ssm-import-arn-token", lambda s, v: StringParameter.from_string_parameter_arn(s, "Imported", token(s)), "TestStack", r"stringParameterArn cannot be an unresolved token"),
    Bad("ssm-import-version-zero", lambda s, v: StringParameter.from_string_parameter_attributes(s, "Imported", parameter_name="/x", version=0), I, r"'version' must be a whole number from 1 to 2147483647, got 0"),
    Bad("ssm-import-version-str", lambda s, v: StringParameter.from_string_parameter_attributes(s, "Imported", parameter_name="/x", version="2"), I, r"'version' must be a whole number, got '2'"),
    Bad("ssm-import-simple-mismatch", lambda s, v: StringParameter.from_string_parameter_attributes(s, "Imported", parameter_name="x", simple_name=False), I, r"Parameter name \"x\" is a simple name, but \"simple_name\" was explicitly set to False"),
    Bad("ssm-import-token-name", lambda s, v: StringParameter.from_string_parameter_name(s, "Imported", token(s)).grant_read(role(s)), I, r"Unable to determine ARN separator for SSM parameter since the parameter name is an unresolved token"),
    Bad("ssm-value-for-scope", lambda s, v: StringParameter.value_for_string_parameter("stack", "/x"), None, r"'scope' must be a construct"),
    Bad("ssm-value-for-name", lambda s, v: StringParameter.value_for_string_parameter(s, "a b"), "TestStack", r"'parameter_name' must be a parameter name.*got 'a b'"),
    Bad("ssm-value-for-version", lambda s, v: StringParameter.value_for_string_parameter(s, "/x", -1), "TestStack", r"'version' must be a whole number from 1 to 2147483647, got -1"),
]

SECRETS = [
    Bad("secret-name-space", lambda s, v: secret(s, secret_name="my secret"), S, r"'secret_name' must be a secret name: 1-512 letters, digits and / _ \+ = \. @ -, got 'my secret'"),
    Bad("secret-name-long", lambda s, v: secret(s, secret_name="a" * 513), S, r"'secret_name' must be a secret name.*513 characters"),
    Bad("secret-description-long", lambda s, v: secret(s, description="d" * 2049), S, r"'description' must be a string of at most 2048 characters"),
    Bad("secret-generator-str", lambda s, v: secret(s, generate_secret_string="random"), S, r"'generate_secret_string' must be a SecretStringGenerator, got 'random'"),
    Bad("secret-generator-unknown-key", lambda s, v: secret(s, generate_secret_string={"length": 8}), S, r"'generate_secret_string' has unknown key\(s\) 'length'; expected a SecretStringGenerator with keys"),
    Bad("secret-generator-length-zero", lambda s, v: secret(s, generate_secret_string={"password_length": 0}), S, r"'generate_secret_string.password_length' must be a whole number from 1 to 4096, got 0"),
    Bad("secret-generator-length-big", lambda s, v: SecretStringGenerator(password_length=4097), None, r"'password_length' must be a whole number from 1 to 4096, got 4097"),
    Bad("secret-generator-length-fraction", lambda s, v: SecretStringGenerator(password_length=8.5), None, r"'password_length' must be a whole number, got 8.5"),
    Bad("secret-generator-flag-str", lambda s, v: SecretStringGenerator(exclude_numbers="yes"), None, r"'exclude_numbers' must be True or False, got 'yes'"),
    Bad("secret-generator-exclude-long", lambda s, v: SecretStringGenerator(exclude_characters="x" * 4097), None, r"'exclude_characters' must be a string of at most 4096 characters"),
    Bad("secret-generator-template-alone", lambda s, v: SecretStringGenerator(secret_string_template='{"a": 1}'), None, r"`secretStringTemplate` and `generateStringKey` must be specified together\."),
    Bad("secret-generator-key-alone", lambda s, v: secret(s, generate_secret_string={"generate_string_key": "password"}), S, r"`secretStringTemplate` and `generateStringKey` must be specified together\."),
    Bad("secret-generator-template-json", lambda s, v: SecretStringGenerator(secret_string_template="{user: a}", generate_string_key="p"), None, r"'secret_string_template' must be a JSON object, got '\{user: a\}'"),
    Bad("secret-generator-template-list", lambda s, v: SecretStringGenerator(secret_string_template="[1]", generate_string_key="p"), None, r"'secret_string_template' must be a JSON object, got '\[1\]'"),
    Bad("secret-generator-template-token", lambda s, v: secret(s, generate_secret_string={"secret_string_template": token(s), "generate_string_key": "p"}), S, r"'generate_secret_string.secret_string_template' and 'generate_string_key' must be known at synth"),
    Bad("secret-generator-nothing-left", lambda s, v: SecretStringGenerator(exclude_lowercase=True, exclude_uppercase=True, exclude_numbers=True, exclude_punctuation=True), None, r"SecretStringGenerator excludes every character type"),
    Bad("secret-generator-and-value", lambda s, v: secret(s, generate_secret_string=SecretStringGenerator(), secret_string_value="x"), S, r"Cannot specify more than one of `generateSecretString`, `secretStringValue`"),
    Bad("secret-value-int", lambda s, v: secret(s, secret_string_value=5), S, r"'secret_string_value' must be a SecretValue \(SecretValue.unsafe_plain_text\(...\)\) or a string, got 5 \(int\)"),
    Bad("secret-value-empty", lambda s, v: secret(s, secret_string_value=""), S, r"'secret_string_value' must be a SecretValue .*got ''"),
    Bad("secret-value-plain-attribute", lambda s, v: SecretValue.resource_attribute("plain"), None, r"SecretValue.resource_attribute\(\) needs a resource attribute \(a token\)"),
    Bad("secret-value-int-text", lambda s, v: SecretValue.unsafe_plain_text(5), None, r"'SecretValue value' must be a string, got 5 \(int\)"),
    Bad("secret-removal-snapshot", lambda s, v: secret(s, removal_policy=RemovalPolicy.SNAPSHOT), S, r"'removal_policy': aws_secretsmanager_secret has no snapshot to keep"),
    Bad("secret-removal-int", lambda s, v: secret(s, removal_policy=1), S, r"'removal_policy' must be one of RemovalPolicy"),
    Bad("secret-key-str", lambda s, v: secret(s, encryption_key="my-key"), S, r"'encryption_key' must be a KMS key.*got 'my-key'"),
    Bad("secret-grant-stages-str", lambda s, v: secret(s).grant_read(None, version_stages="AWSCURRENT"), S, r"'version_stages' must be a list of strings, got 'AWSCURRENT' \(str\); wrap a single value in a list"),
    Bad("secret-grant-stages-empty", lambda s, v: secret(s).grant_read(None, version_stages=[]), S, r"'version_stages' must have at least 1 entries, got 0"),
    Bad("secret-grant-str", lambda s, v: secret(s).grant_read("role"), S, r"the grantee must be an IAM role, user or group .*got 'role'"),
    Bad("secret-grant-write-none", lambda s, v: secret(s).grant_write(None), S, r"the grantee must be an IAM role, user or group .*got None"),
    Bad("secret-import-incomplete", lambda s, v: Secret.from_secret_complete_arn(s, "Imported", PARTIAL), I, r"`secretCompleteArn` does not appear to be complete; missing 6-character suffix"),
    Bad("secret-import-neither", lambda s, v: Secret.from_secret_attributes(s, "Imported"), I, r"must use only one of `secretCompleteArn` or `secretPartialArn`"),
    Bad("secret-import-both", lambda s, v: Secret.from_secret_attributes(s, "Imported", secret_complete_arn=COMPLETE, secret_partial_arn=PARTIAL), I, r"must use only one of `secretCompleteArn` or `secretPartialArn`"),
    Bad("secret-import-arn-and-complete", lambda s, v: Secret.from_secret_attributes(s, "Imported", secret_arn=COMPLETE, secret_complete_arn=COMPLETE), I, r"cannot use `secretArn` with `secretCompleteArn` or `secretPartialArn`"),
    Bad("secret-import-bad-arn", lambda s, v: Secret.from_secret_partial_arn(s, "Imported", "arn:aws:ssm:us-east-1:123456789012:parameter/x"), I, r"'secret_partial_arn' must be a secret ARN \(arn:<partition>:secretsmanager:"),
    Bad("secret-import-arn-int", lambda s, v: Secret.from_secret_arn(s, "Imported", 5), I, r"'secret_partial_arn' must be a secret ARN .*got 5 \(int\)"),
    Bad("secret-import-name-empty", lambda s, v: Secret.from_secret_name_v2(s, "Imported", ""), I, r"'secret_name' must be a secret name.*got ''"),
    Bad("secret-import-name-none", lambda s, v: Secret.from_secret_name_v2(s, "Imported", None), I, r"'secret_name' is required"),
    Bad("secret-import-key", lambda s, v: Secret.from_secret_attributes(s, "Imported", secret_complete_arn=COMPLETE, encryption_key=3), I, r"'encryption_key' must be a KMS key"),
    Bad("secret-import-duplicate-id", lambda s, v: (secret(s), Secret.from_secret_name_v2(s, "Secret", "x")), "TestStack", r"there is already a construct with id 'Secret' here"),
    Bad("secret-import-removal", lambda s, v: Secret.from_secret_complete_arn(s, "Imported", COMPLETE).apply_removal_policy(RemovalPolicy.RETAIN), I, r"an imported secret is not managed by this stack"),
]


@params(LOGS)
def test_log_groups(row: Bad, stack: Any, vpc: Any) -> None:
    run(row, stack, vpc)


@params(SSM)
def test_string_parameters(row: Bad, stack: Any, vpc: Any) -> None:
    run(row, stack, vpc)


@params(SECRETS)
def test_secrets(row: Bad, stack: Any, vpc: Any) -> None:
    run(row, stack, vpc)


def test_valid_neighbours_still_build(stack: Any) -> None:
    """Boundary values that must keep working."""
    from batch_constructs.testing import Template
    LogGroup(stack, "A", log_group_name="a" * 512, retention=RetentionDays.TEN_YEARS)
    StringParameter(stack, "B", string_value="x" * 4096, parameter_name="/" + "p" * 2047)
    StringParameter(stack, "C", string_value="é" * 4096, tier="Advanced", allowed_pattern=".*")
    Secret(stack, "D", secret_name="a/b_c+d=e.f@g-h", generate_secret_string=SecretStringGenerator(
        password_length=4096, exclude_lowercase=True, exclude_uppercase=True, exclude_numbers=True,
        exclude_punctuation=True, include_space=True))
    Template.from_stack(stack)
