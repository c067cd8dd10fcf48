//! `hedui`: assess a household, run fixture cases, show and check policies, print schemas.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use hedui_core::report::{self, Lang};
use hedui_core::{Engine, Error, PolicySet, fixture, policy, schema};

// A full outcome is many small strings; mimalloc serves them markedly faster than glibc's
// malloc (DESIGN.md, "Allocator"). The C library keeps the host's malloc.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod compare_cmd;
mod fixtures_cmd;
mod policy_cmd;
mod policy_diff;
mod score_cmd;
mod sweep_cmd;
mod synth_cmd;

#[derive(Parser, Debug)]
#[command(
    name = "hedui",
    version,
    about = "核对: social-assistance eligibility with cited arithmetic"
)]
struct Cli {
    /// Load policies from this directory instead of the built-in ones.
    #[arg(long, global = true, value_name = "DIR")]
    policies: Option<PathBuf>,
    /// Apply a reform (a TOML or JSON file of proposed values, see `hedui compare`) on top of the
    /// policies: `assess` and `score` then use the proposal, `policy adequacy` reports it.
    #[arg(long, global = true, value_name = "FILE")]
    reform: Option<PathBuf>,
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand, Debug)]
enum Cmd {
    /// Assess one household (a hedui.case/1 JSON file, or - for standard input).
    Assess {
        /// The case file.
        case: PathBuf,
        /// Print the outcome as JSON (hedui.outcome/1) instead of the report.
        #[arg(long)]
        json: bool,
        /// Report language.
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
    },
    /// Run every fixture case under DIR; prints `N passed, N failed`.
    Test {
        /// Directory of fixture cases.
        dir: PathBuf,
        /// Print each case's name.
        #[arg(long, short)]
        verbose: bool,
        /// Instead of evaluating, print each case as two lines for another front end: its
        /// `policy_overrides` (a JSON array), then its input.
        #[arg(long, conflicts_with = "outcomes")]
        export: bool,
        /// Compare results produced by another front end (one JSON outcome or error per
        /// line, in the order of `--export`) with the expectations.
        #[arg(long, value_name = "FILE")]
        outcomes: Option<PathBuf>,
    },
    /// Show or check policies.
    Policy {
        #[command(subcommand)]
        cmd: PolicyCmd,
    },
    /// Score a whole register file: one result row per household, in input order.
    Score(score_cmd::ScoreArgs),
    /// Write a deterministic synthetic register (four tables and JSON Lines cases).
    Synth(synth_cmd::SynthArgs),
    /// Score a register under the policy in force and under a reform (`--reform FILE`,
    /// required): households, people and amounts before and after, per program and region.
    Compare(compare_cmd::CompareArgs),
    /// Score a register once per value of one parameter (for example the dibao standard from
    /// 700 to 1000 in steps of 10): eligible households, people and cost per value.
    Sweep(sweep_cmd::SweepArgs),
    /// Print a JSON Schema (household, outcome or fixture).
    Schema {
        /// Which schema.
        #[arg(value_enum, default_value_t = SchemaArg::Household)]
        which: SchemaArg,
        /// Write every schema into DIR instead of printing one.
        #[arg(long, value_name = "DIR")]
        write: Option<PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
enum PolicyCmd {
    /// Every parameter in force for a region on a date, with its origin and citation.
    Show {
        /// GB/T 2260 region code.
        code: String,
        /// Date (YYYY-MM-DD); default today.
        #[arg(long)]
        as_of: Option<String>,
    },
    /// Validate a policy directory; every problem is listed, then advisory adequacy findings.
    Check {
        /// Directory of policy TOML files.
        dir: PathBuf,
    },
    /// Every parameter whose value for a region differs between two dates, old → new, cited.
    Diff {
        /// GB/T 2260 region code.
        code: String,
        /// Earlier date (YYYY-MM-DD).
        #[arg(long)]
        from: String,
        /// Later date (YYYY-MM-DD).
        #[arg(long)]
        to: String,
    },
    /// Every registered parameter, its type, unit and labels, as a Markdown table.
    Params,
    /// The ratios a bureau reports for a region: the dibao standard to the minimum wage and
    /// to last year's consumption and income per head, the tekun standard to dibao.
    Adequacy {
        /// GB/T 2260 region code.
        code: String,
        /// Date (YYYY-MM-DD); default today. With `--reform`, the proposal's ratios.
        #[arg(long)]
        date: Option<String>,
    },
}

fn policy_set(dir: Option<&PathBuf>) -> Result<PolicySet, String> {
    match dir {
        Some(d) => PolicySet::from_dir(d),
        None => PolicySet::embedded(),
    }
    .map_err(|e| describe(&e))
}

fn date_arg(flag: &str, s: &str) -> Result<jiff::civil::Date, String> {
    hedui_core::calendar::parse_date(s).map_err(|e| format!("error: {flag}: {e}"))
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum LangArg {
    Zh,
    En,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum SchemaArg {
    Household,
    Outcome,
    Fixture,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(msg) => {
            let _ = writeln!(std::io::stderr(), "{msg}");
            ExitCode::from(2)
        }
    }
}

fn describe(e: &Error) -> String {
    let mut s = String::from("error:");
    for p in e.problems() {
        let _ = write!(s, "\n  [{}] {}", p.code(), p);
    }
    s
}

fn engine(dir: Option<&PathBuf>) -> Result<Engine, String> {
    match dir {
        Some(d) => Engine::from_dir(d),
        None => Engine::embedded(),
    }
    .map_err(|e| describe(&e))
}

/// The engine, with the `--reform` proposal applied when one is given.
fn reformed(policies: Option<&PathBuf>, reform: Option<&PathBuf>) -> Result<Engine, String> {
    let base = engine(policies)?;
    match reform {
        Some(path) => Ok(compare_cmd::reform_engine(&base, path)?.0),
        None => Ok(base),
    }
}

fn out(s: &str) {
    let mut o = std::io::stdout().lock();
    let _ = o.write_all(s.as_bytes());
    let _ = o.flush();
}

fn read_input(path: &PathBuf) -> Result<String, String> {
    if path.as_os_str() == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
            .map_err(|e| format!("error: standard input: {e}"))?;
        return Ok(s);
    }
    let bytes = std::fs::read(path).map_err(|e| format!("error: {}: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|_| {
        format!(
            "error: [300] {}: the file is not valid UTF-8",
            path.display()
        )
    })
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.cmd {
        Cmd::Assess { case, json, lang } => {
            let engine = reformed(cli.policies.as_ref(), cli.reform.as_ref())?;
            let text = read_input(&case)?;
            let outcome = engine.evaluate_json(&text).map_err(|e| describe(&e))?;
            if json {
                out(&outcome.to_json_pretty());
                out("\n");
            } else {
                let lang = match lang {
                    LangArg::Zh => Lang::Zh,
                    LangArg::En => Lang::En,
                };
                out(&report::render(&outcome, lang));
            }
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Test {
            dir,
            verbose,
            export,
            outcomes,
        } => {
            let cases = fixture::load_dir(&dir).map_err(|e| format!("error: {e}"))?;
            if export {
                return fixtures_cmd::export(&cases);
            }
            let results = match &outcomes {
                Some(path) => Some(fixtures_cmd::read_results(path, cases.len())?),
                None => None,
            };
            let engine = engine(cli.policies.as_ref())?;
            let (mut passed, mut failed) = (0usize, 0usize);
            for (i, lf) in cases.into_iter().enumerate() {
                let name = lf.path.display().to_string();
                let r = lf.case.and_then(|c| match &results {
                    Some(rs) => rs
                        .get(i)
                        .ok_or_else(|| "no result line".to_owned())
                        .and_then(|v| fixture::check_result(&c, v)),
                    None => fixture::run(&engine, &c),
                });
                match r {
                    Ok(()) => {
                        passed += 1;
                        if verbose {
                            out(&format!("ok   {name}\n"));
                        }
                    }
                    Err(why) => {
                        failed += 1;
                        out(&format!("FAIL {name}\n  {}\n", why.replace('\n', "\n  ")));
                    }
                }
            }
            out(&format!("{passed} passed, {failed} failed\n"));
            Ok(if failed == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Cmd::Policy {
            cmd: PolicyCmd::Show { code, as_of },
        } => {
            let set = match &cli.policies {
                Some(d) => PolicySet::from_dir(d),
                None => PolicySet::embedded(),
            }
            .map_err(|e| describe(&e))?;
            let date = match as_of {
                Some(s) => date_arg("--as-of", &s)?,
                None => jiff::ZonedDateTime::now().date(),
            };
            out(&policy_cmd::show(&set, &code, date).map_err(|e| describe(&e))?);
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Policy {
            cmd: PolicyCmd::Params,
        } => {
            out(&hedui_core::policy::registry::markdown());
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Policy {
            cmd: PolicyCmd::Diff { code, from, to },
        } => {
            let set = policy_set(cli.policies.as_ref())?;
            let (from, to) = (date_arg("--from", &from)?, date_arg("--to", &to)?);
            out(&policy_diff::diff(&set, &code, from, to).map_err(|e| describe(&e))?);
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Policy {
            cmd: PolicyCmd::Check { dir },
        } => match PolicySet::from_dir(&dir) {
            Ok(set) => {
                let n = set.regions().count();
                let values: usize = set
                    .regions()
                    .map(|r| r.params.values().map(Vec::len).sum::<usize>())
                    .sum();
                let unverified: usize = set
                    .regions()
                    .map(|r| {
                        r.params
                            .values()
                            .flatten()
                            .filter(|e| !e.citation.verified)
                            .count()
                    })
                    .sum();
                out(&format!(
                    "ok: {n} regions, {values} values ({unverified} unverified), every value cited\n"
                ));
                out(&policy_cmd::adequacy(&set));
                Ok(ExitCode::SUCCESS)
            }
            Err(e) => {
                out(&format!("{}\n", describe(&e)));
                Ok(ExitCode::FAILURE)
            }
        },
        Cmd::Score(args) => score_cmd::run(
            &args,
            &reformed(cli.policies.as_ref(), cli.reform.as_ref())?,
        ),
        // With `--reform`, the households are drawn around the proposal's standards and limits.
        Cmd::Synth(args) => synth_cmd::run(
            &args,
            &reformed(cli.policies.as_ref(), cli.reform.as_ref())?,
        ),
        Cmd::Compare(args) => {
            let Some(reform) = &cli.reform else {
                return Err("error: `hedui compare` needs --reform FILE".to_owned());
            };
            compare_cmd::run(&args, reform, &engine(cli.policies.as_ref())?)
        }
        // On top of `--reform` when given: a sweep of a proposal.
        Cmd::Sweep(args) => sweep_cmd::run(
            &args,
            &reformed(cli.policies.as_ref(), cli.reform.as_ref())?,
        ),
        Cmd::Policy {
            cmd: PolicyCmd::Adequacy { code, date },
        } => {
            let engine = reformed(cli.policies.as_ref(), cli.reform.as_ref())?;
            let on = match date {
                Some(s) => date_arg("--date", &s)?,
                None => jiff::ZonedDateTime::now().date(),
            };
            out(&policy_cmd::ratios(&engine, &code, on).map_err(|e| describe(&e))?);
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Schema { which, write } => {
            if let Some(dir) = write {
                for (name, text) in schema::all() {
                    std::fs::write(dir.join(name), text)
                        .map_err(|e| format!("error: {name}: {e}"))?;
                }
                return Ok(ExitCode::SUCCESS);
            }
            out(&match which {
                SchemaArg::Household => schema::household(),
                SchemaArg::Outcome => schema::outcome(),
                SchemaArg::Fixture => schema::fixture(),
            });
            let _ = policy::embedded_files;
            Ok(ExitCode::SUCCESS)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_programs_are_read_by_the_core() {
        assert_eq!(
            date_arg("--as-of", "2026-11-01"),
            Ok(jiff::civil::date(2026, 11, 1))
        );
        assert_eq!(
            date_arg("--as-of", "20261101").unwrap_err(),
            "error: --as-of: `20261101` is not a date (YYYY-MM-DD)"
        );
        assert_eq!(
            score_cmd::parse_program("near_dibao"),
            Ok(hedui_core::Program::NearDibao)
        );
        assert!(
            score_cmd::parse_program("neardibao")
                .unwrap_err()
                .starts_with("unknown program `neardibao`; known: dibao, near_dibao")
        );
    }
}
