//! Fixture cases: a household, its pinned parameters and the outcome the law gives, in one
//! JSON file (format in `fixtures/README.md`), and the comparison every runner uses.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::case::{self, Program};
use crate::engine::Engine;
use crate::error::Error;
use crate::outcome::{Outcome, Status};
use crate::policy::{Override, RawValue};

/// One fixture file.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FixtureCase {
    /// Unique id (the file name without `.json`).
    pub id: String,
    /// The legal point and the arithmetic.
    pub description: String,
    /// Articles the expectation follows from; never empty.
    pub citations: Vec<String>,
    /// Free labels.
    #[serde(default)]
    pub tags: Vec<String>,
    /// `active` (default) or `xfail`.
    #[serde(default)]
    pub status: FixtureStatus,
    /// Why an `xfail` case is expected to fail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub xfail_reason: Option<String>,
    /// Values pinned for this case.
    #[serde(default)]
    pub policy_overrides: Vec<FixtureOverride>,
    /// The household (`hedui.case/1`), kept raw so malformed input can be tested.
    pub input: serde_json::Value,
    /// What must hold.
    pub expect: Expect,
}

/// Whether the case is expected to pass.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FixtureStatus {
    /// Must pass.
    #[default]
    Active,
    /// Documents a known gap: must fail.
    Xfail,
}

/// A pinned value.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FixtureOverride {
    /// Parameter key.
    pub key: String,
    /// Value: strings for money and ratios, integers, booleans or lists.
    pub value: serde_json::Value,
    /// First day (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub from: Option<jiff::civil::Date>,
    /// End (exclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub to: Option<jiff::civil::Date>,
}

/// Expectations; only what is given is compared.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// Per program.
    #[serde(default)]
    pub programs: BTreeMap<Program, ExpectProgram>,
    /// Set of counted member ids.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counted_members: Option<Vec<String>>,
    /// Member id → exclusion rule id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excluded_members: Option<BTreeMap<String, String>>,
    /// Per-capita monthly income.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_capita_income: Option<String>,
    /// Total monthly income.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_monthly_income: Option<String>,
    /// Whether an unverified value was used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub illustrative: Option<bool>,
    /// The case must be rejected with these problems.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<ExpectError>>,
}

/// Expectations for one program.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExpectProgram {
    /// Status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Amount (decimal string) or `null` for none; absent = not compared.
    #[serde(
        default,
        deserialize_with = "some_value",
        skip_serializing_if = "Option::is_none"
    )]
    pub amount: Option<serde_json::Value>,
    /// Rule id → passed (`true`, `false`, `null` undecided).
    #[serde(default)]
    pub checks: BTreeMap<String, Option<bool>>,
    /// Rule ids that must be among the review reasons.
    #[serde(default)]
    pub review_rules: Vec<String>,
}

fn some_value<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<serde_json::Value>, D::Error> {
    serde_json::Value::deserialize(d).map(Some)
}

/// An expected error.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExpectError {
    /// Error code.
    pub code: u32,
    /// Field path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

/// A loaded fixture file.
#[derive(Clone, Debug)]
pub struct LoadedFixture {
    /// Path.
    pub path: PathBuf,
    /// Content, or why it could not be read.
    pub case: Result<FixtureCase, String>,
}

/// Every `*.json` under `dir`, sorted by path.
pub fn load_dir(dir: &Path) -> Result<Vec<LoadedFixture>, String> {
    let mut paths = Vec::new();
    walk(dir, &mut paths).map_err(|e| format!("{}: {e}", dir.display()))?;
    paths.sort();
    Ok(paths
        .into_iter()
        .map(|p| {
            let case = std::fs::read_to_string(&p)
                .map_err(|e| e.to_string())
                .and_then(|t| {
                    case::decode::decode_value::<FixtureCase>(&t)
                        .map_err(|e| format!("not a fixture: {e}"))
                })
                .and_then(|c| check_meta(&c, &p).map(|()| c));
            LoadedFixture { path: p, case }
        })
        .collect())
}

