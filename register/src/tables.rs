//! Cases → the four register tables: the inverse of [`crate::Register`].
//!
//! Every fact a register column can carry is written with the column name and Arrow type the
//! register reads (`python/README.md`, "Registers"). A fact with no column (obligors,
//! expenditures, job offers, per-person program fields, …) is an error naming the field, so
//! nothing is lost silently; so is money with more than two decimals (never rounded).

use std::sync::Arc;

use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Decimal128Builder, Int64Builder, ListBuilder, StringBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use hedui_core::case::{
    Agency, Case, Employment, MaritalStatus, Member, Period, VehicleType, VehicleUse,
};
use hedui_core::{Error, ErrorKind, Problem};
use jiff::civil::Date;
use rust_decimal::Decimal;

use crate::results::{MONEY_PRECISION, MONEY_SCALE};

/// The four tables of a register, ready for [`crate::Register::new`] or a file writer.
#[derive(Clone, Debug)]
pub struct Tables {
    /// One row per case.
    pub households: RecordBatch,
    /// One row per member, in case order then member order.
    pub members: RecordBatch,
    /// One row per income record.
    pub incomes: RecordBatch,
    /// One row per asset record.
    pub assets: RecordBatch,
}

/// The Arrow type of the `household_id` column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdType {
    /// `Int64`: every case id is a decimal integer in canonical form (`"42"`, not `"042"`).
    Int64,
    /// `Utf8`: any other id.
    Utf8,
}

impl IdType {
    fn data_type(self) -> DataType {
        match self {
            IdType::Int64 => DataType::Int64,
            IdType::Utf8 => DataType::Utf8,
        }
    }

    /// The type [`to_tables`] uses for these cases.
    pub fn of(cases: &[Case]) -> Self {
        if cases.iter().all(|c| int_id(&c.id).is_some()) {
            IdType::Int64
        } else {
            IdType::Utf8
        }
    }
}

/// The schemas of the four tables, for an empty register or a typed CSV reader.
#[derive(Clone, Debug)]
pub struct Schemas {
    /// Households table.
    pub households: SchemaRef,
    /// Members table.
    pub members: SchemaRef,
    /// Incomes table.
    pub incomes: SchemaRef,
    /// Assets table.
    pub assets: SchemaRef,
}

fn money_type() -> DataType {
    DataType::Decimal128(MONEY_PRECISION, MONEY_SCALE)
}

fn list_type() -> DataType {
    // The item field `ListBuilder` writes, so schema and arrays agree.
    DataType::List(Arc::new(Field::new("item", DataType::Utf8, true)))
}

/// The four schemas; required columns are non-nullable.
pub fn schemas(id: IdType) -> Schemas {
    use DataType::{Boolean, Date32, Int64, Utf8};
    let key = || Field::new("household_id", id.data_type(), false);
    let req = |n: &str, t: DataType| Field::new(n, t, false);
    let opt = |n: &str, t: DataType| Field::new(n, t, true);
    Schemas {
        households: Arc::new(Schema::new(vec![
            key(),
            req("region", Utf8),
            req("as_of", Date32),
            req("residence", Utf8),
            opt("income_window_start", Date32),
            opt("income_window_end", Date32),
            req("checked_sources", list_type()),
            req("auxiliary_flags", list_type()),
            req("enrolled_dibao", Boolean),
            req("enrolled_tekun", Boolean),
            opt("current_dibao_amount", money_type()),
            opt("employment_started_on", Date32),
        ])),
        members: Arc::new(Schema::new(vec![
            key(),
            req("member_id", Utf8),
            req("relation", Utf8),
            req("birth_date", Date32),
            opt("id_number", Utf8),
            req("hukou_in_household", Boolean),
            req("lives_together", Boolean),
            opt("marital_status", Utf8),
            opt("disability_category", Utf8),
            opt("disability_grade", Int64),
            opt("disability_certificate", Boolean),
            opt("illness_name", Utf8),
            opt("illness_on_local_list", Boolean),
            req("schooling", Utf8),
            req("statuses", list_type()),
            opt("left_family_on", Date32),
            opt("employment", Utf8),
            req("cannot_live_independently", Boolean),
            opt("support_duty", Boolean),
        ])),
        incomes: Arc::new(Schema::new(vec![
            key(),
            req("member_id", Utf8),
            req("category", Utf8),
            req("subtype", Utf8),
            req("amount", money_type()),
            req("period_start", Date32),
            req("period_end", Date32),
            req("source", Utf8),
            opt("agency", Utf8),
        ])),
        assets: Arc::new(Schema::new(vec![
            key(),
            req("member_id", Utf8),
            req("kind", Utf8),
            req("value", money_type()),
            req("source", Utf8),
            opt("agency", Utf8),
            opt("vehicle_type", Utf8),
            opt("vehicle_use", Utf8),
            opt("area_m2", money_type()),
        ])),
    }
}

