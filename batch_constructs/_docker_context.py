"""A Docker build context, computed in plain Python (no jsii): which files ``docker build`` would
send, their content hash, and a filtered copy of them.

* **What is sent** follows Docker's ``.dockerignore`` rules (moby's ``patternmatcher``): patterns
  relative to the context root (a leading ``/`` or ``./`` is dropped, ``#`` lines are comments),
  ``*`` and ``?`` within one path segment, ``**`` any number of directories, ``!`` re-includes,
  the last matching pattern wins, and a pattern matching a directory matches everything under it
  (an exception can still re-include a file there). AWS CDK's ``exclude=`` patterns are appended
  after the file's; the Dockerfile and ``.dockerignore`` are always sent (as Docker and AWS CDK do).
  Empty directories are not part of the context.
* **The hash** (sha256 hex) covers the sent files in sorted POSIX order: path, kind, executable
  bit and bytes (a symlink: its link text, never followed), then the build options as canonical
  JSON. An ignored file changing changes nothing.
* **The copy** (:func:`copy_context`) writes exactly the sent files, modes normalized to 0644/0755.

Symlinks: Docker sends a symlink as a link; the copy keeps it as one, and cdktf's asset copy
follows it. So a symlink must resolve, inside the context, to a path that is sent; one that
dangles, leaves the context or points at an excluded path is refused (:func:`list_context`).
"""
from __future__ import annotations

import enum
import hashlib
import json
import os
import re
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Iterable, Sequence

from ._errors import ValidationError

__all__ = ["ContextEntry", "IgnoreMode", "SymlinkFollowMode", "compile_pattern", "content_hash", "copy_context",
           "is_excluded", "list_context", "parse_dockerignore"]

#: bumped when what goes into the hash changes, so every tag changes with it
HASH_VERSION = "batch-constructs-docker-context-1"


class IgnoreMode(enum.StrEnum):
    """How ignore patterns are read (AWS CDK's ``IgnoreMode``); only ``DOCKER`` is honoured."""

    GLOB = "glob"
    GIT = "git"
    DOCKER = "docker"


class SymlinkFollowMode(enum.StrEnum):
    """AWS CDK's ``SymlinkFollowMode``; only ``NEVER`` (Docker's own behaviour) is honoured."""

    NEVER = "never"
    ALWAYS = "always"
    EXTERNAL = "external"
    BLOCK_EXTERNAL = "block-external"


@dataclass(frozen=True)
class ContextEntry:
    """One sent path: ``path`` (POSIX, relative to the root), ``kind`` (``file`` / ``symlink``),
    ``executable`` (any execute bit of a file) and ``link`` (a symlink's text)."""

    path: str
    kind: str
    executable: bool = False
    link: str | None = None


# -- .dockerignore ------------------------------------------------------------------------------

def _clean(pattern: str) -> str:
    """moby's ``ReadAll`` cleaning: ``filepath.Clean``, POSIX separators, no leading ``/``."""
    cleaned = os.path.normpath(pattern.replace("\\", "/")) if pattern else pattern
    cleaned = cleaned.replace(os.sep, "/")
    if cleaned.startswith("//"):
        cleaned = cleaned.lstrip("/") or "/"
    if len(cleaned) > 1 and cleaned.startswith("/"):
        cleaned = cleaned[1:]
    return cleaned


def parse_dockerignore(text: str) -> list[str]:
    """The patterns of a ``.dockerignore`` (``!`` kept as a prefix), cleaned as Docker does."""
    out = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        out.append(_normalize(line))
    return [p for p in out if p not in ("", "!")]


def _normalize(pattern: str) -> str:
    invert = pattern.startswith("!")
    body = pattern[1:].strip() if invert else pattern
    body = _clean(body) if body else body
    return ("!" if invert else "") + body


_REGEX_SPECIAL = set(".+()|{}$^")


def compile_pattern(pattern: str) -> re.Pattern[str] | None:
    """A cleaned pattern (without ``!``) as moby's regular expression; ``None`` matches all."""
    out = "^"
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "*":
            if i + 1 < n and pattern[i + 1] == "*":
                i += 2
                if i < n and pattern[i] == "/":
                    i += 1
                if i >= n:
                    if out == "^":
                        return None  # "**": everything
                    out += ".*"
                else:
                    out += "(.*/)?"
                continue
            out += "[^/]*"
        elif ch == "?":
            out += "[^/]"
        elif ch == "\\":
            if i + 1 < n:
                out += re.escape(pattern[i + 1])
                i += 1
            else:
                out += "\\\\"
        elif ch in _REGEX_SPECIAL:
            out += "\\" + ch
        else:
            out += ch
        i += 1
    try:
        return re.compile(out + "$")
    except re.error:
        raise ValueError(f"invalid ignore pattern {pattern!r}") from None


@dataclass(frozen=True)
class _Pattern:
    exclusion: bool
    regex: re.Pattern[str] | None

    def match(self, path: str) -> bool:
        return self.regex is None or self.regex.match(path) is not None


def _compile_all(scope: Any, patterns: Sequence[str]) -> list[_Pattern]:
    compiled = []
    for pattern in patterns:
        pattern = _normalize(pattern)
        exclusion = pattern.startswith("!")
        body = pattern[1:] if exclusion else pattern
        if body in ("", "."):
            continue
        try:
            compiled.append(_Pattern(exclusion, compile_pattern(body)))
        except ValueError as error:
            raise ValidationError(scope, f"'exclude': {error} (Docker's .dockerignore syntax)") from None
    return compiled


