//! `Engine.evaluate_table`: whole registers as four related Arrow tables in, one Arrow row per
//! household out.
//!
//! Input arrives through the Arrow C stream interface (pyarrow, polars, `DuckDB`: no copy;
//! pandas through pyarrow). Columns are read in place; each household is assembled into a
//! `Case` (starting from a template decoded once, so fields the core adds later keep their
//! defaults), evaluated, and reduced to a few columns, in chunks and without the GIL.
//! Column names are documented in `python/README.md` and mirror the case JSON.

use std::sync::Arc;

use arrow_array::builder::{BooleanBuilder, Decimal128Builder, Int32Builder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Decimal128Type, Int64Type};
use arrow_array::{
    Array, ArrayRef, BooleanArray, Date32Array, Decimal128Array, Int64Array, LargeStringArray,
    ListArray, RecordBatch, StringArray, StringViewArray,
};
use arrow_schema::{DataType, Field, Schema};
use hedui_core::case::{
    Asset, Case, Disability, Illness, Income, Member, Period, Program, Residence,
};
use hedui_core::outcome::Status;
use hedui_core::{Engine, Error, ErrorKind, Outcome, Problem};
use jiff::civil::Date;
use pyo3::prelude::*;
use pyo3_arrow::PyTable;
use rust_decimal::{Decimal, RoundingStrategy};
use rustc_hash::FxHashMap;
use serde::de::DeserializeOwned;

use crate::detach;
use crate::errors::{Failure, catch_row, core_err};

/// Decimal type of every money column in the result.
const MONEY_PRECISION: u8 = 18;
const MONEY_SCALE: i8 = 2;

/// Parses a snake-case enum value the way the case JSON does.
pub(crate) fn parse_enum<T: DeserializeOwned>(s: &str) -> Option<T> {
    use serde::de::IntoDeserializer;
    let de: serde::de::value::StrDeserializer<'_, serde::de::value::Error> = s.into_deserializer();
    T::deserialize(de).ok()
}

fn column_err(table: &str, column: &str, message: impl Into<String>) -> Error {
    Error::at(ErrorKind::CaseShape, format!("{table}.{column}"), message)
}

// ---------------------------------------------------------------------------------------------
// Reading tables

/// Any Arrow tabular object (or a pandas `DataFrame`) as one record batch.
fn read_table(py: Python<'_>, obj: &Bound<'_, PyAny>, name: &str) -> PyResult<RecordBatch> {
    let table: PyTable = if obj.hasattr("__arrow_c_stream__")? {
        obj.extract()?
    } else if obj.hasattr("to_records")? && obj.hasattr("columns")? {
        // Older pandas without the stream protocol: go through pyarrow (may copy).
        let pa = py.import("pyarrow")?;
        let kwargs = pyo3::types::PyDict::new(py);
        kwargs.set_item("preserve_index", false)?;
        pa.getattr("Table")?
            .call_method("from_pandas", (obj,), Some(&kwargs))?
            .extract()?
    } else {
        let type_name = obj
            .get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_default();
        return Err(core_err(
            py,
            &column_err(
                name,
                "*",
                format!(
                    "the {name} table must be a pyarrow Table, a polars or pandas DataFrame, or another object with `__arrow_c_stream__`, not `{type_name}`"
                ),
            ),
        ));
    };
    let (batches, schema) = table.into_inner();
    match batches.len() {
        0 => Ok(RecordBatch::new_empty(schema)),
        1 => batches
            .into_iter()
            .next()
            .ok_or_else(|| core_err(py, &Error::bare(ErrorKind::Internal, "batch vanished"))),
        _ => arrow_select::concat::concat_batches(&schema, &batches)
            .map_err(|e| core_err(py, &column_err(name, "*", e.to_string()))),
    }
}

struct Cols<'a> {
    name: &'static str,
    batch: &'a RecordBatch,
}

impl<'a> Cols<'a> {
    fn get(&self, column: &str) -> Option<&'a ArrayRef> {
        let i = self.batch.schema_ref().index_of(column).ok()?;
        self.batch.columns().get(i)
    }

    fn required(&self, column: &str) -> Result<&'a ArrayRef, Error> {
        self.get(column).ok_or_else(|| {
            column_err(
                self.name,
                column,
                format!(
                    "required column `{column}` is missing from the {} table",
                    self.name
                ),
            )
        })
    }

    fn text(&self, column: &str) -> Result<Option<Text>, Error> {
        self.get(column)
            .map(|a| Text::new(self.name, column, a))
            .transpose()
    }

    fn text_req(&self, column: &str) -> Result<Text, Error> {
        Text::new(self.name, column, self.required(column)?)
    }

    fn date(&self, column: &str) -> Result<Option<DateCol>, Error> {
        self.get(column)
            .map(|a| DateCol::new(self.name, column, a))
            .transpose()
    }

    fn date_req(&self, column: &str) -> Result<DateCol, Error> {
        DateCol::new(self.name, column, self.required(column)?)
    }

    fn money(&self, column: &str) -> Result<Option<Money>, Error> {
        self.get(column)
            .map(|a| Money::new(self.name, column, a))
            .transpose()
    }

    fn money_req(&self, column: &str) -> Result<Money, Error> {
        Money::new(self.name, column, self.required(column)?)
    }

    fn boolean(&self, column: &str) -> Result<Option<BooleanArray>, Error> {
        self.get(column)
            .map(|a| {
                let a = cast_to(self.name, column, a, &DataType::Boolean)?;
                Ok(a.as_boolean().clone())
            })
            .transpose()
    }

    fn int(&self, column: &str) -> Result<Option<Int64Array>, Error> {
        self.get(column)
            .map(|a| {
                if a.data_type().is_floating() {
                    // pandas turns an integer column with gaps into float64 (NaN for null);
                    // accept it when every value is whole (this is never a money column).
                    let f = cast_to(self.name, column, a, &DataType::Float64)?;
                    let f = f.as_primitive::<arrow_array::types::Float64Type>();
                    if f.iter()
                        .flatten()
                        .any(|v| !v.is_nan() && (v.is_infinite() || v.fract().abs() > 0.0))
                    {
                        return Err(column_err(
                            self.name,
                            column,
                            format!("column `{column}` must hold whole numbers"),
                        ));
                    }
                    let nulls_as_nan: Int64Array = f
                        .iter()
                        .map(|v| v.filter(|x| !x.is_nan()).and_then(float_to_i64))
                        .collect();
                    return Ok(nulls_as_nan);
                }
                let a = cast_to(self.name, column, a, &DataType::Int64)?;
                Ok(a.as_primitive::<Int64Type>().clone())
            })
            .transpose()
    }

    fn list(&self, column: &str) -> Result<Option<ListCol>, Error> {
        self.get(column)
            .map(|a| ListCol::new(self.name, column, a))
            .transpose()
    }

    fn key(&self, column: &str) -> Result<Key, Error> {
        Key::new(self.name, column, self.required(column)?)
    }
}

