//! Reforms: a labelled overlay of proposed values on the base policy, for what-if analysis.
//!
//! A reform file is TOML:
//!
//! ```toml
//! label = "提标 2027 proposal"
//! [[override]]
//! region = "360100"          # optional: this region and every region below it
//! key = "dibao.standard.urban"
//! value = "850.00"
//! from = "2027-01-01"        # optional, inclusive
//! to = "2028-01-01"          # optional, exclusive
//! ```
//!
//! The same shape as JSON (`{"label": …, "override": [...]}`, or just the array) is accepted
//! too; [`Reform::parse`] reads either, and is what the CLI, C and Python use. A malformed
//! reform, TOML or JSON, is a policy error (`policy_syntax` 100, `policy_shape` 101, a bad
//! date `policy_invalid` 200), never a case error. Values are validated like policy values
//! when the reform is applied ([`crate::Engine::with_reform`]); outcomes cite each value as
//! a proposal.

use jiff::civil::Date;
use serde::Deserialize;

use super::set::Override;
use super::value::RawValue;
use crate::error::{Error, ErrorKind, Problem};

/// A labelled list of proposed values.
#[derive(Clone, Debug, PartialEq)]
pub struct Reform {
    /// What the proposal is called; outcomes cite it as the values' source.
    pub label: String,
    /// The proposed values, each scoped to a region (or every region) and a period.
    pub overrides: Vec<Override>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, bound = "V: Deserialize<'de>")]
struct ReformDoc<V> {
    #[serde(default)]
    label: Option<String>,
    #[serde(rename = "override", default)]
    overrides: Vec<OverrideDoc<V>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, bound = "V: Deserialize<'de>")]
struct OverrideDoc<V> {
    #[serde(default)]
    region: Option<String>,
    key: String,
    value: V,
    #[serde(default)]
    from: Option<V>,
    #[serde(default)]
    to: Option<V>,
}

/// The label used when a reform does not name itself.
pub const DEFAULT_LABEL: &str = "proposal";

impl Reform {
    /// A reform of `overrides` called `label`.
    pub fn new(label: impl Into<String>, overrides: Vec<Override>) -> Self {
        let label = label.into();
        let overrides = overrides
            .into_iter()
            .map(|mut o| {
                o.label.clone_from(&label);
                o
            })
            .collect();
        Self { label, overrides }
    }

    /// Parses a reform, TOML or JSON: JSON when the text starts with `{`, `[{` or `[]`
    /// (leading whitespace ignored), else TOML. `name` (a file name, or `reform`) prefixes
    /// the paths of TOML problems.
    pub fn parse(name: &str, text: &str) -> Result<Self, Error> {
        if looks_like_json(text) {
            Self::from_json(text, None)
        } else {
            Self::from_toml(name, text)
        }
    }

    /// Parses a reform file. `name` prefixes problem paths (`reform.toml:3`); every bad date
    /// is reported with its path. Keys and values are checked when the reform is applied.
    pub fn from_toml(name: &str, text: &str) -> Result<Self, Error> {
        let doc: ReformDoc<toml::Value> = toml::from_str(text).map_err(|e| {
            let kind = if toml::from_str::<toml::Table>(text).is_err() {
                ErrorKind::PolicySyntax
            } else {
                ErrorKind::PolicyShape
            };
            let line = e
                .span()
                .map_or(0, |s| text.get(..s.start).map_or(0, |t| t.lines().count()));
            Error::at(kind, format!("{name}:{line}"), e.message().to_owned())
        })?;
        Self::from_doc(doc, None, RawValue::from_toml, super::load::date_of)
    }

