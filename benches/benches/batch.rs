//! Batches of synthetic households (register profile, Nanchang, seed 7):
//! `batch/dibao/100k-typed/{full,decision}` (cases already built, one thread),
//! `batch/dibao/100k-arrow/{1,2}-threads` (four Arrow tables in, result table out, decision
//! mode), and `score/dibao/100k-parquet` (`hedui score` end to end: Parquet files in,
//! Parquet file out, every core).
#![expect(
    clippy::unwrap_used,
    reason = "a bench input that fails is a bug to stop on"
)]

// Links the bench library, whose `mimalloc` feature sets the allocator.
use hedui_bench as _;
use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use hedui_core::Engine;
use hedui_core::case::Program;
use hedui_register::input::InputReader;
use hedui_register::output::OutputWriter;
use hedui_register::score::{ScoreOptions, score};
use hedui_register::synth::{Profile, SynthConfig, households};
use hedui_register::tables::to_tables;
use hedui_register::{Register, ResultBuilder, ResultRow};
use rayon::prelude::*;

const N: u64 = 100_000;

fn config(engine: &Engine) -> SynthConfig {
    SynthConfig::new(
        engine,
        "360100",
        "2026-11-15".parse().unwrap(),
        7,
        Profile::Register,
    )
    .unwrap()
}

/// The Arrow path: assemble each household from the tables, evaluate, reduce to its row.
fn arrow_batch(
    engine: &Engine,
    reg: &Register,
    programs: &[Program],
    pool: &rayon::ThreadPool,
) -> usize {
    let rows: Vec<ResultRow> = pool.install(|| {
        (0..reg.len())
            .into_par_iter()
            .with_min_len(64)
            .map(|h| {
                let case = reg.case(h).unwrap();
                ResultRow::from_decision(programs, &engine.evaluate_decision(&case).unwrap())
            })
            .collect()
    });
    let mut out = ResultBuilder::new(programs, rows.len()).unwrap();
    for r in rows {
        out.push(r);
    }
    out.len()
}

fn define(c: &mut Criterion) {
    let engine = hedui_bench::engine();
    let cfg = config(&engine);
    let cases = households(&cfg, 0..N);
    let programs = Program::DEFAULTS;
    let tables = to_tables(&cases).unwrap();
    let reg = Register::new(
        &tables.households,
        &tables.members,
        Some(&tables.incomes),
        Some(&tables.assets),
        Vec::new(),
    )
    .unwrap();

    let mut g = c.benchmark_group("batch/dibao");
    g.throughput(Throughput::Elements(N));
    g.sample_size(10);
    g.bench_function("100k-typed/full", |b| {
        b.iter(|| {
            cases
                .iter()
                .map(|c| usize::from(engine.evaluate(black_box(c)).is_ok()))
                .sum::<usize>()
        });
    });
    g.bench_function("100k-typed/decision", |b| {
        b.iter(|| {
            cases
                .iter()
                .map(|c| usize::from(engine.evaluate_decision(black_box(c)).is_ok()))
                .sum::<usize>()
        });
    });
    for threads in [1usize, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        g.bench_function(format!("100k-arrow/{threads}-threads"), |b| {
            b.iter(|| black_box(arrow_batch(&engine, &reg, programs, &pool)));
        });
    }
    g.finish();

    // End to end through files, as `hedui score` runs it.
    let dir = std::env::temp_dir().join(format!("hedui-bench-score-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, batch) in [
        ("households", &tables.households),
        ("members", &tables.members),
        ("incomes", &tables.incomes),
        ("assets", &tables.assets),
    ] {
        let mut w = OutputWriter::create(&dir.join(format!("{name}.parquet"))).unwrap();
        w.write(batch).unwrap();
        w.finish(batch).unwrap();
    }
    let out: PathBuf = dir.join("result.parquet");
    let mut g = c.benchmark_group("score/dibao");
    g.throughput(Throughput::Elements(N));
    g.sample_size(10);
    g.bench_function("100k-parquet", |b| {
        b.iter(|| {
            let mut input = InputReader::open(&dir, &[]).unwrap();
            let options = ScoreOptions {
                engine: &engine,
                programs: &[],
                threads: 0,
            };
            let output = OutputWriter::create(&out).unwrap();
            let s = score(&options, &mut input, output, &mut |_| {}).unwrap();
            assert_eq!(s.households, N);
        });
    });
    g.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(std::time::Duration::from_secs(1)).measurement_time(std::time::Duration::from_secs(5));
    targets = define
}
criterion_main!(benches);
