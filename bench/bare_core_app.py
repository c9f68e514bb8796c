"""The core's floor for the benchmark: ``cdktf.App`` + one empty ``TerraformStack`` + ``synth()``.

    python bench/bare_core_app.py OUTDIR
"""
from __future__ import annotations

import sys

from cdktf import App, TerraformStack  # bench/run.py passes JSII_NODE: the same Node as the others

if __name__ == "__main__":
    app = App(outdir=sys.argv[1])
    TerraformStack(app, "empty")
    app.synth()
