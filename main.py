"""The cdktf app: synthesizes every example stack of ``stacks/`` into ``cdktf.out``.

    python main.py                 # all example stacks
    python main.py --stack NAME    # only these (repeatable)
    python main.py --list          # list the example stacks
"""
from __future__ import annotations

import argparse
import sys

from batch_constructs._runtime import quiet_node_banners

quiet_node_banners()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stack", action="append", help="synthesize only this example stack")
    parser.add_argument("--outdir", default=None, help="output directory (default: $CDKTF_OUTDIR or cdktf.out)")
    parser.add_argument("--list", action="store_true", help="list the example stacks and exit")
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
