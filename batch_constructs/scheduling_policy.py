"""``FairshareSchedulingPolicy``: who waits in a fair-share ``JobQueue``."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Sequence

from ._base import BatchConstruct, generated_name
from ._convert import seconds_of
from ._errors import ValidationError, construct_path
from ._tokens import format_number, is_unresolved
from .compute_environment_base import arn_resource_name, check_name
from .core import Duration

__all__ = ["FairshareSchedulingPolicy", "IFairshareSchedulingPolicy", "ISchedulingPolicy",
           "ImportedFairshareSchedulingPolicy", "Share"]

#: AWS Batch limits (``CreateSchedulingPolicy``).
MAX_COMPUTE_RESERVATION = 99
MAX_SHARE_DECAY_SECONDS = 604800
MIN_WEIGHT_FACTOR, MAX_WEIGHT_FACTOR = 0.0001, 999.9999
MAX_SHARES = 500
SHARE_IDENTIFIER = re.compile(r"^[0-9A-Za-z]{0,254}[0-9A-Za-z*]?$")


@dataclass
class Share:
    """A fair share: jobs submitted with ``share_identifier`` get compute in inverse proportion
    to ``weight_factor`` (0.0001–999.9999; a share with weight 0.5 gets twice the vCPUs of a
    share with weight 1). An identifier ending in ``*`` covers every identifier with that prefix.
    """

    share_identifier: str
    weight_factor: float


class ISchedulingPolicy:
    """What a queue needs from a scheduling policy."""

    scheduling_policy_arn: str
    scheduling_policy_name: str


class IFairshareSchedulingPolicy(ISchedulingPolicy):
    compute_reservation: int | None
    share_decay: Duration | None
    shares: list[Share]


def _as_share(scope: Any, value: Any) -> Share:
    if isinstance(value, Share):
        return value
    if isinstance(value, dict):
        return Share(**value)
    if hasattr(value, "share_identifier") and hasattr(value, "weight_factor"):
        return Share(value.share_identifier, value.weight_factor)
    raise ValidationError(scope, f"expected a Share(share_identifier, weight_factor), got {type(value).__name__}")


def _prefix(identifier: str) -> tuple[str, bool]:
    return (identifier[:-1], True) if identifier.endswith("*") else (identifier, False)


def shares_overlap(first: str, second: str) -> bool:
    """True when AWS would refuse ``first`` and ``second`` in one policy: a prefix identifier
    (``UserA*``) covers the other (``UserA1``, ``UserA``, ``UserAB*``)."""
    a, a_prefix = _prefix(first)
    b, b_prefix = _prefix(second)
    return (a_prefix and b.startswith(a)) or (b_prefix and a.startswith(b))


class FairshareSchedulingPolicy(BatchConstruct, IFairshareSchedulingPolicy):
    """An ``aws_batch_scheduling_policy`` with a ``fair_share_policy`` block.

    :param shares: ``Share`` entries (default ``[]``: the block's ``share_distribution`` is
        omitted). At most 500 by synth; no two identifiers may overlap.
    :param compute_reservation: percentage (0–99) of the maximum vCPUs kept for share
        identifiers that have no job in the queue; the reserved part is
        ``(compute_reservation / 100) ** active_shares``. Default: not emitted (none reserved).
    :param share_decay: ``Duration`` of whole seconds, at most 604800 (7 days): how long past
        usage counts. Default: not emitted (only current usage counts).
    :param scheduling_policy_name: default: generated from the construct path.
    """

    def __init__(self, scope: Any, id: str, *, shares: Sequence[Share] | None = None,
                 compute_reservation: int | None = None, share_decay: Duration | None = None,
                 scheduling_policy_name: str | None = None, **extra: Any) -> None:
        super().__init__(scope, id)
        if extra:
            raise TypeError("FairshareSchedulingPolicy() got unexpected keyword argument(s): "
                            f"{', '.join(sorted(extra))}")
        check_name(self, "scheduling_policy_name", scheduling_policy_name)
        self.compute_reservation = self._check_compute_reservation(compute_reservation)
        self.share_decay = share_decay
        self._share_decay_seconds = self._check_share_decay(share_decay)
        self._shares: list[Share] = []
        for share in shares or ():
            self.add_share(share)
        self.resource = self._new_l1("Resource", "batch_scheduling_policy", "BatchSchedulingPolicy",
                                     name=scheduling_policy_name or generated_name(self),
                                     render=self._render_resource, taggable=True)

    def _specifies(self, prop: str, value: str, rule: str) -> ValidationError:
        return ValidationError(self, f"FairshareSchedulingPolicy '{self.node.id}' specifies '{prop}' = {value}; {rule}")

    def _check_compute_reservation(self, value: Any) -> Any:
        if value is None or is_unresolved(value):
            return value
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not float(value).is_integer() \
                or not 0 <= value <= MAX_COMPUTE_RESERVATION:
            raise self._specifies("compute_reservation", format_number(value) if isinstance(value, (int, float))
                                  and not isinstance(value, bool) else repr(value),
                                  f"it must be a whole number between 0 and {MAX_COMPUTE_RESERVATION}")
        return int(value)

    def _check_share_decay(self, value: Any) -> Any:
        if value is None:
            return None
        if not isinstance(value, Duration):
            raise ValidationError(self, f"FairshareSchedulingPolicy '{self.node.id}' needs 'share_decay' as a "
                                        f"Duration, got {type(value).__name__}")
        seconds = seconds_of(self, value)
        if is_unresolved(seconds):
            return seconds
        if seconds > MAX_SHARE_DECAY_SECONDS:
            raise self._specifies("share_decay", f"{format_number(seconds)} seconds",
                                  f"it must be at most {MAX_SHARE_DECAY_SECONDS} seconds (7 days)")
        return seconds

    def add_share(self, share: Share | None = None, *, share_identifier: str | None = None,
                  weight_factor: float | None = None) -> None:
        """Append a share (a ``Share`` or its fields as keywords); rendered at synth."""
        if share is None:
            if share_identifier is None or weight_factor is None:
                raise ValidationError(self, "add_share() needs a Share or both 'share_identifier' and 'weight_factor'")
            share = Share(share_identifier, weight_factor)
        share = _as_share(self, share)
        identifier, weight = share.share_identifier, share.weight_factor
        if not is_unresolved(identifier):
            if not isinstance(identifier, str) or not identifier or not SHARE_IDENTIFIER.match(identifier):
                raise self._specifies("share_identifier", repr(identifier),
                                      "it must be 1-255 letters or digits, optionally ending with '*'")
        if not is_unresolved(weight):
            if isinstance(weight, bool) or not isinstance(weight, (int, float)) \
                    or not MIN_WEIGHT_FACTOR <= weight <= MAX_WEIGHT_FACTOR:
                shown = format_number(weight) if isinstance(weight, (int, float)) and not isinstance(weight, bool) \
                    else repr(weight)
                raise self._specifies("weight_factor", f"{shown} for share '{identifier}'",
                                      f"it must be between {format_number(MIN_WEIGHT_FACTOR)} and "
                                      f"{format_number(MAX_WEIGHT_FACTOR)}")
        self._shares.append(share)

    @property
    def shares(self) -> list[Share]:
        return list(self._shares)

    def _validate(self) -> list[str]:
        problems = []
        id = self.node.id
        if len(self._shares) > MAX_SHARES:
            problems.append(f"FairshareSchedulingPolicy '{id}' has {len(self._shares)} shares; at most "
                            f"{MAX_SHARES} are allowed")
        identifiers = [s.share_identifier for s in self._shares if not is_unresolved(s.share_identifier)]
        seen: set[str] = set()
        for identifier in identifiers:
            if identifier in seen:
                problems.append(f"FairshareSchedulingPolicy '{id}' has more than one share with identifier "
                                f"'{identifier}'")
            seen.add(identifier)
        unique = list(dict.fromkeys(identifiers))
        for i, first in enumerate(unique):
            for second in unique[i + 1:]:
                if shares_overlap(first, second):
                    problems.append(f"FairshareSchedulingPolicy '{id}': share identifiers '{first}' and "
                                    f"'{second}' overlap; AWS Batch does not allow a prefix ('*') to cover "
                                    "another identifier")
        return problems

    def _render_resource(self) -> dict[str, Any]:
        policy: dict[str, Any] = {}
        if self.compute_reservation is not None:
            policy["compute_reservation"] = self.compute_reservation
        if self._share_decay_seconds is not None:
            policy["share_decay_seconds"] = self._share_decay_seconds
        if self._shares:
            policy["share_distribution"] = [
                {"share_identifier": s.share_identifier, "weight_factor": s.weight_factor} for s in self._shares]
        return {"fair_share_policy": policy}

    @property
    def scheduling_policy_arn(self) -> str:
        return self.resource.arn

    @property
    def scheduling_policy_name(self) -> str:
        return self.resource.name

    @classmethod
    def from_fairshare_scheduling_policy_arn(cls, scope: Any, id: str,
                                             fairshare_scheduling_policy_arn: str) -> "ImportedFairshareSchedulingPolicy":
        """An existing policy by ARN: creates nothing; ``shares`` is ``[]``."""
        return ImportedFairshareSchedulingPolicy(scope, id, fairshare_scheduling_policy_arn)


class ImportedFairshareSchedulingPolicy(IFairshareSchedulingPolicy):
    """A fair-share policy known by ARN: creates nothing."""

    def __init__(self, scope: Any, id: str, arn: str) -> None:
        parent = construct_path(scope)
        self.node_id = id
        self.path = f"{parent}/{id}" if parent else id
        self.scheduling_policy_arn = arn
        self.scheduling_policy_name = arn_resource_name(arn)
        self.compute_reservation = None
        self.share_decay = None
        self.shares: list[Share] = []

    def add_share(self, share: Share | None = None, **_fields: Any) -> None:
        raise ValidationError(self.path, f"cannot add shares to imported FairshareSchedulingPolicy '{self.node_id}'")


class _L1SchedulingPolicy(ISchedulingPolicy):
    """Adapter for the provider's ``BatchSchedulingPolicy`` L1."""

    def __init__(self, l1: Any) -> None:
        self.resource = l1
        self.scheduling_policy_arn = l1.arn
        self.scheduling_policy_name = l1.name


def as_scheduling_policy(value: Any) -> Any:
    """A policy of this library, an import, anything with ``scheduling_policy_arn`` and
    ``scheduling_policy_name``, or the provider's ``BatchSchedulingPolicy`` L1 (E21 otherwise)."""
    if hasattr(value, "scheduling_policy_arn") and hasattr(value, "scheduling_policy_name"):
        return value
    if getattr(value, "terraform_resource_type", None) == "aws_batch_scheduling_policy":
        return _L1SchedulingPolicy(value)
    raise ValidationError(None, "'schedulingPolicy' instance should implement ISchedulingPolicy, but doesn't: "
                                f"{type(value).__name__}")
