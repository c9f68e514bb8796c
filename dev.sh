#!/usr/bin/env bash
# The project's two commands (see README):
#   ./dev.sh main [main.py options]   set up .venv, then synthesize every example stack (python main.py)
#   ./dev.sh test [pytest options]    set up .venv and .venv-aws6, then run the whole suite:
#                                     everything (terraform validate and the moto end-to-end included)
#                                     on bindings 20.1.0 (hashicorp/aws 5.100.0), then the synth-level
#                                     tests again on bindings 21.x (hashicorp/aws 6.x)
set -euo pipefail
cd "$(dirname "$0")"
command=${1:-}
shift || true
case "$command" in
  main)
    scripts/setup.sh .venv constraints/aws5.txt test
    exec .venv/bin/python main.py "$@"
    ;;
  test)
    scripts/setup.sh .venv constraints/aws5.txt test
    scripts/setup.sh .venv-aws6 constraints/aws6.txt test
    status=0
    echo "== bindings 20.1.0 (hashicorp/aws 5.100.0): the whole suite ==" >&2
    .venv/bin/python -m pytest -q --durations=15 "$@" || status=$?
    echo "== bindings 21.x (hashicorp/aws 6.x): synth-level tests ==" >&2
    .venv-aws6/bin/python -m pytest -q -m "not terraform and not e2e" tests/unit tests/synth tests/bad_input "$@" || status=$?
    exit $status
    ;;
  *)
    echo "usage: ./dev.sh main [main.py options] | ./dev.sh test [pytest options]" >&2
    exit 2
    ;;
esac
