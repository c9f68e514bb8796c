"""moto 5.x gaps that make a second ``terraform plan`` show a change AWS would not show.

Each entry: (resource type, attribute) → why. The end-to-end test tolerates a planned update
only when every changed attribute is listed here; everything else must plan quietly.
"""
from __future__ import annotations

KNOWN_GAPS: dict[tuple[str, str], str] = {}
