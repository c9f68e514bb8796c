"""A misspelled keyword argument names the closest valid one (issue 10: "an API an IDE can see").

Python's own ``TypeError`` says only ``got an unexpected keyword argument 'maxv_cpu'``; the
constructors of this library spell out every keyword, so the valid ones are known from the
signature and the closest is suggested before anything is built.
"""
from __future__ import annotations

import difflib
import inspect
from functools import lru_cache
from typing import Any, Callable


@lru_cache(maxsize=None)
def _accepted(function: Callable[..., Any], named_only: bool = False) -> tuple[str, ...] | None:
    """The keyword names ``function`` accepts, or None when it takes ``**kwargs`` (unless
    ``named_only``: then its named keywords, for a function whose ``**kwargs`` only catches
    keywords it refuses with its own message)."""
    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):
        return None
    if not named_only and any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters):
        return None
    return tuple(p.name for p in parameters
                 if p.kind in (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
                 and p.name != "self")


def check_keywords(owner: str, function: Callable[..., Any], kwargs: dict[str, Any], *,
                   named_only: bool = False) -> None:
    """Raise ``TypeError`` for a keyword ``function`` does not take, naming the closest valid one."""
    accepted = _accepted(function, named_only)
    if accepted is None:
        return
    for name in kwargs:
        if name in accepted:
            continue
        close = difflib.get_close_matches(name, accepted, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else f"; valid keywords: {', '.join(sorted(accepted))}"
        raise TypeError(f"{owner}() got an unexpected keyword argument '{name}'{hint}")


def suggesting(owner: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` whose call with a keyword it does not take raises ``TypeError`` naming the
    closest valid keyword. Only a ``TypeError`` raised binding the call (no deeper frame) is
    rewritten; the signature stays visible (``functools.wraps``)."""
    import functools

    @functools.wraps(function)
    def checked(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except TypeError as error:
            if kwargs and error.__traceback__ is not None and error.__traceback__.tb_next is None:
                check_keywords(owner, function, kwargs)
            raise

    checked.__suggesting__ = True  # type: ignore[attr-defined]
    return checked


def suggest_keywords(cls: type) -> type:
    """Wrap the public methods, class methods and static methods ``cls`` defines with
    :func:`suggesting` (constructors are checked by ``_base._ConstructMeta``)."""
    for name, value in list(vars(cls).items()):
        if name.startswith("_"):
            continue
        if isinstance(value, (classmethod, staticmethod)):
            if not getattr(value.__func__, "__suggesting__", False):
                setattr(cls, name, type(value)(suggesting(f"{cls.__name__}.{name}", value.__func__)))
        elif inspect.isfunction(value) and not getattr(value, "__suggesting__", False):
            setattr(cls, name, suggesting(f"{cls.__name__}.{name}", value))
    return cls


def _plain_class(cls: Any) -> bool:
    """A class whose constructor and methods get suggestions here: not an enum, exception,
    ``Protocol``, ``TypedDict`` or jsii class (constructs: ``_base._ConstructMeta`` checks those)."""
    import enum

    return (isinstance(cls, type) and not issubclass(cls, (enum.Enum, BaseException, dict))
            and not getattr(cls, "_is_protocol", False) and not hasattr(cls, "__jsii_type__"))


def suggest_keywords_in(namespace: dict[str, Any]) -> None:
    """At the end of a public module: the constructors, methods and factories of the plain classes
    it defines and exports (``__all__``) name the closest keyword for a misspelled one."""
    for name in namespace.get("__all__", ()):
        cls = namespace.get(name)
        if not _plain_class(cls) or cls.__module__ != namespace.get("__name__"):
            continue
        init = vars(cls).get("__init__")
        if inspect.isfunction(init) and not getattr(init, "__suggesting__", False):
            cls.__init__ = suggesting(cls.__name__, init)
        suggest_keywords(cls)
