//! The committed JSON Schemas must equal the ones generated from the types, and every
//! example and fixture input must decode.

use std::path::Path;

#[test]
fn committed_schemas_match_the_types() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/schema");
    for (name, generated) in hedui_core::schema::all() {
        let committed = std::fs::read_to_string(dir.join(name)).unwrap_or_default();
        assert!(
            committed == generated,
            "fixtures/schema/{name} is stale: run `cargo run -p hedui-cli -- schema --write fixtures/schema`"
        );
    }
}

#[test]
fn examples_decode_and_evaluate() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/examples");
    let engine = hedui_core::Engine::embedded().unwrap();
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        engine.evaluate_json(&text).unwrap();
        n += 1;
    }
    assert!(n >= 3);
}

#[test]
fn embedded_policy_list_matches_the_directory() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../policies");
    let from_dir = hedui_core::PolicySet::from_dir(&root).unwrap();
    let embedded = hedui_core::PolicySet::embedded().unwrap();
    let a: Vec<_> = from_dir.regions().map(|r| r.code.clone()).collect();
    let b: Vec<_> = embedded.regions().map(|r| r.code.clone()).collect();
    assert_eq!(
        a, b,
        "policies/ and core/src/policy/embedded.rs list different files"
    );
}

/// `hedui_core::case::DATE_FIELDS` names exactly the household fields the schema marks as
/// dates, so the field lists the decoder and the Python front end use cannot drift.
#[test]
fn date_fields_are_the_schema_dates() {
    fn walk(v: &serde_json::Value, out: &mut std::collections::BTreeSet<String>) {
        match v {
            serde_json::Value::Object(m) => {
                if let Some(serde_json::Value::Object(props)) = m.get("properties") {
                    for (k, p) in props {
                        if p.get("format").and_then(|f| f.as_str()) == Some("date") {
                            out.insert(k.clone());
                        }
                    }
                }
                m.values().for_each(|x| walk(x, out));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let schema: serde_json::Value = serde_json::from_str(&hedui_core::schema::household()).unwrap();
    let mut dates = std::collections::BTreeSet::new();
    walk(&schema, &mut dates);
    let listed: std::collections::BTreeSet<String> = hedui_core::case::DATE_FIELDS
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    assert_eq!(dates, listed);
}
