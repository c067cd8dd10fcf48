"""Repeated calls do not leak: RSS stays bounded over many iterations."""

from __future__ import annotations

import gc
import os

import hedui

import synth
from conftest import readme_case


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def test_repeated_calls_do_not_leak(engine: hedui.Engine) -> None:
    tables = synth.register(2000)
    bad = readme_case(region="999999")

    def round_() -> None:
        for _ in range(50):
            o = engine.evaluate(readme_case())
            o.to_dict()
            engine.evaluate_many([readme_case(), bad, "{"])
            try:
                engine.evaluate(bad)
            except hedui.InputError as e:
                e.errors()
        engine.evaluate_table(*tables)
        engine.with_overrides([{"key": "dibao.standard.urban", "value": "850.00"}])

    for _ in range(5):  # warm up allocator pools and caches
        round_()
    gc.collect()
    before = _rss_mb()
    for _ in range(40):
        round_()
    gc.collect()
    grew = _rss_mb() - before
    assert grew < 25, f"RSS grew by {grew:.1f} MiB over 40 rounds"
