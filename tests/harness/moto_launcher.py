"""Start a moto server on 127.0.0.1 that behaves like AWS where the library depends on it.

    python -m tests.harness.moto_launcher --port 0   # prints "READY <port>" when serving

Patches (each a documented moto gap, never a reason to change what the library emits):

* ``CreateComputeEnvironment`` without ``serviceRole``: AWS uses the Batch service-linked role
  ``AWSServiceRoleForBatch`` (creating it on first use); moto refuses with "ServiceRole is
  required". The launcher fills in that role, creating it in moto's IAM as AWS would.
* AWS managed policies exist only with ``MOTO_IAM_LOAD_MANAGED_POLICIES=true``, set here.

Further patches live in ``tests/harness/moto_patch_<area>.py`` modules, each with an
``install()`` function and a docstring saying which moto gap it closes; all are installed.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from typing import Any

SERVICE_LINKED_ROLE = "AWSServiceRoleForBatch"


def install_patches() -> None:
    from moto.batch import models as batch_models
    from moto.iam.exceptions import NotFoundException as IAMNotFoundException

    original = batch_models.BatchBackend.create_compute_environment
    lock = threading.Lock()
    trust = json.dumps({"Version": "2012-10-17", "Statement": [{
        "Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"Service": "batch.amazonaws.com"}}]})

    def create_compute_environment(self: Any, compute_environment_name: str, _type: str, state: str,
                                   compute_resources: dict[str, Any], service_role: str,
                                   tags: dict[str, str] | None = None) -> Any:
        if not service_role:
            with lock:
                try:
                    role = self.iam_backend.get_role(SERVICE_LINKED_ROLE)
                except IAMNotFoundException:
                    role = self.iam_backend.create_role(
                        SERVICE_LINKED_ROLE, trust, "/aws-service-role/batch.amazonaws.com/", None,
                        "Batch service-linked role", [], None, linked_service="batch.amazonaws.com")
            service_role = role.arn
        return original(self, compute_environment_name, _type, state, compute_resources, service_role, tags)

    batch_models.BatchBackend.create_compute_environment = create_compute_environment

    import importlib
    import pkgutil
    from pathlib import Path
    for info in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if info.name.startswith("moto_patch_"):
            importlib.import_module(f"tests.harness.{info.name}").install()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    os.environ["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true"
    install_patches()
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=args.port, verbose=False)
    server.start()
    _, port = server.get_host_and_port()
    print(f"READY {port}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    # Stop by itself when the parent goes away (stdin closes) or after a bounded time.
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    stop.wait(timeout=float(os.environ.get("MOTO_LAUNCHER_MAX_SECONDS", "3600")))
    server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
