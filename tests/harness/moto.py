"""Start/stop the moto launcher as a subprocess; the provider configuration aimed at it."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

SERVICES = ("batch", "iam", "ec2", "ecs", "eks", "efs", "secretsmanager", "ssm", "sts", "logs", "ecr")
REPO_ROOT = Path(__file__).resolve().parents[2]


class MotoServer:
    def __init__(self) -> None:
        self.process: subprocess.Popen[str] | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "MotoServer":
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.harness.moto_launcher", "--port", "0"], cwd=REPO_ROOT,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
            env={**os.environ, "MOTO_LAUNCHER_MAX_SECONDS": "3000"})
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line.startswith("READY "):
            self.stop()
            raise RuntimeError(f"moto launcher did not start: {line!r}")
        self.port = int(line.split()[1])
        return self

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
            self.process = None

    def provider_config(self) -> dict[str, Any]:
        """AWS provider arguments aimed at this server (kept in the harness, not the library)."""
        return {
            "access_key": "testing", "secret_key": "testing", "region": "us-east-1",
            "skip_credentials_validation": True, "skip_requesting_account_id": True,
            "skip_metadata_api_check": "true", "skip_region_validation": True,
            "endpoints": [{service: self.url for service in SERVICES}],
        }

    def client(self, service: str) -> Any:
        import boto3
        return boto3.client(service, region_name="us-east-1", endpoint_url=self.url,
                            aws_access_key_id="testing", aws_secret_access_key="testing")
