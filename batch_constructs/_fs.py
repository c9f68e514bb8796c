"""Writing output into a user's directory without losing anything (``App.synth``, ``export_module``).

The guarantees (README, "What synth never touches"):

* Nothing this library did not write is ever removed. Each target directory records the files
  the last write produced in :data:`MANIFEST`; a file the new output no longer has is removed
  only when it is listed there. With ``refuse_foreign`` (``export_module``, ``write_hcl``) a file
  of the same name that this library did not write is not overwritten either: the write is
  refused. ``App.synth`` overwrites the same-named files of an earlier plain cdktf synth (its
  own kind of output) and keeps everything else (state, ``.terraform/``, lock files).
* All or nothing for what we own: the new files are first written completely into
  :data:`TXN` inside the target (same file system, so renames are atomic); then a journal is
  written atomically: that is the commit point. Before it, the old output is untouched and an
  interruption leaves it as it was; after it, the journal is applied (each file replaced with
  ``os.replace``), and an interrupted apply is finished by the next write (:func:`recover`).
* The target itself is never renamed or removed, so a symlinked output directory stays a
  symlink.
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Mapping

from ._errors import ValidationError

__all__ = ["MANIFEST", "TXN", "OutputConflict", "commit", "recover"]

#: the files this library wrote into a directory last time (JSON list of relative paths)
MANIFEST = ".batch-constructs-files.json"
#: the transaction directory inside the target (new files and the journal)
TXN = ".batch-constructs-txn"
_JOURNAL = "journal.json"


class OutputConflict(ValidationError):
    """The new output would overwrite files this library did not write."""


def _checkpoint(step: str) -> None:
    """Called between the steps of a commit; tests patch it to interrupt at each step."""


def _files_under(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)).replace(os.sep, "/") for p in root.rglob("*")
                  if p.is_file() or p.is_symlink())


def _read_manifest(target: Path) -> set[str]:
    try:
        listed = json.loads((target / MANIFEST).read_text())
    except (OSError, ValueError):
        return set()
    return {p for p in listed if isinstance(p, str)} if isinstance(listed, list) else set()


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


def _safe(rel: str) -> bool:
    parts = Path(rel).parts
    return bool(parts) and not Path(rel).is_absolute() and ".." not in parts and parts[0] not in (MANIFEST, TXN)


def commit(target: Path, *, tree: Path | None = None, files: Mapping[str, str] | None = None,
           refuse_foreign: bool = False, what: str = "the output") -> list[Path]:
    """Make ``target`` hold the new output: the files of directory ``tree`` and/or ``files``
    (relative path → text). Files of the previous output that the new one lacks are removed;
    nothing else in ``target`` is touched.

    With ``refuse_foreign``, an existing file of the same path that this library did not write
    raises :class:`OutputConflict` listing them, before anything is written.
    """
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise OutputConflict(None, f"cannot write {what} into '{target}': it is a file, not a directory")
    target.mkdir(parents=True, exist_ok=True)
    recover(target)
    new = sorted(set(_files_under(tree) if tree is not None else []) | set(files or {}))
    unsafe = [rel for rel in new if not _safe(rel)]
    if unsafe:
        raise OutputConflict(None, f"{what} has file names outside its directory: {', '.join(unsafe)}")
    owned = _read_manifest(target)
    blocked = [rel for rel in new if (target / rel).is_dir() and not (target / rel).is_symlink()]
    blocked += [rel for rel in new for parent in Path(rel).parents
                if str(parent) != "." and (target / parent).exists() and not (target / parent).is_dir()]
    if blocked:
        raise OutputConflict(None, f"cannot write {what} into '{target}': these paths are in the way "
                                   f"(a directory where a file goes, or the reverse): {', '.join(sorted(set(blocked)))}")
    if refuse_foreign:
        foreign = [rel for rel in new if (target / rel).exists() and rel not in owned]
        if foreign:
            raise OutputConflict(None, f"refusing to overwrite files in '{target}' that batch_constructs did not "
                                       f"write: {', '.join(foreign)}; move them away, or pass replace=True to "
                                       "overwrite them")
    txn = target / TXN
    staged = txn / "new"
    try:
        staged.mkdir(parents=True)
        _checkpoint("staging")
        if tree is not None:
            shutil.copytree(tree, staged, dirs_exist_ok=True, symlinks=True)
        for rel, text in (files or {}).items():
            (staged / rel).parent.mkdir(parents=True, exist_ok=True)
            (staged / rel).write_text(text)
        _checkpoint("staged")
        stale = sorted(owned - set(new))
        _write_atomic(txn / _JOURNAL, json.dumps({"files": new, "stale": stale}))
    except BaseException:
        shutil.rmtree(txn, ignore_errors=True)
        raise
    _apply(target)
    return [target / rel for rel in new]


def recover(target: Path) -> None:
    """Finish (journal written) or discard (no journal yet) an interrupted commit in ``target``."""
    txn = Path(target) / TXN
    if not txn.exists():
        return
    if (txn / _JOURNAL).is_file():
        _apply(Path(target))
    else:
        shutil.rmtree(txn, ignore_errors=True)


def _apply(target: Path) -> None:
    txn = target / TXN
    try:
        _apply_steps(target, txn)
    except BaseException:
        # Ctrl-C while applying: finish first (every step is idempotent), then re-raise.
        _apply_steps(target, txn)
        shutil.rmtree(txn, ignore_errors=True)
        raise
    shutil.rmtree(txn, ignore_errors=True)


def _apply_steps(target: Path, txn: Path) -> None:
    journal = json.loads((txn / _JOURNAL).read_text())
    for rel in journal["files"]:
        source = txn / "new" / rel
        if source.exists() or source.is_symlink():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target / rel)
            _checkpoint("replaced")
    for rel in journal["stale"]:
        _remove_owned(target, rel)
    _write_atomic(target / MANIFEST, json.dumps(journal["files"], indent=0) + "\n")
    _checkpoint("applied")


def _remove_owned(target: Path, rel: str) -> None:
    path = target / rel
    if path.is_file() or path.is_symlink():
        path.unlink()
    parent = path.parent
    while parent != target and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent
