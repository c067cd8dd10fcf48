//! Conversions between Python values and the JSON boundary of the core.
//!
//! Input: a `dict` case becomes a `serde_json::Value` with money as strings and dates as
//! `YYYY-MM-DD`. `decimal.Decimal`, `str` and `int` are accepted for money and
//! `datetime.date` or `str` for dates; a `float` is refused (code 301, with the field path)
//! before anything is serialized, because a binary float cannot hold most fen amounts.
//!
//! Output: outcome JSON becomes `dict`s with money as `decimal.Decimal` and dates as
//! `datetime.date`, chosen by field name.

use hedui_core::{ErrorKind, Problem};
use jiff::civil::Date;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{
    PyBool, PyDate, PyDateAccess, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple,
};
use rust_decimal::Decimal;
use serde_json::{Map, Number, Value};

// Case fields that hold money or another decimal quantity (the core's list); an `int` there
// is sent as a decimal string. A unit test fails when the household schema gains a string
// field that is in neither this list nor `CASE_TEXT_KEYS`.
use hedui_core::case::MONEY_FIELDS as CASE_MONEY_KEYS;

/// Outcome fields that hold money or another decimal quantity.
const OUTCOME_DECIMAL_KEYS: &[&str] = &[
    "amount",
    "deductions",
    "total_monthly",
    "per_capita_monthly",
    "monthly",
    "financial_total",
    "financial_per_capita",
    "housing_area_per_capita",
    "declared",
    "verified",
    "by",
];

/// Outcome fields that hold dates (or, for `window`, a pair of dates).
const OUTCOME_DATE_KEYS: &[&str] = &["as_of", "window", "from", "to", "stale_from"];

/// Cached `decimal.Decimal`.
pub(crate) fn decimal_class(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    static CLASS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    CLASS
        .get_or_try_init(py, || {
            py.import("decimal")
                .and_then(|m| m.getattr("Decimal"))
                .map(Bound::unbind)
        })
        .map(|c| c.bind(py))
}