    /// Parses the JSON form: an object `{"label"?, "override": [...]}` or a bare array of
    /// overrides. `label` names the reform when the JSON does not. Invalid JSON is
    /// `policy_syntax`; a wrong shape (unknown or missing field, wrong type) `policy_shape`,
    /// each problem with its path.
    pub fn from_json(json: &str, label: Option<&str>) -> Result<Self, Error> {
        let trimmed = json.trim_start();
        let doc: ReformDoc<serde_json::Value> = if trimmed.starts_with('[') {
            ReformDoc {
                label: None,
                overrides: crate::case::decode::decode_value(json)
                    .map_err(|e| as_policy_error(&e))?,
            }
        } else {
            crate::case::decode::decode_value(json).map_err(|e| as_policy_error(&e))?
        };
        Self::from_doc(doc, label, RawValue::from_json, |v| match v.as_str() {
            Some(s) => crate::calendar::parse_date(s).map_err(|e| e.to_string()),
            None => Err(crate::calendar::NOT_A_DATE.to_owned()),
        })
    }

    fn from_doc<V>(
        doc: ReformDoc<V>,
        label: Option<&str>,
        raw: impl Fn(&V) -> RawValue,
        date: impl Fn(&V) -> Result<Date, String>,
    ) -> Result<Self, Error> {
        let label = doc
            .label
            .or_else(|| label.map(str::to_owned))
            .filter(|l| !l.trim().is_empty())
            .unwrap_or_else(|| DEFAULT_LABEL.to_owned());
        let mut problems = Vec::new();
        let mut overrides = Vec::with_capacity(doc.overrides.len());
        for (i, o) in doc.overrides.into_iter().enumerate() {
            let mut day = |field: &str, v: Option<&V>| match v {
                None => None,
                Some(v) => match date(v) {
                    Ok(d) => Some(d),
                    Err(e) => {
                        problems.push(Problem::at(
                            ErrorKind::PolicyInvalid,
                            format!("override[{i}].{field}"),
                            e,
                        ));
                        None
                    }
                },
            };
            let from = day("from", o.from.as_ref());
            let to = day("to", o.to.as_ref());
            overrides.push(Override {
                key: o.key,
                value: raw(&o.value),
                from,
                to,
                label: label.clone(),
                region: o.region,
            });
        }
        if problems.is_empty() {
            Ok(Self { label, overrides })
        } else {
            Err(Error::from_problems(problems))
        }
    }
}

/// Whether reform text is JSON rather than TOML: it starts with `{`, `[{` or `[]`. (A TOML
/// document cannot start with `{`, and `[` followed by a name is a TOML table header.)
fn looks_like_json(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with('{')
        || t.strip_prefix('[')
            .is_some_and(|rest| rest.trim_start().starts_with(['{', ']']))
}

