#!/usr/bin/env bash
# Create or update a virtual environment with the pinned, tested set (idempotent: a stamp
# records what was installed; an unchanged pyproject/constraints pair installs nothing).
#   scripts/setup.sh [VENV] [CONSTRAINTS] [EXTRAS]
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${1:-.venv}
constraints=${2:-constraints/aws5.txt}
extras=${3:-test}
python=${PYTHON:-python3}
stamp="$venv/.batch-constructs-setup"
want=$(cat pyproject.toml "$constraints" | sha256sum | cut -d' ' -f1)
if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
echo "setting up $venv (constraints: $constraints)..." >&2
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install -q --disable-pip-version-check -c "$constraints" -e ".[$extras]" >&2
echo "$want" > "$stamp"
