"""Households per second through each Python entry point (not a test; run by hand).

    python python/benches/throughput.py [N]

Compares `evaluate` in a Python loop, `evaluate_many` on dicts, and `evaluate_table` with 1
and 2 threads, on the synthetic register of `synth.py` (the Rust bench household's shape:
compare with `cargo run --release -p hedui-bench --example profile -- N`).
"""

from __future__ import annotations

import sys
import time

import hedui

import synth


def rate(n: int, seconds: float) -> str:
    return f"{n / seconds:>10,.0f} households/s"


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    engine = hedui.Engine.default().with_overrides(synth.NO_UPLIFT)
    few = min(n, 20_000)
    cases = [synth.case(i) for i in range(few)]
    t = time.perf_counter()
    for c in cases:
        engine.evaluate(c)
    print(f"evaluate (loop, {few}):        {rate(few, time.perf_counter() - t)}")
    for threads in (1, 2):
        t = time.perf_counter()
        engine.evaluate_many(cases, threads=threads)
        print(f"evaluate_many ({few}, {threads} thr): {rate(few, time.perf_counter() - t)}")
    tables = synth.register(n)
    for threads in (1, 2):
        t = time.perf_counter()
        engine.evaluate_table(*tables, threads=threads)
        print(f"evaluate_table ({n}, {threads} thr): {rate(n, time.perf_counter() - t)}")


if __name__ == "__main__":
    main()
