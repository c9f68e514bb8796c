"""``App``: the core's ``App`` (cdktf or cdktn) whose ``synth()`` validates in Python first and never loses a file.

``synth()`` runs every check of this library (raising :class:`~batch_constructs.ValidationError`
before anything is written), lets cdktf synthesize into a private temporary directory, checks
the result (no reference to a resource of another stack or app, every attribute fits the
provider schema: ``_schema_check``), and then commits it into the
output directory with :func:`batch_constructs._fs.commit`: only files a synth wrote are ever
replaced or removed; Terraform state, ``.terraform/``, lock files and anything else of the
user's stay. A failed synth leaves the previous output byte-for-byte intact, and nothing is
written beside the output directory.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
import weakref
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from ._runtime import quiet_node_banners

quiet_node_banners()

from ._base import finalize_tree, validate_tree  # noqa: E402
from ._core import _remember, cdk, core_named, default_core  # noqa: E402
from ._fs import commit  # noqa: E402
from ._references import check_references  # noqa: E402
from ._schema_check import check_schema  # noqa: E402

__all__ = ["App", "default_state_path"]

StagedHook = Callable[[Path], None]


def default_state_path(stack_id: str) -> str:
    """The local state file of a stack without a backend, relative to its working directory
    (``<outdir>/stacks/<id>``): the same from every stack, so cross-stack remote state finds it,
    and free of the caller's working directory, so synth is byte-identical from anywhere."""
    return f"../{stack_id}/terraform.{stack_id}.tfstate"


class _AppMeta(type):
    """``App(...)`` makes an instance of the App class of the chosen core (``core=`` or
    :func:`batch_constructs._core.default_core`), a subclass of both ``App`` and the core's."""

    def __call__(cls, *args: Any, core: str | None = None, **kwargs: Any) -> Any:
        if "_bc_core" in cls.__dict__:
            return super().__call__(*args, **kwargs)
        module = core_named(core) if core is not None else default_core()
        return _variant(cls, _remember(module))(*args, **kwargs)


@lru_cache(maxsize=None)
def _variant(cls: type, core: Any) -> type:
    jsii_meta = type(core.App)
    meta = type(f"App{jsii_meta.__name__}", (_AppMeta, jsii_meta), {})
    return meta(cls.__name__, (cls, core.App), {"__module__": cls.__module__, "__qualname__": cls.__qualname__,
                                                 "__doc__": cls.__doc__, "_bc_core": core})


class App(metaclass=_AppMeta):
    """``App(outdir=None, *, core=None, **app_kwargs)``: an ``App`` of the Terraform CDK core.

    :param outdir: the output directory; default ``$CDKTF_OUTDIR`` or ``cdktf.out``. Created
        (with its parents) at the first successful ``synth()``, never before.
    :param core: ``"cdktf"`` or ``"cdktn"`` (CDK Terrain); default ``$BATCH_CONSTRUCTS_CORE``, else
        the core imported (cdktf first), else the one installed. The instance is also an
        instance of that core's ``App``; the library's constructs follow it.
    Everything else goes to the core's ``App`` (``context``, ``stack_traces``, ``skip_validation``,
    ``hcl_output``, ``skip_backend_validation``).

    Stacks without a backend get a ``LocalBackend`` whose state file lives in the stack's
    directory (:func:`default_state_path`) instead of cdktf's absolute path of the current
    working directory.
    """

    def __init__(self, *, outdir: str | None = None, **kwargs: Any) -> None:
        final = Path(outdir or os.environ.get("CDKTF_OUTDIR") or "cdktf.out")
        work = Path(tempfile.mkdtemp(prefix="batch-constructs-synth-"))
        super().__init__(outdir=str(work / "out"), **kwargs)
        self._final_outdir = final
        self._work = work
        self._staged_hooks: list[StagedHook] = []
        self._cleanup = weakref.finalize(self, shutil.rmtree, str(work), True)

    @property
    def final_outdir(self) -> Path:
        """Where ``synth()`` writes (``outdir`` as given)."""
        return self._final_outdir

    def on_staged(self, hook: StagedHook) -> None:
        """Run ``hook(staging_dir)`` after cdktf wrote the output and before it is committed:
        files the hook adds to (or removes from) the staging directory are committed with the
        rest, all or nothing (``main.py --hcl`` and ``--module`` use it)."""
        self._staged_hooks.append(hook)

    def synth(self) -> None:
        staging = self._work / "out"
        shutil.rmtree(staging, ignore_errors=True)
        (staging / "stacks").mkdir(parents=True)  # as cdktf's Manifest made it in App()
        try:
            validate_tree(self)
            _ensure_backends(self)
            finalize_tree(self)
            super().synth()
            docs = _stack_documents(staging)
            check_references(docs)
            check_schema(docs)  # every rendered attribute against the provider schema
            for hook in self._staged_hooks:
                hook(staging)
            commit(self._final_outdir, tree=staging, what="the synthesized app")
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def _ensure_backends(app: Any) -> None:
    cdktf = cdk(app)
    for stack in _stacks(app, cdktf.TerraformStack):
        if not any(isinstance(child, cdktf.TerraformBackend) for child in stack.node.children):
            cdktf.LocalBackend(stack, path=default_state_path(stack.node.id))


def _stacks(scope: Any, stack_class: type) -> list[Any]:
    """The stacks under ``scope``, without walking into them (``node.find_all()`` would hand every
    construct of every stack to Python)."""
    found: list[Any] = []
    for child in scope.node.children:
        if isinstance(child, stack_class):
            found.append(child)
        else:
            found.extend(_stacks(child, stack_class))
    return found


def _stack_documents(staging: Path) -> dict[str, dict[str, Any]]:
    docs: dict[str, dict[str, Any]] = {}
    stacks_dir = staging / "stacks"
    if stacks_dir.is_dir():
        for stack_dir in sorted(stacks_dir.iterdir()):
            file = stack_dir / "cdk.tf.json"
            if file.is_file():
                docs[stack_dir.name] = json.loads(file.read_text())
    return docs