def _matches(patterns: Sequence[_Pattern], path: str) -> bool:
    """moby's ``MatchesOrParentMatches``: the last pattern matching the path or a parent wins."""
    parents = path.split("/")[:-1]
    matched = False
    for pattern in patterns:
        if pattern.exclusion != matched:
            continue
        hit = pattern.match(path) or any(pattern.match("/".join(parents[:i + 1])) for i in range(len(parents)))
        if hit:
            matched = not pattern.exclusion
    return matched


def is_excluded(patterns: Sequence[str], path: str) -> bool:
    """Whether Docker leaves ``path`` (POSIX, relative) out of the context under ``patterns``."""
    return _matches(_compile_all(None, patterns), path)


# -- the context ----------------------------------------------------------------------------------

def list_context(scope: Any, directory: str | Path, *, dockerfile: str = "Dockerfile",
                 exclude: Sequence[str] = ()) -> list[ContextEntry]:
    """The entries ``docker build`` sends from ``directory`` (sorted by path): the
    ``.dockerignore`` patterns, then ``exclude``; the Dockerfile and ``.dockerignore`` always."""
    root = Path(directory)
    ignore_file = root / ".dockerignore"
    patterns = list(parse_dockerignore(ignore_file.read_text(errors="replace"))) if ignore_file.is_file() else []
    compiled = _compile_all(scope, patterns + list(exclude))
    always = {".dockerignore", PurePosixPath(dockerfile.replace("\\", "/")).as_posix()}
    has_exceptions = any(p.exclusion for p in compiled)
    entries: list[ContextEntry] = []
    for current, dirs, files in os.walk(root, followlinks=False):
        rel_dir = Path(current).relative_to(root).as_posix()
        prefix = "" if rel_dir == "." else rel_dir + "/"
        keep_dirs = []
        for name in sorted(dirs):
            full = Path(current) / name
            if full.is_symlink():
                files.append(name)  # a symlink to a directory is sent as a link
            elif has_exceptions or not _matches(compiled, prefix + name) or \
                    any(a.startswith(prefix + name + "/") for a in always):
                keep_dirs.append(name)
        dirs[:] = keep_dirs
        for name in sorted(files):
            rel = prefix + name
            if rel not in always and _matches(compiled, rel):
                continue
            entries.append(_entry(root / rel, rel))
    entries.sort(key=lambda e: e.path)
    _check_symlinks(scope, root, entries)
    return entries


def _entry(full: Path, rel: str) -> ContextEntry:
    info = full.lstat()
    if stat.S_ISLNK(info.st_mode):
        return ContextEntry(rel, "symlink", link=os.readlink(full))
    return ContextEntry(rel, "file", executable=bool(info.st_mode & 0o111))


def _check_symlinks(scope: Any, root: Path, entries: Iterable[ContextEntry]) -> None:
    entries = list(entries)
    sent = {e.path for e in entries}
    real_root = root.resolve()
    for entry in entries:
        if entry.kind != "symlink":
            continue
        target = (root / entry.path).resolve()
        problem = None
        if not target.exists():
            problem = "dangles"
        elif target != real_root and real_root not in target.parents:
            problem = "leaves the build context"
        else:
            rel = target.relative_to(real_root).as_posix()
            inside = target.is_dir() and any(s == rel or s.startswith(rel + "/") for s in sent)
            link_parent = (root / entry.path).parent.resolve()
            if target.is_dir() and (target == link_parent or target in link_parent.parents):
                problem = "points at a directory that holds it (a loop)"
            elif rel not in sent and not inside:
                problem = "points at an excluded path"
        if problem:
            raise ValidationError(scope, f"'directory': symlink '{entry.path}' -> '{entry.link}' {problem}; the "
                                         "Terraform directory gets a copy of the build context, so every symlink "
                                         "in it must resolve to a file or directory of the context that is sent")


def content_hash(directory: str | Path, entries: Sequence[ContextEntry], options: dict[str, Any] | None = None) -> str:
    """sha256 hex of the sent entries (path, kind, executable bit, bytes or link text) and
    ``options`` (canonical JSON: sorted keys)."""
    digest = hashlib.sha256()

    def field(data: bytes) -> None:
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)

    field(HASH_VERSION.encode())
    root = Path(directory)
    for entry in sorted(entries, key=lambda e: e.path):
        field(entry.path.encode())
        field(entry.kind.encode())
        field(b"x" if entry.executable else b"-")
        if entry.kind == "symlink":
            field((entry.link or "").encode())
        else:
            inner = hashlib.sha256()
            with open(root / entry.path, "rb") as handle:
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    inner.update(chunk)
            field(inner.digest())
    field(json.dumps(options or {}, sort_keys=True, separators=(",", ":")).encode())
    return digest.hexdigest()


def copy_context(directory: str | Path, entries: Sequence[ContextEntry], destination: str | Path) -> None:
    """Copy the sent entries of ``directory`` into ``destination`` (created; must be empty)."""
    root, dest = Path(directory), Path(destination)
    dest.mkdir(parents=True, exist_ok=True)
    for entry in entries:
        target = dest / entry.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if entry.kind == "symlink":
            os.symlink(entry.link or "", target)
        else:
            shutil.copyfile(root / entry.path, target)
            os.chmod(target, 0o755 if entry.executable else 0o644)
