//! What-if comparisons: a register scored under a base policy and a reform in one pass,
//! summarised per program and region; and sweeps of one parameter over a range of values.
//!
//! Each household is assembled once and evaluated under both engines on a worker thread
//! ([`evaluate_pair`]); the pairs are then added, in input order, to a [`Comparison`]. A
//! household that fails under either policy is counted in `errors` and left out of every
//! other figure, so the `before` totals equal the sum of the household results under the
//! base policy over the households that did not fail (and likewise `after`).
//!
//! Amounts are the programs' monthly amounts, except temporary relief, whose amount is one-off
//! (`basis = one_off`; [`Program::basis`]); the annual figures are the amount times
//! [`Program::payments_per_year`] (12 × monthly, a household in the program all year, or the
//! one-off amount once). Everything is counted in fen (`i128`) and shown as
//! `Decimal` with two places; quantiles are exact amounts of a household (nearest rank, no
//! interpolation).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use arrow_array::builder::{Decimal128Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use hedui_core::case::{Case, PaymentBasis, Program};
use hedui_core::outcome::Status;
use hedui_core::{Engine, Error, ErrorKind, Outcome, Override, RawValue, Reform};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::results::{MONEY_PRECISION, MONEY_SCALE, RowError, fen_of};

/// One household under one policy: per program its status, amount (fen, 0 when none) and the
/// people it covers; or the household's error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Side {
    statuses: Vec<Option<Status>>,
    amounts: Vec<i128>,
    people: Vec<u32>,
    error: Option<RowError>,
}

/// The largest total, in fen, a comparison or sweep holds: twelve times it (a year of
/// payments) still fits a `Decimal`, so every figure derived from a total is exact. A
/// household whose amounts would take a total past it is counted as failed (an overflow),
/// never added with a saturated or wrapped sum.
const MAX_TOTAL_FEN: u128 = ((1u128 << 96) - 1) / 12;

/// `total + fen`, if the sum stays within [`MAX_TOTAL_FEN`].
fn plus(total: i128, fen: i128) -> Option<i128> {
    total
        .checked_add(fen)
        .filter(|t| t.unsigned_abs() <= MAX_TOTAL_FEN)
}

/// Fen as yuan. Every value passed here is a total or a difference of two totals (or of two
/// household amounts), each checked against [`MAX_TOTAL_FEN`] when it was added, times at most
/// twelve, so it always fits; the `Decimal::MAX` branch cannot be reached.
fn yuan(fen: i128) -> Decimal {
    Decimal::try_from_i128_with_scale(fen, 2).unwrap_or(Decimal::MAX)
}

/// How many payments of the amount a year holds ([`Program::payments_per_year`]).
fn payments_a_year(p: Program) -> i128 {
    i128::from(p.payments_per_year())
}

impl Side {
    /// The figures of `programs` (in that order) in an outcome. People: the counted members
    /// for a household program, the eligible members for tekun and single-person dibao. An
    /// amount that does not fit `decimal128(18, 2)` makes the household an overflow error.
    pub fn from_outcome(programs: &[Program], o: &Outcome) -> Self {
        let counted = u32::try_from(o.household.counted.len()).unwrap_or(u32::MAX);
        let mut s = Self {
            statuses: Vec::with_capacity(programs.len()),
            amounts: Vec::with_capacity(programs.len()),
            people: Vec::with_capacity(programs.len()),
            error: None,
        };
        for p in programs {
            let r = o.program(*p);
            let status = r.map(|x| x.status);
            let eligible = status == Some(Status::Eligible);
            s.statuses.push(status);
            let amount = r.and_then(|x| x.amount).filter(|_| eligible);
            match amount.map(|a| fen_of(a, p.as_str())).transpose() {
                Ok(f) => s.amounts.push(f.unwrap_or(0)),
                Err(e) => return Self::from_error(programs, e),
            }
            s.people.push(match r {
                Some(x) if eligible && p.per_person() => u32::try_from(
                    x.members
                        .iter()
                        .filter(|m| m.status == Status::Eligible)
                        .count(),
                )
                .unwrap_or(u32::MAX),
                Some(_) if eligible => counted,
                _ => 0,
            });
        }
        s
    }

    /// A household that failed.
    pub fn from_error(programs: &[Program], error: RowError) -> Self {
        Self {
            statuses: vec![None; programs.len()],
            amounts: vec![0; programs.len()],
            people: vec![0; programs.len()],
            error: Some(error),
        }
    }

    /// Status of the `i`-th program.
    pub fn status(&self, i: usize) -> Option<Status> {
        self.statuses.get(i).copied().flatten()
    }

