"""Read a jsii assembly (``<package>/_jsii/<name>@<version>.jsii.tgz``) as data, without jsii."""
from __future__ import annotations

import gzip
import io
import json
import tarfile
from pathlib import Path
from typing import Any

__all__ = ["read_assembly"]


def read_assembly(path: Path) -> dict[str, Any]:
    """The whole assembly document of a jsii tarball (``package/.jsii``, or the gzip file it redirects to)."""
    with tarfile.open(path) as tar:
        document = json.loads(tar.extractfile("package/.jsii").read())  # type: ignore[union-attr]
        if document.get("schema") == "jsii/file-redirect":
            raw = tar.extractfile("package/" + document["filename"]).read()  # type: ignore[union-attr]
            if document.get("compression") == "gzip":
                raw = gzip.decompress(raw)
            document = json.load(io.BytesIO(raw))
    return document
