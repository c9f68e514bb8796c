"""A misspelled keyword names the closest valid one (``_keywords.check_keywords``)."""
from __future__ import annotations

from typing import Any

import pytest

from batch_constructs._keywords import check_keywords


def make(*, maxv_cpus: int = 256, minv_cpus: int = 0, spot: bool = False) -> None: ...


def loose(**anything: Any) -> None: ...


def test_closest_valid_keyword_is_suggested() -> None:
    with pytest.raises(TypeError, match=r"Thing\(\) got an unexpected keyword argument 'maxv_cpu'; did you mean "
                                        r"'maxv_cpus'\?"):
        check_keywords("Thing", make, {"maxv_cpu": 4})


def test_nothing_close_lists_the_valid_keywords() -> None:
    with pytest.raises(TypeError, match="valid keywords: maxv_cpus, minv_cpus, spot"):
        check_keywords("Thing", make, {"zzz": 1})


def test_valid_keywords_and_var_keyword_functions_pass() -> None:
    check_keywords("Thing", make, {"spot": True, "minv_cpus": 1})
    check_keywords("Thing", loose, {"whatever": 1})
