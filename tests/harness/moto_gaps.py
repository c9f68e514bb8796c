"""moto 5.x gaps that make a second ``terraform plan`` show a change AWS would not show.

Each entry: (resource type, attribute) → why. The end-to-end test tolerates a planned update
only when every changed attribute is listed here; everything else must plan quietly.
"""
from __future__ import annotations

KNOWN_GAPS: dict[tuple[str, str], str] = {}


def unexplained_changes(changes: list[tuple[str, str, list[str]]]) -> list[tuple[str, str, list[str]]]:
    """The planned changes of a second plan that ``KNOWN_GAPS`` does not explain: anything but an
    update, or an update of an attribute not listed."""
    unexplained = [(address, actions, [k for k in keys if (address.split(".")[0], k) not in KNOWN_GAPS])
                   for address, actions, keys in changes]
    return [u for u in unexplained if u[2] or u[1] != "update"]
