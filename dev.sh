#!/usr/bin/env bash
# The project's two commands (see README):
#   ./dev.sh main [main.py options]   set up .venv, then synthesize every example stack (python main.py)
#   ./dev.sh test [pytest options]    set up .venv, then run the whole suite: everything (terraform
#                                     validate and the moto end-to-end included) pinning hashicorp/aws
#                                     5.100.0, and the synth-level tests again pinning 6.69.1
#                                     (BATCH_CONSTRUCTS_AWS_PROVIDER_VERSION), as concurrent parts.
#                                     With arguments, pytest gets them: one run per provider version.
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
    # The tests that apply to moto spend their time waiting on the provider's polling, so the
    # suite runs as concurrent parts (one pytest process each, its own moto server and temp dir):
    # four parts of apply scenarios beside one part with everything else, and the synth-level
    # tests pinning hashicorp/aws 6.69.1 as a sixth part. Each part's output
    # is printed whole when it ends; the exit status is non-zero if any part failed.
    if [ $# -gt 0 ]; then
      # Arguments (paths, -k, -m ...) go to pytest: one process per provider version, as given.
      status=0
      echo "== hashicorp/aws 5.100.0 ==" >&2
      .venv/bin/python -m pytest -q "$@" || status=$?
      echo "== hashicorp/aws 6.69.1: synth-level tests ==" >&2
      rc=0
      BATCH_CONSTRUCTS_AWS_PROVIDER_VERSION=6.69.1 \
        .venv/bin/python -m pytest -q -p no:cacheprovider -m "not terraform and not e2e" "$@" || rc=$?
      [ "$rc" = 5 ] && rc=0  # 5: the arguments selected only Terraform tests, none at synth level
      [ "$rc" = 0 ] || status=$rc
      exit $status
    fi
    apply1="tests/e2e/test_apply.py"
    apply2="tests/terraform/test_queue_plan_changes.py tests/terraform/test_docker_asset_apply.py"
    apply3="tests/terraform/test_plan_changes.py tests/e2e/test_module.py tests/terraform/test_neighbours1_validate.py"
    apply4="tests/terraform/test_image_update_plan.py tests/ports/test_ports_apply.py tests/terraform/test_hcl.py"
    ignore=""
    for f in $apply1 $apply2 $apply3 $apply4; do ignore="$ignore --ignore=$f"; done
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    run_part() {  # name, pytest arguments...
      local name=$1; shift
      local version=5.100.0
      if [ "$name" = aws6 ]; then version=6.69.1; fi
      ( rc=0
        BATCH_CONSTRUCTS_AWS_PROVIDER_VERSION=$version .venv/bin/python -m pytest -q -p no:cacheprovider --basetemp="$work/$name" --durations=8 "$@" \
          > "$work/$name.log" 2>&1 || rc=$?
        echo "$rc" > "$work/$name.rc" ) &
    }
    echo "== the whole suite pinning hashicorp/aws 5.100.0, the synth-level tests pinning 6.69.1 (aws6) ==" >&2
    # shellcheck disable=SC2086
    run_part apply-1 $apply1
    # shellcheck disable=SC2086
    run_part apply-2 $apply2
    # shellcheck disable=SC2086
    run_part apply-3 $apply3
    # shellcheck disable=SC2086
    run_part apply-4 $apply4
    # shellcheck disable=SC2086
    run_part rest tests $ignore
    # hashicorp/aws 6.69.1: the synth-level tests again
    run_part aws6 -m "not terraform and not e2e" tests/unit tests/synth tests/bad_input tests/ports
    wait
    status=0
    for name in rest apply-1 apply-2 apply-3 apply-4 aws6; do
      echo "== part $name (exit $(cat "$work/$name.rc")) ==" >&2
      cat "$work/$name.log"
      [ "$(cat "$work/$name.rc")" = 0 ] || status=1
    done
    exit $status
    ;;
  *)
    echo "usage: ./dev.sh main [main.py options] | ./dev.sh test [pytest options]" >&2
    exit 2
    ;;
esac
