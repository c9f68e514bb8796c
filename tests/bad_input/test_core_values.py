"""Rows for the value objects of ``core`` (Duration, Size): no construct, so the path is None."""
from __future__ import annotations

from typing import Any

from batch_constructs.core import Duration, Size

from ._table import Bad, params, run

ROWS = [
    Bad("duration-nan", lambda s, v: Duration.seconds(float("nan")), None, r"'Duration.seconds\(\) amount' must be a finite number, got nan"),
    Bad("duration-inf", lambda s, v: Duration.minutes(float("inf")), None, r"'Duration.minutes\(\) amount' must be a finite number"),
    Bad("duration-str", lambda s, v: Duration.hours("1"), None, r"got '1' \(str\)"),
    Bad("duration-bool", lambda s, v: Duration.days(True), None, r"got True \(bool\)"),
    Bad("duration-negative", lambda s, v: Duration.millis(-5), None, r"Duration amounts cannot be negative. Received: -5"),
    Bad("duration-lossy", lambda s, v: Duration.seconds(90).to_minutes(), None, r"'90 seconds' cannot be converted into a whole number of minutes"),
    Bad("duration-token-other-unit", lambda s, v: Duration.minutes(-1.888e289).to_seconds(), None, r"Duration must be specified as 'Duration.seconds\(\)'"),
    Bad("size-nan", lambda s, v: Size.mebibytes(float("nan")), None, r"'Size.mebibytes\(\) amount' must be a finite number"),
    Bad("size-inf", lambda s, v: Size.gibibytes(float("-inf")), None, r"must be a finite number"),
    Bad("size-str", lambda s, v: Size.gibibytes("2"), None, r"got '2' \(str\)"),
    Bad("size-negative", lambda s, v: Size.bytes(-1), None, r"Storage amounts cannot be negative"),
    Bad("size-lossy", lambda s, v: Size.mebibytes(1.5).to_mebibytes(), None, r"1.5 must be a whole number of mebibytes"),
]


@params(ROWS)
def test_value_objects(row: Bad, stack: Any, vpc: Any) -> None:
    run(row, stack, vpc)
