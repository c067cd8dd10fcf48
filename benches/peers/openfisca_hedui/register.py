"""Registers and cases → OpenFisca simulations, and results back.

`simulation_from_tables` builds one vectorised simulation from the four Arrow tables of a
register (python/README.md "Registers"; the same tables hedui's `evaluate_table` reads), the
standard OpenFisca path for survey data (SimulationBuilder + set_input). `situation_from_case`
turns one hedui case (dict) into an OpenFisca situation for `build_from_entities`, the path of
the Web API and of single-household use.

Both refuse (PlainProfileError) a household outside what the model covers (README "What is
compared"): member statuses, declared (unverified) records, excluded income subtypes,
vehicles / non-residential property / business registrations, auxiliary flags, a gradual
exit. They never guess.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from openfisca_core.simulations import SimulationBuilder

from openfisca_hedui.enums import Relation, Residence, Schooling, Tristate

INCOME_VARS = {
    "wage": "wage_in_window",
    "business": "business_in_window",
    "property": "property_in_window",
    "transfer": "transfer_in_window",
    "transfer_expenditure": "transfer_expenditure_in_window",
    "other": "other_in_window",
}
FINANCIAL = {"deposit", "securities", "insurance_cash_value", "online_finance", "debt_claim"}
IGNORED_ASSETS = {"other"}
# Income subtypes DB-2021 第13条 leaves out (always, or while income.exclude_residents_pension_basic
# is in force or unsettled): outside the plain profile, refused. Every other subtype counts in
# full under its category (hedui income.rs `excluded_by`).
NOT_PLAIN_SUBTYPES = {"youfu_fuxu", "family_planning", "scholarship", "heroism_award",
                      "social_assistance", "residents_pension_basic"}  # counted by no test (hedui assets.rs)
RESULT_VARS = (
    "dibao_status", "dibao_amount", "near_dibao_status",
    "counted_members", "total_monthly_income", "per_capita_income",
    "income_in_window", "income_window_months", "dibao_standard",
    "household_financial_assets", "dibao_financial_assets_test",
)


class PlainProfileError(ValueError):
    pass


# ---- column helpers ----------------------------------------------------------------------


def _col(table: pa.Table, name: str):
    return table.column(name).combine_chunks() if name in table.column_names else None


def fen(arr) -> np.ndarray:
    """Money column → int64 fen, exactly (decimal128/256 with scale ≤ 2, integers = yuan)."""
    t = arr.type
    if pa.types.is_integer(t):
        return arr.to_numpy(zero_copy_only=False).astype(np.int64) * 100
    if pa.types.is_decimal(t):
        if t.scale > 2:
            scaled = pc.cast(arr, pa.decimal128(38, 2))  # raises if a value is not whole fen
        else:
            scaled = pc.cast(arr, pa.decimal128(38, 2))
        if scaled.null_count:
            raise PlainProfileError("null money value")
        words = np.frombuffer(scaled.buffers()[1], dtype=np.int64)[2 * scaled.offset: 2 * (scaled.offset + len(scaled))]
        lo, hi = words[0::2], words[1::2]
        if not np.array_equal(hi, np.where(lo < 0, -1, 0)):
            raise PlainProfileError("money value beyond 64-bit fen")
        return lo.copy()
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return np.array([int(Decimal(v) * 100) for v in arr.to_pylist()], dtype=np.int64)
    raise PlainProfileError(f"money column of type {t}")


def days(arr) -> np.ndarray:
    """Date column → datetime64[D]."""
    if pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type):
        arr = pc.cast(arr, pa.date32())
    return arr.cast(pa.date32()).to_numpy(zero_copy_only=False).astype("datetime64[D]")


def codes(arr, mapping: dict[str, int], what: str, default: int | None = None) -> np.ndarray:
    """Text column → integer codes via `mapping` (nulls → default)."""
    if not pa.types.is_dictionary(arr.type):
        arr = pc.dictionary_encode(arr)
    dic = arr.dictionary.to_pylist()
    bad = [d for d in dic if d not in mapping]
    if bad:
        raise PlainProfileError(f"{what}: value(s) {bad} outside the plain profile")
    lut = np.array([mapping[d] for d in dic] + [default if default is not None else -1], dtype=np.int64)
    idx = arr.indices.to_numpy(zero_copy_only=False)
    if arr.indices.null_count:
        if default is None:
            raise PlainProfileError(f"{what}: null")
        idx = np.where(pc.is_null(arr.indices).to_numpy(zero_copy_only=False), len(dic), idx)
    return lut[idx.astype(np.int64)]


def bools(arr, default: bool) -> np.ndarray:
    if arr is None:
        return None
    return pc.fill_null(arr, default).to_numpy(zero_copy_only=False).astype(bool)


def month_index(d: np.ndarray) -> np.ndarray:
    return d.astype("datetime64[M]").astype(np.int64)


def window_share(amount, rec_start, rec_end, win_start, win_end, what="income") -> np.ndarray:
    """amount × overlapping months ÷ record months, refusing a non-whole fen."""
    rs, re_ = month_index(rec_start), month_index(rec_end)
    ws, we = month_index(win_start), month_index(win_end)
    rec = np.maximum(re_ - rs + 1, 0)
    ov = np.maximum(np.minimum(re_, we) - np.maximum(rs, ws) + 1, 0)
    num = amount * ov
    ok = (rec > 0)
    part = np.where(ok, num // np.maximum(rec, 1), 0)
    if np.any(ok & (num % np.maximum(rec, 1) != 0)):
        raise PlainProfileError(f"{what}: a record's share of the window is not a whole fen")
    return part


# ---- registers ---------------------------------------------------------------------------

RELATIONS = {("self" if r.name == "applicant" else r.name): r.index for r in Relation}
SCHOOLING = {s.name: s.index for s in Schooling}
RESIDENCE = {r.name: r.index for r in Residence}


def simulation_from_tables(tbs, households: pa.Table, members: pa.Table, incomes: pa.Table | None, assets: pa.Table | None):
    """(simulation, period string, household ids) for a register."""
    hh_ids = households.column("household_id").to_numpy()
    nh = len(hh_ids)
    as_of = days(_col(households, "as_of"))
    period = str(as_of[0].astype("datetime64[M]")) if nh else "2026-01"
    order = np.argsort(hh_ids, kind="stable")
    sorted_ids = hh_ids[order]
    if nh > 1 and np.any(sorted_ids[1:] == sorted_ids[:-1]):
        raise PlainProfileError("household_id repeated")

    def hh_pos(ids):
        i = np.searchsorted(sorted_ids, ids)
        i = np.minimum(i, max(nh - 1, 0))
        if np.any(sorted_ids[i] != ids):
            raise PlainProfileError("a child row's household_id is not in the households table")
        return order[i]

    for c in ("auxiliary_flags",):
        col = _col(households, c)
        if col is not None and pc.any(pc.greater(pc.fill_null(pc.utf8_length(col) if pa.types.is_string(col.type) else pc.list_value_length(col), 0), 0)).as_py():
            raise PlainProfileError(f"{c} present")
    enrolled = bools(_col(households, "enrolled_dibao"), False)
    started = _col(households, "employment_started_on")
    if enrolled is not None and started is not None and np.any(enrolled & ~pc.is_null(started).to_numpy(zero_copy_only=False)):
        raise PlainProfileError("gradual exit (enrolled with employment_started_on)")

    # persons
    m_hh = hh_pos(members.column("household_id").to_numpy())
    np_ = len(m_hh)
    mid = _col(members, "member_id")
    all_ids = pa.concat_arrays([mid.cast(pa.string())] + [
        _col(t, "member_id").cast(pa.string()) for t in (incomes, assets) if t is not None and t.num_rows
    ])
    enc = pc.dictionary_encode(all_ids)
    k = len(enc.dictionary) + 1
    mcode = enc.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    pkey = m_hh.astype(np.int64) * k + mcode[:np_]
    porder = np.argsort(pkey, kind="stable")
    pkey_sorted = pkey[porder]
    if np_ > 1 and np.any(pkey_sorted[1:] == pkey_sorted[:-1]):
        raise PlainProfileError("member_id repeated in a household")
    offset = np_

    def person_pos(table):
        nonlocal offset
        n = table.num_rows
        c = mcode[offset: offset + n]
        offset += n
        key = hh_pos(table.column("household_id").to_numpy()).astype(np.int64) * k + c
        i = np.minimum(np.searchsorted(pkey_sorted, key), max(np_ - 1, 0))
        if np.any(pkey_sorted[i] != key):
            raise PlainProfileError("a record names a member not in its household")
        return porder[i]

    statuses = _col(members, "statuses")
    if statuses is not None and pc.max(pc.fill_null(pc.list_value_length(statuses), 0)).as_py():
        raise PlainProfileError("member statuses present")

    # Persons must be grouped by household for OpenFisca's projections: order them.
    perm = np.argsort(m_hh, kind="stable")
    inv_perm = np.empty_like(perm)
    inv_perm[perm] = np.arange(np_)

    b = SimulationBuilder()
    b.create_entities(tbs)
    b.declare_person_entity("person", np.arange(np_))
    hh_ent = b.declare_entity("household", np.arange(nh))
    rel = codes(_col(members, "relation"), RELATIONS, "relation")[perm]
    first = np.ones(np_, dtype=bool)
    first[1:] = m_hh[perm][1:] != m_hh[perm][:-1]
    roles = np.where((rel == Relation.applicant.index), "applicant", "member")
    # at most one applicant per household: a second `self` would be a hedui error anyway
    b.join_with_persons(hh_ent, m_hh[perm], roles)
    sim = b.build(tbs)

    s = sim.set_input
    s("region", period, pc.cast(_col(households, "region"), pa.int64()).to_numpy(zero_copy_only=False))
    s("as_of", period, as_of)
    s("residence", period, codes(_col(households, "residence"), RESIDENCE, "residence"))
    ws, we = _col(households, "income_window_start"), _col(households, "income_window_end")
    if ws is None or we is None:
        given = np.zeros(nh, dtype=bool)
        wsd = wed = np.full(nh, np.datetime64("1970-01-01"))
    else:
        given = ~(pc.is_null(ws).to_numpy(zero_copy_only=False) | pc.is_null(we).to_numpy(zero_copy_only=False))
        wsd = np.where(given, days(pc.fill_null(ws, pa.scalar(_dt.date(1970, 1, 1), pa.date32()))), np.datetime64("1970-01-01"))
        wed = np.where(given, days(pc.fill_null(we, pa.scalar(_dt.date(1970, 1, 1), pa.date32()))), np.datetime64("1970-01-01"))
    s("income_window_given", period, given)
    s("income_window_start", period, wsd)
    s("income_window_end", period, wed)
    if enrolled is not None:
        s("enrolled_dibao", period, enrolled)
    et = bools(_col(households, "enrolled_tekun"), False)
    if et is not None:
        s("enrolled_tekun", period, et)

    s("birth_date", "ETERNITY", days(_col(members, "birth_date"))[perm])
    s("relation", period, rel)
    lt = bools(_col(members, "lives_together"), True)
    if lt is not None:
        s("lives_together", period, lt[perm])
    sc = _col(members, "schooling")
    if sc is not None:
        s("schooling", period, codes(sc, SCHOOLING, "schooling", Schooling.none.index)[perm])
    cli = bools(_col(members, "cannot_live_independently"), False)
    if cli is not None:
        s("cannot_live_independently", period, cli[perm])
    sd = _col(members, "support_duty")
    if sd is not None:
        v = pc.fill_null(sd.cast(pa.int8()), -1).to_numpy(zero_copy_only=False)
        s("support_duty", period, np.select([v == 1, v == 0], [Tristate.yes.index, Tristate.no.index], Tristate.unknown.index)[perm])

    if incomes is not None and incomes.num_rows:
        ip = person_pos(incomes)
        sub = _col(incomes, "subtype")
        if sub is not None and pc.any(pc.is_in(pc.fill_null(sub.cast(pa.string()), "general"),
                                                value_set=pa.array(sorted(NOT_PLAIN_SUBTYPES)))).as_py():
            raise PlainProfileError("income subtype that is not counted in full")
        src = _col(incomes, "source").cast(pa.string())
        if pc.any(pc.not_equal(src, "verified")).as_py():
            raise PlainProfileError("declared income record")
        cat = codes(_col(incomes, "category"), {c: i for i, c in enumerate(INCOME_VARS)}, "income category")
        hh_of = m_hh[ip]
        part = window_share(
            fen(_col(incomes, "amount")), days(_col(incomes, "period_start")), days(_col(incomes, "period_end")),
            wsd[hh_of], wed[hh_of],
        )
        part = np.where(given[hh_of], part, 0)
        for i, var in enumerate(INCOME_VARS.values()):
            sel = cat == i
            tot = np.bincount(ip[sel], weights=part[sel], minlength=np_).astype(np.int64)
            s(var, period, _int32(tot[perm], var))
    else:
        offset += 0

    if assets is not None and assets.num_rows:
        ap = person_pos(assets)
        src = _col(assets, "source").cast(pa.string())
        if pc.any(pc.not_equal(src, "verified")).as_py():
            raise PlainProfileError("declared asset record")
        kinds = {kk: 0 for kk in FINANCIAL} | {"housing": 1} | {kk: 2 for kk in IGNORED_ASSETS}
        kind = codes(_col(assets, "kind"), kinds, "asset kind")
        val = fen(_col(assets, "value"))
        fin = np.bincount(ap[kind == 0], weights=val[kind == 0], minlength=np_).astype(np.int64)
        s("financial_assets", period, _int32(fin[perm], "financial_assets"))
        s("homes", period, np.bincount(ap[kind == 1], minlength=np_)[perm].astype(np.int64))
        area = _col(assets, "area_m2")
        if area is not None:
            a = fen(pc.fill_null(area, pa.scalar(Decimal(0), area.type)) if pa.types.is_decimal(area.type) else pc.fill_null(area, 0))
            ha = np.bincount(ap[kind == 1], weights=a[kind == 1], minlength=np_).astype(np.int64)
            s("housing_area", period, _int32(ha[perm], "housing_area"))
    return sim, period, hh_ids


def _int32(x, what):
    if x.size and (x.min() < np.iinfo(np.int32).min or x.max() > np.iinfo(np.int32).max):
        raise PlainProfileError(f"{what} does not fit OpenFisca's int32 fen")
    return x


def calculate(sim, period) -> dict[str, np.ndarray]:
    out = {}
    for v in RESULT_VARS:
        r = sim.calculate(v, period)
        out[v] = r.decode_to_str() if hasattr(r, "decode_to_str") else np.asarray(r)
    return out


# ---- one case ----------------------------------------------------------------------------


def situation_from_case(case: dict) -> tuple[dict, str]:
    """An OpenFisca situation (persons + one household) for a hedui case dict."""
    as_of = str(case["as_of"])
    period = as_of[:7]
    win = case.get("income_window")
    members = case["members"]
    persons: dict[str, dict] = {}
    for m in members:
        if m.get("statuses"):
            raise PlainProfileError("member statuses present")
        p = {
            "birth_date": {"ETERNITY": str(m["birth_date"])},
            "relation": {period: "applicant" if m["relation"] == "self" else m["relation"]},
        }
        if "lives_together" in m:
            p["lives_together"] = {period: bool(m["lives_together"])}
        if "schooling" in m:
            p["schooling"] = {period: m["schooling"]}
        if m.get("cannot_live_independently"):
            p["cannot_live_independently"] = {period: True}
        if m.get("support_duty") is not None:
            p["support_duty"] = {period: "yes" if m["support_duty"] else "no"}
        persons[str(m["id"])] = p
    sums: dict[tuple[str, str], int] = {}
    for r in case.get("incomes", []):
        if r.get("subtype", "general") in NOT_PLAIN_SUBTYPES or r["source"] != "verified":
            raise PlainProfileError("income record outside the plain profile")
        if win is None:
            continue
        a = int(Decimal(str(r["amount"])) * 100)
        part = window_share(
            np.array([a]), np.array([str(r["period"]["start"])], dtype="datetime64[D]"),
            np.array([str(r["period"]["end"])], dtype="datetime64[D]"),
            np.array([str(win["start"])], dtype="datetime64[D]"), np.array([str(win["end"])], dtype="datetime64[D]"),
        )[0]
        key = (str(r["member"]), INCOME_VARS[r["category"]])
        sums[key] = sums.get(key, 0) + int(part)
    for r in case.get("assets", []):
        if r["source"] != "verified":
            raise PlainProfileError("declared asset record")
        kind = r["kind"]
        if kind in FINANCIAL:
            key = (str(r["member"]), "financial_assets")
            sums[key] = sums.get(key, 0) + int(Decimal(str(r["value"])) * 100)
        elif kind == "housing":
            key = (str(r["member"]), "homes")
            sums[key] = sums.get(key, 0) + 1
            if r.get("area_m2") is not None:
                key = (str(r["member"]), "housing_area")
                sums[key] = sums.get(key, 0) + int(Decimal(str(r["area_m2"])) * 100)
        elif kind not in IGNORED_ASSETS:
            raise PlainProfileError(f"asset kind {kind}")
    for (mid, var), v in sums.items():
        persons[mid][var] = {period: v}
    hist = case.get("history", {}) or {}
    if (case.get("verification") or {}).get("auxiliary_flags"):
        raise PlainProfileError("auxiliary flags")
    applicants = [str(m["id"]) for m in members if m["relation"] == "self"]
    hh = {
        "applicants": applicants,
        "members": [str(m["id"]) for m in members if str(m["id"]) not in applicants],
        "region": {period: int(case["region"])},
        "as_of": {period: as_of},
        "residence": {period: case["residence"]},
        "income_window_given": {period: win is not None},
        "enrolled_dibao": {period: bool(hist.get("enrolled_dibao", False))},
        "enrolled_tekun": {period: bool(hist.get("enrolled_tekun", False))},
    }
    if win is not None:
        hh["income_window_start"] = {period: str(win["start"])}
        hh["income_window_end"] = {period: str(win["end"])}
    return {"persons": persons, "households": {"h": hh}}, period


def evaluate_situation(tbs, situation: dict, period: str) -> dict:
    sim = SimulationBuilder().build_from_entities(tbs, situation)
    return {
        "dibao_status": sim.calculate("dibao_status", period).decode_to_str()[0],
        "dibao_amount": int(sim.calculate("dibao_amount", period)[0]),
        "near_dibao_status": sim.calculate("near_dibao_status", period).decode_to_str()[0],
    }
