"""``docs/validations.md`` cites the test that proves each rule: every cited test exists."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_cited_test_exists() -> None:
    text = (ROOT / "docs" / "validations.md").read_text()
    cited = set(re.findall(r"(tests/[\w/]+\.py)::(test_\w+)", text))
    assert len(cited) > 20
    missing = [f"{path}::{name}" for path, name in sorted(cited)
               if not (ROOT / path).is_file()
               or not re.search(rf"^def {name}\b", (ROOT / path).read_text(), re.M)]
    assert not missing, missing


def test_every_cited_bad_input_row_exists() -> None:
    text = (ROOT / "docs" / "validations.md").read_text()
    rows = set()
    for table in (ROOT / "tests" / "bad_input").glob("test_*.py"):
        rows |= set(re.findall(r'Bad\(\s*"([^"]+)"', table.read_text()))
    cited = {row for cell in re.findall(r"rows? (`[^|]*)", text) for row in re.findall(r"`([a-z0-9][a-z0-9.-]*)`", cell)}
    assert len(cited) > 100
    assert not sorted(cited - rows - {"x"}), sorted(cited - rows)  # "x": the legend's example