    /// Amount of the `i`-th program in fen (0 unless eligible).
    pub fn amount_fen(&self, i: usize) -> i128 {
        self.amounts.get(i).copied().unwrap_or(0)
    }

    /// People the `i`-th program covers (0 unless eligible).
    pub fn people(&self, i: usize) -> u32 {
        self.people.get(i).copied().unwrap_or(0)
    }

    /// The error, for a household that failed.
    pub fn error(&self) -> Option<&RowError> {
        self.error.as_ref()
    }

    fn eligible(&self, i: usize) -> bool {
        self.status(i) == Some(Status::Eligible)
    }
}

/// Evaluates one household under `engine`; a panic becomes the household's error.
pub fn evaluate_side(engine: &Engine, case: &Case, programs: &[Program]) -> Side {
    match catch_unwind(AssertUnwindSafe(|| engine.evaluate(case))) {
        Ok(Ok(o)) => Side::from_outcome(programs, &o),
        Ok(Err(e)) => Side::from_error(programs, RowError::from_core(&e)),
        Err(_) => Side::from_error(programs, RowError::panic()),
    }
}

/// One household under the base policy and the reform.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    /// The case's region code (empty when the household could not be read).
    pub region: String,
    /// Under the base policy.
    pub before: Side,
    /// Under the reform.
    pub after: Side,
}

/// Assembles and evaluates one household under both engines (`case` is what reading it
/// gave: a case, or why it is not one).
pub fn evaluate_pair(
    base: &Engine,
    reform: &Engine,
    case: Result<Case, Error>,
    programs: &[Program],
) -> Pair {
    match case {
        Ok(c) => Pair {
            before: evaluate_side(base, &c, programs),
            after: evaluate_side(reform, &c, programs),
            region: c.region,
        },
        Err(e) => {
            let err = RowError::from_core(&e);
            Pair {
                region: String::new(),
                before: Side::from_error(programs, err.clone()),
                after: Side::from_error(programs, err),
            }
        }
    }
}

/// Running totals for one program in one region.
#[derive(Clone, Debug, Default)]
struct Acc {
    households: u64,
    eligible: [u64; 2],
    people: [u64; 2],
    review: [u64; 2],
    newly: u64,
    no_longer: u64,
    fen: [i128; 2],
    losers: u64,
    unchanged: u64,
    gainers: u64,
    /// The change of every household whose amount changed (fen).
    changes: Vec<i128>,
}

/// Base-versus-reform totals per program and region; add pairs in any order (the result
/// does not depend on it).
#[derive(Clone, Debug)]
pub struct Comparison {
    programs: Vec<Program>,
    regions: BTreeMap<String, Vec<Acc>>,
    errors: BTreeMap<String, u64>,
    /// Per program, the fen before and after over every region (bounds every total).
    total: Totals,
}

/// Per program, the fen before and after over every household added, each within
/// [`MAX_TOTAL_FEN`].
#[derive(Clone, Debug, Default)]
struct Totals(Vec<[i128; 2]>);

impl Totals {
    /// Whether adding the pair's amounts keeps every total within [`MAX_TOTAL_FEN`].
    fn fits_all(&self, n: usize, b: &Side, a: &Side) -> bool {
        (0..n).all(|i| {
            let t = self.0.get(i).copied().unwrap_or_default();
            plus(t[0], b.amount_fen(i)).is_some() && plus(t[1], a.amount_fen(i)).is_some()
        })
    }

    /// Adds the pair's amounts (after [`Totals::fits_all`]).
    fn add_all(&mut self, n: usize, b: &Side, a: &Side) {
        self.0.resize(n, [0, 0]);
        for (i, t) in self.0.iter_mut().enumerate() {
            t[0] += b.amount_fen(i);
            t[1] += a.amount_fen(i);
        }
    }
}