/// A case id as an `Int64` key, when it is one in canonical form (so it reads back equal).
fn int_id(s: &str) -> Option<i64> {
    let n: i64 = s.parse().ok()?;
    (n.to_string() == s).then_some(n)
}

/// Writes `cases` as the four register tables.
///
/// Fails, naming every field (`cases[3].obligors`, up to the usual problem limit), when a
/// case holds a fact the tables cannot carry or money with more than two decimals or more
/// than 16 integer digits. Case ids are not checked for duplicates ([`crate::Register`]
/// reports those per household).
pub fn to_tables(cases: &[Case]) -> Result<Tables, Error> {
    let mut p = Vec::new();
    for (i, c) in cases.iter().enumerate() {
        unrepresentable(i, c, &mut p);
    }
    if !p.is_empty() {
        return Err(Error::from_problems(p));
    }
    let id = IdType::of(cases);
    let s = schemas(id);
    let mut w = Writer::new(id, cases)?;
    for (i, c) in cases.iter().enumerate() {
        w.case(i, c, &mut p);
    }
    if !p.is_empty() {
        return Err(Error::from_problems(p));
    }
    w.finish(&s)
}

fn push(p: &mut Vec<Problem>, kind: ErrorKind, path: String, message: String) {
    if p.len() < hedui_core::case::decode::MAX_PROBLEMS {
        p.push(Problem::at(kind, path, message));
    }
}

/// Facts with no column: an error per field, with the case's path and index.
fn unrepresentable(i: usize, c: &Case, p: &mut Vec<Problem>) {
    let id = hedui_core::case::decode::scrub(&c.id);
    let mut no_column = |field: String| {
        push(
            p,
            ErrorKind::CaseShape,
            format!("cases[{i}].{field}"),
            format!(
                "case `{id}`: `{field}` has no column in the register tables; use the case JSON (evaluate_many) for it"
            ),
        );
    };
    if !c.programs.is_empty() {
        // Programs are set for the whole register (`Register::new`), not per household.
        no_column("programs".to_owned());
    }
    if !c.obligors.is_empty() {
        no_column("obligors".to_owned());
    }
    if !c.expenditures.is_empty() {
        no_column("expenditures".to_owned());
    }
    if c.incident.is_some() {
        no_column("incident".to_owned());
    }
    let h = &c.history;
    if !h.job_offers.is_empty() {
        no_column("history.job_offers".to_owned());
    }
    if h.enrolled_near_dibao {
        no_column("history.enrolled_near_dibao".to_owned());
    }
    if h.rigid_expenditure_recognised_on.is_some() {
        no_column("history.rigid_expenditure_recognised_on".to_owned());
    }
    if !h.prior_relief.is_empty() {
        no_column("history.prior_relief".to_owned());
    }
    for (j, m) in c.members.iter().enumerate() {
        for f in member_extras(m) {
            no_column(format!("members[{j}].{f}"));
        }
    }
    for (j, r) in c.incomes.iter().enumerate() {
        if r.payer.is_some() {
            no_column(format!("incomes[{j}].payer"));
        }
    }
}

