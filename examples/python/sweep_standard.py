"""What if the dibao standard rises? Sweep it and draw eligible households and monthly cost.

A bureau deciding next year's standard (提标) asks how many more households qualify and what
it costs per month. This script scores one city's synthetic register under every urban
standard from 700 to 1000 yuan in steps of 10 with ``hedui.sweep`` and draws both curves.

    python examples/python/sweep_standard.py [N_HOUSEHOLDS] [OUT.png]

The register comes from ``hedui synth`` when the command is found (``$HEDUI_BIN``, ``hedui`` on
``PATH``, or ``target/release`` / ``target/debug``), otherwise from ``python/benches/synth.py``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

import hedui  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
REGION = "360100"  # Nanchang
KEY = "dibao.standard.urban"


def hedui_bin() -> str | None:
    for candidate in [os.environ.get("HEDUI_BIN"), shutil.which("hedui"),
                      REPO / "target" / "release" / "hedui", REPO / "target" / "debug" / "hedui"]:
        if candidate and Path(candidate).is_file():
            return str(candidate)
    return None


def register(n: int) -> tuple[pa.Table, pa.Table, pa.Table, pa.Table]:
    """The city's synthetic register: four tables joined on ``household_id``."""
    exe = hedui_bin()
    if exe is None:
        sys.path.insert(0, str(REPO / "python" / "benches"))
        import synth

        return synth.register(n)
    out = Path(tempfile.mkdtemp())
    subprocess.run([exe, "synth", "--n", str(n), "--region", REGION, "--seed", "2027",
                    "--out", str(out), "--formats", "parquet"], check=True, capture_output=True)
    h, m, i, a = (pq.read_table(out / f"{name}.parquet")
                  for name in ["households", "members", "incomes", "assets"])
    return h, m, i, a


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("sweep_standard.png")
    households, members, incomes, assets = register(n)

    engine = hedui.Engine.default()
    as_of = households["as_of"][0].as_py()
    current = next(p["value"] for p in engine.policy_show(REGION, as_of) if p["key"] == KEY)

    # 1. Every standard from 700 to 1000 yuan: one engine per value, one pass per household.
    values = [Decimal(v) for v in range(700, 1001, 10)]
    result = hedui.sweep(engine, households, members, incomes, assets,
                         key=KEY, values=values, region=REGION, threads=0)
    dibao = [r for r in result.to_pylist() if r["program"] == "dibao"]

    # 2. Money stays Decimal until the chart: yuan → 10,000 yuan for the axis labels only.
    standard = [float(r["value"]) for r in dibao]
    eligible = [r["eligible"] for r in dibao]
    cost = [float(r["amount"] / Decimal(10_000)) for r in dibao]

    fig, left = plt.subplots(figsize=(8, 4.5))
    left.plot(standard, eligible, color="tab:blue", marker=".")
    left.set_xlabel("urban dibao standard (yuan / person / month)")
    left.set_ylabel("eligible households", color="tab:blue")
    right = left.twinx()
    right.plot(standard, cost, color="tab:red", marker=".")
    right.set_ylabel("monthly dibao cost (10,000 yuan)", color="tab:red")
    left.axvline(float(current), color="grey", linestyle="--")
    left.annotate(f"in force: {current}", (float(current), eligible[0]), color="grey",
                  xytext=(4, 4), textcoords="offset points")
    left.set_title(f"Nanchang ({REGION}), synthetic register of {households.num_rows:,} households")
    fig.tight_layout()
    fig.savefig(out, dpi=120)

    print(f"{len(values)} standards × {households.num_rows} households → {out}")
    at = {r["value"]: r for r in dibao}
    lo, hi = at[Decimal(800)], at[Decimal(850)]
    print(f"800 → 850 yuan: eligible {lo['eligible']} → {hi['eligible']} households, "
          f"monthly cost {lo['amount']} → {hi['amount']} yuan (+{hi['amount'] - lo['amount']})")

if __name__ == "__main__":
    main()