/// One program in one region (or every region, for [`Comparison::totals`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CompareRow {
    /// Program.
    pub program: &'static str,
    /// Region code as the cases give it (`*` in totals).
    pub region: String,
    /// `monthly`, or `one_off` for temporary relief.
    pub basis: &'static str,
    /// Households assessed under both policies.
    pub households: u64,
    /// Households that failed under either policy (left out of everything else).
    pub errors: u64,
    /// Households eligible under the base policy.
    pub eligible_before: u64,
    /// Households eligible under the reform.
    pub eligible_after: u64,
    /// People covered under the base policy (counted members; eligible members for tekun
    /// and single-person dibao).
    pub people_before: u64,
    /// People covered under the reform.
    pub people_after: u64,
    /// Eligible under the reform, not under the base policy.
    pub newly_eligible: u64,
    /// Eligible under the base policy, not under the reform.
    pub no_longer_eligible: u64,
    /// Households left to a caseworker (`needs_review`) under the base policy.
    pub review_before: u64,
    /// … under the reform.
    pub review_after: u64,
    /// Total amount under the base policy (monthly, or one-off).
    #[serde(with = "rust_decimal::serde::str")]
    pub amount_before: Decimal,
    /// Total amount under the reform.
    #[serde(with = "rust_decimal::serde::str")]
    pub amount_after: Decimal,
    /// `amount_after − amount_before`.
    #[serde(with = "rust_decimal::serde::str")]
    pub amount_change: Decimal,
    /// Per year: 12 × a monthly amount, or a one-off amount once.
    #[serde(with = "rust_decimal::serde::str")]
    pub annual_before: Decimal,
    /// Per year, under the reform.
    #[serde(with = "rust_decimal::serde::str")]
    pub annual_after: Decimal,
    /// `annual_after − annual_before`.
    #[serde(with = "rust_decimal::serde::str")]
    pub annual_change: Decimal,
    /// Households whose amount falls.
    pub losers: u64,
    /// Households whose amount stays the same (including those in the program under neither).
    pub unchanged: u64,
    /// Households whose amount rises.
    pub gainers: u64,
    /// Over the households whose amount changes: the smallest change, the 10th, 50th and 90th
    /// percentiles (nearest rank) and the largest; `None` when no amount changes.
    pub change_quantiles: Option<[Decimal; 5]>,
}

/// The quantile levels of [`CompareRow::change_quantiles`], in percent.
pub const QUANTILES: [u32; 5] = [0, 10, 50, 90, 100];

/// The nearest-rank quantile `q` (percent) of sorted `v` (non-empty).
fn nearest_rank(v: &[i128], q: u32) -> i128 {
    let n = v.len();
    // rank = ceil(q/100 × n), at least 1.
    let rank = (usize::try_from(q).unwrap_or(100) * n).div_ceil(100).max(1);
    v.get(rank - 1).or(v.last()).copied().unwrap_or(0)
}

impl Acc {
    /// Whether program `i` of the pair can be added without a total passing
    /// [`MAX_TOTAL_FEN`].
    fn fits(&self, i: usize, b: &Side, a: &Side) -> bool {
        self.fen
            .iter()
            .zip([b, a])
            .all(|(f, s)| plus(*f, s.amount_fen(i)).is_some())
    }

    fn add(&mut self, i: usize, b: &Side, a: &Side) {
        self.households += 1;
        let (eb, ea) = (b.eligible(i), a.eligible(i));
        for (k, (s, e)) in [(b, eb), (a, ea)].into_iter().enumerate() {
            if let (Some(x), Some(y), Some(z)) = (
                self.eligible.get_mut(k),
                self.people.get_mut(k),
                self.review.get_mut(k),
            ) {
                *x += u64::from(e);
                *y += u64::from(s.people(i));
                *z += u64::from(s.status(i) == Some(Status::NeedsReview));
            }
            if let Some(f) = self.fen.get_mut(k) {
                // Within MAX_TOTAL_FEN: `fits` was checked before.
                *f += s.amount_fen(i);
            }
        }
        self.newly += u64::from(ea && !eb);
        self.no_longer += u64::from(eb && !ea);
        let change = a.amount_fen(i) - b.amount_fen(i);
        match change.signum() {
            -1 => self.losers += 1,
            0 => self.unchanged += 1,
            _ => self.gainers += 1,
        }
        if change != 0 {
            self.changes.push(change);
        }
    }

    fn merge(&mut self, o: &Acc) {
        self.households += o.households;
        for k in 0..2 {
            if let (Some(a), Some(b)) = (self.eligible.get_mut(k), o.eligible.get(k)) {
                *a += b;
            }
            if let (Some(a), Some(b)) = (self.people.get_mut(k), o.people.get(k)) {
                *a += b;
            }
            if let (Some(a), Some(b)) = (self.review.get_mut(k), o.review.get(k)) {
                *a += b;
            }
            if let (Some(a), Some(b)) = (self.fen.get_mut(k), o.fen.get(k)) {
                // The regions' totals add up to the comparison's total, which `fits` bounds.
                *a += *b;
            }
        }
        self.newly += o.newly;
        self.no_longer += o.no_longer;
        self.losers += o.losers;
        self.unchanged += o.unchanged;
        self.gainers += o.gainers;
        self.changes.extend_from_slice(&o.changes);
    }