fn check_meta(c: &FixtureCase, path: &Path) -> Result<(), String> {
    if c.citations.iter().all(|s| s.trim().is_empty()) {
        return Err("a fixture needs at least one citation".into());
    }
    if path.file_stem().and_then(|s| s.to_str()) != Some(c.id.as_str()) {
        return Err(format!("id `{}` must equal the file name", c.id));
    }
    Ok(())
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.is_dir() {
            walk(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
    Ok(())
}

/// Runs one fixture; `Ok(())` when every expectation holds (for `xfail`, when one fails).
pub fn run(engine: &Engine, fx: &FixtureCase) -> Result<(), String> {
    let result = run_active(engine, fx);
    match (fx.status, result) {
        (FixtureStatus::Active, r) => r,
        (FixtureStatus::Xfail, Ok(())) => Err("marked xfail but passed: remove the xfail".into()),
        (FixtureStatus::Xfail, Err(_)) => Ok(()),
    }
}

fn run_active(engine: &Engine, fx: &FixtureCase) -> Result<(), String> {
    let overrides: Vec<Override> = fx
        .policy_overrides
        .iter()
        .map(|o| Override {
            key: o.key.clone(),
            value: RawValue::from_json(&o.value),
            from: o.from,
            to: o.to,
            label: format!("fixture override ({})", fx.id),
        })
        .collect();
    let engine = engine
        .with_overrides(&overrides)
        .map_err(|e| format!("bad override: {e}"))?;
    let outcome =
        case::decode::decode_tree::<case::Case>(fx.input.clone()).and_then(|c| engine.evaluate(&c));
    compare(&fx.expect, outcome)
}

/// Compares an outcome (or error) with expectations; lists every mismatch.
pub fn compare(expect: &Expect, got: Result<Outcome, Error>) -> Result<(), String> {
    let mut bad = Vec::new();
    match (&expect.errors, got) {
        (Some(errs), Err(e)) => {
            for want in errs {
                let found = e.problems().iter().any(|p| {
                    p.code == want.code
                        && (want.path.is_none() || p.path.as_deref() == want.path.as_deref())
                });
                if !found {
                    bad.push(format!(
                        "expected error {} at {:?}; got {:?}",
                        want.code,
                        want.path,
                        e.problems()
                            .iter()
                            .map(|p| (p.code, p.path.clone()))
                            .collect::<Vec<_>>()
                    ));
                }
            }
        }
        (Some(_), Ok(_)) => {
            bad.push("expected the case to be rejected, but it was evaluated".into());
        }
        (None, Err(e)) => bad.push(format!("unexpected error: {e}")),
        (None, Ok(o)) => compare_outcome(expect, &o, &mut bad),
    }
    if bad.is_empty() {
        Ok(())
    } else {
        Err(bad.join("\n"))
    }
}

fn dec_eq(want: &str, got: Option<Decimal>) -> bool {
    match (want.parse::<Decimal>(), got) {
        (Ok(w), Some(g)) => w == crate::money::show(g).parse::<Decimal>().unwrap_or(g),
        _ => false,
    }
}

fn compare_outcome(expect: &Expect, o: &Outcome, bad: &mut Vec<String>) {
    for (p, want) in &expect.programs {
        let Some(got) = o.program(*p) else {
            bad.push(format!("{}: not in the outcome", p.as_str()));
            continue;
        };
        if let Some(s) = &want.status
            && got.status.as_str() != s
        {
            bad.push(format!(
                "{}: status {} != expected {s}; review: {:?}",
                p.as_str(),
                got.status.as_str(),
                got.review.iter().map(|r| r.rule).collect::<Vec<_>>()
            ));
        }
        if let Some(a) = &want.amount {
            let ok = match (a, got.amount) {
                (serde_json::Value::Null, None) => true,
                (serde_json::Value::String(s), Some(g)) => {
                    s.parse::<Decimal>().is_ok_and(|w| w == g)
                }
                _ => false,
            };
            if !ok {
                bad.push(format!(
                    "{}: amount {:?} != expected {a}",
                    p.as_str(),
                    got.amount.map(|d| d.to_string())
                ));
            }
        }
        for (rule, passed) in &want.checks {
            match got.check(rule) {
                None => bad.push(format!("{}: check {rule} not applied", p.as_str())),
                Some(c) if c.passed != *passed => {
                    bad.push(format!("{}: check {rule} passed={:?}, expected {passed:?} (observed {}, threshold {})", p.as_str(), c.passed, c.observed, c.threshold));
                }
                Some(_) => {}
            }
        }
        for rule in &want.review_rules {
            if !got.review.iter().any(|r| r.rule == rule) {
                bad.push(format!(
                    "{}: review reason {rule} missing (got {:?})",
                    p.as_str(),
                    got.review.iter().map(|r| r.rule).collect::<Vec<_>>()
                ));
            }
        }
        let _ = Status::Eligible;
    }
    if let Some(want) = &expect.counted_members {
        let mut w = want.clone();
        w.sort();
        let mut g: Vec<String> = o
            .household
            .counted
            .iter()
            .map(|m| m.member.clone())
            .collect();
        g.sort();
        if w != g {
            bad.push(format!("counted members {g:?} != expected {w:?}"));
        }
    }
    if let Some(want) = &expect.excluded_members {
        for (m, rule) in want {
            match o.household.excluded.iter().find(|d| &d.member == m) {
                Some(d) if d.rule == rule => {}
                Some(d) => bad.push(format!("member {m} excluded by {} not {rule}", d.rule)),
                None => bad.push(format!("member {m} not excluded")),
            }
        }
    }
    if let Some(w) = &expect.per_capita_income
        && !dec_eq(w, o.income.per_capita_monthly)
    {
        bad.push(format!(
            "per-capita income {:?} != expected {w}",
            o.income.per_capita_monthly.map(crate::money::show)
        ));
    }
    if let Some(w) = &expect.total_monthly_income
        && !dec_eq(w, o.income.total_monthly)
    {
        bad.push(format!(
            "total monthly income {:?} != expected {w}",
            o.income.total_monthly.map(crate::money::show)
        ));
    }
    if let Some(w) = expect.illustrative
        && o.illustrative != w
    {
        bad.push(format!("illustrative {} != expected {w}", o.illustrative));
    }
}
