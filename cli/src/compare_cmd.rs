//! `hedui compare`: a register scored under the policy in force and under a reform, in one
//! pass, summarised per program and region.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;
use hedui_core::case::Program;
use hedui_core::{Case, Engine, Reform};
use hedui_register::compare::{Comparison, evaluate_pair};
use hedui_register::input::InputReader;
use rayon::prelude::*;

use crate::score_cmd::{parse_program, progress_bar};
use crate::{describe, out};

/// The reform itself is the global `--reform FILE`: a TOML file with `label` and
/// `[[override]]` entries (`region`, `key`, `value`, `from`, `to`), or the same as JSON.
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

/// Reads and applies a reform file (TOML, or JSON; [`Reform::parse`]).
pub(crate) fn reform_engine(base: &Engine, path: &Path) -> Result<(Engine, String), String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("error: {}: {e}", path.display()))?;
    let name = path.display().to_string();
    let reform = Reform::parse(&name, &text).map_err(|e| describe(&e))?;
    let engine = base
        .with_reform(&reform)
        .map_err(|e| format!("{}\n  (in {name})", describe(&e)))?;
    Ok((engine, reform.label))
}

/// Reads a register chunk by chunk, maps each household on `threads` workers (0: one per
/// core) and hands every chunk's results to `take` in input order, with a progress bar on
/// a terminal. Returns how many households were read.
pub(crate) fn each_household<T: Send>(
    path: &Path,
    programs: &[Program],
    threads: usize,
    map: impl Fn(Result<Case, hedui_core::Error>) -> T + Sync,
    mut take: impl FnMut(&[T]),
) -> Result<u64, String> {
    let mut input = InputReader::open(path, programs).map_err(|e| format!("error: {e}"))?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| format!("error: cannot start worker threads: {e}"))?;
    let bar = progress_bar(input.total());
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
        let results: Vec<T> = pool.install(|| {
            (0..chunk.len())
                .into_par_iter()
                .with_min_len(16)
                .map(|i| map(chunk.case(i)))
                .collect()
        });
        take(&results);
        done += results.len() as u64;
        bar.set_position(done);
    }
    bar.finish_and_clear();
    input.finish().map_err(|e| format!("error: {e}"))?;
    Ok(done)
}

/// Writes `value` as pretty JSON to `path`.
pub(crate) fn write_json(path: &Path, value: &serde_json::Value) -> Result<(), String> {
    let text = serde_json::to_string_pretty(value).map_err(|e| format!("error: {e}"))?;
    std::fs::write(path, text + "\n").map_err(|e| format!("error: {}: {e}", path.display()))
}

pub(crate) fn run(args: &CompareArgs, reform: &Path, base: &Engine) -> Result<ExitCode, String> {
    let started = Instant::now();
    let (reform, label) = reform_engine(base, reform)?;
    let programs = Program::or_defaults(&args.programs).to_vec();
    let mut comparison = Comparison::new(&programs);
    let done = each_household(
        &args.input,
        &args.programs,
        args.threads,
        |case| evaluate_pair(base, &reform, case, &programs),
        |pairs| pairs.iter().for_each(|p| comparison.add(p)),
    )?;
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
        write_json(path, &json)?;
    }
    Ok(ExitCode::SUCCESS)
}