/// Per-person fields the members table has no column for, when they differ from the default.
fn member_extras(m: &Member) -> impl Iterator<Item = &'static str> {
    [
        (!m.applies_for.is_empty(), "applies_for"),
        (m.self_care.is_some(), "self_care"),
        (m.tekun_enrolled, "tekun_enrolled"),
        (m.chose_orphan_allowance, "chose_orphan_allowance"),
        (m.withdrew_from_tekun, "withdrew_from_tekun"),
        (m.clergy_hardship.is_some(), "clergy_hardship"),
        (m.unemployment_insured.is_some(), "unemployment_insured"),
        (m.months_without_income.is_some(), "months_without_income"),
    ]
    .into_iter()
    .filter_map(|(set, f)| set.then_some(f))
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`; integer only).
fn days(d: Date) -> i32 {
    let (y, m, dd) = (
        i64::from(d.year()),
        i64::from(d.month()),
        i64::from(d.day()),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + dd - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    // jiff dates span years -9999..=9999, well inside i32 days.
    i32::try_from(era * 146_097 + doe - 719_468).unwrap_or(i32::MIN)
}

/// Money at scale 2 as the `Decimal128(18, 2)` integer; more decimals or more digits is an error.
fn money(d: Decimal, path: impl FnOnce() -> String, p: &mut Vec<Problem>) -> Option<i128> {
    let n = d.normalize();
    let scale = n.scale();
    let v = if scale <= 2 {
        10i128
            .checked_pow(2 - scale)
            .and_then(|f| n.mantissa().checked_mul(f))
    } else {
        push(
            p,
            ErrorKind::InvalidAmount,
            path(),
            format!(
                "{d} has more than two decimal places (the tables hold fen; it is not rounded)"
            ),
        );
        return None;
    };
    match v {
        Some(v) if v.abs() < 10i128.pow(u32::from(MONEY_PRECISION)) => Some(v),
        _ => {
            push(
                p,
                ErrorKind::InvalidAmount,
                path(),
                format!("{d} does not fit decimal128({MONEY_PRECISION}, {MONEY_SCALE})"),
            );
            None
        }
    }
}

enum KeyBuilder {
    Int(Int64Builder),
    Text(StringBuilder),
}

impl KeyBuilder {
    fn new(id: IdType, cap: usize) -> Self {
        match id {
            IdType::Int64 => KeyBuilder::Int(Int64Builder::with_capacity(cap)),
            IdType::Utf8 => KeyBuilder::Text(StringBuilder::with_capacity(cap, cap * 8)),
        }
    }

    fn append(&mut self, id: &str) {
        match self {
            // IdType::of checked every id, so the fallback never runs.
            KeyBuilder::Int(b) => b.append_value(int_id(id).unwrap_or_default()),
            KeyBuilder::Text(b) => b.append_value(id),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            KeyBuilder::Int(b) => Arc::new(b.finish()),
            KeyBuilder::Text(b) => Arc::new(b.finish()),
        }
    }
}

fn dec_builder(cap: usize) -> Result<Decimal128Builder, Error> {
    Decimal128Builder::with_capacity(cap)
        .with_precision_and_scale(MONEY_PRECISION, MONEY_SCALE)
        .map_err(|e| Error::bare(ErrorKind::Internal, format!("money column type: {e}")))
}

struct HouseholdB {
    key: KeyBuilder,
    region: StringBuilder,
    as_of: Date32Builder,
    residence: StringBuilder,
    ws: Date32Builder,
    we: Date32Builder,
    checked: ListBuilder<StringBuilder>,
    aux: ListBuilder<StringBuilder>,
    enrolled_dibao: BooleanBuilder,
    enrolled_tekun: BooleanBuilder,
    current: Decimal128Builder,
    employment_started_on: Date32Builder,
}

struct MemberB {
    key: KeyBuilder,
    id: StringBuilder,
    relation: StringBuilder,
    birth: Date32Builder,
    id_number: StringBuilder,
    hukou: BooleanBuilder,
    lives: BooleanBuilder,
    marital: StringBuilder,
    dis_cat: StringBuilder,
    dis_grade: Int64Builder,
    dis_cert: BooleanBuilder,
    ill_name: StringBuilder,
    ill_list: BooleanBuilder,
    schooling: StringBuilder,
    statuses: ListBuilder<StringBuilder>,
    left: Date32Builder,
    employment: StringBuilder,
    cannot: BooleanBuilder,
    duty: BooleanBuilder,
}

struct IncomeB {
    key: KeyBuilder,
    member: StringBuilder,
    category: StringBuilder,
    subtype: StringBuilder,
    amount: Decimal128Builder,
    start: Date32Builder,
    end: Date32Builder,
    source: StringBuilder,
    agency: StringBuilder,
}

struct AssetB {
    key: KeyBuilder,
    member: StringBuilder,
    kind: StringBuilder,
    value: Decimal128Builder,
    source: StringBuilder,
    agency: StringBuilder,
    vtype: StringBuilder,
    vuse: StringBuilder,
    area: Decimal128Builder,
}

struct Writer {
    h: HouseholdB,
    m: MemberB,
    i: IncomeB,
    a: AssetB,
}

fn opt_str(b: &mut StringBuilder, v: Option<&str>) {
    match v {
        Some(s) => b.append_value(s),
        None => b.append_null(),
    }
}

fn opt_date(b: &mut Date32Builder, v: Option<Date>) {
    b.append_option(v.map(days));
}

impl Writer {
    fn new(id: IdType, cases: &[Case]) -> Result<Self, Error> {
        let nh = cases.len();
        let nm: usize = cases.iter().map(|c| c.members.len()).sum();
        let ni: usize = cases.iter().map(|c| c.incomes.len()).sum();
        let na: usize = cases.iter().map(|c| c.assets.len()).sum();
        let s = |n: usize| StringBuilder::with_capacity(n, n * 8);
        let list = || ListBuilder::new(StringBuilder::new());
        Ok(Self {
            h: HouseholdB {
                key: KeyBuilder::new(id, nh),
                region: s(nh),
                as_of: Date32Builder::with_capacity(nh),
                residence: s(nh),
                ws: Date32Builder::with_capacity(nh),
                we: Date32Builder::with_capacity(nh),
                checked: list(),
                aux: list(),
                enrolled_dibao: BooleanBuilder::with_capacity(nh),
                enrolled_tekun: BooleanBuilder::with_capacity(nh),
                current: dec_builder(nh)?,
                employment_started_on: Date32Builder::with_capacity(nh),
            },
            m: MemberB {
                key: KeyBuilder::new(id, nm),
                id: s(nm),
                relation: s(nm),
                birth: Date32Builder::with_capacity(nm),
                id_number: s(nm),
                hukou: BooleanBuilder::with_capacity(nm),
                lives: BooleanBuilder::with_capacity(nm),
                marital: s(nm),
                dis_cat: s(nm),
                dis_grade: Int64Builder::with_capacity(nm),
                dis_cert: BooleanBuilder::with_capacity(nm),
                ill_name: s(nm),
                ill_list: BooleanBuilder::with_capacity(nm),
                schooling: s(nm),
                statuses: list(),
                left: Date32Builder::with_capacity(nm),
                employment: s(nm),
                cannot: BooleanBuilder::with_capacity(nm),
                duty: BooleanBuilder::with_capacity(nm),
            },
            i: IncomeB {
                key: KeyBuilder::new(id, ni),
                member: s(ni),
                category: s(ni),
                subtype: s(ni),
                amount: dec_builder(ni)?,
                start: Date32Builder::with_capacity(ni),
                end: Date32Builder::with_capacity(ni),
                source: s(ni),
                agency: s(ni),
            },
            a: AssetB {
                key: KeyBuilder::new(id, na),
                member: s(na),
                kind: s(na),
                value: dec_builder(na)?,
                source: s(na),
                agency: s(na),
                vtype: s(na),
                vuse: s(na),
                area: dec_builder(na)?,
            },
        })
    }

    fn case(&mut self, ci: usize, c: &Case, p: &mut Vec<Problem>) {
        let h = &mut self.h;
        h.key.append(&c.id);
        h.region.append_value(&c.region);
        h.as_of.append_value(days(c.as_of));
        h.residence.append_value(c.residence.as_str());
        let (ws, we) = c
            .income_window
            .map(|Period { start, end }| (start, end))
            .unzip();
        opt_date(&mut h.ws, ws);
        opt_date(&mut h.we, we);
        for a in &c.verification.checked_sources {
            h.checked.values().append_value(a.as_str());
        }
        h.checked.append(true);
        for a in &c.verification.auxiliary_flags {
            h.aux.values().append_value(a.as_str());
        }
        h.aux.append(true);
        h.enrolled_dibao.append_value(c.history.enrolled_dibao);
        h.enrolled_tekun.append_value(c.history.enrolled_tekun);
        let cur = c
            .history
            .current_dibao_amount
            .and_then(|d| money(d, || format!("cases[{ci}].history.current_dibao_amount"), p));
        h.current.append_option(cur);
        opt_date(
            &mut h.employment_started_on,
            c.history.employment_started_on,
        );

        let m = &mut self.m;
        for x in &c.members {
            m.key.append(&c.id);
            m.id.append_value(&x.id);
            m.relation.append_value(x.relation.as_str());
            m.birth.append_value(days(x.birth_date));
            opt_str(
                &mut m.id_number,
                x.id_number.as_ref().map(hedui_core::case::IdNumber::expose),
            );
            m.hukou.append_value(x.hukou_in_household);
            m.lives.append_value(x.lives_together);
            opt_str(&mut m.marital, x.marital_status.map(MaritalStatus::as_str));
            match &x.disability {
                Some(d) => {
                    m.dis_cat.append_value(d.category.as_str());
                    m.dis_grade.append_value(i64::from(d.grade));
                    m.dis_cert.append_option(d.certificate);
                }
                None => {
                    m.dis_cat.append_null();
                    m.dis_grade.append_null();
                    m.dis_cert.append_null();
                }
            }
            match &x.illness {
                Some(ill) => {
                    m.ill_name.append_value(&ill.name);
                    m.ill_list.append_value(ill.on_local_list);
                }
                None => {
                    m.ill_name.append_null();
                    m.ill_list.append_null();
                }
            }
            m.schooling.append_value(x.schooling.as_str());
            for s in &x.statuses {
                m.statuses.values().append_value(s.as_str());
            }
            m.statuses.append(true);
            opt_date(&mut m.left, x.left_family_on);
            opt_str(&mut m.employment, x.employment.map(Employment::as_str));
            m.cannot.append_value(x.cannot_live_independently);
            m.duty.append_option(x.support_duty);
        }

        let i = &mut self.i;
        for (j, r) in c.incomes.iter().enumerate() {
            i.key.append(&c.id);
            i.member.append_value(&r.member);
            i.category.append_value(r.category.as_str());
            i.subtype.append_value(r.subtype.as_str());
            let v = money(r.amount, || format!("cases[{ci}].incomes[{j}].amount"), p);
            i.amount.append_value(v.unwrap_or_default());
            i.start.append_value(days(r.period.start));
            i.end.append_value(days(r.period.end));
            i.source.append_value(r.source.as_str());
            opt_str(&mut i.agency, r.agency.map(Agency::as_str));
        }

        let a = &mut self.a;
        for (j, r) in c.assets.iter().enumerate() {
            a.key.append(&c.id);
            a.member.append_value(&r.member);
            a.kind.append_value(r.kind.as_str());
            let v = money(r.value, || format!("cases[{ci}].assets[{j}].value"), p);
            a.value.append_value(v.unwrap_or_default());
            a.source.append_value(r.source.as_str());
            opt_str(&mut a.agency, r.agency.map(Agency::as_str));
            opt_str(&mut a.vtype, r.vehicle_type.map(VehicleType::as_str));
            opt_str(&mut a.vuse, r.vehicle_use.map(VehicleUse::as_str));
            let area = r
                .area_m2
                .and_then(|d| money(d, || format!("cases[{ci}].assets[{j}].area_m2"), p));
            a.area.append_option(area);
        }
    }

    fn finish(mut self, s: &Schemas) -> Result<Tables, Error> {
        fn batch(schema: &SchemaRef, cols: Vec<ArrayRef>) -> Result<RecordBatch, Error> {
            RecordBatch::try_new(Arc::clone(schema), cols).map_err(|e| {
                Error::bare(ErrorKind::Internal, format!("register table assembly: {e}"))
            })
        }
        let h = &mut self.h;
        let households = batch(
            &s.households,
            vec![
                h.key.finish(),
                Arc::new(h.region.finish()),
                Arc::new(h.as_of.finish()),
                Arc::new(h.residence.finish()),
                Arc::new(h.ws.finish()),
                Arc::new(h.we.finish()),
                Arc::new(h.checked.finish()),
                Arc::new(h.aux.finish()),
                Arc::new(h.enrolled_dibao.finish()),
                Arc::new(h.enrolled_tekun.finish()),
                Arc::new(h.current.finish()),
                Arc::new(h.employment_started_on.finish()),
            ],
        )?;
        let m = &mut self.m;
        let members = batch(
            &s.members,
            vec![
                m.key.finish(),
                Arc::new(m.id.finish()),
                Arc::new(m.relation.finish()),
                Arc::new(m.birth.finish()),
                Arc::new(m.id_number.finish()),
                Arc::new(m.hukou.finish()),
                Arc::new(m.lives.finish()),
                Arc::new(m.marital.finish()),
                Arc::new(m.dis_cat.finish()),
                Arc::new(m.dis_grade.finish()),
                Arc::new(m.dis_cert.finish()),
                Arc::new(m.ill_name.finish()),
                Arc::new(m.ill_list.finish()),
                Arc::new(m.schooling.finish()),
                Arc::new(m.statuses.finish()),
                Arc::new(m.left.finish()),
                Arc::new(m.employment.finish()),
                Arc::new(m.cannot.finish()),
                Arc::new(m.duty.finish()),
            ],
        )?;
        let i = &mut self.i;
        let incomes = batch(
            &s.incomes,
            vec![
                i.key.finish(),
                Arc::new(i.member.finish()),
                Arc::new(i.category.finish()),
                Arc::new(i.subtype.finish()),
                Arc::new(i.amount.finish()),
                Arc::new(i.start.finish()),
                Arc::new(i.end.finish()),
                Arc::new(i.source.finish()),
                Arc::new(i.agency.finish()),
            ],
        )?;
        let a = &mut self.a;
        let assets = batch(
            &s.assets,
            vec![
                a.key.finish(),
                Arc::new(a.member.finish()),
                Arc::new(a.kind.finish()),
                Arc::new(a.value.finish()),
                Arc::new(a.source.finish()),
                Arc::new(a.agency.finish()),
                Arc::new(a.vtype.finish()),
                Arc::new(a.vuse.finish()),
                Arc::new(a.area.finish()),
            ],
        )?;
        Ok(Tables {
            households,
            members,
            incomes,
            assets,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_match_the_register_reader() {
        for d in [
            jiff::civil::date(1970, 1, 1),
            jiff::civil::date(1969, 12, 31),
            jiff::civil::date(2000, 2, 29),
            jiff::civil::date(2026, 11, 1),
            jiff::civil::date(1900, 3, 1),
        ] {
            assert_eq!(crate::columns::date_from_days(days(d)), Some(d));
        }
        assert_eq!(days(jiff::civil::date(1970, 1, 2)), 1);
    }

    #[test]
    fn ids_are_integers_only_in_canonical_form() {
        assert_eq!(int_id("42"), Some(42));
        assert_eq!(int_id("-7"), Some(-7));
        assert_eq!(int_id("042"), None);
        assert_eq!(int_id("+4"), None);
        assert_eq!(int_id("a"), None);
    }
}
