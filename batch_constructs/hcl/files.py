"""Files: a stack document rendered with ``python-hcl2`` v8 (``hcl2.dumps`` of
:func:`~.render.to_hcl2_dict`), whitespace normalized as ``terraform fmt`` writes it
(:func:`~.fmt.fmt`), split by block kind into ``versions.tf``, ``providers.tf``,
``variables.tf``, ``main.tf`` and ``outputs.tf`` (:data:`~.blocks.FILES`), and written."""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Mapping

from .base import HclError
from .blocks import FILES
from .fmt import fmt
from .render import to_hcl2_dict
from .schema import ProviderSchema, load_provider_schema

__all__ = ["render_hcl_files", "render_hcl", "write_hcl"]


def _dumps(data: dict[str, Any]) -> str:
    import hcl2
    from hcl2 import DeserializerOptions, FormatterOptions

    try:
        text = hcl2.dumps(data, deserializer_options=DeserializerOptions(object_elements_trailing_comma=False),
                          formatter_options=FormatterOptions(vertically_align_attributes=False, open_empty_blocks=False,
                                                             vertically_align_object_elements=False))
    except HclError:
        raise
    except Exception as error:  # lark errors: an expression hcl2 cannot parse
        raise HclError(f"python-hcl2 could not render the stack: {error}") from error
    return fmt(_separate_blocks(text))


def _separate_blocks(text: str) -> str:
    """One blank line between top-level blocks (hcl2 writes two, with trailing spaces)."""
    return re.sub(r"\n[ \t]*\n([ \t]*\n)+", "\n\n", text)


def render_hcl_files(doc: Mapping[str, Any], schema: ProviderSchema | None = None, *,
                     drop_backend: bool = False, drop_provider_config: bool = False,
                     **schema_options: Any) -> dict[str, str]:
    """The stack document as HCL files: ``versions.tf`` (terraform block), ``providers.tf``,
    ``variables.tf``, ``main.tf`` (locals, data sources, resources, modules), ``outputs.tf``;
    empty files are left out. ``schema`` default: :func:`load_provider_schema` (with
    ``schema_options``)."""
    schema = schema or load_provider_schema(doc, **schema_options)
    doc = dict(doc)
    if drop_backend and "terraform" in doc:
        doc["terraform"] = {k: v for k, v in doc["terraform"].items() if k not in ("backend", "cloud")}
    if drop_provider_config:
        doc.pop("provider", None)
    files: dict[str, str] = {}
    for name, kinds in FILES.items():
        data = to_hcl2_dict(doc, schema, kinds=kinds)
        if data:
            files[name] = _dumps(data)
    return files


def render_hcl(doc: Mapping[str, Any], schema: ProviderSchema | None = None, **options: Any) -> str:
    """The whole stack as one HCL text (the files of :func:`render_hcl_files`, concatenated)."""
    return "\n".join(render_hcl_files(doc, schema, **options).values())


def write_hcl(doc: Mapping[str, Any], directory: str | os.PathLike[str], schema: ProviderSchema | None = None,
              *, remove_json: bool = False, replace: bool = False, **options: Any) -> list[Path]:
    """Write the HCL files of a stack into ``directory`` (beside ``cdk.tf.json``, or instead of it
    with ``remove_json``). Everything is rendered before anything is written, and all files are
    committed or none (``batch_constructs._fs.commit``): the directory's other files are never
    touched, and a file of the same name this library did not write raises :class:`HclError`
    listing them unless ``replace=True``."""
    from .._fs import OutputConflict, commit

    files = render_hcl_files(doc, schema, **options)
    target = Path(directory)
    try:
        written = commit(target, files=files, refuse_foreign=not replace, what="the HCL files")
    except OutputConflict as error:
        raise HclError(error.message) from None
    if remove_json and (target / "cdk.tf.json").exists():
        (target / "cdk.tf.json").unlink()
    return written