/// A whole float as `i64`, or `None` when it is out of range.
fn float_to_i64(v: f64) -> Option<i64> {
    format!("{v:.0}").parse().ok()
}

fn cast_to(table: &str, column: &str, a: &ArrayRef, to: &DataType) -> Result<ArrayRef, Error> {
    if a.data_type() == to {
        return Ok(Arc::clone(a));
    }
    arrow_cast::cast(a.as_ref(), to).map_err(|e| {
        column_err(
            table,
            column,
            format!(
                "column `{column}` has type {} and cannot be read as {to}: {e}",
                a.data_type()
            ),
        )
    })
}

/// A string column of any Arrow string layout.
enum Text {
    Utf8(StringArray),
    Large(LargeStringArray),
    View(StringViewArray),
}

impl Text {
    fn new(table: &str, column: &str, a: &ArrayRef) -> Result<Self, Error> {
        Ok(match a.data_type() {
            DataType::Utf8 => Text::Utf8(a.as_string::<i32>().clone()),
            DataType::LargeUtf8 => Text::Large(a.as_string::<i64>().clone()),
            DataType::Utf8View => Text::View(a.as_string_view().clone()),
            t if t.is_floating() => {
                return Err(column_err(
                    table,
                    column,
                    format!("column `{column}` must hold text, not floats"),
                ));
            }
            // Dictionary (categorical) and integer columns: read as text.
            _ => Text::Utf8(
                cast_to(table, column, a, &DataType::Utf8)?
                    .as_string::<i32>()
                    .clone(),
            ),
        })
    }

    fn get(&self, i: usize) -> Option<&str> {
        match self {
            Text::Utf8(a) => (i < a.len() && a.is_valid(i)).then(|| a.value(i)),
            Text::Large(a) => (i < a.len() && a.is_valid(i)).then(|| a.value(i)),
            Text::View(a) => (i < a.len() && a.is_valid(i)).then(|| a.value(i)),
        }
    }
}

/// The join key: integers or strings.
enum Key {
    Int(Int64Array),
    Text(Text),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum KeyVal<'a> {
    Int(i64),
    Text(&'a str),
}

impl std::fmt::Display for KeyVal<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeyVal::Int(i) => write!(f, "{i}"),
            KeyVal::Text(s) => f.write_str(s),
        }
    }
}

impl Key {
    fn new(table: &str, column: &str, a: &ArrayRef) -> Result<Self, Error> {
        if a.data_type().is_integer() {
            let a = cast_to(table, column, a, &DataType::Int64)?;
            Ok(Key::Int(a.as_primitive::<Int64Type>().clone()))
        } else {
            Text::new(table, column, a).map(Key::Text)
        }
    }

    fn get(&self, i: usize) -> Option<KeyVal<'_>> {
        match self {
            Key::Int(a) => (i < a.len() && a.is_valid(i)).then(|| KeyVal::Int(a.value(i))),
            Key::Text(t) => t.get(i).map(KeyVal::Text),
        }
    }

    const fn is_int(&self) -> bool {
        matches!(self, Key::Int(_))
    }
}

/// A date column: `date32` (also `date64` and timestamps, truncated) or `YYYY-MM-DD` text.
enum DateCol {
    Days(Date32Array),
    Text(Text),
}

impl DateCol {
    fn new(table: &str, column: &str, a: &ArrayRef) -> Result<Self, Error> {
        match a.data_type() {
            DataType::Date32 => Ok(DateCol::Days(a.as_primitive::<Date32Type>().clone())),
            DataType::Date64 | DataType::Timestamp(_, _) => {
                let a = cast_to(table, column, a, &DataType::Date32)?;
                Ok(DateCol::Days(a.as_primitive::<Date32Type>().clone()))
            }
            DataType::Utf8
            | DataType::LargeUtf8
            | DataType::Utf8View
            | DataType::Dictionary(_, _) => Text::new(table, column, a).map(DateCol::Text),
            t => Err(column_err(
                table,
                column,
                format!(
                    "column `{column}` must hold dates (date32 or \"YYYY-MM-DD\" text), not {t}"
                ),
            )),
        }
    }

    fn get(&self, i: usize) -> Result<Option<Date>, String> {
        match self {
            DateCol::Days(a) => {
                if i >= a.len() || a.is_null(i) {
                    return Ok(None);
                }
                let days = a.value(i);
                date_from_days(days)
                    .map(Some)
                    .ok_or_else(|| format!("day number {days} is out of range"))
            }
            DateCol::Text(t) => match t.get(i) {
                None => Ok(None),
                Some(s) => s
                    .parse::<Date>()
                    .map(Some)
                    .map_err(|_| "not a date in the form YYYY-MM-DD".to_owned()),
            },
        }
    }
}

/// Days since 1970-01-01 → civil date (Howard Hinnant's `civil_from_days`; integer only).
fn date_from_days(days: i32) -> Option<Date> {
    let z = i64::from(days) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    Date::new(
        i16::try_from(y).ok()?,
        i8::try_from(m).ok()?,
        i8::try_from(d).ok()?,
    )
    .ok()
}

/// A money column: decimal, integer or decimal text. Floats are refused when the column is
/// opened, before any row is read.
enum Money {
    Dec(Decimal128Array, u32),
    Int(Int64Array),
    Text(Text),
}

