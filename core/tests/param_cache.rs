//! The engine caches each region's resolution table: every parameter an outcome cites must
//! equal the uncached resolution (`effective_parameters`) for its region and date, under
//! plain policies, pinned overrides and a scoped reform, and an engine derived with other
//! overrides must never see its base's cached values (nor the base its).
#![expect(clippy::unwrap_used, reason = "test code")]

use hedui_core::{Case, Engine, Override, RawValue, Reform};
use serde_json::json;

const TWO_LEVELS: &str = r#"
label = "两级提标"
[[override]]
region = "360000"
key = "dibao.standard.urban"
value = "900.00"
from = "2027-01-01"
[[override]]
region = "360100"
key = "dibao.standard.urban"
value = "850.00"
from = "2027-01-01"
"#;

fn case(region: &str, as_of: &str) -> Case {
    serde_json::from_value(json!({
        "id": "cache", "region": region, "as_of": as_of, "residence": "urban",
        "programs": ["dibao", "near_dibao", "tekun", "single_person", "temporary_relief",
                     "rigid_expenditure", "price_subsidy"],
        "members": [{"id": "m1", "relation": "self", "birth_date": "1950-02-03"},
                    {"id": "m2", "relation": "child", "birth_date": "2015-06-01"}]
    }))
    .unwrap()
}

fn regions(e: &Engine) -> Vec<String> {
    let mut codes: Vec<String> = e.policies().regions().map(|r| r.code.clone()).collect();
    // Codes with no file of their own resolve through their city or province.
    codes.extend(["360102", "360200", "420111"].map(str::to_owned));
    codes
}

const DATES: [&str; 4] = ["2020-01-01", "2026-06-30", "2026-11-15", "2027-03-01"];

/// Every cited parameter equals the uncached resolution; returns the outcomes as JSON.
fn check(e: &Engine) -> Vec<String> {
    let mut out = Vec::new();
    for code in regions(e) {
        for on in DATES {
            let Ok(o) = e.evaluate(&case(&code, on)) else {
                continue;
            };
            let all = e.effective_parameters(&code, on.parse().unwrap()).unwrap();
            for p in &o.parameters {
                let want = all.iter().find(|a| a.key == p.key).unwrap();
                assert_eq!(
                    serde_json::to_string(p).unwrap(),
                    serde_json::to_string(want).unwrap(),
                    "{code} {on}"
                );
            }
            out.push(serde_json::to_string(&o).unwrap());
        }
    }
    out
}

#[test]
fn cached_resolution_equals_uncached_and_engines_do_not_share_it() {
    let base = Engine::embedded().unwrap();
    let before = check(&base);
    assert_eq!(before.len(), regions(&base).len() * DATES.len());
    let reform = base
        .with_reform(&Reform::from_toml("reform.toml", TWO_LEVELS).unwrap())
        .unwrap();
    let reformed = check(&reform);
    let pinned = base
        .with_overrides(&[Override {
            key: "dibao.standard.urban".into(),
            value: RawValue::Str("777.00".into()),
            from: None,
            to: None,
            label: "pinned".into(),
            region: Some("360000".into()),
        }])
        .unwrap();
    let pinned_out = check(&pinned);
    assert_ne!(before, reformed);
    assert_ne!(before, pinned_out);
    assert_ne!(reformed, pinned_out);
    // The base, asked again after its derived engines filled their caches, is unchanged;
    // so is a clone, which shares the base's cache.
    assert_eq!(check(&base), before);
    assert_eq!(check(&base.clone()), before);
}
