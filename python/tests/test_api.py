"""The single-case API: engines, outcomes, types of values, policy lookups, schemas."""

from __future__ import annotations

import datetime
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

import hedui

from conftest import POLICIES, PYTHON_DIR, REPO, readme_case


def test_version_comes_from_cargo() -> None:
    cargo = (REPO / "Cargo.toml").read_text(encoding="utf-8")
    m = re.search(r'^\[workspace\.package\][^\[]*?^version = "([^"]+)"', cargo, re.M | re.S)
    assert m is not None
    assert hedui.__version__ == m.group(1)
    assert hedui.Engine.default().evaluate(readme_case()).engine_version == m.group(1)


def test_public_names() -> None:
    for name in hedui.__all__:
        assert hasattr(hedui, name), name


def test_readme_example(engine: hedui.Engine) -> None:
    outcome = engine.evaluate(readme_case())
    dibao = outcome.program("dibao")
    assert dibao is not None
    # 795.00 (Nanchang, illustrative) × 1 − 1800.00 ÷ 6 = 495.00
    assert dibao.status == "eligible"
    assert dibao.amount == Decimal("495.00")
    assert isinstance(dibao.amount, Decimal)
    assert str(dibao.amount) == "495.00"
    assert outcome.program("no_such_program") is None
    assert outcome.case_id == "readme"
    assert outcome.as_of == datetime.date(2026, 11, 1)
    assert outcome.region == "360100"
    assert outcome.region_chain[0] == "360100"
    assert outcome.illustrative is True
    assert outcome.counted_members == ["m1"]
    assert outcome.excluded_members == []
    assert outcome.per_capita_income == Decimal("300.00")
    assert outcome.total_monthly_income == Decimal("300.00")
    assert [p.program for p in outcome.programs][:2] == ["dibao", "near_dibao"]
    assert dibao.check("dibao.income.below_standard") is True
    with pytest.raises(KeyError):
        dibao.check("no.such.rule")
    assert dibao.arithmetic and all(isinstance(s, str) for s in dibao.arithmetic)
    assert "dibao=eligible 495.00" in repr(outcome)


def test_text_and_dict_give_the_same_outcome(engine: hedui.Engine) -> None:
    case = readme_case()
    text = json.dumps(case, default=str)
    assert engine.evaluate(text).to_json() == engine.evaluate(case).to_json()


def test_money_and_dates_accept_decimal_str_int(engine: hedui.Engine) -> None:
    base = engine.evaluate(readme_case()).to_json()
    for amount in (Decimal("1800.00"), "1800.00", 1800, Decimal("1.8E+3"), "1800"):
        case = readme_case()
        case["incomes"][0]["amount"] = amount
        assert engine.evaluate(case).program("dibao").amount == Decimal("495.00"), amount  # type: ignore[union-attr]
    case = readme_case(as_of="2026-11-01")
    case["members"][0]["birth_date"] = "1971-02-03"
    assert engine.evaluate(case).to_json() == base


def test_to_dict_converts_money_and_dates(engine: hedui.Engine) -> None:
    d = engine.evaluate(readme_case()).to_dict()
    assert d["format"] == "hedui.outcome/1"
    assert d["as_of"] == datetime.date(2026, 11, 1)
    assert d["income"]["window"] == [datetime.date(2026, 5, 1), datetime.date(2026, 10, 31)]
    assert d["income"]["per_capita_monthly"] == Decimal("300.00")
    assert all(isinstance(v, Decimal) for v in d["income"]["by_category"].values())
    dibao = d["programs"][0]
    assert dibao["amount"] == Decimal("495.00")
    assert isinstance(dibao["checks"][0]["passed"], (bool, type(None)))
    standard = next(p for p in d["parameters"] if p["key"] == "dibao.standard.urban")
    assert standard["value"] == Decimal("795.00")
    assert isinstance(standard["from"], datetime.date)

    def no_floats(x: object) -> None:
        assert not isinstance(x, float), x
        if isinstance(x, dict):
            for v in x.values():
                no_floats(v)
        elif isinstance(x, list):
            for v in x:
                no_floats(v)

    no_floats(d)