    fn row(&self, program: Program, region: String, errors: u64) -> CompareRow {
        let [before, after] = self.fen;
        let months = payments_a_year(program);
        let quantiles = (!self.changes.is_empty()).then(|| {
            let mut v = self.changes.clone();
            v.sort_unstable();
            QUANTILES.map(|q| yuan(nearest_rank(&v, q)))
        });
        CompareRow {
            program: program.as_str(),
            region,
            basis: program.basis().as_str(),
            households: self.households,
            errors,
            eligible_before: self.eligible[0],
            eligible_after: self.eligible[1],
            people_before: self.people[0],
            people_after: self.people[1],
            newly_eligible: self.newly,
            no_longer_eligible: self.no_longer,
            review_before: self.review[0],
            review_after: self.review[1],
            amount_before: yuan(before),
            amount_after: yuan(after),
            amount_change: yuan(after - before),
            // Totals are within MAX_TOTAL_FEN, so twelve times them (or their difference)
            // fits.
            annual_before: yuan(before * months),
            annual_after: yuan(after * months),
            annual_change: yuan((after - before) * months),
            losers: self.losers,
            unchanged: self.unchanged,
            gainers: self.gainers,
            change_quantiles: quantiles,
        }
    }
}

impl Comparison {
    /// An empty comparison of `programs`.
    pub fn new(programs: &[Program]) -> Self {
        Self {
            programs: programs.to_vec(),
            regions: BTreeMap::new(),
            errors: BTreeMap::new(),
            total: Totals::default(),
        }
    }

    /// The programs compared, in column order.
    pub fn programs(&self) -> &[Program] {
        &self.programs
    }

    /// Counts one household.
    pub fn add(&mut self, pair: &Pair) {
        if pair.before.error().is_some() || pair.after.error().is_some() {
            *self.errors.entry(pair.region.clone()).or_default() += 1;
            return;
        }
        let (b, a) = (&pair.before, &pair.after);
        let n = self.programs.len();
        let fits = self.total.fits_all(n, b, a)
            && self
                .regions
                .get(pair.region.as_str())
                .is_none_or(|accs| accs.iter().enumerate().all(|(i, x)| x.fits(i, b, a)));
        if !fits {
            // A total would overflow: the household is counted as failed, not summed wrongly.
            *self.errors.entry(pair.region.clone()).or_default() += 1;
            return;
        }
        self.total.add_all(n, b, a);
        let accs = match self.regions.get_mut(pair.region.as_str()) {
            Some(a) => a,
            None => self
                .regions
                .entry(pair.region.clone())
                .or_insert_with(|| vec![Acc::default(); n]),
        };
        for (i, acc) in accs.iter_mut().enumerate() {
            acc.add(i, b, a);
        }
    }

    /// Households that failed under either policy.
    pub fn errors(&self) -> u64 {
        self.errors.values().sum()
    }

    /// One row per region (in code order) and program (in column order). A region whose
    /// every household failed has rows with only `errors` set.
    pub fn rows(&self) -> Vec<CompareRow> {
        let mut codes: Vec<&String> = self.regions.keys().chain(self.errors.keys()).collect();
        codes.sort();
        codes.dedup();
        let empty = vec![Acc::default(); self.programs.len()];
        let mut out = Vec::new();
        for code in codes {
            let accs = self.regions.get(code).unwrap_or(&empty);
            let errors = self.errors.get(code).copied().unwrap_or(0);
            for (p, acc) in self.programs.iter().zip(accs) {
                out.push(acc.row(*p, code.clone(), errors));
            }
        }
        out
    }

    /// One row per program over every region (`region = "*"`).
    pub fn totals(&self) -> Vec<CompareRow> {
        let errors = self.errors();
        self.programs
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let mut total = Acc::default();
                for accs in self.regions.values() {
                    if let Some(a) = accs.get(i) {
                        total.merge(a);
                    }
                }
                total.row(*p, "*".to_owned(), errors)
            })
            .collect()
    }

    /// The rows of [`Comparison::rows`] as an Arrow batch; money is `decimal128(18, 2)`,
    /// counts are `int64`.
    pub fn to_batch(&self) -> Result<RecordBatch, Error> {
        rows_batch(&self.rows())
    }

    /// A readable summary: the totals per program, then per region.
    pub fn render(&self, label: &str) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "提案 / reform: {label}");
        let totals = self.totals();
        render_rows(&mut s, &totals);
        let regions: Vec<CompareRow> = self.rows();
        if self.regions.len() + self.errors.len() > 1 {
            let _ = writeln!(s, "\n按地区 / by region:");
            render_rows(&mut s, &regions);
        }
        let errors = self.errors();
        if errors > 0 {
            let _ = writeln!(
                s,
                "\n{errors} household(s) failed under at least one policy and are left out of every figure; `hedui score` lists their errors"
            );
        }
        s
    }
}

