//! `ffi/evaluate_json`: the C JSON path (bytes in, owned JSON string out) against the
//! native typed call, for the 4-member household.
#![expect(unsafe_code, reason = "calls the C ABI")]
#![expect(
    clippy::unwrap_used,
    reason = "a bench input that fails is a bug to stop on"
)]

use std::hint::black_box;
use std::ptr;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use hedui::{
    hedui_engine_evaluate_json, hedui_engine_free, hedui_engine_new_default, hedui_status,
    hedui_string_free,
};
use hedui_bench::household;

fn define(c: &mut Criterion) {
    let case = household(4);
    let json = serde_json::to_string(&case).unwrap();
    let native = hedui_core::Engine::embedded().unwrap();
    let mut engine = ptr::null_mut();
    // SAFETY: valid out-pointer; the engine is freed at the end.
    assert_eq!(
        unsafe { hedui_engine_new_default(&raw mut engine, ptr::null_mut()) },
        hedui_status::Ok
    );
    let mut g = c.benchmark_group("ffi");
    g.throughput(Throughput::Elements(1));
    g.bench_function("evaluate_json/4-members", |b| {
        b.iter(|| {
            let mut out = ptr::null_mut();
            // SAFETY: live engine, valid buffer and out-pointer; the string is freed.
            unsafe {
                let s = hedui_engine_evaluate_json(
                    engine,
                    json.as_ptr(),
                    json.len(),
                    &raw mut out,
                    ptr::null_mut(),
                );
                assert_eq!(s, hedui_status::Ok);
                hedui_string_free(black_box(out));
            }
        });
    });
    g.bench_function("native_typed/4-members", |b| {
        b.iter(|| black_box(native.evaluate(black_box(&case)).unwrap()));
    });
    g.finish();
    // SAFETY: freed once.
    unsafe { hedui_engine_free(engine) };
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(std::time::Duration::from_secs(1)).measurement_time(std::time::Duration::from_secs(3));
    targets = define
}
criterion_main!(benches);
