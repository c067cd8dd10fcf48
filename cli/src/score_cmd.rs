//! `hedui score`: a whole register file in, one result row per household out.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Args;
use hedui_core::Engine;
use hedui_core::case::Program;
use hedui_register::input::InputReader;
use hedui_register::output::OutputWriter;
use hedui_register::score::{ScoreOptions, score};
use indicatif::{ProgressBar, ProgressStyle};

use crate::out;

#[derive(Args, Debug)]
pub(crate) struct ScoreArgs {
    /// A `.jsonl` file of cases, or a directory with households, members, incomes and assets
    /// as `.parquet` or `.csv` (child tables grouped by household in households order).
    input: PathBuf,
    /// Result file: `.parquet`, `.csv` or `.jsonl`.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Worker threads (0: one per core).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Programs for the result columns, comma-separated (default: `dibao,near_dibao`).
    /// Households read from tables are assessed for these; a JSON Lines case is assessed
    /// for its own `programs`.
    #[arg(long, value_delimiter = ',', value_parser = parse_program)]
    programs: Vec<Program>,
    /// Also write the summary as JSON to this file.
    #[arg(long, value_name = "FILE")]
    summary_json: Option<PathBuf>,
}

pub(crate) fn parse_program(s: &str) -> Result<Program, String> {
    s.parse::<Program>().map_err(|e| e.to_string())
}

/// A bar with rate and ETA on a terminal; hidden when stderr is not one.
pub(crate) fn progress_bar(total: Option<u64>) -> ProgressBar {
    let bar = match total {
        Some(n) => ProgressBar::new(n).with_style(
            ProgressStyle::with_template(
                "{bar:40} {human_pos}/{human_len} households  {per_sec}  ETA {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        ),
        None => ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template("{spinner} {human_pos} households  {per_sec}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        ),
    };
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

pub(crate) fn run(args: &ScoreArgs, engine: &Engine) -> Result<ExitCode, String> {
    let started = Instant::now();
    let mut input =
        InputReader::open(&args.input, &args.programs).map_err(|e| format!("error: {e}"))?;
    let output = OutputWriter::create(&args.out).map_err(|e| format!("error: {e}"))?;
    let bar = progress_bar(input.total());
    let options = ScoreOptions {
        engine,
        programs: &args.programs,
        threads: args.threads,
    };
    let result = score(&options, &mut input, output, &mut |done| {
        bar.set_position(done);
    });
    bar.finish_and_clear();
    let summary = result.map_err(|e| {
        format!(
            "error: {e}\nno result file was written ({}.partial holds the rows done so far)",
            args.out.display()
        )
    })?;
    let secs = started.elapsed().as_secs_f64();
    out(&summary.render());
    #[expect(clippy::cast_precision_loss, reason = "a rate for people to read")]
    let rate = summary.households as f64 / secs.max(1e-9);
    out(&format!(
        "\nwrote {} rows to {} in {secs:.2} s ({rate:.0} households/s)\n",
        summary.households,
        args.out.display()
    ));
    if let Some(path) = &args.summary_json {
        let json = serde_json::to_string_pretty(&summary).map_err(|e| format!("error: {e}"))?;
        std::fs::write(path, json + "\n").map_err(|e| format!("error: {}: {e}", path.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}
