//! `compile/reform`: building a reform engine on a shared policy set (the target is well
//! under 1 ms, so an analyst can sweep a parameter over many values); `evaluate/reform`:
//! one household under a region-scoped proposal, to compare with `evaluate/dibao`.
#![expect(
    clippy::unwrap_used,
    reason = "a bench input that fails is a bug to stop on"
)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use hedui_bench::household;
use hedui_core::{Engine, Program, Reform, Status};
use std::hint::black_box;

const REFORM: &str = r#"
label = "提标 2027 proposal"
[[override]]
region = "360100"
key = "dibao.standard.urban"
value = "850.00"
from = "2026-01-01"
[[override]]
region = "360000"
key = "near_dibao.multiplier"
value = "1.5"
# The bench household has minor children: no uplift, so the amount is decided (an assumption).
[[override]]
key = "dibao.uplift.minor_ratio"
value = "0"
[[override]]
key = "dibao.uplift.elderly_ratio"
value = "0"
"#;

fn define(c: &mut Criterion) {
    let base = Engine::embedded().unwrap();
    let reform = Reform::from_toml("reform.toml", REFORM).unwrap();
    // Correctness once before timing: the proposal is what the household is assessed on.
    let engine = base.with_reform(&reform).unwrap();
    let case = household(4);
    let o = engine.evaluate(&case).unwrap();
    assert_eq!(o.program(Program::Dibao).unwrap().status, Status::Eligible);
    assert!(
        o.parameters
            .iter()
            .any(|p| p.key == "dibao.standard.urban" && p.citation.evidence == "proposal")
    );
    c.bench_function("compile/reform", |b| {
        b.iter(|| black_box(base.with_reform(black_box(&reform)).unwrap()));
    });
    c.bench_function("compile/reform-from-toml", |b| {
        b.iter(|| {
            let r = Reform::from_toml("reform.toml", black_box(REFORM)).unwrap();
            black_box(base.with_reform(&r).unwrap())
        });
    });
    let mut g = c.benchmark_group("evaluate/reform");
    g.throughput(Throughput::Elements(1));
    g.bench_function("4-members/typed", |b| {
        b.iter(|| black_box(engine.evaluate(black_box(&case)).unwrap()));
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(std::time::Duration::from_secs(1)).measurement_time(std::time::Duration::from_secs(3));
    targets = define
}
criterion_main!(benches);
