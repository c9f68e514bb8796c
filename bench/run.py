"""Benchmark (not a test): a cold ``python main.py`` against the core's floor, a plain cdktf app
and AWS CDK; and the cost of scale (one stack with many job definitions).

    .venv/bin/python bench/run.py [--runs 3] [--no-aws-cdk] [--no-scale] [--cdktn-python .venv-cdktn/bin/python]

Each variant runs in a fresh process, ``--runs`` times, alternating; wall time and the peak
resident memory of the whole process tree (Python and the jsii Node process together, sampled
from /proc every 20 ms) are recorded, and the medians compared *in the same run*:

* ours:      ``python main.py`` for the Fargate example stacks;
* plain:     bench/plain_cdktf_app.py creating the same resources with provider classes imported
             the usual way (the bindings' package root runs);
* aws-cdk:   bench/aws_cdk_app.py, the same stacks with ``aws_cdk.aws_batch`` (CloudFormation), in
             .venv-bench (created on first use with aws-cdk-lib from PyPI);
* all:       ``python main.py`` for every example stack, against
* floor:     bench/bare_core_app.py: ``cdktf.App`` + one empty stack + ``synth()``;
* same:      bench/core_same_terraform_app.py: the same Terraform as ``all`` (this library's own
             output, read before timing) made directly on the core, one element per resource and
             data source with fixed attributes: the core's floor for that Terraform;
* on cdktn:  ``all``, ``floor`` and ``same`` again on CDK Terrain (``python main.py --core cdktn`` and
             ``cdktn.App`` + empty stack), with the interpreter of ``--cdktn-python`` (default
             ``.venv-cdktn/bin/python`` when it exists; ``--cdktn-python ''`` skips).

Scale (bench/scale_app.py): one stack with N Fargate job definitions, N = 100 and 1,000 for this
library on each core (milliseconds per extra job definition from the slope, peak memory at 1,000), and N = 50
and 150 for AWS CDK (its stacks stop at 500 resources: each job definition brings an execution
role and its policy). Beside each core, that core's floor for the same Terraform
(``scale_app.py --core-floor``): per job definition the same 3 constructs and 4 elements made
directly on the core, each element's attributes fixed in Python, nothing validated or rendered:
what any Python library emitting one core element per Terraform resource pays at least.

Every variant runs on the same Node (the wheel's, or ``JSII_NODE``).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STACKS = ["spot-fargate", "fargate-job-definition", "fargate-queue"]
AWS_CDK_VERSION = "2.275.0"


def tree_rss_kib(pid: int) -> int:
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status") as status:
                fields = dict(line.split(":", 1) for line in status if ":" in line)
        except OSError:
            continue
        p = int(entry)
        children.setdefault(int(fields.get("PPid", "0").strip() or 0), []).append(p)
        rss[p] = int(fields.get("VmRSS", "0 kB").split()[0]) if "VmRSS" in fields else 0
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        total += rss.get(p, 0)
        stack.extend(children.get(p, []))
    return total


def measure(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_kib(process.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = process.communicate()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{err.decode()[-3000:]}")
    return wall, peak


def ensure_aws_cdk_venv() -> Path:
    venv = ROOT / ".venv-bench"
    python = venv / "bin" / "python"
    if not (python.exists() and subprocess.run([str(python), "-c", "import aws_cdk"], capture_output=True).returncode == 0):
        print(f"installing aws-cdk-lib=={AWS_CDK_VERSION} into .venv-bench ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", f"aws-cdk-lib=={AWS_CDK_VERSION}",
                        "constructs>=10,<11"], check=True)
    return python


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-aws-cdk", action="store_true")
    parser.add_argument("--no-scale", action="store_true")
    default_cdktn = ROOT / ".venv-cdktn" / "bin" / "python"
    parser.add_argument("--cdktn-python", default=str(default_cdktn) if default_cdktn.exists() else "")
    args = parser.parse_args()
    python = sys.executable
    env = {k: v for k, v in os.environ.items() if not k.startswith("BATCH_CONSTRUCTS_")}
    # Bytecode cached, as for every installed package (pip compiles at install) and for a user's
    # second run: a machine-wide PYTHONDONTWRITEBYTECODE would recompile this (editable) package,
    # and only it, in every timed process. Every variant runs once untimed first.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # Every variant runs on the same Node: the wheel's, as batch_constructs picks it (or JSII_NODE).
    from batch_constructs._runtime import use_wheel_node
    use_wheel_node()
    if os.environ.get("JSII_NODE"):
        env["JSII_NODE"] = os.environ["JSII_NODE"]
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    only = [a for s in STACKS for a in ("--stack", s)]
    # The plain app's specification: our own output for the same stacks (made before timing).
    subprocess.run([python, "main.py", "--outdir", str(work / "spec"), *only], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    spec = {s: json.loads((work / "spec" / "stacks" / s / "cdk.tf.json").read_text()) for s in STACKS}
    (work / "spec.json").write_text(json.dumps(spec))
    # ... and of every example stack, for the core's floor for the same Terraform
    subprocess.run([python, "main.py", "--outdir", str(work / "spec-all")], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    spec_all = {p.parent.name: json.loads(p.read_text())
                for p in sorted((work / "spec-all" / "stacks").glob("*/cdk.tf.json"))}
    (work / "spec-all.json").write_text(json.dumps(spec_all))
    variants = {
        "batch_constructs (python main.py)": [python, "main.py", "--outdir", str(work / "ours"), *only],
        "plain cdktf app": [python, "bench/plain_cdktf_app.py", str(work / "spec.json"), str(work / "plain")],
        "all example stacks (python main.py)": [python, "main.py", "--outdir", str(work / "all")],
        "core floor (App + empty stack + synth)": [python, "bench/bare_core_app.py", str(work / "floor")],
        "core, same Terraform": [python, "bench/core_same_terraform_app.py", str(work / "spec-all.json"),
                                 str(work / "floor")],
    }
    if args.cdktn_python:
        variants["all example stacks on cdktn"] = [args.cdktn_python, "main.py", "--core", "cdktn", "--outdir",
                                                   str(work / "all")]
        variants["cdktn floor (App + empty stack + synth)"] = [args.cdktn_python, "bench/bare_core_app.py",
                                                               str(work / "floor"), "cdktn"]
        variants["cdktn, same Terraform"] = [args.cdktn_python, "bench/core_same_terraform_app.py",
                                             str(work / "spec-all.json"), str(work / "floor"), "cdktn"]
    if not args.no_aws_cdk:
        variants["AWS CDK (aws_cdk.aws_batch)"] = [str(ensure_aws_cdk_venv()), "bench/aws_cdk_app.py",
                                                   str(work / "awscdk")]
    results: dict[str, list[tuple[float, int]]] = {name: [] for name in variants}
    for command in variants.values():  # warm-up (bytecode, the OS's file cache), not timed
        for out in ("ours", "plain", "awscdk", "all", "floor"):
            shutil.rmtree(work / out, ignore_errors=True)
        subprocess.run(command, cwd=ROOT, env=env, capture_output=True)
    for _ in range(args.runs):
        for name, command in variants.items():
            for out in ("ours", "plain", "awscdk", "all", "floor"):
                shutil.rmtree(work / out, ignore_errors=True)
            results[name].append(measure(command, env))
    medians = {name: (statistics.median(w for w, _ in runs), statistics.median(r for _, r in runs))
               for name, runs in results.items()}
    ours_wall, ours_rss = medians["batch_constructs (python main.py)"]
    print(f"{'variant':40} {'wall s (median)':>16} {'peak RSS MiB':>13} {'ours / this (wall)':>19} {'(RSS)':>7}")
    for name, (wall, rss) in medians.items():
        if name.startswith(("all ", "core floor", "cdktn floor", "core, same", "cdktn, same")):
            continue
        print(f"{name:40} {wall:16.2f} {rss / 1024:13.0f} {ours_wall / wall:19.2f} {ours_rss / rss:7.2f}")
    all_wall, all_rss = medians["all example stacks (python main.py)"]
    floor_wall, floor_rss = medians["core floor (App + empty stack + synth)"]
    listed = subprocess.run([python, "main.py", "--list"], cwd=ROOT, env=env, capture_output=True, text=True)
    stacks = len(listed.stdout.splitlines())
    print(f"{'all example stacks (python main.py)':40} {all_wall:16.2f} {all_rss / 1024:13.0f}")
    print(f"{'core floor (App + empty stack + synth)':40} {floor_wall:16.2f} {floor_rss / 1024:13.0f} "
          f"{'all / floor: ' + format(all_wall / floor_wall, '.2f'):>19} {all_rss / floor_rss:7.2f}")
    same_wall, same_rss = medians["core, same Terraform"]
    print(f"{'core, same Terraform (all stacks)':40} {same_wall:16.2f} {same_rss / 1024:13.0f} "
          f"{'all / this: ' + format(all_wall / same_wall, '.2f'):>19} {all_rss / same_rss:7.2f}")
    if args.cdktn_python:
        tn_wall, tn_rss = medians["all example stacks on cdktn"]
        tn_floor_wall, tn_floor_rss = medians["cdktn floor (App + empty stack + synth)"]
        print(f"{'all example stacks on cdktn':40} {tn_wall:16.2f} {tn_rss / 1024:13.0f}")
        print(f"{'cdktn floor (App + empty stack + synth)':40} {tn_floor_wall:16.2f} {tn_floor_rss / 1024:13.0f} "
              f"{'all / floor: ' + format(tn_wall / tn_floor_wall, '.2f'):>19} {tn_rss / tn_floor_rss:7.2f}")
        tn_same_wall, tn_same_rss = medians["cdktn, same Terraform"]
        print(f"{'cdktn, same Terraform (all stacks)':40} {tn_same_wall:16.2f} {tn_same_rss / 1024:13.0f} "
              f"{'all / this: ' + format(tn_wall / tn_same_wall, '.2f'):>19} {tn_rss / tn_same_rss:7.2f}")
    print(f"runs: {args.runs} per variant, stacks: {', '.join(STACKS)} (all: {stacks}), cpus: {os.cpu_count()}, "
          f"node: {env.get('JSII_NODE', 'node on PATH')}")
    if not args.no_scale:
        scale(work, python, env, args)
    shutil.rmtree(work, ignore_errors=True)
    return 0


def scale(work: Path, python: str, env: dict[str, str], args: argparse.Namespace) -> None:
    """Milliseconds per extra job definition (slope) and peak memory, ours and AWS CDK's."""
    lanes = [("batch_constructs", python, [], (100, 1000)),
             ("core floor, same Terraform (cdktf)", python, ["--core-floor", "cdktf"], (100, 1000))]
    if args.cdktn_python:
        lanes.append(("batch_constructs on cdktn", args.cdktn_python, [], (100, 1000)))
        lanes.append(("core floor, same Terraform (cdktn)", args.cdktn_python, ["--core-floor", "cdktn"],
                      (100, 1000)))
    if not args.no_aws_cdk:
        lanes.append(("AWS CDK", str(ensure_aws_cdk_venv()), ["--aws-cdk"], (50, 150)))
    print(f"\n{'scale: one stack, N job definitions':40} {'N':>6} {'wall s':>8} {'peak RSS MiB':>13}")
    for _name, interpreter, extra, _sizes in lanes:  # warm-up, not timed
        shutil.rmtree(work / "scale", ignore_errors=True)
        subprocess.run([interpreter, "bench/scale_app.py", "10", str(work / "scale"), *extra], cwd=ROOT, env=env,
                       capture_output=True)
    for name, interpreter, extra, sizes in lanes:
        points = []
        for n in sizes:
            runs = []
            for _ in range(args.runs):
                shutil.rmtree(work / "scale", ignore_errors=True)
                runs.append(measure([interpreter, "bench/scale_app.py", str(n), str(work / "scale"), *extra], env))
            wall, rss = statistics.median(w for w, _ in runs), statistics.median(r for _, r in runs)
            points.append((n, wall, rss))
            print(f"{name:40} {n:6d} {wall:8.2f} {rss / 1024:13.0f}")
        (n0, w0, _), (n1, w1, r1) = points
        print(f"{name:40} {'slope':>6} {1000 * (w1 - w0) / (n1 - n0):8.2f} ms per extra job definition; "
              f"peak {r1 / 1024:.0f} MiB at N={n1}")


if __name__ == "__main__":
    sys.exit(main())
