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

import batch_constructs  # noqa: F401  (before cdktf: jsii gets the wheel's Node, and no banners)


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
    parser.add_argument("--aws-provider-version", default=None, metavar="VERSION",
                        help="the hashicorp/aws version the output pins: 5.100.0 (default) or 6.69.1 "
                             "(default: $BATCH_CONSTRUCTS_AWS_PROVIDER_VERSION or 5.100.0)")
    parser.add_argument("--core", choices=("cdktf", "cdktn"), default=None,
                        help="the Terraform CDK core: cdktf 0.21 or CDK Terrain (cdktn) "
                             "(default: $BATCH_CONSTRUCTS_CORE, else the one installed, cdktf first)")
    parser.add_argument("--provider-mirror", default=None,
                        help="filesystem provider mirror for fetching provider schemas offline (HCL and modules; "
                             "default: $BATCH_CONSTRUCTS_PROVIDER_MIRROR)")
    args = parser.parse_args(argv)
    if args.aws_provider_version:
        from batch_constructs.bindings import use_provider_version
        try:
            use_provider_version(args.aws_provider_version)
        except ValueError as error:
            parser.error(str(error))

    if args.core:
        import os
        os.environ["BATCH_CONSTRUCTS_CORE"] = args.core

    import stacks
    from batch_constructs import App, ValidationError

    if args.list:
        for name, cls in stacks.all_stacks().items():
            print(f"{name:32} {(cls.__doc__ or '').strip().splitlines()[0]}")
        return 0
    errors: tuple[type[Exception], ...] = (ValidationError,)
    if args.hcl or args.module:  # the HCL renderer is imported only when asked for
        from batch_constructs.hcl import HclError
        from batch_constructs.module_export import ModuleExportError
        errors += (HclError, ModuleExportError)

    app = App(outdir=args.outdir)
    try:
        built = stacks.build_all(app, only=args.stack)
        names = [stack.node.id for stack in built]
        if args.hcl or args.module:
            app.on_staged(lambda staging: _write_hcl_and_modules(staging, names, args))
        app.synth()
    except errors as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for name in names:
        print(f"synthesized {app.final_outdir}/stacks/{name}/cdk.tf.json")
        if args.hcl:
            where = "" if args.hcl == "instead" else "hcl/"
            print(f"wrote HCL {app.final_outdir}/stacks/{name}/{where}")
        if args.module:
            print(f"wrote module {app.final_outdir}/modules/{name.replace('-', '_')}/")
    return 0


def _write_hcl_and_modules(staging: Path, names: list[str], args: argparse.Namespace) -> None:
    """HCL (``--hcl``) and modules (``--module``) of the synthesized stacks, written into the
    staging directory: they are committed with the JSON, all or nothing."""
    import json

    from batch_constructs.hcl import load_provider_schema, render_hcl_files
    from batch_constructs.module_export import module_files

    docs = {name: json.loads((staging / "stacks" / name / "cdk.tf.json").read_text()) for name in names}
    schema = load_provider_schema(docs.values(), provider_mirror=args.provider_mirror)
    written: dict[Path, str] = {}
    for name, doc in docs.items():
        stack_dir = staging / "stacks" / name
        if args.hcl:
            target = stack_dir if args.hcl == "instead" else stack_dir / "hcl"
            written.update({target / file: text for file, text in render_hcl_files(doc, schema).items()})
        if args.module:
            module_name = name.replace("-", "_")
            files = module_files(doc, name=module_name, source=f"./modules/{module_name}", schema=schema)
            written.update({staging / "modules" / module_name / file: text for file, text in files.items()})
    for path, text in written.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    if args.hcl == "instead":
        for name in names:
            (staging / "stacks" / name / "cdk.tf.json").unlink()


if __name__ == "__main__":
    sys.exit(main())
