"""The conformance tests' fixture: AWS CDK's API model, read from the installed aws-cdk-lib's jsii
assembly (no ``import aws_cdk``). Without aws-cdk-lib they skip, except on CI where they fail.
Their coverage figures are printed in pytest's terminal summary."""
from __future__ import annotations

import pytest

from tests.conformance.jsii_model import PINNED_VERSION, ApiType, find_assembly, installed_version, load_namespaces
from tests.conftest import IN_CI

#: Our neighbour modules and their AWS CDK namespaces (``batch_constructs.ec2`` ↔ ``aws_cdk.aws_ec2``).
NEIGHBOURS = {"ec2": "aws_ec2", "iam": "aws_iam", "ecs": "aws_ecs", "logs": "aws_logs", "s3": "aws_s3",
              "efs": "aws_efs", "ecr": "aws_ecr", "secretsmanager": "aws_secretsmanager", "ssm": "aws_ssm",
              "ecr_assets": "aws_ecr_assets"}

#: Coverage lines the tests add; printed at the end of the run (and with ``-s`` as they come).
FIGURES: list[str] = []


@pytest.fixture(scope="session")
def cdk_api() -> dict[str, dict[str, ApiType]]:
    """``{namespace: {type name: ApiType}}`` for ``aws_batch`` and the neighbour namespaces."""
    version = installed_version()
    if version is None:
        reason = (f"needs aws-cdk-lib {PINNED_VERSION} installed (the 'test' extra: "
                  "pip install -c constraints/aws5.txt -e '.[test]')")
        if IN_CI:  # on CI the conformance test must run: a missing package is a failure, not a skip
            pytest.fail(f"CI must run the conformance tests, but it {reason}")
        pytest.skip(reason)
    if version != PINNED_VERSION or find_assembly() is None:
        pytest.fail(f"aws-cdk-lib {version} is installed but the exception lists of tests/conformance/exceptions.py "
                    f"were reviewed against {PINNED_VERSION}: install the pinned version, or review the lists "
                    "against the new one and update VERSION in scripts/cdk_assembly.py")
    return load_namespaces(["aws_batch", *NEIGHBOURS.values()])


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if FIGURES:
        terminalreporter.write_sep("-", "conformance with AWS CDK (ours/theirs)")
        for line in FIGURES:
            terminalreporter.write_line(line)
