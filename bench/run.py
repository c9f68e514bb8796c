"""Benchmark (not a test): a cold ``python main.py`` against a plain cdktf app and AWS CDK.

    .venv/bin/python bench/run.py [--runs 3] [--no-aws-cdk]

Each variant runs in a fresh process, ``--runs`` times, alternating; wall time and the peak
resident memory of the whole process tree (Python and the jsii Node process together, sampled
from /proc every 20 ms) are recorded, and the medians compared *in the same run*:

* ours:      ``python main.py`` for the Fargate example stacks;
* plain:     bench/plain_cdktf_app.py creating the same resources with provider classes imported
             the usual way (the bindings' package root runs);
* aws-cdk:   bench/aws_cdk_app.py, the same stacks with ``aws_cdk.aws_batch`` (CloudFormation), in
             .venv-bench (created on first use with aws-cdk-lib from PyPI).
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
    args = parser.parse_args()
    python = sys.executable
    env = {k: v for k, v in os.environ.items() if not k.startswith("BATCH_CONSTRUCTS_")}
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
    variants = {
        "batch_constructs (python main.py)": [python, "main.py", "--outdir", str(work / "ours"), *only],
        "plain cdktf app": [python, "bench/plain_cdktf_app.py", str(work / "spec.json"), str(work / "plain")],
    }
    if not args.no_aws_cdk:
        variants["AWS CDK (aws_cdk.aws_batch)"] = [str(ensure_aws_cdk_venv()), "bench/aws_cdk_app.py",
                                                   str(work / "awscdk")]
    results: dict[str, list[tuple[float, int]]] = {name: [] for name in variants}
    for _ in range(args.runs):
        for name, command in variants.items():
            for out in ("ours", "plain", "awscdk"):
                shutil.rmtree(work / out, ignore_errors=True)
            results[name].append(measure(command, env))
    medians = {name: (statistics.median(w for w, _ in runs), statistics.median(r for _, r in runs))
               for name, runs in results.items()}
    ours_wall, ours_rss = medians["batch_constructs (python main.py)"]
    print(f"{'variant':36} {'wall s (median)':>16} {'peak RSS MiB':>13} {'ours / this (wall)':>19} {'(RSS)':>7}")
    for name, (wall, rss) in medians.items():
        print(f"{name:36} {wall:16.2f} {rss / 1024:13.0f} {ours_wall / wall:19.2f} {ours_rss / rss:7.2f}")
    print(f"runs: {args.runs} per variant, stacks: {', '.join(STACKS)}, cpus: {os.cpu_count()}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
