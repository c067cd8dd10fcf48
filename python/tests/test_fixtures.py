"""The shared fixture suite (fixtures/cases) through the Python binding.

Each case file is one test, named by its id. The household goes in twice: as the file's
JSON text (byte-for-byte what the Rust and C runners evaluate) and as a dict (the dict
conversion path); both results must meet the expectations. Comparison uses the core's own
`hedui_core::fixture::compare` through a test hook, so the rules of fixtures/README.md are
applied exactly as the other runners apply them. `xfail` cases are strict xfails.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import hedui
from hedui import _native

from conftest import CASES, REPO


def _files() -> list[Path]:
    return sorted(CASES.rglob("*.json"))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "fixture_file" in metafunc.fixturenames:
        params = []
        for f in _files():
            data = json.loads(f.read_text(encoding="utf-8"))
            marks = []
            if data.get("status") == "xfail":
                marks.append(pytest.mark.xfail(strict=True, reason=data.get("xfail_reason", "")))
            params.append(pytest.param(f, id=data.get("id", f.stem), marks=marks))
        metafunc.parametrize("fixture_file", params)


def result_json(engine: hedui.Engine, case: dict[str, Any] | str) -> str:
    """What a front end reports for one case: the outcome JSON or the error JSON."""
    try:
        return engine.evaluate(case).to_json()
    except hedui.HeduiError as e:
        return json.dumps(e.to_dict())


def test_suite_is_not_empty() -> None:
    assert len(_files()) >= 100


def test_fixture(engine: hedui.Engine, fixture_file: Path) -> None:
    text = fixture_file.read_text(encoding="utf-8")
    fx = json.loads(text)
    pinned = engine.with_overrides(fx.get("policy_overrides", []))
    as_text = result_json(pinned, json.dumps(fx["input"]))
    problems = _native._fixture_compare(text, as_text)
    assert not problems, "\n".join(problems)
    if isinstance(fx["input"], dict):
        as_dict = result_json(pinned, fx["input"])
        problems = _native._fixture_compare(text, as_dict)
        assert not problems, "dict input: " + "\n".join(problems)
        if "format" in json.loads(as_text):
            assert as_dict == as_text


@pytest.mark.skipif(shutil.which("cargo") is None, reason="needs cargo to run the CLI")
def test_cli_scores_python_results(engine: hedui.Engine, tmp_path: Path) -> None:
    """`hedui test --export` / `--outcomes`: the CLI scores the whole suite as evaluated
    here, in its own order, and must report every case passed."""
    cli = ["cargo", "run", "--quiet", "--locked", "-p", "hedui-cli", "--"]
    exported = subprocess.run(
        [*cli, "test", "fixtures/cases", "--export"],
        cwd=REPO, check=True, capture_output=True, text=True,
    ).stdout.splitlines()
    assert len(exported) % 2 == 0 and exported
    lines = []
    for overrides, case in zip(exported[::2], exported[1::2]):
        lines.append(result_json(engine.with_overrides(overrides), case))
    results = tmp_path / "results.jsonl"
    results.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = subprocess.run(
        [*cli, "test", "fixtures/cases", "--outcomes", str(results)],
        cwd=REPO, capture_output=True, text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert f"{len(lines)} passed, 0 failed" in run.stdout, run.stdout
