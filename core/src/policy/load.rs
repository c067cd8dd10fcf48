//! Reading policy files (TOML) into regions, collecting every problem.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

use jiff::civil::Date;
use serde::Deserialize;

use super::registry;
use super::value::{Citation, Entry, ParamValue, RawValue};
use crate::error::{ErrorKind, Problem};

/// Administrative level of a region.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// 000000.
    National,
    /// 省级.
    Province,
    /// 地级市.
    City,
    /// 县级.
    County,
}

impl Level {
    /// The level a six-digit code denotes.
    pub fn of(code: &str) -> Option<Level> {
        if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(if code == "000000" {
            Level::National
        } else if code.ends_with("0000") {
            Level::Province
        } else if code.ends_with("00") {
            Level::City
        } else {
            Level::County
        })
    }

    /// Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            Level::National => "国家",
            Level::Province => "省级",
            Level::City => "市级",
            Level::County => "县级",
        }
    }
}

/// The structural parent of a code (`360102` → `360100` → `360000` → `000000`).
pub fn parent_code(code: &str) -> Option<String> {
    match Level::of(code)? {
        Level::National => None,
        Level::Province => Some("000000".to_owned()),
        Level::City => Some(format!("{}0000", code.get(..2)?)),
        Level::County => Some(format!("{}00", code.get(..4)?)),
    }
}

