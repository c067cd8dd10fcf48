//! The result table: one row per household with each program's status and monthly amount,
//! the income figures, and the error columns for a household that failed.

use std::sync::Arc;

use arrow_array::builder::{BooleanBuilder, Decimal128Builder, Int32Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use hedui_core::case::Program;
use hedui_core::outcome::Status;
use hedui_core::{Decision, Error, ErrorKind, Outcome};
use rust_decimal::{Decimal, RoundingStrategy};

/// Decimal type of every money column in the result.
pub const MONEY_PRECISION: u8 = 18;
/// Scale of every money column: fen.
pub const MONEY_SCALE: i8 = 2;

/// One household's result reduced to the output columns; built on a worker thread, pushed
/// into a [`ResultBuilder`] in input order.
#[derive(Clone, Debug)]
pub struct ResultRow {
    statuses: Vec<Option<Status>>,
    amounts: Vec<Option<i128>>,
    per_capita: Option<i128>,
    total: Option<i128>,
    counted: Option<i32>,
    illustrative: Option<bool>,
    error: Option<RowError>,
}

/// A decimal as a `decimal128(18, 2)` value, rounded half away from zero to the fen (the
/// same rounding the outcome JSON shows); an amount that does not fit is an overflow error
/// (`ErrorKind::Overflow`) naming `what`, never a silent null.
pub(crate) fn fen_of(d: Decimal, what: &str) -> Result<i128, RowError> {
    let mut r = d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(2);
    let m = r.mantissa();
    if r.scale() == 2 && m.unsigned_abs() < 10u128.pow(u32::from(MONEY_PRECISION)) {
        Ok(m)
    } else {
        Err(RowError {
            code: ErrorKind::Overflow.code(),
            path: None,
            message: format!(
                "{what} {d} does not fit decimal128({MONEY_PRECISION}, {MONEY_SCALE})"
            ),
            more: 0,
        })
    }
}

/// [`fen_of`] of an optional amount.
fn fen(d: Option<Decimal>, what: &str) -> Result<Option<i128>, RowError> {
    d.map(|d| fen_of(d, what)).transpose()
}

impl ResultRow {
    /// The columns of an outcome, for `programs` in that order; a household whose amount does
    /// not fit the money columns gets an overflow error instead.
    pub fn from_outcome(programs: &[Program], o: &Outcome) -> Self {
        Self::from_figures(
            programs,
            |p| o.program(p).map(|x| (x.status, x.amount)),
            [o.income.per_capita_monthly, o.income.total_monthly],
            i32::try_from(o.household.counted.len()).ok(),
            o.illustrative,
        )
    }

    /// The columns of a decision (the same values as [`ResultRow::from_outcome`] of the full
    /// outcome; the core checks the two modes agree).
    pub fn from_decision(programs: &[Program], d: &Decision) -> Self {
        Self::from_figures(
            programs,
            |p| d.program(p).map(|x| (x.status, x.amount)),
            [d.per_capita_income, d.total_monthly_income],
            i32::try_from(d.counted_members).ok(),
            d.illustrative,
        )
    }

    /// The row of one household's figures: per program its status and amount, the income
    /// per capita and in total.
    fn from_figures(
        programs: &[Program],
        program: impl Fn(Program) -> Option<(Status, Option<Decimal>)>,
        [per_capita, total]: [Option<Decimal>; 2],
        counted: Option<i32>,
        illustrative: bool,
    ) -> Self {
        let row = || -> Result<Self, RowError> {
            let mut statuses = Vec::with_capacity(programs.len());
            let mut amounts = Vec::with_capacity(programs.len());
            for p in programs {
                let r = program(*p);
                statuses.push(r.map(|x| x.0));
                amounts.push(fen(r.and_then(|x| x.1), p.as_str())?);
            }
            Ok(Self {
                statuses,
                amounts,
                per_capita: fen(per_capita, "per_capita_income")?,
                total: fen(total, "total_monthly_income")?,
                counted,
                illustrative: Some(illustrative),
                error: None,
            })
        };
        row().unwrap_or_else(|e| Self::from_error(programs, e))
    }

    /// A household that failed: every result column null, the error columns set.
    pub fn from_error(programs: &[Program], error: RowError) -> Self {
        Self {
            statuses: vec![None; programs.len()],
            amounts: vec![None; programs.len()],
            per_capita: None,
            total: None,
            counted: None,
            illustrative: None,
            error: Some(error),
        }
    }

    /// Status of the `i`-th program (in the builder's order), if assessed.
    pub fn status(&self, i: usize) -> Option<Status> {
        self.statuses.get(i).copied().flatten()
    }

    /// Monthly amount of the `i`-th program, in fen.
    pub fn amount_fen(&self, i: usize) -> Option<i128> {
        self.amounts.get(i).copied().flatten()
    }

    /// The error, for a household that failed.
    pub fn error(&self) -> Option<&RowError> {
        self.error.as_ref()
    }
}

/// Why a household has no result: its error code, path and message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    /// The stable error code (`hedui_core::ErrorKind::code`; `ErrorKind::Panic` for a caught
    /// panic).
    pub code: u32,
    /// The field path of the first problem, in the case's terms.
    pub path: Option<String>,
    /// The first problem's message.
    pub message: String,
    /// How many more problems the household had.
    pub more: usize,
}

impl RowError {
    /// The first problem of a core error, and how many more there were.
    pub fn from_core(e: &Error) -> Self {
        let p = e.primary();
        Self {
            code: p.code(),
            path: p.path.clone(),
            message: p.message.clone(),
            more: e.problems().len().saturating_sub(1),
        }
    }

    /// A panic caught while evaluating one household (`ErrorKind::Panic`): the household's
    /// error, never the run's. The message names no case data.
    pub fn panic() -> Self {
        Self {
            code: ErrorKind::Panic.code(),
            path: None,
            message: "internal error while evaluating this household (a bug; please report it)"
                .to_owned(),
            more: 0,
        }
    }
}

/// Accumulates [`ResultRow`]s into one record batch.
#[derive(Debug)]
pub struct ResultBuilder {
    programs: Vec<Program>,
    rows: usize,
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

impl ResultBuilder {
    /// A builder for `programs` (one status and one amount column each), sized for `n` rows.
    pub fn new(programs: &[Program], n: usize) -> Result<Self, Error> {
        Ok(Self {
            programs: programs.to_vec(),
            rows: 0,
            statuses: (0..programs.len())
                .map(|_| StringBuilder::with_capacity(n, n * 10))
                .collect(),
            amounts: (0..programs.len())
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

    /// Appends one household's row.
    pub fn push(&mut self, row: ResultRow) {
        self.rows += 1;
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
                let message = if f.more > 0 {
                    format!("{} (and {} more)", f.message, f.more)
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

    /// Rows pushed so far.
    pub fn len(&self) -> usize {
        self.rows
    }

    /// Whether no row was pushed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The result batch: `household_id` (the caller's column, as given), then the result
    /// columns. `ids` must have one value per pushed row.
    pub fn finish(mut self, ids: ArrayRef, id_field: &Field) -> Result<RecordBatch, Error> {
        let programs = std::mem::take(&mut self.programs);
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
