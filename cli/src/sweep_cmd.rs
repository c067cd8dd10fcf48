//! `hedui sweep`: a register scored once per value of one parameter, with eligible
//! households, people and cost per value and program.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;
use hedui_core::case::Program;
use hedui_core::policy::registry::{self, ParamType};
use hedui_core::{Engine, RawValue};
use hedui_register::RowError;
use hedui_register::compare::{Sweep, evaluate_sweep, sweep_engines};
use rust_decimal::Decimal;

use crate::compare_cmd::{each_household, write_json};
use crate::score_cmd::parse_program;
use crate::{date_arg, describe, out};

/// Most values one sweep takes: each one scores the whole register again.
const MAX_VALUES: usize = 1_000;

#[derive(Args, Debug)]
pub(crate) struct SweepArgs {
    /// A `.jsonl` file of cases, or a directory with households, members, incomes and assets
    /// as `.parquet` or `.csv` (as for `hedui score`).
    input: PathBuf,
    /// The parameter to vary, as registered (`hedui policy show` lists them), e.g.
    /// `dibao.standard.urban`.
    #[arg(long)]
    key: String,
    /// The values: `START:END:STEP` (END included), e.g. `700:1000:10`, or a comma-separated
    /// list, e.g. `795,850,900`. Decimals as written; never floats.
    #[arg(long, value_name = "SPEC")]
    values: String,
    /// Apply the values to this region code and everything below it (default: every region).
    #[arg(long, value_name = "CODE")]
    region: Option<String>,
    /// Apply the values from this date on (YYYY-MM-DD; default: for every date).
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Worker threads (0: one per core).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Programs to count, comma-separated (default: `dibao,near_dibao`).
    #[arg(long, value_delimiter = ',', value_parser = parse_program)]
    programs: Vec<Program>,
    /// Also write the rows as JSON to this file.
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
}

/// Parses `START:END:STEP` or `a,b,c` into decimals, in order.
fn parse_values(spec: &str) -> Result<Vec<Decimal>, String> {
    let number = |s: &str| -> Result<Decimal, String> {
        s.trim()
            .parse::<Decimal>()
            .map_err(|_| format!("error: --values: `{}` is not a decimal", s.trim()))
    };
    let values = if let Some((start, rest)) = spec.split_once(':') {
        let (end, step) = rest
            .split_once(':')
            .ok_or("error: --values: a range is START:END:STEP")?;
        let (start, end, step) = (number(start)?, number(end)?, number(step)?);
        if step <= Decimal::ZERO || end < start {
            return Err("error: --values: a range needs STEP > 0 and END ≥ START".to_owned());
        }
        let mut values = Vec::new();
        let mut v = start;
        while v <= end && values.len() <= MAX_VALUES {
            values.push(v);
            v = v
                .checked_add(step)
                .ok_or("error: --values: the range overflows")?;
        }
        values
    } else {
        spec.split(',').map(number).collect::<Result<_, _>>()?
    };
    if values.is_empty() {
        return Err("error: --values: no values".to_owned());
    }
    if values.len() > MAX_VALUES {
        return Err(format!(
            "error: --values: more than {MAX_VALUES} values; each one scores the whole register"
        ));
    }
    Ok(values)
}

/// A value as the policy layer takes it: an integer for integer parameters, a decimal
/// string otherwise (money and ratios are never floats).
fn raw_value(key: &str, v: Decimal) -> RawValue {
    match registry::spec(key).map(|s| &s.ty) {
        Some(ParamType::Int { .. }) if v.fract().is_zero() => {
            i64::try_from(v).map_or_else(|_| RawValue::Str(v.to_string()), RawValue::Int)
        }
        _ => RawValue::Str(v.to_string()),
    }
}

pub(crate) fn run(args: &SweepArgs, base: &Engine) -> Result<ExitCode, String> {
    let started = Instant::now();
    let values = parse_values(&args.values)?;
    let from = args
        .from
        .as_deref()
        .map(|s| date_arg("--from", s))
        .transpose()?;
    let raws: Vec<RawValue> = values.iter().map(|v| raw_value(&args.key, *v)).collect();
    let engines = sweep_engines(base, &args.key, args.region.as_deref(), from, &raws)
        .map_err(|e| describe(&e))?;
    let programs = Program::or_defaults(&args.programs).to_vec();
    let mut sweep = Sweep::new(values.clone(), &programs);
    let done = each_household(
        &args.input,
        &args.programs,
        args.threads,
        |case| {
            evaluate_sweep(
                &engines,
                case.map_err(|e| RowError::from_core(&e)),
                &programs,
            )
        },
        |households| households.iter().for_each(|sides| sweep.add(sides)),
    )?;
    out(&sweep.render(&args.key));
    out(&format!(
        "{done} households × {} values in {:.2} s\n",
        values.len(),
        started.elapsed().as_secs_f64()
    ));
    if let Some(path) = &args.json {
        let json = serde_json::json!({
            "key": args.key,
            "region": args.region,
            "from": from.map(|d| d.to_string()),
            "households": done,
            "errors": sweep.errors(),
            "rows": sweep.rows(),
        });
        write_json(path, &json)?;
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn ranges_include_the_end_and_keep_decimals_exact() {
        assert_eq!(
            parse_values("700:730:10").unwrap(),
            [d("700"), d("710"), d("720"), d("730")]
        );
        // 0.1 steps stay exact (no float drift past the end).
        assert_eq!(parse_values("1.2:1.5:0.1").unwrap().len(), 4);
        assert_eq!(
            parse_values("795, 850.50").unwrap(),
            [d("795"), d("850.50")]
        );
        assert!(parse_values("700:600:10").is_err());
        assert!(parse_values("700:800:0").is_err());
        assert!(parse_values("700:800").is_err());
        assert!(parse_values("seven").is_err());
        assert!(parse_values("795,").is_err());
        assert!(parse_values("0:100000:1").is_err());
    }

    #[test]
    fn integer_parameters_get_integers() {
        assert_eq!(
            raw_value("dibao.assets.vehicles_allowed", d("1")),
            RawValue::Int(1)
        );
        assert_eq!(
            raw_value("dibao.standard.urban", d("850")),
            RawValue::Str("850".to_owned())
        );
    }
}
