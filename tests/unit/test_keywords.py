"""A misspelled keyword names the closest valid one (``_keywords.check_keywords``)."""
from __future__ import annotations

from typing import Any

import pytest

from batch_constructs._keywords import check_keywords, suggest_keywords


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


class Widget:
    def add(self, *, start_node: int = 0, end_node: int = 0) -> int:
        return start_node + end_node

    @classmethod
    def of(cls, name: str, *, priority: int = 0) -> str:
        return f"{name}:{priority}"

    def boom(self, *, value: int = 0) -> None:
        raise TypeError("raised inside, left alone")


suggest_keywords(Widget)


def test_methods_and_factories_suggest_the_closest_keyword() -> None:
    with pytest.raises(TypeError, match=r"Widget.add\(\) got an unexpected keyword argument 'start_nod'; did you mean "
                                        r"'start_node'\?"):
        Widget().add(start_nod=1)
    with pytest.raises(TypeError, match=r"Widget.of\(\) .*'priorty'; did you mean 'priority'\?"):
        Widget.of("x", priorty=1)
    assert Widget().add(start_node=1, end_node=2) == 3 and Widget.of("x", priority=2) == "x:2"


def test_a_type_error_from_inside_a_method_is_not_rewritten() -> None:
    with pytest.raises(TypeError, match="raised inside, left alone"):
        Widget().boom(value=1)


def test_wrapped_methods_keep_their_signature() -> None:
    import inspect
    assert list(inspect.signature(Widget.add).parameters) == ["self", "start_node", "end_node"]

