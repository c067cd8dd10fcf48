//! A fixed batch for instruction counting (`scripts/instructions`): 2,000 synthetic
//! households (register profile, Nanchang, seed 11) assembled from Arrow tables, evaluated
//! and reduced to result rows on one thread. Only `measured` is counted (callgrind
//! `--toggle-collect`), so setup (policies, generation) does not blur the figure.
#![expect(clippy::unwrap_used, reason = "profiling helper")]
#![expect(
    clippy::print_stdout,
    reason = "prints the household count for the script"
)]

// Links the bench library, whose `mimalloc` feature sets the allocator.
use hedui_bench as _;
use hedui_core::Engine;
use hedui_core::case::Program;
use hedui_register::synth::{Profile, SynthConfig, households};
use hedui_register::tables::to_tables;
use hedui_register::{Register, ResultBuilder, ResultRow};

/// Households in the fixed batch.
const N: u64 = 2_000;

#[inline(never)]
fn measured(engine: &Engine, reg: &Register, programs: &[Program]) -> usize {
    let mut out = ResultBuilder::new(programs, reg.len()).unwrap();
    for h in 0..reg.len() {
        let row = match reg.case(h).and_then(|c| engine.evaluate_decision(&c)) {
            Ok(d) => ResultRow::from_decision(programs, &d),
            Err(e) => ResultRow::from_error(programs, hedui_register::RowError::from_core(&e)),
        };
        out.push(row);
    }
    out.len()
}

fn main() {
    let engine = hedui_bench::engine();
    let cfg = SynthConfig::new(
        &engine,
        "360100",
        "2026-11-15".parse().unwrap(),
        11,
        Profile::Register,
    )
    .unwrap();
    let cases = households(&cfg, 0..N);
    let t = to_tables(&cases).unwrap();
    let reg = Register::new(
        &t.households,
        &t.members,
        Some(&t.incomes),
        Some(&t.assets),
        Vec::new(),
    )
    .unwrap();
    let done = measured(&engine, &reg, Program::DEFAULTS);
    assert_eq!(done as u64, N);
    println!("{N}");
}
