"""evaluate_many: order, per-row errors, threads, the GIL, Ctrl-C, property tests."""

from __future__ import annotations

import _thread
import json
import threading
import time
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hedui

import synth
from conftest import readme_case


def with_wage(amount: Any, case_id: str = "c") -> dict[str, Any]:
    case = readme_case(id=case_id)
    case["incomes"][0]["amount"] = amount
    return case


def test_order_and_bad_rows(engine: hedui.Engine) -> None:
    cases: list[Any] = [
        with_wage("1800.00", "a"),
        with_wage(1800.5, "float"),
        "{",
        with_wage("600.00", "b"),
        readme_case(id="region", region="999999"),
        42,
        json.dumps(readme_case(id="text"), default=str),
    ]
    out = engine.evaluate_many(cases)
    assert len(out) == len(cases)
    kinds = [type(x).__name__ for x in out]
    assert kinds == ["Outcome", "InputError", "InputError", "Outcome", "InputError",
                     "InputError", "Outcome"]
    assert [x.case_id for x in out if isinstance(x, hedui.Outcome)] == ["a", "b", "text"]
    errs = [x for x in out if isinstance(x, hedui.HeduiError)]
    assert [e.code for e in errs] == [301, 300, 314, 301]
    assert errs[0].field_path == "incomes[0].amount"
    for single, batch in zip(cases, out):
        if isinstance(batch, hedui.Outcome):
            assert engine.evaluate(single).to_json() == batch.to_json()


def test_accepts_any_iterable(engine: hedui.Engine) -> None:
    gen = (with_wage(str(100 * i), str(i)) for i in range(5))
    out = engine.evaluate_many(gen)
    assert [o.case_id for o in out if isinstance(o, hedui.Outcome)] == [str(i) for i in range(5)]
    assert engine.evaluate_many([]) == []


@pytest.mark.parametrize("threads", [None, 1, 2, 3, 0])
def test_threads_do_not_change_results(engine: hedui.Engine, threads: int | None) -> None:
    cases = [synth.case(i) for i in range(300)]
    cases[17] = readme_case(id="bad", region="999999")
    want = [o.to_json() if isinstance(o, hedui.Outcome) else o.code
            for o in engine.evaluate_many(cases)]
    got = [o.to_json() if isinstance(o, hedui.Outcome) else o.code
           for o in engine.evaluate_many(cases, threads=threads)]
    assert got == want


def test_gil_is_released_during_a_batch(engine: hedui.Engine) -> None:
    """Another Python thread keeps running while a long batch is evaluated."""
    cases = [json.dumps(synth.case(i), default=str) for i in range(30_000)]
    ticks: list[float] = []
    stop = threading.Event()
    started = threading.Event()

    def spin() -> None:
        started.set()
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    t = threading.Thread(target=spin)
    t.start()
    started.wait()
    begin = time.perf_counter()
    out = engine.evaluate_many(cases)
    end = time.perf_counter()
    stop.set()
    t.join()
    assert len(out) == len(cases)
    during = [x for x in ticks if begin < x < end]
    # With the GIL held for the whole call the other thread could not tick at all.
    assert end - begin > 0.05
    assert len(during) >= 10, (len(during), end - begin)


def test_ctrl_c_interrupts_a_long_table(engine: hedui.Engine) -> None:
    tables = synth.register(300_000)
    timer = threading.Timer(0.3, _thread.interrupt_main)
    timer.start()
    begin = time.perf_counter()
    try:
        with pytest.raises(KeyboardInterrupt):
            engine.evaluate_table(*tables)
    finally:
        timer.cancel()
    assert time.perf_counter() - begin < 4.0


money = st.decimals(min_value=0, max_value=Decimal("99999.99"), places=2,
                    allow_nan=False, allow_infinity=False)


@st.composite
def households(draw: st.DrawFn) -> dict[str, Any]:
    case = readme_case(id=str(draw(st.integers(0, 10**6))))
    n = draw(st.integers(1, 4))
    case["members"] += [
        {"id": f"k{i}", "relation": "child", "birth_date": f"20{10 + i}-06-01"} for i in range(n - 1)
    ]
    case["incomes"][0]["amount"] = draw(money)
    if draw(st.booleans()):
        case["assets"] = [{"member": "m1", "kind": "deposit", "value": draw(money),
                           "source": "declared"}]
    if draw(st.integers(0, 9)) == 0:
        case["region"] = "999999"
    return case


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(households(), max_size=12), st.sampled_from([None, 2]))
def test_batch_equals_one_by_one(engine: hedui.Engine, cases: list[dict[str, Any]],
                                 threads: int | None) -> None:
    batch = engine.evaluate_many(cases, threads=threads)
    assert len(batch) == len(cases)
    for case, got in zip(cases, batch):
        try:
            want: Any = engine.evaluate(case).to_json()
        except hedui.HeduiError as e:
            want = e.errors()
        assert (got.to_json() if isinstance(got, hedui.Outcome) else got.errors()) == want


@settings(max_examples=25, deadline=None)
@given(money, money)
def test_amounts_are_exact_fen(engine: hedui.Engine, wage: Decimal, deposit: Decimal) -> None:
    case = with_wage(wage)
    case["assets"] = [{"member": "m1", "kind": "deposit", "value": deposit, "source": "declared"}]
    for p in engine.evaluate(case).programs:
        if p.amount is not None:
            assert isinstance(p.amount, Decimal)
            assert p.amount >= 0
            assert p.amount == p.amount.quantize(Decimal("0.01"))
