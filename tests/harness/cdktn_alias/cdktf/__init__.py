"""The CDK Terrain lane only (on ``PYTHONPATH`` when ``BATCH_CONSTRUCTS_CORE=cdktn``, set by ``tests/conftest.py``):
the tests' own ``import cdktf`` gets the ``cdktn`` module, whose Python API is the same. The library never
imports ``cdktf`` by name on that lane (``tests/synth/test_thin_bindings.py`` checks it)."""
import sys

import cdktn

sys.modules[__name__] = cdktn
