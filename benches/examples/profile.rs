//! Runs one 4-member evaluation many times, for callgrind or perf.
#![expect(clippy::unwrap_used, reason = "profiling helper")]
fn main() {
    let engine = hedui_core::Engine::embedded().unwrap();
    let case = hedui_bench::household(4);
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    let mut total = 0usize;
    for _ in 0..n {
        total += engine.evaluate(&case).unwrap().programs.len();
    }
    assert!(total > 0);
}
