//! The end-of-run summary of a scored register: households per program and status, total
//! monthly amounts, and households that failed, by error code.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use hedui_core::ErrorKind;
use hedui_core::case::Program;
use hedui_core::outcome::Status;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::results::{MONEY_SCALE, ResultRow};

/// The statuses in the order they are reported.
/// Column widths of the statuses in [`Summary::render`], in `Status::ALL` order.
const STATUS_WIDTHS: [usize; 4] = [10, 10, 12, 14];

/// One program's counts and money.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ProgramSummary {
    /// Households per status (`eligible`, `ineligible`, `needs_review`, `not_applicable`).
    pub households: BTreeMap<&'static str, u64>,
    /// Sum of the monthly amounts, in yuan with two decimals (a string on the wire).
    #[serde(with = "rust_decimal::serde::str")]
    pub monthly_amount: Decimal,
    /// Households with an amount.
    pub with_amount: u64,
    /// The sum of the monthly amounts overflowed a `Decimal` (`ErrorKind::Overflow`):
    /// `monthly_amount` holds the sum up to the household that overflowed it and is not the
    /// total. Serialized only when set.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub overflow: bool,
}

/// Counts for a whole run.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Households read (= result rows written).
    pub households: u64,
    /// Households that failed (each has its error in the result row).
    pub errors: u64,
    /// Failed households per error code.
    pub errors_by_code: BTreeMap<u32, u64>,
    /// Per program, in the order of the result columns.
    pub programs: Vec<(&'static str, ProgramSummary)>,
}

impl Summary {
    /// An empty summary for `programs`.
    pub fn new(programs: &[Program]) -> Self {
        Self {
            programs: programs
                .iter()
                .map(|p| {
                    let sum = ProgramSummary {
                        // Scale 2 from the start, so an empty sum still reads "0.00".
                        monthly_amount: Decimal::new(0, MONEY_SCALE.unsigned_abs().into()),
                        ..ProgramSummary::default()
                    };
                    (p.as_str(), sum)
                })
                .collect(),
            ..Self::default()
        }
    }

    /// Counts one household's row.
    pub fn add(&mut self, row: &ResultRow) {
        self.households += 1;
        if let Some(e) = row.error() {
            self.errors += 1;
            *self.errors_by_code.entry(e.code).or_default() += 1;
            return;
        }
        for (i, (_, p)) in self.programs.iter_mut().enumerate() {
            if let Some(s) = row.status(i) {
                *p.households.entry(s.as_str()).or_default() += 1;
            }
            // A decimal128(18, 2) value always fits a Decimal; a sum that would not is an
            // overflow, reported, and never saturated.
            if let Some(a) = row.amount_fen(i).and_then(|a| {
                Decimal::try_from_i128_with_scale(a, MONEY_SCALE.unsigned_abs().into()).ok()
            }) {
                match p.monthly_amount.checked_add(a) {
                    Some(sum) if !p.overflow => p.monthly_amount = sum,
                    _ => p.overflow = true,
                }
                p.with_amount += 1;
            }
        }
    }

    /// A plain-text table for a terminal.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "households: {}   with errors: {}",
            self.households, self.errors
        );
        let _ = write!(out, "\n{:<20}", "program");
        for (s, w) in Status::ALL.iter().zip(STATUS_WIDTHS) {
            let _ = write!(out, " {:>w$}", s.as_str());
        }
        let _ = writeln!(out, " {:>18}", "monthly amount");
        for (name, p) in &self.programs {
            let _ = write!(out, "{name:<20}");
            for (s, w) in Status::ALL.iter().zip(STATUS_WIDTHS) {
                let n = p.households.get(s.as_str()).copied().unwrap_or(0);
                let _ = write!(out, " {n:>w$}");
            }
            if p.overflow {
                let _ = writeln!(
                    out,
                    " {:>18}",
                    format!("overflow ({})", ErrorKind::Overflow.code())
                );
            } else {
                let _ = writeln!(out, " {:>18}", p.monthly_amount);
            }
        }
        if !self.errors_by_code.is_empty() {
            let _ = writeln!(out, "\nerrors by code:");
            for (code, n) in &self.errors_by_code {
                let _ = writeln!(out, "  {code}: {n}");
            }
        }
        out
    }
}
