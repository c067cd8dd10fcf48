//! The end-of-run summary of a scored register: households per program and status, total
//! monthly amounts, and households that failed, by error code.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use hedui_core::case::Program;
use hedui_core::outcome::Status;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::results::{MONEY_SCALE, ResultRow};

/// The statuses in the order they are reported.
const STATUSES: [Status; 4] = [
    Status::Eligible,
    Status::Ineligible,
    Status::NeedsReview,
    Status::NotApplicable,
];

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
    #[serde(skip)]
    fen: Vec<i128>,
}

impl Summary {
    /// An empty summary for `programs`.
    pub fn new(programs: &[Program]) -> Self {
        Self {
            programs: programs
                .iter()
                .map(|p| (p.as_str(), ProgramSummary::default()))
                .collect(),
            fen: vec![0; programs.len()],
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
        for (i, ((_, p), fen)) in self.programs.iter_mut().zip(&mut self.fen).enumerate() {
            if let Some(s) = row.status(i) {
                *p.households.entry(s.as_str()).or_default() += 1;
            }
            if let Some(a) = row.amount_fen(i) {
                *fen = fen.saturating_add(a);
                p.with_amount += 1;
            }
        }
        self.sync_amounts();
    }

    /// Adds another summary of the same programs (from another chunk or worker).
    pub fn merge(&mut self, other: &Summary) {
        self.households += other.households;
        self.errors += other.errors;
        for (code, n) in &other.errors_by_code {
            *self.errors_by_code.entry(*code).or_default() += n;
        }
        for (((_, p), fen), ((_, q), g)) in self
            .programs
            .iter_mut()
            .zip(&mut self.fen)
            .zip(other.programs.iter().zip(&other.fen))
        {
            for (s, n) in &q.households {
                *p.households.entry(s).or_default() += n;
            }
            p.with_amount += q.with_amount;
            *fen = fen.saturating_add(*g);
        }
        self.sync_amounts();
    }

    fn sync_amounts(&mut self) {
        for ((_, p), fen) in self.programs.iter_mut().zip(&self.fen) {
            // Sums of decimal128(18, 2) values: far inside Decimal's 96-bit range for any
            // register that fits a machine; saturate rather than wrap beyond it.
            let m = i64::try_from(*fen).unwrap_or(if *fen < 0 { i64::MIN } else { i64::MAX });
            p.monthly_amount = Decimal::new(m, MONEY_SCALE.unsigned_abs().into());
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
        let _ = writeln!(
            out,
            "\n{:<20} {:>10} {:>10} {:>12} {:>14} {:>18}",
            "program", "eligible", "ineligible", "needs_review", "not_applicable", "monthly amount"
        );
        for (name, p) in &self.programs {
            let n = |s: Status| p.households.get(s.as_str()).copied().unwrap_or(0);
            let _ = writeln!(
                out,
                "{:<20} {:>10} {:>10} {:>12} {:>14} {:>18}",
                name,
                n(STATUSES[0]),
                n(STATUSES[1]),
                n(STATUSES[2]),
                n(STATUSES[3]),
                p.monthly_amount
            );
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
