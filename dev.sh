#!/usr/bin/env bash
# The project's two commands (see README):
#   ./dev.sh main [main.py options]   set up .venv, then synthesize every example stack (python main.py);
#                                     with --core cdktn, .venv-cdktn (CDK Terrain) instead
#   ./dev.sh test [pytest options]    set up .venv (cdktf) and .venv-cdktn (CDK Terrain), then run the
#                                     whole suite as concurrent parts: everything on cdktf pinning
#                                     hashicorp/aws 5.100.0 (terraform validate, moto end-to-end), the
#                                     same end-to-end on cdktn, and the synth-level tests on both
#                                     cores pinning 6.69.1 (BATCH_CONSTRUCTS_AWS_PROVIDER_VERSION).
#                                     With arguments, pytest gets them: one run per lane.
set -euo pipefail
cd "$(dirname "$0")"
command=${1:-}
shift || true
case "$command" in
  main)
    core=${BATCH_CONSTRUCTS_CORE:-cdktf}
    previous=""
    for arg in "$@"; do  # --core cdktn / --core=cdktn: the CDK Terrain venv
      case "$previous $arg" in "--core cdktn" | *" --core=cdktn") core=cdktn ;; esac
      previous=$arg
    done
    if [ "$core" = cdktn ]; then
      scripts/setup.sh .venv-cdktn constraints/cdktn.txt cdktn,cdktn-provider,test
      BATCH_CONSTRUCTS_CORE=cdktn exec .venv-cdktn/bin/python main.py "$@"
    fi
    scripts/setup.sh .venv constraints/aws5.txt cdktf,test
    exec .venv/bin/python main.py "$@"
    ;;
  test)
    # (the two venvs are set up side by side: mostly downloads)
    scripts/setup.sh .venv constraints/aws5.txt cdktf,test & cdktf_setup=$!
    scripts/setup.sh .venv-cdktn constraints/cdktn.txt cdktn,cdktn-provider,test
    wait $cdktf_setup
    # Lanes: cdktf 0.21 + hashicorp/aws 5.100.0 runs everything (terraform validate and the moto
    # end-to-end included); cdktn 0.24 (CDK Terrain, .venv-cdktn) + 5.100.0 runs the same moto
    # end-to-end on a representative set of the example stacks (every compute environment kind,
    # fair-share queues, ECS, EKS and multi-node jobs: tests/synth/test_cores_agree.py proves every
    # example stack is the same Terraform on both cores, and CI stays under 30 minutes on 2 cores);
    # both cores run the synth-level tests pinning 6.69.1; each lane's tests with users' own
    # objects use that core's prebuilt provider package.
    if [ $# -gt 0 ]; then
      # Arguments (paths, -k, -m ...) go to pytest: one process per lane, as given.
      status=0
      lane() {  # title, python, core, provider version, pytest arguments...
        local title=$1 python=$2 core=$3 version=$4; shift 4
        echo "== $title ==" >&2
        local rc=0
        BATCH_CONSTRUCTS_CORE=$core BATCH_CONSTRUCTS_AWS_PROVIDER_VERSION=$version \
          "$python" -m pytest -q -p no:cacheprovider "$@" || rc=$?
        [ "$rc" = 5 ] && rc=0  # 5: the arguments selected no test of this lane
        [ "$rc" = 0 ] || status=$rc
      }
      lane "cdktf + hashicorp/aws 5.100.0" .venv/bin/python cdktf 5.100.0 "$@"
      lane "cdktf + hashicorp/aws 6.69.1: synth-level" .venv/bin/python cdktf 6.69.1 -m "not terraform and not e2e" "$@"
      lane "cdktn + hashicorp/aws 6.69.1: synth-level" .venv-cdktn/bin/python cdktn 6.69.1 -m "not terraform and not e2e" "$@"
      exit $status
    fi
    # The tests that apply to moto spend their time waiting on the provider's polling, so the
    # suite runs as concurrent parts (one pytest process each, its own moto servers and temp dir).
    # Each part's output is printed whole when it ends; the exit status is non-zero if any failed.
    apply1="tests/e2e/test_apply.py"
    CDKTN_E2E_STACKS="ce-allocation-strategies,ce-unmanaged,fargate-queue,queue-fairshare-weights,ecs-secrets,eks-pod-options,multinode-distributed"
    apply2="tests/terraform/test_queue_plan_changes.py tests/terraform/test_docker_asset_apply.py"
    apply3="tests/terraform/test_plan_changes.py tests/e2e/test_module.py tests/terraform/test_neighbours1_validate.py"
    apply4="tests/terraform/test_image_update_plan.py tests/ports/test_ports_apply.py tests/terraform/test_hcl.py"
    ignore=""
    for f in $apply1 $apply2 $apply3 $apply4; do ignore="$ignore --ignore=$f"; done
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    parts=""
    run_part() {  # name, python, core, provider version, pytest arguments...
      local name=$1 python=$2 core=$3 version=$4; shift 4
      parts="$parts $name"
      ( rc=0
        BATCH_CONSTRUCTS_CORE=$core BATCH_CONSTRUCTS_AWS_PROVIDER_VERSION=$version \
          "$python" -m pytest -q -p no:cacheprovider --basetemp="$work/$name" --durations=8 "$@" \
          > "$work/$name.log" 2>&1 || rc=$?
        echo "$rc" > "$work/$name.rc" ) &
    }
    echo "== cdktf + hashicorp/aws 5.100.0: everything; cdktn + 5.100.0: the moto end-to-end;" \
         "both cores: synth-level pinning 6.69.1 ==" >&2
    # shellcheck disable=SC2086
    run_part apply-1 .venv/bin/python cdktf 5.100.0 $apply1
    # shellcheck disable=SC2086
    run_part apply-2 .venv/bin/python cdktf 5.100.0 $apply2
    # shellcheck disable=SC2086
    run_part apply-3 .venv/bin/python cdktf 5.100.0 $apply3
    # shellcheck disable=SC2086
    run_part apply-4 .venv/bin/python cdktf 5.100.0 $apply4
    # shellcheck disable=SC2086
    run_part rest .venv/bin/python cdktf 5.100.0 tests $ignore
    E2E_STACKS=$CDKTN_E2E_STACKS run_part cdktn-e2e .venv-cdktn/bin/python cdktn 5.100.0 $apply1
    # (the bad-input table on 6.69.1 runs on cdktn: its rows do not depend on the core)
    run_part aws6 .venv/bin/python cdktf 6.69.1 -m "not terraform and not e2e" tests/synth tests/ports
    run_part cdktn-aws6 .venv-cdktn/bin/python cdktn 6.69.1 -m "not terraform and not e2e" tests/unit tests/synth \
      tests/bad_input tests/ports
    wait
    status=0
    for name in $parts; do
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
