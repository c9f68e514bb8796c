"""ECS adapter types (pure Python): ``ContainerImage``, ``CpuArchitecture``,
``OperatingSystemFamily``, ``FargatePlatformVersion`` — names as in ``aws_cdk.aws_ecs``."""
from __future__ import annotations

import enum
from typing import Any, Mapping, Sequence

from ._check import check_choice, check_instance, check_str, describe
from ._errors import ValidationError

#: Batch/ECS ``image``: up to 255 letters, digits, hyphens, underscores, colons, periods, forward
#: slashes and number signs (and ``@`` of a ``@sha256:`` digest); a Docker tag: up to 128 of
#: ``[\w.-]``, not starting with ``.`` or ``-``.
IMAGE = r"[\w\-:./#@]+"
IMAGE_RULE = "an image name (letters, digits and -_:./#@)"
TAG = r"\w[\w.-]{0,127}"
CPU_ARCHITECTURES = ("X86_64", "ARM64")
OPERATING_SYSTEM_FAMILIES = ("LINUX", "WINDOWS_SERVER_2016_FULL", "WINDOWS_SERVER_2019_CORE",
                             "WINDOWS_SERVER_2019_FULL", "WINDOWS_SERVER_2022_CORE", "WINDOWS_SERVER_2022_FULL",
                             "WINDOWS_SERVER_2025_CORE", "WINDOWS_SERVER_2025_FULL", "WINDOWS_SERVER_2004_CORE",
                             "WINDOWS_SERVER_20H2_CORE")

__all__ = ["AssetImage", "ContainerImage", "CpuArchitecture", "FargatePlatformVersion", "OperatingSystemFamily"]


