"""Guard: ``tests/unit`` runs without the jsii runtime.

Pure-Python tests live here; anything that creates constructs, synthesizes or imports ``cdktf``
belongs in ``tests/synth``. When every collected test of the session is under ``tests/unit``
(``pytest tests/unit``, a file or a single test of it), the guard fails

* the collection, if importing a unit test module (or a conftest) loaded ``jsii`` or ``cdktf``, and
* the first unit test after which ``jsii`` or ``cdktf`` is in ``sys.modules`` (an error in its teardown).

A session that also collects other tests (the README's ``pytest`` of everything) starts jsii
for the construct tests anyway, so there the guard does nothing. A test that needs to check
something in a process with jsii runs a subprocess (as ``test_runtime.py`` does).
"""
from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

UNIT_DIR = Path(__file__).resolve().parent
FORBIDDEN = ("jsii", "cdktf")

_active = pytest.StashKey[bool]()
_collection_culprit: list[str] = []  # what was being collected when jsii/cdktf first appeared


def loaded_forbidden() -> list[str]:
    """The forbidden top-level packages that are imported in this process."""
    return [name for name in FORBIDDEN if name in sys.modules]


def _under_unit(item: pytest.Item) -> bool:
    return Path(str(item.path)).resolve().is_relative_to(UNIT_DIR)


def pytest_configure(config: pytest.Config) -> None:
    if loaded_forbidden():  # loaded by a plugin or a conftest imported before this one
        _collection_culprit.append("a conftest or plugin")


def pytest_collectreport(report: pytest.CollectReport) -> None:
    # Remember which collected module first pulled the runtime in; judged at the end of the
    # collection, once it is known whether the session runs only unit tests.
    if not _collection_culprit and loaded_forbidden():
        _collection_culprit.append(report.nodeid or "a conftest")


def pytest_collection_finish(session: pytest.Session) -> None:
    items = session.items
    active = bool(items) and all(_under_unit(item) for item in items)
    session.config.stash[_active] = active
    if active and _collection_culprit:
        pytest.exit(f"tests/unit must run without the jsii runtime, but collecting {_collection_culprit[0]} "
                    f"imported {', '.join(loaded_forbidden())}; move such tests to tests/synth",
                    returncode=pytest.ExitCode.TESTS_FAILED)


@pytest.fixture(autouse=True)
def _no_jsii_runtime(request: pytest.FixtureRequest) -> Iterator[None]:
    active = request.config.stash.get(_active, False)
    before = loaded_forbidden()
    yield
    if active and not before:
        loaded = loaded_forbidden()
        if loaded:
            pytest.fail(f"tests/unit must run without the jsii runtime, but {request.node.nodeid} imported "
                        f"{', '.join(loaded)}; move it to tests/synth (or use Template.from_json / pure "
                        f"functions)", pytrace=False)
