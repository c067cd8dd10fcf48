//! JSON Schemas generated from the Rust types, so the committed files cannot drift.

use crate::case::Case;
use crate::fixture::FixtureCase;
use crate::outcome::Outcome;

fn render<T: schemars::JsonSchema>(id: &str) -> String {
    let mut schema = schemars::schema_for!(T);
    schema.insert("$id".into(), serde_json::Value::String(id.into()));
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}

/// `hedui.case/1`: the household input.
pub fn household() -> String {
    render::<Case>("hedui.case/1")
}

/// `hedui.outcome/1`.
pub fn outcome() -> String {
    render::<Outcome>("hedui.outcome/1")
}

/// The fixture-case file format.
pub fn fixture() -> String {
    render::<FixtureCase>("hedui.fixture/1")
}

/// `(file name, schema)` for every schema in `fixtures/schema/`.
pub fn all() -> [(&'static str, String); 3] {
    [
        ("household.schema.json", household()),
        ("outcome.schema.json", outcome()),
        ("fixture.schema.json", fixture()),
    ]
}