class ContainerImage:
    """A container image. ``ContainerImage.from_registry("public.ecr.aws/amazonlinux/amazonlinux:latest")``."""

    def __init__(self, image_name: str, *, repository: Any = None, credentials: Any = None) -> None:
        self.image_name = check_str(None, "image_name", image_name, pattern=IMAGE, min_length=1, max_length=255,
                                    rule=IMAGE_RULE, required=True)
        self.repository = repository
        self.credentials = credentials

    @classmethod
    def from_registry(cls, name: str, *, credentials: Any = None) -> "ContainerImage":
        """An image of a public or private registry. ``credentials`` (a Secrets Manager secret:
        the provider's ``SecretsmanagerSecret``, an object with ``secret_arn`` or an ARN) become
        ``repositoryCredentials``, and ECS job definitions grant their execution role read on it."""
        check_str(None, "name", name, pattern=IMAGE, min_length=1, max_length=255, rule=IMAGE_RULE, required=True)
        image = cls(name, credentials=credentials)
        try:
            image.credentials_secret()
        except ValidationError:
            raise ValidationError(None, "'credentials' must be a Secrets Manager secret (the provider's "
                                        "SecretsmanagerSecret, an object with 'secret_arn', or the secret's ARN), "
                                        f"got {describe(credentials)}") from None
        return image

    def grant_pull(self, grantee: Any) -> None:
        """Allow ``grantee`` (an execution role) to pull this image: ECR pull actions on the
        repository plus ``ecr:GetAuthorizationToken``; read on the registry credentials. Images
        of other registries need nothing."""
        from .iam import PolicyStatement
        if callable(getattr(self.repository, "grant_pull", None)):
            self.repository.grant_pull(grantee)  # an ecr.Repository (or an import): AWS CDK's grant
        elif self.repository is not None:
            arn = getattr(self.repository, "repository_arn", None) or getattr(self.repository, "arn", None)
            if arn is not None:
                grantee.add_to_principal_policy(PolicyStatement(
                    actions=["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"],
                    resources=[arn]))
            grantee.add_to_principal_policy(PolicyStatement(actions=["ecr:GetAuthorizationToken"],
                                                            resources=["*"]))
        if self.credentials is not None:
            self.credentials_secret().grant_read(grantee)

    def credentials_secret(self) -> Any:
        """The registry credentials as a :class:`~batch_constructs.secrets.Secret` (or ``None``)."""
        if self.credentials is None:
            return None
        from .secrets import Secret
        return self.credentials if isinstance(self.credentials, Secret) else \
            Secret.from_secrets_manager(self.credentials)

    @classmethod
    def from_ecr_repository(cls, repository: Any, tag: str = "latest") -> "ContainerImage":
        """An image of an ECR repository (an ``ecr.Repository`` or its import, the provider's
        ``EcrRepository`` L1, or anything with ``repository_url``); ``tag`` may be a digest
        (``sha256:...``). The execution role is granted pull access."""
        uri_for = getattr(repository, "repository_uri_for_tag_or_digest", None)
        url = getattr(repository, "repository_url", None)
        if not callable(uri_for) and url is None:
            raise ValidationError(None, "'repository' must be an ECR repository (an ecr.Repository, the provider's "
                                        f"EcrRepository or an object with 'repository_url'), got "
                                        f"{type(repository).__name__}")
        if callable(uri_for):
            check_str(None, "tag", tag, pattern=TAG + "|sha256:[a-f0-9]{64}",
                      rule="an image tag (up to 128 of letters, digits, _.-) or digest (sha256:...)", required=True)
            return cls(uri_for(tag), repository=repository)
        check_str(None, "tag", tag, pattern=TAG, rule="an image tag (up to 128 of letters, digits, _.-)",
                  required=True)
        return cls(f"{url}:{tag}", repository=repository)

    @classmethod
    def from_asset(cls, directory: str, *, asset_name: str | None = None,
                   build_args: Mapping[str, str] | None = None, build_contexts: Mapping[str, str] | None = None,
                   build_secrets: Mapping[str, str] | None = None, build_ssh: str | None = None,
                   cache_disabled: bool | None = None, cache_from: Sequence[Any] | None = None,
                   cache_to: Any = None, display_name: str | None = None, exclude: Sequence[str] | None = None,
                   extra_hash: str | None = None, file: str | None = None, follow_symlinks: Any = None,
                   ignore_mode: Any = None, invalidation: Any = None, network_mode: Any = None,
                   outputs: Sequence[str] | None = None, platform: Any = None,
                   target: str | None = None) -> "AssetImage":
        """An image built from ``directory`` by ``terraform apply`` and pushed to the stack's
        ``ContainerAssets`` ECR repository: each container that uses it creates an
        ``ecr_assets.DockerImageAsset`` (child ``AssetImage``) and grants its execution role pull.
        The keywords are ``DockerImageAsset``'s (defaults: a ``Dockerfile`` at the root, no build
        args, Docker's defaults). A missing directory or Dockerfile raises ``ValidationError`` here."""
        return AssetImage(directory, asset_name=asset_name, build_args=build_args, build_contexts=build_contexts,
                          build_secrets=build_secrets, build_ssh=build_ssh, cache_disabled=cache_disabled,
                          cache_from=cache_from, cache_to=cache_to, display_name=display_name, exclude=exclude,
                          extra_hash=extra_hash, file=file, follow_symlinks=follow_symlinks, ignore_mode=ignore_mode,
                          invalidation=invalidation, network_mode=network_mode, outputs=outputs, platform=platform,
                          target=target)

    @classmethod
    def from_docker_image_asset(cls, asset: Any) -> "ContainerImage":
        """The image of an ``ecr_assets.DockerImageAsset`` (its ``image_uri``; pull is granted on
        its repository)."""
        from .ecr_assets import DockerImageAsset
        check_instance(None, "asset", asset, DockerImageAsset, "an ecr_assets.DockerImageAsset", required=True)
        return cls(asset.image_uri, repository=asset.repository)

    def bind(self, scope: Any, container_definition: Any = None) -> None:
        """Called by a container definition (``bind(container, container)``) before it grants pull
        and renders ``image_name``: an asset image creates its build in ``scope``; other images
        do nothing."""

    def __repr__(self) -> str:
        return f"ContainerImage({self.image_name!r})"


class AssetImage(ContainerImage):
    """An image built from ``directory`` (``ContainerImage.from_asset``; same keywords, checked
    here, before any construct). ``bind(scope)`` creates ``DockerImageAsset(scope, 'AssetImage',
    ...)``; ``image_name`` and ``repository`` are then that asset's."""

    def __init__(self, directory: str, *, asset_name: str | None = None,
                 build_args: Mapping[str, str] | None = None, build_contexts: Mapping[str, str] | None = None,
                 build_secrets: Mapping[str, str] | None = None, build_ssh: str | None = None,
                 cache_disabled: bool | None = None, cache_from: Sequence[Any] | None = None, cache_to: Any = None,
                 display_name: str | None = None, exclude: Sequence[str] | None = None, extra_hash: str | None = None,
                 file: str | None = None, follow_symlinks: Any = None, ignore_mode: Any = None,
                 invalidation: Any = None, network_mode: Any = None, outputs: Sequence[str] | None = None,
                 platform: Any = None, target: str | None = None) -> None:
        from .ecr_assets import check_asset_props
        self.props = check_asset_props(
            None, directory=directory, asset_name=asset_name, build_args=build_args, build_contexts=build_contexts,
            build_secrets=build_secrets, build_ssh=build_ssh, cache_disabled=cache_disabled, cache_from=cache_from,
            cache_to=cache_to, display_name=display_name, exclude=exclude, extra_hash=extra_hash, file=file,
            follow_symlinks=follow_symlinks, ignore_mode=ignore_mode, invalidation=invalidation,
            network_mode=network_mode, outputs=outputs, platform=platform, target=target)
        self.directory: str = self.props["directory"]
        self.image_name = None  # type: ignore[assignment]  # known once bound
        self.repository = None
        self.credentials = None
        self.asset: Any = None

    def bind(self, scope: Any, container_definition: Any = None) -> None:
        from .ecr_assets import DockerImageAsset
        self.asset = DockerImageAsset(scope, "AssetImage", **self.props)
        self.image_name = self.asset.image_uri
        self.repository = self.asset.repository

    def __repr__(self) -> str:
        return f"AssetImage({self.directory!r})"


