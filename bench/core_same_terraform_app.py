"""The core's floor for the same Terraform as the example stacks: per stack of SPEC.json (this
library's own output, written by bench/run.py before timing), one ``TerraformStack`` with one
element per resource and data source, each a subclass of the core's ``TerraformResource`` /
``TerraformDataSource`` whose one ``synthesizeAttributes`` callback returns the attributes as they
were synthesized (references as plain ``${...}`` strings), and the rest of the document (provider,
outputs, ...) as one stack override. Nothing is validated, rendered or referenced as a token: the
least any Python code pays on that core for one element per Terraform resource.

    python bench/core_same_terraform_app.py SPEC.json OUTDIR [cdktf|cdktn]
"""
from __future__ import annotations

import importlib
import json
import sys


def element_class(base: type) -> type:
    """A subclass of the core's ``base`` (``TerraformResource`` / ``TerraformDataSource``), made as
    ``(scope, id, kind, attrs)``, whose one ``synthesizeAttributes`` callback returns ``attrs``
    (also bench/scale_app.py's ``--core-floor``)."""
    def init(self, scope, id, kind, attrs):  # type: ignore[no-untyped-def]
        base.__init__(self, scope, id, terraform_resource_type=kind)
        self.attrs = attrs

    return type(f"Fixed{base.__name__}", (base,), {
        "__init__": init, "_synthesize_attributes": lambda self: self.attrs})


def main(spec_path: str, outdir: str, core_name: str) -> None:
    core = importlib.import_module(core_name)
    resource, data = element_class(core.TerraformResource), element_class(core.TerraformDataSource)
    spec = json.loads(open(spec_path).read())
    app = core.App(outdir=outdir)
    for name, doc in spec.items():
        stack = core.TerraformStack(app, name)
        for section, cls in (("resource", resource), ("data", data)):
            for kind, bodies in (doc.get(section) or {}).items():
                for logical_id, body in bodies.items():
                    cls(stack, logical_id, kind, {k: v for k, v in body.items() if k != "//"})
        for key in ("provider", "output", "locals", "variable"):
            if doc.get(key):
                stack.add_override(key, doc[key])
    app.synth()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "cdktf")