fn render_rows(s: &mut String, rows: &[CompareRow]) {
    let _ = writeln!(
        s,
        "{:<18} {:<7} {:>9} {:>9} {:>9} {:>7} {:>7} {:>9} {:>9} {:>15} {:>15} {:>14} {:>16}",
        "program",
        "region",
        "assessed",
        "elig.now",
        "elig.new",
        "+new",
        "-lost",
        "people",
        "→people",
        "amount now",
        "amount new",
        "change",
        "change/year"
    );
    for r in rows {
        let _ = writeln!(
            s,
            "{:<18} {:<7} {:>9} {:>9} {:>9} {:>7} {:>7} {:>9} {:>9} {:>15} {:>15} {:>14} {:>16}",
            r.program,
            if r.region.is_empty() { "?" } else { &r.region },
            r.households,
            r.eligible_before,
            r.eligible_after,
            r.newly_eligible,
            r.no_longer_eligible,
            r.people_before,
            r.people_after,
            r.amount_before,
            r.amount_after,
            signed(r.amount_change),
            signed(r.annual_change),
        );
        let q = r.change_quantiles.as_ref().map_or(String::new(), |q| {
            format!(
                "; change min {} p10 {} p50 {} p90 {} max {}",
                signed(q[0]),
                signed(q[1]),
                signed(q[2]),
                signed(q[3]),
                signed(q[4])
            )
        });
        let _ = writeln!(
            s,
            "{:<26} {} gain, {} lose, {} unchanged{q}{}",
            "",
            r.gainers,
            r.losers,
            r.unchanged,
            if r.basis == PaymentBasis::OneOff.as_str() {
                " (one-off amounts)"
            } else {
                ""
            }
        );
    }
}

fn signed(d: Decimal) -> String {
    if d.is_sign_positive() && !d.is_zero() {
        format!("+{d}")
    } else {
        d.to_string()
    }
}

fn money_builder(n: usize) -> Result<Decimal128Builder, Error> {
    Decimal128Builder::with_capacity(n)
        .with_precision_and_scale(MONEY_PRECISION, MONEY_SCALE)
        .map_err(|e| Error::bare(ErrorKind::Internal, e.to_string()))
}

/// A money figure as a `decimal128(18, 2)` value; one that does not fit is an overflow error.
fn money_value(d: Decimal) -> Result<i128, Error> {
    fen_of(d, "a total").map_err(|e| Error::bare(ErrorKind::Overflow, e.message))
}

/// Comparison rows as an Arrow batch (see [`Comparison::to_batch`]).
pub fn rows_batch(rows: &[CompareRow]) -> Result<RecordBatch, Error> {
    let n = rows.len();
    let mut text: Vec<(&str, StringBuilder)> = ["program", "region", "basis"]
        .into_iter()
        .map(|c| (c, StringBuilder::with_capacity(n, n * 8)))
        .collect();
    let count_names = [
        "households",
        "errors",
        "eligible_before",
        "eligible_after",
        "people_before",
        "people_after",
        "newly_eligible",
        "no_longer_eligible",
        "review_before",
        "review_after",
        "losers",
        "unchanged",
        "gainers",
    ];
    let mut counts: Vec<Int64Builder> = count_names
        .iter()
        .map(|_| Int64Builder::with_capacity(n))
        .collect();
    let money_names = [
        "amount_before",
        "amount_after",
        "amount_change",
        "annual_before",
        "annual_after",
        "annual_change",
        "change_min",
        "change_p10",
        "change_p50",
        "change_p90",
        "change_max",
    ];
    let mut money: Vec<Decimal128Builder> = money_names
        .iter()
        .map(|_| money_builder(n))
        .collect::<Result<_, _>>()?;
    for r in rows {
        for ((_, b), v) in text.iter_mut().zip([r.program, r.region.as_str(), r.basis]) {
            b.append_value(v);
        }
        let cs = [
            r.households,
            r.errors,
            r.eligible_before,
            r.eligible_after,
            r.people_before,
            r.people_after,
            r.newly_eligible,
            r.no_longer_eligible,
            r.review_before,
            r.review_after,
            r.losers,
            r.unchanged,
            r.gainers,
        ];
        for (b, c) in counts.iter_mut().zip(cs) {
            b.append_value(i64::try_from(c).unwrap_or(i64::MAX));
        }
        let q = r.change_quantiles;
        let ms = [
            Some(r.amount_before),
            Some(r.amount_after),
            Some(r.amount_change),
            Some(r.annual_before),
            Some(r.annual_after),
            Some(r.annual_change),
            q.map(|q| q[0]),
            q.map(|q| q[1]),
            q.map(|q| q[2]),
            q.map(|q| q[3]),
            q.map(|q| q[4]),
        ];
        for (b, m) in money.iter_mut().zip(ms) {
            b.append_option(m.map(money_value).transpose()?);
        }
    }
    let mut fields = Vec::new();
    let mut columns: Vec<ArrayRef> = Vec::new();
    for (name, mut b) in text {
        fields.push(Field::new(name, DataType::Utf8, false));
        columns.push(Arc::new(b.finish()));
    }
    for (name, mut b) in count_names.iter().zip(counts) {
        fields.push(Field::new(*name, DataType::Int64, false));
        columns.push(Arc::new(b.finish()));
    }
    for (name, mut b) in money_names.iter().zip(money) {
        let nullable = name.starts_with("change_");
        fields.push(Field::new(
            *name,
            DataType::Decimal128(MONEY_PRECISION, MONEY_SCALE),
            nullable,
        ));
        columns.push(Arc::new(b.finish()));
    }
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns)
        .map_err(|e| Error::bare(ErrorKind::Internal, e.to_string()))
}

