//! `evaluate/dibao/<shape>`: one household (dibao and near-dibao), typed (full outcome or
//! decision only), JSON-to-JSON, and with the report rendered; `evaluate/all/4-members/*`:
//! the same household assessed for every program; `compile/embedded`: building the engine.
#![expect(
    clippy::unwrap_used,
    reason = "a bench input that fails is a bug to stop on"
)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use hedui_bench::household;
use hedui_core::report::{self, Lang};
use hedui_core::{Engine, Program, Status};
use std::hint::black_box;

fn define(c: &mut Criterion) {
    c.bench_function("compile/embedded", |b| {
        b.iter(|| black_box(Engine::embedded().unwrap()));
    });
    let engine = hedui_bench::engine();
    let mut g = c.benchmark_group("evaluate/dibao");
    g.throughput(Throughput::Elements(1));
    for n in [1usize, 4, 8] {
        let case = household(n);
        // Correctness once before timing: the shapes are eligible in Nanchang.
        let o = engine.evaluate(&case).unwrap();
        assert_eq!(
            o.program(Program::Dibao).unwrap().status,
            Status::Eligible,
            "shape {n}"
        );
        let json = serde_json::to_string(&case).unwrap();
        g.bench_function(format!("{n}-members/typed"), |b| {
            b.iter(|| black_box(engine.evaluate(black_box(&case)).unwrap()));
        });
        g.bench_function(format!("{n}-members/decision"), |b| {
            b.iter(|| black_box(engine.evaluate_decision(black_box(&case)).unwrap()));
        });
        g.bench_function(format!("{n}-members/json"), |b| {
            b.iter(|| black_box(engine.evaluate_json(black_box(&json)).unwrap().to_json()));
        });
        g.bench_function(format!("{n}-members/report"), |b| {
            b.iter(|| {
                black_box(report::render(
                    &engine.evaluate(black_box(&case)).unwrap(),
                    Lang::Zh,
                ))
            });
        });
    }
    g.finish();

    let mut g = c.benchmark_group("evaluate/all");
    g.throughput(Throughput::Elements(1));
    let mut case = household(4);
    case.programs = Program::ALL.to_vec();
    let o = engine.evaluate(&case).unwrap();
    assert_eq!(o.programs.len(), Program::ALL.len());
    let json = serde_json::to_string(&case).unwrap();
    g.bench_function("4-members/typed", |b| {
        b.iter(|| black_box(engine.evaluate(black_box(&case)).unwrap()));
    });
    g.bench_function("4-members/decision", |b| {
        b.iter(|| black_box(engine.evaluate_decision(black_box(&case)).unwrap()));
    });
    g.bench_function("4-members/json-report", |b| {
        b.iter(|| {
            let o = engine.evaluate_json(black_box(&json)).unwrap();
            black_box((o.to_json(), report::render(&o, Lang::Zh)))
        });
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(std::time::Duration::from_secs(1)).measurement_time(std::time::Duration::from_secs(3));
    targets = define
}
criterion_main!(benches);
