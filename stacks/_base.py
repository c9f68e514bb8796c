"""The example stacks' base: an AWS provider and a local backend with a relative path.

The stacks are of the current Terraform CDK core (cdktf, or cdktn with ``BATCH_CONSTRUCTS_CORE=cdktn`` /
``main.py --core cdktn``), chosen when this module is imported."""
from __future__ import annotations

from typing import Any

from batch_constructs.providers import aws_provider  # first: importing batch_constructs quiets jsii's banners

from batch_constructs._core import default_core  # noqa: E402,I001

LocalBackend, TerraformStack = default_core().LocalBackend, default_core().TerraformStack

DEFAULT_REGION = "us-east-1"


class ExampleStack(TerraformStack):
    """``provider_config`` overrides the AWS provider's arguments (the test harness aims it at
    a local emulator with it); examples implement :meth:`build`."""

    description = ""

    def __init__(self, scope: Any, id: str, *, provider_config: dict[str, Any] | None = None) -> None:
        super().__init__(scope, id)
        LocalBackend(self, path=f"terraform.{id}.tfstate")
        self.provider = aws_provider(self, region=DEFAULT_REGION)
        for key, value in sorted((provider_config or {}).items()):
            self.provider.add_override(key, value)
        self.build()

    def build(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError
