"""``batch_constructs.providers``: the public, fast way to the provider's classes."""
from __future__ import annotations

import sys
from typing import Any

import pytest

from batch_constructs import ValidationError
from batch_constructs._core import default_core
from batch_constructs._runtime import PROVIDER_PACKAGES
from batch_constructs.providers import aws_provider, provider_class

PACKAGE = PROVIDER_PACKAGES[default_core().__name__][0]


def test_aws_provider_and_any_class_without_the_package_root() -> None:
    from cdktf import TerraformStack, Testing

    stack = TerraformStack(Testing.app(), "S")
    provider = aws_provider(stack, region="eu-west-1", alias="west")
    assert type(provider).__name__ == "AwsProvider"
    subnet_cls = provider_class("subnet", "Subnet")
    assert subnet_cls.__module__.startswith(f"{PACKAGE}.subnet")  # the prebuilt package of the lane's core
    assert f"{PACKAGE}.vpc_ipam" not in sys.modules  # the root's 2,000 submodules stay unloaded


@pytest.mark.parametrize("module, cls, message", [
    ("Subnet", "Subnet", r"'module' must be a bindings submodule name"),
    ("subnet", "subnet", r"'cls' must be a class name"),
    ("no_such_resource", "Thing", r"the provider bindings have no no_such_resource\.Thing"),
    ("subnet", "NoSuchClass", r"the provider bindings have no subnet\.NoSuchClass"),
])
def test_bad_names_are_validation_errors(module: str, cls: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        provider_class(module, cls)


def test_aws_provider_checks_scope_and_id() -> None:
    with pytest.raises(ValidationError, match=r"'scope' must be a construct"):
        aws_provider("stack")
    from cdktf import TerraformStack, Testing
    stack: Any = TerraformStack(Testing.app(), "S")
    with pytest.raises(ValidationError, match=r"'id' must be a non-empty string"):
        aws_provider(stack, "")
