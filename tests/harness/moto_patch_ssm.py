"""moto 5.2 and AWS's public SSM parameters: a way for a test to publish a new image.

moto ships the public ``/aws/service/ecs/optimized-ami/...`` parameters (the Amazon ECS-optimized
AMI ids ``update_to_latest_image_version`` reads; ``amazon-linux-2023``, ``amazon-linux-2023/gpu``,
``/arm64``, ``amazon-linux-2`` ... ``/recommended/image_id``, see
``moto/ssm/resources/ecs/optimized_amis``). Like AWS it refuses ``PutParameter`` on ``/aws/`` names
("No access to reserved parameter name"), so a test cannot make AWS's publication of a new AMI
happen. Patched, as a test hook only: a ``PutParameter`` request carrying the header
``x-moto-publish-public-parameter: true`` adds a new version (the given value) to an existing
``/aws/service/`` parameter, as AWS does when it releases a new image. Every other request, and
every request Terraform sends (it never sends the header), is answered as before (as AWS does).
Tests call :func:`publish_public_parameter`.

(The EKS-optimized AMI parameters, ``/aws/service/eks/optimized-ami/<version>/...``, are missing
in moto; no test applies an EKS environment with ``update_to_latest_image_version``, so they are
not added here.)
"""
from __future__ import annotations

from typing import Any

PUBLISH_HEADER = "x-moto-publish-public-parameter"
PUBLIC_PREFIX = "/aws/service/"


def install() -> None:
    from moto.core.responses import ActionResult
    from moto.core.utils import utcnow
    from moto.ssm.exceptions import ParameterNotFound
    from moto.ssm.models import Parameter
    from moto.ssm.responses import SimpleSystemManagerResponse

    original = SimpleSystemManagerResponse.put_parameter

    def put_parameter(self: Any) -> ActionResult:
        name = self._get_param("Name") or ""
        headers = {str(k).lower(): str(v) for k, v in (self.headers or {}).items()}
        if headers.get(PUBLISH_HEADER) != "true" or not name.startswith(PUBLIC_PREFIX):
            return original(self)
        versions = self.ssm_backend._parameters[name]  # loads moto's public tree on first use
        if not versions:
            raise ParameterNotFound(f"Parameter {name} not found.")
        previous = versions[-1]
        published = Parameter(account_id=previous.account_id, name=name, value=self._get_param("Value"),
                              parameter_type=previous.parameter_type, description=previous.description,
                              allowed_pattern=None, keyid=None, last_modified_date=utcnow(),
                              version=previous.version + 1, data_type=previous.data_type, tier=previous.tier)
        versions.append(published)
        return ActionResult({"Version": published.version, "Tier": published.tier})

    SimpleSystemManagerResponse.put_parameter = put_parameter


def publish_public_parameter(ssm_client: Any, name: str, value: str) -> int:
    """Publish ``value`` as the new version of the public parameter ``name`` in the moto server
    of ``ssm_client`` (a boto3 SSM client); returns the new version."""
    def add_header(request: Any, **_: Any) -> None:
        request.headers[PUBLISH_HEADER] = "true"

    event = "before-sign.ssm.PutParameter"
    ssm_client.meta.events.register_first(event, add_header)
    try:
        return ssm_client.put_parameter(Name=name, Value=value, Overwrite=True)["Version"]
    finally:
        ssm_client.meta.events.unregister(event, add_header)
