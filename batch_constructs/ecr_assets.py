"""The ``aws_ecr_assets`` subset: ``DockerImageAsset`` built and pushed by Terraform alone.

AWS CDK builds an image asset with its CLI before deployment. Here the Terraform directory does it
at ``terraform apply``, with nothing but the docker CLI and ``/bin/sh`` on that machine:

* at synth, the build context (``.dockerignore`` and ``exclude=`` applied; see
  ``_docker_context``) is hashed and a copy of exactly the sent files goes into the stack's
  directory (``stacks/<stack>/assets/...``, a cdktf ``TerraformAsset``); nothing runs docker;
* the image goes to ``ecr_repository=`` or to the stack's ``ContainerAssets`` repository (one
  ``aws_ecr_repository`` per stack, created on first use, ``force_delete`` so destroy works);
* ``data "aws_ecr_authorization_token"`` logs docker in without the aws CLI;
* a ``terraform_data`` resource (``input`` and ``triggers_replace`` = ``<repository URL>:<hash>``)
  runs ``docker build``, ``docker login --password-stdin`` and ``docker push`` in a ``local-exec``
  provisioner when it is created, i.e. when the hash (or the repository) changes: an unchanged
  context is a no-op plan. The registry password reaches the command through the provisioner's
  ``environment`` only. ``image_uri`` is the resource's ``output``, so whatever uses the image
  waits for the push.
"""
from __future__ import annotations

import atexit
import os
import shlex
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Mapping, Sequence

from ._base import BatchConstruct
from ._check import (check_bool, check_enum, check_instance, check_list, check_mapping, check_protocol, check_str,
                     check_str_list)
from ._docker_context import IgnoreMode, SymlinkFollowMode, content_hash, copy_context, list_context
from ._errors import ValidationError
from ._tokens import escape_template, is_unresolved

__all__ = ["DockerCacheOption", "DockerImageAsset", "DockerImageAssetInvalidationOptions", "IgnoreMode",
           "NetworkMode", "Platform", "SymlinkFollowMode"]

#: id of the stack's shared repository (``<stack>/ContainerAssets``)
STACK_REPOSITORY_ID = "ContainerAssets"
_TOKEN_DATA_ID = "BatchConstructsEcrAuthorizationToken"
#: the shell local-exec runs the build with (explicit, so the command means the same everywhere)
INTERPRETER = ["/bin/sh", "-c"]


class Platform:
    """The platform to build for (``docker build --platform``; needs BuildKit)."""

    LINUX_AMD64: "Platform"
    LINUX_ARM64: "Platform"

    def __init__(self, platform: str) -> None:
        self.platform = platform

    @classmethod
    def custom(cls, platform: str) -> "Platform":
        # Docker's platform specifier (containerd platforms): os/arch[/variant].
        return cls(check_str(None, "platform", platform, pattern=r"[a-z0-9]+/[a-z0-9_]+(/[a-z0-9]+)?",
                             rule="a platform (os/arch[/variant], e.g. 'linux/arm64/v8')", required=True))

    def __repr__(self) -> str:
        return f"Platform({self.platform!r})"


Platform.LINUX_AMD64 = Platform("linux/amd64")
Platform.LINUX_ARM64 = Platform("linux/arm64")


class NetworkMode:
    """The network of the build's ``RUN`` steps (``docker build --network``)."""

    DEFAULT: "NetworkMode"
    HOST: "NetworkMode"
    NONE: "NetworkMode"

    def __init__(self, mode: str) -> None:
        self.mode = mode

    @classmethod
    def custom(cls, mode: str) -> "NetworkMode":
        return cls(check_str(None, "mode", mode, min_length=1, required=True))

    @classmethod
    def from_container(cls, container_id: str) -> "NetworkMode":
        return cls("container:" + check_str(None, "container_id", container_id, min_length=1, required=True))

    def __repr__(self) -> str:
        return f"NetworkMode({self.mode!r})"


NetworkMode.DEFAULT = NetworkMode("default")
NetworkMode.HOST = NetworkMode("host")
NetworkMode.NONE = NetworkMode("none")


@dataclass
class DockerCacheOption:
    """A BuildKit cache backend (``--cache-from`` / ``--cache-to``): ``type`` and ``params``."""

    type: str
    params: Mapping[str, str] | None = None


