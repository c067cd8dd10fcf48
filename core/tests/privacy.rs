//! No output, error or report carries a full identity number, or a name or phone number put
//! into the input, except fields the caller asks to echo (the case and member ids).
#![expect(clippy::unwrap_used, reason = "test code")]

use std::path::Path;

use hedui_core::fixture;
use hedui_core::report::{self, Lang};
use hedui_core::{Engine, error_json};

/// A valid 身份证号 for a 1980-01-01 birth (GB 11643 check digit computed).
fn id_for(birth: &str) -> String {
    let first17 = format!("360102{}123", birth.replace('-', ""));
    let c = hedui_core::case::id_number::check_char(first17.as_bytes()).unwrap() as char;
    format!("{first17}{c}")
}

#[test]
fn identity_numbers_never_leave_the_engine() {
    let engine = Engine::embedded().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/cases");
    let mut checked = 0;
    for lf in fixture::load_dir(&root).unwrap() {
        let Ok(fx) = lf.case else { continue };
        let mut input = fx.input.clone();
        let Some(members) = input.get_mut("members").and_then(|m| m.as_array_mut()) else {
            continue;
        };
        let mut ids = Vec::new();
        for m in members.iter_mut() {
            if let Some(b) = m
                .get("birth_date")
                .and_then(|b| b.as_str())
                .map(str::to_owned)
                && b.len() == 10
                && m.get("id_number").is_none()
            {
                let id = id_for(&b);
                m["id_number"] = serde_json::Value::String(id.clone());
                ids.push(id);
            }
        }
        let e = engine.with_overrides(&fixture::overrides(&fx)).unwrap();
        let text = serde_json::to_string(&input).unwrap();
        let shown = match e.evaluate_json(&text) {
            Ok(o) => format!(
                "{}{}{}{o:?}",
                o.to_json(),
                report::render(&o, Lang::Zh),
                report::render(&o, Lang::En)
            ),
            Err(err) => format!("{err}{err:?}{}", error_json(&err)),
        };
        for id in &ids {
            assert!(
                !shown.contains(id.as_str()),
                "{}: identity number leaked",
                fx.id
            );
        }
        checked += 1;
    }
    assert!(checked > 200, "only {checked} cases checked");
}

#[test]
fn names_and_phone_numbers_in_wrong_fields_are_not_echoed() {
    let engine = Engine::embedded().unwrap();
    let secrets = ["张三丰", "13812345678", "110105194912310021"];
    let inputs = [
        r#"{"id":"p","region":"360100","as_of":"2026-11-01","residence":"urban","members":[{"id":"m1","relation":"张三丰","birth_date":"1980-01-01"}]}"#,
        r#"{"id":"p","region":"360100","as_of":"2026-11-01","residence":"13812345678","members":[{"id":"m1","relation":"self","birth_date":"1980-01-01"}]}"#,
        r#"{"id":"p","region":"360100","as_of":"2026-11-01","residence":"urban","members":[{"id":"m1","relation":"self","birth_date":"张三丰"}]}"#,
        r#"{"id":"p","region":"360100","as_of":"2026-11-01","residence":"urban","members":[{"id":"m1","relation":"self","birth_date":"1980-01-01","id_number":110105194912310021}]}"#,
        r#"{"id":"p","region":"360100","as_of":"2026-11-01","residence":"urban","members":[{"id":"m1","relation":"self","birth_date":"1980-01-01","id_number":"110105194912310021"}]}"#,
        r#"{"id":"p","region":"360100","as_of":"2026-11-01","residence":"urban","members":[{"id":"m1","relation":"self","birth_date":"1980-01-01","disability":{"category":"physical","grade":"13812345678"}}]}"#,
        r#"{"id":"p","region":"360100","as_of":"2026-11-01","residence":"urban","members":[{"id":"m1","relation":"self","birth_date":"1980-01-01"}],"incomes":[{"member":"m1","category":"wage","amount":"张三丰","period":{"start":"2026-01-01","end":"2026-01-31"},"source":"declared"}]}"#,
    ];
    for input in inputs {
        let err = engine.evaluate_json(input).unwrap_err();
        let shown = format!("{err}{err:?}{}", error_json(&err));
        for s in secrets {
            assert!(!shown.contains(s), "{s} echoed for input {input}: {shown}");
        }
    }
}
