"""The core's floor for the benchmark: ``App`` + one empty ``TerraformStack`` + ``synth()`` of a core.

    python bench/bare_core_app.py OUTDIR [cdktf|cdktn]
"""
from __future__ import annotations

import importlib
import sys

if __name__ == "__main__":
    core = importlib.import_module(sys.argv[2] if len(sys.argv) > 2 else "cdktf")  # JSII_NODE from bench/run.py
    app = core.App(outdir=sys.argv[1])
    core.TerraformStack(app, "empty")
    app.synth()
