"""Score a household register and chart eligible households by county.

A short, notebook-style walk through what an analyst does with hedui: write (here: generate)
a register as Parquet, load it with polars, score it with ``Engine.evaluate_table``, group
the results by county and draw the eligible count per county as a PNG.

    python examples/python/register_by_county.py [N_HOUSEHOLDS] [OUT.png]

The synthetic register comes from ``python/benches/synth.py`` (one city, Nanchang); the
households are spread over Nanchang's districts and counties here so the chart has bars.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import polars as pl  # noqa: E402
import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "python" / "benches"))
import synth  # noqa: E402

import hedui  # noqa: E402

# Nanchang's county-level codes (GB/T 2260); a county without its own policy file inherits
# the city's values.
COUNTIES = ["360102", "360103", "360104", "360111", "360112", "360113", "360121", "360123", "360124"]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("eligible_by_county.png")

    # 1. A register on disk, as a bureau would export it.
    households, members, incomes, assets = synth.register(n)
    region = pa.array([COUNTIES[i % len(COUNTIES)] for i in range(n)])
    households = households.set_column(households.schema.get_field_index("region"), "region", region)
    tmp = Path(tempfile.mkdtemp())
    for name, table in [("households", households), ("members", members), ("incomes", incomes), ("assets", assets)]:
        pq.write_table(table, tmp / f"{name}.parquet")

    # 2. Load with polars and score.
    frames = {name: pl.read_parquet(tmp / f"{name}.parquet") for name in ["households", "members", "incomes", "assets"]}
    engine = hedui.Engine.default()
    result = pl.from_arrow(
        engine.evaluate_table(frames["households"], frames["members"], frames["incomes"], frames["assets"], threads=0)
    )
    assert isinstance(result, pl.DataFrame)

    # 3. Group by county: eligible households and their monthly dibao total (exact decimals).
    scored = result.join(frames["households"].select("household_id", "region"), on="household_id")
    by_county = (
        scored.group_by("region")
        .agg(
            pl.len().alias("households"),
            (pl.col("dibao_status") == "eligible").sum().alias("eligible"),
            pl.col("dibao_amount").sum().alias("monthly_dibao"),
        )
        .sort("region")
    )
    print(by_county)

    # 4. Chart.
    fig, ax = plt.subplots(figsize=(8, 4))
    ax.bar(by_county["region"].to_list(), by_county["eligible"].to_list())
    ax.set_xlabel("county (GB/T 2260)")
    ax.set_ylabel("dibao-eligible households")
    ax.set_title(f"Synthetic Nanchang register, {n:,} households (illustrative policy data)")
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