/// A `decimal.Decimal` with the exact value of `d`.
pub(crate) fn decimal_to_py(py: Python<'_>, d: Decimal) -> PyResult<Bound<'_, PyAny>> {
    decimal_class(py)?.call1((d.to_string(),))
}

/// A `datetime.date`.
pub(crate) fn date_to_py(py: Python<'_>, d: Date) -> PyResult<Bound<'_, PyAny>> {
    let month = u8::try_from(d.month()).unwrap_or(1);
    let day = u8::try_from(d.day()).unwrap_or(1);
    PyDate::new(py, i32::from(d.year()), month, day).map(Bound::into_any)
}

/// How a Python structure is being converted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// A household: integers under money keys become decimal strings.
    Case,
    /// A policy override list: integers stay integers (counts), money must be str/Decimal.
    Overrides,
}

/// Converts a Python structure to JSON, collecting every problem with its path.
pub(crate) fn to_json(obj: &Bound<'_, PyAny>, mode: Mode) -> Result<Value, Vec<Problem>> {
    let mut cx = Walk {
        mode,
        path: Vec::new(),
        problems: Vec::new(),
    };
    let v = cx.value(obj, None);
    if cx.problems.is_empty() {
        Ok(v)
    } else {
        Err(cx.problems)
    }
}

enum Seg {
    Key(String),
    Index(usize),
}

struct Walk {
    mode: Mode,
    path: Vec<Seg>,
    problems: Vec<Problem>,
}

impl Walk {
    fn path(&self) -> String {
        let mut s = String::new();
        for seg in &self.path {
            match seg {
                Seg::Key(k) => {
                    if !s.is_empty() {
                        s.push('.');
                    }
                    s.push_str(k);
                }
                Seg::Index(i) => {
                    s.push('[');
                    s.push_str(&i.to_string());
                    s.push(']');
                }
            }
        }
        if s.is_empty() { "$".to_owned() } else { s }
    }

    fn problem(&mut self, kind: ErrorKind, message: String) {
        if self.problems.len() < hedui_core::case::decode::MAX_PROBLEMS {
            let p = self.path();
            self.problems.push(Problem::at(kind, p, message));
        }
    }

    fn is_money(&self, key: Option<&str>) -> bool {
        match self.mode {
            Mode::Case => key.is_some_and(|k| CASE_MONEY_KEYS.contains(&k)),
            Mode::Overrides => key == Some("value"),
        }
    }

    fn value(&mut self, obj: &Bound<'_, PyAny>, key: Option<&str>) -> Value {
        let py = obj.py();
        if let Ok(s) = obj.cast::<PyString>() {
            return match s.to_str() {
                Ok(s) => Value::String(s.to_owned()),
                Err(_) => {
                    self.problem(ErrorKind::CaseShape, "not valid unicode text".to_owned());
                    Value::Null
                }
            };
        }
        if obj.is_none() {
            return Value::Null;
        }
        // `bool` is a subclass of `int`: test it first.
        if let Ok(b) = obj.cast::<PyBool>() {
            return Value::Bool(b.is_true());
        }
        if obj.is_instance_of::<PyInt>() {
            return self.int(obj, key);
        }
        if obj.is_instance_of::<PyFloat>() {
            // The value itself is never echoed (it may be personal data in the wrong field).
            let message = if self.is_money(key) {
                "a float cannot hold money exactly; give a decimal.Decimal, a string such as \"1800.50\", or an int".to_owned()
            } else {
                "a float is not accepted here; give an int, a string or a decimal.Decimal"
                    .to_owned()
            };
            self.problem(ErrorKind::CaseShape, message);
            return Value::Null;
        }
        if let Ok(d) = obj.cast::<PyDict>() {
            let mut map = Map::with_capacity(d.len());
            for (k, v) in d.iter() {
                let Ok(k) = k.cast::<PyString>().map(ToString::to_string) else {
                    self.problem(ErrorKind::CaseShape, "keys must be strings".to_owned());
                    continue;
                };
                self.path.push(Seg::Key(k.clone()));
                let v = self.value(&v, Some(&k));
                self.path.pop();
                map.insert(k, v);
            }
            return Value::Object(map);
        }
        if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
            let mut out = Vec::new();
            let items: Vec<Bound<'_, PyAny>> = match obj.try_iter() {
                Ok(it) => it.filter_map(Result::ok).collect(),
                Err(_) => Vec::new(),
            };
            for (i, item) in items.iter().enumerate() {
                self.path.push(Seg::Index(i));
                // List items inherit the key, so `[Decimal(..)]` under `value` stays money.
                let v = self.value(item, key);
                self.path.pop();
                out.push(v);
            }
            return Value::Array(out);
        }
        if let Ok(cls) = decimal_class(py)
            && obj.is_instance(cls).unwrap_or(false)
        {
            return self.decimal(obj);
        }
        if obj.is_instance_of::<PyDateTime>() {
            self.problem(
                ErrorKind::CaseShape,
                "a datetime is not a date; give a datetime.date or \"YYYY-MM-DD\"".to_owned(),
            );
            return Value::Null;
        }
        if let Ok(d) = obj.cast::<PyDate>() {
            return Value::String(format!(
                "{:04}-{:02}-{:02}",
                d.get_year(),
                d.get_month(),
                d.get_day()
            ));
        }
        let type_name = obj
            .get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_default();
        self.problem(
            ErrorKind::CaseShape,
            format!(
                "values of type `{type_name}` are not accepted; use dict, list, str, int, bool, None, decimal.Decimal or datetime.date"
            ),
        );
        Value::Null
    }

    fn int(&mut self, obj: &Bound<'_, PyAny>, key: Option<&str>) -> Value {
        if self.mode == Mode::Case && self.is_money(key) {
            return match obj.str() {
                Ok(s) => Value::String(s.to_string()),
                Err(_) => Value::Null,
            };
        }
        if let Ok(i) = obj.extract::<i64>() {
            return Value::Number(Number::from(i));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Value::Number(Number::from(u));
        }
        self.problem(
            ErrorKind::InvalidValue,
            "the integer is too large".to_owned(),
        );
        Value::Null
    }

    fn decimal(&mut self, obj: &Bound<'_, PyAny>) -> Value {
        let finite = obj
            .call_method0("is_finite")
            .and_then(|f| f.extract::<bool>())
            .unwrap_or(false);
        if !finite {
            self.problem(
                ErrorKind::InvalidAmount,
                "the decimal is not a finite number".to_owned(),
            );
            return Value::Null;
        }
        // Fixed-point text (no exponent), exactly the value given.
        match obj
            .call_method1("__format__", ("f",))
            .map(|s| s.to_string())
        {
            Ok(s) => Value::String(s),
            Err(_) => {
                self.problem(
                    ErrorKind::InvalidAmount,
                    "the decimal could not be formatted".to_owned(),
                );
                Value::Null
            }
        }
    }
}

/// Outcome (or any core) JSON → Python, with money as `Decimal` and dates as `date`.
pub(crate) fn from_json<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    convert_out(py, v, None, false)
}