@dataclass
class DockerImageAssetInvalidationOptions:
    """Which options go into the asset hash (default: all of them)."""

    build_args: bool | None = None
    build_contexts: bool | None = None
    build_secrets: bool | None = None
    build_ssh: bool | None = None
    extra_hash: bool | None = None
    file: bool | None = None
    network_mode: bool | None = None
    outputs: bool | None = None
    platform: bool | None = None
    repository_name: bool | None = None
    target: bool | None = None


# -- checks (shared by ContainerImage.from_asset and DockerImageAsset) --------------------------------

def _no_token(scope: Any, keyword: str, value: Any) -> None:
    """AWS CDK's rule (image-asset.ts ``validateProps`` / ``validateBuildProps``): the context is
    hashed and copied at synth, before Terraform knows any reference."""
    if is_unresolved(value) or (isinstance(value, Mapping) and any(
            is_unresolved(k) or is_unresolved(v) for k, v in value.items())):
        raise ValidationError(scope, f"Cannot use tokens in '{keyword}' since it is needed before deployment "
                                     "(the image is built from the values known at synth)")


def _check_cache(scope: Any, keyword: str, value: Any) -> DockerCacheOption | None:
    option = check_instance(scope, keyword, value, DockerCacheOption, "a DockerCacheOption(type=..., params=...)")
    # Docker's cache backends (docs.docker.com/build/cache/backends): 'type=' is required.
    if option is not None:
        check_str(scope, f"{keyword}.type", option.type, min_length=1, required=True)
        check_mapping(scope, f"{keyword}.params", option.params)
        _no_token(scope, f"{keyword}.params", option.params or {})
    return option


def check_directory(scope: Any, directory: Any, file: Any) -> tuple[str, str]:
    """The absolute context directory and the Dockerfile path inside it (AWS CDK's messages)."""
    directory = check_str(scope, "directory", directory, min_length=1, required=True)
    _no_token(scope, "directory", directory)
    file = check_str(scope, "file", file, min_length=1)
    _no_token(scope, "file", file)
    root = os.path.abspath(directory)
    # AWS CDK's messages (aws-ecr-assets/lib/image-asset.ts).
    if not os.path.isdir(root):
        raise ValidationError(scope, f"'directory': Cannot find image directory at {root}")
    dockerfile = PurePosixPath((file or "Dockerfile").replace("\\", "/"))
    if dockerfile.is_absolute() or ".." in dockerfile.parts:
        # The Terraform directory holds a copy of the context only: the Dockerfile must be in it.
        raise ValidationError(scope, f"'file' must be a path inside 'directory' (relative, without '..'), got "
                                     f"{file!r}")
    if not os.path.isfile(os.path.join(root, *dockerfile.parts)):
        raise ValidationError(scope, f"'file': Cannot find file at {os.path.join(root, *dockerfile.parts)}")
    return root, dockerfile.as_posix()


