//! The decision-only mode must give exactly the decision fields of the full outcome: on every
//! fixture case (as written and with every program asked for) and on generated households.
#![expect(clippy::unwrap_used, reason = "test code")]

mod common;

use std::path::Path;

use hedui_core::case::decode::decode_tree;
use hedui_core::fixture;
use hedui_core::{Case, Decision, Engine, Program, error_json};
use proptest::prelude::*;
use serde_json::Value;

/// Both modes on one case: same decision, or the same error.
fn agree(engine: &Engine, input: &Value) -> Result<(), String> {
    let Ok(case) = decode_tree::<Case>(input.clone()) else {
        return Ok(());
    };
    match (engine.evaluate(&case), engine.evaluate_decision(&case)) {
        (Ok(o), Ok(d)) if Decision::of_outcome(&o) == d => Ok(()),
        (Ok(o), Ok(d)) => Err(format!(
            "full {:?}\ndecision {d:?}",
            Decision::of_outcome(&o)
        )),
        (Err(a), Err(b)) if error_json(&a) == error_json(&b) => Ok(()),
        (a, b) => Err(format!("full {:?}\ndecision {:?}", a.map(|_| ()), b)),
    }
}

fn all_programs(input: &Value) -> Value {
    let mut v = input.clone();
    if let Some(o) = v.as_object_mut() {
        let all: Vec<Value> = Program::ALL
            .iter()
            .map(|p| serde_json::to_value(p).unwrap())
            .collect();
        o.insert("programs".into(), Value::Array(all));
    }
    v
}

#[test]
fn decision_matches_outcome_on_every_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/cases");
    let base = Engine::embedded().unwrap();
    let loaded = fixture::load_dir(&root).expect("fixtures/cases is readable");
    assert!(loaded.len() >= 60);
    let mut failures = Vec::new();
    for f in loaded {
        let Ok(fx) = f.case else { continue };
        let Ok(engine) = base.with_overrides(&fixture::overrides(&fx)) else {
            continue;
        };
        for input in [fx.input.clone(), all_programs(&fx.input)] {
            if let Err(e) = agree(&engine, &input) {
                failures.push(format!("{}: {e}", f.path.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 20_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn decision_matches_outcome_on_generated_households(
        h in common::household(),
        every_program in any::<bool>(),
        pinned in any::<bool>(),
    ) {
        thread_local! { static BASE: Engine = Engine::embedded().unwrap(); }
        // Pinned: the differential test's overrides; otherwise the embedded Nanchang policy.
        let engine = BASE.with(|b| if pinned { common::engine(b, &h) } else { b.clone() });
        let mut input = common::case_json(&h);
        if every_program {
            input = all_programs(&input);
        }
        let r = agree(&engine, &input);
        prop_assert!(r.is_ok(), "{}", r.err().unwrap_or_default());
    }
}