class CpuArchitecture:
    """``CpuArchitecture.X86_64`` / ``CpuArchitecture.ARM64`` (Fargate runtime platform)."""

    X86_64: "CpuArchitecture"
    ARM64: "CpuArchitecture"

    def __init__(self, value: str) -> None:
        self.value = value

    @classmethod
    def of(cls, cpu_architecture: str) -> "CpuArchitecture":
        return cls(check_choice(None, "cpu_architecture", cpu_architecture, CPU_ARCHITECTURES, required=True))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CpuArchitecture) and other.value == self.value

    def __hash__(self) -> int:
        return hash(self.value)

    def __repr__(self) -> str:
        return f"CpuArchitecture.{self.value}"


CpuArchitecture.X86_64 = CpuArchitecture("X86_64")
CpuArchitecture.ARM64 = CpuArchitecture("ARM64")


class OperatingSystemFamily:
    """Operating system family of a Fargate task; ``is_windows()`` tells Windows families."""

    LINUX: "OperatingSystemFamily"
    WINDOWS_SERVER_2019_CORE: "OperatingSystemFamily"
    WINDOWS_SERVER_2019_FULL: "OperatingSystemFamily"
    WINDOWS_SERVER_2022_CORE: "OperatingSystemFamily"
    WINDOWS_SERVER_2022_FULL: "OperatingSystemFamily"
    WINDOWS_SERVER_2025_CORE: "OperatingSystemFamily"
    WINDOWS_SERVER_2025_FULL: "OperatingSystemFamily"

    def __init__(self, family: str) -> None:
        self.family = family
        self.value = family

    @classmethod
    def of(cls, family: str) -> "OperatingSystemFamily":
        return cls(check_choice(None, "family", family, OPERATING_SYSTEM_FAMILIES, required=True))

    def is_windows(self) -> bool:
        return self.family.startswith("WINDOWS")

    def is_linux(self) -> bool:
        return self.family == "LINUX"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OperatingSystemFamily) and other.family == self.family

    def __hash__(self) -> int:
        return hash(self.family)

    def __repr__(self) -> str:
        return f"OperatingSystemFamily.{self.family}"


for _name in ("LINUX", "WINDOWS_SERVER_2019_CORE", "WINDOWS_SERVER_2019_FULL", "WINDOWS_SERVER_2022_CORE",
              "WINDOWS_SERVER_2022_FULL", "WINDOWS_SERVER_2025_CORE", "WINDOWS_SERVER_2025_FULL"):
    setattr(OperatingSystemFamily, _name, OperatingSystemFamily(_name))


class FargatePlatformVersion(enum.StrEnum):
    LATEST = "LATEST"
    VERSION1_4 = "1.4.0"
    VERSION1_3 = "1.3.0"
    VERSION1_2 = "1.2.0"
    VERSION1_1 = "1.1.0"
    VERSION1_0 = "1.0.0"


# Log drivers live in ``logging`` (they bind IAM grants, so they load jsii); ``aws_cdk.aws_ecs``
# has them, so they are importable from here too, loaded on first use.
_LOG_DRIVER_NAMES = ("AwsLogDriver", "AwsLogDriverMode", "GenericLogDriver", "LogDriver", "LogDriverConfig",
                     "LogDrivers")
__all__ += list(_LOG_DRIVER_NAMES)


def __getattr__(name: str) -> Any:
    if name in _LOG_DRIVER_NAMES:
        from . import logging
        return getattr(logging, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


from ._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
