"""Bad-input rows for ``ContainerImage.from_asset`` (checked before any construct: path ``None``)
and ``ecr_assets.DockerImageAsset`` (path of the asset)."""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from batch_constructs.ecr_assets import DockerCacheOption, DockerImageAsset, IgnoreMode, SymlinkFollowMode
from batch_constructs.ecs import ContainerImage

from ._table import Bad, params, run

DIR = str(Path(__file__).resolve().parents[1] / "ports" / "docker_context")
A = "TestStack/A"


def image(**kw: Any) -> Any:
    return ContainerImage.from_asset(kw.pop("directory", DIR), **kw)


def asset(s: Any, **kw: Any) -> Any:
    return DockerImageAsset(s, "A", directory=kw.pop("directory", DIR), **kw)


def dangling_symlink(s: Any) -> Any:
    root = Path(tempfile.mkdtemp(prefix="bad-docker-context-"))
    atexit.register(shutil.rmtree, root, True)
    (root / "Dockerfile").write_text("FROM scratch\n")
    os.symlink("missing.txt", root / "link")
    return asset(s, directory=str(root))


ROWS = [
    Bad("asset-missing-directory", lambda s, v: image(directory="/nonexistent/ctx"), None,
        r"'directory': Cannot find image directory at /nonexistent/ctx"),
    Bad("asset-missing-dockerfile", lambda s, v: image(file="Nope.Dockerfile"), None,
        r"'file': Cannot find file at .*/docker_context/Nope.Dockerfile"),
    Bad("asset-dockerfile-outside-the-context", lambda s, v: image(file="../Dockerfile"), None,
        r"'file' must be a path inside 'directory'"),
    Bad("asset-directory-not-a-string", lambda s, v: image(directory=Path(DIR)), None, r"'directory' must be a string"),
    Bad("asset-build-args-a-list", lambda s, v: image(build_args=["A=1"]), None, r"'build_args' must be a dict"),
    Bad("asset-build-args-name-with-equals", lambda s, v: image(build_args={"A=B": "1"}), None,
        r"'build_args' names must be non-empty and without '='"),
    Bad("asset-build-args-token", lambda s, v: image(build_args={"A": "${TfToken[TOKEN.1]}"}), None,
        r"Cannot use tokens in 'build_args'"),
    Bad("asset-build-secrets-refused", lambda s, v: image(build_secrets={"npm": "src=.npmrc"}), None,
        r"'build_secrets' is not supported: it names files outside the build context"),
    Bad("asset-build-contexts-refused", lambda s, v: image(build_contexts={"lib": "../lib"}), None,
        r"'build_contexts' is not supported"),
    Bad("asset-platform-a-string", lambda s, v: image(platform="linux/amd64"), None, r"'platform' must be a Platform"),
    Bad("asset-network-mode-a-string", lambda s, v: image(network_mode="host"), None, r"'network_mode' must be a NetworkMode"),
    Bad("asset-follow-symlinks-always", lambda s, v: image(follow_symlinks=SymlinkFollowMode.ALWAYS), None,
        r"'follow_symlinks' must be SymlinkFollowMode.NEVER"),
    Bad("asset-ignore-mode-glob", lambda s, v: image(ignore_mode=IgnoreMode.GLOB), None,
        r"'ignore_mode' must be IgnoreMode.DOCKER"),
    Bad("asset-exclude-a-string", lambda s, v: image(exclude="*.md"), None, r"'exclude' must be a list of strings"),
    Bad("asset-cache-from-not-a-list", lambda s, v: image(cache_from=DockerCacheOption(type="registry")), None,
        r"'cache_from' must be a list of DockerCacheOption"),
    Bad("asset-cache-to-empty-type", lambda s, v: image(cache_to=DockerCacheOption(type="")), None,
        r"'cache_to.type' must be a string"),
    Bad("asset-cache-disabled-a-string", lambda s, v: image(cache_disabled="yes"), None,
        r"'cache_disabled' must be True or False"),
    Bad("asset-construct-missing-directory", lambda s, v: asset(s, directory="/nonexistent/ctx"), A,
        r"'directory': Cannot find image directory"),
    Bad("asset-repository-not-a-repository", lambda s, v: asset(s, ecr_repository="my-repo"), A,
        r"'ecr_repository' must be an ECR repository"),
    Bad("asset-bad-exclude-pattern", lambda s, v: asset(s, exclude=["[z-a]"]), A, r"'exclude': invalid ignore pattern"),
    Bad("asset-dangling-symlink", lambda s, v: dangling_symlink(s), A, r"symlink 'link' -> 'missing.txt' dangles"),
]


@params(ROWS)
def test_bad_docker_asset_input(row: Bad, stack: Any, vpc: Any) -> None:
    run(row, stack, vpc)
