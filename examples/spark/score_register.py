"""Score a Parquet household register with PySpark ``mapInArrow`` and the hedui wheel.

This is how a province whose register sits in a Hive/Spark warehouse uses hedui: the four
tables (households, members, incomes, assets) are nested into one row per household with
Spark's ``collect_list``, each Arrow batch is unnested on the worker and scored by
``Engine.evaluate_table``, and the results come back as a Spark DataFrame with decimal
amounts. Every worker needs the same wheel (``pip install hedui``) in its Python.

Run (CI runs it; local mode, two cores, loopback only)::

    python examples/spark/score_register.py [N_HOUSEHOLDS]

It writes a synthetic register to Parquet in a temporary directory, scores it with Spark,
scores the same files with ``evaluate_table`` directly, and exits non-zero unless the two
results are equal row for row.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent / "python" / "benches"))

import synth  # noqa: E402  (the synthetic register generator shared with the benches)

import hedui  # noqa: E402

# Local mode on loopback only; the workers run this same interpreter (and so this wheel).
os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
if "JAVA_HOME" not in os.environ and Path("/usr/lib/jvm/java-17-openjdk-amd64").is_dir():
    os.environ["JAVA_HOME"] = "/usr/lib/jvm/java-17-openjdk-amd64"

TABLES = ("households", "members", "incomes", "assets")
CHILDREN = ("members", "incomes", "assets")


def write_register(directory: Path, n: int) -> None:
    """A synthetic register as four Parquet files; every 500th household names an unknown
    region so the example also shows failed rows."""
    households, members, incomes, assets = synth.register(n)
    bad = pc.equal(pc.bit_wise_and(households["household_id"], 511), 7)
    region = pc.if_else(bad, "999999", households["region"].cast(pa.string()))
    households = households.set_column(1, "region", region)
    for name, table in zip(TABLES, (households, members, incomes, assets)):
        pq.write_table(table, directory / f"{name}.parquet")


def unnest(batch: pa.RecordBatch) -> list[pa.Table]:
    """One nested batch (a household per row, children as lists of structs) → the four
    tables of ``evaluate_table``."""
    households = pa.Table.from_batches([batch]).drop_columns(list(CHILDREN))
    out = [households]
    for child in CHILDREN:
        lists = batch.column(child)
        parents = pc.list_parent_indices(lists)
        items = pc.list_flatten(lists)
        columns = {"household_id": pc.take(batch.column("household_id"), parents)}
        for i, field in enumerate(items.type):
            if field.name != "seq":
                columns[field.name] = items.field(i)
        out.append(pa.table(columns))
    return out


def score_partition(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Runs on the Spark workers."""
    import hedui as worker_hedui

    engine = worker_hedui.Engine.default()
    for batch in batches:
        yield from engine.evaluate_table(*unnest(batch)).to_batches()


def main() -> int:
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import from_arrow_schema

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    engine = hedui.Engine.default()
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        write_register(directory, n)

        start = time.perf_counter()
        spark = (
            SparkSession.builder.master("local[2]")
            .appName("hedui-spark-example")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate()
        )
        spark.sparkContext.setLogLevel("ERROR")
        try:
            frames = {t: spark.read.parquet(str(directory / f"{t}.parquet")) for t in TABLES}
            nested = frames["households"]
            for child in CHILDREN:
                df = frames[child].withColumn("seq", F.monotonically_increasing_id())
                fields = ["seq"] + [c for c in df.columns if c not in ("household_id", "seq")]
                grouped = df.groupBy("household_id").agg(
                    # Sorting by `seq` keeps each household's rows in file order.
                    F.array_sort(F.collect_list(F.struct(*fields))).alias(child)
                )
                nested = nested.join(grouped, "household_id", "left")
            # The output schema, asked of hedui itself on an empty register.
            empty = [pq.read_table(directory / f"{t}.parquet").slice(0, 0) for t in TABLES]
            schema = from_arrow_schema(engine.evaluate_table(*empty).schema)
            scored = nested.repartition(2).mapInArrow(score_partition, schema)
            by_spark = scored.toArrow().sort_by("household_id")
        finally:
            spark.stop()
        spark_seconds = time.perf_counter() - start

        direct = engine.evaluate_table(
            *(pq.read_table(directory / f"{t}.parquet") for t in TABLES)
        ).sort_by("household_id")

    by_spark = by_spark.cast(direct.schema)
    failed = direct.filter(pc.is_valid(direct["error_code"])).num_rows
    eligible = pc.sum(pc.equal(direct["dibao_status"], "eligible")).as_py()
    print(
        f"spark mapInArrow scored {by_spark.num_rows} households in {spark_seconds:.1f}s "
        f"(session included); dibao eligible {eligible}, failed rows {failed}"
    )
    if by_spark.num_rows != n or not by_spark.equals(direct):
        print("MISMATCH: Spark results differ from evaluate_table", file=sys.stderr)
        return 1
    print("spark results equal evaluate_table row for row")
    return 0


if __name__ == "__main__":
    sys.exit(main())
