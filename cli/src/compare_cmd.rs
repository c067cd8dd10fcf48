//! `hedui compare`: a register scored under the policy in force and under a reform, in one
//! pass, summarised per program and region.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;
use hedui_core::case::Program;
use hedui_core::{Engine, Reform};
use hedui_register::compare::{Comparison, evaluate_pair};
use hedui_register::input::InputReader;
use hedui_register::score::result_programs;
use rayon::prelude::*;

use crate::score_cmd::{parse_program, progress_bar};
use crate::{describe, out};

/// The reform itself is the global `--reform FILE`: a TOML file with `label` and
/// `[[override]]` entries (`region`, `key`, `value`, `from`, `to`).
#[derive(Args, Debug)]
pub(crate) struct CompareArgs {
    /// A `.jsonl` file of cases, or a directory with households, members, incomes and assets
    /// as `.parquet` or `.csv` (as for `hedui score`).
    input: PathBuf,
    /// Worker threads (0: one per core).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Programs to compare, comma-separated (default: `dibao,near_dibao`).
    #[arg(long, value_delimiter = ',', value_parser = parse_program)]
    programs: Vec<Program>,
    /// Also write the comparison (totals and per-region rows) as JSON to this file.
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
}

/// Reads and applies a reform file.
pub(crate) fn reform_engine(base: &Engine, path: &Path) -> Result<(Engine, String), String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("error: {}: {e}", path.display()))?;
    let name = path.display().to_string();
    let reform = Reform::from_toml(&name, &text).map_err(|e| describe(&e))?;
    let engine = base
        .with_reform(&reform)
        .map_err(|e| format!("{}\n  (in {name})", describe(&e)))?;
    Ok((engine, reform.label))
}

pub(crate) fn run(args: &CompareArgs, reform: &Path, base: &Engine) -> Result<ExitCode, String> {
    let started = Instant::now();
    let (reform, label) = reform_engine(base, reform)?;
    let programs = result_programs(&args.programs);
    let mut input =
        InputReader::open(&args.input, &args.programs).map_err(|e| format!("error: {e}"))?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads)
        .build()
        .map_err(|e| format!("error: cannot start worker threads: {e}"))?;
    let bar = progress_bar(input.total());
    let mut comparison = Comparison::new(&programs);
    let mut done = 0u64;
    loop {
        let chunk = match input.next_chunk() {
            Ok(Some(c)) => c,
            Ok(None) => break,
            Err(e) => {
                bar.finish_and_clear();
                return Err(format!("error: {e}"));
            }
        };
        let pairs: Vec<_> = pool.install(|| {
            (0..chunk.len())
                .into_par_iter()
                .with_min_len(64)
                .map(|i| evaluate_pair(base, &reform, chunk.case(i), &programs))
                .collect()
        });
        for p in &pairs {
            comparison.add(p);
        }
        done += pairs.len() as u64;
        bar.set_position(done);
    }
    bar.finish_and_clear();
    input.finish().map_err(|e| format!("error: {e}"))?;
    out(&comparison.render(&label));
    out(&format!(
        "\n{done} households, each under both policies, in {:.2} s\n",
        started.elapsed().as_secs_f64()
    ));
    if let Some(path) = &args.json {
        let json = serde_json::json!({
            "reform": label,
            "households": done,
            "errors": comparison.errors(),
            "totals": comparison.totals(),
            "regions": comparison.rows(),
        });
        let text = serde_json::to_string_pretty(&json).map_err(|e| format!("error: {e}"))?;
        std::fs::write(path, text + "\n").map_err(|e| format!("error: {}: {e}", path.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}
