"""Template escaping, number formatting and canonical JSON (no jsii)."""
from __future__ import annotations

import json

import pytest

from batch_constructs._json import canonical_json, prune
from batch_constructs._tokens import escape_template, format_number, is_unresolved

TOKEN = "${TfToken[TOKEN.42]}"


@pytest.mark.parametrize("text, expected", [
    ("echo ${HOME}", "echo $${HOME}"),
    ("%{ if x }", "%%{ if x }"),
    (f"{TOKEN}:*", f"{TOKEN}:*"),
    (f"echo ${{HOME}} {TOKEN}", f"echo $${{HOME}} {TOKEN}"),
    ("Ref::param", "Ref::param"),
    ("$${already}", "$$${already}"),
    ("plain", "plain"),
])
def test_escape_template_keeps_tokens(text: str, expected: str) -> None:
    assert escape_template(text) == expected


def test_is_unresolved() -> None:
    assert is_unresolved(TOKEN) and is_unresolved([TOKEN]) and is_unresolved(-1.8881545897087626e+289)
    assert not is_unresolved("arn:aws:x") and not is_unresolved(256) and not is_unresolved(True)


@pytest.mark.parametrize("value, text", [(1, "1"), (1.0, "1"), (0.25, "0.25"), (256, "256"), (0.5, "0.5")])
def test_format_number_like_javascript(value: float, text: str) -> None:
    assert format_number(value) == text


def test_canonical_json_is_sorted_compact_pruned_and_escaped() -> None:
    value = {"image": "x", "command": ["sh", "-c", "echo ${HOME}"], "environment": [],
             "linuxParameters": {}, "user": None, "jobRoleArn": TOKEN,
             "runtimePlatform": {"cpuArchitecture": None}}
    text = canonical_json(value)
    assert text == ('{"command":["sh","-c","echo $${HOME}"],"image":"x","jobRoleArn":"' + TOKEN + '"}')
    assert json.loads(text)["jobRoleArn"] == TOKEN


def test_prune_keeps_false_and_zero() -> None:
    assert prune({"a": False, "b": 0, "c": "", "d": [{}], "e": {"f": []}}) == {"a": False, "b": 0, "c": ""}