impl Money {
    fn new(table: &str, column: &str, a: &ArrayRef) -> Result<Self, Error> {
        let t = a.data_type();
        if t.is_floating() {
            return Err(Error::at(
                ErrorKind::CaseShape,
                format!("{table}.{column}"),
                format!(
                    "money column `{column}` is {t}; a binary float cannot hold money exactly: give decimal or string values (for example pyarrow.decimal128(18, 2), polars.Decimal, or Python Decimal objects in pandas)"
                ),
            ));
        }
        match t {
            DataType::Decimal128(_, s) => Ok(Money::Dec(
                a.as_primitive::<Decimal128Type>().clone(),
                scale(table, column, *s)?,
            )),
            DataType::Decimal32(p, s) | DataType::Decimal64(p, s) => {
                let a = cast_to(table, column, a, &DataType::Decimal128(*p, *s))?;
                Ok(Money::Dec(
                    a.as_primitive::<Decimal128Type>().clone(),
                    scale(table, column, *s)?,
                ))
            }
            DataType::Decimal256(_, s) => {
                let a = cast_to(table, column, a, &DataType::Decimal128(38, *s))?;
                Ok(Money::Dec(
                    a.as_primitive::<Decimal128Type>().clone(),
                    scale(table, column, *s)?,
                ))
            }
            t if t.is_integer() => {
                let a = cast_to(table, column, a, &DataType::Int64)?;
                Ok(Money::Int(a.as_primitive::<Int64Type>().clone()))
            }
            _ => Text::new(table, column, a).map(Money::Text),
        }
    }

    fn get(&self, i: usize) -> Result<Option<Decimal>, String> {
        match self {
            Money::Dec(a, s) => {
                if i >= a.len() || a.is_null(i) {
                    return Ok(None);
                }
                Decimal::try_from_i128_with_scale(a.value(i), *s)
                    .map(Some)
                    .map_err(|_| "the amount is too large".to_owned())
            }
            Money::Int(a) => Ok((i < a.len() && a.is_valid(i)).then(|| Decimal::from(a.value(i)))),
            Money::Text(t) => match t.get(i) {
                None => Ok(None),
                Some(s) => s
                    .trim()
                    .parse::<Decimal>()
                    .map(Some)
                    .map_err(|_| "not a decimal amount such as \"1200.50\"".to_owned()),
            },
        }
    }
}

fn scale(table: &str, column: &str, s: i8) -> Result<u32, Error> {
    u32::try_from(s).ok().filter(|s| *s <= 28).ok_or_else(|| {
        column_err(
            table,
            column,
            format!("decimal scale {s} is not supported (0 to 28)"),
        )
    })
}

/// A list-of-strings column, or text with comma-separated values.
enum ListCol {
    List(ListArray, StringArray),
    Text(Text),
}

impl ListCol {
    fn new(table: &str, column: &str, a: &ArrayRef) -> Result<Self, Error> {
        match a.data_type() {
            DataType::List(_)
            | DataType::LargeList(_)
            | DataType::ListView(_)
            | DataType::LargeListView(_)
            | DataType::FixedSizeList(_, _) => {
                let to = DataType::List(Arc::new(Field::new("item", DataType::Utf8, true)));
                let a = cast_to(table, column, a, &to)?;
                let list = a.as_list::<i32>().clone();
                let values = list.values().as_string::<i32>().clone();
                Ok(ListCol::List(list, values))
            }
            _ => Text::new(table, column, a).map(ListCol::Text),
        }
    }