/// One region's policy, as loaded.
#[derive(Clone, Debug)]
pub struct Region {
    /// GB/T 2260 code.
    pub code: String,
    /// Chinese name.
    pub name: String,
    /// English name.
    pub name_en: String,
    /// Level.
    pub level: Level,
    /// File it came from.
    pub file: Arc<str>,
    /// Values per key, sorted by `from`.
    pub params: HashMap<&'static str, Vec<Entry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDoc {
    region: RegionDoc,
    #[serde(default)]
    sources: BTreeMap<String, SourceDoc>,
    #[serde(default)]
    param: Vec<ParamDoc>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegionDoc {
    code: String,
    name: String,
    name_en: String,
    #[serde(default)]
    parent: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceDoc {
    title: String,
    #[serde(default)]
    number: Option<String>,
    #[serde(default)]
    issuer: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    date: Option<String>,
    evidence: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ParamDoc {
    key: String,
    value: toml::Value,
    from: toml::Value,
    #[serde(default)]
    to: Option<toml::Value>,
    source: String,
    #[serde(default)]
    article: Option<String>,
    verified: bool,
    #[serde(default)]
    note: Option<String>,
}

const EVIDENCE: &[&str] = &["P", "O", "N", "R", "default"];

/// A date in a policy or reform file: a `YYYY-MM-DD` string or TOML date, read by
/// [`crate::calendar::parse_date`]; the error is its message.
pub(crate) fn date_of(v: &toml::Value) -> Result<Date, String> {
    match v {
        toml::Value::String(s) => crate::calendar::parse_date(s).map_err(|e| e.to_string()),
        toml::Value::Datetime(dt) => {
            crate::calendar::parse_date(&dt.to_string()).map_err(|e| e.to_string())
        }
        _ => Err(crate::calendar::NOT_A_DATE.to_owned()),
    }
}

/// Parses one policy file; `name` is used in problem paths.
pub fn parse_file(name: &str, text: &str) -> Result<Region, Vec<Problem>> {
    let doc: FileDoc = match toml::from_str(text) {
        Ok(d) => d,
        Err(e) => {
            let kind = if toml::from_str::<toml::Table>(text).is_err() {
                ErrorKind::PolicySyntax
            } else {
                ErrorKind::PolicyShape
            };
            let msg = e.message().to_owned();
            let line = e
                .span()
                .map_or(0, |s| text.get(..s.start).map_or(0, |t| t.lines().count()));
            return Err(vec![Problem::at(kind, format!("{name}:{line}"), msg)]);
        }
    };
    let mut problems = Vec::new();
    let file: Arc<str> = Arc::from(name);
    let code = doc.region.code.clone();
    let Some(level) = Level::of(&code) else {
        return Err(vec![Problem::at(
            ErrorKind::PolicyInvalid,
            format!("{name}:region.code"),
            format!("`{code}` is not a six-digit GB/T 2260 code"),
        )]);
    };
    let expected_parent = parent_code(&code);
    if doc.region.parent != expected_parent {
        problems.push(Problem::at(
            ErrorKind::PolicyChain,
            format!("{name}:region.parent"),
            format!(
                "parent of `{code}` must be {}",
                expected_parent
                    .as_deref()
                    .map_or("absent".to_owned(), |p| format!("`{p}`"))
            ),
        ));
    }
    for (id, s) in &doc.sources {
        if !EVIDENCE.contains(&s.evidence.as_str()) {
            problems.push(Problem::at(
                ErrorKind::PolicyCitation,
                format!("{name}:sources.{id}.evidence"),
                format!("evidence must be one of {}", EVIDENCE.join(", ")),
            ));
        }
        if s.title.trim().is_empty() {
            problems.push(Problem::at(
                ErrorKind::PolicyCitation,
                format!("{name}:sources.{id}.title"),
                "a source needs a title",
            ));
        }
        if let Some(d) = &s.date
            && let Err(e) = crate::calendar::parse_date(d)
        {
            problems.push(Problem::at(
                ErrorKind::PolicyInvalid,
                format!("{name}:sources.{id}.date"),
                e.to_string(),
            ));
        }
    }
    let mut params: HashMap<&'static str, Vec<Entry>> = HashMap::default();
    for (i, p) in doc.param.iter().enumerate() {
        let at = |f: &str| format!("{name}:param[{i}].{f}");
        let Some(spec) = registry::spec(&p.key) else {
            problems.push(Problem::at(
                ErrorKind::PolicyInvalid,
                at("key"),
                format!("unknown parameter `{}`", p.key),
            ));
            continue;
        };
        let value = match ParamValue::parse(spec.ty, &RawValue::from_toml(&p.value)) {
            Ok(v) => v,
            Err(msg) => {
                problems.push(Problem::at(ErrorKind::PolicyInvalid, at("value"), msg));
                continue;
            }
        };
        let from = match date_of(&p.from) {
            Ok(d) => d,
            Err(e) => {
                problems.push(Problem::at(ErrorKind::PolicyInvalid, at("from"), e));
                continue;
            }
        };
        let to = match &p.to {
            None => None,
            Some(v) => match date_of(v) {
                Ok(d) => Some(d),
                Err(e) => {
                    problems.push(Problem::at(ErrorKind::PolicyInvalid, at("to"), e));
                    continue;
                }
            },
        };
        if to.is_some_and(|t| t <= from) {
            problems.push(Problem::at(
                ErrorKind::PolicyInvalid,
                at("to"),
                "`to` must be after `from` (periods are half-open)",
            ));
            continue;
        }
        let Some(src) = doc.sources.get(&p.source) else {
            problems.push(Problem::at(
                ErrorKind::PolicyCitation,
                at("source"),
                format!("source `{}` is not defined in [sources]", p.source),
            ));
            continue;
        };
        if p.verified && src.evidence != "P" {
            problems.push(Problem::at(
                ErrorKind::PolicyCitation,
                at("verified"),
                "only a value read in a primary text (evidence P) can be verified",
            ));
        }
        let citation = Arc::new(Citation {
            title: src.title.clone(),
            number: src.number.clone(),
            article: p.article.clone(),
            issuer: src.issuer.clone(),
            url: src.url.clone(),
            evidence: src.evidence.clone(),
            verified: p.verified,
            note: p.note.clone(),
        });
        let entry = Entry {
            value,
            from,
            to,
            region: Arc::from(code.as_str()),
            file: file.clone(),
            citation,
        };
        let list = params.entry(spec.key).or_default();
        if let Some(clash) = list.iter().find(|e| e.overlaps(&entry)) {
            problems.push(Problem::at(
                ErrorKind::PolicyOverlap,
                at("from"),
                format!(
                    "`{}` from {} overlaps the period from {} set earlier in this file",
                    spec.key, entry.from, clash.from
                ),
            ));
            continue;
        }
        list.push(entry);
    }
    for list in params.values_mut() {
        list.sort_by_key(|e| e.from);
    }
    if problems.is_empty() {
        Ok(Region {
            code,
            name: doc.region.name,
            name_en: doc.region.name_en,
            level,
            file,
            params,
        })
    } else {
        Err(problems)
    }
}
