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
    hedui_engine_evaluate_json, hedui_engine_free, hedui_engine_new_default,
    hedui_engine_with_overrides, hedui_status, hedui_string_free,
};
use hedui_bench::household;

fn define(c: &mut Criterion) {
    let case = household(4);
    let json = serde_json::to_string(&case).unwrap();
    let native = hedui_bench::engine();
    let mut base = ptr::null_mut();
    let mut engine = ptr::null_mut();
    // SAFETY: valid out-pointers and buffer; both engines are freed at the end.
    unsafe {
        assert_eq!(
            hedui_engine_new_default(&raw mut base, ptr::null_mut()),
            hedui_status::Ok
        );
        assert_eq!(
            hedui_engine_with_overrides(
                base,
                hedui_bench::NO_UPLIFT_JSON.as_ptr(),
                hedui_bench::NO_UPLIFT_JSON.len(),
                &raw mut engine,
                ptr::null_mut()
            ),
            hedui_status::Ok
        );
    }
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
    // SAFETY: each freed once.
    unsafe {
        hedui_engine_free(engine);
        hedui_engine_free(base);
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(std::time::Duration::from_secs(1)).measurement_time(std::time::Duration::from_secs(3));
    targets = define
}
criterion_main!(benches);
