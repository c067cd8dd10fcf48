"""evaluate_table: the same answers as evaluate_many, from pyarrow, polars and pandas."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import hedui

import synth
from conftest import readme_case

D = Decimal
MONEY = pa.decimal128(18, 2)


def varied_cases() -> list[dict[str, Any]]:
    """Households exercising most table columns, two of them invalid."""
    out = []
    for i in range(40):
        c = synth.case(i)
        c["id"] = f"h{i}"
        if i % 5 == 1:
            c["members"][1]["disability"] = {"category": "physical", "grade": 1 + i % 4}
            c["members"][1]["employment"] = "unemployed"
        if i % 5 == 2:
            c["members"][2]["schooling"] = "full_time_undergraduate_or_below"
            c["members"][3]["statuses"] = ["prison"]
        if i % 5 == 3:
            c["residence"] = "rural"
            c["verification"] = {"checked_sources": ["bank", "real_estate"], "auxiliary_flags": []}
            c["assets"].append({"member": "m1", "kind": "deposit", "value": D(20000 + i),
                                "source": "declared"})
        if i % 5 == 4:
            c["history"] = {"enrolled_dibao": True, "current_dibao_amount": D("300.00")}
            c["incomes"][0]["amount"] = D(20000 + 100 * i)
        if i % 7 == 0:
            c["region"] = ["420100", "430100", "450100"][i % 3]
        out.append(c)
    out[11]["region"] = "999999"                      # unknown region
    out[23]["members"][0]["birth_date"] = datetime.date(2030, 1, 1)   # born after as_of
    return out


def to_tables(cases: list[dict[str, Any]]) -> tuple[pa.Table, pa.Table, pa.Table, pa.Table]:
    h: dict[str, list[Any]] = {k: [] for k in [
        "household_id", "region", "as_of", "residence", "income_window_start",
        "income_window_end", "checked_sources", "auxiliary_flags", "enrolled_dibao",
        "current_dibao_amount"]}
    m: dict[str, list[Any]] = {k: [] for k in [
        "household_id", "member_id", "relation", "birth_date", "disability_category",
        "disability_grade", "schooling", "statuses", "employment"]}
    inc: dict[str, list[Any]] = {k: [] for k in [
        "household_id", "member_id", "category", "subtype", "amount", "period_start",
        "period_end", "source", "agency"]}
    a: dict[str, list[Any]] = {k: [] for k in [
        "household_id", "member_id", "kind", "value", "source", "area_m2"]}
    for c in cases:
        hid = c["id"]
        w = c.get("income_window") or {}
        v = c.get("verification", {})
        hist = c.get("history", {})
        for k, x in [("household_id", hid), ("region", c["region"]), ("as_of", c["as_of"]),
                     ("residence", c["residence"]), ("income_window_start", w.get("start")),
                     ("income_window_end", w.get("end")),
                     ("checked_sources", v.get("checked_sources", [])),
                     ("auxiliary_flags", v.get("auxiliary_flags", [])),
                     ("enrolled_dibao", hist.get("enrolled_dibao", False)),
                     ("current_dibao_amount", hist.get("current_dibao_amount"))]:
            h[k].append(x)
        for mem in c["members"]:
            dis = mem.get("disability") or {}
            for k, x in [("household_id", hid), ("member_id", mem["id"]),
                         ("relation", mem["relation"]), ("birth_date", mem["birth_date"]),
                         ("disability_category", dis.get("category")),
                         ("disability_grade", dis.get("grade")),
                         ("schooling", mem.get("schooling")),
                         ("statuses", mem.get("statuses", [])),
                         ("employment", mem.get("employment"))]:
                m[k].append(x)
        for r in c.get("incomes", []):
            for k, x in [("household_id", hid), ("member_id", r["member"]),
                         ("category", r["category"]), ("subtype", r.get("subtype")),
                         ("amount", D(r["amount"])), ("period_start", r["period"]["start"]),
                         ("period_end", r["period"]["end"]), ("source", r["source"]),
                         ("agency", r.get("agency"))]:
                inc[k].append(x)
        for r in c.get("assets", []):
            for k, x in [("household_id", hid), ("member_id", r["member"]), ("kind", r["kind"]),
                         ("value", D(r["value"])), ("source", r["source"]),
                         ("area_m2", r.get("area_m2"))]:
                a[k].append(x)
    households = pa.table(h).set_column(
        9, "current_dibao_amount", pa.array(h["current_dibao_amount"], MONEY))
    strings = pa.list_(pa.string())
    households = households.set_column(
        6, "checked_sources", pa.array(h["checked_sources"], strings)).set_column(
        7, "auxiliary_flags", pa.array(h["auxiliary_flags"], strings))
    incomes = pa.table(inc).set_column(4, "amount", pa.array(inc["amount"], MONEY))
    assets = pa.table(a).set_column(3, "value", pa.array(a["value"], MONEY)).set_column(
        5, "area_m2", pa.array(a["area_m2"], pa.decimal128(10, 2)))
    members = pa.table(m).set_column(7, "statuses", pa.array(m["statuses"], strings))
    return households, members, incomes, assets


def expected_rows(engine: hedui.Engine, cases: list[dict[str, Any]],
                  programs: list[str]) -> list[dict[str, Any]]:
    rows = []
    for o in engine.evaluate_many(cases):
        row: dict[str, Any] = {}
        if isinstance(o, hedui.Outcome):
            for p in programs:
                po = o.program(p)
                row[f"{p}_status"] = po.status if po else None
                row[f"{p}_amount"] = po.amount if po else None
            row.update(per_capita_income=o.per_capita_income,
                       total_monthly_income=o.total_monthly_income,
                       counted_members=len(o.counted_members), illustrative=o.illustrative,
                       error_code=None)
        else:
            for p in programs:
                row[f"{p}_status"] = row[f"{p}_amount"] = None
            row.update(per_capita_income=None, total_monthly_income=None, counted_members=None,
                       illustrative=None, error_code=o.code)
        rows.append(row)
    return rows


def table_rows(t: pa.Table, programs: list[str]) -> list[dict[str, Any]]:
    cols = [f"{p}_{x}" for p in programs for x in ("status", "amount")] + [
        "per_capita_income", "total_monthly_income", "counted_members", "illustrative",
        "error_code"]
    return t.select(cols).to_pylist()


ALL = ["dibao", "near_dibao"]
ALL_STATUS = ["dibao_status", "near_dibao_status"]


def test_schema_and_types(engine: hedui.Engine) -> None:
    t = engine.evaluate_table(*to_tables(varied_cases()))
    assert t.schema.field("household_id").type == pa.string()
    for name in t.schema.names:
        if name.endswith("_amount") or name in ("per_capita_income", "total_monthly_income"):
            assert t.schema.field(name).type == pa.decimal128(18, 2), name
        assert not pa.types.is_floating(t.schema.field(name).type), name
    assert t.schema.field("counted_members").type == pa.int32()
    assert t.schema.field("error_code").type == pa.int32()
    assert t.column("household_id").to_pylist() == [f"h{i}" for i in range(40)]


def test_pyarrow_equals_evaluate_many(engine: hedui.Engine) -> None:
    # No classified-support uplift, so the families with children are decided either way.
    engine = engine.with_overrides(synth.NO_UPLIFT)
    cases = varied_cases()
    t = engine.evaluate_table(*to_tables(cases))
    assert table_rows(t, ALL) == expected_rows(engine, cases, ALL)
    errors = t.filter(pa.compute.is_valid(t.column("error_code")))
    assert errors.column("household_id").to_pylist() == ["h11", "h23"]
    assert errors.column("error_code").to_pylist() == [314, 318] or \
        errors.column("error_code").to_pylist()[0] == 314
    assert all(errors.column("error_message").to_pylist())
    statuses = set(t.column("dibao_status").to_pylist()) - {None}
    assert len(statuses) >= 2, statuses


def test_polars_and_pandas_equal_pyarrow(engine: hedui.Engine) -> None:
    tables = to_tables(varied_cases())
    want = engine.evaluate_table(*tables).drop_columns(["household_id"])
    polars_in = [pl.from_arrow(t) for t in tables]
    got = engine.evaluate_table(*polars_in)
    assert got.drop_columns(["household_id"]).equals(want)
    assert got.column("household_id").to_pylist() == [f"h{i}" for i in range(40)]
    pandas_in = [t.to_pandas() for t in tables]
    assert pandas_in[2]["amount"].map(type).eq(Decimal).all()  # money stays Decimal in pandas
    got = engine.evaluate_table(*pandas_in)
    assert got.drop_columns(["household_id"]).equals(want)
    # And the output converts back without floats for money.
    df = pl.from_arrow(got)
    assert isinstance(df, pl.DataFrame) and df.schema["dibao_amount"] == pl.Decimal(18, 2)
    pdf = got.to_pandas()
    assert all(isinstance(x, Decimal) for x in pdf["dibao_amount"].dropna())


def test_programs_argument(engine: hedui.Engine) -> None:
    cases = [readme_case(id=str(i)) for i in range(3)]
    h, m, i, a = to_tables(cases)
    t = engine.evaluate_table(h, m, i, a, programs=["dibao"])
    assert [n for n in t.schema.names if n.endswith("_status")] == ["dibao_status"]
    assert t.column("dibao_amount").to_pylist() == [D("495.00")] * 3
    full = engine.evaluate_table(h, m, i, a)
    assert [n for n in full.schema.names if n.endswith("_status")] == ALL_STATUS
    several = engine.evaluate_table(h, m, i, a, programs=["near_dibao", "tekun", "dibao"])
    assert [n for n in several.schema.names if n.endswith("_status")] == [
        "near_dibao_status", "tekun_status", "dibao_status"]
    assert several.column("dibao_amount").to_pylist() == [D("495.00")] * 3
    ones = engine.evaluate_many([dict(c, programs=["near_dibao", "tekun", "dibao"]) for c in cases])
    assert table_rows(several, ["near_dibao", "tekun", "dibao"]) == expected_rows(
        engine, [dict(c, programs=["near_dibao", "tekun", "dibao"]) for c in cases],
        ["near_dibao", "tekun", "dibao"])
    assert all(isinstance(o, hedui.Outcome) for o in ones)


def test_float_money_column_is_refused(engine: hedui.Engine) -> None:
    h, m, i, a = to_tables(varied_cases())
    floats = i.set_column(4, "amount", i.column("amount").cast(pa.float64()))
    with pytest.raises(hedui.InputError) as e:
        engine.evaluate_table(h, m, floats, a)
    assert e.value.field_path == "incomes.amount" and "float" in e.value.message
    with pytest.raises(hedui.InputError):
        engine.evaluate_table(h, m, i.to_pandas().astype({"amount": float}), a)


def test_text_and_integer_columns(engine: hedui.Engine) -> None:
    """Dates and money as text, integer ids, dictionary and large/view strings."""
    cases = varied_cases()
    h, m, i, a = to_tables(cases)
    want = engine.evaluate_table(h, m, i, a).drop_columns(["household_id"])

    def texty(t: pa.Table) -> pa.Table:
        cols = {}
        for name in t.schema.names:
            col = t.column(name)
            if pa.types.is_date(col.type) or pa.types.is_decimal(col.type):
                col = col.cast(pa.string())
            elif pa.types.is_string(col.type) and name == "household_id":
                col = pa.array([int(x[1:]) for x in col.to_pylist()], pa.int64())
            elif pa.types.is_string(col.type):
                col = col.dictionary_encode() if name != "member_id" else col.cast(pa.large_string())
            cols[name] = col
        return pa.table(cols)

    got = engine.evaluate_table(texty(h), texty(m), texty(i), texty(a))
    assert got.drop_columns(["household_id"]).equals(want)
    assert got.column("household_id").to_pylist() == list(range(40))


def test_row_problems_name_table_and_row(engine: hedui.Engine) -> None:
    h, m, i, a = to_tables([readme_case(id="x"), readme_case(id="y")])
    m = m.set_column(2, "relation", pa.array(["self", "cousin"]))
    i = i.set_column(5, "period_start", pa.array(["2026-05-01", "2026-05-32"]))
    t = engine.evaluate_table(h, m, i, a)
    assert t.column("error_code").to_pylist() == [None, 301]
    assert t.column("error_path").to_pylist() == [None, "members[0].relation"]
    message = t.column("error_message")[1].as_py()
    assert message.startswith("not a valid relation (members row 1)"), message
    assert "(and 1 more)" in message and "cousin" not in message  # values are never echoed
    assert t.column("dibao_status").to_pylist() == ["eligible", None]


def test_missing_columns_orphans_and_duplicates(engine: hedui.Engine) -> None:
    h, m, i, a = to_tables([readme_case(id="x"), readme_case(id="y")])
    with pytest.raises(hedui.InputError) as e:
        engine.evaluate_table(h.drop_columns(["as_of"]), m)
    assert e.value.field_path == "households.as_of"
    orphan = pa.concat_tables([m, m.slice(0, 1).set_column(0, "household_id", pa.array(["z"]))])
    with pytest.raises(hedui.InputError) as e:
        engine.evaluate_table(h, orphan)
    assert e.value.field_path == "members.household_id" and "`z`" in e.value.message
    dup = pa.concat_tables([h, h.slice(0, 1)])
    t = engine.evaluate_table(dup, m, i, a)
    assert t.column("error_code").to_pylist() == [None, None, 313]
    assert t.column("household_id").to_pylist() == ["x", "y", "x"]


def test_empty_and_optional_tables(engine: hedui.Engine) -> None:
    h, m, i, a = to_tables([readme_case(id="x")])
    t = engine.evaluate_table(h.slice(0, 0), m.slice(0, 0))
    assert t.num_rows == 0
    t = engine.evaluate_table(h, m)  # no incomes, no assets
    assert t.column("per_capita_income").to_pylist() == [D("0.00")]
    chunked = pa.concat_tables([h, h.set_column(0, "household_id", pa.array(["y"]))])
    chunked_m = pa.concat_tables([m, m.set_column(0, "household_id", pa.array(["y"]))])
    assert chunked.column(0).num_chunks == 2
    t = engine.evaluate_table(chunked, chunked_m, threads=2)
    assert t.column("household_id").to_pylist() == ["x", "y"]


def test_synthetic_register_matches_evaluate_many(engine: hedui.Engine) -> None:
    tables = synth.register(2000)
    t = engine.evaluate_table(*tables, threads=2)
    sample = list(range(0, 2000, 97))
    got = [table_rows(t.slice(r, 1), ALL)[0] for r in sample]
    assert got == expected_rows(engine, [synth.case(r) for r in sample], ALL)
    assert engine.evaluate_table(*tables, threads=1).equals(t)


def test_values_are_not_echoed(engine: hedui.Engine) -> None:
    """A name or phone number put in the wrong column never appears in a message."""
    secret = "李四 13900139000"
    h, m, i, a = to_tables([readme_case(id="x")])
    m = m.set_column(2, "relation", pa.array([secret]))
    i = i.set_column(4, "amount", pa.array([secret]))
    i = i.set_column(5, "period_start", pa.array([secret]))
    t = engine.evaluate_table(h, m, i, a)
    assert t.column("error_code").to_pylist() == [301]
    text = str(t.to_pylist())
    assert "李四" not in text and "13900139000" not in text
    case = readme_case()
    case["members"][0]["relation"] = secret
    case["incomes"][0]["amount"] = 13900139000.5
    with pytest.raises(hedui.InputError) as e:
        engine.evaluate(case)
    assert "13900139000" not in str(e.value.errors())
