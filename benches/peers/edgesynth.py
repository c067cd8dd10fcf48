"""A small adversarial register in hedui's register format (python/README.md "Registers"):
households built on the decision boundaries of the plain rule, to complement `hedui synth`.

    python edgesynth.py N SEED OUTDIR

Writes households/members/incomes/assets .parquet and households.jsonl (one case per line).
Boundaries: income exactly at standard × members and one fen either side, exactly at the
near-dibao line and one fen either side, amounts whose 补差 has exactly half a fen (the
rounding rule decides), windows of 1–12 months with records partly outside them, members who
are and are not counted (adult children, parents and other relatives living apart or
together, support duty stated or not), households with no counted member, negative net
transfer income, no income window, a second home (undecided without a local rule), dates
either side of the Nanchang standard change (2021-03-22) and of an 18th birthday, and
financial assets: random ones, and ones exactly at the benchmark limit (the months of
`benchmark-reform.toml` × standard × counted members) or one fen either side, split over one
to three records of the five financial kinds, sometimes on a member who is not counted.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import tomllib

_REFORM = tomllib.loads((Path(__file__).resolve().parent / "benchmark-reform.toml").read_text(encoding="utf-8"))
#: The benchmark's financial-asset limit, in months of the standard (dibao's).
LIMIT_MONTHS = int(next(o["value"] for o in _REFORM["override"] if o["key"] == "dibao.assets.financial_limit_months"))
FINANCIAL = ["deposit", "securities", "insurance_cash_value", "online_finance", "debt_claim"]

STD = {dt.date(2019, 1, 1): (61000, 39500), dt.date(2021, 3, 22): (79500, 79500)}


def std_on(d: dt.date, urban: bool) -> int | None:
    v = None
    for start, (u, r) in sorted(STD.items()):
        if d >= start:
            v = u if urban else r
    return v


def month_end(y: int, m: int) -> dt.date:
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    t = y * 12 + (m - 1) + k
    return t // 12, t % 12 + 1


def money(f: int) -> str:
    return f"{Decimal(f) / 100:.2f}"


def household(rng: random.Random, hid: int) -> dict:
    as_of = rng.choice([dt.date(2026, 11, 15), dt.date(2021, 3, 21), dt.date(2021, 3, 22), dt.date(2026, 2, 28), dt.date(2024, 2, 29)])
    urban = rng.random() < 0.7
    M = rng.choice([1, 2, 3, 3, 6, 6, 6, 12])
    wy, wm = add_months(as_of.year, as_of.month, -M)
    wstart = dt.date(wy, wm, 1)
    ey, em = add_months(as_of.year, as_of.month, -1)
    wend = month_end(ey, em)
    members = [{"id": "m1", "relation": "self", "birth_date": dt.date(1970 + rng.randrange(30), rng.randrange(1, 13), rng.randrange(1, 29))}]
    size = rng.randrange(1, 7)
    for i in range(2, size + 1):
        rel = rng.choice(["spouse", "child", "child", "child", "parent", "grandparent", "sibling", "other_relative", "unrelated"])
        m = {"id": f"m{i}", "relation": rel}
        if rel == "child" and rng.random() < 0.3:
            # born 18 years before as_of, ± one day (29 February included)
            try:
                b = as_of.replace(year=as_of.year - 18)
            except ValueError:
                b = dt.date(as_of.year - 18, 2, 28)
            m["birth_date"] = b + dt.timedelta(days=rng.choice([-1, 0, 1]))
        else:
            m["birth_date"] = dt.date(rng.randrange(1940, as_of.year), rng.randrange(1, 13), rng.randrange(1, 29))
        if rng.random() < 0.4:
            m["lives_together"] = rng.random() < 0.5
        if rel == "child" and rng.random() < 0.3:
            m["schooling"] = rng.choice(["full_time_undergraduate_or_below", "senior_high", "full_time_postgraduate", "part_time", "none"])
        if rng.random() < 0.1:
            m["cannot_live_independently"] = True
        if rel in ("grandparent", "sibling", "other_relative") and rng.random() < 0.7:
            m["support_duty"] = rng.random() < 0.5
        members.append(m)
    counted = [m for m in members if counted_guess(m, as_of)]
    n = max(len(counted), 1)
    s = std_on(as_of, urban) or 79500
    target = rng.choice(["dibao", "near", "above", "random", "half"])
    if target == "dibao":
        W = s * n * M + rng.choice([-1, 0, 1, -rng.randrange(1, s * n * M)])
    elif target == "near":
        W = (3 * s * n * M) // 2 + rng.choice([-1, 0, 1])
    elif target == "half" and M % 2 == 0:
        W = s * n * M - (M // 2) - M * rng.randrange(0, 5000)
    else:
        W = rng.randrange(0, 3 * s * n * M)
    W = max(W, 0)
    incomes = []
    cats = ["wage", "business", "property", "transfer", "other"]
    earners = counted if counted and rng.random() < 0.9 else members
    k = rng.randrange(1, 5)
    parts = sorted(rng.randrange(0, W + 1) for _ in range(k - 1))
    shares = [b - a for a, b in zip([0] + parts, parts + [W])]
    for sh in shares:
        m = rng.choice(earners)
        cat = rng.choice(cats)
        if rng.random() < 0.2 and M > 1:
            # a record twice as long as the window, half inside: amount = 2 × share
            sy, sm = add_months(wy, wm, -M)
            incomes.append({"member": m["id"], "category": cat, "amount": money(2 * sh),
                            "period": {"start": dt.date(sy, sm, 1), "end": wend}, "source": "verified"})
        else:
            incomes.append({"member": m["id"], "category": cat, "amount": money(sh),
                            "period": {"start": wstart, "end": wend}, "source": "verified"})
    if rng.random() < 0.1:
        incomes.append({"member": "m1", "category": "transfer_expenditure", "amount": money(rng.randrange(0, 200000)),
                        "period": {"start": wstart, "end": wend}, "source": "verified"})
    if rng.random() < 0.1:
        incomes.append({"member": "m1", "category": "wage", "amount": money(rng.randrange(0, 900000)),
                        "period": {"start": dt.date(wy - 2, 1, 1), "end": dt.date(wy - 2, 12, 31)}, "source": "verified"})
    assets = []
    r = rng.random()
    if r < 0.15:
        assets.append({"member": rng.choice(members)["id"], "kind": rng.choice(["deposit", "securities"]), "value": money(rng.randrange(1, 5000000)), "source": "verified"})
    elif r < 0.45:
        # exactly at the limit (months × standard × counted members) or one fen either side
        F = max(LIMIT_MONTHS * s * n + rng.choice([-1, 0, 0, 1]), 0)
        k = rng.randrange(1, 4)
        cuts = sorted(rng.randrange(0, F + 1) for _ in range(k - 1))
        holders = counted if counted and rng.random() < 0.9 else members
        for a, b in zip([0] + cuts, cuts + [F]):
            assets.append({"member": rng.choice(holders)["id"], "kind": rng.choice(FINANCIAL), "value": money(b - a), "source": "verified"})
    if rng.random() < 0.5:
        assets.append({"member": "m1", "kind": "housing", "value": money(rng.randrange(1, 90000000)), "source": "verified", "area_m2": money(rng.randrange(2000, 15000))})
        if rng.random() < 0.1:
            assets.append({"member": rng.choice(members)["id"], "kind": "housing", "value": "100000.00", "source": "verified", "area_m2": "50.00"})
    case = {"id": str(hid), "region": "360100", "as_of": as_of, "residence": "urban" if urban else "rural",
            "members": members, "incomes": incomes, "assets": assets}
    if rng.random() > 0.03:
        case["income_window"] = {"start": wstart, "end": wend}
    return case


def counted_guess(m, as_of):
    return m["relation"] in ("self", "spouse") or (m["relation"] == "child" and m["birth_date"] > dt.date(as_of.year - 18, 1, 1))


def tables(cases):
    H = {k: [] for k in ("household_id", "region", "as_of", "residence", "income_window_start", "income_window_end")}
    Mm = {k: [] for k in ("household_id", "member_id", "relation", "birth_date", "lives_together", "schooling", "cannot_live_independently", "support_duty")}
    I = {k: [] for k in ("household_id", "member_id", "category", "amount", "period_start", "period_end", "source")}
    A = {k: [] for k in ("household_id", "member_id", "kind", "value", "source", "area_m2")}
    for c in cases:
        h = int(c["id"])
        w = c.get("income_window")
        for k, v in (("household_id", h), ("region", c["region"]), ("as_of", c["as_of"]), ("residence", c["residence"]),
                     ("income_window_start", w and w["start"]), ("income_window_end", w and w["end"])):
            H[k].append(v)
        for m in c["members"]:
            Mm["household_id"].append(h); Mm["member_id"].append(m["id"]); Mm["relation"].append(m["relation"])
            Mm["birth_date"].append(m["birth_date"]); Mm["lives_together"].append(m.get("lives_together"))
            Mm["schooling"].append(m.get("schooling")); Mm["cannot_live_independently"].append(m.get("cannot_live_independently"))
            Mm["support_duty"].append(m.get("support_duty"))
        for r in c["incomes"]:
            I["household_id"].append(h); I["member_id"].append(r["member"]); I["category"].append(r["category"])
            I["amount"].append(Decimal(r["amount"])); I["period_start"].append(r["period"]["start"]); I["period_end"].append(r["period"]["end"])
            I["source"].append(r["source"])
        for a in c["assets"]:
            A["household_id"].append(h); A["member_id"].append(a["member"]); A["kind"].append(a["kind"])
            A["value"].append(Decimal(a["value"])); A["source"].append(a["source"])
            A["area_m2"].append(Decimal(a["area_m2"]) if "area_m2" in a else None)
    money_t = pa.decimal128(18, 2)
    h = pa.table({"household_id": pa.array(H["household_id"], pa.int64()), "region": H["region"],
                  "as_of": pa.array(H["as_of"], pa.date32()), "residence": H["residence"],
                  "income_window_start": pa.array(H["income_window_start"], pa.date32()),
                  "income_window_end": pa.array(H["income_window_end"], pa.date32())})
    m = pa.table({"household_id": pa.array(Mm["household_id"], pa.int64()), "member_id": Mm["member_id"], "relation": Mm["relation"],
                  "birth_date": pa.array(Mm["birth_date"], pa.date32()), "lives_together": pa.array(Mm["lives_together"], pa.bool_()),
                  "schooling": pa.array(Mm["schooling"], pa.string()),
                  "cannot_live_independently": pa.array(Mm["cannot_live_independently"], pa.bool_()),
                  "support_duty": pa.array(Mm["support_duty"], pa.bool_())})
    i = pa.table({"household_id": pa.array(I["household_id"], pa.int64()), "member_id": I["member_id"], "category": I["category"],
                  "amount": pa.array(I["amount"], money_t), "period_start": pa.array(I["period_start"], pa.date32()),
                  "period_end": pa.array(I["period_end"], pa.date32()), "source": I["source"]})
    a = pa.table({"household_id": pa.array(A["household_id"], pa.int64()), "member_id": pa.array(A["member_id"], pa.string()),
                  "kind": pa.array(A["kind"], pa.string()), "value": pa.array(A["value"], money_t),
                  "source": pa.array(A["source"], pa.string()), "area_m2": pa.array(A["area_m2"], money_t)})
    return h, m, i, a


def main() -> None:
    n, seed, out = int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
    rng = random.Random(seed)
    cases = [household(rng, i) for i in range(n)]
    out.mkdir(parents=True, exist_ok=True)
    for name, t in zip(("households", "members", "incomes", "assets"), tables(cases)):
        pq.write_table(t, out / f"{name}.parquet")
    with open(out / "households.jsonl", "w") as f:
        for c in cases:
            f.write(json.dumps(c, default=str, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
