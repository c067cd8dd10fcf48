"""Errors: every class of bad input maps to a typed exception with the C status code."""

from __future__ import annotations

import datetime
import json
import pickle
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import hedui
from hedui import _native

from conftest import readme_case


def raises(engine: hedui.Engine, case: Any) -> hedui.HeduiError:
    with pytest.raises(hedui.HeduiError) as e:
        engine.evaluate(case)
    return e.value


def test_hierarchy() -> None:
    assert issubclass(hedui.InputError, hedui.HeduiError)
    assert issubclass(hedui.InputError, ValueError)
    assert issubclass(hedui.PolicyError, hedui.HeduiError)
    assert issubclass(hedui.PolicyError, ValueError)
    assert issubclass(hedui.EvaluationError, hedui.HeduiError)
    assert not issubclass(hedui.EvaluationError, ValueError)
    assert issubclass(hedui.InternalError, hedui.HeduiError)
    assert issubclass(hedui.InternalError, RuntimeError)
    assert issubclass(hedui.HeduiError, Exception)


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("incomes", 0, "amount"), 1800.0),
        (("incomes", 0, "amount"), 0.1),
        (("assets", 0, "value"), 3000.5),
        (("assets", 0, "area_m2"), 60.0),
        (("history", "current_dibao_amount"), 300.0),
    ],
)
def test_float_money_is_refused_with_the_field_path(
    engine: hedui.Engine, where: tuple[Any, ...], value: float
) -> None:
    case = readme_case(
        assets=[{"member": "m1", "kind": "deposit", "value": "3000.00", "source": "declared"}],
        history={},
    )
    node: Any = case
    for k in where[:-1]:
        node = node[k]
    node[where[-1]] = value
    e = raises(engine, case)
    assert isinstance(e, hedui.InputError)
    assert e.code == 301
    path = ".".join(str(k) for k in where).replace(".0.", "[0].")
    assert e.field_path == path
    assert "float" in e.message and "money" in e.message


def test_every_float_is_listed(engine: hedui.Engine) -> None:
    case = readme_case()
    case["incomes"] = [dict(case["incomes"][0], amount=1.5), dict(case["incomes"][0], amount=2.5)]
    e = raises(engine, case)
    assert [p["path"] for p in e.errors()] == ["incomes[0].amount", "incomes[1].amount"]


def test_float_elsewhere_is_refused(engine: hedui.Engine) -> None:
    case = readme_case()
    case["members"][0]["disability"] = {"category": "physical", "grade": 2.0}
    e = raises(engine, case)
    assert e.code == 301 and e.field_path == "members[0].disability.grade"


def test_float_override_is_a_policy_error(engine: hedui.Engine) -> None:
    with pytest.raises(hedui.PolicyError) as e:
        engine.with_overrides([{"key": "dibao.standard.urban", "value": 850.0}])
    assert e.value.field_path == "[0].value"
    assert e.value.code == 200


@pytest.mark.parametrize(
    ("change", "code", "path"),
    [
        ({"as_of": "2026-02-30"}, 310, "as_of"),
        ({"region": "999999"}, 314, "region"),
        ({"residence": "suburban"}, 301, "residence"),
        ({"surprise": 1}, 301, "surprise"),
        ({"members": []}, 319, None),
        ({"as_of": datetime.datetime(2026, 11, 1, 12, 0)}, 301, "as_of"),
        ({"id": 7}, 301, "id"),
        ({"id": object()}, 301, "id"),
    ],
)
def test_bad_input_classes(
    engine: hedui.Engine, change: dict[str, Any], code: int, path: str | None
) -> None:
    e = raises(engine, readme_case(**change))
    assert isinstance(e, hedui.InputError), repr(e)
    assert any(p["code"] == code for p in e.errors()), e.errors()
    if path is not None:
        assert any(p["path"] == path for p in e.errors()), e.errors()


def test_bad_member_reference_and_amount(engine: hedui.Engine) -> None:
    case = readme_case()
    case["incomes"][0]["member"] = "m9"
    e = raises(engine, case)
    assert e.code == 312 and e.field_path == "incomes[0].member"
    case = readme_case()
    case["incomes"][0]["amount"] = "-5"
    e = raises(engine, case)
    assert e.code == 311 and e.field_path == "incomes[0].amount"


def test_decimal_not_finite(engine: hedui.Engine) -> None:
    case = readme_case()
    case["incomes"][0]["amount"] = Decimal("NaN")
    e = raises(engine, case)
    assert e.code == 311 and e.field_path == "incomes[0].amount"


def test_syntax_and_shape_of_text(engine: hedui.Engine) -> None:
    e = raises(engine, "{")
    assert isinstance(e, hedui.InputError) and e.code == 300
    e = raises(engine, "[]")
    assert e.code == 301
    e = raises(engine, 42)
    assert e.code == 301


def test_error_details_and_rendering(engine: hedui.Engine) -> None:
    case = readme_case(as_of="2026-02-30", region="999999")
    e = raises(engine, case)
    errors = e.errors()
    assert len(errors) >= 1
    assert set(errors[0]) == {"code", "kind", "path", "message"}
    assert errors[0]["code"] == e.code and errors[0]["path"] == e.field_path
    assert e.kind == errors[0]["kind"]
    assert str(e).startswith(f"[{e.code}] ")
    d = e.to_dict()
    assert d["code"] == e.code and d["problems"] == errors
    json.dumps(d)
    errors[0]["code"] = 0  # a copy: the error is not changed
    assert e.errors()[0]["code"] == e.code


def test_errors_pickle(engine: hedui.Engine) -> None:
    e = raises(engine, readme_case(region="999999"))
    back = pickle.loads(pickle.dumps(e))
    assert type(back) is type(e)
    assert (back.code, back.field_path, back.errors()) == (e.code, e.field_path, e.errors())


def test_policy_errors(tmp_path: Path, engine: hedui.Engine) -> None:
    with pytest.raises(hedui.PolicyError) as e:
        hedui.Engine.from_dir(tmp_path / "missing")
    assert e.value.code == 204
    (tmp_path / "000000.toml").write_text("this is = = not toml", encoding="utf-8")
    with pytest.raises(hedui.PolicyError) as e:
        hedui.Engine.from_dir(tmp_path)
    assert 100 <= e.value.code < 300
    with pytest.raises(hedui.PolicyError) as e:
        engine.with_overrides([{"key": "no.such.key", "value": "1"}])
    assert 200 <= e.value.code < 300
    # Malformed JSON text is a syntax error (300), as in the C API.
    with pytest.raises(ValueError) as v:
        engine.with_overrides("not json")
    assert isinstance(v.value, hedui.HeduiError) and v.value.code == 300
    with pytest.raises(hedui.PolicyError):
        engine.with_overrides(42)  # type: ignore[arg-type]


def test_panic_becomes_internal_error_not_panic_exception() -> None:
    with pytest.raises(hedui.InternalError) as e:
        _native._debug_panic()
    assert e.value.code == 1002
    assert e.value.kind == "panic"
    assert isinstance(e.value, Exception)
    assert "deliberate panic" in e.value.message


def test_programs_argument_is_checked(engine: hedui.Engine) -> None:
    import pyarrow as pa

    households = pa.table({"household_id": ["h"], "region": ["360100"],
                           "as_of": ["2026-11-01"], "residence": ["urban"]})
    members = pa.table({"household_id": ["h"], "member_id": ["m1"], "relation": ["self"],
                        "birth_date": ["1971-02-03"]})
    with pytest.raises(hedui.InputError) as e:
        engine.evaluate_table(households, members, programs=["dibao", "nope"])
    assert e.value.field_path == "programs[1]"
