"""``App``: a cdktf ``App`` whose ``synth()`` validates in Python first and never leaves a
half-written ``cdktf.out``.

``synth()`` runs every check of this library (raising :class:`~batch_constructs.ValidationError`
before anything is written), synthesizes into a staging directory beside the output directory,
and only then swaps it in. A failed synth leaves the previous output byte-for-byte intact.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from ._runtime import quiet_node_banners

quiet_node_banners()

import cdktf  # noqa: E402

from ._base import finalize_tree, validate_tree  # noqa: E402
from ._fs import swap_in  # noqa: E402

__all__ = ["App", "synth_safely"]


class App(cdktf.App):
    """``App(outdir=None, **cdktf_app_kwargs)``; ``outdir`` defaults to ``$CDKTF_OUTDIR`` or
    ``cdktf.out``. Everything else is passed to ``cdktf.App``."""

    def __init__(self, *, outdir: str | None = None, **kwargs: Any) -> None:
        final = Path(outdir or os.environ.get("CDKTF_OUTDIR") or "cdktf.out")
        staging = final.with_name(final.name + ".staging")
        shutil.rmtree(staging, ignore_errors=True)
        staging.parent.mkdir(parents=True, exist_ok=True)
        super().__init__(outdir=str(staging), **kwargs)
        self._final_outdir = final
        self._staging_outdir = staging

    @property
    def final_outdir(self) -> Path:
        return self._final_outdir

    def synth(self) -> None:
        synth_safely(self, super().synth, self._staging_outdir, self._final_outdir)


def synth_safely(app: Any, synth: Any, staging: Path, final: Path) -> None:
    try:
        validate_tree(app)
        finalize_tree(app)
        synth()
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap_in(staging, final)
