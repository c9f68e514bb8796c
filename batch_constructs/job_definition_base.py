"""What every job definition shares: name, parameters, retries, timeout, scheduling priority,
revisions, grants and imports. Also ``RetryStrategy``, ``Reason`` and ``Action``."""
from __future__ import annotations

import enum
import re
from typing import Any, Sequence

from ._base import BatchConstruct, RemovableResource
from ._check import (check_bool, check_duration, check_enum, check_instance, check_int, check_list, check_number,
                     check_str)
from ._convert import seconds_of
from ._errors import ValidationError
from ._imported import Imported
from ._json import escape_strings
from ._naming import arn_resource_name, check_name, generated_name
from ._tokens import format_number, is_unresolved
from .core import Duration
from .iam import PolicyStatement, as_principal
from ._identity import node_id

__all__ = ["Action", "CustomReason", "ImportedJobDefinition", "JobDefinitionBase", "Reason", "RetryStrategy"]


class Action(enum.StrEnum):
    EXIT = "EXIT"
    RETRY = "RETRY"


_EXIT_CODE_GLOB = re.compile(r"^[0-9]*\*?$")
_REASON_GLOB = re.compile(r"^[0-9A-Za-z.:\s]*\*?$")


class Reason:
    """When a retry strategy applies. Constants ``NON_ZERO_EXIT_CODE``,
    ``CANNOT_PULL_CONTAINER``, ``SPOT_INSTANCE_RECLAIMED``, or ``Reason.custom(...)``."""

    NON_ZERO_EXIT_CODE: "Reason"
    CANNOT_PULL_CONTAINER: "Reason"
    SPOT_INSTANCE_RECLAIMED: "Reason"

    def __init__(self, *, on_exit_code: str | None = None, on_reason: str | None = None,
                 on_status_reason: str | None = None) -> None:
        self.on_exit_code = on_exit_code
        self.on_reason = on_reason
        self.on_status_reason = on_status_reason

    @classmethod
    def custom(cls, *, on_exit_code: str | None = None, on_reason: str | None = None,
               on_status_reason: str | None = None) -> "Reason":
        """Globs matched against the exit code, the reason and the status reason (ANDed)."""
        if on_exit_code is None and on_reason is None and on_status_reason is None:
            raise ValidationError(None, "Reason.custom() requires at least one of on_exit_code, on_reason, "
                                        "on_status_reason")
        for field, value, pattern in (("on_exit_code", on_exit_code, _EXIT_CODE_GLOB),
                                      ("on_reason", on_reason, _REASON_GLOB),
                                      ("on_status_reason", on_status_reason, _REASON_GLOB)):
            check_str(None, field, value)
            if value is not None and (not 1 <= len(value) <= 512 or not pattern.match(value)):
                raise ValidationError(None, f"'{field}' value '{value}' is not a valid glob for AWS Batch")
        return cls(on_exit_code=on_exit_code, on_reason=on_reason, on_status_reason=on_status_reason)


Reason.NON_ZERO_EXIT_CODE = Reason(on_exit_code="*")
Reason.CANNOT_PULL_CONTAINER = Reason(on_reason="CannotPullContainerError:*")
Reason.SPOT_INSTANCE_RECLAIMED = Reason(on_status_reason="Host EC2*")

CustomReason = Reason


class RetryStrategy:
    """``RetryStrategy.of(Action.EXIT, Reason.CANNOT_PULL_CONTAINER)``."""

    def __init__(self, action: Action, on: Reason) -> None:
        self.action = check_enum(None, "action", action, Action, required=True)
        self.on = check_instance(None, "on", on, Reason, "a Reason (Reason.NON_ZERO_EXIT_CODE, Reason.custom(...))",
                                 required=True)

    @classmethod
    def of(cls, action: Action, on: Reason) -> "RetryStrategy":
        return cls(action, on)

    def render(self) -> dict[str, Any]:
        out: dict[str, Any] = {"action": self.action.value}
        for key in ("on_exit_code", "on_reason", "on_status_reason"):
            value = getattr(self.on, key)
            if value is not None:
                out[key] = value
        return out


def _check_strategy(scope: Any, keyword: str, value: Any) -> RetryStrategy:
    return check_instance(scope, keyword, value, RetryStrategy, "a RetryStrategy (RetryStrategy.of(action, reason))",
                          required=True)