fn convert_out<'py>(
    py: Python<'py>,
    v: &Value,
    key: Option<&str>,
    in_by_category: bool,
) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                // The core never writes non-integer JSON numbers; keep the exact text.
                decimal_class(py)?.call1((n.to_string(),))?
            }
        }
        Value::String(s) => {
            let is_decimal =
                in_by_category || key.is_some_and(|k| OUTCOME_DECIMAL_KEYS.contains(&k));
            let is_date = key.is_some_and(|k| OUTCOME_DATE_KEYS.contains(&k));
            if is_decimal && let Ok(d) = s.parse::<Decimal>() {
                decimal_to_py(py, d)?
            } else if is_date && let Ok(d) = hedui_core::calendar::parse_date(s) {
                date_to_py(py, d)?
            } else if is_date && s == "-" {
                // A parameter in force "since always".
                py.None().into_bound(py)
            } else {
                PyString::new(py, s).into_any()
            }
        }
        Value::Array(a) => {
            let list = PyList::empty(py);
            for item in a {
                list.append(convert_out(py, item, key, in_by_category)?)?;
            }
            list.into_any()
        }
        Value::Object(m) => {
            let d = PyDict::new(py);
            let by_category = key == Some("by_category");
            for (k, item) in m {
                d.set_item(k, convert_out(py, item, Some(k), by_category)?)?;
            }
            d.into_any()
        }
    })
}

/// A date argument: `datetime.date` or `"YYYY-MM-DD"`.
pub(crate) fn date_arg(obj: &Bound<'_, PyAny>, name: &str) -> Result<Date, hedui_core::Error> {
    let bad = || {
        hedui_core::Error::at(
            ErrorKind::InvalidDate,
            name,
            "not a date: give a datetime.date or \"YYYY-MM-DD\"",
        )
    };
    if obj.is_instance_of::<PyDateTime>() {
        return Err(bad());
    }
    if let Ok(d) = obj.cast::<PyDate>() {
        return Date::new(
            i16::try_from(d.get_year()).map_err(|_| bad())?,
            i8::try_from(d.get_month()).map_err(|_| bad())?,
            i8::try_from(d.get_day()).map_err(|_| bad())?,
        )
        .map_err(|_| bad());
    }
    let s: String = obj.extract().map_err(|_| bad())?;
    hedui_core::calendar::parse_date(&s)
        .map_err(|e| hedui_core::Error::at(ErrorKind::InvalidDate, name, e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Case string fields that are text, not money.
    const CASE_TEXT_KEYS: &[&str] = &["id", "region", "member", "name", "for_member", "cause"];

    /// Outcome string fields that are text, not money or dates.
    const OUTCOME_TEXT_KEYS: &[&str] = &[
        "case_id",
        "engine",
        "format",
        "citation",
        "en",
        "zh",
        "observed",
        "rule",
        "threshold",
        "article",
        "document",
        "evidence",
        "issuer",
        "note",
        "number",
        "title",
        "url",
        "item",
        "kind",
        "member",
        "window_source",
        "care_tier",
        "first_payment_month",
        "stops_from_month",
        "route",
        "file",
        "key",
        "region",
        "code",
        "name",
    ];

    /// Names of plain string properties (no format, enum or reference) in a JSON Schema.
    fn string_props(schema: &str) -> std::collections::BTreeSet<String> {
        fn walk(v: &Value, name: Option<&str>, out: &mut std::collections::BTreeSet<String>) {
            match v {
                Value::Object(m) => {
                    let t = m.get("type");
                    let is_string = t == Some(&Value::String("string".into()))
                        || t == Some(&serde_json::json!(["string", "null"]));
                    if let Some(n) = name
                        && is_string
                        && !m.contains_key("format")
                        && !m.contains_key("enum")
                    {
                        out.insert(n.to_owned());
                    }
                    for (k, x) in m {
                        if k == "properties"
                            && let Value::Object(props) = x
                        {
                            for (pk, pv) in props {
                                walk(pv, Some(pk), out);
                            }
                        } else {
                            walk(x, None, out);
                        }
                    }
                }
                Value::Array(a) => a.iter().for_each(|x| walk(x, None, out)),
                _ => {}
            }
        }
        let v: Value = serde_json::from_str(schema).unwrap();
        let mut out = std::collections::BTreeSet::new();
        walk(&v, None, &mut out);
        out
    }

    #[test]
    fn every_case_string_field_is_classified() {
        for name in string_props(&hedui_core::schema::household()) {
            assert!(
                CASE_MONEY_KEYS.contains(&name.as_str()) || CASE_TEXT_KEYS.contains(&name.as_str()),
                "household field `{name}` is new: add it to hedui_core::case::MONEY_FIELDS (core/src/case/model.rs) if it holds money, else to CASE_TEXT_KEYS"
            );
        }
    }

    #[test]
    fn every_outcome_string_field_is_classified() {
        for name in string_props(&hedui_core::schema::outcome()) {
            let n = name.as_str();
            assert!(
                OUTCOME_DECIMAL_KEYS.contains(&n)
                    || OUTCOME_DATE_KEYS.contains(&n)
                    || OUTCOME_TEXT_KEYS.contains(&n),
                "outcome field `{name}` is new: add it to OUTCOME_DECIMAL_KEYS or OUTCOME_DATE_KEYS (python/src/convert.rs), else to OUTCOME_TEXT_KEYS"
            );
        }
    }
}
