"""The bad-input corpus (fixtures/invalid) through the Python API.

Every input must raise a HeduiError with the manifest's code and path among its problems (an
xfail entry must not match); invalid UTF-8 cannot become a Python ``str``, so for those
entries the check is that decoding fails before hedui is reached. No message may carry a
full 身份证号 from the input.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import hedui

ROOT = Path(__file__).resolve().parents[2] / "fixtures" / "invalid"
MANIFEST: list[dict[str, Any]] = json.loads((ROOT / "manifest.json").read_text(encoding="utf-8"))["cases"]
ID_RUN = re.compile(rb"[0-9]{17}[0-9Xx]")


def _input(entry: dict[str, Any]) -> bytes:
    gen = entry.get("generate")
    if gen:
        assert gen["kind"] == "large_padding"
        base = (ROOT / gen["base"]).read_bytes()
        head = ('{"%s":"' % gen["field"]).encode()
        tail = b'",' + base.lstrip()[1:]
        return head + b"a" * (gen["bytes"] - len(head) - len(tail)) + tail
    return (ROOT / entry["file"]).read_bytes()


@pytest.fixture(scope="module")
def engine() -> hedui.Engine:
    return hedui.Engine.default()


def test_manifest_is_large_enough() -> None:
    assert len(MANIFEST) >= 200


@pytest.mark.parametrize("entry", MANIFEST, ids=[e["id"] for e in MANIFEST])
def test_rejected_with_the_expected_problem(engine: hedui.Engine, entry: dict[str, Any]) -> None:
    raw = _input(entry)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        assert entry["code"] == 1001, "only the invalid-UTF-8 entries fail to decode"
        return
    assert entry["code"] != 1001 or entry.get("status") == "xfail", "expected invalid UTF-8"
    try:
        engine.evaluate(text)
    except hedui.HeduiError as err:
        error = err
    else:
        assert entry.get("status") == "xfail", "the input was accepted"
        return
    problems = error.errors()
    matched = any(
        p["code"] == entry["code"] and (entry["path"] is None or p["path"] == entry["path"]) for p in problems
    )
    if entry.get("status") == "xfail":
        assert not matched, "xfail entry now matches: drop its xfail"
    else:
        assert matched, f"expected {entry['code']} at {entry['path']}, got {[(p['code'], p['path']) for p in problems]}"
    shown = (str(error) + json.dumps(problems, ensure_ascii=False)).encode()
    for found in ID_RUN.findall(raw):
        assert found not in shown, "an identity number from the input appears in full"
