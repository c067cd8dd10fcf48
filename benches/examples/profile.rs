//! Runs one 4-member evaluation many times, for callgrind or perf.
//!
//! `profile [N] [full|decision|json-report] [default|all]`: N evaluations (1000) giving the
//! full outcome, the decision only, or JSON in to JSON and the Chinese report out; for the
//! default programs (dibao, near-dibao) or every program.
#![expect(clippy::unwrap_used, reason = "profiling helper")]
fn main() {
    let engine = hedui_bench::engine();
    let mut case = hedui_bench::household(4);
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1000);
    let mode = args.get(2).map_or("full", String::as_str);
    if args.get(3).is_some_and(|s| s == "all") {
        case.programs = hedui_core::Program::ALL.to_vec();
    }
    let json = serde_json::to_string(&case).unwrap();
    let mut total = 0usize;
    for _ in 0..n {
        total += match mode {
            "decision" => engine.evaluate_decision(&case).unwrap().programs.len(),
            "json-report" => {
                let o = engine.evaluate_json(&json).unwrap();
                o.to_json().len()
                    + hedui_core::report::render(&o, hedui_core::report::Lang::Zh).len()
            }
            _ => engine.evaluate(&case).unwrap().programs.len(),
        };
    }
    // Keeps the loop observable; a zero-iteration run (the baseline) prints 0.
    std::hint::black_box(total);
}