class JobDefinitionBase(BatchConstruct, RemovableResource):
    """Keywords shared by ECS, EKS and multi-node job definitions.

    :param job_definition_name: default: generated from the construct path (unique).
    :param parameters: ``Ref::name`` substitutions; string values (scalars are stringified).
    :param retry_attempts: 1–10 (default: none, Batch's 1).
    :param retry_strategies: ``RetryStrategy`` entries (default none; at most 5 in all; they need
        ``retry_attempts``).
    :param scheduling_priority: 0–9999 (default none; needed on fair-share queues).
    :param timeout: a ``Duration`` of at least 60 s (default none).
    :param skip_deregister_on_update: ``True`` keeps old revisions active
        (``deregister_on_new_revision = false``); default none (Batch deregisters them).
    """

    def __init__(self, scope: Any, id: str, *, job_definition_name: str | None = None,
                 parameters: dict[str, Any] | None = None, retry_attempts: int | None = None,
                 retry_strategies: Sequence[RetryStrategy] | None = None,
                 scheduling_priority: int | None = None, timeout: Duration | None = None,
                 skip_deregister_on_update: bool | None = None) -> None:
        super().__init__(scope, id)
        check_name(self, "job_definition_name", check_str(self, "job_definition_name", job_definition_name))
        self._job_definition_name = job_definition_name or generated_name(self)
        self.parameters = self._check_parameters(parameters)
        self.retry_attempts = self._check_retry_attempts(retry_attempts)
        self._retry_strategies: list[RetryStrategy] = check_list(
            self, "retry_strategies", retry_strategies, _check_strategy, expected="a list of RetryStrategy") or []
        self.scheduling_priority = self._check_scheduling_priority(scheduling_priority)
        self.timeout = timeout
        self._timeout_seconds = self._check_timeout(timeout)
        self.skip_deregister_on_update = check_bool(self, "skip_deregister_on_update", skip_deregister_on_update)

    def _check_retry_attempts(self, value: Any) -> Any:
        value = check_int(self, "retry_attempts", value)
        if value is not None and not is_unresolved(value) and not 1 <= value <= 10:
            raise self._error(f"JobDefinition '{node_id(self)}' specifies 'retry_attempts' = {value}; it must be "
                              "between 1 and 10")
        return value

    def _check_scheduling_priority(self, value: Any) -> Any:
        value = check_int(self, "scheduling_priority", value)
        if value is not None and not is_unresolved(value) and not 0 <= value <= 9999:
            raise self._error(f"JobDefinition '{node_id(self)}' specifies 'scheduling_priority' = {value}; "
                              "it must be between 0 and 9999")
        return value

    def _check_timeout(self, timeout: Any) -> Any:
        """Whole seconds, at least 60 (int32); ``Duration.seconds(token)`` passes unchecked."""
        if check_duration(self, "timeout", timeout) is None:
            return None
        seconds = seconds_of(self, timeout)  # C01/C03: not a whole number of seconds
        if is_unresolved(seconds):
            return seconds
        if seconds < 60:
            raise self._error(f"JobDefinition '{node_id(self)}' specifies 'timeout' = {seconds} seconds; it must be "
                              "at least 60 seconds")
        return check_int(self, "timeout in seconds", seconds)

    def _check_parameters(self, parameters: Any) -> dict[str, str] | None:
        """A dict of strings; numbers and booleans are stringified (Terraform's ``map(string)``)."""
        check_instance(self, "parameters", parameters, dict, "a dict of parameter names to strings")
        if parameters is None:
            return None
        out: dict[str, str] = {}
        for key, value in parameters.items():
            check_str(self, "parameters key", key, min_length=1)
            keyword = f"parameters[{key!r}]"
            if isinstance(value, bool):
                value = "true" if value else "false"
            elif isinstance(value, (int, float)):
                value = format_number(check_number(self, keyword, value))
            out[key] = check_str(self, keyword, value, required=True)  # type: ignore[assignment]
        return out

    def add_retry_strategy(self, strategy: RetryStrategy) -> None:
        """Append ``strategy`` (rendered after the constructor's, at synth)."""
        self._retry_strategies.append(_check_strategy(self, "strategy", strategy))

    @property
    def retry_strategies(self) -> list[RetryStrategy]:
        return list(self._retry_strategies)

    def _validate(self) -> list[str]:
        out = []
        n = len(self._retry_strategies)
        if n > 5:
            out.append(f"JobDefinition '{node_id(self)}' has {n} retry strategies; at most 5 are allowed")
        if n and self.retry_attempts is None:
            out.append(f"JobDefinition '{node_id(self)}' has retry strategies but no 'retry_attempts': AWS Batch "
                       "evaluates 'retry_strategies' only with retry_attempts (1-10)")
        return out

    def _render_common(self) -> dict[str, Any]:
        attrs: dict[str, Any] = {"name": self._job_definition_name}
        if self.parameters:
            attrs["parameters"] = escape_strings(self.parameters)
        retry: dict[str, Any] = {}
        if self.retry_attempts is not None:
            retry["attempts"] = self.retry_attempts
        if self._retry_strategies:
            retry["evaluate_on_exit"] = [escape_strings(s.render()) for s in self._retry_strategies]
        attrs["retry_strategy"] = retry or None
        attrs["timeout"] = ({"attempt_duration_seconds": self._timeout_seconds}
                           if self._timeout_seconds is not None else None)
        if self.scheduling_priority is not None:
            attrs["scheduling_priority"] = self.scheduling_priority
        if self.skip_deregister_on_update is not None:
            attrs["deregister_on_new_revision"] = not self.skip_deregister_on_update
        return attrs

    def _create_resource(self, type_: str) -> Any:
        self.resource = self._new_l1("Resource", "batch_job_definition", "BatchJobDefinition",
                                     name=self._job_definition_name, type=type_,
                                     render=self._render_resource, taggable=True)
        return self.resource

    def _render_resource(self) -> dict[str, Any]:  # pragma: no cover - abstract
        raise NotImplementedError

    @property
    def job_definition_arn(self) -> str:
        """The ARN with its ``:revision``."""
        return self.resource.arn

    @property
    def job_definition_arn_prefix(self) -> str:
        """The ARN without the revision (every revision)."""
        return self.resource.arn_prefix

    @property
    def job_definition_name(self) -> str:
        return self.resource.name

    def grant_submit_job(self, identity: Any, queue: Any) -> None:
        """Allow ``identity`` (IAM role, user or group: ours or the provider's L1) to submit jobs
        of any revision of this definition to ``queue``: ``batch:SubmitJob`` on
        ``<arn_prefix>:*`` and the queue's ARN, in the grantee's inline policy."""
        principal = as_principal(identity, scope=self)
        if self.scheduling_priority is None and getattr(queue, "scheduling_policy", None) is not None:
            from ._errors import warn
            queue_id = getattr(getattr(queue, "node", None), "id", None) or getattr(queue, "node_id", "?")
            warn(self, f"JobDefinition '{node_id(self)}' has no scheduling_priority but is used with fair-share "
                       f"JobQueue '{queue_id}': SubmitJob then needs schedulingPriorityOverride")
        principal.add_to_principal_policy(PolicyStatement(
            actions=["batch:SubmitJob"],
            resources=[f"{self.job_definition_arn_prefix}:*", queue.job_queue_arn]))

    @classmethod
    def from_job_definition_arn(cls, scope: Any, id: str, job_definition_arn: str) -> "ImportedJobDefinition":
        """An existing job definition by ARN: creates nothing. The name drops ``:revision``."""
        return ImportedJobDefinition(scope, id, job_definition_arn)


class ImportedJobDefinition(Imported):
    """A job definition known by ARN (``from_job_definition_arn``): creates nothing. The ARN is
    only checked to be a string (with or without ``:revision``)."""

    def __init__(self, scope: Any, id: str, arn: str, *, arn_keyword: str = "job_definition_arn") -> None:
        super().__init__(scope, id)
        self.job_definition_arn = arn = self._keep_arn(arn_keyword, arn)
        if is_unresolved(arn):
            from ._core import cdk
            Fn, Token = cdk(scope).Fn, cdk(scope).Token
            self.job_definition_name = Token.as_string(Fn.element(Fn.split(":", arn_resource_name(arn)), 0))
            self.job_definition_arn_prefix = arn
        else:
            self.job_definition_name = arn_resource_name(arn).split(":", 1)[0]
            self.job_definition_arn_prefix = arn.rsplit(":", 1)[0] if arn.count(":") > 5 else arn

    def grant_submit_job(self, identity: Any, queue: Any) -> None:
        as_principal(identity).add_to_principal_policy(PolicyStatement(
            actions=["batch:SubmitJob"], resources=[f"{self.job_definition_arn_prefix}:*", queue.job_queue_arn]))


from ._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