def test_sections_are_plain_data(engine: hedui.Engine) -> None:
    o = engine.evaluate(readme_case())
    assert o.household["counted"][0]["member"] == "m1"
    assert o.income["total_monthly"] == Decimal("300.00")
    assert isinstance(o.assets, dict)
    assert isinstance(o.verification["discrepancies"], list)
    assert all("key" in p and "citation" in p for p in o.parameters)
    assert isinstance(o.warnings, list)
    p = o.programs[0]
    assert p.to_dict()["status"] == p.status
    assert isinstance(p.checks, list) and isinstance(p.review, list)
    assert isinstance(p.review_rules, list) and isinstance(p.to_qualify, list)


def test_from_dir_matches_default(engine: hedui.Engine) -> None:
    from_dir = hedui.Engine.from_dir(POLICIES)
    assert from_dir.evaluate(readme_case()).to_json() == engine.evaluate(readme_case()).to_json()
    assert hedui.Engine.from_dir(str(POLICIES)).evaluate(readme_case()).case_id == "readme"


def test_with_overrides_dicts_and_json(engine: hedui.Engine) -> None:
    pinned = engine.with_overrides([{"key": "dibao.standard.urban", "value": Decimal("850.00")}])
    assert pinned.evaluate(readme_case()).program("dibao").amount == Decimal("550.00")  # type: ignore[union-attr]
    same = engine.with_overrides('[{"key": "dibao.standard.urban", "value": "850.00"}]')
    assert same.evaluate(readme_case()).to_json() == pinned.evaluate(readme_case()).to_json()
    dated = engine.with_overrides(
        [{"key": "dibao.standard.urban", "value": "850.00", "from": datetime.date(2027, 1, 1)}]
    )
    assert dated.evaluate(readme_case()).program("dibao").amount == Decimal("495.00")  # type: ignore[union-attr]
    counts = engine.with_overrides([{"key": "income.lookback_months", "value": 6}])
    assert counts.evaluate(readme_case()).program("dibao").amount == Decimal("495.00")  # type: ignore[union-attr]
    # The original engine is unchanged.
    assert engine.evaluate(readme_case()).program("dibao").amount == Decimal("495.00")  # type: ignore[union-attr]


def test_validate(engine: hedui.Engine) -> None:
    assert engine.validate(readme_case()) is None
    with pytest.raises(hedui.InputError) as e:
        engine.validate(readme_case(region="999999"))
    assert e.value.code == 314


def test_policy_show(engine: hedui.Engine) -> None:
    params = engine.policy_show("360100", datetime.date(2026, 11, 1))
    by_key = {p["key"]: p for p in params}
    assert by_key["dibao.standard.urban"]["value"] == Decimal("795.00")
    assert by_key["dibao.standard.urban"]["citation"]["verified"] is False
    assert engine.policy_show("360100", "2026-11-01") == params
    with pytest.raises(hedui.InputError) as e:
        engine.policy_show("360100", "2026-13-01")
    assert e.value.code == 310 and e.value.field_path == "date"
    with pytest.raises(hedui.InputError) as e:
        engine.policy_show("999999", "2026-11-01")
    assert e.value.code == 314


def test_schemas() -> None:
    for kind, file in [("household", "household"), ("outcome", "outcome"), ("fixture", "fixture")]:
        committed = json.loads((REPO / "fixtures" / "schema" / f"{file}.schema.json").read_text("utf-8"))
        assert hedui.schema(kind) == committed
    with pytest.raises(hedui.InputError):
        hedui.schema("nope")


def test_package_files_are_present() -> None:
    pkg = Path(hedui.__file__).parent
    assert (pkg / "py.typed").exists()
    assert (pkg / "_native.pyi").exists()
    assert (PYTHON_DIR / "pyproject.toml").exists()


def test_engine_is_shareable_between_threads(engine: hedui.Engine) -> None:
    from concurrent.futures import ThreadPoolExecutor

    want = engine.evaluate(readme_case()).to_json()
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda _: engine.evaluate(readme_case()).to_json(), range(64)))
    assert got == [want] * 64
