"""What-if: reforms, compare, sweep and adequacy from Python."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pytest

import hedui

import synth
from conftest import readme_case

D = Decimal
MONEY = pa.decimal128(18, 2)

REFORM_TOML = """
label = "提标 proposal"
[[override]]
region = "360100"
key = "dibao.standard.urban"
value = "850.00"
"""


@pytest.fixture(scope="module")
def register() -> tuple[pa.Table, pa.Table, pa.Table, pa.Table]:
    h, m, i, a = synth.register(3000)
    # The children grown up (26, not counted): no embedded region sets the classified-support
    # uplift for minors, which would leave these families' amounts to review, and a reform
    # engine carries no pinned values to set it.
    adult = pa.scalar(datetime.date(2000, 6, 1), pa.date32())
    births = pc.if_else(pc.equal(m["relation"].cast(pa.string()), "child"), adult, m["birth_date"])
    m = m.set_column(m.schema.get_field_index("birth_date"), "birth_date", births)
    # A third of the households in Wuhan, which the proposal does not touch.
    region = pa.array(["420100" if k % 3 == 0 else "360102" for k in range(h.num_rows)])
    h = h.set_column(h.schema.get_field_index("region"), "region", region)
    return h, m, i, a


@pytest.fixture(scope="module")
def reform(engine: hedui.Engine) -> hedui.Engine:
    return engine.reform(REFORM_TOML)


def col_sum(t: pa.Table, name: str) -> Decimal:
    s = pc.sum(t[name]).as_py()
    return D(0) if s is None else D(s)


def test_reform_forms_agree_and_cite_the_proposal(engine: hedui.Engine, tmp_path: Path) -> None:
    path = tmp_path / "reform.toml"
    path.write_text(REFORM_TOML, encoding="utf-8")
    override = {"region": "360100", "key": "dibao.standard.urban", "value": D("850.00")}
    forms = [
        engine.reform(REFORM_TOML),
        engine.reform(path),
        engine.reform([override], label="提标 proposal"),
        engine.reform({"label": "提标 proposal", "override": [override]}),
    ]
    for e in forms:
        o = e.evaluate(readme_case())
        # 850.00 × 1 − 1800.00 ÷ 6 = 550.00 (the README household earns 1800 over 6 months).
        assert o.program("dibao").amount == D("550.00")  # type: ignore[union-attr]
        p = next(p for p in o.parameters if p["key"] == "dibao.standard.urban")
        assert p["citation"]["evidence"] == "proposal"
        assert p["citation"]["title"] == "提标 proposal"
        assert p["citation"]["verified"] is False
        assert o.illustrative
        assert any("提标 proposal" in w for w in o.warnings)
    # Outside the proposal's region, the policy in force.
    wuhan = forms[0].evaluate(readme_case(region="420100"))
    assert engine.evaluate(readme_case(region="420100")).to_dict() == wuhan.to_dict()


def test_reform_validation_names_every_problem(engine: hedui.Engine) -> None:
    with pytest.raises(hedui.PolicyError) as e:
        engine.reform([
            {"key": "dibao.standard.suburban", "value": "850.00"},
            {"region": "990100", "key": "dibao.standard.urban", "value": "850.00"},
            {"key": "dibao.standard.urban", "value": "850.00", "from": "2027-02-30"},
        ])
    paths = [p["path"] for p in e.value.errors()]
    assert paths == ["override[2].from"]  # dates are read first, then keys and regions
    with pytest.raises(hedui.PolicyError) as e:
        engine.reform([
            {"key": "dibao.standard.suburban", "value": "850.00"},
            {"region": "990100", "key": "dibao.standard.urban", "value": "850.00"},
            {"key": "income.lookback_months", "value": "six"},
        ])
    assert [p["path"] for p in e.value.errors()] == [
        "override[0].key", "override[1].region", "override[2].value"]
    with pytest.raises(hedui.PolicyError) as e:
        engine.reform([{"key": "dibao.standard.urban", "value": 850.5}])
    assert e.value.errors()[0]["path"] == "[0].value"
    with pytest.raises(hedui.PolicyError):
        engine.reform("[[override]]\nkey = 1\n")


def test_json_reforms_are_read_and_their_errors_are_policy_errors(
        engine: hedui.Engine, tmp_path: Path) -> None:
    text = ('{"label": "提标 proposal", "override": [{"region": "360100", '
            '"key": "dibao.standard.urban", "value": "850.00"}]}')
    path = tmp_path / "reform.json"
    path.write_text(text, encoding="utf-8")
    for e in (engine.reform(text), engine.reform(path)):
        assert e.evaluate(readme_case()).program("dibao").amount == D("550.00")  # type: ignore[union-attr]
    # Not JSON: policy_syntax (100), as for TOML; never a case error (300).
    with pytest.raises(hedui.PolicyError) as e:
        engine.reform('[{"key": "dibao.standard.urban", "value": ')
    assert e.value.code == 100
    # JSON of the wrong shape: policy_shape (101) at the field, never 301.
    with pytest.raises(hedui.PolicyError) as e:
        engine.reform('[{"key": "dibao.standard.urban", "value": "850.00", "zone": 1}]')
    assert e.value.code == 101 and e.value.field_path == "[0].zone"
    with pytest.raises(hedui.PolicyError) as e:
        engine.reform({"override": [], "zone": "360100"})
    assert e.value.code == 101 and e.value.field_path == "zone"


def test_compare_with_itself_is_all_zeros(engine: hedui.Engine, register: tuple[pa.Table, ...]) -> None:
    t = hedui.compare(engine, engine, *register, programs=["dibao", "near_dibao", "tekun"])
    assert t.num_rows == 2 * 3
    assert t.schema.field("amount_before").type == MONEY
    for row in t.to_pylist():
        assert row["eligible_before"] == row["eligible_after"]
        assert row["people_before"] == row["people_after"]
        assert row["newly_eligible"] == row["no_longer_eligible"] == 0
        assert row["amount_change"] == row["annual_change"] == D("0.00")
        assert row["gainers"] == row["losers"] == 0
        assert row["unchanged"] == row["households"]
        assert row["change_p50"] is None


def test_compare_totals_are_the_sums_of_each_engines_results(
    engine: hedui.Engine, reform: hedui.Engine, register: tuple[pa.Table, ...]
) -> None:
    summary, per = hedui.compare(engine, reform, *register, threads=2, per_household=True)
    before = engine.evaluate_table(*register)
    after = reform.evaluate_table(*register)
    assert per.num_rows == before.num_rows == 3000
    for program in ["dibao", "near_dibao"]:
        rows = summary.filter(pc.equal(summary["program"], program))
        assert col_sum(rows, "amount_before") == col_sum(before, f"{program}_amount")
        assert col_sum(rows, "amount_after") == col_sum(after, f"{program}_amount")
        assert col_sum(rows, "annual_change") == 12 * (
            col_sum(after, f"{program}_amount") - col_sum(before, f"{program}_amount"))
        eligible = lambda t: pc.sum(pc.equal(t[f"{program}_status"], "eligible")).as_py()  # noqa: E731
        assert pc.sum(rows["eligible_before"]).as_py() == eligible(before)
        assert pc.sum(rows["eligible_after"]).as_py() == eligible(after)
        # Per household: the same statuses and amounts as each engine alone.
        assert per[f"{program}_status_before"].equals(before[f"{program}_status"])
        assert per[f"{program}_status_after"].equals(after[f"{program}_status"])
        assert col_sum(per, f"{program}_change") == col_sum(rows, "amount_change")
    rows = {(r["program"], r["region"]): r for r in summary.to_pylist()}
    wuhan = rows[("dibao", "420100")]
    assert wuhan["amount_change"] == D("0.00") and wuhan["gainers"] == 0
    nanchang = rows[("dibao", "360102")]
    assert nanchang["amount_change"] > 0 and nanchang["losers"] == 0
    assert nanchang["newly_eligible"] >= 0 and nanchang["no_longer_eligible"] == 0
    assert nanchang["change_min"] <= nanchang["change_p50"] <= nanchang["change_max"]


def test_sweep_counts_never_fall_and_match_compare(
    engine: hedui.Engine, reform: hedui.Engine, register: tuple[pa.Table, ...]
) -> None:
    values = [D(v) for v in range(700, 1001, 50)]
    t = hedui.sweep(engine, *register, key="dibao.standard.urban", values=values,
                    region="360100", threads=2)
    assert t.num_rows == len(values) * 2
    assert t.schema.field("amount").type == MONEY
    dibao = [r for r in t.to_pylist() if r["program"] == "dibao"]
    assert [r["value"] for r in dibao] == values
    for a, b in zip(dibao, dibao[1:]):
        assert b["eligible"] >= a["eligible"] and b["amount"] >= a["amount"]
    # The 850 row is the reform's total.
    summary = hedui.compare(engine, reform, *register, programs=["dibao", "near_dibao"])
    at_850 = next(r for r in dibao if r["value"] == D(850))
    assert at_850["amount"] == col_sum(summary.filter(pc.equal(summary["program"], "dibao")),
                                      "amount_after")
    with pytest.raises(hedui.PolicyError) as e:
        hedui.sweep(engine, *register, key="dibao.standard.urban", values=["800.00", "x"])
    assert e.value.errors()[0]["path"] == "values[1]"


def test_adequacy_ratios_are_exact_and_name_what_is_missing(
    engine: hedui.Engine, reform: hedui.Engine
) -> None:
    ratios = engine.adequacy("360100", "2026-11-01")
    by = {(r["kind"], r["residence"], r["tier"]): r for r in ratios}
    w = by[("dibao_to_minimum_wage", "urban", 1)]
    assert w["numerator"]["key"] == "dibao.standard.urban"
    # 795.00 ÷ 2240.00 = 0.35491071…: exact, and 35.49 % for display.
    assert w["ratio"] * w["denominator"]["value"] - w["numerator"]["value"] < D("1e-20")
    assert w["percent"] == D("35.49")
    cons = by[("dibao_to_consumption_expenditure", "urban", None)]
    assert cons["ratio"] is None
    assert cons["missing"] == ["reference.per_capita_consumption_expenditure"]
    tekun = by[("tekun_to_dibao", "urban", None)]
    assert tekun["missing"] == ["tekun.basic_standard.urban"]
    # A reform engine reports its proposal.
    r = {(x["kind"], x["residence"], x["tier"]): x for x in reform.adequacy("360100", "2026-11-01")}
    assert r[("dibao_to_minimum_wage", "urban", 1)]["numerator"]["value"] == D("850.00")
    assert r[("dibao_to_minimum_wage", "urban", 1)]["numerator"]["citation"]["evidence"] == "proposal"
