//! Fixture cases: a household, its pinned parameters and the outcome the law gives, in one
//! JSON file (format in `fixtures/README.md`), and the comparison every runner uses.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::case::{self, Program};
use crate::engine::Engine;
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

crate::names::wire_names!(FixtureStatus, "fixture status", fixture_status_names;
    Active => "active",
    Xfail => "xfail",
);

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
    #[serde(deserialize_with = "crate::calendar::serde_date::optional")]
    #[schemars(with = "Option<String>")]
    pub from: Option<jiff::civil::Date>,
    /// End (exclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::calendar::serde_date::optional")]
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
    /// Per-person programs: expectations per member id.
    #[serde(default)]
    pub members: BTreeMap<String, ExpectMember>,
}

/// Expectations for one member in a per-person program (tekun, single-person dibao).
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExpectMember {
    /// Status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Amount (decimal string) or `null`; absent = not compared.
    #[serde(
        default,
        deserialize_with = "some_value",
        skip_serializing_if = "Option::is_none"
    )]
    pub amount: Option<serde_json::Value>,
    /// Self-care tier (`self_care`, `partial`, `complete`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub care_tier: Option<String>,
    /// Tekun: the month the first payment is due (`YYYY-MM`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_payment_month: Option<String>,
    /// Tekun: the month a termination takes effect (`YYYY-MM`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub termination_stops_from_month: Option<String>,
    /// For 单人保: the rule id of the route that admitted the member.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<String>,
    /// Rule id → passed.
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

/// The pinned values of a fixture, as engine overrides.
pub fn overrides(fx: &FixtureCase) -> Vec<Override> {
    fx.policy_overrides
        .iter()
        .map(|o| Override {
            key: o.key.clone(),
            value: RawValue::from_json(&o.value),
            from: o.from,
            to: o.to,
            label: format!("fixture override ({})", fx.id),
            region: None,
        })
        .collect()
}

/// The overrides as the JSON array the C and Python front ends accept.
pub fn overrides_json(fx: &FixtureCase) -> String {
    serde_json::to_string(&fx.policy_overrides).unwrap_or_else(|_| "[]".to_owned())
}

fn run_active(engine: &Engine, fx: &FixtureCase) -> Result<(), String> {
    let engine = engine
        .with_overrides(&overrides(fx))
        .map_err(|e| format!("bad override: {e}"))?;
    let got = match case::decode::decode_tree::<case::Case>(fx.input.clone())
        .and_then(|c| engine.evaluate(&c))
    {
        Ok(o) => serde_json::to_value(&o).map_err(|e| e.to_string())?,
        Err(e) => serde_json::to_value(&e).map_err(|e| e.to_string())?,
    };
    compare(&fx.expect, &got)
}

/// Checks one result produced by any front end (an outcome object, or an error object with
/// `code` and `problems`) against a fixture, honouring `xfail`.
pub fn check_result(fx: &FixtureCase, got: &serde_json::Value) -> Result<(), String> {
    match (fx.status, compare(&fx.expect, got)) {
        (FixtureStatus::Active, r) => r,
        (FixtureStatus::Xfail, Ok(())) => Err("marked xfail but passed: remove the xfail".into()),
        (FixtureStatus::Xfail, Err(_)) => Ok(()),
    }
}

fn is_error(v: &serde_json::Value) -> bool {
    v.get("format").is_none() && v.get("code").is_some()
}

fn dec(v: Option<&serde_json::Value>) -> Option<Decimal> {
    v?.as_str()?.parse().ok()
}

fn dec_eq(want: &str, got: Option<Decimal>) -> bool {
    matches!((want.parse::<Decimal>(), got), (Ok(w), Some(g)) if w == g)
}

