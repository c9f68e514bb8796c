"""The fair-share calculator (pure Python), checked against the seed README's worked numbers."""
from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import pytest

from batch_constructs.fairshare import (calculate_fairshare, job_ratio, main, reservation_table,
                                        reserved_fraction, vcpu_split)

REPO = Path(__file__).resolve().parents[2]


# -- compute reservation: "(75/100)^N" ------------------------------------------------------------

def test_seed_reservation_numbers_exactly() -> None:
    # Seed: 0 active shares -> 100 %, then 75 %, 56.25 %, 42.1875 %; A, B and C keep 57.8125 %.
    assert [reserved_fraction(75, n) for n in range(4)] == [1.0, 0.75, 0.5625, 0.421875]
    assert [reserved_fraction(75, n, exact=True) for n in range(4)] == [
        Fraction(1), Fraction(3, 4), Fraction(9, 16), Fraction(27, 64)]
    rows = reservation_table(75, 3)
    assert [r.reserved_percent for r in rows] == [100.0, 75.0, 56.25, 42.1875]
    assert rows[3].available_percent == 57.8125
    assert [r.active_shares for r in rows] == [0, 1, 2, 3]


def test_no_reservation_reserves_nothing_once_a_share_is_active() -> None:
    assert reserved_fraction(None, 1) == 0.0 and reserved_fraction(0, 3) == 0.0


@pytest.mark.parametrize("value", [-1, 100, 12.5, "x"])
def test_reservation_must_be_what_aws_accepts(value: object) -> None:
    with pytest.raises(ValueError, match="'compute_reservation' must be"):
        reserved_fraction(value, 1)  # type: ignore[arg-type]


def test_active_shares_must_be_whole() -> None:
    with pytest.raises(ValueError, match=r"'active_shares' must be a whole number from 0 to 500, got -1 \(int\)"):
        reserved_fraction(75, -1)


# -- job ratios: "two A jobs per B job" -----------------------------------------------------------

def test_seed_job_ratio_equal_weights() -> None:
    assert job_ratio({"A": 1, "B": 1}, {"A": 32, "B": 64}) == {"A": 2, "B": 1}


def test_lower_weight_gets_more_compute() -> None:
    # AWS: a share with weight 0.125 gets 8 times the compute of a share with weight 1.
    assert vcpu_split({"fast": 0.125, "slow": 1}) == {"fast": Fraction(8, 9), "slow": Fraction(1, 9)}
    assert job_ratio({"fast": 0.125, "slow": 1}, {"fast": 4, "slow": 4}) == {"fast": 8, "slow": 1}
    assert sum(vcpu_split({"A": 1, "B": 0.5, "C": 2}).values()) == 1


def test_job_ratio_needs_vcpus_for_every_share() -> None:
    with pytest.raises(ValueError, match="no vCPUs per job given for share\\(s\\) B"):
        job_ratio({"A": 1, "B": 1}, {"A": 32})
    with pytest.raises(ValueError, match=r"'weights\['A'\]' must be a number from 0.0001 to 999.9999, got 0 \(int\)"):
        job_ratio({"A": 0}, {"A": 32})
    with pytest.raises(ValueError, match=r"'vcpus_per_job\['A'\]' must be a number of at least 0.25, got -2 \(int\)"):
        job_ratio({"A": 1}, {"A": -2})


# -- the whole calculation ------------------------------------------------------------------------

@dataclass
class _Share:
    share_identifier: str
    weight_factor: float


@dataclass
class _Policy:  # what FairshareSchedulingPolicy exposes, without jsii
    compute_reservation: int | None
    shares: list[_Share]


def test_calculation_from_a_policy() -> None:
    policy = _Policy(75, [_Share("A", 1), _Share("B", 0.5), _Share("C", 2)])
    calc = calculate_fairshare(policy, vcpus_per_job={"A": 32, "B": 64, "C": 16}, max_vcpus=256)
    assert [r.reserved_percent for r in calc.reservation] == [100.0, 75.0, 56.25, 42.1875]
    rows = {r.share_identifier: r for r in calc.shares}
    assert rows["B"].vcpu_fraction == 2 * rows["A"].vcpu_fraction == 4 * rows["C"].vcpu_fraction
    # All three active: they compete for 57.8125 % of 256 vCPUs = 148 vCPUs.
    assert sum(r.vcpus for r in calc.shares) == 148
    assert rows["A"].vcpus == Fraction(148 * 2, 7)


def test_table_text() -> None:
    text = calculate_fairshare(compute_reservation=75, weights={"A": 1, "B": 1},
                               vcpus_per_job={"A": 32, "B": 64}).format()
    lines = text.splitlines()
    assert lines[0] == "Compute reservation: 75 %"
    assert "| 0 | 100 % | 0 % |" in _squeeze(text)
    assert "| 1 | 75 % | 25 % |" in _squeeze(text)
    assert "| 2 | 56.25 % | 43.75 % |" in _squeeze(text)
    assert "| 3 | 42.1875 % | 57.8125 % |" in _squeeze(text)
    assert "| A | 1 | 50 % | 32 | 2 |" in _squeeze(text)
    assert "| B | 1 | 50 % | 64 | 1 |" in _squeeze(text)


def _squeeze(text: str) -> str:
    return "\n".join(" ".join(line.split()) for line in text.splitlines())


def test_command_prints_the_seed_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--compute-reservation", "75", "--share", "A=1,B=1", "--vcpus", "A=32", "--vcpus", "B=64"]) == 0
    out = _squeeze(capsys.readouterr().out)
    for row in ("| 2 | 56.25 % | 43.75 % |", "| 3 | 42.1875 % | 57.8125 % |", "| A | 1 | 50 % | 32 | 2 |"):
        assert row in out


def test_command_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--share", "A=1", "--vcpus", "B=64"]) == 2
    assert capsys.readouterr().err == "error: --vcpus names share(s) without --share: B\n"
    assert main(["--share", "A"]) == 2
    assert capsys.readouterr().err == "error: --share must look like NAME=NUMBER, got 'A'\n"
    assert main(["--compute-reservation", "100"]) == 2
    assert "'compute_reservation' must be a whole number from 0 to 99, got 100 (int)" in capsys.readouterr().err


def test_python_dash_m_without_jsii() -> None:
    """``python -m batch_constructs fairshare`` works and never starts the jsii runtime."""
    code = ("import sys, runpy; sys.argv = ['batch_constructs', 'fairshare', '--compute-reservation', '75'];\n"
            "try:\n    runpy.run_module('batch_constructs', run_name='__main__')\n"
            "except SystemExit as e:\n    assert e.code == 0, e.code\n"
            "assert 'jsii' not in sys.modules and 'cdktf' not in sys.modules, 'jsii loaded'\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "| 3 | 42.1875 % | 57.8125 % |" in _squeeze(result.stdout)


def test_python_dash_m_usage() -> None:
    result = subprocess.run([sys.executable, "-m", "batch_constructs"], cwd=REPO, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 2 and "fairshare" in result.stdout
