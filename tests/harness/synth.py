"""Synthesize the example stacks into a directory and load their JSON."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def selected_stacks() -> list[str]:
    """Every example stack, or those named in ``E2E_STACKS`` (comma-separated; prefix
    patterns ending in ``*`` allowed) while developing; CI sets it only for the cdktn end-to-end part (dev.sh)."""
    import fnmatch
    import os

    import stacks
    names = list(stacks.all_stacks())
    wanted = [w.strip() for w in os.environ.get("E2E_STACKS", "").split(",") if w.strip()]
    if not wanted:
        return names
    return [n for n in names if any(fnmatch.fnmatch(n, w) for w in wanted)]


def synth_examples(outdir: Path, *, provider_config: dict[str, Any] | None = None,
                   only: list[str] | None = None) -> dict[str, dict[str, Any]]:
    import stacks
    from batch_constructs import App

    app = App(outdir=str(outdir))
    built = stacks.build_all(app, provider_config=provider_config, only=only)
    app.synth()
    return {s.node.id: json.loads((outdir / "stacks" / s.node.id / "cdk.tf.json").read_text())
            for s in built}
