"""Typed usage of the public API. mypy --strict checks this file against the stubs (see
scripts/test); pytest runs it too."""

from __future__ import annotations

import datetime
from decimal import Decimal

import hedui


def test_typed_usage() -> None:
    engine: hedui.Engine = hedui.Engine.default()
    case = {
        "id": "t", "region": "360100", "as_of": datetime.date(2026, 11, 1), "residence": "urban",
        "income_window": {"start": "2026-05-01", "end": "2026-10-31"},
        "members": [{"id": "m1", "relation": "self", "birth_date": "1971-02-03"}],
        "incomes": [{"member": "m1", "category": "wage", "amount": Decimal("1800.00"),
                     "period": {"start": "2026-05-01", "end": "2026-10-31"},
                     "source": "verified"}],
    }
    outcome: hedui.Outcome = engine.evaluate(case)
    dibao: hedui.ProgramOutcome | None = outcome.program("dibao")
    assert dibao is not None
    amount: Decimal | None = dibao.amount
    assert amount == Decimal("495.00")
    as_of: datetime.date = outcome.as_of
    assert as_of.year == 2026
    results: list[hedui.Outcome | hedui.HeduiError] = engine.evaluate_many([case, "{"], threads=2)
    codes = [r.code for r in results if isinstance(r, hedui.HeduiError)]
    assert codes == [300]
    try:
        engine.evaluate("{")
    except hedui.InputError as e:
        detail: hedui.ErrorDetail = e.errors()[0]
        assert detail["code"] == 300 and e.field_path is None
    pinned: hedui.Engine = engine.with_overrides([{"key": "dibao.standard.urban", "value": "850.00"}])
    assert pinned.evaluate(case).program("dibao") is not None
    schema: dict[str, object] = hedui.schema("household")
    assert "$id" in schema
    version: str = hedui.__version__
    assert version
