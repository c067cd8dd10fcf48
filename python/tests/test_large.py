"""One million households through evaluate_table, with 1 and 2 worker threads.

Prints households/s (shown in the test log; also written to target/python-throughput.txt)
and checks a sample against evaluate_many and that the thread count changes nothing.
Runs in CI: about 40 s on 2 cores.
"""

from __future__ import annotations

import os
import resource
import time

import pyarrow as pa
import pytest

import hedui

import synth
from conftest import REPO
from test_table import ALL, expected_rows, table_rows

N = int(os.environ.get("HEDUI_LARGE_N", "1000000"))


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


@pytest.mark.slow
def test_one_million_households(engine: hedui.Engine, capsys: pytest.CaptureFixture[str]) -> None:
    tables = synth.register(N)
    rates = {}
    results = {}
    for threads in (1, 2):
        before = _rss_mb()
        start = time.perf_counter()
        out = engine.evaluate_table(*tables, threads=threads)
        elapsed = time.perf_counter() - start
        grew = _rss_mb() - before
        rates[threads] = N / elapsed
        results[threads] = out
        assert out.num_rows == N
        # Outcomes are reduced chunk by chunk: memory grows by the result table, not by
        # a million outcomes (each of those is several kilobytes).
        assert grew < 600, f"RSS grew by {grew:.0f} MiB"
    assert results[1].equals(results[2])
    t = results[1]
    assert t.column("household_id").equals(pa.chunked_array([tables[0].column("household_id").combine_chunks()]))
    assert t.column("error_code").null_count == N
    sample = list(range(0, N, N // 50))
    got = [table_rows(t.slice(r, 1), ALL)[0] for r in sample]
    assert got == expected_rows(engine, [synth.case(r) for r in sample], ALL)
    line = (f"evaluate_table, {N} households: {rates[1]:,.0f} households/s with 1 thread, "
            f"{rates[2]:,.0f} households/s with 2 threads "
            f"(peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB)")
    with capsys.disabled():
        print("\n" + line)
    target = REPO / "target"
    if target.is_dir():
        (target / "python-throughput.txt").write_text(line + "\n", encoding="utf-8")
