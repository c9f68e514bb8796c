"""moto 5.x gaps that make a second ``terraform plan`` show a change AWS would not show.

Each entry: (resource type, attribute) → why. The end-to-end test tolerates a planned update
only when every changed attribute is listed here; everything else must plan quietly.
"""
from __future__ import annotations

from typing import Any

KNOWN_GAPS: dict[tuple[str, str], str] = {}


def unexplained_changes(changes: list[tuple[str, str, list[str]]]) -> list[tuple[str, str, list[str]]]:
    """The planned changes of a second plan that ``KNOWN_GAPS`` does not explain: anything but an
    update, or an update of an attribute not listed."""
    unexplained = [(address, actions, [k for k in keys if (address.split(".")[0], k) not in KNOWN_GAPS])
                   for address, actions, keys in changes]
    return [u for u in unexplained if u[2] or u[1] != "update"]


def assert_clean_cycle(result: dict[str, Any]) -> None:
    """An apply cycle's results (``apply``, ``plan``, ``changes``, ``readback``, ``destroy``): the
    apply succeeded, the second plan is quiet but for known emulator gaps, the read-back found no
    difference, and the destroy succeeded."""
    result["apply"].check()
    plan = result["plan"]
    if plan.returncode == 2:
        unexplained = unexplained_changes(result["changes"])
        assert not unexplained, f"second plan is not quiet: {unexplained}\n{plan.stdout[-4000:]}"
    else:
        plan.check(0)
    assert result["readback"] is None, result["readback"]
    result["destroy"].check()
