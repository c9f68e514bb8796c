"""``batch_constructs/bindings/schema_aws_5_100_0.py`` is reproducible: the generator, run against the real
``terraform providers schema -json`` (offline, with the hashicorp/aws 5.100.0 mirror), writes it byte for byte."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.harness.terraform import MIRROR_ENV, find_mirror, find_terraform

pytestmark = pytest.mark.terraform
ROOT = Path(__file__).resolve().parents[2]
REASON = (f"needs Terraform on PATH and a filesystem mirror of hashicorp/aws 5.100.0 (set {MIRROR_ENV}) "
          "to regenerate the provider schema")


@pytest.fixture(scope="module")
def mirror() -> Path:
    found = find_mirror()
    if find_terraform() is None or found is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"CI must run the real-Terraform tests, but it {REASON}")
        pytest.skip(REASON)
    return found


def test_committed_schema_module_is_what_the_generator_writes(mirror: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "batch_constructs.bindings", "schema", "--provider-version", "5.100.0",
                           "--terraform", "--check", "--mirror", str(mirror)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "is up to date" in done.stdout


def test_check_fails_on_a_difference(mirror: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: Any) -> None:
    from batch_constructs.bindings import __main__ as cli
    from batch_constructs.bindings import _schema_gen as generator

    committed = generator.target_for("5.100.0")
    tampered = tmp_path / committed.name
    tampered.write_text(committed.read_text().replace('"name":["string","r"]', '"nam":["string","r"]', 1))
    monkeypatch.setattr(generator, "PACKAGE", tmp_path)
    assert cli.main(["schema", "--provider-version", "5.100.0", "--terraform", "--check",
                     "--mirror", str(mirror)]) == 1
    assert "out of date" in capsys.readouterr().err
