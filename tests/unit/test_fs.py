"""``_fs.commit``: the file-level rules, without jsii."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import batch_constructs._fs as _fs  # "from batch_constructs import _fs" would load every module
from batch_constructs._fs import MANIFEST, TXN, OutputConflict, commit, recover


def test_first_commit_writes_files_and_the_record(tmp_path: Path) -> None:
    written = commit(tmp_path / "out", files={"a.tf": "a", "sub/b.tf": "b"})
    assert sorted(p.relative_to(tmp_path / "out").as_posix() for p in written) == ["a.tf", "sub/b.tf"]
    assert json.loads((tmp_path / "out" / MANIFEST).read_text()) == ["a.tf", "sub/b.tf"]


def test_stale_own_files_go_and_empty_own_directories_with_them(tmp_path: Path) -> None:
    out = tmp_path / "out"
    commit(out, files={"a.tf": "a", "sub/b.tf": "b"})
    (out / "keep").mkdir()
    (out / "keep" / "x").write_text("x")
    commit(out, files={"a.tf": "a2"})
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == [MANIFEST, "a.tf", "keep", "keep/x"]


def test_a_foreign_file_is_refused_with_refuse_foreign_and_replaced_without(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "main.tf").write_text("theirs")
    with pytest.raises(OutputConflict, match=r"did not write: main\.tf; .*replace=True"):
        commit(out, files={"main.tf": "ours"}, refuse_foreign=True)
    assert (out / "main.tf").read_text() == "theirs" and not (out / TXN).exists()
    commit(out, files={"main.tf": "ours"})
    assert (out / "main.tf").read_text() == "ours"


def test_target_that_is_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("a file")
    with pytest.raises(OutputConflict, match=r"it is a file, not a directory"):
        commit(tmp_path / "out", files={"a": "a"})


def test_paths_in_the_way_and_names_outside_are_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "a.tf").mkdir(parents=True)
    (out / "sub").write_text("file where a directory goes")
    with pytest.raises(OutputConflict, match=r"these paths are in the way .*: a\.tf, sub/b\.tf"):
        commit(out, files={"a.tf": "a", "sub/b.tf": "b"})
    with pytest.raises(OutputConflict, match=r"file names outside its directory: \.\./x"):
        commit(out, files={"../x": "x"})
    assert not (out / TXN).exists() and not (tmp_path / "x").exists()


def test_recover_discards_an_uncommitted_and_finishes_a_committed_transaction(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    commit(out, files={"a.tf": "old"})
    (out / TXN / "new").mkdir(parents=True)
    (out / TXN / "new" / "a.tf").write_text("half")
    recover(out)  # no journal: nothing had been committed
    assert (out / "a.tf").read_text() == "old" and not (out / TXN).exists()

    def die(step: str) -> None:
        if step == "replaced":
            raise SystemExit("killed")

    monkeypatch.setattr(_fs, "_apply", lambda target: die("replaced"))
    with pytest.raises(SystemExit):
        commit(out, files={"a.tf": "new", "b.tf": "b"})
    monkeypatch.undo()
    assert (out / TXN / "journal.json").is_file()
    recover(out)
    assert (out / "a.tf").read_text() == "new" and (out / "b.tf").read_text() == "b" and not (out / TXN).exists()
