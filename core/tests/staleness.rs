//! The staleness horizon (`policy.staleness_months`, docs/law/open-points.md §22): an
//! open-ended standard in force for more than the horizon is listed in the outcome as possibly
//! out of date, with a warning in both languages, and `policy check` warns; no decision
//! changes. Boundaries: exactly at the horizon (not stale) and one day past it (stale); a value
//! with an end date is never stale.
//!
//! The shipped Wuhan standard (urban 830.00 / rural 680.00 from 2020-04-01, open-ended,
//! policies/42/420100.toml) with the national horizon of 24 months: 2020-04-01 + 24 months =
//! 2022-04-01, the last day it is not stale; from 2022-04-02 it is.
//!
//! The outcome is read as JSON, the form callers see.

#![expect(clippy::expect_used, reason = "test code")]

use hedui_core::policy::adequacy::{self, Kind, Severity};
use hedui_core::{Engine, Override, PolicySet, RawValue};
use jiff::civil::Date;
use serde_json::Value;

fn pin(key: &str, value: RawValue) -> Override {
    Override {
        key: key.to_owned(),
        value,
        from: None,
        to: None,
        label: "test".to_owned(),
        region: None,
    }
}

/// One single urban adult with no income (per-capita 0.00), assessed for dibao.
fn case(region: &str, as_of: &str) -> String {
    format!(
        r#"{{
  "id": "stale-{region}-{as_of}",
  "region": "{region}",
  "as_of": "{as_of}",
  "residence": "urban",
  "programs": ["dibao"],
  "members": [{{"id": "m1", "relation": "self", "birth_date": "1975-02-20", "marital_status": "single"}}],
  "incomes": [],
  "assets": []
}}"#
    )
}

/// The engine over `set`, with the income window pinned (not a money figure, never stale).
fn engine(set: PolicySet, extra: &[Override]) -> Engine {
    let mut pins = vec![pin("income.lookback_months", RawValue::Int(6))];
    pins.extend_from_slice(extra);
    Engine::new(set).with_overrides(&pins).expect("overrides")
}

fn outcome(e: &Engine, region: &str, as_of: &str) -> Value {
    let o = e.evaluate_json(&case(region, as_of)).expect("evaluates");
    serde_json::from_str(&o.to_json()).expect("json")
}