/// The JSON decoder's case kinds as the policy kinds a reform reports: invalid JSON is
/// `policy_syntax`, anything else about its shape `policy_shape`.
fn as_policy_error(e: &Error) -> Error {
    let problems = e
        .problems()
        .iter()
        .map(|p| {
            let kind = if p.kind == ErrorKind::CaseSyntax {
                ErrorKind::PolicySyntax
            } else {
                ErrorKind::PolicyShape
            };
            match &p.path {
                Some(path) => Problem::at(kind, path.clone(), p.message.clone()),
                None => Problem::bare(kind, p.message.clone()),
            }
        })
        .collect();
    Error::from_problems(problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_reform_reads_label_region_and_dates() {
        let r = Reform::from_toml(
            "r.toml",
            r#"
label = "提标 2027 proposal"
[[override]]
region = "360100"
key = "dibao.standard.urban"
value = "850.00"
from = "2027-01-01"
"#,
        )
        .unwrap();
        assert_eq!(r.label, "提标 2027 proposal");
        let o = &r.overrides[0];
        assert_eq!(o.region.as_deref(), Some("360100"));
        assert_eq!(o.value, RawValue::Str("850.00".into()));
        assert_eq!(o.from, Some(jiff::civil::date(2027, 1, 1)));
        assert_eq!(o.to, None);
        assert_eq!(o.label, r.label);
    }

    #[test]
    fn bad_dates_and_unknown_fields_are_reported_with_paths() {
        let e = Reform::from_toml(
            "r.toml",
            "[[override]]\nkey = \"dibao.standard.urban\"\nvalue = \"1\"\nfrom = \"2027-02-30\"\nto = 5\n",
        )
        .unwrap_err();
        let paths: Vec<_> = e.problems().iter().filter_map(|p| p.path.clone()).collect();
        assert_eq!(paths, ["override[0].from", "override[0].to"]);
        let e = Reform::from_toml(
            "r.toml",
            "[[override]]\nkey = \"k\"\nvalue = \"1\"\nzone = 1\n",
        )
        .unwrap_err();
        assert_eq!(e.primary().code(), ErrorKind::PolicyShape.code());
        let e = Reform::from_toml("r.toml", "label = ").unwrap_err();
        assert_eq!(e.primary().code(), ErrorKind::PolicySyntax.code());
    }

    #[test]
    fn json_array_or_object() {
        let a = Reform::from_json(
            r#"[{"region": "360100", "key": "dibao.standard.urban", "value": "850.00"}]"#,
            Some("A"),
        )
        .unwrap();
        assert_eq!(a.label, "A");
        let b = Reform::from_json(
            r#"{"label": "B", "override": [{"key": "dibao.standard.urban", "value": "850.00", "from": "2027-01-01"}]}"#,
            Some("A"),
        )
        .unwrap();
        assert_eq!(b.label, "B");
        assert_eq!(b.overrides[0].from, Some(jiff::civil::date(2027, 1, 1)));
        let e =
            Reform::from_json(r#"[{"key": "k", "value": "1", "from": "soon"}]"#, None).unwrap_err();
        assert_eq!(e.primary().path.as_deref(), Some("override[0].from"));
        assert_eq!(e.kind(), ErrorKind::PolicyInvalid);
    }

    #[test]
    fn parse_reads_toml_or_json() {
        let toml =
            "label = \"T\"\n[[override]]\nkey = \"dibao.standard.urban\"\nvalue = \"850.00\"\n";
        assert_eq!(Reform::parse("r.toml", toml).unwrap().label, "T");
        for json in [
            r#"{"label": "J", "override": [{"key": "dibao.standard.urban", "value": "850.00"}]}"#,
            r#"  [ {"key": "dibao.standard.urban", "value": "850.00"}]"#,
            "[]",
        ] {
            let r = Reform::parse("r", json).unwrap();
            assert_eq!(r.overrides.len(), usize::from(json != "[]"), "{json}");
        }
    }

    #[test]
    fn a_malformed_json_reform_is_a_policy_error() {
        // Not JSON: policy_syntax (100), as for TOML.
        for bad in [r#"{"override": ["#, r#"[{"key": "k", "value": }]"#, "{"] {
            let e = Reform::parse("r", bad).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::PolicySyntax, "{bad}: {e}");
            assert_eq!(e.code(), 100);
        }
        // JSON of the wrong shape: policy_shape (101) at the field, every problem.
        let e = Reform::parse(
            "r",
            r#"{"override": [{"key": "k", "value": "1", "zone": 1}, {"value": "1"}], "x": 1}"#,
        )
        .unwrap_err();
        assert!(
            e.problems()
                .iter()
                .all(|p| p.kind == ErrorKind::PolicyShape),
            "{e:?}"
        );
        assert_eq!(e.code(), 101);
        let paths: Vec<_> = e
            .problems()
            .iter()
            .filter_map(|p| p.path.as_deref())
            .collect();
        assert!(paths.contains(&"override[0].zone"), "{paths:?}");
        assert!(paths.contains(&"override[1].key"), "{paths:?}");
        let e = Reform::parse("r", r#"[{"key": 5, "value": "1"}]"#).unwrap_err();
        assert_eq!((e.code(), e.path()), (101, Some("[0].key")));
    }
}
