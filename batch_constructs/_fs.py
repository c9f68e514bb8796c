"""Write-then-swap for output directories: a failure never leaves a half-written result."""
from __future__ import annotations

import shutil
from pathlib import Path


def swap_in(staging: Path, final: Path) -> None:
    """Replace ``final`` by the complete ``staging`` directory (the old one is removed)."""
    old = final.with_name(final.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    staging.rename(final)
    shutil.rmtree(old, ignore_errors=True)
