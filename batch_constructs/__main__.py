"""Command-line tools of batch_constructs (pure Python, no jsii).

    python -m batch_constructs fairshare --compute-reservation 75 --share A=1 --share B=0.5 \\
        --share C=2 --vcpus A=32,B=64,C=16 --max-vcpus 256
"""
from __future__ import annotations

import sys
from typing import Sequence

COMMANDS = {"fairshare": "fair-share calculator: reserved capacity and job ratios between shares"}


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help") or args[0] not in COMMANDS:
        print("usage: python -m batch_constructs COMMAND [options]\n\ncommands:")
        for name, text in COMMANDS.items():
            print(f"  {name:12} {text}")
        return 0 if args and args[0] in ("-h", "--help") else 2
    from .fairshare import main as fairshare_main
    return fairshare_main(args[1:])


if __name__ == "__main__":
    sys.exit(main())