    fn get(&self, i: usize) -> Vec<&str> {
        match self {
            ListCol::List(list, values) => {
                if i >= list.len() || list.is_null(i) {
                    return Vec::new();
                }
                let offsets = list.value_offsets();
                let (Some(&start), Some(&end)) = (offsets.get(i), offsets.get(i + 1)) else {
                    return Vec::new();
                };
                let (Ok(start), Ok(end)) = (usize::try_from(start), usize::try_from(end)) else {
                    return Vec::new();
                };
                (start..end)
                    .filter(|j| *j < values.len() && values.is_valid(*j))
                    .map(|j| values.value(j))
                    .collect()
            }
            ListCol::Text(t) => t
                .get(i)
                .map(|s| {
                    s.split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
        }
    }
}

fn get_bool(a: Option<&BooleanArray>, i: usize) -> Option<bool> {
    a.filter(|a| i < a.len() && a.is_valid(i))
        .map(|a| a.value(i))
}

fn get_int(a: Option<&Int64Array>, i: usize) -> Option<i64> {
    a.filter(|a| i < a.len() && a.is_valid(i))
        .map(|a| a.value(i))
}

// ---------------------------------------------------------------------------------------------
// The four tables

struct HouseholdCols {
    key: Key,
    region: Text,
    as_of: DateCol,
    residence: Text,
    window_start: Option<DateCol>,
    window_end: Option<DateCol>,
    checked_sources: Option<ListCol>,
    auxiliary_flags: Option<ListCol>,
    enrolled_dibao: Option<BooleanArray>,
    enrolled_tekun: Option<BooleanArray>,
    current_dibao_amount: Option<Money>,
    employment_started_on: Option<DateCol>,
}

impl HouseholdCols {
    fn new(b: &RecordBatch) -> Result<Self, Error> {
        let c = Cols {
            name: "households",
            batch: b,
        };
        Ok(Self {
            key: c.key("household_id")?,
            region: c.text_req("region")?,
            as_of: c.date_req("as_of")?,
            residence: c.text_req("residence")?,
            window_start: c.date("income_window_start")?,
            window_end: c.date("income_window_end")?,
            checked_sources: c.list("checked_sources")?,
            auxiliary_flags: c.list("auxiliary_flags")?,
            enrolled_dibao: c.boolean("enrolled_dibao")?,
            enrolled_tekun: c.boolean("enrolled_tekun")?,
            current_dibao_amount: c.money("current_dibao_amount")?,
            employment_started_on: c.date("employment_started_on")?,
        })
    }
}

struct MemberCols {
    len: usize,
    key: Key,
    id: Text,
    relation: Text,
    birth_date: DateCol,
    id_number: Option<Text>,
    hukou_in_household: Option<BooleanArray>,
    lives_together: Option<BooleanArray>,
    marital_status: Option<Text>,
    disability_category: Option<Text>,
    disability_grade: Option<Int64Array>,
    disability_certificate: Option<BooleanArray>,
    illness_name: Option<Text>,
    illness_on_local_list: Option<BooleanArray>,
    schooling: Option<Text>,
    statuses: Option<ListCol>,
    left_family_on: Option<DateCol>,
    employment: Option<Text>,
    cannot_live_independently: Option<BooleanArray>,
    support_duty: Option<BooleanArray>,
}

impl MemberCols {
    fn new(b: &RecordBatch) -> Result<Self, Error> {
        let c = Cols {
            name: "members",
            batch: b,
        };
        Ok(Self {
            len: b.num_rows(),
            key: c.key("household_id")?,
            id: c.text_req("member_id")?,
            relation: c.text_req("relation")?,
            birth_date: c.date_req("birth_date")?,
            id_number: c.text("id_number")?,
            hukou_in_household: c.boolean("hukou_in_household")?,
            lives_together: c.boolean("lives_together")?,
            marital_status: c.text("marital_status")?,
            disability_category: c.text("disability_category")?,
            disability_grade: c.int("disability_grade")?,
            disability_certificate: c.boolean("disability_certificate")?,
            illness_name: c.text("illness_name")?,
            illness_on_local_list: c.boolean("illness_on_local_list")?,
            schooling: c.text("schooling")?,
            statuses: c.list("statuses")?,
            left_family_on: c.date("left_family_on")?,
            employment: c.text("employment")?,
            cannot_live_independently: c.boolean("cannot_live_independently")?,
            support_duty: c.boolean("support_duty")?,
        })
    }
}

struct IncomeCols {
    len: usize,
    key: Key,
    member: Text,
    category: Text,
    subtype: Option<Text>,
    amount: Money,
    start: DateCol,
    end: DateCol,
    source: Text,
    agency: Option<Text>,
}

impl IncomeCols {
    fn new(b: &RecordBatch) -> Result<Self, Error> {
        let c = Cols {
            name: "incomes",
            batch: b,
        };
        Ok(Self {
            len: b.num_rows(),
            key: c.key("household_id")?,
            member: c.text_req("member_id")?,
            category: c.text_req("category")?,
            subtype: c.text("subtype")?,
            amount: c.money_req("amount")?,
            start: c.date_req("period_start")?,
            end: c.date_req("period_end")?,
            source: c.text_req("source")?,
            agency: c.text("agency")?,
        })
    }
}

struct AssetCols {
    len: usize,
    key: Key,
    member: Text,
    kind: Text,
    value: Money,
    source: Text,
    agency: Option<Text>,
    vehicle_type: Option<Text>,
    vehicle_use: Option<Text>,
    area_m2: Option<Money>,
}

impl AssetCols {
    fn new(b: &RecordBatch) -> Result<Self, Error> {
        let c = Cols {
            name: "assets",
            batch: b,
        };
        Ok(Self {
            len: b.num_rows(),
            key: c.key("household_id")?,
            member: c.text_req("member_id")?,
            kind: c.text_req("kind")?,
            value: c.money_req("value")?,
            source: c.text_req("source")?,
            agency: c.text("agency")?,
            vehicle_type: c.text("vehicle_type")?,
            vehicle_use: c.text("vehicle_use")?,
            area_m2: c.money("area_m2")?,
        })
    }
}

/// Child rows grouped by household (CSR layout): rows of household `h` are
/// `rows[start[h]..start[h + 1]]`, in table order.
struct Groups {
    start: Vec<usize>,
    rows: Vec<usize>,
}

impl Groups {
    fn empty(n: usize) -> Self {
        Self {
            start: vec![0; n + 1],
            rows: Vec::new(),
        }
    }

    fn build(
        table: &str,
        keys: &Key,
        len: usize,
        index: &FxHashMap<KeyVal<'_>, usize>,
        households: usize,
        int_keys: bool,
    ) -> Result<Self, Error> {
        if keys.is_int() != int_keys {
            return Err(column_err(
                table,
                "household_id",
                format!(
                    "household_id in the {table} table must have the same kind (integer or text) as in the households table"
                ),
            ));
        }
        let mut owner = Vec::with_capacity(len);
        let mut counts = vec![0usize; households];
        let mut problems = Vec::new();
        for row in 0..len {
            let h = keys.get(row).and_then(|k| index.get(&k).copied());
            match h {
                Some(h) => {
                    if let Some(c) = counts.get_mut(h) {
                        *c += 1;
                    }
                    owner.push(h);
                }
                None => {
                    if problems.len() < hedui_core::case::decode::MAX_PROBLEMS {
                        let what = keys.get(row).map_or_else(
                            || "is missing".to_owned(),
                            |k| {
                                let k = hedui_core::case::decode::scrub(&k.to_string());
                                format!("`{k}` is not in the households table")
                            },
                        );
                        problems.push(Problem::at(
                            ErrorKind::UnknownMember,
                            format!("{table}.household_id"),
                            format!("{table} row {row}: household_id {what}"),
                        ));
                    }
                    owner.push(usize::MAX);
                }
            }
        }
        if !problems.is_empty() {
            return Err(Error::from_problems(problems));
        }
        let mut start = Vec::with_capacity(households + 1);
        let mut acc = 0usize;
        start.push(0);
        for c in &counts {
            acc += c;
            start.push(acc);
        }
        let mut next: Vec<usize> = start.iter().take(households).copied().collect();
        let mut rows = vec![0usize; len];
        for (row, h) in owner.into_iter().enumerate() {
            if let Some(slot) = next.get_mut(h)
                && let Some(r) = rows.get_mut(*slot)
            {
                *r = row;
                *slot += 1;
            }
        }
        Ok(Self { start, rows })
    }

    fn of(&self, h: usize) -> &[usize] {
        match (self.start.get(h), self.start.get(h + 1)) {
            (Some(&a), Some(&b)) => self.rows.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// Defaults for every field, decoded once from minimal JSON so fields added to the case
/// format later get their serde defaults here too.
struct Templates {
    case: Case,
    member: Member,
    income: Income,
    asset: Asset,
    disability: Disability,
    illness: Illness,
}

impl Templates {
    fn new() -> Result<Self, Error> {
        fn de<T: DeserializeOwned>(v: serde_json::Value) -> Result<T, Error> {
            serde_json::from_value(v).map_err(|e| {
                Error::bare(
                    ErrorKind::Internal,
                    format!("table template no longer decodes: {e}"),
                )
            })
        }
        use serde_json::json;
        let period = json!({"start": "2000-01-01", "end": "2000-01-31"});
        Ok(Self {
            case: de(json!({"id": "t", "region": "000000", "as_of": "2000-01-01",
                            "residence": "urban", "members": []}))?,
            member: de(json!({"id": "m", "relation": "self", "birth_date": "2000-01-01"}))?,
            income: de(json!({"member": "m", "category": "wage", "amount": "0",
                              "period": period, "source": "declared"}))?,
            asset: de(json!({"member": "m", "kind": "deposit", "value": "0",
                             "source": "declared"}))?,
            disability: de(json!({"category": "physical", "grade": 1}))?,
            illness: de(json!({"name": "x"}))?,
        })
    }
}

/// Everything needed to assemble household `h`; shared read-only by the worker threads.
struct Register {
    h: HouseholdCols,
    m: MemberCols,
    i: Option<IncomeCols>,
    a: Option<AssetCols>,
    templates: Templates,
    programs: Vec<Program>,
}

/// Child rows of every household, and the first households row of each `household_id`.
struct Joins {
    members: Groups,
    incomes: Groups,
    assets: Groups,
    first_row: Vec<Option<usize>>,
}

impl Joins {
    fn new(reg: &Register, n: usize) -> Result<Self, Error> {
        let mut index: FxHashMap<KeyVal<'_>, usize> = FxHashMap::default();
        index.reserve(n);
        let mut first_row = Vec::with_capacity(n);
        for row in 0..n {
            first_row.push(reg.h.key.get(row).map(|k| *index.entry(k).or_insert(row)));
        }
        let int_keys = reg.h.key.is_int();
        let members = Groups::build("members", &reg.m.key, reg.m.len, &index, n, int_keys)?;
        let incomes = match &reg.i {
            Some(c) => Groups::build("incomes", &c.key, c.len, &index, n, int_keys)?,
            None => Groups::empty(n),
        };
        let assets = match &reg.a {
            Some(c) => Groups::build("assets", &c.key, c.len, &index, n, int_keys)?,
            None => Groups::empty(n),
        };
        Ok(Self {
            members,
            incomes,
            assets,
            first_row,
        })
    }
}

/// Where a value came from (table and row), formatted only when a problem is reported.
#[derive(Clone, Copy)]
struct Loc {
    table: &'static str,
    row: usize,
}

impl std::fmt::Display for Loc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} row {}", self.table, self.row)
    }
}

/// `members[2].birth_date`, formatted only when a problem is reported.
#[derive(Clone, Copy)]
struct FieldPath {
    list: &'static str,
    index: usize,
    field: &'static str,
}

impl FieldPath {
    const fn new(list: &'static str, index: usize, field: &'static str) -> Self {
        Self { list, index, field }
    }
}

impl std::fmt::Display for FieldPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}[{}].{}", self.list, self.index, self.field)
    }
}

