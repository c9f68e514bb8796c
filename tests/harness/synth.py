"""Synthesize the example stacks into a directory and load their JSON."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def synth_examples(outdir: Path, *, provider_config: dict[str, Any] | None = None,
                   only: list[str] | None = None) -> dict[str, dict[str, Any]]:
    import stacks
    from batch_constructs import App

    app = App(outdir=str(outdir))
    built = stacks.build_all(app, provider_config=provider_config, only=only)
    app.synth()
    return {s.node.id: json.loads((outdir / "stacks" / s.node.id / "cdk.tf.json").read_text())
            for s in built}
