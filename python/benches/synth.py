"""Synthetic household registers for throughput runs and large-batch tests.

``register(n)`` builds the four tables of ``Engine.evaluate_table`` for ``n`` households of
the same shape as the Rust bench household (``benches/src/lib.rs``, ``household(4)``): four
members, three income records and a home, in Nanchang. The first wage varies by row
(3000 + row % 997 yuan) so that results differ from row to row and a shuffled row would be
caught. Built with numpy and pyarrow only; no Python loop over households.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import numpy as np
import pyarrow as pa

EPOCH = datetime.date(1970, 1, 1)


def _days(d: str) -> int:
    return (datetime.date.fromisoformat(d) - EPOCH).days


def _dates(d: str, n: int) -> pa.Array:
    return pa.array(np.full(n, _days(d), dtype=np.int32), pa.date32())


def _text(values: list[str], n: int) -> pa.Array:
    """``values`` repeated to length ``n`` as a dictionary-encoded string column."""
    k = len(values)
    idx = np.tile(np.arange(k, dtype=np.int8), n // k + 1)[:n]
    return pa.DictionaryArray.from_arrays(pa.array(idx), pa.array(values))


def _money_yuan(yuan: np.ndarray, scale: int = 2) -> pa.Array:
    """Whole yuan as ``decimal128(18, scale)``, built from the 128-bit little-endian
    unscaled values directly (no float anywhere)."""
    words = np.zeros((len(yuan), 2), dtype=np.int64)
    words[:, 0] = yuan.astype(np.int64) * 10**scale
    words[:, 1] = np.where(words[:, 0] < 0, -1, 0)
    return pa.Array.from_buffers(
        pa.decimal128(18, scale), len(yuan), [None, pa.py_buffer(words.tobytes())]
    )


MEMBERS = [
    ("m0", "self", "1975-03-01"),
    ("m1", "spouse", "1976-05-05"),
    ("m2", "child", "2012-06-01"),
    ("m3", "child", "2012-06-01"),
]


#: The households above have two minor children. No embedded region sets a classified-support
#: uplift (分类施保), which leaves such a household's dibao amount to review. Runs that need a
#: decided amount pin every uplift at zero ("this region pays none"): an assumption, not law.
NO_UPLIFT = [
    {"key": f"dibao.uplift.{group}_ratio", "value": "0"}
    for group in ("elderly", "minor", "severe_disability", "serious_illness")
]


def first_wage(row: int) -> int:
    return 3000 + row % 997


def register(n: int) -> tuple[pa.Table, pa.Table, pa.Table, pa.Table]:
    """(households, members, incomes, assets) for ``n`` households, ids ``0..n``."""
    ids = np.arange(n, dtype=np.int64)
    households = pa.table(
        {
            "household_id": ids,
            "region": _text(["360100"], n),
            "as_of": _dates("2026-11-15", n),
            "residence": _text(["urban"], n),
            "income_window_start": _dates("2026-05-01", n),
            "income_window_end": _dates("2026-10-31", n),
        }
    )
    k = len(MEMBERS)
    members = pa.table(
        {
            "household_id": np.repeat(ids, k),
            "member_id": _text([m[0] for m in MEMBERS], n * k),
            "relation": _text([m[1] for m in MEMBERS], n * k),
            "birth_date": pa.array(
                np.tile(np.array([_days(m[2]) for m in MEMBERS], dtype=np.int32), n),
                pa.date32(),
            ),
        }
    )
    wages = 3000 + ids % 997
    amounts = np.stack([wages, np.full(n, 2900), np.full(n, 900)], axis=1).reshape(-1)
    incomes = pa.table(
        {
            "household_id": np.repeat(ids, 3),
            "member_id": _text(["m0"], n * 3),
            "category": _text(["wage", "wage", "transfer"], n * 3),
            "subtype": _text(["general", "general", "social_assistance"], n * 3),
            "amount": _money_yuan(amounts),
            "period_start": _dates("2026-05-01", n * 3),
            "period_end": _dates("2026-10-31", n * 3),
            "source": _text(["verified", "declared", "verified"], n * 3),
            "agency": pa.array(
                np.tile(np.array(["human_resources", None, None], dtype=object), n),
                pa.string(),
            ).dictionary_encode(),
        }
    )
    assets = pa.table(
        {
            "household_id": ids,
            "member_id": _text(["m0"], n),
            "kind": _text(["housing"], n),
            "value": _money_yuan(np.full(n, 150000)),
            "source": _text(["verified"], n),
            "area_m2": _money_yuan(np.full(n, 60)),
        }
    )
    return households, members, incomes, assets


def case(row: int) -> dict[str, Any]:
    """Household ``row`` of :func:`register` as a case dict (for comparisons)."""
    period = {"start": datetime.date(2026, 5, 1), "end": datetime.date(2026, 10, 31)}
    return {
        "id": str(row),
        "region": "360100",
        "as_of": datetime.date(2026, 11, 15),
        "residence": "urban",
        "income_window": period,
        "members": [
            {"id": i, "relation": r, "birth_date": datetime.date.fromisoformat(b)}
            for i, r, b in MEMBERS
        ],
        "incomes": [
            {"member": "m0", "category": "wage", "amount": Decimal(first_wage(row)),
             "period": period, "source": "verified", "agency": "human_resources"},
            {"member": "m0", "category": "wage", "amount": Decimal(2900),
             "period": period, "source": "declared"},
            {"member": "m0", "category": "transfer", "subtype": "social_assistance",
             "amount": Decimal(900), "period": period, "source": "verified"},
        ],
        "assets": [
            {"member": "m0", "kind": "housing", "value": Decimal(150000),
             "source": "verified", "area_m2": Decimal(60)},
        ],
    }
