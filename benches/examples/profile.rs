//! Runs one 4-member evaluation many times, for callgrind or perf.
//!
//! `profile [N] [full|decision] [default|all]`: N evaluations (1000), the full outcome or
//! the decision only, the default programs (dibao, near-dibao) or every program.
#![expect(clippy::unwrap_used, reason = "profiling helper")]
fn main() {
    let engine = hedui_core::Engine::embedded().unwrap();
    let mut case = hedui_bench::household(4);
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1000);
    let decision = args.get(2).is_some_and(|s| s == "decision");
    if args.get(3).is_some_and(|s| s == "all") {
        case.programs = hedui_core::Program::ALL.to_vec();
    }
    let mut total = 0usize;
    for _ in 0..n {
        total += if decision {
            engine.evaluate_decision(&case).unwrap().programs.len()
        } else {
            engine.evaluate(&case).unwrap().programs.len()
        };
    }
    // Keeps the loop observable; a zero-iteration run (the baseline) prints 0.
    std::hint::black_box(total);
}
