//! `hedui synth`: a deterministic synthetic register, as four tables (Parquet and CSV) and as
//! JSON Lines cases, written chunk by chunk.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use hedui_core::Engine;
use hedui_register::output::OutputWriter;
use hedui_register::synth::{Profile, SynthConfig, households};
use hedui_register::tables::to_tables;
use rayon::prelude::*;

use crate::out;
use crate::score_cmd::progress_bar;

/// Households generated and written per step.
const CHUNK: u64 = 32_768;

#[derive(Args, Debug)]
pub(crate) struct SynthArgs {
    /// Number of households.
    #[arg(long)]
    n: u64,
    /// Region code (GB/T 2260) the households live in.
    #[arg(long, default_value = "360100")]
    region: String,
    /// Seed: the same seed gives the same register.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Assessment date of every household (YYYY-MM-DD).
    #[arg(long, default_value = "2026-11-15")]
    as_of: String,
    /// `register`: realistic mix; `plain`: only what the simple dibao rule needs.
    #[arg(long, value_enum, default_value_t = ProfileArg::Register)]
    profile: ProfileArg,
    /// Output directory (created if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// What to write, comma-separated.
    #[arg(long, value_delimiter = ',', default_values_t = [Kind::Parquet, Kind::Csv, Kind::Jsonl])]
    formats: Vec<Kind>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ProfileArg {
    Register,
    Plain,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Kind {
    Parquet,
    Csv,
    Jsonl,
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Kind::Parquet => "parquet",
            Kind::Csv => "csv",
            Kind::Jsonl => "jsonl",
        })
    }
}

const TABLES: [&str; 4] = ["households", "members", "incomes", "assets"];

fn writers(dir: &Path, ext: &str) -> Result<Vec<OutputWriter>, String> {
    TABLES
        .iter()
        .map(|t| {
            OutputWriter::create(&dir.join(format!("{t}.{ext}"))).map_err(|e| format!("error: {e}"))
        })
        .collect()
}

pub(crate) fn run(args: &SynthArgs, engine: &Engine) -> Result<ExitCode, String> {
    let as_of = crate::date_arg("--as-of", &args.as_of)?;
    let profile = match args.profile {
        ProfileArg::Register => Profile::Register,
        ProfileArg::Plain => Profile::Plain,
    };
    let cfg = SynthConfig::new(engine, &args.region, as_of, args.seed, profile)
        .map_err(|e| crate::describe(&e))?;
    std::fs::create_dir_all(&args.out)
        .map_err(|e| format!("error: {}: {e}", args.out.display()))?;
    let mut parquet = if args.formats.contains(&Kind::Parquet) {
        writers(&args.out, "parquet")?
    } else {
        Vec::new()
    };
    let mut csv = if args.formats.contains(&Kind::Csv) {
        writers(&args.out, "csv")?
    } else {
        Vec::new()
    };
    let jsonl_path = args.out.join("households.jsonl");
    let mut jsonl = if args.formats.contains(&Kind::Jsonl) {
        let f = File::create(&jsonl_path)
            .map_err(|e| format!("error: {}: {e}", jsonl_path.display()))?;
        Some(BufWriter::with_capacity(1 << 20, f))
    } else {
        None
    };
    let bar = progress_bar(Some(args.n));
    let mut start = 0u64;
    loop {
        let end = (start + CHUNK).min(args.n);
        let cases = households(&cfg, start..end);
        let tables = to_tables(&cases).map_err(|e| crate::describe(&e))?;
        let batches = [
            &tables.households,
            &tables.members,
            &tables.incomes,
            &tables.assets,
        ];
        for w in [&mut parquet, &mut csv] {
            for (writer, batch) in w.iter_mut().zip(batches) {
                writer.write(batch).map_err(|e| format!("error: {e}"))?;
            }
        }
        if let Some(w) = &mut jsonl {
            let lines: Vec<String> = cases
                .par_iter()
                .map(serde_json::to_string)
                .collect::<Result<_, _>>()
                .map_err(|e| format!("error: a case did not serialise: {e}"))?;
            for line in lines {
                w.write_all(line.as_bytes())
                    .and_then(|()| w.write_all(b"\n"))
                    .map_err(|e| format!("error: {}: {e}", jsonl_path.display()))?;
            }
        }
        bar.set_position(end);
        start = end;
        if start >= args.n {
            break;
        }
    }
    bar.finish_and_clear();
    let empty = to_tables(&[]).map_err(|e| crate::describe(&e))?;
    let empties = [
        &empty.households,
        &empty.members,
        &empty.incomes,
        &empty.assets,
    ];
    for w in [parquet, csv] {
        for (writer, batch) in w.into_iter().zip(empties) {
            writer.finish(batch).map_err(|e| format!("error: {e}"))?;
        }
    }
    if let Some(mut w) = jsonl {
        w.flush()
            .map_err(|e| format!("error: {}: {e}", jsonl_path.display()))?;
    }
    out(&format!(
        "wrote {} households ({}, region {}, seed {}) to {}\n",
        args.n,
        match args.profile {
            ProfileArg::Register => "register profile",
            ProfileArg::Plain => "plain profile",
        },
        args.region,
        args.seed,
        args.out.display()
    ));
    Ok(ExitCode::SUCCESS)
}