def check_asset_props(scope: Any, *, directory: Any, asset_name: Any = None, build_args: Any = None,
                      build_contexts: Any = None, build_secrets: Any = None, build_ssh: Any = None,
                      cache_disabled: Any = None, cache_from: Any = None, cache_to: Any = None,
                      display_name: Any = None, exclude: Any = None, extra_hash: Any = None, file: Any = None,
                      follow_symlinks: Any = None, ignore_mode: Any = None, invalidation: Any = None,
                      network_mode: Any = None, outputs: Any = None, platform: Any = None,
                      target: Any = None) -> dict[str, Any]:
    """Every keyword of a Docker image asset, checked and normalized (``directory`` absolute)."""
    root, dockerfile = check_directory(scope, directory, file)
    for keyword, value in (("build_contexts", build_contexts), ("build_secrets", build_secrets)):
        if value:
            # They name files and directories of the machine outside the copied context: the
            # Terraform directory would not be self-contained any more.
            raise ValidationError(scope, f"'{keyword}' is not supported: it names files outside the build context, "
                                         "which the Terraform directory does not carry; copy them into 'directory'")
    args = check_mapping(scope, "build_args", build_args)
    _no_token(scope, "build_args", args or {})
    for key in args or {}:
        # Docker CLI: --build-arg NAME=VALUE splits at the first '=', so a name cannot hold one.
        if not key or "=" in key:
            raise ValidationError(scope, f"'build_args' names must be non-empty and without '=', got {key!r}")
    # cdktf's TerraformAsset copy follows every symlink, so only Docker's own NEVER keeps the
    # hash (link text) and the copy (the target, which must be sent) consistent.
    follow = check_enum(scope, "follow_symlinks", follow_symlinks, SymlinkFollowMode)
    if follow not in (None, SymlinkFollowMode.NEVER):
        raise ValidationError(scope, "'follow_symlinks' must be SymlinkFollowMode.NEVER (Docker's own behaviour: "
                                     f"symlinks are sent as links), got {follow!r}")
    mode = check_enum(scope, "ignore_mode", ignore_mode, IgnoreMode)
    if mode not in (None, IgnoreMode.DOCKER):
        raise ValidationError(scope, "'ignore_mode' must be IgnoreMode.DOCKER (the build context always follows "
                                     f"Docker's .dockerignore rules), got {mode!r}")
    props: dict[str, Any] = {
        "directory": root, "file": dockerfile if file is not None else None, "build_args": args,
        "asset_name": check_str(scope, "asset_name", asset_name, min_length=1),
        "display_name": check_str(scope, "display_name", display_name, min_length=1),
        "build_ssh": check_str(scope, "build_ssh", build_ssh, min_length=1),
        "cache_disabled": check_bool(scope, "cache_disabled", cache_disabled),
        "cache_from": check_list(scope, "cache_from", cache_from, _check_cache, expected="a list of DockerCacheOption"),
        "cache_to": _check_cache(scope, "cache_to", cache_to),
        "exclude": check_str_list(scope, "exclude", exclude),
        "extra_hash": check_str(scope, "extra_hash", extra_hash),
        "invalidation": check_instance(scope, "invalidation", invalidation, DockerImageAssetInvalidationOptions,
                                       "a DockerImageAssetInvalidationOptions"),
        "network_mode": check_instance(scope, "network_mode", network_mode, NetworkMode,
                                       "a NetworkMode (NetworkMode.HOST, ...)"),
        "outputs": check_str_list(scope, "outputs", outputs),
        "platform": check_instance(scope, "platform", platform, Platform,
                                   "a Platform (Platform.LINUX_AMD64, Platform.LINUX_ARM64, Platform.custom(...))"),
        "target": check_str(scope, "target", target, min_length=1),
        "follow_symlinks": follow, "ignore_mode": mode,
    }
    for keyword in ("asset_name", "build_ssh", "extra_hash", "target", "exclude", "outputs"):
        _no_token(scope, keyword, props[keyword])
    return props


def hash_options(props: Mapping[str, Any]) -> dict[str, Any]:
    """What goes into the hash beside the files: AWS CDK's ``extraHash`` fields, minus those
    ``invalidation`` turns off."""
    skip = props.get("invalidation") or DockerImageAssetInvalidationOptions()
    fields = {"user": ("extra_hash", props.get("extra_hash")), "buildArgs": ("build_args", props.get("build_args")),
              "buildSsh": ("build_ssh", props.get("build_ssh")), "target": ("target", props.get("target")),
              "file": ("file", props.get("file")),
              "networkMode": ("network_mode", props["network_mode"].mode if props.get("network_mode") else None),
              "platform": ("platform", props["platform"].platform if props.get("platform") else None),
              "outputs": ("outputs", props.get("outputs"))}
    return {key: value for key, (option, value) in fields.items()
            if value and getattr(skip, option) is not False}


def _quote(value: str) -> str:
    """A user value in the command: shell-quoted, then Terraform-template-escaped."""
    return escape_template(shlex.quote(value))


def _cache_flag(option: DockerCacheOption) -> str:
    return ",".join([f"type={option.type}", *(f"{k}={v}" for k, v in (option.params or {}).items())])


def build_command(props: Mapping[str, Any]) -> str:
    """The provisioner's command: build (cdk-assets' flags, in its order), login, push. The
    image URI, registry and credentials come from the environment (``IMAGE_URI``,
    ``ECR_REGISTRY``, ``ECR_USERNAME``, ``ECR_PASSWORD``)."""
    flags: list[str] = []
    for key in sorted(props.get("build_args") or {}):
        flags += ["--build-arg", _quote(f"{key}={props['build_args'][key]}")]
    if props.get("build_ssh"):
        flags += ["--ssh", _quote(props["build_ssh"])]
    flags += ["--tag", '"$IMAGE_URI"']
    if props.get("target"):
        flags += ["--target", _quote(props["target"])]
    if props.get("file"):
        flags += ["--file", _quote(props["file"])]
    if props.get("network_mode"):
        flags += ["--network", _quote(props["network_mode"].mode)]
    if props.get("platform"):
        flags += ["--platform", _quote(props["platform"].platform)]
    flags += [_quote(f"--output={output}") for output in props.get("outputs") or ()]
    for option in props.get("cache_from") or ():
        flags += ["--cache-from", _quote(_cache_flag(option))]
    if props.get("cache_to"):
        flags += ["--cache-to", _quote(_cache_flag(props["cache_to"]))]
    if props.get("cache_disabled"):
        flags.append("--no-cache")
    return " && ".join([
        "docker build " + " ".join(flags + ["."]),
        "printf '%s' \"$ECR_PASSWORD\" | docker login --username \"$ECR_USERNAME\" --password-stdin \"$ECR_REGISTRY\"",
        'docker push "$IMAGE_URI"'])


