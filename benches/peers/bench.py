"""The peer comparison: OpenFisca (openfisca_hedui) against hedui on identical registers.

Called by ./run (which prepares the venv, the builds and the data). Every timed run happens
in a fresh subprocess of this file (`bench.py worker ...`) so that its peak RSS
(`ru_maxrss`) is its own. Prints a markdown report; exits 1 on any decision difference.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
TABLES = ("households", "members", "incomes", "assets")
#: The benchmark assumption every hedui run gets (the OpenFisca YAML holds the same values,
#: policy_yaml.py): a financial-asset limit of 24 months of the standard. Not law.
REFORM = HERE / "benchmark-reform.toml"


def hedui_engine():
    """The embedded policies with the benchmark reform on top (`Engine.reform`)."""
    import hedui

    make = getattr(hedui.Engine, "embedded", None) or hedui.Engine.default
    return make().reform(REFORM)  # a Path: a str would be read as TOML text


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def read_tables(d: Path):
    import pyarrow.parquet as pq

    out = []
    for n in TABLES:
        p = d / f"{n}.parquet"
        out.append(pq.read_table(p) if p.exists() else None)
    return out


def write_results(path: Path, ids, dibao_status, dibao_amount_fen, near_status, extra=None):
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    cols = {
        "household_id": pa.array(np.asarray(ids)),
        "dibao_status": pa.array(np.asarray(dibao_status, dtype=object), pa.string()),
        "dibao_amount_fen": pa.array(np.asarray(dibao_amount_fen), pa.int64()),
        "near_dibao_status": pa.array(np.asarray(near_status, dtype=object), pa.string()),
    }
    for k, v in (extra or {}).items():
        v = np.asarray(v)
        cols[k] = pa.array(v.astype(object), pa.string()) if v.dtype.kind in "OUS" else pa.array(v.astype(np.int64))
    pq.write_table(pa.table(cols), path)


def hedui_rows(table):
    """hedui result table → (ids, dibao status, amount fen (-1 = none), near status, error code)."""
    import numpy as np
    import pyarrow.compute as pc
    from openfisca_hedui.register import fen

    amt = table.column("dibao_amount").combine_chunks()
    has = ~pc.is_null(amt).to_numpy(zero_copy_only=False)
    import pyarrow as pa
    f = fen(pc.fill_null(amt, pa.scalar(0, amt.type)))
    return (
        table.column("household_id").to_numpy(),
        np.asarray(table.column("dibao_status").to_pylist(), dtype=object),
        np.where(has, f, -1),
        np.asarray(table.column("near_dibao_status").to_pylist(), dtype=object),
        np.asarray(pc.fill_null(table.column("error_code"), 0).to_numpy(zero_copy_only=False)),
    )


# ---- workers (each in its own process) ----------------------------------------------------


def worker(argv: list[str]) -> None:
    kind = argv[0]
    out: dict = {}
    if kind == "startup-openfisca":
        t = time.perf_counter()
        from openfisca_hedui import HeduiTaxBenefitSystem

        HeduiTaxBenefitSystem()
        out["s"] = time.perf_counter() - t
    elif kind == "startup-hedui":
        t = time.perf_counter()
        hedui_engine()
        out["s"] = time.perf_counter() - t
    elif kind == "single-openfisca":
        from openfisca_hedui import HeduiTaxBenefitSystem, register as R

        tbs = HeduiTaxBenefitSystem()
        cases = [json.loads(line) for line in open(argv[1])][: int(argv[2])]
        sits = [R.situation_from_case(c) for c in cases]
        for s, p in sits[:20]:
            R.evaluate_situation(tbs, s, p)  # warm-up
        lat = []
        for _ in range(int(argv[3])):
            for s, p in sits:
                t = time.perf_counter()
                R.evaluate_situation(tbs, s, p)
                lat.append(time.perf_counter() - t)
        t = time.perf_counter()
        for c in cases:
            R.situation_from_case(c)
        out["convert_s"] = (time.perf_counter() - t) / len(cases)
        out["median_s"] = statistics.median(lat)
        out["runs"] = len(lat)
    elif kind == "single-hedui":
        eng = hedui_engine()
        cases = [json.loads(line) for line in open(argv[1])][: int(argv[2])]
        for c in cases[:20]:
            eng.evaluate(c)
        lat = []
        for _ in range(int(argv[3])):
            for c in cases:
                t = time.perf_counter()
                eng.evaluate(c)
                lat.append(time.perf_counter() - t)
        out["median_s"] = statistics.median(lat)
        out["runs"] = len(lat)
    elif kind == "batch-openfisca":
        from openfisca_hedui import HeduiTaxBenefitSystem, register as R

        d, res, reps = Path(argv[1]), Path(argv[2]), int(argv[3])
        tbs = HeduiTaxBenefitSystem()
        t = time.perf_counter()
        tables = read_tables(d)
        out["read_s"] = time.perf_counter() - t
        best = None
        for _ in range(reps):
            t = time.perf_counter()
            sim, period, ids = R.simulation_from_tables(tbs, *tables)
            t1 = time.perf_counter()
            r = R.calculate(sim, period)
            el = time.perf_counter() - t
            if best is None or el < best:
                best, out["build_s"], out["calc_s"] = el, t1 - t, time.perf_counter() - t1
        out["s"] = best
        write_results(res, ids, r["dibao_status"], r["dibao_amount"], r["near_dibao_status"],
                      {k: r[k] for k in ("income_in_window", "income_window_months", "counted_members", "dibao_standard",
                                       "household_financial_assets", "dibao_financial_assets_test")})
    elif kind == "batch-hedui":
        d, res, reps, threads = Path(argv[1]), Path(argv[2]), int(argv[3]), int(argv[4])
        eng = hedui_engine()
        t = time.perf_counter()
        tables = read_tables(d)
        out["read_s"] = time.perf_counter() - t
        best = None
        for _ in range(reps):
            t = time.perf_counter()
            result = eng.evaluate_table(*tables, threads=threads)
            el = time.perf_counter() - t
            best = el if best is None else min(best, el)
        out["s"] = best
        ids, st, amt, near, err = hedui_rows(result)
        out["errors"] = int((err != 0).sum())
        write_results(res, ids, st, amt, near)
    out["rss_mb"] = rss_mb()
    print(json.dumps(out))


def run_worker(*args: str) -> dict:
    p = subprocess.run([sys.executable, __file__, "worker", *args], capture_output=True, text=True)
    if p.returncode != 0:
        sys.stderr.write(p.stderr)
        raise SystemExit(f"worker {args[0]} failed")
    return json.loads(p.stdout.strip().splitlines()[-1])


def run_score(hedui_bin: str, d: Path, res: Path, threads: int) -> dict:
    t = time.perf_counter()
    p = subprocess.Popen([hedui_bin, "--reform", str(REFORM), "score", str(d), "--out", str(res), "--threads", str(threads)],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, ru = os.wait4(p.pid, 0)
    el = time.perf_counter() - t
    p.returncode = os.waitstatus_to_exitcode(status)
    err = p.stderr.read().decode() if p.stderr else ""
    if p.returncode != 0:
        raise SystemExit(f"hedui score failed: {err}")
    return {"s": el, "rss_mb": ru.ru_maxrss / 1024}


# ---- comparison ---------------------------------------------------------------------------


def compare(d: Path, a: Path, b: Path, label_b: str, show: int = 5) -> tuple[int, list[str]]:
    """Differences between OpenFisca results `a` and hedui results `b` (same households)."""
    import numpy as np
    import pyarrow.parquet as pq

    ta, tb = pq.read_table(a), pq.read_table(b)
    ia, ib = ta.column("household_id").to_numpy(), tb.column("household_id").to_numpy()
    ob = np.argsort(ib, kind="stable")
    pos = ob[np.searchsorted(ib[ob], ia)]
    if not np.array_equal(ib[pos], ia):
        return len(ia), [f"{label_b}: household ids differ from OpenFisca's"]
    cols = {}
    for c in ("dibao_status", "dibao_amount_fen", "near_dibao_status"):
        va = ta.column(c).to_numpy(zero_copy_only=False)
        vb = tb.column(c).to_numpy(zero_copy_only=False)[pos]
        cols[c] = (va, vb)
    amt_a, amt_b = cols["dibao_amount_fen"]
    # hedui has an amount only when eligible (null → -1); OpenFisca's is 0 when not eligible.
    elig = cols["dibao_status"][0] == "eligible"
    amount_diff = elig & (amt_a != amt_b)
    diff = (cols["dibao_status"][0] != cols["dibao_status"][1]) | amount_diff | (
        cols["near_dibao_status"][0] != cols["near_dibao_status"][1])
    idx = np.flatnonzero(diff)
    # Classify each difference by the exact quantities (OpenFisca side): W = income over the
    # window (fen), M = window months, n = counted members, s = standard (fen).
    W = ta.column("income_in_window").to_numpy().astype(object)
    M = ta.column("income_window_months").to_numpy().astype(object)
    N = ta.column("counted_members").to_numpy().astype(object)
    S = ta.column("dibao_standard").to_numpy().astype(object)
    kinds: dict[str, list[int]] = {}
    for i in idx:
        cap = S[i] * N[i] * M[i]
        if W[i] == cap:
            k = "income exactly standard × members (not below: ineligible)"
        elif 2 * W[i] == 3 * cap:
            k = "income exactly 1.5 × standard × members (not below: near-dibao ineligible)"
        elif M[i] and (2 * (cap - W[i])) % (2 * M[i]) == M[i]:
            k = "补差 (standard × members − income) ends in exactly half a fen"
        else:
            k = "other"
        kinds.setdefault(k, []).append(int(i))
    # Show the first household of each kind, then the next ones, up to `show` in all.
    pick = [v[0] for v in kinds.values()]
    pick += [int(i) for i in idx if int(i) not in pick]
    pick = pick[:max(show, len(kinds))]
    lines = []
    if len(idx):
        wanted = set(int(ia[i]) for i in pick)
        facts = {}
        jl = d / "households.jsonl"
        if jl.exists():
            with open(jl) as f:
                for line in f:
                    c = json.loads(line)
                    if int(c["id"]) in wanted:
                        facts[int(c["id"])] = c
                    if len(facts) == len(wanted):
                        break
        for i in pick:
            h = int(ia[i])
            lines.append(
                f"- household {h}: OpenFisca dibao={cols['dibao_status'][0][i]} amount={amt_a[i] / 100:.2f} "
                f"near={cols['near_dibao_status'][0][i]} | {label_b} dibao={cols['dibao_status'][1][i]} "
                f"amount={'-' if amt_b[i] < 0 else f'{amt_b[i] / 100:.2f}'} near={cols['near_dibao_status'][1][i]} "
                f"(exact: income over the window {W[i] / 100:.2f} over {M[i]} months, {N[i]} members, standard {S[i] / 100:.2f})"
                f"\n  facts: {json.dumps(facts.get(h), ensure_ascii=False)}")
    for k, v in sorted(kinds.items(), key=lambda kv: len(kv[1])):
        lines.insert(0, f"- {len(v)} household(s): {k}")
    counts = (int((cols["dibao_status"][0] != cols["dibao_status"][1]).sum()), int(amount_diff.sum()),
              int((cols["near_dibao_status"][0] != cols["near_dibao_status"][1]).sum()))
    return int(diff.sum()), lines, counts


def asset_coverage(of_results: Path) -> tuple[int, int, int, int, int, int]:
    """What the financial-asset test saw (OpenFisca side): households holding financial assets
    of counted members, dibao test passed / failed / undecided, and how many sit exactly at the
    benchmark limit (months × standard × counted members) or one fen either side."""
    import numpy as np
    import pyarrow.parquet as pq
    import tomllib

    t = pq.read_table(of_results)
    months = int(next(o["value"] for o in tomllib.loads(REFORM.read_text(encoding="utf-8"))["override"]
                      if o["key"] == "dibao.assets.financial_limit_months"))
    fin = t.column("household_financial_assets").to_numpy().astype(np.int64)
    test = np.asarray(t.column("dibao_financial_assets_test").to_pylist(), dtype=object)
    cap = months * t.column("dibao_standard").to_numpy().astype(np.int64) * np.maximum(
        t.column("counted_members").to_numpy().astype(np.int64), 1)
    return (int((fin > 0).sum()), int((test == "passed").sum()), int((test == "failed").sum()),
            int((test == "undecided").sum()), int((fin == cap).sum()), int((np.abs(fin - cap) == 1).sum()))


# ---- main ---------------------------------------------------------------------------------


def fmt_s(s: float) -> str:
    if s < 1e-3:
        return f"{s * 1e6:.1f} µs"
    if s < 1:
        return f"{s * 1e3:.1f} ms"
    return f"{s:.2f} s"


def criterion_estimate(repo: Path) -> tuple[float, str] | None:
    p = repo / "target/criterion/evaluate_dibao/4-members_typed/new/estimates.json"
    if not p.exists():
        return None
    e = json.loads(p.read_text())
    when = dt.datetime.fromtimestamp(p.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    return e["median"]["point_estimate"] / 1e9, when


def machine() -> str:
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.0f} GB"
    except OSError:
        pass
    import numpy
    import openfisca_core  # noqa: F401
    from importlib.metadata import version

    return (f"{os.cpu_count()} vCPU ({cpu}), {mem} RAM, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, numpy {numpy.__version__}, "
            f"OpenFisca-Core {version('openfisca-core')}, pyarrow {version('pyarrow')}, hedui {version('hedui')}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True, type=Path)
    ap.add_argument("--sets", required=True, help="comma-separated name=dir of registers, in order")
    ap.add_argument("--edge", type=Path, help="the adversarial register (compared, not timed)")
    ap.add_argument("--hedui", required=True)
    ap.add_argument("--repo", required=True, type=Path)
    ap.add_argument("--single", type=Path, help="households.jsonl for the single-household runs")
    args = ap.parse_args()
    res_dir = args.data / "results"
    res_dir.mkdir(parents=True, exist_ok=True)
    print("## hedui vs OpenFisca: measured", dt.datetime.now().strftime("%Y-%m-%d %H:%M"))
    print()
    print("Indicative only: a shared, noisy 2-core machine. Machine:", machine())
    print()

    rows = []
    so = min(run_worker("startup-openfisca")["s"] for _ in range(3))
    sh = min(run_worker("startup-hedui")["s"] for _ in range(3))
    rows.append(("startup: import + load rules and parameters (best of 3)", fmt_s(so), fmt_s(sh), f"{so / sh:.0f}×"))
    if args.single:
        of = run_worker("single-openfisca", str(args.single), "200", "3")
        hd = run_worker("single-hedui", str(args.single), "200", "25")
        rows.append((f"one household, median of {of['runs']} (OpenFisca) / {hd['runs']} (hedui) runs, from Python",
                     fmt_s(of["median_s"]), fmt_s(hd["median_s"]), f"{of['median_s'] / hd['median_s']:.0f}×"))
        ce = criterion_estimate(args.repo)
        if ce:
            rows.append((f"one household, Rust native (criterion `evaluate/dibao/4-members/typed` median, run {ce[1]})",
                         "", fmt_s(ce[0]), f"{of['median_s'] / ce[0]:.0f}×"))
    print("| measure | OpenFisca 46 | hedui | hedui speed-up |")
    print("|---|---:|---:|---:|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    print()
    if args.single:
        print(f"OpenFisca's single-household time excludes turning the case into an OpenFisca situation "
              f"({fmt_s(of['convert_s'])} per case, Python); hedui's includes converting the case dict.")
        print()

    print("| register | households | engine | time | households/s | peak RSS | speed-up vs OpenFisca | RSS vs OpenFisca |")
    print("|---|---:|---|---:|---:|---:|---:|---:|")
    total_diff = 0
    diff_report = []
    coverage = []
    for spec in args.sets.split(","):
        name, d = spec.split("=", 1)
        d = Path(d)
        import pyarrow.parquet as pq

        n = pq.ParquetFile(d / "households.parquet").metadata.num_rows
        reps = 3 if n <= 100_000 else 1
        ro = res_dir / f"{name}.openfisca.parquet"
        of = run_worker("batch-openfisca", str(d), str(ro), str(reps))
        coverage.append((name, n, asset_coverage(ro)))
        runs = [(f"OpenFisca, vectorised: build simulation from the tables ({fmt_s(of['build_s'])}) + calculate ({fmt_s(of['calc_s'])}, {n / of['calc_s']:,.0f}/s)", of, ro)]
        for threads in (1, 2):
            rh = res_dir / f"{name}.hedui{threads}.parquet"
            runs.append((f"hedui `evaluate_table`, {threads} thread{'s' if threads > 1 else ''}",
                         run_worker("batch-hedui", str(d), str(rh), str(reps), str(threads)), rh))
        rs = res_dir / f"{name}.score.parquet"
        sc = run_score(args.hedui, d, rs, 2)
        import pyarrow.parquet as pq

        ids, st, amt, near, _ = hedui_rows(pq.read_table(rs))
        rsn = res_dir / f"{name}.score.normalised.parquet"
        write_results(rsn, ids, st, amt, near)
        runs.append(("hedui `score` CLI, Parquet → Parquet, 2 threads (end to end)", sc, rsn))
        base_t, base_m = of["s"], of["rss_mb"]
        for label, r, _ in runs:
            speed = "" if r is of else f"{base_t / r['s']:.1f}×"
            mem = "" if r is of else f"{r['rss_mb'] / base_m:.2f}"
            print(f"| {name} | {n:,} | {label} | {fmt_s(r['s'])} | {n / r['s']:,.0f} | {r['rss_mb']:,.0f} MB | {speed} | {mem} |")
        for label, r, path in runs[1:]:
            nd, lines, counts = compare(d, ro, path, label.split(",")[0])
            total_diff += nd
            diff_report.append((name, n, label, nd, counts, lines))
    print()
    print("Batch times exclude reading the Parquet files (both engines get the same Arrow tables), "
          "except `hedui score`, which is timed as a process from Parquet in to Parquet out. "
          f"Runs up to 100k households: best of 3; 1M: one run. Peak RSS = the process's ru_maxrss.")
    print()

    if args.edge:
        ro, rh = res_dir / "edge.openfisca.parquet", res_dir / "edge.hedui.parquet"
        run_worker("batch-openfisca", str(args.edge), str(ro), "1")
        r = run_worker("batch-hedui", str(args.edge), str(rh), "1", "2")
        import pyarrow.parquet as pq

        n = pq.ParquetFile(args.edge / "households.parquet").metadata.num_rows
        coverage.append(("edge", n, asset_coverage(ro)))
        nd, lines, counts = compare(args.edge, ro, rh, "hedui")
        total_diff += nd
        diff_report.append(("edge", n, "hedui `evaluate_table`", nd, counts, lines))

    print("### Decisions: OpenFisca vs hedui, every household")
    print()
    print("| register | households | hedui run | dibao status | dibao amount | near-dibao status | households differing |")
    print("|---|---:|---|---:|---:|---:|---:|")
    for name, n, label, nd, counts, _ in diff_report:
        print(f"| {name} | {n:,} | {label.split(',')[0]} {label.split(',')[1].strip() if ',' in label else ''} | {counts[0]} | {counts[1]} | {counts[2]} | {nd} |")
    print()
    print(f"**Decision differences: {total_diff}**")
    print()
    print("### The financial-asset test (benchmark assumption: 24 months of the standard per member)")
    print()
    print("| register | households | holding financial assets | dibao test passed | failed | undecided | exactly at the limit | one fen either side |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, n, c in coverage:
        print(f"| {name} | {n:,} | " + " | ".join(f"{x:,}" for x in c) + " |")
    for name, n, label, nd, counts, lines in diff_report:
        if lines:
            print(f"\nFirst differences, {name}, {label}:")
            print("\n".join(lines))
    return 1 if total_diff else 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "worker":
        worker(sys.argv[2:])
    else:
        sys.exit(main())
