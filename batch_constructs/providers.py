"""The hashicorp/aws provider classes, loaded fast: the public face of the bindings loader.

``from cdktf_cdktf_provider_aws.provider import AwsProvider`` works too, but importing the
bindings package's root loads its 2,000+ submodules (over 10 s). These helpers load only the
submodule needed::

    from batch_constructs.providers import aws_provider, provider_class

    aws_provider(stack, region="us-east-1")                       # the AwsProvider
    Subnet = provider_class("subnet", "Subnet")                   # any class of the bindings

Objects made with either are the bindings' own classes: everything in this library accepts
them wherever it accepts the provider's resources.
"""
from __future__ import annotations

from typing import Any

from ._check import check_scope, check_str
from ._runtime import provider_class as _provider_class

__all__ = ["aws_provider", "provider_class"]


def provider_class(module: str, cls: str) -> Any:
    """The class ``cls`` of the bindings submodule ``module`` (``cdktf_cdktf_provider_aws.<module>``),
    e.g. ``provider_class("batch_job_queue", "BatchJobQueue")``."""
    check_str(None, "module", module, pattern=r"[a-z0-9_]+", rule="a bindings submodule name such as 'subnet'",
              required=True)
    check_str(None, "cls", cls, pattern=r"[A-Z][A-Za-z0-9]*", rule="a class name such as 'Subnet'", required=True)
    try:
        return _provider_class(module, cls)
    except (ModuleNotFoundError, AttributeError):
        from ._errors import ValidationError
        raise ValidationError(None, f"the provider bindings have no {module}.{cls}; module names are the "
                                    "snake_case resource names without 'aws_' (subnet, batch_job_queue, ...)") from None


def aws_provider(scope: Any, id: str = "aws", **config: Any) -> Any:
    """The ``aws`` provider block (``region=...``, ``alias=...``, ``default_tags={"tags": {...}}``, ...),
    an ``AwsProvider`` of this library's generated bindings for the pinned hashicorp/aws version
    (:mod:`batch_constructs.bindings`): its keywords are the provider schema's, and it pins
    ``required_providers``. A keyword the schema does not have is refused with the closest one."""
    check_scope(scope, id)
    from ._keywords import check_keywords
    from .bindings import classes
    cls = classes().AwsProvider
    check_keywords("aws_provider", cls.__init__, config)
    return cls(scope, id, **config)


from ._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
