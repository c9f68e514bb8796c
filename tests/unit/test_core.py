"""Duration and Size: AWS CDK's factories, conversions and messages (no jsii)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from batch_constructs.core import Duration, Size, SizeRoundingBehavior


@pytest.mark.parametrize("duration, seconds", [
    (Duration.millis(120_000), 120), (Duration.seconds(90), 90), (Duration.minutes(10), 600),
    (Duration.hours(24), 86400), (Duration.days(7), 604800)])
def test_duration_to_seconds(duration: Duration, seconds: int) -> None:
    assert duration.to_seconds() == seconds
    assert isinstance(duration.to_seconds(), int)


def test_duration_lossy_conversion_raises_aws_cdk_message() -> None:
    with pytest.raises(ValueError, match=r"^'90 seconds' cannot be converted into a whole number of minutes\.$"):
        Duration.seconds(90).to_minutes()
    with pytest.raises(ValueError, match=r"^1\.5 must be a whole number of seconds\.$"):
        Duration.seconds(1.5).to_seconds()
    assert Duration.seconds(90).to_minutes(integral=False) == 1.5


def test_duration_rejects_negative_and_compares_by_length() -> None:
    with pytest.raises(ValueError):
        Duration.seconds(-1)
    assert Duration.minutes(1) == Duration.seconds(60)
    assert Duration.minutes(1) != Duration.seconds(61)


@pytest.mark.parametrize("size, mib", [
    (Size.mebibytes(2048), 2048), (Size.gibibytes(2), 2048), (Size.kibibytes(2048), 2),
    (Size.bytes(1024 * 1024), 1), (Size.tebibytes(1), 1024 * 1024)])
def test_size_to_mebibytes(size: Size, mib: int) -> None:
    assert size.to_mebibytes() == mib


def test_size_lossy_conversion_raises_aws_cdk_message() -> None:
    with pytest.raises(ValueError, match=r"^'1500 kibibytes' cannot be converted into a whole number of mebibytes\.$"):
        Size.kibibytes(1500).to_mebibytes()
    with pytest.raises(ValueError, match="cannot be converted into a whole number of gibibytes"):
        Size.mebibytes(1500).to_gibibytes()
    assert Size.kibibytes(1500).to_mebibytes(rounding=SizeRoundingBehavior.FLOOR) == 1


def test_core_does_not_start_jsii() -> None:
    code = "import sys, batch_constructs.core, batch_constructs.ecs; print('jsii' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
