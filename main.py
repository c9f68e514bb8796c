"""The cdktf app: synthesizes every example stack of ``stacks/`` into ``cdktf.out``.

    python main.py                 # all example stacks
    python main.py --stack NAME    # only these (repeatable)
    python main.py --list          # list the example stacks
    python main.py --hcl           # also write each stack as HCL (stacks/<name>/hcl/*.tf)
    python main.py --hcl=instead   # write HCL instead of cdk.tf.json
    python main.py --module        # also write each stack as a Terraform module (modules/<name>/)
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from batch_constructs._runtime import quiet_node_banners

quiet_node_banners()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stack", action="append", help="synthesize only this example stack")
    parser.add_argument("--outdir", default=None, help="output directory (default: $CDKTF_OUTDIR or cdktf.out)")
    parser.add_argument("--list", action="store_true", help="list the example stacks and exit")
    parser.add_argument("--hcl", nargs="?", const="beside", choices=("beside", "instead"),
                        help="write each stack as HCL: in stacks/<name>/hcl/ (beside, the default) or in place "
                             "of cdk.tf.json (instead)")
    parser.add_argument("--module", action="store_true",
                        help="write each stack as a reusable Terraform module in <outdir>/modules/<name>/")
    parser.add_argument("--provider-mirror", default=None,
                        help="filesystem provider mirror for fetching provider schemas offline (HCL and modules; "
                             "default: $BATCH_CONSTRUCTS_PROVIDER_MIRROR)")
    args = parser.parse_args(argv)

    import stacks
    from batch_constructs import App, ValidationError

    if args.list:
        for name, cls in stacks.all_stacks().items():
            print(f"{name:32} {(cls.__doc__ or '').strip().splitlines()[0]}")
        return 0
    app = App(outdir=args.outdir)
    try:
        built = stacks.build_all(app, only=args.stack)
        app.synth()
    except ValidationError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for stack in built:
        print(f"synthesized {app.final_outdir}/stacks/{stack.node.id}/cdk.tf.json")
    if args.hcl or args.module:
        return _write_hcl_and_modules(app.final_outdir, [stack.node.id for stack in built], args)
    return 0


def _write_hcl_and_modules(outdir: Path, names: list[str], args: argparse.Namespace) -> int:
    """HCL (``--hcl``) and modules (``--module``) of the synthesized stacks: everything is rendered
    first, then written, so an error writes none of it."""
    import json

    from batch_constructs.hcl import HclError, load_provider_schema, render_hcl_files
    from batch_constructs.module_export import ModuleExportError, export_module, module_files

    docs = {name: json.loads((outdir / "stacks" / name / "cdk.tf.json").read_text()) for name in names}
    try:
        schema = load_provider_schema(docs.values(), provider_mirror=args.provider_mirror)
        hcl_files = {name: render_hcl_files(doc, schema) for name, doc in docs.items()} if args.hcl else {}
        if args.module:
            for doc in docs.values():
                module_files(doc, schema=schema)
    except (HclError, ModuleExportError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for name, files in hcl_files.items():
        stack_dir = outdir / "stacks" / name
        target = stack_dir if args.hcl == "instead" else stack_dir / "hcl"
        target.mkdir(parents=True, exist_ok=True)
        for file, text in files.items():
            (target / file).write_text(text)
        if args.hcl == "instead":
            (stack_dir / "cdk.tf.json").unlink()
        print(f"wrote HCL {target}/ ({', '.join(files)})")
    if args.module:
        for name, doc in docs.items():
            module_name = name.replace("-", "_")
            target = outdir / "modules" / module_name
            export_module(doc, target, name=module_name, source=f"./modules/{module_name}", schema=schema)
            print(f"wrote module {target}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