// ---------------------------------------------------------------------------------------------
// Sweeps

/// One engine per value of `key`, each the base policy with `key` set to that value for
/// `region` (and below; every region when `None`) from `from` on. Values are typed like
/// policy values; a bad one is reported with its index (`values[i]`).
pub fn sweep_engines(
    base: &Engine,
    key: &str,
    region: Option<&str>,
    from: Option<jiff::civil::Date>,
    values: &[RawValue],
) -> Result<Vec<Engine>, Error> {
    let mut engines = Vec::with_capacity(values.len());
    let mut problems = Vec::new();
    for (i, v) in values.iter().enumerate() {
        let reform = Reform::new(
            format!("sweep {key} #{i}"),
            vec![Override {
                key: key.to_owned(),
                value: v.clone(),
                from,
                to: None,
                label: String::new(),
                region: region.map(str::to_owned),
            }],
        );
        match base.with_reform(&reform) {
            Ok(e) => engines.push(e),
            Err(e) => problems.extend(e.problems().iter().cloned().map(|mut p| {
                if p.path.as_deref() == Some("override[0].value") {
                    p.path = Some(format!("values[{i}]"));
                } else if let Some(path) = &p.path {
                    p.path = Some(path.replace("override[0].", ""));
                }
                p
            })),
        }
    }
    if problems.is_empty() {
        Ok(engines)
    } else {
        problems.dedup_by(|a, b| a.path == b.path && a.message == b.message);
        Err(Error::from_problems(problems))
    }
}

/// One value of a sweep for one program.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SweepRow {
    /// The parameter's value.
    #[serde(with = "rust_decimal::serde::str")]
    pub value: Decimal,
    /// Program.
    pub program: &'static str,
    /// `monthly`, or `one_off` for temporary relief.
    pub basis: &'static str,
    /// Households assessed under every value.
    pub households: u64,
    /// Households that failed under any value (left out of everything else).
    pub errors: u64,
    /// Households eligible.
    pub eligible: u64,
    /// People covered.
    pub people: u64,
    /// Total amount (monthly, or one-off).
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    /// Per year: 12 × a monthly amount, or a one-off amount once.
    #[serde(with = "rust_decimal::serde::str")]
    pub annual: Decimal,
}

/// One household under each engine of a sweep, in order (`case` is what reading it gave: a
/// case, or why it is not one, which then stands as the household's only side).
pub fn evaluate_sweep(
    engines: &[Engine],
    case: Result<Case, RowError>,
    programs: &[Program],
) -> Vec<Side> {
    match case {
        Ok(c) => engines
            .iter()
            .map(|e| evaluate_side(e, &c, programs))
            .collect(),
        Err(e) => vec![Side::from_error(programs, e)],
    }
}

/// Per value of a sweep and per program: households and people eligible and the total amount.
#[derive(Clone, Debug)]
pub struct Sweep {
    programs: Vec<Program>,
    values: Vec<Decimal>,
    /// `[value][program]` → (households, people, fen).
    tally: Vec<Vec<(u64, u64, i128)>>,
    households: u64,
    errors: u64,
}

