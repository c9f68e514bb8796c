"""Compatibility module: module export lives in :mod:`batch_constructs.hcl.module_export`.

``from batch_constructs.module_export import export_module`` (and every other public name)
keeps working; the objects are the same.
"""
from __future__ import annotations

from .hcl.module_export import *  # noqa: F401,F403
from .hcl.module_export import (RESERVED_INPUT_NAMES, ModuleExportError, ModuleInput, ModuleOutput,  # noqa: F401
                                check_module_names, export_module, module_document, module_files)
from .hcl.module_export import __all__  # noqa: F401