/// Collects a household's problems with paths in the case's terms.
struct Problems(Vec<Problem>);

impl Problems {
    fn push(&mut self, kind: ErrorKind, path: impl std::fmt::Display, message: String) {
        if self.0.len() < hedui_core::case::decode::MAX_PROBLEMS {
            self.0.push(Problem::at(kind, path.to_string(), message));
        }
    }

    fn required<T>(&mut self, v: Option<T>, path: impl std::fmt::Display, at: Loc) -> Option<T> {
        if v.is_none() {
            self.push(ErrorKind::CaseShape, path, format!("missing value ({at})"));
        }
        v
    }

    fn enum_of<T: DeserializeOwned>(
        &mut self,
        s: Option<&str>,
        path: impl std::fmt::Display,
        what: &str,
        at: Loc,
    ) -> Option<T> {
        let s = s?;
        let v = parse_enum::<T>(s);
        if v.is_none() {
            self.push(
                ErrorKind::CaseShape,
                path,
                format!("not a valid {what} ({at})"),
            );
        }
        v
    }

    fn date(
        &mut self,
        r: Result<Option<Date>, String>,
        path: impl std::fmt::Display,
        at: Loc,
    ) -> Option<Date> {
        r.unwrap_or_else(|e| {
            self.push(ErrorKind::InvalidDate, path, format!("{e} ({at})"));
            None
        })
    }

    fn money(
        &mut self,
        r: Result<Option<Decimal>, String>,
        path: impl std::fmt::Display,
        at: Loc,
    ) -> Option<Decimal> {
        r.unwrap_or_else(|e| {
            self.push(ErrorKind::InvalidAmount, path, format!("{e} ({at})"));
            None
        })
    }
}

impl Problems {
    /// A required date: a parse problem, or "missing" for a null (never both).
    fn date_req(
        &mut self,
        r: Result<Option<Date>, String>,
        path: impl std::fmt::Display,
        at: Loc,
    ) -> Option<Date> {
        match r {
            Ok(v) => self.required(v, path, at),
            Err(e) => {
                self.push(ErrorKind::InvalidDate, path, format!("{e} ({at})"));
                None
            }
        }
    }

    /// A required amount: a parse problem, or "missing" for a null (never both).
    fn money_req(
        &mut self,
        r: Result<Option<Decimal>, String>,
        path: impl std::fmt::Display,
        at: Loc,
    ) -> Option<Decimal> {
        match r {
            Ok(v) => self.required(v, path, at),
            Err(e) => {
                self.push(ErrorKind::InvalidAmount, path, format!("{e} ({at})"));
                None
            }
        }
    }
}

