//! Parameter values and their provenance.

use std::fmt;
use std::sync::Arc;

use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::Serialize;

use super::registry::ParamType;

/// A typed parameter value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum ParamValue {
    /// Money or a ratio.
    #[serde(with = "rust_decimal::serde::str")]
    #[schemars(with = "String")]
    Decimal(Decimal),
    /// A count.
    Int(i64),
    /// A switch.
    Bool(bool),
    /// One choice.
    Text(String),
    /// A list of choices.
    List(Vec<String>),
}

impl fmt::Display for ParamValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParamValue::Decimal(d) => write!(f, "{d}"),
            ParamValue::Int(i) => write!(f, "{i}"),
            ParamValue::Bool(b) => write!(f, "{b}"),
            ParamValue::Text(s) => f.write_str(s),
            ParamValue::List(v) => write!(f, "[{}]", v.join(", ")),
        }
    }
}

impl ParamValue {
    /// Converts a TOML or JSON-like raw value to the registered type.
    pub fn parse(ty: ParamType, raw: &RawValue) -> Result<Self, String> {
        match (ty, raw) {
            (ParamType::Money, RawValue::Str(s)) => {
                let d: Decimal = s
                    .parse()
                    .map_err(|_| format!("`{s}` is not a decimal amount"))?;
                if d.is_sign_negative() && !d.is_zero() {
                    return Err("amount is negative".into());
                }
                if d.normalize().scale() > 2 {
                    return Err("amount has more than two decimal places".into());
                }
                Ok(ParamValue::Decimal(d))
            }
            (ParamType::Ratio, RawValue::Str(s)) => {
                let d: Decimal = s.parse().map_err(|_| format!("`{s}` is not a decimal"))?;
                if d.is_sign_negative() && !d.is_zero() {
                    return Err("value is negative".into());
                }
                Ok(ParamValue::Decimal(d))
            }
            (ParamType::Signed, RawValue::Str(s)) => {
                let d: Decimal = s.parse().map_err(|_| format!("`{s}` is not a decimal"))?;
                Ok(ParamValue::Decimal(d))
            }
            (ParamType::Money | ParamType::Ratio | ParamType::Signed, _) => {
                Err("expected a decimal string such as \"850.00\" (never a float)".into())
            }
            (ParamType::Int { min, max }, RawValue::Int(i)) => {
                if (min..=max).contains(i) {
                    Ok(ParamValue::Int(*i))
                } else {
                    Err(format!("{i} is outside {min}..={max}"))
                }
            }
            (ParamType::Int { .. }, _) => Err("expected an integer".into()),
            (ParamType::Bool, RawValue::Bool(b)) => Ok(ParamValue::Bool(*b)),
            (ParamType::Bool, _) => Err("expected true or false".into()),
            (ParamType::Choice(allowed), RawValue::Str(s)) => {
                if allowed.contains(&s.as_str()) {
                    Ok(ParamValue::Text(s.clone()))
                } else {
                    Err(format!("`{s}` is not one of: {}", allowed.join(", ")))
                }
            }
            (ParamType::Choice(_), _) => Err("expected a string".into()),
            (ParamType::List(allowed), RawValue::List(items)) => {
                let mut out = Vec::new();
                for it in items {
                    let RawValue::Str(s) = it else {
                        return Err("list items must be strings".into());
                    };
                    // An empty choice list takes the locality's own codes.
                    if allowed.is_empty() && s.trim().is_empty() {
                        return Err("list items must not be empty".into());
                    }
                    if !allowed.is_empty() && !allowed.contains(&s.as_str()) {
                        return Err(format!("`{s}` is not one of: {}", allowed.join(", ")));
                    }
                    out.push(s.clone());
                }
                Ok(ParamValue::List(out))
            }
            (ParamType::List(_), _) => Err("expected a list of strings".into()),
        }
    }

    /// The decimal, if this is money or a ratio.
    pub fn decimal(&self) -> Option<Decimal> {
        match self {
            ParamValue::Decimal(d) => Some(*d),
            _ => None,
        }
    }
}

/// A value as written, before typing.
#[derive(Clone, Debug, PartialEq)]
pub enum RawValue {
    /// String.
    Str(String),
    /// Integer.
    Int(i64),
    /// A number with a fraction or an exponent: always rejected (money and ratios are
    /// decimal strings), so its value is not kept.
    Float,
    /// Boolean.
    Bool(bool),
    /// Array.
    List(Vec<RawValue>),
    /// Anything else.
    Other,
}

impl RawValue {
    /// From TOML.
    pub fn from_toml(v: &toml::Value) -> Self {
        match v {
            toml::Value::String(s) => RawValue::Str(s.clone()),
            toml::Value::Integer(i) => RawValue::Int(*i),
            toml::Value::Float(_) => RawValue::Float,
            toml::Value::Boolean(b) => RawValue::Bool(*b),
            toml::Value::Array(a) => RawValue::List(a.iter().map(Self::from_toml).collect()),
            _ => RawValue::Other,
        }
    }