fn stale_keys(o: &Value) -> Vec<String> {
    o.get("stale_parameters")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|s| s.get("key").and_then(Value::as_str).map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn stale_warning(o: &Value) -> Option<String> {
    o.get("warnings")?
        .as_array()?
        .iter()
        .filter_map(Value::as_str)
        .find(|w| w.contains("policy.staleness_months"))
        .map(str::to_owned)
}

fn dibao(o: &Value) -> (String, String) {
    let p = o
        .get("programs")
        .and_then(Value::as_array)
        .and_then(|a| {
            a.iter()
                .find(|p| p.get("program").and_then(Value::as_str) == Some("dibao"))
        })
        .expect("dibao result");
    let s = |k: &str| {
        p.get(k)
            .and_then(Value::as_str)
            .unwrap_or("null")
            .to_owned()
    };
    (s("status"), s("amount"))
}

fn embedded() -> PolicySet {
    PolicySet::embedded().expect("embedded policies")
}

#[test]
fn exactly_at_the_horizon_is_not_stale() {
    // 2020-04-01 + 24 months = 2022-04-01: still within the horizon.
    let o = outcome(&engine(embedded(), &[]), "420100", "2022-04-01");
    assert!(stale_keys(&o).is_empty(), "{:?}", stale_keys(&o));
    assert!(o.get("stale_parameters").is_none());
    assert_eq!(stale_warning(&o), None);
    // 0.00 per capita < 830.00 → eligible, 830.00 - 0.00 = 830.00.
    assert_eq!(dibao(&o), ("eligible".to_owned(), "830.00".to_owned()));
}

#[test]
fn one_day_past_the_horizon_is_stale_with_a_warning_in_both_languages() {
    let o = outcome(&engine(embedded(), &[]), "420100", "2022-04-02");
    assert_eq!(stale_keys(&o), vec!["dibao.standard.urban".to_owned()]);
    let s = o
        .get("stale_parameters")
        .and_then(|a| a.get(0))
        .expect("one stale entry");
    assert_eq!(s.get("value").and_then(Value::as_str), Some("830.00"));
    assert_eq!(s.get("region").and_then(Value::as_str), Some("420100"));
    assert_eq!(s.get("from").and_then(Value::as_str), Some("2020-04-01"));
    assert_eq!(s.get("horizon_months").and_then(Value::as_i64), Some(24));
    assert_eq!(
        s.get("stale_from").and_then(Value::as_str),
        Some("2022-04-02")
    );
    let w = stale_warning(&o).expect("a staleness warning");
    assert!(w.contains("可能依据了过时的数值"), "{w}");
    assert!(w.contains("may rest on an outdated value"), "{w}");
    assert!(w.contains("dibao.standard.urban = 830.00"), "{w}");
}

#[test]
fn staleness_never_changes_the_decision() {
    // The same case one day past the horizon, with and without a long horizon: identical
    // programs, and the staleness is only in the warning and the list.
    let stale = outcome(&engine(embedded(), &[]), "420100", "2022-04-02");
    let long = outcome(
        &engine(
            embedded(),
            &[pin("policy.staleness_months", RawValue::Int(240))],
        ),
        "420100",
        "2022-04-02",
    );
    assert!(stale_keys(&long).is_empty());
    assert_eq!(stale.get("programs"), long.get("programs"));
    assert_eq!(stale.get("illustrative"), long.get("illustrative"));
    assert_eq!(dibao(&stale), ("eligible".to_owned(), "830.00".to_owned()));
}

/// The embedded files plus a test province 990000 whose urban standard has an end date and
/// whose rural standard has none, both from 2000-01-01.
fn with_test_province() -> PolicySet {
    let mut files: Vec<(String, String)> = hedui_core::policy::embedded_files()
        .iter()
        .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
        .collect();
    files.push((
        "99/990000.toml".to_owned(),
        r#"
[region]
code = "990000"
name = "测试省"
name_en = "Test province"
parent = "000000"

[sources.t]
title = "test notice"
evidence = "N"

[[param]]
key = "dibao.standard.urban"
value = "900.00"
from = "2000-01-01"
to = "2030-01-01"
source = "t"
verified = false

[[param]]
key = "dibao.standard.rural"
value = "700.00"
from = "2000-01-01"
source = "t"
verified = false
"#
        .to_owned(),
    ));
    PolicySet::from_sources(files).expect("test set")
}

#[test]
fn a_value_with_an_end_date_is_never_stale() {
    // In force for almost 30 years, but it ends on 2030-01-01: not stale on its last day.
    let o = outcome(&engine(with_test_province(), &[]), "990000", "2029-12-31");
    assert!(stale_keys(&o).is_empty(), "{:?}", stale_keys(&o));
    assert_eq!(stale_warning(&o), None);
    assert_eq!(dibao(&o), ("eligible".to_owned(), "900.00".to_owned()));
}

#[test]
fn entry_boundaries() {
    let set = with_test_province();
    let r = set.region("990000").expect("region");
    let urban = &r.params["dibao.standard.urban"][0];
    let rural = &r.params["dibao.standard.rural"][0];
    let d = |s: &str| -> Date { s.parse().expect("date") };
    assert_eq!(urban.stale_from("dibao.standard.urban", 24), None);
    assert!(!urban.is_stale("dibao.standard.urban", d("2029-12-31"), 24));
    assert_eq!(
        rural.stale_from("dibao.standard.rural", 24),
        Some(d("2002-01-02"))
    );
    assert!(!rural.is_stale("dibao.standard.rural", d("2002-01-01"), 24));
    assert!(rural.is_stale("dibao.standard.rural", d("2002-01-02"), 24));
    // Only money standards and reference figures are subject to it.
    assert!(hedui_core::policy::value::staleness_applies(
        "dibao.standard.urban"
    ));
    assert!(hedui_core::policy::value::staleness_applies(
        "reference.per_capita_disposable_income"
    ));
    assert!(hedui_core::policy::value::staleness_applies(
        "price.cpi_yoy"
    ));
    assert!(!hedui_core::policy::value::staleness_applies(
        "reference.minimum_wage_tier"
    ));
    assert!(!hedui_core::policy::value::staleness_applies(
        "near_dibao.multiplier"
    ));
    assert!(!hedui_core::policy::value::staleness_applies(
        "policy.staleness_months"
    ));
}

#[test]
fn policy_check_warns_one_day_past_the_horizon() {
    let set = embedded();
    let d = |s: &str| -> Date { s.parse().expect("date") };
    let wuhan = |on: &str| -> Vec<adequacy::Finding> {
        adequacy::stale(&set, d(on))
            .into_iter()
            .filter(|f| f.region == "420100" && f.key.starts_with("dibao.standard."))
            .collect()
    };
    assert!(wuhan("2022-04-01").is_empty());
    let past = wuhan("2022-04-02");
    assert_eq!(past.len(), 2, "{past:?}");
    for f in &past {
        assert_eq!(f.kind, Kind::Stale);
        assert_eq!(f.severity, Severity::Warning);
        assert_eq!(f.from, d("2022-04-02"));
        assert!(f.en.contains("possibly out of date"), "{}", f.en);
        assert!(f.zh.contains("可能已过时"), "{}", f.zh);
    }
    // Never a value with an end date, nor an engine default.
    for f in adequacy::stale(&set, d("2026-12-08")) {
        let entries = &set.region(&f.region).expect("region").params[f.key];
        assert!(
            entries.iter().any(|e| e.to.is_none()
                && e.citation.evidence != "default"
                && e.stale_from(f.key, 24) == Some(f.from)),
            "{f:?}"
        );
    }
    // The full check includes them.
    assert!(
        adequacy::check_on(&set, d("2022-04-02"))
            .iter()
            .any(|f| f.kind == Kind::Stale && f.region == "420100")
    );
}