impl Sweep {
    /// An empty sweep over `values` (as shown in the result) for `programs`.
    pub fn new(values: Vec<Decimal>, programs: &[Program]) -> Self {
        Self {
            tally: vec![vec![(0, 0, 0); programs.len()]; values.len()],
            programs: programs.to_vec(),
            values,
            households: 0,
            errors: 0,
        }
    }

    /// Counts one household's results, one [`Side`] per value in order. A household that
    /// fails under any value is counted in `errors` only.
    pub fn add(&mut self, sides: &[Side]) {
        if sides.iter().any(|s| s.error().is_some()) {
            self.errors += 1;
            return;
        }
        let fits = self.tally.iter().zip(sides).all(|(t, s)| {
            t.iter()
                .enumerate()
                .all(|(i, x)| !s.eligible(i) || plus(x.2, s.amount_fen(i)).is_some())
        });
        if !fits {
            // A total would overflow: the household is counted as failed, not summed wrongly.
            self.errors += 1;
            return;
        }
        self.households += 1;
        for (t, s) in self.tally.iter_mut().zip(sides) {
            for (i, x) in t.iter_mut().enumerate() {
                if s.eligible(i) {
                    x.0 += 1;
                    x.1 += u64::from(s.people(i));
                    x.2 += s.amount_fen(i);
                }
            }
        }
    }

    /// Households that failed under at least one value.
    pub fn errors(&self) -> u64 {
        self.errors
    }

    /// One row per value and program, values in the given order.
    pub fn rows(&self) -> Vec<SweepRow> {
        let mut rows = Vec::with_capacity(self.values.len() * self.programs.len());
        for (v, t) in self.values.iter().zip(&self.tally) {
            for (p, (h, people, f)) in self.programs.iter().zip(t) {
                rows.push(SweepRow {
                    value: *v,
                    program: p.as_str(),
                    basis: p.basis().as_str(),
                    households: self.households,
                    errors: self.errors,
                    eligible: *h,
                    people: *people,
                    amount: yuan(*f),
                    // Within MAX_TOTAL_FEN, so a year of payments fits.
                    annual: yuan(f * payments_a_year(*p)),
                });
            }
        }
        rows
    }

