"""HCL output: render a synthesized stack (``cdk.tf.json``) as native Terraform HCL.

Pure Python (no jsii): the input is the stack's JSON document, the output is text rendered with
``python-hcl2`` v8. This module is the public façade; the work is done by small modules, split
the way python-hcl2 splits itself:

* :mod:`.schema`: provider schemas (which object-valued keys are blocks), fetched with
  ``terraform providers schema -json`` and cached (:func:`load_provider_schema`);
* :mod:`.template`: template strings (``${...}``, ``%{...}``, escapes);
* :mod:`.blocks`: the one table of block kinds (file, labels, meta-arguments, attribute roles,
  fixed nested blocks) read by both the renderer and the equivalence check;
* :mod:`.render`: the JSON syntax as a python-hcl2 v8 dict (:func:`to_hcl2_dict`);
* :mod:`.fmt`: ``terraform fmt`` whitespace (:func:`fmt`);
* :mod:`.files`: the files of a stack (:func:`render_hcl_files`, :func:`render_hcl`,
  :func:`write_hcl`);
* :mod:`.diff`: the proof, ``hcl2.loads`` of the HCL compared with the JSON document
  (:func:`semantic_diff`);
* :mod:`.module_export`: a construct tree as a reusable Terraform module
  (``batch_constructs.module_export`` re-exports it).

The façade imports the submodules; no submodule imports the façade.
"""
from __future__ import annotations

from .base import HclError, is_identifier  # noqa: F401  (the façade re-exports these)
from .blocks import IS_BLOCK  # noqa: F401
from .diff import semantic_diff
from .files import render_hcl, render_hcl_files, write_hcl
from .fmt import fmt  # noqa: F401
from .render import to_hcl2_dict
from .schema import (CACHE_ENV, DEFAULT_REGISTRY, MIRROR_ENV, ProviderSchema, compact_schema,  # noqa: F401
                     load_provider_schema, normalize_source)
from .template import escape_template_source, split_template  # noqa: F401

# Exported from ``batch_constructs`` too; ``fmt``, ``split_template``, ``compact_schema``,
# ``is_identifier`` and the other names imported above are importable from here.
__all__ = ["HclError", "ProviderSchema", "load_provider_schema", "to_hcl2_dict", "render_hcl",
           "render_hcl_files", "write_hcl", "semantic_diff"]
