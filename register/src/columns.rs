//! Arrow column readers: each accepts the layouts pyarrow, polars, pandas and the Parquet and
//! CSV readers produce (any string layout or dictionary, dates as days or text, money as
//! decimals, integers or decimal text — never binary floats) and reads values by row.

use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Decimal128Type, Int64Type};
use arrow_array::{
    Array, ArrayRef, BooleanArray, Date32Array, Decimal128Array, Int64Array, LargeStringArray,
    ListArray, RecordBatch, StringArray, StringViewArray,
};
use std::sync::Arc;

use arrow_schema::{DataType, Field};
use hedui_core::{Error, ErrorKind};
use jiff::civil::Date;
use rust_decimal::Decimal;

pub(crate) fn column_err(table: &str, column: &str, message: impl Into<String>) -> Error {
    Error::at(ErrorKind::CaseShape, format!("{table}.{column}"), message)
}

// ---------------------------------------------------------------------------------------------

pub(crate) struct Cols<'a> {
    pub(crate) name: &'static str,
    pub(crate) batch: &'a RecordBatch,
}

impl<'a> Cols<'a> {
    pub(crate) fn get(&self, column: &str) -> Option<&'a ArrayRef> {
        let i = self.batch.schema_ref().index_of(column).ok()?;
        self.batch.columns().get(i)
    }

    pub(crate) fn required(&self, column: &str) -> Result<&'a ArrayRef, Error> {
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

    pub(crate) fn text(&self, column: &str) -> Result<Option<Text>, Error> {
        self.get(column)
            .map(|a| Text::new(self.name, column, a))
            .transpose()
    }

    pub(crate) fn text_req(&self, column: &str) -> Result<Text, Error> {
        Text::new(self.name, column, self.required(column)?)
    }

    pub(crate) fn date(&self, column: &str) -> Result<Option<DateCol>, Error> {
        self.get(column)
            .map(|a| DateCol::new(self.name, column, a))
            .transpose()
    }

    pub(crate) fn date_req(&self, column: &str) -> Result<DateCol, Error> {
        DateCol::new(self.name, column, self.required(column)?)
    }

    pub(crate) fn money(&self, column: &str) -> Result<Option<Money>, Error> {
        self.get(column)
            .map(|a| Money::new(self.name, column, a))
            .transpose()
    }

    pub(crate) fn money_req(&self, column: &str) -> Result<Money, Error> {
        Money::new(self.name, column, self.required(column)?)
    }

    pub(crate) fn boolean(&self, column: &str) -> Result<Option<BooleanArray>, Error> {
        self.get(column)
            .map(|a| {
                let a = cast_to(self.name, column, a, &DataType::Boolean)?;
                Ok(a.as_boolean().clone())
            })
            .transpose()
    }

    pub(crate) fn int(&self, column: &str) -> Result<Option<Int64Array>, Error> {
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

    pub(crate) fn list(&self, column: &str) -> Result<Option<ListCol>, Error> {
        self.get(column)
            .map(|a| ListCol::new(self.name, column, a))
            .transpose()
    }

    pub(crate) fn key(&self, column: &str) -> Result<Key, Error> {
        Key::new(self.name, column, self.required(column)?)
    }
}

/// A whole float as `i64`, or `None` when it is out of range.
pub(crate) fn float_to_i64(v: f64) -> Option<i64> {
    format!("{v:.0}").parse().ok()
}