# -- the construct -------------------------------------------------------------------------------------

_TEMP_DIRS: dict[str, str] = {}


def _prepared_copy(directory: str, entries: Sequence[Any], digest: str) -> str:
    """A temporary filtered copy of the context for cdktf to copy at synth (one per hash and
    directory; removed at interpreter exit)."""
    key = f"{directory}\0{digest}"
    if key not in _TEMP_DIRS:
        if not _TEMP_DIRS:
            atexit.register(_remove_temp_dirs)
        path = tempfile.mkdtemp(prefix="batch-constructs-docker-context-")
        copy_context(directory, entries, path)
        _TEMP_DIRS[key] = path
    return _TEMP_DIRS[key]


def _remove_temp_dirs() -> None:
    for path in _TEMP_DIRS.values():
        shutil.rmtree(path, ignore_errors=True)
    _TEMP_DIRS.clear()


def _outdir_pattern(scope: Any, root: str) -> list[str]:
    """Keep the app's own output out of the context (AWS CDK excludes ``cdk.out`` the same way)."""
    app = scope.node.root
    outdir = getattr(app, "final_outdir", None) or getattr(app, "outdir", None)
    if not outdir:
        return []
    rel = os.path.relpath(os.path.abspath(str(outdir)), root)
    return [] if rel == "." or rel.startswith("..") else ["/" + Path(rel).as_posix()]


def stack_repository(scope: Any) -> Any:
    """The stack's ``ContainerAssets`` repository, created on first use."""
    from ._core import cdk
    TerraformStack = cdk(scope).TerraformStack

    from .core import RemovalPolicy
    from .ecr import Repository, TagMutability
    stack = TerraformStack.of(scope)
    existing = stack.node.try_find_child(STACK_REPOSITORY_ID)
    if existing is not None:
        return existing
    return Repository(stack, STACK_REPOSITORY_ID, image_tag_mutability=TagMutability.MUTABLE,
                      removal_policy=RemovalPolicy.DESTROY, empty_on_delete=True)


def _new_build_elements(owner: "DockerImageAsset", context: str, image_uri: str, environment: dict[str, str],
                        command: str) -> tuple[Any, Any]:
    """The jsii edge of this module: cdktf's ``TerraformAsset`` (the context copy in the stack's
    directory) and ``DataResource`` (``terraform_data``) with its ``local-exec`` provisioner."""
    from ._core import cdk
    cdktf = cdk(owner)
    asset = cdktf.TerraformAsset(owner, "Context", path=context, type=cdktf.AssetType.DIRECTORY,
                                 asset_hash=owner.asset_hash)
    provisioner = cdktf.LocalExecProvisioner(
        type="local-exec", command=command, environment=environment, interpreter=list(INTERPRETER),
        working_dir="${path.module}/" + asset.path.rstrip("/"))
    build = cdktf.DataResource(owner, "Build", provisioners=[provisioner])
    build.add_override("input", image_uri)
    build.add_override("triggers_replace", image_uri)
    return asset, build


