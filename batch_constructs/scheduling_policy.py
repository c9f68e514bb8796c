"""``FairshareSchedulingPolicy``: who waits in a fair-share ``JobQueue``."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Sequence

from ._base import BatchConstruct, RemovableResource
from ._check import check_duration, check_int, check_list, check_number, check_str, describe, value_object
from ._convert import seconds_of
from ._errors import ValidationError
from ._imported import Imported
from ._naming import arn_resource_name, check_name, generated_name
from ._tokens import is_unresolved
from .core import Duration
from ._identity import node_id

__all__ = ["FairshareSchedulingPolicy", "ImportedFairshareSchedulingPolicy", "Share"]

#: AWS Batch limits (``CreateSchedulingPolicy``).
MAX_COMPUTE_RESERVATION = 99
MAX_SHARE_DECAY_SECONDS = 604800
MIN_WEIGHT_FACTOR, MAX_WEIGHT_FACTOR = 0.0001, 999.9999
MAX_SHARES = 500
#: Batch ``ShareAttributes.shareIdentifier``: up to 255 alphanumeric characters (underscores
#: accepted), optionally followed by ``*`` (a prefix covering every identifier that starts with it).
SHARE_IDENTIFIER = re.compile(r"[0-9A-Za-z_]{0,255}\*|[0-9A-Za-z_]{1,255}")
SHARE_IDENTIFIER_RULE = "1-255 letters, digits or underscores, optionally followed by '*'"
POLICY_ARN = re.compile(r"arn:[a-z-]+:batch:[a-z0-9-]*:[0-9]*:scheduling-policy/[0-9A-Za-z_-]{1,128}")


@dataclass
class Share:
    """A fair share: jobs submitted with ``share_identifier`` get compute in inverse proportion
    to ``weight_factor`` (0.0001–999.9999; a share with weight 0.5 gets twice the vCPUs of a
    share with weight 1). An identifier ending in ``*`` covers every identifier with that prefix.
    """

    share_identifier: str
    weight_factor: float

    def __post_init__(self) -> None:
        fields = self._checked(None, "", self.share_identifier, self.weight_factor)
        self.share_identifier, self.weight_factor = fields["share_identifier"], fields["weight_factor"]

    @staticmethod
    def _checked(scope: Any, prefix: str, share_identifier: Any, weight_factor: Any) -> dict[str, Any]:
        return {
            "share_identifier": check_str(scope, f"{prefix}share_identifier", share_identifier,
                                          pattern=SHARE_IDENTIFIER, rule=SHARE_IDENTIFIER_RULE, required=True),
            "weight_factor": check_number(scope, f"{prefix}weight_factor", weight_factor, minimum=MIN_WEIGHT_FACTOR,
                                          maximum=MAX_WEIGHT_FACTOR, required=True),
        }


class _SchedulingPolicyMembers:
    """What a queue needs from a scheduling policy (the protocol ``interfaces.ISchedulingPolicy``)."""

    scheduling_policy_arn: str
    scheduling_policy_name: str


class _FairshareSchedulingPolicyMembers(_SchedulingPolicyMembers):
    compute_reservation: int | None
    share_decay: Duration | None
    shares: list[Share]


def _as_share(scope: Any, keyword: str, value: Any) -> Share:
    if not isinstance(value, (Share, dict)) and hasattr(value, "share_identifier") and hasattr(value, "weight_factor"):
        value = {"share_identifier": value.share_identifier, "weight_factor": value.weight_factor}
    return value_object(scope, keyword, value, Share, "a Share(share_identifier, weight_factor)")


def _prefix(identifier: str) -> tuple[str, bool]:
    return (identifier[:-1], True) if identifier.endswith("*") else (identifier, False)


def shares_overlap(first: str, second: str) -> bool:
    """True when AWS would refuse ``first`` and ``second`` in one policy: a prefix identifier
    (``UserA*``) covers the other (``UserA1``, ``UserA``, ``UserAB*``)."""
    a, a_prefix = _prefix(first)
    b, b_prefix = _prefix(second)
    return (a_prefix and b.startswith(a)) or (b_prefix and a.startswith(b))


class FairshareSchedulingPolicy(BatchConstruct, _FairshareSchedulingPolicyMembers, RemovableResource):
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

    #: AWS CDK's id of this class for property injection (``core.PropertyInjectors``).
    PROPERTY_INJECTION_ID = "aws-cdk-lib.aws-batch.FairshareSchedulingPolicy"

    def __init__(self, scope: Any, id: str, *, shares: Sequence[Share] | None = None,
                 compute_reservation: int | None = None, share_decay: Duration | None = None,
                 scheduling_policy_name: str | None = None) -> None:
        super().__init__(scope, id)
        check_str(self, "scheduling_policy_name", scheduling_policy_name)
        check_name(self, "scheduling_policy_name", scheduling_policy_name)
        self.compute_reservation = check_int(self, "compute_reservation", compute_reservation, minimum=0,
                                             maximum=MAX_COMPUTE_RESERVATION)
        self.share_decay = check_duration(self, "share_decay", share_decay)
        self._share_decay_seconds = self._check_share_decay(share_decay)
        self._shares: list[Share] = []
        for index, share in enumerate(check_list(self, "shares", shares, expected="a list of Share") or ()):
            self._add_share(f"shares[{index}]", share)
        self.resource = self._new_l1("Resource", "batch_scheduling_policy", "BatchSchedulingPolicy",
                                     name=scheduling_policy_name or generated_name(self),
                                     render=self._render_resource, taggable=True)

    def _check_share_decay(self, value: Any) -> Any:
        if value is None:
            return None
        seconds = seconds_of(self, value)
        if is_unresolved(seconds):
            return seconds
        return check_int(self, "share_decay (in seconds)", seconds, minimum=0, maximum=MAX_SHARE_DECAY_SECONDS)

    def add_share(self, share: Share | None = None, *, share_identifier: str | None = None,
                  weight_factor: float | None = None) -> None:
        """Append a share (a ``Share``, a dict of its fields, or the fields as keywords)."""
        if share is None:
            self._shares.append(Share(**Share._checked(self, "", share_identifier, weight_factor)))
            return
        if share_identifier is not None or weight_factor is not None:
            raise ValidationError(self, "add_share() takes a Share or 'share_identifier' and 'weight_factor', "
                                        "not both")
        self._add_share("share", share)

    def _add_share(self, keyword: str, share: Any) -> None:
        self._shares.append(_as_share(self, keyword, share))

    @property
    def shares(self) -> list[Share]:
        return list(self._shares)

    def _validate(self) -> list[str]:
        problems = []
        id = node_id(self)
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


class ImportedFairshareSchedulingPolicy(Imported, _FairshareSchedulingPolicyMembers):
    """A fair-share policy known by ARN: creates nothing."""

    def __init__(self, scope: Any, id: str, arn: str) -> None:
        super().__init__(scope, id)
        self.scheduling_policy_arn = self._keep_arn(
            "fairshare_scheduling_policy_arn", arn, pattern=POLICY_ARN,
            rule="a scheduling policy ARN (arn:<partition>:batch:<region>:<account>:scheduling-policy/<name>)")
        self.scheduling_policy_name = arn_resource_name(arn)
        self.compute_reservation = None
        self.share_decay = None
        self.shares: list[Share] = []

    def add_share(self, share: Share | None = None, *, share_identifier: str | None = None,
                  weight_factor: float | None = None) -> None:
        raise ValidationError(self.path, f"cannot add shares to imported FairshareSchedulingPolicy '{self.node_id}'")


class _L1SchedulingPolicy(_SchedulingPolicyMembers):
    """Adapter for the provider's ``BatchSchedulingPolicy`` L1."""

    def __init__(self, l1: Any) -> None:
        self.resource = l1
        self.scheduling_policy_arn = l1.arn
        self.scheduling_policy_name = l1.name


def as_scheduling_policy(value: Any, *, scope: Any = None, keyword: str = "scheduling_policy") -> Any:
    """A policy of this library, an import, anything with ``scheduling_policy_arn`` and
    ``scheduling_policy_name``, or the provider's ``BatchSchedulingPolicy`` L1 (E21 otherwise)."""
    if hasattr(value, "scheduling_policy_arn") and hasattr(value, "scheduling_policy_name"):
        return value
    if getattr(value, "terraform_resource_type", None) == "aws_batch_scheduling_policy":
        return _L1SchedulingPolicy(value)
    raise ValidationError(scope, "'schedulingPolicy' instance should implement ISchedulingPolicy, but doesn't: "
                                 f"{type(value).__name__} ('{keyword}' takes a FairshareSchedulingPolicy, its "
                                 f"import or the provider's BatchSchedulingPolicy, got {describe(value)})")


from ._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
