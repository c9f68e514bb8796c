"""``Duration``, ``Size``, ``Tags`` and ``RemovalPolicy`` with the names of ``aws_cdk``.

Pure Python: importing this module does not start the jsii runtime.
"""
from __future__ import annotations

import enum
from fractions import Fraction
from typing import Any

from ._errors import ValidationError
from ._identity import construct_key  # noqa: F401 (its users import it from here)
from ._tokens import format_number, is_unresolved

__all__ = ["Duration", "IPropertyInjector", "InjectionContext", "PropertyInjectors", "RemovalPolicy", "Size",
           "SizeRoundingBehavior", "TagManager", "TagType", "Tags",
           "TimeConversionOptions"]


def _whole(amount: float, unit: str, target: str, factor: Fraction, integral: bool, cls: str = "Duration") -> float:
    if is_unresolved(amount):
        if factor == 1:
            return amount
        raise ValidationError(None, f"{cls} must be specified as '{cls}.{target}()' here since its value comes "
                                    f"from a token and cannot be converted (got {cls}.{unit})")
    value = Fraction(str(amount)) * factor
    if integral and value.denominator != 1:
        if factor == 1:
            raise ValidationError(None, f"{format_number(amount)} must be a whole number of {unit}.")
        raise ValidationError(
            None, f"'{format_number(amount)} {unit}' cannot be converted into a whole number of {target}.")
    return int(value) if value.denominator == 1 else float(value)


def _amount(cls: str, unit: str, amount: Any) -> Any:
    """A factory's amount: a finite, non-negative number, or a cdktf number token (kept as is;
    conversions of a token raise, so only ``Duration.seconds(token)``-style uses consume it)."""
    from ._check import check_number

    if isinstance(amount, float) and is_unresolved(amount):
        return amount
    check_number(None, f"{cls}.{unit}() amount", amount)
    if amount < 0:
        noun = "Duration" if cls == "Duration" else "Storage"
        raise ValidationError(None, f"{noun} amounts cannot be negative. Received: {format_number(amount)}")
    return amount


class TimeConversionOptions:
    def __init__(self, *, integral: bool = True) -> None:
        self.integral = integral


class Duration:
    """A length of time. ``Duration.minutes(10).to_seconds() == 600``.

    Conversions that lose precision raise ``ValueError`` (AWS CDK's messages), unless
    ``integral=False`` is passed.
    """

    _MILLIS = {"millis": Fraction(1), "seconds": Fraction(1000), "minutes": Fraction(60_000),
               "hours": Fraction(3_600_000), "days": Fraction(86_400_000)}

    def __init__(self, amount: float, unit: str) -> None:
        self.amount = _amount("Duration", unit, amount)
        self.unit = unit

    @classmethod
    def millis(cls, amount: float) -> "Duration":
        return cls(amount, "millis")

    @classmethod
    def seconds(cls, amount: float) -> "Duration":
        return cls(amount, "seconds")

    @classmethod
    def minutes(cls, amount: float) -> "Duration":
        return cls(amount, "minutes")

    @classmethod
    def hours(cls, amount: float) -> "Duration":
        return cls(amount, "hours")

    @classmethod
    def days(cls, amount: float) -> "Duration":
        return cls(amount, "days")

    def _to(self, target: str, opts: TimeConversionOptions | None, integral: bool | None) -> float:
        if integral is None:
            integral = True if opts is None else opts.integral
        factor = self._MILLIS[self.unit] / self._MILLIS[target]
        return _whole(self.amount, self.unit, target, factor, integral)

    def to_milliseconds(self, opts: TimeConversionOptions | None = None, *, integral: bool | None = None) -> float:
        return self._to("millis", opts, integral)

    def to_seconds(self, opts: TimeConversionOptions | None = None, *, integral: bool | None = None) -> float:
        return self._to("seconds", opts, integral)

    def to_minutes(self, opts: TimeConversionOptions | None = None, *, integral: bool | None = None) -> float:
        return self._to("minutes", opts, integral)

    def to_hours(self, opts: TimeConversionOptions | None = None, *, integral: bool | None = None) -> float:
        return self._to("hours", opts, integral)

    def to_days(self, opts: TimeConversionOptions | None = None, *, integral: bool | None = None) -> float:
        return self._to("days", opts, integral)

    def to_human_string(self) -> str:
        return f"{format_number(self.amount)} {self.unit}"

    def __repr__(self) -> str:
        return f"Duration.{self.unit}({format_number(self.amount)})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Duration) and \
            Fraction(str(self.amount)) * self._MILLIS[self.unit] == Fraction(str(other.amount)) * self._MILLIS[other.unit]

    def __hash__(self) -> int:
        return hash(Fraction(str(self.amount)) * self._MILLIS[self.unit])


class SizeRoundingBehavior(enum.StrEnum):
    FAIL = "FAIL"
    FLOOR = "FLOOR"
    NONE = "NONE"


