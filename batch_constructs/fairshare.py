"""A fair-share calculator to run before deploying (pure Python: no jsii, no AWS).

It answers the two questions the AWS CDK README works through by hand:

* **How much capacity does ``compute_reservation`` hold back?** With ``N`` active shares
  (share identifiers with at least one job in the queue) Batch reserves
  ``(compute_reservation / 100) ** N`` of the maximum vCPUs for the other identifiers:
  75 → 100 %, 75 %, 56.25 %, 42.1875 % for ``N`` = 0, 1, 2, 3.
* **How many jobs of each share run?** Batch balances ``vCPUs × weight_factor`` across active
  shares (a lower weight gets more compute: weight 0.5 gets twice the vCPUs of weight 1). So
  the jobs of share ``i`` are proportional to ``1 / (weight_i × vcpus_per_job_i)``: with equal
  weights, 32-vCPU ``A`` jobs and 64-vCPU ``B`` jobs run two ``A`` per ``B``.

>>> reserved_fraction(75, 2)
0.5625
>>> job_ratio({"A": 1, "B": 1}, {"A": 32, "B": 64})
{'A': Fraction(2, 1), 'B': Fraction(1, 1)}

``python -m batch_constructs fairshare --compute-reservation 75 --share A=1 --share B=1
--vcpus A=32 --vcpus B=64`` prints both tables.

The numbers are the steady state of Batch's documented rules; the real scheduler also works
in whole jobs, honours ``share_decay`` (past usage) and job ``scheduling_priority``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Iterable, Mapping, Sequence

from ._check import check_instance, check_int, check_list, check_number, check_str
from ._errors import ValidationError

__all__ = ["FairshareCalculation", "ReservationRow", "ShareRow", "calculate_fairshare", "job_ratio",
           "reservation_table", "reserved_fraction", "vcpu_split"]


#: What the calculator accepts, as Batch does: weight factors 0.0001-999.9999 and vCPUs per job of
#: at least 0.25 (Fargate's smallest size); at most 500 share identifiers are active in a queue.
MIN_WEIGHT_FACTOR, MAX_WEIGHT_FACTOR = 0.0001, 999.9999
MIN_VCPUS_PER_JOB = 0.25
MAX_ACTIVE_SHARES = 500


def _fraction(value: Any, keyword: str, *, minimum: float | None = None, maximum: float | None = None) -> Fraction:
    """A finite number (``int``, ``float`` or ``Fraction``, never a string or a bool) as an exact
    ``Fraction`` (floats by their shortest decimal: 0.1 is 1/10)."""
    number = float(value) if isinstance(value, Fraction) else value
    check_number(None, keyword, number, minimum=minimum, maximum=maximum, required=True)
    return value if isinstance(value, Fraction) else Fraction(str(value))


def _reservation(compute_reservation: Any) -> Fraction:
    value = check_int(None, "compute_reservation", compute_reservation, minimum=0, maximum=99)
    return Fraction(0) if value is None else Fraction(value, 100)


def reserved_fraction(compute_reservation: int | None, active_shares: int, *, exact: bool = False) -> Any:
    """The fraction of the maximum vCPUs kept for share identifiers with no job in the queue,
    while ``active_shares`` identifiers have jobs: ``(compute_reservation / 100) ** active_shares``.

    No reservation (``None`` or 0) reserves nothing once a share is active (and everything,
    trivially, while none is). ``exact=True`` returns a ``Fraction``.
    """
    active_shares = check_int(None, "active_shares", active_shares, minimum=0, maximum=MAX_ACTIVE_SHARES,
                              required=True)
    value = _reservation(compute_reservation) ** active_shares
    return value if exact else float(value)


@dataclass(frozen=True)
class ReservationRow:
    active_shares: int
    reserved: Fraction        # kept for identifiers with no job in the queue
    available: Fraction       # what the active shares compete for

    @property
    def reserved_percent(self) -> float:
        return float(self.reserved * 100)

    @property
    def available_percent(self) -> float:
        return float(self.available * 100)


def reservation_table(compute_reservation: int | None, max_active_shares: int) -> list[ReservationRow]:
    """One row per ``N`` = 0 … ``max_active_shares``: the reserved and available fractions."""
    max_active_shares = check_int(None, "max_active_shares", max_active_shares, minimum=0,
                                  maximum=MAX_ACTIVE_SHARES, required=True)
    rows = []
    for n in range(max_active_shares + 1):
        reserved = reserved_fraction(compute_reservation, n, exact=True)
        rows.append(ReservationRow(n, reserved, 1 - reserved))
    return rows


def _per_share(keyword: str, values: Any, *, minimum: float, maximum: float | None = None) -> dict[str, Fraction]:
    check_instance(None, keyword, values, Mapping, "a dict of share identifier to number", required=True)
    out = {}
    for share, value in values.items():
        check_str(None, f"{keyword} key", share, required=True)
        out[share] = _fraction(value, f"{keyword}[{share!r}]", minimum=minimum, maximum=maximum)
    return out


def _weights(weights: Mapping[str, Any]) -> dict[str, Fraction]:
    out = _per_share("weights", weights, minimum=MIN_WEIGHT_FACTOR, maximum=MAX_WEIGHT_FACTOR)
    if not out:
        raise ValidationError(None, "'weights' must name at least one share, got {}")
    return out


def vcpu_split(weights: Mapping[str, Any]) -> dict[str, Fraction]:
    """The fraction of the available vCPUs each share gets when all of them have enough jobs
    waiting: proportional to ``1 / weight_factor``; the fractions add up to 1."""
    inverse = {share: 1 / w for share, w in _weights(weights).items()}
    total = sum(inverse.values())
    return {share: value / total for share, value in inverse.items()}


def job_ratio(weights: Mapping[str, Any], vcpus_per_job: Mapping[str, Any]) -> dict[str, Fraction]:
    """Jobs running per share, relative to the share that runs fewest (which gets 1).

    Batch balances ``vcpus_i * weight_i`` across shares, so ``jobs_i ∝ 1 / (weight_i *
    vcpus_per_job_i)``. ``job_ratio({"A": 1, "B": 1}, {"A": 32, "B": 64})`` is ``{"A": 2, "B": 1}``.
    """
    w = _weights(weights)
    per_job = _per_share("vcpus_per_job", vcpus_per_job, minimum=MIN_VCPUS_PER_JOB)
    missing = sorted(set(w) - set(per_job))
    if missing:
        raise ValidationError(None, f"'vcpus_per_job': no vCPUs per job given for share(s) {', '.join(missing)}")
    rate = {share: 1 / (w[share] * per_job[share]) for share in w}
    lowest = min(rate.values())
    return {share: value / lowest for share, value in rate.items()}


@dataclass(frozen=True)
class ShareRow:
    share_identifier: str
    weight_factor: Fraction
    vcpu_fraction: Fraction               # of the capacity available to the active shares
    vcpus_per_job: Fraction | None = None
    jobs_ratio: Fraction | None = None    # relative to the share running fewest jobs
    vcpus: Fraction | None = None         # with max_vcpus: vCPUs this share gets
    jobs: Fraction | None = None          # with max_vcpus: jobs that fit (may be fractional)


@dataclass
class FairshareCalculation:
    """The result of :func:`calculate_fairshare`; ``str()`` or :meth:`format` gives the tables."""

    compute_reservation: int | None
    reservation: list[ReservationRow]
    shares: list[ShareRow] = field(default_factory=list)
    max_vcpus: int | None = None

    def format(self) -> str:
        return format_calculation(self)

    def __str__(self) -> str:
        return self.format()


def _policy_values(policy: Any) -> tuple[int | None, dict[str, Any]]:
    if not hasattr(policy, "shares"):
        raise ValidationError(None, "'policy' must be a FairshareSchedulingPolicy (or anything with 'shares' and "
                                    f"'compute_reservation'), got {type(policy).__name__}")
    shares = {}
    for index, share in enumerate(check_list(None, "policy.shares", policy.shares) or ()):
        keyword = f"policy.shares[{index}]"
        if isinstance(share, Mapping):
            identifier, weight = share.get("share_identifier"), share.get("weight_factor")
        else:
            identifier, weight = getattr(share, "share_identifier", None), getattr(share, "weight_factor", None)
        shares[check_str(None, f"{keyword}.share_identifier", identifier, required=True)] = \
            _fraction(weight, f"{keyword}.weight_factor")
    return getattr(policy, "compute_reservation", None), shares


def calculate_fairshare(policy: Any = None, *, compute_reservation: int | None = None,
                        weights: Mapping[str, Any] | None = None,
                        vcpus_per_job: Mapping[str, Any] | None = None,
                        max_vcpus: int | None = None, max_active_shares: int | None = None) -> FairshareCalculation:
    """Everything at once, from a ``FairshareSchedulingPolicy`` (or anything with ``shares``
    and ``compute_reservation``) or from ``compute_reservation`` and ``weights`` directly.

    :param vcpus_per_job: vCPUs one job of each share needs (adds the job ratio).
    :param max_vcpus: the queue's maximum vCPUs (adds vCPUs and jobs per share with every
        listed share active).
    :param max_active_shares: rows of the reservation table (default: the number of shares,
        at least 3).
    """
    if policy is not None:
        policy_reservation, policy_weights = _policy_values(policy)
        compute_reservation = policy_reservation if compute_reservation is None else compute_reservation
        weights = policy_weights if weights is None else weights
    weights = dict(_per_share("weights", weights, minimum=MIN_WEIGHT_FACTOR, maximum=MAX_WEIGHT_FACTOR)) \
        if weights is not None else {}
    max_vcpus = check_int(None, "max_vcpus", max_vcpus, minimum=0)
    if max_active_shares is None:
        max_active_shares = min(max(len(weights), 3), MAX_ACTIVE_SHARES)
    table = reservation_table(compute_reservation, max_active_shares)
    rows: list[ShareRow] = []
    if weights:
        split = vcpu_split(weights)
        ratio = job_ratio(weights, vcpus_per_job) if vcpus_per_job else {}
        available = 1 - reserved_fraction(compute_reservation, len(weights), exact=True)
        for share, fraction in split.items():
            per_job = _fraction(vcpus_per_job[share], f"vcpus_per_job[{share!r}]") if vcpus_per_job else None
            vcpus = jobs = None
            if max_vcpus is not None:
                vcpus = Fraction(max_vcpus) * available * fraction
                jobs = vcpus / per_job if per_job else None
            rows.append(ShareRow(share, weights[share], fraction, per_job,
                                 ratio.get(share), vcpus, jobs))
    return FairshareCalculation(compute_reservation, table, rows, max_vcpus)


def _num(value: Fraction | float | None, digits: int = 4) -> str:
    if value is None:
        return "-"
    value = Fraction(value) if not isinstance(value, Fraction) else value
    if value.denominator == 1:
        return str(value.numerator)
    text = f"{float(value):.{digits}f}".rstrip("0").rstrip(".")
    return text if Fraction(text) == value else "~" + text


def _pct(value: Fraction) -> str:
    return _num(value * 100, 6) + " %"


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    rows = [list(r) for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    line = lambda cells: "| " + " | ".join(c.rjust(w) for c, w in zip(cells, widths)) + " |"  # noqa: E731
    rule = "|" + "|".join("-" * (w + 1) + ":" for w in widths) + "|"
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


def format_calculation(calc: FairshareCalculation) -> str:
    parts = [f"Compute reservation: {calc.compute_reservation or 0} %",
             "",
             _table(["active shares", "reserved for other shares", "available to active shares"],
                    [[str(r.active_shares), _pct(r.reserved), _pct(r.available)] for r in calc.reservation])]
    if calc.shares:
        headers = ["share", "weight factor", "vCPU split"]
        with_jobs = any(r.vcpus_per_job is not None for r in calc.shares)
        if with_jobs:
            headers += ["vCPUs per job", "jobs (relative)"]
        if calc.max_vcpus is not None:
            headers += ["vCPUs", "jobs"] if with_jobs else ["vCPUs"]
        rows = []
        for r in calc.shares:
            row = [r.share_identifier, _num(r.weight_factor), _pct(r.vcpu_fraction)]
            if with_jobs:
                row += [_num(r.vcpus_per_job), _num(r.jobs_ratio)]
            if calc.max_vcpus is not None:
                row += [_num(r.vcpus, 2), _num(r.jobs, 2)] if with_jobs else [_num(r.vcpus, 2)]
            rows.append(row)
        title = "Shares (every listed share active"
        title += f", {calc.max_vcpus} max vCPUs)" if calc.max_vcpus is not None else ")"
        parts += ["", title, "", _table(headers, rows)]
    return "\n".join(parts)


def _parse_pairs(values: Sequence[str] | None, what: str) -> dict[str, Fraction]:
    """``A=1,B=0.5`` → ``{"A": Fraction(1), "B": Fraction(1, 2)}`` (command-line text only)."""
    out: dict[str, Fraction] = {}
    for item in values or ():
        for part in item.split(","):
            if not part.strip():
                continue
            name, _, value = part.partition("=")
            try:
                out[name.strip()] = Fraction(value.strip())
            except ValueError:
                raise ValueError(f"{what} must look like NAME=NUMBER, got {part!r}") from None
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m batch_constructs fairshare [...]``: print the calculator's tables."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(
        prog="python -m batch_constructs fairshare",
        description="Fair-share calculator: capacity held back by compute_reservation and the "
                    "expected job ratio between shares.")
    parser.add_argument("--compute-reservation", type=int, default=None, metavar="PERCENT",
                        help="the policy's compute_reservation (0-99)")
    parser.add_argument("--share", action="append", metavar="ID=WEIGHT",
                        help="a share and its weight factor (repeatable, or comma-separated)")
    parser.add_argument("--vcpus", action="append", metavar="ID=VCPUS",
                        help="vCPUs one job of the share needs (repeatable, or comma-separated)")
    parser.add_argument("--max-vcpus", type=int, default=None, help="the queue's maximum vCPUs")
    parser.add_argument("--active", type=int, default=None, metavar="N",
                        help="last row of the reservation table (default: number of shares, at least 3)")
    args = parser.parse_args(argv)
    try:
        weights = _parse_pairs(args.share, "--share")
        vcpus = _parse_pairs(args.vcpus, "--vcpus")
        unknown = sorted(set(vcpus) - set(weights))
        if unknown:
            raise ValueError(f"--vcpus names share(s) without --share: {', '.join(unknown)}")
        calc = calculate_fairshare(compute_reservation=args.compute_reservation, weights=weights,
                                   vcpus_per_job=vcpus or None, max_vcpus=args.max_vcpus,
                                   max_active_shares=args.active)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(calc.format())
    return 0


from ._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