    /// From JSON.
    pub fn from_json(v: &serde_json::Value) -> Self {
        match v {
            serde_json::Value::String(s) => RawValue::Str(s.clone()),
            serde_json::Value::Number(n) => match n.as_i64() {
                Some(i) => RawValue::Int(i),
                None => RawValue::Float,
            },
            serde_json::Value::Bool(b) => RawValue::Bool(*b),
            serde_json::Value::Array(a) => RawValue::List(a.iter().map(Self::from_json).collect()),
            _ => RawValue::Other,
        }
    }
}

/// Where a value comes from: the document, article and whether anyone checked it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Citation {
    /// Document title.
    pub title: String,
    /// Document number (文号), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Article, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    /// Issuing body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// Where it was read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Evidence tag: `P` primary text, `O` official summary, `N` secondary, `R` unconfirmed
    /// recollection, `default` an engine default for an open point, `override` a value
    /// pinned by a fixture, `proposal` a proposed value from a reform (not in force).
    pub evidence: String,
    /// Whether the value was checked against a primary text.
    pub verified: bool,
    /// Free note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Citation {
    /// One-line form for reports.
    pub fn short(&self) -> String {
        let mut s = self.title.clone();
        if let Some(n) = &self.number {
            s.push('(');
            s.push_str(n);
            s.push(')');
        }
        if let Some(a) = &self.article {
            s.push(' ');
            s.push_str(a);
        }
        s
    }
}

/// One effective-dated value of a parameter in one region.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The value.
    pub value: ParamValue,
    /// First day in force.
    pub from: Date,
    /// First day no longer in force (half-open), if it ends.
    pub to: Option<Date>,
    /// Region code that set it (an override's scope, or `override` / `proposal` for one
    /// that applies everywhere).
    pub region: Arc<str>,
    /// File it was read from.
    pub file: Arc<str>,
    /// Its citation.
    pub citation: Arc<Citation>,
}

impl Entry {
    /// Whether the entry is in force on `d`.
    pub fn covers(&self, d: Date) -> bool {
        self.from <= d && self.to.is_none_or(|t| d < t)
    }

    /// Whether two entries' periods overlap.
    pub fn overlaps(&self, other: &Entry) -> bool {
        let a_end = self.to.unwrap_or(Date::MAX);
        let b_end = other.to.unwrap_or(Date::MAX);
        self.from < b_end && other.from < a_end
    }
}

/// Whether the staleness horizon (`policy.staleness_months`) applies to `key`: every money
/// parameter (dibao, tekun and care standards, relief and subsidy amounts, asset limits,
/// reference wages and incomes), the other reference figures (`reference.*`, except the
/// minimum-wage tier, which is a classification, not a figure) and the price indices
/// (`price.cpi_yoy`, `price.food_cpi_yoy`). Counts, switches, choices and ratios are rules,
/// not figures revised every year, and never go stale.
pub fn staleness_applies(key: &str) -> bool {
    let Some(spec) = super::registry::spec(key) else {
        return false;
    };
    match spec.ty {
        ParamType::Money => true,
        ParamType::Int { .. } | ParamType::Bool | ParamType::Choice(_) | ParamType::List(_) => {
            false
        }
        ParamType::Ratio | ParamType::Signed => {
            key.starts_with("reference.") || key.starts_with("price.")
        }
    }
}

/// Evidence tags whose values are never stale: the engine's stated defaults (not a figure a
/// locality revises), and values pinned by a fixture or proposed by a reform.
const NEVER_STALE: [&str; 3] = ["default", "override", "proposal"];

impl Entry {
    /// The first day on which this entry counts as possibly out of date under a horizon of
    /// `months`: the day after `from` + `months` (calendar months; a day that does not exist
    /// in the target month is the month's last day). `None` when the entry can never be
    /// stale: it has an end (`to`), it has no start (`from` unbounded), it is an engine
    /// default, an override or a proposal, or its key is not one [`staleness_applies`] to.
    pub fn stale_from(&self, key: &str, months: i64) -> Option<Date> {
        if self.to.is_some()
            || self.from == Date::MIN
            || NEVER_STALE.contains(&self.citation.evidence.as_str())
            || !staleness_applies(key)
        {
            return None;
        }
        let horizon = self
            .from
            .checked_add(jiff::Span::new().try_months(months).ok()?)
            .ok()?;
        horizon.tomorrow().ok()
    }

    /// Whether the entry is possibly out of date on `on`: open-ended and in force for more
    /// than `months` months. On the day exactly `months` months after `from` it is not yet
    /// stale; the next day it is.
    pub fn is_stale(&self, key: &str, on: Date, months: i64) -> bool {
        self.stale_from(key, months).is_some_and(|d| on >= d)
    }
}