class Size:
    """An amount of storage. ``Size.gibibytes(1).to_mebibytes() == 1024``.

    Conversions to a whole number of a smaller-or-larger unit raise ``ValueError`` when they
    would lose precision (``rounding=SizeRoundingBehavior.FAIL``, the default).
    """

    _BYTES = {"bytes": Fraction(1), "kibibytes": Fraction(1024), "mebibytes": Fraction(1024 ** 2),
              "gibibytes": Fraction(1024 ** 3), "tebibytes": Fraction(1024 ** 4),
              "pebibytes": Fraction(1024 ** 5)}

    def __init__(self, amount: float, unit: str) -> None:
        self.amount = _amount("Size", unit, amount)
        self.unit = unit

    @classmethod
    def bytes(cls, amount: float) -> "Size":
        return cls(amount, "bytes")

    @classmethod
    def kibibytes(cls, amount: float) -> "Size":
        return cls(amount, "kibibytes")

    @classmethod
    def mebibytes(cls, amount: float) -> "Size":
        return cls(amount, "mebibytes")

    @classmethod
    def gibibytes(cls, amount: float) -> "Size":
        return cls(amount, "gibibytes")

    @classmethod
    def tebibytes(cls, amount: float) -> "Size":
        return cls(amount, "tebibytes")

    @classmethod
    def pebibytes(cls, amount: float) -> "Size":
        return cls(amount, "pebibytes")

    def _to(self, target: str, rounding: SizeRoundingBehavior | None) -> float:
        rounding = rounding or SizeRoundingBehavior.FAIL
        factor = self._BYTES[self.unit] / self._BYTES[target]
        if rounding is SizeRoundingBehavior.FLOOR and not is_unresolved(self.amount):
            return int(Fraction(str(self.amount)) * factor)
        return _whole(self.amount, self.unit, target, factor, rounding is SizeRoundingBehavior.FAIL, "Size")

    def to_bytes(self, *, rounding: SizeRoundingBehavior | None = None) -> float:
        return self._to("bytes", rounding)

    def to_kibibytes(self, *, rounding: SizeRoundingBehavior | None = None) -> float:
        return self._to("kibibytes", rounding)

    def to_mebibytes(self, *, rounding: SizeRoundingBehavior | None = None) -> float:
        return self._to("mebibytes", rounding)

    def to_gibibytes(self, *, rounding: SizeRoundingBehavior | None = None) -> float:
        return self._to("gibibytes", rounding)

    def to_tebibytes(self, *, rounding: SizeRoundingBehavior | None = None) -> float:
        return self._to("tebibytes", rounding)

    def to_pebibytes(self, *, rounding: SizeRoundingBehavior | None = None) -> float:
        return self._to("pebibytes", rounding)

    def __repr__(self) -> str:
        return f"Size.{self.unit}({format_number(self.amount)})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Size) and \
            Fraction(str(self.amount)) * self._BYTES[self.unit] == Fraction(str(other.amount)) * self._BYTES[other.unit]

    def __hash__(self) -> int:
        return hash(Fraction(str(self.amount)) * self._BYTES[self.unit])


class RemovalPolicy(enum.StrEnum):
    """What happens to a resource when Terraform would delete it (``aws_cdk.RemovalPolicy``),
    mapped to the nearest Terraform meaning by :func:`removal_policy_attributes`:

    * ``DESTROY``: nothing added; ``terraform destroy`` (or removing the construct) deletes it.
    * ``RETAIN`` / ``RETAIN_ON_UPDATE_OR_DELETE``: ``skip_destroy = true`` where the provider
      offers it (Terraform forgets the resource and leaves it in the account, as CloudFormation's
      ``Retain``); elsewhere ``lifecycle { prevent_destroy = true }`` (Terraform refuses any plan
      that would delete it; remove it from the state first to let it go).
    * ``SNAPSHOT``: only for resources that keep a final snapshot; refused elsewhere.
    """

    DESTROY = "destroy"
    RETAIN = "retain"
    SNAPSHOT = "snapshot"
    RETAIN_ON_UPDATE_OR_DELETE = "retain-on-update-or-delete"


def removal_policy_attributes(scope: Any, keyword: str, policy: Any, *, kind: str,
                              skip_destroy: bool = False) -> dict[str, Any]:
    """The Terraform attributes of ``policy`` (a ``RemovalPolicy``, its name or value) for a
    resource of ``kind`` (``aws_...``); ``skip_destroy`` tells whether the resource has that
    argument. ``None`` adds nothing (the caller applies its own default first)."""
    from ._check import check_enum

    policy = check_enum(scope, keyword, policy, RemovalPolicy)
    if policy is None or policy is RemovalPolicy.DESTROY:
        return {}
    if policy is RemovalPolicy.SNAPSHOT:
        # AWS CDK / CloudFormation: the Snapshot deletion policy exists only for resources
        # with snapshots (volumes, databases, ...).
        raise ValidationError(scope, f"'{keyword}': {kind} has no snapshot to keep; RemovalPolicy.SNAPSHOT is "
                                     "only for resources with snapshots. Use RemovalPolicy.RETAIN or DESTROY")
    if skip_destroy:
        return {"skip_destroy": True}
    return {"lifecycle": {"prevent_destroy": True}}


# Tags live in ``tagging`` (AWS CDK has them in its root namespace, as ``core`` does here).
from .tagging import TagManager, Tags, TagType, tags_of, validate_tag  # noqa: E402,F401

# AWS CDK has these in its root namespace, as ``core`` does here.
from .injection import IPropertyInjector, InjectionContext, PropertyInjectors  # noqa: E402


from ._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