impl Register {
    /// Assembles household `h` as a case, or every problem found in its rows.
    fn case(&self, j: &Joins, h: usize) -> Result<Case, Error> {
        let mut p = Problems(Vec::new());
        let hc = &self.h;
        let at = Loc {
            table: "households",
            row: h,
        };
        let key = hc.key.get(h);
        if let Some(first) = j.first_row.get(h).copied().flatten()
            && first != h
        {
            p.push(
                ErrorKind::DuplicateId,
                "household_id".to_owned(),
                format!("household_id also appears in households row {first}; its members, incomes and assets were attached there"),
            );
        }
        let mut case = self.templates.case.clone();
        case.id = match key {
            Some(k) => k.to_string(),
            None => {
                p.push(
                    ErrorKind::CaseShape,
                    "household_id".to_owned(),
                    format!("missing value ({at})"),
                );
                String::new()
            }
        };
        if let Some(r) = p.required(hc.region.get(h), "region", at) {
            r.clone_into(&mut case.region);
        }
        if let Some(d) = p.date_req(hc.as_of.get(h), "as_of", at) {
            case.as_of = d;
        }
        let residence = p.required(hc.residence.get(h), "residence", at);
        if let Some(r) =
            p.enum_of::<Residence>(residence, "residence", "residence (urban or rural)", at)
        {
            case.residence = r;
        }
        case.programs.clone_from(&self.programs);
        let ws = hc
            .window_start
            .as_ref()
            .and_then(|c| p.date(c.get(h), "income_window.start", at));
        let we = hc
            .window_end
            .as_ref()
            .and_then(|c| p.date(c.get(h), "income_window.end", at));
        case.income_window = match (ws, we) {
            (Some(start), Some(end)) => Some(Period { start, end }),
            (None, None) => None,
            _ => {
                p.push(
                    ErrorKind::InvalidPeriod,
                    "income_window".to_owned(),
                    format!(
                        "give both income_window_start and income_window_end, or neither ({at})"
                    ),
                );
                None
            }
        };
        if let Some(c) = &hc.checked_sources {
            for (j, s) in c.get(h).into_iter().enumerate() {
                if let Some(a) = p.enum_of(
                    Some(s),
                    format_args!("verification.checked_sources[{j}]"),
                    "agency",
                    at,
                ) {
                    case.verification.checked_sources.push(a);
                }
            }
        }
        if let Some(c) = &hc.auxiliary_flags {
            for (j, s) in c.get(h).into_iter().enumerate() {
                if let Some(a) = p.enum_of(
                    Some(s),
                    format_args!("verification.auxiliary_flags[{j}]"),
                    "auxiliary flag",
                    at,
                ) {
                    case.verification.auxiliary_flags.push(a);
                }
            }
        }
        if let Some(b) = get_bool(hc.enrolled_dibao.as_ref(), h) {
            case.history.enrolled_dibao = b;
        }
        if let Some(b) = get_bool(hc.enrolled_tekun.as_ref(), h) {
            case.history.enrolled_tekun = b;
        }
        if let Some(c) = &hc.current_dibao_amount {
            case.history.current_dibao_amount =
                p.money(c.get(h), "history.current_dibao_amount", at);
        }
        if let Some(c) = &hc.employment_started_on {
            case.history.employment_started_on =
                p.date(c.get(h), "history.employment_started_on", at);
        }

        let mc = &self.m;
        for (j, &row) in j.members.of(h).iter().enumerate() {
            let at = Loc {
                table: "members",
                row,
            };
            let path = |f: &'static str| FieldPath::new("members", j, f);
            let mut m = self.templates.member.clone();
            if let Some(id) = p.required(mc.id.get(row), path("id"), at) {
                id.clone_into(&mut m.id);
            }
            let rel = p.required(mc.relation.get(row), path("relation"), at);
            if let Some(r) = p.enum_of(rel, path("relation"), "relation", at) {
                m.relation = r;
            }
            if let Some(d) = p.date_req(mc.birth_date.get(row), path("birth_date"), at) {
                m.birth_date = d;
            }
            if let Some(s) = mc.id_number.as_ref().and_then(|c| c.get(row)) {
                m.id_number = Some(hedui_core::case::IdNumber::new(s));
            }
            if let Some(b) = get_bool(mc.hukou_in_household.as_ref(), row) {
                m.hukou_in_household = b;
            }
            if let Some(b) = get_bool(mc.lives_together.as_ref(), row) {
                m.lives_together = b;
            }
            if let Some(c) = &mc.marital_status {
                m.marital_status =
                    p.enum_of(c.get(row), path("marital_status"), "marital status", at);
            }
            if let Some(c) = &mc.disability_category
                && let Some(s) = c.get(row)
            {
                let mut d = self.templates.disability.clone();
                if let Some(cat) = p.enum_of(
                    Some(s),
                    path("disability.category"),
                    "disability category",
                    at,
                ) {
                    d.category = cat;
                }
                match get_int(mc.disability_grade.as_ref(), row).map(u8::try_from) {
                    Some(Ok(g)) => d.grade = g,
                    Some(Err(_)) => p.push(
                        ErrorKind::InvalidValue,
                        path("disability.grade"),
                        format!("the grade is out of range ({at})"),
                    ),
                    None => p.push(
                        ErrorKind::CaseShape,
                        path("disability.grade"),
                        format!("a disability needs disability_grade ({at})"),
                    ),
                }
                if let Some(b) = get_bool(mc.disability_certificate.as_ref(), row) {
                    d.certificate = b;
                }
                m.disability = Some(d);
            }
            if let Some(c) = &mc.illness_name
                && let Some(s) = c.get(row)
            {
                let mut ill = self.templates.illness.clone();
                s.clone_into(&mut ill.name);
                if let Some(b) = get_bool(mc.illness_on_local_list.as_ref(), row) {
                    ill.on_local_list = b;
                }
                m.illness = Some(ill);
            }
            if let Some(c) = &mc.schooling
                && let Some(s) = p.enum_of(c.get(row), path("schooling"), "schooling", at)
            {
                m.schooling = s;
            }
            if let Some(c) = &mc.statuses {
                for (k, s) in c.get(row).into_iter().enumerate() {
                    if let Some(st) = p.enum_of(
                        Some(s),
                        format_args!("members[{j}].statuses[{k}]"),
                        "status",
                        at,
                    ) {
                        m.statuses.push(st);
                    }
                }
            }
            if let Some(c) = &mc.left_family_on {
                m.left_family_on = p.date(c.get(row), path("left_family_on"), at);
            }
            if let Some(c) = &mc.employment {
                m.employment = p.enum_of(c.get(row), path("employment"), "employment", at);
            }
            if let Some(b) = get_bool(mc.cannot_live_independently.as_ref(), row) {
                m.cannot_live_independently = b;
            }
            m.support_duty = get_bool(mc.support_duty.as_ref(), row);
            case.members.push(m);
        }

        if let Some(ic) = &self.i {
            for (j, &row) in j.incomes.of(h).iter().enumerate() {
                let at = Loc {
                    table: "incomes",
                    row,
                };
                let path = |f: &'static str| FieldPath::new("incomes", j, f);
                let mut r = self.templates.income.clone();
                if let Some(m) = p.required(ic.member.get(row), path("member"), at) {
                    m.clone_into(&mut r.member);
                }
                let cat = p.required(ic.category.get(row), path("category"), at);
                if let Some(c) = p.enum_of(cat, path("category"), "income category", at) {
                    r.category = c;
                }
                if let Some(c) = &ic.subtype
                    && let Some(s) = p.enum_of(c.get(row), path("subtype"), "income subtype", at)
                {
                    r.subtype = s;
                }
                if let Some(a) = p.money_req(ic.amount.get(row), path("amount"), at) {
                    r.amount = a;
                }
                let start = p.date_req(ic.start.get(row), path("period.start"), at);
                let end = p.date_req(ic.end.get(row), path("period.end"), at);
                if let (Some(start), Some(end)) = (start, end) {
                    r.period = Period { start, end };
                }
                let src = p.required(ic.source.get(row), path("source"), at);
                if let Some(s) = p.enum_of(src, path("source"), "source (declared or verified)", at)
                {
                    r.source = s;
                }
                if let Some(c) = &ic.agency {
                    r.agency = p.enum_of(c.get(row), path("agency"), "agency", at);
                }
                case.incomes.push(r);
            }
        }

        if let Some(ac) = &self.a {
            for (j, &row) in j.assets.of(h).iter().enumerate() {
                let at = Loc {
                    table: "assets",
                    row,
                };
                let path = |f: &'static str| FieldPath::new("assets", j, f);
                let mut r = self.templates.asset.clone();
                if let Some(m) = p.required(ac.member.get(row), path("member"), at) {
                    m.clone_into(&mut r.member);
                }
                let kind = p.required(ac.kind.get(row), path("kind"), at);
                if let Some(k) = p.enum_of(kind, path("kind"), "asset kind", at) {
                    r.kind = k;
                }
                if let Some(v) = p.money_req(ac.value.get(row), path("value"), at) {
                    r.value = v;
                }
                let src = p.required(ac.source.get(row), path("source"), at);
                if let Some(s) = p.enum_of(src, path("source"), "source (declared or verified)", at)
                {
                    r.source = s;
                }
                if let Some(c) = &ac.agency {
                    r.agency = p.enum_of(c.get(row), path("agency"), "agency", at);
                }
                if let Some(c) = &ac.vehicle_type {
                    r.vehicle_type =
                        p.enum_of(c.get(row), path("vehicle_type"), "vehicle type", at);
                }
                if let Some(c) = &ac.vehicle_use {
                    r.vehicle_use = p.enum_of(c.get(row), path("vehicle_use"), "vehicle use", at);
                }
                if let Some(c) = &ac.area_m2 {
                    r.area_m2 = p.money(c.get(row), path("area_m2"), at);
                }
                case.assets.push(r);
            }
        }

        if p.0.is_empty() {
            Ok(case)
        } else {
            Err(Error::from_problems(p.0))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Output

/// One household's result, reduced to the output columns.
struct Row {
    statuses: Vec<Option<Status>>,
    amounts: Vec<Option<i128>>,
    per_capita: Option<i128>,
    total: Option<i128>,
    counted: Option<i32>,
    illustrative: Option<bool>,
    error: Option<Failure>,
}

/// A decimal as a `decimal128(18, 2)` value, rounded half away from zero to the fen (the
/// same rounding the outcome JSON shows).
fn fen(d: Option<Decimal>) -> Option<i128> {
    let mut r = d?.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(2);
    let m = r.mantissa();
    (m.unsigned_abs() < 10u128.pow(u32::from(MONEY_PRECISION))).then_some(m)
}

fn row_of(programs: &[Program], r: Result<Outcome, Failure>) -> Row {
    match r {
        Ok(o) => Row {
            statuses: programs
                .iter()
                .map(|p| o.program(*p).map(|x| x.status))
                .collect(),
            amounts: programs
                .iter()
                .map(|p| fen(o.program(*p).and_then(|x| x.amount)))
                .collect(),
            per_capita: fen(o.income.per_capita_monthly),
            total: fen(o.income.total_monthly),
            counted: i32::try_from(o.household.counted.len()).ok(),
            illustrative: Some(o.illustrative),
            error: None,
        },
        Err(f) => Row {
            statuses: vec![None; programs.len()],
            amounts: vec![None; programs.len()],
            per_capita: None,
            total: None,
            counted: None,
            illustrative: None,
            error: Some(f),
        },
    }
}

struct Out {
    statuses: Vec<StringBuilder>,
    amounts: Vec<Decimal128Builder>,
    per_capita: Decimal128Builder,
    total: Decimal128Builder,
    counted: Int32Builder,
    illustrative: BooleanBuilder,
    error_code: Int32Builder,
    error_path: StringBuilder,
    error_message: StringBuilder,
}

fn money_builder(n: usize) -> Result<Decimal128Builder, Error> {
    Decimal128Builder::with_capacity(n)
        .with_precision_and_scale(MONEY_PRECISION, MONEY_SCALE)
        .map_err(|e| Error::bare(ErrorKind::Internal, e.to_string()))
}

impl Out {
    fn new(programs: usize, n: usize) -> Result<Self, Error> {
        Ok(Self {
            statuses: (0..programs)
                .map(|_| StringBuilder::with_capacity(n, n * 10))
                .collect(),
            amounts: (0..programs)
                .map(|_| money_builder(n))
                .collect::<Result<_, _>>()?,
            per_capita: money_builder(n)?,
            total: money_builder(n)?,
            counted: Int32Builder::with_capacity(n),
            illustrative: BooleanBuilder::with_capacity(n),
            error_code: Int32Builder::with_capacity(n),
            error_path: StringBuilder::new(),
            error_message: StringBuilder::new(),
        })
    }

    fn push(&mut self, row: Row) {
        for (b, s) in self.statuses.iter_mut().zip(&row.statuses) {
            b.append_option(s.map(Status::as_str));
        }
        for (b, a) in self.amounts.iter_mut().zip(&row.amounts) {
            b.append_option(*a);
        }
        self.per_capita.append_option(row.per_capita);
        self.total.append_option(row.total);
        self.counted.append_option(row.counted);
        self.illustrative.append_option(row.illustrative);
        match row.error {
            Some(f) => {
                self.error_code.append_option(i32::try_from(f.code).ok());
                self.error_path.append_option(f.path.as_deref());
                let more = f.problems.len().saturating_sub(1);
                let message = if more > 0 {
                    format!("{} (and {more} more)", f.message)
                } else {
                    f.message
                };
                self.error_message.append_value(message);
            }
            None => {
                self.error_code.append_null();
                self.error_path.append_null();
                self.error_message.append_null();
            }
        }
    }

    fn finish(
        mut self,
        ids: ArrayRef,
        id_field: &Field,
        programs: &[Program],
    ) -> Result<RecordBatch, Error> {
        let money = DataType::Decimal128(MONEY_PRECISION, MONEY_SCALE);
        let mut fields = vec![Field::new(
            "household_id",
            id_field.data_type().clone(),
            id_field.is_nullable(),
        )];
        let mut columns: Vec<ArrayRef> = vec![ids];
        for ((p, s), a) in programs
            .iter()
            .zip(&mut self.statuses)
            .zip(&mut self.amounts)
        {
            fields.push(Field::new(
                format!("{}_status", p.as_str()),
                DataType::Utf8,
                true,
            ));
            columns.push(Arc::new(s.finish()));
            fields.push(Field::new(
                format!("{}_amount", p.as_str()),
                money.clone(),
                true,
            ));
            columns.push(Arc::new(a.finish()));
        }
        fields.push(Field::new("per_capita_income", money.clone(), true));
        columns.push(Arc::new(self.per_capita.finish()));
        fields.push(Field::new("total_monthly_income", money, true));
        columns.push(Arc::new(self.total.finish()));
        fields.push(Field::new("counted_members", DataType::Int32, true));
        columns.push(Arc::new(self.counted.finish()));
        fields.push(Field::new("illustrative", DataType::Boolean, true));
        columns.push(Arc::new(self.illustrative.finish()));
        fields.push(Field::new("error_code", DataType::Int32, true));
        columns.push(Arc::new(self.error_code.finish()));
        fields.push(Field::new("error_path", DataType::Utf8, true));
        columns.push(Arc::new(self.error_path.finish()));
        fields.push(Field::new("error_message", DataType::Utf8, true));
        columns.push(Arc::new(self.error_message.finish()));
        RecordBatch::try_new(Arc::new(Schema::new(fields)), columns)
            .map_err(|e| Error::bare(ErrorKind::Internal, e.to_string()))
    }
}

// ---------------------------------------------------------------------------------------------
// Entry point

#[expect(clippy::too_many_arguments, reason = "mirrors the Python signature")]
pub(crate) fn evaluate_table<'py>(
    py: Python<'py>,
    engine: &Engine,
    households: &Bound<'py, PyAny>,
    members: &Bound<'py, PyAny>,
    incomes: Option<&Bound<'py, PyAny>>,
    assets: Option<&Bound<'py, PyAny>>,
    programs: Option<&[String]>,
    threads: usize,
) -> PyResult<Bound<'py, PyAny>> {
    let (case_programs, out_programs) = match programs {
        Some(names) => {
            let p = crate::engine::parse_programs(names).map_err(|e| core_err(py, &e))?;
            (p.clone(), p)
        }
        // A case without `programs` is assessed for dibao and near-dibao only (the household
        // application; see `Engine::evaluate` and DESIGN.md "Default programs").
        None => (Vec::new(), vec![Program::Dibao, Program::NearDibao]),
    };
    let hb = read_table(py, households, "households")?;
    let mb = read_table(py, members, "members")?;
    let ib = incomes.map(|t| read_table(py, t, "incomes")).transpose()?;
    let ab = assets.map(|t| read_table(py, t, "assets")).transpose()?;
    let n = hb.num_rows();

    let (reg, joins) = py
        .detach(|| -> Result<(Register, Joins), Error> {
            let reg = Register {
                h: HouseholdCols::new(&hb)?,
                m: MemberCols::new(&mb)?,
                i: ib.as_ref().map(IncomeCols::new).transpose()?,
                a: ab.as_ref().map(AssetCols::new).transpose()?,
                templates: Templates::new()?,
                programs: case_programs,
            };
            let joins = Joins::new(&reg, n)?;
            Ok((reg, joins))
        })
        .map_err(|e| core_err(py, &e))?;

    let mut out = Out::new(out_programs.len(), n).map_err(|e| core_err(py, &e))?;
    let (reg, joins, programs) = (&reg, &joins, &out_programs);
    detach::for_each_chunk(
        py,
        n,
        threads,
        |h| {
            let r = catch_row(|| {
                let case = reg.case(joins, h).map_err(|e| Failure::from_core(&e))?;
                engine.evaluate(&case).map_err(|e| Failure::from_core(&e))
            });
            row_of(programs, r)
        },
        |_, part| {
            for row in part {
                out.push(row);
            }
        },
    )?;

    let key_index = hb
        .schema_ref()
        .index_of("household_id")
        .map_err(|e| core_err(py, &column_err("households", "household_id", e.to_string())))?;
    let ids = hb.columns().get(key_index).cloned().ok_or_else(|| {
        core_err(
            py,
            &Error::bare(ErrorKind::Internal, "household_id vanished"),
        )
    })?;
    let field = hb.schema_ref().field(key_index).clone();
    let batch = out
        .finish(ids, &field, &out_programs)
        .map_err(|e| core_err(py, &e))?;
    let schema = batch.schema();
    PyTable::try_new(vec![batch], schema)?
        .into_pyarrow(py)
        .map_err(|e| {
            if e.is_instance_of::<pyo3::exceptions::PyImportError>(py) {
                pyo3::exceptions::PyImportError::new_err(
                    "evaluate_table returns a pyarrow.Table: install pyarrow (pip install 'hedui[arrow]')",
                )
            } else {
                e
            }
        })
}