pub(crate) fn cast_to(
    table: &str,
    column: &str,
    a: &ArrayRef,
    to: &DataType,
) -> Result<ArrayRef, Error> {
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
pub(crate) enum Text {
    Utf8(StringArray),
    Large(LargeStringArray),
    View(StringViewArray),
}

impl Text {
    pub(crate) fn new(table: &str, column: &str, a: &ArrayRef) -> Result<Self, Error> {
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

    pub(crate) fn get(&self, i: usize) -> Option<&str> {
        match self {
            Text::Utf8(a) => (i < a.len() && a.is_valid(i)).then(|| a.value(i)),
            Text::Large(a) => (i < a.len() && a.is_valid(i)).then(|| a.value(i)),
            Text::View(a) => (i < a.len() && a.is_valid(i)).then(|| a.value(i)),
        }
    }
}

/// The join key: integers or strings.
pub(crate) enum Key {
    Int(Int64Array),
    Text(Text),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum KeyVal<'a> {
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
    pub(crate) fn new(table: &str, column: &str, a: &ArrayRef) -> Result<Self, Error> {
        if a.data_type().is_integer() {
            let a = cast_to(table, column, a, &DataType::Int64)?;
            Ok(Key::Int(a.as_primitive::<Int64Type>().clone()))
        } else {
            Text::new(table, column, a).map(Key::Text)
        }
    }

    pub(crate) fn get(&self, i: usize) -> Option<KeyVal<'_>> {
        match self {
            Key::Int(a) => (i < a.len() && a.is_valid(i)).then(|| KeyVal::Int(a.value(i))),
            Key::Text(t) => t.get(i).map(KeyVal::Text),
        }
    }

    pub(crate) const fn is_int(&self) -> bool {
        matches!(self, Key::Int(_))
    }
}

/// A date column: `date32` (also `date64` and timestamps, truncated) or `YYYY-MM-DD` text.
pub(crate) enum DateCol {
    Days(Date32Array),
    Text(Text),
}

impl DateCol {
    pub(crate) fn new(table: &str, column: &str, a: &ArrayRef) -> Result<Self, Error> {
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

    pub(crate) fn get(&self, i: usize) -> Result<Option<Date>, String> {
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
                // Household data: the message does not repeat the value.
                Some(s) => hedui_core::calendar::parse_date(s)
                    .map(Some)
                    .map_err(|_| hedui_core::calendar::NOT_A_DATE.to_owned()),
            },
        }
    }
}

/// Days since 1970-01-01 → civil date (Howard Hinnant's `civil_from_days`; integer only).
pub(crate) fn date_from_days(days: i32) -> Option<Date> {
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
pub(crate) enum Money {
    Dec(Decimal128Array, u32),
    Int(Int64Array),
    Text(Text),
}

impl Money {
    pub(crate) fn new(table: &str, column: &str, a: &ArrayRef) -> Result<Self, Error> {
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

    pub(crate) fn get(&self, i: usize) -> Result<Option<Decimal>, String> {
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

pub(crate) fn scale(table: &str, column: &str, s: i8) -> Result<u32, Error> {
    u32::try_from(s).ok().filter(|s| *s <= 28).ok_or_else(|| {
        column_err(
            table,
            column,
            format!("decimal scale {s} is not supported (0 to 28)"),
        )
    })
}

/// A list-of-strings column, or text with comma-separated values.
pub(crate) enum ListCol {
    List(ListArray, StringArray),
    Text(Text),
}

impl ListCol {
    pub(crate) fn new(table: &str, column: &str, a: &ArrayRef) -> Result<Self, Error> {
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

    pub(crate) fn get(&self, i: usize) -> ListIter<'_> {
        match self {
            ListCol::List(list, values) => {
                if i >= list.len() || list.is_null(i) {
                    return ListIter::Empty;
                }
                let offsets = list.value_offsets();
                let (Some(&start), Some(&end)) = (offsets.get(i), offsets.get(i + 1)) else {
                    return ListIter::Empty;
                };
                let (Ok(start), Ok(end)) = (usize::try_from(start), usize::try_from(end)) else {
                    return ListIter::Empty;
                };
                ListIter::List(values, start..end)
            }
            ListCol::Text(t) => t
                .get(i)
                .map_or(ListIter::Empty, |s| ListIter::Text(s.split(','))),
        }
    }
}

/// The items of one list cell, read in place (no vector per cell).
pub(crate) enum ListIter<'a> {
    /// Non-null values at these positions.
    List(&'a StringArray, std::ops::Range<usize>),
    /// Comma-separated text: trimmed, empty items skipped.
    Text(std::str::Split<'a, char>),
    Empty,
}

impl<'a> Iterator for ListIter<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        match self {
            ListIter::List(values, r) => r
                .by_ref()
                .find(|j| *j < values.len() && values.is_valid(*j))
                .map(|j| values.value(j)),
            ListIter::Text(parts) => parts.map(str::trim).find(|s| !s.is_empty()),
            ListIter::Empty => None,
        }
    }
}

pub(crate) fn get_bool(a: Option<&BooleanArray>, i: usize) -> Option<bool> {
    a.filter(|a| i < a.len() && a.is_valid(i))
        .map(|a| a.value(i))
}

pub(crate) fn get_int(a: Option<&Int64Array>, i: usize) -> Option<i64> {
    a.filter(|a| i < a.len() && a.is_valid(i))
        .map(|a| a.value(i))
}

// ---------------------------------------------------------------------------------------------
// The four tables