    /// A plain-text table for a terminal: per program, one line per value with the change
    /// from the previous value.
    pub fn render(&self, key: &str) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "参数 / parameter: {key}");
        let rows = self.rows();
        for (i, p) in self.programs.iter().enumerate() {
            let _ = writeln!(
                s,
                "\n{}\n{:>14} {:>10} {:>10} {:>16} {:>14} {:>17}",
                p.as_str(),
                "value",
                "eligible",
                "people",
                if p.basis() == PaymentBasis::OneOff {
                    "amount (once)"
                } else {
                    "amount/month"
                },
                "change",
                "annual"
            );
            let mut previous: Option<Decimal> = None;
            for r in rows.iter().skip(i).step_by(self.programs.len()) {
                let change = previous.map_or_else(String::new, |prev| signed(r.amount - prev));
                let _ = writeln!(
                    s,
                    "{:>14} {:>10} {:>10} {:>16} {:>14} {:>17}",
                    r.value, r.eligible, r.people, r.amount, change, r.annual
                );
                previous = Some(r.amount);
            }
        }
        let _ = writeln!(
            s,
            "\n{} households assessed under each of {} values",
            self.households,
            self.values.len()
        );
        if self.errors > 0 {
            let _ = writeln!(
                s,
                "{} household(s) failed under at least one value and are left out of every figure; `hedui score` lists their errors",
                self.errors
            );
        }
        s
    }

    /// The result: one row per value and program: `value`, `program`, `households` (assessed),
    /// `errors`, `eligible`, `people`, `amount` (monthly, or one-off for temporary relief) and
    /// `annual`. `value` is `decimal128(38, s)` with the largest scale among the values.
    pub fn to_batch(&self) -> Result<RecordBatch, Error> {
        let scale = self
            .values
            .iter()
            .map(Decimal::scale)
            .max()
            .unwrap_or(0)
            .min(20);
        let n = self.values.len() * self.programs.len();
        let mut value = Decimal128Builder::with_capacity(n)
            .with_precision_and_scale(38, i8::try_from(scale).unwrap_or(20))
            .map_err(|e| Error::bare(ErrorKind::Internal, e.to_string()))?;
        let mut program = StringBuilder::with_capacity(n, n * 8);
        let mut counts: Vec<Int64Builder> =
            (0..4).map(|_| Int64Builder::with_capacity(n)).collect();
        let mut amount = money_builder(n)?;
        let mut annual = money_builder(n)?;
        for (v, t) in self.values.iter().zip(&self.tally) {
            let mut scaled = *v;
            scaled.rescale(scale);
            for (p, (h, people, f)) in self.programs.iter().zip(t) {
                value.append_value(scaled.mantissa());
                program.append_value(p.as_str());
                for (b, c) in counts
                    .iter_mut()
                    .zip([self.households, self.errors, *h, *people])
                {
                    b.append_value(i64::try_from(c).unwrap_or(i64::MAX));
                }
                amount.append_value(money_value(yuan(*f))?);
                annual.append_value(money_value(yuan(f * payments_a_year(*p)))?);
            }
        }
        let money = DataType::Decimal128(MONEY_PRECISION, MONEY_SCALE);
        let mut fields = vec![
            Field::new(
                "value",
                DataType::Decimal128(38, i8::try_from(scale).unwrap_or(20)),
                false,
            ),
            Field::new("program", DataType::Utf8, false),
        ];
        let mut columns: Vec<ArrayRef> = vec![Arc::new(value.finish()), Arc::new(program.finish())];
        for (name, mut b) in ["households", "errors", "eligible", "people"]
            .into_iter()
            .zip(counts)
        {
            fields.push(Field::new(name, DataType::Int64, false));
            columns.push(Arc::new(b.finish()));
        }
        fields.push(Field::new("amount", money.clone(), false));
        columns.push(Arc::new(amount.finish()));
        fields.push(Field::new("annual", money, false));
        columns.push(Arc::new(annual.finish()));
        RecordBatch::try_new(Arc::new(Schema::new(fields)), columns)
            .map_err(|e| Error::bare(ErrorKind::Internal, e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_quantiles() {
        let v: Vec<i128> = (1..=10).collect();
        assert_eq!(QUANTILES.map(|q| nearest_rank(&v, q)), [1, 1, 5, 9, 10]);
        assert_eq!(QUANTILES.map(|q| nearest_rank(&[7], q)), [7; 5]);
        // ceil(0.1 × 11) = 2, ceil(0.5 × 11) = 6, ceil(0.9 × 11) = 10.
        let v: Vec<i128> = (1..=11).collect();
        assert_eq!(QUANTILES.map(|q| nearest_rank(&v, q)), [1, 2, 6, 10, 11]);
    }

    /// A household eligible for the one program with `fen`.
    fn side(fen: i128) -> Side {
        Side {
            statuses: vec![Some(Status::Eligible)],
            amounts: vec![fen],
            people: vec![1],
            error: None,
        }
    }

    #[test]
    fn a_total_that_would_overflow_counts_the_household_as_failed() {
        let big = i128::try_from(MAX_TOTAL_FEN).unwrap() - 10;
        let mut c = Comparison::new(&[Program::Dibao]);
        for fen in [big, 11, 10] {
            c.add(&Pair {
                region: "360100".to_owned(),
                before: side(fen),
                after: side(fen),
            });
        }
        // The second household would take the total past the bound: failed, not saturated.
        assert_eq!(c.errors(), 1);
        let t = &c.totals()[0];
        assert_eq!(t.households, 2);
        assert_eq!(t.amount_after, yuan(big + 10));
        assert_eq!(t.annual_after, yuan((big + 10) * 12));
        // Far beyond decimal128(18, 2): the Arrow result is an overflow error.
        let e = c.to_batch().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Overflow);

        let mut sweep = Sweep::new(vec![Decimal::ONE], &[Program::Dibao]);
        for fen in [big, 11, 10] {
            sweep.add(&[side(fen)]);
        }
        assert_eq!(sweep.errors(), 1);
        assert_eq!(sweep.rows()[0].amount, yuan(big + 10));
        assert_eq!(sweep.to_batch().unwrap_err().kind(), ErrorKind::Overflow);
    }

    #[test]
    fn an_amount_beyond_the_money_columns_is_an_overflow() {
        let e = fen_of(Decimal::MAX, "dibao").unwrap_err();
        assert_eq!(e.code, ErrorKind::Overflow.code());
        assert!(e.message.starts_with("dibao "), "{}", e.message);
        assert_eq!(fen_of(Decimal::new(123_456, 3), "dibao").unwrap(), 12346);
        assert!(fen_of(Decimal::new(99_999_999_999_999_999, 2), "x").is_ok());
        assert!(fen_of(Decimal::new(1_000_000_000_000_000_000, 2), "x").is_err());
    }
}