class DockerImageAsset(BatchConstruct):
    """An image built from ``directory`` and pushed to ECR by ``terraform apply`` (see the module).

    :param directory: the build context (required; must hold the Dockerfile).
    :param file: the Dockerfile, relative to ``directory`` (default ``Dockerfile``).
    :param build_args: ``--build-arg`` values (default none; no tokens).
    :param target: ``--target`` stage (default none). :param platform: ``--platform`` (default: the
        building machine's). :param network_mode: ``--network`` (default: Docker's).
    :param build_ssh: ``--ssh`` (default none). :param outputs: ``--output`` values (default none).
    :param cache_from: ``--cache-from`` backends; :param cache_to: ``--cache-to``;
        :param cache_disabled: ``--no-cache`` (defaults: none, none, cache used).
    :param exclude: ignore patterns appended to ``.dockerignore``'s (default none).
    :param extra_hash: a string mixed into the hash (default none). :param invalidation: which
        options go into the hash (default all).
    :param follow_symlinks: only ``SymlinkFollowMode.NEVER`` (the default). :param ignore_mode:
        only ``IgnoreMode.DOCKER`` (the default here).
    :param build_contexts: :param build_secrets: refused (they name files outside the context).
    :param asset_name: :param display_name: accepted, checked, not emitted.
    :param ecr_repository: the repository to push to (an ``ecr.Repository`` or import; default:
        the stack's ``ContainerAssets`` repository).
    """

    #: AWS CDK's id of this class for property injection (``core.PropertyInjectors``).
    PROPERTY_INJECTION_ID = "aws-cdk-lib.aws-ecr-assets.DockerImageAsset"

    def __init__(self, scope: Any, id: str, *, directory: str, asset_name: str | None = None,
                 build_args: Mapping[str, str] | None = None, build_contexts: Mapping[str, str] | None = None,
                 build_secrets: Mapping[str, str] | None = None, build_ssh: str | None = None,
                 cache_disabled: bool | None = None, cache_from: Sequence[DockerCacheOption] | None = None,
                 cache_to: DockerCacheOption | None = None, display_name: str | None = None,
                 exclude: Sequence[str] | None = None, extra_hash: str | None = None, file: str | None = None,
                 follow_symlinks: SymlinkFollowMode | None = None, ignore_mode: IgnoreMode | None = None,
                 invalidation: DockerImageAssetInvalidationOptions | None = None,
                 network_mode: NetworkMode | None = None, outputs: Sequence[str] | None = None,
                 platform: Platform | None = None, target: str | None = None, ecr_repository: Any = None) -> None:
        super().__init__(scope, id)
        props = check_asset_props(
            self, directory=directory, asset_name=asset_name, build_args=build_args, build_contexts=build_contexts,
            build_secrets=build_secrets, build_ssh=build_ssh, cache_disabled=cache_disabled, cache_from=cache_from,
            cache_to=cache_to, display_name=display_name, exclude=exclude, extra_hash=extra_hash, file=file,
            follow_symlinks=follow_symlinks, ignore_mode=ignore_mode, invalidation=invalidation,
            network_mode=network_mode, outputs=outputs, platform=platform, target=target)
        check_protocol(self, "ecr_repository", ecr_repository, ("repository_uri", "repository_arn", "grant_pull"),
                       "an ECR repository (ecr.Repository or Repository.from_repository_name(...))")
        self.directory: str = props["directory"]
        self.props = props
        root = props["directory"]
        entries = list_context(self, root, dockerfile=props["file"] or "Dockerfile",
                               exclude=(props["exclude"] or []) + _outdir_pattern(self, root))
        self.asset_hash: str = content_hash(root, entries, hash_options(props))
        self.source_hash: str = self.asset_hash
        self.image_tag: str = self.asset_hash
        self.repository: Any = ecr_repository if ecr_repository is not None else stack_repository(self)
        from ._stack_data import _singleton
        token = _singleton(self, _TOKEN_DATA_ID, "data_aws_ecr_authorization_token", "DataAwsEcrAuthorizationToken")
        uri = f"{self.repository.repository_uri}:{self.image_tag}"
        environment = {"IMAGE_URI": uri, "ECR_REGISTRY": _registry(self.repository),
                       "ECR_USERNAME": token.user_name, "ECR_PASSWORD": token.password}
        self.context_asset, self.build = _new_build_elements(
            self, _prepared_copy(root, entries, self.asset_hash), uri, environment, build_command(props))
        #: ``<repository URL>:<hash>``, once pushed (the ``terraform_data``'s ``output``)
        self.image_uri: str = self.build.get_string_attribute("output")


def _registry(repository: Any) -> str:
    """The registry host of ``repository`` (``<account>.dkr.ecr.<region>.<dns suffix>``)."""
    registry = getattr(repository, "registry_uri", None)
    if registry:
        return registry
    from ._core import cdk
    core = cdk()
    Fn, Token = core.Fn, core.Token
    return Token.as_string(Fn.element(Fn.split("/", repository.repository_uri), 0))


from ._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
