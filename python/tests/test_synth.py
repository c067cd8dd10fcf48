"""hedui.synth: the synthetic register as pyarrow Tables, scored by evaluate_table."""

from __future__ import annotations

import pytest

import hedui

pa = pytest.importorskip("pyarrow")


@pytest.fixture(scope="module")
def engine() -> hedui.Engine:
    return hedui.Engine.default()


def test_deterministic_for_a_seed(engine: hedui.Engine) -> None:
    a = hedui.synth(engine, 500, seed=4)
    b = hedui.synth(engine, 500, seed=4)
    c = hedui.synth(engine, 500, seed=5)
    assert all(x.equals(y) for x, y in zip(a, b))
    assert not a[1].equals(c[1])


def test_scored_in_order_with_every_outcome(engine: hedui.Engine) -> None:
    n = 3000
    households, members, incomes, assets = hedui.synth(engine, n, seed=2)
    assert households.num_rows == n
    assert households.column("household_id").to_pylist() == list(range(n))
    _, sizes = _counts(members.column("household_id").to_pylist())
    assert set(sizes) == {1, 2, 3, 4, 5, 6}
    result = engine.evaluate_table(households, members, incomes, assets, threads=0)
    assert result.num_rows == n
    assert result.column("household_id").to_pylist() == list(range(n))
    assert result.column("error_code").null_count == n
    statuses = set(result.column("dibao_status").to_pylist())
    assert {"eligible", "ineligible", "needs_review"} <= statuses
    assert pa.types.is_decimal(result.schema.field("dibao_amount").type)


def test_plain_profile_is_always_decided(engine: hedui.Engine) -> None:
    tables = hedui.synth(engine, 2000, seed=9, profile="plain")
    result = engine.evaluate_table(*tables)
    for program in ("dibao", "near_dibao"):
        assert "needs_review" not in set(result.column(f"{program}_status").to_pylist())


def test_bad_arguments_are_typed_errors(engine: hedui.Engine) -> None:
    with pytest.raises(hedui.InputError):
        hedui.synth(engine, 10, profile="lavish")  # type: ignore[arg-type]
    with pytest.raises(hedui.InputError):
        hedui.synth(engine, 10, as_of="2026-02-30")
    with pytest.raises(hedui.HeduiError):
        hedui.synth(engine, 10, region="999999")


def _counts(ids: list[int]) -> tuple[list[int], list[int]]:
    keys: list[int] = []
    counts: list[int] = []
    for i in ids:
        if keys and keys[-1] == i:
            counts[-1] += 1
        else:
            keys.append(i)
            counts.append(1)
    return keys, counts