/// Compares a result (outcome or error, as JSON) with expectations; lists every mismatch.
/// Money compares as exact decimals; messages are never compared.
pub fn compare(expect: &Expect, got: &serde_json::Value) -> Result<(), String> {
    let mut bad = Vec::new();
    match (&expect.errors, is_error(got)) {
        (Some(errs), true) => {
            let problems: Vec<(u64, Option<&str>)> = got
                .get("problems")
                .and_then(|p| p.as_array())
                .map(|a| {
                    a.iter()
                        .map(|p| {
                            (
                                p.get("code")
                                    .and_then(serde_json::Value::as_u64)
                                    .unwrap_or_default(),
                                p.get("path").and_then(|x| x.as_str()),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            for want in errs {
                let found = problems.iter().any(|(c, p)| {
                    *c == u64::from(want.code)
                        && (want.path.is_none() || *p == want.path.as_deref())
                });
                if !found {
                    bad.push(format!(
                        "expected error {} at {:?}; got {problems:?}",
                        want.code, want.path
                    ));
                }
            }
        }
        (Some(_), false) => {
            bad.push("expected the case to be rejected, but it was evaluated".into());
        }
        (None, true) => bad.push(format!(
            "unexpected error: {}",
            got.get("message").and_then(|m| m.as_str()).unwrap_or("?")
        )),
        (None, false) => compare_outcome(expect, got, &mut bad),
    }
    if bad.is_empty() {
        Ok(())
    } else {
        Err(bad.join("\n"))
    }
}

fn compare_result(
    label: &str,
    got: &serde_json::Value,
    status_want: Option<&String>,
    amount_want: Option<&serde_json::Value>,
    checks_want: &BTreeMap<String, Option<bool>>,
    review_want: &[String],
    bad: &mut Vec<String>,
) {
    let empty = Vec::new();
    let rules = |field: &str| -> Vec<&str> {
        got.get(field)
            .and_then(|x| x.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|r| r.get("rule").and_then(|x| x.as_str()))
                    .collect()
            })
            .unwrap_or_default()
    };
    let status = got
        .get("status")
        .and_then(|x| x.as_str())
        .unwrap_or_default();
    if let Some(s) = status_want
        && status != s
    {
        bad.push(format!(
            "{label}: status {status} != expected {s}; review: {:?}",
            rules("review")
        ));
    }
    if let Some(a) = amount_want {
        let g = got.get("amount");
        let ok = match (a, g) {
            (serde_json::Value::Null, None | Some(serde_json::Value::Null)) => true,
            (serde_json::Value::String(s), Some(serde_json::Value::String(gs))) => {
                matches!((s.parse::<Decimal>(), gs.parse::<Decimal>()), (Ok(w), Ok(g)) if w == g)
            }
            _ => false,
        };
        if !ok {
            bad.push(format!("{label}: amount {g:?} != expected {a}"));
        }
    }
    let checks = got
        .get("checks")
        .and_then(|x| x.as_array())
        .unwrap_or(&empty);
    for (rule, passed) in checks_want {
        match checks
            .iter()
            .find(|c| c.get("rule").and_then(|x| x.as_str()) == Some(rule))
        {
            None => bad.push(format!("{label}: check {rule} not applied")),
            Some(c) => {
                let got_passed = c.get("passed").and_then(serde_json::Value::as_bool);
                if got_passed != *passed {
                    bad.push(format!(
                        "{label}: check {rule} passed={got_passed:?}, expected {passed:?} (observed {}, threshold {})",
                        c.get("observed").unwrap_or(&serde_json::Value::Null),
                        c.get("threshold").unwrap_or(&serde_json::Value::Null)
                    ));
                }
            }
        }
    }
    let review = rules("review");
    for rule in review_want {
        if !review.contains(&rule.as_str()) {
            bad.push(format!(
                "{label}: review reason {rule} missing (got {review:?})"
            ));
        }
    }
}

fn compare_outcome(expect: &Expect, o: &serde_json::Value, bad: &mut Vec<String>) {
    let empty = Vec::new();
    let programs = o
        .get("programs")
        .and_then(|p| p.as_array())
        .unwrap_or(&empty);
    for (p, want) in &expect.programs {
        let Some(got) = programs
            .iter()
            .find(|g| g.get("program").and_then(|x| x.as_str()) == Some(p.as_str()))
        else {
            bad.push(format!("{}: not in the outcome", p.as_str()));
            continue;
        };
        let label = p.as_str().to_owned();
        compare_result(
            &label,
            got,
            want.status.as_ref(),
            want.amount.as_ref(),
            &want.checks,
            &want.review_rules,
            bad,
        );
        let empty_members = Vec::new();
        let got_members = got
            .get("members")
            .and_then(|x| x.as_array())
            .unwrap_or(&empty_members);
        for (id, wm) in &want.members {
            let label = format!("{}[{id}]", p.as_str());
            let Some(gm) = got_members
                .iter()
                .find(|m| m.get("member").and_then(|x| x.as_str()) == Some(id.as_str()))
            else {
                bad.push(format!("{label}: member not assessed"));
                continue;
            };
            compare_result(
                &label,
                gm,
                wm.status.as_ref(),
                wm.amount.as_ref(),
                &wm.checks,
                &wm.review_rules,
                bad,
            );
            // Text fields of the member's result: (expected, JSON pointer, what).
            let fields = [
                (&wm.care_tier, "/care_tier", "care tier"),
                (
                    &wm.first_payment_month,
                    "/first_payment_month",
                    "first payment month",
                ),
                (
                    &wm.termination_stops_from_month,
                    "/termination/stops_from_month",
                    "termination month",
                ),
                (&wm.route, "/route", "route"),
            ];
            for (want_text, pointer, what) in fields {
                if let Some(t) = want_text {
                    let g = gm.pointer(pointer).and_then(|x| x.as_str());
                    if g != Some(t.as_str()) {
                        bad.push(format!("{label}: {what} {g:?} != expected {t}"));
                    }
                }
            }
        }
    }
    let members = |field: &str| -> Vec<(String, String)> {
        o.pointer(&format!("/household/{field}"))
            .and_then(|x| x.as_array())
            .map(|a| {
                a.iter()
                    .map(|m| {
                        let s = |k: &str| {
                            m.get(k)
                                .and_then(|x| x.as_str())
                                .unwrap_or_default()
                                .to_owned()
                        };
                        (s("member"), s("rule"))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    if let Some(want) = &expect.counted_members {
        let mut w = want.clone();
        w.sort();
        let mut g: Vec<String> = members("counted").into_iter().map(|(m, _)| m).collect();
        g.sort();
        if w != g {
            bad.push(format!("counted members {g:?} != expected {w:?}"));
        }
    }
    if let Some(want) = &expect.excluded_members {
        let excluded = members("excluded");
        for (m, rule) in want {
            match excluded.iter().find(|(id, _)| id == m) {
                Some((_, r)) if r == rule => {}
                Some((_, r)) => bad.push(format!("member {m} excluded by {r} not {rule}")),
                None => bad.push(format!("member {m} not excluded")),
            }
        }
    }
    if let Some(w) = &expect.per_capita_income {
        let g = dec(o.pointer("/income/per_capita_monthly"));
        if !dec_eq(w, g) {
            bad.push(format!("per-capita income {g:?} != expected {w}"));
        }
    }
    if let Some(w) = &expect.total_monthly_income {
        let g = dec(o.pointer("/income/total_monthly"));
        if !dec_eq(w, g) {
            bad.push(format!("total monthly income {g:?} != expected {w}"));
        }
    }
    if let Some(w) = expect.illustrative {
        let g = o.get("illustrative").and_then(serde_json::Value::as_bool);
        if g != Some(w) {
            bad.push(format!("illustrative {g:?} != expected {w}"));
        }
    }
}
