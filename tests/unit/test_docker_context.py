"""The Docker build context in plain Python (``batch_constructs._docker_context``): Docker's
``.dockerignore`` rules, the content hash and the filtered copy."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import batch_constructs._docker_context as dc
from batch_constructs._errors import ValidationError


def make(root: Path, files: dict[str, str], ignore: str | None = None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    if ignore is not None:
        (root / ".dockerignore").write_text(ignore)
    return root


def sent(root: Path, **kw: object) -> list[str]:
    return [e.path for e in dc.list_context(None, root, **kw)]


TREE = {"Dockerfile": "FROM scratch\n", "app/main.py": "print(1)\n", "app/test_main.py": "x\n",
        "docs/a.md": "a\n", "docs/keep.md": "k\n", "docs/deep/b.md": "b\n", "build/out.bin": "o\n",
        "README.md": "r\n", "node_modules/x/index.js": "i\n"}


# -- .dockerignore parsing and matching --------------------------------------------------------------

def test_parse_strips_comments_blank_lines_leading_slash_and_dot() -> None:
    assert dc.parse_dockerignore("# c\n\n/build\n./docs/\n  *.md  \n!README.md\n! /keep\n") == [
        "build", "docs", "*.md", "!README.md", "!keep"]


@pytest.mark.parametrize("pattern,path,hit", [
    ("*.md", "README.md", True), ("*.md", "docs/a.md", False),  # '*' stays within one segment
    ("**/*.md", "docs/deep/b.md", True), ("**/*.md", "README.md", True),
    ("docs/**", "docs/deep/b.md", True), ("docs/**/b.md", "docs/b.md", True),
    ("a?c", "abc", True), ("a?c", "a/c", False), ("[ab].txt", "b.txt", True),
    ("file.txt", "file_txt", False),  # '.' is literal
    ("**", "anything/at/all", True),
])
def test_pattern_semantics(pattern: str, path: str, hit: bool) -> None:
    assert dc.is_excluded([pattern], path) is hit


def test_a_matched_directory_excludes_everything_under_it() -> None:
    assert dc.is_excluded(["docs"], "docs/deep/b.md")
    assert not dc.is_excluded(["docs"], "documents/x")


def test_exceptions_and_last_match_wins() -> None:
    patterns = ["docs", "!docs/keep.md"]
    assert dc.is_excluded(patterns, "docs/a.md")
    assert not dc.is_excluded(patterns, "docs/keep.md")
    assert dc.is_excluded(["!docs/keep.md", "docs"], "docs/keep.md")  # the later pattern wins
    assert dc.is_excluded(["*.md", "!README*", "README.md"], "README.md")


def test_list_context_applies_dockerignore_then_exclude(tmp_path: Path) -> None:
    root = make(tmp_path / "ctx", TREE, "node_modules\nbuild/\ndocs\n!docs/keep.md\n**/test_*.py\n")
    assert sent(root, exclude=["README.md"]) == [".dockerignore", "Dockerfile", "app/main.py", "docs/keep.md"]


def test_dockerfile_and_dockerignore_are_always_sent(tmp_path: Path) -> None:
    root = make(tmp_path / "ctx", {"Dockerfile": "x", "docker/Prod.Dockerfile": "y", "a": "a"},
                "*\n**/*Dockerfile\n.dockerignore\n")
    assert sent(root) == [".dockerignore", "Dockerfile"]
    assert sent(root, dockerfile="docker/Prod.Dockerfile") == [".dockerignore", "docker/Prod.Dockerfile"]


def test_empty_directories_are_not_part_of_the_context(tmp_path: Path) -> None:
    root = make(tmp_path / "ctx", {"Dockerfile": "x"})
    (root / "empty").mkdir()
    assert sent(root) == ["Dockerfile"]


def test_a_bad_exclude_pattern_is_a_validation_error(tmp_path: Path) -> None:
    root = make(tmp_path / "ctx", {"Dockerfile": "x"})
    with pytest.raises(ValidationError, match="'exclude': invalid ignore pattern"):
        dc.list_context("S/A", root, exclude=["[z-a]"])


# -- symlinks --------------------------------------------------------------------------------------

def test_symlinks_are_sent_as_links_and_must_resolve_to_sent_paths(tmp_path: Path) -> None:
    root = make(tmp_path / "ctx", {"Dockerfile": "x", "data/a.txt": "a", "secret.txt": "s"}, "secret.txt\n")
    os.symlink("data/a.txt", root / "link")
    os.symlink("data", root / "dirlink")
    entries = {e.path: e for e in dc.list_context(None, root)}
    assert entries["link"] == dc.ContextEntry("link", "symlink", link="data/a.txt")
    assert entries["dirlink"].kind == "symlink"
    for name, target, problem in [("dangling", "nope", "dangles"), ("out", str(tmp_path), "leaves the build context"),
                                  ("hidden", "secret.txt", "excluded path"), ("data/up", "..", "a loop")]:
        os.symlink(target, root / name)
        with pytest.raises(ValidationError, match=f"symlink '{name}' -> .*{problem}"):
            dc.list_context("S/A", root)
        os.unlink(root / name)


# -- the hash ---------------------------------------------------------------------------------------

def digest(root: Path, **options: object) -> str:
    return dc.content_hash(root, dc.list_context(None, root), options)


def test_hash_is_stable_across_runs_and_copies(tmp_path: Path) -> None:
    root = make(tmp_path / "ctx", TREE, "node_modules\n")
    first = digest(root, buildArgs={"A": "1"})
    assert first == digest(root, buildArgs={"A": "1"}) and len(first) == 64
    copy = tmp_path / "elsewhere" / "copy"
    shutil.copytree(root, copy)
    assert digest(copy, buildArgs={"A": "1"}) == first


def test_hash_changes_with_a_sent_file_an_option_or_the_executable_bit(tmp_path: Path) -> None:
    root = make(tmp_path / "ctx", TREE, "node_modules\n")
    base = digest(root)
    assert digest(root, buildArgs={"A": "1"}) != base
    assert digest(root, buildArgs={"A": "1"}) != digest(root, buildArgs={"A": "2"})
    (root / "app/main.py").write_text("print(2)\n")
    changed = digest(root)
    assert changed != base
    os.chmod(root / "app/main.py", 0o755)
    assert digest(root) != changed


def test_hash_ignores_ignored_files(tmp_path: Path) -> None:
    root = make(tmp_path / "ctx", TREE, "node_modules\ndocs\n")
    base = digest(root)
    (root / "node_modules/x/index.js").write_text("changed")
    (root / "docs/new.md").write_text("new")
    assert digest(root) == base


def test_hash_option_order_does_not_matter(tmp_path: Path) -> None:
    root = make(tmp_path / "ctx", {"Dockerfile": "x"})
    assert digest(root, buildArgs={"A": "1", "B": "2"}, target="t") == \
        digest(root, target="t", buildArgs={"B": "2", "A": "1"})


# -- the copy ---------------------------------------------------------------------------------------

def test_copy_holds_exactly_the_sent_files(tmp_path: Path) -> None:
    root = make(tmp_path / "ctx", TREE, "node_modules\ndocs\n!docs/keep.md\n")
    os.chmod(root / "app/main.py", 0o700)
    os.symlink("app/main.py", root / "main")
    entries = dc.list_context(None, root)
    dest = tmp_path / "copy"
    dc.copy_context(root, entries, dest)
    copied = sorted(str(p.relative_to(dest)) for p in dest.rglob("*") if p.is_file() or p.is_symlink())
    assert copied == [e.path for e in entries]
    assert (dest / "app/main.py").stat().st_mode & 0o777 == 0o755
    assert (dest / "README.md").stat().st_mode & 0o777 == 0o644
    assert os.readlink(dest / "main") == "app/main.py"
    assert dc.content_hash(dest, dc.list_context(None, dest)) == dc.content_hash(root, entries)
